/**
 * PrestaShop 8.1.2 webservice simulator (test tool, never imported by production code).
 * Behaviour copied from test/fixtures/prestashop-8.1.2/ (recorded real exchanges) and
 * test/fixtures/README.md; see README.md next to this file for what is reproduced and the options.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo, Socket } from 'node:net';
import { allSchemas, CLASS_NAMES, fixturesDir, RESOURCES, schemaOf, type ResourceSchema } from './schema.js';
import { PsState, type PsRow, type Row } from './state.js';
import { jsonRecord, xmlBlank, xmlIdOnly, xmlRecord } from './render.js';
import { parseXml, xmlProblems, XML_HEAD, XML_TAIL, type XNode } from './xml.js';
import { installBehaviour, createOrderFromCart, placeOrder, type PlaceOrderInput } from './orders.js';
import { seedBase, seedFixtures } from './seed.js';

export { PsState } from './state.js';
export type { PlaceOrderInput } from './orders.js';

export const DEFAULT_PS_KEY = 'PASSERELLESIMULATORKEY0000000000';

export type FaultKind = 'status5xx' | 'reset' | 'timeout' | '429';
export type PsMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

export interface FaultSpec {
  /** Which requests: a predicate on (method, path), or a resource name / path prefix ("products" or "/api/products"). Default: all. */
  match?: ((method: string, path: string) => boolean) | string;
  /** How many matching requests get the fault. */
  times: number;
  kind: FaultKind;
  /** Retry-After seconds (429 default 1; sent on 5xx when given). */
  retryAfter?: number;
  /** Status for 'status5xx' (default 500). */
  status?: number;
}

export interface FaultHandle { readonly spec: FaultSpec; remaining(): number; remove(): void }

export interface PrestaShopSimulatorOptions {
  /** 0 (default) = a free port. */
  port?: number;
  /** The webservice key accepted (32 chars in PrestaShop). */
  key?: string;
  /**
   * What the key may do, per resource: methods allowed (GET, POST, PUT, PATCH, DELETE, HEAD).
   * Default: every resource, every method. Resources absent from the map are not allowed.
   */
  permissions?: Record<string, PsMethod[]>;
  /** PS_WEBSERVICE = 0: every call answers 503 code 22. */
  webserviceDisabled?: boolean;
  latencyMs?: number;
  /** 'empty' (default): a fresh French shop (language fr, EUR, France, French VAT); 'fixtures': the recorded shop of 900-999 with its six orders. */
  seed?: 'empty' | 'fixtures';
  /** Language ids (default [1]); more than one makes multilang fields [{id, value}] in JSON. */
  languages?: number[];
  /** Number of shops (default 1); with 2, stock and `id_shop` queries are per shop. */
  shops?: number;
  /** Size of stats.log (default 1000). */
  logSize?: number;
  /** Shop name (PS_SHOP_NAME, the api root's shopName). */
  shopName?: string;
  /** A web-server password in front of the shop (HTTP Basic): the webservice key must then come as ?ws_key=. */
  siteAuth?: { user: string; password: string };
}

export interface RequestLogEntry { method: string; path: string; query: string; status: number; ms: number; fault?: FaultKind }

export interface PrestaShopStats { requests: number; writeRequests: number; log: RequestLogEntry[] }

/** `binary`: the body is latin1-encoded bytes (files), not UTF-8 text. */
export interface PsResponse { status: number; headers: Record<string, string>; body: string; binary?: boolean }

export interface PrestaShopSimulator {
  /** Shop root, e.g. http://127.0.0.1:PORT (the API is `${url}/api/`). */
  readonly url: string;
  readonly apiUrl: string;
  readonly key: string;
  readonly state: PsState;
  readonly stats: PrestaShopStats;
  resetStats(): void;
  readonly faults: { add(spec: FaultSpec): FaultHandle; clear(): void; list(): FaultHandle[] };
  setLatency(ms: number): void;
  /** Freezes the shop clock (date_add/date_upd of writes) or restores real time with null. */
  setNow(date: Date | string | null): void;
  setPermissions(p: Record<string, PsMethod[]> | undefined): void;
  setWebserviceEnabled(enabled: boolean): void;
  /** Creates an order the way Order::addWs / validateOrder would (see orders.ts); returns the stored order. */
  placeOrder(input: PlaceOrderInput): PsRow;
  /** Runs one request without HTTP (no faults, no latency, not counted), as the key user. */
  request(method: PsMethod, pathAndQuery: string, body?: string, headers?: Record<string, string>): Promise<PsResponse>;
  close(): Promise<void>;
}

const XML_CT = 'text/xml;charset=utf-8';
const JSON_CT = 'application/json';
const REALM = 'Basic realm="Welcome to PrestaShop Webservice, please enter the authentication key as the login. No password required."';

class WsError extends Error {
  constructor(readonly status: number, readonly errors: { code: number; message: string }[]) { super(errors[0]?.message ?? 'error'); }
}

interface Ctx {
  method: PsMethod;
  resource: string;
  id: string | undefined;
  extra: string[];
  query: URLSearchParams;
  json: boolean;
  body: string;
}

export async function startPrestaShopSimulator(opts: PrestaShopSimulatorOptions = {}): Promise<PrestaShopSimulator> {
  allSchemas();
  const key = opts.key ?? DEFAULT_PS_KEY;
  let permissions = opts.permissions;
  let wsEnabled = !opts.webserviceDisabled;
  let latencyMs = opts.latencyMs ?? 0;
  const logSize = opts.logSize ?? 1000;
  const state = new PsState();
  state.languages = opts.languages ?? [1];
  let base = 'http://127.0.0.1';
  installBehaviour(state);
  seedBase(state, { shops: opts.shops ?? 1, shopName: opts.shopName });
  if (opts.seed === 'fixtures') seedFixtures(state);

  // ---- faults & stats ----
  const faultList: { spec: FaultSpec; left: number }[] = [];
  function takeFault(method: string, p: string): FaultSpec | undefined {
    for (const f of faultList) {
      if (f.left <= 0) continue;
      const m = f.spec.match;
      let hit = true;
      if (typeof m === 'function') hit = m(method, p);
      else if (typeof m === 'string') hit = m.startsWith('/') ? p.startsWith(m) : p.startsWith(`/api/${m}`);
      if (!hit) continue;
      f.left--;
      if (f.left <= 0) faultList.splice(faultList.indexOf(f), 1);
      return f.spec;
    }
    return undefined;
  }
  const stats: PrestaShopStats = { requests: 0, writeRequests: 0, log: [] };
  function record(e: RequestLogEntry): void {
    stats.log.push(e);
    if (stats.log.length > logSize) stats.log.splice(0, stats.log.length - logSize);
  }

  // ---- response helpers ----
  function wsHeaders(contentType: string | null, body: string, status: number): Record<string, string> {
    const h: Record<string, string> = {
      'Access-Time': String(Math.floor(Date.now() / 1000)),
      'X-Powered-By': 'PrestaShop Webservice',
      'PSWS-Version': '8.1.2',
      'Execution-Time': '0.005',
    };
    if (status === 200 || status === 201) h['Content-Sha1'] = crypto.createHash('sha1').update(body).digest('hex');
    h['Set-Cookie'] = `PrestaShop-${crypto.createHash('md5').update(base).digest('hex')}=${crypto.randomBytes(24).toString('hex')}; path=/; HttpOnly; SameSite=Lax`;
    if (contentType) h['Content-Type'] = contentType;
    return h;
  }
  function errorResponse(json: boolean, e: WsError): PsResponse {
    const body = json
      ? JSON.stringify({ errors: e.errors })
      : `${XML_HEAD}<errors>\n${e.errors.map((x) => `<error>\n<code><![CDATA[${x.code}]]></code>\n<message><![CDATA[${x.message}]]></message>\n</error>`).join('\n')}\n</errors>\n${XML_TAIL}`;
    return { status: e.status, headers: wsHeaders(json ? JSON_CT : XML_CT, body, e.status), body };
  }
  function okXml(status: number, inner: string): PsResponse {
    const body = `${XML_HEAD}${inner}\n${XML_TAIL}`;
    return { status, headers: wsHeaders(XML_CT, body, status), body };
  }
  function okJson(status: number, value: unknown): PsResponse {
    const body = JSON.stringify(value);
    return { status, headers: wsHeaders(JSON_CT, body, status), body };
  }

  // ---- auth ----
  function authenticate(req: { headers: Record<string, string | undefined> }, query: URLSearchParams): 'none' | 'bad' | 'ok' {
    let given: string | undefined;
    const auth = req.headers['authorization'];
    // ws_key wins over the Basic user (the dispatcher reads $_GET['ws_key'] first): behind a site
    // password (siteAuth) the Basic header carries the site's credentials, the key goes in the query.
    if (query.has('ws_key')) given = query.get('ws_key') ?? '';
    else if (auth?.toLowerCase().startsWith('basic ') && !opts.siteAuth) {
      const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
      given = decoded.split(':')[0];
    }
    if (given === undefined || given === '') return 'none';
    return given === key ? 'ok' : 'bad';
  }

  // ---- the webservice ----
  async function serve(verb: PsMethod, rawPath: string, rawQuery: string, headers: Record<string, string | undefined>, body: string): Promise<PsResponse> {
    if (opts.siteAuth) {
      // The web server's own password (.htaccess) is checked before PrestaShop runs.
      const expected = `Basic ${Buffer.from(`${opts.siteAuth.user}:${opts.siteAuth.password}`).toString('base64')}`;
      if (headers['authorization'] !== expected) {
        return { status: 401, headers: { 'WWW-Authenticate': 'Basic realm="Restricted"', 'Content-Type': 'text/html; charset=iso-8859-1' }, body: '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>401 Unauthorized</title>\n</head><body>\n<h1>Unauthorized</h1>\n</body></html>\n' };
      }
    }
    const query = new URLSearchParams(rawQuery);
    let method = verb;
    const json = (query.get('output_format') ?? query.get('io_format') ?? headers['io-format'] ?? headers['output-format'] ?? '').toUpperCase() === 'JSON';
    // ps_method overrides the verb (for clients that cannot send PUT/DELETE).
    const override = query.get('ps_method')?.toUpperCase();
    if (override && ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'].includes(override)) method = override as PsMethod;
    const auth = authenticate({ headers }, query);
    if (auth === 'none') {
      return { status: 401, headers: { 'WWW-Authenticate': REALM, 'Content-Type': 'text/html; charset=utf-8' }, body: '401 Unauthorized' };
    }
    if (auth === 'bad') {
      const r = errorResponse(json, new WsError(401, [{ code: 20, message: 'Authentification key is not active' }, { code: 21, message: 'No permission for this authentication key' }]));
      r.headers = { 'WWW-Authenticate': REALM, ...r.headers };
      return r;
    }
    if (!wsEnabled) {
      return errorResponse(json, new WsError(503, [{ code: 22, message: 'The PrestaShop webservice is disabled. Please activate it in the PrestaShop Back Office' }]));
    }
    const segs = rawPath.replace(/^\/api\/?/, '').split('/').filter((s) => s !== '').map(decodeURIComponent);
    if (segs.length === 0) {
      if (json) return { status: 500, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: '' };
      return apiRoot();
    }
    const ctx: Ctx = { method, resource: segs[0]!, id: segs[1], extra: segs.slice(2), query, json, body };
    try {
      const r = await route(ctx);
      // 8.0+: a client that already has this answer gets 304 (Local-Content-Sha1).
      const local = headers['local-content-sha1'];
      if (local && r.status === 200 && r.headers['Content-Sha1'] === local) return { status: 304, headers: wsHeaders(null, '', 304), body: '' };
      return r;
    } catch (e) {
      if (e instanceof WsError) return errorResponse(json, e);
      throw e;
    }
  }

  function allowed(resource: string, method: PsMethod): boolean {
    if (!permissions) return true;
    return (permissions[resource] ?? []).includes(method);
  }

  function apiRoot(): PsResponse {
    const file = path.join(fixturesDir(), 'prestashop-schema', 'api-index.xml');
    let text = fs.readFileSync(file, 'utf8').split('http://127.0.0.1:8081').join(base);
    text = text.replace(/shopName="[^"]*"/, `shopName="${escXml(state.text(configRow('PS_SHOP_NAME') ?? ({ id: 0, associations: {} } as PsRow), 'value') || 'PrestaShop')}"`);
    if (permissions) {
      // Only the resources the key may use, with its methods.
      text = text.replace(/<(\w+) xlink:href="[^"]*\/api\/(\w+)" get="true" put="true" post="true" patch="true" delete="true" head="true">([\s\S]*?)<\/\1>\n/g, (all, name: string) => {
        const m = permissions![name];
        if (!m || m.length === 0) return '';
        const flags = ['GET', 'PUT', 'POST', 'PATCH', 'DELETE', 'HEAD'].map((x) => `${x.toLowerCase()}="${m.includes(x as PsMethod) ? 'true' : 'false'}"`).join(' ');
        return all.replace(/get="true" put="true" post="true" patch="true" delete="true" head="true"/g, flags);
      });
    }
    return { status: 200, headers: wsHeaders(XML_CT, text, 200), body: text };
  }

  function configRow(name: string): PsRow | undefined {
    return state.list('configurations').find((r) => r['name'] === name);
  }

  function unknownResource(name: string): WsError {
    const list = RESOURCES.map((r) => `"${r}"`).join(', ');
    const close = [...RESOURCES].map((r) => ({ r, d: levenshtein(r, name) })).sort((a, b) => a.d - b.d)[0];
    const hint = close && close.d <= Math.max(3, Math.floor(name.length / 2)) ? ` Did you mean: "${close.r}"?` : '';
    return new WsError(400, [{ code: 27, message: `Resource of type "${name}" does not exists.${hint} The full list is: ${list}` }]);
  }

  async function route(ctx: Ctx): Promise<PsResponse> {
    const { resource, method } = ctx;
    if (!(RESOURCES as readonly string[]).includes(resource)) throw unknownResource(resource);
    if (!allowed(resource, method === 'HEAD' ? 'GET' : method) && !(method === 'HEAD' && allowed(resource, 'HEAD'))) {
      if (permissions && !permissions[resource]) throw new WsError(401, [{ code: 26, message: `Resource of type "${resource}" is not allowed with this authentication key` }]);
      throw new WsError(405, [{ code: 25, message: `Method ${method} is not allowed for the resource ${resource} with this authentication key` }]);
    }
    const schema = schemaOf(resource);
    if (resource === 'images') return images(ctx);
    if (resource === 'attachments' && ctx.id === 'file') return attachmentFile(ctx);
    if (!schema) throw new WsError(400, [{ code: 27, message: `Resource of type "${resource}" is not supported by this simulator` }]);
    switch (method) {
      case 'GET':
      case 'HEAD': {
        // With `display`, /products/60 answers in the list form (565).
        if (ctx.id !== undefined && ctx.query.has('display') && /^\d+$/.test(ctx.id)) ctx.query.set('filter[id]', `[${ctx.id}]`);
        const r = ctx.id === undefined || ctx.query.has('display') ? list(ctx, schema) : one(ctx, schema);
        if (method === 'HEAD') r.body = '';
        return r;
      }
      case 'POST': return write(ctx, schema, 'create');
      case 'PUT': return write(ctx, schema, 'replace');
      case 'PATCH': return write(ctx, schema, 'patch');
      case 'DELETE': return del(ctx, schema);
    }
  }

  // ---- reads ----
  function one(ctx: Ctx, schema: ResourceSchema): PsResponse {
    const row = /^\d+$/.test(ctx.id!) ? state.get(schema.resource, ctx.id!) : undefined;
    if (!row) return { status: 404, headers: wsHeaders(null, '', 404), body: '' };
    const view = viewOf(schema.resource, row, ctx.query);
    if (ctx.json) return okJson(200, { [schema.element]: jsonRecord(schema, view, 'single', state.languages) });
    return okXml(200, xmlRecord(schema, view, base, state.languages));
  }

  /** The row as read: computed fields (product quantity, stock associations), shop-specific values. */
  function viewOf(resource: string, row: PsRow, query?: URLSearchParams): PsRow {
    const shop = Number(query?.get('id_shop') ?? 1) || 1;
    if (resource === 'products') {
      const stocks = state.where('stock_availables', 'id_product', row.id).filter((s) => s['id_shop'] === String(shop));
      const main = stocks.find((s) => s['id_product_attribute'] === '0');
      void main;
      const overrides = shopOverrides.get(`products:${row.id}:${shop}`) ?? {};
      const combos = state.where('combinations', 'id_product', row.id).map((c) => ({ id: String(c.id) }));
      // Product's `quantity` is the deprecated ps_product column (0 in 600 while stock exists): not computed.
      return {
        ...row,
        ...overrides,
        associations: {
          ...row.associations,
          // Newest combination first, as 524 lists them (41, 40).
          combinations: combos.length > 0 ? combos.reverse() : row.associations['combinations'] ?? [],
          stock_availables: stocks.length > 0 ? stocks.map((s) => ({ id: String(s.id), id_product_attribute: String(s['id_product_attribute']) })) : row.associations['stock_availables'] ?? [],
        },
      };
    }
    if (resource === 'combinations') {
      return row;
    }
    return row;
  }

  function parseList(v: string): string[] {
    return v.replace(/^\[/, '').replace(/\]$/, '').split(',').map((s) => s.trim()).filter((s) => s !== '');
  }

  function isDateField(schema: ResourceSchema, name: string): boolean {
    return schema.byName.get(name)?.format === 'isDate' || name === 'date_add' || name === 'date_upd';
  }

  function availableMessage(schema: ResourceSchema, withDates: boolean): string {
    const plain = schema.fields.filter((f) => !f.lang && (withDates || !isDateField(schema, f.name))).map((f) => f.name);
    const lang = schema.fields.filter((f) => f.lang).map((f) => f.name);
    return `Unable to filter by this field. However, these are available: ${plain.join(', ')}${lang.length ? `, for i18n fields:${lang.join(', ')}` : ''}`;
  }

  /**
   * The rows a list of exact values can match (`filter[reference]=[A|B]`), from the state's
   * index instead of a scan of the whole table: a 20,000-product shop answers each look-up at
   * once. null when no filter has that form; the filters are all applied afterwards anyway.
   */
  function indexedRows(schema: ResourceSchema, q: URLSearchParams): PsRow[] | null {
    for (const [k, v] of q.entries()) {
      const field = /^filter\[(\w+)\]$/.exec(k)?.[1];
      const values = /^\[([^\]%,<>!]*)\]$/.exec(v)?.[1];
      if (!field || values === undefined || values === '') continue;
      if (field !== 'id' && (!schema.byName.has(field) || schema.byName.get(field)!.lang)) continue;
      const byId = new Map<number, PsRow>();
      for (const value of values.split('|')) {
        const found = field === 'id' ? [state.get(schema.resource, value)].filter((r): r is PsRow => r !== undefined) : state.whereCaseless(schema.resource, field, value);
        for (const r of found) byId.set(r.id, r);
      }
      return [...byId.values()].sort((a, b) => a.id - b.id);
    }
    return null;
  }

  function fieldValues(row: PsRow, name: string): string[] {
    if (name === 'id') return [String(row.id)];
    const v = row[name];
    if (Array.isArray(v)) return (v as { value: string }[]).map((x) => x.value);
    return [v === null || v === undefined ? '' : String(v)];
  }

  function matcher(spec: string): (v: string) => boolean {
    const lower = (s: string): string => s.toLowerCase();
    // ![…] negates, >[x] / <[x] compare (numbers when both are numeric).
    if (spec.startsWith('!')) { const inner = matcher(spec.slice(1)); return (v) => !inner(v); }
    const cmp = /^([<>])\[(.*)\]$/.exec(spec);
    if (cmp) {
      const bound = cmp[2]!;
      const num = /^-?\d+(\.\d+)?$/.test(bound);
      return (v) => {
        const c = num && /^-?\d+(\.\d+)?$/.test(v) ? Number(v) - Number(bound) : v < bound ? -1 : v > bound ? 1 : 0;
        return cmp[1] === '>' ? c > 0 : c < 0;
      };
    }
    const like = /^(%?)\[(.*)\](%?)$/.exec(spec);
    if (like && (like[1] || like[3])) {
      const inner = lower(like[2]!);
      return (v) => {
        const x = lower(v);
        if (like[1] && like[3]) return x.includes(inner);
        if (like[1]) return x.endsWith(inner);
        return x.startsWith(inner);
      };
    }
    const m = /^\[(.*)\]$/.exec(spec);
    if (m) {
      const inner = m[1]!;
      if (inner.includes('|')) {
        const set = new Set(inner.split('|').map(lower));
        return (v) => set.has(lower(v));
      }
      if (inner.includes(',')) {
        const [a, b] = inner.split(',').map((s) => s.trim()) as [string, string];
        const numeric = /^-?\d+(\.\d+)?$/.test(a) && /^-?\d+(\.\d+)?$/.test(b);
        return (v) => numeric ? Number(v) >= Number(a) && Number(v) <= Number(b) : v >= a && v <= b;
      }
      return (v) => lower(v) === lower(inner);
    }
    return (v) => lower(v) === lower(spec);
  }

  function list(ctx: Ctx, schema: ResourceSchema): PsResponse {
    const q = ctx.query;
    const schemaKind = q.get('schema');
    if (schemaKind === 'blank') return okXml(200, xmlBlank(schema, state.languages));
    if (schemaKind === 'synopsis') {
      const file = path.join(fixturesDir(), 'prestashop-schema', `${schema.resource}.synopsis.xml`);
      const text = fs.readFileSync(file, 'utf8').split('http://127.0.0.1:8081').join(base);
      return { status: 200, headers: wsHeaders(XML_CT, text, 200), body: text };
    }
    const withDates = q.get('date') === '1';
    // Filters and sorts work on stored values; the computed view (associations) is made for the page only.
    let rows = indexedRows(schema, q) ?? state.list(schema.resource);
    const shop = q.get('id_shop');
    if (shop && schema.byName.has('id_shop') && schema.resource === 'stock_availables') rows = rows.filter((r) => r['id_shop'] === shop);
    else if (schema.resource === 'stock_availables') rows = rows.filter((r) => r['id_shop'] === '1');
    for (const [k, v] of q.entries()) {
      const fm = /^filter\[(\w+)\]$/.exec(k);
      if (!fm) continue;
      const field = fm[1]!;
      if (field !== 'id' && (!schema.byName.has(field) || (isDateField(schema, field) && !withDates))) {
        throw new WsError(400, [{ code: 38, message: availableMessage(schema, withDates) }]);
      }
      const test = matcher(v);
      rows = rows.filter((r) => fieldValues(r, field).some(test));
    }
    const sort = q.get('sort');
    if (sort) {
      const keys = parseList(sort).map((s) => {
        const m = /^(\w+?)_(ASC|DESC)$/i.exec(s);
        return m ? { field: m[1]!, desc: m[2]!.toUpperCase() === 'DESC' } : { field: s, desc: false };
      });
      for (const k of keys) {
        if (k.field !== 'id' && (!schema.byName.has(k.field) || (isDateField(schema, k.field) && !withDates))) {
          const warn = (line: number): { code: number; message: string } => ({ code: 3, message: `[PHP Warning #2] Trying to access array offset on value of type bool (/var/www/prestashop/classes/webservice/WebserviceRequest.php, line ${line})` });
          throw new WsError(500, [{ code: 38, message: availableMessage(schema, withDates) }, warn(1333), warn(1334), warn(1335), warn(1336)]);
        }
      }
      rows.sort((a, b) => {
        for (const k of keys) {
          const x = fieldValues(a, k.field)[0] ?? '';
          const y = fieldValues(b, k.field)[0] ?? '';
          const num = /^-?\d+(\.\d+)?$/.test(x) && /^-?\d+(\.\d+)?$/.test(y);
          const c = num ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
          if (c !== 0) return k.desc ? -c : c;
        }
        return a.id - b.id;
      });
    }
    const limit = q.get('limit');
    if (limit) {
      const parts = limit.split(',').map((s) => Number.parseInt(s.trim(), 10));
      const [offset, count] = parts.length > 1 ? [parts[0]!, parts[1]!] : [0, parts[0]!];
      if (!Number.isFinite(offset) || !Number.isFinite(count) || offset < 0 || count < 0) throw new WsError(400, [{ code: 39, message: 'The "limit" value has to be formatted as "nb_elem" or "index,nb_elem"' }]);
      rows = rows.slice(offset, offset + count);
    }
    rows = rows.map((r) => viewOf(schema.resource, r, q));
    const display = q.get('display');
    let fields: string[] | undefined;
    let full = false;
    if (display === 'full') full = true;
    else if (display) {
      fields = parseList(display);
      for (const f of fields) {
        if (f !== 'id' && f !== 'associations' && !schema.byName.has(f)) {
          throw new WsError(400, [{ code: 35, message: `Unable to display this field "${f}". However, these are available: ${schema.fields.map((x) => x.name).join(', ')}` }]);
        }
      }
    }
    if (ctx.json) {
      if (rows.length === 0) return okJson(200, []);
      const items = rows.map((r) => (full || fields ? jsonRecord(schema, r, 'full', state.languages, fields) : { id: r.id }));
      return okJson(200, { [schema.resource]: items });
    }
    if (rows.length === 0) return okXml(200, `<${schema.resource}>\n</${schema.resource}>`);
    const items = rows.map((r) => (full || fields ? xmlRecord(schema, r, base, state.languages, fields) : xmlIdOnly(schema, r.id, base)));
    return okXml(200, `<${schema.resource}>\n${items.join('\n')}\n</${schema.resource}>`);
  }

  // ---- writes ----
  interface Parsed { fields: Map<string, unknown>; associations: Record<string, Row[]> | undefined; id: string | undefined }

  function parseBody(ctx: Ctx, schema: ResourceSchema): Parsed {
    const problems = xmlProblems(ctx.body);
    if (problems.length > 0 || ctx.body.trim() === '') {
      const text = ctx.body.trim();
      const warn = (m: string): { code: number; message: string } => ({ code: 3, message: `[PHP Warning #2] SimpleXMLElement::__construct(): ${m} (/var/www/prestashop/classes/webservice/WebserviceRequest.php, line 1544)` });
      const errors: { code: number; message: string }[] = [];
      for (const p of problems) {
        errors.push(warn(`Entity: line 1: parser error : ${p.message}`), warn(text.split('\n')[0] ?? ''), warn(`${' '.repeat(Math.max(0, p.column))}^`));
      }
      errors.push({ code: 127, message: `XML error : String could not be parsed as XML\nXML length : ${text.length}\nOriginal XML : ${text}` });
      throw new WsError(500, errors);
    }
    let root: XNode;
    try { root = parseXml(ctx.body); } catch (e) {
      throw new WsError(500, [{ code: 127, message: `XML error : String could not be parsed as XML\nXML length : ${ctx.body.length}\nOriginal XML : ${ctx.body}` }]);
    }
    const el = root.name === 'prestashop' ? root.children[0] : root;
    if (!el || el.name !== schema.element) {
      throw new WsError(400, [{ code: 95, message: `Resource type "${el?.name ?? ''}" does not match the resource "${schema.resource}"` }]);
    }
    const fields = new Map<string, unknown>();
    let associations: Record<string, Row[]> | undefined;
    let id: string | undefined;
    for (const c of el.children.length > 0 ? el.children : []) {
      if (c.name === 'associations') {
        associations = {};
        for (const a of c.children) associations[a.name] = a.children.map((item) => Object.fromEntries(item.children.map((x) => [x.name, x.text])));
        continue;
      }
      if (c.name === 'id') { id = c.text.trim(); continue; }
      const f = schema.byName.get(c.name);
      if (f?.lang || c.children.some((x) => x.name === 'language')) {
        fields.set(c.name, c.children.filter((x) => x.name === 'language').map((x) => ({ id: Number(x.attrs['id']), value: x.text })));
      } else fields.set(c.name, c.text);
    }
    return { fields, associations, id };
  }

  function validate(schema: ResourceSchema, p: Parsed, mode: 'create' | 'replace' | 'patch'): void {
    const className = CLASS_NAMES[schema.resource] ?? schema.element;
    if (mode !== 'patch') {
      for (const f of schema.fields) {
        if (f.required && !f.lang && f.name !== 'id' && !p.fields.has(f.name)) throw new WsError(400, [{ code: 41, message: `parameter "${f.name}" required` }]);
      }
    }
    const errors: { code: number; message: string }[] = [];
    let status = 400;
    if (schema.resource === 'products' && p.fields.has('position_in_category')) {
      const v = String(p.fields.get('position_in_category'));
      if (v === '' || Number(v) <= 0) errors.push({ code: 134, message: 'You cannot set 0 or a negative position, the minimum is 1.' });
    }
    // PrestaShop stops at the first read-only field (561 sent manufacturer_name and quantity, one error).
    const readOnly = [...p.fields.keys()].find((name) => schema.byName.get(name)?.readOnly);
    if (readOnly) errors.push({ code: 93, message: `parameter "${readOnly}" not writable. Please remove this attribute of this XML` });
    if (errors.length > 0) {
      // PrestaShop answers the position error alone with a 500 (562), with the other errors 400 (561).
      if (errors.every((e) => e.code === 134)) status = 500;
      throw new WsError(status, errors);
    }
    for (const [name, value] of p.fields) {
      const f = schema.byName.get(name);
      if (!f) continue;
      const values = Array.isArray(value) ? (value as { value: string }[]).map((x) => x.value) : [String(value)];
      for (const v of values) {
        if (!valid(f.format, v) || (f.maxSize !== undefined && [...v].length > f.maxSize)) {
          throw new WsError(400, [{ code: 85, message: `Validation error: "Property ${className}-&gt;${name} is not valid"` }]);
        }
        if (f.required && v === '' ) throw new WsError(400, [{ code: 85, message: `Validation error: "Property ${className}-&gt;${name} is empty."` }]);
      }
    }
  }

  function write(ctx: Ctx, schema: ResourceSchema, mode: 'create' | 'replace' | 'patch'): PsResponse {
    const p = parseBody(ctx, schema);
    let targetId: string | undefined;
    if (mode !== 'create') {
      targetId = p.id ?? ctx.id;
      if (!targetId) throw new WsError(400, [{ code: 90, message: 'id is required when modifying a resource' }]);
      if (!state.get(schema.resource, targetId)) throw new WsError(404, [{ code: 92, message: `Invalid ID` }]);
    }
    validate(schema, p, mode);
    const shopId = Number(ctx.query.get('id_shop') ?? '1') || 1;
    if (schema.resource === 'products' && mode !== 'create' && shopId !== 1) return writeShopProduct(ctx, schema, p, Number(targetId), shopId);
    let row: PsRow;
    let answerRow: PsRow | undefined;
    const values: Record<string, unknown> = Object.fromEntries(p.fields);
    if (p.associations) values['associations'] = fillAssociations(schema, p.associations);
    if (schema.resource === 'customers' && mode !== 'create' && values['passwd'] && !String(values['passwd']).startsWith('$2y$')) values['passwd'] = hashPassword(String(values['passwd']));
    if (mode === 'create') {
      if (schema.resource === 'orders') {
        let r: ReturnType<typeof createOrderFromCart>;
        try {
          r = createOrderFromCart(state, values);
        } catch (e) {
          // validateOrder refuses a cart it cannot load or price (missing cart, address, product…).
          throw new WsError(400, [{ code: 85, message: `Validation error: "${escXml(e instanceof Error ? e.message : String(e))}"` }]);
        }
        row = r.stored;
        answerRow = r.echo;
      } else {
        beforeCreate(schema.resource, values);
        row = state.insert(schema.resource, values, { asPosted: true });
        // PrestaShop 8.1.2 writes the carrier's tax group with id_carrier 0 on POST: it reads back 0 (918/919).
        if (schema.resource === 'carriers') {
          row['id_tax_rules_group'] = '0';
          if (!row['id_reference']) row['id_reference'] = String(row.id);
        }
      }
      if (schema.resource === 'order_histories') applyStateChange(row);
    } else if (mode === 'replace') {
      const old = state.get(schema.resource, targetId!)!;
      if (schema.resource === 'products') placeInCategory(values, old.id);
      const fresh = state.blank(schema.resource);
      const keepAssoc = { ...old.associations, ...(p.associations ?? {}) };
      for (const k of Object.keys(fresh)) if (k !== 'id' && k !== 'associations') old[k] = fresh[k];
      old.associations = keepAssoc;
      const stamp = state.nowString();
      if (schema.byName.has('date_add') && !p.fields.has('date_add')) values['date_add'] = stamp;
      row = state.update(schema.resource, targetId!, values, true, { asPosted: true });
    } else {
      row = state.update(schema.resource, targetId!, values, true, { asPosted: true });
    }
    afterWrite(schema.resource, row);
    const shown = answerRow ?? viewOf(schema.resource, { ...row, associations: { ...row.associations } }, ctx.query);
    state.normalise(schema.resource, row);
    const status = mode === 'create' ? 201 : 200;
    if (ctx.json) return okJson(status, { [schema.element]: jsonRecord(schema, shown, 'write', state.languages) });
    const plainLang = mode === 'patch' ? undefined : new Set(schema.fields.filter((f) => f.lang && !p.fields.has(f.name)).map((f) => f.name));
    return okXml(status, xmlRecord(schema, shown, base, state.languages, undefined, { plainLang, emptyLinks: answerRow ? new Set(['current_state']) : undefined }));
  }

  function del(ctx: Ctx, schema: ResourceSchema): PsResponse {
    const ids = ctx.id ? [ctx.id] : parseList(ctx.query.get('id') ?? '');
    if (ids.length === 0) throw new WsError(400, [{ code: 90, message: 'id is required when deleting a resource' }]);
    for (const id of ids) if (!state.get(schema.resource, id)) return { status: 404, headers: wsHeaders(null, '', 404), body: '' };
    for (const id of ids) {
      if (schema.resource === 'products') for (const s of state.list('stock_availables', (x) => x['id_product'] === id)) state.remove('stock_availables', s.id);
      if (schema.resource === 'combinations') for (const s of state.list('stock_availables', (x) => x['id_product_attribute'] === id)) state.remove('stock_availables', s.id);
      state.remove(schema.resource, id);
    }
    return { status: 200, headers: wsHeaders(null, '', 200), body: '' };
  }

  /**
   * Product::add/update with categories puts the product in its category (position) and indexes it;
   * a PUT without them leaves both empty (563), a full one sets them again (567).
   */
  function placeInCategory(values: Record<string, unknown>, id: number | undefined): void {
    const assoc = values['associations'] as Record<string, Row[]> | undefined;
    if (id !== undefined && !assoc?.['categories'] && values['id_category_default'] === undefined) return;
    const cat = String(values['id_category_default'] || '2');
    const old = id !== undefined ? state.get('products', id) : undefined;
    values['position_in_category'] ??= old?.['position_in_category'] && old['position_in_category'] !== '0' && old['position_in_category'] !== ''
      ? old['position_in_category']
      : String(state.where('products', 'id_category_default', cat).filter((x) => x.id !== id).length + 1);
    values['indexed'] ??= '1';
  }

  /** Association rows as the shop stores them: every column of the link table (cart rows get id_customization 0, 928). */
  function fillAssociations(schema: ResourceSchema, assoc: Record<string, Row[]>): Record<string, Row[]> {
    const out: Record<string, Row[]> = {};
    for (const [name, rows] of Object.entries(assoc)) {
      const def = schema.associations.find((a) => a.name === name);
      out[name] = rows.map((r) => {
        if (!def || !def.virtual) return r;
        const full: Row = {};
        for (const f of def.fields) full[f.name] = r[f.name] ?? (f.name.startsWith('id') ? '0' : '');
        for (const [k, v] of Object.entries(r)) if (!(k in full)) full[k] = v;
        return full;
      });
    }
    return out;
  }

  /** Values the shop computes on creation. */
  function beforeCreate(resource: string, values: Record<string, unknown>): void {
    if (resource === 'customers') {
      // Stored as a bcrypt hash; the key that validateOrder compares with the cart's.
      if (values['passwd']) values['passwd'] = hashPassword(String(values['passwd']));
      if (!values['secure_key']) values['secure_key'] = crypto.randomBytes(16).toString('hex');
      values['last_passwd_gen'] ??= state.nowString();
      values['reset_password_validity'] ??= '0000-00-00 00:00:00';
    }
    if (resource === 'products') placeInCategory(values, undefined);
    if (resource === 'carriers') {
      values['position'] ??= String(state.list('carriers').length);
    }
  }

  /** order_histories POST moves the order (551/552, 940-942). */
  function applyStateChange(history: PsRow): void {
    const order = state.get('orders', String(history['id_order']));
    const st = state.get('order_states', String(history['id_order_state']));
    if (!order) return;
    const changes: Record<string, unknown> = { current_state: String(history['id_order_state']) };
    if (st) changes['valid'] = st['logable'] === '1' ? '1' : '0';
    state.update('orders', order.id, changes);
  }

  /** Stock rows follow their products (a product with combinations shows the sum). */
  function afterWrite(resource: string, row: PsRow): void {
    if (resource === 'stock_availables') {
      const pid = String(row['id_product']);
      const shop = String(row['id_shop']);
      const rows = state.where('stock_availables', 'id_product', pid).filter((s) => s['id_shop'] === shop);
      const combos = rows.filter((s) => s['id_product_attribute'] !== '0');
      if (combos.length > 0) {
        const main = rows.find((s) => s['id_product_attribute'] === '0');
        if (main) main['quantity'] = String(combos.reduce((n, s) => n + Number(s['quantity']), 0));
      }
    }
  }

  const shopOverrides = new Map<string, Record<string, unknown>>();
  /** Columns of ps_product_shop: what differs per shop in a multistore (the rest is shared). */
  const PRODUCT_SHOP_FIELDS = new Set(['price', 'wholesale_price', 'active', 'visibility', 'available_for_order', 'show_price', 'on_sale', 'online_only', 'ecotax', 'minimal_quantity', 'unity', 'unit_price', 'unit_price_ratio', 'additional_shipping_cost', 'id_category_default', 'id_tax_rules_group', 'condition', 'redirect_type', 'available_date', 'indexed', 'low_stock_threshold', 'low_stock_alert']);

  /** PUT/PATCH …/products/N?id_shop=S (S ≠ 1): the shop's own values; shared fields go to the product. */
  function writeShopProduct(ctx: Ctx, schema: ResourceSchema, p: Parsed, id: number, shop: number): PsResponse {
    if (!state.get('shops', shop)) throw new WsError(400, [{ code: 132, message: `The shop ${shop} does not exist` }]);
    const key = `products:${id}:${shop}`;
    const own = { ...(shopOverrides.get(key) ?? {}) };
    const shared: Record<string, unknown> = {};
    for (const [k, v] of p.fields) (PRODUCT_SHOP_FIELDS.has(k) ? own : shared)[k] = v;
    shopOverrides.set(key, own);
    const row = state.update('products', id, shared, true, { asPosted: true });
    const shown = viewOf('products', row, ctx.query);
    state.normalise('products', row);
    if (ctx.json) return okJson(200, { product: jsonRecord(schema, shown, 'write', state.languages) });
    return okXml(200, xmlRecord(schema, shown, base, state.languages));
  }

  // ---- files: images and attachments (multipart uploads; kept in memory) ----
  const imageFiles = new Map<string, Buffer>();
  const attachmentFiles = new Map<number, Buffer>();

  /** One part of a multipart body (kept as latin1 text so bytes survive): its file name, type and bytes. */
  function multipartPart(body: string, field: string): { filename: string; type: string; data: Buffer } | undefined {
    const re = new RegExp(`Content-Disposition:[^\\r\\n]*name="${field}"(?:; filename="([^"]*)")?[^\\r\\n]*\\r\\n(?:Content-Type: ([^\\r\\n]*)\\r\\n)?\\r\\n`, 'i');
    const m = re.exec(body);
    if (!m) return undefined;
    const start = m.index + m[0].length;
    const end = body.indexOf('\r\n--', start);
    return { filename: m[1] ?? field, type: m[2] ?? 'application/octet-stream', data: Buffer.from(body.slice(start, end < 0 ? undefined : end), 'latin1') };
  }

  /** POST /api/attachments/file (multipart `file`, optional `name`), GET/PUT /api/attachments/file/{id}. */
  function attachmentFile(ctx: Ctx): PsResponse {
    const schema = schemaOf('attachments')!;
    const id = ctx.extra[0];
    if (ctx.method === 'GET' || ctx.method === 'HEAD') {
      const data = id ? attachmentFiles.get(Number(id)) : undefined;
      const row = id ? state.get('attachments', id) : undefined;
      if (!data || !row) return { status: 404, headers: wsHeaders(null, '', 404), body: '' };
      return { status: 200, headers: { 'Content-Type': String(row['mime']), 'Content-Disposition': `attachment; filename="${String(row['file_name'])}"` }, body: data.toString('latin1'), binary: true } as PsResponse;
    }
    if (ctx.method !== 'POST' && ctx.method !== 'PUT') throw new WsError(405, [{ code: 23, message: `Method ${ctx.method} is not valid` }]);
    const part = multipartPart(ctx.body, 'file');
    if (!part) throw new WsError(400, [{ code: 78, message: 'The file is missing.' }]);
    const name = multipartPart(ctx.body, 'name')?.data.toString('utf8') || part.filename.slice(0, 32);
    const values = { file: crypto.createHash('sha1').update(part.data).digest('hex'), file_name: part.filename, file_size: String(part.data.length), mime: part.type, name };
    const row = ctx.method === 'PUT' && id ? state.update('attachments', id, values) : state.insert('attachments', values);
    attachmentFiles.set(row.id, part.data);
    return ctx.json ? okJson(ctx.method === 'POST' ? 201 : 200, { attachment: jsonRecord(schema, row, 'single', state.languages) }) : okXml(ctx.method === 'POST' ? 201 : 200, xmlRecord(schema, row, base, state.languages));
  }
  function images(ctx: Ctx): PsResponse {
    // /api/images/products/{id_product}[/{id_image}]
    if (ctx.id !== 'products') throw new WsError(400, [{ code: 40, message: `Image type "${ctx.id ?? ''}" is not supported by this simulator` }]);
    const pid = ctx.extra[0];
    const product = pid ? state.get('products', pid) : undefined;
    if (!product) return { status: 404, headers: wsHeaders(null, '', 404), body: '' };
    if (ctx.method === 'POST') {
      const data = Buffer.from(ctx.body, 'latin1');
      if (!/Content-Disposition:[^\r\n]*name="image"/i.test(ctx.body)) throw new WsError(400, [{ code: 64, message: 'Please set an "image" parameter with image data for value' }]);
      const imgs = product.associations['images'] ?? [];
      const id = Math.max(0, ...state.list('products').flatMap((p) => (p.associations['images'] ?? []).map((i) => Number(i['id'])))) + 1;
      imgs.push({ id: String(id) });
      product.associations['images'] = imgs;
      if (!product['id_default_image']) product['id_default_image'] = String(id);
      imageFiles.set(`${pid}/${id}`, data);
      product['date_upd'] = state.nowString();
      return okXml(200, `<image>\n\t<id><![CDATA[${id}]]></id>\n\t<id_product xlink:href="${base}/api/products/${pid}"><![CDATA[${pid}]]></id_product>\n\t<position><![CDATA[${imgs.length}]]></position>\n\t<cover><![CDATA[${imgs.length === 1 ? '1' : ''}]]></cover>\n\t<legend><language id="1" xlink:href="${base}/api/languages/1"><![CDATA[]]></language></legend>\n</image>`);
    }
    if (ctx.method === 'DELETE' && ctx.extra[1]) {
      const before = product.associations['images'] ?? [];
      product.associations['images'] = before.filter((i) => i['id'] !== ctx.extra[1]);
      if (product['id_default_image'] === ctx.extra[1]) product['id_default_image'] = product.associations['images'][0]?.['id'] ?? '';
      return { status: 200, headers: wsHeaders(null, '', 200), body: '' };
    }
    if (ctx.extra[1]) {
      const data = imageFiles.get(`${pid}/${ctx.extra[1]}`);
      if (!data) return { status: 404, headers: wsHeaders(null, '', 404), body: '' };
      const part = multipartPart(data.toString('latin1'), 'image');
      return { status: 200, headers: { 'Content-Type': part?.type ?? 'image/jpeg' }, body: (part?.data ?? data).toString('latin1'), binary: true } as PsResponse;
    }
    const imgs = product.associations['images'] ?? [];
    return okXml(200, `<image id="${pid}">\n${imgs.map((i) => `<declination id="${i['id']}" xlink:href="${base}/api/images/products/${pid}/${i['id']}"/>`).join('\n')}\n</image>`);
  }

  // ---- HTTP ----
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      res.statusCode = 500;
      res.setHeader('Content-Type', 'text/plain; charset=utf-8');
      res.end(`simulator error: ${e instanceof Error ? e.message : String(e)}`);
    });
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = Date.now();
    const rawUrl = req.url ?? '/';
    const qi = rawUrl.indexOf('?');
    const p = qi >= 0 ? rawUrl.slice(0, qi) : rawUrl;
    const rawQuery = qi >= 0 ? rawUrl.slice(qi + 1) : '';
    const method = (req.method ?? 'GET').toUpperCase() as PsMethod;
    stats.requests++;
    if (method !== 'GET' && method !== 'HEAD') stats.writeRequests++;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const fault = takeFault(method, p);
    if (fault?.kind === 'reset') {
      record({ method, path: p, query: rawQuery, status: 0, ms: Date.now() - started, fault: 'reset' });
      const s = req.socket as Socket & { resetAndDestroy?: () => void };
      if (typeof s.resetAndDestroy === 'function') s.resetAndDestroy(); else s.destroy();
      return;
    }
    if (fault?.kind === 'timeout') {
      record({ method, path: p, query: rawQuery, status: 0, ms: 0, fault: 'timeout' });
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    if (fault) {
      const status = fault.kind === '429' ? 429 : fault.status ?? 500;
      const headers: Record<string, string> = { 'Content-Type': 'text/html; charset=iso-8859-1' };
      if (fault.kind === '429' || fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter ?? 1);
      res.writeHead(status, headers);
      res.end(`<html><head><title>${status} ${http.STATUS_CODES[status] ?? ''}</title></head><body><h1>${http.STATUS_CODES[status] ?? 'Error'}</h1></body></html>\n`);
      record({ method, path: p, query: rawQuery, status, ms: Date.now() - started, fault: fault.kind });
      return;
    }
    let r: PsResponse;
    if (!p.startsWith('/api')) r = { status: 404, headers: { 'Content-Type': 'text/html; charset=utf-8' }, body: '<h1>Not Found</h1>' };
    else {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v]));
      // Image uploads are multipart binary: keep bytes as latin1 so they survive the round trip.
      const body = (req.headers['content-type'] ?? '').includes('multipart/') ? raw.toString('latin1') : raw.toString('utf8');
      r = await serve(method, p, rawQuery, headers, body);
    }
    const buf = Buffer.from(r.body, r.binary ? 'latin1' : 'utf8');
    res.writeHead(r.status, { ...r.headers, 'Content-Length': String(buf.length) });
    res.end(method === 'HEAD' ? undefined : buf);
    record({ method, path: p, query: rawQuery, status: r.status, ms: Date.now() - started });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;

  const sim: PrestaShopSimulator = {
    url: base,
    apiUrl: `${base}/api`,
    key,
    state,
    stats,
    resetStats() { stats.requests = 0; stats.writeRequests = 0; stats.log.length = 0; },
    faults: {
      add(spec) {
        const entry = { spec, left: spec.times };
        faultList.push(entry);
        return { spec, remaining: () => entry.left, remove: () => { const i = faultList.indexOf(entry); if (i >= 0) faultList.splice(i, 1); } };
      },
      clear() { faultList.length = 0; },
      list() { return faultList.map((entry) => ({ spec: entry.spec, remaining: () => entry.left, remove: () => { const i = faultList.indexOf(entry); if (i >= 0) faultList.splice(i, 1); } })); },
    },
    setLatency(ms) { latencyMs = ms; },
    setNow(d) { state.setNow(d); },
    setPermissions(p) { permissions = p; },
    setWebserviceEnabled(enabled) { wsEnabled = enabled; },
    placeOrder(input) { return placeOrder(state, input); },
    async request(method, pathAndQueryIn, body = '', headers = {}) {
      // Behind a site password the key travels as ?ws_key=, the Basic header is the site's.
      const pathAndQuery = opts.siteAuth ? `${pathAndQueryIn}${pathAndQueryIn.includes('?') ? '&' : '?'}ws_key=${encodeURIComponent(key)}` : pathAndQueryIn;
      const qi = pathAndQuery.indexOf('?');
      const p = qi >= 0 ? pathAndQuery.slice(0, qi) : pathAndQuery;
      const q = qi >= 0 ? pathAndQuery.slice(qi + 1) : '';
      const h: Record<string, string> = opts.siteAuth
        ? { authorization: `Basic ${Buffer.from(`${opts.siteAuth.user}:${opts.siteAuth.password}`).toString('base64')}` }
        : { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` };
      for (const [k, v] of Object.entries(headers)) h[k.toLowerCase()] = v;
      return serve(method, p.startsWith('/api') ? p : `/api/${p.replace(/^\//, '')}`, q, h, body);
    },
    async close() {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return sim;
}

/** Looks like PrestaShop's bcrypt hash (the simulator never needs to verify it). */
function hashPassword(plain: string): string {
  return `$2y$10$${crypto.createHash('sha256').update(plain).digest('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 53)}`;
}

function escXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return d[a.length]![b.length]!;
}

/** PrestaShop's Validate::is* for the formats the synopses use (the common ones; others accept anything). */
export function valid(format: string | undefined, v: string): boolean {
  if (v === '' || format === undefined) return true;
  switch (format) {
    case 'isUnsignedId': case 'isNullOrUnsignedId': case 'isUnsignedInt': return /^\d+$/.test(v);
    case 'isInt': return /^-?\d+$/.test(v);
    case 'isBool': return v === '0' || v === '1' || v === 'true' || v === 'false';
    case 'isPrice': return /^\d{1,10}(\.\d{1,9})?$/.test(v);
    case 'isNegativePrice': return /^-?\d{1,10}(\.\d{1,9})?$/.test(v);
    case 'isFloat': return /^-?\d+(\.\d+)?$/.test(v);
    case 'isUnsignedFloat': return /^\d+(\.\d+)?$/.test(v);
    case 'isPercentage': return /^\d+(\.\d+)?$/.test(v) && Number(v) <= 100;
    case 'isEmail': return /^[a-z\p{L}0-9!#$%&'*+/=?^`{}|~_-]+[.a-z\p{L}0-9!#$%&'*+/=?^`{}|~_-]*@[a-z\p{L}0-9]+(?:[.]?[_a-z\p{L}0-9-])*\.[a-z\p{L}0-9]+$/iu.test(v);
    case 'isDate': case 'isDateOrNull': return /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/.test(v);
    case 'isDateFormat': return /^\d{4}-\d{2}-\d{2}/.test(v);
    case 'isReference': return !/[<>;={}]/.test(v);
    case 'isEan13': return /^\d{0,13}$/.test(v);
    case 'isUpc': return /^\d{0,12}$/.test(v);
    case 'isLinkRewrite': return /^[_a-zA-Z0-9\p{L}-]+$/u.test(v);
    case 'isCatalogName': case 'isGenericName': return !/[<>={}]/.test(v);
    case 'isName': case 'isCustomerName': return !/[0-9!<>,;?=+()@#"°{}_$%:]/.test(v);
    case 'isPostCode': return /^[a-zA-Z 0-9-]+$/.test(v);
    case 'isPhoneNumber': return /^[+0-9. ()/-]*$/.test(v);
    case 'isLanguageIsoCode': return /^[a-zA-Z]{2,3}$/.test(v);
    case 'isColor': return /^(#[0-9a-fA-F]{6}|[a-zA-Z]+)$/.test(v);
    default: return true;
  }
}
