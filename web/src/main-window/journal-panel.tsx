/**
 * The main window's text zone: the followed run's journal live (virtualised), its progress as a
 * bar with the latest "--> n/N" line, a filter (text, errors only), a Stop button while it runs,
 * and at the end its summary and, for a preview, its report.
 */
import { useDeferredValue, useMemo, useState } from 'react';
import { ErrorBanner } from '../components/error-banner.tsx';
import { JournalView } from '../components/journal-view.tsx';
import { useT } from '../i18n/index.ts';
import { actionLabel } from './labels.ts';
import type { LiveRun } from './live-run.ts';
import { PreviewReport } from './preview-report.tsx';
import { RunSummary } from './run-summary.tsx';

export function JournalPanel({ live }: { live: LiveRun }) {
  const { t } = useT();
  const [text, setText] = useState('');
  const [errorsOnly, setErrorsOnly] = useState(false);
  const query = useDeferredValue(text.trim().toLowerCase());
  const { entries, version, run, progress, end, running } = live;
  const shown = useMemo(
    () => (query || errorsOnly ? entries.filter((e) => (!errorsOnly || e.level === 'error') && (!query || e.line.toLowerCase().includes(query))) : entries),
    // `version` changes when `entries` grows in place.
    [entries, version, query, errorsOnly],
  );
  const errors = useMemo(() => entries.filter((e) => e.level === 'error').length, [entries, version]);
  return (
    <section className="journal-panel" aria-labelledby="journal-title">
      <div className="mw-journal-head">
        <h2 id="journal-title">
          {run ? t(run.preview ? 'mainWindow.journalOfPreview' : 'mainWindow.journalOf', { action: actionLabel(t, run.action), id: run.id }) : t('mainWindow.journalTitle')}
        </h2>
        {running && (
          <button type="button" className="mw-stop" onClick={() => void live.stop()}>
            {t('mainWindow.stop')}
          </button>
        )}
      </div>
      <ErrorBanner error={live.error} />
      {live.elsewhere && <p className="mw-notice">{t('mainWindow.runElsewhere')}</p>}
      {running && progress && (
        <div className="mw-progress-line" data-testid="progress">
          <progress max={progress.total} value={progress.index} aria-label={t('mainWindow.progressLabel')} />
          <span>{progress.text}</span>
        </div>
      )}
      <div className="mw-journal-filter" role="group" aria-label={t('mainWindow.filterGroup')}>
        <label>
          {t('mainWindow.filterText')}{' '}
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <label>
          <input type="checkbox" checked={errorsOnly} onChange={(e) => setErrorsOnly(e.target.checked)} /> {t('mainWindow.errorsOnly', { n: errors })}
        </label>
        <span className="mw-journal-count">{t('mainWindow.lineCount', { shown: shown.length, total: entries.length })}</span>
      </div>
      {run ? (
        <JournalView entries={shown} label={t('mainWindow.journalTitle')} height={300} />
      ) : (
        <p className="mw-journal-empty">{t('mainWindow.journalEmpty')}</p>
      )}
      {end && <RunSummary run={end} />}
      {end && run?.preview && <PreviewReport runId={run.id} />}
    </section>
  );
}
