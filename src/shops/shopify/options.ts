/** Shopify's own options, `shop.shopify.*` in the profile (WEB-03). */
import type { z } from 'zod';
import { secret, section, text } from '../../profile/option-helpers.js';

export const shopifyOptions = section({
  clientId: text('', "Client ID de l'application Shopify", 'Shopify app client id'),
  secret: secret("Client secret de l'application Shopify", 'Shopify app client secret'),
  accessToken: secret("Jeton d'accès Admin API (shpat_…)", 'Admin API access token (shpat_…)'),
}, 'Shopify', 'Shopify', ['WEB-03']);

export type ShopifyOptions = z.infer<typeof shopifyOptions>;
