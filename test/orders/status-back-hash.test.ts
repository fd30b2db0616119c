/**
 * What orders.status remembers of an order it sent (CMD-13): the tracking number counts once the
 * document has one, so that a number entered later is sent by the next run and an unchanged one is
 * not; the tracking link never counts (a template added or corrected must not send every order
 * ever imported again); without tracking the hash is the one of runs made before it existed.
 */
import { describe, expect, test } from 'vitest';
import { statusBackHash } from '../../src/actions/order-actions.js';
import { stableHash } from '../../src/sync/engine/hash.js';

const doc = (trackingNumber: string | null, carrier: string | null = null) => ({ number: 'FA00164', trackingNumber, carrier });

describe('statusBackHash', () => {
  test('without tracking: the hash runs made before tracking existed', () => {
    expect(statusBackHash('shipped', doc(null))).toBe(stableHash({ status: 'shipped', number: 'FA00164' }));
  });

  test.each([
    ['a tracking number entered', doc(null), doc('6A12345678901'), true],
    ['a carrier added to the number', doc('6A12345678901'), doc('6A12345678901', 'Colissimo'), true],
    ['a corrected number', doc('6A12345678901', 'Colissimo'), doc('6A12345678918', 'Colissimo'), true],
    ['the same tracking', doc('6A12345678901', 'Colissimo'), doc('6A12345678901', 'Colissimo'), false],
    // A carrier without number is not stored by the GesCom; nothing to send for it either.
    ['no number either way', doc(null), doc(null, 'Colissimo'), false],
  ])('%s -> sent again: %s', (_what, before, after, resent) => {
    expect(statusBackHash('shipped', before) !== statusBackHash('shipped', after)).toBe(resent);
  });

  test('with tracking: status, number, tracking number and carrier, the hash of runs made before links existed', () => {
    expect(statusBackHash('shipped', doc('6A1', 'Colissimo'))).toBe(stableHash({ status: 'shipped', number: 'FA00164', tracking: '6A1', carrier: 'Colissimo' }));
  });
});
