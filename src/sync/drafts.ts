/**
 * What the GesCom-side mapping produces for a shop, in no platform's terms: one
 * draft per shop entity. Adapters turn drafts into their payloads; the engine
 * hashes drafts (per aspect) to send only what changed.
 */
import type { Dec } from '../gescom/model.js';
import type { ShopAddress } from './orders/shop-order.js';

export interface CategoryPath {
  /** Names from the root down, e.g. ["Desserts et friandises", "Chocolats"]. */
  names: string[];
  /** GesCom keys from the root down (family or category codes, or "field:value" paths). */
  keys: string[];
}

export interface ImageDraft {
  /** Stable key: where the image comes from ("article:AR0003:1", "folder:/img/AR0003_01.jpg"). */
  key: string;
  fileName: string;
  mimeType: string;
  /** sha256 of the content: an image is re-sent only when its content changes. */
  sha256: string;
  /** Loads the bytes when the adapter uploads them. */
  load: () => Promise<Buffer>;
}

export interface PriceDraft {
  /** Regular price in the profile's base (HT or TTC), rounded to the profile's precision. */
  regular: Dec;
  /** Promotion price, with its dates (ISO) when it has some. */
  sale: { price: Dec; from: string | null; to: string | null } | null;
  purchase: Dec | null;
  ecotax: Dec | null;
  /** Price per shop customer group (from price categories), in the same base. */
  groups: { group: string; priceCategoryId: number; price: Dec }[];
}

export interface StockDraft {
  /** null: stock not managed in the shop (article not stock-tracked and no default quantity). */
  quantity: number | null;
  minQuantity: number | null;
  /**
   * Per shop location, when the profile maps GesCom depots to locations (shop.shopify.locations):
   * absent otherwise, so other shops and the aspect hashes of unmapped profiles are unchanged.
   */
  locations?: { location: string; quantity: number | null }[];
}

export interface AttributeValue {
  name: string;
  value: string;
}

export interface VariationDraft {
  gescomCode: string;
  /** What a stock / price / status run would send for this article (mapping/aspects.ts). */
  aspects: { stock: unknown; price: unknown; status: unknown };
  sku: string;
  attributes: AttributeValue[];
  price: PriceDraft;
  stock: StockDraft;
  weight: Dec | null;
  barcode: string | null;
  active: boolean;
  images: ImageDraft[];
}

export interface ProductDraft {
  /** GesCom key of the product: the article code, or the master reference of a variation group. */
  gescomKey: string;
  /** Simple products: what a stock / price / status run would send (mapping/aspects.ts); null for a variable parent. */
  aspects: { stock: unknown; price: unknown; status: unknown } | null;
  sku: string;
  kind: 'simple' | 'variable';
  name: string;
  description: string;
  shortDescription: string;
  metaTitle: string;
  metaDescription: string;
  metaKeywords: string;
  slug: string;
  /** GesCom VAT code (the adapter maps it to a shop tax class, ART-04). */
  vatCode: string | null;
  /** Its rate in the GesCom ("5.5"): a shop without a mapping for the code finds its tax class by rate. */
  vatRate: Dec | null;
  categories: CategoryPath[];
  /** Extra categories by name or shop id (ART-02). */
  extraCategories: { by: 'name' | 'id'; value: string }[];
  price: PriceDraft;
  stock: StockDraft;
  weight: Dec | null;
  dimensions: { width: Dec | null; height: Dec | null; depth: Dec | null };
  barcode: string | null;
  brand: string | null;
  supplier: string | null;
  unit: string | null;
  warrantyMonths: number | null;
  location: string | null;
  availableFrom: string | null;
  /** Custom fields sent as shop features (ART-11). */
  features: AttributeValue[];
  /** Whether the product should be visible/purchasable (ART-12). */
  active: boolean;
  images: ImageDraft[];
  documents: ImageDraft[];
  /** Linked products by GesCom key (ART-15). */
  linked: string[];
  /** Variable products: the attribute names and every value, in order, and the variations. */
  variationAttributes: { name: string; values: string[] }[];
  variations: VariationDraft[];
  /**
   * ART-13: the bill of materials (GesCom keys and quantities), present only when the profile
   * creates packs (articles.createPacks) and the article has components, so that other drafts
   * hash as before.
   */
  components?: { key: string; quantity: Dec }[];
}

export interface CustomerGroupDraft {
  key: string;
  name: string;
  priceCategoryId: number;
  taxDisplay: 'HT' | 'TTC';
}

/** A postal address as shops hold it: the same shape both ways (customers out, orders in). */
export type AddressDraft = ShopAddress;

export interface CustomerDraft {
  /** GesCom key: the customer code, or "CODE#n" for the n-th contact exported as its own account. */
  gescomKey: string;
  customerCode: string;
  email: string;
  firstName: string;
  lastName: string;
  company: string;
  billing: AddressDraft | null;
  shipping: AddressDraft | null;
  group: string | null;
  notes: string;
  b2b: { vatNumber: string | null; creditLimit: Dec | null; paymentDelayDays: number | null; risk: string | null };
  active: boolean;
}
