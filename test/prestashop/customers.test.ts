/**
 * PsCustomers against an in-memory PrestaShop webservice that validates and replaces records as
 * 8.1.2 does (customers-fake-ws.ts): what the shop holds after each call and which writes it
 * received.
 */
import { describe, expect, test } from 'vitest';
import { PsCustomers } from '../../src/shops/prestashop/ps-customers.js';
import type { CustomerWrite } from '../../src/shops/port.js';
import type { CustomerDraft } from '../../src/sync/drafts.js';
import { render, type Text } from '../../src/i18n/catalogue.js';
import { FakePsWebservice } from './customers-fake-ws.js';
import { draft, settingsWith } from './customers-support.js';

function setup(customers: Record<string, unknown> = {}, shopId = '') {
  const ws = new FakePsWebservice();
  const warnings: string[] = [];
  const ps = new PsCustomers({
    ws, settings: settingsWith(customers), options: { shopId }, warn: (m) => warnings.push(typeof m === 'string' ? m : render(m, 'en')),
    now: () => new Date('2026-12-01T10:00:00Z'),
  });
  return { ws, ps, warnings };
}

const text = (e: string | Text | null) => (e === null ? '' : typeof e === 'string' ? e : render(e, 'en'));

const SOPHIE = draft();
const COMPTOIR = draft({
  gescomKey: 'CL0003', customerCode: 'CL0003', email: 'contact@comptoir-gourmand.example.fr', firstName: '', lastName: 'Comptoir Gourmand',
  company: 'Comptoir Gourmand', group: 'Revendeurs',
  b2b: { vatNumber: 'FR40123456789', creditLimit: null, paymentDelayDays: null, risk: null },
  billing: {
    firstName: '', lastName: 'Comptoir Gourmand', company: 'Comptoir Gourmand', line1: '2 quai de la Fosse', line2: '', city: 'Nantes', state: '',
    postcode: '44000', countryCode: 'FR', email: 'contact@comptoir-gourmand.example.fr', phone: '0240000003',
  },
  shipping: {
    firstName: 'Paul', lastName: 'Girard', company: 'Comptoir Gourmand', line1: 'ZI de la Lande', line2: 'Quai 4', city: 'Saint-Herblain', state: '',
    postcode: '44800', countryCode: 'FR', email: '', phone: '0611223344',
  },
});
const news = (...ds: CustomerDraft[]): CustomerWrite[] => ds.map((d) => ({ draft: d, shopId: null }));

describe('customer groups', () => {
  test('created once, found by name in any language, with the HT/TTC display', async () => {
    const { ws, ps, warnings } = setup();
    const drafts = [
      { key: '1', name: 'Client', priceCategoryId: 1, taxDisplay: 'TTC' as const },
      { key: '2', name: 'Revendeurs', priceCategoryId: 2, taxDisplay: 'HT' as const },
    ];
    const first = await ps.writeCustomerGroups(drafts);
    expect(first).toEqual([
      { key: '1', ok: true, shopId: '3', created: false, error: null },
      { key: '2', ok: true, shopId: '4', created: true, error: null },
    ]);
    expect(ws.table('groups').get('4')).toMatchObject({
      name: [{ id: '1', value: 'Revendeurs' }, { id: '2', value: 'Revendeurs' }], price_display_method: '1', reduction: '0', show_prices: '1',
    });
    expect(warnings.some((w) => w.includes('allModules'))).toBe(true);
    const again = new PsCustomers({ ws, settings: settingsWith(), options: { shopId: '' }, warn: () => {} });
    expect(await again.customerGroups()).toEqual(new Map([['visiteur', '1'], ['visitor', '1'], ['invité', '2'], ['guest', '2'], ['client', '3'], ['customer', '3'], ['revendeurs', '4']]));
    const posts = ws.writes().length;
    const second = await again.writeCustomerGroups(drafts);
    expect(second.map((r) => [r.shopId, r.created])).toEqual([['3', false], ['4', false]]);
    expect(ws.writes()).toHaveLength(posts);
    expect(ws.all('groups')).toHaveLength(4);
  });

  test('an existing group with the other display is corrected, its name kept in every language', async () => {
    const { ws, ps } = setup();
    const [r] = await ps.writeCustomerGroups([{ key: '1', name: 'Customer', priceCategoryId: 1, taxDisplay: 'HT' }]);
    expect(r).toMatchObject({ ok: true, shopId: '3', created: false });
    expect(ws.table('groups').get('3')).toMatchObject({ price_display_method: '1', name: [{ id: '1', value: 'Client' }, { id: '2', value: 'Customer' }] });
  });
});

describe('customers', () => {
  test('created with password, group, addresses; exported again: nothing written', async () => {
    const { ws, ps, warnings } = setup({ creation: { newsletter: true } });
    await ps.writeCustomerGroups([{ key: '2', name: 'Revendeurs', priceCategoryId: 2, taxDisplay: 'HT' }]);
    const results = await ps.writeCustomers(news(SOPHIE, COMPTOIR), { newOnly: false });
    expect(results.map((r) => [r.key, r.ok, r.created, text(r.error)])).toEqual([['CL0001', true, true, ''], ['CL0003', true, true, '']]);
    const comptoir = ws.table('customers').get(results[1]!.shopId!)!;
    expect(comptoir).toMatchObject({
      email: 'contact@comptoir-gourmand.example.fr', firstname: '-', lastname: 'Comptoir Gourmand', company: 'Comptoir Gourmand',
      id_default_group: '4', associations: { groups: [{ id: '4' }, { id: '3' }] }, newsletter: '1', newsletter_date_add: '2026-12-01 11:00:00',
      optin: '0', active: '1', is_guest: '0', id_lang: '1',
    });
    // The password went through the shop's hashing; never a fixed one.
    expect(String(comptoir.passwd)).toMatch(/^\$2y\$10\$fakehash\./);
    const passwords = ws.all('customers').map((c) => c.passwd);
    expect(new Set(passwords).size).toBe(2);
    const addresses = ws.all('addresses').filter((a) => a.id_customer === comptoir.id);
    expect(addresses.map((a) => [a.alias, a.address1, a.city, a.vat_number, a.phone, a.phone_mobile, a.id_country])).toEqual([
      ['Facturation', '2 quai de la Fosse', 'Nantes', 'FR40123456789', '0240000003', '', '8'],
      ['Livraison', 'ZI de la Lande', 'Saint-Herblain', 'FR40123456789', '', '0611223344', '8'],
    ]);
    // Sophie's delivery address is her billing address: one record.
    expect(ws.all('addresses').filter((a) => a.id_customer === results[0]!.shopId)).toHaveLength(1);
    // Only the group access the webservice cannot set is said; no name needed cleaning.
    expect(warnings.filter((w) => !w.includes('allModules'))).toEqual([]);

    const found = await ps.findCustomersByEmail([SOPHIE.email.toUpperCase(), COMPTOIR.email, 'nobody@example.fr']);
    expect([...found.entries()]).toEqual([
      [SOPHIE.email, { id: results[0]!.shopId, email: SOPHIE.email }],
      [COMPTOIR.email, { id: results[1]!.shopId, email: COMPTOIR.email }],
    ]);
    // Several e-mails in one request.
    expect(ws.log.filter((r) => r.resource === 'customers' && r.method === 'GET' && r.query?.filter?.email)).toHaveLength(1);

    const writes = ws.writes().length;
    const again = await ps.writeCustomers([{ draft: SOPHIE, shopId: results[0]!.shopId }, { draft: COMPTOIR, shopId: results[1]!.shopId }], { newOnly: false });
    expect(again.map((r) => [r.ok, r.created])).toEqual([[true, false], [true, false]]);
    expect(ws.writes()).toHaveLength(writes);
    expect(ws.all('addresses')).toHaveLength(3);
  });

  test('an update changes the switched fields only and leaves the others (and the password) as the shop holds them', async () => {
    const { ws, ps } = setup({ updates: { names: false, addresses: true, notes: true } });
    const [created] = await ps.writeCustomers(news(SOPHIE), { newOnly: false });
    const id = created!.shopId!;
    // Things the shop owner set in the back office.
    const held = ws.table('customers').get(id)!;
    Object.assign(held, { website: 'https://sophie.example.fr', birthday: '1980-02-03', siret: '12345678900011', newsletter: '1', optin: '1', id_gender: '2' });
    ws.table('addresses').get('1')!.other = 'Digicode 4512';
    const passwd = held.passwd;

    const changed = draft({
      firstName: 'Sophia', notes: 'Livrer le matin',
      billing: { ...SOPHIE.billing!, line1: '16 rue Crébillon' },
    });
    const [r] = await ps.writeCustomers([{ draft: changed, shopId: id }], { newOnly: false });
    expect(r).toMatchObject({ ok: true, created: false, shopId: id });
    expect(ws.table('customers').get(id)).toMatchObject({
      firstname: 'Sophie', note: 'Livrer le matin', website: 'https://sophie.example.fr', birthday: '1980-02-03', siret: '12345678900011',
      newsletter: '1', optin: '1', id_gender: '2', passwd, email: SOPHIE.email,
    });
    expect(ws.all('addresses')).toHaveLength(1);
    expect(ws.table('addresses').get('1')).toMatchObject({ address1: '16 rue Crébillon', other: 'Digicode 4512', alias: 'Facturation' });
    // One PATCH per changed record with the changed fields only, never a POST.
    expect(ws.writes().slice(-2).map((w) => [w.method, w.resource])).toEqual([['PATCH', 'customers'], ['PATCH', 'addresses']]);
    expect(ws.writes().at(-2)!.xml).toBe(`<?xml version="1.0" encoding="UTF-8"?><prestashop xmlns:xlink="http://www.w3.org/1999/xlink"><customer><id><![CDATA[${id}]]></id><note><![CDATA[Livrer le matin]]></note></customer></prestashop>`);
  });

  test('newOnly: bound customers are left alone', async () => {
    const { ws, ps } = setup();
    const [created] = await ps.writeCustomers(news(SOPHIE), { newOnly: false });
    const writes = ws.writes().length;
    const r = await ps.writeCustomers([{ draft: draft({ firstName: 'Sophia', notes: 'x' }), shopId: created!.shopId }], { newOnly: true });
    expect(r).toEqual([]);
    expect(ws.writes()).toHaveLength(writes);
  });

  test('a customer the shop refuses fails alone with the shop\'s message; the others are written', async () => {
    const { ws, ps } = setup();
    const bad = draft({ gescomKey: 'CL0006', customerCode: 'CL0006', email: 'elodie.caron@example..fr', firstName: 'Élodie', lastName: 'Caron' });
    const r = await ps.writeCustomers(news(bad, SOPHIE), { newOnly: false });
    expect(r.map((x) => [x.key, x.ok, text(x.error)])).toEqual([
      ['CL0006', false, 'Validation error: "Property Customer->email is not valid"'],
      ['CL0001', true, ''],
    ]);
    expect(ws.all('customers').map((c) => c.email)).toEqual([SOPHIE.email]);
  });

  test('names PrestaShop refuses are cleaned (said in the journal) or, when nothing is left, refused naming the customer and the field', async () => {
    const { ws, ps, warnings } = setup();
    const digits = draft({ gescomKey: 'CL0007', email: 'hotel@example.fr', firstName: 'Jean', lastName: 'Hôtel 3 Étoiles' });
    const none = draft({ gescomKey: 'CL0008', email: 'x@example.fr', firstName: 'Jean', lastName: '2000', company: '' });
    const r = await ps.writeCustomers(news(digits, none), { newOnly: false });
    expect(r.map((x) => [x.key, x.ok, text(x.error)])).toEqual([
      ['CL0007', true, ''],
      ['CL0008', false, 'customer CL0008: field lastname "2000" unusable for PrestaShop (digits or forbidden characters, nothing left once cleaned)'],
    ]);
    expect(ws.all('customers')[0]).toMatchObject({ lastname: 'Hôtel Étoiles' });
    expect(warnings).toContain('customer CL0007: field lastname "Hôtel 3 Étoiles" sent as "Hôtel Étoiles" (PrestaShop refuses digits and some characters in names)');
  });

  test('countries: states where needed, unknown country refused with the field; the customer exists and is completed next run', async () => {
    const { ws, ps } = setup();
    const us = draft({ gescomKey: 'CL0010', email: 'john@example.com', billing: { ...SOPHIE.billing!, countryCode: 'US', state: 'California', postcode: '94103', city: 'San Francisco' } });
    const xx = draft({ gescomKey: 'CL0011', email: 'zed@example.com', billing: { ...SOPHIE.billing!, countryCode: 'ZZ' } });
    const r = await ps.writeCustomers(news(us, xx), { newOnly: false });
    expect(r[0]).toMatchObject({ ok: true });
    expect(ws.all('addresses')[0]).toMatchObject({ id_country: '21', id_state: '5', city: 'San Francisco' });
    expect(r[1]).toMatchObject({ ok: false, created: true });
    expect(text(r[1]!.error)).toBe('customer CL0011, address "Billing": field countryCode "ZZ" unknown to the shop (/countries)'.replace('Billing', 'Facturation'));
    // Next run: found by e-mail, updated, the address added (no second account).
    const found = await ps.findCustomersByEmail([xx.email]);
    const fixed = draft({ ...xx, billing: { ...xx.billing!, countryCode: 'CH' } });
    const again = await ps.writeCustomers([{ draft: fixed, shopId: found.get(xx.email)!.id }], { newOnly: false });
    expect(again[0]).toMatchObject({ ok: true, created: false });
    expect(ws.all('customers').filter((c) => c.email === xx.email)).toHaveLength(1);
    expect(ws.all('addresses').filter((a) => a.id_customer === found.get(xx.email)!.id).map((a) => a.id_country)).toEqual(['19']);
  });

  test('two GesCom customers sharing an e-mail: one account, the second says which customer holds it', async () => {
    const { ws, ps } = setup();
    const twin = draft({ gescomKey: 'CL0009', customerCode: 'CL0009', firstName: 'Marc' });
    const r = await ps.writeCustomers(news(SOPHIE, twin), { newOnly: false });
    expect(r.map((x) => [x.key, x.ok, text(x.error)])).toEqual([
      ['CL0001', true, ''],
      ['CL0009', false, `customer CL0009: field email "${SOPHIE.email}" already used by account ${r[0]!.shopId} that customer CL0001 just created in the shop`],
    ]);
    expect(ws.all('customers')).toHaveLength(1);
  });

  test('a guest account with the same e-mail never hides the registered one', async () => {
    const { ws, ps } = setup();
    ws.seed('customers', [
      { id: '20', email: 'camille.durand@example.fr', is_guest: '1', deleted: '0' },
      { id: '21', email: 'camille.durand@example.fr', is_guest: '0', deleted: '0' },
      { id: '22', email: 'camille.durand@example.fr', is_guest: '0', deleted: '1' },
    ]);
    expect((await ps.findCustomersByEmail(['camille.durand@example.fr'])).get('camille.durand@example.fr')?.id).toBe('21');
  });

  test('multistore: new customers belong to the profile\'s shop', async () => {
    const { ws, ps } = setup({}, '2');
    await ps.writeCustomers(news(SOPHIE), { newOnly: false });
    expect(ws.all('customers')[0]).toMatchObject({ id_shop: '2' });
  });
});

describe('disable and reconciliation', () => {
  test('disable sets active=0 and blanks nothing; twice writes once; an unknown id fails alone', async () => {
    const { ws, ps } = setup();
    const [c] = await ps.writeCustomers(news(SOPHIE), { newOnly: false });
    Object.assign(ws.table('customers').get(c!.shopId!)!, { website: 'https://sophie.example.fr', note: 'VIP' });
    const before = structuredClone(ws.table('customers').get(c!.shopId!)!);
    const r = await ps.disableCustomers([{ key: 'CL0001', shopId: c!.shopId!, email: SOPHIE.email }, { key: 'CL0099', shopId: '999', email: 'x@example.fr' }]);
    expect(r.map((x) => [x.key, x.ok, text(x.error)])).toEqual([['CL0001', true, ''], ['CL0099', false, 'customer 999 not found in the shop']]);
    const { date_upd: _u, ...after } = ws.table('customers').get(c!.shopId!)!;
    const { date_upd: _b, ...was } = before;
    expect(after).toEqual({ ...was, active: '0' });
    const writes = ws.writes().length;
    await ps.disableCustomers([{ key: 'CL0001', shopId: c!.shopId!, email: SOPHIE.email }]);
    expect(ws.writes()).toHaveLength(writes);
  });

  test('customerStates gives names, group and both addresses, one address request per page', async () => {
    const { ws, ps } = setup();
    await ps.writeCustomerGroups([{ key: '2', name: 'Revendeurs', priceCategoryId: 2, taxDisplay: 'HT' }]);
    await ps.writeCustomers(news(SOPHIE, COMPTOIR), { newOnly: false });
    const reads = ws.log.length;
    const pages = await collect(ps.customerStates!());
    const all = pages.flat();
    expect(all.map((c) => [c.email, c.firstName, c.lastName, c.group])).toEqual([
      [SOPHIE.email, 'Sophie', 'Bernard', 'Client'],
      [COMPTOIR.email, '', 'Comptoir Gourmand', 'Revendeurs'],
    ]);
    expect(all[1]!.billing).toEqual(COMPTOIR.billing);
    expect(all[1]!.shipping).toEqual({ ...COMPTOIR.shipping!, email: '' });
    expect(all[0]!.shipping).toEqual({ ...SOPHIE.billing!, phone: '02 40 00 00 01', email: '' });
    expect(ws.log.slice(reads).filter((r) => r.resource === 'addresses')).toHaveLength(1);
  });
});

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}
