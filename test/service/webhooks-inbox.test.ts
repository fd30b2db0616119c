/**
 * The webhook inbox on the real service (buildServer listening on 127.0.0.1) with the WooCommerce
 * simulator (the recorded French shop) and the sample company: recorded deliveries, ping, bad
 * signatures, repeats, real deliveries of orders placed in the shop down to the GesCom document,
 * bursts joined into one run, lost deliveries caught by the scheduled import.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ShopPort } from '../../src/shops/port.js';
import { registerWebhooks } from '../../src/service/webhook-subscriptions.js';
import { webhookStates } from '../../src/service/webhook-check.js';
import { webhookDeliveries } from '../../src/service/metrics.js';
import { paidOrderBody, PERIOD, removeSampleDb } from '../orders/support-orders.js';
import { HooksEnv, recorded, sendable } from './support-webhooks.js';

afterAll(() => removeSampleDb());

const HOOK = '/hooks/woocommerce/demo';

let env: HooksEnv;
beforeEach(async () => {
  env = await HooksEnv.start();
});
afterEach(async () => {
  await env.close();
});

/** Webhooks on for the demo profile with the given secret, as `webhooks register` leaves them. */
function enable(secret: string): void {
  env.orders.editProfile((p) => ({ ...p, webhooks: { ...p.webhooks, enabled: true, publicUrl: env.url, secret } }));
}

describe('the inbox, with the recorded deliveries', { timeout: 60_000 }, () => {
  it('the recorded order.created delivery is verified, answered and imported once; the same delivery again imports nothing', async () => {
    enable(recorded.secret());
    const first = await env.deliver(HOOK, recorded.orderBody(), sendable(recorded.orderHeaders()));
    expect(first).toEqual({ status: 200, body: { received: 'order' } });
    await env.settle();
    const docs = await env.documentsOf(421);
    expect(docs).toHaveLength(1);
    // Order 421 of the recording: one AR0003 and Colissimo 4.90, 10.12 all taxes included.
    expect(docs[0]!.totals.totalTtc).toBe('10.12');

    const again = await env.deliver(HOOK, recorded.orderBody(), sendable(recorded.orderHeaders()));
    expect(again).toEqual({ status: 200, body: { received: 'duplicate' } });
    await env.settle();
    expect(await env.documentsOf(421)).toHaveLength(1);
    const runs = env.listedRuns();
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: 'succeeded', params: { orderIds: ['421'] }, counts: { orders: expect.objectContaining({ created: 1 }) } });
    // Both deliveries counted in /metrics by outcome.
    const counted = (await webhookDeliveries.get()).values.filter((v) => v.labels.profile === 'demo' && v.labels.kind === 'woocommerce');
    expect(counted.find((v) => v.labels.outcome === 'order')?.value).toBeGreaterThanOrEqual(1);
    expect(counted.find((v) => v.labels.outcome === 'duplicate')?.value).toBeGreaterThanOrEqual(1);
  });

  it('the ping (form body, no signature) gets 200 and queues nothing', async () => {
    enable(recorded.secret());
    const res = await env.deliver(HOOK, recorded.pingBody(), sendable(recorded.pingHeaders()));
    expect(res).toEqual({ status: 200, body: { received: 'ping' } });
    await env.settle();
    expect(env.app.state.runs('demo')).toHaveLength(0);
  });

  it('a bad or missing signature gets 401, is journalled in the profile journal, and imports nothing', async () => {
    enable('another-secret-than-the-shops');
    const bad = await env.deliver(HOOK, recorded.orderBody(), sendable(recorded.orderHeaders()));
    expect(bad.status).toBe(401);
    expect(bad.body).toMatchObject({ error: 'BadSignature' });
    const { 'x-wc-webhook-signature': _s, ...unsigned } = sendable(recorded.orderHeaders());
    expect((await env.deliver(HOOK, recorded.orderBody(), unsigned)).status).toBe(401);
    await env.settle();
    expect(env.app.state.runs('demo')).toHaveLength(0);
    expect(await env.documentsOf(421)).toHaveLength(0);
    const lines = env.journal().split('\n').filter((l) => l.includes('webhook woocommerce refusé'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('livraison 1d4f7db7f810a6dfd6b7498b895b7b61');
    // The secret itself is never journalled.
    expect(env.journal()).not.toContain('another-secret-than-the-shops');
  });

  it('404 for an unknown profile, another shop kind, or a profile whose webhooks are off', async () => {
    const body = recorded.orderBody();
    const headers = sendable(recorded.orderHeaders());
    expect((await env.deliver('/hooks/woocommerce/nobody', body, headers)).status).toBe(404);
    expect((await env.deliver(HOOK, body, headers)).status).toBe(404); // webhooks not enabled yet
    enable(recorded.secret());
    expect((await env.deliver('/hooks/prestashop/demo', body, headers)).status).toBe(404);
    expect((await env.deliver(HOOK, body, headers)).status).toBe(200);
    await env.settle();
  });

  it('the raw-body parser is scoped to /hooks: /api still parses JSON', async () => {
    const res = await fetch(`${env.url}/api/runs`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ profile: 'demo', action: 'gescom.check' }),
    });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ profile: 'demo', action: 'gescom.check' });
    await new Promise((r) => setTimeout(r, 200));
  });
});

describe('real deliveries from the shop', { timeout: 120_000 }, () => {
  it('register: the shop pings the service; an order placed in the shop becomes its GesCom document, totals equal', async () => {
    const reg = await registerWebhooks(env.app, 'demo', env.url);
    expect(reg.deliveryUrl).toBe(`${env.url}${HOOK}`);
    const hooks = env.sim.state.webhooks.list();
    expect(hooks.map((w) => [w.topic, w.status, w.deliveryUrl]).sort()).toEqual([
      ['order.created', 'active', `${env.url}${HOOK}`], ['order.updated', 'active', `${env.url}${HOOK}`],
    ]);
    // The pings WooCommerce sends at creation were answered 200.
    expect(env.sim.state.webhookDeliveries.filter((d) => d.topic === 'ping').map((d) => d.status)).toEqual([200, 200]);
    // The generated secret is the shop's, and stored encrypted in the profile file.
    const secret = env.orders.profile().webhooks.secret;
    expect(secret.length).toBeGreaterThanOrEqual(32);
    expect(hooks.every((w) => w.secret === secret)).toBe(true);
    expect(fs.readFileSync(path.join(env.app.dir.profilesDir, 'demo.json'), 'utf8')).not.toContain(secret);
    expect(webhookStates(env.app)).toEqual([expect.objectContaining({ profile: 'demo', mode: 'webhooks', deliveryUrl: `${env.url}${HOOK}` })]);

    const started = Date.now();
    const order = await env.orders.placeOrder(paidOrderBody({ line_items: [{ product_id: 406, quantity: 3 }] }));
    await env.settle();
    const delay = Date.now() - started;
    process.stdout.write(`webhook: order ${order.id} placed -> GesCom document in ${delay} ms\n`);
    const delivered = env.sim.state.webhookDeliveries.filter((d) => d.topic === 'order.created');
    expect(delivered.map((d) => d.status)).toEqual([200]);
    expect(delivered[0]!.headers['X-WC-Webhook-Signature']).toBeTruthy();
    const docs = await env.documentsOf(order.id);
    expect(docs).toHaveLength(1);
    expect(docs[0]!.totals.totalTtc).toBe(order.total);
    expect(docs[0]!.lines.filter((l) => l.articleCode === 'AR0003').map((l) => l.quantity)).toEqual(['3']);
    expect(env.listedRuns().map((r) => r.params.orderIds)).toEqual([[String(order.id)]]);
  });

  it('orders of one second share WooCommerce\'s delivery id: each is imported all the same', async () => {
    await registerWebhooks(env.app, 'demo', env.url);
    const a = await env.orders.placeOrder(paidOrderBody());
    const b = await env.orders.placeOrder(paidOrderBody({ line_items: [{ product_id: 407, quantity: 1 }] }));
    await env.settle();
    expect(await env.documentsOf(a.id)).toHaveLength(1);
    expect(await env.documentsOf(b.id)).toHaveLength(1);
  });

  it('deliveries arriving while the profile is busy join one waiting run', async () => {
    await registerWebhooks(env.app, 'demo', env.url);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    // A run of the profile held on the shop's first order read until the orders are placed.
    const busy = env.app.queue.dispatch({
      profile: 'demo', action: 'orders.import', params: { orderIds: ['413'] }, trigger: 'test',
      options: { onStarted: () => started(), wrapShop: (shop) => heldOnOrderRead(shop, gate) },
    });
    await running;
    const placed = [];
    for (const line of [406, 407, 406]) placed.push(await env.orders.placeOrder(paidOrderBody({ line_items: [{ product_id: line, quantity: 1 }] })));
    await env.sim.flushWebhooks();
    open();
    await busy;
    await env.settle();
    const webhookRuns = env.listedRuns().filter((r) => !(r.params.orderIds as string[]).includes('413'));
    expect(webhookRuns).toHaveLength(1);
    expect([...(webhookRuns[0]!.params.orderIds as string[])].sort()).toEqual(placed.map((o) => String(o.id)).sort());
    expect(webhookRuns[0]!.counts.orders).toMatchObject({ created: 3 });
    for (const o of placed) expect(await env.documentsOf(o.id)).toHaveLength(1);
  });

  it('a lost delivery is picked up by the scheduled import: exactly one document, the webhook\'s and the schedule\'s together', async () => {
    await registerWebhooks(env.app, 'demo', env.url);
    env.sim.webhookFaults.add({ kind: 'drop', times: 1, topic: 'order.created' });
    const lost = await env.orders.placeOrder(paidOrderBody());
    await env.settle();
    expect(env.sim.state.webhookDeliveries.filter((d) => d.topic === 'order.created').map((d) => d.error)).toEqual(['dropped (fault)']);
    expect(await env.documentsOf(lost.id)).toHaveLength(0);
    const delivered = await env.orders.placeOrder(paidOrderBody({ line_items: [{ product_id: 407, quantity: 2 }] }));
    await env.settle();
    expect(await env.documentsOf(delivered.id)).toHaveLength(1);

    // The scheduled import, as the scheduler runs it.
    const scheduled = await env.app.queue.dispatch({ profile: 'demo', action: 'orders.import', params: { ...PERIOD }, trigger: 'schedule' });
    expect(scheduled.status).toBe('succeeded');
    expect(await env.documentsOf(lost.id)).toHaveLength(1);
    expect(await env.documentsOf(delivered.id)).toHaveLength(1);
    for (const [id, n] of env.orders.documentsPerOrder()) expect(n, `order ${id}`).toBe(1);
  });
});

describe('a profile busy outside the queue (a CLI run holds its lock)', { timeout: 60_000 }, () => {
  it('the webhook import waits for the lock, joined by the deliveries arriving meanwhile, then imports them in one run', async () => {
    await registerWebhooks(env.app, 'demo', env.url);
    env.app.queue.lockRetryMs = 50;
    const held = env.app.state.startRun('demo', 'products.export');
    const a = await env.orders.placeOrder(paidOrderBody());
    await env.sim.flushWebhooks();
    await new Promise((r) => setTimeout(r, 200));
    const b = await env.orders.placeOrder(paidOrderBody({ line_items: [{ product_id: 407, quantity: 1 }] }));
    await env.sim.flushWebhooks();
    expect(await env.documentsOf(a.id)).toHaveLength(0);
    env.app.state.finishRun(held, 'succeeded');
    await env.settle();
    expect(await env.documentsOf(a.id)).toHaveLength(1);
    expect(await env.documentsOf(b.id)).toHaveLength(1);
    expect(env.listedRuns().map((r) => r.params.orderIds)).toEqual([[String(a.id), String(b.id)]]);
  });

  it('the service stopping before the run could start: the orders are left to the scheduled import, journalled', async () => {
    await registerWebhooks(env.app, 'demo', env.url);
    env.app.queue.lockRetryMs = 50;
    const held = env.app.state.startRun('demo', 'products.export');
    const order = await env.orders.placeOrder(paidOrderBody());
    await env.sim.flushWebhooks();
    await env.app.queue.stop('SIGTERM');
    await env.inbox.idle();
    expect(await env.documentsOf(order.id)).toHaveLength(0);
    expect(env.journal()).toContain(`commandes ${order.id} reçues par webhook laissées à l'import planifié`);
    env.app.state.finishRun(held, 'succeeded');
    // The next start's scheduled import (here run directly: this queue is stopped).
    await env.orders.import(PERIOD);
    expect(await env.documentsOf(order.id)).toHaveLength(1);
  });
});

/** The shop of a run whose single-order reads wait for the gate. */
function heldOnOrderRead(shop: ShopPort, gate: Promise<void>): ShopPort {
  return new Proxy(shop, {
    get(target, key) {
      if (key === 'orderSource') {
        return () => {
          const source = target.orderSource();
          if (!source) return source;
          return new Proxy(source, {
            get(s, k) {
              if (k === 'order') return async (id: string) => { await gate; return s.order(id); };
              const v = Reflect.get(s, k, s) as unknown;
              return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(s) : v;
            },
          });
        };
      }
      const v = Reflect.get(target, key, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
