/**
 * GraphQL objects of the catalogue (Product, ProductVariant, InventoryItem, InventoryLevel, Location,
 * Collection, Metafield, MediaImage) built over the state. Fields with arguments are methods, as
 * graphql-js's default resolver calls them with (args, context).
 */
import { createHash } from 'node:crypto';
import { Decimal } from '../../../src/util/decimal.js';
import { connection, type PageArgs } from './connection.js';
import { count, iso, money, moneyV2, type Ctx } from './context.js';
import { encodeCursor, gid, gidId } from './ids.js';
import type {
  CollectionRec, InventoryItemRec, LevelRec, LocationRec, MediaRec, MetafieldRec, ProductRec, QuantityName, VariantRec,
} from './state.js';

type Args = PageArgs & Record<string, unknown>;

const byId = <T extends { id: number }>(t: T): [number, number] => [t.id, t.id];

/** metafield(namespace, key) / metafields(namespace, keys) of any owner. */
export function metafieldFields(ctx: Ctx, ownerId: string) {
  return {
    metafield(args: { namespace?: string | null; key: string }): unknown {
      let ns = args.namespace ?? null;
      let key = args.key;
      if (ns === null && key.includes('.')) [ns, key] = [key.slice(0, key.lastIndexOf('.')), key.slice(key.lastIndexOf('.') + 1)];
      const m = ctx.state.findMetafield(ownerId, ns ?? '$app', key);
      return m ? metafieldView(ctx, m) : null;
    },
    metafields(args: Args & { namespace?: string | null; keys?: string[] | null }): unknown {
      let list = ctx.state.metafieldsOf(ownerId);
      if (args.namespace) list = list.filter((m) => m.namespace === args.namespace);
      if (args.keys) list = list.filter((m) => args.keys!.includes(`${m.namespace}.${m.key}`));
      return connection(list, args, byId, (m) => metafieldView(ctx, m));
    },
  };
}

export function metafieldView(ctx: Ctx, m: MetafieldRec) {
  return {
    __typename: 'Metafield',
    id: gid('Metafield', m.id),
    legacyResourceId: String(m.id),
    namespace: m.namespace,
    key: m.key,
    type: m.type,
    value: m.value,
    get jsonValue(): unknown {
      if (m.type.startsWith('list.') || m.type === 'json' || m.type.endsWith('money') || m.type === 'dimension' || m.type === 'weight' || m.type === 'volume' || m.type === 'rating') {
        try { return JSON.parse(m.value); } catch { return m.value; }
      }
      if (m.type === 'number_integer') return Number.parseInt(m.value, 10);
      if (m.type === 'boolean') return m.value === 'true';
      return m.value;
    },
    compareDigest: digest(m.value),
    createdAt: iso(m.createdAt),
    updatedAt: iso(m.updatedAt),
    ownerType: m.ownerId.split('/')[3]?.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase() ?? 'PRODUCT',
    get owner(): unknown { return ownerView(ctx, m.ownerId); },
    definition: null,
    reference: null,
    sizeInBytes: Buffer.byteLength(m.value),
  };
}

/** The digest metafieldsSet's compareDigest is compared with (a SHA-256 of the value, as Shopify's looks). */
export function digest(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
export function ownerView(ctx: Ctx, ownerGid: string): unknown {
  const t = ownerGid.split('/')[3];
  const id = gidId(ownerGid);
  if (id === undefined) return null;
  const s = ctx.state;
  if (t === 'Product') { const p = s.products.get(id); return p ? productView(ctx, p) : null; }
  if (t === 'ProductVariant') { const v = s.variants.get(id); return v ? variantView(ctx, v) : null; }
  if (t === 'Collection') { const c = s.collections.get(id); return c ? collectionView(ctx, c) : null; }
  return null;
}

function variantTitle(v: VariantRec): string {
  const parts = v.selectedOptions.map((o) => o.value);
  return parts.length ? parts.join(' / ') : 'Default Title';
}

export function productView(ctx: Ctx, p: ProductRec) {
  const s = ctx.state;
  const variants = () => p.variantIds.map((id) => s.variants.get(id)).filter((v): v is VariantRec => !!v);
  const ownerId = gid('Product', p.id);
  return {
    __typename: 'Product',
    id: ownerId,
    legacyResourceId: String(p.id),
    title: p.title,
    handle: p.handle,
    descriptionHtml: p.descriptionHtml,
    description: () => p.descriptionHtml.replace(/<[^>]*>/g, ''),
    vendor: p.vendor,
    productType: p.productType,
    status: p.status,
    get tags() { return [...p.tags].sort(); },
    templateSuffix: p.templateSuffix,
    get seo() { return { title: p.seo.title, description: p.seo.description }; },
    get createdAt() { return iso(p.createdAt); },
    get updatedAt() { return iso(p.updatedAt); },
    get publishedAt() { return iso(p.publishedAt); },
    isGiftCard: false,
    requiresSellingPlan: false,
    giftCardTemplateSuffix: null,
    onlineStoreUrl: null,
    onlineStorePreviewUrl: null,
    category: null,
    combinedListingRole: null,
    hasVariantsThatRequiresComponents: false,
    get defaultCursor() { return encodeCursor(p.id, p.id); },
    get hasOnlyDefaultVariant(): boolean {
      const vs = variants();
      return vs.length === 1 && (p.options.length === 0 || (p.options.length === 1 && p.options[0]!.name === 'Title' && vs[0]!.selectedOptions[0]?.value === 'Default Title'));
    },
    get tracksInventory(): boolean { return variants().some((v) => s.inventoryItems.get(v.inventoryItemId)?.tracked); },
    get totalInventory(): number { return variants().reduce((n, v) => n + inventoryQuantity(ctx, v), 0); },
    get hasOutOfStockVariants(): boolean { return variants().some((v) => inventoryQuantity(ctx, v) <= 0); },
    options: (args: { first?: number | null }) => p.options.slice(0, args.first ?? undefined).map((o) => ({
      __typename: 'ProductOption',
      id: gid('ProductOption', o.id),
      name: o.name,
      position: o.position,
      values: o.values.map((v) => v.name),
      optionValues: o.values.map((v) => ({
        id: gid('ProductOptionValue', v.id), name: v.name, linkedMetafieldValue: null, swatch: null,
        hasVariants: variants().some((x) => x.selectedOptions.some((so) => so.name === o.name && so.value === v.name)),
      })),
      linkedMetafield: null,
    })),
    variants: (args: Args) => connection(variants(), args, (v) => [v.position, v.id], (v) => variantView(ctx, v)),
    get variantsCount() { return count(variants().length); },
    collections: (args: Args) => connection(s.collectionsOfProduct(p.id), args, byId, (c) => collectionView(ctx, c)),
    inCollection: (args: { id: string }) => s.collections.get(gidId(args.id, 'Collection') ?? -1)?.productIds.includes(p.id) ?? false,
    media: (args: Args) => connection(p.mediaIds.map((id) => s.media.get(id)).filter((m): m is MediaRec => !!m), args, byId, (m) => mediaView(ctx, m)),
    get mediaCount() { return count(p.mediaIds.length); },
    get featuredMedia() { const m = s.media.get(p.mediaIds[0] ?? -1); return m ? mediaView(ctx, m) : null; },
    get priceRangeV2() {
      const prices = variants().map((v) => new Decimal(v.price));
      const min = prices.length ? Decimal.min(...prices) : new Decimal(0);
      const max = prices.length ? Decimal.max(...prices) : new Decimal(0);
      return { minVariantPrice: moneyV2(min, s.shop.currencyCode), maxVariantPrice: moneyV2(max, s.shop.currencyCode) };
    },
    ...metafieldFields(ctx, ownerId),
  };
}

export function inventoryQuantity(ctx: Ctx, v: VariantRec): number {
  return ctx.state.levelsOfItem(v.inventoryItemId).reduce((n, l) => n + l.quantities.available, 0);
}

export function variantView(ctx: Ctx, v: VariantRec) {
  const s = ctx.state;
  const ownerId = gid('ProductVariant', v.id);
  const product = () => s.products.get(v.productId)!;
  return {
    __typename: 'ProductVariant',
    id: ownerId,
    legacyResourceId: String(v.id),
    get title() { return variantTitle(v); },
    get displayName() { return `${product().title} - ${variantTitle(v)}`; },
    sku: v.sku,
    barcode: v.barcode,
    price: money(v.price),
    compareAtPrice: v.compareAtPrice === null ? null : money(v.compareAtPrice),
    position: v.position,
    inventoryPolicy: v.inventoryPolicy,
    taxable: v.taxable,
    taxCode: null,
    requiresComponents: false,
    showUnitPrice: false,
    unitPrice: null,
    unitPriceMeasurement: null,
    get createdAt() { return iso(v.createdAt); },
    get updatedAt() { return iso(v.updatedAt); },
    get inventoryQuantity() { return inventoryQuantity(ctx, v); },
    get sellableOnlineQuantity() { return Math.max(0, inventoryQuantity(ctx, v)); },
    get availableForSale() { return product().status === 'ACTIVE' && (v.inventoryPolicy === 'CONTINUE' || inventoryQuantity(ctx, v) > 0 || !s.inventoryItems.get(v.inventoryItemId)?.tracked); },
    get selectedOptions() {
      return v.selectedOptions.map((o) => {
      const opt = product()?.options.find((x) => x.name === o.name);
      const val = opt?.values.find((x) => x.name === o.value);
        return { name: o.name, value: o.value, optionValue: { id: gid('ProductOptionValue', val?.id ?? 0), name: o.value, hasVariants: true, linkedMetafieldValue: null, swatch: null } };
      });
    },
    get product() { return productView(ctx, product()); },
    get inventoryItem() { return inventoryItemView(ctx, s.inventoryItems.get(v.inventoryItemId)!); },
    get image() { const m = v.mediaId ? s.media.get(v.mediaId) : undefined; return m ? imageOf(ctx, m) : null; },
    media: (args: Args) => connection(v.mediaId && s.media.get(v.mediaId) ? [s.media.get(v.mediaId)!] : [], args, byId, (m) => mediaView(ctx, m)),
    ...metafieldFields(ctx, ownerId),
  };
}

export function inventoryItemView(ctx: Ctx, i: InventoryItemRec) {
  const s = ctx.state;
  const variant = () => s.variants.get(i.variantId);
  return {
    __typename: 'InventoryItem',
    id: gid('InventoryItem', i.id),
    legacyResourceId: String(i.id),
    get sku() { return variant()?.sku ?? null; },
    tracked: i.tracked,
    requiresShipping: i.requiresShipping,
    unitCost: i.cost === null ? null : moneyV2(i.cost, s.shop.currencyCode),
    countryCodeOfOrigin: i.countryCodeOfOrigin,
    harmonizedSystemCode: i.harmonizedSystemCode,
    provinceCodeOfOrigin: null,
    inventoryHistoryUrl: null,
    get createdAt() { return iso(i.createdAt); },
    get updatedAt() { return iso(i.updatedAt); },
    measurement: { id: gid('InventoryItemMeasurement', i.id), weight: i.weight ? { unit: i.weight.unit, value: i.weight.value } : null },
    get duplicateSkuCount() { const sku = variant()?.sku; return sku ? [...s.variants.values()].filter((v) => v.sku === sku).length - 1 : 0; },
    get variant() { const v = variant(); return v ? variantView(ctx, v) : null; },
    variants: (args: Args) => connection(variant() ? [variant()!] : [], args, byId, (v) => variantView(ctx, v)),
    inventoryLevel: (args: { locationId: string }) => {
      const l = s.level(i.id, gidId(args.locationId, 'Location') ?? -1);
      return l ? levelView(ctx, l) : null;
    },
    inventoryLevels: (args: Args) => connection(s.levelsOfItem(i.id), args, byId, (l) => levelView(ctx, l)),
    get locationsCount() { return count(s.levelsOfItem(i.id).length); },
  };
}

export function levelView(ctx: Ctx, l: LevelRec) {
  const s = ctx.state;
  return {
    __typename: 'InventoryLevel',
    id: `${gid('InventoryLevel', l.id)}?inventory_item_id=${l.inventoryItemId}`,
    isActive: true,
    canDeactivate: true,
    deactivationAlert: null,
    createdAt: iso(l.createdAt),
    updatedAt: iso(l.updatedAt),
    quantities: (args: { names: string[] }) => args.names.filter((n) => n === 'on_hand' || n in l.quantities).map((name) => ({
      id: `${gid('InventoryQuantity', l.id)}?inventory_item_id=${l.inventoryItemId}&name=${name}`,
      name,
      quantity: s.quantity(l, name as QuantityName),
      updatedAt: iso(l.updatedAt),
    })),
    get item() { return inventoryItemView(ctx, s.inventoryItems.get(l.inventoryItemId)!); },
    get location() { return locationView(ctx, s.locations.get(l.locationId)!); },
    scheduledChanges: (args: Args) => connection([] as LevelRec[], args, byId, () => null),
  };
}

export function locationView(ctx: Ctx, loc: LocationRec) {
  const s = ctx.state;
  const levels = () => [...s.levels.values()].filter((l) => l.locationId === loc.id);
  return {
    __typename: 'Location',
    id: gid('Location', loc.id),
    legacyResourceId: String(loc.id),
    name: loc.name,
    isActive: loc.isActive,
    activatable: !loc.isActive,
    deactivatable: loc.isActive,
    deletable: !loc.isActive,
    deactivatedAt: null,
    fulfillsOnlineOrders: loc.fulfillsOnlineOrders,
    shipsInventory: true,
    isFulfillmentService: false,
    fulfillmentService: null,
    addressVerified: true,
    hasUnfulfilledOrders: false,
    localPickupSettingsV2: null,
    get hasActiveInventory() { return levels().length > 0; },
    address: {
      address1: loc.address.address1, address2: null, city: loc.address.city, zip: loc.address.zip, province: null, provinceCode: null,
      countryCode: loc.address.countryCode, country: loc.address.countryCode === 'FR' ? 'France' : loc.address.countryCode, phone: null,
      latitude: null, longitude: null, formatted: [loc.address.address1, `${loc.address.zip} ${loc.address.city}`, loc.address.countryCode],
    },
    createdAt: iso(loc.createdAt),
    updatedAt: iso(loc.updatedAt),
    inventoryLevel: (args: { inventoryItemId: string }) => {
      const l = s.level(gidId(args.inventoryItemId, 'InventoryItem') ?? -1, loc.id);
      return l ? levelView(ctx, l) : null;
    },
    inventoryLevels: (args: Args) => connection(levels(), args, byId, (l) => levelView(ctx, l)),
    ...metafieldFields(ctx, gid('Location', loc.id)),
  };
}

export function collectionView(ctx: Ctx, c: CollectionRec) {
  const s = ctx.state;
  return {
    __typename: 'Collection',
    id: gid('Collection', c.id),
    legacyResourceId: String(c.id),
    title: c.title,
    handle: c.handle,
    descriptionHtml: c.descriptionHtml,
    description: () => c.descriptionHtml.replace(/<[^>]*>/g, ''),
    sortOrder: c.sortOrder,
    seo: { ...c.seo },
    templateSuffix: null,
    updatedAt: iso(c.updatedAt),
    ruleSet: null,
    image: null,
    hasProduct: (args: { id: string }) => c.productIds.includes(gidId(args.id, 'Product') ?? -1),
    products: (args: Args) => connection(s.productsOfCollection(c.id), args, byId, (p) => productView(ctx, p)),
    get productsCount() { return count(c.productIds.length); },
    ...metafieldFields(ctx, gid('Collection', c.id)),
  };
}

function mediaStatus(ctx: Ctx, m: MediaRec): MediaRec['status'] | 'UPLOADED' {
  // Processing is asynchronous on Shopify: UPLOADED in the creating request, READY (or FAILED) afterwards.
  return ctx.state.requestSeq > m.createdSeq ? m.status : 'UPLOADED';
}

function imageOf(ctx: Ctx, m: MediaRec) {
  const ready = mediaStatus(ctx, m) === 'READY';
  return ready ? { id: gid('ImageSource', m.id), url: () => m.url, altText: m.alt, width: 800, height: 800, originalSrc: m.url, src: m.url, thumbhash: null } : null;
}

export function mediaView(ctx: Ctx, m: MediaRec) {
  const status = mediaStatus(ctx, m);
  return {
    __typename: 'MediaImage',
    id: gid('MediaImage', m.id),
    alt: m.alt,
    mediaContentType: 'IMAGE',
    status,
    fileStatus: status,
    mimeType: m.mimeType,
    createdAt: iso(m.createdAt),
    updatedAt: iso(m.updatedAt),
    get image() { return imageOf(ctx, m); },
    originalSource: { url: m.originalSource, fileSize: m.size },
    preview: { status: status === 'READY' ? 'READY' : status === 'FAILED' ? 'FAILED' : 'PROCESSING', get image() { return imageOf(ctx, m); } },
    mediaErrors: status === 'FAILED' ? [{ code: 'MEDIA_UNAVAILABLE', details: m.failure, message: m.failure ?? 'File could not be processed.' }] : [],
    fileErrors: status === 'FAILED' ? [{ code: 'MEDIA_UNAVAILABLE', details: m.failure, message: m.failure ?? 'File could not be processed.' }] : [],
    mediaWarnings: [],
    ...metafieldFields(ctx, gid('MediaImage', m.id)),
  };
}

