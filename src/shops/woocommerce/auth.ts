/** WooCommerce's API authentication, built from the generic strategies of src/http/auth.ts. */
import { basicAuth, oauth1, queryStringAuth, type AuthStrategy } from '../../http/auth.js';

/**
 * WooCommerce (docs/shop-apis.md 1.1): plain HTTP -> OAuth 1.0a in the query string; HTTPS ->
 * Basic, or consumer_key/consumer_secret in the query string when the host strips the header
 * (`queryString`, profile http.alternative.requests) or when a protected directory already owns
 * Authorization (`siteAuth`).
 */
export function wooCommerceAuth(o: {
  url: string;
  consumerKey: string;
  consumerSecret: string;
  queryString?: boolean;
  siteAuth?: boolean;
  signatureMethod?: 'HMAC-SHA1' | 'HMAC-SHA256';
}): AuthStrategy {
  if (new URL(o.url).protocol === 'http:') {
    return oauth1(o.consumerKey, o.consumerSecret, { signatureMethod: o.signatureMethod ?? 'HMAC-SHA256' });
  }
  if (o.queryString || o.siteAuth) return queryStringAuth({ consumer_key: o.consumerKey, consumer_secret: o.consumerSecret });
  return basicAuth(o.consumerKey, o.consumerSecret);
}
