/**
 * The Shopify simulator's customers: create with addresses, tags and consent; user errors for a
 * taken or malformed email; update; tags added and removed; search by tag, email and date.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startShopifySimulator, type ShopifySimulator } from '../simulators/shopify/server.js';
import { dataOf, gql } from './simulator-support.js';

let sim: ShopifySimulator;

const CREATE = 'mutation($i: CustomerInput!) { customerCreate(input: $i) { customer { id displayName tags defaultEmailAddress { emailAddress marketingState } defaultAddress { city zip countryCodeV2 company } } userErrors { field message } } }';
const UPDATE = 'mutation($i: CustomerInput!) { customerUpdate(input: $i) { customer { id firstName note taxExempt addressesV2(first: 5) { nodes { city } } } userErrors { field message } } }';

beforeAll(async () => {
  sim = await startShopifySimulator({ now: '2026-11-20T10:00:00Z' });
});
afterAll(async () => { await sim.close(); });

describe('customers', () => {
  it('creates a customer with address, tags and email consent, and refuses a taken or malformed email', async () => {
    const created = dataOf(await gql(sim, CREATE, { i: {
      firstName: 'Léa', lastName: 'Durand', email: 'lea@example.fr', tags: ['revendeur', 'tarif:B'],
      addresses: [{ address1: '3 rue des Lilas', city: 'Nantes', zip: '44000', countryCode: 'FR', company: 'Épicerie Léa' }],
      emailMarketingConsent: { marketingState: 'SUBSCRIBED', marketingOptInLevel: 'SINGLE_OPT_IN' },
    } })).customerCreate;
    expect(created.userErrors).toEqual([]);
    expect(created.customer).toMatchObject({
      displayName: 'Léa Durand', tags: ['revendeur', 'tarif:B'],
      defaultEmailAddress: { emailAddress: 'lea@example.fr', marketingState: 'SUBSCRIBED' },
      defaultAddress: { city: 'Nantes', zip: '44000', countryCodeV2: 'FR', company: 'Épicerie Léa' },
    });
    const taken = dataOf(await gql(sim, CREATE, { i: { email: 'LEA@example.fr' } })).customerCreate;
    expect(taken).toEqual({ customer: null, userErrors: [{ field: ['email'], message: 'Email has already been taken' }] });
    const bad = dataOf(await gql(sim, CREATE, { i: { email: 'lea-at-example' } })).customerCreate;
    expect(bad.userErrors).toEqual([{ field: ['email'], message: 'Email is invalid' }]);
    expect(sim.state.customers.size).toBe(1);
  });

  it('updates a customer (addresses replaced), adds and removes tags, and finds customers by tag and email', async () => {
    const id = dataOf(await gql(sim, '{ customers(first: 1, query: "email:lea@example.fr") { nodes { id } } }')).customers.nodes[0].id;
    sim.advance(3_600_000);
    const upd = dataOf(await gql(sim, UPDATE, { i: { id, firstName: 'Léa-Marie', note: 'Client GesCom CLI0042', taxExempt: true, addresses: [{ city: 'Angers', zip: '49000', countryCode: 'FR' }] } })).customerUpdate;
    expect(upd).toEqual({ customer: { id, firstName: 'Léa-Marie', note: 'Client GesCom CLI0042', taxExempt: true, addressesV2: { nodes: [{ city: 'Angers' }] } }, userErrors: [] });
    dataOf(await gql(sim, 'mutation($id: ID!) { tagsAdd(id: $id, tags: ["grossiste"]) { userErrors { message } } }', { id }));
    const removed = dataOf(await gql(sim, 'mutation($id: ID!) { tagsRemove(id: $id, tags: ["tarif:B"]) { node { ... on Customer { tags } } userErrors { message } } }', { id })).tagsRemove;
    expect(removed.node.tags).toEqual(['grossiste', 'revendeur']);
    const search = async (q: string) => (dataOf(await gql(sim, 'query($q: String) { customers(first: 10, query: $q) { nodes { id } } }', { q })).customers.nodes as { id: string }[]).map((n) => n.id);
    expect(await search('tag:grossiste')).toEqual([id]);
    expect(await search('tag:tarif:B')).toEqual([]);
    expect(await search("updated_at:>'2026-11-20T10:30:00Z'")).toEqual([id]);
    const unknown = dataOf(await gql(sim, UPDATE, { i: { id: 'gid://shopify/Customer/42', note: 'x' } })).customerUpdate;
    expect(unknown.userErrors).toEqual([{ field: ['id'], message: 'Customer does not exist' }]);
  });

  it('changes the email marketing consent, and needs an email to do so', async () => {
    const id = dataOf(await gql(sim, '{ customers(first: 1) { nodes { id } } }')).customers.nodes[0].id;
    const consent = 'mutation($i: CustomerEmailMarketingConsentUpdateInput!) { customerEmailMarketingConsentUpdate(input: $i) { customer { defaultEmailAddress { marketingState } } userErrors { field message code } } }';
    const off = dataOf(await gql(sim, consent, { i: { customerId: id, emailMarketingConsent: { marketingState: 'UNSUBSCRIBED' } } })).customerEmailMarketingConsentUpdate;
    expect(off).toEqual({ customer: { defaultEmailAddress: { marketingState: 'UNSUBSCRIBED' } }, userErrors: [] });
    const noEmail = dataOf(await gql(sim, CREATE, { i: { firstName: 'Prospect', phone: '+33612345678' } })).customerCreate.customer.id;
    const refused = dataOf(await gql(sim, consent, { i: { customerId: noEmail, emailMarketingConsent: { marketingState: 'SUBSCRIBED' } } })).customerEmailMarketingConsentUpdate;
    expect(refused.userErrors[0]).toMatchObject({ code: 'MISSING_ARGUMENT' });
  });
});
