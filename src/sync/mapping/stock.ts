/** ART-09: the quantity a shop receives for an article, from the GesCom's levels and the profile. */
import type { StockKind, StockLevel } from '../../gescom/model.js';
import { sumStock } from '../../gescom/stock-kinds.js';
import { dec } from '../../util/decimal.js';

export interface StockSettings {
  depots: string[];
  kind: StockKind;
  defaultQuantityUntracked: number;
  sendNegative: boolean;
}

/**
 * Whole units (shops count items): fractional GesCom stock is rounded down so a shop
 * never sells what is not there.
 */
export function shopQuantity(levels: StockLevel[], stockTracked: boolean, s: StockSettings, defaultDepot: string | null): number | null {
  // Untracked (made to order): the configured quantity, or stock not managed in the shop (always available) when it is 0.
  if (!stockTracked) return s.defaultQuantityUntracked > 0 ? s.defaultQuantityUntracked : null;
  const depots = s.depots.length ? s.depots : defaultDepot ? [defaultDepot] : [];
  const chosen = depots.length ? levels.filter((l) => depots.includes(l.depotCode)) : levels;
  const qty = dec(sumStock(chosen, s.kind)).toDecimalPlaces(0, 3 /* ROUND_FLOOR */).toNumber();
  return qty < 0 && !s.sendNegative ? 0 : qty;
}
