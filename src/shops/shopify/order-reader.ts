/**
 * Shopify orders as an OrderSource (CMD-01, CMD-02, CMD-13, CLI-04): cursor pages of the `orders`
 * search by creation or update date, the payment statuses a profile names, closed (archived)
 * orders left out unless orders.includeArchived; the 60-day window of apps without
 * read_all_orders detected and said; the way back as tags, note, a metafield with the GesCom
 * document number, and a fulfilment when the status says shipped, with the document's parcel
 * tracking number and, when the profile has a template for its carrier, its tracking link (given to
 * the fulfilment later when the number came after the parcel left).
 */
import { PasserelleError } from '../../errors.js';
import { msg, type Text } from '../../i18n/catalogue.js';
import type { Lang } from '../../i18n/message-table.js';
import type { IsoDate } from '../../gescom/model.js';
import { canonicalState, statusMatches, type CanonicalOrderState } from '../../sync/orders/order-status.js';
import type { ShopOrder } from '../../sync/orders/shop-order.js';
import type { OrderSource, ShopProspect, StatusBackOptions } from '../port.js';
import {
  CUSTOMERS, FULFILLMENT_CREATE, FULFILLMENT_TRACKING_UPDATE, ORDER, ORDER_FULFILLMENTS, ORDER_LINES, ORDER_UPDATE, ORDERS, ORDERS_BEFORE,
} from './documents.js';
import type { Connection, ShopifyGraphql } from './graphql-client.js';
import { financialStatusTerms, SHOPIFY_STATUS_FORMS, toShopOrder, type SAddress, type SOrder } from './order-mapping.js';

const DAY_MS = 86_400_000;
/** Shopify's window for apps without read_all_orders. */
const WINDOW_DAYS = 60;
/** Tag every imported order gets (the way back), so the merchant can filter them in the admin. */
export const IMPORTED_TAG = 'passerelle';

export interface OrderReaderOptions {
  gql: ShopifyGraphql;
  /** "custom.gescom_document": namespace and key of the order metafield holding the document number. */
  documentMetafield: string;
  includeArchived: boolean;
  /** The app's access scopes (read once per port). */
  scopes: () => Promise<string[]>;
  warn: (m: string | Text) => void;
  lang: Lang;
  /** shop.shopify.trackingCompany: the carrier declared when the document names none ('' = none). */
  trackingCompany: string;
  now?: () => number;
}

/**
 * FulfillmentTrackingInput as the way back fills it. `url` only with a number (the input's rule) and
 * only when the profile has a template: without it Shopify builds the link itself for the carriers it
 * knows.
 */
interface TrackingInput { number?: string; company?: string; url?: string }

interface SFulfilments {
  fulfillmentOrders: { nodes: { id: string; status: string }[] };
  fulfillments: { id: string; status: string; trackingInfo: { number: string | null; company: string | null; url: string | null }[] }[];
}

type Page<T> = Connection<T>;

/** A date for the search syntax: ISO 8601 UTC, quoted. */
export function searchDate(iso: IsoDate, field: string): string {
  let s = iso.trim().replace(' ', 'T');
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) s += 'T00:00:00Z';
  else if (!/(?:Z|[+-]\d{2}:?\d{2})$/i.test(s)) s += 'Z';
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) throw new PasserelleError(msg('orders.invalidDate', { value: iso }), 'orders', field);
  return `'${new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')}'`;
}

export function splitMetafield(spec: string): { namespace: string; key: string } {
  const i = spec.lastIndexOf('.');
  return i > 0 ? { namespace: spec.slice(0, i), key: spec.slice(i + 1) } : { namespace: 'custom', key: spec };
}

/** The `orders` search for a filter (statuses given as payment statuses only; canonical states are matched after). */
export function ordersQuery(filter: Parameters<OrderSource['orders']>[0], includeArchived: boolean): string {
  const terms: string[] = [];
  if (filter.after) terms.push(`created_at:>=${searchDate(filter.after, 'after')}`);
  if (filter.before) terms.push(`created_at:<=${searchDate(filter.before, 'before')}`);
  if (filter.modifiedAfter) terms.push(`updated_at:>=${searchDate(filter.modifiedAfter, 'modifiedAfter')}`);
  const raw = financialStatusTerms(filter.statuses ?? []);
  // Canonical states need the fulfilment too: those orders are filtered once read, so no status term then.
  const onlyRaw = (filter.states ?? []).length === 0 && (filter.statuses ?? []).every((s) => SHOPIFY_STATUS_FORMS.ownStatus(s) !== null);
  if (onlyRaw && raw.length > 0) terms.push(raw.length === 1 ? raw[0]! : `(${raw.join(' OR ')})`);
  // Closed orders are the archived ones of the admin.
  if (!includeArchived) terms.push('-status:closed');
  return terms.join(' AND ');
}

export class ShopifyOrderReader implements OrderSource {
  private readonly mf: { namespace: string; key: string };
  private warned60 = false;

  constructor(private readonly o: OrderReaderOptions) {
    this.mf = splitMetafield(o.documentMetafield);
  }

  ownStatus(value: string): string | null {
    return SHOPIFY_STATUS_FORMS.ownStatus(value);
  }

  async *orders(filter: Parameters<OrderSource['orders']>[0]): AsyncIterable<ShopOrder[]> {
    await this.check60Days(filter.after ?? filter.modifiedAfter);
    const query = ordersQuery(filter, this.o.includeArchived);
    const wanted = [...(filter.statuses ?? []), ...(filter.states ?? [])];
    const ids = this.o.gql.pages(ORDERS, { query, sortKey: filter.modifiedAfter ? 'UPDATED_AT' : 'CREATED_AT' }, 'orders', (d: { orders: Page<{ id: string }> }) => d.orders);
    for await (const nodes of ids) {
      const page: ShopOrder[] = [];
      for (const { id } of nodes) {
        const raw = await this.rawOrder(id, `order ${id}`);
        if (!raw) continue;
        const x = toShopOrder(raw, this.o.lang);
        if (wanted.length === 0 || wanted.some((w) => statusMatches(w, x, SHOPIFY_STATUS_FORMS))) page.push(x);
      }
      if (page.length > 0) yield page;
    }
  }

  /**
   * Without read_all_orders Shopify silently leaves out orders older than 60 days: a period
   * reaching further back is said once, naming the first date that is read.
   */
  private async check60Days(from: IsoDate | undefined): Promise<void> {
    if (from === undefined || this.warned60) return;
    const now = (this.o.now ?? Date.now)();
    const limit = now - WINDOW_DAYS * DAY_MS;
    if (Date.parse(searchDate(from, 'after').slice(1, -1)) >= limit) return;
    const scopes = await this.o.scopes();
    if (scopes.includes('read_all_orders')) return;
    this.warned60 = true;
    this.o.warn(msg('shopify.orders60Days', { date: new Date(limit).toISOString().slice(0, 10) }));
  }

  /** Whether the shop holds an order created at or before the date (false also when it is out of the 60-day window). */
  async anyOrderBefore(date: IsoDate): Promise<boolean> {
    const data = await this.o.gql.run<{ orders: { nodes: unknown[] } }>(ORDERS_BEFORE, { query: `created_at:<=${searchDate(date, 'before')}` }, 'orders');
    return data.orders.nodes.length > 0;
  }

  async order(id: string): Promise<ShopOrder | null> {
    const raw = await this.rawOrder(orderGid(id), `order ${id}`);
    return raw ? toShopOrder(raw, this.o.lang) : null;
  }

  /**
   * The way back. Shopify has no writable order status: the status goes as a tag (with the
   * `passerelle` tag), the GesCom document number as a metafield and a tag, the note in the order
   * note; a canonical "shipped" or "completed" creates the fulfilment of what is left to ship, with
   * the document's tracking number and carrier, or gives that tracking to the order's fulfilments
   * when it had shipped before the number was known.
   */
  async setStatus(id: string, status: string, opts: StatusBackOptions): Promise<unknown> {
    const entity = `order ${id}`;
    const gid = orderGid(id);
    const raw = await this.rawOrder(gid, entity);
    if (!raw) throw new PasserelleError(msg('shopify.orderNotFound'), entity);
    const current = toShopOrder(raw, this.o.lang);
    // orderUpdate replaces the tag list: the order's own tags are kept, an older status or document tag replaced.
    const kept = (raw.tags ?? []).filter((t) => !t.startsWith('statut:') && !t.startsWith('gescom:'));
    const input: Record<string, unknown> = {
      id: gid,
      tags: [...new Set([...kept, IMPORTED_TAG, `gescom:${opts.documentNumber}`, `statut:${status.trim()}`])],
      metafields: [{ namespace: this.mf.namespace, key: this.mf.key, type: 'single_line_text_field', value: opts.documentNumber }],
    };
    if (opts.note !== undefined && opts.note.trim() !== '') input.note = opts.note;
    await this.o.gql.mutate(ORDER_UPDATE, { input }, entity, 'orderUpdate');
    const state = canonicalState(status);
    if (state === 'shipped' || state === 'completed') {
      const shipped = current.state === 'shipped' || current.state === 'completed';
      const tracking = this.trackingInput(opts);
      // Nothing to read when the order has shipped and there is no tracking to give it.
      if (!shipped || tracking.number !== undefined) {
        const data = await this.o.gql.run<{ order: SFulfilments | null }>(ORDER_FULFILLMENTS, { id: gid }, entity);
        if (!shipped) await this.fulfil(data.order, entity, tracking, opts.notifyCustomer);
        else await this.giveTracking(data.order, entity, current.number || id, tracking, opts.notifyCustomer);
      }
    }
    return this.order(id);
  }

  /** The carrier declared when the document names none: orders.status takes that carrier's tracking link. */
  get defaultCarrier(): string {
    return this.o.trackingCompany.trim();
  }

  /** The document's tracking number, link and carrier, else the profile's carrier (shop.shopify.trackingCompany). */
  private trackingInput(opts: StatusBackOptions): TrackingInput {
    const number = opts.trackingNumber?.trim() || undefined;
    const company = opts.trackingCompany?.trim() || this.defaultCarrier || undefined;
    const url = number ? opts.trackingUrl?.trim() || undefined : undefined;
    return { ...(number ? { number } : {}), ...(company ? { company } : {}), ...(url ? { url } : {}) };
  }

  /** One order whole: its lines beyond the first page read page by page. */
  private async rawOrder(gid: string, entity: string): Promise<SOrder | null> {
    const data = await this.o.gql.run<{ order: SOrder | null }>(ORDER, { id: gid, mfNamespace: this.mf.namespace, mfKey: this.mf.key }, entity);
    const order = data.order;
    if (!order) return null;
    let info = order.lineItems.pageInfo;
    for (let guard = 0; info?.hasNextPage && info.endCursor && guard < 1000; guard++) {
      const more: { order: { lineItems: SOrder['lineItems'] } | null } = await this.o.gql.run(ORDER_LINES, { id: gid, after: info.endCursor }, entity);
      if (!more.order) break;
      order.lineItems.nodes.push(...more.order.lineItems.nodes);
      info = more.order.lineItems.pageInfo;
    }
    return order;
  }

  /** The fulfilment of what is left to ship, with the tracking when there is one. */
  private async fulfil(order: SFulfilments | null, entity: string, tracking: TrackingInput, notify: boolean): Promise<void> {
    const open = (order?.fulfillmentOrders.nodes ?? []).filter((f) => f.status === 'OPEN' || f.status === 'IN_PROGRESS');
    if (open.length === 0) {
      this.o.warn(msg('shopify.nothingToFulfil'));
      return;
    }
    await this.o.gql.mutate(FULFILLMENT_CREATE, {
      fulfillment: {
        lineItemsByFulfillmentOrder: open.map((f) => ({ fulfillmentOrderId: f.id })),
        notifyCustomer: notify,
        ...(tracking.number !== undefined || tracking.company !== undefined ? { trackingInfo: tracking } : {}),
      },
    }, entity, 'fulfillmentCreate');
  }

  /**
   * An order that shipped before the GesCom had the parcel's number: the fulfilments without a
   * tracking number get it (fulfillmentTrackingInfoUpdate); a single fulfilment holding another
   * number takes the document's (the GesCom corrected it). Several fulfilments that each hold their
   * own number were tracked in Shopify: left alone, said in the journal.
   */
  private async giveTracking(order: SFulfilments | null, entity: string, orderName: string, tracking: TrackingInput, notify: boolean): Promise<void> {
    const done = (order?.fulfillments ?? []).filter((f) => f.status === 'SUCCESS');
    const holds = (f: SFulfilments['fulfillments'][number]) => f.trackingInfo.some((t) => t.number === tracking.number
      && (tracking.company === undefined || t.company === tracking.company) && (tracking.url === undefined || t.url === tracking.url));
    if (done.some(holds)) return;
    if (done.length === 0) {
      // Marked shipped without a fulfilment Shopify could track: said, since this number is not sent again.
      this.o.warn(msg('shopify.trackingNoFulfilment', { order: orderName, tracking: tracking.number ?? '' }));
      return;
    }
    let targets = done.filter((f) => !f.trackingInfo.some((t) => t.number));
    if (targets.length === 0 && done.length === 1) targets = done;
    if (targets.length === 0) {
      this.o.warn(msg('shopify.trackingLeftAlone', { order: orderName, tracking: tracking.number ?? '', count: done.length }));
      return;
    }
    for (const f of targets) {
      await this.o.gql.mutate(FULFILLMENT_TRACKING_UPDATE, { fulfillmentId: f.id, trackingInfoInput: tracking, notifyCustomer: notify }, entity, 'fulfillmentTrackingInfoUpdate');
    }
  }

  /** Customers without any order (numberOfOrders 0), created or changed since the date. */
  async *customersWithoutOrders(since: IsoDate): AsyncIterable<ShopProspect[]> {
    const query = `updated_at:>=${searchDate(since, 'since')} AND orders_count:0`;
    for await (const nodes of this.o.gql.pages(CUSTOMERS, { query }, 'customers', (d: { customers: Page<SCustomer> }) => d.customers)) {
      const out = nodes.filter((c) => Number(c.numberOfOrders) === 0).map(toProspect);
      if (out.length > 0) yield out;
    }
  }
}

export interface SCustomer {
  id: string;
  defaultEmailAddress?: { emailAddress?: string | null } | null;
  firstName?: string | null;
  lastName?: string | null;
  tags?: string[];
  state?: string;
  numberOfOrders?: string | number;
  createdAt: string;
  updatedAt: string;
  defaultAddress?: SAddress | null;
  addressesV2?: { nodes: SAddress[] };
}

export function customerAddress(a: SAddress | null | undefined, email: string): ShopProspect['billing'] {
  return {
    firstName: a?.firstName ?? '', lastName: a?.lastName ?? '', company: a?.company ?? '', line1: a?.address1 ?? '', line2: a?.address2 ?? '',
    city: a?.city ?? '', state: a?.provinceCode ?? a?.province ?? '', postcode: a?.zip ?? '', countryCode: (a?.countryCodeV2 ?? '').toUpperCase(),
    email, phone: a?.phone ?? '',
  };
}

function toProspect(c: SCustomer): ShopProspect {
  const email = c.defaultEmailAddress?.emailAddress ?? '';
  const billing = customerAddress(c.defaultAddress, email);
  const other = (c.addressesV2?.nodes ?? [])[1];
  return {
    id: c.id, email, firstName: c.firstName ?? '', lastName: c.lastName ?? '', company: billing.company,
    billing, shipping: other ? customerAddress(other, email) : null, createdAt: c.createdAt, modifiedAt: c.updatedAt,
  };
}

/** "123" or a GID -> the order's GID (webhooks and the CLI give numeric ids). */
export function orderGid(id: string): string {
  return /^\d+$/.test(id.trim()) ? `gid://shopify/Order/${id.trim()}` : id.trim();
}

export type { CanonicalOrderState };
