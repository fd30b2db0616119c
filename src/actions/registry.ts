/** Every action the CLI, the service and the scheduler can run, by name. Later issues add theirs here. */
import { ConfigError } from '../errors.js';
import type { ActionDef } from './action.js';
import { categoriesExport, productsExport, productsPrices, productsStatus, productsStocks, shopCheck } from './catalogue-actions.js';
import { customersDisable, customersExport, customersGroups } from './customer-actions.js';
import { gescomCheck } from './gescom-check.js';
import { ordersImport, ordersLoadXml, ordersRepair, ordersStatus, prospectsImport } from './order-actions.js';
import { msg } from '../i18n/catalogue.js';

const ACTIONS: ActionDef[] = [gescomCheck, shopCheck, categoriesExport, productsExport, productsPrices, productsStocks, productsStatus, customersGroups, customersExport, customersDisable, ordersImport, ordersLoadXml, ordersRepair, ordersStatus, prospectsImport];

export function listActions(): ActionDef[] {
  return [...ACTIONS];
}

export function findAction(name: string): ActionDef {
  const action = ACTIONS.find((a) => a.name === name);
  if (!action) {
    throw new ConfigError(
      msg('actions.unknown', { name, known: ACTIONS.map((a) => a.name).join(', ') }),
      'run', 'action',
    );
  }
  return action;
}
