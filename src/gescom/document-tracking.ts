/**
 * A document's parcel tracking (CMD-13): the number and carrier the merchant enters once the goods
 * leave, checked the same way whatever the GesCom, before it is stored and later sent to the shop.
 */
import { GesComError } from '../errors.js';
import { msg } from '../i18n/catalogue.js';
import type { DocumentTracking } from './model.js';

/** Longer than any carrier's number or name we know of (Colissimo 13, UPS 18, DHL 10-39 characters). */
export const TRACKING_MAX_LENGTH = 64;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

function clean(value: string | null | undefined, field: keyof DocumentTracking, entity: string): string | null {
  const v = (value ?? '').trim();
  if (v === '') return null;
  if (v.length > TRACKING_MAX_LENGTH || CONTROL.test(v)) {
    throw new GesComError(msg('gescom.err.invalidTracking', { what: msg(field === 'carrier' ? 'gescom.tracking.carrier' : 'gescom.tracking.number'), value: v, max: TRACKING_MAX_LENGTH }), entity, field);
  }
  return v;
}

/**
 * The tracking as it is stored: trimmed, blank = none. An empty number clears the tracking; a
 * carrier without a number is refused (nothing would carry it to the shop).
 */
export function normaliseTracking(input: Partial<DocumentTracking>, documentNumber: string): DocumentTracking {
  const entity = `document ${documentNumber}`;
  const trackingNumber = clean(input.trackingNumber, 'trackingNumber', entity);
  const carrier = clean(input.carrier, 'carrier', entity);
  if (trackingNumber === null && carrier !== null) {
    throw new GesComError(msg('gescom.err.carrierWithoutTracking', { number: documentNumber }), entity, 'trackingNumber');
  }
  return { trackingNumber, carrier };
}
