/**
 * The shop platforms Passerelle knows, from one list of adapters (src/shops/<kind>/adapter.ts).
 * Shared code asks here for the adapter of a profile's `shop.kind`; adding a platform is adding its
 * folder and one line below (and its options to src/shops/kinds.ts, which the profile schema reads).
 */
import type { ShopAdapter } from './adapter.js';
import { bigCommerceAdapter } from './bigcommerce/adapter.js';
import type { PlatformKind } from './kinds.js';
import { leNewBlackAdapter } from './lenewblack/adapter.js';
import { magentoAdapter } from './magento/adapter.js';
import { oasisAdapter } from './oasis/adapter.js';
import { prestaShopAdapter } from './prestashop/adapter.js';
import { shopifyAdapter } from './shopify/adapter.js';
import { wixAdapter } from './wix/adapter.js';
import { wooCommerceAdapter } from './woocommerce/adapter.js';

const ADAPTERS = [
  wooCommerceAdapter, prestaShopAdapter, shopifyAdapter, bigCommerceAdapter, magentoAdapter, wixAdapter, oasisAdapter, leNewBlackAdapter,
] as const;

// Each adapter reads its own options type; callers hold them as unknown and pass back what they got.
const LIST = ADAPTERS.map((a) => a as unknown as ShopAdapter<unknown>);
const BY_KIND = new Map<string, ShopAdapter<unknown>>(LIST.map((a) => [a.kind, a]));

/** The adapter of a platform kind; undefined for 'none' and unknown kinds. */
export function adapterFor(kind: string): ShopAdapter<unknown> | undefined {
  return BY_KIND.get(kind);
}

/** Every registered platform kind, in registry order. */
export function shopKinds(): PlatformKind[] {
  return LIST.map((a) => a.kind as PlatformKind);
}

/** Kinds whose adapter can open a shop today (the others are announced, not built yet). */
export function availableShopKinds(): PlatformKind[] {
  return LIST.filter((a) => typeof a.open === 'function').map((a) => a.kind as PlatformKind);
}
