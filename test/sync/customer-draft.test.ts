/** CLI-01 / CLI-05 / CLI-06: GesCom customers (and contacts) -> customer drafts. */
import { describe, expect, it } from 'vitest';
import type { Customer } from '../../src/gescom/model.js';
import { customerDrafts, type CustomerDraftSettings, isValidEmail } from '../../src/sync/mapping/customer-draft.js';
import { company, customerOf } from './sample.js';

const GROUPS: Record<number, string> = { 1: 'Particuliers', 2: 'Caisse', 3: 'Revendeurs', 4: 'Hôtellerie' };
const settings = (s: Partial<CustomerDraftSettings> = {}): CustomerDraftSettings => ({
  groupOf: (id) => (id === null ? null : GROUPS[id] ?? null),
  exportContacts: false,
  skipContactsWithoutEmail: true,
  ...s,
});

describe('isValidEmail', () => {
  it.each([
    ['camille.durand@example.fr', true],
    ['claire.fontaine@comptoir-gourmand.example.fr', true],
    ['  sophie.bernard@example.fr  ', true],
    ['prenom+tag@sous.domaine.example.com', true],
    ['élodie@exemple.fr', true],
    ['elodie.caron(at)example.fr', false],
    ['a@b', false],
    ['a@b.c', false],
    ['@example.fr', false],
    ['a@.fr', false],
    ['a b@example.fr', false],
    ['a@exa mple.fr', false],
    ['a@@example.fr', false],
    ['a@b@example.fr', false],
    ['', false],
    ['   ', false],
    [null, false],
    [undefined, false],
  ])('%j -> %s', (email, expected) => {
    expect(isValidEmail(email)).toBe(expected);
  });

  it('of the sample customers, only CL0005 (none) and CL0006 (mistyped) lack a valid e-mail', () => {
    const invalid = [...company.customers].filter((c) => !isValidEmail(c.email)).map((c) => c.code);
    expect(invalid).toEqual(['CL0005', 'CL0006']);
  });
});

describe('customerDrafts: the sample customers', () => {
  it('CL100002 (the fixture shop customer): billing and shipping as WooCommerce holds them', () => {
    const { drafts, skipped } = customerDrafts(customerOf('CL100002'), settings());
    expect(skipped).toEqual([]);
    expect(drafts).toHaveLength(1);
    const address = {
      firstName: 'Camille', lastName: 'Durand', company: '', line1: '8 place Bellecour', line2: 'Bâtiment B', city: 'Lyon',
      state: '', postcode: '69002', countryCode: 'FR', email: 'camille.durand@example.fr', phone: '0601020304',
    };
    expect(drafts[0]).toEqual({
      gescomKey: 'CL100002', customerCode: 'CL100002', email: 'camille.durand@example.fr', firstName: 'Camille', lastName: 'Durand',
      company: '', billing: address,
      // The delivery address has no e-mail: the customer's own is used.
      shipping: address,
      group: 'Particuliers', notes: "Client créé par l'import des commandes (client boutique n° 2).",
      b2b: { vatNumber: null, creditLimit: null, paymentDelayDays: null, risk: null },
      active: true,
    });
  });

  it.each([
    { code: 'CL0001', group: 'Particuliers', company: '', active: true,
      billing: { company: '', line1: '14 rue Crébillon', line2: '', city: 'Nantes', email: 'sophie.bernard@example.fr', phone: '0240000001' },
      shipping: { company: 'Atelier Graphique Nantais', line1: '2 quai de la Fosse', line2: '3e étage', city: 'Nantes', email: 'sophie.bernard@example.fr', phone: '0240000011' } },
    { code: 'CL0003', group: 'Revendeurs', company: 'Le Comptoir Gourmand', active: true,
      billing: { firstName: 'Antoine', lastName: 'Rousseau', company: 'Le Comptoir Gourmand', city: 'Paris', postcode: '75002' },
      shipping: { firstName: 'Luc', lastName: 'Marchand', line1: '12 rue des Entrepreneurs', line2: 'ZI Nord', city: 'Saint-Denis', postcode: '93200', phone: '0142000004' } },
    { code: 'CL0004', group: 'Hôtellerie', company: 'Hôtel des Alpes', active: true,
      billing: { company: 'Hôtel des Alpes', line1: "5 avenue d'Albigny", line2: '', email: 'reservation@hotel-des-alpes.example.fr' },
      shipping: { line2: 'Entrée de service' } },
    // No delivery address: shipping is the billing address.
    { code: 'CL0006', group: 'Particuliers', company: '', active: true,
      billing: { firstName: 'Élodie', line1: '9 rue du Taur', city: 'Toulouse', phone: '0561000006', email: 'elodie.caron(at)example.fr' },
      shipping: { firstName: 'Élodie', line1: '9 rue du Taur', city: 'Toulouse', phone: '0561000006' } },
    { code: 'CL0002', group: 'Particuliers', company: '', active: false, billing: { city: 'Rennes' }, shipping: { city: 'Rennes' } }, // dormant
    { code: 'CL0005', group: 'Revendeurs', company: 'Boulangerie Petit', active: false, billing: { city: 'Bordeaux', email: '' }, shipping: { city: 'Bordeaux' } }, // blocked
    { code: 'KERAWEN', group: 'Caisse', company: 'Caisse KerAwen', active: true,
      billing: { firstName: '', lastName: 'Ventes comptoir', company: 'Société exemple', city: 'Lyon', email: 'caisse.kerawen@example.fr', phone: '' },
      shipping: { company: 'Société exemple' } },
  ])('$code: group $group, active $active, addresses', ({ code, group, company: co, active, billing, shipping }) => {
    const { drafts } = customerDrafts(customerOf(code), settings());
    expect(drafts).toHaveLength(1);
    expect(drafts[0]).toMatchObject({ gescomKey: code, customerCode: code, group, company: co, active, billing, shipping });
  });

  it.each([
    { code: 'CL0003', b2b: { vatNumber: null, creditLimit: '5000.00', paymentDelayDays: 30, risk: 'A' } },
    { code: 'CL0004', b2b: { vatNumber: 'FR32123456789', creditLimit: '3000.00', paymentDelayDays: 45, risk: 'B' } },
    { code: 'CL0005', b2b: { vatNumber: null, creditLimit: '1500.00', paymentDelayDays: 30, risk: 'D' } },
    { code: 'CL0001', b2b: { vatNumber: null, creditLimit: null, paymentDelayDays: null, risk: null } },
  ])('$code: B2B data', ({ code, b2b }) => {
    expect(customerDrafts(customerOf(code), settings()).drafts[0]!.b2b).toEqual(b2b);
  });

  it('the group comes from groupOf(priceCategoryId)', () => {
    const seen: (number | null)[] = [];
    const { drafts } = customerDrafts(customerOf('CL0004'), settings({ groupOf: (id) => { seen.push(id); return id === 4 ? 'HORECA' : null; } }));
    expect(seen).toEqual([4]);
    expect(drafts[0]!.group).toBe('HORECA');
    expect(customerDrafts({ ...customerOf('CL0004'), priceCategoryId: null }, settings()).drafts[0]!.group).toBeNull();
    expect(customerDrafts({ ...customerOf('CL0004'), priceCategoryId: 7 }, settings()).drafts[0]!.group).toBeNull();
  });

  it('no billing address: both addresses null', () => {
    const c: Customer = { ...customerOf('CL0001'), billingAddress: null, deliveryAddress: null };
    expect(customerDrafts(c, settings()).drafts[0]).toMatchObject({ billing: null, shipping: null });
  });

  it('address lines 2 and 3 are joined; missing names, company and phone come from the customer', () => {
    const c = customerOf('CL0001');
    const billing = { ...c.billingAddress!, firstName: null, lastName: null, company: null, line2: 'Bât. A', line3: 'Porte 3', phone: null, mobile: null, email: null };
    const d = customerDrafts({ ...c, company: 'SARL Bernard', billingAddress: billing, deliveryAddress: null }, settings()).drafts[0]!;
    expect(d.billing).toMatchObject({
      firstName: 'Sophie', lastName: 'Bernard', company: 'SARL Bernard', line2: 'Bât. A, Porte 3', phone: '0240000001', email: 'sophie.bernard@example.fr',
    });
  });

  it('the main e-mail is trimmed', () => {
    const d = customerDrafts({ ...customerOf('CL0001'), email: '  sophie.bernard@example.fr ' }, settings()).drafts[0]!;
    expect(d.email).toBe('sophie.bernard@example.fr');
  });
});

describe('customerDrafts: contacts', () => {
  it('contacts are not exported unless enabled', () => {
    expect(customerDrafts(customerOf('CL0003'), settings({ exportContacts: false }))).toEqual({
      drafts: [expect.objectContaining({ gescomKey: 'CL0003' })], skipped: [],
    });
  });

  it.each([
    { skipContactsWithoutEmail: true, skipped: ['CL0003#2'] },
    { skipContactsWithoutEmail: false, skipped: [] },
  ])('CL0003: Claire exported as CL0003#1, Luc (no e-mail) never; skipped listed: $skipped', ({ skipContactsWithoutEmail, skipped }) => {
    const r = customerDrafts(customerOf('CL0003'), settings({ exportContacts: true, skipContactsWithoutEmail }));
    expect(r.drafts.map((d) => [d.gescomKey, d.email, d.firstName, d.lastName])).toEqual([
      ['CL0003', 'contact@comptoir-gourmand.example.fr', 'Antoine', 'Rousseau'],
      ['CL0003#1', 'claire.fontaine@comptoir-gourmand.example.fr', 'Claire', 'Fontaine'],
    ]);
    expect(r.skipped.map((s) => s.key)).toEqual(skipped);
    // A contact account shares the company's data.
    expect(r.drafts[1]).toMatchObject({ customerCode: 'CL0003', company: 'Le Comptoir Gourmand', group: 'Revendeurs', billing: r.drafts[0]!.billing });
  });

  it.each([
    { what: 'no e-mail', email: null, exported: false },
    { what: 'a mistyped e-mail', email: 'luc.marchand(at)example.fr', exported: false },
    { what: 'a blank e-mail', email: '   ', exported: false },
    { what: 'a valid e-mail with spaces', email: ' luc@comptoir-gourmand.example.fr ', exported: true },
    { what: "the customer's own e-mail (other case)", email: 'CONTACT@comptoir-gourmand.example.fr', exported: false },
  ])('a contact with $what exported: $exported', ({ email, exported }) => {
    const c = customerOf('CL0003');
    const contacts = [{ ...c.contacts[1]!, email }];
    const { drafts } = customerDrafts({ ...c, contacts }, settings({ exportContacts: true }));
    expect(drafts.map((d) => d.gescomKey)).toEqual(exported ? ['CL0003', 'CL0003#1'] : ['CL0003']);
    if (exported) expect(drafts[1]!.email).toBe('luc@comptoir-gourmand.example.fr');
  });

  it('keys follow the contact\'s rank among all contacts', () => {
    const c = customerOf('CL0003');
    const contacts = [c.contacts[1]!, c.contacts[0]!, { ...c.contacts[1]!, firstName: 'Léa', email: 'lea@example.fr' }];
    const r = customerDrafts({ ...c, contacts }, settings({ exportContacts: true }));
    expect(r.drafts.map((d) => d.gescomKey)).toEqual(['CL0003', 'CL0003#2', 'CL0003#3']);
    expect(r.skipped).toEqual([{ key: 'CL0003#1', reason: { key: 'customers.contactWithoutEmail', params: {} } }]);
  });

  it('sample customers without contacts give one draft each', () => {
    for (const c of [...company.customers].filter((x) => x.contacts.length === 0)) {
      expect(customerDrafts(customerOf(c.code), settings({ exportContacts: true })).drafts).toHaveLength(1);
    }
  });
});
