/**
 * Writes a CompanySeed into an empty embedded GesCom. Articles and customers are
 * streamed in transactions of a few thousand rows so that a 100,000-article company
 * loads in seconds with flat memory.
 */
import { GesComError } from '../../errors.js';
import { chunksOf } from '../../util/chunks.js';
import { dec, fixed } from '../../util/decimal.js';
import type { EmbeddedGesCom } from './embedded-gescom.js';
import { ARTICLE_COLUMNS, encodeCustom, flag, toColumnValue } from './rows.js';
import type { ArticleSeed, CompanySeed } from './seed.js';
import { msg } from '../../i18n/catalogue.js';

const CHUNK = 2000;


export interface LoadSummary {
  articles: number;
  customers: number;
  documents: number;
}

export async function loadCompany(gescom: EmbeddedGesCom, seed: CompanySeed): Promise<LoadSummary> {
  const db = gescom.db;
  if (db.prepare('SELECT 1 FROM company').get()) {
    throw new GesComError(msg('gescom.err.companyExists'), 'gescom', 'company');
  }
  const now = gescom.nowIso();
  db.transaction(() => {
    db.prepare('INSERT INTO company (id, name, currency_code, price_decimals) VALUES (1, ?, ?, ?)').run(seed.company.name, seed.company.currencyCode, seed.company.priceDecimals);
    const ins = (sql: string, rows: unknown[][]) => {
      const stmt = db.prepare(sql);
      for (const r of rows) stmt.run(...r);
    };
    ins('INSERT INTO numbering (doc_type, prefix, next, width) VALUES (?, ?, ?, ?)', seed.numbering.map((n) => [n.type, n.prefix, n.next, n.width]));
    ins('INSERT INTO vat_codes (code, label, rate, exempt) VALUES (?, ?, ?, ?)', seed.vatCodes.map((v) => [v.code, v.label, v.rate, flag(v.exempt)]));
    // Parents first: families may reference each other.
    const byDepth = <T extends { code: string; parentCode: string | null }>(items: T[]): T[] => {
      const out: T[] = [];
      const done = new Set<string>();
      let pending = [...items];
      while (pending.length) {
        const ready = pending.filter((i) => i.parentCode === null || done.has(i.parentCode) || !items.some((o) => o.code === i.parentCode));
        if (!ready.length) throw new GesComError(msg('gescom.err.parentCycle'), 'family', 'parentCode');
        for (const r of ready) { out.push(r); done.add(r.code); }
        pending = pending.filter((i) => !done.has(i.code));
      }
      return out;
    };
    ins('INSERT INTO families (code, name, parent_code) VALUES (?, ?, ?)', byDepth(seed.families).map((f) => [f.code, f.name, f.parentCode]));
    ins('INSERT INTO article_categories (code, name, parent_code) VALUES (?, ?, ?)', byDepth(seed.articleCategories).map((f) => [f.code, f.name, f.parentCode]));
    ins('INSERT INTO suppliers (code, name, email) VALUES (?, ?, ?)', seed.suppliers.map((s) => [s.code, s.name, s.email]));
    ins('INSERT INTO depots (code, name, is_default) VALUES (?, ?, ?)', seed.depots.map((d) => [d.code, d.name, flag(d.isDefault)]));
    ins('INSERT INTO price_categories (id, name, price_base) VALUES (?, ?, ?)', seed.priceCategories.map((p) => [p.id, p.name, p.priceBase]));
    ins('INSERT INTO accounting_categories (code, label, with_tax) VALUES (?, ?, ?)', seed.accountingCategories.map((a) => [a.code, a.label, flag(a.withTax)]));
    ins('INSERT INTO bank_journals (code, label) VALUES (?, ?)', seed.bankJournals.map((j) => [j.code, j.label]));
    ins('INSERT INTO payment_modes (code, label, journal_code) VALUES (?, ?, ?)', seed.paymentModes.map((p) => [p.code, p.label, p.journalCode]));
    ins('INSERT INTO currencies (code, label, symbol) VALUES (?, ?, ?)', seed.currencies.map((c) => [c.code, c.label, c.symbol]));
    ins('INSERT INTO representatives (code, name, email) VALUES (?, ?, ?)', seed.representatives.map((r) => [r.code, r.name, r.email]));
    ins('INSERT INTO customer_families (code, name) VALUES (?, ?)', seed.customerFamilies.map((f) => [f.code, f.name]));
    ins('INSERT INTO custom_field_defs (entity, name, type) VALUES (?, ?, ?)', seed.customFields.map((f) => [f.entity, f.name, f.type]));
  })();
  gescom.refreshCustomFieldTypes();

  const summary: LoadSummary = { articles: 0, customers: 0, documents: 0 };
  const fields = Object.keys(ARTICLE_COLUMNS);
  const cols = ['code', ...fields.map((f) => ARTICLE_COLUMNS[f]!), 'created_at', 'modified_at'];
  const insertArticle = db.prepare(`INSERT INTO articles (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  const insertCustom = db.prepare('INSERT INTO article_custom_values (article_code, name, value) VALUES (?, ?, ?)');
  const insertFile = db.prepare('INSERT INTO article_files (article_code, kind, position, file_name, mime_type, label, path, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const insertPackaging = db.prepare('INSERT INTO article_packagings (article_code, code, label, quantity, barcode, price_ht) VALUES (?, ?, ?, ?, ?, ?)');
  const insertComponent = db.prepare('INSERT INTO article_components (article_code, position, component_code, quantity) VALUES (?, ?, ?, ?)');
  const insertLink = db.prepare('INSERT INTO article_links (article_code, position, linked_code) VALUES (?, ?, ?)');
  const insertPrice = db.prepare('INSERT INTO article_prices (article_code, price_category_id, price, discount_percent, modified_at) VALUES (?, ?, ?, ?, ?)');
  const insertStock = db.prepare('INSERT INTO stock_levels (article_code, depot_code, real, reserved, ordered, modified_at) VALUES (?, ?, ?, ?, ?, ?)');

  const writeArticle = (a: ArticleSeed) => {
    const created = a.createdAt ?? now;
    const modified = a.modifiedAt ?? created;
    insertArticle.run(a.code, ...fields.map((f) => toColumnValue(f, (a as unknown as Record<string, unknown>)[f])), created, modified);
    for (const [name, value] of Object.entries(a.customFields)) insertCustom.run(a.code, name, encodeCustom(value));
    a.images.forEach((f, i) => insertFile.run(a.code, 'image', i + 1, f.fileName, f.mimeType, f.label ?? '', f.path ?? null, f.data ?? null));
    a.documents.forEach((f, i) => insertFile.run(a.code, 'document', i + 1, f.fileName, f.mimeType, f.label ?? '', f.path ?? null, f.data ?? null));
    for (const p of a.packagings) insertPackaging.run(a.code, p.code, p.label, p.quantity, p.barcode, p.priceHt);
    a.components.forEach((c, i) => insertComponent.run(a.code, i + 1, c.componentCode, c.quantity));
    a.linkedCodes.forEach((c, i) => insertLink.run(a.code, i + 1, c));
    for (const p of a.prices) insertPrice.run(a.code, p.priceCategoryId, p.price, p.discountPercent, modified);
    for (const s of a.stock) insertStock.run(a.code, s.depotCode, s.real, s.reserved, s.ordered, modified);
  };
  // Deferred foreign keys (substitutes, components) are checked at each commit; a
  // reference to an article of a later chunk would fail, so keep checks off while
  // streaming and verify once at the end.
  db.pragma('foreign_keys = OFF');
  try {
    for (const chunk of chunksOf(seed.articles, CHUNK)) {
      db.transaction(() => chunk.forEach(writeArticle))();
      summary.articles += chunk.length;
    }
    for (const chunk of chunksOf(seed.customers, CHUNK)) {
      db.transaction(() => {
        for (const c of chunk) gescom.insertCustomer({ ...c, createdAt: c.createdAt ?? now, modifiedAt: c.modifiedAt ?? c.createdAt ?? now });
      })();
      summary.customers += chunk.length;
    }
    db.transaction(() => {
      const promo = db.prepare('INSERT INTO promotions (article_code, label, price_category_id, starts_at, ends_at, price_ht, discount_percent, modified_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
      for (const p of seed.promotions) promo.run(p.articleCode, p.label, p.priceCategoryId, p.startsAt, p.endsAt, p.priceHt, p.discountPercent, now);
      const cp = db.prepare('INSERT INTO customer_prices (customer_code, article_code, price_ht, discount_percent, modified_at) VALUES (?, ?, ?, ?, ?)');
      for (const p of seed.customerPrices) cp.run(p.customerCode, p.articleCode, p.priceHt, p.discountPercent, now);
      const fd = db.prepare('INSERT INTO family_discounts (family_code, customer_code, price_category_id, discount_percent, modified_at) VALUES (?, ?, ?, ?, ?)');
      for (const d of seed.familyDiscounts) fd.run(d.familyCode, d.customerCode, d.priceCategoryId, d.discountPercent, now);
    })();
  } finally {
    db.pragma('foreign_keys = ON');
  }
  const broken = db.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  if (broken.length) {
    const first = broken[0]!;
    throw new GesComError(msg('gescom.err.brokenReference', { table: first.table, row: first.rowid, parent: first.parent }), first.table, first.parent);
  }
  for (const d of seed.documents ?? []) {
    await gescom.createDocument(d);
    summary.documents += 1;
  }
  return summary;
}

/** Derives the TTC price from HT (or the reverse) the way the GesCom does, for seeds and `gescom set`. */
export function otherPrice(base: 'HT' | 'TTC', price: string, ratePercent: string, decimals = 2): string {
  const factor = dec(100).plus(ratePercent).div(100);
  return base === 'HT' ? fixed(dec(price).times(factor), decimals) : fixed(dec(price).div(factor), decimals);
}
