/**
 * Images on Shopify through the runs (WEB-03, ART-07), with the defaults (keepMedia, articles.updates.images
 * off): an update adds only the images the product has not received. The memory is per product (an image
 * several articles share goes to each once), and an append whose outcome is unknown (a bulk operation
 * failing after some lines) is settled against the product's media, not sent twice.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { sameFile } from '../../src/shops/shopify/media-memory.js';
import { ShopifyEnv, removeSampleDb } from './adapter-support.js';

let env: ShopifyEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});
afterAll(removeSampleDb);

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** Pictures in the profile's images folder, by file name. */
function pictures(e: ShopifyEnv, files: Record<string, Buffer>): void {
  const folder = path.join(e.dir, 'images');
  fs.mkdirSync(folder, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) fs.writeFileSync(path.join(folder, name), bytes);
  e.editProfile((p) => ({ ...p, articles: { ...p.articles, images: { ...p.articles.images, fromFolder: true, folder } } }));
}

/** How many media of the product holding `sku` are these bytes (the simulator's stored media). */
function copies(sku: string, bytes: Buffer): number {
  const d = env!.query<{ productVariants: { nodes: { sku: string; product: { id: string } }[] } }>(
    'query($q: String) { productVariants(first: 5, query: $q) { nodes { sku product { id } } } }', { q: `sku:${sku}` });
  const id = Number(d.productVariants.nodes.find((v) => v.sku === sku)!.product.id.split('/').pop());
  return [...env!.sim.state.media.values()].filter((m) => m.productIds.includes(id) && env!.sim.state.mediaData.get(m.id)?.data.equals(bytes)).length;
}

async function rename(codes: string[], suffix: string): Promise<void> {
  await env!.gescom(async (g) => { for (const code of codes) await g.updateArticle(code, { name: `Article ${code} ${suffix}` }); });
}

describe('images through the runs', () => {
  test.each([['plain productSet', 50], ['bulk', 1]])('%s: an image two articles share is held once by each product, however many updates', async (_path, bulkThreshold) => {
    env = await ShopifyEnv.start({}, { bulkThreshold });
    const shared = Buffer.concat([PNG, Buffer.from('shared')]);
    pictures(env, { 'AR0001_01.png': shared, 'AR0002_01.png': shared });
    const first = await env.run('products.export');
    expect(first.record.status, first.lines.join('\n')).toBe('succeeded');
    expect([copies('AR0001', shared), copies('AR0002', shared)]).toEqual([1, 1]);

    for (const round of ['a', 'b']) {
      await rename(['AR0001', 'AR0002'], round);
      const r = await env.run('products.export');
      expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
      expect(r.record.counts.products?.updated, round).toBeGreaterThanOrEqual(2);
      expect([copies('AR0001', shared), copies('AR0002', shared)], round).toEqual([1, 1]);
    }
  });

  test('a bulk productUpdate that fails after some lines: the next run adds the missing images only', async () => {
    env = await ShopifyEnv.start({}, { bulkThreshold: 1 });
    const SIMPLE = ['AR0001', 'AR0002', 'AR0003'];
    const first = await env.run('products.export');
    expect(first.record.status, first.lines.join('\n')).toBe('succeeded');

    // New pictures, and a productUpdate operation that fails once its first line went through.
    const bytes = new Map(SIMPLE.map((code, i) => [code, Buffer.concat([PNG, Buffer.from([i])])]));
    pictures(env, Object.fromEntries([...bytes].map(([code, b]) => [`${code}_01.png`, b])));
    await rename(SIMPLE, 'a');
    env.sim.failNextBulkOperation('INTERNAL_SERVER_ERROR', { mutation: 'productUpdate', afterLines: 1 });
    const failed = await env.run('products.export');
    expect(failed.record.status, failed.lines.join('\n')).toBe('partial');
    const applied = SIMPLE.filter((code) => copies(code, bytes.get(code)!) === 1);
    expect(applied).toHaveLength(1);

    const next = await env.run('products.export');
    expect(next.record.status, next.lines.join('\n')).toBe('succeeded');
    for (const code of SIMPLE) expect(copies(code, bytes.get(code)!), code).toBe(1);
    // Only the products whose append had an unknown outcome were read for their media.
    // The three products whose append failed, read for their media in one call; none once settled.
    expect(next.byField.nodes).toBe(1);
    await rename(SIMPLE, 'b');
    const settled = await env.run('products.export');
    expect(settled.record.status, settled.lines.join('\n')).toBe('succeeded');
    expect(settled.byField.nodes ?? 0).toBe(0);
    for (const code of SIMPLE) expect(copies(code, bytes.get(code)!), code).toBe(1);
  });
});

describe('a media is the staged file', () => {
  test.each([
    ['https://cdn.shopify.com/s/files/1/0/files/AR0001_01.png?v=17', 'AR0001_01.png', true],
    ['https://cdn.shopify.com/s/files/1/0/files/AR0001_01_3f2a9c1e-77b0-4d2e-9a51-0c6f5b2d8e11.png?v=1', 'AR0001_01.png', true],
    ['https://cdn.shopify.com/s/files/1/0/files/Photo%20vitrine.jpg', 'Photo vitrine.jpg', true],
    ['https://cdn.shopify.com/s/files/1/0/files/AR0001_010.png', 'AR0001_01.png', false],
    ['https://cdn.shopify.com/s/files/1/0/files/AR0001_01_vitrine.png', 'AR0001_01.png', false],
    ['https://cdn.shopify.com/s/files/1/0/files/AR0001_01.jpg', 'AR0001_01.png', false],
    ['not a url', 'AR0001_01.png', false],
  ])('%s is %s: %s', (url, file, same) => {
    expect(sameFile(url, file)).toBe(same);
  });
});
