/**
 * The ShopPort contract (test/shops/contract.ts) for Shopify, against its simulator: the French shop
 * of the simulator (prices tax included) and the demo profile on the sample company
 * (test/shopify/adapter-support.ts). What the shop holds is read from the simulator's state, not
 * through the adapter.
 *
 * Shopify's terms, mapped once here: a product without variations is a product with its one
 * default variant; a promotion is a price with the regular price as compare-at price; categories
 * are collections (flat in Shopify: the parent is the collection the adapter names in the
 * collection's `passerelle.parent_collection` metafield); an order's raw status is its payment
 * status, or the status the way back left as its `statut:` tag (Shopify has no writable status).
 */
import { afterAll } from 'vitest';
import { openShop } from '../../src/shops/open-shop.js';
import { DISABLED_TAG } from '../../src/shops/shopify/customers.js';
import { PARENT_COLLECTION } from '../../src/shops/shopify/documents.js';
import { gid } from '../simulators/shopify/ids.js';
import type { ProductRec, VariantRec } from '../simulators/shopify/state.js';
import { type HeldProduct, shopContract } from '../shops/contract.js';
import { ShopifyEnv, removeSampleDb } from './adapter-support.js';

afterAll(removeSampleDb);

const FULFIL_SOME = `mutation($f: FulfillmentInput!) { fulfillmentCreate(fulfillment: $f) { fulfillment { id } userErrors { field message } } }`;

shopContract('Shopify', async () => {
  const env = await ShopifyEnv.start();
  const s = env.sim.state;
  const location = [...s.locations.values()].find((l) => l.isActive)!;

  const idOf = (raw: string, type: string) => Number(raw.startsWith('gid://') ? raw.slice(`gid://shopify/${type}/`.length) : raw);
  const held = (p: ProductRec, v: VariantRec): HeldProduct => {
    const onSale = v.compareAtPrice !== null && v.compareAtPrice !== '' && v.compareAtPrice !== v.price;
    const item = s.inventoryItems.get(v.inventoryItemId)!;
    const level = s.level(v.inventoryItemId, location.id);
    return {
      id: gid('Product', p.id), sku: v.sku ?? '', name: p.title, description: p.descriptionHtml,
      regularPrice: onSale ? v.compareAtPrice! : v.price, salePrice: onSale ? v.price : '',
      quantity: item.tracked ? (level ? s.quantity(level, 'available') : 0) : null,
      active: p.status === 'ACTIVE', categoryIds: s.collectionsOfProduct(p.id).map((c) => gid('Collection', c.id)),
    };
  };
  const heldProduct = (p: ProductRec): HeldProduct => held(p, s.variants.get(p.variantIds[0]!)!);

  const shop = openShop(env.profile(), { state: env.app.state, warn: () => undefined });
  return {
    shop,
    held: {
      products: async () => [...s.products.values()].map(heldProduct),
      product: async (id) => {
        const p = s.products.get(idOf(id, 'Product'));
        return p ? heldProduct(p) : null;
      },
      variations: async (parentId) => {
        const p = s.products.get(idOf(parentId, 'Product'));
        return p ? p.variantIds.map((v) => ({ ...held(p, s.variants.get(v)!), id: gid('ProductVariant', v) })) : [];
      },
      categories: async () => [...s.collections.values()].map((c) => {
        const parent = s.findMetafield(gid('Collection', c.id), PARENT_COLLECTION.namespace, PARENT_COLLECTION.key)?.value ?? null;
        return { id: gid('Collection', c.id), name: c.title, parentId: parent };
      }),
      customer: async (id) => {
        const c = s.customers.get(idOf(id, 'Customer'));
        if (!c) return null;
        const billing = c.addresses.find((a) => a.id === c.defaultAddressId) ?? c.addresses[0];
        return {
          id, email: c.email ?? '', firstName: c.firstName ?? '', lastName: c.lastName ?? '', billingCity: billing?.city ?? '',
          disabled: c.tags.includes(DISABLED_TAG),
        };
      },
      order: async (id) => {
        const o = s.orders.get(idOf(id, 'Order'));
        if (!o) return null;
        const tagged = o.tags.find((t) => t.startsWith('statut:'));
        const status = tagged ? tagged.slice('statut:'.length) : o.cancelledAt ? 'cancelled' : o.displayFinancialStatus.toLowerCase();
        return { id, status, documentNumber: s.findMetafield(gid('Order', o.id), 'custom', 'gescom_document')?.value ?? null };
      },
    },
    byHand: {
      async createProduct(p) {
        const r = env.query<{ productSet: { product: { id: string } | null; userErrors: unknown[] } }>(
          `mutation($input: ProductSetInput!) { productSet(input: $input, synchronous: true) { product { id } userErrors { field message } } }`,
          { input: {
            title: p.name, productOptions: [{ name: 'Title', values: [{ name: 'Default Title' }] }],
            variants: [{ optionValues: [{ optionName: 'Title', name: 'Default Title' }], sku: p.sku, price: p.price }],
          } });
        if (!r.productSet.product) throw new Error(JSON.stringify(r.productSet.userErrors));
        return r.productSet.product.id;
      },
      async placeOrder(o) {
        const p = s.products.get(idOf(o.productId, 'Product'))!;
        const sku = s.variants.get(p.variantIds[0]!)!.sku!;
        const customer = { email: 'camille.durand@example.fr', firstName: 'Camille', lastName: 'Durand' };
        // onHold: not paid yet, its fulfilment held by the merchant; processing: paid and partly shipped.
        const placed = env.sim.placeOrder({ lines: [{ sku, quantity: o.quantity }], customer, financialStatus: o.state === 'onHold' ? 'PENDING' : 'PAID' });
        const order = placed.order;
        const fo = s.fulfillmentOrders.get(order.fulfillmentOrderIds[0]!)!;
        if (o.state === 'onHold') fo.status = 'ON_HOLD';
        if (o.state === 'cancelled') order.cancelledAt = env.sim.now();
        if (o.state === 'processing') {
          env.query(FULFIL_SOME, { f: { lineItemsByFulfillmentOrder: [{
            fulfillmentOrderId: gid('FulfillmentOrder', fo.id), fulfillmentOrderLineItems: [{ id: gid('FulfillmentOrderLineItem', fo.lineItems[0]!.id), quantity: 1 }],
          }] } });
        }
        return placed.id;
      },
    },
    // The way back tags the order with the status and fulfils what is left: Shopify then reports it shipped.
    shipped: { status: 'shipped', state: 'shipped' },
    app: env.app,
    profile: 'demo',
    close: () => env.close(),
  };
});
