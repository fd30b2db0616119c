/** The Site Web tab's "Tester la connexion": runs the shop.check action on the saved profile and shows its journal as it comes. */
import { useEffect, useRef, useState } from 'react';
import type { ApiJournalEntry, ApiRun, ApiRunStarted } from '../../../src/service/api-types.ts';
import { api } from '../api.ts';
import { ErrorBanner } from '../components/error-banner.tsx';
import { JournalView } from '../components/journal-view.tsx';
import { useT } from '../i18n/index.ts';
import { followRun } from '../run-stream.ts';

export function ShopCheck({ profile, unsaved }: { profile: string; unsaved: boolean }) {
  const { t } = useT();
  const [entries, setEntries] = useState<ApiJournalEntry[]>([]);
  const [run, setRun] = useState<ApiRun | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const stop = useRef<(() => void) | null>(null);
  useEffect(() => () => stop.current?.(), []);

  const start = async () => {
    setEntries([]);
    setRun(null);
    setError(null);
    setRunning(true);
    try {
      const started = await api.post<ApiRunStarted>('/api/runs', { profile, action: 'shop.check' });
      stop.current = followRun(started.id, {
        onEntry: (e) => setEntries((prev) => [...prev, e]),
        onEnd: (r) => {
          setRun(r);
          setRunning(false);
        },
        onError: (err) => {
          setError(err);
          setRunning(false);
        },
      });
    } catch (err) {
      setError(err);
      setRunning(false);
    }
  };

  return (
    <section className="pd-check" aria-labelledby="pd-check-title">
      <h3 id="pd-check-title">{t('profileDialog.testConnection')}</h3>
      {unsaved && <p className="pd-note">{t('profileDialog.testSaveFirst')}</p>}
      <button type="button" onClick={() => void start()} disabled={running}>
        {running ? t('profileDialog.testing') : t('profileDialog.testConnection')}
      </button>
      <ErrorBanner error={error} />
      {run && <p role="status" data-testid="shop-check-status" data-status={run.status}>{run.statusLabel}{run.message ? ` — ${run.message}` : ''}</p>}
      {(entries.length > 0 || running) && <JournalView entries={entries} label={t('profileDialog.testJournal')} height={160} />}
    </section>
  );
}
