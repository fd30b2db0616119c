/** Shopify as a plug-in (WEB-03): its options and its identity; no port yet, so opening such a profile says the platform is not available yet. */
import type { ShopAdapter, ShopConnection } from '../adapter.js';
import { siteIdentity } from '../identity.js';
import { shopifyOptions, type ShopifyOptions } from './options.js';

export const shopifyAdapter: ShopAdapter<ShopifyOptions> = {
  kind: 'shopify',
  options: shopifyOptions,
  required: ['accessToken'],
  credentialFlags: { key: 'accessToken', secret: 'secret' },
  identity(c: ShopConnection<ShopifyOptions>): string {
    return siteIdentity(c.url);
  },
};
