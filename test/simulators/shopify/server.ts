/**
 * Shopify Admin GraphQL API (2026-10) simulator — test-only, never imported by src/.
 *
 * Serves POST /admin/api/2026-10/graphql.json from Shopify's published schema: documents are
 * parsed and validated against it (refused as Shopify refuses them), their query cost is
 * computed and charged to a leaky bucket (Standard plan: 2,000 points, 100 points/s, on an
 * injectable clock), THROTTLED is answered when the bucket is short, `extensions.cost` is
 * returned, and the document runs on resolvers over an in-memory shop. Also: the client
 * credentials grant (POST /admin/oauth/access_token), staged uploads, bulk operation result
 * files, signed webhooks, fault injection (5xx, connection reset, hang, 429, THROTTLED) and a
 * place-an-order helper. See README.md in this folder.
 */
import crypto from 'node:crypto';
import { once } from 'node:events';
import http from 'node:http';
import { buffer } from 'node:stream/consumers';
import type { AddressInfo, Socket } from 'node:net';
import {
  executeSync, GraphQLError, Kind, parse, validate, visit, type ASTNode, type DocumentNode, type ExecutionResult,
  type GraphQLFieldResolver, type OperationDefinitionNode,
} from 'graphql';
import { SHOPIFY_API_VERSION, shopifySchema } from '../../support/shopify-schema.js';
import { CostBucket, type Clock, type ThrottleStatus } from './bucket.js';
import { bulkMutations, bulkQueries, completeBulk, type BulkRunner } from './bulk.js';
import { catalogMutations, catalogQueries } from './catalog.js';
import type { Ctx, SimHooks } from './context.js';
import { findOperation, MAX_QUERY_COST, queryCost } from './cost.js';
import { FaultQueue, type FaultHandle as FaultHandle_ } from './faults.js';
import { customerMutations, customerQueries } from './customers.js';
import { gid, gidType } from './ids.js';
import { IDEMPOTENT_MUTATIONS, inventoryMutations, inventoryQueries, type IdempotencyRecord } from './inventory.js';
import { orderMutations, orderQueries, placeOrder, refundOrder, type PlaceOrderInput } from './orders.js';
import { priceListMutations, priceListQueries } from './price-lists.js';
import { appInstallationView, nodeById, shopView } from './shop.js';
import { ShopifyState, type LocationRec, type OrderRec, type ShopSettings } from './state.js';
import { receivePostUpload, receivePutUpload, uploadMutations } from './uploads.js';
import { orderPayload, WebhookDispatcher, webhookMutations, webhookQueries, type DeliveryFaultSpec } from './webhooks.js';

export { ShopifyState } from './state.js';
export type { PlaceOrderInput, PlaceOrderLine } from './orders.js';

export const DEFAULT_ADMIN_TOKEN = 'shpat_simulator00000000000000000000';
export const DEFAULT_CLIENT_ID = 'simulator0client0id0000000000000';
export const DEFAULT_CLIENT_SECRET = 'shpss_simulator0client0secret0000000';
export const DEFAULT_SHOP_DOMAIN = 'passerelle-sim.myshopify.com';
/** What a Dev Dashboard app for the connector is granted (read_all_orders must be asked for explicitly). */
export const DEFAULT_SCOPES = [
  'read_products', 'write_products', 'read_inventory', 'write_inventory', 'read_locations', 'read_customers', 'write_customers',
  'read_orders', 'write_orders', 'read_merchant_managed_fulfillment_orders', 'write_merchant_managed_fulfillment_orders', 'read_files', 'write_files',
];
/** Token lifetime of the client credentials grant (Shopify answers expires_in 86399). */
export const TOKEN_TTL_SECONDS = 86_399;

/** Leaky bucket per plan (shopify.dev rate limits: restore rate; bucket observed at 20 × the rate). */
export const PLANS = {
  standard: { maximumAvailable: 2_000, restoreRate: 100, displayName: 'Basic' },
  advanced: { maximumAvailable: 4_000, restoreRate: 200, displayName: 'Advanced' },
  plus: { maximumAvailable: 20_000, restoreRate: 1_000, displayName: 'Shopify Plus' },
  enterprise: { maximumAvailable: 40_000, restoreRate: 2_000, displayName: 'Enterprise' },
} as const;

export type FaultKind = 'status5xx' | 'reset' | 'timeout' | '429' | 'throttled';

export interface FaultSpec {
  /**
   * Which requests: a predicate on (method, path, root fields of the GraphQL operation), a path
   * prefix ("/admin/oauth/access_token"), or a root field name ("inventorySetQuantities").
   * Default: every request.
   */
  match?: ((method: string, path: string, fields: readonly string[]) => boolean) | string;
  times: number;
  kind: FaultKind;
  /** Retry-After (429, and 5xx when given). Default 2 for 429. */
  retryAfterSeconds?: number;
  /** Status for 'status5xx' (default 500). */
  status?: number;
}

export type FaultHandle = FaultHandle_<FaultSpec>;

export interface ShopifySimulatorOptions {
  /** 0 (default) = random free port. */
  port?: number;
  host?: '127.0.0.1';
  shopDomain?: string;
  shop?: Partial<Omit<ShopSettings, 'myshopifyDomain'>>;
  /** Static Admin API token of a custom app (accepted as X-Shopify-Access-Token). */
  adminToken?: string;
  clientId?: string;
  clientSecret?: string;
  /** Key of X-Shopify-Hmac-Sha256 (default: the client secret, as for Dev Dashboard apps). */
  webhookSecret?: string;
  /** Access scopes granted to the app (default DEFAULT_SCOPES, without read_all_orders). */
  scopes?: string[];
  tokenTtlSeconds?: number;
  /** Rate limit plan (default standard: 2,000 points, 100 points/s). */
  plan?: keyof typeof PLANS;
  /** The shop has B2B (catalogues whose price lists take fixed prices); default false. */
  b2b?: boolean;
  /** Start of the shop clock (default: real time). The clock only moves with setClock/advance once set. */
  now?: Date | string | number;
  latencyMs?: number;
  /** Locations (default one: "Entrepôt Lyon"). */
  locations?: { name: string; city?: string; zip?: string; address1?: string; countryCode?: string; isActive?: boolean }[];
  /** Polls a bulk operation stays RUNNING (default 1). */
  bulkRunningPolls?: number;
  /** Deliver webhooks (default true). */
  webhooks?: boolean;
  /** API versions served besides 2026-10 (older ones fall forward to the oldest supported). */
  supportedVersions?: string[];
  /** Size of stats.log (default 500). */
  logSize?: number;
}

export interface ShopifyRequestLog { method: string; path: string; status: number; fields: string[]; cost: number | null; throttled: boolean; ms: number; fault?: FaultKind }

export interface ShopifyStats {
  requests: number;
  graphqlRequests: number;
  /** Calls per root field ("inventorySetQuantities": 3); a throttled call is not counted. */
  byField: Record<string, number>;
  throttled: number;
  /** Sum of actual query costs charged. */
  costCharged: number;
  log: ShopifyRequestLog[];
}

export interface GraphQLBody { data?: unknown; errors?: unknown[]; extensions?: Record<string, unknown> }

export interface ShopifySimulator {
  /** Base URL (http://127.0.0.1:PORT): stands for https://{shop}.myshopify.com. */
  readonly url: string;
  /** `${url}/admin/api/2026-10/graphql.json` */
  readonly graphqlUrl: string;
  readonly apiVersion: string;
  readonly shopDomain: string;
  readonly adminToken: string;
  readonly clientId: string;
  readonly clientSecret: string;
  readonly webhookSecret: string;
  readonly state: ShopifyState;
  readonly stats: ShopifyStats;
  resetStats(): void;
  /** Granted scopes (mutable: tests remove one to see ACCESS_DENIED). */
  readonly scopes: Set<string>;
  /** Shop clock: a fixed instant (tests) or null for real time. */
  setClock(date: Date | string | number | null): void;
  /** Moves the shop clock forward (the bucket refills, tokens age). */
  advance(ms: number): void;
  now(): Date;
  readonly bucket: { status(): ThrottleStatus; drain(to?: number): void };
  readonly faults: { add(spec: FaultSpec): FaultHandle; clear(): void; list(): FaultHandle[] };
  readonly webhookFaults: WebhookDispatcher['faults'];
  setLatency(ms: number): void;
  /** A customer orders: a consistent order with exact totals; fires orders/create. */
  placeOrder(input: PlaceOrderInput): { id: string; name: string; order: OrderRec };
  /** Refunds quantities of an order's lines (by SKU); fires orders/updated. */
  refundOrder(orderGid: string, lines: { sku: string; quantity: number }[], note?: string): void;
  /** Waits for background webhook deliveries. */
  flushWebhooks(): Promise<void>;
  /** Redelivers failed webhook deliveries (same ids); returns how many. */
  retryFailedWebhooks(): number;
  /** Waits for every pending bulk operation and completes it (without the polls). */
  completeBulkOperations(): Promise<void>;
  /**
   * The next bulk operation created (the next whose document holds `mutation`, when given) will fail
   * with this error code; a mutation after applying its first `afterLines` lines, when given.
   */
  failNextBulkOperation(code: 'ACCESS_DENIED' | 'INTERNAL_SERVER_ERROR' | 'TIMEOUT', at?: { mutation?: string; afterLines?: number }): void;
  /** Runs a document as the app (no HTTP, no cost, no faults): for seeding and assertions. */
  graphql(query: string, variables?: Record<string, unknown>): GraphQLBody;
  /** A fresh access token, as the client credentials grant would give. */
  issueToken(): string;
  /** Invalidates every issued token (the static admin token stays). */
  revokeTokens(): void;
  close(): Promise<void>;
}

const JSON_CT = 'application/json; charset=utf-8';
const VERSION_RE = /^(\d{4})-(01|04|07|10)$/;
const INVALID_TOKEN = '[API] Invalid API key or access token (unrecognized login or wrong password)';

/** graphql-js validation messages → the codes Shopify's server (graphql-ruby) puts in extensions. */
function validationCode(message: string): string {
  if (/^Cannot query field/.test(message)) return 'undefinedField';
  if (/^Unknown argument/.test(message)) return 'argumentNotAccepted';
  if (/argument .* is required, but it was not provided/.test(message)) return 'missingRequiredArguments';
  if (/^Unknown type/.test(message)) return 'undefinedType';
  if (/must have a selection of subfields|must not have a selection/.test(message)) return 'selectionMismatch';
  if (/^Variable .* used in position expecting/.test(message)) return 'variableMismatch';
  if (/^Variable .* is never used/.test(message)) return 'variableNotUsed';
  if (/^Variable .* is not defined/.test(message)) return 'undefinedVariable';
  if (/^Unknown directive/.test(message)) return 'undefinedDirective';
  if (/^Fragment .* is never used/.test(message)) return 'useAndDefineFragment';
  if (/cannot represent|Expected value of type|Expected type/.test(message)) return 'argumentLiteralsIncompatible';
  return 'GRAPHQL_VALIDATION_FAILED';
}

/** The path graphql-ruby gives a static error: ["query Name", "products", "nodes", "foo"]. */
function staticPath(document: DocumentNode, target: ASTNode | undefined): string[] | undefined {
  if (!target) return undefined;
  let found: string[] | undefined;
  visit(document, {
    enter(node, _key, _parent, _path, ancestors) {
      if (found || node !== target) return undefined;
      const chain = [...(ancestors as unknown[]).filter((a): a is ASTNode => !!a && typeof a === 'object' && 'kind' in a), node];
      const out: string[] = [];
      for (const a of chain) {
        if (a.kind === Kind.OPERATION_DEFINITION) out.push(a.name ? `${a.operation} ${a.name.value}` : a.operation);
        else if (a.kind === Kind.FRAGMENT_DEFINITION) out.push(`fragment ${a.name.value}`);
        else if (a.kind === Kind.FIELD) out.push(a.name.value);
        else if (a.kind === Kind.ARGUMENT) out.push(a.name.value);
      }
      found = out;
      return false;
    },
  });
  return found;
}

function formatError(e: GraphQLError, code?: string, path?: readonly (string | number)[]): Record<string, unknown> {
  const ext = { ...(e.extensions ?? {}) } as Record<string, unknown>;
  if (code && !ext.code) ext.code = code;
  return {
    message: e.message,
    ...(e.locations ? { locations: e.locations } : {}),
    ...(path ?? e.path ? { path: path ?? e.path } : {}),
    ...(Object.keys(ext).length ? { extensions: ext } : {}),
  };
}

export async function startShopifySimulator(opts: ShopifySimulatorOptions = {}): Promise<ShopifySimulator> {
  const schema = shopifySchema();
  const host = opts.host ?? '127.0.0.1';
  const shopDomain = opts.shopDomain ?? DEFAULT_SHOP_DOMAIN;
  const adminToken = opts.adminToken ?? DEFAULT_ADMIN_TOKEN;
  const clientId = opts.clientId ?? DEFAULT_CLIENT_ID;
  const clientSecret = opts.clientSecret ?? DEFAULT_CLIENT_SECRET;
  const webhookSecret = opts.webhookSecret ?? clientSecret;
  const scopes = new Set(opts.scopes ?? DEFAULT_SCOPES);
  const tokenTtl = (opts.tokenTtlSeconds ?? TOKEN_TTL_SECONDS) * 1000;
  const plan = PLANS[opts.plan ?? 'standard'];
  const supported = new Set([SHOPIFY_API_VERSION, ...(opts.supportedVersions ?? ['2026-01', '2026-04', '2026-07'])]);
  const oldestSupported = [...supported].sort()[0]!;
  let latencyMs = opts.latencyMs ?? 0;
  const logSize = opts.logSize ?? 500;

  // ---- clock ----
  let fixed: number | null = opts.now === undefined ? null : new Date(opts.now).getTime();
  const clock: Clock = { now: () => fixed ?? Date.now() };

  const state = new ShopifyState({
    name: 'La Chocolaterie (simulateur Shopify)', email: 'boutique@example.fr', currencyCode: 'EUR', taxesIncluded: true, taxShipping: true,
    ianaTimezone: 'Europe/Paris', weightUnit: 'KILOGRAMS', countryCode: 'FR', ...opts.shop, myshopifyDomain: shopDomain,
  }, clock);
  state.b2b = opts.b2b ?? false;
  const now = state.now();
  for (const l of opts.locations ?? [{ name: 'Entrepôt Lyon' }]) {
    const rec: LocationRec = {
      id: state.id(), name: l.name, isActive: l.isActive ?? true, fulfillsOnlineOrders: true, createdAt: now, updatedAt: now,
      address: { address1: l.address1 ?? '1 place Bellecour', city: l.city ?? 'Lyon', zip: l.zip ?? '69002', countryCode: l.countryCode ?? 'FR' },
    };
    state.locations.set(rec.id, rec);
  }

  const bucket = new CostBucket(plan.maximumAvailable, plan.restoreRate, clock);
  const tokens = new Map<string, number>();
  const idempotency = new Map<string, IdempotencyRecord>();

  // ---- server ----
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader('Content-Type', JSON_CT);
        res.end(JSON.stringify({ errors: [{ message: 'Internal error', extensions: { code: 'INTERNAL_SERVER_ERROR', detail: String(e instanceof Error ? e.stack ?? e.message : e) } }] }));
      } else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  server.listen(opts.port ?? 0, host);
  await once(server, 'listening');
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;

  const dispatcher = new WebhookDispatcher(state, () => webhookSecret, SHOPIFY_API_VERSION, (topic, r) => {
    if (r.kind === 'order') { const o = state.orders.get(r.id); return o ? orderPayload(state, o) : undefined; }
    if (r.kind === 'bulk_operation') {
      const op = state.bulkOperations.get(r.id);
      return op ? { admin_graphql_api_id: gid('BulkOperation', op.id), completed_at: op.completedAt?.toISOString() ?? null, created_at: op.createdAt.toISOString(), error_code: op.errorCode?.toLowerCase() ?? null, status: op.status.toLowerCase(), type: op.type.toLowerCase() } : undefined;
    }
    return { id: r.id, admin_graphql_api_id: gid(r.kind === 'product' ? 'Product' : 'Customer', r.id), topic };
  });
  dispatcher.enabled = opts.webhooks ?? true;
  const hooks: SimHooks = { event: (topic, r) => dispatcher.event(topic, r), url, apiVersion: SHOPIFY_API_VERSION };

  const runner: BulkRunner = {
    execute: (document, variables, bulk) => run(document, variables, undefined, { ...baseCtx(), bulk }),
    runningPolls: () => opts.bulkRunningPolls ?? 1,
  };

  function baseCtx(): Ctx {
    return { state, scopes, hooks, bulk: false };
  }

  /** The root value: every query and mutation field the simulator implements, bound to this request's context. */
  function rootValue(ctx: Ctx): Record<string, unknown> {
    const bulkQ = bulkQueries(ctx);
    return {
      shop: () => shopView(ctx, plan.displayName),
      currentAppInstallation: () => appInstallationView(ctx, clientId),
      node: (args: { id: string }) => (gidType(args.id) === 'BulkOperation' ? bulkQ.bulkOperation(args) : nodeById(ctx, args.id)),
      nodes: (args: { ids: string[] }) => args.ids.map((id) => (gidType(id) === 'BulkOperation' ? bulkQ.bulkOperation({ id }) : nodeById(ctx, id))),
      ...catalogQueries(ctx),
      ...inventoryQueries(ctx),
      ...customerQueries(ctx),
      ...orderQueries(ctx),
      ...webhookQueries(ctx),
      ...priceListQueries(ctx),
      ...bulkQ,
      ...catalogMutations(ctx),
      ...inventoryMutations(ctx, idempotency),
      ...customerMutations(ctx),
      ...orderMutations(ctx),
      ...webhookMutations(ctx),
      ...priceListMutations(ctx),
      ...bulkMutations(ctx, runner),
      ...uploadMutations(ctx, clientSecret),
    };
  }

  /** Root fields the simulator does not implement fail clearly instead of answering null. */
  const fieldResolver: GraphQLFieldResolver<unknown, Ctx> = (source, args, context, info) => {
    const value = (source as Record<string, unknown> | null)?.[info.fieldName];
    if (typeof value === 'function') return (value as (a: unknown, c: unknown, i: unknown) => unknown).call(source, args, context, info);
    if (value === undefined && info.path.prev === undefined) {
      throw new GraphQLError(`The Shopify simulator does not implement ${info.parentType.name}.${info.fieldName}.`, { extensions: { code: 'NOT_IMPLEMENTED_IN_SIMULATOR' } });
    }
    return value;
  };

  function run(document: DocumentNode, variables: Record<string, unknown>, operationName: string | undefined, ctx: Ctx): ExecutionResult {
    return executeSync({ schema, document, rootValue: rootValue(ctx), contextValue: ctx, variableValues: variables, operationName, fieldResolver });
  }

  // ---- faults ----
  const faults = new FaultQueue<FaultSpec>();
  const takeFault = (method: string, path: string, fields: readonly string[]): FaultSpec | undefined => faults.take(({ match: m }) => (
    typeof m === 'function' ? m(method, path, fields) : typeof m === 'string' ? (m.startsWith('/') ? path.startsWith(m) : fields.includes(m)) : true
  ));

  // ---- stats ----
  const stats: ShopifyStats = { requests: 0, graphqlRequests: 0, byField: {}, throttled: 0, costCharged: 0, log: [] };
  function record(entry: ShopifyRequestLog): void {
    stats.log.push(entry);
    if (stats.log.length > logSize) stats.log.splice(0, stats.log.length - logSize);
  }

  // ---- HTTP ----
  function send(res: http.ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer): void {
    if (res.destroyed) return;
    const buf = Buffer.isBuffer(body) ? body : Buffer.from(body);
    res.statusCode = status;
    res.setHeader('Server', 'Passerelle-Shopify-Simulator');
    res.setHeader('X-Request-Id', crypto.randomUUID());
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    res.setHeader('Content-Length', String(buf.length));
    res.end(buf);
  }

  const json = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => send(res, status, { 'Content-Type': JSON_CT, ...headers }, JSON.stringify(body));

  /** Root field names of the operation a body asks for (for faults and stats); [] when unparsable. */
  function rootFields(query: unknown, operationName: unknown): string[] {
    if (typeof query !== 'string') return [];
    try {
      const op = findOperation(parse(query), typeof operationName === 'string' ? operationName : undefined);
      return op ? op.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : [])) : [];
    } catch {
      return [];
    }
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const started = Date.now();
    const rawUrl = req.url ?? '/';
    const u = new URL(rawUrl, url);
    const path = u.pathname;
    const method = (req.method ?? 'GET').toUpperCase();
    stats.requests++;
    state.requestSeq++;
    const raw = await buffer(req);
    const ct = String(req.headers['content-type'] ?? '');

    let body: Record<string, unknown> | undefined;
    let bodyError = false;
    if (raw.length && /json/i.test(ct)) {
      try {
        const parsed: unknown = JSON.parse(raw.toString('utf8'));
        if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) body = parsed as Record<string, unknown>;
        else bodyError = true;
      } catch {
        bodyError = true;
      }
    } else if (raw.length && /application\/graphql/i.test(ct)) {
      body = { query: raw.toString('utf8') };
    } else if (raw.length && /x-www-form-urlencoded/i.test(ct)) {
      body = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
    }
    const fields = rootFields(body?.query, body?.operationName);

    const fault = takeFault(method, path, fields);
    const log = (status: number, extra: Partial<ShopifyRequestLog> = {}) => record({ method, path, status, fields, cost: null, throttled: false, ms: Date.now() - started, ...extra });
    if (fault?.kind === 'reset') {
      log(0, { fault: 'reset' });
      const s = req.socket as Socket & { resetAndDestroy?: () => void };
      if (typeof s.resetAndDestroy === 'function') s.resetAndDestroy();
      else s.destroy();
      return;
    }
    if (fault?.kind === 'timeout') {
      log(0, { fault: 'timeout' });
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (latencyMs > 0) await new Promise((r) => setTimeout(r, latencyMs));
    if (fault && fault.kind !== 'throttled') {
      const status = fault.kind === '429' ? 429 : fault.status ?? 500;
      const headers: Record<string, string> = {};
      if (fault.kind === '429' || fault.retryAfterSeconds !== undefined) headers['Retry-After'] = String(fault.retryAfterSeconds ?? 2);
      const errBody = status === 429
        ? { errors: 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' }
        : { errors: status === 503 ? 'Service Unavailable' : 'Internal Server Error' };
      json(res, status, errBody, headers);
      log(status, { fault: fault.kind });
      return;
    }

    if (method === 'POST' && path === '/admin/oauth/access_token') return oauth(res, body, bodyError, log);
    const m = /^\/admin\/api\/([^/]+)\/graphql\.json$/.exec(path);
    if (m) {
      if (method !== 'POST') { json(res, 405, { errors: 'Method Not Allowed' }, { Allow: 'POST' }); log(405); return; }
      return graphqlEndpoint(req, res, m[1]!, body, bodyError, fields, fault, log);
    }
    if (path === '/staged-uploads/' && method === 'POST') {
      const r = await receivePostUpload(state, clientSecret, ct, raw, url);
      send(res, r.status, { 'Content-Type': r.contentType }, r.body);
      log(r.status);
      return;
    }
    if (path.startsWith('/staged-uploads/') && (method === 'PUT' || method === 'GET')) {
      const key = decodeURI(path.slice('/staged-uploads/'.length));
      if (method === 'PUT') {
        const r = receivePutUpload(state, clientSecret, key, u.searchParams.get('X-Goog-Signature'), raw);
        send(res, r.status, { 'Content-Type': r.contentType }, r.body);
        log(r.status);
        return;
      }
      const rec = state.stagedUploads.get(key);
      if (!rec?.data) { send(res, 404, { 'Content-Type': 'application/xml' }, '<Error><Code>NoSuchKey</Code></Error>'); log(404); return; }
      send(res, 200, { 'Content-Type': rec.mimeType }, rec.data);
      log(200);
      return;
    }
    if (path.startsWith('/bulk-results/') && method === 'GET') {
      const file = state.bulkFiles.get(decodeURIComponent(path.slice('/bulk-results/'.length)));
      if (file === undefined) { send(res, 404, { 'Content-Type': 'application/xml' }, '<Error><Code>NoSuchKey</Code></Error>'); log(404); return; }
      send(res, 200, { 'Content-Type': 'application/jsonl' }, file);
      log(200);
      return;
    }
    if (path.startsWith('/cdn/files/') && method === 'GET') {
      const id = Number(path.split('/')[3]);
      const media = state.mediaData.get(id);
      if (!media) { send(res, 404, { 'Content-Type': 'text/plain' }, 'Not Found'); log(404); return; }
      send(res, 200, { 'Content-Type': media.mimeType }, media.data);
      log(200);
      return;
    }
    json(res, 404, { errors: 'Not Found' });
    log(404);
  }

  function oauth(res: http.ServerResponse, body: Record<string, unknown> | undefined, bodyError: boolean, log: (s: number) => void): void {
    if (bodyError || !body) { json(res, 400, { error: 'invalid_request', error_description: 'The request is missing a required parameter.' }); log(400); return; }
    if (body.grant_type !== 'client_credentials') { json(res, 400, { error: 'unsupported_grant_type', error_description: `The grant type ${String(body.grant_type ?? '')} is not supported.` }); log(400); return; }
    if (body.client_id !== clientId || body.client_secret !== clientSecret) {
      json(res, 400, { error: 'invalid_client', error_description: 'Client authentication failed: the client id or secret is wrong.' });
      log(400);
      return;
    }
    const token = issueToken();
    json(res, 200, { access_token: token, scope: [...scopes].join(','), expires_in: Math.round(tokenTtl / 1000) });
    log(200);
  }

  function issueToken(): string {
    const token = `shpat_${crypto.randomBytes(16).toString('hex')}`;
    tokens.set(token, clock.now() + tokenTtl);
    return token;
  }

  function authenticated(token: string | undefined): boolean {
    if (!token) return false;
    if (token === adminToken) return true;
    const exp = tokens.get(token);
    return exp !== undefined && clock.now() < exp;
  }

  function costExtension(requested: number, actual: number | null): Record<string, unknown> {
    return { cost: { requestedQueryCost: requested, actualQueryCost: actual, throttleStatus: bucket.status() } };
  }

  function graphqlEndpoint(
    req: http.IncomingMessage, res: http.ServerResponse, version: string, body: Record<string, unknown> | undefined, bodyError: boolean,
    fields: string[], fault: FaultSpec | undefined, log: (s: number, extra?: Partial<ShopifyRequestLog>) => void,
  ): void {
    // Unknown versions: 404; retired ones fall forward to the oldest supported (the header says which).
    let served = version;
    if (version !== 'unstable' && !VERSION_RE.test(version)) { json(res, 404, { errors: 'Not Found' }); log(404); return; }
    if (!supported.has(version)) {
      if (version === 'unstable' || version > SHOPIFY_API_VERSION) { json(res, 404, { errors: 'Not Found' }); log(404); return; }
      served = oldestSupported;
    }
    const headers = { 'X-Shopify-API-Version': served };
    const token = req.headers['x-shopify-access-token'];
    if (!authenticated(typeof token === 'string' ? token : undefined)) { json(res, 401, { errors: INVALID_TOKEN }, headers); log(401); return; }
    stats.graphqlRequests++;
    if (bodyError) { json(res, 400, { errors: 'Invalid JSON in request body' }, headers); log(400); return; }
    if (!body || typeof body.query !== 'string' || !body.query.trim()) { json(res, 400, { errors: { query: 'Required parameter missing or invalid' } }, headers); log(400); return; }
    const variables = body.variables === undefined || body.variables === null ? {} : body.variables;
    if (typeof variables !== 'object' || Array.isArray(variables)) { json(res, 400, { errors: { variables: 'Variables must be a JSON object' } }, headers); log(400); return; }
    const operationName = typeof body.operationName === 'string' ? body.operationName : undefined;

    let document: DocumentNode;
    try {
      document = parse(body.query);
    } catch (e) {
      const err = e as GraphQLError;
      json(res, 200, { errors: [formatError(err, 'parseError')] }, headers);
      log(200);
      return;
    }
    const invalid = validate(schema, document);
    if (invalid.length) {
      json(res, 200, { errors: invalid.map((e) => formatError(e, validationCode(e.message), staticPath(document, e.nodes?.[0]))) }, headers);
      log(200);
      return;
    }
    const operation: OperationDefinitionNode | undefined = findOperation(document, operationName);
    if (!operation) {
      json(res, 200, { errors: [{ message: operationName ? `No operation named "${operationName}"` : 'An operation name is required when the document holds several operations', extensions: { code: 'OPERATION_NAME_REQUIRED' } }] }, headers);
      log(200);
      return;
    }
    if (operation.operation === 'subscription') { json(res, 200, { errors: [{ message: 'Subscriptions are not supported', extensions: { code: 'BAD_REQUEST' } }] }, headers); log(200); return; }

    const requested = queryCost(schema, document, operation, variables as Record<string, unknown>);
    if (requested.problems.length) {
      json(res, 200, { errors: requested.problems.map((p) => ({ message: p.message, path: p.path, extensions: { code: 'BAD_REQUEST' } })) }, headers);
      log(200);
      return;
    }
    if (requested.cost > MAX_QUERY_COST) {
      json(res, 200, { errors: [{
        message: `Query cost is ${requested.cost}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).\n\nSee https://shopify.dev/concepts/about-apis/rate-limits for more information on how the\ncost of a query is calculated.\n\nTo query larger amounts of data with fewer limits, bulk operations should be used instead.\nSee https://shopify.dev/api/usage/bulk-operations/queries for usage details.\n`,
        extensions: { code: 'MAX_COST_EXCEEDED', cost: requested.cost, maxCost: MAX_QUERY_COST, documentation: 'https://shopify.dev/api/usage/rate-limits' },
      }] }, headers);
      log(200);
      return;
    }
    if (fault?.kind === 'throttled' || !bucket.take(requested.cost)) {
      stats.throttled++;
      json(res, 200, { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }], extensions: costExtension(requested.cost, null) }, headers);
      log(200, { throttled: true, cost: requested.cost, ...(fault ? { fault: fault.kind } : {}) });
      return;
    }
    // The idempotency directive is required on some mutations from 2026-04: refuse before running anything.
    if (operation.operation === 'mutation') {
      for (const sel of operation.selectionSet.selections) {
        if (sel.kind === Kind.FIELD && IDEMPOTENT_MUTATIONS.has(sel.name.value) && !sel.directives?.some((d) => d.name.value === 'idempotent')) {
          bucket.refund(requested.cost);
          json(res, 200, { errors: [{ message: `The @idempotent directive is required for the ${sel.name.value} mutation in API version ${served}. Add @idempotent(key: "<unique key>") to the field.`, locations: sel.loc ? [{ line: sel.loc.startToken.line, column: sel.loc.startToken.column }] : undefined, path: [sel.alias?.value ?? sel.name.value], extensions: { code: 'BAD_REQUEST' } }], extensions: costExtension(requested.cost, 0) }, headers);
          log(200, { cost: 0 });
          return;
        }
      }
    }
    for (const f of fields) stats.byField[f] = (stats.byField[f] ?? 0) + 1;
    const result = run(document, variables as Record<string, unknown>, operationName, baseCtx());
    const actual = result.data ? queryCost(schema, document, operation, variables as Record<string, unknown>, result.data as Record<string, unknown>).cost : 0;
    const charged = Math.min(requested.cost, actual);
    bucket.refund(requested.cost - charged);
    stats.costCharged += charged;
    const out: Record<string, unknown> = {};
    if (result.errors?.length) {
      out.errors = result.errors.map((e) => formatError(e, /Variable .* got invalid value|Variable .* of required type/.test(e.message) ? 'INVALID_VARIABLE' : undefined));
    }
    if (result.data !== undefined) out.data = result.data;
    out.extensions = costExtension(requested.cost, charged);
    json(res, 200, out, headers);
    log(200, { cost: charged });
  }

  return {
    url,
    graphqlUrl: `${url}/admin/api/${SHOPIFY_API_VERSION}/graphql.json`,
    apiVersion: SHOPIFY_API_VERSION,
    shopDomain,
    adminToken,
    clientId,
    clientSecret,
    webhookSecret,
    state,
    stats,
    scopes,
    resetStats() {
      stats.requests = 0;
      stats.graphqlRequests = 0;
      stats.byField = {};
      stats.throttled = 0;
      stats.costCharged = 0;
      stats.log = [];
    },
    setClock(date) {
      fixed = date === null ? null : new Date(date).getTime();
    },
    advance(ms) {
      fixed = (fixed ?? Date.now()) + ms;
    },
    now: () => state.now(),
    bucket: { status: () => bucket.status(), drain: (to?: number) => bucket.drain(to) },
    faults: {
      add: (spec) => faults.add(spec),
      clear: () => faults.clear(),
      list: () => faults.list(),
    },
    webhookFaults: dispatcher.faults,
    setLatency(ms) {
      latencyMs = Math.max(0, ms);
    },
    placeOrder(input) {
      const o = placeOrder(baseCtx(), input);
      return { id: gid('Order', o.id), name: o.name, order: o };
    },
    refundOrder(orderGid, lines, note) {
      const id = Number(orderGid.split('/').pop());
      refundOrder(baseCtx(), id, lines, note);
    },
    flushWebhooks: () => dispatcher.flush(),
    retryFailedWebhooks: () => dispatcher.retryFailed(),
    completeBulkOperations: () => completeBulk(baseCtx(), [...state.bulkOperations.values()]),
    failNextBulkOperation(code, at) {
      state.nextBulkFailure = code;
      state.nextBulkFailureFor = { mutation: at?.mutation ?? null, afterLines: at?.afterLines ?? null };
    },
    graphql(query, variables = {}) {
      const document = parse(query);
      const errors = validate(schema, document);
      if (errors.length) return { errors: errors.map((e) => formatError(e, validationCode(e.message))) };
      const r = run(document, variables, undefined, baseCtx());
      return { ...(r.errors?.length ? { errors: r.errors.map((e) => formatError(e)) } : {}), data: r.data };
    },
    issueToken,
    revokeTokens() {
      tokens.clear();
    },
    async close() {
      for (const res of hanging) res.destroy();
      hanging.clear();
      await dispatcher.flush().catch(() => undefined);
      const closed = once(server, 'close');
      server.close();
      server.closeAllConnections();
      await closed;
    },
  };
}

export type { DeliveryFaultSpec };
