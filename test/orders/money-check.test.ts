/**
 * Issue 7: what `check` says about money once the shop has answered: its currency against the
 * profile's mapping and the company's, the documents' price mode against how the shop enters
 * prices, the GesCom VAT codes without a shop tax class.
 */
import { describe, expect, test } from 'vitest';
import { type MoneyFacts, moneyFindings } from '../../src/actions/money-check.js';
import { render } from '../../src/i18n/catalogue.js';
import { settingsWith } from './mapping/helpers.js';

const facts = (over: Partial<MoneyFacts> = {}): MoneyFacts => ({
  shopCurrency: null, shopPricesIncludeTax: null, shopCalculatesTax: null, companyCurrency: 'EUR', vatCodesWithoutTaxClass: null, ...over,
});
const said = (profileOver: Record<string, unknown>, f: MoneyFacts, lang: 'fr' | 'en' = 'en') =>
  moneyFindings(settingsWith(profileOver), f).map((x) => [x.level, x.field, render(x.text, lang)]);

describe('moneyFindings', () => {
  test.each<[string, Record<string, unknown>, Partial<MoneyFacts>, [string, string, string][]]>([
    ['the company currency', {}, { shopCurrency: 'EUR' }, [['info', 'orders.mappings.currencies', 'shop currency: EUR, documents in EUR']]],
    ['USD, not mapped: an error', {}, { shopCurrency: 'usd' }, [['error', 'orders.mappings.currencies',
      'the shop sells in USD, the company keeps its books in EUR, and the profile maps USD to no GesCom currency: its orders will be refused; '
      + 'add USD to option orders.mappings.currencies']]],
    ['USD mapped to USD: a warning, documents in a foreign currency', { orders: { mappings: { currencies: [{ shopCurrency: 'USD', gescomCurrency: 'USD' }] } } },
      { shopCurrency: 'USD' }, [['warning', 'orders.mappings.currencies',
        'the shop sells in USD: documents will be in USD (orders.mappings.currencies), the company keeps its books in EUR']]],
    ['the GesCom could not say its currency (empty database): not compared', {}, { shopCurrency: 'USD', companyCurrency: null }, []],
    ['auto, shop with tax', {}, { shopPricesIncludeTax: true }, [['info', 'orders.lines.priceMode',
      'order documents including tax (TTC): the shop enters its prices with tax (orders.lines.priceMode auto)']]],
    ['auto, shop without tax', {}, { shopPricesIncludeTax: false }, [['info', 'orders.lines.priceMode',
      'order documents excluding tax (HT): the shop enters its prices without tax (orders.lines.priceMode auto)']]],
    ['HT by hand, shop with tax: a warning', { orders: { lines: { priceMode: 'HT' } } }, { shopPricesIncludeTax: true }, [['warning', 'orders.lines.priceMode',
      "orders.lines.priceMode is HT but the shop enters its prices with tax: document totals may be a cent away from the shop's; set orders.lines.priceMode to auto"]]],
    ['TTC by hand, shop without tax: a warning', { orders: { lines: { priceMode: 'TTC' } } }, { shopPricesIncludeTax: false }, [['warning', 'orders.lines.priceMode',
      "orders.lines.priceMode is TTC but the shop enters its prices without tax: document totals may be a cent away from the shop's; set orders.lines.priceMode to auto"]]],
    ['TTC by hand, shop with tax: nothing to say', { orders: { lines: { priceMode: 'TTC' } } }, { shopPricesIncludeTax: true }, []],
    ['a VAT code without class', {}, { vatCodesWithoutTaxClass: [{ code: 'C21', label: 'TVA 2,1 %', rate: '2.10', exempt: false }] },
      [['warning', 'articles.taxes.mapping', 'VAT code C21 (2.1 %): no shop tax class at that rate; its articles will be refused (option articles.taxes.mapping)']]],
    ['every VAT code carried', {}, { vatCodesWithoutTaxClass: [] }, [['info', 'articles.taxes.mapping', 'every GesCom VAT code has its tax class in the shop']]],
    ['a shop calculating no tax', {}, { shopCalculatesTax: false, vatCodesWithoutTaxClass: [] }, [['warning', 'articles.taxes.noVat',
      'the shop calculates no tax (WooCommerce > Settings > Enable taxes): its customers pay no VAT; enable taxes, or set articles.taxes.noVat to yes '
      + 'if the business charges no VAT (franchise en base)']]],
    ['franchise en base: tax classes not checked', { articles: { taxes: { noVat: true } } },
      { shopCalculatesTax: false, vatCodesWithoutTaxClass: [{ code: 'C21', label: '', rate: '2.1', exempt: false }] },
      [['info', 'articles.taxes.noVat', 'articles.taxes.noVat: the shop charges no VAT, tax classes not checked']]],
  ])('%s', (_what, profile, f, expected) => {
    expect(said(profile, facts(f))).toEqual(expected);
  });

  test('in French', () => {
    expect(said({}, facts({ shopCurrency: 'USD' }), 'fr')).toEqual([['error', 'orders.mappings.currencies',
      "la boutique vend en USD, la société tient ses comptes en EUR, et le profil n'associe pas USD à une devise de la gestion commerciale : "
      + "ses commandes seront refusées ; ajoutez USD à l'option orders.mappings.currencies"]]);
  });
});
