/**
 * The Admin GraphQL client: one POST per operation to `graphql.json` through the shared HTTP
 * client (retries, proxy, TLS, auth, cost policy). Answers are read the GraphQL way: top-level
 * `errors` (syntax, access, throttling) become errors naming the entity; THROTTLED answers (HTTP
 * 200) are retried after the wait the bucket needs; `userErrors` of mutations are turned into
 * messages naming the entity and the field.
 */
import { PasserelleError } from '../../errors.js';
import type { HttpClient, HttpResponse, RetryHint } from '../../http/http-client.js';
import { cursorPages } from '../../http/paginate.js';
import { msg, type Text } from '../../i18n/catalogue.js';
import { costOf, ShopifyCostPolicy } from './cost-policy.js';
import type { ShopifyDocument } from './documents.js';

export const API_VERSION = '2026-10';

export interface GraphqlError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [k: string]: unknown };
}

export interface UserError {
  field?: string[] | null;
  message: string;
  code?: string | null;
}

interface GraphqlAnswer<T> {
  data?: T | null;
  errors?: GraphqlError[] | string;
  extensions?: unknown;
}

/** A GraphQL answer with top-level errors: the codes say why (ACCESS_DENIED, MAX_COST_EXCEEDED…). */
/** A GraphQL connection as the documents ask for it: nodes and pageInfo. */
export interface Connection<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

export class ShopifyGraphqlError extends PasserelleError {
  constructor(message: Text, entity: string, readonly codes: string[], readonly errors: GraphqlError[]) {
    super(message, entity);
  }
}

function topErrors(data: unknown): GraphqlError[] {
  const e = (data as GraphqlAnswer<unknown> | null)?.errors;
  if (typeof e === 'string') return [{ message: e }];
  return Array.isArray(e) ? e : [];
}

/** The `shouldRetry` hook of the client: a THROTTLED answer is retried after what the bucket needs. */
export function throttledRetry(res: HttpResponse<unknown>): RetryHint | undefined {
  if (!topErrors(res.data).some((e) => e.extensions?.code === 'THROTTLED')) return undefined;
  return { reason: 'THROTTLED', waitMs: ShopifyCostPolicy.throttledWaitMs(res.data) };
}

/** "variants.0.price : Price must be… ; …": each userError with its field path. */
export function userErrorList(errors: readonly UserError[]): string {
  return errors.map((e) => (e.field && e.field.length > 0 ? `${e.field.join('.')} : ${e.message}` : e.message)).join(' ; ');
}

/** "variants.0.price: Price must be…" -> a text naming the entity and the field path. */
export function userErrorText(errors: readonly UserError[], entity: string): Text {
  return msg('shopify.userErrors', { entity, errors: userErrorList(errors) });
}

export class ShopifyGraphql {
  /** requestedQueryCost last seen per document: what the next call of it is announced to cost. */
  private readonly costs = new Map<string, number>();
  /** The API version the shop said it served (X-Shopify-API-Version), once known. */
  servedVersion: string | undefined;

  constructor(readonly http: HttpClient) {}

  /**
   * Every node of a connection, page by page (`after` = the previous page's endCursor), under the shared
   * cursor rules (src/http/paginate.ts); `select` picks the connection from the answer (null: none).
   */
  pages<N, D = unknown>(doc: ShopifyDocument, variables: Record<string, unknown>, entity: string, select: (data: D) => Connection<N> | null | undefined): AsyncGenerator<N[], void, undefined> {
    return cursorPages<N, string>(async (after) => {
      const page = select(await this.run<D>(doc, { ...variables, after: after ?? null }, entity));
      return { items: page?.nodes ?? [], next: page?.pageInfo.hasNextPage ? page.pageInfo.endCursor : null, where: `${doc.name} (${entity})` };
    }, { entity });
  }

  /** Every node of a connection in one list (a few pages: locations, collections, webhooks). */
  async all<N, D = unknown>(doc: ShopifyDocument, variables: Record<string, unknown>, entity: string, select: (data: D) => Connection<N> | null | undefined): Promise<N[]> {
    const out: N[] = [];
    for await (const page of this.pages(doc, variables, entity, select)) out.push(...page);
    return out;
  }

  /** Runs a document; throws on top-level errors; `entity` names what the call is about. */
  async run<T>(doc: ShopifyDocument, variables: Record<string, unknown>, entity: string): Promise<T> {
    const { data } = await this.raw<T>(doc, variables, entity);
    return data;
  }

  /** Runs a document and returns its data with the cost Shopify reported. */
  async raw<T>(doc: ShopifyDocument, variables: Record<string, unknown>, entity: string): Promise<{ data: T; cost: ReturnType<typeof costOf> }> {
    const res = await this.http.request<GraphqlAnswer<T>>({
      method: 'POST', path: 'graphql.json', entity,
      json: { query: doc.source, variables },
      cost: this.costs.get(doc.name),
      // Queries can be repeated; a mutation is retried only when Shopify certainly did not act (the client's rule),
      // unless a second one does no harm.
      idempotent: doc.kind === 'query' || doc.repeatable === true,
      write: doc.kind === 'mutation',
    });
    const version = res.headers['x-shopify-api-version'];
    if (version) this.servedVersion = version;
    const cost = costOf(res.data);
    if (cost?.requestedQueryCost != null) this.costs.set(doc.name, cost.requestedQueryCost);
    const errors = topErrors(res.data);
    if (errors.length > 0) {
      const codes = [...new Set(errors.map((e) => e.extensions?.code ?? '').filter((c) => c !== ''))];
      // Shopify's messages go on with paragraphs of advice: the first line says it.
      const text = errors.map((e) => e.message.split('\n')[0]!.trim()).join(' ; ');
      throw new ShopifyGraphqlError(msg('shopify.graphqlErrors', { codes: codes.join(', ') || 'GRAPHQL', message: text }), entity, codes, errors);
    }
    if (res.data?.data == null) throw new PasserelleError(msg('shopify.noData', { operation: doc.name }), entity);
    return { data: res.data.data, cost };
  }

  /** Sends a mutation whose payload is `data[field]`; its userErrors become an error naming the entity. */
  async mutate<P extends object>(doc: ShopifyDocument, variables: Record<string, unknown>, entity: string, field: string): Promise<P> {
    const data = await this.run<Record<string, P | null>>(doc, variables, entity);
    const payload = data[field];
    if (!payload) throw new PasserelleError(msg('shopify.noData', { operation: doc.name }), entity);
    const ue = (payload as { userErrors?: UserError[] | null }).userErrors ?? [];
    if (ue.length > 0) throw new ShopifyUserErrors(userErrorText(ue, entity), entity, ue);
    return payload;
  }
}

/** A mutation refused with userErrors (HTTP 200): the first field path is the field at fault. */
export class ShopifyUserErrors extends PasserelleError {
  constructor(message: Text, entity: string, readonly userErrors: UserError[]) {
    super(message, entity, userErrors[0]?.field?.join('.') ?? undefined);
  }
}
