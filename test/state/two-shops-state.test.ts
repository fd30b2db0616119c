/** State store, two shops on one GesCom company: transferred orders keyed by shop identity, legacy rows, customer accounts per shop. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { legacyShopKey, StateStore } from '../../src/state/state-store.js';

let dir: string;
let store: StateStore;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-state-shops-'));
  store = new StateStore(path.join(dir, 'state.db'));
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const wc = { profile: 'wc', shop: 'woocommerce:a.example' };
const ps = { profile: 'ps', shop: 'prestashop:b.example' };

test('order 530 of two shops: two rows; two profiles on one shop share one', () => {
  expect(store.claimOrder(wc, '530', null)).toBe(true);
  expect(store.claimOrder(ps, '530', null)).toBe(true);
  expect(store.claimOrder({ profile: 'wc-copy', shop: wc.shop }, '530', null)).toBe(false);
  store.markOrderImported(ps, '530', 'FA2', 'invoice', 'paid');
  expect(store.transferredOrder(wc, '530')).toMatchObject({ shopKey: wc.shop, state: 'importing', documentNumber: null });
  expect(store.transferredOrder(ps, '530')).toMatchObject({ shopKey: ps.shop, state: 'imported', documentNumber: 'FA2' });
  expect(store.resetOrders(wc, 'ALL')).toBe(1);
  expect(store.transferredOrders(ps).map((t) => t.shopOrderId)).toEqual(['530']);
});

test('rows written before shops were told apart count for the profile until tied to its shop, where the shop\'s own row wins', () => {
  store.markOrderImported('wc', '1', 'FA1', 'invoice', null);
  store.markOrderImported('wc', '2', 'FA-old', 'invoice', null);
  expect(store.transferredOrder(wc, '1')).toMatchObject({ shopKey: legacyShopKey('wc'), documentNumber: 'FA1' });
  store.markOrderImported(wc, '2', 'FA2', 'invoice', null);
  expect(store.adoptLegacyOrders('wc', wc.shop).map((t) => t.shopOrderId).sort()).toEqual(['1', '2']);
  expect(store.transferredOrders(wc).map((t) => [t.shopKey, t.shopOrderId, t.documentNumber])).toEqual([
    [wc.shop, '1', 'FA1'], [wc.shop, '2', 'FA2'],
  ].sort((a, b) => (a[1]! < b[1]! ? -1 : 1)));
  expect(store.adoptLegacyOrders('wc', wc.shop)).toEqual([]);
  // Another profile does not see them.
  expect(store.transferredOrder(ps, '1')).toBeNull();
});

test('a customer account belongs to the first shop that used it', () => {
  expect(store.claimAccount('embedded:/c.db', 'WEB000002', wc.shop, 'wc')).toBe(wc.shop);
  expect(store.claimAccount('embedded:/c.db', 'WEB000002', ps.shop, 'ps')).toBe(wc.shop);
  expect(store.claimAccount('embedded:/other.db', 'WEB000002', ps.shop, 'ps')).toBe(ps.shop);
  expect(store.accountShop('embedded:/c.db', 'WEB000002')).toBe(wc.shop);
  expect(store.accountShop('embedded:/c.db', 'WEP000002')).toBeNull();
});
