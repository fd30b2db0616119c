/**
 * What orders.status remembers of an order it sent (CMD-13): the tracking number counts once the
 * document has one, so that a number entered later is sent by the next run and an unchanged one is
 * not, and so does the tracking link (a changed template sends the order again); without tracking
 * or link the hash is the one of runs made before they existed (an upgrade resends nothing).
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

  const URL_A = 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901';
  const URL_B = 'https://suivi.example.fr/?n=6A12345678901';
  test.each<[string, string | undefined, string | undefined, boolean]>([
    ['a tracking link configured', undefined, URL_A, true],
    ['a changed template', URL_A, URL_B, true],
    ['the link removed', URL_A, undefined, true],
    ['the same link', URL_A, URL_A, false],
    ['no link either way', undefined, undefined, false],
  ])('%s -> sent again: %s', (_what, before, after, resent) => {
    const d = doc('6A12345678901', 'Colissimo');
    expect(statusBackHash('shipped', d, before) !== statusBackHash('shipped', d, after)).toBe(resent);
  });

  test('without a link: the hash of runs made before links existed; a link without number counts for nothing', () => {
    expect(statusBackHash('shipped', doc('6A1', 'Colissimo'))).toBe(stableHash({ status: 'shipped', number: 'FA00164', tracking: '6A1', carrier: 'Colissimo' }));
    expect(statusBackHash('shipped', doc(null), 'https://t.example/')).toBe(statusBackHash('shipped', doc(null)));
  });
});
