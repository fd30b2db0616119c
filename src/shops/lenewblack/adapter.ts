/** Le New Black as a plug-in (WEB-08): its options and its identity; no port yet, so opening such a profile says the platform is not available yet. */
import type { ShopAdapter, ShopConnection } from '../adapter.js';
import { siteIdentity } from '../identity.js';
import { leNewBlackOptions, type LeNewBlackOptions } from './options.js';

export const leNewBlackAdapter: ShopAdapter<LeNewBlackOptions> = {
  kind: 'lenewblack',
  options: leNewBlackOptions,
  required: ['clientId', 'secret'],
  credentialFlags: { key: 'clientId', secret: 'secret' },
  identity(c: ShopConnection<LeNewBlackOptions>): string {
    return siteIdentity(c.url);
  },
};
