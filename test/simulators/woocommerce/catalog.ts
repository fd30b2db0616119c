/**
 * Catalogue resources: products (+ batch), variations (+ batch), categories, tags, global
 * attributes and their terms (+ batch), product images (sideload records in the media store).
 */
import { hrefs, selfLink, type Sim } from './context.js';
import { mediaObjectForProduct, sideloadImage } from './media.js';
import { clone, isPlainObject, parseWpDate, sanitizeTaxonomyName, sanitizeTitle, wcFormatDecimal, wpautop, wpDate } from './php.js';
import {
  bodyObject, collectionArgs, POST_LIST_ARGS, EDITABLE, filterFields, makeRoute, ok, pageHeaders, paginate, param, RestError,
  toBool, toIdList, toInt, toList, toStr, validateArgs, type ArgSpec, type RestRequest, type RestResponse, type Route,
} from './rest.js';
import type { AttributeRec, MetaRec, ProductAttributeRec, ProductRec, TermRec, VariationAttributeRec, WooState } from './state.js';
import { effectiveTaxClass, formatPriceRange, formatSalePrice, priceToDisplay, wcPrice } from './tax.js';

// ---- schema (argument validation) ---------------------------------------------------------------

const META_ITEM: ArgSpec = { type: 'object', properties: { id: { type: 'integer' }, key: { type: 'string' } } };
const DATE_OR_NULL: ArgSpec = { type: ['null', 'string'], format: 'date-time' };

export const PRODUCT_WRITE_ARGS: Record<string, ArgSpec> = {
  name: { type: 'string' },
  slug: { type: 'string' },
  type: { type: 'string', enum: ['simple', 'grouped', 'external', 'variable'] },
  status: { type: 'string', enum: ['draft', 'pending', 'private', 'publish', 'future'] },
  featured: { type: 'boolean' },
  catalog_visibility: { type: 'string', enum: ['visible', 'catalog', 'search', 'hidden'] },
  description: { type: 'string' },
  short_description: { type: 'string' },
  sku: { type: 'string' },
  global_unique_id: { type: 'string' },
  regular_price: { type: 'string' },
  sale_price: { type: 'string' },
  date_on_sale_from: DATE_OR_NULL,
  date_on_sale_from_gmt: DATE_OR_NULL,
  date_on_sale_to: DATE_OR_NULL,
  date_on_sale_to_gmt: DATE_OR_NULL,
  virtual: { type: 'boolean' },
  downloadable: { type: 'boolean' },
  downloads: { type: 'array' },
  download_limit: { type: 'integer' },
  download_expiry: { type: 'integer' },
  external_url: { type: 'string' },
  button_text: { type: 'string' },
  tax_status: { type: 'string', enum: ['taxable', 'shipping', 'none'] },
  tax_class: { type: 'string' },
  manage_stock: { type: 'boolean' },
  stock_quantity: { type: ['integer', 'null'] },
  stock_status: { type: 'string', enum: ['instock', 'outofstock', 'onbackorder'] },
  backorders: { type: 'string', enum: ['no', 'notify', 'yes'] },
  low_stock_amount: { type: ['integer', 'null'] },
  sold_individually: { type: 'boolean' },
  weight: { type: 'string' },
  dimensions: { type: 'object', properties: { length: { type: 'string' }, width: { type: 'string' }, height: { type: 'string' } } },
  shipping_class: { type: 'string' },
  reviews_allowed: { type: 'boolean' },
  upsell_ids: { type: 'array', items: { type: 'integer' } },
  cross_sell_ids: { type: 'array', items: { type: 'integer' } },
  parent_id: { type: 'integer' },
  purchase_note: { type: 'string' },
  categories: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' } } } },
  tags: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' } } } },
  brands: { type: 'array' },
  images: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, src: { type: 'string' }, name: { type: 'string' }, alt: { type: 'string' } } } },
  attributes: {
    type: 'array',
    items: {
      type: 'object',
      properties: { id: { type: 'integer' }, name: { type: 'string' }, position: { type: 'integer' }, visible: { type: 'boolean' }, variation: { type: 'boolean' }, options: { type: 'array', items: { type: 'string' } } },
    },
  },
  default_attributes: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, option: { type: 'string' } } } },
  grouped_products: { type: 'array', items: { type: 'integer' } },
  menu_order: { type: 'integer' },
  meta_data: { type: 'array', items: META_ITEM },
  post_password: { type: 'string' },
};

export const VARIATION_WRITE_ARGS: Record<string, ArgSpec> = {
  description: { type: 'string' },
  sku: { type: 'string' },
  global_unique_id: { type: 'string' },
  regular_price: { type: 'string' },
  sale_price: { type: 'string' },
  date_on_sale_from: DATE_OR_NULL,
  date_on_sale_from_gmt: DATE_OR_NULL,
  date_on_sale_to: DATE_OR_NULL,
  date_on_sale_to_gmt: DATE_OR_NULL,
  status: { type: 'string', enum: ['draft', 'pending', 'private', 'publish'] },
  virtual: { type: 'boolean' },
  downloadable: { type: 'boolean' },
  download_limit: { type: 'integer' },
  download_expiry: { type: 'integer' },
  tax_status: { type: 'string', enum: ['taxable', 'shipping', 'none'] },
  tax_class: { type: 'string' },
  manage_stock: { type: 'boolean' },
  stock_quantity: { type: ['integer', 'null'] },
  stock_status: { type: 'string', enum: ['instock', 'outofstock', 'onbackorder'] },
  backorders: { type: 'string', enum: ['no', 'notify', 'yes'] },
  low_stock_amount: { type: ['integer', 'null'] },
  weight: { type: 'string' },
  dimensions: PRODUCT_WRITE_ARGS.dimensions!,
  shipping_class: { type: 'string' },
  image: { type: ['object', 'null'], properties: { id: { type: 'integer' }, src: { type: 'string' }, name: { type: 'string' }, alt: { type: 'string' } } },
  attributes: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, option: { type: 'string' } } } },
  menu_order: { type: 'integer' },
  meta_data: { type: 'array', items: META_ITEM },
};

const PRODUCT_LIST_ARGS = collectionArgs({
  type: { type: 'string', enum: ['simple', 'grouped', 'external', 'variable'] },
  status: { type: 'string', enum: ['any', 'future', 'trash', 'draft', 'pending', 'private', 'publish'] },
  sku: { type: 'string' },
  featured: { type: 'boolean' },
  category: { type: 'string' },
  tag: { type: 'string' },
  on_sale: { type: 'boolean' },
  stock_status: { type: 'string', enum: ['instock', 'outofstock', 'onbackorder'] },
  tax_class: { type: 'string' },
  ...POST_LIST_ARGS,
  slug: { type: 'string' },
  min_price: { type: 'string' },
  max_price: { type: 'string' },
}, ['date', 'modified', 'id', 'include', 'title', 'slug', 'price', 'popularity', 'rating', 'menu_order', 'comment_count']);

// ---- derived values -----------------------------------------------------------------------------

function isOnSale(state: WooState, p: ProductRec): boolean {
  if (p.type === 'variable') return state.variationsOf(p.id).some((v) => v.status === 'publish' && isOnSale(state, v));
  if (p.salePrice === '') return false;
  if (p.regularPrice !== '' && Number.parseFloat(p.regularPrice) <= Number.parseFloat(p.salePrice)) return false;
  const now = state.now().getTime();
  if (p.dateOnSaleFrom && p.dateOnSaleFrom.getTime() > now) return false;
  if (p.dateOnSaleTo && p.dateOnSaleTo.getTime() < now) return false;
  return true;
}

export function activePrice(state: WooState, p: ProductRec): string {
  if (p.type === 'variable') {
    const prices = state.variationsOf(p.id).filter((v) => v.status === 'publish').map((v) => activePrice(state, v)).filter((x) => x !== '');
    if (prices.length === 0) return '';
    return prices.reduce((a, b) => (Number.parseFloat(b) < Number.parseFloat(a) ? b : a));
  }
  return isOnSale(state, p) ? p.salePrice : p.regularPrice;
}

export function stockStatus(state: WooState, p: ProductRec): string {
  if (p.type === 'variable') {
    const children = state.variationsOf(p.id).filter((v) => v.status === 'publish');
    if (children.length === 0) return 'outofstock';
    const statuses = children.map((v) => stockStatus(state, v));
    if (statuses.includes('instock')) return 'instock';
    if (statuses.includes('onbackorder')) return 'onbackorder';
    return 'outofstock';
  }
  if (p.manageStock && p.stockQuantity !== null) {
    if (p.stockQuantity <= 0) return p.backorders === 'no' ? 'outofstock' : 'onbackorder';
    return 'instock';
  }
  return p.stockStatus;
}

function purchasable(state: WooState, p: ProductRec): boolean {
  if (p.type === 'variable') return state.variationsOf(p.id).some((v) => purchasable(state, v));
  if (p.type === 'external') return false;
  if (p.type === 'grouped') return false;
  if (p.type === 'variation') {
    const parent = state.products.get(p.parentId);
    if (!parent || parent.status === 'trash') return false;
  }
  return p.status === 'publish' && activePrice(state, p) !== '';
}

function priceHtml(state: WooState, p: ProductRec): string {
  if (p.type === 'variable') {
    const kids = state.variationsOf(p.id).filter((v) => v.status === 'publish' && activePrice(state, v) !== '');
    if (kids.length === 0) return '';
    const prices = kids.map((v) => priceToDisplay(state, v, Number.parseFloat(activePrice(state, v)))).sort((a, b) => a - b);
    const regs = kids.map((v) => priceToDisplay(state, v, Number.parseFloat(v.regularPrice || activePrice(state, v)))).sort((a, b) => a - b);
    const min = prices[0]!;
    const max = prices[prices.length - 1]!;
    if (min !== max) return formatPriceRange(state, min, max);
    if (isOnSale(state, p) && regs[0] === regs[regs.length - 1]) return formatSalePrice(state, regs[regs.length - 1]!, min);
    return wcPrice(state, min);
  }
  const price = activePrice(state, p);
  if (price === '') return '';
  if (isOnSale(state, p)) {
    return formatSalePrice(state, priceToDisplay(state, p, Number.parseFloat(p.regularPrice)), priceToDisplay(state, p, Number.parseFloat(price)));
  }
  return wcPrice(state, priceToDisplay(state, p, Number.parseFloat(price)));
}

export function permalink(sim: Sim, p: ProductRec): string {
  if (p.type === 'variation') {
    const parent = sim.state.products.get(p.parentId);
    const base = parent ? permalink(sim, parent) : `${sim.site}/?post_type=product_variation&p=${p.id}`;
    const query = p.variationAttributes.filter((a) => a.option !== '').map((a) => `attribute_${a.id ? attributeTaxonomy(sim.state, a.id) : sanitizeTitle(a.name)}=${a.option}`);
    return query.length > 0 ? `${base}?${query.join('&')}` : base;
  }
  if (p.status === 'publish' || p.status === 'private') return `${sim.site}/product/${p.slug}/`;
  return `${sim.site}/?post_type=product&p=${p.id}`;
}

export function attributeTaxonomy(state: WooState, attributeId: number): string {
  return state.attributes.get(attributeId)?.slug ?? `pa_${attributeId}`;
}

function termsOfTaxonomy(state: WooState, taxonomy: string): TermRec[] {
  return state.terms.filter((t) => t.taxonomy === taxonomy);
}

/** Term ordering of an attribute (order_by: menu_order, name, name_num, id). */
function sortAttributeTerms(state: WooState, attr: AttributeRec | undefined, terms: TermRec[]): TermRec[] {
  const by = attr?.orderBy ?? 'menu_order';
  return [...terms].sort((a, b) => {
    if (by === 'id') return a.id - b.id;
    if (by === 'name_num') return Number.parseFloat(a.name) - Number.parseFloat(b.name) || a.name.localeCompare(b.name);
    if (by === 'menu_order' && a.menuOrder !== b.menuOrder) return a.menuOrder - b.menuOrder;
    return a.name.localeCompare(b.name, 'fr', { sensitivity: 'base' });
  });
}

/** Variation title as WooCommerce generates it ("Parent - Rouge"), and the formatted attribute values ("Rouge"). */
export function variationAttributeValues(state: WooState, v: ProductRec): string[] {
  return v.variationAttributes.filter((a) => a.option !== '').map((a) => {
    if (a.id) {
      const term = state.terms.find((t) => t.taxonomy === attributeTaxonomy(state, a.id) && t.slug === a.option);
      return term ? term.name : a.option;
    }
    return a.option;
  });
}

export function productName(state: WooState, p: ProductRec): string {
  if (p.type !== 'variation') return p.name;
  const parent = state.products.get(p.parentId);
  const base = parent?.name ?? p.name;
  const values = variationAttributeValues(state, p);
  return values.length > 0 && p.variationAttributes.length < 3 ? `${base} - ${values.join(', ')}` : base;
}

function imageObjects(sim: Sim, ids: number[]): Record<string, unknown>[] {
  return ids.map((id) => sim.state.media.get(id)).filter((m) => m !== undefined).map((m) => mediaObjectForProduct(m));
}

function taxonomyAttributeResponse(state: WooState, a: ProductAttributeRec): Record<string, unknown> {
  if (a.id) {
    const attr = state.attributes.get(a.id);
    const terms = sortAttributeTerms(state, attr, a.termIds.map((id) => state.terms.get(id)).filter((t): t is TermRec => t !== undefined));
    return { id: a.id, name: attr?.name ?? a.name, slug: attr?.slug ?? a.name, position: a.position, visible: a.visible, variation: a.variation, options: terms.map((t) => t.name) };
  }
  return { id: 0, name: a.name, slug: sanitizeTitle(a.name), position: a.position, visible: a.visible, variation: a.variation, options: a.options };
}

function variationAttributesResponse(state: WooState, v: ProductRec): Record<string, unknown>[] {
  const parent = state.products.get(v.parentId);
  return v.variationAttributes.filter((a) => a.option !== '').map((a) => {
    if (a.id) {
      const attr = state.attributes.get(a.id);
      const term = state.terms.find((t) => t.taxonomy === attr?.slug && t.slug === a.option);
      return { id: a.id, name: attr?.name ?? a.name, slug: attr?.slug ?? a.name, option: term ? term.name : a.option };
    }
    const parentAttr = parent?.attributes.find((pa) => !pa.id && sanitizeTitle(pa.name) === sanitizeTitle(a.name));
    return { id: 0, name: parentAttr?.name ?? a.name, slug: sanitizeTitle(a.name), option: a.option };
  });
}

function defaultAttributesResponse(state: WooState, p: ProductRec): Record<string, unknown>[] {
  return p.defaultAttributes.map((a) => ({ id: a.id, name: a.id ? state.attributes.get(a.id)?.name ?? a.name : a.name, option: a.option }));
}

function metaResponse(meta: MetaRec[]): Record<string, unknown>[] {
  return meta.map((m) => ({ id: m.id, key: m.key, value: m.value }));
}

function termRefs(state: WooState, ids: number[]): Record<string, unknown>[] {
  return ids.map((id) => state.terms.get(id)).filter((t): t is TermRec => t !== undefined).map((t) => ({ id: t.id, name: t.name, slug: t.slug }));
}

// ---- serialisation ------------------------------------------------------------------------------

/** Product as the products endpoint shows it (parents and, through ?sku=, variations). */
export function productResponse(sim: Sim, p: ProductRec, context: 'view' | 'edit'): Record<string, unknown> {
  const state = sim.state;
  const isVar = p.type === 'variation';
  const price = activePrice(state, p);
  const status = stockStatus(state, p);
  const manage = p.manageStock;
  const taxClass = isVar && context === 'view' ? effectiveTaxClass(state, p) : p.taxClass;
  const name = productName(state, p);
  const data: Record<string, unknown> = {
    id: p.id,
    name,
    slug: isVar ? sanitizeTitle(name) : p.slug,
    permalink: permalink(sim, p),
    date_created: wpDate(p.dateCreated),
    date_created_gmt: wpDate(p.dateCreated),
    date_modified: wpDate(p.dateModified),
    date_modified_gmt: wpDate(p.dateModified),
    type: p.type,
    status: p.status,
    featured: p.featured,
    catalog_visibility: p.catalogVisibility,
    description: context === 'view' ? wpautop(p.description) : p.description,
    short_description: context === 'view' ? wpautop(p.shortDescription) : p.shortDescription,
    sku: p.sku,
    price,
    regular_price: p.regularPrice,
    sale_price: p.salePrice,
    date_on_sale_from: wpDate(p.dateOnSaleFrom),
    date_on_sale_from_gmt: wpDate(p.dateOnSaleFrom),
    date_on_sale_to: wpDate(p.dateOnSaleTo),
    date_on_sale_to_gmt: wpDate(p.dateOnSaleTo),
    on_sale: isOnSale(state, p),
    purchasable: purchasable(state, p),
    total_sales: isVar ? String(p.totalSales) : p.totalSales,
    virtual: p.virtual,
    downloadable: p.downloadable,
    downloads: clone(p.downloads),
    download_limit: p.downloadLimit,
    download_expiry: p.downloadExpiry,
    external_url: p.externalUrl,
    button_text: p.buttonText,
    tax_status: p.taxStatus,
    tax_class: taxClass,
    manage_stock: manage,
    stock_quantity: manage ? p.stockQuantity : null,
    backorders: p.backorders,
    backorders_allowed: p.backorders !== 'no',
    backordered: status === 'onbackorder' && manage,
    low_stock_amount: p.lowStockAmount,
    sold_individually: p.soldIndividually,
    weight: p.weight,
    dimensions: { ...p.dimensions },
    shipping_required: !p.virtual,
    shipping_taxable: !p.virtual && (p.taxStatus === 'taxable' || p.taxStatus === 'shipping'),
    shipping_class: p.shippingClass,
    shipping_class_id: 0,
    reviews_allowed: isVar ? false : p.reviewsAllowed,
    average_rating: context === 'view' ? wcFormatDecimal(p.averageRating, 2) : p.averageRating,
    rating_count: p.ratingCount,
    upsell_ids: [...p.upsellIds],
    cross_sell_ids: [...p.crossSellIds],
    parent_id: p.parentId,
    purchase_note: p.purchaseNote,
    categories: isVar ? [] : termRefs(state, p.categoryIds),
    brands: [],
    tags: isVar ? [] : termRefs(state, p.tagIds),
    images: imageObjects(sim, p.imageIds),
    attributes: isVar ? variationAttributesResponse(state, p) : p.attributes.slice().sort((a, b) => a.position - b.position).map((a) => taxonomyAttributeResponse(state, a)),
    default_attributes: isVar ? [] : defaultAttributesResponse(state, p),
    variations: p.type === 'variable' ? state.variationsOf(p.id).map((v) => v.id) : [],
    grouped_products: [...p.groupedProducts],
    menu_order: p.menuOrder,
    price_html: priceHtml(state, p),
    related_ids: [],
    meta_data: metaResponse(p.metaData),
    stock_status: status,
    has_options: p.type === 'variable',
    post_password: p.postPassword,
    global_unique_id: p.globalUniqueId,
  };
  if (context === 'edit') {
    data.permalink_template = `${sim.site}/product/%pagename%/`;
    data.generated_slug = isVar ? sanitizeTitle(name) : p.slug;
  }
  const links: Record<string, unknown> = { self: selfLink(`${sim.api}/products/${p.id}`), collection: hrefs(`${sim.api}/products`) };
  if (p.parentId) links.up = hrefs(`${sim.api}/products/${p.parentId}`);
  data._links = links;
  return data;
}

/** Variation as the variations endpoint shows it. */
export function variationResponse(sim: Sim, v: ProductRec, context: 'view' | 'edit'): Record<string, unknown> {
  const state = sim.state;
  const image = v.imageIds[0] !== undefined ? state.media.get(v.imageIds[0]) : undefined;
  return {
    id: v.id,
    type: 'variation',
    date_created: wpDate(v.dateCreated),
    date_created_gmt: wpDate(v.dateCreated),
    date_modified: wpDate(v.dateModified),
    date_modified_gmt: wpDate(v.dateModified),
    description: context === 'view' ? wpautop(v.description) : v.description,
    permalink: permalink(sim, v),
    sku: v.sku,
    global_unique_id: v.globalUniqueId,
    price: activePrice(state, v),
    regular_price: v.regularPrice,
    sale_price: v.salePrice,
    date_on_sale_from: wpDate(v.dateOnSaleFrom),
    date_on_sale_from_gmt: wpDate(v.dateOnSaleFrom),
    date_on_sale_to: wpDate(v.dateOnSaleTo),
    date_on_sale_to_gmt: wpDate(v.dateOnSaleTo),
    on_sale: isOnSale(state, v),
    status: v.status,
    purchasable: purchasable(state, v),
    virtual: v.virtual,
    downloadable: v.downloadable,
    downloads: clone(v.downloads),
    download_limit: v.downloadLimit,
    download_expiry: v.downloadExpiry,
    tax_status: v.taxStatus,
    tax_class: context === 'view' ? effectiveTaxClass(state, v) : v.taxClass,
    manage_stock: v.manageStock,
    stock_quantity: v.manageStock ? v.stockQuantity : null,
    stock_status: stockStatus(state, v),
    backorders: v.backorders,
    backorders_allowed: v.backorders !== 'no',
    backordered: v.manageStock && stockStatus(state, v) === 'onbackorder',
    low_stock_amount: v.lowStockAmount,
    weight: v.weight,
    dimensions: { ...v.dimensions },
    shipping_class: v.shippingClass,
    shipping_class_id: 0,
    image: image ? mediaObjectForProduct(image) : null,
    attributes: variationAttributesResponse(state, v),
    menu_order: v.menuOrder,
    meta_data: metaResponse(v.metaData),
    name: variationAttributeValues(state, v).join(', '),
    parent_id: v.parentId,
    _links: {
      self: selfLink(`${sim.api}/products/${v.parentId}/variations/${v.id}`),
      collection: hrefs(`${sim.api}/products/${v.parentId}/variations`),
      up: hrefs(`${sim.api}/products/${v.parentId}`),
    },
  };
}

// ---- writes -------------------------------------------------------------------------------------

function newProduct(state: WooState, type: ProductRec['type'], parentId = 0): ProductRec {
  const now = state.now();
  return {
    id: 0, parentId, type, name: '', slug: '', status: 'publish', featured: false, catalogVisibility: 'visible',
    description: '', shortDescription: '', sku: '', globalUniqueId: '', regularPrice: '', salePrice: '',
    dateOnSaleFrom: null, dateOnSaleTo: null, totalSales: 0, virtual: false, downloadable: false, downloads: [],
    downloadLimit: -1, downloadExpiry: -1, externalUrl: '', buttonText: '', taxStatus: 'taxable',
    taxClass: type === 'variation' ? 'parent' : '', manageStock: false, stockQuantity: null, stockStatus: 'instock',
    backorders: 'no', lowStockAmount: null, soldIndividually: false, weight: '', dimensions: { length: '', width: '', height: '' },
    shippingClass: '', reviewsAllowed: true, averageRating: '0', ratingCount: 0, upsellIds: [], crossSellIds: [],
    purchaseNote: '', categoryIds: [], tagIds: [], brandIds: [], imageIds: [], attributes: [], variationAttributes: [],
    defaultAttributes: [], groupedProducts: [], menuOrder: 0, metaData: [], postPassword: '', dateCreated: now, dateModified: now,
  };
}

/** wc_product_generate_unique_sku(): AR0003-1, AR0003-2… */
function uniqueSku(state: WooState, sku: string, selfId: number): string {
  let i = 1;
  while (skuOwner(state, `${sku}-${i}`, selfId)) i++;
  return `${sku}-${i}`;
}

function skuOwner(state: WooState, sku: string, selfId: number): ProductRec | undefined {
  if (sku === '') return undefined;
  return state.products.withSku(sku).find((p) => p.id !== selfId && p.status !== 'trash');
}

function checkSku(state: WooState, sku: string, selfId: number): void {
  const owner = skuOwner(state, sku, selfId);
  if (owner) {
    throw new RestError('product_invalid_sku', 'Invalid or duplicated SKU.', 400, { resource_id: owner.id, unique_sku: uniqueSku(state, sku, selfId) });
  }
}

function uniqueSlug(state: WooState, slug: string, selfId: number, variation: boolean): string {
  const taken = (s: string) => state.products.withSlug(s).find((p) => p.id !== selfId && (p.type === 'variation') === variation && p.status !== 'trash');
  if (!taken(slug)) return slug;
  let i = 2;
  while (taken(`${slug}-${i}`)) i++;
  return `${slug}-${i}`;
}

/** WC_Data::update_meta_data() semantics for every meta_data entry of a payload. */
export function applyMeta(state: WooState, meta: MetaRec[], input: unknown, counter: 'postMeta' | 'orderMeta' | 'userMeta' = 'postMeta'): void {
  if (!Array.isArray(input)) return;
  for (const raw of input) {
    if (!isPlainObject(raw)) continue;
    const key = toStr(raw.key);
    const value = raw.value === undefined ? '' : raw.value;
    const id = toInt(raw.id, 0);
    if (id) {
      const existing = meta.find((m) => m.id === id);
      if (existing) {
        existing.key = key || existing.key;
        existing.value = value;
        continue;
      }
    }
    if (key === '') continue;
    const same = meta.filter((m) => m.key === key);
    if (same.length > 0) {
      same[0]!.value = value;
      for (const extra of same.slice(1)) meta.splice(meta.indexOf(extra), 1);
    } else {
      meta.push({ id: state.nextId(counter), key, value });
    }
  }
}

function setDate(v: unknown): Date | null {
  if (v === null || v === '') return null;
  return parseWpDate(v);
}

function findTermForAttribute(state: WooState, taxonomy: string, value: string): TermRec | undefined {
  return state.terms.find((t) => t.taxonomy === taxonomy && t.name === value) ??
    state.terms.find((t) => t.taxonomy === taxonomy && t.slug === sanitizeTitle(value));
}

/** wp_insert_term() (no hooks): unique slug, parent check, duplicate names. */
export function insertTerm(state: WooState, taxonomy: string, name: string, opts: { slug?: string; parent?: number; description?: string; menuOrder?: number } = {}): TermRec {
  const parent = opts.parent ?? 0;
  const hierarchical = taxonomy === 'product_cat';
  if (name.trim() === '') throw new RestError('empty_term_name', 'A name is required for this term.', 400);
  if (parent && !state.terms.find((t) => t.id === parent && t.taxonomy === taxonomy)) {
    throw new RestError('missing_parent', 'Parent term does not exist.', 400);
  }
  const dup = state.terms.find((t) => t.taxonomy === taxonomy && t.name.toLowerCase() === name.toLowerCase() && (!hierarchical || t.parent === parent));
  if (dup && !opts.slug) {
    throw new RestError('term_exists', hierarchical ? 'A term with the name provided already exists with this parent.' : 'A term with the name provided already exists in this taxonomy.', 400, { resource_id: dup.id });
  }
  let slug = sanitizeTitle(opts.slug || name) || String(state.counters.term);
  const slugTaken = (s: string) => state.terms.find((t) => t.taxonomy === taxonomy && t.slug === s);
  if (opts.slug && slugTaken(slug)) {
    throw new RestError('duplicate_term_slug', `The slug “${slug}” is already in use by another term.`, 400);
  }
  if (slugTaken(slug) && parent) {
    const parentSlug = state.terms.get(parent)?.slug;
    if (parentSlug && !slugTaken(`${slug}-${parentSlug}`)) slug = `${slug}-${parentSlug}`;
  }
  if (slugTaken(slug)) {
    let i = 2;
    while (slugTaken(`${slug}-${i}`)) i++;
    slug = `${slug}-${i}`;
  }
  const term: TermRec = {
    id: state.nextId('term'), taxonomy, name, slug, parent, description: opts.description ?? '', display: 'default', imageId: null, menuOrder: opts.menuOrder ?? 0,
  };
  state.terms.set(term);
  return term;
}

async function setImages(sim: Sim, p: ProductRec, images: unknown): Promise<void> {
  if (!Array.isArray(images)) return;
  const ids: number[] = [];
  for (const img of images) {
    if (!isPlainObject(img)) continue;
    let id = toInt(img.id, 0);
    if (id) {
      const m = sim.state.media.get(id);
      if (!m) throw new RestError('woocommerce_product_invalid_image_id', `#${id} is an invalid image ID.`, 400);
    } else if (img.src !== undefined && img.src !== '') {
      id = sideloadImage(sim, toStr(img.src), p.id).id;
    } else {
      continue;
    }
    const m = sim.state.media.get(id)!;
    if (typeof img.name === 'string' && img.name !== '') m.title = img.name;
    if (typeof img.alt === 'string' && img.alt !== '') m.alt = img.alt;
    if (!ids.includes(id)) ids.push(id);
  }
  p.imageIds = p.type === 'variation' ? ids.slice(0, 1) : ids;
}

function setProductAttributes(state: WooState, p: ProductRec, input: unknown): void {
  if (!Array.isArray(input)) return;
  const out: ProductAttributeRec[] = [];
  for (const raw of input) {
    if (!isPlainObject(raw)) continue;
    const attrId = toInt(raw.id, 0);
    const attr = attrId ? state.attributes.get(attrId) : undefined;
    const name = attr ? attr.slug : toStr(raw.name);
    if (!attrId && !name) continue;
    const optionsRaw = raw.options;
    const options = Array.isArray(optionsRaw) ? optionsRaw.map(toStr) : optionsRaw !== undefined ? toStr(optionsRaw).split('|').map((s) => s.trim()) : [];
    const values = options.filter((o) => o !== '');
    const base = { position: toInt(raw.position, 0), visible: toBool(raw.visible), variation: toBool(raw.variation) };
    if (attrId) {
      if (!attr || values.length === 0) continue;
      const termIds: number[] = [];
      for (const v of values) {
        const term = findTermForAttribute(state, attr.slug, v) ?? insertTerm(state, attr.slug, v);
        if (!termIds.includes(term.id)) termIds.push(term.id);
      }
      out.push({ id: attrId, name: attr.slug, termIds, options: [], ...base });
    } else if (optionsRaw !== undefined) {
      out.push({ id: 0, name, termIds: [], options: values, ...base });
    }
  }
  p.attributes = out;
}

function setDefaultAttributes(state: WooState, p: ProductRec, input: unknown): void {
  if (!Array.isArray(input)) return;
  const out: VariationAttributeRec[] = [];
  for (const raw of input) {
    if (!isPlainObject(raw)) continue;
    const attrId = toInt(raw.id, 0);
    const attr = attrId ? state.attributes.get(attrId) : undefined;
    const pa = attrId ? p.attributes.find((a) => a.id === attrId) : p.attributes.find((a) => !a.id && sanitizeTitle(a.name) === sanitizeTitle(toStr(raw.name)));
    if (!pa || !pa.variation) continue;
    let value = toStr(raw.option);
    if (attr) {
      const term = state.terms.find((t) => t.taxonomy === attr.slug && t.name === value);
      value = term ? term.slug : sanitizeTitle(value);
    }
    if (value) out.push({ id: attrId, name: attr ? attr.slug : pa.name, option: value });
  }
  p.defaultAttributes = out;
}

function setVariationAttributes(state: WooState, v: ProductRec, parent: ProductRec, input: unknown): void {
  if (!Array.isArray(input)) return;
  const out: VariationAttributeRec[] = [];
  for (const raw of input) {
    if (!isPlainObject(raw)) continue;
    const attrId = toInt(raw.id, 0);
    const attr = attrId ? state.attributes.get(attrId) : undefined;
    const pa = attrId ? parent.attributes.find((a) => a.id === attrId) : parent.attributes.find((a) => !a.id && sanitizeTitle(a.name) === sanitizeTitle(toStr(raw.name)));
    if (!pa || !pa.variation) continue;
    let value = toStr(raw.option);
    if (attr) {
      const term = state.terms.find((t) => t.taxonomy === attr.slug && t.name === value);
      value = term ? term.slug : sanitizeTitle(value);
    }
    const existing = out.findIndex((a) => a.id === attrId && a.name === (attr ? attr.slug : pa.name));
    const rec = { id: attrId, name: attr ? attr.slug : pa.name, option: value };
    if (existing >= 0) out[existing] = rec;
    else out.push(rec);
  }
  // Keep the parent's attribute order.
  out.sort((a, b) => parent.attributes.findIndex((x) => x.id === a.id && (a.id || x.name === a.name)) - parent.attributes.findIndex((x) => x.id === b.id && (b.id || x.name === b.name)));
  v.variationAttributes = out;
}

/** Common product/variation props (WC_REST_Products_Controller::prepare_object_for_database). */
async function applyProductProps(sim: Sim, p: ProductRec, b: Record<string, unknown>, creating: boolean): Promise<void> {
  const state = sim.state;
  const isVar = p.type === 'variation';
  if (!isVar) {
    if (b.name !== undefined) p.name = toStr(b.name);
    if (b.slug !== undefined) p.slug = sanitizeTitle(toStr(b.slug));
    if (b.featured !== undefined) p.featured = toBool(b.featured);
    if (b.catalog_visibility !== undefined) p.catalogVisibility = toStr(b.catalog_visibility);
    if (b.short_description !== undefined) p.shortDescription = toStr(b.short_description);
    if (b.external_url !== undefined) p.externalUrl = toStr(b.external_url);
    if (b.button_text !== undefined) p.buttonText = toStr(b.button_text);
    if (b.sold_individually !== undefined) p.soldIndividually = toBool(b.sold_individually);
    if (b.reviews_allowed !== undefined) p.reviewsAllowed = toBool(b.reviews_allowed);
    if (b.upsell_ids !== undefined) p.upsellIds = toIdList(b.upsell_ids);
    if (b.cross_sell_ids !== undefined) p.crossSellIds = toIdList(b.cross_sell_ids);
    if (b.purchase_note !== undefined) p.purchaseNote = toStr(b.purchase_note);
    if (b.post_password !== undefined) p.postPassword = toStr(b.post_password);
    if (b.grouped_products !== undefined) p.groupedProducts = toIdList(b.grouped_products);
    if (b.parent_id !== undefined) p.parentId = toInt(b.parent_id, 0);
  }
  if (b.status !== undefined) p.status = toStr(b.status);
  if (b.description !== undefined) p.description = toStr(b.description);
  if (b.sku !== undefined) {
    const sku = toStr(b.sku).trim();
    checkSku(state, sku, p.id);
    p.sku = sku;
  }
  if (b.global_unique_id !== undefined) p.globalUniqueId = toStr(b.global_unique_id);
  const decimalSep = state.option('woocommerce_price_decimal_sep') || '.';
  if (b.regular_price !== undefined) p.regularPrice = wcFormatDecimal(toStr(b.regular_price), false, false, decimalSep);
  if (b.sale_price !== undefined) p.salePrice = wcFormatDecimal(toStr(b.sale_price), false, false, decimalSep);
  if (b.date_on_sale_from !== undefined) p.dateOnSaleFrom = setDate(b.date_on_sale_from);
  if (b.date_on_sale_from_gmt !== undefined) p.dateOnSaleFrom = setDate(b.date_on_sale_from_gmt);
  if (b.date_on_sale_to !== undefined) p.dateOnSaleTo = setDate(b.date_on_sale_to);
  if (b.date_on_sale_to_gmt !== undefined) p.dateOnSaleTo = setDate(b.date_on_sale_to_gmt);
  if (b.virtual !== undefined) p.virtual = toBool(b.virtual);
  if (b.downloadable !== undefined) p.downloadable = toBool(b.downloadable);
  if (b.downloads !== undefined && Array.isArray(b.downloads)) p.downloads = clone(b.downloads);
  if (b.download_limit !== undefined) p.downloadLimit = toInt(b.download_limit, -1);
  if (b.download_expiry !== undefined) p.downloadExpiry = toInt(b.download_expiry, -1);
  if (b.tax_status !== undefined) p.taxStatus = toStr(b.tax_status);
  if (b.tax_class !== undefined) {
    const cls = toStr(b.tax_class);
    const valid = cls === '' || cls === 'standard' || (isVar && cls === 'parent') || state.taxClassSlugs().includes(cls);
    p.taxClass = !valid ? (isVar ? 'parent' : '') : cls === 'standard' ? '' : cls;
  }
  if (b.weight !== undefined) p.weight = toStr(b.weight);
  if (isPlainObject(b.dimensions)) {
    for (const k of ['length', 'width', 'height'] as const) if (b.dimensions[k] !== undefined) p.dimensions[k] = toStr(b.dimensions[k]);
  }
  if (b.shipping_class !== undefined) p.shippingClass = toStr(b.shipping_class);
  if (b.menu_order !== undefined) p.menuOrder = toInt(b.menu_order, 0);
  if (b.low_stock_amount !== undefined) p.lowStockAmount = b.low_stock_amount === null || b.low_stock_amount === '' ? null : toInt(b.low_stock_amount);
  // Stock handling, as WooCommerce does it.
  if (b.manage_stock !== undefined) p.manageStock = toBool(b.manage_stock);
  if (b.stock_status !== undefined) p.stockStatus = toStr(b.stock_status);
  if (p.manageStock) {
    if (b.stock_quantity !== undefined && b.stock_quantity !== null) p.stockQuantity = toInt(b.stock_quantity, 0);
    else if (b.inventory_delta !== undefined) p.stockQuantity = (p.stockQuantity ?? 0) + toInt(b.inventory_delta, 0);
    else if (p.stockQuantity === null) p.stockQuantity = 0;
    if (b.backorders !== undefined) p.backorders = toStr(b.backorders);
  } else {
    p.backorders = 'no';
    p.stockQuantity = null;
  }
  if (p.type === 'variable') p.manageStock = p.manageStock && b.manage_stock !== undefined ? p.manageStock : p.manageStock;
  if (!isVar) {
    if (Array.isArray(b.categories)) {
      p.categoryIds = b.categories.filter(isPlainObject).map((c) => toInt(c.id, 0)).filter((id) => state.terms.get(id)?.taxonomy === 'product_cat');
    }
    if (Array.isArray(b.tags)) {
      const ids: number[] = [];
      for (const t of b.tags) {
        if (isPlainObject(t) && toInt(t.id, 0) && state.terms.get(toInt(t.id))?.taxonomy === 'product_tag') ids.push(toInt(t.id));
        else if (isPlainObject(t) && typeof t.name === 'string') {
          const term = state.terms.find((x) => x.taxonomy === 'product_tag' && x.name === t.name) ?? insertTerm(state, 'product_tag', t.name);
          ids.push(term.id);
        }
      }
      p.tagIds = ids;
    }
    if (b.attributes !== undefined) setProductAttributes(state, p, b.attributes);
    if (b.default_attributes !== undefined) setDefaultAttributes(state, p, b.default_attributes);
  }
  if (b.meta_data !== undefined) applyMeta(state, p.metaData, b.meta_data);
  if (!isVar && b.images !== undefined) await setImages(sim, p, b.images);
  if (isVar && b.image !== undefined) {
    if (b.image === null || (isPlainObject(b.image) && !b.image.id && !b.image.src)) p.imageIds = [];
    else await setImages(sim, p, [b.image]);
  }
  if (creating && !isVar && p.categoryIds.length === 0) p.categoryIds = [15].filter((id) => state.terms.has(id));
}

function touchParent(state: WooState, parentId: number): void {
  const parent = state.products.get(parentId);
  if (parent) parent.dateModified = state.now();
}

export async function createProduct(sim: Sim, b: Record<string, unknown>): Promise<ProductRec> {
  const state = sim.state;
  const type = (toStr(b.type) || 'simple') as ProductRec['type'];
  const p = newProduct(state, type);
  if (b.sku !== undefined) checkSku(state, toStr(b.sku).trim(), 0);
  await applyProductProps(sim, p, b, true);
  p.id = state.nextId('post');
  for (const id of p.imageIds) {
    const m = state.media.get(id);
    if (m && !m.parentId) m.parentId = p.id;
  }
  if (!p.name) p.name = 'Product';
  p.slug = uniqueSlug(state, p.slug || sanitizeTitle(p.name) || String(p.id), p.id, false);
  state.products.set(p);
  sim.hook('product', 'created', p.id);
  return p;
}

export async function updateProduct(sim: Sim, p: ProductRec, b: Record<string, unknown>): Promise<void> {
  const state = sim.state;
  if (b.type !== undefined && toStr(b.type) !== p.type && p.type !== 'variation') p.type = toStr(b.type) as ProductRec['type'];
  await applyProductProps(sim, p, b, false);
  if (b.slug !== undefined || b.name !== undefined) {
    if (b.slug !== undefined) p.slug = uniqueSlug(state, p.slug || sanitizeTitle(p.name), p.id, p.type === 'variation');
  }
  p.dateModified = state.now();
  state.products.reindex(p);
  if (p.type === 'variation') touchParent(state, p.parentId);
  sim.hook('product', 'updated', p.id);
}

async function createVariation(sim: Sim, parent: ProductRec, b: Record<string, unknown>): Promise<ProductRec> {
  const state = sim.state;
  const v = newProduct(state, 'variation', parent.id);
  v.reviewsAllowed = false;
  if (b.sku !== undefined) checkSku(state, toStr(b.sku).trim(), 0);
  await applyProductProps(sim, v, b, true);
  setVariationAttributes(state, v, parent, b.attributes);
  v.id = state.nextId('post');
  v.name = productName(state, v);
  v.slug = sanitizeTitle(v.name);
  state.products.set(v);
  touchParent(state, parent.id);
  sim.hook('product', 'created', v.id);
  return v;
}

async function updateVariation(sim: Sim, parent: ProductRec, v: ProductRec, b: Record<string, unknown>): Promise<void> {
  await applyProductProps(sim, v, b, false);
  if (b.attributes !== undefined) setVariationAttributes(sim.state, v, parent, b.attributes);
  v.dateModified = sim.state.now();
  sim.state.products.reindex(v);
  touchParent(sim.state, parent.id);
  sim.hook('product', 'updated', v.id);
}

function deleteProductRecord(sim: Sim, p: ProductRec): void {
  const state = sim.state;
  if (p.type === 'variable') for (const v of state.variationsOf(p.id)) state.products.delete(v.id);
  state.products.delete(p.id);
  if (p.type === 'variation') touchParent(state, p.parentId);
  sim.hook('product', 'deleted', p.id);
}

// ---- listing ------------------------------------------------------------------------------------

function dateParam(req: RestRequest, name: string): Date | null {
  const v = param(req, name);
  return typeof v === 'string' ? parseWpDate(v) : null;
}

function categoryWithChildren(state: WooState, ids: number[]): Set<number> {
  const out = new Set(ids);
  let grew = true;
  while (grew) {
    grew = false;
    for (const t of state.terms.list()) {
      if (t.taxonomy === 'product_cat' && out.has(t.parent) && !out.has(t.id)) {
        out.add(t.id);
        grew = true;
      }
    }
  }
  return out;
}

function listProducts(sim: Sim, req: RestRequest): ProductRec[] {
  const state = sim.state;
  const skus = toList(param(req, 'sku')).map((s) => s.trim());
  const includeIds = toIdList(param(req, 'include'));
  let items = skus.length > 0
    ? skus.flatMap((s) => state.products.withSku(s))
    : includeIds.length > 0
      ? includeIds.map((id) => state.products.get(id)).filter((p): p is ProductRec => p !== undefined && p.type !== 'variation')
      : state.products.list().filter((p) => p.type !== 'variation');
  const status = toStr(param(req, 'status')) || 'any';
  items = items.filter((p) => (status === 'any' ? p.status !== 'trash' && p.status !== 'auto-draft' : p.status === status));
  if (skus.length > 0) items = items.filter((p) => skus.includes(p.sku));
  const type = toStr(param(req, 'type'));
  if (type) items = items.filter((p) => p.type === type);
  const include = toIdList(param(req, 'include'));
  if (include.length > 0) items = items.filter((p) => include.includes(p.id));
  const exclude = toIdList(param(req, 'exclude'));
  if (exclude.length > 0) items = items.filter((p) => !exclude.includes(p.id));
  const parent = toIdList(param(req, 'parent'));
  if (parent.length > 0) items = items.filter((p) => parent.includes(p.parentId));
  const parentExclude = toIdList(param(req, 'parent_exclude'));
  if (parentExclude.length > 0) items = items.filter((p) => !parentExclude.includes(p.parentId));
  const slug = toStr(param(req, 'slug'));
  if (slug) items = items.filter((p) => toList(slug).includes(p.slug));
  const search = toStr(param(req, 'search')).toLowerCase();
  if (search) items = items.filter((p) => `${p.name} ${p.description} ${p.shortDescription}`.toLowerCase().includes(search));
  const category = toIdList(param(req, 'category'));
  if (category.length > 0) {
    const cats = categoryWithChildren(state, category);
    items = items.filter((p) => p.categoryIds.some((c) => cats.has(c)));
  }
  const tag = toIdList(param(req, 'tag'));
  if (tag.length > 0) items = items.filter((p) => p.tagIds.some((t) => tag.includes(t)));
  if (param(req, 'featured') !== undefined) items = items.filter((p) => p.featured === toBool(param(req, 'featured')));
  if (param(req, 'on_sale') !== undefined) items = items.filter((p) => isOnSale(state, p) === toBool(param(req, 'on_sale')));
  const stock = toStr(param(req, 'stock_status'));
  if (stock) items = items.filter((p) => stockStatus(state, p) === stock);
  const taxClass = param(req, 'tax_class');
  if (taxClass !== undefined) items = items.filter((p) => effectiveTaxClass(state, p) === (toStr(taxClass) === 'standard' ? '' : toStr(taxClass)));
  const minPrice = param(req, 'min_price');
  if (minPrice !== undefined && minPrice !== '') items = items.filter((p) => activePrice(state, p) !== '' && Number.parseFloat(activePrice(state, p)) >= Number.parseFloat(toStr(minPrice)));
  const maxPrice = param(req, 'max_price');
  if (maxPrice !== undefined && maxPrice !== '') items = items.filter((p) => activePrice(state, p) !== '' && Number.parseFloat(activePrice(state, p)) <= Number.parseFloat(toStr(maxPrice)));
  const after = dateParam(req, 'after');
  if (after) items = items.filter((p) => p.dateCreated > after);
  const before = dateParam(req, 'before');
  if (before) items = items.filter((p) => p.dateCreated < before);
  const modAfter = dateParam(req, 'modified_after');
  if (modAfter) items = items.filter((p) => p.dateModified > modAfter);
  const modBefore = dateParam(req, 'modified_before');
  if (modBefore) items = items.filter((p) => p.dateModified < modBefore);

  const orderby = toStr(param(req, 'orderby')) || 'date';
  const dir = (toStr(param(req, 'order')) || 'desc') === 'asc' ? 1 : -1;
  const key = (p: ProductRec): number | string => {
    switch (orderby) {
      case 'id': return p.id;
      case 'title': return productName(state, p).toLowerCase();
      case 'slug': return p.slug;
      case 'modified': return p.dateModified.getTime();
      case 'price': return Number.parseFloat(activePrice(state, p) || '0');
      case 'popularity': return p.totalSales;
      case 'rating': return Number.parseFloat(p.averageRating);
      case 'menu_order': return p.menuOrder;
      case 'include': return include.indexOf(p.id);
      default: return p.dateCreated.getTime();
    }
  };
  return items.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const c = typeof ka === 'number' && typeof kb === 'number' ? ka - kb : String(ka).localeCompare(String(kb));
    if (orderby === 'include') return c;
    if (c !== 0) return c * dir;
    // Ties: the recorded shop listed equal dates by ascending id (MySQL order).
    return a.id - b.id;
  });
}

function contextOf(req: RestRequest): 'view' | 'edit' {
  return req.context ?? (toStr(param(req, 'context')) === 'edit' ? 'edit' : 'view');
}

function getProductOr404(state: WooState, id: number, status = 404): ProductRec {
  const p = state.products.get(id);
  if (!p) throw new RestError('woocommerce_rest_product_invalid_id', 'Invalid ID.', status);
  return p;
}

function getVariableParent(state: WooState, id: number): ProductRec {
  const parent = state.products.get(id);
  if (!parent || parent.type === 'variation') {
    throw new RestError('woocommerce_rest_product_variation_invalid_id', 'Invalid ID.', 404);
  }
  return parent;
}

function getVariationOr404(state: WooState, parent: ProductRec, id: number, status = 404): ProductRec {
  const v = state.products.get(id);
  if (!v || v.type !== 'variation' || v.parentId !== parent.id) {
    throw new RestError('woocommerce_rest_product_variation_invalid_id', 'Invalid ID.', status);
  }
  return v;
}

/** Generic WooCommerce batch (create / update / delete), each item through the single-item handler. */
export async function runBatch(
  sim: Sim,
  req: RestRequest,
  ops: {
    create?: (body: Record<string, unknown>) => Promise<unknown>;
    update?: (id: number, body: Record<string, unknown>) => Promise<unknown>;
    del?: (id: number) => Promise<unknown>;
    idKey?: string;
  },
): Promise<RestResponse> {
  const b = bodyObject(req);
  const lists = { create: b.create, update: b.update, delete: b.delete };
  let total = 0;
  for (const v of Object.values(lists)) if (Array.isArray(v)) total += v.length;
  if (total > sim.batchLimit) {
    throw new RestError('woocommerce_rest_request_entity_too_large', `Unable to accept more than ${sim.batchLimit} items for this request.`, 413);
  }
  const out: Record<string, unknown[]> = {};
  const err = (e: unknown) => {
    if (e instanceof RestError) return { code: e.code, message: e.message, data: { status: e.status, ...e.extra } };
    return { code: 'internal_error', message: String(e), data: { status: 500 } };
  };
  const idKey = ops.idKey ?? 'id';
  if (Array.isArray(lists.create) && lists.create.length > 0 && ops.create) {
    out.create = [];
    for (const item of lists.create) {
      try {
        out.create.push(await ops.create(isPlainObject(item) ? item : {}));
      } catch (e) {
        out.create.push({ id: 0, error: err(e) });
      }
    }
  }
  if (Array.isArray(lists.update) && lists.update.length > 0 && ops.update) {
    out.update = [];
    for (const item of lists.update) {
      const obj = isPlainObject(item) ? item : {};
      const id = idKey === 'id' ? toInt(obj.id, 0) : (obj[idKey] as number);
      try {
        out.update.push(await ops.update(id, obj));
      } catch (e) {
        out.update.push({ id: obj[idKey] ?? 0, error: err(e) });
      }
    }
  }
  if (Array.isArray(lists.delete) && lists.delete.length > 0 && ops.del) {
    out.delete = [];
    for (const item of lists.delete) {
      const id = toInt(isPlainObject(item) ? item.id : item, 0);
      try {
        out.delete.push(await ops.del(id));
      } catch (e) {
        out.delete.push({ id, error: err(e) });
      }
    }
  }
  return ok(out);
}

function validateItem(args: Record<string, ArgSpec>, body: Record<string, unknown>, req: RestRequest): void {
  validateArgs({ ...req, params: {}, query: {}, queryPairs: [], body }, args);
}

// ---- routes -------------------------------------------------------------------------------------

export function catalogRoutes(sim: Sim): Route[] {
  const state = sim.state;
  const api = sim.api;

  const productCreate = async (req: RestRequest, body: Record<string, unknown>) => {
    if (toInt(body.id, 0)) throw new RestError('woocommerce_rest_product_exists', 'Cannot create existing product.', 400);
    const p = await createProduct(sim, body);
    return productResponse(sim, p, 'edit');
  };
  const productUpdate = async (id: number, body: Record<string, unknown>) => {
    const p = state.products.get(id);
    if (!p || id === 0) throw new RestError('woocommerce_rest_product_invalid_id', 'Invalid ID.', 400);
    await updateProduct(sim, p, body);
    return productResponse(sim, p, 'edit');
  };
  const productDelete = (id: number, force: boolean) => {
    const p = getProductOr404(state, id);
    if (!force) {
      if (p.type === 'variation') throw new RestError('woocommerce_rest_trash_not_supported', 'The product does not support trashing.', 501);
      if (p.status === 'trash') throw new RestError('woocommerce_rest_already_trashed', 'The product has already been deleted.', 410);
      p.status = 'trash';
      p.dateModified = state.now();
      sim.hook('product', 'deleted', p.id);
      return productResponse(sim, p, 'edit');
    }
    const data = productResponse(sim, p, 'edit');
    deleteProductRecord(sim, p);
    return data;
  };

  const variationCreate = async (parent: ProductRec, body: Record<string, unknown>) => {
    if (parent.type !== 'variable') {
      // WooCommerce creates the variation anyway; it stays invisible on a non-variable parent.
    }
    const v = await createVariation(sim, parent, body);
    return variationResponse(sim, v, 'edit');
  };
  const variationUpdate = async (parent: ProductRec, id: number, body: Record<string, unknown>) => {
    const v = getVariationOr404(state, parent, id, 400);
    await updateVariation(sim, parent, v, body);
    return variationResponse(sim, v, 'edit');
  };
  const variationDelete = (parent: ProductRec, id: number, force: boolean) => {
    const v = getVariationOr404(state, parent, id);
    if (!force) throw new RestError('woocommerce_rest_trash_not_supported', 'The product_variation does not support trashing.', 501);
    const data = variationResponse(sim, v, 'edit');
    deleteProductRecord(sim, v);
    return data;
  };

  return [
    makeRoute('/wc/v3/products', [
      {
        methods: ['GET'], perm: 'list', args: PRODUCT_LIST_ARGS,
        handler: (req) => {
          const all = listProducts(sim, req);
          const page = paginate(req, all);
          const ctx = contextOf(req);
          const body = filterFields(page.items.map((p) => productResponse(sim, p, ctx)), param(req, '_fields'), true);
          return ok(body, 200, pageHeaders(`${api}/products`, req, page));
        },
      },
      {
        methods: ['POST'], perm: 'create', args: PRODUCT_WRITE_ARGS,
        handler: async (req) => {
          const data = await productCreate(req, bodyObject(req));
          return ok(data, 201, { Location: `${api}/products/${String(data.id)}` });
        },
      },
    ]),
    makeRoute('/wc/v3/products/batch', [
      {
        methods: EDITABLE, perm: 'batch',
        handler: (req) => runBatch(sim, req, {
          create: async (b) => { validateItem(PRODUCT_WRITE_ARGS, b, req); return productCreate(req, b); },
          update: async (id, b) => { validateItem(PRODUCT_WRITE_ARGS, b, req); return productUpdate(id, b); },
          del: async (id) => productDelete(id, true),
        }),
      },
    ]),
    makeRoute('/wc/v3/products/{id}', [
      {
        methods: ['GET'], perm: 'read',
        handler: (req) => {
          const p = getProductOr404(state, toInt(req.params.id));
          return ok(filterFields(productResponse(sim, p, contextOf(req)), param(req, '_fields'), true));
        },
      },
      { methods: EDITABLE, perm: 'edit', args: PRODUCT_WRITE_ARGS, handler: async (req) => ok(await productUpdate(toInt(req.params.id), bodyObject(req))) },
      { methods: ['DELETE'], perm: 'delete', handler: (req) => ok(productDelete(toInt(req.params.id), toBool(param(req, 'force')))) },
    ]),
    makeRoute('/wc/v3/products/{product_id}/variations', [
      {
        methods: ['GET'], perm: 'list',
        args: collectionArgs({ sku: { type: 'string' }, status: { type: 'string', enum: ['any', 'draft', 'pending', 'private', 'publish'] } }, ['date', 'modified', 'id', 'include', 'title', 'slug', 'menu_order']),
        handler: (req) => {
          const parent = getVariableParent(state, toInt(req.params.product_id));
          let items = state.products.filter((p) => p.type === 'variation' && p.parentId === parent.id);
          const skus = toList(param(req, 'sku'));
          if (skus.length > 0) items = items.filter((v) => skus.includes(v.sku));
          const status = toStr(param(req, 'status')) || 'any';
          if (status !== 'any') items = items.filter((v) => v.status === status);
          const include = toIdList(param(req, 'include'));
          if (include.length > 0) items = items.filter((v) => include.includes(v.id));
          const orderby = toStr(param(req, 'orderby')) || 'date';
          const dir = (toStr(param(req, 'order')) || 'desc') === 'asc' ? 1 : -1;
          const key = (v: ProductRec) => (orderby === 'id' ? v.id : orderby === 'menu_order' ? v.menuOrder : orderby === 'modified' ? v.dateModified.getTime() : v.dateCreated.getTime());
          // Ties by id in the same direction (what the recorded shop did for variations).
          items.sort((a, b) => (key(a) - key(b)) * dir || (a.id - b.id) * dir);
          const page = paginate(req, items);
          const ctx = contextOf(req);
          return ok(filterFields(page.items.map((v) => variationResponse(sim, v, ctx)), param(req, '_fields')), 200, pageHeaders(`${api}/products/${parent.id}/variations`, req, page));
        },
      },
      {
        methods: ['POST'], perm: 'create', args: VARIATION_WRITE_ARGS,
        handler: async (req) => {
          const parent = getVariableParent(state, toInt(req.params.product_id));
          const data = await variationCreate(parent, bodyObject(req));
          // WooCommerce builds this Location from its route regex (recorded quirk).
          return ok(data, 201, { Location: `${api}/products/(?P<product_id>[\\d]+)/variations/${String(data.id)}` });
        },
      },
    ]),
    makeRoute('/wc/v3/products/{product_id}/variations/batch', [
      {
        methods: EDITABLE, perm: 'batch',
        handler: (req) => {
          const parent = getVariableParent(state, toInt(req.params.product_id));
          return runBatch(sim, req, {
            create: async (b) => { validateItem(VARIATION_WRITE_ARGS, b, req); return variationCreate(parent, b); },
            update: async (id, b) => { validateItem(VARIATION_WRITE_ARGS, b, req); return variationUpdate(parent, id, b); },
            del: async (id) => variationDelete(parent, id, true),
          });
        },
      },
    ]),
    makeRoute('/wc/v3/products/{product_id}/variations/{id}', [
      {
        methods: ['GET'], perm: 'read',
        handler: (req) => {
          const parent = getVariableParent(state, toInt(req.params.product_id));
          const v = getVariationOr404(state, parent, toInt(req.params.id));
          return ok(filterFields(variationResponse(sim, v, contextOf(req)), param(req, '_fields')));
        },
      },
      {
        methods: EDITABLE, perm: 'edit', args: VARIATION_WRITE_ARGS,
        handler: async (req) => {
          const parent = getVariableParent(state, toInt(req.params.product_id));
          return ok(await variationUpdate(parent, toInt(req.params.id), bodyObject(req)));
        },
      },
      {
        methods: ['DELETE'], perm: 'delete',
        handler: (req) => {
          const parent = getVariableParent(state, toInt(req.params.product_id));
          return ok(variationDelete(parent, toInt(req.params.id), toBool(param(req, 'force'))));
        },
      },
    ]),
    ...termRoutes(sim, 'categories', 'product_cat'),
    ...termRoutes(sim, 'tags', 'product_tag'),
    ...attributeRoutes(sim),
  ];
}

// ---- categories / tags / attribute terms ---------------------------------------------------------

/** Published products per term id (WordPress term counts), computed once per answer. */
const countsCache = new WeakMap<WooState, { version: number; counts: Map<number, number> }>();
function termCounts(state: WooState): Map<number, number> {
  const cached = countsCache.get(state);
  if (cached && cached.version === state.writeVersion) return cached.counts;
  const counts = new Map<number, number>();
  const inc = (id: number) => counts.set(id, (counts.get(id) ?? 0) + 1);
  for (const p of state.products.map.values()) {
    if (p.status !== 'publish') continue;
    for (const id of p.categoryIds) inc(id);
    for (const id of p.tagIds) inc(id);
    for (const a of p.attributes) for (const id of a.termIds) inc(id);
  }
  countsCache.set(state, { version: state.writeVersion, counts });
  return counts;
}

function termCount(state: WooState, t: TermRec): number {
  return termCounts(state).get(t.id) ?? 0;
}

function categoryResponse(sim: Sim, t: TermRec): Record<string, unknown> {
  const img = t.imageId ? sim.state.media.get(t.imageId) : undefined;
  const links: Record<string, unknown> = { self: selfLink(`${sim.api}/products/categories/${t.id}`), collection: hrefs(`${sim.api}/products/categories`) };
  if (t.parent) links.up = hrefs(`${sim.api}/products/categories/${t.parent}`);
  return {
    id: t.id, name: t.name, slug: t.slug, parent: t.parent, description: t.description, display: t.display,
    image: img ? mediaObjectForProduct(img) : null, menu_order: t.menuOrder, count: termCount(sim.state, t), _links: links,
  };
}

function tagResponse(sim: Sim, t: TermRec): Record<string, unknown> {
  return {
    id: t.id, name: t.name, slug: t.slug, description: t.description, count: termCount(sim.state, t),
    _links: { self: selfLink(`${sim.api}/products/tags/${t.id}`), collection: hrefs(`${sim.api}/products/tags`) },
  };
}

function attributeTermResponse(sim: Sim, attrId: number, t: TermRec, batchQuirk: boolean): Record<string, unknown> {
  const base = batchQuirk ? `${sim.api}/products/attributes/(?P<attribute_id>[\\d]+)/terms` : `${sim.api}/products/attributes/${attrId}/terms`;
  return {
    id: t.id, name: t.name, slug: t.slug, description: t.description, menu_order: t.menuOrder, count: termCount(sim.state, t),
    _links: { self: batchQuirk ? hrefs(`${base}/${t.id}`) : selfLink(`${base}/${t.id}`), collection: hrefs(base) },
  };
}

const TERM_LIST_ARGS = collectionArgs({
  hide_empty: { type: 'boolean' }, parent: { type: 'integer' }, product: { type: 'integer' }, slug: { type: 'string' },
}, ['id', 'include', 'name', 'slug', 'term_group', 'description', 'count']);

function listTerms(sim: Sim, req: RestRequest, taxonomy: string, attr?: AttributeRec): TermRec[] {
  const state = sim.state;
  let items = termsOfTaxonomy(state, taxonomy);
  const search = toStr(param(req, 'search')).toLowerCase();
  if (search) items = items.filter((t) => t.name.toLowerCase().includes(search) || t.slug.includes(search));
  const include = toIdList(param(req, 'include'));
  if (include.length > 0) items = items.filter((t) => include.includes(t.id));
  const exclude = toIdList(param(req, 'exclude'));
  if (exclude.length > 0) items = items.filter((t) => !exclude.includes(t.id));
  if (param(req, 'parent') !== undefined) items = items.filter((t) => t.parent === toInt(param(req, 'parent')));
  const slug = toList(param(req, 'slug'));
  if (slug.length > 0) items = items.filter((t) => slug.includes(t.slug));
  if (toBool(param(req, 'hide_empty'))) items = items.filter((t) => termCount(state, t) > 0);
  const product = toInt(param(req, 'product'), 0);
  if (product) {
    const p = state.products.get(product);
    items = items.filter((t) => !!p && (p.categoryIds.includes(t.id) || p.tagIds.includes(t.id) || p.attributes.some((a) => a.termIds.includes(t.id))));
  }
  const orderby = toStr(param(req, 'orderby'));
  const dir = (toStr(param(req, 'order')) || 'asc') === 'desc' ? -1 : 1;
  if (!orderby && attr) return sortAttributeTerms(state, attr, items);
  const by = orderby || 'name';
  return items.sort((a, b) => {
    let c = 0;
    if (by === 'id') c = a.id - b.id;
    else if (by === 'slug') c = a.slug.localeCompare(b.slug);
    else if (by === 'count') c = termCount(state, a) - termCount(state, b);
    else if (by === 'include') return include.indexOf(a.id) - include.indexOf(b.id);
    else if (by === 'description') c = a.description.localeCompare(b.description);
    else c = a.name.localeCompare(b.name, 'fr', { sensitivity: 'base' });
    return c * dir || a.id - b.id;
  });
}

function termRoutes(sim: Sim, base: 'categories' | 'tags', taxonomy: string): Route[] {
  const state = sim.state;
  const api = sim.api;
  const respond = (t: TermRec) => (base === 'categories' ? categoryResponse(sim, t) : tagResponse(sim, t));
  const getTerm = (id: number, status = 404): TermRec => {
    const t = state.terms.get(id);
    if (!t || t.taxonomy !== taxonomy) throw new RestError('woocommerce_rest_term_invalid', 'Resource does not exist.', status);
    return t;
  };
  const args: Record<string, ArgSpec> = {
    name: { type: 'string' }, slug: { type: 'string' }, parent: { type: 'integer' }, description: { type: 'string' },
    display: { type: 'string', enum: ['default', 'products', 'subcategories', 'both'] },
    image: { type: ['object', 'null'] }, menu_order: { type: 'integer' },
  };
  const create = async (b: Record<string, unknown>) => {
    if (b.name === undefined || toStr(b.name) === '') throw new RestError('rest_missing_callback_param', 'Missing parameter(s): name', 400, { params: ['name'] });
    const t = insertTerm(state, taxonomy, toStr(b.name), {
      slug: b.slug !== undefined ? toStr(b.slug) : undefined, parent: base === 'categories' ? toInt(b.parent, 0) : 0,
      description: toStr(b.description), menuOrder: toInt(b.menu_order, 0),
    });
    await applyTermExtras(t, b);
    return respond(t);
  };
  const applyTermExtras = async (t: TermRec, b: Record<string, unknown>) => {
    if (b.display !== undefined) t.display = toStr(b.display);
    if (b.menu_order !== undefined) t.menuOrder = toInt(b.menu_order, 0);
    if (b.image !== undefined) {
      if (b.image === null || (isPlainObject(b.image) && !b.image.id && !b.image.src)) t.imageId = null;
      else if (isPlainObject(b.image)) {
        const id = toInt(b.image.id, 0);
        if (id) {
          if (!state.media.get(id)) throw new RestError('woocommerce_term_invalid_image_id', `#${id} is an invalid image ID.`, 400);
          t.imageId = id;
        } else t.imageId = sideloadImage(sim, toStr(b.image.src), 0).id;
      }
    }
  };
  const update = async (id: number, b: Record<string, unknown>) => {
    const t = getTerm(id, 400);
    if (b.name !== undefined) t.name = toStr(b.name);
    if (b.description !== undefined) t.description = toStr(b.description);
    if (b.parent !== undefined && base === 'categories') {
      const parent = toInt(b.parent, 0);
      if (parent && !state.terms.find((x) => x.id === parent && x.taxonomy === taxonomy)) throw new RestError('missing_parent', 'Parent term does not exist.', 400);
      t.parent = parent;
    }
    if (b.slug !== undefined) {
      const slug = sanitizeTitle(toStr(b.slug));
      if (state.terms.find((x) => x.id !== t.id && x.taxonomy === taxonomy && x.slug === slug)) {
        throw new RestError('duplicate_term_slug', `The slug “${slug}” is already in use by another term.`, 400);
      }
      t.slug = slug;
    }
    await applyTermExtras(t, b);
    return respond(t);
  };
  const del = (id: number, force: boolean) => {
    const t = getTerm(id);
    if (!force) throw new RestError('woocommerce_rest_trash_not_supported', 'Resource does not support trashing.', 501);
    if (taxonomy === 'product_cat' && t.id === 15) throw new RestError('woocommerce_rest_cannot_delete', 'Sorry, you are not allowed to delete this resource.', 403);
    const data = respond(t);
    state.terms.delete(t.id);
    for (const c of state.terms.list()) if (c.taxonomy === taxonomy && c.parent === t.id) c.parent = t.parent;
    for (const p of state.products.list()) {
      p.categoryIds = p.categoryIds.filter((x) => x !== t.id);
      p.tagIds = p.tagIds.filter((x) => x !== t.id);
    }
    return data;
  };
  return [
    makeRoute(`/wc/v3/products/${base}`, [
      {
        methods: ['GET'], perm: 'list', args: TERM_LIST_ARGS,
        handler: (req) => {
          const page = paginate(req, listTerms(sim, req, taxonomy));
          return ok(filterFields(page.items.map(respond), param(req, '_fields')), 200, pageHeaders(`${api}/products/${base}`, req, page));
        },
      },
      {
        methods: ['POST'], perm: 'create', args: { ...args, name: { type: 'string', required: true } },
        handler: async (req) => {
          const data = await create(bodyObject(req));
          return ok(data, 201, { Location: `${api}/products/${base}/${String(data.id)}` });
        },
      },
    ]),
    makeRoute(`/wc/v3/products/${base}/batch`, [
      {
        methods: EDITABLE, perm: 'batch',
        handler: (req) => runBatch(sim, req, {
          create: async (b) => { validateItem(args, b, req); return create(b); },
          update: async (id, b) => { validateItem(args, b, req); return update(id, b); },
          del: async (id) => del(id, true),
        }),
      },
    ]),
    makeRoute(`/wc/v3/products/${base}/{id}`, [
      { methods: ['GET'], perm: 'read', handler: (req) => ok(filterFields(respond(getTerm(toInt(req.params.id))), param(req, '_fields'))) },
      { methods: EDITABLE, perm: 'edit', args, handler: async (req) => ok(await update(toInt(req.params.id), bodyObject(req))) },
      { methods: ['DELETE'], perm: 'delete', handler: (req) => ok(del(toInt(req.params.id), toBool(param(req, 'force')))) },
    ]),
  ];
}

function attributeResponse(sim: Sim, a: AttributeRec): Record<string, unknown> {
  return {
    id: a.id, name: a.name, slug: a.slug, type: a.type, order_by: a.orderBy, has_archives: a.hasArchives,
    _links: { self: selfLink(`${sim.api}/products/attributes/${a.id}`), collection: hrefs(`${sim.api}/products/attributes`) },
  };
}

function attributeRoutes(sim: Sim): Route[] {
  const state = sim.state;
  const api = sim.api;
  const args: Record<string, ArgSpec> = {
    name: { type: 'string' }, slug: { type: 'string' }, type: { type: 'string', enum: ['select'] },
    order_by: { type: 'string', enum: ['menu_order', 'name', 'name_num', 'id'] }, has_archives: { type: 'boolean' },
  };
  const getAttr = (id: number, status = 404) => {
    const a = state.attributes.get(id);
    if (!a) throw new RestError('woocommerce_rest_attribute_invalid', 'Resource does not exist.', status);
    return a;
  };
  const create = (b: Record<string, unknown>) => {
    if (b.name === undefined || toStr(b.name) === '') throw new RestError('rest_missing_callback_param', 'Missing parameter(s): name', 400, { params: ['name'] });
    const raw = sanitizeTaxonomyName(toStr(b.slug) || toStr(b.name));
    const slug = `pa_${raw.replace(/^pa_/, '')}`;
    if (state.attributes.find((a) => a.slug === slug)) {
      throw new RestError('woocommerce_rest_cannot_create', `Slug "${raw}" is already in use. Change it, please.`, 400);
    }
    const a: AttributeRec = {
      id: state.nextId('attribute'), name: toStr(b.name), slug, type: toStr(b.type) || 'select',
      orderBy: toStr(b.order_by) || 'menu_order', hasArchives: toBool(b.has_archives),
    };
    state.attributes.set(a);
    return attributeResponse(sim, a);
  };
  const update = (id: number, b: Record<string, unknown>) => {
    const a = getAttr(id, 400);
    if (b.name !== undefined) a.name = toStr(b.name);
    if (b.type !== undefined) a.type = toStr(b.type);
    if (b.order_by !== undefined) a.orderBy = toStr(b.order_by);
    if (b.has_archives !== undefined) a.hasArchives = toBool(b.has_archives);
    if (b.slug !== undefined) {
      const old = a.slug;
      a.slug = `pa_${sanitizeTaxonomyName(toStr(b.slug)).replace(/^pa_/, '')}`;
      for (const t of state.terms.list()) if (t.taxonomy === old) t.taxonomy = a.slug;
    }
    return attributeResponse(sim, a);
  };
  const del = (id: number, force: boolean) => {
    const a = getAttr(id);
    if (!force) throw new RestError('woocommerce_rest_trash_not_supported', 'Resource does not support trashing.', 501);
    const data = attributeResponse(sim, a);
    state.attributes.delete(id);
    for (const t of state.terms.list()) if (t.taxonomy === a.slug) state.terms.delete(t.id);
    for (const p of state.products.list()) p.attributes = p.attributes.filter((x) => x.id !== id);
    return data;
  };

  const termArgs: Record<string, ArgSpec> = { name: { type: 'string' }, slug: { type: 'string' }, description: { type: 'string' }, menu_order: { type: 'integer' } };
  const getTerm = (a: AttributeRec, id: number, status = 404) => {
    const t = state.terms.get(id);
    if (!t || t.taxonomy !== a.slug) throw new RestError('woocommerce_rest_term_invalid', 'Resource does not exist.', status);
    return t;
  };
  const termCreate = (a: AttributeRec, b: Record<string, unknown>, quirk: boolean) => {
    if (b.name === undefined || toStr(b.name) === '') throw new RestError('rest_missing_callback_param', 'Missing parameter(s): name', 400, { params: ['name'] });
    const t = insertTerm(state, a.slug, toStr(b.name), { slug: b.slug !== undefined ? toStr(b.slug) : undefined, description: toStr(b.description), menuOrder: toInt(b.menu_order, 0) });
    return attributeTermResponse(sim, a.id, t, quirk);
  };
  const termUpdate = (a: AttributeRec, id: number, b: Record<string, unknown>, quirk: boolean) => {
    const t = getTerm(a, id, 400);
    if (b.name !== undefined) t.name = toStr(b.name);
    if (b.description !== undefined) t.description = toStr(b.description);
    if (b.menu_order !== undefined) t.menuOrder = toInt(b.menu_order, 0);
    if (b.slug !== undefined) t.slug = sanitizeTitle(toStr(b.slug));
    return attributeTermResponse(sim, a.id, t, quirk);
  };
  const termDelete = (a: AttributeRec, id: number, force: boolean, quirk: boolean) => {
    const t = getTerm(a, id);
    if (!force) throw new RestError('woocommerce_rest_trash_not_supported', 'Resource does not support trashing.', 501);
    const data = attributeTermResponse(sim, a.id, t, quirk);
    state.terms.delete(id);
    for (const p of state.products.list()) for (const pa of p.attributes) pa.termIds = pa.termIds.filter((x) => x !== id);
    return data;
  };
  const attrOf = (req: RestRequest) => getAttr(toInt(req.params.attribute_id));

  return [
    makeRoute('/wc/v3/products/attributes', [
      {
        methods: ['GET'], perm: 'list', args: { context: { type: 'string', enum: ['view', 'edit'] } },
        handler: (req) => {
          const all = state.attributes.list().sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
          return ok(filterFields(all.map((a) => attributeResponse(sim, a)), param(req, '_fields')), 200, { 'X-WP-Total': String(all.length), 'X-WP-TotalPages': all.length ? '1' : '0' });
        },
      },
      {
        methods: ['POST'], perm: 'create', args: { ...args, name: { type: 'string', required: true } },
        handler: (req) => {
          const data = create(bodyObject(req));
          return ok(data, 201, { Location: `${api}/products/attributes/${String(data.id)}` });
        },
      },
    ]),
    makeRoute('/wc/v3/products/attributes/batch', [
      {
        methods: EDITABLE, perm: 'batch',
        handler: (req) => runBatch(sim, req, {
          create: async (b) => { validateItem(args, b, req); return create(b); },
          update: async (id, b) => { validateItem(args, b, req); return update(id, b); },
          del: async (id) => del(id, true),
        }),
      },
    ]),
    makeRoute('/wc/v3/products/attributes/{id}', [
      { methods: ['GET'], perm: 'read', handler: (req) => ok(attributeResponse(sim, getAttr(toInt(req.params.id)))) },
      { methods: EDITABLE, perm: 'edit', args, handler: (req) => ok(update(toInt(req.params.id), bodyObject(req))) },
      { methods: ['DELETE'], perm: 'delete', handler: (req) => ok(del(toInt(req.params.id), toBool(param(req, 'force')))) },
    ]),
    makeRoute('/wc/v3/products/attributes/{attribute_id}/terms', [
      {
        methods: ['GET'], perm: 'list', args: TERM_LIST_ARGS,
        handler: (req) => {
          const a = attrOf(req);
          const page = paginate(req, listTerms(sim, req, a.slug, a));
          return ok(filterFields(page.items.map((t) => attributeTermResponse(sim, a.id, t, false)), param(req, '_fields')), 200,
            pageHeaders(`${api}/products/attributes/${a.id}/terms`, req, page));
        },
      },
      {
        methods: ['POST'], perm: 'create', args: { ...termArgs, name: { type: 'string', required: true } },
        handler: (req) => {
          const a = attrOf(req);
          const data = termCreate(a, bodyObject(req), false);
          return ok(data, 201, { Location: `${api}/products/attributes/${a.id}/terms/${String(data.id)}` });
        },
      },
    ]),
    makeRoute('/wc/v3/products/attributes/{attribute_id}/terms/batch', [
      {
        methods: EDITABLE, perm: 'batch',
        handler: (req) => {
          const a = attrOf(req);
          return runBatch(sim, req, {
            create: async (b) => { validateItem(termArgs, b, req); return termCreate(a, b, true); },
            update: async (id, b) => { validateItem(termArgs, b, req); return termUpdate(a, id, b, true); },
            del: async (id) => termDelete(a, id, true, true),
          });
        },
      },
    ]),
    makeRoute('/wc/v3/products/attributes/{attribute_id}/terms/{id}', [
      { methods: ['GET'], perm: 'read', handler: (req) => { const a = attrOf(req); return ok(attributeTermResponse(sim, a.id, getTerm(a, toInt(req.params.id)), false)); } },
      { methods: EDITABLE, perm: 'edit', args: termArgs, handler: (req) => ok(termUpdate(attrOf(req), toInt(req.params.id), bodyObject(req), false)) },
      { methods: ['DELETE'], perm: 'delete', handler: (req) => ok(termDelete(attrOf(req), toInt(req.params.id), toBool(param(req, 'force')), false)) },
    ]),
  ];
}

export { isOnSale, purchasable };
