/**
 * Shared setup of the order action tests (test/orders/actions-*.test.ts): a temp data
 * folder, the WooCommerce simulator rebuilt from the recorded French shop (seed
 * 'fixtures': orders 413-421), the demo profile on the sample company, and helpers to
 * run actions in process or through the built CLI, read what the GesCom and the shop
 * hold, and change either between runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { runAction, type RunOptions } from '../../src/actions/runner.js';
import { AppContext } from '../../src/app/app-context.js';
import { demoInit } from '../../src/cli/demo.js';
import { EmbeddedGesCom } from '../../src/gescom/embedded/embedded-gescom.js';
import type { SalesDocument } from '../../src/gescom/model.js';
import type { JournalEntry } from '../../src/journal/journal.js';
import type { Profile } from '../../src/profile/schema.js';
import type { RunRecord } from '../../src/state/state-store.js';
import { startWooSimulator, type WooSimulator } from '../simulators/woocommerce/server.js';
import { childEnv, CLI, ROOT, runCli, type CliResult } from '../support/e2e-cli.js';
import { sampleTemplate } from '../support/sample-template.js';
export { linesWith } from '../support/assertions.js';

/** The recorded period of the fixture orders (created 2026-11-28). */
export const PERIOD = { from: '2026-11-01', to: '2026-12-31' } as const;
/** The paid (processing / completed) fixture orders, imported as invoices. */
export const PAID_ORDERS = ['413', '414', '415', '417', '418', '419', '421'] as const;
/** The on-hold cheque orders, not in orders.statusMapping. */
export const ON_HOLD_ORDERS = ['416', '420'] as const;

export interface RunResult {
  record: RunRecord;
  /** Journal texts without timestamp ("--> Erreur : …"), progress lines left out. */
  lines: string[];
  requests: number;
  writeRequests: number;
  byRoute: Record<string, number>;
}

export interface WooOrderBody {
  id: number;
  number: string;
  status: string;
  total: string;
  customer_id: number;
  payment_method: string;
  date_created_gmt: string;
  date_modified_gmt: string;
  meta_data: { key: string; value: unknown }[];
}

const template = sampleTemplate('passerelle-orders-sample');
const sampleDb = () => template.path();

/** Removes the template database (afterAll of each test file). */
export function removeSampleDb(): void {
  template.remove();
}

/** The body of a paid order of Camille Durand (customer 2): one AR0003, Colissimo 4.90. */
export function paidOrderBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    customer_id: 2, status: 'processing', set_paid: true, payment_method: 'bacs', payment_method_title: 'Virement bancaire',
    billing: {
      first_name: 'Camille', last_name: 'Durand', company: '', address_1: '8 place Bellecour', address_2: 'Bâtiment B', city: 'Lyon',
      state: '', postcode: '69002', country: 'FR', email: 'camille.durand@example.fr', phone: '0601020304',
    },
    shipping: {
      first_name: 'Camille', last_name: 'Durand', company: '', address_1: '8 place Bellecour', address_2: 'Bâtiment B', city: 'Lyon',
      state: '', postcode: '69002', country: 'FR', phone: '0601020304',
    },
    line_items: [{ product_id: 406, quantity: 1 }],
    shipping_lines: [{ method_id: 'flat_rate', instance_id: '1', method_title: 'Colissimo', total: '4.90' }],
    ...overrides,
  };
}

export class OrdersEnv {
  private constructor(
    readonly dir: string,
    readonly sim: WooSimulator,
    readonly app: AppContext,
    readonly db: string,
  ) {}

  static async start(): Promise<OrdersEnv> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-orders-'));
    const sim = await startWooSimulator({ port: 0, seed: 'fixtures' });
    const app = new AppContext(dir);
    // demoInit builds the sample company only when the file is missing: give it a copy of the template.
    fs.mkdirSync(app.dir.gescomDir, { recursive: true });
    fs.copyFileSync(await sampleDb(), path.join(app.dir.gescomDir, 'demo.db'));
    const { db } = await demoInit(app, { shop: { kind: 'woocommerce', url: sim.url, woocommerce: { key: sim.key, secret: sim.secret } } });
    return new OrdersEnv(dir, sim, app, db);
  }

  profile(): Profile {
    return this.app.profiles.load('demo');
  }

  editProfile(change: (p: Profile) => Profile): Profile {
    return this.app.profiles.save(change(this.app.profiles.load('demo')));
  }

  /** orders.payments.create: a payment per paid order (off in the demo profile). */
  enablePayments(): void {
    this.editProfile((p) => ({ ...p, orders: { ...p.orders, payments: { ...p.orders.payments, create: true } } }));
  }

  /** Runs one action in process; the simulator's statistics are those of this run only. */
  async run(action: string, params: Record<string, unknown> = {}, options: Partial<RunOptions> = {}): Promise<RunResult> {
    this.sim.resetStats();
    const lines: string[] = [];
    const record = await runAction(this.app, {
      profile: 'demo', action, params, ...options,
      onEntry: (e: JournalEntry) => {
        if (e.level !== 'progress') lines.push(e.text);
      },
    });
    return { record, lines, requests: this.sim.stats.requests, writeRequests: this.sim.stats.writeRequests, byRoute: { ...this.sim.stats.byRoute } };
  }

  import(params: Record<string, unknown> = PERIOD, options: Partial<RunOptions> = {}): Promise<RunResult> {
    return this.run('orders.import', params, options);
  }

  /** `node dist/src/cli/main.js …args` on this data folder. */
  cli(args: string[]): Promise<CliResult> {
    return runCli(args, { dataDir: this.dir });
  }

  /** Starts the CLI without waiting (kill / concurrency tests). */
  spawnCli(args: string[]): ChildProcess & { out: () => string; err: () => string; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }> } {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: childEnv({ PASSERELLE_DATA_DIR: this.dir }), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    return Object.assign(child, { out: () => out, err: () => err, exit });
  }

  // ------------------------------------------------------------ the GesCom

  /** Reads (or changes) the GesCom through its own connection, closed at once. */
  async gescom<T>(use: (g: EmbeddedGesCom) => Promise<T> | T): Promise<T> {
    const g = EmbeddedGesCom.open(this.db);
    try {
      return await use(g);
    } finally {
      g.close();
    }
  }

  documents(): Promise<SalesDocument[]> {
    return this.gescom((g) => g.documents());
  }

  /** Raw SQL on the GesCom file (read-only unless `write`). */
  sql<T>(use: (db: Database.Database) => T, write = false): T {
    const db = new Database(this.db, { readonly: !write, fileMustExist: true });
    try {
      db.pragma('busy_timeout = 5000');
      return use(db);
    } finally {
      db.close();
    }
  }

  /** Shop order id -> how many documents carry it. */
  documentsPerOrder(): Map<string, number> {
    const rows = this.sql((db) => db.prepare('SELECT shop_order_id AS id, count(*) AS n FROM documents WHERE shop_order_id IS NOT NULL GROUP BY shop_order_id').all() as { id: string; n: number }[]);
    return new Map(rows.map((r) => [r.id, r.n]));
  }

  /** E-mail (lower case) -> how many GesCom customers carry it. */
  customersPerEmail(): Map<string, number> {
    const rows = this.sql((db) => db.prepare('SELECT lower(email) AS email, count(*) AS n FROM customers WHERE email IS NOT NULL GROUP BY lower(email)').all() as { email: string; n: number }[]);
    return new Map(rows.map((r) => [r.email, r.n]));
  }

  /** Deletes a document with its lines and payments (a merchant removing it in the GesCom). */
  deleteDocument(number: string): void {
    this.sql((db) => {
      db.transaction(() => {
        db.prepare('DELETE FROM payments WHERE document_number = ?').run(number);
        db.prepare('DELETE FROM document_lines WHERE document_number = ?').run(number);
        db.prepare('DELETE FROM documents WHERE number = ?').run(number);
      })();
    }, true);
  }

  // ------------------------------------------------------------ the shop

  async order(id: string | number): Promise<WooOrderBody> {
    const res = await this.sim.request('GET', `/wc/v3/orders/${id}`);
    if (res.status !== 200) throw new Error(`GET order ${id}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as WooOrderBody;
  }

  /** Places an order in the shop (POST /wc/v3/orders) and returns it. */
  async placeOrder(body: Record<string, unknown>): Promise<WooOrderBody> {
    const res = await this.sim.request('POST', '/wc/v3/orders', body);
    if (res.status !== 201) throw new Error(`POST order: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as WooOrderBody;
  }

  async setOrderStatus(id: string | number, status: string): Promise<WooOrderBody> {
    const res = await this.sim.request('PUT', `/wc/v3/orders/${id}`, { status });
    if (res.status !== 200) throw new Error(`PUT order ${id}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as WooOrderBody;
  }

  /** The order as the shop stores it (REST answers hide meta keys starting with "_"). */
  storedOrder(id: string | number): { status: string; meta: Record<string, string> } {
    const o = this.sim.state.orders.get(Number(id));
    if (!o) throw new Error(`no order ${id}`);
    return { status: o.status, meta: Object.fromEntries(o.metaData.map((m) => [m.key, String(m.value)])) };
  }

  async close(): Promise<void> {
    this.app.close();
    await this.sim.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}


export function ordersCount(r: RunResult): { created: number; updated: number; unchanged: number; skipped: number; failed: number } {
  return r.record.counts.orders ?? { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
}
