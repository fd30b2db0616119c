/**
 * The Shopify simulator's orders: an order placed by the helper has exact totals in shop money
 * and shows as real orders do; the orders search filters by dates and status within the 60-day
 * window; tags, note, metafield and fulfilment with tracking are written back; orders/create and
 * orders/updated are delivered signed, and the signature verifies on the raw body.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShopifySimulator, type ShopifySimulator } from '../simulators/shopify/server.js';
import { dataOf, gql } from './simulator-support.js';

let sim: ShopifySimulator;
let receiver: http.Server;
let receiverUrl: string;
const received: { headers: http.IncomingHttpHeaders; raw: Buffer }[] = [];

const ORDER_FIELDS = `id name createdAt processedAt updatedAt closed closedAt cancelledAt displayFinancialStatus displayFulfillmentStatus currencyCode taxesIncluded note tags
  totalPriceSet { shopMoney { amount currencyCode } } subtotalPriceSet { shopMoney { amount } } totalTaxSet { shopMoney { amount } }
  totalShippingPriceSet { shopMoney { amount } } totalDiscountsSet { shopMoney { amount } }
  customer { email } billingAddress { city countryCodeV2 } shippingAddress { zip }
  lineItems(first: 10) { nodes { sku quantity originalUnitPriceSet { shopMoney { amount } } discountedUnitPriceSet { shopMoney { amount } }
    taxLines { title rate ratePercentage priceSet { shopMoney { amount } } } discountAllocations { allocatedAmountSet { shopMoney { amount } } } } }
  shippingLines(first: 5) { nodes { title code originalPriceSet { shopMoney { amount } } discountedPriceSet { shopMoney { amount } } taxLines { rate priceSet { shopMoney { amount } } } } }
  refunds { totalRefundedSet { shopMoney { amount } } }
  metafield(namespace: "passerelle", key: "document") { value }`;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ headers: req.headers, raw: Buffer.concat(chunks) });
      res.statusCode = 200;
      res.end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/shopify`;
  sim = await startShopifySimulator({ now: '2026-11-20T10:00:00Z' });
  dataOf(await gql(sim, `mutation { productSet(input: { title: "Coffret", productOptions: [{name: "Taille", values: [{name: "S"}, {name: "L"}]}],
    variants: [{optionValues: [{optionName: "Taille", name: "S"}], sku: "COF-S", price: "19.90"}, {optionValues: [{optionName: "Taille", name: "L"}], sku: "COF-L", price: "34.50"}] }) { userErrors { message } } }`));
});
afterAll(async () => {
  await sim.close();
  await new Promise<void>((r) => receiver.close(() => r()));
});

describe('orders', () => {
  it('places an order with exact totals (prices tax included) and shows it as Shopify does', async () => {
    const placed = sim.placeOrder({
      customer: { email: 'lea@example.fr', firstName: 'Léa', lastName: 'Durand' },
      lines: [{ sku: 'COF-S', quantity: 3 }, { sku: 'COF-L', quantity: 1, discount: '4.50' }],
      shipping: { title: 'Colissimo', code: 'colissimo', price: '6.90' },
      discountCode: 'NOEL',
    });
    expect(placed.name).toBe('#1001');
    const o = dataOf(await gql(sim, `query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`, { id: placed.id })).order;
    // 3 × 19.90 = 59.70; 34.50 − 4.50 = 30.00; subtotal 89.70; shipping 6.90; total 96.60.
    // Tax included at 20 %: 59.70/6 = 9.95, 30.00/6 = 5.00, 6.90/6 = 1.15 → 16.10.
    expect(o).toMatchObject({
      name: '#1001', currencyCode: 'EUR', taxesIncluded: true, displayFinancialStatus: 'PAID', displayFulfillmentStatus: 'UNFULFILLED', closed: false,
      createdAt: '2026-11-20T10:00:00Z', customer: { email: 'lea@example.fr' }, billingAddress: { city: 'Lyon', countryCodeV2: 'FR' },
      totalPriceSet: { shopMoney: { amount: '96.6', currencyCode: 'EUR' } },
      subtotalPriceSet: { shopMoney: { amount: '89.7' } },
      totalTaxSet: { shopMoney: { amount: '16.1' } },
      totalShippingPriceSet: { shopMoney: { amount: '6.9' } },
      totalDiscountsSet: { shopMoney: { amount: '4.5' } },
    });
    expect(o.lineItems.nodes).toEqual([
      { sku: 'COF-S', quantity: 3, originalUnitPriceSet: { shopMoney: { amount: '19.9' } }, discountedUnitPriceSet: { shopMoney: { amount: '19.9' } }, taxLines: [{ title: 'TVA', rate: 0.2, ratePercentage: 20, priceSet: { shopMoney: { amount: '9.95' } } }], discountAllocations: [] },
      { sku: 'COF-L', quantity: 1, originalUnitPriceSet: { shopMoney: { amount: '34.5' } }, discountedUnitPriceSet: { shopMoney: { amount: '30.0' } }, taxLines: [{ title: 'TVA', rate: 0.2, ratePercentage: 20, priceSet: { shopMoney: { amount: '5.0' } } }], discountAllocations: [{ allocatedAmountSet: { shopMoney: { amount: '4.5' } } }] },
    ]);
    expect(o.shippingLines.nodes).toEqual([{ title: 'Colissimo', code: 'colissimo', originalPriceSet: { shopMoney: { amount: '6.9' } }, discountedPriceSet: { shopMoney: { amount: '6.9' } }, taxLines: [{ rate: 0.2, priceSet: { shopMoney: { amount: '1.15' } } }] }]);
    // Stock: the ordered quantities are committed, no longer available.
    const lvl = dataOf(await gql(sim, '{ productVariants(first: 1, query: "sku:COF-S") { nodes { inventoryItem { inventoryLevels(first: 1) { nodes { quantities(names: ["available", "committed", "on_hand"]) { name quantity } } } } } } }'));
    expect(lvl.productVariants.nodes[0].inventoryItem.inventoryLevels.nodes[0].quantities).toEqual([{ name: 'available', quantity: -3 }, { name: 'committed', quantity: 3 }, { name: 'on_hand', quantity: 0 }]);
  });

  it('adds tax on top when prices exclude it', async () => {
    const placed = sim.placeOrder({ taxesIncluded: false, lines: [{ sku: 'COF-S', quantity: 2, price: '10.05' }], shipping: { title: 'Retrait', price: '0', taxRate: '0' } });
    const o = dataOf(await gql(sim, 'query($id: ID!) { order(id: $id) { subtotalPriceSet { shopMoney { amount } } totalTaxSet { shopMoney { amount } } totalPriceSet { shopMoney { amount } } } }', { id: placed.id })).order;
    // 20.10 × 0.2 = 4.02 → 24.12.
    expect(o).toEqual({ subtotalPriceSet: { shopMoney: { amount: '20.1' } }, totalTaxSet: { shopMoney: { amount: '4.02' } }, totalPriceSet: { shopMoney: { amount: '24.12' } } });
  });

  it('records a refund of some quantities: refunds, current total and financial status follow', async () => {
    const placed = sim.placeOrder({ lines: [{ sku: 'COF-S', quantity: 2 }, { sku: 'COF-L', quantity: 1 }] });
    sim.refundOrder(placed.id, [{ sku: 'COF-S', quantity: 1 }], 'Casse');
    const o = dataOf(await gql(sim, 'query($id: ID!) { order(id: $id) { displayFinancialStatus totalPriceSet { shopMoney { amount } } currentTotalPriceSet { shopMoney { amount } } refunds { note totalRefundedSet { shopMoney { amount } } } lineItems(first: 5) { nodes { sku currentQuantity } } } }', { id: placed.id })).order;
    expect(o).toEqual({
      displayFinancialStatus: 'PARTIALLY_REFUNDED',
      totalPriceSet: { shopMoney: { amount: '74.3' } },
      currentTotalPriceSet: { shopMoney: { amount: '54.4' } },
      refunds: [{ note: 'Casse', totalRefundedSet: { shopMoney: { amount: '19.9' } } }],
      lineItems: { nodes: [{ sku: 'COF-S', currentQuantity: 1 }, { sku: 'COF-L', currentQuantity: 1 }] },
    });
  });

  it('searches by dates and status, and hides orders older than 60 days without read_all_orders', async () => {
    sim.placeOrder({ lines: [{ sku: 'COF-L', quantity: 1 }], createdAt: '2026-08-01T09:00:00Z' });
    const names = async (query: string) => (dataOf(await gql(sim, 'query($q: String) { orders(first: 20, query: $q, sortKey: CREATED_AT) { nodes { name } } }', { q: query })).orders.nodes as { name: string }[]).map((n) => n.name);
    expect(await names('')).toEqual(['#1001', '#1002', '#1003']);
    expect(await names("created_at:>='2026-11-20T00:00:00Z' status:open")).toEqual(['#1001', '#1002', '#1003']);
    expect(await names("updated_at:<'2026-11-01T00:00:00Z'")).toEqual([]);
    sim.scopes.add('read_all_orders');
    expect(await names('')).toEqual(['#1004', '#1001', '#1002', '#1003']);
    expect(await names("created_at:<'2026-09-01'")).toEqual(['#1004']);
    sim.scopes.delete('read_all_orders');
  });

  it('writes back tags, note and a metafield, closes, and fulfils with tracking', async () => {
    const id = sim.placeOrder({ lines: [{ sku: 'COF-S', quantity: 2 }] }).id;
    sim.advance(60_000);
    dataOf(await gql(sim, 'mutation($id: ID!) { tagsAdd(id: $id, tags: ["gescom:BC00042"]) { node { ... on Order { tags } } userErrors { message } } }', { id }));
    const upd = dataOf(await gql(sim, 'mutation($i: OrderInput!) { orderUpdate(input: $i) { order { note updatedAt } userErrors { field message } } }', {
      i: { id, note: 'Facture FA00042', metafields: [{ namespace: 'passerelle', key: 'document', type: 'single_line_text_field', value: 'FA00042' }] },
    })).orderUpdate;
    expect(upd).toEqual({ order: { note: 'Facture FA00042', updatedAt: '2026-11-20T10:01:00Z' }, userErrors: [] });
    const fo = dataOf(await gql(sim, 'query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5) { nodes { id status lineItems(first: 5) { nodes { id remainingQuantity } } } } } }', { id })).order.fulfillmentOrders.nodes[0];
    expect(fo.status).toBe('OPEN');
    const ful = dataOf(await gql(sim, 'mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { status trackingInfo { company number url } } userErrors { field message } } }', {
      f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }], trackingInfo: { company: 'La Poste', number: '6A12345678901', url: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901' } },
    })).fulfillmentCreate;
    expect(ful).toEqual({ fulfillment: { status: 'SUCCESS', trackingInfo: [{ company: 'La Poste', number: '6A12345678901', url: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901' }] }, userErrors: [] });
    const again = dataOf(await gql(sim, 'mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { userErrors { message } } }', { f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }] } })).fulfillmentCreate;
    expect(again.userErrors[0].message).toMatch(/unfulfillable status/);
    dataOf(await gql(sim, 'mutation($id: ID!) { orderClose(input: { id: $id }) { userErrors { message } } }', { id }));
    const o = dataOf(await gql(sim, `query($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`, { id })).order;
    expect(o).toMatchObject({ tags: ['gescom:BC00042'], note: 'Facture FA00042', displayFulfillmentStatus: 'FULFILLED', closed: true, closedAt: '2026-11-20T10:01:00Z', metafield: { value: 'FA00042' } });
    expect(dataOf(await gql(sim, '{ orders(first: 10, query: "status:closed") { nodes { id } } }')).orders.nodes).toEqual([{ id }]);
  });

  it('fulfillmentTrackingInfoUpdate replaces the tracking of a fulfilment; the input rules and an unknown fulfilment give userErrors', async () => {
    const id = sim.placeOrder({ lines: [{ sku: 'COF-S', quantity: 1 }] }).id;
    const fo = dataOf(await gql(sim, 'query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5) { nodes { id } } } }', { id })).order.fulfillmentOrders.nodes[0];
    const created = dataOf(await gql(sim, 'mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id trackingInfo { number company } } userErrors { message } } }', {
      f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id }], notifyCustomer: true },
    })).fulfillmentCreate;
    expect(created.fulfillment.trackingInfo).toEqual([]);
    const update = async (vars: Record<string, unknown>) => dataOf(await gql(sim,
      'mutation($id: ID!, $t: FulfillmentTrackingInput!, $n: Boolean) { fulfillmentTrackingInfoUpdate(fulfillmentId: $id, trackingInfoInput: $t, notifyCustomer: $n) { fulfillment { trackingInfo(first: 5) { number company url } } userErrors { field message } } }',
      { id: created.fulfillment.id, ...vars })).fulfillmentTrackingInfoUpdate;
    const rec = () => [...sim.state.fulfillments.values()].find((f) => `gid://shopify/Fulfillment/${f.id}` === created.fulfillment.id)!;

    expect(await update({ t: { number: '6A12345678901', company: 'Colissimo' }, n: true }))
      .toEqual({ fulfillment: { trackingInfo: [{ number: '6A12345678901', company: 'Colissimo', url: null }] }, userErrors: [] });
    expect(rec().customerNotifications).toBe(2);
    expect(await update({ t: { numbers: ['A1', 'A2'], urls: ['https://suivi.example/A1', 'https://suivi.example/A2'], company: 'DPD' } }))
      .toMatchObject({ fulfillment: { trackingInfo: [{ number: 'A1', url: 'https://suivi.example/A1' }, { number: 'A2', url: 'https://suivi.example/A2' }] }, userErrors: [] });
    expect(rec().customerNotifications).toBe(2);

    // FulfillmentTrackingInput's documented rules; nothing changed by a refused call.
    for (const [t, field] of [
      [{ number: 'X', numbers: ['Y'] }, ['trackingInfoInput', 'numbers']],
      [{ url: 'https://suivi.example/X' }, ['trackingInfoInput', 'url']],
      [{ number: 'X', url: 'https://suivi.example/X', urls: ['https://suivi.example/Y'] }, ['trackingInfoInput', 'urls']],
    ] as const) {
      const r = await update({ t });
      expect(r.fulfillment, JSON.stringify(t)).toBeNull();
      expect(r.userErrors.map((e: { field: string[] }) => e.field), JSON.stringify(t)).toEqual([field]);
    }
    expect(rec().tracking.map((x) => x.number)).toEqual(['A1', 'A2']);
    const unknown = dataOf(await gql(sim, 'mutation { fulfillmentTrackingInfoUpdate(fulfillmentId: "gid://shopify/Fulfillment/999999", trackingInfoInput: { number: "X" }) { fulfillment { id } userErrors { field message } } }')).fulfillmentTrackingInfoUpdate;
    expect(unknown).toEqual({ fulfillment: null, userErrors: [{ field: ['fulfillmentId'], message: 'Fulfillment does not exist.' }] });

    // Any of Shopify's three fulfilment-order write scopes will do; none: ACCESS_DENIED.
    sim.scopes.delete('write_merchant_managed_fulfillment_orders');
    const denied = await gql(sim, 'mutation($id: ID!) { fulfillmentTrackingInfoUpdate(fulfillmentId: $id, trackingInfoInput: { number: "X" }) { userErrors { message } } }', { id: created.fulfillment.id });
    expect(denied.body.errors?.[0]?.extensions?.code).toBe('ACCESS_DENIED');
    sim.scopes.add('write_assigned_fulfillment_orders');
    expect((await update({ t: { number: 'Z9' } })).userErrors).toEqual([]);
    sim.scopes.delete('write_assigned_fulfillment_orders');
    sim.scopes.add('write_merchant_managed_fulfillment_orders');
  });
});

describe('webhooks', () => {
  it('delivers orders/create and orders/updated signed with the app secret; the HMAC of the raw body verifies', async () => {
    const create = dataOf(await gql(sim, 'mutation($u: String!) { webhookSubscriptionCreate(topic: ORDERS_CREATE, webhookSubscription: { uri: $u, format: JSON }) { webhookSubscription { id topic uri } userErrors { message } } }', { u: receiverUrl })).webhookSubscriptionCreate;
    expect(create.webhookSubscription).toMatchObject({ topic: 'ORDERS_CREATE', uri: receiverUrl });
    dataOf(await gql(sim, 'mutation($u: String!) { webhookSubscriptionCreate(topic: ORDERS_UPDATED, webhookSubscription: { uri: $u }) { userErrors { message } } }', { u: receiverUrl }));
    const dup = dataOf(await gql(sim, 'mutation($u: String!) { webhookSubscriptionCreate(topic: ORDERS_CREATE, webhookSubscription: { uri: $u }) { userErrors { message } } }', { u: receiverUrl })).webhookSubscriptionCreate;
    expect(dup.userErrors[0].message).toMatch(/already been taken/);
    const http = dataOf(await gql(sim, 'mutation { webhookSubscriptionCreate(topic: ORDERS_CREATE, webhookSubscription: { uri: "http://example.com/hook" }) { userErrors { message } } }')).webhookSubscriptionCreate;
    expect(http.userErrors[0].message).toMatch(/not supported/);

    received.length = 0;
    const placed = sim.placeOrder({ customer: { email: 'hugo@example.fr' }, lines: [{ sku: 'COF-L', quantity: 2 }], shipping: { title: 'Colissimo', price: '6.90' } });
    dataOf(await gql(sim, 'mutation($id: ID!) { tagsAdd(id: $id, tags: ["vu"]) { userErrors { message } } }', { id: placed.id }));
    await sim.flushWebhooks();
    expect(received.map((r) => r.headers['x-shopify-topic'])).toEqual(['orders/create', 'orders/updated']);
    for (const r of received) {
      const expected = crypto.createHmac('sha256', sim.webhookSecret).update(r.raw).digest('base64');
      expect(r.headers['x-shopify-hmac-sha256']).toBe(expected);
      expect(r.headers['x-shopify-shop-domain']).toBe('passerelle-sim.myshopify.com');
      expect(r.headers['x-shopify-api-version']).toBe('2026-10');
      expect(r.headers['x-shopify-webhook-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(r.headers['x-shopify-event-id']).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(sim.webhookSecret).toBe(sim.clientSecret);
    const body = JSON.parse(received[0]!.raw.toString('utf8')) as Record<string, unknown>;
    expect(body).toMatchObject({
      admin_graphql_api_id: placed.id, name: placed.name, email: 'hugo@example.fr', currency: 'EUR', taxes_included: true, financial_status: 'paid',
      total_price: '75.90', subtotal_price: '69.00', total_tax: '12.65',
      line_items: [{ sku: 'COF-L', quantity: 2, price: '34.50', tax_lines: [{ title: 'TVA', rate: 0.2, price: '11.50' }] }],
      shipping_lines: [{ title: 'Colissimo', price: '6.90', discounted_price: '6.90' }],
    });
  });

  it('injects delivery faults: a failed delivery is retried later with the same ids, a duplicate is sent twice', async () => {
    received.length = 0;
    sim.webhookFaults.add({ kind: 'fail', times: 1, topic: 'orders/create' });
    sim.placeOrder({ lines: [{ sku: 'COF-S', quantity: 1 }] });
    await sim.flushWebhooks();
    expect(received).toEqual([]);
    expect(sim.retryFailedWebhooks()).toBe(1);
    await sim.flushWebhooks();
    expect(received).toHaveLength(1);
    const failed = sim.state.webhookDeliveries.filter((d) => d.error === 'failed (fault)').at(-1)!;
    expect(received[0]!.headers['x-shopify-event-id']).toBe(failed.eventId);
    expect(received[0]!.headers['x-shopify-webhook-id']).toBe(failed.webhookId);

    received.length = 0;
    sim.webhookFaults.add({ kind: 'duplicate', times: 1, topic: 'orders/create' });
    sim.placeOrder({ lines: [{ sku: 'COF-S', quantity: 1 }] });
    await sim.flushWebhooks();
    expect(received).toHaveLength(2);
    expect(received[0]!.headers['x-shopify-event-id']).toBe(received[1]!.headers['x-shopify-event-id']);
  });
});
