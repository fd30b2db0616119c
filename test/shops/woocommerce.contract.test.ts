/**
 * The ShopPort contract (test/shops/contract.ts) for WooCommerce, against its simulator: a French
 * shop with the French tax rates and the demo profile on the sample company
 * (test/woocommerce/support-actions.ts).
 */
import { afterAll } from 'vitest';
import { openShop } from '../../src/shops/open-shop.js';
import { GESCOM_DOCUMENT_META_KEY } from '../../src/shops/woocommerce/woo-orders.js';
import { ActionEnv, removeSampleDb } from '../woocommerce/support-actions.js';
import { type HeldProduct, shopContract } from './contract.js';

afterAll(removeSampleDb);

interface WooItem {
  id: number;
  sku: string;
  name: string;
  description: string;
  regular_price: string;
  sale_price: string;
  manage_stock: boolean | string;
  stock_quantity: number | null;
  status: string;
  categories?: { id: number }[];
  type?: string;
}

function held(p: WooItem): HeldProduct {
  return {
    id: String(p.id), sku: p.sku, name: p.name, description: p.description, regularPrice: p.regular_price, salePrice: p.sale_price,
    quantity: p.manage_stock === true ? p.stock_quantity : null, active: p.status === 'publish',
    categoryIds: (p.categories ?? []).map((c) => String(c.id)),
  };
}

/** The WooCommerce status a canonical state is placed in. */
const PLACED = { processing: 'processing', onHold: 'on-hold', cancelled: 'cancelled' } as const;

shopContract('WooCommerce', async () => {
  const env = await ActionEnv.start();
  const sim = env.sim;
  const get = async <T>(route: string, query: Record<string, string> = {}): Promise<T | null> => {
    const res = await sim.request('GET', route, undefined, query);
    if (res.status === 404) return null;
    if (res.status !== 200) throw new Error(`GET ${route}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as T;
  };
  const list = async <T>(route: string, query: Record<string, string> = {}): Promise<T[]> => {
    const out: T[] = [];
    for (let page = 1; ; page++) {
      const res = await sim.request('GET', route, undefined, { per_page: '100', page: String(page), ...query });
      if (res.status !== 200) throw new Error(`GET ${route}: ${res.status} ${JSON.stringify(res.body)}`);
      out.push(...(res.body as T[]));
      if (page >= Number(res.headers['X-WP-TotalPages'] ?? 1)) return out;
    }
  };
  const shop = openShop(env.profile(), { state: env.app.state, warn: () => undefined });
  return {
    shop,
    held: {
      products: async () => (await list<WooItem>('/wc/v3/products', { status: 'any' })).map(held),
      product: async (id) => {
        const p = await get<WooItem>(`/wc/v3/products/${id}`);
        return p ? held(p) : null;
      },
      variations: async (parentId) => (await list<WooItem>(`/wc/v3/products/${parentId}/variations`)).map(held),
      categories: async () => (await list<{ id: number; name: string; parent: number }>('/wc/v3/products/categories'))
        .map((c) => ({ id: String(c.id), name: c.name, parentId: c.parent ? String(c.parent) : null })),
      customer: async (id) => {
        // Meta keys starting with "_" are hidden from REST: the disabled mark is read from the simulator's state.
        const c = sim.state.customers.list().find((x) => x.id === Number(id));
        if (!c) return null;
        const rest = (await get<{ email: string; first_name: string; last_name: string; billing: { city: string } }>(`/wc/v3/customers/${id}`))!;
        return {
          id, email: rest.email, firstName: rest.first_name, lastName: rest.last_name, billingCity: rest.billing.city,
          disabled: c.metaData.some((m) => m.key === '_gescom_disabled' && m.value === 'yes'),
        };
      },
      order: async (id) => {
        const o = sim.state.orders.get(Number(id));
        if (!o) return null;
        const doc = o.metaData.find((m) => m.key === GESCOM_DOCUMENT_META_KEY);
        return { id, status: o.status, documentNumber: doc ? String(doc.value) : null };
      },
    },
    byHand: {
      async createProduct(p) {
        const res = await sim.request('POST', '/wc/v3/products', { name: p.name, sku: p.sku, regular_price: p.price, type: 'simple' });
        if (res.status !== 201) throw new Error(`POST product: ${res.status} ${JSON.stringify(res.body)}`);
        return String((res.body as { id: number }).id);
      },
      async placeOrder(o) {
        const res = await sim.request('POST', '/wc/v3/orders', {
          status: PLACED[o.state], set_paid: o.state === 'processing', payment_method: 'bacs', payment_method_title: 'Virement bancaire',
          billing: {
            first_name: 'Camille', last_name: 'Durand', address_1: '8 place Bellecour', city: 'Lyon', postcode: '69002', country: 'FR',
            email: 'camille.durand@example.fr', phone: '0601020304',
          },
          line_items: [{ product_id: Number(o.productId), quantity: o.quantity }],
        });
        if (res.status !== 201) throw new Error(`POST order: ${res.status} ${JSON.stringify(res.body)}`);
        return String((res.body as { id: number }).id);
      },
    },
    shipped: { status: 'completed', state: 'completed' },
    app: env.app,
    profile: 'demo',
    close: () => env.close(),
  };
});
