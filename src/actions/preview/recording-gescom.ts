/**
 * The GesCom as a run sees it through the recorder: every call goes through (in a preview, to the
 * company's working copy, see GesComPort.previewCopy), and each write is recorded with what it
 * changed, read back from the GesCom itself: a document with its lines and the totals the GesCom
 * computed, a customer or an article with its fields old -> new.
 */
import type { GesComPort } from '../../gescom/port.js';
import type { SalesDocument } from '../../gescom/model.js';
import { created, changed, flatten, type Fields } from './fields.js';
import type { Recorder } from './recorder.js';
import type { DocumentPreview } from './report.js';

/** Stamps the GesCom sets itself: they differ between a preview and its run, and say nothing about the change. */
const STAMPS = new Set(['createdAt', 'modifiedAt']);

function fieldsOf(value: unknown): Fields {
  const out = flatten(value);
  for (const k of Object.keys(out)) if (STAMPS.has(k)) delete out[k];
  return out;
}

export function documentPreview(d: SalesDocument): DocumentPreview {
  return {
    type: d.type, number: d.number, date: d.date, customerCode: d.customerCode, shopOrderId: d.shopOrderId, priceMode: d.priceMode,
    lines: d.lines.map((l) => ({
      position: l.position, articleCode: l.articleCode, designation: l.designation, quantity: l.quantity, unitPrice: l.unitPrice,
      discountPercent: l.discountPercent, vatCode: l.vatCode, totalHt: l.totalHt, totalVat: l.totalVat, totalTtc: l.totalTtc,
    })),
    footer: d.footer,
    totals: d.totals,
    payments: d.payments.map((p) => ({ modeCode: p.modeCode, amount: p.amount })),
  };
}

export function recordingGesCom(inner: GesComPort, r: Recorder): GesComPort {
  const add = (entity: string, op: 'create' | 'update' | 'validate' | 'set', key: string, changes = [] as ReturnType<typeof created>, document?: DocumentPreview) =>
    r.add({ side: 'gescom', entity, op, key, changes, ok: true, ...(document ? { document } : {}) });

  const writes: Partial<GesComPort> = {
    async createDocument(input) {
      const doc = await inner.createDocument(input);
      add('document', 'create', doc.number, [], documentPreview(doc));
      return doc;
    },
    async validateDocument(number) {
      const doc = await inner.validateDocument(number);
      add('document', 'validate', number);
      return doc;
    },
    async setDocumentShopKey(number, shopKey) {
      const before = await inner.document(number);
      await inner.setDocumentShopKey(number, shopKey);
      add('document', 'update', number, [{ field: 'shopKey', old: before?.shopKey ?? null, new: shopKey }]);
    },
    async setDocumentTracking(number, tracking) {
      const before = await inner.document(number);
      const doc = await inner.setDocumentTracking(number, tracking);
      const trackingOf = (d: SalesDocument) => fieldsOf({ trackingNumber: d.trackingNumber, carrier: d.carrier });
      add('document', 'update', number, changed(before ? trackingOf(before) : null, trackingOf(doc)));
      return doc;
    },
    async addPayment(number, payment) {
      const p = await inner.addPayment(number, payment);
      add('payment', 'create', number, created(fieldsOf({ modeCode: p.modeCode, journalCode: p.journalCode, amount: p.amount, date: p.date, label: p.label })));
      return p;
    },
    async validatePayment(id) {
      await inner.validatePayment(id);
      add('payment', 'validate', String(id));
    },
    async createCustomer(input) {
      const c = await inner.createCustomer(input);
      add('customer', 'create', c.code, created(fieldsOf(c)));
      return c;
    },
    async updateCustomer(code, patch) {
      const before = await inner.customer(code);
      const c = await inner.updateCustomer(code, patch);
      add('customer', 'update', code, changed(before ? fieldsOf(before) : null, fieldsOf(c)));
      return c;
    },
    async updateArticle(code, patch) {
      const before = await inner.article(code);
      const a = await inner.updateArticle(code, patch);
      add('article', 'update', code, changed(before ? fieldsOf(before) : null, fieldsOf(a)));
      return a;
    },
    async setArticleCustomField(code, name, value) {
      const before = (await inner.article(code))?.customFields?.[name];
      await inner.setArticleCustomField(code, name, value);
      add('article', 'set', code, [{ field: `customFields.${name}`, old: before === undefined || before === null ? null : String(before), new: value === null ? null : String(value) }]);
    },
    async setStock(code, depot, levels) {
      const before = (await inner.stockLevels(code)).find((l) => l.depotCode === depot);
      const after = await inner.setStock(code, depot, levels);
      const pick = (l: typeof after | undefined) => (l ? fieldsOf({ real: l.real, reserved: l.reserved, ordered: l.ordered }) : null);
      add('stock', 'set', `${code}@${depot}`, changed(pick(before), pick(after)!));
      return after;
    },
    async setPrice(code, category, price, discount) {
      const before = await inner.price(code, category);
      await inner.setPrice(code, category, price, discount);
      const after = await inner.price(code, category);
      const pick = (p: typeof before) => (p ? fieldsOf({ price: p.price, discountPercent: p.discountPercent }) : null);
      add('price', 'set', `${code}#${category}`, changed(pick(before), pick(after) ?? {}));
    },
  };
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && prop in writes) return writes[prop as keyof GesComPort];
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
