/**
 * One benchmark scenario in its own process (see bench/main.ts). Prints one JSON
 * line: wall time, items handled, failures, and this process's peak memory.
 */
import { runAction } from '../src/actions/runner.js';
import { favourMemory } from '../src/app/memory-posture.js';
import { AppContext } from '../src/app/app-context.js';
import { openGesCom } from '../src/gescom/open-gescom.js';
import { shopSettingsOf } from '../src/shops/open-shop.js';
import { wooCommerceAuth } from '../src/shops/woocommerce/auth.js';
import { HttpClient } from '../src/http/http-client.js';
import { readProductDrafts } from '../src/sync/engine/catalogue-reader.js';
import { productPayload, variationPayload, type WooMappingContext } from '../src/shops/woocommerce/woo-mapping.js';

const [scenario, dataDir, profileName, url, key, secret] = process.argv.slice(2);
if (!scenario || !dataDir || !profileName) throw new Error('usage: scenario.js NAME DATA_DIR PROFILE [URL KEY SECRET]');

// The command's own memory posture (src/cli/main.ts), so the figures are the command's.
favourMemory();
const app = new AppContext(dataDir);
// Peak V8 heap in use (sampled): tells retained memory from the RSS the garbage collector has not given back yet.
let peakHeap = 0;
const sampler = setInterval(() => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}, 50);
sampler.unref();
const started = process.hrtime.bigint();
let items = 0;
let updated = 0;
let failed = 0;

if (scenario === 'naive') {
  // The original product's behaviour: one request per product and per variation, 25 ms apart, one at a time.
  const profile = app.profiles.load(profileName);
  const api = new HttpClient({
    baseUrl: `${url}/wp-json/wc/v3/`, timeoutMs: 30_000, delayMs: 25, maxTries: 3, concurrency: 1, userAgent: 'naive',
    auth: wooCommerceAuth({ url: url!, consumerKey: key!, consumerSecret: secret! }),
  });
  const gescom = openGesCom(profile.gescom);
  const ctx: WooMappingContext = { settings: shopSettingsOf(profile), options: profile.shop.woocommerce, taxClassOf: () => undefined, attributeIdOf: () => undefined, mediaIdOf: () => undefined };
  for await (const page of readProductDrafts(gescom, profile, { withFiles: false, now: new Date() }, () => failed++)) {
    for (const d of page) {
      try {
        const res = await api.request<{ id: number }>({ method: 'POST', path: 'products', json: productPayload(d, ctx, [], [], false) });
        items++;
        for (const v of d.variations) {
          await api.request({ method: 'POST', path: `products/${res.data.id}/variations`, json: variationPayload(v, ctx, false) });
          items++;
        }
      } catch {
        failed++;
      }
    }
  }
  gescom.close();
} else {
  // The reconcile scenario: stock then prices, each compared with what the shop holds.
  const runs: { action: string; params: Record<string, unknown> }[] = scenario === 'reconcile'
    ? [{ action: 'products.stocks', params: { reconcile: true } }, { action: 'products.prices', params: { reconcile: true } }]
    : [{
      action: scenario === 'stock1pct' ? 'products.stocks' : scenario === 'orders' ? 'orders.import' : 'products.export',
      params: scenario === 'orders' ? { period: 'this-month' } : {},
    }];
  for (const { action, params } of runs) {
    const record = await runAction(app, { profile: profileName, action, params });
    for (const [entity, c] of Object.entries(record.counts)) {
      if (entity === 'categories' || entity === 'customers') continue;
      items += c.created + c.updated + c.unchanged + c.skipped;
      updated += c.updated;
      failed += c.failed;
    }
    if (record.status !== 'succeeded') failed++;
    if (process.env.BENCH_DEBUG) process.stderr.write(`${action} ${JSON.stringify(record.counts)} ${record.message ?? ''}\n`);
  }
}

const wall = Number(process.hrtime.bigint() - started) / 1e9;
app.close();
clearInterval(sampler);
process.stdout.write(JSON.stringify({
  wall_s: Number(wall.toFixed(2)), items, updated, failed, peak_rss_mb: Number((process.resourceUsage().maxRSS / 1024).toFixed(1)),
  peak_heap_mb: Number((peakHeap / 1048576).toFixed(1)),
}) + '\n');
