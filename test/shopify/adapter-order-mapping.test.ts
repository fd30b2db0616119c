/**
 * The Shopify order -> canonical ShopOrder mapping, to the cent: prices tax included or not,
 * discounts spread on lines, shipping with its tax, duties as fees, refunds said, the payment
 * status and fulfilment read into the canonical state, shop money only.
 */
import { describe, expect, test } from 'vitest';
import { dec, sum } from '../../src/util/decimal.js';
import { shopifyOrderState, toShopOrder, type SOrder } from '../../src/shops/shopify/order-mapping.js';
import { ordersQuery } from '../../src/shops/shopify/order-reader.js';

const m = (amount: string) => ({ shopMoney: { amount, currencyCode: 'EUR' } });
const tva = (amount: string, pct = 20) => ({ title: 'TVA', rate: pct / 100, ratePercentage: pct, priceSet: m(amount) });

function order(over: Partial<SOrder> = {}): SOrder {
  return {
    id: 'gid://shopify/Order/5001', name: '#1001', createdAt: '2026-11-20T10:00:00Z', updatedAt: '2026-11-20T10:05:00Z',
    closed: false, cancelledAt: null, displayFinancialStatus: 'PAID', displayFulfillmentStatus: 'UNFULFILLED',
    taxesIncluded: true, currencyCode: 'EUR', email: 'camille@example.fr', tags: [], paymentGatewayNames: ['paypal'],
    customer: { id: 'gid://shopify/Customer/777', firstName: 'Camille', lastName: 'Roux' },
    billingAddress: { firstName: 'Camille', lastName: 'Roux', address1: '1 rue X', city: 'Lyon', zip: '69002', countryCodeV2: 'FR' },
    shippingAddress: null,
    // 2 x 12.00 TTC - 1.00 discount = 23.00 TTC, tax 3.83; 1 x 5.50 at 5.5 % = tax 0.29; shipping 4.90 TTC tax 0.82.
    totalPriceSet: m('33.40'), totalTaxSet: m('4.94'), discountCodes: ['NOEL'],
    lineItems: { nodes: [
      { id: 'gid://shopify/LineItem/1', sku: 'AR0003', name: 'Chocolat', quantity: 2, originalTotalSet: m('24.00'),
        discountAllocations: [{ allocatedAmountSet: m('1.00') }], taxLines: [tva('3.83')] },
      { id: 'gid://shopify/LineItem/2', sku: 'AR0007', name: 'Thé', quantity: 1, originalTotalSet: m('5.50'),
        discountAllocations: [], taxLines: [tva('0.29', 5.5)] },
    ] },
    shippingLines: { nodes: [{ title: 'Colissimo', code: 'colissimo', discountedPriceSet: m('4.90'), taxLines: [tva('0.82')] }] },
    refunds: [], transactions: [{ kind: 'SALE', status: 'SUCCESS', gateway: 'paypal', processedAt: '2026-11-20T10:00:01Z', paymentId: 'p1', amountSet: m('33.40') }],
    metafield: null,
    ...over,
  };
}

describe('Shopify order mapping', () => {
  test('prices tax included: net lines, taxes per rate, shipping net, totals adding up to the cent', () => {
    const o = toShopOrder(order());
    expect(o).toMatchObject({ id: 'gid://shopify/Order/5001', number: '1001', status: 'paid', state: 'paid', pricesIncludeTax: true, currency: 'EUR' });
    expect(o.customer).toMatchObject({ id: '777', email: 'camille@example.fr' });
    expect(o.lines.map((l) => [l.sku, l.quantity, l.subtotalExclTax, l.totalExclTax, l.subtotalTax, l.taxes.map((t) => `${t.rate}:${t.amount}`)])).toEqual([
      // 24.00 TTC before the discount carries 4.00 tax; after it 23.00 TTC with 3.83 tax.
      ['AR0003', '2', '20.00', '19.17', '4.00', ['20:3.83']],
      ['AR0007', '1', '5.21', '5.21', '0.29', ['5.5:0.29']],
    ]);
    expect(o.shippingLines).toEqual([{ methodId: 'colissimo', title: 'Colissimo', totalExclTax: '4.08', taxes: [expect.objectContaining({ rate: '20', amount: '0.82' })] }]);
    expect(o.coupons).toEqual([{ code: 'NOEL', description: '', discountExclTax: '0.83', discountTax: '0.17' }]);
    const net = sum([...o.lines.map((l) => l.totalExclTax), ...o.shippingLines.map((s) => s.totalExclTax)]);
    const tax = sum([...o.lines, ...o.shippingLines].flatMap((x) => x.taxes.map((t) => t.amount)));
    expect(net.plus(tax).toFixed(2)).toBe(o.totals.inclTax);
    expect(o.totals).toEqual({ exclTax: '28.46', tax: '4.94', inclTax: '33.40', shippingExclTax: '4.08', discountExclTax: '0.83' });
    expect(o.payments).toEqual([{ method: 'paypal', title: 'paypal', amount: '33.40', date: '2026-11-20T10:00:01Z', transactionId: 'p1' }]);
  });

  test('prices tax excluded, duties as a fee, a refund said in the messages', () => {
    const o = toShopOrder(order({
      taxesIncluded: false, totalPriceSet: m('39.62'), totalTaxSet: m('5.62'),
      lineItems: { nodes: [{
        id: 'l1', sku: 'AR0003', name: 'Chocolat', quantity: 2, originalTotalSet: m('24.00'), discountAllocations: [], taxLines: [tva('4.80')],
        duties: [{ price: m('4.20'), taxLines: [tva('0.82')] }],
      }] },
      shippingLines: { nodes: [] }, discountCodes: [],
      refunds: [{ createdAt: '2026-11-21T09:00:00Z', note: 'cassé', totalRefundedSet: m('12.00') }],
      displayFinancialStatus: 'PARTIALLY_REFUNDED',
    }), 'fr');
    expect(o.lines[0]).toMatchObject({ subtotalExclTax: '24.00', totalExclTax: '24.00', subtotalTax: '4.80' });
    expect(o.fees).toEqual([{ name: 'Droits de douane AR0003', totalExclTax: '4.20', taxes: [expect.objectContaining({ amount: '0.82' })], kind: 'other' }]);
    const all = sum([o.lines[0]!.totalExclTax, o.fees[0]!.totalExclTax]).plus(sum([...o.lines[0]!.taxes, ...o.fees[0]!.taxes].map((t) => t.amount)));
    expect(all.toFixed(2)).toBe('33.82');
    expect(o.messages).toContainEqual({ author: 'shop', text: 'Remboursement de 12.00 EUR cassé', date: '2026-11-21T09:00:00Z' });
    expect(o.status).toBe('partially_refunded');
    expect(dec(o.totals.exclTax).plus(o.totals.tax).toFixed(2)).toBe(o.totals.inclTax);
  });

  test('states from payment, fulfilment, closed and cancelled', () => {
    const s = (over: Partial<SOrder>) => shopifyOrderState({ cancelledAt: null, closed: false, displayFinancialStatus: 'PAID', displayFulfillmentStatus: 'UNFULFILLED', ...over });
    expect(s({})).toBe('paid');
    expect(s({ displayFinancialStatus: 'PENDING' })).toBe('pending');
    expect(s({ displayFulfillmentStatus: 'PARTIALLY_FULFILLED' })).toBe('processing');
    expect(s({ displayFulfillmentStatus: 'FULFILLED' })).toBe('shipped');
    expect(s({ displayFulfillmentStatus: 'FULFILLED', closed: true })).toBe('completed');
    expect(s({ displayFulfillmentStatus: 'ON_HOLD' })).toBe('onHold');
    expect(s({ displayFinancialStatus: 'REFUNDED' })).toBe('refunded');
    expect(s({ cancelledAt: '2026-11-20T11:00:00Z' })).toBe('cancelled');
  });

  test('the orders search: dates, payment statuses, archived orders left out unless asked (CMD-02)', () => {
    expect(ordersQuery({ after: '2026-11-01', before: '2026-11-30T23:59:59', statuses: ['paid', 'Partially refunded'] }, false))
      .toBe("created_at:>='2026-11-01T00:00:00Z' AND created_at:<='2026-11-30T23:59:59Z' AND (financial_status:paid OR financial_status:partially_refunded) AND -status:closed");
    expect(ordersQuery({ modifiedAfter: '2026-11-20T10:00:00+01:00', states: ['shipped'] }, true)).toBe("updated_at:>='2026-11-20T09:00:00Z'");
  });
});
