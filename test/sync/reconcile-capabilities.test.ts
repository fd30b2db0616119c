/**
 * A shop that cannot read back what it holds (or its orders) gets the plain delta
 * run, and the journal says why: the engine never guesses (issue 7).
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { EmbeddedGesCom } from '../../src/gescom/embedded/embedded-gescom.js';
import { Messages } from '../../src/i18n/catalogue.js';
import { Journal } from '../../src/journal/journal.js';
import type { AspectWrite, ItemResult, ShopPort, ShopProductState } from '../../src/shops/port.js';
import { StateStore } from '../../src/state/state-store.js';
import { syncAspect } from '../../src/sync/engine/aspect-sync.js';
import { PRODUCT_KIND } from '../../src/sync/engine/product-sync.js';
import { demoProfile, sampleGesCom } from './sample.js';

let gescom: EmbeddedGesCom;
let state: StateStore;

beforeEach(async () => {
  gescom = await sampleGesCom();
  state = new StateStore(':memory:');
  state.saveBinding('demo', PRODUCT_KIND, 'AR0003', '406', 'product-hash');
});
afterEach(() => {
  gescom.close();
  state.close();
});

/** A shop of its own kind: writes recorded, optional reads present or not. */
function fakeShop(o: { states?: ShopProductState[]; orders: boolean }): { shop: ShopPort; writes: AspectWrite[] } {
  const writes: AspectWrite[] = [];
  const shop = {
    kind: 'fake',
    capabilities: { customerGroups: 'none', batchSize: { products: 100, variations: 100, customers: 100, categories: 100 }, variations: false, groupPrices: false, documents: false, packs: false, stockReducingOrderStatuses: [] },
    orderSource: () => (o.orders ? { orders: async function* () { /* no orders */ } } : null),
    writeAspects: async (items: AspectWrite[]): Promise<ItemResult[]> => {
      writes.push(...items);
      return items.map((i) => ({ key: i.key, ok: true, shopId: i.target.productId, created: false, error: null }));
    },
    ...(o.states ? { productStates: async function* () { yield o.states!; } } : {}),
  } as unknown as ShopPort;
  return { shop, writes };
}

async function run(shop: ShopPort): Promise<string[]> {
  const lines: string[] = [];
  const journal = new Journal({ profile: 'demo', file: null, lang: 'fr', timezone: 'Europe/Paris', messages: new Messages() });
  journal.on('entry', (e: { level: string; text: string }) => {
    if (e.level !== 'progress') lines.push(e.text);
  });
  await syncAspect(gescom, shop, state, demoProfile(), journal, { aspect: 'stock', ignorePublishable: false, codes: null, now: new Date(), flushSize: 100, reconcile: true });
  return lines;
}

describe('capabilities a shop lacks', () => {
  test('no product read-back: the plain delta run, said in the journal', async () => {
    const { shop, writes } = fakeShop({ orders: true });
    const lines = await run(shop);
    expect(lines).toContain('--> Rapprochement ignoré : la boutique fake ne permet pas de relire le stock ; envoi habituel des seules modifications');
    // Never sent before: the delta run sends it, with the GesCom's quantity.
    expect(writes.map((w) => [w.key, w.stock?.quantity])).toEqual([['AR0003', 120]]);
  });

  test('no order reader: the stock is not reconciled (it could oversell), said in the journal', async () => {
    const { shop, writes } = fakeShop({ orders: false, states: [{ shopId: '406', sku: 'AR0003', kind: 'simple', quantity: 999, regularPrice: '4.95', salePrice: '', active: true, outOfStock: false }] });
    const lines = await run(shop);
    expect(lines).toContain('--> Rapprochement du stock ignoré : la boutique fake ne permet pas de lire ses commandes, le stock corrigé pourrait survendre');
    expect(lines.filter((l) => l.includes('stock boutique'))).toEqual([]);
    expect(writes.map((w) => [w.key, w.stock?.quantity])).toEqual([['AR0003', 120]]);
  });

  test('both present: the drift is journalled and corrected', async () => {
    const { shop, writes } = fakeShop({ orders: true, states: [{ shopId: '406', sku: 'AR0003', kind: 'simple', quantity: 999, regularPrice: '4.95', salePrice: '', active: true, outOfStock: false }] });
    const lines = await run(shop);
    expect(lines).toContain('--> article AR0003 : stock boutique 999 ≠ 120 attendu');
    expect(writes.map((w) => [w.key, w.stock?.quantity])).toEqual([['AR0003', 120]]);
  });
});
