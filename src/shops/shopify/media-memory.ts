/**
 * What the profile remembers of the images sent to Shopify (the state store's memory, scoped to the
 * profile): which image content (sha256) each product received, and which products had images
 * appended by a write whose outcome is unknown (a failed, canceled or timed-out bulk operation may
 * have applied some of its lines: productUpdate(media:) appends, so sending again would double them).
 */
import { chunk } from '../../http/batch.js';
import type { ImageDraft } from '../../sync/drafts.js';
import { MEDIA_PRODUCTS_PER_READ, PRODUCTS_MEDIA } from './documents.js';
import type { ShopifyGraphql } from './graphql-client.js';

export interface ShopMemory {
  get(kind: string, key: string): string | undefined;
  set(kind: string, key: string, value: string): void;
  entries?(kind: string): [string, string][];
}

/** sha256 -> product GID (before one image could be remembered for several products), and "sha256 productGID" -> "1". */
const SENT = 'shopify-media';
/** product GID -> "1" while an append of its images has an unknown outcome. */
const PENDING = 'shopify-media-pending';

/**
 * Whether a media served at `url` is the file `fileName` Passerelle staged. A name already in use
 * gets a UUID appended (FileCreateInputDuplicateResolutionMode, default APPEND_UUID for fileCreate and
 * productSet files); the separator ("_") and that media appended by productUpdate follow the same
 * rule are not documented, not verified against a live shop.
 */
export function sameFile(url: string, fileName: string): boolean {
  let base: string;
  try {
    base = decodeURIComponent(new URL(url).pathname.split('/').pop() ?? '');
  } catch {
    return false;
  }
  if (base === fileName) return true;
  const dot = fileName.lastIndexOf('.');
  const stem = dot > 0 ? fileName.slice(0, dot) : fileName;
  const ext = dot > 0 ? fileName.slice(dot) : '';
  return base.startsWith(`${stem}_`) && base.endsWith(ext) && /^[0-9a-f-]{8,}$/i.test(base.slice(stem.length + 1, base.length - ext.length));
}

export class MediaMemory {
  constructor(private readonly m: ShopMemory) {}

  /** Whether this content went to this product (an image shared by several articles is remembered for each). */
  sent(sha: string, productId: string): boolean {
    return this.m.get(SENT, `${sha} ${productId}`) === '1' || this.m.get(SENT, sha) === productId;
  }

  record(sha: string, productId: string): void {
    this.m.set(SENT, `${sha} ${productId}`, '1');
  }

  /** Marks (before the write) or clears (once it is known) a product's image append. */
  pending(productId: string, on: boolean): void {
    this.m.set(PENDING, productId, on ? '1' : '');
  }

  /**
   * For products whose last image append has an unknown outcome, the images they already hold
   * (by file name: `names` gives those an image may have been staged under) are remembered as sent,
   * so they are not appended twice; only those products are read. Throws when they cannot be read:
   * their items fail and are tried again.
   */
  async settle(gql: ShopifyGraphql, items: readonly { productId: string; images: () => readonly ImageDraft[] }[],
    names: (img: ImageDraft) => readonly string[] = (img) => [img.fileName]): Promise<void> {
    const open: { productId: string; images: readonly ImageDraft[] }[] = [];
    for (const i of items) {
      if (this.m.get(PENDING, i.productId) !== '1') continue;
      const images = i.images();
      // Nothing left to send to it: nothing to look for.
      if (images.length === 0) this.pending(i.productId, false);
      else open.push({ productId: i.productId, images });
    }
    for (const part of chunk(open, MEDIA_PRODUCTS_PER_READ)) {
      type Read = { nodes: ({ id?: string; media?: { nodes: { image?: { url: string } | null }[] } } | null)[] };
      const d = await gql.run<Read>(PRODUCTS_MEDIA, { ids: part.map((i) => i.productId) }, 'products');
      for (const item of part) {
        const held = d.nodes.find((n) => n?.id === item.productId)?.media?.nodes.flatMap((n) => (n.image?.url ? [n.image.url] : [])) ?? [];
        for (const img of item.images) if (held.some((url) => names(img).some((n) => sameFile(url, n)))) this.record(img.sha256, item.productId);
        this.pending(item.productId, false);
      }
    }
  }
}
