/**
 * The simulated shop's database: one table per webservice resource, records keyed by id, values
 * kept the way PrestaShop stores them (strings; multilang fields as [{id, value}]; `associations`
 * as lists of rows). Direct access for seeding and assertions: get / list / insert / update / remove.
 */
import { Decimal } from '../../../src/util/decimal.js';
import { schemaOf, type ResourceSchema } from './schema.js';

export type LangValue = { id: number; value: string }[];
export type Value = string | null | LangValue;
export type Row = Record<string, string>;
/** A stored record: `id`, the resource's fields, and `associations`. */
export type PsRow = Record<string, unknown> & { id: number; associations: Record<string, Row[]> };

/** Values a fresh ObjectModel has (what a PUT leaves in fields it omits, 814/815). */
const CLASS_DEFAULTS: Record<string, Record<string, string>> = {
  // Exactly what survived the partial PUT of 814: the rest of a webservice-made product is empty.
  products: { type: 'simple', id_shop_default: '1', condition: 'new', visibility: 'both', unit_price_ratio: '0', id_default_combination: '0' },
  combinations: {
    wholesale_price: '0.000000', price: '0.000000', ecotax: '0.000000', weight: '0.000000', unit_price_impact: '0.000000',
    minimal_quantity: '1', low_stock_alert: '0', default_on: '', available_date: '0000-00-00', quantity: '0',
  },
  stock_availables: { id_product_attribute: '0', id_shop: '1', id_shop_group: '0', quantity: '0', depends_on_stock: '0', out_of_stock: '2', location: '' },
  customers: { id_default_group: '3', id_lang: '1', newsletter: '0', optin: '0', active: '1', is_guest: '0', deleted: '0', id_shop: '1', id_shop_group: '1', id_risk: '0', max_payment_days: '0', outstanding_allow_amount: '0.000000', show_public_prices: '0', id_gender: '0' },
  addresses: { id_customer: '0', id_manufacturer: '0', id_supplier: '0', id_warehouse: '0', id_state: '0', deleted: '0' },
  categories: { id_parent: '2', active: '1', is_root_category: '0', id_shop_default: '1', position: '0' },
  specific_prices: { id_shop_group: '0', id_cart: '0', id_product_attribute: '0', id_currency: '0', id_country: '0', id_group: '0', id_customer: '0', from_quantity: '1', price: '-1.000000', reduction_tax: '1' },
  orders: { valid: '0', gift: '0', recyclable: '0', conversion_rate: '1.000000', round_mode: '2', round_type: '2', mobile_theme: '0' },
  currencies: { deleted: '0', active: '1', unofficial: '0', modified: '0', conversion_rate: '1.000000', precision: '2' },
  carriers: { deleted: '0', active: '1', is_module: '0', is_free: '0', shipping_handling: '1', shipping_external: '0', range_behavior: '0', max_width: '0', max_height: '0', max_depth: '0', max_weight: '0.000000', grade: '0', need_range: '0', shipping_method: '0', position: '0', id_tax_rules_group: '0' },
  cart_rules: { quantity: '1', quantity_per_user: '1', priority: '1', partial_use: '1', minimum_amount: '0.000000', minimum_amount_tax: '0', minimum_amount_currency: '0', minimum_amount_shipping: '0', country_restriction: '0', carrier_restriction: '0', group_restriction: '0', cart_rule_restriction: '0', product_restriction: '0', shop_restriction: '0', free_shipping: '0', reduction_percent: '0.00', reduction_amount: '0.000000', reduction_tax: '0', reduction_currency: '0', reduction_product: '0', reduction_exclude_special: '0', gift_product: '0', gift_product_attribute: '0', highlight: '0', active: '1', id_customer: '0' },
};

/** 'YYYY-MM-DD HH:MM:SS' in the shop's time zone (PS_TIMEZONE, Europe/Paris as recorded). */
export function shopDate(d: Date, timeZone = 'Europe/Paris'): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).formatToParts(d);
  const g = (t: string): string => parts.find((p) => p.type === t)?.value ?? '00';
  return `${g('year')}-${g('month')}-${g('day')} ${g('hour') === '24' ? '00' : g('hour')}:${g('minute')}:${g('second')}`;
}

export class PsState {
  readonly tables = new Map<string, Map<number, PsRow>>();
  private readonly nextIds = new Map<string, number>();
  /** Active languages (ids); one language = plain strings in JSON. */
  languages: number[] = [1];
  private frozen: Date | null = null;
  private offsetMs = 0;
  timeZone = 'Europe/Paris';
  /** Hooks the server installs (stock rows for new products/combinations, …). */
  afterInsert: ((resource: string, row: PsRow) => void) | undefined;

  now(): Date { return this.frozen ? new Date(this.frozen.getTime() + this.offsetMs) : new Date(); }
  nowString(): string { return shopDate(this.now(), this.timeZone); }
  /** Freezes the clock (null: real time again). */
  setNow(d: Date | string | null): void { this.frozen = d === null ? null : new Date(d); this.offsetMs = 0; }
  /** Moves a frozen clock forward. */
  tick(ms: number): void { this.offsetMs += ms; }

  table(resource: string): Map<number, PsRow> {
    let t = this.tables.get(resource);
    if (!t) { t = new Map(); this.tables.set(resource, t); }
    return t;
  }

  /** Secondary indexes (resource → field → value → ids), built on first use and kept up to date. */
  private readonly indexes = new Map<string, Map<string, Map<string, Set<number>>>>();

  /** Rows whose `field` equals `value`, in id order, without scanning the table (stock rows of a product…). */
  where(resource: string, field: string, value: string | number): PsRow[] {
    return this.candidates(resource, field, String(value)).filter((r) => String(r[field] ?? '') === String(value));
  }

  /** Rows whose `field` equals `value` ignoring case, as MySQL's collation compares a webservice filter. */
  whereCaseless(resource: string, field: string, value: string): PsRow[] {
    const folded = value.toLowerCase();
    return this.candidates(resource, field, value).filter((r) => String(r[field] ?? '').toLowerCase() === folded);
  }

  /** Index keys are lower-cased: one index serves exact and caseless look-ups. */
  private candidates(resource: string, field: string, value: string): PsRow[] {
    let byField = this.indexes.get(resource);
    if (!byField) { byField = new Map(); this.indexes.set(resource, byField); }
    let idx = byField.get(field);
    if (!idx) {
      idx = new Map();
      for (const r of this.table(resource).values()) {
        const k = String(r[field] ?? '').toLowerCase();
        if (!idx.has(k)) idx.set(k, new Set());
        idx.get(k)!.add(r.id);
      }
      byField.set(field, idx);
    }
    const t = this.table(resource);
    return [...(idx.get(value.toLowerCase()) ?? [])].sort((a, b) => a - b).map((id) => t.get(id)).filter((r): r is PsRow => r !== undefined);
  }

  private reindex(resource: string, row: PsRow, before: Record<string, string> | undefined): void {
    const byField = this.indexes.get(resource);
    if (!byField) return;
    for (const [field, idx] of byField) {
      if (before && field in before) idx.get(before[field]!.toLowerCase())?.delete(row.id);
      const k = String(row[field] ?? '').toLowerCase();
      if (!idx.has(k)) idx.set(k, new Set());
      idx.get(k)!.add(row.id);
    }
  }

  get(resource: string, id: number | string): PsRow | undefined {
    return this.table(resource).get(Number(id));
  }

  /** Records in id order. */
  list(resource: string, pred?: (r: PsRow) => boolean): PsRow[] {
    const rows = [...this.table(resource).values()].sort((a, b) => a.id - b.id);
    return pred ? rows.filter(pred) : rows;
  }

  /** Next auto-increment id (never reused, like MySQL). */
  nextId(resource: string): number {
    // insert() keeps the counter above every id, so no table scan here (20 000-product benchmarks).
    return this.nextIds.get(resource) ?? 1;
  }

  /** Sets the auto-increment of a table (as a real shop whose ids were consumed before). */
  setNextId(resource: string, next: number): void {
    // Like MySQL, never below the highest id + 1.
    let max = 0;
    for (const id of this.table(resource).keys()) if (id > max) max = id;
    this.nextIds.set(resource, Math.max(next, max + 1));
  }

  /** A blank record of the resource: '' everywhere, the class defaults, multilang fields per language. */
  blank(resource: string): PsRow {
    const s = schemaOf(resource);
    const row: PsRow = { id: 0, associations: {} };
    if (!s) return row;
    const defaults = CLASS_DEFAULTS[resource] ?? {};
    for (const f of s.fields) {
      if (f.name === 'id') continue;
      row[f.name] = f.lang ? this.languages.map((id) => ({ id, value: '' })) : defaults[f.name] ?? '';
    }
    for (const a of s.associations) row.associations[a.name] = [];
    return row;
  }

  /**
   * Inserts a record (missing fields blank/default, strings for scalars; a plain string for a multilang
   * field is used for every language). Returns the stored row. date_add/date_upd default to now.
   * Values are stored as the database gives them back (see normalise) unless `asPosted` (the
   * webservice's POST, whose answer shows the posted text; it normalises afterwards).
   */
  insert(resource: string, values: Record<string, unknown>, opts: { asPosted?: boolean } = {}): PsRow {
    const row = this.blank(resource);
    const s = schemaOf(resource);
    for (const [k, v] of Object.entries(values)) {
      if (k === 'associations') {
        for (const [an, rows] of Object.entries(v as Record<string, Record<string, unknown>[]>)) {
          row.associations[an] = rows.map((r) => Object.fromEntries(Object.entries(r).map(([rk, rv]) => [rk, rv === null || rv === undefined ? '' : String(rv)])));
        }
        continue;
      }
      if (k === 'id') continue;
      row[k] = normaliseValue(v, s?.byName.get(k)?.lang ?? false, this.languages);
    }
    const id = values['id'] !== undefined && values['id'] !== '' ? Number(values['id']) : this.nextId(resource);
    row.id = id;
    const stamp = this.nowString();
    if (s?.byName.has('date_add') && !values['date_add']) row['date_add'] = stamp;
    if (s?.byName.has('date_upd') && !values['date_upd']) row['date_upd'] = stamp;
    if (!opts.asPosted) this.normalise(resource, row);
    const previous = this.table(resource).get(id);
    this.table(resource).set(id, row);
    if (previous) this.reindex(resource, row, this.indexedValues(resource, previous)); else this.reindex(resource, row, undefined);
    if (id >= (this.nextIds.get(resource) ?? 1)) this.nextIds.set(resource, id + 1);
    this.afterInsert?.(resource, row);
    return row;
  }

  /** Changes some fields (and date_upd). */
  update(resource: string, id: number | string, values: Record<string, unknown>, touch = true, opts: { asPosted?: boolean } = {}): PsRow {
    const row = this.get(resource, id);
    if (!row) throw new Error(`${resource} ${id} does not exist`);
    const before = this.indexedValues(resource, row);
    const s = schemaOf(resource);
    for (const [k, v] of Object.entries(values)) {
      if (k === 'id') continue;
      if (k === 'associations') {
        for (const [an, rows] of Object.entries(v as Record<string, Record<string, unknown>[]>)) {
          row.associations[an] = rows.map((r) => Object.fromEntries(Object.entries(r).map(([rk, rv]) => [rk, rv === null || rv === undefined ? '' : String(rv)])));
        }
        continue;
      }
      row[k] = normaliseValue(v, s?.byName.get(k)?.lang ?? false, this.languages);
    }
    if (touch && s?.byName.has('date_upd') && values['date_upd'] === undefined) row['date_upd'] = this.nowString();
    if (!opts.asPosted) this.normalise(resource, row);
    this.reindex(resource, row, before);
    return row;
  }

  private indexedValues(resource: string, row: PsRow): Record<string, string> | undefined {
    const byField = this.indexes.get(resource);
    if (!byField) return undefined;
    return Object.fromEntries([...byField.keys()].map((f) => [f, String(row[f] ?? '')]));
  }

  /**
   * What the database gives back after a write: decimals padded to their column's scale ('0.1' →
   * '0.100000'), empty ints/flags '0', empty dates the zero date. The write answer itself shows the
   * values as posted (905 weight "0.1"), a later read the stored ones (999).
   */
  normalise(resource: string, row: PsRow): void {
    const s = schemaOf(resource);
    if (!s) return;
    for (const f of s.fields) {
      if (f.name === 'id' || f.lang || f.notFilterable) continue;
      const v = row[f.name];
      if (v === null || typeof v !== 'string') continue;
      if (f.decimals !== undefined && (v === '' || /^-?\d+(\.\d+)?$/.test(v))) {
        if (v === '' && f.nullable) continue;
        row[f.name] = new Decimal(v === '' ? '0' : v).toFixed(f.decimals);
      } else if (v === '' && f.zeroDate) row[f.name] = f.zeroDate;
      else if (v === '' && !f.nullable && (f.json === 'number' || ['isBool', 'isUnsignedId', 'isUnsignedInt', 'isInt'].includes(f.format ?? ''))) row[f.name] = '0';
    }
  }

  remove(resource: string, id: number | string): boolean {
    const row = this.get(resource, id);
    if (row) for (const idx of this.indexes.get(resource)?.values() ?? []) for (const set of idx.values()) set.delete(row.id);
    return this.table(resource).delete(Number(id));
  }

  /** A multilang value in one language (the first when not given). */
  text(row: PsRow, field: string, lang?: number): string {
    const v = row[field];
    if (Array.isArray(v)) return ((lang ? v.find((x: { id: number }) => x.id === lang) : v[0]) as { value: string } | undefined)?.value ?? '';
    return v === null || v === undefined ? '' : String(v);
  }
}

function normaliseValue(v: unknown, lang: boolean, languages: number[]): Value {
  if (lang) {
    if (Array.isArray(v)) return (v as { id: number | string; value: unknown }[]).map((x) => ({ id: Number(x.id), value: String(x.value ?? '') }));
    return languages.map((id) => ({ id, value: v === null || v === undefined ? '' : String(v) }));
  }
  if (v === null) return null;
  if (v === undefined) return '';
  return String(v);
}

export type { ResourceSchema };
