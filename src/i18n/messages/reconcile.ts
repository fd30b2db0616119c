/** Reconciliation of shop-side drift (issue 7) and the simple -> variation switch. */
import type { MessageTable } from '../message-table.js';

export const reconcileMessages = {
  'reconcile.cliOption': {
    fr: 'compare avec ce que détient la boutique et corrige les écarts',
    en: 'compare with what the shop holds and correct drift',
  },
  'reconcile.start': {
    fr: 'Rapprochement avec la boutique : lecture de ce que la boutique détient',
    en: 'Reconciliation with the shop: reading what the shop holds',
  },
  'reconcile.unsupported': {
    fr: 'Rapprochement ignoré : la boutique {shop} ne permet pas de relire {what} ; envoi habituel des seules modifications',
    en: 'Reconciliation skipped: the {shop} shop cannot read {what} back; only changes are sent, as usual',
  },
  'reconcile.noOrderReader': {
    fr: 'Rapprochement du stock ignoré : la boutique {shop} ne permet pas de lire ses commandes, le stock corrigé pourrait survendre',
    en: 'Stock reconciliation skipped: the {shop} shop cannot read its orders, a corrected stock could oversell',
  },
  'reconcile.pendingOrders': {
    fr: '{orders} commande(s) de la boutique pas encore importée(s) depuis le {since} : {units} unité(s) déduite(s) du stock attendu',
    en: '{orders} shop order(s) not imported yet since {since}: {units} unit(s) taken off the expected stock',
  },
  'reconcile.stock': {
    fr: 'article {code} : stock boutique {shop} ≠ {expected} attendu',
    en: 'article {code}: shop stock {shop} ≠ {expected} expected',
  },
  'reconcile.stockAt': {
    fr: 'article {code} : stock boutique à l’emplacement {location} {shop} ≠ {expected} attendu',
    en: 'article {code}: shop stock at location {location} {shop} ≠ {expected} expected',
  },
  'reconcile.stockAtPending': {
    fr: 'article {code} : {pending} unité(s) en commandes non importées déduites des emplacements dans l’ordre du mappage',
    en: 'article {code}: {pending} unit(s) in orders not imported taken off the locations in the mapping’s order',
  },
  'reconcile.stockPending': {
    fr: 'article {code} : stock boutique {shop} ≠ {expected} attendu ({gescom} en gestion commerciale - {pending} en commandes non importées)',
    en: 'article {code}: shop stock {shop} ≠ {expected} expected ({gescom} in the GesCom - {pending} in orders not imported)',
  },
  'reconcile.price': {
    fr: 'article {code} : prix boutique {shop} ≠ {expected} attendu',
    en: 'article {code}: shop price {shop} ≠ {expected} expected',
  },
  'reconcile.salePrice': {
    fr: 'article {code} : prix promotionnel boutique {shop} ≠ {expected} attendu',
    en: 'article {code}: shop sale price {shop} ≠ {expected} expected',
  },
  'reconcile.status': {
    fr: 'article {code} : statut boutique {shop} ≠ {expected} attendu',
    en: 'article {code}: shop status {shop} ≠ {expected} expected',
  },
  'reconcile.customer': {
    fr: 'client {code} : {field} boutique « {shop} » ≠ « {expected} » attendu',
    en: 'customer {code}: shop {field} "{shop}" ≠ "{expected}" expected',
  },
  'reconcile.customerFieldsUnreadable': {
    fr: 'Rapprochement des clients : {fields} non relisibles dans la boutique {shop}, non comparés',
    en: 'Customer reconciliation: {fields} cannot be read back from the {shop} shop, not compared',
  },
  'reconcile.missingInShop': {
    fr: "absent de la boutique (supprimé à la main ?) : relancez l'export des articles",
    en: 'missing in the shop (deleted by hand?): run the product export again',
  },
  'reconcile.customerMissingInShop': {
    fr: "absent de la boutique (supprimé à la main ?) : relancez l'export des clients",
    en: 'missing in the shop (deleted by hand?): run the customer export again',
  },
  'reconcile.summary': {
    fr: 'Rapprochement : {checked} comparé(s) avec la boutique, {drifted} écart(s) corrigé(s)',
    en: 'Reconciliation: {checked} compared with the shop, {drifted} drift(s) corrected',
  },
  'reconcile.retired': {
    fr: 'produit simple {id} ({sku}) retiré au profit de la variation de {parent} : passé en brouillon, référence libérée (gardée dans _gescom_retired_sku)',
    en: 'simple product {id} ({sku}) retired for the variation of {parent}: set to draft, SKU freed (kept in _gescom_retired_sku)',
  },
  'reconcile.retireUnsupported': {
    fr: 'la référence {sku} est tenue par le produit simple {id} et la boutique {shop} ne sait pas le retirer : supprimez-le ou changez sa référence',
    en: 'SKU {sku} is held by simple product {id} and the {shop} shop cannot retire it: delete it or change its SKU',
  },
  'reconcile.what.stock': { fr: 'le stock', en: 'stock' },
  'reconcile.what.price': { fr: 'les prix', en: 'prices' },
  'reconcile.what.status': { fr: 'le statut', en: 'status' },
  'reconcile.what.customers': { fr: 'les clients', en: 'customers' },
  'reconcile.field.email': { fr: 'e-mail', en: 'e-mail' },
  'reconcile.field.firstName': { fr: 'prénom', en: 'first name' },
  'reconcile.field.lastName': { fr: 'nom', en: 'last name' },
  'reconcile.field.billing': { fr: 'adresse de facturation', en: 'billing address' },
  'reconcile.field.shipping': { fr: 'adresse de livraison', en: 'shipping address' },
  'reconcile.value.active': { fr: 'publié', en: 'published' },
  'reconcile.value.inactive': { fr: 'masqué', en: 'hidden' },
  'reconcile.value.outOfStock': { fr: 'en rupture', en: 'out of stock' },
  'reconcile.value.notManaged': { fr: 'non géré', en: 'not managed' },
} as const satisfies MessageTable;
