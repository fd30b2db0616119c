/**
 * WooCommerce order import (src/shops/woocommerce/woo-orders.ts):
 * 1. toShopOrder on the recorded GET /orders/{id} bodies (WooCommerce 10.0.2, orders 413-420, prices
 *    entered excl. tax then incl. tax), field by field, plus the invariants the GesCom mapping relies on;
 * 2. WooOrderReader against the simulator (seed 'fixtures', plain HTTP -> OAuth 1.0a): filters,
 *    keyset pagination, single order, the way back (status + meta + note), prospects.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { wooCommerceAuth } from '../../src/shops/woocommerce/auth.js';
import { HttpClient } from '../../src/http/http-client.js';
import {
  GESCOM_DOCUMENT_META_KEY, isGiftWrapFee, isWooOrderStatus, normalizeWooStatus, toShopOrder, toWooGmt, WooOrderReader, wooStatusLabel,
  type WooOrder,
} from '../../src/shops/woocommerce/woo-orders.js';
import type { ShopOrder, ShopTax } from '../../src/sync/orders/shop-order.js';
import { dec, sum } from '../../src/util/decimal.js';
import { startWooSimulator, type WooSimulator } from '../simulators/woocommerce/server.js';

const FIXTURES_DIR = process.env.PASSERELLE_FIXTURES_DIR
  ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const WOO = path.join(FIXTURES_DIR, 'woocommerce-10.0.2');

function fixture(prefix: string): WooOrder {
  const name = fs.readdirSync(WOO).find((f) => f.startsWith(`${prefix}-`) && f.endsWith('-get.json'));
  if (!name) throw new Error(`fixture ${prefix} not found in ${WOO}`);
  return JSON.parse(fs.readFileSync(path.join(WOO, name), 'utf8')) as WooOrder;
}

const eq = (a: string, b: string) => dec(a).eq(b);
const taxSum = (taxes: ShopTax[]) => sum(taxes.map((t) => t.amount));

interface LineExp { sku: string; qty: string; subtotal: string; total: string; subtotalTax: string; tax: string; rate: string; rateId: string; label: string; taxClass: string }
interface OrderExp {
  fixture: string;
  id: string;
  incl: boolean;
  status: string;
  customerId: string | null;
  email: string;
  company: string;
  lines: LineExp[];
  fee?: { total: string; tax: string };
  coupon?: { code: string; discount: string; discountTax: string };
  totals: { exclTax: string; tax: string; inclTax: string; discountExclTax: string };
  paid: boolean;
  method: string;
  title: string;
  createdAt: string;
  note?: string;
  /** Catalogue prices (excl. tax in the first set, incl. tax in the second), by SKU. */
  unit: Record<string, string>;
}

const R20 = { rate: '20', rateId: '1', label: 'TVA 20%', taxClass: '' };
const R55 = { rate: '5.5', rateId: '2', label: 'TVA 5,5%', taxClass: 'reduced-rate' };
const CAMILLE = { customerId: '2', email: 'camille.durand@example.fr', company: '' };
const JULIEN = { customerId: null, email: 'julien.martin@example.fr', company: 'Martin SARL' };
const BACS = { paid: true, method: 'bacs', title: 'Virement bancaire' };
const CHEQUE = { paid: false, method: 'cheque', title: 'Chèque' };
const PRICES = { AR0003: '4.95', AR0010: '12.90', AR0014: '39.90', AR0017: '45.00' };

const ORDERS: OrderExp[] = [
  // ---- prices entered excluding tax (woocommerce_prices_include_tax = no)
  {
    fixture: '212', id: '413', incl: false, status: 'processing', ...CAMILLE, ...BACS, createdAt: '2026-11-28T11:59:49Z', note: 'Merci de livrer avant midi.',
    lines: [
      { sku: 'AR0003', qty: '2', subtotal: '9.90', total: '8.91', subtotalTax: '0.54', tax: '0.49', ...R55 },
      { sku: 'AR0010', qty: '1', subtotal: '12.90', total: '11.61', subtotalTax: '2.58', tax: '2.32', ...R20 },
    ],
    coupon: { code: 'bienvenue10', discount: '2.28', discountTax: '0.31' },
    totals: { exclTax: '25.42', tax: '3.79', inclTax: '29.21', discountExclTax: '2.28' }, unit: PRICES,
  },
  {
    fixture: '214', id: '414', incl: false, status: 'processing', ...JULIEN, ...BACS, createdAt: '2026-11-28T11:59:49Z',
    lines: [
      { sku: 'AR0010', qty: '2', subtotal: '25.80', total: '23.80', subtotalTax: '5.16', tax: '4.76', ...R20 },
      { sku: 'AR0003', qty: '3', subtotal: '14.85', total: '11.85', subtotalTax: '0.82', tax: '0.65', ...R55 },
    ],
    fee: { total: '2.50', tax: '0.50' },
    // Recorded unpadded: "5", not "5.00".
    coupon: { code: 'remise5', discount: '5', discountTax: '0.57' },
    totals: { exclTax: '43.05', tax: '6.89', inclTax: '49.94', discountExclTax: '5.00' }, unit: PRICES,
  },
  {
    fixture: '216', id: '415', incl: false, status: 'processing', ...CAMILLE, ...BACS, createdAt: '2026-11-28T11:59:50Z',
    lines: [{ sku: 'AR0014', qty: '3', subtotal: '119.70', total: '119.70', subtotalTax: '23.94', tax: '23.94', ...R20 }],
    totals: { exclTax: '124.60', tax: '24.92', inclTax: '149.52', discountExclTax: '0.00' }, unit: PRICES,
  },
  {
    fixture: '218', id: '416', incl: false, status: 'on-hold', ...CAMILLE, ...CHEQUE, createdAt: '2026-11-28T11:59:50Z',
    lines: [
      { sku: 'AR0003', qty: '1', subtotal: '4.95', total: '4.95', subtotalTax: '0.27', tax: '0.27', ...R55 },
      { sku: 'AR0017', qty: '1', subtotal: '45.00', total: '45.00', subtotalTax: '9.00', tax: '9.00', ...R20 },
    ],
    totals: { exclTax: '54.85', tax: '10.25', inclTax: '65.10', discountExclTax: '0.00' }, unit: PRICES,
  },
  // ---- prices entered including tax (= yes): same catalogue prices, now gross
  {
    fixture: '233', id: '417', incl: true, status: 'processing', ...CAMILLE, ...BACS, createdAt: '2026-11-28T11:59:51Z', note: 'Merci de livrer avant midi.',
    lines: [
      { sku: 'AR0003', qty: '2', subtotal: '9.38', total: '8.45', subtotalTax: '0.52', tax: '0.46', ...R55 },
      // taxes[0].total is "1.94" but total_tax "1.93" (what cart_tax and total_tax add up): 1.93 kept.
      { sku: 'AR0010', qty: '1', subtotal: '10.75', total: '9.68', subtotalTax: '2.15', tax: '1.93', ...R20 },
    ],
    coupon: { code: 'bienvenue10', discount: '2.02', discountTax: '0.26' },
    totals: { exclTax: '23.03', tax: '3.37', inclTax: '26.40', discountExclTax: '2.00' }, unit: PRICES,
  },
  {
    fixture: '235', id: '418', incl: true, status: 'processing', ...JULIEN, ...BACS, createdAt: '2026-11-28T11:59:51Z',
    lines: [
      { sku: 'AR0010', qty: '2', subtotal: '21.50', total: '19.83', subtotalTax: '4.30', tax: '3.97', ...R20 },
      { sku: 'AR0003', qty: '3', subtotal: '14.08', total: '11.23', subtotalTax: '0.77', tax: '0.62', ...R55 },
    ],
    fee: { total: '2.50', tax: '0.50' },
    // The coupon line says 4.51, the order's discount_total 4.52 (= the lines' subtotal - total).
    coupon: { code: 'remise5', discount: '4.51', discountTax: '0.49' },
    totals: { exclTax: '38.46', tax: '6.07', inclTax: '44.53', discountExclTax: '4.52' }, unit: PRICES,
  },
  {
    fixture: '237', id: '419', incl: true, status: 'processing', ...CAMILLE, ...BACS, createdAt: '2026-11-28T11:59:52Z',
    lines: [{ sku: 'AR0014', qty: '3', subtotal: '99.75', total: '99.75', subtotalTax: '19.95', tax: '19.95', ...R20 }],
    totals: { exclTax: '104.65', tax: '20.93', inclTax: '125.58', discountExclTax: '0.00' }, unit: PRICES,
  },
  {
    fixture: '239', id: '420', incl: true, status: 'on-hold', ...CAMILLE, ...CHEQUE, createdAt: '2026-11-28T11:59:52Z',
    lines: [
      { sku: 'AR0003', qty: '1', subtotal: '4.69', total: '4.69', subtotalTax: '0.26', tax: '0.26', ...R55 },
      { sku: 'AR0017', qty: '1', subtotal: '37.50', total: '37.50', subtotalTax: '7.50', tax: '7.50', ...R20 },
    ],
    totals: { exclTax: '47.09', tax: '8.74', inclTax: '55.83', discountExclTax: '0.00' }, unit: PRICES,
  },
];

describe('toShopOrder on the recorded orders', () => {
  for (const x of ORDERS) {
    test(`${x.fixture} (order ${x.id}, prices ${x.incl ? 'incl.' : 'excl.'} tax)`, () => {
      const raw = fixture(x.fixture);
      const o = toShopOrder(raw);

      expect(o.id).toBe(x.id);
      expect(o.number).toBe(x.id);
      expect(o.status).toBe(x.status);
      expect(o.currency).toBe('EUR');
      expect(o.pricesIncludeTax).toBe(x.incl);
      expect(o.createdAt).toBe(x.createdAt);
      expect(o.modifiedAt).toBe(x.createdAt);
      expect(o.invoicedAt).toBeNull();
      expect(o.storeId).toBeNull();

      // Customer: customer_id 0 = guest.
      expect(o.customer.id).toBe(x.customerId);
      expect(o.customer.email).toBe(x.email);
      expect(o.customer.company).toBe(x.company);
      expect(o.customer.firstName).toBe(x.customerId ? 'Camille' : 'Julien');
      expect(o.billing).toEqual(x.customerId
        ? { firstName: 'Camille', lastName: 'Durand', company: '', line1: '8 place Bellecour', line2: 'Bâtiment B', city: 'Lyon', state: '', postcode: '69002', countryCode: 'FR', email: 'camille.durand@example.fr', phone: '0601020304' }
        : { firstName: 'Julien', lastName: 'Martin', company: 'Martin SARL', line1: '3 rue de la République', line2: '', city: 'Marseille', state: '', postcode: '13001', countryCode: 'FR', email: 'julien.martin@example.fr', phone: '0491000000' });
      expect(o.shipping).toHaveLength(1);
      // wc/v3 shipping addresses carry no email.
      expect(o.shipping[0]).toMatchObject({ line1: x.customerId ? '8 place Bellecour' : '3 rue de la République', countryCode: 'FR', email: '' });

      // Lines.
      expect(o.lines.map((l) => l.sku)).toEqual(x.lines.map((l) => l.sku));
      o.lines.forEach((l, i) => {
        const e = x.lines[i]!;
        expect(l.id).toBe(String(raw.line_items![i]!.id));
        expect(l.quantity).toBe(e.qty);
        expect(l.subtotalExclTax).toBe(e.subtotal);
        expect(l.totalExclTax).toBe(e.total);
        expect(l.subtotalTax).toBe(e.subtotalTax);
        expect(l.taxClass).toBe(e.taxClass);
        expect(l.ecotax).toBeNull();
        expect(l.taxes).toEqual([{ rateId: e.rateId, label: e.label, rate: e.rate, priority: 1, compound: false, amount: e.tax }]);
        // Gross (incl. shop) or net (excl. shop) catalogue price = (subtotal [+ subtotal tax]) / quantity.
        const unit = dec(l.subtotalExclTax).plus(x.incl ? l.subtotalTax : '0').div(l.quantity);
        expect(unit.toFixed(2)).toBe(x.unit[l.sku]);
      });
      expect(o.lines.find((l) => l.sku === 'AR0014' || l.sku === 'AR0017')?.name ?? 'Pull en laine').toMatch(/^Pull en laine/);

      // Shipping: 4.90 net in both shops, 20 % (mixed or 20 % orders, shipping tax class "inherit").
      expect(o.shippingLines).toEqual([{ methodId: 'flat_rate', title: 'Colissimo', totalExclTax: '4.90', taxes: [{ rateId: '1', label: 'TVA 20%', rate: '20', priority: 1, compound: false, amount: '0.98' }] }]);
      expect(o.totals.shippingExclTax).toBe('4.90');

      // Fees.
      if (x.fee) {
        expect(o.fees).toEqual([{ name: 'Emballage cadeau', totalExclTax: x.fee.total, kind: 'giftWrap', taxes: [{ rateId: '1', label: 'TVA 20%', rate: '20', priority: 1, compound: false, amount: x.fee.tax }] }]);
      } else {
        expect(o.fees).toEqual([]);
      }

      // Coupons (codes come back lower-cased; no description in the order itself).
      expect(o.coupons).toEqual(x.coupon ? [{ code: x.coupon.code, description: '', discountExclTax: x.coupon.discount, discountTax: x.coupon.discountTax }] : []);

      // Payment: one for the total when paid (date_paid), none for the on-hold cheque.
      expect(o.paymentMethod).toBe(x.method);
      expect(o.paymentMethodTitle).toBe(x.title);
      if (x.paid) {
        expect(o.paidAt).toBe(x.createdAt);
        expect(o.payments).toEqual([{ method: x.method, title: x.title, amount: x.totals.inclTax, date: x.createdAt, transactionId: '' }]);
      } else {
        expect(o.paidAt).toBeNull();
        expect(o.payments).toEqual([]);
      }
      expect(o.messages).toEqual(x.note ? [{ author: 'customer', text: x.note, date: x.createdAt }] : []);

      // Totals as recorded.
      expect(o.totals).toEqual({ ...x.totals, shippingExclTax: '4.90' });
      expect(o.totals.tax).toBe(raw.total_tax);
      expect(o.totals.inclTax).toBe(raw.total);

      // Nothing counted twice: net lines (after coupons) + shipping + fees = exclTax; every tax = total_tax.
      const net = sum([...o.lines.map((l) => l.totalExclTax), ...o.shippingLines.map((s) => s.totalExclTax), ...o.fees.map((f) => f.totalExclTax)]);
      expect(net.toFixed(2)).toBe(o.totals.exclTax);
      const taxes = sum([...o.lines.map((l) => taxSum(l.taxes)), ...o.shippingLines.map((s) => taxSum(s.taxes)), ...o.fees.map((f) => taxSum(f.taxes))]);
      expect(taxes.toFixed(2)).toBe(o.totals.tax);
      expect(eq(dec(o.totals.exclTax).plus(o.totals.tax).toFixed(2), o.totals.inclTax)).toBe(true);
      // The order's discount = what the lines lost between subtotal and total.
      const lost = sum(o.lines.map((l) => dec(l.subtotalExclTax).minus(l.totalExclTax)));
      expect(lost.toFixed(2)).toBe(dec(o.totals.discountExclTax).toFixed(2));
    });
  }

  test('order 421 (webhook): no shipping address -> shipping []; 5.5 % shipping tax on a 5.5 %-only order', () => {
    const raw = JSON.parse(fs.readFileSync(path.join(WOO, '303-orders-get-webhook-order.json'), 'utf8')) as WooOrder;
    const o = toShopOrder(raw);
    expect(o.shipping).toEqual([]);
    expect(o.shippingLines[0]!.taxes).toEqual([{ rateId: '2', label: 'TVA 5,5%', rate: '5.5', priority: 1, compound: false, amount: '0.27' }]);
    expect(o.totals).toMatchObject({ exclTax: '9.59', tax: '0.53', inclTax: '10.12' });
  });

  test('rates missing from tax_lines come from /taxes; unknown rate = error naming the order', () => {
    const raw = fixture('212');
    const stripped: WooOrder = { ...raw, tax_lines: raw.tax_lines!.map(({ rate_percent: _r, ...t }) => t) };
    const rates = new Map([[1, { rate: '20.0000', priority: 1, compound: false }], [2, { rate: '5.5000', priority: 2, compound: false }]]);
    const o = toShopOrder(stripped, rates);
    // Label from tax_lines, rate from /taxes, priority from the order's own rate_code ("FR-TVA 5,5%-1").
    expect(o.lines[0]!.taxes[0]).toEqual({ rateId: '2', label: 'TVA 5,5%', rate: '5.5', priority: 1, compound: false, amount: '0.49' });
    // Neither tax_lines nor a map: refused, not guessed.
    expect(() => toShopOrder({ ...stripped, tax_lines: [] })).toThrow(/413|taux de taxe 2 introuvable/);
    const noLines = toShopOrder({ ...stripped, tax_lines: [] }, new Map([[1, { rate: '20.0000', priority: 1, compound: false, label: 'TVA 20%' }], [2, { rate: '5.5000', priority: 2, compound: true, label: 'TVA 5,5%' }]]));
    expect(noLines.lines[0]!.taxes[0]).toEqual({ rateId: '2', label: 'TVA 5,5%', rate: '5.5', priority: 2, compound: true, amount: '0.49' });
  });

  test('odd amounts: JSON numbers, "" and null normalised; coupon descriptions from the reader', () => {
    const raw = fixture('214');
    const o = toShopOrder({ ...raw, fee_lines: [{ ...raw.fee_lines![0]!, total: 2.5 as unknown as string }], discount_total: null }, undefined, {
      couponDescriptions: new Map([['remise5', 'Remise de 5 EUR']]),
    });
    expect(o.fees[0]!.totalExclTax).toBe('2.5');
    expect(o.totals.discountExclTax).toBe('0');
    expect(o.coupons[0]!.description).toBe('Remise de 5 EUR');
    expect(() => toShopOrder({ ...raw, total: '49,94' })).toThrow(/49,94/);
  });

  test('statuses, gift-wrap names, dates', () => {
    expect(wooStatusLabel('completed')).toBe('Terminée');
    expect(wooStatusLabel('wc-on-hold')).toBe('En attente');
    expect(wooStatusLabel('pending')).toBe('Attente paiement');
    expect(wooStatusLabel('wc-shipped')).toBe('shipped');
    expect(normalizeWooStatus(' WC-Processing ')).toBe('processing');
    expect(isWooOrderStatus('refunded')).toBe(true);
    expect(isWooOrderStatus('expediee')).toBe(false);
    expect(isGiftWrapFee('Emballage cadeau')).toBe(true);
    expect(isGiftWrapFee('Paquet-cadeau')).toBe(true);
    expect(isGiftWrapFee('Gift wrapping')).toBe(true);
    expect(isGiftWrapFee('Carte cadeau')).toBe(false);
    expect(isGiftWrapFee('Frais de dossier')).toBe(false);
    expect(toWooGmt('2026-11-28T12:54:49+01:00')).toBe('2026-11-28T11:54:49');
    expect(toWooGmt('2026-11-28T11:54:49')).toBe('2026-11-28T11:54:49');
    expect(toWooGmt('2026-11-28')).toBe('2026-11-28T00:00:00');
    expect(toWooGmt('2026-11-28T11:54:49.200Z', 'ceil')).toBe('2026-11-28T11:54:50');
    expect(() => toWooGmt('hier')).toThrow(/hier/);
  });
});

describe('WooOrderReader against the simulator (OAuth 1.0a over HTTP)', () => {
  let sim: WooSimulator;
  let api: HttpClient;
  let reader: WooOrderReader;

  beforeAll(async () => {
    sim = await startWooSimulator({ port: 0, seed: 'fixtures' });
    api = new HttpClient({
      baseUrl: `${sim.apiUrl}/`, timeoutMs: 10_000, delayMs: 0, maxTries: 1, userAgent: 'passerelle-test',
      auth: wooCommerceAuth({ url: sim.url, consumerKey: sim.key, consumerSecret: sim.secret }),
    });
    reader = new WooOrderReader(api);
  });
  afterAll(async () => {
    await api?.close();
    await sim?.close();
  });

  async function read(filter: Parameters<WooOrderReader['orders']>[0]): Promise<{ pages: number[][]; orders: ShopOrder[] }> {
    const pages: number[][] = [];
    const orders: ShopOrder[] = [];
    for await (const page of reader.orders(filter)) {
      pages.push(page.map((o) => Number(o.id)));
      orders.push(...page);
    }
    return { pages, orders };
  }

  test('taxRates: the three French rates, read once', async () => {
    const before = api.stats.requests;
    const rates = await reader.taxRates();
    expect([...rates.entries()].sort((a, b) => a[0] - b[0])).toEqual([
      [1, { rate: '20', priority: 1, compound: false, label: 'TVA 20%' }],
      [2, { rate: '5.5', priority: 1, compound: false, label: 'TVA 5,5%' }],
      [3, { rate: '10', priority: 1, compound: false, label: 'TVA 10%' }],
    ]);
    await reader.taxRates();
    expect(api.stats.requests - before).toBe(1);
  });

  test('after/before + status processing, 2 per page: oldest first over several pages', async () => {
    const { pages, orders } = await read({ after: '2026-11-28T11:54:49Z', before: '2026-11-28T12:04:53Z', statuses: ['processing'], perPage: 2 });
    // 413 was completed by the recording; 416 and 420 are on-hold.
    expect(pages).toEqual([[414, 415], [417, 418], [419, 421]]);
    expect(orders.every((o) => o.status === 'processing')).toBe(true);
    const queries = sim.stats.log.filter((e) => e.path.endsWith('/orders')).length;
    expect(queries).toBeGreaterThanOrEqual(3);
  });

  test('one per page with several orders in the same second; two statuses; before is strict', async () => {
    const { pages } = await read({ before: '2026-11-28T11:59:51Z', statuses: ['processing', 'wc-on-hold'], perPage: 1 });
    expect(pages).toEqual([[414], [415], [416]]);
    const all = await read({ perPage: 4 });
    expect(all.pages.flat()).toEqual([413, 414, 415, 416, 417, 418, 419, 420, 421]);
    expect(all.pages.map((p) => p.length)).toEqual([4, 4, 1]);
    const after = await read({ after: '2026-11-28T11:59:51Z' });
    expect(after.pages).toEqual([[419, 420, 421]]);
    const none = await read({ after: '2026-12-31T00:00:00Z' });
    expect(none.pages).toEqual([]);
  });

  test('order(id) = toShopOrder of the recorded body (with the coupon description from /coupons); unknown id = null', async () => {
    const o = await reader.order(414);
    expect(o).toEqual(toShopOrder(fixture('214'), undefined, { couponDescriptions: new Map([['remise5', 'Remise de 5 EUR']]) }));
    const p = await reader.order('417');
    expect(p?.coupons[0]).toEqual({ code: 'bienvenue10', description: 'Bienvenue : 10 % sur le panier', discountExclTax: '2.02', discountTax: '0.26' });
    expect(await reader.order(999999)).toBeNull();
  });

  test('setStatus: status + GesCom document in meta_data (updated, not duplicated) + note; modifiedAfter finds it', async () => {
    // The shop clock stays real: OAuth 1.0a refuses timestamps 15 minutes away from it.
    const start = Math.floor(Date.now() / 1000) * 1000;
    const done = await reader.setStatus(414, 'completed', { documentNumber: 'BC000124', note: 'Commande importée dans la GesCom : BC000124', notifyCustomer: false });
    expect(done.status).toBe('completed');
    expect(Date.parse(done.modifiedAt)).toBeGreaterThanOrEqual(start);
    const shop = await sim.request('GET', '/wc/v3/orders/414');
    const body = shop.body as { status: string; meta_data: { key: string; value: unknown }[] };
    expect(body.status).toBe('completed');
    expect(body.meta_data.filter((m) => m.key === GESCOM_DOCUMENT_META_KEY).map((m) => m.value)).toEqual(['BC000124']);
    const notes = (await sim.request('GET', '/wc/v3/orders/414/notes')).body as { note: string; customer_note: boolean }[];
    expect(notes).toContainEqual(expect.objectContaining({ note: 'Commande importée dans la GesCom : BC000124', customer_note: false }));
    expect(notes).toContainEqual(expect.objectContaining({ note: 'Order status changed from Processing to Completed.' }));

    await reader.setStatus('415', 'wc-completed', { documentNumber: 'BC000125', note: 'Votre commande est expédiée.', notifyCustomer: true });
    await reader.setStatus(414, 'completed', { documentNumber: 'BC000126', notifyCustomer: false });
    const again = (await sim.request('GET', '/wc/v3/orders/414')).body as { meta_data: { key: string; value: unknown }[] };
    expect(again.meta_data.filter((m) => m.key === GESCOM_DOCUMENT_META_KEY).map((m) => m.value)).toEqual(['BC000126']);
    const notes415 = (await sim.request('GET', '/wc/v3/orders/415/notes')).body as { note: string; customer_note: boolean }[];
    expect(notes415).toContainEqual(expect.objectContaining({ note: 'Votre commande est expédiée.', customer_note: true }));

    // Incremental read by modification date: only the two orders written, once each.
    const { pages } = await read({ modifiedAfter: new Date(start - 1000).toISOString(), perPage: 1 });
    expect(pages).toHaveLength(2);
    expect(pages.flat().sort()).toEqual([414, 415]);
    // Processing orders left: the two just completed are gone.
    const processing = await read({ statuses: ['processing'] });
    expect(processing.pages.flat()).toEqual([417, 418, 419, 421]);

    await expect(reader.setStatus(416, 'trash', { documentNumber: 'X', notifyCustomer: false })).rejects.toThrow(/trash/);
    await expect(reader.setStatus(416, 'expediee', { documentNumber: 'X', notifyCustomer: false })).rejects.toThrow(/status/);
  });

  test('setStatus with a tracking number: WooCommerce core has no tracking field, it goes as a line of the order note', async () => {
    await reader.setStatus(420, 'on-hold', { documentNumber: 'BL000420', note: 'Pièce BL000420', notifyCustomer: true, trackingNumber: '6A12345678901', trackingCompany: 'Colissimo' });
    const notes = (await sim.request('GET', '/wc/v3/orders/420/notes')).body as { note: string; customer_note: boolean }[];
    expect(notes).toContainEqual(expect.objectContaining({ note: 'Pièce BL000420\nNuméro de suivi du colis : 6A12345678901 (Colissimo)', customer_note: true }));
    // Without the document-number note, the tracking line alone; in the reader's language.
    await new WooOrderReader(api, 'en').setStatus(420, 'on-hold', { documentNumber: 'BL000420', notifyCustomer: false, trackingNumber: 'XY1' });
    const after = (await sim.request('GET', '/wc/v3/orders/420/notes')).body as { note: string; customer_note: boolean }[];
    expect(after).toContainEqual(expect.objectContaining({ note: 'Parcel tracking number: XY1', customer_note: false }));
  });

  test('a status change between pages does not skip orders (keyset pages, not page numbers)', async () => {
    const seen: number[] = [];
    for await (const page of reader.orders({ statuses: ['processing'], perPage: 2 })) {
      for (const o of page) {
        seen.push(Number(o.id));
        // What the import does: write the document number back, which takes the order out of the filter.
        await reader.setStatus(o.id, 'completed', { documentNumber: `BC9${o.id}`, notifyCustomer: false });
      }
    }
    expect(seen).toEqual([417, 418, 419, 421]);
  });

  test('customersWithoutOrders: a new customer without order is a prospect; one with an on-hold order is not', async () => {
    sim.setNow('2026-12-02T09:00:00Z');
    const address = { first_name: 'Léa', last_name: 'Petit', company: 'Petit & Fils', address_1: '1 quai Saint-Vincent', address_2: '', city: 'Lyon', state: '', postcode: '69001', country: 'FR', email: 'lea.petit@example.fr', phone: '0478000000' };
    const lea = await sim.request('POST', '/wc/v3/customers', { email: 'lea.petit@example.fr', first_name: 'Léa', last_name: 'Petit', billing: address });
    expect(lea.status).toBe(201);
    sim.setNow('2026-12-02T09:10:00Z');
    const paul = await sim.request('POST', '/wc/v3/customers', { email: 'paul.roux@example.fr', first_name: 'Paul', last_name: 'Roux' });
    const paulId = (paul.body as { id: number }).id;
    const order = await sim.request('POST', '/wc/v3/orders', {
      customer_id: paulId, status: 'on-hold', payment_method: 'cheque', payment_method_title: 'Chèque',
      billing: { first_name: 'Paul', last_name: 'Roux', address_1: '2 rue Mercière', city: 'Lyon', postcode: '69002', country: 'FR', email: 'paul.roux@example.fr' },
      line_items: [{ product_id: 406, quantity: 1 }],
    });
    expect(order.status).toBe(201);
    expect(((await sim.request('GET', `/wc/v3/customers/${paulId}`)).body as { is_paying_customer: boolean }).is_paying_customer).toBe(false);
    sim.setNow(null);

    const prospects = [];
    for await (const page of reader.customersWithoutOrders('2026-12-01T00:00:00Z')) prospects.push(...page);
    expect(prospects).toEqual([{
      id: String((lea.body as { id: number }).id), email: 'lea.petit@example.fr', firstName: 'Léa', lastName: 'Petit', company: 'Petit & Fils',
      billing: { firstName: 'Léa', lastName: 'Petit', company: 'Petit & Fils', line1: '1 quai Saint-Vincent', line2: '', city: 'Lyon', state: '', postcode: '69001', countryCode: 'FR', email: 'lea.petit@example.fr', phone: '0478000000' },
      shipping: null, createdAt: '2026-12-02T09:00:00Z', modifiedAt: '2026-12-02T09:00:00Z',
    }]);
    // Customer 2 (2026-11-28) is older than `since`; with an earlier date it is still not a prospect (paying).
    const all = [];
    for await (const page of reader.customersWithoutOrders('2026-01-01')) all.push(...page.map((p) => p.email));
    expect(all).toEqual(['lea.petit@example.fr']);
  });
});
