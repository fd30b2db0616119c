/**
 * Variable products by their master reference. A Shopify product holds no SKU of its own (its
 * variants do): the adapter writes the master reference in the metafield
 * articles.variations.shopMasterField, and finds a product by it through the product search
 * `metafields.{namespace}.{key}:"REF"`, which Shopify honours only for a metafield definition with
 * filtering (adminFilterable) on; without it the search would return every product. The definition
 * is read, and made when missing, until its filter status is FILTERABLE (kept for the port then);
 * while it is not (Shopify still indexing, filtering off or failed) or cannot be made, the lookup
 * says so once and finds nothing: the engine's bindings still find the products this profile
 * created, and a big batch's bulk read finds the others by the metafield's value.
 */
import { errorText } from '../../errors.js';
import { chunk } from '../../http/batch.js';
import { msg, type Text } from '../../i18n/catalogue.js';
import type { ShopProductRef } from '../port.js';
import { METAFIELD_DEFINITION, METAFIELD_DEFINITION_CREATE, PRODUCTS_BY_MASTER, SKUS_PAGE } from './documents.js';
import type { ShopifyGraphql } from './graphql-client.js';

/** namespace.key of a metafield setting (no dot: the `custom` namespace), as productMetafields writes it. */
export function metafieldSpec(spec: string): { namespace: string; key: string } {
  const i = spec.lastIndexOf('.');
  return i > 0 ? { namespace: spec.slice(0, i), key: spec.slice(i + 1) } : { namespace: 'custom', key: spec };
}

type FilterState = { capabilities: { adminFilterable: { enabled: boolean; status: string } } };

export class MasterLookup {
  private usable: Promise<boolean> | null = null;
  /** A definition not ready for the search is said once per port, however often it is asked again. */
  private saidNotReady = false;

  constructor(private readonly gql: ShopifyGraphql, private readonly masterField: string, private readonly warn: (m: string | Text) => void) {}

  private searchable(): Promise<boolean> {
    if (this.usable) return this.usable;
    const asked: Promise<boolean> = this.ensureDefinition().then((ready) => {
      // Not ready yet (indexing, filtering off or failed): not kept, the next lookup asks again.
      if (!ready && this.usable === asked) this.usable = null;
      return ready;
    }, (err) => {
      this.warn(msg('shopify.masterLookupOff', { field: this.masterField, error: errorText(err) }));
      return false;
    });
    this.usable = asked;
    return asked;
  }

  /**
   * Whether the search can be trusted: the definition's filter status FILTERABLE. While Shopify still
   * indexes the existing values (IN_PROGRESS), or after it failed to (FAILED), or with filtering off
   * (NOT_FILTERABLE), the metafield term would be ignored and the search return every product.
   */
  private ready(d: FilterState): boolean {
    const f = d.capabilities.adminFilterable;
    if (f.enabled && f.status === 'FILTERABLE') return true;
    if (!this.saidNotReady) {
      this.saidNotReady = true;
      const why = f.enabled ? msg('shopify.masterFilterNotReady', { status: f.status }) : msg('shopify.masterNotFilterable');
      this.warn(msg('shopify.masterLookupOff', { field: this.masterField, error: why }));
    }
    return false;
  }

  private async ensureDefinition(): Promise<boolean> {
    const { namespace, key } = metafieldSpec(this.masterField.trim());
    const d = await this.gql.run<{ metafieldDefinitions: { nodes: FilterState[] } }>(METAFIELD_DEFINITION, { namespace, key }, 'products');
    const found = d.metafieldDefinitions.nodes[0];
    if (found) return this.ready(found);
    const made = await this.gql.mutate<{ createdDefinition: FilterState | null }>(METAFIELD_DEFINITION_CREATE, {
      definition: {
        name: 'Référence maître (Passerelle)', namespace, key, type: 'single_line_text_field', ownerType: 'PRODUCT',
        capabilities: { adminFilterable: { enabled: true } },
      },
    }, 'products', 'metafieldDefinitionCreate');
    // A new definition over products that already hold the value is indexed first (IN_PROGRESS).
    return made.createdDefinition ? this.ready(made.createdDefinition) : false;
  }

  /** The products whose master reference is one of `refs`, by reference. */
  async find(refs: string[]): Promise<Map<string, ShopProductRef>> {
    const out = new Map<string, ShopProductRef>();
    if (this.masterField.trim() === '' || refs.length === 0 || !(await this.searchable())) return out;
    const { namespace, key } = metafieldSpec(this.masterField.trim());
    for (const part of chunk(refs, SKUS_PAGE)) {
      const query = part.map((r) => `metafields.${namespace}.${key}:"${r.replace(/["\\]/g, '')}"`).join(' OR ');
      const d = await this.gql.run<{ products: { nodes: { id: string; hasOnlyDefaultVariant: boolean; master: { value: string } | null }[] } }>(
        PRODUCTS_BY_MASTER, { query, namespace, key }, 'products');
      for (const p of d.products.nodes) {
        const ref = p.master?.value;
        if (ref && part.includes(ref) && !out.has(ref)) out.set(ref, { id: p.id, sku: ref, kind: p.hasOnlyDefaultVariant ? 'simple' : 'variable', parentId: null });
      }
    }
    return out;
  }
}
