/**
 * Stored profiles written in an older format, brought to the current one when read (from the
 * data folder or from a backup). Each step says what changed; a profile without `formatVersion`
 * was written before the field existed (format 1).
 */
import { PROFILE_FORMAT_VERSION } from './schema.js';
import { identityOfShopSection } from '../shops/identity.js';

type Doc = Record<string, unknown>;

const isObject = (v: unknown): v is Doc => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The defaults format 1 wrote into every file, which format 2 changed. */
const V1_REMARK = 'Order %OI of %OD';

/**
 * 1 -> 2: orders.lines.priceMode gained 'auto' as its default, and orders.remarkTemplate's default
 * became '' (the remark in the profile's language). Format 1 wrote every default into the file, so
 * its 'HT' and its English remark cannot be told from ones chosen by hand: they become the new
 * defaults ('auto' builds HT documents for orders entered without tax, as before; see
 * docs/order-prices.md).
 */
function toVersion2(doc: Doc): Doc {
  const orders = doc.orders;
  if (!isObject(orders)) return doc;
  const next: Doc = { ...orders };
  if (isObject(orders.lines) && orders.lines.priceMode === 'HT') next.lines = { ...orders.lines, priceMode: 'auto' };
  if (orders.remarkTemplate === V1_REMARK) next.remarkTemplate = '';
  return { ...doc, orders: next };
}

// ---------------------------------------------------------------------------------------------
// Shop identity (two shops on one GesCom company). Kept apart from the shop-section reshaping:
// renumber this step after it at merge; it reads the store id flat or under `shop.<kind>`.

/**
 * 2 -> 3: `shop.identity`, the shop part of the exactly-once key of orders, is computed from the
 * shop the profile points at (kind, URL, store). An identity already there (set by hand) is kept.
 */
function toVersion3(doc: Doc): Doc {
  const shop = doc.shop;
  if (!isObject(shop) || (typeof shop.identity === 'string' && shop.identity)) return doc;
  const identity = identityOfShopSection(shop);
  return identity ? { ...doc, shop: { ...shop, identity } } : doc;
}

const STEPS: Record<number, (doc: Doc) => Doc> = { 1: toVersion2, 2: toVersion3 };

/** The stored document in the current format (unchanged when it already is); validation comes after. */
export function migrateProfile(raw: unknown): unknown {
  if (!isObject(raw)) return raw;
  const from = raw.formatVersion === undefined ? 1 : raw.formatVersion;
  // A version from the future or not a number: leave it to validation, which names the field.
  if (typeof from !== 'number' || !Number.isInteger(from) || from >= PROFILE_FORMAT_VERSION || from < 1) return raw;
  let doc = raw;
  for (let v = from; v < PROFILE_FORMAT_VERSION; v++) doc = STEPS[v]!(doc);
  return { ...doc, formatVersion: PROFILE_FORMAT_VERSION };
}
