/**
 * Authentication strategies. Each one is applied to every attempt of a request (a retry gets a
 * fresh OAuth nonce and timestamp) and may add headers and query parameters.
 *
 * Two layers can meet: the shop API's own credentials (`auth`) and an HTTP basic auth in front of
 * the whole site, a "protected directory" (profile http.basicAuth, `siteAuth`). Both cannot own the
 * Authorization header. `withSiteAuth` refuses that combination with a message saying what to do;
 * platforms that accept their keys in the query string (WooCommerce, PrestaShop: see each
 * adapter's auth.ts under src/shops/) avoid it that way. Platforms whose API only takes a header
 * (Magento OAuth, Wix, Bearer tokens) cannot sit behind a protected directory. Only the generic
 * strategies live here; each platform composes its own in its adapter folder.
 */
import crypto from 'node:crypto';
import OAuth from 'oauth-1.0a';
import { ConfigError } from '../errors.js';
import { msg } from '../i18n/catalogue.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** One attempt, as an auth strategy sees and changes it. */
export interface AuthTarget {
  readonly method: HttpMethod;
  /** scheme://host[:port]/path, without query: what OAuth signs as the base URL. */
  readonly baseUrl: string;
  /** Query parameters in order; the client encodes them (RFC 3986) after every strategy ran. */
  params: [string, string][];
  /** Request headers, lower-case names. */
  headers: Record<string, string>;
}

export interface AuthStrategy {
  readonly name: string;
  /** Sets the Authorization header: two such strategies cannot be combined. */
  readonly usesAuthorizationHeader: boolean;
  /** Query parameters it adds: masked in logs, and dropped from URLs followed from Link headers (the shop echoes them). */
  readonly queryParams: readonly string[];
  /** Secret values, masked wherever a text might show them. */
  readonly secrets: readonly string[];
  apply(target: AuthTarget): void | Promise<void>;
}

function basicValue(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/** HTTP Basic: WooCommerce over HTTPS (key:secret), PrestaShop (ws_key with an empty password), a protected directory. */
export function basicAuth(user: string, password: string): AuthStrategy {
  const value = basicValue(user, password);
  return {
    name: 'basic',
    usesAuthorizationHeader: true,
    queryParams: [],
    secrets: [user, password, value.slice('Basic '.length)].filter((s) => s !== ''),
    apply(t) {
      t.headers.authorization = value;
    },
  };
}

/** Credentials in the query string, for hosts that strip the Authorization header (WooCommerce consumer_key/consumer_secret, PrestaShop ws_key). */
export function queryStringAuth(params: Record<string, string>): AuthStrategy {
  const entries = Object.entries(params);
  return {
    name: 'query',
    usesAuthorizationHeader: false,
    queryParams: entries.map(([k]) => k),
    secrets: entries.map(([, v]) => v).filter((s) => s !== ''),
    apply(t) {
      t.params = t.params.filter(([k]) => !(k in params));
      for (const [k, v] of entries) t.params.push([k, v]);
    },
  };
}

export interface OAuth1Options {
  signatureMethod: 'HMAC-SHA1' | 'HMAC-SHA256';
  /** Access token (Magento integration); WooCommerce is one-legged and has none. */
  token?: { key: string; secret: string };
  /** 'query' (WooCommerce over HTTP, default) or 'header' (Authorization: OAuth …, Magento). */
  placement?: 'query' | 'header';
  /** Send oauth_version=1.0; WooCommerce's docs say to omit it, Magento accepts either. */
  includeVersion?: boolean;
  /** For tests: clock in ms and nonce source. */
  now?: () => number;
  nonce?: () => string;
}

/**
 * OAuth 1.0a. WooCommerce over plain HTTP: one-legged, signing key = consumer secret + "&", the
 * query parameters are signed and the body is not, nonce of 32 characters, parameters sent in
 * the query string. Array parameters repeated under one name are signed as oauth-1.0a does, which
 * WooCommerce reads differently (indexed keys): pass lists as comma-separated values instead.
 */
export function oauth1(consumerKey: string, consumerSecret: string, opts: OAuth1Options): AuthStrategy {
  const algo = opts.signatureMethod === 'HMAC-SHA1' ? 'sha1' : 'sha256';
  const oauth = new OAuth({
    consumer: { key: consumerKey, secret: consumerSecret },
    signature_method: opts.signatureMethod,
    nonce_length: 32,
    hash_function: (base, key) => crypto.createHmac(algo, key).update(base).digest('base64'),
  });
  const placement = opts.placement ?? 'query';
  const now = opts.now ?? Date.now;
  const nonce = opts.nonce ?? (() => oauth.getNonce());
  return {
    name: 'oauth1',
    usesAuthorizationHeader: placement === 'header',
    queryParams: placement === 'query'
      ? ['oauth_consumer_key', 'oauth_timestamp', 'oauth_nonce', 'oauth_signature', 'oauth_signature_method', 'oauth_version', 'oauth_token']
      : [],
    secrets: [consumerKey, consumerSecret, opts.token?.key ?? '', opts.token?.secret ?? ''].filter((s) => s !== ''),
    apply(t) {
      const params = t.params.filter(([k]) => !k.startsWith('oauth_'));
      const oauthData: Record<string, string> = {
        oauth_consumer_key: consumerKey,
        oauth_nonce: nonce(),
        oauth_signature_method: opts.signatureMethod,
        oauth_timestamp: String(Math.floor(now() / 1000)),
      };
      if (opts.includeVersion) oauthData.oauth_version = '1.0';
      if (opts.token) oauthData.oauth_token = opts.token.key;
      // The request parameters go in as data (decoded values), so the library signs exactly what we send.
      const data: Record<string, string | string[]> = {};
      for (const [k, v] of params) {
        const prev = data[k];
        data[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
      }
      // A copy: oauth-1.0a merges the request data into the object it is given.
      const signature = oauth.getSignature(
        { url: t.baseUrl, method: t.method, data },
        opts.token?.secret,
        { ...oauthData } as unknown as OAuth.Data,
      );
      const signed = { ...oauthData, oauth_signature: signature };
      if (placement === 'header') {
        t.params = params;
        t.headers.authorization = oauth.toHeader(signed as unknown as OAuth.Authorization).Authorization;
      } else {
        t.params = [...params, ...Object.entries(signed)];
      }
    },
  };
}

/** Authorization: Bearer <token> (Magento admin/integration token, OAuth2 access tokens). */
export function bearer(token: string): AuthStrategy {
  return {
    name: 'bearer',
    usesAuthorizationHeader: true,
    queryParams: [],
    secrets: [token].filter((s) => s !== ''),
    apply(t) {
      t.headers.authorization = `Bearer ${token}`;
    },
  };
}

/** A token in a header of its own: Shopify X-Shopify-Access-Token, BigCommerce X-Auth-Token, Wix Authorization. */
export function headerToken(name: string, value: string): AuthStrategy {
  const lower = name.toLowerCase();
  return {
    name: `header:${lower}`,
    usesAuthorizationHeader: lower === 'authorization',
    queryParams: [],
    secrets: [value].filter((s) => s !== ''),
    apply(t) {
      t.headers[lower] = value;
    },
  };
}

/** Applies strategies in order; refuses two that both set Authorization. */
export function composeAuth(...strategies: (AuthStrategy | undefined)[]): AuthStrategy | undefined {
  const list = strategies.filter((s): s is AuthStrategy => s !== undefined);
  if (list.length <= 1) return list[0];
  const owners = list.filter((s) => s.usesAuthorizationHeader);
  if (owners.length > 1) {
    throw new ConfigError(
      msg('http.twoAuthorizations', { names: owners.map((s) => s.name).join(', ') }),
      'profile', 'http.basicAuth',
    );
  }
  return {
    name: list.map((s) => s.name).join('+'),
    usesAuthorizationHeader: owners.length > 0,
    queryParams: list.flatMap((s) => s.queryParams),
    secrets: list.flatMap((s) => s.secrets),
    async apply(t) {
      for (const s of list) await s.apply(t);
    },
  };
}

/** Credentials of an HTTP basic auth protecting the whole site (profile http.basicAuth). */
export interface SiteAuth {
  user: string;
  password: string;
}

/** The API auth behind a protected directory: the site's basic auth goes first; conflicts are refused (see the file header). */
export function withSiteAuth(api: AuthStrategy | undefined, site: SiteAuth | undefined): AuthStrategy | undefined {
  if (!site) return api;
  return composeAuth(basicAuth(site.user, site.password), api);
}
