/** Wix's own options, `shop.wix.*` in the profile (WEB-06). */
import type { z } from 'zod';
import { secret, section, text } from '../../profile/option-helpers.js';

export const wixOptions = section({
  key: secret('Clé API Wix', 'Wix API key'),
  siteId: text('', 'Identifiant du site Wix (en-tête wix-site-id)', 'Wix site id (wix-site-id header)'),
}, 'Wix', 'Wix', ['WEB-06']);

export type WixOptions = z.infer<typeof wixOptions>;
