/**
 * The money part of `check` (issue 7), run by shop.check once the shop has answered: the shop's
 * currency against orders.mappings.currencies and the company's; the documents' price mode against
 * how the shop enters its prices; the GesCom VAT codes the shop has no tax class for. Pure: the
 * findings come back as catalogue texts with the option each one is about.
 */
import type { VatCode } from '../gescom/model.js';
import { msg, type Text } from '../i18n/catalogue.js';
import type { Profile } from '../profile/schema.js';
import { gescomCurrencyOf } from '../sync/orders/mapping/document.js';

export interface MoneyFinding {
  /** error: orders or articles will be refused; warning: a cent may be lost or a choice is worth a look. */
  level: 'info' | 'warning' | 'error';
  text: Text;
  /** The profile option the finding is about. */
  field: string;
}

export interface MoneyFacts {
  /** The shop's currency (ISO 4217), null when it did not say. */
  shopCurrency: string | null;
  /** Whether the shop enters its prices with tax, null when it did not say. */
  shopPricesIncludeTax: boolean | null;
  /** The GesCom company's currency, null when the GesCom could not say (the currency is then not compared). */
  companyCurrency: string | null;
  /** Whether the shop calculates taxes at all, null when it did not say. */
  shopCalculatesTax: boolean | null;
  /** The GesCom VAT codes the shop has no tax class for; null when the shop sets no tax per product. */
  vatCodesWithoutTaxClass: readonly VatCode[] | null;
}

export function moneyFindings(profile: Profile, facts: MoneyFacts): MoneyFinding[] {
  const out: MoneyFinding[] = [];
  if (facts.shopCurrency && facts.companyCurrency) {
    const currency = facts.shopCurrency.toUpperCase();
    const company = facts.companyCurrency;
    const code = gescomCurrencyOf(currency, profile.orders, company);
    const field = 'orders.mappings.currencies';
    if (code === null) out.push({ level: 'error', field, text: msg('money.checkCurrencyNotMapped', { currency, company }) });
    else if (code !== company) out.push({ level: 'warning', field, text: msg('money.checkCurrencyForeign', { currency, code, company }) });
    else out.push({ level: 'info', field, text: msg('money.checkCurrencyOk', { currency, code }) });
  }
  if (facts.shopPricesIncludeTax !== null) {
    const setting = profile.orders.lines.priceMode;
    const withTax = facts.shopPricesIncludeTax;
    const field = 'orders.lines.priceMode';
    if (setting === 'auto') out.push({ level: 'info', field, text: msg(withTax ? 'money.checkPriceModeAutoTtc' : 'money.checkPriceModeAutoHt') });
    else if (setting !== (withTax ? 'TTC' : 'HT')) {
      out.push({ level: 'warning', field, text: msg(withTax ? 'money.checkPriceModeNotTtc' : 'money.checkPriceModeNotHt', { mode: setting }) });
    }
  }
  const field = 'articles.taxes.mapping';
  if (profile.articles.taxes.noVat) {
    out.push({ level: 'info', field: 'articles.taxes.noVat', text: msg('tax.checkNoVat') });
  } else if (facts.shopCalculatesTax === false) {
    out.push({ level: 'warning', field: 'articles.taxes.noVat', text: msg('tax.checkShopChargesNoTax') });
  } else if (facts.vatCodesWithoutTaxClass !== null) {
    for (const v of facts.vatCodesWithoutTaxClass) {
      out.push({ level: 'warning', field, text: msg('tax.checkUncarried', { vatCode: v.code, rate: String(Number(v.rate)) }) });
    }
    if (facts.vatCodesWithoutTaxClass.length === 0) out.push({ level: 'info', field, text: msg('tax.checkAllCarried') });
  }
  return out;
}
