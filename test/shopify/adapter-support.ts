/**
 * Shared setup of the Shopify adapter's end-to-end tests: a temp data folder, the Shopify simulator
 * (Standard plan bucket, French shop with prices tax included), the demo profile on the sample
 * company pointed at it with the simulator's static Admin API token, and helpers to run actions
 * and read what the shop holds (through the simulator's own GraphQL, without cost).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppContext } from '../../src/app/app-context.js';
import { demoInit } from '../../src/cli/demo.js';
import type { RunRecord } from '../../src/state/state-store.js';
import { startShopifySimulator, type ShopifySimulator, type ShopifySimulatorOptions } from '../simulators/shopify/server.js';
import { DemoEnv } from '../support/demo-env.js';
import { sampleTemplate } from '../support/sample-template.js';

const template = sampleTemplate('passerelle-shopify-sample');

export function removeSampleDb(): void {
  template.remove();
}

export interface ShopifyRun {
  record: RunRecord;
  lines: string[];
  /** Calls per root field during the run ("inventorySetQuantities": 1). */
  byField: Record<string, number>;
  requests: number;
}

export class ShopifyEnv extends DemoEnv {
  private constructor(dir: string, readonly sim: ShopifySimulator, app: AppContext, db: string) {
    super(dir, app, db);
  }

  static async start(options: ShopifySimulatorOptions = {}, shopify: Record<string, unknown> = {}): Promise<ShopifyEnv> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-shopify-'));
    const sim = await startShopifySimulator({ port: 0, ...options });
    const app = new AppContext(dir);
    fs.mkdirSync(app.dir.gescomDir, { recursive: true });
    fs.copyFileSync(await template.path(), path.join(app.dir.gescomDir, 'demo.db'));
    const { db } = await demoInit(app, {
      shop: { kind: 'shopify', url: sim.url, shopify: { accessToken: sim.adminToken, secret: sim.clientSecret, ...shopify } },
    });
    const env = new ShopifyEnv(dir, sim, app, db);
    // The shop enters prices tax included (the simulator's French shop).
    env.editProfile((p) => ({ ...p, prices: { ...p.prices, base: 'TTC' } }));
    return env;
  }

  /** Runs an action; `at` sets the run's clock (promotions are judged at it). */
  async run(action: string, params?: Record<string, unknown>, at?: string): Promise<ShopifyRun> {
    this.sim.resetStats();
    const { record, lines } = await this.runDemo(action, params, at ? () => new Date(at) : undefined);
    return { record, lines, byField: { ...this.sim.stats.byField }, requests: this.sim.stats.graphqlRequests };
  }

  /** A document run as the app, without cost (assertions). */
  query<T = Record<string, any>>(source: string, variables?: Record<string, unknown>): T {
    const r = this.sim.graphql(source, variables);
    if (r.errors?.length) throw new Error(JSON.stringify(r.errors));
    return r.data as T;
  }

  async close(): Promise<void> {
    this.app.close();
    await this.sim.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
