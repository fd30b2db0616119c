/**
 * PsShop, catalogue side, against the PrestaShop simulator: what the shop holds after each write,
 * field by field, and that an aspect update (stock, price, status) blanks nothing, through PATCH
 * and through GET-modify-PUT when the key may not PATCH.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { render, type Text } from '../../src/i18n/catalogue.js';
import type { PsRow } from '../simulators/prestashop/state.js';
import { image, price, product, settingsOf, startPs, variation, type PsHarness } from './support.js';

let h: PsHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const text = (m: string | Text | null) => (m === null ? '' : typeof m === 'string' ? m : render(m, 'en'));
const lang = (row: PsRow, field: string) => row[field] as { id: number; value: string }[];
const stockOf = (hh: PsHarness, productId: string, combination = '0') =>
  hh.sim.state.list('stock_availables', (s) => String(s['id_product']) === productId && String(s['id_product_attribute'] ?? '0') === combination)[0];

describe('connection check', () => {
  it('a good key: currency, tax setting and languages read, every catalogue resource allowed', async () => {
    h = await startPs();
    const r = await h.shop.testConnection();
    expect(r.ok).toBe(true);
    expect(r.info).toMatchObject({ currency: 'EUR', calcTaxes: 'yes', pricesIncludeTax: 'no', languages: '1' });
    expect(r.checks.map((c) => c.name)).toEqual(['auth', 'resources', 'settings']);
    expect(h.sim.stats.writeRequests).toBe(0);
  });

  it.each([
    ['webservice disabled (503 code 22)', { webserviceDisabled: true }, undefined, /webservice is disabled \(code 22\)/],
    ['a wrong key (401)', {}, 'WRONGKEYWRONGKEYWRONGKEYWRONGKEY', /key refused by PrestaShop \(code 20\)/],
  ])('%s is named', async (_name, sim, key, expected) => {
    h = await startPs({ sim, key });
    const r = await h.shop.testConnection();
    expect(r.ok).toBe(false);
    expect(text(r.checks[0]!.message)).toMatch(expected);
  });

  it('a resource or a method the key lacks is named', async () => {
    h = await startPs();
    const all = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;
    const perms = Object.fromEntries(['products', 'combinations', 'categories', 'product_options', 'product_option_values', 'specific_prices',
      'tax_rule_groups', 'tax_rules', 'taxes', 'languages', 'configurations', 'currencies', 'images'].map((r) => [r, [...all]]));
    h.sim.setPermissions({ ...perms, stock_availables: ['GET'], specific_prices: ['GET', 'POST'] });
    const r = await h.shop.testConnection();
    expect(r.ok).toBe(false);
    const failed = r.checks.filter((c) => !c.ok).map((c) => text(c.message));
    expect(failed).toEqual([
      'the key lacks the methods PUT on the resource stock_availables',
      'the key lacks the methods DELETE on the resource specific_prices',
    ]);
  });

  it('an unreachable shop says so', async () => {
    h = await startPs();
    await h.sim.close();
    const r = await h.shop.testConnection();
    expect(r.ok).toBe(false);
    expect(text(r.checks[0]!.message)).toMatch(/shop unreachable/);
    h = undefined;
  });
});

describe('categories', () => {
  it('created parents first, name and link_rewrite in every shop language, read back as a tree under home', async () => {
    h = await startPs({ sim: { languages: [1, 2] } });
    const [top] = await h.shop.createCategories([{ key: 'F1', name: 'Desserts & friandises', parentId: null }]);
    expect(top).toMatchObject({ ok: true, created: true });
    const [child] = await h.shop.createCategories([{ key: 'F1/C', name: 'Chocolats', parentId: top!.shopId }]);
    const row = h.sim.state.get('categories', child!.shopId!)!;
    expect(lang(row, 'name')).toEqual([{ id: 1, value: 'Chocolats' }, { id: 2, value: 'Chocolats' }]);
    expect(lang(row, 'link_rewrite')).toEqual([{ id: 1, value: 'chocolats' }, { id: 2, value: 'chocolats' }]);
    expect(String(h.sim.state.get('categories', top!.shopId!)!['id_parent'])).toBe('2');
    const read = await h.shop.categories();
    expect(read).toEqual([
      { id: top!.shopId, name: 'Desserts & friandises', parentId: null, slug: 'desserts-friandises' },
      { id: child!.shopId, name: 'Chocolats', parentId: top!.shopId, slug: 'chocolats' },
    ]);
    await h.shop.updateCategories([{ key: 'F1/C', id: child!.shopId!, name: 'Chocolats fins', parentId: null }]);
    const after = h.sim.state.get('categories', child!.shopId!)!;
    expect(lang(after, 'name')[0]!.value).toBe('Chocolats fins');
    expect(String(after['id_parent'])).toBe('2');
  });
});

describe('products', () => {
  it('a simple product: every field, tax group by VAT rate, stock, brand, supplier, features, promotion and group price', async () => {
    h = await startPs({ settings: settingsOf((p) => { p.articles.features.enabled = true; }) });
    const [cat] = await h.shop.createCategories([{ key: 'C', name: 'Chocolats', parentId: null }]);
    const d = product('AR0003', {
      name: 'Chocolat Noir', vatCode: 'C055', vatRate: '5.5', barcode: '3760000000031', weight: '0.1',
      dimensions: { width: '10', height: '2', depth: '1' }, brand: 'Valrhona', supplier: 'Cacao SA',
      features: [{ name: 'Origine', value: 'Pérou' }],
      price: price('4.69', { purchase: '2.10', ecotax: '0.05', sale: { price: '3.99', from: '2026-12-01T00:00:00.000Z', to: '2026-12-31T00:00:00.000Z' }, groups: [{ group: 'Client', priceCategoryId: 2, price: '4.20' }] }),
      stock: { quantity: 120, minQuantity: 2 },
    });
    const [r] = await h.shop.writeProducts([{ draft: d, shopId: null, aspects: 'all', categoryIds: [cat!.shopId!], linkedIds: [] }]);
    expect(r).toMatchObject({ key: 'AR0003', ok: true, created: true });
    const p = h.sim.state.get('products', r!.shopId!)!;
    expect(p).toMatchObject({
      reference: 'AR0003', product_type: 'standard', price: '4.690000', wholesale_price: '2.100000', ecotax: '0.050000',
      id_tax_rules_group: '3', ean13: '3760000000031', weight: '0.100000', width: '10.000000', minimal_quantity: '2',
      id_category_default: cat!.shopId, active: '1',
    });
    expect(lang(p, 'name')[0]!.value).toBe('Chocolat Noir');
    expect(lang(p, 'link_rewrite')[0]!.value).toBe('chocolat-noir');
    expect(p.associations['categories']).toEqual([{ id: cat!.shopId }]);
    expect(h.sim.state.get('manufacturers', String(p['id_manufacturer']))!['name']).toBe('Valrhona');
    expect(h.sim.state.get('suppliers', String(p['id_supplier']))!['name']).toBe('Cacao SA');
    expect(p.associations['product_features']).toHaveLength(1);
    expect(stockOf(h, r!.shopId!)!['quantity']).toBe('120');
    const sps = h.sim.state.list('specific_prices', (s) => String(s['id_product']) === r!.shopId);
    expect(sps.map((s) => [s['id_group'], s['price'], s['from'], s['to']])).toEqual([
      ['0', '3.990000', '2026-12-01 00:00:00', '2026-12-31 00:00:00'],
      ['3', '4.200000', '0000-00-00 00:00:00', '0000-00-00 00:00:00'],
    ]);
    // The same brand on another product: found, not created twice.
    await h.shop.writeProducts([{ draft: product('AR0004', { brand: 'valrhona' }), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] }]);
    expect(h.sim.state.list('manufacturers')).toHaveLength(1);
  });

  it('a VAT rate without a tax rules group is refused alone, naming the article and the rate', async () => {
    h = await startPs();
    const rs = await h.shop.writeProducts([
      { draft: product('AR7', { vatCode: 'C07', vatRate: '7' }), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] },
      { draft: product('AR8'), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] },
    ]);
    expect(rs[0]).toMatchObject({ key: 'AR7', ok: false });
    expect(String(rs[0]!.error)).toMatch(/7/);
    expect(String(rs[0]!.error)).toMatch(/C07/);
    expect(rs[1]).toMatchObject({ key: 'AR8', ok: true });
    expect(h.sim.state.list('products').map((p) => p['reference'])).toEqual(['AR8']);
    expect(await h.shop.vatCodesWithoutTaxClass([{ code: 'C07', rate: '7' } as never, { code: 'C20', rate: '20' } as never])).toEqual([{ code: 'C07', rate: '7' }]);
  });

  it('a reference longer than PrestaShop takes is refused alone, naming the article and the field', async () => {
    h = await startPs();
    const long = 'R'.repeat(65);
    const rs = await h.shop.writeProducts([
      { draft: product(long, { gescomKey: 'AR9' }), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] },
      { draft: product('AR10'), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] },
    ]);
    expect(text(rs[0]!.error)).toBe(`article AR9: the reference "${long}" exceeds the 64 characters of PrestaShop's reference field`);
    expect(rs[1]!.ok).toBe(true);
  });

  it('TTC profile: prices sent tax excluded with 6 decimals, read back in TTC', async () => {
    h = await startPs({ settings: settingsOf((p) => { p.prices.base = 'TTC'; }) });
    const [r] = await h.shop.writeProducts([{ draft: product('AR1', { price: price('12.00') }), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] }]);
    expect(h.sim.state.get('products', r!.shopId!)!['price']).toBe('10.000000');
    await h.shop.writeAspects([{ key: 'AR1', target: { productId: r!.shopId!, variationId: null }, price: price('5.00') }]);
    expect(h.sim.state.get('products', r!.shopId!)!['price']).toBe('4.166667');
    const states = [];
    for await (const page of h.shop.productStates!()) states.push(...page);
    expect(states).toEqual([expect.objectContaining({ sku: 'AR1', regularPrice: '5.00', quantity: 5, active: true })]);
  });

  describe.each([
    ['PATCH', true],
    ['GET-modify-PUT (the key may not PATCH)', false],
  ])('an aspect update blanks nothing: %s', (_name, patch) => {
    it('stock, price and status leave name, descriptions, categories and images intact', async () => {
      h = await startPs({ settings: settingsOf((p) => { p.articles.images.enabled = true; }) });
      const [cat] = await h.shop.createCategories([{ key: 'C', name: 'Chocolats', parentId: null }]);
      const d = product('AR0003', { name: 'Chocolat Noir', images: [image('a'), image('b')], barcode: '3760000000031' });
      const [r] = await h.shop.writeProducts([{ draft: d, shopId: null, aspects: 'all', categoryIds: [cat!.shopId!], linkedIds: [] }]);
      const id = r!.shopId!;
      const before = structuredClone(h.sim.state.get('products', id)!);
      expect(before.associations['images']).toHaveLength(2);
      if (!patch) {
        const all = ['GET', 'POST', 'PUT', 'DELETE', 'HEAD'] as const;
        h.sim.setPermissions(Object.fromEntries([...h.sim.state.tables.keys(), 'images', 'products', 'stock_availables', 'specific_prices'].map((t) => [t, [...all]])));
      }
      h.sim.resetStats();
      const rs = await h.shop.writeAspects([
        { key: 'AR0003', target: { productId: id, variationId: null }, stock: { quantity: 7, minQuantity: null, weight: null, barcode: null, warrantyMonths: null } },
      ]);
      await h.shop.writeAspects([{ key: 'AR0003', target: { productId: id, variationId: null }, price: price('11.50') }]);
      await h.shop.writeAspects([{ key: 'AR0003', target: { productId: id, variationId: null }, status: { active: false, outOfStock: false } }]);
      expect(rs[0]).toMatchObject({ ok: true, shopId: id });
      const after = h.sim.state.get('products', id)!;
      expect(after['price']).toBe('11.500000');
      expect(after['active']).toBe('0');
      expect(stockOf(h, id)!['quantity']).toBe('7');
      for (const f of ['name', 'description', 'description_short', 'link_rewrite', 'reference', 'ean13', 'id_category_default', 'id_tax_rules_group', 'weight']) {
        expect([f, after[f]]).toEqual([f, before[f]]);
      }
      expect(after.associations['categories']).toEqual(before.associations['categories']);
      expect(after.associations['images']).toEqual(before.associations['images']);
      const writes = h.sim.stats.log.filter((l) => l.method !== 'GET');
      expect(new Set(writes.filter((l) => l.status < 300).map((l) => l.method))).toEqual(new Set(patch ? ['PATCH'] : ['PUT']));
      // Where PATCH is refused, it is tried once per resource, then every update goes GET-modify-PUT.
      expect(writes.filter((l) => l.status >= 400).map((l) => `${l.method} ${l.status}`)).toEqual(patch ? [] : ['PATCH 405', 'PATCH 405']);
    });
  });

  it('a full update honours the update switches: name kept when updates.name is off, price changed', async () => {
    h = await startPs({ settings: settingsOf((p) => { p.articles.updates.name = false; }) });
    const [r] = await h.shop.writeProducts([{ draft: product('AR1', { name: 'Ancien nom' }), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] }]);
    await h.shop.writeProducts([{ draft: product('AR1', { name: 'Nouveau nom', price: price('12.00'), description: '<p>neuve</p>' }), shopId: r!.shopId, aspects: 'all', categoryIds: [], linkedIds: [] }]);
    const p = h.sim.state.get('products', r!.shopId!)!;
    expect(lang(p, 'name')[0]!.value).toBe('Ancien nom');
    expect(lang(p, 'description')[0]!.value).toBe('<p>neuve</p>');
    expect(p['price']).toBe('12.000000');
  });

  it('a product deleted by hand is created again on update', async () => {
    h = await startPs();
    const [r] = await h.shop.writeProducts([{ draft: product('AR1'), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] }]);
    h.sim.state.remove('products', r!.shopId!);
    const [again] = await h.shop.writeProducts([{ draft: product('AR1'), shopId: r!.shopId, aspects: 'all', categoryIds: [], linkedIds: [] }]);
    expect(again).toMatchObject({ ok: true, created: true });
    expect(again!.shopId).not.toBe(r!.shopId);
  });

  it('images: only new contents are sent; delete-before-send replaces them all', async () => {
    h = await startPs({ settings: settingsOf((p) => { p.articles.images.enabled = true; }) });
    const [r] = await h.shop.writeProducts([{ draft: product('AR1', { images: [image('a')] }), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] }]);
    const id = r!.shopId!;
    h.sim.resetStats();
    await h.shop.writeProducts([{ draft: product('AR1', { images: [image('a')] }), shopId: id, aspects: 'all', categoryIds: [], linkedIds: [] }]);
    expect(h.sim.stats.log.filter((l) => l.path.includes('/images/'))).toEqual([]);
    await h.shop.writeProducts([{ draft: product('AR1', { images: [image('a'), image('b')] }), shopId: id, aspects: 'all', categoryIds: [], linkedIds: [] }]);
    expect(h.sim.state.get('products', id)!.associations['images']).toHaveLength(2);
    h = await (async () => { await h!.close(); return startPs({ settings: settingsOf((p) => { p.articles.images.enabled = true; p.articles.images.deleteBeforeSend = true; }) }); })();
    const [r2] = await h.shop.writeProducts([{ draft: product('AR2', { images: [image('a'), image('b')] }), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] }]);
    await h.shop.writeProducts([{ draft: product('AR2', { images: [image('c', 'c2')] }), shopId: r2!.shopId, aspects: 'all', categoryIds: [], linkedIds: [] }]);
    expect(h.sim.state.get('products', r2!.shopId!)!.associations['images']).toHaveLength(1);
  });

  it('finds products and combinations by reference, several per request', async () => {
    h = await startPs();
    const rs = await h.shop.writeProducts(['A1', 'A2', 'A3'].map((s) => ({ draft: product(s), shopId: null, aspects: 'all' as const, categoryIds: [], linkedIds: [] })));
    h.sim.resetStats();
    const found = await h.shop.findProductsBySku(['A1', 'A3', 'NOPE']);
    expect([...found.values()]).toEqual([
      { id: rs[0]!.shopId, sku: 'A1', kind: 'simple', parentId: null },
      { id: rs[2]!.shopId, sku: 'A3', kind: 'simple', parentId: null },
    ]);
    expect(h.sim.stats.requests).toBe(2);
  });
});

describe('combinations', () => {
  it('options and values created once, price and weight as impacts, default combination, stock per combination', async () => {
    h = await startPs();
    const vars = [variation('AR0014', [['Couleur', 'Rouge'], ['Taille', 'M']], { price: price('30.00'), weight: '0.5' }),
      variation('AR0017', [['Couleur', 'Bleu'], ['Taille', 'M']], { price: price('35.00'), weight: '0.6', stock: { quantity: 10, minQuantity: null } })];
    const parent = product('PULL', { kind: 'variable', price: price('30.00'), weight: '0.5', variationAttributes: [{ name: 'Couleur', values: ['Rouge', 'Bleu'] }, { name: 'Taille', values: ['M'] }], variations: vars, stock: { quantity: null, minQuantity: null } });
    const [p] = await h.shop.writeProducts([{ draft: parent, shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] }]);
    expect(h.sim.state.get('products', p!.shopId!)!['product_type']).toBe('combinations');
    const rs = await h.shop.writeVariations(p!.shopId!, parent, vars.map((v) => ({ draft: v, shopId: null, aspects: 'all' })));
    expect(rs.map((r) => r.ok)).toEqual([true, true]);
    const c1 = h.sim.state.get('combinations', rs[0]!.shopId!)!;
    const c2 = h.sim.state.get('combinations', rs[1]!.shopId!)!;
    expect([c1['price'], c1['weight'], c1['default_on']]).toEqual(['0.000000', '0.000000', '1']);
    expect([c2['price'], c2['weight']]).toEqual(['5.000000', '0.100000']);
    expect(h.sim.state.list('product_options')).toHaveLength(2);
    expect(h.sim.state.list('product_option_values')).toHaveLength(3);
    expect(stockOf(h, p!.shopId!, rs[1]!.shopId!)!['quantity']).toBe('10');
    // A second product with the same attributes reuses them (remembered).
    const other = product('PULL2', { kind: 'variable', variations: [variation('X1', [['Couleur', 'Rouge']])], stock: { quantity: null, minQuantity: null } });
    const [p2] = await h.shop.writeProducts([{ draft: other, shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] }]);
    h.sim.resetStats();
    await h.shop.writeVariations(p2!.shopId!, other, [{ draft: other.variations[0]!, shopId: null, aspects: 'all' }]);
    expect(h.sim.stats.log.filter((l) => l.path.includes('product_option'))).toEqual([]);
    expect(h.sim.state.list('product_option_values')).toHaveLength(3);
    const found = await h.shop.findVariations(p!.shopId!);
    expect([...found.keys()]).toEqual(['AR0014', 'AR0017']);
    // A combination's price aspect is again an impact on the product's price.
    await h.shop.writeAspects([{ key: 'AR0017', target: { productId: p!.shopId!, variationId: rs[1]!.shopId! }, price: price('36.00') }]);
    expect(h.sim.state.get('combinations', rs[1]!.shopId!)!['price']).toBe('6.000000');
    const states = [];
    for await (const page of h.shop.productStates!()) states.push(...page);
    expect(states.filter((s) => s.kind === 'variation').map((s) => [s.sku, s.regularPrice, s.quantity])).toEqual([
      ['AR0014', '30.00', 3], ['AR0017', '36.00', 10], ['X1', '30.00', 3],
    ]);
  });
});

describe('reconciliation and retirement', () => {
  it('productStates reads pages of products with their stock, promotion and status', async () => {
    h = await startPs();
    const rs = await h.shop.writeProducts([
      { draft: product('A1', { price: price('10.00', { sale: { price: '8.00', from: null, to: null } }) }), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] },
      { draft: product('A2', { active: false, stock: { quantity: 0, minQuantity: null } }), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] },
    ]);
    const states = [];
    for await (const page of h.shop.productStates!()) states.push(...page);
    expect(states).toEqual([
      { shopId: rs[0]!.shopId, sku: 'A1', kind: 'simple', quantity: 5, regularPrice: '10.00', salePrice: '8.00', active: true, outOfStock: false },
      { shopId: rs[1]!.shopId, sku: 'A2', kind: 'simple', quantity: 0, regularPrice: '10.00', salePrice: '', active: false, outOfStock: false },
    ]);
  });

  it('retireProducts hides the product and frees its reference, nothing deleted', async () => {
    h = await startPs();
    const [r] = await h.shop.writeProducts([{ draft: product('A1'), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] }]);
    const [x] = await h.shop.retireProducts!([{ key: 'A1', shopId: r!.shopId!, sku: 'A1' }]);
    expect(x).toMatchObject({ ok: true });
    const p = h.sim.state.get('products', r!.shopId!)!;
    expect([p['active'], p['reference'], p['supplier_reference'], p['visibility']]).toEqual(['0', '', 'A1', 'none']);
    expect(lang(p, 'name')[0]!.value).toBe('Produit A1');
  });
});

describe('documents (ART-08)', () => {
  it('sent as attachments (attachments/file), linked to the product beside its own; a replaced one goes', async () => {
    h = await startPs({ settings: settingsOf((p) => { p.articles.documents.enabled = true; }) });
    const sim = h.sim;
    const own = sim.state.insert('attachments', { file: 'y', file_name: 'notice.pdf', mime: 'application/pdf', name: 'Notice' });
    const doc = (n: string, sha: string) => ({ key: `doc:${n}`, fileName: `${n}.pdf`, mimeType: 'application/pdf', sha256: sha, load: async () => Buffer.from(`%PDF ${sha}`) });
    const [r] = await h.shop.writeProducts([{ draft: product('AR1', { documents: [doc('fiche', 's1')] }), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] }]);
    const id = r!.shopId!;
    const first = sim.state.get('products', id)!.associations['attachments']!.map((a) => a['id']);
    expect(first).toHaveLength(1);
    expect(sim.state.get('attachments', first[0]!)).toMatchObject({ file_name: 'fiche.pdf', mime: 'application/pdf' });
    expect(String((await sim.request('GET', `/api/attachments/file/${first[0]}`)).body)).toBe('%PDF s1');
    // The merchant links their own notice; a new version of the sheet replaces the old one, the notice stays.
    sim.state.update('products', id, { associations: { ...sim.state.get('products', id)!.associations, attachments: [...first.map((x) => ({ id: x! })), { id: String(own.id) }] } }, false);
    await h.shop.writeProducts([{ draft: product('AR1', { documents: [doc('fiche', 's2')] }), shopId: id, aspects: 'all', categoryIds: [], linkedIds: [] }]);
    const after = sim.state.get('products', id)!.associations['attachments']!.map((a) => a['id']);
    expect(after).toHaveLength(2);
    expect(after).toContain(String(own.id));
    expect(after).not.toContain(first[0]);
    expect(sim.state.get('attachments', first[0]!)).toBeUndefined();
    // Unchanged documents: nothing sent.
    sim.resetStats();
    await h.shop.writeProducts([{ draft: product('AR1', { documents: [doc('fiche', 's2')] }), shopId: id, aspects: 'all', categoryIds: [], linkedIds: [] }]);
    expect(sim.stats.log.filter((l) => l.path.includes('attachments'))).toEqual([]);
    expect(h.warnings).toEqual([]);
  });
});

describe('one entity per request, bounded concurrency, failures alone', () => {
  it('20 products with at most `concurrency` requests in flight; a 503 is retried, a reset POST fails its product alone', async () => {
    h = await startPs({ concurrency: 3, sim: { latencyMs: 15 } });
    let inFlight = 0;
    let peak = 0;
    // Count what the adapter has in flight through the client's own queue.
    const http = h.ws.http;
    const request = http.request.bind(http);
    http.request = (async (req: Parameters<typeof request>[0]) => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      try {
        return await request(req);
      } finally {
        inFlight--;
      }
    }) as typeof http.request;
    h.sim.faults.add({ match: (m, p) => m === 'POST' && p === '/api/products', times: 1, kind: 'status5xx', status: 503 });
    let posts = 0;
    h.sim.faults.add({ match: (m, p) => m === 'POST' && p === '/api/products' && ++posts === 6, times: 1, kind: 'reset' });
    const items = Array.from({ length: 20 }, (_, i) => ({ draft: product(`P${String(i).padStart(2, '0')}`), shopId: null, aspects: 'all' as const, categoryIds: [], linkedIds: [] }));
    const rs = await h.shop.writeProducts(items);
    expect(rs).toHaveLength(20);
    const failed = rs.filter((r) => !r.ok);
    expect(failed).toHaveLength(1);
    expect(text(failed[0]!.error)).toMatch(/products/);
    expect(h.sim.state.list('products')).toHaveLength(19);
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
  });
});

describe('variation images and multistore', () => {
  it('a variation image is uploaded to its product once and associated with the combination', async () => {
    h = await startPs({ settings: settingsOf((p) => { p.articles.images.enabled = true; }) });
    const vars = [variation('V1', [['Couleur', 'Rouge']], { images: [image('rouge')] }), variation('V2', [['Couleur', 'Bleu']], { images: [image('bleu')] })];
    const parent = product('PULL', { kind: 'variable', variations: vars, images: [image('pull')] });
    const [p] = await h.shop.writeProducts([{ draft: parent, shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] }]);
    const rs = await h.shop.writeVariations(p!.shopId!, parent, vars.map((v) => ({ draft: v, shopId: null, aspects: 'all' })));
    const productImages = h.sim.state.get('products', p!.shopId!)!.associations['images']!.map((i) => i['id']);
    expect(productImages).toHaveLength(3);
    const c1 = h.sim.state.get('combinations', rs[0]!.shopId!)!;
    expect(c1.associations['images']).toEqual([{ id: productImages[1] }]);
    await h.shop.writeVariations(p!.shopId!, parent, vars.map((v, i) => ({ draft: v, shopId: rs[i]!.shopId, aspects: 'all' })));
    expect(h.sim.state.get('products', p!.shopId!)!.associations['images']).toHaveLength(3);
  });

  it('multistore: id_shop on every request, stock written in the named shop only', async () => {
    h = await startPs({ sim: { shops: 2 }, shopId: '2' });
    const [r] = await h.shop.writeProducts([{ draft: product('A1', { stock: { quantity: 42, minQuantity: null } }), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] }]);
    const stocks = h.sim.state.list('stock_availables', (s) => String(s['id_product']) === r!.shopId);
    expect(stocks.map((s) => [s['id_shop'], s['quantity']]).sort()).toEqual([['1', '0'], ['2', '42']]);
    expect(h.sim.stats.log.every((l) => l.query.includes('id_shop=2'))).toBe(true);
  });
});

describe('packs (ART-13)', () => {
  it('a bill of materials whose components are in the shop becomes a pack; a fractional quantity keeps it standard, said', async () => {
    h = await startPs({ settings: settingsOf((p) => { p.articles.createPacks = true; }) });
    const [a, b] = await h.shop.writeProducts(['C1', 'C2'].map((s) => ({ draft: product(s), shopId: null, aspects: 'all' as const, categoryIds: [], linkedIds: [] })));
    const [box] = await h.shop.writeProducts([{
      draft: product('BOX'), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [],
      packItems: [{ productId: a!.shopId!, variationId: null, quantity: '2' }, { productId: b!.shopId!, variationId: null, quantity: '1.000' }],
    }]);
    const p = h.sim.state.get('products', box!.shopId!)!;
    expect(p['product_type']).toBe('pack');
    expect(p.associations['product_bundle']!.map((x) => [x['id'], x['quantity']])).toEqual([[a!.shopId, '2'], [b!.shopId, '1']]);
    const [half] = await h.shop.writeProducts([{
      draft: product('HALF'), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [],
      packItems: [{ productId: a!.shopId!, variationId: null, quantity: '0.5' }],
    }]);
    expect(h.sim.state.get('products', half!.shopId!)!['product_type']).toBe('standard');
    expect(h.warnings.map(text)).toEqual(['article HALF: sent without its pack, PrestaShop counts pack components in whole units only (quantity 0.5)']);
  });
});
