/**
 * Canonical order states: every adapter maps its platform's statuses (a WooCommerce slug, a
 * PrestaShop state id…) to one of these and keeps the raw value beside it (ShopOrder.status /
 * ShopOrder.state). Shared code reasons on the canonical state only; a profile may name either a
 * raw shop status (as it always could) or a canonical state.
 */
export const CANONICAL_ORDER_STATES = ['pending', 'paid', 'processing', 'shipped', 'completed', 'cancelled', 'refunded', 'onHold'] as const;
export type CanonicalOrderState = (typeof CANONICAL_ORDER_STATES)[number];

/** States of an order that will not be fulfilled: never set back to a live status, reported when imported. */
export const CLOSED_ORDER_STATES: readonly CanonicalOrderState[] = ['cancelled', 'refunded'];

const BY_LOWER = new Map<string, CanonicalOrderState>(CANONICAL_ORDER_STATES.map((s) => [s.toLowerCase(), s]));

/** "onHold", " OnHold " -> "onHold"; null when the value names no canonical state. */
export function canonicalState(value: string): CanonicalOrderState | null {
  return BY_LOWER.get(value.trim().toLowerCase()) ?? null;
}

/** How a platform spells its statuses, given by its order source (OrderSource extends it). */
export interface OrderStatusForms {
  /**
   * The platform's own form of a status a profile or the shop writes (spellings the platform
   * takes as one status give one form); null when the value is none of the platform's statuses
   * but a canonical state name. A name both share (a platform's own "processing") is the
   * platform's: existing profiles keep meaning what they meant.
   */
  ownStatus(value: string): string | null;
}

/** No platform: a canonical name is a state, anything else a status compared trimmed and case-insensitively. */
export const PLAIN_STATUS_FORMS: OrderStatusForms = {
  ownStatus: (value) => (canonicalState(value) !== null ? null : value.trim().toLowerCase()),
};

/**
 * Whether an order has the status a profile names (orders.statusMapping, a status filter): the
 * raw status in the platform's own form, else the canonical state.
 */
export function statusMatches(wanted: string, order: { status: string; state: CanonicalOrderState }, forms: OrderStatusForms = PLAIN_STATUS_FORMS): boolean {
  const own = forms.ownStatus(wanted);
  if (own !== null) return own === (forms.ownStatus(order.status) ?? order.status.trim().toLowerCase());
  return canonicalState(wanted) === order.state;
}
