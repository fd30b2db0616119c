/**
 * Categories as Shopify collections. Collections are flat, GesCom families and categories nest: a
 * child collection names its parent in the `passerelle.parent_collection` metafield (read back by
 * categories(), so a re-run matches "same name under the same parent" as on other shops), its
 * handle starts with its parent's (two "Accessoires" under "Homme" and "Femme" get
 * homme-accessoires and femme-accessoires, not accessoires and accessoires-1), and, per
 * shop.shopify.collectionsWithAncestors, a product in a child collection joins the ancestors too,
 * since a nested menu built from collections shows only what each collection holds.
 */
import { errorText } from '../../errors.js';
import type { ItemResult, ShopCategory } from '../port.js';
import { COLLECTION_CREATE, COLLECTION_UPDATE, COLLECTIONS, METAFIELDS_DELETE, PARENT_COLLECTION } from './documents.js';
import { ShopifyUserErrors, type Connection, type ShopifyGraphql } from './graphql-client.js';

/**
 * A reference type: a theme can follow it (collection.metafields.passerelle.parent_collection.value).
 * Shopify takes reference types on metafields without a definition; not verified against a live shop.
 */
const PARENT_TYPE = 'collection_reference';
/** Handles tried for a child collection whose handle collectionCreate says is taken. */
const HANDLE_TRIES = 5;

/** One item at a time, each failing alone with its error. */
export async function oneByOne<T extends { key: string }>(items: T[], run: (i: T) => Promise<{ shopId: string | null; created: boolean }>): Promise<ItemResult[]> {
  const out: ItemResult[] = [];
  for (const i of items) {
    try {
      out.push({ key: i.key, ok: true, error: null, ...(await run(i)) });
    } catch (err) {
      out.push({ key: i.key, ok: false, shopId: null, created: false, error: errorText(err) });
    }
  }
  return out;
}

interface SCollection { id: string; title: string; handle: string; parent: { value: string } | null }

/** A handle as Shopify makes one from a title: lower case, accents dropped, words joined by hyphens. */
export function handleOf(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

export class ShopifyCollections {
  /** Collection id -> its parent's id (null at the top) and handle, as read or written by this port. */
  private known: Promise<Map<string, { parentId: string | null; handle: string }>> | null = null;
  /** The collections of the last read, in the shop's order. */
  private listed: SCollection[] = [];

  constructor(private readonly gql: ShopifyGraphql, private readonly withAncestors: boolean) {}

  private read(): Promise<Map<string, { parentId: string | null; handle: string }>> {
    const read = this.gql.all(COLLECTIONS, {}, 'categories', (d: { collections: Connection<SCollection> }) => d.collections)
      .then((list) => {
        const ids = new Set(list.map((c) => c.id));
        this.listed = list;
        // A parent deleted in Shopify leaves its children at the top.
        return new Map(list.map((c) => [c.id, { parentId: c.parent?.value && ids.has(c.parent.value) ? c.parent.value : null, handle: c.handle }]));
      });
    this.known = read;
    read.catch(() => {
      if (this.known === read) this.known = null;
    });
    return read;
  }

  async list(): Promise<ShopCategory[]> {
    const known = await this.read();
    return this.listed.map((c) => ({ id: c.id, name: c.title, parentId: known.get(c.id)?.parentId ?? null, slug: c.handle }));
  }

  private async map(): Promise<Map<string, { parentId: string | null; handle: string }>> {
    return this.known ?? this.read();
  }

  /**
   * A free handle under the parent's: `parent-handle-name`, then -2, -3… when the shop holds it already
   * (the custom collections read, and `refused`: handles collectionCreate said were taken).
   */
  private async childHandle(parentId: string, name: string, refused: ReadonlySet<string>): Promise<string | undefined> {
    const known = await this.map();
    const parent = known.get(parentId);
    if (!parent) return undefined;
    const base = `${parent.handle}-${handleOf(name)}`.replace(/-+$/, '');
    const taken = new Set([...known.values()].map((c) => c.handle).concat([...refused]));
    let handle = base;
    for (let n = 2; taken.has(handle); n++) handle = `${base}-${n}`;
    return handle;
  }

  private parentMetafield(parentId: string) {
    return { ...PARENT_COLLECTION, type: PARENT_TYPE, value: parentId };
  }

  create(items: { key: string; name: string; parentId: string | null }[]): Promise<ItemResult[]> {
    return oneByOne(items, async (i) => {
      const p = await this.createOne(i);
      const id = p.collection?.id ?? null;
      if (id) (await this.map()).set(id, { parentId: i.parentId, handle: p.collection!.handle });
      return { shopId: id, created: true };
    });
  }

  /**
   * collectionCreate, a child with its handle. The read lists custom collections only: an automated
   * (smart) collection may hold the handle, which collectionCreate then refuses (userError on handle):
   * the next suffix is tried, a few times at most.
   */
  private async createOne(i: { key: string; name: string; parentId: string | null }): Promise<{ collection: { id: string; handle: string } | null }> {
    const refused = new Set<string>();
    for (let attempt = 1; ; attempt++) {
      const collection: Record<string, unknown> = { title: i.name };
      if (i.parentId) {
        const handle = await this.childHandle(i.parentId, i.name, refused);
        if (handle) collection.handle = handle;
        collection.metafields = [this.parentMetafield(i.parentId)];
      }
      try {
        return await this.gql.mutate(COLLECTION_CREATE, { collection }, `category ${i.key}`, 'collectionCreate');
      } catch (err) {
        const handle = collection.handle as string | undefined;
        const handleTaken = err instanceof ShopifyUserErrors && err.userErrors.some((e) => e.field?.at(-1) === 'handle');
        if (!handle || !handleTaken || attempt >= HANDLE_TRIES) throw err;
        refused.add(handle);
      }
    }
  }

  /** Renames; a category moved in the GesCom gets its new parent (the handle stays: links to it keep working). */
  update(items: { key: string; id: string; name: string; parentId: string | null }[]): Promise<ItemResult[]> {
    return oneByOne(items, async (i) => {
      const entity = `category ${i.key}`;
      const known = await this.map();
      const before = known.get(i.id);
      const collection: Record<string, unknown> = { id: i.id, title: i.name };
      if (i.parentId && before?.parentId !== i.parentId) collection.metafields = [this.parentMetafield(i.parentId)];
      await this.gql.mutate(COLLECTION_UPDATE, { collection }, entity, 'collectionUpdate');
      if (!i.parentId && before?.parentId) {
        await this.gql.mutate(METAFIELDS_DELETE, { metafields: [{ ownerId: i.id, ...PARENT_COLLECTION }] }, entity, 'metafieldsDelete');
      }
      if (before) known.set(i.id, { ...before, parentId: i.parentId });
      return { shopId: i.id, created: false };
    });
  }

  /** The collections of a product: the given ones and, when the profile says so, every ancestor of each. */
  async withParents(ids: string[]): Promise<string[]> {
    if (!this.withAncestors || ids.length === 0) return ids;
    const known = await this.map();
    const out = new Set(ids);
    for (const id of ids) {
      // A cycle (a parent edited by hand) stops at the first collection seen twice.
      for (let p = known.get(id)?.parentId ?? null; p !== null && !out.has(p); p = known.get(p)?.parentId ?? null) out.add(p);
    }
    return [...out];
  }
}
