/**
 * Shopify's search query syntax (shopify.dev/docs/api/usage/search-syntax): `field:value`,
 * comparators `:>` `:>=` `:<` `:<=`, quoted values ('…' or "…"), `*` prefix wildcards, `-` or NOT,
 * AND (also implicit between terms), OR, parentheses. Each resource says what a term means.
 */
export type Comparator = '=' | '>' | '>=' | '<' | '<=';

export interface Term {
  /** Lower-cased field name; undefined for a free-text term. */
  field: string | undefined;
  op: Comparator;
  value: string;
}

export type SearchNode = Node;

type Node =
  | { kind: 'term'; term: Term }
  | { kind: 'not'; node: Node }
  | { kind: 'and' | 'or'; nodes: Node[] };

/** Evaluates one term on an item; undefined = unknown field (Shopify ignores it, the term matches). */
export type TermMatcher<T> = (item: T, term: Term) => boolean | undefined;

function tokenize(q: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < q.length) {
    const c = q[i]!;
    if (/\s/.test(c)) { i++; continue; }
    if (c === '(' || c === ')') { out.push(c); i++; continue; }
    let tok = '';
    while (i < q.length && !/\s/.test(q[i]!) && q[i] !== '(' && q[i] !== ')') {
      const ch = q[i]!;
      if (ch === '"' || ch === "'") {
        const close = q.indexOf(ch, i + 1);
        const endAt = close < 0 ? q.length : close;
        tok += ch + q.slice(i + 1, endAt) + ch;
        i = endAt + 1;
      } else if (ch === '\\' && i + 1 < q.length) {
        tok += q[i + 1];
        i += 2;
      } else {
        tok += ch;
        i++;
      }
    }
    out.push(tok);
  }
  return out;
}

function unquote(v: string): string {
  if (v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0]) return v.slice(1, -1);
  return v;
}

function parseTerm(tok: string): Node {
  let negated = false;
  if (tok.startsWith('-') && tok.length > 1) { negated = true; tok = tok.slice(1); }
  const colon = tok.indexOf(':');
  let term: Term;
  if (colon > 0 && !/^["']/.test(tok)) {
    const field = tok.slice(0, colon).toLowerCase();
    let rest = tok.slice(colon + 1);
    let op: Comparator = '=';
    for (const candidate of ['>=', '<=', '>', '<'] as const) {
      if (rest.startsWith(candidate)) { op = candidate; rest = rest.slice(candidate.length); break; }
    }
    term = { field, op, value: unquote(rest) };
  } else {
    term = { field: undefined, op: '=', value: unquote(tok) };
  }
  const node: Node = { kind: 'term', term };
  return negated ? { kind: 'not', node } : node;
}

export function parseSearch(query: string): Node | undefined {
  const tokens = tokenize(query);
  let pos = 0;
  const peek = () => tokens[pos];
  function parseOr(): Node | undefined {
    const nodes: Node[] = [];
    const first = parseAnd();
    if (first) nodes.push(first);
    while (peek() === 'OR') {
      pos++;
      const n = parseAnd();
      if (n) nodes.push(n);
    }
    if (nodes.length === 0) return undefined;
    return nodes.length === 1 ? nodes[0] : { kind: 'or', nodes };
  }
  function parseAnd(): Node | undefined {
    const nodes: Node[] = [];
    while (pos < tokens.length && peek() !== ')' && peek() !== 'OR') {
      if (peek() === 'AND') { pos++; continue; }
      const n = parseUnary();
      if (n) nodes.push(n);
    }
    if (nodes.length === 0) return undefined;
    return nodes.length === 1 ? nodes[0] : { kind: 'and', nodes };
  }
  function parseUnary(): Node | undefined {
    const t = peek();
    if (t === 'NOT') {
      pos++;
      const n = parseUnary();
      return n ? { kind: 'not', node: n } : undefined;
    }
    if (t === '(') {
      pos++;
      const n = parseOr();
      if (peek() === ')') pos++;
      return n;
    }
    pos++;
    return t === undefined ? undefined : parseTerm(t);
  }
  return parseOr();
}

function evaluate<T>(node: Node, item: T, match: TermMatcher<T>): boolean {
  switch (node.kind) {
    case 'term': return match(item, node.term) ?? true;
    case 'not': return !evaluate(node.node, item, match);
    case 'and': return node.nodes.every((n) => evaluate(n, item, match));
    case 'or': return node.nodes.some((n) => evaluate(n, item, match));
  }
}

/** Filters items by a Shopify search query (no query: all items). */
export function searchFilter<T>(items: Iterable<T>, query: string | null | undefined, match: TermMatcher<T>): T[] {
  const list = [...items];
  if (!query || !query.trim()) return list;
  const ast = parseSearch(query);
  if (!ast) return list;
  return list.filter((item) => evaluate(ast, item, match));
}

// ---- helpers for resources' matchers ----

/** Text equality, case-insensitive, with a trailing * as prefix wildcard and `*` alone as "has a value". */
export function matchText(actual: string | null | undefined, term: Term): boolean {
  const a = (actual ?? '').toLowerCase();
  const v = term.value.toLowerCase();
  if (v === '*') return a !== '';
  if (v.endsWith('*')) return a.startsWith(v.slice(0, -1));
  return a === v;
}

/** Date comparison; the value may be an ISO date or date-time (Shopify also accepts relative forms, not simulated). */
export function matchDate(actual: Date | null | undefined, term: Term): boolean {
  if (!actual) return false;
  const t = Date.parse(term.value);
  if (Number.isNaN(t)) return false;
  const a = actual.getTime();
  // A bare date (2026-01-01) with "=" means that whole day.
  if (term.op === '=' && /^\d{4}-\d{2}-\d{2}$/.test(term.value)) return a >= t && a < t + 86_400_000;
  return compareOp(a, t, term.op);
}

export function matchNumber(actual: number | null | undefined, term: Term): boolean {
  if (actual == null) return false;
  const v = Number(term.value);
  if (Number.isNaN(v)) return false;
  return compareOp(actual, v, term.op);
}

function compareOp(a: number, b: number, op: Comparator): boolean {
  switch (op) {
    case '=': return a === b;
    case '>': return a > b;
    case '>=': return a >= b;
    case '<': return a < b;
    case '<=': return a <= b;
  }
}

/** The values of a query made only of `field:value` equality terms joined by OR (for index lookups); undefined otherwise. */
export function equalityTerms(query: string | null | undefined, field: string): string[] | undefined {
  if (!query || !query.trim()) return undefined;
  const ast = parseSearch(query);
  const terms = !ast ? [] : ast.kind === 'or' ? ast.nodes : [ast];
  const values: string[] = [];
  for (const n of terms) {
    if (n.kind !== 'term' || n.term.field !== field || n.term.op !== '=' || n.term.value.includes('*')) return undefined;
    values.push(n.term.value);
  }
  return values.length ? values : undefined;
}
