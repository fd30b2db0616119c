/**
 * Variable products by their master reference. A Shopify product holds no SKU of its own (its
 * variants do): the adapter writes the master reference in the metafield
 * articles.variations.shopMasterField, and finds a product by it through the product search
 * `metafields.{namespace}.{key}:"REF"`, which Shopify honours only for a metafield definition with
 * filtering (adminFilterable) on; without it the search would return every product. The definition
 * is read, and made when missing, once per port; when it cannot be made (or its filtering is off)
 * the lookup says so once and finds nothing, as before: the engine's bindings still find the
 * products this profile created.
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

export class MasterLookup {
  private usable: Promise<boolean> | null = null;

  constructor(private readonly gql: ShopifyGraphql, private readonly masterField: string, private readonly warn: (m: string | Text) => void) {}

  private searchable(): Promise<boolean> {
    this.usable ??= this.ensureDefinition().catch((err) => {
      this.warn(msg('shopify.masterLookupOff', { field: this.masterField, error: errorText(err) }));
      return false;
    });
    return this.usable;
  }

  private async ensureDefinition(): Promise<boolean> {
    const { namespace, key } = metafieldSpec(this.masterField.trim());
    const d = await this.gql.run<{ metafieldDefinitions: { nodes: { capabilities: { adminFilterable: { enabled: boolean } } }[] } }>(
      METAFIELD_DEFINITION, { namespace, key }, 'products');
    const found = d.metafieldDefinitions.nodes[0];
    if (found) {
      if (!found.capabilities.adminFilterable.enabled) this.warn(msg('shopify.masterLookupOff', { field: this.masterField, error: msg('shopify.masterNotFilterable') }));
      return found.capabilities.adminFilterable.enabled;
    }
    await this.gql.mutate(METAFIELD_DEFINITION_CREATE, {
      definition: {
        name: 'Référence maître (Passerelle)', namespace, key, type: 'single_line_text_field', ownerType: 'PRODUCT',
        capabilities: { adminFilterable: { enabled: true } },
      },
    }, 'products', 'metafieldDefinitionCreate');
    return true;
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
