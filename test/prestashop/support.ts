/** PsShop on the PrestaShop simulator, and drafts to feed it. */
import { profileSchema, type Profile } from '../../src/profile/schema.js';
import type { ShopSettings } from '../../src/shops/adapter.js';
import { prestaShopAuth } from '../../src/shops/prestashop/auth.js';
import { PsShop } from '../../src/shops/prestashop/ps-shop.js';
import { PsWsClient } from '../../src/shops/prestashop/ws-client.js';
import type { ImageDraft, PriceDraft, ProductDraft, VariationDraft } from '../../src/sync/drafts.js';
import type { Text } from '../../src/i18n/catalogue.js';
import { startPrestaShopSimulator, type PrestaShopSimulator, type PrestaShopSimulatorOptions } from '../simulators/prestashop/server.js';
import { testClient } from '../http/support/client.js';

export function settingsOf(edit: (p: Profile) => void = () => undefined): ShopSettings {
  const p = profileSchema.parse({ name: 'ps', gescom: { kind: 'embedded', db: 'x.db' } });
  edit(p);
  return { language: 'fr', timezone: 'Europe/Paris', prices: p.prices, articles: p.articles, customers: p.customers, orders: p.orders };
}

export interface PsHarness {
  sim: PrestaShopSimulator;
  shop: PsShop;
  ws: PsWsClient;
  memory: Map<string, string>;
  warnings: (string | Text)[];
  close(): Promise<void>;
}

export async function startPs(o: {
  sim?: PrestaShopSimulatorOptions; settings?: ShopSettings; key?: string; shopId?: string; concurrency?: number; inQuery?: boolean;
} = {}): Promise<PsHarness> {
  const sim = await startPrestaShopSimulator(o.sim ?? {});
  const memory = new Map<string, string>();
  const warnings: (string | Text)[] = [];
  const { client } = testClient(`${sim.url}/api/`, { auth: prestaShopAuth({ key: o.key ?? sim.key, queryString: !!o.inQuery }), maxTries: 2, concurrency: o.concurrency ?? 4 });
  const ws = new PsWsClient({ http: client, shopId: o.shopId });
  const shop = new PsShop({
    ws, options: { key: sim.key, shopId: o.shopId ?? '', concurrency: o.concurrency ?? 4 }, settings: o.settings ?? settingsOf(),
    memory: { get: (k, key) => memory.get(`${k}|${key}`), set: (k, key, v) => void memory.set(`${k}|${key}`, v) },
    warn: (m) => void warnings.push(m),
  });
  return { sim, shop, ws, memory, warnings, close: async () => { await client.close(); await sim.close(); } };
}

export function price(regular: string, extra: Partial<PriceDraft> = {}): PriceDraft {
  return { regular, sale: null, purchase: null, ecotax: null, groups: [], ...extra };
}

export function image(name: string, content = name): ImageDraft {
  const data = Buffer.from(`\x89PNG fake ${content}`);
  return { key: `article:${name}`, fileName: `${name}.png`, mimeType: 'image/png', sha256: `sha-${content}`, load: async () => data };
}

export function product(sku: string, over: Partial<ProductDraft> = {}): ProductDraft {
  return {
    gescomKey: sku, aspects: null, sku, kind: 'simple', name: `Produit ${sku}`, description: `<p>Description ${sku}</p>`,
    shortDescription: `<p>Résumé ${sku}</p>`, metaTitle: '', metaDescription: '', metaKeywords: '', slug: '',
    vatCode: 'C20', vatRate: '20', categories: [], extraCategories: [], price: price('10.00'),
    stock: { quantity: 5, minQuantity: null }, weight: '0.25', dimensions: { width: null, height: null, depth: null },
    barcode: null, brand: null, supplier: null, unit: null, warrantyMonths: null, location: null, availableFrom: null,
    features: [], active: true, images: [], documents: [], linked: [], variationAttributes: [], variations: [], ...over,
  };
}

export function variation(sku: string, attrs: [string, string][], over: Partial<VariationDraft> = {}): VariationDraft {
  return {
    gescomCode: sku, aspects: { stock: null, price: null, status: null }, sku, attributes: attrs.map(([name, value]) => ({ name, value })),
    price: price('30.00'), stock: { quantity: 3, minQuantity: null }, weight: null, barcode: null, active: true, images: [], ...over,
  };
}
