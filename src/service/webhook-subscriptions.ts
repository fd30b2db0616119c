/**
 * A profile's webhook subscriptions in its shop, whatever the platform (src/shops/webhooks.ts):
 * where they deliver, whether the profile receives orders by webhook or stays on the scheduled
 * import (and why), and the register / list / remove / ensure steps the CLI and the service's
 * subscription check share. Only Passerelle's own subscriptions are ever changed.
 */
import crypto from 'node:crypto';
import type { AppContext } from '../app/app-context.js';
import { ConfigError } from '../errors.js';
import { msg, type Text } from '../i18n/catalogue.js';
import type { Profile } from '../profile/schema.js';
import { shopConnectionOf, shopDepsOf } from '../shops/open-shop.js';
import { adapterFor } from '../shops/registry.js';
import {
  deliveryUrlOf, isOurs, subscriptionName, type WebhookSubscription, type WebhookSubscriptions, type WebhookSupport,
} from '../shops/webhooks.js';
import { makeJournal } from '../actions/runner.js';

/** How a profile's orders reach the GesCom: by webhook (then also by schedule), or by the scheduled import only. */
export type WebhookMode =
  | { mode: 'webhooks'; deliveryUrl: string }
  | { mode: 'polling'; reason: 'noShop' | 'notSupported' | 'notEnabled' | 'noPublicUrl' | 'noSecret' };

export function webhookSupportOf(profile: Profile): WebhookSupport | undefined {
  return profile.shop.kind === 'none' ? undefined : adapterFor(profile.shop.kind)?.webhooks;
}

export function webhookModeOf(profile: Profile): WebhookMode {
  if (profile.shop.kind === 'none') return { mode: 'polling', reason: 'noShop' };
  if (!webhookSupportOf(profile)) return { mode: 'polling', reason: 'notSupported' };
  const w = profile.webhooks;
  if (!w.enabled) return { mode: 'polling', reason: 'notEnabled' };
  if (!w.publicUrl) return { mode: 'polling', reason: 'noPublicUrl' };
  if (!w.secret) return { mode: 'polling', reason: 'noSecret' };
  return { mode: 'webhooks', deliveryUrl: deliveryUrlOf(w.publicUrl, profile.shop.kind, profile.name) };
}

/** Why a profile stays on the scheduled import, in words. */
export function pollingReasonText(profile: Profile, reason: Exclude<WebhookMode, { mode: 'webhooks' }>['reason']): Text {
  return msg(`webhooks.polling.${reason}`, { profile: profile.name, kind: profile.shop.kind });
}

/** The platform's webhooks, or one clear error: this shop has none, its orders come by the scheduled import. */
function requireSupport(profile: Profile): WebhookSupport {
  const support = webhookSupportOf(profile);
  if (!support) throw new ConfigError(pollingReasonText(profile, profile.shop.kind === 'none' ? 'noShop' : 'notSupported'), `profile ${profile.name}`, 'shop.kind');
  return support;
}

export function subscriptionsOf(app: AppContext, profile: Profile, support: WebhookSupport = requireSupport(profile)): WebhookSubscriptions {
  const journal = makeJournal(app, profile, null);
  return support.subscriptions(shopConnectionOf(profile), shopDepsOf(profile, { state: app.state, warn: (m) => journal.warning(m) }));
}

/** Every subscription of the shop, with whether it is this profile's. */
export async function listWebhooks(app: AppContext, name: string): Promise<{ profile: Profile; deliveryUrl: string | null; subscriptions: (WebhookSubscription & { ours: boolean })[] }> {
  const profile = app.profiles.load(name);
  const list = await subscriptionsOf(app, profile).list();
  const url = profile.webhooks.publicUrl ? deliveryUrlOf(profile.webhooks.publicUrl, profile.shop.kind, profile.name) : null;
  return { profile, deliveryUrl: url, subscriptions: list.map((s) => ({ ...s, ours: isOurs(s, profile.name, url ?? '') })) };
}

/**
 * Creates the profile's subscriptions (one per order topic) delivering to `<public URL>/hooks/<kind>/<profile>`,
 * signed with a new secret kept encrypted in the profile; ours from before are replaced.
 */
export async function registerWebhooks(app: AppContext, name: string, publicUrl?: string): Promise<{ deliveryUrl: string; created: WebhookSubscription[]; removed: number }> {
  let profile = app.profiles.load(name);
  const previous = profile.webhooks;
  const support = requireSupport(profile);
  const base = (publicUrl ?? profile.webhooks.publicUrl).trim();
  if (!base) throw new ConfigError(msg('webhooks.urlRequired', { profile: name }), `profile ${name}`, 'webhooks.publicUrl');
  // Saved (and validated: an http(s) URL) before the shop is asked, so that the service verifies the first delivery.
  profile = app.profiles.save({
    ...profile, webhooks: { ...profile.webhooks, enabled: true, publicUrl: base.replace(/\/+$/, ''), secret: crypto.randomBytes(32).toString('base64url') },
  });
  const deliveryUrl = deliveryUrlOf(profile.webhooks.publicUrl, profile.shop.kind, name);
  const subs = subscriptionsOf(app, profile, support);
  let removed = 0;
  const created: WebhookSubscription[] = [];
  try {
    for (const s of await subs.list()) {
      if (!isOurs(s, name, deliveryUrl)) continue;
      await subs.remove(s.id);
      removed++;
    }
    for (const topic of support.orderTopics) {
      created.push(await subs.register({ name: subscriptionName(name, topic), topic, deliveryUrl, secret: profile.webhooks.secret }));
    }
  } catch (err) {
    // Nothing signs with the new secret yet: the subscriptions still in the shop keep the old one, and so does the profile.
    if (!created.length) app.profiles.save({ ...app.profiles.load(name), webhooks: previous });
    throw err;
  }
  return { deliveryUrl, created, removed };
}

/** Deletes this profile's subscriptions (only ours) and turns its webhooks off: the scheduled import carries on alone. */
export async function removeWebhooks(app: AppContext, name: string): Promise<WebhookSubscription[]> {
  const profile = app.profiles.load(name);
  const subs = subscriptionsOf(app, profile);
  const url = profile.webhooks.publicUrl ? deliveryUrlOf(profile.webhooks.publicUrl, profile.shop.kind, name) : '';
  const removed: WebhookSubscription[] = [];
  for (const s of await subs.list()) {
    if (!isOurs(s, name, url)) continue;
    await subs.remove(s.id);
    removed.push(s);
  }
  app.profiles.save({ ...app.profiles.load(name), webhooks: { ...profile.webhooks, enabled: false } });
  return removed;
}

export interface EnsureResult {
  /** Topic -> what was found and done. */
  topics: { topic: string; found: 'active' | 'paused' | 'disabled' | 'missing'; action: 'none' | 'reregistered' | 'registered' }[];
}

/**
 * The subscription check's step for one profile in webhook mode: each order topic must have an
 * active subscription of ours delivering to the current address. One disabled by the shop (too
 * many failed deliveries) or pointing at an older address is deleted and created again; a missing
 * one is created. A subscription a person paused is left paused (said in the result).
 */
export async function ensureWebhooks(app: AppContext, profile: Profile, deliveryUrl: string): Promise<EnsureResult> {
  const support = requireSupport(profile);
  const subs = subscriptionsOf(app, profile, support);
  const all = (await subs.list()).filter((s) => isOurs(s, profile.name, deliveryUrl));
  const result: EnsureResult = { topics: [] };
  for (const topic of support.orderTopics) {
    const mine = all.filter((s) => s.topic === topic);
    if (mine.some((s) => s.status === 'active' && s.deliveryUrl === deliveryUrl)) {
      result.topics.push({ topic, found: 'active', action: 'none' });
      continue;
    }
    if (mine.some((s) => s.status === 'paused' && s.deliveryUrl === deliveryUrl)) {
      result.topics.push({ topic, found: 'paused', action: 'none' });
      continue;
    }
    for (const s of mine) await subs.remove(s.id);
    await subs.register({ name: subscriptionName(profile.name, topic), topic, deliveryUrl, secret: profile.webhooks.secret });
    result.topics.push({ topic, found: mine.length ? 'disabled' : 'missing', action: mine.length ? 'reregistered' : 'registered' });
  }
  return result;
}
