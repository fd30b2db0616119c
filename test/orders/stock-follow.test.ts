/**
 * Stock follows sales across shops (issue 9): two profiles on one GesCom company, a WooCommerce shop
 * (A, the recorded one) and a PrestaShop shop (B, the simulator's fresh French install), the same
 * catalogue exported to both. An order placed in A and imported (through app.queue here, as the
 * service does; and through the CLI as a child process) lowers the stock B shows, and A's; B's
 * own stock options hold (a depot filter sends nothing, articles off means no run); a preview
 * triggers nothing; the service's stock watch picks up a change made in the GesCom itself, keeps
 * its watermark across a restart and does not run again what a fan-out already covered.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { runAction } from '../../src/actions/runner.js';
import { AppContext } from '../../src/app/app-context.js';
import { registerStockFollow, type StockFollow } from '../../src/app/stock-follow.js';
import { demoInit } from '../../src/cli/demo.js';
import { EmbeddedGesCom } from '../../src/gescom/embedded/embedded-gescom.js';
import { gescomIdentity } from '../../src/gescom/gescom-identity.js';
import type { Profile } from '../../src/profile/schema.js';
import type { RunRecord } from '../../src/state/state-store.js';
import { StockWatch } from '../../src/service/stock-watch.js';
import { startPrestaShopSimulator, type PrestaShopSimulator } from '../simulators/prestashop/server.js';
import { startWooSimulator, type WooSimulator } from '../simulators/woocommerce/server.js';
import { childEnv, CLI, requireBuild, ROOT, runCli, startService } from '../support/e2e-cli.js';
import { sampleTemplate } from '../support/sample-template.js';
import { paidOrderBody, PERIOD } from './support-orders.js';

const template = sampleTemplate('passerelle-stock-follow-sample');
afterAll(() => template.remove());

const A = 'demo';
const B = 'shop-b';
const SKU = 'AR0003';

let dir: string;
let app: AppContext;
let db: string;
let woo: WooSimulator;
let ps: PrestaShopSimulator;
let follow: StockFollow;
/** Units of the article in shop A's orders not imported (on hold): shop A shows the GesCom's stock less those. */
let heldByA: number;
const notes: string[] = [];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-stock-follow-'));
  app = new AppContext(dir);
  fs.mkdirSync(app.dir.gescomDir, { recursive: true });
  fs.copyFileSync(await template.path(), path.join(app.dir.gescomDir, 'demo.db'));
  woo = await startWooSimulator({ port: 0, seed: 'fixtures' });
  ps = await startPrestaShopSimulator({ port: 0 });
  ({ db } = await demoInit(app, { shop: { kind: 'woocommerce', url: woo.url, woocommerce: { key: woo.key, secret: woo.secret } } }));
  app.profiles.duplicate(A, B);
  edit(B, (p) => ({ ...p, shop: { ...p.shop, kind: 'prestashop', url: ps.url, prestashop: { ...p.shop.prestashop, key: ps.key } } }));
  // The same catalogue in both shops (AR0018 has no tax class in the recorded WooCommerce shop: it fails there alone).
  for (const p of [A, B]) await runAction(app, { profile: p, action: 'products.export' });
  // Shop A's recorded orders imported and both shops' stock settled before the hook exists: each test starts from quiet shops
  // (shop A shows the GesCom's stock less its on-hold orders, not imported, which the shop already took out).
  await runAction(app, { profile: A, action: 'orders.import', params: PERIOD });
  for (const p of [A, B]) await runAction(app, { profile: p, action: 'products.stocks' });
  heldByA = (await realStock(SKU)) - wooQty(SKU)!;
  notes.length = 0;
  follow = registerStockFollow(app, { queued: true, print: (l) => notes.push(l) });
});

afterEach(async () => {
  await follow?.idle();
  app?.close();
  await woo?.close();
  await ps?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function edit(name: string, change: (p: Profile) => Profile): void {
  app.profiles.save(change(app.profiles.load(name)));
}

/** What shop A shows for the article. */
const wooQty = (sku: string) => woo.state.productsList().find((p) => p.sku === sku)?.stockQuantity;

/** What shop B shows for the article (its shop-wide stock_available). */
function psQty(reference: string): number {
  const product = ps.state.list('products').find((p) => p['reference'] === reference);
  if (!product) throw new Error(`no ${reference} in the PrestaShop simulator`);
  const sa = ps.state.list('stock_availables', (s) => s['id_product'] === String(product.id) && s['id_product_attribute'] === '0' && s['id_shop'] === '1')[0];
  return Number(sa?.['quantity']);
}

async function gescom<T>(use: (g: EmbeddedGesCom) => Promise<T>): Promise<T> {
  const g = EmbeddedGesCom.open(db);
  try {
    return await use(g);
  } finally {
    g.close();
  }
}

const realStock = (code: string) => gescom(async (g) => Number((await g.stockLevels(code)).find((l) => l.depotCode === '0001')!.real));

/** Waits for an outcome (never a timed assertion: the deadline only stops a test that would hang). */
async function until(what: string, ok: () => boolean | Promise<boolean>): Promise<void> {
  for (const end = Date.now() + 60_000; !(await ok()); await new Promise((r) => setTimeout(r, 100))) {
    if (Date.now() > end) throw new Error(`still waiting for ${what}`);
  }
}

/** How many GesComs the stock watch keeps a watermark of (its table is made at its first look). */
function watermarks(): number {
  try {
    return (app.state.db.prepare('SELECT count(*) AS n FROM stock_watch').get() as { n: number }).n;
  } catch {
    return 0;
  }
}

/** The stock runs of a profile, oldest first. */
const stockRuns = (profile: string): RunRecord[] => app.state.runs(profile).filter((r) => r.action === 'products.stocks').sort((x, y) => x.id - y.id);

async function placeOrderInA(quantity = 1): Promise<string> {
  const res = await woo.request('POST', '/wc/v3/orders', paidOrderBody({ line_items: [{ product_id: 406, quantity }] }));
  if (res.status !== 201) throw new Error(`POST order: ${res.status} ${JSON.stringify(res.body)}`);
  return String((res.body as { id: number }).id);
}

/** The import as the service runs it (webhook or schedule): through the queue; then every follow-up. */
async function importThroughQueue(profile = A, params: Record<string, unknown> = PERIOD): Promise<RunRecord> {
  const record = await app.queue.dispatch({ profile, action: 'orders.import', params, trigger: 'webhook' });
  await follow.idle();
  await app.queue.idle();
  return record;
}

describe('stock follows sales across the shops of one GesCom', () => {
  test('an order placed in shop A and imported lowers the stock shop B shows, and shop A\'s; timed', async () => {
    const before = await realStock(SKU);
    expect(psQty(SKU)).toBe(before);
    const runsBefore = { [A]: stockRuns(A).length, [B]: stockRuns(B).length };
    const transferDates: Record<string, string | null> = { [A]: app.profiles.load(A).stock.lastTransferDate, [B]: app.profiles.load(B).stock.lastTransferDate };

    const t0 = performance.now();
    await placeOrderInA(2);
    const record = await importThroughQueue();
    const ms = performance.now() - t0;
    expect(record.status).toBe('succeeded');
    // The sale became an invoice: real stock out of the depot the profiles read.
    expect(await realStock(SKU)).toBe(before - 2);
    // Shop B shows the new stock; shop A too (its own import did not update its stock).
    expect(psQty(SKU)).toBe(before - 2);
    expect(wooQty(SKU)).toBe(before - 2 - heldByA);
    // One follow-up per profile, restricted to the articles whose stock moved.
    const follows: Record<string, RunRecord[]> = { [A]: stockRuns(A).slice(runsBefore[A]), [B]: stockRuns(B).slice(runsBefore[B]) };
    for (const p of [A, B]) {
      expect(follows[p]!.length, p).toBe(1);
      expect(follows[p]![0]!.status, p).toBe('succeeded');
      expect(follows[p]![0]!.params.codes, p).toContain(SKU);
      expect(follows[p]![0]!.counts.stock?.updated, p).toBeGreaterThanOrEqual(1);
    }
    // The fixture orders' articles moved too; every follow-up asked only for those.
    expect(follows[B]![0]!.params.codes).toEqual(follows[A]![0]!.params.codes);
    // The stock transfer date stays where it was: a run of some articles only does not skip the others' changes.
    for (const p of [A, B]) expect(app.profiles.load(p).stock.lastTransferDate, p).toBe(transferDates[p]);
    console.log(`stock follows sales: order placed in shop A -> new stock in shop B, import started at once (queue, in process): ${ms.toFixed(0)} ms`);

    // A second stock run of the same articles finds nothing to send: not one request to the shop.
    const again = await runAction(app, { profile: B, action: 'products.stocks', params: { codes: follows[B]![0]!.params.codes } });
    expect([again.status, again.requests, again.writeRequests]).toEqual(['succeeded', 0, 0]);
    expect(again.counts.stock?.updated ?? 0).toBe(0);
  }, 120_000);

  test('the importing profile whose import updated its own stock (orders.updateStock) gets no second run; the other does', async () => {
    edit(A, (p) => ({ ...p, orders: { ...p.orders, updateStock: true } }));
    const before = await realStock(SKU);
    const runsA = stockRuns(A).length;
    await placeOrderInA();
    await importThroughQueue();
    expect(stockRuns(A).length).toBe(runsA);
    expect(wooQty(SKU)).toBe(before - 1 - heldByA);
    expect(psQty(SKU)).toBe(before - 1);
  }, 120_000);

  test('B\'s own stock options: another depot sends nothing, articles off or following off means no run', async () => {
    const before = await realStock(SKU);
    // B reads depot 0002 only (its stock sent once so): its follow-up runs and finds its stock unchanged.
    edit(B, (p) => ({ ...p, stock: { ...p.stock, depots: ['0002'] } }));
    await runAction(app, { profile: B, action: 'products.stocks', params: { codes: [SKU] } });
    const bQty = psQty(SKU);
    expect(bQty).not.toBe(before);
    const runsB = stockRuns(B).length;
    await placeOrderInA();
    await importThroughQueue();
    expect(await realStock(SKU)).toBe(before - 1);
    const run = stockRuns(B).slice(runsB);
    expect(run.length).toBe(1);
    expect([run[0]!.status, run[0]!.writeRequests]).toEqual(['succeeded', 0]);
    expect(psQty(SKU)).toBe(bQty);

    // articles.enabled = false, then stockFollow.enabled = false: no run at all for B.
    for (const off of [(p: Profile) => ({ ...p, articles: { ...p.articles, enabled: false } }), (p: Profile) => ({ ...p, stockFollow: { ...p.stockFollow, enabled: false } })]) {
      edit(B, (p) => off({ ...p, stock: { ...p.stock, depots: ['0001'] }, articles: { ...p.articles, enabled: true }, stockFollow: { ...p.stockFollow, enabled: true } }));
      const n = stockRuns(B).length;
      await placeOrderInA();
      await importThroughQueue();
      expect(stockRuns(B).length).toBe(n);
    }
    expect(psQty(SKU)).toBe(bQty);
    expect(wooQty(SKU)).toBe(before - 3 - heldByA);
  }, 120_000);

  test('a preview run, a follow-up run and a run that moved no stock trigger nothing', async () => {
    await placeOrderInA();
    const record = await importThroughQueue();
    const counts = () => [stockRuns(A).length, stockRuns(B).length];
    const after = counts();
    const event = { record, profile: app.profiles.load(A), stockChanged: [SKU], errors: [], trigger: 'webhook' };
    await follow.afterRun({ ...event, preview: true });
    await follow.afterRun({ ...event, preview: false, trigger: 'stock-follow' });
    await follow.afterRun({ ...event, preview: false, stockChanged: [] });
    await follow.idle();
    await app.queue.idle();
    expect(counts()).toEqual(after);
  }, 120_000);

  test('follow-ups asked while one is waiting are merged into it', async () => {
    const gescomId = gescomIdentity(app.profiles.load(A).gescom);
    // B busy in the queue (a slow shop check): the three follow-ups asked meanwhile become one run with every code.
    ps.setLatency(300);
    const busy = app.queue.dispatch({ profile: B, action: 'shop.check', trigger: 'test' });
    const n = stockRuns(B).length;
    await follow.fanOut(gescomId, ['AR0003']);
    await follow.fanOut(gescomId, ['AR0001']);
    await follow.fanOut(gescomId, ['AR0003', 'AR0002']);
    await busy;
    ps.setLatency(0);
    await follow.idle();
    await app.queue.idle();
    const runs = stockRuns(B).slice(n);
    expect(runs.length).toBe(1);
    expect(runs[0]!.params.codes).toEqual(['AR0001', 'AR0002', 'AR0003']);
  }, 120_000);

  test('the stock watch: a change made in the GesCom itself reaches both shops; the watermark survives a restart; what a fan-out covered is not run twice', async () => {
    const watch = new StockWatch(app, follow);
    // First look: the watermark is set, nothing of the past is sent.
    expect(await watch.poll(true)).toEqual([]);

    await gescom((g) => g.setStock(SKU, '0001', { real: '77' }));
    const [seen] = await watch.poll(true);
    expect(seen!.codes).toEqual([SKU]);
    expect(seen!.profiles.sort()).toEqual([A, B].sort());
    await follow.idle();
    await app.queue.idle();
    expect(psQty(SKU)).toBe(77);
    expect(wooQty(SKU)).toBe(77 - heldByA);
    // Nothing new: nothing sent.
    expect((await watch.poll(true))[0]?.codes ?? []).toEqual([]);

    // A restarted service (a new watch on the same state store) sends what changed while it was down.
    await watch.stop();
    await gescom((g) => g.setStock(SKU, '0001', { real: '70' }));
    const restarted = new StockWatch(app, follow = registerStockFollow(app, { queued: true, print: (l) => notes.push(l) }));
    const [afterRestart] = await restarted.poll(true);
    expect(afterRestart!.codes).toEqual([SKU]);
    await follow.idle();
    await app.queue.idle();
    expect(psQty(SKU)).toBe(70);

    // An import's fan-out covered its articles: the watch does not run them again…
    await placeOrderInA();
    const n = stockRuns(B).length;
    await importThroughQueue();
    expect(stockRuns(B).length).toBe(n + 1);
    const [covered] = await restarted.poll(true);
    expect(covered?.codes ?? []).toEqual([]);
    // …unless they changed again after it.
    await new Promise((r) => setTimeout(r, 5));
    await gescom((g) => g.setStock(SKU, '0001', { real: '50' }));
    const [changedAgain] = await restarted.poll(true);
    expect(changedAgain!.codes).toEqual([SKU]);
    await follow.idle();
    await app.queue.idle();
    expect(psQty(SKU)).toBe(50);
    await restarted.stop();
  }, 120_000);
});

describe('the service\'s stock watch on its timer, and the codes param', () => {
  test('started as serve.ts starts it: a stock change made in the GesCom reaches shop B within the profile\'s interval', async () => {
    for (const p of [A, B]) edit(p, (x) => ({ ...x, stockFollow: { ...x.stockFollow, watchSeconds: 1 } }));
    const watch = new StockWatch(app, follow).start();
    try {
      // Its first look sets the GesCom's watermark; a change made after it is sent.
      await until('the watermark', () => watermarks() === 1);
      const t0 = performance.now();
      await gescom((g) => g.setStock(SKU, '0001', { real: '33' }));
      await until('shop B at 33', () => psQty(SKU) === 33);
      console.log(`stock follows sales: GesCom stock changed -> new stock in shop B through the stock watch (interval 1 s): ${(performance.now() - t0).toFixed(0)} ms`);
      await follow.idle();
      await app.queue.idle();
      expect(wooQty(SKU)).toBe(33 - heldByA);
    } finally {
      await watch.stop();
    }
  }, 120_000);

  test('a codes param that is not a list of article codes fails the run, naming the field', async () => {
    const lines: string[] = [];
    const r = await runAction(app, { profile: B, action: 'products.stocks', params: { codes: [SKU, 3] }, onEntry: (e) => void lines.push(e.text) });
    expect(r.status).toBe('failed');
    expect(lines.join('\n')).toContain('le paramètre codes attend une liste de codes articles');
    expect(lines.join('\n')).toContain('codes');
    // Comma-separated codes are taken (the API's and `passerelle run --params` form).
    const ok = await runAction(app, { profile: B, action: 'products.stocks', params: { codes: `${SKU}, AR0001` } });
    expect(ok.status).toBe('succeeded');
  }, 60_000);
});

describe('stock follows sales in the built CLI (one process, then exit) and in `passerelle serve`', () => {
  beforeAll(() => requireBuild());
  const importCli = (...extra: string[]) => runCli(['orders', 'import', '--profile', A, '--from', PERIOD.from, '--to', PERIOD.to, ...extra], { dataDir: dir, timeoutMs: 90_000 });

  test('the follow-up stock runs run before the command exits, journal on the terminal; the exit code is the import\'s', async () => {
    const before = await realStock(SKU);
    const runsB = stockRuns(B).length;
    const t0 = performance.now();
    await placeOrderInA();
    const r = await importCli();
    const ms = performance.now() - t0;
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(psQty(SKU)).toBe(before - 1);
    expect(wooQty(SKU)).toBe(before - 1 - heldByA);
    // Each follow-up announced, then its journal (the stock of shop B sent), in the application's language.
    for (const p of [A, B]) expect(r.stdout).toContain(`mise à jour du stock du profil ${p}`);
    expect(r.stdout).toMatch(new RegExp(`--> \\d+/\\d+ - ${SKU}`));
    const follows = stockRuns(B).slice(runsB);
    expect(follows.map((x) => [x.status, x.params.codes])).toEqual([['succeeded', [SKU]]]);
    console.log(`stock follows sales: order placed in shop A -> new stock in shop B, \`passerelle orders import\` run at once (CLI child process): ${ms.toFixed(0)} ms`);

    // --json keeps stdout the import's record: the follow-ups' lines go to stderr.
    await placeOrderInA();
    const json = await importCli('--json');
    expect(json.code, json.stderr).toBe(0);
    expect((JSON.parse(json.stdout) as RunRecord).action).toBe('orders.import');
    expect(json.stderr).toContain(`mise à jour du stock du profil ${B}`);
    expect(psQty(SKU)).toBe(before - 2);

    // The same restriction by hand: `products stocks --codes`.
    await gescom((g) => g.setStock(SKU, '0001', { real: '12' }));
    const byHand = await runCli(['products', 'stocks', '--profile', B, '--codes', `${SKU},AR0001`], { dataDir: dir });
    expect(byHand.code, byHand.stderr).toBe(0);
    expect(byHand.stdout).toContain(`Seulement ces articles : 2 (${SKU}, AR0001)`);
    expect(psQty(SKU)).toBe(12);
  }, 180_000);

  test('a profile busy in another process gets one line and is left to its schedule; the others follow; exit code 0', async () => {
    const before = await realStock(SKU);
    const bQty = psQty(SKU);
    // Another process's run holds B's lock (this test process, alive).
    const held = app.state.startRun(B, 'products.export');
    try {
      await placeOrderInA();
      const r = await importCli();
      expect(r.code, r.stdout + r.stderr).toBe(0);
      const busy = r.stdout.split('\n').filter((l) => l.includes(`Profil ${B} occupé`));
      expect(busy, r.stdout).toEqual([`Profil ${B} occupé par un autre traitement : son stock sera mis à jour par sa prochaine exécution planifiée`]);
      expect(psQty(SKU)).toBe(bQty);
      expect(wooQty(SKU)).toBe(before - 1 - heldByA);
    } finally {
      app.state.finishRun(held, 'succeeded');
    }
    // Its transfer date did not move: its next stock run sends the change.
    const next = await runAction(app, { profile: B, action: 'products.stocks' });
    expect(next.status).toBe('succeeded');
    expect(psQty(SKU)).toBe(before - 1);
  }, 180_000);

  test('`passerelle serve`: an import asked through the API and a change made in the GesCom both reach shop B', async () => {
    for (const p of [A, B]) edit(p, (x) => ({ ...x, stockFollow: { ...x.stockFollow, watchSeconds: 1 } }));
    const before = await realStock(SKU);
    const service = await startService(process.execPath, [CLI, 'serve', '--port', '0'], {
      cwd: ROOT, env: childEnv({ PASSERELLE_DATA_DIR: dir }), timeoutMs: 30_000,
    });
    try {
      const t0 = performance.now();
      await placeOrderInA();
      const res = await fetch(`${service.url}/api/runs`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ profile: A, action: 'orders.import', params: PERIOD }),
      });
      expect(res.status).toBe(202);
      await until('shop B to show the sale', () => psQty(SKU) === before - 1);
      console.log(`stock follows sales: order placed in shop A -> new stock in shop B, import asked through the service's API at once: ${(performance.now() - t0).toFixed(0)} ms`);
      await until('shop A\'s follow-up', () => wooQty(SKU) === before - 1 - heldByA);

      // The service's stock watch: a change made in the GesCom itself (its first look set the watermark).
      await until('the watermark', () => watermarks() === 1);
      await gescom((g) => g.setStock(SKU, '0001', { real: '21' }));
      await until('shop B at 21', () => psQty(SKU) === 21);
      expect(stockRuns(B).at(-1)!.params.codes).toEqual([SKU]);
    } finally {
      const ended = await service.stop();
      expect(ended).toEqual({ code: 0, signal: null });
    }
  }, 180_000);
});
