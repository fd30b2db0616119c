/**
 * A shop's identity: the shop part of the exactly-once key of an order (shop identity, order id).
 * Two profiles on one GesCom company import PrestaShop order 530 and WooCommerce order 530 as two
 * documents because their identities differ; two profiles on the same shop share it, so an order
 * is imported once whichever profile reads it.
 *
 * Form: `<kind>:<the adapter's identity>`, from the adapter registry; for a kind without one,
 * `<kind>:<host>[:<port>]<path>[#<store id>]`, e.g. `woocommerce:shop.example.com/boutique`,
 * `prestashop:example.com#2`. The URL is normalised so that the ways a merchant types one shop's
 * address give one identity:
 * - scheme dropped (a shop moving to https stays the same shop), host lower-cased, default port
 *   (80, 443) dropped, query and fragment dropped, trailing slashes dropped;
 * - the API suffixes a merchant sometimes pastes (`/wp-json…`, `/api`) dropped;
 * - a leading `www.` dropped: `www.example.com` and `example.com` are in practice one shop, and
 *   importing its orders twice is the worse mistake. Two different shops on those two hosts would
 *   have to be told apart by hand (`shop.identity`).
 * The store id (PrestaShop `id_shop`, Magento store code) tells the stores of one multistore
 * installation apart; empty means the default store.
 */

import { adapterFor } from './registry.js';

/** Platforms where one installation serves several stores, told apart by `shopId`. */
const STORE_KINDS = ['prestashop', 'magento'];

const API_SUFFIX = /(?:\/wp-json(?:\/.*)?|\/api)$/i;

/**
 * Host and path of a shop URL for `ShopAdapter.identity`: lower-case host, no scheme (moving to
 * HTTPS keeps the identity), no default port, no `www.`, no trailing slash. '' for an empty or
 * unreadable URL. (The adapters add their own store part; see shopIdentity for the flat fields.)
 */
export function siteIdentity(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return '';
  }
  const host = u.hostname.toLowerCase().replace(/^www\./, '');
  const port = u.port ? `:${u.port}` : '';
  const path = u.pathname.replace(/\/+$/, '');
  return `${host}${port}${path}`;
}

/** The host and path of a shop URL, normalised as described above; '' when the URL cannot be read. */
export function normaliseShopUrl(url: string): string {
  const raw = url.trim();
  if (!raw) return '';
  let u: URL;
  try {
    u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    return '';
  }
  // URL() already lower-cases the host and drops the scheme's default port.
  const host = u.hostname.replace(/^www\./, '');
  const port = u.port && !((u.protocol === 'http:' && u.port === '80') || (u.protocol === 'https:' && u.port === '443')) ? `:${u.port}` : '';
  let p = u.pathname.replace(/\/+$/, '');
  for (let prev = ''; prev !== p; ) {
    prev = p;
    p = p.replace(API_SUFFIX, '').replace(/\/+$/, '');
  }
  return `${host}${port}${p}`;
}

/**
 * The identity of a shop of this kind at this URL (and store, for multistore platforms); '' when
 * there is no shop yet (kind 'none' or no URL), so that the caller computes it once both are set.
 */
export function shopIdentity(kind: string, url: string, storeId?: string | number | null): string {
  if (!kind || kind === 'none') return '';
  const where = normaliseShopUrl(url);
  if (!where) return '';
  const store = storeId === undefined || storeId === null ? '' : String(storeId).trim();
  return `${kind}:${where}${store ? `#${store}` : ''}`;
}

/** The store id of a profile-like shop section, flat (`shop.shopId`) or under the kind (`shop.<kind>.shopId`). */
export function storeIdOf(shop: Record<string, unknown>): string {
  const kind = typeof shop.kind === 'string' ? shop.kind : '';
  // Only multistore platforms have a store; a stray value under another kind is no part of its identity.
  if (!STORE_KINDS.includes(kind)) return '';
  const own = shop[kind];
  const nested = typeof own === 'object' && own !== null ? (own as Record<string, unknown>).shopId : undefined;
  const v = nested ?? shop.shopId;
  return typeof v === 'string' || typeof v === 'number' ? String(v).trim() : '';
}

/**
 * The identity a profile's shop section points at now, whatever its stored `identity`: the kind
 * plus the adapter's own identity of the shop (src/shops/<kind>/adapter.ts, e.g. PrestaShop's
 * store), or, for a kind without an adapter, shopIdentity on the URL and the store id.
 */
export function identityOfShopSection(shop: unknown): string {
  if (typeof shop !== 'object' || shop === null) return '';
  const s = shop as Record<string, unknown>;
  const kind = typeof s.kind === 'string' ? s.kind : '';
  const url = typeof s.url === 'string' ? s.url.trim().replace(/\/+$/, '') : '';
  const adapter = kind && kind !== 'none' && url ? adapterFor(kind) : undefined;
  if (adapter) {
    const own = s[kind];
    const site = adapter.identity({ url, options: typeof own === 'object' && own !== null ? own : {} });
    return site ? `${kind}:${site}` : '';
  }
  return shopIdentity(kind, url, storeIdOf(s));
}

/**
 * The shop key of a profile's orders: its fixed identity, or (a profile saved before identities
 * existed and not migrated yet) the one its shop section points at. Never '' (the key of documents
 * imported before shops were told apart).
 */
export function profileShopKey(profile: { name: string; shop: unknown }): string {
  const stored = (profile.shop as { identity?: unknown } | null)?.identity;
  if (typeof stored === 'string' && stored) return stored;
  // A profile without a shop (orders loaded from XML files only) keys its orders by its own name.
  return identityOfShopSection(profile.shop) || `profile:${profile.name}`;
}
