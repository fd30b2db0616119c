/**
 * Shared setup of the PrestaShop action tests: a temp data folder, the PrestaShop simulator (a
 * fresh French shop: EUR, France, the four French VAT tax rules groups), the demo profile on the
 * sample company pointed at it, and helpers to run actions and read what the shop holds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppContext } from '../../src/app/app-context.js';
import { demoInit } from '../../src/cli/demo.js';
import type { RunRecord } from '../../src/state/state-store.js';
import { startPrestaShopSimulator, type PrestaShopSimulator, type PrestaShopSimulatorOptions } from '../simulators/prestashop/server.js';
import type { PsRow } from '../simulators/prestashop/state.js';
import { sampleTemplate } from '../support/sample-template.js';
import { DemoEnv } from '../support/demo-env.js';
export { linesWith } from '../support/assertions.js';

export interface RunResult {
  record: RunRecord;
  lines: string[];
  requests: number;
  writeRequests: number;
  /** "METHOD /api/resource" -> count, for this run. */
  byRoute: Record<string, number>;
}

const template = sampleTemplate('passerelle-ps-actions-sample');

export function removeSampleDb(): void {
  template.remove();
}

export class PsActionEnv extends DemoEnv {
  private constructor(dir: string, readonly sim: PrestaShopSimulator, app: AppContext, db: string) {
    super(dir, app, db);
  }

  static async start(options: PrestaShopSimulatorOptions = {}): Promise<PsActionEnv> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-ps-actions-'));
    const sim = await startPrestaShopSimulator(options);
    const app = new AppContext(dir);
    fs.mkdirSync(app.dir.gescomDir, { recursive: true });
    fs.copyFileSync(await template.path(), path.join(app.dir.gescomDir, 'demo.db'));
    const { db } = await demoInit(app, { shop: { kind: 'prestashop', url: sim.url, prestashop: { key: sim.key } } });
    return new PsActionEnv(dir, sim, app, db);
  }

  async run(action: string, params?: Record<string, unknown>): Promise<RunResult> {
    this.sim.resetStats();
    const { record, lines } = await this.runDemo(action, params);
    const byRoute: Record<string, number> = {};
    for (const l of this.sim.stats.log) {
      const route = `${l.method} ${l.path.replace(/\/\d+(?=\/|$)/g, '/{id}')}`;
      byRoute[route] = (byRoute[route] ?? 0) + 1;
    }
    return { record, lines, requests: this.sim.stats.requests, writeRequests: this.sim.stats.writeRequests, byRoute };
  }

  // ------------------------------------------------------------ what the shop holds

  products(): PsRow[] {
    return this.sim.state.list('products');
  }

  product(sku: string): PsRow | undefined {
    return this.sim.state.list('products', (p) => p['reference'] === sku)[0];
  }

  combinations(productId: number | string): PsRow[] {
    return this.sim.state.list('combinations', (c) => String(c['id_product']) === String(productId));
  }

  stock(productId: number | string, combinationId: number | string = 0): number | undefined {
    const s = this.sim.state.list('stock_availables', (r) => String(r['id_product']) === String(productId)
      && String(r['id_product_attribute'] ?? '0') === String(combinationId) && String(r['id_shop'] ?? '1') === '1')[0];
    return s ? Number(s['quantity']) : undefined;
  }

  categories(): PsRow[] {
    return this.sim.state.list('categories', (c) => c.id > 2);
  }

  async close(): Promise<void> {
    this.app.close();
    await this.sim.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** The text of a multilang field in language 1. */
export function text(row: PsRow | undefined, field: string): string {
  const v = row?.[field];
  if (Array.isArray(v)) return String((v as { id: number; value: string }[]).find((l) => l.id === 1)?.value ?? '');
  return v === undefined || v === null ? '' : String(v);
}
