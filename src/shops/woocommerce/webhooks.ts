/**
 * WooCommerce webhooks (docs/shop-apis.md 1.7, recorded deliveries 310 and 311):
 * - a delivery carries `X-WC-Webhook-Signature` = base64(HMAC-SHA256(raw body, secret)), its topic
 *   in `X-WC-Webhook-Topic`, the REST representation of the order as JSON body, and
 *   `X-WC-Webhook-Delivery-ID`;
 * - the ping sent when a webhook is created is a form body `webhook_id=N` without any X-WC header
 *   (and without signature): it only needs a 200;
 * - subscriptions are `/wc/v3/webhooks` (create, list, delete with force=true); WooCommerce
 *   disables a webhook after repeated failed deliveries (status `disabled`).
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { HttpClient } from '../../http/http-client.js';
import { pagesByNumber } from '../../http/paginate.js';
import type { ShopConnection, ShopDeps } from '../adapter.js';
import { headerOf, hmacHeaderMatches, hmacSha256Base64, type SubscriptionStatus, type WebhookDelivery, type WebhookSubscription, type WebhookSupport } from '../webhooks.js';
import type { WooOptions } from './options.js';

const ORDER_TOPICS = ['order.created', 'order.updated'] as const;
const STATUSES: readonly SubscriptionStatus[] = ['active', 'paused', 'disabled'];

interface WooWebhook {
  id: number;
  name: string;
  status: string;
  topic: string;
  delivery_url: string;
}

function toSubscription(w: WooWebhook): WebhookSubscription {
  // WC_Webhook::set_status turns any unknown status into 'disabled'.
  const status = STATUSES.includes(w.status as SubscriptionStatus) ? (w.status as SubscriptionStatus) : 'disabled';
  return { id: String(w.id), name: w.name ?? '', topic: w.topic ?? '', status, deliveryUrl: w.delivery_url ?? '' };
}

export const wooSignature = hmacSha256Base64;

/** The ping: `webhook_id=N` form-encoded, no topic header. */
function pingOf(rawBody: Buffer, headers: IncomingHttpHeaders): WebhookDelivery | null {
  if (headerOf(headers, 'x-wc-webhook-topic') !== undefined) return null;
  const m = /^webhook_id=(\d+)$/.exec(rawBody.toString('utf8').trim());
  return m ? { kind: 'ping', subscriptionId: m[1]! } : null;
}

export function wooWebhooks(api: (connection: ShopConnection<WooOptions>, deps: ShopDeps) => HttpClient): WebhookSupport<WooOptions> {
  return {
    orderTopics: ORDER_TOPICS,
    verify: (rawBody, headers, secret) => hmacHeaderMatches(rawBody, headers, 'x-wc-webhook-signature', secret),
    parse(rawBody, headers) {
      const ping = pingOf(rawBody, headers);
      if (ping) return ping;
      const topic = headerOf(headers, 'x-wc-webhook-topic');
      if (!topic) return null;
      if (!(ORDER_TOPICS as readonly string[]).includes(topic)) return { kind: 'ignored', topic };
      let body: unknown;
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch {
        return null;
      }
      const id = (body as { id?: unknown } | null)?.id;
      if ((typeof id !== 'number' && typeof id !== 'string') || !/^\d+$/.test(String(id))) return null;
      return {
        kind: 'order', topic, orderId: String(id),
        deliveryId: headerOf(headers, 'x-wc-webhook-delivery-id') ?? '',
        subscriptionId: headerOf(headers, 'x-wc-webhook-id') ?? null,
      };
    },
    subscriptions(connection, deps) {
      const client = api(connection, deps);
      return {
        async list() {
          const out: WebhookSubscription[] = [];
          for await (const page of pagesByNumber<WooWebhook>(client, {
            path: 'webhooks', perPage: 100, totalPagesHeader: 'x-wp-totalpages', linkHeader: true, entity: 'webhooks',
          })) out.push(...page.map(toSubscription));
          return out;
        },
        async register(o) {
          const res = await client.request<WooWebhook>({
            method: 'POST', path: 'webhooks', entity: `webhook ${o.topic}`,
            json: { name: o.name, topic: o.topic, delivery_url: o.deliveryUrl, secret: o.secret, status: 'active' },
          });
          return toSubscription(res.data);
        },
        async remove(id) {
          // Webhooks cannot be trashed: 501 without force.
          await client.request({ method: 'DELETE', path: `webhooks/${encodeURIComponent(id)}`, query: { force: true }, entity: `webhook ${id}`, allowStatus: [404] });
        },
      };
    },
  };
}
