/**
 * Where each profile option shows in the profile dialog: the manual's tabs and sub-tabs, by option key
 * prefix. The longest prefix wins ('orders.mappings.taxes' before 'orders'), so that a new option lands
 * in its section's sub-tab without a line here; test/web/profile-dialog.test.ts checks that every
 * option of GET /api/options has a place. Labels, types and defaults come from the schema, never from here.
 */
import type { TextKey } from '../i18n/index.ts';

export interface SubTab {
  id: string;
  title: TextKey;
  /** Option keys or key prefixes (a prefix stands for itself and every key under it). */
  prefixes: readonly string[];
}

export interface Tab {
  id: string;
  title: TextKey;
  subTabs: readonly SubTab[];
}

export const TABS: readonly Tab[] = [
  {
    id: 'profile', title: 'profileDialog.tab_profile',
    subTabs: [{ id: 'general', title: 'profileDialog.sub_general', prefixes: ['name', 'formatVersion', 'gescom.kind', 'shop.kind', 'general'] }],
  },
  {
    id: 'site', title: 'profileDialog.tab_site',
    subTabs: [
      { id: 'site', title: 'profileDialog.sub_site', prefixes: ['shop'] },
      { id: 'http', title: 'profileDialog.sub_http', prefixes: ['http'] },
    ],
  },
  {
    id: 'gescom', title: 'profileDialog.tab_gescom',
    subTabs: [{ id: 'gescom', title: 'profileDialog.tab_gescom', prefixes: ['gescom'] }],
  },
  {
    id: 'articles', title: 'profileDialog.tab_articles',
    subTabs: [
      { id: 'export', title: 'profileDialog.sub_export', prefixes: ['articles'] },
      { id: 'variations', title: 'profileDialog.sub_variations', prefixes: ['articles.variations'] },
      { id: 'images', title: 'profileDialog.sub_images', prefixes: ['articles.images'] },
      { id: 'documents', title: 'profileDialog.sub_documents', prefixes: ['articles.documents'] },
      { id: 'stockPrices', title: 'profileDialog.sub_stockPrices', prefixes: ['stock', 'stockFollow', 'prices'] },
      { id: 'customFields', title: 'profileDialog.sub_customFields', prefixes: ['articles.features', 'articles.dimensions'] },
      { id: 'categories', title: 'profileDialog.sub_categories', prefixes: ['articles.categories'] },
    ],
  },
  {
    id: 'customers', title: 'profileDialog.tab_customers',
    subTabs: [
      { id: 'export', title: 'profileDialog.sub_export', prefixes: ['customers'] },
      {
        // The manual's "Import des clients de la boutique": accounts made for the shop's customers when orders come in.
        id: 'import', title: 'profileDialog.sub_import',
        prefixes: [
          'customers.prospects', 'orders.searchCustomerByEmail', 'orders.accountMode', 'orders.singleAccount', 'orders.accountPrefix',
          'orders.accountLength', 'orders.guestAccount', 'orders.createGuestCustomers', 'orders.accountingAccountMode', 'orders.accountingAccount',
          'orders.accountingAccountPrefix', 'orders.accountingAccountLength', 'orders.representative', 'orders.customerFamily',
          'orders.updateDeliveryAddresses', 'orders.updateBillingAddresses', 'orders.removeAccents', 'orders.uppercaseName', 'orders.uppercaseAddresses',
        ],
      },
    ],
  },
  {
    id: 'orders', title: 'profileDialog.tab_orders',
    subTabs: [
      { id: 'creation', title: 'profileDialog.sub_creation', prefixes: ['orders', 'orders.validation', 'orders.grouping'] },
      { id: 'zones', title: 'profileDialog.sub_zones', prefixes: ['orders.mappings.accountingCategoryBy', 'orders.mappings.includeCountryStates', 'orders.mappings.accountingCategories', 'orders.mappings.defaultAccountingCategoryWithTax', 'orders.mappings.defaultAccountingCategoryWithoutTax'] },
      { id: 'taxes', title: 'profileDialog.sub_taxes', prefixes: ['orders.mappings.taxes', 'orders.mappings.defaultVatCode', 'orders.taxes'] },
      { id: 'payments', title: 'profileDialog.sub_payments', prefixes: ['orders.mappings.payments', 'orders.mappings.defaultPaymentMode', 'orders.mappings.defaultBankJournal', 'orders.mappings.defaultCreatePayment', 'orders.mappings.customPaymentMethods'] },
      { id: 'currencies', title: 'profileDialog.sub_currencies', prefixes: ['orders.mappings.currencies'] },
      { id: 'addresses', title: 'profileDialog.sub_addresses', prefixes: ['orders.mappings.documentAddress', 'orders.mappings', 'orders.addressName'] },
      { id: 'lines', title: 'profileDialog.sub_lines', prefixes: ['orders.lines', 'orders.discounts', 'orders.specialArticles'] },
      { id: 'settlements', title: 'profileDialog.sub_settlements', prefixes: ['orders.payments'] },
      { id: 'import', title: 'profileDialog.sub_import', prefixes: ['orders.defaultPeriod', 'orders.includeTransferred', 'orders.statusMapping', 'orders.shopIds', 'orders.findBy', 'orders.includeArchived'] },
      { id: 'statuses', title: 'profileDialog.sub_statuses', prefixes: ['orderStatus', 'invoices'] },
    ],
  },
  {
    // What the manual's dialog does not have: the service's own options (and proxy / SMTP, also in the options window).
    id: 'service', title: 'profileDialog.tab_service',
    subTabs: [
      { id: 'schedule', title: 'profileDialog.sub_schedule', prefixes: ['schedule'] },
      { id: 'webhooks', title: 'profileDialog.sub_webhooks', prefixes: ['webhooks'] },
      { id: 'journal', title: 'profileDialog.sub_journal', prefixes: ['journal'] },
      { id: 'mail', title: 'profileDialog.sub_mail', prefixes: ['notification', 'smtp'] },
      { id: 'proxy', title: 'profileDialog.sub_proxy', prefixes: ['proxy'] },
    ],
  },
];

/** Options shown but not changed in the dialog: the name changes by renaming (profiles screen), the format by migration. */
export const READ_ONLY: ReadonlySet<string> = new Set(['name', 'formatVersion']);

export interface Place {
  tab: Tab;
  subTab: SubTab;
  prefix: string;
}

const covers = (prefix: string, key: string) => key === prefix || key.startsWith(`${prefix}.`);

/** Every layout entry that covers `key`, longest prefix first. */
export function placesOf(key: string): Place[] {
  const out: Place[] = [];
  for (const tab of TABS) {
    for (const subTab of tab.subTabs) for (const prefix of subTab.prefixes) if (covers(prefix, key)) out.push({ tab, subTab, prefix });
  }
  return out.sort((a, b) => b.prefix.length - a.prefix.length);
}

/** The sub-tab an option shows in (longest prefix), or undefined when the layout misses it. */
export function placeOf(key: string): Place | undefined {
  return placesOf(key)[0];
}

/** The options of one sub-tab, in schema order. */
export function optionsOf<O extends { key: string }>(options: readonly O[], tabId: string, subTabId: string): O[] {
  return options.filter((o) => {
    const p = placeOf(o.key);
    return p?.tab.id === tabId && p.subTab.id === subTabId;
  });
}
