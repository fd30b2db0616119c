/**
 * The shop platforms and their own options, the one list the profile schema reads to build
 * `shop.<kind>`. Kept apart from the adapter registry (src/shops/registry.ts) because the profile
 * schema must not load the adapters' code; test/shops/registry.test.ts checks both lists agree.
 */
import { bigCommerceOptions } from './bigcommerce/options.js';
import { leNewBlackOptions } from './lenewblack/options.js';
import { magentoOptions } from './magento/options.js';
import { oasisOptions } from './oasis/options.js';
import { prestaShopOptions } from './prestashop/options.js';
import { shopifyOptions } from './shopify/options.js';
import { wixOptions } from './wix/options.js';
import { wooCommerceOptions } from './woocommerce/options.js';

/** Platform kind -> the schema of `shop.<kind>`, in the order the options are listed. */
export const SHOP_OPTION_SCHEMAS = {
  woocommerce: wooCommerceOptions,
  prestashop: prestaShopOptions,
  shopify: shopifyOptions,
  bigcommerce: bigCommerceOptions,
  magento: magentoOptions,
  wix: wixOptions,
  oasis: oasisOptions,
  lenewblack: leNewBlackOptions,
} as const;

export type PlatformKind = keyof typeof SHOP_OPTION_SCHEMAS;
/** 'none': a profile without a shop (GesCom checks, order files). */
export type ShopKind = 'none' | PlatformKind;

export const PLATFORM_KINDS = Object.keys(SHOP_OPTION_SCHEMAS) as PlatformKind[];
export const SHOP_KINDS = ['none', ...PLATFORM_KINDS] as [ShopKind, ...ShopKind[]];

export function isPlatformKind(kind: string): kind is PlatformKind {
  return Object.hasOwn(SHOP_OPTION_SCHEMAS, kind);
}
