/**
 * Catalogue actions end to end (shop.check, products.export, products.stocks, products.prices,
 * products.status, --reconcile) on the sample company against the PrestaShop simulator, through
 * the real action runner: what the shop holds after each run and what each run sent.
 */
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { PsActionEnv, removeSampleDb, text } from './support-actions.js';

let env: PsActionEnv;
beforeEach(async () => {
  env = await PsActionEnv.start();
});
afterEach(async () => {
  await env?.close();
});
afterAll(removeSampleDb);

const SKUS = ['AR0001', 'AR0002', 'AR0003', 'AR0004', 'AR0005', 'AR0006', 'AR0007', 'AR0008', 'AR0009', 'AR0010', 'AR0011', 'AR0012', 'AR0013',
  'AR0018', 'AR0019', 'ARTAUTO', 'ARTDIVERS', 'PULL'].sort();

describe('shop.check', () => {
  test('the key accepted, every resource allowed, the shop in EUR, every VAT code carried, nothing written', async () => {
    const r = await env.run('shop.check');
    expect(r.record.status).toBe('succeeded');
    expect(r.lines).toEqual(expect.arrayContaining([
      '--> clé du webservice PrestaShop acceptée',
      '--> la clé a accès à toutes les ressources du catalogue',
      '--> currency : EUR',
      '--> devise de la boutique : EUR, pièces en EUR',
      '--> chaque code TVA de la gestion commerciale a sa classe de taxe dans la boutique',
    ]));
    expect(r.lines.filter((l) => l.includes('Erreur'))).toEqual([]);
    expect(r.writeRequests).toBe(0);
  });

  test('a key without PUT on stock_availables: the check fails naming the resource and the method', async () => {
    const all = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;
    env.sim.setPermissions({
      ...Object.fromEntries(['products', 'combinations', 'categories', 'product_options', 'product_option_values', 'specific_prices', 'tax_rule_groups',
        'tax_rules', 'taxes', 'languages', 'configurations', 'currencies', 'images', 'groups'].map((x) => [x, [...all]])),
      stock_availables: ['GET'],
    });
    const r = await env.run('shop.check');
    expect(r.lines.some((l) => l.includes("la clé n'a pas les méthodes PUT sur la ressource stock_availables"))).toBe(true);
  });
});

describe('products.export', () => {
  test('creates the catalogue field by field; a second export writes nothing', async () => {
    const r = await env.run('products.export');
    expect(r.record.status).toBe('succeeded');
    expect(r.record.counts).toEqual({
      categories: { created: 9, updated: 0, unchanged: 0, skipped: 0, failed: 0 },
      products: { created: 18, updated: 0, unchanged: 0, skipped: 0, failed: 0 },
      variations: { created: 4, updated: 0, unchanged: 0, skipped: 0, failed: 0 },
    });
    expect(env.products().map((p) => String(p['reference'])).sort()).toEqual(SKUS);

    const ar3 = env.product('AR0003')!;
    expect(text(ar3, 'name')).toBe('Chocolat Noir');
    // 5.5 % -> the simulator's tax rules group 3; the price tax excluded with 6 decimals.
    expect(ar3).toMatchObject({ product_type: 'standard', id_tax_rules_group: '3', active: '1' });
    expect(env.stock(ar3.id)).toBe(120);
    const cat = env.sim.state.get('categories', String(ar3['id_category_default']))!;
    expect(text(cat, 'name')).toBe('Desserts et friandises');
    expect(ar3.associations['categories']).toContainEqual({ id: String(cat.id) });
    // Articles without stock tracking: orders accepted out of stock (out_of_stock 1), no quantity managed.
    const ar12 = env.product('AR0012')!;
    expect(env.sim.state.list('stock_availables', (s) => String(s['id_product']) === String(ar12.id))[0]!['out_of_stock']).toBe('1');
    expect(env.product('AR0012')!['id_tax_rules_group']).toBe('2');
    expect(env.product('AR0002')!['id_tax_rules_group']).toBe('1');
    expect(env.product('AR0019')!['active']).toBe('0');
    expect(env.product('AR0020')).toBeUndefined();

    const pull = env.product('PULL')!;
    expect(pull['product_type']).toBe('combinations');
    const combos = env.combinations(pull.id);
    expect(combos.map((c) => [c['reference'], env.stock(pull.id, c.id)])).toEqual([['AR0014', 10], ['AR0015', 5], ['AR0016', 0], ['AR0017', 8]]);
    expect(combos.filter((c) => c['default_on'] === '1').map((c) => c['reference'])).toEqual(['AR0014']);
    expect(env.sim.state.list('product_options').map((o) => text(o, 'name'))).toEqual(['Couleur']);

    const again = await env.run('products.export');
    expect(again.writeRequests).toBe(0);
    expect(again.record.counts).toEqual({
      categories: { created: 0, updated: 0, unchanged: 9, skipped: 0, failed: 0 },
      products: { created: 0, updated: 0, unchanged: 18, skipped: 0, failed: 0 },
      variations: { created: 0, updated: 0, unchanged: 4, skipped: 0, failed: 0 },
    });
  });
});

describe('stock, price and status runs', () => {
  test('nothing changed right after an export: no request at all', async () => {
    await env.run('products.export');
    for (const action of ['products.stocks', 'products.prices', 'products.status']) {
      const r = await env.run(action);
      expect(r.requests, action).toBe(0);
      expect(r.record.status, action).toBe('succeeded');
    }
  });

  test('a stock change of AR0003 and of the combination AR0015: one write each, names, texts, categories and images intact', async () => {
    await env.run('products.export');
    const before = structuredClone(env.product('AR0003')!);
    await env.gescom(async (g) => {
      await g.setStock('AR0003', '0001', { real: '50' });
      await g.setStock('AR0015', '0001', { real: '2' });
    });
    const r = await env.run('products.stocks');
    expect(r.record.counts.stock).toMatchObject({ updated: 2, failed: 0 });
    expect(r.writeRequests).toBe(2);
    expect(r.byRoute['PATCH /api/stock_availables/{id}']).toBe(2);
    const ar3 = env.product('AR0003')!;
    expect(env.stock(ar3.id)).toBe(50);
    const pull = env.product('PULL')!;
    expect(env.combinations(pull.id).map((c) => env.stock(pull.id, c.id))).toEqual([10, 2, 0, 8]);
    const { date_upd: _a, ...was } = before;
    const { date_upd: _b, ...now } = ar3;
    expect(now).toEqual(was);
    expect((await env.run('products.stocks')).requests).toBe(0);
  });

  test('Tarif 1 of AR0003 changed: the product price (HT) in one write, the rest untouched', async () => {
    await env.run('products.export');
    const before = structuredClone(env.product('AR0003')!);
    await env.gescom((g) => g.setPrice('AR0003', 1, '5.20'));
    const r = await env.run('products.prices');
    expect(r.record.counts.prices).toMatchObject({ updated: 1, failed: 0 });
    expect(r.writeRequests).toBe(1);
    const ar3 = env.product('AR0003')!;
    expect(ar3['price']).toBe('5.200000');
    for (const f of ['name', 'description', 'description_short', 'link_rewrite', 'reference', 'id_category_default', 'id_tax_rules_group', 'active']) {
      expect([f, ar3[f]]).toEqual([f, before[f]]);
    }
    expect(ar3.associations).toEqual(before.associations);
    expect(env.stock(ar3.id)).toBe(120);
  });
});

describe('products.stocks --reconcile', () => {
  test('AR0003 set to 999 in the shop: put back to 120 in one write, journalled; the next runs send nothing', async () => {
    await env.run('products.export');
    const ar3 = env.product('AR0003')!;
    const sa = env.sim.state.list('stock_availables', (s) => String(s['id_product']) === String(ar3.id) && s['id_product_attribute'] === '0')[0]!;
    env.sim.state.update('stock_availables', sa.id, { quantity: '999' });
    expect((await env.run('products.stocks')).requests).toBe(0);
    const r = await env.run('products.stocks', { reconcile: true });
    expect(r.record.status).toBe('succeeded');
    expect(r.writeRequests).toBe(1);
    expect(r.lines).toContain('--> article AR0003 : stock boutique 999 ≠ 120 attendu');
    expect(env.stock(ar3.id)).toBe(120);
    const again = await env.run('products.stocks', { reconcile: true });
    expect(again.writeRequests).toBe(0);
  });

  test('a price changed in the shop is put back by products.prices --reconcile', async () => {
    await env.run('products.export');
    const ar3 = env.product('AR0003')!;
    const expected = String(ar3['price']);
    env.sim.state.update('products', ar3.id, { price: '1.000000' });
    const r = await env.run('products.prices', { reconcile: true });
    expect(r.writeRequests).toBe(1);
    expect(env.product('AR0003')!['price']).toBe(expected);
  });
});

describe('packs (ART-13)', () => {
  test('the Coffret gourmand (AR0009, a bill of materials) becomes a pack once its three components are in the shop', async () => {
    env.editProfile((p) => ({ ...p, articles: { ...p.articles, createPacks: true } }));
    await env.run('products.export');
    // Its components are written in the same pass: it waits for them as a standard product.
    expect(env.product('AR0009')!['product_type']).toBe('standard');
    const r = await env.run('products.export');
    expect(r.record.counts.products).toMatchObject({ updated: 1, unchanged: 17, failed: 0 });
    const box = env.product('AR0009')!;
    expect(box['product_type']).toBe('pack');
    const ids = (sku: string) => String(env.product(sku)!.id);
    expect(box.associations['product_bundle']!.map((x) => [x['id'], x['quantity']])).toEqual([[ids('AR0003'), '2'], [ids('AR0004'), '1'], [ids('AR0006'), '1']]);
    expect((await env.run('products.export')).writeRequests).toBe(0);
  });
});
