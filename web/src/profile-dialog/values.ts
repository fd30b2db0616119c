/** Reading and writing option values in the page: dotted paths, the change body, typed text. Pure functions. */
import type { ApiFieldShape } from '../../../src/service/api-types-settings.ts';
// The server's own dotted-path helpers: pure, no imports, bundled as they are.
import { getPath, withPath } from '../../../src/util/dotted.ts';

export { getPath };

/** The PATCH body of a set of changes: a partial profile (lists and mappings replaced whole by the server). */
export function changeBody(changes: ReadonlyMap<string, unknown>): Record<string, unknown> {
  let body: Record<string, unknown> = {};
  for (const [key, value] of changes) body = withPath(body, key, value);
  return body;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

const NUMBER = /^[-+]?\d+(?:[.,]\d+)?$/;

/**
 * Text typed in a number field: a number when it reads as one (decimal comma accepted), else the text
 * itself, so that the schema's own message says what is expected.
 */
export function numberFromText(text: string): unknown {
  const t = text.trim();
  return NUMBER.test(t) ? Number(t.replace(',', '.')) : text;
}

/** A typed item or cell value from its text, by the schema's shape of it. */
export function valueFromText(text: string, shape: ApiFieldShape | undefined): unknown {
  switch (shape?.type) {
    case 'number':
    case 'integer':
      return numberFromText(text);
    case 'list':
      return text.split(',').map((s) => s.trim()).filter((s) => s !== '');
    case 'object':
      try {
        return JSON.parse(text) as unknown;
      } catch {
        return text;
      }
    default:
      return text;
  }
}

export function textOfValue(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object')) return value.join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Which option (of `keys`) a dotted issue path falls in: itself, or the list it is an element of. */
export function optionOfPath(path: string, keys: ReadonlySet<string>): string | undefined {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const k = parts.slice(0, n).join('.');
    if (keys.has(k)) return k;
  }
  return undefined;
}
