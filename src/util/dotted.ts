/** Reads and writes a value at a dotted path ("http.timeoutSeconds") in a plain object. */
export function getPath(obj: unknown, key: string): unknown {
  let cur: unknown = obj;
  for (const part of key.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** Returns a copy of `obj` with `key` set; intermediate objects are copied, not shared. */
export function withPath<T>(obj: T, key: string, value: unknown): T {
  const parts = key.split('.');
  const root = { ...(obj as Record<string, unknown>) };
  let cur = root;
  for (const part of parts.slice(0, -1)) {
    const next = cur[part];
    cur[part] = next !== null && typeof next === 'object' && !Array.isArray(next) ? { ...(next as Record<string, unknown>) } : {};
    cur = cur[part] as Record<string, unknown>;
  }
  cur[parts[parts.length - 1]!] = value;
  return root as T;
}
