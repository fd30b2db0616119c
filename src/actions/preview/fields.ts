/**
 * Entities as flat fields ("price.regular" -> "12.50"), so that what a run sends can be compared
 * field by field with what an earlier run sent. Long texts are kept short with a hash (a changed
 * description shows as changed without storing every description twice).
 */
import crypto from 'node:crypto';
import type { FieldChange } from './report.js';

export type Fields = Record<string, string>;

const LONG = 160;

const hashOf = (v: string | Buffer) => crypto.createHash('sha256').update(v).digest('hex').slice(0, 10);

function shorten(s: string): string {
  return s.length <= LONG ? s : `${s.slice(0, 120)}… (${s.length}, #${hashOf(s)})`;
}

const isPrimitive = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** Nested values as dotted fields; functions (image loaders) left out, buffers as their size and hash. */
export function flatten(value: unknown, prefix = '', out: Fields = {}): Fields {
  if (value === undefined || typeof value === 'function') return out;
  if (value === null) {
    if (prefix) out[prefix] = '';
  } else if (Buffer.isBuffer(value)) {
    out[prefix] = `<${value.length} bytes #${hashOf(value)}>`;
  } else if (Array.isArray(value)) {
    if (value.every(isPrimitive)) out[prefix] = shorten(value.map((v) => String(v ?? '')).join(', '));
    else value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  } else if (typeof value === 'object') {
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out[prefix] = shorten(String(value));
  }
  return out;
}

/** A creation's fields (no old value); empty ones left out. */
export function created(next: Fields): FieldChange[] {
  return Object.entries(next).filter(([, v]) => v !== '').map(([field, v]) => ({ field, new: v }));
}

/**
 * The fields that change from `old` to `next`. Without `old` (never sent by a recorded run) every
 * field is listed, its old value unknown. `only`: the field prefixes the write carries.
 */
export function changed(old: Fields | null, next: Fields, only?: string[]): FieldChange[] {
  if (!old) return created(next);
  const within = (f: string) => !only || only.some((p) => f === p || f.startsWith(`${p}.`) || f.startsWith(`${p}[`));
  const out: FieldChange[] = [];
  for (const field of new Set([...Object.keys(old), ...Object.keys(next)])) {
    if (!within(field)) continue;
    const o = old[field] ?? null;
    const n = next[field] ?? null;
    if ((o ?? '') !== (n ?? '')) out.push({ field, old: o, new: n });
  }
  return out;
}
