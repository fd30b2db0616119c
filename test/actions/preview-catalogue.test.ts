/**
 * Previews of the catalogue and customer actions against the WooCommerce simulator: the preview
 * writes nothing (no write request reaches the shop, the GesCom file, the bindings, transfer dates
 * and profile stay as they were), is recorded as a preview, and announces entity by entity what
 * the real run then does exactly (same report, same counts, and the shop holds what was announced).
 */
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { PreviewItem } from '../../src/actions/preview/report.js';
import { ActionEnv, removeSampleDb } from '../woocommerce/support-actions.js';
import { previewThenRun as runBoth } from './preview-support.js';

let env: ActionEnv;

beforeEach(async () => {
  env = await ActionEnv.start();
});
afterEach(async () => {
  await env?.close();
});
afterAll(removeSampleDb);

const find = (items: PreviewItem[], entity: string, key: string) => items.find((i) => i.entity === entity && i.key === key);
const change = (i: PreviewItem | undefined, field: string) => i?.changes.find((c) => c.field === field);

const previewThenRun = (action: string, params: Record<string, unknown> = {}) => runBoth(env, action, params);

describe('products.export', () => {
  test('first export: the products and categories to create, nothing written; the run creates exactly those', async () => {
    const { preview } = await previewThenRun('products.export');
    const items = preview.report.items;
    // The history holds the preview as a preview, with its report.
    expect(env.app.state.runs('demo', 2).map((r) => [r.action, r.preview])).toEqual([['products.export', false], ['products.export', true]]);
    const ar3 = find(items, 'product', 'AR0003');
    expect(ar3).toMatchObject({ side: 'shop', op: 'create', ok: true });
    expect(ar3!.shopId).toMatch(/^preview:\d+$/);
    expect(change(ar3, 'sku')).toEqual({ field: 'sku', new: 'AR0003' });
    // Its category is one the same preview creates: named as such, not by a synthetic id.
    expect(change(ar3, 'categories')?.new).toBe('new:category:family:FA0002');
    expect(items.filter((i) => i.entity === 'category' && i.op === 'create')).toHaveLength(9);
    // The variable product's variations, under their new parent.
    const variations = items.filter((i) => i.entity === 'variation');
    expect(variations).toHaveLength(4);
    expect(change(variations[0], 'parent')?.new).toBe('new:product:PULL');
    // The journal said it was a preview, in the profile's language, with the products to create.
    expect(preview.lines.some((l) => l.startsWith('--> Aperçu : la boutique et la GesCom sont lues'))).toBe(true);
    expect(preview.lines).toContain(`--> Boutique · produit AR0003 [${ar3!.shopId}] : à créer`);
    expect(preview.lines).toContain('-->     categories : (catégorie family:FA0002 créé(e) par ce traitement)');
    // The shop holds the products the preview announced, one each.
    const created = items.filter((i) => i.entity === 'product' && i.op === 'create').map((i) => i.key).sort();
    expect((await env.products()).map((p) => p.sku).sort()).toEqual(created);
    // The preview's profile change (the transfer date) was announced, not made; the run made it.
    expect(items.filter((i) => i.side === 'profile').map((i) => i.changes.map((c) => c.field))).toEqual([['articles.filters.lastTransferDate']]);
    expect(env.profile().articles.filters.lastTransferDate).not.toBeNull();
  });

  test('after a GesCom change: the product to update with its fields old -> new, and the stock and price changes', async () => {
    await env.run('products.export');
    await env.gescom(async (g) => {
      await g.updateArticle('AR0003', { name: 'Chocolat Noir Intense' });
      await g.setPrice('AR0003', 1, '5.20');
      await g.setStock('AR0003', '0001', { real: '50' });
    });
    const held = (await env.product('AR0003'))!;
    const { preview } = await previewThenRun('products.export');
    const updates = preview.report.items.filter((i) => i.side === 'shop');
    expect(updates.map((i) => [i.entity, i.key, i.op])).toEqual([['product', 'AR0003', 'update']]);
    const ar3 = updates[0]!;
    expect(ar3.shopId).toBe(String(held.id));
    expect(change(ar3, 'name')).toEqual({ field: 'name', old: held.name, new: 'Chocolat Noir Intense' });
    expect(change(ar3, 'stock.quantity')).toEqual({ field: 'stock.quantity', old: String(held.stock_quantity), new: '50' });
    const price = change(ar3, 'price.regular')!;
    expect(price.old).toBe(held.regular_price);
    expect(price.new).not.toBe(price.old);
    // Nothing else changed: only those fields (and what follows from the price: none).
    expect(ar3.changes.map((c) => c.field).sort()).toEqual(['name', 'price.regular', 'stock.quantity']);
    expect(preview.lines).toContain(`-->     name : ${held.name} -> Chocolat Noir Intense`);
    const after = (await env.product('AR0003'))!;
    expect([after.name, after.regular_price, after.stock_quantity]).toEqual(['Chocolat Noir Intense', price.new, 50]);
  });
});

describe('products.stocks and products.prices', () => {
  test('the stock and price changes old -> new; the runs send exactly those', async () => {
    await env.run('products.export');
    const held = (await env.product('AR0003'))!;
    await env.gescom(async (g) => {
      await g.setStock('AR0003', '0001', { real: '42' });
      await g.setPrice('AR0003', 1, '6.10');
    });
    const stocks = await previewThenRun('products.stocks');
    expect(stocks.preview.report.items.filter((i) => i.side === 'shop').map((i) => [i.entity, i.key, i.op, i.aspects])).toEqual([['product', 'AR0003', 'update', ['stock']]]);
    expect(change(stocks.preview.report.items[0], 'stock.quantity')).toEqual({ field: 'stock.quantity', old: String(held.stock_quantity), new: '42' });
    expect((await env.product('AR0003'))!.stock_quantity).toBe(42);

    const prices = await previewThenRun('products.prices');
    expect(prices.preview.report.items.filter((i) => i.side === 'shop').map((i) => [i.entity, i.key, i.op, i.aspects])).toEqual([['product', 'AR0003', 'update', ['price']]]);
    const p = change(prices.preview.report.items[0], 'price.regular')!;
    expect(p.old).toBe(held.regular_price);
    expect((await env.product('AR0003'))!.regular_price).toBe(p.new);
  });
});

describe('customers.export', () => {
  test('the customers to create with their e-mail; the run creates exactly those', async () => {
    const { preview } = await previewThenRun('customers.export');
    const created = preview.report.items.filter((i) => i.entity === 'customer' && i.op === 'create');
    expect(created.length).toBeGreaterThan(0);
    const emails = created.map((i) => change(i, 'email')?.new?.toLowerCase()).sort();
    expect((await env.customers()).map((c) => c.email.toLowerCase()).sort()).toEqual(emails);
  });
});
