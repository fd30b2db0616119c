/**
 * Shopify Admin API authentication (docs/shop-apis.md 3.1): every call carries
 * `X-Shopify-Access-Token`. The token is either a static Admin API token of an existing custom app
 * or one obtained through the Dev Dashboard client-credentials grant
 * (`POST /admin/oauth/access_token`), which lasts about 24 h and has no refresh token: it is
 * cached per shop and app, and asked again a few minutes before it expires.
 */
import crypto from 'node:crypto';
import { headerToken, type AuthStrategy } from '../../http/auth.js';
import { HttpError, type HttpClient } from '../../http/http-client.js';
import { PasserelleError } from '../../errors.js';
import { msg } from '../../i18n/catalogue.js';

export const TOKEN_HEADER = 'X-Shopify-Access-Token';
/** Renewed this long before it expires, so that a long run never sends an expired token. */
const RENEW_BEFORE_MS = 10 * 60_000;
/** When the grant answers without expires_in: a day, as documented. */
const DEFAULT_LIFETIME_S = 86_399;

interface CachedToken {
  token: string;
  scopes: string[];
  expiresAt: number;
}

/** Tokens by shop and app (the secret hashed): a service's runs share one token instead of one per run. */
const TOKENS = new Map<string, CachedToken>();

export interface ClientCredentials {
  shopUrl: string;
  clientId: string;
  clientSecret: string;
  /** A client on the shop's origin (the profile's HTTP settings), without auth. */
  oauth: HttpClient;
  now?: () => number;
}

interface GrantAnswer {
  access_token?: string;
  scope?: string;
  expires_in?: number;
}

function cacheKey(c: ClientCredentials): string {
  const h = crypto.createHash('sha256').update(c.clientSecret).digest('hex').slice(0, 16);
  return `${c.shopUrl}|${c.clientId}|${h}`;
}

/** Forgets cached tokens (a refused token, tests). */
export function forgetShopifyTokens(): void {
  TOKENS.clear();
}

/** The client-credentials grant: a fresh token, or the cached one while it has more than 10 minutes left. */
export async function clientCredentialsToken(c: ClientCredentials): Promise<CachedToken> {
  const now = (c.now ?? Date.now)();
  const key = cacheKey(c);
  const cached = TOKENS.get(key);
  if (cached && cached.expiresAt - RENEW_BEFORE_MS > now) return cached;
  let res;
  try {
    res = await c.oauth.request<GrantAnswer>({
      method: 'POST', path: 'admin/oauth/access_token', entity: 'shop.shopify.clientId',
      // Form-encoded as documented; the secret travels in the body, never in a URL.
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: c.clientId, client_secret: c.clientSecret }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      // Asking twice for a token is harmless.
      idempotent: true,
    });
  } catch (err) {
    if (err instanceof HttpError && err.status !== null && err.status >= 400 && err.status < 500) {
      throw new PasserelleError(msg('shopify.grantRefused', { status: String(err.status) }), 'profile', 'shop.shopify.clientId');
    }
    throw err;
  }
  const token = res.data?.access_token;
  if (typeof token !== 'string' || token === '') {
    throw new PasserelleError(msg('shopify.grantRefused', { status: String(res.status) }), 'profile', 'shop.shopify.clientId');
  }
  const entry: CachedToken = {
    token,
    scopes: (res.data.scope ?? '').split(',').map((s) => s.trim()).filter((s) => s !== ''),
    expiresAt: now + (res.data.expires_in ?? DEFAULT_LIFETIME_S) * 1000,
  };
  TOKENS.set(key, entry);
  return entry;
}

/** A static token (`shpat_…`). */
export function staticTokenAuth(token: string): AuthStrategy {
  return headerToken(TOKEN_HEADER, token);
}

/** The grant's token, fetched on the first request and renewed before it expires. */
export function clientCredentialsAuth(c: ClientCredentials): AuthStrategy {
  return {
    name: 'shopify-client-credentials',
    usesAuthorizationHeader: false,
    queryParams: [],
    secrets: [c.clientSecret].filter((s) => s !== ''),
    async apply(t) {
      t.headers[TOKEN_HEADER.toLowerCase()] = (await clientCredentialsToken(c)).token;
    },
  };
}
