/** PrestaShop adapter: orders read through the webservice and the way back. */
import type { MessageTable } from '../message-table.js';

export const prestashopOrderMessages = {
  'ps.giftWrapping': { fr: 'Emballage cadeau', en: 'Gift wrapping' },
  'ps.orderWithoutDetails': {
    fr: 'commande sans ligne (order_details vide)',
    en: 'order without lines (empty order_details)',
  },
  'ps.unknownOrderState': {
    fr: 'statut « {status} » inconnu de la boutique (ni identifiant ni nom d’un order_states)',
    en: 'status "{status}" unknown to the shop (neither the id nor the name of an order_states)',
  },
  'ps.orderNotFound': { fr: 'commande {id} introuvable dans la boutique', en: 'order {id} not found in the shop' },
  'ps.documentMessage': { fr: 'Document de gestion commerciale : {number}', en: 'GesCom document: {number}' },
  'ps.carrierNoTrackingUrl': {
    fr: 'le transporteur PrestaShop « {carrier} » n’a pas d’URL de suivi : le client reçoit le numéro sans lien (le lien du profil va dans le message privé) ; renseignez-la dans Livraison > Transporteurs, « @ » à la place du numéro',
    en: 'PrestaShop carrier "{carrier}" has no tracking URL: the customer gets the number without a link (the profile’s link goes to the private message); set it in Shipping > Carriers, "@" where the number goes',
  },
  'ps.noOrderCarrier': {
    fr: 'numéro de suivi non transmis : la commande n’a pas de transporteur (order_carriers)',
    en: 'tracking number not sent: the order has no carrier (order_carriers)',
  },
  'ps.messageNotStored': {
    fr: 'numéro de document non enregistré sur la commande {id} : {reason}',
    en: 'document number not stored on order {id}: {reason}',
  },
  'ps.statusLeftAlone': {
    fr: 'commande annulée ou remboursée dans la boutique (« {status} ») : statut laissé tel quel',
    en: 'order cancelled or refunded in the shop ("{status}"): status left alone',
  },
  'ps.resourceUnreadable': {
    fr: 'ressource {resource} illisible avec cette clé webservice ({reason}) : ignorée pour cette exécution',
    en: 'resource {resource} cannot be read with this webservice key ({reason}): left out for this run',
  },
  'ps.orderUnreadable': {
    fr: 'commande {id} illisible, non importée : {reason}',
    en: 'order {id} unreadable, not imported: {reason}',
  },
  'options.err.psCustomerId': {
    fr: 'attendu : un identifiant de client PrestaShop (id_customer, nombre entier positif)',
    en: 'expected a PrestaShop customer id (id_customer, a positive whole number)',
  },
  'options.exp.psCustomerId': {
    fr: 'des identifiants de clients PrestaShop (nombres entiers positifs)',
    en: 'PrestaShop customer ids (positive whole numbers)',
  },
  'ps.shopTimezone': {
    fr: 'fuseau horaire de la boutique (PS_TIMEZONE) : {timezone}, utilisé pour lire les dates de la boutique',
    en: "shop's time zone (PS_TIMEZONE): {timezone}, used to read the shop's dates",
  },
  'ps.shopTimezoneUnknown': {
    fr: 'fuseau horaire de la boutique (PS_TIMEZONE) illisible ({reason}) : celui du profil ({timezone}) est utilisé',
    en: "shop's time zone (PS_TIMEZONE) unreadable ({reason}): the profile's ({timezone}) is used",
  },
} as const satisfies MessageTable;
