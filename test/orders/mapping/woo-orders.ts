/**
 * The eight real WooCommerce 10.0.2 orders of test/fixtures/woocommerce-10.0.2
 * (212/214/216/218: prices entered excluding tax; 233/235/237/239: including tax), converted by
 * hand into ShopOrder: amounts copied as the shop wrote them, each line's tax from its
 * `total_tax` (the per-rate `taxes[].total` of order 417's mug says 1.94 where the line and the
 * order's tax line say 1.93; the order total only adds up with 1.93), totals.exclTax = total - total_tax.
 */
import { wooOrderState } from '../../../src/shops/woocommerce/woo-orders.js';
import type { ShopAddress, ShopOrder, ShopOrderLine, ShopTax } from '../../../src/sync/orders/shop-order.js';
import { dec, fixed } from '../../../src/util/decimal.js';

const t20 = (amount: string): ShopTax => ({ rateId: '1', label: 'TVA 20%', rate: '20', priority: 1, compound: false, amount });
const t55 = (amount: string): ShopTax => ({ rateId: '2', label: 'TVA 5,5%', rate: '5.5', priority: 1, compound: false, amount });

const camille: ShopAddress = {
  firstName: 'Camille', lastName: 'Durand', company: '', line1: '8 place Bellecour', line2: 'Bâtiment B', city: 'Lyon', state: '',
  postcode: '69002', countryCode: 'FR', email: 'camille.durand@example.fr', phone: '0601020304',
};
const julien: ShopAddress = {
  firstName: 'Julien', lastName: 'Martin', company: 'Martin SARL', line1: '3 rue de la République', line2: '', city: 'Marseille',
  state: '', postcode: '13001', countryCode: 'FR', email: 'julien.martin@example.fr', phone: '0491000000',
};

function wline(id: string, sku: string, name: string, qty: string, sub: string, subTax: string, total: string, taxes: ShopTax[], taxClass = ''): ShopOrderLine {
  return { id, sku, name, quantity: qty, subtotalExclTax: sub, subtotalTax: subTax, totalExclTax: total, taxes, taxClass, ecotax: null };
}

const colissimo = [{ methodId: 'flat_rate', title: 'Colissimo', totalExclTax: '4.90', taxes: [t20('0.98')] }];

interface Base {
  id: string;
  at: string;
  paid: boolean;
  status?: string;
  incl: boolean;
  guest?: boolean;
  total: string;
  totalTax: string;
  discount: string;
  method?: [string, string];
  note?: string;
}

function wooOrder(b: Base, rest: Pick<ShopOrder, 'lines' | 'fees' | 'coupons'>): ShopOrder {
  const who = b.guest ? julien : camille;
  const at = `${b.at}.000Z`;
  const [method, title] = b.method ?? ['bacs', 'Virement bancaire'];
  return {
    id: b.id,
    number: b.id,
    status: b.status ?? 'processing',
    state: wooOrderState(b.status ?? 'processing'),
    createdAt: at,
    paidAt: b.paid ? at : null,
    invoicedAt: null,
    modifiedAt: at,
    currency: 'EUR',
    pricesIncludeTax: b.incl,
    customer: { id: b.guest ? null : '2', email: who.email, firstName: who.firstName, lastName: who.lastName, company: who.company },
    billing: who,
    shipping: [{ ...who, email: '', phone: b.guest ? '' : who.phone }],
    ...rest,
    shippingLines: colissimo,
    payments: b.paid ? [{ method, title, amount: b.total, date: at, transactionId: '' }] : [],
    paymentMethod: method,
    paymentMethodTitle: title,
    messages: b.note ? [{ author: 'customer', text: b.note, date: at }] : [],
    totals: { exclTax: fixed(dec(b.total).minus(b.totalTax)), tax: b.totalTax, inclTax: b.total, shippingExclTax: '4.90', discountExclTax: b.discount },
    storeId: null,
  };
}

const giftWrap = [{ name: 'Emballage cadeau', totalExclTax: '2.50', taxes: [t20('0.50')], kind: 'giftWrap' as const }];

/** Order 413 (212-…-get.json): registered customer 2, 5.5 % + 20 %, coupon BIENVENUE10 (10 %), prices excl. tax. */
export const woo413 = wooOrder(
  { id: '413', at: '2026-11-28T11:59:49', paid: true, incl: false, total: '29.21', totalTax: '3.79', discount: '2.28', note: 'Merci de livrer avant midi.' },
  {
    lines: [
      wline('1', 'AR0003', 'Chocolat Noir', '2', '9.90', '0.54', '8.91', [t55('0.49')], 'reduced-rate'),
      wline('2', 'AR0010', 'Mug Passerelle', '1', '12.90', '2.58', '11.61', [t20('2.32')]),
    ],
    fees: [],
    coupons: [{ code: 'bienvenue10', description: '', discountExclTax: '2.28', discountTax: '0.31' }],
  },
);

/** Order 414 (214-…-get.json): guest, gift-wrap fee, coupon REMISE5 (5 € fixed cart), prices excl. tax. */
export const woo414 = wooOrder(
  { id: '414', at: '2026-11-28T11:59:49', paid: true, incl: false, guest: true, total: '49.94', totalTax: '6.89', discount: '5.00' },
  {
    lines: [
      wline('7', 'AR0010', 'Mug Passerelle', '2', '25.80', '5.16', '23.80', [t20('4.76')]),
      wline('8', 'AR0003', 'Chocolat Noir', '3', '14.85', '0.82', '11.85', [t55('0.65')], 'reduced-rate'),
    ],
    fees: giftWrap,
    coupons: [{ code: 'remise5', description: '', discountExclTax: '5.00', discountTax: '0.57' }],
  },
);

/** Order 415 (216-…-get.json): a variation (AR0014) x 3, prices excl. tax. */
export const woo415 = wooOrder(
  { id: '415', at: '2026-11-28T11:59:50', paid: true, incl: false, total: '149.52', totalTax: '24.92', discount: '0.00' },
  { lines: [wline('14', 'AR0014', 'Pull en laine - Rouge', '3', '119.70', '23.94', '119.70', [t20('23.94')])], fees: [], coupons: [] },
);

/** Order 416 (218-…-get.json): on hold, cheque, not paid, prices excl. tax. */
export const woo416 = wooOrder(
  { id: '416', at: '2026-11-28T11:59:50', paid: false, status: 'on-hold', incl: false, total: '65.10', totalTax: '10.25', discount: '0.00', method: ['cheque', 'Chèque'] },
  {
    lines: [
      wline('17', 'AR0003', 'Chocolat Noir', '1', '4.95', '0.27', '4.95', [t55('0.27')], 'reduced-rate'),
      wline('18', 'AR0017', 'Pull en laine - Bleu', '1', '45.00', '9.00', '45.00', [t20('9.00')]),
    ],
    fees: [],
    coupons: [],
  },
);

/** Order 417 (233-…-get.json): as 413, prices incl. tax. */
export const woo417 = wooOrder(
  { id: '417', at: '2026-11-28T11:59:51', paid: true, incl: true, total: '26.40', totalTax: '3.37', discount: '2.00', note: 'Merci de livrer avant midi.' },
  {
    lines: [
      wline('22', 'AR0003', 'Chocolat Noir', '2', '9.38', '0.52', '8.45', [t55('0.46')], 'reduced-rate'),
      wline('23', 'AR0010', 'Mug Passerelle', '1', '10.75', '2.15', '9.68', [t20('1.93')]),
    ],
    fees: [],
    coupons: [{ code: 'bienvenue10', description: '', discountExclTax: '2.02', discountTax: '0.26' }],
  },
);

/** Order 418 (235-…-get.json): as 414, prices incl. tax. */
export const woo418 = wooOrder(
  { id: '418', at: '2026-11-28T11:59:51', paid: true, incl: true, guest: true, total: '44.53', totalTax: '6.07', discount: '4.52' },
  {
    lines: [
      wline('28', 'AR0010', 'Mug Passerelle', '2', '21.50', '4.30', '19.83', [t20('3.97')]),
      wline('29', 'AR0003', 'Chocolat Noir', '3', '14.08', '0.77', '11.23', [t55('0.62')], 'reduced-rate'),
    ],
    fees: giftWrap,
    coupons: [{ code: 'remise5', description: '', discountExclTax: '4.51', discountTax: '0.49' }],
  },
);

/** Order 419 (237-…-get.json): as 415, prices incl. tax. */
export const woo419 = wooOrder(
  { id: '419', at: '2026-11-28T11:59:52', paid: true, incl: true, total: '125.58', totalTax: '20.93', discount: '0.00' },
  { lines: [wline('35', 'AR0014', 'Pull en laine - Rouge', '3', '99.75', '19.95', '99.75', [t20('19.95')])], fees: [], coupons: [] },
);

/** Order 420 (239-…-get.json): as 416, prices incl. tax. */
export const woo420 = wooOrder(
  { id: '420', at: '2026-11-28T11:59:52', paid: false, status: 'on-hold', incl: true, total: '55.83', totalTax: '8.74', discount: '0.00', method: ['cheque', 'Chèque'] },
  {
    lines: [
      wline('38', 'AR0003', 'Chocolat Noir', '1', '4.69', '0.26', '4.69', [t55('0.26')], 'reduced-rate'),
      wline('39', 'AR0017', 'Pull en laine - Bleu', '1', '37.50', '7.50', '37.50', [t20('7.50')]),
    ],
    fees: [],
    coupons: [],
  },
);

export const WOO_ORDERS = [woo413, woo414, woo415, woo416, woo417, woo418, woo419, woo420];
