/**
 * ART-02: makes sure every category path the catalogue needs exists in the shop,
 * parents first, reusing categories that already exist there (same name under the
 * same parent) so that a re-run or a shop filled by hand never gets duplicates.
 */
import type { Journal } from '../../journal/journal.js';
import type { ShopCategory, ShopPort } from '../../shops/port.js';
import type { StateStore } from '../../state/state-store.js';
import type { CategoryPath } from '../drafts.js';
import { stableHash } from './hash.js';
import { msg } from '../../i18n/catalogue.js';

export const CATEGORY_KIND = 'category';

function norm(name: string): string {
  return name.trim().toLocaleLowerCase('fr');
}

/** What a category binding remembers: its name and parent, to rename it when they change. */
function categoryHash(name: string, parentId: string | null): string {
  return stableHash({ name, parentId });
}

export interface CategorySyncResult {
  /** GesCom category key -> shop category id. */
  ids: Map<string, string>;
  /** Shop categories by lower-case name (extra categories "by name"). */
  byName: Map<string, string>;
  created: number;
  failed: number;
}

export async function ensureCategories(
  paths: CategoryPath[], shop: ShopPort, state: StateStore, profileName: string, journal: Journal, options: { updateNames: boolean },
): Promise<CategorySyncResult> {
  const existing = await shop.categories();
  const byId = new Map(existing.map((c) => [c.id, c]));
  const byParentAndName = new Map<string, ShopCategory>();
  for (const c of existing) byParentAndName.set(`${c.parentId ?? ''}\u0000${norm(c.name)}`, c);
  const bindings = state.bindings(profileName, CATEGORY_KIND);
  const ids = new Map<string, string>();
  const result: CategorySyncResult = { ids, byName: new Map(existing.map((c) => [norm(c.name), c.id])), created: 0, failed: 0 };

  // Distinct nodes, by depth: every parent is created before its children.
  const nodes = new Map<string, { key: string; name: string; parentKey: string | null; depth: number }>();
  for (const p of paths) {
    p.keys.forEach((key, i) => {
      if (!nodes.has(key)) nodes.set(key, { key, name: p.names[i]!, parentKey: i > 0 ? p.keys[i - 1]! : null, depth: i });
    });
  }
  let renamed = 0;
  const maxDepth = Math.max(-1, ...[...nodes.values()].map((n) => n.depth));
  for (let depth = 0; depth <= maxDepth; depth++) {
    const toCreate: { key: string; name: string; parentId: string | null }[] = [];
    const toRename: { key: string; id: string; name: string; parentId: string | null }[] = [];
    for (const n of [...nodes.values()].filter((x) => x.depth === depth)) {
      const parentId = n.parentKey ? ids.get(n.parentKey) ?? null : null;
      if (n.parentKey && !parentId) continue; // parent failed: its children wait for the next run
      const bound = bindings.get(n.key);
      if (bound && byId.has(bound.shopId)) {
        ids.set(n.key, bound.shopId);
        const shopCat = byId.get(bound.shopId)!;
        if (options.updateNames && bound.payloadHash !== categoryHash(n.name, parentId) && (shopCat.name !== n.name || shopCat.parentId !== parentId)) {
          toRename.push({ key: n.key, id: bound.shopId, name: n.name, parentId });
        }
        continue;
      }
      const found = byParentAndName.get(`${parentId ?? ''}\u0000${norm(n.name)}`);
      if (found) {
        ids.set(n.key, found.id);
        state.saveBinding(profileName, CATEGORY_KIND, n.key, found.id, categoryHash(n.name, parentId));
        continue;
      }
      toCreate.push({ key: n.key, name: n.name, parentId });
    }
    const parentOf = new Map(toCreate.map((c) => [c.key, c.parentId]));
    for (const r of await shop.createCategories(toCreate)) {
      const n = nodes.get(r.key)!;
      journal.progress(depth + 1, maxDepth + 1, n.name);
      if (r.ok && r.shopId) {
        ids.set(r.key, r.shopId);
        result.byName.set(norm(n.name), r.shopId);
        state.saveBinding(profileName, CATEGORY_KIND, r.key, r.shopId, categoryHash(n.name, parentOf.get(r.key) ?? null));
        journal.count('categories', 'created');
        result.created++;
      } else {
        journal.entityFailed('categories', journal.text(msg('sync.categoryEntity', { name: n.name })), r.error ?? msg('sync.failed'));
        result.failed++;
      }
    }
    if (toRename.length) {
      const byKey = new Map(toRename.map((x) => [x.key, x]));
      for (const r of await shop.updateCategories(toRename)) {
        const item = byKey.get(r.key)!;
        if (r.ok) {
          renamed++;
          state.saveBinding(profileName, CATEGORY_KIND, r.key, item.id, categoryHash(item.name, item.parentId));
          journal.count('categories', 'updated');
        } else {
          journal.entityFailed('categories', journal.text(msg('sync.categoryEntity', { name: item.name })), r.error ?? msg('sync.failed'));
          result.failed++;
        }
      }
    }
  }
  const unchanged = nodes.size - result.created - result.failed - renamed;
  if (unchanged > 0) journal.count('categories', 'unchanged', unchanged);
  return result;
}
