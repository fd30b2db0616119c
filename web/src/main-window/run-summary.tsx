/** A run's outcome as the journal's end says it: status, counts per entity, duration, requests. */
import type { ApiCountKind, ApiRun } from '../../../src/service/api-types.ts';
import { useT } from '../i18n/index.ts';
import { entityLabel } from './labels.ts';

const KINDS: readonly ApiCountKind[] = ['created', 'updated', 'unchanged', 'skipped', 'failed'];

export function RunSummary({ run }: { run: ApiRun }) {
  const { t } = useT();
  const entities = Object.entries(run.counts);
  const seconds = run.durationMs === null ? null : (run.durationMs / 1000).toFixed(1);
  return (
    <section className="mw-run-summary" aria-labelledby="run-summary-title" data-testid="run-summary">
      <h3 id="run-summary-title">
        {t('mainWindow.summaryTitle', { id: run.id })} <span className="mw-run-status" role="status" data-status={run.status}>{run.statusLabel}</span>
      </h3>
      {run.message && <p>{run.message}</p>}
      <p>
        {seconds !== null && t('mainWindow.duration', { seconds })}
        {' · '}
        {t('mainWindow.requests', { requests: run.requests, writes: run.writeRequests })}
      </p>
      {entities.length > 0 && (
        <table className="counts">
          <caption className="mw-visually-hidden">{t('mainWindow.countsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('mainWindow.entity')}</th>
              {KINDS.map((k) => <th key={k} scope="col">{t(`mainWindow.count_${k}`)}</th>)}
            </tr>
          </thead>
          <tbody>
            {entities.map(([entity, c]) => (
              <tr key={entity}>
                <th scope="row">{entityLabel(t, entity)}</th>
                {KINDS.map((k) => <td key={k} className={k === 'failed' && c[k] > 0 ? 'mw-bad' : undefined}>{c[k]}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
