/** Each platform's API auth (src/shops/<kind>/auth.ts) picks the generic strategy its API accepts. */
import { describe, expect, it } from 'vitest';
import { withSiteAuth, type AuthTarget } from '../../src/http/auth.js';
import { prestaShopAuth } from '../../src/shops/prestashop/auth.js';
import { wooCommerceAuth } from '../../src/shops/woocommerce/auth.js';

const CK = 'ck_0123456789abcdef0123456789abcdef01234567';
const CS = 'cs_76543210fedcba9876543210fedcba9876543210';
const WS = 'K'.repeat(32);

async function applied(auth: ReturnType<typeof wooCommerceAuth> | undefined): Promise<AuthTarget> {
  const t: AuthTarget = { method: 'GET', baseUrl: 'https://shop.test/api/products', params: [], headers: {} };
  await auth?.apply(t);
  return t;
}

describe('WooCommerce auth (docs/shop-apis.md 1.1)', () => {
  it.each([
    ['plain HTTP: OAuth 1.0a in the query', { url: 'http://shop.test' }, 'oauth1'],
    ['HTTPS: Basic key:secret', { url: 'https://shop.test' }, 'basic'],
    ['HTTPS, alternative requests: keys in the query', { url: 'https://shop.test', queryString: true }, 'query'],
    ['HTTPS behind a protected directory: keys in the query', { url: 'https://shop.test', siteAuth: true }, 'query'],
  ] as const)('%s', (_what, o, name) => {
    expect(wooCommerceAuth({ consumerKey: CK, consumerSecret: CS, ...o }).name).toBe(name);
  });

  it('sends the consumer key and secret as Basic over HTTPS, and never lists them but as secrets', async () => {
    const auth = wooCommerceAuth({ url: 'https://shop.test', consumerKey: CK, consumerSecret: CS });
    expect((await applied(auth)).headers.authorization).toBe(`Basic ${Buffer.from(`${CK}:${CS}`).toString('base64')}`);
    expect(auth.secrets).toEqual(expect.arrayContaining([CK, CS]));
  });

  it('composes with the protected directory: Basic for the site, keys in the query', async () => {
    const t = await applied(withSiteAuth(wooCommerceAuth({ url: 'https://shop.test', consumerKey: CK, consumerSecret: CS, siteAuth: true }), { user: 'dir', password: 'p' }));
    expect(t.headers.authorization).toBe(`Basic ${Buffer.from('dir:p').toString('base64')}`);
    expect(t.params).toEqual([['consumer_key', CK], ['consumer_secret', CS]]);
  });
});

describe('PrestaShop auth (docs/shop-apis.md 2.1)', () => {
  it('sends the webservice key as Basic user with an empty password', async () => {
    const auth = prestaShopAuth({ key: WS });
    expect(auth.name).toBe('basic');
    expect((await applied(auth)).headers.authorization).toBe(`Basic ${Buffer.from(`${WS}:`).toString('base64')}`);
  });

  it.each([
    ['alternative requests', { queryString: true }],
    ['protected directory', { siteAuth: true }],
  ] as const)('%s: ?ws_key= instead', async (_what, o) => {
    const auth = prestaShopAuth({ key: WS, ...o });
    expect(auth.queryParams).toEqual(['ws_key']);
    expect((await applied(auth)).params).toEqual([['ws_key', WS]]);
  });
});
