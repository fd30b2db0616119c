/**
 * Coupon distribution and rounding of the WooCommerce simulator against the real WooCommerce 10.0.2
 * (issue 7). WC_Discounts works in integer cents: items sorted by unit price (descending), percent
 * coupons floor each line then give the remainder cents one by one from the most expensive unit,
 * fixed_cart coupons split per unit then hand out the leftover cents the same way; the cart-level
 * percent discount is rounded half-down (WC_DISCOUNT_ROUNDING_MODE). The line totals below are the
 * real shop's figures; the inputs were reconstructed from that algorithm:
 *   - 10 % on AR-A 4.69 x 2 (subtotal 9.38) + AR-B 10.75 x 1: floors 93 + 107 = 2.00, cart 2.013 -> 2.01,
 *     the remainder cent goes to AR-B (higher unit price) -> 8.45 / 9.67 (simulator before: 8.44 / 9.68);
 *   - fixed_cart 5.00 on AR-C 11.72 x 2 (23.44) + AR-D 23.63 x 1: 1.66 per unit = 4.98, then 1 cent to
 *     AR-D and 1 cent to AR-C -> 20.11 / 21.96 (before: 20.10 / 21.97);
 *   - line_items[].price is total / quantity unrounded: 8.45 / 2 = 4.225 (before: 4.22).
 * In the prices-incl-tax shop the same prices are entered tax included (20 % VAT): the cents are
 * distributed on the gross prices, so total + total_tax of each line gives the same figures.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startWooSimulator, type WooSimulator } from '../simulators/woocommerce/server.js';

interface Line { id: number; sku: string; quantity: number; subtotal: string; total: string; total_tax: string; price: number }
interface Order { total: string; discount_total: string; discount_tax: string; total_tax: string; line_items: Line[]; coupon_lines: { code: string; discount: string; discount_tax: string }[] }

async function frenchShop(pricesIncludeTax: boolean): Promise<WooSimulator> {
  const sim = await startWooSimulator({ prices_include_tax: pricesIncludeTax });
  const call = async (method: 'POST' | 'PUT', route: string, body: unknown) => {
    const r = await sim.request(method, route, body);
    if (r.status >= 300) throw new Error(`${method} ${route}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  await call('PUT', '/wc/v3/settings/general/woocommerce_currency', { value: 'EUR' });
  await call('PUT', '/wc/v3/settings/general/woocommerce_calc_taxes', { value: 'yes' });
  await call('PUT', '/wc/v3/settings/tax/woocommerce_prices_include_tax', { value: pricesIncludeTax ? 'yes' : 'no' });
  await call('POST', '/wc/v3/taxes', { country: 'FR', rate: '20', name: 'TVA 20%', shipping: true, class: 'standard' });
  for (const [sku, price] of [['AR-A', '4.69'], ['AR-B', '10.75'], ['AR-C', '11.72'], ['AR-D', '23.63'], ['AR-E', '20.15']] as const) {
    await call('POST', '/wc/v3/products', { name: sku, sku, regular_price: price });
  }
  await call('POST', '/wc/v3/coupons', { code: 'moins10', discount_type: 'percent', amount: '10' });
  await call('POST', '/wc/v3/coupons', { code: 'remise5', discount_type: 'fixed_cart', amount: '5.00' });
  return sim;
}

async function order(sim: WooSimulator, lines: [string, number][], coupon: string): Promise<Order> {
  const r = await sim.request('POST', '/wc/v3/orders', {
    billing: { country: 'FR', email: 'client@example.fr' },
    line_items: lines.map(([sku, quantity]) => ({ sku, quantity })),
    coupon_lines: [{ code: coupon }],
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as Order;
}

/** Line totals as the customer sees them: net in the excl. shop, net + tax in the incl. shop. */
function lineTotals(o: Order, gross: boolean): string[] {
  return o.line_items.map((l) => (gross ? (Math.round((Number(l.total) + Number(l.total_tax)) * 100) / 100).toFixed(2) : l.total));
}

const CASES: { name: string; lines: [string, number][]; coupon: string; totals: string[]; discount: string }[] = [
  { name: 'percent 10 % on two lines (remainder cent to the higher unit price)', lines: [['AR-A', 2], ['AR-B', 1]], coupon: 'moins10', totals: ['8.45', '9.67'], discount: '2.01' },
  { name: 'fixed_cart 5.00 on two lines (leftover cents one per line, higher unit price first)', lines: [['AR-C', 2], ['AR-D', 1]], coupon: 'remise5', totals: ['20.11', '21.96'], discount: '5.00' },
  { name: 'percent 10 % of 20.15: cart discount 2.015 rounded half-down to 2.01', lines: [['AR-E', 1]], coupon: 'moins10', totals: ['18.14'], discount: '2.01' },
];

describe.each([
  { shop: 'prices excl. tax', incl: false },
  { shop: 'prices incl. tax', incl: true },
])('WC_Discounts distribution, $shop', ({ incl }) => {
  let sim: WooSimulator;
  beforeAll(async () => {
    sim = await frenchShop(incl);
  });
  afterAll(async () => {
    await sim?.close();
  });

  test.each(CASES)('$name', async ({ lines, coupon, totals, discount }) => {
    const o = await order(sim, lines, coupon);
    expect(o.line_items.map((l) => l.sku)).toEqual(lines.map(([sku]) => sku));
    expect(lineTotals(o, incl)).toEqual(totals);
    // The coupon's gross discount (discount + discount_tax in the incl. shop).
    const c = o.coupon_lines[0]!;
    const couponGross = incl ? (Math.round((Number(c.discount) + Number(c.discount_tax)) * 100) / 100).toFixed(2) : Number(c.discount).toFixed(2);
    expect(couponGross).toBe(discount);
  });
});

describe('line_items[].price: total / quantity, unrounded', () => {
  let excl: WooSimulator;
  let incl: WooSimulator;
  beforeAll(async () => {
    [excl, incl] = await Promise.all([frenchShop(false), frenchShop(true)]);
  });
  afterAll(async () => {
    await Promise.all([excl?.close(), incl?.close()]);
  });

  test('prices excl. tax: 8.45 / 2 = 4.225 on the wire, 9.67 for the single unit; totals of the real shop', async () => {
    const o = await order(excl, [['AR-A', 2], ['AR-B', 1]], 'moins10');
    expect(o.line_items.map((l) => l.price)).toEqual([4.225, 9.67]);
    expect(o).toMatchObject({ discount_total: '2.01', discount_tax: '0.40', total_tax: '3.62', total: '21.74' });
  });

  test('prices incl. tax: net line total / quantity with WooCommerce float noise', async () => {
    const o = await incl.request('POST', '/wc/v3/orders', {
      billing: { country: 'FR' }, line_items: [{ sku: 'AR-A', quantity: 2 }, { sku: 'AR-B', quantity: 1 }], coupon_lines: [{ code: 'moins10' }],
    });
    const body = o.body as Order;
    // AR-A: 9.38 TTC = 7.816667 HT; 0.93 TTC discount = 0.775 HT -> total 7.041667, price 3.5208335.
    expect(body.line_items.map((l) => l.price)).toEqual([7.041667 / 2, 8.058333]);
    expect(body.line_items.map((l) => [l.total, l.total_tax])).toEqual([['7.04', '1.41'], ['8.06', '1.61']]);
    expect(body.total).toBe('18.12');
  });
});
