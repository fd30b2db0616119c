/**
 * Parcel tracking links of the way back (CMD-13), shared by every shop: the profile maps carrier
 * names to a URL template holding {number} (orderStatus.trackingUrls, with
 * orderStatus.defaultTrackingUrl for an empty or unmapped carrier), and orders.status sends the
 * expanded URL with the document's tracking number. Shops that build a link only for the carriers
 * they know (Shopify) then give every carrier's customers a number they can click.
 */
import { tr } from '../../i18n/catalogue.js';
import type { Lang } from '../../i18n/message-table.js';
import { isHttpUrl } from '../../profile/option-helpers.js';

/** Where a template takes the tracking number. */
export const TRACKING_NUMBER_FIELD = '{number}';

/** The profile's templates (orderStatus.trackingUrls and orderStatus.defaultTrackingUrl). */
export interface TrackingUrlTemplates {
  trackingUrls: readonly { carrier: string; url: string }[];
  /** '' = no link for an empty or unmapped carrier. */
  defaultTrackingUrl: string;
}

/** A template the profile accepts: an http(s) URL once the number is in, with {number} somewhere. */
export function isTrackingUrlTemplate(template: string): boolean {
  const t = template.trim();
  return t.includes(TRACKING_NUMBER_FIELD) && isHttpUrl(t.replaceAll(TRACKING_NUMBER_FIELD, '0'));
}

/** A carrier name as the mapping matches it: case, surrounding and repeated spaces ignored. */
export function carrierKey(carrier: string | null | undefined): string {
  return (carrier ?? '').trim().replace(/\s+/g, ' ').toLocaleLowerCase('fr');
}

/**
 * The tracking URL of a parcel: the carrier's template (matched case-insensitively), else the
 * default one; the number URL-encoded in every {number}. Undefined without a number or a template.
 */
export function trackingUrl(templates: TrackingUrlTemplates, carrier: string | null | undefined, number: string | null | undefined): string | undefined {
  const n = number?.trim() ?? '';
  if (n === '') return undefined;
  const key = carrierKey(carrier);
  const mapped = key === '' ? undefined : templates.trackingUrls.find((r) => carrierKey(r.carrier) === key);
  const template = (mapped?.url ?? templates.defaultTrackingUrl).trim();
  if (template === '') return undefined;
  return template.replaceAll(TRACKING_NUMBER_FIELD, encodeURIComponent(n));
}

/**
 * The note line that carries the parcel's tracking, in `lang` ('' without a tracking number): the
 * number, the carrier when named, the link when there is one (last, so that a shop turning URLs
 * into links takes no punctuation with it).
 */
export function trackingLine(o: { trackingNumber?: string; trackingCompany?: string; trackingUrl?: string }, lang: Lang): string {
  const tracking = o.trackingNumber?.trim() ?? '';
  if (tracking === '') return '';
  const carrier = o.trackingCompany?.trim() ?? '';
  const url = o.trackingUrl?.trim() ?? '';
  const line = carrier ? tr('orders.trackingNoteCarrier', { tracking, carrier }, lang) : tr('orders.trackingNote', { tracking }, lang);
  return url ? tr('orders.trackingNoteUrl', { line, url }, lang) : line;
}
