/**
 * The ShopPort contract (test/shops/contract.ts) for PrestaShop, against its simulator: a fresh
 * French shop (EUR, France, the four French VAT tax rules groups, the recorded order states) and
 * the demo profile on the sample company (test/prestashop/support-actions.ts). What the shop holds
 * is read from the simulator's database, not through the adapter.
 */
import { afterAll } from 'vitest';
import { dec } from '../../src/util/decimal.js';
import { openShop } from '../../src/shops/open-shop.js';
import { PsActionEnv, removeSampleDb } from '../prestashop/support-actions.js';
import type { PsRow, PsState } from '../simulators/prestashop/state.js';
import { type HeldProduct, shopContract } from './contract.js';

afterAll(removeSampleDb);

/** The text of a multilang field in language 1 (the shop's only language here). */
function text(row: PsRow, field: string): string {
  const v = row[field];
  if (Array.isArray(v)) return String((v as { id: number; value: string }[]).find((l) => l.id === 1)?.value ?? '');
  return v === undefined || v === null ? '' : String(v);
}

/**
 * The PrestaShop order state a canonical state is placed in (ids of the recorded order states,
 * 990): 3 "Processing in progress", 8 "Payment error" (not paid, waits for the merchant), 6 "Canceled".
 */
const PLACED = { processing: 3, onHold: 8, cancelled: 6 } as const;

shopContract('PrestaShop', async () => {
  const env = await PsActionEnv.start();
  const state = env.sim.state;

  const stockOf = (productId: number, combinationId: number): number | null => {
    const row = state.where('stock_availables', 'id_product', productId)
      .find((s) => String(s['id_product_attribute'] ?? '0') === String(combinationId) && String(s['id_shop'] ?? '1') === '1');
    return row ? Number(row['quantity']) : null;
  };
  /** The promotion: a specific price for everyone (no group, customer, quantity step), as a fixed price. */
  const saleOf = (productId: number, combinationId: number): string => {
    const sp = state.where('specific_prices', 'id_product', productId).find((s) => String(s['id_product_attribute'] ?? '0') === String(combinationId)
      && String(s['id_group'] ?? '0') === '0' && String(s['id_customer'] ?? '0') === '0' && String(s['from_quantity'] ?? '1') === '1');
    return sp && Number(sp['price']) >= 0 ? String(sp['price']) : '';
  };
  const heldProduct = (p: PsRow): HeldProduct => ({
    id: String(p.id), sku: String(p['reference'] ?? ''), name: text(p, 'name'), description: text(p, 'description'),
    regularPrice: String(p['price'] ?? ''), salePrice: saleOf(p.id, 0),
    // Every PrestaShop product has its stock row: stock is always managed.
    quantity: stockOf(p.id, 0), active: String(p['active']) === '1',
    categoryIds: (p.associations['categories'] ?? []).map((c) => String(c['id'])),
  });
  const heldCombination = (parent: PsRow, c: PsRow): HeldProduct => ({
    id: String(c.id), sku: String(c['reference'] ?? ''), name: text(parent, 'name'), description: text(parent, 'description'),
    // A combination's price is an impact on its product's.
    regularPrice: dec(String(parent['price'] || '0')).plus(String(c['price'] || '0')).toFixed(6),
    salePrice: saleOf(parent.id, c.id), quantity: stockOf(parent.id, c.id), active: String(parent['active']) === '1', categoryIds: [],
  });

  // A customer of the shop to place orders for, with an address in France.
  const customer = state.insert('customers', {
    email: 'camille.durand@example.fr', firstname: 'Camille', lastname: 'Durand', passwd: 'x', active: '1', id_default_group: '3',
  });
  state.insert('addresses', {
    id_customer: String(customer.id), alias: 'Domicile', firstname: 'Camille', lastname: 'Durand', address1: '8 place Bellecour',
    city: 'Lyon', postcode: '69002', id_country: '8', phone: '0601020304',
  });

  const shop = openShop(env.profile(), { state: env.app.state, warn: () => undefined });
  return {
    shop,
    held: {
      products: async () => state.list('products').map(heldProduct),
      product: async (id) => {
        const p = state.get('products', id);
        return p ? heldProduct(p) : null;
      },
      variations: async (parentId) => {
        const parent = state.get('products', parentId);
        return parent ? state.list('combinations', (c) => String(c['id_product']) === parentId).map((c) => heldCombination(parent, c)) : [];
      },
      // The root (1) and Home (2) come with every install: the merchant's tree starts under Home.
      categories: async () => state.list('categories', (c) => c.id > 2)
        .map((c) => ({ id: String(c.id), name: text(c, 'name'), parentId: Number(c['id_parent']) > 2 ? String(c['id_parent']) : null })),
      customer: async (id) => {
        const c = state.get('customers', id);
        if (!c) return null;
        const addresses = state.list('addresses', (a) => String(a['id_customer']) === id && String(a['deleted'] ?? '0') === '0');
        const billing = addresses.find((a) => String(a['alias']).toLowerCase() === 'facturation') ?? addresses[0];
        return {
          id, email: String(c['email']), firstName: String(c['firstname']), lastName: String(c['lastname']),
          billingCity: billing ? String(billing['city']) : '', disabled: String(c['active']) !== '1',
        };
      },
      order: async (id) => {
        const o = state.get('orders', id);
        if (!o) return null;
        return { id, status: String(o['current_state']), documentNumber: documentNumberOf(state, o.id) };
      },
    },
    byHand: {
      async createProduct(p) {
        const row = state.insert('products', {
          reference: p.sku, name: [{ id: 1, value: p.name }], link_rewrite: [{ id: 1, value: p.sku.toLowerCase() }], price: p.price,
          active: '1', id_tax_rules_group: '1', state: '1', product_type: 'standard',
        });
        return String(row.id);
      },
      async placeOrder(o) {
        const order = env.sim.placeOrder({ customerId: customer.id, lines: [{ productId: Number(o.productId), quantity: o.quantity }], state: PLACED[o.state] });
        return String(order.id);
      },
    },
    // 4 "Shipped": the way back sets it by id, the shop then reports the canonical shipped state.
    shipped: { status: '4', state: 'shipped' },
    app: env.app,
    profile: 'demo',
    close: () => env.close(),
  };
});

/** The GesCom document number the way back left on the order: a private message of the order's thread. */
function documentNumberOf(state: PsState, orderId: number): string | null {
  const threads = state.list('customer_threads', (t) => String(t['id_order']) === String(orderId)).map((t) => String(t.id));
  const messages = state.list('customer_messages', (m) => threads.includes(String(m['id_customer_thread'])) && String(m['private']) === '1');
  for (const m of messages.reverse()) {
    const found = /([A-Z]{2}\d{4,})/.exec(String(m['message']));
    if (found) return found[1]!;
  }
  return null;
}
