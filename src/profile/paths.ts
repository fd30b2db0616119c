/**
 * Options that hold a file or folder path. A relative path means nothing once
 * stored (the next command may start from another folder), so it is made absolute
 * where the caller's folder is known (the CLI) and refused where it is not (the API).
 */
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { msg } from '../i18n/catalogue.js';
import { getPath, withPath } from '../util/dotted.js';

export const PATH_OPTIONS = ['gescom.db', 'http.caFile', 'articles.images.folder', 'articles.documents.folder'] as const;

/** Values that are not paths: unset, or SQLite's in-memory database. */
function isPath(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value !== ':memory:';
}

export function isPathOption(key: string): boolean {
  return (PATH_OPTIONS as readonly string[]).includes(key);
}

/** A path option's raw value made absolute against `base` (the CLI's working folder). */
export function absoluteOptionValue(key: string, value: string, base: string = process.cwd()): string {
  return isPathOption(key) && isPath(value) ? path.resolve(base, value) : value;
}

/** Every path option of a (partial) profile document made absolute against `base`. */
export function withAbsolutePaths<T>(doc: T, base: string = process.cwd()): T {
  let out = doc;
  for (const key of PATH_OPTIONS) {
    const v = getPath(out, key);
    if (isPath(v) && !path.isAbsolute(v)) out = withPath(out, key, path.resolve(base, v)) as T;
  }
  return out;
}

/**
 * Refuses a relative path option (API: there is no caller's folder to resolve it
 * against). With `before`, only the paths that differ from it are checked, so that
 * an older profile's relative path does not block an unrelated change.
 */
export function requireAbsolutePaths(doc: unknown, entity: string, before?: unknown): void {
  for (const key of PATH_OPTIONS) {
    const v = getPath(doc, key);
    if (before !== undefined && v === getPath(before, key)) continue;
    if (isPath(v) && !path.isAbsolute(v)) throw new ConfigError(msg('profile.relativePath', { option: key, value: v }), entity, key);
  }
}
