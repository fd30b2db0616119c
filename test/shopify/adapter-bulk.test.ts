/**
 * Big catalogues on Shopify: at or above shop.shopify.bulkThreshold, products.export writes through
 * one bulkOperationRunMutation over a staged JSONL of productSet variables, and a reconciliation
 * reads every variant through bulkOperationRunQuery (JSONL) instead of pages. Updates of existing
 * products send what the plain path sends (metafields, new images, collections) through a second
 * bulk write, productUpdate, that adds without replacing. Variable products go in the same bulk
 * productSet, and their variations are bound from the variants its result lines show, not read back
 * one product at a time (one read per variable product made the benchmark's full export with 1,000
 * variable products ten times slower); beyond the 250 an answer shows, they are read in pages.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openShop } from '../../src/shops/open-shop.js';
import { readProductDrafts } from '../../src/sync/engine/catalogue-reader.js';
import { PRODUCT_KIND, VARIATION_KIND } from '../../src/sync/engine/product-sync.js';
import { variableDraft } from '../shops/contract.js';
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

interface HeldProduct {
  id: string; title: string;
  options: { name: string; values: string[] }[];
  variants: { nodes: { id: string; sku: string; price: string; selectedOptions: { name: string; value: string }[] }[] };
}

/** The product holding `sku`, with every variant (SKU, price, options). */
function productOf(sku: string): HeldProduct {
  const d = env.query<{ productVariants: { nodes: { sku: string; product: HeldProduct }[] } }>(
    `query($q: String) { productVariants(first: 5, query: $q) { nodes { sku product { id title options { name values }
      variants(first: 250) { nodes { id sku price selectedOptions { name value } } } } } } }`, { q: `sku:${sku}` });
  const v = d.productVariants.nodes.find((x) => x.sku === sku);
  if (!v) throw new Error(`no product holds ${sku}`);
  return v.product;
}

/** Two more variation groups on the sample company, beside the pullovers (PULL: AR0014..AR0017). */
const GROUPS: Record<string, [code: string, value: string][]> = {
  BOISSON: [['AR0007', 'Jus de pomme'], ['AR0008', 'Côtes du Rhône']],
  VAISSELLE: [['AR0010', 'Mug'], ['AR0011', 'Verre']],
};

function groupInGesCom(): Promise<void> {
  return env.gescom(async (g) => {
    for (const [master, members] of Object.entries(GROUPS)) {
      for (const [code, value] of members) await g.updateArticle(code, { customFields: { 'Référence maître': master, 'Gamme 1': 'Modèle', 'Valeur Gamme 1': value } });
    }
  });
}

describe('variable products above the bulk threshold', () => {
  test('one bulk productSet for simple and variable products alike; variations bound from its answer, no product read back', async () => {
    await groupInGesCom();
    const r = await env.run('products.export');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    expect(r.record.counts.variations).toMatchObject({ created: 8, failed: 0 });
    expect(r.record.counts.products?.failed ?? 0).toBe(0);
    // The simple products' page, then the groups' page (the catalogue reader groups at the end): each at the threshold, each one bulk operation.
    expect(r.byField.bulkOperationRunMutation).toBe(2);
    expect(r.byField.productSet ?? 0).toBe(0);
    // Neither a product read (one per variable product before) nor a variant search.
    expect(r.byField.product ?? 0).toBe(0);
    expect(r.byField.productVariants ?? 0).toBe(0);
    expect(r.byField.nodes ?? 0).toBe(0);

    const profile = env.profile().name;
    // Each variant at its article's price tax included (the profile's base).
    const prices = new Map<string, string>();
    await env.gescom(async (g) => {
      for (const code of [...Object.values(GROUPS).flat().map(([c]) => c), 'AR0014', 'AR0015', 'AR0016', 'AR0017']) {
        prices.set(code, (await g.article(code))!.salePriceTtc);
      }
    });
    for (const [master, members] of [...Object.entries(GROUPS), ['PULL', [['AR0014', 'Rouge'], ['AR0015', 'Vert'], ['AR0016', 'Jaune'], ['AR0017', 'Bleu']]] as const]) {
      const held = productOf(members[0]![0]);
      expect(env.app.state.binding(profile, PRODUCT_KIND, master)?.shopId, master).toBe(held.id);
      expect(held.variants.nodes.map((v) => v.sku).sort(), master).toEqual(members.map(([c]) => c).sort());
      for (const [code] of members) {
        const v = held.variants.nodes.find((x) => x.sku === code)!;
        // The binding names this very variant of this product (what later stock and price runs write to).
        expect(env.app.state.binding(profile, VARIATION_KIND, code)?.shopId, code).toBe(`${held.id}/${v.id}`);
        expect(v.price, code).toBe(prices.get(code));
      }
      if (master !== 'PULL') {
        expect(held.options).toEqual([{ name: 'Modèle', values: members.map(([, value]) => value) }]);
        for (const [code, value] of members) expect(held.variants.nodes.find((x) => x.sku === code)!.selectedOptions).toEqual([{ name: 'Modèle', value }]);
      }
    }

    // Bound with their hashes: the next export sends and reads nothing.
    const again = await env.run('products.export');
    expect(again.record.status, again.lines.join('\n')).toBe('succeeded');
    expect(again.record.counts.variations).toMatchObject({ created: 0, updated: 0, unchanged: 8 });
    expect(again.byField.bulkOperationRunMutation ?? 0).toBe(0);
    expect(again.byField.productSet ?? 0).toBe(0);
    expect(again.byField.product ?? 0).toBe(0);
  });

  test('variable products updated above the threshold: one bulk productSet, their variations\' stock levels read once, nothing written or read one product at a time', async () => {
    await groupInGesCom();
    const first = await env.run('products.export');
    expect(first.record.status, first.lines.join('\n')).toBe('succeeded');
    // The pullovers too: three variable products, the threshold.
    const members = [...Object.values(GROUPS).flat().map(([code]) => code), 'AR0014', 'AR0015', 'AR0016', 'AR0017'];
    const profile = env.profile().name;
    const boundBefore = members.map((code) => env.app.state.binding(profile, VARIATION_KIND, code)?.shopId);
    const quantity = (sku: string) => env.query<{ productVariants: { nodes: { sku: string; inventoryQuantity: number }[] } }>(
      'query($q: String) { productVariants(first: 5, query: $q) { nodes { sku inventoryQuantity } } }', { q: `sku:${sku}` }).productVariants.nodes.find((v) => v.sku === sku)!.inventoryQuantity;
    const stockBefore = new Map(['AR0008', 'AR0011'].map((code) => [code, quantity(code)]));

    // New prices for every member, more stock for two of them.
    await env.gescom(async (g) => {
      for (const code of members) await g.setPrice(code, 1, String(Number((await g.price(code, 1))!.price) + 1));
      for (const [code, more] of [['AR0008', 5], ['AR0011', 2]] as const) {
        const real = (await g.stockLevels(code)).find((l) => l.depotCode === '0001')!.real;
        await g.setStock(code, '0001', { real: String(Number(real) + more) });
      }
    });
    // The price each variation's draft now carries (price category 1, tax included): what must reach its variant.
    const prices = new Map<string, string>();
    await env.gescom(async (g) => {
      for await (const page of readProductDrafts(g, env.profile(), { withFiles: false, now: new Date() }, () => undefined)) {
        for (const d of page) for (const v of d.variations) prices.set(v.gescomCode, v.price.regular);
      }
    });
    expect([...prices.keys()]).toEqual(expect.arrayContaining(members));
    const r = await env.run('products.export');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    expect(r.record.counts.products).toMatchObject({ updated: 3, failed: 0 });
    expect(r.record.counts.variations).toMatchObject({ updated: 8, failed: 0 });
    // The bulk productSet and the bulk productUpdate of what it would replace (the master reference).
    expect(r.byField.bulkOperationRunMutation).toBe(2);
    expect(r.byField.productSet ?? 0).toBe(0);
    expect(r.byField.product ?? 0).toBe(0);
    expect(r.byField.metafieldsSet ?? 0).toBe(0);
    // The variations' levels read once for the batch (the simulator's productSet, matching the variants on their
    // options, took the quantities already: nothing left to set).
    expect(r.byField.nodes).toBe(1);
    expect(r.byField.inventorySetQuantities ?? 0).toBe(0);
    for (const code of members) {
      const held = productOf(code).variants.nodes.find((v) => v.sku === code)!;
      expect(held.price, code).toBe(prices.get(code));
    }
    expect(quantity('AR0008')).toBe(stockBefore.get('AR0008')! + 5);
    expect(quantity('AR0011')).toBe(stockBefore.get('AR0011')! + 2);
    // The same variants: productSet kept them (by id), the bindings still name them.
    expect(members.map((code) => env.app.state.binding(profile, VARIATION_KIND, code)?.shopId)).toEqual(boundBefore);
    for (const [i, code] of members.entries()) expect(boundBefore[i]).toBe(`${productOf(code).id}/${productOf(code).variants.nodes.find((v) => v.sku === code)!.id}`);
  });

  test('260 variants in a bulk batch: those beyond the 250 its answer shows are read in pages and bound too; a small one needs no read', async () => {
    const shop = openShop(env.profile(), { state: env.app.state, warn: () => undefined });
    const big = variableDraft('MV', Array.from({ length: 260 }, (_, i) => [`MV${String(i + 1).padStart(4, '0')}`, `T${i + 1}`, '12.00'] as [string, string, string]));
    const small = variableDraft('SV', [['SV-S', 'S', '9.90'], ['SV-L', 'L', '11.90']]);
    const simple = variableDraft('XV', [['XV-S', 'S', '5.00']]);
    const write = (d: typeof big) => ({ draft: d, shopId: null, aspects: 'all' as const, categoryIds: [], linkedIds: [] });
    env.sim.resetStats();
    const results = await shop.writeProducts([write(big), write(small), write(simple)]);
    expect(results.map((x) => [x.key, x.ok, x.error])).toEqual([['MV', true, null], ['SV', true, null], ['XV', true, null]]);
    expect(env.sim.stats.byField.bulkOperationRunMutation).toBe(1);
    expect(env.sim.stats.byField.productSet ?? 0).toBe(0);

    const [, sv] = results;
    env.sim.resetStats();
    const bound = await shop.writeVariations(sv!.shopId!, small, small.variations.map((v) => ({ draft: v, shopId: null, aspects: 'all' })));
    expect(env.sim.stats.graphqlRequests).toBe(0);
    const held = productOf('SV-S');
    expect(bound.map((x) => [x.key, x.ok, x.created, x.shopId])).toEqual(
      ['SV-S', 'SV-L'].map((sku) => [sku, true, true, held.variants.nodes.find((v) => v.sku === sku)!.id]));
    expect(held.variants.nodes.map((v) => [v.sku, v.price])).toEqual([['SV-S', '9.90'], ['SV-L', '11.90']]);

    const [mv] = results;
    env.sim.resetStats();
    const many = await shop.writeVariations(mv!.shopId!, big, big.variations.map((v) => ({ draft: v, shopId: null, aspects: 'all' })));
    // Nothing written again: the variants are read (100 a page), all 260 bound.
    expect(env.sim.stats.byField.productSet ?? 0).toBe(0);
    expect(env.sim.stats.byField.product).toBe(3);
    expect(many.filter((x) => x.ok && x.shopId)).toHaveLength(260);
    const last = env.query<{ productVariants: { nodes: { id: string; sku: string; product: { id: string } }[] } }>(
      '{ productVariants(first: 5, query: "sku:MV0260") { nodes { id sku product { id } } } }').productVariants.nodes.find((v) => v.sku === 'MV0260')!;
    expect(last.product.id).toBe(mv!.shopId);
    expect(many.find((x) => x.key === 'MV0260')?.shopId).toBe(last.id);
  });
});
