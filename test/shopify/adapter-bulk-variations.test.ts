/**
 * Variable products in a big export: above shop.shopify.bulkThreshold they go with the simple ones
 * in the bulk productSet, and their variations are bound from the variants its result lines show,
 * not read back one product at a time (one read per variable product made the benchmark's full
 * export with 1,000 variable products ten times slower). A product with more variants than a
 * productSet answer shows (250) has them read in pages.
 */
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { openShop } from '../../src/shops/open-shop.js';
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

describe('variable products above the bulk threshold', () => {
  test('one bulk productSet for simple and variable products alike; variations bound from its answer, no product read back', async () => {
    await env.gescom(async (g) => {
      for (const [master, members] of Object.entries(GROUPS)) {
        for (const [code, value] of members) await g.updateArticle(code, { customFields: { 'Référence maître': master, 'Gamme 1': 'Modèle', 'Valeur Gamme 1': value } });
      }
    });
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
