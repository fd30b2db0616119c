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
import { encryptSecret, encryptWithPassphrase, loadOrCreateKey, passphraseKey } from '../../src/config/secrets.js';
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

  test('HT and the English remark written as defaults become auto and the remark in the profile\'s language; saving writes the current format', () => {
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

/**
 * Profile format 3 (issue 8): the flat platform fields of format 2's shop section move under
 * `shop.<kind>`, to the profile's own kind when it has the field, else to the platform it belonged to.
 */
describe('format 2 -> 3: the shop section keyed on the kind', () => {
  /** The shop section as format 2 wrote it: every flat field, defaults included. */
  const V2_DEFAULTS = {
    key: '', secret: '', clientId: '', accessToken: '', tokenSecret: '', apiPath: '', shopId: '', mediaUser: '', mediaPassword: '',
    groupsPlugin: 'none', ftp: { host: '', port: 21, user: '', password: '', inFolder: 'in', outFolder: 'out', passive: true, tls: false },
  };
  const v2 = (shop: Record<string, unknown>) => ({
    name: 'p', formatVersion: 2, gescom: { kind: 'embedded', db: '/tmp/x.db' },
    shop: { url: 'https://shop.example', identity: '', ...V2_DEFAULTS, ...shop },
  });

  test.each<[string, Record<string, unknown>, Record<string, unknown>]>([
    ['WooCommerce keys, media password and groups plugin', { kind: 'woocommerce', key: 'ck_1', secret: 'cs_1', mediaUser: 'admin', mediaPassword: 'app pw', groupsPlugin: 'wholesalePricesPremium' },
      { woocommerce: { key: 'ck_1', secret: 'cs_1', mediaUser: 'admin', mediaPassword: 'app pw', groupsPlugin: 'wholesalePricesPremium' } }],
    ['PrestaShop key and multistore id', { kind: 'prestashop', key: 'WS', shopId: '2' }, { prestashop: { key: 'WS', shopId: '2' } }],
    ['Magento: key, secrets, token and store code from shopId', { kind: 'magento', key: 'mk', secret: 'ms', accessToken: 'at', tokenSecret: 'ts', shopId: 'fr_fr' },
      { magento: { key: 'mk', secret: 'ms', accessToken: 'at', tokenSecret: 'ts', storeCode: 'fr_fr' } }],
    ['Shopify: client id, secret and token', { kind: 'shopify', clientId: 'cid', secret: 'shh', accessToken: 'shpat_1' },
      { shopify: { clientId: 'cid', secret: 'shh', accessToken: 'shpat_1' } }],
    ['BigCommerce: token and API path', { kind: 'bigcommerce', accessToken: 'tok', apiPath: 'https://api.bigcommerce.com/stores/abc/' },
      { bigcommerce: { accessToken: 'tok', apiPath: 'https://api.bigcommerce.com/stores/abc/' } }],
    ['Le New Black: client id and secret', { kind: 'lenewblack', clientId: 'lnb', secret: 'lnbs' }, { lenewblack: { clientId: 'lnb', secret: 'lnbs' } }],
    ['Wix key', { kind: 'wix', key: 'wixkey' }, { wix: { key: 'wixkey' } }],
    ['Oasis key and FTP', { kind: 'oasis', key: 'ok', ftp: { ...V2_DEFAULTS.ftp, host: 'ftp.oasis', password: 'fp' } },
      { oasis: { key: 'ok', ftp: { ...V2_DEFAULTS.ftp, host: 'ftp.oasis', password: 'fp' } } }],
    ['a WooCommerce profile keeps an Oasis FTP and a BigCommerce path set before, under their own kinds',
      { kind: 'woocommerce', key: 'ck_1', apiPath: 'https://api.bigcommerce.com/stores/abc/', ftp: { ...V2_DEFAULTS.ftp, host: 'ftp.x' } },
      { woocommerce: { key: 'ck_1' }, bigcommerce: { apiPath: 'https://api.bigcommerce.com/stores/abc/' }, oasis: { ftp: { ...V2_DEFAULTS.ftp, host: 'ftp.x' } } }],
    ['no shop yet, keys typed: the platform named first in the old description (WooCommerce)', { kind: 'none', key: 'k', secret: 's' },
      { woocommerce: { key: 'k', secret: 's' } }],
    ['a Shopify profile: a key (not a Shopify field) goes to WooCommerce, the token stays Shopify\'s', { kind: 'shopify', key: 'k', accessToken: 't' },
      { woocommerce: { key: 'k' }, shopify: { accessToken: 't' } }],
    ['a store code on a WooCommerce profile is Magento\'s, an id PrestaShop\'s', { kind: 'woocommerce', shopId: 'default' }, { magento: { storeCode: 'default' } }],
    ['a number on a WooCommerce profile is PrestaShop\'s id_shop', { kind: 'woocommerce', shopId: '3' }, { prestashop: { shopId: '3' } }],
    ['nothing set: only the common fields stay', { kind: 'woocommerce' }, {}],
  ])('%s', (_what, shop, expected) => {
    const out = migrateProfile(v2(shop)) as { formatVersion: number; shop: Record<string, unknown> };
    expect(out.formatVersion).toBe(PROFILE_FORMAT_VERSION);
    // The next step (format 4) computes the shop identity: the kind and the shop, none without a shop.
    const { identity, ...section } = out.shop;
    expect(section).toEqual({ kind: shop.kind, url: 'https://shop.example', ...expected });
    expect(identity).toEqual(shop.kind === 'none' ? '' : expect.stringMatching(new RegExp(`^${String(shop.kind)}:shop\\.example`)));
    // What it gives is a valid profile, the moved values where the adapters read them.
    const p = validateProfile(out) as unknown as { shop: Record<string, Record<string, unknown>> };
    for (const [kind, fields] of Object.entries(expected)) expect(p.shop[kind]).toMatchObject(fields as Record<string, unknown>);
  });

  test('a section already in the new place keeps its values over a flat one', () => {
    const out = migrateProfile({ ...v2({ kind: 'woocommerce', key: 'old' }), shop: { ...v2({ kind: 'woocommerce', key: 'old' }).shop, woocommerce: { key: 'new' } } }) as {
      shop: { woocommerce: { key: string } };
    };
    expect(out.shop.woocommerce.key).toBe('new');
  });
});

describe('ProfileStore reads stored profiles of format 2 (secrets encrypted at their old place)', () => {
  let tmp: string;
  let dir: DataDir;
  let store: ProfileStore;
  let key: Buffer;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-migrate3-'));
    dir = resolveDataDir(tmp);
    ensureDataDir(dir);
    key = loadOrCreateKey(dir.keyFile);
    store = new ProfileStore(dir, key);
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  /** A profile file as format 2 wrote it: flat shop fields, secrets encrypted by `seal`. */
  function format2(name: string, shop: Record<string, unknown>, seal: (v: string) => string): Record<string, unknown> {
    const saved = store.create({ name, gescom: { kind: 'embedded', db: '/tmp/x.db' } }) as unknown as Record<string, unknown>;
    store.delete(name);
    const flat = {
      kind: 'none', url: '', identity: '', key: '', secret: '', clientId: '', accessToken: '', tokenSecret: '', apiPath: '', shopId: '',
      mediaUser: '', mediaPassword: '', groupsPlugin: 'none',
      ftp: { host: '', port: 21, user: '', password: '', inFolder: 'in', outFolder: 'out', passive: true, tls: false }, ...shop,
    } as Record<string, unknown>;
    for (const k of ['key', 'secret', 'accessToken', 'tokenSecret', 'mediaPassword']) if (flat[k]) flat[k] = seal(flat[k] as string);
    return { ...saved, formatVersion: 2, shop: flat };
  }

  test('a WooCommerce profile: keys and media password readable at shop.woocommerce, and written back encrypted there', () => {
    const doc = format2('woo', { kind: 'woocommerce', url: 'https://shop.example', key: 'ck_abc', secret: 'cs_def', mediaUser: 'admin', mediaPassword: 'app pw' },
      (v) => encryptSecret(key, v));
    const file = path.join(dir.profilesDir, 'woo.json');
    fs.writeFileSync(file, JSON.stringify(doc, null, 2));
    expect(fs.readFileSync(file, 'utf8')).not.toContain('ck_abc');
    const p = store.load('woo');
    expect(p.shop.woocommerce).toMatchObject({ key: 'ck_abc', secret: 'cs_def', mediaUser: 'admin', mediaPassword: 'app pw' });
    store.save(p);
    const written = fs.readFileSync(file, 'utf8');
    expect(written).not.toContain('ck_abc');
    expect(written).not.toContain('app pw');
    const stored = JSON.parse(written) as { formatVersion: number; shop: { woocommerce: { key: string; mediaPassword: string } } };
    expect(stored.formatVersion).toBe(PROFILE_FORMAT_VERSION);
    expect(stored.shop.woocommerce.key).toMatch(/^enc:v1:/);
    expect(stored.shop.woocommerce.mediaPassword).toMatch(/^enc:v1:/);
    expect(store.load('woo').shop.woocommerce.key).toBe('ck_abc');
  });

  test('a backup of format 2 with secrets under a passphrase: a PrestaShop key and an Oasis FTP password land at their new places', () => {
    const salt = Buffer.alloc(16, 7);
    const k = passphraseKey('pass phrase', salt);
    const doc = format2('ps', { kind: 'prestashop', url: 'https://ps.example', key: 'WSKEY', shopId: '2',
      ftp: { host: 'ftp.x', port: 21, user: 'u', password: encryptWithPassphrase(k, 'ftp pw'), inFolder: 'in', outFolder: 'out', passive: true, tls: false } },
    (v) => encryptWithPassphrase(k, v));
    const bundle = { format: 'passerelle-profiles', version: 1, exportedAt: '2026-11-01T00:00:00.000Z', salt: salt.toString('base64'), secretsIncluded: true,
      profiles: [doc] };
    store.importBundle(bundle, { passphrase: 'pass phrase' });
    const p = store.load('ps');
    expect(p.shop.prestashop).toEqual({ key: 'WSKEY', shopId: '2', concurrency: 4, kerawenAnonymousCustomerIds: [] });
    expect(p.shop.oasis.ftp).toMatchObject({ host: 'ftp.x', user: 'u', password: 'ftp pw' });
    expect(fs.readFileSync(path.join(dir.profilesDir, 'ps.json'), 'utf8')).not.toContain('WSKEY');
  });
});
