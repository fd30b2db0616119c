/**
 * A product draft as a `productSet` input (the upsert): pure. productSet replaces every list it is
 * given (variants, collections, files, tags), so an update carries the lists whole: the variants
 * the product keeps (by id), the collections and tags it already had unless the profile says
 * otherwise (shop.shopify.keepTags, keepMedia, articles.updates.category), and a scalar field only
 * when its update switch (articles.updates.*) is on. Variation groups become product options (at
 * most 3) and variants (at most 2,048), refused clearly beyond.
 */
import { PasserelleError } from '../../errors.js';
import { msg } from '../../i18n/catalogue.js';
import type { ProductDraft, VariationDraft } from '../../sync/drafts.js';
import { customRange } from '../../sync/orders/period.js';
import { dec } from '../../util/decimal.js';
import type { ShopSettings } from '../adapter.js';
import { quantitiesAt, type StockTargets } from './locations.js';
import { metafieldSpec } from './master-lookup.js';

export const MAX_OPTIONS = 3;
export const MAX_VARIANTS = 2048;
/** The option Shopify gives a product without variations, and its one value. */
export const DEFAULT_OPTION = { name: 'Title', value: 'Default Title' } as const;

export interface ExistingProduct {
  tags: string[];
  mediaIds: string[];
  collectionIds: string[];
  /** Variants by SKU, with their options, as the shop holds them. */
  variants: { id: string; sku: string; options: { name: string; value: string }[] }[];
}

export interface ProductSetContext {
  settings: Pick<ShopSettings, 'articles'>;
  /** When prices are judged (a promotion out of its dates is not sent). */
  clock: PriceClock;
  keepTags: boolean;
  keepMedia: boolean;
  /** Where the stock goes (shop.shopify.location or the depots' locations): a creation sets it there. */
  stockAt: StockTargets | null;
  categoryIds: string[];
  /** Images already staged (originalSource = resourceUrl), to add. */
  files: { originalSource: string; alt: string; filename: string }[];
  /** null: creation. */
  existing: ExistingProduct | null;
}

export type Json = Record<string, unknown>;

function weightOf(w: string | null): Json | undefined {
  if (w === null || w.trim() === '') return undefined;
  // WeightInput.value is a Float in the schema: the decimal string goes as the number it writes.
  return { measurement: { weight: { unit: 'KILOGRAMS', value: Number(w) } } };
}

/** The instant prices are judged at and the profile's time zone (a promotion bound given as a date is a whole local day). */
export interface PriceClock {
  now: Date;
  timezone: string;
}

/**
 * Whether the promotion runs at `clock.now`: Shopify has no dated compare-at price, so a sale out of
 * its dates is not sent at all (WooCommerce takes the dates natively). Bounds are instants, or dates
 * read as whole days in the profile's time zone; a missing bound is open; an empty window never runs.
 */
export function promotionLive(sale: NonNullable<ProductDraft['price']['sale']>, clock: PriceClock): boolean {
  let range: { from: string; to: string };
  try {
    range = customRange(sale.from ?? '0001-01-01T00:00:00Z', sale.to ?? '9999-12-31T23:59:59Z', clock.timezone);
  } catch {
    return false;
  }
  const at = clock.now.getTime();
  return Date.parse(range.from) <= at && at <= Date.parse(range.to);
}

/** Regular price, or the running promotion as price with the regular one as compare-at price (Shopify's sale model). */
// The clock defaults to now in UTC for callers without a profile (the benchmark's naive path): bounds are instants in practice.
export function priceFields(price: ProductDraft['price'], clock: PriceClock = { now: new Date(), timezone: 'UTC' }): { price: string; compareAtPrice: string | null } {
  if (price.sale && !dec(price.sale.price).equals(dec(price.regular)) && promotionLive(price.sale, clock)) {
    return { price: price.sale.price, compareAtPrice: price.regular };
  }
  return { price: price.regular, compareAtPrice: null };
}

function tagsOf(d: ProductDraft): string[] {
  return d.metaKeywords.split(',').map((t) => t.trim()).filter((t) => t !== '');
}

interface VariantSource {
  sku: string;
  price: ProductDraft['price'];
  stock: ProductDraft['stock'];
  weight: string | null;
  barcode: string | null;
  options: { optionName: string; name: string }[];
}

function variantInput(v: VariantSource, ctx: ProductSetContext, id: string | null): Json {
  const u = ctx.settings.articles.updates;
  const update = id !== null;
  const out: Json = { optionValues: v.options, sku: v.sku };
  if (id) out.id = id;
  if (!update || u.price) Object.assign(out, priceFields(v.price, ctx.clock));
  if (!update || u.barcode) out.barcode = v.barcode ?? '';
  const inventoryItem: Json = { sku: v.sku, tracked: v.stock.quantity !== null };
  if (!update || u.weight) Object.assign(inventoryItem, weightOf(v.weight));
  out.inventoryItem = inventoryItem;
  // Quantities go with the creation only; an update sets them through inventorySetQuantities (changeFromQuantity).
  const quantities = !update && ctx.stockAt ? quantitiesAt(v.stock, ctx.stockAt) : [];
  if (quantities.length) out.inventoryQuantities = quantities.map((q) => ({ locationId: q.locationId, name: 'available', quantity: q.quantity }));
  return out;
}

function variationSources(d: ProductDraft): VariantSource[] {
  return d.variations.map((v: VariationDraft) => ({
    sku: v.sku, price: v.price, stock: v.stock, weight: v.weight, barcode: v.barcode,
    options: d.variationAttributes.map((a) => ({
      optionName: a.name,
      name: v.attributes.find((x) => x.name === a.name)?.value ?? '',
    })),
  }));
}

/** The productSet input of a draft; throws a PasserelleError naming the article and the field beyond Shopify's limits. */
export function productSetInput(d: ProductDraft, ctx: ProductSetContext): Json {
  const entity = `article ${d.gescomKey}`;
  const u = ctx.settings.articles.updates;
  const ex = ctx.existing;
  const update = ex !== null;
  const input: Json = {};

  if (d.kind === 'variable') {
    if (d.variationAttributes.length > MAX_OPTIONS) {
      throw new PasserelleError(msg('shopify.tooManyOptions', { count: String(d.variationAttributes.length) }), entity, 'articles.variations.attributes');
    }
    if (d.variations.length > MAX_VARIANTS) {
      throw new PasserelleError(msg('shopify.tooManyVariants', { count: String(d.variations.length), max: String(MAX_VARIANTS) }), entity, 'variations');
    }
  }

  if (!update || u.name) input.title = d.name;
  if (!update || u.description) input.descriptionHtml = d.description || d.shortDescription;
  if (!update || u.seo) {
    input.seo = { title: d.metaTitle || d.name, description: d.metaDescription };
    if (d.slug) input.handle = d.slug;
  }
  if (!update || u.manufacturer) input.vendor = d.brand ?? '';
  input.status = d.active ? 'ACTIVE' : 'DRAFT';

  const wantedTags = tagsOf(d);
  const tags = update && ctx.keepTags ? [...new Set([...ex!.tags, ...wantedTags])] : wantedTags;
  // Tags are a list productSet replaces: sent on creation, and on update only when they change something.
  if (!update || tags.length !== ex!.tags.length || tags.some((t, i) => t !== ex!.tags[i])) input.tags = tags;

  if (!update || u.category) {
    // An update without the category switch keeps the product's collections: the list is then not sent at all.
    input.collections = update ? [...new Set([...ex!.collectionIds, ...ctx.categoryIds])] : ctx.categoryIds;
  } else if (ctx.categoryIds.some((id) => !ex!.collectionIds.includes(id))) {
    input.collections = [...new Set([...ex!.collectionIds, ...ctx.categoryIds])];
  }

  if (ctx.files.length > 0) {
    const keep = update && ctx.keepMedia && !u.images ? ex!.mediaIds.map((id) => ({ id })) : [];
    input.files = [...keep, ...ctx.files.map((f) => ({ originalSource: f.originalSource, alt: f.alt, filename: f.filename, contentType: 'IMAGE' }))];
  }

  const sources: VariantSource[] = d.kind === 'variable'
    ? variationSources(d)
    : [{ sku: d.sku, price: d.price, stock: d.stock, weight: d.weight, barcode: d.barcode, options: [{ optionName: DEFAULT_OPTION.name, name: DEFAULT_OPTION.value }] }];
  const bySku = new Map((ex?.variants ?? []).map((v) => [v.sku, v]));
  const variants = sources.map((s) => variantInput(s, ctx, bySku.get(s.sku)?.id ?? null));
  // Variants of the product the draft does not name are kept (by id, with their own options): productSet would delete them.
  const named = new Set(sources.map((s) => s.sku));
  for (const v of ex?.variants ?? []) {
    if (!named.has(v.sku) && d.kind === 'variable' && v.options.every((o) => d.variationAttributes.some((a) => a.name === o.name))) {
      variants.push({ id: v.id, optionValues: v.options.map((o) => ({ optionName: o.name, name: o.value })) });
    }
  }
  input.productOptions = d.kind === 'variable'
    ? d.variationAttributes.map((a) => ({
      name: a.name,
      values: [...new Set([...a.values, ...variants.flatMap((v) => (v.optionValues as { optionName: string; name: string }[])
        .filter((o) => o.optionName === a.name).map((o) => o.name))])].map((name) => ({ name })),
    }))
    : [{ name: DEFAULT_OPTION.name, values: [{ name: DEFAULT_OPTION.value }] }];
  input.variants = variants;
  return input;
}

/** Metafields of a product: the master reference (variation groups) and the custom fields (features). */
export function productMetafields(d: ProductDraft, ownerId: string, masterField: string, withFeatures: boolean): Json[] {
  const out: Json[] = [];
  if (d.kind === 'variable' && masterField.trim() !== '') {
    out.push({ ownerId, ...metafieldSpec(masterField.trim()), type: 'single_line_text_field', value: d.gescomKey });
  }
  if (withFeatures) {
    for (const f of d.features) {
      if (f.value.trim() === '') continue;
      const key = f.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '').slice(0, 64);
      if (key.length < 2) continue;
      out.push({ ownerId, namespace: 'custom', key, type: 'single_line_text_field', value: f.value });
    }
  }
  return out;
}
