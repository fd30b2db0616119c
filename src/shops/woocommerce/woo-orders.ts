/**
 * WooCommerce side of the order import (wc/v3): reads shop orders and turns each into the canonical
 * ShopOrder (src/sync/orders/shop-order.ts), finds prospects (customers without orders), and writes
 * the way back (order status + GesCom document number in the order's meta_data, optional note).
 *
 * Amounts stay the shop's decimal strings ("4.90" stays "4.90"); only what is not a plain decimal
 * string is normalised (JSON numbers, "" and null -> "0"); arithmetic goes through util/decimal.
 * Behaviour checked against WooCommerce 10.0.2 (test/fixtures/woocommerce-10.0.2/211-260, 303).
 */
import type { IsoDate } from '../../gescom/model.js';
import { PasserelleError } from '../../errors.js';
import type { HttpClient, HttpResponse, QueryInput } from '../../http/http-client.js';
import { pagesByNumber } from '../../http/paginate.js';
import { Decimal, dec, isDecimalString, plain, sum } from '../../util/decimal.js';
import type {
  ShopAddress, ShopCoupon, ShopFee, ShopOrder, ShopOrderLine, ShopOrderMessage, ShopPayment, ShopShipping, ShopTax,
} from '../../sync/orders/shop-order.js';
import { msg } from '../../i18n/catalogue.js';
import type { Lang } from '../../i18n/message-table.js';
import type { ShopProspect, StatusBackOptions } from '../port.js';
import { type CanonicalOrderState, canonicalState, type OrderStatusForms } from '../../sync/orders/order-status.js';
import { trackingLine } from '../../sync/orders/tracking-url.js';

/** wc/v3 maximum page size (WordPress answers 400 rest_invalid_param above it). */
/** Ids excluded by one request at most: about 1,500 characters of URL. */
const MAX_EXCLUDED = 200;
const MAX_PAGE = 100;
/** Meta key of the GesCom document number written on the order. */
export const GESCOM_DOCUMENT_META_KEY = '_gescom_document';

// ------------------------------------------------------------------ wire types (wc/v3, read)

/** Money as WooCommerce sends it: mostly strings, sometimes a JSON number, "" or null. */
type WooMoney = string | number | null | undefined;

export interface WooAddress {
  first_name?: string;
  last_name?: string;
  company?: string;
  address_1?: string;
  address_2?: string;
  city?: string;
  state?: string;
  postcode?: string;
  country?: string;
  email?: string;
  phone?: string;
}

export interface WooMeta {
  id?: number;
  key: string;
  value: unknown;
  display_key?: string;
  display_value?: unknown;
}

/** One rate applied to an item: `id` is the rate id (tax_lines[].rate_id), not a tax line id. */
export interface WooItemTax {
  id: number;
  total: WooMoney;
  subtotal?: WooMoney;
}

export interface WooLineItem {
  id: number;
  name: string;
  product_id?: number;
  variation_id?: number;
  quantity: number | string;
  tax_class?: string;
  subtotal: WooMoney;
  subtotal_tax: WooMoney;
  total: WooMoney;
  total_tax: WooMoney;
  taxes?: WooItemTax[];
  meta_data?: WooMeta[];
  sku?: string | null;
  price?: number;
  parent_name?: string | null;
}

export interface WooTaxLine {
  id: number;
  rate_code?: string;
  rate_id: number;
  label?: string;
  compound?: boolean;
  tax_total?: WooMoney;
  shipping_tax_total?: WooMoney;
  rate_percent?: number | string;
}

export interface WooShippingLine {
  id: number;
  method_title?: string;
  method_id?: string;
  instance_id?: string;
  total: WooMoney;
  total_tax: WooMoney;
  taxes?: WooItemTax[];
}

export interface WooFeeLine {
  id: number;
  name: string;
  tax_class?: string;
  tax_status?: string;
  amount?: WooMoney;
  total: WooMoney;
  total_tax: WooMoney;
  taxes?: WooItemTax[];
}

export interface WooCouponLine {
  id: number;
  code: string;
  discount: WooMoney;
  discount_tax: WooMoney;
  discount_type?: string;
  nominal_amount?: number;
  free_shipping?: boolean;
  meta_data?: WooMeta[];
}

export interface WooOrder {
  id: number;
  parent_id?: number;
  number?: string;
  status: string;
  currency?: string;
  prices_include_tax?: boolean;
  date_created?: string | null;
  date_created_gmt?: string | null;
  date_modified?: string | null;
  date_modified_gmt?: string | null;
  date_paid?: string | null;
  date_paid_gmt?: string | null;
  date_completed?: string | null;
  date_completed_gmt?: string | null;
  discount_total?: WooMoney;
  discount_tax?: WooMoney;
  shipping_total?: WooMoney;
  shipping_tax?: WooMoney;
  cart_tax?: WooMoney;
  total: WooMoney;
  total_tax: WooMoney;
  customer_id?: number;
  customer_note?: string;
  billing?: WooAddress;
  shipping?: WooAddress;
  payment_method?: string;
  payment_method_title?: string;
  transaction_id?: string;
  meta_data?: WooMeta[];
  line_items?: WooLineItem[];
  tax_lines?: WooTaxLine[];
  shipping_lines?: WooShippingLine[];
  fee_lines?: WooFeeLine[];
  coupon_lines?: WooCouponLine[];
  refunds?: { id: number; reason?: string; total: WooMoney }[];
}

interface WooCustomer {
  id: number;
  date_created_gmt?: string | null;
  date_created?: string | null;
  date_modified_gmt?: string | null;
  date_modified?: string | null;
  email?: string;
  first_name?: string;
  last_name?: string;
  role?: string;
  username?: string;
  billing?: WooAddress;
  shipping?: WooAddress;
  is_paying_customer?: boolean;
}

interface WooTaxRate {
  id: number;
  rate: string;
  name?: string;
  priority?: number;
  compound?: boolean;
}

/** A tax rate of the shop (GET /taxes), to complete tax lines that lack their rate. */
export interface WooTaxRateInfo {
  /** Percentage as the shop stores it ("5.5000"). */
  rate: string;
  priority: number;
  compound: boolean;
  /** The rate's name ("TVA 5,5%"). */
  label?: string;
}

// ------------------------------------------------------------------ statuses

/** Core order statuses (the `status` field; the database stores them with a "wc-" prefix). */
export const WOO_ORDER_STATUSES = ['pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed', 'trash'] as const;
export type WooOrderStatus = (typeof WOO_ORDER_STATUSES)[number];

/** French labels for the journal, as WooCommerce's French translation shows them. */
export const WOO_STATUS_LABELS: Readonly<Record<string, string>> = {
  pending: 'Attente paiement',
  processing: 'En cours',
  'on-hold': 'En attente',
  completed: 'Terminée',
  cancelled: 'Annulée',
  refunded: 'Remboursée',
  failed: 'Échouée',
  trash: 'Corbeille',
  'checkout-draft': 'Brouillon',
  'auto-draft': 'Brouillon automatique',
};

/** "wc-completed", " Completed " -> "completed" (plugins and the database use the "wc-" prefix, the REST API does not). */
export function normalizeWooStatus(status: string): string {
  return status.trim().toLowerCase().replace(/^wc-/, '');
}

export function isWooOrderStatus(status: string): status is WooOrderStatus {
  return (WOO_ORDER_STATUSES as readonly string[]).includes(normalizeWooStatus(status));
}

/**
 * Canonical state of each core status. "failed" (payment refused or abandoned) is an order that
 * will not be fulfilled as it stands: cancelled, so it is neither imported by a canonical filter
 * nor set back to a live status; a customer who pays again moves it to "processing" in the shop.
 * Drafts are carts still at the checkout: pending.
 */
const WOO_STATE: Readonly<Record<string, CanonicalOrderState>> = {
  pending: 'pending',
  processing: 'processing',
  'on-hold': 'onHold',
  completed: 'completed',
  cancelled: 'cancelled',
  refunded: 'refunded',
  failed: 'cancelled',
  trash: 'cancelled',
  'checkout-draft': 'pending',
  'auto-draft': 'pending',
};

/**
 * Statuses plugins commonly add, by slug. Any other plugin status is taken as "processing": a
 * plugin status almost always sits between payment and completion ("preparing", "awaiting
 * shipment", "partially shipped"), and WooCommerce has already reduced the stock by then.
 */
const WOO_PLUGIN_STATE: Readonly<Record<string, CanonicalOrderState>> = {
  shipped: 'shipped',
  'partially-shipped': 'processing',
  delivered: 'completed',
};

/** The canonical state of a WooCommerce status, core or plugin ("wc-" prefix or not). */
export function wooOrderState(status: string): CanonicalOrderState {
  const s = normalizeWooStatus(status);
  return WOO_STATE[s] ?? WOO_PLUGIN_STATE[s] ?? 'processing';
}

/**
 * The core statuses a canonical state is read from (status filter of GET /orders): drafts and
 * trash are left out as the shop's own "any" does; plugin statuses cannot be listed without knowing
 * the plugin (an unknown slug is a 400), so a profile names a plugin status by its slug.
 */
function wooStatusesOf(state: CanonicalOrderState): string[] {
  return Object.entries(WOO_STATE).filter(([s, c]) => c === state && !['trash', 'checkout-draft', 'auto-draft'].includes(s)).map(([s]) => s);
}

/** The core status the way back sends for a canonical state a profile names. */
const WOO_STATUS_FOR: Readonly<Record<CanonicalOrderState, string>> = {
  pending: 'pending',
  paid: 'processing',
  processing: 'processing',
  shipped: 'completed',
  completed: 'completed',
  cancelled: 'cancelled',
  refunded: 'refunded',
  onHold: 'on-hold',
};

/**
 * How WooCommerce spells its statuses: "wc-completed" (the database, plugins) and "completed"
 * (REST) are one status. A canonical name that is no core status ("onHold", "paid", "shipped") is
 * a canonical state; core names shared with the canonical set keep their WooCommerce meaning.
 */
export const WOO_STATUS_FORMS: OrderStatusForms = {
  ownStatus(value: string): string | null {
    const s = normalizeWooStatus(value);
    if (s === '') return null;
    if (WOO_STATE[s] === undefined && canonicalState(value) !== null) return null;
    return s;
  },
};

/**
 * The status filter of GET /orders for statuses a profile names (raw or canonical, as
 * statusMatches reads them) and canonical states; [] reads nothing.
 */
export function wooStatusFilter(statuses: readonly string[], states: readonly CanonicalOrderState[] = []): string[] {
  const out = new Set<string>();
  for (const v of statuses) {
    const own = WOO_STATUS_FORMS.ownStatus(v);
    if (own !== null) out.add(own);
    else for (const s of wooStatusesOf(canonicalState(v)!)) out.add(s);
  }
  for (const state of states) for (const s of wooStatusesOf(state)) out.add(s);
  return [...out];
}

/** Journal label: "Terminée"; a plugin's own status is shown as its code. */
export function wooStatusLabel(status: string): string {
  const s = normalizeWooStatus(status);
  return WOO_STATUS_LABELS[s] ?? s;
}

// ------------------------------------------------------------------ conversion helpers

function orderEntity(o: { id: number }): string {
  return `order ${o.id}`;
}

/** A shop amount as a plain decimal string: decimal strings kept as sent, numbers and odd forms normalised. */
function money(v: WooMoney, entity: string, field: string): string {
  if (v === null || v === undefined) return '0';
  // line_items[].price and tax_lines[].rate_percent are JSON numbers (3.9499999999999997): decimal.js reads their shortest form.
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new PasserelleError(msg('gescom.err.invalidAmount', { value: String(v) }), entity, field);
    return plain(new Decimal(v));
  }
  const s = v.trim();
  // Empty strings are sent for unset amounts (fee_lines[].amount, taxes[].subtotal of shipping and fees).
  if (s === '') return '0';
  if (isDecimalString(s)) return s;
  try {
    return plain(dec(s));
  } catch {
    throw new PasserelleError(msg('gescom.err.invalidAmount', { value: s }), entity, field);
  }
}

/** Number of decimals written in a decimal string. */
function places(s: string): number {
  const i = s.indexOf('.');
  return i < 0 ? 0 : s.length - i - 1;
}

/** WooCommerce dates: "*_gmt" fields are UTC without an offset ("2026-11-28T11:59:49"): append Z. */
function gmtDate(gmt: string | null | undefined, local?: string | null): IsoDate | null {
  const v = gmt ?? null;
  if (v === null || v.trim() === '') {
    // Without its _gmt twin (a trimmed _fields answer) the site-time date is all there is: kept as is, without offset.
    return local && local.trim() !== '' ? local.trim() : null;
  }
  const t = v.trim();
  return /(?:Z|[+-]\d{2}:?\d{2})$/i.test(t) ? t : `${t}Z`;
}

/** IsoDate -> UTC "YYYY-MM-DDTHH:MM:SS" for after/before with dates_are_gmt=true (no offset: WP_Date_Query reads it as is). */
export function toWooGmt(iso: IsoDate, round: 'floor' | 'ceil' = 'floor', field = 'date'): string {
  let s = iso.trim().replace(' ', 'T');
  // A date alone is midnight UTC; a date-time without offset is taken as UTC (Date.parse would read it as local time).
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) s += 'T00:00:00Z';
  else if (!/(?:Z|[+-]\d{2}:?\d{2})$/i.test(s)) s += 'Z';
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) throw new PasserelleError(msg('orders.invalidDate', { value: iso }), 'orders', field);
  const sec = round === 'floor' ? Math.floor(ms / 1000) : Math.ceil(ms / 1000);
  return new Date(sec * 1000).toISOString().slice(0, 19);
}

function address(a: WooAddress | undefined, fallbackEmail = ''): ShopAddress {
  return {
    firstName: a?.first_name ?? '',
    lastName: a?.last_name ?? '',
    company: a?.company ?? '',
    line1: a?.address_1 ?? '',
    line2: a?.address_2 ?? '',
    city: a?.city ?? '',
    state: a?.state ?? '',
    postcode: a?.postcode ?? '',
    countryCode: (a?.country ?? '').toUpperCase(),
    // wc/v3 shipping addresses have no email (phone only since WC 5.6).
    email: a?.email ?? fallbackEmail,
    phone: a?.phone ?? '',
  };
}

function isBlankAddress(a: WooAddress | undefined): boolean {
  if (!a) return true;
  return [a.first_name, a.last_name, a.company, a.address_1, a.address_2, a.city, a.postcode, a.country].every((v) => (v ?? '').trim() === '');
}

/** rate_code is "COUNTRY-STATE-NAME-PRIORITY" with empty parts left out ("FR-TVA 20%-1"): its last part is the priority. */
function priorityFromRateCode(code: string | undefined): number | undefined {
  const m = code ? /-(\d+)$/.exec(code) : null;
  return m ? Number(m[1]) : undefined;
}

/** "Emballage cadeau", "Paquet-cadeau", "Gift wrap", "Gift": the packaging article (CMD-08); not gift cards ("Carte cadeau"). */
const GIFT_WRAP = /(emballage|paquet|papier|boite|boîte)[\s-]*cadeau|gift[\s-]*(wrap|box|packag)|^\s*gift\s*$/i;

export function isGiftWrapFee(name: string): boolean {
  return GIFT_WRAP.test(name);
}

interface TaxContext {
  order: WooOrder;
  byRateId: Map<number, WooTaxLine>;
  rates: ReadonlyMap<number, WooTaxRateInfo> | undefined;
}

/**
 * The taxes of one item (line, shipping, fee), joined to the order's tax_lines by rate id for label,
 * percentage and compound flag. The per-rate amounts of `taxes[]` are the unrounded tax rounded on
 * output, so they may miss the item's `total_tax` by a cent (order 417: taxes[0].total "1.94", total_tax
 * "1.93"); `total_tax` is what adds up to the order's total_tax, so the cent goes to the largest rate.
 */
function itemTaxes(ctx: TaxContext, taxes: WooItemTax[] | undefined, itemTotalTax: WooMoney, field: string): ShopTax[] {
  const entity = orderEntity(ctx.order);
  const out: ShopTax[] = [];
  for (const t of taxes ?? []) {
    // A rate that no longer applies after discounts keeps an entry with an empty total: nothing was charged.
    if (t.total === null || t.total === undefined || (typeof t.total === 'string' && t.total.trim() === '')) continue;
    const line = ctx.byRateId.get(t.id);
    const known = ctx.rates?.get(t.id);
    // tax_lines[].rate_percent is a JSON number (5.5, 20), added in WC 3.7; older orders need /taxes.
    const rateRaw = line?.rate_percent ?? known?.rate;
    if (rateRaw === undefined || rateRaw === null || rateRaw === '') {
      throw new PasserelleError(
        msg('shop.taxRateUnknown', { id: String(t.id) }), entity, `${field}.taxes`,
      );
    }
    out.push({
      rateId: String(t.id),
      label: line?.label ?? known?.label ?? line?.rate_code ?? `#${t.id}`,
      rate: plain(money(rateRaw, entity, `${field}.rate`)),
      priority: priorityFromRateCode(line?.rate_code) ?? known?.priority ?? 1,
      compound: line?.compound ?? known?.compound ?? false,
      amount: money(t.total, entity, `${field}.taxes.total`),
    });
  }
  if (out.length > 0 && itemTotalTax !== undefined && itemTotalTax !== null && itemTotalTax !== '') {
    const total = money(itemTotalTax, entity, `${field}.total_tax`);
    const diff = dec(total).minus(sum(out.map((x) => x.amount)));
    // Only rounding (a cent per rate) is reconciled; a larger gap is left for the totals check to report.
    if (!diff.isZero() && diff.abs().lte(new Decimal('0.01').times(out.length))) {
      const largest = out.reduce((a, b) => (dec(b.amount).abs().gt(dec(a.amount).abs()) ? b : a));
      const dp = Math.max(places(largest.amount), places(total));
      largest.amount = dec(largest.amount).plus(diff).toFixed(dp);
    }
  }
  return out;
}

export interface ToShopOrderOptions {
  /** Coupon code (lower case) -> description, read from /coupons: order coupon lines carry none. */
  couponDescriptions?: ReadonlyMap<string, string>;
}

/**
 * A wc/v3 order (GET /orders/{id} body) as a ShopOrder. Pure. `taxRates` (GET /taxes by rate id) is
 * needed only for orders whose tax_lines lack rate_percent (before WC 3.7).
 */
export function toShopOrder(o: WooOrder, taxRates?: Map<number, WooTaxRateInfo>, opts: ToShopOrderOptions = {}): ShopOrder {
  const entity = orderEntity(o);
  const m = (v: WooMoney, field: string) => money(v, entity, field);
  const ctx: TaxContext = { order: o, byRateId: new Map((o.tax_lines ?? []).map((t) => [t.rate_id, t])), rates: taxRates };

  const createdAt = gmtDate(o.date_created_gmt, o.date_created);
  if (createdAt === null) throw new PasserelleError(msg('shop.orderWithoutDate'), entity, 'date_created_gmt');
  const paidAt = gmtDate(o.date_paid_gmt, o.date_paid);
  const billing = address(o.billing);

  const lines: ShopOrderLine[] = (o.line_items ?? []).map((li, i) => ({
    id: String(li.id),
    // sku is null when the product was deleted; a variation without its own SKU reports its parent's.
    sku: li.sku ?? '',
    name: li.name,
    quantity: m(li.quantity, `line_items[${i}].quantity`),
    // subtotal (before coupons) and total (after) are tax-exclusive even when prices_include_tax is true.
    subtotalExclTax: m(li.subtotal, `line_items[${i}].subtotal`),
    totalExclTax: m(li.total, `line_items[${i}].total`),
    taxes: itemTaxes(ctx, li.taxes, li.total_tax, `line_items[${i}]`),
    subtotalTax: m(li.subtotal_tax, `line_items[${i}].subtotal_tax`),
    // tax_class "" is the standard class.
    taxClass: li.tax_class ?? '',
    // No eco-tax in WooCommerce core (plugins keep it in meta_data).
    ecotax: null,
  }));

  // Shipping is always entered net, even in a prices-include-tax shop (tax 0.98 on top of 4.90).
  const shippingLines: ShopShipping[] = (o.shipping_lines ?? []).map((s, i) => ({
    methodId: s.method_id ?? '',
    title: s.method_title ?? '',
    totalExclTax: m(s.total, `shipping_lines[${i}].total`),
    taxes: itemTaxes(ctx, s.taxes, s.total_tax, `shipping_lines[${i}]`),
  }));

  // fee_lines[].amount is "" when the fee was given as a total: `total` is the net amount.
  const fees: ShopFee[] = (o.fee_lines ?? []).map((f, i) => ({
    name: f.name,
    totalExclTax: m(f.total, `fee_lines[${i}].total`),
    taxes: itemTaxes(ctx, f.taxes, f.total_tax, `fee_lines[${i}]`),
    kind: isGiftWrapFee(f.name) ? 'giftWrap' : 'other',
  }));

  // Coupon codes come back lower-cased; discount may be unpadded ("5"); discounts are already inside line totals.
  const coupons: ShopCoupon[] = (o.coupon_lines ?? []).map((c, i) => ({
    code: c.code,
    description: opts.couponDescriptions?.get(c.code.toLowerCase()) ?? '',
    discountExclTax: m(c.discount, `coupon_lines[${i}].discount`),
    discountTax: m(c.discount_tax, `coupon_lines[${i}].discount_tax`),
  }));

  const total = m(o.total, 'total');
  const totalTax = m(o.total_tax, 'total_tax');
  // date_paid is set by payment_complete (set_paid, gateways); an on-hold cheque order has none.
  const payments: ShopPayment[] = paidAt === null ? [] : [{
    method: o.payment_method ?? '',
    title: o.payment_method_title ?? '',
    amount: total,
    date: paidAt,
    transactionId: o.transaction_id ?? '',
  }];

  const messages: ShopOrderMessage[] = [];
  if ((o.customer_note ?? '').trim() !== '') messages.push({ author: 'customer', text: o.customer_note!.trim(), date: createdAt });

  return {
    id: String(o.id),
    number: o.number ?? String(o.id),
    status: o.status,
    state: wooOrderState(o.status),
    createdAt,
    paidAt,
    invoicedAt: null,
    modifiedAt: gmtDate(o.date_modified_gmt, o.date_modified) ?? createdAt,
    currency: o.currency ?? '',
    // prices_include_tax only tells how prices were entered: every amount of the order is still net + tax.
    pricesIncludeTax: o.prices_include_tax === true,
    customer: {
      // customer_id 0 is a guest order.
      id: o.customer_id ? String(o.customer_id) : null,
      email: billing.email,
      firstName: billing.firstName,
      lastName: billing.lastName,
      company: billing.company,
    },
    billing,
    // An order created without a shipping address (REST, virtual products) has every field "": none is given.
    shipping: isBlankAddress(o.shipping) ? [] : [address(o.shipping)],
    lines,
    shippingLines,
    fees,
    coupons,
    payments,
    paymentMethod: o.payment_method ?? '',
    paymentMethodTitle: o.payment_method_title ?? '',
    messages,
    totals: {
      // The order has no net total: total - total_tax (= lines + shipping + fees, coupons already deducted).
      exclTax: dec(total).minus(totalTax).toFixed(Math.max(places(total), places(totalTax))),
      tax: totalTax,
      inclTax: total,
      shippingExclTax: m(o.shipping_total, 'shipping_total'),
      // discount_total may differ by a cent from the sum of coupon_lines[].discount (order 418: 4.52 vs 4.51).
      discountExclTax: m(o.discount_total, 'discount_total'),
    },
    storeId: null,
  };
}

/** Rate ids used by the order's items that tax_lines do not describe with a percentage. */
function ratesMissing(o: WooOrder): boolean {
  const known = new Set((o.tax_lines ?? []).filter((t) => t.rate_percent !== undefined && t.rate_percent !== null && t.rate_percent !== '').map((t) => t.rate_id));
  const items = [...(o.line_items ?? []), ...(o.shipping_lines ?? []), ...(o.fee_lines ?? [])];
  return items.some((it) => (it.taxes ?? []).some((t) => !known.has(t.id)));
}

// ------------------------------------------------------------------ reader / writer

export interface WooOrderFilter {
  /** Created strictly after / before (UTC; sent with dates_are_gmt=true). */
  after?: IsoDate;
  before?: IsoDate;
  /** Modified strictly after: pages are then ordered by modification date. */
  modifiedAfter?: IsoDate;
  /** WooCommerce statuses ("processing", "wc-on-hold"…) or canonical names ("onHold") as a profile names them. */
  statuses?: string[];
  /** Canonical states. Neither these nor statuses: every status but trash and drafts. */
  states?: readonly CanonicalOrderState[];
  /** 1-100, default 100. */
  perPage?: number;
}

/**
 * `documentNumber` is stored in the order's meta_data under GESCOM_DOCUMENT_META_KEY; `note` is an
 * order note added after the status change, a customer note (which WooCommerce emails) with
 * `notifyCustomer`. WooCommerce core has no tracking field (that takes a plugin, each with its own
 * meta): the tracking number, carrier and tracking link go as a line of that note (trackingLine), in
 * the profile's language; WooCommerce's customer-note e-mail makes the link clickable.
 */
export type WooSetStatusOptions = StatusBackOptions;


export class WooOrderReader implements OrderStatusForms {
  private rates: Map<number, WooTaxRateInfo> | null = null;
  private readonly couponDescriptions = new Map<string, string>();

  /** `api`: an HttpClient on …/wp-json/wc/v3/; `lang`: the profile's, for what the way back writes in the order note. */
  constructor(private readonly api: HttpClient, private readonly lang: Lang = 'fr') {}

  ownStatus(value: string): string | null {
    return WOO_STATUS_FORMS.ownStatus(value);
  }

  /** The shop's tax rates by id (GET /taxes, read once). */
  async taxRates(): Promise<Map<number, WooTaxRateInfo>> {
    if (this.rates) return this.rates;
    const rates = new Map<number, WooTaxRateInfo>();
    for await (const page of pagesByNumber<WooTaxRate>(this.api, {
      path: 'taxes', perPage: MAX_PAGE, totalPagesHeader: 'x-wp-totalpages', linkHeader: true, entity: 'taxes',
    })) {
      // /taxes gives rate as a 4-decimal string ("5.5000").
      for (const t of page) rates.set(t.id, { rate: plain(dec(t.rate)), priority: t.priority ?? 1, compound: t.compound ?? false, label: t.name });
    }
    this.rates = rates;
    return rates;
  }

  /**
   * Orders matching the filter, oldest first, one page (<= perPage orders) at a time.
   *
   * Pages are read by date keyset rather than by page number: each request asks for the first page
   * created (or modified) from the last date seen, leaving out the ids already read at that second.
   * Page numbers would skip orders when the caller changes statuses between pages (an imported
   * "processing" order set to "completed" leaves the filter and shifts every later page);
   * X-WP-TotalPages still tells when the last page was read.
   */
  async *orders(filter: WooOrderFilter = {}): AsyncGenerator<ShopOrder[], void, undefined> {
    const perPage = Math.min(MAX_PAGE, Math.max(1, Math.floor(filter.perPage ?? MAX_PAGE)));
    const statuses = filter.statuses?.length || filter.states?.length ? wooStatusFilter(filter.statuses ?? [], filter.states) : null;
    // Only canonical states WooCommerce has no core status for ("paid"): no order can match.
    if (statuses?.length === 0) return;
    const byModified = filter.modifiedAfter !== undefined;
    const dateField = byModified ? 'date_modified_gmt' : 'date_created_gmt';
    const lowerParam = byModified ? 'modified_after' : 'after';
    const base: QueryInput = {
      dates_are_gmt: 'true',
      ...(filter.after !== undefined ? { after: toWooGmt(filter.after, 'floor', 'after') } : {}),
      ...(filter.before !== undefined ? { before: toWooGmt(filter.before, 'ceil', 'before') } : {}),
      ...(filter.modifiedAfter !== undefined ? { modified_after: toWooGmt(filter.modifiedAfter, 'floor', 'modifiedAfter') } : {}),
      // A comma list: with OAuth 1.0a over HTTP, status[]=a&status[]=b would be signed differently than WooCommerce checks it.
      ...(statuses ? { status: statuses.join(',') } : {}),
      orderby: byModified ? 'modified' : 'date',
      order: 'asc',
      per_page: perPage,
    };
    let lower = base[lowerParam] as string | undefined;
    /** Ids already read at the `boundary` second. */
    let boundary: string | undefined;
    let atBoundary: number[] = [];
    /** Ids yielded so far: an order modified while we read comes again at the end (modified order); it is not yielded twice. */
    const seen = new Set<number>();

    /** Page number once the same second holds too many orders to exclude them by id (a URL has a length limit). */
    let pageNo = 0;
    for (let guard = 0; guard < 1_000_000; guard++) {
      const query: QueryInput = { ...base, page: pageNo > 0 ? pageNo : 1 };
      if (lower !== undefined) query[lowerParam] = lower;
      if (atBoundary.length > 0 && pageNo === 0) query.exclude = atBoundary.join(',');
      const res = await this.api.request<WooOrder[]>({ method: 'GET', path: 'orders', query, entity: 'orders' });
      const page = Array.isArray(res.data) ? res.data : [];
      if (page.length === 0) return;
      const fresh = page.filter((x) => !seen.has(x.id));
      for (const x of fresh) seen.add(x.id);
      if (fresh.length > 0) yield await this.convertAll(fresh);

      const totalPages = Number(res.headers['x-wp-totalpages'] ?? '');
      if (page.length < perPage || (Number.isFinite(totalPages) && totalPages <= 1)) return;

      if (pageNo > 0) {
        pageNo++;
        continue;
      }
      const last = page[page.length - 1]!;
      const lastDate = last[dateField] ?? null;
      if (lastDate === null) {
        // No date to key on (should not happen): leave out everything read so far instead.
        atBoundary.push(...page.map((x) => x.id));
        continue;
      }
      const sameSecond = page.filter((x) => x[dateField] === lastDate).map((x) => x.id);
      atBoundary = lastDate === boundary ? [...atBoundary, ...sameSecond] : sameSecond;
      if (atBoundary.length > MAX_EXCLUDED) {
        // Hundreds of orders in one second (imports, tests): page through from the boundary instead;
        // already yielded ones are filtered by `seen`.
        lower = toWooGmt(new Date(Date.parse(gmtDate(lastDate) ?? '') - 1000).toISOString());
        atBoundary = [];
        pageNo = 1;
        continue;
      }
      boundary = lastDate;
      // after / modified_after are strict: one second earlier, the boundary second is read again minus its known ids.
      const prev = toWooGmt(new Date(Date.parse(gmtDate(lastDate) ?? '') - 1000).toISOString());
      const floor = base[lowerParam] as string | undefined;
      lower = floor !== undefined && floor > prev ? floor : prev;
    }
  }

  /** One order, or null when the shop does not know it (404 woocommerce_rest_shop_order_invalid_id). */
  async order(id: string | number): Promise<ShopOrder | null> {
    const res = await this.api.request<WooOrder>({
      method: 'GET', path: `orders/${encodeURIComponent(String(id))}`, allowStatus: [404], entity: `order ${id}`,
    });
    if (res.status === 404) return null;
    return this.convert(res.data);
  }

  /**
   * Registered customers created since `since` who have no order at all. wc/v3 customers carry no
   * orders_count (only is_paying_customer, set by a paid order and false for an on-hold cheque order),
   * so a customer not marked paying is confirmed by GET /orders?customer=ID (X-WP-Total 0).
   */
  async *customersWithoutOrders(since: IsoDate): AsyncGenerator<ShopProspect[], void, undefined> {
    const from = Date.parse(`${toWooGmt(since, 'floor', 'since')}Z`);
    // The customers list has no date filter: newest registrations first, stopping at `since`.
    const pages = pagesByNumber<WooCustomer>(this.api, {
      path: 'customers', query: { orderby: 'registered_date', order: 'desc', role: 'customer' },
      perPage: MAX_PAGE, totalPagesHeader: 'x-wp-totalpages', linkHeader: true, entity: 'customers',
    });
    for await (const page of pages) {
      const out: ShopProspect[] = [];
      let older = false;
      for (const c of page) {
        const created = gmtDate(c.date_created_gmt, c.date_created);
        if (created !== null && Date.parse(created) < from) {
          older = true;
          continue;
        }
        if (c.is_paying_customer === true) continue;
        if (!(await this.hasNoOrder(c.id))) continue;
        const billing = address(c.billing, c.email ?? '');
        out.push({
          id: String(c.id),
          email: c.email ?? billing.email,
          firstName: c.first_name || billing.firstName,
          lastName: c.last_name || billing.lastName,
          company: billing.company,
          billing,
          shipping: isBlankAddress(c.shipping) ? null : address(c.shipping),
          createdAt: created ?? '',
          modifiedAt: gmtDate(c.date_modified_gmt, c.date_modified) ?? created ?? '',
        });
      }
      if (out.length > 0) yield out;
      if (older) return;
    }
  }

  /**
   * The way back: PUT /orders/{id} with the status and the GesCom document number (meta_data by key,
   * so a second call updates it rather than adding one), then the note when given. Returns the order
   * as the shop saved it. Status emails (e.g. "completed") follow the shop's email settings whatever
   * notifyCustomer says; notifyCustomer only makes the note a customer note.
   */
  async setStatus(id: string | number, status: string, opts: WooSetStatusOptions): Promise<ShopOrder> {
    const canonical = canonicalState(status);
    const s = WOO_STATUS_FORMS.ownStatus(status) ?? (canonical !== null ? WOO_STATUS_FOR[canonical] : '');
    // "trash" is not a writable status (rest_invalid_param): an order goes to the trash with DELETE.
    if (s === '' || s === 'trash') {
      throw new PasserelleError(msg('shop.statusCannotBeSet', { status }), `order ${id}`, 'status');
    }
    const path = `orders/${encodeURIComponent(String(id))}`;
    const res = await this.api.request<WooOrder>({
      method: 'PUT', path, entity: `order ${id}`,
      json: { status: s, meta_data: [{ key: GESCOM_DOCUMENT_META_KEY, value: opts.documentNumber }] },
    });
    const note = [opts.note?.trim() ?? '', trackingLine(opts, this.lang)].filter((x) => x !== '').join('\n');
    if (note !== '') {
      await this.api.request({
        method: 'POST', path: `${path}/notes`, entity: `order ${id}`,
        json: { note, customer_note: opts.notifyCustomer },
      });
    }
    return this.convert(res.data);
  }

  // ---------------------------------------------------------------- internals

  private async hasNoOrder(customerId: number): Promise<boolean> {
    const res: HttpResponse<unknown> = await this.api.request({
      method: 'GET', path: 'orders', entity: `customer ${customerId}`,
      query: { customer: customerId, per_page: 1, _fields: 'id' },
    });
    const total = res.headers['x-wp-total'];
    if (total !== undefined && /^\d+$/.test(total.trim())) return Number(total) === 0;
    return !Array.isArray(res.data) || res.data.length === 0;
  }

  private async describeCoupons(orders: WooOrder[]): Promise<void> {
    const codes = new Set(orders.flatMap((o) => (o.coupon_lines ?? []).map((c) => c.code.toLowerCase())));
    for (const code of codes) {
      if (this.couponDescriptions.has(code)) continue;
      let description = '';
      try {
        const res = await this.api.request<{ code?: string; description?: string }[]>({
          method: 'GET', path: 'coupons', query: { code, _fields: 'id,code,description' }, entity: `coupon ${code}`,
        });
        description = (Array.isArray(res.data) ? res.data.find((c) => (c.code ?? '').toLowerCase() === code)?.description : undefined) ?? '';
      } catch {
        // A deleted coupon or a key without coupon rights: the order still imports, without description.
      }
      this.couponDescriptions.set(code, description);
    }
  }

  private async convertAll(orders: WooOrder[]): Promise<ShopOrder[]> {
    const rates = orders.some(ratesMissing) ? await this.taxRates() : this.rates ?? undefined;
    await this.describeCoupons(orders);
    return orders.map((o) => toShopOrder(o, rates, { couponDescriptions: this.couponDescriptions }));
  }

  private async convert(o: WooOrder): Promise<ShopOrder> {
    const [converted] = await this.convertAll([o]);
    return converted!;
  }
}
