/**
 * Page-by-page readers: each page is yielded as soon as it arrives and nothing is accumulated,
 * so a 50,000-product catalogue costs one page of memory.
 */
import { PasserelleError } from '../errors.js';
import type { HttpClient, HttpRequest, HttpResponse, QueryInput } from './http-client.js';
import { msg } from '../i18n/catalogue.js';
import { urlForMessage } from './redact.js';

const DEFAULT_MAX_PAGES = 100_000;

export interface PagesByNumberOptions<T> {
  path: string;
  query?: QueryInput;
  /** Page size asked for; the caller enforces the platform's maximum (WooCommerce 100, BigCommerce 250). */
  perPage: number;
  /** Default "page". */
  pageParam?: string;
  /** Default "per_page" (BigCommerce "limit", Magento "searchCriteria[pageSize]"). */
  perPageParam?: string;
  /** Default 1. */
  firstPage?: number;
  /** Header holding the page count, e.g. "x-wp-totalpages". */
  totalPagesHeader?: string;
  /** Page count read from the body (BigCommerce meta.pagination.total_pages, Magento ceil(total_count / perPage)). */
  totalPages?: (res: HttpResponse<unknown>) => number | undefined;
  /** Follow RFC 5988 Link rel="next" when the answer has a Link header (WooCommerce). */
  linkHeader?: boolean;
  /** Without Link or a page count, stop at a page shorter than perPage (default true; an empty page always stops). */
  stopWhenShort?: boolean;
  /** The page's items; default: the body when it is an array, [] for an empty body (BigCommerce v2 204). */
  items?: (res: HttpResponse<unknown>) => T[];
  headers?: Record<string, string>;
  signal?: AbortSignal;
  maxPages?: number;
  entity?: string;
  /**
   * Pages asked at once once the first answer gives the page count (header or body); pages are
   * still yielded in order, at most this many held. Without a page count: one at a time.
   */
  concurrency?: number;
}

function tooManyPages(max: number, where: string, entity: string | undefined): PasserelleError {
  return new PasserelleError(msg('http.tooManyPages', { max, where }), entity ?? 'shop');
}

function defaultItems<T>(res: HttpResponse<unknown>, entity: string | undefined): T[] {
  if (res.data === null) return [];
  if (Array.isArray(res.data)) return res.data as T[];
  throw new PasserelleError(
    msg('http.listExpected', { got: typeof res.data, url: urlForMessage(res.url) }), entity ?? 'shop',
  );
}

/** The target of rel="next" in a Link header, or undefined. */
export function nextLink(header: string | undefined): string | undefined {
  if (!header) return undefined;
  // <uri> then ;name=value parameters, a quoted value may hold commas and semicolons.
  const re = /<([^>]*)>((?:\s*;\s*[^\s;=,]+(?:\s*=\s*(?:"[^"]*"|[^;,]*))?)*)/g;
  for (let m = re.exec(header); m; m = re.exec(header)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(m[2] ?? '');
    const values = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (values.includes('next')) return m[1];
  }
  return undefined;
}

/**
 * Numbered pages: follows Link rel="next" when asked and present, else the page count (header
 * or body), else stops at a short page. A Link to another origin (a WordPress that reports http://
 * behind a proxy) is not followed: credentials stay on the shop's origin and the next page is
 * asked by number instead.
 */
export async function* pagesByNumber<T = unknown>(client: HttpClient, o: PagesByNumberOptions<T>): AsyncGenerator<T[], void, undefined> {
  if ((o.concurrency ?? 1) > 1) {
    yield* pagesInParallel(client, o);
    return;
  }
  const maxPages = o.maxPages ?? DEFAULT_MAX_PAGES;
  const stopWhenShort = o.stopWhenShort ?? true;
  const seen = new Set<string>();
  let page = o.firstPage ?? 1;
  let link: string | undefined;

  for (let count = 1; ; count++) {
    if (count > maxPages) throw tooManyPages(maxPages, o.path, o.entity);
    const { res, items } = await askPage(client, o, link ?? page);
    if (items.length > 0) yield items;
    if (items.length === 0) return;

    link = undefined;
    if (o.linkHeader && res.headers.link !== undefined) {
      const target = nextLink(res.headers.link);
      if (target === undefined) return;
      const abs = new URL(target, res.url);
      if (abs.origin === client.origin) {
        const key = abs.toString();
        if (seen.has(key)) {
          throw new PasserelleError(msg('http.samePageTwice', { url: urlForMessage(res.url) }), o.entity ?? 'shop');
        }
        seen.add(key);
        link = key;
        page++;
        continue;
      }
    }
    const total = pageCount(o, res);
    if (total !== undefined) {
      if (page - (o.firstPage ?? 1) + 1 >= total) return;
    } else if (stopWhenShort && items.length < o.perPage) {
      return;
    }
    page++;
  }
}

/** One numbered page (or the page a Link header named) and its items. */
async function askPage<T>(client: HttpClient, o: PagesByNumberOptions<T>, page: number | string): Promise<{ res: HttpResponse<unknown>; items: T[] }> {
  const common = { method: 'GET' as const, headers: o.headers, signal: o.signal, entity: o.entity };
  const res = typeof page === 'string'
    ? await client.request({ ...common, path: page })
    : await client.request({ ...common, path: o.path, query: { ...o.query, [o.pageParam ?? 'page']: page, [o.perPageParam ?? 'per_page']: o.perPage } });
  return { res, items: o.items ? o.items(res) : defaultItems<T>(res, o.entity) };
}

function pageCount<T>(o: PagesByNumberOptions<T>, res: HttpResponse<unknown>): number | undefined {
  const headerValue = o.totalPagesHeader ? res.headers[o.totalPagesHeader.toLowerCase()] : undefined;
  return o.totalPages?.(res) ?? (headerValue !== undefined && /^\d+$/.test(headerValue.trim()) ? Number(headerValue) : undefined);
}

/**
 * Numbered pages, several in flight: the first page gives the count, the others are asked by
 * number through a window of `concurrency` requests (the client's own limit still applies).
 * Without a count it goes on one page at a time, as pagesByNumber does.
 */
async function* pagesInParallel<T>(client: HttpClient, o: PagesByNumberOptions<T>): AsyncGenerator<T[], void, undefined> {
  const first = o.firstPage ?? 1;
  const maxPages = o.maxPages ?? DEFAULT_MAX_PAGES;
  const ask = (page: number) => askPage(client, o, page);
  const head = await ask(first);
  if (head.items.length === 0) return;
  yield head.items;
  const total = pageCount(o, head.res);
  if (total === undefined) {
    // The first page counts against the same budget as in sequential mode.
    yield* pagesByNumber(client, { ...o, concurrency: 1, firstPage: first + 1, linkHeader: false, maxPages: maxPages - 1 });
    return;
  }
  if (total > maxPages) throw tooManyPages(maxPages, o.path, o.entity);
  const last = first + total - 1;
  const window: Promise<{ items: T[] }>[] = [];
  let next = first + 1;
  const fill = () => {
    while (next <= last && window.length < (o.concurrency ?? 1)) {
      const p = ask(next++);
      // Rejections are awaited in order below; this keeps an early failure from going unhandled meanwhile.
      p.catch(() => undefined);
      window.push(p);
    }
  };
  fill();
  while (window.length) {
    const { items } = await window.shift()!;
    fill();
    if (items.length === 0) return;
    yield items;
  }
}

export interface PagesByCursorOptions<T, C> {
  /** The request of one page; cursor undefined for the first one unless `first` is given. */
  request: (cursor: C | undefined) => HttpRequest;
  items: (res: HttpResponse<unknown>) => T[];
  /** The next cursor, or undefined/null at the end (Shopify pageInfo.hasNextPage false, no Wix cursors.next). */
  next: (res: HttpResponse<unknown>, items: T[]) => C | undefined | null;
  first?: C;
  maxPages?: number;
  entity?: string;
}

/** One page read by cursor: its items, the next cursor (undefined/null at the end), where it came from (for messages). */
export interface CursorPage<T, C> {
  items: T[];
  next: C | undefined | null;
  where: string;
}

/**
 * The cursor rules every cursor-paged read follows, whatever reads a page (an HTTP request, a GraphQL
 * document): empty pages are not yielded, a cursor seen twice stops with an error rather than
 * looping, and more than `maxPages` pages is an error, never a silent cut.
 */
export async function* cursorPages<T, C = string>(
  readPage: (cursor: C | undefined) => Promise<CursorPage<T, C>>, o: { first?: C; maxPages?: number; entity?: string } = {},
): AsyncGenerator<T[], void, undefined> {
  const maxPages = o.maxPages ?? DEFAULT_MAX_PAGES;
  const seen = new Set<string>();
  let cursor: C | undefined = o.first;
  for (let count = 1; ; count++) {
    const page = await readPage(cursor);
    if (page.items.length > 0) yield page.items;
    const next = page.next;
    if (next === undefined || next === null) return;
    const key = typeof next === 'string' ? next : JSON.stringify(next);
    if (seen.has(key) || (cursor !== undefined && next === cursor)) {
      throw new PasserelleError(msg('http.cursorRepeated', { url: page.where }), o.entity ?? 'shop');
    }
    if (count >= maxPages) throw tooManyPages(maxPages, page.where, o.entity);
    seen.add(key);
    cursor = next;
  }
}

/**
 * Cursor pages over HTTP (Shopify first/after, Wix cursorPaging, BigCommerce price-list after=); also fits
 * offset paging (PrestaShop limit=offset,count) with the offset as the cursor.
 */
export function pagesByCursor<T = unknown, C = string>(client: HttpClient, o: PagesByCursorOptions<T, C>): AsyncGenerator<T[], void, undefined> {
  return cursorPages<T, C>(async (cursor) => {
    const res = await client.request(o.request(cursor));
    const items = o.items(res);
    return { items, next: o.next(res, items), where: urlForMessage(res.url) };
  }, o);
}

/** Item by item over a page iterator, still one page in memory. */
export async function* eachItem<T>(pages: AsyncIterable<T[]>): AsyncGenerator<T, void, undefined> {
  for await (const page of pages) yield* page;
}
