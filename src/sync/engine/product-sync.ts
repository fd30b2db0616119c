/**
 * Writes product drafts to the shop with delta detection and bindings (ART-01,
 * ART-06, ART-14): a draft whose hash equals the binding's is not sent; a draft
 * without binding is first looked up by SKU so that a re-run after a crash adopts
 * what the previous run created instead of creating it twice.
 */
import type { Journal } from '../../journal/journal.js';
import type { ItemResult, ProductAspect, ProductWrite, ShopPort, ShopProductRef, VariationWrite } from '../../shops/port.js';
import type { Binding, StateStore } from '../../state/state-store.js';
import type { ProductDraft, VariationDraft } from '../drafts.js';
import { stableHash } from './hash.js';
import { msg } from '../../i18n/catalogue.js';

export const PRODUCT_KIND = 'product';
export const VARIATION_KIND = 'variation';
/** Aspect bindings: what a stock / price / status run last sent for an article. */
export const ASPECT_KINDS = { stock: 'product.stock', price: 'product.price', status: 'product.status' } as const;

export function productHash(d: ProductDraft): string {
  const { variations: _v, ...parent } = d;
  return stableHash(parent);
}
export function variationHash(v: VariationDraft): string {
  return stableHash(v);
}

export interface ProductSyncOptions {
  newOnly: boolean;
  /** ART-15: false leaves an existing variable product as it is in the shop; only its variations are updated. */
  updateMaster: boolean;
  profile: string;
  categoryIdsOf: (d: ProductDraft) => string[];
}

export interface SyncCounters {
  index: number;
  total: number;
}

/** Variation shop ids are stored "parentId/variationId" so that a variation binding names its parent. */
export function splitVariationId(shopId: string): { parentId: string; id: string } {
  // Shopify's ids are URIs with slashes of their own (gid://shopify/Product/1/gid://shopify/ProductVariant/2).
  const gids = /^(gid:\/\/[^/]+\/[^/]+\/[^/]+)\/(.+)$/.exec(shopId);
  if (gids) return { parentId: gids[1]!, id: gids[2]! };
  const [parentId, id] = shopId.split('/');
  return { parentId: parentId ?? '', id: id ?? '' };
}

export class ProductSync {
  private readonly productBindings: Map<string, Binding>;
  /** Parents created by this run: they have no variations in the shop yet, no need to look. */
  private readonly createdNow = new Set<string>();
  private readonly variationBindings: Map<string, Binding>;

  constructor(
    private readonly shop: ShopPort,
    private readonly state: StateStore,
    private readonly journal: Journal,
    private readonly opts: ProductSyncOptions,
    private readonly counters: SyncCounters,
  ) {
    this.productBindings = state.bindings(opts.profile, PRODUCT_KIND);
    this.variationBindings = state.bindings(opts.profile, VARIATION_KIND);
  }

  /** Shop id of a product already known (linked products, ART-15). */
  shopIdOf(gescomKey: string): string | null {
    return this.productBindings.get(gescomKey)?.shopId ?? null;
  }

  /** ART-13: the components of a pack as shop products, or undefined while one of them is not in the shop. */
  private packItemsOf(d: ProductDraft): ProductWrite['packItems'] {
    if (!d.components?.length) return undefined;
    const items: NonNullable<ProductWrite['packItems']> = [];
    for (const c of d.components) {
      const product = this.productBindings.get(c.key)?.shopId;
      const variation = product ? undefined : this.variationBindings.get(c.key)?.shopId;
      if (product) items.push({ productId: product, variationId: null, quantity: c.quantity });
      else if (variation?.includes('/')) {
        const { parentId, id } = splitVariationId(variation);
        items.push({ productId: parentId, variationId: id, quantity: c.quantity });
      } else return undefined;
    }
    return items;
  }

  /** The export sent every aspect: record them so the next stock / price / status run sends nothing unchanged. */
  private saveAspects(key: string, shopId: string, aspects: ProductDraft['aspects']): void {
    if (!aspects) return;
    const p = this.opts.profile;
    this.state.saveBinding(p, ASPECT_KINDS.stock, key, shopId, stableHash(aspects.stock));
    this.state.saveBinding(p, ASPECT_KINDS.price, key, shopId, stableHash(aspects.price));
    this.state.saveBinding(p, ASPECT_KINDS.status, key, shopId, stableHash(aspects.status));
  }

  async syncPage(drafts: ProductDraft[]): Promise<void> {
    // Adopt products the shop already has (crash recovery, shop filled by hand): one lookup per page.
    const unbound = drafts.filter((d) => !this.productBindings.has(d.gescomKey)).map((d) => d.sku);
    let found: Map<string, ShopProductRef> = new Map();
    try {
      if (unbound.length) found = await this.shop.findProductsBySku(unbound);
    } catch (err) {
      // The shop did not answer the look-up: this page fails alone (nothing written), the next run takes it again.
      for (const d of drafts) {
        this.counters.index++;
        this.fail(d.gescomKey, err);
      }
      return;
    }
    const writes: ProductWrite[] = [];
    const hashes = new Map<string, string>();
    const variableDone: ProductDraft[] = [];
    for (const d of drafts) {
      this.counters.index++;
      const bound = this.productBindings.get(d.gescomKey);
      const ref = found.get(d.sku);
      if (ref && ref.kind === 'variation') {
        this.fail(d.gescomKey, msg('sync.skuIsVariation', { sku: d.sku, parent: ref.parentId ?? '?' }));
        continue;
      }
      // A platform without variations: the group is left out, said once per group, never sent half.
      if (d.kind === 'variable' && !this.shop.capabilities.variations) {
        this.journal.skipped('products', `article ${d.gescomKey}`, msg('sync.noVariations', { shop: this.shop.kind }));
        continue;
      }
      const shopId = bound?.shopId ?? ref?.id ?? null;
      const packItems = this.packItemsOf(d);
      // A pack whose components reached the shop since: a new hash, so it is written again as a pack.
      const hash = packItems ? stableHash([productHash(d), packItems]) : productHash(d);
      hashes.set(d.gescomKey, hash);
      // Unchanged products get no line of their own (journal.quiet): the others a progress line.
      if (shopId && (bound?.payloadHash === hash || (d.kind === 'variable' && bound && !this.opts.updateMaster)) && !this.opts.newOnly) {
        this.journal.quiet('products', 'unchanged', d.gescomKey);
        if (d.kind === 'variable') variableDone.push(d);
        continue;
      }
      this.journal.progress(this.counters.index, this.counters.total, d.gescomKey);
      if (shopId && this.opts.newOnly) {
        this.journal.count('products', 'skipped');
        continue;
      }
      const linkedIds = d.linked.map((k) => this.shopIdOf(k)).filter((x): x is string => x !== null);
      writes.push({ draft: d, shopId, aspects: 'all', categoryIds: this.opts.categoryIdsOf(d), linkedIds, ...(packItems ? { packItems } : {}) });
    }
    const results = writes.length ? await this.shop.writeProducts(writes) : [];
    const byKey = new Map(writes.map((w) => [w.draft.gescomKey, w]));
    // One transaction for the page's bindings: at 2,500 results a page, a sync per row cost seconds.
    this.state.inTransaction(() => this.recordResults(results, byKey, hashes, variableDone));
    for (const d of variableDone) await this.syncVariations(d);
  }

  private recordResults(results: ItemResult[], byKey: Map<string, ProductWrite>, hashes: Map<string, string>, variableDone: ProductDraft[]): void {
    for (const r of results) {
      const w = byKey.get(r.key)!;
      if (!r.ok || !r.shopId) {
        this.fail(r.key, r.error ?? msg('sync.failed'));
        continue;
      }
      this.state.saveBinding(this.opts.profile, PRODUCT_KIND, r.key, r.shopId, hashes.get(r.key) ?? null);
      this.productBindings.set(r.key, { profile: this.opts.profile, kind: PRODUCT_KIND, gescomKey: r.key, shopId: r.shopId, payloadHash: hashes.get(r.key) ?? null, syncedAt: '' });
      if (w.draft.kind === 'simple') this.saveAspects(r.key, r.shopId, w.draft.aspects);
      if (r.created) this.createdNow.add(r.key);
      this.journal.count('products', r.created ? 'created' : 'updated');
      if (w.draft.kind === 'variable') variableDone.push(w.draft);
    }
  }

  /**
   * Variations whose creation was refused because a simple product holds their SKU: when it
   * is a simple product (not another variation), it is retired (hidden, SKU freed, nothing
   * deleted, journalled) and the variations are created again. Other holders keep the failure.
   */
  private async retireAndCreate(parent: ProductDraft, parentId: string, blocked: ItemResult[], byKey: Map<string, VariationWrite>): Promise<ItemResult[]> {
    const t = this.journal.t.bind(this.journal);
    const skus = blocked.map((r) => byKey.get(r.key)!.draft.sku);
    const refs = await this.shop.findProductsBySku(skus);
    const out: ItemResult[] = [];
    const retire: { key: string; shopId: string; sku: string }[] = [];
    for (const r of blocked) {
      const sku = byKey.get(r.key)!.draft.sku;
      const ref = refs.get(sku);
      if (ref?.kind !== 'simple' || ref.id !== r.skuHeldBy) out.push(r);
      else if (!this.shop.retireProducts) out.push({ ...r, error: t('reconcile.retireUnsupported', { sku, id: ref.id, shop: this.shop.kind }) });
      else retire.push({ key: r.key, shopId: ref.id, sku });
    }
    if (!retire.length || !this.shop.retireProducts) return out;
    const again: VariationWrite[] = [];
    for (const r of await this.shop.retireProducts(retire)) {
      const item = retire.find((x) => x.key === r.key)!;
      if (!r.ok) {
        out.push({ key: r.key, ok: false, shopId: null, created: false, error: r.error });
        continue;
      }
      this.journal.info(t('reconcile.retired', { id: item.shopId, sku: item.sku, parent: parent.gescomKey }));
      // The article is a variation now: its simple-product binding goes (its aspect bindings follow the variation).
      this.state.deleteBinding(this.opts.profile, PRODUCT_KIND, item.key);
      this.productBindings.delete(item.key);
      again.push(byKey.get(item.key)!);
    }
    if (again.length) out.push(...(await this.shop.writeVariations(parentId, parent, again)));
    return out;
  }

  private fail(key: string, message: unknown): void {
    this.journal.entityFailed('products', `article ${key}`, message);
  }

  /** Variations of one variable product, created or updated in one batch per parent. */
  async syncVariations(parent: ProductDraft, aspects: ProductAspect = 'all'): Promise<void> {
    const parentId = this.productBindings.get(parent.gescomKey)?.shopId;
    if (!parentId) return;
    let existing: Map<string, ShopProductRef> | null = null;
    const writes: VariationWrite[] = [];
    const hashes = new Map<string, string>();
    for (const v of parent.variations) {
      const bound = this.variationBindings.get(v.gescomCode);
      let shopId = bound && splitVariationId(bound.shopId).parentId === parentId ? splitVariationId(bound.shopId).id : null;
      if (!shopId && !this.createdNow.has(parent.gescomKey)) {
        try {
          existing ??= await this.shop.findVariations(parentId);
        } catch (err) {
          for (const x of parent.variations) {
            this.journal.entityFailed('variations', `article ${x.gescomCode}`, err);
          }
          return;
        }
        shopId = existing?.get(v.sku)?.id ?? null;
      }
      const hash = variationHash(v);
      hashes.set(v.gescomCode, hash);
      if (shopId && bound?.payloadHash === hash) {
        this.journal.quiet('variations', 'unchanged', v.gescomCode);
        continue;
      }
      writes.push({ draft: v, shopId, aspects });
    }
    if (!writes.length) return;
    let results: ItemResult[] = await this.shop.writeVariations(parentId, parent, writes);
    const byKey = new Map(writes.map((w) => [w.draft.gescomCode, w]));
    // Articles exported alone before being grouped: their simple products hold the SKUs (issue 7).
    const blocked = results.filter((r) => !r.ok && r.skuHeldBy && byKey.get(r.key)?.shopId === null);
    if (blocked.length) {
      const keys = new Set(blocked.map((r) => r.key));
      results = [...results.filter((r) => !keys.has(r.key)), ...(await this.retireAndCreate(parent, parentId, blocked, byKey))];
    }
    // One transaction per parent: four rows a variation, each its own disk sync otherwise (16,000 for 4,000 variations).
    this.state.inTransaction(() => {
      for (const r of results) {
        const w = byKey.get(r.key)!;
        if (!r.ok || !r.shopId) {
          this.journal.entityFailed('variations', `article ${r.key}`, r.error ?? msg('sync.failed'));
          continue;
        }
        const composite = `${parentId}/${r.shopId}`;
        this.state.saveBinding(this.opts.profile, VARIATION_KIND, r.key, composite, hashes.get(r.key) ?? null);
        this.saveAspects(r.key, composite, w.draft.aspects);
        this.journal.count('variations', r.created ? 'created' : 'updated');
      }
    });
  }
}
