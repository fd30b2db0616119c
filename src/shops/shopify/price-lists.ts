/**
 * Customer group prices on Shopify (ART-10 group prices, CLI-02): Shopify has no customer groups
 * (customers carry a group tag, customers.ts) and no price per group outside B2B, where a company
 * location's catalogue has a price list with fixed prices per variant. Capability-driven: the shop's
 * `entitlements.b2b.enabled` says whether it has B2B (one cheap documented field, read once, instead
 * of guessing from the plan name or from a failing call: price lists also exist without B2B, for
 * Markets, so a `priceLists` answer proves nothing). Without B2B the run says once that group prices
 * need it and goes on (a capability, not a fault: the items stay sent). When the shop cannot be asked,
 * or a group's price list is missing or in another currency, that group's items fail, so the next run
 * sends them again. With B2B, each group's prices go to the price list mapped to the group
 * (shop.shopify.priceLists) or, by default, the one named after the group: price lists belong to
 * catalogues the merchant links to companies in Shopify's admin, so they are found, never created
 * (a price list made here would reach no buyer). Only what differs from the list's fixed prices is
 * sent, with `priceListFixedPricesUpdate` (adds and deletes in one call, at most 250 of each: the
 * Admin API's input array limit), and a group price that disappeared is deleted from the list: every
 * group the profile maps (customers.groups.mapping) is looked at, not only those the items still have.
 * Only a price Passerelle wrote is ever deleted: the profile's memory keeps, per (price list, variant),
 * the amount sent (or found equal to the GesCom's), and a fixed price is deleted only while the list
 * still holds that amount; the merchant's own fixed prices (or one changed by hand) stay.
 *
 * A group that is no longer mapped (unmapped, renamed, or mapped to another list) would leave
 * Passerelle's prices in its old list for ever, since no group leads there any more: the memory also
 * keeps the price lists Passerelle wrote to, and each run walks those no group targets now, for the
 * run's variants only, deleting the prices Passerelle sent there that the list still holds unchanged.
 * A list that no longer exists in the shop is forgotten (one warning). While a group's list is not
 * found, nothing is deleted from those lists (one warning): it may be one of them, renamed in the admin.
 */
import { errorText, PasserelleError } from '../../errors.js';
import { chunk } from '../../http/batch.js';
import { msg, type Text } from '../../i18n/catalogue.js';
import type { PriceDraft, ProductDraft } from '../../sync/drafts.js';
import { dec } from '../../util/decimal.js';
import { B2B_ENTITLEMENT, PRICE_LIST_FIXED_PRICES, PRICE_LIST_FIXED_PRICES_UPDATE, PRICE_LIST_INPUTS, PRICE_LIST_VARIANTS, PRICE_LISTS } from './documents.js';
import { userErrorList, userErrorText, type Connection, type ShopifyGraphql, type UserError } from './graphql-client.js';
import type { ShopMemory } from './media-memory.js';

export interface GroupPriceItem {
  /** The item's key in the run's results (the article code). */
  key: string;
  /** The variant's SKU, named by the errors of its prices. */
  sku: string;
  variantId: string;
  groups: PriceDraft['groups'];
}

/** The group prices of a draft's variants (its own, or its variations'), found by SKU among the product's variants. */
export function groupPriceItems(d: ProductDraft, variantIdBySku: ReadonlyMap<string | null, string>): GroupPriceItem[] {
  const sources = d.kind === 'variable' ? d.variations.map((v) => ({ sku: v.sku, groups: v.price.groups })) : [{ sku: d.sku, groups: d.price.groups }];
  return sources.flatMap((s) => {
    const variantId = variantIdBySku.get(s.sku);
    return variantId ? [{ key: d.gescomKey, sku: s.sku, variantId, groups: s.groups }] : [];
  });
}

export interface PriceListMapping {
  group: string;
  /** A price list name or gid://shopify/PriceList/… */
  priceList: string;
}

interface PriceListRef {
  id: string;
  name: string;
  currency: string;
}

interface Setup {
  enabled: boolean;
  currency: string;
  lists: PriceListRef[];
}

/** A price to add and the item it is for. */
interface Add { item: GroupPriceItem; input: { variantId: string; price: { amount: string; currencyCode: string } } }
/** A fixed price to delete and the item it is for. */
interface Delete { item: GroupPriceItem; variantId: string }

interface HeldPrice {
  variant: { id: string };
  price: { amount: string; currencyCode: string };
  compareAtPrice: { amount: string } | null;
}

export interface PriceListsOptions {
  gql: ShopifyGraphql;
  mapping: readonly PriceListMapping[];
  /**
   * Every shop group the profile maps (customers.groups.mapping): an article's price that vanished
   * from one of them is deleted from its list even when no item of the batch has a price there.
   */
  groups: readonly string[];
  warn: (m: string | Text) => void;
  /** Told once whether the shop can hold group prices (the port's capability). */
  onCapability: (enabled: boolean) => void;
  /** The profile's memory (state store) of the fixed prices sent and the lists written to. */
  memory: ShopMemory;
}

/** "priceListGID variantGID" -> the amount Passerelle sent ("" once deleted). */
const SENT_PRICES = 'shopify-price-list';
/** One key: the price lists Passerelle sent a fixed price to, as JSON { priceListGID: name } (the name for the journal). */
const WRITTEN_LISTS = 'shopify-price-lists-written';
const WRITTEN_KEY = 'lists';


const norm = (s: string) => s.trim().toLocaleLowerCase('fr');

/** "gid://shopify/ProductVariant/123" -> "123" (price list prices are searched by numeric variant_id). */
function numericId(gid: string): string {
  return gid.slice(gid.lastIndexOf('/') + 1).split('?')[0]!;
}

/** The index of the input a userError names (["pricesToAdd", "3", "price"] -> add 3), or null. */
function erroredIndex(e: UserError): { list: 'add' | 'delete'; index: number } | null {
  const [head, n] = e.field ?? [];
  const index = Number(n);
  if (!Number.isInteger(index)) return null;
  if (head === 'pricesToAdd') return { list: 'add', index };
  if (head === 'variantIdsToDelete') return { list: 'delete', index };
  return null;
}

export class ShopifyPriceLists {
  private setup: Promise<Setup> | null = null;
  private readonly warned = new Set<string>();
  /** The price lists Passerelle sent prices to (WRITTEN_LISTS), read once. */
  private written: Map<string, string> | null = null;

  constructor(private readonly o: PriceListsOptions) {}

  private get memory(): ShopMemory {
    return this.o.memory;
  }

  /** The amount Passerelle last wrote for this variant in this list, if it still owns that price. */
  private sent(list: PriceListRef, variantId: string): string | undefined {
    return this.memory.get(SENT_PRICES, `${list.id} ${variantId}`) || undefined;
  }

  private remember(list: PriceListRef, variantId: string, amount: string): void {
    this.memory.set(SENT_PRICES, `${list.id} ${variantId}`, amount);
    if (amount !== '') this.markWritten(list);
  }

  private writtenLists(): Map<string, string> {
    if (!this.written) {
      const raw = this.memory.get(WRITTEN_LISTS, WRITTEN_KEY);
      let saved: unknown = {};
      try {
        saved = raw === undefined ? this.listsOfSentPrices() : JSON.parse(raw || '{}');
      } catch {
        // Unreadable (hand-edited state): nothing known, as before any price was sent.
      }
      this.written = new Map(Object.entries(typeof saved === 'object' && saved !== null ? saved : {}).filter((e): e is [string, string] => typeof e[1] === 'string'));
      if (raw === undefined && this.written.size > 0) this.saveWritten();
    }
    return this.written;
  }

  private saveWritten(): void {
    this.memory.set(WRITTEN_LISTS, WRITTEN_KEY, JSON.stringify(Object.fromEntries(this.writtenLists())));
  }

  /**
   * A version before WRITTEN_LISTS remembered each price it sent ("listId variantId" -> amount), not
   * the lists: those are the lists it wrote to (named by their id until a run finds their name).
   */
  private listsOfSentPrices(): Record<string, string> {
    const lists: Record<string, string> = {};
    for (const [key, amount] of this.memory.entries?.(SENT_PRICES) ?? []) {
      const id = key.split(' ')[0];
      if (amount !== '' && id) lists[id] = id;
    }
    return lists;
  }

  private markWritten(list: PriceListRef): void {
    if (this.writtenLists().get(list.id) === list.name) return;
    this.writtenLists().set(list.id, list.name);
    this.saveWritten();
  }

  private warnOnce(key: string, text: Text): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.o.warn(text);
  }

  /** Throws (the group prices' own message) when the shop cannot be asked: nothing is cached then. */
  private async readSetup(): Promise<Setup> {
    try {
      const { shop } = await this.o.gql.run<{ shop: { currencyCode: string; entitlements: { b2b: { enabled: boolean } } } }>(B2B_ENTITLEMENT, {}, 'shop');
      if (!shop.entitlements.b2b.enabled) return { enabled: false, currency: shop.currencyCode, lists: [] };
      const lists = await this.o.gql.all(PRICE_LISTS, {}, 'price lists', (d: { priceLists: Connection<PriceListRef> }) => d.priceLists);
      return { enabled: true, currency: shop.currencyCode, lists };
    } catch (err) {
      throw new PasserelleError(msg('shopify.groupPrices.checkFailed', { reason: errorText(err) }), 'shop');
    }
  }

  private async state(): Promise<Setup> {
    if (!this.setup) {
      const read = this.readSetup();
      this.setup = read;
      // A failed read (network) is tried again by the next batch.
      read.catch(() => { if (this.setup === read) this.setup = null; });
      const s = await read;
      this.o.onCapability(s.enabled);
    }
    return this.setup;
  }

  /** The price list a group's prices go to (whatever its currency), and how the profile names it. */
  private findList(group: string, s: Setup): { spec: string; found: PriceListRef | undefined } {
    const spec = (this.o.mapping.find((m) => norm(m.group) === norm(group))?.priceList ?? group).trim();
    const found = spec.startsWith('gid://shopify/PriceList/') ? s.lists.find((l) => l.id === spec) : s.lists.find((l) => norm(l.name) === norm(spec));
    return { spec, found };
  }

  /** The price list of a group (as findList found it), or why its prices cannot go (the failure of its items). */
  private listOf(group: string, { spec, found }: { spec: string; found: PriceListRef | undefined }, s: Setup): PriceListRef | Text {
    if (!found) return msg('shopify.groupPrices.noPriceList', { group, priceList: spec, names: s.lists.map((l) => l.name).join(', ') || '-' });
    if (found.currency !== s.currency) return msg('shopify.groupPrices.currency', { group, priceList: found.name, currency: found.currency, shopCurrency: s.currency });
    return found;
  }

  /** Whether the shop takes group prices (B2B); a shop without says so once. Throws when the shop cannot be asked. */
  async enabled(): Promise<boolean> {
    const s = await this.state();
    if (!s.enabled) this.warnOnce('b2b', msg('shopify.groupPrices.needB2b'));
    return s.enabled;
  }

  /**
   * Writes the group prices of these variants to their groups' price lists, only what differs, and
   * deletes Passerelle's prices of these variants from the lists no group leads to any more;
   * returns the failures by item key (an item failing in one list fails alone).
   */
  async write(items: readonly GroupPriceItem[]): Promise<Map<string, string | Text>> {
    const failures = new Map<string, string | Text>();
    if (items.length === 0) return failures;
    const groups = new Map<string, string>();
    for (const g of [...this.o.groups, ...this.o.mapping.map((m) => m.group), ...items.flatMap((i) => i.groups.map((x) => x.group))]) groups.set(norm(g), g);
    if (groups.size === 0 && this.writtenLists().size === 0) return failures;
    let s: Setup;
    try {
      s = await this.state();
    } catch (err) {
      // Not sent, so not saved as sent: the next run tries these items again.
      for (const i of items) failures.set(i.key, errorText(err));
      return failures;
    }
    if (!s.enabled) {
      if (items.some((i) => i.groups.length > 0)) this.warnOnce('b2b', msg('shopify.groupPrices.needB2b'));
      return failures;
    }
    /** Fixed prices deleted, by price list: said in the journal. */
    const removed = new Map<string, { list: PriceListRef; count: number }>();
    const count = (list: PriceListRef, n: number) => {
      if (n > 0) removed.set(list.id, { list, count: (removed.get(list.id)?.count ?? 0) + n });
    };
    const found = [...groups].map(([key, group]) => ({ key, group, ...this.findList(group, s) }));
    for (const { key, group, ...lookup } of found) {
      const list = this.listOf(group, lookup, s);
      if (!('id' in list)) {
        // Only the items with a price in the group fail (sent again once the list exists); a list
        // that does not exist holds no price to delete.
        for (const i of items) if (i.groups.some((g) => norm(g.group) === key)) failures.set(i.key, list);
        continue;
      }
      for (const part of chunk([...items], PRICE_LIST_VARIANTS)) {
        try {
          count(list, await this.writeList(list, part, key, failures));
        } catch (err) {
          for (const i of part) failures.set(i.key, errorText(err));
        }
      }
    }
    // The lists a group leads to were walked above (a list in another currency included: its group's prices are still wanted there).
    const targeted = new Set(found.flatMap((f) => f.found?.id ?? []));
    // A group whose list is not found may lead to one of the others renamed in Shopify's admin: its
    // prices are not deleted while the profile is being fixed (the group's items fail meanwhile).
    // Only a group that has a list to find counts: one named by shop.shopify.priceLists, or with
    // prices in these items (a mapped group without B2B prices, "Particuliers" say, has none).
    const priced = new Set([...this.o.mapping.map((m) => norm(m.group)), ...items.flatMap((i) => i.groups.map((g) => norm(g.group)))]);
    const lost = found.find((f) => !f.found && priced.has(f.key))?.group;
    const stale: PriceListRef[] = [];
    for (const [id, name] of [...this.writtenLists()]) {
      if (targeted.has(id)) continue;
      const list = s.lists.find((l) => l.id === id);
      if (list) {
        stale.push(list);
        continue;
      }
      // Deleted in Shopify's admin (with its prices): nothing left to delete there, ever.
      this.writtenLists().delete(id);
      this.saveWritten();
      this.o.warn(msg('shopify.groupPrices.listGone', { priceList: name, id }));
    }
    if (lost !== undefined && stale.length > 0) this.warnOnce('staleKept', msg('shopify.groupPrices.staleKept', { group: lost, priceLists: stale.map((l) => l.name).join(', ') }));
    else for (const list of stale) count(list, await this.removeStale(list, items, failures));
    for (const { list, count: n } of removed.values()) this.o.warn(msg('shopify.groupPrices.staleRemoved', { count: n, priceList: list.name }));
    return failures;
  }

  /**
   * The fixed prices Passerelle sent to a list no group leads to any more, for these variants: deleted
   * while the list still holds them as sent (250 a call); one the merchant changed or deleted is
   * forgotten (the merchant's now). Returns how many were deleted.
   */
  private async removeStale(list: PriceListRef, items: readonly GroupPriceItem[], failures: Map<string, string | Text>): Promise<number> {
    const mine = new Map<string, { item: GroupPriceItem; amount: string }>();
    for (const item of items) {
      const amount = this.sent(list, item.variantId);
      if (amount !== undefined) mine.set(item.variantId, { item, amount });
    }
    const fail = (item: GroupPriceItem, reason: string | Text) => failures.set(item.key, msg('shopify.groupPrices.staleNotRemoved', { sku: item.sku, priceList: list.name, reason }));
    const deletes: Delete[] = [];
    for (const part of chunk([...mine.values()], PRICE_LIST_VARIANTS)) {
      let held: Map<string, HeldPrice>;
      try {
        held = await this.held(list, part.map((m) => m.item));
      } catch (err) {
        for (const m of part) fail(m.item, errorText(err));
        continue;
      }
      for (const { item, amount } of part) {
        const h = held.get(item.variantId);
        if (h && h.compareAtPrice === null && dec(h.price.amount).equals(dec(amount))) deletes.push({ item, variantId: item.variantId });
        else this.remember(list, item.variantId, '');
      }
    }
    let deleted = 0;
    for (const part of chunk(deletes, PRICE_LIST_INPUTS)) {
      try {
        deleted += await this.update(list, [], part, failures, (item, errors) => msg('shopify.groupPrices.staleNotRemoved', { sku: item.sku, priceList: list.name, reason: userErrorList(errors) }));
      } catch (err) {
        for (const x of part) fail(x.item, errorText(err));
      }
    }
    return deleted;
  }

  /** The fixed prices a list holds for these variants (at most PRICE_LIST_VARIANTS), by variant GID. */
  private async held(list: PriceListRef, part: readonly GroupPriceItem[]): Promise<Map<string, HeldPrice>> {
    const query = [...new Set(part.map((i) => `variant_id:${numericId(i.variantId)}`))].join(' OR ');
    const d = await this.o.gql.run<{ priceList: { prices: { nodes: HeldPrice[] } } | null }>(PRICE_LIST_FIXED_PRICES, { id: list.id, query }, `price list ${list.name}`);
    return new Map((d.priceList?.prices.nodes ?? []).map((p) => [p.variant.id, p]));
  }

  /**
   * One price list, up to PRICE_LIST_VARIANTS variants: read what it holds, send the difference.
   * Returns how many fixed prices were deleted.
   */
  private async writeList(list: PriceListRef, part: GroupPriceItem[], group: string, failures: Map<string, string | Text>): Promise<number> {
    const entity = `price list ${list.name}`;
    const held = await this.held(list, part);
    const adds: Add[] = [];
    const deletes: Delete[] = [];
    for (const item of part) {
      const wanted = item.groups.find((g) => norm(g.group) === group);
      const h = held.get(item.variantId);
      if (wanted) {
        const same = h && h.compareAtPrice === null && dec(h.price.amount).equals(dec(wanted.price));
        if (!same) adds.push({ item, input: { variantId: item.variantId, price: { amount: wanted.price, currencyCode: list.currency } } });
        // The GesCom's price, already held (sent by an earlier run or version): Passerelle's to delete once it vanishes.
        else if (this.sent(list, item.variantId) !== wanted.price) this.remember(list, item.variantId, wanted.price);
        // Remembered by a version before WRITTEN_LISTS: the list is one Passerelle wrote to all the same.
        else this.markWritten(list);
      } else if (h) {
        // Only the price Passerelle wrote, still as it wrote it: a price the merchant set or changed by hand stays.
        const mine = this.sent(list, item.variantId);
        if (mine !== undefined && h.compareAtPrice === null && dec(h.price.amount).equals(dec(mine))) deletes.push({ item, variantId: item.variantId });
      }
    }
    return this.update(list, adds, deletes, failures, (item, errors) => userErrorText(errors, `article ${item.key} (${entity})`));
  }

  /**
   * One priceListFixedPricesUpdate (at most PRICE_LIST_INPUTS adds and as many deletes), remembered
   * once applied; a refused input fails its item (`refused` says why), the valid rest is sent again.
   * Returns how many fixed prices were deleted.
   */
  private async update(list: PriceListRef, adds: Add[], deletes: Delete[], failures: Map<string, string | Text>,
    refused: (item: GroupPriceItem, errors: UserError[]) => string | Text): Promise<number> {
    if (adds.length === 0 && deletes.length === 0) return 0;
    let pending = { adds, deletes };
    // Whether Shopify applies the valid rest of a batch some of whose prices it refuses is not documented,
    // nor whether it names every refused input at once: the rest is sent again as long as each answer
    // names at least one more refused input (harmless: adding a fixed price replaces the variant's one).
    // Each attempt removes one input at least, so the batch's length bounds the attempts.
    let errors: UserError[] = [];
    for (let attempt = 0; attempt <= adds.length + deletes.length && (pending.adds.length > 0 || pending.deletes.length > 0); attempt++) {
      const r = await this.o.gql.run<{ priceListFixedPricesUpdate: { userErrors: UserError[] } | null }>(PRICE_LIST_FIXED_PRICES_UPDATE, {
        priceListId: list.id, pricesToAdd: pending.adds.map((a) => a.input), variantIdsToDelete: pending.deletes.map((x) => x.variantId),
      }, `price list ${list.name}`);
      errors = r.priceListFixedPricesUpdate?.userErrors ?? [];
      if (errors.length === 0) {
        for (const a of pending.adds) this.remember(list, a.item.variantId, a.input.price.amount);
        for (const x of pending.deletes) this.remember(list, x.variantId, '');
        return pending.deletes.length;
      }
      const badAdds = new Set<number>();
      const badDeletes = new Set<number>();
      for (const e of errors) {
        const at = erroredIndex(e);
        const item = at ? (at.list === 'add' ? pending.adds[at.index]?.item : pending.deletes[at.index]?.item) : undefined;
        if (!at || !item) {
          // An error naming no input: the whole batch is refused.
          for (const x of [...pending.adds, ...pending.deletes]) failures.set(x.item.key, refused(x.item, errors));
          return 0;
        }
        (at.list === 'add' ? badAdds : badDeletes).add(at.index);
        failures.set(item.key, refused(item, [e]));
      }
      pending = { adds: pending.adds.filter((_, i) => !badAdds.has(i)), deletes: pending.deletes.filter((_, i) => !badDeletes.has(i)) };
    }
    // Never reached while each answer names a new refused input; should it be, what is left was not written.
    for (const x of [...pending.adds, ...pending.deletes]) if (!failures.has(x.item.key)) failures.set(x.item.key, refused(x.item, errors));
    return 0;
  }
}
