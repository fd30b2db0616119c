/**
 * WooCommerce REST API (wc/v3) simulator — test-only, never imported by src/.
 *
 * Reproduces WooCommerce 10.0.2 as recorded in test/fixtures: same routes, statuses, keys,
 * value types, headers (X-WP-Total, X-WP-TotalPages, Link prev/next only, Allow, Location…),
 * authentication (Basic / query string over HTTPS, OAuth 1.0a over HTTP), WordPress argument
 * validation errors, batch limits and per-item errors, order totals with WooCommerce's rounding,
 * webhooks with signed deliveries, plus fault injection (429, 5xx, connection reset, hang),
 * latency and request statistics. See README.md in this folder.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { adminRoutes, couponResponse, customerResponse } from './admin.js';
import { authenticateWordPress, authenticateWoo, NonceStore } from './auth.js';
import { catalogRoutes, productResponse } from './catalog.js';
import type { Sim, WebhookEvent, WebhookResource } from './context.js';
import { createMedia, mimeOf, wpMediaObject } from './media.js';
import { orderResponse, orderRoutes } from './orders.js';
import { refundRoutes } from './refunds.js';
import { isPlainObject, sanitizeTitle, wpJsonEncode } from './php.js';
import {
  allowedMethods, makeRoute, ok, pageHeaders, paginate, param, parseForm, parseQuery, RestError, toBool, toInt, toStr,
  validateArgs, type Endpoint, type Method, type RestRequest, type RestResponse, type Route,
} from './rest.js';
import { seedFixtures } from './seed.js';
import { WooState } from './state.js';
import { WebhookDispatcher } from './webhooks.js';

export { WooState } from './state.js';
export { oauthBaseString, oauthSign } from './auth.js';

/** WordPress user and application password accepted by wp/v2 routes (media upload). */
export const DEFAULT_WP_USER = 'admin';
export const DEFAULT_WP_APP_PASSWORD = 'abcd EFGH 1234 ijkl MNOP 6789';
export const DEFAULT_KEY = 'ck_simulator0000000000000000000000000000000';
export const DEFAULT_SECRET = 'cs_simulator0000000000000000000000000000000';

export type FaultKind = 'status5xx' | 'reset' | 'timeout' | '429';

export interface FaultSpec {
  /** Which requests: a predicate on (method, path) or a path prefix ("/wp-json/wc/v3/products" or "products"). Default: every request. */
  match?: ((method: string, path: string) => boolean) | string;
  /** How many matching requests get the fault. */
  times: number;
  kind: FaultKind;
  /** Retry-After header (429, and 503 when given). Default 1 for 429. */
  retryAfterSeconds?: number;
  /** Status for 'status5xx' (default 500). */
  status?: number;
}

export interface FaultHandle {
  readonly spec: FaultSpec;
  remaining(): number;
  remove(): void;
}

export interface WooSimulatorOptions {
  /** 0 (default) = random free port. */
  port?: number;
  host?: '127.0.0.1';
  key?: string;
  secret?: string;
  /** Key permissions (WooCommerce: read, write, read_write). Default read_write. */
  permissions?: 'read' | 'write' | 'read_write';
  /** HTTPS with a self-signed certificate (the PEM is in `ca`). */
  tls?: boolean;
  /** Accept HTTP Basic / query-string keys over plain HTTP (real WooCommerce refuses; for manual testing). */
  allowBasicOverHttp?: boolean;
  latencyMs?: number;
  /** 'empty' (default): a fresh shop; 'fixtures': the recorded French shop (see seed.ts). */
  seed?: 'empty' | 'fixtures';
  /** Overrides woocommerce_prices_include_tax after seeding. */
  prices_include_tax?: boolean;
  /** Batch item limit (woocommerce_rest_batch_items_limit), default 100. */
  batchLimit?: number;
  /** WordPress user / application password for wp/v2 (media). */
  wpUser?: string;
  wpAppPassword?: string;
  /** Deliver webhooks (default true). */
  webhooks?: boolean;
  /** Size of stats.log (default 500). */
  logSize?: number;
}

export interface RequestLogEntry { method: string; path: string; status: number; route: string; ms: number; fault?: FaultKind }

export interface WooStats {
  requests: number;
  writeRequests: number;
  byRoute: Record<string, number>;
  log: RequestLogEntry[];
}

export interface WooSimulator {
  /** Site base URL, e.g. http://127.0.0.1:PORT (API at `${url}/wp-json/wc/v3`). */
  readonly url: string;
  readonly apiUrl: string;
  readonly key: string;
  readonly secret: string;
  /** PEM of the self-signed certificate when tls (pass as undici Agent `connect: { ca }`). */
  readonly ca: string | undefined;
  readonly wpUser: string;
  readonly wpAppPassword: string;
  readonly state: WooState;
  readonly stats: WooStats;
  resetStats(): void;
  readonly faults: {
    add(spec: FaultSpec): FaultHandle;
    clear(): void;
    list(): FaultHandle[];
  };
  setLatency(ms: number): void;
  /** Freezes the shop clock (dates of created objects, sale windows, OAuth window) or restores real time with null. */
  setNow(date: Date | string | null): void;
  /** Waits for background webhook deliveries. */
  flushWebhooks(): Promise<void>;
  /** Faults of outgoing webhook deliveries (drop, fail), like `faults` for requests. */
  readonly webhookFaults: WebhookDispatcher['faults'];
  /** Runs a request internally as the authenticated key user (no HTTP, no faults, no stats). */
  request(method: Method, route: string, body?: unknown, query?: Record<string, string>): Promise<{ status: number; body: unknown; headers: Record<string, string> }>;
  close(): Promise<void>;
}

const JSON_CT = 'application/json; charset=UTF-8';

const PERM_ERRORS: Record<string, [string, string]> = {
  list: ['woocommerce_rest_cannot_view', 'Sorry, you cannot list resources.'],
  read: ['woocommerce_rest_cannot_view', 'Sorry, you cannot view this resource.'],
  create: ['woocommerce_rest_cannot_create', 'Sorry, you are not allowed to create resources.'],
  edit: ['woocommerce_rest_cannot_edit', 'Sorry, you are not allowed to edit this resource.'],
  settings_edit: ['woocommerce_rest_cannot_edit', 'Sorry, you cannot edit this resource.'],
  delete: ['woocommerce_rest_cannot_delete', 'Sorry, you are not allowed to delete this resource.'],
  batch: ['woocommerce_rest_cannot_batch', 'Sorry, you are not allowed to batch manipulate this resource.'],
};

const PLACEHOLDER_GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');

function routeRegexForIndex(template: string): string {
  return template.replace(/\{(\w+)\}/g, (_, n: string) => (['id', 'product_id', 'attribute_id', 'order_id', 'zone_id', 'instance_id'].includes(n) ? `(?P<${n}>[\\d]+)` : `(?P<${n}>[\\w-]+)`));
}

interface Dispatched { resp: RestResponse; route?: Route; userId: number; authError: boolean }

export async function startWooSimulator(opts: WooSimulatorOptions = {}): Promise<WooSimulator> {
  const key = opts.key ?? DEFAULT_KEY;
  const secret = opts.secret ?? DEFAULT_SECRET;
  const wpUser = opts.wpUser ?? DEFAULT_WP_USER;
  const wpAppPassword = opts.wpAppPassword ?? DEFAULT_WP_APP_PASSWORD;
  const host = opts.host ?? '127.0.0.1';
  const tls = opts.tls ?? false;
  let latencyMs = opts.latencyMs ?? 0;
  const logSize = opts.logSize ?? 500;
  let ca: string | undefined;
  let server: http.Server | https.Server;

  const sockets = new Set<Socket>();
  const hanging = new Set<http.ServerResponse>();
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    void handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('Content-Type', JSON_CT);
        res.end(wpJsonEncode({ code: 'internal_server_error', message: String(e instanceof Error ? e.stack ?? e.message : e), data: { status: 500 } }));
      } else res.destroy();
    });
  };
  if (tls) {
    // Dev dependency, loaded only when TLS is asked for.
    const { generate } = await import('selfsigned');
    const pems = await generate([{ name: 'commonName', value: host }], {
      keyType: 'ec', algorithm: 'sha256', notAfterDate: new Date(Date.now() + 30 * 86400_000),
      extensions: [
        { name: 'basicConstraints', cA: true },
        { name: 'keyUsage', digitalSignature: true, keyCertSign: true, keyEncipherment: true },
        { name: 'extKeyUsage', serverAuth: true },
        { name: 'subjectAltName', altNames: [{ type: 7, ip: '127.0.0.1' }, { type: 2, value: 'localhost' }] },
      ],
    });
    ca = pems.cert;
    server = https.createServer({ key: pems.private, cert: pems.cert }, handler);
  } else {
    server = http.createServer(handler);
  }
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const site = `${tls ? 'https' : 'http'}://${host}:${port}`;
  const api = `${site}/wp-json/wc/v3`;
  const state = new WooState(site);
  const nonces = new NonceStore();

  const payloadOf = (resource: WebhookResource, id: number): unknown => {
    if (resource === 'order') { const o = state.orders.get(id); return o ? orderResponse(sim, o) : undefined; }
    if (resource === 'product') { const p = state.products.get(id); return p ? productResponse(sim, p, 'view') : undefined; }
    if (resource === 'customer') { const c = state.customers.get(id); return c ? customerResponse(sim, c) : undefined; }
    const c = state.coupons.get(id);
    return c ? couponResponse(sim, c) : undefined;
  };
  const dispatcher = new WebhookDispatcher(() => sim, payloadOf);
  dispatcher.enabled = opts.webhooks ?? true;

  const sim: Sim = {
    state, site, api, batchLimit: opts.batchLimit ?? 100,
    hook: (resource: WebhookResource, event: WebhookEvent, id: number) => dispatcher.event(resource, event, id),
    subRequest: async (method, route, body, parent) => {
      const r = await dispatchInternal(method, route, body, {}, parent.userId || 1);
      return { status: r.status, body: r.body };
    },
  };

  // ---- routes ----
  const wcRoutes: Route[] = [...catalogRoutes(sim), ...orderRoutes(sim), ...refundRoutes(sim), ...adminRoutes(sim, (w) => dispatcher.ping(w))];
  const indexRoute = (namespace: string) => {
    const routes: Record<string, unknown> = {};
    for (const r of wcRoutes) {
      const path = routeRegexForIndex(r.template);
      routes[path] = {
        namespace,
        methods: allowedMethods(r),
        endpoints: r.endpoints.map((e) => ({ methods: e.methods, args: Object.fromEntries(Object.entries(e.args ?? {}).map(([k, s]) => [k, { type: s.type, required: !!s.required, ...(s.enum ? { enum: s.enum } : {}) }])) })),
        ...(path.includes('(?P<') ? {} : { _links: { self: [{ href: `${site}/wp-json${path}` }] } }),
      };
    }
    return routes;
  };
  wcRoutes.unshift(makeRoute('/wc/v3', [{
    methods: ['GET'], perm: 'public',
    handler: () => ok({ namespace: 'wc/v3', routes: indexRoute('wc/v3'), _links: { up: [{ href: `${site}/wp-json/` }] } }),
  }]));
  const wpRoutes: Route[] = [
    makeRoute('/', [{
      methods: ['GET'], perm: 'public',
      handler: () => ok({
        name: 'La Chocolaterie (Passerelle WooCommerce simulator)', description: 'WooCommerce 10.0.2 REST API simulator', url: site, home: site,
        gmt_offset: 0, timezone_string: 'UTC', page_for_posts: 0, page_on_front: 0, show_on_front: 'posts',
        namespaces: ['oembed/1.0', 'wc/v3', 'wp/v2', 'wp-site-health/v1'],
        authentication: { 'application-passwords': { endpoints: { authorization: `${site}/wp-admin/authorize-application.php` } } },
        routes: { '/': { namespace: '', methods: ['GET'], endpoints: [{ methods: ['GET'], args: { context: { default: 'view', required: false } } }], _links: { self: [{ href: `${site}/wp-json/` }] } }, ...indexRoute('wc/v3') },
        site_logo: 0, site_icon: 0, site_icon_url: '',
        _links: { help: [{ href: 'https://developer.wordpress.org/rest-api/' }] },
      }),
    }]),
    makeRoute('/wp/v2/users/me', [{
      methods: ['GET'], perm: 'public',
      handler: (req) => {
        if (!req.userId) throw new RestError('rest_not_logged_in', 'You are not currently logged in.', 401);
        return ok({ id: 1, name: wpUser, url: '', description: '', link: `${site}/author/${wpUser}/`, slug: sanitizeTitle(wpUser), avatar_urls: {}, meta: [], _links: {} });
      },
    }]),
    makeRoute('/wp/v2/media', [
      {
        methods: ['GET'], perm: 'public',
        handler: (req) => {
          let items = state.media.list().sort((a, b) => b.dateCreated.getTime() - a.dateCreated.getTime() || b.id - a.id);
          const search = toStr(param(req, 'search')).toLowerCase();
          if (search) items = items.filter((m) => m.title.toLowerCase().includes(search) || m.fileName.toLowerCase().includes(search));
          const page = paginate(req, items);
          return ok(page.items.map((m) => wpMediaObject(sim, m)), 200, pageHeaders(`${site}/wp-json/wp/v2/media`, req, page));
        },
      },
      {
        methods: ['POST'], perm: 'public',
        handler: (req) => {
          if (!req.userId) throw new RestError('rest_cannot_create', 'Sorry, you are not allowed to create posts as this user.', 401);
          const { fileName, data, mime } = uploadedFile(req);
          const m = createMedia(sim, fileName, data, null, toInt(param(req, 'post'), 0), mime);
          if (isPlainObject(req.body) || req.query.title !== undefined) {
            const title = param(req, 'title');
            if (typeof title === 'string' && title !== '') m.title = title;
            const alt = param(req, 'alt_text');
            if (typeof alt === 'string') m.alt = alt;
          }
          return ok(wpMediaObject(sim, m), 201, { Location: `${site}/wp-json/wp/v2/media/${m.id}` });
        },
      },
    ]),
    makeRoute('/wp/v2/media/{id}', [
      {
        methods: ['GET'], perm: 'public',
        handler: (req) => {
          const m = state.media.get(toInt(req.params.id));
          if (!m) throw new RestError('rest_post_invalid_id', 'Invalid post ID.', 404);
          return ok(wpMediaObject(sim, m));
        },
      },
      {
        methods: ['POST', 'PUT', 'PATCH'], perm: 'public',
        handler: (req) => {
          if (!req.userId) throw new RestError('rest_cannot_edit', 'Sorry, you are not allowed to edit this post.', 401);
          const m = state.media.get(toInt(req.params.id));
          if (!m) throw new RestError('rest_post_invalid_id', 'Invalid post ID.', 404);
          const title = param(req, 'title');
          if (typeof title === 'string') m.title = title;
          const alt = param(req, 'alt_text');
          if (typeof alt === 'string') m.alt = alt;
          m.dateModified = state.now();
          return ok(wpMediaObject(sim, m));
        },
      },
      {
        methods: ['DELETE'], perm: 'public',
        handler: (req) => {
          if (!req.userId) throw new RestError('rest_cannot_delete', 'Sorry, you are not allowed to delete this post.', 401);
          const m = state.media.get(toInt(req.params.id));
          if (!m) throw new RestError('rest_post_invalid_id', 'Invalid post ID.', 404);
          if (!toBool(param(req, 'force'))) throw new RestError('rest_trash_not_supported', 'Attachments do not support trashing. Set \'force\' to true to delete.', 501);
          const previous = wpMediaObject(sim, m);
          state.media.delete(m.id);
          state.mediaPaths.delete(m.sourceUrl.slice(site.length));
          state.mediaFiles.delete(m.id);
          return ok({ deleted: true, previous });
        },
      },
    ]),
  ];

  function uploadedFile(req: RestRequest): { fileName: string; data: Buffer; mime: string | undefined } {
    const ct = String(req.headers['content-type'] ?? '');
    if (ct.startsWith('multipart/form-data')) {
      const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(ct);
      const b = boundary ? (boundary[1] ?? boundary[2])! : '';
      const parts = splitMultipart(req.rawBody, b);
      const file = parts.find((p) => /filename=/.test(p.disposition));
      if (!file) throw new RestError('rest_upload_no_data', 'No data supplied.', 400);
      const name = /filename="([^"]*)"/.exec(file.disposition)?.[1] ?? 'file';
      for (const p of parts) {
        const field = /name="([^"]*)"/.exec(p.disposition)?.[1];
        if (field && !/filename=/.test(p.disposition) && !isPlainObject(req.body)) req.body = {};
        if (field && !/filename=/.test(p.disposition)) (req.body as Record<string, unknown>)[field] = p.data.toString('utf8');
      }
      return { fileName: name, data: file.data, mime: file.contentType || undefined };
    }
    if (req.rawBody.length === 0) throw new RestError('rest_upload_no_data', 'No data supplied.', 400);
    const disposition = String(req.headers['content-disposition'] ?? '');
    if (!disposition) throw new RestError('rest_upload_no_content_disposition', 'No Content-Disposition supplied.', 400);
    const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(disposition);
    if (!m) throw new RestError('rest_upload_invalid_disposition', 'Invalid Content-Disposition supplied. Content-Disposition needs to be formatted as `attachment; filename="image.png"` or similar.', 400);
    const fileName = decodeURIComponent(m[1]!);
    const mime = ct.split(';')[0]!.trim() || mimeOf(fileName);
    if (!mimeOf(fileName)) throw new RestError('rest_upload_sideload_error', 'Sorry, you are not allowed to upload this file type.', 500);
    return { fileName, data: req.rawBody, mime };
  }

  // ---- dispatch ----
  function findRoute(routes: Route[], path: string): { route: Route; params: Record<string, string> } | undefined {
    for (const route of routes) {
      const m = route.regex.exec(path);
      if (m) return { route, params: { ...(m.groups ?? {}) } };
    }
    return undefined;
  }

  async function dispatch(method: Method, routePath: string, req: Omit<RestRequest, 'method' | 'route' | 'params' | 'userId'>, wooUser: () => number, wpUser: () => number): Promise<Dispatched> {
    const isWoo = /^\/wc[/-]/.test(routePath) || routePath === '/wc/v3';
    let userId = 0;
    try {
      userId = isWoo ? wooUser() : wpUser();
    } catch (e) {
      // The site index (GET /wp-json/) answers whatever the Authorization header holds: the real
      // WooCommerce 10.0.2 answers 200 to a consumer key sent as Basic over HTTPS there (measured),
      // where an application-password check would have refused the unknown user.
      if (e instanceof RestError && !(routePath === '/' || routePath === '')) return { resp: errorResponse(e), userId: 0, authError: true };
      if (!(e instanceof RestError)) throw e;
    }
    const found = findRoute(isWoo ? wcRoutes : wpRoutes, routePath === '' ? '/' : routePath);
    const noRoute = () => errorResponse(new RestError('rest_no_route', 'No route was found matching the URL and request method.', 404));
    if (!found) return { resp: noRoute(), userId, authError: false };
    const endpoint = found.route.endpoints.find((e) => e.methods.includes(method));
    if (!endpoint) return { resp: noRoute(), userId, authError: false };
    const rr: RestRequest = { ...req, method, route: routePath, params: found.params, userId };
    try {
      if ((req as { jsonError?: boolean }).jsonError) {
        throw new RestError('rest_invalid_json', 'Invalid JSON body passed.', 400, { json_error_code: 4, json_error_message: 'Syntax error' });
      }
      if (endpoint.args) validateArgs(rr, endpoint.args);
      checkPermission(endpoint, userId);
      if (method !== 'GET') state.writeVersion++;
      const resp = await endpoint.handler(rr);
      if (method !== 'GET') state.writeVersion++;
      return { resp, route: found.route, userId, authError: false };
    } catch (e) {
      if (e instanceof RestError) return { resp: errorResponse(e), route: found.route, userId, authError: false };
      throw e;
    }
  }

  function checkPermission(endpoint: Endpoint, userId: number): void {
    if (endpoint.perm === 'public' || userId) return;
    const [code, message] = PERM_ERRORS[endpoint.perm] ?? PERM_ERRORS.read!;
    throw new RestError(code, message, 401);
  }

  function errorResponse(e: RestError): RestResponse {
    return { status: e.status, body: e.toBody(), headers: { ...e.headers } };
  }

  async function dispatchInternal(method: Method, route: string, body: unknown, query: Record<string, string>, userId = 1): Promise<RestResponse> {
    const qs = new URLSearchParams(query).toString();
    const { pairs, params } = parseQuery(qs);
    const d = await dispatch(method, route, { query: params, queryPairs: pairs, body, rawBody: Buffer.from(body === undefined ? '' : JSON.stringify(body)), headers: {} }, () => userId, () => userId);
    return d.resp;
  }

  // ---- faults ----
  const faultList: { spec: FaultSpec; left: number }[] = [];
  function takeFault(method: string, path: string): FaultSpec | undefined {
    for (const f of faultList) {
      if (f.left <= 0) continue;
      const m = f.spec.match;
      let hit = true;
      if (typeof m === 'function') hit = m(method, path);
      else if (typeof m === 'string') {
        hit = m.startsWith('/wp-json') || m.startsWith('/wp-content')
          ? path.startsWith(m)
          : path.startsWith(`/wp-json/wc/v3/${m.replace(/^\//, '')}`);
      }
      if (!hit) continue;
      f.left--;
      if (f.left <= 0) faultList.splice(faultList.indexOf(f), 1);
      return f.spec;
    }
    return undefined;
  }

  // ---- stats ----
  const stats: WooStats = { requests: 0, writeRequests: 0, byRoute: {}, log: [] };
  function record(entry: RequestLogEntry): void {
    stats.byRoute[`${entry.method} ${entry.route}`] = (stats.byRoute[`${entry.method} ${entry.route}`] ?? 0) + 1;
    stats.log.push(entry);
    if (stats.log.length > logSize) stats.log.splice(0, stats.log.length - logSize);
  }

  // ---- HTTP ----
  function readBody(req: http.IncomingMessage): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks)));
      req.on('error', reject);
    });
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = Date.now();
    const rawUrl = req.url ?? '/';
    const qIndex = rawUrl.indexOf('?');
    const path = qIndex >= 0 ? rawUrl.slice(0, qIndex) : rawUrl;
    const queryString = qIndex >= 0 ? rawUrl.slice(qIndex + 1) : '';
    let method = (req.method ?? 'GET').toUpperCase();
    stats.requests++;
    if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(method)) stats.writeRequests++;
    const rawBody = await readBody(req);

    const fault = takeFault(method, path);
    if (fault?.kind === 'reset') {
      record({ method, path, status: 0, route: '(fault)', ms: Date.now() - started, fault: 'reset' });
      const s = req.socket as Socket & { resetAndDestroy?: () => void };
      if (typeof s.resetAndDestroy === 'function') s.resetAndDestroy();
      else s.destroy();
      return;
    }
    if (fault?.kind === 'timeout') {
      record({ method, path, status: 0, route: '(fault)', ms: 0, fault: 'timeout' });
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    if (fault) {
      const status = fault.kind === '429' ? 429 : fault.status ?? 500;
      const headers: Record<string, string> = { 'Content-Type': JSON_CT };
      if (fault.kind === '429' || fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds ?? 1);
      const body = fault.kind === '429'
        ? { code: 'too_many_requests', message: 'Too Many Requests', data: { status: 429 } }
        : status === 500
          ? { code: 'internal_server_error', message: '<p>There has been a critical error on this website.</p><p><a href="https://wordpress.org/documentation/article/faq-troubleshooting/">Learn more about troubleshooting WordPress.</a></p>', data: { status: 500 }, additional_errors: [] }
          : { code: `http_${status}`, message: http.STATUS_CODES[status] ?? 'Server error', data: { status } };
      send(res, status, headers, Buffer.from(wpJsonEncode(body)));
      record({ method, path, status, route: '(fault)', ms: Date.now() - started, fault: fault.kind });
      return;
    }

    // Media files.
    if (path.startsWith('/wp-content/uploads/') && (method === 'GET' || method === 'HEAD')) {
      const m = state.media.find((x) => x.sourceUrl === `${site}${decodeURIComponent(path)}`);
      const data = m ? state.mediaFiles.get(m.id) ?? PLACEHOLDER_GIF : undefined;
      if (!m || !data) send(res, 404, { 'Content-Type': 'text/html; charset=UTF-8' }, Buffer.from('<h1>Not Found</h1>'));
      else send(res, 200, { 'Content-Type': state.mediaFiles.has(m.id) ? m.mimeType : 'image/gif' }, method === 'HEAD' ? Buffer.alloc(0) : data);
      record({ method, path, status: m ? 200 : 404, route: '/wp-content/uploads', ms: Date.now() - started });
      return;
    }

    const { pairs, params: query } = parseQuery(queryString);
    let routePath: string | undefined;
    if (path === '/wp-json' || path.startsWith('/wp-json/')) routePath = path.slice('/wp-json'.length) || '/';
    else if ((path === '/' || path === '/index.php') && typeof query.rest_route === 'string') routePath = query.rest_route;
    if (routePath === undefined) {
      send(res, 404, { 'Content-Type': 'text/html; charset=UTF-8' }, Buffer.from('<!doctype html><title>Page not found</title><h1>Oops! That page can&rsquo;t be found.</h1>'));
      record({ method, path, status: 404, route: '(not wp-json)', ms: Date.now() - started });
      return;
    }
    try {
      routePath = decodeURIComponent(routePath);
    } catch {
      /* keep raw */
    }
    if (routePath.length > 1) routePath = routePath.replace(/\/+$/, '');

    // Method override (WordPress: _method or X-HTTP-Method-Override on POST).
    const override = typeof query._method === 'string' ? query._method : req.headers['x-http-method-override'];
    if (method === 'POST' && typeof override === 'string' && override) method = override.toUpperCase();
    const headMode = method === 'HEAD';
    const effMethod = (headMode ? 'GET' : method) as Method;

    // Body.
    const ct = String(req.headers['content-type'] ?? '').toLowerCase();
    let body: unknown;
    let jsonError = false;
    if (rawBody.length > 0 && /json/.test(ct)) {
      try {
        body = JSON.parse(rawBody.toString('utf8'));
      } catch {
        jsonError = true;
      }
    } else if (rawBody.length > 0 && ct.startsWith('application/x-www-form-urlencoded')) {
      body = parseForm(rawBody.toString('utf8'));
    }

    if (method === 'OPTIONS') {
      const found = findRoute(/^\/wc[/-]/.test(routePath) ? wcRoutes : wpRoutes, routePath);
      const headers = baseHeaders(req, true);
      if (found) headers.Allow = allowedMethods(found.route).join(', ');
      send(res, found ? 200 : 404, { ...headers, 'Content-Type': JSON_CT }, Buffer.from(wpJsonEncode(found ? { namespace: 'wc/v3', methods: allowedMethods(found.route) } : { code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } })));
      record({ method, path, status: found ? 200 : 404, route: found?.route.label ?? '(no route)', ms: Date.now() - started });
      return;
    }

    const authInput = { method: effMethod, path, query, form: ct.startsWith('application/x-www-form-urlencoded') && isPlainObject(body) ? body : null, headers: req.headers };
    const d = await dispatch(
      effMethod, routePath,
      { query, queryPairs: pairs, body, rawBody, headers: req.headers, ...(jsonError ? { jsonError: true } : {}) } as Omit<RestRequest, 'method' | 'route' | 'params' | 'userId'>,
      () => authenticateWoo({ key, secret, permissions: opts.permissions ?? 'read_write', ssl: tls, allowBasicOverHttp: opts.allowBasicOverHttp ?? false, site, now: () => state.now().getTime() }, authInput, nonces),
      () => authenticateWordPress(wpUser, wpAppPassword, req.headers),
    );
    let { resp } = d;
    const loggedIn = d.userId > 0;
    const headers = baseHeaders(req, loggedIn);
    for (const [k, v] of Object.entries(resp.headers ?? {})) {
      if (k === 'Link') headers.Link = v;
    }
    for (const [k, v] of Object.entries(resp.headers ?? {})) if (k !== 'Link') headers[k] = v;
    if (d.route && !(resp.status === 401 && !loggedIn)) headers.Allow = allowedMethods(d.route).join(', ');
    if (loggedIn) {
      headers.Expires = 'Wed, 11 Jan 1984 05:00:00 GMT';
      headers['Cache-Control'] = 'no-cache, must-revalidate, max-age=0, no-store, private';
    }
    // _envelope
    if (query._envelope !== undefined) {
      resp = { status: 200, body: { body: resp.body, status: resp.status, headers: resp.headers ?? {} } };
    }
    let payload: Buffer;
    if (resp.raw) {
      headers['Content-Type'] = resp.raw.contentType;
      payload = Buffer.isBuffer(resp.raw.data) ? resp.raw.data : Buffer.from(resp.raw.data);
    } else {
      headers['Content-Type'] = JSON_CT;
      payload = Buffer.from(wpJsonEncode(resp.body));
    }
    send(res, resp.status, headers, headMode ? Buffer.alloc(0) : payload, headMode ? payload.length : undefined);
    record({ method: effMethod, path, status: resp.status, route: d.route?.label ?? (d.authError ? '(auth)' : '(no route)'), ms: Date.now() - started });
  }

  function baseHeaders(req: http.IncomingMessage, loggedIn: boolean): Record<string, string> {
    const h: Record<string, string> = {
      'X-Robots-Tag': 'noindex',
      Link: `<${site}/wp-json/>; rel="https://api.w.org/"`,
      'X-Content-Type-Options': 'nosniff',
      'Access-Control-Expose-Headers': 'X-WP-Total, X-WP-TotalPages, Link',
      'Access-Control-Allow-Headers': 'Authorization, X-WP-Nonce, Content-Disposition, Content-MD5, Content-Type',
    };
    const origin = req.headers.origin;
    if (origin) {
      h['Access-Control-Allow-Origin'] = origin;
      h['Access-Control-Allow-Methods'] = 'OPTIONS, GET, POST, PUT, PATCH, DELETE';
      h['Access-Control-Allow-Credentials'] = 'true';
      h.Vary = 'Origin';
    } else if (!loggedIn && (req.method ?? 'GET').toUpperCase() === 'GET') {
      h.Vary = 'Origin';
    }
    return h;
  }

  function send(res: http.ServerResponse, status: number, headers: Record<string, string>, body: Buffer, contentLength?: number): void {
    if (res.destroyed) return;
    res.statusCode = status;
    res.setHeader('Server', 'Passerelle-WooCommerce-Simulator');
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    res.setHeader('Content-Length', String(contentLength ?? body.length));
    res.end(body);
  }

  // ---- seed ----
  if ((opts.seed ?? 'empty') === 'fixtures') {
    await seedFixtures(state, (method, route, body) => dispatchInternal(method, route, body, {}, 1));
    await dispatcher.flush();
    state.webhookDeliveries.length = 0;
  }
  if (opts.prices_include_tax !== undefined) state.setOption('woocommerce_prices_include_tax', opts.prices_include_tax ? 'yes' : 'no');

  const handles = (): FaultHandle[] => faultList.map((f) => ({ spec: f.spec, remaining: () => f.left, remove: () => { const i = faultList.indexOf(f); if (i >= 0) faultList.splice(i, 1); } }));

  return {
    url: site,
    apiUrl: api,
    key,
    secret,
    ca,
    wpUser,
    wpAppPassword,
    state,
    stats,
    resetStats() {
      stats.requests = 0;
      stats.writeRequests = 0;
      stats.byRoute = {};
      stats.log = [];
    },
    faults: {
      add(spec: FaultSpec): FaultHandle {
        const f = { spec, left: Math.max(0, spec.times) };
        if (f.left > 0) faultList.push(f);
        return { spec, remaining: () => f.left, remove: () => { const i = faultList.indexOf(f); if (i >= 0) faultList.splice(i, 1); } };
      },
      clear() {
        faultList.length = 0;
      },
      list: handles,
    },
    setLatency(ms: number) {
      latencyMs = Math.max(0, ms);
    },
    setNow(date: Date | string | null) {
      state.clock = date === null ? null : new Date(Math.floor(new Date(date).getTime() / 1000) * 1000);
    },
    flushWebhooks: () => dispatcher.flush(),
    webhookFaults: dispatcher.faults,
    async request(method: Method, route: string, body?: unknown, query: Record<string, string> = {}) {
      const r = await dispatchInternal(method, route.startsWith('/wp-json') ? route.slice('/wp-json'.length) : route, body, query, 1);
      return { status: r.status, body: r.body, headers: r.headers ?? {} };
    },
    async close() {
      for (const res of hanging) res.destroy();
      hanging.clear();
      await dispatcher.flush().catch(() => undefined);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
    },
  };
}

function splitMultipart(body: Buffer, boundary: string): { disposition: string; contentType: string; data: Buffer }[] {
  const out: { disposition: string; contentType: string; data: Buffer }[] = [];
  if (!boundary) return out;
  const delim = Buffer.from(`--${boundary}`);
  let start = body.indexOf(delim);
  while (start >= 0) {
    const next = body.indexOf(delim, start + delim.length);
    if (next < 0) break;
    const part = body.subarray(start + delim.length, next);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const head = part.subarray(0, headerEnd).toString('utf8');
      let data = part.subarray(headerEnd + 4);
      if (data.subarray(-2).toString() === '\r\n') data = data.subarray(0, -2);
      out.push({
        disposition: /content-disposition:\s*([^\r\n]+)/i.exec(head)?.[1] ?? '',
        contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1]?.trim() ?? '',
        data,
      });
    }
    start = next;
  }
  return out;
}

/** Random consumer key/secret in WooCommerce's format (ck_/cs_ + 40 hex). */
export function generateKeys(): { key: string; secret: string } {
  return { key: `ck_${crypto.randomBytes(20).toString('hex')}`, secret: `cs_${crypto.randomBytes(20).toString('hex')}` };
}

