/** The local service's own messages (the API's errors), in the application's language or the request's Accept-Language. */
import type { MessageTable } from '../message-table.js';

export const serviceMessages = {
  'service.useRename': { fr: 'utilisez la commande rename pour changer le nom', en: 'use rename to change a name' },
  'service.fieldRequired': { fr: 'champ « {field} » requis', en: 'field "{field}" required' },
  'service.mustBeObject': { fr: '« {field} » doit être un objet', en: '"{field}" must be an object' },
  'service.unknownRun': { fr: 'exécution {id} inconnue', en: 'unknown run {id}' },
} as const satisfies MessageTable;
