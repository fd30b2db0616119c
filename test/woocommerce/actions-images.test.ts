/** ART-07 and ART-05 end to end: images uploaded once to the media library; the changed-since filter. */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ActionEnv, removeSampleDb } from './support-actions.js';

let env: ActionEnv;
beforeEach(async () => {
  env = await ActionEnv.start();
});
afterEach(async () => env.close());
afterAll(() => removeSampleDb());

function withMedia(): void {
  env.editProfile((p) => ({ ...p, shop: { ...p.shop, woocommerce: { ...p.shop.woocommerce, mediaUser: env.sim.wpUser, mediaPassword: env.sim.wpAppPassword } } }));
}

describe('images (ART-07)', () => {
  test('without an application password images are skipped and the journal says why', async () => {
    const r = await env.run('products.export');
    expect(r.record.status).toBe('succeeded');
    expect(r.lines.some((l) => l.includes('shop.woocommerce.mediaUser'))).toBe(true);
    expect(env.sim.state.media.list()).toHaveLength(0);
  });

  test('article images are uploaded once to the media library and attached to their product', async () => {
    withMedia();
    const r = await env.run('products.export');
    expect(r.record.status).toBe('succeeded');
    const uploads = r.byRoute['POST /wp/v2/media'] ?? Object.entries(r.byRoute).filter(([k]) => k.includes('media')).reduce((n, [, v]) => n + v, 0);
    expect(uploads).toBeGreaterThan(0);
    const withImages = (await env.products()).filter((p) => p.images.length > 0);
    expect(withImages.length).toBeGreaterThan(0);
    const mediaIds = new Set(env.sim.state.media.list().map((m: { id: number }) => m.id));
    for (const p of withImages) for (const img of p.images) expect(mediaIds.has(img.id)).toBe(true);
    // Nothing changed: no upload, no write.
    const again = await env.run('products.export');
    expect(again.writeRequests).toBe(0);
  });

  test('images folder: REF.jpg and REF_01.jpg are sent for AR0003, in that order', async () => {
    withMedia();
    const folder = path.join(env.dir, 'images');
    fs.mkdirSync(folder);
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
    fs.writeFileSync(path.join(folder, 'AR0003.png'), png);
    fs.writeFileSync(path.join(folder, 'AR0003_01.png'), Buffer.concat([png, Buffer.from([0])]));
    fs.writeFileSync(path.join(folder, 'AR00031.png'), png); // another reference: not AR0003's
    env.editProfile((p) => ({ ...p, articles: { ...p.articles, images: { ...p.articles.images, fromArticle: false, fromFolder: true, folder } } }));
    await env.run('products.export');
    const ar0003 = (await env.product('AR0003'))!;
    expect(ar0003.images.map((i) => i.name ?? i.src)).toHaveLength(2);
  });
});

describe('changed since the last transfer (ART-05)', () => {
  test('only articles changed since the last export are read; the date moves to the run start', async () => {
    env.editProfile((p) => ({ ...p, articles: { ...p.articles, filters: { ...p.articles.filters, changedSinceLastTransfer: true } } }));
    await env.run('products.export');
    const date = env.profile().articles.filters.lastTransferDate;
    expect(date).not.toBeNull();
    await new Promise((r) => setTimeout(r, 20));
    await env.gescom((g) => g.updateArticle('AR0003', { name: 'Chocolat Noir 70 %' }));
    const r = await env.run('products.export');
    expect(r.record.counts.products).toEqual({ created: 0, updated: 1, unchanged: 0, skipped: 0, failed: 0 });
    expect((await env.product('AR0003'))!.name).toBe('Chocolat Noir 70 %');
    expect(env.profile().articles.filters.lastTransferDate! > date!).toBe(true);
  });
});

describe('variation groups (ART-15)', () => {
  test('variations.updateMaster false: a changed description leaves PULL as it is, its variations still follow the GesCom', async () => {
    await env.run('products.export');
    env.editProfile((p) => ({ ...p, articles: { ...p.articles, variations: { ...p.articles.variations, updateMaster: false } } }));
    await env.gescom(async (g) => {
      await g.updateArticle('AR0014', { description: 'Nouvelle description' });
      await g.setStock('AR0015', '0001', { real: '42' });
    });
    const before = (await env.product('PULL'))!;
    await env.run('products.export');
    const after = (await env.product('PULL'))!;
    expect(after.description).toBe(before.description);
    const variations = await env.variations(after.id);
    expect(variations.find((v) => v.sku === 'AR0015')?.stock_quantity).toBe(42);
  });
});

describe('a shop that stops answering mid-run', () => {
  test('the SKU look-up of a page fails: that page fails alone with the network error, the run goes on and a re-run completes', async () => {
    env.editProfile((p) => ({ ...p, http: { ...p.http, maxTries: 1 } }));
    env.sim.faults.add({ match: (m, p) => m === 'GET' && p === '/wp-json/wc/v3/products', times: 1, kind: 'reset' });
    const r = await env.run('products.export');
    expect(r.record.counts.products!.failed).toBeGreaterThan(0);
    // The whole journal in the failure message: this assertion once failed on a loaded machine only.
    expect(r.lines.some((l) => /Erreur : article AR00\d\d/.test(l)), r.lines.join('\n')).toBe(true);
    const again = await env.run('products.export');
    expect(again.record.counts.products!.failed).toBe(0);
    const skus = (await env.products()).map((p) => p.sku);
    expect(new Set(skus).size).toBe(skus.length);
    expect(skus).toContain('AR0003');
  });
});
