/**
 * CMD-13 on Shopify: the parcel's tracking number of a GesCom document goes back with the status.
 * A document holding one when orders.status first runs: the fulfilment is created with its number
 * and carrier (the document's, else shop.shopify.trackingCompany). A number entered after the order
 * shipped: the next run gives it to the fulfilment (fulfillmentTrackingInfoUpdate), and an unchanged
 * one is never sent again. With orderStatus.trackingUrls the fulfilment gets the carrier's tracking
 * link (trackingInfo.url); a changed template reaches an order with its next change, never all
 * orders at once; without templates no link is sent (Shopify builds its own for the carriers it knows). Asserted on what the simulator's fulfilments hold.
 */
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ShopifyEnv, removeSampleDb } from './adapter-support.js';

interface HeldFulfilment { status: string; trackingInfo: { number: string | null; company: string | null; url?: string | null }[] }

let env: ShopifyEnv;
beforeEach(async () => {
  // The profile's carrier, used when a document names none.
  env = await ShopifyEnv.start({}, { trackingCompany: 'La Poste' });
  env.editProfile((p) => ({ ...p, orders: { ...p.orders, accountLength: 17 }, orderStatus: { ...p.orderStatus, notifyCustomer: true } }));
  const exp = await env.run('products.export');
  expect(exp.record.status, exp.lines.join('\n')).toBe('succeeded');
});
afterEach(async () => {
  await env?.close();
});
afterAll(removeSampleDb);

/** Orders placed and imported (by id: no dates involved); their GesCom document numbers, in order. */
async function importedOrders(n: number, lines = 1): Promise<{ gid: string; number: string }[]> {
  const skus = env.query<{ productVariants: { nodes: { sku: string }[] } }>('{ productVariants(first: 10) { nodes { sku } } }').productVariants.nodes.map((v) => v.sku);
  const placed = Array.from({ length: n }, (_, i) => env.sim.placeOrder({
    lines: skus.slice(0, lines).map((sku) => ({ sku, quantity: 1 })),
    customer: { email: `client${i}.suivi@example.fr`, firstName: 'Client', lastName: `Suivi ${i}` }, gateway: 'paypal',
  }));
  const r = await env.run('orders.import', { orderIds: placed.map((p) => p.id) });
  expect(r.record.counts.orders, r.lines.join('\n')).toMatchObject({ created: n, failed: 0 });
  const docs = await env.gescom((g) => g.documents());
  return placed.map((p) => ({ gid: p.id, number: docs.find((d) => d.shopOrderId === p.id)!.number }));
}

/** The order's fulfilments with their tracking; `url` only when asked (the tracking link tests). */
function fulfilments(orderGid: string, withUrl = false): HeldFulfilment[] {
  return env.query<{ order: { fulfillments: HeldFulfilment[] } }>(
    `query($id: ID!) { order(id: $id) { fulfillments(first: 10) { status trackingInfo(first: 5) { number company ${withUrl ? 'url' : ''} } } } }`, { id: orderGid }).order.fulfillments;
}

/** Shipping e-mails the simulator's Shopify would have sent for the order's fulfilments. */
function notifications(orderGid: string): number {
  const id = Number(orderGid.split('/').pop());
  return [...env.sim.state.fulfillments.values()].filter((f) => f.orderId === id).reduce((n, f) => n + f.customerNotifications, 0);
}

describe('tracking number back to Shopify (orders.status)', () => {
  test('on the fulfilment created; entered later: sent by the next run; unchanged: never again', async () => {
    const [a, b, c] = await importedOrders(3);
    await env.gescom(async (g) => {
      await g.setDocumentTracking(a!.number, { trackingNumber: '6A12345678901', carrier: 'Colissimo' });
      await g.setDocumentTracking(b!.number, { trackingNumber: 'XY987654321FR' });
    });

    const first = await env.run('orders.status');
    expect(first.record.status, first.lines.join('\n')).toBe('succeeded');
    expect(first.record.counts.orders).toMatchObject({ updated: 3, failed: 0 });
    expect(first.byField).toMatchObject({ fulfillmentCreate: 3 });
    expect(first.byField.fulfillmentTrackingInfoUpdate ?? 0).toBe(0);
    // The document's carrier, else the profile's; the order without tracking gets the carrier alone.
    expect(fulfilments(a!.gid)).toEqual([{ status: 'SUCCESS', trackingInfo: [{ number: '6A12345678901', company: 'Colissimo' }] }]);
    expect(fulfilments(b!.gid)).toEqual([{ status: 'SUCCESS', trackingInfo: [{ number: 'XY987654321FR', company: 'La Poste' }] }]);
    expect(fulfilments(c!.gid)).toEqual([{ status: 'SUCCESS', trackingInfo: [{ number: null, company: 'La Poste' }] }]);
    expect(notifications(a!.gid)).toBe(1);

    // The parcel of the third order is entered after it shipped: the next run gives its fulfilment the number.
    await env.gescom((g) => g.setDocumentTracking(c!.number, { trackingNumber: '1Z999AA10123456784', carrier: 'UPS' }));
    const later = await env.run('orders.status');
    expect(later.record.status, later.lines.join('\n')).toBe('succeeded');
    expect(later.record.counts.orders).toMatchObject({ updated: 1, unchanged: 2, failed: 0 });
    expect(later.byField).toMatchObject({ fulfillmentTrackingInfoUpdate: 1 });
    expect(later.byField.fulfillmentCreate ?? 0).toBe(0);
    expect(fulfilments(c!.gid)).toEqual([{ status: 'SUCCESS', trackingInfo: [{ number: '1Z999AA10123456784', company: 'UPS' }] }]);
    // notifyCustomer: the customer is told of the tracking update too.
    expect(notifications(c!.gid)).toBe(2);

    // Nothing changed: nothing sent, not even the status.
    const again = await env.run('orders.status');
    expect(again.record.counts.orders).toMatchObject({ updated: 0, unchanged: 3, failed: 0 });
    expect(again.requests).toBe(0);

    // A corrected number replaces the one of the order's single fulfilment.
    await env.gescom((g) => g.setDocumentTracking(a!.number, { trackingNumber: '6A12345678918', carrier: 'Colissimo' }));
    const corrected = await env.run('orders.status');
    expect(corrected.record.counts.orders).toMatchObject({ updated: 1, unchanged: 2, failed: 0 });
    expect(fulfilments(a!.gid)).toEqual([{ status: 'SUCCESS', trackingInfo: [{ number: '6A12345678918', company: 'Colissimo' }] }]);
  });

  test('an order the merchant shipped in two parcels, each tracked in Shopify: left alone, said in the journal', async () => {
    const [o] = await importedOrders(1, 2);
    // The merchant fulfils each line on its own in the Shopify admin, with its own tracking number.
    const fo = env.query<{ order: { fulfillmentOrders: { nodes: { id: string; lineItems: { nodes: { id: string }[] } }[] } } }>(
      'query($id: ID!) { order(id: $id) { fulfillmentOrders(first: 5) { nodes { id lineItems(first: 5) { nodes { id } } } } } }', { id: o!.gid }).order.fulfillmentOrders.nodes[0]!;
    for (const [i, line] of fo.lineItems.nodes.entries()) {
      const r = env.query<{ fulfillmentCreate: { userErrors: unknown[] } }>('mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { userErrors { field message } } }', {
        f: { lineItemsByFulfillmentOrder: [{ fulfillmentOrderId: fo.id, fulfillmentOrderLineItems: [{ id: line.id, quantity: 1 }] }], trackingInfo: { number: `COLIS${i}`, company: 'DPD' } },
      });
      expect(r.fulfillmentCreate.userErrors).toEqual([]);
    }
    await env.gescom((g) => g.setDocumentTracking(o!.number, { trackingNumber: '6A00000000001', carrier: 'Colissimo' }));

    const r = await env.run('orders.status');
    expect(r.record.counts.orders, r.lines.join('\n')).toMatchObject({ updated: 1, failed: 0 });
    expect(r.byField.fulfillmentTrackingInfoUpdate ?? 0).toBe(0);
    expect(r.lines.join('\n')).toMatch(/numéro de suivi 6A00000000001 non envoyé, ses 2 expéditions portent déjà chacune le leur/);
    expect(fulfilments(o!.gid).map((f) => f.trackingInfo)).toEqual([[{ number: 'COLIS0', company: 'DPD' }], [{ number: 'COLIS1', company: 'DPD' }]]);
  });

  test('tracking links: the carrier’s template (any case), the profile’s carrier, the default; none without number; a changed template not sent to old orders', async () => {
    const colissimo = 'https://www.laposte.fr/outils/suivre-vos-envois?code={number}';
    env.editProfile((p) => ({
      ...p,
      orderStatus: {
        ...p.orderStatus,
        trackingUrls: [{ carrier: 'colissimo', url: colissimo }, { carrier: 'LA POSTE', url: 'https://www.laposte.fr/suivi?code={number}&src=lp' }],
        defaultTrackingUrl: 'https://suivi.example.fr/colis/{number}',
      },
    }));
    const [a, b, c, d] = await importedOrders(4);
    await env.gescom(async (g) => {
      await g.setDocumentTracking(a!.number, { trackingNumber: '6A12345678901', carrier: 'Colissimo' });
      // No carrier on the document: the profile's (shop.shopify.trackingCompany = La Poste) and its link; the number encoded.
      await g.setDocumentTracking(b!.number, { trackingNumber: 'XY 987/65' });
      // A carrier Shopify does not know and the profile does not list: the default link.
      await g.setDocumentTracking(c!.number, { trackingNumber: 'TM-42', carrier: 'Transports Martin' });
    });

    const first = await env.run('orders.status');
    expect(first.record.status, first.lines.join('\n')).toBe('succeeded');
    expect(first.record.counts.orders).toMatchObject({ updated: 4, failed: 0 });
    expect(fulfilments(a!.gid, true)).toEqual([{ status: 'SUCCESS', trackingInfo: [
      { number: '6A12345678901', company: 'Colissimo', url: 'https://www.laposte.fr/outils/suivre-vos-envois?code=6A12345678901' }] }]);
    expect(fulfilments(b!.gid, true)).toEqual([{ status: 'SUCCESS', trackingInfo: [
      { number: 'XY 987/65', company: 'La Poste', url: 'https://www.laposte.fr/suivi?code=XY%20987%2F65&src=lp' }] }]);
    expect(fulfilments(c!.gid, true)).toEqual([{ status: 'SUCCESS', trackingInfo: [
      { number: 'TM-42', company: 'Transports Martin', url: 'https://suivi.example.fr/colis/TM-42' }] }]);
    // No number, no link (Shopify refuses a url without a number).
    expect(fulfilments(d!.gid, true)).toEqual([{ status: 'SUCCESS', trackingInfo: [{ number: null, company: 'La Poste', url: null }] }]);

    // Colissimo's template changes: orders already sent are not sent again (their customers would
    // hear of old parcels); a number corrected afterwards goes with the new link.
    env.editProfile((p) => ({
      ...p,
      orderStatus: { ...p.orderStatus, trackingUrls: p.orderStatus.trackingUrls.map((r) => (r.carrier === 'colissimo' ? { ...r, url: 'https://www.colissimo.fr/portail_colis/suivi?parcel={number}' } : r)) },
    }));
    const kept = await env.run('orders.status');
    expect(kept.record.counts.orders, kept.lines.join('\n')).toMatchObject({ updated: 0, unchanged: 4, failed: 0 });
    expect(kept.requests).toBe(0);
    await env.gescom((g) => g.setDocumentTracking(a!.number, { trackingNumber: '6A12345678918', carrier: 'Colissimo' }));
    const changed = await env.run('orders.status');
    expect(changed.record.counts.orders, changed.lines.join('\n')).toMatchObject({ updated: 1, unchanged: 3, failed: 0 });
    expect(changed.byField).toMatchObject({ fulfillmentTrackingInfoUpdate: 1 });
    expect(fulfilments(a!.gid, true)).toEqual([{ status: 'SUCCESS', trackingInfo: [
      { number: '6A12345678918', company: 'Colissimo', url: 'https://www.colissimo.fr/portail_colis/suivi?parcel=6A12345678918' }] }]);

    const again = await env.run('orders.status');
    expect(again.record.counts.orders).toMatchObject({ updated: 0, unchanged: 4 });
    expect(again.requests).toBe(0);
  });

  test('without templates no link is sent (Shopify builds its own for the carriers it knows)', async () => {
    const [o] = await importedOrders(1);
    await env.gescom((g) => g.setDocumentTracking(o!.number, { trackingNumber: '6A12345678901', carrier: 'Colissimo' }));
    const r = await env.run('orders.status');
    expect(r.record.counts.orders, r.lines.join('\n')).toMatchObject({ updated: 1, failed: 0 });
    expect(fulfilments(o!.gid, true)).toEqual([{ status: 'SUCCESS', trackingInfo: [{ number: '6A12345678901', company: 'Colissimo', url: null }] }]);
  });
});
