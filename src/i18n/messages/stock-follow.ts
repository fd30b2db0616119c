/** Stock following sales across the shops of one GesCom (issue 9): follow-up stock runs and the service's stock watch. */
import type { MessageTable } from '../message-table.js';

export const stockFollowMessages = {
  'stockFollow.codesParam': {
    fr: 'le paramètre codes attend une liste de codes articles (tableau ou codes séparés par des virgules), reçu {value}',
    en: 'the codes param expects a list of article codes (an array or comma-separated codes), got {value}',
  },
  'stockFollow.cliCodes': {
    fr: "seulement ces articles (codes séparés par des virgules) ; la date du dernier transfert du stock n'avance pas",
    en: 'only these articles (comma-separated codes); the date of the last stock transfer does not move',
  },
  'stockFollow.onlyCodes': {
    fr: 'Seulement ces articles : {count} ({codes})',
    en: 'Only these articles: {count} ({codes})',
  },
  'stockFollow.start': {
    fr: 'Le stock de {count} article(s) a changé dans la gestion commerciale ({codes}) : mise à jour du stock du profil {profile}',
    en: 'The GesCom stock of {count} article(s) changed ({codes}): updating the stock of profile {profile}',
  },
  'stockFollow.busy': {
    fr: 'Profil {profile} occupé par un autre traitement : son stock sera mis à jour par sa prochaine exécution planifiée',
    en: 'Profile {profile} is busy with another run: its stock will be updated by its next scheduled run',
  },
  'stockFollow.failed': {
    fr: 'Mise à jour du stock du profil {profile} impossible : {message}',
    en: 'Could not update the stock of profile {profile}: {message}',
  },
  'stockFollow.watchFailed': {
    fr: 'Surveillance du stock de la gestion commerciale {gescom} impossible : {message}',
    en: 'Could not watch the stock of the GesCom {gescom}: {message}',
  },
} as const satisfies MessageTable;
