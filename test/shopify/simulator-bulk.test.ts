/**
 * The Shopify simulator's bulk operations and staged uploads: a bulk query goes CREATED → RUNNING →
 * COMPLETED as it is polled and its JSONL (children with __parentId) is served; a bulk mutation
 * reads its variables from a multipart staged upload; an image uploaded by PUT becomes product media.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShopifySimulator, type ShopifySimulator } from '../simulators/shopify/server.js';
import { dataOf, gql } from './simulator-support.js';

let sim: ShopifySimulator;

const POLL = '{ currentBulkOperation(type: QUERY) { id status objectCount rootObjectCount url errorCode } }';
const POLL_MUTATION = '{ currentBulkOperation(type: MUTATION) { id status objectCount url errorCode } }';
const STAGE = `mutation($input: [StagedUploadInput!]!) { stagedUploadsCreate(input: $input) { stagedTargets { url resourceUrl parameters { name value } } userErrors { field message } } }`;

beforeAll(async () => {
  sim = await startShopifySimulator({ now: '2026-11-20T10:00:00Z' });
  for (const [title, skus] of [['Ganache', ['GAN-1', 'GAN-2']], ['Truffe', ['TRU-1']]] as const) {
    dataOf(await gql(sim, 'mutation($i: ProductSetInput!) { productSet(input: $i) { userErrors { message } } }', { i: {
      title, productOptions: [{ name: 'Format', values: skus.map((s) => ({ name: s })) }],
      variants: skus.map((s, n) => ({ optionValues: [{ optionName: 'Format', name: s }], sku: s, price: `${n + 3}.00` })),
    } }));
  }
});
afterAll(async () => { await sim.close(); });

describe('bulk query', () => {
  it('runs through CREATED, RUNNING, COMPLETED as it is polled, and serves the JSONL with __parentId', async () => {
    const run = dataOf(await gql(sim, 'mutation($q: String!) { bulkOperationRunQuery(query: $q) { bulkOperation { id status } userErrors { field message code } } }', {
      q: '{ products { edges { node { id title variants { edges { node { id sku price } } } } } } }',
    })).bulkOperationRunQuery;
    expect(run.userErrors).toEqual([]);
    expect(run.bulkOperation.status).toBe('CREATED');
    const second = dataOf(await gql(sim, 'mutation { bulkOperationRunQuery(query: "{ products { edges { node { id } } } }") { bulkOperation { id } userErrors { code } } }')).bulkOperationRunQuery;
    expect(second.userErrors).toEqual([{ code: 'OPERATION_IN_PROGRESS' }]);

    const statuses: string[] = [];
    let op: { status: string; url: string | null; objectCount: string; rootObjectCount: string } | undefined;
    for (let i = 0; i < 20; i++) {
      op = dataOf(await gql(sim, POLL)).currentBulkOperation;
      statuses.push(op!.status);
      if (op!.status === 'COMPLETED') break;
    }
    // At least one poll sees it RUNNING (bulkRunningPolls: 1) before it completes.
    expect(statuses.slice(0, 2)).toEqual(['RUNNING', 'RUNNING']);
    expect(statuses.at(-1)).toBe('COMPLETED');
    expect(op!.objectCount).toBe('5');
    expect(op!.rootObjectCount).toBe('2');
    const res = await fetch(op!.url!);
    expect(res.headers.get('content-type')).toBe('application/jsonl');
    const lines = (await res.text()).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const ganache = lines.find((l) => l.title === 'Ganache')!;
    expect(ganache).toEqual({ id: expect.stringMatching(/^gid:\/\/shopify\/Product\//), title: 'Ganache' });
    expect(lines.filter((l) => l.__parentId === ganache.id).map((l) => [l.sku, l.price])).toEqual([['GAN-1', '3.00'], ['GAN-2', '4.00']]);
    expect(lines.filter((l) => typeof l.sku === 'string').every((l) => typeof l.__parentId === 'string')).toBe(true);
  });

  it('refuses a bulk query without a connection or nested too deep, and can be made to fail', async () => {
    const none = dataOf(await gql(sim, 'mutation { bulkOperationRunQuery(query: "{ shop { name } }") { userErrors { message code } } }')).bulkOperationRunQuery;
    expect(none.userErrors[0]).toMatchObject({ code: 'INVALID' });
    const deep = dataOf(await gql(sim, 'mutation($q: String!) { bulkOperationRunQuery(query: $q) { userErrors { message code } } }', {
      q: '{ products { edges { node { collections { edges { node { products { edges { node { id } } } } } } } } } }',
    })).bulkOperationRunQuery;
    expect(deep.userErrors[0].message).toMatch(/nesting depth/);
    sim.failNextBulkOperation('INTERNAL_SERVER_ERROR');
    dataOf(await gql(sim, 'mutation { bulkOperationRunQuery(query: "{ products { edges { node { id } } } }") { userErrors { code } } }'));
    await sim.completeBulkOperations();
    expect(dataOf(await gql(sim, POLL)).currentBulkOperation).toMatchObject({ status: 'FAILED', errorCode: 'INTERNAL_SERVER_ERROR', url: null });
  });
});

describe('staged uploads', () => {
  it('takes the JSONL of a bulk mutation by multipart POST and runs the mutation on every line', async () => {
    const target = dataOf(await gql(sim, STAGE, { input: [{ resource: 'BULK_MUTATION_VARIABLES', filename: 'prix.jsonl', mimeType: 'text/jsonl', httpMethod: 'POST' }] })).stagedUploadsCreate.stagedTargets[0];
    const key = (target.parameters as { name: string; value: string }[]).find((p) => p.name === 'key')!.value;
    const variants = dataOf(await gql(sim, '{ products(first: 5) { nodes { id variants(first: 5) { nodes { id sku } } } } }')).products.nodes as { id: string; variants: { nodes: { id: string; sku: string }[] } }[];
    const jsonl = variants.map((p) => JSON.stringify({ productId: p.id, variants: p.variants.nodes.map((v) => ({ id: v.id, price: v.sku === 'TRU-1' ? 'abc' : '9.90' })) })).join('\n');

    // A form without the signature is refused, as Google Cloud Storage refuses it.
    const unsigned = new FormData();
    unsigned.set('key', key);
    unsigned.set('file', new Blob([jsonl]), 'prix.jsonl');
    expect((await fetch(target.url, { method: 'POST', body: unsigned })).status).toBe(403);

    const form = new FormData();
    for (const p of target.parameters as { name: string; value: string }[]) form.set(p.name, p.value);
    form.set('file', new Blob([jsonl], { type: 'text/jsonl' }), 'prix.jsonl');
    const up = await fetch(target.url, { method: 'POST', body: form });
    expect(up.status).toBe(201);
    expect(await up.text()).toContain(`<Key>${key}</Key>`);

    const run = dataOf(await gql(sim, 'mutation($m: String!, $p: String!) { bulkOperationRunMutation(mutation: $m, stagedUploadPath: $p) { bulkOperation { status } userErrors { message code } } }', {
      m: 'mutation call($productId: ID!, $variants: [ProductVariantsBulkInput!]!) { productVariantsBulkUpdate(productId: $productId, variants: $variants) { productVariants { sku price } userErrors { field message } } }',
      p: key,
    })).bulkOperationRunMutation;
    expect(run.userErrors).toEqual([]);
    await sim.completeBulkOperations();
    const op = dataOf(await gql(sim, POLL_MUTATION)).currentBulkOperation;
    expect(op).toMatchObject({ status: 'COMPLETED', objectCount: '2' });
    const results = (await (await fetch(op.url)).text()).trim().split('\n').map((l) => JSON.parse(l) as { data: { productVariantsBulkUpdate: { productVariants: { sku: string; price: string }[] | null; userErrors: unknown[] } }; __lineNumber: number });
    expect(results.map((r) => r.__lineNumber)).toEqual([0, 1]);
    const ok = results.find((r) => r.data.productVariantsBulkUpdate.productVariants)!;
    expect(ok.data.productVariantsBulkUpdate.productVariants).toEqual([{ sku: 'GAN-1', price: '9.90' }, { sku: 'GAN-2', price: '9.90' }]);
    const bad = results.find((r) => !r.data.productVariantsBulkUpdate.productVariants)!;
    expect(bad.data.productVariantsBulkUpdate.userErrors).toEqual([{ field: ['variants', '0', 'price'], message: 'price is invalid' }]);
    expect(dataOf(await gql(sim, '{ productVariants(first: 1, query: "sku:TRU-1") { nodes { price } } }')).productVariants.nodes[0].price).toBe('3.00');

    const missing = dataOf(await gql(sim, 'mutation { bulkOperationRunMutation(mutation: "mutation($i: ProductSetInput!) { productSet(input: $i) { userErrors { message } } }", stagedUploadPath: "tmp/nothing/here.jsonl") { userErrors { code } } }')).bulkOperationRunMutation;
    expect(missing.userErrors).toEqual([{ code: 'NO_SUCH_FILE' }]);
  });

  it('takes an image by PUT and makes it product media, UPLOADED at once then READY', async () => {
    const target = dataOf(await gql(sim, STAGE, { input: [{ resource: 'IMAGE', filename: 'ganache.png', mimeType: 'image/png', httpMethod: 'PUT' }] })).stagedUploadsCreate.stagedTargets[0];
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    expect((await fetch(target.url, { method: 'PUT', body: png, headers: { 'Content-Type': 'image/png' } })).status).toBe(200);
    const product = dataOf(await gql(sim, '{ products(first: 1, query: "title:Ganache") { nodes { id } } }')).products.nodes[0].id;
    const created = dataOf(await gql(sim, 'mutation($p: ID!, $m: [CreateMediaInput!]!) { productCreateMedia(productId: $p, media: $m) { media { ... on MediaImage { id status } } mediaUserErrors { code message } } }', {
      p: product, m: [{ originalSource: target.resourceUrl, mediaContentType: 'IMAGE', alt: 'Ganache' }],
    })).productCreateMedia;
    expect(created.mediaUserErrors).toEqual([]);
    expect(created.media[0].status).toBe('UPLOADED');
    const media = dataOf(await gql(sim, 'query($p: ID!) { product(id: $p) { media(first: 5) { nodes { alt status ... on MediaImage { image { url } } } } } }', { p: product })).product.media.nodes;
    expect(media).toMatchObject([{ alt: 'Ganache', status: 'READY' }]);
    const served = await fetch(media[0].image.url);
    expect(Buffer.from(await served.arrayBuffer()).equals(png)).toBe(true);

    // Media from a staged target never uploaded fails processing.
    const empty = dataOf(await gql(sim, STAGE, { input: [{ resource: 'IMAGE', filename: 'vide.png', mimeType: 'image/png' }] })).stagedUploadsCreate.stagedTargets[0];
    const file = dataOf(await gql(sim, 'mutation($f: [FileCreateInput!]!) { fileCreate(files: $f) { files { id } userErrors { message } } }', { f: [{ originalSource: empty.resourceUrl, contentType: 'IMAGE' }] })).fileCreate;
    const node = dataOf(await gql(sim, 'query($id: ID!) { node(id: $id) { ... on MediaImage { fileStatus fileErrors { message } } } }', { id: file.files[0].id })).node;
    expect(node.fileStatus).toBe('FAILED');
    expect(node.fileErrors[0].message).toMatch(/never completed/);
  });
});
