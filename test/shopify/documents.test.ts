/**
 * Every document the Shopify adapter can send, validated against Shopify's own published schema
 * for Admin API 2026-10 (test/fixtures/shopify): a field, argument, input type or directive Shopify
 * would refuse fails here, and so does a deprecated one.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import { buildClientSchema, NoDeprecatedCustomRule, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ALL_DOCUMENTS, BULK_PRODUCT_SET_MUTATION, BULK_VARIANT_STATES_QUERY } from '../../src/shops/shopify/documents.js';

const schema: GraphQLSchema = buildClientSchema(JSON.parse(zlib.gunzipSync(
  fs.readFileSync(new URL('../fixtures/shopify/admin-2026-10.introspection.json.gz', import.meta.url)),
).toString('utf8')).data);

function problems(source: string): string[] {
  return validate(schema, parse(source), [...specifiedRules, NoDeprecatedCustomRule]).map((e) => e.message);
}

describe('Shopify documents against the published Admin API 2026-10 schema', () => {
  it.each(ALL_DOCUMENTS.map((d) => [d.name, d] as const))('%s is valid and uses nothing deprecated', (_name, d) => {
    expect(problems(d.source)).toEqual([]);
    expect(d.source.startsWith(`${d.kind} ${d.name}`)).toBe(true);
  });

  it('the inner documents of bulk operations are valid too', () => {
    expect(problems(BULK_VARIANT_STATES_QUERY)).toEqual([]);
    expect(problems(BULK_PRODUCT_SET_MUTATION)).toEqual([]);
  });

  it('names are unique, and a wrong field is caught (the check is not vacuous)', () => {
    expect(new Set(ALL_DOCUMENTS.map((d) => d.name)).size).toBe(ALL_DOCUMENTS.length);
    expect(problems('query X { shop { nameThatDoesNotExist } }')).toHaveLength(1);
    expect(problems('mutation X($i: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $i) @idempotent { userErrors { field } } }').length).toBeGreaterThan(0);
  });
});
