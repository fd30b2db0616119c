/** Order webhooks: the inbox, the subscriptions (`passerelle webhooks …`), their check by the service, `orders import --ids`. */
import type { MessageTable } from '../message-table.js';

export const webhookMessages = {
  'orders.idsInvalid': {
    fr: 'liste de numéros de commande attendue (ex. 12,13)',
    en: 'a list of order ids expected (e.g. 12,13)',
  },
  'orders.listed': { fr: 'Commandes {ids}', en: 'Orders {ids}' },
  'orders.listedNotInShop': { fr: 'absente de la boutique', en: 'not in the shop' },
  'orders.listedGrouped': {
    fr: 'regroupée avec les commandes de son jour (orders.grouping.mode) : importée par le prochain import planifié',
    en: "grouped with its day's orders (orders.grouping.mode): imported by the next scheduled import",
  },
  'webhooks.polling.noShop': {
    fr: 'profil {profile} : aucune boutique, pas de webhooks',
    en: 'profile {profile}: no shop, no webhooks',
  },
  'webhooks.polling.notSupported': {
    fr: "profil {profile} : la boutique {kind} n'a pas de webhooks ; ses commandes arrivent par l'import planifié seulement",
    en: 'profile {profile}: {kind} shops have no webhooks; their orders come by the scheduled import only',
  },
  'webhooks.polling.notEnabled': {
    fr: "profil {profile} : webhooks non activés (passerelle webhooks register) ; import planifié seulement",
    en: 'profile {profile}: webhooks not enabled (passerelle webhooks register); scheduled import only',
  },
  'webhooks.polling.noPublicUrl': {
    fr: "profil {profile} : pas d'adresse publique (webhooks.publicUrl) ; la boutique ne peut pas joindre le service, import planifié seulement",
    en: 'profile {profile}: no public address (webhooks.publicUrl); the shop cannot reach the service, scheduled import only',
  },
  'webhooks.polling.noSecret': {
    fr: 'profil {profile} : pas de secret de webhook (passerelle webhooks register) ; import planifié seulement',
    en: 'profile {profile}: no webhook secret (passerelle webhooks register); scheduled import only',
  },
  'webhooks.active': {
    fr: 'profil {profile} : commandes reçues par webhook sur {url} (import planifié en filet de sécurité)',
    en: 'profile {profile}: orders received by webhook at {url} (scheduled import as the safety net)',
  },
  'webhooks.urlRequired': {
    fr: "adresse publique du service requise : --url https://… (ou l'option webhooks.publicUrl du profil {profile})",
    en: "the service's public address is required: --url https://… (or the option webhooks.publicUrl of profile {profile})",
  },
  'webhooks.inbox.unknown': {
    fr: 'aucun profil {profile} recevant les webhooks {kind}',
    en: 'no profile {profile} receiving {kind} webhooks',
  },
  'webhooks.inbox.badSignature': {
    fr: 'webhook {kind} refusé : signature absente ou fausse (de {from}, livraison {delivery})',
    en: '{kind} webhook refused: signature missing or wrong (from {from}, delivery {delivery})',
  },
  'webhooks.inbox.badSignatureAnswer': { fr: 'signature absente ou fausse', en: 'signature missing or wrong' },
  'webhooks.inbox.unreadable': {
    fr: 'livraison {kind} illisible',
    en: 'unreadable {kind} delivery',
  },
  'webhooks.inbox.leftToSchedule': {
    fr: "commandes {orders} reçues par webhook laissées à l'import planifié : {reason}",
    en: 'orders {orders} received by webhook left to the scheduled import: {reason}',
  },
  'webhooks.check.reregistered': {
    fr: 'webhook {topic} désactivé par la boutique : enregistré à nouveau ({url})',
    en: 'webhook {topic} disabled by the shop: registered again ({url})',
  },
  'webhooks.check.registered': {
    fr: 'webhook {topic} absent de la boutique : enregistré à nouveau ({url})',
    en: 'webhook {topic} missing from the shop: registered again ({url})',
  },
  'webhooks.check.paused': {
    fr: "webhook {topic} mis en pause dans la boutique : laissé en pause, les commandes arrivent par l'import planifié",
    en: 'webhook {topic} paused in the shop: left paused, orders come by the scheduled import',
  },
  'webhooks.check.failed': {
    fr: 'vérification des webhooks impossible : {reason}',
    en: 'webhooks could not be checked: {reason}',
  },
  'webhooks.cli.registered': {
    fr: 'webhook {topic} créé (n° {id}) vers {url}',
    en: 'webhook {topic} created (id {id}) delivering to {url}',
  },
  'webhooks.cli.replaced': {
    fr: '{n} webhook(s) précédent(s) de Passerelle supprimé(s)',
    en: '{n} earlier Passerelle webhook(s) deleted',
  },
  'webhooks.cli.removed': {
    fr: 'webhook {topic} supprimé (n° {id})',
    en: 'webhook {topic} deleted (id {id})',
  },
  'webhooks.cli.noneRemoved': {
    fr: 'aucun webhook de Passerelle dans la boutique ; webhooks désactivés pour le profil {profile}',
    en: 'no Passerelle webhook in the shop; webhooks turned off for profile {profile}',
  },
  'webhooks.cli.none': { fr: 'aucun webhook dans la boutique', en: 'no webhook in the shop' },
  'webhooks.cli.col.id': { fr: 'n°', en: 'id' },
  'webhooks.cli.col.topic': { fr: 'sujet', en: 'topic' },
  'webhooks.cli.col.status': { fr: 'état', en: 'status' },
  'webhooks.cli.col.url': { fr: 'adresse de livraison', en: 'delivery URL' },
  'webhooks.cli.col.ours': { fr: 'Passerelle', en: 'Passerelle' },
  'webhooks.cli.yes': { fr: 'oui', en: 'yes' },
  'webhooks.cli.no': { fr: 'non', en: 'no' },
  'help.webhooks': {
    fr: 'Webhooks des commandes (la boutique prévient le service ; import planifié en filet de sécurité)',
    en: 'Order webhooks (the shop tells the service; the scheduled import as the safety net)',
  },
  'help.webhooksRegister': {
    fr: 'Créer les webhooks de commande (créée, modifiée) de la boutique vers le service, avec un nouveau secret',
    en: "Create the shop's order webhooks (created, updated) to the service, with a new secret",
  },
  'help.webhooksList': { fr: 'Lister les webhooks de la boutique et leur état', en: "List the shop's webhooks and their status" },
  'help.webhooksRemove': {
    fr: 'Supprimer les webhooks de Passerelle de la boutique (import planifié seulement)',
    en: "Delete Passerelle's webhooks from the shop (scheduled import only)",
  },
  'help.webhooksPublicUrl': {
    fr: 'Adresse publique du service, jointe par la boutique (https://…)',
    en: 'Public address of the service, reached by the shop (https://…)',
  },
  'help.webhooksJson': { fr: 'affiche le résultat en JSON', en: 'print the result as JSON' },
  'help.orderIds': { fr: 'Importer seulement ces commandes (ex. 12,13)', en: 'Import only these orders (e.g. 12,13)' },
} as const satisfies MessageTable;
