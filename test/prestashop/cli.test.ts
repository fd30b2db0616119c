/**
 * The CLI end to end on PrestaShop: the built CLI (`npm run build` first) run as a child process
 * on a temporary data folder, against the PrestaShop simulator seeded with the recorded French
 * shop (the six orders of 900–999). Outcomes are read where they land: the simulator's database
 * for what the shop received, the GesCom file for the documents.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/app/app-context.js';
import { EmbeddedGesCom } from '../../src/gescom/embedded/embedded-gescom.js';
import type { SalesDocument } from '../../src/gescom/model.js';
import { tr } from '../../src/i18n/catalogue.js';
import { dec } from '../../src/util/decimal.js';
import { startPrestaShopSimulator, type PrestaShopSimulator } from '../simulators/prestashop/server.js';
import { jsonOf, makeTempDir, removeTempDirs, requireBuild, runCli } from '../support/e2e-cli.js';

let work: string;
let dataDir: string;
let db: string;
let sim: PrestaShopSimulator;
const cli = (args: string[]) => runCli(args, { dataDir, timeoutMs: 120_000 });
type Key = Parameters<typeof tr>[0];
const fr = (key: Key, params: Record<string, string | number> = {}) => tr(key, params, 'fr');

/** The profile as stored (read with the same code the CLI uses). */
function profile(name: string) {
  const app = new AppContext(dataDir);
  try {
    return app.profiles.load(name);
  } finally {
    app.close();
  }
}

async function all<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const p of pages) out.push(...p);
  return out;
}

async function gescom<T>(read: (g: EmbeddedGesCom) => Promise<T>): Promise<T> {
  const g = EmbeddedGesCom.open(db);
  try {
    return await read(g);
  } finally {
    g.close();
  }
}

beforeAll(async () => {
  requireBuild();
  work = makeTempDir('passerelle-ps-cli-');
  dataDir = path.join(work, 'data');
  sim = await startPrestaShopSimulator({ seed: 'fixtures' });
  const init = await cli(['demo', 'init', '--shop', 'prestashop', '--shop-url', sim.url, '--shop-key', sim.key]);
  expect(init.code, init.stderr).toBe(0);
  db = path.join(dataDir, 'gescom', 'demo.db');
}, 120_000);

afterAll(async () => {
  await sim?.close();
  removeTempDirs();
});

describe('PrestaShop from the command line', () => {
  it('demo init and profile create take prestashop and fill shop.prestashop.key', async () => {
    const demo = profile('demo');
    expect(demo.shop).toMatchObject({ kind: 'prestashop', url: sim.url, prestashop: { key: sim.key, shopId: '', concurrency: 4 } });
    // The demo imports paid orders and the later states (PrestaShop's "Payment accepted" is canonical paid).
    expect(demo.orders.statusMapping.map((r) => r.status)).toEqual(['paid', 'processing', 'shipped', 'completed']);
    expect(demo.shop.identity).toMatch(/^prestashop:127\.0\.0\.1:\d+$/);

    const created = await cli(['profile', 'create', 'ps2', '--db', db, '--shop', 'prestashop', '--shop-url', `${sim.url}/api/`, '--shop-key', sim.key]);
    expect(created.code, created.stderr).toBe(0);
    expect(profile('ps2').shop).toMatchObject({ kind: 'prestashop', prestashop: { key: sim.key } });
    // A secret flag the kind has no option for is refused, naming it.
    const secret = await cli(['profile', 'create', 'ps3', '--db', db, '--shop', 'prestashop', '--shop-url', sim.url, '--shop-key', sim.key, '--shop-secret', 'x']);
    expect(secret.code).not.toBe(0);
    expect(secret.stderr).toContain('--shop-secret');
    // The key never shows in what the CLI prints.
    expect(created.stdout + created.stderr).not.toContain(sim.key);
  }, 60_000);

  it('check: the shop answers, its key may use every resource, EUR with taxes', async () => {
    const r = await cli(['check', '--profile', 'demo']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain(fr('ps.check.keyAccepted'));
    expect(r.stdout).toContain(fr('ps.check.resourcesAllowed'));
    expect(r.stdout).toContain(fr('ps.check.settingsRead', { currency: 'EUR', tax: 'yes' }));
    expect(r.stdout + r.stderr).not.toContain(sim.key);
  }, 60_000);

  it('check diagnoses: unreachable, webservice disabled, refused key, a resource the key may not use', async () => {
    // Unreachable: nothing listens on the port.
    const far = await cli(['profile', 'create', 'far', '--db', db, '--shop', 'prestashop', '--shop-url', 'http://127.0.0.1:9', '--shop-key', sim.key]);
    expect(far.code, far.stderr).toBe(0);
    expect(await cli(['profile', 'set', 'far', 'http.maxTries', '1'])).toMatchObject({ code: 0 });
    const unreachable = await cli(['shop', 'check', '--profile', 'far']);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stdout + unreachable.stderr).toContain(fr('shop.check.unreachable', { reason: '' }).replace(/ : $|: $/, '').trim());

    sim.setWebserviceEnabled(false);
    try {
      const off = await cli(['shop', 'check', '--profile', 'demo']);
      expect(off.code).toBe(1);
      expect(off.stdout + off.stderr).toContain(fr('ps.check.webserviceDisabled'));
    } finally {
      sim.setWebserviceEnabled(true);
    }

    const wrongKey = 'WRONGKEY00000000000000000000000A';
    expect(await cli(['profile', 'set', 'ps2', 'shop.prestashop.key', wrongKey])).toMatchObject({ code: 0 });
    const refused = await cli(['shop', 'check', '--profile', 'ps2']);
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).toContain(fr('ps.check.keyRefused', { code: '20' }).split(' (')[0]!);
    expect(refused.stdout + refused.stderr).not.toContain(wrongKey);

    // A key without specific_prices, and without DELETE on images.
    const every = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;
    const allowed: Record<string, (typeof every)[number][]> = {};
    for (const r of ['products', 'combinations', 'stock_availables', 'categories', 'product_options', 'product_option_values', 'tax_rule_groups',
      'tax_rules', 'taxes', 'languages', 'configurations', 'currencies', 'customers', 'addresses', 'groups', 'countries', 'orders']) allowed[r] = [...every];
    allowed['images'] = ['GET', 'POST', 'HEAD'];
    sim.setPermissions(allowed);
    try {
      const limited = await cli(['shop', 'check', '--profile', 'demo']);
      expect(limited.code).toBe(1);
      expect(limited.stdout).toContain(fr('ps.check.resourceNotAllowed', { resource: 'specific_prices' }));
      expect(limited.stdout).toContain(fr('ps.check.methodsNotAllowed', { resource: 'images', methods: 'DELETE' }));
    } finally {
      sim.setPermissions(undefined);
    }
  }, 120_000);

  it('products export, products stocks, customers export: what the shop receives', async () => {
    const before = new Set(sim.state.list('products').map((p) => String(p['reference'])));
    const exp = await cli(['products', 'export', '--profile', 'demo']);
    expect([0, 3], exp.stdout + exp.stderr).toContain(exp.code);
    const articles = await gescom((g) => all(g.articles({})));
    const published = articles.filter((a) => a.publishable && !a.doNotUse && !a.isDivers).map((a) => a.code);
    const refs = new Set(sim.state.list('products').map((p) => String(p['reference'])));
    const combos = new Set(sim.state.list('combinations').map((c) => String(c['reference'])));
    // Every article in the shop once, as a product or a combination; the recorded products were adopted, not doubled.
    for (const code of published) expect(refs.has(code) || combos.has(code), code).toBe(true);
    for (const ref of refs) expect(sim.state.list('products', (p) => p['reference'] === ref), ref).toHaveLength(1);
    expect([...before].every((r) => refs.has(r))).toBe(true);

    // A stock changed in the GesCom: the stock run writes that stock row and nothing else.
    const set = await cli(['gescom', 'set', '--db', db, 'stock', 'AR0003', '0001', '--real', '50']);
    expect(set.code, set.stderr).toBe(0);
    sim.resetStats();
    const stocks = await cli(['products', 'stocks', '--profile', 'demo']);
    expect(stocks.code, stocks.stdout + stocks.stderr).toBe(0);
    const writes = sim.stats.log.filter((l) => l.method !== 'GET' && l.method !== 'HEAD');
    expect(writes.map((l) => `${l.method} ${l.path.replace(/\/\d+$/, '/{id}')}`)).toEqual([expect.stringMatching(/^(PATCH|PUT) \/api\/stock_availables\/\{id\}$/)]);
    const ar3 = sim.state.list('products', (p) => p['reference'] === 'AR0003')[0]!;
    const row = sim.state.list('stock_availables', (s) => String(s['id_product']) === String(ar3.id) && String(s['id_product_attribute']) === '0')[0]!;
    // The GesCom's 50 less what the shop's paid orders not imported yet took (never oversold).
    const paidIds = new Set(sim.state.list('orders', (o) => o['current_state'] === '11').map((o) => String(o.id)));
    const sold = sim.state.list('order_details', (l) => paidIds.has(String(l['id_order'])) && String(l['product_reference']) === 'AR0003')
      .reduce((n, l) => n + Number(l['product_quantity']), 0);
    expect(sold).toBeGreaterThan(0);
    expect(Number(row['quantity'])).toBe(50 - sold);

    const customers = await cli(['customers', 'export', '--profile', 'demo']);
    expect([0, 3], customers.stdout + customers.stderr).toContain(customers.code);
    const gescomCustomers = await gescom((g) => all(g.customers({})));
    const active = gescomCustomers.filter((c) => c.email && !c.dormant && !c.blocked && !c.isProspect);
    // The sample holds a customer with a broken address: it fails alone, named in the journal.
    const broken = active.filter((c) => !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(c.email!));
    expect(broken.length).toBeGreaterThan(0);
    for (const c of broken) expect(customers.stdout + customers.stderr, c.code).toContain(c.code);
    const withMail = active.filter((c) => !broken.includes(c)).map((c) => c.email!.toLowerCase());
    const shopMails = new Set(sim.state.list('customers').map((c) => String(c['email']).toLowerCase()));
    expect(withMail.length).toBeGreaterThan(0);
    for (const m of withMail) expect(shopMails.has(m), m).toBe(true);
  }, 300_000);

  it('orders import: the five paid recorded orders become invoices to the cent, the cancelled one is left out', async () => {
    const r = await cli(['orders', 'import', '--profile', 'demo', '--from', '2026-12-01', '--to', '2026-12-01']);
    expect([0, 3], r.stdout + r.stderr).toContain(r.code);
    const identity = profile('demo').shop.identity;
    const docs = (await gescom((g) => g.documents({}))).filter((d) => d.shopKey === identity);
    const paid = sim.state.list('orders', (o) => o['current_state'] === '11');
    expect(paid).toHaveLength(5);
    expect(docs.map((d) => d.shopOrderId).sort()).toEqual(paid.map((o) => String(o.id)).sort());
    for (const o of paid) {
      const d = docs.find((x) => x.shopOrderId === String(o.id))!;
      expect(d.type, `order ${o.id}`).toBe('invoice');
      expect(dec(d.totals.totalTtc).eq(dec(String(o['total_paid_tax_incl']))), `order ${o.id}: ${d.totals.totalTtc} vs ${String(o['total_paid_tax_incl'])}`).toBe(true);
    }
    // Order 6 was cancelled in the shop: not imported, said.
    expect(docs.some((d) => d.shopOrderId === '6')).toBe(false);

    // Again: nothing new.
    const again = await cli(['orders', 'import', '--profile', 'demo', '--from', '2026-12-01', '--to', '2026-12-01']);
    expect([0, 3]).toContain(again.code);
    expect((await gescom((g) => g.documents({}))).filter((d) => d.shopKey === identity)).toHaveLength(5);

    // Status back: each invoiced order "Shipped" (4) with its invoice number as a private message.
    const back = await cli(['orders', 'status', '--profile', 'demo']);
    expect(back.code, back.stdout + back.stderr).toBe(0);
    for (const o of paid) {
      const d = docs.find((x) => x.shopOrderId === String(o.id))!;
      expect(sim.state.get('orders', o.id)!['current_state'], `order ${o.id}`).toBe('4');
      const threads = sim.state.list('customer_threads', (t) => String(t['id_order']) === String(o.id)).map((t) => String(t.id));
      const notes = sim.state.list('customer_messages', (m) => threads.includes(String(m['id_customer_thread'])) && String(m['private']) === '1');
      expect(notes.map((m) => String(m['message'])).join('\n'), `order ${o.id}`).toContain(d.number);
    }
    expect(sim.state.get('orders', 6)!['current_state']).toBe('6');

    // gescom documents --shop-order N --shop IDENTITY: that shop's document of order 2 (tax-excluded total that does not add up line by line).
    const one = await cli(['gescom', 'documents', '--db', db, '--shop-order', '2', '--shop', identity, '--json']);
    expect(one.code, one.stderr).toBe(0);
    const listed = jsonOf<SalesDocument[]>(one);
    expect(listed.map((d) => [d.shopOrderId, d.shopKey])).toEqual([['2', identity]]);
    expect(listed[0]!.totals.totalTtc).toBe('66.53');
    const text = await cli(['gescom', 'documents', '--db', db, '--shop-order', '2', '--shop', identity]);
    expect(text.stdout).toContain('TTC 66.53');
    const other = await cli(['gescom', 'documents', '--db', db, '--shop-order', '2', '--shop', 'woocommerce:elsewhere.example', '--json']);
    expect(jsonOf<SalesDocument[]>(other)).toEqual([]);
  }, 300_000);
  it('demo init on another platform: the demo status settings follow the kind, and come back', async () => {
    const woo = await cli(['demo', 'init', '--shop', 'woocommerce', '--shop-url', 'http://127.0.0.1:9',
      '--shop-key', 'ck_simulator0000000000000000000000000000000', '--shop-secret', 'cs_simulator0000000000000000000000000000000']);
    expect(woo.code, woo.stderr).toBe(0);
    expect(profile('demo').orders.statusMapping.map((r) => r.status)).toEqual(['processing', 'completed']);
    expect(profile('demo').orderStatus.mapping.map((r) => r.shopStatus)).toEqual(['completed']);
    const back = await cli(['demo', 'init', '--shop', 'prestashop', '--shop-url', sim.url, '--shop-key', sim.key]);
    expect(back.code, back.stderr).toBe(0);
    expect(profile('demo').orders.statusMapping.map((r) => r.status)).toEqual(['paid', 'processing', 'shipped', 'completed']);
    expect(profile('demo').orderStatus.mapping.map((r) => r.shopStatus)).toEqual(['shipped']);
    expect(profile('demo').shop).toMatchObject({ kind: 'prestashop', prestashop: { key: sim.key } });
  }, 60_000);
});
