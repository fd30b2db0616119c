/** Helpers of the Shopify simulator's own tests: a GraphQL POST as an app makes it. */
import type { GraphQLBody, ShopifySimulator } from '../simulators/shopify/server.js';

export interface GqlError { message: string; locations?: { line: number; column: number }[]; path?: (string | number)[]; extensions?: Record<string, unknown> }
export interface GqlResponse { status: number; headers: Headers; body: Omit<GraphQLBody, 'errors'> & { errors?: GqlError[] } & Record<string, unknown> }

export async function gql(sim: ShopifySimulator, query: string, variables?: Record<string, unknown>, opts: { token?: string; version?: string } = {}): Promise<GqlResponse> {
  const res = await fetch(`${sim.url}/admin/api/${opts.version ?? sim.apiVersion}/graphql.json`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Shopify-Access-Token': opts.token ?? sim.adminToken },
    body: JSON.stringify({ query, ...(variables ? { variables } : {}) }),
  });
  return { status: res.status, headers: res.headers, body: (await res.json()) as GqlResponse['body'] };
}

/** data of a successful response (fails the test with the errors otherwise). */
export function dataOf<T = Record<string, any>>(r: GqlResponse): T {
  if (r.body.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(r.body.errors)}`);
  return r.body.data as T;
}
