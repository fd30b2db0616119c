/**
 * Seeds. `seedBase`: what a fresh French PrestaShop 8.1.2 install has (the 900-999 shop before its
 * recordings: language 1 fr, EUR = currency 1, France = country 8, French VAT taxes 1-4 and tax rule
 * groups 1-4 with rules for France, order states as recorded in 990, carrier 1 "Click and collect").
 * `seedFixtures`: the recorded shop after 900-999 (catalogue, customers, carrier 2 Colissimo, cart
 * rules, the six orders with every sub-resource), imported from the recorded answers themselves.
 */
import fs from 'node:fs';
import { parseXml, type XNode } from './xml.js';
import { prestashopIndex, recordingPath, schemaOf } from './schema.js';
import type { PsState, Row } from './state.js';
import { attachCartRule } from './orders.js';

// Recorded files parsed once per process (every simulator start imports the same answers).
const jsonCache = new Map<string, unknown>();
const xmlCache = new Map<string, XNode>();

function readJson(file: string): unknown {
  if (!jsonCache.has(file)) jsonCache.set(file, JSON.parse(fs.readFileSync(recordingPath(file), 'utf8')));
  return structuredClone(jsonCache.get(file));
}

function readXml(file: string): XNode {
  let n = xmlCache.get(file);
  if (!n) { n = parseXml(fs.readFileSync(recordingPath(file), 'utf8')); xmlCache.set(file, n); }
  return n;
}

/** Upserts a record given as recorded JSON (numbers → strings, plain multilang strings → every language). */
function upsertJson(state: PsState, resource: string, rec: Record<string, unknown>): void {
  const values: Record<string, unknown> = {};
  const s = schemaOf(resource);
  for (const [k, v] of Object.entries(rec)) {
    if (k === 'associations') {
      values['associations'] = Object.fromEntries(Object.entries(v as Record<string, Record<string, unknown>[]>).map(([an, rows]) => [an, rows.map((r) => Object.fromEntries(Object.entries(r).map(([rk, rv]) => [rk, String(rv)])))]));
      continue;
    }
    if (s?.byName.get(k)?.lang && Array.isArray(v)) values[k] = (v as { id: unknown; value: unknown }[]).map((x) => ({ id: Number(x.id), value: String(x.value) }));
    else values[k] = v === null ? null : String(v);
  }
  const id = Number(rec['id']);
  if (state.get(resource, id)) state.update(resource, id, values, false);
  else state.insert(resource, { ...values, date_add: values['date_add'] ?? '', date_upd: values['date_upd'] ?? '' });
}

function upsertXml(state: PsState, resource: string, el: XNode): void {
  const values: Record<string, unknown> = {};
  const s = schemaOf(resource);
  for (const c of el.children) {
    if (c.name === 'associations') {
      values['associations'] = Object.fromEntries(c.children.map((a) => [a.name, a.children.map((item) => Object.fromEntries(item.children.map((x) => [x.name, x.text])) as Row)]));
      continue;
    }
    if (s?.byName.get(c.name)?.lang) values[c.name] = c.children.filter((x) => x.name === 'language').map((x) => ({ id: Number(x.attrs['id']), value: x.text }));
    else values[c.name] = c.text;
  }
  const id = Number(values['id']);
  if (state.get(resource, id)) state.update(resource, id, values, false);
  else state.insert(resource, values);
}

const ORDER_STATES_FILE = '990-order_states-display-full-json.json';

export function seedBase(state: PsState, opts: { shops: number; shopName?: string }): void {
  const at = '2026-12-01 12:00:00';
  for (const id of state.languages) {
    state.insert('languages', { id, name: id === 1 ? 'Français (French)' : `Language ${id}`, iso_code: id === 1 ? 'fr' : `l${id}`, locale: id === 1 ? 'fr-FR' : 'en-US', language_code: id === 1 ? 'fr' : 'en-us', active: '1', is_rtl: '0', date_format_lite: 'd/m/Y', date_format_full: 'd/m/Y H:i:s' });
  }
  state.insert('shop_groups', { id: 1, name: 'Default', share_customer: '0', share_order: '0', share_stock: '0', active: '1', deleted: '0' });
  for (let i = 1; i <= opts.shops; i++) state.insert('shops', { id: i, id_shop_group: '1', id_category: '2', active: '1', deleted: '0', name: i === 1 ? opts.shopName ?? 'La Chocolaterie Lyonnaise' : `Boutique ${i}`, color: '', theme_name: 'classic' });
  for (const [id, name] of [[1, 'Visiteur'], [2, 'Invité'], [3, 'Client']] as const) {
    state.insert('groups', { id, reduction: '0.00', price_display_method: '0', show_prices: '1', date_add: at, date_upd: at, name });
  }
  for (const [id, name] of [[1, 'Europe'], [7, 'Europe (non-EU)']] as const) state.insert('zones', { id, name, active: '1' });
  state.insert('countries', { id: 8, id_zone: '1', id_currency: '0', call_prefix: '33', iso_code: 'FR', active: '1', contains_states: '0', need_identification_number: '0', need_zip_code: '1', zip_code_format: 'NNNNN', display_tax_label: '1', name: 'France' });
  state.insert('countries', { id: 19, id_zone: '7', id_currency: '0', call_prefix: '41', iso_code: 'CH', active: '0', contains_states: '0', need_identification_number: '0', need_zip_code: '1', zip_code_format: 'NNNN', display_tax_label: '1', name: 'Suisse' });
  state.insert('currencies', { id: 1, names: 'Euro', name: 'Euro', symbol: '€', iso_code: 'EUR', numeric_iso_code: '978', precision: '2', conversion_rate: '1.000000', deleted: '0', active: '1', unofficial: '0', modified: '0', pattern: '' });
  const taxes = readJson('921-taxes-display-full-json.json') as { taxes: Record<string, unknown>[] };
  for (const t of taxes.taxes) upsertJson(state, 'taxes', t);
  const groups: [number, string, number][] = [[1, 'FR Taux standard (20%)', 1], [2, 'FR Taux réduit (10%)', 2], [3, 'FR Taux réduit (5.5%)', 3], [4, 'FR Taux super réduit (2.1%)', 4]];
  for (const [id, name, tax] of groups) {
    state.insert('tax_rule_groups', { id, name, active: '1', deleted: '0', date_add: at, date_upd: at });
    // France only here; the recorded shop's groups also cover the other EU countries but never CH.
    state.insert('tax_rules', { id_tax_rules_group: String(id), id_state: '0', id_country: '8', zipcode_from: '0', zipcode_to: '0', id_tax: String(tax), behavior: '0', description: '' });
  }
  const states = readJson(ORDER_STATES_FILE) as { order_states: Record<string, unknown>[] };
  for (const s of states.order_states) upsertJson(state, 'order_states', s);
  state.insert('carriers', { id: 1, deleted: '0', is_module: '0', id_tax_rules_group: '0', id_reference: '1', name: 'Click and collect', active: '1', is_free: '1', url: '', shipping_handling: '0', shipping_external: '0', range_behavior: '0', shipping_method: '0', grade: '0', need_range: '0', position: '0', delay: 'Retrait en magasin' });
  state.insert('categories', { id: 1, id_parent: '0', level_depth: '0', active: '1', is_root_category: '0', name: 'Racine', link_rewrite: 'racine', date_add: at, date_upd: at });
  state.insert('categories', { id: 2, id_parent: '1', level_depth: '1', active: '1', is_root_category: '1', name: 'Accueil', link_rewrite: 'accueil', date_add: at, date_upd: at });
  const configs: [string, string][] = [
    ['PS_LANG_DEFAULT', '1'], ['PS_CURRENCY_DEFAULT', '1'], ['PS_COUNTRY_DEFAULT', '8'], ['PS_SHOP_NAME', opts.shopName ?? 'La Chocolaterie Lyonnaise'],
    ['PS_TAX', '1'], ['PS_ROUND_TYPE', '2'], ['PS_PRICE_ROUND_MODE', '2'], ['PS_TAX_ADDRESS_TYPE', 'id_address_delivery'], ['PS_WEBSERVICE', '1'],
    ['PS_OS_WS_PAYMENT', '11'], ['PS_CARRIER_DEFAULT', '1'], ['PS_GIFT_WRAPPING', '0'], ['PS_GIFT_WRAPPING_PRICE', '0'], ['PS_TIMEZONE', 'Europe/Paris'],
    ['PS_STOCK_MANAGEMENT', '1'], ['PS_SHIPPING_HANDLING', '0'],
  ];
  // Ids as in the recorded install where known (13/14 gift wrapping, 925/926), others out of the way.
  const knownIds: Record<string, number> = { PS_GIFT_WRAPPING: 13, PS_GIFT_WRAPPING_PRICE: 14, PS_CURRENCY_DEFAULT: 6, PS_COUNTRY_DEFAULT: 7, PS_SHOP_NAME: 236 };
  let next = 400;
  for (const [name, value] of configs) state.insert('configurations', { id: knownIds[name] ?? next++, value, name, id_shop_group: '', id_shop: '', date_add: at, date_upd: at });
}

/**
 * Imports the records shown by recorded answers numbered [from, to] (JSON lists/singles and XML
 * bodies; later answers complete earlier ones). `keep` filters the exchanges; `exclude` drops
 * records ("resource:id"). The order POST answers are echoes, never imported.
 */
export function importRecordedAnswers(state: PsState, opts: { from: number; to: number; exclude?: Set<string> }): void {
  const hook = state.afterInsert;
  // The recorded rows already include the stock rows PrestaShop made: no automatic ones while importing.
  state.afterInsert = undefined;
  for (const row of prestashopIndex()) {
    const n = Number.parseInt(row.name, 10);
    if (n < opts.from || n > opts.to || row.status >= 300) continue;
    const resource = row.path.split('/')[2] ?? '';
    if (resource === 'orders' && row.method === 'POST') continue;
    if (row.query.includes('schema=')) continue;
    const file = row.files.find((f) => !f.includes('.headers.') && !f.includes('.request.'));
    if (!file || !schemaOf(resource)) continue;
    const keep = (id: unknown): boolean => !opts.exclude?.has(`${resource}:${String(id)}`);
    if (file.endsWith('.json')) {
      const body = readJson(file) as Record<string, unknown> | unknown[];
      if (Array.isArray(body)) continue;
      const s = schemaOf(resource)!;
      const v = body[resource] ?? body[s.element];
      for (const rec of (Array.isArray(v) ? v : [v]) as Record<string, unknown>[]) if (rec && rec['id'] !== undefined && keep(rec['id'])) upsertJson(state, resource, rec);
    } else if (file.endsWith('.xml')) {
      const root = readXml(file);
      const el = root.children[0];
      if (!el) continue;
      if (el.name === resource) {
        // A list: full records or ids only.
        for (const item of el.children) {
          if (item.children.length > 0) { const id = item.children.find((c) => c.name === 'id')?.text; if (keep(id)) upsertXml(state, resource, item); }
        }
      } else if (el.children.some((c) => c.name === 'id')) {
        const id = el.children.find((c) => c.name === 'id')?.text;
        if (keep(id)) upsertXml(state, resource, el);
      }
    }
  }
  state.afterInsert = hook;
}

/** The state after exchanges 900-999, imported from their answers. */
export function seedFixtures(state: PsState): void {
  importRecordedAnswers(state, { from: 900, to: 999 });
  // Not recorded but stated in the README: stock 100 on every article, the SQL-made carrier zones and prices.
  for (const [id, q] of [[3, '86'], [4, '95'], [5, '98'], [7, '99'], [8, '99']] as const) {
    const sa = state.get('stock_availables', id);
    if (sa) sa['quantity'] = q;
  }
  const pull = state.get('stock_availables', 6);
  if (pull) pull['quantity'] = '198';
  for (const zone of ['1', '7']) {
    if (!state.list('deliveries', (d) => d['id_carrier'] === '2' && d['id_zone'] === zone).length) {
      state.insert('deliveries', { id_carrier: '2', id_range_price: '1', id_range_weight: '0', id_zone: zone, id_shop: '', id_shop_group: '', price: '4.900000' });
    }
  }
  for (const [cart, rule] of [[1, 1], [2, 2], [3, 3]] as const) attachCartRule(state, cart, rule);
  for (const [name, value] of [['PS_GIFT_WRAPPING', '1'], ['PS_GIFT_WRAPPING_PRICE', '2.5'], ['PS_GIFT_WRAPPING_TAX_RULES_GROUP', '1']] as const) {
    const r = state.list('configurations').find((c) => c['name'] === name);
    if (r) r['value'] = value; else state.insert('configurations', { name, value });
  }
}
