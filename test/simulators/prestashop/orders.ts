/**
 * What PrestaShop does around orders and stock, as the recordings show it:
 * - a product/combination gets its stock_available row (quantity 0, 911);
 * - `POST /orders` on a cart runs validateOrder: every amount computed by the shop (PS_ROUND_TYPE 2
 *   = round each line, half up), state PS_OS_WS_PAYMENT (11), invoice, payment row; the answer echoes
 *   the posted values (929);
 * - placeOrder(): the same computation for tests that want an order with chosen id/date/state.
 * Money goes through decimal.js only.
 */
import crypto from 'node:crypto';
import { Decimal } from '../../../src/util/decimal.js';
import type { PsRow, PsState, Row } from './state.js';

export interface PlaceOrderLine { productId: number; combinationId?: number; quantity: number }

export interface PlaceOrderInput {
  id?: number;
  reference?: string;
  customerId: number;
  /** Delivery and invoice address (default: the customer's first address). */
  addressId?: number;
  invoiceAddressId?: number;
  carrierId?: number;
  lines: PlaceOrderLine[];
  cartRuleIds?: number[];
  gift?: boolean;
  giftMessage?: string;
  module?: string;
  payment?: string;
  /** State at creation (default 11 "Remote payment accepted"); a paid/logable state makes the invoice and payment row. */
  state?: number;
  /** Later states, each an order_histories row (f: 2, 7, 6). */
  then?: { state: number; date?: string }[];
  /** 'YYYY-MM-DD HH:MM:SS' shop time (default now). */
  date?: string;
  currencyId?: number;
  langId?: number;
  /** The amount paid (default the computed total; a different value gives state 8 "Payment error" like PrestaShop). */
  totalPaid?: string;
  cartId?: number;
}

const D = (v: unknown): Decimal => new Decimal(v === undefined || v === null || v === '' ? 0 : String(v));
const f6 = (d: Decimal): string => d.toDecimalPlaces(6).toFixed(6);
const r2 = (d: Decimal): Decimal => d.toDecimalPlaces(2);

export function installBehaviour(state: PsState): void {
  state.afterInsert = (resource, row) => {
    const shops = state.list('shops').map((s) => s.id);
    const shopIds = shops.length > 0 ? shops : [1];
    if (resource === 'products') {
      for (const shop of shopIds) {
        if (!state.where('stock_availables', 'id_product', row.id).some((s) => s['id_product_attribute'] === '0' && s['id_shop'] === String(shop))) {
          state.insert('stock_availables', { id_product: String(row.id), id_product_attribute: '0', id_shop: String(shop), quantity: '0', out_of_stock: '2' });
        }
      }
    } else if (resource === 'combinations') {
      const pid = String(row['id_product']);
      for (const shop of shopIds) {
        state.insert('stock_availables', { id_product: pid, id_product_attribute: String(row.id), id_shop: String(shop), quantity: '0', out_of_stock: '2' });
      }
      const product = state.get('products', pid);
      if (product) {
        const pov = product.associations['product_option_values'] ?? [];
        for (const v of row.associations['product_option_values'] ?? []) if (!pov.some((x) => x['id'] === v['id'])) pov.unshift({ id: v['id']! });
        product.associations['product_option_values'] = pov;
        product['product_type'] = 'combinations';
        if (row['default_on'] === '1' || !product['cache_default_attribute'] || product['cache_default_attribute'] === '0') {
          product['cache_default_attribute'] = String(row.id);
          product['id_default_combination'] = String(row.id);
        }
        product['date_upd'] = state.nowString();
      }
    }
  };
}

function config(state: PsState, name: string): string {
  const r = state.list('configurations').find((c) => c['name'] === name);
  return r ? state.text(r, 'value') : '';
}

/** The tax rate (percent) of a tax rule group for a country; 0 when the group has no rule for it (CH, 937). */
export function taxRate(state: PsState, groupId: string, countryId: string): { rate: Decimal; taxId: string | undefined } {
  const rule = state.list('tax_rules', (r) => r['id_tax_rules_group'] === groupId && r['id_country'] === countryId)[0];
  if (!rule || groupId === '0') return { rate: new Decimal(0), taxId: undefined };
  const tax = state.get('taxes', String(rule['id_tax']));
  return { rate: tax ? D(tax['rate']) : new Decimal(0), taxId: tax ? String(tax.id) : undefined };
}

function randomReference(): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return Array.from(crypto.randomBytes(9), (b) => letters[b % 26]).join('');
}

interface Computed {
  lines: { productId: string; combinationId: string; qty: number; name: string; reference: string; ean13: string; weight: Decimal; unitExcl: Decimal; unitIncl: Decimal; totalExcl: Decimal; totalIncl: Decimal; exactExcl: Decimal; groupId: string; taxId: string | undefined }[];
  productsExcl: Decimal; productsIncl: Decimal; productsExact: Decimal;
  shippingExcl: Decimal; shippingIncl: Decimal; carrierRate: Decimal;
  wrappingExcl: Decimal; wrappingIncl: Decimal;
  rules: { id: string; name: string; value: Decimal; valueExcl: Decimal; freeShipping: boolean }[];
  discountsIncl: Decimal; discountsExcl: Decimal;
  paidIncl: Decimal; paidExcl: Decimal; weight: Decimal;
}

export function computeOrder(state: PsState, input: PlaceOrderInput): Computed {
  const address = state.get('addresses', input.addressId ?? 0);
  if (!address) throw new Error(`placeOrder: address ${input.addressId ?? '(none)'} does not exist`);
  const country = String(address['id_country']);
  const countryRow = state.get('countries', country);
  const zone = countryRow ? String(countryRow['id_zone']) : '0';
  const lines: Computed['lines'] = [];
  // PrestaShop lists cart products by product id, then combination (f: AR0003 before AR0012).
  const sorted = [...input.lines].sort((a, b) => a.productId - b.productId || (a.combinationId ?? 0) - (b.combinationId ?? 0));
  for (const l of sorted) {
    const p = state.get('products', l.productId);
    if (!p) throw new Error(`placeOrder: product ${l.productId} does not exist`);
    let unitExcl = D(p['price']);
    let name = state.text(p, 'name');
    let reference = String(p['reference'] ?? '');
    let ean13 = String(p['ean13'] ?? '');
    let weight = D(p['weight']);
    if (l.combinationId) {
      const c = state.get('combinations', l.combinationId);
      if (!c) throw new Error(`placeOrder: combination ${l.combinationId} does not exist`);
      unitExcl = unitExcl.plus(D(c['price']));
      if (c['reference']) reference = String(c['reference']);
      if (c['ean13']) ean13 = String(c['ean13']);
      weight = weight.plus(D(c['weight']));
      const parts = (c.associations['product_option_values'] ?? []).map((v) => {
        const val = state.get('product_option_values', v['id']!);
        const grp = val ? state.get('product_options', String(val['id_attribute_group'])) : undefined;
        return `${grp ? state.text(grp, 'public_name') || state.text(grp, 'name') : ''}:${val ? state.text(val, 'name') : ''}`;
      });
      if (parts.length) name = `${name} (${parts.join(', ')})`;
    }
    const groupId = String(p['id_tax_rules_group'] ?? '0');
    const { rate, taxId } = taxRate(state, groupId, country);
    unitExcl = unitExcl.toDecimalPlaces(6);
    const unitIncl = r2(unitExcl.times(rate.div(100).plus(1)));
    const exactExcl = unitExcl.times(l.quantity);
    lines.push({ productId: String(p.id), combinationId: String(l.combinationId ?? 0), qty: l.quantity, name, reference, ean13, weight, unitExcl, unitIncl, totalExcl: r2(exactExcl), totalIncl: unitIncl.times(l.quantity), exactExcl, groupId, taxId });
  }
  const productsExcl = lines.reduce((s, l) => s.plus(l.totalExcl), new Decimal(0));
  const productsIncl = lines.reduce((s, l) => s.plus(l.totalIncl), new Decimal(0));
  const productsExact = lines.reduce((s, l) => s.plus(l.exactExcl), new Decimal(0));
  const weight = lines.reduce((s, l) => s.plus(l.weight.times(l.qty)), new Decimal(0));

  const carrier = state.get('carriers', input.carrierId ?? 0);
  let shippingExcl = new Decimal(0);
  let carrierRate = new Decimal(0);
  if (carrier && carrier['is_free'] !== '1') {
    const delivery = state.list('deliveries', (d) => d['id_carrier'] === String(carrier.id) && d['id_zone'] === zone)[0];
    shippingExcl = D(delivery?.['price']);
    if (carrier['shipping_handling'] === '1') shippingExcl = shippingExcl.plus(D(config(state, 'PS_SHIPPING_HANDLING')));
    carrierRate = taxRate(state, String(carrier['id_tax_rules_group'] ?? '0'), country).rate;
  }
  const shippingIncl = r2(shippingExcl.times(carrierRate.div(100).plus(1)));

  let wrappingExcl = new Decimal(0);
  let wrappingIncl = new Decimal(0);
  if (input.gift) {
    wrappingExcl = D(config(state, 'PS_GIFT_WRAPPING_PRICE'));
    const wrapRate = taxRate(state, config(state, 'PS_GIFT_WRAPPING_TAX_RULES_GROUP') || '0', country).rate;
    wrappingIncl = r2(wrappingExcl.times(wrapRate.div(100).plus(1)));
  }

  const rules: Computed['rules'] = [];
  for (const id of input.cartRuleIds ?? []) {
    const cr = state.get('cart_rules', id);
    if (!cr) throw new Error(`placeOrder: cart rule ${id} does not exist`);
    let value = new Decimal(0);
    let valueExcl = new Decimal(0);
    const free = cr['free_shipping'] === '1';
    if (free) { value = value.plus(shippingIncl); valueExcl = valueExcl.plus(shippingExcl); }
    const pct = D(cr['reduction_percent']);
    if (pct.gt(0)) {
      value = value.plus(r2(productsIncl.times(pct).div(100)));
      valueExcl = valueExcl.plus(productsExcl.times(pct).div(100));
    }
    const amount = D(cr['reduction_amount']);
    if (amount.gt(0)) {
      if (cr['reduction_tax'] === '1') {
        value = value.plus(amount);
        valueExcl = valueExcl.plus(productsIncl.isZero() ? amount : amount.times(productsExcl).div(productsIncl));
      } else {
        valueExcl = valueExcl.plus(amount);
        value = value.plus(r2(productsExcl.isZero() ? amount : amount.times(productsIncl).div(productsExcl)));
      }
    }
    rules.push({ id: String(cr.id), name: state.text(cr, 'name'), value: value.toDecimalPlaces(6), valueExcl: valueExcl.toDecimalPlaces(6), freeShipping: free });
  }
  const discountsIncl = r2(rules.reduce((s, r) => s.plus(r.value), new Decimal(0)));
  const discountsExactExcl = rules.reduce((s, r) => s.plus(r.valueExcl), new Decimal(0));
  const discountsExcl = r2(discountsExactExcl);
  const paidIncl = productsIncl.plus(shippingIncl).plus(wrappingIncl).minus(discountsIncl);
  // The tax-excl. total is rounded once from unrounded lines and discounts: order b's 58.76 (README).
  const paidExcl = r2(productsExact.plus(shippingExcl).plus(wrappingExcl).minus(discountsExactExcl));
  return { lines, productsExcl, productsIncl, productsExact, shippingExcl, shippingIncl, carrierRate, wrappingExcl, wrappingIncl, rules, discountsIncl, discountsExcl, paidIncl, paidExcl, weight };
}

/** Creates the order and its rows (details, carrier, cart rules, invoice, payment, histories). */
export function placeOrder(state: PsState, input: PlaceOrderInput): PsRow {
  const customer = state.get('customers', input.customerId);
  if (!customer) throw new Error(`placeOrder: customer ${input.customerId} does not exist`);
  const addressId = input.addressId ?? state.list('addresses', (a) => a['id_customer'] === String(customer.id))[0]?.id;
  if (!addressId) throw new Error(`placeOrder: customer ${input.customerId} has no address`);
  const carrierId = input.carrierId ?? Number(config(state, 'PS_CARRIER_DEFAULT') || 1);
  const c = computeOrder(state, { ...input, addressId, carrierId });
  const date = input.date ?? state.nowString();
  const paid = input.totalPaid !== undefined ? D(input.totalPaid) : c.paidIncl;
  const paymentOk = r2(paid).eq(r2(c.paidIncl));
  const initialState = paymentOk ? input.state ?? Number(config(state, 'PS_OS_WS_PAYMENT') || 11) : 8;
  const st = state.get('order_states', initialState);
  const invoiced = st?.['invoice'] === '1';
  const reference = input.reference ?? randomReference();
  const orderId = input.id ?? state.nextId('orders');
  const invoiceNumber = invoiced ? String(state.list('orders').reduce((m, o) => Math.max(m, Number(o['invoice_number'] || 0)), 0) + 1) : '0';
  const cartId = input.cartId ?? state.insert('carts', {
    id_customer: String(customer.id), id_address_delivery: String(addressId), id_address_invoice: String(input.invoiceAddressId ?? addressId),
    id_currency: String(input.currencyId ?? 1), id_lang: String(input.langId ?? 1), id_carrier: String(carrierId), secure_key: customer['secure_key'],
    gift: input.gift ? '1' : '0', gift_message: input.giftMessage ?? '', date_add: date, date_upd: date,
    associations: { cart_rows: c.lines.map((l) => ({ id_product: l.productId, id_product_attribute: l.combinationId, id_address_delivery: String(addressId), id_customization: '0', quantity: String(l.qty) })) },
  }).id;
  const money = {
    total_discounts: f6(c.discountsIncl), total_discounts_tax_incl: f6(c.discountsIncl), total_discounts_tax_excl: f6(c.discountsExcl),
    total_paid: f6(c.paidIncl), total_paid_tax_incl: f6(c.paidIncl), total_paid_tax_excl: f6(c.paidExcl), total_paid_real: f6(paymentOk ? paid : new Decimal(0)),
    total_products: f6(c.productsExcl), total_products_wt: f6(c.productsIncl),
    total_shipping: f6(c.shippingIncl), total_shipping_tax_incl: f6(c.shippingIncl), total_shipping_tax_excl: f6(c.shippingExcl),
    carrier_tax_rate: c.carrierRate.toFixed(3),
    total_wrapping: f6(c.wrappingIncl), total_wrapping_tax_incl: f6(c.wrappingIncl), total_wrapping_tax_excl: f6(c.wrappingExcl),
  };
  const firstDetailId = state.nextId('order_details');
  const order = state.insert('orders', {
    id: orderId, id_address_delivery: String(addressId), id_address_invoice: String(input.invoiceAddressId ?? addressId), id_cart: String(cartId),
    id_currency: String(input.currencyId ?? 1), id_lang: String(input.langId ?? 1), id_customer: String(customer.id), id_carrier: String(carrierId),
    current_state: String(initialState), module: input.module ?? 'ps_wirepayment', invoice_number: invoiceNumber, invoice_date: invoiced ? date : '0000-00-00 00:00:00',
    delivery_number: '0', delivery_date: '0000-00-00 00:00:00', valid: st?.['logable'] === '1' ? '1' : '0', date_add: date, date_upd: date,
    shipping_number: '', note: '', id_shop_group: '1', id_shop: '1', secure_key: String(customer['secure_key'] ?? ''), payment: input.payment ?? 'Virement bancaire',
    recyclable: '0', gift: input.gift ? '1' : '0', gift_message: input.giftMessage ?? '', mobile_theme: '0', ...money,
    round_mode: '2', round_type: '2', conversion_rate: '1.000000', reference,
    associations: {
      order_rows: c.lines.map((l, i) => ({
        id: String(firstDetailId + i), product_id: l.productId, product_attribute_id: l.combinationId, product_quantity: String(l.qty), product_name: l.name,
        product_reference: l.reference, product_ean13: l.ean13, product_isbn: '', product_upc: '', product_price: f6(l.unitExcl), id_customization: '0',
        unit_price_tax_incl: f6(l.unitIncl), unit_price_tax_excl: f6(l.unitExcl),
      })),
    },
  });
  let invoiceId = '0';
  if (invoiced) {
    invoiceId = String(state.insert('order_invoices', {
      id_order: String(order.id), number: invoiceNumber, delivery_number: '0', delivery_date: '0000-00-00 00:00:00',
      total_discount_tax_excl: money.total_discounts_tax_excl, total_discount_tax_incl: money.total_discounts_tax_incl,
      total_paid_tax_excl: money.total_paid_tax_excl, total_paid_tax_incl: money.total_paid_tax_incl,
      total_products: money.total_products, total_products_wt: money.total_products_wt,
      total_shipping_tax_excl: money.total_shipping_tax_excl, total_shipping_tax_incl: money.total_shipping_tax_incl, shipping_tax_computation_method: '0',
      total_wrapping_tax_excl: money.total_wrapping_tax_excl, total_wrapping_tax_incl: money.total_wrapping_tax_incl, shop_address: '', note: '', date_add: date,
    }).id);
  }
  for (const l of c.lines) {
    state.insert('order_details', {
      id_order: String(order.id), product_id: l.productId, product_attribute_id: l.combinationId, product_quantity_reinjected: '0', group_reduction: '0.00',
      discount_quantity_applied: '0', download_hash: '', download_deadline: '0000-00-00 00:00:00', id_order_invoice: invoiceId, id_warehouse: '0', id_shop: '1',
      id_customization: '0', product_name: l.name, product_quantity: String(l.qty), product_quantity_in_stock: String(l.qty), product_quantity_return: '0',
      product_quantity_refunded: '0', product_price: f6(l.unitExcl), reduction_percent: '0.00', reduction_amount: '0.000000', reduction_amount_tax_incl: '0.000000',
      reduction_amount_tax_excl: '0.000000', product_quantity_discount: '0.000000', product_ean13: l.ean13, product_isbn: '', product_upc: '', product_mpn: '',
      product_reference: l.reference, product_supplier_reference: '', product_weight: f6(l.weight), tax_computation_method: '0', id_tax_rules_group: l.groupId,
      ecotax: '0.000000', ecotax_tax_rate: '0.000', download_nb: '0', unit_price_tax_incl: f6(l.unitIncl), unit_price_tax_excl: f6(l.unitExcl),
      total_price_tax_incl: f6(l.totalIncl), total_price_tax_excl: f6(l.totalExcl), total_shipping_price_tax_excl: '0.000000', total_shipping_price_tax_incl: '0.000000',
      purchase_supplier_price: '0.000000', original_product_price: f6(l.unitExcl), original_wholesale_price: '0.000000', total_refunded_tax_excl: '0.000000', total_refunded_tax_incl: '0.000000',
      associations: { taxes: l.taxId ? [{ id: l.taxId }] : [] },
    });
    // Stock goes down with the order (PS_STOCK_MANAGEMENT).
    const sa = state.list('stock_availables', (s) => s['id_product'] === l.productId && s['id_product_attribute'] === l.combinationId && s['id_shop'] === '1')[0];
    if (sa) sa['quantity'] = String(Number(sa['quantity']) - l.qty);
    if (l.combinationId !== '0') {
      const main = state.list('stock_availables', (s) => s['id_product'] === l.productId && s['id_product_attribute'] === '0' && s['id_shop'] === '1')[0];
      if (main) main['quantity'] = String(Number(main['quantity']) - l.qty);
    }
  }
  state.insert('order_carriers', {
    id_order: String(order.id), id_carrier: String(carrierId), id_order_invoice: invoiceId, weight: f6(c.weight),
    shipping_cost_tax_excl: money.total_shipping_tax_excl, shipping_cost_tax_incl: money.total_shipping_tax_incl, tracking_number: '', date_add: date,
  });
  for (const r of c.rules) {
    state.insert('order_cart_rules', { id_order: String(order.id), id_cart_rule: r.id, id_order_invoice: invoiceId, name: r.name, value: f6(r.value), value_tax_excl: f6(r.valueExcl), free_shipping: r.freeShipping ? '1' : '0', deleted: '0' });
  }
  if (invoiced || !paymentOk) {
    state.insert('order_payments', { order_reference: reference, id_currency: String(input.currencyId ?? 1), amount: f6(paymentOk ? paid : new Decimal(0)), payment_method: order['payment'], conversion_rate: '1.000000', transaction_id: '', card_number: '', card_brand: '', card_expiration: '', card_holder: '', date_add: date, id_employee: null });
  }
  state.insert('order_histories', { id_employee: '0', id_order_state: String(initialState), id_order: String(order.id), date_add: date });
  for (const next of input.then ?? []) {
    const when = next.date ?? date;
    state.insert('order_histories', { id_employee: '0', id_order_state: String(next.state), id_order: String(order.id), date_add: when });
    const ns = state.get('order_states', next.state);
    state.update('orders', order.id, { current_state: String(next.state), valid: ns?.['logable'] === '1' ? '1' : '0', date_upd: when });
  }
  return state.get('orders', order.id)!;
}

/**
 * `POST /api/orders`: the cart gives the lines (and, as the SQL of the recordings did, its cart
 * rules live in `cart_cart_rules` of the simulator state); the answer echoes what was posted.
 */
export function createOrderFromCart(state: PsState, posted: Record<string, unknown>): { stored: PsRow; echo: PsRow } {
  const cart = state.get('carts', String(posted['id_cart'] ?? ''));
  if (!cart) throw new Error(`cart ${String(posted['id_cart'])} does not exist`);
  const rows = cart.associations['cart_rows'] ?? [];
  const ruleIds = cartCartRules.get(state)?.get(cart.id) ?? [];
  const stored = placeOrder(state, {
    customerId: Number(cart['id_customer']), addressId: Number(cart['id_address_delivery']), invoiceAddressId: Number(cart['id_address_invoice']),
    carrierId: Number(cart['id_carrier'] || posted['id_carrier']), lines: rows.map((r: Row) => ({ productId: Number(r['id_product']), combinationId: Number(r['id_product_attribute'] || 0) || undefined, quantity: Number(r['quantity']) })),
    cartRuleIds: ruleIds, gift: cart['gift'] === '1', giftMessage: String(cart['gift_message'] ?? ''), module: String(posted['module'] ?? ''), payment: String(posted['payment'] ?? ''),
    totalPaid: String(posted['total_paid'] ?? '0'), cartId: cart.id, currencyId: Number(cart['id_currency'] || 1), langId: Number(cart['id_lang'] || 1),
  });
  // The answer is the posted object with the real id and order_rows (929's note).
  const echo = state.blank('orders');
  for (const [k, v] of Object.entries(posted)) if (k !== 'associations') echo[k] = v;
  echo.id = stored.id;
  echo['current_state'] = '';
  echo.associations = { order_rows: stored.associations['order_rows'] ?? [] };
  return { stored, echo };
}

/** Cart ↔ cart rule links (ps_cart_cart_rule), which the webservice cannot write (README: set by SQL). */
const cartCartRules = new WeakMap<PsState, Map<number, number[]>>();
export function attachCartRule(state: PsState, cartId: number, cartRuleId: number): void {
  let m = cartCartRules.get(state);
  if (!m) { m = new Map(); cartCartRules.set(state, m); }
  m.set(cartId, [...(m.get(cartId) ?? []), cartRuleId]);
}

/** Gives an order another reference (its payments follow): PrestaShop draws references at random. */
export function setOrderReference(state: PsState, orderId: number, reference: string): void {
  const order = state.get('orders', orderId);
  if (!order) throw new Error(`order ${orderId} does not exist`);
  for (const p of state.list('order_payments', (x) => x['order_reference'] === order['reference'])) p['order_reference'] = reference;
  order['reference'] = reference;
}
