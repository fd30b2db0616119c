/**
 * Price lists (B2B catalogues) and their fixed prices per variant: the `priceLists` / `priceList`
 * queries and `priceListFixedPricesAdd` / `Update` / `Delete`, with the documented userErrors
 * (PriceListPriceUserErrorCode): PRICE_LIST_NOT_FOUND, VARIANT_NOT_FOUND (unknown variant, or no
 * fixed price to delete), PRICE_LIST_CURRENCY_MISMATCH, BLANK. The shop's B2B entitlement
 * (`shop.entitlements.b2b.enabled`) is the simulator's `b2b` option.
 *
 * Unverified, and chosen here: what a shop without B2B answers to the fixed-price mutations (the
 * simulator answers ACCESS_DENIED, as for a feature the shop lacks; its price lists, which Markets
 * also use, are still listed), whether a batch with some refused prices applies the others (the
 * simulator refuses it whole), and the input limit of 250 prices per call (Shopify's general input
 * array limit, MAX_INPUT_SIZE_EXCEEDED).
 */
import { GraphQLError } from 'graphql';
import { connection, type PageArgs } from './connection.js';
import { moneyV2, parseMoney, requireScope, userError, type Ctx, type UserErrorOut } from './context.js';
import { gid, gidId } from './ids.js';
import { equalityTerms } from './search.js';
import type { PriceListRec } from './state.js';
import { variantView } from './views-catalog.js';

type Args = PageArgs & Record<string, unknown>;
interface PriceInput { variantId?: string; price?: { amount?: unknown; currencyCode?: string }; compareAtPrice?: { amount?: unknown; currencyCode?: string } | null }

const MAX_INPUT = 250;

/** A price list for tests to fill (a B2B catalogue's list, made in Shopify's admin). */
export function addPriceList(ctx: Pick<Ctx, 'state'>, name: string, currency = ctx.state.shop.currencyCode): string {
  const id = ctx.state.id();
  ctx.state.priceLists.set(id, { id, name, currency, fixed: new Map() });
  return gid('PriceList', id);
}

function inputLimit(field: string, n: number): void {
  if (n <= MAX_INPUT) return;
  throw new GraphQLError(`The input array size of ${n} is greater than the maximum allowed of ${MAX_INPUT}.`, {
    extensions: { code: 'MAX_INPUT_SIZE_EXCEEDED' }, path: [field],
  });
}

function requireB2b(ctx: Ctx, field: string): void {
  if (ctx.state.b2b) return;
  throw new GraphQLError(`Access denied for ${field} field. This shop does not have B2B features.`, { extensions: { code: 'ACCESS_DENIED' } });
}

function priceListView(ctx: Ctx, l: PriceListRec) {
  return {
    __typename: 'PriceList',
    id: gid('PriceList', l.id),
    name: l.name,
    currency: l.currency,
    fixedPricesCount: l.fixed.size,
    catalog: null,
    parent: { adjustment: { type: 'PERCENTAGE_DECREASE', value: 0 }, settings: { compareAtMode: 'ADJUSTED' } },
    prices: (args: Args) => {
      // Only fixed prices are held: a RELATIVE filter finds none.
      if (args.originType === 'RELATIVE') return connection([], args, (v: number) => [v, v], () => null);
      const wanted = equalityTerms(args.query as string | undefined, 'variant_id');
      const products = equalityTerms(args.query as string | undefined, 'product_id');
      const ids = [...l.fixed.keys()].filter((v) => ctx.state.variants.has(v)
        && (!wanted || wanted.includes(String(v))) && (!products || products.includes(String(ctx.state.variants.get(v)!.productId))));
      return connection(ids, args, (v) => [v, v], (v) => {
        const p = l.fixed.get(v)!;
        return {
          __typename: 'PriceListPrice',
          originType: 'FIXED',
          price: moneyV2(p.price, l.currency),
          compareAtPrice: p.compareAtPrice === null ? null : moneyV2(p.compareAtPrice, l.currency),
          get variant() { return variantView(ctx, ctx.state.variants.get(v)!); },
          quantityPriceBreaks: (a: Args) => connection([], a, (x: number) => [x, x], () => null),
        };
      });
    },
    quantityRules: (args: Args) => connection([], args, (x: number) => [x, x], () => null),
  };
}

export function priceListQueries(ctx: Ctx) {
  const s = ctx.state;
  return {
    priceLists: (args: Args) => {
      requireScope(ctx, 'priceLists', 'read_products');
      return connection([...s.priceLists.values()], args, (l) => [l.id, l.id], (l) => priceListView(ctx, l));
    },
    priceList: (args: { id: string }) => {
      requireScope(ctx, 'priceList', 'read_products');
      const l = s.priceLists.get(gidId(args.id, 'PriceList') ?? -1);
      return l ? priceListView(ctx, l) : null;
    },
  };
}

/** The prices to add, checked: the plans to apply and the userErrors (field paths under `field`). */
function checkAdds(ctx: Ctx, l: PriceListRec, prices: PriceInput[], field: string, errors: UserErrorOut[]) {
  const plans: { variant: number; price: string; compareAtPrice: string | null }[] = [];
  prices.forEach((p, i) => {
    const at = [field, i];
    const variant = gidId(p.variantId, 'ProductVariant');
    if (variant === undefined || !ctx.state.variants.has(variant)) {
      errors.push(userError([...at, 'variantId'], 'Variant not found.', 'VARIANT_NOT_FOUND'));
      return;
    }
    const amount = parseMoney(p.price?.amount);
    if (amount === undefined) {
      errors.push(userError([...at, 'price', 'amount'], "Price can't be blank.", 'BLANK'));
      return;
    }
    for (const [key, m] of [['price', p.price], ['compareAtPrice', p.compareAtPrice]] as const) {
      if (m && m.currencyCode !== l.currency) {
        errors.push(userError([...at, key, 'currencyCode'], `The specified currency doesn't match the price list's currency (${l.currency}).`, 'PRICE_LIST_CURRENCY_MISMATCH'));
        return;
      }
    }
    const compare = p.compareAtPrice ? parseMoney(p.compareAtPrice.amount) : undefined;
    plans.push({ variant, price: amount.toFixed(), compareAtPrice: compare ? compare.toFixed() : null });
  });
  return plans;
}

function checkDeletes(l: PriceListRec, variantIds: string[], field: string, errors: UserErrorOut[]): number[] {
  const out: number[] = [];
  variantIds.forEach((v, i) => {
    const id = gidId(v, 'ProductVariant');
    if (id === undefined || !l.fixed.has(id)) errors.push(userError([field, i], "A fixed price for the specified product variant doesn't exist.", 'VARIANT_NOT_FOUND'));
    else out.push(id);
  });
  return out;
}

export function priceListMutations(ctx: Ctx) {
  const s = ctx.state;
  const listOf = (field: string, id: string, errors: UserErrorOut[]) => {
    requireScope(ctx, field, 'write_products');
    requireB2b(ctx, field);
    const l = s.priceLists.get(gidId(id, 'PriceList') ?? -1);
    if (!l) errors.push(userError(['priceListId'], "The price list doesn't exist.", 'PRICE_LIST_NOT_FOUND'));
    return l;
  };
  const added = (l: PriceListRec, plans: { variant: number }[]) => plans.map((p) => priceListView(ctx, l).prices({ query: `variant_id:${p.variant}`, first: 1 }).nodes[0]);
  return {
    priceListFixedPricesAdd: (args: { priceListId: string; prices: PriceInput[] }) => {
      inputLimit('prices', args.prices.length);
      const errors: UserErrorOut[] = [];
      const l = listOf('priceListFixedPricesAdd', args.priceListId, errors);
      if (!l) return { prices: null, userErrors: errors };
      const plans = checkAdds(ctx, l, args.prices, 'prices', errors);
      if (errors.length) return { prices: null, userErrors: errors };
      for (const p of plans) l.fixed.set(p.variant, { price: p.price, compareAtPrice: p.compareAtPrice });
      return { prices: added(l, plans), userErrors: [] };
    },
    priceListFixedPricesUpdate: (args: { priceListId: string; pricesToAdd: PriceInput[]; variantIdsToDelete: string[] }) => {
      inputLimit('pricesToAdd', args.pricesToAdd.length);
      inputLimit('variantIdsToDelete', args.variantIdsToDelete.length);
      const errors: UserErrorOut[] = [];
      const l = listOf('priceListFixedPricesUpdate', args.priceListId, errors);
      if (!l) return { priceList: null, pricesAdded: null, deletedFixedPriceVariantIds: null, userErrors: errors };
      const plans = checkAdds(ctx, l, args.pricesToAdd, 'pricesToAdd', errors);
      const deletes = checkDeletes(l, args.variantIdsToDelete, 'variantIdsToDelete', errors);
      if (errors.length) return { priceList: priceListView(ctx, l), pricesAdded: null, deletedFixedPriceVariantIds: null, userErrors: errors };
      for (const v of deletes) l.fixed.delete(v);
      for (const p of plans) l.fixed.set(p.variant, { price: p.price, compareAtPrice: p.compareAtPrice });
      return {
        priceList: priceListView(ctx, l), pricesAdded: added(l, plans),
        deletedFixedPriceVariantIds: deletes.map((v) => gid('ProductVariant', v)), userErrors: [],
      };
    },
    priceListFixedPricesDelete: (args: { priceListId: string; variantIds: string[] }) => {
      inputLimit('variantIds', args.variantIds.length);
      const errors: UserErrorOut[] = [];
      const l = listOf('priceListFixedPricesDelete', args.priceListId, errors);
      if (!l) return { deletedFixedPriceVariantIds: null, userErrors: errors };
      const deletes = checkDeletes(l, args.variantIds, 'variantIds', errors);
      if (errors.length) return { deletedFixedPriceVariantIds: null, userErrors: errors };
      for (const v of deletes) l.fixed.delete(v);
      return { deletedFixedPriceVariantIds: deletes.map((v) => gid('ProductVariant', v)), userErrors: [] };
    },
  };
}
