/**
 * The webhook inbox, shop-agnostic: a delivery to `/hooks/<kind>/<profile>` is checked against
 * the profile (it exists, its shop is of that kind, its webhooks are on), read by the platform's
 * WebhookSupport, verified with the profile's secret, recorded (the same delivery twice imports
 * once), answered at once, and its order imported in the background through the run queue
 * (`orders.import` with `orderIds`, trigger 'webhook'). Deliveries arriving while their profile's
 * import is still waiting join that import: one run for a burst of orders.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { AppContext } from '../app/app-context.js';
import { makeJournal } from '../actions/runner.js';
import { errorMessage } from '../errors.js';
import { msg, type Text } from '../i18n/catalogue.js';
import type { Profile } from '../profile/schema.js';
import { adapterFor } from '../shops/registry.js';
import { WebhookStore } from '../state/webhook-store.js';
import { webhookDeliveries } from './metrics.js';

export interface InboxAnswer {
  status: 200 | 400 | 401 | 404;
  body: { received: 'ping' | 'order' | 'duplicate' | 'ignored' } | { error: string; message: Text };
}

/** The orders of a profile waiting for their import run; closed once the run has started. */
interface Batch {
  orderIds: string[];
}

const INBOXES = new WeakMap<AppContext, WebhookInbox>();

/** The inbox of an application: one per AppContext (the routes and /api/health share it). */
export function inboxFor(app: AppContext): WebhookInbox {
  let inbox = INBOXES.get(app);
  if (!inbox) {
    inbox = new WebhookInbox(app);
    INBOXES.set(app, inbox);
  }
  return inbox;
}

export class WebhookInbox {
  private storeCache?: WebhookStore;
  private readonly open = new Map<string, Batch>();
  private readonly inFlight = new Set<Promise<void>>();
  /** Last delivery accepted per profile (ISO date): /api/health shows it. */
  readonly lastDelivery = new Map<string, string>();
  constructor(private readonly app: AppContext) {}

  private get store(): WebhookStore {
    this.storeCache ??= new WebhookStore(this.app.state.db);
    return this.storeCache;
  }

  /** Answers a delivery and counts it in /metrics by outcome (an unknown address counts under '-': no label per guess). */
  receive(kind: string, name: string, rawBody: Buffer, headers: IncomingHttpHeaders, from: string): InboxAnswer {
    const answer = this.answer(kind, name, rawBody, headers, from);
    const body = answer.body as { received?: string; error?: string };
    const known = answer.status !== 404;
    webhookDeliveries.inc({ profile: known ? name : '-', kind: known ? kind : '-', outcome: body.received ?? body.error ?? String(answer.status) });
    return answer;
  }

  private answer(kind: string, name: string, rawBody: Buffer, headers: IncomingHttpHeaders, from: string): InboxAnswer {
    const profile = this.profileFor(kind, name);
    if (!profile) return { status: 404, body: { error: 'NotFound', message: msg('webhooks.inbox.unknown', { kind, profile: name }) } };
    const support = adapterFor(kind)!.webhooks!;
    const delivery = support.parse(rawBody, headers);
    if (delivery?.kind === 'ping') return { status: 200, body: { received: 'ping' } };
    const deliveryId = delivery?.kind === 'order' ? delivery.deliveryId : '';
    const secret = support.signingSecret?.((profile.shop as Record<string, unknown>)[kind] ?? {}) || profile.webhooks.secret;
    if (!secret || !support.verify(rawBody, headers, secret)) {
      // Journalled in the profile's journal: a shop whose secret changed, or someone knocking.
      makeJournal(this.app, profile, null).warning(msg('webhooks.inbox.badSignature', { kind, from, delivery: deliveryId || '-' }));
      return { status: 401, body: { error: 'BadSignature', message: msg('webhooks.inbox.badSignatureAnswer') } };
    }
    if (!delivery) return { status: 400, body: { error: 'Unreadable', message: msg('webhooks.inbox.unreadable', { kind }) } };
    if (delivery.kind === 'ignored') return { status: 200, body: { received: 'ignored' } };
    if (!this.store.record(profile.name, delivery)) return { status: 200, body: { received: 'duplicate' } };
    this.lastDelivery.set(profile.name, new Date().toISOString());
    this.enqueue(profile.name, delivery.orderId);
    return { status: 200, body: { received: 'order' } };
  }

  /** The profile the address names when it receives this kind's webhooks; null otherwise (404: nothing said about why). */
  private profileFor(kind: string, name: string): Profile | null {
    let profile: Profile;
    try {
      // A missing or badly named profile throws: the same silent 404.
      profile = this.app.profiles.load(name);
    } catch {
      return null;
    }
    if (profile.shop.kind !== kind || !adapterFor(kind)?.webhooks || !profile.webhooks.enabled) return null;
    return profile;
  }

  /** Adds the order to the profile's waiting import, or queues a new one. */
  private enqueue(profile: string, orderId: string): void {
    const waiting = this.open.get(profile);
    if (waiting) {
      if (!waiting.orderIds.includes(orderId)) waiting.orderIds.push(orderId);
      return;
    }
    const batch: Batch = { orderIds: [orderId] };
    this.open.set(profile, batch);
    const close = () => {
      if (this.open.get(profile) === batch) this.open.delete(profile);
    };
    // The run reads `orderIds` when it starts: until then (its profile busy in the queue, or locked by a
    // CLI run, which the queue waits out), deliveries join this very list.
    const run = this.app.queue.dispatch({
      profile, action: 'orders.import', params: { orderIds: batch.orderIds }, trigger: 'webhook', options: { onStarted: close },
    }).then(() => undefined, (err: unknown) => {
      close();
      this.notStarted(profile, batch.orderIds, err);
    }).finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  /** A run that could not start (the service stopping, the profile unreadable): left to the scheduled import, journalled. */
  private notStarted(profile: string, orderIds: string[], err: unknown): void {
    try {
      const p = this.app.profiles.load(profile);
      makeJournal(this.app, p, null).warning(msg('webhooks.inbox.leftToSchedule', { orders: orderIds.join(', '), reason: errorMessage(err, p.general.language) }));
    } catch {
      // The profile itself is gone or unreadable: nothing to import into.
    }
  }

  /** Resolves once every queued webhook import has run (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }
}
