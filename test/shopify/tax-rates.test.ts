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
    // Corsica (13, 0.9) and the overseas departments (1.75, 1.05).
    ['0.9', 'FR'], ['0.90', 'FR'], ['1.05', 'FR'], ['1.75', 'FR'], ['13', 'FR'], ['13', 'MC'],
    // Another country is not checked; no rate, or a shop without VAT, neither.
    ['7.7', 'CH'], ['7.7', null], [null, 'FR'], ['7.7', 'FR', true],
  ] as [string | null, string | null, boolean?][])('%s %% in %s (no VAT: %s): accepted', (rate, country, noVat) => {
    expect(check(rate, country, noVat)).toBe('ok');
  });

  it.each([['7.7', 'FR', 'en France'], ['19.6', 'FR', 'en France'], ['21', 'fr', 'en France'], ['7.7', 'MC', 'à Monaco']])(
    '%s %% in %s: refused, naming the rate, the country in words and its rates', (rate, country, place) => {
      const text = check(rate, country);
      expect(text).toContain(`${Number(rate)} %`);
      expect(text).toContain('vatRate');
      expect(text).toContain(`inconnu ${place} (20, 13, 10, 8.5, 5.5`);
    });

  it('in English too: the country in words', () => {
    let text = '';
    try {
      checkVatRate({ gescomKey: 'AR0001', vatRate: '7.7' }, 'MC', false);
    } catch (err) {
      text = errorMessage(err, 'en');
    }
    expect(text).toContain('unknown in Monaco (20, 13');
    expect(text).not.toMatch(/\bMC\b/);
  });
});
