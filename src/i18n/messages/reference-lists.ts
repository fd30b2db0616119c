/** The mapping grids' reference lists (GET /api/profiles/:name/lists) and the connection diagnosis (POST …/check, PRF-09). */
import type { MessageTable } from '../message-table.js';

export const referenceListMessages = {
  // Document types and states, as the grids offer them.
  'refLists.doc.quote': { fr: 'Devis', en: 'Quote' },
  'refLists.doc.order': { fr: 'Bon de commande', en: 'Order' },
  'refLists.doc.deliveryPrep': { fr: 'Préparation de livraison', en: 'Delivery preparation' },
  'refLists.doc.deliveryNote': { fr: 'Bon de livraison', en: 'Delivery note' },
  'refLists.doc.invoice': { fr: 'Facture', en: 'Invoice' },
  'refLists.doc.paid': { fr: 'Réglé', en: 'Paid' },
  'refLists.priceCategory': { fr: '{name} (prix {base})', en: '{name} ({base} prices)' },
  'refLists.keysRefused': {
    fr: 'La boutique refuse les identifiants du profil ({code}) : vérifiez {field}',
    en: 'The shop refuses the profile\'s credentials ({code}): check {field}',
  },

  // The diagnosis, check by check: what was checked (label), then what was found (message).
  'diagnosis.gescomConnection': { fr: 'Connexion à la gestion commerciale', en: 'GesCom connection' },
  'diagnosis.gescomContent': { fr: 'Contenu de la gestion commerciale', en: 'GesCom content' },
  'diagnosis.code': { fr: '{what} de l\'option {option}', en: '{what} of option {option}' },
  'diagnosis.codeFound': { fr: '{code} existe dans la gestion commerciale', en: '{code} exists in the GesCom' },
  'diagnosis.shopOpen': { fr: 'Réglages de la boutique', en: 'Shop settings' },
  'diagnosis.noShop': { fr: 'Boutique', en: 'Shop' },
  'diagnosis.noShopMessage': { fr: 'Aucune boutique dans ce profil (shop.kind = none)', en: 'No shop in this profile (shop.kind = none)' },
  'diagnosis.shop.url': { fr: 'Adresse de la boutique', en: 'Shop address' },
  'diagnosis.shop.rest': { fr: 'API de la boutique', en: 'Shop API' },
  'diagnosis.shop.auth': { fr: 'Clés d\'accès à la boutique', en: 'Shop access keys' },
  'diagnosis.shop.prices': { fr: 'Prix HT ou TTC', en: 'Prices with or without tax' },
  'diagnosis.shop.media': { fr: 'Envoi des images', en: 'Image upload' },
  'diagnosis.shop.resources': { fr: 'Droits du webservice', en: 'Webservice permissions' },
  'diagnosis.shop.settings': { fr: 'Réglages lus dans la boutique', en: 'Settings read from the shop' },
  'diagnosis.shop.other': { fr: 'Boutique : {name}', en: 'Shop: {name}' },
  'diagnosis.money.currency': { fr: 'Devise', en: 'Currency' },
  'diagnosis.money.priceMode': { fr: 'Prix des lignes des documents', en: 'Document line prices' },
  'diagnosis.money.taxes': { fr: 'Classes de taxe des articles', en: 'Product tax classes' },
  'diagnosis.money.other': { fr: 'Option {field}', en: 'Option {field}' },
} satisfies MessageTable;
