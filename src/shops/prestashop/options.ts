/** PrestaShop's own options, `shop.prestashop.*` in the profile (WEB-01). */
import { z } from 'zod';
import { describe, int, secret, section } from '../../profile/option-helpers.js';
import { msg } from '../../i18n/catalogue.js';

export const prestaShopOptions = section({
  key: secret('Clé du webservice PrestaShop (Paramètres avancés > Webservice)',
    'PrestaShop webservice key (Advanced Parameters > Webservice)'),
  // id_shop is a positive integer; '' writes to the shop the key belongs to (the default one).
  shopId: describe(z.string().max(10).regex(/^(?:[1-9]\d*)?$/, { error: 'options.err.psShopId' }).default(''),
    'Boutique à alimenter en multi-boutique (id_shop) ; vide = boutique par défaut',
    'Store written to in a multistore setup (id_shop); empty = the default store',
    { expected: msg('options.exp.psShopId') }),
  concurrency: int(4, 1, 16, 'Requêtes envoyées en parallèle (1 pour les petits hébergements)',
    'Requests sent in parallel (1 for small hostings)'),
}, 'PrestaShop', 'PrestaShop', ['WEB-01']);

export type PrestaShopOptions = z.infer<typeof prestaShopOptions>;
