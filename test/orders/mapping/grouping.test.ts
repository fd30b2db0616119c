/** CMD-14: a day's anonymous / guest / all orders grouped into one document, read the next day. */
import { describe, expect, test } from 'vitest';
import { OrderMappingError } from '../../../src/sync/orders/mapping/errors.js';
import { groupOrders, isGroupable, mergeIdenticalLines, planGrouping } from '../../../src/sync/orders/mapping/grouping.js';
import type { ShopOrder } from '../../../src/sync/orders/shop-order.js';
import { ADDRESS, line, NOW, order, refsFor, settingsWith, said } from './helpers.js';

const guestOf = (id: string, email: string) => ({ id: null, email, firstName: 'Client', lastName: id, company: '' });
const ship = [{ methodId: 'flat_rate', title: 'Colissimo', totalExclTax: '4.90', taxes: [{ rateId: '1', label: 'TVA 20%', rate: '20', priority: 1, compound: false, amount: '0.98' }] }];

const g1 = order({
  id: '501', createdAt: '2026-11-28T09:00:00.000Z', customer: guestOf('501', 'a@example.com'), billing: { ...ADDRESS, email: 'a@example.com' },
  lines: [line('AR0003', 'Chocolat Noir', '2', '4.69', '5.5'), line('AR0010', 'Mug Passerelle', '1', '10.75', '20')],
  shippingLines: ship,
});
const g2 = order({
  id: '502', createdAt: '2026-11-28T15:00:00.000Z', customer: guestOf('502', ''), billing: { ...ADDRESS, email: '' },
  lines: [line('AR0003', 'Chocolat Noir', '1', '4.69', '5.5'), line('XYZ', 'Bougie', '1', '7.50', '20')],
  paymentMethod: 'cheque', paymentMethodTitle: 'Chèque',
});
const g3 = order({
  id: '503', createdAt: '2026-11-28T22:30:00.000Z', customer: guestOf('503', 'c@example.com'), billing: { ...ADDRESS, email: 'c@example.com' },
  lines: [line('AR0010', 'Mug Passerelle', '2', '10.75', '20')], shippingLines: ship,
});
const registered = order({ id: '504', createdAt: '2026-11-28T11:00:00.000Z' });
const today = order({ id: '505', createdAt: '2026-11-30T08:00:00.000Z', customer: guestOf('505', 'd@example.com') });
// 23:30 UTC on the 28th is already the 29th in Paris.
const lateEvening = order({ id: '506', createdAt: '2026-11-28T23:30:00.000Z', customer: guestOf('506', 'e@example.com') });

const grouping = (extra: Record<string, unknown> = {}) => settingsWith({
  orders: { grouping: { mode: 'guest', account: 'KERAWEN', ...extra }, payments: { create: true } },
});

describe('CMD-14 which orders are grouped', () => {
  test.each([
    ['none', g1, false], ['guest', g1, true], ['guest', registered, false],
    ['anonymous', g1, false], ['anonymous', g2, true], ['all', registered, true],
  ] as const)('mode %s, order %#: %s', (mode, o, expected) => {
    expect(isGroupable(o, settingsWith({ orders: { grouping: { mode } } }).orders)).toBe(expected);
  });

  test('a day is grouped once it is over in the profile time zone; today waits', () => {
    const plan = planGrouping([g1, registered, g2, today, lateEvening, g3], grouping(), NOW);
    expect(plan.groups.map((g) => [g.day, g.orders.map((o) => o.id)])).toEqual([
      ['2026-11-28', ['501', '502', '503']], ['2026-11-29', ['506']],
    ]);
    expect(plan.single.map((o) => o.id)).toEqual(['504']);
    expect(plan.waiting.map((o) => o.id)).toEqual(['505']);
  });
});

describe('CMD-14 the grouped document', () => {
  const group = { day: '2026-11-28', orders: [g1, g2, g3] as ShopOrder[] };
  const refs = refsFor(g1);

  test('lines concatenated, one account, GROUP-YYYY-MM-DD and the list of orders', () => {
    const { documents, skipped } = groupOrders(group, grouping(), refs);
    expect(skipped).toEqual([]);
    expect(documents).toHaveLength(1);
    const d = documents[0]!;
    expect(d.includedOrderIds).toEqual(['501', '502', '503']);
    expect(d.document).toMatchObject({
      type: 'invoice', customerCode: 'KERAWEN', shopOrderId: 'GROUP-2026-11-28', reference: 'Commandes groupées du 28/11/2026',
      remark: 'Commandes 501, 502, 503', date: '2026-11-28T22:30:00.000Z',
    });
    expect(d.document.billingAddress?.line1).toBe('12 rue des Lilas');
    expect(d.document.lines.map((l) => [l.articleCode, l.quantity, l.unitPrice])).toEqual([
      ['AR0003', '2', '4.69'], ['AR0010', '1', '10.75'], ['AR0003', '1', '4.69'], ['ZDIVERS', '1', '7.50'], ['AR0010', '2', '10.75'],
    ]);
    expect(d.document.footer).toMatchObject({ shippingAmount: '9.80', shippingVatCode: 'C20' });
    expect(d.document.payments.map((p) => [p.modeCode, p.amount])).toEqual([['CB', '28.68'], ['CHQ', '13.95'], ['CB', '31.68']]);
    // Each order's VAT was rounded on its own (0.52 + 0.26 at 5.5 %); the group's once (14.07 x 5.5 % = 0.77).
    expect(d.shopTotals.inclTax).toBe('74.31');
    expect(d.gescomTotals.totalTtc).toBe('74.30');
    expect(d.difference).toMatchObject({ ttc: '0.01', matches: false });
    expect(said(d.warnings.slice(-1))).toContain('total boutique 74.31 TTC');
    expect(d.gapLine).toBeNull();
  });

  test('the payment difference rule applies once, on the group', () => {
    const s = settingsWith({ orders: { grouping: { mode: 'guest', account: 'KERAWEN' }, payments: { createGaps: true } } });
    const d = groupOrders(group, s, refs).documents[0]!;
    expect(d.gapLine).toMatchObject({ articleCode: 'ZECART', unitPrice: '0.01' });
    expect(d.document.lines.filter((l) => l.articleCode === 'ZECART')).toHaveLength(1);
    expect(d.gescomTotals.totalTtc).toBe(d.shopTotals.inclTax);
  });

  test('identical lines (reference, price, discount) merged, payments grouped by mode', () => {
    const d = groupOrders(group, grouping({ groupLines: true, groupPayments: true }), refs).documents[0]!;
    expect(d.document.lines.map((l) => [l.articleCode, l.quantity, l.unitPrice])).toEqual([
      ['AR0003', '3', '4.69'], ['AR0010', '3', '10.75'], ['ZDIVERS', '1', '7.50'],
    ]);
    expect(d.document.payments.map((p) => [p.modeCode, p.amount, p.label])).toEqual([
      ['CB', '60.36', 'Commandes groupées du 28/11/2026'], ['CHQ', '13.95', 'Commandes groupées du 28/11/2026'],
    ]);
    expect(d.gescomTotals.totalTtc).toBe('74.30');
    expect(d.shopTotals.inclTax).toBe('74.31');
  });

  test('an order whose status is not imported is left out of the group', () => {
    const cancelled = order({ id: '507', status: 'cancelled', createdAt: '2026-11-28T12:00:00.000Z', customer: guestOf('507', 'f@example.com') });
    const r = groupOrders({ day: '2026-11-28', orders: [g1, cancelled] }, grouping(), refs);
    expect(r.skipped.map((s) => s.orderId)).toEqual(['507']);
    expect(r.documents[0]!.includedOrderIds).toEqual(['501']);
  });

  test('no account for grouped orders: OrderMappingError naming orders.grouping.account', () => {
    expect(() => groupOrders(group, grouping({ account: '' }), refs)).toThrow(OrderMappingError);
    expect(() => groupOrders(group, grouping({ account: '' }), refs)).toThrow(expect.objectContaining({
      field: 'orders.grouping.account', entity: 'order GROUP-2026-11-28',
    }));
  });

  test('merge key: a different discount or price keeps lines apart', () => {
    const base = { articleCode: 'AR0010', designation: 'Mug', quantity: '1', unitPrice: '10.75', discountPercent: '0', vatCode: 'C20' };
    expect(mergeIdenticalLines([base, { ...base, discountPercent: '10' }, { ...base, unitPrice: '10.7500' }, { ...base, quantity: '2' }])
      .map((l) => [l.quantity, l.discountPercent])).toEqual([['4', '0'], ['1', '10']]);
  });
});
