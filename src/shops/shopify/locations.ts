/**
 * Where the stock goes in Shopify (ART-09, WEB-03): one location (shop.shopify.location, the
 * first active one when empty) with the depots summed, or, when the profile maps GesCom depots
 * to locations (shop.shopify.locations), each mapped location with its own depots' quantity
 * (rows naming one location differently, by name, capitalisation or gid, are that location's too).
 * A location is named by its name or its gid; one the shop does not have, or has deactivated,
 * fails with the option's field, so the journal and `shop check` say what to fix.
 */
import { PasserelleError } from '../../errors.js';
import { msg } from '../../i18n/catalogue.js';
import type { StockDraft } from '../../sync/drafts.js';
import type { ShopifyOptions } from './options.js';

export interface LocationNode { id: string; name: string; isActive: boolean }
export interface ShopLocation { id: string; name: string }

export interface StockTargets {
  /** The one location of a profile without mapping (null when it maps depots). */
  single: ShopLocation | null;
  /** Location as the profile names it -> the Shopify location; empty without mapping. */
  mapped: Map<string, ShopLocation>;
}

function find(all: LocationNode[], wanted: string): LocationNode | undefined {
  const w = wanted.trim();
  return all.find((l) => l.id === w) ?? all.find((l) => l.name.toLowerCase() === w.toLowerCase());
}

const activeNames = (all: LocationNode[]) => all.filter((l) => l.isActive).map((l) => l.name).join(', ');

/** shop.shopify.location: the named active location, or the first active one. */
export function singleLocation(all: LocationNode[], wanted: string): ShopLocation {
  const active = all.filter((l) => l.isActive);
  const found = wanted.trim() === '' ? active[0] : find(active, wanted);
  if (!found) {
    throw new PasserelleError(msg('shopify.locationNotFound', { location: wanted, names: activeNames(all) }), 'profile', 'shop.shopify.location');
  }
  return { id: found.id, name: found.name };
}

/** shop.shopify.locations resolved against the shop's locations (inactive ones included, to say so). */
export function mappedLocations(all: LocationNode[], rows: ShopifyOptions['locations']): Map<string, ShopLocation> {
  const out = new Map<string, ShopLocation>();
  rows.forEach((r, i) => {
    if (out.has(r.location)) return;
    const field = `shop.shopify.locations.${i}.location`;
    const found = find(all, r.location);
    if (!found) {
      throw new PasserelleError(msg('shopify.mappedLocationUnknown', { field, location: r.location, depot: r.depot, names: activeNames(all) }), 'profile', field);
    }
    if (!found.isActive) {
      throw new PasserelleError(msg('shopify.mappedLocationInactive', { field, location: r.location, depot: r.depot, names: activeNames(all) }), 'profile', field);
    }
    out.set(r.location, { id: found.id, name: found.name });
  });
  return out;
}

export function stockTargets(all: LocationNode[], options: Pick<ShopifyOptions, 'location' | 'locations'>): StockTargets {
  if (options.locations.length === 0) return { single: singleLocation(all, options.location), mapped: new Map() };
  return { single: null, mapped: mappedLocations(all, options.locations) };
}

/**
 * The profile's spellings that name the same Shopify location as an earlier row ("Magasin Paris",
 * "magasin paris", its gid): spelling -> the first spelling of that location, in the mapping's order.
 * The engine keys quantities by spelling; the shop holds one level for them all, their sum.
 */
export function sameLocationAs(targets: StockTargets): Map<string, string> {
  const first = new Map<string, string>();
  const out = new Map<string, string>();
  for (const [key, l] of targets.mapped) {
    const at = first.get(l.id);
    if (at === undefined) first.set(l.id, key);
    else out.set(key, at);
  }
  return out;
}

/** Each mapped Shopify location once, under the first spelling that names it. */
export function distinctLocations(targets: StockTargets): Map<string, ShopLocation> {
  const aliases = sameLocationAs(targets);
  return new Map([...targets.mapped].filter(([key]) => !aliases.has(key)));
}

export interface LocationQuantity { locationId: string; locationName: string; quantity: number }

/**
 * The quantities one variant's stock puts at the shop's locations: the summed quantity at the
 * single location, or each mapped location's, the spellings of one location summed (one level,
 * one quantity). Null quantities (stock not managed) put nothing.
 */
export function quantitiesAt(stock: StockDraft, targets: StockTargets): LocationQuantity[] {
  if (targets.single) return stock.quantity === null ? [] : [{ locationId: targets.single.id, locationName: targets.single.name, quantity: stock.quantity }];
  const out = new Map<string, LocationQuantity>();
  for (const l of stock.locations ?? []) {
    const at = targets.mapped.get(l.location);
    if (!at || l.quantity === null) continue;
    const sum = out.get(at.id);
    if (sum) sum.quantity += l.quantity;
    else out.set(at.id, { locationId: at.id, locationName: at.name, quantity: l.quantity });
  }
  return [...out.values()];
}

/** The one-line summary `shop check` shows: each mapped location with its depots (whatever the spelling), or the single location. */
export function describeTargets(targets: StockTargets, rows: ShopifyOptions['locations']): string {
  if (targets.single) return `${targets.single.name} (${targets.single.id})`;
  return [...distinctLocations(targets).values()].map((l) => {
    const depots = rows.filter((r) => targets.mapped.get(r.location)?.id === l.id).map((r) => r.depot);
    return `${depots.join(' + ')} -> ${l.name} (${l.id})`;
  }).join(', ');
}
