/** The PrestaShop webservice client against a small stub answering with the recorded 8.1.2 bodies. */
import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../../src/http/http-client.js';
import { extractShopError } from '../../src/http/shop-error.js';
import { prestaShopAuth } from '../../src/shops/prestashop/auth.js';
import { PsWsClient, parsePsXml, psXml } from '../../src/shops/prestashop/ws-client.js';
import { testClient } from '../http/support/client.js';

const DIR = path.join(import.meta.dirname, '../fixtures/prestashop-8.1.2');
const fixture = (name: string) => fs.readFileSync(path.join(DIR, name), 'utf8');
const KEY = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ123456';

interface Seen { method: string; url: string; query: Record<string, string>; auth?: string; body: string; type?: string }

describe('PsWsClient', () => {
  let app: FastifyInstance;
  let base = '';
  const seen: Seen[] = [];
  const products = Array.from({ length: 7 }, (_, i) => ({ id: i + 1, reference: `AR${i + 1}` }));

  beforeAll(async () => {
    app = Fastify();
    app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, (body as Buffer).toString('latin1')));
    app.addHook('onRequest', async (req) => {
      seen.push({ method: req.method, url: req.url, query: req.query as Record<string, string>, auth: req.headers.authorization, body: '', type: req.headers['content-type'] });
    });
    app.addHook('preHandler', async (req) => {
      seen[seen.length - 1]!.body = typeof req.body === 'string' ? req.body : '';
    });
    app.get('/api/products', async (req, reply) => {
      const q = req.query as Record<string, string>;
      if (q['filter[reference]'] === '[NOPE]') return reply.type('application/json').send(fixture('605-products-filter-no-match-empty.json'));
      if (q['filter[reference]'] === '[AR0003]') return reply.type('application/json').send(fixture('604-products-filter-reference-AR0003-display-selected.json'));
      const [off, count] = (q.limit ?? '0,1000').split(',').map(Number) as [number, number];
      return { products: products.slice(off, off + count) };
    });
    app.get('/api/products/:id', async (req, reply) => {
      const { id } = req.params as { id: string };
      if (id === '60') return reply.type('application/json').send(fixture('602-products-get-created-AR0003.json'));
      return reply.code(404).send('');
    });
    app.post('/api/products', async (_req, reply) => reply.code(201).type('text/xml;charset=utf-8').send(fixture('520-products-create-AR0003-chocolat-noir.xml')));
    app.patch('/api/products/:id', async (_req, reply) => reply.type('application/json').send(fixture('565-products-get-after-patch-json.json').replace('"products": [', '"product": ').replace(/\]\s*}\s*$/, '}')));
    app.post('/api/images/products/:id', async (_req, reply) => reply.type('text/xml;charset=utf-8').send('<?xml version="1.0" encoding="UTF-8"?><prestashop xmlns:xlink="http://www.w3.org/1999/xlink"><image><id><![CDATA[7]]></id><id_product><![CDATA[60]]></id_product></image></prestashop>'));
    app.get('/api/', async (_req, reply) => reply.type('text/xml;charset=utf-8').send(fixture('../prestashop-schema/api-index.xml').replace('<stock_availables xlink:href="http://127.0.0.1:8081/api/stock_availables" get="true" put="true" post="true" patch="true"', '<stock_availables xlink:href="http://127.0.0.1:8081/api/stock_availables" get="true" put="false" post="false" patch="false"')));
    app.post('/api/customers', async (_req, reply) => reply.code(400).type('application/json').send(fixture('811-error-400-post-invalid-email-json.json')));
    app.get('/api/customers', async (_req, reply) => reply.code(401).type('application/json').send(fixture('800-error-401-wrong-key-json.json')));
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    base = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}/api/`;
  });
  afterAll(async () => { await app.close(); });

  const ws = (o: { shopId?: string; inQuery?: boolean } = {}) =>
    new PsWsClient({ http: testClient(base, { auth: prestaShopAuth({ key: KEY, queryString: !!o.inQuery }), maxTries: 1, concurrency: 2 }).client, shopId: o.shopId });

  it('reads JSON lists with display, filter, sort and date, Basic auth with the key as user', async () => {
    seen.length = 0;
    const rows = await ws().list('products', { display: ['id', 'reference', 'price', 'id_tax_rules_group'], filter: { reference: '[AR0003]' }, sort: '[id_ASC]', date: true });
    expect(rows).toEqual([expect.objectContaining({ id: 60, price: '4.691943' })]);
    const q = seen[0]!.query;
    expect(q).toMatchObject({ output_format: 'JSON', display: '[id,reference,price,id_tax_rules_group]', 'filter[reference]': '[AR0003]', sort: '[id_ASC]', date: '1' });
    expect(seen[0]!.auth).toBe(`Basic ${Buffer.from(`${KEY}:`).toString('base64')}`);
  });

  it('gives [] for the empty answer and sends ws_key and id_shop when asked', async () => {
    seen.length = 0;
    expect(await ws({ shopId: '2', inQuery: true }).list('products', { filter: { reference: '[NOPE]' } })).toEqual([]);
    expect(seen[0]!.query).toMatchObject({ ws_key: KEY, id_shop: '2', display: 'full' });
    expect(seen[0]!.auth).toBeUndefined();
  });

  it('pages with limit=offset,count until a short page', async () => {
    seen.length = 0;
    const pages: number[][] = [];
    for await (const page of ws().pages('products', { limit: 3, display: ['id', 'reference'] })) pages.push(page.map((p) => Number(p.id)));
    expect(pages).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(seen.map((s) => s.query.limit)).toEqual(['0,3', '3,3', '6,3']);
  });

  it('reads one record, null on the empty 404', async () => {
    const c = ws();
    expect((await c.get('products', 60))?.reference).toBe('AR0003');
    expect(await c.get('products', 999)).toBeNull();
  });

  it('writes XML with CDATA, languages and associations; reads the XML answer back', async () => {
    seen.length = 0;
    const created = await ws().create('products', {
      reference: 'AR0003', price: '4.691943', active: true,
      name: [{ id: 1, value: 'Chocolat <Noir> ]]> & co' }, { id: 2, value: 'Dark chocolate' }],
      associations: { categories: [{ id: 2 }, { id: 5 }], accessories: [{ id: 7 }] },
    });
    expect(created.id).toBe('60');
    expect(created.name).toEqual([{ id: '1', value: 'Chocolat Noir' }]);
    expect((created.associations as Record<string, unknown[]>).categories).toEqual([{ id: '2' }]);
    const body = seen[0]!.body;
    expect(seen[0]!.type).toMatch(/text\/xml/);
    expect(body).toContain('<reference><![CDATA[AR0003]]></reference>');
    expect(body).toContain('<active><![CDATA[1]]></active>');
    expect(body).toContain('<language id="2"><![CDATA[Dark chocolate]]></language>');
    expect(body).toContain('<categories><category><id><![CDATA[2]]></id></category><category><id><![CDATA[5]]></id></category></categories>');
    expect(body).toContain('<accessories><product><id><![CDATA[7]]></id></product></accessories>');
    // The written name survives the XML round trip, CDATA terminator included.
    expect(parsePsXml(body)?.name).toEqual([{ id: '1', value: 'Chocolat <Noir> ]]> & co' }, { id: '2', value: 'Dark chocolate' }]);
  });

  it('PATCH sends the id and only the given fields', async () => {
    seen.length = 0;
    await ws().patch('products', 60, { price: '4.691943' });
    expect(seen[0]!.method).toBe('PATCH');
    expect(seen[0]!.body).toMatch(/<product><id><!\[CDATA\[60\]\]><\/id><price><!\[CDATA\[4\.691943\]\]><\/price><\/product>/);
  });

  it('names the shop code and message of JSON errors', async () => {
    const err = await ws().create('customers', { email: 'x' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HttpError);
    expect((err as HttpError).status).toBe(400);
    expect((err as HttpError).code).toBe('85');
    expect((err as HttpError).shopMessage).toContain('email is not valid');
    const auth = await ws().list('customers').catch((e: unknown) => e);
    expect((auth as HttpError).status).toBe(401);
  });

  it('uploads a file in multipart (field, file name, type, bytes, extra fields) and reads the XML answer', async () => {
    seen.length = 0;
    const data = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    const rec = await ws().upload('images/products/60', 'image', { fileName: 'AR0003.png', contentType: 'image/png', data }, { name: 'Chocolat' });
    expect(rec).toMatchObject({ id: '7', id_product: '60' });
    const s = seen[0]!;
    expect(s.type).toMatch(/^multipart\/form-data; boundary=/);
    expect(s.query.output_format).toBe('JSON');
    const raw = Buffer.from(s.body, 'latin1');
    expect(s.body).toContain('Content-Disposition: form-data; name="name"\r\n\r\nChocolat\r\n');
    expect(s.body).toContain('Content-Disposition: form-data; name="image"; filename="AR0003.png"\r\nContent-Type: image/png\r\n\r\n');
    expect(raw.includes(data)).toBe(true);
  });

  it('reads the resources and methods the key may use from the XML index', async () => {
    const r = await ws().resources();
    expect(r.size).toBe(69);
    expect([...r.get('products')!]).toEqual(['GET', 'PUT', 'POST', 'PATCH', 'DELETE', 'HEAD']);
    expect([...r.get('stock_availables')!]).toEqual(['GET', 'DELETE', 'HEAD']);
  });

  it.each([
    ['800-error-401-wrong-key-json.json', '20'],
    ['801-error-401-wrong-key-xml.xml', '20'],
    ['810-error-400-post-invalid-email-xml.xml', '85'],
    ['811-error-400-post-invalid-email-json.json', '85'],
    ['812-error-400-post-invalid-price-xml.xml', undefined],
    ['816-error-400-put-customer-missing-required-xml.xml', '41'],
    ['817-error-500-post-malformed-xml.xml', undefined],
  ])('extracts the shop error of %s', (file, code) => {
    const text = fixture(file);
    const data = file.endsWith('.json') ? JSON.parse(text) : text;
    const info = extractShopError(data, text);
    if (code) expect(info.code).toBe(code);
    else expect(info.code).toMatch(/^\d+$/);
    expect(info.message).toBeTruthy();
  });

  it('builds the documented XML envelope', () => {
    expect(psXml('stock_availables', { id: 99, quantity: 120 })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><prestashop xmlns:xlink="http://www.w3.org/1999/xlink"><stock_available><id><![CDATA[99]]></id><quantity><![CDATA[120]]></quantity></stock_available></prestashop>',
    );
  });
});
