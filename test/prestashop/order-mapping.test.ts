/**
 * The six orders recorded from PrestaShop 8.1.2 (exchanges 900-999) read into ShopOrders (lines,
 * taxes, vouchers, shipping, wrapping, payments, totals), then through the real order mapping into
 * the embedded GesCom: every order the status mapping selects gives a document whose total is the
 * shop's total_paid_tax_incl to the cent; the cancelled one is reported, not imported.
 */
import { describe, expect, test } from 'vitest';
import { EmbeddedGesCom } from '../../src/gescom/embedded/embedded-gescom.js';
import { loadCompany } from '../../src/gescom/embedded/load-company.js';
import { sampleCompany } from '../../src/gescom/embedded/sample-company.js';
import { render } from '../../src/i18n/catalogue.js';
import { documentTypeFor, type MappedOrder, mapOrder } from '../../src/sync/orders/mapping/document.js';
import type { ShopOrder } from '../../src/sync/orders/shop-order.js';
import { isoToPsDate, psDateToIso, psToShopOrder, toTarget } from '../../src/shops/prestashop/ps-order-mapping.js';
import { canonicalState, PsOrderStates } from '../../src/shops/prestashop/ps-order-states.js';
import { dec } from '../../src/util/decimal.js';
import { refsFor, settingsWith } from '../orders/mapping/helpers.js';
import { exchange, type OrderKey, orderRecords, shopRefs } from './order-fixtures.js';

const CODES = new Map([['1', 'BIENVENUE10'], ['2', 'REMISE5'], ['3', 'LIVRAISONOFFERTE']]);

function read(key: OrderKey): ShopOrder {
  return psToShopOrder(orderRecords(key), { ...shopRefs(), cartRuleCodes: CODES });
}

/** [sku, quantity, total excl. tax, tax, rate] */
type Line = [string, string, string, string, string | null];

interface Expected {
  id: string;
  number: string;
  status: string;
  state: ShopOrder['state'];
  lines: Line[];
  /** [excl. tax, tax] of the shipping line; null: no amount. */
  shipping: [string, string, string | null];
  coupons: [string, string, string][];
  fees: [string, string, string][];
  totals: ShopOrder['totals'];
  payment: [string, string, string];
  country: string;
}

const EXPECTED: Record<OrderKey, Expected> = {
  a: {
    id: '1', number: 'EFAJFWHOE', status: '11', state: 'paid',
    lines: [['AR0003', '2', '9.38', '0.52', '5.5'], ['AR0010', '1', '10.75', '2.15', '20']],
    shipping: ['4.90', '0.98', '20'],
    // 10 % of 20.13 (2.013 -> 2.01) and of 22.80 (2.28).
    coupons: [['BIENVENUE10', '2.01', '0.27']],
    fees: [],
    totals: { exclTax: '23.02', tax: '3.38', inclTax: '26.40', shippingExclTax: '4.90', discountExclTax: '2.01' },
    payment: ['ps_wirepayment', 'Virement bancaire', '26.40'],
    country: 'FR',
  },
  b: {
    id: '2', number: 'VHPWFYUNU', status: '11', state: 'paid',
    lines: [['AR0003', '3', '14.08', '0.77', '5.5'], ['AR0010', '2', '21.50', '4.30', '20'], ['AR0012', '1', '22.73', '2.27', '10']],
    shipping: ['4.90', '0.98', '20'],
    // 5.00 tax incl.; value_tax_excl 4.440975 = 5.00 x 58.31 / 65.65, the order's 4.44.
    coupons: [['REMISE5', '4.44', '0.56']],
    fees: [],
    // 58.76, not 58.31 + 4.90 - 4.44 = 58.77: the shop's own figure is kept.
    totals: { exclTax: '58.76', tax: '7.77', inclTax: '66.53', shippingExclTax: '4.90', discountExclTax: '4.44' },
    payment: ['ps_checkpayment', 'Chèque', '66.53'],
    country: 'FR',
  },
  c: {
    id: '3', number: 'BUSALJCUT', status: '11', state: 'paid',
    lines: [['AR0014', '1', '33.25', '6.65', '20'], ['AR0017', '1', '37.42', '7.48', '20']],
    // Free shipping: the carrier's 4.90 / 5.88 given back is taken off the shipping line.
    shipping: ['0.00', '0.00', null],
    coupons: [['LIVRAISONOFFERTE', '0.00', '0.00']],
    fees: [],
    totals: { exclTax: '70.67', tax: '14.13', inclTax: '84.80', shippingExclTax: '0.00', discountExclTax: '0.00' },
    payment: ['ps_wirepayment', 'Virement bancaire', '84.80'],
    country: 'FR',
  },
  d: {
    id: '4', number: 'PPDHKIUTY', status: '11', state: 'paid',
    lines: [['AR0003', '7', '32.84', '1.81', '5.5']],
    shipping: ['4.90', '0.98', '20'],
    coupons: [],
    fees: [['Emballage cadeau', '2.50', '0.50']],
    totals: { exclTax: '40.24', tax: '3.29', inclTax: '43.53', shippingExclTax: '4.90', discountExclTax: '0.00' },
    payment: ['ps_checkpayment', 'Chèque', '43.53'],
    country: 'FR',
  },
  e: {
    id: '5', number: 'FRCHEMHFB', status: '11', state: 'paid',
    // Switzerland: no tax rule, no tax at all.
    lines: [['AR0010', '1', '10.75', '0.00', null]],
    shipping: ['4.90', '0.00', null],
    coupons: [],
    fees: [],
    totals: { exclTax: '15.65', tax: '0.00', inclTax: '15.65', shippingExclTax: '4.90', discountExclTax: '0.00' },
    payment: ['ps_wirepayment', 'Virement bancaire', '15.65'],
    country: 'CH',
  },
  f: {
    id: '6', number: 'AXRBJWIJG', status: '6', state: 'cancelled',
    lines: [['AR0003', '1', '4.69', '0.26', '5.5'], ['AR0012', '1', '22.73', '2.27', '10']],
    shipping: ['4.90', '0.98', '20'],
    coupons: [],
    fees: [],
    totals: { exclTax: '32.32', tax: '3.51', inclTax: '35.83', shippingExclTax: '4.90', discountExclTax: '0.00' },
    payment: ['ps_wirepayment', 'Virement bancaire', '35.83'],
    country: 'FR',
  },
};

const KEYS = Object.keys(EXPECTED) as OrderKey[];

describe('PrestaShop orders read into ShopOrders (recorded orders a-f)', () => {
  test.each(KEYS)('order %s: lines, taxes, vouchers, shipping, wrapping, payments and totals', (key) => {
    const x = EXPECTED[key];
    const o = read(key);
    expect({ id: o.id, number: o.number, status: o.status, state: o.state }).toEqual({ id: x.id, number: x.number, status: x.status, state: x.state });
    expect(o.lines.map((l): Line => [l.sku, l.quantity, l.totalExclTax, l.taxes.length ? l.taxes.reduce((s, t) => s.plus(t.amount), dec(0)).toFixed(2) : '0.00', l.taxes[0]?.rate ?? null]))
      .toEqual(x.lines);
    // Cart rules never spread over the lines.
    for (const l of o.lines) expect(l.subtotalExclTax).toBe(l.totalExclTax);
    expect(o.shippingLines).toHaveLength(1);
    const s = o.shippingLines[0]!;
    expect([s.totalExclTax, s.taxes[0]?.amount ?? '0.00', s.taxes[0]?.rate ?? null]).toEqual(x.shipping);
    expect(s.title).toBe('Colissimo');
    expect(o.coupons.map((c) => [c.code, c.discountExclTax, c.discountTax])).toEqual(x.coupons);
    expect(o.fees.map((f) => [f.name, f.totalExclTax, f.taxes[0]?.amount ?? '0.00'])).toEqual(x.fees);
    expect(o.fees.every((f) => f.kind === 'giftWrap')).toBe(true);
    expect(o.totals).toEqual(x.totals);
    expect(o.payments.map((p) => [p.method, p.title, p.amount])).toEqual([x.payment]);
    expect([o.paymentMethod, o.paymentMethodTitle]).toEqual([x.payment[0], x.payment[1]]);
    expect(o.billing.countryCode).toBe(x.country);
    expect(o.currency).toBe('EUR');
    expect(o.storeId).toBe('1');
    expect(o.pricesIncludeTax).toBe(true);

    // The tax-included side adds up to total_paid_tax_incl in every order.
    const incl = [
      ...o.lines.map((l) => dec(l.totalExclTax).plus(l.taxes.reduce((a, t) => a.plus(t.amount), dec(0)))),
      ...o.shippingLines.map((l) => dec(l.totalExclTax).plus(l.taxes.reduce((a, t) => a.plus(t.amount), dec(0)))),
      ...o.fees.map((l) => dec(l.totalExclTax).plus(l.taxes.reduce((a, t) => a.plus(t.amount), dec(0)))),
      ...o.coupons.map((c) => dec(c.discountExclTax).plus(c.discountTax).neg()),
    ].reduce((a, b) => a.plus(b), dec(0));
    expect(incl.toFixed(2)).toBe(x.totals.inclTax);
  });

  test('dates are Paris time in the shop, UTC in the ShopOrder; invoice date and payment date kept', () => {
    const a = read('a');
    expect(a.createdAt).toBe('2026-12-01T11:21:00.000Z');
    expect(a.invoicedAt).toBe(a.createdAt);
    expect(a.paidAt).toBe(a.createdAt);
    expect(a.payments[0]!.date).toBe(a.createdAt);
    const f = read('f');
    expect(f.modifiedAt).toBe('2026-12-01T11:21:11.000Z');
    expect(psDateToIso('2026-07-01 12:00:00', 'Europe/Paris')).toBe('2026-07-01T10:00:00.000Z');
    expect(psDateToIso('0000-00-00 00:00:00', 'Europe/Paris')).toBeNull();
    expect(isoToPsDate('2026-12-01T11:21:00.000Z', 'Europe/Paris')).toBe('2026-12-01 12:21:00');
  });

  test('customer, addresses and the gift message', () => {
    const d = read('d');
    expect(d.customer).toEqual({ id: '2', email: 'camille.durand@example.fr', firstName: 'Camille', lastName: 'Durand', company: '' });
    expect(d.billing).toMatchObject({ line1: '8 place Bellecour', line2: 'Bâtiment B', postcode: '69002', city: 'Lyon', countryCode: 'FR', phone: '0601020304' });
    expect(d.shipping).toHaveLength(1);
    expect(d.messages).toEqual([{ author: 'customer', text: 'Joyeux anniversaire !', date: d.createdAt }]);
    const e = read('e');
    expect(e.billing).toMatchObject({ city: 'Genève', countryCode: 'CH', email: 'luca.meier@example.ch' });
  });

  test('order states: standard ids, then mail template and flags; profile statuses by id, name or canonical state', () => {
    const states = new PsOrderStates(exchange(990).order_states as Record<string, unknown>[]);
    expect(['1', '2', '3', '4', '5', '6', '7', '8', '10', '11'].map((id) => states.stateOf(id)))
      .toEqual(['pending', 'paid', 'processing', 'shipped', 'completed', 'cancelled', 'refunded', 'onHold', 'pending', 'paid']);
    expect(canonicalState({ id: 31, template: 'refund', paid: '0' })).toBe('refunded');
    expect(canonicalState({ id: 32, template: '', paid: '1', shipped: '1' })).toBe('shipped');
    expect(canonicalState({ id: 33, template: '', paid: '1', delivery: '1' })).toBe('processing');
    expect(canonicalState({ id: 34, template: '', paid: '1' })).toBe('paid');
    expect(canonicalState({ id: 35, template: 'order_canceled' })).toBe('cancelled');
    expect(states.resolve('11')).toEqual(['11']);
    expect(states.resolve('payment accepted')).toEqual(['2']);
    expect(states.resolve('paid').sort()).toEqual(['11', '2', '9']);
    expect(states.resolve('cancelled')).toEqual(['6']);
    expect(states.resolve('nope')).toEqual([]);
    expect(states.resolveOne('Shipped')).toBe('4');
    expect(states.resolveOne('completed')).toBe('5');
    expect(states.resolveOne('paid')).toBe('2');
    expect(states.resolveOne('99')).toBeNull();
    // Several shop languages: a state is found by its name in any of them.
    const multi = new PsOrderStates([{ id: 2, paid: '1', name: [{ id: 1, value: 'Paiement accepté' }, { id: 2, value: 'Payment accepted' }] }], '1');
    expect(multi.name('2')).toBe('Paiement accepté');
    expect(multi.resolve('paiement accepté')).toEqual(['2']);
    expect(multi.resolveOne('Payment accepted')).toBe('2');
  });

  test.each([
    [['9.38', '10.75'], '20.13', ['9.38', '10.75']],
    [['14.08', '21.50', '22.72'], '58.31', ['14.08', '21.50', '22.73']],
    [['1.00', '1.00', '1.00'], '2.98', ['0.99', '0.99', '1.00']],
  ])('rounded rows are brought to the order total by cents, largest first: %j -> %s', (values, target, out) => {
    expect(toTarget(values.map((v) => dec(v)), dec(target)).map((v) => v.toFixed(2))).toEqual(out);
  });

  test('a KerAwen till sale on the anonymous account has no customer: grouped per day as an anonymous order', () => {
    const r = orderRecords('a');
    r.order = { ...r.order, module: 'kerawen', payment: 'KerAwen' };
    const o = psToShopOrder(r, { ...shopRefs(), anonymousCustomerIds: new Set(['2']) });
    expect(o.customer).toEqual({ id: null, email: '', firstName: '', lastName: '', company: '' });
    expect(o.billing.email).toBe('');
    const named = psToShopOrder(r, shopRefs());
    expect(named.customer.id).toBe('2');
  });

  test('bad input names the order and the field', () => {
    const r = orderRecords('b');
    r.details = r.details.map((d, i) => (i === 1 ? { ...d, total_price_tax_incl: 'abc' } : d));
    expect(() => psToShopOrder(r, shopRefs())).toThrow(expect.objectContaining({ entity: 'order 2', field: 'order_details[1].total_price_tax_incl' }));
    const noLines = orderRecords('b');
    noLines.details = [];
    expect(() => psToShopOrder(noLines, shopRefs())).toThrow(expect.objectContaining({ entity: 'order 2', field: 'order_details' }));
    const unknownTax = orderRecords('a');
    unknownTax.details = unknownTax.details.map((d) => ({ ...d, associations: { taxes: [{ id: 99 }] } }));
    expect(() => psToShopOrder(unknownTax, shopRefs())).toThrow(expect.objectContaining({ field: 'order_details[0].associations.taxes' }));
  });
});

/** Profile of the PrestaShop shop: state 11 "Remote payment accepted" and 2 "Payment accepted" become invoices. */
function psSettings(extra: Record<string, unknown> = {}) {
  return settingsWith({
    orders: {
      statusMapping: [{ status: '11', documentType: 'invoice' }, { status: '2', documentType: 'invoice' }],
      mappings: {
        payments: [
          { method: 'ps_wirepayment', paymentMode: 'VIR', bankJournal: 'BQ1' },
          { method: 'ps_checkpayment', paymentMode: 'CHQ', bankJournal: 'BQ1' },
        ],
      },
      payments: { create: true },
      ...extra,
    },
  });
}

describe('recorded PrestaShop orders written to the embedded GesCom', () => {
  test.each(KEYS.filter((k) => k !== 'f'))('order %s: the document total is total_paid_tax_incl to the cent', async (key) => {
    const order = read(key);
    const g = EmbeddedGesCom.open(':memory:', { create: true });
    try {
      await loadCompany(g, sampleCompany());
      const r = mapOrder(order, psSettings(), refsFor(order)) as MappedOrder;
      expect(r.skip).toBeNull();
      // Nothing needed to make up a difference.
      expect(r.gapLine).toBeNull();
      expect(r.document.priceMode).toBe('TTC');
      if (r.customer.create) await g.createCustomer(r.customer.create);
      const doc = await g.createDocument(r.document);
      expect(doc.shopOrderId).toBe(order.id);
      expect(doc.totals.totalTtc).toBe(EXPECTED[key].totals.inclTax);
      expect(doc.totals).toMatchObject({ totalHt: r.gescomTotals.totalHt, totalVat: r.gescomTotals.totalVat, totalTtc: r.gescomTotals.totalTtc });
      expect(doc.payments.map((p) => p.amount)).toEqual([EXPECTED[key].totals.inclTax]);
      const articles = doc.lines.map((l) => l.articleCode);
      for (const [sku] of EXPECTED[key].lines) expect(articles).toContain(sku);
      if (key === 'd') expect(doc.lines.some((l) => l.designation === 'Emballage cadeau' && l.totalTtc === '3.00')).toBe(true);
      // Switzerland: a sale without tax, in the export accounting category.
      if (key === 'e') expect([doc.totals.totalVat, r.document.accountingCategoryCode]).toEqual(['0.00', 'EXPORT']);
      if (key !== 'e') expect(r.document.accountingCategoryCode).toBe('LOCAL');
    } finally {
      g.close();
    }
  });

  test('per VAT code: voucher split over the rates of its lines, HT and VAT as the GesCom computes them', () => {
    const results = Object.fromEntries(KEYS.filter((k) => k !== 'f').map((k) => {
      const o = read(k);
      const r = mapOrder(o, psSettings(), refsFor(o)) as MappedOrder;
      return [k, { ht: r.gescomTotals.totalHt, vat: r.gescomTotals.totalVat, ttc: r.gescomTotals.totalTtc, byCode: r.gescomTotals.vatByCode.map((v) => `${v.vatCode} ${v.baseHt} ${v.vat}`) }];
    }));
    expect(results).toEqual({
      // TTC document: 8.91 TTC at 5.5 % is 8.45 HT for the GesCom, 8.442 for PrestaShop (HT 23.02): a cent moves
      // from VAT to HT, the total stays 26.40 (journalled as a difference of split, not of total).
      a: { ht: '23.03', vat: '3.37', ttc: '26.40', byCode: ['C20 14.58 2.91', 'C55 8.45 0.46'] },
      // Order 2: exactly the shop's 58.76 / 7.77 although its lines add up to 58.77 HT.
      b: { ht: '58.76', vat: '7.77', ttc: '66.53', byCode: ['C10 21.00 2.10', 'C20 24.76 4.95', 'C55 13.00 0.72'] },
      c: { ht: '70.67', vat: '14.13', ttc: '84.80', byCode: ['C20 70.67 14.13'] },
      // Shipping 5.88 and wrapping 3.00 at 20 %.
      d: { ht: '40.24', vat: '3.29', ttc: '43.53', byCode: ['C20 7.40 1.48', 'C55 32.84 1.81'] },
      e: { ht: '15.65', vat: '0.00', ttc: '15.65', byCode: ['C00 15.65 0.00'] },
    });
  });

  test('order 2 (tax-excluded total not adding up line by line): HT mode with payment differences still lands on 66.53', async () => {
    const order = read('b');
    const settings = psSettings({ lines: { priceMode: 'HT' }, payments: { create: true, createGaps: true } });
    const r = mapOrder(order, settings, refsFor(order)) as MappedOrder;
    expect(r.gescomTotals.totalTtc).toBe('66.53');
  });

  test.each([
    // round_type 3 (round on the total): the rounded rows add up to a cent more than the order's products.
    ['round on the total', { round_type: 3, total_products_wt: '65.640000', total_paid_tax_incl: '66.520000', total_paid: '66.520000' }, '66.52'],
    // round_type 1 (round each item): the order's figures are the rows' sum, nothing moves.
    ['round each item', { round_type: 1 }, '66.53'],
  ])('order 2 with %s: lines brought to the order products total, document total = total_paid_tax_incl', (_name, changes, total) => {
    const rec = orderRecords('b');
    rec.order = { ...rec.order, ...changes };
    const o = psToShopOrder(rec, { ...shopRefs(), cartRuleCodes: CODES });
    const incl = o.lines.reduce((s, l) => s.plus(l.totalExclTax).plus(l.taxes.reduce((a, t) => a.plus(t.amount), dec(0))), dec(0));
    expect(incl.toFixed(2)).toBe(dec(String(rec.order.total_products_wt)).toFixed(2));
    const r = mapOrder(o, psSettings(), refsFor(o)) as MappedOrder;
    expect(r.gescomTotals.totalTtc).toBe(total);
    expect(r.gapLine).toBeNull();
  });

  test.each([
    ['a state id', '11'], ['a state name', 'Remote payment accepted'], ['a state name in another case', 'remote PAYMENT accepted'], ['a canonical state', 'paid'],
  ])('orders.statusMapping naming %s selects the paid orders, not the cancelled one', (_what, status) => {
    const settings = settingsWith({ orders: { statusMapping: [{ status, documentType: 'order' }] } });
    const forms = shopRefs().states;
    expect(documentTypeFor(read('a'), settings.orders, forms)).toBe('order');
    expect(documentTypeFor(read('f'), settings.orders, forms)).toBeNull();
    expect(forms.ownStatus(status)).toBe(status === 'paid' ? null : '11');
  });

  test('the cancelled order (state 6) is reported, not imported', () => {
    const order = read('f');
    const r = mapOrder(order, psSettings(), refsFor(order));
    expect(r.skip).not.toBeNull();
    expect(render(r.skip!, 'en')).toContain('6');
  });
});
