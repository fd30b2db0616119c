/**
 * PrestaShop as a plug-in (WEB-01): its options, its identity and the factory of its port, on the
 * public webservice only (`${url}/api/`).
 */
import type { ShopAdapter, ShopConnection } from '../adapter.js';
import { siteIdentity } from '../identity.js';
import { prestaShopAuth } from './auth.js';
import { prestaShopOptions, type PrestaShopOptions } from './options.js';
import { PsShop } from './ps-shop.js';
import { PsWsClient } from './ws-client.js';

export const prestaShopAdapter: ShopAdapter<PrestaShopOptions> = {
  kind: 'prestashop',
  options: prestaShopOptions,
  required: ['key'],
  credentialFlags: { key: 'key' },
  // Orders validated by a payment module come in "Payment accepted" / "Remote payment accepted"
  // (canonical paid), then move on: every paid state to shipped and delivered becomes an invoice.
  demo: { invoiceStatuses: ['paid', 'processing', 'shipped', 'completed'], invoicedStatus: 'shipped' },
  identity(c: ShopConnection<PrestaShopOptions>): string {
    // One PrestaShop install serves several stores in a multistore: the store is part of the identity.
    const site = siteIdentity(c.url, /\/api$/i);
    return c.options.shopId ? `${site}?id_shop=${c.options.shopId}` : site;
  },
  open({ url, options }, deps) {
    // A URL given with /api (the webservice's) is taken back to the shop's root.
    const root = url.replace(/\/api(\/.*)?$/, '');
    // The client's cap is the adapter's: `concurrency` requests in flight (small hostings: 1).
    const http = deps.http(`${root}/api/`, prestaShopAuth({ key: options.key, queryString: deps.credentialsInQuery }), { concurrency: options.concurrency });
    const ws = new PsWsClient({ http, shopId: options.shopId || null });
    return new PsShop({ ws, options, settings: deps.settings, memory: deps.memory, warn: deps.warn });
  },
};
