/** A re-import run followed live: its journal (virtualised), its outcome, a way to stop it. */
import { useEffect, useState } from 'react';
import type { ApiJournalEntry, ApiRun } from '../../../src/service/api-types.ts';
import { api } from '../api.ts';
import { ErrorBanner } from '../components/error-banner.tsx';
import { JournalView } from '../components/journal-view.tsx';
import { useT } from '../i18n/index.ts';
import { followRun } from '../run-stream.ts';

export function RunPanel({ runId, ids, onEnd }: { runId: number; ids: string[]; onEnd: (run: ApiRun | null) => void }) {
  const { t } = useT();
  const [entries, setEntries] = useState<ApiJournalEntry[]>([]);
  const [ended, setEnded] = useState<ApiRun | null | undefined>(undefined);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setEntries([]);
    setEnded(undefined);
    const buffer: ApiJournalEntry[] = [];
    // Lines arrive in bursts: one render per animation frame, not per line.
    let frame = 0;
    const flush = () => {
      frame = 0;
      setEntries([...buffer]);
    };
    const stop = followRun(runId, {
      onEntry: (e) => {
        buffer.push(e);
        frame ||= requestAnimationFrame(flush);
      },
      onEnd: (run) => {
        if (frame) cancelAnimationFrame(frame);
        flush();
        setEnded(run);
        onEnd(run);
      },
      onError: setError,
    });
    return () => {
      stop();
      if (frame) cancelAnimationFrame(frame);
    };
    // onEnd is the caller's refresh: a new one each render must not restart the stream.
  }, [runId]);
  return (
    <section className="orders-run" aria-labelledby="orders-run-title">
      <h2 id="orders-run-title">{t('orders.runTitle', { ids: ids.join(', '), id: runId })}</h2>
      <p role="status" data-testid="orders-run-status" data-status={ended?.status ?? 'running'}>
        {ended === undefined ? t('orders.running') : t('orders.runEnded', { status: ended?.statusLabel ?? '?' })}
        {ended?.message ? ` — ${ended.message}` : ''}
      </p>
      {ended === undefined && (
        <button type="button" onClick={() => void api.post(`/api/runs/${runId}/cancel`).catch(setError)}>
          {t('orders.stop')}
        </button>
      )}
      <ErrorBanner error={error} />
      <JournalView entries={entries} label={t('orders.journal', { id: runId })} height={240} />
    </section>
  );
}
