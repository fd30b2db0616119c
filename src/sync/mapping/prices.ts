/**
 * ART-10: the prices a shop receives for an article, in the profile's base (HT or
 * TTC) and precision: base price from a price category (or the article card),
 * current promotion, group prices from the other price categories.
 */
import type { Article, ArticlePrice, Dec, PriceCategory, Promotion } from '../../gescom/model.js';
import { dec, type Decimal, fixed } from '../../util/decimal.js';
import type { PriceDraft } from '../drafts.js';

export interface PriceSettings {
  base: 'HT' | 'TTC';
  precision: number;
  priceCategoryId: number;
  sendPurchasePrice: boolean;
  sendEcotax: boolean;
  sendPromotions: boolean;
  sendGroupPrices: boolean;
}

export interface GroupMapping {
  priceCategoryId: number;
  shopGroup: string;
}

export interface PriceInputs {
  article: Article;
  vatRate: Dec;
  prices: ArticlePrice[];
  categories: PriceCategory[];
  promotions: Promotion[];
  groups: GroupMapping[];
  /** The instant promotions are evaluated at (ISO). */
  at: string;
}

function convert(amount: Decimal, from: 'HT' | 'TTC', to: 'HT' | 'TTC', rate: Decimal): Decimal {
  if (from === to) return amount;
  const factor = rate.plus(100).div(100);
  return to === 'TTC' ? amount.times(factor) : amount.div(factor);
}

/** Price of one price category, discount applied, in the wanted base (unrounded); null if the category has none. */
export function categoryPrice(inputs: PriceInputs, categoryId: number, to: 'HT' | 'TTC'): Decimal | null {
  const p = inputs.prices.find((x) => x.priceCategoryId === categoryId);
  if (!p) return null;
  const cat = inputs.categories.find((c) => c.id === categoryId);
  const net = dec(p.price).times(dec(100).minus(p.discountPercent)).div(100);
  return convert(net, cat?.priceBase ?? 'HT', to, dec(inputs.vatRate));
}

/** The article card's own sale price in the wanted base. */
function cardPrice(a: Article, to: 'HT' | 'TTC'): Decimal {
  return dec(to === 'HT' ? a.salePriceHt : a.salePriceTtc);
}

export function priceDraft(inputs: PriceInputs, s: PriceSettings): PriceDraft {
  const rate = dec(inputs.vatRate);
  const round = (d: Decimal) => fixed(d, s.precision);
  const base = categoryPrice(inputs, s.priceCategoryId, s.base) ?? cardPrice(inputs.article, s.base);
  let sale: PriceDraft['sale'] = null;
  if (s.sendPromotions) {
    const promo = inputs.promotions.find(
      (p) => p.articleCode === inputs.article.code && p.startsAt <= inputs.at && p.endsAt >= inputs.at &&
        (p.priceCategoryId === null || p.priceCategoryId === s.priceCategoryId),
    );
    if (promo) {
      const price = promo.priceHt !== null
        ? convert(dec(promo.priceHt), 'HT', s.base, rate)
        : base.times(dec(100).minus(promo.discountPercent ?? '0')).div(100);
      // Compared once rounded: a sale that rounds to the regular price is no sale.
      if (dec(round(price)).lessThan(dec(round(base)))) sale = { price: round(price), from: promo.startsAt, to: promo.endsAt };
    }
  }
  const groups: PriceDraft['groups'] = [];
  if (s.sendGroupPrices) {
    for (const g of inputs.groups) {
      const price = categoryPrice(inputs, g.priceCategoryId, s.base);
      if (price) groups.push({ group: g.shopGroup, priceCategoryId: g.priceCategoryId, price: round(price) });
    }
  }
  return {
    regular: round(base),
    sale,
    purchase: s.sendPurchasePrice ? round(dec(inputs.article.purchasePrice)) : null,
    ecotax: s.sendEcotax ? round(dec(inputs.article.ecotax)) : null,
    groups,
  };
}
