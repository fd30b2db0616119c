/** The Site Web tab's "Tester la connexion": runs the shop.check action on the saved profile and shows its journal as it comes. */
import type { ApiRunStarted } from '../../../src/service/api-types.ts';
import { api } from '../api.ts';
import { ErrorBanner } from '../components/error-banner.tsx';
import { JournalView } from '../components/journal-view.tsx';
import { useFollowRun } from '../components/use-follow-run.ts';
import { useT } from '../i18n/index.ts';

export function ShopCheck({ profile, unsaved }: { profile: string; unsaved: boolean }) {
  const { t } = useT();
  const f = useFollowRun({ flushMs: 50 });
  const { entries, end: run, running, error } = f;
  const start = () => f.start(() => api.post<ApiRunStarted>('/api/runs', { profile, action: 'shop.check' }));

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
