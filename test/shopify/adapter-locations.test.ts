/**
 * Stock per Shopify location mapped from GesCom depots (shop.shopify.locations, ART-09): each
 * mapped location holds its own depots' quantity from the creation on (productSet
 * inventoryQuantities), a stock run sends only the level that changed (changeFromQuantity, one
 * inventorySetQuantities call across locations), an unmapped depot is ignored, a location the shop
 * does not have (or has deactivated) fails naming the option's field, and a reconciliation compares
 * and corrects each location. Rows naming one location differently (capitalisation, gid) are that
 * location's: summed into its one level, compared once. Without mapping nothing changes (one
 * location, depots summed).
 */
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { validateProfile } from '../../src/profile/options.js';
import type { Profile } from '../../src/profile/schema.js';
import { heldStock, stockDrift, stockLessPending } from '../../src/sync/engine/reconcile.js';
import { locationQuantities } from '../../src/sync/mapping/stock.js';
import { ShopifyEnv, removeSampleDb } from './adapter-support.js';

// The sample company: AR0001 has 35 in depot 0001 and 10 in 0002; AR0003 120 and -24; AR0004 48 and AR0014 (a PULL variation) 10 in 0001 only.
const LOCATIONS = [{ name: 'Entrepôt Lyon' }, { name: 'Magasin Paris', city: 'Paris', zip: '75002' }, { name: 'Ancien dépôt', isActive: false }];
const TWO = [{ depot: '0001', location: 'Entrepôt Lyon' }, { depot: '0002', location: 'Magasin Paris' }];

let env: ShopifyEnv;
afterEach(async () => {
  await env?.close();
});
afterAll(removeSampleDb);

async function start(locations: { depot: string; location: string }[], shopify: Record<string, unknown> = {}): Promise<void> {
  env = await ShopifyEnv.start({ locations: LOCATIONS }, { locations, ...shopify });
}

function locationId(name: string): string {
  const all = env.query<{ locations: { nodes: { id: string; name: string }[] } }>('{ locations(first: 10, includeInactive: true) { nodes { id name } } }');
  return all.locations.nodes.find((l) => l.name === name)!.id;
}

/** The SKU's inventory item. */
function inventoryItem(sku: string): string {
  return env.query<{ productVariants: { nodes: { inventoryItem: { id: string } }[] } }>(
    'query($q: String) { productVariants(first: 1, query: $q) { nodes { inventoryItem { id } } } }', { q: `sku:${sku}` }).productVariants.nodes[0]!.inventoryItem.id;
}

/** Someone (or an order) sets the level in Shopify, outside Passerelle. */
function setByHand(item: string, location: string, quantity: number, key: string): void {
  env.query(`mutation($q: [InventoryQuantityInput!]!) { inventorySetQuantities(input: { name: "available", reason: "correction", quantities: $q }) @idempotent(key: "${key}") { userErrors { message } } }`,
    { q: [{ inventoryItemId: item, locationId: locationId(location), quantity, changeFromQuantity: null }] });
}

/** Location name -> available quantity of the SKU, as the shop holds it (only the locations where it is stocked). */
function levels(sku: string): Record<string, number> {
  const d = env.query<{ productVariants: { nodes: { sku: string; inventoryItem: { inventoryLevels: { nodes: { location: { name: string }; quantities: { quantity: number }[] }[] } } }[] } }>(
    `query($q: String) { productVariants(first: 5, query: $q) { nodes { sku inventoryItem { inventoryLevels(first: 10) { nodes {
      location { name } quantities(names: ["available"]) { quantity } } } } } } }`, { q: `sku:${sku}` });
  const v = d.productVariants.nodes.find((x) => x.sku === sku);
  if (!v) throw new Error(`no variant ${sku}`);
  return Object.fromEntries(v.inventoryItem.inventoryLevels.nodes.map((l) => [l.location.name, l.quantities[0]!.quantity]));
}

/** The inventory changes of the last adjustment group (what the last inventorySetQuantities applied). */
function lastChanges(): { location: string; sku: string; delta: number; after: number }[] {
  const groups = [...env.sim.state.adjustmentGroups.values()];
  const last = groups[groups.length - 1]!;
  return last.changes.filter((c) => c.name === 'available').map((c) => ({
    location: env.sim.state.locations.get(c.locationId)!.name,
    sku: env.sim.state.variants.get(env.sim.state.inventoryItems.get(c.inventoryItemId)!.variantId)!.sku!,
    delta: c.delta, after: c.quantityAfterChange,
  }));
}

describe('stock per location from GesCom depots', () => {
  test('two depots -> two locations from the creation on; a run with nothing changed sends nothing', async () => {
    await start(TWO);
    const r = await env.run('products.export');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    expect(levels('AR0001')).toEqual({ 'Entrepôt Lyon': 35, 'Magasin Paris': 10 });
    // Negative depot stock goes as 0 (stock.sendNegative off), as the summed quantity would.
    expect(levels('AR0003')).toEqual({ 'Entrepôt Lyon': 120, 'Magasin Paris': 0 });
    // No stock in 0002: the Paris location holds 0, not nothing.
    expect(levels('AR0004')).toEqual({ 'Entrepôt Lyon': 48, 'Magasin Paris': 0 });
    // A variation of the PULL group too (its productSet variant carries both locations).
    expect(levels('AR0014')).toEqual({ 'Entrepôt Lyon': 10, 'Magasin Paris': 0 });
    expect(r.byField.inventorySetQuantities ?? 0).toBe(0);

    const again = await env.run('products.stocks');
    expect(again.record.status, again.lines.join('\n')).toBe('succeeded');
    expect(again.byField.inventorySetQuantities ?? 0).toBe(0);
    expect(again.byField.inventoryActivate ?? 0).toBe(0);
  });

  test("a stock run after one depot's stock changed sends only that level, from the quantity the shop held", async () => {
    await start(TWO);
    await env.run('products.export');
    await env.gescom((g) => g.setStock('AR0001', '0002', { real: '14' }));
    const r = await env.run('products.stocks');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    expect(r.byField.inventorySetQuantities).toBe(1);
    // One quantity: Paris from 10 (changeFromQuantity, else the shop refuses it as stale) to 14; Lyon untouched.
    expect(lastChanges()).toEqual([{ location: 'Magasin Paris', sku: 'AR0001', delta: 4, after: 14 }]);
    expect(levels('AR0001')).toEqual({ 'Entrepôt Lyon': 35, 'Magasin Paris': 14 });

    // Both depots of two articles change: one call carries the quantities of both locations.
    await env.gescom(async (g) => {
      await g.setStock('AR0001', '0001', { real: '30' });
      await g.setStock('AR0003', '0002', { real: '5' });
    });
    const both = await env.run('products.stocks');
    expect(both.byField.inventorySetQuantities).toBe(1);
    expect(lastChanges().sort((a, b) => a.sku.localeCompare(b.sku))).toEqual([
      { location: 'Entrepôt Lyon', sku: 'AR0001', delta: -5, after: 30 },
      { location: 'Magasin Paris', sku: 'AR0003', delta: 5, after: 5 },
    ]);
  });

  test('an unmapped depot is ignored: not written, and its changes send nothing', async () => {
    await start([{ depot: '0001', location: 'Magasin Paris' }]);
    const r = await env.run('products.export');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    // Depot 0001 only, at Paris; Lyon is where Shopify stocks a new variant (at 0), left as it is.
    expect(levels('AR0001')).toEqual({ 'Entrepôt Lyon': 0, 'Magasin Paris': 35 });
    await env.gescom((g) => g.setStock('AR0001', '0002', { real: '99' }));
    const s = await env.run('products.stocks');
    expect(s.record.status, s.lines.join('\n')).toBe('succeeded');
    expect(s.byField.inventorySetQuantities ?? 0).toBe(0);
    expect(levels('AR0001')).toEqual({ 'Entrepôt Lyon': 0, 'Magasin Paris': 35 });
  });

  test('a location mapped after the export is stocked there first (inventoryActivate), then set', async () => {
    await start([]);
    await env.run('products.export');
    expect(levels('AR0001')).toEqual({ 'Entrepôt Lyon': 35 });
    env.editProfile((p) => withLocations(p, TWO));
    await env.gescom((g) => g.setStock('AR0015', '0002', { real: '3' }));
    const r = await env.run('products.stocks');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    expect(r.byField.inventoryActivate).toBeGreaterThan(0);
    expect(levels('AR0001')).toEqual({ 'Entrepôt Lyon': 35, 'Magasin Paris': 10 });
    expect(levels('AR0015')).toEqual({ 'Entrepôt Lyon': 5, 'Magasin Paris': 3 });
  });

  test('an unknown or deactivated location fails naming the option field; shop check says it', async () => {
    await start([{ depot: '0001', location: 'Entrepôt Lyon' }, { depot: '0002', location: 'Marseille' }]);
    const r = await env.run('products.export');
    expect(r.record.status).not.toBe('succeeded');
    expect(r.byField.productSet ?? 0).toBe(0);
    const line = r.lines.find((l) => l.includes('article AR0001'));
    expect(line, r.lines.join('\n')).toMatch(/shop\.shopify\.locations\.1\.location : emplacement Shopify « Marseille » \(dépôt 0002\) introuvable \(emplacements actifs : Entrepôt Lyon, Magasin Paris\)/);

    const check = await env.run('shop.check');
    expect(check.lines.join('\n')).toMatch(/shop\.shopify\.locations\.1\.location : emplacement Shopify « Marseille »/);

    env.editProfile((p) => withLocations(p, [{ depot: '0002', location: locationId('Ancien dépôt') }]));
    const inactive = await env.run('shop.check');
    expect(inactive.lines.join('\n')).toMatch(/shop\.shopify\.locations\.0\.location : l’emplacement Shopify « gid:\/\/shopify\/Location\/\d+ » \(dépôt 0002\) est désactivé/);

    env.editProfile((p) => withLocations(p, TWO));
    const ok = await env.run('shop.check');
    expect(ok.lines.join('\n')).toMatch(/0001 -> Entrepôt Lyon \(gid:\/\/shopify\/Location\/\d+\), 0002 -> Magasin Paris/);
  });

  test('a reconciliation compares each location and corrects only the one that drifted', async () => {
    await start(TWO);
    await env.run('products.export');
    // Someone sets Paris by hand in Shopify.
    const item = inventoryItem('AR0001');
    setByHand(item, 'Magasin Paris', 3, 'by-hand');
    const plain = await env.run('products.stocks');
    expect(plain.byField.inventorySetQuantities ?? 0).toBe(0);
    const r = await env.run('products.stocks', { reconcile: true });
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    expect(r.lines.join('\n')).toMatch(/article AR0001 : stock boutique à l’emplacement Magasin Paris 3 ≠ 10 attendu/);
    expect(r.byField.inventorySetQuantities).toBe(1);
    expect(lastChanges()).toEqual([{ location: 'Magasin Paris', sku: 'AR0001', delta: 7, after: 10 }]);
  });

  test('rows naming one location differently (capitalisation, gid) are summed into its one level; stock runs and reconcile stay exact', async () => {
    await start([{ depot: '0001', location: 'Magasin Paris' }, { depot: '0002', location: 'magasin paris' }]);
    const r = await env.run('products.export');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    // 35 + 10 at Paris (Lyon is where Shopify stocks a new variant, at 0), not one spelling's quantity.
    expect(levels('AR0001')).toEqual({ 'Entrepôt Lyon': 0, 'Magasin Paris': 45 });
    expect(levels('AR0003')).toEqual({ 'Entrepôt Lyon': 0, 'Magasin Paris': 120 });
    // The shop's level is compared with the sum, once: nothing drifts, nothing is sent.
    const check = await env.run('products.stocks', { reconcile: true });
    expect(check.record.status, check.lines.join('\n')).toBe('succeeded');
    expect(check.lines.join('\n')).not.toMatch(/stock boutique/);
    expect(check.byField.inventorySetQuantities ?? 0).toBe(0);

    // The same location by its gid: one quantity, the sum, from the level the shop held.
    env.editProfile((p) => withLocations(p, [{ depot: '0001', location: 'Magasin Paris' }, { depot: '0002', location: locationId('Magasin Paris') }]));
    await env.gescom((g) => g.setStock('AR0001', '0002', { real: '14' }));
    const s = await env.run('products.stocks');
    expect(s.record.status, s.lines.join('\n')).toBe('succeeded');
    expect(s.byField.inventorySetQuantities).toBe(1);
    expect(lastChanges()).toEqual([{ location: 'Magasin Paris', sku: 'AR0001', delta: 4, after: 49 }]);
    expect(levels('AR0001')).toEqual({ 'Entrepôt Lyon': 0, 'Magasin Paris': 49 });

    // Set by hand in Shopify: the reconciliation names the location once, with the sum, and corrects it.
    const item = inventoryItem('AR0001');
    setByHand(item, 'Magasin Paris', 3, 'by-hand');
    const fix = await env.run('products.stocks', { reconcile: true });
    expect(fix.record.status, fix.lines.join('\n')).toBe('succeeded');
    expect(fix.lines.filter((l) => l.includes('stock boutique'))).toEqual([expect.stringMatching(/article AR0001 : stock boutique à l’emplacement Magasin Paris 3 ≠ 49 attendu/)]);
    expect(lastChanges()).toEqual([{ location: 'Magasin Paris', sku: 'AR0001', delta: 46, after: 49 }]);

    const shop = await env.run('shop.check');
    expect(shop.lines.join('\n')).toMatch(/0001 \+ 0002 -> Magasin Paris \(gid:\/\/shopify\/Location\/\d+\)/);
  });

  test('a level that changed in Shopify while it was sent fails naming the SKU and the location; the next run sends it', async () => {
    await start(TWO);
    await env.run('products.export');
    await env.gescom((g) => g.setStock('AR0001', '0002', { real: '14' }));
    const item = inventoryItem('AR0001');
    // An order takes 2 at Paris between the read and the write.
    env.sim.faults.add({
      times: 1, kind: 'status5xx',
      match: (_m, _p, fields) => {
        if (fields.includes('inventorySetQuantities')) {
          setByHand(item, 'Magasin Paris', 8, 'sale');
        }
        return false;
      },
    });
    const r = await env.run('products.stocks');
    expect(r.record.status).not.toBe('succeeded');
    expect(r.lines.join('\n')).toMatch(/le stock Shopify de AR0001 à l’emplacement Magasin Paris a changé pendant l’envoi \(CHANGE_FROM_QUANTITY_STALE\)/);
    // Nothing double-counted: the shop keeps what the order left.
    expect(levels('AR0001')).toEqual({ 'Entrepôt Lyon': 35, 'Magasin Paris': 8 });
    env.sim.faults.clear();
    const again = await env.run('products.stocks');
    expect(again.record.status, again.lines.join('\n')).toBe('succeeded');
    expect(levels('AR0001')).toEqual({ 'Entrepôt Lyon': 35, 'Magasin Paris': 14 });
  });

  test('a location Shopify refuses to stock an item at fails naming the SKU and the location', async () => {
    await start([]);
    await env.run('products.export');
    env.editProfile((p) => withLocations(p, TWO));
    // Deactivated after the run resolved the locations, before it stocks the items there.
    env.sim.faults.add({
      times: 1, kind: 'status5xx',
      match: (_m, _p, fields) => {
        if (fields.includes('inventoryActivate')) [...env.sim.state.locations.values()].find((l) => l.name === 'Magasin Paris')!.isActive = false;
        return false;
      },
    });
    const r = await env.run('products.stocks');
    expect(r.record.status).not.toBe('succeeded');
    expect(r.lines.find((l) => l.includes('article AR0001')), r.lines.join('\n'))
      .toMatch(/stock de AR0001 non envoyé : Shopify refuse de le stocker à l’emplacement Magasin Paris \(locationId : The location is deactivated/);
    expect(levels('AR0001')).toEqual({ 'Entrepôt Lyon': 35 });
  });

  test.each([
    ['creates the levels per location', TWO, { 'Entrepôt Lyon': 35, 'Magasin Paris': 10 }],
    ['puts the sum at one location under two spellings', [{ depot: '0001', location: 'Magasin Paris' }, { depot: '0002', location: 'MAGASIN PARIS' }], { 'Entrepôt Lyon': 0, 'Magasin Paris': 45 }],
  ])('bulk path: a bulk productSet %s, a bulk reconcile finds nothing to correct', async (_name, mapping, expected) => {
    await start(mapping, { bulkThreshold: 2 });
    const r = await env.run('products.export');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    expect(r.byField.bulkOperationRunMutation).toBeGreaterThanOrEqual(1);
    expect(levels('AR0001')).toEqual(expected);
    const again = await env.run('products.stocks', { reconcile: true });
    expect(again.record.status, again.lines.join('\n')).toBe('succeeded');
    expect(again.byField.bulkOperationRunQuery).toBe(1);
    expect(again.byField.inventorySetQuantities ?? 0).toBe(0);
  });

  test('without mapping: one location (the first active), the depots summed, as before', async () => {
    await start([]);
    const r = await env.run('products.export');
    expect(r.record.status, r.lines.join('\n')).toBe('succeeded');
    // stock.depots empty: the default depot 0001 only.
    expect(levels('AR0001')).toEqual({ 'Entrepôt Lyon': 35 });
    env.editProfile((p) => ({ ...p, stock: { ...p.stock, depots: ['0001', '0002'] } }));
    const s = await env.run('products.stocks');
    expect(s.byField.inventorySetQuantities).toBe(1);
    expect(levels('AR0001')).toEqual({ 'Entrepôt Lyon': 45 });
  });
});

describe('the option', () => {
  test('a depot mapped twice is refused with the row and field', async () => {
    await start([]);
    const p = withLocations(env.profile(), [...TWO, { depot: '0001', location: 'Magasin Paris' }]);
    expect(() => validateProfile(p)).toThrow(/shop\.shopify\.locations\.2\.depot.*le dépôt 0001 est déjà associé à l’emplacement Entrepôt Lyon/);
    expect(validateProfile(withLocations(env.profile(), [...TWO, { depot: '0003', location: 'Magasin Paris' }])).shop.shopify.locations).toHaveLength(3);
  });
});

function withLocations(p: Profile, locations: { depot: string; location: string }[]): Profile {
  return { ...p, shop: { ...p.shop, shopify: { ...p.shop.shopify, locations } } };
}

describe('per-location rules (engine)', () => {
  const level = (depotCode: string, real: string, reserved = '0') => ({ articleCode: 'A', depotCode, real, reserved, ordered: '0' });
  const settings = { depots: [], kind: 'real' as const, defaultQuantityUntracked: 0, sendNegative: false };
  const mapped = [{ location: 'Lyon', depots: ['0001'] }, { location: 'Paris', depots: ['0002', '0003'] }];

  test.each([
    ['each location its depots, several summed', [level('0001', '35'), level('0002', '10'), level('0003', '2.7')], true, settings, [35, 12]],
    ['negative stock goes as 0 unless sent negative', [level('0001', '5'), level('0002', '-3')], true, settings, [5, 0]],
    ['negative summed before the floor (-3 + 1 = -2)', [level('0001', '5'), level('0002', '-3'), level('0003', '1')], true, { ...settings, sendNegative: true }, [5, -2]],
    ['the stock kind applies per location (available = real - reserved)', [level('0001', '10', '4'), level('0002', '3', '1')], true, { ...settings, kind: 'available' as const }, [6, 2]],
    ['untracked: every location shows the default quantity', [], false, { ...settings, defaultQuantityUntracked: 50 }, [50, 50]],
    ['untracked without default: not managed anywhere', [], false, settings, [null, null]],
  ])('%s', (_name, levels, tracked, s, expected) => {
    expect(locationQuantities(levels, tracked, s, mapped)!.map((l) => l.quantity)).toEqual(expected);
  });

  test('nothing mapped: no per-location quantities (the aspect hash of an unmapped profile is unchanged)', () => {
    expect(locationQuantities([level('0001', '3')], true, settings, [])).toBeNull();
  });

  const profile = (sendNegative: boolean) => ({ stock: { sendNegative } }) as Profile;
  test.each([
    ['pending units come off the locations in the mapping order', 7, false, [{ location: 'Lyon', quantity: 5 }, { location: 'Paris', quantity: 4 }], 2, [0, 2]],
    ['what is left is dropped without negative stock', 12, false, [{ location: 'Lyon', quantity: 5 }, { location: 'Paris', quantity: 4 }], 0, [0, 0]],
    ['what is left comes off the first location with negative stock', 12, true, [{ location: 'Lyon', quantity: 5 }, { location: 'Paris', quantity: 4 }], -3, [-3, 0]],
    ['a location not managed is skipped', 2, false, [{ location: 'Lyon', quantity: null }, { location: 'Paris', quantity: 4 }], 7, [null, 2]],
  ])('%s', (_name, pending, negative, locations, sum, expected) => {
    const stock = { quantity: 9, minQuantity: null, locations };
    const out = stockLessPending(stock, pending, profile(negative));
    expect(out.locations!.map((l) => l.quantity)).toEqual(expected);
    // The summed quantity (9) as before: less the pending units, floored at 0 unless negative stock is sent.
    expect(out.quantity).toBe(sum);
  });
});

describe('one location under several spellings (engine)', () => {
  // "Magasin Paris" (depot 0002) and its gid (depot 0003) are one Shopify location: the shop reports it once, under the first spelling.
  const GID = 'gid://shopify/Location/2';
  const expected = { quantity: 47, minQuantity: null, weight: null, barcode: null, warrantyMonths: null, locations: [{ location: 'Lyon', quantity: 35 }, { location: 'Magasin Paris', quantity: 10 }, { location: GID, quantity: 2 }] };
  const held = (paris: number) => ({
    shopId: 'p', sku: 'A', kind: 'simple' as const, quantity: 35 + paris, regularPrice: '', salePrice: '', active: true, outOfStock: false,
    locations: { Lyon: 35, 'Magasin Paris': paris }, sameLocationAs: { [GID]: 'Magasin Paris' },
  });
  const t = (key: string, params?: Record<string, string | number>) => `${key} ${JSON.stringify(params)}`;
  const profile = { stock: { sendNegative: false } } as Profile;

  test.each([
    ['the level holds the sum of the spellings: no drift', 12, []],
    ['a wrong level is one line, with the sum', 3, ['reconcile.stockAt {"code":"A","location":"Magasin Paris","shop":"3","expected":"12"}']],
  ])('%s', (_name, paris, lines) => {
    expect(stockDrift('A', expected, held(paris), 0, profile, t)?.lines ?? []).toEqual(lines);
  });

  test('the stock the shop rightly holds goes back as the one level, not once per spelling', () => {
    expect(heldStock(expected, held(12)).locations).toEqual([{ location: 'Lyon', quantity: 35 }, { location: 'Magasin Paris', quantity: 12 }]);
  });
});

describe('simulator: locations and levels', () => {
  test('inventoryActivate needs its idempotency key and refuses a deactivated location; inventorySetQuantities answers INVALID_LOCATION there', async () => {
    await start([]);
    await env.run('products.export');
    const item = inventoryItem('AR0001');
    const activate = 'mutation($i: ID!, $l: ID!) { inventoryActivate(inventoryItemId: $i, locationId: $l) { inventoryLevel { id } userErrors { field message } } }';
    expect(env.sim.graphql(activate, { i: item, l: locationId('Magasin Paris') }).errors?.[0]).toMatchObject({ message: expect.stringMatching(/@idempotent directive is required/) });
    const keyed = activate.replace('locationId: $l)', 'locationId: $l) @idempotent(key: "k1")');
    expect(env.query(keyed, { i: item, l: locationId('Magasin Paris') }).inventoryActivate.userErrors).toEqual([]);
    expect(levels('AR0001')).toEqual({ 'Entrepôt Lyon': 35, 'Magasin Paris': 0 });
    const inactive = env.query(keyed.replace('"k1"', '"k2"'), { i: item, l: locationId('Ancien dépôt') }).inventoryActivate;
    expect(inactive).toMatchObject({ inventoryLevel: null, userErrors: [{ field: ['locationId'] }] });
    const set = env.query(`mutation($q: [InventoryQuantityInput!]!) { inventorySetQuantities(input: { name: "available", reason: "correction", quantities: $q }) @idempotent(key: "k3") { userErrors { field code } } }`,
      { q: [{ inventoryItemId: item, locationId: locationId('Ancien dépôt'), quantity: 3, changeFromQuantity: null }] });
    expect(set.inventorySetQuantities.userErrors).toEqual([{ field: ['input', 'quantities', '0', 'locationId'], code: 'INVALID_LOCATION' }]);
  });
});
