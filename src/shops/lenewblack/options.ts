/** Le New Black's own options, `shop.lenewblack.*` in the profile (WEB-08). */
import type { z } from 'zod';
import { secret, section, text } from '../../profile/option-helpers.js';

export const leNewBlackOptions = section({
  clientId: text('', "Client ID de l'API Le New Black", 'Le New Black API client id'),
  secret: secret("Client secret de l'API Le New Black", 'Le New Black API client secret'),
}, 'Le New Black', 'Le New Black', ['WEB-08']);

export type LeNewBlackOptions = z.infer<typeof leNewBlackOptions>;
