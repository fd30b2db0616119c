/**
 * Customer actions end to end (customers.export, customers.disable, customers.groups)
 * on the sample company against the WooCommerce simulator: which accounts the shop
 * holds afterwards, with which addresses and meta, and what each run wrote.
 */
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ActionEnv, linesWith, removeSampleDb, type WooCustomer } from './support-actions.js';

let env: ActionEnv;

beforeEach(async () => {
  env = await ActionEnv.start();
});
afterEach(async () => {
  await env?.close();
});
afterAll(removeSampleDb);

const EXPORTED = {
  CL0001: 'sophie.bernard@example.fr',
  CL0003: 'contact@comptoir-gourmand.example.fr',
  CL0004: 'reservation@hotel-des-alpes.example.fr',
  CL100002: 'camille.durand@example.fr',
  KERAWEN: 'caisse.kerawen@example.fr',
} as const;

function byEmail(customers: WooCustomer[]): Map<string, WooCustomer> {
  return new Map(customers.map((c) => [c.email, c]));
}

const GROUPS_NONE_LINE =
  "--> la boutique ne gère pas de groupes de clients (WooCommerce : choisissez l'extension dans shop.woocommerce.groupsPlugin)";

describe('customers.export', () => {
  test('the shop holds exactly the five customers with a valid e-mail, with their GesCom addresses', async () => {
    const r = await env.run('customers.export');
    expect(r.record.status).toBe('succeeded');
    expect(r.record.counts.customers).toEqual({ created: 5, updated: 0, unchanged: 0, skipped: 2, failed: 0 });
    // CL0005 (no e-mail) and CL0006 (mistyped e-mail) are named; CL0002 (dormant) is not even read.
    expect(linesWith(r.lines, 'Ignoré', 'CL0005', 'e-mail absent ou invalide')).toHaveLength(1);
    expect(linesWith(r.lines, 'Ignoré', 'CL0006', 'e-mail absent ou invalide')).toHaveLength(1);
    expect(linesWith(r.lines, 'CL0002')).toEqual([]);

    const customers = await env.customers();
    expect(customers.map((c) => c.email).sort()).toEqual(Object.values(EXPORTED).sort());
    const shop = byEmail(customers);
    for (const [code, email] of Object.entries(EXPORTED)) {
      const c = shop.get(email)!;
      expect(env.customerStoredMeta(c.id)._gescom_code_client, code).toBe(code);
      expect(c.username, code).toBe(email);
      expect(env.app.state.binding('demo', 'customer', code)?.shopId, code).toBe(String(c.id));
    }
    for (const absent of ['paul.girard@example.fr', 'elodie.caron(at)example.fr']) expect(shop.has(absent)).toBe(false);

    const cl1 = shop.get(EXPORTED.CL0001)!;
    expect(cl1).toMatchObject({ first_name: 'Sophie', last_name: 'Bernard' });
    expect(cl1.billing).toEqual({
      first_name: 'Sophie', last_name: 'Bernard', company: '', address_1: '14 rue Crébillon', address_2: '', city: 'Nantes', state: '',
      postcode: '44000', country: 'FR', email: 'sophie.bernard@example.fr', phone: '0240000001',
    });
    expect(cl1.shipping).toMatchObject({
      first_name: 'Sophie', last_name: 'Bernard', company: 'Atelier Graphique Nantais', address_1: '2 quai de la Fosse', address_2: '3e étage',
      city: 'Nantes', postcode: '44000', country: 'FR', phone: '0240000011',
    });

    const cl3 = shop.get(EXPORTED.CL0003)!;
    expect(cl3).toMatchObject({ first_name: 'Antoine', last_name: 'Rousseau' });
    expect(cl3.billing).toMatchObject({
      company: 'Le Comptoir Gourmand', first_name: 'Antoine', last_name: 'Rousseau', address_1: '27 rue Montorgueil', postcode: '75002', city: 'Paris',
      phone: '0142000003', email: 'contact@comptoir-gourmand.example.fr',
    });
    expect(cl3.shipping).toMatchObject({
      company: 'Le Comptoir Gourmand', first_name: 'Luc', last_name: 'Marchand', address_1: '12 rue des Entrepreneurs', address_2: 'ZI Nord',
      postcode: '93200', city: 'Saint-Denis', phone: '0142000004',
    });
    expect(env.customerStoredMeta(cl3.id)).toMatchObject({ _gescom_code_client: 'CL0003' });

    const cl4 = shop.get(EXPORTED.CL0004)!;
    expect(cl4.billing).toMatchObject({ company: 'Hôtel des Alpes', address_1: "5 avenue d'Albigny", postcode: '74000', city: 'Annecy', phone: '0450000004' });
    expect(cl4.shipping).toMatchObject({ company: 'Hôtel des Alpes', address_2: 'Entrée de service', city: 'Annecy' });
    expect(env.customerStoredMeta(cl4.id)).toMatchObject({ _gescom_code_client: 'CL0004', _gescom_vat_number: 'FR32123456789' });

    const durand = shop.get(EXPORTED.CL100002)!;
    // No phone on the address: its mobile.
    expect(durand.billing).toMatchObject({ first_name: 'Camille', last_name: 'Durand', address_1: '8 place Bellecour', address_2: 'Bâtiment B', phone: '0601020304' });

    const kerawen = shop.get(EXPORTED.KERAWEN)!;
    expect(kerawen).toMatchObject({ first_name: '', last_name: 'Ventes comptoir' });
    // No delivery address: the billing one is used for shipping.
    expect(kerawen.shipping).toMatchObject({ company: 'Société exemple', address_1: '12 rue des Lilas', postcode: '69002', city: 'Lyon' });
  });

  test('a second run writes nothing', async () => {
    await env.run('customers.export');
    const before = await env.customers();
    const r = await env.run('customers.export');
    expect(r.writeRequests).toBe(0);
    expect(r.record.counts.customers).toEqual({ created: 0, updated: 0, unchanged: 5, skipped: 2, failed: 0 });
    expect(await env.customers()).toEqual(before);
  });

  test('a customer already in the shop with the same e-mail is updated, not duplicated', async () => {
    const made = await env.sim.request('POST', '/wc/v3/customers', {
      email: 'sophie.bernard@example.fr', first_name: 'Sophie', last_name: 'B.', username: 'sophieb',
      billing: { address_1: 'ancienne adresse', city: 'Nantes' },
    });
    expect(made.status).toBe(201);
    const id = (made.body as { id: number }).id;

    const r = await env.run('customers.export');
    expect(r.record.counts.customers).toEqual({ created: 4, updated: 1, unchanged: 0, skipped: 2, failed: 0 });
    const customers = await env.customers();
    expect(customers).toHaveLength(5);
    expect(customers.filter((c) => c.email === 'sophie.bernard@example.fr').map((c) => c.id)).toEqual([id]);
    const sophie = customers.find((c) => c.id === id)!;
    // Addresses and B2B data are replaced (customers.updates.addresses / b2b), names are not (updates.names false).
    expect(sophie.billing).toMatchObject({ address_1: '14 rue Crébillon', postcode: '44000', phone: '0240000001' });
    expect(sophie.last_name).toBe('B.');
    expect(sophie.username).toBe('sophieb');
    expect(env.customerStoredMeta(id)._gescom_code_client).toBe('CL0001');
    expect(env.app.state.binding('demo', 'customer', 'CL0001')?.shopId).toBe(String(id));
  });

  test('a changed delivery address is sent in one write', async () => {
    await env.run('customers.export');
    await env.gescom(async (g) => {
      const c = (await g.customer('CL0001'))!;
      await g.updateCustomer('CL0001', { deliveryAddress: { ...c.deliveryAddress!, line1: '5 rue Kervégan', line2: null } });
    });
    const r = await env.run('customers.export');
    expect(r.writeRequests).toBe(1);
    expect(r.record.counts.customers).toEqual({ created: 0, updated: 1, unchanged: 4, skipped: 2, failed: 0 });
    const sophie = byEmail(await env.customers()).get(EXPORTED.CL0001)!;
    expect(sophie.shipping).toMatchObject({ address_1: '5 rue Kervégan', address_2: '', company: 'Atelier Graphique Nantais' });
    expect(sophie.billing.address_1).toBe('14 rue Crébillon');
  });

  test('bindings lost: the next run finds the accounts by e-mail, no duplicate', async () => {
    await env.run('customers.export');
    const before = await env.customers();
    env.app.state.db.prepare('DELETE FROM bindings').run();
    const r = await env.run('customers.export');
    expect(r.record.counts.customers).toEqual({ created: 0, updated: 5, unchanged: 0, skipped: 2, failed: 0 });
    const after = await env.customers();
    expect(after.map((c) => [c.email, c.id]).sort()).toEqual(before.map((c) => [c.email, c.id]).sort());
    expect((await env.run('customers.export')).writeRequests).toBe(0);
  });

  test('contacts.export: the contact of CL0003 with an e-mail gets its own account (CL0003#1)', async () => {
    env.editProfile((p) => ({ ...p, customers: { ...p.customers, contacts: { ...p.customers.contacts, export: true } } }));
    const r = await env.run('customers.export');
    expect(r.record.counts.customers).toMatchObject({ created: 5, failed: 0 });
    // Claire Fontaine created; Luc Marchand (no e-mail) skipped.
    expect(r.record.counts.contacts).toEqual({ created: 1, updated: 0, unchanged: 0, skipped: 1, failed: 0 });

    const customers = await env.customers();
    expect(customers).toHaveLength(6);
    const claire = customers.find((c) => c.email === 'claire.fontaine@comptoir-gourmand.example.fr')!;
    expect(claire).toMatchObject({ first_name: 'Claire', last_name: 'Fontaine' });
    expect(claire.billing).toMatchObject({ company: 'Le Comptoir Gourmand', address_1: '27 rue Montorgueil', city: 'Paris' });
    expect(env.customerStoredMeta(claire.id)._gescom_code_client).toBe('CL0003');
    expect(env.app.state.binding('demo', 'customer', 'CL0003#1')?.shopId).toBe(String(claire.id));
    // The company's own account is a different one.
    const company = customers.find((c) => c.email === EXPORTED.CL0003)!;
    expect(company.id).not.toBe(claire.id);

    const again = await env.run('customers.export');
    expect(again.writeRequests).toBe(0);
    expect(again.record.counts.contacts).toMatchObject({ unchanged: 1, created: 0, updated: 0 });
  });
});

describe('customers.disable', () => {
  test('CL0003 made dormant after an export: its account is marked disabled once', async () => {
    await env.run('customers.export');
    const cl3 = byEmail(await env.customers()).get(EXPORTED.CL0003)!;
    const password = env.customerPassword(cl3.id);
    await env.gescom((g) => g.updateCustomer('CL0003', { dormant: true }));

    const r = await env.run('customers.disable');
    expect(r.record.status).toBe('succeeded');
    expect(r.writeRequests).toBe(1);
    // CL0002 (dormant, never exported) and CL0005 (blocked, no e-mail) are not in the shop.
    expect(r.record.counts.customers).toEqual({ created: 0, updated: 1, unchanged: 0, skipped: 2, failed: 0 });
    expect(env.customerStoredMeta(cl3.id)._gescom_disabled).toBe('yes');
    // No more log-in with the old password.
    expect(env.customerPassword(cl3.id)).not.toBe(password);
    // The other accounts are left alone.
    for (const c of await env.customers()) {
      if (c.id !== cl3.id) expect(env.customerStoredMeta(c.id)._gescom_disabled, c.email).toBeUndefined();
    }

    const again = await env.run('customers.disable');
    expect(again.writeRequests).toBe(0);
    expect(again.record.counts.customers).toMatchObject({ updated: 0, unchanged: 1, failed: 0 });
  });
});

describe('customers.groups', () => {
  test("shop.woocommerce.groupsPlugin 'none': nothing written, the journal says WooCommerce has no customer groups", async () => {
    expect(env.profile().shop.woocommerce.groupsPlugin).toBe('none');
    const r = await env.run('customers.groups');
    expect(r.record.status).toBe('succeeded');
    expect(r.writeRequests).toBe(0);
    expect(r.lines).toContain(GROUPS_NONE_LINE);
    expect(r.record.counts.groups).toEqual({ created: 0, updated: 0, unchanged: 0, skipped: 7, failed: 0 });
    expect(r.lines.filter((l) => l.includes('Erreur'))).toEqual([]);
  });

  test('customers.export runs the groups step first with the same explanation', async () => {
    const r = await env.run('customers.export');
    expect(r.lines).toContain(GROUPS_NONE_LINE);
    expect(r.record.counts.groups).toMatchObject({ skipped: 7, failed: 0 });
    expect(r.lines.filter((l) => l.includes('Erreur'))).toEqual([]);
  });
});
