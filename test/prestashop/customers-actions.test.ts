/**
 * The customer actions (customers.groups, customers.export, customers.disable) run by the action
 * runner on the sample company, a `prestashop` profile pointed at the PrestaShop simulator: what
 * the shop holds afterwards and the writes each run sent.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runAction } from '../../src/actions/runner.js';
import { AppContext } from '../../src/app/app-context.js';
import { demoInit } from '../../src/cli/demo.js';
import { EmbeddedGesCom } from '../../src/gescom/embedded/embedded-gescom.js';
import type { JournalEntry } from '../../src/journal/journal.js';
import { startPrestaShopSimulator, type PrestaShopSimulator } from '../simulators/prestashop/server.js';
import { sampleTemplate } from '../support/sample-template.js';
import { linesWith } from '../support/assertions.js';

const template = sampleTemplate('passerelle-ps-customers-sample');
afterAll(() => template.remove());

let dir: string;
let sim: PrestaShopSimulator;
let app: AppContext;
let db: string;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-ps-customers-'));
  sim = await startPrestaShopSimulator();
  app = new AppContext(dir);
  fs.mkdirSync(app.dir.gescomDir, { recursive: true });
  fs.copyFileSync(await template.path(), path.join(app.dir.gescomDir, 'demo.db'));
  ({ db } = await demoInit(app, { shop: { kind: 'prestashop', url: sim.url, prestashop: { key: sim.key } } }));
});
afterEach(async () => {
  app?.close();
  await sim?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(action: string, params: Record<string, unknown> = {}) {
  sim.resetStats();
  const lines: string[] = [];
  const record = await runAction(app, {
    profile: 'demo', action, params, onEntry: (e: JournalEntry) => {
      if (e.level !== 'progress') lines.push(e.text);
    },
  });
  const writes = sim.stats.log.filter((l) => l.method !== 'GET').map((l) => `${l.method} ${l.path}`);
  return { record, lines, writes };
}

const customers = () => sim.state.list('customers');
const byEmail = (email: string) => customers().find((c) => c['email'] === email);

const EXPORTED = {
  CL0001: 'sophie.bernard@example.fr',
  CL0003: 'contact@comptoir-gourmand.example.fr',
  CL0004: 'reservation@hotel-des-alpes.example.fr',
  CL100002: 'camille.durand@example.fr',
  KERAWEN: 'caisse.kerawen@example.fr',
} as const;

describe('customer actions on PrestaShop', () => {
  test('customers.export creates groups once and the customers with their addresses; a second run writes nothing', async () => {
    const first = await run('customers.export');
    expect(first.record.status, first.lines.join('\n')).toBe('succeeded');
    expect(first.record.counts.customers).toMatchObject({ created: 5, failed: 0 });
    expect(customers().map((c) => c['email']).sort()).toEqual(Object.values(EXPORTED).sort());
    for (const [code, email] of Object.entries(EXPORTED)) {
      expect(app.state.binding('demo', 'customer', code)?.shopId, code).toBe(String(byEmail(email)!.id));
    }
    const sophie = byEmail(EXPORTED.CL0001)!;
    expect(sophie).toMatchObject({ firstname: 'Sophie', lastname: 'Bernard', active: '1' });
    const sophieAddresses = sim.state.list('addresses', (a) => String(a['id_customer']) === String(sophie.id));
    expect(sophieAddresses.map((a) => [a['alias'], a['address1'], a['city']])).toEqual([
      ['Facturation', '14 rue Crébillon', 'Nantes'],
      ['Livraison', '2 quai de la Fosse', 'Nantes'],
    ]);
    const hotel = byEmail(EXPORTED.CL0004)!;
    const hotelBilling = sim.state.list('addresses', (a) => String(a['id_customer']) === String(hotel.id))[0]!;
    expect(hotelBilling).toMatchObject({ company: 'Hôtel des Alpes', vat_number: 'FR32123456789', postcode: '74000' });
    // One group per price category, with its HT/TTC display (PS_TAX_EXC = 1); the stock groups kept.
    expect(first.record.counts.groups).toMatchObject({ created: 7, failed: 0 });
    const groups = sim.state.list('groups').map((g) => [(g['name'] as { value: string }[])[0]!.value, g['price_display_method']]);
    expect(groups.slice(0, 3)).toEqual([['Visiteur', '0'], ['Invité', '0'], ['Client', '0']]);
    expect(groups.slice(3).map(([n]) => n)).toEqual(['Tarif 1', 'Tarif 2', 'Tarif 3', 'Tarif 4', 'Tarif 5', 'Tarif 6', 'Tarif 7']);
    expect(linesWith(first.lines, 'allModules')).toHaveLength(1);
    const groupsAfter = sim.state.list('groups').length;
    const addressesAfter = sim.state.list('addresses').length;

    const second = await run('customers.export');
    expect(second.record.status).toBe('succeeded');
    expect(second.writes).toEqual([]);
    expect(second.record.counts.customers).toMatchObject({ created: 0, updated: 0, unchanged: 5, failed: 0 });
    expect(second.record.counts.groups).toMatchObject({ created: 0, unchanged: 7 });
    expect(sim.state.list('groups')).toHaveLength(groupsAfter);
    expect(sim.state.list('addresses')).toHaveLength(addressesAfter);
  });

  test('bindings lost: found again by e-mail, nothing duplicated, nothing rewritten', async () => {
    await run('customers.export');
    const before = customers().length;
    for (const code of Object.keys(EXPORTED)) app.state.deleteBinding('demo', 'customer', code);
    const r = await run('customers.export');
    expect(r.record.status).toBe('succeeded');
    expect(customers()).toHaveLength(before);
    expect(r.writes.filter((w) => w.startsWith('POST'))).toEqual([]);
  });

  test('a changed GesCom address updates that address only, names and back-office fields stay', async () => {
    await run('customers.export');
    const sophie = byEmail(EXPORTED.CL0001)!;
    Object.assign(sophie, { website: 'https://sophie.example.fr', birthday: '1980-02-03' });
    const passwd = sophie['passwd'];
    const g = EmbeddedGesCom.open(db);
    try {
      const c = (await g.customer('CL0001'))!;
      await g.updateCustomer('CL0001', { firstName: 'Sophia', deliveryAddress: { ...c.deliveryAddress!, line1: '5 rue Kervégan', line2: null } });
    } finally {
      g.close();
    }
    const r = await run('customers.export');
    expect(r.record.counts.customers).toMatchObject({ updated: 1, unchanged: 4 });
    const shipping = sim.state.list('addresses', (a) => String(a['id_customer']) === String(sophie.id) && a['alias'] === 'Livraison')[0]!;
    expect(r.writes).toEqual([`PATCH /api/addresses/${shipping.id}`]);
    expect(shipping).toMatchObject({ address1: '5 rue Kervégan', address2: '' });
    // updates.names is off by default: the shop keeps "Sophie".
    expect(byEmail(EXPORTED.CL0001)).toMatchObject({ firstname: 'Sophie', website: 'https://sophie.example.fr', birthday: '1980-02-03', passwd });
  });

  test('reconcile: nothing drifted, nothing written; an address changed in the shop is put back', async () => {
    await run('customers.export');
    const clean = await run('customers.export', { reconcile: true });
    expect(clean.record.status, clean.lines.join('\n')).toBe('succeeded');
    expect(clean.writes).toEqual([]);
    expect(clean.record.counts.customers).toMatchObject({ unchanged: 5, updated: 0 });
    const hotel = byEmail(EXPORTED.CL0004)!;
    const billing = sim.state.list('addresses', (a) => String(a['id_customer']) === String(hotel.id) && a['alias'] === 'Facturation')[0]!;
    billing['city'] = 'Chambéry';
    const fixed = await run('customers.export', { reconcile: true });
    expect(fixed.writes).toEqual([`PATCH /api/addresses/${billing.id}`]);
    expect(fixed.record.counts.customers).toMatchObject({ unchanged: 4, updated: 1 });
    expect(sim.state.get('addresses', billing.id)).toMatchObject({ city: 'Annecy' });
  });

  test('a customer the shop refuses fails alone, named, with the shop\'s message', async () => {
    // PrestaShop refuses this e-mail (Validate::isEmail), the connector's own check lets it through.
    const g = EmbeddedGesCom.open(db);
    try {
      await g.updateCustomer('CL0004', { email: 'reservation@hotel-des-alpes..example.fr' });
    } finally {
      g.close();
    }
    const r = await run('customers.export');
    expect(r.record.status).not.toBe('succeeded');
    expect(r.record.counts.customers).toMatchObject({ created: 4, failed: 1 });
    expect(linesWith(r.lines, 'CL0004', 'Property Customer->email is not valid')).toHaveLength(1);
    expect(customers()).toHaveLength(4);
  });

  test('customers.disable sets active=0 on dormant customers and blanks nothing', async () => {
    await run('customers.export');
    const g = EmbeddedGesCom.open(db);
    try {
      await g.updateCustomer('CL0003', { dormant: true });
    } finally {
      g.close();
    }
    const before = { ...byEmail(EXPORTED.CL0003)! };
    const r = await run('customers.disable');
    expect(r.record.status).toBe('succeeded');
    const after = byEmail(EXPORTED.CL0003)!;
    expect({ ...after, date_upd: '' }).toEqual({ ...before, active: '0', date_upd: '' });
    const again = await run('customers.disable');
    expect(again.writes).toEqual([]);
  });
});
