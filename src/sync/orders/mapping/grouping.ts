/**
 * CMD-14: a day's anonymous, guest or all orders grouped into one GesCom document, read the
 * next day (a day is grouped only once it is over in the profile's time zone). Lines are
 * concatenated (identical lines — article, unit price, discount — merged on request),
 * payments grouped by mode on request; the group's shop order id is "GROUP-YYYY-MM-DD" and it
 * lists the orders it holds. The payment-difference rule applies once, on the group.
 */
import type { DocumentLineInput, DocumentType, IsoDate, PaymentInput, SalesDocumentInput } from '../../../gescom/model.js';
import { tr } from '../../../i18n/catalogue.js';
import { dec, fixed, plain } from '../../../util/decimal.js';
import type { ShopOrder } from '../shop-order.js';
import { type MapOrderOptions, type MappedDocument, type MappedOrder, mapOrder } from './document.js';
import { forOrder, OrderMappingError } from './errors.js';
import { specialArticle } from './lines.js';
import { gapLine } from './payments.js';
import { priceModeForGroup } from './price-mode.js';
import type { OrderMappingRefs, OrderMappingSettings, OrderSettings } from './refs.js';
import { VatResolver } from './taxes.js';
import { formatDateFr, localDay } from './templates.js';
import { addShopTotals, compareTotals, differenceMessage, predictTotals } from './totals.js';
import { msg, type Text } from '../../../i18n/catalogue.js';

/** Whether an order is grouped under orders.grouping.mode: anonymous (no account, no e-mail), guest (no account) or all. */
export function isGroupable(order: ShopOrder, settings: OrderSettings): boolean {
  switch (settings.grouping.mode) {
    case 'none': return false;
    case 'all': return true;
    case 'guest': return order.customer.id === null;
    case 'anonymous': return order.customer.id === null && (order.customer.email || order.billing.email).trim() === '';
  }
}

export interface OrderGroup {
  /** YYYY-MM-DD in the profile's time zone. */
  day: string;
  orders: ShopOrder[];
}

export interface GroupingPlan {
  /** One group per closed day. */
  groups: OrderGroup[];
  /** Orders imported one by one. */
  single: ShopOrder[];
  /** Groupable orders of a day not over yet: read again the next day. */
  waiting: ShopOrder[];
}

/** CMD-14: splits a batch of orders into day groups (closed days only), single orders and orders waiting for their day to end. */
export function planGrouping(orders: readonly ShopOrder[], settings: OrderMappingSettings, now: IsoDate): GroupingPlan {
  const tz = settings.general.timezone;
  const today = localDay(now, tz);
  const byDay = new Map<string, ShopOrder[]>();
  const single: ShopOrder[] = [];
  const waiting: ShopOrder[] = [];
  for (const order of orders) {
    if (!isGroupable(order, settings.orders)) {
      single.push(order);
      continue;
    }
    const day = localDay(order.createdAt, tz);
    if (day >= today) waiting.push(order);
    else byDay.set(day, [...(byDay.get(day) ?? []), order]);
  }
  const groups = [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, list]) => ({ day, orders: list }));
  return { groups, single, waiting };
}

export interface GroupedDocument extends MappedDocument {
  day: string;
  /** Shop order ids the document holds (record each as transferred). */
  includedOrderIds: string[];
}

export interface GroupResult {
  documents: GroupedDocument[];
  /** Orders of the group left out (status not imported), with the reason. */
  skipped: { orderId: string; reason: Text }[];
}

/** CMD-14: merges identical lines (article, unit price, discount, VAT code; designation too for comment lines). */
export function mergeIdenticalLines(lines: readonly DocumentLineInput[]): DocumentLineInput[] {
  const out: DocumentLineInput[] = [];
  const index = new Map<string, number>();
  for (const l of lines) {
    const key = [l.articleCode ?? `#${l.designation}`, dec(l.unitPrice).toFixed(), dec(l.discountPercent).toFixed(), l.vatCode ?? '', l.ecotax ?? ''].join('|');
    const at = index.get(key);
    if (at === undefined || l.articleCode === null) {
      index.set(key, out.length);
      out.push({ ...l });
    } else {
      const prev = out[at]!;
      out[at] = { ...prev, quantity: plain(dec(prev.quantity).plus(l.quantity)) };
    }
  }
  return out;
}

/** CMD-14: merges payments of the same mode (and journal, currency) into one. */
export function mergePaymentsByMode(payments: readonly PaymentInput[], label: string): PaymentInput[] {
  const out = new Map<string, PaymentInput>();
  for (const p of payments) {
    const key = [p.modeCode, p.journalCode ?? '', p.currencyCode ?? ''].join('|');
    const prev = out.get(key);
    if (!prev) out.set(key, { ...p, label, reference: null, notes: null });
    else out.set(key, { ...prev, amount: fixed(dec(prev.amount).plus(p.amount)), date: p.date > prev.date ? p.date : prev.date });
  }
  return [...out.values()];
}

/**
 * CMD-14: one document per document type for a day's group, on orders.grouping.account. Each order
 * is mapped on its own first (so every mapping error names its order), then merged.
 */
export function groupOrders(group: OrderGroup, settings: OrderMappingSettings, refs: OrderMappingRefs, options: Pick<MapOrderOptions, 'statusForms'> = {}): GroupResult {
  const o = settings.orders;
  const groupId = `GROUP-${group.day}`;
  if (o.grouping.account === '') {
    throw new OrderMappingError(groupId, 'orders.grouping.account', msg('mapping.groupAccountNotSet'));
  }
  const forced = { code: o.grouping.account, field: 'orders.grouping.account' };
  // One document, one price mode: every order of the group is mapped in it.
  const priceMode = priceModeForGroup(group.orders, o.lines.priceMode);
  const skipped: GroupResult['skipped'] = [];
  const byType = new Map<DocumentType, { order: ShopOrder; mapped: MappedOrder }[]>();
  for (const order of group.orders) {
    const r = mapOrder(order, settings, refs, { ...options, forcedCustomer: forced, skipGap: true, priceMode });
    if (r.skip !== null) {
      skipped.push({ orderId: order.id, reason: r.skip });
      continue;
    }
    byType.set(r.document.type, [...(byType.get(r.document.type) ?? []), { order, mapped: r }]);
  }
  const several = byType.size > 1;
  const documents = [...byType.entries()].map(([type, items]) =>
    forOrder(groupId, () => mergeGroup(group.day, several ? `${groupId}-${type}` : groupId, items, settings, refs)));
  return { documents, skipped };
}

function mergeGroup(day: string, shopOrderId: string, items: { order: ShopOrder; mapped: MappedOrder }[], settings: OrderMappingSettings,
  refs: OrderMappingRefs): GroupedDocument {
  const o = settings.orders;
  const vat = new VatResolver(o, refs.vatCodes);
  const docs = items.map((i) => i.mapped.document);
  const first = docs[0]!;
  const warnings = items.flatMap((i) => i.mapped.warnings.map((w) => msg('mapping.ofOrder', { order: i.order.id, message: w })));
  let lines = docs.flatMap((d) => d.lines);
  // Footer shipping adds up under one VAT code; otherwise each order's shipping becomes a line.
  const shipCodes = new Set(docs.filter((d) => !dec(d.footer.shippingAmount).isZero()).map((d) => d.footer.shippingVatCode));
  const footer = { ...first.footer, shippingAmount: '0.00', shippingVatCode: null as string | null };
  if (shipCodes.size <= 1) {
    footer.shippingAmount = fixed(docs.reduce((s, d) => s.plus(d.footer.shippingAmount), dec(0)));
    footer.shippingVatCode = [...shipCodes][0] ?? null;
  } else {
    const article = specialArticle(o, 'shipping', refs.articles);
    for (const d of docs) {
      if (dec(d.footer.shippingAmount).isZero()) continue;
      lines.push({ articleCode: article.code, designation: 'Frais de port', quantity: '1', unitPrice: d.footer.shippingAmount,
        discountPercent: '0', vatCode: d.footer.shippingVatCode });
    }
  }
  if (o.grouping.groupLines) lines = mergeIdenticalLines(lines);
  const rateOf = (code: string | null) => vat.rateOf(code);
  const shop = addShopTotals(items.map((i) => i.mapped.shopTotals));
  let gescom = predictTotals(lines, footer, first.priceMode, rateOf);
  const difference = compareTotals(shop, gescom);
  const message = differenceMessage(shop, gescom, difference);
  if (message) warnings.push(message);
  let gap: DocumentLineInput | null = null;
  if (!dec(difference.ttc).isZero() && o.payments.createGaps) {
    gap = gapLine(dec(difference.ttc), o, refs.articles, vat, first.priceMode);
    lines.push(gap);
    gescom = predictTotals(lines, footer, first.priceMode, rateOf);
  }
  const dayFr = formatDateFr(`${day}T12:00:00.000Z`, 'UTC');
  const lang = settings.general.language;
  const label = tr('orderdoc.groupReference', { day: dayFr }, lang);
  let payments = docs.flatMap((d) => d.payments);
  if (o.grouping.groupPayments) payments = mergePaymentsByMode(payments, label);
  const ids = items.map((i) => i.order.id);
  const account = refs.customers.get(o.grouping.account) ?? null;
  const notes = items.filter((i) => i.mapped.document.notes !== '').map((i) => `${i.order.id} : ${i.mapped.document.notes}`).join('\n');
  const document: SalesDocumentInput = {
    type: first.type,
    date: docs.map((d) => d.date).sort().at(-1)!,
    customerCode: o.grouping.account,
    billingAddress: account?.billingAddress ?? null,
    deliveryAddress: account?.deliveryAddress ?? account?.billingAddress ?? null,
    reference: label,
    remark: tr('orderdoc.groupRemark', { ids: ids.join(', ') }, lang).slice(0, 255),
    customerReference: shopOrderId,
    depotCode: first.depotCode,
    accountingCategoryCode: first.accountingCategoryCode,
    currencyCode: first.currencyCode,
    shopOrderId,
    priceMode: first.priceMode,
    notes,
    lines,
    footer,
    payments,
  };
  const totalOk = dec(shop.inclTax).eq(gescom.totalTtc);
  const wants = o.validation.validate || (o.payments.validateDocument && payments.length > 0);
  return {
    day, document, includedOrderIds: ids, gescomTotals: gescom, shopTotals: shop, difference, gapLine: gap,
    validate: wants && (totalOk || o.validation.evenIfTotalDiffers), warnings,
  };
}
