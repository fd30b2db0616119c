/** Run outcome, interruption, run cost and the journal's summary lines (entity names, quiet tallies, periods). */
import type { MessageTable } from '../message-table.js';

export const runMessages = {
  'run.status.running': { fr: 'en cours', en: 'running' },
  'run.status.succeeded': { fr: 'réussie', en: 'succeeded' },
  'run.status.partial': { fr: 'partielle', en: 'partial' },
  'run.status.failed': { fr: 'en échec', en: 'failed' },
  'run.status.interrupted': { fr: 'interrompue', en: 'interrupted' },
  'run.partial': { fr: '{failed} en erreur, {done} sans erreur', en: '{failed} failed, {done} without error' },
  'run.allFailed': { fr: 'tous les éléments traités sont en erreur ({failed})', en: 'every item handled failed ({failed})' },
  'run.processEnded': { fr: "le processus s'est arrêté avant la fin de l'exécution", en: 'the process ended before the run finished' },
  'run.checksFailed': { fr: '{failed} vérification(s) en échec', en: '{failed} check(s) failed' },
  'run.interrupted.SIGINT': { fr: "Exécution interrompue par l'utilisateur (Ctrl-C, SIGINT)", en: 'Run interrupted by the user (Ctrl-C, SIGINT)' },
  'run.interrupted.SIGTERM': { fr: 'Exécution interrompue : arrêt demandé (SIGTERM)', en: 'Run interrupted: stop requested (SIGTERM)' },
  'run.interrupted.cancel': { fr: 'Exécution annulée depuis le service', en: 'Run cancelled from the service' },
  'run.historyLine': {
    fr: '#{id} {started} {profile} {action} {status}{message} {seconds} s, {requests} requête(s) dont {writes} en écriture {counts}',
    en: '#{id} {started} {profile} {action} {status}{message} {seconds} s, {requests} request(s), {writes} of them writes {counts}',
  },

  'journal.outcome.partial': { fr: 'Exécution partielle : {message}', en: 'Partial run: {message}' },
  'journal.outcome.failed': { fr: 'Exécution en échec : {message}', en: 'Failed run: {message}' },
  'journal.durationCost': {
    fr: 'Fin de {action} en {seconds} s : {requests} requête(s) à la boutique, dont {writes} en écriture',
    en: 'End of {action} in {seconds} s: {requests} request(s) to the shop, {writes} of them writes',
  },
  'journal.quiet.unchanged': { fr: 'Inchangés ({entity}) : {count}, non envoyés ({codes})', en: 'Unchanged ({entity}): {count}, not sent ({codes})' },
  'journal.quiet.skipped': { fr: 'Absents de la boutique ({entity}) : {count}, ignorés ({codes})', en: 'Not in the shop ({entity}): {count}, skipped ({codes})' },
  'journal.changedSince': { fr: '{count} article(s) modifié(s) depuis le {date}', en: '{count} article(s) changed since {date}' },
  'journal.ordersPeriod': { fr: 'Import des commandes du {from} au {to}', en: 'Import of the orders from {from} to {to}' },

  // Entity names in summaries ("Résumé articles"); an entity without a name here is shown as counted.
  'journal.entity.products': { fr: 'articles', en: 'products' },
  'journal.entity.variations': { fr: 'variations', en: 'variations' },
  'journal.entity.categories': { fr: 'catégories', en: 'categories' },
  'journal.entity.stock': { fr: 'stocks', en: 'stock' },
  'journal.entity.prices': { fr: 'prix', en: 'prices' },
  'journal.entity.status': { fr: 'statuts', en: 'status' },
  'journal.entity.orders': { fr: 'commandes', en: 'orders' },
  'journal.entity.customers': { fr: 'clients', en: 'customers' },
  'journal.entity.contacts': { fr: 'contacts', en: 'contacts' },
  'journal.entity.groups': { fr: 'groupes de clients', en: 'customer groups' },
  'journal.entity.prospects': { fr: 'prospects', en: 'prospects' },
  'journal.entity.connection': { fr: 'connexion', en: 'connection' },
  'journal.entity.settings': { fr: 'réglages', en: 'settings' },
} as const satisfies MessageTable;
