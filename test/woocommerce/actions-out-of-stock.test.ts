/**
 * ART-15, the stock update's out-of-stock options end to end against the WooCommerce simulator:
 * a stock run that empties an article disables its product (disableWhenZero); once the stock is
 * back, the stock run enables it again with enableWhenBack, and leaves it disabled without it
 * (the next status run sends the GesCom's status).
 */
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ActionEnv, removeSampleDb } from './support-actions.js';

let env: ActionEnv;

beforeEach(async () => {
  env = await ActionEnv.start();
});
afterEach(async () => {
  await env?.close();
});
afterAll(removeSampleDb);

const PRODUCTS_BATCH = 'POST /wc/v3/products/batch';

async function outOfStockOptions(disableWhenZero: boolean, enableWhenBack: boolean, markOutOfStock = false): Promise<void> {
  env.editProfile((p) => ({ ...p, articles: { ...p.articles, outOfStock: { disableWhenZero, enableWhenBack, markOutOfStock } } }));
}

async function held(sku: string) {
  const p = (await env.product(sku))!;
  return { status: p.status, stock: p.stock_quantity, name: p.name, price: p.regular_price, description: p.description };
}

describe('out of stock, then back in stock (AR0003)', () => {
  test.each([
    // disableWhenZero, enableWhenBack, status once empty, status once back
    [true, true, 'draft', 'publish'],
    [true, false, 'draft', 'draft'],
    [false, true, 'publish', 'publish'],
    [false, false, 'publish', 'publish'],
  ])('disableWhenZero %s, enableWhenBack %s: %s when empty, %s when back', async (disable, enable, empty, back) => {
    await outOfStockOptions(disable, enable);
    await env.run('products.export');
    const exported = await held('AR0003');
    expect(exported.status).toBe('publish');

    await env.gescom((g) => g.setStock('AR0003', '0001', { real: '0' }));
    const r1 = await env.run('products.stocks');
    expect(r1.record.status).toBe('succeeded');
    // Stock and status in the same write.
    expect(r1.writeRequests).toBe(1);
    expect(r1.byRoute[PRODUCTS_BATCH]).toBe(1);
    expect(await held('AR0003')).toEqual({ ...exported, stock: 0, status: empty });

    await env.gescom((g) => g.setStock('AR0003', '0001', { real: '12' }));
    const r2 = await env.run('products.stocks');
    expect(r2.writeRequests).toBe(1);
    expect(await held('AR0003')).toEqual({ ...exported, stock: 12, status: back });

    // Nothing left to send: not by the stock run, not by a status run (the status sent is on record).
    expect((await env.run('products.stocks')).requests).toBe(0);
    const status = await env.run('products.status');
    if (disable && !enable) {
      // The status run sends the GesCom's status: the article is active and in stock.
      expect(status.writeRequests).toBe(1);
      expect((await held('AR0003')).status).toBe('publish');
    } else {
      expect(status.requests).toBe(0);
    }
  });

  test('a product disabled by hand for another reason is not enabled by a stock run (unpublished in the GesCom)', async () => {
    await outOfStockOptions(true, true);
    await env.run('products.export');
    await env.gescom((g) => g.setStock('AR0003', '0001', { real: '0' }));
    await env.run('products.stocks');
    expect((await held('AR0003')).status).toBe('draft');
    // Unpublished in the GesCom while out of stock: back in stock, it stays disabled.
    env.editProfile((p) => ({
      ...p, stock: { ...p.stock, ignorePublishable: true },
      articles: { ...p.articles, activation: { ...p.articles.activation, disableUnpublished: true } },
    }));
    await env.gescom(async (g) => {
      await g.updateArticle('AR0003', { publishable: false });
      await g.setStock('AR0003', '0001', { real: '5' });
    });
    await env.run('products.stocks');
    expect(await held('AR0003')).toMatchObject({ stock: 5, status: 'draft' });
  });

  test('switched on after the stock ran out: the next stock run disables the empty products and variations', async () => {
    await env.run('products.export');
    await env.gescom((g) => g.setStock('AR0003', '0001', { real: '0' }));
    await env.run('products.stocks');
    expect((await held('AR0003')).status).toBe('publish');
    await outOfStockOptions(true, true);
    const r = await env.run('products.stocks');
    // AR0003 and the sample's variation of PULL already at 0: their status only.
    expect(r.record.counts.stock).toMatchObject({ updated: 2, failed: 0 });
    expect(r.byRoute[PRODUCTS_BATCH]).toBe(1);
    expect(await held('AR0003')).toMatchObject({ stock: 0, status: 'draft' });
    const pull = (await env.product('PULL'))!;
    const empty = (await env.variations(pull.id)).filter((v) => v.stock_quantity !== null && v.stock_quantity <= 0);
    expect(empty.length).toBe(1);
    expect(empty[0]!.status).toBe('private');
  });
});
