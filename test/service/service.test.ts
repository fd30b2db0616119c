/**
 * The local service: started for real as a child process (`passerelle serve` and
 * `npm start`) on an empty data folder, then the JSON API in process through
 * fastify's inject, and the run journal as server-sent events over a real socket.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/app/app-context.js';
import { demoInit } from '../../src/cli/demo.js';
import { hashPassword } from '../../src/config/secrets.js';
import type { JournalEntry } from '../../src/journal/journal.js';
import type { OptionInfo } from '../../src/profile/options.js';
import type { Profile } from '../../src/profile/schema.js';
import { buildServer } from '../../src/service/server.js';
import type { RunRecord } from '../../src/state/state-store.js';
import { childEnv, CLI, makeTempDir, removeTempDirs, requireBuild, ROOT, startService, type RunningService } from '../support/e2e-cli.js';

const KEY = 'ck_123456';
const SECRET = 'cs_654321';

afterAll(() => removeTempDirs());

async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as T };
}

/** What a first start on an empty data folder must give: health, the demo profile and its database. */
async function checkFirstStart(service: RunningService, dataDir: string): Promise<void> {
  expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(service.output()).toContain(`Société exemple prête : ${path.join(dataDir, 'gescom', 'demo.db')}`);
  const health = await getJson<{ status: string; profiles: number; defaultProfile: string; dataDir: string }>(`${service.url}/api/health`);
  expect(health.status).toBe(200);
  expect(health.body).toMatchObject({ status: 'ok', profiles: 1, defaultProfile: 'demo', dataDir: path.resolve(dataDir) });
  const profiles = await getJson<{ name: string; default: boolean; gescom: string }[]>(`${service.url}/api/profiles`);
  expect(profiles.status).toBe(200);
  expect(profiles.body).toEqual([expect.objectContaining({ name: 'demo', default: true, gescom: 'embedded' })]);
  expect(fs.existsSync(path.join(dataDir, 'gescom', 'demo.db'))).toBe(true);
  expect(fs.existsSync(path.join(dataDir, 'profiles', 'demo.json'))).toBe(true);
}

// The two starts are independent: side by side, the build of `npm start` hides the other one.
describe('the service as a child process', { concurrent: true, timeout: 60_000 }, () => {
  beforeAll(() => requireBuild());

  it('`passerelle serve --port 0` prepares the demo on an empty data folder, answers, and stops on SIGTERM', async () => {
    const dataDir = makeTempDir('passerelle-serve-');
    const service = await startService(process.execPath, [CLI, 'serve', '--port', '0'], {
      cwd: ROOT, env: childEnv({ PASSERELLE_DATA_DIR: dataDir }), timeoutMs: 30_000,
    });
    try {
      await checkFirstStart(service, dataDir);
      const missing = await fetch(`${service.url}/api/profiles/nope`);
      expect(missing.status).toBe(404);
    } finally {
      const end = await service.stop();
      expect(end).toEqual({ code: 0, signal: null });
    }
  });

  it('`npm start` builds, then serves on PASSERELLE_PORT', async () => {
    // npm start rebuilds dist/ first (prestart). Run it in a copy of the project so that
    // the rebuild never rewrites the dist/ files other tests are running at the same time.
    const copy = makeTempDir('passerelle-npm-start-');
    for (const f of ['package.json', 'tsconfig.json', 'tsconfig.build.json']) fs.copyFileSync(path.join(ROOT, f), path.join(copy, f));
    fs.cpSync(path.join(ROOT, 'src'), path.join(copy, 'src'), { recursive: true });
    fs.cpSync(path.join(ROOT, 'web'), path.join(copy, 'web'), { recursive: true });
    fs.mkdirSync(path.join(copy, 'bench'));
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(copy, 'node_modules'), 'dir');
    const dataDir = makeTempDir('passerelle-npm-start-data-');
    const net = await import('node:net');
    const port = await new Promise<number>((resolve, reject) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const p = (probe.address() as { port: number }).port;
        probe.close(() => resolve(p));
      }).on('error', reject);
    });

    const service = await startService('npm', ['start'], {
      cwd: copy,
      env: childEnv({ PASSERELLE_DATA_DIR: dataDir, PASSERELLE_PORT: String(port), npm_config_update_notifier: 'false', npm_config_fund: 'false' }),
      timeoutMs: 100_000,
    });
    try {
      expect(fs.existsSync(path.join(copy, 'dist', 'src', 'cli', 'main.js'))).toBe(true); // built by prestart
      expect(service.url).toBe(`http://127.0.0.1:${port}`);
      // The web UI is built too, and served at / on the same origin.
      expect(service.output()).toContain(`Interface web : http://127.0.0.1:${port}/`);
      const page = await fetch(`http://127.0.0.1:${port}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Passerelle</title>');
      await checkFirstStart(service, dataDir);
    } finally {
      const end = await service.stop();
      expect(end.code !== null || end.signal !== null).toBe(true);
    }
    await expect(fetch(`http://127.0.0.1:${port}/api/health`)).rejects.toThrow();
  }, 120_000);
});

describe('the JSON API', () => {
  let app: AppContext;
  let server: FastifyInstance;
  let base: string;
  let demoDb: string;

  /** inject, checking that no answer ever holds a clear secret. */
  async function call(opts: InjectOptions): Promise<LightMyRequestResponse> {
    const res = await server.inject(opts);
    expect(res.payload).not.toContain(KEY);
    expect(res.payload).not.toContain(SECRET);
    return res;
  }

  /** Reads a run's journal as server-sent events until the `end` event. */
  async function readJournal(id: number): Promise<{ contentType: string | null; events: { event: string; data: unknown }[] }> {
    const res = await fetch(`${base}/api/runs/${id}/journal`, { signal: AbortSignal.timeout(10_000) });
    expect(res.status).toBe(200);
    const text = await res.text(); // the server ends the stream after `end`
    expect(text).not.toContain(KEY);
    const events = text.split('\n\n').filter((b) => b.trim()).map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1] ?? '';
      const data = /^data: (.*)$/m.exec(block)?.[1];
      return { event, data: data === undefined ? undefined : (JSON.parse(data) as unknown) };
    });
    return { contentType: res.headers.get('content-type'), events };
  }

  beforeAll(async () => {
    delete process.env.PASSERELLE_SECRET_KEY;
    const dataDir = makeTempDir('passerelle-api-');
    app = new AppContext(dataDir);
    demoDb = (await demoInit(app, { shop: {} })).db;
    ({ server } = buildServer({ app }));
    base = await server.listen({ port: 0, host: '127.0.0.1' });
  });

  afterAll(async () => {
    await server?.close();
    app?.close();
  });

  it('GET /api/health', async () => {
    const res = await call({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok', profiles: 1, defaultProfile: 'demo' });
  });

  describe('profiles', () => {
    const web1 = () => ({
      name: 'web1',
      gescom: { kind: 'embedded', db: demoDb },
      shop: { kind: 'woocommerce', url: 'https://s.example', woocommerce: { key: KEY, secret: SECRET } },
    });

    it('POST creates a profile and answers it with masked secrets', async () => {
      const res = await call({ method: 'POST', url: '/api/profiles', payload: web1() });
      expect(res.statusCode).toBe(201);
      const body = res.json<Profile>();
      expect(body.shop).toMatchObject({ kind: 'woocommerce', url: 'https://s.example', woocommerce: { key: '********', secret: '********' } });
      expect(body.http.timeoutSeconds).toBe(30);
      expect(app.profiles.load('web1').shop).toMatchObject({ woocommerce: { key: KEY, secret: SECRET } });

      const again = await call({ method: 'POST', url: '/api/profiles', payload: web1() });
      expect(again.statusCode).toBe(400);
      expect(again.json()).toMatchObject({ field: 'name' });

      const invalid = await call({ method: 'POST', url: '/api/profiles', payload: { ...web1(), name: 'web2', http: { timeoutSeconds: 0 } } });
      expect(invalid.statusCode).toBe(400);
      expect(invalid.json()).toMatchObject({ field: 'http.timeoutSeconds' });
      expect(app.profiles.exists('web2')).toBe(false);
    });

    it('GET lists and reads profiles, masked', async () => {
      const list = await call({ method: 'GET', url: '/api/profiles' });
      expect(list.statusCode).toBe(200);
      expect(list.json()).toEqual([
        { name: 'demo', default: true, gescom: 'embedded', shop: 'none', url: '' },
        { name: 'web1', default: false, gescom: 'embedded', shop: 'woocommerce', url: 'https://s.example' },
      ]);
      const one = await call({ method: 'GET', url: '/api/profiles/web1' });
      expect(one.statusCode).toBe(200);
      expect(one.json<Profile>().shop).toMatchObject({ woocommerce: { key: '********', secret: '********' } });
    });

    it('PATCH deep-merges a partial profile', async () => {
      const res = await call({ method: 'PATCH', url: '/api/profiles/web1', payload: { http: { timeoutSeconds: 50 } } });
      expect(res.statusCode).toBe(200);
      const body = res.json<Profile>();
      expect(body.http.timeoutSeconds).toBe(50);
      expect(body.http.userAgent).toBe('Passerelle'); // siblings kept
      const stored = app.profiles.load('web1');
      expect(stored.http.timeoutSeconds).toBe(50);
      expect(stored.shop).toMatchObject({ url: 'https://s.example', woocommerce: { key: KEY, secret: SECRET } });
    });

    it('PATCH {set} changes options by dotted name from raw strings', async () => {
      const res = await call({ method: 'PATCH', url: '/api/profiles/web1', payload: { set: { 'http.timeoutSeconds': '40', 'stock.depots': '0001, 0002' } } });
      expect(res.statusCode).toBe(200);
      expect(res.json<Profile>().http.timeoutSeconds).toBe(40);
      const stored = app.profiles.load('web1');
      expect(stored.http.timeoutSeconds).toBe(40);
      expect(stored.stock.depots).toEqual(['0001', '0002']);
    });

    it('PATCH sending the mask back keeps the stored secret', async () => {
      const shown = (await call({ method: 'GET', url: '/api/profiles/web1' })).json<Profile>();
      const res = await call({ method: 'PATCH', url: '/api/profiles/web1', payload: { shop: { ...shown.shop, url: 'https://t.example' } } });
      expect(res.statusCode).toBe(200);
      expect(app.profiles.load('web1').shop).toMatchObject({ url: 'https://t.example', woocommerce: { key: KEY, secret: SECRET } });
      const viaSet = await call({ method: 'PATCH', url: '/api/profiles/web1', payload: { set: { 'shop.woocommerce.key': '********' } } });
      expect(viaSet.statusCode).toBe(200);
      expect(app.profiles.load('web1').shop.woocommerce.key).toBe(KEY);
      // A new value replaces it.
      await call({ method: 'PATCH', url: '/api/profiles/web1', payload: { shop: { woocommerce: { secret: 'cs_new_value' } } } });
      expect(app.profiles.load('web1').shop).toMatchObject({ woocommerce: { key: KEY, secret: 'cs_new_value' } });
      await call({ method: 'PATCH', url: '/api/profiles/web1', payload: { shop: { woocommerce: { secret: SECRET } } } });
    });

    it('PATCH with an invalid value answers 400 naming the field, and changes nothing', async () => {
      const before = app.profiles.load('web1');
      const viaSet = await call({ method: 'PATCH', url: '/api/profiles/web1', payload: { set: { 'http.timeoutSeconds': 'abc' } } });
      expect(viaSet.statusCode).toBe(400);
      expect(viaSet.json()).toMatchObject({ field: 'http.timeoutSeconds' });
      expect(viaSet.json<{ message: string }>().message).toContain('abc');
      const viaMerge = await call({ method: 'PATCH', url: '/api/profiles/web1', payload: { http: { timeoutSeconds: 9999 } } });
      expect(viaMerge.statusCode).toBe(400);
      expect(viaMerge.json()).toMatchObject({ field: 'http.timeoutSeconds' });
      const unknown = await call({ method: 'PATCH', url: '/api/profiles/web1', payload: { set: { 'http.timeoutSecs': '40' } } });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json<{ message: string }>().message).toContain('http.timeoutSeconds');
      const rename = await call({ method: 'PATCH', url: '/api/profiles/web1', payload: { name: 'web9' } });
      expect(rename.statusCode).toBe(400);
      expect(app.profiles.load('web1')).toEqual(before);
    });

    it('answers 404 for an unknown profile', async () => {
      for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
        const res = await call({ method, url: '/api/profiles/nope', ...(method === 'PATCH' ? { payload: { set: { 'http.timeoutSeconds': '40' } } } : {}) });
        expect(res.statusCode, method).toBe(404);
        expect(res.json<{ message: string }>().message, method).toContain('nope');
      }
    });

    it('refuses a relative path (no caller folder to resolve it against), naming the option; an unchanged one does not block', async () => {
      const created = await call({ method: 'POST', url: '/api/profiles', payload: { ...web1(), name: 'rel', gescom: { kind: 'embedded', db: 'company.db' } } });
      expect(created.statusCode).toBe(400);
      expect(created.json()).toMatchObject({
        field: 'gescom.db', message: 'gescom.db : chemin relatif « company.db » refusé, le service ne sait pas de quel dossier il part : donnez un chemin absolu',
      });
      expect(app.profiles.exists('rel')).toBe(false);

      const patched = await call({ method: 'PATCH', url: '/api/profiles/web1', payload: { set: { 'http.caFile': 'ca.pem' } } });
      expect(patched.statusCode).toBe(400);
      expect(patched.json()).toMatchObject({ field: 'http.caFile' });
      expect(app.profiles.load('web1').http.caFile).toBe('');
      expect((await call({ method: 'PATCH', url: '/api/profiles/web1', payload: { set: { 'http.caFile': path.join(path.sep, 'etc', 'ca.pem') } } })).statusCode).toBe(200);
      expect(app.profiles.load('web1').http.caFile).toBe(path.join(path.sep, 'etc', 'ca.pem'));
    });

    it('DELETE removes a profile and says which profile is the default afterwards', async () => {
      const res = await call({ method: 'DELETE', url: '/api/profiles/web1' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ deleted: 'web1', defaultChanged: false, defaultProfile: 'demo' });
      expect(app.profiles.exists('web1')).toBe(false);
      expect((await call({ method: 'GET', url: '/api/profiles/web1' })).statusCode).toBe(404);
    });
  });

  it('GET /api/options lists every option with its default and fr/en descriptions', async () => {
    const res = await call({ method: 'GET', url: '/api/options' });
    expect(res.statusCode).toBe(200);
    const options = res.json<OptionInfo[]>();
    expect(options.length).toBeGreaterThan(100);
    for (const o of options) {
      expect(o.description.fr, o.key).toMatch(/\S/);
      expect(o.description.en, o.key).toMatch(/\S/);
    }
    expect(options.find((o) => o.key === 'http.timeoutSeconds')).toMatchObject({ type: 'number', default: 30, secret: false });
    expect(options.find((o) => o.key === 'shop.woocommerce.key')).toMatchObject({ secret: true });
    expect(options.find((o) => o.key === 'orders.specialArticles.shipping')).toMatchObject({ default: 'ZPORT' });
  });

  it('GET /api/actions lists the actions', async () => {
    const res = await call({ method: 'GET', url: '/api/actions' });
    expect(res.statusCode).toBe(200);
    const actions = res.json<{ name: string; description: { fr: string; en: string }; needsShop: boolean }[]>();
    expect(actions).toContainEqual({ name: 'gescom.check', description: { fr: expect.any(String), en: expect.any(String) }, needsShop: false });
  });

  it('with an options password set, profile changes need the X-Options-Password header (403 without)', async () => {
    app.profiles.updateSettings({ optionsPasswordHash: hashPassword('secret1') });
    try {
      const patch = { set: { 'http.timeoutSeconds': '44' } };
      const without = await call({ method: 'PATCH', url: '/api/profiles/demo', payload: patch });
      expect(without.statusCode).toBe(403);
      expect(without.json()).toMatchObject({ field: 'optionsPassword', message: "options protégées par mot de passe : donnez --password, PASSERELLE_OPTIONS_PASSWORD ou l'en-tête X-Options-Password" });
      const wrong = await call({ method: 'PATCH', url: '/api/profiles/demo', payload: patch, headers: { 'x-options-password': 'wrong-one' } });
      expect(wrong.statusCode).toBe(403);
      // A wrong password is not a missing one: the caller knows which fix to make.
      expect(wrong.json()).toMatchObject({ field: 'optionsPassword', message: "mot de passe des options incorrect (--password, PASSERELLE_OPTIONS_PASSWORD ou l'en-tête X-Options-Password)" });
      const created = await call({ method: 'POST', url: '/api/profiles', payload: { name: 'web3', gescom: { kind: 'embedded', db: demoDb } } });
      expect(created.statusCode).toBe(403);
      const deleted = await call({ method: 'DELETE', url: '/api/profiles/demo' });
      expect(deleted.statusCode).toBe(403);
      expect(app.profiles.exists('demo')).toBe(true);
      expect(app.profiles.exists('web3')).toBe(false);
      expect(app.profiles.load('demo').http.timeoutSeconds).toBe(30);
      // Reading stays open.
      expect((await call({ method: 'GET', url: '/api/profiles/demo' })).statusCode).toBe(200);

      const right = await call({ method: 'PATCH', url: '/api/profiles/demo', payload: patch, headers: { 'x-options-password': 'secret1' } });
      expect(right.statusCode).toBe(200);
      expect(app.profiles.load('demo').http.timeoutSeconds).toBe(44);
    } finally {
      app.profiles.updateSettings({ optionsPasswordHash: null });
    }
  });

  describe('runs', () => {
    let runId: number;

    it('POST /api/runs starts a run: 202 with its id', async () => {
      const res = await call({ method: 'POST', url: '/api/runs', payload: { profile: 'demo', action: 'gescom.check' } });
      expect(res.statusCode).toBe(202);
      const body = res.json<{ id: number; profile: string; action: string; status: string; journal: string }>();
      expect(body).toMatchObject({ profile: 'demo', action: 'gescom.check', status: 'running' });
      expect(body.id).toBeGreaterThan(0);
      expect(body.journal).toBe(`/api/runs/${body.id}/journal`);
      runId = body.id;
    });

    it('GET /api/runs/:id/journal streams the journal as server-sent events, then `end`', async () => {
      const { contentType, events } = await readJournal(runId);
      expect(contentType).toMatch(/^text\/event-stream/);
      const entries = events.filter((e) => e.event === 'entry').map((e) => e.data as JournalEntry);
      expect(entries.length).toBeGreaterThan(3);
      expect(entries[0]!.line).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} - Début de la vérification de la gestion commerciale$/);
      expect(entries.every((e) => e.runId === runId && e.profile === 'demo')).toBe(true);
      expect(entries.map((e) => e.text)).toContain('--> Réussi');
      expect(entries.some((e) => e.level === 'error')).toBe(false);
      const last = events.at(-1)!;
      expect(last.event).toBe('end');
      expect(last.data).toMatchObject({ id: runId, status: 'succeeded', message: null });
      expect(events.filter((e) => e.event === 'end')).toHaveLength(1);
    });

    it('GET /api/runs/:id shows the finished record with its counts', async () => {
      const res = await call({ method: 'GET', url: `/api/runs/${runId}` });
      expect(res.statusCode).toBe(200);
      const run = res.json<RunRecord>();
      expect(run).toMatchObject({ id: runId, profile: 'demo', action: 'gescom.check', status: 'succeeded', params: {} });
      expect(run.endedAt).not.toBeNull();
      // What the run cost: a GesCom check sends nothing to the shop.
      expect(run).toMatchObject({ requests: 0, writeRequests: 0 });
      expect(run.durationMs).toBeGreaterThanOrEqual(0);
      expect(run.counts.settings).toMatchObject({ created: 0, updated: 0, skipped: 0, failed: 0 });
      expect(run.counts.settings!.unchanged).toBeGreaterThan(10);

      const list = await call({ method: 'GET', url: '/api/runs?profile=demo' });
      expect(list.json<RunRecord[]>().map((r) => r.id)).toContain(runId);
      const cancel = await call({ method: 'POST', url: `/api/runs/${runId}/cancel` });
      expect(cancel.json()).toEqual({ cancelled: false }); // already finished
      expect((await call({ method: 'GET', url: '/api/runs/999999' })).statusCode).toBe(404);
      expect((await fetch(`${base}/api/runs/999999/journal`)).status).toBe(404);
    });

    it('answers in the application language, or the Accept-Language one; status tokens stay, statusLabel follows (issue 7)', async () => {
      const run = await call({ method: 'GET', url: `/api/runs/${runId}` });
      expect(run.json()).toMatchObject({ status: 'succeeded', statusLabel: 'réussie' });
      const en = await call({ method: 'GET', url: `/api/runs/${runId}`, headers: { 'accept-language': 'en-GB,en;q=0.9,fr;q=0.5' } });
      expect(en.json()).toMatchObject({ status: 'succeeded', statusLabel: 'succeeded' });
      const missing = await call({ method: 'GET', url: '/api/runs/999999', headers: { 'accept-language': 'de, en;q=0.8' } });
      expect(missing.json()).toMatchObject({ error: 'NotFound', message: 'unknown run 999999' });
      const bad = await call({ method: 'PATCH', url: '/api/profiles/demo', payload: { set: { 'http.timeoutSeconds': 'abc' } } });
      expect(bad.json()).toMatchObject({
        message: 'http.timeoutSeconds : attendu : un nombre entier entre 1 et 600, reçu "abc"',
        issues: [{ path: 'http.timeoutSeconds', message: 'attendu : un nombre entier entre 1 et 600, reçu "abc"' }],
      });
      const badEn = await call({ method: 'PATCH', url: '/api/profiles/demo', headers: { 'accept-language': 'en' }, payload: { set: { 'http.timeoutSeconds': 'abc' } } });
      expect(badEn.json()).toMatchObject({ message: 'http.timeoutSeconds: expected a whole number between 1 and 600, got "abc"' });
      // The application's language, read per request: the settings change, the next answer follows.
      app.profiles.updateSettings({ language: 'en' });
      try {
        expect((await call({ method: 'GET', url: `/api/runs/${runId}` })).json()).toMatchObject({ statusLabel: 'succeeded' });
        expect((await call({ method: 'GET', url: `/api/runs/${runId}`, headers: { 'accept-language': 'fr-FR' } })).json()).toMatchObject({ statusLabel: 'réussie' });
      } finally {
        app.profiles.updateSettings({ language: 'fr' });
      }
    });

    it('a run that finds a wrong code streams the error line naming the option', async () => {
      expect((await call({ method: 'PATCH', url: '/api/profiles/demo', payload: { set: { 'orders.specialArticles.shipping': 'ZNOPE' } } })).statusCode).toBe(200);
      try {
        const res = await call({ method: 'POST', url: '/api/runs', payload: { profile: 'demo', action: 'gescom.check' } });
        expect(res.statusCode).toBe(202);
        const id = res.json<{ id: number }>().id;
        const { events } = await readJournal(id);
        const errors = events.filter((e) => e.event === 'entry' && (e.data as JournalEntry).level === 'error').map((e) => (e.data as JournalEntry).line);
        expect(errors).toHaveLength(1);
        expect(errors[0]).toContain('orders.specialArticles.shipping');
        expect(errors[0]).toContain('ZNOPE');
        const end = events.at(-1)!;
        expect(end.event).toBe('end');
        expect((end.data as RunRecord).counts.settings!.failed).toBe(1);
        // The API says what the CLI and the history say: failed, not succeeded.
        expect(end.data).toMatchObject({ status: 'failed', message: '1 vérification(s) en échec' });
        expect((await call({ method: 'GET', url: `/api/runs/${id}` })).json()).toMatchObject({ status: 'failed', message: '1 vérification(s) en échec' });
        expect(events.filter((e) => e.event === 'entry').map((e) => (e.data as JournalEntry).text))
          .toContain('--> Exécution en échec : 1 vérification(s) en échec');
      } finally {
        await call({ method: 'PATCH', url: '/api/profiles/demo', payload: { set: { 'orders.specialArticles.shipping': 'ZPORT' } } });
      }
    });

    it('POST /api/runs refuses an unknown action, a missing action and an unknown profile', async () => {
      const unknown = await call({ method: 'POST', url: '/api/runs', payload: { profile: 'demo', action: 'products.teleport' } });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json()).toMatchObject({ field: 'action' });
      expect(unknown.json<{ message: string }>().message).toContain('products.teleport');
      const missing = await call({ method: 'POST', url: '/api/runs', payload: { profile: 'demo' } });
      expect(missing.statusCode).toBe(400);
      expect(missing.json()).toMatchObject({ field: 'action' });
      const noProfile = await call({ method: 'POST', url: '/api/runs', payload: { profile: 'nope', action: 'gescom.check' } });
      expect(noProfile.statusCode).toBe(404);
    });

    it('POST /api/runs answers 409 while another run holds the profile, 202 once it is released', async () => {
      // gescom.check runs without yielding to I/O, so two requests cannot overlap it: hold the lock as a run in progress would.
      const holder = app.state.startRun('demo', 'x');
      try {
        const res = await call({ method: 'POST', url: '/api/runs', payload: { profile: 'demo', action: 'gescom.check' } });
        expect(res.statusCode).toBe(409);
        expect(res.json()).toMatchObject({ error: 'RunLockedError' });
        expect(res.json<{ message: string }>().message).toContain('demo');
      } finally {
        app.state.finishRun(holder, 'interrupted');
      }
      const after = await call({ method: 'POST', url: '/api/runs', payload: { profile: 'demo', action: 'gescom.check' } });
      expect(after.statusCode).toBe(202);
      const { events } = await readJournal(after.json<{ id: number }>().id);
      expect(events.at(-1)).toMatchObject({ event: 'end', data: { status: 'succeeded' } });
    });
  });
});
