/**
 * Webhook deliveries as WooCommerce makes them (fixtures 310/311): a synchronous ping at creation
 * (form body webhook_id=N, no X-WC-Webhook-* headers), then one POST per event with the REST GET
 * representation as body (compact, "\/"-escaped JSON) signed with
 * base64(HMAC-SHA256(raw body, secret)) in X-WC-Webhook-Signature. Deliveries run in the
 * background (WooCommerce uses Action Scheduler); `flush()` waits for them.
 *
 * As WC_Webhook (10.x): the delivery id is wp_hash(webhook id . current second), an HMAC-MD5 with
 * the site's salt, so two deliveries of one webhook in one second share it; an answer from 200 to
 * 302 is a success (failure count back to 0); a failure while the count is above 5 disables the
 * webhook, else it adds one (so the 7th consecutive failure disables it).
 *
 * Fault injection, like the request faults: `faults.add({ kind: 'drop' | 'fail', times, topic? })`.
 * 'drop' loses the delivery (never sent, not a failure for the shop: an Action Scheduler job
 * lost); 'fail' makes it fail on the shop's side without reaching the receiver (counted as a
 * failure, as a connection refused would be).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { Sim, WebhookEvent, WebhookResource } from './context.js';
import { wpJsonEncode } from './php.js';
import type { WebhookDelivery, WebhookRec } from './state.js';

const USER_AGENT = 'WooCommerce/10.0.2 Hookshot (WordPress/6.8.8)';
/** What WordPress's HTTP API (cURL) offers, as recorded. */
const ACCEPT_ENCODING = 'deflate, gzip, br, zstd';

export interface DeliveryResult { status: number | null; error?: string }

export type DeliveryFaultKind = 'drop' | 'fail';

export interface DeliveryFaultSpec {
  kind: DeliveryFaultKind;
  /** How many matching deliveries get the fault. */
  times: number;
  /** Only deliveries of this topic ("order.created"); default every topic (never the ping). */
  topic?: string;
}

export interface DeliveryFaultHandle {
  readonly spec: DeliveryFaultSpec;
  remaining(): number;
  remove(): void;
}

/** Maximum consecutive failures counted before the next one disables (woocommerce_max_webhook_delivery_failures). */
const MAX_FAILURES = 5;

/** One webhook POST (also used by the Shopify simulator's deliveries). */
export function post(url: string, body: string, headers: Record<string, string>, timeoutMs: number): Promise<DeliveryResult> {
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
  private readonly faultList: { spec: DeliveryFaultSpec; left: number }[] = [];
  /** The site's salt of wp_hash (wp_salt('auth')): fixed per simulator. */
  private readonly salt = crypto.randomBytes(32).toString('hex');
  enabled = true;

  readonly faults = {
    add: (spec: DeliveryFaultSpec): DeliveryFaultHandle => {
      const f = { spec, left: Math.max(0, spec.times) };
      if (f.left > 0) this.faultList.push(f);
      return { spec, remaining: () => f.left, remove: () => this.removeFault(f) };
    },
    clear: () => {
      this.faultList.length = 0;
    },
    list: (): DeliveryFaultHandle[] => this.faultList.map((f) => ({ spec: f.spec, remaining: () => f.left, remove: () => this.removeFault(f) })),
  };

  private removeFault(f: { spec: DeliveryFaultSpec; left: number }): void {
    const i = this.faultList.indexOf(f);
    if (i >= 0) this.faultList.splice(i, 1);
  }

  private takeFault(topic: string): DeliveryFaultKind | undefined {
    const f = this.faultList.find((x) => x.left > 0 && (x.spec.topic === undefined || x.spec.topic === topic));
    if (!f) return undefined;
    f.left--;
    if (f.left <= 0) this.removeFault(f);
    return f.spec.kind;
  }

  constructor(
    private readonly sim: () => Sim,
    private readonly payloadOf: (resource: WebhookResource, id: number) => unknown,
    private readonly timeoutMs = 5000,
  ) {}

  /** The synchronous ping sent when an active webhook is created. */
  async ping(w: WebhookRec): Promise<void> {
    if (!this.enabled) return;
    const body = `webhook_id=${w.id}`;
    const headers = { 'User-Agent': USER_AGENT, Accept: '*/*', 'Accept-Encoding': ACCEPT_ENCODING, 'Content-Type': 'application/x-www-form-urlencoded' };
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
    // wp_hash($this->get_id() . strtotime('now')): one id per webhook and second.
    const second = Math.floor(Date.now() / 1000);
    const deliveryId = crypto.createHmac('md5', this.salt).update(`${w.id}${second}`).digest('hex');
    const headers: Record<string, string> = {
      'User-Agent': USER_AGENT,
      Accept: '*/*',
      'Accept-Encoding': ACCEPT_ENCODING,
      'Content-Type': 'application/json',
      'X-WC-Webhook-Source': `${sim.site}/`,
      'X-WC-Webhook-Topic': w.topic,
      'X-WC-Webhook-Resource': w.resource,
      'X-WC-Webhook-Event': w.event,
      'X-WC-Webhook-Signature': crypto.createHmac('sha256', w.secret).update(body).digest('base64'),
      'X-WC-Webhook-ID': String(w.id),
      'X-WC-Webhook-Delivery-ID': deliveryId,
    };
    const fault = this.takeFault(w.topic);
    if (fault === 'drop') {
      sim.state.webhookDeliveries.push({ webhookId: w.id, topic: w.topic, url: w.deliveryUrl, deliveryId, headers, body, status: null, error: 'dropped (fault)', at: sim.state.now() });
      return;
    }
    const res = fault === 'fail' ? { status: null, error: 'failed (fault)' } : await post(w.deliveryUrl, body, headers, this.timeoutMs);
    const record: WebhookDelivery = { webhookId: w.id, topic: w.topic, url: w.deliveryUrl, deliveryId, headers, body, status: res.status, error: res.error, at: sim.state.now() };
    sim.state.webhookDeliveries.push(record);
    w.dateModified = sim.state.now();
    // WC_Webhook::log_delivery: 2xx, 301 and 302 are successes.
    if (res.status !== null && res.status >= 200 && res.status < 303) {
      w.failureCount = 0;
    } else if (w.failureCount > MAX_FAILURES) {
      w.status = 'disabled';
    } else {
      w.failureCount++;
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
