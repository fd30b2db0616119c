/** The shop of the run's profile, its warnings going to the run's journal and its requests to the run's meter. */
import { openShop } from '../shops/open-shop.js';
import type { ShopPort } from '../shops/port.js';
import type { ActionContext } from './action.js';

export function shopOf(ctx: ActionContext): ShopPort {
  const shop = openShop(ctx.profile, { state: ctx.state, warn: (m) => ctx.journal.warning(m), http: { meter: ctx.http }, now: ctx.now });
  return ctx.wrapShop ? ctx.wrapShop(shop) : shop;
}
