/**
 * Shopify order webhooks (docs/shop-apis.md 3.7):
 * - a delivery carries `X-Shopify-Hmac-Sha256` = base64(HMAC-SHA256(raw body, the app's client
 *   secret)), its topic in `X-Shopify-Topic` ("orders/create"), the order as REST-style JSON
 *   (`id`, `admin_graphql_api_id`), and `X-Shopify-Event-Id`, the same for every retry of one
 *   event: the delivery key the inbox deduplicates on (X-Shopify-Webhook-Id as a fallback);
 * - Shopify signs with the app's client secret, not with a secret given per subscription: the
 *   inbox verifies with `signingSecret` (shop.shopify.secret);
 * - subscriptions through webhookSubscriptionCreate / webhookSubscriptions / webhookSubscriptionDelete.
 */
import type { ShopConnection, ShopDeps } from '../adapter.js';
import { headerOf, hmacHeaderMatches, hmacSha256Base64, type WebhookDelivery, type WebhookSubscription, type WebhookSupport } from '../webhooks.js';
import { WEBHOOK_CREATE, WEBHOOK_DELETE, WEBHOOKS } from './documents.js';
import type { Connection, ShopifyGraphql } from './graphql-client.js';
import type { ShopifyOptions } from './options.js';

const ORDER_TOPICS = ['orders/create', 'orders/updated'] as const;

/** "orders/create" <-> ORDERS_CREATE. */
export function topicEnum(topic: string): string {
  return topic.toUpperCase().replace(/\//g, '_');
}
export function topicName(e: string): string {
  return e.toLowerCase().replace('_', '/');
}

export const shopifySignature = hmacSha256Base64;

interface SWebhook { id: string; name: string | null; topic: string; uri: string }

function toSubscription(w: SWebhook): WebhookSubscription {
  // Shopify has no paused subscription: one that keeps failing is removed by Shopify, so a listed one is active.
  return { id: w.id, name: w.name ?? '', topic: topicName(w.topic), status: 'active', deliveryUrl: w.uri };
}

export function shopifyWebhooks(api: (connection: ShopConnection<ShopifyOptions>, deps: ShopDeps) => ShopifyGraphql): WebhookSupport<ShopifyOptions> {
  return {
    orderTopics: ORDER_TOPICS,
    signingSecret: (options) => options.secret,
    verify: (rawBody, headers, secret) => hmacHeaderMatches(rawBody, headers, 'x-shopify-hmac-sha256', secret),
    parse(rawBody, headers) {
      const topic = headerOf(headers, 'x-shopify-topic');
      if (!topic) return null;
      if (!(ORDER_TOPICS as readonly string[]).includes(topic)) return { kind: 'ignored', topic };
      let body: { id?: unknown; admin_graphql_api_id?: unknown } | null;
      try {
        body = JSON.parse(rawBody.toString('utf8')) as typeof body;
      } catch {
        return null;
      }
      const gid = typeof body?.admin_graphql_api_id === 'string' && body.admin_graphql_api_id.startsWith('gid://shopify/Order/') ? body.admin_graphql_api_id : null;
      const id = body?.id;
      const numeric = (typeof id === 'number' || typeof id === 'string') && /^\d+$/.test(String(id)) ? `gid://shopify/Order/${id}` : null;
      const orderId = gid ?? numeric;
      if (!orderId) return null;
      const delivery: WebhookDelivery = {
        kind: 'order', topic, orderId,
        deliveryId: headerOf(headers, 'x-shopify-event-id') ?? headerOf(headers, 'x-shopify-webhook-id') ?? '',
        subscriptionId: null,
      };
      return delivery;
    },
    subscriptions(connection, deps) {
      const gql = api(connection, deps);
      return {
        async list() {
          const subscriptions = await gql.all(WEBHOOKS, {}, 'webhooks', (d: { webhookSubscriptions: Connection<SWebhook> }) => d.webhookSubscriptions);
          return subscriptions.map(toSubscription);
        },
        async register(o) {
          const p = await gql.mutate<{ webhookSubscription: SWebhook | null }>(WEBHOOK_CREATE, {
            topic: topicEnum(o.topic), sub: { uri: o.deliveryUrl, name: o.name, format: 'JSON' },
          }, `webhook ${o.topic}`, 'webhookSubscriptionCreate');
          return toSubscription(p.webhookSubscription ?? { id: '', name: o.name, topic: topicEnum(o.topic), uri: o.deliveryUrl });
        },
        async remove(id) {
          await gql.mutate(WEBHOOK_DELETE, { id }, `webhook ${id}`, 'webhookSubscriptionDelete');
        },
      };
    },
  };
}
