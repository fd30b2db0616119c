/**
 * ART-04 / issue 7: the WooCommerce tax class of a GesCom VAT code. A rate the shop has no class
 * for is refused (it would be charged at the standard rate) unless the profile says the shop
 * charges no VAT; the payload of a 0 % article without a class is not taxable.
 */
import { describe, expect, test } from 'vitest';
import { type TaxClassChoice, taxClassFor } from '../../src/shops/woocommerce/woo-mapping.js';
import type { Profile } from '../../src/profile/schema.js';

type Taxes = Profile['articles']['taxes'];
const taxes = (over: Partial<Taxes> = {}): Taxes => ({ mapping: [], defaultTaxClass: '', applyDefaultToAll: false, noVat: false, ...over });
/** The French rates of the recorded shop (fixtures 021-023): no 2.1 %. */
const FRENCH = new Map([['20', ''], ['5.5', 'reduced-rate'], ['10', 'taux-intermediaire']]);

describe('taxClassFor', () => {
  test.each<[string, string | null, string | null, Taxes, ReadonlyMap<string, string> | null, TaxClassChoice]>([
    ['20 % -> standard', 'C20', '20', taxes(), FRENCH, { kind: 'class', taxClass: '' }],
    ['5.50 written with zeros -> reduced-rate', 'C55', '5.50', taxes(), FRENCH, { kind: 'class', taxClass: 'reduced-rate' }],
    ['2.1 % without a class: refused', 'C21', '2.1', taxes(), FRENCH, { kind: 'refuse', vatCode: 'C21', rate: '2.1' }],
    ['2.1 % without a class, a default class set: still refused (it would charge another rate)', 'C21', '2.1',
      taxes({ defaultTaxClass: 'standard' }), FRENCH, { kind: 'refuse', vatCode: 'C21', rate: '2.1' }],
    ['2.1 % mapped by hand', 'C21', '2.1', taxes({ mapping: [{ vatCode: 'C21', shopTaxClass: 'taux-particulier' }] }), FRENCH,
      { kind: 'class', taxClass: 'taux-particulier' }],
    ['mapping to "standard" is written \'\'', 'C21', '2.1', taxes({ mapping: [{ vatCode: 'C21', shopTaxClass: 'standard' }] }), FRENCH,
      { kind: 'class', taxClass: '' }],
    ['the default class applied to all wins', 'C21', '2.1', taxes({ defaultTaxClass: 'zero-rate', applyDefaultToAll: true }), FRENCH,
      { kind: 'class', taxClass: 'zero-rate' }],
    ['franchise en base (noVat): not refused, left to the shop', 'C21', '2.1', taxes({ noVat: true }), FRENCH, { kind: 'leave' }],
    ['franchise en base with a default class: that class', 'C21', '2.1', taxes({ noVat: true, defaultTaxClass: 'zero-rate' }), FRENCH,
      { kind: 'class', taxClass: 'zero-rate' }],
    ['0 % without a class: not taxable', 'C00', '0', taxes(), FRENCH, { kind: 'notTaxable' }],
    ['0 % with a class at 0 %', 'C00', '0', taxes(), new Map([...FRENCH, ['0', 'zero-rate']]), { kind: 'class', taxClass: 'zero-rate' }],
    ['shop rates unknown (unreadable, or none): left to the shop as before', 'C21', '2.1', taxes(), null, { kind: 'leave' }],
    ['no VAT code on the article: left to the shop', null, null, taxes(), FRENCH, { kind: 'leave' }],
  ])('%s', (_what, vatCode, rate, t, classes, expected) => {
    expect(taxClassFor(vatCode, rate, t, classes)).toEqual(expected);
  });
});
