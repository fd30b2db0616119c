/**
 * The one place where Passerelle talks HTTP to a shop: TLS and proxy settings, authentication,
 * a concurrency cap, a minimum spacing between request starts, retries with backoff, and errors
 * that name the shop's own code and message without leaking credentials.
 *
 * Retry rules (total tries <= maxTries):
 * - retried: network failures, timeouts, HTTP 408, 429, 500, 502, 503, 504, 522, 524; on 429 and 503
 *   the server's Retry-After (seconds or HTTP date; BigCommerce X-Retry-After and
 *   X-Rate-Limit-Time-Reset-Ms) is honoured, capped at 120 s, and pauses the whole client, since
 *   the limit is the shop's, not the request's; otherwise exponential backoff with full jitter
 *   (base 500 ms, cap 30 s);
 * - non-idempotent requests (POST unless `idempotent: true`) are retried only when the shop
 *   certainly did not act: connection refused / DNS / connect timeout (nothing sent), 408, 429,
 *   500, 502, 503, 522. They are NOT retried after a timeout, a reset or closed connection once
 *   the request may have reached the server, nor on a gateway timeout (504, 524) where the shop
 *   may still be processing it: the engine re-reads by SKU / shop id instead, so nothing is
 *   created twice;
 * - never retried: other 4xx, TLS and certificate failures, an invalid JSON body.
 */
import tls from 'node:tls';
import { Agent, ProxyAgent, request as undiciRequest, type Dispatcher } from 'undici';
import PQueue from 'p-queue';
import { ConfigError, PasserelleError } from '../errors.js';
import { withSiteAuth, type AuthStrategy, type AuthTarget, type HttpMethod, type SiteAuth } from './auth.js';
import { HttpError, isTlsCode } from './http-error.js';
import { encodeRfc3986, redactText, redactUrl, urlForMessage } from './redact.js';
import { extractShopError } from './shop-error.js';
import type { RateLimitPolicy } from './rate-limit.js';
import { msg, type Text } from '../i18n/catalogue.js';

export { HttpError } from './http-error.js';
export type { HttpMethod } from './auth.js';

export type QueryValue = string | number | boolean | string[] | undefined;
export type QueryInput = Record<string, QueryValue>;

export interface ProxyOptions {
  host: string;
  port: number;
  user?: string;
  password?: string;
}

/** What a wait is for, passed to an injected `sleep` so tests can tell them apart. */
export type WaitReason = 'spacing' | 'retry' | 'rateLimit';

export interface ExchangeInfo {
  method: HttpMethod;
  /** Without credentials. */
  url: string;
  /** null: no answer (network failure, timeout). */
  status: number | null;
  /** Network error code, or the shop's error code on an error status. */
  code?: string;
  ms: number;
  /** 1-based. */
  attempt: number;
  /** Set when this attempt will be retried: why ("HTTP 503", "ECONNRESET", "TIMEOUT", a hook's reason). */
  retried?: string;
  /** Wait before the retry, in ms. */
  waitMs?: number;
  bytesSent: number;
  bytesReceived: number;
}

/** A shop-specific retry signal on an otherwise successful answer (Shopify THROTTLED with HTTP 200). */
export interface RetryHint {
  reason: string;
  /** Wait before retrying; backoff when absent. */
  waitMs?: number;
}

/**
 * Requests counted for whoever needs the total over several clients (a run: its shop API and media
 * clients), unlike `stats`, which belong to one client.
 */
export interface RequestMeter {
  /** Attempts sent, retries included: what the shop saw. */
  requests: number;
  /** Among them, POST, PUT, PATCH and DELETE. */
  writeRequests: number;
}

export function newRequestMeter(): RequestMeter {
  return { requests: 0, writeRequests: 0 };
}

/** The methods that change something in the shop. */
export function isWriteMethod(method: HttpMethod): boolean {
  return method === 'POST' || method === 'PUT' || method === 'PATCH' || method === 'DELETE';
}

export interface HttpClientOptions {
  /** Paths are appended to it: "https://shop/wp-json/wc/v3/" + "products". Its own query string is ignored. */
  baseUrl: string;
  /** Whole exchange, from sending to the last body byte. */
  timeoutMs: number;
  /** Minimum spacing between request starts, for the whole client (every attempt counts). */
  delayMs: number;
  /** Total tries of one request; 1 = no retry. */
  maxTries: number;
  /** Requests in flight at once; default 4. */
  concurrency?: number;
  userAgent: string;
  tlsMin?: 'TLSv1.2' | 'TLSv1.3';
  /** Extra trusted CA in PEM (self-signed test shop, private CA), added to Node's bundled roots. */
  caPem?: string;
  proxy?: ProxyOptions;
  /** The shop API's credentials. */
  auth?: AuthStrategy;
  /** Basic auth of a protected directory in front of the shop (profile http.basicAuth); see auth.ts on conflicts. */
  siteAuth?: SiteAuth;
  /** Query parameters sent with every request (PrestaShop output_format=JSON). */
  defaultQuery?: Record<string, string>;
  onExchange?: (e: ExchangeInfo) => void;
  /** Counts every attempt too (shared by the clients of one run). */
  meter?: RequestMeter;
  /** Asked for a retry decision on answers the status alone calls final (2xx included). */
  shouldRetry?: (res: HttpResponse<unknown>) => RetryHint | undefined;
  /** Asked before each attempt how long to wait, told every answer (src/http/rate-limit.ts). */
  rateLimit?: RateLimitPolicy;
  sleep?: (ms: number, why: WaitReason) => Promise<void>;
  now?: () => number;
  /** In [0, 1): the jitter source. */
  random?: () => number;
  /** Replaces the undici dispatcher built from tlsMin/caPem/proxy (tests, or a shared pool). */
  dispatcher?: Dispatcher;
}

export interface HttpRequest {
  method: HttpMethod;
  /** Relative to baseUrl (encode path segments yourself: SKUs in Magento paths), or an absolute URL of the same origin (a Link header). */
  path: string;
  /** Arrays repeat the name as given: pass "status[]" for PHP-style lists. undefined values are skipped. */
  query?: QueryInput;
  /** Sent as application/json. */
  json?: unknown;
  /** Raw body (PrestaShop XML, multipart); set content-type in headers. */
  body?: Buffer | string;
  headers?: Record<string, string>;
  /** Safe to repeat even if the shop may have acted (default: true except for POST). */
  idempotent?: boolean;
  signal?: AbortSignal;
  /** 'auto' (default): JSON when it is JSON, else text; 'text'; 'buffer' for files. */
  responseType?: 'auto' | 'text' | 'buffer';
  /** Statuses >= 300 returned instead of thrown (404 when probing, 304 for PrestaShop Local-Content-Sha1). */
  allowStatus?: number[];
  /** Named in the error ("article AR0003"); default "shop". */
  entity?: string;
  /** What the request will spend in the rate-limit policy's unit (Shopify query cost), when known. */
  cost?: number;
  /** Whether it changes something in the shop, when the method does not say it (a GraphQL query is a POST that writes nothing). */
  write?: boolean;
}

export interface HttpResponse<T> {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Parsed JSON, text, a Buffer (responseType 'buffer'), or null for an empty body. */
  data: T;
  /** Final URL without credentials. */
  url: string;
  attempts: number;
}

export interface HttpStats {
  /** Attempts sent, retries included. */
  requests: number;
  /** Attempts with a write method (POST, PUT, PATCH, DELETE). */
  writeRequests: number;
  /** Attempts beyond the first of each request. */
  retries: number;
  bytesSent: number;
  bytesReceived: number;
  byStatus: Record<string, number>;
  /** Attempts without an answer, by code (ECONNRESET, TIMEOUT…). */
  byError: Record<string, number>;
}

const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 30_000;
const RETRY_AFTER_CAP_MS = 120_000;
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504, 522, 524]);
/** Gateway timeouts: the shop may still be processing the request. */
const MAYBE_PROCESSED_STATUSES = new Set([504, 524]);
/** Nothing reached the server: safe to retry any method. */
const NOT_SENT_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ENETDOWN', 'EHOSTDOWN', 'UND_ERR_CONNECT_TIMEOUT',
]);
/** Not worth a retry: the same request fails the same way. */
const FATAL_CODES = new Set(['PROXY', 'UND_ERR_ABORTED', 'UND_ERR_INVALID_ARG', 'ERR_INVALID_URL', 'UND_ERR_NOT_SUPPORTED']);

interface Prepared {
  method: HttpMethod;
  baseUrl: string;
  params: [string, string][];
  headers: Record<string, string>;
  body: Buffer | undefined;
  idempotent: boolean;
  responseType: 'auto' | 'text' | 'buffer';
  cost: number | undefined;
  write: boolean;
}

type Outcome =
  | { kind: 'response'; status: number; headers: Record<string, string>; buf: Buffer; url: string; ms: number; bytesSent: number }
  | { kind: 'failure'; code: string; detail: string | Text; err: unknown; url: string; ms: number; bytesSent: number };

class TimeoutSignal extends Error {}

function defaultSleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

function errorCode(err: unknown): { code: string; detail: string | Text } {
  let e: unknown = err;
  // Happy-eyeballs connects fail with an AggregateError of one error per address.
  if (e instanceof AggregateError && e.errors.length > 0) e = e.errors[0];
  const rec = e as { code?: unknown; message?: unknown; cause?: { code?: unknown; message?: unknown } } | null;
  const code = typeof rec?.code === 'string' ? rec.code : typeof rec?.cause?.code === 'string' ? rec.cause.code : 'NETWORK';
  let detail = (typeof rec?.message === 'string' ? rec.message : String(e)).replace(/\s+/g, ' ').trim();
  // OpenSSL's "…:SSL routines:func:reason:file:line…" says only "reason" usefully.
  const sslReason = /SSL routines:[^:]*:([^:]+)/.exec(detail)?.[1];
  if (sslReason) detail = sslReason;
  if (/PROTOCOL_VERSION|UNSUPPORTED_PROTOCOL|WRONG_VERSION/.test(code)) detail += ' (http.tlsMin ?)';
  // undici reports a refused CONNECT as an aborted request: name the proxy instead.
  const proxyStatus = /^Proxy response \((\d+)\)/.exec(detail)?.[1];
  if (proxyStatus) return { code: 'PROXY', detail: msg('http.proxyAnswered', { status: proxyStatus }) };
  return { code, detail };
}

function joinHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** Retry-After as seconds or an HTTP date; BigCommerce's X-Retry-After (s) and X-Rate-Limit-Time-Reset-Ms. */
export function retryAfterMs(headers: Record<string, string>, now: number): number | undefined {
  const ra = headers['retry-after'] ?? headers['x-retry-after'];
  let ms: number | undefined;
  if (ra !== undefined && ra.trim() !== '') {
    const v = ra.trim();
    if (/^\d+(\.\d+)?$/.test(v)) ms = Number(v) * 1000;
    else {
      const at = Date.parse(v);
      if (!Number.isNaN(at)) ms = at - now;
    }
  }
  if (ms === undefined) {
    const reset = headers['x-rate-limit-time-reset-ms'];
    if (reset !== undefined && /^\d+$/.test(reset.trim())) ms = Number(reset);
  }
  if (ms === undefined || Number.isNaN(ms)) return undefined;
  return Math.min(Math.max(0, ms), RETRY_AFTER_CAP_MS);
}

/** Full-jitter exponential backoff: random in [0, min(cap, base * 2^(retry-1))]. */
export function backoffMs(retry: number, random: () => number): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

function serializeParams(params: [string, string][]): string {
  return params.map(([k, v]) => `${encodeRfc3986(k)}=${encodeRfc3986(v)}`).join('&');
}

function isJsonType(contentType: string | undefined): boolean {
  return !!contentType && /[/+]json\b/i.test(contentType);
}

/** JSON.parse that survives what PHP shops put around JSON: a BOM, notices or warnings printed before it. */
function parseJsonLenient(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    const start = text.search(/[{[]/);
    if (start > 0) {
      try {
        return { ok: true, value: JSON.parse(text.slice(start)) };
      } catch { /* not JSON after all */ }
    }
    return { ok: false };
  }
}

export class HttpClient {
  readonly stats: HttpStats = { requests: 0, writeRequests: 0, retries: 0, bytesSent: 0, bytesReceived: 0, byStatus: {}, byError: {} };

  private readonly base: URL;
  private readonly auth: AuthStrategy | undefined;
  private readonly dispatcher: Dispatcher;
  private readonly ownsDispatcher: boolean;
  private readonly queue: PQueue;
  private readonly sleepFn: (ms: number, why: WaitReason) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly secretParams: readonly string[];
  private readonly secretValues: readonly string[];
  /** Earliest start of the next attempt (spacing). */
  private nextStart = 0;
  /** Set by a 429/503 Retry-After or an exhausted BigCommerce quota: every attempt waits. */
  private pausedUntil = 0;

  constructor(private readonly opts: HttpClientOptions) {
    let base: URL;
    try {
      base = new URL(opts.baseUrl);
    } catch {
      throw new ConfigError(msg('http.invalidShopUrl', { url: redactText(opts.baseUrl) }), 'profile', 'shop.url');
    }
    if (base.protocol !== 'http:' && base.protocol !== 'https:') {
      throw new ConfigError(msg('http.httpUrlExpected', { url: urlForMessage(base) }), 'profile', 'shop.url');
    }
    if (base.username || base.password) {
      // Credentials in a URL end up in logs and proxies: they belong in the profile's secret options.
      throw new ConfigError(
        msg('http.credentialsInUrl'),
        'profile', 'shop.url',
      );
    }
    base.search = '';
    base.hash = '';
    if (!base.pathname.endsWith('/')) base.pathname += '/';
    this.base = base;
    if (!Number.isInteger(opts.maxTries) || opts.maxTries < 1) {
      throw new ConfigError(msg('http.maxTries'), 'profile', 'http.maxTries');
    }
    this.auth = withSiteAuth(opts.auth, opts.siteAuth);
    this.secretParams = this.auth?.queryParams ?? [];
    this.secretValues = [...(this.auth?.secrets ?? []), opts.proxy?.password ?? ''].filter((s) => s !== '');
    this.queue = new PQueue({ concurrency: Math.max(1, opts.concurrency ?? 4) });
    this.sleepFn = opts.sleep ?? defaultSleep;
    this.now = opts.now ?? Date.now;
    this.random = opts.random ?? Math.random;
    if (opts.dispatcher) {
      this.dispatcher = opts.dispatcher;
      this.ownsDispatcher = false;
    } else {
      this.dispatcher = HttpClient.buildDispatcher(opts);
      this.ownsDispatcher = true;
    }
  }

  /** The undici dispatcher for these options: an Agent, or a ProxyAgent tunnelling (CONNECT) every request. */
  static buildDispatcher(opts: Pick<HttpClientOptions, 'timeoutMs' | 'tlsMin' | 'caPem' | 'proxy'>): Dispatcher {
    // A `ca` replaces Node's roots, so the extra CA is added to them rather than given alone.
    const tlsOpts = {
      ...(opts.caPem ? { ca: [...tls.rootCertificates, opts.caPem] } : {}),
      ...(opts.tlsMin ? { minVersion: opts.tlsMin } : {}),
    };
    const connectTimeout = Math.min(opts.timeoutMs, 10_000);
    // undici's own timeouts are a backstop; the client's AbortController enforces timeoutMs.
    const common = { headersTimeout: opts.timeoutMs + 1000, bodyTimeout: opts.timeoutMs + 1000 };
    if (opts.proxy) {
      const p = opts.proxy;
      let uri: string;
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p.host)) {
        // "http://proxy.lan" typed as the host: keep its scheme, take the port option when it has none.
        const u = new URL(p.host);
        if (!u.port) u.port = String(p.port);
        uri = u.toString();
      } else {
        uri = `http://${p.host.includes(':') && !p.host.startsWith('[') ? `[${p.host}]` : p.host}:${p.port}`;
      }
      return new ProxyAgent({
        uri,
        ...(p.user ? { token: `Basic ${Buffer.from(`${p.user}:${p.password ?? ''}`, 'utf8').toString('base64')}` } : {}),
        requestTls: { ...tlsOpts, timeout: connectTimeout },
        proxyTls: { timeout: connectTimeout },
        ...common,
      });
    }
    return new Agent({ connect: { ...tlsOpts, timeout: connectTimeout }, ...common });
  }

  get origin(): string {
    return this.base.origin;
  }

  /** Requests queued or in flight. */
  get pending(): number {
    return this.queue.size + this.queue.pending;
  }

  /** Waits on the client's clock (its injected sleep in tests and benchmarks): polling a job the shop runs. */
  pause(ms: number, signal?: AbortSignal): Promise<void> {
    return this.wait(ms, 'rateLimit', signal);
  }

  async close(): Promise<void> {
    await this.queue.onIdle();
    if (this.ownsDispatcher) await this.dispatcher.close();
  }

  async request<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
    const p = this.prepare(req);
    const { signal } = req;
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw abortReason(signal);
      const outcome = await this.queue.add(() => this.attempt(p, signal), signal ? { signal } : {});

      if (outcome.kind === 'failure') {
        const retryable = !FATAL_CODES.has(outcome.code) && !isTlsCode(outcome.code)
          && (p.idempotent || NOT_SENT_CODES.has(outcome.code));
        const wait = retryable && attempt < this.opts.maxTries ? backoffMs(attempt, this.random) : undefined;
        this.report(p, outcome, attempt, null, outcome.code, wait !== undefined ? outcome.code : undefined, wait);
        if (wait === undefined) {
          throw new HttpError({
            method: p.method, url: outcome.url, status: null, code: outcome.code, attempts: attempt,
            detail: typeof outcome.detail === 'string' ? redactText(outcome.detail, this.secretValues) : outcome.detail, entity: req.entity, cause: outcome.err,
          });
        }
        await this.retryWait(wait, signal);
        continue;
      }

      const { status, headers } = outcome;
      this.notePressure(headers);
      const res = this.toResponse<T>(p, outcome, attempt);
      this.opts.rateLimit?.observe(res.response, this.now(), p.cost);
      const isError = status >= 300 && !(req.allowStatus ?? []).includes(status);
      let hint: RetryHint | undefined;
      if (isError && RETRY_STATUSES.has(status) && (p.idempotent || !MAYBE_PROCESSED_STATUSES.has(status))) {
        const serverWait = status === 429 || status === 503 ? retryAfterMs(headers, this.now()) : undefined;
        if (serverWait !== undefined) this.pausedUntil = Math.max(this.pausedUntil, this.now() + serverWait);
        hint = { reason: `HTTP ${status}`, waitMs: serverWait };
      } else if (!isError && res.ok && this.opts.shouldRetry) {
        hint = this.opts.shouldRetry(res.response);
      }
      const wait = hint && attempt < this.opts.maxTries ? hint.waitMs ?? backoffMs(attempt, this.random) : undefined;
      const shop = isError || !res.ok ? this.shopError(status, headers, res) : undefined;
      this.report(p, outcome, attempt, status, shop?.code, wait !== undefined ? hint?.reason : undefined, wait);

      if (wait !== undefined) {
        await this.retryWait(wait, signal);
        continue;
      }
      if (isError || !res.ok) {
        throw new HttpError({
          method: p.method, url: outcome.url, status, attempts: attempt, entity: req.entity,
          code: shop?.code ?? (res.ok ? undefined : 'INVALID_JSON'),
          shopMessage: shop?.message, data: res.ok ? res.response.data : undefined,
        });
      }
      return res.response;
    }
  }

  private prepare(req: HttpRequest): Prepared {
    let url: URL;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(req.path)) {
      url = new URL(req.path);
      // Credentials must never follow a link to another host.
      if (url.origin !== this.base.origin) {
        throw new PasserelleError(
          msg('http.outsideShop', { url: urlForMessage(url) }),
          req.entity ?? 'shop',
        );
      }
    } else {
      const q = req.path.indexOf('?');
      const pathPart = (q >= 0 ? req.path.slice(0, q) : req.path).replace(/^\/+/, '');
      url = new URL(pathPart, this.base);
      if (q >= 0) url.search = req.path.slice(q);
    }
    // A URL echoed by the shop (Link header) carries the previous attempt's credentials and OAuth data: the strategy adds fresh ones.
    let params: [string, string][] = [...url.searchParams]
      .filter(([k]) => !this.secretParams.includes(k) && !k.startsWith('oauth_'));
    const own = new Set(params.map(([k]) => k));
    for (const [k, v] of Object.entries(this.opts.defaultQuery ?? {})) if (!own.has(k)) params.push([k, v]);
    for (const [k, v] of Object.entries(req.query ?? {})) {
      if (v === undefined) continue;
      params = params.filter(([name]) => name !== k);
      if (Array.isArray(v)) for (const item of v) params.push([k, item]);
      else params.push([k, String(v)]);
    }
    url.search = '';
    url.hash = '';

    const headers: Record<string, string> = { 'user-agent': this.opts.userAgent, accept: 'application/json' };
    let body: Buffer | undefined;
    if (req.json !== undefined) {
      body = Buffer.from(JSON.stringify(req.json), 'utf8');
      headers['content-type'] = 'application/json; charset=utf-8';
    } else if (req.body !== undefined) {
      body = typeof req.body === 'string' ? Buffer.from(req.body, 'utf8') : req.body;
    }
    for (const [k, v] of Object.entries(req.headers ?? {})) headers[k.toLowerCase()] = v;

    return {
      method: req.method,
      baseUrl: url.toString(),
      params,
      headers,
      body,
      idempotent: req.idempotent ?? req.method !== 'POST',
      responseType: req.responseType ?? 'auto',
      cost: req.cost,
      write: req.write ?? isWriteMethod(req.method),
    };
  }

  /** Waits for the spacing slot and any rate-limit pause; the slot is reserved synchronously so concurrent attempts queue up. */
  private async awaitTurn(signal: AbortSignal | undefined): Promise<void> {
    const now = this.now();
    const start = Math.max(now, this.nextStart, this.pausedUntil);
    this.nextStart = start + this.opts.delayMs;
    if (start > now) await this.wait(start - now, 'spacing', signal);
  }

  /** BigCommerce announces an exhausted quota before refusing: pause until its window resets. */
  private notePressure(headers: Record<string, string>): void {
    const left = headers['x-rate-limit-requests-left'];
    const reset = headers['x-rate-limit-time-reset-ms'];
    if (left !== undefined && reset !== undefined && Number(left) <= 0 && /^\d+$/.test(reset.trim())) {
      this.pausedUntil = Math.max(this.pausedUntil, this.now() + Math.min(Number(reset), RETRY_AFTER_CAP_MS));
    }
  }

  private async retryWait(ms: number, signal: AbortSignal | undefined): Promise<void> {
    this.stats.retries++;
    await this.wait(ms, 'retry', signal);
  }

  private async wait(ms: number, why: WaitReason, signal: AbortSignal | undefined): Promise<void> {
    if (!signal) return this.sleepFn(ms, why);
    if (signal.aborted) throw abortReason(signal);
    let onAbort: (() => void) | undefined;
    // The listener goes in before sleeping: an abort during the sleep call itself must not be missed.
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(abortReason(signal));
      signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      await Promise.race([this.sleepFn(ms, why), aborted]);
    } finally {
      if (onAbort) signal.removeEventListener('abort', onAbort);
    }
  }

  private async attempt(p: Prepared, signal: AbortSignal | undefined): Promise<Outcome> {
    await this.awaitTurn(signal);
    if (this.opts.rateLimit) {
      // Asked again after each wait: answers that came in meanwhile may have changed what is left.
      for (let i = 0; i < 100; i++) {
        const ms = this.opts.rateLimit.delayBefore(this.now(), p.cost);
        if (!(ms > 0)) break;
        await this.wait(Math.min(ms, RETRY_AFTER_CAP_MS), 'rateLimit', signal);
      }
    }
    const target: AuthTarget = { method: p.method, baseUrl: p.baseUrl, params: [...p.params], headers: { ...p.headers } };
    if (this.auth) await this.auth.apply(target);
    const query = serializeParams(target.params);
    const fullUrl = query ? `${p.baseUrl}?${query}` : p.baseUrl;
    const shownUrl = redactText(redactUrl(fullUrl, this.secretParams), this.secretValues);
    const bytesSent = p.body?.length ?? 0;

    const write = p.write;
    this.stats.requests++;
    if (write) this.stats.writeRequests++;
    if (this.opts.meter) {
      this.opts.meter.requests++;
      if (write) this.opts.meter.writeRequests++;
    }
    this.stats.bytesSent += bytesSent;

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new TimeoutSignal()), this.opts.timeoutMs);
    const onAbort = () => controller.abort(abortReason(signal as AbortSignal));
    signal?.addEventListener('abort', onAbort, { once: true });
    const started = this.now();
    try {
      const res = await undiciRequest(fullUrl, {
        method: p.method,
        headers: target.headers,
        body: p.body ?? null,
        dispatcher: this.dispatcher,
        signal: controller.signal,
      });
      const buf = Buffer.from(await res.body.arrayBuffer());
      this.stats.bytesReceived += buf.length;
      const key = String(res.statusCode);
      this.stats.byStatus[key] = (this.stats.byStatus[key] ?? 0) + 1;
      return {
        kind: 'response', status: res.statusCode, headers: joinHeaders(res.headers), buf, url: shownUrl,
        ms: this.now() - started, bytesSent,
      };
    } catch (err) {
      if (signal?.aborted) throw abortReason(signal);
      const timedOut = controller.signal.reason instanceof TimeoutSignal;
      const { code, detail } = timedOut
        ? { code: 'TIMEOUT', detail: `${this.opts.timeoutMs / 1000} s` }
        : errorCode(err);
      this.stats.byError[code] = (this.stats.byError[code] ?? 0) + 1;
      return { kind: 'failure', code, detail, err: timedOut ? undefined : err, url: shownUrl, ms: this.now() - started, bytesSent };
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  private toResponse<T>(p: Prepared, o: Extract<Outcome, { kind: 'response' }>, attempts: number):
    { ok: true; response: HttpResponse<T>; text: string } | { ok: false; response: HttpResponse<T>; text: string } {
    const base = { status: o.status, headers: o.headers, url: o.url, attempts };
    if (p.responseType === 'buffer' && o.status < 300) {
      return { ok: true, response: { ...base, data: o.buf as T }, text: '' };
    }
    let text = o.buf.toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (p.responseType === 'text') return { ok: true, response: { ...base, data: text as T }, text };
    if (text.trim() === '') return { ok: true, response: { ...base, data: null as T }, text };
    const declared = isJsonType(o.headers['content-type']);
    if (declared || /^\s*[{[]/.test(text)) {
      const parsed = parseJsonLenient(text);
      if (parsed.ok) return { ok: true, response: { ...base, data: parsed.value as T }, text };
      // A 2xx that says JSON but is not: fail rather than hand text to code expecting objects.
      if (declared && o.status < 300) return { ok: false, response: { ...base, data: text as T }, text };
    }
    return { ok: true, response: { ...base, data: text as T }, text };
  }

  private shopError(status: number, headers: Record<string, string>, res: { ok: boolean; response: HttpResponse<unknown>; text: string }):
    { code?: string; message?: string | Text } {
    if (!res.ok) return { code: 'INVALID_JSON', message: redactText(res.text.slice(0, 200), this.secretValues) };
    const info = extractShopError(res.response.data, res.text);
    const code = info.code ? redactText(info.code, this.secretValues) : undefined;
    // A redirection is ours to explain: the shop's body would not say why.
    if (status >= 300 && status < 400 && headers.location) {
      return { code, message: msg('http.redirected', { url: urlForMessage(headers.location) }) };
    }
    return { code, message: info.message ? redactText(info.message, this.secretValues) : undefined };
  }

  private report(p: Prepared, o: Outcome, attempt: number, status: number | null, code: string | undefined,
    retried: string | undefined, waitMs: number | undefined): void {
    if (!this.opts.onExchange) return;
    const info: ExchangeInfo = {
      method: p.method, url: o.url, status, ms: o.ms, attempt, bytesSent: o.bytesSent,
      bytesReceived: o.kind === 'response' ? o.buf.length : 0,
    };
    if (code !== undefined) info.code = code;
    if (retried !== undefined) info.retried = retried;
    if (waitMs !== undefined) info.waitMs = waitMs;
    try {
      this.opts.onExchange(info);
    } catch { /* a logging hook must not break the exchange */ }
  }
}
