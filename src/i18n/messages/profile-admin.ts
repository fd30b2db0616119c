/** Managing profiles from the service (web UI): set-up on a GesCom file, backups sent and received. */
import type { MessageTable } from '../message-table.js';

export const profileAdminMessages = {
  'profileAdmin.gescomFileMissing': {
    fr: "La base GesCom {file} n'existe pas : donnez le chemin complet d'un fichier de gestion commerciale existant",
    en: 'The GesCom database {file} does not exist: give the full path of an existing GesCom file',
  },
  'profileAdmin.gescomNotAFile': {
    fr: "{file} est un dossier : donnez le chemin du fichier de la base GesCom (.db)",
    en: '{file} is a folder: give the path of the GesCom database file (.db)',
  },
  'profileAdmin.notAGescomDb': {
    fr: "{file} n'est pas une base de gestion commerciale Passerelle ({reason})",
    en: '{file} is not a Passerelle GesCom database ({reason})',
  },
  'profileAdmin.notSqlite': {
    fr: "ce n'est pas un fichier SQLite",
    en: 'not an SQLite file',
  },
  'profileAdmin.unreadableSqlite': {
    fr: 'fichier illisible, code {code}',
    en: 'unreadable file, code {code}',
  },
  'profileAdmin.otherSqlite': {
    fr: "fichier SQLite d'une autre application",
    en: "another application's SQLite file",
  },
} as const satisfies MessageTable;
