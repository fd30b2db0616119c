/**
 * Bulk operations for big catalogues (docs/shop-apis.md 3.3): reads through
 * `bulkOperationRunQuery` (a JSONL file of every node, children with `__parentId`), writes through
 * `bulkOperationRunMutation` (a JSONL of variables staged with stagedUploadsCreate, one result line
 * per input line with its `__lineNumber`). Both are polled with `bulkOperation(id)` on the HTTP
 * client's clock until COMPLETED; FAILED and CANCELED say their error code.
 */
import { PasserelleError } from '../../errors.js';
import type { HttpClient } from '../../http/http-client.js';
import { msg, type Text } from '../../i18n/catalogue.js';
import { BULK_OPERATION, BULK_RUN_MUTATION, BULK_RUN_QUERY } from './documents.js';
import type { ShopifyGraphql, UserError } from './graphql-client.js';
import { stagedPath, stageFiles, type UploadClientFactory } from './staged-upload.js';

interface BulkOp { id: string; status: string; errorCode: string | null; objectCount: string | null; url: string | null; partialDataUrl: string | null }

export interface BulkOptions {
  gql: ShopifyGraphql;
  uploads: UploadClientFactory;
  pollMs?: number;
  maxPolls?: number;
}

async function waitFor(o: BulkOptions, id: string, entity: string): Promise<BulkOp> {
  const maxPolls = o.maxPolls ?? 10_000;
  // Small operations finish in moments: polled at once, then at 250 ms doubling up to pollMs.
  let wait = 250;
  for (let i = 0; i < maxPolls; i++) {
    const d = await o.gql.run<{ bulkOperation: BulkOp | null }>(BULK_OPERATION, { id }, entity);
    const op = d.bulkOperation;
    if (!op) break;
    if (op.status === 'COMPLETED') return op;
    if (op.status === 'FAILED' || op.status === 'CANCELED' || op.status === 'EXPIRED') {
      throw new PasserelleError(msg('shopify.bulkFailed', { id, status: op.status, code: op.errorCode ?? '' }), entity);
    }
    await o.gql.http.pause(Math.min(wait, o.pollMs ?? 2000));
    wait *= 2;
  }
  throw new PasserelleError(msg('shopify.bulkTimeout', { id, seconds: String(Math.round((maxPolls * (o.pollMs ?? 2000)) / 1000)) }), entity);
}

async function download(o: BulkOptions, url: string | null, entity: string): Promise<string> {
  if (!url) return '';
  const client: HttpClient = o.uploads(new URL(url).origin);
  const res = await client.request<string>({ method: 'GET', path: url, responseType: 'text', entity });
  return res.data ?? '';
}

function lines<T>(text: string): T[] {
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as T);
}

/** Every node of a bulk query, as the JSONL gives them. */
export async function bulkQuery<T>(o: BulkOptions, query: string, entity: string): Promise<T[]> {
  const p = await o.gql.mutate<{ bulkOperation: { id: string } | null }>(BULK_RUN_QUERY, { query }, entity, 'bulkOperationRunQuery');
  if (!p.bulkOperation) throw new PasserelleError(msg('shopify.noData', { operation: 'bulkOperationRunQuery' }), entity);
  const op = await waitFor(o, p.bulkOperation.id, entity);
  return lines<T>(await download(o, op.url, entity));
}

export interface BulkLineResult<P> {
  /** Index of the input line. */
  index: number;
  payload: P | null;
  userErrors: UserError[];
  error: string | Text | null;
}

/** Runs `mutation` once per variables object, through one staged JSONL; results in input order. */
export async function bulkMutation<P>(o: BulkOptions, mutation: string, field: string, variables: Record<string, unknown>[], entity: string): Promise<BulkLineResult<P>[]> {
  const jsonl = Buffer.from(variables.map((v) => JSON.stringify(v)).join('\n') + '\n', 'utf8');
  const [target] = await stageFiles(o.gql, o.uploads, [{ filename: 'passerelle-bulk.jsonl', mimeType: 'text/jsonl', resource: 'BULK_MUTATION_VARIABLES', bytes: jsonl }], entity);
  const p = await o.gql.mutate<{ bulkOperation: { id: string } | null }>(BULK_RUN_MUTATION, { mutation, path: stagedPath(target!) }, entity, 'bulkOperationRunMutation');
  if (!p.bulkOperation) throw new PasserelleError(msg('shopify.noData', { operation: 'bulkOperationRunMutation' }), entity);
  const op = await waitFor(o, p.bulkOperation.id, entity);
  const out: BulkLineResult<P>[] = variables.map((_, index) => ({ index, payload: null, userErrors: [], error: msg('shopify.noData', { operation: field }) as string | Text | null }));
  type Line = { data?: Record<string, (P & { userErrors?: UserError[] }) | null>; errors?: { message: string }[]; __lineNumber?: number };
  lines<Line>(await download(o, op.url, entity)).forEach((l, n) => {
    const index = l.__lineNumber ?? n;
    if (index < 0 || index >= out.length) return;
    const payload = l.data?.[field] ?? null;
    out[index] = {
      index, payload, userErrors: payload?.userErrors ?? [],
      error: l.errors?.length ? l.errors.map((e) => e.message).join(' ; ') : payload ? null : msg('shopify.noData', { operation: field }),
    };
  });
  return out;
}
