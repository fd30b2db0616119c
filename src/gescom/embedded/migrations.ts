/**
 * Schema of the embedded GesCom, as ordered migrations. `PRAGMA user_version`
 * records how many ran, so that a database made by an older Passerelle is brought
 * up to date when opened. Decimals are TEXT (exact), flags INTEGER 0/1, dates ISO TEXT.
 */
import type Database from 'better-sqlite3';

export const GESCOM_APPLICATION_ID = 0x50415347; // "PASG": tells our databases from any other SQLite file

const MIGRATIONS: string[] = [
  `
  CREATE TABLE company (id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL, currency_code TEXT NOT NULL, price_decimals INTEGER NOT NULL);
  CREATE TABLE numbering (doc_type TEXT PRIMARY KEY, prefix TEXT NOT NULL, next INTEGER NOT NULL, width INTEGER NOT NULL);
  CREATE TABLE vat_codes (code TEXT PRIMARY KEY, label TEXT NOT NULL, rate TEXT NOT NULL, exempt INTEGER NOT NULL DEFAULT 0);
  CREATE TABLE families (code TEXT PRIMARY KEY, name TEXT NOT NULL, parent_code TEXT REFERENCES families(code));
  CREATE TABLE article_categories (code TEXT PRIMARY KEY, name TEXT NOT NULL, parent_code TEXT REFERENCES article_categories(code));
  CREATE TABLE suppliers (code TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT);
  CREATE TABLE depots (code TEXT PRIMARY KEY, name TEXT NOT NULL, is_default INTEGER NOT NULL DEFAULT 0);
  CREATE TABLE price_categories (id INTEGER PRIMARY KEY, name TEXT NOT NULL, price_base TEXT NOT NULL CHECK (price_base IN ('HT','TTC')));
  CREATE TABLE accounting_categories (code TEXT PRIMARY KEY, label TEXT NOT NULL, with_tax INTEGER NOT NULL);
  CREATE TABLE bank_journals (code TEXT PRIMARY KEY, label TEXT NOT NULL);
  CREATE TABLE payment_modes (code TEXT PRIMARY KEY, label TEXT NOT NULL, journal_code TEXT REFERENCES bank_journals(code));
  CREATE TABLE currencies (code TEXT PRIMARY KEY, label TEXT NOT NULL, symbol TEXT NOT NULL);
  CREATE TABLE representatives (code TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT);
  CREATE TABLE customer_families (code TEXT PRIMARY KEY, name TEXT NOT NULL);
  CREATE TABLE custom_field_defs (entity TEXT NOT NULL, name TEXT NOT NULL, type TEXT NOT NULL, PRIMARY KEY (entity, name));

  CREATE TABLE articles (
    code TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT NOT NULL DEFAULT '', description_rtf TEXT,
    notes TEXT NOT NULL DEFAULT '', family_code TEXT REFERENCES families(code), category_code TEXT REFERENCES article_categories(code),
    brand TEXT, supplier_code TEXT REFERENCES suppliers(code), supplier_ref TEXT, barcode TEXT, warranty_months INTEGER, unit TEXT,
    ecotax TEXT NOT NULL DEFAULT '0', weight_net TEXT NOT NULL DEFAULT '0', weight_gross TEXT NOT NULL DEFAULT '0',
    is_divers INTEGER NOT NULL DEFAULT 0, do_not_use INTEGER NOT NULL DEFAULT 0, publishable INTEGER NOT NULL DEFAULT 1,
    substitute_code TEXT REFERENCES articles(code) DEFERRABLE INITIALLY DEFERRED, stock_tracked INTEGER NOT NULL DEFAULT 1,
    vat_code TEXT REFERENCES vat_codes(code), purchase_price TEXT NOT NULL DEFAULT '0', sale_price_ht TEXT NOT NULL DEFAULT '0',
    sale_price_ttc TEXT NOT NULL DEFAULT '0', price_base TEXT NOT NULL DEFAULT 'HT', min_quantity TEXT NOT NULL DEFAULT '0',
    location TEXT, available_from TEXT,
    created_at TEXT NOT NULL, modified_at TEXT NOT NULL
  );
  CREATE INDEX articles_modified ON articles(modified_at);
  CREATE TABLE article_custom_values (article_code TEXT NOT NULL REFERENCES articles(code) ON DELETE CASCADE, name TEXT NOT NULL, value TEXT, PRIMARY KEY (article_code, name));
  CREATE TABLE article_files (
    article_code TEXT NOT NULL REFERENCES articles(code) ON DELETE CASCADE, kind TEXT NOT NULL CHECK (kind IN ('image','document')),
    position INTEGER NOT NULL, file_name TEXT NOT NULL, mime_type TEXT NOT NULL, label TEXT NOT NULL DEFAULT '', path TEXT, data BLOB,
    PRIMARY KEY (article_code, kind, position)
  );
  CREATE TABLE article_packagings (article_code TEXT NOT NULL REFERENCES articles(code) ON DELETE CASCADE, code TEXT NOT NULL, label TEXT NOT NULL,
    quantity TEXT NOT NULL, barcode TEXT, price_ht TEXT, PRIMARY KEY (article_code, code));
  CREATE TABLE article_components (article_code TEXT NOT NULL REFERENCES articles(code) ON DELETE CASCADE, position INTEGER NOT NULL,
    component_code TEXT NOT NULL REFERENCES articles(code) DEFERRABLE INITIALLY DEFERRED, quantity TEXT NOT NULL, PRIMARY KEY (article_code, position));

  CREATE TABLE article_links (article_code TEXT NOT NULL REFERENCES articles(code) ON DELETE CASCADE, position INTEGER NOT NULL,
    linked_code TEXT NOT NULL REFERENCES articles(code) DEFERRABLE INITIALLY DEFERRED, PRIMARY KEY (article_code, position));

  CREATE TABLE stock_levels (article_code TEXT NOT NULL REFERENCES articles(code) ON DELETE CASCADE, depot_code TEXT NOT NULL REFERENCES depots(code),
    real TEXT NOT NULL DEFAULT '0', reserved TEXT NOT NULL DEFAULT '0', ordered TEXT NOT NULL DEFAULT '0', modified_at TEXT NOT NULL,
    PRIMARY KEY (article_code, depot_code));
  CREATE INDEX stock_levels_modified ON stock_levels(modified_at);
  CREATE TABLE stock_movements (id INTEGER PRIMARY KEY AUTOINCREMENT, article_code TEXT NOT NULL, depot_code TEXT NOT NULL, quantity TEXT NOT NULL,
    document_number TEXT, date TEXT NOT NULL, reason TEXT NOT NULL);

  CREATE TABLE article_prices (article_code TEXT NOT NULL REFERENCES articles(code) ON DELETE CASCADE, price_category_id INTEGER NOT NULL REFERENCES price_categories(id),
    price TEXT NOT NULL, discount_percent TEXT NOT NULL DEFAULT '0', modified_at TEXT NOT NULL, PRIMARY KEY (article_code, price_category_id));
  CREATE INDEX article_prices_modified ON article_prices(modified_at);
  CREATE TABLE promotions (id INTEGER PRIMARY KEY AUTOINCREMENT, article_code TEXT NOT NULL REFERENCES articles(code) ON DELETE CASCADE, label TEXT NOT NULL,
    price_category_id INTEGER REFERENCES price_categories(id), starts_at TEXT NOT NULL, ends_at TEXT NOT NULL, price_ht TEXT, discount_percent TEXT, modified_at TEXT NOT NULL);
  CREATE TABLE customer_prices (customer_code TEXT NOT NULL, article_code TEXT NOT NULL REFERENCES articles(code) ON DELETE CASCADE, price_ht TEXT, discount_percent TEXT,
    modified_at TEXT NOT NULL, PRIMARY KEY (customer_code, article_code));
  CREATE TABLE family_discounts (id INTEGER PRIMARY KEY AUTOINCREMENT, family_code TEXT NOT NULL REFERENCES families(code), customer_code TEXT, price_category_id INTEGER,
    discount_percent TEXT NOT NULL, modified_at TEXT NOT NULL);

  CREATE TABLE customers (
    code TEXT PRIMARY KEY, accounting_account TEXT, company TEXT, civility TEXT, first_name TEXT, last_name TEXT NOT NULL, email TEXT, phone TEXT, vat_number TEXT,
    billing_address TEXT, delivery_address TEXT, price_category_id INTEGER REFERENCES price_categories(id), family_code TEXT REFERENCES customer_families(code),
    representative_code TEXT REFERENCES representatives(code), accounting_category_code TEXT REFERENCES accounting_categories(code),
    payment_mode_code TEXT REFERENCES payment_modes(code), dormant INTEGER NOT NULL DEFAULT 0, blocked INTEGER NOT NULL DEFAULT 0,
    credit_limit TEXT, payment_delay_days INTEGER, risk TEXT, notes TEXT NOT NULL DEFAULT '', is_prospect INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL, modified_at TEXT NOT NULL
  );
  CREATE INDEX customers_email ON customers(lower(email));
  CREATE INDEX customers_modified ON customers(modified_at);
  CREATE TABLE customer_contacts (customer_code TEXT NOT NULL REFERENCES customers(code) ON DELETE CASCADE, position INTEGER NOT NULL, civility TEXT, first_name TEXT,
    last_name TEXT NOT NULL, email TEXT, phone TEXT, role TEXT, PRIMARY KEY (customer_code, position));
  CREATE TABLE customer_custom_values (customer_code TEXT NOT NULL REFERENCES customers(code) ON DELETE CASCADE, name TEXT NOT NULL, value TEXT, PRIMARY KEY (customer_code, name));

  CREATE TABLE documents (
    number TEXT PRIMARY KEY, type TEXT NOT NULL, date TEXT NOT NULL, customer_code TEXT NOT NULL REFERENCES customers(code),
    billing_address TEXT, delivery_address TEXT, reference TEXT NOT NULL DEFAULT '', remark TEXT NOT NULL DEFAULT '', customer_reference TEXT NOT NULL DEFAULT '',
    depot_code TEXT REFERENCES depots(code), accounting_category_code TEXT REFERENCES accounting_categories(code), currency_code TEXT REFERENCES currencies(code),
    shop_order_id TEXT, price_mode TEXT NOT NULL CHECK (price_mode IN ('HT','TTC')), notes TEXT NOT NULL DEFAULT '',
    shipping_amount TEXT NOT NULL DEFAULT '0', shipping_vat_code TEXT REFERENCES vat_codes(code), footer_discount_percent TEXT NOT NULL DEFAULT '0',
    footer_discount_amount TEXT NOT NULL DEFAULT '0', validated INTEGER NOT NULL DEFAULT 0, moves_stock INTEGER NOT NULL DEFAULT 0,
    total_ht TEXT NOT NULL, total_vat TEXT NOT NULL, total_ttc TEXT NOT NULL, created_at TEXT NOT NULL, modified_at TEXT NOT NULL
  );
  -- Exactly-once import: one document per shop order id and type, whatever the process that tries.
  CREATE UNIQUE INDEX documents_shop_order ON documents(shop_order_id, type) WHERE shop_order_id IS NOT NULL;
  CREATE INDEX documents_date ON documents(date);
  CREATE TABLE document_lines (document_number TEXT NOT NULL REFERENCES documents(number) ON DELETE CASCADE, position INTEGER NOT NULL,
    article_code TEXT REFERENCES articles(code), designation TEXT NOT NULL, quantity TEXT NOT NULL, unit_price TEXT NOT NULL, discount_percent TEXT NOT NULL,
    vat_code TEXT REFERENCES vat_codes(code), vat_rate TEXT NOT NULL, ecotax TEXT NOT NULL DEFAULT '0', depot_code TEXT,
    total_ht TEXT NOT NULL, total_vat TEXT NOT NULL, total_ttc TEXT NOT NULL, PRIMARY KEY (document_number, position));
  CREATE TABLE payments (id INTEGER PRIMARY KEY AUTOINCREMENT, document_number TEXT NOT NULL REFERENCES documents(number), mode_code TEXT NOT NULL REFERENCES payment_modes(code),
    journal_code TEXT REFERENCES bank_journals(code), amount TEXT NOT NULL, date TEXT NOT NULL, label TEXT NOT NULL, reference TEXT, notes TEXT,
    currency_code TEXT, validated INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL);
  `,
  // 2: two shops on one company. The exactly-once key of an imported order becomes (shop identity, order id):
  // "N° pièce site" keeps the order id as the merchant sees it, shop_key says which shop. Documents made
  // before get '' (shop unknown): the importer treats them as taken for every shop until `orders repair`
  // (or the first run of the profile that recorded them) ties them to their shop.
  `
  ALTER TABLE documents ADD COLUMN shop_key TEXT NOT NULL DEFAULT '';
  DROP INDEX documents_shop_order;
  CREATE UNIQUE INDEX documents_shop_order ON documents(shop_key, shop_order_id, type) WHERE shop_order_id IS NOT NULL;
  CREATE INDEX documents_shop_order_id ON documents(shop_order_id) WHERE shop_order_id IS NOT NULL;
  `,
  // 3: the parcel's tracking number and carrier of a document (Sage 50c's delivery notes carry one), sent
  // back to the shop with the status (CMD-13). NULL until the merchant enters them.
  `
  ALTER TABLE documents ADD COLUMN tracking_number TEXT;
  ALTER TABLE documents ADD COLUMN carrier TEXT;
  `,
];

export function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current === 0) {
    const appId = db.pragma('application_id', { simple: true }) as number;
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
    if (appId !== 0 && appId !== GESCOM_APPLICATION_ID) throw new Error('not a Passerelle GesCom database');
    if (appId === 0 && tables.n > 0) throw new Error('this SQLite file holds other tables: not a Passerelle GesCom database');
  }
  for (let version = current; version < MIGRATIONS.length; version++) {
    // Immediate, and the version read again inside: two processes opening an older file at once
    // (two profiles on one company) must not both run a step.
    db.transaction(() => {
      if ((db.pragma('user_version', { simple: true }) as number) !== version) return;
      db.exec(MIGRATIONS[version]!);
      db.pragma(`application_id = ${GESCOM_APPLICATION_ID}`);
      db.pragma(`user_version = ${version + 1}`);
    }).immediate();
  }
}

export const SCHEMA_VERSION = MIGRATIONS.length;
