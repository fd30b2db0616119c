/**
 * Who may talk to the service. Even on loopback a browser is a way in: a page on another site can
 * POST to 127.0.0.1 (cross-site request) or have its own name resolve to 127.0.0.1 and then read the
 * answers (DNS rebinding). So every request outside /hooks must name the service by a Host it answers
 * as, and a state-changing /api request that carries an Origin must come from the service's own
 * origin. Off loopback an access token is also required (`Authorization: Bearer …`) on /api and
 * /metrics. /hooks/* are left to their own signature checks: shops call them from anywhere, by the
 * service's public name, without a token.
 */
import crypto from 'node:crypto';
import net from 'node:net';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { PasserelleError } from '../errors.js';
import { msg, type Text } from '../i18n/catalogue.js';

export interface AccessOptions {
  /** The access token /api and /metrics require; none: no token asked (loopback only, serve.ts sees to it). */
  token?: string;
  /** Names (optionally name:port) the service also answers as: its public name behind a proxy, its LAN name. */
  publicHosts?: string[];
}

/** An access refusal: the status travels with the error to the service's error handler. */
export class AccessError extends PasserelleError {
  constructor(text: Text, field: string, readonly statusCode: number, code: string) {
    super(text, 'request', field);
    this.name = code;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether an address or host name is this machine's loopback (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  const v4 = h.startsWith('::ffff:') ? h.slice(7) : h;
  return net.isIPv4(v4) && v4.startsWith('127.');
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** "name[:port]" from a Host header or a --public-host value, lower-cased; null when it does not parse. */
function parseHost(value: string): { name: string; port: string } | null {
  try {
    const u = new URL(`http://${value.trim()}`);
    if (u.username || u.password || u.pathname !== '/' || u.search || u.hash) return null;
    return { name: u.hostname.toLowerCase(), port: u.port };
  } catch {
    return null;
  }
}

/** The same text as the argument of timingSafeEqual whatever the lengths: both sides hashed first. */
export function tokenMatches(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** Paths only signatures protect. */
const isHooks = (path: string) => path === '/hooks' || path.startsWith('/hooks/');
/** The API description: public knowledge (the code is open), readable without the token so a browser can show it. */
const isDocs = (path: string) => path === '/api/docs' || path.startsWith('/api/docs/');
const needsToken = (path: string) => (path === '/api' || path.startsWith('/api/') || path === '/metrics') && !isDocs(path);

export class AccessRules {
  private readonly publicHosts: { name: string; port: string }[];

  constructor(private readonly opts: AccessOptions) {
    this.publicHosts = (opts.publicHosts ?? []).map((h) => parseHost(h)).filter((h): h is { name: string; port: string } => h !== null);
  }

  /**
   * Whether `host` (the Host header) names this service. Loopback names always do; on a connection
   * that arrived on a loopback address their port must be the one it arrived on (another local
   * port is another service). Off loopback the port is not checked (a container's published port, a
   * proxy), and the connection's own IP address also names the service (http://192.168.1.5:8640).
   */
  hostAllowed(host: string | undefined, socket: { localAddress?: string; localPort?: number }): boolean {
    if (!host) return false;
    const h = parseHost(host);
    if (!h) return false;
    const local = socket.localAddress;
    if (LOOPBACK_NAMES.has(h.name)) {
      if (!local || !isLoopback(local) || socket.localPort === undefined) return true;
      return Number(h.port || 80) === socket.localPort;
    }
    if (this.publicHosts.some((p) => p.name === h.name && (!p.port || p.port === h.port))) return true;
    if (local && !isLoopback(local)) {
      const bare = h.name.replace(/^\[|\]$/g, '');
      const localBare = local.startsWith('::ffff:') ? local.slice(7) : local;
      if (net.isIP(bare) && bare === localBare) return true;
    }
    return false;
  }

  /** Whether an Origin header is the origin the request's Host names (http or https behind a proxy). */
  originAllowed(origin: string, host: string): boolean {
    let o: URL;
    try {
      o = new URL(origin);
    } catch {
      return false; // "null" (sandboxed frames, file://) included
    }
    if (o.protocol !== 'http:' && o.protocol !== 'https:') return false;
    const h = parseHost(host);
    if (!h) return false;
    const defaultPort = o.protocol === 'https:' ? '443' : '80';
    return o.hostname.toLowerCase() === h.name && (o.port || defaultPort) === (h.port || defaultPort);
  }

  /** Throws the refusal a request meets, if any. */
  check(req: FastifyRequest): void {
    const path = routePath(req);
    if (isHooks(path)) return;
    const host = firstHeader(req.headers.host);
    if (!this.hostAllowed(host, req.raw.socket ?? {})) {
      throw new AccessError(msg('ops.access.foreignHost', { host: host ?? '' }), 'Host', 403, 'ForeignHost');
    }
    const origin = firstHeader(req.headers.origin);
    if (origin !== undefined && STATE_CHANGING.has(req.method) && path.startsWith('/api') && !this.originAllowed(origin, host!)) {
      throw new AccessError(msg('ops.access.crossOrigin', { origin }), 'Origin', 403, 'CrossOrigin');
    }
    if (this.opts.token && needsToken(path)) {
      const auth = firstHeader(req.headers.authorization) ?? '';
      const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
      if (!m) throw new AccessError(msg('ops.access.tokenMissing'), 'Authorization', 401, 'Unauthorized');
      if (!tokenMatches(m[1]!, this.opts.token)) throw new AccessError(msg('ops.access.tokenWrong'), 'Authorization', 401, 'Unauthorized');
    }
  }
}

/**
 * The path as the router matched it: the route's own pattern, or for no route the decoded path.
 * Never the raw URL: the router decodes %-escapes, so `/%61pi/runs` reaches `/api/runs` and a
 * check on the raw text would let it skip the token and Origin rules.
 */
export function routePath(req: FastifyRequest): string {
  if (req.routeOptions.url) return req.routeOptions.url;
  const raw = req.url.split('?')[0] ?? '';
  try {
    return decodeURIComponent(raw);
  } catch {
    return '/api'; // undecodable: checked as strictly as the API
  }
}

/** Checks every request first thing, before its body is read. */
export function registerAccessChecks(server: FastifyInstance, opts: AccessOptions): void {
  const rules = new AccessRules(opts);
  server.addHook('onRequest', async (req, reply) => {
    try {
      rules.check(req);
    } catch (err) {
      if (err instanceof AccessError && err.statusCode === 401) reply.header('www-authenticate', 'Bearer realm="passerelle"');
      throw err;
    }
  });
}
