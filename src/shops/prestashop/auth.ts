/**
 * PrestaShop webservice auth (docs/shop-apis.md 2.1): the key as HTTP Basic user with an empty
 * password, or `?ws_key=` when the host strips Authorization or a protected directory owns it.
 */
import { basicAuth, queryStringAuth, type AuthStrategy } from '../../http/auth.js';

export function prestaShopAuth(o: { key: string; credentialsInQuery: boolean }): AuthStrategy {
  if (o.credentialsInQuery) return queryStringAuth({ ws_key: o.key });
  return basicAuth(o.key, '');
}
