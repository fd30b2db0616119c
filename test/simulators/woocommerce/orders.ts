/**
 * Orders: creation from line items the way WooCommerce's REST controller does it (v3 save_object:
 * items, calculate_totals, coupons through WC_Discounts, status transition, payment_complete),
 * with WooCommerce's rounding rules (per-line tax rounding unless "round at subtotal", half-down
 * tax rounding when prices include tax, cents arithmetic of WC_Discounts). Reproduces the recorded
 * orders 413-421 to the cent, including their inconsistencies (README observations 1-3).
 */
import { hrefs, selfLink, type Sim } from './context.js';
import { activePrice, applyMeta, productName, runBatch } from './catalog.js';
import { clone, floatToString, isPlainObject, num, parseWpDate, phpRound, randomAlnum, wcFormatDecimal, wpDate, wpJsonEncode } from './php.js';
import {
  bodyObject, collectionArgs, POST_LIST_ARGS, EDITABLE, filterFields, makeRoute, ok, pageHeaders, paginate, param, RestError,
  toBool, toIdList, toInt, toList, toStr, type ArgSpec, type RestRequest, type Route,
} from './rest.js';
import type { AddressRec, CouponRec, ItemMetaRec, OrderItemRec, OrderRec, ProductRec, TaxData, TaxRateRec, WooState } from './state.js';
import { calcTax, effectiveTaxClass, findRates, priceExcludingTax, roundTaxTotal, type Location } from './tax.js';

export const ORDER_STATUSES = ['pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed', 'checkout-draft'] as const;
const WRITE_STATUS_ENUM = ['auto-draft', 'pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed', 'checkout-draft'];
const STATUS_LABELS: Record<string, string> = {
  pending: 'Pending payment', processing: 'Processing', 'on-hold': 'On hold', completed: 'Completed', cancelled: 'Cancelled',
  refunded: 'Refunded', failed: 'Failed', 'checkout-draft': 'Draft', 'auto-draft': 'Draft', trash: 'Trash',
};

const ADDRESS_KEYS = ['first_name', 'last_name', 'company', 'address_1', 'address_2', 'city', 'state', 'postcode', 'country'] as const;

export function emptyAddress(withEmail: boolean): AddressRec {
  const base = { first_name: '', last_name: '', company: '', address_1: '', address_2: '', city: '', state: '', postcode: '', country: '' };
  return withEmail ? { ...base, email: '', phone: '' } : { ...base, phone: '' };
}

const ADDRESS_SPEC: ArgSpec = { type: 'object', properties: Object.fromEntries([...ADDRESS_KEYS, 'email', 'phone'].map((k) => [k, { type: 'string' } as ArgSpec])) };
const EMAIL_RE = /^[a-zA-Z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)+$/;

export const ORDER_WRITE_ARGS: Record<string, ArgSpec> = {
  parent_id: { type: 'integer' },
  status: { type: 'string', enum: WRITE_STATUS_ENUM },
  currency: { type: 'string' },
  customer_id: { type: 'integer' },
  customer_note: { type: 'string' },
  billing: ADDRESS_SPEC,
  shipping: ADDRESS_SPEC,
  payment_method: { type: 'string' },
  payment_method_title: { type: 'string' },
  transaction_id: { type: 'string' },
  meta_data: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' } } } },
  line_items: {
    type: 'array',
    items: {
      type: 'object',
      properties: {
        id: { type: 'integer' }, name: { type: 'string' }, product_id: { type: ['integer', 'string'] }, variation_id: { type: ['integer', 'string'] },
        quantity: { type: 'integer' }, tax_class: { type: 'string' }, subtotal: { type: 'string' }, total: { type: 'string' }, sku: { type: 'string' },
      },
    },
  },
  shipping_lines: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, method_title: { type: 'string' }, method_id: { type: 'string' }, instance_id: { type: 'string' }, total: { type: 'string' } } } },
  fee_lines: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' }, tax_class: { type: 'string' }, tax_status: { type: 'string', enum: ['taxable', 'none'] }, total: { type: 'string' } } } },
  coupon_lines: { type: 'array', items: { type: 'object', properties: { id: { type: 'integer' }, code: { type: 'string' } } } },
  set_paid: { type: 'boolean' },
};

// ---- small helpers ------------------------------------------------------------------------------

export function lineItems(o: OrderRec): OrderItemRec[] {
  return o.items.filter((i) => i.type === 'line_item');
}
export function itemsOf(o: OrderRec, type: OrderItemRec['type']): OrderItemRec[] {
  return o.items.filter((i) => i.type === type);
}

export function itemProduct(state: WooState, item: OrderItemRec): ProductRec | undefined {
  const id = item.variationId || item.productId || 0;
  return id ? state.products.get(id) : undefined;
}

function itemTaxStatus(state: WooState, item: OrderItemRec): string {
  if (item.type === 'line_item') return itemProduct(state, item)?.taxStatus ?? 'taxable';
  return item.taxStatus ?? 'taxable';
}

function sumStrings(rec: Record<string, string>): number {
  let s = 0;
  for (const v of Object.values(rec)) s += num(v);
  return s;
}

function mapToStrings(m: Map<number, number>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of m) out[String(k)] = floatToString(v);
  return out;
}

function addItemMeta(state: WooState, item: OrderItemRec, key: string, value: string, displayKey?: string, displayValue?: string): void {
  item.meta.push({ id: state.nextId('itemMeta'), key, value, displayKey, displayValue });
}

// ---- the totals engine --------------------------------------------------------------------------

function taxLocation(state: WooState, o: OrderRec): Location {
  let basedOn = state.option('woocommerce_tax_based_on') || 'shipping';
  if (basedOn === 'shipping' && !o.shipping.country) basedOn = 'billing';
  const a = basedOn === 'billing' ? o.billing : o.shipping;
  let loc: Location = { country: a.country, state: a.state, postcode: a.postcode, city: a.city };
  if (basedOn === 'base' || !loc.country) loc = state.baseLocation();
  return loc;
}

function orderTaxRates(state: WooState, o: OrderRec, taxClass: string): TaxRateRec[] {
  return findRates(state, taxLocation(state, o), taxClass);
}

/** WC_Order_Item_Product / Fee / Shipping ::set_taxes(). */
export function setItemTaxes(state: WooState, item: OrderItemRec, total: Map<number, number> | null, subtotal: Map<number, number> | null): void {
  const data: TaxData = { total: {}, subtotal: {} };
  if (item.type === 'line_item') {
    if (total && subtotal && total.size > 0 && subtotal.size > 0) {
      data.subtotal = mapToStrings(subtotal);
      data.total = mapToStrings(total);
      if (sumStrings(data.subtotal) < sumStrings(data.total)) data.subtotal = { ...data.total };
    }
    item.taxes = data;
    const round = (rec: Record<string, string>) => (state.roundAtSubtotal ? sumStrings(rec) : Object.values(rec).reduce((s, v) => s + roundTaxTotal(state, num(v)), 0));
    item.totalTax = floatToString(round(data.total));
    item.subtotalTax = floatToString(round(data.subtotal));
    return;
  }
  if (total) data.total = mapToStrings(total);
  item.taxes = data;
  const t = state.roundAtSubtotal ? sumStrings(data.total) : Object.values(data.total).reduce((s, v) => s + roundTaxTotal(state, num(v)), 0);
  item.totalTax = floatToString(t);
}

function itemsTaxClasses(state: WooState, o: OrderRec): string[] {
  const out: string[] = [];
  for (const i of lineItems(o)) {
    if (itemTaxStatus(state, i) !== 'taxable') continue;
    const c = i.taxClass ?? '';
    if (!out.includes(c)) out.push(c);
  }
  return out;
}

/** WC_Abstract_Order::calculate_taxes() + update_taxes(). */
function calculateTaxes(sim: Sim, o: OrderRec): void {
  const state = sim.state;
  const loc = taxLocation(state, o);
  let shippingClass: string | false = state.option('woocommerce_shipping_tax_class');
  if (shippingClass === 'inherit') {
    const classes = ['', ...state.taxClasses.filter((c) => c.slug !== 'standard').sort((a, b) => a.name.localeCompare(b.name)).map((c) => c.slug)];
    const present = itemsTaxClasses(state, o);
    const found = classes.find((c) => present.includes(c));
    shippingClass = found === undefined ? false : found;
  }
  const vatExempt = o.metaData.some((m) => m.key === 'is_vat_exempt' && m.value === 'yes');
  for (const item of o.items.filter((i) => i.type === 'line_item' || i.type === 'fee')) {
    const taxable = itemTaxStatus(state, item) === 'taxable' && state.taxEnabled && item.taxClass !== '0' && !vatExempt;
    if (!taxable) {
      setItemTaxes(state, item, null, null);
      continue;
    }
    const rates = findRates(state, loc, item.taxClass ?? '');
    if (item.type === 'line_item') {
      setItemTaxes(state, item, calcTax(num(item.total), rates, false), calcTax(num(item.subtotal), rates, false));
    } else {
      setItemTaxes(state, item, calcTax(num(item.total), rates, false), null);
    }
  }
  for (const item of itemsOf(o, 'shipping')) {
    if (shippingClass !== false && !vatExempt && state.taxEnabled && (item.taxStatus ?? 'taxable') === 'taxable') {
      const rates = findRates(state, loc, shippingClass, true);
      setItemTaxes(state, item, calcTax(num(item.total), rates, false), null);
    } else {
      setItemTaxes(state, item, null, null);
    }
  }
  updateTaxes(sim, o);
}

export function updateTaxes(sim: Sim, o: OrderRec): void {
  const state = sim.state;
  const cart = new Map<number, number>();
  const ship = new Map<number, number>();
  for (const item of o.items.filter((i) => i.type === 'line_item' || i.type === 'fee')) {
    for (const [rid, tax] of Object.entries(item.taxes?.total ?? {})) {
      const amount = state.roundAtSubtotal ? num(tax) : roundTaxTotal(state, num(tax));
      cart.set(Number(rid), (cart.get(Number(rid)) ?? 0) + amount);
    }
  }
  for (const item of itemsOf(o, 'shipping')) {
    for (const [rid, tax] of Object.entries(item.taxes?.total ?? {})) {
      const amount = state.roundAtSubtotal ? num(tax) : roundTaxTotal(state, num(tax));
      ship.set(Number(rid), (ship.get(Number(rid)) ?? 0) + amount);
    }
  }
  const saved: number[] = [];
  for (const t of itemsOf(o, 'tax')) {
    const rid = t.rateId ?? 0;
    if ((!cart.has(rid) && !ship.has(rid)) || saved.includes(rid)) {
      o.items.splice(o.items.indexOf(t), 1);
      continue;
    }
    saved.push(rid);
    fillTaxItem(state, t, rid, cart.get(rid) ?? 0, ship.get(rid) ?? 0);
  }
  const newIds: number[] = [];
  for (const rid of [...cart.keys(), ...ship.keys()]) if (!saved.includes(rid) && !newIds.includes(rid)) newIds.push(rid);
  for (const rid of newIds) {
    const t: OrderItemRec = { id: state.nextId('orderItem'), type: 'tax', name: '', meta: [] };
    fillTaxItem(state, t, rid, cart.get(rid) ?? 0, ship.get(rid) ?? 0);
    o.items.push(t);
  }
  let shippingTax = 0;
  for (const v of ship.values()) shippingTax += v;
  let cartTax = 0;
  for (const v of cart.values()) cartTax += v;
  o.shippingTax = floatToString(shippingTax);
  o.cartTax = floatToString(cartTax);
  o.totalTax = floatToString(phpRound(num(o.cartTax) + num(o.shippingTax), state.priceDecimals));
}

function fillTaxItem(state: WooState, t: OrderItemRec, rateId: number, cartTax: number, shippingTax: number): void {
  const rate = state.taxes.get(rateId);
  t.rateId = rateId;
  t.rateCode = rate ? [rate.country, rate.state, rate.name || 'TAX', String(rate.priority)].filter((x) => x !== '' && x !== '0').join('-').toUpperCase() : '';
  t.label = rate?.name || 'Tax';
  t.name = t.rateCode;
  t.compound = rate?.compound ?? false;
  t.ratePercent = rate ? Number.parseFloat(rate.rate) : 0;
  t.taxTotal = floatToString(cartTax);
  t.shippingTaxTotal = floatToString(shippingTax);
}

function addPrecision(state: WooState, v: number, round = true): number {
  const x = v * 10 ** state.priceDecimals;
  return round ? phpRound(x, 6 - state.priceDecimals) : x;
}
function removePrecision(state: WooState, v: number): number {
  return v / 10 ** state.priceDecimals;
}

function roundedItemsTotal(state: WooState, values: number[]): number {
  return values.reduce((s, v) => s + (state.roundAtSubtotal ? v : phpRound(v)), 0);
}

/** WC_Abstract_Order::calculate_totals(). */
export function calculateTotals(sim: Sim, o: OrderRec, andTaxes = true): void {
  const state = sim.state;
  const dp = state.priceDecimals;
  const items = lineItems(o);
  const cartSubtotal = removePrecision(state, roundedItemsTotal(state, items.map((i) => addPrecision(state, num(i.subtotal), false))));
  const cartTotal = removePrecision(state, roundedItemsTotal(state, items.map((i) => addPrecision(state, num(i.total), false))));
  let shippingTotal = 0;
  for (const s of itemsOf(o, 'shipping')) shippingTotal += phpRound(num(s.total), dp);
  o.shippingTotal = floatToString(shippingTotal);
  let feesTotal = 0;
  for (const f of itemsOf(o, 'fee')) {
    const total = num(f.total);
    if (total < 0) {
      const max = phpRound(cartTotal + feesTotal + shippingTotal, dp) * -1;
      if (total < max && max < 0) f.total = floatToString(max);
    }
    feesTotal += num(f.total);
  }
  if (andTaxes) calculateTaxes(sim, o);
  let cartSubtotalTax = 0;
  let cartTotalTax = 0;
  for (const i of items) {
    for (const t of Object.values(i.taxes?.total ?? {})) cartTotalTax += num(t);
    for (const t of Object.values(i.taxes?.subtotal ?? {})) cartSubtotalTax += num(t);
  }
  o.discountTotal = floatToString(phpRound(cartSubtotal - cartTotal, dp));
  o.discountTax = floatToString(roundTaxTotal(state, cartSubtotalTax - cartTotalTax));
  o.total = wcFormatDecimal(phpRound(cartTotal + feesTotal + shippingTotal + num(o.cartTax) + num(o.shippingTax), dp), dp);
}

// ---- coupons (WC_Discounts) ---------------------------------------------------------------------

/** wc_round_discount($value, 0): WC_DISCOUNT_ROUNDING_MODE is PHP_ROUND_HALF_DOWN. */
function roundDiscount(cents: number): number {
  return phpRound(cents, 0, 'half_down');
}

interface DiscountItem { key: number; item: OrderItemRec; product: ProductRec | undefined; quantity: number; price: number }

class Discounts {
  readonly items: DiscountItem[];
  readonly discounts = new Map<string, Map<number, number>>();

  constructor(private readonly sim: Sim, private readonly order: OrderRec) {
    const state = sim.state;
    const list = lineItems(order).map((i) => {
      let price = addPrecision(state, num(i.subtotal));
      if (order.pricesIncludeTax) price += addPrecision(state, num(i.subtotalTax));
      return { key: i.id, item: i, product: itemProduct(state, i), quantity: i.quantity ?? 0, price };
    });
    // uasort(sort_by_price): by UNIT price, descending, stable. `price` is the line subtotal, so
    // WooCommerce 10 divides by the quantity (PR #58013, in 10.0; before it multiplied, which
    // put the remainder cents on the wrong line).
    const unit = (x: DiscountItem) => (x.quantity > 1 ? x.price / x.quantity : x.price);
    this.items = list
      .map((x, idx) => ({ x, idx }))
      .sort((a, b) => {
        const pa = unit(a.x);
        const pb = unit(b.x);
        return pa === pb ? a.idx - b.idx : pa < pb ? 1 : -1;
      })
      .map((e) => e.x);
  }

  private discountInCents(key: number): number {
    let s = 0;
    for (const m of this.discounts.values()) s += m.get(key) ?? 0;
    return s;
  }

  private discountedPriceInCents(item: DiscountItem): number {
    return Math.abs(Math.trunc(phpRound(item.price - this.discountInCents(item.key))));
  }

  private add(code: string, key: number, amount: number): void {
    const m = this.discounts.get(code)!;
    m.set(key, (m.get(key) ?? 0) + amount);
  }

  validate(coupon: CouponRec, others: CouponRec[]): void {
    const state = this.sim.state;
    const code = coupon.code;
    const err = (msg: string) => new RestError('woocommerce_rest_invalid_coupon', msg, 400);
    if (coupon.dateExpires && coupon.dateExpires.getTime() < state.now().getTime()) throw err(`Coupon "${code}" has expired.`);
    if (coupon.usageLimit !== null && coupon.usageLimit > 0 && coupon.usageCount >= coupon.usageLimit) throw err(`Usage limit for coupon "${code}" has been reached.`);
    const subtotal = this.items.reduce((s, i) => s + i.price, 0);
    if (num(coupon.minimumAmount) > 0 && removePrecision(state, subtotal) < num(coupon.minimumAmount)) {
      throw err(`The minimum spend for coupon "${code}" is ${coupon.minimumAmount}.`);
    }
    if (num(coupon.maximumAmount) > 0 && removePrecision(state, subtotal) > num(coupon.maximumAmount)) {
      throw err(`The maximum spend for coupon "${code}" is ${coupon.maximumAmount}.`);
    }
    if (coupon.emailRestrictions.length > 0) {
      const email = (this.order.billing.email ?? '').toLowerCase();
      if (!coupon.emailRestrictions.some((e) => e.toLowerCase() === email)) throw err(`Sorry, coupon "${code}" is not applicable to your email address.`);
    }
    for (const other of others) {
      if (other.individualUse || coupon.individualUse) {
        throw err(`Sorry, coupon "${other.individualUse ? other.code : code}" has already been applied and cannot be used in conjunction with other coupons.`);
      }
    }
    if (coupon.discountType !== 'fixed_cart' && !this.items.some((i) => this.validForProduct(coupon, i.product))) {
      throw err(`Sorry, coupon "${code}" is not applicable to selected products.`);
    }
  }

  private validForProduct(coupon: CouponRec, product: ProductRec | undefined): boolean {
    if (!product) return false;
    const state = this.sim.state;
    const productCats = (product.type === 'variation' ? state.products.get(product.parentId)?.categoryIds : product.categoryIds) ?? [];
    const ids = [product.id, product.parentId];
    let valid = false;
    if (coupon.productIds.length > 0 && ids.some((i) => coupon.productIds.includes(i))) valid = true;
    if (coupon.productCategories.length > 0 && productCats.some((c) => coupon.productCategories.includes(c))) valid = true;
    if (coupon.productIds.length === 0 && coupon.productCategories.length === 0) valid = true;
    if (coupon.excludedProductIds.length > 0 && ids.some((i) => coupon.excludedProductIds.includes(i))) valid = false;
    if (coupon.excludedProductCategories.length > 0 && productCats.some((c) => coupon.excludedProductCategories.includes(c))) valid = false;
    if (coupon.excludeSaleItems && product.salePrice !== '') valid = false;
    return valid;
  }

  apply(coupon: CouponRec): void {
    const code = coupon.code;
    if (!this.discounts.has(code)) this.discounts.set(code, new Map(this.items.map((i) => [i.key, 0])));
    const toApply = this.items.filter((i) => this.discountedPriceInCents(i) !== 0 && i.quantity > 0)
      .filter((i) => this.validForProduct(coupon, i.product) || coupon.discountType === 'fixed_cart');
    switch (coupon.discountType) {
      case 'percent': this.percent(coupon, toApply); break;
      case 'fixed_product': this.fixedProduct(coupon, toApply); break;
      default: this.fixedCart(coupon, toApply); break;
    }
  }

  private percent(coupon: CouponRec, items: DiscountItem[]): number {
    const state = this.sim.state;
    let total = 0;
    let cartTotal = 0;
    const limit = coupon.limitUsageToXItems ?? 0;
    let applied = 0;
    const amount = num(coupon.amount);
    for (const item of items) {
      const discounted = this.discountedPriceInCents(item);
      let price = state.option('woocommerce_calc_discounts_sequentially') === 'yes' ? discounted : phpRound(item.price);
      const qty = limit && limit - applied < item.quantity ? limit - applied : item.quantity;
      price = (price / item.quantity) * Math.max(0, qty);
      // wc_round_discount(min(discounted_price, floor(...)), 0)
      const discount = roundDiscount(Math.min(discounted, Math.floor(price * (amount / 100))));
      this.add(coupon.code, item.key, discount);
      total += discount;
      applied += qty;
      cartTotal += price;
    }
    const cartDiscount = roundDiscount(cartTotal * (amount / 100));
    if (total < cartDiscount) total += this.remainder(coupon, items, cartDiscount - total);
    return total;
  }

  private fixedProduct(coupon: CouponRec, items: DiscountItem[], amountIn?: number): number {
    const state = this.sim.state;
    const amount = amountIn ?? addPrecision(state, num(coupon.amount));
    let total = 0;
    const limit = coupon.limitUsageToXItems ?? 0;
    let applied = 0;
    for (const item of items) {
      const discounted = this.discountedPriceInCents(item);
      let discount: number;
      let qty: number;
      if (limit) {
        qty = Math.max(0, limit - applied < item.quantity ? limit - applied : item.quantity);
        discount = Math.min(amount, item.price / item.quantity) * qty;
      } else {
        qty = item.quantity;
        discount = amount * qty;
      }
      discount = Math.min(discounted, discount);
      total += discount;
      applied += qty;
      this.add(coupon.code, item.key, discount);
    }
    return total;
  }

  private fixedCart(coupon: CouponRec, itemsIn: DiscountItem[], amountIn?: number): number {
    const state = this.sim.state;
    let total = 0;
    const amount = amountIn ?? addPrecision(state, num(coupon.amount));
    const items = itemsIn.filter((i) => this.discountedPriceInCents(i) > 0);
    const count = items.reduce((s, i) => s + i.quantity, 0);
    if (!count) return 0;
    if (!amount) return 0;
    const perItem = Math.abs(Math.trunc(amount / count));
    if (perItem > 0) {
      total = this.fixedProduct(coupon, items, perItem);
      if (total > 0 && total < amount) total += this.fixedCart(coupon, items, amount - total);
    } else if (amount > 0) {
      total += this.remainder(coupon, items, amount);
    }
    return total;
  }

  private remainder(coupon: CouponRec, items: DiscountItem[], amount: number): number {
    let total = 0;
    outer: for (const item of items) {
      for (let i = 0; i < item.quantity; i++) {
        const price = this.discountedPriceInCents(item);
        const discount = Math.min(price, 1);
        total += discount;
        this.add(coupon.code, item.key, discount);
        if (total >= amount) break outer;
      }
      if (total >= amount) break;
    }
    return total;
  }

  byItem(): Map<number, number> {
    const out = new Map<number, number>();
    for (const m of this.discounts.values()) for (const [k, v] of m) out.set(k, (out.get(k) ?? 0) + v);
    for (const [k, v] of out) out.set(k, removePrecision(this.sim.state, v));
    return out;
  }
  byCoupon(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [code, m] of this.discounts) {
      let s = 0;
      for (const v of m.values()) s += v;
      out.set(code, removePrecision(this.sim.state, s));
    }
    return out;
  }
  perCoupon(code: string): Map<number, number> {
    const out = new Map<number, number>();
    for (const [k, v] of this.discounts.get(code) ?? new Map<number, number>()) out.set(k, removePrecision(this.sim.state, v));
    return out;
  }
}

/** WC_Abstract_Order::recalculate_coupons(). */
function recalculateCoupons(sim: Sim, o: OrderRec): void {
  const state = sim.state;
  for (const i of lineItems(o)) {
    i.total = i.subtotal;
    i.totalTax = i.subtotalTax;
  }
  const discounts = new Discounts(sim, o);
  for (const c of itemsOf(o, 'coupon')) {
    const coupon = state.couponByCode(c.code ?? '');
    if (coupon) discounts.apply(coupon);
  }
  // set_coupon_discount_amounts
  const loc = taxLocation(state, o);
  for (const [code, amount] of discounts.byCoupon()) {
    const ci = itemsOf(o, 'coupon').find((c) => c.code === code);
    if (!ci) continue;
    ci.discount = floatToString(amount);
    ci.discountTax = '0';
    if (state.taxEnabled) {
      let discountTax = 0;
      for (const [itemId, itemDiscount] of discounts.perCoupon(code)) {
        const item = o.items.find((x) => x.id === itemId);
        if (!item || itemTaxStatus(state, item) !== 'taxable') continue;
        let taxes = 0;
        for (const v of calcTax(itemDiscount, findRates(state, loc, item.taxClass ?? ''), o.pricesIncludeTax).values()) taxes += v;
        if (!state.roundAtSubtotal) taxes = roundTaxTotal(state, taxes);
        discountTax += taxes;
      }
      ci.discountTax = floatToString(roundTaxTotal(state, discountTax));
      if (o.pricesIncludeTax) ci.discount = floatToString(amount - num(ci.discountTax));
    }
  }
  // set_item_discount_amounts
  for (const [itemId, amountIn] of discounts.byItem()) {
    const item = o.items.find((x) => x.id === itemId);
    if (!item) continue;
    let amount = amountIn;
    if (o.pricesIncludeTax && state.taxEnabled && itemTaxStatus(state, item) === 'taxable') {
      let taxes = 0;
      for (const v of calcTax(amount, orderTaxRates(state, o, item.taxClass ?? ''), true).values()) taxes += v;
      amount -= taxes;
    }
    item.total = floatToString(Math.max(0, num(item.total) - amount));
  }
  calculateTotals(sim, o, true);
}

function applyCoupon(sim: Sim, o: OrderRec, rawCode: string): void {
  const state = sim.state;
  const code = rawCode.trim().toLowerCase();
  const coupon = state.couponByCode(code);
  if (!coupon || coupon.status !== 'publish') {
    throw new RestError('woocommerce_rest_invalid_coupon', `Coupon "${code}" cannot be applied because it does not exist.`, 400);
  }
  if (itemsOf(o, 'coupon').some((c) => c.code === code)) {
    throw new RestError('woocommerce_rest_invalid_coupon', `Coupon code "${code}" already applied!`, 400);
  }
  const others = itemsOf(o, 'coupon').map((c) => state.couponByCode(c.code ?? '')).filter((c): c is CouponRec => c !== undefined);
  const check = new Discounts(sim, o);
  check.validate(coupon, others);
  const amount = num(coupon.amount);
  const info = [coupon.id, coupon.code, coupon.discountType === 'fixed_cart' ? null : coupon.discountType, amount, ...(coupon.freeShipping ? [true] : [])];
  const item: OrderItemRec = {
    id: state.nextId('orderItem'), type: 'coupon', name: coupon.code, code: coupon.code, discount: '0', discountTax: '0', meta: [],
    discountType: coupon.discountType, nominalAmount: amount, freeShipping: coupon.freeShipping,
  };
  addItemMeta(state, item, 'coupon_info', wpJsonEncode(info));
  o.items.push(item);
  recalculateCoupons(sim, o);
  coupon.usageCount += 1;
  coupon.usedBy.push(o.customerId ? String(o.customerId) : o.billing.email ?? '');
}

// ---- status, stock, notes -----------------------------------------------------------------------

export function addNote(sim: Sim, o: OrderRec, note: string, customerNote = false, author = 'WooCommerce'): void {
  sim.state.orderNotes.set({ id: sim.state.nextId('comment'), orderId: o.id, author, date: sim.state.now(), note, customerNote });
}

function formattedName(state: WooState, p: ProductRec): string {
  return `${productName(state, p)} (${p.sku || '#' + p.id})`;
}

function reduceStock(sim: Sim, o: OrderRec): void {
  const state = sim.state;
  if (o.stockReduced) return;
  const changes: string[] = [];
  for (const item of lineItems(o)) {
    const p = itemProduct(state, item);
    if (!p || !p.manageStock || item.meta.some((m) => m.key === '_reduced_stock')) continue;
    const qty = item.quantity ?? 0;
    const from = p.stockQuantity ?? 0;
    p.stockQuantity = from - qty;
    p.dateModified = state.now();
    if (p.type === 'variation') {
      const parent = state.products.get(p.parentId);
      if (parent) parent.dateModified = state.now();
    }
    addItemMeta(state, item, '_reduced_stock', String(qty));
    changes.push(`${formattedName(state, p)} ${from}&rarr;${p.stockQuantity}`);
    sim.hook('product', 'updated', p.id);
  }
  o.stockReduced = true;
  if (changes.length > 0) addNote(sim, o, `Stock levels reduced: ${changes.join(', ')}`);
}

function increaseStock(sim: Sim, o: OrderRec): void {
  const state = sim.state;
  if (!o.stockReduced) return;
  const changes: string[] = [];
  for (const item of lineItems(o)) {
    const meta = item.meta.find((m) => m.key === '_reduced_stock');
    const p = itemProduct(state, item);
    if (!meta || !p || !p.manageStock) continue;
    const qty = toInt(meta.value, 0);
    const from = p.stockQuantity ?? 0;
    p.stockQuantity = from + qty;
    p.dateModified = state.now();
    item.meta.splice(item.meta.indexOf(meta), 1);
    changes.push(`${formattedName(state, p)} ${from}&rarr;${p.stockQuantity}`);
    sim.hook('product', 'updated', p.id);
  }
  o.stockReduced = false;
  if (changes.length > 0) addNote(sim, o, `Stock levels increased: ${changes.join(', ')}`);
}

function recordSales(sim: Sim, o: OrderRec): void {
  if (o.recordedSales) return;
  for (const item of lineItems(o)) {
    const p = item.productId ? sim.state.products.get(item.productId) : undefined;
    if (p) p.totalSales += item.quantity ?? 0;
  }
  o.recordedSales = true;
}

function markPayingCustomer(sim: Sim, o: OrderRec): void {
  if (!o.customerId || o.parentId) return;
  const c = sim.state.customers.get(o.customerId);
  if (c && !c.isPayingCustomer) {
    c.isPayingCustomer = true;
    c.dateModified = sim.state.now();
  }
}

/** WC_Order::set_status() + save() + status_transition(). */
export function setStatus(sim: Sim, o: OrderRec, to: string): void {
  const from = o.status;
  if (from === to) return;
  o.status = to;
  const now = sim.state.now();
  if ((to === 'processing' || to === 'completed') && !o.datePaid) o.datePaid = now;
  if (to === 'completed') o.dateCompleted = now;
  if (to === 'processing' || to === 'completed' || to === 'on-hold') {
    reduceStock(sim, o);
    recordSales(sim, o);
  }
  if (to === 'cancelled' || to === 'pending') increaseStock(sim, o);
  if (to === 'completed') markPayingCustomer(sim, o);
  if (from) addNote(sim, o, `Order status changed from ${STATUS_LABELS[from] ?? from} to ${STATUS_LABELS[to] ?? to}.`);
}

function needsProcessing(state: WooState, o: OrderRec): boolean {
  return lineItems(o).some((i) => {
    const p = itemProduct(state, i);
    return p ? !(p.downloadable && p.virtual) : false;
  });
}

function paymentComplete(sim: Sim, o: OrderRec, transactionId: string): void {
  if (!['on-hold', 'pending', 'failed', 'cancelled'].includes(o.status)) return;
  if (transactionId) o.transactionId = transactionId;
  if (!o.datePaid) o.datePaid = sim.state.now();
  setStatus(sim, o, needsProcessing(sim.state, o) ? 'processing' : 'completed');
  markPayingCustomer(sim, o);
}

// ---- items from the request ---------------------------------------------------------------------

function productFor(state: WooState, posted: Record<string, unknown>, action: 'create' | 'update'): ProductRec | undefined | null {
  let id = 0;
  if (posted.sku !== undefined && posted.sku !== '') {
    const p = state.productBySku(toStr(posted.sku));
    id = p ? p.id : 0;
  } else if (toInt(posted.product_id, 0) && !toInt(posted.variation_id, 0)) id = toInt(posted.product_id);
  else if (toInt(posted.variation_id, 0)) id = toInt(posted.variation_id);
  else if (action === 'update') return null;
  else throw new RestError('woocommerce_rest_required_product_reference', 'Product ID or SKU is required.', 400);
  return id ? state.products.get(id) : undefined;
}

function setLineItem(sim: Sim, o: OrderRec, posted: Record<string, unknown>, existing?: OrderItemRec): OrderItemRec {
  const state = sim.state;
  const action = existing ? 'update' : 'create';
  const item: OrderItemRec = existing ?? { id: 0, type: 'line_item', name: '', meta: [], productId: 0, variationId: 0, quantity: 1, taxClass: '', subtotal: '0', subtotalTax: '0', total: '0', totalTax: '0', taxes: { total: {}, subtotal: {} } };
  const product = productFor(state, posted, action);
  const current = item.variationId || item.productId;
  if (product && product.id !== current) {
    if (product.type === 'variation') {
      item.productId = product.parentId;
      item.variationId = product.id;
      item.meta = item.meta.filter((m) => !m.key.startsWith('pa_') && !product.variationAttributes.some((a) => a.name === m.key));
      for (const a of product.variationAttributes) {
        if (a.option === '') continue;
        const attr = a.id ? state.attributes.get(a.id) : undefined;
        const term = attr ? state.terms.find((t) => t.taxonomy === attr.slug && t.slug === a.option) : undefined;
        addItemMeta(state, item, attr ? attr.slug : a.name, a.option, attr ? attr.name : a.name, term ? term.name : a.option);
      }
    } else {
      item.productId = product.id;
      item.variationId = 0;
    }
    item.name = productName(state, product);
    item.taxClass = effectiveTaxClass(state, product);
    if (action === 'create') {
      const qty = posted.quantity !== undefined ? toInt(posted.quantity, 1) : 1;
      const price = Number.parseFloat(activePrice(state, product) || '0') || 0;
      const total = priceExcludingTax(state, product, Math.max(0, price), Math.max(0, qty));
      item.total = floatToString(total);
      item.subtotal = floatToString(total);
    }
  }
  if (posted.name !== undefined) item.name = toStr(posted.name);
  if (posted.quantity !== undefined) item.quantity = toInt(posted.quantity, 1);
  if (posted.total !== undefined) item.total = wcFormatDecimal(toStr(posted.total));
  if (posted.subtotal !== undefined) item.subtotal = wcFormatDecimal(toStr(posted.subtotal));
  if (posted.tax_class !== undefined) item.taxClass = toStr(posted.tax_class);
  if (Array.isArray(posted.meta_data)) applyItemMeta(state, item.meta, posted.meta_data);
  return item;
}

function applyItemMeta(state: WooState, meta: ItemMetaRec[], input: unknown[]): void {
  for (const raw of input) {
    if (!isPlainObject(raw)) continue;
    const key = toStr(raw.key);
    const value = toStr(raw.value);
    const id = toInt(raw.id, 0);
    const existing = id ? meta.find((m) => m.id === id) : meta.find((m) => m.key === key);
    if (existing) {
      existing.value = value;
      existing.displayValue = undefined;
    } else if (key) meta.push({ id: state.nextId('itemMeta'), key, value });
  }
}

function setShippingLine(posted: Record<string, unknown>, existing?: OrderItemRec): OrderItemRec {
  const item: OrderItemRec = existing ?? { id: 0, type: 'shipping', name: '', meta: [], methodId: '', instanceId: '', total: '0', totalTax: '0', taxes: { total: {}, subtotal: {} }, taxStatus: 'taxable' };
  if (posted.method_title !== undefined) item.name = toStr(posted.method_title);
  if (posted.method_id !== undefined) item.methodId = toStr(posted.method_id);
  if (posted.instance_id !== undefined) item.instanceId = toStr(posted.instance_id);
  if (posted.total !== undefined) item.total = wcFormatDecimal(toStr(posted.total));
  return item;
}

function setFeeLine(posted: Record<string, unknown>, existing?: OrderItemRec): OrderItemRec {
  const item: OrderItemRec = existing ?? { id: 0, type: 'fee', name: '', meta: [], taxClass: '', taxStatus: 'taxable', amount: '', total: '0', totalTax: '0', taxes: { total: {}, subtotal: {} } };
  if (posted.name !== undefined) item.name = toStr(posted.name);
  if (posted.tax_class !== undefined) item.taxClass = toStr(posted.tax_class);
  if (posted.tax_status !== undefined) item.taxStatus = toStr(posted.tax_status);
  if (posted.total !== undefined) item.total = wcFormatDecimal(toStr(posted.total));
  return item;
}

function setAddress(target: AddressRec, input: unknown, withEmail: boolean): void {
  if (!isPlainObject(input)) return;
  for (const k of [...ADDRESS_KEYS, 'phone'] as const) if (input[k] !== undefined) target[k] = toStr(input[k]);
  if (withEmail && input.email !== undefined) {
    const email = toStr(input.email).trim();
    if (email !== '' && !EMAIL_RE.test(email)) throw new RestError('order_invalid_billing_email', 'Invalid billing email address', 400);
    target.email = email;
  }
}

/** v3 prepare_object_for_database(): props and items, in schema order. Returns whether items changed. */
function applyOrderProps(sim: Sim, o: OrderRec, b: Record<string, unknown>): void {
  const state = sim.state;
  if (b.parent_id !== undefined) o.parentId = toInt(b.parent_id, 0);
  if (b.currency !== undefined) o.currency = toStr(b.currency);
  if (b.customer_id !== undefined) o.customerId = toInt(b.customer_id, 0);
  if (b.customer_note !== undefined) o.customerNote = toStr(b.customer_note);
  if (b.billing !== undefined) setAddress(o.billing, b.billing, true);
  if (b.shipping !== undefined) setAddress(o.shipping, b.shipping, false);
  if (b.payment_method !== undefined) o.paymentMethod = toStr(b.payment_method);
  if (b.payment_method_title !== undefined) o.paymentMethodTitle = toStr(b.payment_method_title);
  if (b.transaction_id !== undefined) o.transactionId = toStr(b.transaction_id);
  if (b.meta_data !== undefined) applyMeta(state, o.metaData, b.meta_data, 'orderMeta');
  const groups: [string, (p: Record<string, unknown>, e?: OrderItemRec) => OrderItemRec, OrderItemRec['type']][] = [
    ['line_items', (p, e) => setLineItem(sim, o, p, e), 'line_item'],
    ['shipping_lines', setShippingLine, 'shipping'],
    ['fee_lines', setFeeLine, 'fee'],
  ];
  for (const [key, fn, type] of groups) {
    const list = b[key];
    if (!Array.isArray(list)) continue;
    for (const posted of list) {
      if (!isPlainObject(posted)) continue;
      const id = toInt(posted.id, 0);
      if (id && (posted.quantity === 0 || posted.quantity === '0' || posted.quantity === null) && type === 'line_item') {
        const idx = o.items.findIndex((i) => i.id === id);
        if (idx >= 0) o.items.splice(idx, 1);
        continue;
      }
      if (id && type !== 'line_item' && posted.method_id === null) {
        const idx = o.items.findIndex((i) => i.id === id);
        if (idx >= 0) o.items.splice(idx, 1);
        continue;
      }
      if (id) {
        const existing = o.items.find((i) => i.id === id && i.type === type);
        if (!existing) throw new RestError('woocommerce_rest_invalid_item_id', 'Order item ID provided is not associated with order.', 400);
        fn(posted, existing);
      } else {
        const item = fn(posted);
        (item as { pending?: boolean }).pending = true;
        o.items.push(item);
      }
    }
  }
}

/** Assigns ids to new items in WooCommerce's save order (line items, shipping, fees). */
function saveItems(state: WooState, o: OrderRec): void {
  for (const type of ['line_item', 'shipping', 'fee'] as const) {
    for (const item of o.items) {
      const pending = item as OrderItemRec & { pending?: boolean };
      if (item.type === type && pending.pending) {
        item.id = state.nextId('orderItem');
        delete pending.pending;
      }
    }
  }
}

export function newOrder(sim: Sim): OrderRec {
  const state = sim.state;
  const now = state.now();
  return {
    id: 0, parentId: 0, status: 'pending', currency: state.currency, version: '10.0.2', pricesIncludeTax: state.pricesIncludeTax,
    dateCreated: now, dateModified: now, discountTotal: '0', discountTax: '0', shippingTotal: '0', shippingTax: '0', cartTax: '0',
    total: '0', totalTax: '0', customerId: 0, orderKey: `wc_order_${randomAlnum(13)}`, billing: emptyAddress(true), shipping: emptyAddress(false),
    paymentMethod: '', paymentMethodTitle: '', transactionId: '', customerIpAddress: '', customerUserAgent: '', createdVia: 'rest-api',
    customerNote: '', dateCompleted: null, datePaid: null, cartHash: '', metaData: [], items: [], stockReduced: false, recordedSales: false,
  };
}

function checkCustomer(state: WooState, b: Record<string, unknown>): void {
  const cid = b.customer_id;
  if (cid !== undefined && cid !== null && toInt(cid, 0) !== 0 && !state.customers.get(toInt(cid))) {
    throw new RestError('woocommerce_rest_invalid_customer_id', 'Customer ID is invalid.', 400);
  }
}

function applyCouponLines(sim: Sim, o: OrderRec, b: Record<string, unknown>): void {
  if (!Array.isArray(b.coupon_lines)) return;
  // calculate_coupons(): remove every coupon first (each removal recalculates), then apply.
  for (const c of itemsOf(o, 'coupon')) {
    o.items.splice(o.items.indexOf(c), 1);
    const coupon = sim.state.couponByCode(c.code ?? '');
    if (coupon && coupon.usageCount > 0) {
      coupon.usageCount -= 1;
      const idx = coupon.usedBy.lastIndexOf(o.customerId ? String(o.customerId) : o.billing.email ?? '');
      if (idx >= 0) coupon.usedBy.splice(idx, 1);
    }
    recalculateCoupons(sim, o);
  }
  for (const raw of b.coupon_lines) {
    if (!isPlainObject(raw) || toInt(raw.id, 0)) continue;
    if (raw.code === undefined || toStr(raw.code) === '') throw new RestError('woocommerce_rest_invalid_coupon', 'Coupon code is required.', 400);
    applyCoupon(sim, o, toStr(raw.code));
  }
}

export async function createOrder(sim: Sim, b: Record<string, unknown>): Promise<OrderRec> {
  const state = sim.state;
  checkCustomer(state, b);
  const o = newOrder(sim);
  applyOrderProps(sim, o, b);
  o.id = state.nextId('post');
  saveItems(state, o);
  o.createdVia = 'rest-api';
  o.pricesIncludeTax = state.pricesIncludeTax;
  calculateTotals(sim, o, true);
  state.orders.set(o);
  try {
    applyCouponLines(sim, o, b);
  } catch (e) {
    state.orders.delete(o.id);
    throw e;
  }
  if (b.status !== undefined && toStr(b.status) !== '') setStatus(sim, o, toStr(b.status));
  o.dateModified = state.now();
  if (b.set_paid === true || b.set_paid === 'true' || b.set_paid === 1 || b.set_paid === '1') paymentComplete(sim, o, toStr(b.transaction_id));
  sim.hook('order', 'created', o.id);
  return o;
}

export async function updateOrder(sim: Sim, o: OrderRec, b: Record<string, unknown>): Promise<void> {
  const state = sim.state;
  checkCustomer(state, b);
  applyOrderProps(sim, o, b);
  saveItems(state, o);
  if (['billing', 'shipping', 'line_items', 'shipping_lines', 'fee_lines', 'coupon_lines'].some((k) => b[k] !== undefined)) {
    calculateTotals(sim, o, true);
  }
  applyCouponLines(sim, o, b);
  if (b.status !== undefined && toStr(b.status) !== '') setStatus(sim, o, toStr(b.status));
  o.dateModified = state.now();
  const setPaid = b.set_paid === true || b.set_paid === 'true' || b.set_paid === 1 || b.set_paid === '1';
  if (setPaid && ['pending', 'failed'].includes(o.status) && num(o.total) > 0) paymentComplete(sim, o, toStr(b.transaction_id));
  sim.hook('order', 'updated', o.id);
}

// ---- serialisation ------------------------------------------------------------------------------

export function dpOf(state: WooState, req?: RestRequest): number {
  const v = req ? param(req, 'dp') : undefined;
  return v !== undefined && v !== '' ? Math.max(0, toInt(v, state.priceDecimals)) : state.priceDecimals;
}

export function fmt(v: string | undefined, dp: number): string {
  return wcFormatDecimal(v ?? '0', dp);
}

function taxesOut(t: TaxData | undefined, dp: number, withSubtotal: boolean): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const [rid, total] of Object.entries(t?.total ?? {})) {
    const sub = t?.subtotal?.[rid];
    out.push({ id: Number(rid), total: fmt(total, dp), subtotal: withSubtotal && sub !== undefined ? fmt(sub, dp) : '' });
  }
  return out;
}

function itemMetaOut(m: ItemMetaRec[]): Record<string, unknown>[] {
  return m.map((x) => ({ id: x.id, key: x.key, value: x.value, display_key: x.displayKey ?? x.key, display_value: x.displayValue ?? x.value }));
}

/** The item arrays of an order (or a refund) as get_order_item_data() formats them. */
export function itemsResponse(sim: Sim, o: OrderRec, dp: number): Record<'line_items' | 'tax_lines' | 'shipping_lines' | 'fee_lines' | 'coupon_lines', Record<string, unknown>[]> {
  const state = sim.state;
  const lineOut = lineItems(o).map((i) => {
    const p = itemProduct(state, i);
    const parent = p?.type === 'variation' ? state.products.get(p.parentId) : undefined;
    const imageId = p?.imageIds[0] ?? (p?.type === 'variation' ? parent?.imageIds[0] : undefined);
    const image = imageId !== undefined ? state.media.get(imageId) : undefined;
    const qty = i.quantity ?? 0;
    return {
      id: i.id,
      name: i.name,
      product_id: i.productId ?? 0,
      variation_id: i.variationId ?? 0,
      quantity: qty,
      tax_class: i.taxClass ?? '',
      subtotal: fmt(i.subtotal, dp),
      subtotal_tax: fmt(i.subtotalTax, dp),
      total: fmt(i.total, dp),
      total_tax: fmt(i.totalTax, dp),
      taxes: taxesOut(i.taxes, dp, true),
      meta_data: itemMetaOut(i.meta),
      sku: p ? p.sku : null,
      price: qty ? num(i.total) / qty : 0,
      image: image ? { id: image.id, src: image.sourceUrl } : { id: p?.type === 'variation' ? 0 : '', src: '' },
      parent_name: parent ? parent.name : null,
    };
  });
  const taxOut = itemsOf(o, 'tax').map((t) => ({
    id: t.id, rate_code: t.rateCode, rate_id: t.rateId, label: t.label, compound: t.compound ?? false,
    tax_total: fmt(t.taxTotal, dp), shipping_tax_total: fmt(t.shippingTaxTotal, dp), rate_percent: t.ratePercent ?? 0, meta_data: itemMetaOut(t.meta),
  }));
  const shipOut = itemsOf(o, 'shipping').map((s) => ({
    id: s.id, method_title: s.name, method_id: s.methodId ?? '', instance_id: s.instanceId ?? '', total: fmt(s.total, dp), total_tax: fmt(s.totalTax, dp),
    taxes: taxesOut(s.taxes, dp, false), tax_status: s.taxStatus ?? 'taxable', meta_data: itemMetaOut(s.meta),
  }));
  const feeOut = itemsOf(o, 'fee').map((f) => ({
    id: f.id, name: f.name, tax_class: f.taxClass ?? '', tax_status: f.taxStatus ?? 'taxable', amount: f.amount ?? '', total: fmt(f.total, dp),
    total_tax: fmt(f.totalTax, dp), taxes: taxesOut(f.taxes, dp, false), meta_data: itemMetaOut(f.meta),
  }));
  const couponOut = itemsOf(o, 'coupon').map((c) => ({
    id: c.id, code: c.code, discount: c.discount ?? '0', discount_tax: c.discountTax ?? '0', meta_data: itemMetaOut(c.meta),
    discount_type: c.discountType ?? 'fixed_cart', nominal_amount: c.nominalAmount ?? 0, free_shipping: c.freeShipping ?? false,
  }));
  return { line_items: lineOut, tax_lines: taxOut, shipping_lines: shipOut, fee_lines: feeOut, coupon_lines: couponOut };
}

export function orderResponse(sim: Sim, o: OrderRec, req?: RestRequest): Record<string, unknown> {
  const state = sim.state;
  const dp = dpOf(state, req);
  const items = itemsResponse(sim, o, dp);
  const links: Record<string, unknown> = {
    self: selfLink(`${sim.api}/orders/${o.id}`),
    collection: hrefs(`${sim.api}/orders`),
    email_templates: [{ embeddable: true, href: `${sim.api}/orders/${o.id}/actions/email_templates` }],
  };
  if (o.customerId) links.customer = hrefs(`${sim.api}/customers/${o.customerId}`);
  if (o.parentId) links.up = hrefs(`${sim.api}/orders/${o.parentId}`);
  return {
    id: o.id,
    parent_id: o.parentId,
    status: o.status,
    currency: o.currency,
    version: o.version,
    prices_include_tax: o.pricesIncludeTax,
    date_created: wpDate(o.dateCreated),
    date_modified: wpDate(o.dateModified),
    discount_total: fmt(o.discountTotal, dp),
    discount_tax: fmt(o.discountTax, dp),
    shipping_total: fmt(o.shippingTotal, dp),
    shipping_tax: fmt(o.shippingTax, dp),
    cart_tax: fmt(o.cartTax, dp),
    total: fmt(o.total, dp),
    total_tax: fmt(o.totalTax, dp),
    customer_id: o.customerId,
    order_key: o.orderKey,
    billing: clone(o.billing),
    shipping: clone(o.shipping),
    payment_method: o.paymentMethod,
    payment_method_title: o.paymentMethodTitle,
    transaction_id: o.transactionId,
    customer_ip_address: o.customerIpAddress,
    customer_user_agent: o.customerUserAgent,
    created_via: o.createdVia,
    customer_note: o.customerNote,
    date_completed: wpDate(o.dateCompleted),
    date_paid: wpDate(o.datePaid),
    cart_hash: o.cartHash,
    number: String(o.id),
    meta_data: o.metaData.map((m) => ({ id: m.id, key: m.key, value: m.value })),
    ...items,
    refunds: state.refundsOf(o.id).map((r) => ({ id: r.id, reason: r.reason, total: `-${fmt(r.amount, dp)}` })),
    payment_url: `${sim.site}/checkout/order-pay/${o.id}/?pay_for_order=true&key=${o.orderKey}`,
    is_editable: ['pending', 'on-hold', 'auto-draft'].includes(o.status),
    needs_payment: ['pending', 'failed'].includes(o.status) && num(o.total) > 0,
    needs_processing: needsProcessing(state, o),
    date_created_gmt: wpDate(o.dateCreated),
    date_modified_gmt: wpDate(o.dateModified),
    date_completed_gmt: wpDate(o.dateCompleted),
    date_paid_gmt: wpDate(o.datePaid),
    currency_symbol: state.currencySymbolDecoded(o.currency),
    _links: links,
  };
}

function noteResponse(sim: Sim, n: { id: number; orderId: number; author: string; date: Date; note: string; customerNote: boolean }): Record<string, unknown> {
  return {
    id: n.id, author: n.author, date_created: wpDate(n.date), date_created_gmt: wpDate(n.date), note: n.note, customer_note: n.customerNote,
    _links: {
      self: selfLink(`${sim.api}/orders/${n.orderId}/notes/${n.id}`, ['GET', 'DELETE']),
      collection: hrefs(`${sim.api}/orders/${n.orderId}/notes`),
      up: hrefs(`${sim.api}/orders/${n.orderId}`),
    },
  };
}

// ---- routes -------------------------------------------------------------------------------------

const ORDER_LIST_ARGS = collectionArgs({
  status: { type: 'array', items: { type: 'string', enum: ['any', 'trash', 'auto-draft', ...ORDER_STATUSES] } },
  customer: { type: 'integer' },
  product: { type: 'integer' },
  dp: { type: 'integer' },
  ...POST_LIST_ARGS,
  created_via: { type: 'string' },
}, ['date', 'modified', 'id', 'include', 'title', 'slug']);

function listOrders(sim: Sim, req: RestRequest): OrderRec[] {
  const state = sim.state;
  let items = state.orders.list();
  const statuses = toList(param(req, 'status'));
  if (statuses.length === 0 || statuses.includes('any')) items = items.filter((o) => !['trash', 'auto-draft', 'checkout-draft'].includes(o.status));
  else items = items.filter((o) => statuses.includes(o.status));
  const customer = param(req, 'customer');
  if (customer !== undefined && customer !== '') items = items.filter((o) => o.customerId === toInt(customer));
  const product = toInt(param(req, 'product'), 0);
  if (product) items = items.filter((o) => lineItems(o).some((i) => i.productId === product || i.variationId === product));
  const include = toIdList(param(req, 'include'));
  if (include.length > 0) items = items.filter((o) => include.includes(o.id));
  const exclude = toIdList(param(req, 'exclude'));
  if (exclude.length > 0) items = items.filter((o) => !exclude.includes(o.id));
  const parents = toIdList(param(req, 'parent'));
  if (parents.length > 0) items = items.filter((o) => parents.includes(o.parentId));
  const parentExclude = toIdList(param(req, 'parent_exclude'));
  if (parentExclude.length > 0) items = items.filter((o) => !parentExclude.includes(o.parentId));
  const createdVia = toStr(param(req, 'created_via'));
  if (createdVia) items = items.filter((o) => toList(createdVia).includes(o.createdVia));
  const search = toStr(param(req, 'search')).toLowerCase();
  if (search) {
    items = items.filter((o) => [o.billing.first_name, o.billing.last_name, o.billing.email ?? '', o.billing.company, o.shipping.first_name, o.shipping.last_name, String(o.id), ...lineItems(o).map((i) => i.name)]
      .some((s) => s.toLowerCase().includes(search)));
  }
  const d = (n: string) => {
    const v = param(req, n);
    return typeof v === 'string' ? parseWpDate(v) : null;
  };
  const after = d('after');
  if (after) items = items.filter((o) => o.dateCreated > after);
  const before = d('before');
  if (before) items = items.filter((o) => o.dateCreated < before);
  const ma = d('modified_after');
  if (ma) items = items.filter((o) => o.dateModified > ma);
  const mb = d('modified_before');
  if (mb) items = items.filter((o) => o.dateModified < mb);
  const orderby = toStr(param(req, 'orderby')) || 'date';
  const dir = (toStr(param(req, 'order')) || 'desc') === 'asc' ? 1 : -1;
  const key = (o: OrderRec) => (orderby === 'id' ? o.id : orderby === 'modified' ? o.dateModified.getTime() : orderby === 'include' ? include.indexOf(o.id) : o.dateCreated.getTime());
  // Ties by id in the same direction (what the recorded shop did).
  return items.sort((a, b) => (orderby === 'include' ? key(a) - key(b) : (key(a) - key(b)) * dir || (a.id - b.id) * dir));
}

function getOrder(state: WooState, id: number, status = 404): OrderRec {
  const o = state.orders.get(id);
  if (!o) throw new RestError('woocommerce_rest_shop_order_invalid_id', 'Invalid ID.', status);
  return o;
}

export function orderRoutes(sim: Sim): Route[] {
  const state = sim.state;
  const api = sim.api;
  const create = async (b: Record<string, unknown>, req?: RestRequest) => {
    if (toInt(b.id, 0)) throw new RestError('woocommerce_rest_shop_order_exists', 'Cannot create existing order.', 400);
    const o = await createOrder(sim, b);
    return orderResponse(sim, o, req);
  };
  const update = async (id: number, b: Record<string, unknown>, req?: RestRequest) => {
    const o = getOrder(state, id, 400);
    await updateOrder(sim, o, b);
    return orderResponse(sim, o, req);
  };
  const del = (id: number, force: boolean, req?: RestRequest) => {
    const o = getOrder(state, id);
    if (!force) {
      if (o.status === 'trash') throw new RestError('woocommerce_rest_already_trashed', 'The order has already been deleted.', 410);
      o.previousStatus = o.status;
      o.status = 'trash';
      o.dateModified = state.now();
      sim.hook('order', 'deleted', o.id);
      return orderResponse(sim, o, req);
    }
    const data = orderResponse(sim, o, req);
    state.orders.delete(o.id);
    for (const n of state.notesOf(o.id)) state.orderNotes.delete(n.id);
    for (const r of state.refundsOf(o.id)) state.refunds.delete(r.id);
    sim.hook('order', 'deleted', o.id);
    return data;
  };
  return [
    makeRoute('/wc/v3/orders', [
      {
        methods: ['GET'], perm: 'list', args: ORDER_LIST_ARGS,
        handler: (req) => {
          const page = paginate(req, listOrders(sim, req));
          return ok(filterFields(page.items.map((o) => orderResponse(sim, o, req)), param(req, '_fields')), 200, pageHeaders(`${api}/orders`, req, page, 'orders'));
        },
      },
      {
        methods: ['POST'], perm: 'create', args: ORDER_WRITE_ARGS,
        handler: async (req) => {
          const data = await create(bodyObject(req), req);
          return ok(data, 201, { Location: `${api}/orders/${String(data.id)}` });
        },
      },
    ]),
    makeRoute('/wc/v3/orders/batch', [
      {
        methods: EDITABLE, perm: 'batch',
        handler: (req) => runBatch(sim, req, {
          create: (b) => create(b),
          update: (id, b) => update(id, b),
          del: async (id) => del(id, true),
        }),
      },
    ]),
    makeRoute('/wc/v3/orders/{id}', [
      { methods: ['GET'], perm: 'read', args: { dp: { type: 'integer' } }, handler: (req) => ok(filterFields(orderResponse(sim, getOrder(state, toInt(req.params.id)), req), param(req, '_fields'))) },
      { methods: EDITABLE, perm: 'edit', args: ORDER_WRITE_ARGS, handler: async (req) => ok(await update(toInt(req.params.id), bodyObject(req), req)) },
      { methods: ['DELETE'], perm: 'delete', handler: (req) => ok(del(toInt(req.params.id), toBool(param(req, 'force')), req)) },
    ]),
    makeRoute('/wc/v3/orders/{order_id}/notes', [
      {
        methods: ['GET'], perm: 'list', args: { type: { type: 'string', enum: ['any', 'customer', 'internal'] } },
        handler: (req) => {
          const o = state.orders.get(toInt(req.params.order_id));
          if (!o) throw new RestError('woocommerce_rest_order_invalid_id', 'Invalid order ID.', 404);
          const type = toStr(param(req, 'type')) || 'any';
          const notes = state.notesOf(o.id)
            .filter((n) => type === 'any' || (type === 'customer' ? n.customerNote : !n.customerNote))
            .sort((a, b) => b.date.getTime() - a.date.getTime() || a.id - b.id);
          return ok(notes.map((n) => noteResponse(sim, n)));
        },
      },
      {
        methods: ['POST'], perm: 'create', args: { note: { type: 'string', required: true }, customer_note: { type: 'boolean' }, added_by_user: { type: 'boolean' } },
        handler: (req) => {
          const o = state.orders.get(toInt(req.params.order_id));
          if (!o) throw new RestError('woocommerce_rest_order_invalid_id', 'Invalid order ID.', 404);
          const b = bodyObject(req);
          const note = toStr(param(req, 'note'));
          if (note === '') throw new RestError('woocommerce_rest_invalid_order_note', 'Cannot create order note, please try again.', 500);
          addNote(sim, o, note, toBool(b.customer_note), toBool(b.added_by_user) ? 'admin' : 'WooCommerce');
          const n = state.orderNotes.get(state.counters.comment - 1)!;
          return ok(noteResponse(sim, n), 201, { Location: `${api}/orders/${o.id}/notes/${n.id}` });
        },
      },
    ]),
    makeRoute('/wc/v3/orders/{order_id}/notes/{id}', [
      {
        methods: ['GET'], perm: 'read',
        handler: (req) => {
          const n = state.orderNotes.get(toInt(req.params.id));
          if (!state.orders.get(toInt(req.params.order_id))) throw new RestError('woocommerce_rest_order_invalid_id', 'Invalid order ID.', 404);
          if (!n || n.orderId !== toInt(req.params.order_id)) throw new RestError('woocommerce_rest_invalid_id', 'Invalid resource ID.', 404);
          return ok(noteResponse(sim, n));
        },
      },
      {
        methods: ['DELETE'], perm: 'delete',
        handler: (req) => {
          const n = state.orderNotes.get(toInt(req.params.id));
          if (!state.orders.get(toInt(req.params.order_id))) throw new RestError('woocommerce_rest_order_invalid_id', 'Invalid order ID.', 404);
          if (!n || n.orderId !== toInt(req.params.order_id)) throw new RestError('woocommerce_rest_invalid_id', 'Invalid resource ID.', 404);
          if (!toBool(param(req, 'force'))) throw new RestError('woocommerce_rest_trash_not_supported', 'Webhooks do not support trashing.', 501);
          const data = noteResponse(sim, n);
          state.orderNotes.delete(n.id);
          return ok(data);
        },
      },
    ]),
  ];
}

export type { CouponRec };
