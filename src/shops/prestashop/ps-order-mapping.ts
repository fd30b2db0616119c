/**
 * PrestaShop side of the order import: the webservice's JSON records of one order (orders,
 * order_details, order_carriers, order_cart_rules, order_payments, addresses, customer, carrier,
 * currency, order_states, customer messages) -> the canonical ShopOrder. Pure.
 *
 * Money rules (facts recorded in test/fixtures/README.md, "PrestaShop orders with French VAT"):
 * - Lines: `total_price_tax_excl` / `total_price_tax_incl` of order_details, their difference is the
 *   line's tax, at the rate of the line's `associations.taxes` (the `taxes` resource). Whatever the
 *   round type (PS_ROUND_TYPE, `round_type` on the order: per item, per line, on the total), the line
 *   totals are brought to the order's own `total_products` / `total_products_wt` by whole cents
 *   (largest line first), so that the lines add up to what the shop charged for the products.
 * - The order's tax-included side always adds up (products + shipping + wrapping - discounts =
 *   `total_paid_tax_incl`); the tax-excluded side may not (order 2: 58.31 + 4.90 - 4.44 = 58.77 vs
 *   `total_paid_tax_excl` 58.76, PrestaShop rounding the unrounded sum). The order is therefore
 *   marked as entered tax included (`pricesIncludeTax`): with the price mode `auto` its GesCom
 *   document is built TTC and its total is `total_paid_tax_incl` to the cent; the shop's HT / VAT
 *   split is kept as the shop gives it (`total_paid_tax_excl`), a cent off being a warning only.
 * - Cart rules stay at order level (PrestaShop never spreads them over order_details): one coupon
 *   per order_cart_rules row, `value` / `value_tax_excl` rounded to the cent and brought to the order's
 *   `total_discounts_tax_incl` / `_excl`; the order mapping splits them per VAT rate in proportion to
 *   each rate's base, which is how PrestaShop computes a percentage voucher and an amount voucher
 *   (value_tax_excl = value x total_products / total_products_wt).
 * - A free-shipping cart rule repeats the shipping as a discount: that part is taken off the shipping
 *   line instead (so its VAT is the carrier's, not the products'), the coupon keeps its code.
 * - Gift wrapping (`total_wrapping_tax_*`, no order_details line) is a fee of kind giftWrap (the
 *   packaging article, CMD-08) at the shop tax rate its amounts show.
 * - Shipping: order_carriers rows (`shipping_cost_tax_*`) at `carrier_tax_rate`.
 * - The price round mode (PS_PRICE_ROUND_MODE, `round_mode`: half up / down / even…) is never redone
 *   here: every amount is the one PrestaShop rounded and stored.
 */
import type { IsoDate } from '../../gescom/model.js';
import { PasserelleError } from '../../errors.js';
import { msg, tr } from '../../i18n/catalogue.js';
import type { Lang } from '../../i18n/message-table.js';
import { zoneOffsetMinutes } from '../../sync/orders/period.js';
import type {
  ShopAddress, ShopCoupon, ShopFee, ShopOrder, ShopOrderLine, ShopOrderMessage, ShopPayment, ShopShipping, ShopTax,
} from '../../sync/orders/shop-order.js';
import { Decimal, dec, fixed, plain, sum } from '../../util/decimal.js';
import { type PsOrderStates, psText } from './ps-order-states.js';
import type { PsRecord } from './webservice.js';
import { flag, str } from './webservice.js';

const ZERO = new Decimal(0);
const HUNDRED = new Decimal(100);
const CENT = new Decimal('0.01');

/** A shop tax (`taxes` resource). */
export interface PsTaxInfo {
  id: string;
  /** Percentage ("20", "5.5"). */
  rate: string;
  name: string;
}

/** One message of the order: customer_messages of the order's customer_threads, or the legacy `messages`. */
export interface PsOrderMessageRecord {
  message: string;
  private: boolean;
  /** An employee wrote it (the shop), else the customer. */
  fromShop: boolean;
  date: string;
}

/** Everything the webservice says about one order. */
export interface PsOrderRecords {
  order: PsRecord;
  details: PsRecord[];
  carriers: PsRecord[];
  cartRules: PsRecord[];
  payments: PsRecord[];
  /** order_histories of the order (for the payment date); optional. */
  histories?: PsRecord[];
  invoiceAddress: PsRecord | null;
  deliveryAddress: PsRecord | null;
  customer: PsRecord | null;
  messages?: PsOrderMessageRecord[];
}

/** Reference data read once per run. */
export interface PsOrderRefs {
  taxes: ReadonlyMap<string, PsTaxInfo>;
  /** carriers by id (name). */
  carriers: ReadonlyMap<string, PsRecord>;
  /** currencies by id (iso_code). */
  currencies: ReadonlyMap<string, PsRecord>;
  /** country id -> ISO 3166-1 alpha-2. */
  countries: ReadonlyMap<string, string>;
  states: PsOrderStates;
  /** The shop's time zone (PS_TIMEZONE): its dates carry no offset. */
  timezone: string;
  /** Language of the texts the mapping writes (gift wrapping). */
  language: Lang;
  /** Cart rule id -> its code (`cart_rules.code`); order_cart_rules only carry the rule's name. */
  cartRuleCodes?: ReadonlyMap<string, string>;
  /** KerAwen: customer ids of the till's anonymous sales (grouped per day as anonymous orders, CMD-14). */
  anonymousCustomerIds?: ReadonlySet<string>;
}

// ------------------------------------------------------------------ helpers

const entityOf = (o: PsRecord) => `order ${String(o.id ?? '?')}`;

/** A webservice amount ("4.950000", a JSON number, "" for NULL) as a Decimal; anything else names the field. */
export function psMoney(v: unknown, entity: string, field: string): Decimal {
  if (v === null || v === undefined || v === '') return ZERO;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new PasserelleError(msg('gescom.err.invalidAmount', { value: String(v) }), entity, field);
    return new Decimal(String(v));
  }
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return new Decimal(v.trim());
  throw new PasserelleError(msg('gescom.err.invalidAmount', { value: String(v) }), entity, field);
}

const isZeroDate = (s: string) => s === '' || s.startsWith('0000-00-00');

/** A shop-local "YYYY-MM-DD HH:MM:SS" (no offset, PS_TIMEZONE) as an ISO UTC instant; null for an unset date. */
export function psDateToIso(local: string, timezone: string): IsoDate | null {
  const s = local.trim();
  if (isZeroDate(s)) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (!m) return null;
  const asUtc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  // Offset read at the guess, then again at the instant found (the day a clock changes).
  const first = asUtc - zoneOffsetMinutes(new Date(asUtc), timezone) * 60000;
  return new Date(asUtc - zoneOffsetMinutes(new Date(first), timezone) * 60000).toISOString();
}

/** An ISO instant as the shop's local "YYYY-MM-DD HH:MM:SS" (for date filters). */
export function isoToPsDate(iso: IsoDate, timezone: string): string {
  let s = iso.trim().replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) s += 'T00:00:00Z';
  else if (!/(?:Z|[+-]\d{2}:?\d{2})$/i.test(s)) s += 'Z';
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) throw new PasserelleError(msg('orders.invalidDate', { value: iso }), 'orders', 'date');
  const at = new Date(Math.floor(ms / 1000) * 1000);
  const local = new Date(at.getTime() + zoneOffsetMinutes(at, timezone) * 60000);
  return local.toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * Brings `values` (each already to the cent) to `target` by whole cents, the largest values first
 * (those marked in `prefer` before the others): the way PrestaShop's order totals and its rounded
 * rows are made to agree.
 */
export function toTarget(values: Decimal[], target: Decimal, prefer?: readonly boolean[]): Decimal[] {
  const out = values.map((v) => v.toDecimalPlaces(2));
  let rest = target.minus(sum(out));
  if (rest.isZero() || out.length === 0) return out;
  const rank = (i: number) => (prefer?.[i] ? 0 : 1);
  const order = out.map((v, i) => ({ v, i })).sort((a, b) => rank(a.i) - rank(b.i) || b.v.abs().comparedTo(a.v.abs()) || a.i - b.i);
  const step = rest.isNegative() ? CENT.neg() : CENT;
  // A cent per value and round: the rounding of each row is at most a cent off.
  for (let k = 0; !rest.isZero() && k < 10_000; k++) {
    const { i } = order[k % order.length]!;
    out[i] = out[i]!.plus(step);
    rest = rest.minus(step);
  }
  return out;
}

/** The shop tax whose rate gives `tax` on `base` to the cent (wrapping, lines without tax ids); the nearest rate otherwise. */
export function taxForAmounts(base: Decimal, tax: Decimal, taxes: ReadonlyMap<string, PsTaxInfo>, preferRate?: Decimal): PsTaxInfo | null {
  if (tax.isZero()) return null;
  const candidates = [...taxes.values()].filter((t) => base.times(t.rate).div(HUNDRED).toDecimalPlaces(2).eq(tax));
  const preferred = preferRate ? candidates.find((t) => dec(t.rate).eq(preferRate)) : undefined;
  if (preferred ?? candidates[0]) return preferred ?? candidates[0]!;
  if (base.isZero()) return null;
  return { id: '', rate: plain(tax.div(base).times(HUNDRED).toDecimalPlaces(3)), name: '' };
}

function shopTax(t: PsTaxInfo, amount: Decimal, priority = 1, compound = false): ShopTax {
  return {
    rateId: t.id,
    label: t.name || `TVA ${plain(t.rate).replace('.', ',')} %`,
    rate: plain(t.rate),
    priority,
    compound,
    amount: fixed(amount),
  };
}

/** The taxes of an amount at the given rates: the amount split in proportion to the rates, cents on the largest. */
function splitTax(rates: PsTaxInfo[], amount: Decimal, compound: boolean): ShopTax[] {
  if (rates.length === 0) return [];
  if (rates.length === 1) return [shopTax(rates[0]!, amount)];
  const total = sum(rates.map((r) => dec(r.rate)));
  const parts = toTarget(rates.map((r) => (total.isZero() ? ZERO : amount.times(r.rate).div(total))), amount);
  return rates.map((r, i) => shopTax(r, parts[i]!, compound ? i + 1 : 1, compound && i > 0));
}

/** A PrestaShop address as a ShopAddress; names fall back to the customer's when the address has none. */
export function psAddress(a: PsRecord | null, countries: ReadonlyMap<string, string>, email: string, customer?: PsRecord): ShopAddress {
  return {
    firstName: str(a?.firstname ?? customer?.firstname).trim(),
    lastName: str(a?.lastname ?? customer?.lastname).trim(),
    company: str(a?.company).trim(),
    line1: str(a?.address1).trim(),
    line2: str(a?.address2).trim(),
    city: str(a?.city).trim(),
    state: '',
    postcode: str(a?.postcode).trim(),
    countryCode: (countries.get(str(a?.id_country)) ?? '').toUpperCase(),
    email,
    phone: (str(a?.phone).trim() || str(a?.phone_mobile).trim()),
  };
}

/** Sorted by id: the webservice lists rows by id, the simulator may not. */
const byId = (rows: readonly PsRecord[]) => [...rows].sort((a, b) => Number(a.id ?? 0) - Number(b.id ?? 0));

// ------------------------------------------------------------------ the mapping

/** One PrestaShop order as a ShopOrder (see the module comment for the money rules). */
export function psToShopOrder(r: PsOrderRecords, refs: PsOrderRefs): ShopOrder {
  const o = r.order;
  const entity = entityOf(o);
  const m = (v: unknown, field: string) => psMoney(v, entity, field);
  const tz = refs.timezone;

  const createdAt = psDateToIso(str(o.date_add), tz);
  if (createdAt === null) throw new PasserelleError(msg('shop.orderWithoutDate'), entity, 'date_add');
  const modifiedAt = psDateToIso(str(o.date_upd), tz) ?? createdAt;
  const invoicedAt = psDateToIso(str(o.invoice_date), tz);
  const stateId = str(o.current_state);
  const state = refs.states.stateOf(stateId);

  // --- lines
  const details = byId(r.details);
  if (details.length === 0) throw new PasserelleError(msg('ps.orderWithoutDetails'), entity, 'order_details');
  const productsExcl = m(o.total_products, 'total_products');
  const productsIncl = m(o.total_products_wt, 'total_products_wt');
  // A cent moved onto a line of one unit keeps its unit price exact at 2 decimals.
  const single = details.map((d) => String(d.product_quantity) === '1');
  const lineExcl = toTarget(details.map((d, i) => m(d.total_price_tax_excl, `order_details[${i}].total_price_tax_excl`)), productsExcl, single);
  const lineIncl = toTarget(details.map((d, i) => m(d.total_price_tax_incl, `order_details[${i}].total_price_tax_incl`)), productsIncl, single);
  const lines: ShopOrderLine[] = details.map((d, i) => {
    const field = `order_details[${i}]`;
    const excl = lineExcl[i]!;
    const tax = lineIncl[i]!.minus(excl);
    const assoc = (d.associations as { taxes?: { id: unknown }[] } | undefined)?.taxes ?? [];
    const rates = assoc.map((t) => {
      const info = refs.taxes.get(str(t.id));
      if (!info) throw new PasserelleError(msg('shop.taxRateUnknown', { id: str(t.id) }), entity, `${field}.associations.taxes`);
      return info;
    });
    let taxes: ShopTax[];
    if (rates.length > 0) {
      // tax_computation_method 1: "one after another" (compound); 0 adds the rates.
      taxes = splitTax(rates, tax, str(d.tax_computation_method) === '1');
    } else {
      // No tax ids (a customer outside every tax rule: no tax at all) — or, should an amount remain, the rate it shows.
      const t = taxForAmounts(excl, tax, refs.taxes);
      taxes = t ? [shopTax(t, tax)] : [];
    }
    const ecotax = m(d.ecotax, `${field}.ecotax`);
    return {
      id: str(d.id),
      sku: str(d.product_reference).trim(),
      name: str(d.product_name),
      quantity: plain(m(d.product_quantity, `${field}.product_quantity`)),
      // Catalogue reductions are already in the unit price; cart rules stay at order level.
      subtotalExclTax: fixed(excl),
      totalExclTax: fixed(excl),
      taxes,
      subtotalTax: fixed(tax),
      taxClass: str(d.id_tax_rules_group),
      ecotax: ecotax.isZero() ? null : plain(ecotax),
    };
  });

  // --- cart rules (free shipping taken off the shipping line)
  const shipIncl = m(o.total_shipping_tax_incl, 'total_shipping_tax_incl');
  const shipExcl = m(o.total_shipping_tax_excl, 'total_shipping_tax_excl');
  const rules = byId(r.cartRules).filter((c) => !flag(c.deleted));
  let freeIncl = ZERO;
  let freeExcl = ZERO;
  const ruleAmounts = rules.map((c, i) => {
    let incl = m(c.value, `order_cart_rules[${i}].value`);
    let excl = m(c.value_tax_excl, `order_cart_rules[${i}].value_tax_excl`);
    if (flag(c.free_shipping) && freeIncl.isZero()) {
      // The shipping is given back once, whatever the number of free-shipping rules.
      freeIncl = Decimal.min(incl, shipIncl);
      freeExcl = Decimal.min(excl, shipExcl);
      incl = incl.minus(freeIncl);
      excl = excl.minus(freeExcl);
    }
    return { incl, excl };
  });
  const discIncl = m(o.total_discounts_tax_incl, 'total_discounts_tax_incl').minus(freeIncl);
  const discExcl = m(o.total_discounts_tax_excl, 'total_discounts_tax_excl').minus(freeExcl);
  const couponIncl = toTarget(ruleAmounts.map((x) => x.incl), discIncl);
  const couponExcl = toTarget(ruleAmounts.map((x) => x.excl), discExcl);
  const coupons: ShopCoupon[] = rules.map((c, i) => ({
    code: refs.cartRuleCodes?.get(str(c.id_cart_rule))?.trim() || str(c.name),
    description: str(c.name),
    discountExclTax: fixed(couponExcl[i]!),
    discountTax: fixed(couponIncl[i]!.minus(couponExcl[i]!)),
  }));

  // --- shipping
  const carrierRate = m(o.carrier_tax_rate, 'carrier_tax_rate');
  const netShipIncl = shipIncl.minus(freeIncl);
  const netShipExcl = shipExcl.minus(freeExcl);
  const carrierRows = byId(r.carriers);
  const carrierName = (id: string) => psText(refs.carriers.get(id)?.name) || id;
  const shippingLines: ShopShipping[] = [];
  if (!netShipIncl.isZero() || !netShipExcl.isZero() || carrierRows.length > 0 || str(o.id_carrier) !== '0') {
    // Several order_carriers (multi-shipping) keep their split when it adds up to the order's shipping.
    const rows = carrierRows.length > 1 && freeIncl.isZero()
      && sum(carrierRows.map((c) => m(c.shipping_cost_tax_incl, 'order_carriers.shipping_cost_tax_incl'))).eq(shipIncl)
      ? carrierRows.map((c) => ({ id: str(c.id_carrier), incl: m(c.shipping_cost_tax_incl, ''), excl: m(c.shipping_cost_tax_excl, '') }))
      : [{ id: str(carrierRows[0]?.id_carrier ?? o.id_carrier), incl: netShipIncl, excl: netShipExcl }];
    for (const s of rows) {
      const tax = s.incl.minus(s.excl);
      const t = tax.isZero() ? null
        : taxForAmounts(s.excl, tax, refs.taxes, carrierRate) ?? { id: '', rate: plain(carrierRate), name: '' };
      shippingLines.push({
        methodId: s.id,
        title: carrierName(s.id),
        totalExclTax: fixed(s.excl),
        taxes: t ? [shopTax({ ...t, rate: carrierRate.isZero() ? t.rate : plain(carrierRate) }, tax)] : [],
      });
    }
  }

  // --- gift wrapping
  const fees: ShopFee[] = [];
  const wrapIncl = m(o.total_wrapping_tax_incl, 'total_wrapping_tax_incl');
  const wrapExcl = m(o.total_wrapping_tax_excl, 'total_wrapping_tax_excl');
  if (!wrapIncl.isZero() || !wrapExcl.isZero()) {
    const tax = wrapIncl.minus(wrapExcl);
    const t = taxForAmounts(wrapExcl, tax, refs.taxes, carrierRate);
    fees.push({ name: tr('ps.giftWrapping', {}, refs.language), totalExclTax: fixed(wrapExcl), taxes: t ? [shopTax(t, tax)] : [], kind: 'giftWrap' });
  }

  // --- customer (KerAwen's anonymous till sales and guests have no account: grouped per day, CMD-14)
  const c = r.customer;
  const customerId = str(o.id_customer);
  const module = str(o.module).trim();
  const isKerawen = module.toLowerCase() === 'kerawen';
  const anonymous = isKerawen && (customerId === '0' || c === null || (refs.anonymousCustomerIds?.has(customerId) ?? false)
    || flag(c.is_guest) || str(c.email).trim() === '');
  const guest = anonymous || customerId === '0' || flag(c?.is_guest);
  const email = anonymous ? '' : str(c?.email).trim();
  const billing = anonymous ? psAddress(null, refs.countries, '') : psAddress(r.invoiceAddress ?? r.deliveryAddress, refs.countries, email);
  const delivery = r.deliveryAddress && !anonymous ? [psAddress(r.deliveryAddress, refs.countries, '')] : [];

  // --- payments
  const title = str(o.payment).trim();
  const payments: ShopPayment[] = byId(r.payments).map((p, i) => ({
    method: module,
    // The order's `payment` is what the customer chose; a payment added later may carry the module's display name.
    title: str(p.payment_method).trim() || title,
    amount: fixed(m(p.amount, `order_payments[${i}].amount`)),
    date: psDateToIso(str(p.date_add), tz),
    transactionId: str(p.transaction_id),
  })).filter((p) => !dec(p.amount).isZero());
  const paidState = (id: string) => refs.states.byId.get(id)?.flags.paid ?? ['paid', 'processing', 'shipped', 'completed'].includes(refs.states.stateOf(id));
  const firstPaid = byId(r.histories ?? []).find((h) => paidState(str(h.id_order_state)));
  const paidAt = firstPaid ? psDateToIso(str(firstPaid.date_add), tz)
    : paidState(stateId) ? (payments[0]?.date ?? createdAt) : null;

  // --- messages
  const messages: ShopOrderMessage[] = [];
  const gift = str(o.gift_message).trim();
  if (gift !== '') messages.push({ author: 'customer', text: gift, date: createdAt });
  for (const x of r.messages ?? []) {
    if (x.message.trim() === '') continue;
    messages.push({ author: x.fromShop || x.private ? 'shop' : 'customer', text: x.message.trim(), date: psDateToIso(x.date, tz) });
  }

  const inclTax = m(o.total_paid_tax_incl, 'total_paid_tax_incl');
  const exclTax = m(o.total_paid_tax_excl, 'total_paid_tax_excl');
  const currency = refs.currencies.get(str(o.id_currency));
  return {
    id: str(o.id),
    number: str(o.reference).trim() || str(o.id),
    status: stateId,
    state,
    createdAt,
    paidAt,
    invoicedAt,
    modifiedAt,
    currency: str(currency?.iso_code).toUpperCase(),
    // PrestaShop's tax-included side is the one that adds up (see the module comment): a TTC document lands on it.
    pricesIncludeTax: true,
    customer: {
      id: guest ? null : customerId,
      email,
      firstName: anonymous ? '' : str(c?.firstname).trim() || billing.firstName,
      lastName: anonymous ? '' : str(c?.lastname).trim() || billing.lastName,
      company: anonymous ? '' : str(c?.company).trim() || billing.company,
    },
    billing,
    shipping: delivery,
    lines,
    shippingLines,
    fees,
    coupons,
    payments,
    paymentMethod: module,
    paymentMethodTitle: title,
    messages,
    totals: {
      exclTax: fixed(exclTax),
      tax: fixed(inclTax.minus(exclTax)),
      inclTax: fixed(inclTax),
      shippingExclTax: fixed(netShipExcl),
      discountExclTax: fixed(discExcl),
    },
    storeId: str(o.id_shop) || null,
  };
}
