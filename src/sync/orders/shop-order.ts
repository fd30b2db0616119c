/**
 * A shop order in no platform's terms: what every shop order reader produces and
 * what the order mapping (shop order -> GesCom sales document) reads. Amounts are
 * decimal strings exactly as the shop gave them; taxes are per line and per rate,
 * so that the GesCom side can recompute and compare totals to the cent.
 */
import type { Dec, IsoDate } from '../../gescom/model.js';
import type { CanonicalOrderState } from './order-status.js';

export type { CanonicalOrderState } from './order-status.js';

export interface ShopAddress {
  firstName: string;
  lastName: string;
  company: string;
  line1: string;
  line2: string;
  city: string;
  state: string;
  postcode: string;
  /** ISO 3166-1 alpha-2. */
  countryCode: string;
  email: string;
  phone: string;
}

/** One tax applied by the shop (a rate of a line, of shipping or of a fee). */
export interface ShopTax {
  /** The shop's id of the rate (WooCommerce rate_id), to join lines and tax lines. */
  rateId: string;
  /** Label as the shop shows it ("TVA 20 %"). */
  label: string;
  /** Percentage, "20" or "5.5". */
  rate: Dec;
  /** Same priority adds, different priorities compound (CMD-15). */
  priority: number;
  compound: boolean;
  amount: Dec;
}

export interface ShopOrderLine {
  /** The shop's line id. */
  id: string;
  /** SKU as sold (the GesCom article code, or unknown to the GesCom). */
  sku: string;
  name: string;
  quantity: Dec;
  /** Line total before discounts (coupons), excluding tax. */
  subtotalExclTax: Dec;
  /** Line total after discounts, excluding tax. */
  totalExclTax: Dec;
  /** Taxes of the line after discounts. */
  taxes: ShopTax[];
  /** Tax of the line before discounts. */
  subtotalTax: Dec;
  /** Shop tax class of the line ('' = standard). */
  taxClass: string;
  /** Eco-tax included in the price, when the shop says so. */
  ecotax: Dec | null;
}

export interface ShopFee {
  name: string;
  totalExclTax: Dec;
  taxes: ShopTax[];
  /** Gift wrapping ("Emballage cadeau") is mapped to the packaging article (CMD-08). */
  kind: 'giftWrap' | 'other';
}

export interface ShopShipping {
  methodId: string;
  title: string;
  totalExclTax: Dec;
  taxes: ShopTax[];
}

export interface ShopCoupon {
  code: string;
  description: string;
  /** Discount excluding tax, and its tax. */
  discountExclTax: Dec;
  discountTax: Dec;
}

export interface ShopPayment {
  method: string;
  title: string;
  amount: Dec;
  date: IsoDate | null;
  transactionId: string;
}

export interface ShopOrderMessage {
  author: 'customer' | 'shop';
  text: string;
  date: IsoDate | null;
}

export interface ShopOrder {
  /** Shop order id (the key of exactly-once import). */
  id: string;
  /** Number shown to the customer (may differ from the id). */
  number: string;
  /** The shop's own status code, as the shop gave it ("processing", a PrestaShop state id…). */
  status: string;
  /** The status mapped by the adapter to the canonical set (src/sync/orders/order-status.ts). */
  state: CanonicalOrderState;
  createdAt: IsoDate;
  paidAt: IsoDate | null;
  /** Invoice date when the shop has one. */
  invoicedAt: IsoDate | null;
  modifiedAt: IsoDate;
  currency: string;
  /** Whether the shop's prices were entered tax included (informational; amounts below are split). */
  pricesIncludeTax: boolean;
  customer: {
    /** Shop customer id; null for a guest order. */
    id: string | null;
    email: string;
    firstName: string;
    lastName: string;
    company: string;
  };
  billing: ShopAddress;
  /** Several for BigCommerce multi-address orders (CMD-15); lines then name their address. */
  shipping: ShopAddress[];
  lines: ShopOrderLine[];
  /** Index in `shipping` of each line's address, when several (same order as `lines`). */
  lineShippingIndex?: number[];
  shippingLines: ShopShipping[];
  fees: ShopFee[];
  coupons: ShopCoupon[];
  payments: ShopPayment[];
  /** The payment method of the order as a whole (gateway id) and its label. */
  paymentMethod: string;
  paymentMethodTitle: string;
  messages: ShopOrderMessage[];
  /** Totals as the shop computed them, to compare with the GesCom's. */
  totals: { exclTax: Dec; tax: Dec; inclTax: Dec; shippingExclTax: Dec; discountExclTax: Dec };
  /** Store of a multi-store shop (CMD-02). */
  storeId: string | null;
}
