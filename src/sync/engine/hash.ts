/**
 * Delta detection: a stable hash of what would be sent. Keys are sorted and
 * functions (image loaders) left out, so the same GesCom data always hashes the
 * same and a run with nothing changed writes nothing.
 */
import crypto from 'node:crypto';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[key];
      if (typeof v !== 'function' && v !== undefined) out[key] = canonical(v);
    }
    return out;
  }
  return value;
}

export function stableHash(value: unknown): string {
  return crypto.createHash('sha256').update(JSON.stringify(canonical(value))).digest('hex');
}
