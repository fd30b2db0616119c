/**
 * Replays the recorded WooCommerce 10.0.2 exchanges (test/fixtures, index.json) in recording
 * order against a fresh simulator ("empty" seed, clock set to each recorded Date header) and checks
 * the same status, the noteworthy headers (X-WP-Total, X-WP-TotalPages, Link, Location, Allow) and
 * the same body: same keys recursively, same JSON types, and the same values — money, quantities,
 * ids, statuses, texts — except values that legitimately differ between two shops: random order
 * keys, meta ids (global counters), and dates (±2 s; the recorder's Date header is the request
 * start). Host names are normalised (recorded https://127.0.0.1:8444 = the simulator URL).
 *
 * The fixtures are the repository's own copy (test/fixtures, see its README); PASSERELLE_FIXTURES_DIR
 * points elsewhere to replay another recording.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startWooSimulator, type WooSimulator } from '../simulators/woocommerce/server.js';

const FIXTURES_DIR = process.env.PASSERELLE_FIXTURES_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures');
const WC_DIR = path.join(FIXTURES_DIR, 'woocommerce-10.0.2');
const RECORDED_SITE = 'https://127.0.0.1:8444';
const RECORDED_HOOK_URL = 'http://127.0.0.1/wc-webhook';

interface Exchange {
  name: string;
  files: string[];
  method: string;
  path: string;
  query: string;
  status: number;
  request_content_type: string | null;
  auth: string;
  headers: Record<string, string>;
  note: string;
}

/** Exchanges that cannot be replayed against the API, with the reason. */
const SKIPPED: Record<string, string> = {
  '310-webhook-delivery-ping': 'not an API exchange: the ping WooCommerce POSTed to the recorder (checked in the webhook test below)',
  '311-webhook-delivery-order-created': 'not an API exchange: the delivery WooCommerce POSTed to the recorder (checked in the webhook test below)',
};

/** Per-exchange tolerance on dates (seconds) where the recorded shop acted later than the request. */
const DATE_TOLERANCE: Record<string, number> = {
  // date_modified moves when the background delivery runs (Action Scheduler ran it 7 s later).
  '304-webhooks-get-after-delivery': 15,
  '305-webhooks-list': 15,
};

const VOLATILE_KEYS = new Set(['order_key', 'payment_url']);
const DATE_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function isMetaArrayPath(p: string): boolean {
  return /meta_data\[\d+\]\.id$/.test(p);
}

function compare(expected: unknown, actual: unknown, p: string, diffs: string[], tol: number): void {
  const te = typeOf(expected);
  const ta = typeOf(actual);
  if (te !== ta) {
    diffs.push(`${p}: type ${ta} (${JSON.stringify(actual)?.slice(0, 80)}), expected ${te} (${JSON.stringify(expected)?.slice(0, 80)})`);
    return;
  }
  if (te === 'array') {
    const e = expected as unknown[];
    const a = actual as unknown[];
    if (e.length !== a.length) {
      diffs.push(`${p}: ${a.length} items, expected ${e.length}`);
      return;
    }
    const byId = e.every((x) => typeOf(x) === 'object' && 'id' in (x as object)) && a.every((x) => typeOf(x) === 'object' && 'id' in (x as object));
    if (byId && !p.endsWith('meta_data')) {
      const ids = (list: unknown[]) => list.map((x) => JSON.stringify((x as { id: unknown }).id)).sort().join(',');
      if (ids(e) === ids(a)) {
        for (const item of e) {
          const id = JSON.stringify((item as { id: unknown }).id);
          const other = a.find((x) => JSON.stringify((x as { id: unknown }).id) === id);
          compare(item, other, `${p}[id=${id}]`, diffs, tol);
        }
        return;
      }
    }
    e.forEach((x, i) => compare(x, a[i], `${p}[${i}]`, diffs, tol));
    return;
  }
  if (te === 'object') {
    const e = expected as Record<string, unknown>;
    const a = actual as Record<string, unknown>;
    const ek = Object.keys(e);
    const ak = Object.keys(a);
    const missing = ek.filter((k) => !(k in a));
    const extra = ak.filter((k) => !(k in e));
    if (missing.length) diffs.push(`${p}: missing keys ${missing.join(', ')}`);
    if (extra.length) diffs.push(`${p}: extra keys ${extra.join(', ')}`);
    if (!missing.length && !extra.length && ek.join(',') !== ak.join(',')) diffs.push(`${p}: key order ${ak.join(',')}, expected ${ek.join(',')}`);
    for (const k of ek) if (k in a) compare(e[k], a[k], p ? `${p}.${k}` : k, diffs, tol);
    return;
  }
  const key = p.split('.').pop() ?? '';
  if (VOLATILE_KEYS.has(key) || isMetaArrayPath(p)) return;
  if (typeof expected === 'string' && typeof actual === 'string' && DATE_RE.test(expected) && DATE_RE.test(actual)) {
    const d = Math.abs(Date.parse(`${expected}Z`) - Date.parse(`${actual}Z`)) / 1000;
    if (d > tol) diffs.push(`${p}: ${actual}, expected ${expected}`);
    return;
  }
  if (expected !== actual) diffs.push(`${p}: ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
}

describe('WooCommerce simulator replays the recorded exchanges', () => {
  const index: Exchange[] = (JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, 'index.json'), 'utf8')) as Record<string, Exchange[]>)['woocommerce-10.0.2']!;
  let sim: WooSimulator;
  let listener: http.Server;
  let listenerUrl = '';
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];

  const normalise = (s: string) => s.split(RECORDED_SITE).join(sim.url).split(RECORDED_HOOK_URL).join(listenerUrl);
  const normaliseDeep = (v: unknown): unknown => {
    if (typeof v === 'string') return normalise(v);
    if (Array.isArray(v)) return v.map(normaliseDeep);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normaliseDeep(x)]));
    return v;
  };

  beforeAll(async () => {
    listener = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.end('ok');
      });
    });
    await new Promise<void>((r) => listener.listen(0, '127.0.0.1', () => r()));
    listenerUrl = `http://127.0.0.1:${(listener.address() as AddressInfo).port}/wc-webhook`;
    sim = await startWooSimulator({ seed: 'empty', allowBasicOverHttp: true });
  });

  afterAll(async () => {
    await sim?.close();
    await new Promise<void>((r) => listener?.close(() => r()));
  });

  for (const ex of index) {
    const reason = SKIPPED[ex.name];
    if (reason) {
      test.skip(`${ex.name} — skipped: ${reason}`, () => undefined);
      continue;
    }
    test(`${ex.name}: ${ex.method} ${ex.path}${ex.query ? '?' + ex.query : ''} -> ${ex.status}`, async () => {
      const headersTxt = fs.readFileSync(path.join(WC_DIR, `${ex.name}.headers.txt`), 'utf8');
      const date = /^Date: (.+)$/m.exec(headersTxt)?.[1];
      if (date) sim.setNow(date);
      const reqFile = ex.files.find((f) => f.includes('.request.'));
      let body: string | undefined = reqFile ? fs.readFileSync(path.join(WC_DIR, reqFile), 'utf8') : undefined;
      if (body && ex.name.startsWith('300-')) body = body.split(RECORDED_HOOK_URL).join(listenerUrl);
      const headers: Record<string, string> = {};
      if (ex.request_content_type) headers['content-type'] = ex.request_content_type;
      const basic = (k: string, s: string) => `Basic ${Buffer.from(`${k}:${s}`).toString('base64')}`;
      if (ex.auth === 'valid') headers.authorization = basic(sim.key, sim.secret);
      else if (ex.name.includes('wrong-consumer-key')) headers.authorization = basic('ck_0000000000000000000000000000000000000000', 'cs_0000000000000000000000000000000000000000');
      else if (ex.name.includes('wrong-consumer-secret')) headers.authorization = basic(sim.key, 'cs_0000000000000000000000000000000000000000');
      const url = `${sim.url}${ex.path}${ex.query ? `?${ex.query}` : ''}`;
      const res = await fetch(url, { method: ex.method, headers, body });
      const text = await res.text();
      expect(res.status, text.slice(0, 500)).toBe(ex.status);

      for (const h of ['X-WP-Total', 'X-WP-TotalPages', 'Link', 'Location', 'Allow']) {
        if (ex.headers[h] !== undefined) expect(res.headers.get(h), h).toBe(normalise(ex.headers[h]));
      }
      if (!ex.headers.Allow && ex.status === 401) expect(res.headers.get('Allow')).toBeNull();

      const bodyFile = ex.files.find((f) => !f.includes('.request.') && !f.endsWith('.headers.txt'));
      if (bodyFile?.endsWith('.json')) {
        const expected = normaliseDeep(JSON.parse(fs.readFileSync(path.join(WC_DIR, bodyFile), 'utf8')));
        const diffs: string[] = [];
        compare(expected, JSON.parse(text), '', diffs, DATE_TOLERANCE[ex.name] ?? 2);
        expect(diffs, diffs.join('\n')).toEqual([]);
      }
    });
  }

  test('webhook ping and order.created delivery look like 310/311 (headers, form body, signature, payload = GET /orders/421)', async () => {
    await sim.flushWebhooks();
    const ping = received.find((r) => r.headers['content-type'] === 'application/x-www-form-urlencoded');
    expect(ping?.body).toBe('webhook_id=1');
    expect(Object.keys(ping?.headers ?? {}).some((h) => h.startsWith('x-wc-webhook'))).toBe(false);
    const delivery = received.find((r) => r.headers['x-wc-webhook-topic'] === 'order.created');
    expect(delivery).toBeDefined();
    const secret = fs.readFileSync(path.join(WC_DIR, '311-webhook-delivery-order-created.secret.txt'), 'utf8').trim();
    expect(delivery!.headers['x-wc-webhook-signature']).toBe(crypto.createHmac('sha256', secret).update(delivery!.body).digest('base64'));
    expect(delivery!.headers['user-agent']).toBe('WooCommerce/10.0.2 Hookshot (WordPress/6.8.8)');
    expect(delivery!.headers['x-wc-webhook-source']).toBe(`${sim.url}/`);
    expect(delivery!.headers['x-wc-webhook-resource']).toBe('order');
    expect(delivery!.headers['x-wc-webhook-event']).toBe('created');
    expect(delivery!.headers['x-wc-webhook-id']).toBe('1');
    expect(delivery!.headers['x-wc-webhook-delivery-id']).toMatch(/^[0-9a-f]{32}$/);
    expect(delivery!.body).toContain('\\/'); // WordPress escapes slashes
    // The same header names as the recorded requests (Host aside: the receiver's).
    const recordedNames = (file: string) => fs.readFileSync(path.join(WC_DIR, file), 'utf8').split(/\r?\n/).slice(1).filter(Boolean)
      .map((l) => l.slice(0, l.indexOf(':')).toLowerCase()).filter((h) => h !== 'host').sort();
    const names = (h: Record<string, unknown>) => Object.keys(h).filter((k) => k !== 'host').sort();
    expect(names(delivery!.headers)).toEqual(recordedNames('311-webhook-delivery-order-created.headers.txt'));
    expect(names(ping!.headers)).toEqual(recordedNames('310-webhook-delivery-ping.headers.txt'));
    const recorded = normaliseDeep(JSON.parse(fs.readFileSync(path.join(WC_DIR, '311-webhook-delivery-order-created.body.raw.json'), 'utf8')));
    const diffs: string[] = [];
    compare(recorded, JSON.parse(delivery!.body), '', diffs, 2);
    expect(diffs, diffs.join('\n')).toEqual([]);
  });
});
