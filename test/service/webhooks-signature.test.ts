/**
 * WooCommerce's delivery signature and delivery reading, against the deliveries recorded from a
 * real WooCommerce 10.0.2 (fixtures 310: the ping, 311: order.created signed with the secret of
 * 311-*.secret.txt).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adapterFor } from '../../src/shops/registry.js';
import { DIR, recorded } from './support-webhooks.js';

const woo = adapterFor('woocommerce')!.webhooks!;

describe('WooCommerce webhook deliveries (recorded 310, 311)', () => {
  it('the recorded order.created delivery verifies with the recorded secret, byte for byte', () => {
    const body = recorded.orderBody();
    expect(body.length).toBe(Number(recorded.orderHeaders()['content-length']));
    expect(woo.verify(body, recorded.orderHeaders(), recorded.secret())).toBe(true);
  });

  it('a changed byte, another secret, a missing or malformed signature do not verify', () => {
    const body = recorded.orderBody();
    const tampered = Buffer.from(body.toString('utf8').replace('"total":"10.12"', '"total":"10.13"'));
    expect(tampered.equals(body)).toBe(false);
    expect(woo.verify(tampered, recorded.orderHeaders(), recorded.secret())).toBe(false);
    expect(woo.verify(body, recorded.orderHeaders(), 'another-secret')).toBe(false);
    expect(woo.verify(body, recorded.orderHeaders(), '')).toBe(false);
    const { 'x-wc-webhook-signature': _sig, ...unsigned } = recorded.orderHeaders();
    expect(woo.verify(body, unsigned, recorded.secret())).toBe(false);
    expect(woo.verify(body, { ...recorded.orderHeaders(), 'x-wc-webhook-signature': 'short' }, recorded.secret())).toBe(false);
    // Signed with the JSON re-encoded (pretty, or without "\/"): not the bytes WooCommerce signed.
    const pretty = fs.readFileSync(path.join(DIR, '311-webhook-delivery-order-created.body.pretty.json'));
    expect(woo.verify(pretty, recorded.orderHeaders(), recorded.secret())).toBe(false);
  });

  it('reads the order delivery: topic, the shop order id, the delivery id', () => {
    expect(woo.parse(recorded.orderBody(), recorded.orderHeaders())).toEqual({
      kind: 'order', topic: 'order.created', orderId: '421', deliveryId: '1d4f7db7f810a6dfd6b7498b895b7b61', subscriptionId: '1',
    });
  });

  it('reads the ping (form body webhook_id=1, no X-WC header, no signature)', () => {
    const headers = recorded.pingHeaders();
    expect(Object.keys(headers).some((h) => h.startsWith('x-wc-'))).toBe(false);
    expect(woo.parse(recorded.pingBody(), headers)).toEqual({ kind: 'ping', subscriptionId: '1' });
  });

  it('a topic Passerelle does not act on is read as ignored; a body that is not an order as unreadable', () => {
    expect(woo.parse(Buffer.from('{"id":5}'), { 'x-wc-webhook-topic': 'product.updated' })).toEqual({ kind: 'ignored', topic: 'product.updated' });
    expect(woo.parse(Buffer.from('not json'), { 'x-wc-webhook-topic': 'order.created' })).toBeNull();
    expect(woo.parse(Buffer.from('{"id":"x"}'), { 'x-wc-webhook-topic': 'order.updated' })).toBeNull();
    expect(woo.parse(Buffer.from('hello'), {})).toBeNull();
  });

  it('PrestaShop declares no webhooks: it stays on the scheduled import', () => {
    expect(adapterFor('prestashop')!.webhooks).toBeUndefined();
    expect(woo.orderTopics).toEqual(['order.created', 'order.updated']);
  });
});

describe('the delivery store', () => {
  it('one delivery id with two orders (one webhook, one second) is two deliveries; the same delivery again is a repeat', async () => {
    const { default: Database } = await import('better-sqlite3');
    const { WebhookStore } = await import('../../src/state/webhook-store.js');
    const db = new Database(':memory:');
    const store = new WebhookStore(db);
    const d = { deliveryId: '1d4f7db7f810a6dfd6b7498b895b7b61', topic: 'order.created' };
    expect(store.record('demo', { ...d, orderId: '421' })).toBe(true);
    expect(store.record('demo', { ...d, orderId: '422' })).toBe(true);
    expect(store.record('demo', { ...d, orderId: '421' })).toBe(false);
    // Another profile on the same shop keeps its own deliveries.
    expect(store.record('other', { ...d, orderId: '421' })).toBe(true);
    // No delivery id: never taken for a repeat.
    expect(store.record('demo', { deliveryId: '', topic: 'order.updated', orderId: '421' })).toBe(true);
    expect(store.record('demo', { deliveryId: '', topic: 'order.updated', orderId: '421' })).toBe(true);
    expect(store.received('demo').map((r) => r.orderId).sort()).toEqual(['421', '421', '421', '422']);
    db.close();
  });
});
