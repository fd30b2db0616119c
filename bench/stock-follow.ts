/**
 * Stock follows sales benchmark: `npm run bench -- stock-follow [--orders 10] [--latency 20] [--json]`.
 * Two profiles on one GesCom (the sample company): A, the demo profile on the WooCommerce simulator
 * (the recorded French shop), and B, its copy on the PrestaShop simulator (a fresh French install);
 * the catalogue exported to both, A's recorded orders imported and both shops' stock settled, as in
 * test/orders/stock-follow.test.ts. The service (buildServer) listens on 127.0.0.1 with A's order
 * webhooks registered towards it, and stock following sales is queued as `passerelle serve` does.
 * Orders are placed in A one after the other (each once the previous one's runs are over); for each,
 * the time from its creation in A to its document in the GesCom and to the lowered quantity in B
 * (both polled every 5 ms; `--latency` ms added to each request the connector sends either shop).
 * Target (issue 9): order placed in A -> new stock in B under 10 s. Prints median, min, max and p95.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runAction } from '../src/actions/runner.js';
import { AppContext } from '../src/app/app-context.js';
import { FOLLOW_ACTION, registerStockFollow } from '../src/app/stock-follow.js';
import { demoInit } from '../src/cli/demo.js';
import { buildServer } from '../src/service/server.js';
import { inboxFor } from '../src/service/webhook-inbox.js';
import { registerWebhooks } from '../src/service/webhook-subscriptions.js';
import { startPrestaShopSimulator } from '../test/simulators/prestashop/server.js';
import { startWooSimulator } from '../test/simulators/woocommerce/server.js';
import { delayFigures, describeDelays, msUntil, paidWooOrder, type Args } from './common.js';

const TARGET_MS = 10_000;
const A = 'demo';
const B = 'shop-b';
/** AR0003: product 406 in the recorded WooCommerce shop, exported to the PrestaShop one. */
const SKU = 'AR0003';
const WOO_PRODUCT_ID = 406;
/** The recorded orders of the WooCommerce shop (imported before the hooks exist, so the shops start quiet). */
const PERIOD = { from: '2026-11-01', to: '2026-12-31' };

export interface StockFollowBenchResult {
  scenario: 'stock-follow';
  orders: number;
  latency_ms: number;
  /** Order placed in A -> its document in the GesCom. */
  document_median_ms: number;
  document_min_ms: number;
  document_max_ms: number;
  document_p95_ms: number;
  /** Order placed in A -> the lowered quantity in B. */
  stock_median_ms: number;
  stock_min_ms: number;
  stock_max_ms: number;
  stock_p95_ms: number;
  target_ms: number;
  /** A's import runs the deliveries made, B's stock-follow runs. */
  runs: number;
  follow_runs: number;
}

export async function stockFollow(args: Args, orders: number): Promise<StockFollowBenchResult> {
  if (!Number.isInteger(orders) || orders < 1) throw new Error('--orders: a whole number >= 1');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-bench-follow-'));
  const woo = await startWooSimulator({ port: 0, seed: 'fixtures' });
  const ps = await startPrestaShopSimulator({ port: 0 });
  const app = new AppContext(path.join(dir, 'data'));
  const { server } = buildServer({ app });
  let follow: ReturnType<typeof registerStockFollow> | undefined;
  try {
    const { db } = await demoInit(app, { shop: { kind: 'woocommerce', url: woo.url, woocommerce: { key: woo.key, secret: woo.secret } } });
    app.profiles.duplicate(A, B);
    const b = app.profiles.load(B);
    app.profiles.save({ ...b, shop: { ...b.shop, kind: 'prestashop', url: ps.url, prestashop: { ...b.shop.prestashop, key: ps.key } } });
    for (const p of [A, B]) await runAction(app, { profile: p, action: 'products.export' });
    await runAction(app, { profile: A, action: 'orders.import', params: PERIOD });
    for (const p of [A, B]) {
      const settled = await runAction(app, { profile: p, action: 'products.stocks' });
      if (settled.status !== 'succeeded') throw new Error(`${p}: stock run ${settled.status}`);
    }
    const product = ps.state.list('products').find((p) => p['reference'] === SKU);
    if (!product) throw new Error(`no ${SKU} in the PrestaShop simulator after the export`);
    /** What B shows for the article: its shop-wide stock_available. */
    const bQty = () => Number(ps.state.list('stock_availables', (s) => s['id_product'] === String(product.id) && s['id_product_attribute'] === '0' && s['id_shop'] === '1')[0]?.['quantity']);

    const url = await server.listen({ port: 0, host: '127.0.0.1' });
    await registerWebhooks(app, A, url);
    follow = registerStockFollow(app, { queued: true, print: () => undefined });
    woo.setLatency(args.latency);
    ps.setLatency(args.latency);
    if (!args.json) process.stdout.write(`shop B shows ${bQty()} x ${SKU} before the orders\n`);

    const gescom = new Database(db, { readonly: true });
    gescom.pragma('busy_timeout = 5000');
    const find = gescom.prepare('SELECT number FROM documents WHERE shop_order_id = ?');
    const toDocument: number[] = [];
    const toStock: number[] = [];
    try {
      for (let i = 0; i < orders; i++) {
        const expected = bQty() - 1;
        const started = performance.now();
        const res = await woo.request('POST', '/wc/v3/orders', paidWooOrder([{ product_id: WOO_PRODUCT_ID, quantity: 1 }]));
        if (res.status !== 201) throw new Error(`order ${i}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        const id = String((res.body as { id: number }).id);
        // Both watched at once: B's stock may come before the poll of the document sees it.
        const [doc, stock] = await Promise.all([
          msUntil(`order ${id}: GesCom document`, started, () => !!find.get(id)),
          msUntil(`order ${id}: ${expected} x ${SKU} in shop B`, started, () => bQty() === expected),
        ]);
        toDocument.push(doc);
        toStock.push(stock);
        if (!args.json) process.stdout.write(`order ${id}: GesCom document ${doc.toFixed(0)} ms, shop B stock ${stock.toFixed(0)} ms\n`);
        // Each order measured on its own: the previous one's runs (A's own follow-up too) are over.
        await inboxFor(app).idle();
        await follow.idle();
        await app.queue.idle();
      }
    } finally {
      gescom.close();
    }
    const doc = delayFigures(toDocument);
    const stock = delayFigures(toStock);
    const result: StockFollowBenchResult = {
      scenario: 'stock-follow', orders, latency_ms: args.latency,
      document_median_ms: doc.median_ms, document_min_ms: doc.min_ms, document_max_ms: doc.max_ms, document_p95_ms: doc.p95_ms,
      stock_median_ms: stock.median_ms, stock_min_ms: stock.min_ms, stock_max_ms: stock.max_ms, stock_p95_ms: stock.p95_ms,
      target_ms: TARGET_MS,
      runs: app.state.runs(A, 10_000).filter((r) => r.action === 'orders.import').length - 1,
      // The follow-ups are B's stock runs of some articles (`codes`), not its settling run.
      follow_runs: app.state.runs(B, 10_000).filter((r) => r.action === FOLLOW_ACTION && Array.isArray(r.params.codes)).length,
    };
    if (args.json) process.stdout.write(JSON.stringify(result) + '\n');
    else {
      process.stdout.write(`stock-follow  ${orders} orders, shop latency ${args.latency} ms, ${result.runs} import runs, ${result.follow_runs} follow-ups in B\n` +
        `  order placed in A -> GesCom document  ${describeDelays(doc)}\n` +
        `  order placed in A -> new stock in B   ${describeDelays(stock)} (target < ${TARGET_MS} ms)\n`);
    }
    return result;
  } finally {
    follow?.stop();
    await follow?.idle();
    await server.close();
    app.close();
    await woo.close();
    await ps.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
