/**
 * Shopify's published Admin GraphQL schema (2026-10), loaded once from the recorded introspection
 * (test/fixtures/shopify/admin-2026-10.introspection.json.gz). Used by the Shopify simulator to
 * refuse what Shopify refuses, and by the adapter's tests to check every document it can send.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import {
  buildClientSchema, parse, validate, GraphQLError, type DocumentNode, type GraphQLSchema, type IntrospectionQuery,
} from 'graphql';

export const SHOPIFY_API_VERSION = '2026-10';
const FIXTURE = path.join('test', 'fixtures', 'shopify', `admin-${SHOPIFY_API_VERSION}.introspection.json.gz`);

let cached: GraphQLSchema | undefined;

/** The fixture, found from this module's directory upwards (it runs from test/ under vitest and from dist/test/ once built). */
function fixturePath(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = path.join(dir, FIXTURE);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Shopify schema fixture not found (${FIXTURE}) above ${path.dirname(fileURLToPath(import.meta.url))}`);
    dir = parent;
  }
}

/** The Admin API 2026-10 schema (built on first use, then shared). */
export function shopifySchema(): GraphQLSchema {
  if (!cached) {
    const json = JSON.parse(zlib.gunzipSync(fs.readFileSync(fixturePath())).toString('utf8')) as { data: IntrospectionQuery };
    cached = buildClientSchema(json.data, { assumeValid: true });
  }
  return cached;
}

/** Parses and validates a document against the published schema: [] when Shopify would accept it. */
export function validateShopifyDocument(source: string | DocumentNode): readonly GraphQLError[] {
  let document: DocumentNode;
  if (typeof source === 'string') {
    try {
      document = parse(source);
    } catch (e) {
      if (e instanceof GraphQLError) return [e];
      throw e;
    }
  } else {
    document = source;
  }
  return validate(shopifySchema(), document);
}
