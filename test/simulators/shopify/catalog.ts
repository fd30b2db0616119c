/**
 * Catalogue queries and mutations: products, variants, collections, metafields, media and files.
 * productSet replaces list fields (variants, metafields, collections, files) as documented: entries
 * missing from the input are removed; variants without id are matched on their option values.
 */
import { connection, type PageArgs } from './connection.js';
import { parseMoney, requireScope, userError, type Ctx, type UserErrorOut } from './context.js';
import { gid, gidId, gidType } from './ids.js';
import { equalityTerms, matchDate, matchNumber, matchText, searchFilter, type Term } from './search.js';
import type { CollectionRec, MediaRec, MetafieldDefinitionRec, OptionRec, ProductRec, ProductStatus, VariantRec } from './state.js';
import { collectionView, digest, inventoryQuantity, mediaView, metafieldView, productView, variantView } from './views-catalog.js';

type Args = PageArgs & Record<string, unknown>;
type Input = Record<string, unknown>;

export const MAX_OPTIONS = 3;
export const MAX_VARIANTS = 2048;
const METAFIELDS_PER_CALL = 25;

const SORT_PRODUCTS: Record<string, (p: ProductRec) => string | number> = {
  ID: (p) => p.id, TITLE: (p) => p.title.toLowerCase(), UPDATED_AT: (p) => p.updatedAt.getTime(), CREATED_AT: (p) => p.createdAt.getTime(),
  VENDOR: (p) => p.vendor.toLowerCase(), PRODUCT_TYPE: (p) => p.productType.toLowerCase(), PUBLISHED_AT: (p) => p.publishedAt?.getTime() ?? 0,
  INVENTORY_TOTAL: (p) => p.id, RELEVANCE: (p) => p.id,
};

function productMatcher(ctx: Ctx) {
  return (p: ProductRec, t: Term): boolean | undefined => {
    const variants = () => p.variantIds.map((id) => ctx.state.variants.get(id)).filter((v): v is VariantRec => !!v);
    switch (t.field) {
      case undefined: return [p.title, p.vendor, p.productType, ...p.tags, ...variants().map((v) => v.sku ?? '')].some((x) => x.toLowerCase().includes(t.value.toLowerCase()));
      case 'id': return matchNumber(p.id, t);
      case 'title': return matchText(p.title, t);
      case 'handle': return matchText(p.handle, t);
      case 'sku': return variants().some((v) => matchText(v.sku, t));
      case 'barcode': return variants().some((v) => matchText(v.barcode, t));
      case 'vendor': return matchText(p.vendor, t);
      case 'product_type': return matchText(p.productType, t);
      case 'status': return t.value.split(',').some((s) => s.trim().toUpperCase() === p.status);
      case 'tag': return p.tags.some((x) => matchText(x, t));
      case 'tag_not': return !p.tags.some((x) => matchText(x, t));
      case 'created_at': return matchDate(p.createdAt, t);
      case 'updated_at': return matchDate(p.updatedAt, t);
      case 'published_at': return matchDate(p.publishedAt, t);
      case 'inventory_total': return matchNumber(variants().reduce((n, v) => n + inventoryQuantity(ctx, v), 0), t);
      case 'collection_id': return ctx.state.collectionsOfProduct(p.id).some((c) => matchNumber(c.id, t));
      default: return metafieldTerm(ctx, 'PRODUCT', gid('Product', p.id), t);
    }
  };
}

/**
 * `metafields.{namespace}.{key}:"value"`: an exact match when a definition of the owner type has
 * filtering on; without one Shopify ignores the term ("queries return unfiltered results").
 */
function metafieldTerm(ctx: Ctx, ownerType: string, ownerId: string, t: Term): boolean | undefined {
  const m = /^metafields\.(.+)\.([^.]+)$/.exec(t.field ?? '');
  if (!m) return undefined;
  const [, namespace, key] = m;
  const def = [...ctx.state.metafieldDefinitions.values()].find((d) => d.ownerType === ownerType && d.namespace === namespace && d.key === key);
  if (!def?.adminFilterable || def.filterStatus !== 'FILTERABLE') return undefined;
  return ctx.state.findMetafield(ownerId, namespace!, key!)?.value === t.value;
}

export function metafieldDefinitionView(d: MetafieldDefinitionRec) {
  return {
    __typename: 'MetafieldDefinition', id: gid('MetafieldDefinition', d.id), name: d.name, namespace: d.namespace, key: d.key, ownerType: d.ownerType,
    type: { name: d.type, category: 'TEXT' },
    capabilities: { adminFilterable: { enabled: d.adminFilterable, eligible: true, status: d.adminFilterable ? d.filterStatus : 'NOT_FILTERABLE' } },
  };
}

function variantMatcher(ctx: Ctx) {
  return (v: VariantRec, t: Term): boolean | undefined => {
    switch (t.field) {
      case undefined: return (v.sku ?? '').toLowerCase().includes(t.value.toLowerCase());
      case 'id': return matchNumber(v.id, t);
      case 'sku': return matchText(v.sku, t);
      case 'barcode': return matchText(v.barcode, t);
      case 'product_id': return matchNumber(v.productId, t);
      case 'title': return matchText(ctx.state.products.get(v.productId)?.title, t);
      case 'vendor': return matchText(ctx.state.products.get(v.productId)?.vendor, t);
      case 'product_status': return t.value.split(',').some((s) => s.trim().toUpperCase() === ctx.state.products.get(v.productId)?.status);
      case 'updated_at': return matchDate(v.updatedAt, t);
      case 'created_at': return matchDate(v.createdAt, t);
      case 'inventory_quantity': return matchNumber(inventoryQuantity(ctx, v), t);
      default: return undefined;
    }
  };
}

function sortedBy<T extends { id: number }>(sortKey: unknown, table: Record<string, (t: T) => string | number>) {
  const f = table[typeof sortKey === 'string' ? sortKey : 'ID'] ?? ((t: T) => t.id);
  return (t: T): [string | number, number] => [f(t), t.id];
}

export function catalogQueries(ctx: Ctx) {
  const s = ctx.state;
  return {
    products: (args: Args) => {
      requireScope(ctx, 'products', 'read_products');
      const skus = equalityTerms(args.query as string | undefined, 'sku');
      const candidates = skus ? [...new Set(skus.flatMap((x) => s.variantsBySku(x)).map((v) => s.products.get(v.productId)!))] : s.products.values();
      const list = searchFilter(candidates, args.query as string | undefined, productMatcher(ctx));
      return connection(list, args, sortedBy(args.sortKey, SORT_PRODUCTS), (p) => productView(ctx, p));
    },
    product: (args: { id: string }) => {
      requireScope(ctx, 'product', 'read_products');
      const p = s.products.get(gidId(args.id, 'Product') ?? -1);
      return p ? productView(ctx, p) : null;
    },
    productByIdentifier: (args: { identifier: { id?: string; handle?: string } }) => {
      requireScope(ctx, 'productByIdentifier', 'read_products');
      const p = args.identifier.id ? s.products.get(gidId(args.identifier.id, 'Product') ?? -1) : args.identifier.handle ? s.productByHandle(args.identifier.handle) : undefined;
      return p ? productView(ctx, p) : null;
    },
    productsCount: (args: { query?: string }) => {
      requireScope(ctx, 'productsCount', 'read_products');
      const n = searchFilter(s.products.values(), args.query, productMatcher(ctx)).length;
      return { count: Math.min(n, 10_000), precision: n > 10_000 ? 'AT_LEAST' : 'EXACT' };
    },
    productVariants: (args: Args) => {
      requireScope(ctx, 'productVariants', 'read_products');
      // The SKU index answers the adapter's "sku:A OR sku:B …" lookups without scanning a big catalogue.
      const skus = equalityTerms(args.query as string | undefined, 'sku');
      const candidates = skus ? [...new Set(skus.flatMap((x) => s.variantsBySku(x)))] : s.variants.values();
      const list = searchFilter(candidates, args.query as string | undefined, variantMatcher(ctx));
      return connection(list, args, sortedBy<VariantRec>(args.sortKey, { ID: (v) => v.id, SKU: (v) => v.sku ?? '', POSITION: (v) => v.position, TITLE: (v) => v.sku ?? '' }), (v) => variantView(ctx, v));
    },
    productVariant: (args: { id: string }) => {
      requireScope(ctx, 'productVariant', 'read_products');
      const v = s.variants.get(gidId(args.id, 'ProductVariant') ?? -1);
      return v ? variantView(ctx, v) : null;
    },
    collections: (args: Args) => {
      requireScope(ctx, 'collections', 'read_products');
      const list = searchFilter(s.collections.values(), args.query as string | undefined, (c: CollectionRec, t) => {
        if (t.field === 'title') return matchText(c.title, t);
        if (t.field === 'handle') return matchText(c.handle, t);
        if (t.field === 'id') return matchNumber(c.id, t);
        if (t.field === 'updated_at') return matchDate(c.updatedAt, t);
        // Custom (manual) collections, and the automated ones a test adds (smart).
        if (t.field === 'collection_type') return t.value.toLowerCase() === (c.smart ? 'smart' : 'custom');
        if (t.field === undefined) return c.title.toLowerCase().includes(t.value.toLowerCase());
        return undefined;
      });
      return connection(list, args, sortedBy<CollectionRec>(args.sortKey, { ID: (c) => c.id, TITLE: (c) => c.title.toLowerCase(), UPDATED_AT: (c) => c.updatedAt.getTime() }), (c) => collectionView(ctx, c));
    },
    collection: (args: { id: string }) => {
      requireScope(ctx, 'collection', 'read_products');
      const c = s.collections.get(gidId(args.id, 'Collection') ?? -1);
      return c ? collectionView(ctx, c) : null;
    },
    collectionByIdentifier: (args: { identifier: { id?: string; handle?: string } }) => {
      requireScope(ctx, 'collectionByIdentifier', 'read_products');
      const c = args.identifier.id ? s.collections.get(gidId(args.identifier.id, 'Collection') ?? -1) : [...s.collections.values()].find((x) => x.handle === args.identifier.handle);
      return c ? collectionView(ctx, c) : null;
    },
    metafieldDefinitions: (args: Args & { ownerType: string; namespace?: string | null; key?: string | null }) => {
      requireScope(ctx, 'metafieldDefinitions', 'read_products');
      const list = [...s.metafieldDefinitions.values()].filter((d) => d.ownerType === args.ownerType
        && (args.namespace == null || d.namespace === args.namespace) && (args.key == null || d.key === args.key));
      return connection(list, args, (d) => [d.id, d.id], metafieldDefinitionView);
    },
    productOperation: (args: { id: string }) => {
      requireScope(ctx, 'productOperation', 'read_products');
      const op = s.productOperations.get(gidId(args.id, 'ProductSetOperation') ?? -1);
      if (!op) return null;
      // Asynchronous productSet: CREATED when asked for the first time, then ACTIVE, then COMPLETE.
      const shown = op.status;
      op.status = op.status === 'CREATED' ? 'ACTIVE' : 'COMPLETE';
      return productOperationView(ctx, op.id, shown);
    },
  };
}

function productOperationView(ctx: Ctx, id: number, status: string) {
  const op = ctx.state.productOperations.get(id)!;
  return {
    __typename: 'ProductSetOperation',
    id: gid('ProductSetOperation', op.id),
    status,
    get product() { const p = status === 'COMPLETE' && op.productId ? ctx.state.products.get(op.productId) : undefined; return p ? productView(ctx, p) : null; },
    userErrors: status === 'COMPLETE' ? op.userErrors : [],
  };
}

// ---- writing products ----

interface VariantInput {
  id?: string | null; optionValues?: { optionName?: string | null; name?: string | null; optionId?: string | null; id?: string | null }[] | null;
  price?: unknown; compareAtPrice?: unknown; sku?: string | null; barcode?: string | null; position?: number | null;
  inventoryPolicy?: 'DENY' | 'CONTINUE' | null; taxable?: boolean | null;
  inventoryItem?: { sku?: string | null; tracked?: boolean | null; cost?: unknown; requiresShipping?: boolean | null; measurement?: { weight?: { unit: string; value: number } | null } | null; countryCodeOfOrigin?: string | null; harmonizedSystemCode?: string | null } | null;
  inventoryQuantities?: { locationId: string; name?: string; quantity?: number; availableQuantity?: number }[] | null;
  metafields?: Input[] | null; file?: Input | null; mediaSrc?: string[] | null; mediaId?: string | null;
}

/** Validates a Money input; pushes a user error when invalid. */
function moneyInput(v: unknown, field: (string | number)[], errors: UserErrorOut[], code = 'INVALID_INPUT'): string | null | undefined {
  if (v === undefined) return undefined;
  if (v === null) return null;
  const d = parseMoney(v);
  if (!d) { errors.push(userError(field, `${field[field.length - 1]} is invalid`, code)); return undefined; }
  if (d.isNegative()) { errors.push(userError(field, `${field[field.length - 1]} must be greater than or equal to 0`, code === 'INVALID_INPUT' ? 'INVALID_INPUT' : 'NEGATIVE_PRICE_VALUE')); return undefined; }
  return d.toFixed(2);
}

function newVariant(ctx: Ctx, p: ProductRec, position: number): VariantRec {
  const s = ctx.state;
  const now = s.now();
  const v: VariantRec = {
    id: s.id(), productId: p.id, sku: null, barcode: null, price: '0.00', compareAtPrice: null, position, inventoryItemId: s.id(),
    selectedOptions: [], inventoryPolicy: 'DENY', taxable: true, mediaId: null, createdAt: now, updatedAt: now,
  };
  s.variants.set(v.id, v);
  s.inventoryItems.set(v.inventoryItemId, {
    id: v.inventoryItemId, variantId: v.id, tracked: true, cost: null, requiresShipping: true, weight: null,
    countryCodeOfOrigin: null, harmonizedSystemCode: null, createdAt: now, updatedAt: now,
  });
  // Shopify stocks a new variant at the shop's (first active) location.
  const loc = [...s.locations.values()].find((l) => l.isActive);
  if (loc) s.activate(v.inventoryItemId, loc.id);
  return v;
}

/** Applies scalar variant fields (validated first by the caller). */
function applyVariant(ctx: Ctx, v: VariantRec, input: VariantInput, price: string | null | undefined, compareAt: string | null | undefined): void {
  const s = ctx.state;
  if (price !== undefined && price !== null) v.price = price;
  if (compareAt !== undefined) v.compareAtPrice = compareAt;
  if (input.sku !== undefined) s.setSku(v, input.sku ?? null);
  if (input.inventoryItem?.sku !== undefined) s.setSku(v, input.inventoryItem.sku ?? null);
  if (input.barcode !== undefined) v.barcode = input.barcode;
  if (input.inventoryPolicy) v.inventoryPolicy = input.inventoryPolicy;
  if (typeof input.taxable === 'boolean') v.taxable = input.taxable;
  const item = s.inventoryItems.get(v.inventoryItemId)!;
  const ii = input.inventoryItem;
  if (ii) {
    if (typeof ii.tracked === 'boolean') item.tracked = ii.tracked;
    if (typeof ii.requiresShipping === 'boolean') item.requiresShipping = ii.requiresShipping;
    if (ii.cost !== undefined) item.cost = ii.cost === null ? null : parseMoney(ii.cost)?.toFixed(2) ?? item.cost;
    if (ii.measurement?.weight) item.weight = { unit: ii.measurement.weight.unit, value: ii.measurement.weight.value };
    if (ii.countryCodeOfOrigin !== undefined) item.countryCodeOfOrigin = ii.countryCodeOfOrigin ?? null;
    if (ii.harmonizedSystemCode !== undefined) item.harmonizedSystemCode = ii.harmonizedSystemCode ?? null;
    item.updatedAt = s.now();
  }
  v.updatedAt = s.now();
}

/** Sets initial quantities (productSet / productVariantsBulkCreate): activates the location when needed. */
function applyInitialQuantities(ctx: Ctx, v: VariantRec, list: VariantInput['inventoryQuantities'], field: (string | number)[], errors: UserErrorOut[]): void {
  if (!list) return;
  list.forEach((q, i) => {
    const locId = gidId(q.locationId, 'Location');
    if (locId === undefined || !ctx.state.locations.has(locId)) { errors.push(userError([...field, i, 'locationId'], 'Location does not exist', 'INVALID_INPUT')); return; }
    if (!ctx.state.locations.get(locId)!.isActive) { errors.push(userError([...field, i, 'locationId'], 'The location is deactivated', 'INVALID_INPUT')); return; }
    const level = ctx.state.activate(v.inventoryItemId, locId);
    const name = q.name ?? 'available';
    if (name !== 'available' && name !== 'on_hand') { errors.push(userError([...field, i, 'name'], `Invalid quantity name: ${name}`, 'INVALID_INPUT')); return; }
    ctx.state.setQuantity(level, name, q.quantity ?? q.availableQuantity ?? 0);
  });
}

function setMetafieldList(ctx: Ctx, ownerId: string, list: Input[], field: (string | number)[], errors: UserErrorOut[], replace: boolean): void {
  const keep = new Set<number>();
  list.forEach((m, i) => {
    const ns = (m.namespace as string | undefined) ?? '$app';
    const key = m.key as string | undefined;
    const value = m.value as string | undefined;
    const type = (m.type as string | undefined) ?? ctx.state.findMetafield(ownerId, ns, key ?? '')?.type;
    if (!key) { errors.push(userError([...field, i, 'key'], "Key can't be blank", 'INVALID_METAFIELD')); return; }
    if (value === undefined || value === null) { errors.push(userError([...field, i, 'value'], "Value can't be blank", 'INVALID_METAFIELD')); return; }
    if (!type) { errors.push(userError([...field, i, 'type'], "Type can't be blank", 'INVALID_METAFIELD')); return; }
    const problem = metafieldValueProblem(type, value);
    if (problem) { errors.push(userError([...field, i, 'value'], problem, 'INVALID_METAFIELD')); return; }
    keep.add(ctx.state.putMetafield(ownerId, ns, key, type, value).id);
  });
  if (replace) for (const m of ctx.state.metafieldsOf(ownerId)) if (!keep.has(m.id)) ctx.state.deleteMetafield(m.id);
}

/** The value checks Shopify makes for common metafield types. */
export function metafieldValueProblem(type: string, value: string): string | undefined {
  if (type === 'number_integer' && !/^-?\d+$/.test(value)) return 'Value must be an integer.';
  if (type === 'number_decimal' && !/^-?\d+(\.\d+)?$/.test(value)) return 'Value must be a decimal.';
  if (type === 'boolean' && value !== 'true' && value !== 'false') return 'Value must be true or false.';
  if (type === 'single_line_text_field' && /[\r\n]/.test(value)) return 'Value must be a single line text string.';
  if ((type === 'json' || type.startsWith('list.')) ) {
    try { JSON.parse(value); } catch { return 'Value is invalid JSON.'; }
  }
  if (!/^(single_line_text_field|multi_line_text_field|number_integer|number_decimal|boolean|json|date|date_time|url|color|money|weight|dimension|volume|rating|rich_text_field|[a-z_]+_reference|list\.[a-z_.]+)$/.test(type)) return `Type '${type}' is not a valid metafield type.`;
  return undefined;
}

function applyProductScalars(ctx: Ctx, p: ProductRec, input: Input): void {
  if (typeof input.title === 'string') p.title = input.title;
  if (typeof input.descriptionHtml === 'string') p.descriptionHtml = input.descriptionHtml;
  if (typeof input.vendor === 'string') p.vendor = input.vendor;
  if (typeof input.productType === 'string') p.productType = input.productType;
  if (typeof input.status === 'string') {
    p.status = input.status as ProductStatus;
    if (p.status === 'ACTIVE' && !p.publishedAt) p.publishedAt = ctx.state.now();
  }
  if (Array.isArray(input.tags)) p.tags = [...new Set((input.tags as string[]).flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean))];
  if (input.seo && typeof input.seo === 'object') {
    const seo = input.seo as { title?: string | null; description?: string | null };
    if (seo.title !== undefined) p.seo.title = seo.title;
    if (seo.description !== undefined) p.seo.description = seo.description;
  }
  if (input.templateSuffix !== undefined) p.templateSuffix = (input.templateSuffix as string | null) ?? null;
}

function newProduct(ctx: Ctx, title: string, handle: string): ProductRec {
  const now = ctx.state.now();
  const p: ProductRec = {
    id: ctx.state.id(), title, handle: '', descriptionHtml: '', vendor: ctx.state.shop.name, productType: '', status: 'ACTIVE', tags: [],
    options: [], variantIds: [], seo: { title: null, description: null }, templateSuffix: null, mediaIds: [], createdAt: now, updatedAt: now, publishedAt: now,
  };
  ctx.state.products.set(p.id, p);
  ctx.state.setHandle(p, handle);
  return p;
}

function handleTaken(ctx: Ctx, handle: string, except?: number): boolean {
  const p = ctx.state.productByHandle(handle);
  return !!p && p.id !== except;
}

/** Media from an originalSource: a staged upload of this simulator (its bytes) or an external URL. */
export function createMedia(ctx: Ctx, originalSource: string, alt: string | null, productId: number | null, field: (string | number)[], errors: UserErrorOut[], filename?: string | null): MediaRec | undefined {
  const s = ctx.state;
  let url: URL;
  try {
    url = new URL(originalSource);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
  } catch {
    errors.push(userError([...field, 'originalSource'], 'Image URL is invalid', 'INVALID'));
    return undefined;
  }
  const now = s.now();
  const staged = originalSource.startsWith(`${ctx.hooks.url}/staged-uploads/`) ? s.stagedUploads.get(decodeURIComponent(originalSource.slice(`${ctx.hooks.url}/staged-uploads/`.length))) : undefined;
  const id = s.id();
  let status: MediaRec['status'] = 'READY';
  let failure: string | null = null;
  let mimeType: string | null = null;
  let size: number | null = null;
  if (originalSource.startsWith(`${ctx.hooks.url}/`)) {
    if (!staged || !staged.data) { status = 'FAILED'; failure = 'File could not be processed: the staged upload was never completed.'; }
    else {
      mimeType = staged.mimeType;
      size = staged.data.length;
      if (!/^image\//.test(staged.mimeType)) { status = 'FAILED'; failure = `Unsupported file type: ${staged.mimeType}`; }
      else s.mediaData.set(id, { data: staged.data, mimeType: staged.mimeType });
    }
  } else {
    mimeType = /\.png$/i.test(url.pathname) ? 'image/png' : /\.webp$/i.test(url.pathname) ? 'image/webp' : 'image/jpeg';
  }
  const name = filename ?? (staged?.filename ?? decodeURIComponent(url.pathname.split('/').pop() ?? 'image'));
  const m: MediaRec = {
    id, alt, originalSource, mimeType, filename: name, url: `${ctx.hooks.url}/cdn/files/${id}/${encodeURIComponent(name)}`, size,
    status, failure, createdSeq: s.requestSeq, productIds: productId ? [productId] : [], createdAt: now, updatedAt: now,
  };
  s.media.set(id, m);
  return m;
}

interface OptionInput { id?: string | null; name?: string | null; position?: number | null; values?: { id?: string | null; name?: string | null }[] | null }

/** productOptions of productSet / productCreate → option records (ids kept for unchanged names). */
function buildOptions(ctx: Ctx, p: ProductRec, list: OptionInput[], errors: UserErrorOut[], field: (string | number)[]): OptionRec[] | undefined {
  if (list.length > MAX_OPTIONS) { errors.push(userError(field, `Options over limit (${MAX_OPTIONS})`, 'OPTIONS_OVER_LIMIT')); return undefined; }
  const names = new Set<string>();
  const out: OptionRec[] = [];
  for (const [i, o] of list.entries()) {
    const name = o.name?.trim();
    if (!name) { errors.push(userError([...field, i, 'name'], "Option name can't be blank", 'INVALID_INPUT')); return undefined; }
    if (names.has(name.toLowerCase())) { errors.push(userError([...field, i, 'name'], `Duplicated option name '${name}'`, 'DUPLICATED_OPTION_NAME')); return undefined; }
    names.add(name.toLowerCase());
    const values = (o.values ?? []).map((v) => v.name?.trim() ?? '');
    if (values.length === 0) { errors.push(userError([...field, i, 'values'], `Option '${name}' has no values`, 'OPTION_VALUES_MISSING')); return undefined; }
    if (new Set(values.map((v) => v.toLowerCase())).size !== values.length) { errors.push(userError([...field, i, 'values'], `Duplicated option value in '${name}'`, 'DUPLICATED_OPTION_VALUE')); return undefined; }
    const previous = p.options.find((x) => x.name === name);
    out.push({
      id: previous?.id ?? ctx.state.id(), name, position: i + 1,
      values: values.map((v) => ({ id: previous?.values.find((x) => x.name === v)?.id ?? ctx.state.id(), name: v })),
    });
  }
  return out;
}

function selectedOptionsOf(options: OptionRec[], input: VariantInput, field: (string | number)[], errors: UserErrorOut[], code: { option: string; value: string }): { name: string; value: string }[] | undefined {
  const out: { name: string; value: string }[] = [];
  for (const [i, ov] of (input.optionValues ?? []).entries()) {
    const opt = options.find((o) => (ov.optionName && o.name === ov.optionName) || (ov.optionId && gid('ProductOption', o.id) === ov.optionId));
    if (!opt) { errors.push(userError([...field, 'optionValues', i, 'optionName'], `Option does not exist: ${ov.optionName ?? ov.optionId ?? ''}`, code.option)); return undefined; }
    const val = opt.values.find((v) => (ov.name && v.name === ov.name) || (ov.id && gid('ProductOptionValue', v.id) === ov.id));
    if (!val) { errors.push(userError([...field, 'optionValues', i, 'name'], `Option value does not exist: ${ov.name ?? ov.id ?? ''}`, code.value)); return undefined; }
    out.push({ name: opt.name, value: val.name });
  }
  if (out.length !== options.length) { errors.push(userError([...field, 'optionValues'], `The variant must have a value for each of the ${options.length} product options`, code.value)); return undefined; }
  return options.map((o) => out.find((x) => x.name === o.name)!);
}

const comboKey = (sel: { name: string; value: string }[]) => sel.map((x) => `${x.name}=${x.value}`).join('|');

/** productSet core; returns the product id or undefined (errors filled). Runs atomically: nothing changes on error. */
function productSetApply(ctx: Ctx, args: { input: Input; identifier?: Input | null }, errors: UserErrorOut[]): number | undefined {
  const s = ctx.state;
  const input = args.input;
  let existing: ProductRec | undefined;
  const ident = args.identifier ?? null;
  if (ident?.id || input.id) {
    const raw = (ident?.id ?? input.id) as string;
    existing = s.products.get(gidId(raw, 'Product') ?? -1);
    if (!existing) { errors.push(userError(ident?.id ? ['identifier', 'id'] : ['input', 'id'], 'Product does not exist', 'PRODUCT_DOES_NOT_EXIST')); return undefined; }
  } else if (ident?.handle) {
    existing = s.productByHandle(ident.handle as string);
  } else if (ident?.customId) {
    const cid = ident.customId as { namespace?: string; key: string; value: string };
    for (const m of s.metafields.values()) {
      if (gidType(m.ownerId) === 'Product' && m.namespace === (cid.namespace ?? '$app') && m.key === cid.key && m.value === cid.value) existing = s.products.get(gidId(m.ownerId)!);
    }
  }
  if (!existing && !(typeof input.title === 'string' && input.title.trim())) { errors.push(userError(['input', 'title'], "Title can't be blank", 'INVALID_PRODUCT')); return undefined; }
  if (typeof input.handle === 'string' && handleTaken(ctx, input.handle, existing?.id)) {
    errors.push(userError(['input', 'handle'], `Handle '${input.handle}' already in use. Please provide a new handle.`, 'HANDLE_NOT_UNIQUE'));
    return undefined;
  }
  const variantsIn = input.variants as VariantInput[] | undefined;
  const optionsIn = input.productOptions as OptionInput[] | undefined;
  if (variantsIn && !optionsIn) { errors.push(userError(['input', 'productOptions'], 'Product options input is required when updating variants', 'PRODUCT_OPTIONS_INPUT_MISSING')); return undefined; }
  if (optionsIn && !variantsIn) { errors.push(userError(['input', 'variants'], 'Variants input is required when updating options', 'VARIANTS_INPUT_MISSING')); return undefined; }
  if (variantsIn && variantsIn.length > MAX_VARIANTS) { errors.push(userError(['input', 'variants'], `Variants over limit (${MAX_VARIANTS})`, 'VARIANTS_OVER_LIMIT')); return undefined; }
  if (Array.isArray(input.collections)) {
    for (const [i, c] of (input.collections as string[]).entries()) {
      if (!s.collections.has(gidId(c, 'Collection') ?? -1)) { errors.push(userError(['input', 'collections', i], 'Collection does not exist', 'INVALID_INPUT')); return undefined; }
    }
  }
  // Validate variants against a scratch product before changing anything.
  const scratch: ProductRec = existing ? { ...existing, options: existing.options } : { options: [] } as unknown as ProductRec;
  let options: OptionRec[] | undefined = existing?.options;
  const plans: { input: VariantInput; sel: { name: string; value: string }[]; target: VariantRec | undefined; price: string | null | undefined; compareAt: string | null | undefined }[] = [];
  if (variantsIn && optionsIn) {
    options = buildOptions(ctx, scratch, optionsIn, errors, ['input', 'productOptions']);
    if (!options) return undefined;
    const seen = new Set<string>();
    const taken = new Set<number>();
    for (const [i, vi] of variantsIn.entries()) {
      const field = ['input', 'variants', i];
      const sel = selectedOptionsOf(options, vi, field, errors, { option: 'OPTION_DOES_NOT_EXIST', value: 'OPTION_VALUE_DOES_NOT_EXIST' });
      if (!sel) return undefined;
      const key = comboKey(sel);
      if (seen.has(key)) { errors.push(userError([...field, 'optionValues'], `The variant '${sel.map((x) => x.value).join(' / ')}' already exists.`, 'DUPLICATED_OPTION_VALUE')); return undefined; }
      seen.add(key);
      let target: VariantRec | undefined;
      if (vi.id) {
        target = s.variants.get(gidId(vi.id, 'ProductVariant') ?? -1);
        if (!target || target.productId !== existing?.id) { errors.push(userError([...field, 'id'], 'Product variant does not exist', 'PRODUCT_VARIANT_DOES_NOT_EXIST')); return undefined; }
      } else if (existing) {
        target = existing.variantIds.map((id) => s.variants.get(id)!).find((v) => !taken.has(v.id) && comboKey(v.selectedOptions) === key);
      }
      if (target) taken.add(target.id);
      const price = moneyInput(vi.price, [...field, 'price'], errors);
      const compareAt = moneyInput(vi.compareAtPrice, [...field, 'compareAtPrice'], errors);
      if (errors.length) return undefined;
      plans.push({ input: vi, sel, target, price, compareAt });
    }
  }
  // Apply.
  const p = existing ?? newProduct(ctx, input.title as string, (input.handle as string | undefined) ?? s.freeHandle(input.title as string, (h) => handleTaken(ctx, h)));
  if (typeof input.handle === 'string') s.setHandle(p, input.handle);
  applyProductScalars(ctx, p, input);
  if (options && variantsIn) {
    p.options = options;
    const keepIds: number[] = [];
    for (const [i, plan] of plans.entries()) {
      const v = plan.target ?? newVariant(ctx, p, i + 1);
      v.selectedOptions = plan.sel;
      v.position = plan.input.position ?? i + 1;
      applyVariant(ctx, v, plan.input, plan.price, plan.compareAt);
      applyInitialQuantities(ctx, v, plan.input.inventoryQuantities, ['input', 'variants', i, 'inventoryQuantities'], errors);
      if (plan.input.metafields) setMetafieldList(ctx, gid('ProductVariant', v.id), plan.input.metafields, ['input', 'variants', i, 'metafields'], errors, true);
      if (plan.input.file?.originalSource) {
        const m = createMedia(ctx, plan.input.file.originalSource as string, (plan.input.file.alt as string | undefined) ?? null, p.id, ['input', 'variants', i, 'file'], errors, plan.input.file.filename as string | undefined);
        if (m) { v.mediaId = m.id; if (!p.mediaIds.includes(m.id)) p.mediaIds.push(m.id); }
      }
      keepIds.push(v.id);
    }
    for (const id of p.variantIds) if (!keepIds.includes(id)) s.deleteVariant(id);
    p.variantIds = keepIds;
  } else if (!existing) {
    // A product always has at least its default variant.
    p.options = [{ id: s.id(), name: 'Title', position: 1, values: [{ id: s.id(), name: 'Default Title' }] }];
    const v = newVariant(ctx, p, 1);
    v.selectedOptions = [{ name: 'Title', value: 'Default Title' }];
    p.variantIds = [v.id];
  }
  if (Array.isArray(input.metafields)) setMetafieldList(ctx, gid('Product', p.id), input.metafields as Input[], ['input', 'metafields'], errors, true);
  if (Array.isArray(input.collections)) {
    const wanted = (input.collections as string[]).map((c) => gidId(c, 'Collection')!);
    for (const c of s.collections.values()) {
      const has = c.productIds.includes(p.id);
      if (wanted.includes(c.id) && !has) c.productIds.push(p.id);
      if (!wanted.includes(c.id) && has) c.productIds = c.productIds.filter((id) => id !== p.id);
    }
  }
  if (Array.isArray(input.files)) {
    const files = input.files as Input[];
    const keep: number[] = [];
    files.forEach((f, i) => {
      const existingMedia = f.id ? s.media.get(gidId(f.id, 'MediaImage') ?? -1) : p.mediaIds.map((id) => s.media.get(id)).find((m) => m?.originalSource === f.originalSource);
      if (existingMedia) { if (typeof f.alt === 'string') existingMedia.alt = f.alt; keep.push(existingMedia.id); return; }
      if (typeof f.originalSource !== 'string') { errors.push(userError(['input', 'files', i, 'originalSource'], "Original source can't be blank", 'INVALID_INPUT')); return; }
      const m = createMedia(ctx, f.originalSource, (f.alt as string | undefined) ?? null, p.id, ['input', 'files', i], errors, f.filename as string | undefined);
      if (m) keep.push(m.id);
    });
    p.mediaIds = [...keep, ...p.variantIds.map((id) => s.variants.get(id)?.mediaId).filter((id): id is number => !!id && !keep.includes(id))];
  }
  p.updatedAt = s.now();
  ctx.hooks.event(existing ? 'products/update' : 'products/create', { kind: 'product', id: p.id });
  return p.id;
}

export function catalogMutations(ctx: Ctx) {
  const s = ctx.state;
  return {
    productSet: (args: { input: Input; identifier?: Input | null; synchronous?: boolean }) => {
      requireScope(ctx, 'productSet', 'write_products');
      const errors: UserErrorOut[] = [];
      const id = productSetApply(ctx, args, errors);
      if (args.synchronous === false) {
        const op = { id: s.id(), status: 'CREATED' as const, productId: id ?? null, userErrors: errors.map((e) => ({ field: e.field, message: e.message, code: e.code ?? null })) };
        s.productOperations.set(op.id, op);
        return { product: null, productSetOperation: productOperationView(ctx, op.id, 'CREATED'), userErrors: [] };
      }
      return { product: id && !errors.length ? productView(ctx, s.products.get(id)!) : id ? productView(ctx, s.products.get(id)!) : null, productSetOperation: null, userErrors: errors };
    },
    productCreate: (args: { product?: Input | null; input?: Input | null; media?: Input[] | null }) => {
      requireScope(ctx, 'productCreate', 'write_products');
      const input = args.product ?? args.input ?? {};
      const errors: UserErrorOut[] = [];
      if (!(typeof input.title === 'string' && input.title.trim())) return { product: null, userErrors: [userError(['title'], "Title can't be blank", 'BLANK')] };
      if (typeof input.handle === 'string' && handleTaken(ctx, input.handle)) {
        return { product: null, userErrors: [userError(['handle'], `Handle '${input.handle}' already in use. Please provide a new handle.`, 'TAKEN')] };
      }
      const p = newProduct(ctx, input.title, (input.handle as string | undefined) ?? s.freeHandle(input.title, (h) => handleTaken(ctx, h)));
      applyProductScalars(ctx, p, input);
      // productCreate makes the options with their first values and one variant of those values.
      const opts = (input.productOptions as OptionInput[] | undefined) ?? [];
      const built = opts.length ? buildOptions(ctx, p, opts, errors, ['productOptions']) : [{ id: s.id(), name: 'Title', position: 1, values: [{ id: s.id(), name: 'Default Title' }] }];
      if (!built) { s.products.delete(p.id); return { product: null, userErrors: errors }; }
      p.options = built;
      const v = newVariant(ctx, p, 1);
      v.selectedOptions = built.map((o) => ({ name: o.name, value: o.values[0]!.name }));
      p.variantIds = [v.id];
      if (Array.isArray(input.metafields)) setMetafieldList(ctx, gid('Product', p.id), input.metafields as Input[], ['metafields'], errors, false);
      for (const cid of (input.collectionsToJoin as string[] | undefined) ?? []) s.collections.get(gidId(cid, 'Collection') ?? -1)?.productIds.push(p.id);
      (args.media ?? []).forEach((m, i) => {
        const rec = createMedia(ctx, m.originalSource as string, (m.alt as string | undefined) ?? null, p.id, ['media', i], errors);
        if (rec) p.mediaIds.push(rec.id);
      });
      ctx.hooks.event('products/create', { kind: 'product', id: p.id });
      return { product: productView(ctx, p), userErrors: errors, shop: null };
    },
    productUpdate: (args: { product?: Input | null; input?: Input | null; media?: Input[] | null }) => {
      requireScope(ctx, 'productUpdate', 'write_products');
      const input = args.product ?? args.input ?? {};
      const p = s.products.get(gidId(input.id, 'Product') ?? -1);
      if (!p) return { product: null, userErrors: [userError(['id'], 'Product does not exist')] };
      if (typeof input.handle === 'string' && handleTaken(ctx, input.handle, p.id)) {
        return { product: null, userErrors: [userError(['handle'], `Handle '${input.handle}' already in use. Please provide a new handle.`, 'TAKEN')] };
      }
      const errors: UserErrorOut[] = [];
      // collectionsToJoin adds memberships, never removes one (collectionsToLeave does); unknown collections are refused first.
      const joins = ((input.collectionsToJoin as string[] | undefined) ?? []).map((c) => s.collections.get(gidId(c, 'Collection') ?? -1));
      const missing = joins.findIndex((c) => !c);
      if (missing >= 0) return { product: null, userErrors: [userError(['collectionsToJoin', missing], 'Collection does not exist')] };
      if (typeof input.handle === 'string') s.setHandle(p, input.handle);
      applyProductScalars(ctx, p, input);
      // Unlike productSet, productUpdate upserts the metafields it is given and leaves the others.
      if (Array.isArray(input.metafields)) setMetafieldList(ctx, gid('Product', p.id), input.metafields as Input[], ['metafields'], errors, false);
      for (const c of joins) if (c && !c.productIds.includes(p.id)) { c.productIds.push(p.id); c.updatedAt = s.now(); }
      // `media` adds to the product's media: what it already holds stays.
      (args.media ?? []).forEach((m, i) => {
        const rec = createMedia(ctx, m.originalSource as string, (m.alt as string | undefined) ?? null, p.id, ['media', i], errors);
        if (rec) p.mediaIds.push(rec.id);
      });
      p.updatedAt = s.now();
      ctx.hooks.event('products/update', { kind: 'product', id: p.id });
      return { product: productView(ctx, p), userErrors: errors };
    },
    productDelete: (args: { input: { id: string } }) => {
      requireScope(ctx, 'productDelete', 'write_products');
      const id = gidId(args.input.id, 'Product');
      if (id === undefined || !s.products.has(id)) return { deletedProductId: null, productDeleteOperation: null, shop: null, userErrors: [userError(['id'], 'Product does not exist')] };
      s.deleteProduct(id);
      return { deletedProductId: args.input.id, productDeleteOperation: null, shop: null, userErrors: [] };
    },
    productVariantsBulkUpdate: (args: { productId: string; variants: VariantInput[]; allowPartialUpdates?: boolean }) => {
      requireScope(ctx, 'productVariantsBulkUpdate', 'write_products');
      const p = s.products.get(gidId(args.productId, 'Product') ?? -1);
      if (!p) return { product: null, productVariants: null, userErrors: [userError(['productId'], 'Product does not exist', 'PRODUCT_DOES_NOT_EXIST')] };
      const errors: UserErrorOut[] = [];
      const plans: { v: VariantRec; input: VariantInput; price: string | null | undefined; compareAt: string | null | undefined; sel?: { name: string; value: string }[] }[] = [];
      args.variants.forEach((vi, i) => {
        const field = ['variants', i];
        const before = errors.length;
        if (!vi.id) { errors.push(userError([...field, 'id'], 'Product variant is missing ID attribute', 'PRODUCT_VARIANT_ID_MISSING')); return; }
        const v = s.variants.get(gidId(vi.id, 'ProductVariant') ?? -1);
        if (!v) { errors.push(userError([...field, 'id'], 'Product variant does not exist', 'PRODUCT_VARIANT_DOES_NOT_EXIST')); return; }
        if (v.productId !== p.id) { errors.push(userError([...field, 'id'], 'Product variant does not belong to the product', 'MUST_BE_FOR_THIS_PRODUCT')); return; }
        if (vi.inventoryQuantities) { errors.push(userError([...field, 'inventoryQuantities'], 'Inventory quantities can only be provided during create. To update inventory for existing variants, use inventoryAdjustQuantities.', 'NO_INVENTORY_QUANTITIES_ON_VARIANTS_UPDATE')); return; }
        const price = moneyInput(vi.price, [...field, 'price'], errors, 'INVALID_VALUE');
        const compareAt = moneyInput(vi.compareAtPrice, [...field, 'compareAtPrice'], errors, 'INVALID_VALUE');
        let sel: { name: string; value: string }[] | undefined;
        if (vi.optionValues) sel = selectedOptionsOf(p.options, vi, field, errors, { option: 'OPTION_DOES_NOT_EXIST', value: 'OPTION_VALUE_DOES_NOT_EXIST' });
        if (errors.length === before) plans.push({ v, input: vi, price, compareAt, ...(sel ? { sel } : {}) });
      });
      if (errors.length && !args.allowPartialUpdates) return { product: productView(ctx, p), productVariants: null, userErrors: errors };
      for (const plan of plans) {
        applyVariant(ctx, plan.v, plan.input, plan.price, plan.compareAt);
        if (plan.sel) plan.v.selectedOptions = plan.sel;
        if (plan.input.metafields) setMetafieldList(ctx, gid('ProductVariant', plan.v.id), plan.input.metafields, ['variants', args.variants.indexOf(plan.input), 'metafields'], errors, false);
      }
      p.updatedAt = s.now();
      ctx.hooks.event('products/update', { kind: 'product', id: p.id });
      return { product: productView(ctx, p), productVariants: plans.map((x) => variantView(ctx, x.v)), userErrors: errors };
    },
    productVariantsBulkCreate: (args: { productId: string; variants: VariantInput[]; strategy?: string }) => {
      requireScope(ctx, 'productVariantsBulkCreate', 'write_products');
      const p = s.products.get(gidId(args.productId, 'Product') ?? -1);
      if (!p) return { product: null, productVariants: null, userErrors: [userError(['productId'], 'Product does not exist', 'PRODUCT_DOES_NOT_EXIST')] };
      const errors: UserErrorOut[] = [];
      // New option values named by the variants are added to the product's options.
      const options = p.options.map((o) => ({ ...o, values: [...o.values] }));
      const standalone = p.variantIds.length === 1 && p.options.length === 1 && p.options[0]!.name === 'Title';
      let working = standalone && args.strategy !== 'PRESERVE_STANDALONE_VARIANT' ? [] as OptionRec[] : options;
      const plans: { input: VariantInput; sel: { name: string; value: string }[]; price: string | null | undefined; compareAt: string | null | undefined }[] = [];
      const existingKeys = new Set((working === options ? p.variantIds : []).map((id) => comboKey(s.variants.get(id)!.selectedOptions)));
      args.variants.forEach((vi, i) => {
        const field = ['variants', i];
        for (const ov of vi.optionValues ?? []) {
          if (!ov.optionName || !ov.name) continue;
          let o = working.find((x) => x.name === ov.optionName);
          if (!o) {
            if (working.length >= MAX_OPTIONS) { errors.push(userError([...field, 'optionValues'], `Options over limit (${MAX_OPTIONS})`, 'OPTION_VALUES_FOR_NUMBER_OF_UNKNOWN_OPTIONS')); return; }
            o = { id: s.id(), name: ov.optionName, position: working.length + 1, values: [] };
            working = [...working, o];
          }
          if (!o.values.some((x) => x.name === ov.name)) o.values.push({ id: s.id(), name: ov.name });
        }
        const sel = selectedOptionsOf(working, vi, field, errors, { option: 'OPTION_DOES_NOT_EXIST', value: 'NEED_TO_ADD_OPTION_VALUES' });
        if (!sel) return;
        const key = comboKey(sel);
        if (existingKeys.has(key)) { errors.push(userError([...field], `The variant '${sel.map((x) => x.value).join(' / ')}' already exists.`, 'VARIANT_ALREADY_EXISTS')); return; }
        existingKeys.add(key);
        const price = moneyInput(vi.price, [...field, 'price'], errors, 'INVALID_VALUE');
        const compareAt = moneyInput(vi.compareAtPrice, [...field, 'compareAtPrice'], errors, 'INVALID_VALUE');
        plans.push({ input: vi, sel, price, compareAt });
      });
      if (errors.length) return { product: productView(ctx, p), productVariants: null, userErrors: errors };
      if (p.variantIds.length + plans.length - (working === options ? 0 : 1) > MAX_VARIANTS) {
        return { product: productView(ctx, p), productVariants: null, userErrors: [userError(['variants'], `Variants over limit (${MAX_VARIANTS})`, 'INVALID_INPUT')] };
      }
      if (working !== options) for (const id of [...p.variantIds]) s.deleteVariant(id);
      p.options = working;
      const created = plans.map((plan, i) => {
        const v = newVariant(ctx, p, p.variantIds.length + 1);
        v.selectedOptions = plan.sel;
        applyVariant(ctx, v, plan.input, plan.price, plan.compareAt);
        applyInitialQuantities(ctx, v, plan.input.inventoryQuantities?.map((q) => ({ ...q, name: 'available', quantity: q.availableQuantity ?? q.quantity ?? 0 })), ['variants', i, 'inventoryQuantities'], errors);
        if (plan.input.metafields) setMetafieldList(ctx, gid('ProductVariant', v.id), plan.input.metafields, ['variants', i, 'metafields'], errors, false);
        p.variantIds.push(v.id);
        return v;
      });
      p.updatedAt = s.now();
      return { product: productView(ctx, p), productVariants: created.map((v) => variantView(ctx, v)), userErrors: errors };
    },
    collectionCreate: (args: { input?: Input | null; collection?: Input | null }) => {
      requireScope(ctx, 'collectionCreate', 'write_products');
      const input = args.collection ?? args.input ?? {};
      const title = typeof input.title === 'string' ? input.title.trim() : '';
      if (!title) return { collection: null, userErrors: [userError(['title'], "Title can't be blank")] };
      const taken = (h: string) => [...s.collections.values()].some((c) => c.handle === h);
      if (typeof input.handle === 'string' && taken(input.handle)) return { collection: null, userErrors: [userError(['handle'], 'Handle has already been taken')] };
      const now = s.now();
      const productIds = ((input.products as string[] | undefined) ?? []).map((id) => gidId(id, 'Product')).filter((id): id is number => id !== undefined && s.products.has(id));
      const c: CollectionRec = {
        id: s.id(), title, handle: (input.handle as string | undefined) ?? s.freeHandle(title, taken), descriptionHtml: (input.descriptionHtml as string | undefined) ?? '',
        productIds, sortOrder: (input.sortOrder as string | undefined) ?? 'MANUAL', seo: { title: null, description: null, ...(input.seo as object | undefined) }, createdAt: now, updatedAt: now,
      };
      s.collections.set(c.id, c);
      const errors: UserErrorOut[] = [];
      if (Array.isArray(input.metafields)) setMetafieldList(ctx, gid('Collection', c.id), input.metafields as Input[], ['metafields'], errors, false);
      return { collection: collectionView(ctx, c), userErrors: errors };
    },
    collectionUpdate: (args: { collection?: Input | null; input?: Input | null }) => {
      requireScope(ctx, 'collectionUpdate', 'write_products');
      const input = args.collection ?? args.input ?? {};
      const c = s.collections.get(gidId(input.id, 'Collection') ?? -1);
      if (!c) return { collection: null, job: null, userErrors: [userError(['id'], 'Collection does not exist')] };
      if (typeof input.handle === 'string' && [...s.collections.values()].some((x) => x.id !== c.id && x.handle === input.handle)) {
        return { collection: null, job: null, userErrors: [userError(['handle'], 'Handle has already been taken')] };
      }
      if (typeof input.title === 'string') {
        if (!input.title.trim()) return { collection: null, job: null, userErrors: [userError(['title'], "Title can't be blank")] };
        c.title = input.title;
      }
      if (typeof input.handle === 'string') c.handle = input.handle;
      if (typeof input.descriptionHtml === 'string') c.descriptionHtml = input.descriptionHtml;
      if (typeof input.sortOrder === 'string') c.sortOrder = input.sortOrder;
      if (input.seo && typeof input.seo === 'object') c.seo = { ...c.seo, ...(input.seo as { title?: string | null; description?: string | null }) };
      const errors: UserErrorOut[] = [];
      if (Array.isArray(input.metafields)) setMetafieldList(ctx, gid('Collection', c.id), input.metafields as Input[], ['metafields'], errors, false);
      c.updatedAt = s.now();
      return { collection: collectionView(ctx, c), job: null, userErrors: errors };
    },
    collectionAddProducts: (args: { id: string; productIds: string[] }) => {
      requireScope(ctx, 'collectionAddProducts', 'write_products');
      const c = s.collections.get(gidId(args.id, 'Collection') ?? -1);
      if (!c) return { collection: null, userErrors: [userError(['id'], 'Collection does not exist')] };
      const ids: number[] = [];
      for (const [i, pid] of args.productIds.entries()) {
        const id = gidId(pid, 'Product');
        if (id === undefined || !s.products.has(id)) return { collection: null, userErrors: [userError(['productIds', i], 'Product does not exist')] };
        if (c.productIds.includes(id)) return { collection: null, userErrors: [userError(['productIds'], 'Error adding products to collection: product is already in the collection')] };
        ids.push(id);
      }
      c.productIds.push(...ids);
      c.updatedAt = s.now();
      return { collection: collectionView(ctx, c), userErrors: [] };
    },
    collectionRemoveProducts: (args: { id: string; productIds: string[] }) => {
      requireScope(ctx, 'collectionRemoveProducts', 'write_products');
      const c = s.collections.get(gidId(args.id, 'Collection') ?? -1);
      if (!c) return { job: null, userErrors: [userError(['id'], 'Collection does not exist')] };
      const ids = new Set(args.productIds.map((x) => gidId(x, 'Product')));
      c.productIds = c.productIds.filter((id) => !ids.has(id));
      return { job: { id: gid('Job', s.id()), done: true, query: null }, userErrors: [] };
    },
    metafieldsSet: (args: { metafields: Input[] }) => {
      const errors: UserErrorOut[] = [];
      if (args.metafields.length > METAFIELDS_PER_CALL) {
        return { metafields: null, userErrors: [{ ...userError(['metafields'], `Exceeded the maximum metafields input limit of ${METAFIELDS_PER_CALL}.`, 'LESS_THAN_OR_EQUAL_TO'), elementIndex: null }] };
      }
      const planned: { owner: string; ns: string; key: string; type: string; value: string }[] = [];
      args.metafields.forEach((m, i) => {
        const owner = m.ownerId as string;
        const ownerType = gidType(owner);
        const exists = ownerType === 'Product' ? s.products.has(gidId(owner)!) : ownerType === 'ProductVariant' ? s.variants.has(gidId(owner)!)
          : ownerType === 'Collection' ? s.collections.has(gidId(owner)!) : ownerType === 'Customer' ? s.customers.has(gidId(owner)!)
            : ownerType === 'Order' ? s.orders.has(gidId(owner)!) : ownerType === 'Location' ? s.locations.has(gidId(owner)!) : false;
        const scope = ownerType === 'Customer' ? 'write_customers' : ownerType === 'Order' ? 'write_orders' : ownerType === 'Location' ? 'write_locations' : 'write_products';
        requireScope(ctx, 'metafieldsSet', scope);
        if (!exists) { errors.push({ ...userError(['metafields', i, 'ownerId'], 'Owner does not exist.', 'INVALID_VALUE'), elementIndex: i }); return; }
        const ns = (m.namespace as string | undefined) ?? '$app';
        const existing = s.findMetafield(owner, ns, m.key as string);
        const type = (m.type as string | undefined) ?? existing?.type;
        if (!type) { errors.push({ ...userError(['metafields', i, 'type'], "Type can't be blank.", 'BLANK'), elementIndex: i }); return; }
        const problem = metafieldValueProblem(type, m.value as string);
        if (problem) { errors.push({ ...userError(['metafields', i, 'value'], problem, 'INVALID_VALUE'), elementIndex: i }); return; }
        if ('compareDigest' in m) {
          const want = m.compareDigest as string | null;
          if ((want === null && existing) || (want !== null && (!existing || digest(existing.value) !== want))) {
            errors.push({ ...userError(['metafields', i], 'The resource has been updated since it was loaded. Try again with an updated `compareDigest` value.', 'STALE_OBJECT'), elementIndex: i });
            return;
          }
        }
        planned.push({ owner, ns, key: m.key as string, type, value: m.value as string });
      });
      // Atomic: nothing is written when one entry fails.
      if (errors.length) return { metafields: [], userErrors: errors };
      const recs = planned.map((x) => s.putMetafield(x.owner, x.ns, x.key, x.type, x.value));
      return { metafields: recs.map((r) => metafieldView(ctx, r)), userErrors: [] };
    },
    metafieldDefinitionCreate: (args: { definition: { name: string; namespace?: string | null; key: string; type: string; ownerType: string; capabilities?: { adminFilterable?: { enabled: boolean } | null } | null } }) => {
      requireScope(ctx, 'metafieldDefinitionCreate', 'write_products');
      const d = args.definition;
      const namespace = d.namespace ?? '$app';
      if ([...s.metafieldDefinitions.values()].some((x) => x.ownerType === d.ownerType && x.namespace === namespace && x.key === d.key)) {
        return { createdDefinition: null, userErrors: [userError(['definition', 'key'], 'Key is in use for Product metafields on the \'' + namespace + '\' namespace.', 'TAKEN')] };
      }
      const problem = metafieldValueProblem(d.type, '');
      if (problem?.startsWith('Type')) return { createdDefinition: null, userErrors: [userError(['definition', 'type'], problem, 'INCLUSION')] };
      const rec: MetafieldDefinitionRec = {
        id: s.id(), ownerType: d.ownerType, namespace, key: d.key, name: d.name, type: d.type, adminFilterable: d.capabilities?.adminFilterable?.enabled === true,
        filterStatus: s.newDefinitionFilterStatus, createdAt: s.now(),
      };
      s.metafieldDefinitions.set(rec.id, rec);
      return { createdDefinition: metafieldDefinitionView(rec), userErrors: [] };
    },
    metafieldsDelete: (args: { metafields: { ownerId: string; namespace: string; key: string }[] }) => {
      // Deleting a metafield that does not exist succeeds, with null in its place.
      const deleted = args.metafields.map((m) => {
        const ownerType = gidType(m.ownerId);
        requireScope(ctx, 'metafieldsDelete', ownerType === 'Customer' ? 'write_customers' : ownerType === 'Order' ? 'write_orders' : 'write_products');
        const rec = s.findMetafield(m.ownerId, m.namespace, m.key);
        if (!rec) return null;
        s.deleteMetafield(rec.id);
        return { ownerId: m.ownerId, namespace: m.namespace, key: m.key };
      });
      return { deletedMetafields: deleted, userErrors: [] };
    },
    productCreateMedia: (args: { productId: string; media: Input[] }) => {
      requireScope(ctx, 'productCreateMedia', 'write_products');
      const p = s.products.get(gidId(args.productId, 'Product') ?? -1);
      if (!p) return { media: null, mediaUserErrors: [userError(['productId'], 'Product does not exist', 'PRODUCT_DOES_NOT_EXIST')], userErrors: [userError(['productId'], 'Product does not exist')], product: null };
      const errors: UserErrorOut[] = [];
      const created = args.media.map((m, i) => createMedia(ctx, m.originalSource as string, (m.alt as string | undefined) ?? null, p.id, ['media', i], errors)).filter((m): m is MediaRec => !!m);
      p.mediaIds.push(...created.map((m) => m.id));
      return { media: created.map((m) => mediaView(ctx, m)), mediaUserErrors: errors, userErrors: errors.map((e) => ({ field: e.field, message: e.message })), product: productView(ctx, p) };
    },
    fileCreate: (args: { files: Input[] }) => {
      requireScope(ctx, 'fileCreate', 'write_files');
      const errors: UserErrorOut[] = [];
      const created = args.files.map((f, i) => createMedia(ctx, f.originalSource as string, (f.alt as string | undefined) ?? null, null, ['files', i], errors, f.filename as string | undefined)).filter((m): m is MediaRec => !!m);
      return { files: created.map((m) => mediaView(ctx, m)), userErrors: errors };
    },
  };
}
