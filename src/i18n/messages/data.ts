/** The data folder (access, space) and GesCom database files. */
import type { MessageTable } from '../message-table.js';

const ELSEWHERE_FR = 'ou choisissez un autre dossier (--data-dir ou PASSERELLE_DATA_DIR)';
const ELSEWHERE_EN = 'or choose another folder (--data-dir or PASSERELLE_DATA_DIR)';

export const dataMessages = {
  'data.denied': {
    fr: `Accès refusé au dossier de données {folder} ({code}) : donnez à l'utilisateur qui lance Passerelle le droit d'y lire et d'y écrire, ${ELSEWHERE_FR}`,
    en: `Access denied to the data folder {folder} ({code}): give the user running Passerelle read and write access to it, ${ELSEWHERE_EN}`,
  },
  'data.readOnly': {
    fr: `Le dossier de données {folder} est en lecture seule ({code}) : rendez-le accessible en écriture, ${ELSEWHERE_FR}`,
    en: `The data folder {folder} is read-only ({code}): make it writable, ${ELSEWHERE_EN}`,
  },
  'data.full': {
    fr: `Plus de place sur le disque du dossier de données {folder} ({code}) : libérez de l'espace, ${ELSEWHERE_FR}`,
    en: `No space left on the disk of the data folder {folder} ({code}): free some space, ${ELSEWHERE_EN}`,
  },
  'data.gescomMissing': {
    fr: "La base GesCom {file} n'existe pas : vérifiez le chemin donné par {option}",
    en: 'The GesCom database {file} does not exist: check the path given by {option}',
  },
} as const satisfies MessageTable;
