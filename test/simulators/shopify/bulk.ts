/**
 * Bulk operations: bulkOperationRunQuery and bulkOperationRunMutation go CREATED → RUNNING →
 * COMPLETED (or FAILED) as the app polls them (currentBulkOperation, bulkOperation(id), node), so
 * tests see every state without waiting. A query's result is JSONL served by the simulator: one
 * line per node, nested connections' nodes on their own lines with `__parentId`. A mutation reads
 * its variables from a staged upload (one JSON object per line) and writes one result line per
 * input line: {"data": {...}, "__lineNumber": n}. Finishing fires bulk_operations/finish.
 */
import {
  getNamedType, isObjectType, Kind, parse, validate, type DocumentNode, type ExecutionResult, type FieldNode, type GraphQLError,
  type GraphQLObjectType, type OperationDefinitionNode,
} from 'graphql';
import { connection, type PageArgs } from './connection.js';
import { iso, userError, type Ctx } from './context.js';
import { findOperation, isConnectionType } from './cost.js';
import { gid, gidId } from './ids.js';
import type { BulkOperationRec } from './state.js';
import { shopifySchema } from '../../support/shopify-schema.js';

type Args = PageArgs & Record<string, unknown>;

export interface BulkRunner {
  /** Executes a document internally with the app's scopes (bulk = connections unpaged). */
  execute(document: DocumentNode, variables: Record<string, unknown>, bulk: boolean): ExecutionResult;
  /** Polls a RUNNING operation spends before it completes (default 1). */
  runningPolls(): number;
}

const MAX_CONNECTIONS = 5;
const MAX_NESTING = 2;

export function bulkOperationView(ctx: Ctx, op: BulkOperationRec) {
  return {
    __typename: 'BulkOperation',
    id: gid('BulkOperation', op.id),
    type: op.type,
    status: op.status,
    query: op.query,
    createdAt: iso(op.createdAt),
    completedAt: iso(op.completedAt),
    objectCount: String(op.objectCount),
    rootObjectCount: String(op.rootObjectCount),
    fileSize: op.fileSize === null ? null : String(op.fileSize),
    url: op.url,
    partialDataUrl: op.partialDataUrl,
    errorCode: op.errorCode,
  };
}

/** Connection fields of a bulk query: count and nesting (Shopify: at most 5, nested at most 2 deep). */
function connectionShape(op: OperationDefinitionNode): { count: number; depth: number } {
  const schema = shopifySchema();
  let count = 0;
  let depth = 0;
  const walk = (type: GraphQLObjectType, fields: readonly FieldNode[], level: number) => {
    for (const f of fields) {
      const def = type.getFields()[f.name.value];
      if (!def || !f.selectionSet) continue;
      const named = getNamedType(def.type);
      let next = level;
      if (isConnectionType(named)) { count++; next = level + 1; depth = Math.max(depth, next); }
      if (isObjectType(named)) walk(named, f.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD), next);
      for (const s of f.selectionSet.selections) {
        if (s.kind === Kind.INLINE_FRAGMENT && s.typeCondition) {
          const t = schema.getType(s.typeCondition.name.value);
          if (t && isObjectType(t)) walk(t, s.selectionSet.selections.filter((x): x is FieldNode => x.kind === Kind.FIELD), next);
        }
      }
    }
  };
  walk(schema.getQueryType()!, op.selectionSet.selections.filter((s): s is FieldNode => s.kind === Kind.FIELD), 0);
  return { count, depth };
}

type Obj = Record<string, unknown>;

function isConnectionValue(v: unknown): v is { edges?: { node: Obj }[]; nodes?: Obj[] } {
  return !!v && typeof v === 'object' && !Array.isArray(v) && (Array.isArray((v as Obj).edges) || Array.isArray((v as Obj).nodes));
}

function nodesOf(v: { edges?: { node: Obj }[]; nodes?: Obj[] }): Obj[] {
  return v.nodes ?? (v.edges ?? []).map((e) => e.node);
}

/** JSONL lines of a bulk query result: nodes flattened, children after their parent with __parentId. */
export function flattenBulk(data: Obj): { lines: string[]; roots: number } {
  const lines: string[] = [];
  let roots = 0;
  const emit = (node: Obj, parentId: string | undefined) => {
    const line: Obj = {};
    const children: [string, Obj[]][] = [];
    for (const [k, v] of Object.entries(node)) {
      if (isConnectionValue(v)) children.push([k, nodesOf(v)]);
      else line[k] = v;
    }
    if (parentId !== undefined) line.__parentId = parentId;
    lines.push(JSON.stringify(line));
    for (const [, list] of children) for (const c of list) emit(c, typeof node.id === 'string' ? node.id : parentId);
  };
  for (const v of Object.values(data)) {
    if (isConnectionValue(v)) for (const n of nodesOf(v)) { roots++; emit(n, undefined); }
    else if (v && typeof v === 'object') { roots++; emit(v as Obj, undefined); }
  }
  return { lines, roots };
}

/** The work of an operation, done in the background from its creation (the server keeps answering meanwhile). */
interface BulkJob { lines: string[]; roots: number; failed: BulkOperationRec['errorCode']; done: Promise<void>; finished: boolean }

const jobs = new WeakMap<BulkOperationRec, BulkJob>();
/** Lines of a bulk mutation run between two turns of the event loop. */
const LINES_PER_TURN = 200;

const turn = () => new Promise<void>((r) => setImmediate(r));

/** Starts running an operation in the background. */
export function startBulkJob(ctx: Ctx, runner: BulkRunner, op: BulkOperationRec): void {
  // A failure after some lines: a failed mutation operation may have applied part of its file (Shopify's partialDataUrl).
  const job: BulkJob = { lines: [], roots: 0, failed: op.failAfterLines === null ? op.failWith : null, finished: false, done: Promise.resolve() };
  job.done = (async () => {
    await turn();
    if (!job.failed && op.type === 'QUERY') {
      const r = runner.execute(parse(op.query), {}, true);
      if (r.errors?.length) job.failed = r.errors.some((e) => e.extensions?.code === 'ACCESS_DENIED') ? 'ACCESS_DENIED' : 'INTERNAL_SERVER_ERROR';
      else {
        const flat = flattenBulk((r.data ?? {}) as Obj);
        job.lines = flat.lines;
        job.roots = flat.roots;
      }
    } else if (!job.failed) {
      const upload = ctx.state.stagedUploads.get(op.stagedUploadPath ?? '');
      const rows = (upload?.data?.toString('utf8') ?? '').split('\n');
      const doc = parse(op.query);
      for (let i = 0; i < rows.length; i++) {
        if (i > 0 && i % LINES_PER_TURN === 0) await turn();
        if (op.failAfterLines !== null && i >= op.failAfterLines) { job.failed = op.failWith; break; }
        const raw = rows[i]!;
        if (!raw.trim()) continue;
        let vars: Record<string, unknown>;
        try {
          vars = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          job.lines.push(JSON.stringify({ errors: [{ message: `Invalid JSON on line ${i + 1}` }], __lineNumber: i }));
          continue;
        }
        const r = runner.execute(doc, vars, false);
        job.lines.push(JSON.stringify({ ...(r.errors?.length ? { errors: r.errors.map((e) => ({ message: e.message, ...(e.extensions && Object.keys(e.extensions).length ? { extensions: e.extensions } : {}) })) } : {}), data: r.data ?? null, __lineNumber: i }));
      }
      job.roots = job.lines.length;
    }
    job.finished = true;
  })();
  jobs.set(op, job);
}

/** Moves an operation one step along its lifecycle (called when the app looks at it). */
export function advanceBulk(ctx: Ctx, op: BulkOperationRec): void {
  if (op.status === 'CREATED') { op.status = 'RUNNING'; return; }
  if (op.status === 'CANCELING') { op.status = 'CANCELED'; op.completedAt = ctx.state.now(); return; }
  if (op.status !== 'RUNNING') return;
  const job = jobs.get(op);
  if (job) op.objectCount = job.lines.length;
  if (op.runningPolls > 0) { op.runningPolls--; return; }
  if (job?.finished) finalizeBulk(ctx, op, job);
}

/** Waits for every unfinished operation and completes it (test helper). */
export async function completeBulk(ctx: Ctx, ops: Iterable<BulkOperationRec>): Promise<void> {
  for (const op of ops) {
    if (op.status !== 'CREATED' && op.status !== 'RUNNING') continue;
    const job = jobs.get(op);
    if (!job) continue;
    await job.done;
    finalizeBulk(ctx, op, job);
  }
}

/** Writes the JSONL file of a finished job and sets the final status; fires bulk_operations/finish. */
function finalizeBulk(ctx: Ctx, op: BulkOperationRec, job: BulkJob): void {
  const s = ctx.state;
  const file = `${op.type === 'QUERY' ? 'query' : 'mutation'}-${op.id}.jsonl`;
  const body = job.lines.length ? `${job.lines.join('\n')}\n` : '';
  op.completedAt = s.now();
  op.objectCount = job.lines.length;
  op.rootObjectCount = job.roots;
  if (job.failed) {
    op.status = 'FAILED';
    op.errorCode = job.failed;
    if (body) {
      s.bulkFiles.set(file, body);
      op.partialDataUrl = `${ctx.hooks.url}/bulk-results/${file}`;
    }
  } else {
    op.status = 'COMPLETED';
    op.fileSize = Buffer.byteLength(body);
    // Shopify gives no URL when the result is empty.
    if (body) {
      s.bulkFiles.set(file, body);
      op.url = `${ctx.hooks.url}/bulk-results/${file}`;
    }
  }
  jobs.delete(op);
  ctx.hooks.event('bulk_operations/finish', { kind: 'bulk_operation', id: op.id });
}

export function bulkQueries(ctx: Ctx) {
  const s = ctx.state;
  const seen = (op: BulkOperationRec) => { advanceBulk(ctx, op); return bulkOperationView(ctx, op); };
  return {
    currentBulkOperation: (args: { type?: 'QUERY' | 'MUTATION' }) => {
      const type = args.type ?? 'QUERY';
      const op = [...s.bulkOperations.values()].filter((o) => o.type === type).sort((a, b) => b.id - a.id)[0];
      return op ? seen(op) : null;
    },
    bulkOperation: (args: { id: string }) => {
      const op = s.bulkOperations.get(gidId(args.id, 'BulkOperation') ?? -1);
      return op ? seen(op) : null;
    },
    bulkOperations: (args: Args) => connection([...s.bulkOperations.values()], { ...args, reverse: !args.reverse }, (o) => [o.createdAt.getTime(), o.id], (o) => bulkOperationView(ctx, o)),
  };
}

export function bulkMutations(ctx: Ctx, runner: BulkRunner) {
  const s = ctx.state;
  const inProgress = (type: 'QUERY' | 'MUTATION') => [...s.bulkOperations.values()].find((o) => o.type === type && (o.status === 'CREATED' || o.status === 'RUNNING' || o.status === 'CANCELING'));
  const create = (type: 'QUERY' | 'MUTATION', query: string, stagedUploadPath: string | null, clientIdentifier: string | null): BulkOperationRec => {
    const op: BulkOperationRec = {
      id: s.id(), type, status: 'CREATED', query, stagedUploadPath, clientIdentifier, createdAt: s.now(), completedAt: null, objectCount: 0, rootObjectCount: 0,
      fileSize: null, url: null, partialDataUrl: null, errorCode: null, runningPolls: runner.runningPolls(), failWith: null, failAfterLines: null,
    };
    const hit = s.nextBulkFailureFor;
    if (s.nextBulkFailure && (hit.mutation === null || query.includes(hit.mutation))) {
      op.failWith = s.nextBulkFailure;
      op.failAfterLines = type === 'MUTATION' ? hit.afterLines : null;
      s.nextBulkFailure = null;
      s.nextBulkFailureFor = { mutation: null, afterLines: null };
    }
    s.bulkOperations.set(op.id, op);
    startBulkJob(ctx, runner, op);
    return op;
  };
  return {
    bulkOperationRunQuery: (args: { query: string }) => {
      let doc: DocumentNode;
      try {
        doc = parse(args.query);
      } catch (e) {
        return { bulkOperation: null, userErrors: [userError(['query'], `Invalid bulk query: ${(e as GraphQLError).message}`, 'INVALID')] };
      }
      const errors = validate(shopifySchema(), doc);
      if (errors.length) return { bulkOperation: null, userErrors: [userError(['query'], `Invalid bulk query: ${errors[0]!.message}`, 'INVALID')] };
      const op = findOperation(doc);
      if (!op || op.operation !== 'query') return { bulkOperation: null, userErrors: [userError(['query'], 'Bulk queries must contain exactly one query operation.', 'INVALID')] };
      const shape = connectionShape(op);
      if (shape.count === 0) return { bulkOperation: null, userErrors: [userError(['query'], 'Bulk queries must contain at least one connection.', 'INVALID')] };
      if (shape.count > MAX_CONNECTIONS) return { bulkOperation: null, userErrors: [userError(['query'], `Bulk queries cannot contain more than ${MAX_CONNECTIONS} connections.`, 'INVALID')] };
      if (shape.depth > MAX_NESTING) return { bulkOperation: null, userErrors: [userError(['query'], `Bulk queries cannot contain connections with a nesting depth greater than ${MAX_NESTING}.`, 'INVALID')] };
      const running = inProgress('QUERY');
      if (running) return { bulkOperation: null, userErrors: [userError(null, `A bulk query operation for this app and shop is already in progress: ${gid('BulkOperation', running.id)}.`, 'OPERATION_IN_PROGRESS')] };
      return { bulkOperation: bulkOperationView(ctx, create('QUERY', args.query, null, null)), userErrors: [] };
    },
    bulkOperationRunMutation: (args: { mutation: string; stagedUploadPath: string; clientIdentifier?: string | null }) => {
      let doc: DocumentNode;
      try {
        doc = parse(args.mutation);
      } catch (e) {
        return { bulkOperation: null, userErrors: [userError(['mutation'], `Invalid mutation: ${(e as GraphQLError).message}`, 'INVALID_MUTATION')] };
      }
      const errors = validate(shopifySchema(), doc);
      const op = findOperation(doc);
      if (errors.length || !op || op.operation !== 'mutation' || op.selectionSet.selections.length !== 1) {
        return { bulkOperation: null, userErrors: [userError(['mutation'], `Invalid mutation: ${errors[0]?.message ?? 'a bulk mutation must contain exactly one mutation field'}`, 'INVALID_MUTATION')] };
      }
      const upload = s.stagedUploads.get(args.stagedUploadPath);
      if (!upload || !upload.data) {
        return { bulkOperation: null, userErrors: [userError(['stagedUploadPath'], "The JSONL file could not be found. Try uploading the file again, and check that you've entered the URL correctly for the stagedUploadPath mutation argument.", 'NO_SUCH_FILE')] };
      }
      if (upload.resource !== 'BULK_MUTATION_VARIABLES') return { bulkOperation: null, userErrors: [userError(['stagedUploadPath'], 'The staged upload was not made for BULK_MUTATION_VARIABLES.', 'INVALID_STAGED_UPLOAD_FILE')] };
      const running = inProgress('MUTATION');
      if (running) return { bulkOperation: null, userErrors: [userError(null, `A bulk mutation operation for this app and shop is already in progress: ${gid('BulkOperation', running.id)}.`, 'OPERATION_IN_PROGRESS')] };
      return { bulkOperation: bulkOperationView(ctx, create('MUTATION', args.mutation, args.stagedUploadPath, args.clientIdentifier ?? null)), userErrors: [] };
    },
    bulkOperationCancel: (args: { id: string }) => {
      const op = s.bulkOperations.get(gidId(args.id, 'BulkOperation') ?? -1);
      if (!op) return { bulkOperation: null, userErrors: [userError(['id'], 'Bulk operation does not exist')] };
      if (op.status !== 'CREATED' && op.status !== 'RUNNING') return { bulkOperation: bulkOperationView(ctx, op), userErrors: [userError(null, `A bulk operation cannot be canceled when it is ${op.status.toLowerCase()}`)] };
      op.status = 'CANCELING';
      return { bulkOperation: bulkOperationView(ctx, op), userErrors: [] };
    },
  };
}
