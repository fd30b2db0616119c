/** CMD-14 and CMD-15 through the import action: a day's guest orders in one document, read the next day. */
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { EmbeddedGesCom } from '../../src/gescom/embedded/embedded-gescom.js';
import { OrdersEnv, PERIOD, removeSampleDb } from './support-orders.js';

let env: OrdersEnv;
beforeEach(async () => {
  env = await OrdersEnv.start();
  env.editProfile((p) => ({ ...p, orders: { ...p.orders, grouping: { ...p.orders.grouping, mode: 'guest', account: 'KERAWEN', groupLines: true } } }));
});
afterEach(async () => env.close());
afterAll(() => removeSampleDb());

async function documents() {
  const g = EmbeddedGesCom.open(env.db);
  try {
    return await g.documents();
  } finally {
    g.close();
  }
}

describe('grouping of the guest orders of a day (CMD-14)', () => {
  test('on the day itself the guest orders wait; the next day they become one document on the grouping account', async () => {
    // The fixture orders were placed on 2026-11-28: a run that day imports the registered ones only.
    const sameDay = await env.import(PERIOD, { now: () => new Date('2026-11-28T20:00:00Z') });
    expect(sameDay.record.status).toBe('succeeded');
    let docs = await documents();
    expect(docs.map((d) => d.shopOrderId).sort()).toEqual(['413', '415', '417', '419', '421']);
    expect(sameDay.lines.some((l) => /414.*importée demain/.test(l))).toBe(true);

    const nextDay = await env.import(PERIOD, { now: () => new Date('2026-11-29T08:00:00Z') });
    expect(nextDay.record.status).toBe('succeeded');
    docs = await documents();
    const group = docs.find((d) => d.shopOrderId?.startsWith('GROUP-2026-11-28'));
    expect(group).toBeDefined();
    expect(group!.customerCode).toBe('KERAWEN');
    expect(docs).toHaveLength(6);
    // Both guest orders (414 and 418) are recorded as transferred into that one document.
    const transferred = env.app.state.transferredOrders('demo');
    expect(transferred.filter((t) => t.documentNumber === group!.number).map((t) => t.shopOrderId).sort()).toEqual(['414', '418']);

    // Exactly once: a third run writes nothing.
    await env.import(PERIOD, { now: () => new Date('2026-11-29T09:00:00Z') });
    expect(await documents()).toHaveLength(6);
  });

  test('without a grouping account the group fails, naming the option, and nothing is written for it', async () => {
    env.editProfile((p) => ({ ...p, orders: { ...p.orders, grouping: { ...p.orders.grouping, account: '' } } }));
    const r = await env.import(PERIOD, { now: () => new Date('2026-11-29T08:00:00Z') });
    expect(r.lines.some((l) => l.includes('orders.grouping.account'))).toBe(true);
    expect((await documents()).some((d) => d.shopOrderId?.startsWith('GROUP-'))).toBe(false);
  });
});

describe('orders repair (CMD-13 "Réparer les clés")', () => {
  test('records every GesCom document carrying a shop order id, and lists orders whose document is gone', async () => {
    await env.import(PERIOD, { now: () => new Date('2026-11-28T20:00:00Z') });
    const before = env.app.state.transferredOrders('demo').length;
    env.app.state.db.prepare("DELETE FROM transferred_orders WHERE shop_order_id = '413'").run();
    env.app.state.markOrderImported('demo', '999', 'FA09999', 'invoice', 'processing');
    const r = await env.run('orders.repair');
    expect(r.record.counts.orders).toMatchObject({ updated: 1, skipped: 1 });
    expect(env.app.state.transferredOrder('demo', '413')?.documentNumber).toMatch(/^FA/);
    expect(r.lines.some((l) => l.includes('999') && l.includes('FA09999'))).toBe(true);
    expect(env.app.state.transferredOrders('demo').length).toBe(before + 1);
  });
});
