/** PrestaShop's own options, `shop.prestashop.*` in the profile (WEB-01). */
import { z } from 'zod';
import { describe, int, list, secret, section } from '../../profile/option-helpers.js';
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
  // The manual's KerAwen section (day grouping, grouped lines and payments, KerAwen account) is
  // orders.grouping.*; what only the shop knows is which PrestaShop customer the till books its
  // anonymous sales on (KerAwen's walk-in customer usually has an e-mail, so it is not seen as anonymous).
  kerawenAnonymousCustomerIds: list([],
    'Caisse KerAwen : identifiants PrestaShop (id_customer) du client anonyme de la caisse ; ses ventes KerAwen sont des commandes anonymes (regroupées par jour sur le compte client KerAwen, orders.grouping)',
    "KerAwen till: PrestaShop ids (id_customer) of the till's anonymous customer; its KerAwen sales are anonymous orders (grouped per day on the KerAwen account, orders.grouping)",
    {
      item: z.string().regex(/^[1-9]\d{0,9}$/, { error: 'options.err.psCustomerId' }),
      maxItems: 20,
      extra: { featureIds: ['CMD-14'], expected: msg('options.exp.psCustomerId') },
    }),
}, 'PrestaShop', 'PrestaShop', ['WEB-01']);

export type PrestaShopOptions = z.infer<typeof prestaShopOptions>;
