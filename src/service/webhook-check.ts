/**
 * The service's check of its webhook subscriptions: shops disable webhooks that keep failing
 * (WooCommerce after repeated failed deliveries) or drop them, and nothing tells the merchant.
 * Every profile whose orders come by webhook has its shop's subscriptions listed every
 * `webhooks.checkEveryMinutes`: one disabled or missing is registered again, an alert raised
 * (src/app/alerts.ts) and a line journalled. Profiles without webhooks stay on the scheduled
 * import, and the service says so: one line each at start, and in /api/health.
 */
import type { AppContext } from '../app/app-context.js';
import { raiseAlert } from '../app/alerts.js';
import { makeJournal } from '../actions/runner.js';
import { errorMessage } from '../errors.js';
import { msg, render, type Text } from '../i18n/catalogue.js';
import type { Profile } from '../profile/schema.js';
import { inboxFor } from './webhook-inbox.js';
import { ensureWebhooks, pollingReasonText, webhookModeOf, type EnsureResult } from './webhook-subscriptions.js';

/** What /api/health says of one profile. */
export interface ProfileWebhookState {
  profile: string;
  shop: string;
  mode: 'webhooks' | 'polling';
  /** Polling: why ('notSupported', 'notEnabled', 'noPublicUrl', 'noSecret', 'noShop'). */
  reason?: string;
  deliveryUrl?: string;
  /** Subscriptions as last checked: topic -> active | paused | disabled | missing (before re-registering). */
  subscriptions?: Record<string, string>;
  lastCheckAt?: string;
  lastCheckError?: string;
  lastDeliveryAt?: string;
}

const TICK_MS = 60_000;
const CHECKS = new WeakMap<AppContext, WebhookCheck>();

/** Every profile's webhook state (the check's last findings when the service runs one). */
export function webhookStates(app: AppContext): ProfileWebhookState[] {
  const check = CHECKS.get(app);
  const inbox = inboxFor(app);
  const out: ProfileWebhookState[] = [];
  for (const profile of app.profiles.readable()) {
    const name = profile.name;
    const mode = webhookModeOf(profile);
    const last = check?.last.get(name);
    out.push({
      profile: name, shop: profile.shop.kind, mode: mode.mode,
      ...(mode.mode === 'polling' ? { reason: mode.reason } : { deliveryUrl: mode.deliveryUrl }),
      ...(last && mode.mode === 'webhooks' ? { subscriptions: last.subscriptions, lastCheckAt: last.at, lastCheckError: last.error } : {}),
      ...(inbox.lastDelivery.has(name) ? { lastDeliveryAt: inbox.lastDelivery.get(name) } : {}),
    });
  }
  return out;
}

/** Starts the service's check and prints how each profile's orders arrive; `stop()` it on shutdown. */
export function startWebhookCheck(app: AppContext, print: (line: Text) => void): WebhookCheck {
  const check = new WebhookCheck(app);
  for (const line of check.start()) print(line);
  return check;
}

export class WebhookCheck {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  /** Last check per profile. */
  readonly last = new Map<string, { at: string; subscriptions?: Record<string, string>; error?: string }>();

  constructor(private readonly app: AppContext, private readonly now: () => Date = () => new Date()) {}

  /**
   * Starts the periodic check (first one at once, in the background) and returns one line per
   * profile saying how its orders arrive, for the service to print.
   */
  start(): Text[] {
    CHECKS.set(this.app, this);
    const lines: Text[] = [];
    for (const p of this.app.profiles.readable()) {
      const mode = webhookModeOf(p);
      if (mode.mode === 'webhooks') lines.push(msg('webhooks.active', { profile: p.name, url: mode.deliveryUrl }));
      else if (mode.reason !== 'noShop') lines.push(pollingReasonText(p, mode.reason));
    }
    this.timer = setInterval(() => void this.checkDue(), TICK_MS);
    this.timer.unref();
    void this.checkDue();
    return lines;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (CHECKS.get(this.app) === this) CHECKS.delete(this.app);
  }

  /** Checks the profiles whose interval has passed; one pass at a time. */
  checkDue(): Promise<void> {
    this.running ??= (async () => {
      try {
        for (const profile of this.app.profiles.readable()) {
          const name = profile.name;
          if (webhookModeOf(profile).mode !== 'webhooks') continue;
          const last = this.last.get(name);
          if (last && this.now().getTime() - Date.parse(last.at) < profile.webhooks.checkEveryMinutes * 60_000) continue;
          await this.checkProfile(name);
        }
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }

  /** Checks one profile now: re-registers what the shop disabled or lost, alerts, journals. Never throws. */
  async checkProfile(name: string): Promise<EnsureResult | null> {
    const at = this.now().toISOString();
    let profile: Profile;
    try {
      profile = this.app.profiles.load(name);
    } catch {
      return null;
    }
    const mode = webhookModeOf(profile);
    if (mode.mode !== 'webhooks') return null;
    const journal = makeJournal(this.app, profile, null);
    try {
      const result = await ensureWebhooks(this.app, profile, mode.deliveryUrl);
      const before = this.last.get(name)?.subscriptions ?? {};
      this.last.set(name, { at, subscriptions: Object.fromEntries(result.topics.map((t) => [t.topic, t.found])) });
      for (const t of result.topics) {
        // Said when found paused, not again at every check while it stays so.
        if (t.action === 'none' && t.found === 'paused' && before[t.topic] !== 'paused') journal.warning(msg('webhooks.check.paused', { topic: t.topic }));
        if (t.action === 'none') continue;
        const text = msg(t.action === 'reregistered' ? 'webhooks.check.reregistered' : 'webhooks.check.registered', { topic: t.topic, url: mode.deliveryUrl });
        journal.warning(text);
        raiseAlert({ profile: name, code: t.action === 'reregistered' ? 'webhook.reregistered' : 'webhook.restored', text });
      }
      return result;
    } catch (err) {
      const reason = errorMessage(err, profile.general.language);
      const text = msg('webhooks.check.failed', { reason });
      const wasFailing = this.last.get(name)?.error !== undefined;
      this.last.set(name, { at, error: render(text, profile.general.language) });
      journal.warning(text);
      // Once per outage, not at every check while the shop stays unreachable.
      if (!wasFailing) raiseAlert({ profile: name, code: 'webhook.checkFailed', text });
      return null;
    }
  }
}
