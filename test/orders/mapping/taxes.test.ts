import { describe, expect, test } from 'vitest';
import { MappingError } from '../../../src/sync/orders/mapping/errors.js';
import { accountingCategoryFor, combinedRate, VatResolver } from '../../../src/sync/orders/mapping/taxes.js';
import { plain } from '../../../src/util/decimal.js';
import { company, order, settingsWith, tax, VAT_CODES, said } from './helpers.js';

describe('CMD-15 cumulative taxes by priority', () => {
  // The manual's BigCommerce example: VAT 20 % (priority 1) and parafiscal 3.2 %.
  test.each([
    ['same priority adds', [tax('20', '0', { priority: 1 }), tax('3.2', '0', { priority: 1 })], true, '23.2'],
    ['different priorities compound', [tax('20', '0', { priority: 1 }), tax('3.2', '0', { priority: 0 })], true, '23.84'],
    ['order of the list does not matter', [tax('3.2', '0', { priority: 0 }), tax('20', '0', { priority: 1 })], true, '23.84'],
    ['option off: rates add', [tax('20', '0', { priority: 1 }), tax('3.2', '0', { priority: 0 })], false, '23.2'],
    ['a compound tax applies on top', [tax('20', '0'), tax('3.2', '0', { compound: true })], true, '23.84'],
    ['no tax', [], true, '0'],
  ] as const)('%s', (_name, taxes, byPriority, expected) => {
    expect(plain(combinedRate([...taxes], byPriority))).toBe(expected);
  });

  test('100 € at 23.84 % is 123.84 €, at 23.2 % 123.20 €', () => {
    const compound = combinedRate([tax('20', '0', { priority: 1 }), tax('3.2', '0', { priority: 0 })]);
    expect(compound.div(100).plus(1).times(100).toFixed(2)).toBe('123.84');
  });
});

describe('CMD-09 tax mapping', () => {
  const settings = settingsWith({
    orders: { mappings: { taxes: [
      { name: '', rate: '20', vatCode: 'C20' }, { name: 'TVA LU 17%', rate: '17', vatCode: 'C20' }, { name: '', rate: '5.5', vatCode: 'C55' },
      { name: '', rate: '23.2', vatCode: 'C232' }, { name: '', rate: '23.84', vatCode: 'C2384' },
    ] } },
  });

  test.each([
    ['20 % -> C20', [tax('20', '2')], 'C20'],
    ['5,5 % -> C55', [tax('5.5', '1')], 'C55'],
    ['by name and rate', [tax('17', '1', { label: 'TVA LU 17%' })], 'C20'],
    ['20 + 3.2 same priority -> C232', [tax('20', '2'), tax('3.2', '0.32')], 'C232'],
    ['20 then 3.2 first -> C2384', [tax('20', '2', { priority: 1 }), tax('3.2', '0.32', { priority: 0 })], 'C2384'],
  ] as const)('%s', (_n, taxes, code) => {
    const v = new VatResolver(settings.orders, VAT_CODES);
    expect(v.forTaxes([...taxes]).vatCode).toBe(code);
  });

  test('a mapped rate that differs from the GesCom code is warned about', () => {
    const v = new VatResolver(settings.orders, VAT_CODES);
    v.forTaxes([tax('17', '1', { label: 'TVA LU 17%' })]);
    expect(said(v.warnings.slice(0, 1))).toContain('C20 (20 %)');
  });

  test('unmapped tax: the default VAT code, with a warning', () => {
    const v = new VatResolver(settings.orders, VAT_CODES);
    expect(v.forTaxes([tax('19', '1', { label: 'MwSt. DE 19%' })]).vatCode).toBe('C20');
    expect(said(v.warnings.slice(0, 1))).toContain('orders.mappings.taxes');
  });

  test('unmapped tax and no default: MappingError naming orders.mappings.taxes', () => {
    const bare = settingsWith({ orders: { mappings: { taxes: [], defaultVatCode: '' } } });
    const v = new VatResolver(bare.orders, VAT_CODES);
    expect(() => v.forTaxes([tax('19', '1')])).toThrow(expect.objectContaining({ field: 'orders.mappings.taxes' }));
  });

  test('a mapping to a VAT code the GesCom lacks: MappingError', () => {
    const bad = settingsWith({ orders: { mappings: { taxes: [{ name: '', rate: '20', vatCode: 'X20' }] } } });
    expect(() => new VatResolver(bad.orders, VAT_CODES).forTaxes([tax('20', '1')])).toThrow(MappingError);
  });
});

describe('CMD-09 accounting category by country / zone, with or without tax', () => {
  const mappings = {
    accountingCategories: [
      { key: 'FR', withTax: 'LOCAL', withoutTax: 'LOCAL' },
      { key: 'ES-NA', withTax: 'LOCAL', withoutTax: 'INTRA' },
      { key: 'US', withTax: 'EXPORT', withoutTax: 'EXPORT' },
      { key: 'Europe', withTax: 'LOCAL', withoutTax: 'INTRA' },
    ],
    defaultAccountingCategoryWithTax: 'LOCAL',
    defaultAccountingCategoryWithoutTax: 'EXPORT',
  };
  const taxed = order();
  const untaxed = (country: string, state = '') => order({
    shipping: [{ ...taxed.billing, countryCode: country, state }],
    lines: [{ ...taxed.lines[0]!, taxes: [] }],
  });
  test.each([
    ['France with tax', taxed, {}, null, 'LOCAL'],
    ['Spain (Navarra) without tax, states on', untaxed('ES', 'NA'), { includeCountryStates: true }, null, 'INTRA'],
    ['Spain (Navarra) without tax, states off: default', untaxed('ES', 'NA'), {}, null, 'EXPORT'],
    ['USA without tax', untaxed('US'), {}, null, 'EXPORT'],
    ['by zone', untaxed('DE'), { accountingCategoryBy: 'zone' }, 'Europe', 'INTRA'],
  ] as const)('%s -> %s', (_n, o, extra, zone, expected) => {
    const s = settingsWith({ orders: { mappings: { ...mappings, ...extra } } });
    expect(accountingCategoryFor(o, s.orders, company.accountingCategories, zone)).toBe(expected);
  });

  test('nothing configured: null (the GesCom default)', () => {
    const s = settingsWith({ orders: { mappings: { accountingCategories: [], defaultAccountingCategoryWithTax: '', defaultAccountingCategoryWithoutTax: '' } } });
    expect(accountingCategoryFor(taxed, s.orders, company.accountingCategories)).toBeNull();
  });

  test('a country without mapping nor default: MappingError naming orders.mappings.accountingCategories', () => {
    const s = settingsWith({ orders: { mappings: { ...mappings, defaultAccountingCategoryWithoutTax: '' } } });
    expect(() => accountingCategoryFor(untaxed('JP'), s.orders, company.accountingCategories))
      .toThrow(expect.objectContaining({ field: 'orders.mappings.accountingCategories' }));
  });
});
