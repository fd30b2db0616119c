/**
 * CMD-02 .. CMD-12: one shop order -> one GesCom sales document input, with the customer to
 * use or create, the predicted GesCom totals beside the shop's, and the journal warnings. Pure:
 * everything comes in through the arguments. A missing mapping (special article, tax, payment,
 * currency, country, depot) throws an OrderMappingError naming the option to configure, before
 * the caller writes anything; an order whose status is not selected is skipped with its reason.
 */
import type {
  Address, Depot, DocumentLineInput, DocumentTotals, DocumentType, IsoDate, SalesDocumentInput,
} from '../../../gescom/model.js';
import { msg, tr, type Text } from '../../../i18n/catalogue.js';
import { dec } from '../../../util/decimal.js';
import type { ShopOrder } from '../shop-order.js';
import { type OrderStatusForms, statusMatches } from '../order-status.js';
import { toGescomAddress } from './addresses.js';
import { type CustomerDecision, decideCustomer } from './customer-account.js';
import { forOrder, MappingError } from './errors.js';
import { mapLines } from './lines.js';
import { buildPayments, gapLine, paymentMappingFor } from './payments.js';
import { type DocumentPriceMode, priceModeFor } from './price-mode.js';
import type { OrderMappingRefs, OrderMappingSettings, OrderSettings } from './refs.js';
import { accountingCategoryFor, VatResolver } from './taxes.js';
import { renderTemplate } from './templates.js';
import { compareTotals, differenceMessage, predictTotals, type ShopTotals, shopTotals, type TotalsDifference } from './totals.js';

export interface MapOrderOptions {
  /** Forces the customer account (grouped orders), with the option that configures it. */
  forcedCustomer?: { code: string; field: string } | null;
  /** Forces the price mode (grouped orders share one document, so one mode: priceModeForGroup). */
  priceMode?: DocumentPriceMode;
  /** Leaves the payment-difference line out (grouping applies the rule once on the group). */
  skipGap?: boolean;
  /** How the shop spells its statuses (its order source), to match orders.statusMapping. */
  statusForms?: OrderStatusForms;
}

/** A GesCom document ready to write, with the totals compared: one order's, or a day's group (grouping.ts). */
export interface MappedDocument {
  document: SalesDocumentInput;
  /** Totals the GesCom will compute (with the gap line when one was added). */
  gescomTotals: DocumentTotals;
  shopTotals: ShopTotals;
  /** Shop minus GesCom before any gap line. */
  difference: TotalsDifference;
  /** The payment-difference line added (orders.payments.createGaps), or null. */
  gapLine: DocumentLineInput | null;
  /** Whether to validate the document once written (orders.validation, orders.payments.validateDocument). */
  validate: boolean;
  warnings: Text[];
}

export interface MappedOrder extends MappedDocument {
  skip: null;
  customer: CustomerDecision;
  /** The document's payment mode, null with orders.omitPaymentMode (SalesDocumentInput has no field for it). */
  paymentModeCode: string | null;
}

export interface SkippedOrder {
  skip: Text;
}

export type OrderMappingResult = MappedOrder | SkippedOrder;

/**
 * CMD-02: the document type of the order's status (orders.statusMapping: a raw shop status or a
 * canonical state), null when the status is not imported.
 */
export function documentTypeFor(order: ShopOrder, settings: OrderSettings, forms?: OrderStatusForms): DocumentType | null {
  const row = settings.statusMapping.find((r) => statusMatches(r.status, order, forms));
  return row?.documentType ?? null;
}

/** CMD-06: the document date: order date, invoice date (order date when the shop has none), or today. */
export function documentDate(order: ShopOrder, settings: OrderSettings, now: IsoDate): IsoDate {
  if (settings.documentDate === 'today') return now;
  if (settings.documentDate === 'invoiceDate') return order.invoicedAt ?? order.createdAt;
  return order.createdAt;
}

/**
 * CMD-09: the GesCom currency of a shop currency: its row of orders.mappings.currencies, else the
 * company's own when it is the same; null when neither (an order in it must be refused).
 */
export function gescomCurrencyOf(shopCurrency: string, settings: OrderSettings, companyCurrency: string): string | null {
  const shop = shopCurrency.trim().toUpperCase();
  const row = settings.mappings.currencies.find((c) => c.shopCurrency.trim().toUpperCase() === shop);
  if (row) return row.gescomCurrency;
  return shop === companyCurrency.trim().toUpperCase() ? companyCurrency : null;
}

/** CMD-09: the GesCom currency of the order (gescomCurrencyOf); an order in a currency with no mapping is refused. */
export function currencyFor(order: ShopOrder, settings: OrderSettings, refs: Pick<OrderMappingRefs, 'companyCurrency' | 'currencies'>): string {
  const shop = (order.currency || refs.companyCurrency).trim().toUpperCase();
  const code = gescomCurrencyOf(shop, settings, refs.companyCurrency);
  if (code === null) {
    throw new MappingError('orders.mappings.currencies', msg('money.currencyNotMapped', { currency: shop, company: refs.companyCurrency }));
  }
  if (!refs.currencies.some((c) => c.code === code)) {
    throw new MappingError('orders.mappings.currencies', msg('money.currencyUnknown', { code, currency: shop }));
  }
  return code;
}

/** CMD-06: the document remark: the profile's template, else the built-in one in the profile's language. */
export function remarkFor(order: ShopOrder, settings: OrderMappingSettings): string {
  const template = settings.orders.remarkTemplate.trim() || tr('orderdoc.remark', {}, settings.general.language);
  return renderTemplate(template, order, settings.general.timezone);
}

/** CMD-06: the depot the stock leaves from: the option, else the GesCom's default depot. */
export function depotFor(settings: OrderSettings, depots: readonly Depot[]): string | null {
  if (settings.depot === '') return depots.find((d) => d.isDefault)?.code ?? null;
  if (!depots.some((d) => d.code === settings.depot)) {
    throw new MappingError('orders.depot', msg('gescom.err.unknownDepot', { code: settings.depot }));
  }
  return settings.depot;
}

/** CMD-06: the order's messages copied to the document notes (none, first customer message, all). */
export function orderNotes(order: ShopOrder, settings: OrderSettings): string {
  switch (settings.copyMessages) {
    case 'none': return '';
    case 'firstCustomerMessage': return order.messages.find((m) => m.author === 'customer' && m.text.trim() !== '')?.text.trim() ?? '';
    case 'allMessages':
      return order.messages.filter((m) => m.text.trim() !== '')
        .map((m) => `${m.author === 'customer' ? 'Client' : 'Boutique'} : ${m.text.trim()}`).join('\n');
  }
}

/** CMD-09: the document's billing and delivery addresses for its type (shop's or customer's). */
export function documentAddresses(order: ShopOrder, type: DocumentType, settings: OrderSettings, customer: CustomerDecision):
  { billing: Address | null; delivery: Address | null } {
  const email = (order.customer.email || order.billing.email).trim();
  const shopBilling = toGescomAddress(order.billing, settings, email);
  const shopShipping = order.shipping[0] ? toGescomAddress(order.shipping[0], settings) : shopBilling;
  const account = customer.create ?? (customer.existing ? { ...customer.existing, ...(customer.update ?? {}) } : null);
  const accBilling = account?.billingAddress ?? null;
  switch (settings.mappings.documentAddress[type]) {
    case 'shopShipping': return { billing: shopBilling, delivery: shopShipping };
    case 'shopBilling': return { billing: shopBilling, delivery: shopBilling };
    case 'customerDelivery': return { billing: accBilling ?? shopBilling, delivery: account?.deliveryAddress ?? accBilling ?? shopShipping };
    case 'customerBilling': return { billing: accBilling ?? shopBilling, delivery: accBilling ?? shopBilling };
  }
}

/** CMD-01..12: maps one order (see the module comment); { skip } when its status is not imported. */
export function mapOrder(order: ShopOrder, settings: OrderMappingSettings, refs: OrderMappingRefs, options: MapOrderOptions = {}): OrderMappingResult {
  const o = settings.orders;
  const type = documentTypeFor(order, o, options.statusForms);
  if (type === null) {
    return {
      skip: o.statusMapping.length === 0
        ? msg('orders.noStatusSelected')
        : msg('mapping.statusNotImported', { status: order.status }),
    };
  }
  return forOrder(order.id, () => build(order, type, settings, refs, options));
}

function build(order: ShopOrder, type: DocumentType, settings: OrderMappingSettings, refs: OrderMappingRefs, options: MapOrderOptions): MappedOrder {
  const o = settings.orders;
  const tz = settings.general.timezone;
  const vat = new VatResolver(o, refs.vatCodes);
  const currencyCode = currencyFor(order, o, refs);
  const depotCode = depotFor(o, refs.depots);
  const accountingCategoryCode = accountingCategoryFor(order, o, refs.accountingCategories, refs.shippingZone);
  const payment = paymentMappingFor(order.paymentMethod, order.paymentMethodTitle, order.currency, o, refs.paymentModes, refs.bankJournals);
  const customer = decideCustomer(order, o, {
    customerByEmail: refs.customerByEmail,
    customers: refs.customers,
    paymentAccounts: payment,
    accountingCategoryCode,
    paymentModeCode: o.omitPaymentMode ? null : payment.modeCode,
    forced: options.forcedCustomer ?? null,
    lang: settings.general.language,
  });
  const priceMode = options.priceMode ?? priceModeFor(order, o.lines.priceMode);
  const mapped = mapLines(order, o, { articles: refs.articles, vat, priceMode });
  const rateOf = (code: string | null) => vat.rateOf(code);
  const shop = shopTotals(order, mapped.shopByCode);
  let gescom = predictTotals(mapped.lines, mapped.footer, priceMode, rateOf);
  const difference = compareTotals(shop, gescom);
  const warnings = [...customer.warnings, ...mapped.warnings];
  const lines = [...mapped.lines];
  let gap: DocumentLineInput | null = null;
  const message = differenceMessage(shop, gescom, difference);
  if (message) warnings.push(message);
  if (!dec(difference.ttc).isZero()) {
    if (o.payments.createGaps && !options.skipGap) {
      gap = gapLine(dec(difference.ttc), o, refs.articles, vat, priceMode);
      lines.push(gap);
      gescom = predictTotals(lines, mapped.footer, priceMode, rateOf);
      warnings.push(msg('mapping.gapLine', { amount: gap.unitPrice, code: String(gap.articleCode) }));
    }
  }
  warnings.push(...vat.warnings);

  const reference = renderTemplate(o.referenceTemplate, order, tz);
  const notes = orderNotes(order, o);
  const { billing, delivery } = documentAddresses(order, type, o, customer);
  const document: SalesDocumentInput = {
    type,
    date: documentDate(order, o, refs.now),
    customerCode: customer.code,
    billingAddress: billing,
    deliveryAddress: delivery,
    reference,
    remark: remarkFor(order, settings),
    customerReference: renderTemplate(o.customerReferenceTemplate, order, tz),
    depotCode,
    accountingCategoryCode,
    currencyCode,
    shopOrderId: order.id,
    priceMode,
    notes,
    lines,
    footer: mapped.footer,
    payments: [],
  };
  if (o.useShopNumber && order.number.trim() !== '') document.number = order.number.trim();
  if (o.documentDate === 'invoiceDate' && order.invoicedAt === null) {
    warnings.push(msg('mapping.noInvoiceDate'));
  }
  const paid = buildPayments(order, {
    settings, modes: refs.paymentModes, journals: refs.bankJournals, now: refs.now, currencyCode, reference, notes,
    gescomTtc: dec(gescom.totalTtc),
  });
  document.payments = paid.payments;
  warnings.push(...paid.warnings);
  const totalOk = dec(shop.inclTax).eq(gescom.totalTtc);
  const wantsValidation = o.validation.validate || (o.payments.validateDocument && paid.payments.length > 0);
  const validate = wantsValidation && (totalOk || o.validation.evenIfTotalDiffers);
  if (wantsValidation && !validate) {
    warnings.push(msg('mapping.notValidated'));
  }
  return {
    skip: null,
    document,
    customer,
    paymentModeCode: o.omitPaymentMode ? null : payment.modeCode,
    gescomTotals: gescom,
    shopTotals: shop,
    difference,
    gapLine: gap,
    validate,
    warnings,
  };
}
