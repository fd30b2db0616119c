/**
 * PsCustomers through the real webservice client against the PrestaShop simulator: XML writes,
 * JSON reads, schema validation (required fields, read-only fields, formats) and PUT replacing
 * the whole record, as 8.1.2 does. Asserts what the shop holds and the requests it received.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { PsCustomers } from '../../src/shops/prestashop/ps-customers.js';
import { PsWsClient } from '../../src/shops/prestashop/ws-client.js';
import { prestaShopAuth } from '../../src/shops/prestashop/auth.js';
import { render, type Text } from '../../src/i18n/catalogue.js';
import { startPrestaShopSimulator, type PrestaShopSimulator } from '../simulators/prestashop/server.js';
import { testClient } from '../http/support/client.js';
import { draft, settingsWith } from './customers-support.js';

let sim: PrestaShopSimulator;

beforeEach(async () => {
  sim = await startPrestaShopSimulator({ languages: [1, 2] });
});
afterEach(async () => {
  await sim?.close();
});

function open(customers: Record<string, unknown> = {}) {
  const http = testClient(sim.apiUrl, { auth: prestaShopAuth({ key: sim.key, queryString: false }), maxTries: 1, concurrency: 2 }).client;
  const ws = new PsWsClient({ http });
  const warnings: string[] = [];
  const ps = new PsCustomers({ ws, settings: settingsWith(customers), options: { shopId: '' }, warn: (m) => warnings.push(typeof m === 'string' ? m : render(m, 'en')) });
  return { ps, warnings };
}

const text = (e: string | Text | null) => (e === null ? '' : typeof e === 'string' ? e : render(e, 'en'));
const writes = () => sim.stats.log.filter((l) => l.method !== 'GET').map((l) => `${l.method} ${l.path}`);
const byEmail = (email: string) => sim.state.list('customers').find((c) => c['email'] === email)!;

const SOPHIE = draft();
const COMPTOIR = draft({
  gescomKey: 'CL0003', customerCode: 'CL0003', email: 'contact@comptoir-gourmand.example.fr', firstName: '', lastName: 'Comptoir Gourmand',
  company: 'Comptoir Gourmand', group: 'Revendeurs', notes: 'Livraison le matin',
  b2b: { vatNumber: 'FR40123456789', creditLimit: null, paymentDelayDays: null, risk: null },
  shipping: {
    firstName: 'Paul', lastName: 'Girard', company: 'Comptoir Gourmand', line1: 'ZI de la Lande', line2: 'Quai 4', city: 'Saint-Herblain', state: '',
    postcode: '44800', countryCode: 'FR', email: '', phone: '06 11 22 33 44',
  },
});

describe('PsCustomers on the simulator', () => {
  test('groups created once in both languages; customers created with group and addresses; a second export writes nothing', async () => {
    const { ps } = open({ creation: { newsletter: true } });
    const groups = [
      { key: '1', name: 'Client', priceCategoryId: 1, taxDisplay: 'TTC' as const },
      { key: '2', name: 'Revendeurs', priceCategoryId: 2, taxDisplay: 'HT' as const },
    ];
    const g = await ps.writeCustomerGroups(groups);
    expect(g.map((r) => [r.key, r.ok, r.created, text(r.error)])).toEqual([['1', true, false, ''], ['2', true, true, '']]);
    const revendeurs = sim.state.get('groups', g[1]!.shopId!)!;
    expect(revendeurs).toMatchObject({ price_display_method: '1', name: [{ id: 1, value: 'Revendeurs' }, { id: 2, value: 'Revendeurs' }] });

    const r = await ps.writeCustomers([{ draft: SOPHIE, shopId: null }, { draft: COMPTOIR, shopId: null }], { newOnly: false });
    expect(r.map((x) => [x.key, x.ok, x.created, text(x.error)])).toEqual([['CL0001', true, true, ''], ['CL0003', true, true, '']]);
    const comptoir = byEmail(COMPTOIR.email);
    expect(comptoir).toMatchObject({
      firstname: '-', lastname: 'Comptoir Gourmand', company: 'Comptoir Gourmand', id_default_group: g[1]!.shopId, newsletter: '1', note: 'Livraison le matin',
      active: '1', is_guest: '0',
    });
    expect(String(comptoir['passwd']).length).toBeGreaterThanOrEqual(20);
    expect(comptoir.associations['groups']!.map((x) => String(x['id'])).sort()).toEqual([g[1]!.shopId, '3'].sort());
    const addresses = sim.state.list('addresses', (a) => String(a['id_customer']) === String(comptoir.id));
    expect(addresses.map((a) => [a['alias'], a['address1'], a['postcode'], a['city'], a['vat_number'], a['phone_mobile'], String(a['id_country'])])).toEqual([
      ['Facturation', '14 rue Crébillon', '44000', 'Nantes', 'FR40123456789', '', '8'],
      ['Livraison', 'ZI de la Lande', '44800', 'Saint-Herblain', 'FR40123456789', '06 11 22 33 44', '8'],
    ]);

    // Second run, as the action does it: found by e-mail (one request for both), then nothing to write.
    sim.resetStats();
    const found = await ps.findCustomersByEmail([SOPHIE.email, COMPTOIR.email]);
    expect(sim.stats.log.filter((l) => l.path === '/api/customers')).toHaveLength(1);
    const again = await ps.writeCustomers([SOPHIE, COMPTOIR].map((d) => ({ draft: d, shopId: found.get(d.email)!.id })), { newOnly: false });
    expect(again.map((x) => [x.ok, x.created])).toEqual([[true, false], [true, false]]);
    expect(writes()).toEqual([]);
    const again2 = await ps.writeCustomerGroups(groups);
    expect(again2.map((x) => x.created)).toEqual([false, false]);
    expect(writes()).toEqual([]);
    expect(sim.state.list('groups')).toHaveLength(4);
    expect(sim.state.list('addresses')).toHaveLength(3);
  });

  test('an update changes only what the switches name: back-office fields, password and dates kept', async () => {
    const { ps } = open({ updates: { names: false, notes: true, addresses: true } });
    const [c] = await ps.writeCustomers([{ draft: SOPHIE, shopId: null }], { newOnly: false });
    const held = sim.state.get('customers', c!.shopId!)!;
    Object.assign(held, { website: 'https://sophie.example.fr', birthday: '1980-02-03', siret: '12345678900011', optin: '1', id_gender: '2' });
    const before = { passwd: held['passwd'], date_add: held['date_add'], secure_key: held['secure_key'] };
    sim.resetStats();
    const [u] = await ps.writeCustomers([{
      draft: draft({ firstName: 'Sophia', notes: 'Nouvelle adresse', billing: { ...SOPHIE.billing!, line1: '16 rue Crébillon' } }), shopId: c!.shopId,
    }], { newOnly: false });
    expect(text(u!.error)).toBe('');
    expect(writes()).toEqual([`PATCH /api/customers/${c!.shopId}`, 'PATCH /api/addresses/1']);
    expect(sim.state.get('customers', c!.shopId!)).toMatchObject({
      firstname: 'Sophie', note: 'Nouvelle adresse', website: 'https://sophie.example.fr', birthday: '1980-02-03', siret: '12345678900011', optin: '1',
      id_gender: '2', email: SOPHIE.email, ...before,
    });
    expect(sim.state.list('addresses')).toHaveLength(1);
    expect(sim.state.get('addresses', 1)).toMatchObject({ address1: '16 rue Crébillon', city: 'Nantes', alias: 'Facturation' });
  });

  test('a key that may not PATCH: GET-modify-PUT, the fields we do not write kept (PrestaShop resets only what it will not receive)', async () => {
    const { ps } = open({ updates: { names: true } });
    const [c] = await ps.writeCustomers([{ draft: SOPHIE, shopId: null }], { newOnly: false });
    const held = sim.state.get('customers', c!.shopId!)!;
    Object.assign(held, { website: 'https://sophie.example.fr', birthday: '1980-02-03', optin: '1' });
    const passwd = held['passwd'];
    const all = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD'] as const;
    sim.setPermissions(Object.fromEntries(['customers', 'addresses', 'groups', 'languages', 'configurations', 'countries', 'states'].map((r) => [r, [...all]])));
    sim.resetStats();
    const [u] = await ps.writeCustomers([{ draft: draft({ firstName: 'Sophia', billing: { ...SOPHIE.billing!, city: 'Rezé' } }), shopId: c!.shopId }], { newOnly: false });
    expect(text(u!.error)).toBe('');
    // The refused PATCH is tried once per resource, then PUT.
    expect(writes()).toEqual([`PATCH /api/customers/${c!.shopId}`, `PUT /api/customers/${c!.shopId}`, 'PATCH /api/addresses/1', 'PUT /api/addresses/1']);
    expect(sim.state.get('customers', c!.shopId!)).toMatchObject({ firstname: 'Sophia', website: 'https://sophie.example.fr', birthday: '1980-02-03', optin: '1', passwd });
    expect(sim.state.get('addresses', 1)).toMatchObject({ city: 'Rezé', address1: '14 rue Crébillon', postcode: '44000' });
  });

  test('a customer the shop refuses fails alone with the shop\'s message', async () => {
    const { ps } = open();
    const bad = draft({ gescomKey: 'CL0006', customerCode: 'CL0006', email: 'elodie.caron(at)example.fr', firstName: 'Élodie', lastName: 'Caron' });
    const r = await ps.writeCustomers([{ draft: bad, shopId: null }, { draft: SOPHIE, shopId: null }], { newOnly: false });
    expect(r[0]).toMatchObject({ key: 'CL0006', ok: false, shopId: null });
    expect(text(r[0]!.error)).toBe('Validation error: "Property Customer->email is not valid"');
    expect(r[1]).toMatchObject({ key: 'CL0001', ok: true, created: true });
    expect(sim.state.list('customers').map((c) => c['email'])).toEqual([SOPHIE.email]);
  });

  test('disable: active=0, nothing else changes; reconciliation reads names, group and addresses', async () => {
    const { ps } = open();
    const [c] = await ps.writeCustomers([{ draft: SOPHIE, shopId: null }], { newOnly: false });
    const before = { ...sim.state.get('customers', c!.shopId!)! };
    const [d] = await ps.disableCustomers([{ key: 'CL0001', shopId: c!.shopId!, email: SOPHIE.email }]);
    expect(d).toMatchObject({ ok: true });
    const after = sim.state.get('customers', c!.shopId!)!;
    expect({ ...after, date_upd: '' }).toEqual({ ...before, active: '0', date_upd: '' });

    const states = [];
    for await (const page of ps.customerStates()) states.push(...page);
    expect(states).toEqual([{
      id: c!.shopId, email: SOPHIE.email, firstName: 'Sophie', lastName: 'Bernard', group: 'Client',
      billing: { ...SOPHIE.billing! }, shipping: { ...SOPHIE.billing!, email: '' },
    }]);
  });
});
