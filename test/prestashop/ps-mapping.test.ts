/** The PrestaShop catalogue mapping rules, table-driven. */
import { describe, expect, it } from 'vitest';
import {
  barcodeFields, combinationRecord, fromShopPrice, linkRewrite, mergeRecord, productRecord, psDate, specificPriceRecords, taxGroupFor, toShopPrice,
  writableCopy, type PsTaxGroup,
} from '../../src/shops/prestashop/ps-mapping.js';
import { price, product, settingsOf, variation } from './support.js';

const GROUPS: PsTaxGroup[] = [
  { id: '1', name: 'FR Taux standard (20%)', rate: '20.000' },
  { id: '2', name: 'FR Taux réduit (10%)', rate: '10.000' },
  { id: '3', name: 'FR Taux réduit (5.5%)', rate: '5.500' },
  { id: '9', name: 'Sans règle', rate: null },
];

describe('taxGroupFor (ART-04)', () => {
  const taxes = (over: Partial<ReturnType<typeof settingsOf>['articles']['taxes']> = {}) => ({ ...settingsOf().articles.taxes, ...over });
  it.each([
    ['by rate', 'C20', '20', taxes(), { kind: 'group', id: '1', rate: '20.000' }],
    ['by rate, 5.50 = 5.5', 'C055', '5.50', taxes(), { kind: 'group', id: '3', rate: '5.500' }],
    ['mapping by id', 'C20', '20', taxes({ mapping: [{ vatCode: 'C20', shopTaxClass: '2' }] }), { kind: 'group', id: '2', rate: '10.000' }],
    ['mapping by name', 'C20', '20', taxes({ mapping: [{ vatCode: 'C20', shopTaxClass: 'fr taux réduit (10%)' }] }), { kind: 'group', id: '2', rate: '10.000' }],
    ['mapping to an unknown group: refused', 'C20', '20', taxes({ mapping: [{ vatCode: 'C20', shopTaxClass: 'nope' }] }), { kind: 'refuse', vatCode: 'C20', rate: '20' }],
    ['no group for 7 %: refused', 'C07', '7', taxes(), { kind: 'refuse', vatCode: 'C07', rate: '7' }],
    ['0 % without group: no tax', 'C00', '0', taxes(), { kind: 'group', id: '0', rate: '0' }],
    ['shop without VAT: default', 'C07', '7', taxes({ noVat: true }), { kind: 'leave' }],
    ['default applied to all', 'C20', '20', taxes({ defaultTaxClass: '3', applyDefaultToAll: true }), { kind: 'group', id: '3', rate: '5.500' }],
    ['no VAT code: default group', null, null, taxes({ defaultTaxClass: '1' }), { kind: 'group', id: '1', rate: '20.000' }],
  ] as const)('%s', (_n, code, rate, t, expected) => {
    expect(taxGroupFor(code, rate, t, GROUPS)).toEqual(expected);
  });
});

describe('prices', () => {
  it.each([
    ['12.00', 'HT', '20.000', '12.000000'],
    ['12.00', 'TTC', '20.000', '10.000000'],
    ['5.00', 'TTC', '20.000', '4.166667'],
    ['4.95', 'TTC', '5.500', '4.691943'],
    ['9.99', 'TTC', null, '9.990000'],
  ] as const)('%s %s at %s %% -> %s HT', (p, base, rate, expected) => {
    expect(toShopPrice(p, base, rate)).toBe(expected);
  });
  it.each([
    ['4.691943', 'TTC', '5.500', 2, '4.95'],
    ['4.166667', 'TTC', '20.000', 2, '5.00'],
    ['10.000000', 'HT', '20.000', 2, '10.00'],
    ['10.000000', 'HT', null, 3, '10.000'],
  ] as const)('shop %s read in %s at %s %% -> %s', (p, base, rate, precision, expected) => {
    expect(fromShopPrice(p, base, rate, precision)).toBe(expected);
  });
});

describe('fields', () => {
  it.each([
    ['3760000000031', { ean13: '3760000000031' }],
    ['12345678', { ean13: '12345678' }],
    ['012345678905', { upc: '012345678905' }],
    ['ABC-12', { mpn: 'ABC-12' }],
    [null, {}],
  ])('barcode %s', (code, expected) => expect(barcodeFields(code)).toEqual(expected));
  it.each([
    ['Chocolat Noir 70 %', 'chocolat-noir-70'],
    ['Crème brûlée & café', 'creme-brulee-cafe'],
    ['***', 'produit'],
  ])('link_rewrite of %s', (s, expected) => expect(linkRewrite(s)).toBe(expected));
  it.each([
    [null, '0000-00-00 00:00:00'],
    ['2026-12-01T10:20:30.000Z', '2026-12-01 10:20:30'],
    ['2026-12-01', '2026-12-01 00:00:00'],
  ])('date %s', (iso, expected) => expect(psDate(iso)).toBe(expected));
});

describe('productRecord: update switches (ART-14)', () => {
  const ctx = (edit: Parameters<typeof settingsOf>[0] = () => undefined) => ({
    settings: settingsOf(edit), languageIds: ['1', '2'], taxGroup: { id: '1', rate: '20.000' }, categoryIds: ['5', '6'], defaultCategoryId: '2',
    linkedIds: ['9'], manufacturerId: '3', supplierId: null, features: null,
  });
  const d = product('AR1', { barcode: '3760000000031', location: 'A1', availableFrom: '2027-01-01' });
  it('a creation carries everything, texts in every language', () => {
    const r = productRecord(d, ctx(), false);
    expect(r).toMatchObject({
      reference: 'AR1', product_type: 'standard', price: '10.000000', id_tax_rules_group: '1', ean13: '3760000000031', weight: '0.250000',
      location: 'A1', available_date: '2027-01-01', id_manufacturer: '3', id_category_default: '5', active: '1', visibility: 'both',
      name: [{ id: '1', value: 'Produit AR1' }, { id: '2', value: 'Produit AR1' }],
      associations: { categories: [{ id: '5' }, { id: '6' }] },
    });
    expect(r).not.toHaveProperty('id_supplier');
  });
  it.each([
    ['name', 'name'], ['description', 'description'], ['shortDescription', 'description_short'], ['seo', 'link_rewrite'], ['price', 'price'],
    ['price', 'id_tax_rules_group'], ['barcode', 'ean13'], ['weight', 'weight'], ['location', 'location'], ['availabilityDate', 'available_date'],
    ['manufacturer', 'id_manufacturer'], ['category', 'id_category_default'],
  ] as const)('updates.%s off: %s not sent', (flag, field) => {
    expect(productRecord(d, ctx((p) => { p.articles.updates[flag] = true; }), true)).toHaveProperty(field);
    expect(productRecord(d, ctx((p) => { p.articles.updates[flag] = false; }), true)).not.toHaveProperty(field);
  });
  it('an update sends no reference, type, status or categories unless asked', () => {
    const r = productRecord(d, ctx(), true);
    for (const f of ['reference', 'product_type', 'active', 'visibility', 'associations']) expect(r).not.toHaveProperty(f);
    expect(productRecord(d, ctx((p) => { p.articles.updates.category = true; }), true).associations).toEqual({ categories: [{ id: '5' }, { id: '6' }] });
    expect(productRecord(d, ctx((p) => { p.articles.linkedProducts.enabled = true; p.articles.updates.linkedProducts = true; }), true).associations)
      .toEqual({ accessories: [{ id: '9' }] });
  });
  it('a product created inactive when the profile says so', () => {
    expect(productRecord(d, ctx((p) => { p.articles.creation.active = false; }), false).active).toBe('0');
  });
});

describe('combinationRecord', () => {
  const parent = product('PULL', { kind: 'variable', price: price('30.00'), weight: '0.5' });
  it.each([
    ['cheaper', '25.00', '0.4', '-5.000000', '-0.100000'],
    ['same', '30.00', '0.5', '0.000000', '0.000000'],
    ['dearer', '35.50', null, '5.500000', undefined],
  ])('%s: price and weight as impacts', (_n, p, w, impact, weight) => {
    const r = combinationRecord(variation('V', [['Couleur', 'Rouge']], { price: price(p), weight: w }), parent, {
      settings: settingsOf(), productId: '61', rate: '20.000', optionValueIds: ['14'], isDefault: false, update: false,
    });
    expect(r.price).toBe(impact);
    expect(r.weight).toBe(weight);
    expect(r.associations).toEqual({ product_option_values: [{ id: '14' }] });
  });
});

describe('specific prices', () => {
  it('promotion for everyone with its dates, one fixed price per known group, unknown groups reported', () => {
    const r = specificPriceRecords(price('10.00', {
      sale: { price: '8.00', from: '2026-12-01T00:00:00Z', to: null },
      groups: [{ group: 'Client', priceCategoryId: 2, price: '9.00' }, { group: 'Revendeur', priceCategoryId: 3, price: '7.00' }],
    }), { productId: '60', combinationId: '0', base: 'TTC', rate: '20.000', groupIdOf: (n) => (n === 'Client' ? '3' : undefined), shopId: null });
    expect(r.unknownGroups).toEqual(['Revendeur']);
    expect(r.records.map((x) => [x.id_group, x.price, x.from, x.to, x.reduction, x.id_shop])).toEqual([
      ['0', '6.666667', '2026-12-01 00:00:00', '0000-00-00 00:00:00', '0', '0'],
      ['3', '7.500000', '0000-00-00 00:00:00', '0000-00-00 00:00:00', '0', '0'],
    ]);
  });
});

describe('GET-modify-PUT', () => {
  it('a JSON read made writable keeps every field, turns one-language strings into languages, drops read-only ones', () => {
    const read = { id: 60, reference: 'AR0003', name: 'Chocolat Noir', manufacturer_name: '', quantity: 0, position_in_category: '', price: '4.691943', associations: { categories: [{ id: 2 }] } };
    const w = writableCopy('products', read, '1');
    expect(w).toEqual({ id: 60, reference: 'AR0003', name: [{ id: '1', value: 'Chocolat Noir' }], price: '4.691943', associations: { categories: [{ id: 2 }] } });
    const merged = mergeRecord(w, { price: '5.000000', name: [{ id: '2', value: 'Dark chocolate' }], associations: { accessories: [{ id: 9 }] } });
    expect(merged).toEqual({
      id: 60, reference: 'AR0003', price: '5.000000', name: [{ id: '1', value: 'Chocolat Noir' }, { id: '2', value: 'Dark chocolate' }],
      associations: { categories: [{ id: 2 }], accessories: [{ id: 9 }] },
    });
  });
});
