/** Shared builders of the PrestaShop customer tests: profile settings and a customer draft. */
import { profileSchema } from '../../src/profile/schema.js';
import type { ShopSettings } from '../../src/shops/adapter.js';
import type { CustomerDraft } from '../../src/sync/drafts.js';

export function settingsWith(customers: Record<string, unknown> = {}): ShopSettings {
  const p = profileSchema.parse({ name: 'ps', gescom: { kind: 'embedded', db: 'x.db' }, customers });
  return { language: p.general.language, timezone: p.general.timezone, prices: p.prices, articles: p.articles, customers: p.customers, orders: p.orders };
}

export function draft(over: Partial<CustomerDraft> = {}): CustomerDraft {
  return {
    gescomKey: 'CL0001', customerCode: 'CL0001', email: 'sophie.bernard@example.fr', firstName: 'Sophie', lastName: 'Bernard', company: '',
    billing: {
      firstName: 'Sophie', lastName: 'Bernard', company: '', line1: '14 rue Crébillon', line2: '', city: 'Nantes', state: '', postcode: '44000',
      countryCode: 'FR', email: 'sophie.bernard@example.fr', phone: '02 40 00 00 01',
    },
    shipping: null, group: null, notes: '', b2b: { vatNumber: null, creditLimit: null, paymentDelayDays: null, risk: null }, active: true,
    ...over,
  };
}

