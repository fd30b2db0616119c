/**
 * Stock to Shopify (ART-09): `inventorySetQuantities` on the profile's location, or on each
 * location the profile maps depots to (each quantity carries its own locationId, so one call
 * takes up to 250 of them across locations), each with `changeFromQuantity` = the quantity read just before (Shopify
 * refuses the call with CHANGE_FROM_QUANTITY_STALE when an order moved it meanwhile: nothing is
 * double-counted, the next run reads and sends again) and the `@idempotent` key 2026-10 requires,
 * so a retried call is applied once. Quantities already right are not sent at all.
 */
import crypto from 'node:crypto';
import { chunk } from '../../http/batch.js';
import { msg, type Text } from '../../i18n/catalogue.js';
import { INVENTORY_ACTIVATE, INVENTORY_LEVELS, INVENTORY_SET } from './documents.js';
import { ShopifyUserErrors, userErrorList, type ShopifyGraphql, type UserError } from './graphql-client.js';

export const MAX_QUANTITIES = 250;

export interface StockItem {
  key: string;
  sku: string;
  inventoryItemId: string;
  locationId: string;
  /** Named in the messages: with several locations, the SKU alone does not say which level failed. */
  locationName: string;
  quantity: number;
}

export interface StockOutcome {
  key: string;
  ok: boolean;
  /** false: already right, nothing sent. */
  sent: boolean;
  error: string | Text | null;
}

interface Level { id: string; tracked: boolean; inventoryLevel: { quantities: { name: string; quantity: number }[] } | null }

/** The `available` quantity of each item at one location; null when the item is not stocked there. */
export async function readAvailable(gql: ShopifyGraphql, ids: string[], locationId: string): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  for (const part of chunk([...new Set(ids)], MAX_QUANTITIES)) {
    const data = await gql.run<{ nodes: (Level | null)[] }>(INVENTORY_LEVELS, { ids: part, locationId }, 'stock');
    for (const n of data.nodes) {
      if (!n) continue;
      // Not stocked at the location yet: null, which changeFromQuantity takes as "no compare".
      out.set(n.id, n.inventoryLevel?.quantities.find((q) => q.name === 'available')?.quantity ?? null);
    }
  }
  return out;
}

const levelKey = (i: { inventoryItemId: string; locationId: string }) => `${i.inventoryItemId}@${i.locationId}`;

/** The quantities the items' levels hold, read one location at a time (the query takes one location). */
async function readLevels(gql: ShopifyGraphql, items: StockItem[]): Promise<Map<string, number | null>> {
  const out = new Map<string, number | null>();
  const byLocation = new Map<string, string[]>();
  for (const i of items) byLocation.set(i.locationId, [...(byLocation.get(i.locationId) ?? []), i.inventoryItemId]);
  for (const [locationId, ids] of byLocation) {
    for (const [id, q] of await readAvailable(gql, ids, locationId)) out.set(levelKey({ inventoryItemId: id, locationId }), q);
  }
  return out;
}

export async function setQuantities(gql: ShopifyGraphql, items: StockItem[], newKey: () => string = crypto.randomUUID): Promise<StockOutcome[]> {
  const current = await readLevels(gql, items);
  const out: StockOutcome[] = [];
  const refused = new Set<string>();
  // An item not stocked at the location yet is activated there first (quantity 0): inventorySetQuantities documents no
  // error for that case, so whether it would stock the item itself is not relied on.
  for (const i of items) {
    const k = levelKey(i);
    if (current.has(k) && current.get(k) === null) {
      try {
        await gql.mutate(INVENTORY_ACTIVATE, { item: i.inventoryItemId, location: i.locationId, key: newKey() }, `article ${i.key}`, 'inventoryActivate');
        current.set(k, 0);
      } catch (err) {
        // Refused (inactive location…): that level fails alone, with Shopify's reason.
        refused.add(k);
        const reason = err instanceof ShopifyUserErrors ? userErrorList(err.userErrors) : (err as Error).message;
        out.push({ key: i.key, ok: false, sent: false, error: msg('shopify.activateRefused', { sku: i.sku, location: i.locationName, errors: reason }) });
      }
    }
  }
  const toSend = items.filter((i) => {
    if (refused.has(levelKey(i))) return false;
    if (current.has(levelKey(i)) && current.get(levelKey(i)) === i.quantity) {
      out.push({ key: i.key, ok: true, sent: false, error: null });
      return false;
    }
    return true;
  });
  for (const part of chunk(toSend, MAX_QUANTITIES)) {
    const quantities = part.map((i) => ({
      inventoryItemId: i.inventoryItemId, locationId: i.locationId, quantity: i.quantity,
      changeFromQuantity: current.get(levelKey(i)) ?? null,
    }));
    try {
      const data = await gql.run<{ inventorySetQuantities: { userErrors: (UserError & { code?: string | null })[] } }>(INVENTORY_SET, {
        input: { name: 'available', reason: 'correction', referenceDocumentUri: 'gid://passerelle/StockSync/1', quantities },
        // One key per call: a retry of the same call reuses it (the HTTP client resends the same body).
        key: newKey(),
      }, 'stock');
      const errors = data.inventorySetQuantities.userErrors;
      // Errors name the quantity by index ("input", "quantities", "3", …).
      const failed = new Map<number, UserError & { code?: string | null }>();
      for (const e of errors) {
        const idx = (e.field ?? []).map(Number).find((n) => Number.isInteger(n));
        if (idx !== undefined) failed.set(idx, e);
      }
      part.forEach((i, n) => {
        // Whether Shopify applies the rest of a call with errors is not documented: the others are reported
        // failed too, and the next run reads them again and sends only what is still wrong.
        const e = failed.get(n) ?? errors[0];
        if (!e) out.push({ key: i.key, ok: true, sent: true, error: null });
        else if (e.code === 'CHANGE_FROM_QUANTITY_STALE') out.push({ key: i.key, ok: false, sent: true, error: msg('shopify.staleQuantity', { sku: i.sku, location: i.locationName, code: e.code }) });
        else out.push({ key: i.key, ok: false, sent: true, error: msg('shopify.levelRefused', { sku: i.sku, location: i.locationName, errors: userErrorList([e]) }) });
      });
    } catch (err) {
      const text = err instanceof ShopifyUserErrors ? err.text ?? err.message : (err as Error).message;
      for (const i of part) out.push({ key: i.key, ok: false, sent: true, error: text });
    }
  }
  return out;
}
