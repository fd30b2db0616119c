/** The order mapping (shop order -> GesCom sales document), pure: see document.ts. */
export * from './account-number.js';
export * from './addresses.js';
export * from './customer-account.js';
export * from './document.js';
export * from './errors.js';
export * from './grouping.js';
export * from './lines.js';
export * from './multi-address.js';
export * from './payments.js';
export * from './price-mode.js';
export * from './refs.js';
export * from './taxes.js';
export * from './templates.js';
export * from './totals.js';
