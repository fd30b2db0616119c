/**
 * Shared setup of the action tests (test/woocommerce/actions-*.test.ts): a temp data
 * folder, a WooCommerce simulator in EUR whose prices include tax with the French tax rates
 * (20 % standard, 5.5 % reduced-rate, 10 % taux-intermediaire, 2.1 % taux-particulier), the demo profile on
 * the sample company with prices.base = TTC, and helpers to run actions, read what
 * the shop holds and change the GesCom between runs.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppContext } from '../../src/app/app-context.js';
import { demoInit } from '../../src/cli/demo.js';
import type { RunRecord } from '../../src/state/state-store.js';
import { startWooSimulator, type WooSimulator } from '../simulators/woocommerce/server.js';
import { sampleTemplate } from '../support/sample-template.js';
import { DemoEnv } from '../support/demo-env.js';
export { linesWith } from '../support/assertions.js';

export interface RunResult {
  record: RunRecord;
  /** Journal texts without timestamp ("--> Erreur : …"), progress lines left out. */
  lines: string[];
  /** What the simulator saw during the run. */
  requests: number;
  writeRequests: number;
  byRoute: Record<string, number>;
}

export interface WooMeta {
  key: string;
  value: unknown;
}
export interface WooProduct {
  id: number;
  name: string;
  sku: string;
  type: string;
  status: string;
  regular_price: string;
  sale_price: string;
  manage_stock: boolean;
  stock_quantity: number | null;
  tax_class: string;
  tax_status: string;
  categories: { id: number; name: string; slug: string }[];
  attributes: { id: number; name: string; options: string[]; variation: boolean; position: number }[];
  variations: number[];
  meta_data: WooMeta[];
  parent_id: number;
  images: { id: number; src: string; name?: string }[];
  description: string;
}
export interface WooVariation {
  id: number;
  sku: string;
  status: string;
  regular_price: string;
  manage_stock: boolean | string;
  stock_quantity: number | null;
  attributes: { id: number; name: string; option: string }[];
  meta_data: WooMeta[];
}
export interface WooCategory {
  id: number;
  name: string;
  parent: number;
  slug: string;
}
export interface WooAddress {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  country: string;
  email?: string;
  phone: string;
}
export interface WooCustomer {
  id: number;
  email: string;
  first_name: string;
  last_name: string;
  username: string;
  billing: WooAddress;
  shipping: WooAddress;
  meta_data: WooMeta[];
}

export function meta(item: { meta_data: WooMeta[] }, key: string): unknown {
  return item.meta_data.find((m) => m.key === key)?.value;
}

/** The sample company's database, built once per test file and copied into every data folder. */
const template = sampleTemplate('passerelle-actions-sample');
const sampleDb = () => template.path();

/** Removes the template database (afterAll of each test file). */
export function removeSampleDb(): void {
  template.remove();
}

/**
 * A French shop as the recorded one was set up: currency EUR and taxes on (fixtures 010, 011), the
 * French tax rates (020-023). `superReducedRate` adds the 2.1 % rate (class "Taux particulier") a
 * shop selling the sample company's magazine (AR0018, C21) needs; without it AR0018 is refused.
 */
export async function createFrenchTaxes(sim: WooSimulator, options: { superReducedRate?: boolean } = {}): Promise<void> {
  for (const [id, value] of [['woocommerce_currency', 'EUR'], ['woocommerce_calc_taxes', 'yes']]) {
    const res = await sim.request('PUT', `/wc/v3/settings/general/${id}`, { value });
    if (res.status !== 200) throw new Error(`${id}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const classes = ['Taux intermédiaire', ...(options.superReducedRate ? ['Taux particulier'] : [])];
  for (const name of classes) {
    const cls = await sim.request('POST', '/wc/v3/taxes/classes', { name });
    if (cls.status !== 201) throw new Error(`tax class: ${cls.status} ${JSON.stringify(cls.body)}`);
  }
  const rates = [
    { country: 'FR', rate: '20.0000', name: 'TVA 20%', priority: 1, compound: false, shipping: true, order: 1, class: 'standard' },
    { country: 'FR', rate: '5.5', name: 'TVA 5,5%', priority: 1, compound: false, shipping: true, class: 'reduced-rate' },
    { country: 'FR', rate: '10', name: 'TVA 10%', priority: 1, compound: false, shipping: true, class: 'taux-intermediaire' },
    ...(options.superReducedRate
      ? [{ country: 'FR', rate: '2.1', name: 'TVA 2,1%', priority: 1, compound: false, shipping: false, class: 'taux-particulier' }]
      : []),
  ];
  for (const r of rates) {
    const res = await sim.request('POST', '/wc/v3/taxes', r);
    if (res.status !== 201) throw new Error(`tax ${r.rate}: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

export class ActionEnv extends DemoEnv {
  private constructor(dir: string, readonly sim: WooSimulator, app: AppContext, db: string) {
    super(dir, app, db);
  }

  static async start(options: { pricesIncludeTax?: boolean; superReducedRate?: boolean } = {}): Promise<ActionEnv> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-actions-'));
    const sim = await startWooSimulator({ port: 0, prices_include_tax: options.pricesIncludeTax ?? true });
    await createFrenchTaxes(sim, { superReducedRate: options.superReducedRate ?? true });
    const app = new AppContext(dir);
    // demoInit builds the sample company only when the file is missing: give it a copy of the template.
    fs.mkdirSync(app.dir.gescomDir, { recursive: true });
    fs.copyFileSync(await sampleDb(), path.join(app.dir.gescomDir, 'demo.db'));
    const { db } = await demoInit(app, { shop: { kind: 'woocommerce', url: sim.url, woocommerce: { key: sim.key, secret: sim.secret } } });
    const env = new ActionEnv(dir, sim, app, db);
    env.editProfile((p) => ({ ...p, prices: { ...p.prices, base: 'TTC' } }));
    return env;
  }

  /** Runs one action; the simulator's statistics are those of this run only. */
  async run(action: string, params?: Record<string, unknown>): Promise<RunResult> {
    this.sim.resetStats();
    const { record, lines } = await this.runDemo(action, params);
    return { record, lines, requests: this.sim.stats.requests, writeRequests: this.sim.stats.writeRequests, byRoute: { ...this.sim.stats.byRoute } };
  }

  // ------------------------------------------------------------ what the shop holds

  private async list<T>(route: string, query: Record<string, string> = {}): Promise<T[]> {
    const out: T[] = [];
    for (let page = 1; ; page++) {
      const res = await this.sim.request('GET', route, undefined, { per_page: '100', page: String(page), ...query });
      if (res.status !== 200) throw new Error(`GET ${route}: ${res.status} ${JSON.stringify(res.body)}`);
      const items = res.body as T[];
      out.push(...items);
      if (page >= Number(res.headers['X-WP-TotalPages'] ?? 1)) break;
    }
    return out;
  }

  /** Every product, whatever its status (variations not included). */
  products(): Promise<WooProduct[]> {
    return this.list<WooProduct>('/wc/v3/products', { status: 'any' });
  }

  async product(sku: string): Promise<WooProduct | undefined> {
    const found = await this.list<WooProduct>('/wc/v3/products', { sku, status: 'any' });
    return found.find((p) => p.sku === sku && p.type !== 'variation');
  }

  variations(productId: number): Promise<WooVariation[]> {
    return this.list<WooVariation>(`/wc/v3/products/${productId}/variations`);
  }

  categories(): Promise<WooCategory[]> {
    return this.list<WooCategory>('/wc/v3/products/categories');
  }

  customers(): Promise<WooCustomer[]> {
    return this.list<WooCustomer>('/wc/v3/customers', { role: 'all' });
  }

  /**
   * A customer's meta as the shop stores it: WooCommerce's REST API hides customer meta
   * whose key starts with "_" (recorded behaviour), so read the simulator's state.
   */
  customerStoredMeta(id: number): Record<string, string> {
    const c = this.sim.state.customers.list().find((x) => x.id === id);
    if (!c) throw new Error(`no customer ${id}`);
    return Object.fromEntries(c.metaData.map((m) => [m.key, String(m.value)]));
  }

  customerPassword(id: number): string | undefined {
    return this.sim.state.customers.list().find((x) => x.id === id)?.password;
  }

  async close(): Promise<void> {
    this.app.close();
    await this.sim.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

