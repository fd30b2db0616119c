/**
 * Stock (ART-09), prices (ART-10) and status (ART-12, ART-15 out of stock) runs:
 * one aspect of products already in the shop, article by article, sent only when
 * it changed since the last run (aspect bindings), in batches.
 */
import type { Article } from '../../gescom/model.js';
import type { GesComPort } from '../../gescom/port.js';
import type { Journal } from '../../journal/journal.js';
import type { Profile } from '../../profile/schema.js';
import type { AspectWrite, ShopPort } from '../../shops/port.js';
import type { Binding, StateStore } from '../../state/state-store.js';
import { stableHash } from './hash.js';
import { articleData, mappingContext } from './catalogue-reader.js';
import { aspectOf } from '../mapping/aspects.js';
import { ASPECT_KINDS, PRODUCT_KIND, splitVariationId, VARIATION_KIND } from './product-sync.js';

export type Aspect = keyof typeof ASPECT_KINDS;

export interface AspectRunOptions {
  aspect: Aspect;
  ignorePublishable: boolean;
  /** Only these articles (GesCom-side delta since the last transfer), or all. */
  codes: string[] | null;
  now: Date;
  flushSize: number;
  /** The run's signal: checked between pages, so that an interrupted run stops reading. */
  signal?: AbortSignal;
}

const ENTITY: Record<Aspect, string> = { stock: 'stock', price: 'prices', status: 'status' };

export async function syncAspect(gescom: GesComPort, shop: ShopPort, state: StateStore, profile: Profile, journal: Journal, opts: AspectRunOptions): Promise<void> {
  const ctx = await mappingContext(gescom, profile, opts.now);
  const products = state.bindings(profile.name, PRODUCT_KIND);
  const variations = state.bindings(profile.name, VARIATION_KIND);
  const previous = state.bindings(profile.name, ASPECT_KINDS[opts.aspect]);
  const entity = ENTITY[opts.aspect];
  const filter = { publishableOnly: !opts.ignorePublishable && profile.articles.filters.publishableOnly, codes: opts.codes ?? undefined };
  const total = await gescom.countArticles(filter);
  let index = 0;
  let pending: { write: AspectWrite; hash: string; shopId: string }[] = [];

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
        journal.count(entity, 'updated');
      } else {
        journal.entityFailed(entity, `article ${r.key}`, r.error ?? 'échec / failed');
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
      const write: AspectWrite = { key: a.code, target: t.write, [opts.aspect]: payload };
      const hash = stableHash(payload);
      if (previous.get(a.code)?.payloadHash === hash) {
        journal.quiet(entity, 'unchanged', a.code);
        continue;
      }
      journal.progress(index, total, a.code);
      pending.push({ write, hash, shopId: t.binding.shopId });
      if (pending.length >= opts.flushSize) await flush();
    }
  }
  await flush();
}
