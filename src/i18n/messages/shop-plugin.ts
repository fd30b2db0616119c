/** Shops as plug-ins: opening a profile's shop through its adapter, its own options (src/shops/<kind>/options.ts). */
import type { MessageTable } from '../message-table.js';

export const shopPluginMessages = {
  'shop.optionRequired': { fr: 'option {option} requise pour une boutique {kind}', en: 'option {option} required for a {kind} shop' },
  'shop.flagNotForKind': { fr: "l'option {flag} ne s'applique pas à une boutique {kind} : renseignez shop.{kind}.* avec « profile set »", en: 'option {flag} does not apply to a {kind} shop: set shop.{kind}.* with "profile set"' },
  'shop.flagNeedsKind': { fr: "l'option {flag} demande le type de boutique (--shop)", en: 'option {flag} needs the kind of shop (--shop)' },
  'options.err.psShopId': { fr: 'attendu : un id_shop PrestaShop (nombre entier positif) ou vide', en: 'expected a PrestaShop id_shop (a positive whole number) or empty' },
  'options.exp.psShopId': { fr: 'un id_shop (nombre entier positif) ou vide', en: 'an id_shop (a positive whole number) or empty' },
} as const satisfies MessageTable;
