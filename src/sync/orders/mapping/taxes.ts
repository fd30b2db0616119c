/**
 * CMD-09 / CMD-15: shop taxes -> GesCom VAT codes, cumulative taxes by priority, and the
 * accounting category of the order by country or zone, with or without tax.
 */
import type { AccountingCategory, Dec, VatCode } from '../../../gescom/model.js';
import { dec, Decimal, plain } from '../../../util/decimal.js';
import type { ShopOrder, ShopTax } from '../shop-order.js';
import { MappingError } from './errors.js';
import type { OrderSettings } from './refs.js';
import { msg, type Text } from '../../../i18n/catalogue.js';

const HUNDRED = new Decimal(100);

type RatePart = Pick<ShopTax, 'rate' | 'priority' | 'compound'>;

/**
 * CMD-15: the rate of several taxes on one base. Same priority adds (20 + 3.2 = 23.2); different
 * priorities compound, lowest priority first (1.032 x 1.20 -> 23.84); a tax flagged compound
 * applies on top of the others. With `byPriority` false every rate simply adds.
 */
export function combinedRate(taxes: readonly RatePart[], byPriority = true): Decimal {
  if (!byPriority) return taxes.reduce((s, t) => s.plus(dec(t.rate)), new Decimal(0));
  const groups = new Map<string, { order: number; rate: Decimal }>();
  for (const t of taxes) {
    // Compound taxes come after every simple one, each in its own step.
    const order = t.compound ? 1e9 + t.priority : t.priority;
    const key = t.compound ? `c${t.priority}:${groups.size}` : `p${t.priority}`;
    const g = groups.get(key) ?? { order, rate: new Decimal(0) };
    g.rate = g.rate.plus(dec(t.rate));
    groups.set(key, g);
  }
  const factor = [...groups.values()]
    .sort((a, b) => a.order - b.order)
    .reduce((f, g) => f.times(HUNDRED.plus(g.rate).div(HUNDRED)), new Decimal(1));
  return factor.minus(1).times(HUNDRED);
}

export interface VatChoice {
  vatCode: string;
  /** The GesCom rate of that code. */
  rate: Decimal;
  /** The rate the shop charged (combined when several taxes). */
  shopRate: Decimal;
}

/** Resolves shop taxes to GesCom VAT codes with the profile's tax mapping; collects warnings. */
export class VatResolver {
  readonly warnings: Text[] = [];
  private readonly rates = new Map<string, Decimal>();

  constructor(private readonly settings: OrderSettings, vatCodes: readonly VatCode[]) {
    for (const v of vatCodes) this.rates.set(v.code, dec(v.rate));
  }

  /** The GesCom rate of a VAT code ("0" for null); throws naming `field` when the code is unknown. */
  rateOf(code: string | null, field = 'orders.mappings.taxes'): Dec {
    if (code === null) return '0';
    const r = this.rates.get(code);
    if (r === undefined) throw new MappingError(field, msg('mapping.unknownVatCode', { code }));
    return r.toFixed();
  }

  /** Whether the GesCom knows the VAT code. */
  has(code: string): boolean {
    return this.rates.has(code);
  }

  /** CMD-09: the VAT code of the taxes of one line (none = rate 0): name + rate mapping, then the default VAT code. */
  forTaxes(taxes: readonly ShopTax[]): VatChoice {
    const shopRate = combinedRate(taxes, this.settings.taxes.compound);
    const name = taxes.map((t) => t.label.trim()).filter(Boolean).join(' + ');
    return this.forRate(name, shopRate);
  }

  /** CMD-09: the VAT code of a shop tax (name + rate). */
  forRate(name: string, shopRate: Decimal): VatChoice {
    const m = this.settings.mappings;
    const sameRate = m.taxes.filter((t) => dec(t.rate).eq(shopRate));
    const wanted = name.trim().toLowerCase();
    const hit = sameRate.find((t) => t.name.trim() !== '' && t.name.trim().toLowerCase() === wanted)
      ?? sameRate.find((t) => t.name.trim() === '');
    const label = name ? `${name} ${plain(shopRate)} %` : msg('mapping.unnamedTax', { rate: plain(shopRate) });
    if (hit) {
      const rate = dec(this.rateOf(hit.vatCode, 'orders.mappings.taxes'));
      if (!rate.eq(shopRate)) {
        this.warn(msg('mapping.taxRateDiffers', { tax: label, vatCode: hit.vatCode, rate: plain(rate) }));
      }
      return { vatCode: hit.vatCode, rate, shopRate };
    }
    if (m.defaultVatCode !== '') {
      const rate = dec(this.rateOf(m.defaultVatCode, 'orders.mappings.defaultVatCode'));
      if (!rate.eq(shopRate)) {
        this.warn(msg('mapping.taxDefaultVat', { tax: label, vatCode: m.defaultVatCode, rate: plain(rate) }));
      }
      return { vatCode: m.defaultVatCode, rate, shopRate };
    }
    throw new MappingError('orders.mappings.taxes',
      msg('mapping.noVatCode', { tax: label }));
  }

  private readonly warned = new Set<string>();

  private warn(text: Text): void {
    // Once per distinct warning: the same tax on every line says it once.
    const id = JSON.stringify(text);
    if (this.warned.has(id)) return;
    this.warned.add(id);
    this.warnings.push(text);
  }
}

/** Which accounting-category keys an order matches, most precise first ("ES-NA" then "ES"). */
function categoryKeys(order: ShopOrder, settings: OrderSettings, zone: string | null | undefined): string[] {
  if (settings.mappings.accountingCategoryBy === 'zone') return zone ? [zone] : [];
  const a = order.shipping[0] ?? order.billing;
  const country = (a.countryCode || order.billing.countryCode).toUpperCase();
  const keys: string[] = [];
  if (settings.mappings.includeCountryStates && a.state) keys.push(`${country}-${a.state.toUpperCase()}`);
  if (country) keys.push(country);
  return keys;
}

/**
 * CMD-09: the accounting category of the order, by country (optionally with its state) or zone, for
 * a sale with or without tax, then the defaults. null when nothing is configured (the GesCom's own).
 */
export function accountingCategoryFor(
  order: ShopOrder,
  settings: OrderSettings,
  known: readonly AccountingCategory[],
  zone?: string | null,
): string | null {
  const m = settings.mappings;
  const withTax = dec(order.totals.tax).gt(0);
  const defaultCode = withTax ? m.defaultAccountingCategoryWithTax : m.defaultAccountingCategoryWithoutTax;
  if (m.accountingCategories.length === 0 && m.defaultAccountingCategoryWithTax === '' && m.defaultAccountingCategoryWithoutTax === '') {
    return null;
  }
  const keys = categoryKeys(order, settings, zone).map((k) => k.toLowerCase());
  let code = '';
  let field = withTax ? 'orders.mappings.defaultAccountingCategoryWithTax' : 'orders.mappings.defaultAccountingCategoryWithoutTax';
  for (const k of keys) {
    const row = m.accountingCategories.find((r) => r.key.trim().toLowerCase() === k);
    const c = row ? (withTax ? row.withTax : row.withoutTax) : '';
    if (c !== '') {
      code = c;
      field = 'orders.mappings.accountingCategories';
      break;
    }
  }
  if (code === '') code = defaultCode;
  const where = m.accountingCategoryBy === 'zone' ? msg('mapping.zone', { zone: zone ?? '?' }) : msg('mapping.country', { country: keys.join(', ') || '?' });
  if (code === '') {
    throw new MappingError('orders.mappings.accountingCategories',
      msg(withTax ? 'mapping.noCategoryWithTax' : 'mapping.noCategoryWithoutTax', { where, field }));
  }
  if (!known.some((k) => k.code === code)) {
    throw new MappingError(field, msg('mapping.unknownCategory', { code, where }));
  }
  return code;
}
