/**
 * Customers and order webhooks on Shopify end to end: customers.export with addresses and the group
 * as a tag (marketing consent per option), a second run creating nothing, customers.disable the
 * Shopify way (tag + unsubscribed); `webhooks register` creating orders/create and orders/updated
 * subscriptions, and a delivery the simulator signs with the app's client secret verified on the
 * raw body and read with its event id (the inbox's deduplication key).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { getVariableValues, parse, type OperationDefinitionNode } from 'graphql';
import { shopSettingsOf } from '../../src/shops/open-shop.js';
import { ShopifyCustomers } from '../../src/shops/shopify/customers.js';
import type { ShopifyDocument } from '../../src/shops/shopify/documents.js';
import type { ShopifyGraphql } from '../../src/shops/shopify/graphql-client.js';
import { shopifySchema } from '../support/shopify-schema.js';
import { registerWebhooks } from '../../src/service/webhook-subscriptions.js';
import { shopifyAdapter } from '../../src/shops/shopify/adapter.js';
import { shopifySignature } from '../../src/shops/shopify/webhooks.js';
import { ShopifyEnv, removeSampleDb } from './adapter-support.js';

let env: ShopifyEnv;
beforeEach(async () => {
  env = await ShopifyEnv.start({}, { marketingConsent: 'subscribed' });
});
afterEach(async () => {
  await env?.close();
});
afterAll(removeSampleDb);

interface HeldCustomer { id: string; email: string; firstName: string; lastName: string; tags: string[]; emailMarketingConsent: { marketingState: string } | null; defaultAddress: { address1: string; city: string; zip: string; countryCodeV2: string } | null }

function customers(): HeldCustomer[] {
  return env.query<{ customers: { nodes: (Omit<HeldCustomer, 'email'> & { defaultEmailAddress: { emailAddress: string } | null })[] } }>(
    '{ customers(first: 100) { nodes { id firstName lastName tags defaultEmailAddress { emailAddress } emailMarketingConsent { marketingState } defaultAddress { address1 city zip countryCodeV2 } } } }',
  ).customers.nodes.map((c) => ({ ...c, email: c.defaultEmailAddress?.emailAddress ?? '' }));
}

describe('customers to Shopify', () => {
  test('export: addresses, group tag and consent; a second run creates nothing', async () => {
    const r = await env.run('customers.export');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    expect(r.record.counts.customers).toMatchObject({ created: 5, failed: 0 });
    const sophie = customers().find((c) => c.email === 'sophie.bernard@example.fr')!;
    expect(sophie).toMatchObject({ firstName: 'Sophie', lastName: 'Bernard' });
    expect(sophie.defaultAddress).toMatchObject({ address1: '14 rue Crébillon', city: 'Nantes', zip: '44000', countryCodeV2: 'FR' });
    expect(sophie.emailMarketingConsent?.marketingState).toBe('SUBSCRIBED');
    expect(customers().some((c) => c.tags.some((t) => t.startsWith('groupe:')))).toBe(true);

    const again = await env.run('customers.export');
    expect(again.record.counts.customers).toMatchObject({ created: 0, failed: 0 });
    expect(again.byField.customerCreate ?? 0).toBe(0);
    expect(customers()).toHaveLength(5);

  });

  test('disable: the customer tagged passerelle:disabled and unsubscribed, with variables the schema accepts', async () => {
    const sent: { name: string; variables: Record<string, unknown> }[] = [];
    const gql = {
      async mutate(doc: ShopifyDocument, variables: Record<string, unknown>) {
        sent.push({ name: doc.name, variables });
        const problems = variableProblems(doc.source, variables);
        if (problems.length > 0) throw new Error(problems.join('; '));
        return {};
      },
    } as unknown as ShopifyGraphql;
    const port = new ShopifyCustomers(gql, shopSettingsOf(env.profile()), env.profile().shop.shopify);
    const r = await port.disable([{ key: 'CL0003', shopId: 'gid://shopify/Customer/7', email: 'contact@comptoir-gourmand.example.fr' }]);
    expect(r).toEqual([{ key: 'CL0003', ok: true, shopId: 'gid://shopify/Customer/7', created: false, error: null }]);
    expect(sent).toEqual([
      { name: 'TagsAdd', variables: { id: 'gid://shopify/Customer/7', tags: ['passerelle:disabled'] } },
      { name: 'CustomerConsentUpdate', variables: { input: { customerId: 'gid://shopify/Customer/7', emailMarketingConsent: { marketingState: 'UNSUBSCRIBED', marketingOptInLevel: 'SINGLE_OPT_IN' } } } },
    ]);
  });
});

/** What Shopify's schema says of a document's variables (types, required fields, enums). */
function variableProblems(source: string, variables: Record<string, unknown>): string[] {
  const op = parse(source).definitions[0] as OperationDefinitionNode;
  const r = getVariableValues(shopifySchema(), op.variableDefinitions ?? [], variables);
  return r.errors?.map((e) => e.message) ?? [];
}

describe('order webhooks', () => {
  test('register creates both subscriptions; a signed delivery is verified with the client secret and read with its event id', async () => {
    const received: { body: Buffer; headers: http.IncomingHttpHeaders }[] = [];
    const server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        received.push({ body: Buffer.concat(chunks), headers: req.headers });
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const publicUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const reg = await registerWebhooks(env.app, 'demo', publicUrl);
      expect(reg.created.map((s) => s.topic).sort()).toEqual(['orders/create', 'orders/updated']);
      expect(reg.created.every((s) => s.deliveryUrl === `${publicUrl}/hooks/shopify/demo`)).toBe(true);

      await env.run('products.export');
      const sku = env.query<{ productVariants: { nodes: { sku: string }[] } }>('{ productVariants(first: 1) { nodes { sku } } }').productVariants.nodes[0]!.sku;
      const placed = env.sim.placeOrder({ lines: [{ sku, quantity: 1 }], customer: { email: 'hook@example.fr' } });
      await env.sim.flushWebhooks();
      const create = received.find((r) => r.headers['x-shopify-topic'] === 'orders/create')!;
      expect(create).toBeDefined();

      const support = shopifyAdapter.webhooks!;
      const secret = support.signingSecret!(env.profile().shop.shopify)!;
      expect(secret).toBe(env.sim.clientSecret);
      expect(support.verify(create.body, create.headers, secret)).toBe(true);
      // One byte changed: refused.
      expect(support.verify(Buffer.concat([create.body, Buffer.from(' ')]), create.headers, secret)).toBe(false);
      expect(support.verify(create.body, create.headers, env.profile().webhooks.secret)).toBe(false);
      const delivery = support.parse(create.body, create.headers);
      expect(delivery).toEqual({
        kind: 'order', topic: 'orders/create', orderId: `gid://shopify/Order/${placed.order.id}`,
        deliveryId: create.headers['x-shopify-event-id'], subscriptionId: null,
      });
      expect(support.parse(Buffer.from('{"id":1}'), { 'x-shopify-topic': 'products/update' })).toEqual({ kind: 'ignored', topic: 'products/update' });
      // Our own signature of the raw body is the header's.
      expect(shopifySignature(create.body, secret)).toBe(create.headers['x-shopify-hmac-sha256']);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
