/**
 * Data-folder access and space errors (Node and SQLite codes) become one ConfigError
 * naming the folder; everything else passes through unchanged. The real conditions
 * (an unprivileged user, a full tmpfs) are exercised end to end in
 * test/cli/data-folder-cli.test.ts; this is the mapping itself, ENOSPC included.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { asDataFolderError, guardDataFolder } from '../../src/config/data-folder-error.js';
import { ConfigError, GesComError } from '../../src/errors.js';
import { errorMessage } from '../../src/errors.js';

let root: string;

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-datafolder-'));
  fs.mkdirSync(path.join(root, 'profiles'));
});

afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

const fsError = (code: string, p?: string) => Object.assign(new Error(`${code}: raw`), { code, ...(p ? { path: p } : {}) });

describe('asDataFolderError', () => {
  // code, path inside the data folder (relative, or none for SQLite), folder named, English message start
  const cases: [string, string | null, string, string][] = [
    ['EACCES', 'profiles/shop1.json', 'profiles', 'Access denied to the data folder'],
    ['EPERM', 'profiles', 'profiles', 'Access denied to the data folder'],
    ['EACCES', 'journals', '', 'Access denied to the data folder'], // not there yet: its parent
    ['EROFS', 'settings.json', '', 'The data folder'],
    ['ENOSPC', 'profiles/shop1.json.1.2.tmp', 'profiles', 'No space left on the disk of the data folder'],
    ['EDQUOT', 'state.db', '', 'No space left'],
    ['SQLITE_READONLY', null, '', 'The data folder'],
    ['SQLITE_READONLY_DIRECTORY', null, '', 'The data folder'],
    ['SQLITE_CANTOPEN', null, '', 'Access denied'],
    ['SQLITE_FULL', null, '', 'No space left'],
  ];
  it.each(cases)('%s on %s names the folder', (code, rel, folderRel, start) => {
    const err = asDataFolderError(fsError(code, rel === null ? undefined : path.join(root, rel)), root);
    expect(err).toBeInstanceOf(ConfigError);
    const e = err as ConfigError;
    const folder = folderRel ? path.join(root, folderRel) : root;
    expect(e.entity).toBe('data folder');
    expect(e.field).toBe('dataDir');
    const en = errorMessage(e, 'en');
    expect(en.startsWith(start)).toBe(true);
    expect(en).toContain(` ${folder} `);
    expect(en).toContain(`(${code})`);
    expect(en).toContain('--data-dir or PASSERELLE_DATA_DIR');
    expect(errorMessage(e, 'fr')).toContain(` ${folder} `);
    expect(errorMessage(e, 'fr')).not.toContain(' / '); // one language at a time
  });

  it('says read-only for EROFS and SQLITE_READONLY, in each language', () => {
    const e = asDataFolderError(fsError('SQLITE_READONLY'), root) as ConfigError;
    expect(errorMessage(e, 'fr')).toBe(
      `Le dossier de données ${root} est en lecture seule (SQLITE_READONLY) : rendez-le accessible en écriture, ou choisissez un autre dossier (--data-dir ou PASSERELLE_DATA_DIR)`,
    );
    expect(errorMessage(e, 'en')).toBe(
      `The data folder ${root} is read-only (SQLITE_READONLY): make it writable, or choose another folder (--data-dir or PASSERELLE_DATA_DIR)`,
    );
  });

  it('leaves alone a file outside the data folder (a backup the user named), other codes and our own errors', () => {
    const outside = fsError('EACCES', path.join(os.tmpdir(), 'elsewhere', 'backup.json'));
    expect(asDataFolderError(outside, root)).toBe(outside);
    const sibling = fsError('EACCES', `${root}-other/x`); // a name that merely starts like the folder
    expect(asDataFolderError(sibling, root)).toBe(sibling);
    const enoent = fsError('ENOENT', path.join(root, 'x'));
    expect(asDataFolderError(enoent, root)).toBe(enoent);
    const constraint = fsError('SQLITE_CONSTRAINT_UNIQUE');
    expect(asDataFolderError(constraint, root)).toBe(constraint);
    const own = new ConfigError('already clear', 'profile p', 'name');
    expect(asDataFolderError(own, root)).toBe(own);
    const plain = new GesComError('x');
    expect(asDataFolderError(plain, root)).toBe(plain);
    expect(asDataFolderError('text', root)).toBe('text');
  });
});

describe('guardDataFolder', () => {
  it('returns the value, and rethrows a data-folder error as the ConfigError', () => {
    expect(guardDataFolder(root, () => 42)).toBe(42);
    let thrown: unknown;
    try {
      guardDataFolder(root, () => {
        throw fsError('ENOSPC', path.join(root, 'profiles', 'p.json'));
      });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    expect(errorMessage(thrown, 'en')).toContain(`${path.join(root, 'profiles')} (ENOSPC)`);
  });
});
