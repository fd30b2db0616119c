/**
 * What a run would do (a preview) or did (a real run), entity by entity: the shop writes and the
 * GesCom writes the recorders saw (recorder-shop.ts, recorder-gescom.ts). A preview and the real
 * run that follows it give equal reports once made comparable (comparableReport).
 */
import type { DocumentFooter, DocumentTotals, DocumentType } from '../../gescom/model.js';
import type { Text } from '../../i18n/catalogue.js';

/** A field an item sets: `old` absent when not known (never sent by a recorded run), null when empty. */
export interface FieldChange {
  field: string;
  old?: string | null;
  new: string | null;
}

export interface DocumentLinePreview {
  position: number;
  articleCode: string | null;
  designation: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  vatCode: string | null;
  totalHt: string;
  totalVat: string;
  totalTtc: string;
}

export interface DocumentPreview {
  type: DocumentType;
  number: string;
  date: string;
  customerCode: string;
  shopOrderId: string | null;
  priceMode: string;
  lines: DocumentLinePreview[];
  /** Shipping and discounts in the footer (absent from reports recorded before it was kept). */
  footer?: DocumentFooter;
  totals: DocumentTotals;
  payments: { modeCode: string; amount: string }[];
}

export type PreviewSide = 'shop' | 'gescom' | 'profile';
export type PreviewOp = 'create' | 'update' | 'disable' | 'retire' | 'validate' | 'set';

export interface PreviewItem {
  side: PreviewSide;
  /** category, product, variation, customer, customerGroup, orderStatus, document, payment, article, stock, price… */
  entity: string;
  op: PreviewOp;
  /** The GesCom key (article code, customer code), the shop order id, or the document number. */
  key: string;
  /** Shop id: the existing one for an update, a `preview:N` id (or the new real id) for a creation. */
  shopId?: string | null;
  /** Aspect writes: which (stock, price, status). */
  aspects?: string[];
  changes: FieldChange[];
  document?: DocumentPreview;
  /** Whether the write went through (a preview answers every write with success). */
  ok: boolean;
  error?: string;
}

export interface PreviewReport {
  runId: number;
  profile: string;
  action: string;
  /** true: what the run would do; false: what a real run did (recorded the same way). */
  preview: boolean;
  items: PreviewItem[];
  /** Items beyond the kept maximum: counted, not listed (the run's counts hold them all). */
  omitted: number;
  /** What the preview could not foresee or left out, in the reader's language. */
  notes: Text[];
}

/** Items kept per report: a first export of a large catalogue lists the first ones and counts the rest. */
export const MAX_REPORT_ITEMS = 5_000;

/** A synthetic shop id, recognisable as such. */
export const isSyntheticId = (id: string | null | undefined): boolean => typeof id === 'string' && id.startsWith('preview:');

/**
 * A report as compared with another: shop ids of creations (synthetic in a preview, real in the
 * run) and profile dates (the run's own start time) left out; items sorted by side, entity and key
 * (pages of a run travel concurrently: their order is not part of what the run does), the order of
 * one entity's writes kept.
 */
export function comparableReport(r: PreviewReport): unknown[] {
  const sortKey = (i: PreviewItem) => `${i.side}\u0000${i.entity}\u0000${i.key}`;
  return [...r.items]
    .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : sortKey(a) > sortKey(b) ? 1 : 0))
    .map((i) => ({
      ...i,
      shopId: i.op === 'create' ? undefined : i.shopId,
      changes: i.side === 'profile' ? i.changes.map((c) => c.field) : i.changes,
    }));
}
