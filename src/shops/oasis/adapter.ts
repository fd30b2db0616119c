/** Oasis Commerce as a plug-in (WEB-07): its options and its identity; no port yet, so opening such a profile says the platform is not available yet. */
import type { ShopAdapter, ShopConnection } from '../adapter.js';
import { siteIdentity } from '../identity.js';
import { oasisOptions, type OasisOptions } from './options.js';

export const oasisAdapter: ShopAdapter<OasisOptions> = {
  kind: 'oasis',
  options: oasisOptions,
  required: ['key'],
  credentialFlags: { key: 'key' },
  identity(c: ShopConnection<OasisOptions>): string {
    return siteIdentity(c.url);
  },
};
