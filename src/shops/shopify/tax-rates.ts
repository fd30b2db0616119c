/**
 * Shopify charges VAT itself, from the shop's country and its own regional settings: no API sets a
 * product's rate. An article whose GesCom rate is none the shop's country has would be sold at
 * another rate than the GesCom invoices, so it is refused, alone, naming its rate (as WooCommerce
 * refuses a rate without a tax class). The rates known are France's (mainland, Corsica, overseas
 * departments; Monaco applies them): the GesComs served are French; another country is not checked.
 */
import { PasserelleError } from '../../errors.js';
import { msg, type Text } from '../../i18n/catalogue.js';
import type { ProductDraft } from '../../sync/drafts.js';
import { dec } from '../../util/decimal.js';

const FRENCH_RATES = ['20', '13', '10', '8.5', '5.5', '2.1', '1.75', '1.05', '0.9', '0'];
const RATES_BY_COUNTRY: Record<string, { rates: readonly string[]; place: () => Text }> = {
  FR: { rates: FRENCH_RATES, place: () => msg('shopify.inFrance') },
  MC: { rates: FRENCH_RATES, place: () => msg('shopify.inMonaco') },
};

/** Throws for a draft whose VAT rate the shop's country has not (articles.taxes.noVat: no check). */
export function checkVatRate(d: Pick<ProductDraft, 'gescomKey' | 'vatRate'>, country: string | null, noVat: boolean): void {
  const known = country ? RATES_BY_COUNTRY[country.toUpperCase()] : undefined;
  if (!known || noVat || d.vatRate === null || d.vatRate.trim() === '') return;
  const rate = dec(d.vatRate);
  if (known.rates.some((r) => dec(r).eq(rate))) return;
  // The country in words (en France, à Monaco), not its code.
  throw new PasserelleError(msg('shopify.vatRateUnknown', { rate: rate.toString(), country: known.place(), rates: known.rates.join(', ') }), `article ${d.gescomKey}`, 'vatRate');
}
