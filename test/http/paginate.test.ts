import { describe, expect, it } from 'vitest';
import type http from 'node:http';
import { eachItem, nextLink, pagesByCursor, pagesByNumber } from '../../src/http/paginate.js';
import { queryStringAuth } from '../../src/http/auth.js';
import { json } from './support/servers.js';
import { useLifecycle } from './support/lifecycle.js';

const { server, client } = useLifecycle();

const ITEMS = Array.from({ length: 7 }, (_, i) => ({ id: i + 1 }));

/** A WooCommerce-like collection: 7 items, X-WP-Total(Pages), and a Link header echoing the request's query. */
function wooCollection(opts: { link: boolean; totals: boolean; linkOrigin?: string }) {
  return (req: http.IncomingMessage, res: http.ServerResponse) => {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const page = Number(url.searchParams.get('page') ?? '1');
    const perPage = Number(url.searchParams.get('per_page') ?? '10');
    const pages = Math.ceil(ITEMS.length / perPage);
    const headers: Record<string, string> = {};
    if (opts.totals) {
      headers['x-wp-total'] = String(ITEMS.length);
      headers['x-wp-totalpages'] = String(pages);
    }
    if (opts.link) {
      const at = (p: number) => {
        const u = new URL(url.pathname, opts.linkOrigin ?? `http://${req.headers.host}`);
        // WordPress rebuilds links from every request parameter, credentials included.
        for (const [k, v] of url.searchParams) u.searchParams.set(k, v);
        u.searchParams.set('page', String(p));
        return u.toString();
      };
      const rels = [`<${at(pages)}>; rel="last"`];
      if (page < pages) rels.unshift(`<${at(page + 1)}>; rel="next"`);
      if (page > 1) rels.unshift(`<${at(page - 1)}>; rel="prev"`);
      headers.link = rels.join(', ');
    }
    json(res, 200, ITEMS.slice((page - 1) * perPage, page * perPage), headers);
  };
}

async function collect<T>(it: AsyncIterable<T[]>): Promise<T[][]> {
  const pages: T[][] = [];
  for await (const p of it) pages.push(p);
  return pages;
}

describe('pagesByNumber', () => {
  it('follows Link rel="next" (3 pages, last short) and re-signs instead of reusing echoed credentials', async () => {
    const s = await server(wooCollection({ link: true, totals: true }));
    const { client: c } = client(`${s.url}/wp-json/wc/v3/`, { auth: queryStringAuth({ consumer_key: 'ck_abcdefgh', consumer_secret: 'cs_abcdefgh' }) });
    const pages = await collect(pagesByNumber<{ id: number }>(c, { path: 'products', query: { status: 'publish' }, perPage: 3, linkHeader: true }));
    expect(pages.map((p) => p.map((i) => i.id))).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(s.requests).toHaveLength(3);
    for (const r of s.requests) {
      const q = new URL(r.url, s.url).searchParams;
      expect(q.getAll('consumer_key')).toEqual(['ck_abcdefgh']);
      expect(q.get('status')).toBe('publish');
    }
  });

  it('uses X-WP-TotalPages without Link', async () => {
    const s = await server(wooCollection({ link: false, totals: true }));
    const { client: c } = client(s.url);
    const pages = await collect(pagesByNumber(c, { path: 'orders', perPage: 3, totalPagesHeader: 'X-WP-TotalPages', linkHeader: true }));
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(s.requests.map((r) => new URL(r.url, s.url).searchParams.get('page'))).toEqual(['1', '2', '3']);
  });

  it('stops at a short page without any header, and asks no page past an exact fit', async () => {
    const s = await server(wooCollection({ link: false, totals: false }));
    const { client: c } = client(s.url);
    expect((await collect(pagesByNumber(c, { path: 'x', perPage: 3 }))).map((p) => p.length)).toEqual([3, 3, 1]);
    expect(s.requests).toHaveLength(3);
    // 7 items by 7: one full page, then an empty one ends it.
    const pages = await collect(pagesByNumber(c, { path: 'x', perPage: 7 }));
    expect(pages.map((p) => p.length)).toEqual([7]);
  });

  it('does not follow a Link to another origin: asks the next page by number', async () => {
    const s = await server(wooCollection({ link: true, totals: true, linkOrigin: 'http://other.example' }));
    const { client: c } = client(s.url);
    const pages = await collect(pagesByNumber(c, { path: 'x', perPage: 3, linkHeader: true, totalPagesHeader: 'x-wp-totalpages' }));
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
  });

  it('reads items and page counts from a body envelope (BigCommerce v3)', async () => {
    const s = await server((req, res) => {
      const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page'));
      json(res, 200, { data: ITEMS.slice((page - 1) * 5, page * 5), meta: { pagination: { total_pages: 2 } } });
    });
    const { client: c } = client(s.url);
    const pages = await collect(pagesByNumber<{ id: number }>(c, {
      path: 'catalog/products', perPage: 5, perPageParam: 'limit',
      items: (r) => (r.data as { data: { id: number }[] }).data,
      totalPages: (r) => (r.data as { meta: { pagination: { total_pages: number } } }).meta.pagination.total_pages,
    }));
    expect(pages.map((p) => p.length)).toEqual([5, 2]);
    expect(s.requests[0]?.url).toBe('/catalog/products?page=1&limit=5');
  });

  it('with concurrency: the page count from the first answer, then several pages in flight, yielded in order', async () => {
    let inFlight = 0;
    let most = 0;
    const collection = wooCollection({ link: true, totals: true });
    const s = await server((req, res) => {
      inFlight++;
      most = Math.max(most, inFlight);
      const page = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('page'));
      // Later pages answer first: the order of the yield must not follow the order of the answers.
      setTimeout(() => {
        inFlight--;
        collection(req, res);
      }, page === 2 ? 60 : 10);
    });
    const { client: c } = client(`${s.url}/`);
    const pages = await collect(pagesByNumber<{ id: number }>(c, { path: 'products', perPage: 2, totalPagesHeader: 'x-wp-totalpages', linkHeader: true, concurrency: 3 }));
    expect(pages.map((p) => p.map((i) => i.id))).toEqual([[1, 2], [3, 4], [5, 6], [7]]);
    expect(s.requests).toHaveLength(4);
    expect(most).toBe(3);
  });

  it('with concurrency but no page count: one page at a time to a short page', async () => {
    const s = await server(wooCollection({ link: false, totals: false }));
    const { client: c } = client(`${s.url}/`);
    const pages = await collect(pagesByNumber<{ id: number }>(c, { path: 'products', perPage: 3, concurrency: 4 }));
    expect(pages.map((p) => p.map((i) => i.id))).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
    expect(s.requests).toHaveLength(3);
  });

  it('parses Link headers', () => {
    expect(nextLink('<https://s/x?page=3>; rel="last", <https://s/x?page=2>; rel="next"')).toBe('https://s/x?page=2');
    expect(nextLink('<https://s/x?page=1>; rel="prev"')).toBeUndefined();
    expect(nextLink('<https://s/x?a=1,2>; title="a, b"; rel=next')).toBe('https://s/x?a=1,2');
    expect(nextLink(undefined)).toBeUndefined();
  });
});

describe('pagesByCursor', () => {
  it('walks cursors to the end and flattens with eachItem', async () => {
    const s = await server((_req, res, body) => {
      const after = (JSON.parse(body) as { variables: { after: string | null } }).variables.after;
      const start = after === null ? 0 : Number(after);
      const nodes = ITEMS.slice(start, start + 3);
      json(res, 200, { data: { products: { nodes, pageInfo: { hasNextPage: start + 3 < ITEMS.length, endCursor: String(start + 3) } } } });
    });
    const { client: c } = client(s.url);
    type Page = { data: { products: { nodes: { id: number }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } };
    const ids: number[] = [];
    for await (const item of eachItem(pagesByCursor<{ id: number }>(c, {
      request: (after) => ({ method: 'POST', path: 'graphql.json', json: { query: 'q', variables: { after: after ?? null } }, idempotent: true }),
      items: (r) => (r.data as Page).data.products.nodes,
      next: (r) => {
        const info = (r.data as Page).data.products.pageInfo;
        return info.hasNextPage ? info.endCursor : undefined;
      },
    }))) ids.push(item.id);
    expect(ids).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(s.requests).toHaveLength(3);
  });

  it('pages by offset (PrestaShop limit=offset,count) and refuses a repeated cursor', async () => {
    const s = await server((req, res) => {
      const [offset, count] = (new URL(req.url ?? '/', 'http://x').searchParams.get('limit') ?? '0,0').split(',').map(Number);
      const rows = ITEMS.slice(offset, (offset ?? 0) + (count ?? 0));
      json(res, 200, rows.length ? { products: rows } : []);
    });
    const { client: c } = client(s.url);
    const pages = await collect(pagesByCursor<{ id: number }, number>(c, {
      first: 0,
      request: (offset) => ({ method: 'GET', path: 'products', query: { limit: `${offset ?? 0},3`, output_format: 'JSON' } }),
      items: (r) => (Array.isArray(r.data) ? [] : (r.data as { products: { id: number }[] }).products),
      next: (_r, items) => (items.length < 3 ? undefined : (s.requests.length) * 3),
    }));
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);

    const stuck = pagesByCursor(c, { request: () => ({ method: 'GET', path: 'products' }), items: () => [1], next: () => 'same' });
    await expect(collect(stuck)).rejects.toThrow('paging cursor repeated');
  });
});
