/** BigCommerce as a plug-in (WEB-04): its options and its identity; no port yet, so opening such a profile says the platform is not available yet. */
import type { ShopAdapter, ShopConnection } from '../adapter.js';
import { siteIdentity } from '../identity.js';
import { bigCommerceOptions, type BigCommerceOptions } from './options.js';

export const bigCommerceAdapter: ShopAdapter<BigCommerceOptions> = {
  kind: 'bigcommerce',
  options: bigCommerceOptions,
  required: ['accessToken', 'apiPath'],
  credentialFlags: { key: 'accessToken' },
  identity(c: ShopConnection<BigCommerceOptions>): string {
    return siteIdentity(c.url);
  },
};
