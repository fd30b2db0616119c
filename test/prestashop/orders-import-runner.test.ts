/**
 * orders.import and orders.status through the action runner on the sample company, with a real
 * `prestashop` profile pointed at the PrestaShop simulator rebuilt from the recorded shop (exchanges
 * 900-999): the registry opens the adapter, nothing is mocked. Each selected order becomes one
 * document whose total is the shop's total_paid_tax_incl, a second run doubles nothing, the
 * cancelled order is not imported (and an imported order cancelled afterwards is reported), the way
 * back writes order_histories and the private message (with the tracking link of
 * orderStatus.trackingUrls, the shop's carriers left alone), KerAwen till sales on the till's anonymous
 * customer (shop.prestashop.kerawenAnonymousCustomerIds) are grouped per day on the KERAWEN account,
 * and the shop's dates are read in its own time zone (PS_TIMEZONE).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runAction } from '../../src/actions/runner.js';
import { AppContext } from '../../src/app/app-context.js';
import { demoInit } from '../../src/cli/demo.js';
import { EmbeddedGesCom } from '../../src/gescom/embedded/embedded-gescom.js';
import type { SalesDocument } from '../../src/gescom/model.js';
import type { JournalEntry } from '../../src/journal/journal.js';
import { setOption } from '../../src/profile/options.js';
import type { Profile } from '../../src/profile/schema.js';
import { startPrestaShopSimulator, type PrestaShopSimulator } from '../simulators/prestashop/server.js';
import { sampleTemplate } from '../support/sample-template.js';

const template = sampleTemplate('passerelle-ps-orders-sample');
afterAll(() => template.remove());

/** total_paid_tax_incl of the recorded orders 1-5 (state 11). */
const TOTALS: Record<string, string> = { 1: '26.40', 2: '66.53', 3: '84.80', 4: '43.53', 5: '15.65' };
const PERIOD = { from: '2026-12-01', to: '2026-12-02' };

let dir: string;
let app: AppContext;
let db: string;
let sim: PrestaShopSimulator;

function edit(change: (p: Profile) => Profile): void {
  app.profiles.save(change(app.profiles.load('demo')));
}

beforeEach(async () => {
  sim = await startPrestaShopSimulator({ seed: 'fixtures' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-ps-orders-'));
  app = new AppContext(dir);
  fs.mkdirSync(app.dir.gescomDir, { recursive: true });
  fs.copyFileSync(await template.path(), path.join(app.dir.gescomDir, 'demo.db'));
  ({ db } = await demoInit(app, { shop: { kind: 'prestashop', url: sim.url, prestashop: { key: sim.key } } }));
  edit((p) => ({
    ...p,
    general: { ...p.general, timezone: 'Europe/Paris' },
    orders: {
      ...p.orders,
      // 11 "Remote payment accepted" and 2 "Payment accepted" become invoices.
      statusMapping: [{ status: '11', documentType: 'invoice' }, { status: 'Payment accepted', documentType: 'invoice' }],
      payments: { ...p.orders.payments, create: true },
      mappings: {
        ...p.orders.mappings,
        payments: [
          { method: 'ps_wirepayment', currency: '', paymentMode: 'VIR', bankJournal: 'BQ1', customerAccount: '', accountingAccount: '', createPayment: true },
          { method: 'ps_checkpayment', currency: '', paymentMode: 'CHQ', bankJournal: 'BQ1', customerAccount: '', accountingAccount: '', createPayment: true },
        ],
      },
    },
    orderStatus: { ...p.orderStatus, mapping: [{ documentState: 'paid', shopStatus: 'Shipped' }, { documentState: 'invoice', shopStatus: 'Shipped' }], notifyCustomer: true },
  }));
});
afterEach(async () => {
  app.close();
  await sim.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(action: string, params: Record<string, unknown> = PERIOD) {
  const lines: string[] = [];
  const record = await runAction(app, {
    profile: 'demo', action, params,
    onEntry: (e: JournalEntry) => {
      if (e.level !== 'progress') lines.push(e.text);
    },
  });
  return { record, lines };
}

/** The GesCom document's parcel: a Colissimo tracking number. */
async function colissimoTracking(number: string, trackingNumber: string): Promise<void> {
  const g = EmbeddedGesCom.open(db);
  try {
    await g.setDocumentTracking(number, { trackingNumber, carrier: 'Colissimo' });
  } finally {
    g.close();
  }
}

async function documents(): Promise<SalesDocument[]> {
  const g = EmbeddedGesCom.open(db);
  try {
    return (await g.documents()).filter((d) => d.shopOrderId);
  } finally {
    g.close();
  }
}

const orderRow = (id: number | string) => sim.state.get('orders', id)!;

describe('PrestaShop orders through the action runner, on a prestashop profile', () => {
  test('orders 1-5 imported once each to the cent; the cancelled order 6 is not; a second run doubles nothing; placed orders next run', async () => {
    expect(app.profiles.load('demo').shop.identity).toMatch(/^prestashop:127\.0\.0\.1:\d+$/);
    const first = await run('orders.import');
    expect(first.record.status, first.lines.join('\n')).toBe('succeeded');
    expect(first.record.counts.orders).toMatchObject({ created: 5, failed: 0 });
    const byOrder = new Map((await documents()).map((d) => [d.shopOrderId!, d]));
    expect([...byOrder.keys()].sort()).toEqual(['1', '2', '3', '4', '5']);
    for (const [id, total] of Object.entries(TOTALS)) {
      const d = byOrder.get(id)!;
      expect(d.totals.totalTtc, `order ${id}`).toBe(total);
      expect(d.type).toBe('invoice');
      expect(d.shopKey).toBe(app.profiles.load('demo').shop.identity);
      expect(d.payments.map((p) => p.amount)).toEqual([total]);
    }
    expect(byOrder.get('2')!.payments[0]!.modeCode).toBe('CHQ');
    expect(byOrder.get('4')!.lines.some((l) => l.designation === 'Emballage cadeau')).toBe(true);
    expect(byOrder.get('5')!.totals.totalVat).toBe('0.00');
    // Reads only.
    expect(sim.stats.writeRequests).toBe(0);

    const second = await run('orders.import');
    expect(second.record.status).toBe('succeeded');
    expect(second.record.counts.orders).toMatchObject({ created: 0, unchanged: 5 });
    expect(await documents()).toHaveLength(5);

    // A new paid order and one awaiting its cheque (state 1, not selected).
    const paid = sim.placeOrder({ customerId: 3, lines: [{ productId: 5, quantity: 2 }], date: '2026-12-01 18:00:00', module: 'ps_wirepayment', payment: 'Virement bancaire' });
    sim.placeOrder({ customerId: 2, lines: [{ productId: 3, quantity: 1 }], date: '2026-12-01 18:05:00', state: 1, module: 'ps_checkpayment', payment: 'Chèque' });
    const third = await run('orders.import');
    expect(third.record.counts.orders).toMatchObject({ created: 1, unchanged: 5 });
    const docs = await documents();
    expect(docs.map((d) => d.shopOrderId).sort()).toEqual(['1', '2', '3', '4', '5', String(paid.id)].sort());
    expect(docs.find((d) => d.shopOrderId === String(paid.id))!.totals.totalTtc).toBe(Number(paid['total_paid_tax_incl']).toFixed(2));
    expect((await run('orders.import')).record.counts.orders).toMatchObject({ created: 0, unchanged: 6 });
  });

  test('an imported order cancelled in the shop afterwards is reported, its document left alone', async () => {
    // Order 6 as it was before its state changes: paid (11).
    // Through the state, so that the simulator's filter index follows.
    sim.state.update('orders', 6, { current_state: '11' }, false);
    await run('orders.import');
    expect((await documents()).some((d) => d.shopOrderId === '6')).toBe(true);
    sim.state.update('orders', 6, { current_state: '6' }, false);
    const r = await run('orders.import');
    expect(r.lines.join('\n')).toContain(`commande ${String(orderRow(6)['reference'])} passée à « 6 » dans la boutique après son import`);
    expect(r.record.counts.orders).toMatchObject({ skipped: 1 });
    expect((await documents()).filter((d) => d.shopOrderId === '6')).toHaveLength(1);
  });

  test('orders.status: order_histories to "Shipped" with the mail, the document number as a private message, once', async () => {
    await run('orders.import');
    const numbers = new Map((await documents()).map((d) => [d.shopOrderId!, d.number]));
    expect(numbers.size).toBe(5);
    const r = await run('orders.status', {});
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    const histories = sim.stats.log.filter((l) => l.method === 'POST' && l.path.endsWith('/order_histories'));
    expect(histories).toHaveLength(5);
    for (const h of histories) expect(h.query).toContain('sendemail=1');
    for (const [id, number] of numbers) {
      expect(String(orderRow(id)['current_state']), `order ${id}`).toBe('4');
      const thread = sim.state.list('customer_threads').find((t) => String(t['id_order']) === id)!;
      const texts = sim.state.list('customer_messages').filter((m) => String(m['id_customer_thread']) === String(thread.id));
      // With orderStatus.copyDocumentNumber (the demo profile's) the note follows the number in the same message.
      expect(texts.map((m) => [m['message'], String(m['private'])])).toEqual([[`Document de gestion commerciale : ${number}\nPièce ${number}`, '1']]);
    }
    // The cancelled order 6 untouched.
    expect(String(orderRow(6)['current_state'])).toBe('6');
    // Run again: nothing new to send.
    const writes = sim.stats.writeRequests;
    await run('orders.status', {});
    expect(sim.stats.writeRequests).toBe(writes);
  });

  test("orders.status: a document's tracking number reaches the order carrier; entered later, sent by the next run; unchanged, not again", async () => {
    await run('orders.import');
    const numbers = new Map((await documents()).map((d) => [d.shopOrderId!, d.number]));
    const setTracking = (order: string, trackingNumber: string) => colissimoTracking(numbers.get(order)!, trackingNumber);
    const tracking = (order: string) => String(sim.state.list('order_carriers').find((c) => String(c['id_order']) === order)!['tracking_number'] ?? '');
    await setTracking('1', '6A12345678901');
    const first = await run('orders.status', {});
    expect(first.record.status, first.lines.join('\n')).toBe('succeeded');
    expect(tracking('1')).toBe('6A12345678901');
    expect(tracking('2')).toBe('');

    // Order 2's parcel number entered after its status went: the next run sends it, and only it.
    await setTracking('2', '6A98765432109');
    const later = await run('orders.status', {});
    expect(later.record.counts.orders).toMatchObject({ updated: 1, unchanged: 4, failed: 0 });
    expect(tracking('2')).toBe('6A98765432109');
    const writes = sim.stats.writeRequests;
    const again = await run('orders.status', {});
    expect(again.record.counts.orders).toMatchObject({ updated: 0, unchanged: 5 });
    expect(sim.stats.writeRequests).toBe(writes);
  });

  test('orders.status with a tracking link: the number on the order carrier, the link in the private message; the shop’s carriers untouched', async () => {
    edit((p) => ({
      ...p,
      orderStatus: { ...p.orderStatus, trackingUrls: [{ carrier: 'colissimo', url: 'https://www.laposte.fr/outils/suivre-vos-envois?code={number}' }] },
    }));
    await run('orders.import');
    const numbers = new Map((await documents()).map((d) => [d.shopOrderId!, d.number]));
    const setTracking = (order: string, trackingNumber: string) => colissimoTracking(numbers.get(order)!, trackingNumber);
    const messages = (order: string) => {
      const thread = sim.state.list('customer_threads').find((t) => String(t['id_order']) === order)!;
      return sim.state.list('customer_messages').filter((m) => String(m['id_customer_thread']) === String(thread.id)).map((m) => String(m['message']));
    };
    const noLinkWarnings = (lines: string[]) => lines.filter((l) => l.includes('« Colissimo » n’a pas d’URL de suivi'));
    await setTracking('1', '6A 123/4');
    const carriersBefore = structuredClone(sim.state.list('carriers'));

    const first = await run('orders.status', {});
    expect(first.record.status, first.lines.join('\n')).toBe('succeeded');
    expect(sim.state.list('order_carriers').find((c) => String(c['id_order']) === '1')!['tracking_number']).toBe('6A 123/4');
    expect(messages('1')).toEqual([`Document de gestion commerciale : ${numbers.get('1')}\nPièce ${numbers.get('1')}\n`
      + 'Numéro de suivi du colis : 6A 123/4 (Colissimo), à suivre sur https://www.laposte.fr/outils/suivre-vos-envois?code=6A%20123%2F4']);
    // The customer's link is PrestaShop's, from its carrier's own tracking URL (the recorded Colissimo has one): never written.
    expect(sim.state.list('carriers')).toEqual(carriersBefore);
    expect(noLinkWarnings(first.lines)).toEqual([]);

    // A changed template: no order already sent is sent again (their customers would hear of old
    // parcels); a number corrected afterwards goes to the order carrier, with the new link in a new message.
    edit((p) => ({ ...p, orderStatus: { ...p.orderStatus, trackingUrls: [{ carrier: 'Colissimo', url: 'https://www.colissimo.fr/suivi?parcel={number}' }] } }));
    sim.resetStats();
    const kept = await run('orders.status', {});
    expect(kept.record.counts.orders).toMatchObject({ updated: 0, unchanged: 5, failed: 0 });
    expect(sim.stats.log.filter((l) => l.method !== 'GET')).toEqual([]);
    await setTracking('1', '6A 123/5');
    const changed = await run('orders.status', {});
    expect(changed.record.counts.orders).toMatchObject({ updated: 1, unchanged: 4, failed: 0 });
    expect(sim.state.list('order_carriers').find((c) => String(c['id_order']) === '1')!['tracking_number']).toBe('6A 123/5');
    expect(messages('1').at(-1)).toMatch(/à suivre sur https:\/\/www\.colissimo\.fr\/suivi\?parcel=6A%20123%2F5$/);

    // A shop whose carrier has no tracking URL: its customers get no link from PrestaShop, said once per run.
    sim.state.update('carriers', 2, { url: '' }, false);
    await setTracking('2', '6A0000000002');
    await setTracking('3', '6A0000000003');
    const bare = await run('orders.status', {});
    expect(bare.record.counts.orders, bare.lines.join('\n')).toMatchObject({ updated: 2, failed: 0 });
    expect(noLinkWarnings(bare.lines)).toHaveLength(1);
    expect(messages('3').at(-1)).toMatch(/6A0000000003 \(Colissimo\), à suivre sur https:\/\/www\.colissimo\.fr\/suivi\?parcel=6A0000000003$/);
  });

  describe('KerAwen till sales (shop.prestashop.kerawenAnonymousCustomerIds)', () => {
    /** KerAwen's walk-in customer (it has an e-mail, as the till creates it), its two sales and a named web order of 30 November. */
    function tillDay() {
      const walkIn = sim.state.insert('customers', {
        firstname: 'Client', lastname: 'Anonyme', email: 'anonyme@caisse.example', is_guest: '0', active: '1', id_default_group: '3',
        secure_key: 'a'.repeat(32), passwd: 'x', id_lang: '1',
      });
      const address = sim.state.list('addresses', (a) => a['id_customer'] === '2')[0]!;
      sim.state.insert('addresses', { ...address, id: undefined, id_customer: String(walkIn.id), alias: 'Caisse', firstname: 'Client', lastname: 'Anonyme' });
      const till = { customerId: walkIn.id, module: 'kerawen', payment: 'KerAwen' };
      const a = sim.placeOrder({ ...till, lines: [{ productId: 5, quantity: 1 }], date: '2026-11-30 10:00:00' });
      const b = sim.placeOrder({ ...till, lines: [{ productId: 3, quantity: 2 }], date: '2026-11-30 16:30:00' });
      const web = sim.placeOrder({ customerId: 2, lines: [{ productId: 3, quantity: 1 }], date: '2026-11-30 11:00:00', module: 'ps_checkpayment', payment: 'Chèque' });
      edit((p) => ({
        ...p,
        orders: {
          ...p.orders,
          grouping: { ...p.orders.grouping, mode: 'anonymous', account: 'KERAWEN' },
          mappings: { ...p.orders.mappings, payments: [...p.orders.mappings.payments, { method: 'kerawen', currency: '', paymentMode: 'ESP', bankJournal: 'CAI', customerAccount: '', accountingAccount: '', createPayment: true }] },
        },
      }));
      return { walkIn, till: [a, b], web };
    }
    const total = (...orders: { [k: string]: unknown }[]) => orders.reduce((s, o) => s + Math.round(Number(o['total_paid_tax_incl']) * 100), 0);
    const cents = (c: number) => `${Math.floor(c / 100)}.${String(c % 100).padStart(2, '0')}`;

    test('the till\'s anonymous customer named in the option: its sales of the day in one document on the KERAWEN account', async () => {
      const { walkIn, till, web } = tillDay();
      app.profiles.save(setOption(app.profiles.load('demo'), 'shop.prestashop.kerawenAnonymousCustomerIds', String(walkIn.id)));
      const r = await run('orders.import', { from: '2026-11-30', to: '2026-11-30' });
      expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
      const docs = await documents();
      expect(docs).toHaveLength(2);
      const group = docs.find((d) => d.shopOrderId!.startsWith('GROUP'))!;
      expect(group.customerCode).toBe('KERAWEN');
      expect(group.totals.totalTtc).toBe(cents(total(...till)));
      expect(group.payments.map((p) => [p.modeCode, p.amount])).toEqual(till.map((o) => ['ESP', Number(o['total_paid_tax_incl']).toFixed(2)]));
      const named = docs.find((d) => d.shopOrderId === String(web.id))!;
      expect(named.customerCode).not.toBe('KERAWEN');
      expect(named.totals.totalTtc).toBe(Number(web['total_paid_tax_incl']).toFixed(2));
      // Twice: nothing new.
      expect((await run('orders.import', { from: '2026-11-30', to: '2026-11-30' })).record.counts.orders?.created ?? 0).toBe(0);
      expect(await documents()).toHaveLength(2);
    });

    test('without it the walk-in customer (an e-mail) is a named customer: each sale its own document', async () => {
      const { till, web } = tillDay();
      const r = await run('orders.import', { from: '2026-11-30', to: '2026-11-30' });
      expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
      const docs = await documents();
      expect(docs.map((d) => d.shopOrderId).sort()).toEqual([...till, web].map((o) => String(o.id)).sort());
      expect(docs.some((d) => d.customerCode === 'KERAWEN')).toBe(false);
    });

    test('the option takes PrestaShop customer ids only, refused with the field named', () => {
      const p = app.profiles.load('demo');
      expect(() => setOption(p, 'shop.prestashop.kerawenAnonymousCustomerIds', '12,abc')).toThrow(/kerawenAnonymousCustomerIds/);
      expect(() => setOption(p, 'shop.prestashop.kerawenAnonymousCustomerIds', '0')).toThrow(/kerawenAnonymousCustomerIds/);
      expect(setOption(p, 'shop.prestashop.kerawenAnonymousCustomerIds', '12, 40').shop).toMatchObject({ prestashop: { kerawenAnonymousCustomerIds: ['12', '40'] } });
    });
  });

  describe("the shop's time zone (PS_TIMEZONE)", () => {
    const dateFilters = () => sim.stats.log.filter((l) => l.method === 'GET' && /\/api\/orders$/.test(l.path)).map((l) => decodeURIComponent(l.query));

    test('read once per run from /configurations; the period and the dates are the shop\'s wall clock', async () => {
      // The shop runs on New York time while the profile says Paris: an order placed at 20:00 in New York on 1 December
      // is 02:00 on the 2nd in Paris.
      const tz = sim.state.list('configurations').find((c) => c['name'] === 'PS_TIMEZONE')!;
      sim.state.update('configurations', tz.id, { value: 'America/New_York' }, false);
      const late = sim.placeOrder({ customerId: 3, lines: [{ productId: 5, quantity: 1 }], date: '2026-12-02 20:00:00', module: 'ps_wirepayment', payment: 'Virement bancaire' });
      const r = await run('orders.import', { from: '2026-12-01', to: '2026-12-02' });
      expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
      expect(r.lines.some((l) => l.includes('fuseau horaire de la boutique (PS_TIMEZONE) : America/New_York'))).toBe(true);
      const tzReads = sim.stats.log.filter((l) => l.path.endsWith('/configurations') && decodeURIComponent(l.query).includes('PS_TIMEZONE'));
      expect(tzReads).toHaveLength(1);
      // Paris midnight of 1 December is 18:00 on 30 November in New York.
      expect(dateFilters().some((q) => q.includes('filter[date_add]=[2026-11-30 18:00:00,'))).toBe(true);
      // 20:00 New York on the 2nd is past the period in Paris (02:00 on the 3rd): not imported.
      expect((await documents()).map((d) => d.shopOrderId)).not.toContain(String(late.id));
      const doc = (await documents()).find((d) => d.shopOrderId === '1')!;
      expect(doc).toBeDefined();
    });

    test('a key that may not read /configurations: the profile\'s time zone, said in the journal', async () => {
      const all = ['addresses', 'carriers', 'cart_rules', 'contacts', 'countries', 'currencies', 'customer_messages', 'customer_threads', 'customers',
        'order_carriers', 'order_cart_rules', 'order_details', 'order_histories', 'order_payments', 'order_states', 'orders', 'taxes'];
      sim.setPermissions(Object.fromEntries(all.map((r) => [r, ['GET', 'HEAD']])));
      const r = await run('orders.import');
      expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
      expect(r.record.counts.orders).toMatchObject({ created: 5 });
      expect(r.lines.some((l) => l.includes('fuseau horaire de la boutique (PS_TIMEZONE) illisible') && l.includes('(Europe/Paris) est utilisé'))).toBe(true);
      expect(dateFilters().some((q) => q.includes('filter[date_add]=[2026-12-01 00:00:00,'))).toBe(true);
    });
  });
});
