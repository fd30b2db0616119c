/** PrestaShop's webservice authentication, built from the generic strategies of src/http/auth.ts. */
import { basicAuth, queryStringAuth, type AuthStrategy } from '../../http/auth.js';

/** PrestaShop (docs/shop-apis.md 2.1): the key as Basic user with an empty password, or ?ws_key= under the same conditions as WooCommerce. */
export function prestaShopAuth(o: { key: string; queryString?: boolean; siteAuth?: boolean }): AuthStrategy {
  if (o.queryString || o.siteAuth) return queryStringAuth({ ws_key: o.key });
  return basicAuth(o.key, '');
}
