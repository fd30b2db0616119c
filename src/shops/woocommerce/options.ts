/** WooCommerce's own options, `shop.woocommerce.*` in the profile (WEB-02). */
import type { z } from 'zod';
import { oneOf, secret, section, text } from '../../profile/option-helpers.js';

export const WOO_GROUPS_PLUGINS = ['none', 'groups', 'wholesalePricesPremium', 'customerSpecificPricing'] as const;

export const wooCommerceOptions = section({
  key: secret('Clé client WooCommerce (ck_…)', 'WooCommerce consumer key (ck_…)'),
  secret: secret('Secret client WooCommerce (cs_…)', 'WooCommerce consumer secret (cs_…)'),
  mediaUser: text('', "WordPress : utilisateur du mot de passe d'application pour envoyer images et documents",
    'WordPress: user of the application password used to upload images and documents', { featureIds: ['WEB-02', 'ART-07'] }),
  mediaPassword: secret("WordPress : mot de passe d'application (Utilisateurs > Profil > Mots de passe d'application)",
    'WordPress: application password (Users > Profile > Application Passwords)', { featureIds: ['WEB-02', 'ART-07'] }),
  groupsPlugin: oneOf(WOO_GROUPS_PLUGINS, 'none',
    'Extension gérant les groupes et prix par groupe/client',
    'Plugin handling customer groups and group/customer prices', { featureIds: ['WEB-02', 'CLI-02'] }),
}, 'WooCommerce', 'WooCommerce', ['WEB-02']);

export type WooOptions = z.infer<typeof wooCommerceOptions>;
