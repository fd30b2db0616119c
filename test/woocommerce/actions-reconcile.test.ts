/**
 * Reconciliation of shop-side drift (issue 7) end to end on the WooCommerce
 * simulator: a price, a stock or a status changed in the shop by hand is put back
 * by `--reconcile` (one write per batch of drifted items, a journal line naming
 * the shop value and the expected one), orders not imported yet are not put back
 * into stock, the next plain run sends nothing; and customers are corrected only
 * on the fields their update switches allow.
 */
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { jsonOf, requireBuild, runCli } from '../support/e2e-cli.js';
import type { RunRecord } from '../../src/state/state-store.js';
import { ActionEnv, linesWith, removeSampleDb } from './support-actions.js';

let env: ActionEnv;

beforeEach(async () => {
  env = await ActionEnv.start();
});
afterEach(async () => {
  await env?.close();
});
afterAll(removeSampleDb);

const PRODUCTS_BATCH = 'POST /wc/v3/products/batch';
const VARIATIONS_BATCH = 'POST /wc/v3/products/{product_id}/variations/batch';

/** A paid order placed in the shop (the shop takes its units out of stock), not imported into the GesCom. */
async function placeOrder(sku: string, quantity: number): Promise<{ status: number; body: unknown }> {
  const product = (await env.product(sku))!;
  const order = await env.sim.request('POST', '/wc/v3/orders', {
    status: 'processing', set_paid: true, payment_method: 'bacs', payment_method_title: 'Virement',
    billing: { first_name: 'Jeanne', last_name: 'Martin', address_1: '1 rue de la Paix', city: 'Lyon', postcode: '69002', country: 'FR', email: 'jeanne@example.fr' },
    line_items: [{ product_id: product.id, quantity }],
  });
  expect(order.status, JSON.stringify(order.body)).toBe(201);
  return order;
}

/** Changes a product in the shop the way a person does in its back office. */
async function editInShop(sku: string, body: Record<string, unknown>): Promise<number> {
  const p = (await env.product(sku))!;
  const res = await env.sim.request('PUT', `/wc/v3/products/${p.id}`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return p.id;
}

describe('products.stocks --reconcile', () => {
  test('AR0003 set to 999 in the shop: put back to the GesCom stock (120) in one write, journalled, the next runs send nothing', async () => {
    await env.run('products.export');
    await editInShop('AR0003', { stock_quantity: 999 });

    // A plain delta run does not see it (nothing changed in the GesCom): the bug.
    const plain = await env.run('products.stocks');
    expect(plain.requests).toBe(0);
    expect((await env.product('AR0003'))!.stock_quantity).toBe(999);

    const r = await env.run('products.stocks', { reconcile: true });
    expect(r.record.status).toBe('succeeded');
    expect(r.writeRequests).toBe(1);
    expect(r.byRoute[PRODUCTS_BATCH]).toBe(1);
    expect(r.record.counts.stock).toEqual({ created: 0, updated: 1, unchanged: 20, skipped: 0, failed: 0 });
    expect(r.lines).toContain('--> article AR0003 : stock boutique 999 ≠ 120 attendu');
    expect(r.lines).toContain('--> Rapprochement : 21 comparé(s) avec la boutique, 1 écart(s) corrigé(s)');
    expect((await env.product('AR0003'))!.stock_quantity).toBe(120);

    // Reads only: the product listing with _fields, the variations of PULL, the orders.
    const gets = env.sim.stats.log.filter((l) => l.method === 'GET').map((l) => l.path);
    expect(gets.filter((p) => p === '/wp-json/wc/v3/products')).toHaveLength(1);

    expect((await env.run('products.stocks')).requests).toBe(0);
    const again = await env.run('products.stocks', { reconcile: true });
    expect(again.writeRequests).toBe(0);
    expect(again.record.counts.stock).toMatchObject({ updated: 0, unchanged: 21 });
  });

  test('a variation drifted (AR0015 at 0 in the shop): written to the variations batch of PULL', async () => {
    await env.run('products.export');
    const pull = (await env.product('PULL'))!;
    const v = (await env.variations(pull.id)).find((x) => x.sku === 'AR0015')!;
    const expected = v.stock_quantity;
    await env.sim.request('PUT', `/wc/v3/products/${pull.id}/variations/${v.id}`, { stock_quantity: 0 });

    const r = await env.run('products.stocks', { reconcile: true });
    expect(r.writeRequests).toBe(1);
    expect(r.byRoute[VARIATIONS_BATCH]).toBe(1);
    expect(r.lines).toContain(`--> article AR0015 : stock boutique 0 ≠ ${expected} attendu`);
    expect((await env.variations(pull.id)).find((x) => x.sku === 'AR0015')!.stock_quantity).toBe(expected);
  });

  test('an order placed in the shop and not imported: the reconcile does not put its stock back up', async () => {
    await env.run('products.export');
    const order = await placeOrder('AR0003', 3);
    // The shop took the 3 units out of its stock.
    expect((await env.product('AR0003'))!.stock_quantity).toBe(117);

    const r = await env.run('products.stocks', { reconcile: true });
    expect(r.writeRequests).toBe(0);
    expect(r.record.counts.stock).toMatchObject({ updated: 0, unchanged: 21, failed: 0 });
    expect(r.lines).toContain(`--> 1 commande(s) de la boutique pas encore importée(s) depuis le ${new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10)} : 3 unité(s) déduite(s) du stock attendu`);
    expect((await env.product('AR0003'))!.stock_quantity).toBe(117);

    // Someone also sets it to 999 by hand: corrected to 117, not 120, and the line says why.
    await editInShop('AR0003', { stock_quantity: 999 });
    const fixed = await env.run('products.stocks', { reconcile: true });
    expect(fixed.writeRequests).toBe(1);
    expect(fixed.lines).toContain('--> article AR0003 : stock boutique 999 ≠ 117 attendu (120 en gestion commerciale - 3 en commandes non importées)');
    expect((await env.product('AR0003'))!.stock_quantity).toBe(117);

    // Once the order is imported it no longer counts (the GesCom's stock holds it).
    env.app.state.markOrderImported('demo', String((order.body as { id: number }).id), 'FA00001', 'invoice', 'processing');
    const after = await env.run('products.stocks', { reconcile: true });
    expect(linesWith(after.lines, 'pas encore importée')[0]).toContain('0 commande(s)');
    expect(after.writeRequests).toBe(1);
    expect(after.lines).toContain('--> article AR0003 : stock boutique 117 ≠ 120 attendu');
  });
});

describe('products.prices --reconcile', () => {
  test('AR0003 at 1.00 in the shop: back to 4.95, one write, the stock untouched', async () => {
    await env.run('products.export');
    await editInShop('AR0003', { regular_price: '1.00', stock_quantity: 999 });

    const r = await env.run('products.prices', { reconcile: true });
    expect(r.writeRequests).toBe(1);
    expect(r.record.counts.prices).toEqual({ created: 0, updated: 1, unchanged: 20, skipped: 0, failed: 0 });
    expect(r.lines).toContain('--> article AR0003 : prix boutique 1.00 ≠ 4.95 attendu');
    const ar3 = (await env.product('AR0003'))!;
    expect(ar3.regular_price).toBe('4.95');
    // A price run writes prices only.
    expect(ar3.stock_quantity).toBe(999);
    expect((await env.run('products.prices')).requests).toBe(0);
  });

  test('the same price written another way ("4.950") is no drift', async () => {
    await env.run('products.export');
    await editInShop('AR0003', { regular_price: '4.950' });
    const r = await env.run('products.prices', { reconcile: true });
    expect(r.writeRequests).toBe(0);
  });
});

describe('--reconcile still sends what changed in the GesCom', () => {
  test('a plain stock run sends a changed stock less the orders not imported, so a reconcile finds nothing to undo', async () => {
    await env.run('products.export');
    await placeOrder('AR0003', 13);
    // Nothing changed in the GesCom: the plain run reads no order and sends nothing.
    const idle = await env.run('products.stocks');
    expect(idle.requests).toBe(0);
    await env.gescom((g) => g.setStock('AR0003', '0001', { real: '50' }));
    const r = await env.run('products.stocks');
    expect(r.writeRequests).toBe(1);
    expect(linesWith(r.lines, 'pas encore importée')[0]).toContain('1 commande(s)');
    expect((await env.product('AR0003'))!.stock_quantity).toBe(37);
    const check = await env.run('products.stocks', { reconcile: true });
    expect(check.writeRequests).toBe(0);
    expect(linesWith(check.lines, 'stock boutique')).toEqual([]);
    expect((await env.run('products.stocks')).requests).toBe(0);
  });

  test('a weight change with the stock right in the shop: sent, with the quantity the shop holds (an order not imported kept out)', async () => {
    await env.run('products.export');
    await placeOrder('AR0003', 2);
    await env.gescom((g) => g.updateArticle('AR0003', { weightNet: '0.750' }));
    const r = await env.run('products.stocks', { reconcile: true });
    expect(r.writeRequests).toBe(1);
    expect(linesWith(r.lines, 'stock boutique')).toEqual([]);
    expect(await env.product('AR0003')).toMatchObject({ weight: '0.750', stock_quantity: 118 });
    expect((await env.run('products.stocks')).requests).toBe(0);
  });
});

describe('products.export --reconcile', () => {
  test('stock and price drift of AR0003 both corrected after the export; nothing else written', async () => {
    await env.run('products.export');
    await editInShop('AR0003', { regular_price: '1.00', stock_quantity: 999 });
    const r = await env.run('products.export', { reconcile: true });
    expect(r.record.status).toBe('succeeded');
    expect(r.lines).toContain('--> article AR0003 : stock boutique 999 ≠ 120 attendu');
    expect(r.lines).toContain('--> article AR0003 : prix boutique 1.00 ≠ 4.95 attendu');
    expect(r.writeRequests).toBe(2);
    // The shop's products are listed once for both comparisons (everything is bound: no SKU look-up).
    expect(r.byRoute['GET /wc/v3/products']).toBe(1);
    expect(r.record.counts.stock).toMatchObject({ updated: 1, unchanged: 20 });
    expect(r.record.counts.prices).toMatchObject({ updated: 1, unchanged: 20 });
    expect((await env.product('AR0003'))).toMatchObject({ regular_price: '4.95', stock_quantity: 120 });
    // nochange stays at 0 writes.
    expect((await env.run('products.export')).writeRequests).toBe(0);
  });
});

describe('products.status --reconcile', () => {
  test('a product hidden by hand (draft) is published again', async () => {
    await env.run('products.export');
    await editInShop('AR0001', { status: 'draft' });
    const r = await env.run('products.status', { reconcile: true });
    expect(r.writeRequests).toBe(1);
    expect(r.lines).toContain('--> article AR0001 : statut boutique masqué ≠ publié attendu');
    expect((await env.product('AR0001'))!.status).toBe('publish');
  });
});

describe('--reconcile on a product deleted from the shop', () => {
  test('skipped with a line saying to export again; no failure', async () => {
    await env.run('products.export');
    const p = (await env.product('AR0002'))!;
    await env.sim.request('DELETE', `/wc/v3/products/${p.id}`, undefined, { force: 'true' });
    const r = await env.run('products.stocks', { reconcile: true });
    expect(r.record.counts.stock).toMatchObject({ skipped: 1, failed: 0 });
    expect(linesWith(r.lines, 'article AR0002', "absent de la boutique (supprimé à la main ?) : relancez l'export des articles")).toHaveLength(1);
  });
});

describe('customers.export --reconcile', () => {
  test('only the fields whose update switch is on are corrected: the billing address yes, the first name no (customers.updates.names off)', async () => {
    await env.run('customers.export');
    const before = (await env.customers()).find((c) => c.email === 'sophie.bernard@example.fr')!;
    const res = await env.sim.request('PUT', `/wc/v3/customers/${before.id}`, {
      first_name: 'Sophia', billing: { ...before.billing, city: 'Rezé', address_1: '1 rue Fausse' },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);

    expect((await env.run('customers.export')).writeRequests).toBe(0);
    const r = await env.run('customers.export', { reconcile: true });
    expect(r.record.status).toBe('succeeded');
    expect(r.writeRequests).toBe(1);
    // One walk of the shop's customers serves both the comparison and the e-mail look-up.
    expect(r.byRoute['GET /wc/v3/customers']).toBe(1);
    expect(r.record.counts.customers).toMatchObject({ updated: 1, failed: 0 });
    const lines = linesWith(r.lines, 'client CL0001 : adresse de facturation boutique');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('1 rue Fausse');
    expect(lines[0]).toContain('Nantes');
    expect(linesWith(r.lines, 'prénom')).toEqual([]);
    expect(r.lines).toContain('--> Rapprochement des clients : customers.updates.group, customers.updates.notes, customers.updates.b2b non relisibles dans la boutique woocommerce, non comparés');

    const after = (await env.customers()).find((c) => c.id === before.id)!;
    expect(after.billing).toEqual(before.billing);
    expect(after.first_name).toBe('Sophia');
    // Bound again: the next runs write nothing.
    expect((await env.run('customers.export')).writeRequests).toBe(0);
    expect((await env.run('customers.export', { reconcile: true })).writeRequests).toBe(0);
  });

  test('with customers.updates.names on, the first name is put back too', async () => {
    env.editProfile((p) => ({ ...p, customers: { ...p.customers, updates: { ...p.customers.updates, names: true } } }));
    await env.run('customers.export');
    const before = (await env.customers()).find((c) => c.email === 'sophie.bernard@example.fr')!;
    await env.sim.request('PUT', `/wc/v3/customers/${before.id}`, { first_name: 'Sophia' });
    const r = await env.run('customers.export', { reconcile: true });
    expect(r.lines).toContain(`--> client CL0001 : prénom boutique « Sophia » ≠ « ${before.first_name} » attendu`);
    expect((await env.customers()).find((c) => c.id === before.id)!.first_name).toBe(before.first_name);
  });
});

describe('the command line', () => {
  test('passerelle products stocks --reconcile: the run gets reconcile: true and corrects the drift', async () => {
    requireBuild();
    await env.run('products.export');
    await editInShop('AR0003', { stock_quantity: 999 });
    const help = await runCli(['products', 'stocks', '--help'], { dataDir: env.dir });
    expect(help.stdout).toContain('--reconcile');
    expect(help.stdout.replace(/\s+/g, ' ')).toContain('--reconcile compare avec ce que détient la boutique et corrige les écarts');
    const r = await runCli(['products', 'stocks', '--reconcile', '--json'], { dataDir: env.dir, timeoutMs: 60_000 });
    expect(r.code, r.stderr).toBe(0);
    const record = jsonOf<RunRecord>(r);
    expect(record.params).toEqual({ reconcile: true });
    expect(record.counts.stock).toMatchObject({ updated: 1, unchanged: 20, failed: 0 });
    expect((await env.product('AR0003'))!.stock_quantity).toBe(120);
  });
});
