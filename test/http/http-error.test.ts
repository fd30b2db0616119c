/**
 * How a failed request reads (issue 7): a 5xx is the shop answering with an error —
 * its status and its own message, tags removed — never "unreachable"; a connection
 * failure still says so. Table-driven over the shapes the shops send.
 */
import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../src/errors.js';
import { HttpError } from '../../src/http/http-client.js';
import { json } from './support/servers.js';
import { useLifecycle } from './support/lifecycle.js';

const { server, client } = useLifecycle();

async function caught(p: Promise<unknown>): Promise<HttpError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof HttpError) return err;
    throw err;
  }
  throw new Error('expected an HttpError');
}

const WP_CRITICAL = {
  code: 'internal_server_error',
  message: '<p>There has been a critical error on this website.</p><p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">Learn more about troubleshooting WordPress.</a></p>',
  data: { status: 500 },
};

describe('HttpError for a 5xx: the shop answered with an error', () => {
  const cases: { name: string; status: number; tries: number; body: (res: import('node:http').ServerResponse) => void; fr: string; en: string }[] = [
    {
      name: 'WordPress critical error (HTML inside JSON), after 3 tries',
      status: 500, tries: 3, body: (res) => json(res, 500, WP_CRITICAL),
      fr: 'la boutique a répondu par une erreur HTTP 500 (internal_server_error) : There has been a critical error on this website. Learn more about troubleshooting WordPress. (GET {url}/wp-json/wc/v3/products), après 3 essais',
      en: 'the shop answered with an error, HTTP 500 (internal_server_error): There has been a critical error on this website. Learn more about troubleshooting WordPress. (GET {url}/wp-json/wc/v3/products), after 3 tries',
    },
    {
      name: '503 HTML page from a proxy, one try',
      status: 503, tries: 1,
      body: (res) => {
        res.writeHead(503, { 'content-type': 'text/html' });
        res.end('<html><head><title>503 Service Temporarily Unavailable</title></head><body><h1>Maintenance</h1></body></html>');
      },
      fr: 'la boutique a répondu par une erreur HTTP 503 : 503 Service Temporarily Unavailable (GET {url}/wp-json/wc/v3/products)',
      en: 'the shop answered with an error, HTTP 503: 503 Service Temporarily Unavailable (GET {url}/wp-json/wc/v3/products)',
    },
    {
      name: '502 with an empty body, one try',
      status: 502, tries: 1,
      body: (res) => {
        res.writeHead(502);
        res.end();
      },
      fr: 'la boutique a répondu par une erreur HTTP 502, sans message (GET {url}/wp-json/wc/v3/products)',
      en: 'the shop answered with an error, HTTP 502, without a message (GET {url}/wp-json/wc/v3/products)',
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const s = await server((_req, res) => c.body(res));
      const { client: http } = client(`${s.url}/wp-json/wc/v3/`, { maxTries: c.tries });
      const err = await caught(http.request({ method: 'GET', path: 'products' }));
      expect(err.status).toBe(c.status);
      expect(err.answered).toBe(true);
      expect(err.attempts).toBe(c.tries);
      expect(errorMessage(err, 'fr')).toBe(c.fr.replace('{url}', s.url));
      expect(errorMessage(err, 'en')).toBe(c.en.replace('{url}', s.url));
      expect(err.message).not.toMatch(/injoignable|unreachable/);
    });
  }

  it('a connection refused still reads as a network failure (no status)', async () => {
    const s = await server((_req, res) => json(res, 200, {}));
    const url = s.url;
    await s.close();
    const { client: http } = client(`${url}/wp-json/wc/v3/`, { maxTries: 1 });
    const err = await caught(http.request({ method: 'GET', path: 'products' }));
    expect(err.status).toBeNull();
    expect(err.answered).toBe(false);
    expect(err.message).toMatch(/^ECONNREFUSED connexion refusée/);
  });
});
