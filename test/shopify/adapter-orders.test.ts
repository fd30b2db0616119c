/**
 * Shopify orders end to end on the sample company: products sent by products.export, orders placed
 * in the simulator (prices tax included, a discount, shipping, two VAT rates), imported once through
 * orders.import with the GesCom document's totals equal to the order's to the cent, the 60-day
 * window said, and the way back (orders.status): tags, metafield with the document number,
 * fulfilment.
 */
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { dec } from '../../src/util/decimal.js';
import { ShopifyEnv, removeSampleDb } from './adapter-support.js';

/** The calendar day of `at` where the profile's periods are counted (Europe/Paris): after 23:00 UTC it is already tomorrow there. */
function dayInProfileZone(at: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
}

let env: ShopifyEnv;
beforeEach(async () => {
  env = await ShopifyEnv.start();
  // Shopify customer ids are long (13 digits in real shops): the account number needs room for them (CMD-03).
  env.editProfile((p) => ({ ...p, orders: { ...p.orders, accountLength: 17 } }));
});
afterEach(async () => {
  await env?.close();
});
afterAll(removeSampleDb);

describe('orders.import from Shopify', () => {
  test('products first, then two paid orders imported once, totals to the cent', async () => {
    const exp = await env.run('products.export');
    expect(exp.record.status, exp.lines.join('\n')).toBe('succeeded');
    const skus = env.query<{ productVariants: { nodes: { sku: string; price: string }[] } }>('{ productVariants(first: 250) { nodes { sku price } } }')
      .productVariants.nodes.map((v) => v.sku);
    expect(skus.length).toBeGreaterThan(3);
    const [a, b] = skus;
    const today = dayInProfileZone(env.sim.now());
    const o1 = env.sim.placeOrder({
      lines: [{ sku: a!, quantity: 2, discount: '1.00' }, { sku: b!, quantity: 1, taxRate: '0.055' }],
      shipping: { title: 'Colissimo', price: '4.90' }, customer: { email: 'camille.shopify@example.fr', firstName: 'Camille', lastName: 'Roux' },
      gateway: 'paypal', discountCode: 'NOEL',
    });
    const o2 = env.sim.placeOrder({ lines: [{ sku: b!, quantity: 3 }], customer: { email: 'leo.shopify@example.fr', firstName: 'Léo', lastName: 'Blanc' }, gateway: 'paypal' });

    const r = await env.run('orders.import', { from: today, to: today });
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    expect(r.record.counts.orders).toMatchObject({ created: 2, failed: 0 });
    const docs = await env.gescom((g) => g.documents());
    const byOrder = new Map(docs.map((d) => [d.shopOrderId, d]));
    for (const o of [o1, o2]) {
      const d = byOrder.get(`gid://shopify/Order/${o.order.id}`);
      expect(d, `document of ${o.name}`).toBeDefined();
      expect(dec(d!.totals.totalTtc).toFixed(2)).toBe(dec(o.order.totalPrice).toFixed(2));
      expect(dec(d!.totals.totalVat).toFixed(2)).toBe(dec(o.order.totalTax).toFixed(2));
    }

    const again = await env.run('orders.import', { from: today, to: today });
    expect(again.record.counts.orders).toMatchObject({ created: 0 });
    expect((await env.gescom((g) => g.documents())).length).toBe(docs.length);

    // The way back: invoiced orders are set to "shipped": tags, the document number in a metafield, a fulfilment.
    const back = await env.run('orders.status');
    expect(back.record.status, back.lines.join('\n')).toBe('succeeded');
    expect(back.record.counts.orders).toMatchObject({ updated: 2, failed: 0 });
    for (const o of [o1, o2]) {
      const number = byOrder.get(`gid://shopify/Order/${o.order.id}`)!.number;
      const held = env.query<{ order: { tags: string[]; displayFulfillmentStatus: string; metafield: { value: string } | null } }>(
        'query($id: ID!) { order(id: $id) { tags displayFulfillmentStatus metafield(namespace: "custom", key: "gescom_document") { value } } }',
        { id: `gid://shopify/Order/${o.order.id}` }).order;
      expect(held.metafield?.value).toBe(number);
      expect(held.tags).toEqual(expect.arrayContaining(['passerelle', `gescom:${number}`, 'statut:shipped']));
      expect(held.displayFulfillmentStatus).toBe('FULFILLED');
    }
    const backAgain = await env.run('orders.status');
    expect(backAgain.record.counts.orders).toMatchObject({ updated: 0, failed: 0 });
    expect(backAgain.byField.orderUpdate ?? 0).toBe(0);
  });

  test('a period beyond 60 days without read_all_orders is said, naming the first date read', async () => {
    const from = new Date(env.sim.now().getTime() - 90 * 86_400_000).toISOString().slice(0, 10);
    const r = await env.run('orders.import', { from, to: dayInProfileZone(env.sim.now()) });
    expect(r.record.status).not.toBe('failed');
    expect(r.lines.join('\n')).toMatch(/60 derniers jours sans le droit read_all_orders/);
  });
});
