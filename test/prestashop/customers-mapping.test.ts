/**
 * PrestaShop customer mapping rules, table by table: names as Validate.php accepts them, groups'
 * HT/TTC display, the record POSTed for a new customer and its XML, updates that change only the
 * switched fields, addresses (mobile phone, states, DNI).
 */
import { describe, expect, test } from 'vitest';
import {
  addressChanges, addressRecord, cleanCustomerName, customerChanges, cleanAddressName, customerNames, CustomerFieldError, disabledCustomerRecord, groupRecord, isMobile,
  newCustomerRecord, priceDisplayMethod, psDate, updatedAddressRecord, updatedCustomerRecord, type CustomerContext,
} from '../../src/shops/prestashop/ps-customer-mapping.js';
import { psXml } from '../../src/shops/prestashop/ws-client.js';
import { draft, settingsWith } from './customers-support.js';
import type { CustomerDraft } from '../../src/sync/drafts.js';
import { render } from '../../src/i18n/catalogue.js';

function ctx(settings = settingsWith(), over: Partial<CustomerContext> = {}): CustomerContext {
  return { settings, groupId: null, defaultGroupId: '3', languageId: '1', shopId: '', now: new Date('2026-12-01T10:00:00Z'), ...over };
}

describe('names as PrestaShop accepts them (Validate::isCustomerName / isName)', () => {
  test.each([
    ['Sophie', 'Sophie'],
    ['Jean-Pierre', 'Jean-Pierre'],
    ["O'Neil", "O'Neil"],
    ['Élodie', 'Élodie'],
    ['SARL Dupont 2000', 'SARL Dupont'],
    ['Martin (gérant)', 'Martin gérant'],
    ['J.-P. Durand', 'J-P. Durand'],
    ['Dupont & Fils', 'Dupont & Fils'],
    ['A/B;C', 'A B C'],
    ['  Marie   Claire ', 'Marie Claire'],
    ['Durand.', 'Durand.'],
  ])('customer name %j -> %j', (given, expected) => {
    expect(cleanCustomerName(given)).toBe(expected);
  });

  test.each([
    ['Hôtel des Alpes 3*', 'Hôtel des Alpes *'],
    ['Durand.Fils', 'Durand.Fils'],
    ['Le 7 (bis)', 'Le bis'],
  ])('address name %j -> %j', (given, expected) => {
    expect(cleanAddressName(given)).toBe(expected);
  });

  test('a name changed by cleaning is reported; a company without a first name gets "-"', () => {
    const n = customerNames(draft({ firstName: '', lastName: 'Comptoir 2000', company: 'Comptoir 2000' }));
    expect(n).toEqual({ firstName: '-', lastName: 'Comptoir', changed: [{ field: 'lastname', from: 'Comptoir 2000', to: 'Comptoir' }] });
  });

  test.each([
    ['lastname', { lastName: '12345', company: '' }],
    ['firstname', { firstName: '42' }],
  ])('nothing left of the %s: the customer is refused, naming it and the field', (field, over) => {
    let err: unknown;
    try {
      customerNames(draft({ gescomKey: 'CL0042', ...over }));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CustomerFieldError);
    const text = render((err as CustomerFieldError).text, 'en');
    expect(text).toContain('customer CL0042');
    expect(text).toContain(`field ${field}`);
  });
});

describe('groups from price categories', () => {
  test.each([
    ['TTC', '0'],
    ['HT', '1'],
  ] as const)('%s display -> price_display_method %s (PS_TAX_INC = 0, PS_TAX_EXC = 1)', (display, method) => {
    expect(priceDisplayMethod(display)).toBe(method);
  });

  test('a group is named in every shop language, at most 32 characters, and sent as <language id>', () => {
    const r = groupRecord({ key: '2', name: 'Revendeurs grands comptes de la région Ouest', priceCategoryId: 2, taxDisplay: 'HT' }, ['1', '2']);
    expect(r).toEqual({
      name: [{ id: '1', value: 'Revendeurs grands comptes de la' }, { id: '2', value: 'Revendeurs grands comptes de la' }],
      reduction: '0', price_display_method: '1', show_prices: '1',
    });
    expect(psXml('groups', r)).toContain('<name><language id="1"><![CDATA[Revendeurs grands comptes de la]]></language><language id="2">');
  });
});

describe('a new customer', () => {
  const cases: { name: string; customers: Record<string, unknown>; over: Partial<CustomerDraft>; c: Partial<CustomerContext>; expected: Record<string, unknown>; absent: string[] }[] = [
    {
      name: 'plain customer, no group: default group, no newsletter',
      customers: {}, over: {}, c: {},
      expected: {
        email: 'sophie.bernard@example.fr', firstname: 'Sophie', lastname: 'Bernard', id_default_group: '3', associations: { groups: [{ id: '3' }] },
        id_lang: '1', newsletter: '0', optin: '0', active: '1', is_guest: '0', company: '', note: '',
      },
      absent: ['newsletter_date_add', 'id_shop', 'outstanding_allow_amount'],
    },
    {
      name: 'group, newsletter and opt-in with its date, multistore shop',
      customers: { creation: { newsletter: true, optIn: true } }, over: { group: 'Revendeurs' }, c: { groupId: '7', shopId: '2' },
      expected: { id_default_group: '7', associations: { groups: [{ id: '7' }, { id: '3' }] }, newsletter: '1', optin: '1', newsletter_date_add: '2026-12-01 11:00:00', id_shop: '2' },
      absent: [],
    },
    {
      name: 'group without the default group switch',
      customers: { updates: { defaultGroup: false } }, over: { group: 'Revendeurs' }, c: { groupId: '7' },
      expected: { id_default_group: '7', associations: { groups: [{ id: '7' }] } }, absent: [],
    },
    {
      name: 'B2B with solvency, notes, dormant',
      customers: { b2b: { sendSolvency: true } },
      over: { company: 'Comptoir Gourmand', notes: 'Livrer le matin', active: false, b2b: { vatNumber: 'FR12345678901', creditLimit: '1500.50', paymentDelayDays: 30, risk: 'B' } },
      c: {},
      expected: { company: 'Comptoir Gourmand', outstanding_allow_amount: '1500.5', max_payment_days: '30', note: 'Livrer le matin', active: '0' },
      absent: [],
    },
  ];
  test.each(cases)('$name', ({ customers, over, c, expected, absent }) => {
    const d = draft(over);
    const r = newCustomerRecord(d, customerNames(d), ctx(settingsWith(customers), c), 'secret-pass');
    expect(r).toMatchObject({ ...expected, passwd: 'secret-pass' });
    for (const k of absent) expect(r).not.toHaveProperty(k);
  });

  test('its XML has the shape of the recorded create (540)', () => {
    const d = draft();
    const xml = psXml('customers', newCustomerRecord(d, customerNames(d), ctx(), 'pw'));
    expect(xml).toContain('<customer><email><![CDATA[sophie.bernard@example.fr]]></email>');
    expect(xml).toContain('<passwd><![CDATA[pw]]></passwd>');
    expect(xml).toContain('<associations><groups><group><id><![CDATA[3]]></id></group></groups></associations>');
  });

  test('newsletter dates are the shop time zone\'s wall clock', () => {
    expect(psDate(new Date('2026-07-01T22:30:05Z'), 'Europe/Paris')).toBe('2026-07-02 00:30:05');
  });
});

describe('an update changes only the switched fields', () => {
  const held = {
    id: '5', id_default_group: '3', id_lang: '1', passwd: '$2y$10$held', lastname: 'Bernard', firstname: 'Sophie', email: 'sophie.bernard@example.fr',
    birthday: '1980-02-03', newsletter: '1', optin: '0', website: 'https://sophie.example.fr', company: '', siret: '12345678900011', note: '',
    active: '1', newsletter_date_add: '0000-00-00 00:00:00', secure_key: 'abc', last_passwd_gen: '2026-11-28 06:01:42', date_add: '2026-11-28 12:01:42', date_upd: '2026-11-28 12:01:42',
    associations: { groups: [{ id: '3' }] },
  };
  const cases: { name: string; updates: Record<string, boolean>; over: Partial<CustomerDraft>; groupId: string | null; changed: Record<string, unknown> | null }[] = [
    { name: 'nothing differs: no request', updates: {}, over: {}, groupId: null, changed: null },
    { name: 'new names, names switch off: no request', updates: { names: false }, over: { firstName: 'Sophia' }, groupId: null, changed: null },
    { name: 'new names, names switch on', updates: { names: true }, over: { firstName: 'Sophia' }, groupId: null, changed: { firstname: 'Sophia' } },
    { name: 'new e-mail, switch off: kept', updates: { email: false }, over: { email: 'new@example.fr' }, groupId: null, changed: null },
    { name: 'new e-mail, switch on', updates: { email: true }, over: { email: 'new@example.fr' }, groupId: null, changed: { email: 'new@example.fr' } },
    { name: 'new group', updates: { group: true }, over: { group: 'Revendeurs' }, groupId: '7', changed: { id_default_group: '7', associations: { groups: [{ id: '7' }, { id: '3' }] } } },
    { name: 'new group, switch off', updates: { group: false }, over: { group: 'Revendeurs' }, groupId: '7', changed: null },
    { name: 'notes', updates: { notes: true }, over: { notes: 'VIP' }, groupId: null, changed: { note: 'VIP' } },
    { name: 'notes, switch off', updates: { notes: false }, over: { notes: 'VIP' }, groupId: null, changed: null },
    { name: 'company (B2B)', updates: { b2b: true }, over: { company: 'Bernard SAS' }, groupId: null, changed: { company: 'Bernard SAS' } },
  ];
  test.each(cases)('$name', ({ updates, over, groupId, changed }) => {
    const d = draft(over);
    const c = ctx(settingsWith({ updates }), { groupId });
    // The PATCH body: the changed fields alone.
    expect(customerChanges(structuredClone(held), d, customerNames(d), c)).toEqual(changed);
    const r = updatedCustomerRecord(structuredClone(held), d, customerNames(d), c);
    if (changed === null) {
      expect(r).toBeNull();
      return;
    }
    const { secure_key: _s, last_passwd_gen: _l, date_upd: _u, newsletter_date_add: _n, ...kept } = held;
    // Every held field travels back (the held hash as passwd, date_add), read-only ones, date_upd and zero dates left out.
    expect(r).toEqual({ ...kept, ...changed });
  });

  test('values as the JSON output gives them (zeros left out, decimals with 6 places) compare equal: no request', () => {
    const d = draft({ b2b: { vatNumber: null, creditLimit: '1500.5', paymentDelayDays: 0, risk: null } });
    const settings = settingsWith({ b2b: { sendSolvency: true } });
    const shown = { ...held, outstanding_allow_amount: '1500.500000' };
    expect(updatedCustomerRecord(structuredClone(shown), d, customerNames(d), ctx(settings))).toBeNull();
    expect(updatedCustomerRecord(structuredClone({ ...shown, outstanding_allow_amount: '1500.510000' }), d, customerNames(d), ctx(settings)))
      .toMatchObject({ outstanding_allow_amount: '1500.5' });
  });

  test('disable: active=0 and everything else as held; nothing when already inactive', () => {
    expect(disabledCustomerRecord({ ...held })).toMatchObject({ active: '0', passwd: '$2y$10$held', website: 'https://sophie.example.fr', birthday: '1980-02-03' });
    expect(disabledCustomerRecord({ ...held, active: '0' })).toBeNull();
  });
});

describe('addresses', () => {
  const fr = { id: '8', iso: 'FR', containsStates: false, needsDni: false, needsZipCode: true };
  const es = { id: '6', iso: 'ES', containsStates: false, needsDni: true, needsZipCode: true };
  test.each([
    ['0601020304', 'FR', true], ['+33 7 12 34 56 78', 'FR', true], ['02 40 00 00 01', 'FR', false], ['0601020304', 'BE', false],
  ])('phone %j in %s is a mobile: %s', (phone, country, mobile) => {
    expect(isMobile(phone, country)).toBe(mobile);
  });

  test('billing address of a B2B customer: VAT number, company, phone_mobile, cleaned lines', () => {
    const d = draft({ company: 'Comptoir Gourmand', b2b: { vatNumber: 'FR12345678901', creditLimit: null, paymentDelayDays: null, risk: null } });
    const a = { ...d.billing!, line1: '3 rue du Port <entrée B>', phone: '06 01 02 03 04', company: '' };
    expect(addressRecord(a, customerNames(d), d, { customerId: '9', alias: 'Facturation', country: fr, stateId: '', vatNumber: 'FR12345678901' })).toEqual({
      id_customer: '9', id_country: '8', id_state: '0', alias: 'Facturation', company: 'Comptoir Gourmand', lastname: 'Bernard', firstname: 'Sophie',
      vat_number: 'FR12345678901', address1: '3 rue du Port entrée B', address2: '', postcode: '44000', city: 'Nantes', phone: '',
      phone_mobile: '06 01 02 03 04', dni: '',
    });
  });

  test.each([
    ['a country that needs a DNI takes the VAT number', es, 'ESB12345678', { dni: 'ESB12345678' }, null],
    ['a country that needs a DNI, none known: refused naming the field', es, null, null, 'field dni'],
    ['no street: refused naming the field', fr, null, null, 'field address1'],
  ] as const)('%s', (_n, country, vat, expected, error) => {
    const d = draft();
    const a = error === 'field address1' ? { ...d.billing!, line1: '' } : d.billing!;
    const run = () => addressRecord(a, customerNames(d), d, { customerId: '9', alias: 'Facturation', country, stateId: '', vatNumber: vat });
    if (expected) expect(run()).toMatchObject(expected);
    else {
      expect(run).toThrow(CustomerFieldError);
      try {
        run();
      } catch (e) {
        expect(render((e as CustomerFieldError).text, 'en')).toContain(error!);
      }
    }
  });

  test('an address already right is not written again; a changed one keeps the fields we do not write', () => {
    const d = draft();
    const wanted = addressRecord(d.billing!, customerNames(d), d, { customerId: '9', alias: 'Facturation', country: fr, stateId: '', vatNumber: null });
    const held = { ...wanted, id: '4', other: 'Code porte 1234', deleted: '0', date_add: 'x', date_upd: 'y' };
    expect(updatedAddressRecord(held, wanted)).toBeNull();
    expect(addressChanges(held, wanted)).toBeNull();
    expect(addressChanges(held, { ...wanted, city: 'Rezé' })).toEqual({ city: 'Rezé' });
    expect(updatedAddressRecord(held, { ...wanted, city: 'Rezé' })).toEqual({ ...wanted, id: '4', other: 'Code porte 1234', deleted: '0', date_add: 'x', city: 'Rezé' });
  });
});
