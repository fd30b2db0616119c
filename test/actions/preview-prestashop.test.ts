/**
 * A preview on PrestaShop: the same recorders over another adapter. The first export and an
 * update after a GesCom change are previewed (nothing reaches the simulator), then run: the run
 * does what the preview announced, and the shop holds it.
 */
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { PsActionEnv, removeSampleDb } from '../prestashop/support-actions.js';
import { previewThenRun } from './preview-support.js';

let env: PsActionEnv;
beforeEach(async () => {
  env = await PsActionEnv.start();
});
afterEach(async () => {
  await env?.close();
});
afterAll(removeSampleDb);

describe('PrestaShop', () => {
  test('products.export: creations, then an update old -> new, each previewed then done as announced', async () => {
    const first = await previewThenRun(env, 'products.export');
    const created = first.preview.report.items.filter((i) => i.entity === 'product' && i.op === 'create').map((i) => i.key).sort();
    expect(created).toContain('AR0003');
    expect(env.products().map((p) => String(p.reference)).sort()).toEqual(created);

    await env.gescom(async (g) => {
      await g.updateArticle('AR0003', { name: 'Chocolat Noir Intense' });
      await g.setStock('AR0003', '0001', { real: '50' });
    });
    const second = await previewThenRun(env, 'products.export');
    const shop = second.preview.report.items.filter((i) => i.side === 'shop');
    expect(shop.map((i) => [i.entity, i.key, i.op])).toEqual([['product', 'AR0003', 'update']]);
    expect(shop[0]!.changes.find((c) => c.field === 'name')).toEqual({ field: 'name', old: 'Chocolat Noir', new: 'Chocolat Noir Intense' });
    expect(shop[0]!.changes.find((c) => c.field === 'stock.quantity')).toMatchObject({ new: '50' });
    expect(JSON.stringify(env.product('AR0003')?.name)).toContain('Chocolat Noir Intense');
  });
});
