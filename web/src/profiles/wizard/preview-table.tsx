/** What a preview of the article export would do in the shop (GET /api/runs/:id/preview), as a table a person reads. */
import type { TextKey } from '../../i18n/index.ts';
import { useT } from '../../i18n/index.ts';

/** The report items this table shows (the shape of src/actions/preview/report.ts, read loosely). */
export interface PreviewItem {
  side: string;
  entity: string;
  op: string;
  key: string;
  changes: { field: string; old?: string | null; new: string | null }[];
}

export interface PreviewAnswer {
  preview: { items: PreviewItem[]; omitted: number };
}

const OPS: Record<string, TextKey> = {
  create: 'profiles.opCreate', update: 'profiles.opUpdate', disable: 'profiles.opDisable', retire: 'profiles.opRetire', validate: 'profiles.opValidate', set: 'profiles.opSet',
};
const ENTITIES: Record<string, TextKey> = { product: 'profiles.entityProduct', variation: 'profiles.entityVariation', category: 'profiles.entityCategory' };
/** Rows listed; the rest is counted (a large catalogue stays readable and the page light). */
const SHOWN = 300;
const FIELDS_SHOWN = 4;
/** Fields that repeat the row's reference or kind: left out of the list of what is sent. */
const REPEATED = new Set(['gescomKey', 'sku', 'kind']);

function fieldsText(changes: PreviewItem['changes']): string {
  const shown = changes.filter((c) => !REPEATED.has(c.field));
  const text = shown.slice(0, FIELDS_SHOWN).map((c) => `${c.field} : ${c.old != null && c.old !== c.new ? `${c.old} → ` : ''}${c.new ?? '∅'}`).join(' · ');
  return shown.length > FIELDS_SHOWN ? `${text} · … (+${shown.length - FIELDS_SHOWN})` : text;
}

export function PreviewTable({ answer }: { answer: PreviewAnswer }) {
  const { t } = useT();
  const items = answer.preview.items.filter((i) => i.side === 'shop');
  const count = (op: string) => items.filter((i) => i.op === op).length;
  const more = Math.max(0, items.length - SHOWN) + answer.preview.omitted;
  if (!items.length && !answer.preview.omitted) return <p data-testid="preview-counts">{t('profiles.previewNothing')}</p>;
  return (
    <>
      <p data-testid="preview-counts">{t('profiles.previewCounts', { create: count('create'), update: count('update'), other: items.length - count('create') - count('update') })}</p>
      <div className="preview-scroll" tabIndex={0} role="region" aria-label={t('profiles.previewCaption')}>
        <table className="preview-table" data-testid="preview-table">
          <caption>{t('profiles.previewCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('profiles.colOp')}</th>
              <th scope="col">{t('profiles.colEntity')}</th>
              <th scope="col">{t('profiles.colKey')}</th>
              <th scope="col">{t('profiles.colChanges')}</th>
            </tr>
          </thead>
          <tbody>
            {items.slice(0, SHOWN).map((i, n) => (
              <tr key={`${i.entity}-${i.key}-${n}`}>
                <td>{OPS[i.op] ? t(OPS[i.op]!) : i.op}</td>
                <td>{ENTITIES[i.entity] ? t(ENTITIES[i.entity]!) : t('profiles.entityOther', { entity: i.entity })}</td>
                <th scope="row">{i.key}</th>
                <td>{fieldsText(i.changes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {more > 0 && <p>{t('profiles.previewMore', { n: more })}</p>}
    </>
  );
}
