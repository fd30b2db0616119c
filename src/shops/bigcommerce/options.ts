/** BigCommerce's own options, `shop.bigcommerce.*` in the profile (WEB-04). */
import { z } from 'zod';
import { describe, isHttpUrl, secret, section } from '../../profile/option-helpers.js';
import { msg } from '../../i18n/catalogue.js';

export const bigCommerceOptions = section({
  accessToken: secret("Jeton d'accès de l'API BigCommerce (X-Auth-Token)", 'BigCommerce API access token (X-Auth-Token)'),
  apiPath: describe(z.string().max(2048).refine(
    (v) => v === '' || (isHttpUrl(v) && !/\/v\d+\/?$/.test(v)),
    { error: 'options.err.apiPath' },
  ).default(''), "Chemin d'accès à l'API BigCommerce, sans la version (v3)", 'BigCommerce API path, without the version (v3)',
  { expected: msg('options.exp.apiPath') }),
}, 'BigCommerce', 'BigCommerce', ['WEB-04']);

export type BigCommerceOptions = z.infer<typeof bigCommerceOptions>;
