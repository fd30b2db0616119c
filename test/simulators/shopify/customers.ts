/**
 * Customers: search, create, update (addresses replaced when given, tags, marketing consent, note,
 * tax exemption, metafields), and tagsAdd/tagsRemove on customers, orders and products.
 */
import { Decimal } from '../../../src/util/decimal.js';
import { connection, type PageArgs } from './connection.js';
import { count, iso, moneyV2, requireScope, userError, type Ctx, type UserErrorOut } from './context.js';
import { gid, gidId, gidType } from './ids.js';
import { matchDate, matchNumber, matchText, searchFilter } from './search.js';
import type { AddressRec, CustomerRec, OrderRec, ProductRec } from './state.js';
import { metafieldFields, productView } from './views-catalog.js';
import { orderView } from './orders.js';

type Args = PageArgs & Record<string, unknown>;
type Input = Record<string, unknown>;

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const PHONE = /^\+[1-9]\d{6,14}$/;

export function addressView(a: AddressRec | null) {
  if (!a) return null;
  const name = [a.firstName, a.lastName].filter(Boolean).join(' ') || null;
  return {
    __typename: 'MailingAddress',
    id: gid('MailingAddress', `${a.id}?model_name=CustomerAddress`),
    firstName: a.firstName, lastName: a.lastName, name, company: a.company, address1: a.address1, address2: a.address2,
    city: a.city, zip: a.zip, province: a.provinceCode, provinceCode: a.provinceCode,
    country: a.countryCode === 'FR' ? 'France' : a.countryCode, countryCode: a.countryCode, countryCodeV2: a.countryCode,
    phone: a.phone, latitude: null, longitude: null, timeZone: null, coordinatesValidated: false, validationResultSummary: null,
    formattedArea: [a.city, a.countryCode].filter(Boolean).join(', ') || null,
    formatted: () => [a.company, a.address1, a.address2, [a.zip, a.city].filter(Boolean).join(' '), a.countryCode].filter((x): x is string => !!x),
  };
}

export function addressFromInput(ctx: Ctx, a: Input): AddressRec {
  const str = (k: string) => (typeof a[k] === 'string' ? (a[k] as string) : null);
  return {
    id: ctx.state.id(), firstName: str('firstName'), lastName: str('lastName'), company: str('company'), address1: str('address1'), address2: str('address2'),
    city: str('city'), zip: str('zip'), provinceCode: str('provinceCode'), countryCode: str('countryCode'), phone: str('phone'),
  };
}

export function customerView(ctx: Ctx, c: CustomerRec): Record<string, unknown> {
  const s = ctx.state;
  const orders = () => [...s.orders.values()].filter((o) => o.customerId === c.id);
  const ownerId = gid('Customer', c.id);
  const email = c.email ? { emailAddress: c.email, marketingState: c.emailMarketingState, marketingOptInLevel: c.emailMarketingOptInLevel, marketingUpdatedAt: iso(c.emailConsentUpdatedAt), marketingUnsubscribeUrl: `${ctx.hooks.url}/unsubscribe/${c.id}`, openTrackingLevel: 'UNKNOWN', openTrackingUrl: `${ctx.hooks.url}/open/${c.id}`, validFormat: true } : null;
  return {
    __typename: 'Customer',
    id: ownerId,
    legacyResourceId: String(c.id),
    firstName: c.firstName,
    lastName: c.lastName,
    displayName: [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || '',
    email: c.email,
    phone: c.phone,
    note: c.note,
    tags: [...c.tags].sort(),
    taxExempt: c.taxExempt,
    taxExemptions: [],
    locale: c.locale,
    state: c.state,
    verifiedEmail: !!c.email,
    validEmailAddress: !!c.email,
    canDelete: true,
    dataSaleOptOut: false,
    multipassIdentifier: null,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
    lifetimeDuration: 'less than a year',
    defaultEmailAddress: email,
    defaultPhoneNumber: c.phone ? { phoneNumber: c.phone, marketingState: 'NOT_SUBSCRIBED', marketingOptInLevel: null, marketingUpdatedAt: null, marketingCollectedFrom: null } : null,
    emailMarketingConsent: c.email ? { marketingState: c.emailMarketingState, marketingOptInLevel: c.emailMarketingOptInLevel, consentUpdatedAt: iso(c.emailConsentUpdatedAt), sourceLocation: null } : null,
    smsMarketingConsent: null,
    get defaultAddress() { return addressView(c.addresses.find((a) => a.id === c.defaultAddressId) ?? c.addresses[0] ?? null); },
    addresses: (args: { first?: number | null }) => c.addresses.slice(0, args.first ?? undefined).map(addressView),
    addressesV2: (args: Args) => connection(c.addresses, args, (a) => [a.id, a.id], (a) => addressView(a)),
    get numberOfOrders() { return String(orders().length); },
    get amountSpent() { return moneyV2(orders().reduce((sum, o) => sum.plus(o.totalPrice), new Decimal(0)), s.shop.currencyCode); },
    get lastOrder() { const o = orders().sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0]; return o ? orderView(ctx, o) : null; },
    orders: (args: Args) => connection(orders(), args, (o) => [o.id, o.id], (o) => orderView(ctx, o)),
    statistics: { predictedSpendTier: null, rfmGroup: null },
    image: () => ({ id: null, url: () => `${ctx.hooks.url}/avatar/${c.id}.png`, altText: null, width: 100, height: 100, originalSrc: `${ctx.hooks.url}/avatar/${c.id}.png`, src: `${ctx.hooks.url}/avatar/${c.id}.png`, thumbhash: null }),
    ...metafieldFields(ctx, ownerId),
  };
}

export function customerQueries(ctx: Ctx) {
  const s = ctx.state;
  return {
    customers: (args: Args) => {
      requireScope(ctx, 'customers', 'read_customers');
      const list = searchFilter(s.customers.values(), args.query as string | undefined, (c: CustomerRec, t) => {
        switch (t.field) {
          case undefined: return [c.firstName, c.lastName, c.email, c.phone, c.addresses[0]?.company].some((x) => (x ?? '').toLowerCase().includes(t.value.toLowerCase()));
          case 'id': return matchNumber(c.id, t);
          case 'email': return matchText(c.email, t);
          case 'phone': return matchText(c.phone, t);
          case 'first_name': return matchText(c.firstName, t);
          case 'last_name': return matchText(c.lastName, t);
          case 'tag': return c.tags.some((x) => matchText(x, t));
          case 'tag_not': return !c.tags.some((x) => matchText(x, t));
          case 'state': return t.value.toUpperCase() === c.state;
          case 'created_at': return matchDate(c.createdAt, t);
          case 'updated_at': return matchDate(c.updatedAt, t);
          case 'orders_count': return matchNumber([...s.orders.values()].filter((o) => o.customerId === c.id).length, t);
          case 'email_marketing_state': return t.value.toUpperCase() === c.emailMarketingState;
          default: return undefined;
        }
      });
      const keys: Record<string, (c: CustomerRec) => string | number> = { ID: (c) => c.id, CREATED_AT: (c) => c.createdAt.getTime(), UPDATED_AT: (c) => c.updatedAt.getTime(), NAME: (c) => `${c.lastName ?? ''} ${c.firstName ?? ''}`.toLowerCase() };
      const f = keys[String(args.sortKey ?? 'ID')] ?? keys.ID!;
      return connection(list, args, (c) => [f(c), c.id], (c) => customerView(ctx, c));
    },
    customer: (args: { id: string }) => {
      requireScope(ctx, 'customer', 'read_customers');
      const c = s.customers.get(gidId(args.id, 'Customer') ?? -1);
      return c ? customerView(ctx, c) : null;
    },
    customersCount: (args: { query?: string | null }) => {
      requireScope(ctx, 'customersCount', 'read_customers');
      return count(args.query ? 0 : s.customers.size);
    },
  };
}

/** Validates a CustomerInput against the shop (unique email and phone, formats); [] when fine. */
function customerProblems(ctx: Ctx, input: Input, self: number | null): UserErrorOut[] {
  const errors: UserErrorOut[] = [];
  const email = typeof input.email === 'string' ? input.email.trim() : undefined;
  const phone = typeof input.phone === 'string' ? input.phone.trim() : undefined;
  if (email !== undefined && email !== '' && !EMAIL.test(email)) errors.push(userError(['email'], 'Email is invalid'));
  if (phone !== undefined && phone !== '' && !PHONE.test(phone)) errors.push(userError(['phone'], 'Phone is invalid'));
  for (const c of ctx.state.customers.values()) {
    if (c.id === self) continue;
    if (email && c.email?.toLowerCase() === email.toLowerCase()) errors.push(userError(['email'], 'Email has already been taken'));
    if (phone && c.phone === phone) errors.push(userError(['phone'], 'Phone has already been taken'));
  }
  if (self === null && !email && !phone && !input.firstName && !input.lastName) errors.push(userError(['customer'], 'A name, phone number, or email address must be present'));
  return errors;
}

function applyCustomer(ctx: Ctx, c: CustomerRec, input: Input): void {
  const s = ctx.state;
  for (const k of ['firstName', 'lastName', 'note', 'locale'] as const) if (input[k] !== undefined) (c as unknown as Record<string, unknown>)[k] = input[k] ?? (k === 'locale' ? 'fr' : null);
  if (input.email !== undefined) c.email = (input.email as string | null)?.trim() || null;
  if (input.phone !== undefined) c.phone = (input.phone as string | null)?.trim() || null;
  if (typeof input.taxExempt === 'boolean') c.taxExempt = input.taxExempt;
  if (Array.isArray(input.tags)) c.tags = [...new Set((input.tags as string[]).flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean))];
  if (Array.isArray(input.addresses)) {
    c.addresses = (input.addresses as Input[]).map((a) => addressFromInput(ctx, a));
    c.defaultAddressId = c.addresses[0]?.id ?? null;
  }
  const consent = input.emailMarketingConsent as { marketingState?: string; marketingOptInLevel?: string | null; consentUpdatedAt?: string | null } | undefined;
  if (consent?.marketingState) {
    c.emailMarketingState = consent.marketingState;
    c.emailMarketingOptInLevel = consent.marketingOptInLevel ?? 'SINGLE_OPT_IN';
    c.emailConsentUpdatedAt = consent.consentUpdatedAt ? new Date(consent.consentUpdatedAt) : s.now();
  }
  if (Array.isArray(input.metafields)) {
    for (const m of input.metafields as Input[]) {
      if (typeof m.key === 'string' && typeof m.value === 'string') s.putMetafield(gid('Customer', c.id), (m.namespace as string | undefined) ?? '$app', m.key, (m.type as string | undefined) ?? 'single_line_text_field', m.value);
    }
  }
  c.updatedAt = s.now();
}

export function customerMutations(ctx: Ctx) {
  const s = ctx.state;
  return {
    customerCreate: (args: { input: Input }) => {
      requireScope(ctx, 'customerCreate', 'write_customers');
      const errors = customerProblems(ctx, args.input, null);
      if (errors.length) return { customer: null, userErrors: errors };
      const now = s.now();
      const c: CustomerRec = {
        id: s.id(), firstName: null, lastName: null, email: null, phone: null, note: null, tags: [], taxExempt: false, addresses: [], defaultAddressId: null,
        locale: 'fr', emailMarketingState: 'NOT_SUBSCRIBED', emailMarketingOptInLevel: null, emailConsentUpdatedAt: null, state: 'DISABLED', createdAt: now, updatedAt: now,
      };
      applyCustomer(ctx, c, args.input);
      s.customers.set(c.id, c);
      ctx.hooks.event('customers/create', { kind: 'customer', id: c.id });
      return { customer: customerView(ctx, c), userErrors: [] };
    },
    customerUpdate: (args: { input: Input }) => {
      requireScope(ctx, 'customerUpdate', 'write_customers');
      const c = s.customers.get(gidId(args.input.id, 'Customer') ?? -1);
      if (!c) return { customer: null, userErrors: [userError(['id'], 'Customer does not exist')] };
      const errors = customerProblems(ctx, args.input, c.id);
      if (errors.length) return { customer: null, userErrors: errors };
      applyCustomer(ctx, c, args.input);
      ctx.hooks.event('customers/update', { kind: 'customer', id: c.id });
      return { customer: customerView(ctx, c), userErrors: [] };
    },
    customerEmailMarketingConsentUpdate: (args: { input: { customerId: string; emailMarketingConsent: Input } }) => {
      requireScope(ctx, 'customerEmailMarketingConsentUpdate', 'write_customers');
      const c = s.customers.get(gidId(args.input.customerId, 'Customer') ?? -1);
      if (!c) return { customer: null, userErrors: [userError(['input', 'customerId'], 'Customer not found', 'INVALID')] };
      if (!c.email) return { customer: null, userErrors: [userError(['input', 'emailMarketingConsent'], 'An email address is required to set the email marketing consent state.', 'MISSING_ARGUMENT')] };
      applyCustomer(ctx, c, { emailMarketingConsent: args.input.emailMarketingConsent });
      ctx.hooks.event('customers/update', { kind: 'customer', id: c.id });
      return { customer: customerView(ctx, c), userErrors: [] };
    },
    tagsAdd: (args: { id: string; tags: string[] }) => tagsChange(ctx, 'tagsAdd', args, (tags, add) => [...new Set([...tags, ...add])]),
    tagsRemove: (args: { id: string; tags: string[] }) => tagsChange(ctx, 'tagsRemove', args, (tags, remove) => tags.filter((t) => !remove.some((r) => r.toLowerCase() === t.toLowerCase()))),
  };
}

const TAGGABLE: Record<string, string> = { Customer: 'write_customers', Order: 'write_orders', Product: 'write_products', DraftOrder: 'write_draft_orders' };

function tagsChange(ctx: Ctx, field: string, args: { id: string; tags: string[] }, change: (tags: string[], given: string[]) => string[]) {
  const s = ctx.state;
  const type = gidType(args.id);
  const id = gidId(args.id);
  const scope = type ? TAGGABLE[type] : undefined;
  if (!scope || id === undefined) return { node: null, userErrors: [userError(['id'], 'Invalid id')] };
  requireScope(ctx, field, scope);
  const given = args.tags.flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean);
  if (given.some((t) => t.length > 255)) return { node: null, userErrors: [userError(['tags'], 'Tags is too long (maximum is 255 characters)')] };
  const rec = type === 'Customer' ? s.customers.get(id) : type === 'Order' ? s.orders.get(id) : type === 'Product' ? s.products.get(id) : undefined;
  if (!rec) return { node: null, userErrors: [userError(['id'], `${type} does not exist`)] };
  rec.tags = change(rec.tags, given);
  rec.updatedAt = s.now();
  if (type === 'Order') ctx.hooks.event('orders/updated', { kind: 'order', id });
  const node = type === 'Customer' ? customerView(ctx, rec as CustomerRec) : type === 'Order' ? orderView(ctx, rec as OrderRec) : productView(ctx, rec as ProductRec);
  return { node, userErrors: [] };
}
