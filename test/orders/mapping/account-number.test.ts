import { describe, expect, test } from 'vitest';
import { accountingAccountNumber, customerAccountNumber, guestAccountNumber } from '../../../src/sync/orders/mapping/account-number.js';
import { MappingError } from '../../../src/sync/orders/mapping/errors.js';

describe('CMD-03 / CMD-04 account numbers', () => {
  // The manual's own examples first.
  test.each([
    ['WEB', 530, 9, 'WEB000530'],
    ['CLI', 1, 8, 'CLI00001'],
    ['WEB', '530', 6, 'WEB530'],
    ['', 42, 5, '00042'],
  ])('customer: %s + %s on %i -> %s', (prefix, id, length, expected) => {
    expect(customerAccountNumber(prefix, id, length)).toBe(expected);
  });

  test.each([
    ['411W', 530, 10, '411W000530'],
    ['411W', 1, 8, '411W0001'],
  ])('accounting: %s + %s on %i -> %s', (prefix, id, length, expected) => {
    expect(accountingAccountNumber(prefix, id, length)).toBe(expected);
  });

  test('guest order account: prefix + G + order id', () => {
    expect(guestAccountNumber('WEB', '414', 9)).toBe('WEBG00414');
  });

  test.each([
    [() => customerAccountNumber('WEB', 1234567, 9), 'orders.accountLength'],
    [() => accountingAccountNumber('411W', 1234567, 10), 'orders.accountingAccountLength'],
    [() => customerAccountNumber('WEB', '', 9), 'orders.accountLength'],
  ])('too long or empty: a MappingError naming %#', (fn, field) => {
    expect(fn).toThrow(MappingError);
    try {
      fn();
    } catch (err) {
      expect((err as MappingError).field).toBe(field);
    }
  });
});
