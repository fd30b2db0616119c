/**
 * CMD-03 / CMD-04 / CMD-05: the GesCom customer of an order. E-mail search first, then the
 * per-payment-method account, the guest account, the single account or one account per shop
 * customer (prefix + id padded); the accounting account; the customer record to create or the
 * address patch of an existing one. An existing account is never overwritten silently: when its
 * data differ from the order's, the decision says so in a warning.
 */
import type { Customer, CustomerInput, CustomerPatch } from '../../../gescom/model.js';
import type { ShopOrder } from '../shop-order.js';
import { accountingAccountNumber, customerAccountNumber, GUEST_MARKER, guestAccountNumber } from './account-number.js';
import { addressesDiffer, nameText, toGescomAddress } from './addresses.js';
import { MappingError } from './errors.js';
import type { OrderSettings } from './refs.js';
import { msg, tr, type Lang, type Text } from '../../../i18n/catalogue.js';

export type CustomerSource = 'forced' | 'paymentMethod' | 'email' | 'guestAccount' | 'single' | 'guest' | 'perCustomer';

export interface CustomerDecision {
  /** The GesCom customer code the document is written for. */
  code: string;
  /** Which rule chose it. */
  source: CustomerSource;
  /** The customer to create before the document, or null when the account exists. */
  create: CustomerInput | null;
  /** Addresses to update on the existing account (orders.updateBillingAddresses / updateDeliveryAddresses), or null. */
  update: CustomerPatch | null;
  /** The existing account, when one is used. */
  existing: Customer | null;
  /** Accounting account of the customer (created or existing); null = the GesCom's default. */
  accountingAccount: string | null;
  warnings: Text[];
}

export interface CustomerContext {
  /** Result of the e-mail search, when orders.searchCustomerByEmail is on. */
  customerByEmail: Customer | null;
  /** Existing customers by code (see customerCodesToLookUp). */
  customers: ReadonlyMap<string, Customer>;
  /** Account overrides of the order's payment method (orders.mappings.payments), '' when none. */
  paymentAccounts?: { customerAccount: string; accountingAccount: string } | null;
  /** Accounting category and payment mode given to a created customer. */
  accountingCategoryCode: string | null;
  paymentModeCode: string | null;
  /** Forces the account (grouped orders), with the option that configures it. */
  forced?: { code: string; field: string } | null;
  /** The profile's language, for the note written on a created customer (French when not given). */
  lang?: Lang;
}

function orderEmail(order: ShopOrder): string {
  return (order.customer.email || order.billing.email).trim();
}

function mustExist(ctx: CustomerContext, code: string, field: string): Customer {
  const c = ctx.customers.get(code);
  if (!c) {
    throw new MappingError(field, msg('mapping.accountMissing', { code }));
  }
  return c;
}

/** CMD-04: the accounting account of a customer created for this order. */
export function accountingAccountFor(order: ShopOrder, settings: OrderSettings, override = ''): string | null {
  if (override !== '') return override;
  if (settings.accountingAccountMode === 'single') return settings.accountingAccount === '' ? null : settings.accountingAccount;
  return order.customer.id !== null
    ? accountingAccountNumber(settings.accountingAccountPrefix, order.customer.id, settings.accountingAccountLength)
    : accountingAccountNumber(settings.accountingAccountPrefix + GUEST_MARKER, order.id, settings.accountingAccountLength);
}

/** CMD-05: the GesCom customer record for an order's customer (name and address rules applied). */
export function customerInputFor(order: ShopOrder, code: string, settings: OrderSettings, ctx: CustomerContext, accountingAccount: string | null): CustomerInput {
  const email = orderEmail(order);
  const billing = toGescomAddress(order.billing, settings, email);
  const shipping = order.shipping[0];
  const delivery = shipping ? toGescomAddress(shipping, settings) : { ...billing };
  const company = nameText(order.customer.company || order.billing.company, settings);
  const firstName = nameText(order.customer.firstName || order.billing.firstName, settings, false);
  const lastName = nameText(order.customer.lastName || order.billing.lastName, settings);
  return {
    code,
    accountingAccount,
    company: company || null,
    civility: null,
    firstName: firstName || null,
    lastName: lastName || company || email || code,
    email: email || null,
    phone: order.billing.phone.trim() || null,
    vatNumber: null,
    billingAddress: billing,
    deliveryAddress: delivery,
    contacts: [],
    priceCategoryId: null,
    familyCode: settings.customerFamily || null,
    representativeCode: settings.representative || null,
    accountingCategoryCode: ctx.accountingCategoryCode,
    paymentModeCode: ctx.paymentModeCode,
    dormant: false,
    blocked: false,
    creditLimit: null,
    paymentDelayDays: null,
    risk: null,
    // Written in the GesCom for the merchant: in the profile's language.
    notes: order.customer.id !== null
      ? tr('mapping.customerNoteShop', { id: order.customer.id }, ctx.lang ?? 'fr')
      : tr('mapping.customerNoteGuest', { id: order.id }, ctx.lang ?? 'fr'),
    isProspect: false,
    customFields: {},
  };
}

/** Uses an existing account: warns when its data differ from the order's, patches addresses only when asked. */
function useExisting(
  order: ShopOrder, settings: OrderSettings, ctx: CustomerContext, existing: Customer, source: CustomerSource, checkIdentity: boolean,
): CustomerDecision {
  const warnings: Text[] = [];
  const email = orderEmail(order).toLowerCase();
  const theirs = (existing.email ?? '').trim().toLowerCase();
  const sameOwner = !checkIdentity || theirs === '' || email === '' || theirs === email;
  if (!sameOwner) {
    warnings.push(msg('mapping.otherEmail', { code: existing.code, email: existing.email ?? '', orderEmail: orderEmail(order) }));
  }
  if (existing.dormant) warnings.push(msg('mapping.accountDormant', { code: existing.code }));
  if (existing.blocked) warnings.push(msg('mapping.accountBlocked', { code: existing.code }));
  let update: CustomerPatch | null = null;
  // A shared account (single, guest, payment method, grouped) keeps its own addresses.
  const personal = source === 'email' || source === 'perCustomer' || source === 'guest';
  if (personal && sameOwner) {
    const billing = toGescomAddress(order.billing, settings, orderEmail(order));
    const shipping = order.shipping[0] ? toGescomAddress(order.shipping[0], settings) : null;
    const patch: CustomerPatch = {};
    if (addressesDiffer(existing.billingAddress, billing)) {
      if (settings.updateBillingAddresses) patch.billingAddress = billing;
      else warnings.push(msg('mapping.billingDiffers', { code: existing.code }));
    }
    if (shipping && addressesDiffer(existing.deliveryAddress ?? existing.billingAddress, shipping)) {
      if (settings.updateDeliveryAddresses) patch.deliveryAddress = shipping;
      else warnings.push(msg('mapping.deliveryDiffers', { code: existing.code }));
    }
    if (Object.keys(patch).length > 0) update = patch;
  }
  // A prospect (a shop customer who never ordered, CLI-04) becomes a customer with its first order.
  if (existing.isProspect) update = { ...(update ?? {}), isProspect: false };
  const override = ctx.paymentAccounts?.accountingAccount ?? '';
  if (override !== '' && override !== existing.accountingAccount) {
    warnings.push(existing.accountingAccount
      ? msg('mapping.paymentAccountIgnored', { account: override, code: existing.code, existing: existing.accountingAccount })
      : msg('mapping.paymentAccountIgnoredDefault', { account: override, code: existing.code }));
  }
  return { code: existing.code, source, create: null, update, existing, accountingAccount: existing.accountingAccount, warnings };
}

function createOrUse(order: ShopOrder, settings: OrderSettings, ctx: CustomerContext, code: string, source: CustomerSource): CustomerDecision {
  const existing = ctx.customers.get(code);
  if (existing) return useExisting(order, settings, ctx, existing, source, true);
  const accounting = accountingAccountFor(order, settings, ctx.paymentAccounts?.accountingAccount ?? '');
  return {
    code, source, create: customerInputFor(order, code, settings, ctx, accounting), update: null, existing: null,
    accountingAccount: accounting, warnings: [],
  };
}

/** CMD-03: decides the GesCom customer of an order (see the module comment for the order of the rules). */
export function decideCustomer(order: ShopOrder, settings: OrderSettings, ctx: CustomerContext): CustomerDecision {
  if (ctx.forced) return useExisting(order, settings, ctx, mustExist(ctx, ctx.forced.code, ctx.forced.field), 'forced', false);

  const byPayment = ctx.paymentAccounts?.customerAccount ?? '';
  if (byPayment !== '') {
    return useExisting(order, settings, ctx, mustExist(ctx, byPayment, 'orders.mappings.payments'), 'paymentMethod', false);
  }

  const notes: Text[] = [];
  const found = settings.searchCustomerByEmail ? ctx.customerByEmail : null;
  if (found && found.dormant) {
    notes.push(msg('mapping.foundDormant', { code: found.code }));
  } else if (found) {
    return useExisting(order, settings, ctx, found, 'email', false);
  }

  const guest = order.customer.id === null;
  let decision: CustomerDecision;
  if (guest && settings.guestAccount !== '' && !settings.createGuestCustomers) {
    decision = useExisting(order, settings, ctx, mustExist(ctx, settings.guestAccount, 'orders.guestAccount'), 'guestAccount', false);
  } else if (settings.accountMode === 'single') {
    if (settings.singleAccount === '') {
      throw new MappingError('orders.singleAccount', msg('mapping.singleAccountNotSet'));
    }
    decision = useExisting(order, settings, ctx, mustExist(ctx, settings.singleAccount, 'orders.singleAccount'), 'single', false);
  } else if (guest) {
    decision = createOrUse(order, settings, ctx, guestAccountNumber(settings.accountPrefix, order.id, settings.accountLength), 'guest');
  } else {
    decision = createOrUse(order, settings, ctx,
      customerAccountNumber(settings.accountPrefix, order.customer.id ?? '', settings.accountLength), 'perCustomer');
  }
  decision.warnings.unshift(...notes);
  return decision;
}
