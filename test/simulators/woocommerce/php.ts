/**
 * Small re-implementations of the PHP / WordPress / WooCommerce helpers whose exact behaviour shows
 * in the REST answers: rounding (PHP round() with its decimal "pre-rounding", half-up or half-down),
 * wc_format_decimal, number_format, urlencode/rawurlencode, sanitize_title, wpautop, wp_json_encode.
 * Test-only code (simulator); never imported by src/.
 */
import { Decimal as DecimalJs } from 'decimal.js';

const D = DecimalJs.clone({ precision: 40 });

export type RoundMode = 'half_up' | 'half_down';

/** PHP round(): decimal rounding of the shortest representation of the float (what PHP's pre-rounding achieves). */
export function phpRound(value: number, dp = 0, mode: RoundMode = 'half_up'): number {
  if (!Number.isFinite(value)) return value;
  const r = new D(value).toDecimalPlaces(dp, mode === 'half_up' ? D.ROUND_HALF_UP : D.ROUND_HALF_DOWN).toNumber();
  return Object.is(r, -0) ? 0 : r;
}

/** PHP number_format($n, $dp, '.', '') (PHP 8: never "-0"). */
export function numberFormat(value: number, dp: number, decimalSep = '.', thousandSep = ''): string {
  const r = phpRound(value, dp);
  let s = new D(r).toFixed(dp);
  if (/^-0(\.0+)?$/.test(s)) s = s.slice(1);
  if (thousandSep === '' && decimalSep === '.') return s;
  const neg = s.startsWith('-');
  if (neg) s = s.slice(1);
  const [int, frac] = s.split('.') as [string, string | undefined];
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, thousandSep);
  return (neg ? '-' : '') + grouped + (frac !== undefined && dp > 0 ? decimalSep + frac : '');
}

/** sprintf('%.6f') with trailing zeros trimmed: what wc_format_decimal() returns for a float. */
export function floatToString(value: number): string {
  if (!Number.isFinite(value)) return '0';
  let s = value.toFixed(6);
  if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  if (s === '-0') s = '0';
  return s;
}

/**
 * wc_format_decimal($number, $dp = false, $trim_zeros = false). Floats without dp -> 6 dp trimmed;
 * strings are cleaned (the shop decimal separator becomes '.') and kept as given.
 */
export function wcFormatDecimal(value: number | string | null | undefined, dp: number | false = false, trimZeros = false, decimalSep = '.'): string {
  if (value === null || value === undefined) value = '';
  if (typeof value === 'number') {
    if (dp !== false) return numberFormat(value, dp);
    return floatToString(value);
  }
  let s = String(value);
  for (const sep of new Set([decimalSep, '.'])) if (sep) s = s.split(sep).join('.');
  s = s.replace(/\.(?![^.]+$)|[^0-9.-]/g, '');
  if (dp !== false) s = numberFormat(s === '' ? 0 : Number.parseFloat(s) || 0, dp);
  if (trimZeros && s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  return s;
}

/** PHP (float) cast of a numeric string ('' -> 0). */
export function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === null || v === undefined) return 0;
  const f = Number.parseFloat(String(v));
  return Number.isFinite(f) ? f : 0;
}

/** PHP urlencode() (application/x-www-form-urlencoded: space -> '+', ~ encoded). */
export function phpUrlencode(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase())
    .replace(/%20/g, '+');
}

/** PHP rawurlencode() (RFC 3986). */
export function rawUrlencode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

const SPECIAL_ACCENTS: Record<string, string> = {
  'ß': 'ss', 'æ': 'ae', 'Æ': 'AE', 'œ': 'oe', 'Œ': 'OE', 'ø': 'o', 'Ø': 'O', 'đ': 'd', 'Đ': 'D', 'ð': 'd', 'Ð': 'D',
  'þ': 'th', 'Þ': 'TH', 'ł': 'l', 'Ł': 'L', 'ı': 'i',
};

/** WordPress remove_accents() (the usual Latin letters). */
export function removeAccents(s: string): string {
  return s
    .replace(/[ßæÆœŒøØđĐðÐþÞłŁı]/g, (c) => SPECIAL_ACCENTS[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
}

/** WordPress sanitize_title() (remove_accents + sanitize_title_with_dashes, 'save' context). */
export function sanitizeTitle(title: string): string {
  let t = removeAccents(String(title)).replace(/<[^>]*>/g, '');
  t = t.toLowerCase();
  t = t.replace(/&nbsp;|&#160;|&ndash;|&#8211;|&mdash;|&#8212;|\u00a0|\u2013|\u2014/g, '-');
  t = t.replace(/[\u00d7]/g, 'x');
  t = t.replace(/\./g, '-');
  t = t.replace(/&.+?;/g, '');
  t = t.replace(/[^%a-z0-9 _-]/g, '');
  t = t.replace(/\s+/g, '-');
  t = t.replace(/-+/g, '-');
  t = t.replace(/^-+|-+$/g, '');
  return t;
}

/** wc_sanitize_taxonomy_name(): lower-case, accents removed, urldecoded, spaces -> '-'. */
export function sanitizeTaxonomyName(name: string): string {
  return sanitizeTitle(name).slice(0, 28);
}

/** A light wpautop(): paragraphs on blank lines, <br /> on single newlines, nothing for block markup. */
export function wpautop(text: string): string {
  if (text.trim() === '') return '';
  const t = text.replace(/\r\n?/g, '\n');
  if (/^\s*<(p|div|ul|ol|table|h[1-6]|blockquote|pre|section|figure)\b/i.test(t)) return t.endsWith('\n') ? t : t + '\n';
  return t
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((p) => `<p>${p.replace(/\n/g, '<br />\n')}</p>\n`)
    .join('');
}

/** wp_json_encode() with WordPress' default flags: "/" escaped as "\/", non-ASCII as \uXXXX. */
export function wpJsonEncode(value: unknown): string {
  const s = JSON.stringify(value) ?? 'null';
  return s.replace(/\//g, '\\/').replace(/[\u007f-\uffff]/g, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}

/** WordPress date in the site time zone (UTC here), 'Y-m-d\TH:i:s'. */
export function wpDate(d: Date | null | undefined): string | null {
  if (!d) return null;
  return d.toISOString().slice(0, 19);
}

/**
 * rest_parse_date() for request values: "2026-11-28T10:00:00" (site time = UTC), with an optional
 * offset or Z, or a date alone. Returns null when not a date.
 */
export function parseWpDate(value: unknown): Date | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', tz] = m;
  let iso = `${y}-${mo}-${d}T${h}:${mi}:${s}`;
  if (!tz || tz.toUpperCase() === 'Z') iso += 'Z';
  else iso += tz.length === 5 ? `${tz.slice(0, 3)}:${tz.slice(3)}` : tz;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** wp_sprintf_l() list: "a", "a and b", "a, b, and c". */
export function wpList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  if (items.length === 2) return `${items[0]} and ${items[1]}`;
  return `${items.slice(0, -1).join(', ')}, and ${items[items.length - 1]}`;
}

/** html_entity_decode for the few entities currency symbols use. */
export function decodeEntities(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(Number.parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number.parseInt(d, 10)))
    .replace(/&(euro|pound|yen|fnof|nbsp|amp|quot|lt|gt|oacute);/g, (_, n: string) => ({
      euro: '€', pound: '£', yen: '¥', fnof: 'ƒ', nbsp: '\u00a0', amp: '&', quot: '"', lt: '<', gt: '>', oacute: 'ó',
    })[n] ?? _);
}

/** Random alphanumeric string (order keys, nonces of deliveries). */
export function randomAlnum(length: number, rnd: () => number = Math.random): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let s = '';
  for (let i = 0; i < length; i++) s += chars[Math.floor(rnd() * chars.length)];
  return s;
}

/** Deep clone of JSON data. */
export function clone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
