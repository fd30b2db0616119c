/**
 * Locations and inventory: inventorySetQuantities with the 2026-04+ rules — every quantity needs
 * `changeFromQuantity` (explicit null opts out; a stale value fails with CHANGE_FROM_QUANTITY_STALE,
 * nothing applied), and the mutation needs `@idempotent(key:)`: the same key with the same input
 * replays the first result without applying twice; with another input it is refused.
 */
import { GraphQLError, valueFromAST, type GraphQLResolveInfo } from 'graphql';
import { connection, type PageArgs } from './connection.js';
import { iso, requireScope, userError, type Ctx, type UserErrorOut } from './context.js';
import { gid, gidId } from './ids.js';
import { matchDate, matchNumber, matchText, searchFilter } from './search.js';
import type { InventoryItemRec, LocationRec } from './state.js';
import { inventoryItemView, levelView, locationView } from './views-catalog.js';

type Args = PageArgs & Record<string, unknown>;

/** Mutations for which 2026-10 requires the @idempotent directive. */
export const IDEMPOTENT_MUTATIONS = new Set(['inventorySetQuantities', 'inventoryAdjustQuantities', 'inventoryMoveQuantities', 'inventoryActivate', 'refundCreate']);

const MAX_QUANTITY = 1_000_000_000;

export interface IdempotencyRecord { fingerprint: string; result: unknown }

/** The key of the field's @idempotent directive (literal or variable), or undefined. */
export function idempotencyKey(info: GraphQLResolveInfo): string | undefined {
  const node = info.fieldNodes[0];
  const d = node?.directives?.find((x) => x.name.value === 'idempotent');
  const arg = d?.arguments?.find((a) => a.name.value === 'key');
  if (!arg) return undefined;
  const def = info.schema.getDirective('idempotent')?.args.find((a) => a.name === 'key');
  const v = def ? valueFromAST(arg.value, def.type, info.variableValues) : undefined;
  return typeof v === 'string' ? v : undefined;
}

function stable(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stable).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

/**
 * Runs an idempotent mutation: refuses a missing/blank key, replays a known key with the same
 * arguments, refuses it with other arguments (IDEMPOTENCY_KEY_PARAMETER_MISMATCH).
 */
export function withIdempotency<T extends { userErrors: UserErrorOut[] }>(ctx: Ctx, store: Map<string, IdempotencyRecord>, field: string, info: GraphQLResolveInfo, args: unknown, run: () => T, mismatch: () => T): T {
  const key = idempotencyKey(info);
  if (key === undefined) {
    throw new GraphQLError(`The @idempotent directive is required for the ${field} mutation. Add @idempotent(key: "<unique key>") to the field.`, { extensions: { code: 'BAD_REQUEST' } });
  }
  if (!key.trim()) throw new GraphQLError('The idempotency key cannot be an empty string or whitespace only.', { extensions: { code: 'BAD_REQUEST' } });
  const fingerprint = `${field}:${stable(args)}`;
  const previous = store.get(key);
  if (previous) return previous.fingerprint === fingerprint ? previous.result as T : mismatch();
  const result = run();
  store.set(key, { fingerprint, result });
  return result;
}

export function inventoryQueries(ctx: Ctx) {
  const s = ctx.state;
  return {
    locations: (args: Args) => {
      requireScope(ctx, 'locations', 'read_locations');
      let list = [...s.locations.values()];
      if (!args.includeInactive) list = list.filter((l) => l.isActive);
      list = searchFilter(list, args.query as string | undefined, (l: LocationRec, t) => {
        if (t.field === 'name') return matchText(l.name, t);
        if (t.field === 'id') return matchNumber(l.id, t);
        if (t.field === 'active') return String(l.isActive) === t.value;
        if (t.field === undefined) return l.name.toLowerCase().includes(t.value.toLowerCase());
        return undefined;
      });
      const sortKey = args.sortKey === 'ID' ? (l: LocationRec): [string | number, number] => [l.id, l.id] : (l: LocationRec): [string | number, number] => [l.name.toLowerCase(), l.id];
      return connection(list, args, sortKey, (l) => locationView(ctx, l));
    },
    location: (args: { id?: string | null }) => {
      requireScope(ctx, 'location', 'read_locations');
      const l = args.id ? s.locations.get(gidId(args.id, 'Location') ?? -1) : [...s.locations.values()].find((x) => x.isActive);
      return l ? locationView(ctx, l) : null;
    },
    inventoryItems: (args: Args) => {
      requireScope(ctx, 'inventoryItems', 'read_inventory');
      const list = searchFilter(s.inventoryItems.values(), args.query as string | undefined, (i: InventoryItemRec, t) => {
        if (t.field === 'sku') return matchText(s.variants.get(i.variantId)?.sku, t);
        if (t.field === 'id') return matchNumber(i.id, t);
        if (t.field === 'updated_at') return matchDate(i.updatedAt, t);
        if (t.field === 'created_at') return matchDate(i.createdAt, t);
        return undefined;
      });
      return connection(list, args, (i) => [i.id, i.id], (i) => inventoryItemView(ctx, i));
    },
    inventoryItem: (args: { id: string }) => {
      requireScope(ctx, 'inventoryItem', 'read_inventory');
      const i = s.inventoryItems.get(gidId(args.id, 'InventoryItem') ?? -1);
      return i ? inventoryItemView(ctx, i) : null;
    },
    inventoryLevel: (args: { id: string }) => {
      requireScope(ctx, 'inventoryLevel', 'read_inventory');
      const id = gidId(args.id.split('?')[0], 'InventoryLevel');
      const l = [...s.levels.values()].find((x) => x.id === id);
      return l ? levelView(ctx, l) : null;
    },
  };
}

function adjustmentGroupView(ctx: Ctx, id: number) {
  const g = ctx.state.adjustmentGroups.get(id)!;
  return {
    __typename: 'InventoryAdjustmentGroup',
    id: gid('InventoryAdjustmentGroup', g.id),
    reason: g.reason,
    referenceDocumentUri: g.referenceDocumentUri,
    createdAt: iso(g.createdAt),
    app: null,
    staffMember: null,
    changes: (args: { inventoryItemIds?: string[] | null; locationIds?: string[] | null; quantityNames?: string[] | null }) => g.changes
      .filter((c) => !args.inventoryItemIds || args.inventoryItemIds.includes(gid('InventoryItem', c.inventoryItemId)))
      .filter((c) => !args.locationIds || args.locationIds.includes(gid('Location', c.locationId)))
      .filter((c) => !args.quantityNames || args.quantityNames.includes(c.name))
      .map((c) => ({
        name: c.name, delta: c.delta, quantityAfterChange: c.quantityAfterChange, ledgerDocumentUri: null,
        get item() { const i = ctx.state.inventoryItems.get(c.inventoryItemId); return i ? inventoryItemView(ctx, i) : null; },
        get location() { const l = ctx.state.locations.get(c.locationId); return l ? locationView(ctx, l) : null; },
      })),
  };
}

interface QuantityIn { inventoryItemId: string; locationId: string; quantity: number; changeFromQuantity?: number | null; compareQuantity?: number | null }

export function inventoryMutations(ctx: Ctx, idempotency: Map<string, IdempotencyRecord>) {
  return {
    inventorySetQuantities: (args: { input: { name: string; reason: string; referenceDocumentUri?: string | null; quantities: QuantityIn[] } }, _c: unknown, info: GraphQLResolveInfo) => {
      requireScope(ctx, 'inventorySetQuantities', 'write_inventory');
      const mismatch = () => ({ inventoryAdjustmentGroup: null, userErrors: [userError(['input'], 'The same idempotency key cannot be used with different operation parameters.', 'IDEMPOTENCY_KEY_PARAMETER_MISMATCH')] });
      return withIdempotency(ctx, idempotency, 'inventorySetQuantities', info, args, () => setQuantities(ctx, args.input, info), mismatch);
    },
    // 2026-04+: the @idempotent key is required here too (the mutation's description says so).
    inventoryActivate: (args: { inventoryItemId: string; locationId: string; available?: number | null; onHand?: number | null }, _c: unknown, info: GraphQLResolveInfo) => {
      requireScope(ctx, 'inventoryActivate', 'write_inventory');
      const mismatch = () => ({ inventoryLevel: null, userErrors: [userError(['inventoryItemId'], 'The same idempotency key cannot be used with different operation parameters.')] });
      return withIdempotency(ctx, idempotency, 'inventoryActivate', info, args, () => activate(ctx, args), mismatch);
    },
  };
}

/**
 * inventoryActivate's payload has plain UserErrors (no code): an unknown item or location, and a
 * deactivated location (Shopify's words for that case are not documented; the field is).
 */
function activate(ctx: Ctx, args: { inventoryItemId: string; locationId: string; available?: number | null; onHand?: number | null }) {
  const s = ctx.state;
  const item = s.inventoryItems.get(gidId(args.inventoryItemId, 'InventoryItem') ?? -1);
  const loc = s.locations.get(gidId(args.locationId, 'Location') ?? -1);
  if (!item) return { inventoryLevel: null, userErrors: [userError(['inventoryItemId'], 'Inventory item does not exist')] };
  if (!loc) return { inventoryLevel: null, userErrors: [userError(['locationId'], 'Location does not exist')] };
  if (!loc.isActive) return { inventoryLevel: null, userErrors: [userError(['locationId'], 'The location is deactivated: inventory cannot be stocked there')] };
  const level = s.activate(item.id, loc.id);
  if (typeof args.available === 'number') s.setQuantity(level, 'available', args.available);
  else if (typeof args.onHand === 'number') s.setQuantity(level, 'on_hand', args.onHand);
  return { inventoryLevel: levelView(ctx, level), userErrors: [] };
}

function setQuantities(ctx: Ctx, input: { name: string; reason: string; referenceDocumentUri?: string | null; quantities: QuantityIn[] }, info: GraphQLResolveInfo) {
  const s = ctx.state;
  const errors: UserErrorOut[] = [];
  if (input.name !== 'available' && input.name !== 'on_hand') errors.push(userError(['input', 'name'], "The quantity name must be either 'available' or 'on_hand'.", 'INVALID_NAME'));
  if (!REASONS.has(input.reason)) errors.push(userError(['input', 'reason'], `The reason is invalid: ${input.reason}`, 'INVALID_REASON'));
  if (input.referenceDocumentUri != null && !/^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(input.referenceDocumentUri)) errors.push(userError(['input', 'referenceDocumentUri'], 'The reference document URI is invalid.', 'INVALID_REFERENCE_DOCUMENT'));
  // changeFromQuantity must be present on every quantity (an explicit null opts out): read the raw input to tell absent from null.
  const explicit = changeFromPresence(info, input.quantities.length);
  const seen = new Set<string>();
  const plan: { level: ReturnType<typeof s.activate>; quantity: number }[] = [];
  input.quantities.forEach((q, i) => {
    const field = ['input', 'quantities', String(i)];
    const item = s.inventoryItems.get(gidId(q.inventoryItemId, 'InventoryItem') ?? -1);
    const loc = s.locations.get(gidId(q.locationId, 'Location') ?? -1);
    if (!item) { errors.push(userError([...field, 'inventoryItemId'], 'The specified inventory item could not be found.', 'INVALID_INVENTORY_ITEM')); return; }
    // A deactivated location holds no stock: INVALID_LOCATION is the enum's one location code.
    if (!loc || !loc.isActive) { errors.push(userError([...field, 'locationId'], 'The specified location could not be found.', 'INVALID_LOCATION')); return; }
    if (!item.tracked) { errors.push(userError([...field, 'inventoryItemId'], 'The specified inventory item is not allowed to be adjusted via API (untracked).', 'NON_MUTABLE_INVENTORY_ITEM')); return; }
    const k = `${item.id}:${loc.id}`;
    if (seen.has(k)) { errors.push(userError([...field], 'The combination of inventoryItemId and locationId must be unique.', 'NO_DUPLICATE_INVENTORY_ITEM_ID_GROUP_ID_PAIR')); return; }
    seen.add(k);
    if (q.quantity > MAX_QUANTITY) { errors.push(userError([...field, 'quantity'], "The quantity can't be higher than 1,000,000,000.", 'INVALID_QUANTITY_TOO_HIGH')); return; }
    if (q.quantity < -MAX_QUANTITY) { errors.push(userError([...field, 'quantity'], "The quantity can't be lower than -1,000,000,000.", 'INVALID_QUANTITY_TOO_LOW')); return; }
    if (input.name === 'on_hand' && q.quantity < 0) { errors.push(userError([...field, 'quantity'], "The quantity can't be negative.", 'INVALID_QUANTITY_NEGATIVE')); return; }
    if (!explicit[i]) {
      errors.push(userError([...field, 'changeFromQuantity'], 'The changeFromQuantity argument must be given to each quantity (pass null to opt out of the check).', 'COMPARE_QUANTITY_REQUIRED'));
      return;
    }
    // An item not stocked at the location: the 2026-10 enum has no code for it (only inventoryAdjustQuantities and
    // inventoryMoveQuantities document ITEM_NOT_STOCKED_AT_LOCATION); the simulator stocks it, as the level then exists.
    const level = s.level(item.id, loc.id) ?? s.activate(item.id, loc.id);
    const current = s.quantity(level, input.name as 'available' | 'on_hand');
    if (q.changeFromQuantity != null && q.changeFromQuantity !== current) {
      errors.push(userError([...field, 'changeFromQuantity'], 'The changeFromQuantity value does not match persisted value.', 'CHANGE_FROM_QUANTITY_STALE'));
      return;
    }
    plan.push({ level, quantity: q.quantity });
  });
  // All or nothing, as Shopify applies an adjustment group.
  if (errors.length) return { inventoryAdjustmentGroup: null, userErrors: errors };
  const group = { id: s.id(), reason: input.reason, referenceDocumentUri: input.referenceDocumentUri ?? null, createdAt: s.now(), changes: [] as { inventoryItemId: number; locationId: number; name: string; delta: number; quantityAfterChange: number }[] };
  for (const p of plan) {
    const delta = s.setQuantity(p.level, input.name as 'available' | 'on_hand', p.quantity);
    const item = s.inventoryItems.get(p.level.inventoryItemId)!;
    item.updatedAt = s.now();
    group.changes.push({ inventoryItemId: p.level.inventoryItemId, locationId: p.level.locationId, name: input.name, delta, quantityAfterChange: p.quantity });
    // The other quantity moves with it (available and on_hand differ by the unavailable quantities).
    const other = input.name === 'available' ? 'on_hand' : 'available';
    group.changes.push({ inventoryItemId: p.level.inventoryItemId, locationId: p.level.locationId, name: other, delta, quantityAfterChange: s.quantity(p.level, other) });
  }
  s.adjustmentGroups.set(group.id, group);
  return { inventoryAdjustmentGroup: adjustmentGroupView(ctx, group.id), userErrors: [] };
}

/** Shopify's inventory adjustment reasons. */
const REASONS = new Set(['correction', 'cycle_count_available', 'damaged', 'movement_created', 'movement_updated', 'movement_received', 'movement_canceled', 'other', 'promotion', 'quality_control', 'received', 'reservation_created', 'reservation_deleted', 'reservation_updated', 'restock', 'safety_stock', 'shrinkage']);

/** For each quantity of the input, whether changeFromQuantity was written (null included) in the document or the variables. */
function changeFromPresence(info: GraphQLResolveInfo, n: number): boolean[] {
  const node = info.fieldNodes[0]!;
  const inputArg = node.arguments?.find((a) => a.name.value === 'input');
  const out = new Array<boolean>(n).fill(false);
  if (!inputArg) return out;
  const fromVars = (v: unknown): void => {
    const qs = (v as { quantities?: unknown[] } | undefined)?.quantities;
    if (Array.isArray(qs)) qs.forEach((q, i) => { out[i] = !!q && typeof q === 'object' && 'changeFromQuantity' in q; });
  };
  const val = inputArg.value;
  if (val.kind === 'Variable') { fromVars(info.variableValues[val.name.value]); return out; }
  if (val.kind !== 'ObjectValue') return out;
  const qField = val.fields.find((f) => f.name.value === 'quantities');
  if (!qField) return out;
  if (qField.value.kind === 'Variable') {
    const list = info.variableValues[qField.value.name.value];
    if (Array.isArray(list)) list.forEach((q, i) => { out[i] = !!q && typeof q === 'object' && 'changeFromQuantity' in q; });
    return out;
  }
  const items = qField.value.kind === 'ListValue' ? qField.value.values : [qField.value];
  items.forEach((item, i) => {
    if (item.kind === 'Variable') { const q = info.variableValues[item.name.value]; out[i] = !!q && typeof q === 'object' && 'changeFromQuantity' in q; }
    else if (item.kind === 'ObjectValue') out[i] = item.fields.some((f) => f.name.value === 'changeFromQuantity');
  });
  return out;
}
