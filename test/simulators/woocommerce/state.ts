/**
 * In-memory state of the WooCommerce simulator: records shaped like WooCommerce's own objects
 * (strings for money and options, as WooCommerce stores them), id counters that reproduce a fresh
 * WordPress install (posts from 404, terms from 16, users from 2, comments from 2…) so that replaying
 * the recorded fixture requests gives the recorded ids, and a controllable clock.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { clone, decodeEntities } from './php.js';

export interface MetaRec { id: number; key: string; value: unknown }

export interface Dimensions { length: string; width: string; height: string }

/** Product attribute on a parent product. Taxonomy attributes keep term ids, local ones plain options. */
export interface ProductAttributeRec {
  id: number; // 0 = local (custom) attribute
  name: string; // label for local attributes; for taxonomy ones the attribute label is read live
  position: number;
  visible: boolean;
  variation: boolean;
  termIds: number[]; // taxonomy attribute
  options: string[]; // local attribute
}

/** Variation attribute (and default attribute): taxonomy -> term slug, local -> the option as given. */
export interface VariationAttributeRec { id: number; name: string; option: string }

export type ProductType = 'simple' | 'grouped' | 'external' | 'variable' | 'variation';

export interface ProductRec {
  id: number;
  parentId: number;
  type: ProductType;
  name: string;
  slug: string;
  status: string;
  featured: boolean;
  catalogVisibility: string;
  description: string;
  shortDescription: string;
  sku: string;
  globalUniqueId: string;
  regularPrice: string;
  salePrice: string;
  dateOnSaleFrom: Date | null;
  dateOnSaleTo: Date | null;
  totalSales: number;
  virtual: boolean;
  downloadable: boolean;
  downloads: unknown[];
  downloadLimit: number;
  downloadExpiry: number;
  externalUrl: string;
  buttonText: string;
  taxStatus: string;
  taxClass: string; // '' standard, slug, or 'parent' (variations)
  manageStock: boolean;
  stockQuantity: number | null;
  stockStatus: string; // stored status, used when stock is not managed
  backorders: string;
  lowStockAmount: number | null;
  soldIndividually: boolean;
  weight: string;
  dimensions: Dimensions;
  shippingClass: string;
  reviewsAllowed: boolean;
  averageRating: string;
  ratingCount: number;
  upsellIds: number[];
  crossSellIds: number[];
  purchaseNote: string;
  categoryIds: number[];
  tagIds: number[];
  brandIds: number[];
  imageIds: number[]; // products: [featured, ...gallery]; variations: [image] or []
  attributes: ProductAttributeRec[];
  variationAttributes: VariationAttributeRec[]; // variations only
  defaultAttributes: VariationAttributeRec[];
  groupedProducts: number[];
  menuOrder: number;
  metaData: MetaRec[];
  postPassword: string;
  dateCreated: Date;
  dateModified: Date;
}

export interface TermRec {
  id: number;
  taxonomy: string; // product_cat, product_tag, pa_xxx
  name: string;
  slug: string;
  parent: number;
  description: string;
  display: string;
  imageId: number | null;
  menuOrder: number;
}

export interface AttributeRec { id: number; name: string; slug: string; type: string; orderBy: string; hasArchives: boolean }

export interface AddressRec {
  first_name: string; last_name: string; company: string; address_1: string; address_2: string;
  city: string; state: string; postcode: string; country: string; email?: string; phone: string;
}

export interface CustomerRec {
  id: number;
  email: string;
  firstName: string;
  lastName: string;
  role: string;
  username: string;
  password: string;
  billing: AddressRec;
  shipping: AddressRec;
  isPayingCustomer: boolean;
  metaData: MetaRec[];
  dateCreated: Date;
  dateModified: Date;
}

export interface CouponRec {
  id: number;
  code: string;
  amount: string;
  status: string;
  discountType: string;
  description: string;
  dateExpires: Date | null;
  usageCount: number;
  individualUse: boolean;
  productIds: number[];
  excludedProductIds: number[];
  usageLimit: number | null;
  usageLimitPerUser: number | null;
  limitUsageToXItems: number | null;
  freeShipping: boolean;
  productCategories: number[];
  excludedProductCategories: number[];
  excludeSaleItems: boolean;
  minimumAmount: string;
  maximumAmount: string;
  emailRestrictions: string[];
  usedBy: string[];
  metaData: MetaRec[];
  dateCreated: Date;
  dateModified: Date;
}

export interface TaxRateRec {
  id: number; country: string; state: string; postcodes: string[]; cities: string[]; rate: string; name: string;
  priority: number; compound: boolean; shipping: boolean; order: number; class: string;
}

export interface TaxClassRec { slug: string; name: string }

export interface ItemMetaRec { id: number; key: string; value: string; displayKey?: string; displayValue?: string }

export interface TaxData { total: Record<string, string>; subtotal: Record<string, string> }

export interface OrderItemRec {
  id: number;
  type: 'line_item' | 'shipping' | 'fee' | 'tax' | 'coupon';
  name: string;
  meta: ItemMetaRec[];
  // line items
  productId?: number;
  variationId?: number;
  quantity?: number;
  taxClass?: string;
  subtotal?: string;
  subtotalTax?: string;
  total?: string;
  totalTax?: string;
  taxes?: TaxData;
  // shipping
  methodId?: string;
  instanceId?: string;
  taxStatus?: string;
  // fee
  amount?: string;
  // tax
  rateId?: number;
  rateCode?: string;
  label?: string;
  compound?: boolean;
  taxTotal?: string;
  shippingTaxTotal?: string;
  ratePercent?: number;
  // coupon
  code?: string;
  discount?: string;
  discountTax?: string;
  discountType?: string;
  nominalAmount?: number;
  freeShipping?: boolean;
}

export interface OrderNoteRec { id: number; orderId: number; author: string; date: Date; note: string; customerNote: boolean }

export interface OrderRec {
  id: number;
  parentId: number;
  status: string;
  currency: string;
  version: string;
  pricesIncludeTax: boolean;
  dateCreated: Date;
  dateModified: Date;
  discountTotal: string;
  discountTax: string;
  shippingTotal: string;
  shippingTax: string;
  cartTax: string;
  total: string;
  totalTax: string;
  customerId: number;
  orderKey: string;
  billing: AddressRec;
  shipping: AddressRec;
  paymentMethod: string;
  paymentMethodTitle: string;
  transactionId: string;
  customerIpAddress: string;
  customerUserAgent: string;
  createdVia: string;
  customerNote: string;
  dateCompleted: Date | null;
  datePaid: Date | null;
  cartHash: string;
  metaData: MetaRec[];
  items: OrderItemRec[];
  stockReduced: boolean;
  recordedSales: boolean;
  previousStatus?: string; // before trash
}

/**
 * A refund (WC_Order_Refund): an order-like record whose parent is the refunded order, with
 * negative item copies (quantity, totals and taxes) and tax lines built from them.
 */
export interface RefundRec extends OrderRec {
  /** Positive amount as set (wc_format_decimal of the request's amount). */
  amount: string;
  reason: string;
  refundedBy: number;
  refundedPayment: boolean;
}

export interface WebhookRec {
  id: number; name: string; status: string; topic: string; resource: string; event: string; hooks: string[];
  deliveryUrl: string; secret: string; dateCreated: Date; dateModified: Date | null; failureCount: number; apiVersion: string;
}

export interface WebhookDelivery {
  webhookId: number; topic: string; url: string; deliveryId: string; headers: Record<string, string>;
  body: string; status: number | null; error?: string; at: Date;
}

export interface MediaRec {
  id: number;
  title: string;
  alt: string;
  fileName: string;
  mimeType: string;
  sourceUrl: string; // URL the simulator serves the file under (src)
  originalSrc: string | null; // URL given in a product payload (sideloaded), null for uploads
  bytes: number;
  dateCreated: Date;
  dateModified: Date;
  parentId: number;
}

/** A setting: the recorded definition (key order kept, `value` included) and its group. */
export interface SettingRec { group: string; def: Record<string, unknown> }

export interface ShippingZoneRec { id: number; name: string; order: number; locations: { code: string; type: string }[] }
export interface ShippingMethodInstanceRec { instanceId: number; zoneId: number; methodId: string; order: number; enabled: boolean; settings: Record<string, string> }

export interface GatewayRec { id: string; data: Record<string, unknown> }

/** A map keyed by id with the small accessors tests use. */
export class Store<T extends { id: number }> {
  readonly map = new Map<number, T>();
  list(): T[] {
    return [...this.map.values()];
  }
  get(id: number): T | undefined {
    return this.map.get(id);
  }
  has(id: number): boolean {
    return this.map.has(id);
  }
  set(rec: T): T {
    this.map.set(rec.id, rec);
    return rec;
  }
  delete(id: number): boolean {
    return this.map.delete(id);
  }
  get size(): number {
    return this.map.size;
  }
  find(pred: (r: T) => boolean): T | undefined {
    for (const r of this.map.values()) if (pred(r)) return r;
    return undefined;
  }
  filter(pred: (r: T) => boolean): T[] {
    return this.list().filter(pred);
  }
  clear(): void {
    this.map.clear();
  }
}

/** Products with indexes by SKU, slug and parent (the simulator serves catalogues of 20 000+ items). */
export class ProductStore extends Store<ProductRec> {
  private readonly bySku = new Map<string, Set<number>>();
  private readonly bySlug = new Map<string, Set<number>>();
  private readonly byParent = new Map<number, Set<number>>();
  private readonly indexed = new Map<number, { sku: string; slug: string; parentId: number }>();

  private static add<K>(m: Map<K, Set<number>>, k: K, id: number): void {
    let set = m.get(k);
    if (!set) m.set(k, (set = new Set()));
    set.add(id);
  }
  private static remove<K>(m: Map<K, Set<number>>, k: K, id: number): void {
    const set = m.get(k);
    if (!set) return;
    set.delete(id);
    if (set.size === 0) m.delete(k);
  }
  private unindex(id: number): void {
    const old = this.indexed.get(id);
    if (!old) return;
    ProductStore.remove(this.bySku, old.sku, id);
    ProductStore.remove(this.bySlug, old.slug, id);
    ProductStore.remove(this.byParent, old.parentId, id);
    this.indexed.delete(id);
  }
  /** Call after changing the sku, slug or parent of a stored product. */
  reindex(p: ProductRec): void {
    this.unindex(p.id);
    if (!this.map.has(p.id)) return;
    if (p.sku !== '') ProductStore.add(this.bySku, p.sku, p.id);
    ProductStore.add(this.bySlug, p.slug, p.id);
    if (p.parentId) ProductStore.add(this.byParent, p.parentId, p.id);
    this.indexed.set(p.id, { sku: p.sku, slug: p.slug, parentId: p.parentId });
  }
  override set(rec: ProductRec): ProductRec {
    super.set(rec);
    this.reindex(rec);
    return rec;
  }
  override delete(id: number): boolean {
    this.unindex(id);
    return super.delete(id);
  }
  override clear(): void {
    super.clear();
    this.bySku.clear();
    this.bySlug.clear();
    this.byParent.clear();
    this.indexed.clear();
  }
  private pick(ids: Set<number> | undefined): ProductRec[] {
    return ids ? [...ids].map((id) => this.map.get(id)).filter((p): p is ProductRec => p !== undefined) : [];
  }
  withSku(sku: string): ProductRec[] {
    return this.pick(this.bySku.get(sku));
  }
  withSlug(slug: string): ProductRec[] {
    return this.pick(this.bySlug.get(slug));
  }
  childrenOf(parentId: number): ProductRec[] {
    return this.pick(this.byParent.get(parentId));
  }
}

export const DATA_DIR = resolveDataDir();

function resolveDataDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [path.join(here, 'data'), path.join(here.replace(/[\\/]dist[\\/]test[\\/]/, `${path.sep}test${path.sep}`), 'data')];
  for (const c of candidates) if (fs.existsSync(path.join(c, 'settings-general.json'))) return c;
  return candidates[0]!;
}

export function loadData<T>(file: string, site: string): T {
  const text = fs.readFileSync(path.join(DATA_DIR, file), 'utf8').split('{{SITE}}').join(site);
  return JSON.parse(text) as T;
}

/** The values the recording changed, at their state before the recording ("empty" seed). */
const FRESH_INSTALL_VALUES: Record<string, unknown> = {
  woocommerce_currency: 'USD',
  woocommerce_calc_taxes: 'no',
  woocommerce_prices_include_tax: 'no',
  woocommerce_tax_based_on: 'shipping',
  woocommerce_tax_display_shop: 'excl',
  woocommerce_tax_display_cart: 'excl',
};

export class WooState {
  readonly products = new ProductStore();
  readonly terms = new Store<TermRec>();
  readonly attributes = new Store<AttributeRec>();
  readonly customers = new Store<CustomerRec>();
  readonly coupons = new Store<CouponRec>();
  readonly orders = new Store<OrderRec>();
  readonly orderNotes = new Store<OrderNoteRec>();
  /** Refunds (their ids come from the post counter, like orders). */
  readonly refunds = new Store<RefundRec>();
  readonly taxes = new Store<TaxRateRec>();
  readonly taxClasses: TaxClassRec[] = [];
  readonly webhooks = new Store<WebhookRec>();
  readonly webhookDeliveries: WebhookDelivery[] = [];
  readonly media = new Store<MediaRec>();
  readonly mediaFiles = new Map<number, Buffer>();
  /** Upload paths in use (/wp-content/uploads/YYYY/MM/name), for unique file names. */
  readonly mediaPaths = new Set<string>();
  readonly shippingZones = new Store<ShippingZoneRec>();
  readonly shippingMethods: ShippingMethodInstanceRec[] = [];
  readonly gateways: GatewayRec[] = [];
  /** Settings by option id (group + definition from the recorded shop + current value). */
  readonly settings = new Map<string, SettingRec>();
  readonly settingGroups: Record<string, unknown>[];
  readonly shippingMethodTypes: Record<string, unknown>[];
  readonly flatRateTemplate: Record<string, unknown>;

  /** Id counters of a fresh WordPress + WooCommerce install (see the fixtures README). */
  readonly counters = {
    post: 404, term: 16, user: 2, comment: 2, attribute: 1, taxRate: 1, webhook: 1, orderItem: 1, itemMeta: 1,
    postMeta: 7100, orderMeta: 7290, userMeta: 30, shippingZone: 1, shippingInstance: 1,
  };

  /** Incremented by every write request (caches of derived data key on it). */
  writeVersion = 0;

  /** Fixed clock (tests, fixture replay) or null for the real time. */
  clock: Date | null = null;

  constructor(readonly site: string) {
    const general = loadData<Record<string, unknown>[]>('settings-general.json', site);
    const tax = loadData<Record<string, unknown>[]>('settings-tax.json', site);
    for (const [group, defs] of [['general', general], ['tax', tax]] as const) {
      for (const def of defs) {
        const d = clone(def);
        delete d._links;
        const id = String(d.id);
        if (id in FRESH_INSTALL_VALUES) d.value = FRESH_INSTALL_VALUES[id];
        this.settings.set(id, { group, def: d });
      }
    }
    this.settingGroups = loadData<Record<string, unknown>[]>('settings-groups.json', site);
    this.shippingMethodTypes = loadData<Record<string, unknown>[]>('shipping-methods.json', site);
    this.flatRateTemplate = loadData<Record<string, unknown>>('flat-rate-method.json', site);
    for (const g of loadData<Record<string, unknown>[]>('payment-gateways.json', site)) {
      const data = clone(g);
      delete data._links;
      // Fresh install: gateways disabled, default titles.
      data.enabled = false;
      const settings = data.settings as Record<string, Record<string, unknown>>;
      if (settings.title) settings.title.value = settings.title.default;
      data.title = settings.title?.default ?? data.title;
      this.gateways.push({ id: String(data.id), data });
    }
    this.terms.set({ id: 15, taxonomy: 'product_cat', name: 'Uncategorized', slug: 'uncategorized', parent: 0, description: '', display: 'default', imageId: null, menuOrder: 0 });
    this.taxClasses.push({ slug: 'standard', name: 'Standard rate' }, { slug: 'reduced-rate', name: 'Reduced rate' }, { slug: 'zero-rate', name: 'Zero rate' });
    this.shippingZones.set({ id: 0, name: 'Locations not covered by your other zones', order: 0, locations: [] });
  }

  now(): Date {
    return this.clock ? new Date(this.clock.getTime()) : new Date(Math.floor(Date.now() / 1000) * 1000);
  }

  nextId(counter: keyof WooState['counters']): number {
    return this.counters[counter]++;
  }

  // ---- settings ----------------------------------------------------------------------------------
  option(id: string): string {
    const s = this.settings.get(id);
    return s === undefined ? '' : String(s.def.value ?? '');
  }
  setOption(id: string, value: unknown): void {
    const s = this.settings.get(id);
    if (s) s.def.value = value;
  }
  get pricesIncludeTax(): boolean {
    return this.option('woocommerce_prices_include_tax') === 'yes';
  }
  get taxEnabled(): boolean {
    return this.option('woocommerce_calc_taxes') === 'yes';
  }
  get roundAtSubtotal(): boolean {
    return this.option('woocommerce_tax_round_at_subtotal') === 'yes';
  }
  get priceDecimals(): number {
    const n = Number.parseInt(this.option('woocommerce_price_num_decimals'), 10);
    return Number.isFinite(n) && n >= 0 ? n : 2;
  }
  get currency(): string {
    return this.option('woocommerce_currency') || 'USD';
  }
  /** [name, symbol (HTML entities)] of a currency, from the recorded currency options. */
  currencyInfo(code = this.currency): { name: string; symbol: string } {
    const opts = (this.settings.get('woocommerce_currency')?.def.options ?? {}) as Record<string, string>;
    const label = opts[code] ?? `${code} (${code}) — ${code}`;
    const m = /^(.*) \((.*)\) — [A-Z]+$/.exec(label);
    return { name: m?.[1] ?? code, symbol: m?.[2] ?? code };
  }
  currencySymbolDecoded(code = this.currency): string {
    return decodeEntities(this.currencyInfo(code).symbol);
  }
  /** Store base location from the general settings ("FR", "US:CA"). */
  baseLocation(): { country: string; state: string; postcode: string; city: string } {
    const [country = '', state = ''] = this.option('woocommerce_default_country').split(':');
    return { country, state, postcode: this.option('woocommerce_store_postcode'), city: this.option('woocommerce_store_city') };
  }

  // ---- accessors for tests ---------------------------------------------------------------------
  productBySku(sku: string): ProductRec | undefined {
    return this.products.withSku(sku).find((p) => p.status !== 'trash');
  }
  productsList(): ProductRec[] {
    return this.products.filter((p) => p.type !== 'variation');
  }
  variationsOf(parentId: number): ProductRec[] {
    return this.products
      .childrenOf(parentId)
      .filter((p) => p.type === 'variation')
      .sort((a, b) => a.menuOrder - b.menuOrder || a.id - b.id);
  }
  categories(): TermRec[] {
    return this.terms.filter((t) => t.taxonomy === 'product_cat');
  }
  categoryByName(name: string): TermRec | undefined {
    return this.terms.find((t) => t.taxonomy === 'product_cat' && t.name === name);
  }
  customerByEmail(email: string): CustomerRec | undefined {
    const e = email.toLowerCase();
    return this.customers.find((c) => c.email.toLowerCase() === e);
  }
  couponByCode(code: string): CouponRec | undefined {
    const c = code.toLowerCase();
    return this.coupons.find((x) => x.code === c && x.status !== 'trash');
  }
  notesOf(orderId: number): OrderNoteRec[] {
    return this.orderNotes.filter((n) => n.orderId === orderId);
  }
  /** An order's refunds, newest first (WC_Order::get_refunds()). */
  refundsOf(orderId: number): RefundRec[] {
    return this.refunds.filter((r) => r.parentId === orderId).sort((a, b) => b.dateCreated.getTime() - a.dateCreated.getTime() || b.id - a.id);
  }
  taxClassSlugs(): string[] {
    return this.taxClasses.filter((c) => c.slug !== 'standard').map((c) => c.slug);
  }
}
