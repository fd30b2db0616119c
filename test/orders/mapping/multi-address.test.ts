/** CMD-15: an order shipped to several addresses (BigCommerce) -> one document per address. */
import { describe, expect, test } from 'vitest';
import type { MappedOrder } from '../../../src/sync/orders/mapping/document.js';
import { mapOrderPerAddress, splitByShippingAddress } from '../../../src/sync/orders/mapping/multi-address.js';
import type { ShopAddress, ShopOrder, ShopShipping } from '../../../src/sync/orders/shop-order.js';
import { dec, fixed, sum } from '../../../src/util/decimal.js';
import { ADDRESS, line, order, refsFor, settingsWith, tax, said } from './helpers.js';

const to = (city: string): ShopAddress => ({ ...ADDRESS, city, email: '' });
const port = (amount: string, vat: string): ShopShipping => ({ methodId: 'flat', title: 'Port', totalExclTax: amount, taxes: [tax('20', vat)] });

// The manual's example: three card games sent to three addresses.
const threeAddresses = order({
  id: '600',
  number: '600',
  shipping: [to('Lyon'), to('Nantes'), to('Lille')],
  lines: [
    line('AR0010', 'Jeu de cartes (54 cartes)', '1', '10.00', '20', { id: 'l1' }),
    line('AR0011', 'Verre à vin', '2', '4.08', '20', { id: 'l2' }),
    line('AR0003', 'Chocolat Noir', '4', '4.69', '5.5', { id: 'l3' }),
  ],
  lineShippingIndex: [0, 1, 2],
  shippingLines: [port('5.00', '1.00'), port('6.00', '1.20'), port('7.00', '1.40')],
  payments: [{ method: 'stripe', title: 'Carte', amount: '0', date: null, transactionId: 'ch_1' }],
});
threeAddresses.payments[0]!.amount = threeAddresses.totals.inclTax;

const mapped = (o: ShopOrder, extra: Record<string, unknown> = {}) =>
  mapOrderPerAddress(o, settingsWith(extra), refsFor(o)) as MappedOrder[];

describe('CMD-15 one document per shipping address', () => {
  test('three addresses -> three documents, each with its lines, its shipping and its own exactly-once key', () => {
    const docs = mapped(threeAddresses, { orders: { payments: { create: true, fromIndividualPayments: true } } });
    expect(docs.map((d) => [d.document.shopOrderId, d.document.deliveryAddress?.city, d.document.lines.map((l) => l.articleCode), d.document.footer.shippingAmount]))
      .toEqual([
        ['600-1', 'Lyon', ['AR0010'], '5.00'],
        ['600-2', 'Nantes', ['AR0011'], '6.00'],
        ['600-3', 'Lille', ['AR0003'], '7.00'],
      ]);
    expect(docs.every((d) => d.difference.matches)).toBe(true);
    expect(docs.map((d) => d.document.reference)).toEqual(['Web 600-1 - John DOE', 'Web 600-2 - John DOE', 'Web 600-3 - John DOE']);
    // The payment is split in proportion, to the cent.
    expect(fixed(sum(docs.flatMap((d) => d.document.payments.map((p) => p.amount))))).toBe(threeAddresses.totals.inclTax);
    expect(docs.map((d) => d.document.payments[0]!.amount)).toEqual(docs.map((d) => d.shopTotals.inclTax));
  });

  test('one shipping line for several addresses: on the first document', () => {
    const parts = splitByShippingAddress({ ...threeAddresses, shippingLines: [port('9.00', '1.80')] });
    expect(parts.map((p) => p.shippingLines.length)).toEqual([1, 0, 0]);
    // 18.00 + 3.60 of shipping replaced by 9.00 + 1.80.
    expect(fixed(sum(parts.map((p) => p.totals.inclTax)))).toBe(fixed(dec(threeAddresses.totals.inclTax).minus('10.80')));
  });

  test('parts add up to the order, order-level coupon split in proportion', () => {
    const withCoupon = order({ ...threeAddresses, totals: undefined, coupons: [{ code: 'PROMO', description: '', discountExclTax: '3.00', discountTax: '0.38' }] });
    const parts = splitByShippingAddress(withCoupon);
    // 3.00 over the HT bases 10.00 / 8.16 / 18.76.
    expect(parts.map((p) => p.coupons[0]!.discountExclTax)).toEqual(['0.81', '0.66', '1.53']);
    // Its tax (0.38) over the parts' line taxes 2.00 / 1.63 / 1.03.
    expect(parts.map((p) => p.coupons[0]!.discountTax)).toEqual(['0.16', '0.13', '0.09']);
    for (const k of ['exclTax', 'tax', 'inclTax'] as const) {
      expect(fixed(sum(parts.map((p) => p.totals[k])))).toBe(withCoupon.totals[k]);
    }
    const docs = mapped(withCoupon);
    expect(docs.map((d) => d.document.lines.filter((l) => l.articleCode?.startsWith('ZREMISE')).map((l) => l.unitPrice)))
      .toEqual([['-0.81'], ['-0.66'], ['-1.53']]);
  });

  test('two lines to the same address stay together; an address without lines gets no document', () => {
    const parts = splitByShippingAddress({ ...threeAddresses, lineShippingIndex: [2, 0, 2], shippingLines: [] });
    expect(parts.map((p) => [p.id, p.shipping[0]!.city, p.lines.map((l) => l.id)])).toEqual([['600-1', 'Lyon', ['l2']], ['600-2', 'Lille', ['l1', 'l3']]]);
  });

  test('option off: one document delivered to the first address, warned', () => {
    const [only] = mapped(threeAddresses, { orders: { splitByShippingAddress: false } });
    expect(only!.document.shopOrderId).toBe('600');
    expect(only!.document.deliveryAddress?.city).toBe('Lyon');
    expect(said(only!.warnings)).toContain('orders.splitByShippingAddress');
  });

  test('a single address: the order as it is', () => {
    const o = order();
    expect(splitByShippingAddress(o)).toEqual([o]);
  });
});
