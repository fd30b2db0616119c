/**
 * The service's subscription check (a webhook the shop disabled after failed deliveries, or lost,
 * is registered again with an alert and a journal line), the profiles that stay on the scheduled
 * import and how the service says so, and orders.import with `orderIds`.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { WebhookCheck, webhookStates } from '../../src/service/webhook-check.js';
import { registerWebhooks, removeWebhooks } from '../../src/service/webhook-subscriptions.js';
import { render } from '../../src/i18n/catalogue.js';
import { ordersCount, paidOrderBody, PERIOD, removeSampleDb } from '../orders/support-orders.js';
import { HooksEnv } from './support-webhooks.js';

afterAll(() => removeSampleDb());

const HOOK = '/hooks/woocommerce/demo';

let env: HooksEnv;
beforeEach(async () => {
  env = await HooksEnv.start();
});
afterEach(async () => {
  await env.close();
});

function createdHook() {
  return env.sim.state.webhooks.list().find((w) => w.topic === 'order.created')!;
}

describe('the subscription check', { timeout: 120_000 }, () => {
  it('a webhook WooCommerce disabled after failed deliveries is registered again, with an alert and a journal line; the orders missed are imported by the schedule', async () => {
    await registerWebhooks(env.app, 'demo', env.url);
    const first = createdHook();
    // The service unreachable from the shop for a while: every order.created delivery fails.
    env.sim.webhookFaults.add({ kind: 'fail', topic: 'order.created', times: 7 });
    const missed = [];
    for (let i = 0; i < 7; i++) {
      missed.push(await env.orders.placeOrder(paidOrderBody()));
      await env.sim.flushWebhooks();
      // WC_Webhook: counted up to 6, the 7th consecutive failure disables.
      expect(first.status, `after failure ${i + 1}`).toBe(i < 6 ? 'active' : 'disabled');
    }
    const check = new WebhookCheck(env.app);
    const result = await check.checkProfile('demo');
    expect(result?.topics).toEqual([
      { topic: 'order.created', found: 'disabled', action: 'reregistered' },
      { topic: 'order.updated', found: 'active', action: 'none' },
    ]);
    expect(env.alerts).toEqual([expect.objectContaining({ profile: 'demo', code: 'webhook.reregistered' })]);
    expect(render(env.alerts[0]!.text, 'en')).toBe(`webhook order.created disabled by the shop: registered again (${env.url}${HOOK})`);
    expect(env.journal()).toContain('webhook order.created désactivé par la boutique : enregistré à nouveau');
    // The disabled one is gone, a new active one delivers to the service with the profile's secret.
    const now = createdHook();
    expect(env.sim.state.webhooks.get(first.id)).toBeUndefined();
    expect(now).toMatchObject({ status: 'active', deliveryUrl: `${env.url}${HOOK}`, secret: env.orders.profile().webhooks.secret });

    const next = await env.orders.placeOrder(paidOrderBody());
    await env.settle();
    expect(await env.documentsOf(next.id)).toHaveLength(1);
    for (const o of missed) expect(await env.documentsOf(o.id)).toHaveLength(0);
    const scheduled = await env.app.queue.dispatch({ profile: 'demo', action: 'orders.import', params: { ...PERIOD }, trigger: 'schedule' });
    expect(scheduled.status).toBe('succeeded');
    for (const o of [...missed, next]) expect(await env.documentsOf(o.id)).toHaveLength(1);

    // A second check finds everything in order: nothing done, no new alert.
    expect((await check.checkProfile('demo'))?.topics.every((t) => t.action === 'none')).toBe(true);
    expect(env.alerts).toHaveLength(1);
  });

  it('a webhook deleted in the shop is registered again (alert webhook.restored); a paused one is left paused', async () => {
    await registerWebhooks(env.app, 'demo', env.url);
    const updated = env.sim.state.webhooks.list().find((w) => w.topic === 'order.updated')!;
    expect((await env.sim.request('DELETE', `/wc/v3/webhooks/${updated.id}`, undefined, { force: 'true' })).status).toBe(200);
    expect((await env.sim.request('PUT', `/wc/v3/webhooks/${createdHook().id}`, { status: 'paused' })).status).toBe(200);
    const check = new WebhookCheck(env.app);
    const result = await check.checkProfile('demo');
    expect(result?.topics).toEqual([
      { topic: 'order.created', found: 'paused', action: 'none' },
      { topic: 'order.updated', found: 'missing', action: 'registered' },
    ]);
    await check.checkProfile('demo');
    expect(env.journal().split('\n').filter((l) => l.includes('mis en pause dans la boutique'))).toHaveLength(1);
    expect(env.alerts.map((a) => a.code)).toEqual(['webhook.restored']);
    expect(env.sim.state.webhooks.list().map((w) => [w.topic, w.status]).sort()).toEqual([['order.created', 'paused'], ['order.updated', 'active']]);
    expect(env.journal()).toContain('webhook order.created mis en pause dans la boutique');
  });

  it('a shop that cannot be reached: the check says so once (alert), the state shows the error', async () => {
    await registerWebhooks(env.app, 'demo', env.url);
    env.sim.faults.add({ match: 'webhooks', times: 100, kind: 'status5xx', status: 503 });
    const check = new WebhookCheck(env.app);
    expect(await check.checkProfile('demo')).toBeNull();
    expect(await check.checkProfile('demo')).toBeNull();
    expect(env.alerts.map((a) => a.code)).toEqual(['webhook.checkFailed']);
    expect(check.last.get('demo')?.error).toContain('vérification des webhooks impossible');
    env.sim.faults.clear();
  });
});

describe('register', { timeout: 60_000 }, () => {
  it('a shop refusing the new subscriptions leaves the secret the shop\'s subscriptions sign with', async () => {
    await registerWebhooks(env.app, 'demo', env.url);
    const before = env.app.profiles.load('demo').webhooks.secret;
    env.sim.faults.add({ match: (m, p) => m === 'POST' && p.endsWith('/webhooks'), times: 100, kind: 'status5xx', status: 503 });
    await expect(registerWebhooks(env.app, 'demo', env.url)).rejects.toThrow();
    env.sim.faults.clear();
    expect(env.app.profiles.load('demo').webhooks.secret).toBe(before);
  });
});

describe('profiles on the scheduled import only', { timeout: 60_000 }, () => {
  it('the service says how each profile\'s orders arrive: at start and in /api/health', async () => {
    const demo = env.orders.profile();
    env.app.profiles.create({ ...demo, name: 'ps', shop: { ...demo.shop, kind: 'prestashop', identity: '', url: 'http://127.0.0.1:9/shop', prestashop: { key: 'K'.repeat(32) } } });
    env.app.profiles.create({ ...demo, name: 'nourl', shop: { ...demo.shop, identity: '' }, webhooks: { ...demo.webhooks, enabled: true, publicUrl: '', secret: 's3cret-s3cret' } });
    const check = new WebhookCheck(env.app);
    const lines = check.start().map((t) => render(t, 'en'));
    check.stop();
    expect(lines).toEqual([
      'profile demo: webhooks not enabled (passerelle webhooks register); scheduled import only',
      'profile nourl: no public address (webhooks.publicUrl); the shop cannot reach the service, scheduled import only',
      'profile ps: prestashop shops have no webhooks; their orders come by the scheduled import only',
    ]);
    const health = await (await fetch(`${env.url}/api/health`)).json() as { webhooks: unknown };
    expect(health.webhooks).toEqual([
      { profile: 'demo', shop: 'woocommerce', mode: 'polling', reason: 'notEnabled' },
      { profile: 'nourl', shop: 'woocommerce', mode: 'polling', reason: 'noPublicUrl' },
      { profile: 'ps', shop: 'prestashop', mode: 'polling', reason: 'notSupported' },
    ]);
    await expect(registerWebhooks(env.app, 'ps', env.url)).rejects.toThrow(ConfigError);
    await expect(registerWebhooks(env.app, 'ps', env.url)).rejects.toThrow(/prestashop shops have no webhooks|n'a pas de webhooks/);

    await registerWebhooks(env.app, 'demo', env.url);
    expect(webhookStates(env.app)[0]).toMatchObject({ profile: 'demo', mode: 'webhooks', deliveryUrl: `${env.url}${HOOK}` });
    await removeWebhooks(env.app, 'demo');
    expect(env.sim.state.webhooks.list()).toHaveLength(0);
    expect(webhookStates(env.app)[0]).toMatchObject({ profile: 'demo', mode: 'polling', reason: 'notEnabled' });
  });
});

describe('orders.import with orderIds', { timeout: 60_000 }, () => {
  it('imports exactly the orders named; a status not selected and an unknown order are skipped with their line; the window stays', async () => {
    const r = await env.orders.import({ orderIds: ['413', '416', '99999'] });
    expect(r.record.status).toBe('succeeded');
    expect(ordersCount(r)).toMatchObject({ created: 1, skipped: 2, failed: 0 });
    expect(r.lines).toContainEqual(expect.stringContaining('statut on-hold non importé'));
    expect(r.lines).toContainEqual(expect.stringMatching(/99999.*absente de la boutique/));
    expect(await env.documentsOf(413)).toHaveLength(1);
    expect(await env.documentsOf(416)).toHaveLength(0);
    expect([...env.orders.documentsPerOrder().keys()]).toEqual(['413']);
    expect(env.app.state.lastTransferDate('demo', 'orders.import')).toBeNull();
    // Again: unchanged, never a second document; then the period import takes the others.
    expect(ordersCount(await env.orders.import({ orderIds: '413' }))).toMatchObject({ created: 0, unchanged: 1 });
    expect(ordersCount(await env.orders.import(PERIOD))).toMatchObject({ created: 6, unchanged: 1 });
    expect(env.orders.documentsPerOrder().get('413')).toBe(1);
  });

  it('with updateStock, the stock step runs on the articles the documents moved', async () => {
    const r = await env.orders.import({ orderIds: ['414'], updateStock: true });
    expect(r.record.status).toBe('succeeded');
    expect(ordersCount(r)).toMatchObject({ created: 1 });
    expect(r.lines).toContain('- Mise à jour du stock');
    // The recorded shop's products were never exported from this GesCom: not bound, said and skipped.
    expect(r.lines).toContainEqual(expect.stringMatching(/^--> Absents de la boutique \(stocks\) : \d+, ignorés \(AR0003, /));
  });

  it('an order cancelled after its import is said once, never imported again', async () => {
    await env.orders.import({ orderIds: ['413'] });
    await env.orders.setOrderStatus(413, 'cancelled');
    const r = await env.orders.import({ orderIds: ['413'] });
    expect(r.lines).toContainEqual(expect.stringContaining('commande 413 passée à « cancelled » dans la boutique après son import'));
    expect(ordersCount(await env.orders.import({ orderIds: ['413'] }))).toMatchObject({ unchanged: 1, skipped: 0 });
    expect(env.orders.documentsPerOrder().get('413')).toBe(1);
  });

  it('orderIds that are not a list of ids fail the run naming the parameter', async () => {
    const r = await env.orders.import({ orderIds: { a: 1 } });
    expect(r.record.status).toBe('failed');
    expect(r.lines).toContainEqual(expect.stringContaining('(orderIds)'));
  });
});
