/**
 * Webhook subscriptions (webhookSubscriptions, webhookSubscriptionCreate/Delete) and signed
 * deliveries as Shopify makes them: a POST of the REST-style (snake_case) JSON payload with
 * X-Shopify-Topic, X-Shopify-Hmac-Sha256 (base64 HMAC-SHA256 of the raw body with the app's
 * client secret), X-Shopify-Shop-Domain, X-Shopify-API-Version, X-Shopify-Webhook-Id,
 * X-Shopify-Event-Id, X-Shopify-Triggered-At. Deliveries run in the background; flush() waits.
 * A failed delivery (non-2xx or network error) can be retried with retryFailed(), with the same
 * webhook and event ids, as Shopify's retries.
 *
 * Fault injection: faults.add({ kind: 'drop' | 'fail' | 'duplicate', times, topic? }).
 */
import crypto from 'node:crypto';
import { Decimal } from '../../../src/util/decimal.js';
import { post } from '../woocommerce/webhooks.js';
import { connection, type PageArgs } from './connection.js';
import { FaultQueue } from './faults.js';
import { iso, userError, type Ctx } from './context.js';
import { gid, gidId } from './ids.js';
import type { AddressRec, OrderRec, ShopifyState, TaxLineRec, WebhookDeliveryRec, WebhookSubscriptionRec } from './state.js';

type Args = PageArgs & Record<string, unknown>;

/** GraphQL enum topic → REST topic name ("ORDERS_CREATE" → "orders/create"). */
export function restTopic(topic: string): string {
  const i = topic.indexOf('_');
  return i < 0 ? topic.toLowerCase() : `${topic.slice(0, i).toLowerCase()}/${topic.slice(i + 1).toLowerCase()}`;
}

function subscriptionView(ctx: Ctx, w: WebhookSubscriptionRec) {
  return {
    __typename: 'WebhookSubscription',
    id: gid('WebhookSubscription', w.id),
    legacyResourceId: String(w.id),
    topic: w.topic,
    uri: w.uri,
    callbackUrl: w.uri,
    endpoint: { __typename: 'WebhookHttpEndpoint', callbackUrl: w.uri },
    format: w.format,
    includeFields: w.includeFields,
    metafieldNamespaces: [],
    metafields: [],
    filter: w.filter,
    name: null,
    apiVersion: { handle: ctx.hooks.apiVersion, displayName: ctx.hooks.apiVersion, supported: true },
    createdAt: iso(w.createdAt),
    updatedAt: iso(w.updatedAt),
  };
}

export function webhookQueries(ctx: Ctx) {
  const s = ctx.state;
  return {
    webhookSubscriptions: (args: Args & { topics?: string[] | null; uri?: string | null; callbackUrl?: string | null; format?: string | null }) => {
      let list = [...s.webhookSubscriptions.values()];
      if (args.topics) list = list.filter((w) => args.topics!.includes(w.topic));
      const uri = args.uri ?? args.callbackUrl;
      if (uri) list = list.filter((w) => w.uri === uri);
      if (args.format) list = list.filter((w) => w.format === args.format);
      return connection(list, args, (w) => [args.sortKey === 'ID' ? w.id : w.createdAt.getTime(), w.id], (w) => subscriptionView(ctx, w));
    },
    webhookSubscription: (args: { id: string }) => {
      const w = s.webhookSubscriptions.get(gidId(args.id, 'WebhookSubscription') ?? -1);
      return w ? subscriptionView(ctx, w) : null;
    },
  };
}

export function webhookMutations(ctx: Ctx) {
  const s = ctx.state;
  return {
    webhookSubscriptionCreate: (args: { topic: string; webhookSubscription: { uri?: string | null; callbackUrl?: string | null; format?: 'JSON' | 'XML' | null; includeFields?: string[] | null; filter?: string | null } }) => {
      const input = args.webhookSubscription;
      const uri = input.uri ?? input.callbackUrl;
      if (!uri) return { webhookSubscription: null, userErrors: [userError(['webhookSubscription', 'callbackUrl'], "Address can't be blank")] };
      let u: URL;
      try {
        u = new URL(uri);
      } catch {
        return { webhookSubscription: null, userErrors: [userError(['webhookSubscription', 'callbackUrl'], 'Address is invalid')] };
      }
      // Shopify wants HTTPS; the simulator lets plain HTTP through only on loopback, for tests.
      if (u.protocol !== 'https:' && !(u.protocol === 'http:' && /^(127\.0\.0\.1|localhost|\[::1\])$/.test(u.hostname))) {
        return { webhookSubscription: null, userErrors: [userError(['webhookSubscription', 'callbackUrl'], 'Address protocol http:// is not supported')] };
      }
      if ([...s.webhookSubscriptions.values()].some((w) => w.topic === args.topic && w.uri === uri)) {
        return { webhookSubscription: null, userErrors: [userError(['webhookSubscription', 'callbackUrl'], 'Address for this topic has already been taken')] };
      }
      const now = s.now();
      const w: WebhookSubscriptionRec = { id: s.id(), topic: args.topic, uri, format: input.format ?? 'JSON', includeFields: input.includeFields ?? [], filter: input.filter ?? null, createdAt: now, updatedAt: now };
      s.webhookSubscriptions.set(w.id, w);
      return { webhookSubscription: subscriptionView(ctx, w), userErrors: [] };
    },
    webhookSubscriptionDelete: (args: { id: string }) => {
      const id = gidId(args.id, 'WebhookSubscription');
      if (id === undefined || !s.webhookSubscriptions.delete(id)) return { deletedWebhookSubscriptionId: null, userErrors: [userError(['id'], 'Webhook subscription does not exist')] };
      return { deletedWebhookSubscriptionId: args.id, userErrors: [] };
    },
  };
}

// ---- payloads (REST shape) ----

function price(amount: string | Decimal): string {
  return new Decimal(amount).toFixed(2);
}

function priceSet(amount: string | Decimal, currency: string) {
  const m = { amount: price(amount), currency_code: currency };
  return { shop_money: m, presentment_money: m };
}

function restAddress(a: AddressRec | null) {
  if (!a) return null;
  return {
    first_name: a.firstName, last_name: a.lastName, name: [a.firstName, a.lastName].filter(Boolean).join(' '), company: a.company,
    address1: a.address1, address2: a.address2, city: a.city, zip: a.zip, province: null, province_code: a.provinceCode,
    country: a.countryCode === 'FR' ? 'France' : a.countryCode, country_code: a.countryCode, phone: a.phone, latitude: null, longitude: null,
  };
}

function restTax(t: TaxLineRec, currency: string) {
  return { title: t.title, rate: Number(t.rate), price: price(t.price), price_set: priceSet(t.price, currency), channel_liable: false };
}

/** The orders/* webhook payload (REST Order resource, amounts as strings). */
export function orderPayload(s: ShopifyState, o: OrderRec): Record<string, unknown> {
  const cur = o.currencyCode;
  const c = o.customerId ? s.customers.get(o.customerId) : undefined;
  const fulfillment = (() => {
    const fos = o.fulfillmentOrderIds.map((id) => s.fulfillmentOrders.get(id)!);
    const total = fos.reduce((n, fo) => n + fo.lineItems.reduce((m, x) => m + x.totalQuantity, 0), 0);
    const remaining = fos.reduce((n, fo) => n + fo.lineItems.reduce((m, x) => m + x.remainingQuantity, 0), 0);
    return remaining === total ? null : remaining === 0 ? 'fulfilled' : 'partial';
  })();
  return {
    id: o.id,
    admin_graphql_api_id: gid('Order', o.id),
    name: o.name,
    order_number: o.number,
    number: o.number - 1000,
    email: o.email,
    contact_email: o.email,
    phone: o.phone,
    created_at: iso(o.createdAt),
    updated_at: iso(o.updatedAt),
    processed_at: iso(o.processedAt),
    closed_at: iso(o.closedAt),
    cancelled_at: iso(o.cancelledAt),
    cancel_reason: o.cancelReason,
    currency: cur,
    presentment_currency: cur,
    taxes_included: o.taxesIncluded,
    financial_status: o.displayFinancialStatus.toLowerCase(),
    fulfillment_status: fulfillment,
    confirmed: true,
    test: false,
    source_name: 'web',
    tags: [...o.tags].sort().join(', '),
    note: o.note,
    note_attributes: [],
    po_number: o.poNumber,
    gateway: o.gateway,
    payment_gateway_names: [o.gateway],
    discount_codes: o.discountCodes.map((code) => ({ code, amount: price(o.totalDiscounts), type: 'fixed_amount' })),
    subtotal_price: price(o.subtotalPrice),
    subtotal_price_set: priceSet(o.subtotalPrice, cur),
    total_tax: price(o.totalTax),
    total_tax_set: priceSet(o.totalTax, cur),
    total_discounts: price(o.totalDiscounts),
    total_discounts_set: priceSet(o.totalDiscounts, cur),
    total_shipping_price_set: priceSet(o.totalShippingPrice, cur),
    total_price: price(o.totalPrice),
    total_price_set: priceSet(o.totalPrice, cur),
    current_total_price: price(o.totalPrice),
    total_line_items_price: price(o.lineItems.reduce((sum, l) => sum.plus(new Decimal(l.originalUnitPrice).times(l.quantity)), new Decimal(0))),
    tax_lines: o.lineItems.flatMap((l) => l.taxLines).concat(o.shippingLines.flatMap((x) => x.taxLines)).map((t) => restTax(t, cur)),
    customer: c ? { id: c.id, admin_graphql_api_id: gid('Customer', c.id), email: c.email, first_name: c.firstName, last_name: c.lastName, phone: c.phone, tags: c.tags.join(', '), currency: cur, state: c.state.toLowerCase() } : null,
    billing_address: restAddress(o.billingAddress),
    shipping_address: restAddress(o.shippingAddress),
    line_items: o.lineItems.map((l) => ({
      id: l.id,
      admin_graphql_api_id: gid('LineItem', l.id),
      title: l.title,
      variant_title: l.variantTitle,
      name: l.variantTitle ? `${l.title} - ${l.variantTitle}` : l.title,
      sku: l.sku,
      vendor: l.vendor,
      quantity: l.quantity,
      current_quantity: l.quantity,
      product_id: l.productId,
      variant_id: l.variantId,
      price: price(l.originalUnitPrice),
      price_set: priceSet(l.originalUnitPrice, cur),
      total_discount: price(l.discount),
      total_discount_set: priceSet(l.discount, cur),
      taxable: l.taxable,
      requires_shipping: l.requiresShipping,
      fulfillable_quantity: l.quantity,
      tax_lines: l.taxLines.map((t) => restTax(t, cur)),
      discount_allocations: l.discountAllocations.map((a) => ({ amount: price(a.amount), amount_set: priceSet(a.amount, cur), discount_application_index: a.applicationIndex })),
    })),
    shipping_lines: o.shippingLines.map((x) => ({
      id: x.id, title: x.title, code: x.code, source: 'shopify',
      price: price(x.originalPrice), price_set: priceSet(x.originalPrice, cur),
      discounted_price: price(x.discountedPrice), discounted_price_set: priceSet(x.discountedPrice, cur),
      tax_lines: x.taxLines.map((t) => restTax(t, cur)),
      discount_allocations: x.discountAllocations.map((a) => ({ amount: price(a.amount), amount_set: priceSet(a.amount, cur), discount_application_index: a.applicationIndex })),
    })),
    refunds: o.refunds.map((r) => ({ id: r.id, created_at: iso(r.createdAt), note: r.note, refund_line_items: r.lines.map((x) => ({ line_item_id: x.lineItemId, quantity: x.quantity, subtotal: price(x.subtotal) })) })),
    fulfillments: o.fulfillmentIds.map((id) => s.fulfillments.get(id)!).map((f) => ({
      id: f.id, name: f.name, status: f.status.toLowerCase(), created_at: iso(f.createdAt),
      tracking_company: f.tracking[0]?.company ?? null, tracking_number: f.tracking[0]?.number ?? null, tracking_url: f.tracking[0]?.url ?? null,
    })),
  };
}

// ---- delivery ----

export type DeliveryFaultKind = 'drop' | 'fail' | 'duplicate';
export interface DeliveryFaultSpec { kind: DeliveryFaultKind; times: number; /** REST topic ("orders/create"); default every topic. */ topic?: string }

export class WebhookDispatcher {
  private readonly pending = new Set<Promise<void>>();
  /** Delivery faults: add({ kind, times, topic? }), clear(), list(). */
  readonly faults = new FaultQueue<DeliveryFaultSpec>();
  enabled = true;

  constructor(
    private readonly state: ShopifyState,
    private readonly secret: () => string,
    private readonly apiVersion: string,
    private readonly payloadOf: (topic: string, resource: { kind: string; id: number }) => Record<string, unknown> | undefined,
    private readonly timeoutMs = 5000,
  ) {}

  private takeFault(topic: string): DeliveryFaultKind | undefined {
    return this.faults.take((f) => f.topic === undefined || f.topic === topic)?.kind;
  }

  /** An event happened: one delivery per subscription of its topic (payload taken now, as Shopify snapshots it). */
  event(topic: string, resource: { kind: string; id: number }): void {
    if (!this.enabled) return;
    const subs = [...this.state.webhookSubscriptions.values()].filter((w) => restTopic(w.topic) === topic && w.format === 'JSON');
    if (!subs.length) return;
    const payload = this.payloadOf(topic, resource);
    if (!payload) return;
    const body = JSON.stringify(payload);
    const eventId = crypto.randomUUID();
    const triggeredAt = this.state.now().toISOString();
    for (const w of subs) {
      const headers: Record<string, string> = {
        'Content-Type': 'application/json',
        'User-Agent': 'Shopify-Captain-Hook',
        Accept: '*/*',
        'X-Shopify-Topic': topic,
        'X-Shopify-Hmac-Sha256': crypto.createHmac('sha256', this.secret()).update(body, 'utf8').digest('base64'),
        'X-Shopify-Shop-Domain': this.state.shop.myshopifyDomain,
        'X-Shopify-API-Version': this.apiVersion,
        'X-Shopify-Webhook-Id': crypto.randomUUID(),
        'X-Shopify-Event-Id': eventId,
        'X-Shopify-Triggered-At': triggeredAt,
      };
      const rec: WebhookDeliveryRec = { subscriptionId: w.id, topic, uri: w.uri, webhookId: headers['X-Shopify-Webhook-Id']!, eventId, headers, body, status: null, at: this.state.now() };
      this.send(rec, this.takeFault(topic));
    }
  }

  private send(rec: WebhookDeliveryRec, fault: DeliveryFaultKind | undefined): void {
    const p = (async () => {
      if (fault === 'drop') { this.state.webhookDeliveries.push({ ...rec, error: 'dropped (fault)' }); return; }
      const res = fault === 'fail' ? { status: null, error: 'failed (fault)' } : await post(rec.uri, rec.body, rec.headers, this.timeoutMs);
      this.state.webhookDeliveries.push({ ...rec, status: res.status, ...(res.error ? { error: res.error } : {}), at: this.state.now() });
      if (fault === 'duplicate') {
        const again = await post(rec.uri, rec.body, rec.headers, this.timeoutMs);
        this.state.webhookDeliveries.push({ ...rec, status: again.status, ...(again.error ? { error: again.error } : {}), at: this.state.now() });
      }
    })().finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  /** Retries the deliveries whose last attempt failed (same webhook and event ids); returns how many. */
  retryFailed(): number {
    const last = new Map<string, WebhookDeliveryRec>();
    for (const d of this.state.webhookDeliveries) last.set(d.webhookId, d);
    let n = 0;
    for (const d of last.values()) {
      if (d.status !== null && d.status >= 200 && d.status < 300) continue;
      if (!this.state.webhookSubscriptions.has(d.subscriptionId)) continue;
      const { error: _e, ...rest } = d;
      this.send({ ...rest, status: null }, undefined);
      n++;
    }
    return n;
  }

  async flush(): Promise<void> {
    for (let i = 0; i < 20; i++) {
      await new Promise((r) => setImmediate(r));
      if (this.pending.size === 0) return;
      await Promise.allSettled([...this.pending]);
    }
  }
}
