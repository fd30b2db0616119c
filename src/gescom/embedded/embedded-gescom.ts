/**
 * The embedded GesCom: a real SQLite database holding the Sage 50c concepts. It is
 * the default GesCom, the demo company and the reference implementation of the
 * GesCom port.
 */
import { statementCache } from '../../util/sqlite-statements.js';
import { inMemoryCopy } from '../../util/sqlite-copy.js';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DuplicateShopOrderError, GesComError } from '../../errors.js';
import { msg } from '../../i18n/catalogue.js';
import { dec, fixed, isDecimalString, plain } from '../../util/decimal.js';
import { computeLine, computeTotals } from '../document-totals.js';
import { normaliseTracking } from '../document-tracking.js';
import type {
  AccountingCategory, Article, ArticleCategory, ArticlePatch, ArticlePrice, BankJournal, CompanyInfo, Contact, Currency,
  Customer, CustomerFamily, CustomerInput, CustomerPatch, CustomerPrice, CustomFieldDef, CustomFieldType, CustomValue, Dec,
  Depot, DocumentTracking, DocumentType, Family, FamilyDiscount, IsoDate, Payment, PaymentInput, PaymentMode, PriceCategory, Promotion,
  Representative, SalesDocument, SalesDocumentInput, StockLevel, StockMovement, Supplier, VatCode,
} from '../model.js';
import type { ArticleFilter, CustomerFilter, DocumentFilter, GesComPort, StockQuery } from '../port.js';
import { sumStock } from '../stock-kinds.js';
import { migrate } from './migrations.js';
import {
  ARTICLE_COLUMNS, articleFromRow, bool, CUSTOMER_COLUMNS, customerFromRow, decodeCustom, documentHeaderFromRow, encodeCustom,
  flag, numOrNull, type Row, str, strOrNull, toColumnValue, addressToJson,
} from './rows.js';

export interface EmbeddedOptions {
  /** Create the database file when it does not exist (gescom init); otherwise a missing file is an error. */
  create?: boolean;
  /** Clock, so that tests can control created/modified dates. */
  now?: () => Date;
}

const DEFAULT_PAGE = 500;

/** Documents that take stock out when created, as Sage does for delivery notes and direct invoices. */
const STOCK_OUT_TYPES: DocumentType[] = ['deliveryNote', 'invoice'];

export class EmbeddedGesCom implements GesComPort {
  readonly kind = 'embedded';
  readonly db: Database.Database;
  private readonly now: () => Date;
  private customTypes = new Map<string, CustomFieldType>();

  private constructor(db: Database.Database, now: () => Date) {
    this.db = db;
    this.stmt = statementCache(db);
    this.now = now;
    this.loadCustomTypes();
  }

  static open(file: string, options: EmbeddedOptions = {}): EmbeddedGesCom {
    const resolved = file === ':memory:' ? file : path.resolve(file);
    if (resolved !== ':memory:' && !fs.existsSync(resolved)) {
      if (!options.create) {
        // The gescom commands' --db; a profile's gescom.db is named by openGesCom before it gets here.
        throw new GesComError(msg('data.gescomMissing', { file: resolved, option: '--db' }), 'gescom', '--db');
      }
      fs.mkdirSync(path.dirname(resolved), { recursive: true });
    }
    let db: Database.Database;
    try {
      db = new Database(resolved);
      db.pragma('journal_mode = WAL');
      db.pragma('foreign_keys = ON');
      db.pragma('busy_timeout = 5000');
      migrate(db);
    } catch (err) {
      throw new GesComError(msg('gescom.err.dbUnreadable', { file: resolved, reason: (err as Error).message }), 'gescom', 'gescom.db');
    }
    return new EmbeddedGesCom(db, options.now ?? (() => new Date()));
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** The company in memory: the copy a preview writes to (closed with close()). */
  previewCopy(): EmbeddedGesCom {
    const copy = inMemoryCopy(this.db);
    copy.pragma('foreign_keys = ON');
    return new EmbeddedGesCom(copy, this.now);
  }

  nowIso(): IsoDate {
    return this.now().toISOString();
  }

  private loadCustomTypes(): void {
    this.customTypes.clear();
    for (const r of this.db.prepare('SELECT entity, name, type FROM custom_field_defs').all() as Row[]) {
      this.customTypes.set(`${str(r.entity)}:${str(r.name)}`, str(r.type) as CustomFieldType);
    }
  }

  /** Called after the schema's custom fields change (company loading). */
  refreshCustomFieldTypes(): void {
    this.loadCustomTypes();
  }

  async testConnection(): Promise<{ ok: true; company: CompanyInfo } | { ok: false; message: string }> {
    try {
      return { ok: true, company: await this.company() };
    } catch (err) {
      return { ok: false, message: (err as Error).message };
    }
  }

  async company(): Promise<CompanyInfo> {
    const r = this.db.prepare('SELECT * FROM company WHERE id = 1').get() as Row | undefined;
    if (!r) throw new GesComError(msg('gescom.err.noCompany'), 'gescom', 'company');
    return { name: str(r.name), currencyCode: str(r.currency_code), priceDecimals: Number(r.price_decimals) };
  }

  // ---------------------------------------------------------------- reference data

  /** Prepared once per SQL text: reading 100,000 articles runs the same few queries again and again. */
  private readonly stmt: (sql: string) => Database.Statement;

  private all(sql: string, ...params: unknown[]): Row[] {
    return this.stmt(sql).all(...params) as Row[];
  }

  async vatCodes(): Promise<VatCode[]> {
    return this.all('SELECT * FROM vat_codes ORDER BY code').map((r) => ({ code: str(r.code), label: str(r.label), rate: str(r.rate), exempt: bool(r.exempt) }));
  }
  async families(): Promise<Family[]> {
    return this.all('SELECT * FROM families ORDER BY code').map((r) => ({ code: str(r.code), name: str(r.name), parentCode: strOrNull(r.parent_code) }));
  }
  async articleCategories(): Promise<ArticleCategory[]> {
    return this.all('SELECT * FROM article_categories ORDER BY code').map((r) => ({ code: str(r.code), name: str(r.name), parentCode: strOrNull(r.parent_code) }));
  }
  async suppliers(): Promise<Supplier[]> {
    return this.all('SELECT * FROM suppliers ORDER BY code').map((r) => ({ code: str(r.code), name: str(r.name), email: strOrNull(r.email) }));
  }
  async depots(): Promise<Depot[]> {
    return this.all('SELECT * FROM depots ORDER BY code').map((r) => ({ code: str(r.code), name: str(r.name), isDefault: bool(r.is_default) }));
  }
  async priceCategories(): Promise<PriceCategory[]> {
    return this.all('SELECT * FROM price_categories ORDER BY id').map((r) => ({ id: Number(r.id), name: str(r.name), priceBase: r.price_base === 'TTC' ? 'TTC' : 'HT' }));
  }
  async accountingCategories(): Promise<AccountingCategory[]> {
    return this.all('SELECT * FROM accounting_categories ORDER BY code').map((r) => ({ code: str(r.code), label: str(r.label), withTax: bool(r.with_tax) }));
  }
  async paymentModes(): Promise<PaymentMode[]> {
    return this.all('SELECT * FROM payment_modes ORDER BY code').map((r) => ({ code: str(r.code), label: str(r.label), journalCode: strOrNull(r.journal_code) }));
  }
  async bankJournals(): Promise<BankJournal[]> {
    return this.all('SELECT * FROM bank_journals ORDER BY code').map((r) => ({ code: str(r.code), label: str(r.label) }));
  }
  async currencies(): Promise<Currency[]> {
    return this.all('SELECT * FROM currencies ORDER BY code').map((r) => ({ code: str(r.code), label: str(r.label), symbol: str(r.symbol) }));
  }
  async representatives(): Promise<Representative[]> {
    return this.all('SELECT * FROM representatives ORDER BY code').map((r) => ({ code: str(r.code), name: str(r.name), email: strOrNull(r.email) }));
  }
  async customerFamilies(): Promise<CustomerFamily[]> {
    return this.all('SELECT * FROM customer_families ORDER BY code').map((r) => ({ code: str(r.code), name: str(r.name) }));
  }
  async customFieldDefs(entity?: CustomFieldDef['entity']): Promise<CustomFieldDef[]> {
    const rows = entity
      ? this.all('SELECT * FROM custom_field_defs WHERE entity = ? ORDER BY name', entity)
      : this.all('SELECT * FROM custom_field_defs ORDER BY entity, name');
    return rows.map((r) => ({ entity: str(r.entity) as CustomFieldDef['entity'], name: str(r.name), type: str(r.type) as CustomFieldType }));
  }

  // ---------------------------------------------------------------- articles

  private articleWhere(filter: ArticleFilter = {}): { sql: string; params: unknown[] } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (filter.publishableOnly) clauses.push('publishable = 1');
    if (filter.excludeDoNotUse) clauses.push('do_not_use = 0');
    if (filter.changedSince) {
      clauses.push('(modified_at >= ? OR created_at >= ?)');
      params.push(filter.changedSince, filter.changedSince);
    }
    if (filter.codes) {
      clauses.push(`code IN (SELECT value FROM json_each(?))`);
      params.push(JSON.stringify(filter.codes));
    }
    if (filter.familyCodes) {
      clauses.push(`family_code IN (SELECT value FROM json_each(?))`);
      params.push(JSON.stringify(filter.familyCodes));
    }
    return { sql: clauses.length ? clauses.join(' AND ') : '1 = 1', params };
  }

  async countArticles(filter?: ArticleFilter): Promise<number> {
    const w = this.articleWhere(filter);
    return Number((this.stmt(`SELECT count(*) AS n FROM articles WHERE ${w.sql}`).get(...w.params) as Row).n);
  }

  async *articles(filter?: ArticleFilter, pageSize = DEFAULT_PAGE): AsyncIterable<Article[]> {
    const w = this.articleWhere(filter);
    // Keyset pagination: memory stays flat whatever the catalogue size.
    const stmt = this.stmt(`SELECT * FROM articles WHERE ${w.sql} AND code > ? ORDER BY code LIMIT ?`);
    let after = '';
    for (;;) {
      const rows = stmt.all(...w.params, after, pageSize) as Row[];
      if (rows.length === 0) return;
      yield this.hydrateArticles(rows);
      after = str(rows[rows.length - 1]!.code);
      if (rows.length < pageSize) return;
    }
  }

  private hydrateArticles(rows: Row[]): Article[] {
    const codes = JSON.stringify(rows.map((r) => r.code));
    const group = <T>(sql: string, map: (r: Row) => T): Map<string, T[]> => {
      const out = new Map<string, T[]>();
      for (const r of this.stmt(sql).all(codes) as Row[]) {
        const key = str(r.article_code);
        const list = out.get(key) ?? [];
        list.push(map(r));
        out.set(key, list);
      }
      return out;
    };
    const inCodes = 'article_code IN (SELECT value FROM json_each(?))';
    const customs = group(`SELECT * FROM article_custom_values WHERE ${inCodes}`, (r) => r);
    const files = group(`SELECT article_code, kind, position, file_name, mime_type, label, path, length(data) AS size FROM article_files WHERE ${inCodes} ORDER BY position`, (r) => r);
    const packagings = group(`SELECT * FROM article_packagings WHERE ${inCodes} ORDER BY code`, (r) => ({
      code: str(r.code), label: str(r.label), quantity: str(r.quantity), barcode: strOrNull(r.barcode), priceHt: strOrNull(r.price_ht),
    }));
    const links = group(`SELECT * FROM article_links WHERE ${inCodes} ORDER BY position`, (r) => str(r.linked_code));
    const components = group(`SELECT * FROM article_components WHERE ${inCodes} ORDER BY position`, (r) => ({
      componentCode: str(r.component_code), quantity: str(r.quantity),
    }));
    return rows.map((r) => {
      const code = str(r.code);
      const customFields: Record<string, CustomValue> = {};
      for (const c of customs.get(code) ?? []) customFields[str(c.name)] = decodeCustom(c.value, this.customTypes.get(`article:${str(c.name)}`));
      const fileRows = files.get(code) ?? [];
      const toFile = (f: Row) => ({
        position: Number(f.position), fileName: str(f.file_name), path: strOrNull(f.path), size: numOrNull(f.size),
      });
      return {
        ...articleFromRow(r),
        customFields,
        images: fileRows.filter((f) => f.kind === 'image').map((f) => ({ ...toFile(f), mimeType: str(f.mime_type) })),
        documents: fileRows.filter((f) => f.kind === 'document').map((f) => ({ ...toFile(f), label: str(f.label) })),
        packagings: packagings.get(code) ?? [],
        components: components.get(code) ?? [],
        linkedCodes: links.get(code) ?? [],
      };
    });
  }

  async article(code: string): Promise<Article | null> {
    const r = this.stmt('SELECT * FROM articles WHERE code = ?').get(code) as Row | undefined;
    return r ? this.hydrateArticles([r])[0]! : null;
  }

  private requireArticle(code: string): void {
    if (!this.stmt('SELECT 1 FROM articles WHERE code = ?').get(code)) {
      throw new GesComError(msg('gescom.err.unknownArticle', { code }), `article ${code}`, 'code');
    }
  }

  private touchArticle(code: string): void {
    this.stmt('UPDATE articles SET modified_at = ? WHERE code = ?').run(this.nowIso(), code);
  }

  async updateArticle(code: string, patch: ArticlePatch): Promise<Article> {
    this.requireArticle(code);
    const { customFields, ...fields } = patch;
    this.db.transaction(() => {
      for (const [field, value] of Object.entries(fields)) {
        const column = ARTICLE_COLUMNS[field];
        if (!column) throw new GesComError(msg('gescom.err.unknownArticleField', { field }), `article ${code}`, field);
        this.checkDecimalField(field, value, `article ${code}`);
        this.stmt(`UPDATE articles SET ${column} = ? WHERE code = ?`).run(toColumnValue(field, value), code);
      }
      if (customFields) for (const [name, value] of Object.entries(customFields)) this.writeArticleCustom(code, name, value);
      this.touchArticle(code);
    }).immediate();
    return (await this.article(code))!;
  }

  private checkDecimalField(field: string, value: unknown, entity: string): void {
    const decimalFields = ['ecotax', 'weightNet', 'weightGross', 'purchasePrice', 'salePriceHt', 'salePriceTtc', 'minQuantity', 'creditLimit'];
    if (decimalFields.includes(field) && value !== null && (typeof value !== 'string' || !isDecimalString(value))) {
      throw new GesComError(msg('gescom.err.decimalExpected', { field, value: String(value) }), entity, field);
    }
  }

  private writeArticleCustom(code: string, name: string, value: CustomValue): void {
    if (!this.customTypes.has(`article:${name}`)) {
      throw new GesComError(msg('gescom.err.unknownCustomField', { name }), `article ${code}`, `customFields.${name}`);
    }
    this.db
      .prepare('INSERT INTO article_custom_values (article_code, name, value) VALUES (?, ?, ?) ON CONFLICT (article_code, name) DO UPDATE SET value = excluded.value')
      .run(code, name, encodeCustom(value));
  }

  async setArticleCustomField(code: string, name: string, value: CustomValue): Promise<void> {
    this.requireArticle(code);
    this.db.transaction(() => {
      this.writeArticleCustom(code, name, value);
      this.touchArticle(code);
    }).immediate();
  }

  async articleImageData(code: string, position: number): Promise<Buffer | null> {
    const r = this.stmt("SELECT data FROM article_files WHERE article_code = ? AND kind = 'image' AND position = ?").get(code, position) as Row | undefined;
    return r && r.data ? (r.data as Buffer) : null;
  }

  async articleDocumentData(code: string, position: number): Promise<Buffer | null> {
    const r = this.stmt("SELECT data FROM article_files WHERE article_code = ? AND kind = 'document' AND position = ?").get(code, position) as Row | undefined;
    return r && r.data ? (r.data as Buffer) : null;
  }

  // ---------------------------------------------------------------- stock

  async stockLevels(articleCode: string): Promise<StockLevel[]> {
    return this.all('SELECT * FROM stock_levels WHERE article_code = ? ORDER BY depot_code', articleCode).map((r) => ({
      articleCode: str(r.article_code), depotCode: str(r.depot_code), real: str(r.real), reserved: str(r.reserved), ordered: str(r.ordered),
    }));
  }

  async stock(articleCode: string, query: StockQuery): Promise<Dec | null> {
    const a = this.stmt('SELECT stock_tracked FROM articles WHERE code = ?').get(articleCode) as Row | undefined;
    if (!a) throw new GesComError(msg('gescom.err.unknownArticle', { code: articleCode }), `article ${articleCode}`, 'code');
    if (!bool(a.stock_tracked)) return null;
    let levels = await this.stockLevels(articleCode);
    if (query.depotCodes && query.depotCodes.length > 0) levels = levels.filter((l) => query.depotCodes!.includes(l.depotCode));
    return sumStock(levels, query.kind);
  }

  async articlesWithStockChangedSince(since: IsoDate): Promise<string[]> {
    return this.all('SELECT DISTINCT article_code FROM stock_levels WHERE modified_at >= ? ORDER BY article_code', since).map((r) => str(r.article_code));
  }

  private requireDepot(code: string): void {
    if (!this.stmt('SELECT 1 FROM depots WHERE code = ?').get(code)) {
      throw new GesComError(msg('gescom.err.unknownDepot', { code }), `depot ${code}`, 'depotCode');
    }
  }

  /** Adds signed deltas to one depot's levels, creating the row when needed. */
  private bumpStock(articleCode: string, depotCode: string, delta: { real?: Dec; reserved?: Dec; ordered?: Dec }): void {
    const now = this.nowIso();
    this.stmt("INSERT INTO stock_levels (article_code, depot_code, modified_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING").run(articleCode, depotCode, now);
    const cur = this.stmt('SELECT * FROM stock_levels WHERE article_code = ? AND depot_code = ?').get(articleCode, depotCode) as Row;
    this.db
      .prepare('UPDATE stock_levels SET real = ?, reserved = ?, ordered = ?, modified_at = ? WHERE article_code = ? AND depot_code = ?')
      .run(
        plain(dec(str(cur.real)).plus(dec(delta.real))),
        plain(dec(str(cur.reserved)).plus(dec(delta.reserved))),
        plain(dec(str(cur.ordered)).plus(dec(delta.ordered))),
        now, articleCode, depotCode,
      );
  }

  async setStock(articleCode: string, depotCode: string, levels: Partial<Pick<StockLevel, 'real' | 'reserved' | 'ordered'>>): Promise<StockLevel> {
    this.requireArticle(articleCode);
    this.requireDepot(depotCode);
    for (const [k, v] of Object.entries(levels)) {
      if (v !== undefined && !isDecimalString(v)) throw new GesComError(msg('gescom.err.numberExpected', { field: k, value: v }), `article ${articleCode}`, `stock.${k}`);
    }
    this.db.transaction(() => {
      const before = this.stmt('SELECT * FROM stock_levels WHERE article_code = ? AND depot_code = ?').get(articleCode, depotCode) as Row | undefined;
      const cur = { real: str(before?.real ?? '0'), reserved: str(before?.reserved ?? '0'), ordered: str(before?.ordered ?? '0') };
      const delta = {
        real: levels.real === undefined ? '0' : plain(dec(levels.real).minus(cur.real)),
        reserved: levels.reserved === undefined ? '0' : plain(dec(levels.reserved).minus(cur.reserved)),
        ordered: levels.ordered === undefined ? '0' : plain(dec(levels.ordered).minus(cur.ordered)),
      };
      this.bumpStock(articleCode, depotCode, delta);
      if (!dec(delta.real).isZero()) this.recordMovement(articleCode, depotCode, delta.real, null, 'inventory adjustment');
    }).immediate();
    return (await this.stockLevels(articleCode)).find((l) => l.depotCode === depotCode)!;
  }

  private recordMovement(articleCode: string, depotCode: string, quantity: Dec, documentNumber: string | null, reason: string): void {
    this.db
      .prepare('INSERT INTO stock_movements (article_code, depot_code, quantity, document_number, date, reason) VALUES (?, ?, ?, ?, ?, ?)')
      .run(articleCode, depotCode, quantity, documentNumber, this.nowIso(), reason);
  }

  async stockMovements(articleCode?: string): Promise<StockMovement[]> {
    const rows = articleCode
      ? this.all('SELECT * FROM stock_movements WHERE article_code = ? ORDER BY id', articleCode)
      : this.all('SELECT * FROM stock_movements ORDER BY id');
    return rows.map((r) => ({
      id: Number(r.id), articleCode: str(r.article_code), depotCode: str(r.depot_code), quantity: str(r.quantity),
      documentNumber: strOrNull(r.document_number), date: str(r.date), reason: str(r.reason),
    }));
  }

  // ---------------------------------------------------------------- prices

  private priceFromRow(r: Row): ArticlePrice {
    return { articleCode: str(r.article_code), priceCategoryId: Number(r.price_category_id), price: str(r.price), discountPercent: str(r.discount_percent) };
  }

  async prices(articleCode: string): Promise<ArticlePrice[]> {
    return this.all('SELECT * FROM article_prices WHERE article_code = ? ORDER BY price_category_id', articleCode).map((r) => this.priceFromRow(r));
  }

  async price(articleCode: string, priceCategoryId: number): Promise<ArticlePrice | null> {
    const r = this.stmt('SELECT * FROM article_prices WHERE article_code = ? AND price_category_id = ?').get(articleCode, priceCategoryId) as Row | undefined;
    return r ? this.priceFromRow(r) : null;
  }

  async setPrice(articleCode: string, priceCategoryId: number, price: Dec, discountPercent: Dec = '0'): Promise<void> {
    this.requireArticle(articleCode);
    if (!this.stmt('SELECT 1 FROM price_categories WHERE id = ?').get(priceCategoryId)) {
      throw new GesComError(msg('gescom.err.unknownPriceCategory', { id: priceCategoryId }), `article ${articleCode}`, 'priceCategoryId');
    }
    if (!isDecimalString(price)) throw new GesComError(msg('gescom.err.invalidPrice', { value: price }), `article ${articleCode}`, 'price');
    if (!isDecimalString(discountPercent)) throw new GesComError(msg('gescom.err.invalidDiscount', { value: discountPercent }), `article ${articleCode}`, 'discountPercent');
    const now = this.nowIso();
    this.db.transaction(() => {
      this.db
        .prepare(`INSERT INTO article_prices (article_code, price_category_id, price, discount_percent, modified_at) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (article_code, price_category_id) DO UPDATE SET price = excluded.price, discount_percent = excluded.discount_percent, modified_at = excluded.modified_at`)
        .run(articleCode, priceCategoryId, price, discountPercent, now);
      this.touchArticle(articleCode);
    }).immediate();
  }

  async articlesWithPriceChangedSince(since: IsoDate): Promise<string[]> {
    // A promotion that started or ended since then changes the price sent without any row being
    // modified: its article is read again (a future one too, harmlessly: its price is unchanged).
    return this.all(
      `SELECT article_code AS code FROM article_prices WHERE modified_at >= ?
       UNION SELECT article_code FROM promotions WHERE modified_at >= ? OR starts_at >= ? OR ends_at >= ?
       UNION SELECT article_code FROM customer_prices WHERE modified_at >= ?
       UNION SELECT code FROM articles WHERE modified_at >= ? ORDER BY 1`,
      since, since, since, since, since, since,
    ).map((r) => str(r.code));
  }

  async promotions(articleCode?: string, at?: IsoDate): Promise<Promotion[]> {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (articleCode) { clauses.push('article_code = ?'); params.push(articleCode); }
    if (at) { clauses.push('starts_at <= ? AND ends_at >= ?'); params.push(at, at); }
    const where = clauses.length ? `WHERE ${clauses.join(' AND ')}` : '';
    return this.all(`SELECT * FROM promotions ${where} ORDER BY article_code, starts_at`, ...params).map((r) => ({
      id: Number(r.id), articleCode: str(r.article_code), label: str(r.label), priceCategoryId: numOrNull(r.price_category_id),
      startsAt: str(r.starts_at), endsAt: str(r.ends_at), priceHt: strOrNull(r.price_ht), discountPercent: strOrNull(r.discount_percent),
    }));
  }

  async customerPrices(filter: { customerCode?: string; articleCode?: string } = {}): Promise<CustomerPrice[]> {
    return this.all(
      'SELECT * FROM customer_prices WHERE (? IS NULL OR customer_code = ?) AND (? IS NULL OR article_code = ?) ORDER BY customer_code, article_code',
      filter.customerCode ?? null, filter.customerCode ?? null, filter.articleCode ?? null, filter.articleCode ?? null,
    ).map((r) => ({ customerCode: str(r.customer_code), articleCode: str(r.article_code), priceHt: strOrNull(r.price_ht), discountPercent: strOrNull(r.discount_percent) }));
  }

  async familyDiscounts(familyCode?: string): Promise<FamilyDiscount[]> {
    return this.all('SELECT * FROM family_discounts WHERE (? IS NULL OR family_code = ?) ORDER BY id', familyCode ?? null, familyCode ?? null).map((r) => ({
      familyCode: str(r.family_code), customerCode: strOrNull(r.customer_code), priceCategoryId: numOrNull(r.price_category_id), discountPercent: str(r.discount_percent),
    }));
  }

  // ---------------------------------------------------------------- customers

  private customerWhere(filter: CustomerFilter = {}): { sql: string; params: unknown[] } {
    const clauses: string[] = [];
    const params: unknown[] = [];
    if (filter.excludeDormant) clauses.push('dormant = 0');
    if (!filter.includeProspects) clauses.push('is_prospect = 0');
    if (filter.changedSince) { clauses.push('(modified_at >= ? OR created_at >= ?)'); params.push(filter.changedSince, filter.changedSince); }
    if (filter.codes) { clauses.push('code IN (SELECT value FROM json_each(?))'); params.push(JSON.stringify(filter.codes)); }
    return { sql: clauses.length ? clauses.join(' AND ') : '1 = 1', params };
  }

  async countCustomers(filter?: CustomerFilter): Promise<number> {
    const w = this.customerWhere(filter);
    return Number((this.stmt(`SELECT count(*) AS n FROM customers WHERE ${w.sql}`).get(...w.params) as Row).n);
  }

  async *customers(filter?: CustomerFilter, pageSize = DEFAULT_PAGE): AsyncIterable<Customer[]> {
    const w = this.customerWhere(filter);
    const stmt = this.stmt(`SELECT * FROM customers WHERE ${w.sql} AND code > ? ORDER BY code LIMIT ?`);
    let after = '';
    for (;;) {
      const rows = stmt.all(...w.params, after, pageSize) as Row[];
      if (rows.length === 0) return;
      yield rows.map((r) => this.hydrateCustomer(r));
      after = str(rows[rows.length - 1]!.code);
      if (rows.length < pageSize) return;
    }
  }

  private hydrateCustomer(r: Row): Customer {
    const code = str(r.code);
    const contacts: Contact[] = this.all('SELECT * FROM customer_contacts WHERE customer_code = ? ORDER BY position', code).map((c) => ({
      civility: strOrNull(c.civility), firstName: strOrNull(c.first_name), lastName: str(c.last_name), email: strOrNull(c.email),
      phone: strOrNull(c.phone), role: strOrNull(c.role),
    }));
    const customFields: Record<string, CustomValue> = {};
    for (const c of this.all('SELECT * FROM customer_custom_values WHERE customer_code = ?', code)) {
      customFields[str(c.name)] = decodeCustom(c.value, this.customTypes.get(`customer:${str(c.name)}`));
    }
    return { ...customerFromRow(r), contacts, customFields };
  }

  async customer(code: string): Promise<Customer | null> {
    const r = this.stmt('SELECT * FROM customers WHERE code = ?').get(code) as Row | undefined;
    return r ? this.hydrateCustomer(r) : null;
  }

  async findCustomerByEmail(email: string): Promise<Customer | null> {
    // Prospects count too: an order from a known prospect must reuse its account.
    const r = this.stmt('SELECT * FROM customers WHERE lower(email) = lower(?) ORDER BY dormant, code LIMIT 1').get(email.trim()) as Row | undefined;
    return r ? this.hydrateCustomer(r) : null;
  }

  async createCustomer(input: CustomerInput): Promise<Customer> {
    if (!input.code.trim()) throw new GesComError(msg('gescom.err.emptyCustomerCode'), 'customer', 'code');
    if (!input.lastName.trim()) throw new GesComError(msg('gescom.err.emptyName'), `customer ${input.code}`, 'lastName');
    if (this.stmt('SELECT 1 FROM customers WHERE code = ?').get(input.code)) {
      // Never overwrite an existing account silently (CMD-03).
      throw new GesComError(msg('gescom.err.customerExists', { code: input.code }), `customer ${input.code}`, 'code');
    }
    const now = this.nowIso();
    this.db.transaction(() => {
      this.insertCustomer({ ...input, createdAt: now, modifiedAt: now });
    }).immediate();
    return (await this.customer(input.code))!;
  }

  /** Inserts a customer with its contacts and custom values (also used to load a company). */
  insertCustomer(c: Customer): void {
    const fields = Object.keys(CUSTOMER_COLUMNS);
    const cols = ['code', ...fields.map((f) => CUSTOMER_COLUMNS[f]!), 'created_at', 'modified_at'];
    const values = [c.code, ...fields.map((f) => toColumnValue(f, (c as unknown as Record<string, unknown>)[f])), c.createdAt, c.modifiedAt];
    this.stmt(`INSERT INTO customers (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`).run(...values);
    this.writeContacts(c.code, c.contacts);
    for (const [name, value] of Object.entries(c.customFields ?? {})) this.writeCustomerCustom(c.code, name, value);
  }

  private writeContacts(code: string, contacts: Contact[]): void {
    this.stmt('DELETE FROM customer_contacts WHERE customer_code = ?').run(code);
    const stmt = this.stmt('INSERT INTO customer_contacts (customer_code, position, civility, first_name, last_name, email, phone, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    contacts.forEach((k, i) => stmt.run(code, i + 1, k.civility, k.firstName, k.lastName, k.email, k.phone, k.role));
  }

  private writeCustomerCustom(code: string, name: string, value: CustomValue): void {
    if (!this.customTypes.has(`customer:${name}`)) {
      throw new GesComError(msg('gescom.err.unknownCustomField', { name }), `customer ${code}`, `customFields.${name}`);
    }
    this.db
      .prepare('INSERT INTO customer_custom_values (customer_code, name, value) VALUES (?, ?, ?) ON CONFLICT (customer_code, name) DO UPDATE SET value = excluded.value')
      .run(code, name, encodeCustom(value));
  }

  async updateCustomer(code: string, patch: CustomerPatch): Promise<Customer> {
    if (!this.stmt('SELECT 1 FROM customers WHERE code = ?').get(code)) {
      throw new GesComError(msg('gescom.err.unknownCustomer', { code }), `customer ${code}`, 'code');
    }
    const { contacts, customFields, ...fields } = patch;
    this.db.transaction(() => {
      for (const [field, value] of Object.entries(fields)) {
        const column = CUSTOMER_COLUMNS[field];
        if (!column) throw new GesComError(msg('gescom.err.unknownCustomerField', { field }), `customer ${code}`, field);
        this.checkDecimalField(field, value, `customer ${code}`);
        this.stmt(`UPDATE customers SET ${column} = ? WHERE code = ?`).run(toColumnValue(field, value), code);
      }
      if (contacts) this.writeContacts(code, contacts);
      if (customFields) for (const [name, value] of Object.entries(customFields)) this.writeCustomerCustom(code, name, value);
      this.stmt('UPDATE customers SET modified_at = ? WHERE code = ?').run(this.nowIso(), code);
    }).immediate();
    return (await this.customer(code))!;
  }

  // ---------------------------------------------------------------- documents

  private vatRateLookup(): (code: string | null) => Dec {
    const rates = new Map(this.all('SELECT code, rate FROM vat_codes').map((r) => [str(r.code), str(r.rate)]));
    return (code) => (code === null ? '0' : rates.get(code) ?? '0');
  }

  private nextNumber(type: DocumentType, consume: boolean): string {
    const r = this.stmt('SELECT * FROM numbering WHERE doc_type = ?').get(type) as Row | undefined;
    if (!r) throw new GesComError(msg('gescom.err.noNumbering', { type }), 'numbering', type);
    const next = Number(r.next);
    const number = `${str(r.prefix)}${String(next).padStart(Number(r.width), '0')}`;
    if (consume) this.stmt('UPDATE numbering SET next = ? WHERE doc_type = ?').run(next + 1, type);
    return number;
  }

  async peekNextNumber(type: DocumentType): Promise<string> {
    return this.nextNumber(type, false);
  }

  private validateDocumentInput(input: SalesDocumentInput): void {
    const entity = input.shopOrderId ? `order ${input.shopOrderId}` : `document ${input.type}`;
    const exists = (table: string, key: string, value: unknown) => this.stmt(`SELECT 1 FROM ${table} WHERE ${key} = ?`).get(value) !== undefined;
    if (!exists('customers', 'code', input.customerCode)) throw new GesComError(msg('gescom.err.unknownCustomer', { code: input.customerCode }), entity, 'customerCode');
    if (input.depotCode && !exists('depots', 'code', input.depotCode)) throw new GesComError(msg('gescom.err.unknownDepot', { code: input.depotCode }), entity, 'depotCode');
    if (input.accountingCategoryCode && !exists('accounting_categories', 'code', input.accountingCategoryCode)) {
      throw new GesComError(msg('gescom.err.unknownAccountingCategory', { code: input.accountingCategoryCode }), entity, 'accountingCategoryCode');
    }
    if (input.currencyCode && !exists('currencies', 'code', input.currencyCode)) throw new GesComError(msg('gescom.err.unknownCurrency', { code: input.currencyCode }), entity, 'currencyCode');
    if (input.footer.shippingVatCode && !exists('vat_codes', 'code', input.footer.shippingVatCode)) {
      throw new GesComError(msg('gescom.err.unknownVatCode', { code: input.footer.shippingVatCode }), entity, 'footer.shippingVatCode');
    }
    input.lines.forEach((l, i) => {
      const field = `lines[${i + 1}]`;
      if (l.articleCode !== null && !exists('articles', 'code', l.articleCode)) throw new GesComError(msg('gescom.err.unknownArticle', { code: l.articleCode }), entity, `${field}.articleCode`);
      if (l.vatCode !== null && !exists('vat_codes', 'code', l.vatCode)) throw new GesComError(msg('gescom.err.unknownVatCode', { code: l.vatCode }), entity, `${field}.vatCode`);
      for (const k of ['quantity', 'unitPrice', 'discountPercent'] as const) {
        if (!isDecimalString(l[k])) throw new GesComError(msg('gescom.err.numberExpected', { field: `${field}.${k}`, value: String(l[k]) }), entity, `${field}.${k}`);
      }
    });
    input.payments.forEach((p, i) => this.validatePaymentInput(p, entity, `payments[${i + 1}]`));
  }

  private validatePaymentInput(p: PaymentInput, entity: string, field: string): void {
    if (!this.stmt('SELECT 1 FROM payment_modes WHERE code = ?').get(p.modeCode)) {
      throw new GesComError(msg('gescom.err.unknownPaymentMode', { code: p.modeCode }), entity, `${field}.modeCode`);
    }
    if (p.journalCode && !this.stmt('SELECT 1 FROM bank_journals WHERE code = ?').get(p.journalCode)) {
      throw new GesComError(msg('gescom.err.unknownJournal', { code: p.journalCode }), entity, `${field}.journalCode`);
    }
    if (!isDecimalString(p.amount)) throw new GesComError(msg('gescom.err.invalidAmount', { value: p.amount }), entity, `${field}.amount`);
  }

  async createDocument(input: SalesDocumentInput): Promise<SalesDocument> {
    this.validateDocumentInput(input);
    const rateOf = this.vatRateLookup();
    const lines = input.lines.map((l, i) => computeLine(l, i + 1, input.priceMode, rateOf));
    const totals = computeTotals(lines, input.footer, input.priceMode, rateOf);
    const movesStock = input.movesStock ?? STOCK_OUT_TYPES.includes(input.type);
    const now = this.nowIso();
    const shopKey = input.shopKey ?? '';
    let number = '';
    try {
      this.db.transaction(() => {
        if (input.shopOrderId) {
          // The shop's own document, or one made before shops were told apart (key ''): never a second one.
          const existing = this.stmt(`SELECT number, shop_key FROM documents WHERE shop_order_id = ? AND type = ? AND (shop_key = ? OR shop_key = '')
            ORDER BY shop_key DESC LIMIT 1`).get(input.shopOrderId, input.type, shopKey) as Row | undefined;
          if (existing) throw new DuplicateShopOrderError(input.shopOrderId, str(existing.number), str(existing.shop_key));
        }
        number = input.number ?? this.nextNumber(input.type, true);
        if (this.stmt('SELECT 1 FROM documents WHERE number = ?').get(number)) {
          throw new GesComError(msg('gescom.err.documentNumberUsed', { number }), `document ${number}`, 'number');
        }
        this.stmt(
          `INSERT INTO documents (number, type, date, customer_code, billing_address, delivery_address, reference, remark, customer_reference,
            depot_code, accounting_category_code, currency_code, shop_order_id, shop_key, price_mode, notes, shipping_amount, shipping_vat_code,
            footer_discount_percent, footer_discount_amount, validated, moves_stock, total_ht, total_vat, total_ttc, created_at, modified_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?)`,
        ).run(
          number, input.type, input.date, input.customerCode, addressToJson(input.billingAddress), addressToJson(input.deliveryAddress),
          input.reference, input.remark, input.customerReference, input.depotCode, input.accountingCategoryCode, input.currencyCode,
          input.shopOrderId, shopKey, input.priceMode, input.notes, fixed(input.footer.shippingAmount || '0'), input.footer.shippingVatCode,
          plain(input.footer.discountPercent || '0'), fixed(input.footer.discountAmount || '0'), flag(movesStock),
          totals.totalHt, totals.totalVat, totals.totalTtc, now, now,
        );
        const lineStmt = this.stmt(
          `INSERT INTO document_lines (document_number, position, article_code, designation, quantity, unit_price, discount_percent, vat_code, vat_rate,
            ecotax, depot_code, total_ht, total_vat, total_ttc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
        );
        const defaultDepot = input.depotCode ?? (this.stmt('SELECT code FROM depots ORDER BY is_default DESC, code LIMIT 1').get() as Row | undefined)?.code;
        for (const l of lines) {
          lineStmt.run(number, l.position, l.articleCode, l.designation, l.quantity, l.unitPrice, l.discountPercent, l.vatCode, l.vatRate,
            l.ecotax, l.depotCode, l.totalHt, l.totalVat, l.totalTtc);
          this.moveStockForLine(input.type, movesStock, l.articleCode, l.depotCode ?? (defaultDepot ? str(defaultDepot) : null), l.quantity, number);
        }
        for (const p of input.payments) this.insertPayment(number, p);
      }).immediate();
    } catch (err) {
      // Two processes racing on one shop order: the unique index settles it.
      if (err instanceof Error && /UNIQUE constraint failed: documents\.shop_key/.test(err.message) && input.shopOrderId) {
        const existing = await this.findDocumentByShopOrderId(input.shopOrderId, shopKey);
        throw new DuplicateShopOrderError(input.shopOrderId, existing?.number ?? '?', existing?.shopKey ?? shopKey);
      }
      throw err;
    }
    return (await this.document(number))!;
  }

  private moveStockForLine(type: DocumentType, movesStock: boolean, articleCode: string | null, depotCode: string | null, quantity: Dec, number: string): void {
    if (!articleCode || !depotCode) return;
    const a = this.stmt('SELECT stock_tracked FROM articles WHERE code = ?').get(articleCode) as Row | undefined;
    if (!a || !bool(a.stock_tracked)) return;
    if (type === 'order') {
      this.bumpStock(articleCode, depotCode, { reserved: quantity });
    } else if (movesStock) {
      const out = plain(dec(quantity).negated());
      this.bumpStock(articleCode, depotCode, { real: out });
      this.recordMovement(articleCode, depotCode, out, number, `document ${number}`);
    }
  }

  private insertPayment(documentNumber: string, p: PaymentInput): number {
    const journal = p.journalCode ?? (this.stmt('SELECT journal_code FROM payment_modes WHERE code = ?').get(p.modeCode) as Row | undefined)?.journal_code ?? null;
    const info = this.db
      .prepare('INSERT INTO payments (document_number, mode_code, journal_code, amount, date, label, reference, notes, currency_code, validated, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?)')
      .run(documentNumber, p.modeCode, journal, fixed(p.amount), p.date, p.label, p.reference, p.notes, p.currencyCode, this.nowIso());
    return Number(info.lastInsertRowid);
  }

  async document(number: string): Promise<SalesDocument | null> {
    const r = this.stmt('SELECT * FROM documents WHERE number = ?').get(number) as Row | undefined;
    return r ? this.hydrateDocument(r) : null;
  }

  private hydrateDocument(r: Row): SalesDocument {
    const header = documentHeaderFromRow(r);
    const lines = this.all('SELECT * FROM document_lines WHERE document_number = ? ORDER BY position', header.number).map((l) => ({
      position: Number(l.position), articleCode: strOrNull(l.article_code), designation: str(l.designation), quantity: str(l.quantity),
      unitPrice: str(l.unit_price), discountPercent: str(l.discount_percent), vatCode: strOrNull(l.vat_code), vatRate: str(l.vat_rate),
      ecotax: str(l.ecotax), depotCode: strOrNull(l.depot_code), totalHt: str(l.total_ht), totalVat: str(l.total_vat), totalTtc: str(l.total_ttc),
    }));
    const payments: Payment[] = this.all('SELECT * FROM payments WHERE document_number = ? ORDER BY id', header.number).map((p) => ({
      id: Number(p.id), documentNumber: str(p.document_number), modeCode: str(p.mode_code), journalCode: strOrNull(p.journal_code),
      amount: str(p.amount), date: str(p.date), label: str(p.label), reference: strOrNull(p.reference), notes: strOrNull(p.notes),
      currencyCode: strOrNull(p.currency_code), validated: bool(p.validated),
    }));
    let paid = dec(0);
    for (const p of payments) paid = paid.plus(p.amount);
    const totals = computeTotals(lines, header.footer, header.priceMode, this.vatRateLookup(), paid);
    return { ...header, lines, payments, totals };
  }

  async findDocumentByShopOrderId(shopOrderId: string, shopKey?: string): Promise<SalesDocument | null> {
    const r = (shopKey === undefined
      ? this.stmt('SELECT * FROM documents WHERE shop_order_id = ? ORDER BY created_at, number LIMIT 1').get(shopOrderId)
      // The shop's own document first, then one whose shop is unknown.
      : this.stmt(`SELECT * FROM documents WHERE shop_order_id = ? AND (shop_key = ? OR shop_key = '')
          ORDER BY shop_key DESC, created_at, number LIMIT 1`).get(shopOrderId, shopKey)) as Row | undefined;
    return r ? this.hydrateDocument(r) : null;
  }

  async documentsByShopOrderId(shopOrderId: string): Promise<SalesDocument[]> {
    const rows = this.all('SELECT * FROM documents WHERE shop_order_id = ? ORDER BY created_at, number', shopOrderId);
    return rows.map((r) => this.hydrateDocument(r));
  }

  async setDocumentShopKey(number: string, shopKey: string): Promise<void> {
    const r = this.stmt('SELECT shop_key FROM documents WHERE number = ?').get(number) as Row | undefined;
    if (!r) throw new GesComError(msg('gescom.err.unknownDocument', { number }), `document ${number}`, 'number');
    const current = str(r.shop_key);
    if (current === shopKey) return;
    if (current) throw new GesComError(msg('gescom.err.shopKeyFixed', { number, shop: current }), `document ${number}`, 'shopKey');
    this.stmt("UPDATE documents SET shop_key = ? WHERE number = ? AND shop_key = ''").run(shopKey, number);
  }

  async documents(filter: DocumentFilter = {}): Promise<SalesDocument[]> {
    const rows = this.all(
      `SELECT * FROM documents WHERE (? IS NULL OR type = ?) AND (? IS NULL OR date >= ?) AND (? IS NULL OR date <= ?) AND (? IS NULL OR customer_code = ?)
       ORDER BY date, number`,
      filter.type ?? null, filter.type ?? null, filter.from ?? null, filter.from ?? null, filter.to ?? null, filter.to ?? null,
      filter.customerCode ?? null, filter.customerCode ?? null,
    );
    return rows.map((r) => this.hydrateDocument(r));
  }

  async setDocumentTracking(number: string, tracking: Partial<DocumentTracking>): Promise<SalesDocument> {
    if (!this.stmt('SELECT 1 FROM documents WHERE number = ?').get(number)) {
      throw new GesComError(msg('gescom.err.unknownDocument', { number }), `document ${number}`, 'number');
    }
    const t = normaliseTracking(tracking, number);
    this.stmt('UPDATE documents SET tracking_number = ?, carrier = ?, modified_at = ? WHERE number = ?').run(t.trackingNumber, t.carrier, this.nowIso(), number);
    return (await this.document(number))!;
  }

  async validateDocument(number: string): Promise<SalesDocument> {
    const doc = await this.document(number);
    if (!doc) throw new GesComError(msg('gescom.err.unknownDocument', { number }), `document ${number}`, 'number');
    if (!doc.validated) this.stmt('UPDATE documents SET validated = 1, modified_at = ? WHERE number = ?').run(this.nowIso(), number);
    return (await this.document(number))!;
  }

  async addPayment(documentNumber: string, payment: PaymentInput): Promise<Payment> {
    const doc = this.stmt('SELECT 1 FROM documents WHERE number = ?').get(documentNumber);
    if (!doc) throw new GesComError(msg('gescom.err.unknownDocument', { number: documentNumber }), `document ${documentNumber}`, 'number');
    this.validatePaymentInput(payment, `document ${documentNumber}`, 'payment');
    const id = this.insertPayment(documentNumber, payment);
    return (await this.document(documentNumber))!.payments.find((p) => p.id === id)!;
  }

  async validatePayment(paymentId: number): Promise<void> {
    const info = this.stmt('UPDATE payments SET validated = 1 WHERE id = ?').run(paymentId);
    if (info.changes === 0) throw new GesComError(msg('gescom.err.unknownPayment', { id: paymentId }), `payment ${paymentId}`, 'id');
  }
}
