/**
 * Test helpers for the order mapping: the demo profile's settings, the sample company's
 * reference data as OrderMappingRefs, and small builders for synthetic shop orders.
 */
import { canonicalState } from '../../../src/sync/orders/order-status.js';
import { demoSettings } from '../../../src/cli/demo.js';
import { sampleCompany } from '../../../src/gescom/embedded/sample-company.js';
import type { Customer, VatCode } from '../../../src/gescom/model.js';
import { validateProfile } from '../../../src/profile/options.js';
import type { Profile } from '../../../src/profile/schema.js';
import type { ShopAddress, ShopOrder, ShopOrderLine, ShopTax } from '../../../src/sync/orders/shop-order.js';
import { type ArticleRef, articleMap, type OrderMappingRefs } from '../../../src/sync/orders/mapping/refs.js';
import { dec, fixed, sum } from '../../../src/util/decimal.js';
import { render, type Lang, type Text } from '../../../src/i18n/catalogue.js';

export const company = sampleCompany();
export const NOW = '2026-11-30T09:00:00.000Z';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

/** Deep merge of plain objects (arrays and scalars replace). */
export function merge(a: Obj, b: Obj): Obj {
  const out: Obj = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = isObj(v) && isObj(out[k]) ? merge(out[k] as Obj, v) : v;
  return out;
}

/** The demo profile (validateProfile(demoSettings)), 'processing' orders imported as invoices, plus `extra`. */
export function settingsWith(extra: Obj = {}): Profile {
  const base = merge(demoSettings(':memory:'), { orders: { statusMapping: [{ status: 'processing', documentType: 'invoice' }] } });
  return validateProfile(merge(base, extra));
}

/** The sample's VAT codes plus the cumulative ones of the manual's BigCommerce example. */
export const VAT_CODES: VatCode[] = [
  ...company.vatCodes,
  { code: 'C232', label: 'TVA 20 % + parafiscale 3,2 % (même priorité)', rate: '23.2', exempt: false },
  { code: 'C2384', label: 'TVA 20 % sur parafiscale 3,2 % (composée)', rate: '23.84', exempt: false },
];

export function sampleArticles(): ArticleRef[] {
  return [...company.articles].map((a) => ({
    code: a.code, name: a.name, vatCode: a.vatCode, isDivers: a.isDivers, doNotUse: a.doNotUse,
    substituteCode: a.substituteCode, stockTracked: a.stockTracked,
  }));
}

export function sampleCustomers(): Customer[] {
  return [...company.customers].map((c) => ({ ...c, createdAt: c.createdAt ?? '2025-01-01T00:00:00.000Z', modifiedAt: c.modifiedAt ?? '2025-01-01T00:00:00.000Z' }));
}

export interface RefsExtra extends Partial<Omit<OrderMappingRefs, 'articles' | 'customers'>> {
  /** Added to (or replacing) the sample's articles. */
  articles?: ArticleRef[];
  /** Added to (or replacing) the sample's customers. */
  customers?: Customer[];
  /** Codes of sample articles to leave out. */
  withoutArticles?: string[];
}

/** The sample company as OrderMappingRefs for `order`: the e-mail search done like findCustomerByEmail. */
export function refsFor(order: ShopOrder, extra: RefsExtra = {}): OrderMappingRefs {
  const { articles = [], customers = [], withoutArticles = [], ...rest } = extra;
  const artMap = articleMap([...sampleArticles().filter((a) => !withoutArticles.includes(a.code)), ...articles]);
  const custMap = new Map<string, Customer>();
  for (const c of [...sampleCustomers(), ...customers]) custMap.set(c.code, c);
  const email = (order.customer.email || order.billing.email).trim().toLowerCase();
  const byEmail = email ? [...custMap.values()].find((c) => (c.email ?? '').toLowerCase() === email) ?? null : null;
  return {
    now: NOW,
    companyCurrency: company.company.currencyCode,
    vatCodes: VAT_CODES,
    articles: artMap,
    customerByEmail: byEmail,
    customers: custMap,
    paymentModes: company.paymentModes,
    bankJournals: company.bankJournals,
    currencies: company.currencies,
    depots: company.depots,
    accountingCategories: company.accountingCategories,
    ...rest,
  };
}

// --- Builders of synthetic orders -------------------------------------------------------------

export function tax(rate: string, amount: string, extra: Partial<ShopTax> = {}): ShopTax {
  return { rateId: `r${rate}`, label: `TVA ${rate.replace('.', ',')}%`, rate, priority: 1, compound: false, amount, ...extra };
}

/** A shop line of `quantity` x `unitHt` at `rate`, with an optional line discount (HT) taken off the total. */
export function line(sku: string, name: string, quantity: string, unitHt: string, rate: string, opts: {
  discountHt?: string; ecotax?: string; taxes?: ShopTax[]; id?: string;
} = {}): ShopOrderLine {
  const subtotal = dec(quantity).times(unitHt).toDecimalPlaces(2);
  const total = subtotal.minus(dec(opts.discountHt));
  const r = dec(rate).div(100);
  return {
    id: opts.id ?? sku,
    sku,
    name,
    quantity,
    subtotalExclTax: fixed(subtotal),
    totalExclTax: fixed(total),
    taxes: opts.taxes ?? [tax(rate, fixed(total.times(r)))],
    subtotalTax: fixed(subtotal.times(r)),
    taxClass: '',
    ecotax: opts.ecotax ?? null,
  };
}

export const ADDRESS: ShopAddress = {
  firstName: 'John', lastName: 'DOE', company: '', line1: '12 rue de la Paix', line2: '', city: 'Paris', state: '',
  postcode: '75002', countryCode: 'FR', email: 'john.doe@example.com', phone: '0102030405',
};

/** The order's totals from its items (order-level coupons taken off). */
export function totalsOf(o: Omit<ShopOrder, 'totals'>): ShopOrder['totals'] {
  const taxOf = (t: ShopTax[]) => sum(t.map((x) => x.amount));
  const onLines = o.lines.some((l) => !dec(l.subtotalExclTax).eq(l.totalExclTax));
  const couponHt = onLines ? dec(0) : sum(o.coupons.map((c) => c.discountExclTax));
  const couponTax = onLines ? dec(0) : sum(o.coupons.map((c) => c.discountTax));
  const shipping = sum(o.shippingLines.map((s) => s.totalExclTax));
  const ht = sum([...o.lines.map((l) => dec(l.totalExclTax)), shipping, ...o.fees.map((f) => dec(f.totalExclTax))]).minus(couponHt);
  const vat = sum([...o.lines.map((l) => taxOf(l.taxes)), ...o.shippingLines.map((s) => taxOf(s.taxes)), ...o.fees.map((f) => taxOf(f.taxes))])
    .minus(couponTax);
  return {
    exclTax: fixed(ht), tax: fixed(vat), inclTax: fixed(ht.plus(vat)), shippingExclTax: fixed(shipping),
    discountExclTax: fixed(onLines ? sum(o.lines.map((l) => dec(l.subtotalExclTax).minus(l.totalExclTax))) : couponHt),
  };
}

/** A synthetic order (id 187, John DOE, customer 530, paid by card), totals computed from its items unless given. */
export function order(over: Partial<ShopOrder> = {}): ShopOrder {
  const base: Omit<ShopOrder, 'totals'> = {
    id: '187',
    number: '187',
    status: 'processing',
    // A status given without its state: the canonical name when it is one, else processing.
    state: over.state ?? (over.status !== undefined ? canonicalState(over.status) ?? 'processing' : 'processing'),
    createdAt: '2019-01-22T10:15:00.000Z',
    paidAt: '2019-01-22T10:16:00.000Z',
    invoicedAt: null,
    modifiedAt: '2019-01-22T10:16:00.000Z',
    currency: 'EUR',
    pricesIncludeTax: false,
    customer: { id: '530', email: 'john.doe@example.com', firstName: 'John', lastName: 'DOE', company: '' },
    billing: ADDRESS,
    shipping: [{ ...ADDRESS, email: '' }],
    lines: [line('AR0010', 'Mug Passerelle', '1', '10.75', '20')],
    shippingLines: [],
    fees: [],
    coupons: [],
    payments: [],
    paymentMethod: 'stripe',
    paymentMethodTitle: 'Carte bancaire',
    messages: [],
    storeId: null,
    ...over,
  };
  return { ...base, totals: over.totals ?? totalsOf(base) };
}

/** A sample article as an ArticleRef. */
export function articleMapOf(code: string): ArticleRef {
  const a = sampleArticles().find((x) => x.code === code);
  if (!a) throw new Error(`no sample article ${code}`);
  return a;
}

/** Mapping warnings as the journal shows them, in `lang` (the profile's language; French by default). */
export function said(warnings: readonly Text[], lang: Lang = 'fr'): string {
  return warnings.map((w) => render(w, lang)).join('\n');
}
