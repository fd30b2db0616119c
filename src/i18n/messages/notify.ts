/** E-mail (PRF-07): SMTP errors, `passerelle mail test`, run notifications, daily digests and alerts. */
import type { MessageTable } from '../message-table.js';

export const notifyMessages = {
  // Options.
  'notify.err.digestAt': { fr: 'attendu : une heure HH:MM, ex. 18:00', en: 'expected a time HH:MM, e.g. 18:00' },
  'notify.exp.digestAt': { fr: 'une heure HH:MM (00:00 à 23:59)', en: 'a time HH:MM (00:00 to 23:59)' },

  // SMTP errors: each names the profile and the option to fix; the server's answer quoted, never the password.
  'notify.err.noHost': {
    fr: "Profil « {profile} » : aucun serveur SMTP (smtp.host) ; renseignez-le avec passerelle profile set {profile} smtp.host …",
    en: 'Profile "{profile}": no SMTP server (smtp.host); set it with passerelle profile set {profile} smtp.host …',
  },
  'notify.err.noSender': {
    fr: "Profil « {profile} » : aucune adresse d'expéditeur (smtp.from)",
    en: 'Profile "{profile}": no sender address (smtp.from)',
  },
  'notify.err.noRecipients': {
    fr: 'Profil « {profile} » : aucun destinataire ({field})',
    en: 'Profile "{profile}": no recipient ({field})',
  },
  'notify.err.badRecipient': {
    fr: 'Adresse e-mail invalide : « {address} »',
    en: 'Invalid e-mail address: "{address}"',
  },
  'notify.err.refused': {
    fr: 'Profil « {profile} » : connexion refusée par {host}:{port} (smtp.host, smtp.port) ; le serveur SMTP est-il démarré et le port est-il le bon ?',
    en: 'Profile "{profile}": connection refused by {host}:{port} (smtp.host, smtp.port); is the SMTP server running and is the port right?',
  },
  'notify.err.hostNotFound': {
    fr: 'Profil « {profile} » : serveur SMTP introuvable « {host} » (smtp.host)',
    en: 'Profile "{profile}": SMTP server "{host}" not found (smtp.host)',
  },
  'notify.err.timeout': {
    fr: 'Profil « {profile} » : pas de réponse de {host}:{port} dans le délai (smtp.host, smtp.port, smtp.ssl)',
    en: 'Profile "{profile}": no answer from {host}:{port} in time (smtp.host, smtp.port, smtp.ssl)',
  },
  'notify.err.tls': {
    fr: 'Profil « {profile} » : échec du chiffrement avec {host}:{port} ({detail}) ; vérifiez smtp.ssl (port 465), smtp.tls (port 587), ou smtp.allowSelfSigned pour un certificat auto-signé',
    en: 'Profile "{profile}": encryption with {host}:{port} failed ({detail}); check smtp.ssl (port 465), smtp.tls (port 587), or smtp.allowSelfSigned for a self-signed certificate',
  },
  'notify.err.notTls': {
    fr: 'Profil « {profile} » : {host}:{port} ne chiffre pas dès la connexion (smtp.ssl) ; sur le port 587, désactivez smtp.ssl et gardez smtp.tls (STARTTLS)',
    en: 'Profile "{profile}": {host}:{port} does not encrypt from the first byte (smtp.ssl); on port 587, turn smtp.ssl off and keep smtp.tls (STARTTLS)',
  },
  'notify.err.noStartTls': {
    fr: "Profil « {profile} » : {host}:{port} ne propose pas STARTTLS alors que smtp.tls le demande ; désactivez smtp.tls ou utilisez smtp.ssl (port 465)",
    en: 'Profile "{profile}": {host}:{port} does not offer STARTTLS although smtp.tls asks for it; turn smtp.tls off or use smtp.ssl (port 465)',
  },
  'notify.err.auth': {
    fr: "Profil « {profile} » : authentification refusée pour l'utilisateur « {user} » (smtp.user, smtp.password) ; réponse du serveur : {response}",
    en: 'Profile "{profile}": authentication refused for user "{user}" (smtp.user, smtp.password); server answer: {response}',
  },
  'notify.err.authRequired': {
    fr: "Profil « {profile} » : le serveur SMTP demande une authentification (smtp.user, smtp.password) ; réponse du serveur : {response}",
    en: 'Profile "{profile}": the SMTP server requires authentication (smtp.user, smtp.password); server answer: {response}',
  },
  'notify.err.envelope': {
    fr: "Profil « {profile} » : expéditeur ou destinataires refusés par le serveur (smtp.from, destinataires) ; réponse du serveur : {response}",
    en: 'Profile "{profile}": sender or recipients refused by the server (smtp.from, recipients); server answer: {response}',
  },
  'notify.err.send': {
    fr: "Profil « {profile} » : échec de l'envoi par {host}:{port} : {detail}",
    en: 'Profile "{profile}": sending through {host}:{port} failed: {detail}',
  },

  // `passerelle mail test` and its API route.
  'notify.test.subject': { fr: 'Passerelle – {profile} : e-mail de test', en: 'Passerelle – {profile}: test e-mail' },
  'notify.test.body': {
    fr: "Bonjour,\n\nCet e-mail de test confirme que le profil « {profile} » envoie bien ses e-mails par {host}:{port}.\nLes notifications des traitements partiront de la même façon.\n\nPasserelle",
    en: 'Hello,\n\nThis test e-mail confirms that profile "{profile}" sends its e-mails through {host}:{port}.\nRun notifications will go out the same way.\n\nPasserelle',
  },
  'notify.test.sent': { fr: 'E-mail de test envoyé par {host}:{port} à {to}', en: 'Test e-mail sent through {host}:{port} to {to}' },
  'notify.test.response': { fr: 'Réponse du serveur : {response}', en: 'Server answer: {response}' },
  'notify.test.accepted': { fr: 'Acceptés : {list}', en: 'Accepted: {list}' },
  'notify.test.rejected': { fr: 'Refusés : {list}', en: 'Rejected: {list}' },
  'notify.none': { fr: '(aucun)', en: '(none)' },

  // A run's notification.
  'notify.run.subject': {
    fr: 'Passerelle – {profile} : {action} – exécution {status}',
    en: 'Passerelle – {profile}: {action} – {status}',
  },
  'notify.run.intro': {
    fr: 'Bonjour,\n\nVoici le résultat de {action} pour le profil « {profile} ».',
    en: 'Hello,\n\nHere is the result of {action} for profile "{profile}".',
  },
  'notify.field.run': { fr: 'Exécution : n° {id}', en: 'Run: #{id}' },
  'notify.field.status': { fr: 'Statut : {status}', en: 'Status: {status}' },
  'notify.field.statusWhy': { fr: 'Statut : {status} ({message})', en: 'Status: {status} ({message})' },
  'notify.field.started': { fr: 'Début : {at}', en: 'Started: {at}' },
  'notify.field.ended': { fr: 'Fin : {at}', en: 'Ended: {at}' },
  'notify.field.duration': { fr: 'Durée : {seconds} s', en: 'Duration: {seconds} s' },
  'notify.field.trigger': { fr: 'Lancée par : {trigger}', en: 'Started by: {trigger}' },
  'notify.field.requests': {
    fr: 'Requêtes à la boutique : {requests}, dont {writes} en écriture',
    en: 'Requests to the shop: {requests}, {writes} of them writes',
  },
  'notify.trigger.cli': { fr: 'ligne de commande', en: 'command line' },
  'notify.trigger.api': { fr: 'service (API)', en: 'service (API)' },
  'notify.trigger.schedule': { fr: 'tâche planifiée', en: 'scheduled task' },
  'notify.trigger.webhook': { fr: 'webhook de la boutique', en: 'shop webhook' },
  'notify.trigger.stock-follow': { fr: 'stock modifié par un autre profil', en: 'stock changed by another profile' },
  'notify.counts.title': { fr: 'Résumé :', en: 'Summary:' },
  'notify.counts.line': {
    fr: '{entity} : {created} créé(s), {updated} modifié(s), {unchanged} inchangé(s), {skipped} ignoré(s), {failed} en erreur',
    en: '{entity}: {created} created, {updated} updated, {unchanged} unchanged, {skipped} skipped, {failed} failed',
  },
  'notify.counts.none': { fr: 'Aucun élément traité.', en: 'No item handled.' },
  'notify.errors.title': { fr: 'Erreurs ({count}) :', en: 'Errors ({count}):' },
  'notify.errors.more': {
    fr: '… et {count} autre(s), voir le journal',
    en: '… and {count} more, see the journal',
  },
  'notify.journal.attached': { fr: 'Le journal de l\'exécution est joint : {file}', en: 'The run journal is attached: {file}' },
  'notify.journal.where': { fr: 'Journal complet : passerelle journal --profile {profile}', en: 'Full journal: passerelle journal --profile {profile}' },
  'notify.signature': {
    fr: '--\nPasserelle. Ces e-mails se règlent dans la section notification du profil.',
    en: '--\nPasserelle. These e-mails are set in the profile\'s notification section.',
  },

  // Daily digest.
  'notify.digest.subject': {
    fr: 'Passerelle – {profile} : récapitulatif du {day}, {count} exécution(s), {problems} avec erreur',
    en: 'Passerelle – {profile}: digest of {day}, {count} run(s), {problems} with errors',
  },
  'notify.digest.intro': {
    fr: 'Bonjour,\n\nVoici les exécutions du profil « {profile} » depuis le dernier récapitulatif.',
    en: 'Hello,\n\nHere are the runs of profile "{profile}" since the last digest.',
  },
  'notify.digest.none': {
    fr: "Aucune exécution depuis le dernier récapitulatif. Si des tâches sont planifiées, vérifiez que le service tourne (passerelle serve).",
    en: 'No run since the last digest. If tasks are scheduled, check that the service is running (passerelle serve).',
  },
  'notify.digest.run': {
    fr: 'n° {id} {started} {action} : {status} ({seconds} s)',
    en: '#{id} {started} {action}: {status} ({seconds} s)',
  },
  'notify.digest.forgotten': {
    fr: 'n° {id} : exécution absente de l\'historique (purgée)',
    en: '#{id}: run no longer in the history (purged)',
  },

  // Alerts (src/app/alerts.ts).
  'notify.alert.subject': { fr: 'Passerelle – {profile} : alerte', en: 'Passerelle – {profile}: alert' },
  'notify.alert.body': {
    fr: 'Bonjour,\n\nLe service Passerelle signale pour le profil « {profile} », le {at} :\n\n{text}\n\n(code : {code})',
    en: 'Hello,\n\nThe Passerelle service reports for profile "{profile}", on {at}:\n\n{text}\n\n(code: {code})',
  },

  // A notification that could not be sent: a warning, the run's status unchanged.
  'notify.warn.notSent': {
    fr: 'E-mail de notification non envoyé : {message}',
    en: 'Notification e-mail not sent: {message}',
  },

  // CLI help.
  'help.mail': { fr: 'E-mails : test du serveur SMTP du profil', en: "E-mails: test the profile's SMTP server" },
  'help.mailTest': {
    fr: "Envoyer un e-mail de test (aux destinataires smtp.testRecipients ou --to) et afficher la réponse du serveur",
    en: 'Send a test e-mail (to smtp.testRecipients or --to) and print the server\'s answer',
  },
  'help.mailTo': {
    fr: 'Destinataires, séparés par des virgules ou des points-virgules (remplace smtp.testRecipients)',
    en: 'Recipients, separated by commas or semicolons (instead of smtp.testRecipients)',
  },
} as const satisfies MessageTable;
