import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ensureDataDir, resolveDataDir, type DataDir } from '../../src/config/data-dir.js';
import { loadOrCreateKey } from '../../src/config/secrets.js';
import { ProfileStore, type ProfileBundle } from '../../src/profile/profile-store.js';
import { errorMessage } from '../../src/errors.js';
import { configError } from '../support/assertions.js';

const input = (name = 'p1') => ({
  name,
  gescom: { kind: 'embedded', db: '/tmp/x.db' },
  shop: { kind: 'woocommerce', url: 'https://shop.example', woocommerce: { key: 'ck_abc123', secret: 'cs_def456' } },
});

let tmp: string;
let savedEnv: string | undefined;

function makeStore(sub: string): { store: ProfileStore; dir: DataDir } {
  const dir = resolveDataDir(path.join(tmp, sub));
  ensureDataDir(dir);
  return { store: new ProfileStore(dir, loadOrCreateKey(dir.keyFile)), dir };
}

let store: ProfileStore;
let dir: DataDir;

beforeEach(() => {
  savedEnv = process.env.PASSERELLE_SECRET_KEY;
  delete process.env.PASSERELLE_SECRET_KEY;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-profiles-'));
  ({ store, dir } = makeStore('data'));
});

afterEach(() => {
  if (savedEnv === undefined) delete process.env.PASSERELLE_SECRET_KEY;
  else process.env.PASSERELLE_SECRET_KEY = savedEnv;
  fs.rmSync(tmp, { recursive: true, force: true });
});


/** Every file under a folder, with its content, to prove that nothing changed. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(root, p)] = fs.readFileSync(p, 'utf8');
    }
  };
  walk(root);
  return out;
}

const profileFile = (name: string, d: DataDir = dir) => path.join(d.profilesDir, `${name}.json`);

describe('create and load', () => {
  it('writes the profile with its secrets encrypted and loads them back in clear', () => {
    const created = store.create(input());
    expect(created.shop.woocommerce.key).toBe('ck_abc123');

    const raw = fs.readFileSync(profileFile('p1'), 'utf8');
    expect(raw).not.toContain('ck_abc123');
    expect(raw).not.toContain('cs_def456');
    const doc = JSON.parse(raw) as { name: string; shop: { woocommerce: { key: string; secret: string }; url: string } };
    expect(doc.name).toBe('p1');
    expect(doc.shop.url).toBe('https://shop.example');
    expect(doc.shop.woocommerce.key.startsWith('enc:v1:')).toBe(true);
    expect(doc.shop.woocommerce.secret.startsWith('enc:v1:')).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(profileFile('p1')).mode & 0o777).toBe(0o600);

    const loaded = store.load('p1');
    expect(loaded.shop).toMatchObject({ kind: 'woocommerce', url: 'https://shop.example', woocommerce: { key: 'ck_abc123', secret: 'cs_def456' } });
    expect(loaded.gescom).toMatchObject({ kind: 'embedded', db: '/tmp/x.db', password: '' });
    // Defaults were filled in.
    expect(loaded.general.timezone).toBe('Europe/Paris');
  });

  it('loadMasked shows ******** for set secrets and keeps empty ones empty', () => {
    store.create(input());
    const masked = store.loadMasked('p1');
    expect(masked.shop.woocommerce.key).toBe('********');
    expect(masked.shop.woocommerce.secret).toBe('********');
    expect(masked.gescom.password).toBe('');
    expect(JSON.stringify(masked)).not.toMatch(/ck_abc123|cs_def456/);
    expect(masked.shop.url).toBe('https://shop.example');
  });

  it('a profile saved by one store opens with a store of the same data folder (same key file)', () => {
    store.create(input());
    const again = new ProfileStore(dir, loadOrCreateKey(dir.keyFile));
    expect(again.load('p1').shop.woocommerce.secret).toBe('cs_def456');
  });

  it('a profile file opened with another key gives a ConfigError, not garbage', () => {
    store.create(input());
    const other = makeStore('other');
    const stranger = new ProfileStore(dir, loadOrCreateKey(other.dir.keyFile));
    const err = configError(() => stranger.load('p1'));
    expect(err.entity).toContain('p1');
  });

  it('the first created profile becomes the default; later ones do not', () => {
    expect(store.settings().defaultProfile).toBeNull();
    store.create(input('p1'));
    store.create(input('p2'));
    expect(store.settings().defaultProfile).toBe('p1');
    expect(store.resolveName()).toBe('p1');
    expect(store.resolveName('p2')).toBe('p2');
    expect(store.list()).toEqual(['p1', 'p2']);
  });

  it('refuses to create a profile that exists', () => {
    store.create(input());
    const err = configError(() => store.create({ ...input(), shop: { kind: 'none' } }));
    expect(err.field).toBe('name');
    expect(store.load('p1').shop.woocommerce.key).toBe('ck_abc123');
  });

  it('resolveName without a default profile says to pass --profile', () => {
    const err = configError(() => store.resolveName());
    expect(errorMessage(err, 'fr')).toBe('Aucun profil par défaut : précisez --profile');
    expect(errorMessage(err, 'en')).toBe('No default profile: pass --profile');
  });

  it('resolve says whether the profile is the default one, for the command to name it', () => {
    store.create(input('p1'));
    store.create(input('p2'));
    expect(store.resolve()).toEqual({ name: 'p1', byDefault: true });
    expect(store.resolve('p2')).toEqual({ name: 'p2', byDefault: false });
    expect(store.resolve('p1')).toEqual({ name: 'p1', byDefault: false }); // named, even if it is the default
  });

  it('save keeps an edited secret encrypted', () => {
    store.create(input());
    const p = store.load('p1');
    store.save({ ...p, shop: { ...p.shop, woocommerce: { ...p.shop.woocommerce, secret: 'cs_new789' } } });
    expect(fs.readFileSync(profileFile('p1'), 'utf8')).not.toContain('cs_new789');
    expect(store.load('p1').shop.woocommerce.secret).toBe('cs_new789');
  });
});

describe('names', () => {
  it.each(['', '.hidden', '../evil', 'a/b', 'a\\b', 'x'.repeat(65), 'semi;colon', 'new\nline'])('rejects %j with a ConfigError naming "name"', (name) => {
    const err = configError(() => store.create(input(name)));
    expect(err.field).toBe('name');
    const err2 = configError(() => ProfileStore.checkName(name));
    expect(err2.field).toBe('name');
    expect(fs.readdirSync(dir.profilesDir)).toEqual([]);
    expect(fs.readdirSync(tmp).sort()).toEqual(['data']);
  });

  it.each(['Sage 50c', 'boutique-été_2026.v2', 'x'.repeat(64)])('accepts %j', (name) => {
    store.create(input(name));
    expect(store.load(name).name).toBe(name);
  });

  it('an unknown profile error lists the known names', () => {
    store.create(input('alpha'));
    store.create(input('beta'));
    const err = configError(() => store.load('gamma'));
    expect(err.message).toContain('gamma');
    expect(err.message).toContain('alpha, beta');
    expect(err.field).toBe('name');
  });

  it('rename and duplicate refuse an invalid target name without touching the source', () => {
    store.create(input());
    expect(configError(() => store.rename('p1', '../x')).field).toBe('name');
    expect(configError(() => store.duplicate('p1', '.x')).field).toBe('name');
    expect(store.list()).toEqual(['p1']);
  });
});

describe('duplicate, rename, delete', () => {
  it('duplicates with the secrets, encrypted, leaving the default alone', () => {
    store.create(input('p1'));
    const copy = store.duplicate('p1', 'p1 copie');
    expect(copy.name).toBe('p1 copie');
    expect(store.load('p1 copie').shop).toMatchObject({ woocommerce: { key: 'ck_abc123', secret: 'cs_def456' } });
    expect(fs.readFileSync(profileFile('p1 copie'), 'utf8')).not.toContain('ck_abc123');
    expect(store.list()).toEqual(['p1', 'p1 copie']);
    expect(store.settings().defaultProfile).toBe('p1');
    expect(configError(() => store.duplicate('p1', 'p1 copie')).field).toBe('name');
  });

  it('renames; the default follows the renamed profile', () => {
    store.create(input('p1'));
    store.create(input('p2'));
    const renamed = store.rename('p1', 'main');
    expect(renamed.name).toBe('main');
    expect(store.list()).toEqual(['main', 'p2']);
    expect(fs.existsSync(profileFile('p1'))).toBe(false);
    expect(store.load('main').shop.woocommerce.secret).toBe('cs_def456');
    expect(store.settings().defaultProfile).toBe('main');

    store.rename('p2', 'second');
    expect(store.settings().defaultProfile).toBe('main');
  });

  it('refuses to rename onto an existing profile', () => {
    store.create(input('p1'));
    store.create(input('p2'));
    expect(configError(() => store.rename('p1', 'p2')).field).toBe('name');
    expect(store.list()).toEqual(['p1', 'p2']);
    expect(store.load('p1').name).toBe('p1');
  });

  it('deletes; the default moves to a remaining profile, then to none, and the result says so', () => {
    store.create(input('p1'));
    store.create(input('p2'));
    store.create(input('p3'));
    expect(store.delete('p2')).toEqual({ defaultChanged: false, defaultProfile: 'p1' });
    expect(store.list()).toEqual(['p1', 'p3']);
    expect(store.settings().defaultProfile).toBe('p1');

    expect(store.delete('p1')).toEqual({ defaultChanged: true, defaultProfile: 'p3' });
    expect(store.settings().defaultProfile).toBe('p3');
    expect(store.delete('p3')).toEqual({ defaultChanged: true, defaultProfile: null });
    expect(store.list()).toEqual([]);
    expect(store.settings().defaultProfile).toBeNull();
    expect(configError(() => store.delete('p3')).message).toContain('p3');
  });

  it('setDefault requires an existing profile', () => {
    store.create(input('p1'));
    store.create(input('p2'));
    store.setDefault('p2');
    expect(store.settings().defaultProfile).toBe('p2');
    configError(() => store.setDefault('nope'));
    expect(store.settings().defaultProfile).toBe('p2');
  });
});

describe('export and import', () => {
  it('exports without a passphrase: secrets empty, secretsIncluded false', () => {
    store.create(input('p1'));
    store.create(input('p2'));
    const bundle = store.exportBundle('all');
    expect(bundle).toMatchObject({ format: 'passerelle-profiles', version: 1, salt: null, secretsIncluded: false });
    expect(bundle.settings).toEqual({ defaultProfile: 'p1', language: 'fr' });
    expect(bundle.profiles).toHaveLength(2);
    const text = JSON.stringify(bundle);
    expect(text).not.toMatch(/ck_abc123|cs_def456|enc:v1:/);
    const shop = (bundle.profiles[0] as { shop: { woocommerce: { key: string; secret: string }; url: string } }).shop;
    expect(shop).toMatchObject({ url: 'https://shop.example', woocommerce: { key: '', secret: '' } });
  });

  it('imports a bundle without secrets: profiles land with empty secrets', () => {
    store.create(input('p1'));
    const bundle = JSON.parse(JSON.stringify(store.exportBundle(['p1']))) as ProfileBundle;
    expect(bundle.settings).toBeUndefined();
    const target = makeStore('target').store;
    const imported = target.importBundle(bundle);
    expect(imported.profiles.map((p) => p.name)).toEqual(['p1']);
    expect(imported.secretsKept).toEqual([]);
    expect(target.load('p1').shop).toMatchObject({ url: 'https://shop.example', woocommerce: { key: '', secret: '' } });
    expect(target.settings().defaultProfile).toBe('p1');
  });

  it('with a passphrase, a second data folder (another key) gets the secrets back exactly', () => {
    store.create(input('p1'));
    store.create({ ...input('p2'), gescom: { kind: 'embedded', db: '/tmp/y.db', password: 'pw:with:colons' } });
    store.setDefault('p2');
    const bundle = JSON.parse(JSON.stringify(store.exportBundle('all', 'correct horse'))) as ProfileBundle;
    expect(bundle.secretsIncluded).toBe(true);
    expect(bundle.salt).toBeTruthy();
    expect(JSON.stringify(bundle)).not.toMatch(/ck_abc123|cs_def456|pw:with:colons/);

    const { store: target, dir: targetDir } = makeStore('target');
    expect(fs.readFileSync(targetDir.keyFile, 'utf8')).not.toBe(fs.readFileSync(dir.keyFile, 'utf8'));
    const imported = target.importBundle(bundle, { passphrase: 'correct horse' });
    expect(imported.profiles.map((p) => p.name)).toEqual(['p1', 'p2']);
    expect(target.load('p1').shop).toMatchObject({ woocommerce: { key: 'ck_abc123', secret: 'cs_def456' } });
    expect(target.load('p2').gescom.password).toBe('pw:with:colons');
    expect(target.settings().defaultProfile).toBe('p2');
    // Stored encrypted under the target's own key.
    const raw = fs.readFileSync(profileFile('p1', targetDir), 'utf8');
    expect(raw).not.toMatch(/ck_abc123|cs_def456|encp:v1:/);
    expect(configError(() => new ProfileStore(targetDir, loadOrCreateKey(dir.keyFile)).load('p1')).entity).toContain('p1');
  });

  it('fails with a wrong passphrase and writes nothing', () => {
    store.create(input('p1'));
    const bundle = store.exportBundle('all', 'correct horse');
    const { store: target, dir: targetDir } = makeStore('target');
    const before = snapshot(targetDir.root);
    configError(() => target.importBundle(bundle, { passphrase: 'wrong horse' }));
    expect(snapshot(targetDir.root)).toEqual(before);
    expect(target.list()).toEqual([]);
  });

  it('asks for the passphrase when the bundle holds secrets', () => {
    store.create(input('p1'));
    const bundle = store.exportBundle('all', 'correct horse');
    const target = makeStore('target').store;
    expect(configError(() => target.importBundle(bundle)).field).toBe('passphrase');
    expect(target.list()).toEqual([]);
  });

  it('refuses an existing profile without overwrite, and writes nothing at all', () => {
    store.create(input('a'));
    store.create(input('b'));
    const bundle = store.exportBundle('all', 'pp');

    const { store: target, dir: targetDir } = makeStore('target');
    target.create({ ...input('b'), shop: { kind: 'woocommerce', url: 'https://other.example', woocommerce: { key: 'ck_zzz999', secret: 'cs_zzz999' } } });
    const before = snapshot(targetDir.root);

    const err = configError(() => target.importBundle(bundle, { passphrase: 'pp' }));
    expect(err.field).toBe('name');
    expect(err.message).toContain('b');
    expect(snapshot(targetDir.root)).toEqual(before);
    expect(target.list()).toEqual(['b']);
    expect(target.load('b').shop).toMatchObject({ url: 'https://other.example', woocommerce: { key: 'ck_zzz999' } });

    target.importBundle(bundle, { passphrase: 'pp', overwrite: true });
    expect(target.list()).toEqual(['a', 'b']);
    expect(target.load('b').shop).toMatchObject({ url: 'https://shop.example', woocommerce: { key: 'ck_abc123', secret: 'cs_def456' } });
  });

  it('--overwrite with a backup without secrets keeps the secrets already stored, and says which', () => {
    store.create({ ...input('a'), gescom: { kind: 'embedded', db: '/tmp/x.db', password: 'db-pw-1' } });
    store.create(input('b'));
    const plain = JSON.parse(JSON.stringify(store.exportBundle('all'))) as ProfileBundle;
    (plain.profiles[0] as { shop: { url: string } }).shop.url = 'https://moved.example';

    const result = store.importBundle(plain, { overwrite: true });
    expect(result.profiles.map((p) => p.name)).toEqual(['a', 'b']);
    expect(result.secretsKept.map((k) => k.name)).toEqual(['a', 'b']);
    expect(result.secretsKept[0]!.keys.sort()).toEqual(['gescom.password', 'shop.woocommerce.key', 'shop.woocommerce.secret']);
    expect(result.secretsKept[1]!.keys.sort()).toEqual(['shop.woocommerce.key', 'shop.woocommerce.secret']);
    // The other options come from the backup, the secrets stay.
    expect(store.load('a').shop).toMatchObject({ url: 'https://moved.example', woocommerce: { key: 'ck_abc123', secret: 'cs_def456' } });
    expect(store.load('a').gescom.password).toBe('db-pw-1');
    expect(store.load('b').shop).toMatchObject({ woocommerce: { key: 'ck_abc123', secret: 'cs_def456' } });
    // Still encrypted on disk.
    expect(fs.readFileSync(profileFile('a'), 'utf8')).not.toMatch(/ck_abc123|cs_def456|db-pw-1/);
  });

  it('--overwrite with a backup holding secrets replaces them, an emptied one included', () => {
    store.create(input('a'));
    const other = makeStore('other').store;
    other.create({ ...input('a'), shop: { kind: 'woocommerce', url: 'https://shop.example', woocommerce: { key: 'ck_new777', secret: '' } } });
    const result = store.importBundle(other.exportBundle(['a'], 'pp'), { passphrase: 'pp', overwrite: true });
    expect(result.secretsKept).toEqual([]);
    expect(store.load('a').shop).toMatchObject({ woocommerce: { key: 'ck_new777', secret: '' } });
  });

  it('refuses a file that is not a profile bundle', () => {
    for (const bad of [null, {}, { format: 'other', version: 1, profiles: [] }, { format: 'passerelle-profiles', version: 2, profiles: [] }]) {
      expect(configError(() => store.importBundle(bad)).field).toBe('format');
    }
  });

  it('refuses an invalid profile inside the bundle and writes nothing', () => {
    const bundle = { format: 'passerelle-profiles', version: 1, exportedAt: '', salt: null, secretsIncluded: false, profiles: [input('ok'), { name: 'bad', gescom: { kind: 'nope', db: '' } }] };
    configError(() => store.importBundle(bundle));
    expect(store.list()).toEqual([]);
  });
});

describe('corrupt files', () => {
  it('a corrupt profile file gives a ConfigError naming the file', () => {
    store.create(input('p1'));
    fs.writeFileSync(profileFile('p1'), '{ "name": "p1", ');
    const err = configError(() => store.load('p1'));
    expect(err.message).toContain(profileFile('p1'));
    expect(err.entity).toBe('profile p1');
  });

  it('a profile file that is valid JSON but an invalid profile names the field at fault', () => {
    store.create(input('p1'));
    const doc = JSON.parse(fs.readFileSync(profileFile('p1'), 'utf8')) as { general: { timezone: string } };
    doc.general.timezone = 42 as unknown as string;
    fs.writeFileSync(profileFile('p1'), JSON.stringify(doc));
    const err = configError(() => store.load('p1'));
    expect(err.message).toContain('general.timezone');
  });

  it('a corrupt settings file gives a ConfigError naming the file', () => {
    store.create(input('p1'));
    fs.writeFileSync(dir.settingsFile, 'not json');
    const err = configError(() => store.settings());
    expect(err.message).toContain(dir.settingsFile);
  });
});
