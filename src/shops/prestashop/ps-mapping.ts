/**
 * Drafts -> PrestaShop webservice records (pure). Prices are sent tax excluded with 6 decimals
 * (products.price and combination impacts are HT, docs/shop-apis.md 2.8); multilang fields carry
 * one `<language>` per shop language; an update carries only what the update switches allow
 * (ART-14), so that what is not sent is never touched.
 */
import { Decimal, dec } from '../../util/decimal.js';
import type { ShopSettings } from '../adapter.js';
import type { PriceDraft, ProductDraft, VariationDraft } from '../../sync/drafts.js';
import type { PsLangValue } from './ws-client.js';
import type { PsRecord } from './webservice.js';

/** Multilang fields of the resources the catalogue writes (their JSON read is a string with one language). */
export const MULTILANG: Record<string, readonly string[]> = {
  products: ['name', 'link_rewrite', 'description', 'description_short', 'meta_title', 'meta_description', 'meta_keywords',
    'available_now', 'available_later', 'delivery_in_stock', 'delivery_out_stock'],
  categories: ['name', 'link_rewrite', 'description', 'meta_title', 'meta_description', 'meta_keywords'],
  product_options: ['name', 'public_name'],
  product_option_values: ['name'],
  product_features: ['name'],
  product_feature_values: ['value'],
  attachments: ['name', 'description'],
  groups: ['name'],
};

/** Fields the webservice refuses or chokes on when a read record is written back (fixtures 561/562) or never writes. */
export const PRODUCT_READ_ONLY = ['manufacturer_name', 'quantity', 'position_in_category', 'id_default_image', 'id_default_combination',
  'associated_shops', 'date_add', 'date_upd', 'type', 'cache_default_attribute', 'cache_is_pack', 'cache_has_attachments', 'indexed'];

/** How a GesCom VAT code becomes a tax rules group: an id, left to the shop, or refused. */
export type TaxGroupChoice =
  | { kind: 'group'; id: string; rate: string | null }
  | { kind: 'leave' }
  | { kind: 'refuse'; vatCode: string; rate: string };

export interface PsTaxGroup {
  id: string;
  name: string;
  /** Rate applied in the shop's default country, null when the group has no rule there. */
  rate: string | null;
}

function rateKey(rate: string): string {
  return dec(rate).toFixed();
}

/**
 * ART-04 on PrestaShop: the tax rules group of a GesCom VAT code. In order: the default group
 * applied to every product; the profile's mapping (articles.taxes.mapping, the group's id or
 * name); the group whose rate in the shop's country equals the article's. A 0 % rate without a
 * group is sent with no tax (group 0). Any other rate without a group is refused, unless the
 * shop charges no VAT (articles.taxes.noVat).
 */
export function taxGroupFor(vatCode: string | null, vatRate: string | null | undefined, taxes: ShopSettings['articles']['taxes'],
  groups: readonly PsTaxGroup[]): TaxGroupChoice {
  const find = (ref: string): TaxGroupChoice | undefined => {
    const g = groups.find((x) => x.id === ref.trim()) ?? groups.find((x) => x.name.toLocaleLowerCase('fr') === ref.trim().toLocaleLowerCase('fr'));
    return g ? { kind: 'group', id: g.id, rate: g.rate } : undefined;
  };
  const fallback: TaxGroupChoice = (taxes.defaultTaxClass && find(taxes.defaultTaxClass)) || { kind: 'leave' };
  if (taxes.applyDefaultToAll && taxes.defaultTaxClass) return fallback;
  const mapped = taxes.mapping.find((m) => m.vatCode === vatCode)?.shopTaxClass;
  if (mapped !== undefined) {
    const g = find(mapped);
    if (g) return g;
    if (vatCode !== null) return { kind: 'refuse', vatCode, rate: vatRate ? rateKey(vatRate) : '?' };
  }
  if (vatRate === null || vatRate === undefined || vatCode === null || taxes.noVat) return fallback;
  const byRate = groups.find((g) => g.rate !== null && rateKey(g.rate) === rateKey(vatRate));
  if (byRate) return { kind: 'group', id: byRate.id, rate: byRate.rate };
  if (dec(vatRate).isZero()) return { kind: 'group', id: '0', rate: '0' };
  return { kind: 'refuse', vatCode, rate: rateKey(vatRate) };
}

/** A price of the profile's base as PrestaShop takes it: tax excluded, 6 decimals. */
export function toShopPrice(price: string, base: 'HT' | 'TTC', rate: string | null): string {
  const d = dec(price);
  if (base === 'HT' || rate === null) return d.toFixed(6);
  return d.div(new Decimal(100).plus(dec(rate)).div(100)).toDecimalPlaces(6).toFixed(6);
}

/** A shop price (HT) in the profile's base, at the profile's precision: what a reconciliation compares. */
export function fromShopPrice(price: string, base: 'HT' | 'TTC', rate: string | null, precision: number): string {
  const d = dec(price);
  const v = base === 'HT' || rate === null ? d : d.times(new Decimal(100).plus(dec(rate)).div(100));
  return v.toDecimalPlaces(precision).toFixed(precision);
}

/** "Chocolat noir 70 %" -> "chocolat-noir-70": what PrestaShop accepts in link_rewrite (isLinkRewrite). */
export function linkRewrite(s: string): string {
  const out = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 128);
  return out || 'produit';
}

/** The same text in the given languages. */
export function langs(value: string, ids: readonly string[]): PsLangValue[] {
  return ids.map((id) => ({ id, value }));
}

/** EAN13 goes to `ean13` only when it is 13 (or 8) digits; a 12-digit code is a UPC; anything else is left out. */
export function barcodeFields(code: string | null): PsRecord {
  if (!code) return {};
  const c = code.trim();
  if (/^\d{13}$/.test(c) || /^\d{8}$/.test(c)) return { ean13: c };
  if (/^\d{12}$/.test(c)) return { upc: c };
  if (/^\d{1,13}$/.test(c)) return { ean13: c };
  return { mpn: c.slice(0, 40) };
}

function dim(v: string | null): string | undefined {
  return v === null ? undefined : dec(v).toFixed(6);
}

export interface PsProductContext {
  settings: ShopSettings;
  /** Languages written: every shop language on creation, the default one (or all, updates.allLanguages) on update. */
  languageIds: readonly string[];
  taxGroup: { id: string; rate: string | null } | null;
  categoryIds: readonly string[];
  defaultCategoryId: string;
  linkedIds: readonly string[];
  manufacturerId: string | null;
  supplierId: string | null;
  /** product_features associations already resolved (ART-11). */
  features: readonly { id: string; id_feature_value: string }[] | null;
  /** ART-13: the pack's components in the shop (every one of them), or none. */
  packItems?: readonly { productId: string; variationId: string | null; quantity: string }[];
}

function texts(d: ProductDraft, ids: readonly string[], update: boolean, u: ShopSettings['articles']['updates']): PsRecord {
  const out: PsRecord = {};
  const put = (field: string, value: string, allowed: boolean) => {
    if (update && !allowed) return;
    out[field] = langs(value, ids);
  };
  put('name', d.name.slice(0, 128), u.name);
  put('description', d.description, u.description);
  put('description_short', d.shortDescription, u.shortDescription);
  if (!update || u.seo) {
    out.link_rewrite = langs(linkRewrite(d.slug || d.name), ids);
    if (d.metaTitle || !update) out.meta_title = langs(d.metaTitle.slice(0, 255), ids);
    if (d.metaDescription || !update) out.meta_description = langs(d.metaDescription.slice(0, 512), ids);
    if (d.metaKeywords || !update) out.meta_keywords = langs(d.metaKeywords.slice(0, 255), ids);
  }
  return out;
}

/** The price fields of a product (or of a simple product's price aspect). */
export function productPriceFields(p: PriceDraft, base: 'HT' | 'TTC', rate: string | null): PsRecord {
  const out: PsRecord = { price: toShopPrice(p.regular, base, rate) };
  if (p.purchase !== null) out.wholesale_price = dec(p.purchase).toFixed(6);
  if (p.ecotax !== null) out.ecotax = dec(p.ecotax).toFixed(6);
  return out;
}

/**
 * A product record: everything on creation; on update only the fields whose switch is on
 * (articles.updates), so a PATCH or a GET-modify-PUT leaves the rest as the shop holds it.
 */
export function productRecord(d: ProductDraft, ctx: PsProductContext, update: boolean): PsRecord {
  const a = ctx.settings.articles;
  const u = a.updates;
  const base = ctx.settings.prices.base;
  const allow = (flag: boolean) => !update || flag;
  const rate = ctx.taxGroup?.rate ?? null;
  const out: PsRecord = { ...texts(d, ctx.languageIds, update, u) };
  if (!update) {
    out.reference = d.sku;
    out.product_type = d.kind === 'variable' ? 'combinations' : ctx.packItems?.length ? 'pack' : 'standard';
    out.state = '1';
    out.available_for_order = '1';
    out.show_price = '1';
    out.visibility = 'both';
    out.condition = 'new';
    out.active = d.active && a.creation.active ? '1' : '0';
    out.minimal_quantity = String(Math.max(1, d.stock.minQuantity ?? 1));
  }
  if (ctx.taxGroup && allow(u.price)) out.id_tax_rules_group = ctx.taxGroup.id;
  if (allow(u.price)) Object.assign(out, productPriceFields(d.price, base, rate));
  if (allow(u.barcode)) Object.assign(out, barcodeFields(d.barcode));
  if (d.weight !== null && allow(u.weight)) out.weight = dec(d.weight).toFixed(6);
  if (allow(u.dimensions)) {
    const w = dim(d.dimensions.width);
    const h = dim(d.dimensions.height);
    const dp = dim(d.dimensions.depth);
    if (w !== undefined) out.width = w;
    if (h !== undefined) out.height = h;
    if (dp !== undefined) out.depth = dp;
  }
  if (d.location !== null && allow(u.location)) out.location = d.location.slice(0, 255);
  if (d.availableFrom && allow(u.availabilityDate)) out.available_date = d.availableFrom.slice(0, 10);
  if (update && u.minQuantity && d.stock.minQuantity !== null) out.minimal_quantity = String(Math.max(1, d.stock.minQuantity));
  if (ctx.manufacturerId !== null && allow(u.manufacturer)) out.id_manufacturer = ctx.manufacturerId;
  if (ctx.supplierId !== null && allow(u.supplier)) out.id_supplier = ctx.supplierId;
  if (allow(u.category)) out.id_category_default = ctx.categoryIds[0] ?? ctx.defaultCategoryId;

  const assoc: Record<string, PsRecord[]> = {};
  if (!update || u.category || u.parentCategories) {
    const cats = ctx.categoryIds.length ? ctx.categoryIds : [ctx.defaultCategoryId];
    assoc.categories = [...new Set(cats)].map((id) => ({ id }));
  }
  if (a.linkedProducts.enabled && allow(u.linkedProducts)) assoc.accessories = ctx.linkedIds.map((id) => ({ id }));
  if (ctx.packItems?.length) {
    // A pack stays a pack on every write: its bundle follows the bill of materials.
    if (update) out.product_type = 'pack';
    assoc.product_bundle = ctx.packItems.map((i) => ({ id: i.productId, id_product_attribute: i.variationId ?? '0', quantity: String(Number(i.quantity)) }));
  }
  if (ctx.features && allow(u.features)) assoc.product_features = ctx.features.map((f) => ({ id: f.id, id_feature_value: f.id_feature_value }));
  if (Object.keys(assoc).length) out.associations = assoc;
  return out;
}

/**
 * A combination: price and weight as impacts on the parent's (the webservice has no absolute
 * price per combination), the option values of its attributes, the first one the default.
 */
export function combinationRecord(v: VariationDraft, parent: ProductDraft, o: {
  settings: ShopSettings; productId: string; rate: string | null; optionValueIds: readonly string[]; isDefault: boolean; update: boolean;
  /** The product images of this combination (already uploaded); none leaves the association alone on update. */
  imageIds?: readonly string[];
}): PsRecord {
  const base = o.settings.prices.base;
  const u = o.settings.articles.updates;
  const allow = (flag: boolean) => !o.update || flag;
  const out: PsRecord = { id_product: o.productId };
  if (!o.update) {
    out.reference = v.sku;
    out.minimal_quantity = String(Math.max(1, v.stock.minQuantity ?? 1));
    out.default_on = o.isDefault ? '1' : '';
  }
  if (allow(u.price) && o.settings.prices.sendVariationPrices) {
    out.price = dec(toShopPrice(v.price.regular, base, o.rate)).minus(toShopPrice(parent.price.regular, base, o.rate)).toFixed(6);
    if (v.price.purchase !== null) out.wholesale_price = dec(v.price.purchase).toFixed(6);
  }
  if (v.weight !== null && allow(u.weight)) out.weight = dec(v.weight).minus(parent.weight ?? '0').toFixed(6);
  if (allow(u.barcode)) Object.assign(out, barcodeFields(v.barcode));
  const assoc: Record<string, PsRecord[]> = { product_option_values: o.optionValueIds.map((id) => ({ id })) };
  if (o.imageIds?.length) assoc.images = o.imageIds.map((id) => ({ id }));
  out.associations = assoc;
  return out;
}

/** PrestaShop dates: "YYYY-MM-DD HH:MM:SS", "0000-00-00 00:00:00" for no bound. */
export function psDate(iso: string | null): string {
  if (!iso) return '0000-00-00 00:00:00';
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}:\d{2}))?/.exec(iso);
  return m ? `${m[1]} ${m[2] ?? '00:00:00'}` : '0000-00-00 00:00:00';
}

/** The specific prices a price draft asks for: the promotion (all customers), then one per customer group. */
export function specificPriceRecords(p: PriceDraft, o: {
  productId: string; combinationId: string; base: 'HT' | 'TTC'; rate: string | null; groupIdOf: (name: string) => string | undefined;
  shopId: string | null;
}): { records: PsRecord[]; unknownGroups: string[] } {
  const common = {
    id_shop_group: '0', id_shop: o.shopId ?? '0', id_cart: '0', id_product: o.productId, id_product_attribute: o.combinationId,
    id_currency: '0', id_country: '0', id_customer: '0', id_specific_price_rule: '0', from_quantity: '1',
    reduction: '0', reduction_tax: '0', reduction_type: 'amount',
  };
  const records: PsRecord[] = [];
  const unknownGroups: string[] = [];
  if (p.sale) {
    records.push({ ...common, id_group: '0', price: toShopPrice(p.sale.price, o.base, o.rate), from: psDate(p.sale.from), to: psDate(p.sale.to) });
  }
  for (const g of p.groups) {
    const id = o.groupIdOf(g.group);
    if (id === undefined) {
      unknownGroups.push(g.group);
      continue;
    }
    records.push({ ...common, id_group: id, price: toShopPrice(g.price, o.base, o.rate), from: psDate(null), to: psDate(null) });
  }
  return { records, unknownGroups };
}

/** A multilang value read back: the given language's text (JSON gives a plain string with one language). */
export function langText(v: unknown, langId: string): string {
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) {
    const l = (v as { id?: unknown; value?: unknown }[]).find((e) => String(e.id) === langId) ?? v[0];
    return l && typeof l === 'object' ? String((l as { value?: unknown }).value ?? '') : '';
  }
  return v === null || v === undefined ? '' : String(v);
}

/**
 * A record read in JSON made writable again: multilang strings become `<language>` lists
 * (one language read), read-only fields go. The base of a GET-modify-PUT.
 */
export function writableCopy(resource: string, rec: PsRecord, defaultLangId: string): PsRecord {
  const out: PsRecord = {};
  const multi = new Set(MULTILANG[resource] ?? []);
  const readOnly = new Set(resource === 'products' ? PRODUCT_READ_ONLY : []);
  for (const [k, v] of Object.entries(rec)) {
    if (readOnly.has(k)) continue;
    if (multi.has(k)) {
      out[k] = Array.isArray(v) ? (v as { id: unknown; value: unknown }[]).map((l) => ({ id: String(l.id), value: String(l.value ?? '') }))
        : [{ id: defaultLangId, value: v === null || v === undefined ? '' : String(v) }];
    } else {
      out[k] = v;
    }
  }
  return out;
}

/** Fields of `change` laid over `current`: multilang per language (languages not sent are kept), associations per kind. */
export function mergeRecord(current: PsRecord, change: PsRecord): PsRecord {
  const out: PsRecord = { ...current };
  for (const [k, v] of Object.entries(change)) {
    if (k === 'associations' && v && typeof v === 'object') {
      out.associations = { ...((current.associations as PsRecord | undefined) ?? {}), ...(v as PsRecord) };
    } else if (Array.isArray(v) && Array.isArray(current[k]) && v.every((e) => e && typeof e === 'object' && 'value' in e)) {
      const byId = new Map((current[k] as PsLangValue[]).map((l) => [String(l.id), l]));
      for (const l of v as PsLangValue[]) byId.set(String(l.id), { id: String(l.id), value: l.value });
      out[k] = [...byId.values()];
    } else {
      out[k] = v;
    }
  }
  return out;
}
