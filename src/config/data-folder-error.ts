/**
 * A data folder that cannot be written (permissions, read-only mount) or whose disk
 * is full surfaces from Node as EACCES / EROFS / ENOSPC and from SQLite as
 * SQLITE_READONLY / SQLITE_FULL. This is the one place that turns those into a
 * single clear ConfigError naming the folder, and the health probe's check.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, PasserelleError } from '../errors.js';
import { msg, type MessageKey } from '../i18n/catalogue.js';

type Problem = 'denied' | 'readOnly' | 'full';

/** Error codes (Node and better-sqlite3) and what they mean for the folder. */
function problemOf(code: string): Problem | null {
  if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_PERM')) return 'denied';
  if (code === 'EROFS' || code.startsWith('SQLITE_READONLY')) return 'readOnly';
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL') return 'full';
  return null;
}

const KEYS: Record<Problem, MessageKey> = { denied: 'data.denied', readOnly: 'data.readOnly', full: 'data.full' };

/** The folder to name: the one the failing path is (or is in); SQLite errors carry no path, so the data folder. */
function folderOf(errPath: string | undefined, root: string): string {
  if (!errPath) return root;
  const abs = path.resolve(errPath);
  try {
    if (fs.statSync(abs).isDirectory()) return abs;
  } catch {
    /* not there (yet): its parent is the folder at fault */
  }
  return path.dirname(abs);
}

function inside(child: string, root: string): boolean {
  const rel = path.relative(root, path.resolve(child));
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * The error as a ConfigError naming the folder when it is a data-folder access or
 * space problem; any other error (or a file outside the data folder) unchanged.
 */
export function asDataFolderError(err: unknown, root: string): unknown {
  if (err instanceof PasserelleError) return err; // already says what it is about
  const e = err as { code?: unknown; path?: unknown };
  if (typeof e?.code !== 'string') return err;
  const problem = problemOf(e.code);
  if (!problem) return err;
  const errPath = typeof e.path === 'string' ? e.path : undefined;
  // An EACCES on a file the user named elsewhere (a backup, an export) is not the data folder's.
  if (errPath && !inside(errPath, root)) return err;
  const folder = folderOf(errPath, root);
  return new ConfigError(msg(KEYS[problem], { folder, code: e.code }), 'data folder', 'dataDir');
}

/** Runs `fn`, turning data-folder access or space errors into the ConfigError above. */
export function guardDataFolder<T>(root: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw asDataFolderError(err, root);
  }
}

/**
 * Writes and removes a small file in each folder Passerelle writes to, and checks
 * the files it reads (`readable`) or also writes (`writable`): null when all is
 * well, else the ConfigError a command would meet.
 */
export function probeDataFolder(folders: string[], root: string, files: { readable?: string[]; writable?: string[] } = {}): ConfigError | null {
  try {
    for (const dir of folders) {
      if (!fs.existsSync(dir)) continue;
      const probe = path.join(dir, `.probe-${process.pid}-${Date.now()}`);
      try {
        // A few kilobytes, not an empty file: a full disk still creates empty files.
        fs.writeFileSync(probe, 'probe\n'.repeat(1024));
      } finally {
        fs.rmSync(probe, { force: true });
      }
    }
    for (const file of files.readable ?? []) if (fs.existsSync(file)) fs.accessSync(file, fs.constants.R_OK);
    for (const file of files.writable ?? []) if (fs.existsSync(file)) fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
    return null;
  } catch (err) {
    const mapped = asDataFolderError(err, root);
    if (mapped instanceof ConfigError) return mapped;
    throw err;
  }
}
