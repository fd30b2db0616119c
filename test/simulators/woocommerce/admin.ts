/**
 * Store administration resources: customers, coupons, taxes and tax classes, settings, payment
 * gateways, shipping zones/methods, webhooks, data (currencies, countries), system status.
 */
import crypto from 'node:crypto';
import { hrefs, selfLink, type Sim } from './context.js';
import { applyMeta, runBatch } from './catalog.js';
import { emptyAddress } from './orders.js';
import { clone, decodeEntities, isPlainObject, parseWpDate, sanitizeTitle, wcFormatDecimal, wpDate } from './php.js';
import {
  bodyObject, collectionArgs, EDITABLE, filterFields, makeRoute, ok, pageHeaders, paginate, param, RestError,
  toBool, toIdList, toInt, toList, toStr, validateArgs, type ArgSpec, type RestRequest, type Route,
} from './rest.js';
import type { AddressRec, CouponRec, CustomerRec, ShippingZoneRec, TaxRateRec, WebhookRec, WooState } from './state.js';

function validateItem(args: Record<string, ArgSpec>, body: Record<string, unknown>, req: RestRequest): void {
  validateArgs({ ...req, params: {}, query: {}, queryPairs: [], body }, args);
}

const EMAIL_RE = /^[a-zA-Z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)+$/;

// ---- customers ----------------------------------------------------------------------------------

const ADDRESS_KEYS = ['first_name', 'last_name', 'company', 'address_1', 'address_2', 'city', 'state', 'postcode', 'country', 'email', 'phone'];
const ADDRESS_SPEC: ArgSpec = { type: 'object', properties: Object.fromEntries(ADDRESS_KEYS.map((k) => [k, { type: 'string' } as ArgSpec])) };

const CUSTOMER_ARGS: Record<string, ArgSpec> = {
  email: { type: 'string', format: 'email' },
  first_name: { type: 'string' },
  last_name: { type: 'string' },
  username: { type: 'string' },
  password: { type: 'string' },
  billing: ADDRESS_SPEC,
  shipping: ADDRESS_SPEC,
  meta_data: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' } } } },
};

function customerAddressOut(a: AddressRec, withEmail: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    first_name: a.first_name, last_name: a.last_name, company: a.company, address_1: a.address_1, address_2: a.address_2,
    city: a.city, postcode: a.postcode, country: a.country, state: a.state,
  };
  if (withEmail) out.email = a.email ?? '';
  out.phone = a.phone;
  return out;
}

export function customerResponse(sim: Sim, c: CustomerRec): Record<string, unknown> {
  const hash = crypto.createHash('sha256').update(c.email.trim().toLowerCase()).digest('hex');
  return {
    id: c.id,
    date_created: wpDate(c.dateCreated),
    date_created_gmt: wpDate(c.dateCreated),
    date_modified: wpDate(c.dateModified),
    date_modified_gmt: wpDate(c.dateModified),
    email: c.email,
    first_name: c.firstName,
    last_name: c.lastName,
    role: c.role,
    username: c.username,
    billing: customerAddressOut(c.billing, true),
    shipping: customerAddressOut(c.shipping, false),
    is_paying_customer: c.isPayingCustomer,
    avatar_url: `https://secure.gravatar.com/avatar/${hash}?s=96&d=mm&r=g`,
    // WC_Customer_Data_Store hides meta keys starting with "_" (recorded: _gescom_code_client not returned).
    meta_data: c.metaData.filter((m) => !m.key.startsWith('_')).map((m) => ({ id: m.id, key: m.key, value: m.value })),
    _links: { self: selfLink(`${sim.api}/customers/${c.id}`), collection: hrefs(`${sim.api}/customers`) },
  };
}

function setCustomerAddress(target: AddressRec, input: unknown, withEmail: boolean): void {
  if (!isPlainObject(input)) return;
  for (const k of ['first_name', 'last_name', 'company', 'address_1', 'address_2', 'city', 'state', 'postcode', 'country', 'phone'] as const) {
    if (input[k] !== undefined) target[k] = toStr(input[k]);
  }
  if (withEmail && input.email !== undefined) target.email = toStr(input.email);
}

function customerRoutes(sim: Sim): Route[] {
  const state = sim.state;
  const api = sim.api;
  const emailTaken = (email: string, selfId: number) => state.customers.find((c) => c.id !== selfId && c.email.toLowerCase() === email.toLowerCase());
  const create = (b: Record<string, unknown>): Record<string, unknown> => {
    if (toInt(b.id, 0)) throw new RestError('woocommerce_rest_customer_exists', 'Cannot create existing resource.', 400);
    if (b.email === undefined) throw new RestError('rest_missing_callback_param', 'Missing parameter(s): email', 400, { params: ['email'] });
    const email = toStr(b.email).trim();
    if (!EMAIL_RE.test(email)) throw new RestError('registration-error-invalid-email', 'Please provide a valid email address.', 400);
    if (emailTaken(email, 0)) {
      throw new RestError('registration-error-email-exists', `An account is already registered with ${email}. Please log in or use a different email address.`, 400);
    }
    let username = toStr(b.username).trim();
    if (username) {
      if (state.customers.find((c) => c.username === username)) {
        throw new RestError('registration-error-username-exists', 'An account is already registered with that username. Please choose another.', 400);
      }
    } else {
      const base = email.split('@')[0]!.toLowerCase().replace(/[^a-z0-9._-]/g, '') || 'customer';
      username = base;
      let i = 1;
      while (state.customers.find((c) => c.username === username)) username = `${base}${i++}`;
    }
    const now = state.now();
    const c: CustomerRec = {
      id: state.nextId('user'), email, firstName: toStr(b.first_name), lastName: toStr(b.last_name), role: 'customer', username,
      password: toStr(b.password) || crypto.randomBytes(9).toString('base64'), billing: emptyAddress(true), shipping: emptyAddress(false),
      isPayingCustomer: false, metaData: [], dateCreated: now, dateModified: now,
    };
    setCustomerAddress(c.billing, b.billing, true);
    setCustomerAddress(c.shipping, b.shipping, false);
    applyMeta(state, c.metaData, b.meta_data, 'userMeta');
    state.customers.set(c);
    sim.hook('customer', 'created', c.id);
    return customerResponse(sim, c);
  };
  const getCustomer = (id: number, status = 404) => {
    const c = state.customers.get(id);
    if (!c) throw new RestError('woocommerce_rest_invalid_id', 'Invalid resource ID.', status);
    return c;
  };
  const update = (id: number, b: Record<string, unknown>) => {
    const c = getCustomer(id, 400);
    if (b.email !== undefined) {
      const email = toStr(b.email).trim();
      if (!EMAIL_RE.test(email)) throw new RestError('woocommerce_rest_customer_invalid_email', 'Invalid email address.', 400);
      if (emailTaken(email, c.id)) throw new RestError('registration-error-email-exists', `An account is already registered with ${email}. Please log in or use a different email address.`, 400);
      c.email = email;
    }
    if (b.username !== undefined && toStr(b.username) !== c.username) {
      throw new RestError('woocommerce_rest_customer_invalid_argument', "Username isn't editable.", 400);
    }
    if (b.first_name !== undefined) c.firstName = toStr(b.first_name);
    if (b.last_name !== undefined) c.lastName = toStr(b.last_name);
    if (b.password !== undefined) c.password = toStr(b.password);
    setCustomerAddress(c.billing, b.billing, true);
    setCustomerAddress(c.shipping, b.shipping, false);
    applyMeta(state, c.metaData, b.meta_data, 'userMeta');
    c.dateModified = state.now();
    sim.hook('customer', 'updated', c.id);
    return customerResponse(sim, c);
  };
  const del = (id: number, force: boolean) => {
    const c = getCustomer(id);
    if (!force) throw new RestError('woocommerce_rest_trash_not_supported', 'Customers do not support trashing.', 501);
    const data = customerResponse(sim, c);
    state.customers.delete(id);
    sim.hook('customer', 'deleted', id);
    return data;
  };
  return [
    makeRoute('/wc/v3/customers', [
      {
        methods: ['GET'], perm: 'list',
        args: collectionArgs({ email: { type: 'string', format: 'email' }, role: { type: 'string', enum: ['all', 'administrator', 'editor', 'author', 'contributor', 'subscriber', 'customer', 'shop_manager'] } }, ['id', 'include', 'name', 'registered_date']),
        handler: (req) => {
          let items = state.customers.list();
          const role = toStr(param(req, 'role')) || 'customer';
          if (role !== 'all') items = items.filter((c) => c.role === role);
          const email = toStr(param(req, 'email'));
          if (email) items = items.filter((c) => c.email.toLowerCase() === email.toLowerCase());
          const search = toStr(param(req, 'search')).toLowerCase().replace(/\*/g, '');
          if (search) items = items.filter((c) => [c.email, c.username, c.firstName, c.lastName, `${c.firstName} ${c.lastName}`].some((s) => s.toLowerCase().includes(search)));
          const include = toIdList(param(req, 'include'));
          if (include.length > 0) items = items.filter((c) => include.includes(c.id));
          const exclude = toIdList(param(req, 'exclude'));
          if (exclude.length > 0) items = items.filter((c) => !exclude.includes(c.id));
          const orderby = toStr(param(req, 'orderby')) || 'name';
          const dir = (toStr(param(req, 'order')) || 'asc') === 'desc' ? -1 : 1;
          items.sort((a, b) => {
            if (orderby === 'include') return include.indexOf(a.id) - include.indexOf(b.id);
            const c = orderby === 'id' ? a.id - b.id : orderby === 'registered_date' ? a.dateCreated.getTime() - b.dateCreated.getTime() : a.username.localeCompare(b.username);
            return c * dir || a.id - b.id;
          });
          const page = paginate(req, items);
          return ok(filterFields(page.items.map((c) => customerResponse(sim, c)), param(req, '_fields')), 200, pageHeaders(`${api}/customers`, req, page));
        },
      },
      {
        methods: ['POST'], perm: 'create', args: { ...CUSTOMER_ARGS, email: { type: 'string', format: 'email', required: true } },
        handler: (req) => {
          const data = create(bodyObject(req));
          return ok(data, 201, { Location: `${api}/customers/${String(data.id)}` });
        },
      },
    ]),
    makeRoute('/wc/v3/customers/batch', [
      {
        methods: EDITABLE, perm: 'batch',
        handler: (req) => runBatch(sim, req, {
          create: async (b) => { validateItem(CUSTOMER_ARGS, b, req); return create(b); },
          update: async (id, b) => { validateItem(CUSTOMER_ARGS, b, req); return update(id, b); },
          del: async (id) => del(id, true),
        }),
      },
    ]),
    makeRoute('/wc/v3/customers/{id}', [
      { methods: ['GET'], perm: 'read', handler: (req) => ok(filterFields(customerResponse(sim, getCustomer(toInt(req.params.id))), param(req, '_fields'))) },
      { methods: EDITABLE, perm: 'edit', args: CUSTOMER_ARGS, handler: (req) => ok(update(toInt(req.params.id), bodyObject(req))) },
      { methods: ['DELETE'], perm: 'delete', args: { force: { type: 'boolean' }, reassign: { type: 'integer' } }, handler: (req) => ok(del(toInt(req.params.id), toBool(param(req, 'force')))) },
    ]),
  ];
}

// ---- coupons ------------------------------------------------------------------------------------

const COUPON_ARGS: Record<string, ArgSpec> = {
  code: { type: 'string' },
  amount: { type: 'string' },
  status: { type: 'string', enum: ['draft', 'pending', 'private', 'publish', 'future'] },
  discount_type: { type: 'string', enum: ['percent', 'fixed_cart', 'fixed_product'] },
  description: { type: 'string' },
  date_expires: { type: ['null', 'string'] },
  date_expires_gmt: { type: ['null', 'string'] },
  individual_use: { type: 'boolean' },
  product_ids: { type: 'array', items: { type: 'integer' } },
  excluded_product_ids: { type: 'array', items: { type: 'integer' } },
  usage_limit: { type: ['integer', 'null'] },
  usage_limit_per_user: { type: ['integer', 'null'] },
  limit_usage_to_x_items: { type: ['integer', 'null'] },
  free_shipping: { type: 'boolean' },
  product_categories: { type: 'array', items: { type: 'integer' } },
  excluded_product_categories: { type: 'array', items: { type: 'integer' } },
  exclude_sale_items: { type: 'boolean' },
  minimum_amount: { type: 'string' },
  maximum_amount: { type: 'string' },
  email_restrictions: { type: 'array', items: { type: 'string' } },
  meta_data: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' } } } },
};

export function couponResponse(sim: Sim, c: CouponRec): Record<string, unknown> {
  return {
    id: c.id,
    code: c.code,
    amount: wcFormatDecimal(c.amount, 2),
    status: c.status,
    date_created: wpDate(c.dateCreated),
    date_created_gmt: wpDate(c.dateCreated),
    date_modified: wpDate(c.dateModified),
    date_modified_gmt: wpDate(c.dateModified),
    discount_type: c.discountType,
    description: c.description,
    date_expires: wpDate(c.dateExpires),
    date_expires_gmt: wpDate(c.dateExpires),
    usage_count: c.usageCount,
    individual_use: c.individualUse,
    product_ids: [...c.productIds],
    excluded_product_ids: [...c.excludedProductIds],
    usage_limit: c.usageLimit,
    usage_limit_per_user: c.usageLimitPerUser,
    limit_usage_to_x_items: c.limitUsageToXItems,
    free_shipping: c.freeShipping,
    product_categories: [...c.productCategories],
    excluded_product_categories: [...c.excludedProductCategories],
    exclude_sale_items: c.excludeSaleItems,
    minimum_amount: wcFormatDecimal(c.minimumAmount || '0', 2),
    maximum_amount: wcFormatDecimal(c.maximumAmount || '0', 2),
    email_restrictions: [...c.emailRestrictions],
    used_by: [...c.usedBy],
    meta_data: c.metaData.map((m) => ({ id: m.id, key: m.key, value: m.value })),
    _links: { self: selfLink(`${sim.api}/coupons/${c.id}`), collection: hrefs(`${sim.api}/coupons`) },
  };
}

function couponRoutes(sim: Sim): Route[] {
  const state = sim.state;
  const api = sim.api;
  const nullableInt = (v: unknown) => (v === null || v === '' || v === undefined || toInt(v, 0) === 0 ? null : toInt(v));
  const apply = (c: CouponRec, b: Record<string, unknown>) => {
    if (b.amount !== undefined) c.amount = wcFormatDecimal(toStr(b.amount));
    if (b.status !== undefined) c.status = toStr(b.status);
    if (b.discount_type !== undefined) c.discountType = toStr(b.discount_type);
    if (b.description !== undefined) c.description = toStr(b.description);
    if (b.date_expires !== undefined) c.dateExpires = b.date_expires === null || b.date_expires === '' ? null : parseWpDate(b.date_expires);
    if (b.date_expires_gmt !== undefined) c.dateExpires = b.date_expires_gmt === null || b.date_expires_gmt === '' ? null : parseWpDate(b.date_expires_gmt);
    if (b.individual_use !== undefined) c.individualUse = toBool(b.individual_use);
    if (b.product_ids !== undefined) c.productIds = toIdList(b.product_ids);
    if (b.excluded_product_ids !== undefined) c.excludedProductIds = toIdList(b.excluded_product_ids);
    if (b.usage_limit !== undefined) c.usageLimit = nullableInt(b.usage_limit);
    if (b.usage_limit_per_user !== undefined) c.usageLimitPerUser = nullableInt(b.usage_limit_per_user);
    if (b.limit_usage_to_x_items !== undefined) c.limitUsageToXItems = nullableInt(b.limit_usage_to_x_items);
    if (b.free_shipping !== undefined) c.freeShipping = toBool(b.free_shipping);
    if (b.product_categories !== undefined) c.productCategories = toIdList(b.product_categories);
    if (b.excluded_product_categories !== undefined) c.excludedProductCategories = toIdList(b.excluded_product_categories);
    if (b.exclude_sale_items !== undefined) c.excludeSaleItems = toBool(b.exclude_sale_items);
    if (b.minimum_amount !== undefined) c.minimumAmount = wcFormatDecimal(toStr(b.minimum_amount));
    if (b.maximum_amount !== undefined) c.maximumAmount = wcFormatDecimal(toStr(b.maximum_amount));
    if (b.email_restrictions !== undefined) c.emailRestrictions = toList(b.email_restrictions);
    applyMeta(state, c.metaData, b.meta_data);
  };
  const create = (b: Record<string, unknown>) => {
    if (toInt(b.id, 0)) throw new RestError('woocommerce_rest_shop_coupon_exists', 'Cannot create existing shop_coupon.', 400);
    if (b.code === undefined || toStr(b.code).trim() === '') throw new RestError('rest_missing_callback_param', 'Missing parameter(s): code', 400, { params: ['code'] });
    const code = decodeEntities(toStr(b.code)).trim().toLowerCase();
    if (state.couponByCode(code)) throw new RestError('woocommerce_rest_coupon_code_already_exists', 'The coupon code already exists', 400);
    const now = state.now();
    const c: CouponRec = {
      id: 0, code, amount: '0', status: 'publish', discountType: 'fixed_cart', description: '', dateExpires: null, usageCount: 0,
      individualUse: false, productIds: [], excludedProductIds: [], usageLimit: null, usageLimitPerUser: null, limitUsageToXItems: null,
      freeShipping: false, productCategories: [], excludedProductCategories: [], excludeSaleItems: false, minimumAmount: '', maximumAmount: '',
      emailRestrictions: [], usedBy: [], metaData: [], dateCreated: now, dateModified: now,
    };
    apply(c, b);
    c.id = state.nextId('post');
    state.coupons.set(c);
    sim.hook('coupon', 'created', c.id);
    return couponResponse(sim, c);
  };
  const getCoupon = (id: number, status = 404) => {
    const c = state.coupons.get(id);
    if (!c) throw new RestError('woocommerce_rest_shop_coupon_invalid_id', 'Invalid ID.', status);
    return c;
  };
  const update = (id: number, b: Record<string, unknown>) => {
    const c = getCoupon(id, 400);
    if (b.code !== undefined) {
      const code = toStr(b.code).trim().toLowerCase();
      const other = state.couponByCode(code);
      if (other && other.id !== c.id) throw new RestError('woocommerce_rest_coupon_code_already_exists', 'The coupon code already exists', 400);
      c.code = code;
    }
    apply(c, b);
    c.dateModified = state.now();
    sim.hook('coupon', 'updated', c.id);
    return couponResponse(sim, c);
  };
  const del = (id: number, force: boolean) => {
    const c = getCoupon(id);
    if (!force) {
      if (c.status === 'trash') throw new RestError('woocommerce_rest_already_trashed', 'The coupon has already been deleted.', 410);
      c.status = 'trash';
      sim.hook('coupon', 'deleted', c.id);
      return couponResponse(sim, c);
    }
    const data = couponResponse(sim, c);
    state.coupons.delete(id);
    sim.hook('coupon', 'deleted', id);
    return data;
  };
  return [
    makeRoute('/wc/v3/coupons', [
      {
        methods: ['GET'], perm: 'list', args: collectionArgs({ code: { type: 'string' }, status: { type: 'string' } }, ['date', 'modified', 'id', 'include', 'title', 'slug']),
        handler: (req) => {
          let items = state.coupons.list();
          const status = toStr(param(req, 'status')) || 'any';
          items = items.filter((c) => (status === 'any' ? c.status !== 'trash' : c.status === status));
          const code = toStr(param(req, 'code'));
          if (code) items = items.filter((c) => c.code === code.trim().toLowerCase());
          const search = toStr(param(req, 'search')).toLowerCase();
          if (search) items = items.filter((c) => c.code.includes(search) || c.description.toLowerCase().includes(search));
          const include = toIdList(param(req, 'include'));
          if (include.length > 0) items = items.filter((c) => include.includes(c.id));
          const orderby = toStr(param(req, 'orderby')) || 'date';
          const dir = (toStr(param(req, 'order')) || 'desc') === 'asc' ? 1 : -1;
          items.sort((a, b) => {
            const c = orderby === 'id' ? a.id - b.id : orderby === 'title' || orderby === 'slug' ? a.code.localeCompare(b.code) : orderby === 'modified' ? a.dateModified.getTime() - b.dateModified.getTime() : a.dateCreated.getTime() - b.dateCreated.getTime();
            return c * dir || (a.id - b.id) * dir;
          });
          const page = paginate(req, items);
          return ok(filterFields(page.items.map((c) => couponResponse(sim, c)), param(req, '_fields')), 200, pageHeaders(`${api}/coupons`, req, page));
        },
      },
      {
        methods: ['POST'], perm: 'create', args: { ...COUPON_ARGS, code: { type: 'string', required: true } },
        handler: (req) => {
          const data = create(bodyObject(req));
          return ok(data, 201, { Location: `${api}/coupons/${String(data.id)}` });
        },
      },
    ]),
    makeRoute('/wc/v3/coupons/batch', [
      {
        methods: EDITABLE, perm: 'batch',
        handler: (req) => runBatch(sim, req, {
          create: async (b) => { validateItem(COUPON_ARGS, b, req); return create(b); },
          update: async (id, b) => { validateItem(COUPON_ARGS, b, req); return update(id, b); },
          del: async (id) => del(id, true),
        }),
      },
    ]),
    makeRoute('/wc/v3/coupons/{id}', [
      { methods: ['GET'], perm: 'read', handler: (req) => ok(filterFields(couponResponse(sim, getCoupon(toInt(req.params.id))), param(req, '_fields'))) },
      { methods: EDITABLE, perm: 'edit', args: COUPON_ARGS, handler: (req) => ok(update(toInt(req.params.id), bodyObject(req))) },
      { methods: ['DELETE'], perm: 'delete', handler: (req) => ok(del(toInt(req.params.id), toBool(param(req, 'force')))) },
    ]),
  ];
}

// ---- taxes --------------------------------------------------------------------------------------

const TAX_ARGS: Record<string, ArgSpec> = {
  country: { type: 'string' }, state: { type: 'string' }, postcode: { type: 'string' }, city: { type: 'string' },
  postcodes: { type: 'array', items: { type: 'string' } }, cities: { type: 'array', items: { type: 'string' } },
  rate: { type: 'string' }, name: { type: 'string' }, priority: { type: 'integer' }, compound: { type: 'boolean' },
  shipping: { type: 'boolean' }, order: { type: 'integer' }, class: { type: 'string' },
};

export function taxResponse(sim: Sim, t: TaxRateRec): Record<string, unknown> {
  return {
    id: t.id, country: t.country, state: t.state, postcode: t.postcodes[0] ?? '', city: t.cities[0] ?? '',
    rate: t.rate, name: t.name, priority: t.priority, compound: t.compound, shipping: t.shipping, order: t.order,
    class: t.class === '' ? 'standard' : t.class, postcodes: [...t.postcodes], cities: [...t.cities],
    _links: { self: selfLink(`${sim.api}/taxes/${t.id}`), collection: hrefs(`${sim.api}/taxes`) },
  };
}

function taxRoutes(sim: Sim): Route[] {
  const state = sim.state;
  const api = sim.api;
  const apply = (t: TaxRateRec, b: Record<string, unknown>) => {
    if (b.country !== undefined) t.country = toStr(b.country).toUpperCase();
    if (b.state !== undefined) t.state = toStr(b.state).toUpperCase();
    if (b.postcodes !== undefined) t.postcodes = toList(b.postcodes).map((p) => p.toUpperCase());
    else if (b.postcode !== undefined) t.postcodes = toStr(b.postcode).split(';').map((p) => p.trim().toUpperCase()).filter((p) => p !== '');
    if (b.cities !== undefined) t.cities = toList(b.cities).map((c) => c.toUpperCase());
    else if (b.city !== undefined) t.cities = toStr(b.city).split(';').map((c) => c.trim().toUpperCase()).filter((c) => c !== '');
    if (b.rate !== undefined) t.rate = wcFormatDecimal(Number.parseFloat(toStr(b.rate)) || 0, 4);
    if (b.name !== undefined) t.name = toStr(b.name);
    if (b.priority !== undefined) t.priority = Math.max(1, toInt(b.priority, 1));
    if (b.compound !== undefined) t.compound = toBool(b.compound);
    if (b.shipping !== undefined) t.shipping = toBool(b.shipping);
    if (b.order !== undefined) t.order = toInt(b.order, 0);
    if (b.class !== undefined) {
      const cls = toStr(b.class);
      t.class = cls === 'standard' || !state.taxClassSlugs().includes(cls) ? '' : cls;
    }
  };
  const create = (b: Record<string, unknown>) => {
    const t: TaxRateRec = { id: 0, country: '', state: '', postcodes: [], cities: [], rate: '0.0000', name: '', priority: 1, compound: false, shipping: true, order: 0, class: '' };
    apply(t, b);
    t.id = state.nextId('taxRate');
    state.taxes.set(t);
    return taxResponse(sim, t);
  };
  const getTax = (id: number) => {
    const t = state.taxes.get(id);
    if (!t) throw new RestError('woocommerce_rest_invalid_id', 'Invalid resource ID.', 404);
    return t;
  };
  const update = (id: number, b: Record<string, unknown>) => {
    const t = getTax(id);
    apply(t, b);
    return taxResponse(sim, t);
  };
  const del = (id: number, force: boolean) => {
    const t = getTax(id);
    if (!force) throw new RestError('woocommerce_rest_trash_not_supported', 'Taxes do not support trashing.', 501);
    const data = taxResponse(sim, t);
    state.taxes.delete(id);
    return data;
  };
  const classResponse = (c: { slug: string; name: string }, created = false) =>
    created ? { name: c.name, slug: c.slug, _links: { collection: hrefs(`${api}/taxes/classes`) } } : { slug: c.slug, name: c.name, _links: { collection: hrefs(`${api}/taxes/classes`) } };
  const sortedClasses = () => {
    const std = state.taxClasses.filter((c) => c.slug === 'standard');
    return [...std, ...state.taxClasses.filter((c) => c.slug !== 'standard').sort((a, b) => a.name.localeCompare(b.name))];
  };
  return [
    makeRoute('/wc/v3/taxes', [
      {
        methods: ['GET'], perm: 'list', args: collectionArgs({ class: { type: 'string' } }, ['id', 'order', 'priority']),
        handler: (req) => {
          let items = state.taxes.list();
          const cls = param(req, 'class');
          if (cls !== undefined && cls !== '') items = items.filter((t) => t.class === (toStr(cls) === 'standard' ? '' : toStr(cls)));
          const orderby = toStr(param(req, 'orderby')) || 'order';
          const dir = (toStr(param(req, 'order')) || 'asc') === 'desc' ? -1 : 1;
          items.sort((a, b) => ((orderby === 'id' ? a.id - b.id : orderby === 'priority' ? a.priority - b.priority : a.order - b.order) * dir) || a.id - b.id);
          const page = paginate(req, items);
          return ok(filterFields(page.items.map((t) => taxResponse(sim, t)), param(req, '_fields')), 200, pageHeaders(`${api}/taxes`, req, page));
        },
      },
      {
        methods: ['POST'], perm: 'create', args: TAX_ARGS,
        handler: (req) => {
          const data = create(bodyObject(req));
          return ok(data, 201, { Location: `${api}/taxes/${String(data.id)}` });
        },
      },
    ]),
    makeRoute('/wc/v3/taxes/batch', [
      {
        methods: EDITABLE, perm: 'batch',
        handler: (req) => runBatch(sim, req, {
          create: async (b) => { validateItem(TAX_ARGS, b, req); return create(b); },
          update: async (id, b) => { validateItem(TAX_ARGS, b, req); return update(id, b); },
          del: async (id) => del(id, true),
        }),
      },
    ]),
    makeRoute('/wc/v3/taxes/classes', [
      {
        methods: ['GET'], perm: 'list',
        handler: () => {
          const list = sortedClasses();
          return ok(list.map((c) => classResponse(c)), 200, { 'X-WP-Total': String(list.length), 'X-WP-TotalPages': '1' });
        },
      },
      {
        methods: ['POST'], perm: 'create', args: { name: { type: 'string', required: true } },
        handler: (req) => {
          const name = toStr(param(req, 'name')).trim();
          const slug = sanitizeTitle(name);
          if (!name || !slug) throw new RestError('woocommerce_rest_tax_class_invalid_name', 'Tax class requires a valid name', 400);
          if (state.taxClasses.some((c) => c.slug === slug || c.name.toLowerCase() === name.toLowerCase())) {
            throw new RestError('woocommerce_rest_tax_class_exists', 'Tax class already exists', 400);
          }
          const c = { slug, name };
          state.taxClasses.push(c);
          return ok(classResponse(c, true), 201, { Location: `${api}/taxes/classes/${slug}` });
        },
      },
    ]),
    makeRoute('/wc/v3/taxes/classes/{slug}', [
      {
        methods: ['GET'], perm: 'read',
        handler: (req) => {
          const c = state.taxClasses.find((x) => x.slug === req.params.slug);
          if (!c) throw new RestError('woocommerce_rest_invalid_id', 'Invalid resource id.', 404);
          return ok(classResponse(c));
        },
      },
      {
        methods: ['DELETE'], perm: 'delete',
        handler: (req) => {
          const idx = state.taxClasses.findIndex((x) => x.slug === req.params.slug);
          if (idx < 0 || req.params.slug === 'standard') throw new RestError('woocommerce_rest_invalid_id', 'Invalid resource id.', 404);
          if (!toBool(param(req, 'force'))) throw new RestError('woocommerce_rest_trash_not_supported', 'Taxes do not support trashing.', 501);
          const [c] = state.taxClasses.splice(idx, 1);
          for (const t of state.taxes.list()) if (t.class === c!.slug) state.taxes.delete(t.id);
          return ok(classResponse(c!));
        },
      },
    ]),
    makeRoute('/wc/v3/taxes/{id}', [
      { methods: ['GET'], perm: 'read', handler: (req) => ok(taxResponse(sim, getTax(toInt(req.params.id)))) },
      { methods: EDITABLE, perm: 'edit', args: TAX_ARGS, handler: (req) => ok(update(toInt(req.params.id), bodyObject(req))) },
      { methods: ['DELETE'], perm: 'delete', handler: (req) => ok(del(toInt(req.params.id), toBool(param(req, 'force')))) },
    ]),
  ];
}

// ---- settings -----------------------------------------------------------------------------------

/** Options that depend on the shop (tax classes for the shipping tax class). */
function liveDef(state: WooState, id: string, def: Record<string, unknown>): Record<string, unknown> {
  if (id !== 'woocommerce_shipping_tax_class') return def;
  const options: Record<string, string> = { inherit: 'Shipping tax class based on cart items', '': 'Standard' };
  for (const c of state.taxClasses.filter((x) => x.slug !== 'standard').sort((a, b) => a.name.localeCompare(b.name))) options[c.slug] = c.name;
  return { ...def, options };
}

function settingResponse(sim: Sim, id: string, single: boolean): Record<string, unknown> {
  const s = sim.state.settings.get(id)!;
  const out: Record<string, unknown> = clone(liveDef(sim.state, id, s.def));
  if (single) out.group_id = s.group;
  out._links = {
    self: selfLink(`${sim.api}/settings/${s.group}/${id}`, ['GET', 'POST', 'PUT', 'PATCH']),
    collection: hrefs(`${sim.api}/settings/${s.group}`),
  };
  return out;
}

function validateSettingValue(def: Record<string, unknown>, value: unknown): unknown {
  const type = toStr(def.type);
  const invalid = () => new RestError('rest_setting_value_invalid', 'An invalid setting value was passed.', 400);
  if (type === 'select' || type === 'radio' || type === 'single_select_country' || type === 'single_select_page') {
    const opts = isPlainObject(def.options) ? Object.keys(def.options) : [];
    const v = toStr(value);
    if (opts.length > 0 && !opts.includes(v)) throw invalid();
    return v;
  }
  if (type === 'checkbox') {
    const v = value === true ? 'yes' : value === false ? 'no' : toStr(value);
    if (v !== 'yes' && v !== 'no') throw invalid();
    return v;
  }
  if (type === 'multiselect' || type === 'multi_select_countries') {
    const list = Array.isArray(value) ? value.map(toStr) : toList(value);
    const opts = isPlainObject(def.options) ? Object.keys(def.options) : [];
    return opts.length > 0 ? list.filter((v) => opts.includes(v)) : list;
  }
  return typeof value === 'string' ? value : toStr(value);
}

function settingsRoutes(sim: Sim): Route[] {
  const state = sim.state;
  const groupIds = () => state.settingGroups.map((g) => String(g.id));
  const checkGroup = (group: string) => {
    if (!groupIds().includes(group)) throw new RestError('rest_setting_setting_group_invalid', 'Invalid setting group.', 404);
  };
  const update = (group: string, id: string, value: unknown) => {
    checkGroup(group);
    const s = state.settings.get(id);
    if (!s || s.group !== group) throw new RestError('rest_setting_setting_invalid', 'Invalid setting.', 404);
    s.def.value = validateSettingValue(liveDef(state, id, s.def), value);
    return settingResponse(sim, id, true);
  };
  return [
    makeRoute('/wc/v3/settings', [{ methods: ['GET'], perm: 'list', handler: () => ok(clone(state.settingGroups)) }]),
    makeRoute('/wc/v3/settings/{group_id}', [
      {
        methods: ['GET'], perm: 'list',
        handler: (req) => {
          checkGroup(req.params.group_id!);
          const ids = [...state.settings.entries()].filter(([, s]) => s.group === req.params.group_id).map(([id]) => id);
          return ok(filterFields(ids.map((id) => settingResponse(sim, id, false)), param(req, '_fields')));
        },
      },
    ]),
    makeRoute('/wc/v3/settings/{group_id}/batch', [
      {
        methods: EDITABLE, perm: 'batch',
        handler: (req) => {
          checkGroup(req.params.group_id!);
          const b = bodyObject(req);
          const list = Array.isArray(b.update) ? b.update : [];
          if (list.length > sim.batchLimit) throw new RestError('woocommerce_rest_request_entity_too_large', `Unable to accept more than ${sim.batchLimit} items for this request.`, 413);
          const out = list.map((item) => {
            const obj = isPlainObject(item) ? item : {};
            try {
              return update(req.params.group_id!, toStr(obj.id), obj.value);
            } catch (e) {
              const err = e as RestError;
              return { id: obj.id, error: { code: err.code, message: err.message, data: { status: err.status } } };
            }
          });
          return ok({ update: out });
        },
      },
    ]),
    makeRoute('/wc/v3/settings/{group_id}/{setting}', [
      {
        methods: ['GET'], perm: 'read',
        handler: (req) => {
          checkGroup(req.params.group_id!);
          const s = state.settings.get(req.params.setting!);
          if (!s || s.group !== req.params.group_id) throw new RestError('rest_setting_setting_invalid', 'Invalid setting.', 404);
          return ok(settingResponse(sim, req.params.setting!, true));
        },
      },
      {
        methods: EDITABLE, perm: 'settings_edit', args: { value: { type: ['string', 'array', 'boolean', 'number', 'integer'] } },
        handler: (req) => ok(update(req.params.group_id!, req.params.setting!, param(req, 'value'))),
      },
    ]),
  ];
}

// ---- payment gateways ---------------------------------------------------------------------------

function gatewayResponse(sim: Sim, g: { id: string; data: Record<string, unknown> }): Record<string, unknown> {
  return {
    ...clone(g.data),
    _links: { self: selfLink(`${sim.api}/payment_gateways/${g.id}`, ['GET', 'POST', 'PUT', 'PATCH']), collection: hrefs(`${sim.api}/payment_gateways`) },
  };
}

function gatewayRoutes(sim: Sim): Route[] {
  const state = sim.state;
  const find = (id: string) => {
    const g = state.gateways.find((x) => x.id === id);
    if (!g) throw new RestError('woocommerce_rest_payment_gateway_invalid', 'Invalid payment gateway ID.', 404);
    return g;
  };
  return [
    makeRoute('/wc/v3/payment_gateways', [
      {
        methods: ['GET'], perm: 'list',
        handler: (req) => {
          const list = state.gateways.map((g) => gatewayResponse(sim, g));
          return ok(filterFields(list, param(req, '_fields')), 200, { 'X-WP-Total': String(list.length), 'X-WP-TotalPages': '1' });
        },
      },
    ]),
    makeRoute('/wc/v3/payment_gateways/{gateway}', [
      { methods: ['GET'], perm: 'read', handler: (req) => ok(gatewayResponse(sim, find(req.params.gateway!))) },
      {
        methods: EDITABLE, perm: 'edit',
        args: { enabled: { type: 'boolean' }, title: { type: 'string' }, description: { type: 'string' }, order: { type: ['integer', 'string'] }, settings: { type: 'object' } },
        handler: (req) => {
          const g = find(req.params.gateway!);
          const b = bodyObject(req);
          const settings = g.data.settings as Record<string, Record<string, unknown>>;
          if (b.enabled !== undefined) g.data.enabled = toBool(b.enabled);
          if (b.title !== undefined) {
            g.data.title = toStr(b.title);
            if (settings.title) settings.title.value = toStr(b.title);
          }
          if (b.description !== undefined) {
            g.data.description = toStr(b.description);
            if (settings.description) settings.description.value = toStr(b.description);
          }
          if (b.order !== undefined) g.data.order = toInt(b.order, 0);
          if (isPlainObject(b.settings)) {
            for (const [k, v] of Object.entries(b.settings)) {
              if (!settings[k]) continue;
              settings[k].value = validateSettingValue(settings[k], v);
              if (k === 'title') g.data.title = settings[k].value;
            }
          }
          return ok(gatewayResponse(sim, g));
        },
      },
    ]),
  ];
}

// ---- shipping -----------------------------------------------------------------------------------

function zoneResponse(sim: Sim, z: ShippingZoneRec): Record<string, unknown> {
  return {
    id: z.id, name: z.name, order: z.order,
    _links: {
      self: selfLink(`${sim.api}/shipping/zones/${z.id}`), collection: hrefs(`${sim.api}/shipping/zones`),
      describedby: hrefs(`${sim.api}/shipping/zones/${z.id}/locations`),
    },
  };
}

function shippingRoutes(sim: Sim): Route[] {
  const state = sim.state;
  const api = sim.api;
  const getZone = (id: number) => {
    const z = state.shippingZones.get(id);
    if (!z) throw new RestError('woocommerce_rest_shipping_zone_invalid', 'Resource does not exist.', 404);
    return z;
  };
  const methodTemplate = (methodId: string): Record<string, unknown> => {
    if (methodId === 'flat_rate') return clone(state.flatRateTemplate);
    const type = state.shippingMethodTypes.find((m) => m.id === methodId);
    return {
      id: 0, instance_id: 0, title: type?.title ?? methodId, order: 0, enabled: true, method_id: methodId, method_title: type?.title ?? methodId,
      method_description: `<p>${String(type?.description ?? '')}</p>\n`,
      settings: { title: { id: 'title', label: 'Name', description: 'Your customers will see the name of this shipping method during checkout.', type: 'text', value: type?.title ?? methodId, default: type?.title ?? methodId, tip: 'Your customers will see the name of this shipping method during checkout.', placeholder: '' } },
    };
  };
  const methodResponse = (m: (typeof state.shippingMethods)[number], createQuirk = false) => {
    const t = methodTemplate(m.methodId);
    const settings = t.settings as Record<string, Record<string, unknown>>;
    for (const [k, v] of Object.entries(m.settings)) if (settings[k]) settings[k].value = v;
    const defaultTitle = settings.title?.default ?? t.method_title;
    return {
      id: m.instanceId, instance_id: m.instanceId, title: createQuirk ? defaultTitle : m.settings.title ?? defaultTitle, order: m.order, enabled: m.enabled,
      method_id: m.methodId, method_title: t.method_title, method_description: t.method_description, settings,
      _links: {
        self: selfLink(`${api}/shipping/zones/${m.zoneId}/methods/${m.instanceId}`), collection: hrefs(`${api}/shipping/zones/${m.zoneId}/methods`),
        describes: hrefs(`${api}/shipping/zones/${m.zoneId}`),
      },
    };
  };
  const applyMethod = (m: (typeof state.shippingMethods)[number], b: Record<string, unknown>) => {
    if (b.enabled !== undefined) m.enabled = toBool(b.enabled);
    if (b.order !== undefined) m.order = toInt(b.order, 0);
    if (isPlainObject(b.settings)) for (const [k, v] of Object.entries(b.settings)) m.settings[k] = toStr(v);
  };
  const getMethod = (zoneId: number, instanceId: number) => {
    const m = state.shippingMethods.find((x) => x.zoneId === zoneId && x.instanceId === instanceId);
    if (!m) throw new RestError('woocommerce_rest_shipping_zone_method_invalid', 'Resource does not exist.', 404);
    return m;
  };
  const locationsOut = (z: ShippingZoneRec) => z.locations.map((l) => ({
    code: l.code, type: l.type,
    _links: { collection: hrefs(`${api}/shipping/zones/${z.id}/locations`), describes: hrefs(`${api}/shipping/zones/${z.id}`) },
  }));
  return [
    makeRoute('/wc/v3/shipping/zones', [
      {
        methods: ['GET'], perm: 'list',
        handler: () => {
          const zones = state.shippingZones.list().sort((a, b) => (a.id === 0 ? -1 : b.id === 0 ? 1 : a.order - b.order || a.id - b.id));
          return ok(zones.map((z) => zoneResponse(sim, z)), 200, { 'X-WP-Total': String(zones.length), 'X-WP-TotalPages': '1' });
        },
      },
      {
        methods: ['POST'], perm: 'create', args: { name: { type: 'string', required: true }, order: { type: 'integer' } },
        handler: (req) => {
          const b = bodyObject(req);
          const z: ShippingZoneRec = { id: state.nextId('shippingZone'), name: toStr(b.name), order: toInt(b.order, 0), locations: [] };
          state.shippingZones.set(z);
          return ok(zoneResponse(sim, z), 201, { Location: `${api}/shipping/zones/${z.id}` });
        },
      },
    ]),
    makeRoute('/wc/v3/shipping/zones/{id}', [
      { methods: ['GET'], perm: 'read', handler: (req) => ok(zoneResponse(sim, getZone(toInt(req.params.id)))) },
      {
        methods: EDITABLE, perm: 'edit', args: { name: { type: 'string' }, order: { type: 'integer' } },
        handler: (req) => {
          const z = getZone(toInt(req.params.id));
          if (z.id === 0) throw new RestError('woocommerce_rest_shipping_zone_invalid_zone', 'The "locations not covered by your other zones" zone cannot be updated.', 403);
          const b = bodyObject(req);
          if (b.name !== undefined) z.name = toStr(b.name);
          if (b.order !== undefined) z.order = toInt(b.order, 0);
          return ok(zoneResponse(sim, z));
        },
      },
      {
        methods: ['DELETE'], perm: 'delete',
        handler: (req) => {
          const z = getZone(toInt(req.params.id));
          if (!toBool(param(req, 'force'))) throw new RestError('woocommerce_rest_trash_not_supported', 'Shipping zones do not support trashing.', 501);
          const data = zoneResponse(sim, z);
          state.shippingZones.delete(z.id);
          return ok(data);
        },
      },
    ]),
    makeRoute('/wc/v3/shipping/zones/{id}/locations', [
      {
        methods: ['GET'], perm: 'list',
        handler: (req) => {
          const z = getZone(toInt(req.params.id));
          return ok(locationsOut(z), 200, { 'X-WP-Total': String(z.locations.length), 'X-WP-TotalPages': '1' });
        },
      },
      {
        methods: EDITABLE, perm: 'edit',
        handler: (req) => {
          const z = getZone(toInt(req.params.id));
          const list = Array.isArray(req.body) ? req.body : [];
          z.locations = list.filter(isPlainObject).map((l) => ({ code: toStr(l.code), type: toStr(l.type) || 'country' }));
          return ok(locationsOut(z), 200, { 'X-WP-Total': String(z.locations.length), 'X-WP-TotalPages': '1' });
        },
      },
    ]),
    makeRoute('/wc/v3/shipping/zones/{zone_id}/methods', [
      {
        methods: ['GET'], perm: 'list',
        handler: (req) => {
          const z = getZone(toInt(req.params.zone_id));
          const list = state.shippingMethods.filter((m) => m.zoneId === z.id).sort((a, b) => a.order - b.order);
          return ok(list.map((m) => methodResponse(m)), 200, { 'X-WP-Total': String(list.length), 'X-WP-TotalPages': '1' });
        },
      },
      {
        methods: ['POST'], perm: 'create', args: { method_id: { type: 'string', required: true }, enabled: { type: 'boolean' }, order: { type: 'integer' }, settings: { type: 'object' } },
        handler: (req) => {
          const z = getZone(toInt(req.params.zone_id));
          const b = bodyObject(req);
          const methodId = toStr(b.method_id);
          if (!state.shippingMethodTypes.some((m) => m.id === methodId)) throw new RestError('woocommerce_rest_shipping_zone_method_invalid', 'Resource does not exist.', 404);
          const count = state.shippingMethods.filter((m) => m.zoneId === z.id).length;
          const m = { instanceId: state.nextId('shippingInstance'), zoneId: z.id, methodId, order: count + 1, enabled: true, settings: {} as Record<string, string> };
          applyMethod(m, b);
          state.shippingMethods.push(m);
          // Recorded: the create answer shows the default title, 200 instead of 201.
          return ok(methodResponse(m, true), 200);
        },
      },
    ]),
    makeRoute('/wc/v3/shipping/zones/{zone_id}/methods/{instance_id}', [
      { methods: ['GET'], perm: 'read', handler: (req) => ok(methodResponse(getMethod(toInt(req.params.zone_id), toInt(req.params.instance_id)))) },
      {
        methods: EDITABLE, perm: 'edit',
        handler: (req) => {
          const m = getMethod(toInt(req.params.zone_id), toInt(req.params.instance_id));
          applyMethod(m, bodyObject(req));
          return ok(methodResponse(m));
        },
      },
      {
        methods: ['DELETE'], perm: 'delete',
        handler: (req) => {
          const m = getMethod(toInt(req.params.zone_id), toInt(req.params.instance_id));
          if (!toBool(param(req, 'force'))) throw new RestError('woocommerce_rest_trash_not_supported', 'Shipping methods do not support trashing.', 501);
          const data = methodResponse(m);
          state.shippingMethods.splice(state.shippingMethods.indexOf(m), 1);
          return ok(data);
        },
      },
    ]),
    makeRoute('/wc/v3/shipping_methods', [
      {
        methods: ['GET'], perm: 'list',
        handler: () => ok(clone(state.shippingMethodTypes), 200, { 'X-WP-Total': String(state.shippingMethodTypes.length), 'X-WP-TotalPages': '1' }),
      },
    ]),
    makeRoute('/wc/v3/shipping_methods/{method}', [
      {
        methods: ['GET'], perm: 'read',
        handler: (req) => {
          const m = state.shippingMethodTypes.find((x) => x.id === req.params.method);
          if (!m) throw new RestError('woocommerce_rest_shipping_method_invalid', 'Resource does not exist.', 404);
          return ok(clone(m));
        },
      },
    ]),
  ];
}

// ---- webhooks -----------------------------------------------------------------------------------

const TOPIC_HOOKS: Record<string, string[]> = {
  'coupon.created': ['woocommerce_process_shop_coupon_meta', 'woocommerce_new_coupon'],
  'coupon.updated': ['woocommerce_process_shop_coupon_meta', 'woocommerce_update_coupon'],
  'coupon.deleted': ['wp_trash_post'],
  'coupon.restored': ['untrashed_post'],
  'customer.created': ['user_register', 'woocommerce_created_customer', 'woocommerce_new_customer'],
  'customer.updated': ['profile_update', 'woocommerce_update_customer'],
  'customer.deleted': ['delete_user'],
  'order.created': ['woocommerce_new_order'],
  'order.updated': ['woocommerce_update_order', 'woocommerce_order_refunded'],
  'order.deleted': ['wp_trash_post'],
  'order.restored': ['untrashed_post'],
  'product.created': ['woocommerce_process_product_meta', 'woocommerce_new_product', 'woocommerce_new_product_variation'],
  'product.updated': ['woocommerce_process_product_meta', 'woocommerce_update_product', 'woocommerce_update_product_variation'],
  'product.deleted': ['wp_trash_post'],
  'product.restored': ['untrashed_post'],
};

export function webhookResponse(sim: Sim, w: WebhookRec): Record<string, unknown> {
  return {
    id: w.id, name: w.name, status: w.status, topic: w.topic, resource: w.resource, event: w.event, hooks: [...w.hooks],
    delivery_url: w.deliveryUrl, date_created: wpDate(w.dateCreated), date_created_gmt: wpDate(w.dateCreated),
    date_modified: wpDate(w.dateModified), date_modified_gmt: wpDate(w.dateModified),
    _links: { self: selfLink(`${sim.api}/webhooks/${w.id}`), collection: hrefs(`${sim.api}/webhooks`) },
  };
}

function webhookRoutes(sim: Sim, ping: (w: WebhookRec) => Promise<void>): Route[] {
  const state = sim.state;
  const api = sim.api;
  const args: Record<string, ArgSpec> = {
    name: { type: 'string' }, status: { type: 'string', enum: ['active', 'paused', 'disabled'] }, topic: { type: 'string' },
    delivery_url: { type: 'string' }, secret: { type: 'string' }, api_version: { type: 'string' },
  };
  const setTopic = (w: WebhookRec, topic: string) => {
    const [resource = '', event = ''] = topic.split('.');
    const valid = topic in TOPIC_HOOKS || (resource === 'action' && event !== '');
    if (!valid) throw new RestError('woocommerce_rest_webhook_invalid_topic', 'Webhook topic is invalid.', 400);
    w.topic = topic;
    w.resource = resource;
    w.event = event;
    w.hooks = TOPIC_HOOKS[topic] ?? [event];
  };
  const create = async (b: Record<string, unknown>) => {
    if (b.topic === undefined || b.delivery_url === undefined) {
      const missing = ['topic', 'delivery_url'].filter((k) => b[k] === undefined);
      throw new RestError('rest_missing_callback_param', `Missing parameter(s): ${missing.join(', ')}`, 400, { params: missing });
    }
    const url = toStr(b.delivery_url);
    if (!/^https?:\/\//.test(url)) throw new RestError('woocommerce_rest_webhook_invalid_delivery_url', 'Webhook delivery URL must be a valid URL starting with http:// or https://.', 400);
    const now = state.now();
    const w: WebhookRec = {
      id: 0, name: toStr(b.name) || `Webhook created on ${now.toUTCString()}`, status: toStr(b.status) || 'active', topic: '', resource: '', event: '', hooks: [],
      deliveryUrl: url, secret: toStr(b.secret) || crypto.randomBytes(24).toString('base64').slice(0, 32), dateCreated: now, dateModified: null,
      failureCount: 0, apiVersion: toStr(b.api_version) || 'wp_api_v3',
    };
    setTopic(w, toStr(b.topic));
    w.id = state.nextId('webhook');
    state.webhooks.set(w);
    const data = webhookResponse(sim, w); // recorded: date_modified null in the create answer
    w.dateModified = now;
    if (w.status === 'active') await ping(w);
    return data;
  };
  const getHook = (id: number, status = 404) => {
    const w = state.webhooks.get(id);
    if (!w) throw new RestError('woocommerce_rest_webhook_invalid_id', 'Invalid webhook ID.', status);
    return w;
  };
  const update = (id: number, b: Record<string, unknown>) => {
    const w = getHook(id, 400);
    if (b.name !== undefined) w.name = toStr(b.name);
    if (b.status !== undefined) {
      w.status = toStr(b.status);
      if (w.status === 'active') w.failureCount = 0;
    }
    if (b.topic !== undefined) setTopic(w, toStr(b.topic));
    if (b.delivery_url !== undefined) w.deliveryUrl = toStr(b.delivery_url);
    if (b.secret !== undefined) w.secret = toStr(b.secret);
    w.dateModified = state.now();
    return webhookResponse(sim, w);
  };
  const del = (id: number, force: boolean) => {
    const w = getHook(id);
    if (!force) throw new RestError('woocommerce_rest_trash_not_supported', 'Webhooks do not support trashing.', 501);
    const data = webhookResponse(sim, w);
    state.webhooks.delete(id);
    return data;
  };
  return [
    makeRoute('/wc/v3/webhooks', [
      {
        methods: ['GET'], perm: 'list', args: collectionArgs({ status: { type: 'string', enum: ['all', 'active', 'paused', 'disabled'] } }, ['date', 'id', 'title']),
        handler: (req) => {
          let items = state.webhooks.list();
          const status = toStr(param(req, 'status')) || 'all';
          if (status !== 'all') items = items.filter((w) => w.status === status);
          items.sort((a, b) => b.dateCreated.getTime() - a.dateCreated.getTime() || b.id - a.id);
          const page = paginate(req, items);
          return ok(page.items.map((w) => webhookResponse(sim, w)), 200, pageHeaders(`${api}/webhooks`, req, page));
        },
      },
      {
        methods: ['POST'], perm: 'create', args: { ...args, topic: { type: 'string', required: true }, delivery_url: { type: 'string', required: true } },
        handler: async (req) => {
          const data = await create(bodyObject(req));
          return ok(data, 201, { Location: `${api}/webhooks/${String(data.id)}` });
        },
      },
    ]),
    makeRoute('/wc/v3/webhooks/batch', [
      {
        methods: EDITABLE, perm: 'batch',
        handler: (req) => runBatch(sim, req, {
          create: async (b) => { validateItem(args, b, req); return create(b); },
          update: async (id, b) => { validateItem(args, b, req); return update(id, b); },
          del: async (id) => del(id, true),
        }),
      },
    ]),
    makeRoute('/wc/v3/webhooks/{id}', [
      { methods: ['GET'], perm: 'read', handler: (req) => ok(webhookResponse(sim, getHook(toInt(req.params.id)))) },
      { methods: EDITABLE, perm: 'edit', args, handler: (req) => ok(update(toInt(req.params.id), bodyObject(req))) },
      { methods: ['DELETE'], perm: 'delete', handler: (req) => ok(del(toInt(req.params.id), toBool(param(req, 'force')))) },
    ]),
  ];
}

// ---- data, system status ------------------------------------------------------------------------

function countriesList(state: WooState): { code: string; name: string; states: { code: string; name: string }[] }[] {
  const opts = (state.settings.get('woocommerce_default_country')?.def.options ?? {}) as Record<string, string>;
  const out = new Map<string, { code: string; name: string; states: { code: string; name: string }[] }>();
  for (const [key, label] of Object.entries(opts)) {
    const [country, st] = key.split(':');
    if (!country) continue;
    if (!st) {
      out.set(country, { code: country, name: label, states: out.get(country)?.states ?? [] });
    } else {
      const name = label.includes(' - ') ? label.slice(label.indexOf(' - ') + 3) : label;
      const countryName = label.includes(' - ') ? label.slice(0, label.indexOf(' - ')) : country;
      const entry = out.get(country) ?? { code: country, name: countryName, states: [] };
      entry.states.push({ code: st, name });
      out.set(country, entry);
    }
  }
  return [...out.values()];
}

function dataRoutes(sim: Sim): Route[] {
  const state = sim.state;
  const api = sim.api;
  const currency = (code: string) => {
    const info = state.currencyInfo(code);
    return {
      code, name: info.name, symbol: info.symbol,
      _links: { self: selfLink(`${api}/data/currencies/${code}`, ['GET']), collection: hrefs(`${api}/data/currencies`) },
    };
  };
  const country = (c: { code: string; name: string; states: { code: string; name: string }[] }) => ({
    code: c.code, name: c.name, states: c.states,
    _links: { self: selfLink(`${api}/data/countries/${c.code.toLowerCase()}`, ['GET']), collection: hrefs(`${api}/data/countries`) },
  });
  const currencyCodes = () => Object.keys((state.settings.get('woocommerce_currency')?.def.options ?? {}) as Record<string, string>);
  return [
    makeRoute('/wc/v3/data', [
      {
        methods: ['GET'], perm: 'list',
        handler: () => ok(['continents', 'countries', 'currencies'].map((slug) => ({
          slug, description: slug === 'continents' ? 'List of supported continents, countries, and states.' : slug === 'countries' ? 'List of supported states in a given country.' : 'List of supported currencies.',
          _links: { self: selfLink(`${api}/data/${slug}`, ['GET']), collection: hrefs(`${api}/data`) },
        }))),
      },
    ]),
    makeRoute('/wc/v3/data/currencies', [{ methods: ['GET'], perm: 'list', handler: () => ok(currencyCodes().map(currency)) }]),
    makeRoute('/wc/v3/data/currencies/current', [{ methods: ['GET'], perm: 'read', handler: () => ok(currency(state.currency)) }]),
    makeRoute('/wc/v3/data/currencies/{code}', [
      {
        methods: ['GET'], perm: 'read',
        handler: (req) => {
          const code = req.params.code!.toUpperCase();
          if (!currencyCodes().includes(code)) throw new RestError('woocommerce_rest_data_invalid_currency', 'There are no currencies matching these parameters.', 404);
          return ok(currency(code));
        },
      },
    ]),
    makeRoute('/wc/v3/data/countries', [{ methods: ['GET'], perm: 'list', handler: () => ok(countriesList(state).map(country)) }]),
    makeRoute('/wc/v3/data/countries/{code}', [
      {
        methods: ['GET'], perm: 'read',
        handler: (req) => {
          const c = countriesList(state).find((x) => x.code === req.params.code!.toUpperCase());
          if (!c) throw new RestError('woocommerce_rest_data_invalid_location', 'There are no locations matching these parameters.', 404);
          return ok(country(c));
        },
      },
    ]),
    makeRoute('/wc/v3/system_status', [
      {
        methods: ['GET'], perm: 'list',
        handler: () => ok({
          environment: {
            home_url: sim.site, site_url: sim.site, store_id: 'simulator', version: '10.0.2', wp_version: '6.8.8', wp_multisite: false,
            wp_memory_limit: 268435456, wp_debug_mode: false, wp_cron: false, language: 'en_US', external_object_cache: null,
            server_info: 'Passerelle WooCommerce simulator', php_version: '8.2.0', php_post_max_size: 67108864, php_max_execution_time: 30,
            php_max_input_vars: 1000, curl_version: '', suhosin_installed: false, max_upload_size: 67108864, mysql_version: '', mysql_version_string: '',
            default_timezone: 'UTC', fsockopen_or_curl_enabled: true, soapclient_enabled: false, domdocument_enabled: true, gzip_enabled: true,
            mbstring_enabled: true, remote_post_successful: true, remote_post_response: 200, remote_get_successful: true, remote_get_response: 200,
          },
          database: { wc_database_version: '10.0.2', database_prefix: 'wp_', maxmind_geoip_database: '', database_tables: {} },
          active_plugins: [{ plugin: 'woocommerce/woocommerce.php', name: 'WooCommerce', version: '10.0.2', version_latest: '10.0.2', url: 'https://woocommerce.com/', author_name: 'Automattic', author_url: 'https://woocommerce.com', network_activated: false }],
          inactive_plugins: [], dropins_mu_plugins: { dropins: [], mu_plugins: [] },
          theme: { name: 'Storefront', version: '4.6.0', version_latest: '4.6.0', author_url: 'https://woocommerce.com/', is_child_theme: false, has_woocommerce_support: true, has_woocommerce_file: false, has_outdated_templates: false, overrides: [], parent_name: '', parent_version: '', parent_version_latest: '', parent_author_url: '' },
          settings: {
            api_enabled: true, force_ssl: false, currency: state.currency, currency_symbol: state.currencyInfo().symbol,
            currency_position: state.option('woocommerce_currency_pos'), thousand_separator: state.option('woocommerce_price_thousand_sep'),
            decimal_separator: state.option('woocommerce_price_decimal_sep'), number_of_decimals: state.priceDecimals, geolocation_enabled: false,
            taxonomies: { external: 'external', grouped: 'grouped', simple: 'simple', variable: 'variable' },
            product_visibility_terms: { 'exclude-from-catalog': 'exclude-from-catalog', 'exclude-from-search': 'exclude-from-search', featured: 'featured', outofstock: 'outofstock', 'rated-1': 'rated-1', 'rated-2': 'rated-2', 'rated-3': 'rated-3', 'rated-4': 'rated-4', 'rated-5': 'rated-5' },
            woocommerce_com_connected: 'no', enforce_approved_download_dirs: true, order_datastore: 'Automattic\\WooCommerce\\Internal\\DataStores\\Orders\\OrdersTableDataStore', HPOS_enabled: true, HPOS_sync_enabled: false,
          },
          security: { secure_connection: sim.site.startsWith('https:'), hide_errors: true },
          pages: [],
          post_type_counts: [],
          _links: {},
        }),
      },
    ]),
  ];
}

export function adminRoutes(sim: Sim, ping: (w: WebhookRec) => Promise<void>): Route[] {
  return [
    ...customerRoutes(sim),
    ...couponRoutes(sim),
    ...taxRoutes(sim),
    ...settingsRoutes(sim),
    ...gatewayRoutes(sim),
    ...shippingRoutes(sim),
    ...webhookRoutes(sim, ping),
    ...dataRoutes(sim),
  ];
}
