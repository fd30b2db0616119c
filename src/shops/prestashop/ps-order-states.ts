/**
 * PrestaShop order states (`order_states`) -> the canonical order state of ShopOrder, and the
 * resolution of a status named in the profile (a state id, a state name, or a canonical state)
 * to state ids.
 *
 * PrestaShop's flags cannot tell every standard state apart (4 "Shipped" and 5 "Delivered" both
 * carry shipped + delivery + paid), so the states of a fresh install are known by id (they are
 * fixed by the install data, PS_OS_* point to them); any other state (a module's, the merchant's)
 * is classified by its mail template, then by its flags.
 */
import { canonicalState as canonicalName, type CanonicalOrderState, type OrderStatusForms } from '../../sync/orders/order-status.js';
import type { PsRecord } from './webservice.js';
import { flag } from './webservice.js';

/** The standard states of PrestaShop 1.7 / 8 (install data; recorded in fixture 990). */
export const PS_STANDARD_STATES: Readonly<Record<string, CanonicalOrderState>> = {
  1: 'pending', // Awaiting check payment
  2: 'paid', // Payment accepted
  3: 'processing', // Processing in progress
  4: 'shipped', // Shipped
  5: 'completed', // Delivered
  6: 'cancelled', // Canceled
  7: 'refunded', // Refunded
  8: 'onHold', // Payment error: not paid, needs the merchant
  9: 'paid', // On backorder (paid)
  10: 'pending', // Awaiting bank wire payment
  11: 'paid', // Remote payment accepted (PS_OS_WS_PAYMENT)
  12: 'pending', // On backorder (not paid)
  13: 'pending', // Awaiting Cash On Delivery validation
};

/** Other spellings a profile may use for a canonical state (PrestaShop's "Canceled", WooCommerce's "on-hold", "failed"). */
const ALIASES: Readonly<Record<string, CanonicalOrderState>> = { canceled: 'cancelled', 'on-hold': 'onHold', failed: 'onHold' };
const canonicalOf = (s: string): CanonicalOrderState | null => canonicalName(s) ?? ALIASES[s.trim().toLowerCase()] ?? null;

export interface PsOrderState {
  id: string;
  name: string;
  /** The name in every shop language, lower case (a profile may name the state in any of them). */
  names: string[];
  template: string;
  flags: { paid: boolean; shipped: boolean; delivery: boolean; invoice: boolean; logable: boolean; deleted: boolean };
  state: CanonicalOrderState;
}

/** A multilang field as JSON gives it: a plain string with one language, else [{id, value}]. */
export function psText(v: unknown, langId?: string): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  if (Array.isArray(v)) {
    const items = v as { id?: unknown; value?: unknown }[];
    const hit = (langId !== undefined ? items.find((x) => String(x.id) === langId) : undefined) ?? items[0];
    return hit ? psText(hit.value) : '';
  }
  return '';
}

/** Every language's value of a multilang field. */
function allTexts(v: unknown): string[] {
  if (Array.isArray(v)) return (v as { value?: unknown }[]).map((x) => psText(x.value));
  return [psText(v)];
}


/** The canonical state of one state record (see the module comment). */
export function canonicalState(r: PsRecord): CanonicalOrderState {
  const id = String(r.id ?? '');
  const standard = PS_STANDARD_STATES[id];
  if (standard) return standard;
  const template = psText(r.template).toLowerCase();
  if (template.includes('refund')) return 'refunded';
  if (template.includes('cancel')) return 'cancelled';
  if (flag(r.shipped)) return 'shipped';
  if (flag(r.paid)) return flag(r.delivery) ? 'processing' : 'paid';
  if (template.includes('error')) return 'onHold';
  return 'pending';
}

export class PsOrderStates implements OrderStatusForms {
  readonly byId = new Map<string, PsOrderState>();

  constructor(records: readonly PsRecord[], langId?: string) {
    for (const r of records) {
      const id = String(r.id ?? '');
      if (id === '') continue;
      this.byId.set(id, {
        id,
        name: psText(r.name, langId).trim(),
        names: allTexts(r.name).map((x) => x.trim().toLowerCase()).filter((x) => x !== ''),
        template: psText(r.template, langId),
        flags: {
          paid: flag(r.paid), shipped: flag(r.shipped), delivery: flag(r.delivery), invoice: flag(r.invoice),
          logable: flag(r.logable), deleted: flag(r.deleted),
        },
        state: canonicalState(r),
      });
    }
  }

  /** The canonical state of a state id; a state the shop no longer lists is classified by id alone. */
  stateOf(id: string): CanonicalOrderState {
    return this.byId.get(id)?.state ?? PS_STANDARD_STATES[id] ?? 'pending';
  }

  name(id: string): string {
    return this.byId.get(id)?.name ?? '';
  }

  /**
   * The state ids a status of the profile names: a state id ("2"), a state name ("Payment accepted",
   * any case), else every state of that canonical state ("paid", "cancelled"). Empty when none.
   */
  resolve(status: string): string[] {
    const s = status.trim();
    if (s === '') return [];
    if (/^\d+$/.test(s)) return this.byId.has(s) || PS_STANDARD_STATES[s] ? [s] : [];
    const lower = s.toLowerCase();
    const named = this.named(lower).map((x) => x.id);
    if (named.length > 0) return named;
    const canonical = canonicalOf(lower);
    return canonical ? this.ofState(canonical) : [];
  }

  /** The ids of the states of a canonical state. */
  ofState(state: CanonicalOrderState): string[] {
    return this.live().filter((x) => x.state === state).map((x) => x.id);
  }

  /** The states the shop still offers (not deleted). */
  private live(): PsOrderState[] {
    return [...this.byId.values()].filter((x) => !x.flags.deleted);
  }

  /** The live states with this name (lower case) in some shop language. */
  private named(lower: string): PsOrderState[] {
    return this.live().filter((x) => x.names.includes(lower));
  }

  /**
   * How PrestaShop spells a status (OrderStatusForms): a state id as is, a state name (any shop
   * language) as its id; null for a canonical state name, which shared code compares with
   * ShopOrder.state. A state named like a canonical state ("Shipped") is the shop's own.
   */
  ownStatus(value: string): string | null {
    const s = value.trim();
    if (s === '') return null;
    if (/^\d+$/.test(s)) return s;
    const lower = s.toLowerCase();
    const [named] = this.named(lower);
    if (named) return named.id;
    return canonicalName(s) !== null ? null : lower;
  }

  /** The one state a status of the profile names, for a status change; null when none or several. */
  resolveOne(status: string): string | null {
    const s = status.trim();
    if (/^\d+$/.test(s)) return this.byId.has(s) ? s : null;
    const lower = s.toLowerCase();
    const [named] = this.named(lower);
    if (named) return named.id;
    // A canonical state: its standard state when the shop has it (paid -> 2 "Payment accepted").
    const canonical = canonicalOf(lower);
    if (!canonical) return null;
    const standard = Object.entries(PS_STANDARD_STATES).find(([id, st]) => st === canonical && this.byId.has(id) && id !== '11' && id !== '9');
    if (standard) return standard[0];
    const any = this.ofState(canonical);
    return any.length === 1 ? any[0]! : null;
  }
}
