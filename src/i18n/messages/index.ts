/**
 * The one catalogue, assembled from one table per area so that each area keeps its
 * texts next to its kind of code. A key lives in exactly one table (checked by
 * test/i18n/catalogue.test.ts). Add a table: import it here and spread it below.
 */
import { cliFeedbackMessages } from './cli-feedback.js';
import { coreMessages } from './core.js';
import { entityMessages } from './entity.js';
import { helpMessages } from './help.js';
import { cliMessages } from './cli.js';
import { optionsMessages } from './options.js';
import { serviceMessages } from './service.js';
import { gescomMessages } from './gescom.js';
import { dataMessages } from './data.js';
import { profileMessages } from './profile.js';
import { httpMessages } from './http.js';
import { moneyMessages } from './money.js';
import { reconcileMessages } from './reconcile.js';
import { runMessages } from './run.js';
import { settingsMessages } from './settings.js';
import { actionMessages } from './actions.js';
import { shopMessages } from './shop.js';
import { shopPluginMessages } from './shop-plugin.js';
import { mappingMessages } from './mapping.js';
import { prestashopOrderMessages } from './prestashop-orders.js';
import { prestashopCustomerMessages } from './prestashop-customers.js';
import { psCatalogueMessages } from './ps-catalogue.js';
import { shopIdentityMessages } from './shop-identity.js';
import { webhookMessages } from './webhooks.js';
import { previewMessages } from './preview.js';
import { opsMessages } from './ops.js';
import { schedulerMessages } from './scheduler.js';
import { stockFollowMessages } from './stock-follow.js';
import { notifyMessages } from './notify.js';
import { shopifyMessages } from './shopify.js';
import { profileAdminMessages } from './profile-admin.js';
import { mainWindowMessages } from './main-window.js';
import { ordersViewMessages } from './orders-view.js';
import { referenceListMessages } from './reference-lists.js';

export const allMessages = {
  ...referenceListMessages,
  ...ordersViewMessages,
  ...previewMessages,
  ...coreMessages,
  ...entityMessages,
  ...moneyMessages,
  ...dataMessages,
  ...profileMessages,
  ...runMessages,
  ...cliFeedbackMessages,
  ...helpMessages,
  ...cliMessages,
  ...optionsMessages,
  ...serviceMessages,
  ...gescomMessages,
  ...httpMessages,
  ...settingsMessages,
  ...actionMessages,
  ...shopMessages,
  ...shopPluginMessages,
  ...mappingMessages,
  ...psCatalogueMessages,
  ...reconcileMessages,
  ...prestashopOrderMessages,
  ...prestashopCustomerMessages,
  ...shopIdentityMessages,
  ...webhookMessages,
  ...opsMessages,
  ...schedulerMessages,
  ...stockFollowMessages,
  ...notifyMessages,
  ...shopifyMessages,
  ...profileAdminMessages,
  ...mainWindowMessages,
} as const;
