/**
 * The Shopify connection: `shop check` (testConnection) diagnosing a wrong domain, refused
 * credentials, missing access scopes (named) and a refused API version; the client-credentials
 * grant (token cached, renewed before it expires); the cost policy waiting what the bucket needs
 * instead of being THROTTLED, THROTTLED and 429 Retry-After honoured, all on injected clocks.
 */
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { render } from '../../src/i18n/catalogue.js';
import type { HttpClientOptions, WaitReason } from '../../src/http/http-client.js';
import { HttpClient } from '../../src/http/http-client.js';
import { openShop } from '../../src/shops/open-shop.js';
import type { ShopPort } from '../../src/shops/port.js';
import { clientCredentialsToken, forgetShopifyTokens } from '../../src/shops/shopify/auth.js';
import { ShopifyCostPolicy } from '../../src/shops/shopify/cost-policy.js';
import { COLLECTION_CREATE, SHOP_CHECK, STAGED_UPLOADS_CREATE } from '../../src/shops/shopify/documents.js';
import { ShopifyGraphql, throttledRetry } from '../../src/shops/shopify/graphql-client.js';
import { staticTokenAuth } from '../../src/shops/shopify/auth.js';
import type { Profile } from '../../src/profile/schema.js';
import { ShopifyEnv, removeSampleDb } from './adapter-support.js';

let env: ShopifyEnv;
beforeAll(async () => {
  env = await ShopifyEnv.start({ now: '2026-11-20T10:00:00Z' });
});
afterAll(async () => {
  await env?.close();
  removeSampleDb();
});
afterEach(() => {
  env.sim.faults.clear();
  forgetShopifyTokens();
});

function port(change: (p: Profile) => Profile = (p) => p, http: Partial<HttpClientOptions> = {}): ShopPort {
  return openShop(change(env.profile()), { state: env.app.state, warn: () => undefined, http: { maxTries: 3, ...http } });
}

const shopify = (p: Profile, o: Record<string, unknown>): Profile => ({ ...p, shop: { ...p.shop, shopify: { ...p.shop.shopify, ...o } } });
const text = (m: string | { key: string }) => (typeof m === 'string' ? m : render(m as never, 'fr'));

describe('shop check', () => {
  test('a sound connection: shop, currency, taxes included, every scope, the location', async () => {
    const r = await port().testConnection();
    expect(r.checks.map((c) => [c.name, c.ok])).toEqual([['connection', true], ['scopes', true], ['location', true]]);
    expect(r.info).toMatchObject({ currency: 'EUR', pricesIncludeTax: 'yes', readAllOrders: 'no' });
    expect(text(r.checks[2]!.message)).toMatch(/Entrepôt Lyon/);
  });

  test('refused token, missing scope, wrong domain, refused version: each said plainly', async () => {
    const refused = await port((p) => shopify(p, { accessToken: 'shpat_wrong' })).testConnection();
    expect(refused.ok).toBe(false);
    expect(text(refused.checks[0]!.message)).toMatch(/identifiants refusés \(HTTP 401\)/);

    env.sim.scopes.delete('write_inventory');
    try {
      const scopes = await port().testConnection();
      const c = scopes.checks.find((x) => x.name === 'scopes')!;
      expect(c.ok).toBe(false);
      expect(text(c.message)).toMatch(/manquants : write_inventory \(/);
    } finally {
      env.sim.scopes.add('write_inventory');
    }

    const domain = await port((p) => ({ ...p, shop: { ...p.shop, url: 'https://passerelle-nowhere.invalid' } })).testConnection();
    expect(domain.checks.map((c) => c.name)).toEqual(['domain', 'connection']);
    expect(text(domain.checks[0]!.message)).toMatch(/n’est pas un domaine \.myshopify\.com/);
    expect(text(domain.checks[1]!.message)).toMatch(/boutique introuvable à https:\/\/passerelle-nowhere\.invalid/);

    // A version the shop has retired is served as another one: said, naming both.
    const version = await port((p) => p, { baseUrl: `${env.sim.url}/admin/api/2024-01/` }).testConnection();
    expect(text(version.checks[0]!.message)).toBe('version d’API 2026-10 refusée : la boutique sert 2026-01');
    const unknown = await port((p) => p, { baseUrl: `${env.sim.url}/admin/api/2026-13/` }).testConnection();
    expect(text(unknown.checks[0]!.message)).toMatch(/version d’API 2026-10 ou boutique introuvable \(HTTP 404\)/);
  });

  test('client credentials: one grant for several ports, renewed ten minutes before it expires; a wrong secret is named', async () => {
    const cc = (p: Profile) => shopify(p, { accessToken: '', clientId: env.sim.clientId, secret: env.sim.clientSecret });
    env.sim.resetStats();
    expect((await port(cc).testConnection()).ok).toBe(true);
    expect((await port(cc).testConnection()).ok).toBe(true);
    const grants = () => env.sim.stats.log.filter((l) => l.path === '/admin/oauth/access_token').length;
    expect(grants()).toBe(1);

    const oauth = new HttpClient({ baseUrl: `${env.sim.url}/`, timeoutMs: 5000, delayMs: 0, maxTries: 1, userAgent: 't' });
    const c = { shopUrl: env.sim.url, clientId: env.sim.clientId, clientSecret: env.sim.clientSecret, oauth };
    const t0 = Date.now();
    const first = await clientCredentialsToken({ ...c, now: () => t0 });
    expect(grants()).toBe(1);
    expect((await clientCredentialsToken({ ...c, now: () => t0 + 86_399_000 - 11 * 60_000 })).token).toBe(first.token);
    expect((await clientCredentialsToken({ ...c, now: () => t0 + 86_399_000 - 9 * 60_000 })).token).not.toBe(first.token);
    expect(grants()).toBe(2);
    await oauth.close();

    const wrong = await port((p) => shopify(cc(p), { secret: 'shpss_wrong' })).testConnection();
    expect(text(wrong.checks[0]!.message)).toMatch(/Shopify a refusé le client ID et le client secret \(HTTP 400\)/);
  });
});

describe('cost-based throttling on the injected clock', () => {
  function client(waits: { ms: number; why: WaitReason }[]) {
    const policy = new ShopifyCostPolicy();
    const http = new HttpClient({
      baseUrl: `${env.sim.url}/admin/api/2026-10/`, timeoutMs: 5000, delayMs: 0, maxTries: 4, userAgent: 't',
      auth: staticTokenAuth(env.sim.adminToken), shouldRetry: throttledRetry, rateLimit: policy,
      now: () => env.sim.now().getTime(),
      sleep: async (ms, why) => {
        waits.push({ ms, why });
        env.sim.advance(ms);
      },
    });
    return { gql: new ShopifyGraphql(http), http };
  }

  test('an empty bucket: THROTTLED once, retried after what it needs; then the policy waits before instead', async () => {
    const waits: { ms: number; why: WaitReason }[] = [];
    const { gql, http } = client(waits);
    env.sim.resetStats();
    env.sim.bucket.drain(0);
    await gql.run(SHOP_CHECK, { scopeFirst: 50 }, 'shop');
    expect(env.sim.stats.throttled).toBe(1);
    expect(waits.filter((w) => w.why === 'retry')).toHaveLength(1);
    // The answer said what the bucket holds after that call: the next call of the same document waits before.
    await gql.run(SHOP_CHECK, { scopeFirst: 50 }, 'shop');
    // The second time the policy knew the bucket and the document's cost: it waited, Shopify never refused.
    expect(env.sim.stats.throttled).toBe(1);
    const before = waits.filter((w) => w.why === 'rateLimit');
    expect(before).toHaveLength(1);
    expect(before[0]!.ms).toBeGreaterThan(0);
    await http.close();
  });

  test('a connection reset: a mutation Shopify may take twice is sent again, any other mutation fails at once', async () => {
    const waits: { ms: number; why: WaitReason }[] = [];
    const { gql, http } = client(waits);
    const input = [{ filename: 'a.jsonl', mimeType: 'text/jsonl', resource: 'BULK_MUTATION_VARIABLES', httpMethod: 'POST' }];
    env.sim.faults.add({ kind: 'reset', times: 1, match: 'stagedUploadsCreate' });
    const staged = await gql.mutate<{ stagedTargets: { url: string }[] }>(STAGED_UPLOADS_CREATE, { input }, 'bulk', 'stagedUploadsCreate');
    expect(staged.stagedTargets).toHaveLength(1);
    expect(waits.filter((w) => w.why === 'retry')).toHaveLength(1);
    const before = env.sim.state.collections.size;
    env.sim.faults.add({ kind: 'reset', times: 1, match: 'collectionCreate' });
    // Shopify may have created it before the connection dropped: sent twice, it would make two collections.
    await expect(gql.mutate(COLLECTION_CREATE, { collection: { title: 'Reset' } }, 'category Reset', 'collectionCreate')).rejects.toThrow();
    expect(env.sim.state.collections.size).toBe(before);
    expect(env.sim.stats.log.filter((l) => l.fields.includes('collectionCreate'))).toHaveLength(1);
    await http.close();
  });

  test('429 with Retry-After: waited as said', async () => {
    const waits: { ms: number; why: WaitReason }[] = [];
    const { gql, http } = client(waits);
    env.sim.faults.add({ kind: '429', times: 1, retryAfterSeconds: 3 });
    await gql.run(SHOP_CHECK, { scopeFirst: 1 }, 'shop');
    expect(waits.filter((w) => w.why === 'retry').map((w) => w.ms)).toEqual([3000]);
    await http.close();
  });

  test('the policy: waits (need - available) / restore rate, reserves what it lets through', () => {
    const p = new ShopifyCostPolicy();
    expect(p.delayBefore(0, 500)).toBe(0);
    p.observe({ status: 200, headers: {}, url: '', attempts: 1, data: { extensions: { cost: { throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 300, restoreRate: 100 } } } } }, 0);
    expect(p.delayBefore(0, 500)).toBe(2000);
    expect(p.delayBefore(2000, 500)).toBe(0);
    // 500 reserved: the bucket holds 0 at t=2 s, the next 100 points need 1 s.
    expect(p.delayBefore(2000, 100)).toBe(1000);
    // Dearer than the bucket: waits for a full bucket, never forever.
    expect(p.delayBefore(2000, 5000)).toBe(20_000);
  });
});
