/**
 * The WooCommerce adapter (WEB-02) over the wc/v3 REST API: batch endpoints of at
 * most 100 items, pages of 100 when reading, SKU lookups of up to 100 SKUs per
 * request, media uploaded through the WordPress media endpoint with an
 * application password. Everything HTTP goes through src/http.
 */
import crypto from 'node:crypto';
import { HttpClient, HttpError } from '../../http/http-client.js';
import { pagesByNumber } from '../../http/paginate.js';
import { chunk, runBatches } from '../../http/batch.js';
import { errorText } from '../../errors.js';
import type { VatCode } from '../../gescom/model.js';
import { msg, tr, type Lang, type Text } from '../../i18n/catalogue.js';
import type { ShopSettings } from '../adapter.js';
import type { WooOptions } from './options.js';
import type { CustomerGroupDraft, ImageDraft, ProductDraft } from '../../sync/drafts.js';
import { WooOrderReader } from './woo-orders.js';
import { wooReferenceLists } from './woo-reference.js';
import type {
  AspectWrite, OrderSource, ConnectionReport, CustomerWrite, ItemResult, ProductWrite, ShopCapabilities, ShopCategory, ShopCustomerRef,
  ShopCustomerState, ShopPort, ShopProductRef, ShopProductState, ShopReferenceLists, VariationWrite,
} from '../port.js';
import type { ShopAddress } from '../../sync/orders/shop-order.js';
import {
  aspectPayload, customerPayload, productPayload, rateKey, taxClassFor, type TaxClassChoice, variationPayload, wholesaleRole, type WooMappingContext,
  type WooPayload,
} from './woo-mapping.js';

const BATCH = 100;
const PAGE = 100;
/** Pages of a whole-catalogue read asked at once (the HTTP client's own limit, 4, still applies). */
const READ_CONCURRENCY = 4;

interface WooError {
  code?: string;
  message?: string;
  data?: { status?: number; resource_id?: number };
}
/** The fields a reconciliation reads (`_fields`, WordPress's response filter: only these are built and sent). */
interface WooProductState {
  id: number;
  sku?: string;
  type?: string;
  status?: string;
  regular_price?: string;
  sale_price?: string;
  manage_stock?: boolean | 'parent';
  stock_quantity?: number | null;
  stock_status?: string;
}
const PRODUCT_STATE_FIELDS = 'id,sku,type,status,regular_price,sale_price,manage_stock,stock_quantity,stock_status';
const VARIATION_STATE_FIELDS = 'id,sku,status,regular_price,sale_price,manage_stock,stock_quantity,stock_status';

interface WooCustomerState {
  id: number;
  email?: string;
  first_name?: string;
  last_name?: string;
  billing?: Record<string, string>;
  shipping?: Record<string, string>;
}
const CUSTOMER_STATE_FIELDS = 'id,email,first_name,last_name,billing,shipping';

interface WooItem {
  id?: number;
  sku?: string;
  type?: string;
  parent_id?: number;
  name?: string;
  slug?: string;
  parent?: number;
  email?: string;
  error?: WooError;
}
interface BatchResponse {
  create?: WooItem[];
  update?: WooItem[];
  delete?: WooItem[];
}

/** Media already uploaded, by content hash, kept across runs by the engine. */
export interface MediaCache {
  get(sha256: string): number | undefined;
  set(sha256: string, mediaId: number): void;
}

export interface WooShopOptions {
  /** The profile's settings outside `shop` (prices base, article and customer switches, language). */
  settings: ShopSettings;
  /** `shop.woocommerce` of the profile. */
  options: WooOptions;
  /** The site's root URL, without /wp-json. */
  siteUrl: string;
  api: HttpClient;
  /** WordPress REST (wp/v2) with the application password, for media; null when not configured. */
  media: HttpClient | null;
  mediaCache: MediaCache;
  /** A journal line for things skipped on purpose (images without media credentials…). */
  warn: (message: string | Text) => void;
}

function itemError(e: WooError | undefined): string | Text {
  if (!e) return msg('shop.noIdInAnswer');
  return `${e.code ?? 'error'} : ${e.message ?? ''}`.trim();
}

export class WooShop implements ShopPort {
  readonly kind = 'woocommerce';
  readonly capabilities: ShopCapabilities;
  private static readonly BASE_CAPABILITIES: Omit<ShopCapabilities, 'customerGroups'> = {
    batchSize: { products: BATCH, variations: BATCH, customers: BATCH, categories: BATCH },
    variations: true,
    groupPrices: true,
    documents: false,
    packs: false,
    // WooCommerce reduces stock when an order reaches processing, on-hold or completed (wc_maybe_reduce_stock_levels);
    // cancelled gives it back. Plugin statuses map to processing, shipped or completed, reached after one of those.
    stockReducingOrderStatuses: ['processing', 'onHold', 'shipped', 'completed'],
  };

  /** undefined until read; null when the shop's rates could not be read or there is none. */
  private taxClasses: ReadonlyMap<string, string> | null | undefined;
  private attributes: Map<string, number> | null = null;
  private customersByEmail: Map<string, ShopCustomerRef> | null = null;
  private warnedMedia = false;

  constructor(private readonly o: WooShopOptions) {
    // WooCommerce has no customer groups of its own: only the configured plugin brings them.
    this.capabilities = { ...WooShop.BASE_CAPABILITIES, customerGroups: o.options.groupsPlugin === 'none' ? 'none' : 'plugin' };
  }

  orderSource(): OrderSource {
    return new WooOrderReader(this.o.api, this.o.settings.language);
  }

  stats() {
    const a = this.o.api.stats;
    const m = this.o.media?.stats;
    return { requests: a.requests + (m?.requests ?? 0), writeRequests: a.writeRequests + (m?.writeRequests ?? 0) };
  }

  // ------------------------------------------------------------------ connection (PRF-09)

  referenceLists(lang: Lang): Promise<ShopReferenceLists> {
    return wooReferenceLists(this.o.api, lang);
  }

  async testConnection(): Promise<ConnectionReport> {
    const checks: ConnectionReport['checks'] = [];
    const info: Record<string, string> = {};
    const api = this.o.api;
    // 1. The site answers and exposes the WooCommerce REST namespace (no credentials needed).
    try {
      const index = await api.request<{ namespaces?: string[]; name?: string }>({ method: 'GET', path: `${this.o.siteUrl}/wp-json/`, allowStatus: [404] });
      if (index.status === 404 || !index.data || !Array.isArray(index.data.namespaces)) {
        checks.push({ name: 'rest', ok: false, message: msg('shop.check.restNotFound') });
        return { ok: false, checks, info };
      }
      if (index.data.name) info.site = index.data.name;
      if (!index.data.namespaces.includes('wc/v3')) {
        checks.push({ name: 'rest', ok: false, message: msg('shop.check.wooNotEnabled') });
        return { ok: false, checks, info };
      }
      checks.push({ name: 'rest', ok: true, message: msg('shop.check.wooFound') });
    } catch (err) {
      const e = err as HttpError;
      // The shop answered (a 500, a 403 from a firewall): its own error, not "unreachable".
      const message = e instanceof HttpError && e.answered ? errorText(e) : msg('shop.check.unreachable', { reason: errorText(e) });
      checks.push({ name: 'url', ok: false, message });
      return { ok: false, checks, info };
    }
    // 2. The keys are accepted, with read and write rights.
    try {
      const tax = await api.request<{ value?: string }>({ method: 'GET', path: 'settings/tax/woocommerce_prices_include_tax' });
      info.pricesIncludeTax = String(tax.data?.value ?? '');
      checks.push({ name: 'auth', ok: true, message: msg('shop.check.keysAccepted') });
      const base = this.o.settings.prices.base;
      const shopTtc = info.pricesIncludeTax === 'yes';
      if ((base === 'TTC') !== shopTtc) {
        checks.push({
          name: 'prices', ok: false,
          message: msg('shop.check.pricesBase', { shop: shopTtc ? 'TTC' : 'HT', base }),
        });
      }
      const cur = await api.request<{ code?: string }>({ method: 'GET', path: 'data/currencies/current' });
      if (cur.data?.code) info.currency = cur.data.code;
      const calc = await api.request<{ value?: string }>({ method: 'GET', path: 'settings/general/woocommerce_calc_taxes' });
      if (calc.data?.value) info.calcTaxes = calc.data.value;
    } catch (err) {
      const e = err as HttpError;
      const refused = e.status === 401 || e.status === 403;
      checks.push({
        name: 'auth', ok: false,
        message: refused
          ? msg('shop.check.keysRefused', { code: String(e.code ?? e.status) })
          : errorText(e),
      });
    }
    if (this.o.media) {
      try {
        await this.o.media.request({ method: 'GET', path: 'users/me', query: { context: 'edit' } });
        checks.push({ name: 'media', ok: true, message: msg('shop.check.mediaAccepted') });
      } catch (err) {
        checks.push({ name: 'media', ok: false, message: msg('shop.check.mediaRefused', { reason: errorText(err) }) });
      }
    }
    return { ok: checks.every((c) => c.ok), checks, info };
  }

  // ------------------------------------------------------------------ helpers

  /** `concurrency` > 1: several pages in flight once the first one gives the count (reads of a whole catalogue). */
  private async *pages<T>(path: string, query: Record<string, string | number> = {}, concurrency = 1): AsyncIterable<T[]> {
    yield* pagesByNumber<T>(this.o.api, { path, query, perPage: PAGE, totalPagesHeader: 'x-wp-totalpages', linkHeader: true, concurrency });
  }

  private async batch(path: string, body: { create?: WooPayload[]; update?: WooPayload[]; delete?: number[] }): Promise<BatchResponse> {
    // A batch without creations can be repeated safely: let the client retry it after a timeout.
    const idempotent = !body.create || body.create.length === 0;
    const res = await this.o.api.request<BatchResponse>({ method: 'POST', path, json: body, idempotent });
    return res.data ?? {};
  }

  /** The shop's rate -> tax class (French rates first), read once; null when unreadable or when the shop has no rate (ART-04). */
  private async loadTaxClasses(): Promise<ReadonlyMap<string, string> | null> {
    if (this.taxClasses !== undefined) return this.taxClasses;
    const classes = new Map<string, string>();
    try {
      for await (const page of this.pages<{ rate: string; class: string; country: string }>('taxes')) {
        for (const t of page) {
          const rate = rateKey(t.rate);
          if (!classes.has(rate) || t.country === 'FR') classes.set(rate, t.class === 'standard' ? '' : t.class);
        }
      }
      // No rate at all: the shop calculates no tax (WooCommerce's default), so no class can send a wrong rate.
      this.taxClasses = classes.size > 0 ? classes : null;
    } catch (err) {
      this.o.warn(msg('shop.taxRatesUnreadable', { reason: errorText(err) }));
      this.taxClasses = null;
    }
    return this.taxClasses;
  }

  private taxChoice(vatCode: string | null, vatRate?: string | null): TaxClassChoice {
    return taxClassFor(vatCode, vatRate, this.o.settings.articles.taxes, this.taxClasses ?? null);
  }

  /** ART-04: the tax class sent (see taxClassFor); a refused rate never reaches a payload (writeProducts). */
  private taxClassOf(vatCode: string | null, vatRate?: string | null): string | null | undefined {
    const c = this.taxChoice(vatCode, vatRate);
    return c.kind === 'class' ? c.taxClass : c.kind === 'notTaxable' ? null : undefined;
  }

  /** The message of a product refused for its VAT rate, in the profile's language. */
  private taxRefusal(c: Extract<TaxClassChoice, { kind: 'refuse' }>): string {
    return tr('tax.noClassForRate', { rate: c.rate, vatCode: c.vatCode }, this.o.settings.language);
  }

  /** The GesCom VAT codes no shop tax class carries (check): their articles would be refused. */
  async vatCodesWithoutTaxClass(vatCodes: readonly VatCode[]): Promise<VatCode[]> {
    await this.loadTaxClasses();
    return vatCodes.filter((v) => this.taxChoice(v.code, v.rate).kind === 'refuse');
  }

  private attributeLock: Promise<void> = Promise.resolve();

  /**
   * Global attributes (variations), created when missing. Serialised: pages are
   * written concurrently and must not both create "Couleur".
   */
  private ensureAttributes(names: string[]): Promise<void> {
    const run = this.attributeLock.then(() => this.ensureAttributesNow(names));
    this.attributeLock = run.catch(() => undefined);
    return run;
  }

  private async ensureAttributesNow(names: string[]): Promise<void> {
    if (!this.attributes) {
      this.attributes = new Map();
      for await (const page of this.pages<{ id: number; name: string }>('products/attributes')) {
        for (const a of page) this.attributes.set(a.name.toLocaleLowerCase('fr'), a.id);
      }
    }
    for (const name of names) {
      const key = name.toLocaleLowerCase('fr');
      if (this.attributes.has(key)) continue;
      const res = await this.o.api.request<{ id: number }>({ method: 'POST', path: 'products/attributes', json: { name, type: 'select', has_archives: false } });
      this.attributes.set(key, res.data.id);
    }
  }

  /** Uploads images not yet in the media library (by content hash). */
  private async ensureMedia(images: ImageDraft[]): Promise<void> {
    const missing = images.filter((i) => this.o.mediaCache.get(i.sha256) === undefined);
    if (!missing.length) return;
    if (!this.o.media) {
      if (!this.warnedMedia) {
        this.o.warn(msg('shop.imagesNotSent'));
        this.warnedMedia = true;
      }
      return;
    }
    for (const img of missing) {
      const res = await this.o.media.request<{ id: number }>({
        method: 'POST', path: 'media', body: await img.load(),
        headers: { 'content-type': img.mimeType, 'content-disposition': `attachment; filename="${encodeURIComponent(img.fileName)}"` },
        entity: `image ${img.fileName}`,
      });
      this.o.mediaCache.set(img.sha256, res.data.id);
    }
  }

  private mappingContext(imageIds: Map<string, number>): WooMappingContext {
    return {
      settings: this.o.settings,
      options: this.o.options,
      taxClassOf: (code, rate) => this.taxClassOf(code, rate),
      attributeIdOf: (name) => this.attributes?.get(name.toLocaleLowerCase('fr')),
      mediaIdOf: (key) => imageIds.get(key),
    };
  }

  /** Image key -> media id, uploading what is missing; a failed upload leaves the image out and says so. */
  private async mediaIds(drafts: { images: ImageDraft[] }[]): Promise<Map<string, number>> {
    const all = drafts.flatMap((d) => d.images);
    try {
      await this.ensureMedia(all);
    } catch (err) {
      this.o.warn(msg('shop.imageUploadFailed', { reason: errorText(err) }));
    }
    const out = new Map<string, number>();
    for (const img of all) {
      const id = this.o.mediaCache.get(img.sha256);
      if (id !== undefined) out.set(img.key, id);
    }
    return out;
  }


  // ------------------------------------------------------------------ categories

  async categories(): Promise<ShopCategory[]> {
    const out: ShopCategory[] = [];
    for await (const page of this.pages<WooItem>('products/categories')) {
      for (const c of page) out.push({ id: String(c.id), name: decodeEntities(c.name ?? ''), parentId: c.parent ? String(c.parent) : null, slug: c.slug ?? '' });
    }
    return out;
  }

  async createCategories(items: { key: string; name: string; parentId: string | null }[]): Promise<ItemResult[]> {
    const { results, failedCreates } = await this.upsert('products/categories/batch', items, {
      key: (i) => i.key,
      shopId: () => null,
      payload: (i) => ({ name: i.name, ...(i.parentId ? { parent: Number(i.parentId) } : {}) }),
    });
    for (const { item, answer } of failedCreates) {
      // A category that already exists under that name is adopted (term_exists carries its id).
      const existing = answer?.error?.code === 'term_exists' ? answer.error.data?.resource_id : undefined;
      results.push(existing !== undefined
        ? { key: item.key, ok: true, shopId: String(existing), created: false, error: null }
        : this.result(item.key, answer, true));
    }
    return results;
  }

  async updateCategories(items: { key: string; id: string; name: string; parentId: string | null }[]): Promise<ItemResult[]> {
    return (await this.upsert('products/categories/batch', items, {
      key: (i) => i.key,
      shopId: (i) => i.id,
      payload: (i) => ({ name: i.name, parent: i.parentId ? Number(i.parentId) : 0 }),
    })).results;
  }

  private result(key: string, r: WooItem | undefined, created: boolean): ItemResult {
    if (r && r.id && !r.error) return { key, ok: true, shopId: String(r.id), created, error: null };
    const holder = r?.error?.code === 'product_invalid_sku' ? r.error.data?.resource_id : undefined;
    return { key, ok: false, shopId: null, created: false, error: itemError(r?.error), ...(holder ? { skuHeldBy: String(holder) } : {}) };
  }

  // ------------------------------------------------------------------ products

  async findProductsBySku(skus: string[]): Promise<Map<string, ShopProductRef>> {
    const out = new Map<string, ShopProductRef>();
    // WooCommerce takes a comma-separated SKU list; SKUs with a comma are looked up alone.
    const plain = skus.filter((s) => !s.includes(','));
    const odd = skus.filter((s) => s.includes(','));
    const groups = [...chunk(plain, PAGE).map((c) => c.join(',')), ...odd];
    for (const sku of groups) {
      for await (const page of this.pages<WooItem>('products', { sku, status: 'any' })) {
        for (const p of page) {
          if (!p.sku || !p.id) continue;
          const kind = p.type === 'variation' ? 'variation' : p.type === 'variable' ? 'variable' : p.type === 'simple' ? 'simple' : 'other';
          out.set(p.sku, { id: String(p.id), sku: p.sku, kind, parentId: p.parent_id ? String(p.parent_id) : null });
        }
      }
    }
    return out;
  }

  /**
   * Creates and updates through one batch endpoint, 100 items per request. Returns
   * each item's result, and the raw answer of failed creations (the caller may
   * recover some, e.g. a SKU taken meanwhile).
   */
  private async upsert<T>(
    path: string, items: T[], o: { key: (i: T) => string; shopId: (i: T) => string | null; payload: (i: T, update: boolean) => WooPayload },
  ): Promise<{ results: ItemResult[]; failedCreates: { item: T; answer: WooItem | undefined }[] }> {
    const results: ItemResult[] = [];
    const failedCreates: { item: T; answer: WooItem | undefined }[] = [];
    const split = (part: T[]) => ({ creates: part.filter((i) => !o.shopId(i)), updates: part.filter((i) => o.shopId(i)) });
    // The shared batch runner: a request that fails makes its own items fail, with the shop's message, and no other.
    const batches = await runBatches(items, {
      size: BATCH,
      run: (part) => {
        const { creates, updates } = split(part);
        return this.batch(path, {
          create: creates.map((i) => o.payload(i, false)),
          update: updates.map((i) => ({ id: Number(o.shopId(i)), ...o.payload(i, true) })),
        });
      },
    });
    for (const b of batches) {
      if (!b.ok) {
        const error = errorText(b.error);
        for (const i of b.items) results.push({ key: o.key(i), ok: false, shopId: null, created: false, error });
        continue;
      }
      const { creates, updates } = split(b.items);
      creates.forEach((i, n) => {
        const r = this.result(o.key(i), b.value.create?.[n], true);
        if (r.ok) results.push(r);
        else failedCreates.push({ item: i, answer: b.value.create?.[n] });
      });
      updates.forEach((i, n) => results.push(this.result(o.key(i), b.value.update?.[n], false)));
    }
    return { results, failedCreates };
  }

  async writeProducts(all: ProductWrite[]): Promise<ItemResult[]> {
    await this.loadTaxClasses();
    // A product whose VAT rate has no tax class fails alone, before any request: the shop would charge the standard rate.
    const refused: ItemResult[] = [];
    const items = all.filter((i) => {
      const c = this.taxChoice(i.draft.vatCode, i.draft.vatRate);
      if (c.kind !== 'refuse') return true;
      refused.push({ key: i.draft.gescomKey, ok: false, shopId: null, created: false, error: this.taxRefusal(c) });
      return false;
    });
    if (items.length === 0) return refused;
    return [...refused, ...(await this.writeCheckedProducts(items))];
  }

  /** Products whose tax class is known: the retries below come back here, not through the tax check again. */
  private async writeCheckedProducts(items: ProductWrite[]): Promise<ItemResult[]> {
    const variable = items.filter((i) => i.draft.kind === 'variable');
    if (variable.length) await this.ensureAttributes([...new Set(variable.flatMap((i) => i.draft.variationAttributes.map((a) => a.name)))]);
    const ctx = this.mappingContext(await this.mediaIds(items.map((i) => i.draft)));
    const { results, failedCreates } = await this.upsert('products/batch', items, {
      key: (i) => i.draft.gescomKey,
      shopId: (i) => i.shopId,
      payload: (i, update) => productPayload(i.draft, ctx, i.categoryIds, i.linkedIds, update),
    });
    const retryAsUpdate: ProductWrite[] = [];
    for (const { item, answer } of failedCreates) {
      // SKU taken meanwhile (another run, a person): update the product that holds it instead of failing.
      const holder = answer?.error?.code === 'product_invalid_sku' ? answer.error.data?.resource_id : undefined;
      if (holder) retryAsUpdate.push({ ...item, shopId: String(holder) });
      else results.push(this.result(item.draft.gescomKey, answer, true));
    }
    if (retryAsUpdate.length) results.push(...(await this.writeCheckedProducts(retryAsUpdate)));
    return this.recreateDeleted(results, items, (i) => i.draft.gescomKey, (gone) => this.writeCheckedProducts(gone));
  }

  /**
   * A product or variation deleted by hand in the shop answers "invalid id" to an
   * update: it is created again rather than failing on every run.
   */
  private async recreateDeleted<T extends { shopId: string | null }>(
    results: ItemResult[], items: T[], key: (i: T) => string, write: (gone: T[]) => Promise<ItemResult[]>,
  ): Promise<ItemResult[]> {
    const gone = results.filter((r) => !r.ok && typeof r.error === 'string' && /_invalid_id\b/.test(r.error));
    if (!gone.length) return results;
    const keys = new Set(gone.map((r) => r.key));
    const again = await write(items.filter((i) => keys.has(key(i))).map((i) => ({ ...i, shopId: null })));
    return [...results.filter((r) => !keys.has(r.key)), ...again];
  }

  async findVariations(parentId: string): Promise<Map<string, ShopProductRef>> {
    const out = new Map<string, ShopProductRef>();
    for await (const page of this.pages<WooItem>(`products/${parentId}/variations`)) {
      for (const v of page) if (v.sku && v.id) out.set(v.sku, { id: String(v.id), sku: v.sku, kind: 'variation', parentId });
    }
    return out;
  }

  async writeVariations(parentId: string, parent: ProductDraft, items: VariationWrite[]): Promise<ItemResult[]> {
    await this.ensureAttributes(parent.variationAttributes.map((a) => a.name));
    const ctx = this.mappingContext(await this.mediaIds(items.map((i) => i.draft)));
    const { results, failedCreates } = await this.upsert(`products/${parentId}/variations/batch`, items, {
      key: (i) => i.draft.gescomCode,
      shopId: (i) => i.shopId,
      payload: (i, update) => variationPayload(i.draft, ctx, update),
    });
    const all = [...results, ...failedCreates.map(({ item, answer }) => this.result(item.draft.gescomCode, answer, true))];
    return this.recreateDeleted(all, items, (i) => i.draft.gescomCode, (gone) => this.writeVariations(parentId, parent, gone));
  }

  /**
   * Reconciliation read: products in pages of 100 with `_fields` (9 fields instead of ~70), then the
   * variations of each variable product of the page. Trashed products are left out (status=any).
   */
  async *productStates(): AsyncIterable<ShopProductState[]> {
    const state = (p: WooProductState, shopId: string, kind: ShopProductState['kind']): ShopProductState => ({
      shopId, sku: p.sku ?? '', kind,
      quantity: p.manage_stock === true ? Number(p.stock_quantity ?? 0) : null,
      regularPrice: p.regular_price ?? '', salePrice: p.sale_price ?? '',
      // Variations are hidden as "private", products as "draft" (see aspectPayload).
      active: p.status === 'publish',
      outOfStock: p.stock_status === 'outofstock',
    });
    for await (const page of this.pages<WooProductState>('products', { status: 'any', _fields: PRODUCT_STATE_FIELDS }, READ_CONCURRENCY)) {
      const kindOf = (p: WooProductState) => (p.type === 'variable' ? 'variable' : p.type === 'simple' ? 'simple' : 'other');
      // The variations of the page's variable products, asked together (the client keeps its limit of requests in flight).
      const variations = await Promise.all(page.filter((p) => kindOf(p) === 'variable').map(async (p) => {
        const out: ShopProductState[] = [];
        for await (const vs of this.pages<WooProductState>(`products/${p.id}/variations`, { _fields: VARIATION_STATE_FIELDS })) {
          for (const v of vs) out.push(state(v, `${p.id}/${v.id}`, 'variation'));
        }
        return out;
      }));
      yield [...page.map((p) => state(p, String(p.id), kindOf(p))), ...variations.flat()];
    }
  }

  async retireProducts(items: { key: string; shopId: string; sku: string }[]): Promise<ItemResult[]> {
    // Nothing is deleted: the product becomes a draft (off the shop, kept with its reviews, images and
    // order links) and gives its SKU up; the SKU it had stays in its meta for the merchant.
    return (await this.upsert('products/batch', items, {
      key: (i) => i.key,
      shopId: (i) => i.shopId,
      payload: (i) => ({ status: 'draft', sku: '', meta_data: [{ key: '_gescom_retired_sku', value: i.sku }] }),
    })).results;
  }

  async writeAspects(items: AspectWrite[]): Promise<ItemResult[]> {
    const byParent = new Map<string, AspectWrite[]>();
    const simple: AspectWrite[] = [];
    for (const i of items) {
      if (i.target.variationId) byParent.set(i.target.productId, [...(byParent.get(i.target.productId) ?? []), i]);
      else simple.push(i);
    }
    const send = async (path: string, list: AspectWrite[], idOf: (w: AspectWrite) => string) =>
      (await this.upsert(path, list, { key: (w) => w.key, shopId: idOf, payload: (w) => aspectPayload(w, this.o) })).results;
    const out = await send('products/batch', simple, (w) => w.target.productId);
    for (const [parentId, list] of byParent) out.push(...(await send(`products/${parentId}/variations/batch`, list, (w) => w.target.variationId!)));
    return out;
  }

  // ------------------------------------------------------------------ customers (CLI-01..CLI-05)

  async customerGroups(): Promise<Map<string, string>> {
    // WooCommerce has no customer groups; Wholesale Suite roles are created in its own screens.
    return new Map();
  }

  async writeCustomerGroups(items: CustomerGroupDraft[]): Promise<ItemResult[]> {
    const plugin = this.o.options.groupsPlugin;
    return items.map((g) => ({
      key: g.key, ok: false, shopId: null, created: false,
      error: plugin === 'wholesalePricesPremium'
        ? msg('shop.createWholesaleRole', { role: wholesaleRole(g.name) })
        : msg('shop.noCustomerGroups'),
    }));
  }

  private async loadCustomers(): Promise<Map<string, ShopCustomerRef>> {
    if (!this.customersByEmail) {
      this.customersByEmail = new Map();
      for await (const page of this.pages<WooItem>('customers', { role: 'all' })) {
        for (const c of page) if (c.email && c.id) this.customersByEmail.set(c.email.toLowerCase(), { id: String(c.id), email: c.email });
      }
    }
    return this.customersByEmail;
  }

  async *customerStates(): AsyncIterable<ShopCustomerState[]> {
    const addr = (a: Record<string, string> | undefined): ShopAddress | null => a ? {
      firstName: a.first_name ?? '', lastName: a.last_name ?? '', company: a.company ?? '', line1: a.address_1 ?? '', line2: a.address_2 ?? '',
      city: a.city ?? '', state: a.state ?? '', postcode: a.postcode ?? '', countryCode: a.country ?? '', email: a.email ?? '', phone: a.phone ?? '',
    } : null;
    // The same walk gives the e-mail index the customer export's look-up needs: the list is read once per run.
    const byEmail = new Map<string, ShopCustomerRef>();
    for await (const page of this.pages<WooCustomerState>('customers', { role: 'all', _fields: CUSTOMER_STATE_FIELDS }, READ_CONCURRENCY)) {
      for (const c of page) if (c.email && c.id) byEmail.set(c.email.toLowerCase(), { id: String(c.id), email: c.email });
      // The group (a plugin's meta) is not compared: WooCommerce itself has none.
      yield page.map((c) => ({
        id: String(c.id), email: c.email ?? '', firstName: c.first_name ?? '', lastName: c.last_name ?? '',
        billing: addr(c.billing), shipping: addr(c.shipping),
      }));
    }
    this.customersByEmail ??= byEmail;
  }

  async findCustomersByEmail(emails: string[]): Promise<Map<string, ShopCustomerRef>> {
    const all = await this.loadCustomers();
    const out = new Map<string, ShopCustomerRef>();
    for (const e of emails) {
      const c = all.get(e.toLowerCase());
      if (c) out.set(e.toLowerCase(), c);
    }
    return out;
  }

  async writeCustomers(items: CustomerWrite[], options: { newOnly: boolean }): Promise<ItemResult[]> {
    const creation = this.o.settings.customers.creation;
    const { results, failedCreates } = await this.upsert('customers/batch', options.newOnly ? items.filter((i) => !i.shopId) : items, {
      key: (i) => i.draft.gescomKey,
      shopId: (i) => i.shopId,
      payload: (i, update) => update
        ? customerPayload(i.draft, this.o, true)
        : {
          ...customerPayload(i.draft, this.o, false),
          username: i.draft.email,
          // "random": a strong password the customer resets; "resetLink": WooCommerce generates one and mails the link.
          ...(creation.passwordMode === 'random' ? { password: randomPassword() } : {}),
        },
    });
    for (const r of results) {
      const w = items.find((i) => i.draft.gescomKey === r.key);
      if (r.ok && r.created && r.shopId && w) this.customersByEmail?.set(w.draft.email.toLowerCase(), { id: r.shopId, email: w.draft.email });
    }
    return [...results, ...failedCreates.map(({ item, answer }) => this.result(item.draft.gescomKey, answer, true))];
  }

  async disableCustomers(items: { key: string; shopId: string; email: string }[]): Promise<ItemResult[]> {
    // WooCommerce has no "disabled" customer: the password is replaced (no more log-in) and the account marked.
    return (await this.upsert('customers/batch', items, {
      key: (i) => i.key,
      shopId: (i) => i.shopId,
      payload: () => ({ password: randomPassword(), meta_data: [{ key: '_gescom_disabled', value: 'yes' }] }),
    })).results;
  }
}

function randomPassword(): string {
  return `${crypto.randomUUID()}-${crypto.randomUUID()}`.replace(/-/g, '').slice(0, 32);
}

/** WordPress returns category names HTML-escaped ("Arts &amp; table"). */
function decodeEntities(s: string): string {
  return s.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#0?39;/g, "'");
}
