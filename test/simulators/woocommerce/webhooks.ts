/**
 * Webhook deliveries as WooCommerce makes them (fixtures 310/311): a synchronous ping at creation
 * (form body webhook_id=N, no X-WC-Webhook-* headers), then one POST per event with the REST GET
 * representation as body (compact, "\/"-escaped JSON) signed with
 * base64(HMAC-SHA256(raw body, secret)) in X-WC-Webhook-Signature. Deliveries run in the
 * background (WooCommerce uses Action Scheduler); `flush()` waits for them.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Sim, WebhookEvent, WebhookResource } from './context.js';
import { wpJsonEncode } from './php.js';
import type { WebhookDelivery, WebhookRec } from './state.js';

const USER_AGENT = 'WooCommerce/10.0.2 Hookshot (WordPress/6.8.8)';

export interface DeliveryResult { status: number | null; error?: string }

function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<DeliveryResult> {
  return new Promise((resolve) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      resolve({ status: null, error: 'invalid URL' });
      return;
    }
    const mod = u.protocol === 'https:' ? https : http;
    const req = mod.request(u, { method: 'POST', headers: { ...headers, 'Content-Length': String(Buffer.byteLength(body)), Connection: 'close' }, timeout: timeoutMs, rejectUnauthorized: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? null }));
      res.on('error', (e) => resolve({ status: res.statusCode ?? null, error: e.message }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ status: null, error: e.message }));
    req.end(body);
  });
}

export class WebhookDispatcher {
  private queue: { resource: WebhookResource; event: WebhookEvent; id: number }[] = [];
  private scheduled = false;
  private readonly pending = new Set<Promise<void>>();
  enabled = true;

  constructor(
    private readonly sim: () => Sim,
    private readonly payloadOf: (resource: WebhookResource, id: number) => unknown,
    private readonly timeoutMs = 5000,
  ) {}

  /** The synchronous ping sent when an active webhook is created. */
  async ping(w: WebhookRec): Promise<void> {
    if (!this.enabled) return;
    const body = `webhook_id=${w.id}`;
    const headers = { 'User-Agent': USER_AGENT, Accept: '*/*', 'Content-Type': 'application/x-www-form-urlencoded' };
    const res = await post(w.deliveryUrl, body, headers, this.timeoutMs);
    this.sim().state.webhookDeliveries.push({
      webhookId: w.id, topic: 'ping', url: w.deliveryUrl, deliveryId: '', headers, body, status: res.status, error: res.error, at: this.sim().state.now(),
    });
  }

  event(resource: WebhookResource, event: WebhookEvent, id: number): void {
    if (!this.enabled) return;
    if (this.queue.some((e) => e.resource === resource && e.event === event && e.id === id)) return;
    this.queue.push({ resource, event, id });
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(() => this.drain());
    }
  }

  private drain(): void {
    this.scheduled = false;
    const events = this.queue.splice(0);
    const sim = this.sim();
    for (const e of events) {
      const topic = `${e.resource}.${e.event}`;
      for (const w of sim.state.webhooks.list()) {
        if (w.status !== 'active' || w.topic !== topic) continue;
        const p = this.deliver(w, e.resource, e.event, e.id).finally(() => this.pending.delete(p));
        this.pending.add(p);
      }
    }
  }

  private async deliver(w: WebhookRec, resource: WebhookResource, event: WebhookEvent, id: number): Promise<void> {
    const sim = this.sim();
    const payload = event === 'deleted' ? { id } : this.payloadOf(resource, id) ?? { id };
    const body = wpJsonEncode(payload);
    const deliveryId = crypto.randomBytes(16).toString('hex');
    const headers: Record<string, string> = {
      'User-Agent': USER_AGENT,
      Accept: '*/*',
      'Content-Type': 'application/json',
      'X-WC-Webhook-Source': `${sim.site}/`,
      'X-WC-Webhook-Topic': w.topic,
      'X-WC-Webhook-Resource': w.resource,
      'X-WC-Webhook-Event': w.event,
      'X-WC-Webhook-Signature': crypto.createHmac('sha256', w.secret).update(body).digest('base64'),
      'X-WC-Webhook-ID': String(w.id),
      'X-WC-Webhook-Delivery-ID': deliveryId,
    };
    const res = await post(w.deliveryUrl, body, headers, this.timeoutMs);
    const record: WebhookDelivery = { webhookId: w.id, topic: w.topic, url: w.deliveryUrl, deliveryId, headers, body, status: res.status, error: res.error, at: sim.state.now() };
    sim.state.webhookDeliveries.push(record);
    w.dateModified = sim.state.now();
    if (res.status !== null && res.status >= 200 && res.status < 300) {
      w.failureCount = 0;
    } else {
      w.failureCount++;
      if (w.failureCount > 5) w.status = 'disabled';
    }
  }

  /** Waits for queued and running deliveries. */
  async flush(): Promise<void> {
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setImmediate(r));
      if (this.pending.size === 0 && this.queue.length === 0 && !this.scheduled) return;
      await Promise.allSettled([...this.pending]);
    }
  }
}
