/**
 * What the order mapping reads besides the order: the profile settings and the GesCom's
 * reference data, fetched by the caller beforehand (the mapping does no I/O). The
 * `*ToLookUp` helpers say which codes and e-mail to fetch.
 */
import type {
  AccountingCategory, Article, BankJournal, Currency, Customer, Dec, Depot, IsoDate, PaymentMode, VatCode,
} from '../../../gescom/model.js';
import type { Profile } from '../../../profile/schema.js';
import type { ShopOrder } from '../shop-order.js';
import { customerAccountNumber, guestAccountNumber } from './account-number.js';

export type OrderSettings = Profile['orders'];

/** The profile sections the order mapping reads (a whole Profile fits). */
export interface OrderMappingSettings {
  orders: OrderSettings;
  general: Pick<Profile['general'], 'timezone' | 'language'>;
}

/** What the mapping needs of a GesCom article; `stock` (available, all depots) enables the out-of-stock substitute rule. */
export type ArticleRef = Pick<Article, 'code' | 'name' | 'vatCode' | 'isDivers' | 'doNotUse' | 'substituteCode' | 'stockTracked'> & {
  stock?: Dec | null;
};

export interface OrderMappingRefs {
  /** "Today" for the options that say so (document date, payment date, grouping). */
  now: IsoDate;
  /** The GesCom company's currency (CompanyInfo.currencyCode). */
  companyCurrency: string;
  vatCodes: readonly VatCode[];
  /** Articles by code: the order's SKUs, the special articles, the substitutes (see articleCodesToLookUp). */
  articles: ReadonlyMap<string, ArticleRef>;
  /** Result of the e-mail search (findCustomerByEmail) when orders.searchCustomerByEmail is on. */
  customerByEmail: Customer | null;
  /** Existing customers among customerCodesToLookUp(order, settings). */
  customers: ReadonlyMap<string, Customer>;
  paymentModes: readonly PaymentMode[];
  bankJournals: readonly BankJournal[];
  currencies: readonly Currency[];
  depots: readonly Depot[];
  accountingCategories: readonly AccountingCategory[];
  /** The shop's tax/shipping zone of the order, for orders.mappings.accountingCategoryBy = 'zone'. */
  shippingZone?: string | null;
}

/** Builds the article map of OrderMappingRefs from a list. */
export function articleMap(articles: Iterable<ArticleRef>): Map<string, ArticleRef> {
  const map = new Map<string, ArticleRef>();
  for (const a of articles) map.set(a.code, a);
  return map;
}

/** Finds an article by the shop's SKU: exact code first, then upper-cased (GesCom codes are upper case). */
export function findArticle(articles: ReadonlyMap<string, ArticleRef>, sku: string): ArticleRef | null {
  const s = sku.trim();
  if (s === '') return null;
  return articles.get(s) ?? articles.get(s.toUpperCase()) ?? null;
}

/** The e-mail to search the customer by (CMD-03), or null when the option is off or the order has none. */
export function emailToLookUp(order: ShopOrder, settings: OrderMappingSettings): string | null {
  if (!settings.orders.searchCustomerByEmail) return null;
  const email = (order.customer.email || order.billing.email).trim();
  return email === '' ? null : email;
}

/** Customer codes the mapping may attach the order to; fetch those that exist into refs.customers. */
export function customerCodesToLookUp(order: ShopOrder, settings: OrderMappingSettings): string[] {
  const o = settings.orders;
  const codes = [o.singleAccount, o.guestAccount, o.grouping.account, ...o.mappings.payments.map((p) => p.customerAccount)];
  try {
    if (order.customer.id !== null) codes.push(customerAccountNumber(o.accountPrefix, order.customer.id, o.accountLength));
    else codes.push(guestAccountNumber(o.accountPrefix, order.id, o.accountLength));
  } catch {
    // Too long: mapOrder reports it with the option to fix.
  }
  return [...new Set(codes.filter((c) => c !== ''))];
}

/**
 * Article codes the mapping may read: the SKUs (as sold and upper-cased), the special articles, the
 * coupon descriptions (orders.discounts.couponDescriptionAsArticle). Fetch them, then the substitutes
 * (substituteCode) of those that are dormant, and pass them all in refs.articles.
 */
export function articleCodesToLookUp(order: ShopOrder, settings: OrderMappingSettings): string[] {
  const s = settings.orders.specialArticles;
  const codes = order.lines.flatMap((l) => [l.sku.trim(), l.sku.trim().toUpperCase()]);
  codes.push(s.divers, s.packaging, s.shipping, s.discount, s.gap, ...s.discountByVat.map((d) => d.article));
  if (settings.orders.discounts.couponDescriptionAsArticle) codes.push(...order.coupons.map((c) => c.description.trim()));
  return [...new Set(codes.filter((c) => c !== ''))];
}
