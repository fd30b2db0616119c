/** A generated catalogue large enough for several pages in flight: variation groups on two pages at once. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test, vi } from 'vitest';
import { pagesInFlight } from '../../src/actions/catalogue-actions.js';
import { runAction } from '../../src/actions/runner.js';
import { EmbeddedGesCom } from '../../src/gescom/embedded/embedded-gescom.js';
import { AppContext } from '../../src/app/app-context.js';
import { demoSettings } from '../../src/cli/demo.js';
import { createCompanyDb } from '../../src/cli/gescom-commands.js';
import { startWooSimulator, type WooSimulator } from '../simulators/woocommerce/server.js';

let dir: string;
let sim: WooSimulator;
let app: AppContext;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-large-'));
  const db = path.join(dir, 'company.db');
  // 2,400 articles: 120 variation groups, so the variable products fill two pages written concurrently.
  await createCompanyDb(db, { articles: 2400, customers: 5, seed: 3 });
  sim = await startWooSimulator({ port: 0 });
  app = new AppContext(path.join(dir, 'data'));
  const s = demoSettings(db) as Record<string, Record<string, unknown>>;
  app.profiles.create({
    ...s, name: 'large', shop: { kind: 'woocommerce', url: sim.url, woocommerce: { key: sim.key, secret: sim.secret } },
    articles: { ...s.articles, images: { enabled: false } }, prices: { base: 'TTC' },
  });
});

afterAll(async () => {
  await sim.close();
  app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('variable products on pages in flight together create the attribute once; a second run writes nothing', async () => {
  const first = await runAction(app, { profile: 'large', action: 'products.export' });
  expect(first.status).toBe('succeeded');
  expect(first.counts.products?.failed).toBe(0);
  expect(first.counts.variations).toMatchObject({ failed: 0 });
  const attributes = (await sim.request('GET', '/wc/v3/products/attributes')).body as { name: string }[];
  expect(attributes.filter((a) => a.name.toLowerCase() === 'couleur')).toHaveLength(1);
  sim.resetStats();
  const second = await runAction(app, { profile: 'large', action: 'products.export' });
  expect(second.status).toBe('succeeded');
  expect(sim.stats.writeRequests).toBe(0);
}, 120_000);

test('pagesInFlight: about 200 articles travel at once, one page when a page is a bulk operation of thousands', () => {
  expect([100, 150, 200, 2500, 5000].map(pagesInFlight)).toEqual([2, 1, 1, 1, 1]);
});

test('while two pages are being written, the export reads no more than one page ahead', async () => {
  // A second profile on a fresh shop: every article is a creation, written in pages of 100.
  const sim2 = await startWooSimulator({ port: 0 });
  const s = app.profiles.load('large');
  app.profiles.create({ ...s, name: 'held', shop: { ...s.shop, url: sim2.url, woocommerce: { key: sim2.key, secret: sim2.secret } } });
  let read = 0;
  const articles = EmbeddedGesCom.prototype.articles;
  const spy = vi.spyOn(EmbeddedGesCom.prototype, 'articles').mockImplementation(async function* (this: EmbeddedGesCom, ...args: Parameters<typeof articles>) {
    for await (const page of articles.apply(this, args)) {
      // The export's reader asks for pages of its draft page (100); another full read (500) is not it.
      if (args[1] === 100) read += page.length;
      yield page;
    }
  });
  let writing = 0;
  let readWhileBlocked = -1;
  let release!: () => void;
  const released = new Promise<void>((r) => (release = r));
  try {
    const run = runAction(app, {
      profile: 'held', action: 'products.export',
      wrapShop: (shop) => new Proxy(shop, {
        get(target, prop, receiver) {
          if (prop !== 'writeProducts') return Reflect.get(target, prop, receiver);
          return async (items: Parameters<typeof shop.writeProducts>[0]) => {
            if (++writing === 2) {
              // Both pages in flight are blocked: give the reader every chance to run ahead.
              await new Promise((r) => setTimeout(r, 300));
              readWhileBlocked = read;
              release();
            }
            await released;
            return target.writeProducts(items);
          };
        },
      }),
    });
    const record = await run;
    expect(record.status).toBe('succeeded');
    // GesCom pages of 100 articles: the two pages in flight and the one read next, 300 articles
    // (the reader used to hold five pages, 500: two more waited in the queue).
    expect(readWhileBlocked).toBeGreaterThanOrEqual(200);
    expect(readWhileBlocked).toBeLessThanOrEqual(300);
    expect(record.counts.products?.created).toBeGreaterThan(1500);
  } finally {
    spy.mockRestore();
    await sim2.close();
  }
}, 120_000);
