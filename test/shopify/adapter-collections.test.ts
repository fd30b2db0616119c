/**
 * Nested categories on Shopify's flat collections: a child collection names its parent (metafield
 * read back by categories()), its handle starts with its parent's so that two categories of one
 * name under two parents never collide, and, per shop.shopify.collectionsWithAncestors, a product
 * joins its categories' ancestors too, in the plain and in the bulk path, never leaving a
 * collection the merchant put it in.
 */
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { openShop } from '../../src/shops/open-shop.js';
import { productDraft } from '../shops/contract.js';
import { ShopifyEnv, removeSampleDb } from './adapter-support.js';

let env: ShopifyEnv;
afterEach(async () => {
  await env?.close();
});
afterAll(removeSampleDb);

/** Categories from the articles' "Catalogue 1" (parent) and "Catalogue 2" (child) fields of the sample company. */
async function start(shopify: Record<string, unknown> = {}): Promise<ShopifyEnv> {
  env = await ShopifyEnv.start({}, shopify);
  env.editProfile((p) => ({ ...p, articles: { ...p.articles, categories: { ...p.articles.categories, source: 'customFields', customFields: ['Catalogue 1', 'Catalogue 2'] } } }));
  return env;
}

interface HeldCollection { id: string; title: string; handle: string; parent: { value: string } | null }

function collections(): HeldCollection[] {
  return env.query<{ collections: { nodes: HeldCollection[] } }>(
    '{ collections(first: 100) { nodes { id title handle parent: metafield(namespace: "passerelle", key: "parent_collection") { value } } } }').collections.nodes;
}

function collectionsOf(sku: string): string[] {
  const d = env.query<{ productVariants: { nodes: { sku: string; product: { collections: { nodes: { title: string }[] } } }[] } }>(
    'query($q: String) { productVariants(first: 5, query: $q) { nodes { sku product { collections(first: 20) { nodes { title } } } } } }', { q: `sku:${sku}` });
  return d.productVariants.nodes.find((v) => v.sku === sku)!.product.collections.nodes.map((c) => c.title).sort();
}

function productId(sku: string): string {
  return env.query<{ productVariants: { nodes: { sku: string; product: { id: string } }[] } }>(
    'query($q: String) { productVariants(first: 5, query: $q) { nodes { sku product { id } } } }', { q: `sku:${sku}` })
    .productVariants.nodes.find((v) => v.sku === sku)!.product.id;
}

/** A collection the merchant made in Shopify with one product in it. */
function handMade(title: string, sku: string): void {
  const c = env.query<{ collectionCreate: { collection: { id: string } } }>(
    'mutation($c: CollectionCreateInput!) { collectionCreate(collection: $c) { collection { id } userErrors { message } } }', { c: { title } });
  env.query('mutation($id: ID!, $p: [ID!]!) { collectionAddProducts(id: $id, productIds: $p) { userErrors { message } } }',
    { id: c.collectionCreate.collection.id, p: [productId(sku)] });
}

describe('nested categories as Shopify collections', () => {
  test('a child collection names its parent and its handle starts with the parent\'s; a product joins the ancestors (default)', async () => {
    await start();
    const r = await env.run('products.export');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    const all = collections();
    const parent = all.find((c) => c.title === 'Épicerie fine')!;
    const child = all.find((c) => c.title === 'Cafés')!;
    expect(parent.parent).toBeNull();
    expect(child).toMatchObject({ handle: 'epicerie-fine-cafes', parent: { value: parent.id } });
    // AR0001 is in Épicerie fine > Cafés: the nested menu's "Épicerie fine" holds it too.
    expect(collectionsOf('AR0001')).toEqual(['Cafés', 'Épicerie fine']);

    // A second run finds every collection again (same name under the same parent): nothing created, nothing moved.
    const again = await env.run('products.export');
    expect(again.record.counts.categories).toMatchObject({ created: 0 });
    expect(collections()).toHaveLength(all.length);
  });

  test('shop.shopify.collectionsWithAncestors off: the product is in its own categories only', async () => {
    await start({ collectionsWithAncestors: false });
    const r = await env.run('products.export');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    expect(collectionsOf('AR0001')).toEqual(['Cafés']);
  });

  test('plain path: an update joins the ancestors and keeps the collection the merchant added', async () => {
    await start({ collectionsWithAncestors: false });
    await env.run('products.export');
    handMade('Vitrine de Noël', 'AR0001');
    env.editProfile((p) => ({ ...p, shop: { ...p.shop, shopify: { ...p.shop.shopify, collectionsWithAncestors: true } } }));
    await env.gescom((g) => g.updateArticle('AR0001', { name: 'Café moulu pur arabica' }));
    const r = await env.run('products.export');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    expect(r.byField.productSet).toBeGreaterThan(0);
    expect(collectionsOf('AR0001')).toEqual(['Cafés', 'Vitrine de Noël', 'Épicerie fine']);
  });

  test('bulk path: updates join the ancestors without leaving the merchant\'s collection', async () => {
    await start({ bulkThreshold: 3, collectionsWithAncestors: false });
    const first = await env.run('products.export');
    expect(first.byField.bulkOperationRunMutation).toBeGreaterThan(0);
    expect(collectionsOf('AR0001')).toEqual(['Cafés']);
    handMade('Vitrine de Noël', 'AR0001');
    env.editProfile((p) => ({ ...p, shop: { ...p.shop, shopify: { ...p.shop.shopify, collectionsWithAncestors: true } } }));
    await env.gescom(async (g) => {
      for (const code of ['AR0001', 'AR0002', 'AR0003']) await g.updateArticle(code, { name: `Nouveau nom ${code}` });
    });
    const r = await env.run('products.export');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    expect(r.byField.productSet ?? 0).toBe(0);
    expect(r.byField.bulkOperationRunMutation).toBe(2);
    expect(collectionsOf('AR0001')).toEqual(['Cafés', 'Vitrine de Noël', 'Épicerie fine']);
    expect(collectionsOf('AR0002')).toEqual(['Chocolats', 'Desserts et friandises']);
  });

  test('two categories of one name under two parents: two handles, each parent read back; a category moved to the top loses its parent', async () => {
    await start();
    const shop = openShop(env.profile(), { state: env.app.state, warn: () => undefined });
    const [homme, femme] = await shop.createCategories([{ key: 'H', name: 'Homme', parentId: null }, { key: 'F', name: 'Femme', parentId: null }]);
    const made = await shop.createCategories([
      { key: 'H/A', name: 'Accessoires', parentId: homme!.shopId }, { key: 'F/A', name: 'Accessoires', parentId: femme!.shopId },
    ]);
    expect(made.every((m) => m.ok)).toBe(true);
    const byId = new Map(collections().map((c) => [c.id, c]));
    expect(byId.get(made[0]!.shopId!)).toMatchObject({ title: 'Accessoires', handle: 'homme-accessoires' });
    expect(byId.get(made[1]!.shopId!)).toMatchObject({ title: 'Accessoires', handle: 'femme-accessoires' });

    // Another port (another run) reads the tree back from the shop.
    const listed = await openShop(env.profile(), { state: env.app.state, warn: () => undefined }).categories();
    expect(listed.filter((c) => c.name === 'Accessoires').map((c) => c.parentId).sort()).toEqual([homme!.shopId, femme!.shopId].sort());

    expect((await shop.updateCategories([{ key: 'F/A', id: made[1]!.shopId!, name: 'Accessoires femme', parentId: null }]))[0]!.ok).toBe(true);
    const moved = (await shop.categories()).find((c) => c.id === made[1]!.shopId)!;
    expect(moved).toMatchObject({ name: 'Accessoires femme', parentId: null, slug: 'femme-accessoires' });
  });

  test('a failed read of the collections fails only the products that need it: the others and the aspect-only writes go on', async () => {
    await start();
    const first = openShop(env.profile(), { state: env.app.state, warn: () => undefined });
    const [cat] = await first.createCategories([{ key: 'C', name: 'Cafés', parentId: null }]);
    const [made] = await first.writeProducts([{ draft: productDraft('COL-A'), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] }]);
    expect(made!.ok, String(made!.error)).toBe(true);
    // Another run: its first read of the collections fails (no retry).
    const shop = openShop(env.profile(), { state: env.app.state, warn: () => undefined, http: { maxTries: 1 } });
    env.sim.faults.add({ kind: 'status5xx', times: 1, match: 'collections' });
    env.sim.resetStats();
    const results = await shop.writeProducts([
      { draft: productDraft('COL-B'), shopId: null, aspects: 'all', categoryIds: [cat!.shopId!], linkedIds: [] },
      { draft: productDraft('COL-C'), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] },
      { draft: productDraft('COL-D'), shopId: null, aspects: 'all', categoryIds: [cat!.shopId!], linkedIds: [] },
      { draft: productDraft('COL-A', { stock: { quantity: 7, minQuantity: null } }), shopId: made!.shopId, aspects: 'stock', categoryIds: [], linkedIds: [] },
    ]);
    const byKey = new Map(results.map((r) => [r.key, r]));
    expect(byKey.get('COL-B')).toMatchObject({ ok: false, created: false });
    expect(byKey.get('COL-D')).toMatchObject({ ok: false, created: false });
    expect(byKey.get('COL-C')?.ok, String(byKey.get('COL-C')?.error)).toBe(true);
    expect(byKey.get('COL-A')?.ok, String(byKey.get('COL-A')?.error)).toBe(true);
    const held = (sku: string) => env.query<{ productVariants: { nodes: { sku: string; inventoryQuantity: number }[] } }>(
      'query($q: String) { productVariants(first: 5, query: $q) { nodes { sku inventoryQuantity } } }', { q: `sku:${sku}` }).productVariants.nodes.filter((v) => v.sku === sku);
    expect(held('COL-B')).toEqual([]);
    expect(held('COL-C')).toHaveLength(1);
    expect(held('COL-A')).toEqual([{ sku: 'COL-A', inventoryQuantity: 7 }]);
    // The collections were read once (the fault), not once per product.
    expect(env.sim.stats.log.filter((l) => l.fields.includes('collections'))).toHaveLength(1);
  });

  test('automated (smart) collections holding the child\'s handle: collectionCreate refuses it, the next free suffix is taken', async () => {
    await start();
    const shop = openShop(env.profile(), { state: env.app.state, warn: () => undefined });
    const [homme] = await shop.createCategories([{ key: 'H', name: 'Homme', parentId: null }]);
    // The merchant's automated collections (not in the custom collections the adapter reads).
    const s = env.sim.state;
    for (const handle of ['homme-accessoires', 'homme-accessoires-2']) {
      const id = s.id();
      s.collections.set(id, {
        id, title: `Auto ${handle}`, handle, descriptionHtml: '', productIds: [], sortOrder: 'BEST_SELLING', smart: true,
        seo: { title: null, description: null }, createdAt: s.now(), updatedAt: s.now(),
      });
    }
    const [made] = await shop.createCategories([{ key: 'H/A', name: 'Accessoires', parentId: homme!.shopId }]);
    expect(made!.ok, String(made!.error)).toBe(true);
    const byId = new Map(collections().map((c) => [c.id, c]));
    expect(byId.get(made!.shopId!)).toMatchObject({ title: 'Accessoires', handle: 'homme-accessoires-3', parent: { value: homme!.shopId } });
    expect([...s.collections.values()].filter((c) => c.smart).map((c) => c.title)).toEqual(['Auto homme-accessoires', 'Auto homme-accessoires-2']);
  });
});
