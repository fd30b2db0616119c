/** WooCommerce as a plug-in (WEB-02): its options, its identity and the factory of its port. */
import { basicAuth } from '../../http/auth.js';
import type { HttpClient } from '../../http/http-client.js';
import type { ShopAdapter, ShopConnection, ShopDeps } from '../adapter.js';
import { siteIdentity } from '../identity.js';
import { wooCommerceAuth } from './auth.js';
import { wooCommerceOptions, type WooOptions } from './options.js';
import { wooWebhooks } from './webhooks.js';
import { WooShop } from './woo-shop.js';

/** Media uploaded, by content hash, in the profile's memory (kept across runs). */
const MEDIA_MEMORY = 'media';

/** The WordPress site's root: a URL given with /wp-json (the API's) is taken back to the site. */
function siteUrl(url: string): string {
  return url.replace(/\/wp-json(\/.*)?$/, '');
}

/** The wc/v3 client with the profile's credentials (the port and the webhook subscriptions share it). */
function apiClient({ url, options }: ShopConnection<WooOptions>, deps: ShopDeps): HttpClient {
  const site = siteUrl(url);
  return deps.http(`${site}/wp-json/wc/v3/`, wooCommerceAuth({
    url: site, consumerKey: options.key, consumerSecret: options.secret, queryString: deps.credentialsInQuery,
  }));
}

export const wooCommerceAdapter: ShopAdapter<WooOptions> = {
  kind: 'woocommerce',
  options: wooCommerceOptions,
  required: ['key', 'secret'],
  credentialFlags: { key: 'key', secret: 'secret' },
  identity(c: ShopConnection<WooOptions>): string {
    return siteIdentity(siteUrl(c.url));
  },
  webhooks: wooWebhooks(apiClient),
  open(connection, deps) {
    const { url, options } = connection;
    const site = siteUrl(url);
    const api = apiClient(connection, deps);
    const media = options.mediaUser && options.mediaPassword
      ? deps.http(`${site}/wp-json/wp/v2/`, basicAuth(options.mediaUser, options.mediaPassword))
      : null;
    return new WooShop({
      settings: deps.settings, options, siteUrl: site, api, media, warn: deps.warn,
      mediaCache: {
        get: (sha) => {
          const id = deps.memory.get(MEDIA_MEMORY, sha);
          return id === undefined ? undefined : Number(id);
        },
        set: (sha, id) => deps.memory.set(MEDIA_MEMORY, sha, String(id)),
      },
    });
  },
};
