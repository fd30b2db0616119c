/**
 * What a preview run would do (GET /api/runs/:id/preview), as a table: side, entity, operation,
 * key and the fields it would change (old -> new). Long reports show their first rows and say how
 * many more there are.
 */
import { useEffect, useState } from 'react';
import { api } from '../api.ts';
import { ErrorBanner } from '../components/error-banner.tsx';
import { useT } from '../i18n/index.ts';
import { entityLabel } from './labels.ts';

interface ReportItem {
  side: 'shop' | 'gescom' | 'profile';
  entity: string;
  op: string;
  key: string;
  changes: { field: string; old?: string | null; new: string | null }[];
  document?: { number: string; totals?: Record<string, string> };
  ok: boolean;
  error?: string;
}
interface Report {
  items: ReportItem[];
  omitted: number;
  preview: boolean;
}

const SHOWN = 200;
const OPS = ['create', 'update', 'disable', 'retire', 'validate', 'set'] as const;
const show = (v: string | null | undefined) => (v === null || v === undefined || v === '' ? '∅' : v);

export function PreviewReport({ runId }: { runId: number }) {
  const { t } = useT();
  const [report, setReport] = useState<Report | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    api.get<{ preview: Report }>(`/api/runs/${runId}/preview`).then((r) => live && setReport(r.preview), (err: unknown) => live && setError(err));
    return () => {
      live = false;
    };
  }, [runId]);
  if (error) return <ErrorBanner error={error} />;
  if (!report) return <p>{t('common.loading')}</p>;
  const more = report.items.length - SHOWN + report.omitted;
  return (
    <section className="mw-preview-report" aria-labelledby="preview-title" data-testid="preview-report">
      <h3 id="preview-title">{t('mainWindow.previewTitle', { n: report.items.length + report.omitted })}</h3>
      {report.items.length === 0 ? (
        <p>{t('mainWindow.previewNothing')}</p>
      ) : (
        <div className="mw-table-scroll" tabIndex={0} role="region" aria-label={t('mainWindow.previewTitle', { n: report.items.length + report.omitted })}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('mainWindow.previewSide')}</th>
                <th scope="col">{t('mainWindow.entity')}</th>
                <th scope="col">{t('mainWindow.previewOp')}</th>
                <th scope="col">{t('mainWindow.previewKey')}</th>
                <th scope="col">{t('mainWindow.previewChanges')}</th>
              </tr>
            </thead>
            <tbody>
              {report.items.slice(0, SHOWN).map((item, i) => (
                <tr key={i} className={item.ok ? undefined : 'mw-bad'}>
                  <td>{t(`mainWindow.side_${item.side}`)}</td>
                  <td>{entityLabel(t, item.entity)}</td>
                  <td>{(OPS as readonly string[]).includes(item.op) ? t(`mainWindow.op_${item.op as (typeof OPS)[number]}`) : item.op}</td>
                  <td>{item.document ? `${item.key} (${item.document.number})` : item.key}</td>
                  <td>
                    {item.changes.slice(0, 6).map((c) => (
                      <span key={c.field} className="mw-change">
                        <code>{c.field}</code> : {'old' in c ? `${show(c.old)} → ` : ''}{show(c.new)}
                      </span>
                    ))}
                    {item.changes.length > 6 && <span className="mw-change">{t('mainWindow.moreChanges', { n: item.changes.length - 6 })}</span>}
                    {item.error && <span className="mw-change mw-bad">{item.error}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {more > 0 && <p>{t('mainWindow.previewMore', { n: more })}</p>}
    </section>
  );
}
