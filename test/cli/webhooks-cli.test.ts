/**
 * `passerelle webhooks register | list | remove` and `orders import --ids`, the built CLI against
 * the WooCommerce simulator, with the service listening so that the shop's pings and deliveries
 * reach it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paidOrderBody, removeSampleDb } from '../orders/support-orders.js';
import { HooksEnv } from '../service/support-webhooks.js';
import { jsonOf, requireBuild } from '../support/e2e-cli.js';

let env: HooksEnv;
beforeAll(async () => {
  requireBuild();
  env = await HooksEnv.start();
});
afterAll(async () => {
  await env?.close();
  removeSampleDb();
});

describe('passerelle webhooks', { timeout: 120_000 }, () => {
  it('register creates the order webhooks with a secret kept encrypted; list shows them; remove deletes ours only', async () => {
    const hook = `${env.url}/hooks/woocommerce/demo`;
    // A webhook of the merchant's own, which Passerelle must never touch.
    const own = await env.sim.request('POST', '/wc/v3/webhooks', { name: 'ERP', topic: 'order.created', delivery_url: 'http://127.0.0.1:9/erp' });
    expect(own.status).toBe(201);

    const reg = await env.orders.cli(['webhooks', 'register', '--profile', 'demo', '--url', `${env.url}/`]);
    expect(reg.code, reg.stderr).toBe(0);
    const lines = reg.stdout.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^webhook order\\.created créé \\(n° \\d+\\) vers ${hook.replace(/[.]/g, '\\.')}$`));
    expect(lines[1]).toContain('webhook order.updated créé');
    const secret = env.orders.profile().webhooks.secret;
    expect(reg.stdout + reg.stderr).not.toContain(secret);
    expect(env.orders.profile().webhooks).toMatchObject({ enabled: true, publicUrl: env.url });

    const list = await env.orders.cli(['webhooks', 'list', '--profile', 'demo']);
    expect(list.code, list.stderr).toBe(0);
    const rows = list.stdout.trim().split('\n').slice(2);
    expect(rows).toHaveLength(3);
    expect(rows.filter((r) => r.includes(hook) && /\bactive\b/.test(r) && /\boui$/.test(r))).toHaveLength(2);
    expect(rows.filter((r) => r.includes('http://127.0.0.1:9/erp') && /\bnon$/.test(r))).toHaveLength(1);
    const json = jsonOf<{ topic: string; status: string; deliveryUrl: string; ours: boolean }[]>(await env.orders.cli(['webhooks', 'list', '--profile', 'demo', '--json']));
    expect(json.filter((w) => w.ours).map((w) => [w.topic, w.status, w.deliveryUrl]).sort()).toEqual([
      ['order.created', 'active', hook], ['order.updated', 'active', hook],
    ]);

    // Registered again: ours replaced (never doubled), a new secret.
    const again = await env.orders.cli(['webhooks', 'register', '--profile', 'demo']);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain('2 webhook(s) précédent(s) de Passerelle supprimé(s)');
    expect(env.sim.state.webhooks.list()).toHaveLength(3);
    expect(env.orders.profile().webhooks.secret).not.toBe(secret);

    // An order placed now reaches the GesCom through the service.
    const order = await env.orders.placeOrder(paidOrderBody());
    await env.settle();
    expect(await env.documentsOf(order.id)).toHaveLength(1);

    const removed = await env.orders.cli(['webhooks', 'remove', '--profile', 'demo']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout.trim().split('\n')).toHaveLength(2);
    expect(env.sim.state.webhooks.list().map((w) => w.name)).toEqual(['ERP']);
    expect(env.orders.profile().webhooks.enabled).toBe(false);
  });

  it('a PrestaShop profile gets one line: polling only', async () => {
    const demo = env.orders.profile();
    env.app.profiles.create({ ...demo, name: 'ps', shop: { ...demo.shop, kind: 'prestashop', identity: '', url: 'http://127.0.0.1:9/shop', prestashop: { key: 'K'.repeat(32) } } });
    for (const sub of ['register', 'list', 'remove']) {
      const r = await env.orders.cli(['webhooks', sub, '--profile', 'ps', '--url', env.url].slice(0, sub === 'register' ? 6 : 4));
      expect(r.code, sub).toBe(1);
      expect(r.stderr.trim().split('\n'), sub).toHaveLength(1);
      expect(r.stderr).toContain("la boutique prestashop n'a pas de webhooks ; ses commandes arrivent par l'import planifié seulement");
    }
  });

  it('orders import --ids imports exactly these orders', async () => {
    const r = await env.orders.cli(['orders', 'import', '--profile', 'demo', '--ids', '414,415']);
    expect(r.code, r.stderr).toBe(0);
    expect(await env.documentsOf(414)).toHaveLength(1);
    expect(await env.documentsOf(415)).toHaveLength(1);
    expect(await env.documentsOf(417)).toHaveLength(0);
    const bad = await env.orders.cli(['orders', 'import', '--profile', 'demo', '--ids', ',']);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain('(orderIds)');
  });
});
