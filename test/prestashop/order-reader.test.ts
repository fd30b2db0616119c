/**
 * PsOrderSource over the recorded shop (an in-memory webservice holding exchanges 900-999): which
 * requests it sends (filters, paging, sub-resources per page, reference data once), what it reads,
 * and the way back (order_histories, private message, tracking number) with what PrestaShop receives.
 */
import { describe, expect, test } from 'vitest';
import type { ShopSettings } from '../../src/shops/adapter.js';
import { PsOrderSource } from '../../src/shops/prestashop/ps-orders.js';
import type { ShopProspect } from '../../src/shops/port.js';
import type { ShopOrder } from '../../src/sync/orders/shop-order.js';
import { render, type Text } from '../../src/i18n/catalogue.js';
import { settingsWith } from '../orders/mapping/helpers.js';
import { FakeWebservice } from './fake-webservice.js';

function shopSettings(shopIds: string[] = []): ShopSettings {
  const p = settingsWith({ orders: { shopIds } });
  return { language: p.general.language, timezone: 'Europe/Paris', prices: p.prices, articles: p.articles, customers: p.customers, orders: p.orders };
}

function source(opts: { pageSize?: number; shopIds?: string[]; shopId?: string } = {}) {
  const ws = new FakeWebservice();
  const warnings: string[] = [];
  const s = new PsOrderSource({
    ws, settings: shopSettings(opts.shopIds), options: { pageSize: opts.pageSize, shopId: opts.shopId },
    warn: (m) => warnings.push(typeof m === 'string' ? m : render(m as Text, 'en')),
  });
  return { ws, s, warnings };
}

async function all<T>(it: AsyncIterable<T[]>): Promise<T[][]> {
  const out: T[][] = [];
  for await (const p of it) out.push(p);
  return out;
}

describe('PsOrderSource: reading', () => {
  test('orders of the selected states, page by page, each sub-resource read once per page', async () => {
    const { ws, s } = source({ pageSize: 2 });
    const pages = await all<ShopOrder>(s.orders({ statuses: ['11'] }));
    expect(pages.map((p) => p.map((o) => o.id))).toEqual([['1', '2'], ['3', '4'], ['5']]);
    const orderReqs = ws.of('GET', 'orders');
    expect(orderReqs).toHaveLength(3);
    expect(orderReqs[0]!.query).toMatchObject({ display: 'full', sort: '[id_ASC]', limit: 2, filter: { current_state: '[11]' } });
    expect(orderReqs.map((r) => r.params?.limit)).toEqual(['0,2', '2,2', '4,2']);
    // One request per page for each sub-resource, the page's ids together.
    for (const r of ['order_details', 'order_carriers', 'order_cart_rules', 'order_histories', 'order_payments', 'customers', 'addresses', 'customer_threads']) {
      expect(ws.of('GET', r), r).toHaveLength(3);
    }
    expect(ws.of('GET', 'order_details')[0]!.query!.filter).toEqual({ id_order: '[1|2]' });
    expect(ws.of('GET', 'order_payments')[0]!.query!.filter).toEqual({ order_reference: '[EFAJFWHOE|VHPWFYUNU]' });
    // Reference data once per run.
    for (const r of ['order_states', 'taxes', 'currencies', 'carriers']) expect(ws.of('GET', r), r).toHaveLength(1);
    expect(ws.of('GET', 'countries')).toHaveLength(2); // FR on the first page, CH on the third
    expect(ws.stats().writeRequests).toBe(0);
    // Cart rule codes for the rules a page brings that are not known yet (pages 1 and 2).
    expect(ws.of('GET', 'cart_rules')).toHaveLength(2);
    // 5 orders in 3 pages: 3 x 9 page requests + 3 reference lists + PS_TIMEZONE + carriers + 2 countries + 2 cart rules.
    expect(ws.stats().requests).toBe(3 * 9 + 3 + 1 + 1 + 2 + 2);
    const c = pages[1]![0]!;
    expect(c.coupons.map((x) => x.code)).toEqual(['LIVRAISONOFFERTE']);
    expect(c.totals.inclTax).toBe('84.80');
    expect(c.state).toBe('paid');
  });

  test('statuses named by the profile: canonical state, state name, unknown (said, selects nothing)', async () => {
    const { s, ws, warnings } = source();
    expect((await all<ShopOrder>(s.orders({ statuses: ['cancelled', 'refunded', 'failed'] }))).flat().map((o) => o.id)).toEqual(['6']);
    expect(ws.of('GET', 'orders')[0]!.query!.filter).toMatchObject({ current_state: '[6|7|8]' });
    expect((await all<ShopOrder>(s.orders({ statuses: ['Remote payment accepted'] }))).flat()).toHaveLength(5);
    const before = ws.of('GET', 'orders').length;
    expect(await all<ShopOrder>(s.orders({ statuses: ['Expédiée chez la lune'] }))).toEqual([]);
    expect(ws.of('GET', 'orders')).toHaveLength(before);
    expect(warnings.join('\n')).toContain('Expédiée chez la lune');
  });

  test('date ranges in the shop time zone with date=1; selected shops as filter[id_shop]', async () => {
    const { s, ws } = source({ shopIds: ['1', '2'] });
    const got = (await all<ShopOrder>(s.orders({ after: '2026-12-01T11:21:02.000Z', before: '2026-12-01T11:21:04.000Z' }))).flat();
    expect(got.map((o) => o.id)).toEqual(['3', '4']);
    expect(ws.of('GET', 'orders')[0]!.query).toMatchObject({
      date: true, filter: { date_add: '[2026-12-01 12:21:02,2026-12-01 12:21:04]', id_shop: '[1|2]' },
    });
    const changed = (await all<ShopOrder>(s.orders({ modifiedAfter: '2026-12-01T11:21:10.000Z' }))).flat();
    expect(changed.map((o) => o.id)).toEqual(['6']);
    expect(ws.of('GET', 'orders')[1]!.query!.filter).toMatchObject({ date_upd: '[2026-12-01 12:21:10,2999-12-31 23:59:59]' });
  });

  test('the profile shop of a multistore when no shop is selected', async () => {
    const { s, ws } = source({ shopId: '2' });
    expect(await all<ShopOrder>(s.orders({}))).toEqual([]);
    expect(ws.of('GET', 'orders')[0]!.query!.filter).toMatchObject({ id_shop: '[2]' });
  });

  test('order(id): one order with its sub-resources; null when the shop does not know it', async () => {
    const { s } = source();
    const d = await s.order('4');
    expect(d?.fees.map((f) => [f.name, f.kind, f.totalExclTax])).toEqual([['Emballage cadeau', 'giftWrap', '2.50']]);
    expect(d?.messages[0]?.text).toBe('Joyeux anniversaire !');
    expect(await s.order('99')).toBeNull();
  });

  test('an unreadable order fails alone: the others are read, then the run fails naming it', async () => {
    const { s, ws, warnings } = source({ pageSize: 10 });
    ws.tables.get('order_details')!.find((d) => d.id === 4)!.total_price_tax_excl = 'n/a';
    const got: string[] = [];
    await expect((async () => {
      for await (const p of s.orders({ statuses: ['11'] })) got.push(...p.map((o) => o.id));
    })()).rejects.toMatchObject({ entity: 'order 2', field: 'order_details[1].total_price_tax_excl' });
    expect(got).toEqual(['1', '3', '4', '5']);
    expect(warnings.join('\n')).toContain('order 2');
  });
});

describe('PsOrderSource: the way back', () => {
  test('status through order_histories (mail per option), the document number as a private message, once', async () => {
    const { s, ws } = source();
    await s.setStatus('1', 'Shipped', { documentNumber: 'FA00042', notifyCustomer: true });
    const h = ws.of('POST', 'order_histories');
    expect(h).toHaveLength(1);
    expect(h[0]!.body).toEqual({ id_order: '1', id_order_state: '4', id_employee: '0' });
    expect(h[0]!.params).toEqual({ sendemail: '1' });
    const thread = ws.of('POST', 'customer_threads')[0]!.body!;
    expect(thread).toMatchObject({ id_order: '1', id_customer: '2', id_contact: '1', id_lang: '1', email: 'camille.durand@example.fr', status: 'open' });
    expect(String(thread.token)).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(ws.of('POST', 'customer_messages').map((m) => m.body)).toEqual([
      { id_customer_thread: '1', id_employee: '0', message: 'Document de gestion commerciale : FA00042', private: '1' },
    ]);
    // Sent again: the state is already current and the message already there.
    await s.setStatus('1', '4', { documentNumber: 'FA00042', notifyCustomer: true });
    expect(ws.of('POST', 'order_histories')).toHaveLength(1);
    expect(ws.of('POST', 'customer_messages')).toHaveLength(1);
    expect(ws.of('POST', 'customer_threads')).toHaveLength(1);
    // Read back: the order is shipped and carries the shop's message.
    const back = await s.order('1');
    expect([back?.status, back?.state]).toEqual(['4', 'shipped']);
    expect(back?.messages).toContainEqual(expect.objectContaining({ author: 'shop', text: 'Document de gestion commerciale : FA00042' }));
  });

  test('without notification no sendemail; a canonical state resolves to the standard state', async () => {
    const { s, ws } = source();
    await s.setStatus('2', 'completed', { documentNumber: 'FA00043', notifyCustomer: false, note: 'Livré par coursier' });
    expect(ws.of('POST', 'order_histories')[0]).toMatchObject({ body: { id_order_state: '5' }, params: undefined });
    expect(ws.of('POST', 'customer_messages')[0]!.body!.message).toBe('Document de gestion commerciale : FA00043\nLivré par coursier');
  });

  test('a cancelled order is never set back to a live state; an unknown state names the option', async () => {
    const { s, ws } = source();
    await expect(s.setStatus('6', 'Shipped', { documentNumber: 'FA1', notifyCustomer: false })).rejects.toMatchObject({ entity: 'order 6', field: 'current_state' });
    await expect(s.setStatus('1', 'Perdu', { documentNumber: 'FA1', notifyCustomer: false })).rejects.toMatchObject({ entity: 'order 1', field: 'orderStatus.mapping' });
    expect(ws.stats().writeRequests).toBe(0);
  });

  test('tracking number: PATCH of that field of the order carrier only, never blanked, not sent twice', async () => {
    const { s, ws } = source();
    await s.setStatus('3', '4', { documentNumber: 'FA00044', notifyCustomer: false, trackingNumber: '6A12345678901' });
    expect(ws.of('PATCH', 'order_carriers').map((r) => [r.id, r.body])).toEqual([['3', { tracking_number: '6A12345678901' }]]);
    expect(ws.tables.get('order_carriers')!.find((r) => r.id === 3)).toMatchObject({ tracking_number: '6A12345678901', shipping_cost_tax_incl: '5.880000' });
    expect(await s.setTrackingNumber('3', '6A12345678901')).toBe(false);
    expect(await s.setTrackingNumber('3', '  ')).toBe(false);
    expect(ws.of('PATCH', 'order_carriers')).toHaveLength(1);
  });

  test('a key that may not write messages: the state is set, the miss is said', async () => {
    const { s, ws, warnings } = source();
    ws.tables.delete('customer_threads');
    await s.setStatus('5', '4', { documentNumber: 'FA00045', notifyCustomer: false });
    expect(ws.of('POST', 'order_histories')).toHaveLength(1);
    expect(warnings.join('\n')).toContain('order 5');
  });
});

describe('PsOrderSource: prospects', () => {
  test('registered customers changed since the date and without any order, with their addresses', async () => {
    const { s, ws } = source();
    ws.tables.get('customers')!.push(
      { id: 4, email: 'lea.martin@example.fr', firstname: 'Léa', lastname: 'Martin', company: 'Fleurs & Co', is_guest: '0', deleted: '0', id_shop: 1, date_add: '2026-12-01 14:00:00', date_upd: '2026-12-01 14:00:00' },
      { id: 5, email: 'guest@example.fr', firstname: 'G', lastname: 'Uest', is_guest: '1', deleted: '0', id_shop: 1, date_add: '2026-12-01 14:00:00', date_upd: '2026-12-01 14:00:00' },
    );
    for (const c of ws.tables.get('customers')!) { c.is_guest ??= '0'; c.deleted ??= '0'; }
    ws.tables.get('addresses')!.push({ id: 9, id_customer: 4, id_country: 8, firstname: 'Léa', lastname: 'Martin', address1: '3 rue Neuve', postcode: '33000', city: 'Bordeaux', deleted: '0' });
    for (const a of ws.tables.get('addresses')!) a.deleted ??= '0';
    const got = (await all<ShopProspect>(s.customersWithoutOrders('2026-12-01T00:00:00Z'))).flat();
    expect(got).toEqual([expect.objectContaining({
      id: '4', email: 'lea.martin@example.fr', company: 'Fleurs & Co', shipping: null,
      billing: expect.objectContaining({ line1: '3 rue Neuve', city: 'Bordeaux', countryCode: 'FR', email: 'lea.martin@example.fr' }),
      createdAt: '2026-12-01T13:00:00.000Z',
    })]);
    expect(ws.of('GET', 'customers')[0]!.query).toMatchObject({ date: true, filter: { date_upd: '[2026-12-01 01:00:00,2999-12-31 23:59:59]', is_guest: '[0]' } });
    expect(ws.of('GET', 'orders')).toHaveLength(1);
  });
});
