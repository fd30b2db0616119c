/**
 * statusMatches, table-driven: a profile's status names a raw shop status (compared in the
 * platform's own form) or a canonical state; no platform is named here (a PrestaShop-like
 * platform whose statuses are state ids stands for "any platform").
 */
import { describe, expect, test } from 'vitest';
import { canonicalState, type OrderStatusForms, PLAIN_STATUS_FORMS, statusMatches } from '../../src/sync/orders/order-status.js';

/** Statuses are numeric ids; anything else is a canonical name or nothing. */
const ids: OrderStatusForms = { ownStatus: (v) => (/^\d+$/.test(v.trim()) ? String(Number(v.trim())) : null) };

describe('canonicalState', () => {
  test.each([
    ['onHold', 'onHold'], [' ONHOLD ', 'onHold'], ['paid', 'paid'], ['Shipped', 'shipped'], ['on-hold', null], ['wc-completed', null], ['', null],
  ])('%j -> %j', (v, expected) => expect(canonicalState(v)).toBe(expected));
});

describe('statusMatches', () => {
  test.each([
    // wanted, raw status, state, forms, matches
    ['raw status, same spelling', 'Paiement accepté', 'Paiement accepté', 'paid', PLAIN_STATUS_FORMS, true],
    ['raw status, case and spaces', ' paiement ACCEPTÉ', 'Paiement accepté', 'paid', PLAIN_STATUS_FORMS, true],
    ['raw status, other status', 'Paiement accepté', 'Annulé', 'cancelled', PLAIN_STATUS_FORMS, false],
    ['canonical name on the state', 'onHold', 'En attente de virement', 'onHold', PLAIN_STATUS_FORMS, true],
    ['canonical name, other state', 'paid', 'En attente de virement', 'onHold', PLAIN_STATUS_FORMS, false],
    ['canonical name matches the state, not the raw value', 'shipped', 'shipped', 'completed', PLAIN_STATUS_FORMS, false],
    ['platform id', '2', '2', 'paid', ids, true],
    ['platform id in another spelling', '02', '2', 'paid', ids, true],
    ['platform id, other id', '2', '4', 'shipped', ids, false],
    ['canonical name on a platform of ids', 'shipped', '4', 'shipped', ids, true],
    ['a name neither the platform nor canonical', 'Expédié', '4', 'shipped', ids, false],
  ] as const)('%s', (_name, wanted, status, state, forms, expected) => {
    expect(statusMatches(wanted, { status, state }, forms)).toBe(expected);
  });
});
