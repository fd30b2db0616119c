/** How the GesCom computes a document, table-driven: HT and TTC modes, footer, rounding to the cent. */
import { describe, expect, it } from 'vitest';
import { computeLine, computeTotals, spreadProportionally } from '../../src/gescom/document-totals.js';
import type { DocumentFooter, DocumentLineInput } from '../../src/gescom/model.js';
import { dec } from '../../src/util/decimal.js';

const RATES: Record<string, string> = { C20: '20', C55: '5.5', C10: '10', C00: '0' };
const rateOf = (code: string | null) => (code ? RATES[code] ?? '0' : '0');
const NO_FOOTER: DocumentFooter = { shippingAmount: '0', shippingVatCode: null, discountPercent: '0', discountAmount: '0' };
const line = (qty: string, price: string, vat: string, disc = '0'): DocumentLineInput => ({
  articleCode: 'A', designation: 'A', quantity: qty, unitPrice: price, discountPercent: disc, vatCode: vat,
});

describe('line totals', () => {
  it.each([
    // mode, qty, unit price, VAT, discount %, HT, VAT, TTC
    ['HT', '3', '10.00', 'C20', '10', '27.00', '5.40', '32.40'],
    ['HT', '1', '4.69', 'C55', '0', '4.69', '0.26', '4.95'],
    ['HT', '2', '0.335', 'C20', '0', '0.67', '0.13', '0.80'],
    ['TTC', '1', '4.95', 'C55', '0', '4.69', '0.26', '4.95'],
    ['TTC', '3', '39.90', 'C20', '0', '99.75', '19.95', '119.70'],
    ['TTC', '1', '12.90', 'C20', '0', '10.75', '2.15', '12.90'],
    ['HT', '1', '100', 'C00', '0', '100.00', '0.00', '100.00'],
  ] as const)('%s %s x %s at %s -%s%% -> HT %s VAT %s TTC %s', (mode, qty, price, vat, disc, ht, tva, ttc) => {
    const l = computeLine(line(qty, price, vat, disc), 1, mode, rateOf);
    expect([l.totalHt, l.totalVat, l.totalTtc]).toEqual([ht, tva, ttc]);
  });
});

describe('document totals', () => {
  const cases: { name: string; mode: 'HT' | 'TTC'; lines: DocumentLineInput[]; footer?: Partial<DocumentFooter>; ht: string; vat: string; ttc: string }[] = [
    {
      // VAT once per code on the sum of bases, not per line: 3 x 0.165 -> 0.50 not 0.51.
      name: 'VAT per code on the summed base', mode: 'HT',
      lines: [line('1', '3.00', 'C55'), line('1', '3.00', 'C55'), line('1', '3.00', 'C55')], ht: '9.00', vat: '0.50', ttc: '9.50',
    },
    {
      name: 'a cart mixing 5.5 % and 20 % with shipping in the footer', mode: 'HT',
      lines: [line('2', '4.69', 'C55'), line('1', '33.25', 'C20')], footer: { shippingAmount: '5.00', shippingVatCode: 'C20' },
      ht: '47.63', vat: '8.17', ttc: '55.80',
    },
    {
      name: 'TTC mode: HT recomputed per VAT code from the TTC sum', mode: 'TTC',
      lines: [line('2', '4.95', 'C55'), line('1', '39.90', 'C20')], footer: { shippingAmount: '6.00', shippingVatCode: 'C20' },
      ht: '47.63', vat: '8.17', ttc: '55.80',
    },
    {
      name: 'footer discount of 10 % lowers every base', mode: 'HT',
      lines: [line('1', '100', 'C20'), line('1', '50', 'C55')], footer: { discountPercent: '10' }, ht: '135.00', vat: '20.48', ttc: '155.48',
    },
    {
      name: 'footer discount amount spread in proportion to the bases', mode: 'HT',
      lines: [line('1', '100', 'C20'), line('1', '50', 'C55')], footer: { discountAmount: '15' }, ht: '135.00', vat: '20.48', ttc: '155.48',
    },
  ];
  it.each(cases)('$name', ({ mode, lines, footer, ht, vat, ttc }) => {
    const computed = lines.map((l, i) => computeLine(l, i + 1, mode, rateOf));
    const t = computeTotals(computed, { ...NO_FOOTER, ...footer }, mode, rateOf);
    expect([t.totalHt, t.totalVat, t.totalTtc]).toEqual([ht, vat, ttc]);
    expect(dec(t.totalHt).plus(t.totalVat).toFixed(2)).toBe(t.totalTtc);
  });
});

describe('spreadProportionally', () => {
  it.each([
    ['10.00', ['100', '50'], ['6.67', '3.33']],
    ['0.01', ['1', '1', '1'], ['0.01', '0.00', '0.00']],
    ['1.00', ['1', '1', '1'], ['0.34', '0.33', '0.33']],
    ['5.00', ['0', '0'], ['5.00', '0.00']],
  ] as const)('%s over %j -> %j, adding up to the cent', (amount, weights, expected) => {
    const parts = spreadProportionally(dec(amount), weights.map((w) => dec(w)));
    expect(parts.map((p) => p.toFixed(2))).toEqual(expected);
    expect(parts.reduce((a, b) => a.plus(b), dec(0)).toFixed(2)).toBe(dec(amount).toFixed(2));
  });
});

describe('eco-tax', () => {
  it.each([
    // qty, unit price without eco-tax, eco-tax per unit, discount -> HT
    ['2', '49.50', '0.50', '0', '100.00'],
    ['1', '100', '2', '10', '92.00'], // the discount applies to the price, not to the eco-tax
  ] as const)('%s x (%s + eco-tax %s) -%s%% -> HT %s', (qty, price, ecotax, disc, ht) => {
    const l = computeLine({ ...line(qty, price, 'C20', disc), ecotax }, 1, 'HT', rateOf);
    expect(l.totalHt).toBe(ht);
  });
});
