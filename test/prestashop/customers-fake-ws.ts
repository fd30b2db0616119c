/**
 * An in-memory PrestaShop webservice for the customer tests, behaving as the recorded 8.1.2 does
 * where the customer part depends on it: every write body goes through the real XML writer and
 * is parsed back (multilang and associations as the shop receives them), POST requires the
 * synopsis' required fields (`passwd` on customers, 705), PUT replaces the whole record and
 * blanks what it omits (814-816), `passwd` is hashed unless sent back as held, names and e-mails
 * are validated as Validate.php does (810/811: 400 code 85 "Property Customer->email is not
 * valid"), filters take `[a|b]`. Every request is logged for assertions.
 */
import { readFileSync } from 'node:fs';
import { HttpError } from '../../src/http/http-error.js';
import { parsePsXml, psXml, recordName } from '../../src/shops/prestashop/ws-client.js';
import type { PsListQuery, PsRecord, PsWebservice } from '../../src/shops/prestashop/webservice.js';

const SCHEMA_DIR = new URL('../fixtures/prestashop-schema/', import.meta.url);

/** Top-level fields and the required ones of a resource, read from its recorded synopsis. */
function synopsis(resource: string): { fields: string[]; required: string[] } {
  const xml = readFileSync(new URL(`${resource}.synopsis.xml`, SCHEMA_DIR), 'utf8');
  const body = xml.split(`<${recordName(resource)}>`)[1]!.split('<associations>')[0]!;
  const fields: string[] = [];
  const required: string[] = [];
  for (const m of body.matchAll(/^\t<(\w+)([^>]*)>/gm)) {
    fields.push(m[1]!);
    if (/required="true"/.test(m[2]!)) required.push(m[1]!);
  }
  return { fields, required };
}

export interface LoggedRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  resource: string;
  id?: string;
  query?: PsListQuery;
  /** The XML body sent, for writes. */
  xml?: string;
}

const CUSTOMER_NAME = /^(?!\s*$)(?:[^0-9!<>,;?=+()/\\@#"°*`{}_^$%:¤[\]|.。]|[.。](?:\s|$))*$/u;
const NAME = /^[^0-9!<>,;?=+()@#"°{}_$%:¤|]*$/u;
const EMAIL = /^[a-z\p{L}0-9!#$%&'*+/=?^`{}|~_-]+[.a-z\p{L}0-9!#$%&'*+/=?^`{}|~_-]*@[a-z\p{L}0-9]+(?:[.]?[_a-z\p{L}0-9-])*\.[a-z\p{L}0-9]+$/iu;

export class FakePsWebservice implements PsWebservice {
  readonly data = new Map<string, Map<string, PsRecord>>();
  readonly log: LoggedRequest[] = [];
  private readonly next = new Map<string, number>();

  constructor() {
    this.seed('languages', [{ id: '1', iso_code: 'fr', name: 'Français' }, { id: '2', iso_code: 'en', name: 'English' }]);
    const lang = (fr: string, en: string) => [{ id: '1', value: fr }, { id: '2', value: en }];
    this.seed('groups', [
      { id: '1', name: lang('Visiteur', 'Visitor'), reduction: '0.00', price_display_method: '0', show_prices: '1' },
      { id: '2', name: lang('Invité', 'Guest'), reduction: '0.00', price_display_method: '0', show_prices: '1' },
      { id: '3', name: lang('Client', 'Customer'), reduction: '0.00', price_display_method: '0', show_prices: '1' },
    ]);
    this.seed('configurations', [{ id: '40', name: 'PS_CUSTOMER_GROUP', value: '3' }]);
    this.seed('countries', [
      { id: '8', iso_code: 'FR', contains_states: '0', need_identification_number: '0', need_zip_code: '1' },
      { id: '6', iso_code: 'ES', contains_states: '0', need_identification_number: '1', need_zip_code: '1' },
      { id: '19', iso_code: 'CH', contains_states: '0', need_identification_number: '0', need_zip_code: '1' },
      { id: '21', iso_code: 'US', contains_states: '1', need_identification_number: '0', need_zip_code: '1' },
    ]);
    this.seed('states', [
      { id: '5', id_country: '21', iso_code: 'CA', name: 'California' },
      { id: '32', id_country: '21', iso_code: 'NY', name: 'New York' },
    ]);
  }

  seed(resource: string, rows: PsRecord[]): void {
    const table = this.table(resource);
    for (const r of rows) {
      table.set(String(r.id), structuredClone(r));
      this.next.set(resource, Math.max(this.next.get(resource) ?? 1, Number(r.id) + 1));
    }
  }

  table(resource: string): Map<string, PsRecord> {
    let t = this.data.get(resource);
    if (!t) this.data.set(resource, (t = new Map()));
    return t;
  }

  all(resource: string): PsRecord[] {
    return [...this.table(resource).values()].map((r) => structuredClone(r));
  }

  writes(): LoggedRequest[] {
    return this.log.filter((r) => r.method !== 'GET');
  }

  async list(resource: string, q?: PsListQuery): Promise<PsRecord[]> {
    this.log.push({ method: 'GET', resource, ...(q ? { query: q } : {}) });
    return this.select(resource, q);
  }

  async *pages(resource: string, q?: PsListQuery): AsyncIterable<PsRecord[]> {
    const count = q?.limit ?? 50;
    for (let offset = 0; ; offset += count) {
      this.log.push({ method: 'GET', resource, query: { ...q, limit: count } });
      const page = this.select(resource, q).slice(offset, offset + count);
      yield page;
      if (page.length < count) return;
    }
  }

  async get(resource: string, id: string | number): Promise<PsRecord | null> {
    this.log.push({ method: 'GET', resource, id: String(id) });
    const r = this.table(resource).get(String(id));
    return r ? structuredClone(r) : null;
  }

  async create(resource: string, record: PsRecord): Promise<PsRecord> {
    const xml = psXml(resource, record);
    this.log.push({ method: 'POST', resource, xml });
    const sent = parsePsXml(xml)!;
    if (sent.id !== undefined) this.fail('POST', resource, 400, '91', 'id is forbidden when adding a new resource');
    const id = String(this.next.get(resource) ?? 1);
    this.next.set(resource, Number(id) + 1);
    const stored = this.validated(resource, { ...this.blank(resource), ...sent, id }, null, 'POST');
    this.table(resource).set(id, stored);
    return structuredClone(stored);
  }

  async replace(resource: string, id: string | number, record: PsRecord): Promise<PsRecord> {
    const xml = psXml(resource, { ...record, id: String(id) });
    this.log.push({ method: 'PUT', resource, id: String(id), xml });
    const held = this.table(resource).get(String(id));
    if (!held) this.fail('PUT', resource, 404, '87', `There is no ${resource} with id ${id}`);
    const sent = parsePsXml(xml)!;
    // PUT replaces: every field the body omits goes back to its blank value.
    const stored = this.validated(resource, { ...this.blank(resource), date_add: held!.date_add ?? '', ...sent, id: String(id) }, held!, 'PUT');
    this.table(resource).set(String(id), stored);
    return structuredClone(stored);
  }

  async patch(resource: string, id: string | number, fields: PsRecord): Promise<PsRecord> {
    const xml = psXml(resource, { id: String(id), ...fields });
    this.log.push({ method: 'PATCH', resource, id: String(id), xml });
    const held = this.table(resource).get(String(id));
    if (!held) this.fail('PATCH', resource, 404, '87', `There is no ${resource} with id ${id}`);
    const stored = this.validated(resource, { ...held!, ...parsePsXml(xml)!, id: String(id) }, held!, 'PATCH');
    this.table(resource).set(String(id), stored);
    return structuredClone(stored);
  }

  async delete(resource: string, id: string | number): Promise<void> {
    this.log.push({ method: 'DELETE', resource, id: String(id) });
    this.table(resource).delete(String(id));
  }

  stats(): { requests: number; writeRequests: number } {
    return { requests: this.log.length, writeRequests: this.writes().length };
  }

  // ----------------------------------------------------------------------------------------

  private blank(resource: string): PsRecord {
    const out: PsRecord = {};
    try {
      for (const f of synopsis(resource).fields) out[f] = '';
    } catch {
      // Resources without a recorded synopsis (languages, configurations) are seeded only.
    }
    if (resource === 'customers') out.associations = { groups: [] };
    return out;
  }

  private validated(resource: string, r: PsRecord, held: PsRecord | null, method: LoggedRequest['method']): PsRecord {
    const { required } = (() => {
      try {
        return synopsis(resource);
      } catch {
        return { required: [] as string[] };
      }
    })();
    const cls = recordName(resource).replace(/^./, (c) => c.toUpperCase());
    for (const f of required) {
      const v = r[f];
      const empty = v === undefined || v === '' || (Array.isArray(v) && v.every((l: { value?: unknown }) => !l.value));
      if (empty) this.fail(method, resource, 400, '41', `parameter "${f}" required`);
    }
    if (resource === 'customers') {
      if (!EMAIL.test(String(r.email))) this.fail(method, resource, 400, '85', `Validation error: "Property ${cls}->email is not valid"`);
      for (const f of ['firstname', 'lastname']) {
        if (!CUSTOMER_NAME.test(String(r[f]))) this.fail(method, resource, 400, '85', `Validation error: "Property ${cls}->${f} is not valid"`);
      }
      // Customer::setWsPasswd: a value other than the held hash is a new password, hashed.
      if (!held || r.passwd !== held.passwd) r.passwd = `$2y$10$fakehash.${Buffer.from(String(r.passwd)).toString('base64')}`;
      r.secure_key = held?.secure_key ?? `key${r.id}`;
      if (r.deleted === '') r.deleted = '0';
      if (r.is_guest === '') r.is_guest = '0';
    }
    if (resource === 'addresses') {
      for (const f of ['firstname', 'lastname']) {
        if (!NAME.test(String(r[f]))) this.fail(method, resource, 400, '85', `Validation error: "Property ${cls}->${f} is not valid"`);
      }
      const country = this.table('countries').get(String(r.id_country));
      if (!country) this.fail(method, resource, 400, '85', 'Validation error: "Country is invalid"');
      if (country!.contains_states === '1' && (!r.id_state || r.id_state === '0')) {
        this.fail(method, resource, 400, '85', 'Validation error: "This country requires you to choose a State."');
      }
      if (country!.need_identification_number === '1' && !r.dni) {
        this.fail(method, resource, 400, '85', 'Validation error: "The identification number is incorrect or has already been used."');
      }
      if (r.deleted === '') r.deleted = '0';
    }
    return r;
  }

  private fail(method: LoggedRequest['method'], resource: string, status: number, code: string, message: string): never {
    throw new HttpError({ method, url: `http://shop.test/api/${resource}`, status, code, shopMessage: message, attempts: 1 });
  }

  private select(resource: string, q: PsListQuery | undefined): PsRecord[] {
    let rows = [...this.table(resource).values()];
    for (const [field, raw] of Object.entries(q?.filter ?? {})) {
      const m = /^\[(.*)\]$/.exec(raw);
      const values = (m ? m[1]!.split('|') : [raw]).map((v) => v.toLowerCase());
      rows = rows.filter((r) => values.includes(String(r[field] ?? '').toLowerCase()));
    }
    const display = q?.display ?? 'full';
    return rows.map((r) => {
      const c = structuredClone(r);
      if (display === 'full') return c;
      return Object.fromEntries(display.map((f) => [f, c[f]]).filter(([, v]) => v !== undefined));
    });
  }
}
