/**
 * The Shopify simulator's protocol: documents refused as the published schema refuses them,
 * authentication (static token, client credentials grant with expiry), API versions, access
 * scopes, query cost and the leaky bucket on the injected clock, THROTTLED and HTTP faults.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startShopifySimulator, type ShopifySimulator } from '../simulators/shopify/server.js';
import { validateShopifyDocument } from '../support/shopify-schema.js';
import { dataOf, gql } from './simulator-support.js';

let sim: ShopifySimulator;

beforeAll(async () => {
  sim = await startShopifySimulator({ now: '2026-11-20T10:00:00Z' });
  for (let i = 1; i <= 12; i++) {
    dataOf(await gql(sim, `mutation { productSet(input: { title: "Praliné ${i}" }) { product { id } userErrors { message } } }`));
  }
});
afterAll(async () => { await sim.close(); });
beforeEach(() => {
  sim.faults.clear();
  sim.bucket.drain(2000);
  sim.scopes.add('read_products');
});

describe('documents checked against the published schema', () => {
  it('refuses an unknown field with HTTP 200, the location, the path and the code undefinedField, and runs nothing', async () => {
    const r = await gql(sim, 'query Catalogue { products(first: 1) { nodes { id prix } } }');
    expect(r.status).toBe(200);
    expect(r.body.data).toBeUndefined();
    expect(r.body.errors).toEqual([{
      message: 'Cannot query field "prix" on type "Product".',
      locations: [{ line: 1, column: 51 }],
      path: ['query Catalogue', 'products', 'nodes', 'prix'],
      extensions: { code: 'undefinedField' },
    }]);
    // The shared helper says the same, so the adapter's documents are checked by the same rule.
    expect(validateShopifyDocument('query Catalogue { products(first: 1) { nodes { id prix } } }').map((e) => e.message)).toEqual(['Cannot query field "prix" on type "Product".']);
  });

  it('refuses a missing required argument, an unknown argument and a wrong input type', async () => {
    const missing = await gql(sim, '{ product { id } }');
    expect(missing.body.errors?.[0]).toMatchObject({ extensions: { code: 'missingRequiredArguments' }, path: ['query', 'product'] });
    const unknown = await gql(sim, '{ products(first: 1, sku: "X") { nodes { id } } }');
    expect(unknown.body.errors?.[0]).toMatchObject({ extensions: { code: 'argumentNotAccepted' } });
    // inventorySetQuantities has no compareQuantity in 2026-10 any more.
    const gone = await gql(sim, 'mutation { inventorySetQuantities(input: {name: "available", reason: "correction", quantities: [{inventoryItemId: "gid://shopify/InventoryItem/1", locationId: "gid://shopify/Location/1", quantity: 1, compareQuantity: 0}]}) @idempotent(key: "k") { userErrors { code } } }');
    expect(gone.body.errors?.[0]?.message).toMatch(/compareQuantity/);
    expect(gone.body.data).toBeUndefined();
  });

  it('answers a syntax error with its location', async () => {
    const r = await gql(sim, '{ shop { name }');
    expect(r.status).toBe(200);
    expect(r.body.errors?.[0]).toMatchObject({ locations: [{ line: 1, column: 16 }], extensions: { code: 'parseError' } });
  });

  it('refuses a connection without first/last, and first above 250', async () => {
    const none = await gql(sim, '{ products { nodes { id } } }');
    expect(none.body.errors).toEqual([{ message: 'you must provide one of first or last', path: ['products'], extensions: { code: 'BAD_REQUEST' } }]);
    const big = await gql(sim, '{ products(first: 251) { nodes { id } } }');
    expect(big.body.errors?.[0]?.message).toMatch(/^first cannot exceed 250/);
  });

  it('refuses an invalid variable value', async () => {
    const r = await gql(sim, 'query($n: Int!) { products(first: $n) { nodes { id } } }', { n: 'ten' });
    expect(r.body.errors?.[0]).toMatchObject({ extensions: { code: 'INVALID_VARIABLE' } });
  });
});

describe('authentication, versions and scopes', () => {
  it('refuses a wrong token with 401 and Shopify\'s message', async () => {
    const r = await gql(sim, '{ shop { name } }', undefined, { token: 'shpat_wrong' });
    expect(r.status).toBe(401);
    expect(r.body).toEqual({ errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
  });

  it('issues a token by the client credentials grant (form or JSON), usable until it expires', async () => {
    const res = await fetch(`${sim.url}/admin/oauth/access_token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: sim.clientId, client_secret: sim.clientSecret }).toString(),
    });
    expect(res.status).toBe(200);
    const grant = (await res.json()) as { access_token: string; scope: string; expires_in: number };
    expect(grant.expires_in).toBe(86399);
    expect(grant.scope.split(',')).toContain('write_inventory');
    expect(dataOf(await gql(sim, '{ shop { myshopifyDomain } }', undefined, { token: grant.access_token })).shop.myshopifyDomain).toBe('passerelle-sim.myshopify.com');
    sim.advance(86_399_000);
    expect((await gql(sim, '{ shop { name } }', undefined, { token: grant.access_token })).status).toBe(401);

    const json = await fetch(`${sim.url}/admin/oauth/access_token`, {
      method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: sim.clientId, client_secret: 'shpss_wrong' }),
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('serves 2026-10, falls a retired version forward (header says which), and answers 404 to an unknown one', async () => {
    const ok = await gql(sim, '{ shop { name } }');
    expect(ok.headers.get('x-shopify-api-version')).toBe('2026-10');
    const old = await gql(sim, '{ shop { name } }', undefined, { version: '2024-01' });
    expect(old.status).toBe(200);
    expect(old.headers.get('x-shopify-api-version')).toBe('2026-01');
    const bad = await gql(sim, '{ shop { name } }', undefined, { version: '2026-13' });
    expect(bad.status).toBe(404);
    expect(bad.body).toEqual({ errors: 'Not Found' });
  });

  it('denies a field the app has no scope for, naming the scope', async () => {
    sim.scopes.delete('read_products');
    sim.scopes.delete('write_products');
    const r = await gql(sim, '{ products(first: 1) { nodes { id } } }');
    expect(r.body.errors?.[0]).toMatchObject({
      message: 'Access denied for products field. Required access: `read_products` access scope.',
      path: ['products'],
      extensions: { code: 'ACCESS_DENIED', requiredAccess: '`read_products` access scope.' },
    });
    sim.scopes.add('write_products');
  });
});

describe('query cost and the leaky bucket', () => {
  it('charges the requested cost, refunds down to the actual cost, and reports throttleStatus', async () => {
    // products: 2 + 10 × (product 1 + variants 2 + 5 × variant 1) = 82 requested; 12 products exist, each with one variant.
    const r = await gql(sim, '{ products(first: 10) { nodes { id variants(first: 5) { nodes { id sku } } } } }');
    expect(r.body.extensions?.cost).toEqual({
      requestedQueryCost: 82,
      actualQueryCost: 2 + 10 * (1 + 2 + 1),
      throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 2000 - 42, restoreRate: 100 },
    });
    const m = await gql(sim, 'mutation { tagsAdd(id: "gid://shopify/Product/1", tags: ["x"]) { userErrors { message } } }');
    expect(m.body.extensions?.cost).toMatchObject({ requestedQueryCost: 10, actualQueryCost: 10 });
  });

  it('answers THROTTLED (HTTP 200, no data) when the bucket is short, and serves again once the clock has refilled it', async () => {
    sim.bucket.drain(50);
    const query = '{ products(first: 10) { nodes { id } } }'; // 2 + 10 × 1 = 12… make it dearer:
    const dear = '{ products(first: 60) { nodes { id } } }'; // 62
    const r = await gql(sim, dear);
    expect(r.status).toBe(200);
    expect(r.body.data).toBeUndefined();
    expect(r.body.errors).toEqual([{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }]);
    expect(r.body.extensions?.cost).toEqual({ requestedQueryCost: 62, actualQueryCost: null, throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 50, restoreRate: 100 } });
    expect(sim.stats.throttled).toBeGreaterThan(0);
    // (62 − 50) / 100 = 0.12 s of the injected clock, no real wait.
    sim.advance(120);
    const again = await gql(sim, dear);
    expect(again.body.errors).toBeUndefined();
    expect((again.body.extensions?.cost as { throttleStatus: { currentlyAvailable: number } }).throttleStatus.currentlyAvailable).toBe(62 - 14);
    expect((await gql(sim, query)).body.errors).toBeUndefined();
  });

  it('refuses a query above the single query maximum of 1,000 points', async () => {
    const r = await gql(sim, '{ products(first: 250) { nodes { variants(first: 250) { nodes { id } } } } }');
    expect(r.body.errors?.[0]).toMatchObject({ extensions: { code: 'MAX_COST_EXCEEDED', cost: 2 + 250 * (1 + 2 + 250), maxCost: 1000 } });
  });
});

describe('fault injection', () => {
  it('gives 429 with Retry-After, 5xx, THROTTLED and a dropped connection to the matching requests only', async () => {
    sim.faults.add({ kind: '429', times: 1, match: 'products', retryAfterSeconds: 3 });
    const limited = await gql(sim, '{ products(first: 1) { nodes { id } } }');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('3');
    expect((await gql(sim, '{ shop { name } }')).status).toBe(200);

    sim.faults.add({ kind: 'status5xx', status: 503, times: 1 });
    expect((await gql(sim, '{ shop { name } }')).status).toBe(503);

    sim.faults.add({ kind: 'throttled', times: 1, match: 'shop' });
    expect((await gql(sim, '{ shop { name } }')).body.errors?.[0]).toMatchObject({ extensions: { code: 'THROTTLED' } });

    sim.faults.add({ kind: 'reset', times: 1 });
    await expect(gql(sim, '{ shop { name } }')).rejects.toThrow();
    expect((await gql(sim, '{ shop { name } }')).status).toBe(200);
  });
});
