/**
 * Shopify benchmark: `npm run bench -- shopify --articles 20000 [--json] [--latency 20]`, on the
 * Shopify simulator (Standard plan: bucket 2,000 points, 100 points/s). Same scenario names and
 * keys as the WooCommerce one; requests are GraphQL calls, writes are mutations.
 *   full, nochange, stock1pct, reconcile   the connector's actions in a child process (bulk
 *                                          operations above shop.shopify.bulkThreshold)
 *   naive   one productCreate per article, as a plain app would, on a sample of `NAIVE_SAMPLE`
 *           articles against a simulator whose clock is injected: the client waits what the bucket
 *           needs without sleeping for real (the simulated waits are added to the wall time), then
 *           extrapolated per item to --articles (said in its output)
 */
import path from 'node:path';
import { createCompanyDb } from '../src/cli/gescom-commands.js';
import { openGesCom } from '../src/gescom/open-gescom.js';
import { AppContext } from '../src/app/app-context.js';
import { HttpClient } from '../src/http/http-client.js';
import { staticTokenAuth } from '../src/shops/shopify/auth.js';
import { ShopifyCostPolicy } from '../src/shops/shopify/cost-policy.js';
import { ShopifyGraphql, throttledRetry } from '../src/shops/shopify/graphql-client.js';
import { priceFields } from '../src/shops/shopify/product-mapping.js';
import { readProductDrafts } from '../src/sync/engine/catalogue-reader.js';
import { shopifySchema } from '../test/support/shopify-schema.js';
import { startShopifySimulator, type ShopifySimulator } from '../test/simulators/shopify/server.js';
import { catalogueBench, createBenchProfile, report, type Args, type CountingShop, type ScenarioResult } from './common.js';

const NAIVE_SAMPLE = 300;

/** The simulator as the bench counts: GraphQL calls, and among them mutations. */
function counting(sim: ShopifySimulator): CountingShop {
  const mutations = new Set(Object.keys(shopifySchema().getMutationType()!.getFields()));
  return {
    resetStats: () => sim.resetStats(),
    get stats() {
      const writes = Object.entries(sim.stats.byField).filter(([f]) => mutations.has(f)).reduce((a, [, n]) => a + n, 0);
      return { requests: sim.stats.graphqlRequests, writeRequests: writes };
    },
  };
}

/** Every `step`-th variant changed by hand in the shop admin (no HTTP): price 1.00. */
function driftShop(sim: ShopifySimulator, step: number): number {
  let drifted = 0;
  let n = 0;
  for (const v of sim.state.variants.values()) {
    if (n++ % step !== 0) continue;
    v.price = '1.00';
    drifted++;
  }
  return drifted;
}

export async function shopify(args: Args): Promise<void> {
  await catalogueBench(args, {
    tmpPrefix: 'passerelle-bench-shopify-',
    start: () => startShopifySimulator({ port: 0, latencyMs: args.latency, bulkRunningPolls: 1 }),
    counting,
    createProfile: (dataDir, db, sim) => createBenchProfile(dataDir, 'bench', db, { kind: 'shopify', url: sim.url, shopify: { accessToken: sim.adminToken, secret: sim.clientSecret } }, { variations: args.variations }),
    drift: (sim) => driftShop(sim, 100),
    naive: (dir) => naive(args, dir),
  });
}

const PRODUCT_CREATE = `mutation NaiveProductCreate($product: ProductCreateInput!) {
  productCreate(product: $product) { product { id variants(first: 1) { nodes { id } } } userErrors { field message } }
}`;
const VARIANT_UPDATE = `mutation NaiveVariant($productId: ID!, $variants: [ProductVariantsBulkInput!]!) {
  productVariantsBulkUpdate(productId: $productId, variants: $variants) { productVariants { id } userErrors { field message } }
}`;

/**
 * One productCreate (and one variant update for its SKU and price) per article, one at a time,
 * on a sample, with the Standard plan's bucket on an injected clock: the waits the bucket imposes
 * are counted, not slept.
 */
async function naive(args: Args, dir: string): Promise<ScenarioResult> {
  const sample = Math.min(args.articles, NAIVE_SAMPLE);
  const db = path.join(dir, 'naive.db');
  await createCompanyDb(db, { articles: sample, customers: 10, seed: 1 });
  const sim = await startShopifySimulator({ port: 0, latencyMs: args.latency, now: '2026-12-01T08:00:00Z' });
  const counted = counting(sim);
  let waitedMs = 0;
  try {
    const dataDir = path.join(dir, 'data-naive');
    createBenchProfile(dataDir, 'naive', db, { kind: 'shopify', url: sim.url, shopify: { accessToken: sim.adminToken, secret: sim.clientSecret } }, { variations: args.variations });
    const app = new AppContext(dataDir);
    const profile = app.profiles.load('naive');
    const http = new HttpClient({
      baseUrl: `${sim.url}/admin/api/2026-10/`, timeoutMs: 30_000, delayMs: 0, maxTries: 10, concurrency: 1, userAgent: 'naive',
      auth: staticTokenAuth(sim.adminToken), shouldRetry: throttledRetry, rateLimit: new ShopifyCostPolicy(),
      now: () => sim.now().getTime(),
      sleep: async (ms) => {
        waitedMs += ms;
        sim.advance(ms);
      },
    });
    const gql = new ShopifyGraphql(http);
    const create = { name: 'NaiveProductCreate', kind: 'mutation' as const, source: PRODUCT_CREATE };
    const update = { name: 'NaiveVariant', kind: 'mutation' as const, source: VARIANT_UPDATE };
    const gescom = openGesCom(profile.gescom);
    counted.resetStats();
    const started = process.hrtime.bigint();
    let items = 0;
    let failed = 0;
    for await (const page of readProductDrafts(gescom, profile, { withFiles: false, now: new Date() }, () => failed++)) {
      for (const d of page) {
        try {
          const p = await gql.mutate<{ product: { id: string; variants: { nodes: { id: string }[] } } | null }>(create, {
            product: { title: d.name, descriptionHtml: d.description, vendor: d.brand ?? '', status: d.active ? 'ACTIVE' : 'DRAFT' },
          }, `article ${d.gescomKey}`, 'productCreate');
          const variantId = p.product?.variants.nodes[0]?.id;
          if (p.product && variantId) {
            await gql.mutate(update, { productId: p.product.id, variants: [{ id: variantId, ...priceFields(d.price), inventoryItem: { sku: d.sku } }] }, `article ${d.gescomKey}`, 'productVariantsBulkUpdate');
          }
          items++;
        } catch {
          failed++;
        }
      }
    }
    gescom.close();
    app.close();
    await http.close();
    const realS = Number(process.hrtime.bigint() - started) / 1e9;
    const measuredS = realS + waitedMs / 1000;
    const factor = args.articles / sample;
    const r: ScenarioResult & { sample_articles: number; extrapolated: boolean; throttle_wait_s: number } = {
      scenario: 'naive', wall_s: Number((measuredS * factor).toFixed(1)), requests: Math.round(counted.stats.requests * factor),
      write_requests: Math.round(counted.stats.writeRequests * factor), items: Math.round(items * factor),
      items_per_s: measuredS > 0 ? items / measuredS : 0, peak_rss_mb: Number((process.resourceUsage().maxRSS / 1024).toFixed(1)),
      peak_heap_mb: Number((process.memoryUsage().heapUsed / 1048576).toFixed(1)), updated: 0, failed,
      sample_articles: sample, extrapolated: factor !== 1, throttle_wait_s: Number(((waitedMs / 1000) * factor).toFixed(1)),
    };
    if (!args.json) {
      process.stdout.write(`naive: measured on ${sample} articles (${measuredS.toFixed(1)} s of which ${(waitedMs / 1000).toFixed(1)} s waiting for the bucket, simulated clock), extrapolated per item to ${args.articles}\n`);
    }
    report(r, args.json);
    return r;
  } finally {
    await sim.close();
  }
}
