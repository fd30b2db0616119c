/**
 * Webhooks as a shop plug-in capability (`ShopAdapter.webhooks`): how a platform signs and words
 * its deliveries, and how its subscriptions are listed, created and deleted. The inbox
 * (src/service/webhook-inbox.ts), the CLI (`passerelle webhooks …`) and the subscription check
 * never name a platform: WooCommerce plugs in here today, Shopify and BigCommerce the same way.
 * A platform without webhooks (PrestaShop) declares none and stays on the scheduled import.
 */
import crypto from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { ShopConnection, ShopDeps } from './adapter.js';

/** What one delivery says, once read. */
export type WebhookDelivery =
  /** The shop checking that the address answers (WooCommerce's ping at creation): answered, nothing else. */
  | { kind: 'ping'; subscriptionId: string | null }
  /** An order created or changed: `deliveryId` is the shop's own delivery key, `orderId` the order's shop id. */
  | { kind: 'order'; topic: string; deliveryId: string; orderId: string; subscriptionId: string | null }
  /** A signed delivery of a topic Passerelle does not act on (answered 2xx so the shop does not count it as failed). */
  | { kind: 'ignored'; topic: string };

/** Statuses as every platform is read: active delivers; paused was stopped by a person; disabled by the shop (failures). */
export type SubscriptionStatus = 'active' | 'paused' | 'disabled';

export interface WebhookSubscription {
  id: string;
  name: string;
  /** The platform's topic ("order.created"). */
  topic: string;
  status: SubscriptionStatus;
  deliveryUrl: string;
}

/** The shop's subscriptions, through the adapter's HTTP client (src/http: retries, proxy, TLS, auth). */
export interface WebhookSubscriptions {
  list(): Promise<WebhookSubscription[]>;
  register(o: { name: string; topic: string; deliveryUrl: string; secret: string }): Promise<WebhookSubscription>;
  remove(id: string): Promise<void>;
}

export interface WebhookSupport<O = unknown> {
  /** The topics Passerelle subscribes to so that orders reach the GesCom (created and updated). */
  readonly orderTopics: readonly string[];
  /**
   * The secret the platform signs with when it is not the one Passerelle gives each subscription
   * (Shopify: the app's client secret, from the shop options); absent: the profile's webhooks.secret.
   */
  signingSecret?(options: O): string | undefined;
  /** Whether the raw body is signed with the secret; timing-safe. */
  verify(rawBody: Buffer, headers: IncomingHttpHeaders, secret: string): boolean;
  /** Reads a delivery (after `verify` for anything but a ping); null when it is none of the platform's. */
  parse(rawBody: Buffer, headers: IncomingHttpHeaders): WebhookDelivery | null;
  subscriptions(connection: ShopConnection<O>, deps: ShopDeps): WebhookSubscriptions;
}

/** One header's value as a string (Node gives arrays for repeated headers). */
export function headerOf(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/**
 * The address a profile's subscriptions deliver to: `<public URL>/hooks/<kind>/<profile>`; the
 * inbox's route (src/service/routes/hooks.ts) answers there.
 */
export function deliveryUrlOf(publicUrl: string, kind: string, profile: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/hooks/${encodeURIComponent(kind)}/${encodeURIComponent(profile)}`;
}

/** The name Passerelle gives its subscriptions: how `remove` and the check tell ours from the merchant's own. */
export function subscriptionName(profile: string, topic: string): string {
  return `Passerelle ${profile} ${topic}`;
}

/** Whether a subscription is this profile's: our delivery address, or our name (an older public address). */
export function isOurs(s: WebhookSubscription, profile: string, deliveryUrl: string): boolean {
  return s.deliveryUrl === deliveryUrl || s.name.startsWith(`Passerelle ${profile} `);
}

/** Base64 HMAC-SHA256 of the raw body: how WooCommerce and Shopify both sign a delivery. */
export function hmacSha256Base64(rawBody: Buffer | string, secret: string): string {
  return crypto.createHmac('sha256', secret).update(rawBody).digest('base64');
}

/** Whether the header `name` holds the body's base64 HMAC-SHA256 under `secret` (compared in constant time). */
export function hmacHeaderMatches(rawBody: Buffer, headers: IncomingHttpHeaders, name: string, secret: string): boolean {
  const given = headerOf(headers, name);
  if (!given || !secret) return false;
  const expected = Buffer.from(hmacSha256Base64(rawBody, secret));
  const actual = Buffer.from(given.trim());
  return actual.length === expected.length && crypto.timingSafeEqual(actual, expected);
}
