/** The shop identity (src/shops/identity.ts): one identity for the ways a merchant types one shop's address. */
import { describe, expect, test } from 'vitest';
import { identityOfShopSection, profileShopKey, siteIdentity } from '../../src/shops/identity.js';
import { migrateProfile } from '../../src/profile/migrations.js';

describe('shop identity: the kind plus its adapter\'s identity of the shop', () => {
  const identity = (kind: string, url: string, store?: string | number) =>
    identityOfShopSection({ kind, url, ...(store === undefined ? {} : { [kind]: { shopId: store } }) });
  test.each([
    ['woocommerce', 'https://shop.example.com', undefined, 'woocommerce:shop.example.com'],
    ['woocommerce', 'http://Shop.Example.COM/', undefined, 'woocommerce:shop.example.com'],
    ['woocommerce', 'https://www.example.com/boutique/', undefined, 'woocommerce:example.com/boutique'],
    ['woocommerce', 'https://example.com/boutique/wp-json/wc/v3', undefined, 'woocommerce:example.com/boutique'],
    ['woocommerce', 'https://example.com:443/', undefined, 'woocommerce:example.com'],
    ['woocommerce', 'http://example.com:80', undefined, 'woocommerce:example.com'],
    ['woocommerce', 'http://127.0.0.1:8080/', undefined, 'woocommerce:127.0.0.1:8080'],
    ['woocommerce', 'example.com/shop?x=1#top', undefined, 'woocommerce:example.com/shop'],
    ['prestashop', 'https://example.com/api/', undefined, 'prestashop:example.com'],
    ['prestashop', 'https://example.com/api', '2', 'prestashop:example.com?id_shop=2'],
    ['prestashop', 'https://example.com', '1', 'prestashop:example.com?id_shop=1'],
    ['prestashop', 'https://example.com', '', 'prestashop:example.com'],
    ['shopify', 'https://my-store.myshopify.com', undefined, 'shopify:my-store.myshopify.com'],
    ['none', 'https://example.com', undefined, ''],
    ['woocommerce', '', undefined, ''],
    ['woocommerce', 'http://exa mple.com', undefined, ''],
    ['unknown-kind', 'https://example.com', undefined, ''],
  ] as const)('%s %s (store %s) -> %s', (kind, url, store, expected) => {
    expect(identity(kind, url, store)).toBe(expected);
  });

  test('the same shop typed two ways gives one identity; two kinds on one host, two', () => {
    expect(siteIdentity('https://WWW.example.com/shop/')).toBe(siteIdentity('example.com/shop'));
    expect(identity('woocommerce', 'https://example.com')).not.toBe(identity('prestashop', 'https://example.com'));
  });

  test('a profile\'s shop section: the kind plus its adapter\'s identity (PrestaShop\'s store under shop.prestashop)', () => {
    expect(identityOfShopSection({ kind: 'prestashop', url: 'https://www.example.com/', prestashop: { shopId: 4 } })).toBe('prestashop:example.com?id_shop=4');
    expect(identityOfShopSection({ kind: 'prestashop', url: 'https://example.com' })).toBe('prestashop:example.com');
    expect(identityOfShopSection({ kind: 'woocommerce', url: 'https://Example.com/boutique/wp-json/', shopId: '3' })).toBe('woocommerce:example.com/boutique');
    expect(identityOfShopSection({ kind: 'none', url: 'https://example.com' })).toBe('');
  });

  test('the key of a profile: its fixed identity, else its shop, else its name (XML files only)', () => {
    expect(profileShopKey({ name: 'p', shop: { kind: 'woocommerce', url: 'https://new.example.com', identity: 'woocommerce:old.example.com' } }))
      .toBe('woocommerce:old.example.com');
    expect(profileShopKey({ name: 'p', shop: { kind: 'woocommerce', url: 'https://new.example.com', identity: '' } })).toBe('woocommerce:new.example.com');
    expect(profileShopKey({ name: 'p', shop: { kind: 'none', url: '', identity: '' } })).toBe('profile:p');
  });
});

describe('profile migration: the identity computed at load', () => {
  const doc = (shop: Record<string, unknown>, formatVersion = 3) => ({ name: 'p', formatVersion, gescom: { kind: 'embedded', db: '/tmp/x.db' }, shop });

  test('an older profile gets the identity of its shop (after the shop reshaping); one set by hand is kept; no shop, none', () => {
    const shopOf = (raw: unknown) => (migrateProfile(raw) as { shop: { identity?: string } }).shop.identity;
    expect(shopOf(doc({ kind: 'prestashop', url: 'https://www.example.com/', shopId: '2' }, 2))).toBe('prestashop:example.com?id_shop=2');
    expect(shopOf(doc({ kind: 'prestashop', url: 'https://example.com', prestashop: { shopId: 5 } }))).toBe('prestashop:example.com?id_shop=5');
    expect(shopOf(doc({ kind: 'woocommerce', url: 'https://example.com', identity: 'woocommerce:kept' }))).toBe('woocommerce:kept');
    expect(shopOf(doc({ kind: 'none', url: '' }))).toBeUndefined();
    expect(shopOf({ ...doc({ kind: 'woocommerce', url: 'https://example.com' }), formatVersion: undefined })).toBe('woocommerce:example.com');
  });
});
