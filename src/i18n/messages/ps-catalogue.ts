/** PrestaShop adapter, catalogue side and webservice client: checks, refusals, skipped features. */
import type { MessageTable } from '../message-table.js';

export const psCatalogueMessages = {
  'ps.ws.unexpectedAnswer': { fr: 'réponse inattendue du webservice PrestaShop pour la ressource {resource}', en: 'unexpected PrestaShop webservice answer for the resource {resource}' },
} satisfies MessageTable;
