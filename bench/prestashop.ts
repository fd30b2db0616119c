/**
 * PrestaShop benchmark: `npm run bench -- prestashop --articles 20000 [--json] [--latency 20]`.
 * Same scenario names and keys as the WooCommerce one. PrestaShop has no batch endpoint: a
 * product is one create plus its stock (and its combinations), so speed comes from delta
 * detection and the profile's bounded concurrency (shop.prestashop.concurrency, default 4).
 *   full, nochange, stock1pct, reconcile   as for WooCommerce
 *   naive   the original product's way: one request at a time, 25 ms between requests, into a
 *           fresh shop; run on a sample of `--naive-sample` articles (default 1,000) of the same
 *           generated catalogue and extrapolated per item to --articles (said in its output)
 * The connector's scenarios run with http.delayMs 0 (the spacing between request starts is a
 * profile option; with four requests in flight the simulator's 20 ms latency is the limit).
 */
import path from 'node:path';
import { createCompanyDb } from '../src/cli/gescom-commands.js';
import { startPrestaShopSimulator, type PrestaShopSimulator } from '../test/simulators/prestashop/server.js';
import { catalogueBench, createBenchProfile, measure, report, type Args, type ScenarioResult } from './common.js';

const NAIVE_SAMPLE = 1000;

/** PrestaShop's bench profile: the shared one with the simulator's key, `concurrency` requests at once, `delayMs` between them. */
function createProfile(dataDir: string, name: string, db: string, sim: PrestaShopSimulator, o: { concurrency: number; delayMs: number; variations: boolean }): void {
  createBenchProfile(dataDir, name, db, { kind: 'prestashop', url: sim.url, prestashop: { key: sim.key, concurrency: o.concurrency } }, { variations: o.variations, http: { delayMs: o.delayMs } });
}

/** Changes every `step`-th product of the shop in its back office (no HTTP): price 1.00 and stock 999. */
function driftShop(sim: PrestaShopSimulator, step: number): number {
  let n = 0;
  let drifted = 0;
  for (const p of sim.state.list('products')) {
    if (n++ % step !== 0) continue;
    sim.state.update('products', Number(p.id), { price: '1.000000' });
    for (const s of sim.state.list('stock_availables', (r) => String(r.id_product) === String(p.id))) {
      sim.state.update('stock_availables', Number(s.id), { quantity: '999' });
    }
    drifted++;
  }
  return drifted;
}

export async function prestashop(args: Args): Promise<void> {
  await catalogueBench(args, {
    tmpPrefix: 'passerelle-bench-ps-',
    start: () => startPrestaShopSimulator({ port: 0, latencyMs: args.latency }),
    counting: (sim) => sim,
    createProfile: (dataDir, db, sim) => createProfile(dataDir, 'bench', db, sim, { concurrency: 4, delayMs: 0, variations: args.variations }),
    drift: (sim) => driftShop(sim, 100),
    naive: (dir) => naive(args, dir),
  });
}

/** The first export one request at a time, 25 ms apart, on a sample, extrapolated per item. */
async function naive(args: Args, dir: string): Promise<ScenarioResult> {
  const sample = Math.min(args.articles, NAIVE_SAMPLE);
  const db = path.join(dir, 'naive.db');
  await createCompanyDb(db, { articles: sample, customers: 10, seed: 1 });
  const sim = await startPrestaShopSimulator({ port: 0, latencyMs: args.latency });
  try {
    const dataDir = path.join(dir, 'data-naive');
    createProfile(dataDir, 'naive', db, sim, { concurrency: 1, delayMs: 25, variations: args.variations });
    // The connector's own export, throttled as the original runs: one request at a time, 25 ms apart.
    const measured = await measure('naive', 'full', sim, [dataDir, 'naive']);
    const factor = args.articles / sample;
    const r: ScenarioResult & { sample_articles: number; extrapolated: boolean } = {
      ...measured,
      items_per_s: measured.items_per_s,
      wall_s: Number((measured.wall_s * factor).toFixed(1)),
      requests: Math.round(measured.requests * factor),
      write_requests: Math.round(measured.write_requests * factor),
      items: Math.round(measured.items * factor),
      sample_articles: sample,
      extrapolated: factor !== 1,
    };
    if (!args.json && factor !== 1) {
      process.stdout.write(`naive: measured on ${sample} articles (${measured.wall_s.toFixed(1)} s, ${measured.requests} requests), extrapolated per item to ${args.articles}\n`);
    }
    report(r, args.json);
    return r;
  } finally {
    await sim.close();
  }
}
