/**
 * CMD-06 / CMD-11: merge fields of the document and payment templates
 * ('Web %OI - %CF %CL' -> 'Web 187 - John DOE', 'Order %OI of %OD' -> 'Order 187 of 22/01/2019').
 * A field the template does not know is left as written.
 */
import type { IsoDate } from '../../../gescom/model.js';
import { MERGE_FIELDS } from '../../../profile/schema.js';
import type { ShopOrder } from '../shop-order.js';

export type MergeField = keyof typeof MERGE_FIELDS;
export type MergeValues = Record<MergeField, string>;

function parts(iso: IsoDate, timeZone: string): Record<'year' | 'month' | 'day', string> {
  const fmt = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const out = { year: '', month: '', day: '' };
  for (const p of fmt.formatToParts(new Date(iso))) {
    if (p.type === 'year' || p.type === 'month' || p.type === 'day') out[p.type] = p.value;
  }
  return out;
}

/** The calendar date of an instant in a time zone, as the manual writes it: dd/mm/yyyy. */
export function formatDateFr(iso: IsoDate, timeZone: string): string {
  const p = parts(iso, timeZone);
  return `${p.day}/${p.month}/${p.year}`;
}

/** The calendar date of an instant in a time zone, as YYYY-MM-DD. */
export function localDay(iso: IsoDate, timeZone: string): string {
  const p = parts(iso, timeZone);
  return `${p.year}-${p.month}-${p.day}`;
}

/** The value of every merge field for one order (%OD in the profile's time zone). */
export function mergeValues(order: ShopOrder, timeZone: string): MergeValues {
  const c = order.customer;
  const b = order.billing;
  return {
    '%OI': order.id,
    '%OR': order.number || order.id,
    '%OD': formatDateFr(order.createdAt, timeZone),
    '%CF': c.firstName || b.firstName,
    '%CL': c.lastName || b.lastName,
    '%CC': c.company || b.company,
    '%CE': c.email || b.email,
    '%CI': c.id ?? '',
    '%PM': order.paymentMethodTitle || order.paymentMethod,
  };
}

/** Replaces each known merge field of `template` by its value; unknown fields stay as written. */
export function applyTemplate(template: string, values: Partial<Record<string, string>>): string {
  return template.replace(/%[A-Z]{2}/g, (token) => values[token] ?? token).replace(/\s+/g, ' ').trim();
}

/** Renders `template` for `order` ('Web %OI - %CF %CL' -> 'Web 187 - John DOE'). */
export function renderTemplate(template: string, order: ShopOrder, timeZone: string): string {
  return applyTemplate(template, mergeValues(order, timeZone));
}
