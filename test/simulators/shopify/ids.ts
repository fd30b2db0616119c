/** Shopify global ids (gid://shopify/Type/123) and opaque cursors. */
export function gid(type: string, id: number | string): string {
  return `gid://shopify/${type}/${id}`;
}

/** The numeric id of a GID of the expected type, or undefined (wrong type, malformed). */
export function gidId(value: unknown, type?: string): number | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^gid:\/\/shopify\/([A-Za-z]+)\/(\d+)(?:\?.*)?$/.exec(value);
  if (!m || (type && m[1] !== type)) return undefined;
  return Number(m[2]);
}

export function gidType(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return /^gid:\/\/shopify\/([A-Za-z]+)\//.exec(value)?.[1];
}

/** Cursors as Shopify makes them: base64 of {"last_id":…,"last_value":…}. */
export function encodeCursor(id: number, value: string | number): string {
  return Buffer.from(JSON.stringify({ last_id: id, last_value: value })).toString('base64');
}

export function decodeCursor(cursor: string): { id: number; value: string | number } | undefined {
  try {
    const o = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8')) as { last_id?: unknown; last_value?: unknown };
    if (typeof o.last_id !== 'number' || (typeof o.last_value !== 'string' && typeof o.last_value !== 'number')) return undefined;
    return { id: o.last_id, value: o.last_value };
  } catch {
    return undefined;
  }
}
