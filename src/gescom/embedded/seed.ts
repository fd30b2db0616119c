/**
 * A company as data, loaded into an embedded GesCom by `loadCompany` (load.ts).
 * Articles and customers are iterables so that a generated 100,000-article company
 * streams into the database instead of sitting in memory.
 */
import type {
  AccountingCategory, Article, ArticleCategory, ArticlePrice, BankJournal, CompanyInfo, Currency, Customer,
  CustomerFamily, CustomerPrice, CustomFieldDef, Dec, Depot, Family, FamilyDiscount, PaymentMode, PriceCategory,
  Representative, SalesDocumentInput, StockLevel, Supplier, VatCode, Promotion,
} from '../model.js';

/** An image or document stored in the database: content given inline. */
export interface SeedFile {
  fileName: string;
  mimeType: string;
  label?: string;
  /** Content held in the database. */
  data?: Buffer;
  /** Or a linked file on disk. */
  path?: string;
}

export interface ArticleSeed extends Omit<Article, 'images' | 'documents' | 'createdAt' | 'modifiedAt'> {
  createdAt?: string;
  modifiedAt?: string;
  images: SeedFile[];
  documents: SeedFile[];
  /** Price per price category (Tarif n), in that category's base. */
  prices: Omit<ArticlePrice, 'articleCode'>[];
  /** Stock per depot. */
  stock: Omit<StockLevel, 'articleCode'>[];
}

export interface CustomerSeed extends Omit<Customer, 'createdAt' | 'modifiedAt'> {
  createdAt?: string;
  modifiedAt?: string;
}

export interface CompanySeed {
  company: CompanyInfo;
  /** Document number prefixes and next counters per document type, e.g. invoice: FA + 164. */
  numbering: { type: SalesDocumentInput['type']; prefix: string; next: number; width: number }[];
  vatCodes: VatCode[];
  families: Family[];
  articleCategories: ArticleCategory[];
  suppliers: Supplier[];
  depots: Depot[];
  priceCategories: PriceCategory[];
  accountingCategories: AccountingCategory[];
  bankJournals: BankJournal[];
  paymentModes: PaymentMode[];
  currencies: Currency[];
  representatives: Representative[];
  customerFamilies: CustomerFamily[];
  customFields: CustomFieldDef[];
  articles: Iterable<ArticleSeed>;
  customers: Iterable<CustomerSeed>;
  promotions: Omit<Promotion, 'id'>[];
  customerPrices: CustomerPrice[];
  familyDiscounts: FamilyDiscount[];
  /** Documents created after everything else (e.g. open customer orders that reserve stock). */
  documents?: SalesDocumentInput[];
}

export type { Dec };
