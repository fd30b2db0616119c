/**
 * A Shopify order (the ORDERS / ORDER documents) as the canonical ShopOrder, in shop money
 * (`shopMoney`: the accounting currency, never the buyer's presentment currency). Pure.
 *
 * Shopify gives line prices as entered (tax included when `taxesIncluded`), the discounts spread
 * on each line (`discountAllocations`, same basis), and the tax of each line after discounts
 * (`taxLines`). The canonical line wants amounts excluding tax before and after discounts, so:
 * net = original - discounts (- taxes when included); the tax before discounts is the line's
 * rates applied to its original amount, to the cent (only a discounted line needs it; otherwise
 * it is the line's tax). Duties are fees with their own taxes; shipping the same way as lines.
 * Amounts stay decimal strings; arithmetic goes through util/decimal.
 */
import { PasserelleError } from '../../errors.js';
import { msg, tr } from '../../i18n/catalogue.js';
import type { Lang } from '../../i18n/message-table.js';
import { Decimal, dec, isDecimalString, plain, sum } from '../../util/decimal.js';
import type { ShopAddress, ShopFee, ShopOrder, ShopOrderLine, ShopPayment, ShopShipping, ShopTax } from '../../sync/orders/shop-order.js';
import { canonicalState, type CanonicalOrderState, type OrderStatusForms } from '../../sync/orders/order-status.js';

// ------------------------------------------------------------------ wire types (as the documents ask)

export interface SMoney { amount: string; currencyCode?: string }
export interface SBag { shopMoney: SMoney }
export interface STaxLine { title: string; rate?: number | null; ratePercentage?: number | null; priceSet: SBag }
export interface SAddress {
  firstName?: string | null; lastName?: string | null; company?: string | null; address1?: string | null; address2?: string | null;
  city?: string | null; province?: string | null; provinceCode?: string | null; zip?: string | null; countryCodeV2?: string | null; phone?: string | null;
}
export interface SLineItem {
  id: string; sku?: string | null; name: string; quantity: number;
  originalTotalSet: SBag;
  discountAllocations: { allocatedAmountSet: SBag }[];
  taxLines: STaxLine[];
  duties?: { price: SBag; taxLines: STaxLine[] }[];
}
export interface SShippingLine { title: string; code?: string | null; discountedPriceSet: SBag; taxLines: STaxLine[] }
export interface STransaction { kind: string; status: string; gateway?: string | null; processedAt?: string | null; paymentId?: string | null; amountSet: SBag }
export interface SOrder {
  id: string; legacyResourceId?: string; name: string; createdAt: string; updatedAt: string; processedAt?: string | null;
  closed?: boolean; closedAt?: string | null; cancelledAt?: string | null;
  displayFinancialStatus?: string | null; displayFulfillmentStatus?: string | null;
  taxesIncluded: boolean; dutiesIncluded?: boolean; currencyCode: string; email?: string | null; note?: string | null; tags?: string[]; poNumber?: string | null;
  paymentGatewayNames?: string[];
  customer?: { id: string; firstName?: string | null; lastName?: string | null; defaultEmailAddress?: { emailAddress?: string | null } | null } | null;
  billingAddress?: SAddress | null; shippingAddress?: SAddress | null;
  totalPriceSet: SBag; currentTotalPriceSet?: SBag; subtotalPriceSet?: SBag | null; totalTaxSet?: SBag | null;
  totalShippingPriceSet?: SBag; totalDiscountsSet?: SBag | null; currentTotalDutiesSet?: SBag | null; totalRefundedSet?: SBag;
  taxLines?: STaxLine[];
  discountCodes?: string[];
  lineItems: { nodes: SLineItem[]; pageInfo?: { hasNextPage: boolean; endCursor: string | null } };
  shippingLines: { nodes: SShippingLine[] };
  refunds?: { createdAt?: string | null; note?: string | null; totalRefundedSet: SBag }[];
  transactions?: STransaction[];
  metafield?: { value: string } | null;
}

// ------------------------------------------------------------------ statuses

/**
 * Shopify has no single order status but a payment status, a fulfilment status and open / closed /
 * cancelled. The raw status kept is the payment status in lower case ("paid", "partially_refunded"),
 * or "cancelled": what a profile most often names; the canonical state also reads the fulfilment.
 */
export const SHOPIFY_FINANCIAL_STATUSES = ['pending', 'authorized', 'partially_paid', 'paid', 'partially_refunded', 'refunded', 'voided', 'expired'] as const;
const OWN = new Set<string>([...SHOPIFY_FINANCIAL_STATUSES, 'cancelled']);

export const SHOPIFY_STATUS_FORMS: OrderStatusForms = {
  ownStatus(value: string): string | null {
    const s = value.trim().toLowerCase().replace(/[\s-]+/g, '_');
    if (OWN.has(s)) return s;
    return canonicalState(value) !== null ? null : s;
  },
};

export function shopifyStatus(o: Pick<SOrder, 'cancelledAt' | 'displayFinancialStatus'>): string {
  if (o.cancelledAt) return 'cancelled';
  return (o.displayFinancialStatus ?? 'pending').toLowerCase();
}

export function shopifyOrderState(o: Pick<SOrder, 'cancelledAt' | 'displayFinancialStatus' | 'displayFulfillmentStatus' | 'closed'>): CanonicalOrderState {
  if (o.cancelledAt) return 'cancelled';
  const fin = (o.displayFinancialStatus ?? 'PENDING').toUpperCase();
  const ful = (o.displayFulfillmentStatus ?? 'UNFULFILLED').toUpperCase();
  if (fin === 'REFUNDED') return 'refunded';
  if (fin === 'VOIDED' || fin === 'EXPIRED') return 'cancelled';
  if (ful === 'FULFILLED') return o.closed ? 'completed' : 'shipped';
  if (ful === 'ON_HOLD') return 'onHold';
  if (fin === 'PENDING' || fin === 'AUTHORIZED' || fin === 'PARTIALLY_PAID') return 'pending';
  if (ful === 'PARTIALLY_FULFILLED' || ful === 'IN_PROGRESS' || ful === 'PENDING_FULFILLMENT' || ful === 'SCHEDULED') return 'processing';
  return 'paid';
}

/** The search terms of the `orders` query for the statuses a profile names (raw ones only; canonical states are filtered after reading). */
export function financialStatusTerms(statuses: readonly string[]): string[] {
  const out = new Set<string>();
  for (const v of statuses) {
    const own = SHOPIFY_STATUS_FORMS.ownStatus(v);
    if (own !== null && (SHOPIFY_FINANCIAL_STATUSES as readonly string[]).includes(own)) out.add(`financial_status:${own}`);
    else if (own === 'cancelled') out.add('status:cancelled');
  }
  return [...out];
}

// ------------------------------------------------------------------ helpers

function entityOf(o: Pick<SOrder, 'name' | 'id'>): string {
  return `order ${o.name || o.id}`;
}

function amountOf(b: SBag | null | undefined, entity: string, field: string): string {
  const v = b?.shopMoney?.amount;
  if (v === undefined || v === null) return '0';
  const s = String(v).trim();
  if (s === '') return '0';
  if (!isDecimalString(s)) throw new PasserelleError(msg('gescom.err.invalidAmount', { value: s }), entity, field);
  return s;
}

/** The percentage of a tax line: ratePercentage (20.0, 5.5) or rate (0.2) x 100, read through decimal.js. */
function percentOf(t: STaxLine): string {
  if (t.ratePercentage !== undefined && t.ratePercentage !== null) return plain(new Decimal(t.ratePercentage));
  if (t.rate !== undefined && t.rate !== null) return plain(new Decimal(t.rate).times(100));
  return '0';
}

function taxesOf(lines: readonly STaxLine[], entity: string, field: string): ShopTax[] {
  return lines.map((t, i) => {
    const rate = percentOf(t);
    return {
      // Shopify tax lines have no id: the title and rate name the rate.
      rateId: `${t.title}|${rate}`,
      label: t.title,
      rate,
      priority: 1,
      compound: false,
      amount: amountOf(t.priceSet, entity, `${field}.taxLines[${i}].priceSet`),
    };
  }).filter((t) => !dec(t.amount).isZero() || !dec(t.rate).isZero());
}

function address(a: SAddress | null | undefined, email: string): ShopAddress {
  return {
    firstName: a?.firstName ?? '',
    lastName: a?.lastName ?? '',
    company: a?.company ?? '',
    line1: a?.address1 ?? '',
    line2: a?.address2 ?? '',
    city: a?.city ?? '',
    state: a?.provinceCode ?? a?.province ?? '',
    postcode: a?.zip ?? '',
    countryCode: (a?.countryCodeV2 ?? '').toUpperCase(),
    email,
    phone: a?.phone ?? '',
  };
}

/** Amount excluding tax of an amount entered as the order says (tax included or not). */
function exclTax(amount: Decimal, tax: Decimal, taxesIncluded: boolean): Decimal {
  return taxesIncluded ? amount.minus(tax) : amount;
}

/**
 * The tax an amount carried before discounts, at the item's rates, to the cent: for a tax-included
 * amount the part of it that is tax (amount x r / (100 + r)), else amount x r / 100.
 */
function taxBefore(amount: Decimal, taxes: readonly ShopTax[], taxesIncluded: boolean): Decimal {
  const rate = sum(taxes.map((t) => t.rate));
  if (rate.isZero()) return new Decimal(0);
  const t = taxesIncluded ? amount.times(rate).div(rate.plus(100)) : amount.times(rate).div(100);
  return t.toDecimalPlaces(2);
}

const fix = (d: Decimal) => d.toFixed(2);

/** The GesCom document number stored on the order (metafield), when read. */
export function documentNumberOf(o: SOrder): string | null {
  return o.metafield?.value ?? null;
}

/** `lang`: the profile's language, for the labels the adapter writes (duties, refunds). */
export function toShopOrder(o: SOrder, lang: Lang = 'fr'): ShopOrder {
  const entity = entityOf(o);
  const inc = o.taxesIncluded === true;
  const email = o.email ?? o.customer?.defaultEmailAddress?.emailAddress ?? '';

  const lines: ShopOrderLine[] = o.lineItems.nodes.map((li, i) => {
    const field = `lineItems[${i}]`;
    const original = dec(amountOf(li.originalTotalSet, entity, `${field}.originalTotalSet`));
    const discount = sum(li.discountAllocations.map((d, j) => amountOf(d.allocatedAmountSet, entity, `${field}.discountAllocations[${j}]`)));
    const taxes = taxesOf(li.taxLines, entity, field);
    const tax = sum(taxes.map((t) => t.amount));
    const net = exclTax(original.minus(discount), tax, inc);
    const grossTax = discount.isZero() ? tax : taxBefore(original, taxes, inc);
    return {
      id: li.id,
      sku: li.sku ?? '',
      name: li.name,
      quantity: String(li.quantity),
      subtotalExclTax: fix(exclTax(original, grossTax, inc)),
      totalExclTax: fix(net),
      taxes,
      subtotalTax: fix(grossTax),
      taxClass: '',
      ecotax: null,
    };
  });

  const shippingLines: ShopShipping[] = o.shippingLines.nodes.map((s, i) => {
    const field = `shippingLines[${i}]`;
    const taxes = taxesOf(s.taxLines, entity, field);
    const tax = sum(taxes.map((t) => t.amount));
    return {
      methodId: s.code ?? '',
      title: s.title,
      totalExclTax: fix(exclTax(dec(amountOf(s.discountedPriceSet, entity, `${field}.discountedPriceSet`)), tax, inc)),
      taxes,
    };
  });

  // Duties are charged on top of the prices (unless dutiesIncluded): a fee each, with its taxes.
  const fees: ShopFee[] = o.lineItems.nodes.flatMap((li, i) => (li.duties ?? []).map((d, j) => {
    const field = `lineItems[${i}].duties[${j}]`;
    const taxes = taxesOf(d.taxLines, entity, field);
    const tax = sum(taxes.map((t) => t.amount));
    return {
      name: tr('shopify.dutyFee', { item: li.sku || li.name }, lang),
      totalExclTax: fix(exclTax(dec(amountOf(d.price, entity, `${field}.price`)), tax, inc)),
      taxes,
      kind: 'other' as const,
    };
  })).filter((f) => !o.dutiesIncluded && !dec(f.totalExclTax).isZero());

  // Discounts are already spread on the lines; one coupon per code, for the journal and the GesCom's text.
  const lineDiscountExcl = sum(lines.map((l) => dec(l.subtotalExclTax).minus(l.totalExclTax)));
  const lineDiscountTax = sum(lines.map((l) => dec(l.subtotalTax).minus(sum(l.taxes.map((t) => t.amount)))));
  const codes = o.discountCodes ?? [];
  const coupons = lineDiscountExcl.isZero() ? [] : [{
    code: codes.join(', ') || 'discount',
    description: '',
    discountExclTax: fix(lineDiscountExcl),
    discountTax: fix(lineDiscountTax),
  }];

  const payments: ShopPayment[] = (o.transactions ?? [])
    .filter((t) => t.status === 'SUCCESS' && (t.kind === 'SALE' || t.kind === 'CAPTURE'))
    .map((t, i) => ({
      method: t.gateway ?? '',
      title: t.gateway ?? '',
      amount: amountOf(t.amountSet, entity, `transactions[${i}].amountSet`),
      date: t.processedAt ?? null,
      transactionId: t.paymentId ?? '',
    }));

  const messages: ShopOrder['messages'] = [];
  if ((o.note ?? '').trim() !== '') messages.push({ author: 'customer', text: o.note!.trim(), date: o.createdAt });
  // Refunds are the shop's: the GesCom document keeps the order as sold; a credit note is the accountant's call.
  for (const r of o.refunds ?? []) {
    const amount = amountOf(r.totalRefundedSet, entity, 'refunds.totalRefundedSet');
    messages.push({ author: 'shop', text: tr('shopify.refundMessage', { amount, currency: o.currencyCode, note: r.note ?? '' }, lang).trim(), date: r.createdAt ?? null });
  }

  const total = amountOf(o.totalPriceSet, entity, 'totalPriceSet');
  const totalTax = amountOf(o.totalTaxSet, entity, 'totalTaxSet');
  const billing = address(o.billingAddress, email);
  // The numeric id: customer account numbers are built from it (CMD-03).
  const customerId = o.customer?.id ? o.customer.id.replace(/^gid:\/\/shopify\/Customer\//, '') : null;
  return {
    id: o.id,
    // "#1001" is shown with its sign by Shopify; the number alone is what the GesCom keeps.
    number: o.name.replace(/^#/, ''),
    status: shopifyStatus(o),
    state: shopifyOrderState(o),
    createdAt: o.createdAt,
    paidAt: payments[0]?.date ?? null,
    invoicedAt: null,
    modifiedAt: o.updatedAt,
    currency: o.totalPriceSet.shopMoney.currencyCode ?? o.currencyCode,
    pricesIncludeTax: inc,
    customer: {
      id: customerId,
      email,
      firstName: o.customer?.firstName ?? billing.firstName,
      lastName: o.customer?.lastName ?? billing.lastName,
      company: billing.company,
    },
    billing,
    shipping: o.shippingAddress ? [address(o.shippingAddress, email)] : [],
    lines,
    shippingLines,
    fees,
    coupons,
    payments,
    paymentMethod: o.paymentGatewayNames?.[0] ?? '',
    paymentMethodTitle: o.paymentGatewayNames?.[0] ?? '',
    messages,
    totals: {
      exclTax: fix(dec(total).minus(totalTax)),
      tax: totalTax,
      inclTax: total,
      shippingExclTax: fix(sum(shippingLines.map((s) => s.totalExclTax))),
      discountExclTax: fix(lineDiscountExcl),
    },
    storeId: null,
  };
}
