/**
 * The orders view (issue 10): the shop's orders of a period, each with its state here. Read from the
 * shop through the profile's OrderSource (opened as the actions open it), from the state store
 * (transferred orders, the last failed attempt: order-attempts.ts) and from the GesCom (the
 * documents carrying the order, with the totals the GesCom computed). Nothing is written.
 *
 * An order is, in this order of precedence:
 * - imported: recorded as transferred; its documents (a document the record names but the GesCom
 *   lost is said);
 * - inGesCom: a document of this shop carries it but no record says so (reset, or a run killed
 *   between its write and its record): the next import records it, never writes a second one;
 * - importing: claimed by a run that did not finish;
 * - excluded: its shop status is not one the profile imports (orders.statusMapping);
 * - failed / skipped: the last attempt's reason, as the run journalled it;
 * - grouped: waiting for its day's group document (orders.grouping.mode);
 * - notImported: not yet.
 */
import { ConfigError, PasserelleError } from '../errors.js';
import { openGesCom } from '../gescom/open-gescom.js';
import type { GesComPort } from '../gescom/port.js';
import type { SalesDocument } from '../gescom/model.js';
import { msg, render, type Lang, type Text } from '../i18n/catalogue.js';
import type { Profile } from '../profile/schema.js';
import { orderScopeOf, type ShopScope } from '../shops/identity.js';
import { openShop } from '../shops/open-shop.js';
import type { OrderSource } from '../shops/port.js';
import { isGroupable } from '../sync/orders/mapping/grouping.js';
import { statusMatches } from '../sync/orders/order-status.js';
import { customRange, type PeriodName, periodRange, type Range } from '../sync/orders/period.js';
import type { ShopOrder } from '../sync/orders/shop-order.js';
import { dec } from '../util/decimal.js';
import type { ApiOrderDocument, ApiOrderRow, ApiOrdersList } from '../service/api-types-orders.js';
import type { AppContext } from './app-context.js';
import { orderAttempts, type OrderAttempt } from './order-attempts.js';

export const OVERVIEW_PERIODS: readonly PeriodName[] = ['today', 'yesterday', 'this-week', 'this-month', 'last-month'];

export interface OverviewQuery {
  /** A named period in the profile's time zone, or from/to (days or instants); neither: the profile's default period. */
  period?: string;
  from?: string;
  to?: string;
  /** Only orders of this shop status (the platform's own, or a canonical state). */
  status?: string;
}

/** The period asked, in the profile's time zone; errors name the query field. */
export function overviewRange(profile: Profile, q: OverviewQuery, now = new Date()): Range {
  const tz = profile.general.timezone;
  if (q.from || q.to) {
    try {
      return customRange(q.from ?? q.to!, q.to ?? now.toISOString(), tz);
    } catch (err) {
      // The catalogue text when there is one: the answer is rendered in the reader's language.
      throw new ConfigError(err instanceof PasserelleError && err.text ? err.text : (err as Error).message, 'orders view', q.from ? 'from' : 'to');
    }
  }
  const def = profile.orders.defaultPeriod;
  const name = q.period ?? (def === 'thisWeek' ? 'this-week' : def === 'thisMonth' ? 'this-month' : def);
  if (!OVERVIEW_PERIODS.includes(name as PeriodName)) {
    throw new ConfigError(msg('ordersView.unknownPeriod', { period: name, known: OVERVIEW_PERIODS.join(', ') }), 'orders view', 'period');
  }
  return periodRange(name as PeriodName, now, tz);
}

/** The profile's shop orders and GesCom, opened for one look; `close` releases the GesCom. */
export function openOrderSides(app: AppContext, profile: Profile, warn: (m: string | Text) => void): { source: OrderSource; gescom: GesComPort; scope: ShopScope } {
  const source = openShop(profile, { state: app.state, warn }).orderSource();
  if (!source) throw new ConfigError(msg('orders.noOrderSource', { kind: profile.shop.kind }), `profile ${profile.name}`, 'shop.kind');
  return { source, gescom: openGesCom(profile.gescom, profile.name), scope: orderScopeOf(profile) };
}

export async function ordersOverview(app: AppContext, profileName: string, q: OverviewQuery, lang: Lang, now = new Date()): Promise<ApiOrdersList> {
  const profile = app.profiles.load(profileName);
  const range = overviewRange(profile, q, now);
  const warnings: string[] = [];
  const { source, gescom, scope } = openOrderSides(app, profile, (m) => warnings.push(typeof m === 'string' ? m : render(m, lang)));
  try {
    const read: ShopOrder[] = [];
    for await (const page of source.orders({ after: range.from as ShopOrder['createdAt'], before: range.to as ShopOrder['createdAt'] })) read.push(...page);
    const importedStatuses = [...new Set(profile.orders.statusMapping.map((s) => s.status))];
    const statuses = [...new Set([...read.map((o) => o.status), ...importedStatuses])].sort();
    const shown = (q.status ? read.filter((o) => statusMatches(q.status!, o, source)) : read)
      .sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    const attempts = orderAttempts(app.state, scope, shown.map((o) => o.id));
    const orders: ApiOrderRow[] = [];
    for (const o of shown) orders.push(await rowOf(app, profile, scope, gescom, source, o, attempts.get(o.id), lang));
    return { profile: profile.name, from: range.from, to: range.to, timezone: profile.general.timezone, statuses, importedStatuses, orders, warnings };
  } finally {
    gescom.close();
  }
}

export function documentOf(d: SalesDocument): ApiOrderDocument {
  return {
    number: d.number, type: d.type, date: d.date, customerCode: d.customerCode, validated: d.validated,
    totalHt: d.totals.totalHt, totalVat: d.totals.totalVat, totalTtc: d.totals.totalTtc, paid: d.totals.paid, due: d.totals.due,
  };
}

async function rowOf(app: AppContext, profile: Profile, scope: ShopScope, gescom: GesComPort, source: OrderSource, o: ShopOrder,
  attempt: OrderAttempt | undefined, lang: Lang): Promise<ApiOrderRow> {
  const known = app.state.transferredOrder(scope, o.id);
  const carrying = await gescom.documentsByShopOrderId(o.id);
  const docs = carrying.filter((d) => d.shopKey === scope.shop);
  // A grouped order's document carries the group's id, not the order's: the record names it.
  let gone: string | null = null;
  if (known?.documentNumber && !docs.some((d) => d.number === known.documentNumber)) {
    const recorded = await gescom.document(known.documentNumber);
    if (recorded) docs.unshift(recorded);
    else gone = known.documentNumber;
  }
  const name = [o.customer.firstName, o.customer.lastName].filter(Boolean).join(' ');
  const row: ApiOrderRow = {
    id: o.id, number: o.number || o.id, createdAt: o.createdAt,
    customer: o.customer.company ? (name ? `${o.customer.company} (${name})` : o.customer.company) : name || o.customer.email || o.billing.email,
    email: o.customer.email || o.billing.email, currency: o.currency, totalTtc: o.totals.inclTax, shopStatus: o.status, shopState: o.state,
    here: 'notImported', documents: docs.map(documentOf), totalsMatch: null, reason: null, field: null, runId: null,
  };
  const say = (text: Text, field: string | null = null) => {
    row.reason = render(text, lang);
    row.field = field;
  };
  const legacy = carrying.find((d) => d.shopKey === '');
  if (known?.state === 'imported') {
    row.here = 'imported';
    // A grouped document holds several orders: its total is not this order's.
    if (docs.length && !docs.some((d) => d.shopOrderId?.startsWith('GROUP-'))) {
      row.totalsMatch = docs.reduce((sum, d) => sum.plus(d.totals.totalTtc), dec(0)).equals(dec(o.totals.inclTax));
    }
    if (gone) say(msg('ordersView.reason.documentGone', { number: gone }));
  } else if (docs.length) {
    row.here = 'inGesCom';
    say(msg('ordersView.reason.inGesCom', { number: docs.map((d) => d.number).join(', ') }));
  } else if (legacy) {
    row.here = 'inGesCom';
    row.documents = [documentOf(legacy)];
    say(msg('ordersView.reason.legacy', { number: legacy.number }));
  } else if (known?.state === 'importing') {
    row.here = 'importing';
    say(msg('ordersView.reason.importing'));
  } else if (!profile.orders.statusMapping.some((s) => statusMatches(s.status, o, source))) {
    row.here = 'excluded';
    say(msg('ordersView.reason.excluded', { status: o.status }), 'orders.statusMapping');
  } else if (attempt) {
    row.here = attempt.outcome;
    row.reason = render(msg('ordersView.reason.lastAttempt', { run: String(attempt.runId ?? '?'), reason: attempt.reason[lang] }), lang);
    row.field = attempt.field;
    row.runId = attempt.runId;
  } else if (isGroupable(o, profile.orders)) {
    row.here = 'grouped';
    say(msg('ordersView.reason.grouped'), 'orders.grouping.mode');
  } else {
    say(msg('ordersView.reason.notYet'));
  }
  return row;
}
