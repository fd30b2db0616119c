/**
 * Who may talk to the service: Host and Origin checks on a real socket (the port a request
 * arrived on matters), the access token, /hooks left to signatures but rate limited, body limits.
 * Each refusal is checked by its outcome too: the run not started, the profile not deleted.
 */
import http from 'node:http';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/app/app-context.js';
import { demoInit } from '../../src/cli/demo.js';
import { AccessRules, tokenMatches } from '../../src/service/access.js';
import { buildServer, HOOKS_BODY_LIMIT } from '../../src/service/server.js';
import { makeTempDir, removeTempDirs } from '../support/e2e-cli.js';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json<T = Record<string, unknown>>(): T;
}

/** A raw request: node:http lets a test send any Host and Origin, as a browser or an attacker would. */
function send(base: string, method: string, path: string, headers: Record<string, string> = {}, body?: string | Buffer): Promise<Answer> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: u.hostname, port: u.port, method, path, headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, json: <T>() => JSON.parse(text) as T });
      });
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

const TOKEN = 'test-token-0123456789abcdef';
/** A stand-in for the webhook inbox (built elsewhere): /hooks routes get their limits whoever declares them. */
const hookRoute = (received: number[]) => (s: FastifyInstance) => {
  s.post('/hooks/test/:profile', { schema: { summary: 'Test hook', tags: ['operation'] } }, async (req) => {
    received.push(JSON.stringify(req.body ?? null).length);
    return { ok: true };
  });
};

afterAll(() => removeTempDirs());

describe('Host and Origin checks on loopback (no token)', () => {
  let app: AppContext;
  let server: FastifyInstance;
  let base: string;
  let port: number;

  beforeAll(async () => {
    delete process.env.PASSERELLE_SECRET_KEY;
    app = new AppContext(makeTempDir('passerelle-sec-'));
    await demoInit(app, { shop: {} });
    app.profiles.create({ name: 'victim', gescom: { kind: 'embedded', db: app.profiles.load('demo').gescom.db } });
    ({ server } = buildServer({ app }));
    base = await server.listen({ port: 0, host: '127.0.0.1' });
    port = Number(new URL(base).port);
  });

  afterAll(async () => {
    await server?.close();
    app?.close();
  });

  const runCount = () => app.state.runs('demo', 500).length;

  it('a cross-origin POST is refused and starts nothing', async () => {
    const before = runCount();
    const res = await send(base, 'POST', '/api/runs', { origin: 'http://evil.example' }, JSON.stringify({ profile: 'demo', action: 'gescom.check' }));
    expect(res.status).toBe(403);
    expect(res.json()).toMatchObject({ error: 'CrossOrigin', field: 'Origin', entity: 'request' });
    expect(res.json<{ message: string }>().message).toContain('http://evil.example');
    expect(runCount()).toBe(before);
  });

  it('a %-escaped path the router decodes to /api is checked as /api (no Origin bypass)', async () => {
    const before = runCount();
    for (const path of ['/%61pi/runs', '/api/%72uns']) {
      const res = await send(base, 'POST', path, { origin: 'http://evil.example' }, JSON.stringify({ profile: 'demo', action: 'gescom.check' }));
      expect(res.status, path).toBe(403);
      expect(res.json(), path).toMatchObject({ error: 'CrossOrigin' });
    }
    expect(runCount()).toBe(before);
  });

  it('a cross-origin DELETE, an Origin "null" and another local port are refused too; the profile stays', async () => {
    for (const origin of ['http://evil.example', 'null', `http://127.0.0.1:${port + 1}`, `https://localhost:${port}.evil.example`]) {
      const res = await send(base, 'DELETE', '/api/profiles/victim', { origin });
      expect(res.status, origin).toBe(403);
    }
    expect(app.profiles.exists('victim')).toBe(true);
  });

  it('a same-origin POST and a POST without Origin (curl, scripts) are served', async () => {
    const same = await send(base, 'POST', '/api/runs', { origin: base }, JSON.stringify({ profile: 'demo', action: 'gescom.check' }));
    expect(same.status).toBe(202);
    const id = same.json<{ id: number }>().id;
    await new Promise((r) => setTimeout(r, 50));
    const localhost = await send(base, 'POST', `/api/runs/${id}/cancel`, { host: `localhost:${port}`, origin: `http://localhost:${port}` });
    expect(localhost.status).toBe(200);
    // Wait for the run to end before the next one (one run per profile).
    for (let i = 0; i < 200 && app.state.run(id)?.status === 'running'; i++) await new Promise((r) => setTimeout(r, 25));
    const noOrigin = await send(base, 'POST', '/api/runs', {}, JSON.stringify({ profile: 'demo', action: 'gescom.check' }));
    expect(noOrigin.status).toBe(202);
    const run = app.state.run(noOrigin.json<{ id: number }>().id);
    expect(run).toMatchObject({ profile: 'demo', action: 'gescom.check' });
    for (let i = 0; i < 200 && app.state.run(run!.id)?.status === 'running'; i++) await new Promise((r) => setTimeout(r, 25));
  });

  it('a foreign Host is refused, reads included (DNS rebinding); the loopback names on this port are served', async () => {
    for (const host of [`evil.example:${port}`, `127.0.0.1.evil.example:${port}`, `127.0.0.1:${port + 1}`, 'localhost']) {
      const res = await send(base, 'GET', '/api/profiles', { host });
      expect(res.status, host).toBe(403);
      expect(res.json(), host).toMatchObject({ error: 'ForeignHost', field: 'Host' });
      expect(res.body).not.toContain('victim');
    }
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      const res = await send(base, 'GET', '/api/profiles', { host });
      expect(res.status, host).toBe(200);
      expect(res.body).toContain('victim');
    }
    // A state change under a foreign Host is refused before its Origin is even looked at.
    const del = await send(base, 'DELETE', '/api/profiles/victim', { host: `evil.example:${port}` });
    expect(del.status).toBe(403);
    expect(app.profiles.exists('victim')).toBe(true);
  });

  it('the refusal is in the request\'s language', async () => {
    const res = await send(base, 'GET', '/api/health', { host: 'evil.example', 'accept-language': 'en' });
    expect(res.json<{ message: string }>().message).toBe('host "evil.example" refused: the service answers only as 127.0.0.1, localhost, [::1] and the names given with --public-host');
    const fr = await send(base, 'GET', '/api/health', { host: 'evil.example', 'accept-language': 'fr' });
    expect(fr.json<{ message: string }>().message).toContain('hôte « evil.example » refusé');
  });

  it('a body over 1 MiB is refused with 413 and changes nothing', async () => {
    const big = JSON.stringify({ name: 'huge', gescom: { kind: 'embedded', db: '/x.db' }, general: { note: 'x'.repeat(1024 * 1024) } });
    const res = await send(base, 'POST', '/api/profiles', {}, big);
    expect(res.status).toBe(413);
    expect(res.json()).toMatchObject({ error: 'BodyTooLarge', field: 'body', message: 'corps de la requête trop gros : 1024 Kio au plus' });
    expect(app.profiles.exists('huge')).toBe(false);
  });

  it('a request the schema refuses names the field', async () => {
    const res = await send(base, 'GET', '/api/runs?limit=abc');
    expect(res.status).toBe(400);
    expect(res.json()).toMatchObject({ field: 'limit', entity: 'request querystring' });
    const params = await send(base, 'POST', '/api/runs', {}, JSON.stringify({ action: 'gescom.check', params: [1] }));
    expect(params.status).toBe(400);
    expect(params.json()).toMatchObject({ field: 'params' });
  });
});

describe('with an access token (listening off loopback)', () => {
  let app: AppContext;
  let server: FastifyInstance;
  let base: string;
  let port: number;
  const received: number[] = [];

  beforeAll(async () => {
    app = new AppContext(makeTempDir('passerelle-sec-token-'));
    await demoInit(app, { shop: {} });
    ({ server } = buildServer({
      app, access: { token: TOKEN, publicHosts: ['passerelle.example.com'] }, hooksRateLimit: { max: 3, timeWindowMs: 60_000 }, routes: [hookRoute(received)],
    }));
    base = await server.listen({ port: 0, host: '127.0.0.1' });
    port = Number(new URL(base).port);
  });

  afterAll(async () => {
    await server?.close();
    app?.close();
  });

  it('every /api route and /metrics require the token; a wrong one is refused', async () => {
    for (const path of ['/api/health', '/api/profiles', '/api/runs', '/metrics']) {
      const none = await send(base, 'GET', path);
      expect(none.status, path).toBe(401);
      expect(none.headers['www-authenticate'], path).toBe('Bearer realm="passerelle"');
      expect(none.json(), path).toMatchObject({ error: 'Unauthorized', field: 'Authorization' });
      const wrong = await send(base, 'GET', path, { authorization: `Bearer ${TOKEN}x` });
      expect(wrong.status, path).toBe(401);
      const right = await send(base, 'GET', path, { authorization: `Bearer ${TOKEN}` });
      expect(right.status, path).toBe(200);
    }
    for (const path of ['/%61pi/health', '/api/%70rofiles', '/%6Detrics']) {
      const escaped = await send(base, 'GET', path);
      expect(escaped.status, path).toBe(401);
    }
    const before = app.state.runs('demo').length;
    const run = await send(base, 'POST', '/api/runs', { authorization: 'Basic ' + Buffer.from(`x:${TOKEN}`).toString('base64') }, JSON.stringify({ action: 'gescom.check' }));
    expect(run.status).toBe(401);
    expect(app.state.runs('demo').length).toBe(before);
  });

  it('the public name is answered as; other names still are not', async () => {
    const ok = await send(base, 'GET', '/api/profiles', { host: 'passerelle.example.com', authorization: `Bearer ${TOKEN}` });
    expect(ok.status).toBe(200);
    const other = await send(base, 'GET', '/api/profiles', { host: `evil.example:${port}`, authorization: `Bearer ${TOKEN}` });
    expect(other.status).toBe(403);
  });

  it('the API description is readable without the token (a browser shows it)', async () => {
    const res = await send(base, 'GET', '/api/docs/json');
    expect(res.status).toBe(200);
    expect(res.json()).toHaveProperty('openapi');
  });

  it('/hooks need no token and accept any Host, but are rate limited: 429 with Retry-After', async () => {
    const statuses: number[] = [];
    let limited: Answer | undefined;
    for (let i = 0; i < 5; i++) {
      const res = await send(base, 'POST', '/hooks/test/demo', { host: 'shop-facing.example.net' }, JSON.stringify({ id: i }));
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    expect(received).toHaveLength(3);
    expect(Number(limited!.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited!.headers['x-ratelimit-limit']).toBe('3');
    expect(limited!.json()).toMatchObject({ error: 'RateLimited', message: expect.stringMatching(/^trop de requêtes de cette adresse : réessayez dans \d+ s$/) });
  });
});

describe('/hooks behind a reverse proxy (--trust-proxy)', () => {
  it('each sender the proxy names has its own bucket; without trusting the proxy they would share one', async () => {
    const app = new AppContext(makeTempDir('passerelle-sec-proxy-'));
    const received: number[] = [];
    const { server } = buildServer({ app, hooksRateLimit: { max: 1, timeWindowMs: 60_000 }, trustProxy: ['127.0.0.1'], routes: [hookRoute(received)] });
    const base = await server.listen({ port: 0, host: '127.0.0.1' });
    try {
      const from = (ip: string) => send(base, 'POST', '/hooks/test/demo', { 'x-forwarded-for': ip }, JSON.stringify({ id: ip }));
      expect((await from('203.0.113.7')).status).toBe(200);
      expect((await from('198.51.100.9')).status).toBe(200);
      expect((await from('203.0.113.7')).status).toBe(429);
      expect(received).toHaveLength(2);
    } finally {
      await server.close();
      app.close();
    }
  });
});

describe('/hooks body limit', () => {
  it('a delivery bigger than the API limit is read; one over the hooks limit gets 413', async () => {
    const app = new AppContext(makeTempDir('passerelle-sec-hooks-'));
    const received: number[] = [];
    const { server } = buildServer({ app, routes: [hookRoute(received)] });
    try {
      const base = await server.listen({ port: 0, host: '127.0.0.1' });
      const twoMiB = JSON.stringify({ lines: 'x'.repeat(2 * 1024 * 1024) });
      expect((await send(base, 'POST', '/hooks/test/demo', {}, twoMiB)).status).toBe(200);
      expect(received).toEqual([twoMiB.length]);
      const tooBig = JSON.stringify({ lines: 'x'.repeat(HOOKS_BODY_LIMIT) });
      const refused = await send(base, 'POST', '/hooks/test/demo', { 'accept-language': 'en' }, tooBig);
      expect(refused.status).toBe(413);
      expect(refused.json()).toMatchObject({ error: 'BodyTooLarge', message: 'request body too large: 4096 KiB at most' });
      expect(received).toHaveLength(1);
    } finally {
      await server.close();
      app.close();
    }
  });
});

describe('route declarations', () => {
  it('a route declared outside the routes plugin is refused at once (it would escape /api/docs and the /hooks limits)', () => {
    const app = new AppContext(makeTempDir('passerelle-sec-root-'));
    const { server } = buildServer({ app });
    expect(() => server.post('/hooks/late/:profile', async () => ({}))).toThrow(/declare routes inside buildServer's routes plugin/);
    void server.close();
    app.close();
  });
});

describe('access rules, unit', () => {
  it('tokens compare whole, whatever their lengths', () => {
    expect(tokenMatches(TOKEN, TOKEN)).toBe(true);
    expect(tokenMatches(TOKEN.slice(0, -1), TOKEN)).toBe(false);
    expect(tokenMatches('', TOKEN)).toBe(false);
  });

  it('off loopback the connection\'s own address names the service, any port (a published container port)', () => {
    const rules = new AccessRules({ publicHosts: ['shop.example:8443'] });
    const lan = { localAddress: '192.168.1.5', localPort: 8640 };
    expect(rules.hostAllowed('192.168.1.5:8640', lan)).toBe(true);
    expect(rules.hostAllowed('localhost:9000', lan)).toBe(true);
    expect(rules.hostAllowed('192.168.1.6:8640', lan)).toBe(false);
    expect(rules.hostAllowed('shop.example:8443', lan)).toBe(true);
    expect(rules.hostAllowed('shop.example', lan)).toBe(false);
    expect(rules.hostAllowed('user@localhost', lan)).toBe(false);
    expect(rules.originAllowed('https://shop.example:8443', 'shop.example:8443')).toBe(true);
    expect(rules.originAllowed('https://shop.example', 'shop.example:443')).toBe(true);
    expect(rules.originAllowed('http://shop.example', 'shop.example:443')).toBe(false);
  });
});
