/** A run of the first-run path as a person follows it: its live journal, then its outcome. */
import { ErrorBanner } from '../../components/error-banner.tsx';
import { JournalView } from '../../components/journal-view.tsx';
import { useT } from '../../i18n/index.ts';
import type { RunState } from '../use-run.ts';

export function RunPanel({ title, state, testId }: { title: string; state: RunState; testId: string }) {
  const { t } = useT();
  if (!state.running && !state.run && !state.error && state.entries.length === 0) return null;
  return (
    <div className="run-panel" data-testid={testId}>
      <h3>{title}</h3>
      {state.running && <p>{t('profiles.checkRunning')}</p>}
      <JournalView entries={state.entries} label={t('profiles.journalOf', { what: title })} height={180} />
      {state.run && (
        <p className={`run-outcome status-${state.run.status}`} role="status" data-status={state.run.status}>
          {t('profiles.runEnded', { what: title, status: state.run.statusLabel })}
        </p>
      )}
      <ErrorBanner error={state.error} />
    </div>
  );
}
