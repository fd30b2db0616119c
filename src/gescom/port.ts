/**
 * The GesCom port: everything the connector reads from or writes to a gestion
 * commerciale, in domain terms. The embedded SQLite GesCom is the reference
 * implementation; any other adapter (Sage 50c, EBP…) must pass the same contract
 * tests (test/gescom/contract.ts).
 *
 * Every call is asynchronous even though SQLite answers synchronously: the GesComs
 * we connect to next (Sage through its database server, EBP, Ciel) are reached over
 * I/O, and the actions must not change when they arrive.
 */
import type {
  AccountingCategory, Article, ArticleCategory, ArticlePatch, ArticlePrice, BankJournal, CompanyInfo, Currency,
  Customer, CustomerFamily, CustomerInput, CustomerPatch, CustomerPrice, CustomFieldDef, Dec, Depot, DocumentTracking, DocumentType, Family,
  FamilyDiscount, IsoDate, PaymentInput, PaymentMode, Payment, PriceCategory, Promotion, Representative, SalesDocument,
  SalesDocumentInput, StockKind, StockLevel, StockMovement, Supplier, VatCode,
} from './model.js';

export interface ArticleFilter {
  /** Only articles flagged "publiable sur le Web". */
  publishableOnly?: boolean;
  /** Leave out articles "mis en sommeil". */
  excludeDoNotUse?: boolean;
  /** Only articles created or modified at or after this instant. */
  changedSince?: IsoDate | null;
  /** Only these codes. */
  codes?: string[];
  familyCodes?: string[];
}

export interface CustomerFilter {
  excludeDormant?: boolean;
  changedSince?: IsoDate | null;
  codes?: string[];
  includeProspects?: boolean;
}

export interface DocumentFilter {
  type?: DocumentType;
  from?: IsoDate;
  to?: IsoDate;
  customerCode?: string;
}

export interface StockQuery {
  kind: StockKind;
  /** Depots summed; empty or undefined means every depot. */
  depotCodes?: string[];
}

export interface GesComPort {
  readonly kind: string;
  /** Opens the database and checks it is a GesCom this adapter understands. */
  testConnection(): Promise<{ ok: true; company: CompanyInfo } | { ok: false; message: string }>;
  close(): void;
  /**
   * A preview (--dry-run): a working copy of the company that the action reads and writes as it
   * would the real one (a customer it creates is found by the next order, numbers follow), the
   * real company left untouched. Absent when the adapter cannot copy: previews are then refused.
   */
  previewCopy?(): GesComPort;

  company(): Promise<CompanyInfo>;

  // Reference data
  vatCodes(): Promise<VatCode[]>;
  families(): Promise<Family[]>;
  articleCategories(): Promise<ArticleCategory[]>;
  suppliers(): Promise<Supplier[]>;
  depots(): Promise<Depot[]>;
  priceCategories(): Promise<PriceCategory[]>;
  accountingCategories(): Promise<AccountingCategory[]>;
  paymentModes(): Promise<PaymentMode[]>;
  bankJournals(): Promise<BankJournal[]>;
  currencies(): Promise<Currency[]>;
  representatives(): Promise<Representative[]>;
  customerFamilies(): Promise<CustomerFamily[]>;
  customFieldDefs(entity?: CustomFieldDef['entity']): Promise<CustomFieldDef[]>;

  // Articles: read in pages so that a 100,000-article catalogue never sits in one array.
  countArticles(filter?: ArticleFilter): Promise<number>;
  /** Articles ordered by code, `pageSize` at a time. */
  articles(filter?: ArticleFilter, pageSize?: number): AsyncIterable<Article[]>;
  article(code: string): Promise<Article | null>;
  updateArticle(code: string, patch: ArticlePatch): Promise<Article>;
  setArticleCustomField(code: string, name: string, value: string | number | boolean | null): Promise<void>;
  /** Content of a stored image or document, null when it is only a linked file. */
  articleImageData(code: string, position: number): Promise<Buffer | null>;
  articleDocumentData(code: string, position: number): Promise<Buffer | null>;

  // Stock
  stockLevels(articleCode: string): Promise<StockLevel[]>;
  /** Stock of the given kind summed over the depots; null when the article does not track stock. */
  stock(articleCode: string, query: StockQuery): Promise<Dec | null>;
  /** Articles whose stock changed at or after the instant (stock movements or level edits). */
  articlesWithStockChangedSince(since: IsoDate): Promise<string[]>;
  setStock(articleCode: string, depotCode: string, levels: Partial<Pick<StockLevel, 'real' | 'reserved' | 'ordered'>>): Promise<StockLevel>;
  stockMovements(articleCode?: string): Promise<StockMovement[]>;

  // Prices
  prices(articleCode: string): Promise<ArticlePrice[]>;
  price(articleCode: string, priceCategoryId: number): Promise<ArticlePrice | null>;
  setPrice(articleCode: string, priceCategoryId: number, price: Dec, discountPercent?: Dec): Promise<void>;
  articlesWithPriceChangedSince(since: IsoDate): Promise<string[]>;
  promotions(articleCode?: string, at?: IsoDate): Promise<Promotion[]>;
  customerPrices(filter?: { customerCode?: string; articleCode?: string }): Promise<CustomerPrice[]>;
  familyDiscounts(familyCode?: string): Promise<FamilyDiscount[]>;

  // Customers
  countCustomers(filter?: CustomerFilter): Promise<number>;
  customers(filter?: CustomerFilter, pageSize?: number): AsyncIterable<Customer[]>;
  customer(code: string): Promise<Customer | null>;
  findCustomerByEmail(email: string): Promise<Customer | null>;
  createCustomer(input: CustomerInput): Promise<Customer>;
  updateCustomer(code: string, patch: CustomerPatch): Promise<Customer>;

  // Sales documents
  createDocument(input: SalesDocumentInput): Promise<SalesDocument>;
  document(number: string): Promise<SalesDocument | null>;
  /**
   * Exactly-once import: the document carrying this shop order id ("N° pièce site"), if any. With a
   * shop key, the one of that shop, else one made before shops were told apart (shop key ''), which
   * counts as taken for every shop; without, the first one whatever its shop.
   */
  findDocumentByShopOrderId(shopOrderId: string, shopKey?: string): Promise<SalesDocument | null>;
  /** Every document carrying this shop order id, whatever its shop (oldest first). */
  documentsByShopOrderId(shopOrderId: string): Promise<SalesDocument[]>;
  /** Ties a document made before shops were told apart (shop key '') to its shop; refused once it has one. */
  setDocumentShopKey(number: string, shopKey: string): Promise<void>;
  documents(filter?: DocumentFilter): Promise<SalesDocument[]>;
  /**
   * The parcel's tracking number and carrier (checked by normaliseTracking; an empty number clears
   * both). Allowed on a validated document too: the parcel leaves after the document is final, and
   * the tracking is no accounting field.
   */
  setDocumentTracking(number: string, tracking: Partial<DocumentTracking>): Promise<SalesDocument>;
  /** Validates the document: it becomes immutable. */
  validateDocument(number: string): Promise<SalesDocument>;
  addPayment(documentNumber: string, payment: PaymentInput): Promise<Payment>;
  validatePayment(paymentId: number): Promise<void>;
  /** The number the next document of this type would get, without consuming it. */
  peekNextNumber(type: DocumentType): Promise<string>;
}
