/** Outbound HTTP failures as the user reads them (src/http). */
import type { MessageTable } from '../message-table.js';

export const httpMessages = {
  // The shop answered, with a server error: not a connection problem, so never "unreachable".
  'http.serverError': {
    fr: 'la boutique a répondu par une erreur HTTP {status}{code} : {message} ({method} {url})',
    en: 'the shop answered with an error, HTTP {status}{code}: {message} ({method} {url})',
  },
  'http.serverErrorTries': {
    fr: 'la boutique a répondu par une erreur HTTP {status}{code} : {message} ({method} {url}), après {attempts} essais',
    en: 'the shop answered with an error, HTTP {status}{code}: {message} ({method} {url}), after {attempts} tries',
  },
  'http.serverErrorBare': {
    fr: 'la boutique a répondu par une erreur HTTP {status}{code}, sans message ({method} {url})',
    en: 'the shop answered with an error, HTTP {status}{code}, without a message ({method} {url})',
  },
  'http.serverErrorBareTries': {
    fr: 'la boutique a répondu par une erreur HTTP {status}{code}, sans message ({method} {url}), après {attempts} essais',
    en: 'the shop answered with an error, HTTP {status}{code}, without a message ({method} {url}), after {attempts} tries',
  },
} as const satisfies MessageTable;
