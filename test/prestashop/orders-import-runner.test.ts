/**
 * orders.import and orders.status through the action runner on the sample company, the shop being a
 * PsOrderSource over the recorded PrestaShop shop (exchanges 900-999, held by an in-memory
 * webservice): each selected order becomes one document whose total is the shop's
 * total_paid_tax_incl, a second run doubles nothing, the cancelled order is not imported (and an
 * imported order cancelled afterwards is reported), and the way back writes order_histories and the
 * private message PrestaShop receives.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { runAction } from '../../src/actions/runner.js';
import { AppContext } from '../../src/app/app-context.js';
import { demoInit } from '../../src/cli/demo.js';
import { EmbeddedGesCom } from '../../src/gescom/embedded/embedded-gescom.js';
import type { SalesDocument } from '../../src/gescom/model.js';
import type { JournalEntry } from '../../src/journal/journal.js';
import type { Profile } from '../../src/profile/schema.js';
import type { ShopPort } from '../../src/shops/port.js';
import { PsOrderSource } from '../../src/shops/prestashop/ps-orders.js';
import { sampleTemplate } from '../support/sample-template.js';
import { FakeWebservice } from './fake-webservice.js';
import { type PsHarness, settingsOf, startPs } from './support.js';

/** The shop of the run: the action's shopOf() answers with a port whose orders come from `current.ws`. */
const current = vi.hoisted(() => ({ ws: null as FakeWebservice | null, anonymous: [] as string[], shop: null as ShopPort | null }));
vi.mock('../../src/actions/shop-of.js', () => ({
  shopOf: (ctx: { profile: Profile; journal: { warning: (m: unknown) => void } }) => {
    // The real PsShop on the simulator, until the registry opens PrestaShop profiles by itself.
    if (current.shop) return current.shop;
    const p = ctx.profile;
    const source = new PsOrderSource({
      ws: current.ws!,
      settings: { language: p.general.language, timezone: 'Europe/Paris', prices: p.prices, articles: p.articles, customers: p.customers, orders: p.orders },
      options: { shopId: '1', kerawenAnonymousCustomerIds: current.anonymous },
      warn: (m) => ctx.journal.warning(m),
    });
    return {
      kind: 'prestashop',
      capabilities: { stockReducingOrderStatuses: ['paid', 'processing'] },
      orderSource: () => source,
      stats: () => current.ws!.stats(),
    } as unknown as ShopPort;
  },
}));

const template = sampleTemplate('passerelle-ps-orders-sample');
afterAll(() => template.remove());

/** total_paid_tax_incl of the recorded orders 1-5 (state 11). */
const TOTALS: Record<string, string> = { 1: '26.40', 2: '66.53', 3: '84.80', 4: '43.53', 5: '15.65' };
const PERIOD = { from: '2026-12-01', to: '2026-12-02' };

let dir: string;
let app: AppContext;
let db: string;

beforeEach(async () => {
  current.ws = new FakeWebservice();
  current.anonymous = [];
  current.shop = null;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-ps-orders-'));
  app = new AppContext(dir);
  fs.mkdirSync(app.dir.gescomDir, { recursive: true });
  fs.copyFileSync(await template.path(), path.join(app.dir.gescomDir, 'demo.db'));
  ({ db } = await demoInit(app, { shop: { kind: 'prestashop', url: 'http://127.0.0.1:9', prestashop: { key: 'PASSERELLESIMULATORKEY0000000000' } } }));
  const p = app.profiles.load('demo');
  app.profiles.save({
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
  });
});
afterEach(() => {
  app.close();
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

async function documents(): Promise<SalesDocument[]> {
  const g = EmbeddedGesCom.open(db);
  try {
    return await g.documents();
  } finally {
    g.close();
  }
}

describe('PrestaShop orders through the action runner', () => {
  test('orders 1-5 imported once each to the cent; the cancelled order 6 is not; a second run doubles nothing', async () => {
    const first = await run('orders.import');
    expect(first.record.status, first.lines.join('\n')).toBe('succeeded');
    expect(first.record.counts.orders).toMatchObject({ created: 5, failed: 0 });
    const docs = await documents();
    const byOrder = new Map(docs.filter((d) => d.shopOrderId).map((d) => [d.shopOrderId!, d]));
    expect([...byOrder.keys()].sort()).toEqual(['1', '2', '3', '4', '5']);
    for (const [id, total] of Object.entries(TOTALS)) {
      const d = byOrder.get(id)!;
      expect(d.totals.totalTtc, `order ${id}`).toBe(total);
      expect(d.type).toBe('invoice');
      expect(d.payments.map((p) => p.amount)).toEqual([total]);
    }
    expect(byOrder.get('2')!.payments[0]!.modeCode).toBe('CHQ');
    expect(byOrder.get('4')!.lines.some((l) => l.designation === 'Emballage cadeau')).toBe(true);
    expect(byOrder.get('5')!.totals.totalVat).toBe('0.00');
    // Reads only.
    expect(current.ws!.stats().writeRequests).toBe(0);

    const second = await run('orders.import');
    expect(second.record.status).toBe('succeeded');
    expect(second.record.counts.orders).toMatchObject({ created: 0, unchanged: 5 });
    expect((await documents()).filter((d) => d.shopOrderId).length).toBe(5);
  });

  test('an imported order cancelled in the shop afterwards is reported, its document left alone', async () => {
    // Order 6 as it was before its state changes: paid (11).
    const six = current.ws!.tables.get('orders')!.find((o) => o.id === 6)!;
    six.current_state = 11;
    await run('orders.import');
    expect((await documents()).some((d) => d.shopOrderId === '6')).toBe(true);
    six.current_state = 6;
    const r = await run('orders.import');
    expect(r.lines.join('\n')).toContain('commande AXRBJWIJG passée à « 6 » dans la boutique après son import');
    expect(r.record.counts.orders).toMatchObject({ skipped: 1 });
    expect((await documents()).filter((d) => d.shopOrderId === '6')).toHaveLength(1);
  });

  test('orders.status: order_histories to "Shipped" with the mail, and the document number as a private message', async () => {
    await run('orders.import');
    const docs = new Map((await documents()).filter((d) => d.shopOrderId).map((d) => [d.shopOrderId!, d.number]));
    const r = await run('orders.status', {});
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    const ws = current.ws!;
    const histories = ws.of('POST', 'order_histories');
    expect(histories.map((h) => h.body!.id_order).sort()).toEqual(['1', '2', '3', '4', '5']);
    for (const h of histories) {
      expect(h.body!.id_order_state).toBe('4');
      expect(h.params).toEqual({ sendemail: '1' });
    }
    const threads = new Map(ws.tables.get('customer_threads')!.map((t) => [String(t.id), String(t.id_order)]));
    const messages = ws.tables.get('customer_messages')!.map((m) => [threads.get(String(m.id_customer_thread)), m.message, m.private]);
    for (const [id, number] of docs) expect(messages).toContainEqual([id, expect.stringContaining(`Document de gestion commerciale : ${number}`), '1']);
    // Run again: nothing new to send.
    const writes = ws.stats().writeRequests;
    await run('orders.status', {});
    expect(ws.stats().writeRequests).toBe(writes);
  });

  test('KerAwen till sales on the anonymous account: one document for the day on the KERAWEN account', async () => {
    const ws = current.ws!;
    // Two till sales of 30 November on KerAwen's anonymous customer (9), a named web order the same day.
    ws.tables.get('customers')!.push({ id: 9, email: '', firstname: 'Client', lastname: 'Anonyme', is_guest: '0' });
    current.anonymous = ['9'];
    const till = { module: 'kerawen', payment: 'KerAwen', id_customer: 9, date_add: '2026-11-30 10:00:00', date_upd: '2026-11-30 10:00:00', invoice_date: '2026-11-30 10:00:00' };
    ws.cloneOrder(1, 7, 'KERAWEN07', till);
    ws.cloneOrder(4, 8, 'KERAWEN08', { ...till, date_add: '2026-11-30 16:30:00', date_upd: '2026-11-30 16:30:00' });
    ws.cloneOrder(2, 9, 'WEBORDER9', { date_add: '2026-11-30 11:00:00', date_upd: '2026-11-30 11:00:00' });
    const p = app.profiles.load('demo');
    app.profiles.save({
      ...p,
      orders: {
        ...p.orders,
        grouping: { ...p.orders.grouping, mode: 'anonymous', account: 'KERAWEN' },
        mappings: { ...p.orders.mappings, payments: [...p.orders.mappings.payments, { method: 'kerawen', currency: '', paymentMode: 'ESP', bankJournal: 'CAI', customerAccount: '', accountingAccount: '', createPayment: true }] },
      },
    });
    const r = await run('orders.import', { from: '2026-11-30', to: '2026-11-30' });
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    const docs = (await documents()).filter((d) => d.shopOrderId);
    const group = docs.find((d) => d.shopOrderId!.startsWith('GROUP'))!;
    expect(group.customerCode).toBe('KERAWEN');
    // 26.40 + 43.53 (orders 1 and 4 as till sales).
    expect(group.totals.totalTtc).toBe('69.93');
    const web = docs.find((d) => d.shopOrderId === '9')!;
    expect(web.customerCode).not.toBe('KERAWEN');
    expect(web.totals.totalTtc).toBe('66.53');
    expect(docs).toHaveLength(2);
  });

  describe('with PsShop on the PrestaShop simulator (seed: the recorded shop)', () => {
    let h: PsHarness;
    beforeEach(async () => {
      const p = app.profiles.load('demo');
      h = await startPs({ sim: { seed: 'fixtures' }, settings: { ...settingsOf(), orders: p.orders } });
      current.shop = h.shop;
    });
    afterEach(async () => {
      await h.close();
    });

    test('orders import: the five paid orders once each, to the cent, run twice; placed orders next run', async () => {
      const first = await run('orders.import');
      expect(first.record.status, first.lines.join('\n')).toBe('succeeded');
      expect(first.record.counts.orders).toMatchObject({ created: 5, failed: 0 });
      const totals = new Map((await documents()).filter((d) => d.shopOrderId).map((d) => [d.shopOrderId!, d.totals.totalTtc]));
      expect(Object.fromEntries(totals)).toEqual(TOTALS);
      expect(h.sim.stats.writeRequests).toBe(0);

      // A new paid order and one awaiting its cheque (state 1, not selected).
      const paid = h.sim.placeOrder({ customerId: 3, lines: [{ productId: 5, quantity: 2 }], date: '2026-12-01 18:00:00', module: 'ps_wirepayment', payment: 'Virement bancaire' });
      h.sim.placeOrder({ customerId: 2, lines: [{ productId: 3, quantity: 1 }], date: '2026-12-01 18:05:00', state: 1, module: 'ps_checkpayment', payment: 'Chèque' });
      const second = await run('orders.import');
      expect(second.record.counts.orders).toMatchObject({ created: 1, unchanged: 5 });
      const docs = (await documents()).filter((d) => d.shopOrderId);
      expect(docs.map((d) => d.shopOrderId).sort()).toEqual(['1', '2', '3', '4', '5', String(paid.id)].sort());
      expect(docs.find((d) => d.shopOrderId === String(paid.id))!.totals.totalTtc).toBe(Number(paid.total_paid_tax_incl).toFixed(2));
      const third = await run('orders.import');
      expect(third.record.counts.orders).toMatchObject({ created: 0, unchanged: 6 });
    });

    test('orders status: each order to "Shipped" with order_histories and its document number as a private message', async () => {
      await run('orders.import');
      const numbers = new Map((await documents()).filter((d) => d.shopOrderId).map((d) => [d.shopOrderId!, d.number]));
      const r = await run('orders.status', {});
      expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
      for (const [id, number] of numbers) {
        const o = h.sim.state.list('orders').find((x) => String(x.id) === id)!;
        expect(String(o.current_state), `order ${id}`).toBe('4');
        const thread = h.sim.state.list('customer_threads').find((t) => String(t.id_order) === id)!;
        const texts = h.sim.state.list('customer_messages').filter((m) => String(m.id_customer_thread) === String(thread.id)).map((m) => m.message);
        // With orderStatus.copyDocumentNumber (the demo profile's) the note follows the number in the same message.
        expect(texts).toEqual([`Document de gestion commerciale : ${number}\nPièce ${number}`]);
      }
      // The cancelled order 6 untouched.
      expect(String(h.sim.state.list('orders').find((x) => String(x.id) === '6')!.current_state)).toBe('6');
    });
  });
});
