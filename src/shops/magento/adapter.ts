/** Magento as a plug-in (WEB-05): its options and its identity; no port yet, so opening such a profile says the platform is not available yet. */
import type { ShopAdapter, ShopConnection } from '../adapter.js';
import { siteIdentity } from '../identity.js';
import { magentoOptions, type MagentoOptions } from './options.js';

export const magentoAdapter: ShopAdapter<MagentoOptions> = {
  kind: 'magento',
  options: magentoOptions,
  required: ['key', 'secret', 'accessToken', 'tokenSecret'],
  credentialFlags: { key: 'key', secret: 'secret' },
  identity(c: ShopConnection<MagentoOptions>): string {
    return siteIdentity(c.url);
  },
};
