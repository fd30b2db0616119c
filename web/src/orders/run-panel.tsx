/** A re-import run followed live: its journal (virtualised), its outcome, a way to stop it. */
import { useEffect, useRef, useState } from 'react';
import type { ApiRun } from '../../../src/service/api-types.ts';
import { api } from '../api.ts';
import { ErrorBanner } from '../components/error-banner.tsx';
import { JournalView } from '../components/journal-view.tsx';
import { useFollowRun } from '../components/use-follow-run.ts';
import { useT } from '../i18n/index.ts';

export function RunPanel({ runId, ids, onEnd }: { runId: number; ids: string[]; onEnd: (run: ApiRun | null) => void }) {
  const { t } = useT();
  const endRef = useRef(onEnd);
  endRef.current = onEnd;
  // onEnd is the caller's refresh: a new one each render must not restart the stream.
  const f = useFollowRun({ onEnd: (run) => endRef.current(run) });
  const [stopError, setStopError] = useState<unknown>(null);
  useEffect(() => {
    void f.follow(runId);
  }, [runId, f.follow]);
  const ended = f.running || f.id !== runId ? undefined : f.end;
  return (
    <section className="orders-run" aria-labelledby="orders-run-title">
      <h2 id="orders-run-title">{t('orders.runTitle', { ids: ids.join(', '), id: runId })}</h2>
      {/* Without a record (its following cut), the error banner below says where the outcome is. */}
      <p role="status" data-testid="orders-run-status" data-status={ended === undefined ? 'running' : ended?.status ?? 'interrupted'}>
        {ended === undefined ? t('orders.running') : ended ? t('orders.runEnded', { status: ended.statusLabel }) : ''}
        {ended?.message ? ` — ${ended.message}` : ''}
      </p>
      {f.running && (
        <button type="button" onClick={() => void api.post(`/api/runs/${runId}/cancel`).catch(setStopError)}>
          {t('orders.stop')}
        </button>
      )}
      <ErrorBanner error={f.error ?? stopError} />
      <JournalView entries={f.entries} label={t('orders.journal', { id: runId })} height={240} />
    </section>
  );
}
