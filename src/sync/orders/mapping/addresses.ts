/**
 * CMD-05: shop addresses -> GesCom addresses, with the profile's text rules (remove accents,
 * upper-case the name and the addresses, address name = company or contact).
 */
import type { Address } from '../../../gescom/model.js';
import type { ShopAddress } from '../shop-order.js';
import type { OrderSettings } from './refs.js';

/** "Hélène Über-Ça" -> "Helene Uber-Ca": strips diacritics, keeps letters (œ/æ spelled out). */
export function removeAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}+/gu, '').replace(/œ/g, 'oe').replace(/Œ/g, 'OE').replace(/æ/g, 'ae').replace(/Æ/g, 'AE');
}

type TextRules = Pick<OrderSettings, 'removeAccents' | 'uppercaseName' | 'uppercaseAddresses' | 'addressName'>;

/** A customer name field (company, last name) with removeAccents and uppercaseName applied. */
export function nameText(text: string, rules: TextRules, upper = true): string {
  let t = text.trim();
  if (rules.removeAccents) t = removeAccents(t);
  if (upper && rules.uppercaseName) t = t.toUpperCase();
  return t;
}

/** An address field with removeAccents and uppercaseAddresses applied. */
export function addressText(text: string, rules: TextRules): string {
  let t = text.trim();
  if (rules.removeAccents) t = removeAccents(t);
  if (rules.uppercaseAddresses) t = t.toUpperCase();
  return t;
}

const orNull = (s: string): string | null => (s === '' ? null : s);

/** CMD-05: the name of an address: the company (else the contact) or always the contact. */
export function addressLabel(a: Pick<ShopAddress, 'company' | 'firstName' | 'lastName'>, rules: TextRules): string {
  const contact = [a.firstName.trim(), a.lastName.trim()].filter(Boolean).join(' ');
  const label = rules.addressName === 'company' && a.company.trim() !== '' ? a.company : contact;
  return addressText(label, rules);
}

/** A shop address as a GesCom address, text rules applied; `fallbackEmail` when the address has none. */
export function toGescomAddress(a: ShopAddress, rules: TextRules, fallbackEmail = ''): Address {
  const t = (s: string) => orNull(addressText(s, rules));
  return {
    label: addressLabel(a, rules),
    company: t(a.company),
    civility: null,
    firstName: t(a.firstName),
    lastName: t(a.lastName),
    line1: addressText(a.line1, rules),
    line2: t(a.line2),
    line3: null,
    postcode: a.postcode.trim(),
    city: addressText(a.city, rules),
    state: t(a.state),
    countryCode: a.countryCode.trim().toUpperCase(),
    phone: orNull(a.phone.trim()),
    mobile: null,
    email: orNull((a.email || fallbackEmail).trim()),
  };
}

/** Whether two addresses differ on what a person would notice (name, lines, postcode, city, country). */
export function addressesDiffer(a: Address | null, b: Address | null): boolean {
  if (a === null || b === null) return a !== b;
  const key = (x: Address) => [x.company, x.firstName, x.lastName, x.line1, x.line2, x.line3, x.postcode, x.city, x.countryCode]
    .map((v) => removeAccents(v ?? '').trim().toLowerCase()).join('|');
  return key(a) !== key(b);
}
