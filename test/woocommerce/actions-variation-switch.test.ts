/**
 * Catalogue edge (issue 7): articles exported once as simple products, later grouped
 * as variations (articles.variations switched on). The simple products hold the SKUs
 * the variations need; they are retired (draft, SKU freed and kept in
 * _gescom_retired_sku, nothing deleted) and the variations created, with a journal
 * line per retired product and no failure.
 */
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ActionEnv, linesWith, meta, removeSampleDb } from './support-actions.js';

let env: ActionEnv;

beforeEach(async () => {
  env = await ActionEnv.start();
});
afterEach(async () => {
  await env?.close();
});
afterAll(removeSampleDb);

const MEMBERS = ['AR0014', 'AR0015', 'AR0016', 'AR0017'];

function setGrouping(enabled: boolean): void {
  env.editProfile((p) => ({ ...p, articles: { ...p.articles, variations: { ...p.articles.variations, enabled } } }));
}

describe('switching articles.variations on after an ungrouped export', () => {
  test('one variable product with its four variations; the four old simple products retired and journalled; no failure', async () => {
    setGrouping(false);
    const first = await env.run('products.export');
    expect(first.record.status).toBe('succeeded');
    const simples = new Map((await env.products()).filter((p) => MEMBERS.includes(p.sku)).map((p) => [p.sku, p]));
    expect([...simples.keys()].sort()).toEqual(MEMBERS);
    for (const p of simples.values()) expect(p).toMatchObject({ type: 'simple', status: 'publish' });

    setGrouping(true);
    const r = await env.run('products.export');
    expect(r.record.status).toBe('succeeded');
    expect(r.record.message).toBeNull();
    expect(r.record.counts.products).toMatchObject({ created: 1, failed: 0 });
    expect(r.record.counts.variations).toEqual({ created: 4, updated: 0, unchanged: 0, skipped: 0, failed: 0 });
    expect(linesWith(r.lines, 'Erreur')).toEqual([]);

    const pull = (await env.product('PULL'))!;
    expect(pull.type).toBe('variable');
    const variations = await env.variations(pull.id);
    expect(variations.map((v) => v.sku).sort()).toEqual(MEMBERS);

    // The old simple products: still there (nothing deleted), hidden, SKU freed and kept in their meta.
    for (const [sku, old] of simples) {
      const now = (await env.products()).find((p) => p.id === old.id)!;
      expect(now, sku).toMatchObject({ type: 'simple', status: 'draft', sku: '' });
      expect(meta(now, '_gescom_retired_sku'), sku).toBe(sku);
      expect(linesWith(r.lines, `produit simple ${old.id} (${sku}) retiré au profit de la variation de PULL`), sku).toHaveLength(1);
      // The article's product binding is gone; its variation binding names PULL.
      expect(env.app.state.binding('demo', 'product', sku), sku).toBeNull();
      expect(env.app.state.binding('demo', 'variation', sku)?.shopId.startsWith(`${pull.id}/`), sku).toBe(true);
    }

    // A second run has nothing to do, and the stock / price runs write nothing either.
    expect((await env.run('products.export')).writeRequests).toBe(0);
    expect((await env.run('products.stocks')).writeRequests).toBe(0);
    expect((await env.run('products.prices')).writeRequests).toBe(0);
  });

  test('a simple product made by hand with a member SKU (no binding) is retired the same way', async () => {
    const made = await env.sim.request('POST', '/wc/v3/products', { name: 'Pull rouge (ancien)', type: 'simple', sku: 'AR0015', regular_price: '30.00' });
    expect(made.status).toBe(201);
    const id = (made.body as { id: number }).id;
    const r = await env.run('products.export');
    expect(r.record.counts.variations).toMatchObject({ created: 4, failed: 0 });
    expect(linesWith(r.lines, `produit simple ${id} (AR0015) retiré au profit de la variation de PULL`)).toHaveLength(1);
    const old = (await env.products()).find((p) => p.id === id)!;
    expect(old).toMatchObject({ status: 'draft', sku: '', name: 'Pull rouge (ancien)', regular_price: '30.00' });
  });
});
