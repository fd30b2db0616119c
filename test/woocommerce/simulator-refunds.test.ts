/**
 * Refunds in the WooCommerce simulator (issue 7), as WooCommerce 10.0.2's wc_create_refund() and
 * WC_REST_Order_Refunds_Controller make them: refunds of an order paid by bank transfer (no gateway
 * refund: api_refund must be false), line items in the public format, amount computed from the lines,
 * negative item copies and tax lines, restock, the order's `refunds` array, status "refunded" once
 * the whole total is refunded, the nested and global lists, and the response properties against
 * the real shop's schema (test/fixtures/woocommerce-schema/refunds.context-help.json).
 *
 * The order: prices excl. tax, FR 20 % (rate 1), AR-A 4.69 x 2 (stock 10) + AR-B 10.75 x 1,
 * coupon 10 % (lines 8.45 / 9.67, taxes 1.69 / 1.93), Colissimo 4.90 (tax 0.98): total 27.62.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startWooSimulator, type WooSimulator } from '../simulators/woocommerce/server.js';

const SCHEMA_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/woocommerce-schema/refunds.context-help.json');
interface SchemaProp { context?: string[]; properties?: Record<string, SchemaProp> }
interface RouteHelp { endpoints: { methods: string[]; args: Record<string, unknown> }[]; schema: { properties: Record<string, SchemaProp> } }
const schema = JSON.parse(fs.readFileSync(SCHEMA_FILE, 'utf8')) as { routes: Record<string, RouteHelp> };
const NESTED = '/wc/v3/orders/(?P<order_id>[\\d]+)/refunds';
const GLOBAL = '/wc/v3/refunds';

interface Item { id: number; sku: string; quantity: number; subtotal: string; subtotal_tax: string; total: string; total_tax: string; price: number; taxes: unknown[]; meta_data: { key: string; value: unknown }[] }
interface Refund { id: number; parent_id?: number; amount: string; reason: string; refunded_by: number; refunded_payment: boolean; line_items: Item[]; tax_lines: { rate_id: number; tax_total: string; shipping_tax_total: string }[]; shipping_lines: unknown[]; fee_lines: unknown[] }
interface Order { id: number; status: string; total: string; line_items: Item[]; refunds: { id: number; reason: string; total: string }[] }

/** View-context properties of a schema, without the write-only arguments (api_refund, api_restock are not in the data). */
function viewKeys(props: Record<string, SchemaProp>): string[] {
  return Object.entries(props).filter(([k, p]) => p.context?.includes('view') && !k.startsWith('api_')).map(([k]) => k).sort();
}

let sim: WooSimulator;
let order: Order;
let productA = 0;

async function call<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', route: string, body?: unknown, query?: Record<string, string>): Promise<{ status: number; body: T; headers: Record<string, string> }> {
  const r = await sim.request(method, route, body, query);
  return r as { status: number; body: T; headers: Record<string, string> };
}

async function must<T>(method: 'POST' | 'PUT', route: string, body: unknown): Promise<T> {
  const r = await call<T>(method, route, body);
  if (r.status >= 300) throw new Error(`${method} ${route}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

beforeAll(async () => {
  sim = await startWooSimulator();
  sim.setNow('2026-12-01T09:00:00Z');
  await must('PUT', '/wc/v3/settings/general/woocommerce_currency', { value: 'EUR' });
  await must('PUT', '/wc/v3/settings/general/woocommerce_calc_taxes', { value: 'yes' });
  await must('POST', '/wc/v3/taxes', { country: 'FR', rate: '20', name: 'TVA 20%', shipping: true, class: 'standard' });
  productA = (await must<{ id: number }>('POST', '/wc/v3/products', { name: 'AR-A', sku: 'AR-A', regular_price: '4.69', manage_stock: true, stock_quantity: 10 })).id;
  await must('POST', '/wc/v3/products', { name: 'AR-B', sku: 'AR-B', regular_price: '10.75' });
  await must('POST', '/wc/v3/coupons', { code: 'moins10', discount_type: 'percent', amount: '10' });
  order = await must<Order>('POST', '/wc/v3/orders', {
    payment_method: 'bacs', payment_method_title: 'Virement bancaire', set_paid: true,
    billing: { country: 'FR', email: 'client@example.fr' },
    line_items: [{ sku: 'AR-A', quantity: 2 }, { sku: 'AR-B', quantity: 1 }],
    shipping_lines: [{ method_id: 'flat_rate', method_title: 'Colissimo', total: '4.90' }],
    coupon_lines: [{ code: 'moins10' }],
  });
});
afterAll(async () => {
  await sim?.close();
});

describe('refunds of a bank-transfer order', () => {
  test('the order to refund', () => {
    expect(order).toMatchObject({ status: 'processing', total: '27.62', refunds: [] });
    expect(order.line_items.map((l) => [l.sku, l.total, l.total_tax])).toEqual([['AR-A', '8.45', '1.69'], ['AR-B', '9.67', '1.93']]);
    expect(sim.state.products.get(productA)?.stockQuantity).toBe(8);
  });

  test.each([
    { name: 'api_refund left to true: the offline gateway cannot refund', body: { amount: '5.00' }, status: 500, code: 'woocommerce_rest_cannot_create_order_refund', message: 'The payment gateway for this order does not support automatic refunds.' },
    { name: 'negative amount', body: { amount: '-1.00', api_refund: false }, status: 400, code: 'woocommerce_rest_invalid_order_refund', message: 'Refund amount must be greater than zero.' },
    { name: 'more than the order total', body: { amount: '27.63', api_refund: false }, status: 500, code: 'woocommerce_rest_cannot_create_order_refund', message: 'Invalid refund amount.' },
    { name: 'amount as a JSON number (the schema says string)', body: { amount: 5, api_refund: false }, status: 400, code: 'rest_invalid_param', message: 'Invalid parameter(s): amount' },
  ])('refused: $name', async ({ body, status, code, message }) => {
    const r = await call<{ code: string; message: string }>('POST', `/wc/v3/orders/${order.id}/refunds`, body);
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject({ code, message });
    // Nothing refunded, nothing restocked.
    expect(sim.state.refundsOf(order.id)).toEqual([]);
    expect(sim.state.products.get(productA)?.stockQuantity).toBe(8);
  });

  test('unknown order: POST is 404 Invalid order ID.; the list is an empty page (the query only filters on the parent)', async () => {
    const r = await call('POST', '/wc/v3/orders/999999/refunds', { amount: '1.00', api_refund: false });
    expect(r).toMatchObject({ status: 404, body: { code: 'woocommerce_rest_invalid_order_id', message: 'Invalid order ID.', data: { status: 404 } } });
    const list = await call('GET', '/wc/v3/orders/999999/refunds');
    expect(list).toMatchObject({ status: 200, body: [], headers: { 'X-WP-Total': '0', 'X-WP-TotalPages': '0' } });
  });

  let first: Refund;
  test('one unit of AR-A with its VAT: amount from the lines, negative item and tax line, restocked', async () => {
    sim.setNow('2026-12-01T10:00:00Z');
    const lineA = order.line_items[0]!;
    const r = await call<Refund>('POST', `/wc/v3/orders/${order.id}/refunds`, {
      reason: 'Article abîmé', api_refund: false,
      line_items: [{ id: lineA.id, quantity: 1, refund_total: '4.22', refund_tax: [{ id: 1, refund_total: '0.85' }] }],
    });
    expect(r.status).toBe(201);
    first = r.body;
    expect(r.headers.Location).toBe(`${sim.apiUrl}/orders/(?P<order_id>[\\d]+)/refunds/${first.id}`);
    expect(first).toMatchObject({
      amount: '5.07', reason: 'Article abîmé', refunded_by: 1, refunded_payment: false, shipping_lines: [], fee_lines: [],
      date_created: '2026-12-01T10:00:00', date_created_gmt: '2026-12-01T10:00:00',
    });
    expect(first.line_items).toHaveLength(1);
    expect(first.line_items[0]).toMatchObject({
      sku: 'AR-A', product_id: productA, quantity: -1, subtotal: '-4.22', subtotal_tax: '-0.85', total: '-4.22', total_tax: '-0.85', price: 4.22,
      taxes: [{ id: 1, total: '-0.85', subtotal: '-0.85' }],
    });
    expect(first.line_items[0]!.meta_data).toEqual([expect.objectContaining({ key: '_refunded_item_id', value: String(lineA.id) })]);
    expect(first.tax_lines).toEqual([expect.objectContaining({ rate_id: 1, rate_code: 'FR-TVA 20%-1', tax_total: '-0.85', shipping_tax_total: '0.00' })]);

    // Restock: one unit back, the order line's stock meta follow, a note says it.
    expect(sim.state.products.get(productA)?.stockQuantity).toBe(9);
    const got = await call<Order>('GET', `/wc/v3/orders/${order.id}`);
    expect(got.body).toMatchObject({ status: 'processing', total: '27.62', refunds: [{ id: first.id, reason: 'Article abîmé', total: '-5.07' }] });
    const meta = Object.fromEntries(got.body.line_items[0]!.meta_data.map((m) => [m.key, m.value]));
    expect(meta).toMatchObject({ _reduced_stock: '1', _restock_refunded_items: '1' });
    const notes = (await call<{ note: string }[]>('GET', `/wc/v3/orders/${order.id}/notes`)).body.map((n) => n.note);
    expect(notes).toContain(`Item #${productA} stock increased from 8 to 9.`);
  });

  let second: Refund;
  test('the rest (22.55) without lines: the order becomes "refunded", its total unchanged', async () => {
    sim.setNow('2026-12-01T10:05:00Z');
    const over = await call('POST', `/wc/v3/orders/${order.id}/refunds`, { amount: '22.56', api_refund: false });
    expect(over.body).toMatchObject({ code: 'woocommerce_rest_cannot_create_order_refund', message: 'Invalid refund amount.' });
    const r = await call<Refund>('POST', `/wc/v3/orders/${order.id}/refunds`, { amount: '22.55', api_refund: false });
    expect(r.status).toBe(201);
    second = r.body;
    expect(second).toMatchObject({ amount: '22.55', reason: '', line_items: [], tax_lines: [] });
    const got = await call<Order>('GET', `/wc/v3/orders/${order.id}`);
    expect(got.body).toMatchObject({
      status: 'refunded', total: '27.62',
      refunds: [{ id: second.id, reason: '', total: '-22.55' }, { id: first.id, reason: 'Article abîmé', total: '-5.07' }],
    });
    const notes = (await call<{ note: string }[]>('GET', `/wc/v3/orders/${order.id}/notes`)).body.map((n) => n.note);
    expect(notes).toContain('Order status changed from Processing to Refunded.');
    // No lines, no restock.
    expect(sim.state.products.get(productA)?.stockQuantity).toBe(9);
    const nothingLeft = await call('POST', `/wc/v3/orders/${order.id}/refunds`, { amount: '0.01', api_refund: false });
    expect(nothingLeft.body).toMatchObject({ message: 'Invalid refund amount.' });
  });

  test('lists: the order\'s refunds newest first, the global list with parent_id, one refund, dp', async () => {
    const nested = await call<Refund[]>('GET', `/wc/v3/orders/${order.id}/refunds`);
    expect(nested.body.map((x) => x.id)).toEqual([second.id, first.id]);
    expect(nested.headers['X-WP-Total']).toBe('2');
    expect(nested.body[1]).toEqual({ ...first });

    const global = await call<Refund[]>('GET', '/wc/v3/refunds', undefined, { parent: String(order.id) });
    expect(global.body.map((x) => [x.id, x.parent_id])).toEqual([[second.id, order.id], [first.id, order.id]]);
    expect(Object.keys(global.body[0]!).slice(0, 3)).toEqual(['id', 'parent_id', 'date_created']);

    const one = await call<Refund>('GET', `/wc/v3/orders/${order.id}/refunds/${first.id}`, undefined, { dp: '3' });
    expect(one.body).toMatchObject({ amount: '5.070', line_items: [{ total: '-4.220' }] });
    const wrongOrder = await call('GET', `/wc/v3/orders/${order.id}/refunds/${order.id}`);
    expect(wrongOrder).toMatchObject({ status: 404, body: { code: 'woocommerce_rest_shop_order_refund_invalid_id' } });
  });

  test('response properties are the real schema\'s (view context)', async () => {
    const nested = (await call<Record<string, unknown>[]>('GET', `/wc/v3/orders/${order.id}/refunds`)).body;
    const global = (await call<Record<string, unknown>[]>('GET', '/wc/v3/refunds')).body;
    const keys = (o: Record<string, unknown>) => Object.keys(o).filter((k) => k !== '_links').sort();
    expect(keys(nested[0]!)).toEqual(viewKeys(schema.routes[NESTED]!.schema.properties));
    expect(keys(global[0]!)).toEqual(viewKeys(schema.routes[GLOBAL]!.schema.properties));
    // Refund line items carry what order line items carry (get_order_item_data() is shared).
    expect(Object.keys((nested[1]!.line_items as Record<string, unknown>[])[0]!)).toEqual(Object.keys(order.line_items[0]!));
    // The creation arguments the simulator validates are the schema's.
    const post = schema.routes[NESTED]!.endpoints.find((e) => e.methods.includes('POST'))!;
    expect(Object.keys(post.args)).toEqual(expect.arrayContaining(['amount', 'reason', 'refunded_by', 'meta_data', 'api_refund', 'api_restock']));
  });

  test('delete: force defaults to true, force=false is refused (refunds cannot be trashed)', async () => {
    const trash = await call('DELETE', `/wc/v3/orders/${order.id}/refunds/${second.id}`, undefined, { force: 'false' });
    expect(trash).toMatchObject({ status: 501, body: { code: 'woocommerce_rest_trash_not_supported', message: 'The shop_order_refund does not support trashing.' } });
    const del = await call<Refund>('DELETE', `/wc/v3/orders/${order.id}/refunds/${second.id}`);
    expect(del.status).toBe(200);
    expect(del.body.id).toBe(second.id);
    const got = await call<Order>('GET', `/wc/v3/orders/${order.id}`);
    expect(got.body.refunds.map((x) => x.id)).toEqual([first.id]);
  });

  test('an order whose payment method is not a gateway: "does not exist"', async () => {
    const o = await must<Order>('POST', '/wc/v3/orders', { payment_method: 'marketplace', status: 'processing', line_items: [{ sku: 'AR-B', quantity: 1 }] });
    const r = await call('POST', `/wc/v3/orders/${o.id}/refunds`, { amount: '1.00' });
    expect(r).toMatchObject({ status: 500, body: { code: 'woocommerce_rest_cannot_create_order_refund', message: 'The payment gateway for this order does not exist.' } });
  });
});
