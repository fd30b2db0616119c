/**
 * What the command line says when something is empty or goes wrong around it: empty
 * listings, unreadable databases, a port that cannot be listened on, the options password.
 */
import type { MessageTable } from '../message-table.js';

export const cliFeedbackMessages = {
  'gescom.empty.documents': { fr: 'aucune pièce', en: 'no document' },
  'gescom.empty.articles': { fr: 'aucun article', en: 'no article' },
  'gescom.empty.customers': { fr: 'aucun client', en: 'no customer' },
  'gescom.empty.stock': { fr: 'aucun stock', en: 'no stock' },

  'cli.waitingForProfile': {
    fr: '{reason} : attente de la fin de cette exécution, {seconds} s au plus',
    en: '{reason}: waiting for that run to end, {seconds} s at most',
  },
  'cli.dbOption': { fr: 'fichier SQLite de la GesCom (avant ou après la sous-commande)', en: 'GesCom SQLite file (before or after the subcommand)' },
  'cli.err.gescomDbUnreadable': {
    fr: 'base GesCom illisible ou endommagée : {file} ({detail})',
    en: 'GesCom database unreadable or damaged: {file} ({detail})',
  },
  'cli.err.stateDbUnreadable': {
    fr: "base d'état illisible ou endommagée : {file} ({detail}) ; restaurez une sauvegarde, ou déplacez-la et Passerelle en créera une vide",
    en: 'state database unreadable or damaged: {file} ({detail}); restore a backup, or move it away and Passerelle will create an empty one',
  },
  'cli.err.portInvalid': {
    fr: 'port invalide « {port} » : nombre entier de 0 à 65535 attendu (0 : un port libre) (--port ou PASSERELLE_PORT)',
    en: 'invalid port "{port}": whole number 0 to 65535 expected (0: any free port) (--port or PASSERELLE_PORT)',
  },
  'cli.err.portInUse': {
    fr: 'le port {port} de {host} est déjà utilisé : arrêtez l\'autre service ou choisissez un autre port (--port ou PASSERELLE_PORT)',
    en: 'port {port} on {host} is already in use: stop the other service or pick another port (--port or PASSERELLE_PORT)',
  },
  'cli.err.listenFailed': {
    fr: 'impossible d\'écouter sur {host}:{port} : {detail} (--host, --port)',
    en: 'cannot listen on {host}:{port}: {detail} (--host, --port)',
  },
  'cli.err.optionsPasswordMissing': {
    fr: 'options protégées par mot de passe : donnez --password, PASSERELLE_OPTIONS_PASSWORD ou l\'en-tête X-Options-Password',
    en: 'options are password-protected: pass --password, PASSERELLE_OPTIONS_PASSWORD or the X-Options-Password header',
  },
  'cli.err.optionsPasswordWrong': {
    fr: 'mot de passe des options incorrect (--password, PASSERELLE_OPTIONS_PASSWORD ou l\'en-tête X-Options-Password)',
    en: 'wrong options password (--password, PASSERELLE_OPTIONS_PASSWORD or the X-Options-Password header)',
  },
} as const satisfies MessageTable;
