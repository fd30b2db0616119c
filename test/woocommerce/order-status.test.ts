/**
 * WooCommerce statuses and the canonical states, table-driven: the state of every core status
 * and of plugin statuses, how a profile's status is read (raw slug with or without "wc-", or a
 * canonical name), the status filter sent to GET /orders and the status the way back sends.
 */
import { describe, expect, test } from 'vitest';
import { toShopOrder, WOO_STATUS_FORMS, wooOrderState, wooStatusFilter } from '../../src/shops/woocommerce/woo-orders.js';
import { statusMatches } from '../../src/sync/orders/order-status.js';
import { mapOrder } from '../../src/sync/orders/mapping/document.js';
import { order, refsFor, settingsWith } from '../orders/mapping/helpers.js';

describe('WooCommerce status -> canonical state', () => {
  test.each([
    ['pending', 'pending'],
    ['processing', 'processing'],
    ['on-hold', 'onHold'],
    ['completed', 'completed'],
    ['cancelled', 'cancelled'],
    ['refunded', 'refunded'],
    // A failed payment will not be fulfilled as it stands.
    ['failed', 'cancelled'],
    ['trash', 'cancelled'],
    ['checkout-draft', 'pending'],
    ['wc-on-hold', 'onHold'],
    [' Completed ', 'completed'],
    // Plugin statuses: the common slugs by name, any other one processing.
    ['wc-shipped', 'shipped'],
    ['delivered', 'completed'],
    ['partially-shipped', 'processing'],
    ['wc-preparing', 'processing'],
  ])('%j -> %s', (status, state) => expect(wooOrderState(status)).toBe(state));

  test('toShopOrder keeps the raw status beside the state', () => {
    const o = toShopOrder({ id: 7, status: 'on-hold', date_created_gmt: '2026-11-28T10:00:00', line_items: [], total: '0', total_tax: '0' } as never);
    expect({ status: o.status, state: o.state }).toEqual({ status: 'on-hold', state: 'onHold' });
  });
});

describe("a profile's status against a WooCommerce order", () => {
  test.each([
    // wanted, order status, matches
    ['completed', 'completed', true],
    ['wc-completed', 'completed', true],
    ['completed', 'wc-completed', true],
    ['Processing', 'processing', true],
    ['on-hold', 'on-hold', true],
    ['onHold', 'on-hold', true],
    ['onHold', 'processing', false],
    // "processing" is WooCommerce's own: a plugin status mapped to processing is not caught by it.
    ['processing', 'wc-preparing', false],
    ['wc-preparing', 'preparing', true],
    // Canonical names WooCommerce has no core status for.
    ['shipped', 'wc-shipped', true],
    ['cancelled', 'failed', false],
    ['paid', 'processing', false],
  ])('%j vs %j -> %s', (wanted, status, expected) => {
    expect(statusMatches(wanted, { status, state: wooOrderState(status) }, WOO_STATUS_FORMS)).toBe(expected);
  });
});

describe('status filter of GET /orders', () => {
  test.each([
    [['processing', 'completed'], ['processing', 'completed']],
    [['wc-on-hold'], ['on-hold']],
    [['onHold'], ['on-hold']],
    // A name WooCommerce has is its own status, as profiles always meant it.
    [['cancelled', 'refunded'], ['cancelled', 'refunded']],
    [['pending'], ['pending']],
    [['paid'], []],
    [['wc-preparing', 'processing'], ['preparing', 'processing']],
  ])('statuses %j -> %j', (wanted, expected) => expect(wooStatusFilter(wanted)).toEqual(expected));

  test.each([
    // Canonical states asked by shared code: every core status of the state.
    [['cancelled', 'refunded'], ['cancelled', 'failed', 'refunded']],
    [['processing', 'onHold', 'shipped', 'completed'], ['processing', 'on-hold', 'completed']],
    [['paid'], []],
  ] as const)('states %j -> %j', (states, expected) => expect(wooStatusFilter([], states)).toEqual(expected));
});

describe('orders.statusMapping with the WooCommerce forms', () => {
  test.each([
    ['completed', 'wc-completed', 'deliveryNote'],
    ['wc-completed', 'completed', 'deliveryNote'],
    ['onHold', 'on-hold', 'deliveryNote'],
    ['completed', 'processing', null],
  ])('row %j, order %j -> %j', (row, status, type) => {
    const o = order({ status, state: wooOrderState(status) });
    const r = mapOrder(o, settingsWith({ orders: { statusMapping: [{ status: row, documentType: 'deliveryNote' }] } }), refsFor(o), { statusForms: WOO_STATUS_FORMS });
    expect(r.skip === null ? r.document.type : null).toBe(type);
  });
});
