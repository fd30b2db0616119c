/**
 * The three aspects a stock, price or status run sends for one article (ART-09,
 * ART-10, ART-12/ART-15). Computed by the same function for the full export and
 * for the aspect runs, so that their hashes agree and a stock run right after an
 * export sends nothing.
 */
import type { PriceDraft, StockDraft } from '../drafts.js';
import { articlePrice, isActive, type ArticleData, type MappingContext, stockDraft } from './product-draft.js';

export interface StockAspect extends StockDraft {
  weight: string | null;
  barcode: string | null;
  warrantyMonths: number | null;
}

export interface StatusAspect {
  active: boolean;
  outOfStock: boolean;
}

export interface Aspects {
  stock: StockAspect;
  price: PriceDraft;
  status: StatusAspect;
}

export function stockAspect(d: ArticleData, ctx: MappingContext): StockAspect {
  const a = d.article;
  const s = ctx.profile.stock;
  return {
    ...stockDraft(d, ctx),
    weight: s.sendWeight ? (s.weight === 'gross' ? a.weightGross : a.weightNet) : null,
    barcode: s.sendBarcode ? a.barcode : null,
    warrantyMonths: s.sendWarranty ? a.warrantyMonths : null,
  };
}

export function statusAspect(d: ArticleData, ctx: MappingContext, stock: StockDraft = stockDraft(d, ctx)): StatusAspect {
  const oos = ctx.profile.articles.outOfStock;
  const outOfStock = stock.quantity !== null && stock.quantity <= 0;
  return { active: isActive(d.article, ctx) && !(outOfStock && oos.disableWhenZero), outOfStock: oos.markOutOfStock && outOfStock };
}

/** One aspect alone: a stock run computes (and reads) no price. */
export function aspectOf<K extends keyof Aspects>(aspect: K, d: ArticleData, ctx: MappingContext): Aspects[K] {
  const value = aspect === 'stock' ? stockAspect(d, ctx) : aspect === 'price' ? articlePrice(d, ctx) : statusAspect(d, ctx);
  return value as Aspects[K];
}

export function aspectsOf(d: ArticleData, ctx: MappingContext): Aspects {
  const stock = stockAspect(d, ctx);
  return { stock, price: articlePrice(d, ctx), status: statusAspect(d, ctx, stock) };
}
