/**
 * The GesCom domain, in the language of the manual (Sage 50c concepts), not of any
 * one database. Every amount and quantity is a decimal string ("12.50"): money never
 * goes through binary floating point, and strings survive JSON and SQLite unchanged.
 * Dates are ISO 8601 strings in UTC.
 */

/** A decimal number written as a string, e.g. "19.90" or "-3". */
export type Dec = string;
/** ISO 8601 UTC timestamp, e.g. "2026-07-07T10:00:00.000Z". */
export type IsoDate = string;

export type CustomFieldType = 'text' | 'number' | 'date' | 'boolean';
export type CustomValue = string | number | boolean | null;

export interface CustomFieldDef {
  entity: 'article' | 'customer' | 'document';
  name: string;
  type: CustomFieldType;
}

export interface VatCode {
  code: string;
  label: string;
  /** Percentage, "20" for 20 %. "0" for exempt. */
  rate: Dec;
  exempt: boolean;
}

export interface Family {
  code: string;
  name: string;
  parentCode: string | null;
}

/** Article category ("catégorie d'article"), a second classification beside families. */
export interface ArticleCategory {
  code: string;
  name: string;
  parentCode: string | null;
}

export interface Supplier {
  code: string;
  name: string;
  email: string | null;
}

export interface Depot {
  code: string;
  name: string;
  isDefault: boolean;
}

export interface PriceCategory {
  /** 1..n, "Tarif 1" is 1. */
  id: number;
  name: string;
  /** Whether prices of this category are entered tax included ("TTC") or not ("HT"). */
  priceBase: 'HT' | 'TTC';
}

export interface ArticleImage {
  position: number;
  fileName: string;
  mimeType: string;
  /** Absolute or data-folder-relative path when the image is a linked file. */
  path: string | null;
  /** Size in bytes of the stored content when the image is held in the database. */
  size: number | null;
}

export interface ArticleDocument {
  position: number;
  fileName: string;
  label: string;
  path: string | null;
  size: number | null;
}

/** Conditionnement: the article sold by a pack of `quantity`. */
export interface Packaging {
  code: string;
  label: string;
  quantity: Dec;
  barcode: string | null;
  /** Price excluding tax of the whole pack, null when derived from the unit price. */
  priceHt: Dec | null;
}

/** One component of a bill of materials (nomenclature). */
export interface BomComponent {
  componentCode: string;
  quantity: Dec;
}

export interface Article {
  code: string;
  name: string;
  description: string;
  /** Rich text description as Sage stores it (RTF), converted to HTML by the shop mapping. */
  descriptionRtf: string | null;
  notes: string;
  familyCode: string | null;
  categoryCode: string | null;
  brand: string | null;
  supplierCode: string | null;
  supplierRef: string | null;
  barcode: string | null;
  warrantyMonths: number | null;
  unit: string | null;
  ecotax: Dec;
  weightNet: Dec;
  weightGross: Dec;
  /** "Article divers": a free article whose designation and price are typed on each line. */
  isDivers: boolean;
  /** "Mis en sommeil" (do not use): dormant. */
  doNotUse: boolean;
  /** "Publiable sur le Web". */
  publishable: boolean;
  substituteCode: string | null;
  stockTracked: boolean;
  vatCode: string | null;
  purchasePrice: Dec;
  /** Base sale price excluding tax. */
  salePriceHt: Dec;
  /** Base sale price including tax. */
  salePriceTtc: Dec;
  /** Which of the two prices the merchant entered; the other one is derived. */
  priceBase: 'HT' | 'TTC';
  minQuantity: Dec;
  /** Location in the depot ("emplacement"). */
  location: string | null;
  /** Date from which the article can be delivered (ART-14 availability date). */
  availableFrom: IsoDate | null;
  /** Linked articles (suggested / cross-sell, ART-15), by code. */
  linkedCodes: string[];
  createdAt: IsoDate;
  modifiedAt: IsoDate;
  customFields: Record<string, CustomValue>;
  images: ArticleImage[];
  documents: ArticleDocument[];
  packagings: Packaging[];
  components: BomComponent[];
}

/** What a merchant or the engine may change on an article. Dates are set by the GesCom. */
export type ArticlePatch = Partial<
  Omit<Article, 'code' | 'createdAt' | 'modifiedAt' | 'images' | 'documents' | 'packagings' | 'components' | 'linkedCodes'>
>;

export interface StockLevel {
  articleCode: string;
  depotCode: string;
  /** Physical stock (stock réel). */
  real: Dec;
  /** Reserved by customer orders not yet delivered. */
  reserved: Dec;
  /** Ordered from suppliers, not yet received. */
  ordered: Dec;
}

/** The five stock kinds of ART-09, see docs/glossary.md for the formulas. */
export type StockKind = 'real' | 'available' | 'forecast' | 'realPlusCustomerOrders' | 'forecastMinusSupplierOrders';

export interface ArticlePrice {
  articleCode: string;
  priceCategoryId: number;
  /** Price in the category's base (HT or TTC, see PriceCategory.priceBase). */
  price: Dec;
  /** Optional percentage discount on that price. */
  discountPercent: Dec;
}

export interface Promotion {
  id: number;
  articleCode: string;
  label: string;
  /** null applies to every price category. */
  priceCategoryId: number | null;
  startsAt: IsoDate;
  endsAt: IsoDate;
  /** Either a fixed price excluding tax, or a percentage off. */
  priceHt: Dec | null;
  discountPercent: Dec | null;
}

/** Tarif d'exception: a price agreed with one customer. */
export interface CustomerPrice {
  customerCode: string;
  articleCode: string;
  priceHt: Dec | null;
  discountPercent: Dec | null;
}

/** Remise par famille: a discount a customer (or a price category) gets on a whole family. */
export interface FamilyDiscount {
  familyCode: string;
  customerCode: string | null;
  priceCategoryId: number | null;
  discountPercent: Dec;
}

export interface AccountingCategory {
  code: string;
  label: string;
  /** Whether documents of this category carry VAT (France) or not (export, intra-EU). */
  withTax: boolean;
}

export interface PaymentMode {
  code: string;
  label: string;
  /** Bank journal the payment lands in ("journal de banque"). */
  journalCode: string | null;
}

export interface BankJournal {
  code: string;
  label: string;
}

export interface Currency {
  code: string;
  label: string;
  symbol: string;
}

export interface Representative {
  code: string;
  name: string;
  email: string | null;
}

export interface CustomerFamily {
  code: string;
  name: string;
}

export interface Address {
  label: string;
  company: string | null;
  civility: string | null;
  firstName: string | null;
  lastName: string | null;
  line1: string;
  line2: string | null;
  line3: string | null;
  postcode: string;
  city: string;
  state: string | null;
  countryCode: string;
  phone: string | null;
  mobile: string | null;
  email: string | null;
}

export interface Contact {
  civility: string | null;
  firstName: string | null;
  lastName: string;
  email: string | null;
  phone: string | null;
  role: string | null;
}

export interface Customer {
  code: string;
  accountingAccount: string | null;
  company: string | null;
  civility: string | null;
  firstName: string | null;
  lastName: string;
  email: string | null;
  phone: string | null;
  /** Intra-EU VAT number (B2B). */
  vatNumber: string | null;
  billingAddress: Address | null;
  deliveryAddress: Address | null;
  contacts: Contact[];
  priceCategoryId: number | null;
  familyCode: string | null;
  representativeCode: string | null;
  accountingCategoryCode: string | null;
  paymentModeCode: string | null;
  dormant: boolean;
  blocked: boolean;
  creditLimit: Dec | null;
  paymentDelayDays: number | null;
  /** Risk level as Sage shows it ("A", "B", …, or a free label). */
  risk: string | null;
  notes: string;
  /** true for prospects created from a shop customer who never ordered. */
  isProspect: boolean;
  createdAt: IsoDate;
  modifiedAt: IsoDate;
  customFields: Record<string, CustomValue>;
}

export type CustomerInput = Omit<Customer, 'createdAt' | 'modifiedAt'>;
export type CustomerPatch = Partial<Omit<Customer, 'code' | 'createdAt' | 'modifiedAt'>>;

export type DocumentType = 'quote' | 'order' | 'deliveryPrep' | 'deliveryNote' | 'invoice';
export const DOCUMENT_TYPES: readonly DocumentType[] = ['quote', 'order', 'deliveryPrep', 'deliveryNote', 'invoice'];

export interface DocumentLineInput {
  /** null for a comment line. */
  articleCode: string | null;
  designation: string;
  quantity: Dec;
  /** Unit price in the document's price mode (HT or TTC). */
  unitPrice: Dec;
  discountPercent: Dec;
  vatCode: string | null;
  ecotax?: Dec;
  depotCode?: string | null;
}

export interface DocumentLine extends DocumentLineInput {
  position: number;
  ecotax: Dec;
  depotCode: string | null;
  /** Line totals computed by the GesCom, rounded to the cent. */
  totalHt: Dec;
  totalVat: Dec;
  totalTtc: Dec;
  vatRate: Dec;
}

export interface DocumentFooter {
  /** Shipping costs in the footer ("frais de port" pied de pièce). */
  shippingAmount: Dec;
  shippingVatCode: string | null;
  /** Global discount in percent on the whole document. */
  discountPercent: Dec;
  /** Fixed discount amount in the document's price mode. */
  discountAmount: Dec;
}

export interface PaymentInput {
  modeCode: string;
  journalCode: string | null;
  amount: Dec;
  date: IsoDate;
  label: string;
  reference: string | null;
  notes: string | null;
  currencyCode: string | null;
}

export interface Payment extends PaymentInput {
  id: number;
  documentNumber: string;
  validated: boolean;
}

export interface DocumentTotals {
  totalHt: Dec;
  totalTtc: Dec;
  totalVat: Dec;
  /** VAT per rate, keyed by VAT code, with the HT base it applies to. */
  vatByCode: { vatCode: string; rate: Dec; baseHt: Dec; vat: Dec }[];
  paid: Dec;
  due: Dec;
}

export interface SalesDocumentInput {
  type: DocumentType;
  /** Forces the number (manual's "use the shop order number", discouraged); else numbered per type. */
  number?: string;
  date: IsoDate;
  customerCode: string;
  billingAddress: Address | null;
  deliveryAddress: Address | null;
  reference: string;
  remark: string;
  customerReference: string;
  depotCode: string | null;
  accountingCategoryCode: string | null;
  currencyCode: string | null;
  /** "N° pièce site": the shop order id as the merchant sees it; with shopKey, the key of exactly-once import. */
  shopOrderId: string | null;
  /**
   * The identity of the shop the order comes from (src/shops/identity.ts), so that order 530 of two
   * shops on one company makes two documents. '' or absent: shop unknown (documents made before
   * shops were told apart, or by hand).
   */
  shopKey?: string;
  /** Whether unit prices are entered excluding (HT) or including (TTC) tax. */
  priceMode: 'HT' | 'TTC';
  notes: string;
  lines: DocumentLineInput[];
  footer: DocumentFooter;
  payments: PaymentInput[];
  /** Whether creating this document moves stock (delivery notes and invoices do in Sage). */
  movesStock?: boolean;
}

export interface SalesDocument extends Omit<SalesDocumentInput, 'lines' | 'payments' | 'number' | 'movesStock' | 'shopKey'> {
  number: string;
  /** '' when the shop is unknown (see SalesDocumentInput.shopKey). */
  shopKey: string;
  validated: boolean;
  movesStock: boolean;
  /**
   * The parcel's tracking number (Sage 50c's "N° de suivi" of a delivery note) and the carrier's
   * name, entered once the goods leave; null until then. Sent back to the shop with the status.
   */
  trackingNumber: string | null;
  carrier: string | null;
  createdAt: IsoDate;
  modifiedAt: IsoDate;
  lines: DocumentLine[];
  payments: Payment[];
  totals: DocumentTotals;
}

/** What `setDocumentTracking` writes: a null number clears the tracking (and the carrier with it). */
export interface DocumentTracking {
  trackingNumber: string | null;
  carrier: string | null;
}

export interface StockMovement {
  id: number;
  articleCode: string;
  depotCode: string;
  /** Signed quantity: negative when stock leaves. */
  quantity: Dec;
  documentNumber: string | null;
  date: IsoDate;
  reason: string;
}

export interface CompanyInfo {
  name: string;
  currencyCode: string;
  /** Decimals the GesCom keeps on unit prices. */
  priceDecimals: number;
}
