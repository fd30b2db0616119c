/**
 * Catalogue, stock and prices to Shopify end to end on the sample company: products.export through
 * productSet (collections for categories, variants, metafields), then stock and price runs that
 * send only what changed: inventorySetQuantities with changeFromQuantity and the idempotency key,
 * at most one call per 250 quantities; promotions as compare-at prices; nothing sent when nothing
 * changed; productSet never drops what the shop product keeps (tags, collections); variable products
 * found again by their master reference.
 */
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openShop } from '../../src/shops/open-shop.js';
import type { ProductDraft, VariationDraft } from '../../src/sync/drafts.js';
import { PRODUCT_KIND, VARIATION_KIND } from '../../src/sync/engine/product-sync.js';
import { productDraft } from '../shops/contract.js';
import { ShopifyEnv, removeSampleDb } from './adapter-support.js';

let env: ShopifyEnv;
beforeEach(async () => {
  env = await ShopifyEnv.start();
});
afterEach(async () => {
  await env?.close();
});
afterAll(removeSampleDb);

interface HeldVariant { sku: string; price: string; compareAtPrice: string | null; inventoryQuantity: number; product: { id: string; title: string; status: string; tags: string[]; collections: { nodes: { title: string }[] } } }

function variant(sku: string): HeldVariant {
  const d = env.query<{ productVariants: { nodes: HeldVariant[] } }>(
    'query($q: String) { productVariants(first: 5, query: $q) { nodes { sku price compareAtPrice inventoryQuantity product { id title status tags collections(first: 10) { nodes { title } } } } } }',
    { q: `sku:${sku}` });
  const v = d.productVariants.nodes.find((x) => x.sku === sku);
  if (!v) throw new Error(`no variant ${sku}`);
  return v;
}

function media(productId: string): { mediaContentType: string; status: string }[] {
  return env.query<{ product: { media: { nodes: { mediaContentType: string; status: string }[] } } }>(
    'query($id: ID!) { product(id: $id) { media(first: 10) { nodes { mediaContentType status } } } }', { id: productId }).product.media.nodes;
}

describe('catalogue to Shopify', () => {
  test('products.export creates products with collections and stock; a second run with nothing changed sends no mutation but reads', async () => {
    const r = await env.run('products.export');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    expect(r.byField.productSet).toBeGreaterThan(3);
    const gescom = await env.gescom(async (g) => ({ a: await g.article('AR0003') }));
    const v = variant('AR0003');
    expect(v.product.title).toBe(gescom.a!.name);
    expect(v.product.status).toBe('ACTIVE');
    expect(v.product.collections.nodes.length).toBeGreaterThan(0);
    expect(r.byField.collectionCreate).toBeGreaterThan(0);
    // The article's image went through a staged upload and is a ready image of the product.
    expect(r.byField.stagedUploadsCreate).toBeGreaterThan(0);
    expect(media(v.product.id)).toEqual([{ mediaContentType: 'IMAGE', status: 'READY' }]);

    const stock = await env.run('products.stocks');
    expect(stock.record.status, stock.lines.join('\n')).toBe('succeeded');
    expect(stock.byField.inventorySetQuantities ?? 0).toBe(0);
    const prices = await env.run('products.prices');
    expect(prices.byField.productVariantsBulkUpdate ?? 0).toBe(0);
  });

  test('one stock changed: one inventorySetQuantities call; a new price: one productVariantsBulkUpdate', async () => {
    await env.run('products.export');
    const before = variant('AR0003').inventoryQuantity;
    await env.gescom((g) => g.setStock('AR0003', '0001', { real: String(before + 7) }));
    const r = await env.run('products.stocks');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    expect(r.byField.inventorySetQuantities).toBe(1);
    expect(variant('AR0003').inventoryQuantity).toBe(before + 7);

    await env.gescom((g) => g.setPrice('AR0003', 1, '5.20'));
    const p = await env.run('products.prices');
    expect(p.record.status, p.lines.join('\n')).toBe('succeeded');
    expect(p.byField.productVariantsBulkUpdate).toBe(1);
    // 5.20 excluding tax in the GesCom, sent tax included (prices.base TTC) at AR0003's 5.5 %.
    expect(variant('AR0003').price).toBe('5.49');
  });

  test('stocks of several products changed: their variants are read together, not one product at a time', async () => {
    await env.run('products.export');
    const codes = ['AR0001', 'AR0003', 'AR0004'];
    const before = codes.map((c) => variant(c).inventoryQuantity);
    for (const [i, c] of codes.entries()) await env.gescom((g) => g.setStock(c, '0001', { real: String(before[i]! + 3) }));
    const r = await env.run('products.stocks');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    expect(codes.map((c) => variant(c).inventoryQuantity)).toEqual(before.map((q) => q + 3));
    expect(r.byField.inventorySetQuantities).toBe(1);
    // One read of the three products' variants, none of them on its own.
    expect(r.byField.nodes ?? 0).toBeGreaterThanOrEqual(1);
    expect(r.byField.product ?? 0).toBe(0);
  });

  test('an update keeps the tags and collections the merchant added in Shopify', async () => {
    await env.run('products.export');
    const id = variant('AR0003').product.id;
    env.query('mutation($id: ID!) { tagsAdd(id: $id, tags: ["vitrine"]) { userErrors { message } } }', { id });
    await env.gescom((g) => g.updateArticle('AR0003', { name: 'Chocolat Noir Intense' }));
    const r = await env.run('products.export');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    const v = variant('AR0003');
    expect(v.product.title).toBe('Chocolat Noir Intense');
    // The image already sent is neither uploaded again nor dropped by productSet.
    expect(r.byField.stagedUploadsCreate ?? 0).toBe(0);
    expect(media(id)).toHaveLength(1);
    expect(v.product.tags).toContain('vitrine');
    expect(v.product.collections.nodes.length).toBeGreaterThan(0);
  });
});

/**
 * Variable products found by their master reference: Shopify products hold no SKU, the master
 * reference is a metafield (articles.variations.shopMasterField) searched through a definition with
 * filtering on, made by the adapter when missing; a definition without filtering is said once and
 * the lookup finds nothing (the search would return every product).
 */
function port(warnings: string[]) {
  return openShop(env.profile(), { state: env.app.state, warn: (m) => warnings.push(typeof m === 'string' ? m : JSON.stringify(m)) });
}

describe('variable products by master reference', () => {
  test('the product holding PULL in custom.reference_maitre is found, through a filterable definition the adapter made', async () => {
    const r = await env.run('products.export');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    const warnings: string[] = [];
    const found = await port(warnings).findProductsBySku(['PULL', 'AUCUNE-REF']);
    expect(found.get('PULL')).toMatchObject({ kind: 'variable', parentId: null });
    // The product found is the one whose variants are the pullover's variations (AR0014..AR0017).
    const skus = env.query<{ product: { variants: { nodes: { sku: string }[] } } }>(
      'query($id: ID!) { product(id: $id) { variants(first: 10) { nodes { sku } } } }', { id: found.get('PULL')!.id }).product.variants.nodes.map((v) => v.sku);
    expect(skus.sort()).toEqual(['AR0014', 'AR0015', 'AR0016', 'AR0017']);
    expect(found.has('AUCUNE-REF')).toBe(false);
    const defs = [...env.sim.state.metafieldDefinitions.values()];
    expect(defs.map((d) => [d.ownerType, d.namespace, d.key, d.adminFilterable])).toEqual([['PRODUCT', 'custom', 'reference_maitre', true]]);
    expect(warnings).toEqual([]);
  });

  test('a definition without filtering: said once, nothing found, no product taken for another', async () => {
    await env.run('products.export');
    env.sim.state.metafieldDefinitions.clear();
    env.query('mutation($d: MetafieldDefinitionInput!) { metafieldDefinitionCreate(definition: $d) { userErrors { message } } }', {
      d: { name: 'Référence maître', namespace: 'custom', key: 'reference_maitre', type: 'single_line_text_field', ownerType: 'PRODUCT' },
    });
    const warnings: string[] = [];
    const shop = port(warnings);
    expect((await shop.findProductsBySku(['PULL'])).has('PULL')).toBe(false);
    expect((await shop.findProductsBySku(['PULL'])).has('PULL')).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('shopify.masterLookupOff');
  });

  test('a definition Shopify is still indexing (IN_PROGRESS): said once, no search sent, asked again until FILTERABLE', async () => {
    await env.run('products.export');
    env.sim.state.metafieldDefinitions.clear();
    env.sim.state.newDefinitionFilterStatus = 'IN_PROGRESS';
    const warnings: string[] = [];
    const shop = port(warnings);
    env.sim.resetStats();
    expect((await shop.findProductsBySku(['PULL'])).has('PULL')).toBe(false);
    expect((await shop.findProductsBySku(['PULL'])).has('PULL')).toBe(false);
    // The definition was made once and read again (the answer not kept); no search that would return every product.
    expect(env.sim.stats.byField.metafieldDefinitionCreate).toBe(1);
    expect(env.sim.stats.byField.metafieldDefinitions).toBe(2);
    expect(env.sim.stats.byField.products ?? 0).toBe(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('shopify.masterFilterNotReady');
    expect(warnings[0]).toContain('IN_PROGRESS');
    // Shopify has finished indexing: the same port finds the product.
    for (const d of env.sim.state.metafieldDefinitions.values()) d.filterStatus = 'FILTERABLE';
    expect((await shop.findProductsBySku(['PULL'])).get('PULL')).toMatchObject({ kind: 'variable' });
    expect(warnings).toHaveLength(1);
  });

  test('a big batch (bulk read, bulkThreshold 1) finds the variable product again by its master reference: no copy made', async () => {
    await env.close();
    env = await ShopifyEnv.start({}, { bulkThreshold: 1 });
    const first = await env.run('products.export');
    expect(first.record.status, first.lines.join('\n')).toBe('succeeded');
    const products = () => env.query<{ productsCount: { count: number } }>('{ productsCount { count } }').productsCount.count;
    const holders = (sku: string) => env.query<{ productVariants: { nodes: { sku: string }[] } }>(
      'query($q: String) { productVariants(first: 10, query: $q) { nodes { sku } } }', { q: `sku:${sku}` }).productVariants.nodes.filter((v) => v.sku === sku).length;
    const before = products();
    // The profile forgets what it bound: the next export must find every product in the shop again.
    const profile = env.profile().name;
    for (const kind of [PRODUCT_KIND, VARIATION_KIND]) {
      for (const key of env.app.state.bindings(profile, kind).keys()) env.app.state.deleteBinding(profile, kind, key);
    }
    const second = await env.run('products.export');
    expect(second.record.status, second.lines.join('\n')).toBe('succeeded');
    expect(second.byField.bulkOperationRunQuery).toBeGreaterThan(0);
    expect(products()).toBe(before);
    expect(holders('AR0014')).toBe(1);
    expect(env.app.state.binding(profile, PRODUCT_KIND, 'PULL')?.shopId).toMatch(/^gid:\/\/shopify\/Product\//);
  });
});

// A product with more variants than productSet's answer shows (250): an update still finds every variant's inventory item.
const PRICE = { regular: '12.00', sale: null, purchase: null, ecotax: null, groups: [] };

function variation(n: number, quantity: number): VariationDraft {
  const code = `MV${String(n).padStart(4, '0')}`;
  return {
    gescomCode: code, aspects: { stock: { quantity }, price: PRICE, status: { active: true } }, sku: code,
    attributes: [{ name: 'Taille', value: `T${n}` }], price: PRICE, stock: { quantity, minQuantity: null },
    weight: null, barcode: null, active: true, images: [],
  };
}

function manyVariants(count: number, quantityOf: (n: number) => number): ProductDraft {
  const variations = Array.from({ length: count }, (_, i) => variation(i + 1, quantityOf(i + 1)));
  return productDraft('MV', {
    kind: 'variable', aspects: null, variations,
    variationAttributes: [{ name: 'Taille', values: variations.map((v) => v.attributes[0]!.value) }],
  });
}

function heldQuantity(sku: string): number {
  const d = env.query<{ productVariants: { nodes: { sku: string; inventoryQuantity: number }[] } }>(
    'query($q: String) { productVariants(first: 5, query: $q) { nodes { sku inventoryQuantity } } }', { q: `sku:${sku}` });
  return d.productVariants.nodes.find((v) => v.sku === sku)!.inventoryQuantity;
}

test('260 variants: an update sets the stock of a variant beyond the 250 productSet answers with', async () => {
  const shop = openShop(env.profile(), { state: env.app.state, warn: () => undefined });
  const [created] = await shop.writeProducts([{ draft: manyVariants(260, () => 5), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] }]);
  expect(created!.ok, String(created!.error)).toBe(true);
  expect(heldQuantity('MV0260')).toBe(5);
  const [updated] = await shop.writeProducts([{ draft: manyVariants(260, (n) => (n === 258 ? 42 : 5)), shopId: created!.shopId, aspects: 'all', categoryIds: [], linkedIds: [] }]);
  expect(updated!.ok, String(updated!.error)).toBe(true);
  expect(heldQuantity('MV0258')).toBe(42);
  expect(heldQuantity('MV0001')).toBe(5);
});

test('a failed read of the shop\'s country: said once, that batch unchecked, the next batch reads it again and checks the VAT rate', async () => {
  const warnings: string[] = [];
  const shop = openShop(env.profile(), { state: env.app.state, warn: (m) => warnings.push(typeof m === 'string' ? m : JSON.stringify(m)), http: { maxTries: 1 } });
  const write = (key: string) => shop.writeProducts([{ draft: productDraft(key, { vatRate: '7.7' }), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] }]);
  env.sim.faults.add({ kind: 'status5xx', times: 1, match: 'shop' });
  const [unchecked] = await write('TVA-A');
  expect(unchecked!.ok, String(unchecked!.error)).toBe(true);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain('shopify.vatCheckUnavailable');
  // The country (France) is read again: 7.7 % is none of its rates, the article is refused and not created.
  const [refused] = await write('TVA-B');
  expect(refused!.ok).toBe(false);
  expect(JSON.stringify(refused!.error)).toContain('shopify.vatRateUnknown');
  expect(env.query<{ productVariants: { nodes: unknown[] } }>('{ productVariants(first: 5, query: "sku:TVA-B") { nodes { id } } }').productVariants.nodes).toHaveLength(0);
  expect(warnings).toHaveLength(1);
});
