/**
 * Big catalogues on Shopify: at or above shop.shopify.bulkThreshold, products.export writes through
 * one bulkOperationRunMutation over a staged JSONL of productSet variables, and a reconciliation
 * reads every variant through bulkOperationRunQuery (JSONL) instead of pages. Updates of existing
 * products send what the plain path sends (metafields, new images, collections) through a second
 * bulk write, productUpdate, that adds without replacing.
 */
import fs from 'node:fs';
import path from 'node:path';
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

interface HeldProduct { id: string; metafields: { nodes: { namespace: string; key: string; value: string }[] }; media: { nodes: { alt: string | null; status: string }[] }; collections: { nodes: { title: string }[] } }

function product(sku: string): HeldProduct {
  const d = env.query<{ productVariants: { nodes: { sku: string; product: HeldProduct }[] } }>(
    `query($q: String) { productVariants(first: 5, query: $q) { nodes { sku product { id
      metafields(first: 20) { nodes { namespace key value } }
      media(first: 20) { nodes { alt status } }
      collections(first: 20) { nodes { title } } } } } }`, { q: `sku:${sku}` });
  const v = d.productVariants.nodes.find((x) => x.sku === sku);
  if (!v) throw new Error(`no product holds ${sku}`);
  return v.product;
}

const SIMPLE = ['AR0001', 'AR0002', 'AR0003'];

describe('bulk updates send what the plain path sends', () => {
  test('metafields of existing products: the custom fields changed, the merchant\'s own metafields untouched', async () => {
    env.editProfile((p) => ({
      ...p, articles: {
        ...p.articles, features: { enabled: true, mapping: [{ customField: 'Matière', shopFeature: 'Matière' }] },
        updates: { ...p.articles.updates, features: true },
      },
    }));
    await env.gescom(async (g) => { for (const code of SIMPLE) await g.updateArticle(code, { customFields: { Matière: 'Coton' } }); });
    const first = await env.run('products.export');
    expect(first.record.status, first.lines.join('\n')).toBe('succeeded');
    for (const sku of SIMPLE) expect(product(sku).metafields.nodes).toContainEqual({ namespace: 'custom', key: 'matiere', value: 'Coton' });
    // The merchant's own metafield on each product, set in Shopify.
    for (const sku of SIMPLE) {
      env.query('mutation($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) { userErrors { message } } }', {
        m: [{ ownerId: product(sku).id, namespace: 'custom', key: 'note_vitrine', type: 'single_line_text_field', value: 'mise en avant' }],
      });
    }

    await env.gescom(async (g) => { for (const code of SIMPLE) await g.updateArticle(code, { customFields: { Matière: 'Lin' } }); });
    const r = await env.run('products.export');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    expect(r.record.counts.products).toMatchObject({ updated: SIMPLE.length, failed: 0 });
    // One bulk productSet, one bulk productUpdate: no product read or written one by one.
    expect(r.byField.bulkOperationRunMutation).toBe(2);
    expect(r.byField.productSet ?? 0).toBe(0);
    expect(r.byField.metafieldsSet ?? 0).toBe(0);
    // No product read before it is written (the variable product's variants may be looked at once).
    expect(r.byField.product ?? 0).toBeLessThan(SIMPLE.length);
    for (const sku of SIMPLE) {
      const mf = product(sku).metafields.nodes;
      expect(mf).toContainEqual({ namespace: 'custom', key: 'matiere', value: 'Lin' });
      expect(mf).toContainEqual({ namespace: 'custom', key: 'note_vitrine', value: 'mise en avant' });
    }
  });

  test('images reach the shop\'s media in bulk; an update adds the new ones and keeps those the product holds', async () => {
    const first = await env.run('products.export');
    expect(first.record.status, first.lines.join('\n')).toBe('succeeded');
    const ar3 = product('AR0003');
    expect(ar3.media.nodes).toHaveLength(1);
    expect(ar3.media.nodes[0]!.status).toBe('READY');
    // The image bytes are those of the staged upload.
    const stored = [...env.sim.state.media.values()].find((m) => m.productIds.includes(Number(ar3.id.split('/').pop())))!;
    expect(env.sim.state.mediaData.get(stored.id)?.data.length).toBeGreaterThan(0);

    // A picture the merchant added in Shopify, then new pictures in the images folder.
    env.query('mutation($id: ID!, $m: [CreateMediaInput!]!) { productCreateMedia(productId: $id, media: $m) { mediaUserErrors { message } } }', {
      id: ar3.id, m: [{ originalSource: 'https://cdn.example.com/vitrine.jpg', alt: 'vitrine', mediaContentType: 'IMAGE' }],
    });
    const folder = path.join(env.dir, 'images');
    fs.mkdirSync(folder);
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    SIMPLE.forEach((code, i) => fs.writeFileSync(path.join(folder, `${code}_01.png`), Buffer.concat([png, Buffer.from([i])])));
    env.editProfile((p) => ({ ...p, articles: { ...p.articles, images: { ...p.articles.images, fromFolder: true, folder } } }));
    const before = new Map(SIMPLE.map((sku) => [sku, product(sku).media.nodes.length]));

    const r = await env.run('products.export');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    expect(r.byField.productSet ?? 0).toBe(0);
    expect(r.byField.product ?? 0).toBeLessThan(SIMPLE.length);
    // The three new pictures staged in one call, not one per product.
    expect(r.byField.stagedUploadsCreate).toBe(1 + 2);
    for (const sku of SIMPLE) expect(product(sku).media.nodes, sku).toHaveLength(before.get(sku)! + 1);
    expect(product('AR0003').media.nodes.map((m) => m.alt)).toContain('vitrine');
  });
});
