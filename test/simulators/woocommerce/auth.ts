/**
 * WC_REST_Authentication as WooCommerce 10 runs it:
 * - over HTTPS: HTTP Basic (key:secret) or ?consumer_key=&consumer_secret=; an unknown key is
 *   simply "not authenticated" (then 401 woocommerce_rest_cannot_view…), a wrong secret is
 *   401 "Consumer secret is invalid.";
 * - then OAuth 1.0a one-legged (query, form body or Authorization: OAuth header): HMAC-SHA1/256,
 *   key = secret + "&", base string METHOD&enc(url)&enc(sorted params), ±15 min, nonce reuse refused;
 * - over plain HTTP only OAuth, unless the simulator allows Basic over HTTP (manual testing).
 * WordPress application passwords (Basic user:app-password) for wp/v2 routes.
 */
import crypto from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { isPlainObject, rawUrlencode } from './php.js';
import { RestError } from './rest.js';

export interface AuthConfig {
  key: string;
  secret: string;
  permissions: 'read' | 'write' | 'read_write';
  ssl: boolean;
  allowBasicOverHttp: boolean;
  /** Site URL, what OAuth signs (get_home_url()). */
  site: string;
  now: () => number;
}

export interface AuthInput {
  method: string;
  /** Request path as received (no query), e.g. /wp-json/wc/v3/products */
  path: string;
  query: Record<string, unknown>;
  form: Record<string, unknown> | null;
  headers: IncomingHttpHeaders;
}

/** Nonces per key, with their timestamps (WooCommerce keeps them on the key row). */
export class NonceStore {
  private readonly used = new Map<string, number>();
  has(nonce: string): boolean {
    return this.used.has(nonce);
  }
  add(nonce: string, timestamp: number, nowSec: number): void {
    this.used.set(nonce, timestamp);
    for (const [n, t] of this.used) if (t < nowSec - 15 * 60) this.used.delete(n);
  }
}

function parseBasic(headers: IncomingHttpHeaders): { user: string; pass: string } | null {
  const h = headers.authorization;
  if (!h || !/^basic /i.test(h)) return null;
  const decoded = Buffer.from(h.slice(6).trim(), 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return null;
  return { user: decoded.slice(0, i), pass: decoded.slice(i + 1) };
}

function parseOAuthHeader(headers: IncomingHttpHeaders): Record<string, string> {
  const h = headers.authorization;
  const out: Record<string, string> = {};
  if (!h || !/^oauth /i.test(h)) return out;
  for (const m of h.slice(6).matchAll(/([a-zA-Z0-9_-]+)="([^"]*)"/g)) out[m[1]!] = decodeURIComponent(m[2]!);
  return out;
}

function flatten(params: Record<string, unknown>, prefix = ''): [string, string][] {
  const out: [string, string][] = [];
  for (const [k, v] of Object.entries(params)) {
    const key = prefix ? `${prefix}%5B${rawUrlencode(k)}%5D` : rawUrlencode(k);
    if (Array.isArray(v) || isPlainObject(v)) out.push(...flatten(Array.isArray(v) ? Object.fromEntries(v.map((x, i) => [String(i), x])) : v, key));
    else out.push([key, rawUrlencode(v === undefined || v === null ? '' : String(v))]);
  }
  return out;
}

/** The OAuth signature base string exactly as WC_REST_Authentication::check_oauth_signature builds it. */
export function oauthBaseString(method: string, url: string, params: Record<string, unknown>): string {
  const p = { ...params };
  delete p.oauth_signature;
  // uksort(strcmp) on the raw keys, then keys/values rawurlencoded, "k=v" rawurlencoded, joined by %26.
  const sorted = Object.keys(p).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ordered: Record<string, unknown> = {};
  for (const k of sorted) ordered[k] = p[k];
  const pairs = flatten(ordered).map(([k, v]) => rawUrlencode(`${k}=${v}`));
  return `${method.toUpperCase()}&${rawUrlencode(url)}&${pairs.join('%26')}`;
}

export function oauthSign(method: 'HMAC-SHA1' | 'HMAC-SHA256', base: string, secret: string): string {
  return crypto.createHmac(method === 'HMAC-SHA1' ? 'sha1' : 'sha256', `${secret}&`).update(base).digest('base64');
}

const AUTH_ERROR = 'woocommerce_rest_authentication_error';

/**
 * Returns the authenticated user id (1) or 0 (not authenticated, the route's permission check
 * answers 401 later), or throws the authentication error WooCommerce returns.
 */
export function authenticateWoo(cfg: AuthConfig, input: AuthInput, nonces: NonceStore): number {
  let user = 0;
  if (cfg.ssl || cfg.allowBasicOverHttp) user = basicAuth(cfg, input);
  if (!user) user = oauthAuth(cfg, input, nonces);
  if (user) checkPermissions(cfg, input.method);
  return user;
}

function basicAuth(cfg: AuthConfig, input: AuthInput): number {
  let key = '';
  let secret = '';
  const qk = input.query.consumer_key;
  const qs = input.query.consumer_secret;
  if (typeof qk === 'string' && qk !== '' && typeof qs === 'string' && qs !== '') {
    key = qk;
    secret = qs;
  }
  if (!key) {
    const b = parseBasic(input.headers);
    if (b && b.user !== '' && b.pass !== '') {
      key = b.user;
      secret = b.pass;
    }
  }
  if (!key || !secret) return 0;
  if (key !== cfg.key) return 0;
  if (!timingSafeEqual(secret, cfg.secret)) throw new RestError(AUTH_ERROR, 'Consumer secret is invalid.', 401);
  return 1;
}

function timingSafeEqual(a: string, b: string): boolean {
  const ba = Buffer.from(a);
  const bb = Buffer.from(b);
  return ba.length === bb.length && crypto.timingSafeEqual(ba, bb);
}

function oauthAuth(cfg: AuthConfig, input: AuthInput, nonces: NonceStore): number {
  const params: Record<string, unknown> = { ...input.query, ...(input.form ?? {}), ...parseOAuthHeader(input.headers) };
  for (const name of ['oauth_consumer_key', 'oauth_timestamp', 'oauth_nonce', 'oauth_signature', 'oauth_signature_method']) {
    if (typeof params[name] !== 'string' || params[name] === '') return 0;
  }
  if (params.oauth_consumer_key !== cfg.key) throw new RestError(AUTH_ERROR, 'Consumer key is invalid.', 401);
  const method = String(params.oauth_signature_method);
  const url = `${cfg.site}${input.path}`;
  const base = oauthBaseString(input.method, url, params);
  if (method !== 'HMAC-SHA1' && method !== 'HMAC-SHA256') throw new RestError(AUTH_ERROR, 'Invalid signature - signature method is invalid.', 401);
  const expected = oauthSign(method, base, cfg.secret);
  const given = decodeURIComponent(String(params.oauth_signature).replace(/ /g, '+'));
  if (!timingSafeEqual(expected, given)) throw new RestError(AUTH_ERROR, 'Invalid signature - provided signature does not match.', 401);
  const ts = Number.parseInt(String(params.oauth_timestamp), 10);
  const nowSec = Math.floor(cfg.now() / 1000);
  if (!Number.isFinite(ts) || ts < nowSec - 15 * 60 || ts > nowSec + 15 * 60) throw new RestError(AUTH_ERROR, 'Invalid timestamp.', 401);
  const nonce = String(params.oauth_nonce);
  if (nonces.has(nonce)) throw new RestError(AUTH_ERROR, 'Invalid nonce - nonce has already been used.', 401);
  nonces.add(nonce, ts, nowSec);
  return 1;
}

function checkPermissions(cfg: AuthConfig, method: string): void {
  const m = method.toUpperCase();
  if (cfg.permissions === 'read' && !['GET', 'HEAD', 'OPTIONS'].includes(m)) {
    throw new RestError(AUTH_ERROR, 'The API key provided does not have write permissions.', 401);
  }
  if (cfg.permissions === 'write' && ['GET', 'HEAD'].includes(m)) {
    throw new RestError(AUTH_ERROR, 'The API key provided does not have read permissions.', 401);
  }
}

/** WordPress application passwords: Basic user:password (spaces in the password ignored). */
export function authenticateWordPress(user: string, appPassword: string, headers: IncomingHttpHeaders): number {
  const b = parseBasic(headers);
  if (!b) return 0;
  if (b.user !== user) throw new RestError('invalid_username', 'Unknown username. Check again or try your email address.', 401);
  const clean = (s: string) => s.replace(/[^a-z\d]/gi, '');
  if (clean(b.pass) !== clean(appPassword)) throw new RestError('incorrect_password', 'The provided password is an invalid application password.', 401);
  return 1;
}
