/**
 * Reads the GesCom catalogue page by page and turns it into product drafts:
 * simple articles stream straight through; articles carrying a master reference
 * are held until the end, then grouped into variable products (ART-06). Memory
 * stays proportional to the page size plus the variation articles.
 */
import type { Article, Dec } from '../../gescom/model.js';
import type { ArticleFilter, GesComPort } from '../../gescom/port.js';
import type { Profile } from '../../profile/schema.js';
import type { ProductDraft } from '../drafts.js';
import { collectDocuments, collectImages } from '../images.js';
import { type ArticleData, type MappingContext, simpleProductDraft, variableProductDraft } from '../mapping/product-draft.js';
import { buildVariationGroup, isGroupError, masterReference, type VariationGroupError } from '../mapping/variations.js';

export interface ReadOptions {
  /** Read every article whatever "publishable" says (stock and price actions may ask it). */
  ignorePublishable?: boolean;
  /** Only articles created or modified at or after this instant (variation groups are read whole). */
  changedSince?: string | null;
  /** Only these article codes (stock/price deltas computed by the GesCom). */
  codes?: string[];
  /** Whether images and documents are loaded (only the full export sends them). */
  withFiles: boolean;
  pageSize?: number;
  now: Date;
}

export async function mappingContext(gescom: GesComPort, profile: Profile, now: Date): Promise<MappingContext> {
  const [families, categories, vat, priceCategories, suppliers, depots] = await Promise.all([
    gescom.families(), gescom.articleCategories(), gescom.vatCodes(), gescom.priceCategories(), gescom.suppliers(), gescom.depots(),
  ]);
  return {
    profile,
    trees: { families: new Map(families.map((f) => [f.code, f])), categories: new Map(categories.map((c) => [c.code, c])) },
    vatRates: new Map<string, Dec>(vat.map((v) => [v.code, v.rate])),
    priceCategories,
    suppliers: new Map(suppliers.map((s) => [s.code, s])),
    defaultDepot: depots.find((d) => d.isDefault)?.code ?? depots[0]?.code ?? null,
    at: now.toISOString(),
  };
}

export async function articleData(
  gescom: GesComPort, article: Article, profile: Profile, withFiles: boolean, at: string, withPrices = true,
): Promise<ArticleData> {
  const files = { articleImage: (c: string, p: number) => gescom.articleImageData(c, p), articleDocument: (c: string, p: number) => gescom.articleDocumentData(c, p) };
  const img = profile.articles.images;
  // A stock or status run reads no price: two queries less per article on the hot path.
  const [prices, levels, promotions, images, documents] = await Promise.all([
    withPrices ? gescom.prices(article.code) : Promise.resolve([]),
    gescom.stockLevels(article.code),
    withPrices ? gescom.promotions(article.code, at) : Promise.resolve([]),
    withFiles && img.enabled ? collectImages(article, img, files) : Promise.resolve([]),
    withFiles && profile.articles.documents.enabled ? collectDocuments(article, profile.articles.documents.extensions, files) : Promise.resolve([]),
  ]);
  return { article, prices, levels, promotions, images, documents };
}

function changed(a: Article, since: string | null | undefined): boolean {
  return !since || a.modifiedAt >= since || a.createdAt >= since;
}

/**
 * Yields drafts in pages; `onGroupError` hears about refused variation groups
 * (their articles are not sent as simple products either).
 */
export async function* readProductDrafts(
  gescom: GesComPort, profile: Profile, opts: ReadOptions, onGroupError: (e: VariationGroupError) => void,
): AsyncIterable<ProductDraft[]> {
  const ctx = await mappingContext(gescom, profile, opts.now);
  const grouping = profile.articles.variations;
  const filter: ArticleFilter = {
    publishableOnly: !opts.ignorePublishable && profile.articles.filters.publishableOnly,
    codes: opts.codes,
    // With variations, a changed member brings its whole group: filter after grouping.
    changedSince: grouping.enabled ? null : opts.changedSince ?? null,
  };
  const held = new Map<string, Article[]>();
  for await (const page of gescom.articles(filter, opts.pageSize ?? 200)) {
    const drafts: ProductDraft[] = [];
    for (const article of page) {
      const master = masterReference(article, grouping);
      if (master) {
        const list = held.get(master) ?? [];
        list.push(article);
        held.set(master, list);
        continue;
      }
      if (!changed(article, grouping.enabled ? opts.changedSince : null)) continue;
      drafts.push(await simpleProductDraft(await articleData(gescom, article, profile, opts.withFiles, ctx.at), ctx));
    }
    if (drafts.length) yield drafts;
  }
  let drafts: ProductDraft[] = [];
  for (const [master, members] of [...held.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (!members.some((m) => changed(m, opts.changedSince))) continue;
    const group = buildVariationGroup(master, members, grouping);
    if (isGroupError(group)) {
      onGroupError(group);
      continue;
    }
    const data = new Map<string, ArticleData>();
    for (const m of group.members) data.set(m.article.code, await articleData(gescom, m.article, profile, opts.withFiles, ctx.at));
    drafts.push(await variableProductDraft(group, data, ctx));
    if (drafts.length >= (opts.pageSize ?? 200)) {
      yield drafts;
      drafts = [];
    }
  }
  if (drafts.length) yield drafts;
}
