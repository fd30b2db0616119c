/**
 * Reconciliation (issue 7): a delta run compares the GesCom with what was last
 * sent, so a price or a stock changed in the shop (by hand, by its orders) stays
 * wrong. A reconciliation reads what the shop holds for the synced fields and
 * compares it with what the GesCom says it should hold, through the same aspect
 * functions the normal runs use; only the differences are written.
 *
 * The stock the shop should hold is the GesCom's minus the quantities of the
 * shop's orders not imported yet (the shop already took them out of its stock):
 * a reconciliation never puts back stock that has been sold.
 */
import type { Profile } from '../../profile/schema.js';
import type { ShopCustomerState, ShopPort, ShopProductState } from '../../shops/port.js';
import type { OrderScope, StateStore } from '../../state/state-store.js';
import type { MessageKey } from '../../i18n/catalogue.js';
import { Decimal, dec, isDecimalString } from '../../util/decimal.js';
import type { AddressDraft, CustomerDraft, PriceDraft, StockDraft } from '../drafts.js';
import type { StatusAspect, StockAspect } from '../mapping/aspects.js';

type LocationQuantity = NonNullable<StockDraft['locations']>[number];

/** Orders older than this are taken as settled (imported, or handled in the GesCom by hand). */
export const PENDING_ORDERS_DAYS = 30;

export interface PendingOrders {
  /** Units per SKU in stock-reducing orders not imported yet. */
  units: Map<string, number>;
  orders: number;
  since: string;
}

/** Renders a catalogue key in the run's language (Journal.t). */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** What one aspect's reconciliation found for one article: the journal lines and the write to send. */
export interface Drift<P> {
  lines: string[];
  /** The payload to write (for stock, the GesCom quantity less the pending orders). */
  write: P;
}

/** Every product and variation the shop holds, by shop id ("parentId/variationId" for variations). */
export async function readShopProducts(shop: ShopPort & Required<Pick<ShopPort, 'productStates'>>): Promise<Map<string, ShopProductState>> {
  const out = new Map<string, ShopProductState>();
  for await (const page of shop.productStates()) for (const p of page) out.set(p.shopId, p);
  return out;
}

/**
 * Units in the shop's stock-reducing orders created in the last PENDING_ORDERS_DAYS days that
 * the state store does not record as imported. A claimed but unfinished import counts as pending:
 * subtracting too much never oversells.
 */
export async function pendingOrderUnits(shop: ShopPort, state: StateStore, profile: OrderScope, now: Date): Promise<PendingOrders | null> {
  const source = shop.orderSource();
  if (!source) return null;
  const since = new Date(now.getTime() - PENDING_ORDERS_DAYS * 86_400_000).toISOString();
  const units = new Map<string, Decimal>();
  let orders = 0;
  for await (const page of source.orders({ after: since, states: shop.capabilities.stockReducingOrderStatuses })) {
    for (const o of page) {
      if (state.transferredOrder(profile, o.id)?.state === 'imported') continue;
      orders++;
      for (const l of o.lines) {
        if (!l.sku) continue;
        units.set(l.sku, (units.get(l.sku) ?? dec(0)).plus(isDecimalString(l.quantity) ? l.quantity : 0));
      }
    }
  }
  // Whole units, rounded up: the shop never shows more than it has.
  return { units: new Map([...units].map(([k, v]) => [k, v.ceil().toNumber()])), orders, since };
}

function sameMoney(a: string, b: string): boolean {
  if (a === '' || b === '') return a === b;
  return isDecimalString(a) && isDecimalString(b) ? dec(a).eq(dec(b)) : a === b;
}

/**
 * The quantity the shop should show: the GesCom's less the units of its orders not
 * imported yet (the shop already took them out), never below 0 unless the profile
 * sends negative stock. Plain stock runs and reconciliations both use it, so the
 * two never undo each other.
 */
export function shopQuantity(gescomQuantity: number | null, pendingUnits: number, profile: Profile): number | null {
  if (gescomQuantity === null || pendingUnits <= 0) return gescomQuantity;
  const quantity = gescomQuantity - pendingUnits;
  return quantity < 0 && !profile.stock.sendNegative ? 0 : quantity;
}

/**
 * The stock less the pending units, the summed quantity and, when the profile maps depots to
 * locations, each location's: which location an order took its units from is not known, so they
 * come off the locations in the mapping's order, each down to 0; what is left comes off the first
 * location when the profile sends negative stock.
 */
export function stockLessPending<S extends StockDraft>(stock: S, pendingUnits: number, profile: Profile): S {
  const quantity = shopQuantity(stock.quantity, pendingUnits, profile);
  if (!stock.locations || pendingUnits <= 0) return { ...stock, quantity };
  let left = pendingUnits;
  const locations = stock.locations.map((l) => {
    if (l.quantity === null) return l;
    const take = Math.min(left, Math.max(l.quantity, 0));
    left -= take;
    return { location: l.location, quantity: l.quantity - take };
  });
  const first = locations.find((l) => l.quantity !== null);
  if (left > 0 && profile.stock.sendNegative && first) first.quantity! -= left;
  return { ...stock, quantity, locations };
}

/**
 * The per-location quantities as the shop holds them: the spellings it reports as one location
 * (held.sameLocationAs) summed under that location's key, so a location fed by several rows is
 * compared once, with the sum the stock run writes there.
 */
export function heldLocations(locations: LocationQuantity[], held: ShopProductState): LocationQuantity[] {
  const aliases = held.sameLocationAs;
  if (!aliases) return locations;
  const out: LocationQuantity[] = [];
  for (const l of locations) {
    const key = aliases[l.location] ?? l.location;
    const at = out.find((o) => o.location === key);
    if (!at) out.push({ location: key, quantity: l.quantity });
    else if (l.quantity !== null) at.quantity = (at.quantity ?? 0) + l.quantity;
  }
  return out;
}

/** The stock as the shop rightly holds it (sent when only fields not read back changed): its quantities, per location too. */
export function heldStock<S extends StockDraft>(stock: S, held: ShopProductState): S {
  const locations = stock.locations && held.locations
    ? heldLocations(stock.locations, held).map((l) => ({ location: l.location, quantity: held.locations![l.location] ?? null }))
    : stock.locations;
  return { ...stock, quantity: held.quantity, ...(locations ? { locations } : {}) };
}

/** Stock: the quantity only (weight, barcode and warranty are not read back); per location when the profile maps them. */
export function stockDrift(
  code: string, expected: StockAspect, held: ShopProductState, pendingUnits: number, profile: Profile, t: Translate,
): Drift<StockAspect> | null {
  const want = stockLessPending(expected, pendingUnits, profile);
  const show = (q: number | null) => (q === null ? t('reconcile.value.notManaged') : String(q));
  if (want.locations && held.locations) {
    const lines = heldLocations(want.locations, held).filter((l) => (held.locations![l.location] ?? null) !== l.quantity)
      .map((l) => t('reconcile.stockAt', { code, location: l.location, shop: show(held.locations![l.location] ?? null), expected: show(l.quantity) }));
    if (lines.length && pendingUnits > 0) lines.push(t('reconcile.stockAtPending', { code, pending: pendingUnits }));
    // The write keeps the spellings apart: the shop sums them into the one location.
    return lines.length ? { lines, write: want } : null;
  }
  const quantity = want.quantity;
  if (quantity === held.quantity) return null;
  const line = quantity !== null && pendingUnits > 0
    ? t('reconcile.stockPending', { code, shop: show(held.quantity), expected: quantity, gescom: expected.quantity ?? '', pending: pendingUnits })
    : t('reconcile.stock', { code, shop: show(held.quantity), expected: show(quantity) });
  return { lines: [line], write: want };
}

/** Prices: the regular and the sale price (meta prices are not read back). */
export function priceDrift(code: string, expected: PriceDraft, held: ShopProductState, t: Translate): Drift<PriceDraft> | null {
  const lines: string[] = [];
  if (!sameMoney(expected.regular, held.regularPrice)) lines.push(t('reconcile.price', { code, shop: held.regularPrice || '—', expected: expected.regular }));
  const sale = expected.sale?.price ?? '';
  if (!sameMoney(sale, held.salePrice)) lines.push(t('reconcile.salePrice', { code, shop: held.salePrice || '—', expected: sale || '—' }));
  return lines.length ? { lines, write: expected } : null;
}

/** Status: published or hidden, and "out of stock" when the profile shows it. */
export function statusDrift(code: string, expected: StatusAspect, held: ShopProductState, t: Translate): Drift<StatusAspect> | null {
  const lines: string[] = [];
  const word = (active: boolean) => t(active ? 'reconcile.value.active' : 'reconcile.value.inactive');
  if (expected.active !== held.active) lines.push(t('reconcile.status', { code, shop: word(held.active), expected: word(expected.active) }));
  if (expected.outOfStock && !held.outOfStock) {
    lines.push(t('reconcile.status', { code, shop: word(held.active), expected: t('reconcile.value.outOfStock') }));
  }
  return lines.length ? { lines, write: expected } : null;
}

/** The customer update switches a reconciliation honours (the others' fields are not read back). */
export interface CustomerSwitches {
  email: boolean;
  names: boolean;
  addresses: boolean;
}

function addressLine(a: AddressDraft | null): string {
  if (!a) return '—';
  return [[a.firstName, a.lastName].filter(Boolean).join(' '), a.company, a.line1, a.line2, [a.postcode, a.city].filter(Boolean).join(' '), a.state, a.countryCode, a.phone]
    .filter(Boolean).join(', ');
}

function sameAddress(expected: AddressDraft | null, held: AddressDraft | null, withEmail: boolean): boolean {
  // No address to send: whatever the shop holds is left alone (the update does not clear it).
  if (!expected) return true;
  const keys: (keyof AddressDraft)[] = ['firstName', 'lastName', 'company', 'line1', 'line2', 'city', 'state', 'postcode', 'countryCode', 'phone'];
  if (withEmail) keys.push('email');
  return keys.every((k) => (expected[k] ?? '').trim() === (held?.[k] ?? '').trim());
}

/** Customers: only the fields whose update switch is on are compared, hence corrected. */
export function customerDrift(d: CustomerDraft, held: ShopCustomerState, on: CustomerSwitches, t: Translate): string[] {
  const lines: string[] = [];
  const line = (field: MessageKey, shop: string, expected: string) => lines.push(t('reconcile.customer', { code: d.gescomKey, field: t(field), shop, expected }));
  if (on.email && d.email.toLowerCase() !== held.email.toLowerCase()) line('reconcile.field.email', held.email, d.email);
  if (on.names) {
    if (d.firstName !== held.firstName) line('reconcile.field.firstName', held.firstName, d.firstName);
    if (d.lastName !== held.lastName) line('reconcile.field.lastName', held.lastName, d.lastName);
  }
  if (on.addresses) {
    if (!sameAddress(d.billing, held.billing, true)) line('reconcile.field.billing', addressLine(held.billing), addressLine(d.billing));
    if (!sameAddress(d.shipping, held.shipping, false)) line('reconcile.field.shipping', addressLine(held.shipping), addressLine(d.shipping));
  }
  return lines;
}
