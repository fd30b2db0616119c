/** A generated catalogue large enough for several pages in flight: variation groups on two pages at once. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { runAction } from '../../src/actions/runner.js';
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
