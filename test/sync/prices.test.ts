/** ART-10: base price (price category, HT/TTC, precision), promotions, group prices. Exact decimal strings. */
import { describe, expect, it } from 'vitest';
import { SAMPLE_REFERENCE_DATE } from '../../src/gescom/embedded/sample-company.js';
import type { ArticlePrice, PriceCategory, Promotion } from '../../src/gescom/model.js';
import { categoryPrice, type GroupMapping, type PriceInputs, priceDraft, type PriceSettings } from '../../src/sync/mapping/prices.js';
import { articleOf, company, pricesOf } from './sample.js';

const RATES: Record<string, string> = Object.fromEntries(company.vatCodes.map((v) => [v.code, v.rate]));
const CATEGORIES: PriceCategory[] = company.priceCategories;

function promotionsOf(code: string): Promotion[] {
  return company.promotions.map((p, i) => ({ ...p, id: i + 1 })).filter((p) => p.articleCode === code);
}

function inputs(code: string, over: Partial<PriceInputs> = {}): PriceInputs {
  const article = articleOf(code);
  return {
    article,
    vatRate: RATES[article.vatCode!]!,
    prices: pricesOf(code),
    categories: CATEGORIES,
    promotions: promotionsOf(code),
    groups: [],
    at: SAMPLE_REFERENCE_DATE,
    ...over,
  };
}

const settings = (s: Partial<PriceSettings> = {}): PriceSettings => ({
  base: 'HT', precision: 2, priceCategoryId: 1, sendPurchasePrice: false, sendEcotax: false, sendPromotions: false, sendGroupPrices: false, ...s,
});

describe('sample price rows (what the tests below rely on)', () => {
  it.each([
    { code: 'AR0003', ht: '4.69', ttc: '4.95' },
    { code: 'AR0014', ht: '33.25', ttc: '39.90' },
    { code: 'AR0016', ht: '35.00', ttc: '42.00' },
    { code: 'AR0017', ht: '37.42', ttc: '44.90' },
    { code: 'AR0008', ht: '9.58', ttc: '11.50' },
  ])('$code: Tarif 1 (HT) $ht, Tarif 2 (TTC) $ttc', ({ code, ht, ttc }) => {
    const rows = pricesOf(code);
    expect(rows.find((p) => p.priceCategoryId === 1)).toMatchObject({ price: ht, discountPercent: '0' });
    expect(rows.find((p) => p.priceCategoryId === 2)).toMatchObject({ price: ttc, discountPercent: '0' });
  });
});

describe('base price from the price category, HT and TTC bases, precision 2 and 3', () => {
  it.each([
    // Tarif 1 is entered HT, Tarif 2 TTC; AR0003 at 5.5 %, the others at 20 %.
    { code: 'AR0003', cat: 1, base: 'HT', precision: 2, regular: '4.69' },
    { code: 'AR0003', cat: 1, base: 'HT', precision: 3, regular: '4.690' },
    { code: 'AR0003', cat: 1, base: 'TTC', precision: 2, regular: '4.95' }, // 4.69 x 1.055 = 4.94795
    { code: 'AR0003', cat: 1, base: 'TTC', precision: 3, regular: '4.948' },
    { code: 'AR0003', cat: 2, base: 'TTC', precision: 2, regular: '4.95' },
    { code: 'AR0003', cat: 2, base: 'TTC', precision: 3, regular: '4.950' },
    { code: 'AR0003', cat: 2, base: 'HT', precision: 2, regular: '4.69' }, // 4.95 / 1.055 = 4.6919…
    { code: 'AR0003', cat: 2, base: 'HT', precision: 3, regular: '4.692' },
    { code: 'AR0003', cat: 3, base: 'TTC', precision: 2, regular: '4.71' }, // 4.46 x 1.055 = 4.7053
    { code: 'AR0003', cat: 5, base: 'HT', precision: 3, regular: '4.227' }, // 4.46 / 1.055 = 4.22748…
    { code: 'AR0014', cat: 1, base: 'TTC', precision: 2, regular: '39.90' }, // 33.25 x 1.2
    { code: 'AR0014', cat: 1, base: 'TTC', precision: 3, regular: '39.900' },
    { code: 'AR0014', cat: 2, base: 'HT', precision: 2, regular: '33.25' },
    { code: 'AR0014', cat: 2, base: 'HT', precision: 3, regular: '33.250' },
    { code: 'AR0017', cat: 1, base: 'TTC', precision: 2, regular: '44.90' }, // 37.42 x 1.2 = 44.904
    { code: 'AR0017', cat: 1, base: 'TTC', precision: 3, regular: '44.904' },
    { code: 'AR0017', cat: 2, base: 'TTC', precision: 3, regular: '44.900' },
    { code: 'AR0008', cat: 1, base: 'TTC', precision: 2, regular: '11.50' }, // 9.58 x 1.2 = 11.496
    { code: 'AR0008', cat: 1, base: 'TTC', precision: 3, regular: '11.496' },
    { code: 'AR0008', cat: 2, base: 'HT', precision: 3, regular: '9.583' }, // 11.50 / 1.2
    { code: 'AR0008', cat: 7, base: 'HT', precision: 2, regular: '7.66' }, // 9.58 x 0.8 = 7.664
  ] as const)('$code Tarif $cat in $base, $precision decimals -> $regular', ({ code, cat, base, precision, regular }) => {
    const p = priceDraft(inputs(code), settings({ base, precision, priceCategoryId: cat }));
    expect(p.regular).toBe(regular);
    expect(p.sale).toBeNull();
    expect(p.purchase).toBeNull();
    expect(p.ecotax).toBeNull();
    expect(p.groups).toEqual([]);
  });

  it('precision 0 gives whole units', () => {
    expect(priceDraft(inputs('AR0014'), settings({ base: 'TTC', precision: 0 })).regular).toBe('40');
  });
});

describe('HT <-> TTC conversion, exact to the cent (decimal, half up)', () => {
  // Inputs chosen where binary floating point rounds the wrong way.
  const one = (price: string, rate: string, categoryBase: 'HT' | 'TTC', base: 'HT' | 'TTC', precision: number) =>
    priceDraft(
      inputs('AR0003', {
        vatRate: rate,
        prices: [{ articleCode: 'AR0003', priceCategoryId: 1, price, discountPercent: '0' }],
        categories: [{ id: 1, name: 'Tarif 1', priceBase: categoryBase }],
      }),
      settings({ base, precision }),
    ).regular;

  it.each([
    { price: '8.10', rate: '5.5', from: 'HT', to: 'TTC', precision: 2, expected: '8.55' }, // 8.5455
    { price: '8.10', rate: '5.5', from: 'HT', to: 'TTC', precision: 3, expected: '8.546' }, // float gives 8.545
    { price: '1.0375', rate: '20', from: 'HT', to: 'TTC', precision: 2, expected: '1.25' }, // 1.245; float gives 1.24
    { price: '0.90', rate: '5.5', from: 'HT', to: 'TTC', precision: 2, expected: '0.95' }, // 0.9495
    { price: '100', rate: '20', from: 'HT', to: 'TTC', precision: 2, expected: '120.00' },
    { price: '12.66', rate: '5.5', from: 'TTC', to: 'HT', precision: 2, expected: '12.00' },
    { price: '2.11', rate: '5.5', from: 'TTC', to: 'HT', precision: 2, expected: '2.00' },
    { price: '1.26', rate: '20', from: 'TTC', to: 'HT', precision: 2, expected: '1.05' },
    { price: '10.00', rate: '20', from: 'TTC', to: 'HT', precision: 2, expected: '8.33' },
    { price: '10.00', rate: '20', from: 'TTC', to: 'HT', precision: 3, expected: '8.333' },
    { price: '10.00', rate: '5.5', from: 'TTC', to: 'HT', precision: 3, expected: '9.479' }, // 9.47867…
    { price: '10.00', rate: '0', from: 'TTC', to: 'HT', precision: 2, expected: '10.00' },
    { price: '19.99', rate: '20', from: 'HT', to: 'HT', precision: 2, expected: '19.99' },
    { price: '19.995', rate: '20', from: 'TTC', to: 'TTC', precision: 2, expected: '20.00' },
  ] as const)('$price $from at $rate % -> $to $expected ($precision decimals)', ({ price, rate, from, to, precision, expected }) => {
    expect(one(price, rate, from, to, precision)).toBe(expected);
  });
});

describe('discount of the price category', () => {
  it.each([
    // Tarif 6: HT price with a 12 % discount: 4.69 x 0.88 = 4.1272.
    { base: 'HT', precision: 2, regular: '4.13' },
    { base: 'HT', precision: 3, regular: '4.127' },
    { base: 'TTC', precision: 2, regular: '4.35' }, // 4.1272 x 1.055 = 4.354196
    { base: 'TTC', precision: 3, regular: '4.354' },
  ] as const)('AR0003 Tarif 6 in $base ($precision decimals) -> $regular', ({ base, precision, regular }) => {
    expect(priceDraft(inputs('AR0003'), settings({ base, precision, priceCategoryId: 6 })).regular).toBe(regular);
  });

  it('categoryPrice applies the discount unrounded', () => {
    expect(categoryPrice(inputs('AR0003'), 6, 'HT')!.toString()).toBe('4.1272');
    expect(categoryPrice(inputs('AR0003'), 99, 'HT')).toBeNull();
  });

  it('a 100 % discount gives 0', () => {
    const prices: ArticlePrice[] = [{ articleCode: 'AR0003', priceCategoryId: 1, price: '4.69', discountPercent: '100' }];
    expect(priceDraft(inputs('AR0003', { prices }), settings()).regular).toBe('0.00');
  });
});

describe('without a price row: the article card', () => {
  it.each([
    { base: 'HT', cat: 1, regular: '4.69' },
    { base: 'TTC', cat: 1, regular: '4.95' },
    { base: 'TTC', cat: 9, regular: '4.95' },
  ] as const)('AR0003, no row for Tarif $cat, $base -> $regular', ({ base, cat, regular }) => {
    const prices = cat === 9 ? pricesOf('AR0003') : [];
    expect(priceDraft(inputs('AR0003', { prices }), settings({ base, priceCategoryId: cat })).regular).toBe(regular);
  });
});

describe('promotions', () => {
  it.each([
    // AR0016: current promotion at a fixed HT price 29.17 (35.004 TTC).
    { what: 'AR0016 fixed HT price, TTC', code: 'AR0016', base: 'TTC', precision: 2, cat: 1, at: SAMPLE_REFERENCE_DATE,
      regular: '42.00', sale: { price: '35.00', from: '2026-06-24T06:00:00.000Z', to: '2026-12-31T22:59:59.000Z' } },
    { what: 'AR0016 fixed HT price, TTC 3 decimals', code: 'AR0016', base: 'TTC', precision: 3, cat: 1, at: SAMPLE_REFERENCE_DATE,
      regular: '42.000', sale: { price: '35.004', from: '2026-06-24T06:00:00.000Z', to: '2026-12-31T22:59:59.000Z' } },
    { what: 'AR0016 fixed HT price, HT', code: 'AR0016', base: 'HT', precision: 2, cat: 1, at: SAMPLE_REFERENCE_DATE,
      regular: '35.00', sale: { price: '29.17', from: '2026-06-24T06:00:00.000Z', to: '2026-12-31T22:59:59.000Z' } },
    { what: 'AR0016 from Tarif 2 (TTC)', code: 'AR0016', base: 'TTC', precision: 2, cat: 2, at: SAMPLE_REFERENCE_DATE,
      regular: '42.00', sale: { price: '35.00', from: '2026-06-24T06:00:00.000Z', to: '2026-12-31T22:59:59.000Z' } },
    { what: 'AR0016 on the first instant', code: 'AR0016', base: 'TTC', precision: 2, cat: 1, at: '2026-06-24T06:00:00.000Z',
      regular: '42.00', sale: { price: '35.00', from: '2026-06-24T06:00:00.000Z', to: '2026-12-31T22:59:59.000Z' } },
    { what: 'AR0016 on the last instant', code: 'AR0016', base: 'TTC', precision: 2, cat: 1, at: '2026-12-31T22:59:59.000Z',
      regular: '42.00', sale: { price: '35.00', from: '2026-06-24T06:00:00.000Z', to: '2026-12-31T22:59:59.000Z' } },
    // AR0001: Black Friday -15 %, current on 29 November 2025.
    { what: 'AR0001 percent, Tarif 2 TTC', code: 'AR0001', base: 'TTC', precision: 2, cat: 2, at: '2025-11-29T12:00:00.000Z',
      regular: '18.90', sale: { price: '16.07', from: '2025-11-28T00:00:00.000Z', to: '2025-12-01T22:59:59.000Z' } }, // 16.065
    { what: 'AR0001 percent, Tarif 1 HT', code: 'AR0001', base: 'HT', precision: 2, cat: 1, at: '2025-11-29T12:00:00.000Z',
      regular: '17.91', sale: { price: '15.22', from: '2025-11-28T00:00:00.000Z', to: '2025-12-01T22:59:59.000Z' } }, // 15.2235
    // AR0010: winter sales 2027 -20 %.
    { what: 'AR0010 percent during the 2027 sales', code: 'AR0010', base: 'TTC', precision: 2, cat: 2, at: '2027-01-20T10:00:00.000Z',
      regular: '12.90', sale: { price: '10.32', from: '2027-01-13T07:00:00.000Z', to: '2027-02-09T22:59:59.000Z' } },
    // AR0005: -10 % for Tarif 3 only (13.41 HT).
    { what: 'AR0005 promotion of Tarif 3, base Tarif 3', code: 'AR0005', base: 'HT', precision: 2, cat: 3, at: SAMPLE_REFERENCE_DATE,
      regular: '13.41', sale: { price: '12.07', from: '2026-05-01T00:00:00.000Z', to: '2026-09-30T21:59:59.000Z' } }, // 12.069
  ] as const)('$what -> $regular / sale $sale.price', ({ code, base, precision, cat, at, regular, sale }) => {
    const p = priceDraft(inputs(code, { at }), settings({ base, precision, priceCategoryId: cat, sendPromotions: true }));
    expect(p.regular).toBe(regular);
    expect(p.sale).toEqual(sale);
  });

  it.each([
    { what: 'AR0001 past promotion (Black Friday 2025)', code: 'AR0001', cat: 1, at: SAMPLE_REFERENCE_DATE },
    { what: 'AR0010 future promotion (winter 2027)', code: 'AR0010', cat: 1, at: SAMPLE_REFERENCE_DATE },
    { what: 'AR0016 one millisecond before it starts', code: 'AR0016', cat: 1, at: '2026-06-24T05:59:59.999Z' },
    { what: 'AR0016 one second after it ends', code: 'AR0016', cat: 1, at: '2027-01-01T00:00:00.000Z' },
    { what: 'AR0005 promotion of Tarif 3 while the base is Tarif 1', code: 'AR0005', cat: 1, at: SAMPLE_REFERENCE_DATE },
    { what: 'AR0003 has no promotion', code: 'AR0003', cat: 1, at: SAMPLE_REFERENCE_DATE },
  ])('$what -> no sale price', ({ code, cat, at }) => {
    expect(priceDraft(inputs(code, { at }), settings({ base: 'TTC', priceCategoryId: cat, sendPromotions: true })).sale).toBeNull();
  });

  it('sendPromotions off: the current AR0016 promotion is not sent', () => {
    const p = priceDraft(inputs('AR0016'), settings({ base: 'TTC', sendPromotions: false }));
    expect(p).toMatchObject({ regular: '42.00', sale: null });
  });

  const promo = (over: Partial<Promotion>): Promotion => ({
    id: 99, articleCode: 'AR0016', label: 'test', priceCategoryId: null, startsAt: '2026-07-01T00:00:00.000Z', endsAt: '2026-07-31T00:00:00.000Z',
    priceHt: null, discountPercent: null, ...over,
  });

  it.each([
    { what: 'fixed HT price above the base', p: promo({ priceHt: '40.00' }) },
    { what: 'fixed HT price equal to the base', p: promo({ priceHt: '35.00' }) },
    { what: 'a 0 % discount', p: promo({ discountPercent: '0' }) },
    { what: 'a negative discount', p: promo({ discountPercent: '-10' }) },
    { what: 'neither price nor percent', p: promo({}) },
    { what: 'another article\'s promotion', p: promo({ articleCode: 'AR0014', discountPercent: '50' }) },
  ])('$what is ignored', ({ p }) => {
    const d = priceDraft(inputs('AR0016', { promotions: [p] }), settings({ base: 'HT', sendPromotions: true }));
    expect(d).toMatchObject({ regular: '35.00', sale: null });
  });

  it('a price just under the base is kept', () => {
    const d = priceDraft(inputs('AR0016', { promotions: [promo({ priceHt: '34.99' })] }), settings({ base: 'HT', sendPromotions: true }));
    expect(d.sale).toEqual({ price: '34.99', from: '2026-07-01T00:00:00.000Z', to: '2026-07-31T00:00:00.000Z' });
  });
});

describe('group prices', () => {
  const groups: GroupMapping[] = [
    { priceCategoryId: 3, shopGroup: 'Revendeurs' },
    { priceCategoryId: 6, shopGroup: 'Remise 12 %' },
    { priceCategoryId: 5, shopGroup: 'Public remisé' },
    { priceCategoryId: 42, shopGroup: 'Sans tarif' },
  ];

  it.each([
    { base: 'HT', expected: [['Revendeurs', 3, '4.46'], ['Remise 12 %', 6, '4.13'], ['Public remisé', 5, '4.23']] },
    { base: 'TTC', expected: [['Revendeurs', 3, '4.71'], ['Remise 12 %', 6, '4.35'], ['Public remisé', 5, '4.46']] },
  ] as const)('AR0003 in $base: one price per mapped category with a price row', ({ base, expected }) => {
    const p = priceDraft(inputs('AR0003', { groups }), settings({ base, sendGroupPrices: true }));
    expect(p.groups).toEqual(expected.map(([group, priceCategoryId, price]) => ({ group, priceCategoryId, price })));
  });

  it('sendGroupPrices off: no group price', () => {
    expect(priceDraft(inputs('AR0003', { groups }), settings({ sendGroupPrices: false })).groups).toEqual([]);
  });

  it('the demo profile mapping (Tarif 1..7) gives seven prices', () => {
    const mapping = [1, 2, 3, 4, 5, 6, 7].map((id) => ({ priceCategoryId: id, shopGroup: `Tarif ${id}` }));
    const p = priceDraft(inputs('AR0014', { groups: mapping }), settings({ base: 'TTC', sendGroupPrices: true }));
    expect(p.groups.map((g) => [g.group, g.price])).toEqual([
      ['Tarif 1', '39.90'], ['Tarif 2', '39.90'], ['Tarif 3', '37.91'], ['Tarif 4', '35.92'], // 31.59 x 1.2, 29.93 x 1.2
      ['Tarif 5', '35.91'], ['Tarif 6', '35.11'], ['Tarif 7', '31.92'],
    ]);
  });
});

describe('purchase price and ecotax', () => {
  it.each([
    { on: true, precision: 2, purchase: '21.00', ecotax: '0.25' },
    { on: true, precision: 3, purchase: '21.000', ecotax: '0.250' },
    { on: false, precision: 2, purchase: null, ecotax: null },
  ])('AR0013, sent $on, $precision decimals', ({ on, precision, purchase, ecotax }) => {
    const p = priceDraft(inputs('AR0013'), settings({ precision, sendPurchasePrice: on, sendEcotax: on }));
    expect(p.purchase).toBe(purchase);
    expect(p.ecotax).toBe(ecotax);
  });
});
