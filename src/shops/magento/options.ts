/** Magento's own options, `shop.magento.*` in the profile (WEB-05). */
import type { z } from 'zod';
import { secret, section, text } from '../../profile/option-helpers.js';

export const magentoOptions = section({
  key: secret("Clé consommateur de l'intégration Magento", 'Magento integration consumer key'),
  secret: secret("Secret consommateur de l'intégration Magento", 'Magento integration consumer secret'),
  accessToken: secret("Jeton d'accès de l'intégration Magento", 'Magento integration access token'),
  tokenSecret: secret("Secret du jeton d'accès Magento (OAuth 1.0a)", 'Magento access token secret (OAuth 1.0a)'),
  storeCode: text('', 'Code de la vue magasin à alimenter ; vide = par défaut', 'Store view code written to; empty = default'),
}, 'Magento', 'Magento', ['WEB-05']);

export type MagentoOptions = z.infer<typeof magentoOptions>;
