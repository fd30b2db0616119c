/** Running unattended: access to the service, its token, retention (purge), service install and health. */
import type { MessageTable } from '../message-table.js';

export const opsMessages = {
  'ops.access.foreignHost': {
    fr: "hôte « {host} » refusé : le service ne répond qu'à 127.0.0.1, localhost, [::1] et aux noms donnés par --public-host",
    en: 'host "{host}" refused: the service answers only as 127.0.0.1, localhost, [::1] and the names given with --public-host',
  },
  'ops.access.crossOrigin': {
    fr: "requête d'une autre origine refusée ({origin}) : seules les pages du service peuvent modifier ses données",
    en: 'cross-origin request refused ({origin}): only the service\'s own pages may change its data',
  },
  'ops.access.tokenMissing': {
    fr: "jeton d'accès requis : en-tête Authorization: Bearer <jeton>",
    en: 'access token required: header Authorization: Bearer <token>',
  },
  'ops.access.tokenWrong': { fr: "jeton d'accès incorrect", en: 'wrong access token' },
  'ops.rateLimited': {
    fr: 'trop de requêtes de cette adresse : réessayez dans {seconds} s',
    en: 'too many requests from this address: retry in {seconds} s',
  },
  'ops.bodyTooLarge': {
    fr: 'corps de la requête trop gros : {limit} Kio au plus',
    en: 'request body too large: {limit} KiB at most',
  },
  'ops.invalidField': { fr: 'champ « {field} » invalide : {detail}', en: 'field "{field}" invalid: {detail}' },
  'ops.serve.tokenRequired': {
    fr: "écouter sur {host} (hors boucle locale) exige un jeton d'accès : --token-file FICHIER, PASSERELLE_TOKEN, PASSERELLE_TOKEN_FILE ou « passerelle service token »",
    en: 'listening on {host} (off loopback) needs an access token: --token-file FILE, PASSERELLE_TOKEN, PASSERELLE_TOKEN_FILE or "passerelle service token"',
  },
  'ops.serve.tokenInForce': {
    fr: "Jeton d'accès exigé sur /api et /metrics (source : {origin})",
    en: 'Access token required on /api and /metrics (from: {origin})',
  },
  'ops.token.tooShort': {
    fr: "jeton d'accès de {where} trop court ou avec des espaces : au moins {min} caractères sans espace",
    en: 'access token from {where} too short or with spaces: at least {min} characters, no space',
  },
  'ops.token.fileUnreadable': { fr: 'fichier du jeton illisible : {file} ({detail})', en: 'token file unreadable: {file} ({detail})' },
  'ops.token.generated': {
    fr: "Nouveau jeton d'accès, gardé chiffré dans {file} ; il n'est affiché que cette fois :",
    en: 'New access token, kept encrypted in {file}; it is shown this once only:',
  },
  'ops.token.removed': { fr: "Jeton d'accès enregistré supprimé", en: 'Stored access token removed' },
  'ops.token.none': { fr: "Aucun jeton d'accès enregistré", en: 'No stored access token' },
  'ops.purge.line': {
    fr: '{profile} : {runs} exécution(s) supprimée(s) de l\'historique, {files} fichier(s) journal supprimé(s), {lines} ligne(s) du journal retirée(s) (antérieures au {cutoff}, conservation {days} jours)',
    en: '{profile}: {runs} run(s) removed from the history, {files} journal file(s) deleted, {lines} journal line(s) dropped (before {cutoff}, kept {days} days)',
  },
  'ops.purge.keptForever': {
    fr: '{profile} : conservation sans limite (journal.retentionDays = 0), rien supprimé',
    en: '{profile}: kept forever (journal.retentionDays = 0), nothing removed',
  },
  'ops.purge.currentSkipped': {
    fr: '{profile} : une exécution écrit dans le journal, son fichier courant sera purgé la prochaine fois',
    en: '{profile}: a run is writing to the journal, its current file will be purged next time',
  },
  'ops.purge.failed': { fr: 'Purge de rétention en échec : {detail}', en: 'Retention purge failed: {detail}' },
  'ops.install.platform': {
    fr: 'système « {value} » inconnu : {accepted}',
    en: 'unknown system "{value}": {accepted}',
  },
  'ops.install.tokenRequired': {
    fr: "un service sur {host} (hors boucle locale) exige un jeton d'accès : --token-file FICHIER, ou d'abord « passerelle service token »",
    en: 'a service on {host} (off loopback) needs an access token: --token-file FILE, or "passerelle service token" first',
  },
  'ops.install.unitWritten': { fr: 'Unité systemd écrite : {file}', en: 'systemd unit written: {file}' },
  'ops.install.plistWritten': { fr: 'Agent launchd écrit : {file}', en: 'launchd agent written: {file}' },
  'ops.install.then': { fr: 'Ensuite :', en: 'Then:' },
  'ops.install.linger': {
    fr: 'le service tourne aussi sans session ouverte',
    en: 'the service runs without an open session too',
  },
  'ops.install.windowsNssm': {
    fr: 'Windows, avec NSSM (https://nssm.cc), dans une invite de commandes administrateur :',
    en: 'Windows, with NSSM (https://nssm.cc), in an administrator command prompt:',
  },
  'ops.install.windowsTask': {
    fr: 'Ou sans NSSM, une tâche planifiée au démarrage (pas de redémarrage en cas d\'échec) :',
    en: 'Or without NSSM, a scheduled task at startup (no restart on failure):',
  },
  'ops.health.ok': { fr: 'Service en bonne santé : {url}', en: 'Service healthy: {url}' },
  'ops.health.unreachable': { fr: 'service injoignable à {url} : {detail}', en: 'service unreachable at {url}: {detail}' },
  'ops.health.bad': { fr: 'service en erreur à {url} (HTTP {status}) : {detail}', en: 'service unhealthy at {url} (HTTP {status}): {detail}' },
  'help.ops.tokenFile': { fr: "fichier contenant le jeton d'accès", en: 'file holding the access token' },
  'help.ops.publicHost': {
    fr: 'nom sous lequel le service est aussi appelé (proxy, réseau local ; répétable)',
    en: 'name the service is also reached by (proxy, local network; repeatable)',
  },
  'help.ops.trustProxy': {
    fr: 'adresse d\'un proxy inverse dont X-Forwarded-For désigne le client (répétable)',
    en: 'address of a reverse proxy whose X-Forwarded-For names the client (repeatable)',
  },
  'help.ops.purge': {
    fr: "Supprime l'historique et les lignes du journal plus anciens que journal.retentionDays",
    en: 'Remove run history and journal lines older than journal.retentionDays',
  },
  'help.ops.purgeProfile': { fr: 'ce profil seulement (défaut : tous)', en: 'this profile only (default: all)' },
  'help.ops.service': { fr: 'Faire tourner le service sans surveillance', en: 'Run the service unattended' },
  'help.ops.install': {
    fr: 'Écrit une unité systemd (Linux), un agent launchd (macOS) ou affiche les étapes (Windows)',
    en: 'Write a systemd unit (Linux), a launchd agent (macOS) or print the steps (Windows)',
  },
  'help.ops.installOutput': { fr: 'fichier à écrire', en: 'file to write' },
  'help.ops.installSystem': {
    fr: "unité système (/etc/systemd/system, sous l'utilisateur courant) au lieu d'une unité utilisateur",
    en: 'system unit (/etc/systemd/system, as the current user) instead of a user unit',
  },
  'help.ops.installPlatform': { fr: 'linux, macos ou windows (défaut : ce système)', en: 'linux, macos or windows (default: this system)' },
  'help.ops.token': {
    fr: "Génère le jeton d'accès du service (affiché une seule fois, gardé chiffré)",
    en: "Generate the service's access token (shown once, kept encrypted)",
  },
  'help.ops.tokenRemove': { fr: 'supprime le jeton enregistré', en: 'remove the stored token' },
  'help.ops.health': {
    fr: "Interroge /api/health du service (code de sortie 0 s'il va bien)",
    en: "Query the service's /api/health (exit code 0 when healthy)",
  },
  'help.ops.healthUrl': {
    fr: 'adresse (défaut : http://127.0.0.1:PASSERELLE_PORT/api/health)',
    en: 'address (default: http://127.0.0.1:PASSERELLE_PORT/api/health)',
  },
} as const satisfies MessageTable;
