/**
 * Stock (ART-09), prices (ART-10) and status (ART-12, ART-15 out of stock) runs:
 * one aspect of products already in the shop, article by article, sent only when
 * it changed since the last run (aspect bindings), in batches. With `reconcile`,
 * every article is also compared with what the shop holds (reconcile.ts) and a
 * drift is corrected even when the GesCom did not change.
 */
import type { Article } from '../../gescom/model.js';
import type { GesComPort } from '../../gescom/port.js';
import type { Journal } from '../../journal/journal.js';
import type { Profile } from '../../profile/schema.js';
import type { AspectWrite, ShopPort, ShopProductState } from '../../shops/port.js';
import type { Binding, StateStore } from '../../state/state-store.js';
import { stableHash } from './hash.js';
import { articleData, mappingContext } from './catalogue-reader.js';
import { aspectOf, type StatusAspect, statusAspect, type StockAspect } from '../mapping/aspects.js';
import type { PriceDraft } from '../drafts.js';
import { ASPECT_KINDS, PRODUCT_KIND, splitVariationId, VARIATION_KIND } from './product-sync.js';
import { msg } from '../../i18n/catalogue.js';
import { heldStock, pendingOrderUnits, priceDrift, readShopProducts, statusDrift, stockDrift, stockLessPending, type Drift, type PendingOrders } from './reconcile.js';
import { orderScopeOf } from '../../shops/identity.js';

export type Aspect = keyof typeof ASPECT_KINDS;

export interface AspectRunOptions {
  aspect: Aspect;
  ignorePublishable: boolean;
  /** Only these articles (GesCom-side delta since the last transfer), or all. */
  codes: string[] | null;
  now: Date;
  flushSize: number;
  /** Compare with what the shop holds and correct drift (every article is read, `codes` is ignored). */
  reconcile?: boolean;
  /** The run's signal: checked between pages, so that an interrupted run stops reading. */
  signal?: AbortSignal;
  /**
   * What the shop holds, already read by an earlier aspect of the same run (`products export
   * --reconcile` compares stock, then prices): read once, not once per aspect.
   */
  shopProducts?: Map<string, ShopProductState>;
}

/** The shop's orders not imported yet, journalled with the units they hold; null when the shop has no order reader. */
async function readPending(shop: ShopPort, state: StateStore, profile: Profile, journal: Journal, now: Date): Promise<PendingOrders | null> {
  // The shop's orders, whichever profile on it imported them.
  const pending = await pendingOrderUnits(shop, state, orderScopeOf(profile), now);
  if (!pending) return null;
  let units = 0;
  for (const n of pending.units.values()) units += n;
  journal.info(journal.t('reconcile.pendingOrders', { orders: pending.orders, since: pending.since.slice(0, 10), units }));
  return pending;
}

/** The shop's side of a reconciliation, or null when the run is a plain delta run. */
async function reconcileSide(shop: ShopPort, state: StateStore, profile: Profile, journal: Journal, opts: AspectRunOptions) {
  if (!opts.reconcile) return null;
  if (!shop.productStates) {
    journal.info(journal.t('reconcile.unsupported', { shop: shop.kind, what: journal.t(`reconcile.what.${opts.aspect}`) }));
    return null;
  }
  let pending: PendingOrders | null = null;
  if (opts.aspect === 'stock') {
    pending = await readPending(shop, state, profile, journal, opts.now);
    if (!pending) {
      journal.info(journal.t('reconcile.noOrderReader', { shop: shop.kind }));
      return null;
    }
  }
  journal.info(journal.t('reconcile.start'));
  const held = opts.shopProducts ?? await readShopProducts(shop as ShopPort & Required<Pick<ShopPort, 'productStates'>>);
  return { held, pending, checked: 0, drifted: 0 };
}

const ENTITY: Record<Aspect, string> = { stock: 'stock', price: 'prices', status: 'status' };

/** Runs one aspect; returns what the shop holds when the run reconciled (for the next aspect of the same run), else null. */
export async function syncAspect(
  gescom: GesComPort, shop: ShopPort, state: StateStore, profile: Profile, journal: Journal, opts: AspectRunOptions,
): Promise<Map<string, ShopProductState> | null> {
  const ctx = await mappingContext(gescom, profile, opts.now);
  const products = state.bindings(profile.name, PRODUCT_KIND);
  const variations = state.bindings(profile.name, VARIATION_KIND);
  const previous = state.bindings(profile.name, ASPECT_KINDS[opts.aspect]);
  const entity = ENTITY[opts.aspect];
  const shopSide = await reconcileSide(shop, state, profile, journal, opts);
  const filter = { publishableOnly: !opts.ignorePublishable && profile.articles.filters.publishableOnly, codes: shopSide ? undefined : opts.codes ?? undefined };
  const total = await gescom.countArticles(filter);
  let index = 0;
  let pending: { write: AspectWrite; hash: string; shopId: string; statusHash?: string }[] = [];
  // ART-15: a stock run carries the out-of-stock status with it (disableWhenZero, enableWhenBack).
  const oos = profile.articles.outOfStock;
  const statusesSent = opts.aspect === 'stock' && (oos.disableWhenZero || oos.enableWhenBack) ? state.bindings(profile.name, ASPECT_KINDS.status) : null;
  // Plain stock runs: the shop's orders not imported yet, read at the first change (false: the shop has no order reader).
  let plainPending: PendingOrders | false | undefined;

  const flush = async () => {
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    const results = await shop.writeAspects(batch.map((p) => p.write));
    const byKey = new Map(batch.map((b) => [b.write.key, b]));
    for (const r of results) {
      const item = byKey.get(r.key)!;
      if (r.ok) {
        state.saveBinding(profile.name, ASPECT_KINDS[opts.aspect], r.key, item.shopId, item.hash);
        if (item.statusHash) state.saveBinding(profile.name, ASPECT_KINDS.status, r.key, item.shopId, item.statusHash);
        journal.count(entity, 'updated');
      } else {
        journal.entityFailed(entity, `article ${r.key}`, r.error ?? msg('sync.failed'));
      }
    }
  };

  const target = (a: Article): { binding: Binding; write: AspectWrite['target'] } | null => {
    const v = variations.get(a.code);
    if (v) {
      const { parentId, id } = splitVariationId(v.shopId);
      return { binding: v, write: { productId: parentId, variationId: id } };
    }
    const p = products.get(a.code);
    return p ? { binding: p, write: { productId: p.shopId, variationId: null } } : null;
  };

  /** The stock was sent already, its status not: the status alone, the stock binding kept as it is. */
  /** The aspect as sent last time: its status alone goes out when that changed, else it is tallied unchanged. */
  const unchangedOrStatusOnly = async (code: string, t: { binding: Binding; write: AspectWrite['target'] }, stockHash: string, status: { status: StatusAspect; hash: string } | null | undefined) => {
    if (!status) {
      journal.quiet(entity, 'unchanged', code);
      return;
    }
    journal.progress(index, total, code);
    pending.push({ write: { key: code, target: t.write, status: status.status }, hash: stockHash, shopId: t.binding.shopId, statusHash: status.hash });
    if (pending.length >= opts.flushSize) await flush();
  };

  // Only articles sent get a progress line: unchanged ones and those not in the shop are tallied
  // (journal.quiet), so a no-change run of thousands of articles writes a few lines, not thousands.
  for await (const page of gescom.articles(filter, 200)) {
    opts.signal?.throwIfAborted();
    for (const a of page) {
      index++;
      const t = target(a);
      if (!t) {
        journal.quiet(entity, 'skipped', a.code);
        continue;
      }
      const data = await articleData(gescom, a, profile, false, ctx.at, opts.aspect === 'price');
      const payload = aspectOf(opts.aspect, data, ctx);
      // The hash is always the GesCom's payload: after a correction the next delta run sends nothing.
      const hash = stableHash(payload);
      const status = statusesSent ? stockStatus(data, ctx, payload as StockAspect, statusesSent.get(a.code)?.payloadHash) : null;
      const sameAsSent = previous.get(a.code)?.payloadHash === hash;
      let sent: unknown = payload;
      let corrections: string[] = [];
      if (shopSide) {
        const held = shopSide.held.get(t.binding.shopId);
        if (!held) {
          journal.skipped(entity, `article ${a.code}`, journal.t('reconcile.missingInShop'));
          continue;
        }
        shopSide.checked++;
        const drift = driftOf(opts.aspect, a.code, payload, held, shopSide.pending, profile, journal);
        if (drift) {
          shopSide.drifted++;
          corrections = drift.lines;
          sent = drift.write;
        } else if (sameAsSent) {
          await unchangedOrStatusOnly(a.code, t, hash, status);
          continue;
        } else if (opts.aspect === 'stock') {
          // Changed in the GesCom on fields not read back (weight, barcode…): sent, with the quantity the shop rightly holds.
          sent = heldStock(payload as StockAspect, held);
        }
      } else if (sameAsSent) {
        await unchangedOrStatusOnly(a.code, t, hash, status);
        continue;
      } else if (opts.aspect === 'stock') {
        // A changed stock goes out less the shop's orders not imported yet, as a reconciliation would
        // send it: read once, and only when something is to be sent (a no-change run reads nothing).
        plainPending ??= await readPending(shop, state, profile, journal, opts.now) ?? false;
        if (plainPending) {
          sent = stockLessPending(payload as StockAspect, plainPending.units.get(a.code) ?? 0, profile);
        }
      }
      journal.progress(index, total, a.code);
      for (const line of corrections) journal.info(line);
      const write: AspectWrite = { key: a.code, target: t.write, [opts.aspect]: sent, ...(status ? { status: status.status } : {}) };
      pending.push({ write, hash, shopId: t.binding.shopId, ...(status ? { statusHash: status.hash } : {}) });
      if (pending.length >= opts.flushSize) await flush();
    }
  }
  await flush();
  if (shopSide) journal.info(journal.t('reconcile.summary', { checked: shopSide.checked, drifted: shopSide.drifted }));
  return shopSide?.held ?? null;
}

function driftOf(
  aspect: Aspect, code: string, payload: unknown, held: ShopProductState, pending: PendingOrders | null, profile: Profile, journal: Journal,
): Drift<unknown> | null {
  const t = journal.t.bind(journal);
  if (aspect === 'stock') return stockDrift(code, payload as StockAspect, held, pending?.units.get(held.sku) ?? 0, profile, t);
  if (aspect === 'price') return priceDrift(code, payload as PriceDraft, held, t);
  return statusDrift(code, payload as StatusAspect, held, t);
}

/**
 * ART-15, the stock update's out-of-stock options: the status a stock run sends with the stock, or
 * null. With disableWhenZero a product whose stock runs out is disabled; with enableWhenBack a
 * product so disabled is enabled again once its stock is back. Without enableWhenBack the stock run
 * leaves a disabled product alone (a status run or an export sends the GesCom's status). Only a
 * status other than the last one sent goes out.
 */
function stockStatus(data: Awaited<ReturnType<typeof articleData>>, ctx: Awaited<ReturnType<typeof mappingContext>>, stock: StockAspect,
  lastSentHash: string | null | undefined): { status: StatusAspect; hash: string } | null {
  const oos = ctx.profile.articles.outOfStock;
  const status = statusAspect(data, ctx, stock);
  const hash = stableHash(status);
  if (lastSentHash === hash) return null;
  const out = stock.quantity !== null && stock.quantity <= 0;
  if (out && oos.disableWhenZero && !status.active) return { status, hash };
  if (!out && oos.enableWhenBack && status.active) return { status, hash };
  return null;
}
