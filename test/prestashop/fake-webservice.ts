/**
 * An in-memory PsWebservice over the recorded shop of exchanges 900-999, for the order reader's
 * unit tests: PrestaShop's list filters (`[a|b]` values, `[a,b]` closed ranges), `sort=[field_ASC]`,
 * `limit` paging, and every request kept so that tests can count and inspect them.
 */
import type { PsListQuery, PsRecord, PsWebservice } from '../../src/shops/prestashop/webservice.js';
import { exchange, ORDER_EXCHANGES } from './order-fixtures.js';

export interface SentRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  resource: string;
  id?: string;
  query?: PsListQuery;
  body?: PsRecord;
  params?: Record<string, string>;
}

const listOf = (n: number, key: string): PsRecord[] => {
  const body = exchange(n);
  return Array.isArray(body) ? [] : ((body[key] as PsRecord[] | undefined) ?? []);
};

function matches(value: unknown, filter: string): boolean {
  const v = value === null || value === undefined ? '' : String(value);
  const m = /^\[(.*)\]$/.exec(filter);
  if (!m) return v === filter;
  const inner = m[1]!;
  if (inner.includes(',') && !inner.includes('|')) {
    const [lo, hi] = inner.split(',') as [string, string];
    const numeric = /^-?\d+(\.\d+)?$/.test(v) && /^-?\d+/.test(lo) && !lo.includes('-', 1);
    if (numeric) return Number(v) >= Number(lo) && Number(v) <= Number(hi);
    return v >= lo && v <= hi;
  }
  return inner.split('|').includes(v);
}

export class FakeWebservice implements PsWebservice {
  readonly tables = new Map<string, PsRecord[]>();
  readonly sent: SentRequest[] = [];

  constructor() {
    const orders: PsRecord[] = [];
    const add = (resource: string, rows: PsRecord[]) => this.tables.set(resource, [...(this.tables.get(resource) ?? []), ...rows]);
    for (const x of Object.values(ORDER_EXCHANGES)) {
      orders.push(...listOf(x.orders, 'orders'));
      add('order_details', listOf(x.details, 'order_details'));
      add('order_carriers', listOf(x.carriers, 'order_carriers'));
      add('order_cart_rules', listOf(x.cartRules, 'order_cart_rules'));
      add('order_payments', listOf(x.payments, 'order_payments'));
      add('order_histories', listOf(x.histories, 'order_histories'));
    }
    this.tables.set('orders', orders);
    this.tables.set('customers', [exchange(987).customer as PsRecord, exchange(988).customer as PsRecord]);
    this.tables.set('addresses', [exchange(985).address as PsRecord, exchange(986).address as PsRecord]);
    this.tables.set('carriers', [exchange(989).carrier as PsRecord]);
    this.tables.set('order_states', listOf(990, 'order_states'));
    this.tables.set('currencies', listOf(991, 'currencies'));
    this.tables.set('taxes', listOf(921, 'taxes'));
    this.tables.set('countries', [{ id: 8, iso_code: 'FR' }, { id: 19, iso_code: 'CH' }]);
    this.tables.set('cart_rules', [{ id: 1, code: 'BIENVENUE10' }, { id: 2, code: 'REMISE5' }, { id: 3, code: 'LIVRAISONOFFERTE' }]);
    this.tables.set('contacts', [{ id: 2 }, { id: 1 }]);
    this.tables.set('customer_threads', []);
    this.tables.set('customer_messages', []);
  }

  private rows(resource: string): PsRecord[] {
    const t = this.tables.get(resource);
    if (!t) throw new Error(`fake: unknown resource ${resource}`);
    return t;
  }

  private select(resource: string, q: PsListQuery | undefined): PsRecord[] {
    let rows = this.rows(resource).filter((r) => Object.entries(q?.filter ?? {}).every(([f, v]) => matches(r[f], v)));
    const sort = q?.sort ? /^\[(\w+)_(ASC|DESC)\]$/.exec(q.sort) : null;
    if (sort) {
      const [, field, dir] = sort;
      rows = [...rows].sort((a, b) => {
        const x = a[field!];
        const y = b[field!];
        const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
        return dir === 'ASC' ? c : -c;
      });
    }
    const display = q?.display;
    if (Array.isArray(display)) rows = rows.map((r) => Object.fromEntries(display.map((f) => [f, r[f]])));
    return rows.map((r) => structuredClone(r));
  }

  async list(resource: string, q?: PsListQuery): Promise<PsRecord[]> {
    this.sent.push({ method: 'GET', resource, query: q });
    const rows = this.select(resource, q);
    return q?.limit !== undefined ? rows.slice(0, q.limit) : rows;
  }

  async *pages(resource: string, q?: PsListQuery): AsyncIterable<PsRecord[]> {
    const count = q?.limit ?? 50;
    for (let offset = 0; ; offset += count) {
      this.sent.push({ method: 'GET', resource, query: { ...q, limit: count }, params: { limit: `${offset},${count}` } });
      const page = this.select(resource, q).slice(offset, offset + count);
      yield page;
      if (page.length < count) return;
    }
  }

  async get(resource: string, id: string | number): Promise<PsRecord | null> {
    this.sent.push({ method: 'GET', resource, id: String(id) });
    const r = this.rows(resource).find((x) => String(x.id) === String(id));
    return r ? structuredClone(r) : null;
  }

  async create(resource: string, record: PsRecord, query?: Record<string, string>): Promise<PsRecord> {
    this.sent.push({ method: 'POST', resource, body: record, params: query });
    const rows = this.rows(resource);
    const id = Math.max(0, ...rows.map((r) => Number(r.id))) + 1;
    const row = { ...record, id };
    rows.push(row);
    if (resource === 'order_histories') {
      const o = this.rows('orders').find((x) => String(x.id) === String(record.id_order));
      if (o) o.current_state = Number(record.id_order_state);
    }
    return structuredClone(row);
  }

  async replace(resource: string, id: string | number, record: PsRecord): Promise<PsRecord> {
    this.sent.push({ method: 'PUT', resource, id: String(id), body: record });
    const rows = this.rows(resource);
    const i = rows.findIndex((x) => String(x.id) === String(id));
    rows[i] = { ...record, id: rows[i]!.id };
    return structuredClone(rows[i]!);
  }

  async patch(resource: string, id: string | number, fields: PsRecord): Promise<PsRecord> {
    this.sent.push({ method: 'PATCH', resource, id: String(id), body: fields });
    const r = this.rows(resource).find((x) => String(x.id) === String(id))!;
    Object.assign(r, fields);
    return structuredClone(r);
  }

  async delete(resource: string, id: string | number): Promise<void> {
    this.sent.push({ method: 'DELETE', resource, id: String(id) });
    this.tables.set(resource, this.rows(resource).filter((x) => String(x.id) !== String(id)));
  }

  stats() {
    return { requests: this.sent.length, writeRequests: this.sent.filter((s) => s.method !== 'GET').length };
  }

  /**
   * A copy of a recorded order under a new id and reference, with its details, carriers, cart rules,
   * payments and histories (new ids), the order's fields changed by `changes`.
   */
  cloneOrder(fromId: number, newId: number, reference: string, changes: PsRecord = {}): void {
    const o = this.rows('orders').find((x) => x.id === fromId)!;
    this.rows('orders').push({ ...structuredClone(o), id: newId, reference, ...changes });
    for (const r of ['order_details', 'order_carriers', 'order_cart_rules', 'order_histories']) {
      const rows = this.rows(r);
      let next = Math.max(0, ...rows.map((x) => Number(x.id))) + 1;
      for (const row of rows.filter((x) => x.id_order === fromId)) rows.push({ ...structuredClone(row), id: next++, id_order: newId });
    }
    const pays = this.rows('order_payments');
    let next = Math.max(0, ...pays.map((x) => Number(x.id))) + 1;
    for (const p of pays.filter((x) => x.order_reference === o.reference)) pays.push({ ...structuredClone(p), id: next++, order_reference: reference });
  }

  /** Requests of one method and resource. */
  of(method: SentRequest['method'], resource: string): SentRequest[] {
    return this.sent.filter((s) => s.method === method && s.resource === resource);
  }
}
