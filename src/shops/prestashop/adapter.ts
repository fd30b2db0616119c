/**
 * PrestaShop as a plug-in (WEB-01): its options and its identity. The port (`open`) comes with the
 * webservice adapter; until then opening a PrestaShop profile says the platform is not available yet.
 */
import type { ShopAdapter, ShopConnection } from '../adapter.js';
import { siteIdentity } from '../identity.js';
import { prestaShopOptions, type PrestaShopOptions } from './options.js';

export const prestaShopAdapter: ShopAdapter<PrestaShopOptions> = {
  kind: 'prestashop',
  options: prestaShopOptions,
  required: ['key'],
  credentialFlags: { key: 'key' },
  identity(c: ShopConnection<PrestaShopOptions>): string {
    // One PrestaShop install serves several stores in a multistore: the store is part of the identity.
    const site = siteIdentity(c.url);
    return c.options.shopId ? `${site}?id_shop=${c.options.shopId}` : site;
  },
};
