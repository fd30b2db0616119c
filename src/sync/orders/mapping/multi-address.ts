/**
 * CMD-15: an order shipped to several addresses (BigCommerce) -> one order, hence one GesCom
 * document, per address. Lines follow lineShippingIndex; shipping follows the shop when it gives
 * one shipping line per address, else it goes on the first document; fees go on the first;
 * coupons and payments are split in proportion (to the cent, largest remainder). Each part's id
 * is "<order id>-<n>" so that each document keeps its own exactly-once key.
 */
import { spreadProportionally } from '../../../gescom/document-totals.js';
import { dec, fixed, sum } from '../../../util/decimal.js';
import type { ShopCoupon, ShopOrder, ShopPayment, ShopShipping } from '../shop-order.js';
import { type MapOrderOptions, mapOrder, type OrderMappingResult } from './document.js';
import { couponMapping, taxTotal } from './lines.js';
import type { OrderMappingRefs, OrderMappingSettings } from './refs.js';
import { msg } from '../../../i18n/catalogue.js';

/** CMD-15: the order split into one order per shipping address; the order itself when it has one address. */
export function splitByShippingAddress(order: ShopOrder): ShopOrder[] {
  if (order.shipping.length <= 1) return [order];
  const last = order.shipping.length - 1;
  const indexOf = (i: number) => Math.min(Math.max(order.lineShippingIndex?.[i] ?? 0, 0), last);
  const used = [...new Set(order.lines.map((_, i) => indexOf(i)))].sort((a, b) => a - b);
  if (used.length <= 1) return [{ ...order, shipping: [order.shipping[used[0] ?? 0]!], lineShippingIndex: undefined }];

  const coupons = couponMapping(order);
  const linesOf = used.map((a) => order.lines.filter((_, i) => indexOf(i) === a));
  const perAddress = order.shippingLines.length === order.shipping.length;
  const shippingOf = used.map((a, k) => {
    if (!perAddress) return k === 0 ? order.shippingLines : [];
    const own = order.shippingLines.filter((_, s) => s === a);
    // Shipping of an address without lines lands on the first document.
    const orphans = k === 0 ? order.shippingLines.filter((_, s) => !used.includes(s)) : [];
    return [...own, ...orphans];
  });
  const couponWeights = linesOf.map((ls) => (coupons === 'onLines'
    ? sum(ls.map((l) => dec(l.subtotalExclTax).minus(l.totalExclTax)))
    : sum(ls.map((l) => l.totalExclTax))));
  // The coupon's tax follows the parts' own line taxes, so that each rate keeps its share.
  const taxWeights = linesOf.map((ls) => (coupons === 'onLines'
    ? sum(ls.map((l) => dec(l.subtotalTax).minus(taxTotal(l.taxes))))
    : sum(ls.map((l) => taxTotal(l.taxes)))));
  const couponParts = order.coupons.map((c) => ({
    ht: spreadProportionally(dec(c.discountExclTax), couponWeights),
    tax: spreadProportionally(dec(c.discountTax), taxWeights),
  }));

  const parts = used.map((a, k) => {
    const lines = linesOf[k]!;
    const shippingLines: ShopShipping[] = shippingOf[k]!;
    const fees = k === 0 ? order.fees : [];
    const partCoupons: ShopCoupon[] = order.coupons.map((c, i) => ({
      ...c, discountExclTax: fixed(couponParts[i]!.ht[k]!), discountTax: fixed(couponParts[i]!.tax[k]!),
    })).filter((c) => !dec(c.discountExclTax).isZero() || !dec(c.discountTax).isZero());
    const couponHt = sum(partCoupons.map((c) => c.discountExclTax));
    const couponTax = sum(partCoupons.map((c) => c.discountTax));
    const orderLevel = coupons === 'orderLevel';
    const shippingHt = sum(shippingLines.map((s) => s.totalExclTax));
    const exclTax = sum([...lines.map((l) => dec(l.totalExclTax)), shippingHt, ...fees.map((f) => dec(f.totalExclTax))])
      .minus(orderLevel ? couponHt : 0);
    const tax = sum([...lines.map((l) => taxTotal(l.taxes)), ...shippingLines.map((s) => taxTotal(s.taxes)), ...fees.map((f) => taxTotal(f.taxes))])
      .minus(orderLevel ? couponTax : 0);
    const part: ShopOrder = {
      ...order,
      id: `${order.id}-${k + 1}`,
      number: `${order.number || order.id}-${k + 1}`,
      shipping: [order.shipping[a]!],
      lineShippingIndex: undefined,
      lines,
      shippingLines,
      fees,
      coupons: partCoupons,
      payments: [],
      totals: {
        exclTax: fixed(exclTax), tax: fixed(tax), inclTax: fixed(exclTax.plus(tax)),
        shippingExclTax: fixed(shippingHt), discountExclTax: fixed(couponHt),
      },
    };
    return part;
  });
  const weights = parts.map((p) => dec(p.totals.inclTax));
  for (const pay of order.payments) {
    const amounts = spreadProportionally(dec(pay.amount), weights);
    parts.forEach((p, k) => {
      if (!amounts[k]!.isZero()) p.payments.push({ ...pay, amount: fixed(amounts[k]!) } satisfies ShopPayment);
    });
  }
  return parts;
}

/** CMD-15: maps an order per shipping address (orders.splitByShippingAddress), one result per document. */
export function mapOrderPerAddress(order: ShopOrder, settings: OrderMappingSettings, refs: OrderMappingRefs,
  options: MapOrderOptions = {}): OrderMappingResult[] {
  if (!settings.orders.splitByShippingAddress || order.shipping.length <= 1) {
    const r = mapOrder(order, settings, refs, options);
    if (r.skip === null && order.shipping.length > 1) {
      r.warnings.push(msg('mapping.severalAddresses', { n: order.shipping.length }));
    }
    return [r];
  }
  return splitByShippingAddress(order).map((part) => mapOrder(part, settings, refs, options));
}

