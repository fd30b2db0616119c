/**
 * Orders: the GraphQL Order with the money of real orders (MoneyBag in shop money), line tax lines,
 * discount allocations, shipping lines and their taxes, refunds, fulfillment orders; the orders
 * search (created_at, updated_at, processed_at, status, financial_status, fulfillment_status, tag,
 * name, email) with the 60-day window of apps without read_all_orders; orderUpdate,
 * orderClose/orderOpen, fulfillmentCreate with tracking, fulfillmentTrackingInfoUpdate; and placeOrder, the simulator's
 * "a customer ordered" helper, which computes exact totals and fires orders/create.
 */
import { Decimal } from '../../../src/util/decimal.js';
import { GraphQLError } from 'graphql';
import { connection, type PageArgs } from './connection.js';
import { count, iso, moneyBag, moneyV2, requireScope, userError, type Ctx } from './context.js';
import { addressFromInput, addressView, customerView } from './customers.js';
import { gid, gidId } from './ids.js';
import { matchDate, matchNumber, matchText, searchFilter, type Term } from './search.js';
import type { AddressRec, CustomerRec, DiscountApplicationRec, FulfillmentOrderRec, FulfillmentRec, LineItemRec, OrderRec, ShippingLineRec, ShopifyState, TaxLineRec } from './state.js';
import { locationView, metafieldFields, productView, variantView } from './views-catalog.js';

type Args = PageArgs & Record<string, unknown>;
type Input = Record<string, unknown>;

/** Orders older than this are invisible to apps without read_all_orders. */
export const ORDERS_WINDOW_DAYS = 60;

/** Whether the app can see the order (60-day window without read_all_orders). */
export function orderVisible(ctx: Ctx, o: OrderRec): boolean {
  if (ctx.scopes.has('read_all_orders')) return true;
  return o.createdAt.getTime() >= ctx.state.now().getTime() - ORDERS_WINDOW_DAYS * 86_400_000;
}

function taxLineView(ctx: Ctx, t: TaxLineRec) {
  const rate = new Decimal(t.rate);
  return { title: t.title, rate: rate.toNumber(), ratePercentage: rate.times(100).toNumber(), priceSet: moneyBag(ctx, t.price), price: new Decimal(t.price).toFixed(2), source: null, channelLiable: false };
}

function discountApplicationView(ctx: Ctx, d: DiscountApplicationRec, index: number) {
  const value = d.valueType === 'PERCENTAGE' ? { __typename: 'PricingPercentageValue', percentage: Number(d.value) } : { __typename: 'MoneyV2', ...moneyV2(d.value, ctx.state.shop.currencyCode) };
  return {
    __typename: d.code ? 'DiscountCodeApplication' : 'ManualDiscountApplication',
    code: d.code, title: d.title, description: d.title, index, value,
    allocationMethod: d.allocationMethod, targetSelection: 'ALL', targetType: d.targetType,
  };
}

function allocationsView(ctx: Ctx, o: OrderRec, list: { amount: string; applicationIndex: number }[]) {
  return list.map((a) => ({ allocatedAmountSet: moneyBag(ctx, a.amount), allocatedAmount: moneyV2(a.amount, o.currencyCode), discountApplication: discountApplicationView(ctx, o.discountApplications[a.applicationIndex]!, a.applicationIndex) }));
}

export function lineItemView(ctx: Ctx, o: OrderRec, l: LineItemRec) {
  const s = ctx.state;
  const refunded = o.refunds.flatMap((r) => r.lines).filter((x) => x.lineItemId === l.id).reduce((n, x) => n + x.quantity, 0);
  const fulfilled = o.fulfillmentIds.map((id) => s.fulfillments.get(id)!).flatMap((f) => f.lines).filter((x) => x.lineItemId === l.id).reduce((n, x) => n + x.quantity, 0);
  const original = new Decimal(l.originalUnitPrice).times(l.quantity);
  const discounted = original.minus(l.discount);
  const tax = l.taxLines.reduce((sum, t) => sum.plus(t.price), new Decimal(0));
  return {
    __typename: 'LineItem',
    id: gid('LineItem', l.id),
    title: l.title,
    name: l.variantTitle ? `${l.title} - ${l.variantTitle}` : l.title,
    variantTitle: l.variantTitle,
    sku: l.sku,
    vendor: l.vendor,
    quantity: l.quantity,
    currentQuantity: l.quantity - refunded,
    refundableQuantity: l.quantity - refunded,
    unfulfilledQuantity: Math.max(0, l.quantity - refunded - fulfilled),
    fulfillableQuantity: Math.max(0, l.quantity - refunded - fulfilled),
    nonFulfillableQuantity: refunded,
    taxable: l.taxable,
    requiresShipping: l.requiresShipping,
    isGiftCard: false,
    restockable: true,
    merchantEditable: true,
    customAttributes: [],
    duties: [],
    originalUnitPriceSet: moneyBag(ctx, l.originalUnitPrice),
    originalTotalSet: moneyBag(ctx, original),
    discountedUnitPriceSet: moneyBag(ctx, l.discountedUnitPrice),
    discountedUnitPriceAfterAllDiscountsSet: moneyBag(ctx, l.discountedUnitPrice),
    discountedTotalSet: () => moneyBag(ctx, discounted),
    totalDiscountSet: moneyBag(ctx, l.discount),
    // Before taxes: tax-inclusive prices have their tax taken out.
    priceAfterAllDiscountsBeforeTaxesSet: moneyBag(ctx, o.taxesIncluded ? discounted.minus(tax) : discounted),
    unfulfilledDiscountedTotalSet: moneyBag(ctx, new Decimal(l.discountedUnitPrice).times(Math.max(0, l.quantity - refunded - fulfilled))),
    unfulfilledOriginalTotalSet: moneyBag(ctx, new Decimal(l.originalUnitPrice).times(Math.max(0, l.quantity - refunded - fulfilled))),
    taxLines: (args: { first?: number | null }) => l.taxLines.slice(0, args.first ?? undefined).map((t) => taxLineView(ctx, t)),
    discountAllocations: allocationsView(ctx, o, l.discountAllocations),
    get variant() { const v = l.variantId ? s.variants.get(l.variantId) : undefined; return v ? variantView(ctx, v) : null; },
    get product() { const p = l.productId ? s.products.get(l.productId) : undefined; return p ? productView(ctx, p) : null; },
    image: () => null,
    weight: null,
  };
}

function shippingLineView(ctx: Ctx, o: OrderRec, sl: ShippingLineRec) {
  return {
    __typename: 'ShippingLine',
    id: gid('ShippingLine', sl.id),
    title: sl.title,
    code: sl.code,
    source: 'shopify',
    carrierIdentifier: null,
    custom: false,
    isRemoved: false,
    phone: null,
    deliveryCategory: null,
    shippingRateHandle: null,
    originalPriceSet: moneyBag(ctx, sl.originalPrice),
    discountedPriceSet: moneyBag(ctx, sl.discountedPrice),
    currentDiscountedPriceSet: moneyBag(ctx, sl.discountedPrice),
    taxLines: sl.taxLines.map((t) => taxLineView(ctx, t)),
    discountAllocations: allocationsView(ctx, o, sl.discountAllocations),
  };
}

function fulfillmentOrderView(ctx: Ctx, fo: FulfillmentOrderRec) {
  const s = ctx.state;
  const o = () => s.orders.get(fo.orderId)!;
  const loc = s.locations.get(fo.locationId)!;
  return {
    __typename: 'FulfillmentOrder',
    id: gid('FulfillmentOrder', fo.id),
    status: fo.status,
    requestStatus: 'UNSUBMITTED',
    createdAt: iso(fo.createdAt),
    updatedAt: iso(fo.updatedAt),
    get orderId() { return gid('Order', fo.orderId); },
    get orderName() { return o().name; },
    get orderProcessedAt() { return iso(o().processedAt); },
    get order() { return orderView(ctx, o()); },
    fulfillAt: null, fulfillBy: null, fulfillmentHolds: [], supportedActions: fo.status === 'CLOSED' ? [] : [{ action: 'CREATE_FULFILLMENT', externalUrl: null }],
    assignedLocation: { name: loc.name, address1: loc.address.address1, address2: null, city: loc.address.city, zip: loc.address.zip, countryCode: loc.address.countryCode, province: null, phone: null, get location() { return locationView(ctx, loc); } },
    destination: null,
    deliveryMethod: null,
    lineItems: (args: Args) => connection(fo.lineItems, args, (x) => [x.id, x.id], (x) => {
      const li = o().lineItems.find((l) => l.id === x.lineItemId)!;
      return {
        id: gid('FulfillmentOrderLineItem', x.id), totalQuantity: x.totalQuantity, remainingQuantity: x.remainingQuantity, sku: li.sku,
        productTitle: li.title, variantTitle: li.variantTitle, vendor: li.vendor, requiresShipping: li.requiresShipping, warnings: [], financialSummaries: [],
        inventoryItemId: li.variantId && s.variants.get(li.variantId) ? gid('InventoryItem', s.variants.get(li.variantId)!.inventoryItemId) : null,
        get lineItem() { return lineItemView(ctx, o(), li); },
        get variant() { const v = li.variantId ? s.variants.get(li.variantId) : undefined; return v ? variantView(ctx, v) : null; },
        image: null, weight: null, shippingLine: null,
      };
    }),
    fulfillments: (args: Args) => connection([...s.fulfillments.values()].filter((f) => f.orderId === fo.orderId), args, (f) => [f.id, f.id], (f) => fulfillmentView(ctx, f)),
  };
}

function fulfillmentView(ctx: Ctx, f: FulfillmentRec) {
  const s = ctx.state;
  const o = () => s.orders.get(f.orderId)!;
  return {
    __typename: 'Fulfillment',
    id: gid('Fulfillment', f.id),
    legacyResourceId: String(f.id),
    name: f.name,
    status: f.status,
    displayStatus: f.status === 'SUCCESS' ? 'FULFILLED' : 'CANCELED',
    createdAt: iso(f.createdAt),
    updatedAt: iso(f.updatedAt),
    deliveredAt: null, inTransitAt: null, estimatedDeliveryAt: null, requiresShipping: true,
    totalQuantity: f.lines.reduce((n, l) => n + l.quantity, 0),
    trackingInfo: (args: { first?: number | null }) => f.tracking.slice(0, args.first ?? undefined).map((t) => ({ ...t })),
    get location() { const l = s.locations.get(f.locationId); return l ? locationView(ctx, l) : null; },
    get order() { return orderView(ctx, o()); },
    service: null, originAddress: null,
    fulfillmentLineItems: (args: Args) => connection(f.lines.map((l, i) => ({ ...l, id: f.id * 1000 + i })), args, (x) => [x.id, x.id], (x) => {
      const li = o().lineItems.find((l) => l.id === x.lineItemId)!;
      const total = new Decimal(li.discountedUnitPrice).times(x.quantity);
      return { id: gid('FulfillmentLineItem', x.id), quantity: x.quantity, originalTotalSet: moneyBag(ctx, new Decimal(li.originalUnitPrice).times(x.quantity)), discountedTotalSet: moneyBag(ctx, total), get lineItem() { return lineItemView(ctx, o(), li); } };
    }),
  };
}

function displayFulfillmentStatus(s: ShopifyState, o: OrderRec): string {
  const fos = o.fulfillmentOrderIds.map((id) => s.fulfillmentOrders.get(id)!);
  const total = fos.reduce((n, fo) => n + fo.lineItems.reduce((m, x) => m + x.totalQuantity, 0), 0);
  const remaining = fos.reduce((n, fo) => n + fo.lineItems.reduce((m, x) => m + x.remainingQuantity, 0), 0);
  if (total === 0) return 'FULFILLED';
  if (remaining === 0) return 'FULFILLED';
  if (remaining < total) return 'PARTIALLY_FULFILLED';
  // Shopify: "On hold" when every unfulfilled item is in a fulfillment order the merchant put on hold.
  if (fos.filter((fo) => fo.lineItems.some((x) => x.remainingQuantity > 0)).every((fo) => fo.status === 'ON_HOLD')) return 'ON_HOLD';
  return 'UNFULFILLED';
}

export function orderView(ctx: Ctx, o: OrderRec): Record<string, unknown> {
  const s = ctx.state;
  const ownerId = gid('Order', o.id);
  const refunded = o.refunds.reduce((sum, r) => sum.plus(r.total), new Decimal(0));
  const taxByRate = new Map<string, TaxLineRec>();
  for (const t of [...o.lineItems.flatMap((l) => l.taxLines), ...o.shippingLines.flatMap((x) => x.taxLines)]) {
    const k = `${t.title}|${t.rate}`;
    const prev = taxByRate.get(k);
    taxByRate.set(k, prev ? { ...prev, price: new Decimal(prev.price).plus(t.price).toFixed(2) } : { ...t });
  }
  const paid = o.displayFinancialStatus === 'PAID' || o.displayFinancialStatus === 'PARTIALLY_REFUNDED' || o.displayFinancialStatus === 'REFUNDED';
  const total = moneyBag(ctx, o.totalPrice);
  const current = moneyBag(ctx, new Decimal(o.totalPrice).minus(refunded));
  return {
    __typename: 'Order',
    id: ownerId,
    legacyResourceId: String(o.id),
    name: o.name,
    number: o.number,
    confirmationNumber: `SIM${o.number}`,
    email: o.email,
    phone: o.phone,
    createdAt: iso(o.createdAt),
    processedAt: iso(o.processedAt),
    updatedAt: iso(o.updatedAt),
    closed: o.closedAt !== null,
    closedAt: iso(o.closedAt),
    cancelledAt: iso(o.cancelledAt),
    cancelReason: o.cancelReason,
    confirmed: true,
    test: false,
    edited: false,
    currencyCode: o.currencyCode,
    presentmentCurrencyCode: o.currencyCode,
    taxesIncluded: o.taxesIncluded,
    dutiesIncluded: false,
    taxExempt: false,
    estimatedTaxes: false,
    displayFinancialStatus: o.displayFinancialStatus,
    get displayFulfillmentStatus() { return displayFulfillmentStatus(s, o); },
    fullyPaid: paid,
    unpaid: !paid,
    canMarkAsPaid: !paid,
    capturable: o.displayFinancialStatus === 'AUTHORIZED',
    refundable: paid,
    requiresShipping: o.lineItems.some((l) => l.requiresShipping),
    fulfillable: displayFulfillmentStatus(s, o) !== 'FULFILLED',
    restockable: true,
    merchantEditable: true,
    merchantEditableErrors: [],
    note: o.note,
    tags: [...o.tags].sort(),
    poNumber: o.poNumber,
    sourceName: 'web',
    sourceIdentifier: null,
    customerLocale: 'fr',
    customerAcceptsMarketing: false,
    discountCode: o.discountCodes[0] ?? null,
    discountCodes: o.discountCodes,
    paymentGatewayNames: [o.gateway],
    customAttributes: [],
    alerts: [],
    disputes: [],
    additionalFees: [],
    subtotalLineItemsQuantity: o.lineItems.reduce((n, l) => n + l.quantity, 0),
    currentSubtotalLineItemsQuantity: o.lineItems.reduce((n, l) => n + l.quantity, 0) - o.refunds.flatMap((r) => r.lines).reduce((n, x) => n + x.quantity, 0),
    subtotalPriceSet: moneyBag(ctx, o.subtotalPrice),
    currentSubtotalPriceSet: moneyBag(ctx, o.subtotalPrice),
    totalPriceSet: total,
    originalTotalPriceSet: total,
    currentTotalPriceSet: current,
    totalTaxSet: moneyBag(ctx, o.totalTax),
    currentTotalTaxSet: moneyBag(ctx, o.totalTax),
    totalShippingPriceSet: moneyBag(ctx, o.totalShippingPrice),
    currentShippingPriceSet: moneyBag(ctx, o.totalShippingPrice),
    totalDiscountsSet: moneyBag(ctx, o.totalDiscounts),
    currentTotalDiscountsSet: moneyBag(ctx, o.totalDiscounts),
    cartDiscountAmountSet: moneyBag(ctx, o.totalDiscounts),
    currentCartDiscountAmountSet: moneyBag(ctx, o.totalDiscounts),
    totalRefundedSet: moneyBag(ctx, refunded),
    totalRefundedShippingSet: moneyBag(ctx, 0),
    totalReceivedSet: paid ? total : moneyBag(ctx, 0),
    netPaymentSet: paid ? current : moneyBag(ctx, 0),
    totalOutstandingSet: paid ? moneyBag(ctx, 0) : total,
    totalCapturableSet: moneyBag(ctx, o.displayFinancialStatus === 'AUTHORIZED' ? o.totalPrice : 0),
    totalTipReceivedSet: moneyBag(ctx, 0),
    refundDiscrepancySet: moneyBag(ctx, 0),
    originalTotalDutiesSet: null,
    currentTotalDutiesSet: null,
    originalTotalAdditionalFeesSet: null,
    currentTotalAdditionalFeesSet: null,
    totalWeight: '0',
    currentTotalWeight: '0',
    taxLines: [...taxByRate.values()].map((t) => taxLineView(ctx, t)),
    currentTaxLines: [...taxByRate.values()].map((t) => taxLineView(ctx, t)),
    get customer() { const c = o.customerId ? s.customers.get(o.customerId) : undefined; return c ? customerView(ctx, c) : null; },
    billingAddress: addressView(o.billingAddress),
    shippingAddress: addressView(o.shippingAddress),
    displayAddress: addressView(o.billingAddress ?? o.shippingAddress),
    billingAddressMatchesShippingAddress: JSON.stringify({ ...o.billingAddress, id: 0 }) === JSON.stringify({ ...o.shippingAddress, id: 0 }),
    lineItems: (args: Args) => connection(o.lineItems, args, (l) => [l.id, l.id], (l) => lineItemView(ctx, o, l)),
    shippingLine: o.shippingLines[0] ? shippingLineView(ctx, o, o.shippingLines[0]) : null,
    shippingLines: (args: Args) => connection(o.shippingLines, args, (x) => [x.id, x.id], (x) => shippingLineView(ctx, o, x)),
    discountApplications: (args: Args) => connection(o.discountApplications.map((d, i) => ({ d, i })), args, (x) => [x.i, x.i], (x) => discountApplicationView(ctx, x.d, x.i)),
    refunds: (args: { first?: number | null }) => o.refunds.slice(0, args.first ?? undefined).map((r) => ({
      __typename: 'Refund',
      id: gid('Refund', r.id), legacyResourceId: String(r.id), note: r.note, createdAt: iso(r.createdAt), processedAt: iso(r.createdAt), updatedAt: iso(r.createdAt),
      totalRefundedSet: moneyBag(ctx, r.total),
      get order() { return orderView(ctx, o); },
      duties: [], return: null, staffMember: null,
      refundLineItems: (a: Args) => connection(r.lines.map((x, i) => ({ ...x, id: r.id * 1000 + i })), a, (x) => [x.id, x.id], (x) => {
        const li = o.lineItems.find((l) => l.id === x.lineItemId)!;
        return { id: gid('RefundLineItem', x.id), quantity: x.quantity, restockType: 'NO_RESTOCK', restocked: false, priceSet: moneyBag(ctx, li.discountedUnitPrice), subtotalSet: moneyBag(ctx, x.subtotal), totalTaxSet: moneyBag(ctx, 0), location: null, get lineItem() { return lineItemView(ctx, o, li); } };
      }),
      refundShippingLines: (a: Args) => connection([] as { id: number }[], a, (x) => [x.id, x.id], () => null),
      orderAdjustments: (a: Args) => connection([] as { id: number }[], a, (x) => [x.id, x.id], () => null),
      transactions: (a: Args) => connection([] as { id: number }[], a, (x) => [x.id, x.id], () => null),
    })),
    transactions: (args: { first?: number | null }) => (paid || o.displayFinancialStatus === 'AUTHORIZED' ? [{
      __typename: 'OrderTransaction', id: gid('OrderTransaction', o.id), kind: o.displayFinancialStatus === 'AUTHORIZED' ? 'AUTHORIZATION' : 'SALE', status: 'SUCCESS', gateway: o.gateway,
      amountSet: total, createdAt: iso(o.processedAt), processedAt: iso(o.processedAt), test: false, manuallyCapturable: false, errorCode: null, formattedGateway: o.gateway, paymentId: `sim-${o.id}`,
    }] : []).slice(0, args.first ?? undefined),
    get transactionsCount() { return count(paid ? 1 : 0); },
    fulfillmentOrders: (args: Args) => connection(o.fulfillmentOrderIds.map((id) => s.fulfillmentOrders.get(id)!), args, (x) => [x.id, x.id], (x) => fulfillmentOrderView(ctx, x)),
    fulfillments: (args: { first?: number | null }) => o.fulfillmentIds.map((id) => s.fulfillments.get(id)!).slice(0, args.first ?? undefined).map((f) => fulfillmentView(ctx, f)),
    get fulfillmentsCount() { return count(o.fulfillmentIds.length); },
    returnStatus: 'NO_RETURN',
    statusPageUrl: () => `${ctx.hooks.url}/orders/${o.id}/status`,
    ...metafieldFields(ctx, ownerId),
  };
}

function orderMatcher(ctx: Ctx) {
  const s = ctx.state;
  return (o: OrderRec, t: Term): boolean | undefined => {
    switch (t.field) {
      case undefined: return o.name.toLowerCase().includes(t.value.toLowerCase()) || (o.email ?? '').toLowerCase().includes(t.value.toLowerCase());
      case 'id': return matchNumber(o.id, t);
      case 'name': return matchText(o.name, t) || matchText(o.name.replace(/^#/, ''), t);
      case 'email': return matchText(o.email, t);
      case 'created_at': return matchDate(o.createdAt, t);
      case 'updated_at': return matchDate(o.updatedAt, t);
      case 'processed_at': return matchDate(o.processedAt, t);
      case 'tag': return o.tags.some((x) => matchText(x, t));
      case 'tag_not': return !o.tags.some((x) => matchText(x, t));
      case 'customer_id': return matchNumber(o.customerId, t);
      case 'status': {
        const v = t.value.toLowerCase();
        if (v === 'any') return true;
        if (v === 'open') return o.closedAt === null && o.cancelledAt === null;
        if (v === 'closed') return o.closedAt !== null;
        if (v === 'cancelled') return o.cancelledAt !== null;
        if (v === 'not_closed') return o.closedAt === null;
        return false;
      }
      case 'financial_status': return t.value.toUpperCase() === o.displayFinancialStatus || (t.value === 'paid' && o.displayFinancialStatus === 'PAID');
      case 'fulfillment_status': {
        const st = displayFulfillmentStatus(s, o);
        const v = t.value.toLowerCase();
        if (v === 'shipped' || v === 'fulfilled') return st === 'FULFILLED';
        if (v === 'unshipped' || v === 'unfulfilled') return st === 'UNFULFILLED';
        if (v === 'partial') return st === 'PARTIALLY_FULFILLED';
        return st.toLowerCase() === v;
      }
      default: return undefined;
    }
  };
}

export function orderQueries(ctx: Ctx) {
  const s = ctx.state;
  return {
    orders: (args: Args) => {
      requireScope(ctx, 'orders', 'read_orders');
      // Shopify's default status filter for orders is "any" in the Admin API.
      const list = searchFilter([...s.orders.values()].filter((o) => orderVisible(ctx, o)), args.query as string | undefined, orderMatcher(ctx));
      const keys: Record<string, (o: OrderRec) => string | number> = {
        ID: (o) => o.id, CREATED_AT: (o) => o.createdAt.getTime(), UPDATED_AT: (o) => o.updatedAt.getTime(), PROCESSED_AT: (o) => o.processedAt.getTime(),
        ORDER_NUMBER: (o) => o.number, TOTAL_PRICE: (o) => Number(o.totalPrice), CUSTOMER_NAME: (o) => o.email ?? '',
      };
      const f = keys[String(args.sortKey ?? 'PROCESSED_AT')] ?? keys.PROCESSED_AT!;
      return connection(list, args, (o) => [f(o), o.id], (o) => orderView(ctx, o));
    },
    order: (args: { id: string }) => {
      requireScope(ctx, 'order', 'read_orders');
      const o = s.orders.get(gidId(args.id, 'Order') ?? -1);
      return o && orderVisible(ctx, o) ? orderView(ctx, o) : null;
    },
    ordersCount: (args: { query?: string | null }) => {
      requireScope(ctx, 'ordersCount', 'read_orders');
      return count(searchFilter([...s.orders.values()].filter((o) => orderVisible(ctx, o)), args.query, orderMatcher(ctx)).length);
    },
    fulfillmentOrders: (args: Args) => {
      requireScope(ctx, 'fulfillmentOrders', 'read_merchant_managed_fulfillment_orders');
      const list = [...s.fulfillmentOrders.values()].filter((fo) => args.includeClosed || fo.status !== 'CLOSED');
      return connection(list, args, (x) => [x.id, x.id], (x) => fulfillmentOrderView(ctx, x));
    },
    fulfillmentOrder: (args: { id: string }) => {
      requireScope(ctx, 'fulfillmentOrder', 'read_merchant_managed_fulfillment_orders');
      const fo = s.fulfillmentOrders.get(gidId(args.id, 'FulfillmentOrder') ?? -1);
      return fo ? fulfillmentOrderView(ctx, fo) : null;
    },
  };
}

export function orderMutations(ctx: Ctx) {
  const s = ctx.state;
  const find = (id: unknown) => {
    const o = s.orders.get(gidId(id, 'Order') ?? -1);
    return o && orderVisible(ctx, o) ? o : undefined;
  };
  const touched = (o: OrderRec) => {
    o.updatedAt = s.now();
    ctx.hooks.event('orders/updated', { kind: 'order', id: o.id });
  };
  return {
    orderUpdate: (args: { input: Input }) => {
      requireScope(ctx, 'orderUpdate', 'write_orders');
      const o = find(args.input.id);
      if (!o) return { order: null, userErrors: [userError(['id'], 'Order does not exist')] };
      const input = args.input;
      if (input.note !== undefined) o.note = (input.note as string | null) ?? null;
      if (input.email !== undefined) o.email = (input.email as string | null) ?? null;
      if (input.poNumber !== undefined) o.poNumber = (input.poNumber as string | null) ?? null;
      if (Array.isArray(input.tags)) o.tags = [...new Set((input.tags as string[]).flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean))];
      if (input.shippingAddress && typeof input.shippingAddress === 'object') o.shippingAddress = addressFromInput(ctx, input.shippingAddress as Input);
      if (Array.isArray(input.metafields)) {
        for (const [i, m] of (input.metafields as Input[]).entries()) {
          if (typeof m.key !== 'string' || typeof m.value !== 'string') return { order: null, userErrors: [userError(['metafields', i], 'Metafield key and value are required')] };
        }
        for (const m of input.metafields as Input[]) s.putMetafield(gid('Order', o.id), (m.namespace as string | undefined) ?? '$app', m.key as string, (m.type as string | undefined) ?? s.findMetafield(gid('Order', o.id), (m.namespace as string | undefined) ?? '$app', m.key as string)?.type ?? 'single_line_text_field', m.value as string);
      }
      touched(o);
      return { order: orderView(ctx, o), userErrors: [] };
    },
    orderClose: (args: { input: { id: string } }) => {
      requireScope(ctx, 'orderClose', 'write_orders');
      const o = find(args.input.id);
      if (!o) return { order: null, userErrors: [userError(['id'], 'Order does not exist')] };
      o.closedAt = s.now();
      touched(o);
      return { order: orderView(ctx, o), userErrors: [] };
    },
    orderOpen: (args: { input: { id: string } }) => {
      requireScope(ctx, 'orderOpen', 'write_orders');
      const o = find(args.input.id);
      if (!o) return { order: null, userErrors: [userError(['id'], 'Order does not exist')] };
      o.closedAt = null;
      touched(o);
      return { order: orderView(ctx, o), userErrors: [] };
    },
    fulfillmentCreate: (args: { fulfillment: { lineItemsByFulfillmentOrder: { fulfillmentOrderId: string; fulfillmentOrderLineItems?: { id: string; quantity: number }[] | null }[]; trackingInfo?: TrackingInput | null; notifyCustomer?: boolean } }) => {
      requireScope(ctx, 'fulfillmentCreate', 'write_merchant_managed_fulfillment_orders');
      const groups = args.fulfillment.lineItemsByFulfillmentOrder;
      const fos: FulfillmentOrderRec[] = [];
      for (const [i, g] of groups.entries()) {
        const fo = s.fulfillmentOrders.get(gidId(g.fulfillmentOrderId, 'FulfillmentOrder') ?? -1);
        if (!fo) return { fulfillment: null, userErrors: [userError(['fulfillment', 'lineItemsByFulfillmentOrder', i, 'fulfillmentOrderId'], 'Fulfillment order does not exist.')] };
        if (fo.status === 'CLOSED' || fo.status === 'CANCELLED' || fo.status === 'ON_HOLD') return { fulfillment: null, userErrors: [userError(['fulfillment'], `Fulfillment order ${g.fulfillmentOrderId} has an unfulfillable status= ${fo.status.toLowerCase()}.`)] };
        fos.push(fo);
      }
      if (new Set(fos.map((f) => f.orderId)).size > 1) return { fulfillment: null, userErrors: [userError(['fulfillment'], 'All fulfillment orders must belong to the same order.')] };
      // Plan the quantities before changing anything.
      const plan: { fo: FulfillmentOrderRec; line: FulfillmentOrderRec['lineItems'][number]; quantity: number }[] = [];
      for (const [i, g] of groups.entries()) {
        const fo = fos[i]!;
        if (!g.fulfillmentOrderLineItems) {
          for (const line of fo.lineItems) if (line.remainingQuantity > 0) plan.push({ fo, line, quantity: line.remainingQuantity });
          continue;
        }
        for (const [j, li] of g.fulfillmentOrderLineItems.entries()) {
          const line = fo.lineItems.find((x) => gid('FulfillmentOrderLineItem', x.id) === li.id);
          if (!line) return { fulfillment: null, userErrors: [userError(['fulfillment', 'lineItemsByFulfillmentOrder', i, 'fulfillmentOrderLineItems', j, 'id'], 'Fulfillment order line item does not exist.')] };
          if (li.quantity <= 0 || li.quantity > line.remainingQuantity) return { fulfillment: null, userErrors: [userError(['fulfillment', 'lineItemsByFulfillmentOrder', i, 'fulfillmentOrderLineItems', j, 'quantity'], `Invalid quantity: ${li.quantity} (remaining ${line.remainingQuantity}).`)] };
          plan.push({ fo, line, quantity: li.quantity });
        }
      }
      if (plan.length === 0) return { fulfillment: null, userErrors: [userError(['fulfillment'], 'Nothing left to fulfill.')] };
      const order = s.orders.get(fos[0]!.orderId)!;
      const now = s.now();
      const tracking = trackingOf(args.fulfillment.trackingInfo, ['fulfillment', 'trackingInfo']);
      if ('userErrors' in tracking) return { fulfillment: null, userErrors: tracking.userErrors };
      const f: FulfillmentRec = {
        id: s.id(), orderId: order.id, name: `${order.name}-F${order.fulfillmentIds.length + 1}`, status: 'SUCCESS', locationId: fos[0]!.locationId,
        tracking: tracking.list, customerNotifications: args.fulfillment.notifyCustomer ? 1 : 0, lines: [], createdAt: now, updatedAt: now,
      };
      for (const p of plan) {
        p.line.remainingQuantity -= p.quantity;
        const li = order.lineItems.find((l) => l.id === p.line.lineItemId)!;
        f.lines.push({ lineItemId: li.id, quantity: p.quantity });
        // Shipped goods leave the committed quantity.
        const v = li.variantId ? s.variants.get(li.variantId) : undefined;
        const level = v ? s.level(v.inventoryItemId, p.fo.locationId) : undefined;
        if (level) level.quantities.committed = Math.max(0, level.quantities.committed - p.quantity);
      }
      for (const fo of fos) {
        fo.status = fo.lineItems.every((x) => x.remainingQuantity === 0) ? 'CLOSED' : 'IN_PROGRESS';
        fo.updatedAt = now;
      }
      s.fulfillments.set(f.id, f);
      order.fulfillmentIds.push(f.id);
      touched(order);
      return { fulfillment: fulfillmentView(ctx, f), userErrors: [] };
    },
    /**
     * Replaces the fulfilment's tracking (company, numbers, URLs). The field paths follow the
     * arguments; Shopify documents no message texts for this mutation: ours are plain.
     */
    fulfillmentTrackingInfoUpdate: (args: { fulfillmentId: string; trackingInfoInput: TrackingInput; notifyCustomer?: boolean | null }) => {
      // Shopify takes any of three write scopes (assigned, merchant-managed, third-party fulfilment orders).
      if (!FULFILMENT_WRITE_SCOPES.some((x) => ctx.scopes.has(x))) requireScope(ctx, 'fulfillmentTrackingInfoUpdate', FULFILMENT_WRITE_SCOPES[0]);
      const f = s.fulfillments.get(gidId(args.fulfillmentId, 'Fulfillment') ?? -1);
      const order = f ? s.orders.get(f.orderId) : undefined;
      if (!f || !order || !orderVisible(ctx, order)) return { fulfillment: null, userErrors: [userError(['fulfillmentId'], 'Fulfillment does not exist.')] };
      if (f.status !== 'SUCCESS') return { fulfillment: null, userErrors: [userError(['fulfillmentId'], 'Cannot update the tracking of a cancelled fulfillment.')] };
      const tracking = trackingOf(args.trackingInfoInput, ['trackingInfoInput']);
      if ('userErrors' in tracking) return { fulfillment: null, userErrors: tracking.userErrors };
      f.tracking = tracking.list;
      if (args.notifyCustomer) f.customerNotifications++;
      f.updatedAt = s.now();
      touched(order);
      return { fulfillment: fulfillmentView(ctx, f), userErrors: [] };
    },
  };
}

const FULFILMENT_WRITE_SCOPES = ['write_merchant_managed_fulfillment_orders', 'write_assigned_fulfillment_orders', 'write_third_party_fulfillment_orders'] as const;

/** FulfillmentTrackingInput. */
interface TrackingInput { company?: string | null; number?: string | null; numbers?: string[] | null; url?: string | null; urls?: string[] | null }

/**
 * The tracking a FulfillmentTrackingInput gives, one entry per number (or one without number: a
 * company alone). The input's documented rules are enforced: `number` or `numbers`, `url` or
 * `urls`, never both; a URL only with a number.
 */
function trackingOf(t: TrackingInput | null | undefined, at: string[]): { list: FulfillmentRec['tracking'] } | { userErrors: ReturnType<typeof userError>[] } {
  if (!t) return { list: [] };
  const refuse = (field: string, message: string) => ({ userErrors: [userError([...at, field], message)] });
  if (t.number != null && t.numbers != null) return refuse('numbers', 'Provide either number or numbers, not both.');
  if (t.url != null && t.urls != null) return refuse('urls', 'Provide either url or urls, not both.');
  if (t.url != null && t.number == null) return refuse('url', 'A tracking url requires a tracking number.');
  if (t.urls != null && t.numbers == null) return refuse('urls', 'Tracking urls require tracking numbers.');
  const numbers = t.numbers ?? (t.number ? [t.number] : []);
  const urls = t.urls ?? (t.url ? [t.url] : []);
  const company = t.company ?? null;
  return { list: numbers.length ? numbers.map((n, i) => ({ company, number: n, url: urls[i] ?? null })) : [{ company, number: null, url: null }] };
}

// ---- placeOrder: a customer orders on the shop ----

export interface PlaceOrderLine {
  /** The variant, by SKU (or variantId gid); a line without product when neither is given (custom item). */
  sku?: string;
  variantId?: string;
  title?: string;
  quantity: number;
  /** Unit price (tax included when the order's taxesIncluded); default the variant's price. */
  price?: string;
  /** Discount on the whole line (an amount). */
  discount?: string;
  /** Tax rate as a decimal fraction ("0.2"), default the order's taxRate; "0" = no tax line. */
  taxRate?: string;
  taxTitle?: string;
}

export interface PlaceOrderInput {
  lines: PlaceOrderLine[];
  customer?: { id?: string; email?: string; firstName?: string; lastName?: string; phone?: string };
  email?: string;
  shipping?: { title: string; code?: string; price: string; discount?: string; taxRate?: string };
  /** Default the shop's taxesIncluded. */
  taxesIncluded?: boolean;
  /** Default "0.2" (TVA 20 %). */
  taxRate?: string;
  taxTitle?: string;
  discountCode?: string;
  billingAddress?: Partial<Omit<AddressRec, 'id'>>;
  shippingAddress?: Partial<Omit<AddressRec, 'id'>>;
  financialStatus?: OrderRec['displayFinancialStatus'];
  note?: string;
  tags?: string[];
  createdAt?: Date | string;
  gateway?: string;
  /** Commit the ordered quantities at the first location (default true, as Shopify does). */
  reserveStock?: boolean;
}

const r2 = (d: Decimal) => d.toDecimalPlaces(2);

function taxOf(amount: Decimal, rate: Decimal, included: boolean): Decimal {
  if (rate.isZero()) return new Decimal(0);
  return r2(included ? amount.times(rate).dividedBy(rate.plus(1)) : amount.times(rate));
}

const FRENCH_ADDRESS: Omit<AddressRec, 'id'> = {
  firstName: 'Camille', lastName: 'Martin', company: null, address1: '12 rue de la République', address2: null, city: 'Lyon', zip: '69002', provinceCode: null, countryCode: 'FR', phone: null,
};

/**
 * Builds a consistent order (totals exact in shop money: subtotal = Σ lines after discounts,
 * tax per line and per shipping line rounded half up, total = subtotal + shipping (+ tax when
 * prices exclude it)), stores it with a fulfillment order at the first active location, commits
 * stock, and fires orders/create.
 */
export function placeOrder(ctx: Ctx, input: PlaceOrderInput): OrderRec {
  const s = ctx.state;
  if (!input.lines.length) throw new Error('placeOrder: at least one line');
  const now = input.createdAt ? new Date(input.createdAt) : s.now();
  const included = input.taxesIncluded ?? s.shop.taxesIncluded;
  const defaultRate = input.taxRate ?? '0.2';
  const taxTitle = input.taxTitle ?? 'TVA';
  const discountApps: DiscountApplicationRec[] = [];
  const anyDiscount = input.lines.some((l) => l.discount && !new Decimal(l.discount).isZero()) || (input.shipping?.discount && !new Decimal(input.shipping.discount).isZero());
  if (anyDiscount) discountApps.push({ code: input.discountCode ?? null, title: input.discountCode ?? 'Remise', valueType: 'FIXED_AMOUNT', value: '0', allocationMethod: 'EACH', targetType: 'LINE_ITEM' });
  const lines: LineItemRec[] = input.lines.map((l) => {
    const v = l.variantId ? s.variants.get(gidId(l.variantId, 'ProductVariant') ?? -1) : l.sku ? s.variantBySku(l.sku) : undefined;
    if ((l.sku || l.variantId) && !v) throw new Error(`placeOrder: no variant ${l.sku ?? l.variantId}`);
    if (!Number.isInteger(l.quantity) || l.quantity <= 0) throw new Error(`placeOrder: invalid quantity ${l.quantity}`);
    const p = v ? s.products.get(v.productId)! : undefined;
    const unit = new Decimal(l.price ?? v?.price ?? '0');
    const gross = unit.times(l.quantity);
    const discount = r2(new Decimal(l.discount ?? '0'));
    const net = gross.minus(discount);
    const rate = new Decimal(l.taxRate ?? defaultRate);
    const tax = taxOf(net, rate, included);
    const title = l.title ?? p?.title ?? 'Article';
    const variantTitle = v && !(v.selectedOptions.length === 1 && v.selectedOptions[0]!.value === 'Default Title') ? v.selectedOptions.map((o) => o.value).join(' / ') : null;
    return {
      id: s.id(), title, variantTitle, sku: v?.sku ?? l.sku ?? null, vendor: p?.vendor ?? null, quantity: l.quantity, variantId: v?.id ?? null, productId: p?.id ?? null,
      originalUnitPrice: unit.toFixed(2), discountedUnitPrice: r2(net.dividedBy(l.quantity)).toFixed(2), discount: discount.toFixed(2),
      taxLines: rate.isZero() ? [] : [{ title: taxTitle, rate: rate.toString(), price: tax.toFixed(2) }],
      taxable: !rate.isZero(), requiresShipping: true,
      discountAllocations: discount.isZero() ? [] : [{ amount: discount.toFixed(2), applicationIndex: 0 }],
    };
  });
  const shippingLines: ShippingLineRec[] = [];
  if (input.shipping) {
    const price = new Decimal(input.shipping.price);
    const discount = r2(new Decimal(input.shipping.discount ?? '0'));
    const net = price.minus(discount);
    const rate = new Decimal(input.shipping.taxRate ?? defaultRate);
    const tax = taxOf(net, rate, included);
    if (!discount.isZero() && !discountApps.some((d) => d.targetType === 'SHIPPING_LINE')) discountApps.push({ code: input.discountCode ?? null, title: input.discountCode ?? 'Livraison offerte', valueType: 'FIXED_AMOUNT', value: discount.toFixed(2), allocationMethod: 'EACH', targetType: 'SHIPPING_LINE' });
    shippingLines.push({
      id: s.id(), title: input.shipping.title, code: input.shipping.code ?? input.shipping.title, originalPrice: price.toFixed(2), discountedPrice: net.toFixed(2),
      taxLines: rate.isZero() ? [] : [{ title: taxTitle, rate: rate.toString(), price: tax.toFixed(2) }],
      discountAllocations: discount.isZero() ? [] : [{ amount: discount.toFixed(2), applicationIndex: discountApps.findIndex((d) => d.targetType === 'SHIPPING_LINE') }],
    });
  }
  const sum = (xs: Decimal[]) => xs.reduce((a, b) => a.plus(b), new Decimal(0));
  const subtotal = sum(lines.map((l) => new Decimal(l.originalUnitPrice).times(l.quantity).minus(l.discount)));
  const shippingTotal = sum(shippingLines.map((x) => new Decimal(x.discountedPrice)));
  const totalTax = sum([...lines.flatMap((l) => l.taxLines), ...shippingLines.flatMap((x) => x.taxLines)].map((t) => new Decimal(t.price)));
  const totalDiscounts = sum([...lines.map((l) => new Decimal(l.discount)), ...shippingLines.map((x) => new Decimal(x.originalPrice).minus(x.discountedPrice))]);
  if (discountApps[0] && discountApps[0].targetType === 'LINE_ITEM') discountApps[0].value = sum(lines.map((l) => new Decimal(l.discount))).toFixed(2);
  const total = subtotal.plus(shippingTotal).plus(included ? 0 : totalTax);

  let customer: CustomerRec | undefined;
  if (input.customer?.id) customer = s.customers.get(gidId(input.customer.id, 'Customer') ?? -1);
  else if (input.customer?.email) customer = [...s.customers.values()].find((c) => c.email?.toLowerCase() === input.customer!.email!.toLowerCase());
  if (!customer && input.customer) {
    customer = {
      id: s.id(), firstName: input.customer.firstName ?? null, lastName: input.customer.lastName ?? null, email: input.customer.email ?? null, phone: input.customer.phone ?? null,
      note: null, tags: [], taxExempt: false, addresses: [], defaultAddressId: null, locale: 'fr', emailMarketingState: 'NOT_SUBSCRIBED', emailMarketingOptInLevel: null,
      emailConsentUpdatedAt: null, state: 'DISABLED', createdAt: now, updatedAt: now,
    };
    s.customers.set(customer.id, customer);
  }
  const addr = (a: Partial<Omit<AddressRec, 'id'>> | undefined): AddressRec => ({
    ...FRENCH_ADDRESS, firstName: customer?.firstName ?? FRENCH_ADDRESS.firstName, lastName: customer?.lastName ?? FRENCH_ADDRESS.lastName, ...a, id: s.id(),
  });
  const number = s.orderNumber();
  const order: OrderRec = {
    id: s.id(), number, name: `#${number}`, email: input.email ?? customer?.email ?? null, phone: customer?.phone ?? null,
    createdAt: now, processedAt: now, updatedAt: now, closedAt: null, cancelledAt: null, cancelReason: null,
    currencyCode: s.shop.currencyCode, taxesIncluded: included, displayFinancialStatus: input.financialStatus ?? 'PAID',
    customerId: customer?.id ?? null, billingAddress: addr(input.billingAddress), shippingAddress: addr(input.shippingAddress ?? input.billingAddress),
    note: input.note ?? null, tags: input.tags ?? [], poNumber: null,
    lineItems: lines, shippingLines, discountApplications: discountApps, discountCodes: input.discountCode ? [input.discountCode] : [],
    subtotalPrice: subtotal.toFixed(2), totalTax: totalTax.toFixed(2), totalShippingPrice: shippingTotal.toFixed(2), totalDiscounts: totalDiscounts.toFixed(2), totalPrice: total.toFixed(2),
    refunds: [], fulfillmentOrderIds: [], fulfillmentIds: [], gateway: input.gateway ?? 'shopify_payments',
  };
  const loc = [...s.locations.values()].find((l) => l.isActive);
  if (!loc) throw new GraphQLError('placeOrder: the shop has no active location');
  const fo: FulfillmentOrderRec = {
    id: s.id(), orderId: order.id, locationId: loc.id, status: 'OPEN', createdAt: now, updatedAt: now,
    lineItems: lines.map((l) => ({ id: s.id(), lineItemId: l.id, totalQuantity: l.quantity, remainingQuantity: l.quantity })),
  };
  s.fulfillmentOrders.set(fo.id, fo);
  order.fulfillmentOrderIds.push(fo.id);
  if (input.reserveStock ?? true) {
    for (const l of lines) {
      const v = l.variantId ? s.variants.get(l.variantId) : undefined;
      const item = v ? s.inventoryItems.get(v.inventoryItemId) : undefined;
      if (!v || !item?.tracked) continue;
      const level = s.activate(v.inventoryItemId, loc.id);
      level.quantities.available -= l.quantity;
      level.quantities.committed += l.quantity;
      level.updatedAt = now;
    }
  }
  s.orders.set(order.id, order);
  ctx.hooks.event('orders/create', { kind: 'order', id: order.id });
  return order;
}

/** Records a refund of some quantities (amounts at the discounted unit price), for tests of refunds. */
export function refundOrder(ctx: Ctx, orderId: number, lines: { sku: string; quantity: number }[], note?: string): void {
  const s = ctx.state;
  const o = s.orders.get(orderId);
  if (!o) throw new Error(`refundOrder: no order ${orderId}`);
  const refundLines = lines.map((x) => {
    const li = o.lineItems.find((l) => l.sku === x.sku);
    if (!li) throw new Error(`refundOrder: no line ${x.sku}`);
    return { lineItemId: li.id, quantity: x.quantity, subtotal: new Decimal(li.discountedUnitPrice).times(x.quantity).toFixed(2) };
  });
  const total = refundLines.reduce((sum, x) => sum.plus(x.subtotal), new Decimal(0));
  o.refunds.push({ id: s.id(), note: note ?? null, createdAt: s.now(), total: total.toFixed(2), lines: refundLines });
  const refunded = o.refunds.reduce((sum, r) => sum.plus(r.total), new Decimal(0));
  o.displayFinancialStatus = refunded.gte(o.totalPrice) ? 'REFUNDED' : 'PARTIALLY_REFUNDED';
  o.updatedAt = s.now();
  ctx.hooks.event('orders/updated', { kind: 'order', id: o.id });
}
