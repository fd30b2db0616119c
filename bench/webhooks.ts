/**
 * Webhook delay benchmark: `npm run bench -- webhooks [--orders 20] [--latency 20] [--json]`.
 * The WooCommerce simulator (the recorded French shop, `--latency` ms added to each request the
 * connector sends it), the demo profile on the sample company, the service (buildServer) listening
 * on 127.0.0.1 and the shop's order webhooks registered towards it. Orders are placed one after the
 * other; for each, the time from its creation in the shop to its document in the GesCom (the
 * GesCom polled every 5 ms). Target: under 5 s. Prints median, min, max and p95.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { AppContext } from '../src/app/app-context.js';
import { demoInit } from '../src/cli/demo.js';
import { buildServer } from '../src/service/server.js';
import { inboxFor } from '../src/service/webhook-inbox.js';
import { registerWebhooks } from '../src/service/webhook-subscriptions.js';
import { startWooSimulator } from '../test/simulators/woocommerce/server.js';
import type { Args } from './common.js';

const TARGET_MS = 5000;
const GIVE_UP_MS = 60_000;

export interface WebhookBenchResult {
  scenario: 'webhooks';
  orders: number;
  latency_ms: number;
  median_ms: number;
  min_ms: number;
  max_ms: number;
  p95_ms: number;
  target_ms: number;
  /** Import runs the deliveries made (several orders may share one). */
  runs: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function webhooks(args: Args, orders: number): Promise<WebhookBenchResult> {
  if (!Number.isInteger(orders) || orders < 1) throw new Error('--orders: a whole number >= 1');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-bench-hooks-'));
  const sim = await startWooSimulator({ port: 0, seed: 'fixtures' });
  const app = new AppContext(path.join(dir, 'data'));
  const { server } = buildServer({ app });
  try {
    const { db } = await demoInit(app, { shop: { kind: 'woocommerce', url: sim.url, woocommerce: { key: sim.key, secret: sim.secret } } });
    const url = await server.listen({ port: 0, host: '127.0.0.1' });
    await registerWebhooks(app, 'demo', url);
    sim.setLatency(args.latency);
    const gescom = new Database(db, { readonly: true });
    gescom.pragma('busy_timeout = 5000');
    const find = gescom.prepare('SELECT number FROM documents WHERE shop_order_id = ?');
    const delays: number[] = [];
    try {
      for (let i = 0; i < orders; i++) {
        const started = performance.now();
        const res = await sim.request('POST', '/wc/v3/orders', {
          customer_id: 2, status: 'processing', set_paid: true, payment_method: 'bacs', payment_method_title: 'Virement bancaire',
          billing: { first_name: 'Camille', last_name: 'Durand', address_1: '8 place Bellecour', city: 'Lyon', postcode: '69002', country: 'FR', email: 'camille.durand@example.fr' },
          line_items: [{ product_id: 406 + (i % 2), quantity: 1 + (i % 3) }],
          shipping_lines: [{ method_id: 'flat_rate', method_title: 'Colissimo', total: '4.90' }],
        });
        if (res.status !== 201) throw new Error(`order ${i}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        const id = String((res.body as { id: number }).id);
        while (!find.get(id)) {
          if (performance.now() - started > GIVE_UP_MS) throw new Error(`order ${id}: no GesCom document after ${GIVE_UP_MS} ms`);
          await new Promise((r) => setTimeout(r, 5));
        }
        delays.push(performance.now() - started);
        if (!args.json) process.stdout.write(`order ${id}: ${(delays.at(-1)!).toFixed(0)} ms\n`);
      }
    } finally {
      gescom.close();
    }
    await inboxFor(app).idle();
    await app.queue.idle();
    const sorted = [...delays].sort((a, b) => a - b);
    const result: WebhookBenchResult = {
      scenario: 'webhooks', orders, latency_ms: args.latency,
      median_ms: Math.round(percentile(sorted, 50)), min_ms: Math.round(sorted[0]!), max_ms: Math.round(sorted.at(-1)!), p95_ms: Math.round(percentile(sorted, 95)),
      target_ms: TARGET_MS, runs: app.state.runs('demo', 10_000).filter((r) => r.action === 'orders.import').length,
    };
    if (args.json) process.stdout.write(JSON.stringify(result) + '\n');
    else {
      process.stdout.write(`webhooks  ${orders} orders, shop latency ${args.latency} ms: order placed -> GesCom document median ${result.median_ms} ms, ` +
        `min ${result.min_ms} ms, max ${result.max_ms} ms, p95 ${result.p95_ms} ms (target < ${TARGET_MS} ms), ${result.runs} import runs\n`);
    }
    return result;
  } finally {
    await server.close();
    app.close();
    await sim.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
