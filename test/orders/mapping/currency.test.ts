/**
 * Issue 7: an order in a currency the profile does not map (and that is not the company's own) is
 * refused with a message naming the currency and the option; nothing is mapped for it.
 */
import { describe, expect, test } from 'vitest';
import { errorMessage } from '../../../src/errors.js';
import { currencyFor, gescomCurrencyOf, mapOrder } from '../../../src/sync/orders/mapping/document.js';
import { OrderMappingError } from '../../../src/sync/orders/mapping/errors.js';
import { order, refsFor, settingsWith } from './helpers.js';

const usd = [{ shopCurrency: 'USD', gescomCurrency: 'USD' }];

describe('gescomCurrencyOf: shop currency -> GesCom currency', () => {
  type Row = [string, { shopCurrency: string; gescomCurrency: string }[], string | null, string];
  test.each<Row>([
    ['EUR', [], 'EUR', 'the company\'s own currency needs no mapping'],
    ['eur', [], 'EUR', 'case does not matter'],
    ['USD', [], null, 'another currency without a mapping'],
    ['USD', usd, 'USD', 'mapped'],
    ['GBP', usd, null, 'another currency than the mapped one'],
    ['EUR', [{ shopCurrency: 'EUR', gescomCurrency: 'EURO' }], 'EURO', 'a mapping of the company currency wins'],
  ])('%s with %j -> %s (%s)', (shop, currencies, expected) => {
    expect(gescomCurrencyOf(shop, settingsWith({ orders: { mappings: { currencies } } }).orders, 'EUR')).toBe(expected);
  });
});

describe('an order in a currency with no mapping is refused', () => {
  test('USD order, EUR company, default profile: OrderMappingError on orders.mappings.currencies, in the journal\'s language', () => {
    const o = order({ currency: 'USD' });
    let error: unknown;
    try {
      mapOrder(o, settingsWith(), refsFor(o));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(OrderMappingError);
    expect(error).toMatchObject({ field: 'orders.mappings.currencies', entity: 'order 187' });
    expect(errorMessage(error, 'fr')).toBe("commande en USD : aucune devise de la gestion commerciale pour USD (la société tient ses comptes en EUR) ; "
      + "ajoutez USD à l'option orders.mappings.currencies");
    expect(errorMessage(error, 'en')).toBe('order in USD: no GesCom currency for USD (the company keeps its books in EUR); '
      + 'add USD to option orders.mappings.currencies');
  });

  test('USD mapped: a USD document', () => {
    const o = order({ currency: 'USD' });
    const r = mapOrder(o, settingsWith({ orders: { mappings: { currencies: usd } } }), refsFor(o));
    expect(r.skip === null && r.document.currencyCode).toBe('USD');
  });

  test('mapped to a currency the GesCom does not hold: refused naming it', () => {
    const o = order({ currency: 'CHF' });
    const settings = settingsWith({ orders: { mappings: { currencies: [{ shopCurrency: 'CHF', gescomCurrency: 'CHF' }] } } });
    expect(() => currencyFor(o, settings.orders, refsFor(o))).toThrow('devise CHF inconnue de la gestion commerciale (option orders.mappings.currencies, devise de la boutique CHF)');
  });
});
