/**
 * A tiny WP REST server model: routes with endpoints (methods, permission kind, args), PHP-style
 * query parsing, WordPress argument validation with its exact error bodies, pagination headers
 * and Link formatting, `_fields` filtering.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { isPlainObject, phpUrlencode, wpList } from './php.js';

export class RestError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
  toBody(): Record<string, unknown> {
    return { code: this.code, message: this.message, data: { status: this.status, ...this.extra } };
  }
}

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type PermKind = 'list' | 'read' | 'create' | 'edit' | 'delete' | 'batch' | 'public' | 'settings_edit';

export interface RestRequest {
  method: Method;
  /** Route after /wp-json, e.g. /wc/v3/products/406 */
  route: string;
  params: Record<string, string>;
  /** Query parameters parsed the PHP way (a[]=1 -> array). */
  query: Record<string, unknown>;
  /** Query parameters in order, decoded. */
  queryPairs: [string, string][];
  /** Parsed body: JSON object/array, form fields, or undefined. */
  body: unknown;
  rawBody: Buffer;
  headers: IncomingHttpHeaders;
  /** Set by create/update/delete handlers (WooCommerce answers writes in the 'edit' context). */
  context?: 'view' | 'edit';
  /** Batch sub-request: the batch route (some quirks depend on it). */
  batchOf?: string;
  /** The authenticated user id (1 = the key's user) or 0. */
  userId: number;
}

export interface RestResponse {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Skip JSON encoding: raw bytes with this content type. */
  raw?: { contentType: string; data: Buffer | string };
}

export type Handler = (req: RestRequest) => RestResponse | Promise<RestResponse>;

export interface ArgSpec {
  type?: SchemaType | SchemaType[];
  enum?: readonly (string | number)[];
  minimum?: number;
  maximum?: number;
  required?: boolean;
  items?: ArgSpec;
  properties?: Record<string, ArgSpec>;
  format?: 'email' | 'date-time' | 'uri';
}
export type SchemaType = 'string' | 'integer' | 'number' | 'boolean' | 'array' | 'object' | 'null';

export interface Endpoint {
  methods: Method[];
  perm: PermKind;
  handler: Handler;
  /** Validated params (query + body), WordPress style. */
  args?: Record<string, ArgSpec>;
}

export interface Route {
  template: string;
  regex: RegExp;
  endpoints: Endpoint[];
  /** Label used in stats, e.g. /wc/v3/products/{id} */
  label: string;
}

export const EDITABLE: Method[] = ['POST', 'PUT', 'PATCH'];

const PLACEHOLDERS: Record<string, string> = {
  id: '\\d+', product_id: '\\d+', attribute_id: '\\d+', order_id: '\\d+', zone_id: '\\d+', instance_id: '\\d+',
  group_id: '[\\w-]+', setting: '[\\w-]+', slug: '[\\w-]+', gateway: '[\\w-]+', code: '[\\w-]+', method: '[\\w-]+',
};

export function makeRoute(template: string, endpoints: Endpoint[]): Route {
  const src = template.replace(/[.*+?^${}()|[\]\\]/g, (c) => (c === '{' || c === '}' ? c : '\\' + c))
    .replace(/\{(\w+)\}/g, (_, name: string) => `(?<${name}>${PLACEHOLDERS[name] ?? '[^/]+'})`);
  return { template, regex: new RegExp(`^${src}/?$`), endpoints, label: template };
}

export function allowedMethods(route: Route): Method[] {
  const out: Method[] = [];
  for (const e of route.endpoints) for (const m of e.methods) if (!out.includes(m)) out.push(m);
  return out;
}

// ---- query parsing -------------------------------------------------------------------------------

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** Parses a query string like PHP ($_GET): repeated "a[]" make arrays, "a[k]" objects. */
export function parseQuery(qs: string): { pairs: [string, string][]; params: Record<string, unknown> } {
  const pairs: [string, string][] = [];
  const params: Record<string, unknown> = {};
  if (qs.startsWith('?')) qs = qs.slice(1);
  for (const part of qs.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const k = safeDecode(eq < 0 ? part : part.slice(0, eq));
    const v = safeDecode(eq < 0 ? '' : part.slice(eq + 1));
    pairs.push([k, v]);
    setPhpParam(params, k, v);
  }
  return { pairs, params };
}

export function setPhpParam(params: Record<string, unknown>, key: string, value: unknown): void {
  const m = /^([^[]+)((?:\[[^\]]*\])+)$/.exec(key);
  if (!m) {
    params[key] = value;
    return;
  }
  const base = m[1]!;
  const subs = [...m[2]!.matchAll(/\[([^\]]*)\]/g)].map((x) => x[1]!);
  let cur: Record<string, unknown> = params;
  let k = base;
  for (const sub of subs) {
    let next = cur[k];
    if (!isPlainObject(next) && !Array.isArray(next)) {
      next = sub === '' || /^\d+$/.test(sub) ? [] : {};
      cur[k] = next;
    }
    if (Array.isArray(next) && sub !== '' && !/^\d+$/.test(sub)) {
      const obj: Record<string, unknown> = { ...next };
      cur[k] = obj;
      next = obj;
    }
    const container = next as Record<string, unknown> & unknown[];
    if (sub === '') {
      if (Array.isArray(container)) {
        container.push(undefined);
        k = String(container.length - 1);
      } else {
        k = String(Object.keys(container).length);
      }
    } else {
      k = sub;
    }
    cur = container as Record<string, unknown>;
  }
  if (Array.isArray(cur)) (cur as unknown[])[Number(k)] = value;
  else cur[k] = value;
}

/** Parses an application/x-www-form-urlencoded body the PHP way. */
export function parseForm(body: string): Record<string, unknown> {
  return parseQuery(body).params;
}

/** Merged parameter lookup with WordPress precedence: URL > JSON/form body > query. */
export function param(req: RestRequest, name: string): unknown {
  if (name in req.params) return req.params[name];
  if (isPlainObject(req.body) && name in req.body) return req.body[name];
  if (name in req.query) return req.query[name];
  return undefined;
}

export function bodyObject(req: RestRequest): Record<string, unknown> {
  return isPlainObject(req.body) ? req.body : {};
}

// ---- value helpers -------------------------------------------------------------------------------

/** wp_parse_list: array, or comma/space separated string. */
export function toList(v: unknown): string[] {
  if (v === undefined || v === null || v === '') return [];
  if (Array.isArray(v)) return v.filter((x) => x !== undefined && x !== null).map(String);
  if (isPlainObject(v)) return Object.values(v).map(String);
  return String(v).split(/[\s,]+/).filter((x) => x !== '');
}
export function toIdList(v: unknown): number[] {
  return toList(v).map((x) => Number.parseInt(x, 10)).filter((n) => Number.isFinite(n) && n > 0);
}
export function toInt(v: unknown, def = 0): number {
  if (v === undefined || v === null || v === '') return def;
  const n = typeof v === 'number' ? Math.trunc(v) : Number.parseInt(String(v), 10);
  return Number.isFinite(n) ? n : def;
}
export function toBool(v: unknown): boolean {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'string') return ['true', '1', 'yes', 'on'].includes(v.toLowerCase());
  return false;
}
export function toStr(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

// ---- validation (rest_validate_value_from_schema) ------------------------------------------------

const EMAIL_RE = /^[a-zA-Z0-9!#$%&'*+/=?^_`{|}~.-]+@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)+$/;

function isNumeric(v: unknown): boolean {
  if (typeof v === 'number') return Number.isFinite(v);
  return typeof v === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(v);
}

function typeOk(t: SchemaType, v: unknown): boolean {
  switch (t) {
    case 'null': return v === null;
    case 'string': return typeof v === 'string';
    case 'integer': return isNumeric(v) && Number(v) === Math.round(Number(v));
    case 'number': return isNumeric(v);
    case 'boolean':
      if (typeof v === 'boolean') return true;
      if (typeof v === 'string') return ['true', 'false', '0', '1'].includes(v.toLowerCase());
      return v === 0 || v === 1;
    case 'array': return Array.isArray(v) || (typeof v === 'string' || typeof v === 'number') || (isPlainObject(v) && Object.keys(v).every((k) => /^\d+$/.test(k)));
    case 'object': return isPlainObject(v) || v === '' || (Array.isArray(v) && v.length === 0);
  }
}

export interface ParamError { code: string; message: string }

export function validateValue(v: unknown, spec: ArgSpec, name: string): ParamError | null {
  const types = spec.type === undefined ? [] : Array.isArray(spec.type) ? spec.type : [spec.type];
  if (types.length > 0) {
    const t = types.find((x) => typeOk(x, v));
    if (!t) return { code: 'rest_invalid_type', message: `${name} is not of type ${types.join(',')}.` };
    if (t === 'null') return null;
    if (t === 'array' && spec.items) {
      const list = Array.isArray(v) ? v : isPlainObject(v) ? Object.values(v) : toList(v);
      for (let i = 0; i < list.length; i++) {
        const e = validateValue(list[i], spec.items, `${name}[${i}]`);
        if (e) return e;
      }
    }
    if (t === 'object' && spec.properties && isPlainObject(v)) {
      for (const [k, sub] of Object.entries(spec.properties)) {
        if (k in v && v[k] !== undefined) {
          const e = validateValue(v[k], sub, `${name}[${k}]`);
          if (e) return e;
        }
      }
    }
    if ((t === 'integer' || t === 'number') && (spec.minimum !== undefined || spec.maximum !== undefined)) {
      const n = Number(v);
      if (spec.minimum !== undefined && spec.maximum !== undefined && (n < spec.minimum || n > spec.maximum)) {
        return { code: 'rest_out_of_bounds', message: `${name} must be between ${spec.minimum} (inclusive) and ${spec.maximum} (inclusive)` };
      }
      if (spec.minimum !== undefined && spec.maximum === undefined && n < spec.minimum) {
        return { code: 'rest_out_of_bounds', message: `${name} must be greater than or equal to ${spec.minimum}` };
      }
      if (spec.maximum !== undefined && spec.minimum === undefined && n > spec.maximum) {
        return { code: 'rest_out_of_bounds', message: `${name} must be less than or equal to ${spec.maximum}` };
      }
    }
    if (t === 'string' && spec.format === 'email' && v !== '' && !EMAIL_RE.test(String(v))) {
      return { code: 'rest_invalid_email', message: 'Invalid email address.' };
    }
    if (t === 'string' && spec.format === 'date-time' && v !== '' && !/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?/.test(String(v))) {
      return { code: 'rest_invalid_date', message: 'Invalid date.' };
    }
  }
  if (spec.enum) {
    const list = spec.type === 'array' || (Array.isArray(spec.type) && spec.type.includes('array')) ? toList(v) : [v];
    for (const x of list) {
      if (!spec.enum.some((e) => String(e) === String(x))) {
        return { code: 'rest_not_in_enum', message: `${name} is not one of ${wpList(spec.enum.map(String))}.` };
      }
    }
  }
  if (spec.items?.enum && Array.isArray(spec.type) === false && spec.type === 'array') {
    for (const x of toList(v)) {
      if (!spec.items.enum.some((e) => String(e) === x)) {
        return { code: 'rest_not_in_enum', message: `${name} is not one of ${wpList(spec.items.enum.map(String))}.` };
      }
    }
  }
  return null;
}

/** WP_REST_Request::has_valid_params(): missing required params first, then invalid ones. */
export function validateArgs(req: RestRequest, args: Record<string, ArgSpec>): void {
  const missing = Object.entries(args).filter(([k, s]) => s.required && param(req, k) === undefined).map(([k]) => k);
  if (missing.length > 0) {
    throw new RestError('rest_missing_callback_param', `Missing parameter(s): ${missing.join(', ')}`, 400, { params: missing });
  }
  const invalid: Record<string, ParamError> = {};
  for (const [k, spec] of Object.entries(args)) {
    const v = param(req, k);
    if (v === undefined) continue;
    const e = validateValue(v, spec, k);
    if (e) invalid[k] = e;
  }
  const names = Object.keys(invalid);
  if (names.length > 0) {
    const params: Record<string, string> = {};
    const details: Record<string, unknown> = {};
    for (const n of names) {
      params[n] = invalid[n]!.message;
      details[n] = { code: invalid[n]!.code, message: invalid[n]!.message, data: null };
    }
    throw new RestError('rest_invalid_param', `Invalid parameter(s): ${names.join(', ')}`, 400, { params, details });
  }
}

/** Date and parent filters of WooCommerce's post-based lists (WC_REST_Posts_Controller): products, orders, refunds. */
export const POST_LIST_ARGS: Record<string, ArgSpec> = {
  after: { type: 'string', format: 'date-time' },
  before: { type: 'string', format: 'date-time' },
  modified_after: { type: 'string', format: 'date-time' },
  modified_before: { type: 'string', format: 'date-time' },
  dates_are_gmt: { type: 'boolean' },
  parent: { type: 'array', items: { type: 'integer' } },
  parent_exclude: { type: 'array', items: { type: 'integer' } },
};

/** Collection args common to WooCommerce list endpoints. */
export function collectionArgs(extra: Record<string, ArgSpec> = {}, orderby?: readonly string[]): Record<string, ArgSpec> {
  return {
    context: { type: 'string', enum: ['view', 'edit'] },
    page: { type: 'integer', minimum: 1 },
    per_page: { type: 'integer', minimum: 1, maximum: 100 },
    offset: { type: 'integer' },
    order: { type: 'string', enum: ['asc', 'desc'] },
    ...(orderby ? { orderby: { type: 'string', enum: orderby } } : {}),
    include: { type: 'array', items: { type: 'integer' } },
    exclude: { type: 'array', items: { type: 'integer' } },
    search: { type: 'string' },
    ...extra,
  };
}

// ---- pagination ----------------------------------------------------------------------------------

export interface Page<T> {
  items: T[];
  total: number;
  totalPages: number;
  page: number;
  perPage: number;
}

export function paginate<T>(req: RestRequest, all: T[], defaultPerPage = 10): Page<T> {
  const perPage = toInt(param(req, 'per_page'), defaultPerPage);
  const page = Math.max(1, toInt(param(req, 'page'), 1));
  const offsetRaw = param(req, 'offset');
  const start = offsetRaw !== undefined && offsetRaw !== '' ? Math.max(0, toInt(offsetRaw)) : (page - 1) * perPage;
  const total = all.length;
  const totalPages = perPage > 0 ? Math.ceil(total / perPage) : 1;
  return { items: all.slice(start, start + perPage), total, totalPages, page, perPage };
}

/**
 * The query of a Link: WooCommerce builds it with add_query_arg(params, url) then
 * add_query_arg('page', n, base), and the second call urlencode_deep()s every value
 * (": " -> "%3A", " " -> "+", "," -> "%2C"; brackets of array keys as %5B %5D).
 */
function buildQueryEncoded(pairs: [string, string][]): string {
  return pairs.map(([k, v]) => `${phpUrlencode(k)}=${phpUrlencode(v)}`).join('&');
}
function withPage(pairs: [string, string][], page: number): [string, string][] {
  const out = pairs.map((p): [string, string] => [p[0], p[1]]);
  const i = out.findIndex(([k]) => k === 'page');
  if (i >= 0) out[i] = ['page', String(page)];
  else out.push(['page', String(page)]);
  return out;
}

/**
 * Pagination headers. Link carries only rel="prev"/"next" (README observation 4). `style`:
 * 'raw' = WC CRUD controllers (the request's query params, in order), 'orders' = the HPOS orders
 * controller (normalised params: status as status[0], dp and context added).
 */
export function pageHeaders(base: string, req: RestRequest, p: Page<unknown>, style: 'raw' | 'orders' = 'raw'): Record<string, string> {
  const headers: Record<string, string> = { 'X-WP-Total': String(p.total), 'X-WP-TotalPages': String(p.totalPages) };
  let pairs = req.queryPairs.map((x): [string, string] => [x[0], x[1]]);
  if (style === 'orders') {
    const statuses = toList(req.query.status);
    pairs = pairs.filter(([k]) => k !== 'status' && !k.startsWith('status['));
    statuses.forEach((s, i) => pairs.push([`status[${i}]`, s]));
    if (!pairs.some(([k]) => k === 'dp')) pairs.push(['dp', '2']);
    if (!pairs.some(([k]) => k === 'context')) pairs.push(['context', 'view']);
  }
  const build = buildQueryEncoded;
  const links: string[] = [];
  if (p.page > 1) {
    const prev = Math.min(p.page - 1, p.totalPages);
    links.push(`<${base}?${build(withPage(pairs, prev))}>; rel="prev"`);
  }
  if (p.totalPages > p.page) {
    links.push(`<${base}?${build(withPage(pairs, p.page + 1))}>; rel="next"`);
  }
  if (links.length > 0) headers.Link = links.join(', ');
  return headers;
}

// ---- _fields -------------------------------------------------------------------------------------

/**
 * `_fields` filtering (top-level and dotted nested keys). Keys keep the object's order, except
 * with `requestOrder` (the products controller builds only the asked fields, in the asked order).
 */
export function filterFields(data: unknown, fieldsParam: unknown, requestOrder = false): unknown {
  const fields = toList(fieldsParam);
  if (fields.length === 0) return data;
  const apply = (obj: unknown): unknown => {
    if (!isPlainObject(obj)) return obj;
    const out: Record<string, unknown> = {};
    const keys = requestOrder ? [...fields.map((f) => f.split('.')[0]!).filter((k, i, a) => a.indexOf(k) === i && k in obj), ...Object.keys(obj).filter((k) => !fields.some((f) => f.split('.')[0] === k))] : Object.keys(obj);
    for (const k of keys) {
      const v = obj[k];
      if (fields.includes(k)) {
        out[k] = v;
        continue;
      }
      const nested = fields.filter((f) => f.startsWith(k + '.')).map((f) => f.slice(k.length + 1));
      if (nested.length > 0 && isPlainObject(v)) {
        const sub: Record<string, unknown> = {};
        for (const [nk, nv] of Object.entries(v)) if (nested.includes(nk)) sub[nk] = nv;
        out[k] = sub;
      }
    }
    return out;
  };
  return Array.isArray(data) ? data.map(apply) : apply(data);
}

export function ok(body: unknown, status = 200, headers: Record<string, string> = {}): RestResponse {
  return { status, body, headers };
}

/** Sort helper: ascending/descending with a tie-breaker. */
export function sortBy<T>(items: T[], key: (x: T) => string | number, dir: 'asc' | 'desc', tie?: (a: T, b: T) => number): T[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    let c = 0;
    if (typeof ka === 'number' && typeof kb === 'number') c = ka - kb;
    else c = String(ka).localeCompare(String(kb), 'en', { sensitivity: 'base' });
    if (c !== 0) return c * sign;
    return tie ? tie(a, b) : 0;
  });
}
