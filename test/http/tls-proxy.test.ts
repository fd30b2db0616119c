import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProxyAgent } from 'undici';
import { HttpClient, HttpError } from '../../src/http/http-client.js';
import { json, makePki, startHttp, startHttps, startProxy, type TestPki } from './support/servers.js';
import { testClient } from './support/client.js';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()?.close();
});

function client(...args: Parameters<typeof testClient>) {
  const r = testClient(...args);
  open.push(r.client);
  return r;
}

let pki: TestPki;
beforeAll(async () => {
  pki = await makePki();
});

describe('TLS', () => {
  it('trusts a private CA given as caPem, and refuses the shop without it (no retry)', async () => {
    const s = await startHttps(pki, (_req, res) => json(res, 200, { ok: true }));
    open.push(s);
    const { client: trusting } = client(s.url, { caPem: pki.caPem, tlsMin: 'TLSv1.2' });
    expect((await trusting.request({ method: 'GET', path: 'x' })).data).toEqual({ ok: true });

    const { client: plain } = client(s.url);
    const err = await plain.request({ method: 'GET', path: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).attempts).toBe(1);
    expect((err as HttpError).code).toMatch(/CERT|SIGNATURE|ISSUER/);
    expect((err as HttpError).message).toContain('certificat ou TLS refusé');
  });

  it('enforces tlsMin against a server capped at TLS 1.2', async () => {
    const s = await startHttps(pki, (_req, res) => json(res, 200, {}), { maxVersion: 'TLSv1.2' });
    open.push(s);
    const { client: c } = client(s.url, { caPem: pki.caPem, tlsMin: 'TLSv1.3' });
    const err = await c.request({ method: 'GET', path: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBeNull();
    expect((err as HttpError).attempts).toBe(1);
  });
});

describe('proxy', () => {
  it('tunnels HTTP and HTTPS through a CONNECT proxy with Basic proxy credentials', async () => {
    const auth = `Basic ${Buffer.from('puser:ppass').toString('base64')}`;
    const proxy = await startProxy(auth);
    open.push(proxy);
    const plain = await startHttp((_req, res) => json(res, 200, { via: 'http' }));
    open.push(plain);
    const secure = await startHttps(pki, (_req, res) => json(res, 200, { via: 'https' }));
    open.push(secure);
    const proxyOpts = { host: '127.0.0.1', port: proxy.port, user: 'puser', password: 'ppass' };

    const { client: c1 } = client(plain.url, { proxy: proxyOpts });
    expect((await c1.request({ method: 'GET', path: 'a' })).data).toEqual({ via: 'http' });
    const { client: c2 } = client(secure.url, { proxy: proxyOpts, caPem: pki.caPem });
    expect((await c2.request({ method: 'GET', path: 'b' })).data).toEqual({ via: 'https' });

    expect(proxy.connects.map((x) => x.target)).toEqual([`127.0.0.1:${plain.port}`, `127.0.0.1:${secure.port}`]);
    expect(proxy.connects.every((x) => x.auth === auth)).toBe(true);
    expect(plain.requests[0]?.headers['proxy-authorization']).toBeUndefined();
  });

  it('fails without retry when the proxy refuses the credentials, without showing them', async () => {
    const proxy = await startProxy('Basic other');
    open.push(proxy);
    const target = await startHttp((_req, res) => json(res, 200, {}));
    open.push(target);
    const { client: c } = client(target.url, { proxy: { host: '127.0.0.1', port: proxy.port, user: 'puser', password: 'ppass-secret' } });
    const err = await c.request({ method: 'GET', path: 'a' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).message).toContain('407');
    expect((err as HttpError).message).not.toContain('ppass-secret');
    expect(target.requests).toHaveLength(0);
  });

  it('builds a ProxyAgent when a proxy is configured', async () => {
    const d = HttpClient.buildDispatcher({ timeoutMs: 1000, proxy: { host: 'proxy.local', port: 3128 } });
    expect(d).toBeInstanceOf(ProxyAgent);
    await d.close();
  });
});
