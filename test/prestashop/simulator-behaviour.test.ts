/**
 * The PrestaShop simulator's behaviour, outcome by outcome: what the shop answers and what it then
 * holds (state), for auth, permissions, reads, writes and their quirks, stock, orders and faults.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startPrestaShopSimulator, type PrestaShopSimulator, type PrestaShopSimulatorOptions } from '../simulators/prestashop/server.js';
import { attachCartRule } from '../simulators/prestashop/orders.js';

const started: PrestaShopSimulator[] = [];
async function sim(opts: PrestaShopSimulatorOptions = {}): Promise<PrestaShopSimulator> {
  const s = await startPrestaShopSimulator(opts);
  started.push(s);
  return s;
}
afterEach(async () => {
  while (started.length) await started.pop()!.close();
});

function basic(key: string): Record<string, string> {
  return { Authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` };
}
async function json(s: PrestaShopSimulator, path: string): Promise<{ status: number; body: any }> {
  const r = await s.request('GET', `${path}${path.includes('?') ? '&' : '?'}output_format=JSON`);
  return { status: r.status, body: r.body ? JSON.parse(r.body) : undefined };
}
const xml = (element: string, inner: string): string => `<?xml version="1.0" encoding="UTF-8"?>\n<prestashop xmlns:xlink="http://www.w3.org/1999/xlink">\n<${element}>${inner}</${element}>\n</prestashop>`;
const ids = (body: any, resource: string): number[] => (Array.isArray(body) ? [] : body[resource].map((r: { id: number }) => r.id));

describe('auth, permissions, availability', () => {
  it('accepts the key as Basic user or ws_key; refuses a wrong key (20, 21) and no key (text/html) as recorded', async () => {
    const s = await sim();
    expect((await fetch(`${s.apiUrl}/products?output_format=JSON`, { headers: basic(s.key) })).status).toBe(200);
    expect((await fetch(`${s.apiUrl}/products?output_format=JSON&ws_key=${s.key}`)).status).toBe(200);
    const wrong = await fetch(`${s.apiUrl}/products?output_format=JSON`, { headers: basic('ABCDEFGHIJKLMNOPQRSTUVWXYZ012345') });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/^Basic realm="Welcome to PrestaShop Webservice/);
    expect(await wrong.json()).toEqual({ errors: [{ code: 20, message: 'Authentification key is not active' }, { code: 21, message: 'No permission for this authentication key' }] });
    const wrongXml = await fetch(`${s.apiUrl}/products`, { headers: basic('ABCDEFGHIJKLMNOPQRSTUVWXYZ012345') });
    expect(wrongXml.headers.get('content-type')).toBe('text/xml;charset=utf-8');
    expect(await wrongXml.text()).toContain('<code><![CDATA[21]]></code>');
    const none = await fetch(`${s.apiUrl}/products?output_format=JSON`);
    expect(none.status).toBe(401);
    expect(none.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await none.text()).toBe('401 Unauthorized');
  });

  it('behind a site password: the site Basic header plus ?ws_key=; without the site password the web server answers 401', async () => {
    const s = await sim({ siteAuth: { user: 'site', password: 'secret' } });
    const site = `Basic ${Buffer.from('site:secret').toString('base64')}`;
    expect((await fetch(`${s.apiUrl}/products?output_format=JSON&ws_key=${s.key}`, { headers: { Authorization: site } })).status).toBe(200);
    const noSite = await fetch(`${s.apiUrl}/products?output_format=JSON&ws_key=${s.key}`);
    expect(noSite.status).toBe(401);
    expect(noSite.headers.get('www-authenticate')).toBe('Basic realm="Restricted"');
    const keyAsUser = await fetch(`${s.apiUrl}/products?output_format=JSON`, { headers: { Authorization: site } });
    expect(keyAsUser.status).toBe(401);
    expect((await s.request('GET', 'products?output_format=JSON')).status).toBe(200);
  });

  it('applies per-resource, per-method key permissions (26, 25) and lists only the allowed resources', async () => {
    const s = await sim({ permissions: { products: ['GET', 'HEAD'], stock_availables: ['GET', 'PUT'] } });
    expect((await s.request('GET', 'products')).status).toBe(200);
    const res = await s.request('GET', 'customers?output_format=JSON');
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body).errors[0].code).toBe(26);
    const post = await s.request('POST', 'products?output_format=JSON', xml('product', '<price>1</price>'));
    expect(post.status).toBe(405);
    expect(JSON.parse(post.body).errors[0].code).toBe(25);
    const root = (await s.request('GET', '/api/')).body;
    expect(root).toContain('<products xlink:href=');
    expect(root).toContain('get="true" put="false" post="false"');
    expect(root).not.toContain('<customers xlink:href=');
  });

  it('answers 503 code 22 while the webservice is disabled', async () => {
    const s = await sim({ webserviceDisabled: true });
    const r = await s.request('GET', 'products?output_format=JSON');
    expect(r.status).toBe(503);
    expect(JSON.parse(r.body).errors[0].code).toBe(22);
    s.setWebserviceEnabled(true);
    expect((await s.request('GET', 'products?output_format=JSON')).status).toBe(200);
  });

  it('unknown id: 404 with an empty body and no content type; unknown resource: 400 code 27 with a suggestion', async () => {
    const s = await sim();
    const r = await fetch(`${s.apiUrl}/products/999999?output_format=JSON`, { headers: basic(s.key) });
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toBeNull();
    expect(await r.text()).toBe('');
    const u = await s.request('GET', 'produits?output_format=JSON');
    expect(u.status).toBe(400);
    expect(JSON.parse(u.body).errors[0].message).toContain('Did you mean: "products"?');
  });
});

describe('reads: display, filter, sort, limit (fixtures seed)', () => {
  const cases: { query: string; expected: number[] | 'empty' }[] = [
    { query: 'products?filter[reference]=[AR0003]', expected: [3] },
    { query: 'products?filter[reference]=[ar0003|AR0010]', expected: [3, 4] },
    { query: 'products?filter[id]=[3,5]', expected: [3, 4, 5] },
    { query: 'products?filter[reference]=[AR00]%', expected: [3, 4, 5] },
    { query: 'products?filter[name]=%[laine]%', expected: [6] },
    { query: 'products?filter[reference]=![PULL]', expected: [3, 4, 5] },
    { query: 'products?filter[price]=>[20]', expected: [5, 6] },
    { query: 'products?sort=[price_DESC]', expected: [6, 5, 4, 3] },
    { query: 'products?limit=1,2', expected: [4, 5] },
    { query: 'products?limit=2', expected: [3, 4] },
    { query: 'products?filter[reference]=[NOPE]', expected: 'empty' },
    { query: 'orders?date=1&filter[date_upd]=[2026-12-01 00:00:00,2026-12-31 23:59:59]&sort=[date_upd_ASC]&filter[current_state]=[11]', expected: [1, 2, 3, 4, 5] },
    { query: 'order_details?filter[id_order]=[6]', expected: [10, 11] },
  ];
  it.each(cases)('$query', async ({ query, expected }) => {
    const s = await sim({ seed: 'fixtures' });
    const r = await json(s, query);
    expect(r.status).toBe(200);
    if (expected === 'empty') expect(r.body).toEqual([]);
    else expect(ids(r.body, query.split('?')[0]!)).toEqual(expected);
  });

  it('display=[…] keeps the schema order; without display only ids; date fields need date=1', async () => {
    const s = await sim({ seed: 'fixtures' });
    const r = await json(s, 'products?display=[price,reference,id]&filter[id]=[3]');
    expect(Object.keys(r.body.products[0])).toEqual(['id', 'reference', 'price']);
    expect(r.body.products[0]).toEqual({ id: 3, reference: 'AR0003', price: '4.691943' });
    expect((await json(s, 'products?limit=0,2')).body).toEqual({ products: [{ id: 3 }, { id: 4 }] });
    const noDate = await json(s, 'products?filter[date_upd]=[2026-01-01 00:00:00,2027-01-01 00:00:00]');
    expect(noDate.status).toBe(400);
    expect(noDate.body.errors[0].code).toBe(38);
    const sort = await json(s, 'products?display=[id,date_upd]&sort=[date_upd_DESC]');
    expect(sort.status).toBe(500);
    expect(sort.body.errors.map((e: { code: number }) => e.code)).toEqual([38, 3, 3, 3, 3]);
  });

  it('single JSON omits empty values; a display=full list keeps them; XML keeps everything', async () => {
    const s = await sim({ seed: 'fixtures' });
    const one = (await json(s, 'orders/6')).body.order;
    expect(one.current_state).toBe(6);
    expect('valid' in one).toBe(false);
    const list = (await json(s, 'orders?display=full&filter[id]=[6]')).body.orders[0];
    expect(list.valid).toBe('0');
    const x = (await s.request('GET', 'orders/6')).body;
    expect(x).toContain('<valid><![CDATA[0]]></valid>');
    expect(x).toMatch(/<current_state xlink:href="http:\/\/127\.0\.0\.1:\d+\/api\/order_states\/6"><!\[CDATA\[6\]\]><\/current_state>/);
  });

  it('several languages: JSON [{id, value}], XML one <language> each', async () => {
    const s = await sim({ languages: [1, 2] });
    const created = await s.request('POST', 'categories', xml('category', '<active>1</active><id_parent>2</id_parent><name><language id="1">Chocolats</language><language id="2">Chocolates</language></name><link_rewrite><language id="1">chocolats</language><language id="2">chocolates</language></link_rewrite>'));
    expect(created.status).toBe(201);
    const id = /<id><!\[CDATA\[(\d+)\]\]><\/id>/.exec(created.body)![1];
    const r = await json(s, `categories/${id}`);
    expect(r.body.category.name).toEqual([{ id: '1', value: 'Chocolats' }, { id: '2', value: 'Chocolates' }]);
  });
});

describe('writes and their quirks', () => {
  const product = (extra = ''): string => xml('product', `<id_category_default>2</id_category_default><id_tax_rules_group>3</id_tax_rules_group><reference>AR0099</reference><price>4.691943</price><active>1</active><state>1</state><name><language id="1">Truffes</language></name><link_rewrite><language id="1">truffes</language></link_rewrite><associations><categories><category><id>2</id></category></categories></associations>${extra}`);

  it('POST answers 201 with the record; a stock row with quantity 0 comes with it; quantity is read-only (93)', async () => {
    const s = await sim();
    s.setNow('2026-12-01T10:00:00Z');
    const r = await s.request('POST', 'products?output_format=JSON', product());
    expect(r.status).toBe(201);
    const p = JSON.parse(r.body).product;
    expect(p.id).toBe('1');
    expect(p.date_add).toBe('2026-12-01 11:00:00');
    expect(p.associations.stock_availables).toEqual([{ id: 1, id_product_attribute: 0 }]);
    expect(s.state.get('stock_availables', 1)).toMatchObject({ id_product: '1', id_product_attribute: '0', quantity: '0' });
    const ro = await s.request('PUT', 'products/1', product('<id>1</id><quantity>5</quantity>'));
    expect(ro.status).toBe(400);
    expect(ro.body).toContain('parameter "quantity" not writable');
  });

  it('state.insert stores values as the database gives them back (seeding for tests)', async () => {
    const s = await sim();
    const row = s.state.insert('products', { reference: 'SEED1', price: '4.95', weight: '0.1', active: '1', name: 'Graine', id_category_default: '2' });
    const p = (await json(s, `products/${row.id}`)).body.product;
    expect(p).toMatchObject({ id: row.id, reference: 'SEED1', price: '4.950000', weight: '0.100000', active: '1', name: 'Graine' });
    expect(s.state.list('stock_availables', (x) => x['id_product'] === String(row.id))).toHaveLength(1);
  });

  it('PUT replaces the whole object (partial body blanks the rest, 814); the body id wins (818/819); PATCH changes only what it sends', async () => {
    const s = await sim();
    await s.request('POST', 'products', product());
    await s.request('POST', 'products', product());
    const put = await s.request('PUT', 'products/2', xml('product', '<id>1</id><price>5.000000</price>'));
    expect(put.status).toBe(200);
    expect(s.state.text(s.state.get('products', 1)!, 'name')).toBe('');
    expect(s.state.get('products', 1)!['reference']).toBe('');
    expect(s.state.get('products', 1)!['price']).toBe('5.000000');
    expect(s.state.get('products', 2)!['reference']).toBe('AR0099');
    const coll = await s.request('PUT', 'products', xml('product', '<id>2</id><price>6</price>'));
    expect(coll.status).toBe(200);
    expect(s.state.get('products', 2)!['reference']).toBe('');
    await s.request('POST', 'products', product());
    s.setNow('2026-12-02T08:00:00Z');
    const patch = await s.request('PATCH', 'products/3?output_format=JSON', xml('product', '<id>3</id><price>10.833333</price>'));
    expect(patch.status).toBe(200);
    const after = (await json(s, 'products/3')).body.product;
    expect(after).toMatchObject({ price: '10.833333', reference: 'AR0099', name: 'Truffes', date_upd: '2026-12-02 09:00:00' });
  });

  it('errors as recorded: 85 invalid value (HTML-escaped), 41 missing required, 134 alone → 500, 127 malformed XML → 500, 92 unknown id on PUT', async () => {
    const s = await sim();
    const email = await s.request('POST', 'customers?output_format=JSON', xml('customer', '<passwd>x</passwd><lastname>Durand</lastname><firstname>Camille</firstname><email>not-an-email</email>'));
    expect(email.status).toBe(400);
    expect(JSON.parse(email.body)).toEqual({ errors: [{ code: 85, message: 'Validation error: "Property Customer-&gt;email is not valid"' }] });
    const missing = await s.request('POST', 'customers?output_format=JSON', xml('customer', '<lastname>Durand</lastname>'));
    expect(JSON.parse(missing.body).errors[0]).toEqual({ code: 41, message: 'parameter "passwd" required' });
    await s.request('POST', 'products', product());
    const pos = await s.request('PUT', 'products/1', product('<id>1</id><position_in_category></position_in_category>'));
    expect(pos.status).toBe(500);
    expect(pos.body).toContain('<code><![CDATA[134]]></code>');
    const bad = await s.request('POST', 'customers', '<prestashop><customer><lastname>Durand</customer>');
    expect(bad.status).toBe(500);
    expect(bad.body).toContain('<code><![CDATA[127]]></code>');
    const jsonBody = await s.request('POST', 'customers', JSON.stringify({ customer: { lastname: 'Durand' } }));
    expect(jsonBody.status).toBe(500);
    const unknown = await s.request('PUT', 'products/77', xml('product', '<id>77</id><price>1</price>'));
    expect(unknown.status).toBe(404);
  });

  it('stock: a combination\'s quantity rolls up to the product row; DELETE removes product and its stock', async () => {
    const s = await sim();
    await s.request('POST', 'products', product());
    await s.request('POST', 'combinations', xml('combination', '<id_product>1</id_product><reference>AR0099-R</reference><minimal_quantity>1</minimal_quantity><default_on>1</default_on>'));
    await s.request('POST', 'combinations', xml('combination', '<id_product>1</id_product><reference>AR0099-B</reference><minimal_quantity>1</minimal_quantity>'));
    const rows = (await json(s, 'stock_availables?display=full&filter[id_product]=[1]')).body.stock_availables;
    expect(rows.map((r: { id_product_attribute: number }) => r.id_product_attribute)).toEqual([0, 1, 2]);
    await s.request('PATCH', 'stock_availables/2', xml('stock_available', '<id>2</id><quantity>10</quantity>'));
    await s.request('PUT', 'stock_availables/3', xml('stock_available', '<id>3</id><id_product>1</id_product><id_product_attribute>2</id_product_attribute><id_shop>1</id_shop><quantity>5</quantity><depends_on_stock>0</depends_on_stock><out_of_stock>2</out_of_stock>'));
    expect(s.state.get('stock_availables', 1)!['quantity']).toBe('15');
    expect(s.state.get('products', 1)!['id_default_combination']).toBe('1');
    expect((await s.request('DELETE', 'products/1')).status).toBe(200);
    expect(s.state.list('stock_availables')).toEqual([]);
  });

  it('multistore: stock rows per shop; a product value written with id_shop=2 stays in shop 2', async () => {
    const s = await sim({ shops: 2 });
    await s.request('POST', 'products', product());
    expect(s.state.list('stock_availables').map((r) => r['id_shop'])).toEqual(['1', '2']);
    await s.request('PATCH', 'products/1?id_shop=2', xml('product', '<id>1</id><price>5.500000</price>'));
    expect((await json(s, 'products/1?id_shop=2')).body.product.price).toBe('5.500000');
    expect((await json(s, 'products/1')).body.product.price).toBe('4.691943');
    expect(ids((await json(s, 'stock_availables?id_shop=2')).body, 'stock_availables')).toEqual([2]);
  });

  it('images: a multipart upload adds the image to the product (cover when first)', async () => {
    const s = await sim();
    await s.request('POST', 'products', product());
    const form = new FormData();
    form.append('image', new Blob([Buffer.from('GIF89a')], { type: 'image/gif' }), 'x.gif');
    const r = await fetch(`${s.apiUrl}/images/products/1`, { method: 'POST', headers: basic(s.key), body: form });
    expect(r.status).toBe(200);
    expect(s.state.get('products', 1)!.associations['images']).toEqual([{ id: '1' }]);
    expect(s.state.get('products', 1)!['id_default_image']).toBe('1');
  });

  it('images and attachments: the uploaded bytes come back; an attachment links to products', async () => {
    const s = await sim();
    await s.request('POST', 'products', product());
    const bytes = Buffer.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x00, 0xff, 0x10]);
    const img = new FormData();
    img.append('image', new Blob([bytes], { type: 'image/gif' }), 'x.gif');
    await fetch(`${s.apiUrl}/images/products/1`, { method: 'POST', headers: basic(s.key), body: img });
    const back = await fetch(`${s.apiUrl}/images/products/1/1`, { headers: basic(s.key) });
    expect(back.headers.get('content-type')).toBe('image/gif');
    expect(Buffer.from(await back.arrayBuffer())).toEqual(bytes);
    const att = new FormData();
    att.append('file', new Blob([Buffer.from('%PDF-1.4 notice')], { type: 'application/pdf' }), 'notice.pdf');
    att.append('name', 'Notice');
    const created = await fetch(`${s.apiUrl}/attachments/file?output_format=JSON`, { method: 'POST', headers: basic(s.key), body: att });
    expect(created.status).toBe(201);
    const a = ((await created.json()) as { attachment: { id: number; file_name: string; mime: string; name: string } }).attachment;
    expect(a).toMatchObject({ file_name: 'notice.pdf', mime: 'application/pdf', name: 'Notice' });
    const file = await fetch(`${s.apiUrl}/attachments/file/${a.id}`, { headers: basic(s.key) });
    expect(await file.text()).toBe('%PDF-1.4 notice');
    await s.request('PATCH', 'products/1', xml('product', `<id>1</id><associations><attachments><attachment><id>${a.id}</id></attachment></attachments></associations>`));
    expect(s.state.get('products', 1)!.associations['attachments']).toEqual([{ id: String(a.id) }]);
  });

  it('an order\'s private note (orders.note by PATCH) and customer messages (customer_threads / customer_messages)', async () => {
    const s = await sim({ seed: 'fixtures' });
    expect((await s.request('PATCH', 'orders/1', xml('order', '<id>1</id><note>Livrer avant Noël</note>'))).status).toBe(200);
    expect((await json(s, 'orders/1')).body.order.note).toBe('Livrer avant Noël');
    const thread = await s.request('POST', 'customer_threads?output_format=JSON', xml('customer_thread', '<id_lang>1</id_lang><id_shop>1</id_shop><id_contact>0</id_contact><id_customer>2</id_customer><id_order>1</id_order><status>open</status><email>camille.durand@example.fr</email><token>abc123</token>'));
    expect(thread.status).toBe(201);
    const threadId = JSON.parse(thread.body).customer_thread.id;
    const msg = await s.request('POST', 'customer_messages', xml('customer_message', `<id_employee>0</id_employee><id_customer_thread>${threadId}</id_customer_thread><message>Note interne</message><private>1</private>`));
    expect(msg.status).toBe(201);
    const msgs = (await json(s, `customer_messages?display=full&filter[id_customer_thread]=[${threadId}]`)).body.customer_messages;
    expect(msgs.map((m: { message: string; private: string }) => [m.message, m.private])).toEqual([['Note interne', '1']]);
  });

  it('schema=blank and schema=synopsis; Local-Content-Sha1 gives 304', async () => {
    const s = await sim();
    const blank = await s.request('GET', 'products?schema=blank');
    expect(blank.body).toContain('<price><![CDATA[]]></price>');
    expect(blank.body).not.toContain('<manufacturer_name>');
    const syn = await s.request('GET', 'products?schema=synopsis');
    expect(syn.body).toContain('<price required="true" format="isPrice">');
    const first = await s.request('GET', 'languages?output_format=JSON&display=full');
    const again = await s.request('GET', 'languages?output_format=JSON&display=full', '', { 'Local-Content-Sha1': first.headers['Content-Sha1']! });
    expect(again.status).toBe(304);
  });
});

describe('orders', () => {
  // test/fixtures/README.md "Order totals": what PrestaShop computed for the six recorded orders.
  const table = [
    { name: 'a', customer: 2, address: 2, lines: [{ productId: 3, quantity: 2 }, { productId: 4, quantity: 1 }], rules: [1], gift: false, incl: '26.400000', excl: '23.020000', products: '20.130000', wt: '22.800000', shipIncl: '5.880000', shipExcl: '4.900000', discIncl: '2.280000', discExcl: '2.010000', wrap: '0.000000', rate: '20.000' },
    { name: 'b', customer: 2, address: 2, lines: [{ productId: 3, quantity: 3 }, { productId: 4, quantity: 2 }, { productId: 5, quantity: 1 }], rules: [2], gift: false, incl: '66.530000', excl: '58.760000', products: '58.310000', wt: '65.650000', shipIncl: '5.880000', shipExcl: '4.900000', discIncl: '5.000000', discExcl: '4.440000', wrap: '0.000000', rate: '20.000' },
    { name: 'c', customer: 2, address: 2, lines: [{ productId: 6, combinationId: 1, quantity: 1 }, { productId: 6, combinationId: 2, quantity: 1 }], rules: [3], gift: false, incl: '84.800000', excl: '70.670000', products: '70.670000', wt: '84.800000', shipIncl: '5.880000', shipExcl: '4.900000', discIncl: '5.880000', discExcl: '4.900000', wrap: '0.000000', rate: '20.000' },
    { name: 'd', customer: 2, address: 2, lines: [{ productId: 3, quantity: 7 }], rules: [], gift: true, incl: '43.530000', excl: '40.240000', products: '32.840000', wt: '34.650000', shipIncl: '5.880000', shipExcl: '4.900000', discIncl: '0.000000', discExcl: '0.000000', wrap: '3.000000', rate: '20.000' },
    { name: 'e', customer: 3, address: 3, lines: [{ productId: 4, quantity: 1 }], rules: [], gift: false, incl: '15.650000', excl: '15.650000', products: '10.750000', wt: '10.750000', shipIncl: '4.900000', shipExcl: '4.900000', discIncl: '0.000000', discExcl: '0.000000', wrap: '0.000000', rate: '0.000' },
    { name: 'f', customer: 2, address: 2, lines: [{ productId: 5, quantity: 1 }, { productId: 3, quantity: 1 }], rules: [], gift: false, incl: '35.830000', excl: '32.320000', products: '27.420000', wt: '29.950000', shipIncl: '5.880000', shipExcl: '4.900000', discIncl: '0.000000', discExcl: '0.000000', wrap: '0.000000', rate: '20.000' },
  ];
  it.each(table)('placeOrder computes order $name as PrestaShop did', async (o) => {
    const s = await sim({ seed: 'fixtures' });
    s.state.update('products', 4, { price: '10.750000' }); // the price of a, b, e (998 raised it afterwards)
    const order = s.placeOrder({ id: 100, reference: 'TESTORDER', customerId: o.customer, addressId: o.address, carrierId: 2, lines: o.lines, cartRuleIds: o.rules, gift: o.gift, date: '2026-12-05 10:00:00' });
    expect(order).toMatchObject({
      id: 100, reference: 'TESTORDER', current_state: '11', valid: '1', date_add: '2026-12-05 10:00:00',
      total_paid_tax_incl: o.incl, total_paid: o.incl, total_paid_real: o.incl, total_paid_tax_excl: o.excl, total_products: o.products, total_products_wt: o.wt,
      total_shipping_tax_incl: o.shipIncl, total_shipping_tax_excl: o.shipExcl, total_discounts_tax_incl: o.discIncl, total_discounts_tax_excl: o.discExcl,
      total_wrapping_tax_incl: o.wrap, carrier_tax_rate: o.rate,
    });
    const payments = s.state.list('order_payments', (p) => p['order_reference'] === 'TESTORDER');
    expect(payments.map((p) => p['amount'])).toEqual([o.incl]);
    const details = (await json(s, 'order_details?display=full&filter[id_order]=[100]')).body.order_details;
    expect(details).toHaveLength(o.lines.length);
  });

  it('order b\'s lines and voucher as recorded (rounded line totals, unrounded voucher excl.)', async () => {
    const s = await sim({ seed: 'fixtures' });
    s.state.update('products', 4, { price: '10.750000' });
    s.placeOrder({ id: 50, customerId: 2, addressId: 2, carrierId: 2, lines: table[1]!.lines, cartRuleIds: [2] });
    const lines = s.state.list('order_details', (d) => d['id_order'] === '50').map((d) => [d['product_reference'], d['total_price_tax_excl'], d['total_price_tax_incl']]);
    expect(lines).toEqual([['AR0003', '14.080000', '14.850000'], ['AR0010', '21.500000', '25.800000'], ['AR0012', '22.730000', '25.000000']]);
    expect(s.state.list('order_cart_rules', (r) => r['id_order'] === '50').map((r) => [r['value'], r['value_tax_excl']])).toEqual([['5.000000', '4.440975']]);
  });

  it('placeOrder with later states writes the histories and moves the order; a wrong amount paid gives state 8', async () => {
    const s = await sim({ seed: 'fixtures' });
    const o = s.placeOrder({ customerId: 2, carrierId: 2, lines: [{ productId: 3, quantity: 1 }], then: [{ state: 2 }, { state: 6, date: '2026-12-06 09:00:00' }] });
    expect(o).toMatchObject({ current_state: '6', valid: '0', date_upd: '2026-12-06 09:00:00' });
    expect(s.state.list('order_histories', (h) => h['id_order'] === String(o.id)).map((h) => h['id_order_state'])).toEqual(['11', '2', '6']);
    const bad = s.placeOrder({ customerId: 2, carrierId: 2, lines: [{ productId: 3, quantity: 1 }], totalPaid: '0.00' });
    expect(bad['current_state']).toBe('8');
  });

  it('POST /orders on a cart: the answer echoes the posted values; the stored order has the computed totals', async () => {
    const s = await sim({ seed: 'fixtures' });
    const cart = await s.request('POST', 'carts', xml('cart', '<id_address_delivery>2</id_address_delivery><id_address_invoice>2</id_address_invoice><id_currency>1</id_currency><id_customer>2</id_customer><id_lang>1</id_lang><id_carrier>2</id_carrier><secure_key>464648b0cde8f7af0f2bf58fa2f12259</secure_key><associations><cart_rows><cart_row><id_product>3</id_product><id_product_attribute>0</id_product_attribute><id_address_delivery>2</id_address_delivery><quantity>2</quantity></cart_row></cart_rows></associations>'));
    const cartId = Number(/<id><!\[CDATA\[(\d+)\]\]><\/id>/.exec(cart.body)![1]);
    attachCartRule(s.state, cartId, 1);
    const r = await s.request('POST', 'orders?output_format=JSON', xml('order', `<id_address_delivery>2</id_address_delivery><id_address_invoice>2</id_address_invoice><id_cart>${cartId}</id_cart><id_currency>1</id_currency><id_lang>1</id_lang><id_customer>2</id_customer><id_carrier>2</id_carrier><module>ps_wirepayment</module><payment>Virement bancaire</payment><total_paid>14.790000</total_paid><total_paid_real>14.790000</total_paid_real><total_products>0</total_products><total_products_wt>0</total_products_wt><conversion_rate>1</conversion_rate>`));
    expect(r.status).toBe(201);
    const echo = JSON.parse(r.body).order;
    expect(echo.total_products).toBeUndefined(); // "0" posted: omitted like every empty value
    expect(echo.total_paid).toBe('14.790000');
    expect(echo.current_state).toBeUndefined();
    const stored = s.state.get('orders', Number(echo.id))!;
    // 2 × 4.95 + 5.88 − 10 % of 9.90
    expect(stored).toMatchObject({ current_state: '11', total_products_wt: '9.900000', total_discounts_tax_incl: '0.990000', total_paid_tax_incl: '14.790000' });
  });

  it('POST /orders on a missing cart fails alone with a 400 naming the cart', async () => {
    const s = await sim({ seed: 'fixtures' });
    const r = await s.request('POST', 'orders?output_format=JSON', xml('order', '<id_address_delivery>2</id_address_delivery><id_address_invoice>2</id_address_invoice><id_cart>99</id_cart><id_currency>1</id_currency><id_lang>1</id_lang><id_customer>2</id_customer><id_carrier>2</id_carrier><module>ps_wirepayment</module><payment>Virement bancaire</payment><total_paid>1</total_paid><total_paid_real>1</total_paid_real><total_products>0</total_products><total_products_wt>0</total_products_wt><conversion_rate>1</conversion_rate>'));
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).errors[0].message).toContain('cart 99 does not exist');
    expect(s.state.list('orders')).toHaveLength(6);
  });

  it('POST /order_histories changes the order\'s state, valid flag and date_upd (940-942)', async () => {
    const s = await sim({ seed: 'fixtures' });
    s.setNow('2026-12-03T09:00:00Z');
    const r = await s.request('POST', 'order_histories', xml('order_history', '<id_order>1</id_order><id_order_state>6</id_order_state><id_employee>0</id_employee>'));
    expect(r.status).toBe(201);
    expect(s.state.get('orders', 1)).toMatchObject({ current_state: '6', valid: '0', date_upd: '2026-12-03 10:00:00' });
  });

  it('the fixtures seed holds the six recorded orders with their totals and order f\'s history', async () => {
    const s = await sim({ seed: 'fixtures' });
    const orders = (await json(s, 'orders?display=[id,reference,current_state,total_paid_tax_incl]')).body.orders;
    expect(orders).toEqual([
      { id: 1, reference: 'EFAJFWHOE', current_state: 11, total_paid_tax_incl: '26.400000' },
      { id: 2, reference: 'VHPWFYUNU', current_state: 11, total_paid_tax_incl: '66.530000' },
      { id: 3, reference: 'BUSALJCUT', current_state: 11, total_paid_tax_incl: '84.800000' },
      { id: 4, reference: 'PPDHKIUTY', current_state: 11, total_paid_tax_incl: '43.530000' },
      { id: 5, reference: 'FRCHEMHFB', current_state: 11, total_paid_tax_incl: '15.650000' },
      { id: 6, reference: 'AXRBJWIJG', current_state: 6, total_paid_tax_incl: '35.830000' },
    ]);
    const hist = (await json(s, 'order_histories?display=full&filter[id_order]=[6]')).body.order_histories;
    expect(hist.map((h: { id_order_state: number }) => h.id_order_state)).toEqual([11, 2, 7, 6]);
  });
});

describe('faults, latency, stats', () => {
  it('429 with Retry-After, 5xx, reset and timeout, then normal answers; requests are counted', async () => {
    const s = await sim({ seed: 'fixtures' });
    s.faults.add({ match: 'products', times: 1, kind: '429', retryAfter: 3 });
    const r429 = await fetch(`${s.apiUrl}/products`, { headers: basic(s.key) });
    expect(r429.status).toBe(429);
    expect(r429.headers.get('retry-after')).toBe('3');
    s.faults.add({ match: 'products', times: 1, kind: 'status5xx', status: 503 });
    expect((await fetch(`${s.apiUrl}/products`, { headers: basic(s.key) })).status).toBe(503);
    s.faults.add({ match: 'products', times: 1, kind: 'reset' });
    await expect(fetch(`${s.apiUrl}/products`, { headers: basic(s.key) })).rejects.toThrow();
    s.faults.add({ match: (m) => m === 'GET', times: 1, kind: 'timeout' });
    await expect(fetch(`${s.apiUrl}/products`, { headers: basic(s.key), signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect((await fetch(`${s.apiUrl}/products`, { headers: basic(s.key) })).status).toBe(200);
    await fetch(`${s.apiUrl}/products/3`, { method: 'PATCH', headers: basic(s.key), body: xml('product', '<id>3</id><price>5</price>') });
    expect(s.stats.requests).toBe(6);
    expect(s.stats.writeRequests).toBe(1);
    expect(s.stats.log.map((e) => e.fault ?? e.status)).toEqual(['429', 'status5xx', 'reset', 'timeout', 200, 200]);
  });

  it('latency delays every answer', async () => {
    const s = await sim({ latencyMs: 20 });
    const t0 = Date.now();
    await fetch(`${s.apiUrl}/languages`, { headers: basic(s.key) });
    expect(Date.now() - t0).toBeGreaterThanOrEqual(19);
  });
});
