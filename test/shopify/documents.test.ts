/**
 * Every document the Shopify adapter can send, validated against Shopify's own published schema
 * for Admin API 2026-10 (test/fixtures/shopify, through test/support/shopify-schema.ts): a field,
 * argument, input type or directive Shopify would refuse fails here, and so does a deprecated one;
 * each query's calculated cost (the simulator's cost walk, as Shopify documents it) stays under the
 * 1,000-point single-query limit.
 */
import { NoDeprecatedCustomRule, parse, specifiedRules, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ALL_DOCUMENTS, BULK_PRODUCT_SET_MUTATION, BULK_PRODUCT_UPDATE, BULK_VARIANT_STATES_QUERY, bulkVariantStatesQuery } from '../../src/shops/shopify/documents.js';
import { findOperation, MAX_QUERY_COST, queryCost } from '../simulators/shopify/cost.js';
import { shopifySchema, validateShopifyDocument } from '../support/shopify-schema.js';

function problems(source: string): string[] {
  return [
    ...validateShopifyDocument(source).map((e) => e.message),
    ...validate(shopifySchema(), parse(source), [NoDeprecatedCustomRule]).map((e) => e.message),
  ].filter((m, i, all) => all.indexOf(m) === i).filter((_m) => specifiedRules.length > 0);
}

describe('Shopify documents against the published Admin API 2026-10 schema', () => {
  it.each(ALL_DOCUMENTS.map((d) => [d.name, d] as const))('%s is valid, uses nothing deprecated and costs under 1,000 points', (_name, d) => {
    expect(problems(d.source)).toEqual([]);
    expect(d.source.startsWith(`${d.kind} ${d.name}`)).toBe(true);
    const document = parse(d.source);
    // The adapter's widest variables: pages are fixed in the documents, the rest does not change the cost.
    const cost = queryCost(shopifySchema(), document, findOperation(document)!, { scopeFirst: 50 });
    expect(cost.problems).toEqual([]);
    expect(cost.cost).toBeLessThanOrEqual(MAX_QUERY_COST);
  });

  it('the inner documents of bulk operations are valid too', () => {
    expect(problems(BULK_VARIANT_STATES_QUERY)).toEqual([]);
    // With the master reference's metafield written in (a bulk query takes no variables).
    expect(problems(bulkVariantStatesQuery({ namespace: 'custom', key: 'reference_maitre' }))).toEqual([]);
    expect(problems(BULK_PRODUCT_SET_MUTATION)).toEqual([]);
    expect(problems(BULK_PRODUCT_UPDATE)).toEqual([]);
    const q = parse(BULK_VARIANT_STATES_QUERY);
    expect(queryCost(shopifySchema(), q, findOperation(q)!, {}, undefined, { bulk: true }).problems).toEqual([]);
  });

  it('names are unique, and a wrong field or a missing directive argument is caught (the check is not vacuous)', () => {
    expect(new Set(ALL_DOCUMENTS.map((d) => d.name)).size).toBe(ALL_DOCUMENTS.length);
    expect(problems('query X { shop { nameThatDoesNotExist } }')).toHaveLength(1);
    expect(problems('mutation X($i: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $i) @idempotent { userErrors { field } } }').length).toBeGreaterThan(0);
    expect(problems('{ customers(first: 1) { nodes { email } } }')[0]).toMatch(/deprecated/);
  });
});
