/** Words for the service's stable tokens (entities of counts and reports, actions) in the UI's language. */
import type { TextKey } from '../i18n/index.ts';
import { mainWindow } from '../i18n/main-window.ts';

type T = (key: TextKey, values?: Record<string, string | number>) => string;

/** "products" -> "Articles"; an entity the table does not know is shown as the service names it. */
export function entityLabel(t: T, entity: string): string {
  const key = `entity_${entity}`;
  return key in mainWindow.fr ? t(`mainWindow.${key}` as TextKey) : entity;
}

/** "orders.import" -> "Importer les commandes"; unknown actions as named. */
export function actionLabel(t: T, action: string): string {
  const key = `action_${action.replace(/[.-]/g, '_')}`;
  return key in mainWindow.fr ? t(`mainWindow.${key}` as TextKey) : action;
}
