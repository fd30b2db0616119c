/**
 * CMD-13 on WooCommerce, end to end on the simulator: orders.status writes the parcel's tracking
 * number, carrier and tracking link (orderStatus.trackingUrls / defaultTrackingUrl) in the order
 * note (a customer note with orderStatus.notifyCustomer, whose e-mail makes the link clickable); a
 * changed template reaches an order with its next change, never every order at once.
 */
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { OrdersEnv, PAID_ORDERS, removeSampleDb } from './support-orders.js';

let env: OrdersEnv;
beforeEach(async () => {
  env = await OrdersEnv.start();
});
afterEach(async () => {
  await env?.close();
});
afterAll(removeSampleDb);

/** The notes of an order, oldest first, as the shop holds them. */
function notes(orderId: string): { note: string; customerNote: boolean }[] {
  return env.sim.state.orderNotes.list().filter((n) => n.orderId === Number(orderId)).sort((x, y) => x.id - y.id)
    .map((n) => ({ note: n.note, customerNote: n.customerNote }));
}

describe('orders.status on WooCommerce: the tracking link in the order note', () => {
  test('carrier’s template, default for an unlisted carrier, number encoded; a changed template not sent to old orders', async () => {
    env.editProfile((p) => ({
      ...p,
      orderStatus: {
        ...p.orderStatus, notifyCustomer: true,
        trackingUrls: [{ carrier: 'Colissimo', url: 'https://www.laposte.fr/outils/suivre-vos-envois?code={number}' }],
        defaultTrackingUrl: 'https://suivi.example.fr/colis/{number}',
      },
    }));
    const imported = await env.import();
    expect(imported.record.counts.orders, imported.lines.join('\n')).toMatchObject({ created: PAID_ORDERS.length, failed: 0 });
    const docs = new Map((await env.documents()).map((d) => [d.shopOrderId!, d.number]));
    const [a, b, c] = PAID_ORDERS;
    await env.gescom(async (g) => {
      await g.setDocumentTracking(docs.get(a)!, { trackingNumber: '6A12345678901', carrier: 'COLISSIMO' });
      await g.setDocumentTracking(docs.get(b)!, { trackingNumber: 'TM 42/7', carrier: 'Transports Martin' });
    });

    const r = await env.run('orders.status');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    const line = (id: string) => notes(id).at(-1);
    expect(line(a)).toEqual({ customerNote: true, note: `Pièce ${docs.get(a)}\nNuméro de suivi du colis : 6A12345678901 (COLISSIMO), à suivre sur https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901` });
    expect(line(b)).toEqual({ customerNote: true, note: `Pièce ${docs.get(b)}\nNuméro de suivi du colis : TM 42/7 (Transports Martin), à suivre sur https://suivi.example.fr/colis/TM%2042%2F7` });
    // No tracking number: the note of before, no link.
    expect(line(c)).toEqual({ customerNote: true, note: `Pièce ${docs.get(c)}` });

    // The default template changes: no order already sent is written again (their customers would
    // hear of old parcels); a number corrected afterwards goes with the new link.
    env.editProfile((p) => ({ ...p, orderStatus: { ...p.orderStatus, defaultTrackingUrl: 'https://track.example.com/?id={number}' } }));
    const before = notes(a).length;
    const kept = await env.run('orders.status');
    expect(kept.record.counts.orders).toMatchObject({ updated: 0, unchanged: PAID_ORDERS.length, failed: 0 });
    expect(kept.writeRequests).toBe(0);
    await env.gescom((g) => g.setDocumentTracking(docs.get(b)!, { trackingNumber: 'TM 42/8', carrier: 'Transports Martin' }));
    const changed = await env.run('orders.status');
    expect(changed.record.counts.orders).toMatchObject({ updated: 1, unchanged: PAID_ORDERS.length - 1, failed: 0 });
    expect(line(b)?.note).toBe(`Pièce ${docs.get(b)}\nNuméro de suivi du colis : TM 42/8 (Transports Martin), à suivre sur https://track.example.com/?id=TM%2042%2F8`);
    expect(notes(a)).toHaveLength(before);

    const again = await env.run('orders.status');
    expect(again.record.counts.orders).toMatchObject({ updated: 0, unchanged: PAID_ORDERS.length });
    expect(again.writeRequests).toBe(0);
  });
});
