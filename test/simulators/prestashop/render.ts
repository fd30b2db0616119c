/**
 * PrestaShop's two output formats, as recorded: JSON (compact; mixed types; a single resource
 * omits empty values) and XML (CDATA, xlink:href, notFilterable, `<language id>`, associations).
 */
import type { ResourceSchema } from './schema.js';
import type { LangValue, PsRow, Row } from './state.js';
import { cdata, escAttr } from './xml.js';

export type JsonMode = 'single' | 'full' | 'write';

/** PHP's empty(): what a single-resource JSON leaves out. */
function isEmptyValue(v: unknown): boolean {
  return v === null || v === undefined || v === '' || v === '0' || v === 0;
}

function assocValue(name: string, v: string): string | number {
  const idLike = name === 'id' || name.startsWith('id_') || name.endsWith('_id') || name.endsWith('quantity');
  return idLike && /^-?\d+$/.test(v) ? Number(v) : v;
}

export function jsonAssociations(schema: ResourceSchema, row: PsRow): Record<string, unknown[]> | undefined {
  const out: Record<string, unknown[]> = {};
  for (const a of schema.associations) {
    const rows = row.associations[a.name] ?? [];
    if (rows.length === 0) continue;
    out[a.name] = rows.map((r) => {
      const o: Record<string, unknown> = {};
      const names = a.fields.length > 0 ? a.fields.map((f) => f.name) : Object.keys(r);
      for (const n of names) if (r[n] !== undefined) o[n] = assocValue(n, r[n]!);
      return o;
    });
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

export function jsonRecord(schema: ResourceSchema, row: PsRow, mode: JsonMode, languages: number[], fields?: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const wanted = fields ? new Set(fields) : undefined;
  for (const f of schema.fields) {
    if (wanted && !wanted.has(f.name)) continue;
    const raw = f.name === 'id' ? String(row.id) : row[f.name];
    let v: unknown;
    if (f.lang) {
      const lv = (Array.isArray(raw) ? raw : []) as LangValue;
      if (languages.length <= 1) v = lv[0]?.value ?? '';
      else v = lv.map((x) => ({ id: String(x.id), value: x.value }));
      if (mode !== 'full' && (languages.length <= 1 ? isEmptyValue(v) : lv.every((x) => x.value === ''))) continue;
    } else {
      if (mode !== 'full' && isEmptyValue(raw)) continue;
      if (raw === null || raw === undefined) v = f.nullable ? null : '';
      else if (raw === '' && f.nullable) v = null;
      else if (mode === 'write') v = String(raw);
      else if (f.json === 'number' && /^-?\d+$/.test(String(raw))) v = Number(raw);
      else if (f.json === 'null' && raw === '') v = null;
      else v = raw;
    }
    out[f.name] = v;
  }
  if (!wanted || wanted.has('associations')) {
    const a = jsonAssociations(schema, row);
    if (a) out['associations'] = a;
  }
  return out;
}

function href(base: string, target: string, value: string): string {
  return `${base}/api/${target}/${value}`;
}

function attrsFor(schema: ResourceSchema, field: string, value: string, base: string, withFilterFlag = true): string {
  const f = schema.byName.get(field);
  let a = '';
  if (f?.link && value !== '' && (value !== '0' || f.linkZero)) {
    const target = f.link === 'images/products' || field === 'id_default_image' ? `images/products/__PID__` : f.link;
    a += ` xlink:href="${escAttr(href(base, target, value))}"`;
  }
  if (withFilterFlag && f?.notFilterable) a += ' notFilterable="true"';
  return a;
}

/** One record's element (`<product>…</product>`), as a single GET / write answer / display=full list item. */
export interface XmlRecordOptions {
  /** Multilang fields shown without `xlink:href` on `<language>`: a write answer's fields the body did not send (520). */
  plainLang?: ReadonlySet<string>;
  /** Fields linked even when empty (the order POST echo's current_state, 929). */
  emptyLinks?: ReadonlySet<string>;
}

export function xmlRecord(schema: ResourceSchema, row: PsRow, base: string, languages: number[], fields?: readonly string[], opts: XmlRecordOptions = {}): string {
  const wanted = fields ? new Set(fields) : undefined;
  const lines: string[] = [`<${schema.element}>`];
  for (const f of schema.fields) {
    if (wanted && !wanted.has(f.name)) continue;
    const raw = f.name === 'id' ? String(row.id) : row[f.name];
    if (f.lang) {
      const lv = (Array.isArray(raw) ? raw : languages.map((id) => ({ id, value: '' }))) as LangValue;
      const plain = opts.plainLang?.has(f.name) ?? false;
      const inner = lv.map((x) => `<language id="${x.id}"${plain ? '' : ` xlink:href="${base}/api/languages/${x.id}"`}>${cdata(x.value)}</language>`).join('');
      lines.push(`\t<${f.name}${f.notFilterable ? ' notFilterable="true"' : ''}>${inner}</${f.name}>`);
      continue;
    }
    const value = raw === null || raw === undefined ? '' : String(raw);
    let attrs = opts.emptyLinks?.has(f.name) && value === '' && f.link ? ` xlink:href="${base}/api/${f.link}/"` : attrsFor(schema, f.name, value, base);
    if (attrs.includes('__PID__')) attrs = attrs.replace('__PID__', String(row.id));
    lines.push(`\t<${f.name}${attrs}>${cdata(value)}</${f.name}>`);
  }
  if (schema.associations.length > 0 && (!wanted || wanted.has('associations'))) {
    lines.push('<associations>');
    for (const a of schema.associations) {
      const head = `<${a.name} nodeType="${a.nodeType}"${a.virtual ? ' virtualEntity="true"' : ''}${a.api ? ` api="${a.api}"` : ''}`;
      const rows = row.associations[a.name] ?? [];
      if (rows.length === 0) { lines.push(`${head}/>`); continue; }
      lines.push(`${head}>`);
      for (const r of rows) lines.push(...xmlAssocRow(a, r, base));
      lines.push(`</${a.name}>`);
    }
    lines.push('</associations>');
  }
  lines.push(`</${schema.element}>`);
  return lines.join('\n');
}

function xmlAssocRow(a: ResourceSchema['associations'][number], r: Row, base: string): string[] {
  const itemHref = !a.virtual && a.api && r['id'] !== undefined ? ` xlink:href="${base}/api/${a.api}/${r['id']}"` : '';
  const out = [`\t<${a.nodeType}${itemHref}>`];
  const names = a.fields.length > 0 ? a.fields.map((f) => f.name) : Object.keys(r);
  for (const n of names) {
    if (r[n] === undefined) continue;
    const def = a.fields.find((f) => f.name === n);
    const link = def?.link ? ` xlink:href="${base}/api/${def.link}/${r[n]}"` : '';
    out.push(`\t<${n}${link}>${cdata(r[n]!)}</${n}>`);
  }
  out.push(`\t</${a.nodeType}>`);
  return out;
}

export function xmlIdOnly(schema: ResourceSchema, id: number, base: string): string {
  return `<${schema.element} id="${id}" xlink:href="${base}/api/${schema.resource}/${id}"/>`;
}

/** schema=blank: every field empty (multilang with the languages), associations with one empty row. */
export function xmlBlank(schema: ResourceSchema, languages: number[]): string {
  const lines: string[] = [`<${schema.element}>`];
  for (const f of schema.fields) {
    if (f.readOnly) continue;
    if (f.lang) {
      lines.push(`\t<${f.name}>${languages.map((id) => `<language id="${id}"><![CDATA[]]></language>`).join('')}</${f.name}>`);
    } else lines.push(`\t<${f.name}><![CDATA[]]></${f.name}>`);
  }
  if (schema.associations.length > 0) {
    lines.push('<associations>');
    for (const a of schema.associations) {
      lines.push(`<${a.name}>`);
      lines.push(`\t<${a.nodeType}>`);
      for (const f of a.fields) lines.push(`\t<${f.name}><![CDATA[]]></${f.name}>`);
      lines.push(`\t</${a.nodeType}>`);
      lines.push(`</${a.name}>`);
    }
    lines.push('</associations>');
  }
  lines.push(`</${schema.element}>`);
  return lines.join('\n');
}
