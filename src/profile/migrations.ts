/**
 * Stored profiles written in an older format, brought to the current one when read (from the
 * data folder or from a backup). Each step says what changed; a profile without `formatVersion`
 * was written before the field existed (format 1).
 */
import { createHash } from 'node:crypto';
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

/**
 * Where each flat `shop` field of format 2 goes in format 3, by platform: the first kind listed
 * that is the profile's own kind, else the first one listed (the platform the old description named
 * first). `ftp` went with Oasis only, `apiPath` with BigCommerce only, and so on.
 */
const V2_SHOP_FIELDS: Record<string, readonly (readonly [kind: string, field: string])[]> = {
  key: [['woocommerce', 'key'], ['prestashop', 'key'], ['magento', 'key'], ['wix', 'key'], ['oasis', 'key']],
  secret: [['woocommerce', 'secret'], ['shopify', 'secret'], ['lenewblack', 'secret'], ['magento', 'secret']],
  clientId: [['shopify', 'clientId'], ['lenewblack', 'clientId']],
  accessToken: [['bigcommerce', 'accessToken'], ['magento', 'accessToken'], ['shopify', 'accessToken']],
  tokenSecret: [['magento', 'tokenSecret']],
  apiPath: [['bigcommerce', 'apiPath']],
  // PrestaShop's id_shop is a number, Magento's store view a code.
  shopId: [['prestashop', 'shopId'], ['magento', 'storeCode']],
  mediaUser: [['woocommerce', 'mediaUser']],
  mediaPassword: [['woocommerce', 'mediaPassword']],
  groupsPlugin: [['woocommerce', 'groupsPlugin']],
  ftp: [['oasis', 'ftp']],
};

/** Values format 2 wrote for fields nobody set: they are the defaults of format 3 too, so they need not move. */
function isV2Default(field: string, value: unknown): boolean {
  if (value === undefined || value === '') return true;
  if (field === 'groupsPlugin') return value === 'none';
  if (field === 'ftp') {
    const ftp = isObject(value) ? value : {};
    const defaults: Doc = { host: '', port: 21, user: '', password: '', inFolder: 'in', outFolder: 'out', passive: true, tls: false };
    return Object.entries(ftp).every(([k, v]) => defaults[k] === v);
  }
  return false;
}

/**
 * 2 -> 3: the shop section is keyed on the kind (issue 8). The flat platform fields (key, secret,
 * clientId, accessToken, tokenSecret, apiPath, shopId, mediaUser, mediaPassword, groupsPlugin,
 * ftp) move under `shop.<kind>`: to the profile's own kind when it has that field, else to the
 * platform the field belonged to. Secrets move as stored (encrypted, the ciphertext does not depend
 * on its path) and are decrypted at their new place. A value already under `shop.<kind>` wins.
 */
function toVersion3(doc: Doc): Doc {
  const shop = doc.shop;
  if (!isObject(shop)) return doc;
  const kind = typeof shop.kind === 'string' ? shop.kind : 'none';
  const next: Doc = {};
  for (const [field, value] of Object.entries(shop)) if (!V2_SHOP_FIELDS[field]) next[field] = value;
  for (const [field, value] of Object.entries(shop)) {
    const owners = V2_SHOP_FIELDS[field];
    if (!owners || isV2Default(field, value)) continue;
    let target = owners.find(([k]) => k === kind) ?? owners[0]!;
    if (field === 'shopId' && kind !== 'prestashop' && kind !== 'magento') {
      target = /^[1-9]\d*$/.test(String(value)) ? owners[0]! : owners[1]!;
    }
    const [k, f] = target;
    const section: Doc = isObject(next[k]) ? { ...next[k] } : {};
    if (isV2Default(f, section[f])) section[f] = value;
    next[k] = section;
  }
  return { ...doc, shop: next };
}

// ---------------------------------------------------------------------------------------------
// Shop identity (two shops on one GesCom company), a step of its own after the shop reshaping.

/**
 * 3 -> 4: `shop.identity`, the shop part of the exactly-once key of orders, is computed from the
 * shop the profile points at (kind, URL, store: src/shops/identity.ts). One already there is kept.
 */
function toVersion4(doc: Doc): Doc {
  const shop = doc.shop;
  if (!isObject(shop) || (typeof shop.identity === 'string' && shop.identity)) return doc;
  const identity = identityOfShopSection(shop);
  return identity ? { ...doc, shop: { ...shop, identity } } : doc;
}

// ---------------------------------------------------------------------------------------------
// Scheduled tasks keep an id (issue 9): the scheduler's state (last slot, last run) is keyed on it.

/**
 * The id of a stored task that has none: derived from its place and content rather than drawn at
 * random, because a profile migrated when read is not written back: every read must give the same
 * id until the next save stores it.
 */
function derivedTaskId(task: unknown, index: number): string {
  return createHash('sha256').update(`${index}:${JSON.stringify(task)}`).digest('hex').slice(0, 8);
}

/** Every task of `schedule.tasks` without an id gets one (other entries are left to validation). */
function withTaskIds(doc: Doc): Doc {
  const schedule = doc.schedule;
  if (!isObject(schedule) || !Array.isArray(schedule.tasks)) return doc;
  if (schedule.tasks.every((t) => !isObject(t) || t.id !== undefined)) return doc;
  const tasks = schedule.tasks.map((t: unknown, i) => (isObject(t) && t.id === undefined ? { id: derivedTaskId(t, i), ...t } : t));
  return { ...doc, schedule: { ...schedule, tasks } };
}

/** 4 -> 5: each scheduled task gains its stable `id`; `cron` and `everyMinutes` stay as they were. */
function toVersion5(doc: Doc): Doc {
  return withTaskIds(doc);
}

const STEPS: Record<number, (doc: Doc) => Doc> = { 1: toVersion2, 2: toVersion3, 3: toVersion4, 4: toVersion5 };

/** The stored document in the current format (unchanged when it already is); validation comes after. */
export function migrateProfile(raw: unknown): unknown {
  if (!isObject(raw)) return raw;
  const from = raw.formatVersion === undefined ? 1 : raw.formatVersion;
  // A version from the future or not a number: leave it to validation, which names the field.
  if (typeof from !== 'number' || !Number.isInteger(from) || from > PROFILE_FORMAT_VERSION || from < 1) return raw;
  // A current file edited by hand may hold a task without id: it gets the same one on every read.
  if (from === PROFILE_FORMAT_VERSION) return withTaskIds(raw);
  let doc = raw;
  for (let v = from; v < PROFILE_FORMAT_VERSION; v++) doc = STEPS[v]!(doc);
  return { ...doc, formatVersion: PROFILE_FORMAT_VERSION };
}
