/**
 * The order reader and the way back over HTTP against the PrestaShop simulator seeded with the
 * recorded shop (seed 'fixtures': the six orders of 900-999) and orders placed by its test API:
 * the reader gives the same ShopOrders as the recorded JSON, pages correctly with few requests, and
 * status, private message and tracking number reach the shop.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { PsOrderSource } from '../../src/shops/prestashop/ps-orders.js';
import type { ShopOrder } from '../../src/sync/orders/shop-order.js';
import { psToShopOrder } from '../../src/shops/prestashop/ps-order-mapping.js';
import { dec, sum } from '../../src/util/decimal.js';
import { orderRecords, type OrderKey, shopRefs } from './order-fixtures.js';
import { type PsHarness, settingsOf, startPs } from './support.js';

let h: PsHarness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

async function all(it: AsyncIterable<ShopOrder[]>): Promise<ShopOrder[][]> {
  const out: ShopOrder[][] = [];
  for await (const p of it) out.push(p);
  return out;
}

const CODES = new Map([['1', 'BIENVENUE10'], ['2', 'REMISE5'], ['3', 'LIVRAISONOFFERTE']]);

describe('PsOrderSource on the PrestaShop simulator', () => {
  test('the six recorded orders read over HTTP are the ShopOrders of the recorded JSON', async () => {
    h = await startPs({ sim: { seed: 'fixtures' } });
    const source = h.shop.orderSource();
    const read = (await all(source.orders({}))).flat();
    expect(read.map((o) => o.id)).toEqual(['1', '2', '3', '4', '5', '6']);
    const keys: OrderKey[] = ['a', 'b', 'c', 'd', 'e', 'f'];
    keys.forEach((k, i) => {
      const recorded = psToShopOrder(orderRecords(k), { ...shopRefs(), cartRuleCodes: CODES });
      const got = read[i]!;
      expect({ ...got, messages: got.messages.filter((m) => m.author === 'customer') }, `order ${k}`).toEqual(recorded);
    });
  });

  test('pages of orders with their sub-resources per page: placed orders read once each, with few requests', async () => {
    h = await startPs({ sim: { seed: 'fixtures' } });
    for (let i = 0; i < 43; i++) {
      h.sim.placeOrder({ customerId: 2, lines: [{ productId: 3, quantity: 1 + (i % 3) }, { productId: 4, quantity: 1 }], date: `2026-12-02 10:${String(i).padStart(2, '0')}:00` });
    }
    h.sim.resetStats();
    const source = new PsOrderSource({ ws: h.ws, settings: settingsOf(), options: { pageSize: 10 } });
    const pages = await all(source.orders({ after: '2026-12-02T00:00:00Z', statuses: ['paid'] }));
    const ids = pages.flat().map((o) => o.id);
    expect(ids).toHaveLength(43);
    expect(new Set(ids).size).toBe(43);
    expect(pages.map((p) => p.length)).toEqual([10, 10, 10, 10, 3]);
    for (const o of pages.flat()) {
      const items = [...o.lines, ...o.shippingLines];
      const incl = sum(items.map((l) => dec(l.totalExclTax).plus(sum(l.taxes.map((t) => t.amount)))));
      expect(incl.toFixed(2), `order ${o.id}`).toBe(o.totals.inclTax);
    }
    // 5 pages x (orders + 8 sub-resources) + states, taxes, currencies, PS_TIMEZONE, carriers, countries.
    expect(h.sim.stats.writeRequests).toBe(0);
    expect(h.sim.stats.requests).toBeLessThanOrEqual(5 * 9 + 6);
    const orderGets = h.sim.stats.log.filter((l) => l.method === 'GET' && /\/api\/orders$/.test(l.path));
    expect(orderGets).toHaveLength(5);
    expect(decodeURIComponent(orderGets[0]!.query)).toContain('filter[date_add]=[2026-12-02 01:00:00,2999-12-31 23:59:59]');
    expect(decodeURIComponent(orderGets[0]!.query)).toContain('date=1');
  });

  test('status back: order_histories with the mail, the document number as a private message, the tracking number', async () => {
    h = await startPs({ sim: { seed: 'fixtures' } });
    const source = new PsOrderSource({ ws: h.ws, settings: settingsOf(), options: {} });
    await source.setStatus('3', 'Shipped', { documentNumber: 'FA00077', notifyCustomer: true, trackingNumber: '6A0000000077' });
    const post = h.sim.stats.log.find((l) => l.method === 'POST' && l.path.endsWith('/order_histories'));
    expect(post?.query).toContain('sendemail=1');
    const order = h.sim.state.list('orders').find((o) => Number(o.id) === 3)!;
    expect(String(order.current_state)).toBe('4');
    const histories = h.sim.state.list('order_histories').filter((x) => Number(x.id_order) === 3).map((x) => String(x.id_order_state));
    expect(histories).toEqual(['11', '4']);
    const thread = h.sim.state.list('customer_threads').find((t) => Number(t.id_order) === 3)!;
    const messages = h.sim.state.list('customer_messages').filter((m) => String(m.id_customer_thread) === String(thread.id));
    expect(messages.map((m) => [m.message, String(m.private)])).toEqual([['Document de gestion commerciale : FA00077', '1']]);
    const carrier = h.sim.state.list('order_carriers').find((c) => Number(c.id_order) === 3)!;
    expect(carrier.tracking_number).toBe('6A0000000077');
    expect(carrier.shipping_cost_tax_incl).toMatch(/^5\.88/);
    // Read back through the reader.
    const back = await source.order('3');
    expect(back?.state).toBe('shipped');
    expect(back?.messages.map((m) => m.text)).toContain('Document de gestion commerciale : FA00077');
    // Again: nothing written.
    h.sim.resetStats();
    await source.setStatus('3', 'Shipped', { documentNumber: 'FA00077', notifyCustomer: true, trackingNumber: '6A0000000077' });
    expect(h.sim.stats.writeRequests).toBe(0);
  });

  test('prospects: a customer without orders, with its address', async () => {
    h = await startPs({ sim: { seed: 'fixtures' } });
    const res = await h.sim.request('POST', '/api/customers', `<prestashop><customer><lastname>Martin</lastname><firstname>Léa</firstname><email>lea.martin@example.fr</email><passwd>Secret123!</passwd><id_default_group>3</id_default_group><active>1</active></customer></prestashop>`);
    expect(res.status).toBe(201);
    const id = /<id><!\[CDATA\[(\d+)\]\]><\/id>/.exec(res.body)?.[1];
    const addr = await h.sim.request('POST', '/api/addresses', `<prestashop><address><id_customer>${id}</id_customer><id_country>8</id_country><alias>Maison</alias><lastname>Martin</lastname><firstname>Léa</firstname><address1>3 rue Neuve</address1><postcode>33000</postcode><city>Bordeaux</city></address></prestashop>`);
    expect(addr.status).toBe(201);
    const source = new PsOrderSource({ ws: h.ws, settings: settingsOf(), options: {} });
    const got = [];
    for await (const p of source.customersWithoutOrders('2026-01-01T00:00:00Z')) got.push(...p);
    expect(got.map((c) => [c.id, c.email, c.billing.city, c.billing.countryCode])).toEqual([[id, 'lea.martin@example.fr', 'Bordeaux', 'FR']]);
  });
});
