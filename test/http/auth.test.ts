import { describe, expect, it } from 'vitest';
import crypto from 'node:crypto';
import {
  basicAuth, bearer, composeAuth, headerToken, oauth1, queryStringAuth, withSiteAuth,
  type AuthTarget,
} from '../../src/http/auth.js';
import { ConfigError } from '../../src/errors.js';
import { json } from './support/servers.js';
import { useLifecycle } from './support/lifecycle.js';

const { server, client } = useLifecycle();

const CK = 'ck_0123456789abcdef0123456789abcdef01234567';
const CS = 'cs_76543210fedcba9876543210fedcba9876543210';

/** RFC 3986 encoding as WooCommerce's wc_rest_urlencode_rfc3986 (PHP rawurlencode). */
function enc(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Server-side check written from the spec, independent of the oauth-1.0a package. */
function verifyOAuth(method: string, origin: string, rawUrl: string, secret: string, algo: 'sha1' | 'sha256'): { ok: boolean; params: URLSearchParams } {
  const url = new URL(rawUrl, origin);
  // PHP decodes the query; '+' would be a space, but the client encodes spaces as %20.
  const params = new URLSearchParams(url.search);
  const given = params.get('oauth_signature') ?? '';
  const pairs = [...params].filter(([k]) => k !== 'oauth_signature').map(([k, v]) => [enc(k), enc(v)] as const);
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : 1));
  const paramString = pairs.map(([k, v]) => `${k}=${v}`).join('&');
  const base = `${method}&${enc(`${origin}${url.pathname}`)}&${enc(paramString)}`;
  const expected = crypto.createHmac(algo, `${secret}&`).update(base).digest('base64');
  return { ok: expected === given, params };
}

describe('auth strategies over the wire', () => {
  it('sends the Basic header', async () => {
    const s = await server((_req, res) => json(res, 200, {}));
    const { client: c } = client(s.url, { auth: basicAuth(CK, CS) });
    await c.request({ method: 'GET', path: 'products' });
    expect(s.requests[0]?.headers.authorization).toBe(`Basic ${Buffer.from(`${CK}:${CS}`).toString('base64')}`);
  });

  it('puts WooCommerce keys in the query string', async () => {
    const s = await server((_req, res) => json(res, 200, {}));
    const { client: c } = client(s.url, { auth: queryStringAuth({ consumer_key: CK, consumer_secret: CS }) });
    await c.request({ method: 'GET', path: 'products', query: { sku: 'A-1' } });
    const q = new URL(s.requests[0]?.url ?? '', s.url).searchParams;
    expect(q.get('consumer_key')).toBe(CK);
    expect(q.get('consumer_secret')).toBe(CS);
    expect(q.get('sku')).toBe('A-1');
    expect(s.requests[0]?.headers.authorization).toBeUndefined();
  });

  it('signs OAuth 1.0a HMAC-SHA1 as the server recomputes it, with a fresh nonce per attempt', async () => {
    let n = 0;
    const verdicts: boolean[] = [];
    const s = await server((req, res) => {
      n++;
      const v = verifyOAuth(req.method ?? '', `http://${req.headers.host}`, req.url ?? '', CS, 'sha1');
      verdicts.push(v.ok);
      if (!v.ok) json(res, 401, { code: 'woocommerce_rest_authentication_error', message: 'Invalid signature - provided signature does not match.' });
      else if (n === 1) json(res, 503, {});
      else json(res, 200, []);
    });
    const { client: c } = client(`${s.url}/wp-json/wc/v3/`, {
      auth: oauth1(CK, CS, { signatureMethod: 'HMAC-SHA1' }),
    });
    await c.request({ method: 'GET', path: 'products', query: { search: "tee shirt (red)*!'~", 'status[]': 'publish', per_page: 10 } });
    expect(verdicts).toEqual([true, true]);
    const [first, second] = s.requests.map((r) => new URL(r.url, s.url).searchParams);
    expect(first?.get('oauth_consumer_key')).toBe(CK);
    expect(first?.get('oauth_signature_method')).toBe('HMAC-SHA1');
    expect(first?.get('oauth_nonce')).toHaveLength(32);
    expect(first?.get('oauth_version')).toBeNull();
    expect(first?.get('oauth_nonce')).not.toBe(second?.get('oauth_nonce'));
    expect(s.requests[0]?.url).toContain('search=tee%20shirt%20%28red%29%2A%21%27~');
  });

  it('signs OAuth 1.0a HMAC-SHA256 for POST without signing the body', async () => {
    const s = await server((req, res) => {
      const v = verifyOAuth(req.method ?? '', `http://${req.headers.host}`, req.url ?? '', CS, 'sha256');
      json(res, v.ok ? 201 : 401, {});
    });
    const { client: c } = client(s.url, { auth: oauth1(CK, CS, { signatureMethod: 'HMAC-SHA256' }) });
    const res = await c.request({ method: 'POST', path: 'products', json: { name: 'x' } });
    expect(res.status).toBe(201);
  });

  it('follows the spec on a fixed vector (timestamp and nonce injected)', async () => {
    const strategy = oauth1('key', 'secret', { signatureMethod: 'HMAC-SHA1', now: () => 1_700_000_000_000, nonce: () => 'n'.repeat(32) });
    const t: AuthTarget = { method: 'GET', baseUrl: 'http://shop.test/wp-json/wc/v3/orders', params: [['page', '2']], headers: {} };
    await strategy.apply(t);
    const sig = t.params.find(([k]) => k === 'oauth_signature')?.[1];
    const base = 'GET&' + enc('http://shop.test/wp-json/wc/v3/orders') + '&' + enc(
      `oauth_consumer_key=key&oauth_nonce=${'n'.repeat(32)}&oauth_signature_method=HMAC-SHA1&oauth_timestamp=1700000000&page=2`);
    expect(sig).toBe(crypto.createHmac('sha1', 'secret&').update(base).digest('base64'));
  });

  it('can sign in the Authorization header with a token (Magento integration)', async () => {
    const strategy = oauth1('ck', 'cs', {
      signatureMethod: 'HMAC-SHA256', token: { key: 'at', secret: 'ats' }, placement: 'header',
      now: () => 1_700_000_000_000, nonce: () => 'abc',
    });
    const t: AuthTarget = { method: 'GET', baseUrl: 'https://m2.test/rest/all/V1/products', params: [['searchCriteria[pageSize]', '5']], headers: {} };
    await strategy.apply(t);
    expect(t.params).toEqual([['searchCriteria[pageSize]', '5']]);
    const header = t.headers.authorization ?? '';
    expect(header).toMatch(/^OAuth oauth_consumer_key="ck", oauth_nonce="abc", oauth_signature="[^"]+", oauth_signature_method="HMAC-SHA256", oauth_timestamp="1700000000", oauth_token="at"$/);
    const base = 'GET&' + enc('https://m2.test/rest/all/V1/products') + '&' + enc(
      `oauth_consumer_key=ck&oauth_nonce=abc&oauth_signature_method=HMAC-SHA256&oauth_timestamp=1700000000&oauth_token=at&${enc('searchCriteria[pageSize]')}=5`);
    const expected = crypto.createHmac('sha256', 'cs&ats').update(base).digest('base64');
    expect(header).toContain(`oauth_signature="${enc(expected)}"`);
  });

  it('sends bearer and header tokens', async () => {
    const t: AuthTarget = { method: 'GET', baseUrl: 'https://x/', params: [], headers: {} };
    await composeAuth(bearer('tok'), headerToken('X-Shopify-Access-Token', 'shpat_1'))?.apply(t);
    expect(t.headers).toEqual({ authorization: 'Bearer tok', 'x-shopify-access-token': 'shpat_1' });
  });
});

describe('protected directory (site auth) and API auth', () => {
  it('composes the site Basic header with query-string API keys', async () => {
    const s = await server((_req, res) => json(res, 200, {}));
    const { client: c } = client(s.url, {
      siteAuth: { user: 'dir', password: 'dirpass' },
      auth: queryStringAuth({ consumer_key: CK, consumer_secret: CS }),
    });
    await c.request({ method: 'GET', path: 'products' });
    const r = s.requests[0];
    expect(r?.headers.authorization).toBe(`Basic ${Buffer.from('dir:dirpass').toString('base64')}`);
    expect(r?.url).toContain(`consumer_key=${CK}`);
  });

  it('refuses two strategies that both need Authorization, naming the option', () => {
    let err: unknown;
    try {
      withSiteAuth(basicAuth(CK, CS), { user: 'dir', password: 'p' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).field).toBe('http.basicAuth');
    expect((err as Error).message).toContain('http.alternative.requests');
  });
});
