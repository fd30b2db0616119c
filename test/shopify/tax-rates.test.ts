/** Shopify charges the VAT rates of the shop's country: an article at a rate the country has not is refused alone, naming its rate. */
import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../src/errors.js';
import { checkVatRate } from '../../src/shops/shopify/tax-rates.js';

const check = (vatRate: string | null, country: string | null, noVat = false) => {
  try {
    checkVatRate({ gescomKey: 'AR0001', vatRate }, country, noVat);
    return 'ok';
  } catch (err) {
    return errorMessage(err, 'fr');
  }
};

describe('VAT rates Shopify can charge', () => {
  it.each([
    ['20', 'FR'], ['20.00', 'FR'], ['5.5', 'FR'], ['5.50', 'FR'], ['10', 'FR'], ['2.1', 'FR'], ['8.5', 'FR'], ['0', 'FR'], ['20', 'MC'],
    // Another country is not checked; no rate, or a shop without VAT, neither.
    ['7.7', 'CH'], ['7.7', null], [null, 'FR'], ['7.7', 'FR', true],
  ] as [string | null, string | null, boolean?][])('%s %% in %s (no VAT: %s): accepted', (rate, country, noVat) => {
    expect(check(rate, country, noVat)).toBe('ok');
  });

  it.each([['7.7', 'FR'], ['19.6', 'FR'], ['21', 'fr']])('%s %% in %s: refused, naming the rate and the country\'s rates', (rate, country) => {
    const text = check(rate, country);
    expect(text).toContain(`${Number(rate)} %`);
    expect(text).toContain('vatRate');
    expect(text).toContain('20, 13, 10, 8.5, 5.5');
  });
});
