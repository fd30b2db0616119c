/**
 * Big catalogues on Shopify: at or above shop.shopify.bulkThreshold, products.export writes through
 * one bulkOperationRunMutation over a staged JSONL of productSet variables, and a reconciliation
 * reads every variant through bulkOperationRunQuery (JSONL) instead of pages.
 */
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ShopifyEnv, removeSampleDb } from './adapter-support.js';

let env: ShopifyEnv;
beforeEach(async () => {
  env = await ShopifyEnv.start({}, { bulkThreshold: 3 });
});
afterEach(async () => {
  await env?.close();
});
afterAll(removeSampleDb);

describe('bulk operations above the threshold', () => {
  test('products.export through one bulk mutation; reconcile reads through a bulk query', async () => {
    const r = await env.run('products.export');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    expect(r.byField.bulkOperationRunMutation).toBeGreaterThanOrEqual(1);
    expect(r.byField.stagedUploadsCreate).toBeGreaterThanOrEqual(1);
    const created = r.record.counts.products?.created ?? 0;
    expect(created).toBeGreaterThan(3);
    // Only a last batch under the threshold goes one productSet at a time.
    expect(r.byField.productSet ?? 0).toBeLessThan(3);
    const held = env.query<{ products: { nodes: { id: string }[] } }>('{ products(first: 250) { nodes { id } } }');
    expect(held.products.nodes).toHaveLength(created);

    const again = await env.run('products.stocks', { reconcile: true });
    expect(again.record.status, again.lines.join('\n')).toBe('succeeded');
    expect(again.byField.bulkOperationRunQuery).toBe(1);
    expect(again.byField.inventorySetQuantities ?? 0).toBe(0);
  });
});
