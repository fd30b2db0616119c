/**
 * The small constructors every option schema is built with (the profile's sections in
 * src/profile/schema.ts, and each shop adapter's own options in src/shops/<kind>/options.ts): each
 * returns a zod schema with its default and its French and English description as metadata, which
 * src/profile/options.ts walks to list, read, set and validate options.
 */
import { z } from 'zod';
import { msg, type Text } from '../i18n/catalogue.js';

/** Metadata attached to every option and section. French first: the product speaks French. */
export interface OptionMeta {
  fr: string;
  en: string;
  /** Encrypted at rest and masked for display. */
  secret?: boolean;
  /** Feature IDs of docs/features.md; options inherit them from their section. */
  featureIds?: string[];
  /** 'date': an ISO date string, or null for "never". */
  format?: 'date';
  /** Accepted values in words, when the type alone does not say it ("an IANA time zone"): a catalogue text. */
  expected?: Text;
}

export type Extra = Pick<OptionMeta, 'secret' | 'featureIds' | 'format' | 'expected'>;

// ---------------------------------------------------------------------------------------------
// Small constructors: each returns a schema with its default and metadata.

export function describe<T extends z.ZodType>(schema: T, fr: string, en: string, extra: Extra = {}): T {
  const meta: OptionMeta = { fr, en, ...extra };
  return schema.meta({ ...meta });
}

export function section<const S extends z.core.$ZodShape>(shape: S, fr: string, en: string, featureIds?: string[]) {
  // prefault: the empty object is parsed, so every nested default is filled in.
  return describe(z.strictObject(shape).prefault({} as never), fr, en, featureIds ? { featureIds } : {});
}

export function bool(def: boolean, fr: string, en: string, extra?: Extra) {
  return describe(z.boolean().default(def), fr, en, extra);
}

export function text(def: string, fr: string, en: string, extra?: Extra, maxLength = 255) {
  return describe(z.string().max(maxLength).default(def), fr, en, extra);
}

export function int(def: number, min: number, max: number, fr: string, en: string, extra?: Extra) {
  return describe(z.number().int().min(min).max(max).default(def), fr, en, extra);
}

export function oneOf<const V extends readonly [string, ...string[]]>(values: V, def: V[number], fr: string, en: string, extra?: Extra) {
  return describe(z.enum(values).default(def as never), fr, en, extra);
}

export function secret(fr: string, en: string, extra?: Extra) {
  // Long enough for tokens and keys; the store encrypts after validation, so ciphertext never meets this limit.
  return describe(z.string().max(4096).default(''), fr, en, { ...extra, secret: true });
}

export function list(def: string[], fr: string, en: string, opts: { item?: z.ZodString; maxItems?: number; extra?: Extra } = {}) {
  const item = opts.item ?? z.string().min(1).max(255);
  return describe(z.array(item).max(opts.maxItems ?? 200).default(def), fr, en, opts.extra);
}

export function objectList<const S extends z.core.$ZodShape>(shape: S, fr: string, en: string, maxItems = 1000, extra?: Extra) {
  return describe(z.array(z.strictObject(shape)).max(maxItems).default([]), fr, en, extra);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

export function isIsoDate(v: string): boolean {
  const m = ISO_DATE.exec(v);
  if (!m) return false;
  // Reject 2026-02-30: the calendar date must survive a round trip.
  const day = `${m[1]}-${m[2]}-${m[3]}`;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day && !Number.isNaN(Date.parse(v));
}

export const isoDateString = z.string().refine(isIsoDate, {
  // Error messages are catalogue keys (src/i18n/messages/options.ts): options.ts renders them in the reader's language.
  error: 'options.err.isoDate',
});

export function date(fr: string, en: string, extra?: Extra) {
  return describe(isoDateString.nullable().default(null), fr, en, { ...extra, format: 'date' });
}

export function isHttpUrl(v: string): boolean {
  try {
    const u = new URL(v);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

export function url(fr: string, en: string, extra?: Extra) {
  const schema = z.string().max(2048)
    .refine((v) => v === '' || isHttpUrl(v), { error: 'options.err.url' });
  return describe(schema.default(''), fr, en, { expected: msg('options.exp.urlOrEmpty'), ...extra });
}

const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;
export const emailString = z.string().max(254).regex(EMAIL, { error: 'options.err.email' });

export function email(fr: string, en: string, extra?: Extra) {
  const schema = z.string().max(254)
    .refine((v) => v === '' || EMAIL.test(v), { error: 'options.err.email' });
  return describe(schema.default(''), fr, en, { expected: msg('options.exp.emailOrEmpty'), ...extra });
}

export function isTimeZone(v: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: v });
    return true;
  } catch {
    return false;
  }
}
