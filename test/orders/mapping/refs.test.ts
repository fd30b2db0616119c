/** What the caller fetches before mapping: e-mail, customer codes, article codes. */
import { describe, expect, test } from 'vitest';
import { articleCodesToLookUp, customerCodesToLookUp, emailToLookUp } from '../../../src/sync/orders/mapping/refs.js';
import { line, order, settingsWith } from './helpers.js';

describe('look-ups the mapping needs', () => {
  test('e-mail, only when the search is on', () => {
    expect(emailToLookUp(order(), settingsWith())).toBe('john.doe@example.com');
    expect(emailToLookUp(order(), settingsWith({ orders: { searchCustomerByEmail: false } }))).toBeNull();
  });

  test('customer codes: the per-customer account and every configured one', () => {
    const s = settingsWith({ orders: { singleAccount: 'CL0003', guestAccount: 'KERAWEN', mappings: { payments: [{ method: 'AMAZON', customerAccount: 'WEBAMAZON' }] } } });
    expect(customerCodesToLookUp(order(), s)).toEqual(['CL0003', 'KERAWEN', 'WEBAMAZON', 'WEB000530']);
    expect(customerCodesToLookUp(order({ customer: { ...order().customer, id: null } }), settingsWith())).toEqual(['WEBG00187']);
  });

  test('article codes: SKUs as sold and upper-cased, special articles, coupon descriptions', () => {
    const o = order({
      lines: [line('ar0010', 'Mug', '1', '10.75', '20')],
      coupons: [{ code: 'X', description: 'BLACKFRI23', discountExclTax: '1', discountTax: '0.2' }],
    });
    expect(articleCodesToLookUp(o, settingsWith({ orders: { discounts: { couponDescriptionAsArticle: true } } }))).toEqual([
      'ar0010', 'AR0010', 'ZDIVERS', 'ZPORT', 'ZREMISE', 'ZECART', 'ZREMISE55', 'ZREMISE10', 'BLACKFRI23',
    ]);
  });
});
