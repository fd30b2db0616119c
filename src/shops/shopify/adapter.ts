/**
 * Shopify as a plug-in (WEB-03): the Admin GraphQL API 2026-10 on the shop's .myshopify.com domain,
 * with a static Admin API token or the Dev Dashboard client-credentials grant, the cost-based
 * throttling policy, order webhooks and the port (ShopifyShop).
 */
import { ConfigError } from '../../errors.js';
import { msg } from '../../i18n/catalogue.js';
import type { ShopAdapter, ShopConnection, ShopDeps } from '../adapter.js';
import { siteIdentity } from '../identity.js';
import { clientCredentialsAuth, staticTokenAuth } from './auth.js';
import { ShopifyCostPolicy } from './cost-policy.js';
import { API_VERSION, ShopifyGraphql, throttledRetry } from './graphql-client.js';
import { shopifyOptions, type ShopifyOptions } from './options.js';
import { ShopifyShop } from './shopify-shop.js';
import { shopifyWebhooks } from './webhooks.js';

/** The shop's origin: "x.myshopify.com" typed without scheme is https. */
export function shopOrigin(url: string): string {
  const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`);
  return u.origin;
}

/** The GraphQL client of a connection: the static token when given, else the client-credentials grant. */
export function shopifyGraphql({ url, options }: ShopConnection<ShopifyOptions>, deps: ShopDeps): ShopifyGraphql {
  const origin = shopOrigin(url);
  let auth;
  if (options.accessToken.trim() !== '') auth = staticTokenAuth(options.accessToken.trim());
  else if (options.clientId.trim() !== '' && options.secret !== '') {
    auth = clientCredentialsAuth({ shopUrl: origin, clientId: options.clientId.trim(), clientSecret: options.secret, oauth: deps.http(`${origin}/`, undefined) });
  } else {
    throw new ConfigError(msg('shopify.credentialsMissing'), 'profile', 'shop.shopify.accessToken');
  }
  const policy = new ShopifyCostPolicy();
  return new ShopifyGraphql(deps.http(`${origin}/admin/api/${API_VERSION}/`, auth, { shouldRetry: throttledRetry, rateLimit: policy }));
}

export const shopifyAdapter: ShopAdapter<ShopifyOptions> = {
  kind: 'shopify',
  options: shopifyOptions,
  // Either credential works: open() says which is missing when neither is given.
  required: [],
  credentialFlags: { key: 'accessToken', secret: 'secret' },
  identity(c: ShopConnection<ShopifyOptions>): string {
    return siteIdentity(c.url, /\/admin(\/.*)?$/);
  },
  // Paid orders (payment status, whatever their fulfilment) become invoices; invoiced ones are fulfilled.
  demo: { invoiceStatuses: ['paid'], invoicedStatus: 'shipped' },
  webhooks: shopifyWebhooks(shopifyGraphql),
  open(connection, deps) {
    const gql = shopifyGraphql(connection, deps);
    return new ShopifyShop({
      settings: deps.settings, options: connection.options, shopUrl: shopOrigin(connection.url), gql, warn: deps.warn, now: deps.now,
      uploads: (origin) => deps.http(`${origin}/`, undefined),
      memory: deps.memory,
    });
  },
};
