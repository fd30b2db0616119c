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
import { delayFigures, describeDelays, msUntil, paidWooOrder, type Args, type DelayFigures } from './common.js';

const TARGET_MS = 5000;

export interface WebhookBenchResult extends DelayFigures {
  scenario: 'webhooks';
  orders: number;
  latency_ms: number;
  target_ms: number;
  /** Import runs the deliveries made (several orders may share one). */
  runs: number;
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
        const res = await sim.request('POST', '/wc/v3/orders', paidWooOrder([{ product_id: 406 + (i % 2), quantity: 1 + (i % 3) }]));
        if (res.status !== 201) throw new Error(`order ${i}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
        const id = String((res.body as { id: number }).id);
        delays.push(await msUntil(`order ${id}: GesCom document`, started, () => !!find.get(id)));
        if (!args.json) process.stdout.write(`order ${id}: ${(delays.at(-1)!).toFixed(0)} ms\n`);
      }
    } finally {
      gescom.close();
    }
    await inboxFor(app).idle();
    await app.queue.idle();
    const result: WebhookBenchResult = {
      scenario: 'webhooks', orders, latency_ms: args.latency, ...delayFigures(delays),
      target_ms: TARGET_MS, runs: app.state.runs('demo', 10_000).filter((r) => r.action === 'orders.import').length,
    };
    if (args.json) process.stdout.write(JSON.stringify(result) + '\n');
    else {
      process.stdout.write(`webhooks  ${orders} orders, shop latency ${args.latency} ms: order placed -> GesCom document ${describeDelays(result)} ` +
        `(target < ${TARGET_MS} ms), ${result.runs} import runs\n`);
    }
    return result;
  } finally {
    await server.close();
    app.close();
    await sim.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
