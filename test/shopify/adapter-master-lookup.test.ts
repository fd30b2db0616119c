/**
 * Variable products found by their master reference: Shopify products hold no SKU, the master
 * reference is a metafield (articles.variations.shopMasterField) searched through a definition with
 * filtering on, made by the adapter when missing; a definition without filtering is said once and
 * the lookup finds nothing (the search would return every product).
 */
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openShop } from '../../src/shops/open-shop.js';
import { ShopifyEnv, removeSampleDb } from './adapter-support.js';

let env: ShopifyEnv;
beforeEach(async () => {
  env = await ShopifyEnv.start();
});
afterEach(async () => {
  await env?.close();
});
afterAll(removeSampleDb);

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
});
