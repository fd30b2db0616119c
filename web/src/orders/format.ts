/**
 * Amounts and dates as a person reads them. Amounts stay decimal strings end to end: they are
 * regrouped as text, never turned into binary floating point.
 */
import type { Lang } from '../i18n/index.ts';

const SYMBOLS: Record<string, string> = { EUR: '€', USD: '$', GBP: '£', CHF: 'CHF' };

/** "1234.5" -> "1 234,50" (fr) or "1,234.50" (en); a value that is no decimal is shown as it is. */
export function formatDecimal(value: string, lang: Lang, places = 2): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(value.trim());
  if (!m) return value;
  const [, sign, int, frac = ''] = m;
  // Shorter fractions are padded; longer ones (quantities, unit prices) are kept whole, not rounded.
  const decimals = frac.length >= places ? frac : frac.padEnd(places, '0');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'fr' ? '\u202f' : ',');
  return `${sign}${grouped}${decimals ? (lang === 'fr' ? ',' : '.') + decimals : ''}`;
}

export function formatMoney(value: string, currency: string, lang: Lang): string {
  const symbol = SYMBOLS[currency] ?? currency;
  const n = formatDecimal(value, lang);
  return lang === 'fr' ? `${n}\u00a0${symbol}` : `${symbol}${symbol.length > 1 ? '\u00a0' : ''}${n}`;
}

/** A quantity: no padding ("2", "1.5"). */
export function formatQuantity(value: string, lang: Lang): string {
  return formatDecimal(value, lang, 0);
}

/** An instant as a local date and time in the profile's time zone. */
export function formatDateTime(iso: string, timeZone: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { timeZone, dateStyle: 'short', timeStyle: 'short' }).format(d);
}

export function formatDay(iso: string, timeZone: string, lang: Lang): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { timeZone, dateStyle: 'long' }).format(d);
}
