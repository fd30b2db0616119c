/**
 * Drafts -> WooCommerce wc/v3 payloads (pure). Shapes follow the requests recorded
 * from a real WooCommerce 10 (test/fixtures/woocommerce-10.0.2): money as
 * strings, stock_quantity as an integer, categories as [{id}], variation
 * attributes as [{id, option}].
 * Updates carry only what the profile's update switches allow (ART-14).
 */
import type { ShopSettings } from '../adapter.js';
import type { WooOptions } from './options.js';
import type { CustomerDraft, PriceDraft, ProductDraft, VariationDraft } from '../../sync/drafts.js';
import type { StatusAspect, StockAspect } from '../../sync/mapping/aspects.js';
import type { AspectWrite } from '../port.js';

export type WooPayload = Record<string, unknown>;

/** What the payloads depend on besides the drafts: the profile's settings and `shop.woocommerce`. */
export interface WooConfig {
  settings: ShopSettings;
  options: WooOptions;
}

export interface WooMappingContext extends WooConfig {
  /**
   * GesCom VAT code (and its rate) -> WooCommerce tax class ('' = standard); null = not taxable
   * (a 0 % rate the shop has no class for); undefined leaves the tax fields alone.
   */
  taxClassOf: (vatCode: string | null, vatRate?: string | null) => string | null | undefined;
  /** Global attribute id per attribute name (variations). */
  attributeIdOf: (name: string) => number | undefined;
  /** Uploaded media ids per image key (images already in the shop's media library). */
  mediaIdOf: (imageKey: string) => number | undefined;
}

export const GESCOM_REF_META = '_gescom_ref';

/** What a product's tax fields become (ART-04): a class, not taxable, left to the shop, or refused. */
export type TaxClassChoice =
  | { kind: 'class'; taxClass: string }
  | { kind: 'notTaxable' }
  | { kind: 'leave' }
  | { kind: 'refuse'; vatCode: string; rate: string };

/** "5.50" -> "5.5": the key of a rate in the shop's rate -> class map. */
export function rateKey(rate: string): string {
  return String(Number(rate));
}

/**
 * ART-04: the WooCommerce tax class of a GesCom VAT code and rate. In order: the default class
 * applied to every product; the profile's mapping (articles.taxes.mapping); the class whose rate
 * equals the article's (`classByRate`, null when the shop's rates could not be read). A 0 % rate
 * without a class is sent not taxable. Any other rate without a class would be charged at the
 * standard rate: refused, unless the shop charges no VAT (articles.taxes.noVat) or its rates are
 * unknown, where the default class (or the shop's own) applies as before.
 */
export function taxClassFor(vatCode: string | null, vatRate: string | null | undefined, taxes: ShopSettings['articles']['taxes'],
  classByRate: ReadonlyMap<string, string> | null): TaxClassChoice {
  // WooCommerce's standard class is written '' in payloads.
  const woo = (c: string): TaxClassChoice => ({ kind: 'class', taxClass: c === 'standard' ? '' : c });
  const fallback: TaxClassChoice = taxes.defaultTaxClass ? woo(taxes.defaultTaxClass) : { kind: 'leave' };
  if (taxes.applyDefaultToAll && taxes.defaultTaxClass) return woo(taxes.defaultTaxClass);
  const mapped = taxes.mapping.find((m) => m.vatCode === vatCode)?.shopTaxClass;
  if (mapped !== undefined) return woo(mapped);
  if (vatRate === null || vatRate === undefined || vatCode === null || classByRate === null || taxes.noVat) return fallback;
  const byRate = classByRate.get(rateKey(vatRate));
  if (byRate !== undefined) return { kind: 'class', taxClass: byRate };
  if (Number(vatRate) === 0) return { kind: 'notTaxable' };
  return { kind: 'refuse', vatCode, rate: rateKey(vatRate) };
}

/** "2026-07-01T00:00:00.000Z" -> "2026-07-01T00:00:00" (WooCommerce *_gmt fields take no offset). */
function gmt(iso: string | null): string | null {
  return iso ? iso.replace(/\.\d{3}Z$|Z$/, '') : null;
}

/** Wholesale Suite (Wholesale Prices Premium) keeps one price per role in product meta: "<role>_wholesale_price". */
export function wholesaleRole(group: string): string {
  return group.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');
}

export function pricePayload(p: PriceDraft, cfg: WooConfig): WooPayload {
  const out: WooPayload = {
    regular_price: p.regular,
    sale_price: p.sale ? p.sale.price : '',
    date_on_sale_from_gmt: p.sale ? gmt(p.sale.from) : null,
    date_on_sale_to_gmt: p.sale ? gmt(p.sale.to) : null,
  };
  const meta: Meta[] = [];
  if (p.purchase !== null) meta.push({ key: '_gescom_purchase_price', value: p.purchase });
  if (p.ecotax !== null) meta.push({ key: '_gescom_ecotax', value: p.ecotax });
  if (cfg.options.groupsPlugin === 'wholesalePricesPremium') {
    for (const g of p.groups) {
      const role = wholesaleRole(g.group);
      meta.push({ key: `${role}_have_wholesale_price`, value: 'yes' }, { key: `${role}_wholesale_price`, value: g.price });
    }
  }
  if (meta.length) out.meta_data = meta;
  return out;
}

export function stockPayload(s: Pick<StockAspect, 'quantity' | 'minQuantity'> & Partial<StockAspect>): WooPayload {
  const out: WooPayload = s.quantity === null ? { manage_stock: false } : { manage_stock: true, stock_quantity: s.quantity };
  if (s.weight) out.weight = s.weight;
  if (s.barcode) out.global_unique_id = s.barcode;
  const meta: Meta[] = [];
  if (s.minQuantity !== null && s.minQuantity !== undefined) meta.push({ key: '_gescom_min_quantity', value: String(s.minQuantity) });
  if (s.warrantyMonths !== null && s.warrantyMonths !== undefined) meta.push({ key: '_gescom_warranty_months', value: String(s.warrantyMonths) });
  if (meta.length) out.meta_data = meta;
  return out;
}

export function statusPayload(s: StatusAspect): WooPayload {
  // A disabled product stays in the shop as a draft: orders and links keep working.
  return { status: s.active ? 'publish' : 'draft', ...(s.outOfStock ? { stock_status: 'outofstock' } : {}) };
}

type Meta = { key: string; value: string };

function mergeMeta(payload: WooPayload, meta: Meta[]): void {
  if (!meta.length) return;
  const existing = (payload.meta_data as Meta[] | undefined) ?? [];
  payload.meta_data = [...existing, ...meta];
}

/** Adds a payload part to `out`: its fields assigned, its meta_data appended rather than replacing what is there. */
function assignPart(out: WooPayload, part: WooPayload): void {
  const { meta_data: meta, ...rest } = part;
  Object.assign(out, rest);
  mergeMeta(out, (meta as Meta[] | undefined) ?? []);
}

function images(d: { images: ProductDraft['images'] }, ctx: WooMappingContext): WooPayload[] {
  return d.images.map((img) => ctx.mediaIdOf(img.key)).filter((id): id is number => id !== undefined).map((id) => ({ id }));
}

/** Local (product-level) attributes: features (ART-11) and brand / supplier when sent as attributes (ART-13). */
function localAttributes(d: ProductDraft, ctx: WooMappingContext): WooPayload[] {
  const a = ctx.settings.articles;
  const out: WooPayload[] = [];
  const add = (name: string, value: string | null) => {
    if (value) out.push({ name, options: [value], visible: true, variation: false });
  };
  for (const f of d.features) add(f.name, f.value);
  add(a.brand.shopAttribute || 'Marque', d.brand);
  if (d.supplier) add(a.supplier.shopAttribute || 'Fournisseur', d.supplier);
  if (a.barcode.shopAttribute && d.barcode) add(a.barcode.shopAttribute, d.barcode);
  if (d.unit) add('Unité', d.unit);
  return out;
}

function variationAttributes(d: ProductDraft, ctx: WooMappingContext): WooPayload[] {
  return d.variationAttributes.map((attr, position) => {
    const id = ctx.attributeIdOf(attr.name);
    return { ...(id !== undefined ? { id } : { name: attr.name }), position, visible: true, variation: true, options: attr.values };
  });
}

/**
 * The full product payload; `update` leaves out what the update switches forbid.
 * `categoryIds` and `linkedIds` come resolved by the engine.
 */
export function productPayload(d: ProductDraft, ctx: WooMappingContext, categoryIds: string[], linkedIds: string[], update: boolean): WooPayload {
  const p = ctx.settings.articles;
  const u = update ? p.updates : null;
  const allow = (flag: boolean | undefined) => !u || flag === true;
  const out: WooPayload = {};
  if (!update) {
    out.type = d.kind;
    out.sku = d.sku;
    out.status = p.creation.active && d.active ? 'publish' : 'draft';
  } else if (!d.active) {
    out.status = 'draft';
  } else if (p.activation.enableWhenPublished) {
    // Without this switch a product disabled in the shop (or created inactive) stays as the merchant left it.
    out.status = 'publish';
  }
  if (allow(u?.name)) out.name = d.name;
  if (allow(u?.description)) out.description = d.description;
  if (allow(u?.shortDescription)) out.short_description = d.shortDescription;
  if (allow(u?.seo) && d.slug) out.slug = d.slug;
  const taxClass = ctx.taxClassOf(d.vatCode, d.vatRate);
  if (taxClass === null) {
    out.tax_status = 'none';
  } else if (taxClass !== undefined) {
    out.tax_status = 'taxable';
    out.tax_class = taxClass;
  }
  if (d.kind === 'simple') {
    if (allow(u?.price)) assignPart(out, pricePayload(d.price, ctx));
    if (allow(u?.quantity)) assignPart(out, stockPayload({ quantity: d.stock.quantity, minQuantity: d.stock.minQuantity }));
    if (allow(u?.barcode) && d.barcode) out.global_unique_id = d.barcode;
  }
  if (allow(u?.weight) && d.weight) out.weight = d.weight;
  if (allow(u?.dimensions) && (d.dimensions.width || d.dimensions.height || d.dimensions.depth)) {
    out.dimensions = { length: d.dimensions.depth ?? '', width: d.dimensions.width ?? '', height: d.dimensions.height ?? '' };
  }
  if (!update || u?.category) {
    const ids = categoryIds.length ? categoryIds : p.creation.defaultCategoryId ? [p.creation.defaultCategoryId] : [];
    if (ids.length) out.categories = ids.map((id) => ({ id: Number(id) }));
  }
  if (!update || u?.images || p.images.deleteBeforeSend) {
    const imgs = images(d, ctx);
    if (imgs.length || p.images.deleteBeforeSend) out.images = imgs;
  }
  const attrs: WooPayload[] = [];
  if (d.kind === 'variable') attrs.push(...variationAttributes(d, ctx));
  if (!update || u?.features || u?.manufacturer || u?.supplier) attrs.push(...localAttributes(d, ctx));
  if (attrs.length) out.attributes = attrs;
  if (d.kind === 'variable' && !update) {
    out.default_attributes = d.variationAttributes.map((a) => {
      const id = ctx.attributeIdOf(a.name);
      return { ...(id !== undefined ? { id } : { name: a.name }), option: a.values[0] };
    });
  }
  if (linkedIds.length && (!update || u?.linkedProducts)) {
    out[p.linkedProducts.linkType === 'crossSell' ? 'cross_sell_ids' : 'upsell_ids'] = linkedIds.map(Number);
  }
  const meta: Meta[] = [];
  if (!update) meta.push({ key: GESCOM_REF_META, value: d.gescomKey });
  if ((!update || u?.seo || u?.yoastSeo) && (d.metaTitle || d.metaDescription || d.metaKeywords)) {
    // Yoast SEO keeps its fields in post meta.
    if (d.metaTitle) meta.push({ key: '_yoast_wpseo_title', value: d.metaTitle });
    if (d.metaDescription) meta.push({ key: '_yoast_wpseo_metadesc', value: d.metaDescription });
    if (d.metaKeywords) meta.push({ key: '_yoast_wpseo_focuskw', value: d.metaKeywords });
  }
  if (d.location && (!update || u?.location)) meta.push({ key: '_gescom_location', value: d.location });
  if (d.availableFrom && (!update || u?.availabilityDate)) meta.push({ key: '_gescom_available_from', value: d.availableFrom.slice(0, 10) });
  if (d.warrantyMonths !== null) meta.push({ key: '_gescom_warranty_months', value: String(d.warrantyMonths) });
  mergeMeta(out, meta);
  return out;
}

export function variationPayload(v: VariationDraft, ctx: WooMappingContext, update: boolean): WooPayload {
  const u = update ? ctx.settings.articles.updates : null;
  const out: WooPayload = {};
  if (!update) {
    out.sku = v.sku;
    out.meta_data = [{ key: GESCOM_REF_META, value: v.gescomCode }];
  }
  out.status = v.active ? 'publish' : 'private';
  out.attributes = v.attributes.map((a) => {
    const id = ctx.attributeIdOf(a.name);
    return { ...(id !== undefined ? { id } : { name: a.name }), option: a.value };
  });
  if (!u || u.price) assignPart(out, pricePayload(v.price, ctx));
  if (!u || u.quantity) assignPart(out, stockPayload({ quantity: v.stock.quantity, minQuantity: null }));
  if ((!u || u.weight) && v.weight) out.weight = v.weight;
  if ((!u || u.barcode) && v.barcode) out.global_unique_id = v.barcode;
  const img = v.images[0] ? ctx.mediaIdOf(v.images[0].key) : undefined;
  if (img !== undefined && (!u || u.images)) out.image = { id: img };
  return out;
}

/** Stock / price / status update of one product or variation (AspectWrite). */
export function aspectPayload(w: AspectWrite, cfg: WooConfig): WooPayload {
  const out: WooPayload = {};
  if (w.stock) assignPart(out, stockPayload(w.stock));
  if (w.price) assignPart(out, pricePayload(w.price, cfg));
  if (w.status) {
    const s = statusPayload(w.status);
    // Variations have no "draft": WooCommerce hides them as "private".
    if (w.target.variationId && s.status === 'draft') s.status = 'private';
    assignPart(out, s);
  }
  return out;
}

export function customerPayload(c: CustomerDraft, cfg: WooConfig, update: boolean): WooPayload {
  const u = update ? cfg.settings.customers.updates : null;
  const out: WooPayload = {};
  if (!update || u?.email) out.email = c.email;
  if (!update || u?.names) {
    out.first_name = c.firstName;
    out.last_name = c.lastName;
  }
  const addr = (a: CustomerDraft['billing'], withEmail: boolean) =>
    a && {
      first_name: a.firstName, last_name: a.lastName, company: a.company, address_1: a.line1, address_2: a.line2, city: a.city,
      state: a.state, postcode: a.postcode, country: a.countryCode, ...(withEmail ? { email: a.email } : {}), phone: a.phone,
    };
  if (!update || u?.addresses) {
    if (c.billing) out.billing = addr(c.billing, true);
    if (c.shipping) out.shipping = addr(c.shipping, false);
  }
  const meta: Meta[] = [];
  if (!update || u?.b2b) {
    meta.push({ key: '_gescom_code_client', value: c.customerCode });
    if (c.b2b.vatNumber) meta.push({ key: '_gescom_vat_number', value: c.b2b.vatNumber });
    if (cfg.settings.customers.b2b.sendSolvency) {
      if (c.b2b.creditLimit) meta.push({ key: '_gescom_credit_limit', value: c.b2b.creditLimit });
      if (c.b2b.paymentDelayDays !== null) meta.push({ key: '_gescom_payment_delay_days', value: String(c.b2b.paymentDelayDays) });
      if (c.b2b.risk) meta.push({ key: '_gescom_risk', value: c.b2b.risk });
    }
  }
  if (c.group && (!update || u?.group) && cfg.options.groupsPlugin === 'wholesalePricesPremium') {
    // Wholesale Suite reads the customer's wholesale role from this meta.
    meta.push({ key: 'wwp_wholesale_role', value: wholesaleRole(c.group) });
  }
  if (c.notes && (!update || u?.notes)) meta.push({ key: '_gescom_notes', value: c.notes });
  if (meta.length) out.meta_data = meta;
  return out;
}
