/**
 * Refunds as WooCommerce 10 makes them: WC_REST_Order_Refunds_Controller (v3) ->
 * RestApiParameterUtil::adjust_create_refund_request_parameters (public line_items format, amount
 * from the lines when missing) -> wc_create_refund (amount checked against the remaining amount,
 * negative copies of the refunded items, tax lines, payment refund through the gateway, restock,
 * status "refunded" once nothing is left). Routes: orders/{order_id}/refunds (GET, POST),
 * orders/{order_id}/refunds/{id} (GET, DELETE) and the global refunds list (since 9.0).
 * Test-only code (simulator); never imported by src/.
 */
import { Decimal } from 'decimal.js';
import { hrefs, type Sim } from './context.js';
import { applyMeta } from './catalog.js';
import {
  addNote, dpOf, fmt, itemProduct, itemsOf, itemsResponse, lineItems, newOrder, setItemTaxes, setStatus, updateTaxes,
} from './orders.js';
import { floatToString, isPlainObject, num, parseWpDate, wcFormatDecimal, wpDate } from './php.js';
import {
  bodyObject, collectionArgs, POST_LIST_ARGS, filterFields, makeRoute, ok, pageHeaders, paginate, param, RestError, toBool, toIdList, toInt, toStr,
  type ArgSpec, type RestRequest, type Route,
} from './rest.js';
import type { OrderItemRec, OrderRec, RefundRec, WooState } from './state.js';

/** One refunded item in wc_create_refund's internal format (keyed by the order item id). */
interface RefundLine { qty: unknown; refund_total: unknown; refund_tax: unknown }

const CREATE_ARGS: Record<string, ArgSpec> = {
  amount: { type: 'string' },
  reason: { type: 'string' },
  refunded_by: { type: 'integer' },
  meta_data: { type: 'array', items: { type: 'object', properties: { key: { type: 'string' } } } },
  api_refund: { type: 'boolean' },
  api_restock: { type: 'boolean' },
};

const LIST_ARGS = collectionArgs({
  ...POST_LIST_ARGS,
  dp: { type: 'integer' },
}, ['date', 'id', 'include', 'title', 'slug', 'modified']);

/** PHP empty(). */
function phpEmpty(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '' || v === '0') return true;
  if (Array.isArray(v)) return v.length === 0;
  if (isPlainObject(v)) return Object.keys(v).length === 0;
  return false;
}

/** PHP is_numeric() for what JSON can carry. */
function isNumeric(v: unknown): v is number | string {
  if (typeof v === 'number') return Number.isFinite(v);
  return typeof v === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v);
}

function dec(v: unknown): Decimal {
  return isNumeric(v) ? new Decimal(String(v).trim()) : new Decimal(0);
}

/**
 * adjust_line_items_for_create_refund_request(): [{id, quantity, refund_total, refund_tax: [{id, refund_total}]}]
 * becomes {id: {qty, refund_total, refund_tax: {rate: amount}}}; an already keyed object is kept.
 */
function internalLines(raw: unknown): Map<number, RefundLine> {
  const out = new Map<number, RefundLine>();
  const taxes = (t: unknown): unknown => {
    if (!Array.isArray(t) || t.length === 0) return t;
    const m: Record<string, unknown> = {};
    for (const x of t) {
      if (!isPlainObject(x) || x.id === undefined || x.refund_total === undefined) return t;
      m[String(x.id)] = x.refund_total;
    }
    return m;
  };
  if (Array.isArray(raw)) {
    if (raw.some((x) => !isPlainObject(x) || x.id === undefined)) return out;
    for (const x of raw as Record<string, unknown>[]) {
      out.set(toInt(x.id), { qty: x.qty ?? x.quantity, refund_total: x.refund_total, refund_tax: taxes(x.refund_tax) });
    }
  } else if (isPlainObject(raw)) {
    for (const [id, x] of Object.entries(raw)) {
      if (isPlainObject(x)) out.set(toInt(id), { qty: x.qty, refund_total: x.refund_total, refund_tax: x.refund_tax });
    }
  }
  return out;
}

/** calculate_refund_amount_from_line_items(): only when every line has a numeric refund_total and numeric taxes. */
function amountFromLines(lines: Map<number, RefundLine>): Decimal | null {
  if (lines.size === 0) return null;
  let amount = new Decimal(0);
  for (const l of lines.values()) {
    if (!isNumeric(l.refund_total)) return null;
    amount = amount.plus(dec(l.refund_total));
    if (l.refund_tax === undefined || l.refund_tax === null) continue;
    for (const t of Object.values(l.refund_tax as Record<string, unknown>)) {
      if (!isNumeric(t)) return null;
      amount = amount.plus(dec(t));
    }
  }
  return amount;
}

function totalRefunded(state: WooState, orderId: number): Decimal {
  return state.refundsOf(orderId).reduce((s, r) => s.plus(dec(r.amount)), new Decimal(0));
}

function quantityRefunded(state: WooState, orderId: number): number {
  let n = 0;
  for (const r of state.refundsOf(orderId)) for (const i of lineItems(r)) n += Math.abs(i.quantity ?? 0);
  return n;
}

/** wc_format_refund_total(): the amount times -1, stored as wc_format_decimal() stores a float. */
function negative(v: unknown): string {
  return floatToString(-num(v));
}

/**
 * A negative copy of a refunded order item (new WC_Order_Item_*( $item ) then set_id( 0 )). The
 * copied meta keep the original rows' ids, so saving updates those rows rather than copying them:
 * read back, the refund item holds only `_refunded_item_id`.
 */
function refundedItem(state: WooState, item: OrderItemRec, line: RefundLine): OrderItemRec {
  const copy: OrderItemRec = {
    ...item,
    id: 0,
    meta: [{ id: state.nextId('itemMeta'), key: '_refunded_item_id', value: String(item.id) }],
    taxes: { total: {}, subtotal: {} },
  };
  copy.total = negative(line.refund_total);
  if (item.type === 'line_item') {
    copy.subtotal = copy.total;
    copy.quantity = -toInt(line.qty, 0);
  }
  // Numeric entries only (a literal 0 is kept, WooCommerce issue 27118).
  const tax = new Map<number, number>();
  if (isPlainObject(line.refund_tax)) {
    for (const [rate, amount] of Object.entries(line.refund_tax)) if (isNumeric(amount)) tax.set(Number(rate), -num(amount));
  }
  setItemTaxes(state, copy, tax, item.type === 'line_item' ? tax : null);
  return copy;
}

/** wc_refund_payment(): the core offline gateways (bacs, cheque, cod) do not support refunds. */
function refundPaymentError(state: WooState, o: OrderRec): string {
  if (!state.gateways.some((g) => g.id === o.paymentMethod)) return 'The payment gateway for this order does not exist.';
  return 'The payment gateway for this order does not support automatic refunds.';
}

/** wc_restock_refunded_items(): stock back for refunded quantities of items whose stock was reduced. */
function restock(sim: Sim, o: OrderRec, lines: Map<number, RefundLine>): void {
  const state = sim.state;
  for (const item of lineItems(o)) {
    const line = lines.get(item.id);
    if (!line || line.qty === undefined || line.qty === null) continue;
    const reduced = item.meta.find((m) => m.key === '_reduced_stock');
    const qty = toInt(line.qty, 0);
    const p = itemProduct(state, item);
    if (!reduced || phpEmpty(reduced.value) || !qty || !p || !p.manageStock) continue;
    const from = p.stockQuantity ?? 0;
    p.stockQuantity = from + qty;
    p.dateModified = state.now();
    reduced.value = String(toInt(reduced.value, 0) - qty);
    const restocked = item.meta.find((m) => m.key === '_restock_refunded_items');
    if (restocked) restocked.value = String(toInt(restocked.value, 0) + qty);
    else item.meta.push({ id: state.nextId('itemMeta'), key: '_restock_refunded_items', value: String(qty) });
    addNote(sim, o, `Item #${p.id} stock increased from ${from} to ${p.stockQuantity}.`);
    sim.hook('product', 'updated', p.id);
  }
}

const cannotCreate = (message: string) => new RestError('woocommerce_rest_cannot_create_order_refund', message, 500);

/** POST /orders/{order_id}/refunds: prepare_object_for_database() + wc_create_refund(). */
export function createRefund(sim: Sim, orderId: number, b: Record<string, unknown>, userId: number): RefundRec {
  const state = sim.state;
  const o = state.orders.get(orderId);
  if (!o) throw new RestError('woocommerce_rest_invalid_order_id', 'Invalid order ID.', 404);
  const lines = internalLines(b.line_items);
  const amountIn = b.amount !== undefined && b.amount !== null ? b.amount : amountFromLines(lines)?.toString();
  if (isNumeric(amountIn) && dec(amountIn).isNegative()) {
    throw new RestError('woocommerce_rest_invalid_order_refund', 'Refund amount must be greater than zero.', 400);
  }
  const amount = dec(amountIn);
  const dp = state.priceDecimals;
  const remaining = dec(o.total).minus(totalRefunded(state, o.id)).toDecimalPlaces(dp, Decimal.ROUND_HALF_UP);
  if (amount.isNegative() || amount.greaterThan(remaining)) throw cannotCreate('Invalid refund amount.');
  const remainingItems = lineItems(o).reduce((s, i) => s + (i.quantity ?? 0), 0) - quantityRefunded(state, o.id);

  const refund: RefundRec = {
    ...newOrder(sim),
    parentId: o.id, status: 'completed', currency: o.currency, pricesIncludeTax: o.pricesIncludeTax, createdVia: '',
    orderKey: '', billing: { ...o.billing }, shipping: { ...o.shipping },
    amount: isNumeric(amountIn) ? wcFormatDecimal(String(amountIn).trim()) : '0',
    reason: phpEmpty(b.reason) ? '' : toStr(b.reason),
    refundedBy: userId || 1,
    refundedPayment: false,
  };
  let refundedCount = 0;
  const refundedItems: OrderItemRec[] = [];
  for (const item of [...lineItems(o), ...itemsOf(o, 'fee'), ...itemsOf(o, 'shipping')]) {
    const line = lines.get(item.id);
    if (!line) continue;
    if (phpEmpty(line.qty) && phpEmpty(line.refund_total) && phpEmpty(line.refund_tax)) continue;
    refundedItems.push(refundedItem(state, item, line));
    refundedCount += toInt(line.qty, 0);
  }
  // Saved by update_taxes(): the refund's id first, then its items (lines, fees, shipping, then taxes).
  refund.id = state.nextId('post');
  for (const type of ['line_item', 'fee', 'shipping'] as const) {
    for (const item of refundedItems.filter((i) => i.type === type)) {
      item.id = state.nextId('orderItem');
      refund.items.push(item);
    }
  }
  updateTaxes(sim, refund);
  refund.total = new Decimal(0).minus(amount).toString();
  state.refunds.set(refund);
  if (Array.isArray(b.meta_data)) applyMeta(state, refund.metaData, b.meta_data, 'orderMeta');

  const refundPayment = b.api_refund === undefined || b.api_refund === null ? true : toBool(b.api_refund);
  if (refundPayment) {
    // The refund was saved, then deleted when the gateway cannot refund: its ids are spent.
    state.refunds.delete(refund.id);
    throw cannotCreate(refundPaymentError(state, o));
  }
  const restockItems = b.api_restock === undefined || b.api_restock === null ? true : toBool(b.api_restock);
  if (restockItems) restock(sim, o, lines);

  const hasFreeItem = lineItems(o).some((i) => num(i.total) === 0);
  const partial = remaining.minus(amount).greaterThan(0) || (lines.size > 0 && hasFreeItem && remainingItems - refundedCount > 0);
  if (!partial) setStatus(sim, o, 'refunded');
  o.dateModified = state.now();
  sim.hook('order', 'updated', o.id);
  return refund;
}

/** get_formatted_item_data() of the refunds controller (v2 keys; the global list adds parent_id). */
export function refundResponse(sim: Sim, r: RefundRec, req: RestRequest | undefined, global = false): Record<string, unknown> {
  const dp = dpOf(sim.state, req);
  const items = itemsResponse(sim, r, dp);
  const base = `${sim.api}/orders/${r.parentId}/refunds`;
  const links: Record<string, unknown> = { self: hrefs(`${base}/${r.id}`), collection: hrefs(base), up: hrefs(`${sim.api}/orders/${r.parentId}`) };
  if (global) links.refunded_by = [{ href: `${sim.site}/wp-json/wp/v2/users/${r.refundedBy}`, embeddable: true }];
  return {
    id: r.id,
    ...(global ? { parent_id: r.parentId } : {}),
    date_created: wpDate(r.dateCreated),
    date_created_gmt: wpDate(r.dateCreated),
    amount: fmt(r.amount, dp),
    reason: r.reason,
    refunded_by: r.refundedBy,
    refunded_payment: r.refundedPayment,
    meta_data: r.metaData.map((m) => ({ id: m.id, key: m.key, value: m.value })),
    line_items: items.line_items,
    shipping_lines: items.shipping_lines,
    tax_lines: items.tax_lines,
    fee_lines: items.fee_lines,
    _links: links,
  };
}

/** The collection query of the refunds (parent = the order for the nested route). */
function listRefunds(state: WooState, req: RestRequest, orderId?: number): RefundRec[] {
  let items = state.refunds.list();
  if (orderId !== undefined) items = items.filter((r) => r.parentId === orderId);
  const parents = toIdList(param(req, 'parent'));
  if (parents.length > 0) items = items.filter((r) => parents.includes(r.parentId));
  const parentExclude = toIdList(param(req, 'parent_exclude'));
  if (parentExclude.length > 0) items = items.filter((r) => !parentExclude.includes(r.parentId));
  const include = toIdList(param(req, 'include'));
  if (include.length > 0) items = items.filter((r) => include.includes(r.id));
  const exclude = toIdList(param(req, 'exclude'));
  if (exclude.length > 0) items = items.filter((r) => !exclude.includes(r.id));
  const date = (n: string) => {
    const v = param(req, n);
    return typeof v === 'string' ? parseWpDate(v) : null;
  };
  const after = date('after') ?? date('modified_after');
  if (after) items = items.filter((r) => r.dateCreated > after);
  const before = date('before') ?? date('modified_before');
  if (before) items = items.filter((r) => r.dateCreated < before);
  const orderby = toStr(param(req, 'orderby')) || 'date';
  const dir = (toStr(param(req, 'order')) || 'desc') === 'asc' ? 1 : -1;
  if (orderby === 'include') return items.sort((a, b) => include.indexOf(a.id) - include.indexOf(b.id));
  const key = (r: RefundRec) => (orderby === 'id' ? r.id : r.dateCreated.getTime());
  return items.sort((a, b) => (key(a) - key(b)) * dir || (a.id - b.id) * dir);
}

function getRefund(state: WooState, orderId: number, id: number): RefundRec {
  const r = state.refunds.get(id);
  if (!r) throw new RestError('woocommerce_rest_shop_order_refund_invalid_id', 'Invalid ID.', 404);
  if (!state.orders.get(orderId)) throw new RestError('woocommerce_rest_invalid_order_id', 'Invalid order ID.', 404);
  if (r.parentId !== orderId) throw new RestError('woocommerce_rest_invalid_order_refund_id', 'Invalid order refund ID.', 404);
  return r;
}

export function refundRoutes(sim: Sim): Route[] {
  const state = sim.state;
  const api = sim.api;
  return [
    makeRoute('/wc/v3/orders/{order_id}/refunds', [
      {
        methods: ['GET'], perm: 'list', args: LIST_ARGS,
        handler: (req) => {
          const page = paginate(req, listRefunds(state, req, toInt(req.params.order_id)));
          const data = page.items.map((r) => refundResponse(sim, r, req));
          return ok(filterFields(data, param(req, '_fields')), 200, pageHeaders(`${api}/orders/${toInt(req.params.order_id)}/refunds`, req, page));
        },
      },
      {
        methods: ['POST'], perm: 'create', args: CREATE_ARGS,
        handler: (req) => {
          const r = createRefund(sim, toInt(req.params.order_id), bodyObject(req), req.userId);
          // WC_REST_CRUD_Controller::create_item() builds Location from rest_base, the route pattern included.
          return ok(refundResponse(sim, r, req), 201, { Location: `${api}/orders/(?P<order_id>[\\d]+)/refunds/${r.id}` });
        },
      },
    ]),
    makeRoute('/wc/v3/orders/{order_id}/refunds/{id}', [
      {
        methods: ['GET'], perm: 'read', args: { dp: { type: 'integer' } },
        handler: (req) => ok(filterFields(refundResponse(sim, getRefund(state, toInt(req.params.order_id), toInt(req.params.id)), req), param(req, '_fields'))),
      },
      {
        methods: ['DELETE'], perm: 'delete', args: { force: { type: 'boolean' } },
        handler: (req) => {
          const r = getRefund(state, toInt(req.params.order_id), toInt(req.params.id));
          const force = param(req, 'force');
          if (force !== undefined && !toBool(force)) throw new RestError('woocommerce_rest_trash_not_supported', 'The shop_order_refund does not support trashing.', 501);
          const data = refundResponse(sim, r, req);
          state.refunds.delete(r.id);
          return ok(data);
        },
      },
    ]),
    makeRoute('/wc/v3/refunds', [
      {
        methods: ['GET'], perm: 'list', args: LIST_ARGS,
        handler: (req) => {
          const page = paginate(req, listRefunds(state, req));
          const data = page.items.map((r) => refundResponse(sim, r, req, true));
          return ok(filterFields(data, param(req, '_fields')), 200, pageHeaders(`${api}/refunds`, req, page));
        },
      },
    ]),
  ];
}
