/**
 * PsWebservice on the shared HttpClient (docs/shop-apis.md section 2): JSON reads
 * (`output_format=JSON`), XML writes built with fast-xml-parser (every value in CDATA, multilang
 * fields as `<language id="N">`, associations as `<plural><singular>…</singular></plural>`),
 * `limit=offset,count` paging through the shared cursor paginator, `id_shop` in a multistore,
 * and a bounded number of requests in flight for all the adapter's parts (one p-queue here).
 */
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { PasserelleError } from '../../errors.js';
import { msg } from '../../i18n/catalogue.js';
import type { HttpClient, HttpRequest, HttpResponse, QueryInput } from '../../http/http-client.js';
import { pagesByCursor } from '../../http/paginate.js';
import type { PsFile, PsListQuery, PsRecord, PsWebservice } from './webservice.js';

/** Default page size of `pages()`; PrestaShop has no maximum but PHP timeouts bite on big `display=full`. */
export const PS_PAGE = 100;

export interface PsWsClientOptions {
  /** On `${url}/api/`, with the key's auth (src/shops/prestashop/auth.ts). */
  http: HttpClient;
  /** Multistore: every request carries id_shop=N. */
  shopId?: number | string | null;
}

/** A multilang value in a record to write: one entry per shop language. */
export interface PsLangValue {
  id: string | number;
  value: string;
}

/** The element name of one association entry (schema=blank of products: accessories and product_bundle hold `<product>`). */
const ASSOCIATION_ITEM: Record<string, string> = {
  accessories: 'product',
  product_bundle: 'product',
  categories: 'category',
  addresses: 'address',
  taxes: 'tax',
};

export function associationItemName(plural: string): string {
  const known = ASSOCIATION_ITEM[plural];
  if (known) return known;
  if (plural.endsWith('ies')) return `${plural.slice(0, -3)}y`;
  if (plural.endsWith('s')) return plural.slice(0, -1);
  return plural;
}

/** The singular resource name the webservice wraps one record in (`products` -> `product`). */
export function recordName(resource: string): string {
  const special: Record<string, string> = {
    addresses: 'address',
    taxes: 'tax',
    categories: 'category',
    countries: 'country',
    currencies: 'currency',
    order_histories: 'order_history',
    order_slip: 'order_slip',
    product_options: 'product_option',
    product_option_values: 'product_option_value',
    product_feature_values: 'product_feature_value',
    tax_rule_groups: 'tax_rule_group',
    stock_availables: 'stock_available',
    specific_prices: 'specific_price',
  };
  return special[resource] ?? associationItemName(resource);
}

function isLangList(v: unknown): v is PsLangValue[] {
  return Array.isArray(v) && v.length > 0 && v.every((e) => e !== null && typeof e === 'object' && 'id' in e && 'value' in e && Object.keys(e).length === 2);
}

function scalar(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v);
}

/** The record as fast-xml-parser builder nodes: CDATA values, languages with their id attribute. */
function toNodes(record: PsRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (v === undefined) continue;
    if (k === 'associations' && v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const assoc: Record<string, unknown> = {};
      for (const [plural, items] of Object.entries(v as Record<string, unknown>)) {
        const list = Array.isArray(items) ? items : [];
        // An empty association is sent as an empty element: PUT then clears it, as asked.
        assoc[plural] = list.length === 0 ? '' : { [associationItemName(plural)]: list.map((e) => toNodes(e as PsRecord)) };
      }
      out.associations = assoc;
    } else if (isLangList(v)) {
      out[k] = { language: v.map((l) => ({ '@_id': String(l.id), __cdata: scalar(l.value) })) };
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      out[k] = toNodes(v as PsRecord);
    } else {
      out[k] = { __cdata: scalar(v) };
    }
  }
  return out;
}

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  cdataPropName: '__cdata',
  suppressEmptyNode: false,
  format: false,
});

/** `<prestashop><product>…</product></prestashop>` for a POST, PUT or PATCH. */
export function psXml(resource: string, record: PsRecord): string {
  const doc = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    prestashop: { '@_xmlns:xlink': 'http://www.w3.org/1999/xlink', [recordName(resource)]: toNodes(record) },
  };
  return builder.build(doc) as string;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  cdataPropName: '__cdata',
  parseTagValue: false,
  trimValues: true,
  isArray: (_name, jpath) => /\.associations\.[^.]+\.[^.]+$/.test(String(jpath)) || String(jpath).endsWith('.language'),
});

function fromNode(node: unknown): unknown {
  if (node === null || node === undefined) return '';
  if (typeof node !== 'object') return String(node);
  const n = node as Record<string, unknown>;
  if (Array.isArray(n.language)) {
    return (n.language as Record<string, unknown>[]).map((l) => ({ id: String(l['@_id'] ?? ''), value: String(fromNode(l)) }));
  }
  // A value holding "]]>" is split into several CDATA sections by the builder: join them back.
  if ('__cdata' in n) return Array.isArray(n.__cdata) ? n.__cdata.map(String).join('') : String(n.__cdata ?? '');
  if ('#text' in n && Object.keys(n).every((k) => k === '#text' || k.startsWith('@_'))) return String(n['#text']);
  const keys = Object.keys(n).filter((k) => !k.startsWith('@_'));
  if (keys.length === 0) return '';
  const out: PsRecord = {};
  for (const k of keys) out[k] = fromNode(n[k]);
  return out;
}

/** One record out of a webservice XML answer (a simulator or a shop that ignores output_format on writes). */
export function parsePsXml(text: string): PsRecord | null {
  const doc = parser.parse(text) as Record<string, unknown>;
  const root = doc.prestashop as Record<string, unknown> | undefined;
  if (!root || typeof root !== 'object') return null;
  const name = Object.keys(root).find((k) => !k.startsWith('@_'));
  if (!name) return null;
  const raw = root[name] as Record<string, unknown>;
  const rec = fromNode(raw) as PsRecord;
  const assoc = raw && typeof raw === 'object' ? raw.associations as Record<string, unknown> | undefined : undefined;
  if (assoc && typeof assoc === 'object') {
    const out: Record<string, PsRecord[]> = {};
    for (const [plural, holder] of Object.entries(assoc)) {
      if (plural.startsWith('@_')) continue;
      const items = holder && typeof holder === 'object'
        ? Object.entries(holder as Record<string, unknown>).filter(([k]) => !k.startsWith('@_')).flatMap(([, v]) => (Array.isArray(v) ? v : [v]))
        : [];
      out[plural] = items.map((e) => fromNode(e) as PsRecord);
    }
    rec.associations = out;
  }
  return rec;
}

/** The query of a list request, without paging. */
function listQuery(q: PsListQuery | undefined): QueryInput {
  const out: QueryInput = {};
  const display = q?.display ?? 'full';
  out.display = display === 'full' ? 'full' : `[${display.join(',')}]`;
  for (const [field, value] of Object.entries(q?.filter ?? {})) out[`filter[${field}]`] = value;
  if (q?.sort) out.sort = q.sort;
  if (q?.date) out.date = '1';
  return out;
}

/** The records of a list answer: `{"products":[…]}`, or `[]` when nothing matched. */
function listItems(resource: string, res: HttpResponse<unknown>): PsRecord[] {
  const data = res.data;
  if (data === null || data === '' || (Array.isArray(data) && data.length === 0)) return [];
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const rec = data as Record<string, unknown>;
    const list = rec[resource] ?? Object.values(rec)[0];
    if (Array.isArray(list)) return list as PsRecord[];
    if (list && typeof list === 'object') return [list as PsRecord];
  }
  throw new PasserelleError(msg('ps.ws.unexpectedAnswer', { resource }), 'shop');
}

/** The record of a single answer: `{"product":{…}}` in JSON, or the XML document. */
function oneRecord(resource: string, res: HttpResponse<unknown>): PsRecord {
  const data = res.data;
  if (typeof data === 'string' && data.includes('<prestashop')) {
    const rec = parsePsXml(data);
    if (rec) return rec;
  }
  if (data && typeof data === 'object' && !Array.isArray(data)) {
    const rec = data as Record<string, unknown>;
    const inner = rec[recordName(resource)] ?? Object.values(rec)[0];
    if (inner && typeof inner === 'object' && !Array.isArray(inner)) return inner as PsRecord;
  }
  throw new PasserelleError(msg('ps.ws.unexpectedAnswer', { resource }), 'shop');
}

/** A multipart/form-data body: the text fields, then the file. */
function multipart(field: string, file: PsFile, fields: Record<string, string>): { body: Buffer; type: string } {
  const boundary = `----passerelle${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
  const quote = (s: string) => s.replace(/["\r\n]/g, '_');
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(k)}"\r\n\r\n${v}\r\n`, 'utf8'));
  }
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${quote(field)}"; filename="${quote(file.fileName)}"\r\nContent-Type: ${file.contentType}\r\n\r\n`, 'utf8'));
  parts.push(file.data, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8'));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${boundary}` };
}

/**
 * The requests in flight are bounded by the HttpClient (its `concurrency`, the profile's
 * shop.prestashop.concurrency), which every part of the adapter shares.
 */
export class PsWsClient implements PsWebservice {
  private readonly baseQuery: Record<string, string>;

  constructor(private readonly o: PsWsClientOptions) {
    this.baseQuery = { output_format: 'JSON' };
    if (o.shopId !== undefined && o.shopId !== null && String(o.shopId) !== '') this.baseQuery.id_shop = String(o.shopId);
  }

  get http(): HttpClient {
    return this.o.http;
  }

  /** Every request of the adapter goes through here: JSON output, id_shop. */
  send<T = unknown>(req: HttpRequest): Promise<HttpResponse<T>> {
    return this.o.http.request<T>({ ...req, query: { ...this.baseQuery, ...req.query } });
  }

  async list(resource: string, q?: PsListQuery): Promise<PsRecord[]> {
    const query = listQuery(q);
    if (q?.limit !== undefined) query.limit = String(q.limit);
    const res = await this.send({ method: 'GET', path: resource, query, entity: resource });
    return listItems(resource, res);
  }

  pages(resource: string, q?: PsListQuery): AsyncIterable<PsRecord[]> {
    const count = Math.max(1, q?.limit ?? PS_PAGE);
    const base = listQuery(q);
    let offset = 0;
    // No count header: the offset is the cursor and a short page is the last one.
    return pagesByCursor<PsRecord, number>(this.o.http, {
      first: 0,
      request: (cursor) => {
        offset = cursor ?? 0;
        return { method: 'GET', path: resource, query: { ...this.baseQuery, ...base, limit: `${offset},${count}` }, entity: resource };
      },
      items: (res) => listItems(resource, res),
      next: (_res, items) => (items.length < count ? undefined : offset + count),
      entity: resource,
    });
  }

  async get(resource: string, id: string | number): Promise<PsRecord | null> {
    const res = await this.send({ method: 'GET', path: `${resource}/${encodeURIComponent(String(id))}`, allowStatus: [404], entity: `${resource} ${id}` });
    if (res.status === 404 || res.data === null || res.data === '') return null;
    return oneRecord(resource, res);
  }

  async create(resource: string, record: PsRecord, query?: Record<string, string>): Promise<PsRecord> {
    const { id: _ignored, ...rest } = record;
    const res = await this.send({
      method: 'POST', path: resource, body: psXml(resource, rest), headers: { 'content-type': 'text/xml; charset=utf-8' }, entity: resource,
      ...(query ? { query } : {}),
    });
    return oneRecord(resource, res);
  }

  async replace(resource: string, id: string | number, record: PsRecord): Promise<PsRecord> {
    const res = await this.send({
      method: 'PUT', path: `${resource}/${encodeURIComponent(String(id))}`,
      body: psXml(resource, { ...record, id: String(id) }), headers: { 'content-type': 'text/xml; charset=utf-8' }, entity: `${resource} ${id}`,
    });
    return oneRecord(resource, res);
  }

  async patch(resource: string, id: string | number, fields: PsRecord): Promise<PsRecord> {
    const res = await this.send({
      method: 'PATCH', path: `${resource}/${encodeURIComponent(String(id))}`,
      body: psXml(resource, { id: String(id), ...fields }), headers: { 'content-type': 'text/xml; charset=utf-8' }, entity: `${resource} ${id}`,
    });
    return oneRecord(resource, res);
  }

  async delete(resource: string, id: string | number): Promise<void> {
    await this.send({ method: 'DELETE', path: `${resource}/${encodeURIComponent(String(id))}`, entity: `${resource} ${id}` });
  }

  async upload(path: string, field: string, file: PsFile, fields: Record<string, string> = {}): Promise<PsRecord | null> {
    const { body, type } = multipart(field, file, fields);
    const res = await this.send({ method: 'POST', path, body, headers: { 'content-type': type }, entity: `${path} ${file.fileName}` });
    if (res.data === null || res.data === '') return null;
    return oneRecord(path.split('/')[0] ?? path, res);
  }

  async resources(): Promise<Map<string, Set<string>>> {
    // The index in JSON is a 500 with an empty body (fixture 681): XML here.
    const query: QueryInput = this.baseQuery.id_shop ? { id_shop: this.baseQuery.id_shop } : {};
    const res = await this.o.http.request<unknown>({ method: 'GET', path: '', query, responseType: 'text', entity: 'api' });
    const doc = parser.parse(String(res.data ?? '')) as { prestashop?: { api?: Record<string, unknown> } };
    const out = new Map<string, Set<string>>();
    for (const [name, node] of Object.entries(doc.prestashop?.api ?? {})) {
      if (name.startsWith('@_') || !node || typeof node !== 'object') continue;
      const attrs = node as Record<string, unknown>;
      const methods = new Set(['get', 'put', 'post', 'patch', 'delete', 'head'].filter((m) => attrs[`@_${m}`] === 'true').map((m) => m.toUpperCase()));
      out.set(name, methods);
    }
    return out;
  }

  stats(): { requests: number; writeRequests: number } {
    const s = this.o.http.stats;
    return { requests: s.requests, writeRequests: s.writeRequests };
  }
}
