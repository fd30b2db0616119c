/**
 * The shop port for the catalogue and customer actions: what the engine asks of
 * any shop, in domain terms (drafts in, shop ids out). Each adapter declares what
 * its platform can carry as capabilities; the engine skips the rest with a journal
 * line instead of failing.
 */
import type { IsoDate, VatCode } from '../gescom/model.js';
import type { CustomerDraft, CustomerGroupDraft, PriceDraft, ProductDraft, StockDraft, VariationDraft } from '../sync/drafts.js';
import type { ShopAddress, ShopOrder } from '../sync/orders/shop-order.js';
import type { CanonicalOrderState, OrderStatusForms } from '../sync/orders/order-status.js';
import type { Lang, Text } from '../i18n/catalogue.js';

export interface ShopCapabilities {
  /** How the platform holds customer groups: natively, through a plugin, as tags, or not at all. */
  customerGroups: 'native' | 'plugin' | 'tags' | 'none';
  batchSize: { products: number; variations: number; customers: number; categories: number };
  variations: boolean;
  groupPrices: boolean;
  documents: boolean;
  packs: boolean;
  /**
   * Canonical order states in which the shop has already taken the ordered quantities out of its
   * stock: a reconciliation subtracts those orders not imported yet, so it never oversells.
   */
  stockReducingOrderStatuses: CanonicalOrderState[];
}

export interface ConnectionReport {
  ok: boolean;
  /** One line per check, rendered in the reader's language. */
  checks: { name: string; ok: boolean; message: string | Text }[];
  /**
   * What the shop told about itself. Keys the money check reads (src/actions/money-check.ts):
   * `currency` (ISO 4217), `pricesIncludeTax` and `calcTaxes` ('yes' / 'no').
   */
  info: Record<string, string>;
}

export interface ShopCategory {
  id: string;
  name: string;
  parentId: string | null;
  slug: string;
}

export interface ShopProductRef {
  id: string;
  sku: string;
  kind: 'simple' | 'variable' | 'variation' | 'other';
  /** For a variation, its parent product. */
  parentId: string | null;
}

/** The aspects of a product one action writes; an update only carries these. */
export type ProductAspect = 'all' | 'price' | 'stock' | 'status';

export interface ProductWrite {
  draft: ProductDraft;
  /** null creates; otherwise updates this shop product. */
  shopId: string | null;
  aspects: ProductAspect;
  /** Shop category ids already resolved for the draft's paths and extra categories. */
  categoryIds: string[];
  /** Shop ids of linked products already resolved. */
  linkedIds: string[];
  /**
   * ART-13: the draft's components as shop products (a variation as its product and variation
   * ids); absent when the draft is no pack or one of its components is not in the shop yet.
   */
  packItems?: { productId: string; variationId: string | null; quantity: string }[];
}

export interface VariationWrite {
  draft: VariationDraft;
  shopId: string | null;
  aspects: ProductAspect;
}

/** A stock, price or status update of one product or variation already in the shop. */
export interface AspectWrite {
  /** GesCom article code. */
  key: string;
  /** Product id, or the variation's id with its parent. */
  target: { productId: string; variationId: string | null };
  stock?: StockDraft & { weight: string | null; barcode: string | null; warrantyMonths: number | null };
  price?: PriceDraft;
  status?: { active: boolean; outOfStock: boolean };
}

export interface ItemResult {
  /** The GesCom key the item was written for. */
  key: string;
  ok: boolean;
  shopId: string | null;
  created: boolean;
  /** The shop's own message when the item failed, or ours (a text) when the shop gave none. */
  error: string | Text | null;
  /** A creation refused because another shop product already holds the SKU: that product's id. */
  skuHeldBy?: string;
}

/**
 * What the shop holds for the fields a stock, price or status run writes, in no
 * platform's terms: read back by a reconciliation and compared with what the
 * GesCom says the shop should hold.
 */
export interface ShopProductState {
  /** Product id, or "parentId/variationId" for a variation (as variation bindings store it). */
  shopId: string;
  sku: string;
  kind: ShopProductRef['kind'];
  /** null: stock not managed by the shop. */
  quantity: number | null;
  /** Per location (keyed as the profile names them), when the profile maps depots to locations; null: not stocked there. */
  locations?: Record<string, number | null>;
  /**
   * Spellings of the profile that name the same shop location as an earlier one (spelling -> the key
   * `locations` holds it under): the shop holds one quantity for them, the sum of theirs.
   */
  sameLocationAs?: Record<string, string>;
  /** Decimal strings as the shop gave them; '' when the shop has no price. */
  regularPrice: string;
  salePrice: string;
  active: boolean;
  outOfStock: boolean;
}

/** A shop customer as held by the shop, for the fields the update switches name; undefined = the shop does not expose it. */
export interface ShopCustomerState {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  billing: ShopAddress | null;
  shipping: ShopAddress | null;
  /** Customer group name as the shop holds it (null: none); undefined when unreadable. */
  group?: string | null;
}

export interface ShopCustomerRef {
  id: string;
  email: string;
}

export interface CustomerWrite {
  draft: CustomerDraft;
  shopId: string | null;
}

/** A registered customer without any order (a prospect for the GesCom, CLI-04). */
export interface ShopProspect {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  company: string;
  billing: ShopAddress;
  /** null when the customer has no shipping address. */
  shipping: ShopAddress | null;
  createdAt: IsoDate;
  modifiedAt: IsoDate;
}

/** What the way back sends with the status (CMD-13). */
export interface StatusBackOptions {
  /** The GesCom document number, stored on the order. */
  documentNumber: string;
  /** A note for the merchant (or the customer, with notifyCustomer, where the platform mails notes). */
  note?: string;
  notifyCustomer: boolean;
  /**
   * The parcel's tracking number of the GesCom document, when it has one: carried the platform's
   * way (Shopify: the fulfilment's tracking; PrestaShop: the order carrier's tracking number;
   * WooCommerce, whose core has no tracking field: a line of the order note).
   */
  trackingNumber?: string;
  /** The carrier the document names; an adapter may fall back on its own option. */
  trackingCompany?: string;
  /**
   * The parcel's tracking link, from the profile's templates (orderStatus.trackingUrls, see
   * src/sync/orders/tracking-url.ts); only with a tracking number. Undefined: none configured, the
   * platform builds its own where it can.
   */
  trackingUrl?: string;
}

/**
 * Orders of the shop (CMD-01, CMD-13, CLI-04), read as canonical ShopOrders. `ownStatus` tells
 * how the platform spells its statuses, so that shared code matches a profile's status with
 * statusMatches (src/sync/orders/order-status.ts) without knowing the platform.
 */
export interface OrderSource extends OrderStatusForms {
  /**
   * `statuses`: what a profile names (raw shop statuses or canonical state names, as statusMatches
   * reads them); `states`: canonical states shared code asks for. An order matching one of either
   * is given; neither given: every order.
   */
  orders(filter: { after?: IsoDate; before?: IsoDate; modifiedAfter?: IsoDate; statuses?: string[]; states?: readonly CanonicalOrderState[] }): AsyncIterable<ShopOrder[]>;
  order(id: string): Promise<ShopOrder | null>;
  /**
   * Sets the shop status (a raw status of the platform, or a canonical state name for which the
   * adapter picks its own status), stores the GesCom document number on the order and, when given,
   * the parcel's tracking number.
   */
  setStatus(id: string, status: string, o: StatusBackOptions): Promise<unknown>;
  /**
   * The carrier the adapter declares on a parcel whose document names none (Shopify:
   * shop.shopify.trackingCompany), so that the tracking link is the one of that carrier.
   */
  readonly defaultCarrier?: string;
  /** Shop customers who never ordered, created or changed since the date (prospects). */
  customersWithoutOrders(since: IsoDate): AsyncIterable<ShopProspect[]>;
}

/** One thing the shop holds, as a mapping grid offers it: the value stored in the profile and what a person reads. */
export interface ShopReferenceItem {
  id: string;
  label: string;
  /** A tax rate's percentage ("20", "5.5"), for the order tax mapping (name + rate). */
  rate?: string;
  /** A tax rate's name as orders carry it in their tax lines. */
  name?: string;
}

/**
 * What the shop holds for the profile's mapping grids (PRF-09 UI). A list the platform has no
 * notion of is absent (the grid then takes free text), never empty.
 */
export interface ShopReferenceLists {
  /** Product tax classes or rule groups (articles.taxes.mapping). */
  taxClasses?: ShopReferenceItem[];
  /** Tax rates as orders carry them (orders.mappings.taxes). */
  taxes?: ShopReferenceItem[];
  paymentMethods?: ShopReferenceItem[];
  orderStatuses?: ShopReferenceItem[];
  carriers?: ShopReferenceItem[];
  customerGroups?: ShopReferenceItem[];
  countries?: ShopReferenceItem[];
  zones?: ShopReferenceItem[];
  currencies?: ShopReferenceItem[];
}

export interface ShopPort {
  readonly kind: string;
  readonly capabilities: ShopCapabilities;
  testConnection(): Promise<ConnectionReport>;

  categories(): Promise<ShopCategory[]>;
  /** Creates categories (all under already existing parents); results keyed by the given keys. */
  createCategories(items: { key: string; name: string; parentId: string | null }[]): Promise<ItemResult[]>;
  updateCategories(items: { key: string; id: string; name: string; parentId: string | null }[]): Promise<ItemResult[]>;

  /** Finds products and variations by SKU (several SKUs per request). */
  findProductsBySku(skus: string[]): Promise<Map<string, ShopProductRef>>;
  writeProducts(items: ProductWrite[]): Promise<ItemResult[]>;
  /** Variations of one parent product. */
  findVariations(parentId: string): Promise<Map<string, ShopProductRef>>;
  writeVariations(parentId: string, parent: ProductDraft, items: VariationWrite[]): Promise<ItemResult[]>;
  /** Stock, price or status updates, batched by the adapter (products together, variations per parent). */
  writeAspects(items: AspectWrite[]): Promise<ItemResult[]>;
  /**
   * Reconciliation: every product and variation with the fields aspect runs write, read in
   * pages the cheap way the platform allows. Absent when the platform cannot (the run says so).
   */
  productStates?(): AsyncIterable<ShopProductState[]>;
  /**
   * Takes simple products out of the way of variations that need their SKUs (articles grouped
   * after being exported alone): hidden, SKU freed, nothing deleted. Results keyed by the given keys.
   */
  retireProducts?(items: { key: string; shopId: string; sku: string }[]): Promise<ItemResult[]>;

  /** Customer groups (CLI-02), when the platform or its plugin holds them. */
  customerGroups(): Promise<Map<string, string>>;
  writeCustomerGroups(items: CustomerGroupDraft[]): Promise<ItemResult[]>;

  findCustomersByEmail(emails: string[]): Promise<Map<string, ShopCustomerRef>>;
  writeCustomers(items: CustomerWrite[], options: { newOnly: boolean }): Promise<ItemResult[]>;
  /** Reconciliation: the shop's customers as it holds them, in pages; absent when the platform cannot. */
  customerStates?(): AsyncIterable<ShopCustomerState[]>;
  /** CLI-03: customers that must not log in or order any more. */
  disableCustomers(items: { key: string; shopId: string; email: string }[]): Promise<ItemResult[]>;

  /** The shop's orders, when the adapter reads them. */
  orderSource(): OrderSource | null;

  /**
   * ART-04 (check): the GesCom VAT codes the shop has no tax class for, whose articles are refused
   * rather than sold at another rate. Absent when the platform sets no tax per product.
   */
  vatCodesWithoutTaxClass?(vatCodes: readonly VatCode[]): Promise<VatCode[]>;

  /** Reference data for the mapping grids, labels in `lang` where the platform has them; absent when the adapter cannot list them. */
  referenceLists?(lang: Lang): Promise<ShopReferenceLists>;

  /** Requests sent so far (for the summary and the benchmark). */
  stats(): { requests: number; writeRequests: number };
}
