/**
 * A shop's identity: the shop part of the exactly-once key of an order (shop identity, order id).
 * Two profiles on one GesCom company import PrestaShop order 530 and WooCommerce order 530 as two
 * documents because their identities differ; two profiles on the same shop share it, so an order
 * is imported once whichever profile reads it.
 *
 * Form: `<kind>:<the adapter's identity>` (src/shops/<kind>/adapter.ts), e.g.
 * `woocommerce:shop.example.com/boutique`, `prestashop:example.com?id_shop=2`. Adapters build it
 * on `siteIdentity`, which normalises the ways a merchant types one shop's address into one:
 * - scheme dropped (a shop moving to https stays the same shop), host lower-cased, default port
 *   (80, 443) dropped, query and fragment dropped, trailing slashes dropped;
 * - the platform's API suffix a merchant sometimes pastes (given by the adapter) dropped;
 * - a leading `www.` dropped: `www.example.com` and `example.com` are in practice one shop, and
 *   importing its orders twice is the worse mistake. Two different shops on those two hosts would
 *   have to be told apart by hand (`shop.identity`).
 * The adapter adds what tells the stores of one installation apart (PrestaShop `id_shop`).
 */

import { adapterFor } from './registry.js';

/** A profile's shop.url as the adapters get it: trimmed, without trailing slashes ('' when not a string). */
export function shopUrlOf(raw: unknown): string {
  return typeof raw === 'string' ? raw.trim().replace(/\/+$/, '') : '';
}

/**
 * Host and path of a shop URL, normalised as described above, without `apiSuffix` (the
 * platform's API path, e.g. /wp-json/…); '' when the URL is empty or cannot be read.
 */
export function siteIdentity(url: string, apiSuffix?: RegExp): string {
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
  for (let prev = ''; apiSuffix && prev !== p; ) {
    prev = p;
    p = p.replace(apiSuffix, '').replace(/\/+$/, '');
  }
  return `${host}${port}${p}`;
}

/**
 * The identity a profile's shop section points at now, whatever its stored `identity`: the kind
 * plus the adapter's own identity of the shop (src/shops/<kind>/adapter.ts, e.g. PrestaShop's
 * store); '' when there is no shop yet (kind 'none', no URL, an unknown kind).
 */
export function identityOfShopSection(shop: unknown): string {
  if (typeof shop !== 'object' || shop === null) return '';
  const s = shop as Record<string, unknown>;
  const kind = typeof s.kind === 'string' ? s.kind : '';
  const url = shopUrlOf(s.url);
  const adapter = kind && kind !== 'none' && url ? adapterFor(kind) : undefined;
  if (!adapter) return '';
  const own = s[kind];
  // A profile of format 2 kept the store id flat (shop.shopId) until its shop section is reshaped.
  const options = typeof own === 'object' && own !== null ? own : { shopId: s.shopId ?? '' };
  const site = adapter.identity({ url, options });
  return site ? `${kind}:${site}` : '';
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

/** The profile's transferred orders: its name and the identity of its shop, the key of its orders. */
export interface ShopScope {
  profile: string;
  shop: string;
}

/** The scope of a profile's orders in the state store (exactly-once key: shop identity, order id). */
export function orderScopeOf(profile: { name: string; shop: unknown }): ShopScope {
  return { profile: profile.name, shop: profileShopKey(profile) };
}
