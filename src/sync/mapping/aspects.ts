/**
 * The three aspects a stock, price or status run sends for one article (ART-09,
 * ART-10, ART-12/ART-15). Computed by the same function for the full export and
 * for the aspect runs, so that their hashes agree and a stock run right after an
 * export sends nothing.
 */
import type { PriceDraft, StockDraft } from '../drafts.js';
import { groupMappings, isActive, type ArticleData, type MappingContext, stockDraft } from './product-draft.js';
import { priceDraft } from './prices.js';

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

export function aspectsOf(d: ArticleData, ctx: MappingContext): Aspects {
  const a = d.article;
  const s = ctx.profile.stock;
  const p = ctx.profile.prices;
  const stock = stockDraft(d, ctx);
  const price = priceDraft(
    { article: a, vatRate: a.vatCode ? ctx.vatRates.get(a.vatCode) ?? '0' : '0', prices: d.prices, categories: ctx.priceCategories, promotions: d.promotions, groups: groupMappings(ctx), at: ctx.at },
    { base: p.base, precision: p.precision, priceCategoryId: p.priceCategoryId, sendPurchasePrice: p.sendPurchasePrice, sendEcotax: p.sendEcotax, sendPromotions: p.sendPromotions, sendGroupPrices: p.sendGroupPrices },
  );
  const oos = ctx.profile.articles.outOfStock;
  const outOfStock = stock.quantity !== null && stock.quantity <= 0;
  return {
    stock: {
      ...stock,
      weight: s.sendWeight ? (s.weight === 'gross' ? a.weightGross : a.weightNet) : null,
      barcode: s.sendBarcode ? a.barcode : null,
      warrantyMonths: s.sendWarranty ? a.warrantyMonths : null,
    },
    price,
    status: { active: isActive(a, ctx) && !(outOfStock && oos.disableWhenZero), outOfStock: oos.markOutOfStock && outOfStock },
  };
}
