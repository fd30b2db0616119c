/**
 * The shop as a run sees it through the recorder. Reads pass through. Writes are recorded entity
 * by entity; in a preview they are not sent and are answered with success (creations get a
 * `preview:N` id, and reads about such ids answer as the shop would about a new product), in a
 * real run they are sent and recorded with the shop's answer.
 */
import type {
  AspectWrite, CustomerWrite, ItemResult, OrderSource, ProductWrite, ShopPort, VariationWrite,
} from '../../shops/port.js';
import type { CustomerGroupDraft, ProductDraft } from '../../sync/drafts.js';
import { errorMessage } from '../../errors.js';
import { render, type Text } from '../../i18n/catalogue.js';
import { flatten, type Fields } from './fields.js';
import type { Recorder, SentFields } from './recorder.js';
import { isSyntheticId, type PreviewItem } from './report.js';

const textOf = (e: string | Text | null): string => (e === null ? '' : typeof e === 'string' ? e : render(e));
const ok = (key: string, shopId: string | null, created: boolean): ItemResult => ({ key, ok: true, shopId, created, error: null });

type Ref = (entity: string, id: string | null) => string | null;

/** Fields holding shop ids: as sent, and with the ids this run created named. */
function twice(r: Recorder, build: (ref: Ref) => Fields): SentFields {
  return { raw: build((_entity, id) => id), shown: build((entity, id) => r.ref(entity, id)) };
}

const plain = (fields: Fields): SentFields => ({ raw: fields, shown: fields });

/** What a product write sets, in fields. */
function productFields(w: ProductWrite, ref: Ref): Fields {
  const { variations: _v, aspects: _a, ...draft } = w.draft;
  return flatten({
    ...draft,
    categories: w.categoryIds.map((id) => ref('category', id)),
    linked: w.linkedIds.map((id) => ref('product', id)),
    ...(w.packItems ? { packItems: w.packItems.map((p) => ({ ...p, productId: ref('product', p.productId), variationId: ref('variation', p.variationId) })) } : {}),
  });
}

function variationFields(w: VariationWrite, parentId: string, ref: Ref): Fields {
  const { aspects: _a, ...draft } = w.draft;
  return flatten({ ...draft, parent: ref('product', parentId) });
}

/** An aspect write's fields under the names a product write gives them (stock.quantity, price.regular…). */
function aspectFields(w: AspectWrite): { fields: Fields; only: string[] } {
  const only = (['stock', 'price', 'status'] as const).filter((k) => w[k] !== undefined);
  return { fields: flatten(Object.fromEntries(only.map((k) => [k, w[k]]))), only };
}

export function recordingShop(inner: ShopPort, r: Recorder): ShopPort {
  const preview = r.preview;
  const resultOf = async (results: () => Promise<ItemResult[]>, synthetic: () => ItemResult[]) => (preview ? synthetic() : results());
  const item = (i: Omit<PreviewItem, 'side' | 'ok'>, res: ItemResult | undefined): void => {
    r.add({ side: 'shop', ...i, ok: res?.ok ?? false, ...(res && !res.ok ? { error: textOf(res.error) } : {}) });
  };

  const writes: Partial<ShopPort> = {
    async createCategories(items) {
      const results = await resultOf(() => inner.createCategories(items), () => items.map((c) => ok(c.key, r.syntheticId(), true)));
      for (const c of items) {
        const res = results.find((x) => x.key === c.key);
        const fields = twice(r, (ref) => flatten({ name: c.name, parent: ref('category', c.parentId) }));
        if (res?.ok && res.shopId) r.createdId(res.shopId, 'category', c.key);
        item({ entity: 'category', op: 'create', key: c.key, shopId: res?.shopId ?? null, changes: res?.ok ? r.sent('category', c.key, fields, 'create') : r.tried('category', c.key, fields, 'create') }, res);
      }
      return results;
    },
    async updateCategories(items) {
      const results = await resultOf(() => inner.updateCategories(items), () => items.map((c) => ok(c.key, c.id, false)));
      for (const c of items) {
        const res = results.find((x) => x.key === c.key);
        const fields = twice(r, (ref) => flatten({ name: c.name, parent: ref('category', c.parentId) }));
        item({ entity: 'category', op: 'update', key: c.key, shopId: c.id, changes: res?.ok ? r.sent('category', c.key, fields, 'update') : r.tried('category', c.key, fields, 'update') }, res);
      }
      return results;
    },
    async findVariations(parentId) {
      // A product the preview "created" has no variations yet.
      return isSyntheticId(parentId) ? new Map() : inner.findVariations(parentId);
    },
    async writeProducts(items) {
      const results = await resultOf(() => inner.writeProducts(items), () => items.map((w) => ok(w.draft.gescomKey, w.shopId ?? r.syntheticId(), w.shopId === null)));
      const byKey = new Map(results.map((x) => [x.key, x]));
      for (const w of items) {
        const res = byKey.get(w.draft.gescomKey);
        const op = w.shopId === null ? 'create' : 'update';
        const fields = twice(r, (ref) => productFields(w, ref));
        if (res?.ok && res.shopId && op === 'create') r.createdId(res.shopId, 'product', w.draft.gescomKey);
        item({
          entity: 'product', op, key: w.draft.gescomKey, shopId: res?.shopId ?? w.shopId,
          changes: res?.ok ? r.sent('product', w.draft.gescomKey, fields, op) : r.tried('product', w.draft.gescomKey, fields, op),
        }, res);
      }
      return results;
    },
    async writeVariations(parentId: string, parent: ProductDraft, items: VariationWrite[]) {
      const results = await resultOf(() => inner.writeVariations(parentId, parent, items), () => items.map((w) => ok(w.draft.gescomCode, w.shopId ?? r.syntheticId(), w.shopId === null)));
      const byKey = new Map(results.map((x) => [x.key, x]));
      for (const w of items) {
        const key = w.draft.gescomCode;
        const res = byKey.get(key);
        const op = w.shopId === null ? 'create' : 'update';
        const fields = twice(r, (ref) => variationFields(w, parentId, ref));
        if (res?.ok && res.shopId && op === 'create') r.createdId(res.shopId, 'variation', key);
        item({ entity: 'variation', op, key, shopId: res?.shopId ?? w.shopId, changes: res?.ok ? r.sent('variation', key, fields, op) : r.tried('variation', key, fields, op) }, res);
      }
      return results;
    },
    async writeAspects(items: AspectWrite[]) {
      const results = await resultOf(() => inner.writeAspects(items),
        () => items.map((w) => ok(w.key, w.target.variationId ? `${w.target.productId}/${w.target.variationId}` : w.target.productId, false)));
      const byKey = new Map(results.map((x) => [x.key, x]));
      for (const w of items) {
        const res = byKey.get(w.key);
        const kind = w.target.variationId ? 'variation' : 'product';
        const { fields: aspect, only } = aspectFields(w);
        const fields = plain(aspect);
        const target = w.target.variationId ? `${r.ref('product', w.target.productId)}/${r.ref('variation', w.target.variationId)}` : r.ref('product', w.target.productId);
        item({
          entity: kind, op: 'update', key: w.key, shopId: target, aspects: only,
          changes: res?.ok ? r.sent(kind, w.key, fields, 'update', only) : r.tried(kind, w.key, fields, 'update', only),
        }, res);
      }
      return results;
    },
    async writeCustomerGroups(items: CustomerGroupDraft[]) {
      // Found by name as the adapters do: an existing group is updated, a missing one created.
      const existing = preview ? await inner.customerGroups() : new Map<string, string>();
      const results = await resultOf(() => inner.writeCustomerGroups(items), () => items.map((g) => {
        const id = existing.get(g.name.toLocaleLowerCase('fr'));
        return ok(g.key, id ?? r.syntheticId(), id === undefined);
      }));
      const byKey = new Map(results.map((x) => [x.key, x]));
      for (const g of items) {
        const res = byKey.get(g.key);
        const op = res?.created ? 'create' : 'update';
        const fields = plain(flatten({ name: g.name, priceCategoryId: g.priceCategoryId, taxDisplay: g.taxDisplay }));
        item({ entity: 'customerGroup', op, key: g.key, shopId: res?.shopId ?? null, changes: res?.ok ? r.sent('customerGroup', g.key, fields, op) : r.tried('customerGroup', g.key, fields, op) }, res);
      }
      return results;
    },
    async writeCustomers(items: CustomerWrite[], options: { newOnly: boolean }) {
      const results = await resultOf(() => inner.writeCustomers(items, options), () => items.map((w) => ok(w.draft.gescomKey, w.shopId ?? r.syntheticId(), w.shopId === null)));
      const byKey = new Map(results.map((x) => [x.key, x]));
      for (const w of items) {
        const key = w.draft.gescomKey;
        const res = byKey.get(key);
        const op = w.shopId === null ? 'create' : 'update';
        const fields = plain(flatten(w.draft));
        if (res?.ok && res.shopId && op === 'create') r.createdId(res.shopId, 'customer', key);
        item({ entity: 'customer', op, key, shopId: res?.shopId ?? w.shopId, changes: res?.ok ? r.sent('customer', key, fields, op) : r.tried('customer', key, fields, op) }, res);
      }
      return results;
    },
    async disableCustomers(items) {
      const results = await resultOf(() => inner.disableCustomers(items), () => items.map((c) => ok(c.key, c.shopId, false)));
      const byKey = new Map(results.map((x) => [x.key, x]));
      for (const c of items) item({ entity: 'customer', op: 'disable', key: c.key, shopId: c.shopId, changes: [{ field: 'email', new: c.email }] }, byKey.get(c.key));
      return results;
    },
    orderSource() {
      const source = inner.orderSource();
      return source ? recordingOrderSource(source, r) : null;
    },
  };
  if (inner.retireProducts) {
    const retire = inner.retireProducts.bind(inner);
    writes.retireProducts = async (items) => {
      const results = await resultOf(() => retire(items), () => items.map((p) => ok(p.key, p.shopId, false)));
      const byKey = new Map(results.map((x) => [x.key, x]));
      for (const p of items) item({ entity: 'product', op: 'retire', key: p.key, shopId: p.shopId, changes: [{ field: 'sku', old: p.sku, new: null }] }, byKey.get(p.key));
      return results;
    };
  }
  // Everything else (reads, capabilities, stats, an adapter's own extras) is the shop's own.
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && prop in writes) return writes[prop as keyof ShopPort];
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

function recordingOrderSource(inner: OrderSource, r: Recorder): OrderSource {
  const setStatus: OrderSource['setStatus'] = async (id, status, o) => {
    let error: string | undefined;
    try {
      if (!r.preview) return await inner.setStatus(id, status, o);
      return undefined;
    } catch (err) {
      error = errorMessage(err);
      throw err;
    } finally {
      r.add({
        side: 'shop', entity: 'orderStatus', op: 'update', key: id, ok: error === undefined, ...(error !== undefined ? { error } : {}),
        changes: [
          { field: 'status', new: status }, { field: 'documentNumber', new: o.documentNumber },
          ...(o.note !== undefined ? [{ field: 'note', new: o.note }] : []), { field: 'notifyCustomer', new: String(o.notifyCustomer) },
          ...(o.trackingNumber !== undefined ? [{ field: 'trackingNumber', new: o.trackingNumber }] : []),
          ...(o.trackingCompany !== undefined ? [{ field: 'trackingCompany', new: o.trackingCompany }] : []),
          ...(o.trackingUrl !== undefined ? [{ field: 'trackingUrl', new: o.trackingUrl }] : []),
        ],
      });
    }
  };
  return new Proxy(inner, {
    get(target, prop, receiver) {
      if (prop === 'setStatus') return setStatus;
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
