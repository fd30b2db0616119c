/**
 * Shopify prices (WEB-03, ART-10): a promotion is the variant's price with the regular one as
 * compare-at price only within its dates (Shopify has no dated compare-at price), so the daily price
 * run starts and ends it; group prices go to the B2B price list of each group (capability-driven:
 * a shop without B2B gets one warning, its customers keep their group tags). Run clocks are fixed
 * instants, never the machine's: the sample company's promotions are dated.
 */
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { HttpClient } from '../../src/http/http-client.js';
import { render, type Text } from '../../src/i18n/catalogue.js';
import { staticTokenAuth } from '../../src/shops/shopify/auth.js';
import { PRICE_LIST_FIXED_PRICES_UPDATE, type ShopifyDocument } from '../../src/shops/shopify/documents.js';
import { ShopifyGraphql, type UserError } from '../../src/shops/shopify/graphql-client.js';
import { ShopifyPriceLists } from '../../src/shops/shopify/price-lists.js';
import type { ShopMemory } from '../../src/shops/shopify/media-memory.js';
import { priceFields, promotionLive } from '../../src/shops/shopify/product-mapping.js';
import type { PriceDraft } from '../../src/sync/drafts.js';
import { dec, fixed } from '../../src/util/decimal.js';
import { addPriceList } from '../simulators/shopify/price-lists.js';
import { startShopifySimulator, type ShopifySimulator } from '../simulators/shopify/server.js';
import { ShopifyEnv, removeSampleDb, type ShopifyRun } from './adapter-support.js';

let env: ShopifyEnv | undefined;
afterEach(async () => {
  await env?.close();
  env = undefined;
});
afterAll(removeSampleDb);

const PARIS = 'Europe/Paris';

describe('a promotion within its dates only', () => {
  const sale = (from: string | null, to: string | null): PriceDraft => ({ regular: '42.00', sale: { price: '35.00', from, to }, purchase: null, ecotax: null, groups: [] });
  const onSale = { price: '35.00', compareAtPrice: '42.00' };
  const regular = { price: '42.00', compareAtPrice: null };
  // The sample company's promotions (instants: Paris midnight in UTC) and bounds given as dates (whole Paris days).
  test.each([
    ['Soldes Pull Jaune, running', '2026-06-24T06:00:00.000Z', '2026-12-31T22:59:59.000Z', '2026-12-15T10:00:00Z', onSale],
    ['Soldes Pull Jaune, the day after its end', '2026-06-24T06:00:00.000Z', '2026-12-31T22:59:59.000Z', '2027-01-01T08:00:00Z', regular],
    ['Soldes Pull Jaune, its last second', '2026-06-24T06:00:00.000Z', '2026-12-31T22:59:59.000Z', '2026-12-31T22:59:59Z', onSale],
    ["Soldes d'hiver 2027, a week before they start", '2027-01-13T07:00:00.000Z', '2027-02-09T22:59:59.000Z', '2027-01-06T07:00:00Z', regular],
    ["Soldes d'hiver 2027, their first minute", '2027-01-13T07:00:00.000Z', '2027-02-09T22:59:59.000Z', '2027-01-13T07:00:00Z', onSale],
    ['Black Friday 2025, over', '2025-11-28T00:00:00.000Z', '2025-12-01T22:59:59.000Z', '2026-12-01T12:00:00Z', regular],
    ['dates only: the last day is a whole Paris day (23:30 UTC is 00:30 the next day there)', '2026-12-01', '2026-12-10', '2026-12-10T22:30:00Z', onSale],
    ['dates only: just after the last Paris day', '2026-12-01', '2026-12-10', '2026-12-10T23:30:00Z', regular],
    ['dates only: the first Paris day starts at 23:00 UTC the day before', '2026-12-01', '2026-12-10', '2026-11-30T23:00:00Z', onSale],
    ['no dates: always', null, null, '2026-12-01T12:00:00Z', onSale],
    ['no end', '2026-12-01T00:00:00Z', null, '2030-01-01T00:00:00Z', onSale],
    ['an empty window never runs', '2026-12-10', '2026-12-01', '2026-12-05T12:00:00Z', regular],
  ])('%s', (_name, from, to, now, expected) => {
    expect(priceFields(sale(from, to), { now: new Date(now), timezone: PARIS })).toEqual(expected);
  });

  test('a sale at the regular price is no sale', () => {
    const p: PriceDraft = { regular: '42.00', sale: { price: '42.0', from: null, to: null }, purchase: null, ecotax: null, groups: [] };
    expect(priceFields(p, { now: new Date('2026-12-01T12:00:00Z'), timezone: PARIS })).toEqual({ price: '42.00', compareAtPrice: null });
    expect(promotionLive({ price: '1', from: 'not a date', to: null }, { now: new Date(), timezone: PARIS })).toBe(false);
  });
});

interface Held { id: string; sku: string; price: string; compareAtPrice: string | null }

function variant(sku: string): Held {
  const d = env!.query<{ productVariants: { nodes: Held[] } }>('query($q: String) { productVariants(first: 5, query: $q) { nodes { id sku price compareAtPrice } } }', { q: `sku:${sku}` });
  const v = d.productVariants.nodes.find((x) => x.sku === sku);
  if (!v) throw new Error(`no variant ${sku}`);
  return v;
}

describe('promotions through the runs', () => {
  test('export during the sales, price run the day after they end, and when the winter sales start', async () => {
    env = await ShopifyEnv.start();
    env.editProfile((p) => ({ ...p, prices: { ...p.prices, sendPromotions: true } }));
    const exp = await env.run('products.export', {}, '2026-12-15T10:00:00Z');
    expect(exp.record.status, exp.lines.join('\n')).toBe('succeeded');
    const pullRegular = variant('AR0016').compareAtPrice;
    expect(variant('AR0016').price).toBe('35.00');
    expect(pullRegular).not.toBeNull();
    const mug = variant('AR0010');
    expect(mug.compareAtPrice).toBeNull();

    // The day after the yellow pull's sales: its regular price comes back, nothing else is sent.
    const after = await env.run('products.prices', {}, '2027-01-01T08:00:00Z');
    expect(after.record.status, after.lines.join('\n')).toBe('succeeded');
    expect(after.byField.productVariantsBulkUpdate).toBe(1);
    expect(variant('AR0016')).toMatchObject({ price: pullRegular, compareAtPrice: null });

    // The winter sales start (08:00 in Paris): the mug at 20 % off, its regular price struck through.
    const winter = await env.run('products.prices', {}, '2027-01-13T07:00:00Z');
    expect(winter.byField.productVariantsBulkUpdate).toBe(1);
    expect(variant('AR0010')).toEqual({ ...mug, price: fixed(dec(mug.price).times('0.8')), compareAtPrice: mug.price });

    // Same instant again: nothing to send.
    const again = await env.run('products.prices', {}, '2027-01-13T07:30:00Z');
    expect(again.byField.productVariantsBulkUpdate ?? 0).toBe(0);
  });

  test('with "changed since the last transfer", a promotion that starts or ends between two runs is still sent', async () => {
    env = await ShopifyEnv.start();
    env.editProfile((p) => ({ ...p, prices: { ...p.prices, sendPromotions: true, changedSinceLastTransfer: true } }));
    await env.run('products.export', {}, '2027-01-12T10:00:00Z');
    const first = await env.run('products.prices', {}, '2027-01-12T10:05:00Z');
    expect(first.record.status, first.lines.join('\n')).toBe('succeeded');
    const mug = variant('AR0010');
    expect(mug.compareAtPrice).toBeNull();
    // Nothing modified in the GesCom since: the winter sales started.
    const started = await env.run('products.prices', {}, '2027-01-13T10:00:00Z');
    expect(started.byField.productVariantsBulkUpdate).toBe(1);
    expect(variant('AR0010').compareAtPrice).toBe(mug.price);
    const ended = await env.run('products.prices', {}, '2027-02-10T10:00:00Z');
    expect(ended.byField.productVariantsBulkUpdate).toBe(1);
    expect(variant('AR0010')).toMatchObject({ price: mug.price, compareAtPrice: null });
  });
});

/** Fixed prices of a price list, by SKU. */
function fixedPrices(listId: string): Record<string, string> {
  const d = env!.query<{ priceList: { prices: { nodes: { price: { amount: string }; variant: { sku: string } }[] } } }>(
    'query($id: ID!) { priceList(id: $id) { prices(first: 250, originType: FIXED) { nodes { price { amount } variant { sku } } } } }', { id: listId });
  return Object.fromEntries(d.priceList.prices.nodes.map((n) => [n.variant.sku, n.price.amount]));
}

const GROUPS = [
  { priceCategoryId: 3, shopGroup: 'Revendeurs', taxDisplay: 'HT' as const },
  { priceCategoryId: 4, shopGroup: 'Grossistes', taxDisplay: 'HT' as const },
];

/** `bulkThreshold` 1: the export goes through bulk productSet, whose lines cannot write group prices (written after). */
async function groupPricesEnv(b2b: boolean, bulkThreshold = 50): Promise<ShopifyEnv> {
  const e = await ShopifyEnv.start({ b2b }, { bulkThreshold, priceLists: [{ group: 'Grossistes', priceList: 'Tarif grossistes B2B' }] });
  e.editProfile((p) => ({
    ...p,
    prices: { ...p.prices, sendGroupPrices: true },
    customers: { ...p.customers, groups: { ...p.customers.groups, mapping: GROUPS } },
  }));
  await e.gescom(async (g) => {
    // Excluding tax in these categories, sent tax included (prices.base TTC): AR0003 is at 5.5 %.
    await g.setPrice('AR0003', 3, '4.00');
    await g.setPrice('AR0003', 4, '3.50');
  });
  return e;
}

describe('group prices in B2B price lists', () => {
  test.each([['plain productSet', 50], ['bulk productSet', 1]])('%s: each group to its price list (by name, or mapped), only what changed, the GesCom price put back over the merchant one', async (_path, threshold) => {
    env = await groupPricesEnv(true, threshold);
    const revendeurs = addPriceList({ state: env.sim.state }, 'Revendeurs');
    const grossistes = addPriceList({ state: env.sim.state }, 'Tarif grossistes B2B');
    const exp = await env.run('products.export');
    expect(exp.record.status, exp.lines.join('\n')).toBe('succeeded');
    expect((exp.byField.bulkOperationRunMutation ?? 0) > 0).toBe(threshold === 1);
    expect(fixedPrices(revendeurs).AR0003).toBe('4.22');
    expect(fixedPrices(grossistes).AR0003).toBe('3.69');

    const same = await env.run('products.prices');
    expect(same.record.status).toBe('succeeded');
    expect(same.byField.priceListFixedPricesUpdate ?? 0).toBe(0);

    await env.gescom((g) => g.setPrice('AR0003', 3, '4.50'));
    const changed = await env.run('products.prices');
    expect(changed.record.status, changed.lines.join('\n')).toBe('succeeded');
    // Only the list whose price changed gets a call.
    expect(changed.byField.priceListFixedPricesUpdate).toBe(1);
    expect(fixedPrices(revendeurs).AR0003).toBe('4.75');
    expect(fixedPrices(grossistes).AR0003).toBe('3.69');

    // The merchant changed a fixed price in Shopify: the next change of the article puts the GesCom's back.
    env.query('mutation($id: ID!, $v: ID!) { priceListFixedPricesAdd(priceListId: $id, prices: [{ variantId: $v, price: { amount: "1.00", currencyCode: EUR } }]) { userErrors { message } } }',
      { id: grossistes, v: variant('AR0003').id });
    await env.gescom((g) => g.setPrice('AR0003', 3, '4.60'));
    await env.run('products.prices');
    expect(fixedPrices(grossistes).AR0003).toBe('3.69');
    expect(fixedPrices(revendeurs).AR0003).toBe('4.85');
  });

  test.each([
    ['no price list for the group', null, /^--> Erreur : article \S+ : prix du groupe « Grossistes » non envoyés : aucune liste de prix Shopify « Tarif grossistes B2B » \(listes : Revendeurs\) ; voir shop\.shopify\.priceLists$/],
    ['a price list in another currency', 'CHF', /^--> Erreur : article \S+ : prix du groupe « Grossistes » non envoyés : la liste de prix « Tarif grossistes B2B » est en CHF, la boutique Shopify en EUR$/],
  ])('%s: the group\'s articles fail (the other group\'s prices still go), and are sent by the next run once the merchant fixed it', async (_case, currency, line) => {
    env = await groupPricesEnv(true);
    const revendeurs = addPriceList({ state: env.sim.state }, 'Revendeurs');
    const wrong = currency ? addPriceList({ state: env.sim.state }, 'Tarif grossistes B2B', currency) : null;
    const r = await env.run('products.export');
    expect(r.record.status, r.lines.join('\n')).toBe('partial');
    const errors = r.lines.filter((l) => l.startsWith('--> Erreur'));
    // One line per article with a price in the group, nothing else.
    expect(errors.filter((l) => line.test(l))).toEqual(errors);
    expect(errors.some((l) => l.includes('article AR0003 :'))).toBe(true);
    expect(fixedPrices(revendeurs).AR0003).toBe('4.22');
    expect(variant('AR0003').price).toBe('4.95');

    // The merchant makes the list (or puts it in the shop's currency): the next run sends the group's prices.
    if (wrong) env.sim.state.priceLists.get(Number(wrong.split('/').pop()))!.currency = 'EUR';
    const grossistes = wrong ?? addPriceList({ state: env.sim.state }, 'Tarif grossistes B2B');
    const next = await env.run('products.export');
    expect(next.record.status, next.lines.join('\n')).toBe('succeeded');
    expect(fixedPrices(grossistes).AR0003).toBe('3.69');
    // Every article that failed has its price there now (the variable PULL with one per variant).
    const codes = errors.map((l) => /article (\S+) :/.exec(l)![1]!).filter((c) => c !== 'PULL');
    expect(codes.filter((c) => fixedPrices(grossistes)[c] === undefined)).toEqual([]);
    expect(fixedPrices(revendeurs).AR0003).toBe('4.22');
  });

  test.each([['price run', 'products.prices', 50], ['bulk export', 'products.export', 1]])('%s: a group price that disappears from the GesCom is deleted from its list, the group found by its name or mapped', async (_path, action, threshold) => {
    env = await groupPricesEnv(true, threshold);
    const revendeurs = addPriceList({ state: env.sim.state }, 'Revendeurs');
    const grossistes = addPriceList({ state: env.sim.state }, 'Tarif grossistes B2B');
    await env.run('products.export');
    expect([fixedPrices(revendeurs).AR0003, fixedPrices(grossistes).AR0003]).toEqual(['4.22', '3.69']);
    const others = (list: string) => Object.entries(fixedPrices(list)).filter(([sku]) => sku !== 'AR0003');
    const before = [others(revendeurs), others(grossistes)];
    expect(before[0]!.length).toBeGreaterThan(0);

    // Both prices removed in the GesCom: the article has no group price left.
    const db = new Database(env.db);
    db.prepare('DELETE FROM article_prices WHERE article_code = ? AND price_category_id IN (3, 4)').run('AR0003');
    db.prepare('UPDATE articles SET modified_at = ? WHERE code = ?').run(new Date().toISOString(), 'AR0003');
    db.close();
    const r = await env.run(action);
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    expect((r.byField.bulkOperationRunMutation ?? 0) > 0).toBe(threshold === 1);
    expect([fixedPrices(revendeurs).AR0003, fixedPrices(grossistes).AR0003]).toEqual([undefined, undefined]);
    expect([others(revendeurs), others(grossistes)]).toEqual(before);
  });

  test.each([['price run', 'products.prices', 50], ['bulk export', 'products.export', 1]])('%s: the merchant\'s own fixed price for a variant Passerelle never priced in that list stays; Passerelle\'s own is deleted once gone', async (_path, action, threshold) => {
    env = await groupPricesEnv(true, threshold);
    const revendeurs = addPriceList({ state: env.sim.state }, 'Revendeurs');
    const grossistes = addPriceList({ state: env.sim.state }, 'Tarif grossistes B2B');
    const touch = (sql: string) => {
      const db = new Database(env!.db);
      db.prepare(sql).run('AR0003');
      db.prepare('UPDATE articles SET modified_at = ? WHERE code = ?').run(new Date().toISOString(), 'AR0003');
      db.close();
    };
    // AR0003 has no Revendeurs price in the GesCom: Passerelle never prices it in that list.
    touch('DELETE FROM article_prices WHERE article_code = ? AND price_category_id = 3');
    const exp = await env.run('products.export');
    expect(exp.record.status, exp.lines.join('\n')).toBe('succeeded');
    expect([fixedPrices(revendeurs).AR0003, fixedPrices(grossistes).AR0003]).toEqual([undefined, '3.69']);

    // The merchant's own B2B price, set in Shopify's admin.
    env.query('mutation($id: ID!, $v: ID!) { priceListFixedPricesAdd(priceListId: $id, prices: [{ variantId: $v, price: { amount: "2.40", currencyCode: EUR } }]) { userErrors { message } } }',
      { id: revendeurs, v: variant('AR0003').id });
    const hand = fixedPrices(revendeurs).AR0003;
    expect(hand).toBeDefined();
    // The article changes in the GesCom and its Grossistes price goes: Passerelle's price there is deleted, the merchant's stays.
    touch('DELETE FROM article_prices WHERE article_code = ? AND price_category_id = 4');
    const r = await env.run(action);
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    expect([fixedPrices(revendeurs).AR0003, fixedPrices(grossistes).AR0003]).toEqual([hand, undefined]);
  });

  test('the B2B check fails (network): the changed prices fail, nothing is taken as sent, the next run sends them', async () => {
    env = await groupPricesEnv(true);
    env.editProfile((p) => ({ ...p, http: { ...p.http, maxTries: 1 } }));
    const revendeurs = addPriceList({ state: env.sim.state }, 'Revendeurs');
    addPriceList({ state: env.sim.state }, 'Tarif grossistes B2B');
    await env.run('products.export');
    expect(fixedPrices(revendeurs).AR0003).toBe('4.22');

    await env.gescom((g) => g.setPrice('AR0003', 3, '4.50'));
    // Only the entitlement read (its one root field is `shop`) meets the fault.
    env.sim.faults.add({ kind: 'status5xx', status: 503, times: 1, match: (_m, _p, fields) => fields.length === 1 && fields[0] === 'shop' });
    const failed = await env.run('products.prices');
    expect(failed.record.status, failed.lines.join('\n')).toBe('partial');
    expect(failed.lines.filter((l) => l.startsWith('--> Erreur'))).toEqual([
      expect.stringMatching(/^--> Erreur : article AR0003 : prix des groupes de clients non envoyés : impossible de savoir si la boutique a le B2B \(.*503/),
    ]);
    expect(fixedPrices(revendeurs).AR0003).toBe('4.22');

    const next = await env.run('products.prices');
    expect(next.record.status, next.lines.join('\n')).toBe('succeeded');
    expect(fixedPrices(revendeurs).AR0003).toBe('4.75');
  });

  test('bulk export: group prices go to the written product\'s variant, not to another product holding the same SKU', async () => {
    env = await groupPricesEnv(true, 1);
    const revendeurs = addPriceList({ state: env.sim.state }, 'Revendeurs');
    addPriceList({ state: env.sim.state }, 'Tarif grossistes B2B');
    await env.run('products.export');
    const ours = variant('AR0003').id;
    // The merchant made another product with the same SKU.
    const other = env.query<{ productSet: { product: { variants: { nodes: { id: string }[] } } } }>('mutation { productSet(synchronous: true, input: { title: "Copie", productOptions: [{ name: "Title", values: [{ name: "Default Title" }] }], variants: [{ optionValues: [{ optionName: "Title", name: "Default Title" }], price: "1.00", sku: "AR0003" }] }) { product { variants(first: 1) { nodes { id } } } } }')
      .productSet.product.variants.nodes[0]!.id;
    await env.gescom((g) => g.setPrice('AR0003', 3, '4.50'));
    const r = await env.run('products.export');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    // The bulk productSet, then the bulk productUpdate that adds metafields and collections to existing products.
    expect(r.byField.bulkOperationRunMutation).toBe(2);
    // The written products' variants only: no bulk read of the whole catalogue for their ids.
    expect(r.byField.bulkOperationRunQuery ?? 0).toBe(0);
    const fixed = env.sim.state.priceLists.get(Number(revendeurs.split('/').pop()))!.fixed;
    expect(fixed.get(Number(ours.split('/').pop()))).toEqual({ price: '4.75', compareAtPrice: null });
    expect(fixed.has(Number(other.split('/').pop()))).toBe(false);
  });

  test.each([['plain productSet', 50], ['bulk productSet', 1]])('%s, a shop without B2B: one warning, the run succeeds, prices and customer group tags still go', async (_path, threshold) => {
    env = await groupPricesEnv(false, threshold);
    addPriceList({ state: env.sim.state }, 'Revendeurs');
    const r = await env.run('products.export');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    expect(r.lines.filter((l) => /B2B/.test(l))).toHaveLength(1);
    expect(r.byField.priceListFixedPricesUpdate ?? 0).toBe(0);
    expect(r.byField.priceLists ?? 0).toBe(0);
    // The regular price, not a group's.
    expect(variant('AR0003')).toMatchObject({ price: '4.95', compareAtPrice: null });

    const c = await env.run('customers.export');
    expect(c.record.status, c.lines.join('\n')).toBe('succeeded');
    const tags = env.query<{ customers: { nodes: { tags: string[] }[] } }>('{ customers(first: 50) { nodes { tags } } }').customers.nodes.flatMap((n) => n.tags);
    expect(tags.some((t) => t.startsWith('groupe:'))).toBe(true);
  });
});

/** A merchant's fixed price set in Shopify's admin. */
function merchantPrice(listId: string, sku: string, amount: string): void {
  env!.query('mutation($id: ID!, $v: ID!, $a: Decimal!) { priceListFixedPricesAdd(priceListId: $id, prices: [{ variantId: $v, price: { amount: $a, currencyCode: EUR } }]) { userErrors { message } } }',
    { id: listId, v: variant(sku).id, a: amount });
}

/** The profile's Grossistes group mapped otherwise: `group` its shop group (null: unmapped), `priceLists` shop.shopify.priceLists. */
function remapGrossistes(group: string | null, priceLists: { group: string; priceList: string }[]): void {
  env!.editProfile((p) => ({
    ...p,
    customers: { ...p.customers, groups: { ...p.customers.groups, mapping: group === null ? GROUPS.slice(0, 1) : [GROUPS[0]!, { ...GROUPS[1]!, shopGroup: group }] } },
    shop: { ...p.shop, shopify: { ...p.shop.shopify, priceLists } },
  }));
}

/** The profile's memory as a map (the adapter alone, without a state store). */
function mapMemory(): ShopMemory {
  const saved = new Map<string, string>();
  return { get: (kind, key) => saved.get(`${kind}\n${key}`), set: (kind, key, value) => { saved.set(`${kind}\n${key}`, value); } };
}

const staleLine = (r: ShopifyRun, list: string) => r.lines.filter((l) => l.includes(`retirés de la liste de prix « ${list} »`));

describe('group prices left in a list no group leads to any more', () => {
  /**
   * Exported with Revendeurs -> "Revendeurs" and Grossistes -> "Tarif grossistes B2B"; then, in the
   * Grossistes list, the merchant's own price for a variant Passerelle never priced there and a price
   * Passerelle sent that the merchant changed by hand.
   */
  async function exported() {
    env = await groupPricesEnv(true);
    const revendeurs = addPriceList({ state: env.sim.state }, 'Revendeurs');
    const grossistes = addPriceList({ state: env.sim.state }, 'Tarif grossistes B2B');
    // The mug has no Grossistes price in the GesCom: Passerelle never prices it in that list.
    const db = new Database(env.db);
    db.prepare('DELETE FROM article_prices WHERE article_code = ? AND price_category_id = 4').run('AR0010');
    db.close();
    const exp = await env.run('products.export');
    expect(exp.record.status, exp.lines.join('\n')).toBe('succeeded');
    const sent = fixedPrices(grossistes);
    const own = 'AR0010';
    const changed = 'AR0016';
    expect([sent.AR0003, sent[changed], sent[own]]).toEqual(['3.69', expect.any(String), undefined]);
    merchantPrice(grossistes, changed, '1.11');
    merchantPrice(grossistes, own, '2.22');
    return { revendeurs, grossistes, sent, changed, own, revendeursBefore: fixedPrices(revendeurs) };
  }

  test.each([
    ['unmapped (customers.groups.mapping and shop.shopify.priceLists)', null, [], null],
    ['renamed, its prices now going to another list', 'Grossistes Pro', [{ group: 'Grossistes Pro', priceList: 'Grossistes 2027' }], 'Grossistes 2027'],
  ])('a group %s: the next price run deletes Passerelle\'s prices from its old list, the merchant\'s own and the one changed by hand stay', async (_case, group, priceLists, newList) => {
    const { revendeurs, grossistes, sent, changed, own, revendeursBefore } = await exported();
    const next = newList ? addPriceList({ state: env!.sim.state }, newList) : null;
    remapGrossistes(group, priceLists);

    const r = await env!.run('products.prices');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    expect(fixedPrices(grossistes)).toEqual({ [changed]: '1.11', [own]: '2.22' });
    expect(fixedPrices(revendeurs)).toEqual(revendeursBefore);
    if (next) expect(fixedPrices(next)).toEqual(sent);
    // Passerelle's prices there, less the one changed by hand, in one call (and one for the new list's prices).
    const removed = Object.keys(sent).length - 1;
    expect(r.byField.priceListFixedPricesUpdate).toBe(next ? 2 : 1);
    expect(staleLine(r, 'Tarif grossistes B2B')).toEqual([`--> Avertissement : prix de groupe retirés de la liste de prix « Tarif grossistes B2B » (envoyés par Passerelle, plus demandés) : ${removed}`]);

    // The merchant sets back the amount Passerelle had sent: the price is the merchant's now, the next runs leave it.
    merchantPrice(grossistes, changed, sent[changed]!);
    await env!.gescom((g) => g.setPrice('AR0003', 3, '4.50'));
    await env!.gescom((g) => g.setPrice(changed, 3, '9.00'));
    const again = await env!.run('products.prices');
    expect(again.record.status, again.lines.join('\n')).toBe('succeeded');
    expect(fixedPrices(grossistes)).toEqual({ [changed]: sent[changed], [own]: '2.22' });
    expect(staleLine(again, 'Tarif grossistes B2B')).toEqual([]);
  });

  test('prices sent by a version that did not list the lists written: its lists are found from the prices it remembered', async () => {
    const { grossistes, changed, own } = await exported();
    // The earlier version remembered each price sent, not which lists it wrote to.
    env!.app.state.deleteBinding('demo', 'shopify-price-lists-written', 'lists');
    remapGrossistes(null, []);
    const r = await env!.run('products.prices');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    expect(fixedPrices(grossistes)).toEqual({ [changed]: '1.11', [own]: '2.22' });
  });

  test('a mapped group without any price list (its customers pay the base price) blocks no clean-up', async () => {
    const { grossistes, changed, own } = await exported();
    // Grossistes unmapped; "Particuliers" mapped to a price category holding no price, no list in Shopify.
    const db = new Database(env!.db);
    db.prepare('DELETE FROM article_prices WHERE price_category_id = 2').run();
    db.close();
    env!.editProfile((p) => ({
      ...p,
      customers: { ...p.customers, groups: { ...p.customers.groups, mapping: [GROUPS[0]!, { priceCategoryId: 2, shopGroup: 'Particuliers', taxDisplay: 'HT' as const }] } },
      shop: { ...p.shop, shopify: { ...p.shop.shopify, priceLists: [] } },
    }));
    const r = await env!.run('products.prices');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    expect(fixedPrices(grossistes)).toEqual({ [changed]: '1.11', [own]: '2.22' });
    expect(r.lines.filter((l) => l.includes('Particuliers'))).toEqual([]);
  });

  test('a run of some articles (codes) only touches those; the next full run deletes the rest', async () => {
    const { grossistes, sent, changed, own } = await exported();
    remapGrossistes(null, []);
    const some = await env!.run('products.prices', { codes: ['AR0003'] });
    expect(some.record.status, some.lines.join('\n')).toBe('succeeded');
    const { AR0003: gone, ...rest } = fixedPrices(grossistes);
    expect(gone).toBeUndefined();
    expect(rest).toEqual({ ...Object.fromEntries(Object.entries(sent).filter(([sku]) => sku !== 'AR0003')), [changed]: '1.11', [own]: '2.22' });
    expect(staleLine(some, 'Tarif grossistes B2B')).toEqual([expect.stringMatching(/ : 1$/)]);

    const all = await env!.run('products.prices');
    expect(all.record.status, all.lines.join('\n')).toBe('succeeded');
    expect(fixedPrices(grossistes)).toEqual({ [changed]: '1.11', [own]: '2.22' });
  });

  test('the list renamed in Shopify: its group finds no list, and Passerelle\'s prices stay in it until the profile names it again', async () => {
    const { grossistes, sent, changed, own } = await exported();
    env!.sim.state.priceLists.get(Number(grossistes.split('/').pop()))!.name = 'Grossistes 2027';
    await env!.gescom((g) => g.setPrice('AR0003', 4, '3.00'));
    const r = await env!.run('products.prices');
    expect(r.record.status, r.lines.join('\n')).toBe('partial');
    expect(r.lines.filter((l) => l.startsWith('--> Erreur'))).toEqual([expect.stringMatching(/^--> Erreur : article AR0003 : prix du groupe « Grossistes » non envoyés : aucune liste de prix Shopify « Tarif grossistes B2B »/)]);
    expect(r.lines.filter((l) => l.includes('laissés dans les listes de prix'))).toEqual([
      expect.stringMatching(/^--> Avertissement : prix de groupe de Passerelle plus demandés laissés dans les listes de prix où aucun groupe ne mène plus \(Grossistes 2027\) : la liste du groupe « Grossistes » est introuvable/),
    ]);
    expect(fixedPrices(grossistes)).toEqual({ ...sent, [changed]: '1.11', [own]: '2.22' });

    env!.editProfile((p) => ({ ...p, shop: { ...p.shop, shopify: { ...p.shop.shopify, priceLists: [{ group: 'Grossistes', priceList: 'Grossistes 2027' }] } } }));
    const fixed = await env!.run('products.prices');
    expect(fixed.record.status, fixed.lines.join('\n')).toBe('succeeded');
    expect(fixedPrices(grossistes)).toEqual({ ...sent, AR0003: '3.17', [changed]: '1.11', [own]: '2.22' });
  });

  test('the list was deleted in Shopify: one warning, the run succeeds, the list is forgotten', async () => {
    const { revendeurs, grossistes, revendeursBefore } = await exported();
    remapGrossistes(null, []);
    env!.sim.state.priceLists.delete(Number(grossistes.split('/').pop()));
    const r = await env!.run('products.prices');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    expect(r.lines.filter((l) => l.includes('Tarif grossistes B2B'))).toEqual([
      `--> Avertissement : la liste de prix « Tarif grossistes B2B » (${grossistes}), où Passerelle avait envoyé des prix de groupe, n’existe plus dans Shopify : Passerelle l’oublie`,
    ]);
    expect(r.byField.priceListFixedPricesUpdate ?? 0).toBe(0);
    expect(fixedPrices(revendeurs)).toEqual(revendeursBefore);

    // Forgotten: the next runs say nothing of it.
    await env!.gescom((g) => g.setPrice('AR0003', 3, '4.50'));
    const next = await env!.run('products.prices');
    expect(next.record.status, next.lines.join('\n')).toBe('succeeded');
    expect(next.lines.filter((l) => l.includes('Tarif grossistes B2B'))).toEqual([]);
    expect(fixedPrices(revendeurs).AR0003).toBe('4.75');
  });
});

describe('simulator: price lists', () => {
  let sim: ShopifySimulator;
  afterEach(async () => {
    await sim?.close();
  });

  const ADD = 'mutation($id: ID!, $p: [PriceListPriceInput!]!) { priceListFixedPricesAdd(priceListId: $id, prices: $p) { prices { price { amount } } userErrors { field code } } }';

  async function withVariant(b2b: boolean): Promise<{ list: string; variantId: string }> {
    sim = await startShopifySimulator({ port: 0, b2b });
    const p = sim.graphql('mutation { productSet(synchronous: true, input: { title: "T", productOptions: [{ name: "Title", values: [{ name: "Default Title" }] }], variants: [{ optionValues: [{ optionName: "Title", name: "Default Title" }], price: "10.00", sku: "S1" }] }) { product { variants(first: 1) { nodes { id } } } } }');
    const variantId = (p.data as { productSet: { product: { variants: { nodes: { id: string }[] } } } }).productSet.product.variants.nodes[0]!.id;
    return { list: addPriceList({ state: sim.state }, 'Revendeurs'), variantId };
  }

  test('userErrors: unknown variant, currency mismatch, no fixed price to delete, unknown list; a refused batch applies nothing', async () => {
    const { list, variantId } = await withVariant(true);
    const r = sim.graphql(ADD, { id: list, p: [
      { variantId, price: { amount: '8.00', currencyCode: 'EUR' } },
      { variantId: 'gid://shopify/ProductVariant/999', price: { amount: '8.00', currencyCode: 'EUR' } },
      { variantId, price: { amount: '8.00', currencyCode: 'USD' } },
    ] });
    expect((r.data as any).priceListFixedPricesAdd.userErrors).toEqual([
      { field: ['prices', '1', 'variantId'], code: 'VARIANT_NOT_FOUND' },
      { field: ['prices', '2', 'price', 'currencyCode'], code: 'PRICE_LIST_CURRENCY_MISMATCH' },
    ]);
    expect(sim.state.priceLists.get(Number(list.split('/').pop()))!.fixed.size).toBe(0);
    const del = sim.graphql('mutation($id: ID!, $v: [ID!]!) { priceListFixedPricesDelete(priceListId: $id, variantIds: $v) { userErrors { field code } } }', { id: list, v: [variantId] });
    expect((del.data as any).priceListFixedPricesDelete.userErrors).toEqual([{ field: ['variantIds', '0'], code: 'VARIANT_NOT_FOUND' }]);
    const none = sim.graphql(ADD, { id: 'gid://shopify/PriceList/1', p: [] });
    expect((none.data as any).priceListFixedPricesAdd.userErrors).toEqual([{ field: ['priceListId'], code: 'PRICE_LIST_NOT_FOUND' }]);
    const ok = sim.graphql(ADD, { id: list, p: [{ variantId, price: { amount: '8.00', currencyCode: 'EUR' } }] });
    expect((ok.data as any).priceListFixedPricesAdd).toEqual({ prices: [{ price: { amount: '8.0' } }], userErrors: [] });
  });

  const httpTo = (s: ShopifySimulator) => new HttpClient({ baseUrl: `${s.url}/admin/api/2026-10/`, timeoutMs: 5000, delayMs: 0, maxTries: 1, userAgent: 't', auth: staticTokenAuth(s.adminToken) });

  test('the adapter: a price Shopify refuses fails its article alone, the others of the batch land', async () => {
    const { list, variantId } = await withVariant(true);
    const warnings: unknown[] = [];
    let capability: boolean | undefined;
    const lists = new ShopifyPriceLists({ gql: new ShopifyGraphql(httpTo(sim)), mapping: [], groups: [], memory: mapMemory(), warn: (m) => warnings.push(m), onCapability: (b) => { capability = b; } });
    const failures = await lists.write([
      { key: 'GONE', sku: 'GONE', variantId: 'gid://shopify/ProductVariant/999', groups: [{ group: 'revendeurs', priceCategoryId: 3, price: '7.00' }] },
      { key: 'S1', sku: 'S1', variantId, groups: [{ group: 'Revendeurs', priceCategoryId: 3, price: '8.50' }] },
    ]);
    expect([...failures.keys()]).toEqual(['GONE']);
    expect(JSON.stringify(failures.get('GONE'))).toMatch(/pricesToAdd\.0\.variantId/);
    expect(sim.state.priceLists.get(Number(list.split('/').pop()))!.fixed.get(Number(variantId.split('/').pop()))).toEqual({ price: '8.5', compareAtPrice: null });
    expect([capability, warnings]).toEqual([true, []]);
  });

  /** A Shopify that names one refused input per answer (whether it names them all at once is not documented). */
  class OneErrorAtATime extends ShopifyGraphql {
    override async run<T>(doc: ShopifyDocument, variables: Record<string, unknown>, entity: string): Promise<T> {
      const d = await super.run<T>(doc, variables, entity);
      if (doc !== PRICE_LIST_FIXED_PRICES_UPDATE) return d;
      const p = (d as { priceListFixedPricesUpdate: { userErrors: UserError[] } }).priceListFixedPricesUpdate;
      return { priceListFixedPricesUpdate: { ...p, userErrors: p.userErrors.slice(0, 1) } } as T;
    }
  }

  test('the adapter: refused inputs named one per answer, the batch is sent again until the valid prices land', async () => {
    const { list, variantId } = await withVariant(true);
    const lists = new ShopifyPriceLists({ gql: new OneErrorAtATime(httpTo(sim)), mapping: [], groups: ['Revendeurs'], memory: mapMemory(), warn: () => {}, onCapability: () => {} });
    const group = (price: string) => [{ group: 'Revendeurs', priceCategoryId: 3, price }];
    const failures = await lists.write([
      { key: 'GONE1', sku: 'GONE1', variantId: 'gid://shopify/ProductVariant/998', groups: group('7.00') },
      { key: 'GONE2', sku: 'GONE2', variantId: 'gid://shopify/ProductVariant/999', groups: group('7.00') },
      { key: 'S1', sku: 'S1', variantId, groups: group('8.50') },
    ]);
    expect([...failures.keys()].sort()).toEqual(['GONE1', 'GONE2']);
    expect(sim.state.priceLists.get(Number(list.split('/').pop()))!.fixed.get(Number(variantId.split('/').pop()))).toEqual({ price: '8.5', compareAtPrice: null });
    expect(sim.stats.byField.priceListFixedPricesUpdate).toBe(3);
  });

  /** A Shopify where the merchant deletes one fixed price between Passerelle's read and its call. */
  class MerchantDeletesFirst extends ShopifyGraphql {
    constructor(http: HttpClient, private readonly list: string, private readonly variantId: string) {
      super(http);
    }
    override async run<T>(doc: ShopifyDocument, variables: Record<string, unknown>, entity: string): Promise<T> {
      if (doc === PRICE_LIST_FIXED_PRICES_UPDATE) sim.state.priceLists.get(Number(this.list.split('/').pop()))!.fixed.delete(Number(this.variantId.split('/').pop()));
      return super.run<T>(doc, variables, entity);
    }
  }

  test('the adapter: 300 prices left in a list no group leads to any more are deleted 250 a call; one the merchant deleted meanwhile fails naming its SKU and the list', async () => {
    sim = await startShopifySimulator({ port: 0, b2b: true });
    const values = Array.from({ length: 300 }, (_, i) => `T${i + 1}`);
    const made = sim.graphql(`mutation($v: [ProductVariantSetInput!]) { productSet(synchronous: true, input: { title: "T", productOptions: [{ name: "Taille", values: [${values.map((v) => `{ name: "${v}" }`).join(', ')}] }], variants: $v }) { userErrors { message } } }`,
      { v: values.map((v) => ({ optionValues: [{ optionName: 'Taille', name: v }], price: '10.00', sku: `S-${v}` })) });
    expect(made.errors).toBeUndefined();
    const variants = [...sim.state.variants.values()].filter((v) => v.sku?.startsWith('S-'));
    expect(variants).toHaveLength(300);
    const list = addPriceList({ state: sim.state }, 'Revendeurs');
    const fixed = () => sim.state.priceLists.get(Number(list.split('/').pop()))!.fixed;
    const memory = mapMemory();
    const items = (priced: boolean) => variants.map((v) => ({
      key: v.sku!, sku: v.sku!, variantId: `gid://shopify/ProductVariant/${v.id}`, groups: priced ? [{ group: 'Revendeurs', priceCategoryId: 3, price: '8.00' }] : [],
    }));
    const sent = await new ShopifyPriceLists({ gql: new ShopifyGraphql(httpTo(sim)), mapping: [], groups: ['Revendeurs'], memory, warn: () => {}, onCapability: () => {} }).write(items(true));
    expect([...sent.keys()]).toEqual([]);
    expect(fixed().size).toBe(300);

    // The group is no longer mapped; the merchant deletes one of Passerelle's prices just before the deletes go.
    const first = items(false)[0]!;
    const warnings: string[] = [];
    sim.resetStats();
    const lists = new ShopifyPriceLists({
      gql: new MerchantDeletesFirst(httpTo(sim), list, first.variantId), mapping: [], groups: [], memory, warn: (m) => warnings.push(typeof m === 'string' ? m : render(m, 'en')), onCapability: () => {},
    });
    const failures = await lists.write(items(false));
    expect(fixed().size).toBe(0);
    // 250, refused whole for the one gone, the 249 others again; then the last 50.
    expect(sim.stats.byField.priceListFixedPricesUpdate).toBe(3);
    expect([...failures.keys()]).toEqual([first.key]);
    expect(render(failures.get(first.key) as Text, 'en')).toMatch(new RegExp(`^group price of variant ${first.sku} not removed from price list "Revendeurs": variantIdsToDelete\\.0 : `));
    expect(warnings).toEqual(['group prices removed from price list "Revendeurs" (sent by Passerelle, no longer wanted): 299']);
  });

  test('a shop without B2B: entitlement false, fixed-price mutations denied', async () => {
    const { list, variantId } = await withVariant(false);
    expect(sim.graphql('{ shop { entitlements { b2b { enabled } } } }').data).toEqual({ shop: { entitlements: { b2b: { enabled: false } } } });
    const r = sim.graphql(ADD, { id: list, p: [{ variantId, price: { amount: '8.00', currencyCode: 'EUR' } }] });
    expect((r.errors as { extensions: { code: string } }[])[0]!.extensions.code).toBe('ACCESS_DENIED');
  });
});
