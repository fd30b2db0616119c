/** What the first-run path gathers before it makes the profile, and the profile's `shop` section built from it. */
import type { ApiOption } from '../../../../src/service/api-types.ts';

export interface Draft {
  name: string;
  source: 'sample' | 'file';
  db: string;
  kind: string;
  url: string;
  /** The shop kind's own options by dotted key (`shop.woocommerce.key`), as typed. */
  keys: Record<string, string | boolean>;
}

export const EMPTY_DRAFT: Draft = { name: '', source: 'sample', db: '', kind: 'woocommerce', url: '', keys: {} };

/** The options of `kind` (`shop.<kind>.*`), in the schema's order. */
export function kindOptions(options: readonly ApiOption[], kind: string): ApiOption[] {
  return options.filter((o) => o.key.startsWith(`shop.${kind}.`));
}

function setIn(target: Record<string, unknown>, path: string[], value: unknown): void {
  let node = target;
  for (const part of path.slice(0, -1)) node = (node[part] ??= {}) as Record<string, unknown>;
  node[path[path.length - 1]!] = value;
}

/**
 * The `shop` section: kind, url and the kind's options that were filled. Options left empty are
 * not sent (they keep their default, a stored secret stays); numbers and lists are converted, and
 * a value that does not convert is sent as typed for the server to name the field.
 */
export function shopSection(draft: Draft, options: readonly ApiOption[]): Record<string, unknown> {
  const shop: Record<string, unknown> = { kind: draft.kind, url: draft.url.trim() };
  for (const o of kindOptions(options, draft.kind)) {
    const raw = draft.keys[o.key];
    if (raw === undefined || raw === '' || raw === o.default) continue;
    let value: unknown = typeof raw === 'string' ? raw.trim() : raw;
    if (o.type === 'number' && typeof raw === 'string' && raw.trim() !== '' && Number.isFinite(Number(raw))) value = Number(raw);
    if (o.type === 'list' && typeof raw === 'string') value = raw.split(',').map((s) => s.trim()).filter(Boolean);
    setIn(shop, o.key.split('.').slice(1), value);
  }
  return shop;
}
