/**
 * Resource descriptions, taken from PrestaShop itself: the `schema=synopsis` files of
 * test/fixtures/prestashop-schema/ (field order, formats, required, maxSize, notFilterable,
 * read-only, multilang, associations), plus what the recorded answers show and a synopsis does
 * not say: which JSON values are numbers, and which fields carry an `xlink:href` to which resource.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseXml, type XNode } from './xml.js';

export interface FieldDef {
  name: string;
  format?: string;
  required: boolean;
  maxSize?: number;
  notFilterable: boolean;
  readOnly: boolean;
  lang: boolean;
  /** Target of the xlink:href (e.g. "manufacturers"); linkZero = linked even when the value is 0. */
  link?: string;
  linkZero?: boolean;
  /** How a display=full JSON list types the value. */
  json: 'number' | 'string' | 'null';
  /** An empty value reads back as JSON null (NULL column). */
  nullable?: boolean;
  /** Decimal places of the column (DECIMAL(20,6) → 6), as the recorded answers show them. */
  decimals?: number;
  /** What an empty date column reads back as ('0000-00-00' or '0000-00-00 00:00:00'). */
  zeroDate?: string;
}

export interface AssocDef {
  name: string;
  nodeType: string;
  api?: string;
  virtual: boolean;
  fields: { name: string; link?: string; required: boolean; readOnly: boolean }[];
}

export interface ResourceSchema {
  resource: string;
  element: string;
  fields: FieldDef[];
  associations: AssocDef[];
  byName: Map<string, FieldDef>;
}

/** The 69 resources of PrestaShop 8.1.2's `GET /api/` (806 lists them in this order). */
export const RESOURCES = [
  'addresses', 'attachments', 'carriers', 'cart_rules', 'carts', 'categories', 'combinations', 'configurations', 'contacts',
  'content_management_system', 'countries', 'currencies', 'customer_messages', 'customer_threads', 'customers', 'customizations',
  'deliveries', 'employees', 'groups', 'guests', 'image_types', 'images', 'languages', 'manufacturers', 'messages', 'order_carriers',
  'order_cart_rules', 'order_details', 'order_histories', 'order_invoices', 'order_payments', 'order_slip', 'order_states', 'orders',
  'price_ranges', 'product_customization_fields', 'product_feature_values', 'product_features', 'product_option_values',
  'product_options', 'product_suppliers', 'products', 'search', 'shop_groups', 'shop_urls', 'shops', 'specific_price_rules',
  'specific_prices', 'states', 'stock_availables', 'stock_movement_reasons', 'stock_movements', 'stocks', 'stores', 'suppliers',
  'supply_order_details', 'supply_order_histories', 'supply_order_receipt_histories', 'supply_order_states', 'supply_orders', 'tags',
  'tax_rule_groups', 'tax_rules', 'taxes', 'translated_configurations', 'warehouse_product_locations', 'warehouses', 'weight_ranges',
  'zones',
] as const;

/** Model class names used in validation messages ("Property Customer->email is not valid"). */
export const CLASS_NAMES: Record<string, string> = {
  addresses: 'Address', carriers: 'Carrier', cart_rules: 'CartRule', carts: 'Cart', categories: 'Category', combinations: 'Combination',
  configurations: 'Configuration', countries: 'Country', currencies: 'Currency', customer_messages: 'CustomerMessage',
  customer_threads: 'CustomerThread', customers: 'Customer', groups: 'Group', languages: 'Language', manufacturers: 'Manufacturer',
  order_carriers: 'OrderCarrier', order_cart_rules: 'OrderCartRule', order_details: 'OrderDetail', order_histories: 'OrderHistory',
  order_invoices: 'OrderInvoice', order_payments: 'OrderPayment', order_states: 'OrderState', orders: 'Order', price_ranges: 'RangePrice',
  product_feature_values: 'FeatureValue', product_features: 'Feature', product_option_values: 'ProductAttribute',
  product_options: 'AttributeGroup', products: 'Product', shops: 'Shop', specific_prices: 'SpecificPrice', states: 'State',
  stock_availables: 'StockAvailable', suppliers: 'Supplier', tax_rule_groups: 'TaxRulesGroup', tax_rules: 'TaxRule', taxes: 'Tax',
  zones: 'Zone', attachments: 'Attachment', deliveries: 'Delivery', messages: 'Message', contacts: 'Contact', employees: 'Employee',
  weight_ranges: 'RangeWeight', tags: 'Tag', guests: 'Guest', stores: 'Store',
};

/** Fields that link to another resource, where the recordings do not show it (a fallback). */
const DEFAULT_LINKS: Record<string, string> = {
  id_manufacturer: 'manufacturers', id_supplier: 'suppliers', id_category_default: 'categories', id_default_combination: 'combinations',
  id_tax_rules_group: 'tax_rule_groups', id_product: 'products', id_shop: 'shops', id_customer: 'customers',
  id_address_delivery: 'addresses', id_address_invoice: 'addresses', id_cart: 'carts', id_currency: 'currencies', id_lang: 'languages',
  id_carrier: 'carriers', current_state: 'order_states', id_order_state: 'order_states', id_order: 'orders', id_country: 'countries',
  id_state: 'states', id_zone: 'zones', id_default_group: 'groups', id_attribute_group: 'product_options', id_tax: 'taxes',
  id_order_invoice: 'order_invoices', id_cart_rule: 'cart_rules', id_feature: 'product_features', id_customer_thread: 'customer_threads',
  id_contact: 'contacts', id_parent: 'categories', id_employee: 'employees', id_warehouse: 'warehouses',
};

/** Walks up from this file to the repository's test/fixtures (works from test/ and from dist/test/). */
export function fixturesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, 'test', 'fixtures');
    if (fs.existsSync(path.join(candidate, 'prestashop-schema'))) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('test/fixtures/prestashop-schema not found above the simulator');
}

export interface IndexRow {
  name: string; files: string[]; method: string; path: string; query: string; status: number;
  request_content_type: string | null; auth: string; headers: Record<string, string>; note: string;
}

let indexCache: IndexRow[] | undefined;
export function prestashopIndex(): IndexRow[] {
  indexCache ??= (JSON.parse(fs.readFileSync(path.join(fixturesDir(), 'index.json'), 'utf8')) as Record<string, IndexRow[]>)['prestashop-8.1.2']!;
  return indexCache;
}

export function recordingPath(file: string): string {
  return path.join(fixturesDir(), 'prestashop-8.1.2', file);
}

function isNumberFormat(format: string | undefined): boolean {
  return format === 'isUnsignedId' || format === 'isUnsignedInt' || format === 'isInt' || format === 'isNullOrUnsignedId';
}

let schemas: Map<string, ResourceSchema> | undefined;

export function allSchemas(): Map<string, ResourceSchema> {
  if (schemas) return schemas;
  const dir = path.join(fixturesDir(), 'prestashop-schema');
  const out = new Map<string, ResourceSchema>();
  for (const resource of RESOURCES) {
    const file = path.join(dir, `${resource}.synopsis.xml`);
    if (!fs.existsSync(file)) continue;
    const root = parseXml(fs.readFileSync(file, 'utf8'));
    const el = root.children[0]!;
    const fields: FieldDef[] = [];
    const associations: AssocDef[] = [];
    for (const c of el.children) {
      if (c.name === 'associations') {
        for (const a of c.children) {
          const item = a.children[0];
          associations.push({
            name: a.name,
            nodeType: a.attrs['nodeType'] ?? '',
            api: a.attrs['api'],
            virtual: a.attrs['virtualEntity'] === 'true',
            fields: (item?.children ?? []).map((f) => ({
              name: f.name,
              link: f.attrs['xlink:href'] ? linkTarget(f.attrs['xlink:href']) : undefined,
              required: f.attrs['required'] === 'true',
              readOnly: f.attrs['readOnly'] === 'true',
            })),
          });
        }
        continue;
      }
      const lang = c.children.some((x) => x.name === 'language');
      fields.push({
        name: c.name,
        format: c.attrs['format'],
        required: c.attrs['required'] === 'true',
        maxSize: c.attrs['maxSize'] ? Number(c.attrs['maxSize']) : undefined,
        notFilterable: c.attrs['notFilterable'] === 'true',
        // read_only (no setter) is what refuses writes (93) and leaves blank schemas; readOnly alone does not (last_passwd_gen).
        readOnly: c.attrs['read_only'] === 'true',
        lang,
        json: isNumberFormat(c.attrs['format']) ? 'number' : 'string',
      });
    }
    const s: ResourceSchema = { resource, element: el.name, fields, associations, byName: new Map() };
    if (!fields.some((f) => f.name === 'id')) fields.unshift({ name: 'id', required: false, notFilterable: false, readOnly: false, lang: false, json: 'number' });
    for (const f of fields) s.byName.set(f.name, f);
    out.set(resource, s);
  }
  // `attachments` has no synopsis ("specific management"): its fields from PrestaShop's Attachment class.
  if (!out.has('attachments')) {
    const f = (name: string, extra: Partial<FieldDef> = {}): FieldDef => ({ name, required: false, notFilterable: false, readOnly: false, lang: false, json: 'string', ...extra });
    const fields = [
      f('id', { json: 'number' }), f('file', { maxSize: 40 }), f('file_name', { maxSize: 128 }), f('file_size', { json: 'number', format: 'isUnsignedId' }),
      f('mime', { maxSize: 128 }), f('name', { lang: true, required: true, maxSize: 32, format: 'isGenericName' }), f('description', { lang: true, format: 'isCleanHtml' }),
    ];
    const att: ResourceSchema = { resource: 'attachments', element: 'attachment', fields, associations: [{ name: 'products', nodeType: 'product', api: 'products', virtual: false, fields: [{ name: 'id', required: false, readOnly: false }] }], byName: new Map() };
    for (const x of fields) att.byName.set(x.name, x);
    out.set('attachments', att);
  }
  harvest(out);
  schemas = out;
  return out;
}

function linkTarget(href: string): string {
  const m = /\/api\/(.+?)\/?\d*$/.exec(href);
  return m ? m[1]!.replace(/\/$/, '') : '';
}

/** Reads the recorded answers once: JSON value types and XML links per field. */
function harvest(out: Map<string, ResourceSchema>): void {
  const byElement = new Map<string, ResourceSchema>();
  for (const s of out.values()) byElement.set(s.element, s);
  const seenType = new Map<string, Set<string>>();
  const seenXml = new Set<string>();
  const decimals = new Map<string, number>();
  const zeroDates = new Map<string, string>();
  const notDecimal = new Set<string>();
  // Only what reads show: a write answer echoes the posted text ("0.1", "0").
  const noteValue = (resource: string, k: string, val: unknown, read: boolean): void => {
    if (typeof val !== 'string' || !read) return;
    const key = `${resource}.${k}`;
    const dm = /^-?\d+\.(\d+)$/.exec(val);
    if (dm) decimals.set(key, Math.max(decimals.get(key) ?? 0, dm[1]!.length));
    else if (val !== '') notDecimal.add(key);
    if (/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(val)) zeroDates.set(key, '0000-00-00 00:00:00');
    else if (/^\d{4}-\d\d-\d\d$/.test(val)) zeroDates.set(key, '0000-00-00');
  };
  for (const row of prestashopIndex()) {
    if (row.status !== 200 && row.status !== 201) continue;
    const isRead = row.method === 'GET';
    const bodyFile = row.files.find((f) => !f.includes('.headers.') && !f.includes('.request.'));
    if (!bodyFile) continue;
    const text = fs.readFileSync(recordingPath(bodyFile), 'utf8');
    if (bodyFile.endsWith('.json') && isRead) {
      const resource = row.path.split('/')[2] ?? '';
      const s = out.get(resource);
      if (!s) continue;
      const body = JSON.parse(text) as Record<string, unknown>;
      const v = body[resource] ?? body[s.element];
      const records = Array.isArray(v) ? v : v ? [v] : [];
      for (const r of records as Record<string, unknown>[]) {
        for (const [k, val] of Object.entries(r)) {
          const key = `${resource}.${k}`;
          if (!seenType.has(key)) seenType.set(key, new Set());
          seenType.get(key)!.add(val === null ? 'null' : typeof val);
          noteValue(resource, k, val, true);
        }
      }
    } else if (bodyFile.endsWith('.xml') && !row.query.includes('schema=')) {
      let root: XNode;
      try { root = parseXml(text); } catch { continue; }
      const walk = (n: XNode, s: ResourceSchema | undefined): void => {
        const schema = byElement.get(n.name) ?? s;
        for (const c of n.children) {
          const href = c.attrs['xlink:href'];
          const f = schema?.byName.get(c.name);
          if (f && schema && byElement.get(n.name) === schema) {
            if (c.children.length === 0) noteValue(schema.resource, c.name, c.text, isRead);
            seenXml.add(`${schema.resource}.${c.name}`);
            if (href) {
              f.link = linkTarget(href);
              if (c.text === '0') f.linkZero = true;
            }
          }
          if (c.children.length > 0 && c.name !== 'associations') walk(c, byElement.get(c.name) ? byElement.get(c.name) : schema);
        }
      };
      walk(root, undefined);
    }
  }
  for (const s of out.values()) {
    for (const f of s.fields) {
      const seen = seenType.get(`${s.resource}.${f.name}`);
      if (seen?.has('number')) f.json = 'number';
      else if (seen?.has('string')) f.json = 'string';
      else if (seen?.has('null')) f.json = 'null';
      if (seen?.has('null')) f.nullable = true;
      f.decimals = notDecimal.has(`${s.resource}.${f.name}`) ? undefined : decimals.get(`${s.resource}.${f.name}`);
      if (f.decimals === undefined && ['isPrice', 'isNegativePrice', 'isUnsignedFloat', 'isFloat'].includes(f.format ?? '')) f.decimals = 6;
      f.zeroDate = zeroDates.get(`${s.resource}.${f.name}`);
      if (!f.link && DEFAULT_LINKS[f.name] && !seenXml.has(`${s.resource}.${f.name}`)) f.link = DEFAULT_LINKS[f.name];
    }
  }
}

export function schemaOf(resource: string): ResourceSchema | undefined {
  return allSchemas().get(resource);
}
