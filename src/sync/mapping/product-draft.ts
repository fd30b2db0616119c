/**
 * Article(s) + profile -> ProductDraft: the whole GesCom-side mapping of a shop
 * product (ART-02..ART-13, ART-15), for a simple article or a variation group.
 * No I/O: everything the GesCom holds is given in ArticleData.
 */
import type { Article, ArticlePrice, Dec, PriceCategory, Promotion, StockLevel, Supplier } from '../../gescom/model.js';
import type { Profile } from '../../profile/schema.js';
import { dec, plain } from '../../util/decimal.js';
import type { CategoryPath, ImageDraft, ProductDraft, StockDraft, VariationDraft } from '../drafts.js';
import { articleFieldValue, customValue } from './article-fields.js';
import { categoryPath, type CategoryTrees, extraCategories } from './categories.js';
import { priceDraft } from './prices.js';
import { depotLocations, locationQuantities, shopQuantity } from './stock.js';
import { shopText } from './rtf.js';
import { aspectsOf } from './aspects.js';
import type { VariationGroup } from './variations.js';

export interface ArticleData {
  article: Article;
  prices: ArticlePrice[];
  levels: StockLevel[];
  promotions: Promotion[];
  images: ImageDraft[];
  documents: ImageDraft[];
}

export interface MappingContext {
  profile: Profile;
  trees: CategoryTrees;
  vatRates: Map<string, Dec>;
  priceCategories: PriceCategory[];
  suppliers: Map<string, Supplier>;
  defaultDepot: string | null;
  /** Instant the promotions are evaluated at (ISO). */
  at: string;
}

/** Shop group per price category: the profile's mapping, or one group per price category named after it. */
export function groupMappings(ctx: MappingContext): { priceCategoryId: number; shopGroup: string; taxDisplay: 'HT' | 'TTC' }[] {
  const m = ctx.profile.customers.groups.mapping;
  if (m.length) return m;
  return ctx.priceCategories.map((c) => ({ priceCategoryId: c.id, shopGroup: c.name, taxDisplay: ctx.profile.customers.groups.defaultTaxDisplay }));
}

/** ART-10: the article's prices in the profile's base and precision. */
export function articlePrice(d: ArticleData, ctx: MappingContext) {
  const p = ctx.profile.prices;
  return priceDraft(
    {
      article: d.article, vatRate: d.article.vatCode ? ctx.vatRates.get(d.article.vatCode) ?? '0' : '0', prices: d.prices,
      categories: ctx.priceCategories, promotions: d.promotions, groups: groupMappings(ctx), at: ctx.at,
    },
    {
      base: p.base, precision: p.precision, priceCategoryId: p.priceCategoryId, sendPurchasePrice: p.sendPurchasePrice,
      sendEcotax: p.sendEcotax, sendPromotions: p.sendPromotions, sendGroupPrices: p.sendGroupPrices,
    },
  );
}

export function stockDraft(d: ArticleData, ctx: MappingContext): StockDraft {
  const s = ctx.profile.stock;
  const a = d.article;
  const mapped = depotLocations(ctx.profile);
  // With depots mapped to locations and no depot list, the summed quantity (other shops, out-of-stock status) is the mapped depots'.
  const depots = s.depots.length || !mapped.length ? s.depots : mapped.flatMap((m) => m.depots);
  const settings = { depots, kind: s.kind, defaultQuantityUntracked: s.defaultQuantityUntracked, sendNegative: s.sendNegative };
  const locations = locationQuantities(d.levels, a.stockTracked, settings, mapped);
  return {
    quantity: shopQuantity(d.levels, a.stockTracked, settings, ctx.defaultDepot),
    minQuantity: s.sendMinQuantity ? Math.max(0, Math.ceil(Number(a.minQuantity) || 0)) : null,
    ...(locations ? { locations } : {}),
  };
}

/** The stock part of an aspect (its quantities, without the weight and codes the stock run also sends). */
function stockOf(s: StockDraft): StockDraft {
  return { quantity: s.quantity, minQuantity: s.minQuantity, ...(s.locations ? { locations: s.locations } : {}) };
}

function weight(a: Article, ctx: MappingContext): Dec | null {
  if (!ctx.profile.stock.sendWeight) return null;
  const w = ctx.profile.stock.weight === 'gross' ? a.weightGross : a.weightNet;
  return dec(w).isZero() ? null : plain(w);
}

/** ART-12: whether the shop product should be active. */
export function isActive(a: Article, ctx: MappingContext): boolean {
  const act = ctx.profile.articles.activation;
  if (a.doNotUse && act.disableDormant) return false;
  if (!a.publishable && act.disableUnpublished) return false;
  return true;
}

function numericField(a: Article, field: string): Dec | null {
  if (!field) return null;
  const v = customValue(a, field).replace(',', '.');
  return v && /^-?\d+(\.\d+)?$/.test(v) ? plain(v) : null;
}

async function texts(a: Article, ctx: MappingContext) {
  const t = ctx.profile.articles.texts;
  const read = (field: string) => shopText(articleFieldValue(a, field), t.rtfToHtml);
  // An RTF description falls back to the plain one when the article has no RTF.
  const description = t.description === 'descriptionRtf' && !a.descriptionRtf ? a.description : await read(t.description);
  return {
    name: (await read(t.name)) || a.name,
    description,
    shortDescription: await read(t.shortDescription),
    metaTitle: await read(t.metaTitle),
    metaDescription: await read(t.metaDescription),
    metaKeywords: await read(t.metaKeywords),
    slug: await read(t.slug),
  };
}

function common(a: Article, d: ArticleData, ctx: MappingContext) {
  const art = ctx.profile.articles;
  const categories: CategoryPath[] = [];
  const path = categoryPath(a, art.categories, ctx.trees);
  if (path) categories.push(path);
  return {
    vatCode: a.vatCode,
    vatRate: a.vatCode ? ctx.vatRates.get(a.vatCode) ?? null : null,
    categories,
    extraCategories: extraCategories(a, art.categories),
    weight: weight(a, ctx),
    dimensions: { width: numericField(a, art.dimensions.widthField), height: numericField(a, art.dimensions.heightField), depth: numericField(a, art.dimensions.depthField) },
    barcode: art.barcode.send ? a.barcode : null,
    brand: art.brand.send ? a.brand : null,
    supplier: art.supplier.send && a.supplierCode ? ctx.suppliers.get(a.supplierCode)?.name ?? null : null,
    unit: art.sendUnit ? a.unit : null,
    warrantyMonths: ctx.profile.stock.sendWarranty ? a.warrantyMonths : null,
    location: a.location,
    availableFrom: a.availableFrom,
    features: art.features.enabled
      ? art.features.mapping.map((m) => ({ name: m.shopFeature, value: customValue(a, m.customField) })).filter((f) => f.value !== '')
      : [],
    images: art.images.enabled ? d.images : [],
    documents: art.documents.enabled ? d.documents : [],
    linked: art.linkedProducts.enabled ? [...a.linkedCodes] : [],
  };
}

export async function simpleProductDraft(d: ArticleData, ctx: MappingContext): Promise<ProductDraft> {
  const a = d.article;
  const aspects = aspectsOf(d, ctx);
  return {
    gescomKey: a.code,
    aspects,
    sku: a.code,
    kind: 'simple',
    ...(await texts(a, ctx)),
    ...common(a, d, ctx),
    // The same figures the aspect runs send (computed once).
    price: aspects.price,
    stock: stockOf(aspects.stock),
    active: isActive(a, ctx),
    variationAttributes: [],
    variations: [],
    ...(ctx.profile.articles.createPacks && a.components.length
      ? { components: a.components.map((c) => ({ key: c.componentCode, quantity: c.quantity })) } : {}),
  };
}

/** "Pull Rouge", "Pull Vert" -> "Pull": the words every member's name starts with. */
export function commonName(names: string[]): string {
  const split = names.map((n) => n.trim().split(/\s+/));
  const first = split[0] ?? [];
  let n = 0;
  while (n < first.length && split.every((w) => w[n]?.toLowerCase() === first[n]!.toLowerCase())) n++;
  return first.slice(0, n).join(' ').replace(/[\s,;:-]+$/, '');
}

export function variationDraft(d: ArticleData, attributes: { name: string; value: string }[], ctx: MappingContext): VariationDraft {
  const a = d.article;
  const aspects = aspectsOf(d, ctx);
  return {
    gescomCode: a.code,
    aspects,
    sku: a.code,
    attributes,
    price: aspects.price,
    stock: stockOf(aspects.stock),
    weight: weight(a, ctx),
    barcode: ctx.profile.articles.barcode.send ? a.barcode : null,
    active: isActive(a, ctx),
    images: ctx.profile.articles.images.enabled ? d.images.slice(0, 1) : [],
  };
}

export async function variableProductDraft(group: VariationGroup, data: Map<string, ArticleData>, ctx: MappingContext): Promise<ProductDraft> {
  const members = group.members.map((m) => ({ ...m, data: data.get(m.article.code)! }));
  const first = members[0]!;
  const t = await texts(first.article, ctx);
  const variations = members.map((m) => variationDraft(m.data, m.attributes, ctx));
  const base = common(first.article, first.data, ctx);
  // ART-15: the master shows a variation's image when it has none of its own.
  const images = base.images.length || !ctx.profile.articles.variations.copyImageToMaster
    ? base.images
    : variations.flatMap((v) => v.images).slice(0, 1);
  return {
    gescomKey: group.master,
    aspects: null,
    sku: group.master,
    kind: 'variable',
    ...t,
    name: commonName(members.map((m) => m.article.name)) || group.master,
    ...base,
    images,
    // The parent carries the first variation's price and no stock of its own.
    price: variations[0]!.price,
    stock: { quantity: null, minQuantity: null },
    active: variations.some((v) => v.active),
    variationAttributes: group.attributes,
    variations,
  };
}
