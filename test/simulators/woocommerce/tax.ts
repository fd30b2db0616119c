/**
 * WC_Tax (rate matching, calc_tax inclusive/exclusive with 6-dp rounding), wc_round_tax_total
 * (half-down when prices include tax, as WC_TAX_ROUNDING_MODE 'auto'), price display helpers
 * (wc_get_price_including_tax / excluding_tax, wc_price, price ranges, sale format).
 */
import { numberFormat, phpRound, type RoundMode } from './php.js';
import type { ProductRec, TaxRateRec, WooState } from './state.js';

export interface Location { country: string; state: string; postcode: string; city: string }

/** Rounding mode of wc_round_tax_total(): WC_TAX_ROUNDING_MODE 'auto'. */
export function taxRoundMode(state: WooState): RoundMode {
  return state.pricesIncludeTax ? 'half_down' : 'half_up';
}

export function roundTaxTotal(state: WooState, value: number, precision?: number): number {
  return phpRound(value, precision ?? state.priceDecimals, taxRoundMode(state));
}

/** WC_Tax::round(): rounding precision (6 dp). */
export function taxRound(value: number): number {
  return phpRound(value, 6);
}

function postcodeMatches(list: string[], postcode: string): boolean {
  if (list.length === 0) return true;
  const pc = postcode.toUpperCase().replace(/\s+/g, '');
  return list.some((p) => {
    const pat = p.toUpperCase().replace(/\s+/g, '');
    if (pat.includes('...')) {
      const [a, b] = pat.split('...');
      return pc >= a! && pc <= b!;
    }
    if (pat.endsWith('*')) return pc.startsWith(pat.slice(0, -1));
    return pc === pat;
  });
}

/** WC_Tax::find_rates(): matching rates by location and class, first match per priority. */
export function findRates(state: WooState, loc: Location, taxClass: string, shippingOnly = false): TaxRateRec[] {
  const cls = taxClass === 'standard' ? '' : taxClass;
  const matching = state.taxes
    .list()
    .filter((r) => r.class === cls)
    .filter((r) => !shippingOnly || r.shipping)
    .filter((r) => r.country === '' || r.country === loc.country.toUpperCase())
    .filter((r) => r.state === '' || r.state === loc.state.toUpperCase())
    .filter((r) => postcodeMatches(r.postcodes, loc.postcode))
    .filter((r) => r.cities.length === 0 || r.cities.includes(loc.city.toUpperCase()))
    .sort((a, b) => a.priority - b.priority || a.order - b.order || a.id - b.id);
  const seen = new Set<number>();
  const out: TaxRateRec[] = [];
  for (const r of matching) {
    if (seen.has(r.priority)) continue;
    seen.add(r.priority);
    out.push(r);
  }
  return out;
}

export function baseRates(state: WooState, taxClass: string): TaxRateRec[] {
  return findRates(state, state.baseLocation(), taxClass);
}

/** WC_Tax::calc_tax(): taxes keyed by rate id (insertion order = rate order), rounded to 6 dp. */
export function calcTax(price: number, rates: TaxRateRec[], inclusive: boolean): Map<number, number> {
  const taxes = new Map<number, number>();
  const rate = (r: TaxRateRec) => Number.parseFloat(r.rate) || 0;
  if (inclusive) {
    const compound = rates.filter((r) => r.compound).reverse();
    const regular = rates.filter((r) => !r.compound);
    for (const r of rates) taxes.set(r.id, 0);
    let nonCompoundPrice = price;
    for (const r of compound) {
      const tax = nonCompoundPrice - nonCompoundPrice / (1 + rate(r) / 100);
      taxes.set(r.id, tax);
      nonCompoundPrice -= tax;
    }
    const regularRate = 1 + regular.reduce((s, r) => s + rate(r), 0) / 100;
    for (const r of regular) {
      const theRate = rate(r) / 100 / regularRate;
      const netPrice = price - theRate * nonCompoundPrice;
      taxes.set(r.id, price - netPrice);
    }
  } else {
    let preCompound = 0;
    for (const r of rates) {
      if (r.compound) continue;
      const t = price * (rate(r) / 100);
      taxes.set(r.id, (taxes.get(r.id) ?? 0) + t);
      preCompound += t;
    }
    for (const r of rates) {
      if (!r.compound) continue;
      const t = (price + preCompound) * (rate(r) / 100);
      taxes.set(r.id, (taxes.get(r.id) ?? 0) + t);
      preCompound += t;
    }
  }
  for (const [k, v] of taxes) taxes.set(k, taxRound(v));
  return taxes;
}

export function sumMap(m: Map<number, number>): number {
  let s = 0;
  for (const v of m.values()) s += v;
  return s;
}

// ---- product prices --------------------------------------------------------------------------------

/** The tax class a product uses ('parent' resolved for variations). */
export function effectiveTaxClass(state: WooState, p: ProductRec): string {
  if (p.type === 'variation' && p.taxClass === 'parent') {
    const parent = state.products.get(p.parentId);
    return parent ? parent.taxClass : '';
  }
  return p.taxClass;
}

export function isTaxable(state: WooState, p: ProductRec): boolean {
  return state.taxEnabled && p.taxStatus === 'taxable';
}

/** wc_get_price_excluding_tax() for a line (REST order line items use it). */
export function priceExcludingTax(state: WooState, p: ProductRec, price: number, qty: number): number {
  const line = price * qty;
  if (isTaxable(state, p) && state.pricesIncludeTax) {
    const taxes = calcTax(line, baseRates(state, effectiveTaxClass(state, p)), true);
    return line - sumMap(taxes);
  }
  return line;
}

/** wc_get_price_including_tax() (customer location = store base, as for REST / logged-out). */
export function priceIncludingTax(state: WooState, p: ProductRec, price: number, qty = 1): number {
  const line = price * qty;
  if (!isTaxable(state, p)) return line;
  if (!state.pricesIncludeTax) {
    const taxes = calcTax(line, baseRates(state, effectiveTaxClass(state, p)), false);
    let total = 0;
    if (state.roundAtSubtotal) total = sumMap(taxes);
    else for (const t of taxes.values()) total += roundTaxTotal(state, t);
    return phpRound(line + total, state.priceDecimals);
  }
  return line;
}

export function priceToDisplay(state: WooState, p: ProductRec, price: number): number {
  return state.option('woocommerce_tax_display_shop') === 'incl'
    ? priceIncludingTax(state, p, price)
    : priceExcludingTax(state, p, price, 1);
}

/** wc_price(). */
export function wcPrice(state: WooState, price: number, ariaHidden = false): string {
  const symbol = state.currencyInfo().symbol;
  const decimals = state.priceDecimals;
  const formatted = numberFormat(Math.abs(price), decimals, state.option('woocommerce_price_decimal_sep') || '.', state.option('woocommerce_price_thousand_sep'));
  const sym = `<span class="woocommerce-Price-currencySymbol">${symbol}</span>`;
  const pos = state.option('woocommerce_currency_pos') || 'left';
  const body = pos === 'right' ? `${formatted}${sym}` : pos === 'left_space' ? `${sym}&nbsp;${formatted}` : pos === 'right_space' ? `${formatted}&nbsp;${sym}` : `${sym}${formatted}`;
  const neg = price < 0 ? '-' : '';
  return `<span class="woocommerce-Price-amount amount"${ariaHidden ? ' aria-hidden="true"' : ''}><bdi>${neg}${body}</bdi></span>`;
}

function stripTags(s: string): string {
  return s.replace(/<[^>]*>/g, '');
}

export function formatPriceRange(state: WooState, from: number, to: number): string {
  return `${wcPrice(state, from, true)} <span aria-hidden="true">&ndash;</span> ${wcPrice(state, to, true)}` +
    `<span class="screen-reader-text">Price range: ${stripTags(wcPrice(state, from))} through ${stripTags(wcPrice(state, to))}</span>`;
}

export function formatSalePrice(state: WooState, regular: number, sale: number): string {
  const r = wcPrice(state, regular);
  const s = wcPrice(state, sale);
  return `<del aria-hidden="true">${r}</del> <span class="screen-reader-text">Original price was: ${stripTags(r)}.</span>` +
    `<ins aria-hidden="true">${s}</ins><span class="screen-reader-text">Current price is: ${stripTags(s)}.</span>`;
}
