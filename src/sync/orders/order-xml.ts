/**
 * CMD-16 "Charger un fichier XML": orders given as a file instead of read from the
 * shop (a marketplace export, a shop that cannot be reached, a support case). The
 * format is the canonical ShopOrder written as XML attributes, documented in
 * docs/order-xml.md; every order is validated and a bad one is named with its field.
 */
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { PasserelleError } from '../../errors.js';
import type { ShopOrder } from './shop-order.js';
import { CANONICAL_ORDER_STATES, canonicalState } from './order-status.js';
import { isMessageKey, msg } from '../../i18n/catalogue.js';

const money = z.string().trim().regex(/^-?\d+(\.\d+)?$/, { error: 'mapping.xml.decimal' });
const optMoney = money.optional();
const text = z.string().default('');
const iso = z.string().refine((v) => !Number.isNaN(Date.parse(v)), { error: 'mapping.xml.isoDate' })
  .transform((v) => new Date(v).toISOString());
const bool = z.enum(['true', 'false', '1', '0', 'yes', 'no']).default('false').transform((v) => ['true', '1', 'yes'].includes(v));

const address = z.object({
  firstName: text, lastName: text, company: text, line1: text, line2: text, city: text, state: text, postcode: text,
  countryCode: z.string().length(2, { error: 'mapping.xml.country' }), email: text, phone: text,
});
const tax = z.object({
  rateId: text, label: text, rate: money, priority: z.coerce.number().int().default(1), compound: bool, amount: money,
});
const taxes = z.array(tax).default([]);

const order = z.object({
  id: z.string().min(1), number: z.string().optional(), status: z.string().min(1), state: z.enum(CANONICAL_ORDER_STATES).optional(), currency: z.string().length(3),
  createdAt: iso, paidAt: iso.optional(), invoicedAt: iso.optional(), modifiedAt: iso.optional(),
  pricesIncludeTax: bool, paymentMethod: text, paymentMethodTitle: text, storeId: z.string().optional(),
  customer: z.object({ id: z.string().optional(), email: text, firstName: text, lastName: text, company: text }),
  billing: address,
  shipping: z.array(address).default([]),
  line: z.array(z.object({
    id: text, sku: text, name: text, quantity: money, subtotalExclTax: money, totalExclTax: money, subtotalTax: money.default('0'),
    taxClass: text, ecotax: optMoney, tax: taxes,
  })).min(1, { error: 'mapping.xml.oneLine' }),
  shippingLine: z.array(z.object({ methodId: text, title: text, totalExclTax: money, tax: taxes })).default([]),
  fee: z.array(z.object({ name: text, totalExclTax: money, kind: z.enum(['giftWrap', 'other']).default('other'), tax: taxes })).default([]),
  coupon: z.array(z.object({ code: text, description: text, discountExclTax: money, discountTax: money.default('0') })).default([]),
  payment: z.array(z.object({ method: text, title: text, amount: money, date: iso.optional(), transactionId: text })).default([]),
  message: z.array(z.object({ author: z.enum(['customer', 'shop']).default('customer'), text, date: iso.optional() })).default([]),
  totals: z.object({ exclTax: money, tax: money, inclTax: money, shippingExclTax: money.default('0'), discountExclTax: money.default('0') }),
});

const ARRAYS = new Set(['order', 'shipping', 'line', 'tax', 'shippingLine', 'fee', 'coupon', 'payment', 'message']);

export function parseOrderXml(xml: string, fileName: string): ShopOrder[] {
  const parser = new XMLParser({
    ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false, parseTagValue: false, trimValues: true,
    isArray: (name, _jpath, _leaf, isAttribute) => !isAttribute && ARRAYS.has(name),
  });
  let doc: { orders?: { order?: unknown[] } | '' };
  try {
    doc = parser.parse(xml, true) as typeof doc;
  } catch (err) {
    throw new PasserelleError(msg('mapping.xmlUnreadable', { reason: (err as Error).message }), `file ${fileName}`);
  }
  if (!('orders' in doc)) throw new PasserelleError(msg('mapping.xmlRoot'), `file ${fileName}`, 'orders');
  const list = doc.orders === '' || doc.orders === undefined ? [] : doc.orders.order ?? [];
  return list.map((raw, i) => {
    const r = order.safeParse(raw);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      const id = (raw as { id?: string }).id ?? `#${i + 1}`;
      throw new PasserelleError(msg('mapping.xmlOrder', { id, path: issue.path.join('.'), message: isMessageKey(issue.message) ? msg(issue.message) : issue.message }), `file ${fileName}, order ${id}`, issue.path.join('.'));
    }
    const o = r.data;
    const modified = o.modifiedAt ?? o.createdAt;
    return {
      id: o.id, number: o.number ?? o.id, status: o.status, state: o.state ?? canonicalState(o.status) ?? 'processing', createdAt: o.createdAt, paidAt: o.paidAt ?? null, invoicedAt: o.invoicedAt ?? null,
      modifiedAt: modified, currency: o.currency, pricesIncludeTax: o.pricesIncludeTax,
      customer: { id: o.customer.id ?? null, email: o.customer.email, firstName: o.customer.firstName, lastName: o.customer.lastName, company: o.customer.company },
      billing: o.billing, shipping: o.shipping,
      lines: o.line.map(({ tax: lineTaxes, ...l }) => ({ ...l, ecotax: l.ecotax ?? null, taxes: lineTaxes })),
      shippingLines: o.shippingLine.map((s) => ({ methodId: s.methodId, title: s.title, totalExclTax: s.totalExclTax, taxes: s.tax })),
      fees: o.fee.map((f) => ({ name: f.name, totalExclTax: f.totalExclTax, kind: f.kind, taxes: f.tax })),
      coupons: o.coupon,
      payments: o.payment.map((p) => ({ ...p, date: p.date ?? null })),
      paymentMethod: o.paymentMethod, paymentMethodTitle: o.paymentMethodTitle,
      messages: o.message.map((m) => ({ author: m.author, text: m.text, date: m.date ?? null })),
      totals: o.totals, storeId: o.storeId ?? null,
    } satisfies ShopOrder;
  });
}
