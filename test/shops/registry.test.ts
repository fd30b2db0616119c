/**
 * Shops as plug-ins (issue 8): one registry of adapters, each platform's options under
 * `shop.<kind>`, only the selected kind's credentials required, and shared code opening any
 * kind through its adapter with the options it needs (not the profile).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shopFromFlags } from '../../src/cli/profile-commands.js';
import { ConfigError } from '../../src/errors.js';
import type { AuthStrategy } from '../../src/http/auth.js';
import type { HttpClient } from '../../src/http/http-client.js';
import { render } from '../../src/i18n/catalogue.js';
import { listOptions, listSections, setOption, validateProfile } from '../../src/profile/options.js';
import type { Profile } from '../../src/profile/schema.js';
import type { ShopDeps } from '../../src/shops/adapter.js';
import { PLATFORM_KINDS, SHOP_OPTION_SCHEMAS } from '../../src/shops/kinds.js';
import { openShop, shopConnectionOf, shopDepsOf, shopSettingsOf } from '../../src/shops/open-shop.js';
import { adapterFor, availableShopKinds, shopKinds } from '../../src/shops/registry.js';
import { wooCommerceAdapter } from '../../src/shops/woocommerce/adapter.js';
import { prestaShopAdapter } from '../../src/shops/prestashop/adapter.js';
import { StateStore } from '../../src/state/state-store.js';
import { startWooSimulator, type WooSimulator } from '../simulators/woocommerce/server.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function profile(shop: Record<string, unknown>, extra: Record<string, unknown> = {}): Profile {
  return validateProfile({ name: 'p', gescom: { kind: 'embedded', db: '/tmp/x.db' }, shop, ...extra });
}

function configError(f: () => unknown): ConfigError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('expected a ConfigError');
}

const state = new StateStore(':memory:');
const open = (p: Profile) => openShop(p, { state, warn: () => {} });

describe('the registry', () => {
  it('lists every platform of the profile schema, each adapter declaring the options the schema holds', () => {
    expect(shopKinds()).toEqual(PLATFORM_KINDS);
    for (const kind of shopKinds()) {
      const a = adapterFor(kind)!;
      expect(a.kind).toBe(kind);
      expect(a.options, kind).toBe(SHOP_OPTION_SCHEMAS[kind]);
    }
    expect(adapterFor('none')).toBeUndefined();
    expect(adapterFor('ebay')).toBeUndefined();
  });

  it('each platform is one folder exporting adapter.ts and options.ts', () => {
    for (const kind of shopKinds()) {
      for (const file of ['adapter.ts', 'options.ts']) expect(fs.existsSync(path.join(ROOT, 'src/shops', kind, file)), `${kind}/${file}`).toBe(true);
    }
  });

  it('WooCommerce, PrestaShop and Shopify open a shop today; the platforms announced have no factory yet', () => {
    expect(availableShopKinds()).toEqual(expect.arrayContaining(['woocommerce', 'prestashop', 'shopify']));
    for (const kind of ['bigcommerce', 'magento', 'wix', 'oasis', 'lenewblack']) expect(adapterFor(kind)!.open, kind).toBeUndefined();
  });

  it('no shared file names a platform: open-shop.ts and http/auth.ts know none', () => {
    for (const file of ['src/shops/open-shop.ts', 'src/http/auth.ts', 'src/http/from-profile.ts']) {
      const code = fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      expect(code, file).not.toMatch(/woocommerce|prestashop|wp-json|ws_key|\bconsumer_key\b/i);
    }
  });
});

describe('the profile: shop.<kind> sections', () => {
  it('every platform option is listed under shop.<kind>, described in French and English, credentials secret', () => {
    const sections = listSections().map((s) => s.key);
    for (const kind of shopKinds()) expect(sections).toContain(`shop.${kind}`);
    const keys = listOptions().map((o) => o.key);
    expect(keys).toEqual(expect.arrayContaining([
      'shop.woocommerce.key', 'shop.woocommerce.secret', 'shop.woocommerce.mediaUser', 'shop.woocommerce.mediaPassword', 'shop.woocommerce.groupsPlugin',
      'shop.prestashop.key', 'shop.prestashop.shopId', 'shop.prestashop.concurrency', 'shop.prestashop.kerawenAnonymousCustomerIds',
      'shop.shopify.clientId', 'shop.shopify.secret', 'shop.shopify.accessToken', 'shop.bigcommerce.accessToken', 'shop.bigcommerce.apiPath',
      'shop.magento.key', 'shop.magento.secret', 'shop.magento.accessToken', 'shop.magento.tokenSecret', 'shop.magento.storeCode',
      'shop.wix.key', 'shop.oasis.ftp.host', 'shop.oasis.ftp.password', 'shop.lenewblack.clientId', 'shop.lenewblack.secret',
    ]));
    // The old flat fields are gone.
    for (const old of ['shop.key', 'shop.secret', 'shop.clientId', 'shop.apiPath', 'shop.ftp.host', 'shop.groupsPlugin']) expect(keys).not.toContain(old);
    const secrets = listOptions().filter((o) => o.secret).map((o) => o.key);
    expect(secrets).toEqual(expect.arrayContaining(['shop.woocommerce.key', 'shop.prestashop.key', 'shop.shopify.accessToken', 'shop.oasis.ftp.password']));
    expect(secrets).not.toContain('shop.prestashop.shopId');
    for (const o of listOptions().filter((x) => x.key.startsWith('shop.'))) {
      expect(o.description.fr, o.key).not.toBe('');
      expect(o.description.en, o.key).not.toBe('');
    }
  });

  it.each([
    ['shop.prestashop.concurrency', '1', 1],
    ['shop.prestashop.concurrency', '16', 16],
    ['shop.prestashop.shopId', '2', '2'],
    ['shop.prestashop.shopId', '', ''],
  ])('%s = %j is accepted', (key, raw, value) => {
    const p = setOption(profile({ kind: 'prestashop' }), key, raw);
    expect(p.shop.prestashop[key.split('.')[2] as 'concurrency' | 'shopId']).toBe(value);
  });

  it.each([
    ['shop.prestashop.concurrency', '0', /^shop\.prestashop\.concurrency : /],
    ['shop.prestashop.concurrency', '17', /^shop\.prestashop\.concurrency : /],
    ['shop.prestashop.shopId', 'main', /^shop\.prestashop\.shopId : attendu : un id_shop PrestaShop/],
    ['shop.prestashop.shopId', '0', /^shop\.prestashop\.shopId : /],
  ])('%s = %j is refused, naming the field', (key, raw, message) => {
    expect(() => setOption(profile({ kind: 'prestashop' }), key, raw)).toThrow(message);
  });

  it('defaults: PrestaShop 4 parallel requests on the default store, WooCommerce without groups plugin', () => {
    const p = profile({ kind: 'woocommerce' });
    expect(p.shop.prestashop).toEqual({ key: '', shopId: '', concurrency: 4, kerawenAnonymousCustomerIds: [] });
    expect(p.shop.woocommerce.groupsPlugin).toBe('none');
  });

  it('switching kind keeps the other platform\'s keys', () => {
    let p = profile({ kind: 'woocommerce', url: 'https://shop.example', woocommerce: { key: 'ck_1', secret: 'cs_1' } });
    p = setOption(p, 'shop.kind', 'prestashop');
    p = setOption(p, 'shop.prestashop.key', 'WSKEY');
    p = setOption(p, 'shop.kind', 'woocommerce');
    expect(p.shop.woocommerce).toMatchObject({ key: 'ck_1', secret: 'cs_1' });
    expect(p.shop.prestashop.key).toBe('WSKEY');
  });
});

describe('opening a shop', () => {
  it.each([
    ['no shop', { kind: 'none' }, 'shop.kind', /aucune boutique configurée/],
    ['WooCommerce without URL', { kind: 'woocommerce', woocommerce: { key: 'ck', secret: 'cs' } }, 'shop.url', /URL de la boutique manquante/],
    ['WooCommerce without key', { kind: 'woocommerce', url: 'https://s.example', woocommerce: { secret: 'cs' } }, 'shop.woocommerce.key',
      /^option shop\.woocommerce\.key requise pour une boutique woocommerce$/],
    ['WooCommerce without secret', { kind: 'woocommerce', url: 'https://s.example', woocommerce: { key: 'ck' } }, 'shop.woocommerce.secret',
      /^option shop\.woocommerce\.secret requise/],
    ['WooCommerce with only PrestaShop\'s key', { kind: 'woocommerce', url: 'https://s.example', prestashop: { key: 'WS' } }, 'shop.woocommerce.key', /requise/],
  ])('%s: a ConfigError naming %s', (_what, shop, field, message) => {
    const err = configError(() => open(profile(shop)));
    expect(err.field).toBe(field);
    expect(err.entity).toBe('profile p');
    expect(err.message).toMatch(message);
  });

  it('the message speaks English too', () => {
    const err = configError(() => open(profile({ kind: 'woocommerce', url: 'https://s.example', woocommerce: { key: 'ck' } })));
    expect(err.messageIn('en')).toBe('option shop.woocommerce.secret required for a woocommerce shop');
  });

  it.each(['bigcommerce', 'magento', 'wix', 'oasis', 'lenewblack'])('%s: not available yet, in French and English, naming shop.kind', (kind) => {
    const err = configError(() => open(profile({ kind, url: 'https://s.example' })));
    expect(err.field).toBe('shop.kind');
    expect(err.messageIn('fr')).toBe(`boutique « ${kind} » pas encore disponible (disponibles : ${availableShopKinds().join(', ')})`);
    expect(err.messageIn('en')).toBe(`shop "${kind}" not available yet (available: ${availableShopKinds().join(', ')})`);
  });

  it('the connection an adapter gets: URL trimmed of its trailing slash, its own options only', () => {
    const p = profile({ kind: 'prestashop', url: 'https://ps.example/boutique/', prestashop: { key: 'WS', shopId: '2' }, woocommerce: { key: 'ck' } });
    expect(shopConnectionOf(p)).toEqual({ url: 'https://ps.example/boutique', options: { key: 'WS', shopId: '2', concurrency: 4, kerawenAnonymousCustomerIds: [] } });
    const missing = configError(() => shopConnectionOf(profile({ kind: 'prestashop', url: 'https://ps.example' })));
    expect(missing.field).toBe('shop.prestashop.key');
  });

  it.each([
    ['WooCommerce: host and path, without scheme, www, /wp-json or trailing slash', wooCommerceAdapter, 'https://WWW.Shop.example/wp-json/', {}, 'shop.example'],
    ['WooCommerce in a sub-folder, on a port', wooCommerceAdapter, 'http://shop.example:8080/boutique/', {}, 'shop.example:8080/boutique'],
    ['PrestaShop default store', prestaShopAdapter, 'https://ps.example/', { shopId: '' }, 'ps.example'],
    ['PrestaShop store 2 of a multistore', prestaShopAdapter, 'https://ps.example', { shopId: '2' }, 'ps.example?id_shop=2'],
  ] as const)('identity: %s', (_what, adapter, url, options, expected) => {
    expect((adapter.identity as (c: { url: string; options: unknown }) => string)({ url, options })).toBe(expected);
  });
});

describe('ShopDeps: what shared code hands an adapter', () => {
  it.each([
    ['neither', {}, false],
    ['alternative requests (host strips Authorization)', { alternative: { requests: true } }, true],
    ['protected directory', { basicAuth: { enabled: true, user: 'dir', password: 'p' } }, true],
  ])('credentials in the query: %s -> %s', (_what, http, expected) => {
    const p = profile({ kind: 'woocommerce', url: 'https://s.example' }, { http });
    expect(shopDepsOf(p, { state, warn: () => {} }).credentialsInQuery).toBe(expected);
  });

  it('settings are the profile\'s, nothing of shop', () => {
    const p = profile({ kind: 'woocommerce' }, { general: { language: 'en', timezone: 'Europe/Brussels' }, prices: { base: 'TTC' } });
    const s = shopSettingsOf(p);
    expect(Object.keys(s).sort()).toEqual(['articles', 'customers', 'language', 'orders', 'prices', 'timezone']);
    expect(s).toMatchObject({ language: 'en', timezone: 'Europe/Brussels', prices: { base: 'TTC' } });
  });

  it('the memory is the profile\'s own: another profile does not see it', () => {
    const store = new StateStore(':memory:');
    const a = shopDepsOf(profile({ kind: 'woocommerce' }), { state: store, warn: () => {} });
    const b = shopDepsOf(validateProfile({ name: 'q', gescom: { kind: 'embedded', db: '/tmp/x.db' } }), { state: store, warn: () => {} });
    a.memory.set('media', 'sha-1', '42');
    expect(a.memory.get('media', 'sha-1')).toBe('42');
    expect(a.memory.get('other', 'sha-1')).toBeUndefined();
    expect(b.memory.get('media', 'sha-1')).toBeUndefined();
    store.close();
  });

  it('WooCommerce asks for the wc/v3 client with its keys and a wp/v2 client only with the media password', () => {
    const asked: { baseUrl: string; auth: string | undefined }[] = [];
    const deps = (credentialsInQuery: boolean): ShopDeps => ({
      settings: shopSettingsOf(profile({ kind: 'woocommerce' })),
      http: (baseUrl: string, auth: AuthStrategy | undefined) => {
        asked.push({ baseUrl, auth: auth?.name });
        return { stats: { requests: 0, writeRequests: 0 } } as unknown as HttpClient;
      },
      credentialsInQuery,
      memory: { get: () => undefined, set: () => {} },
      warn: () => {},
    });
    const base = { key: 'ck', secret: 'cs', mediaUser: '', mediaPassword: '', groupsPlugin: 'none' as const };
    const shop = wooCommerceAdapter.open!({ url: 'https://s.example/wp-json', options: base }, deps(false));
    expect(shop.kind).toBe('woocommerce');
    expect(shop.capabilities.customerGroups).toBe('none');
    expect(asked).toEqual([{ baseUrl: 'https://s.example/wp-json/wc/v3/', auth: 'basic' }]);
    asked.length = 0;
    const withMedia = wooCommerceAdapter.open!({ url: 'https://s.example', options: { ...base, mediaUser: 'admin', mediaPassword: 'pw', groupsPlugin: 'wholesalePricesPremium' } }, deps(true));
    expect(withMedia.capabilities.customerGroups).toBe('plugin');
    expect(asked).toEqual([{ baseUrl: 'https://s.example/wp-json/wc/v3/', auth: 'query' }, { baseUrl: 'https://s.example/wp-json/wp/v2/', auth: 'basic' }]);
  });
});

describe('ShopDeps.http: a client on the profile\'s settings with the adapter\'s own', () => {
  it('honours the adapter\'s concurrency and default query, and the run\'s meter counts its requests', async () => {
    let inFlight = 0;
    let maxInFlight = 0;
    const urls: string[] = [];
    const server = http.createServer((req, res) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      urls.push(req.url ?? '');
      setTimeout(() => {
        inFlight--;
        res.setHeader('content-type', 'application/json');
        res.end('{}');
      }, 30);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as { port: number }).port;
    try {
      const meter = { requests: 0, writeRequests: 0 };
      const p = profile({ kind: 'woocommerce', url: `http://127.0.0.1:${port}` }, { http: { delayMs: 0 } });
      const deps = shopDepsOf(p, { state, warn: () => {}, http: { meter } });
      const client = deps.http(`http://127.0.0.1:${port}/api/`, undefined, { concurrency: 1, defaultQuery: { output_format: 'JSON' } });
      await Promise.all([1, 2, 3].map((i) => client.request({ method: 'GET', path: `products/${i}` })));
      expect(maxInFlight).toBe(1);
      expect(urls.sort()).toEqual([1, 2, 3].map((i) => `/api/products/${i}?output_format=JSON`));
      expect(meter.requests).toBe(3);
    } finally {
      await new Promise<void>((r) => server.close(() => r()));
    }
  });
});

describe('end to end: a WooCommerce profile opened through the registry', () => {
  let sim: WooSimulator;
  beforeAll(async () => {
    sim = await startWooSimulator();
  });
  afterAll(() => sim.close());

  it('shop check passes with the keys under shop.woocommerce, fails naming the secret when it is wrong', async () => {
    const good = profile({ kind: 'woocommerce', url: sim.url, woocommerce: { key: sim.key, secret: sim.secret } });
    const report = await open(good).testConnection();
    expect(report.checks.find((c) => c.name === 'auth')).toMatchObject({ ok: true });
    const bad = profile({ kind: 'woocommerce', url: sim.url, woocommerce: { key: sim.key, secret: 'cs_wrong' } });
    const refused = await open(bad).testConnection();
    expect(refused.ok).toBe(false);
    const auth = refused.checks.find((c) => c.name === 'auth')!;
    expect((typeof auth.message === 'string' ? auth.message : render(auth.message, 'fr'))).toContain('vérifiez shop.woocommerce.key, shop.woocommerce.secret');
  });
});

describe('--shop-key / --shop-secret fill the selected kind\'s credentials', () => {
  it.each([
    ['WooCommerce', { shop: 'woocommerce', shopKey: 'ck', shopSecret: 'cs' }, undefined, { kind: 'woocommerce', woocommerce: { key: 'ck', secret: 'cs' } }],
    ['PrestaShop', { shop: 'prestashop', shopUrl: 'https://ps.example', shopKey: 'WS' }, undefined,
      { kind: 'prestashop', url: 'https://ps.example', prestashop: { key: 'WS' } }],
    ['Shopify: the key is the access token', { shop: 'shopify', shopKey: 'shpat_1', shopSecret: 's' }, undefined, { kind: 'shopify', shopify: { accessToken: 'shpat_1', secret: 's' } }],
    ['the profile\'s current kind when --shop is absent', { shopKey: 'WS' }, 'prestashop', { prestashop: { key: 'WS' } }],
    ['no credentials', { shop: 'woocommerce' }, undefined, { kind: 'woocommerce' }],
  ] as const)('%s', (_what, flags, current, expected) => {
    expect(shopFromFlags(flags, current)).toEqual(expected);
  });

  it.each([
    ['a secret for PrestaShop, which has none', { shop: 'prestashop', shopKey: 'WS', shopSecret: 'x' }, 'shop.prestashop', /--shop-secret ne s'applique pas à une boutique prestashop/],
    ['a key without a kind', { shopKey: 'ck' }, 'shop.kind', /--shop-key demande le type de boutique/],
  ] as const)('refused: %s', (_what, flags, field, message) => {
    const err = configError(() => shopFromFlags(flags));
    expect(err.field).toBe(field);
    expect(err.message).toMatch(message);
  });
});

describe('an option of the old flat shop section', () => {
  it.each([
    ['shop.key', 'shop.woocommerce.key, shop.prestashop.key, shop.magento.key, shop.wix.key, shop.oasis.key'],
    ['shop.accessToken', 'shop.shopify.accessToken, shop.bigcommerce.accessToken, shop.magento.accessToken'],
  ])('%s: the error lists where it lives now', (key, where) => {
    expect(() => setOption(profile({ kind: 'woocommerce' }), key, 'x')).toThrow(`vouliez-vous dire ${where} ?`);
  });
});
