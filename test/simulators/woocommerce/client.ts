/**
 * Small client helpers for tests that talk to the simulator: Basic header, OAuth 1.0a signed URLs
 * (signed with the oauth-1.0a library, independently of the simulator's verifier), JSON calls.
 */
import crypto from 'node:crypto';
import OAuth from 'oauth-1.0a';
import type { WooSimulator } from './server.js';

export function basicHeader(key: string, secret: string): string {
  return `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;
}

export interface OAuthOptions {
  signatureMethod?: 'HMAC-SHA1' | 'HMAC-SHA256';
  nonce?: string;
  /** Seconds since the epoch. */
  timestamp?: number;
  /** Sign with this secret instead (wrong-signature tests). */
  secret?: string;
}

/** The URL with oauth_* query parameters (one-legged, WooCommerce style: query placement, no oauth_version). */
export function oauthSignedUrl(method: string, url: string, key: string, secret: string, o: OAuthOptions = {}): string {
  const signatureMethod = o.signatureMethod ?? 'HMAC-SHA256';
  const algo = signatureMethod === 'HMAC-SHA1' ? 'sha1' : 'sha256';
  const oauth = new OAuth({
    consumer: { key, secret: o.secret ?? secret },
    signature_method: signatureMethod,
    nonce_length: 32,
    hash_function: (base, k) => crypto.createHmac(algo, k).update(base).digest('base64'),
  });
  const u = new URL(url);
  const data: Record<string, string> = {};
  for (const [k, v] of u.searchParams) data[k] = v;
  const oauthData = {
    oauth_consumer_key: key,
    oauth_nonce: o.nonce ?? oauth.getNonce(),
    oauth_signature_method: signatureMethod,
    oauth_timestamp: String(o.timestamp ?? Math.floor(Date.now() / 1000)),
  };
  const signature = oauth.getSignature({ url: `${u.origin}${u.pathname}`, method, data }, undefined, oauthData as unknown as OAuth.Data);
  for (const [k, v] of Object.entries({ ...oauthData, oauth_signature: signature })) u.searchParams.append(k, v);
  return u.toString();
}

/** fetch() against the wc/v3 API of a (plain HTTP) simulator with Basic auth (needs allowBasicOverHttp) or OAuth. */
export async function wooCall(
  sim: WooSimulator,
  method: string,
  route: string,
  body?: unknown,
  auth: 'basic' | 'oauth' = 'basic',
): Promise<{ status: number; headers: Headers; body: any }> {
  let url = `${sim.apiUrl}${route.startsWith('/') ? route : `/${route}`}`;
  const headers: Record<string, string> = {};
  if (auth === 'basic') headers.authorization = basicHeader(sim.key, sim.secret);
  else url = oauthSignedUrl(method, url, sim.key, sim.secret);
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, body: parsed };
}
