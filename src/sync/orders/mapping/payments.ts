/**
 * CMD-09 / CMD-11: the order's payment method -> GesCom payment mode and bank journal, the
 * payments to create (label template, amount, date), and the payment difference (écart): a line
 * with the gap article bringing the GesCom total to the shop's.
 */
import type { BankJournal, DocumentLineInput, IsoDate, PaymentInput, PaymentMode } from '../../../gescom/model.js';
import { dec, Decimal, fixed } from '../../../util/decimal.js';
import type { ShopOrder, ShopPayment } from '../shop-order.js';
import { MappingError } from './errors.js';
import { specialArticle } from './lines.js';
import type { ArticleRef, OrderMappingSettings, OrderSettings } from './refs.js';
import type { DocumentPriceMode } from './price-mode.js';
import type { VatResolver } from './taxes.js';
import { applyTemplate, mergeValues } from './templates.js';
import { msg, type Text } from '../../../i18n/catalogue.js';

export interface PaymentMethodMapping {
  /** The shop method it was resolved for. */
  method: string;
  /** Whether a row of orders.mappings.payments matched (else the defaults apply). */
  mapped: boolean;
  /** GesCom payment mode, null when neither mapped nor defaulted. */
  modeCode: string | null;
  journalCode: string | null;
  createPayment: boolean;
  /** Account overrides ('' = none). */
  customerAccount: string;
  accountingAccount: string;
}

/** CMD-09: the payment mapping of a shop method (+ currency): a matching row (same currency first), else the defaults. */
export function paymentMappingFor(method: string, title: string, currency: string, settings: OrderSettings,
  modes: readonly PaymentMode[], journals: readonly BankJournal[]): PaymentMethodMapping {
  const m = settings.mappings;
  const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase() && a.trim() !== '';
  const rows = m.payments.filter((p) => same(p.method, method) || same(p.method, title));
  const row = rows.find((p) => same(p.currency, currency)) ?? rows.find((p) => p.currency.trim() === '');
  const modeCode = (row?.paymentMode || m.defaultPaymentMode) || null;
  const modeField = row?.paymentMode ? 'orders.mappings.payments' : 'orders.mappings.defaultPaymentMode';
  const mode = modeCode ? modes.find((x) => x.code === modeCode) : undefined;
  if (modeCode && !mode) {
    throw new MappingError(modeField, msg('mapping.unknownPaymentMode', { code: modeCode, method }));
  }
  const journalCode = (row?.bankJournal || m.defaultBankJournal || mode?.journalCode) || null;
  if (journalCode && !journals.some((j) => j.code === journalCode)) {
    const field = row?.bankJournal ? 'orders.mappings.payments' : 'orders.mappings.defaultBankJournal';
    throw new MappingError(field, msg('mapping.unknownBankJournal', { code: journalCode, method }));
  }
  return {
    method,
    mapped: row !== undefined,
    modeCode,
    journalCode,
    createPayment: row ? row.createPayment : m.defaultCreatePayment,
    customerAccount: row?.customerAccount ?? '',
    accountingAccount: row?.accountingAccount ?? '',
  };
}

/** The payment mode of a mapping, or a MappingError naming orders.mappings.payments. */
export function requirePaymentMode(p: PaymentMethodMapping): string {
  if (p.modeCode) return p.modeCode;
  throw new MappingError('orders.mappings.payments',
    p.method ? msg('mapping.paymentNotMapped', { method: p.method }) : msg('mapping.emptyPaymentNotMapped'));
}

/** CMD-11: the payment date: order date, invoice date, the payment's own date, or today. */
export function paymentDate(order: ShopOrder, settings: OrderSettings, now: IsoDate, payment?: ShopPayment): IsoDate {
  switch (settings.payments.date) {
    case 'orderDate': return order.createdAt;
    case 'invoiceDate': return order.invoicedAt ?? order.createdAt;
    case 'paymentDate': return payment?.date ?? order.paidAt ?? order.createdAt;
    case 'today': return now;
  }
}

export interface PaymentContext {
  settings: OrderMappingSettings;
  modes: readonly PaymentMode[];
  journals: readonly BankJournal[];
  now: IsoDate;
  currencyCode: string | null;
  /** The document's reference and notes (copied when orders.payments.copyReference / copyNotes). */
  reference: string;
  notes: string;
  /** The GesCom's predicted total including tax (orders.payments.total = 'gescom'). */
  gescomTtc: Decimal;
}

/**
 * CMD-11: the payments to create with the document: none unless orders.payments.create and the
 * method's "create" flag; one for the order's total (shop's or GesCom's), or one per payment of
 * the order (fromIndividualPayments, unless excludeShopPayments). An unpaid order gets none.
 */
export function buildPayments(order: ShopOrder, ctx: PaymentContext): { payments: PaymentInput[]; warnings: Text[] } {
  const o = ctx.settings.orders;
  const warnings: Text[] = [];
  if (!o.payments.create) return { payments: [], warnings };
  const values = mergeValues(order, ctx.settings.general.timezone);
  const make = (p: ShopPayment | null, amount: Decimal): PaymentInput | null => {
    const method = p?.method || order.paymentMethod;
    const title = p?.title || order.paymentMethodTitle;
    const mapping = paymentMappingFor(method, title, order.currency, o, ctx.modes, ctx.journals);
    if (!mapping.createPayment) {
      warnings.push(method ? msg('mapping.paymentNotCreated', { method }) : msg('mapping.emptyPaymentNotCreated'));
      return null;
    }
    return {
      modeCode: requirePaymentMode(mapping),
      journalCode: mapping.journalCode,
      amount: fixed(amount),
      date: paymentDate(order, o, ctx.now, p ?? undefined),
      label: applyTemplate(o.payments.labelTemplate, { ...values, '%PM': title || method }),
      reference: o.payments.copyReference ? ctx.reference : (p?.transactionId || null),
      notes: o.payments.copyNotes && ctx.notes !== '' ? ctx.notes : null,
      currencyCode: ctx.currencyCode,
    };
  };
  const individual = o.payments.fromIndividualPayments && !o.payments.excludeShopPayments && order.payments.length > 0;
  if (individual) {
    const list = order.payments.map((p) => make(p, dec(p.amount))).filter((p): p is PaymentInput => p !== null);
    return { payments: list, warnings };
  }
  const paid = order.paidAt !== null || (!o.payments.excludeShopPayments && order.payments.length > 0);
  if (!paid) {
    warnings.push(msg('mapping.notPaid'));
    return { payments: [], warnings };
  }
  const amount = o.payments.total === 'shop' ? dec(order.totals.inclTax) : ctx.gescomTtc;
  const one = make(order.payments.length === 1 && !o.payments.excludeShopPayments ? order.payments[0]! : null, amount);
  return { payments: one ? [one] : [], warnings };
}

/**
 * CMD-11: the payment-difference line (écart): the gap article for `difference` (shop TTC minus
 * GesCom TTC), under the article's VAT code (a 0 % code keeps it exact in both price modes).
 */
export function gapLine(difference: Decimal, settings: OrderSettings, articles: ReadonlyMap<string, ArticleRef>, vat: VatResolver,
  priceMode: DocumentPriceMode): DocumentLineInput {
  const article = specialArticle(settings, 'gap', articles);
  const vatCode = article.vatCode && vat.has(article.vatCode) ? article.vatCode : null;
  const rate = dec(vat.rateOf(vatCode));
  const unit = priceMode === 'TTC' ? difference : difference.div(new Decimal(100).plus(rate).div(100));
  return {
    articleCode: article.code,
    designation: article.name || 'Écart de règlement',
    quantity: '1',
    unitPrice: fixed(unit),
    discountPercent: '0',
    vatCode,
  };
}
