/**
 * Opens the shop a profile names, through the adapter of its kind (src/shops/registry.ts): checks
 * the kind's own options (`shop.<kind>`), then hands the adapter what it needs (ShopDeps), never
 * the whole profile. Nothing here knows a platform.
 */
import fs from 'node:fs';
import { ConfigError } from '../errors.js';
import { httpOptionsFromProfile } from '../http/from-profile.js';
import { HttpClient, type HttpClientOptions } from '../http/http-client.js';
import { msg, type Text } from '../i18n/catalogue.js';
import { ProfileValidationError, validateProfile } from '../profile/options.js';
import type { Profile } from '../profile/schema.js';
import type { StateStore } from '../state/state-store.js';
import type { ShopAdapter, ShopConnection, ShopDeps, ShopSettings } from './adapter.js';
import type { ShopPort } from './port.js';
import { adapterFor, availableShopKinds } from './registry.js';
import { shopUrlOf } from './identity.js';

export interface OpenShopOptions {
  state: StateStore;
  warn: (message: string | Text) => void;
  /** Extra client options (benchmarks and tests count exchanges). */
  http?: Partial<HttpClientOptions>;
  /** The run's clock (dated prices are judged at the run's instant). */
  now?: () => Date;
}

/** The profile options outside `shop` an adapter may read. */
export function shopSettingsOf(profile: Profile): ShopSettings {
  return {
    language: profile.general.language,
    timezone: profile.general.timezone,
    prices: profile.prices,
    articles: profile.articles,
    customers: profile.customers,
    orders: profile.orders,
  };
}

/** The adapter of the profile's kind; a ConfigError on shop.kind for 'none' and for a kind not built yet. */
export function shopAdapterOf(profile: Profile): ShopAdapter<unknown> {
  const kind = profile.shop.kind;
  if (kind === 'none') throw new ConfigError(msg('shop.noShop'), `profile ${profile.name}`, 'shop.kind');
  const adapter = adapterFor(kind);
  if (!adapter) throw kindNotSupported(profile, kind);
  return adapter;
}

function kindNotSupported(profile: Profile, kind: string): ConfigError {
  return new ConfigError(msg('shop.kindNotSupported', { kind, available: availableShopKinds().join(', ') }), `profile ${profile.name}`, 'shop.kind');
}

/**
 * The connection of the profile's shop: its URL and its kind's options, validated with the
 * adapter's schema and its required options (the credentials) checked. Errors name
 * `shop.url` or `shop.<kind>.<field>`.
 */
export function shopConnectionOf(profile: Profile, adapter: ShopAdapter<unknown> = shopAdapterOf(profile)): ShopConnection<unknown> {
  const entity = `profile ${profile.name}`;
  const url = shopUrlOf(profile.shop.url);
  if (!url) throw new ConfigError(msg('shop.urlMissing'), entity, 'shop.url');
  const kind = adapter.kind;
  const raw = (profile.shop as Record<string, unknown>)[kind];
  const parsed = adapter.options.safeParse(raw ?? {});
  if (!parsed.success) {
    // The profile's own validation names the field and says what is expected, in both languages.
    try {
      validateProfile({ ...profile, shop: { ...profile.shop, [kind]: raw } });
    } catch (err) {
      if (err instanceof ProfileValidationError) throw err;
    }
    throw new ConfigError(parsed.error.message, entity, `shop.${kind}`);
  }
  const options = parsed.data as Record<string, unknown>;
  for (const field of adapter.required ?? []) {
    const v = options[field];
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) {
      throw new ConfigError(msg('shop.optionRequired', { option: `shop.${kind}.${field}`, kind }), entity, `shop.${kind}.${field}`);
    }
  }
  return { url, options };
}

function clientOptions(profile: Profile, baseUrl: string, extra: Partial<HttpClientOptions> | undefined): HttpClientOptions {
  const o = { ...httpOptionsFromProfile(profile, baseUrl), ...extra };
  if (profile.http.caFile) {
    try {
      o.caPem = fs.readFileSync(profile.http.caFile, 'utf8');
    } catch (err) {
      throw new ConfigError(msg('shop.caUnreadable', { file: profile.http.caFile, reason: (err as Error).message }), `profile ${profile.name}`, 'http.caFile');
    }
  }
  return o;
}

/** What shared code gives an adapter: settings, HTTP on the profile's settings, a memory scoped to the profile. */
export function shopDepsOf(profile: Profile, opts: OpenShopOptions): ShopDeps {
  const state = opts.state;
  return {
    settings: shopSettingsOf(profile),
    // The protected directory's basic auth (http.basicAuth -> siteAuth) is composed in front by the client (withSiteAuth).
    http: (baseUrl, auth, client) => new HttpClient({ ...clientOptions(profile, baseUrl, opts.http), ...client, ...(auth ? { auth } : {}) }),
    // The host strips Authorization (alternative requests), or the protected directory owns it.
    credentialsInQuery: profile.http.alternative.requests || profile.http.basicAuth.enabled,
    memory: {
      get: (kind, key) => state.binding(profile.name, kind, key)?.shopId ?? undefined,
      set: (kind, key, value) => state.saveBinding(profile.name, kind, key, value, null),
      entries: (kind) => [...state.bindings(profile.name, kind).values()].map((b) => [b.gescomKey, b.shopId]),
    },
    warn: opts.warn,
    now: opts.now ?? (() => new Date()),
  };
}

export function openShop(profile: Profile, opts: OpenShopOptions): ShopPort {
  const adapter = shopAdapterOf(profile);
  if (!adapter.open) throw kindNotSupported(profile, adapter.kind);
  const connection = shopConnectionOf(profile, adapter);
  return adapter.open(connection, shopDepsOf(profile, opts));
}
