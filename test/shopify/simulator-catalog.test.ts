/**
 * The Shopify simulator's catalogue and stock: cursor pagination and search, productSet list
 * semantics and user errors, prices, metafields, collections, and inventorySetQuantities with
 * changeFromQuantity and the @idempotent key that 2026-10 requires.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShopifySimulator, type ShopifySimulator } from '../simulators/shopify/server.js';
import { dataOf, gql } from './simulator-support.js';

let sim: ShopifySimulator;
let location: string;

const SET = `mutation($input: ProductSetInput!, $identifier: ProductSetIdentifiers) {
  productSet(input: $input, identifier: $identifier) {
    product { id handle title variants(first: 10) { nodes { id sku price compareAtPrice selectedOptions { name value } inventoryItem { id } } } }
    userErrors { field message code }
  }
}`;

const SET_QTY = `mutation($input: InventorySetQuantitiesInput!, $key: String!) {
  inventorySetQuantities(input: $input) @idempotent(key: $key) {
    inventoryAdjustmentGroup { reason changes { name delta quantityAfterChange } }
    userErrors { field message code }
  }
}`;

async function available(item: string): Promise<number> {
  const d = dataOf(await gql(sim, `query($id: ID!, $loc: ID!) { inventoryItem(id: $id) { inventoryLevel(locationId: $loc) { quantities(names: ["available", "on_hand"]) { name quantity } } } }`, { id: item, loc: location }));
  return (d.inventoryItem.inventoryLevel.quantities as { name: string; quantity: number }[]).find((q) => q.name === 'available')!.quantity;
}

beforeAll(async () => {
  sim = await startShopifySimulator({ now: '2026-11-20T10:00:00Z' });
  location = dataOf(await gql(sim, '{ locations(first: 1) { nodes { id } } }')).locations.nodes[0].id;
});
afterAll(async () => { await sim.close(); });

describe('products', () => {
  it('pages with cursors (first/after, last/before) and finds a product by SKU', async () => {
    for (let i = 1; i <= 7; i++) {
      const r = dataOf(await gql(sim, SET, { input: { title: `Bonbon ${i}`, productOptions: [{ name: 'Title', values: [{ name: 'Default Title' }] }], variants: [{ optionValues: [{ optionName: 'Title', name: 'Default Title' }], sku: `BON-${i}`, price: '2.50' }] } }));
      expect(r.productSet.userErrors).toEqual([]);
    }
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const d: Record<string, any> = dataOf(await gql(sim, 'query($after: String) { products(first: 3, after: $after, query: "title:Bonbon*") { nodes { title } pageInfo { hasNextPage hasPreviousPage endCursor } } }', { after }));
      seen.push(...(d.products.nodes as { title: string }[]).map((n) => n.title));
      pages++;
      if (pages > 1) expect(d.products.pageInfo.hasPreviousPage).toBe(true);
      if (!d.products.pageInfo.hasNextPage) break;
      after = d.products.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(seen).toEqual(['Bonbon 1', 'Bonbon 2', 'Bonbon 3', 'Bonbon 4', 'Bonbon 5', 'Bonbon 6', 'Bonbon 7']);
    const last = dataOf(await gql(sim, '{ products(last: 2, query: "title:Bonbon*") { nodes { title } pageInfo { hasPreviousPage } } }'));
    expect(last.products.nodes).toEqual([{ title: 'Bonbon 6' }, { title: 'Bonbon 7' }]);
    expect(last.products.pageInfo.hasPreviousPage).toBe(true);
    const bySku = dataOf(await gql(sim, '{ productVariants(first: 5, query: "sku:BON-4") { nodes { sku product { title } } } }'));
    expect(bySku.productVariants.nodes).toEqual([{ sku: 'BON-4', product: { title: 'Bonbon 4' } }]);
  });

  it('productSet replaces the variant list: kept variants keep their ids, missing ones are deleted, new ones created', async () => {
    const options = (values: string[]) => [{ name: 'Poids', values: values.map((name) => ({ name })) }];
    const variant = (w: string, price: string) => ({ optionValues: [{ optionName: 'Poids', name: w }], sku: `TAB-${w}`, price });
    const first = dataOf(await gql(sim, SET, { input: { title: 'Tablette noire', handle: 'tablette-noire', productOptions: options(['100g', '200g']), variants: [variant('100g', '4.90'), variant('200g', '8.50')] } })).productSet;
    expect(first.userErrors).toEqual([]);
    const [v100] = first.product.variants.nodes;
    const second = dataOf(await gql(sim, SET, {
      identifier: { handle: 'tablette-noire' },
      input: { productOptions: options(['100g', '500g']), variants: [variant('100g', '5.10'), { ...variant('500g', '19.00'), compareAtPrice: '21.00' }] },
    })).productSet;
    expect(second.userErrors).toEqual([]);
    expect(second.product.id).toBe(first.product.id);
    expect(second.product.variants.nodes.map((v: { sku: string; price: string; compareAtPrice: string | null }) => [v.sku, v.price, v.compareAtPrice])).toEqual([['TAB-100g', '5.10', null], ['TAB-500g', '19.00', '21.00']]);
    expect(second.product.variants.nodes[0].id).toBe(v100.id);
    expect(second.product.variants.nodes[0].inventoryItem.id).toBe(v100.inventoryItem.id);
    expect(dataOf(await gql(sim, '{ productVariants(first: 5, query: "sku:TAB-200g") { nodes { id } } }')).productVariants.nodes).toEqual([]);
  });

  it('creates a product with productCreate, adds variants with productVariantsBulkCreate, and runs productSet asynchronously', async () => {
    const created = dataOf(await gql(sim, 'mutation($p: ProductCreateInput!) { productCreate(product: $p) { product { id handle variants(first: 5) { nodes { id title } } } userErrors { field message } } }', {
      p: { title: 'Caramel beurre salé', vendor: 'Atelier', productOptions: [{ name: 'Poids', values: [{ name: '150g' }] }] },
    })).productCreate;
    expect(created.userErrors).toEqual([]);
    expect(created.product.handle).toBe('caramel-beurre-sale');
    expect(created.product.variants.nodes.map((v: { title: string }) => v.title)).toEqual(['150g']);
    const added = dataOf(await gql(sim, 'mutation($id: ID!, $v: [ProductVariantsBulkInput!]!) { productVariantsBulkCreate(productId: $id, variants: $v) { product { options { name values } } productVariants { title price inventoryQuantity } userErrors { field message code } } }', {
      id: created.product.id, v: [{ optionValues: [{ optionName: 'Poids', name: '300g' }], price: '7.20', inventoryQuantities: [{ locationId: location, availableQuantity: 4 }] }],
    })).productVariantsBulkCreate;
    expect(added.userErrors).toEqual([]);
    expect(added.product.options).toEqual([{ name: 'Poids', values: ['150g', '300g'] }]);
    expect(added.productVariants).toEqual([{ title: '300g', price: '7.20', inventoryQuantity: 4 }]);

    const op = dataOf(await gql(sim, 'mutation($i: ProductSetInput!) { productSet(input: $i, synchronous: false) { product { id } productSetOperation { id status } userErrors { message } } }', { i: { title: 'Nougat' } })).productSet;
    expect(op.product).toBeNull();
    expect(op.productSetOperation.status).toBe('CREATED');
    const statuses: string[] = [];
    for (let i = 0; i < 3; i++) statuses.push(dataOf(await gql(sim, 'query($id: ID!) { productOperation(id: $id) { status product { title } } }', { id: op.productSetOperation.id })).productOperation.status);
    expect(statuses).toEqual(['CREATED', 'ACTIVE', 'COMPLETE']);
  });

  it('returns user errors with the field path: taken handle, unknown option value, invalid price, missing options', async () => {
    const taken = dataOf(await gql(sim, SET, { input: { title: 'Autre', handle: 'tablette-noire' } })).productSet;
    expect(taken.product).toBeNull();
    expect(taken.userErrors).toEqual([{ field: ['input', 'handle'], message: "Handle 'tablette-noire' already in use. Please provide a new handle.", code: 'HANDLE_NOT_UNIQUE' }]);
    const badValue = dataOf(await gql(sim, SET, { input: { title: 'X', productOptions: [{ name: 'Poids', values: [{ name: '1kg' }] }], variants: [{ optionValues: [{ optionName: 'Poids', name: '2kg' }] }] } })).productSet;
    expect(badValue.userErrors[0]).toMatchObject({ field: ['input', 'variants', '0', 'optionValues', '0', 'name'], code: 'OPTION_VALUE_DOES_NOT_EXIST' });
    const badPrice = dataOf(await gql(sim, SET, { input: { title: 'X', productOptions: [{ name: 'Poids', values: [{ name: '1kg' }] }], variants: [{ optionValues: [{ optionName: 'Poids', name: '1kg' }], price: '-1' }] } })).productSet;
    expect(badPrice.userErrors[0]).toMatchObject({ field: ['input', 'variants', '0', 'price'] });
    const noOptions = dataOf(await gql(sim, SET, { input: { title: 'X', variants: [{ optionValues: [{ optionName: 'Poids', name: '1kg' }] }] } })).productSet;
    expect(noOptions.userErrors[0]).toMatchObject({ field: ['input', 'productOptions'], code: 'PRODUCT_OPTIONS_INPUT_MISSING' });
    expect(dataOf(await gql(sim, '{ products(first: 5, query: "title:X") { nodes { id } } }')).products.nodes).toEqual([]);
  });

  it('updates prices and compare-at prices with productVariantsBulkUpdate, refusing a variant of another product', async () => {
    const p = dataOf(await gql(sim, '{ products(first: 1, query: "handle:tablette-noire") { nodes { id variants(first: 5) { nodes { id sku } } } } }')).products.nodes[0];
    const other = dataOf(await gql(sim, '{ productVariants(first: 1, query: "sku:BON-1") { nodes { id } } }')).productVariants.nodes[0].id;
    const upd = `mutation($p: ID!, $v: [ProductVariantsBulkInput!]!) { productVariantsBulkUpdate(productId: $p, variants: $v) { productVariants { sku price compareAtPrice } userErrors { field message code } } }`;
    const ok = dataOf(await gql(sim, upd, { p: p.id, v: [{ id: p.variants.nodes[0].id, price: '4.50', compareAtPrice: '5.10' }] })).productVariantsBulkUpdate;
    expect(ok.productVariants).toEqual([{ sku: 'TAB-100g', price: '4.50', compareAtPrice: '5.10' }]);
    const bad = dataOf(await gql(sim, upd, { p: p.id, v: [{ id: other, price: '1.00' }] })).productVariantsBulkUpdate;
    expect(bad.userErrors).toEqual([{ field: ['variants', '0', 'id'], message: 'Product variant does not belong to the product', code: 'MUST_BE_FOR_THIS_PRODUCT' }]);
    expect(dataOf(await gql(sim, '{ productVariants(first: 1, query: "sku:BON-1") { nodes { price } } }')).productVariants.nodes[0].price).toBe('2.50');
  });

  it('sets metafields atomically (at most 25) and reads them back; collections gather products', async () => {
    const p = dataOf(await gql(sim, '{ products(first: 1, query: "handle:tablette-noire") { nodes { id } } }')).products.nodes[0].id;
    const set = 'mutation($m: [MetafieldsSetInput!]!) { metafieldsSet(metafields: $m) { metafields { key value } userErrors { field message code elementIndex } } }';
    const bad = dataOf(await gql(sim, set, { m: [
      { ownerId: p, namespace: 'custom', key: 'reference_maitre', type: 'single_line_text_field', value: 'TAB' },
      { ownerId: p, namespace: 'custom', key: 'poids', type: 'number_integer', value: 'lourd' },
    ] })).metafieldsSet;
    expect(bad.userErrors).toEqual([{ field: ['metafields', '1', 'value'], message: 'Value must be an integer.', code: 'INVALID_VALUE', elementIndex: 1 }]);
    expect(dataOf(await gql(sim, 'query($id: ID!) { product(id: $id) { metafield(namespace: "custom", key: "reference_maitre") { value } } }', { id: p })).product.metafield).toBeNull();
    const ok = dataOf(await gql(sim, set, { m: [{ ownerId: p, namespace: 'custom', key: 'reference_maitre', type: 'single_line_text_field', value: 'TAB' }] })).metafieldsSet;
    expect(ok.userErrors).toEqual([]);
    expect(dataOf(await gql(sim, 'query($id: ID!) { product(id: $id) { metafield(namespace: "custom", key: "reference_maitre") { value type } } }', { id: p })).product.metafield).toEqual({ value: 'TAB', type: 'single_line_text_field' });
    const tooMany = dataOf(await gql(sim, set, { m: Array.from({ length: 26 }, (_, i) => ({ ownerId: p, namespace: 'custom', key: `k${i}`, type: 'single_line_text_field', value: 'v' })) })).metafieldsSet;
    expect(tooMany.userErrors[0].message).toMatch(/maximum metafields input limit of 25/);

    const c = dataOf(await gql(sim, 'mutation { collectionCreate(input: { title: "Chocolats noirs" }) { collection { id handle } userErrors { message } } }')).collectionCreate.collection;
    expect(c.handle).toBe('chocolats-noirs');
    const add = dataOf(await gql(sim, 'mutation($id: ID!, $p: [ID!]!) { collectionAddProducts(id: $id, productIds: $p) { collection { products(first: 5) { nodes { id } } } userErrors { message } } }', { id: c.id, p: [p] })).collectionAddProducts;
    expect(add.collection.products.nodes).toEqual([{ id: p }]);
    expect(dataOf(await gql(sim, 'query($id: ID!) { product(id: $id) { collections(first: 5) { nodes { title } } } }', { id: p })).product.collections.nodes).toEqual([{ title: 'Chocolats noirs' }]);
  });
});

describe('inventorySetQuantities', () => {
  let item: string;
  beforeAll(async () => {
    item = dataOf(await gql(sim, '{ productVariants(first: 1, query: "sku:BON-2") { nodes { inventoryItem { id } } } }')).productVariants.nodes[0].inventoryItem.id;
  });
  const input = (quantity: number, changeFromQuantity?: number | null) => ({
    name: 'available', reason: 'correction', referenceDocumentUri: 'passerelle://stock/1',
    quantities: [{ inventoryItemId: item, locationId: location, quantity, ...(changeFromQuantity !== undefined ? { changeFromQuantity } : {}) }],
  });

  it('applies a quantity whose changeFromQuantity matches, and refuses a stale one without applying it', async () => {
    expect(await available(item)).toBe(0);
    const ok = dataOf(await gql(sim, SET_QTY, { input: input(12, 0), key: 'k-1' })).inventorySetQuantities;
    expect(ok.userErrors).toEqual([]);
    expect(ok.inventoryAdjustmentGroup.changes).toContainEqual({ name: 'available', delta: 12, quantityAfterChange: 12 });
    expect(await available(item)).toBe(12);
    const stale = dataOf(await gql(sim, SET_QTY, { input: input(20, 0), key: 'k-2' })).inventorySetQuantities;
    expect(stale.inventoryAdjustmentGroup).toBeNull();
    expect(stale.userErrors).toEqual([{ field: ['input', 'quantities', '0', 'changeFromQuantity'], message: 'The changeFromQuantity value does not match persisted value.', code: 'CHANGE_FROM_QUANTITY_STALE' }]);
    expect(await available(item)).toBe(12);
  });

  it('wants changeFromQuantity on every quantity: omitted is refused, an explicit null opts out', async () => {
    const omitted = dataOf(await gql(sim, SET_QTY, { input: input(30), key: 'k-3' })).inventorySetQuantities;
    expect(omitted.userErrors[0]).toMatchObject({ field: ['input', 'quantities', '0', 'changeFromQuantity'] });
    expect(await available(item)).toBe(12);
    const optOut = dataOf(await gql(sim, SET_QTY, { input: input(30, null), key: 'k-4' })).inventorySetQuantities;
    expect(optOut.userErrors).toEqual([]);
    expect(await available(item)).toBe(30);
  });

  it('applies a retried call with the same idempotency key once, and refuses the key with another input', async () => {
    const first = dataOf(await gql(sim, SET_QTY, { input: input(31, 30), key: 'retry-key' })).inventorySetQuantities;
    const retry = dataOf(await gql(sim, SET_QTY, { input: input(31, 30), key: 'retry-key' })).inventorySetQuantities;
    expect(retry).toEqual(first);
    expect(await available(item)).toBe(31);
    const other = dataOf(await gql(sim, SET_QTY, { input: input(40, 31), key: 'retry-key' })).inventorySetQuantities;
    expect(other.userErrors).toEqual([{ field: ['input'], message: 'The same idempotency key cannot be used with different operation parameters.', code: 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH' }]);
    expect(await available(item)).toBe(31);
    expect(sim.stats.byField.inventorySetQuantities).toBeGreaterThanOrEqual(3);
  });

  it('refuses the mutation without the @idempotent directive', async () => {
    const r = await gql(sim, 'mutation($input: InventorySetQuantitiesInput!) { inventorySetQuantities(input: $input) { userErrors { code } } }', { input: input(50, 31) });
    expect(r.body.data).toBeUndefined();
    expect(r.body.errors?.[0]).toMatchObject({ path: ['inventorySetQuantities'], extensions: { code: 'BAD_REQUEST' } });
    expect(r.body.errors?.[0]?.message).toMatch(/@idempotent directive is required/);
    expect(await available(item)).toBe(31);
  });

  it('refuses an unknown location or item and an invalid reason, applying nothing of the call', async () => {
    const r = dataOf(await gql(sim, SET_QTY, { key: 'k-5', input: {
      name: 'available', reason: 'because',
      quantities: [{ inventoryItemId: item, locationId: location, quantity: 1, changeFromQuantity: 31 }, { inventoryItemId: 'gid://shopify/InventoryItem/9', locationId: location, quantity: 1, changeFromQuantity: null }],
    } })).inventorySetQuantities;
    expect(r.userErrors.map((e: { code: string }) => e.code)).toEqual(['INVALID_REASON', 'INVALID_INVENTORY_ITEM']);
    expect(await available(item)).toBe(31);
  });
});
