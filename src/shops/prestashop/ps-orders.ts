/**
 * PrestaShop orders through the webservice (CMD-01..16): the reader of the order import, the way
 * back (status through order_histories, tracking number through order_carriers, the GesCom document
 * number as a private order message) and the prospects (customers without orders, CLI-04).
 *
 * Few requests: a page of orders (`display=full`, `filter[current_state]`, `filter[id_shop]`,
 * `date=1` + `filter[date_add|date_upd]`, `sort=[id_ASC]`, `limit` paging) brings its sub-resources
 * with one request each for the whole page (`filter[id_order]=[1|2|3]`), and the reference data
 * (order states, taxes, currencies, carriers, countries, cart rule codes) is read once per run.
 */
import { randomBytes } from 'node:crypto';
import type { IsoDate } from '../../gescom/model.js';
import { errorText, PasserelleError } from '../../errors.js';
import { isTimeZone } from '../../profile/option-helpers.js';
import { msg, tr, type Text } from '../../i18n/catalogue.js';
import { type CanonicalOrderState, canonicalState } from '../../sync/orders/order-status.js';
import { trackingLine } from '../../sync/orders/tracking-url.js';
import type { ShopAddress, ShopOrder } from '../../sync/orders/shop-order.js';
import { chunksOf } from '../../util/chunks.js';
import type { ShopSettings } from '../adapter.js';
import type { OrderSource, ShopProspect, StatusBackOptions } from '../port.js';
import {
  isoToPsDate, psAddress, type PsOrderMessageRecord, type PsOrderRecords, type PsOrderRefs, type PsTaxInfo, psDateToIso, psToShopOrder,
} from './ps-order-mapping.js';
import { PsOrderStates, psText } from './ps-order-states.js';
import type { PsListQuery, PsRecord, PsWebservice } from './webservice.js';
import { flag, str } from './webservice.js';
import { shopConfig } from './shop-facts.js';

/** Orders per page: 50 full orders stay well under PHP's memory and time limits on small hostings. */
const PAGE = 50;
/** Ids per `filter[...]=[a|b|c]` request (a few hundred characters of URL). */
const IDS_PER_REQUEST = 100;
/** Upper bound of an open date range (PrestaShop filters on closed intervals). */
const FAR = '2999-12-31 23:59:59';

export interface PsOrderSourceOptions {
  /** The profile's shop in a multistore (id_shop); its orders only when `shopIds` is empty. */
  shopId?: string | number | null;
  /** CMD-02: shops whose orders are imported (default: the profile's orders.shopIds; empty = all). */
  shopIds?: readonly (string | number)[];
  /**
   * The shop's time zone, its dates carry no offset. Unset: PS_TIMEZONE read from /configurations
   * once per run, the profile's when the key cannot read it.
   */
  timezone?: string;
  /** Orders per page (default 50). */
  pageSize?: number;
  /** KerAwen: customer ids of the till's anonymous sales (orders of module "kerawen" on them are anonymous, CMD-14). */
  kerawenAnonymousCustomerIds?: readonly (string | number)[];
}

export interface PsOrderSourceInit {
  ws: PsWebservice;
  settings: ShopSettings;
  options?: PsOrderSourceOptions;
  /** A journal line for what is skipped on purpose or could not be read. */
  warn?: (message: string | Text) => void;
}

/**
 * `notifyCustomer` sends PrestaShop's mail of the new state (`sendemail=1` on order_histories);
 * `trackingNumber` goes to the order's carrier (order_carriers.tracking_number), never blanked.
 * `trackingCompany` is not written: the order carrier is the one chosen at checkout (id_carrier).
 * `trackingUrl` is not written to the shop's carrier either: the customer's link (order history,
 * "in transit" mail) is PrestaShop's own, from that carrier's tracking URL (carriers.url, "@" for
 * the number), a setting of the shop shared by every order of the carrier, which Passerelle leaves
 * to the merchant. The profile's link goes with the number in the order's private message, for the
 * merchant, who sees there the link the other shops were given.
 */
export type PsSetStatusOptions = StatusBackOptions;


const idsFilter = (ids: readonly string[]) => `[${ids.join('|')}]`;

export class PsOrderSource implements OrderSource {
  private readonly ws: PsWebservice;
  private readonly settings: ShopSettings;
  private readonly options: PsOrderSourceOptions;
  private readonly warnFn: (message: string | Text) => void;
  private base: Promise<Omit<PsOrderRefs, 'carriers' | 'countries' | 'cartRuleCodes'>> | null = null;
  private readonly carriers = new Map<string, PsRecord>();
  private readonly countries = new Map<string, string>();
  private readonly cartRuleCodes = new Map<string, string>();
  /** Carriers whose tracking URL was looked at (checkCarrierLink). */
  private readonly linkChecked = new Set<string>();
  /** Optional resources the key may not read (customer_threads…): said once, then left out. */
  private readonly unreadable = new Set<string>();
  private contactId: string | null = null;
  /** The order states once read (ownStatus needs them synchronously). */
  private states: PsOrderStates | null = null;

  constructor(init: PsOrderSourceInit) {
    this.ws = init.ws;
    this.settings = init.settings;
    this.options = init.options ?? {};
    this.warnFn = init.warn ?? (() => undefined);
  }

  /** The shop's time zone once read (see shopTimezone). */
  private tz: Promise<string> | null = null;

  /**
   * The zone the shop writes its dates in: the option when given, else PS_TIMEZONE (one request per
   * run, the source lives as long as the run's port), else the profile's, said in the journal.
   */
  private shopTimezone(): Promise<string> {
    this.tz ??= (async () => {
      if (this.options.timezone) return this.options.timezone;
      const fallback = this.settings.timezone;
      let reason: string | Text;
      try {
        const value = ((await shopConfig(this.ws, 'PS_TIMEZONE')) ?? '').trim();
        if (value !== '' && isTimeZone(value)) {
          if (value !== fallback) this.warnFn(msg('ps.shopTimezone', { timezone: value }));
          return value;
        }
        reason = value === '' ? 'PS_TIMEZONE' : `PS_TIMEZONE=${value}`;
      } catch (err) {
        reason = errorText(err);
      }
      this.warnFn(msg('ps.shopTimezoneUnknown', { reason, timezone: fallback }));
      return fallback;
    })();
    return this.tz;
  }

  // ---------------------------------------------------------------- reading

  /**
   * OrderStatusForms: a state id as is, a state name (any shop language) as its id, null for a
   * canonical state. Names are known once the order states are read (every read starts with them).
   */
  ownStatus(value: string): string | null {
    if (this.states) return this.states.ownStatus(value);
    const s = value.trim();
    if (s === '') return null;
    return /^\d+$/.test(s) || canonicalState(s) === null ? s.toLowerCase() : null;
  }

  async *orders(filter: {
    after?: IsoDate; before?: IsoDate; modifiedAfter?: IsoDate; statuses?: string[]; states?: readonly CanonicalOrderState[];
  }): AsyncIterable<ShopOrder[]> {
    const refs = await this.baseRefs();
    const q: PsListQuery = { display: 'full', filter: {}, sort: '[id_ASC]', limit: Math.max(1, this.options.pageSize ?? PAGE) };
    const wanted = (filter.statuses?.length ?? 0) + (filter.states?.length ?? 0);
    if (wanted > 0) {
      const ids = new Set<string>();
      for (const s of filter.statuses ?? []) {
        const found = refs.states.resolve(s);
        if (found.length === 0) this.warnFn(msg('ps.unknownOrderState', { status: s }));
        for (const id of found) ids.add(id);
      }
      for (const st of filter.states ?? []) for (const id of refs.states.ofState(st)) ids.add(id);
      // Statuses the shop does not know select nothing (never every order).
      if (ids.size === 0) return;
      q.filter!.current_state = idsFilter([...ids].sort((a, b) => Number(a) - Number(b)));
    }
    const shops = this.shopIds();
    if (shops.length > 0) q.filter!.id_shop = idsFilter(shops);
    const tz = await this.shopTimezone();
    if (filter.after !== undefined || filter.before !== undefined) {
      const from = filter.after !== undefined ? isoToPsDate(filter.after, tz) : '0000-00-00 00:00:00';
      q.filter!.date_add = `[${from},${filter.before !== undefined ? isoToPsDate(filter.before, tz) : FAR}]`;
      q.date = true;
    }
    if (filter.modifiedAfter !== undefined) {
      q.filter!.date_upd = `[${isoToPsDate(filter.modifiedAfter, tz)},${FAR}]`;
      q.date = true;
    }
    const failed: unknown[] = [];
    for await (const page of this.ws.pages('orders', q)) {
      if (page.length === 0) continue;
      const out = await this.convert(page, failed);
      if (out.length > 0) yield out;
    }
    // The others are read; the run then fails on the first unreadable order (named with its field), so
    // that the import window does not move past it and the next run reads it again.
    if (failed.length > 0) throw failed[0];
  }

  async order(id: string): Promise<ShopOrder | null> {
    const o = await this.ws.get('orders', id);
    if (!o) return null;
    const [converted] = await this.convert([o]);
    return converted ?? null;
  }

  /**
   * Registered customers (not guests, not deleted) created or changed since `since` who never
   * ordered, with their addresses: customers by `date_upd` page after page, then one request per page
   * for the orders of those customers and one for their addresses.
   */
  async *customersWithoutOrders(since: IsoDate): AsyncIterable<ShopProspect[]> {
    const tz = await this.shopTimezone();
    const q: PsListQuery = {
      display: 'full', sort: '[id_ASC]', limit: Math.max(1, this.options.pageSize ?? PAGE), date: true,
      filter: { date_upd: `[${isoToPsDate(since, tz)},${FAR}]`, is_guest: '[0]', deleted: '[0]' },
    };
    const shops = this.shopIds();
    if (shops.length > 0) q.filter!.id_shop = idsFilter(shops);
    for await (const page of this.ws.pages('customers', q)) {
      const ids = page.map((c) => str(c.id));
      if (ids.length === 0) continue;
      const withOrders = new Set<string>();
      for (const chunk of chunksOf(ids, IDS_PER_REQUEST)) {
        for (const o of await this.ws.list('orders', { display: ['id', 'id_customer'], filter: { id_customer: idsFilter(chunk) } })) {
          withOrders.add(str(o.id_customer));
        }
      }
      const prospects = page.filter((c) => !withOrders.has(str(c.id)));
      if (prospects.length === 0) continue;
      const addresses = await this.listByIds('addresses', 'id_customer', prospects.map((c) => str(c.id)), { deleted: '[0]' });
      await this.loadCountries(addresses.map((a) => str(a.id_country)));
      const out: ShopProspect[] = prospects.map((c) => {
        const own = addresses.filter((a) => str(a.id_customer) === str(c.id)).sort((a, b) => Number(a.id) - Number(b.id));
        const email = str(c.email).trim();
        const first = own[0] ?? null;
        const createdAt = psDateToIso(str(c.date_add), tz) ?? '';
        return {
          id: str(c.id),
          email,
          firstName: str(c.firstname).trim(),
          lastName: str(c.lastname).trim(),
          company: str(c.company).trim() || str(first?.company).trim(),
          billing: this.address(first, email, c),
          // PrestaShop does not tell billing from delivery addresses: a second one is taken as the delivery address.
          shipping: own[1] ? this.address(own[1], '', c) : null,
          createdAt,
          modifiedAt: psDateToIso(str(c.date_upd), tz) ?? createdAt,
        };
      });
      yield out;
    }
  }

  // ---------------------------------------------------------------- the way back

  /**
   * CMD-13: the order's state through POST order_histories (the state named by the profile: a state
   * id, a state name or a canonical state; the customer's mail per `notifyCustomer`), the GesCom
   * document number (and the note) as a private message of the order, and the tracking number when
   * given. A state already current is not posted again (PrestaShop would add a history row and mail
   * again); an order cancelled or refunded in the shop is never set back to a live state.
   */
  async setStatus(id: string, status: string, o: PsSetStatusOptions): Promise<{ stateId: string; changed: boolean }> {
    const entity = `order ${id}`;
    const refs = await this.baseRefs();
    const stateId = refs.states.resolveOne(status);
    if (stateId === null) throw new PasserelleError(msg('ps.unknownOrderState', { status }), entity, 'orderStatus.mapping');
    const order = await this.ws.get('orders', id);
    if (!order) throw new PasserelleError(msg('ps.orderNotFound', { id }), entity, 'id');
    const current = str(order.current_state);
    const currentState = refs.states.stateOf(current);
    const target = refs.states.stateOf(stateId);
    if ((currentState === 'cancelled' || currentState === 'refunded') && target !== 'cancelled' && target !== 'refunded') {
      throw new PasserelleError(msg('ps.statusLeftAlone', { status: refs.states.name(current) || current }), entity, 'current_state');
    }
    let changed = false;
    if (current !== stateId) {
      await this.ws.create('order_histories', { id_order: id, id_order_state: stateId, id_employee: '0' },
        o.notifyCustomer ? { sendemail: '1' } : undefined);
      changed = true;
    }
    // The tracking line only with a link: without one the message stays the one earlier runs wrote.
    const tracking = o.trackingUrl ? trackingLine(o, this.settings.language) : '';
    const text = [tr('ps.documentMessage', { number: o.documentNumber }, this.settings.language), o.note?.trim() ?? '', tracking]
      .filter((x) => x !== '').join('\n');
    try {
      await this.storePrivateMessage(order, text);
    } catch (err) {
      // The state is set; a shop whose key may not write messages keeps the order without the number.
      this.warnFn(msg('ps.messageNotStored', { id, reason: errorText(err) }));
    }
    if (o.trackingNumber !== undefined && o.trackingNumber.trim() !== '') await this.setTrackingNumber(id, o.trackingNumber, o.trackingUrl !== undefined);
    return { stateId, changed };
  }

  /**
   * The tracking number of the order's carrier (order_carriers), GET then PATCH of that field only;
   * never blanked. `linked`: the profile gives a tracking link, so a carrier of the shop without its
   * own tracking URL (the customer's link) is said.
   */
  async setTrackingNumber(id: string, trackingNumber: string, linked = false): Promise<boolean> {
    const value = trackingNumber.trim();
    if (value === '') return false;
    const rows = await this.ws.list('order_carriers', { display: 'full', filter: { id_order: `[${id}]` } });
    const row = rows.sort((a, b) => Number(a.id) - Number(b.id))[0];
    if (!row) {
      this.warnFn(msg('ps.noOrderCarrier'));
      return false;
    }
    if (linked) await this.checkCarrierLink(str(row.id_carrier));
    if (str(row.tracking_number) === value) return false;
    try {
      await this.ws.patch('order_carriers', str(row.id), { tracking_number: value });
    } catch {
      // A shop refusing PATCH on the resource: the whole row as read, with the number (PUT replaces every field).
      await this.ws.replace('order_carriers', str(row.id), { ...row, tracking_number: value });
    }
    return true;
  }

  /**
   * PrestaShop gives the customer a tracking link only from the carrier's own URL (carriers.url, "@"
   * for the number): a carrier without one is said once per run, since the profile's link reaches
   * only the private message there.
   */
  private async checkCarrierLink(carrierId: string): Promise<void> {
    if (carrierId === '' || carrierId === '0' || this.linkChecked.has(carrierId)) return;
    this.linkChecked.add(carrierId);
    // A key that may not read carriers: said once (optional), the status still goes.
    const [carrier] = await this.optional('carriers', async () => [await this.ws.get('carriers', carrierId)].filter((c) => c !== null));
    if (carrier && str(carrier.url).trim() === '') this.warnFn(msg('ps.carrierNoTrackingUrl', { carrier: psText(carrier.name) || carrierId }));
  }

  // ---------------------------------------------------------------- internals

  private shopIds(): string[] {
    const chosen = (this.options.shopIds ?? this.settings.orders.shopIds ?? []).map((x) => String(x).trim()).filter((x) => x !== '');
    if (chosen.length > 0) return chosen;
    const own = this.options.shopId;
    return own !== undefined && own !== null && String(own) !== '' ? [String(own)] : [];
  }

  private baseRefs(): Promise<Omit<PsOrderRefs, 'carriers' | 'countries' | 'cartRuleCodes'>> {
    this.base ??= (async () => {
      const [states, taxes, currencies, timezone] = await Promise.all([
        this.ws.list('order_states', { display: 'full' }),
        this.ws.list('taxes', { display: 'full' }),
        this.ws.list('currencies', { display: 'full' }),
        this.shopTimezone(),
      ]);
      const taxMap = new Map<string, PsTaxInfo>(taxes.map((t) => [str(t.id), { id: str(t.id), rate: str(t.rate), name: psText(t.name) }]));
      this.states = new PsOrderStates(states);
      return {
        states: this.states,
        taxes: taxMap,
        currencies: new Map(currencies.map((c) => [str(c.id), c])),
        timezone,
        language: this.settings.language,
        anonymousCustomerIds: new Set((this.options.kerawenAnonymousCustomerIds ?? []).map(String)),
      };
    })();
    // A failed read is tried again by the next call rather than kept.
    this.base.catch(() => { this.base = null; });
    return this.base;
  }

  /** Every row of `resource` whose `field` is one of `ids`, a request per IDS_PER_REQUEST ids. */
  private async listByIds(resource: string, field: string, ids: readonly string[], extra: Record<string, string> = {}, display: PsListQuery['display'] = 'full'): Promise<PsRecord[]> {
    const unique = [...new Set(ids.filter((x) => x !== '' && x !== '0'))];
    const out: PsRecord[] = [];
    for (const chunk of chunksOf(unique, IDS_PER_REQUEST)) {
      out.push(...await this.ws.list(resource, { display, filter: { [field]: idsFilter(chunk), ...extra } }));
    }
    return out;
  }

  /** An optional resource: a key without the right to read it gives nothing, said once. */
  private async optional(resource: string, read: () => Promise<PsRecord[]>): Promise<PsRecord[]> {
    if (this.unreadable.has(resource)) return [];
    try {
      return await read();
    } catch (err) {
      this.unreadable.add(resource);
      this.warnFn(msg('ps.resourceUnreadable', { resource, reason: errorText(err) }));
      return [];
    }
  }

  private async loadCountries(ids: readonly string[]): Promise<void> {
    const missing = ids.filter((x) => x !== '' && x !== '0' && !this.countries.has(x));
    if (missing.length === 0) return;
    for (const c of await this.listByIds('countries', 'id', missing, {}, ['id', 'iso_code'])) this.countries.set(str(c.id), str(c.iso_code));
  }

  private async loadCarriers(ids: readonly string[]): Promise<void> {
    const missing = ids.filter((x) => x !== '' && x !== '0' && !this.carriers.has(x));
    if (missing.length === 0) return;
    for (const c of await this.listByIds('carriers', 'id', missing, {}, ['id', 'name'])) this.carriers.set(str(c.id), c);
  }

  private async loadCartRuleCodes(ids: readonly string[]): Promise<void> {
    const missing = ids.filter((x) => x !== '' && x !== '0' && !this.cartRuleCodes.has(x));
    if (missing.length === 0) return;
    const rows = await this.optional('cart_rules', () => this.listByIds('cart_rules', 'id', missing, {}, ['id', 'code']));
    for (const id of missing) this.cartRuleCodes.set(id, '');
    for (const c of rows) this.cartRuleCodes.set(str(c.id), str(c.code));
  }

  /** The orders of a page with their sub-resources, each resource read once for the whole page. */
  private async convert(orders: PsRecord[], failed?: unknown[]): Promise<ShopOrder[]> {
    const base = await this.baseRefs();
    const ids = orders.map((o) => str(o.id));
    const refsOf = orders.map((o) => str(o.reference)).filter((x) => x !== '');
    const [details, carriers, cartRules, histories, payments, customers, addresses, messages] = await Promise.all([
      this.listByIds('order_details', 'id_order', ids),
      this.listByIds('order_carriers', 'id_order', ids),
      this.listByIds('order_cart_rules', 'id_order', ids),
      this.optional('order_histories', () => this.listByIds('order_histories', 'id_order', ids)),
      // order_payments know the order by its reference only.
      this.listByIds('order_payments', 'order_reference', refsOf),
      this.listByIds('customers', 'id', orders.map((o) => str(o.id_customer))),
      this.listByIds('addresses', 'id', orders.flatMap((o) => [str(o.id_address_invoice), str(o.id_address_delivery)])),
      // Needs the order ids only: read with the rest, not after it.
      this.messagesOf(ids),
    ]);
    await Promise.all([
      this.loadCountries(addresses.map((a) => str(a.id_country))),
      this.loadCarriers([...orders.map((o) => str(o.id_carrier)), ...carriers.map((c) => str(c.id_carrier))]),
      this.loadCartRuleCodes(cartRules.map((c) => str(c.id_cart_rule))),
    ]);
    const refs: PsOrderRefs = { ...base, carriers: this.carriers, countries: this.countries, cartRuleCodes: this.cartRuleCodes };
    const byOrder = (rows: PsRecord[], field = 'id_order') => {
      const m = new Map<string, PsRecord[]>();
      for (const r of rows) {
        const key = str(r[field]);
        const list = m.get(key);
        if (list) list.push(r);
        else m.set(key, [r]);
      }
      return m;
    };
    const d = byOrder(details);
    const c = byOrder(carriers);
    const cr = byOrder(cartRules);
    const h = byOrder(histories);
    const p = byOrder(payments, 'order_reference');
    const cust = new Map(customers.map((x) => [str(x.id), x]));
    const addr = new Map(addresses.map((x) => [str(x.id), x]));
    const out: ShopOrder[] = [];
    for (const o of orders) {
      const id = str(o.id);
      const records: PsOrderRecords = {
        order: o,
        details: d.get(id) ?? [],
        carriers: c.get(id) ?? [],
        cartRules: cr.get(id) ?? [],
        histories: h.get(id) ?? [],
        payments: p.get(str(o.reference)) ?? [],
        invoiceAddress: addr.get(str(o.id_address_invoice)) ?? null,
        deliveryAddress: addr.get(str(o.id_address_delivery)) ?? null,
        customer: cust.get(str(o.id_customer)) ?? null,
        messages: messages.get(id) ?? [],
      };
      try {
        out.push(psToShopOrder(records, refs));
      } catch (err) {
        if (!failed) throw err;
        // One unreadable order fails alone: said with its field, the others of the page go on.
        this.warnFn(msg('ps.orderUnreadable', { id, reason: errorText(err) }));
        failed.push(err);
      }
    }
    return out;
  }

  /** The order messages of customer_threads (customer_messages), by order id. */
  private async messagesOf(orderIds: readonly string[]): Promise<Map<string, PsOrderMessageRecord[]>> {
    const out = new Map<string, PsOrderMessageRecord[]>();
    const threads = await this.optional('customer_threads', () => this.listByIds('customer_threads', 'id_order', orderIds));
    if (threads.length === 0) return out;
    const orderOf = new Map(threads.map((t) => [str(t.id), str(t.id_order)]));
    const rows = await this.optional('customer_messages', () => this.listByIds('customer_messages', 'id_customer_thread', [...orderOf.keys()]));
    for (const m of rows.sort((a, b) => Number(a.id) - Number(b.id))) {
      const orderId = orderOf.get(str(m.id_customer_thread));
      if (!orderId) continue;
      const list = out.get(orderId) ?? [];
      list.push({ message: str(m.message), private: flag(m.private), fromShop: str(m.id_employee) !== '' && str(m.id_employee) !== '0', date: str(m.date_add) });
      out.set(orderId, list);
    }
    return out;
  }

  /**
   * The document number as a private message of the order (a customer_messages row with private=1
   * in the order's customer thread, created when the order has none): what the back office shows
   * on the order page. The same text already there is not written twice.
   */
  private async storePrivateMessage(order: PsRecord, text: string): Promise<void> {
    const orderId = str(order.id);
    const threads = await this.ws.list('customer_threads', { display: 'full', filter: { id_order: `[${orderId}]` } });
    let thread = threads.sort((a, b) => Number(a.id) - Number(b.id))[0];
    if (thread) {
      const existing = await this.ws.list('customer_messages', { display: 'full', filter: { id_customer_thread: `[${str(thread.id)}]` } });
      if (existing.some((m) => flag(m.private) && str(m.message).trim() === text.trim())) return;
    } else {
      const customer = str(order.id_customer) !== '0' ? await this.ws.get('customers', str(order.id_customer)) : null;
      thread = await this.ws.create('customer_threads', {
        id_lang: str(order.id_lang) || '1',
        id_shop: str(order.id_shop) || '1',
        id_customer: str(order.id_customer),
        id_order: orderId,
        // id_contact is required and may not be 0: the shop's first contact (customer service).
        id_contact: await this.firstContact(),
        email: str(customer?.email),
        token: randomToken(),
        status: 'open',
      });
    }
    await this.ws.create('customer_messages', { id_customer_thread: str(thread.id), id_employee: '0', message: text, private: '1' });
  }

  private async firstContact(): Promise<string> {
    if (this.contactId !== null) return this.contactId;
    const rows = await this.optional('contacts', () => this.ws.list('contacts', { display: ['id'] }));
    this.contactId = rows.map((r) => str(r.id)).sort((a, b) => Number(a) - Number(b))[0] ?? '1';
    return this.contactId;
  }

  private address(a: PsRecord | null, email: string, customer: PsRecord): ShopAddress {
    return psAddress(a, this.countries, email, customer);
  }

}

/** A customer thread token (isGenericName, 12 characters as PrestaShop makes them). */
function randomToken(): string {
  return randomBytes(9).toString('base64').replace(/[^A-Za-z0-9]/g, 'A').slice(0, 12);
}
