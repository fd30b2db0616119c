/**
 * The OpenAPI document describes every /api route the service registers (whoever registered it),
 * the docs page and its assets come from the package, and /metrics counts the runs the service made.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/app/app-context.js';
import { demoInit } from '../../src/cli/demo.js';
import { webhookDeliveries } from '../../src/service/metrics.js';
import { buildServer } from '../../src/service/server.js';
import { makeTempDir, removeTempDirs } from '../support/e2e-cli.js';

interface OpenApi {
  openapi: string;
  info: { title: string };
  paths: Record<string, Record<string, { summary?: string; description?: string; tags?: string[]; responses?: Record<string, unknown>; parameters?: { name: string; in: string }[]; requestBody?: unknown }>>;
  components: { securitySchemes: Record<string, { scheme: string }> };
}

let app: AppContext;
let server: FastifyInstance;
let base: string;
const registered: { method: string; url: string; hidden: boolean }[] = [];

beforeAll(async () => {
  delete process.env.PASSERELLE_SECRET_KEY;
  app = new AppContext(makeTempDir('passerelle-ops-docs-'));
  await demoInit(app, { shop: {} });
  ({ server } = buildServer({ app }));
  // Sees every route, the ones other modules add included: the document must describe them all.
  server.addHook('onRoute', (r: RouteOptions) => {
    for (const method of [r.method].flat()) {
      registered.push({ method: method.toLowerCase(), url: r.url, hidden: (r.schema as { hide?: boolean } | undefined)?.hide === true });
    }
  });
  base = await server.listen({ port: 0, host: '127.0.0.1' });
});

afterAll(async () => {
  await server?.close();
  app?.close();
  removeTempDirs();
});

describe('OpenAPI at /api/docs', () => {
  it('describes every registered /api route, with a summary, a tag and its answers', async () => {
    const res = await fetch(`${base}/api/docs/json`);
    expect(res.status).toBe(200);
    const doc = (await res.json()) as OpenApi;
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info.title).toBe('Passerelle');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ scheme: 'bearer' });

    const api = registered.filter((r) => r.url.startsWith('/api') && !r.url.startsWith('/api/docs') && r.method !== 'head' && !r.hidden);
    expect(api.length).toBeGreaterThanOrEqual(13);
    const missing: string[] = [];
    for (const r of api) {
      const path = r.url.replace(/:(\w+)/g, '{$1}');
      const op = doc.paths[path]?.[r.method];
      if (!op) {
        missing.push(`${r.method.toUpperCase()} ${r.url}`);
        continue;
      }
      expect(op.summary, `${r.method} ${r.url}`).toBeTruthy();
      expect(op.tags?.length, `${r.method} ${r.url}`).toBeGreaterThan(0);
      expect(Object.keys(op.responses ?? {}), `${r.method} ${r.url}`).toContain('401');
      for (const name of [...r.url.matchAll(/:(\w+)/g)].map((m) => m[1])) {
        expect(op.parameters?.some((p) => p.name === name && p.in === 'path'), `${r.url} parameter ${name}`).toBe(true);
      }
    }
    expect(missing).toEqual([]);
    // The bodies and the query are described with their fields.
    expect(JSON.stringify(doc.paths['/api/runs']!.post!.requestBody)).toContain('"action"');
    expect(doc.paths['/api/runs']!.get!.parameters!.map((p) => p.name).sort()).toEqual(['limit', 'profile']);
    expect(doc.paths['/metrics']?.get?.summary).toBeTruthy();
  });

  it('the page and its assets are served from the package (works offline)', async () => {
    const page = await fetch(`${base}/api/docs`, { redirect: 'follow' });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('swagger-ui');
    expect(html).not.toMatch(/src="https?:\/\//);
    const css = await fetch(`${base}/api/docs/static/swagger-ui.css`);
    expect(css.status).toBe(200);
    expect((await css.text()).length).toBeGreaterThan(1000);
  });
});

/** One sample's value from the Prometheus text, by metric name and labels. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const m = /^([a-z_]+)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const got = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => got[k] === v)) return Number(m[3]);
  }
  return undefined;
}

describe('/metrics', () => {
  it('counts runs by profile, action, status and trigger, failures, durations, the queue; Prometheus text format', async () => {
    const ok = await app.queue.dispatch({ profile: 'demo', action: 'gescom.check', trigger: 'schedule' });
    expect(ok.status).toBe('succeeded');
    // A profile naming an article the GesCom does not have: its check fails.
    app.profiles.save({ ...app.profiles.load('demo'), orders: { ...app.profiles.load('demo').orders, specialArticles: { ...app.profiles.load('demo').orders.specialArticles, shipping: 'ZNOPE' } } });
    const bad = await app.queue.dispatch({ profile: 'demo', action: 'gescom.check', trigger: 'webhook' });
    expect(bad.status).toBe('failed');
    webhookDeliveries.inc({ profile: 'demo', kind: 'woocommerce', outcome: 'accepted' });

    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain('# TYPE passerelle_runs_total counter');
    expect(sample(text, 'passerelle_runs_total', { profile: 'demo', action: 'gescom.check', status: 'succeeded', trigger: 'schedule' })).toBe(1);
    expect(sample(text, 'passerelle_runs_total', { profile: 'demo', action: 'gescom.check', status: 'failed', trigger: 'webhook' })).toBe(1);
    expect(sample(text, 'passerelle_run_failures_total', { profile: 'demo', action: 'gescom.check' })).toBe(1);
    expect(sample(text, 'passerelle_run_duration_seconds_count', { profile: 'demo', action: 'gescom.check' })).toBe(2);
    const seconds = sample(text, 'passerelle_run_duration_seconds_sum', { profile: 'demo', action: 'gescom.check' })!;
    expect(seconds).toBeCloseTo(((ok.durationMs ?? 0) + (bad.durationMs ?? 0)) / 1000, 3);
    console.log(`two gescom.check runs took ${seconds.toFixed(3)} s together`);
    expect(sample(text, 'passerelle_run_last_success_timestamp_seconds', { profile: 'demo', action: 'gescom.check' })).toBe(Date.parse(ok.endedAt!) / 1000);
    expect(sample(text, 'passerelle_queue_length')).toBe(0);
    expect(sample(text, 'passerelle_runs_running')).toBe(0);
    expect(sample(text, 'passerelle_webhook_deliveries_total', { profile: 'demo', kind: 'woocommerce', outcome: 'accepted' })).toBe(1);
    expect(sample(text, 'passerelle_process_resident_memory_bytes')).toBeGreaterThan(0);
  });

  it('reads the queue as it is: a run in progress and one waiting behind it show', async () => {
    // An afterRun hook that holds the first run (hooks are awaited) until the metrics are read.
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const inHook = new Promise<void>((resolve) => (started = resolve));
    const hold = async () => {
      started();
      await held;
    };
    app.afterRun.push(hold);
    try {
      const first = app.queue.dispatch({ profile: 'demo', action: 'gescom.check', trigger: 'schedule' });
      const second = app.queue.dispatch({ profile: 'demo', action: 'gescom.check', trigger: 'schedule' });
      await inHook;
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(sample(text, 'passerelle_runs_running')).toBe(1);
      expect(sample(text, 'passerelle_queue_length')).toBe(1);
      app.afterRun.splice(app.afterRun.indexOf(hold), 1);
      release();
      await Promise.all([first, second]);
    } finally {
      release();
      if (app.afterRun.includes(hold)) app.afterRun.splice(app.afterRun.indexOf(hold), 1);
    }
    const after = await (await fetch(`${base}/metrics`)).text();
    expect(sample(after, 'passerelle_queue_length')).toBe(0);
    expect(sample(after, 'passerelle_runs_running')).toBe(0);
  });
});
