/**
 * Relay connections over in-memory lists: sorted by (sort value, id), cut by after/before, then
 * first/last, with Shopify-style opaque cursors. In a bulk operation (no first/last) every item is returned.
 */
import { GraphQLError } from 'graphql';
import { decodeCursor, encodeCursor } from './ids.js';

export interface PageArgs { first?: number | null; last?: number | null; after?: string | null; before?: string | null; reverse?: boolean | null }

export interface Connection<N> {
  edges: { cursor: string; node: N }[];
  nodes: N[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

function compare(a: [string | number, number], b: [string | number, number]): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[1] - b[1];
}

function badCursor(name: string): GraphQLError {
  return new GraphQLError(`Invalid cursor for current pagination sort. (${name})`, { extensions: { code: 'BAD_REQUEST' } });
}

/**
 * items: already filtered; key(item) = [sort value, numeric id]; toNode builds the GraphQL object.
 */
export function connection<T, N>(items: readonly T[], args: PageArgs, key: (t: T) => [string | number, number], toNode: (t: T) => N): Connection<N> {
  const dir = args.reverse ? -1 : 1;
  // Keys computed once per item (decorate, sort, undecorate): catalogues of 20,000 articles are paged here.
  const sorted = items.map((t) => ({ t, k: key(t) })).sort((a, b) => dir * compare(a.k, b.k)).map((x) => x.t);
  let start = 0;
  let end = sorted.length;
  if (args.after) {
    const c = decodeCursor(args.after);
    if (!c) throw badCursor('after');
    const k: [string | number, number] = [c.value, c.id];
    const i = sorted.findIndex((t) => dir * compare(key(t), k) > 0);
    start = i < 0 ? sorted.length : i;
  }
  if (args.before) {
    const c = decodeCursor(args.before);
    if (!c) throw badCursor('before');
    const k: [string | number, number] = [c.value, c.id];
    const i = sorted.findIndex((t) => dir * compare(key(t), k) >= 0);
    end = i < 0 ? sorted.length : i;
  }
  let window = sorted.slice(start, Math.max(start, end));
  let hasNextPage = end < sorted.length;
  let hasPreviousPage = start > 0;
  if (typeof args.first === 'number') {
    if (window.length > args.first) hasNextPage = true;
    window = window.slice(0, Math.max(0, args.first));
  } else if (typeof args.last === 'number') {
    if (window.length > args.last) hasPreviousPage = true;
    window = window.slice(Math.max(0, window.length - args.last));
  }
  const edges = window.map((t) => {
    const [v, id] = key(t);
    return { cursor: encodeCursor(id, v), node: toNode(t) };
  });
  return {
    edges,
    nodes: edges.map((e) => e.node),
    pageInfo: { hasNextPage, hasPreviousPage, startCursor: edges[0]?.cursor ?? null, endCursor: edges[edges.length - 1]?.cursor ?? null },
  };
}
