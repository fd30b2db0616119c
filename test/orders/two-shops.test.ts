/**
 * Two shops on one GesCom company (issue 8): one sample company, two profiles, a WooCommerce shop
 * (the recorded one, orders 413-421) and a PrestaShop shop (the simulator's fresh French install)
 * whose orders carry the same ids (413-421 placed with those ids after the catalogue is exported to
 * it, and a new order placed in each gets the same id in both). The exactly-once key is (shop
 * identity, order id): each shop's orders become their own documents, once, whether the imports run
 * one after the other, twice, or at the same time (in process and as two CLI processes); customers
 * with the same shop id in both shops get different accounts, or the clash is refused naming the
 * option. Both shops receive the same catalogue.
 *
 * Each shop is a `TestShop`; another platform plugs in by writing its own (start, the profile's shop
 * section, a customer, an order placed, the references it holds).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { runAction } from '../../src/actions/runner.js';
import { AppContext } from '../../src/app/app-context.js';
import { demoInit } from '../../src/cli/demo.js';
import { EmbeddedGesCom } from '../../src/gescom/embedded/embedded-gescom.js';
import type { SalesDocument } from '../../src/gescom/model.js';
import { tr, type Text } from '../../src/i18n/catalogue.js';
import type { JournalEntry } from '../../src/journal/journal.js';
import type { Profile } from '../../src/profile/schema.js';
import { startPrestaShopSimulator, type PrestaShopSimulator } from '../simulators/prestashop/server.js';
import { startWooSimulator, type WooSimulator } from '../simulators/woocommerce/server.js';
import { requireBuild, runCli } from '../support/e2e-cli.js';
import { sampleTemplate } from '../support/sample-template.js';
import { ON_HOLD_ORDERS, paidOrderBody, PAID_ORDERS, PERIOD } from './support-orders.js';

/** What the test needs from a shop under test, whatever its platform. */
interface TestShop {
  readonly kind: string;
  /** The profile's shop section pointing at this shop. */
  profileShop(): Record<string, unknown>;
  /** Creates a shop customer (with that id when the platform lets the test choose); its shop id. */
  createCustomer(email: string, firstName: string, lastName: string, id?: string): Promise<string>;
  /** Places a paid order of one AR0003 for that customer (with that id when the platform lets the test choose); the order id. */
  placeOrder(customerId: string, email: string, id?: string): Promise<string>;
  /** Orders the shop holds that the profile's status mapping imports (the paid ones). */
  paidOrderIds(): string[];
  /** The references of the products the shop holds (the exported catalogue), sorted. */
  skus(): string[];
  close(): Promise<void>;
}

class WooTestShop implements TestShop {
  readonly kind = 'woocommerce';
  private readonly placed: string[] = [];
  private constructor(private readonly sim: WooSimulator) {}

  static async start(): Promise<WooTestShop> {
    return new WooTestShop(await startWooSimulator({ port: 0, seed: 'fixtures' }));
  }

  profileShop(): Record<string, unknown> {
    return { kind: 'woocommerce', url: this.sim.url, woocommerce: { key: this.sim.key, secret: this.sim.secret } };
  }

  async createCustomer(email: string, firstName: string, lastName: string): Promise<string> {
    // WooCommerce ids are the shop's; the other shop follows them.
    const res = await this.sim.request('POST', '/wc/v3/customers', { email, first_name: firstName, last_name: lastName, username: email });
    if (res.status !== 201) throw new Error(`POST customer: ${res.status} ${JSON.stringify(res.body)}`);
    return String((res.body as { id: number }).id);
  }

  async placeOrder(customerId: string, email: string): Promise<string> {
    const body = paidOrderBody({ customer_id: Number(customerId) });
    (body.billing as Record<string, unknown>).email = email;
    const res = await this.sim.request('POST', '/wc/v3/orders', body);
    if (res.status !== 201) throw new Error(`POST order: ${res.status} ${JSON.stringify(res.body)}`);
    const id = String((res.body as { id: number }).id);
    this.placed.push(id);
    return id;
  }

  paidOrderIds(): string[] {
    return [...PAID_ORDERS, ...this.placed];
  }

  skus(): string[] {
    return this.sim.state.productsList().filter((p) => p.status !== 'trash').map((p) => p.sku).filter(Boolean).sort();
  }

  async close(): Promise<void> {
    await this.sim.close();
  }
}

/**
 * The PrestaShop simulator as a fresh French shop (France = country 8, French VAT): the catalogue
 * comes from products.export, the orders are placed the way PrestaShop's validateOrder makes them,
 * with chosen ids (state 3 "Processing in progress" is the canonical `processing` the profile imports).
 */
class PsTestShop implements TestShop {
  readonly kind = 'prestashop';
  private readonly placed: string[] = [];
  private constructor(private readonly sim: PrestaShopSimulator) {}

  static async start(): Promise<PsTestShop> {
    return new PsTestShop(await startPrestaShopSimulator({ port: 0 }));
  }

  profileShop(): Record<string, unknown> {
    return { kind: 'prestashop', url: this.sim.url, prestashop: { key: this.sim.key } };
  }

  async createCustomer(email: string, firstName: string, lastName: string, id?: string): Promise<string> {
    const c = this.sim.state.insert('customers', {
      ...(id ? { id } : {}), email, firstname: firstName, lastname: lastName, is_guest: '0', active: '1', id_default_group: '3', id_lang: '1',
      secure_key: 'b'.repeat(32), passwd: 'x', date_add: '2026-11-02 09:00:00', date_upd: '2026-11-02 09:00:00',
    });
    this.sim.state.insert('addresses', {
      id_customer: String(c.id), id_country: '8', alias: 'Mon adresse', firstname: firstName, lastname: lastName, address1: '3 rue de la République',
      postcode: '69001', city: 'Lyon', phone: '0611223344', deleted: '0',
    });
    return String(c.id);
  }

  async placeOrder(customerId: string, _email: string, id?: string, state = 3): Promise<string> {
    const o = this.sim.placeOrder({
      ...(id ? { id: Number(id) } : {}), customerId: Number(customerId), lines: [{ productId: this.productId('AR0003'), quantity: 1 }], state,
      date: '2026-11-20 10:00:00', module: 'ps_wirepayment', payment: 'Virement bancaire',
    });
    if (state === 3) this.placed.push(String(o.id));
    return String(o.id);
  }

  /** The WooCommerce shop's order ids given to this shop's orders: the paid ones paid (processing), the others awaiting payment. */
  async mirror(paid: readonly string[], onHold: readonly string[]): Promise<void> {
    const customer = await this.createCustomer('dominique.martin@shop-b.example', 'Dominique', 'Martin', '900');
    for (const id of [...paid, ...onHold].sort()) await this.placeOrder(customer, '', id, paid.includes(id) ? 3 : 10);
  }

  private productId(reference: string): number {
    const p = this.sim.state.list('products').find((x) => x['reference'] === reference);
    if (!p) throw new Error(`PrestaShop simulator: no product ${reference} (export the catalogue first)`);
    return p.id;
  }

  paidOrderIds(): string[] {
    return [...this.placed];
  }

  skus(): string[] {
    return this.sim.state.list('products').map((p) => String(p['reference'])).filter(Boolean).sort();
  }

  async close(): Promise<void> {
    await this.sim.close();
  }
}

const template = sampleTemplate('passerelle-two-shops-sample');
afterAll(() => template.remove());
beforeAll(() => requireBuild());

const A = 'demo';
const B = 'shop-b';

let dir: string;
let app: AppContext;
let db: string;
let shops: { [A]: WooTestShop; [B]: PsTestShop } & Record<string, TestShop>;
const notices: string[] = [];

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-two-shops-'));
  app = new AppContext(dir);
  fs.mkdirSync(app.dir.gescomDir, { recursive: true });
  fs.copyFileSync(await template.path(), path.join(app.dir.gescomDir, 'demo.db'));
  shops = { [A]: await WooTestShop.start(), [B]: await PsTestShop.start() };
  ({ db } = await demoInit(app, { shop: shops[A]!.profileShop() }));
  // The merchant duplicates the profile and points the copy at the second shop.
  app.profiles.duplicate(A, B);
  notices.length = 0;
  const copy = app.profiles.load(B);
  app.profiles.save({ ...copy, shop: { ...copy.shop, ...shops[B]!.profileShop() } } as Profile, (t: Text) => notices.push(tr(t.key, t.params, 'en')));
});

afterEach(async () => {
  app?.close();
  for (const s of Object.values(shops ?? {})) await s.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(profile: string, action: string, params: Record<string, unknown> = {}) {
  const lines: string[] = [];
  const record = await runAction(app, { profile, action, params, onEntry: (e: JournalEntry) => void (e.level !== 'progress' && lines.push(e.text)) });
  return { record, lines };
}

const identity = (profile: string) => app.profiles.load(profile).shop.identity;

async function documents(): Promise<SalesDocument[]> {
  const g = EmbeddedGesCom.open(db);
  try {
    return await g.documents();
  } finally {
    g.close();
  }
}

/** "<shop key> <order id>" -> how many documents carry it. */
function documentsPerShopOrder(): Map<string, number> {
  const raw = new Database(db, { readonly: true });
  try {
    const rows = raw.prepare(`SELECT shop_key || ' ' || shop_order_id AS k, count(*) AS n FROM documents WHERE shop_order_id IS NOT NULL
      GROUP BY shop_key, shop_order_id`).all() as { k: string; n: number }[];
    return new Map(rows.map((r) => [r.k, r.n]));
  } finally {
    raw.close();
  }
}

/** Every paid order of both shops exactly once, under its own shop's key; nothing else. */
function expectEachOrderOnce(): void {
  const per = documentsPerShopOrder();
  const expected = [A, B].flatMap((p) => shops[p]!.paidOrderIds().map((id) => `${identity(p)} ${id}`)).sort();
  expect([...per.keys()].sort()).toEqual(expected);
  for (const [k, n] of per) expect(n, `documents of ${k}`).toBe(1);
}

describe('two shops on one GesCom company', () => {
  test('the copy pointed at another shop gets its own identity; the original keeps its own', () => {
    expect(identity(A)).toMatch(/^woocommerce:127\.0\.0\.1:\d+$/);
    expect(identity(B)).toMatch(/^prestashop:127\.0\.0\.1:\d+$/);
    expect(identity(B)).not.toBe(identity(A));
    expect(notices).toEqual([`profile "${B}": it points at another shop, its shop identity becomes ${identity(B)} (was ${identity(A)}, kept by another profile)`]);
  });

  test('same catalogue, same order ids in both shops: each order once under its shop, twice in a row and at the same time; accounts never shared', async () => {
    // The same catalogue exported to both shops.
    const exports = [await run(A, 'products.export'), await run(B, 'products.export')];
    expect(shops[A].skus().length).toBeGreaterThan(10);
    // AR0018 at 2.1 % has no tax class in the recorded WooCommerce shop: it fails there alone; PrestaShop has the rule group.
    const failedA = exports[0]!.lines.filter((l) => l.includes('AR0018'));
    expect(failedA.length, exports[0]!.lines.join('\n')).toBeGreaterThan(0);
    expect(exports[1]!.record.status, exports[1]!.lines.join('\n')).toBe('succeeded');
    expect(shops[B].skus()).toEqual([...shops[A].skus(), 'AR0018'].sort());

    // The PrestaShop shop's orders get the WooCommerce shop's ids 413-421 (its own customer, 900).
    await shops[B].mirror(PAID_ORDERS, ON_HOLD_ORDERS);
    expect(shops[B].paidOrderIds()).toEqual([...PAID_ORDERS]);

    // Shop customer N of each shop is another person; each orders once: the same new order id in both shops.
    const idA = await shops[A].createCustomer('alice@shop-a.example', 'Alice', 'Arnaud');
    const idB = await shops[B].createCustomer('bruno@shop-b.example', 'Bruno', 'Bernard', idA);
    expect(idB).toBe(idA);
    const orderA = await shops[A].placeOrder(idA, 'alice@shop-a.example');
    const orderB = await shops[B].placeOrder(idB, 'bruno@shop-b.example', orderA);
    expect(orderB).toBe(orderA);

    // Shop A first: its customer gets WEB + id.
    const first = await run(A, 'orders.import', PERIOD);
    expect(first.record.status).toBe('succeeded');
    expect(first.record.counts.orders?.created).toBe(8);

    // Shop B on the same prefix: the account WEB + id is shop A's customer's. That order fails alone, naming the option.
    const clash = await run(B, 'orders.import', PERIOD);
    expect(clash.record.status, clash.lines.join('\n')).toBe('partial');
    expect(clash.record.counts.orders).toMatchObject({ created: 7, failed: 1 });
    const account = `WEB${idA.padStart(6, '0')}`;
    expect(clash.lines.some((l) => l.includes(`le compte ${account} appartient aux clients de la boutique ${identity(A)}`) && l.includes('orders.accountPrefix')),
      clash.lines.join('\n')).toBe(true);

    // Its own prefix: the order goes through on its own account.
    const b = app.profiles.load(B);
    app.profiles.save({ ...b, orders: { ...b.orders, accountPrefix: 'WEP' } });
    const fixed = await run(B, 'orders.import', PERIOD);
    expect(fixed.record.status).toBe('succeeded');
    expect(fixed.record.counts.orders).toMatchObject({ created: 1, failed: 0 });
    expectEachOrderOnce();

    const docs = await documents();
    const docOf = (p: string, id: string) => docs.find((d) => d.shopKey === identity(p) && d.shopOrderId === id)!;
    expect(docOf(A, orderA).customerCode).toBe(account);
    expect(docOf(B, orderB).customerCode).toBe(`WEP${idB.padStart(6, '0')}`);
    // The same id in both shops is two documents, each on its own shop's customer, each to its shop's total.
    expect(docOf(A, '413').number).not.toBe(docOf(B, '413').number);
    expect(docOf(B, '413').customerCode).toBe('WEB000900');
    expect(docOf(A, '413').customerCode).not.toBe('WEB000900');
    expect(docOf(B, orderB).totals.totalTtc).toBe(docOf(B, '413').totals.totalTtc);

    // Twice more in each profile: nothing new.
    for (const p of [A, B, A, B]) {
      const again = await run(p, 'orders.import', PERIOD);
      expect(again.record.counts.orders?.created ?? 0, p).toBe(0);
    }
    expectEachOrderOnce();

    // Both profiles at the same time, state forgotten (the GesCom is the truth): in process…
    for (const p of [A, B]) app.state.resetOrders({ profile: p, shop: identity(p) }, 'ALL');
    const both = await Promise.all([run(A, 'orders.import', PERIOD), run(B, 'orders.import', PERIOD)]);
    for (const r of both) expect(r.record.counts.orders?.created ?? 0).toBe(0);
    expectEachOrderOnce();

    // …and as two processes on an emptied GesCom: every order made again, once.
    const raw = new Database(db);
    raw.exec('DELETE FROM payments; DELETE FROM document_lines; DELETE FROM documents WHERE shop_order_id IS NOT NULL;');
    raw.close();
    for (const p of [A, B]) app.state.resetOrders({ profile: p, shop: identity(p) }, 'ALL');
    const cli = (p: string) => runCli(['orders', 'import', '--profile', p, '--from', PERIOD.from, '--to', PERIOD.to], { dataDir: dir });
    // A's import is followed by a stock run of B (stock follows sales): B's own import waits for it, never fails.
    const [ra, rb] = await Promise.all([cli(A), cli(B)]);
    expect(ra.code, ra.stdout + ra.stderr).toBe(0);
    expect(rb.code, rb.stderr).toBe(0);
    expectEachOrderOnce();

    // gescom documents --shop-order: both shops' documents, or the named shop's.
    const all = await runCli(['gescom', 'documents', '--db', db, '--shop-order', '413', '--json'], { dataDir: dir });
    expect((JSON.parse(all.stdout) as SalesDocument[]).map((d) => d.shopKey).sort()).toEqual([identity(A), identity(B)].sort());
    const one = await runCli(['gescom', 'documents', '--db', db, '--shop-order', '413', '--shop', identity(B), '--json'], { dataDir: dir });
    expect((JSON.parse(one.stdout) as SalesDocument[]).map((d) => d.shopKey)).toEqual([identity(B)]);

    // orders reset in one profile forgets that shop's orders only.
    const reset = await runCli(['orders', 'reset', '--profile', B, '--ids', '413'], { dataDir: dir });
    expect(reset.code, reset.stderr).toBe(0);
    expect(app.state.transferredOrder({ profile: B, shop: identity(B) }, '413')).toBeNull();
    expect(app.state.transferredOrder({ profile: A, shop: identity(A) }, '413')?.state).toBe('imported');
  }, 120_000);
});

/** Turns the data folder back into what an older Passerelle left: GesCom schema 1 and state store 2 (no shop keys). */
function downgrade(): void {
  app.close();
  const g = new Database(db);
  g.exec(`DROP INDEX documents_shop_order; DROP INDEX documents_shop_order_id; ALTER TABLE documents DROP COLUMN shop_key;
    ALTER TABLE documents DROP COLUMN tracking_number; ALTER TABLE documents DROP COLUMN carrier;
    CREATE UNIQUE INDEX documents_shop_order ON documents(shop_order_id, type) WHERE shop_order_id IS NOT NULL; PRAGMA user_version = 1;`);
  g.close();
  const st = new Database(app.dir.stateFile);
  st.exec(`CREATE TABLE t2 (profile TEXT NOT NULL, shop_order_id TEXT NOT NULL, document_number TEXT, document_type TEXT,
      state TEXT NOT NULL CHECK (state IN ('importing','imported')), shop_status TEXT, imported_at TEXT NOT NULL, run_id INTEGER,
      PRIMARY KEY (profile, shop_order_id));
    INSERT INTO t2 SELECT profile, shop_order_id, document_number, document_type, state, shop_status, imported_at, run_id FROM transferred_orders;
    DROP TABLE transferred_orders; ALTER TABLE t2 RENAME TO transferred_orders; DROP TABLE shop_accounts; ALTER TABLE runs DROP COLUMN preview;
    PRAGMA user_version = 2;`);
  st.close();
  app = new AppContext(dir);
}

describe('data from before shops were told apart', () => {
  test('documents of the old single shop are never made again; each goes back to its shop, and the new shop\'s same ids are imported then', async () => {
    // The old single shop (profile A) imported its orders; 413's state was lost on the way.
    expect((await run(A, 'orders.import', PERIOD)).record.counts.orders?.created).toBe(7);
    app.state.resetOrders({ profile: A, shop: identity(A) }, ['413']);
    downgrade();
    const legacy = await documents();
    expect(legacy.map((d) => d.shopKey)).toEqual(legacy.map(() => ''));

    // Shop B gets its catalogue and its orders with the same ids as the old shop's.
    expect((await run(B, 'products.export')).record.status).toBe('succeeded');
    await shops[B].mirror(PAID_ORDERS, ON_HOLD_ORDERS);
    // The new shop B runs first: every order id it shares with an old document waits, said in the journal.
    const early = await run(B, 'orders.import', PERIOD);
    expect(early.record.counts.orders).toMatchObject({ created: 0, skipped: 7 });
    expect(early.lines.filter((l) => l.includes('depuis avant la distinction des boutiques'))).toHaveLength(7);
    expect((await documents()).length).toBe(legacy.length);

    // A's run ties the documents it recorded to its shop (not 413: unrecorded, A cannot tell it is its own either).
    const adopt = await run(A, 'orders.import', PERIOD);
    expect(adopt.record.counts.orders).toMatchObject({ created: 0, unchanged: 6, skipped: 1 });
    expect(adopt.lines.some((l) => l.includes(`6 pièce(s) importée(s) avant la distinction des boutiques rattachée(s) à la boutique ${identity(A)}`))).toBe(true);

    // orders repair in A (the shop that imported them) ties the rest; then B imports its own orders, once.
    const repair = await run(A, 'orders.repair');
    expect(repair.record.status).toBe('succeeded');
    const late = await run(B, 'orders.import', PERIOD);
    expect(late.record.counts.orders).toMatchObject({ created: 7, failed: 0 });
    expect((await run(A, 'orders.import', PERIOD)).record.counts.orders?.created ?? 0).toBe(0);
    expectEachOrderOnce();
    expect(legacy.map((d) => d.number).sort()).toEqual((await documents()).filter((d) => d.shopKey === identity(A)).map((d) => d.number).sort());
  }, 60_000);
});
