/**
 * Profile format 2 (issue 7): a stored profile of format 1 holding the old defaults
 * (orders.lines.priceMode HT, orders.remarkTemplate "Order %OI of %OD") gets the new ones
 * ('auto', '' = the remark in the profile's language) when read; a format-2 profile keeps
 * what it holds, HT chosen by hand included.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ensureDataDir, resolveDataDir, type DataDir } from '../../src/config/data-dir.js';
import { loadOrCreateKey } from '../../src/config/secrets.js';
import { migrateProfile } from '../../src/profile/migrations.js';
import { validateProfile } from '../../src/profile/options.js';
import { ProfileStore } from '../../src/profile/profile-store.js';
import { PROFILE_FORMAT_VERSION } from '../../src/profile/schema.js';

type Orders = { lines?: { priceMode?: string }; remarkTemplate?: string };
const doc = (formatVersion: number | undefined, orders: Orders) => ({
  name: 'p', gescom: { kind: 'embedded', db: '/tmp/x.db' }, ...(formatVersion === undefined ? {} : { formatVersion }), orders,
});

describe('migrateProfile', () => {
  test.each([
    ['format 1, HT (the old default)', undefined, { lines: { priceMode: 'HT' } }, { lines: { priceMode: 'auto' } }],
    ['format 1, TTC (chosen by hand)', undefined, { lines: { priceMode: 'TTC' } }, { lines: { priceMode: 'TTC' } }],
    ['format 1 written as 1, HT', 1, { lines: { priceMode: 'HT' } }, { lines: { priceMode: 'auto' } }],
    ['format 1, the old English remark', undefined, { remarkTemplate: 'Order %OI of %OD' }, { remarkTemplate: '' }],
    ['format 1, a remark of its own', undefined, { remarkTemplate: 'Web %OI' }, { remarkTemplate: 'Web %OI' }],
    ['format 1, no orders section', undefined, undefined, undefined],
    ['format 2, HT chosen by hand', 2, { lines: { priceMode: 'HT' } }, { lines: { priceMode: 'HT' } }],
    ['format 2, English remark chosen by hand', 2, { remarkTemplate: 'Order %OI of %OD' }, { remarkTemplate: 'Order %OI of %OD' }],
  ] as const)('%s', (_what, version, orders, expected) => {
    const out = migrateProfile(doc(version, orders as Orders)) as { formatVersion: number; orders?: Orders };
    expect(out.formatVersion).toBe(PROFILE_FORMAT_VERSION);
    expect(out.orders).toEqual(expected);
  });

  test('a version from the future is left for validation to name', () => {
    expect(migrateProfile(doc(9, {}))).toEqual(doc(9, {}));
    expect(() => validateProfile(doc(9, {}))).toThrow(/^formatVersion : /); // French: the application's default language
  });

  test('only the current format validates: an older one cannot be set by hand', () => {
    expect(() => validateProfile(doc(1, {}))).toThrow(/^formatVersion : /);
    expect(validateProfile(doc(undefined, {})).formatVersion).toBe(PROFILE_FORMAT_VERSION);
  });
});

describe('ProfileStore reads stored profiles of format 1', () => {
  let tmp: string;
  let dir: DataDir;
  let store: ProfileStore;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-migrate-'));
    dir = resolveDataDir(tmp);
    ensureDataDir(dir);
    store = new ProfileStore(dir, loadOrCreateKey(dir.keyFile));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** A profile file as format 1 wrote it: every default filled in, no formatVersion. */
  function writeFormat1(name: string, change: (p: Record<string, unknown>) => void = () => {}): void {
    const saved = store.create({ name, gescom: { kind: 'embedded', db: '/tmp/x.db' } }) as unknown as Record<string, unknown>;
    const old = structuredClone(saved) as Record<string, unknown> & { orders: { lines: { priceMode: string }; remarkTemplate: string } };
    delete old.formatVersion;
    old.orders.lines.priceMode = 'HT';
    old.orders.remarkTemplate = 'Order %OI of %OD';
    change(old);
    fs.writeFileSync(path.join(dir.profilesDir, `${name}.json`), JSON.stringify(old, null, 2));
  }

  test('HT and the English remark written as defaults become auto and the remark in the profile\'s language; saving writes format 2', () => {
    writeFormat1('old');
    const p = store.load('old');
    expect(p.formatVersion).toBe(PROFILE_FORMAT_VERSION);
    expect(p.orders.lines.priceMode).toBe('auto');
    expect(p.orders.remarkTemplate).toBe('');
    store.save(p);
    const file = JSON.parse(fs.readFileSync(path.join(dir.profilesDir, 'old.json'), 'utf8')) as { formatVersion: number; orders: Orders };
    expect(file.formatVersion).toBe(PROFILE_FORMAT_VERSION);
    expect(file.orders.lines?.priceMode).toBe('auto');
  });

  test('HT set by hand after the migration stays HT', () => {
    writeFormat1('kept');
    const p = store.load('kept');
    store.save({ ...p, orders: { ...p.orders, lines: { ...p.orders.lines, priceMode: 'HT' } } });
    expect(store.load('kept').orders.lines.priceMode).toBe('HT');
  });

  test('a backup of format 1 is migrated on import too', () => {
    writeFormat1('exported');
    const raw = JSON.parse(fs.readFileSync(path.join(dir.profilesDir, 'exported.json'), 'utf8')) as Record<string, unknown>;
    const bundle = { format: 'passerelle-profiles', version: 1, exportedAt: '2026-11-01T00:00:00.000Z', salt: null, secretsIncluded: false,
      profiles: [{ ...raw, name: 'imported' }] };
    const [p] = store.importBundle(bundle).profiles;
    expect(p!.orders.lines.priceMode).toBe('auto');
    expect(store.load('imported').formatVersion).toBe(PROFILE_FORMAT_VERSION);
  });
});
