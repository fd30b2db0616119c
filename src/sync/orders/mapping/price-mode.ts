/**
 * CMD-07 / CMD-10: whether a document is built excluding tax (HT) or including it (TTC). The
 * GesCom computes VAT once per rate on the summed base; a shop whose prices include tax rounds
 * per line instead, so only a TTC document gives its totals back to the cent (and an HT shop's
 * only an HT document). `auto` (the default) follows how the order's own amounts were entered
 * (ShopOrder.pricesIncludeTax); HT or TTC set by hand wins. See docs/order-prices.md.
 */
import type { OrderSettings } from './refs.js';
import type { ShopOrder } from '../shop-order.js';

export type PriceModeSetting = OrderSettings['lines']['priceMode'];
export type DocumentPriceMode = 'HT' | 'TTC';

/** The price mode of one order's document. */
export function priceModeFor(order: Pick<ShopOrder, 'pricesIncludeTax'>, setting: PriceModeSetting): DocumentPriceMode {
  if (setting !== 'auto') return setting;
  return order.pricesIncludeTax ? 'TTC' : 'HT';
}

/** The price mode of a grouped document: TTC with `auto` only when every order of the group was entered with tax. */
export function priceModeForGroup(orders: readonly Pick<ShopOrder, 'pricesIncludeTax'>[], setting: PriceModeSetting): DocumentPriceMode {
  if (setting !== 'auto') return setting;
  return orders.length > 0 && orders.every((o) => o.pricesIncludeTax) ? 'TTC' : 'HT';
}
