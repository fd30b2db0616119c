/**
 * The five stock kinds of ART-09 (docs/glossary.md gives the French names).
 * Pure: a depot's levels in, one quantity out.
 */
import { dec, Decimal, plain } from '../util/decimal.js';
import type { Dec, StockKind, StockLevel } from './model.js';

export const STOCK_KINDS: readonly StockKind[] = ['real', 'available', 'forecast', 'realPlusCustomerOrders', 'forecastMinusSupplierOrders'];

export function stockOfKind(level: Pick<StockLevel, 'real' | 'reserved' | 'ordered'>, kind: StockKind): Decimal {
  const real = dec(level.real);
  const reserved = dec(level.reserved);
  const ordered = dec(level.ordered);
  const forecast = real.minus(reserved).plus(ordered);
  switch (kind) {
    case 'real':
      return real;
    case 'available':
      return real.minus(reserved);
    case 'forecast':
      return forecast;
    case 'realPlusCustomerOrders':
      return real.plus(reserved);
    case 'forecastMinusSupplierOrders':
      return forecast.minus(ordered);
  }
}

/** Sum of one stock kind over several depots' levels. */
export function sumStock(levels: Pick<StockLevel, 'real' | 'reserved' | 'ordered'>[], kind: StockKind): Dec {
  let total = new Decimal(0);
  for (const level of levels) total = total.plus(stockOfKind(level, kind));
  return plain(total);
}
