/**
 * In-memory shop behind the Shopify simulator. Amounts are decimal strings (Shopify's Money and
 * Decimal scalars), never floats; dates come from the simulator's clock.
 */
import type { Clock } from './bucket.js';
import { gid } from './ids.js';

export type ProductStatus = 'ACTIVE' | 'ARCHIVED' | 'DRAFT';

export interface ShopSettings {
  name: string;
  myshopifyDomain: string;
  email: string;
  currencyCode: string;
  taxesIncluded: boolean;
  taxShipping: boolean;
  ianaTimezone: string;
  weightUnit: 'KILOGRAMS' | 'GRAMS' | 'POUNDS' | 'OUNCES';
  countryCode: string;
}

export interface LocationRec {
  id: number; name: string; isActive: boolean; fulfillsOnlineOrders: boolean;
  address: { address1: string; city: string; zip: string; countryCode: string };
  createdAt: Date; updatedAt: Date;
}

export interface OptionRec { id: number; name: string; position: number; values: { id: number; name: string }[] }

export interface ProductRec {
  id: number; title: string; handle: string; descriptionHtml: string; vendor: string; productType: string;
  status: ProductStatus; tags: string[]; options: OptionRec[]; variantIds: number[];
  seo: { title: string | null; description: string | null }; templateSuffix: string | null;
  mediaIds: number[]; createdAt: Date; updatedAt: Date; publishedAt: Date | null;
}

export interface VariantRec {
  id: number; productId: number; sku: string | null; barcode: string | null; price: string; compareAtPrice: string | null;
  position: number; inventoryItemId: number; selectedOptions: { name: string; value: string }[];
  inventoryPolicy: 'DENY' | 'CONTINUE'; taxable: boolean; mediaId: number | null; createdAt: Date; updatedAt: Date;
}

/** Quantity names of a level; on_hand is derived (available + committed + reserved + damaged + safety_stock + quality_control). */
export const QUANTITY_NAMES = ['available', 'committed', 'reserved', 'damaged', 'safety_stock', 'quality_control', 'incoming'] as const;
export type QuantityName = (typeof QUANTITY_NAMES)[number] | 'on_hand';

export interface LevelRec { id: number; inventoryItemId: number; locationId: number; quantities: Record<(typeof QUANTITY_NAMES)[number], number>; createdAt: Date; updatedAt: Date }

export interface InventoryItemRec {
  id: number; variantId: number; tracked: boolean; cost: string | null; requiresShipping: boolean;
  weight: { unit: string; value: number } | null; countryCodeOfOrigin: string | null; harmonizedSystemCode: string | null;
  createdAt: Date; updatedAt: Date;
}

export interface CollectionRec {
  id: number; title: string; handle: string; descriptionHtml: string; productIds: number[]; sortOrder: string;
  /** An automated (smart) collection, made by a test as a merchant does in the admin: `collection_type:smart`. */
  smart?: boolean;
  seo: { title: string | null; description: string | null }; createdAt: Date; updatedAt: Date;
}

/**
 * A metafield definition; adminFilterable lets the owner's search filter on its value once
 * filterStatus is FILTERABLE (Shopify indexes the existing values first: IN_PROGRESS, or FAILED).
 */
export interface MetafieldDefinitionRec {
  id: number; ownerType: string; namespace: string; key: string; name: string; type: string; adminFilterable: boolean;
  filterStatus: 'FILTERABLE' | 'IN_PROGRESS' | 'FAILED'; createdAt: Date;
}

/** A price list (of a B2B catalogue): fixed prices by variant id, amounts as decimal strings in its currency. */
export interface PriceListRec { id: number; name: string; currency: string; fixed: Map<number, { price: string; compareAtPrice: string | null }> }

export interface MetafieldRec { id: number; ownerId: string; namespace: string; key: string; type: string; value: string; createdAt: Date; updatedAt: Date }

export interface MediaRec {
  id: number; alt: string | null; originalSource: string; mimeType: string | null; filename: string | null;
  /** Where the processed image is served (the simulator's /cdn/ path), its size in bytes. */
  url: string; size: number | null;
  /** Final status once processed; the creating request still sees UPLOADED. */
  status: 'READY' | 'FAILED'; failure: string | null;
  createdSeq: number; productIds: number[]; createdAt: Date; updatedAt: Date;
}

export interface AddressRec {
  id: number; firstName: string | null; lastName: string | null; company: string | null; address1: string | null; address2: string | null;
  city: string | null; zip: string | null; provinceCode: string | null; countryCode: string | null; phone: string | null;
}

export interface CustomerRec {
  id: number; firstName: string | null; lastName: string | null; email: string | null; phone: string | null; note: string | null;
  tags: string[]; taxExempt: boolean; addresses: AddressRec[]; defaultAddressId: number | null; locale: string;
  emailMarketingState: string; emailMarketingOptInLevel: string | null; emailConsentUpdatedAt: Date | null;
  state: 'DISABLED' | 'ENABLED' | 'INVITED' | 'DECLINED'; createdAt: Date; updatedAt: Date;
}

export interface TaxLineRec { title: string; rate: string; price: string }

export interface LineItemRec {
  id: number; title: string; variantTitle: string | null; sku: string | null; vendor: string | null; quantity: number;
  variantId: number | null; productId: number | null; originalUnitPrice: string; discountedUnitPrice: string;
  /** Total of the line's discount allocations. */
  discount: string; taxLines: TaxLineRec[]; taxable: boolean; requiresShipping: boolean;
  discountAllocations: { amount: string; applicationIndex: number }[];
}

export interface ShippingLineRec {
  id: number; title: string; code: string | null; originalPrice: string; discountedPrice: string; taxLines: TaxLineRec[];
  discountAllocations: { amount: string; applicationIndex: number }[];
}

export interface DiscountApplicationRec { code: string | null; title: string; valueType: 'FIXED_AMOUNT' | 'PERCENTAGE'; value: string; allocationMethod: 'ACROSS' | 'EACH'; targetType: 'LINE_ITEM' | 'SHIPPING_LINE' }

export interface RefundRec { id: number; note: string | null; createdAt: Date; total: string; lines: { lineItemId: number; quantity: number; subtotal: string }[] }

export interface FulfillmentOrderRec {
  id: number; orderId: number; locationId: number; status: 'OPEN' | 'IN_PROGRESS' | 'ON_HOLD' | 'CLOSED' | 'CANCELLED';
  lineItems: { id: number; lineItemId: number; totalQuantity: number; remainingQuantity: number }[]; createdAt: Date; updatedAt: Date;
}

export interface FulfillmentRec {
  id: number; orderId: number; name: string; status: 'SUCCESS' | 'CANCELLED'; locationId: number;
  tracking: { company: string | null; number: string | null; url: string | null }[];
  /** Shipping e-mails Shopify would have sent the customer (notifyCustomer on creation and on tracking updates). */
  customerNotifications: number;
  lines: { lineItemId: number; quantity: number }[]; createdAt: Date; updatedAt: Date;
}

export interface OrderRec {
  id: number; number: number; name: string; email: string | null; phone: string | null;
  createdAt: Date; processedAt: Date; updatedAt: Date; closedAt: Date | null; cancelledAt: Date | null; cancelReason: string | null;
  currencyCode: string; taxesIncluded: boolean;
  displayFinancialStatus: 'PENDING' | 'AUTHORIZED' | 'PARTIALLY_PAID' | 'PAID' | 'PARTIALLY_REFUNDED' | 'REFUNDED' | 'VOIDED' | 'EXPIRED';
  customerId: number | null; billingAddress: AddressRec | null; shippingAddress: AddressRec | null;
  note: string | null; tags: string[]; poNumber: string | null;
  lineItems: LineItemRec[]; shippingLines: ShippingLineRec[]; discountApplications: DiscountApplicationRec[]; discountCodes: string[];
  subtotalPrice: string; totalTax: string; totalShippingPrice: string; totalDiscounts: string; totalPrice: string;
  refunds: RefundRec[]; fulfillmentOrderIds: number[]; fulfillmentIds: number[]; gateway: string;
}

export interface WebhookSubscriptionRec {
  id: number; topic: string; uri: string; format: 'JSON' | 'XML'; includeFields: string[]; filter: string | null; createdAt: Date; updatedAt: Date;
}

export interface BulkOperationRec {
  id: number; type: 'QUERY' | 'MUTATION'; status: 'CREATED' | 'RUNNING' | 'COMPLETED' | 'FAILED' | 'CANCELED' | 'CANCELING' | 'EXPIRED';
  query: string; stagedUploadPath: string | null; clientIdentifier: string | null;
  createdAt: Date; completedAt: Date | null; objectCount: number; rootObjectCount: number; fileSize: number | null;
  url: string | null; partialDataUrl: string | null; errorCode: 'ACCESS_DENIED' | 'INTERNAL_SERVER_ERROR' | 'TIMEOUT' | null;
  /** Polls left in RUNNING before completion. */
  runningPolls: number;
  /** A failure injected for this operation. */
  failWith: 'ACCESS_DENIED' | 'INTERNAL_SERVER_ERROR' | 'TIMEOUT' | null;
  /** Lines of a mutation applied before the injected failure (none when null). */
  failAfterLines: number | null;
}

export interface StagedUploadRec { key: string; resource: string; filename: string; mimeType: string; httpMethod: 'POST' | 'PUT'; data: Buffer | null; uploadedAt: Date | null }

export interface ProductOperationRec { id: number; status: 'CREATED' | 'ACTIVE' | 'COMPLETE'; productId: number | null; userErrors: { field: string[] | null; message: string; code: string | null }[] }

export interface WebhookDeliveryRec {
  subscriptionId: number; topic: string; uri: string; webhookId: string; eventId: string; headers: Record<string, string>;
  body: string; status: number | null; error?: string; at: Date;
}

export class ShopifyState {
  readonly locations = new Map<number, LocationRec>();
  readonly products = new Map<number, ProductRec>();
  readonly variants = new Map<number, VariantRec>();
  readonly inventoryItems = new Map<number, InventoryItemRec>();
  /** key `${inventoryItemId}:${locationId}` */
  readonly levels = new Map<string, LevelRec>();
  readonly collections = new Map<number, CollectionRec>();
  readonly metafields = new Map<number, MetafieldRec>();
  readonly media = new Map<number, MediaRec>();
  readonly customers = new Map<number, CustomerRec>();
  readonly orders = new Map<number, OrderRec>();
  readonly fulfillmentOrders = new Map<number, FulfillmentOrderRec>();
  readonly fulfillments = new Map<number, FulfillmentRec>();
  readonly webhookSubscriptions = new Map<number, WebhookSubscriptionRec>();
  readonly webhookDeliveries: WebhookDeliveryRec[] = [];
  readonly bulkOperations = new Map<number, BulkOperationRec>();
  /** Result files of bulk operations, by path under /bulk/. */
  readonly bulkFiles = new Map<string, string>();
  readonly stagedUploads = new Map<string, StagedUploadRec>();
  readonly productOperations = new Map<number, ProductOperationRec>();
  readonly metafieldDefinitions = new Map<number, MetafieldDefinitionRec>();
  /** Test switch: the filter status a definition created with filtering reports (Shopify still indexing: IN_PROGRESS). */
  newDefinitionFilterStatus: MetafieldDefinitionRec['filterStatus'] = 'FILTERABLE';
  /** Inventory adjustment groups, returned by inventorySetQuantities. */
  readonly adjustmentGroups = new Map<number, { id: number; reason: string; referenceDocumentUri: string | null; createdAt: Date; changes: { inventoryItemId: number; locationId: number; name: string; delta: number; quantityAfterChange: number }[] }>();
  /** Media bytes (from staged uploads), by media id. */
  readonly mediaData = new Map<number, { data: Buffer; mimeType: string }>();
  readonly priceLists = new Map<number, PriceListRec>();
  /** Whether the shop has B2B (shop.entitlements.b2b.enabled): price lists take fixed prices only then. */
  b2b = false;
  /** A failure to give the next bulk operation created (fault injection). */
  nextBulkFailure: BulkOperationRec['errorCode'] = null;
  /** Which operation it hits (the first whose document holds this text; any when null), after how many applied lines. */
  nextBulkFailureFor: { mutation: string | null; afterLines: number | null } = { mutation: null, afterLines: null };
  /** Requests served so far (asynchronous processing is observed one request later). */
  requestSeq = 0;
  // Indexes kept by the setters below (big catalogues: the bench runs 20,000 articles).
  private readonly handleIndex = new Map<string, number>();
  private readonly skuIndex = new Map<string, Set<number>>();
  private readonly levelsByItem = new Map<number, LevelRec[]>();
  private readonly metafieldsByOwner = new Map<string, Set<number>>();
  private nextId = 1_000_001;
  private nextOrderNumber = 1001;

  constructor(readonly shop: ShopSettings, private readonly clock: Clock) {}

  now(): Date {
    return new Date(Math.floor(this.clock.now() / 1000) * 1000);
  }

  /** Ids increase across all resources (Shopify's are large and unique per type; one sequence keeps them readable). */
  id(): number {
    return this.nextId++;
  }

  orderNumber(): number {
    return this.nextOrderNumber++;
  }

  level(inventoryItemId: number, locationId: number): LevelRec | undefined {
    return this.levels.get(`${inventoryItemId}:${locationId}`);
  }

  /** Stocks an item at a location (inventoryActivate), zero quantities. */
  activate(inventoryItemId: number, locationId: number): LevelRec {
    const existing = this.level(inventoryItemId, locationId);
    if (existing) return existing;
    const now = this.now();
    const rec: LevelRec = {
      id: this.id(), inventoryItemId, locationId, createdAt: now, updatedAt: now,
      quantities: { available: 0, committed: 0, reserved: 0, damaged: 0, safety_stock: 0, quality_control: 0, incoming: 0 },
    };
    this.levels.set(`${inventoryItemId}:${locationId}`, rec);
    const list = this.levelsByItem.get(inventoryItemId);
    if (list) list.push(rec);
    else this.levelsByItem.set(inventoryItemId, [rec]);
    return rec;
  }

  quantity(level: LevelRec, name: QuantityName): number {
    const q = level.quantities;
    if (name === 'on_hand') return q.available + q.committed + q.reserved + q.damaged + q.safety_stock + q.quality_control;
    return q[name];
  }

  /** Sets `available` or `on_hand` (the other follows: on_hand = available + the unavailable quantities). Returns the delta. */
  setQuantity(level: LevelRec, name: 'available' | 'on_hand', quantity: number): number {
    const delta = quantity - this.quantity(level, name);
    level.quantities.available += delta;
    level.updatedAt = this.now();
    return delta;
  }

  levelsOfItem(inventoryItemId: number): LevelRec[] {
    return this.levelsByItem.get(inventoryItemId) ?? [];
  }

  metafieldsOf(ownerId: string): MetafieldRec[] {
    return [...(this.metafieldsByOwner.get(ownerId) ?? [])].map((id) => this.metafields.get(id)!);
  }

  findMetafield(ownerId: string, namespace: string, key: string): MetafieldRec | undefined {
    return this.metafieldsOf(ownerId).find((m) => m.namespace === namespace && m.key === key);
  }

  deleteMetafield(id: number): void {
    const m = this.metafields.get(id);
    if (!m) return;
    this.metafields.delete(id);
    this.metafieldsByOwner.get(m.ownerId)?.delete(id);
  }

  /** Creates or updates a metafield (value and type). */
  putMetafield(ownerId: string, namespace: string, key: string, type: string, value: string): MetafieldRec {
    const now = this.now();
    const existing = this.findMetafield(ownerId, namespace, key);
    if (existing) {
      existing.value = value;
      existing.type = type;
      existing.updatedAt = now;
      return existing;
    }
    const rec: MetafieldRec = { id: this.id(), ownerId, namespace, key, type, value, createdAt: now, updatedAt: now };
    this.metafields.set(rec.id, rec);
    const owned = this.metafieldsByOwner.get(ownerId);
    if (owned) owned.add(rec.id);
    else this.metafieldsByOwner.set(ownerId, new Set([rec.id]));
    return rec;
  }

  deleteMetafieldsOf(ownerId: string): void {
    for (const id of [...(this.metafieldsByOwner.get(ownerId) ?? [])]) this.metafields.delete(id);
    this.metafieldsByOwner.delete(ownerId);
  }

  /** Variants with this SKU (case-insensitive, as Shopify's search), oldest first. */
  variantsBySku(sku: string): VariantRec[] {
    return [...(this.skuIndex.get(sku.toLowerCase()) ?? [])].map((id) => this.variants.get(id)!).sort((a, b) => a.id - b.id);
  }

  variantBySku(sku: string): VariantRec | undefined {
    return this.variantsBySku(sku).find((v) => v.sku === sku) ?? this.variantsBySku(sku)[0];
  }

  setSku(v: VariantRec, sku: string | null): void {
    if (v.sku !== null) this.skuIndex.get(v.sku.toLowerCase())?.delete(v.id);
    v.sku = sku;
    if (sku !== null) {
      const set = this.skuIndex.get(sku.toLowerCase());
      if (set) set.add(v.id);
      else this.skuIndex.set(sku.toLowerCase(), new Set([v.id]));
    }
  }

  productByHandle(handle: string): ProductRec | undefined {
    const id = this.handleIndex.get(handle);
    return id === undefined ? undefined : this.products.get(id);
  }

  setHandle(p: ProductRec, handle: string): void {
    if (this.handleIndex.get(p.handle) === p.id) this.handleIndex.delete(p.handle);
    p.handle = handle;
    this.handleIndex.set(handle, p.id);
  }

  /** A handle free among products (title → handle as Shopify makes them, suffixed -1, -2… when taken). */
  freeHandle(base: string, taken: (h: string) => boolean): string {
    const root = handleize(base) || 'product';
    if (!taken(root)) return root;
    for (let i = 1; ; i++) if (!taken(`${root}-${i}`)) return `${root}-${i}`;
  }

  productsOfCollection(collectionId: number): ProductRec[] {
    const c = this.collections.get(collectionId);
    return c ? c.productIds.map((id) => this.products.get(id)).filter((p): p is ProductRec => !!p) : [];
  }

  collectionsOfProduct(productId: number): CollectionRec[] {
    return [...this.collections.values()].filter((c) => c.productIds.includes(productId));
  }

  deleteProduct(productId: number): void {
    const p = this.products.get(productId);
    if (!p) return;
    for (const vid of p.variantIds) this.deleteVariant(vid);
    for (const c of this.collections.values()) c.productIds = c.productIds.filter((id) => id !== productId);
    this.deleteMetafieldsOf(gid('Product', productId));
    if (this.handleIndex.get(p.handle) === productId) this.handleIndex.delete(p.handle);
    this.products.delete(productId);
  }

  deleteVariant(variantId: number): void {
    const v = this.variants.get(variantId);
    if (!v) return;
    for (const l of this.levelsOfItem(v.inventoryItemId)) this.levels.delete(`${l.inventoryItemId}:${l.locationId}`);
    this.levelsByItem.delete(v.inventoryItemId);
    this.setSku(v, null);
    this.inventoryItems.delete(v.inventoryItemId);
    this.deleteMetafieldsOf(gid('ProductVariant', variantId));
    this.variants.delete(variantId);
    const p = this.products.get(v.productId);
    if (p) p.variantIds = p.variantIds.filter((id) => id !== variantId);
  }
}

/** Shopify's handle from a title: lower case, accents dropped, non-alphanumerics to single dashes. */
export function handleize(s: string): string {
  return s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}
