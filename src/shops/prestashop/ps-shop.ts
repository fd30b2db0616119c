/**
 * The PrestaShop adapter's port (WEB-01), catalogue side, through the public webservice only.
 * PrestaShop has no batch endpoint: one entity per request, items written side by side up to
 * the options' concurrency (the client's queue bounds the requests in flight). An update is a
 * PATCH of the fields the update switches allow; where the key may not PATCH, GET-modify-PUT of
 * the whole record (PUT blanks what it omits, fixtures 814/815): a stock or price update never
 * blanks a name, a description, a category or an image. Customers and orders are delegated.
 */
import { errorText } from '../../errors.js';
import { dec } from '../../util/decimal.js';
import { HttpError } from '../../http/http-error.js';
import { markPatchRefused, patchOrReplace } from './patch-or-replace.js';
import { shopConfig, shopLanguages, type PsConfigName } from './shop-facts.js';
import { chunk, runBatches } from '../../http/batch.js';
import { msg, tr, type Text } from '../../i18n/catalogue.js';
import type { VatCode } from '../../gescom/model.js';
import type { CustomerGroupDraft, ImageDraft, PriceDraft, ProductDraft } from '../../sync/drafts.js';
import type { ShopDeps, ShopSettings } from '../adapter.js';
import type {
  AspectWrite, ConnectionReport, CustomerWrite, ItemResult, OrderSource, ProductWrite, ShopCapabilities, ShopCategory, ShopCustomerRef,
  ShopCustomerState, ShopPort, ShopProductRef, ShopProductState, ShopReferenceLists, VariationWrite,
} from '../port.js';
import {
  combinationRecord, fromShopPrice, langs, langText, linkRewrite, mergeRecord, productPriceFields, productRecord, specificPriceRecords,
  taxGroupFor, toShopPrice, writableCopy, type PsTaxGroup, type TaxGroupChoice,
} from './ps-mapping.js';
import { PsCustomers } from './ps-customers.js';
import { PsOrderSource } from './ps-orders.js';
import { psReferenceLists } from './ps-reference.js';
import type { PsRecord, PsWebservice } from './webservice.js';
import { str as id } from './webservice.js';

export interface PsShopOptions {
  key: string;
  /** Multistore: the shop's id_shop ('' = the webservice's default shop). */
  shopId: string;
  /** Entities written at once (default 4; small hostings 1). */
  concurrency: number;
  /** KerAwen: the till's anonymous customer ids (its KerAwen sales are anonymous orders, CMD-14). */
  kerawenAnonymousCustomerIds?: readonly string[];
}

export interface PsShopInit {
  ws: PsWebservice;
  options: PsShopOptions;
  settings: ShopSettings;
  memory: ShopDeps['memory'];
  warn: ShopDeps['warn'];
}

/** References per `filter[reference]=[a|b|…]` request (URLs stay well under 8 KB). */
const SKUS_PER_REQUEST = 40;

/** A product's tax rate (null: no group) and its own price, HT, as the shop holds them. */
interface ProductRate { rate: string | null; price: string }
/** Products per page of a reconciliation; their stocks, combinations and promotions are read per page. */
const STATE_PAGE = 100;
/** The resources the catalogue needs, with the methods it uses (check). */
const NEEDED: Record<string, string[]> = {
  products: ['GET', 'POST', 'PUT'],
  combinations: ['GET', 'POST', 'PUT'],
  stock_availables: ['GET', 'PUT'],
  categories: ['GET', 'POST', 'PUT'],
  product_options: ['GET', 'POST'],
  product_option_values: ['GET', 'POST'],
  specific_prices: ['GET', 'POST', 'DELETE'],
  tax_rule_groups: ['GET'],
  tax_rules: ['GET'],
  taxes: ['GET'],
  languages: ['GET'],
  configurations: ['GET'],
  currencies: ['GET'],
  images: ['GET', 'POST', 'DELETE'],
};

/** Memory kinds (deps.memory, kept across runs in the state store). */
const MEM = {
  option: 'ps.productOption',
  optionValue: 'ps.productOptionValue',
  feature: 'ps.feature',
  featureValue: 'ps.featureValue',
  manufacturer: 'ps.manufacturer',
  supplier: 'ps.supplier',
  image: 'ps.image',
  attachment: 'ps.attachment',
  productAttachments: 'ps.productAttachments',
  specificPrices: 'ps.specificPrices',
} as const;

/** products.reference and combinations.reference maxSize (schema=synopsis). */
const REFERENCE_MAX = 64;
/** Configuration values read (one request for all). */
const lower = (s: string) => s.trim().toLocaleLowerCase('fr');

function fail(key: string, error: string | Text): ItemResult {
  return { key, ok: false, shopId: null, created: false, error };
}

function isNotFound(err: unknown): boolean {
  return err instanceof HttpError && err.status === 404;
}



export class PsShop implements ShopPort {
  readonly kind = 'prestashop';
  readonly capabilities: ShopCapabilities = {
    customerGroups: 'native',
    // No batch endpoint: speed comes from delta detection and the bounded concurrency.
    batchSize: { products: 1, variations: 1, customers: 1, categories: 1 },
    variations: true,
    groupPrices: true,
    documents: true,
    // ART-13: a bill of materials becomes a pack (product_bundle) once every component is in the shop.
    packs: true,
    // States whose order_states flag `logable` is set take the quantities out of PrestaShop's stock.
    stockReducingOrderStatuses: ['paid', 'processing', 'shipped', 'completed'],
  };

  private readonly ws: PsWebservice;
  private readonly settings: ShopSettings;
  private readonly customers: PsCustomers;
  private languages: { ids: string[]; own: string } | null = null;
  private languagesRead: Promise<{ ids: string[]; own: string }> | null = null;
  private taxGroups: PsTaxGroup[] | null = null;
  private taxGroupsRead: Promise<PsTaxGroup[]> | null = null;
  private homeCategory: string | null = null;
  private readonly locks = new Map<string, Promise<unknown>>();
  private groupIds: Promise<Map<string, string>> | null = null;
  private readonly warned = new Set<string>();
  private orders: PsOrderSource | null = null;

  constructor(private readonly o: PsShopInit) {
    this.ws = o.ws;
    this.settings = o.settings;
    this.customers = new PsCustomers({ ws: o.ws, settings: o.settings, options: { shopId: o.options.shopId }, warn: o.warn });
  }

  stats() {
    return this.ws.stats();
  }

  orderSource(): OrderSource {
    // One reader per shop (per run): its reference data (states, taxes, carriers…) is read once.
    this.orders ??= new PsOrderSource({ ws: this.ws, settings: this.settings, options: {
      shopId: this.o.options.shopId, kerawenAnonymousCustomerIds: this.o.options.kerawenAnonymousCustomerIds ?? [],
    }, warn: this.o.warn });
    return this.orders;
  }

  private get concurrency(): number {
    return Math.max(1, this.o.options.concurrency || 4);
  }

  private warnOnce(key: string, text: Text): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.o.warn(text);
  }

  /** Runs `fn` per item, `concurrency` at a time, through the shared batch runner; one failure fails that item alone. */
  private async each<T>(items: readonly T[], key: (i: T) => string, fn: (i: T) => Promise<ItemResult>): Promise<ItemResult[]> {
    const out = await runBatches(items, { size: 1, concurrency: this.concurrency, run: async ([i]) => fn(i as T) });
    return out.map((b) => (b.ok ? b.value : fail(key(b.items[0] as T), errorText(b.error))));
  }

  /** One task at a time per name: two products must not both create "Couleur". */
  private serial<R>(name: string, fn: () => Promise<R>): Promise<R> {
    const prev = this.locks.get(name) ?? Promise.resolve();
    const run = prev.then(fn, fn);
    this.locks.set(name, run.catch(() => undefined));
    return run;
  }

  // ------------------------------------------------------------------ shop facts

  /** A configuration value of the shop (shop-facts.ts: read once for every part of the adapter). */
  private config(name: PsConfigName): Promise<string | null> {
    return shopConfig(this.ws, name);
  }

  /** What the shop holds for the mapping grids, labelled in the shop's default language. */
  async referenceLists(): Promise<ShopReferenceLists> {
    return psReferenceLists(this.ws, (await this.langs()).own);
  }

  /** The shop languages (active ones) and the default one, read once. */
  private langs(): Promise<{ ids: string[]; own: string }> {
    if (this.languages) return Promise.resolve(this.languages);
    this.languagesRead ??= this.readLangs();
    this.languagesRead.catch(() => { this.languagesRead = null; });
    return this.languagesRead;
  }

  private async readLangs(): Promise<{ ids: string[]; own: string }> {
    const ids = (await shopLanguages(this.ws)).filter((l) => l.active).map((l) => l.id);
    const own = (await this.config('PS_LANG_DEFAULT').catch(() => null)) ?? ids[0] ?? '1';
    this.languages = { ids: ids.length ? ids : [own], own };
    return this.languages;
  }

  /** Languages an update writes: the default one, or all of them (articles.updates.allLanguages). */
  private async updateLangs(): Promise<string[]> {
    const l = await this.langs();
    return this.settings.articles.updates.allLanguages ? l.ids : [l.own];
  }

  /** The home category: where top-level categories hang and products without category go. */
  private async home(): Promise<string> {
    if (this.homeCategory) return this.homeCategory;
    this.homeCategory = (await this.config('PS_HOME_CATEGORY').catch(() => null)) || '2';
    return this.homeCategory;
  }

  /** Tax rules groups with the rate they apply in the shop's country, read once (ART-04). */
  private loadTaxGroups(): Promise<PsTaxGroup[]> {
    if (this.taxGroups) return Promise.resolve(this.taxGroups);
    this.taxGroupsRead ??= this.readTaxGroups();
    this.taxGroupsRead.catch(() => { this.taxGroupsRead = null; });
    return this.taxGroupsRead;
  }

  private async readTaxGroups(): Promise<PsTaxGroup[]> {
    const country = (await this.config('PS_COUNTRY_DEFAULT').catch(() => null)) ?? '8';
    const taxes = new Map<string, string>();
    for await (const page of this.ws.pages('taxes', { display: ['id', 'rate', 'active'] })) {
      for (const t of page) taxes.set(id(t.id), id(t.rate));
    }
    const rateOf = new Map<string, string>();
    for await (const page of this.ws.pages('tax_rules', { display: ['id', 'id_tax_rules_group', 'id_country', 'id_tax'], filter: { id_country: `[${country}]` } })) {
      for (const r of page) {
        const rate = taxes.get(id(r.id_tax));
        if (rate !== undefined && !rateOf.has(id(r.id_tax_rules_group))) rateOf.set(id(r.id_tax_rules_group), rate);
      }
    }
    const groups: PsTaxGroup[] = [];
    for await (const page of this.ws.pages('tax_rule_groups', { display: ['id', 'name', 'active', 'deleted'] })) {
      for (const g of page) {
        if (id(g.deleted) === '1') continue;
        groups.push({ id: id(g.id), name: id(g.name), rate: rateOf.get(id(g.id)) ?? null });
      }
    }
    this.taxGroups = groups;
    return groups;
  }

  private taxChoice(vatCode: string | null, vatRate: string | null | undefined): TaxGroupChoice {
    return taxGroupFor(vatCode, vatRate, this.settings.articles.taxes, this.taxGroups ?? []);
  }

  async vatCodesWithoutTaxClass(vatCodes: readonly VatCode[]): Promise<VatCode[]> {
    await this.loadTaxGroups();
    return vatCodes.filter((v) => this.taxChoice(v.code, v.rate).kind === 'refuse');
  }

  /** Customer group name (lower case) -> id, for group prices. */
  private async groups(): Promise<Map<string, string>> {
    // The promise is kept: items written side by side share one read.
    this.groupIds ??= this.customers.customerGroups().catch((err: unknown) => {
      this.groupIds = null;
      throw err;
    });
    return this.groupIds;
  }

  // ------------------------------------------------------------------ connection (PRF-09)

  async testConnection(): Promise<ConnectionReport> {
    const checks: ConnectionReport['checks'] = [];
    const info: Record<string, string> = {};
    let allowed: Map<string, Set<string>> | null = null;
    try {
      if (this.ws.resources) allowed = await this.ws.resources();
      else await this.ws.list('languages', { display: ['id'] });
      checks.push({ name: 'auth', ok: true, message: msg('ps.check.keyAccepted') });
    } catch (err) {
      checks.push({ name: err instanceof HttpError && err.answered ? 'auth' : 'url', ok: false, message: this.connectionFailure(err) });
      return { ok: false, checks, info };
    }
    if (allowed) {
      const missing: string[] = [];
      for (const [resource, methods] of Object.entries(NEEDED)) {
        const has = allowed.get(resource);
        if (!has) {
          missing.push(resource);
          checks.push({ name: `resource:${resource}`, ok: false, message: msg('ps.check.resourceNotAllowed', { resource }) });
          continue;
        }
        const lacking = methods.filter((m) => !has.has(m));
        if (lacking.length) {
          checks.push({ name: `resource:${resource}`, ok: false, message: msg('ps.check.methodsNotAllowed', { resource, methods: lacking.join(', ') }) });
        }
      }
      if (allowed.get('products')?.has('PATCH') === false) markPatchRefused(this.ws, 'products');
      if (!missing.length && checks.every((c) => c.ok)) checks.push({ name: 'resources', ok: true, message: msg('ps.check.resourcesAllowed') });
    }
    try {
      const currencyId = await this.config('PS_CURRENCY_DEFAULT');
      if (currencyId) {
        const cur = await this.ws.get('currencies', currencyId);
        if (cur?.iso_code) info.currency = id(cur.iso_code);
      }
      const tax = await this.config('PS_TAX');
      // Prices go through the webservice tax excluded, whatever the shop displays.
      info.pricesIncludeTax = 'no';
      if (tax !== null) info.calcTaxes = tax === '0' ? 'no' : 'yes';
      const l = await this.langs();
      info.languages = l.ids.join(',');
      if (this.o.options.shopId) info.shopId = this.o.options.shopId;
      checks.push({ name: 'settings', ok: true, message: msg('ps.check.settingsRead', { currency: info.currency ?? '?', tax: info.calcTaxes ?? '?' }) });
    } catch (err) {
      checks.push({ name: 'settings', ok: false, message: msg('ps.check.settingsUnreadable', { reason: errorText(err) }) });
    }
    return { ok: checks.every((c) => c.ok), checks, info };
  }

  private connectionFailure(err: unknown): string | Text {
    if (!(err instanceof HttpError) || !err.answered) return msg('shop.check.unreachable', { reason: errorText(err) });
    if (err.status === 503 && err.code === '22') return msg('ps.check.webserviceDisabled');
    if (err.status === 401) return msg('ps.check.keyRefused', { code: err.code ?? '401' });
    if (err.status === 403 || err.status === 405) return msg('ps.check.keyForbidden', { code: err.code ?? String(err.status), reason: errorText(err) });
    if (err.status === 404) return msg('ps.check.noWebservice');
    return errorText(err);
  }

  // ------------------------------------------------------------------ generic writes

  /**
   * An update that leaves the rest alone: PATCH of the given fields; where the key may not PATCH,
   * the whole record read (a `display=full` list keeps the zero fields a single JSON read drops),
   * the fields laid over it, PUT back.
   */
  private async update(resource: string, recordId: string, change: PsRecord): Promise<void> {
    await patchOrReplace(this.ws, resource, recordId, change, async () => {
      const [current] = await this.ws.list(resource, { display: 'full', filter: { id: `[${recordId}]` } });
      if (!current) throw new HttpError({ method: 'GET', url: `${resource}/${recordId}`, status: 404, attempts: 1, entity: `${resource} ${recordId}` });
      const base = writableCopy(resource, current, (await this.langs()).own);
      if (resource === 'products' && base.associations && typeof base.associations === 'object') {
        // Maintained by PrestaShop itself: sending them back is at best ignored.
        const { stock_availables: _s, combinations: _c, ...assoc } = base.associations as PsRecord;
        base.associations = assoc;
      }
      return mergeRecord(base, change);
    });
  }


  // ------------------------------------------------------------------ categories

  async categories(): Promise<ShopCategory[]> {
    const home = await this.home();
    const own = (await this.langs()).own;
    const out: ShopCategory[] = [];
    for await (const page of this.ws.pages('categories', { display: ['id', 'id_parent', 'name', 'link_rewrite', 'is_root_category'] })) {
      for (const c of page) {
        const cid = id(c.id);
        // The root and home categories are the shop's frame, not categories the GesCom maps to.
        if (cid === home || id(c.id_parent) === '0' || id(c.is_root_category) === '1') continue;
        const parent = id(c.id_parent);
        out.push({ id: cid, name: langText(c.name, own), parentId: parent === home ? null : parent, slug: langText(c.link_rewrite, own) });
      }
    }
    return out;
  }

  async createCategories(items: { key: string; name: string; parentId: string | null }[]): Promise<ItemResult[]> {
    const l = await this.langs();
    const home = await this.home();
    return this.each(items, (i) => i.key, async (i) => {
      const rec = await this.ws.create('categories', {
        id_parent: i.parentId ?? home, active: '1',
        name: langs(i.name.slice(0, 128), l.ids), link_rewrite: langs(linkRewrite(i.name), l.ids),
      });
      return { key: i.key, ok: true, shopId: id(rec.id), created: true, error: null };
    });
  }

  async updateCategories(items: { key: string; id: string; name: string; parentId: string | null }[]): Promise<ItemResult[]> {
    const ids = await this.updateLangs();
    const home = await this.home();
    return this.each(items, (i) => i.key, async (i) => {
      await this.update('categories', i.id, {
        id_parent: i.parentId ?? home, name: langs(i.name.slice(0, 128), ids), link_rewrite: langs(linkRewrite(i.name), ids),
      });
      return { key: i.key, ok: true, shopId: i.id, created: false, error: null };
    });
  }

  // ------------------------------------------------------------------ products: find

  async findProductsBySku(skus: string[]): Promise<Map<string, ShopProductRef>> {
    const out = new Map<string, ShopProductRef>();
    // A reference holding a filter's own characters is looked up alone.
    const plain = skus.filter((s) => s && !/[|[\]%]/.test(s));
    const odd = skus.filter((s) => s && /[|[\]%]/.test(s));
    const filters = [...chunk(plain, SKUS_PER_REQUEST).map((c) => `[${c.join('|')}]`), ...odd.map((s) => `[${s}]`)];
    const wanted = new Set(skus);
    for (const filter of filters) {
      const [products, combinations] = await Promise.all([
        this.ws.list('products', { display: ['id', 'reference', 'product_type', 'type'], filter: { reference: filter } }),
        this.ws.list('combinations', { display: ['id', 'id_product', 'reference'], filter: { reference: filter } }),
      ]);
      for (const p of products) {
        const sku = id(p.reference);
        if (!wanted.has(sku)) continue;
        const t = id(p.product_type);
        const kind = t === 'combinations' ? 'variable' : t === 'standard' || (t === '' && id(p.type) === 'simple') ? 'simple' : 'other';
        out.set(sku, { id: id(p.id), sku, kind, parentId: null });
      }
      for (const c of combinations) {
        const sku = id(c.reference);
        if (!wanted.has(sku) || out.has(sku)) continue;
        out.set(sku, { id: id(c.id), sku, kind: 'variation', parentId: id(c.id_product) });
      }
    }
    return out;
  }

  async findVariations(parentId: string): Promise<Map<string, ShopProductRef>> {
    const out = new Map<string, ShopProductRef>();
    for await (const page of this.ws.pages('combinations', { display: ['id', 'reference'], filter: { id_product: `[${parentId}]` } })) {
      for (const c of page) if (c.reference) out.set(id(c.reference), { id: id(c.id), sku: id(c.reference), kind: 'variation', parentId });
    }
    return out;
  }

  // ------------------------------------------------------------------ products: write

  async writeProducts(items: ProductWrite[]): Promise<ItemResult[]> {
    await this.loadTaxGroups();
    // PrestaShop lets two products share a reference: a creation whose SKU a product took since the
    // engine looked (made by hand meanwhile) ends on that product, never a second one. One look-up per page.
    const creations = items.filter((i) => i.shopId === null && i.draft.sku !== '').map((i) => i.draft.sku);
    let holders = new Map<string, ShopProductRef>();
    try {
      if (creations.length) holders = await this.findProductsBySku(creations);
    } catch (err) {
      return items.map((i) => fail(i.draft.gescomKey, errorText(err)));
    }
    return this.each(items, (i) => i.draft.gescomKey, (i) => {
      const holder = i.shopId === null ? holders.get(i.draft.sku) : undefined;
      if (!holder) return this.writeProduct(i);
      if (holder.kind === 'variation') {
        return Promise.resolve({
          ...fail(i.draft.gescomKey, msg('sync.skuIsVariation', { sku: i.draft.sku, parent: holder.parentId ?? '?' })), skuHeldBy: holder.id,
        });
      }
      return this.writeProduct({ ...i, shopId: holder.id });
    });
  }

  private async writeProduct(w: ProductWrite): Promise<ItemResult> {
    const d = w.draft;
    const key = d.gescomKey;
    const tax = this.taxChoice(d.vatCode, d.vatRate);
    if (tax.kind === 'refuse') return fail(key, tr('tax.noClassForRate', { rate: tax.rate, vatCode: tax.vatCode }, this.settings.language));
    // PrestaShop's own limit (maxSize 64): refused here with the field named rather than by a 400.
    if (d.sku.length > REFERENCE_MAX) return fail(key, msg('ps.referenceTooLong', { key, reference: d.sku, max: REFERENCE_MAX }));
    const update = w.shopId;
    if (update !== null && w.aspects !== 'all') {
      // An aspect-only write of a product: the aspect fields, nothing else.
      return this.writeProductAspects(key, update, d, w.aspects);
    }
    const l = await this.langs();
    const a = this.settings.articles;
    const ctx = {
      settings: this.settings,
      languageIds: update ? await this.updateLangs() : l.ids,
      taxGroup: tax.kind === 'group' ? { id: tax.id, rate: tax.rate } : null,
      categoryIds: w.categoryIds,
      defaultCategoryId: a.creation.defaultCategoryId || (await this.home()),
      linkedIds: w.linkedIds,
      manufacturerId: d.brand && a.brand.send ? await this.named('manufacturers', MEM.manufacturer, d.brand) : null,
      supplierId: d.supplier && a.supplier.send ? await this.named('suppliers', MEM.supplier, d.supplier) : null,
      features: a.features.enabled && d.features.length ? await this.featureLinks(d) : null,
      packItems: a.createPacks ? this.packOf(key, w.packItems) : undefined,
    };
    let productId: string;
    let created = false;
    if (update) {
      try {
        await this.update('products', update, productRecord(d, ctx, true));
        productId = update;
      } catch (err) {
        if (!isNotFound(err)) throw err;
        // Deleted by hand in the shop: created again rather than failing on every run.
        return this.writeProduct({ ...w, shopId: null });
      }
    } else {
      const rec = await this.ws.create('products', productRecord(d, { ...ctx, languageIds: l.ids }, false));
      productId = id(rec.id);
      created = true;
      if (!productId) return fail(key, msg('shop.noIdInAnswer'));
    }
    const rate = tax.kind === 'group' ? tax.rate : null;
    // What follows belongs to a product that now exists: a failure is said, the product stays bound.
    await this.afterProduct(key, async () => {
      if (d.kind === 'simple' && (created || a.updates.quantity)) {
        await this.writeStock(productId, '0', d.stock.quantity, null);
      }
    });
    await this.afterProduct(key, async () => {
      if (created || a.updates.specificPrices) await this.writeSpecificPrices(productId, '0', d.price, rate);
    });
    await this.afterProduct(key, async () => { await this.writeImages(productId, d.images, created); });
    await this.afterProduct(key, () => this.writeDocuments(productId, d.documents, created));
    return { key, ok: true, shopId: productId, created, error: null };
  }

  /** A pack's components as PrestaShop can hold them: whole quantities only (a pack counts units). */
  private packOf(key: string, items: ProductWrite['packItems']): ProductWrite['packItems'] {
    if (!items?.length) return undefined;
    const odd = items.find((i) => !/^\d+(\.0+)?$/.test(i.quantity.trim()) || Number(i.quantity) < 1);
    if (odd) {
      this.o.warn(msg('ps.packQuantity', { key, quantity: odd.quantity }));
      return undefined;
    }
    return items;
  }

  private async afterProduct(key: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (err) {
      this.o.warn(msg('ps.productPartFailed', { key, reason: errorText(err) }));
    }
  }

  private async writeProductAspects(key: string, productId: string, d: ProductDraft, aspects: 'price' | 'stock' | 'status'): Promise<ItemResult> {
    const r = await this.writeAspects([{
      key, target: { productId, variationId: null },
      ...(aspects === 'price' ? { price: d.price } : {}),
      ...(aspects === 'stock' ? { stock: { ...d.stock, weight: d.weight, barcode: d.barcode, warrantyMonths: d.warrantyMonths } } : {}),
      ...(aspects === 'status' ? { status: { active: d.active, outOfStock: false } } : {}),
    }]);
    return r[0] ?? fail(key, msg('shop.noIdInAnswer'));
  }

  /**
   * The id of a shop record found by `match` in `list()`, else created; remembered under
   * (memKind, key) so that the next look-up costs nothing. One at a time per resource: two
   * products must not both create "Couleur".
   */
  private findOrCreate(resource: string, memKind: string, key: string, list: () => Promise<PsRecord[]>,
    match: (r: PsRecord) => boolean, create: () => PsRecord): Promise<string> {
    return this.serial(resource, async () => {
      const known = this.o.memory.get(memKind, key);
      if (known) return known;
      const found = (await list()).find(match);
      const rid = found ? id(found.id) : id((await this.ws.create(resource, create())).id);
      this.o.memory.set(memKind, key, rid);
      return rid;
    });
  }

  /** A manufacturer or supplier id by name, created when missing, remembered (ART-13). */
  private named(resource: 'manufacturers' | 'suppliers', kind: string, name: string): Promise<string> {
    const k = lower(name);
    return this.findOrCreate(resource, kind, k,
      () => this.ws.list(resource, { display: ['id', 'name'], filter: { name: `[${name}]` } }),
      (r) => lower(id(r.name)) === k,
      () => ({ name: name.slice(0, 64), active: '1' }));
  }

  /** product_features associations of the draft's custom fields (ART-11): features and values created once. */
  private async featureLinks(d: ProductDraft): Promise<{ id: string; id_feature_value: string }[]> {
    const l = await this.langs();
    const out: { id: string; id_feature_value: string }[] = [];
    for (const f of d.features) {
      if (!f.value) continue;
      const featureId = await this.findOrCreate('product_features', MEM.feature, lower(f.name),
        () => this.ws.list('product_features', { display: ['id', 'name'] }),
        (r) => lower(langText(r.name, l.own)) === lower(f.name),
        () => ({ name: langs(f.name.slice(0, 128), l.ids) }));
      const valueId = await this.findOrCreate('product_feature_values', MEM.featureValue, `${featureId}:${lower(f.value)}`,
        () => this.ws.list('product_feature_values', { display: ['id', 'id_feature', 'value', 'custom'], filter: { id_feature: `[${featureId}]` } }),
        (r) => id(r.custom) !== '1' && lower(langText(r.value, l.own)) === lower(f.value),
        () => ({ id_feature: featureId, custom: '0', value: langs(f.value.slice(0, 255), l.ids) }));
      out.push({ id: featureId, id_feature_value: valueId });
    }
    return out;
  }

  /** The stock_available of a product (combination '0') or of a combination. */
  private async stockAvailable(productId: string, combinationId: string): Promise<PsRecord | null> {
    const rows = await this.ws.list('stock_availables', {
      display: ['id', 'id_product', 'id_product_attribute', 'quantity', 'out_of_stock'],
      filter: { id_product: `[${productId}]`, id_product_attribute: `[${combinationId}]` },
    });
    return rows[0] ?? null;
  }

  /**
   * A stock_available brought to the GesCom's figure: the quantity, or "not managed" (orders
   * accepted out of stock, out_of_stock 1) for an article without stock; nothing sent when the
   * shop already holds it.
   */
  private async writeStock(productId: string, combinationId: string, quantity: number | null, outOfStock: boolean | null): Promise<void> {
    const sa = await this.stockAvailable(productId, combinationId);
    if (!sa) throw new HttpError({ method: 'GET', url: `stock_availables?filter[id_product]=[${productId}]`, status: 404, attempts: 1, entity: `stock ${productId}/${combinationId}` });
    const change: PsRecord = {};
    const behaviour = id(sa.out_of_stock);
    if (quantity === null) {
      if (behaviour !== '1') change.out_of_stock = '1';
    } else {
      if (Number(sa.quantity ?? 0) !== quantity) change.quantity = String(quantity);
      // Managed again: back to the shop's default behaviour.
      if (behaviour === '1') change.out_of_stock = '2';
    }
    // "Show out of stock": orders refused once the stock is gone.
    if (outOfStock === true && behaviour !== '0') change.out_of_stock = '0';
    if (Object.keys(change).length) await this.update('stock_availables', id(sa.id), change);
  }

  /**
   * The promotion and group prices as specific_prices: the ones written last time (remembered)
   * are deleted and the new ones created, so the merchant's own specific prices are left alone.
   */
  private async writeSpecificPrices(productId: string, combinationId: string, p: PriceDraft, rate: string | null): Promise<void> {
    const memKey = `${productId}/${combinationId}`;
    const before = (this.o.memory.get(MEM.specificPrices, memKey) ?? '').split(',').filter(Boolean);
    if (!before.length && !p.sale && !p.groups.length) return;
    const groups = p.groups.length ? await this.groups() : new Map<string, string>();
    const { records, unknownGroups } = specificPriceRecords(p, {
      productId, combinationId, base: this.settings.prices.base, rate, shopId: this.o.options.shopId || null,
      groupIdOf: (name) => groups.get(lower(name)),
    });
    for (const g of unknownGroups) this.warnOnce(`group:${g}`, msg('ps.groupUnknown', { group: g }));
    for (const spId of before) {
      try {
        await this.ws.delete('specific_prices', spId);
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    const created: string[] = [];
    try {
      for (const r of records) created.push(id((await this.ws.create('specific_prices', r)).id));
    } finally {
      this.o.memory.set(MEM.specificPrices, memKey, created.join(','));
    }
  }

  /**
   * Images not sent yet (by content hash), or all of them when asked to replace; delete-before-send
   * when set. Returns the shop image id of each given image (for a combination's association).
   */
  private async writeImages(productId: string, images: ImageDraft[], created: boolean, forCombination = false): Promise<string[]> {
    const o = this.settings.articles.images;
    if (!o.enabled || !images.length) return [];
    if (!this.ws.upload) {
      this.warnOnce('images', msg('ps.imagesUnsupported'));
      return [];
    }
    // A combination's images are its product's: never a reason to delete the product's others.
    const replace = !created && !forCombination && this.settings.articles.updates.images;
    const memKey = (img: ImageDraft) => `${productId}:${img.sha256}`;
    let missing = replace ? images : images.filter((i) => !this.o.memory.get(MEM.image, memKey(i)));
    if (missing.length && !created && !forCombination && (o.deleteBeforeSend || replace)) {
      const p = await this.ws.get('products', productId);
      const assoc = (p?.associations as Record<string, PsRecord[]> | undefined)?.images ?? [];
      for (const img of assoc) {
        try {
          await this.ws.delete(`images/products/${productId}`, id(img.id));
        } catch (err) {
          if (!isNotFound(err)) throw err;
        }
      }
      // Every image goes again once the old ones are gone.
      missing = images;
    }
    for (const img of missing) {
      const rec = await this.ws.upload(`images/products/${productId}`, 'image', { fileName: img.fileName, contentType: img.mimeType, data: await img.load() });
      this.o.memory.set(MEM.image, memKey(img), (rec ? id(rec.id) : '') || '?');
    }
    return images.map((i) => this.o.memory.get(MEM.image, memKey(i)) ?? '').filter((x) => x && x !== '?');
  }

  /**
   * ART-08: article documents as product attachments (`POST attachments/file`, then the product's
   * association). The attachments Passerelle sent are remembered per product: a document gone or
   * replaced takes its attachment with it, the merchant's own attachments stay linked.
   */
  private async writeDocuments(productId: string, docs: ImageDraft[], created: boolean): Promise<void> {
    const o = this.settings.articles.documents;
    if (!o.enabled || !docs.length) return;
    if (!this.ws.upload) {
      this.warnOnce('documents', msg('ps.documentsUnsupported'));
      return;
    }
    const replace = !created && this.settings.articles.updates.documents;
    const l = await this.langs();
    const before = (this.o.memory.get(MEM.productAttachments, productId) ?? '').split(',').filter(Boolean);
    const ids: string[] = [];
    for (const doc of docs) {
      const known = this.o.memory.get(MEM.attachment, `${productId}:${doc.sha256}`);
      if (known && !replace && before.includes(known)) {
        ids.push(known);
        continue;
      }
      const name = doc.fileName.replace(/\.[^.]+$/, '').slice(0, 32) || 'document';
      // The name goes in the default language only: the other languages are written after.
      const rec = await this.ws.upload('attachments/file', 'file', { fileName: doc.fileName, contentType: doc.mimeType, data: await doc.load() }, { name });
      const aid = rec ? id(rec.id) : '';
      if (!aid) continue;
      if (l.ids.length > 1) await this.update('attachments', aid, { name: langs(name, l.ids) });
      this.o.memory.set(MEM.attachment, `${productId}:${doc.sha256}`, aid);
      ids.push(aid);
    }
    const gone = before.filter((x) => !ids.includes(x));
    if (!created && !gone.length && ids.every((x) => before.includes(x))) return;
    let others: string[] = [];
    if (!created && !o.deleteBeforeSend) {
      const [p] = await this.ws.list('products', { display: 'full', filter: { id: `[${productId}]` } });
      others = ((p?.associations as Record<string, PsRecord[]> | undefined)?.attachments ?? []).map((x) => id(x.id)).filter((x) => !before.includes(x));
    }
    await this.update('products', productId, { associations: { attachments: [...new Set([...others, ...ids])].map((x) => ({ id: x })) } });
    this.o.memory.set(MEM.productAttachments, productId, ids.join(','));
    for (const x of gone) {
      await this.ws.delete('attachments', x).catch((err: unknown) => { if (!isNotFound(err)) throw err; });
    }
  }

  // ------------------------------------------------------------------ combinations

  /** product_option ids by name and value ids by (option, value), created once and remembered. */
  private async optionValueIds(attributes: { name: string; value: string }[]): Promise<string[]> {
    const l = await this.langs();
    const out: string[] = [];
    for (const a of attributes) {
      const optionId = await this.findOrCreate('product_options', MEM.option, lower(a.name),
        () => this.ws.list('product_options', { display: ['id', 'name'] }),
        (r) => lower(langText(r.name, l.own)) === lower(a.name),
        () => ({ group_type: 'select', is_color_group: '0', name: langs(a.name.slice(0, 128), l.ids), public_name: langs(a.name.slice(0, 64), l.ids) }));
      const valueId = await this.findOrCreate('product_option_values', MEM.optionValue, `${optionId}:${lower(a.value)}`,
        () => this.ws.list('product_option_values', { display: ['id', 'id_attribute_group', 'name'], filter: { id_attribute_group: `[${optionId}]` } }),
        (r) => lower(langText(r.name, l.own)) === lower(a.value),
        () => ({ id_attribute_group: optionId, name: langs(a.value.slice(0, 128), l.ids) }));
      out.push(valueId);
    }
    return out;
  }

  async writeVariations(parentId: string, parent: ProductDraft, items: VariationWrite[]): Promise<ItemResult[]> {
    await this.loadTaxGroups();
    const tax = this.taxChoice(parent.vatCode, parent.vatRate);
    if (tax.kind === 'refuse') {
      const error = tr('tax.noClassForRate', { rate: tax.rate, vatCode: tax.vatCode }, this.settings.language);
      return items.map((i) => fail(i.draft.gescomCode, error));
    }
    const rate = tax.kind === 'group' ? tax.rate : null;
    const first = parent.variations[0]?.gescomCode;
    // Creating combinations one at a time per parent: PrestaShop keeps a single default_on per product.
    const results: ItemResult[] = [];
    for (const w of items) {
      const key = w.draft.gescomCode;
      try {
        results.push(await this.writeVariation(parentId, parent, w, rate, key === first));
      } catch (err) {
        results.push(fail(key, errorText(err)));
      }
    }
    return results;
  }

  private async writeVariation(parentId: string, parent: ProductDraft, w: VariationWrite, rate: string | null, isDefault: boolean): Promise<ItemResult> {
    const key = w.draft.gescomCode;
    if (w.draft.sku.length > REFERENCE_MAX) return fail(key, msg('ps.referenceTooLong', { key, reference: w.draft.sku, max: REFERENCE_MAX }));
    if (w.shopId !== null && w.aspects !== 'all') {
      const v = w.draft;
      const r = await this.writeAspects([{
        key, target: { productId: parentId, variationId: w.shopId },
        ...(w.aspects === 'price' ? { price: v.price } : {}),
        ...(w.aspects === 'stock' ? { stock: { ...v.stock, weight: v.weight, barcode: v.barcode, warrantyMonths: null } } : {}),
        ...(w.aspects === 'status' ? { status: { active: v.active, outOfStock: false } } : {}),
      }]);
      return r[0] ?? fail(key, msg('shop.noIdInAnswer'));
    }
    const optionValueIds = await this.optionValueIds(w.draft.attributes);
    const u = this.settings.articles.updates;
    let imageIds: string[] = [];
    await this.afterProduct(key, async () => { imageIds = await this.writeImages(parentId, w.draft.images, false, true); });
    let combinationId: string;
    let created = false;
    if (w.shopId) {
      try {
        await this.update('combinations', w.shopId, combinationRecord(w.draft, parent, { settings: this.settings, productId: parentId, rate, optionValueIds, imageIds, isDefault, update: true }));
        combinationId = w.shopId;
      } catch (err) {
        if (!isNotFound(err)) throw err;
        return this.writeVariation(parentId, parent, { ...w, shopId: null }, rate, isDefault);
      }
    } else {
      const rec = await this.ws.create('combinations', combinationRecord(w.draft, parent, { settings: this.settings, productId: parentId, rate, optionValueIds, imageIds, isDefault, update: false }));
      combinationId = id(rec.id);
      created = true;
      if (!combinationId) return fail(key, msg('shop.noIdInAnswer'));
    }
    await this.afterProduct(key, async () => {
      if (created || u.quantity) await this.writeStock(parentId, combinationId, w.draft.stock.quantity, null);
    });
    await this.afterProduct(key, async () => {
      if (created || u.specificPrices) await this.writeSpecificPrices(parentId, combinationId, w.draft.price, rate);
    });
    return { key, ok: true, shopId: combinationId, created, error: null };
  }

  // ------------------------------------------------------------------ aspects (stock, prices, status)

  async writeAspects(items: AspectWrite[]): Promise<ItemResult[]> {
    const rates = new Map<string, ProductRate>();
    if (items.some((i) => i.price)) {
      await this.loadTaxGroups();
      // The products whose price needs their tax group (TTC profile) or their own price (combinations), read together.
      const ids = [...new Set(items.filter((i) => i.price && (this.settings.prices.base === 'TTC' || i.target.variationId)).map((i) => i.target.productId))];
      for (const c of chunk(ids, SKUS_PER_REQUEST)) {
        // A failed read costs nothing here: each item then reads its own product and fails alone.
        const rows = await this.ws.list('products', { display: ['id', 'id_tax_rules_group', 'price'], filter: { id: `[${c.join('|')}]` } }).catch(() => []);
        for (const p of rows) rates.set(id(p.id), this.rateOf(p));
      }
    }
    return this.each(items, (i) => i.key, (i) => this.writeAspect(i, rates));
  }

  private rateOf(p: PsRecord): ProductRate {
    const group = (this.taxGroups ?? []).find((g) => g.id === id(p.id_tax_rules_group));
    return { rate: group?.rate ?? null, price: id(p.price) };
  }

  /** The rate of a product's tax rules group, for a TTC profile (its prices go HT). */
  private async productRate(productId: string): Promise<ProductRate> {
    const [p] = await this.ws.list('products', { display: ['id', 'id_tax_rules_group', 'price'], filter: { id: `[${productId}]` } });
    if (!p) throw new HttpError({ method: 'GET', url: `products/${productId}`, status: 404, attempts: 1, entity: `product ${productId}` });
    return this.rateOf(p);
  }

  private async writeAspect(w: AspectWrite, rates: ReadonlyMap<string, ProductRate>): Promise<ItemResult> {
    const { productId, variationId } = w.target;
    const combo = variationId ?? '0';
    const shopId = variationId ?? productId;
    if (w.stock) {
      const s = w.stock;
      await this.writeStock(productId, combo, s.quantity, w.status?.outOfStock ?? null);
      // Weight and minimum quantity travel with the stock (stock.sendWeight, sendMinQuantity): written only when they differ.
      const wanted: PsRecord = {};
      if (s.weight !== null && !variationId) wanted.weight = s.weight;
      if (s.minQuantity !== null) wanted.minimal_quantity = String(Math.max(1, s.minQuantity));
      if (Object.keys(wanted).length) {
        const resource = variationId ? 'combinations' : 'products';
        const [held] = await this.ws.list(resource, { display: ['id', ...Object.keys(wanted)], filter: { id: `[${shopId}]` } });
        const change = Object.fromEntries(Object.entries(wanted).filter(([k, v]) => !held || !dec(id(held[k]) || '0').eq(dec(String(v)))));
        if (Object.keys(change).length) await this.update(resource, shopId, change);
      }
    }
    if (w.price) {
      const { rate, price: parentPrice } = this.settings.prices.base === 'TTC' || variationId
        ? rates.get(productId) ?? await this.productRate(productId) : { rate: null, price: '0' };
      if (variationId) {
        // A combination's price is an impact on its product's price (tax excluded).
        const impact = dec(toShopPrice(w.price.regular, this.settings.prices.base, rate)).minus(parentPrice).toFixed(6);
        await this.update('combinations', variationId, { price: impact, ...(w.price.purchase !== null ? { wholesale_price: w.price.purchase } : {}) });
      } else {
        await this.update('products', productId, productPriceFields(w.price, this.settings.prices.base, rate));
      }
      if (this.settings.articles.updates.specificPrices) await this.writeSpecificPrices(productId, combo, w.price, rate);
    }
    if (w.status) {
      if (variationId) {
        // A combination has no status of its own: out of stock is its stock_available's behaviour.
        if (w.status.outOfStock && !w.stock) {
          const sa = await this.stockAvailable(productId, combo);
          if (sa) await this.update('stock_availables', id(sa.id), { out_of_stock: '0' });
        }
      } else {
        await this.update('products', productId, { active: w.status.active ? '1' : '0' });
        if (w.status.outOfStock && !w.stock) {
          const sa = await this.stockAvailable(productId, '0');
          if (sa) await this.update('stock_availables', id(sa.id), { out_of_stock: '0' });
        }
      }
    }
    return { key: w.key, ok: true, shopId, created: false, error: null };
  }

  // ------------------------------------------------------------------ reconciliation

  /**
   * Products in pages with a field list, then per page one request each for their stocks, their
   * combinations and their promotions: four requests per 100 products, whatever the catalogue.
   */
  async *productStates(): AsyncIterable<ShopProductState[]> {
    await this.loadTaxGroups();
    const base = this.settings.prices.base;
    const precision = this.settings.prices.precision;
    const rateOf = (group: string) => (this.taxGroups ?? []).find((g) => g.id === group)?.rate ?? null;
    for await (const page of this.ws.pages('products', { display: ['id', 'reference', 'price', 'active', 'product_type', 'type', 'id_tax_rules_group'], limit: STATE_PAGE })) {
      if (!page.length) continue;
      const ids = `[${page.map((p) => id(p.id)).join('|')}]`;
      const [stocks, combos, promos] = await Promise.all([
        this.ws.list('stock_availables', { display: ['id', 'id_product', 'id_product_attribute', 'quantity', 'out_of_stock'], filter: { id_product: ids } }),
        page.some((p) => id(p.product_type) === 'combinations')
          ? this.ws.list('combinations', { display: ['id', 'id_product', 'reference', 'price'], filter: { id_product: ids } }) : Promise.resolve([]),
        this.ws.list('specific_prices', {
          display: ['id', 'id_product', 'id_product_attribute', 'id_group', 'id_customer', 'price', 'from_quantity'],
          filter: { id_product: ids, id_group: '[0]', id_customer: '[0]' },
        }),
      ]);
      const stock = new Map(stocks.map((s) => [`${id(s.id_product)}/${id(s.id_product_attribute) || '0'}`, s]));
      const promo = new Map(promos.filter((s) => Number(s.price) >= 0 && id(s.from_quantity) === '1')
        .map((s) => [`${id(s.id_product)}/${id(s.id_product_attribute) || '0'}`, id(s.price)]));
      const out: ShopProductState[] = [];
      const byId = new Map(page.map((p) => [id(p.id), p]));
      for (const p of page) {
        const pid = id(p.id);
        const rate = rateOf(id(p.id_tax_rules_group));
        const sa = stock.get(`${pid}/0`);
        const t = id(p.product_type);
        const sale = promo.get(`${pid}/0`);
        out.push({
          shopId: pid, sku: id(p.reference), kind: t === 'combinations' ? 'variable' : t === 'standard' || t === '' ? 'simple' : 'other',
          quantity: sa && id(sa.out_of_stock) !== '1' ? Number(sa.quantity ?? 0) : null,
          regularPrice: fromShopPrice(id(p.price), base, rate, precision),
          salePrice: sale !== undefined ? fromShopPrice(sale, base, rate, precision) : '',
          active: id(p.active) === '1',
          outOfStock: sa ? id(sa.out_of_stock) === '0' && Number(sa.quantity ?? 0) <= 0 : false,
        });
      }
      for (const c of combos) {
        const pid = id(c.id_product);
        const parent = byId.get(pid);
        if (!parent) continue;
        const rate = rateOf(id(parent.id_tax_rules_group));
        const cid = id(c.id);
        const sa = stock.get(`${pid}/${cid}`);
        const sale = promo.get(`${pid}/${cid}`);
        const ht = dec(id(parent.price)).plus(id(c.price) || '0');
        out.push({
          shopId: `${pid}/${cid}`, sku: id(c.reference), kind: 'variation',
          quantity: sa && id(sa.out_of_stock) !== '1' ? Number(sa.quantity ?? 0) : null,
          regularPrice: fromShopPrice(ht.toFixed(6), base, rate, precision),
          salePrice: sale !== undefined ? fromShopPrice(sale, base, rate, precision) : '',
          active: id(parent.active) === '1',
          outOfStock: sa ? id(sa.out_of_stock) === '0' && Number(sa.quantity ?? 0) <= 0 : false,
        });
      }
      yield out;
    }
  }

  async retireProducts(items: { key: string; shopId: string; sku: string }[]): Promise<ItemResult[]> {
    // Nothing is deleted: the product goes offline and gives its reference up; the old reference
    // stays in supplier_reference for the merchant.
    return this.each(items, (i) => i.key, async (i) => {
      await this.update('products', i.shopId, { active: '0', visibility: 'none', reference: '', supplier_reference: i.sku.slice(0, 64) });
      return { key: i.key, ok: true, shopId: i.shopId, created: false, error: null };
    });
  }

  // ------------------------------------------------------------------ customers (delegated)

  customerGroups(): Promise<Map<string, string>> {
    return this.customers.customerGroups();
  }

  writeCustomerGroups(items: CustomerGroupDraft[]): Promise<ItemResult[]> {
    this.groupIds = null;
    return this.customers.writeCustomerGroups(items);
  }

  findCustomersByEmail(emails: string[]): Promise<Map<string, ShopCustomerRef>> {
    return this.customers.findCustomersByEmail(emails);
  }

  writeCustomers(items: CustomerWrite[], options: { newOnly: boolean }): Promise<ItemResult[]> {
    return this.customers.writeCustomers(items, options);
  }

  customerStates(): AsyncIterable<ShopCustomerState[]> {
    return this.customers.customerStates();
  }

  disableCustomers(items: { key: string; shopId: string; email: string }[]): Promise<ItemResult[]> {
    return this.customers.disableCustomers(items);
  }
}
