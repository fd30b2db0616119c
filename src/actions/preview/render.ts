/** A run report as lines a person reads, in the reader's language (journal, CLI). */
import type { MessageKey, MessageParams } from '../../i18n/catalogue.js';
import type { Journal } from '../../journal/journal.js';
import type { FieldChange, PreviewItem, PreviewReport } from './report.js';

type T = (key: MessageKey, params?: MessageParams) => string;

/** Fields a creation shows first; the others are in the JSON. */
const FIRST = ['name', 'sku', 'email', 'firstName', 'lastName', 'company', 'price.regular', 'stock.quantity', 'active', 'parent', 'categories', 'status', 'documentNumber'];
const CREATED_SHOWN = 8;
const CHANGES_SHOWN = 25;
/** Lines a preview writes to the journal; the rest is in its report. */
const JOURNAL_LINES = 400;

/** Shop ids created by the run, as `new:product:AR001` in the data: named in the reader's language. */
function named(t: T, v: string): string {
  return v.replace(/new:(\w+):([^,]+)/g, (_m, entity: string, key: string) => t('preview.newRef', { entity: t(`preview.entity.${entity}` as MessageKey), key }));
}

function changeLines(t: T, i: PreviewItem): string[] {
  const value = (v: string | null | undefined) => (v === undefined ? t('preview.unknown') : v === null || v === '' ? t('preview.empty') : named(t, v));
  let shown: FieldChange[] = i.changes;
  if (i.op === 'create') {
    const rank = (f: string) => (FIRST.includes(f) ? FIRST.indexOf(f) : FIRST.length);
    shown = [...i.changes].sort((a, b) => rank(a.field) - rank(b.field)).slice(0, CREATED_SHOWN);
  } else shown = i.changes.slice(0, CHANGES_SHOWN);
  const lines = shown.map((c) => ('old' in c || i.op !== 'create'
    ? t('preview.change', { field: c.field, old: value(c.old), new: value(c.new) })
    : t('preview.value', { field: c.field, new: value(c.new) })));
  if (i.changes.length > shown.length) lines.push(t('preview.moreFields', { n: i.changes.length - shown.length }));
  return lines;
}

function documentLines(t: T, i: PreviewItem): string[] {
  const d = i.document;
  if (!d) return [];
  return [
    t('preview.docHead', { type: d.type, date: d.date.slice(0, 10), customer: d.customerCode, order: d.shopOrderId ?? '-', mode: d.priceMode }),
    ...d.lines.map((l) => t('preview.docLine', {
      pos: l.position, code: l.articleCode ?? '', designation: l.designation, qty: l.quantity, price: l.unitPrice, discount: l.discountPercent,
      ht: l.totalHt, vat: l.totalVat, vatCode: l.vatCode ?? '-', ttc: l.totalTtc,
    })),
    t('preview.docTotals', { ht: d.totals.totalHt, vat: d.totals.totalVat, ttc: d.totals.totalTtc, paid: d.totals.paid, due: d.totals.due }),
  ];
}

/** Every line of the report: a title, a summary, then each item with its changes or its document. */
export function reportLines(report: PreviewReport, t: T): string[] {
  const count = (side: string) => report.items.filter((i) => i.side === side).length;
  const lines = [
    t(report.preview ? 'preview.title' : 'preview.titleDone', { id: report.runId, action: report.action, profile: report.profile }),
    report.items.length ? t('preview.summary', { shop: count('shop'), gescom: count('gescom'), profile: count('profile') }) : t('preview.nothing'),
  ];
  for (const i of report.items) {
    const op = t(`${report.preview ? 'preview.op' : 'preview.opDone'}.${i.op}` as MessageKey);
    const shopId = i.shopId && i.side === 'shop' ? ` [${i.shopId}]` : '';
    lines.push(t('preview.item', { side: t(`preview.side.${i.side}` as MessageKey), entity: t(`preview.entity.${i.entity}` as MessageKey), key: `${i.key}${shopId}`, op }));
    if (!i.ok) lines.push(`    ${t('preview.failed', { error: i.error ?? '' })}`);
    lines.push(...documentLines(t, i), ...changeLines(t, i));
  }
  if (report.omitted) lines.push(t('preview.omitted', { n: report.omitted }));
  for (const n of report.notes) lines.push(t(n.key, n.params));
  return lines;
}

/** A preview's report in its journal, in the profile's language (the first lines; all of it in the report). */
export function journalReport(journal: Journal, report: PreviewReport): void {
  const lines = reportLines(report, journal.t.bind(journal));
  for (const line of lines.slice(0, JOURNAL_LINES)) journal.info(line);
  if (lines.length > JOURNAL_LINES) journal.info(journal.t('preview.more', { n: lines.length - JOURNAL_LINES, id: report.runId }));
}
