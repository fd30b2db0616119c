/**
 * Contract of the WooCommerce simulator (test/simulators/woocommerce): authentication (Basic over
 * TLS with the generated CA, query string, OAuth 1.0a over HTTP, nonce replay), pagination headers,
 * validation errors, batch limits and per-item errors, catalogue behaviours (trash, slugs, SKU
 * uniqueness, images, media upload), orders, webhooks, faults, latency and statistics.
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request as undiciRequest } from 'undici';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { basicHeader, oauthSignedUrl, wooCall } from '../simulators/woocommerce/client.js';
import { startWooSimulator, type WooSimulator } from '../simulators/woocommerce/server.js';

describe('authentication', () => {
  let tlsSim: WooSimulator;
  let httpSim: WooSimulator;
  let agent: Agent;

  beforeAll(async () => {
    [tlsSim, httpSim] = await Promise.all([
      startWooSimulator({ tls: true, key: 'ck_tls', secret: 'cs_tls' }),
      startWooSimulator({ key: 'ck_http', secret: 'cs_http' }),
    ]);
    agent = new Agent({ connect: { ca: tlsSim.ca } });
  });
  afterAll(async () => {
    await agent?.close();
    await Promise.all([tlsSim?.close(), httpSim?.close()]);
  });

  test('HTTPS with the generated CA: Basic key/secret works, wrong key = cannot_view, wrong secret = authentication_error', async () => {
    expect(tlsSim.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(tlsSim.ca).toContain('BEGIN CERTIFICATE');
    const get = (authorization?: string) => undiciRequest(`${tlsSim.apiUrl}/products`, { dispatcher: agent, headers: authorization ? { authorization } : {} });
    const okRes = await get(basicHeader('ck_tls', 'cs_tls'));
    expect(okRes.statusCode).toBe(200);
    expect(await okRes.body.json()).toEqual([]);
    expect(okRes.headers['x-wp-total']).toBe('0');

    const wrongKey = await get(basicHeader('ck_nope', 'cs_tls'));
    expect(wrongKey.statusCode).toBe(401);
    expect(await wrongKey.body.json()).toEqual({ code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 401 } });

    const wrongSecret = await get(basicHeader('ck_tls', 'cs_nope'));
    expect(wrongSecret.statusCode).toBe(401);
    expect(await wrongSecret.body.json()).toEqual({ code: 'woocommerce_rest_authentication_error', message: 'Consumer secret is invalid.', data: { status: 401 } });

    const none = await get();
    expect(none.statusCode).toBe(401);
    expect(none.headers.allow).toBeUndefined();
    expect(await none.body.json()).toMatchObject({ code: 'woocommerce_rest_cannot_view' });
  });

  test('HTTPS: the site index /wp-json/ answers 200 to the key sent as Basic (as WooCommerce 10.0.2), wp/v2 still refuses it', async () => {
    for (const authorization of [basicHeader('ck_tls', 'cs_tls'), basicHeader('ck_nope', 'cs_nope')]) {
      const res = await undiciRequest(`${tlsSim.url}/wp-json/`, { dispatcher: agent, headers: { authorization } });
      expect(res.statusCode).toBe(200);
      expect(((await res.body.json()) as { namespaces: string[] }).namespaces).toContain('wc/v3');
    }
    const me = await undiciRequest(`${tlsSim.url}/wp-json/wp/v2/users/me`, { dispatcher: agent, headers: { authorization: basicHeader('ck_tls', 'cs_tls') } });
    expect(me.statusCode).toBe(401);
    expect(await me.body.json()).toEqual({ code: 'invalid_username', message: 'Unknown username. Check again or try your email address.', data: { status: 401 } });
  });

  test('HTTPS: consumer_key/consumer_secret in the query string; unauthenticated create is cannot_create', async () => {
    const res = await undiciRequest(`${tlsSim.apiUrl}/products?consumer_key=ck_tls&consumer_secret=cs_tls`, { dispatcher: agent });
    expect(res.statusCode).toBe(200);
    await res.body.dump();
    const post = await undiciRequest(`${tlsSim.apiUrl}/products`, { dispatcher: agent, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"x"}' });
    expect(post.statusCode).toBe(401);
    expect(await post.body.json()).toEqual({ code: 'woocommerce_rest_cannot_create', message: 'Sorry, you are not allowed to create resources.', data: { status: 401 } });
  });

  test('plain HTTP: Basic is ignored (401) unless allowBasicOverHttp', async () => {
    const res = await fetch(`${httpSim.apiUrl}/products`, { headers: { authorization: basicHeader('ck_http', 'cs_http') } });
    expect(res.status).toBe(401);
    const manual = await startWooSimulator({ allowBasicOverHttp: true });
    try {
      const r = await fetch(`${manual.apiUrl}/products`, { headers: { authorization: basicHeader(manual.key, manual.secret) } });
      expect(r.status).toBe(200);
    } finally {
      await manual.close();
    }
  });

  test('plain HTTP: OAuth 1.0a HMAC-SHA256 and HMAC-SHA1, wrong signature, unknown key, replayed nonce, stale timestamp', async () => {
    const url = `${httpSim.apiUrl}/products?per_page=5&search=chocolat noir`;
    for (const signatureMethod of ['HMAC-SHA256', 'HMAC-SHA1'] as const) {
      const res = await fetch(oauthSignedUrl('GET', url, 'ck_http', 'cs_http', { signatureMethod }));
      expect(res.status, await res.clone().text()).toBe(200);
    }
    const bad = await fetch(oauthSignedUrl('GET', url, 'ck_http', 'cs_http', { secret: 'cs_wrong' }));
    expect(bad.status).toBe(401);
    expect(await bad.json()).toEqual({ code: 'woocommerce_rest_authentication_error', message: 'Invalid signature - provided signature does not match.', data: { status: 401 } });

    const unknown = await fetch(oauthSignedUrl('GET', url, 'ck_other', 'cs_http'));
    expect(await unknown.json()).toEqual({ code: 'woocommerce_rest_authentication_error', message: 'Consumer key is invalid.', data: { status: 401 } });

    const nonce = crypto.randomBytes(16).toString('hex');
    const first = await fetch(oauthSignedUrl('GET', url, 'ck_http', 'cs_http', { nonce }));
    expect(first.status).toBe(200);
    const replay = await fetch(oauthSignedUrl('GET', url, 'ck_http', 'cs_http', { nonce }));
    expect(replay.status).toBe(401);
    expect(await replay.json()).toMatchObject({ message: 'Invalid nonce - nonce has already been used.' });

    const stale = await fetch(oauthSignedUrl('GET', url, 'ck_http', 'cs_http', { timestamp: Math.floor(Date.now() / 1000) - 16 * 60 }));
    expect(await stale.json()).toMatchObject({ code: 'woocommerce_rest_authentication_error', message: 'Invalid timestamp.' });

    // Writes: the JSON body is not signed.
    const post = oauthSignedUrl('POST', `${httpSim.apiUrl}/products/categories`, 'ck_http', 'cs_http');
    const created = await fetch(post, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Thés & infusions' }) });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ name: 'Thés & infusions', slug: 'thes-infusions' });
  });

  test('read-only key refuses writes', async () => {
    const ro = await startWooSimulator({ permissions: 'read', allowBasicOverHttp: true });
    try {
      const r = await wooCall(ro, 'POST', '/products', { name: 'x' });
      expect(r.status).toBe(401);
      expect(r.body).toMatchObject({ message: 'The API key provided does not have write permissions.' });
    } finally {
      await ro.close();
    }
  });
});

describe('collections, validation, batches (seed: fixtures)', () => {
  let sim: WooSimulator;
  beforeAll(async () => {
    sim = await startWooSimulator({ seed: 'fixtures', allowBasicOverHttp: true, webhooks: false });
  });
  afterAll(async () => sim?.close());

  test('the fixtures seed is the recorded shop', () => {
    expect(sim.state.productBySku('AR0003')).toMatchObject({ id: 406, stockQuantity: 105, totalSales: 13 });
    expect(sim.state.productBySku('AR0015')).toMatchObject({ id: 410, parentId: 408, type: 'variation' });
    expect(sim.state.orders.list().map((o) => o.id)).toEqual([413, 414, 415, 416, 417, 418, 419, 420, 421]);
    expect(sim.state.orders.get(417)).toMatchObject({ total: '26.40', cartTax: '2.39', pricesIncludeTax: true });
    expect(sim.state.customerByEmail('camille.durand@example.fr')?.id).toBe(2);
    expect(sim.state.option('woocommerce_prices_include_tax')).toBe('yes');
  });

  test('pagination: X-WP-Total, X-WP-TotalPages, Link prev/next only, page past the end is []', async () => {
    const p1 = await wooCall(sim, 'GET', '/orders?per_page=4&page=1');
    expect(p1.headers.get('x-wp-total')).toBe('9');
    expect(p1.headers.get('x-wp-totalpages')).toBe('3');
    expect(p1.body.map((o: { id: number }) => o.id)).toEqual([421, 420, 419, 418]);
    expect(p1.headers.get('link')).toBe(`<${sim.apiUrl}/orders?per_page=4&page=2&dp=2&context=view>; rel="next"`);
    const p2 = await wooCall(sim, 'GET', '/orders?per_page=4&page=2');
    expect(p2.headers.get('link')).toBe(`<${sim.apiUrl}/orders?per_page=4&page=1&dp=2&context=view>; rel="prev", <${sim.apiUrl}/orders?per_page=4&page=3&dp=2&context=view>; rel="next"`);
    const past = await wooCall(sim, 'GET', '/products?per_page=2&page=9');
    expect(past.status).toBe(200);
    expect(past.body).toEqual([]);
    expect(past.headers.get('x-wp-total')).toBe('3');
    expect(past.headers.get('link')).toBe(`<${sim.apiUrl}/products?per_page=2&page=2>; rel="prev"`);
    const single = await wooCall(sim, 'GET', '/products/406');
    expect(single.headers.get('link')).toBe(`<${sim.url}/wp-json/>; rel="https://api.w.org/"`);
    expect(single.headers.get('x-wp-total')).toBeNull();
  });

  test('per_page over 100 and bad params answer rest_invalid_param like WordPress', async () => {
    const r = await wooCall(sim, 'GET', '/products?per_page=101');
    expect(r.status).toBe(400);
    expect(r.body).toEqual({
      code: 'rest_invalid_param', message: 'Invalid parameter(s): per_page',
      data: { status: 400, params: { per_page: 'per_page must be between 1 (inclusive) and 100 (inclusive)' }, details: { per_page: { code: 'rest_out_of_bounds', message: 'per_page must be between 1 (inclusive) and 100 (inclusive)', data: null } } },
    });
    const num = await wooCall(sim, 'POST', '/products', { name: 'Bad price', regular_price: 12.9 });
    expect(num.status).toBe(400);
    expect(num.body.data.params).toEqual({ regular_price: 'regular_price is not of type string.' });
    const route = await wooCall(sim, 'GET', '/produits');
    expect(route.body).toEqual({ code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } });
    const id = await wooCall(sim, 'GET', '/orders/999999');
    expect(id.body).toEqual({ code: 'woocommerce_rest_shop_order_invalid_id', message: 'Invalid ID.', data: { status: 404 } });
  });

  test('filters: sku list (variations included), status/type, include, category with children, modified_after', async () => {
    const bySku = await wooCall(sim, 'GET', '/products?sku=AR0003,AR0016');
    expect(bySku.body.map((p: { id: number; type: string }) => [p.id, p.type]).sort()).toEqual([[406, 'simple'], [411, 'variation']]);
    const cat = await wooCall(sim, 'GET', '/products?category=16');
    expect(cat.body.map((p: { id: number }) => p.id)).toEqual([406]);
    const variable = await wooCall(sim, 'GET', '/products?type=variable&_fields=id,variations');
    expect(variable.body).toEqual([{ id: 408, variations: [409, 410, 411, 412] }]);
    const statuses = await wooCall(sim, 'GET', '/orders?status=on-hold,completed&_fields=id,status');
    expect(statuses.body.map((o: { id: number }) => o.id).sort()).toEqual([413, 416, 420]);
    const modified = await wooCall(sim, 'GET', '/orders?modified_after=2026-11-28T11:59:52&_fields=id');
    expect(modified.body.map((o: { id: number }) => o.id).sort()).toEqual([413, 421]);
  });

  test('batch: more than 100 items is 413; per-item errors (duplicate SKU, unknown id) inside a 200', async () => {
    const tooMany = await wooCall(sim, 'POST', '/products/batch', { create: Array.from({ length: 60 }, (_, i) => ({ name: `P${i}` })), update: Array.from({ length: 41 }, (_, i) => ({ id: 406 + i })) });
    expect(tooMany.status).toBe(413);
    expect(tooMany.body).toEqual({ code: 'woocommerce_rest_request_entity_too_large', message: 'Unable to accept more than 100 items for this request.', data: { status: 413 } });

    const r = await wooCall(sim, 'POST', '/products/batch', {
      create: [{ name: 'Thé vert', sku: 'TH001', regular_price: '6.50' }, { name: 'Doublon', sku: 'AR0010' }],
      update: [{ id: 406, sku: 'AR0015' }, { id: 424242, stock_quantity: 3 }, { id: 407, stock_quantity: 12 }],
      delete: [999999],
    });
    expect(r.status).toBe(200);
    expect(r.body.create[0]).toMatchObject({ sku: 'TH001', price: '6.50', status: 'publish' });
    expect(r.body.create[1]).toEqual({ id: 0, error: { code: 'product_invalid_sku', message: 'Invalid or duplicated SKU.', data: { status: 400, resource_id: 407, unique_sku: 'AR0010-1' } } });
    expect(r.body.update[0].error).toMatchObject({ code: 'product_invalid_sku', data: { status: 400, resource_id: 410 } });
    expect(r.body.update[1]).toEqual({ id: 424242, error: { code: 'woocommerce_rest_product_invalid_id', message: 'Invalid ID.', data: { status: 400 } } });
    expect(r.body.update[2]).toMatchObject({ id: 407, stock_quantity: 12, stock_status: 'instock' });
    expect(r.body.delete[0]).toMatchObject({ id: 999999, error: { code: 'woocommerce_rest_product_invalid_id', data: { status: 404 } } });
    expect(sim.state.productBySku('TH001')).toBeDefined();
    const variations = await wooCall(sim, 'POST', '/products/408/variations/batch', { create: [{ sku: 'AR0014', regular_price: '1.00' }] });
    expect(variations.body.create[0].error.code).toBe('product_invalid_sku');
  });

  test('single create with a used SKU: 400 product_invalid_sku with resource_id and unique_sku', async () => {
    const r = await wooCall(sim, 'POST', '/products', { name: 'Chocolat Noir bis', sku: 'AR0003', regular_price: '4.95' });
    expect(r.status).toBe(400);
    expect(r.body).toEqual({ code: 'product_invalid_sku', message: 'Invalid or duplicated SKU.', data: { status: 400, resource_id: 406, unique_sku: 'AR0003-1' } });
  });
});

describe('catalogue, customers, orders, media, webhooks (seed: empty)', () => {
  let sim: WooSimulator;
  let hookServer: http.Server;
  let hookUrl = '';
  const hooks: { headers: http.IncomingHttpHeaders; body: string }[] = [];

  beforeAll(async () => {
    hookServer = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        hooks.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        res.end();
      });
    });
    await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', () => r()));
    hookUrl = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook`;
    sim = await startWooSimulator({ allowBasicOverHttp: true });
    // A French shop: EUR, taxes on, 20 % and 5.5 %.
    await wooCall(sim, 'PUT', '/settings/general/woocommerce_currency', { value: 'EUR' });
    await wooCall(sim, 'PUT', '/settings/general/woocommerce_calc_taxes', { value: 'yes' });
    await wooCall(sim, 'POST', '/settings/tax/batch', { update: [{ id: 'woocommerce_tax_based_on', value: 'billing' }] });
    await wooCall(sim, 'POST', '/taxes', { country: 'FR', rate: '20', name: 'TVA 20%', shipping: true, class: 'standard' });
    await wooCall(sim, 'POST', '/taxes', { country: 'FR', rate: '5.5', name: 'TVA 5,5%', shipping: true, class: 'reduced-rate' });
  });
  afterAll(async () => {
    await sim?.close();
    await new Promise<void>((r) => hookServer?.close(() => r()));
  });

  test('products: slugs like WordPress, meta_data ids, stock_status from stock, price from sale, trash then force delete', async () => {
    const a = await wooCall(sim, 'POST', '/products', { name: 'Crème brûlée', sku: 'CB1', regular_price: '5,00', manage_stock: true, stock_quantity: 0, meta_data: [{ key: '_gescom_ref', value: 'CB1' }] });
    expect(a.status).toBe(201);
    expect(a.headers.get('location')).toBe(`${sim.apiUrl}/products/${a.body.id}`);
    expect(a.body).toMatchObject({ slug: 'creme-brulee', regular_price: '5.00', price: '5.00', stock_status: 'outofstock', categories: [{ id: 15, name: 'Uncategorized', slug: 'uncategorized' }] });
    expect(a.body.meta_data).toEqual([{ id: expect.any(Number), key: '_gescom_ref', value: 'CB1' }]);
    const b = await wooCall(sim, 'POST', '/products', { name: 'Crème brûlée', sku: 'CB2', regular_price: '5.00' });
    expect(b.body.slug).toBe('creme-brulee-2');

    const upd = await wooCall(sim, 'PUT', `/products/${a.body.id}`, { stock_quantity: 3, sale_price: '4.00', meta_data: [{ key: '_gescom_ref', value: 'CB1-bis' }] });
    expect(upd.body).toMatchObject({ stock_status: 'instock', price: '4.00', on_sale: true });
    expect(upd.body.meta_data).toEqual([{ id: a.body.meta_data[0].id, key: '_gescom_ref', value: 'CB1-bis' }]);

    const trashed = await wooCall(sim, 'DELETE', `/products/${b.body.id}`);
    expect(trashed.body.status).toBe('trash');
    expect((await wooCall(sim, 'DELETE', `/products/${b.body.id}`)).status).toBe(410);
    const list = await wooCall(sim, 'GET', '/products?_fields=id');
    expect(list.body.map((p: { id: number }) => p.id)).not.toContain(b.body.id);
    expect((await wooCall(sim, 'DELETE', `/products/${b.body.id}?force=true`)).status).toBe(200);
    expect((await wooCall(sim, 'GET', `/products/${b.body.id}`)).status).toBe(404);
  });

  test('categories: accents removed, -2 suffix, parent slug for a child, term_exists with resource_id', async () => {
    const parent = await wooCall(sim, 'POST', '/products/categories', { name: 'Épicerie fine' });
    expect(parent.body.slug).toBe('epicerie-fine');
    const child = await wooCall(sim, 'POST', '/products/categories', { name: 'Épicerie fine', parent: parent.body.id });
    expect(child.body).toMatchObject({ slug: 'epicerie-fine-epicerie-fine', parent: parent.body.id });
    expect(child.body._links.up).toEqual([{ href: `${sim.apiUrl}/products/categories/${parent.body.id}` }]);
    const dup = await wooCall(sim, 'POST', '/products/categories', { name: 'Épicerie fine' });
    expect(dup.status).toBe(400);
    expect(dup.body).toMatchObject({ code: 'term_exists', data: { status: 400, resource_id: parent.body.id } });
    const batch = await wooCall(sim, 'POST', '/products/categories/batch', { create: [{ name: 'Épicerie fine !' }, { name: 'ÉPICERIE FINE' }] });
    expect(batch.body.create[0]).toMatchObject({ name: 'Épicerie fine !', slug: 'epicerie-fine-2' });
    expect(batch.body.create[1]).toMatchObject({ id: 0, error: { code: 'term_exists', data: { status: 400, resource_id: parent.body.id } } });
    const missing = await wooCall(sim, 'POST', '/products/categories', { description: 'no name' });
    expect(missing.body).toEqual({ code: 'rest_missing_callback_param', message: 'Missing parameter(s): name', data: { status: 400, params: ['name'] } });
  });

  test('variable product: attributes, variations ids on the parent, variation delete needs force', async () => {
    const attr = await wooCall(sim, 'POST', '/products/attributes', { name: 'Taille' });
    const parent = await wooCall(sim, 'POST', '/products', { name: 'Tablier', type: 'variable', attributes: [{ id: attr.body.id, variation: true, visible: true, options: ['S', 'M'] }] });
    expect(parent.body.attributes[0]).toMatchObject({ id: attr.body.id, slug: 'pa_taille', options: ['M', 'S'] });
    const s = await wooCall(sim, 'POST', `/products/${parent.body.id}/variations`, { sku: 'TAB-S', regular_price: '19.00', attributes: [{ id: attr.body.id, option: 'S' }] });
    const m = await wooCall(sim, 'POST', `/products/${parent.body.id}/variations`, { sku: 'TAB-M', regular_price: '21.00', attributes: [{ id: attr.body.id, option: 'M' }] });
    expect(s.body).toMatchObject({ name: 'S', tax_class: 'parent', permalink: `${sim.url}/product/tablier/?attribute_pa_taille=s` });
    const got = await wooCall(sim, 'GET', `/products/${parent.body.id}`);
    expect(got.body).toMatchObject({ variations: [s.body.id, m.body.id], price: '19.00', stock_status: 'instock' });
    const noForce = await wooCall(sim, 'DELETE', `/products/${parent.body.id}/variations/${m.body.id}`);
    expect(noForce.status).toBe(501);
    expect(noForce.body.code).toBe('woocommerce_rest_trash_not_supported');
    expect((await wooCall(sim, 'DELETE', `/products/${parent.body.id}/variations/${m.body.id}?force=true`)).status).toBe(200);
    expect((await wooCall(sim, 'GET', `/products/${parent.body.id}`)).body.variations).toEqual([s.body.id]);
    const viaProducts = await wooCall(sim, 'GET', '/products?sku=TAB-S');
    expect(viaProducts.body[0]).toMatchObject({ id: s.body.id, type: 'variation', name: 'Tablier - S', parent_id: parent.body.id, total_sales: '0' });
  });

  test('images: src is sideloaded into the media library, {id} reuses it; wp/v2/media upload with an application password', async () => {
    const p = await wooCall(sim, 'POST', '/products', { name: 'Mug rouge', images: [{ src: 'https://cdn.example.com/photos/mug%20rouge.JPG', alt: 'Mug' }] });
    const img = p.body.images[0];
    expect(img).toMatchObject({ id: expect.any(Number), name: 'mug-rouge', alt: 'Mug', src: expect.stringMatching(new RegExp(`^${sim.url}/wp-content/uploads/\\d{4}/\\d{2}/mug-rouge\\.jpg$`)) });
    expect(Object.keys(img)).toEqual(['id', 'date_created', 'date_created_gmt', 'date_modified', 'date_modified_gmt', 'src', 'name', 'alt']);
    expect(sim.state.media.get(img.id)?.originalSrc).toBe('https://cdn.example.com/photos/mug%20rouge.JPG');
    const reuse = await wooCall(sim, 'POST', '/products', { name: 'Mug rouge 2', images: [{ id: img.id }] });
    expect(reuse.body.images[0].id).toBe(img.id);
    const invalid = await wooCall(sim, 'POST', '/products', { name: 'x', images: [{ id: 987654 }] });
    expect(invalid.body).toEqual({ code: 'woocommerce_product_invalid_image_id', message: '#987654 is an invalid image ID.', data: { status: 400 } });

    const bytes = Buffer.from('89504e470d0a1a0a', 'hex');
    const upload = (authorization?: string) => fetch(`${sim.url}/wp-json/wp/v2/media`, {
      method: 'POST', body: bytes,
      headers: { 'content-type': 'image/png', 'content-disposition': 'attachment; filename="AR0003 face.png"', ...(authorization ? { authorization } : {}) },
    });
    expect((await upload()).status).toBe(401);
    expect((await upload(basicHeader(sim.wpUser, 'wrong pass word'))).status).toBe(401);
    const res = await upload(basicHeader(sim.wpUser, sim.wpAppPassword.replace(/ /g, '')));
    expect(res.status).toBe(201);
    const media = await res.json() as { id: number; source_url: string; mime_type: string };
    expect(media).toMatchObject({ id: expect.any(Number), mime_type: 'image/png', source_url: expect.stringMatching(/\/ar0003-face\.png$/) });
    const file = await fetch(media.source_url);
    expect(Buffer.from(await file.arrayBuffer()).equals(bytes)).toBe(true);
    const withUpload = await wooCall(sim, 'POST', '/products', { name: 'Chocolat avec photo', images: [{ id: media.id }] });
    expect(withUpload.body.images[0].src).toBe(media.source_url);
  });

  test('customers: registration-error-email-exists, role filter, meta starting with "_" hidden', async () => {
    const c = await wooCall(sim, 'POST', '/customers', { email: 'Jeanne@Example.fr', first_name: 'Jeanne', meta_data: [{ key: '_code', value: 'C1' }, { key: 'code', value: 'C1' }] });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ username: 'jeanne', role: 'customer', is_paying_customer: false });
    expect(c.body.meta_data.map((m: { key: string }) => m.key)).toEqual(['code']);
    const dup = await wooCall(sim, 'POST', '/customers', { email: 'Jeanne@Example.fr' });
    expect(dup.body).toEqual({ code: 'registration-error-email-exists', message: 'An account is already registered with Jeanne@Example.fr. Please log in or use a different email address.', data: { status: 400 } });
    const byEmail = await wooCall(sim, 'GET', '/customers?email=jeanne@example.fr');
    expect(byEmail.body.map((x: { id: number }) => x.id)).toEqual([c.body.id]);
    expect((await wooCall(sim, 'DELETE', `/customers/${c.body.id}`)).status).toBe(501);
  });

  test('orders: line items by sku, per-line VAT rounding, stock reduced, notes, status change, order.created webhook signed', async () => {
    const hook = await wooCall(sim, 'POST', '/webhooks', { name: 'test', topic: 'order.created', delivery_url: hookUrl, secret: 's3cret' });
    expect(hook.status).toBe(201);
    await wooCall(sim, 'POST', '/products', { name: 'Chocolat', sku: 'CH1', regular_price: '4.95', tax_class: 'reduced-rate', manage_stock: true, stock_quantity: 10 });
    await wooCall(sim, 'POST', '/products', { name: 'Tasse', sku: 'TS1', regular_price: '12.90', manage_stock: true, stock_quantity: 5 });
    await wooCall(sim, 'POST', '/coupons', { code: 'MOINS10', discount_type: 'percent', amount: '10' });
    const o = await wooCall(sim, 'POST', '/orders', {
      status: 'processing', set_paid: true, payment_method: 'bacs', billing: { country: 'FR', email: 'a@b.fr', first_name: 'A' },
      line_items: [{ sku: 'CH1', quantity: 2 }, { sku: 'TS1', quantity: 1 }],
      shipping_lines: [{ method_id: 'flat_rate', method_title: 'Colissimo', total: '4.90' }], coupon_lines: [{ code: 'moins10' }],
    });
    expect(o.status).toBe(201);
    expect(o.body).toMatchObject({ total: '29.21', total_tax: '3.79', discount_total: '2.28', discount_tax: '0.31', cart_tax: '2.81', shipping_tax: '0.98', status: 'processing' });
    expect(o.body.line_items.map((l: { price: number }) => l.price)).toEqual([4.455, 11.61]);
    expect(sim.state.productBySku('CH1')?.stockQuantity).toBe(8);
    const notes = await wooCall(sim, 'GET', `/orders/${o.body.id}/notes`);
    expect(notes.body.map((n: { note: string }) => n.note)).toEqual(['Stock levels reduced: Chocolat (CH1) 10&rarr;8, Tasse (TS1) 5&rarr;4', 'Order status changed from Pending payment to Processing.']);
    const cancelled = await wooCall(sim, 'PUT', `/orders/${o.body.id}`, { status: 'cancelled', meta_data: [{ key: '_erp', value: 'BC1' }] });
    expect(cancelled.body.status).toBe('cancelled');
    expect(sim.state.productBySku('CH1')?.stockQuantity).toBe(10);
    await sim.flushWebhooks();
    const delivery = hooks.find((h) => h.headers['x-wc-webhook-topic'] === 'order.created');
    expect(delivery).toBeDefined();
    expect(delivery!.headers['x-wc-webhook-signature']).toBe(crypto.createHmac('sha256', 's3cret').update(delivery!.body).digest('base64'));
    expect(JSON.parse(delivery!.body).id).toBe(o.body.id);
    expect(hooks.some((h) => h.body === `webhook_id=${hook.body.id}`)).toBe(true);
    const unknown = await wooCall(sim, 'POST', '/orders', { line_items: [{ product_id: 1, quantity: 1 }], coupon_lines: [{ code: 'nope' }] });
    expect(unknown.body).toMatchObject({ code: 'woocommerce_rest_invalid_coupon', data: { status: 400 } });
  });

  test('index routes answer without authentication', async () => {
    const root = await (await fetch(`${sim.url}/wp-json/`)).json() as { namespaces: string[]; routes: Record<string, unknown> };
    expect(root.namespaces).toContain('wc/v3');
    expect(root.routes['/wc/v3/products/(?P<id>[\\d]+)']).toBeDefined();
    const ns = await fetch(`${sim.url}/wp-json/wc/v3`);
    expect(ns.status).toBe(200);
    const viaQuery = await fetch(`${sim.url}/?rest_route=/wc/v3/products`, { headers: { authorization: basicHeader(sim.key, sim.secret) } });
    expect(viaQuery.status).toBe(200);
  });
});

describe('faults, latency, statistics', () => {
  let sim: WooSimulator;
  beforeAll(async () => {
    sim = await startWooSimulator({ allowBasicOverHttp: true });
  });
  afterAll(async () => sim?.close());

  test('429 with Retry-After, then normal answers', async () => {
    sim.faults.add({ match: 'products', times: 2, kind: '429', retryAfterSeconds: 7 });
    for (let i = 0; i < 2; i++) {
      const r = await wooCall(sim, 'GET', '/products');
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('7');
      expect(r.body).toMatchObject({ data: { status: 429 } });
    }
    expect((await wooCall(sim, 'GET', '/products')).status).toBe(200);
    expect((await wooCall(sim, 'GET', '/orders')).status).toBe(200);
  });

  test('5xx JSON error body; predicate match', async () => {
    const h = sim.faults.add({ match: (method, path) => method === 'POST' && path.endsWith('/orders'), times: 1, kind: 'status5xx' });
    const r = await wooCall(sim, 'POST', '/orders', { line_items: [] });
    expect(r.status).toBe(500);
    expect(r.body).toMatchObject({ code: 'internal_server_error', data: { status: 500 } });
    expect(h.remaining()).toBe(0);
    sim.faults.add({ times: 1, kind: 'status5xx', status: 503, retryAfterSeconds: 2 });
    const u = await wooCall(sim, 'GET', '/products');
    expect(u.status).toBe(503);
    expect(u.headers.get('retry-after')).toBe('2');
  });

  test('connection reset', async () => {
    sim.faults.add({ match: '/wp-json/wc/v3/customers', times: 1, kind: 'reset' });
    await expect(fetch(`${sim.apiUrl}/customers`, { headers: { authorization: basicHeader(sim.key, sim.secret) } })).rejects.toThrow();
    expect((await wooCall(sim, 'GET', '/customers')).status).toBe(200);
  });

  test('timeout: the request hangs until the client gives up', async () => {
    sim.faults.add({ match: 'coupons', times: 1, kind: 'timeout' });
    const started = Date.now();
    await expect(fetch(`${sim.apiUrl}/coupons`, { headers: { authorization: basicHeader(sim.key, sim.secret) }, signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect((await wooCall(sim, 'GET', '/coupons')).status).toBe(200);
  });

  test('latency delays every answer', async () => {
    sim.setLatency(150);
    const started = Date.now();
    await wooCall(sim, 'GET', '/products');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    sim.setLatency(0);
  });

  test('stats count requests, writes and routes', async () => {
    sim.resetStats();
    await wooCall(sim, 'GET', '/products');
    await wooCall(sim, 'GET', '/products/1');
    await wooCall(sim, 'POST', '/products', { name: 'Stat' });
    expect(sim.stats.requests).toBe(3);
    expect(sim.stats.writeRequests).toBe(1);
    expect(sim.stats.byRoute).toEqual({ 'GET /wc/v3/products': 1, 'GET /wc/v3/products/{id}': 1, 'POST /wc/v3/products': 1 });
    expect(sim.stats.log.map((l) => l.status)).toEqual([200, 404, 201]);
  });
});
