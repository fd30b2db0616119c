/** What every benchmark shares: one scenario per child process, its figures, their printing. */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCompanyDb } from '../src/cli/gescom-commands.js';
import { fileURLToPath } from 'node:url';
import { EmbeddedGesCom } from '../src/gescom/embedded/embedded-gescom.js';
import { AppContext } from '../src/app/app-context.js';
import { demoSettings } from '../src/cli/demo.js';

export interface Args {
  target: string;
  articles: number;
  orders: number;
  json: boolean;
  latency: number;
  scenarios: string[];
  variations: boolean;
}

/** A simulator as the bench reads it: the requests that reached the shop. */
export interface CountingShop {
  resetStats(): void;
  readonly stats: { requests: number; writeRequests: number };
}

export interface ScenarioResult {
  scenario: string;
  wall_s: number;
  requests: number;
  write_requests: number;
  items: number;
  items_per_s: number;
  peak_rss_mb: number;
  /** Peak V8 heap in use (sampled every 50 ms). */
  peak_heap_mb: number;
  /** Items written as updates (the reconcile scenario: the drift corrected). */
  updated: number;
  failed: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));

export type ChildResult = { wall_s: number; peak_rss_mb: number; peak_heap_mb: number; items: number; updated: number; failed: number };

export function runChild(args: string[]): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--expose-gc', path.join(here, 'scenario.js'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0) return reject(new Error(`scenario ${args[0]} exited ${code}: ${out.slice(-2000)}`));
      resolve(JSON.parse(line) as ChildResult);
    });
  });
}

export function report(r: ScenarioResult, json: boolean): void {
  if (json) {
    process.stdout.write(JSON.stringify(r) + '\n');
    return;
  }
  process.stdout.write(
    `${r.scenario.padEnd(10)} wall ${r.wall_s.toFixed(1).padStart(7)} s  requests ${String(r.requests).padStart(6)}  writes ${String(r.write_requests).padStart(6)}  ` +
      `items ${String(r.items).padStart(6)}  updated ${String(r.updated).padStart(5)}  ${r.items_per_s.toFixed(0).padStart(6)} items/s  peak RSS ${r.peak_rss_mb.toFixed(0)} MB (heap ${r.peak_heap_mb.toFixed(0)} MB)${r.failed ? `  FAILED ${r.failed}` : ''}\n`,
  );
}

/** Runs the child scenario `child` and names its figures `name`, without printing them. */
export async function measure(name: string, child: string, sim: CountingShop, childArgs: string[]): Promise<ScenarioResult> {
  sim.resetStats();
  const r = await runChild([child, ...childArgs]);
  return {
    scenario: name, wall_s: r.wall_s, requests: sim.stats.requests, write_requests: sim.stats.writeRequests, items: r.items,
    items_per_s: r.wall_s > 0 ? r.items / r.wall_s : 0, peak_rss_mb: r.peak_rss_mb, peak_heap_mb: r.peak_heap_mb, updated: r.updated, failed: r.failed,
  };
}

export async function scenario(name: string, sim: CountingShop, childArgs: string[], json: boolean): Promise<ScenarioResult> {
  const res = await measure(name, name, sim, childArgs);
  report(res, json);
  return res;
}


/** 1 % of the articles, spread over the catalogue, get a new real stock (the stock1pct scenario). */
/**
 * The bench profile every shop's bench uses: the sample company's settings on the generated company,
 * prices with tax from price category 1, no images, variations as asked; `shop` and `http` per shop.
 */
export function createBenchProfile(dataDir: string, name: string, db: string, shop: Record<string, unknown>, o: { variations: boolean; http?: Record<string, unknown> }): void {
  const app = new AppContext(dataDir);
  try {
    const settings = demoSettings(db) as Record<string, Record<string, unknown>>;
    app.profiles.create({
      ...settings, name, shop,
      ...(o.http ? { http: { ...settings.http, ...o.http } } : {}),
      articles: { ...settings.articles, variations: { ...(settings.articles!.variations as object), enabled: o.variations }, images: { enabled: false } },
      prices: { base: 'TTC', priceCategoryId: 1 },
    });
  } finally {
    app.close();
  }
}

export async function changeStockOfOnePercent(db: string): Promise<void> {
  const g = EmbeddedGesCom.open(db);
  const step = 100;
  let n = 0;
  for await (const page of g.articles({ publishableOnly: true })) {
    for (const a of page) {
      if (n++ % step !== 0 || !a.stockTracked) continue;
      const levels = await g.stockLevels(a.code);
      const depot = levels[0]?.depotCode ?? '0001';
      await g.setStock(a.code, depot, { real: String(Number(levels[0]?.real ?? '0') + 7) });
    }
  }
  g.close();
}

/**
 * The catalogue scenarios every shop bench runs, in order: full, nochange, stock1pct (1 % of the
 * GesCom stocks changed), reconcile (after `drift` changed 1 % of the shop's products by hand).
 */
export async function catalogueScenarios(args: Args, db: string, sim: CountingShop, childArgs: string[], drift: () => number | Promise<number>): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  if (args.scenarios.includes('full')) results.push(await scenario('full', sim, childArgs, args.json));
  if (args.scenarios.includes('nochange')) results.push(await scenario('nochange', sim, childArgs, args.json));
  if (args.scenarios.includes('stock1pct')) {
    await changeStockOfOnePercent(db);
    results.push(await scenario('stock1pct', sim, childArgs, args.json));
  }
  if (args.scenarios.includes('reconcile')) {
    const drifted = await drift();
    if (!args.json) process.stdout.write(`shop: ${drifted} products changed by hand (price 1.00, stock 999)\n`);
    results.push(await scenario('reconcile', sim, childArgs, args.json));
  }
  return results;
}

/**
 * A shop's catalogue benchmark: a generated company of --articles articles, the shop's simulator
 * with the bench profile, the catalogue scenarios, then `naive` (the shop's own way, given) and
 * how much faster `full` is. The temp folder is removed afterwards.
 */
export async function catalogueBench<S extends { close(): Promise<void> }>(args: Args, o: {
  tmpPrefix: string;
  start: () => Promise<S>;
  counting: (sim: S) => CountingShop;
  createProfile: (dataDir: string, db: string, sim: S) => void;
  drift: (sim: S) => number | Promise<number>;
  naive: (dir: string) => Promise<ScenarioResult>;
}): Promise<ScenarioResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), o.tmpPrefix));
  const results: ScenarioResult[] = [];
  try {
    const db = path.join(dir, 'company.db');
    const t0 = Date.now();
    await createCompanyDb(db, { articles: args.articles, customers: 10, seed: 1 });
    if (!args.json) process.stdout.write(`GesCom: ${args.articles} articles generated in ${((Date.now() - t0) / 1000).toFixed(1)} s (${dir})\n`);
    const dataDir = path.join(dir, 'data');
    const sim = await o.start();
    try {
      o.createProfile(dataDir, db, sim);
      results.push(...await catalogueScenarios(args, db, o.counting(sim), [dataDir, 'bench'], () => o.drift(sim)));
    } finally {
      await sim.close();
    }
    if (args.scenarios.includes('naive')) results.push(await o.naive(dir));
    const full = results.find((r) => r.scenario === 'full');
    const naiveResult = results.find((r) => r.scenario === 'naive');
    if (full && naiveResult && !args.json) process.stdout.write(`full is ${(naiveResult.wall_s / full.wall_s).toFixed(1)}x faster than naive\n`);
    return results;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Delays as the delay benches print them (nearest-rank percentiles, whole milliseconds). */
export interface DelayFigures {
  median_ms: number;
  min_ms: number;
  max_ms: number;
  p95_ms: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function delayFigures(delays: number[]): DelayFigures {
  const sorted = [...delays].sort((a, b) => a - b);
  return {
    median_ms: Math.round(percentile(sorted, 50)), min_ms: Math.round(sorted[0]!), max_ms: Math.round(sorted.at(-1)!), p95_ms: Math.round(percentile(sorted, 95)),
  };
}

export const describeDelays = (f: DelayFigures) => `median ${f.median_ms} ms, min ${f.min_ms} ms, max ${f.max_ms} ms, p95 ${f.p95_ms} ms`;

/** A paid order of the recorded French shop's customer 2, as the delay benches place it in the WooCommerce simulator. */
export function paidWooOrder(lineItems: { product_id: number; quantity: number }[]): Record<string, unknown> {
  return {
    customer_id: 2, status: 'processing', set_paid: true, payment_method: 'bacs', payment_method_title: 'Virement bancaire',
    billing: { first_name: 'Camille', last_name: 'Durand', address_1: '8 place Bellecour', city: 'Lyon', postcode: '69002', country: 'FR', email: 'camille.durand@example.fr' },
    line_items: lineItems,
    shipping_lines: [{ method_id: 'flat_rate', method_title: 'Colissimo', total: '4.90' }],
  };
}

/** Polls `ok` every 5 ms; the milliseconds from `started` (performance.now()) to the first time it holds. */
export async function msUntil(what: string, started: number, ok: () => boolean, giveUpMs = 60_000): Promise<number> {
  while (!ok()) {
    if (performance.now() - started > giveUpMs) throw new Error(`${what}: not seen after ${giveUpMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return performance.now() - started;
}
