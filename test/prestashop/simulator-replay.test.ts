/**
 * Replays EVERY recorded PrestaShop 8.1.2 exchange (test/fixtures/index.json, in recording order)
 * against the simulator and compares each answer with the recording:
 * - same status and Content-Type;
 * - JSON: the same keys in the same order and the same value types, recursively (lists: same length);
 * - XML: the same element tree (names, order, attribute names, whether there is text), recursively;
 * - text bodies (401 text/html, empty 404/500): the same bytes.
 * Values are not compared (ids from the real auto-increment, dates from its clock, hashes, cookies),
 * except the error codes, which must match one for one.
 *
 * Two shops were recorded: 500-819 on a demo-data shop, 900-999 on a fresh French shop. Each phase
 * starts from the state before its first exchange:
 * - 500-819: the demo records the answers show, minus the ones the exchanges create (their 201 ids,
 *   the stock rows 99-102 made with products 60/61, history 8 of 551);
 * - 900-999: the simulator's fresh French install (seedBase), with the auto-increments the real
 *   install had consumed (products and stock rows start at 3) and, between exchanges, the SQL the
 *   recorder ran (carrier zones/prices, cart ↔ cart rule links; test/fixtures/README.md).
 * Before each POST the table's auto-increment is set to the id the real shop gave (the real one had
 * holes the simulator cannot know), so later requests that name recorded ids find them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrestaShopSimulator, type PrestaShopSimulator } from '../simulators/prestashop/server.js';
import { importRecordedAnswers } from '../simulators/prestashop/seed.js';
import { attachCartRule, setOrderReference } from '../simulators/prestashop/orders.js';
import { parseXml, type XNode } from '../simulators/prestashop/xml.js';

const DIR = path.resolve('test/fixtures/prestashop-8.1.2');
interface Row { name: string; files: string[]; method: string; path: string; query: string; status: number; request_content_type: string | null; auth: string }
const ROWS = (JSON.parse(fs.readFileSync(path.resolve('test/fixtures/index.json'), 'utf8')) as Record<string, Row[]>)['prestashop-8.1.2']!;

const RECORDED_REFERENCES: Record<string, [number, string]> = {
  '929-orders-create-a-2xAR0003-1xAR0010-shipping-BIENVENUE10-wire': [1, 'EFAJFWHOE'],
  '931-orders-create-b-3xAR0003-2xAR0010-1xAR0012-REMISE5-cheque': [2, 'VHPWFYUNU'],
  '933-orders-create-c-AR0014-AR0017-combinations-LIVRAISONOFFERTE': [3, 'BUSALJCUT'],
  '935-orders-create-d-7xAR0003-gift-wrapping': [4, 'PPDHKIUTY'],
  '937-orders-create-e-1xAR0010-CH-address': [5, 'FRCHEMHFB'],
  '939-orders-create-f-1xAR0012-1xAR0003-state-changes': [6, 'AXRBJWIJG'],
};

/**
 * Differences the simulator keeps on purpose, per exchange: only the matching differences are
 * forgiven, the rest of the answer is still compared.
 */
const EXCEPTIONS: Record<string, { reason: string; ignore: RegExp }> = {
  '634-groups-display-full': {
    reason: 'the demo shop types show_prices as a number for group 1 but a string for groups 2 and 3 in the same list; the simulator types a field one way (number)',
    ignore: /^\$\.groups\[\d\]\.show_prices: string recorded, number simulated$/,
  },
  '670-currencies-display-full': {
    reason: 'deleted/active/unofficial/modified are strings in the demo shop (670) but numbers in the French shop (991); the simulator follows 991, the shop the connector is tested against',
    ignore: /^\$\.currencies\[\d\]\.(deleted|active|unofficial|modified): string recorded, number simulated$/,
  },
};

function recordedBody(row: Row): { file: string; text: string } {
  const file = row.files.find((f) => !f.includes('.headers.') && !f.includes('.request.'))!;
  return { file, text: fs.readFileSync(path.join(DIR, file), 'utf8') };
}

function recordedContentType(row: Row): string | undefined {
  const h = fs.readFileSync(path.join(DIR, `${row.name}.headers.txt`), 'utf8');
  return /^Content-Type: (.*)$/im.exec(h)?.[1]?.trim();
}

function typeOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
}

/** Differences of shape between two JSON values ([] when the same). */
function jsonShapeDiff(a: unknown, b: unknown, at = '$'): string[] {
  if (typeOf(a) !== typeOf(b)) return [`${at}: ${typeOf(a)} recorded, ${typeOf(b)} simulated`];
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return [`${at}: ${a.length} items recorded, ${b.length} simulated`];
    return a.flatMap((x, i) => jsonShapeDiff(x, b[i], `${at}[${i}]`));
  }
  if (a && typeof a === 'object') {
    const ka = Object.keys(a as object);
    const kb = Object.keys(b as object);
    if (ka.join(',') !== kb.join(',')) {
      const missing = ka.filter((k) => !kb.includes(k));
      const extra = kb.filter((k) => !ka.includes(k));
      return [`${at}: keys differ${missing.length ? ` missing [${missing.join(',')}]` : ''}${extra.length ? ` extra [${extra.join(',')}]` : ''}${!missing.length && !extra.length ? ' (order)' : ''}`];
    }
    return ka.flatMap((k) => jsonShapeDiff((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${k}`));
  }
  return [];
}

function xmlShapeDiff(a: XNode, b: XNode, at = ''): string[] {
  const here = `${at}/${a.name}`;
  if (a.name !== b.name) return [`${here}: element ${b.name} simulated`];
  const aa = Object.keys(a.attrs).sort().join(',');
  const ba = Object.keys(b.attrs).sort().join(',');
  if (aa !== ba) return [`${here}: attributes [${aa}] recorded, [${ba}] simulated`];
  if (a.children.length !== b.children.length) {
    return [`${here}: children [${a.children.map((c) => c.name).join(',')}] recorded, [${b.children.map((c) => c.name).join(',')}] simulated`];
  }
  return a.children.flatMap((c, i) => xmlShapeDiff(c, b.children[i]!, here));
}

function errorCodes(text: string, json: boolean): string {
  if (json) return ((JSON.parse(text) as { errors?: { code: number }[] }).errors ?? []).map((e) => e.code).join(',');
  return [...text.matchAll(/<code><!\[CDATA\[(\d+)\]\]><\/code>/g)].map((m) => m[1]).join(',');
}

function recordedId(row: Row): number | undefined {
  const { file, text } = recordedBody(row);
  if (file.endsWith('.json')) {
    const v = Object.values(JSON.parse(text) as Record<string, { id?: unknown }>)[0];
    return v?.id !== undefined ? Number(v.id) : undefined;
  }
  const m = /^\t<id><!\[CDATA\[(\d+)\]\]><\/id>/m.exec(text);
  return m ? Number(m[1]) : undefined;
}

async function replay(sim: PrestaShopSimulator, row: Row): Promise<string[]> {
  const resource = row.path.split('/')[2] ?? '';
  if (row.method === 'POST' && row.status === 201) {
    const id = recordedId(row);
    if (id !== undefined) sim.state.setNextId(resource, id);
  }
  const headers: Record<string, string> = {};
  if (row.auth === 'valid') headers['Authorization'] = `Basic ${Buffer.from(`${sim.key}:`).toString('base64')}`;
  else if (/wrong-key/.test(row.name)) headers['Authorization'] = `Basic ${Buffer.from('ABCDEFGHIJKLMNOPQRSTUVWXYZ012345:').toString('base64')}`;
  const reqFile = row.files.find((f) => f.includes('.request.'));
  let body: string | undefined;
  if (reqFile) {
    body = fs.readFileSync(path.join(DIR, reqFile), 'utf8');
    headers['Content-Type'] = row.request_content_type ?? 'text/xml';
  }
  const res = await fetch(`${sim.url}${row.path}${row.query ? `?${row.query}` : ''}`, { method: row.method, headers, body });
  const text = await res.text();
  const diffs: string[] = [];
  if (res.status !== row.status) diffs.push(`status ${row.status} recorded, ${res.status} simulated: ${text.slice(0, 300)}`);
  const ct = recordedContentType(row);
  if ((res.headers.get('content-type') ?? undefined) !== ct) diffs.push(`Content-Type ${ct} recorded, ${res.headers.get('content-type')} simulated`);
  if (diffs.length) return diffs;
  const rec = recordedBody(row);
  if (rec.file.endsWith('.json')) {
    if (row.status >= 400) {
      if (errorCodes(rec.text, true) !== errorCodes(text, true)) diffs.push(`error codes ${errorCodes(rec.text, true)} recorded, ${errorCodes(text, true)} simulated: ${text.slice(0, 300)}`);
    }
    diffs.push(...jsonShapeDiff(JSON.parse(rec.text), JSON.parse(text)));
  } else if (rec.file.endsWith('.xml')) {
    if (row.status >= 400 && errorCodes(rec.text, false) !== errorCodes(text, false)) diffs.push(`error codes ${errorCodes(rec.text, false)} recorded, ${errorCodes(text, false)} simulated`);
    diffs.push(...xmlShapeDiff(parseXml(rec.text), parseXml(text)));
  } else if (rec.text !== text) diffs.push(`body ${JSON.stringify(rec.text.slice(0, 80))} recorded, ${JSON.stringify(text.slice(0, 80))} simulated`);
  return diffs;
}

/** The ids the 500-819 exchanges create (absent from the state before them). */
function createdBefore(rows: Row[]): Set<string> {
  const out = new Set<string>(['stock_availables:99', 'stock_availables:100', 'stock_availables:101', 'stock_availables:102', 'order_histories:8']);
  for (const r of rows) {
    if (r.method === 'POST' && r.status === 201) {
      const id = recordedId(r);
      if (id !== undefined) out.add(`${r.path.split('/')[2]}:${id}`);
    }
  }
  return out;
}

/** The SQL the recorder ran between exchanges of 900-999 (README "Shop setup" and "How the orders were created"). */
function sqlBefore(sim: PrestaShopSimulator, name: string): void {
  const n = Number.parseInt(name, 10);
  if (n === 928) {
    for (const zone of ['1', '7']) {
      const d = sim.state.list('deliveries', (x) => x['id_carrier'] === '2' && x['id_zone'] === zone)[0];
      if (d) d['price'] = '4.900000';
      else sim.state.insert('deliveries', { id_carrier: '2', id_range_price: '1', id_range_weight: '0', id_zone: zone, price: '4.900000' });
    }
  }
  if (n === 929) attachCartRule(sim.state, 1, 1);
  if (n === 931) attachCartRule(sim.state, 2, 2);
  if (n === 933) attachCartRule(sim.state, 3, 3);
}

describe('PrestaShop simulator replays every recorded exchange', () => {
  const demoRows = ROWS.filter((r) => Number.parseInt(r.name, 10) < 900);
  const frRows = ROWS.filter((r) => Number.parseInt(r.name, 10) >= 900);
  let demo: PrestaShopSimulator;
  let fr: PrestaShopSimulator;

  beforeAll(async () => {
    demo = await startPrestaShopSimulator({ shopName: 'La Chocolaterie Lyonnaise' });
    // The demo shop: its records as the answers show them, without what the exchanges create.
    for (const t of ['products', 'stock_availables', 'categories', 'orders', 'order_histories', 'carriers', 'customers', 'groups', 'taxes', 'tax_rule_groups', 'tax_rules', 'countries', 'zones', 'currencies', 'languages', 'shops', 'order_states', 'configurations', 'cart_rules']) {
      for (const r of demo.state.list(t)) demo.state.remove(t, r.id);
    }
    importRecordedAnswers(demo.state, { from: 500, to: 899, exclude: createdBefore(demoRows) });
    demo.state.setNextId('stock_availables', 99);
    fr = await startPrestaShopSimulator();
    fr.state.setNextId('products', 3);
    fr.state.setNextId('stock_availables', 3);
  });
  afterAll(async () => {
    await demo?.close();
    await fr?.close();
  });

  it('has every exchange of the index (129 + 100)', () => {
    expect(demoRows.length).toBe(129);
    expect(frRows.length).toBe(100);
  });

  const failures: Record<string, string[]> = {};
  it('500-819 (demo-data shop) and 900-999 (French shop): same status, content type and shape', async () => {
    for (const row of [...demoRows, ...frRows]) {
      const sim = Number.parseInt(row.name, 10) < 900 ? demo : fr;
      if (sim === fr) sqlBefore(sim, row.name);
      const diffs = await replay(sim, row);
      // References are random in PrestaShop: give each order the recorded one, as later reads filter on it.
      const ref = RECORDED_REFERENCES[row.name];
      if (ref) setOrderReference(fr.state, ref[0], ref[1]);
      const exception = EXCEPTIONS[row.name];
      const left = exception ? diffs.filter((d) => !exception.ignore.test(d)) : diffs;
      if (left.length) failures[row.name] = left.slice(0, 4);
    }
    expect(failures).toEqual({});
  }, 120_000);
});
