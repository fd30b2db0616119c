/** ART-09: the quantity a shop receives for an article, from the GesCom's levels and the profile. */
import type { StockKind, StockLevel } from '../../gescom/model.js';
import type { Profile } from '../../profile/schema.js';
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

/** A shop location and the GesCom depots whose stock it shows. */
export interface DepotLocation {
  location: string;
  depots: string[];
}

/**
 * The profile's depot -> shop location mapping, grouped per location in the order of first
 * mention; empty when the profile maps none (the shop then gets one summed quantity). Only
 * Shopify has such an option today (shop.shopify.locations).
 */
export function depotLocations(profile: Profile): DepotLocation[] {
  const rows = profile.shop.kind === 'shopify' ? profile.shop.shopify.locations : [];
  const out: DepotLocation[] = [];
  for (const r of rows) {
    const at = out.find((l) => l.location === r.location);
    if (at) at.depots.push(r.depot);
    else out.push({ location: r.location, depots: [r.depot] });
  }
  return out;
}

/**
 * The quantity per mapped location, each by the rules of the summed one (stock kind, whole units,
 * negative stock, untracked default: every location shows it). Null when nothing is mapped.
 */
export function locationQuantities(levels: StockLevel[], stockTracked: boolean, s: StockSettings, mapped: DepotLocation[]): { location: string; quantity: number | null }[] | null {
  if (mapped.length === 0) return null;
  return mapped.map((m) => ({ location: m.location, quantity: shopQuantity(levels, stockTracked, { ...s, depots: m.depots }, null) }));
}
