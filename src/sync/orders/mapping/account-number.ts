/**
 * CMD-03 / CMD-04: account numbers built from the shop customer id, as the manual
 * describes them ("WEB" + 530 on 9 -> "WEB000530", "411W" + 530 on 10 -> "411W000530").
 */
import { MappingError } from './errors.js';
import { msg, type Text } from '../../../i18n/catalogue.js';

function padded(prefix: string, id: string | number, length: number, field: string, what: Text): string {
  const digits = String(id).trim();
  if (digits === '') throw new MappingError(field, msg('mapping.emptyId', { what }));
  if (prefix.length + digits.length > length) {
    throw new MappingError(field,
      msg('mapping.accountTooLong', { prefix, digits, length }));
  }
  return prefix + digits.padStart(length - prefix.length, '0');
}

/** CMD-03: prefix + shop customer id, zero-padded to `length` ("WEB", 530, 9 -> "WEB000530"). */
export function customerAccountNumber(prefix: string, shopCustomerId: string | number, length: number): string {
  return padded(prefix, shopCustomerId, length, 'orders.accountLength', msg('mapping.customerAccount'));
}

/** CMD-04: prefix + shop customer id, zero-padded to `length` ("411W", 530, 10 -> "411W000530"). */
export function accountingAccountNumber(prefix: string, shopCustomerId: string | number, length: number): string {
  return padded(prefix, shopCustomerId, length, 'orders.accountingAccountLength', msg('mapping.accountingAccount'));
}

/** Marker between the prefix and the shop order id of an account created for a guest order ("WEB" + G + 414 -> "WEBG00414"). */
export const GUEST_MARKER = 'G';

/** CMD-03: account of a guest order created in the GesCom: prefix + "G" + shop order id ("WEB", 414, 9 -> "WEBG00414"). */
export function guestAccountNumber(prefix: string, shopOrderId: string | number, length: number): string {
  return customerAccountNumber(prefix + GUEST_MARKER, shopOrderId, length);
}
