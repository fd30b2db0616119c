/** Wix as a plug-in (WEB-06): its options and its identity; no port yet, so opening such a profile says the platform is not available yet. */
import type { ShopAdapter, ShopConnection } from '../adapter.js';
import { siteIdentity } from '../identity.js';
import { wixOptions, type WixOptions } from './options.js';

export const wixAdapter: ShopAdapter<WixOptions> = {
  kind: 'wix',
  options: wixOptions,
  required: ['key', 'siteId'],
  credentialFlags: { key: 'key' },
  identity(c: ShopConnection<WixOptions>): string {
    return siteIdentity(c.url);
  },
};
