/** Journal lines, action titles, GesCom check and first CLI messages. */
import type { MessageTable } from '../message-table.js';

export const coreMessages = {
  'journal.success': { fr: 'Réussi', en: 'Succeeded' },
  'journal.failed': { fr: 'Échec : {message}', en: 'Failed: {message}' },
  'journal.error': { fr: 'Erreur : {entity}{field} : {message}', en: 'Error: {entity}{field}: {message}' },
  'journal.warning': { fr: 'Avertissement : {message}', en: 'Warning: {message}' },
  'journal.skipped': { fr: 'Ignoré : {entity} : {reason}', en: 'Skipped: {entity}: {reason}' },
  'journal.reading': { fr: 'Lecture des {what}', en: 'Reading {what}' },
  'journal.progress': { fr: '{index}/{total} - {label}', en: '{index}/{total} - {label}' },
  'journal.summary': {
    fr: 'Résumé {entity} : {created} créé(s), {updated} mis à jour, {unchanged} inchangé(s), {skipped} ignoré(s), {failed} en erreur',
    en: 'Summary {entity}: {created} created, {updated} updated, {unchanged} unchanged, {skipped} skipped, {failed} failed',
  },
  'journal.duration': { fr: 'Fin de {action} en {seconds} s', en: 'End of {action} in {seconds} s' },

  'action.shop.check': { fr: 'la vérification de la connexion à la boutique', en: 'the shop connection check' },
  'action.gescom.check': { fr: 'la vérification de la gestion commerciale', en: 'the GesCom check' },
  'action.products.export': { fr: "l'export des articles", en: 'the product export' },
  'action.products.prices': { fr: "l'export des prix des articles", en: 'the product price export' },
  'action.products.stocks': { fr: "l'export des stocks des articles", en: 'the product stock export' },
  'action.products.status': { fr: 'la mise à jour du statut des articles', en: 'the product status update' },
  'action.categories.export': { fr: "l'export des catégories", en: 'the category export' },
  'action.customers.export': { fr: "l'export des Clients", en: 'the customer export' },
  'action.customers.groups': { fr: "l'export des groupes de clients", en: 'the customer group export' },
  'action.customers.disable': { fr: 'la désactivation des clients', en: 'the customer deactivation' },
  'action.orders.import': { fr: "l'import des commandes", en: 'the order import' },
  'action.orders.repair': { fr: 'la réparation des clés des commandes', en: 'the order key repair' },
  'action.orders.status': { fr: 'la mise à jour des commandes', en: 'the order status update' },
  'action.prospects.import': { fr: "l'import des prospects", en: 'the prospect import' },
  'journal.start': { fr: 'Début de {action}', en: 'Start of {action}' },

  'what.articles': { fr: 'articles', en: 'articles' },
  'what.customers': { fr: 'clients', en: 'customers' },
  'what.customerGroups': { fr: 'groupes de clients', en: 'customer groups' },
  'what.orders': { fr: 'commandes', en: 'orders' },
  'what.referenceData': { fr: 'données de référence', en: 'reference data' },

  'gescom.company': { fr: 'Société : {name} ({currency})', en: 'Company: {name} ({currency})' },
  'gescom.counts': {
    fr: '{articles} articles, {customers} clients, {depots} dépôts, {priceCategories} catégories tarifaires, {vatCodes} codes TVA',
    en: '{articles} articles, {customers} customers, {depots} depots, {priceCategories} price categories, {vatCodes} VAT codes',
  },
  'gescom.missingSpecial': {
    fr: "article spécial « {role} » ({code}) introuvable dans la gestion commerciale : créez-le ou changez l'option {option}",
    en: 'special article "{role}" ({code}) not found in the GesCom: create it or change option {option}',
  },
  'gescom.specialNotSet': { fr: "article spécial « {role} » non renseigné (option {option})", en: 'special article "{role}" not set (option {option})' },
  'gescom.unknownCode': { fr: '{what} « {code} » inconnu(e) dans la gestion commerciale (option {option})', en: '{what} "{code}" unknown in the GesCom (option {option})' },

  'cli.profileCreated': { fr: 'Profil « {name} » créé', en: 'Profile "{name}" created' },
  'cli.profileDeleted': { fr: 'Profil « {name} » supprimé', en: 'Profile "{name}" deleted' },
  'cli.profileSaved': { fr: 'Profil « {name} » enregistré', en: 'Profile "{name}" saved' },
  'cli.confirmDelete': { fr: 'Supprimer le profil « {name} » ? Relancez avec --yes pour confirmer.', en: 'Delete profile "{name}"? Run again with --yes to confirm.' },
  'cli.serviceListening': { fr: 'Passerelle écoute sur {url}', en: 'Passerelle listening on {url}' },
  'cli.webUiAt': { fr: 'Interface web : {url}', en: 'Web UI: {url}' },
  'cli.webUiMissing': { fr: "Interface web non construite (npm run build) : l'API seule répond sur {url}", en: 'Web UI not built (npm run build): only the API answers at {url}' },
  'cli.demoReady': { fr: 'Société exemple prête : {db} (profil « demo »)', en: 'Sample company ready: {db} (profile "demo")' },
} as const satisfies MessageTable;
