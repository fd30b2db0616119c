/**
 * Article(s) + profile -> ProductDraft, end to end over the sample company in an
 * in-memory embedded GesCom, with the demo profile (prices sent TTC, as the
 * WooCommerce fixture shop enters them).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedGesCom } from '../../src/gescom/embedded/embedded-gescom.js';
import { SAMPLE_REFERENCE_DATE } from '../../src/gescom/embedded/sample-company.js';
import type { ProductDraft } from '../../src/sync/drafts.js';
import { readProductDrafts } from '../../src/sync/engine/catalogue-reader.js';
import { commonName } from '../../src/sync/mapping/product-draft.js';
import type { VariationGroupError } from '../../src/sync/mapping/variations.js';
import { demoProfile, sampleGesCom } from './sample.js';

let g: EmbeddedGesCom;
beforeAll(async () => {
  g = await sampleGesCom();
});
afterAll(() => g.close());

async function drafts(extra: Record<string, unknown> = {}, at = SAMPLE_REFERENCE_DATE): Promise<{ all: Map<string, ProductDraft>; errors: VariationGroupError[] }> {
  const errors: VariationGroupError[] = [];
  const all = new Map<string, ProductDraft>();
  for await (const page of readProductDrafts(g, demoProfile(extra), { withFiles: false, now: new Date(at) }, (e) => errors.push(e))) {
    for (const d of page) {
      expect(all.has(d.gescomKey)).toBe(false);
      all.set(d.gescomKey, d);
    }
  }
  return { all, errors };
}

async function draft(key: string, extra: Record<string, unknown> = {}): Promise<ProductDraft> {
  const d = (await drafts(extra)).all.get(key);
  if (!d) throw new Error(`no draft ${key}`);
  return d;
}

describe('the demo profile over the sample company', () => {
  it('drafts every publishable article, the pulls as one PULL product, no refused group', async () => {
    const { all, errors } = await drafts();
    expect(errors).toEqual([]);
    expect([...all.keys()].sort()).toEqual([
      'AR0001', 'AR0002', 'AR0003', 'AR0004', 'AR0005', 'AR0006', 'AR0007', 'AR0008', 'AR0009', 'AR0010',
      'AR0011', 'AR0012', 'AR0013', 'AR0018', 'AR0019', 'ARTAUTO', 'ARTDIVERS', 'PULL',
    ]);
  });

  it.each(['AR0020', 'ZDIVERS', 'ZPORT', 'ZREMISE', 'ZREMISE55', 'ZECART', 'AR0014', 'AR0015', 'AR0016', 'AR0017'])(
    '%s has no product of its own (unpublished, special, or a variation)', async (code) => {
      expect((await drafts()).all.has(code)).toBe(false);
    },
  );

  it('the dormant AR0019 (still publishable) is drafted inactive (ART-12 disables it in the shop)', async () => {
    expect(await draft('AR0019')).toMatchObject({ active: false, aspects: { status: { active: false } } });
  });

  it('publishableOnly off: unpublished AR0020 and the special articles are drafted, inactive', async () => {
    const { all } = await drafts({ articles: { filters: { publishableOnly: false } } });
    expect(all.get('AR0020')?.active).toBe(false);
    expect(all.get('ZPORT')?.active).toBe(false);
  });

  it('publishableOnly off and disableUnpublished off: AR0020 stays active', async () => {
    const { all } = await drafts({ articles: { filters: { publishableOnly: false }, activation: { disableUnpublished: false } } });
    expect(all.get('AR0020')?.active).toBe(true);
  });
});

describe('AR0003 "Chocolat Noir" (simple)', () => {
  it('the draft', async () => {
    const d = await draft('AR0003');
    expect(d).toMatchObject({
      gescomKey: 'AR0003', sku: 'AR0003', kind: 'simple', name: 'Chocolat Noir',
      description: '<p>Tablette de chocolat noir 70 % cacao, 100 g.</p>',
      shortDescription: 'Chocolat noir 70 %',
      vatCode: 'C55',
      categories: [{ names: ['Desserts et friandises'], keys: ['family:FA0002'] }],
      extraCategories: [],
      price: { regular: '4.95', sale: null, purchase: null, ecotax: null, groups: [] },
      stock: { quantity: 120, minQuantity: null },
      weight: '0.1',
      barcode: '3760000000031',
      brand: 'Chocolaterie du Rhône',
      supplier: 'Chocolaterie du Rhône',
      location: 'A-02-3',
      active: true,
      variationAttributes: [],
      variations: [],
    });
  });

  it('its aspects agree with the draft', async () => {
    const d = await draft('AR0003');
    expect(d.aspects).toEqual({
      stock: { quantity: 120, minQuantity: null, weight: '0.1', barcode: null, warrantyMonths: null },
      price: d.price,
      status: { active: true, outOfStock: false },
    });
  });

  it.each([
    { what: 'prices HT', extra: { prices: { base: 'HT' } }, path: 'price.regular', expected: '4.69' },
    { what: 'prices TTC, 3 decimals', extra: { prices: { precision: 3 } }, path: 'price.regular', expected: '4.948' },
    { what: 'Tarif 2 (TTC) in HT, 3 decimals', extra: { prices: { base: 'HT', priceCategoryId: 2, precision: 3 } }, path: 'price.regular', expected: '4.692' },
    { what: 'stock available', extra: { stock: { kind: 'available' } }, path: 'stock.quantity', expected: 108 },
    { what: 'stock forecast', extra: { stock: { kind: 'forecast' } }, path: 'stock.quantity', expected: 156 },
    { what: 'no depot configured: default depot 0001', extra: { stock: { depots: [] } }, path: 'stock.quantity', expected: 120 },
    { what: 'both depots (0002 is -24)', extra: { stock: { depots: ['0001', '0002'] } }, path: 'stock.quantity', expected: 96 },
    { what: 'depot 0002 only, negative clamped', extra: { stock: { depots: ['0002'] } }, path: 'stock.quantity', expected: 0 },
    { what: 'depot 0002 only, negative sent', extra: { stock: { depots: ['0002'], sendNegative: true } }, path: 'stock.quantity', expected: -24 },
    { what: 'min quantity sent', extra: { stock: { sendMinQuantity: true } }, path: 'stock.minQuantity', expected: 1 },
    { what: 'gross weight', extra: { stock: { weight: 'gross' } }, path: 'weight', expected: '0.11' },
    { what: 'weight not sent', extra: { stock: { sendWeight: false } }, path: 'weight', expected: null },
    { what: 'barcode not sent', extra: { articles: { barcode: { send: false } } }, path: 'barcode', expected: null },
    { what: 'RTF kept', extra: { articles: { texts: { rtfToHtml: false } } }, path: 'description', expected: 'RTF' },
    { what: 'plain description field', extra: { articles: { texts: { description: 'description' } } }, path: 'description', expected: 'Tablette de chocolat noir 70 % cacao, 100 g.' },
  ])('$what -> $path = $expected', async ({ extra, path, expected }) => {
    const d = await draft('AR0003', extra);
    const value = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], d);
    if (expected === 'RTF') expect(String(value)).toMatch(/^\{\\rtf1/);
    else expect(value).toBe(expected);
  });

  it('category sources', async () => {
    expect((await draft('AR0003', { articles: { categories: { source: 'categories' } } })).categories)
      .toEqual([{ names: ['Alimentaire', 'Chocolats'], keys: ['category:CAT01', 'category:CAT02'] }]);
    expect((await draft('AR0003', { articles: { categories: { source: 'customFields', customFields: ['Catalogue 1', 'Catalogue 2'] } } })).categories)
      .toEqual([{ names: ['Desserts et friandises', 'Chocolats'], keys: ['fields:Desserts et friandises', 'fields:Desserts et friandises/Chocolats'] }]);
    expect((await draft('AR0003', { articles: { categories: { source: 'none' } } })).categories).toEqual([]);
    expect((await draft('AR0003', { articles: { categories: { extraField: 'Catégories supplémentaires' } } })).extraCategories)
      .toEqual([{ by: 'name', value: 'Idées cadeaux' }, { by: 'name', value: 'Meilleures ventes' }]);
  });
});

describe('other simple articles', () => {
  it.each([
    { code: 'AR0002', path: 'categories', expected: [{ names: ['Desserts et friandises', 'Chocolats'], keys: ['family:FA0002', 'family:FA0003'] }] },
    { code: 'AR0013', path: 'description', expected: '<p><strong>Bouilloire électrique</strong> en inox brossé, 1,7 L.</p>\n<p>Arrêt automatique, socle 360°, filtre anticalcaire amovible.</p>' },
    // No RTF: the plain description.
    { code: 'AR0005', path: 'description', expected: '<p>Boîte de 12 macarons : <b>chocolat</b>, framboise, pistache et citron.</p>' },
    { code: 'AR0010', path: 'price', expected: { regular: '12.90', sale: null, purchase: null, ecotax: null, groups: [] } },
    { code: 'AR0008', path: 'price', expected: { regular: '11.50', sale: null, purchase: null, ecotax: null, groups: [] } },
    // Made to order (not stock-tracked): the default quantity (0).
    { code: 'AR0012', path: 'stock', expected: { quantity: null, minQuantity: null } },
  ])('$code $path', async ({ code, path, expected }) => {
    expect((await draft(code))[path as keyof ProductDraft]).toEqual(expected);
  });

  it('an untracked article gets the profile default quantity', async () => {
    expect((await draft('AR0012', { stock: { defaultQuantityUntracked: 50 } })).stock.quantity).toBe(50);
  });

  it('AR0013 with purchase price and ecotax sent', async () => {
    expect((await draft('AR0013', { prices: { sendPurchasePrice: true, sendEcotax: true } })).price)
      .toMatchObject({ regular: '49.90', purchase: '21.00', ecotax: '0.25' });
  });

  it('group prices from the demo mapping (Tarif 1..7)', async () => {
    const d = await draft('AR0003', { prices: { sendGroupPrices: true } });
    expect(d.price.groups.map((x) => [x.group, x.priceCategoryId, x.price])).toEqual([
      ['Tarif 1', 1, '4.95'], ['Tarif 2', 2, '4.95'], ['Tarif 3', 3, '4.71'], ['Tarif 4', 4, '4.45'],
      ['Tarif 5', 5, '4.46'], ['Tarif 6', 6, '4.35'], ['Tarif 7', 7, '3.96'],
    ]);
  });
});

describe('PULL (variable product of AR0014..AR0017)', () => {
  const EXPECTED = [
    { sku: 'AR0014', colour: 'Rouge', regular: '39.90', quantity: 10, barcode: '3760000000147' },
    { sku: 'AR0015', colour: 'Vert', regular: '39.90', quantity: 5, barcode: '3760000000154' },
    { sku: 'AR0016', colour: 'Jaune', regular: '42.00', quantity: 0, barcode: '3760000000161' },
    { sku: 'AR0017', colour: 'Bleu', regular: '44.90', quantity: 8, barcode: '3760000000178' },
  ];

  it('the parent', async () => {
    const d = await draft('PULL');
    expect(d).toMatchObject({
      gescomKey: 'PULL', sku: 'PULL', kind: 'variable', name: 'Pull', aspects: null,
      description: 'Pull col rond en laine mérinos.',
      vatCode: 'C20',
      categories: [{ names: ['Vêtements'], keys: ['family:FA0004'] }],
      variationAttributes: [{ name: 'Couleur', values: ['Rouge', 'Vert', 'Jaune', 'Bleu'] }],
      // No stock of its own; the first variation's price.
      stock: { quantity: null, minQuantity: null },
      price: { regular: '39.90', sale: null },
      active: true,
    });
  });

  it('four variations with their SKUs, colours, TTC prices, stock and barcodes', async () => {
    const d = await draft('PULL');
    expect(d.variations.map((v) => ({
      sku: v.sku, colour: v.attributes.map((a) => `${a.name}=${a.value}`).join(), regular: v.price.regular, quantity: v.stock.quantity, barcode: v.barcode,
    }))).toEqual(EXPECTED.map((e) => ({ ...e, colour: `Couleur=${e.colour}` })));
    for (const v of d.variations) {
      expect(v).toMatchObject({ gescomCode: v.sku, weight: '0.45', active: true, images: [] });
      expect(v.price.sale).toBeNull();
    }
  });

  it('sendPromotions on: AR0016 carries its sale price 35.00 at the sample date', async () => {
    const d = await draft('PULL', { prices: { sendPromotions: true } });
    expect(d.variations.map((v) => v.price.sale?.price ?? null)).toEqual([null, null, '35.00', null]);
    expect(d.variations[2]!.price.sale).toEqual({ price: '35.00', from: '2026-06-24T06:00:00.000Z', to: '2026-12-31T22:59:59.000Z' });
    // The aspect a price run would send agrees.
    expect((d.variations[2]!.aspects.price as { sale: unknown }).sale).toEqual(d.variations[2]!.price.sale);
  });

  it('sendPromotions on, after the sales: no sale price', async () => {
    const { all } = await drafts({ prices: { sendPromotions: true } }, '2027-01-05T10:00:00.000Z');
    expect(all.get('PULL')!.variations.every((v) => v.price.sale === null)).toBe(true);
  });

  it('the variations\' aspects: stock, price and status (AR0016 at 0 is out of stock only when marked)', async () => {
    const plain = await draft('PULL');
    expect(plain.variations.map((v) => v.aspects.status)).toEqual(EXPECTED.map(() => ({ active: true, outOfStock: false })));
    const marked = await draft('PULL', { articles: { outOfStock: { markOutOfStock: true, disableWhenZero: true } } });
    expect(marked.variations.map((v) => v.aspects.status)).toEqual([
      { active: true, outOfStock: false }, { active: true, outOfStock: false },
      { active: false, outOfStock: true }, { active: true, outOfStock: false },
    ]);
    expect(plain.variations.map((v) => (v.aspects.stock as { quantity: number }).quantity)).toEqual([10, 5, 0, 8]);
  });

  it('grouping disabled: the four pulls are simple products', async () => {
    const { all } = await drafts({ articles: { variations: { enabled: false } } });
    expect(all.has('PULL')).toBe(false);
    expect(['AR0014', 'AR0015', 'AR0016', 'AR0017'].map((c) => all.get(c)?.kind)).toEqual(['simple', 'simple', 'simple', 'simple']);
    expect(all.get('AR0016')!.name).toBe('Pull Jaune');
  });
});

describe('commonName', () => {
  it.each([
    { names: ['Pull Rouge', 'Pull Vert'], expected: 'Pull' },
    { names: ['Pull Rouge', 'Pull Vert', 'Pull Jaune', 'Pull Bleu'], expected: 'Pull' },
    { names: ['Pull en laine Rouge', 'Pull en laine Vert'], expected: 'Pull en laine' },
    { names: ['T-shirt col V - Rouge', 'T-shirt col V - Vert'], expected: 'T-shirt col V' },
    { names: ['Pull rouge, M', 'Pull rouge, L'], expected: 'Pull rouge' },
    { names: ['pull Rouge', 'PULL Vert'], expected: 'pull' },
    { names: ['  Pull   Rouge ', 'Pull Vert'], expected: 'Pull' },
    { names: ['Rouge pull', 'Vert pull'], expected: '' },
    { names: ['Pull Rouge'], expected: 'Pull Rouge' },
    { names: [], expected: '' },
  ])('$names -> "$expected"', ({ names, expected }) => {
    expect(commonName(names)).toBe(expected);
  });
});
