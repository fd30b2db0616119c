/**
 * The main window's run buttons, tab by tab, as the manual lists them: each names the action it
 * runs (src/actions/registry.ts), the parameters the button fixes (Exporter les nouveaux articles:
 * newOnly) and the options its dialog offers, with the parameter names the CLI passes
 * (src/cli/action-commands.ts).
 */

/** An option of an action's dialog; each maps to one or more run parameters (params.ts). */
export type ActionOption = 'reconcile' | 'codes' | 'since' | 'period' | 'includeTransferred' | 'updateStock' | 'xmlFile';

export type RunButtonId =
  | 'quickProducts' | 'quickPrices' | 'quickStocks' | 'quickCustomers' | 'quickOrders'
  | 'exportProducts' | 'exportNewProducts' | 'updatePrices' | 'updateStocks' | 'productStatus' | 'exportCategories'
  | 'exportCustomers' | 'exportNewCustomers' | 'disableCustomers' | 'importProspects' | 'exportGroups'
  | 'importOrders' | 'loadXml' | 'repairOrders' | 'sendStatuses';

export interface RunButton {
  id: RunButtonId;
  action: string;
  fixed?: Record<string, unknown>;
  options: readonly ActionOption[];
}

const ORDER_OPTIONS: readonly ActionOption[] = ['period', 'includeTransferred', 'updateStock'];

const B = (id: RunButtonId, action: string, options: readonly ActionOption[] = [], fixed?: Record<string, unknown>): RunButton => ({
  id, action, options, ...(fixed ? { fixed } : {}),
});

export const RUN_BUTTONS = {
  quickProducts: B('quickProducts', 'products.export', ['reconcile']),
  quickPrices: B('quickPrices', 'products.prices', ['reconcile']),
  quickStocks: B('quickStocks', 'products.stocks', ['reconcile', 'codes']),
  quickCustomers: B('quickCustomers', 'customers.export', ['reconcile']),
  quickOrders: B('quickOrders', 'orders.import', ORDER_OPTIONS),
  exportProducts: B('exportProducts', 'products.export', ['reconcile']),
  exportNewProducts: B('exportNewProducts', 'products.export', [], { newOnly: true }),
  updatePrices: B('updatePrices', 'products.prices', ['reconcile']),
  updateStocks: B('updateStocks', 'products.stocks', ['reconcile', 'codes']),
  productStatus: B('productStatus', 'products.status', ['reconcile']),
  exportCategories: B('exportCategories', 'categories.export'),
  exportCustomers: B('exportCustomers', 'customers.export', ['reconcile']),
  exportNewCustomers: B('exportNewCustomers', 'customers.export', [], { newOnly: true }),
  disableCustomers: B('disableCustomers', 'customers.disable'),
  importProspects: B('importProspects', 'prospects.import', ['since']),
  exportGroups: B('exportGroups', 'customers.groups'),
  importOrders: B('importOrders', 'orders.import', ORDER_OPTIONS),
  loadXml: B('loadXml', 'orders.load-xml', ['xmlFile', 'includeTransferred']),
  repairOrders: B('repairOrders', 'orders.repair'),
  sendStatuses: B('sendStatuses', 'orders.status'),
} satisfies Record<RunButtonId, RunButton>;

export type TabId = 'file' | 'profile' | 'products' | 'customers' | 'orders' | 'schedule';
export const TABS: readonly TabId[] = ['file', 'profile', 'products', 'customers', 'orders', 'schedule'];

/** The run buttons of each tab, in the manual's order (the tabs' other buttons are in tab-bar.tsx). */
export const TAB_RUNS: Record<'profile' | 'products' | 'customers' | 'orders', readonly RunButtonId[]> = {
  profile: ['quickProducts', 'quickPrices', 'quickStocks', 'quickCustomers', 'quickOrders'],
  products: ['exportProducts', 'exportNewProducts', 'updatePrices', 'updateStocks', 'productStatus', 'exportCategories'],
  customers: ['exportCustomers', 'exportNewCustomers', 'disableCustomers', 'importProspects', 'exportGroups'],
  orders: ['importOrders', 'loadXml', 'repairOrders', 'sendStatuses'],
};
