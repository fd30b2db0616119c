/**
 * Money and quantities: decimal.js everywhere, never binary floating point.
 * One configured constructor so that every module rounds the same way
 * (half away from zero, as Sage and the shops round invoices).
 */
import { Decimal as DecimalJs } from 'decimal.js';

export const Decimal = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP });
export type Decimal = InstanceType<typeof Decimal>;

export function dec(value: string | number | Decimal | null | undefined): Decimal {
  if (value === null || value === undefined || value === '') return new Decimal(0);
  return new Decimal(value);
}

/** Rounds to `places` decimals and writes a plain decimal string with exactly that many places. */
export function fixed(value: Decimal | string | number, places = 2): string {
  return dec(value).toDecimalPlaces(places).toFixed(places);
}

/** Plain decimal string without exponent and without trailing zeros ("12.5", "3"). */
export function plain(value: Decimal | string | number): string {
  const d = dec(value);
  return d.isZero() ? '0' : d.toFixed();
}

export function isDecimalString(value: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(value.trim());
}

export function sum(values: Iterable<Decimal | string>): Decimal {
  let total = new Decimal(0);
  for (const v of values) total = total.plus(v);
  return total;
}
