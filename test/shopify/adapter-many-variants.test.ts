/**
 * A product with more variants than productSet's answer shows (250): an update still finds every
 * variant's inventory item, so the stock of the 260th variation reaches the shop.
 */
import { afterAll, afterEach, beforeEach, expect, test } from 'vitest';
import { openShop } from '../../src/shops/open-shop.js';
import type { ProductDraft, VariationDraft } from '../../src/sync/drafts.js';
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

function held(sku: string): number {
  const d = env.query<{ productVariants: { nodes: { sku: string; inventoryQuantity: number }[] } }>(
    'query($q: String) { productVariants(first: 5, query: $q) { nodes { sku inventoryQuantity } } }', { q: `sku:${sku}` });
  return d.productVariants.nodes.find((v) => v.sku === sku)!.inventoryQuantity;
}

test('260 variants: an update sets the stock of a variant beyond the 250 productSet answers with', async () => {
  const shop = openShop(env.profile(), { state: env.app.state, warn: () => undefined });
  const [created] = await shop.writeProducts([{ draft: manyVariants(260, () => 5), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] }]);
  expect(created!.ok, String(created!.error)).toBe(true);
  expect(held('MV0260')).toBe(5);
  const [updated] = await shop.writeProducts([{ draft: manyVariants(260, (n) => (n === 258 ? 42 : 5)), shopId: created!.shopId, aspects: 'all', categoryIds: [], linkedIds: [] }]);
  expect(updated!.ok, String(updated!.error)).toBe(true);
  expect(held('MV0258')).toBe(42);
  expect(held('MV0001')).toBe(5);
});
