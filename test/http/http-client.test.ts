import { describe, expect, it } from 'vitest';
import type http from 'node:http';
import { backoffMs, HttpClient, HttpError, newRequestMeter, retryAfterMs } from '../../src/http/http-client.js';
import { queryStringAuth, basicAuth } from '../../src/http/auth.js';
import { json, startHttp } from './support/servers.js';
import { useLifecycle } from './support/lifecycle.js';

const { server, client, track } = useLifecycle();

async function caught(p: Promise<unknown>): Promise<HttpError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof HttpError) return err;
    throw err;
  }
  throw new Error('expected an HttpError');
}

describe('HttpClient retries', () => {
  it('retries a 500 then succeeds', async () => {
    let n = 0;
    const s = await server((_req, res) => {
      n++;
      if (n <= 2) json(res, 500, { code: 'internal_server_error', message: 'boom' });
      else json(res, 200, { id: 7 });
    });
    const { client: c, rec } = client(`${s.url}/wp-json/wc/v3/`);
    const res = await c.request<{ id: number }>({ method: 'GET', path: 'products/7' });
    expect(res.status).toBe(200);
    expect(res.data).toEqual({ id: 7 });
    expect(res.attempts).toBe(3);
    expect(s.requests).toHaveLength(3);
    expect(s.requests[0]?.url).toBe('/wp-json/wc/v3/products/7');
    expect(rec.retryWaits()).toHaveLength(2);
    expect(rec.exchanges.map((e) => e.retried)).toEqual(['HTTP 500', 'HTTP 500', undefined]);
    expect(c.stats).toMatchObject({ requests: 3, retries: 2, writeRequests: 0, byStatus: { 500: 2, 200: 1 } });
    expect(c.stats.bytesReceived).toBeGreaterThan(0);
  });

  it('honours Retry-After: 1 on 429 (the wait asked, not real time)', async () => {
    let n = 0;
    const s = await server((_req, res) => {
      n++;
      if (n === 1) json(res, 429, { message: 'slow down' }, { 'retry-after': '1' });
      else json(res, 200, []);
    });
    const { client: c, rec } = client(s.url);
    const res = await c.request({ method: 'GET', path: 'orders' });
    expect(res.status).toBe(200);
    expect(rec.retryWaits()).toEqual([1000]);
    expect(rec.exchanges[0]).toMatchObject({ status: 429, retried: 'HTTP 429', waitMs: 1000 });
  });

  it('caps Retry-After at 120 s and reads HTTP dates and BigCommerce headers', () => {
    const now = Date.parse('2026-07-07T10:00:00Z');
    expect(retryAfterMs({ 'retry-after': '3600' }, now)).toBe(120_000);
    expect(retryAfterMs({ 'retry-after': 'Tue, 07 Jul 2026 10:00:05 GMT' }, now)).toBe(5000);
    expect(retryAfterMs({ 'retry-after': 'Tue, 07 Jul 2026 09:00:00 GMT' }, now)).toBe(0);
    expect(retryAfterMs({ 'x-retry-after': '5' }, now)).toBe(5000);
    expect(retryAfterMs({ 'x-rate-limit-time-reset-ms': '4200' }, now)).toBe(4200);
    expect(retryAfterMs({}, now)).toBeUndefined();
  });

  it('backs off exponentially with full jitter, capped at 30 s', () => {
    expect(backoffMs(1, () => 0.999999)).toBe(499);
    expect(backoffMs(2, () => 0.5)).toBe(500);
    expect(backoffMs(3, () => 0.5)).toBe(1000);
    expect(backoffMs(20, () => 0.999999)).toBe(29_999);
    expect(backoffMs(5, () => 0)).toBe(0);
  });

  it('a 429 pauses the whole client, not only the request that got it', async () => {
    let n = 0;
    const s = await server((_req, res) => {
      n++;
      if (n === 1) json(res, 429, {}, { 'retry-after': '2' });
      else json(res, 200, {});
    });
    let clock = 0;
    const { client: c, rec } = client(s.url, {
      now: () => clock,
      sleep: async (ms, why) => {
        rec.waits.push({ ms, why });
      },
    });
    await c.request({ method: 'GET', path: 'a' });
    // The retry waited 2 s; the clock did not move, so the next request still sees the pause.
    await c.request({ method: 'GET', path: 'b' });
    expect(rec.retryWaits()).toEqual([2000]);
    expect(rec.spacingWaits()).toEqual([2000, 2000]);
    clock = 5000;
    await c.request({ method: 'GET', path: 'c' });
    expect(rec.spacingWaits()).toEqual([2000, 2000]);
  });

  it('retries a reset connection for GET, not for POST, and for POST marked idempotent', async () => {
    const s = await server((req) => {
      req.socket.destroy();
    });
    const { client: c } = client(s.url);
    const get = await caught(c.request({ method: 'GET', path: 'products' }));
    expect(get.status).toBeNull();
    expect(get.attempts).toBe(3);
    expect(['UND_ERR_SOCKET', 'ECONNRESET']).toContain(get.code);
    expect(s.requests).toHaveLength(3);

    const post = await caught(c.request({ method: 'POST', path: 'products', json: { sku: 'A' } }));
    expect(post.attempts).toBe(1);
    expect(s.requests).toHaveLength(4);

    const put = await caught(c.request({ method: 'PUT', path: 'products/1', json: { sku: 'A' } }));
    expect(put.attempts).toBe(3);
    const idem = await caught(c.request({ method: 'POST', path: 'products/batch', json: {}, idempotent: true }));
    expect(idem.attempts).toBe(3);
    expect(s.requests).toHaveLength(10);
  });

  it('retries a POST when the connection was refused (nothing was sent)', async () => {
    const s = await startHttp(() => undefined);
    const url = s.url;
    await s.close();
    const { client: c, rec } = client(url);
    const err = await caught(c.request({ method: 'POST', path: 'orders', json: {} }));
    expect(err.code).toBe('ECONNREFUSED');
    expect(err.attempts).toBe(3);
    expect(rec.exchanges.map((e) => e.retried)).toEqual(['ECONNREFUSED', 'ECONNREFUSED', undefined]);
    expect(err.message).toContain('connexion refusée / connection refused');
  });

  it('retries a POST on 503 but not on a 504 gateway timeout', async () => {
    let status = 503;
    const s = await server((_req, res) => json(res, status, {}));
    const { client: c } = client(s.url);
    expect((await caught(c.request({ method: 'POST', path: 'x', json: {} }))).attempts).toBe(3);
    status = 504;
    expect((await caught(c.request({ method: 'POST', path: 'x', json: {} }))).attempts).toBe(1);
    expect((await caught(c.request({ method: 'GET', path: 'x' }))).attempts).toBe(3);
  });

  it('times out a silent server after maxTries with a code naming the timeout', async () => {
    const s = await server(() => undefined);
    const { client: c, rec } = client(s.url, { timeoutMs: 200, maxTries: 2 });
    const err = await caught(c.request({ method: 'GET', path: 'slow' }));
    expect(err.code).toBe('TIMEOUT');
    expect(err.status).toBeNull();
    expect(err.attempts).toBe(2);
    expect(err.message).toContain('délai dépassé / timed out');
    expect(s.requests).toHaveLength(2);
    expect(rec.exchanges.map((e) => e.code)).toEqual(['TIMEOUT', 'TIMEOUT']);
  });

  it('does not retry a POST after a timeout', async () => {
    const s = await server(() => undefined);
    const { client: c } = client(s.url, { timeoutMs: 200 });
    const err = await caught(c.request({ method: 'POST', path: 'products', json: { sku: 'A' } }));
    expect(err.code).toBe('TIMEOUT');
    expect(err.attempts).toBe(1);
    expect(s.requests).toHaveLength(1);
  });

  it('maxTries = 1 means no retry', async () => {
    const s = await server((_req, res) => json(res, 500, {}));
    const { client: c, rec } = client(s.url, { maxTries: 1 });
    const err = await caught(c.request({ method: 'GET', path: 'x' }));
    expect(err.status).toBe(500);
    expect(err.attempts).toBe(1);
    expect(s.requests).toHaveLength(1);
    expect(rec.waits).toEqual([]);
  });

  it('does not retry a 401 and carries the WooCommerce code and message', async () => {
    const s = await server((_req, res) => json(res, 401, {
      code: 'woocommerce_rest_authentication_error', message: 'Consumer key is invalid.', data: { status: 401 },
    }));
    const { client: c } = client(`${s.url}/wp-json/wc/v3`);
    const err = await caught(c.request({ method: 'GET', path: '/products', entity: 'article AR0003' }));
    expect(s.requests).toHaveLength(1);
    expect(err).toBeInstanceOf(HttpError);
    expect(err.status).toBe(401);
    expect(err.code).toBe('woocommerce_rest_authentication_error');
    expect(err.shopMessage).toBe('Consumer key is invalid.');
    expect(err.entity).toBe('article AR0003');
    expect(err.message).toBe(`HTTP 401 woocommerce_rest_authentication_error : Consumer key is invalid. (GET ${s.url}/wp-json/wc/v3/products)`);
  });

  it('returns allowed error statuses instead of throwing', async () => {
    const s = await server((_req, res) => json(res, 404, { code: 'woocommerce_rest_product_invalid_id', message: 'Invalid ID.' }));
    const { client: c } = client(s.url);
    const res = await c.request({ method: 'GET', path: 'products/9', allowStatus: [404] });
    expect(res.status).toBe(404);
  });

  it('reports a redirection with a hint on the shop URL', async () => {
    const s = await server((_req, res) => {
      res.writeHead(301, { location: 'https://www.shop.example/wp-json/wc/v3/products?consumer_key=ck_leak' }).end();
    });
    const { client: c } = client(s.url);
    const err = await caught(c.request({ method: 'GET', path: 'products' }));
    expect(err.status).toBe(301);
    // Errors show a URL without its query string, whatever its parameters are called.
    expect(err.message).toContain('redirected to https://www.shop.example/wp-json/wc/v3/products?… :');
    expect(err.message).not.toContain('ck_leak');
    expect(err.message).not.toContain('consumer_key');
  });
});

describe('HttpClient secrets', () => {
  it('strips secrets from error messages, error URLs and exchange URLs', async () => {
    const s = await server((req, res) => {
      // A host error page echoing the request URL.
      res.writeHead(403, { 'content-type': 'text/html' });
      res.end(`<html><head><title>Forbidden ${req.url}</title></head><body>no</body></html>`);
    });
    const { client: c, rec } = client(s.url, {
      auth: queryStringAuth({ consumer_key: 'ck_1234567890abcdef', consumer_secret: 'cs_fedcba0987654321' }),
    });
    const err = await caught(c.request({ method: 'GET', path: 'products', query: { sku: 'AR 1', oauth_token: 'tok_zzzzzz' } }));
    expect(s.requests[0]?.url).toContain('consumer_key=ck_1234567890abcdef');
    for (const text of [err.message, err.url, err.shopMessage ?? '', ...rec.exchanges.map((e) => e.url)]) {
      expect(text).not.toContain('ck_1234567890abcdef');
      expect(text).not.toContain('cs_fedcba0987654321');
      expect(text).not.toContain('tok_zzzzzz');
    }
    // Errors never carry a query string; the exchange log keeps it, credentials masked.
    expect(err.url).toBe(`${s.url}/products?…`);
    expect(err.message).toContain(`(GET ${s.url}/products?…)`);
    // The shop's own page may echo the request: credential parameters in it are masked.
    expect(err.message).not.toMatch(/(consumer_key|consumer_secret|oauth_\w+)=(?!\*\*\*)/);
    expect(rec.exchanges[0]?.url).toBe(`${s.url}/products?sku=AR%201&oauth_token=***&consumer_key=***&consumer_secret=***`);
  });

  it('never shows the Authorization header', async () => {
    const s = await server((req, res) => json(res, 401, { message: `bad header ${req.headers.authorization}` }));
    const { client: c } = client(s.url, { auth: basicAuth('ck_user_abcdef', 'cs_pass_abcdef') });
    const err = await caught(c.request({ method: 'GET', path: 'x' }));
    const b64 = Buffer.from('ck_user_abcdef:cs_pass_abcdef').toString('base64');
    expect(s.requests[0]?.headers.authorization).toBe(`Basic ${b64}`);
    expect(err.message).not.toContain(b64);
    expect(err.message).not.toContain('cs_pass_abcdef');
  });
});

describe('HttpClient scheduling', () => {
  it('spaces request starts by delayMs (computed waits, fake clock)', async () => {
    const s = await server((_req, res) => json(res, 200, {}));
    let clock = 1000;
    const waits: number[] = [];
    const c = new HttpClient({
      baseUrl: s.url, timeoutMs: 5000, delayMs: 100, maxTries: 1, userAgent: 't', concurrency: 4,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    });
    track(c);
    for (let i = 0; i < 3; i++) await c.request({ method: 'GET', path: 'x' });
    expect(waits).toEqual([100, 100]);
    clock += 1000;
    await c.request({ method: 'GET', path: 'x' });
    expect(waits).toEqual([100, 100]);
  });

  it('reserves spacing slots for concurrent requests', async () => {
    const s = await server((_req, res) => json(res, 200, {}));
    const { client: c, rec } = client(s.url, { delayMs: 100, concurrency: 4, now: () => 0 });
    await Promise.all([1, 2, 3, 4].map(() => c.request({ method: 'GET', path: 'x' })));
    expect(rec.spacingWaits().sort((a, b) => a - b)).toEqual([100, 200, 300]);
  });

  it('caps the requests in flight at the concurrency', async () => {
    let inFlight = 0;
    let max = 0;
    const s = await server((_req, res: http.ServerResponse) => {
      inFlight++;
      max = Math.max(max, inFlight);
      setTimeout(() => {
        inFlight--;
        json(res, 200, {});
      }, 40);
    });
    const { client: c } = client(s.url, { concurrency: 3 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => c.request({ method: 'GET', path: `x/${i}` })));
    expect(s.requests).toHaveLength(10);
    expect(max).toBeLessThanOrEqual(3);
    expect(max).toBeGreaterThanOrEqual(2);
  });

  it('stops on abort, including during a retry wait', async () => {
    const s = await server((_req, res) => json(res, 503, {}));
    const ac = new AbortController();
    const { client: c } = client(s.url, {
      sleep: () => new Promise<void>(() => {
        ac.abort(new Error('run interrupted'));
      }),
    });
    await expect(c.request({ method: 'GET', path: 'x', signal: ac.signal })).rejects.toThrow('run interrupted');
    expect(s.requests).toHaveLength(1);
  });
});

describe('HttpClient bodies', () => {
  it('sends JSON, counts bytes and write requests, parses JSON after PHP notices', async () => {
    const s = await server((_req, res, body) => {
      res.writeHead(201, { 'content-type': 'application/json' });
      res.end(`<br />\n<b>Notice</b>: Undefined index in x.php<br />\n${JSON.stringify({ echo: JSON.parse(body) })}`);
    });
    const { client: c } = client(s.url);
    const res = await c.request<{ echo: unknown }>({ method: 'POST', path: 'products', json: { sku: 'é' } });
    expect(res.data).toEqual({ echo: { sku: 'é' } });
    expect(s.requests[0]?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(s.requests[0]?.headers['user-agent']).toBe('Passerelle-test');
    expect(c.stats.writeRequests).toBe(1);
    expect(c.stats.bytesSent).toBe(Buffer.byteLength('{"sku":"é"}'));
  });

  it('counts every attempt of several clients in one shared meter, writes being POST, PUT, PATCH and DELETE', async () => {
    let n = 0;
    const s = await server((req, res) => {
      // The first GET gets a 503: its retry is a request the shop saw too.
      if (req.method === 'GET' && n++ === 0) json(res, 503, { message: 'busy' });
      else json(res, 200, {});
    });
    const meter = newRequestMeter();
    const { client: api } = client(s.url, { meter });
    const { client: media } = client(s.url, { meter });
    await api.request({ method: 'GET', path: 'a' });
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE'] as const) await api.request({ method, path: 'b', json: {} });
    await media.request({ method: 'POST', path: 'media', body: 'x' });
    await media.request({ method: 'GET', path: 'c' });
    expect(s.requests).toHaveLength(8);
    expect(meter).toEqual({ requests: 8, writeRequests: 5 });
    expect(api.stats).toMatchObject({ requests: 6, writeRequests: 4, retries: 1 });
    expect(media.stats).toMatchObject({ requests: 2, writeRequests: 1 });
  });

  it('fails clearly on a 2xx that claims JSON but is not', async () => {
    const s = await server((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('<html>maintenance</html>');
    });
    const { client: c } = client(s.url);
    const err = await caught(c.request({ method: 'GET', path: 'x' }));
    expect(err.code).toBe('INVALID_JSON');
    expect(err.attempts).toBe(1);
  });

  it('returns text, buffers, null for empty bodies, and lower-case headers', async () => {
    const s = await server((req, res) => {
      if (req.url === '/empty') res.writeHead(204).end();
      else res.writeHead(200, { 'content-type': 'application/xml', 'X-Custom': 'v' }).end('<prestashop/>');
    });
    const { client: c } = client(s.url);
    expect((await c.request({ method: 'GET', path: 'empty' })).data).toBeNull();
    const xml = await c.request<string>({ method: 'GET', path: 'x' });
    expect(xml.data).toBe('<prestashop/>');
    expect(xml.headers['x-custom']).toBe('v');
    const buf = await c.request<Buffer>({ method: 'GET', path: 'x', responseType: 'buffer' });
    expect(Buffer.isBuffer(buf.data)).toBe(true);
  });

  it('builds URLs: base path kept, arrays repeated, undefined skipped, default query, foreign origins refused', async () => {
    const s = await server((_req, res) => json(res, 200, []));
    const { client: c } = client(`${s.url}/api/`, { defaultQuery: { output_format: 'JSON' } });
    await c.request({ method: 'GET', path: '/products?display=full', query: { 'status[]': ['a', 'b'], skip: undefined, n: 3, f: false } });
    expect(s.requests[0]?.url).toBe('/api/products?display=full&output_format=JSON&status%5B%5D=a&status%5B%5D=b&n=3&f=false');
    await expect(c.request({ method: 'GET', path: 'https://evil.example/api/products' })).rejects.toThrow('URL outside the shop');
  });

  it('lets a hook retry a 200 that signals throttling (Shopify THROTTLED)', async () => {
    let n = 0;
    const s = await server((_req, res) => {
      n++;
      json(res, 200, n === 1 ? { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED' } }] } : { data: { ok: true } });
    });
    const { client: c, rec } = client(s.url, {
      shouldRetry: (res) => {
        const d = res.data as { errors?: { extensions?: { code?: string } }[] };
        return d.errors?.some((e) => e.extensions?.code === 'THROTTLED') ? { reason: 'THROTTLED', waitMs: 1500 } : undefined;
      },
    });
    const res = await c.request({ method: 'POST', path: 'graphql.json', json: { query: '{}' } });
    expect(res.data).toEqual({ data: { ok: true } });
    expect(rec.retryWaits()).toEqual([1500]);
  });
});

describe('HttpClient configuration', () => {
  it('refuses credentials inside the base URL and a maxTries below 1', () => {
    expect(() => new HttpClient({ baseUrl: 'https://KEY@shop.test/api/', timeoutMs: 1, delayMs: 0, maxTries: 1, userAgent: 't' }))
      .toThrow('credentials in the URL refused');
    expect(() => new HttpClient({ baseUrl: 'https://shop.test/', timeoutMs: 1, delayMs: 0, maxTries: 0, userAgent: 't' }))
      .toThrow('maxTries');
    expect(() => new HttpClient({ baseUrl: 'ftp://shop.test/', timeoutMs: 1, delayMs: 0, maxTries: 1, userAgent: 't' }))
      .toThrow('expected an http(s) URL');
  });
});
