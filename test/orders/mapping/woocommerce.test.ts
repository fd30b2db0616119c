/**
 * The real WooCommerce orders of the fixtures, mapped in HT mode and in TTC mode: the GesCom's
 * totals predicted with computeTotals equal the shop's to the cent (HT, VAT per rate, TTC), or,
 * when the price rounding cannot give them back, the payment-difference rule applies and both
 * totals are reported.
 */
import { describe, expect, test } from 'vitest';
import { type MappedOrder, mapOrder } from '../../../src/sync/orders/mapping/document.js';
import type { ShopOrder } from '../../../src/sync/orders/shop-order.js';
import { refsFor, settingsWith, said } from './helpers.js';
import { woo413, woo414, woo415, woo416, woo417, woo418, woo419, woo420 } from './woo-orders.js';

const statuses = [{ status: 'processing', documentType: 'invoice' }, { status: 'on-hold', documentType: 'order' }];

function mapped(order: ShopOrder, priceMode: 'HT' | 'TTC', extra: Record<string, unknown> = {}): MappedOrder {
  const settings = settingsWith({ orders: { statusMapping: statuses, lines: { priceMode, ...extra } } });
  const r = mapOrder(order, settings, refsFor(order));
  if (r.skip !== null) throw new Error(said([r.skip]));
  return r;
}

// [order, price mode, expected difference shop - GesCom (TTC), why]
const cases: [ShopOrder, 'HT' | 'TTC', string, string][] = [
  [woo413, 'HT', '0.00', 'percent coupon on 5.5 % + 20 %'],
  [woo413, 'TTC', '0.00', 'percent coupon, TTC lines'],
  [woo414, 'HT', '0.00', 'guest, gift wrap, fixed coupon'],
  [woo414, 'TTC', '0.01', '15.67 TTC / 3 = 5.2233 rounds to 5.22'],
  [woo415, 'HT', '0.00', 'variation x 3'],
  [woo415, 'TTC', '0.00', 'variation x 3, TTC'],
  [woo416, 'HT', '0.00', 'on hold, cheque'],
  [woo416, 'TTC', '0.00', 'on hold, cheque, TTC'],
  [woo417, 'HT', '-0.01', 'shop rounds VAT per line (1.93 + 0.98), the GesCom per code (2.92)'],
  [woo417, 'TTC', '0.00', 'prices incl. tax, TTC lines'],
  [woo418, 'HT', '0.01', '14.08 HT / 3 = 4.6933 rounds to 4.69'],
  [woo418, 'TTC', '0.00', 'prices incl. tax, TTC lines'],
  [woo419, 'HT', '0.00', 'variation, prices incl. tax'],
  [woo419, 'TTC', '0.00', 'variation, prices incl. tax, TTC'],
  [woo420, 'HT', '0.00', 'on hold, prices incl. tax'],
  [woo420, 'TTC', '0.00', 'on hold, prices incl. tax, TTC'],
];

describe('WooCommerce fixture orders: GesCom totals vs shop totals', () => {
  test.each(cases)('order %s in %s mode: difference %s (%s)', (order, mode, expected) => {
    const r = mapped(order, mode);
    expect(r.difference.ttc).toBe(expected);
    expect(r.shopTotals.inclTax).toBe(order.totals.inclTax);
    if (expected === '0.00') {
      expect(r.difference.matches).toBe(true);
      expect(r.gescomTotals.totalHt).toBe(order.totals.exclTax);
      expect(r.gescomTotals.totalVat).toBe(order.totals.tax);
      expect(r.gescomTotals.totalTtc).toBe(order.totals.inclTax);
      for (const v of r.shopTotals.vatByCode) {
        const g = r.gescomTotals.vatByCode.find((x) => x.vatCode === v.vatCode);
        expect(g, v.vatCode).toMatchObject({ baseHt: v.baseHt, vat: v.vat });
      }
    } else {
      // Both totals reported; no gap line unless asked.
      expect(r.difference.matches).toBe(false);
      expect(said(r.warnings)).toContain(`total boutique ${order.totals.inclTax} TTC`);
      expect(said(r.warnings)).toContain(`gestion commerciale ${r.gescomTotals.totalTtc} TTC`);
      expect(r.gapLine).toBeNull();
    }
  });

  test.each(cases.filter((c) => c[2] !== '0.00'))('order %s in %s mode with orders.payments.createGaps: a ZECART line of %s', (order, mode, expected) => {
    const settings = settingsWith({ orders: { statusMapping: statuses, lines: { priceMode: mode }, payments: { createGaps: true } } });
    const r = mapOrder(order, settings, refsFor(order)) as MappedOrder;
    expect(r.gapLine).toMatchObject({ articleCode: 'ZECART', vatCode: 'C00', unitPrice: expected, quantity: '1' });
    expect(r.document.lines.at(-1)).toEqual(r.gapLine);
    expect(r.gescomTotals.totalTtc).toBe(order.totals.inclTax);
    expect(r.difference.ttc).toBe(expected);
  });

  test.each([[woo414, 'TTC'], [woo418, 'HT']] as const)('order %s in %s mode: 4 decimals on unit prices give the shop total back', (order, mode) => {
    const r = mapped(order, mode, { roundingDecimals: 4 });
    expect(r.difference.matches).toBe(true);
    expect(r.gescomTotals.totalTtc).toBe(order.totals.inclTax);
  });

  test('order 413: the coupon spread by the shop becomes one discount line per VAT code (ZREMISE55 / ZREMISE)', () => {
    const r = mapped(woo413, 'HT');
    expect(r.document.lines.map((l) => [l.articleCode, l.quantity, l.unitPrice, l.discountPercent, l.vatCode])).toEqual([
      ['AR0003', '2', '4.95', '0', 'C55'],
      ['AR0010', '1', '12.90', '0', 'C20'],
      ['ZREMISE55', '1', '-0.99', '0', 'C55'],
      ['ZREMISE', '1', '-1.29', '0', 'C20'],
    ]);
    expect(r.document.footer).toMatchObject({ shippingAmount: '4.90', shippingVatCode: 'C20' });
    expect(r.document.lines[2]!.designation).toBe('Bon de réduction bienvenue10 - TVA 5,5 %');
    expect(r.customer).toMatchObject({ code: 'CL100002', source: 'email', create: null, update: null });
    expect(r.document.notes).toBe('Merci de livrer avant midi.');
    expect(r.document.payments).toEqual([]);
  });

  test('order 414: guest customer created, gift wrap on the packaging article, TTC prices', () => {
    const r = mapped(woo414, 'TTC', { roundingDecimals: 4 });
    expect(r.customer.code).toBe('WEBG00414');
    expect(r.customer.create).toMatchObject({ company: 'Martin SARL', lastName: 'Martin', email: 'julien.martin@example.fr', accountingAccount: null });
    expect(r.document.lines.map((l) => [l.articleCode, l.designation, l.unitPrice, l.vatCode])).toEqual([
      ['AR0010', 'Mug Passerelle', '15.48', 'C20'],
      ['AR0003', 'Chocolat Noir', '5.2233', 'C55'],
      ['ZDIVERS', 'Emballage cadeau', '3.00', 'C20'],
      ['ZREMISE', 'Bon de réduction remise5 - TVA 20 %', '-2.40', 'C20'],
      ['ZREMISE55', 'Bon de réduction remise5 - TVA 5,5 %', '-3.17', 'C55'],
    ]);
    expect(r.document.footer.shippingAmount).toBe('5.88');
  });

  test('order 416: on hold -> order (bon de commande), cheque mapped to CHQ / BQ1, unpaid: no payment even when asked', () => {
    const settings = settingsWith({ orders: { statusMapping: statuses, payments: { create: true } } });
    const r = mapOrder(woo416, settings, refsFor(woo416)) as MappedOrder;
    expect(r.document.type).toBe('order');
    expect(r.paymentModeCode).toBe('CHQ');
    expect(r.document.payments).toEqual([]);
    expect(said(r.warnings)).toContain('commande non payée : pas de règlement');
    expect(said(r.warnings, 'en')).toContain('order not paid yet: no payment created');
  });
});
