/**
 * Benchmarks. `npm run bench -- woocommerce --articles 20000 [--json] [--latency 20]`
 * generates a company, starts the WooCommerce simulator (20 ms added latency per
 * request) in this process, and runs each scenario in a child process so that its
 * peak memory is the connector's alone:
 *   full       first products export (categories, products, variations), batched
 *   nochange   the same export again with nothing changed in the GesCom
 *   stock1pct  stock run after changing the stock of 1 % of the articles
 *   reconcile  1 % of the products changed in the shop by hand (price and stock),
 *              then `products stocks --reconcile` and `products prices --reconcile`:
 *              reads, plus one write per batch of drifted items
 *   naive      the first export as the original product does it: one request per
 *              item, 25 ms between requests, into a fresh shop (about 9 minutes for
 *              20,000 articles: only with --scenarios naive or all)
 * `--scenarios full,nochange,stock1pct,reconcile,naive` picks some (default: all but naive).
 * `npm run bench -- shopify --articles 20000 [--json]`: the same scenarios on the Shopify simulator (bench/shopify.ts).
 * `npm run bench -- webhooks [--orders 20] [--json]`: delay from an order placed to its GesCom
 * document through the shop's webhooks (bench/webhooks.ts).
 * `npm run bench -- stock-follow [--orders 10] [--json]`: delay from an order placed in a WooCommerce shop
 * to the new stock in a PrestaShop shop on the same GesCom, through webhooks (bench/stock-follow.ts).
 * Requests are counted by the simulator (what reached the shop).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppContext } from '../src/app/app-context.js';
import { createCompanyDb } from '../src/cli/gescom-commands.js';
import { startWooSimulator, type WooSimulator } from '../test/simulators/woocommerce/server.js';
import { catalogueScenarios, createBenchProfile, scenario, type Args, type ScenarioResult } from './common.js';
import { prestashop } from './prestashop.js';
import { shopify } from './shopify.js';
import { stockFollow } from './stock-follow.js';
import { webhooks } from './webhooks.js';


const SCENARIOS = ['full', 'nochange', 'stock1pct', 'reconcile', 'naive'];
/** The naive scenario takes about 9 minutes for 20,000 articles: asked for by name only. */
const DEFAULT_SCENARIOS = SCENARIOS.filter((s) => s !== 'naive');

function parseArgs(argv: string[]): Args {
  const args: Args = { target: argv[0] ?? 'woocommerce', articles: 20000, orders: 1000, json: false, latency: 20, scenarios: DEFAULT_SCENARIOS, variations: false };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--articles') args.articles = Number(argv[++i]);
    else if (a === '--json') args.json = true;
    else if (a === '--orders') args.orders = Number(argv[++i]);
    else if (a === '--latency') args.latency = Number(argv[++i]);
    else if (a === '--scenarios') {
      const v = String(argv[++i]);
      args.scenarios = v === 'all' ? SCENARIOS : v.split(',').map((x) => x.trim()).filter(Boolean);
      const unknown = args.scenarios.filter((x) => !SCENARIOS.includes(x));
      if (unknown.length) throw new Error(`--scenarios: unknown ${unknown.join(', ')} (${SCENARIOS.join(', ')}, or all)`);
    }
    else if (a === '--variations') args.variations = true;
    else throw new Error(`unknown argument ${a}`);
  }
  if (!Number.isInteger(args.articles) || args.articles < 1) throw new Error('--articles: a whole number >= 1');
  return args;
}

/** Changes every `step`-th product or variation of the shop directly (no HTTP): what a person does in the back office. */
async function driftShop(sim: WooSimulator, step: number): Promise<number> {
  let n = 0;
  let drifted = 0;
  for (const p of sim.state.products.list()) {
    if (p.type !== 'simple' && p.type !== 'variation') continue;
    if (n++ % step !== 0) continue;
    const route = p.type === 'variation' ? `/wc/v3/products/${p.parentId}/variations/${p.id}` : `/wc/v3/products/${p.id}`;
    const res = await sim.request('PUT', route, { regular_price: '1.00', stock_quantity: 999, manage_stock: true });
    if (res.status !== 200) throw new Error(`drift ${p.id}: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
    drifted++;
  }
  return drifted;
}

async function woocommerce(args: Args): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-bench-'));
  try {
    const db = path.join(dir, 'company.db');
    const t0 = Date.now();
    await createCompanyDb(db, { articles: args.articles, customers: 10, seed: 1 });
    if (!args.json) process.stdout.write(`GesCom: ${args.articles} articles generated in ${((Date.now() - t0) / 1000).toFixed(1)} s (${dir})\n`);
    const sim = await startWooSimulator({ port: 0, latencyMs: args.latency });
    createBenchProfile(path.join(dir, 'data'), 'bench', db, { kind: 'woocommerce', url: sim.url, woocommerce: { key: sim.key, secret: sim.secret } }, { variations: args.variations });
    const childArgs = [path.join(dir, 'data'), 'bench'];
    const results: ScenarioResult[] = [];
    try {
      // 1 % of the shop's products (or variations) changed by hand in the shop: price 1.00 and stock 999.
      results.push(...await catalogueScenarios(args, db, sim, childArgs, () => driftShop(sim, 100)));
    } finally {
      await sim.close();
    }
    if (args.scenarios.includes('naive')) {
      const fresh = await startWooSimulator({ port: 0, latencyMs: args.latency });
      try {
        results.push(await scenario('naive', fresh, [...childArgs, fresh.url, fresh.key, fresh.secret], args.json));
      } finally {
        await fresh.close();
      }
    }
    const full = results.find((r) => r.scenario === 'full');
    const naive = results.find((r) => r.scenario === 'naive');
    if (full && naive && !args.json) process.stdout.write(`full is ${(naive.wall_s / full.wall_s).toFixed(1)}x faster than naive\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Orders: the sample company's catalogue exported to the simulator, then N paid
 * orders (1 to 4 lines, a third of them guests, some with a coupon) placed in the
 * shop; the scenario imports them all into the GesCom.
 */
async function orders(args: Args): Promise<void> {
  if (!Number.isInteger(args.orders) || args.orders < 1) throw new Error('--orders: a whole number >= 1');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-bench-'));
  try {
    const sim = await startWooSimulator({ port: 0, latencyMs: 0 });
    try {
      // A French shop, as the demo profile expects: orders in another currency than the company's are refused unless mapped.
      await sim.request('PUT', '/wc/v3/settings/general/woocommerce_currency', { value: 'EUR' });
      const app = new AppContext(path.join(dir, 'data'));
      const { demoInit } = await import('../src/cli/demo.js');
      const { runAction } = await import('../src/actions/runner.js');
      await demoInit(app, { shop: { kind: 'woocommerce', url: sim.url, woocommerce: { key: sim.key, secret: sim.secret } } });
      const demo = app.profiles.load('demo');
      app.profiles.save({ ...demo, articles: { ...demo.articles, images: { ...demo.articles.images, enabled: false } } });
      const exported = await runAction(app, { profile: 'demo', action: 'products.export' });
      if (exported.status !== 'succeeded') throw new Error('catalogue export failed');
      const list = await sim.request('GET', '/wc/v3/products', undefined, { per_page: '100', type: 'simple' });
      const products = (list.body as { id: number; sku: string }[]).filter((p) => /^AR00/.test(p.sku));
      await sim.request('POST', '/wc/v3/coupons', { code: 'BENCH10', discount_type: 'percent', amount: '10' });
      const t0 = Date.now();
      for (let i = 0; i < args.orders; i++) {
        const lines = 1 + (i % 4);
        const guest = i % 3 === 0;
        const email = guest ? `invite${i}@example.fr` : `client${i % 50}@example.fr`;
        const address = { first_name: `Prénom${i % 50}`, last_name: `Nom${i % 50}`, address_1: `${i} rue de la Paix`, city: 'Lyon', postcode: '69002', country: 'FR', email, phone: '0600000000' };
        const res = await sim.request('POST', '/wc/v3/orders', {
          status: 'processing', set_paid: true, payment_method: i % 2 ? 'bacs' : 'cheque', payment_method_title: i % 2 ? 'Virement bancaire' : 'Chèque',
          customer_id: 0, billing: address, shipping: { ...address, email: undefined },
          line_items: Array.from({ length: lines }, (_, k) => ({ product_id: products[(i + k * 7) % products.length]!.id, quantity: 1 + ((i + k) % 3) })),
          shipping_lines: [{ method_id: 'flat_rate', method_title: 'Colissimo', total: '4.90' }],
          ...(i % 5 === 0 ? { coupon_lines: [{ code: 'BENCH10' }] } : {}),
        });
        if (res.status !== 201) throw new Error(`order ${i}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      }
      app.close();
      if (!args.json) process.stdout.write(`shop: ${args.orders} orders placed in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
      sim.setLatency(args.latency);
      await scenario('orders', sim, [path.join(dir, 'data'), 'demo'], args.json);
    } finally {
      await sim.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const args = parseArgs(process.argv.slice(2));
if (args.target === 'woocommerce') await woocommerce(args);
else if (args.target === 'prestashop') await prestashop(args);
else if (args.target === 'shopify') await shopify(args);
else if (args.target === 'orders') await orders(args);
// 20 orders unless --orders says otherwise: each is measured on its own, one after the other.
else if (args.target === 'webhooks') await webhooks(args, process.argv.includes('--orders') ? args.orders : 20);
else if (args.target === 'stock-follow') await stockFollow(args, process.argv.includes('--orders') ? args.orders : 10);
else throw new Error(`unknown benchmark "${args.target}" (woocommerce, prestashop, shopify, orders, webhooks, stock-follow)`);
