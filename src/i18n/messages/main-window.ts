/** The web UI's main window routes (src/service/routes/main-window.ts). */
import type { MessageTable } from '../message-table.js';

export const mainWindowMessages = {
  'mainWindow.xmlEmpty': { fr: 'Le fichier XML « {file} » est vide.', en: 'The XML file "{file}" is empty.' },
  'mainWindow.xmlName': {
    fr: 'Nom de fichier XML invalide « {file} » : attendu un nom se terminant par .xml, sans dossier.',
    en: 'Invalid XML file name "{file}": expected a name ending in .xml, without a folder.',
  },
} as const satisfies MessageTable;
