/**
 * The ShopPort contract: every shop adapter must pass this suite against its simulator, like the
 * GesCom one (test/gescom/contract.ts). The setup starts the simulator, opens the adapter's port on
 * it and gives a way to read what the shop holds (the simulator's data, not the port), to act in
 * the shop by hand (a product made by the merchant, an order placed by a customer) and a data
 * folder whose profile points at the shop (engine actions through the runner). No platform is
 * named here: test/shops/<kind>.contract.test.ts runs it for one adapter.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runAction } from '../../src/actions/runner.js';
import type { AppContext } from '../../src/app/app-context.js';
import type { JournalEntry } from '../../src/journal/journal.js';
import { tr } from '../../src/i18n/catalogue.js';
import type { ItemResult, OrderSource, ShopCapabilities, ShopPort } from '../../src/shops/port.js';
import type { CustomerDraft, PriceDraft, ProductDraft, VariationDraft } from '../../src/sync/drafts.js';
import type { CanonicalOrderState } from '../../src/sync/orders/order-status.js';
import type { ShopAddress, ShopOrder } from '../../src/sync/orders/shop-order.js';
import { dec } from '../../src/util/decimal.js';

/** A product or variation as the shop holds it, in no platform's terms. */
export interface HeldProduct {
  id: string;
  sku: string;
  name: string;
  description: string;
  /** Decimal strings as the shop holds them ('' when none). */
  regularPrice: string;
  salePrice: string;
  /** null: stock not managed. */
  quantity: number | null;
  active: boolean;
  categoryIds: string[];
}

export interface HeldCustomer {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  billingCity: string;
  /** Can no longer log in or order (CLI-03). */
  disabled: boolean;
}

export interface HeldOrder {
  id: string;
  /** The shop's raw status. */
  status: string;
  /** The GesCom document number the way back stored on the order. */
  documentNumber: string | null;
}

/** What the shop holds, read from the simulator's data. */
export interface ShopHolds {
  /** Products, variations left out. */
  products(): Promise<HeldProduct[]>;
  product(id: string): Promise<HeldProduct | null>;
  variations(parentId: string): Promise<HeldProduct[]>;
  categories(): Promise<{ id: string; name: string; parentId: string | null }[]>;
  customer(id: string): Promise<HeldCustomer | null>;
  order(id: string): Promise<HeldOrder | null>;
}

/** Done in the shop behind Passerelle's back. */
export interface ShopByHand {
  /** A product the merchant made, with the SKU; its id. */
  createProduct(p: { sku: string; name: string; price: string }): Promise<string>;
  /** An order of one product placed now by a customer, left in a shop status of the canonical state; its id. */
  placeOrder(o: { productId: string; quantity: number; state: 'processing' | 'onHold' | 'cancelled' }): Promise<string>;
}

export interface ShopUnderTest {
  shop: ShopPort;
  held: ShopHolds;
  byHand: ShopByHand;
  /** A raw status of the shop the way back may set, and the canonical state the shop then reports. */
  shipped: { status: string; state: CanonicalOrderState };
  /**
   * A data folder with a profile on this shop over the sample company (engine actions through the
   * runner); the port above is opened on that profile, its options at their defaults.
   */
  app: AppContext;
  profile: string;
  close(): Promise<void>;
}

export type ShopSetup = () => Promise<ShopUnderTest>;

// ------------------------------------------------------------------ drafts

const ADDRESS: ShopAddress = {
  firstName: 'Jeanne', lastName: 'Martin', company: '', line1: '12 rue des Lilas', line2: '', city: 'Nantes', state: '',
  postcode: '44000', countryCode: 'FR', email: 'jeanne.martin@example.fr', phone: '0240000000',
};

function price(regular: string, sale: string | null = null): PriceDraft {
  return { regular, sale: sale ? { price: sale, from: null, to: null } : null, purchase: null, ecotax: null, groups: [] };
}

function aspectsOf(p: PriceDraft, quantity: number, active: boolean) {
  return { stock: { quantity, minQuantity: null, weight: null, barcode: null, warrantyMonths: null }, price: p, status: { active, outOfStock: false } };
}

/** A simple product at 20 % VAT (a rate every French shop of the suite holds). */
export function productDraft(key: string, over: Partial<ProductDraft> = {}): ProductDraft {
  const p = over.price ?? price('12.00');
  return {
    gescomKey: key, aspects: aspectsOf(p, 10, true), sku: key, kind: 'simple', name: `Produit ${key}`,
    description: `<p>Description de ${key}</p>`, shortDescription: `Résumé ${key}`, metaTitle: '', metaDescription: '', metaKeywords: '',
    slug: key.toLowerCase(), vatCode: 'C01', vatRate: '20', categories: [], extraCategories: [], price: p,
    stock: { quantity: 10, minQuantity: null }, weight: null, dimensions: { width: null, height: null, depth: null }, barcode: null,
    brand: null, supplier: null, unit: null, warrantyMonths: null, location: null, availableFrom: null, features: [], active: true,
    images: [], documents: [], linked: [], variationAttributes: [], variations: [], ...over,
  };
}

function variationDraft(code: string, size: string, regular: string): VariationDraft {
  const p = price(regular);
  return {
    gescomCode: code, aspects: aspectsOf(p, 5, true), sku: code, attributes: [{ name: 'Taille', value: size }], price: p,
    stock: { quantity: 5, minQuantity: null }, weight: null, barcode: null, active: true, images: [],
  };
}

export function variableDraft(key: string, sizes: [code: string, size: string, price: string][]): ProductDraft {
  return productDraft(key, {
    kind: 'variable', aspects: null, variationAttributes: [{ name: 'Taille', values: sizes.map(([, s]) => s) }],
    variations: sizes.map(([c, s, p]) => variationDraft(c, s, p)),
  });
}

export function customerDraft(code: string, email: string, over: Partial<CustomerDraft> = {}): CustomerDraft {
  return {
    gescomKey: code, customerCode: code, email, firstName: 'Jeanne', lastName: 'Martin', company: '',
    billing: { ...ADDRESS, email }, shipping: { ...ADDRESS, email: '' }, group: null, notes: '',
    b2b: { vatNumber: null, creditLimit: null, paymentDelayDays: null, risk: null }, active: true, ...over,
  };
}

function one(results: ItemResult[], key: string): ItemResult {
  const r = results.find((x) => x.key === key);
  if (!r) throw new Error(`no result for ${key}: ${JSON.stringify(results)}`);
  return r;
}

function created(results: ItemResult[], key: string): string {
  const r = one(results, key);
  expect(r, JSON.stringify(r)).toMatchObject({ ok: true, created: true });
  return r.shopId!;
}

async function all<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const p of pages) out.push(...p);
  return out;
}

const sameMoney = (a: string, b: string) => a !== '' && b !== '' && dec(a).eq(dec(b));

/**
 * The port with optional parts taken away and every capability off: what a platform that can do
 * less looks like to the engine.
 */
export function lessCapableShop(shop: ShopPort, o: { orders?: boolean } = {}): ShopPort {
  const capabilities: ShopCapabilities = {
    ...shop.capabilities, customerGroups: 'none', variations: false, groupPrices: false, documents: false, packs: false,
  };
  const bound = <K extends keyof ShopPort>(k: K) => (shop[k] as (...a: unknown[]) => unknown).bind(shop) as ShopPort[K];
  return {
    kind: shop.kind, capabilities,
    testConnection: bound('testConnection'), categories: bound('categories'), createCategories: bound('createCategories'),
    updateCategories: bound('updateCategories'), findProductsBySku: bound('findProductsBySku'), writeProducts: bound('writeProducts'),
    findVariations: bound('findVariations'), writeVariations: bound('writeVariations'), writeAspects: bound('writeAspects'),
    customerGroups: bound('customerGroups'), writeCustomerGroups: bound('writeCustomerGroups'),
    findCustomersByEmail: bound('findCustomersByEmail'), writeCustomers: bound('writeCustomers'),
    disableCustomers: bound('disableCustomers'), stats: bound('stats'),
    orderSource: (): OrderSource | null => (o.orders ? shop.orderSource() : null),
  };
}

// ------------------------------------------------------------------ the suite

export function shopContract(name: string, setup: ShopSetup): void {
  describe(`ShopPort contract: ${name}`, () => {
    let ut: ShopUnderTest;
    let shop: ShopPort;
    beforeEach(async () => {
      ut = await setup();
      shop = ut.shop;
    });
    afterEach(async () => {
      await ut?.close();
    });

    it('connects', async () => {
      const report = await shop.testConnection();
      expect(report.checks.filter((c) => !c.ok)).toEqual([]);
      expect(report.ok).toBe(true);
    });

    describe('products', () => {
      it('creates a product, finds it by SKU and updates it in place', async () => {
        const id = created(await shop.writeProducts([{ draft: productDraft('CT-001'), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] }]), 'CT-001');
        const found = await shop.findProductsBySku(['CT-001', 'CT-NONE']);
        expect(found.get('CT-001')).toMatchObject({ id, sku: 'CT-001', kind: 'simple' });
        expect(found.has('CT-NONE')).toBe(false);
        expect(await ut.held.product(id)).toMatchObject({ sku: 'CT-001', name: 'Produit CT-001', quantity: 10, active: true });
        expect(sameMoney((await ut.held.product(id))!.regularPrice, '12.00')).toBe(true);

        const update = productDraft('CT-001', { name: 'Produit renommé', price: price('15.50') });
        const r = one(await shop.writeProducts([{ draft: update, shopId: id, aspects: 'all', categoryIds: [], linkedIds: [] }]), 'CT-001');
        expect(r).toMatchObject({ ok: true, created: false, shopId: id });
        const held = (await ut.held.product(id))!;
        expect(held.name).toBe('Produit renommé');
        expect(sameMoney(held.regularPrice, '15.50')).toBe(true);
        expect((await ut.held.products()).filter((p) => p.sku === 'CT-001').map((p) => p.id)).toEqual([id]);
      });

      it('adopts by SKU: a product made by hand with the SKU is found and updated, not duplicated', async () => {
        const byHand = await ut.byHand.createProduct({ sku: 'CT-HAND', name: 'Fait main', price: '9.00' });
        const found = await shop.findProductsBySku(['CT-HAND']);
        expect(found.get('CT-HAND')?.id).toBe(byHand);
        const r = one(await shop.writeProducts([{ draft: productDraft('CT-HAND'), shopId: found.get('CT-HAND')!.id, aspects: 'all', categoryIds: [], linkedIds: [] }]), 'CT-HAND');
        expect(r).toMatchObject({ ok: true, shopId: byHand, created: false });
        expect((await ut.held.products()).filter((p) => p.sku === 'CT-HAND').map((p) => [p.id, p.name])).toEqual([[byHand, 'Produit CT-HAND']]);
      });

      it('a creation whose SKU another product holds ends on that product, never a second one', async () => {
        const byHand = await ut.byHand.createProduct({ sku: 'CT-RACE', name: 'Fait main', price: '9.00' });
        const r = one(await shop.writeProducts([{ draft: productDraft('CT-RACE'), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] }]), 'CT-RACE');
        // Either adopted (updated) or refused naming the holder: in both cases one product holds the SKU.
        if (r.ok) expect(r.shopId).toBe(byHand);
        else expect(r.skuHeldBy).toBe(byHand);
        expect((await ut.held.products()).filter((p) => p.sku === 'CT-RACE').map((p) => p.id)).toEqual([byHand]);
      });

      it('an error on one item fails that item alone: the rest of the batch is written', async () => {
        const bad = productDraft('CT-BAD', { vatCode: 'CH77', vatRate: '7.7' });
        const results = await shop.writeProducts([
          { draft: productDraft('CT-OK1'), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] },
          { draft: bad, shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] },
          { draft: productDraft('CT-OK2'), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] },
        ]);
        expect(results).toHaveLength(3);
        created(results, 'CT-OK1');
        created(results, 'CT-OK2');
        const failed = one(results, 'CT-BAD');
        expect(failed.ok).toBe(false);
        expect(failed.error).toBeTruthy();
        expect((await ut.held.products()).map((p) => p.sku).filter((s) => s.startsWith('CT-')).sort()).toEqual(['CT-OK1', 'CT-OK2']);
      });
    });

    describe('variations', () => {
      it('creates a variable product and its variations, finds and updates them', async () => {
        const parent = variableDraft('CT-PULL', [['CT-PULL-S', 'S', '30.00'], ['CT-PULL-M', 'M', '32.00']]);
        const parentId = created(await shop.writeProducts([{ draft: parent, shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] }]), 'CT-PULL');
        const writes = parent.variations.map((v) => ({ draft: v, shopId: null, aspects: 'all' as const }));
        const results = await shop.writeVariations(parentId, parent, writes);
        const s = created(results, 'CT-PULL-S');
        created(results, 'CT-PULL-M');

        const found = await shop.findVariations(parentId);
        expect([...found.keys()].sort()).toEqual(['CT-PULL-M', 'CT-PULL-S']);
        expect(found.get('CT-PULL-S')).toMatchObject({ kind: 'variation', parentId });
        const bySku = await shop.findProductsBySku(['CT-PULL', 'CT-PULL-S']);
        expect(bySku.get('CT-PULL')).toMatchObject({ id: parentId, kind: 'variable' });
        expect(bySku.get('CT-PULL-S')).toMatchObject({ kind: 'variation', parentId });

        const update = { draft: { ...parent.variations[0]!, price: price('28.00') }, shopId: found.get('CT-PULL-S')!.id, aspects: 'all' as const };
        expect(one(await shop.writeVariations(parentId, parent, [update]), 'CT-PULL-S')).toMatchObject({ ok: true, created: false });
        const held = await ut.held.variations(parentId);
        expect(held).toHaveLength(2);
        expect(sameMoney(held.find((v) => v.sku === 'CT-PULL-S')!.regularPrice, '28.00')).toBe(true);
        expect(sameMoney(held.find((v) => v.sku === 'CT-PULL-M')!.regularPrice, '32.00')).toBe(true);
        expect(s).toBeTruthy();
      });
    });

    describe('aspects: each leaves the other fields intact', () => {
      async function exported(): Promise<{ id: string; before: HeldProduct }> {
        const id = created(await shop.writeProducts([{
          draft: productDraft('CT-ASP', { price: price('20.00', '18.00') }), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [],
        }]), 'CT-ASP');
        return { id, before: (await ut.held.product(id))! };
      }

      it('stock', async () => {
        const { id, before } = await exported();
        const r = await shop.writeAspects([{ key: 'CT-ASP', target: { productId: id, variationId: null }, stock: { quantity: 3, minQuantity: null, weight: null, barcode: null, warrantyMonths: null } }]);
        expect(one(r, 'CT-ASP').ok).toBe(true);
        expect(await ut.held.product(id)).toEqual({ ...before, quantity: 3 });
      });

      it('price', async () => {
        const { id, before } = await exported();
        const r = await shop.writeAspects([{ key: 'CT-ASP', target: { productId: id, variationId: null }, price: price('25.00') }]);
        expect(one(r, 'CT-ASP').ok).toBe(true);
        const after = (await ut.held.product(id))!;
        expect(sameMoney(after.regularPrice, '25.00')).toBe(true);
        // The promotion ended with the price that had none.
        expect(after.salePrice === '' || dec(after.salePrice).isZero()).toBe(true);
        expect({ ...after, regularPrice: before.regularPrice, salePrice: before.salePrice }).toEqual(before);
      });

      it('status', async () => {
        const { id, before } = await exported();
        const r = await shop.writeAspects([{ key: 'CT-ASP', target: { productId: id, variationId: null }, status: { active: false, outOfStock: false } }]);
        expect(one(r, 'CT-ASP').ok).toBe(true);
        expect(await ut.held.product(id)).toEqual({ ...before, active: false });
      });

      it('a variation stock leaves its siblings and parent alone', async () => {
        const parent = variableDraft('CT-VAR', [['CT-VAR-S', 'S', '30.00'], ['CT-VAR-M', 'M', '32.00']]);
        const parentId = created(await shop.writeProducts([{ draft: parent, shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] }]), 'CT-VAR');
        const results = await shop.writeVariations(parentId, parent, parent.variations.map((v) => ({ draft: v, shopId: null, aspects: 'all' as const })));
        const m = created(results, 'CT-VAR-M');
        const before = await ut.held.variations(parentId);
        const r = await shop.writeAspects([{ key: 'CT-VAR-M', target: { productId: parentId, variationId: m }, stock: { quantity: 0, minQuantity: null, weight: null, barcode: null, warrantyMonths: null } }]);
        expect(one(r, 'CT-VAR-M').ok).toBe(true);
        const after = await ut.held.variations(parentId);
        expect(after.find((v) => v.sku === 'CT-VAR-M')).toEqual({ ...before.find((v) => v.sku === 'CT-VAR-M')!, quantity: 0 });
        expect(after.find((v) => v.sku === 'CT-VAR-S')).toEqual(before.find((v) => v.sku === 'CT-VAR-S'));
      });
    });

    describe('categories', () => {
      it('creates parents first, then children under them, and renames', async () => {
        const top = created(await shop.createCategories([{ key: 'F1', name: 'Épicerie fine', parentId: null }]), 'F1');
        const child = created(await shop.createCategories([{ key: 'F1/F2', name: 'Chocolats', parentId: top }]), 'F1/F2');
        const listed = await shop.categories();
        expect(listed.find((c) => c.id === top)).toMatchObject({ name: 'Épicerie fine', parentId: null });
        expect(listed.find((c) => c.id === child)).toMatchObject({ name: 'Chocolats', parentId: top });
        expect(one(await shop.updateCategories([{ key: 'F1/F2', id: child, name: 'Chocolats noirs', parentId: top }]), 'F1/F2').ok).toBe(true);
        expect((await ut.held.categories()).find((c) => c.id === child)).toEqual({ id: child, name: 'Chocolats noirs', parentId: top });

        // A product in the child category.
        const id = created(await shop.writeProducts([{ draft: productDraft('CT-CAT'), shopId: null, aspects: 'all', categoryIds: [child], linkedIds: [] }]), 'CT-CAT');
        expect((await ut.held.product(id))!.categoryIds).toContain(child);
      });
    });

    describe('customers', () => {
      it('creates, finds by e-mail, updates and disables a customer', async () => {
        const id = created(await shop.writeCustomers([{ draft: customerDraft('C0001', 'jeanne.martin@example.fr'), shopId: null }], { newOnly: false }), 'C0001');
        const found = await shop.findCustomersByEmail(['Jeanne.Martin@example.fr', 'nobody@example.fr']);
        expect(found.get('jeanne.martin@example.fr')?.id ?? found.get('Jeanne.Martin@example.fr')?.id).toBe(id);
        expect([...found.values()].map((c) => c.id)).toEqual([id]);
        expect(await ut.held.customer(id)).toMatchObject({ email: 'jeanne.martin@example.fr', firstName: 'Jeanne', lastName: 'Martin', disabled: false });

        // The profile's update switches at their defaults: addresses replaced, names kept (customers.updates).
        const update = customerDraft('C0001', 'jeanne.martin@example.fr', { lastName: 'Martin-Durand', billing: { ...ADDRESS, city: 'Angers', email: 'jeanne.martin@example.fr' } });
        expect(one(await shop.writeCustomers([{ draft: update, shopId: id }], { newOnly: false }), 'C0001')).toMatchObject({ ok: true, created: false, shopId: id });
        expect(await ut.held.customer(id)).toMatchObject({ billingCity: 'Angers', lastName: 'Martin' });

        expect(one(await shop.disableCustomers([{ key: 'C0001', shopId: id, email: 'jeanne.martin@example.fr' }]), 'C0001').ok).toBe(true);
        expect((await ut.held.customer(id))!.disabled).toBe(true);
      });

      it('a bad customer fails alone', async () => {
        const results = await shop.writeCustomers([
          { draft: customerDraft('C0002', 'paul@example.fr'), shopId: null },
          { draft: customerDraft('C0003', 'pas-une-adresse'), shopId: null },
        ], { newOnly: false });
        const ok = created(results, 'C0002');
        expect(one(results, 'C0003')).toMatchObject({ ok: false });
        expect(one(results, 'C0003').error).toBeTruthy();
        expect((await ut.held.customer(ok))!.email).toBe('paul@example.fr');
      });

      it('groups, when the shop holds them', async (ctx) => {
        if (shop.capabilities.customerGroups === 'none') ctx.skip();
        const r = await shop.writeCustomerGroups([{ key: '1', name: 'Revendeurs', priceCategoryId: 1, taxDisplay: 'HT' }]);
        expect(one(r, '1').ok).toBe(true);
        expect((await shop.customerGroups()).get('revendeurs') ?? (await shop.customerGroups()).get('Revendeurs')).toBe(one(r, '1').shopId);
      });
    });

    describe('orders', () => {
      async function source(): Promise<OrderSource> {
        const s = shop.orderSource();
        expect(s).not.toBeNull();
        return s!;
      }

      async function threeOrders() {
        const productId = created(await shop.writeProducts([{ draft: productDraft('CT-ORD'), shopId: null, aspects: 'all', categoryIds: [], linkedIds: [] }]), 'CT-ORD');
        const paid = await ut.byHand.placeOrder({ productId, quantity: 2, state: 'processing' });
        const onHold = await ut.byHand.placeOrder({ productId, quantity: 1, state: 'onHold' });
        const cancelled = await ut.byHand.placeOrder({ productId, quantity: 1, state: 'cancelled' });
        return { paid, onHold, cancelled };
      }

      it('reads orders by date and by status, each with its raw status and its canonical state', async () => {
        const since = new Date(Date.now() - 60_000).toISOString();
        const { paid, onHold, cancelled } = await threeOrders();
        const s = await source();
        const every = await all(s.orders({ after: since }));
        expect(every.map((o) => o.id).sort()).toEqual([paid, onHold, cancelled].sort());
        const state = (o: ShopOrder) => [o.id, o.state];
        expect(every.map(state).sort()).toEqual([[paid, 'processing'], [onHold, 'onHold'], [cancelled, 'cancelled']].sort());
        for (const o of every) expect(o.status).not.toBe('');

        // A canonical state asked by shared code, and the raw status a profile names.
        expect((await all(s.orders({ after: since, states: ['onHold'] }))).map((o) => o.id)).toEqual([onHold]);
        const raw = every.find((o) => o.id === paid)!.status;
        expect((await all(s.orders({ after: since, statuses: [raw] }))).map((o) => o.id)).toEqual([paid]);
        expect((await all(s.orders({ after: since, statuses: ['onHold'] }))).map((o) => o.id)).toEqual([onHold]);
        expect((await all(s.orders({ after: since, states: ['cancelled', 'refunded'] }))).map((o) => o.id)).toEqual([cancelled]);
        // Before the window: none.
        expect(await all(s.orders({ before: since }))).toEqual([]);
      });

      it('reads one order with its lines and totals; an unknown id is null', async () => {
        const { paid } = await threeOrders();
        const o = (await (await source()).order(paid))!;
        expect(o).toMatchObject({ id: paid, state: 'processing' });
        expect(o.lines.map((l) => [l.sku, dec(l.quantity).toNumber()])).toEqual([['CT-ORD', 2]]);
        expect(dec(o.totals.inclTax).gt(0)).toBe(true);
        expect(await (await source()).order('987654321')).toBeNull();
      });

      it('status back: sets the shop status and stores the document number', async () => {
        const { paid } = await threeOrders();
        const s = await source();
        await s.setStatus(paid, ut.shipped.status, { documentNumber: 'FA00042', notifyCustomer: false });
        const held = (await ut.held.order(paid))!;
        expect(held.documentNumber).toBe('FA00042');
        expect(s.ownStatus(held.status)).toBe(s.ownStatus(ut.shipped.status));
        expect((await s.order(paid))!.state).toBe(ut.shipped.state);
      });
    });

    describe('capabilities honoured: a capability the shop lacks is skipped with a journal line, never a crash', () => {
      async function run(action: string, params: Record<string, unknown>, wrap: ((s: ShopPort) => ShopPort) | undefined) {
        const lines: string[] = [];
        const record = await runAction(ut.app, {
          profile: ut.profile, action, params, wrapShop: wrap, onEntry: (e: JournalEntry) => {
            if (e.level !== 'progress') lines.push(e.text);
          },
        });
        return { record, lines };
      }
      const lang = () => ut.app.profiles.load(ut.profile).general.language;

      it('products: no variations, no reconciliation, no tax-class check', async () => {
        const less = (s: ShopPort) => lessCapableShop(s);
        const exp = await run('products.export', {}, less);
        expect(exp.record.status, exp.lines.join('\n')).not.toBe('failed');
        expect(exp.lines.some((l) => l.includes(tr('sync.noVariations', { shop: shop.kind }, lang())))).toBe(true);
        expect(exp.record.counts.products?.skipped).toBeGreaterThan(0);
        expect(exp.record.counts.variations).toBeUndefined();

        const stocks = await run('products.stocks', { reconcile: true }, less);
        expect(stocks.record.status, stocks.lines.join('\n')).toBe('succeeded');
        const what = tr('reconcile.what.stock', {}, lang());
        expect(stocks.lines.some((l) => l.includes(tr('reconcile.unsupported', { shop: shop.kind, what }, lang())))).toBe(true);

        const check = await run('shop.check', {}, less);
        expect(check.record.status, check.lines.join('\n')).not.toBe('failed');
      });

      it('customers: no groups, no reconciliation', async () => {
        const less = (s: ShopPort) => lessCapableShop(s);
        const groups = await run('customers.groups', {}, less);
        expect(groups.record.status, groups.lines.join('\n')).not.toBe('failed');
        expect(groups.lines.some((l) => l.includes(tr('customers.noGroups', {}, lang())))).toBe(true);
        const customers = await run('customers.export', { reconcile: true }, less);
        expect(customers.record.status, customers.lines.join('\n')).not.toBe('failed');
        const what = tr('reconcile.what.customers', {}, lang());
        expect(customers.lines.some((l) => l.includes(tr('reconcile.unsupported', { shop: shop.kind, what }, lang())))).toBe(true);
      });

      it('stock reconciliation without an order reader: said, not done, never oversold', async () => {
        await run('products.export', {}, undefined);
        const noOrders = (s: ShopPort): ShopPort => {
          const states = s.productStates?.bind(s);
          return { ...lessCapableShop(s), ...(states ? { productStates: states } : {}) };
        };
        const stocks = await run('products.stocks', { reconcile: true }, noOrders);
        expect(stocks.record.status, stocks.lines.join('\n')).toBe('succeeded');
        const line = shop.productStates
          ? tr('reconcile.noOrderReader', { shop: shop.kind }, lang())
          : tr('reconcile.unsupported', { shop: shop.kind, what: tr('reconcile.what.stock', {}, lang()) }, lang());
        expect(stocks.lines.some((l) => l.includes(line))).toBe(true);
      });
    });
  });
}
