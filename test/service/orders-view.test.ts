/**
 * The orders view's routes (GET/POST /api/profiles/:name/orders…) through the service, on the sample
 * company and the WooCommerce simulator: the state of each order of a period before and after
 * importing (document numbers and the GesCom's own totals), a failing order's reason, a preview that
 * writes nothing, and reset then re-import without a second document (exactly once).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/service/server.js';
import type { ApiOrderRow, ApiOrdersList, ApiOrdersPreview, ApiOrdersReimport, ApiOrdersReset } from '../../src/service/api-types-orders.js';
import { until } from '../support/until.js';
import { orderScopeOf } from '../../src/shops/identity.js';
import { ON_HOLD_ORDERS, OrdersEnv, PAID_ORDERS, paidOrderBody, PERIOD, removeSampleDb } from '../orders/support-orders.js';

let env: OrdersEnv;
let server: FastifyInstance;

beforeAll(async () => {
  env = await OrdersEnv.start();
  server = buildServer({ app: env.app }).server;
}, 60_000);

afterAll(async () => {
  await server?.close();
  await env?.close();
  removeSampleDb();
});

const list = async (query: string = `from=${PERIOD.from}&to=${PERIOD.to}`, lang = 'fr') => {
  const res = await server.inject({ method: 'GET', url: `/api/profiles/demo/orders?${query}`, headers: { 'accept-language': lang } });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<ApiOrdersList>();
};
const row = (l: ApiOrdersList, id: string | number): ApiOrderRow => {
  const r = l.orders.find((o) => o.id === String(id));
  if (!r) throw new Error(`order ${id} not listed: ${l.orders.map((o) => o.id).join(', ')}`);
  return r;
};
const post = (what: string, payload: object, lang = 'fr') =>
  server.inject({ method: 'POST', url: `/api/profiles/demo/orders/${what}`, payload, headers: { 'accept-language': lang } });
const runEnded = (id: number) => until(`run ${id}`, () => env.app.state.run(id)?.status !== 'running');

describe('the orders view', { timeout: 120_000 }, () => {
  it('lists the period before importing: paid orders not imported yet, on-hold ones excluded by the status option; amounts as strings', async () => {
    const l = await list();
    expect(l.orders.map((o) => o.id).sort()).toEqual([...PAID_ORDERS, ...ON_HOLD_ORDERS].sort());
    for (const id of PAID_ORDERS) {
      const r = row(l, id);
      expect(r).toMatchObject({ here: 'notImported', reason: 'pas encore importée', documents: [], totalsMatch: null });
      expect(r.totalTtc).toBe((await env.order(id)).total);
      expect(typeof r.totalTtc).toBe('string');
    }
    for (const id of ON_HOLD_ORDERS) {
      expect(row(l, id)).toMatchObject({ here: 'excluded', shopStatus: 'on-hold', field: 'orders.statusMapping' });
      expect(row(l, id).reason).toContain('« on-hold » non sélectionné');
    }
    expect(l.statuses).toEqual(expect.arrayContaining(['on-hold', 'processing']));
    // The status filter, and the English reason.
    const onHold = await list(`from=${PERIOD.from}&to=${PERIOD.to}&status=on-hold`, 'en');
    expect(onHold.orders.map((o) => o.id).sort()).toEqual([...ON_HOLD_ORDERS].sort());
    expect(onHold.orders[0]!.reason).toBe('status "on-hold" is not selected for import (option orders.statusMapping)');
  });

  it('after an import: each paid order shows its document number and the totals the GesCom holds', async () => {
    await env.import();
    const docs = await env.documents();
    const l = await list();
    for (const id of PAID_ORDERS) {
      const doc = docs.find((d) => d.shopOrderId === id)!;
      expect(row(l, id)).toMatchObject({
        here: 'imported', reason: null, totalsMatch: true,
        documents: [{ number: doc.number, type: doc.type, totalHt: doc.totals.totalHt, totalVat: doc.totals.totalVat, totalTtc: doc.totals.totalTtc, due: doc.totals.due }],
      });
    }
    expect(row(l, ON_HOLD_ORDERS[0]).here).toBe('excluded');
  });

  it('an order that fails shows the reason the run gave, naming the option', async () => {
    const put = await env.sim.request('PUT', '/wc/v3/settings/general/woocommerce_currency', { value: 'USD' });
    expect(put.status).toBe(200);
    const usd = await env.placeOrder(paidOrderBody({ customer_id: 0, billing: { ...(paidOrderBody().billing as object), email: 'sam.usd@example.com' } }));
    await env.sim.request('PUT', '/wc/v3/settings/general/woocommerce_currency', { value: 'EUR' });
    const r = await env.import();
    expect(r.record.counts.orders?.failed).toBe(1);
    const failed = row(await list(), usd.id);
    expect(failed).toMatchObject({ here: 'failed', field: 'orders.mappings.currencies', runId: r.record.id, currency: 'USD', documents: [] });
    expect(failed.reason).toBe(`dernier essai (traitement ${r.record.id}) : commande en USD : aucune devise de la gestion commerciale pour USD `
      + "(la société tient ses comptes en EUR) ; ajoutez USD à l'option orders.mappings.currencies");
    expect(row(await list(undefined, 'en'), usd.id).reason).toContain('last attempt (run');
  });

  it('preview: the document an order would make, with its lines and totals, and nothing written', async () => {
    const placed = await env.placeOrder(paidOrderBody());
    const before = (await env.documents()).length;
    const res = await post('preview', { ids: [String(placed.id)] });
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json<ApiOrdersPreview>();
    expect(p.status).toBe('succeeded');
    expect(p.documents).toHaveLength(1);
    const doc = p.documents[0]!;
    expect(doc).toMatchObject({ shopOrderId: String(placed.id), type: 'invoice' });
    expect(doc.lines.map((l) => l.articleCode)).toContain('AR0003');
    expect(doc.totals.totalTtc).toBe(placed.total);
    expect(env.app.state.run(p.runId)?.preview).toBe(true);
    // Nothing written: no document, no record, the row still not imported.
    expect((await env.documents()).length).toBe(before);
    expect(env.app.state.transferredOrder('demo', String(placed.id))).toBeNull();
    expect(row(await list(), placed.id).here).toBe('notImported');

    // Re-import from the view: a run, followed to its end, then the row shows its document.
    const started = await post('reimport', { ids: [String(placed.id)] });
    expect(started.statusCode, started.body).toBe(202);
    const { runId, journal } = started.json<ApiOrdersReimport>();
    expect(journal).toBe(`/api/runs/${runId}/journal`);
    await runEnded(runId);
    const made = (await env.documents()).find((d) => d.shopOrderId === String(placed.id))!;
    expect(made.totals.totalTtc).toBe(placed.total);
    // The preview said what the import did: same lines and totals.
    expect(made.lines.map((l) => [l.articleCode, l.quantity, l.totalTtc])).toEqual(doc.lines.map((l) => [l.articleCode, l.quantity, l.totalTtc]));
    expect(row(await list(), placed.id)).toMatchObject({ here: 'imported', totalsMatch: true, documents: [{ number: made.number, totalTtc: made.totals.totalTtc }] });
  });

  it('reset then re-import: the order is recorded again with the same document, never a second one; a deleted document is made anew', async () => {
    const id = PAID_ORDERS[0];
    const number = (await env.documents()).find((d) => d.shopOrderId === id)!.number;
    const res = await post('reset', { ids: [id, '999999'] });
    expect(res.statusCode, res.body).toBe(200);
    const reset = res.json<ApiOrdersReset>();
    expect(reset).toMatchObject({ count: 1, reset: [id], notRecorded: ['999999'], gescomChecked: true, stillInGesCom: [{ orderId: id, documentNumber: number }] });
    expect(reset.stillInGesCom[0]!.message).toContain(`la pièce ${number} est toujours dans la GesCom`);
    expect(env.app.state.transferredOrder('demo', id)).toBeNull();
    expect(row(await list(), id)).toMatchObject({ here: 'inGesCom', documents: [{ number }] });

    const again = await post('reimport', { ids: [id] });
    expect(again.statusCode, again.body).toBe(202);
    await runEnded(again.json<ApiOrdersReimport>().runId);
    expect(env.documentsPerOrder().get(id)).toBe(1);
    expect(row(await list(), id)).toMatchObject({ here: 'imported', documents: [{ number }] });
    // The CLI's `orders reset` is the same function and says the same.
    const cli = await env.cli(['orders', 'reset', '--ids', id, '--profile', 'demo']);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout.split('\n').slice(0, 2)).toEqual(['1 commande(s) réinitialisée(s)', reset.stillInGesCom[0]!.message]);
    expect(row(await list(), id).here).toBe('inGesCom');
    await runEnded(((await post('reimport', { ids: [id] })).json<ApiOrdersReimport>()).runId);

    // Deleted in the GesCom and reset: imported again as a new document, once.
    env.deleteDocument(number);
    expect((await post('reset', { ids: [id] })).json<ApiOrdersReset>()).toMatchObject({ count: 1, stillInGesCom: [] });
    const third = await post('reimport', { ids: [id] });
    await runEnded(third.json<ApiOrdersReimport>().runId);
    expect(env.documentsPerOrder().get(id)).toBe(1);
    const fresh = (await env.documents()).find((d) => d.shopOrderId === id)!;
    expect(fresh.number).not.toBe(number);
    expect(row(await list(), id)).toMatchObject({ here: 'imported', documents: [{ number: fresh.number }] });

    // ALL: every record of the shop goes; each order whose document is still there is named.
    const recorded = env.app.state.transferredOrders(orderScopeOf(env.profile())).map((t) => t.shopOrderId).sort();
    const all = (await post('reset', { all: true })).json<ApiOrdersReset>();
    expect(all).toMatchObject({ count: recorded.length, notRecorded: [] });
    expect(all.reset.sort()).toEqual(recorded);
    expect(all.stillInGesCom.map((s) => s.orderId).sort()).toEqual(recorded);
    expect(env.app.state.transferredOrders(orderScopeOf(env.profile()))).toEqual([]);
  });

  it('an order claimed by a run that never finished, and a guest order waiting for its day\'s group, say so', async () => {
    const claimed = await env.placeOrder(paidOrderBody());
    env.app.state.claimOrder(orderScopeOf(env.profile()), String(claimed.id), null);
    expect(row(await list(), claimed.id)).toMatchObject({ here: 'importing', documents: [] });
    expect(row(await list(), claimed.id).reason).toContain('import commencé sans être terminé');
    const mode = env.profile().orders.grouping.mode;
    env.editProfile((p) => ({ ...p, orders: { ...p.orders, grouping: { ...p.orders.grouping, mode: 'guest' } } }));
    try {
      const guest = await env.placeOrder(paidOrderBody({ customer_id: 0 }));
      expect(row(await list(), guest.id)).toMatchObject({ here: 'grouped', field: 'orders.grouping.mode' });
    } finally {
      env.editProfile((p) => ({ ...p, orders: { ...p.orders, grouping: { ...p.orders.grouping, mode } } }));
    }
  });

  it('bad input is refused naming the field; a shop that does not answer is a 502 with its words', async () => {
    const none = await post('reset', {});
    expect(none.statusCode).toBe(400);
    expect(none.json()).toMatchObject({ field: 'ids', entity: 'orders reset' });
    expect((await post('preview', { ids: [] })).statusCode).toBe(400);
    const badDay = await server.inject({ method: 'GET', url: '/api/profiles/demo/orders?from=2026-13-45', headers: { 'accept-language': 'en' } });
    expect(badDay.statusCode).toBe(400);
    expect(badDay.json()).toMatchObject({ field: 'from' });
    expect((await server.inject({ method: 'GET', url: '/api/profiles/nobody/orders' })).statusCode).toBe(404);

    const url = env.profile().shop.url;
    env.editProfile((p) => ({ ...p, shop: { ...p.shop, url: 'http://127.0.0.1:9' } }));
    try {
      const res = await server.inject({ method: 'GET', url: `/api/profiles/demo/orders?from=${PERIOD.from}&to=${PERIOD.to}`, headers: { 'accept-language': 'en' } });
      expect(res.statusCode, res.body).toBe(502);
      expect(res.json<{ error: string; message: string }>()).toMatchObject({ error: 'HttpError' });
      expect(res.json<{ message: string }>().message).toMatch(/127\.0\.0\.1:9/);
    } finally {
      env.editProfile((p) => ({ ...p, shop: { ...p.shop, url } }));
    }
  });
});
