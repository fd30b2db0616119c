/**
 * CLI-01, CLI-05, CLI-06: a GesCom customer (and its contacts) -> customer drafts
 * for the shop. Pure.
 */
import type { Address, Customer } from '../../gescom/model.js';
import type { AddressDraft, CustomerDraft } from '../drafts.js';
import { msg, type Text } from '../../i18n/catalogue.js';

/** Pragmatic e-mail check: one @, a dot in the domain, no spaces (what shops accept). */
export function isValidEmail(email: string | null | undefined): email is string {
  return !!email && /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/.test(email.trim());
}

function address(a: Address | null, fallback: Customer): AddressDraft | null {
  if (!a) return null;
  return {
    firstName: a.firstName ?? fallback.firstName ?? '',
    lastName: a.lastName ?? fallback.lastName,
    company: a.company ?? fallback.company ?? '',
    line1: a.line1,
    line2: [a.line2, a.line3].filter(Boolean).join(', '),
    city: a.city,
    state: a.state ?? '',
    postcode: a.postcode,
    countryCode: a.countryCode,
    email: a.email ?? fallback.email ?? '',
    phone: a.phone ?? a.mobile ?? fallback.phone ?? '',
  };
}

export interface CustomerDraftSettings {
  groupOf: (priceCategoryId: number | null) => string | null;
  exportContacts: boolean;
  skipContactsWithoutEmail: boolean;
}

export interface CustomerDrafts {
  drafts: CustomerDraft[];
  /** Contacts left out, with the reason. */
  skipped: { key: string; reason: Text }[];
}

export function customerDrafts(c: Customer, s: CustomerDraftSettings): CustomerDrafts {
  const billing = address(c.billingAddress, c);
  const shipping = address(c.deliveryAddress ?? c.billingAddress, c);
  const base = {
    customerCode: c.code,
    company: c.company ?? '',
    billing,
    shipping,
    group: s.groupOf(c.priceCategoryId),
    notes: c.notes,
    b2b: { vatNumber: c.vatNumber, creditLimit: c.creditLimit, paymentDelayDays: c.paymentDelayDays, risk: c.risk },
    active: !c.dormant && !c.blocked,
  };
  const drafts: CustomerDraft[] = [{
    ...base, gescomKey: c.code, email: (c.email ?? '').trim(), firstName: c.firstName ?? '', lastName: c.lastName,
  }];
  const skipped: CustomerDrafts['skipped'] = [];
  if (s.exportContacts) {
    c.contacts.forEach((k, i) => {
      const key = `${c.code}#${i + 1}`;
      if (!isValidEmail(k.email)) {
        if (s.skipContactsWithoutEmail) skipped.push({ key, reason: msg('customers.contactWithoutEmail') });
        return;
      }
      if (k.email.trim().toLowerCase() === (c.email ?? '').trim().toLowerCase()) return;
      drafts.push({ ...base, gescomKey: key, email: k.email.trim(), firstName: k.firstName ?? '', lastName: k.lastName });
    });
  }
  return { drafts, skipped };
}
