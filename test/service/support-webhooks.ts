/**
 * Shared setup of the webhook tests: the recorded WooCommerce deliveries (fixtures 310, 311), and
 * an environment with the WooCommerce simulator (the recorded French shop), the demo profile on
 * the sample company, and the real service (buildServer) listening on 127.0.0.1.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { alerts, type Alert } from '../../src/app/alerts.js';
import { buildServer } from '../../src/service/server.js';
import { inboxFor, type WebhookInbox } from '../../src/service/webhook-inbox.js';
import { journalFile } from '../../src/journal/journal.js';
import { OrdersEnv } from '../orders/support-orders.js';
import { ROOT } from '../support/e2e-cli.js';

export const DIR = path.join(ROOT, 'test/fixtures/woocommerce-10.0.2');

/** The recorded request headers, lower-cased as Node gives them. */
export function recordedHeaders(name: string): IncomingHttpHeaders {
  const lines = fs.readFileSync(path.join(DIR, `${name}.headers.txt`), 'utf8').split(/\r?\n/).slice(1).filter(Boolean);
  return Object.fromEntries(lines.map((l) => {
    const i = l.indexOf(':');
    return [l.slice(0, i).trim().toLowerCase(), l.slice(i + 1).trim()];
  }));
}

export const recorded = {
  pingBody: () => fs.readFileSync(path.join(DIR, '310-webhook-delivery-ping.body.txt')),
  pingHeaders: () => recordedHeaders('310-webhook-delivery-ping'),
  orderBody: () => fs.readFileSync(path.join(DIR, '311-webhook-delivery-order-created.body.raw.json')),
  orderHeaders: () => recordedHeaders('311-webhook-delivery-order-created'),
  secret: () => fs.readFileSync(path.join(DIR, '311-webhook-delivery-order-created.secret.txt'), 'utf8').trim(),
};

/** Headers a client may send as they are (no hop-by-hop, no length: fetch sets it). */
export function sendable(h: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) {
    if (['host', 'connection', 'content-length', 'accept-encoding'].includes(k) || v === undefined) continue;
    out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

export class HooksEnv {
  readonly alerts: Alert[] = [];
  private readonly onAlert = (a: Alert) => this.alerts.push(a);

  private constructor(readonly orders: OrdersEnv, readonly server: FastifyInstance, readonly url: string) {
    alerts.on('alert', this.onAlert);
  }

  static async start(): Promise<HooksEnv> {
    const orders = await OrdersEnv.start();
    const { server } = buildServer({ app: orders.app });
    const url = await server.listen({ port: 0, host: '127.0.0.1' });
    return new HooksEnv(orders, server, url);
  }

  get app() {
    return this.orders.app;
  }

  get sim() {
    return this.orders.sim;
  }

  get inbox(): WebhookInbox {
    return inboxFor(this.app);
  }

  /** Sends a delivery to the service over HTTP. */
  async deliver(pathname: string, body: Buffer | string, headers: Record<string, string>): Promise<{ status: number; body: Record<string, unknown> }> {
    const res = await fetch(`${this.url}${pathname}`, { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  }

  /** Waits for the shop's deliveries, then for the imports they queued. */
  async settle(): Promise<void> {
    await this.sim.flushWebhooks();
    await this.inbox.idle();
    await this.app.queue.idle();
  }

  journal(): string {
    const file = journalFile(this.app.dir.journalsDir, 'demo');
    return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  }

  /** The GesCom documents of one shop order. */
  async documentsOf(orderId: number | string) {
    return (await this.orders.documents()).filter((d) => d.shopOrderId === String(orderId));
  }

  /** Runs recorded with the orderIds of a webhook (or --ids). */
  listedRuns() {
    return this.app.state.runs('demo', 500).filter((r) => r.action === 'orders.import' && Array.isArray((r.params as { orderIds?: unknown }).orderIds));
  }

  async close(): Promise<void> {
    alerts.off('alert', this.onAlert);
    await this.server.close();
    await this.orders.close();
  }
}
