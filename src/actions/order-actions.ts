/**
 * Shop -> GesCom order actions: orders.import (CMD-01..CMD-12), orders.status
 * (CMD-13), prospects.import (CLI-04).
 *
 * Exactly once: before writing, the importer looks the shop order id up among the
 * GesCom's documents ("N° pièce site"); the GesCom's unique index refuses a second
 * document for one order even to a racing process; the state store records the
 * claim before the write and the document after, and the profile's run lock keeps
 * two runs of one profile apart. A run killed between the document and the state
 * update finds the document at the next run and only records it.
 *
 * Two shops on one GesCom company: the key is (shop identity, order id) everywhere (the document's
 * shop key with its "N° pièce site", the state store), so order 530 of each shop makes its own
 * document; the customer accounts built from shop customer ids are recorded per shop, and an
 * account already made for another shop's customer is refused (see README, "Two shops").
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Customer, DocumentType, IsoDate, SalesDocument } from '../gescom/model.js';
import type { GesComPort } from '../gescom/port.js';
import { DuplicateShopOrderError, ConfigError, errorText, PasserelleError } from '../errors.js';
import type { OrderSource, ShopPort } from '../shops/port.js';
import { CLOSED_ORDER_STATES, type OrderStatusForms, PLAIN_STATUS_FORMS } from '../sync/orders/order-status.js';
import { stableHash } from '../sync/engine/hash.js';
import { customerAccountNumber } from '../sync/orders/mapping/account-number.js';
import type { MappedDocument } from '../sync/orders/mapping/document.js';
import type { CustomerDecision } from '../sync/orders/mapping/customer-account.js';
import { groupOrders, isGroupable, planGrouping } from '../sync/orders/mapping/grouping.js';
import { mapOrderPerAddress } from '../sync/orders/mapping/multi-address.js';
import { articleCodesToLookUp, articleMap, type ArticleRef, customerCodesToLookUp, emailToLookUp, type OrderMappingRefs } from '../sync/orders/mapping/refs.js';
import { customRange, incrementalRange, type PeriodName, periodRange, type Range } from '../sync/orders/period.js';
import { parseOrderXml } from '../sync/orders/order-xml.js';
import type { ShopOrder } from '../sync/orders/shop-order.js';
import { trackingUrl } from '../sync/orders/tracking-url.js';
import { syncAspect } from '../sync/engine/aspect-sync.js';
import { profileCodes } from './gescom-check.js';
import type { ActionContext, ActionDef } from './action.js';
import { shopOf } from './shop-of.js';
import { msg, tr } from '../i18n/catalogue.js';
import { orderScopeOf, type ShopScope } from '../shops/identity.js';
import { gescomIdentity } from '../gescom/gescom-identity.js';
import { forgetOrderAttempt, noteOrderAttempt } from '../app/order-attempts.js';

export const ORDERS_ACTION = 'orders.import';
/** A run reads from the previous run's start minus this, so an order created during that run is not missed. */
const OVERLAP_MINUTES = 15;
const STATUS_KIND = 'order.status';

/** The GesCom a profile writes to, as the key of the customer accounts recorded per shop. */
const gescomKey = (ctx: ActionContext): string => gescomIdentity(ctx.profile.gescom);

/**
 * The profile's scope, after tying to its shop what it recorded before shops were told apart: its
 * transferred orders, and the documents they name. Only the document recorded for that very order
 * (and the other parts of that order for the same customer) is tied: a bare order id could be
 * another shop's order.
 */
async function orderScope(ctx: ActionContext): Promise<ShopScope> {
  const scope = orderScopeOf(ctx.profile);
  let tied = 0;
  for (const t of ctx.state.adoptLegacyOrders(scope.profile, scope.shop)) {
    if (!t.documentNumber) continue;
    const recorded = await ctx.gescom.document(t.documentNumber);
    if (!recorded || recorded.shopKey !== '' || !recorded.shopOrderId) continue;
    const parts = recorded.shopOrderId === t.shopOrderId ? await ctx.gescom.documentsByShopOrderId(t.shopOrderId) : [recorded];
    for (const d of parts) {
      if (d.shopKey !== '' || (d.number !== recorded.number && d.customerCode !== recorded.customerCode)) continue;
      await ctx.gescom.setDocumentShopKey(d.number, scope.shop);
      tied++;
    }
  }
  if (tied) ctx.journal.info(msg('orders.legacyAdopted', { n: tied, shop: scope.shop }));
  return scope;
}

/**
 * Accounts built from a shop's customer ids (prefix + id) belong to that shop: WooCommerce customer 2
 * and PrestaShop customer 2 on one company must not share WEB000002. The first shop that uses an
 * account owns it; another shop using it is refused, naming the option to change.
 */
function claimShopAccount(ctx: ActionContext, scope: ShopScope, code: string, entity: string): void {
  const owner = ctx.state.claimAccount(gescomKey(ctx), code, scope.shop, scope.profile);
  if (owner !== scope.shop) throw new ConfigError(msg('orders.accountOfOtherShop', { code, shop: owner }), entity, 'orders.accountPrefix');
}

/** Whether a customer decision is an account number built from a shop id (owned per shop), not a configured one. */
const builtAccount = (c: CustomerDecision | null | undefined): c is CustomerDecision => c?.source === 'perCustomer' || c?.source === 'guest';

function sourceOf(ctx: ActionContext, shop: ShopPort = shopOf(ctx)): OrderSource {
  const source = shop.orderSource();
  if (!source) throw new ConfigError(msg('orders.noOrderSource', { kind: ctx.profile.shop.kind }), `profile ${ctx.profile.name}`, 'shop.kind');
  return source;
}

/** CMD-12: the special articles must be configured and exist before anything is read. */
async function checkSpecialArticles(ctx: ActionContext): Promise<void> {
  for (const c of profileCodes(ctx.profile).filter((x) => x.what === 'article')) {
    if (!c.code) throw new ConfigError(msg('orders.specialNotSet', { role: c.role ?? c.option }), `profile ${ctx.profile.name}`, c.option);
    if (!(await ctx.gescom.article(c.code))) {
      throw new ConfigError(msg('orders.specialNotFound', { role: c.role ?? c.option, code: c.code }), `profile ${ctx.profile.name}`, c.option);
    }
  }
}

function importRange(ctx: ActionContext): { range: Range; incremental: boolean } {
  const p = ctx.params;
  const tz = ctx.profile.general.timezone;
  const now = ctx.now();
  if (typeof p.from === 'string' || typeof p.to === 'string') {
    try {
      // --from alone runs to now; --to alone from the start of that day.
      const to = typeof p.to === 'string' ? p.to : now.toISOString();
      return { range: customRange(String(p.from ?? p.to), to, tz), incremental: false };
    } catch (err) {
      throw new ConfigError((err as Error).message, 'orders import', p.from ? 'from' : 'to');
    }
  }
  if (typeof p.period === 'string') {
    const names: PeriodName[] = ['today', 'yesterday', 'this-week', 'this-month', 'last-month'];
    if (!names.includes(p.period as PeriodName)) throw new ConfigError(msg('orders.unknownPeriod', { period: String(p.period), known: names.join(', ') }), 'orders import', 'period');
    return { range: periodRange(p.period as PeriodName, now, tz), incremental: false };
  }
  const def = ctx.profile.orders.defaultPeriod;
  const fallback = periodRange(def === 'thisWeek' ? 'this-week' : def === 'thisMonth' ? 'this-month' : def, now, tz);
  return { range: incrementalRange(ctx.state.lastTransferDate(ctx.profile.name, ORDERS_ACTION), now, OVERLAP_MINUTES, fallback), incremental: true };
}

/** Reference data read once per run; articles and customers per order. */
async function staticRefs(g: GesComPort) {
  const [company, vatCodes, paymentModes, bankJournals, currencies, depots, accountingCategories] = await Promise.all([
    g.company(), g.vatCodes(), g.paymentModes(), g.bankJournals(), g.currencies(), g.depots(), g.accountingCategories(),
  ]);
  return { companyCurrency: company.currencyCode, vatCodes, paymentModes, bankJournals, currencies, depots, accountingCategories };
}

async function orderRefs(ctx: ActionContext, order: ShopOrder, base: Awaited<ReturnType<typeof staticRefs>>, others: ShopOrder[] = []): Promise<OrderMappingRefs> {
  const g = ctx.gescom;
  const articles: ArticleRef[] = [];
  const codes = [...new Set([order, ...others].flatMap((x) => articleCodesToLookUp(x, ctx.profile)))];
  // Stock and substitutes matter only to the substitute rule (ART-16): not read otherwise.
  const substitutes = ctx.profile.orders.lines.useSubstitute;
  const ref = async (a: NonNullable<Awaited<ReturnType<GesComPort['article']>>>): Promise<ArticleRef> =>
    ({ ...a, stock: substitutes && a.stockTracked ? await g.stock(a.code, { kind: 'available' }) : null });
  for (const code of codes) {
    const a = await g.article(code);
    if (!a) continue;
    articles.push(await ref(a));
    if (substitutes && a.substituteCode && !codes.includes(a.substituteCode)) {
      const s = await g.article(a.substituteCode);
      if (s) articles.push(await ref(s));
    }
  }
  const email = emailToLookUp(order, ctx.profile);
  const customers = new Map<string, Customer>();
  for (const code of [...new Set([order, ...others].flatMap((x) => customerCodesToLookUp(x, ctx.profile)))]) {
    const c = await g.customer(code);
    if (c) customers.set(code, c);
  }
  return {
    ...base, now: ctx.now().toISOString(), articles: articleMap(articles),
    customerByEmail: email ? await g.findCustomerByEmail(email) : null, customers,
  };
}

export const ordersImport: ActionDef = {
  name: ORDERS_ACTION,
  titleKey: 'action.orders.import',
  description: {
    fr: 'Importe les commandes en pièces de la GesCom (params: period, from, to, orderIds, includeTransferred, updateStock)',
    en: 'Import shop orders as GesCom documents (params: period, from, to, orderIds, includeTransferred, updateStock)',
  },
  needsShop: true,
  async run(ctx) {
    const started = ctx.now();
    const j = ctx.journal;
    const o = ctx.profile.orders;
    const name = ctx.profile.name;
    const listed = orderIdsOf(ctx.params);
    await checkSpecialArticles(ctx);
    if (!o.statusMapping.length) throw new ConfigError(msg('orders.noStatusSelected'), `profile ${name}`, 'orders.statusMapping');
    if (listed) return importListed(ctx, listed);
    const includeTransferred = ctx.params.includeTransferred === true || o.includeTransferred;
    const { range, incremental } = importRange(ctx);
    // One shop for the run: the orders, then the stock update.
    const shop = shopOf(ctx);
    const source = sourceOf(ctx, shop);
    const scope = await orderScope(ctx);
    const base = await staticRefs(ctx.gescom);
    j.step(j.t('journal.ordersPeriod', { from: j.time(range.from), to: j.time(range.to) }));
    j.reading('what.orders');
    const statuses = [...new Set(o.statusMapping.map((s) => s.status))];
    const filter = o.findBy === 'invoiceDate' || incremental ? { modifiedAfter: range.from, before: undefined } : { after: range.from, before: range.to };
    const touched = new Set<string>();
    const groupable: ShopOrder[] = [];
    let index = 0;
    for await (const page of source.orders({ ...filter, statuses })) {
      for (const order of page) {
        if (ctx.signal.aborted) throw new PasserelleError(msg('sync.interrupted'), 'orders import');
        index++;
        // The shop's total is unknown while reading page by page: the count read so far is shown.
        j.info(`${index} - #${order.number || order.id}`);
        // CMD-14: orders of a day grouped into one document are held until all are read.
        if (isGroupable(order, o)) groupable.push(order);
        else await importOne(ctx, scope, order, base, includeTransferred, touched, source);
      }
    }
    const earliestWaiting = groupable.length ? await importGroups(ctx, scope, groupable, base, includeTransferred, touched, source) : null;
    await reportCancelled(ctx, scope, source, range);
    await updateStockOf(ctx, shop, touched);
    if (!j.failures()) {
      j.success();
      // Only a run that left nothing behind moves the window; a failed order is read again next time.
      // Orders of a day not over yet are read again by the next run: the window stops before them.
      const next = earliestWaiting && earliestWaiting < started.toISOString() ? earliestWaiting : started.toISOString();
      if (incremental) ctx.state.setLastTransferDate(name, ORDERS_ACTION, next);
    }
  },
};

/**
 * `orderIds` (a webhook's orders, `orders import --ids`): the shop ids as a list or a comma-separated
 * string; undefined when the run is not given one. Anything else is refused naming the parameter.
 */
export function orderIdsOf(params: Record<string, unknown>): string[] | undefined {
  const raw = params.orderIds;
  if (raw === undefined) return undefined;
  const items = typeof raw === 'string' ? raw.split(',') : Array.isArray(raw) ? raw : null;
  const ids = items?.map((x) => (typeof x === 'number' || typeof x === 'string' ? String(x).trim() : '')).filter((x) => x !== '');
  if (!ids?.length || (Array.isArray(items) && ids.length !== items.filter((x) => String(x).trim() !== '').length)) {
    throw new ConfigError(msg('orders.idsInvalid'), 'orders import', 'orderIds');
  }
  return [...new Set(ids)];
}

/**
 * The orders named (a webhook's, `--ids`), each read on its own, through the same importOne as a
 * period: exactly once, the status mapping (an order whose status is not selected is skipped with
 * its line), the stock update. The incremental window stays where it is: the scheduled import
 * still reads everything since its own last run (the safety net for lost deliveries).
 */
async function importListed(ctx: ActionContext, ids: string[]): Promise<void> {
  const j = ctx.journal;
  const o = ctx.profile.orders;
  const includeTransferred = ctx.params.includeTransferred === true || o.includeTransferred;
  const shop = shopOf(ctx);
  const source = sourceOf(ctx, shop);
  const scope = await orderScope(ctx);
  const base = await staticRefs(ctx.gescom);
  j.step(msg('orders.listed', { ids: ids.join(', ') }));
  const touched = new Set<string>();
  let index = 0;
  for (const id of ids) {
    if (ctx.signal.aborted) throw new PasserelleError(msg('sync.interrupted'), 'orders import');
    j.progress(++index, ids.length, `#${id}`);
    const entity = j.text(msg('orders.entity', { order: id }));
    let order: ShopOrder | null;
    try {
      order = await source.order(id);
    } catch (err) {
      j.entityFailed('orders', entity, err);
      noteOrderAttempt(ctx.state, scope, id, ctx.runId, 'failed', err);
      continue;
    }
    if (!order) {
      j.skipped('orders', entity, msg('orders.listedNotInShop'));
      continue;
    }
    // CMD-14: an order grouped with its day is written by the import after that day.
    if (isGroupable(order, o)) {
      j.skipped('orders', entity, msg('orders.listedGrouped'));
      continue;
    }
    if (noteClosedAfterImport(ctx, scope, order)) continue;
    await importOne(ctx, scope, order, base, includeTransferred, touched, source);
  }
  await updateStockOf(ctx, shop, touched);
  if (!j.failures()) j.success();
}

/** The shop stock of the articles the run's documents moved, when the run or the profile asks for it. */
async function updateStockOf(ctx: ActionContext, shop: ShopPort, touched: Set<string>): Promise<void> {
  if (!(ctx.params.updateStock === true || ctx.profile.orders.updateStock) || !touched.size) return;
  ctx.journal.step(msg('orders.stockUpdate'));
  await syncAspect(ctx.gescom, shop, ctx.state, ctx.profile, ctx.journal, {
    aspect: 'stock', codes: [...touched], now: ctx.now(), flushSize: 100, ignorePublishable: true,
  });
}

async function importOne(ctx: ActionContext, scope: ShopScope, order: ShopOrder, base: Awaited<ReturnType<typeof staticRefs>>, includeTransferred: boolean,
  touched: Set<string>, statusForms: OrderStatusForms): Promise<void> {
  const j = ctx.journal;
  const entity = j.text(msg('orders.entity', { order: order.number || order.id }));
  const known = ctx.state.transferredOrder(scope, order.id);
  if (known?.state === 'imported' && !includeTransferred) {
    j.count('orders', 'unchanged');
    return;
  }
  // The GesCom is the truth: a document already carrying this order id for this shop is never made twice.
  const existing = await ctx.gescom.findDocumentByShopOrderId(order.id, scope.shop);
  if (existing?.shopKey === '') {
    // Made before shops were told apart and not recorded by this profile: maybe this shop's order,
    // maybe another's. Never made twice; said until `orders repair` ties it to its shop.
    j.warning(msg('orders.legacyDocument', { entity, number: existing.number }));
    j.count('orders', 'skipped');
    return;
  }
  if (existing) {
    ctx.state.markOrderImported(scope, order.id, existing.number, existing.type, order.status);
    forgetOrderAttempt(ctx.state, scope, order.id);
    if (!known) j.info(msg('orders.alreadyInDocument', { entity, number: existing.number }));
    j.count('orders', 'unchanged');
    return;
  }
  let results;
  try {
    // CMD-15: one document per shipping address when the order has several.
    results = mapOrderPerAddress(order, ctx.profile, await orderRefs(ctx, order, base), { statusForms });
  } catch (err) {
    j.entityFailed('orders', entity, err);
    noteOrderAttempt(ctx.state, scope, order.id, ctx.runId, 'failed', err);
    return;
  }
  const first = results[0];
  if (!first || first.skip !== null) {
    j.skipped('orders', entity, first?.skip ?? msg('orders.empty'));
    noteOrderAttempt(ctx.state, scope, order.id, ctx.runId, 'skipped', first?.skip ?? msg('orders.empty'));
    return;
  }
  ctx.state.claimOrder(scope, order.id, null);
  let firstNumber: string | null = null;
  for (const mapped of results) {
    if (mapped.skip !== null) continue;
    const number = await writeMapped(ctx, scope, mapped, entity, touched);
    if (number === null) return;
    firstNumber ??= number;
  }
  if (firstNumber) {
    ctx.state.markOrderImported(scope, order.id, firstNumber, first.document.type, order.status);
    forgetOrderAttempt(ctx.state, scope, order.id);
    j.count('orders', 'created');
  }
}

/** A mapped order, or a day's group (no customer decision: the grouping account is used as it is). */
type WritableDocument = MappedDocument & { customer?: CustomerDecision | null };

/** Writes one mapped document (customer first); its number, or null when it failed (journalled). */
async function writeMapped(ctx: ActionContext, scope: ShopScope, mapped: WritableDocument, entity: string, touched: Set<string>): Promise<string | null> {
  const j = ctx.journal;
  // A part written by a run that was killed half-way is not written again.
  const already = mapped.document.shopOrderId ? await ctx.gescom.findDocumentByShopOrderId(mapped.document.shopOrderId, scope.shop) : null;
  if (already) return already.number;
  try {
    // Grouped documents use the grouping account as it is: no customer decision.
    const c = mapped.customer ?? null;
    if (builtAccount(c)) claimShopAccount(ctx, scope, c.code, entity);
    if (c?.create) {
      if (await ctx.gescom.customer(c.create.code)) {
        j.warning(msg('orders.accountExistsUsed', { entity, code: c.create.code }));
      } else {
        await ctx.gescom.createCustomer(c.create);
        j.count('customers', 'created');
      }
    } else if (c?.update) {
      await ctx.gescom.updateCustomer(c.code, c.update);
      j.count('customers', 'updated');
    }
    for (const w of mapped.warnings) j.warning(msg('mapping.ofEntity', { entity, message: w }));
    const doc = await ctx.gescom.createDocument({ ...mapped.document, shopKey: scope.shop });
    if (mapped.validate) await ctx.gescom.validateDocument(doc.number);
    for (const l of doc.lines) if (l.articleCode) touched.add(l.articleCode);
    j.info(`${entity} -> ${doc.number} (${doc.customerCode}) TTC ${doc.totals.totalTtc}`);
    return doc.number;
  } catch (err) {
    // Another process wrote it between our look-up and our write: the GesCom's unique index settled it.
    if (err instanceof DuplicateShopOrderError) return err.existingNumber;
    j.entityFailed('orders', entity, err);
    if (mapped.document.shopOrderId) noteOrderAttempt(ctx.state, scope, mapped.document.shopOrderId, ctx.runId, 'failed', err);
    return null;
  }
}

/**
 * CMD-14: the groupable orders of each closed day become one document; the
 * orders of today wait for tomorrow's run. Returns the creation date of the
 * earliest waiting order, or null.
 */
async function importGroups(ctx: ActionContext, scope: ShopScope, orders: ShopOrder[], base: Awaited<ReturnType<typeof staticRefs>>, includeTransferred: boolean,
  touched: Set<string>, statusForms: OrderStatusForms): Promise<string | null> {
  const j = ctx.journal;
  const fresh = orders.filter((o) => includeTransferred || ctx.state.transferredOrder(scope, o.id)?.state !== 'imported');
  j.count('orders', 'unchanged', orders.length - fresh.length);
  const plan = planGrouping(fresh, ctx.profile, ctx.now().toISOString());
  for (const w of plan.waiting) j.info(msg('orders.groupedTomorrow', { order: w.number || w.id }));
  j.count('orders', 'skipped', plan.waiting.length);
  for (const single of plan.single) await importOne(ctx, scope, single, base, includeTransferred, touched, statusForms);
  for (const group of plan.groups) {
    const entity = j.text(msg('orders.groupOf', { day: group.day }));
    let result;
    try {
      result = groupOrders(group, ctx.profile, await orderRefs(ctx, group.orders[0]!, base, group.orders.slice(1)), { statusForms });
    } catch (err) {
      j.entityFailed('orders', entity, err, group.orders.length);
      for (const o of group.orders) noteOrderAttempt(ctx.state, scope, o.id, ctx.runId, 'failed', err);
      continue;
    }
    for (const s of result.skipped) {
      j.skipped('orders', j.text(msg('orders.entity', { order: s.orderId })), s.reason);
    }
    for (const d of result.documents) {
      for (const w of d.warnings) j.warning(msg('mapping.ofEntity', { entity, message: w }));
      // The group's warnings were journalled above with the group's name.
      const number = await writeMapped(ctx, scope, { ...d, warnings: [] }, entity, touched);
      if (number === null) continue;
      for (const id of d.includedOrderIds) ctx.state.markOrderImported(scope, id, number, d.document.type, group.orders.find((o) => o.id === id)?.status ?? null);
      j.count('orders', 'created', d.includedOrderIds.length);
    }
  }
  return plan.waiting.length ? plan.waiting.map((w) => w.createdAt).sort()[0]! : null;
}

/** Orders imported earlier and cancelled or refunded in the shop since: said in the journal, never ignored. */
async function reportCancelled(ctx: ActionContext, scope: ShopScope, source: OrderSource, range: Range): Promise<void> {
  for await (const page of source.orders({ modifiedAfter: range.from, states: CLOSED_ORDER_STATES })) {
    for (const order of page) noteClosedAfterImport(ctx, scope, order);
  }
}

/** An imported order now cancelled or refunded in the shop: journalled once per status and counted skipped (true). */
function noteClosedAfterImport(ctx: ActionContext, scope: ShopScope, order: ShopOrder): boolean {
  if (!CLOSED_ORDER_STATES.includes(order.state)) return false;
  const known = ctx.state.transferredOrder(scope, order.id);
  if (!known?.documentNumber || known.shopStatus === order.status) return false;
  ctx.journal.warning(
    msg('orders.changedAfterImport', { order: order.number || order.id, status: order.status, number: known.documentNumber }),
  );
  ctx.state.markOrderImported(scope, order.id, known.documentNumber, known.documentType ?? 'invoice', order.status);
  ctx.journal.count('orders', 'skipped');
  return true;
}

export const ordersLoadXml: ActionDef = {
  name: 'orders.load-xml',
  titleKey: 'action.orders.import',
  description: { fr: "Importe les commandes d'un fichier XML (params: file)", en: 'Import the orders of an XML file (params: file)' },
  needsShop: false,
  async run(ctx) {
    const file = ctx.params.file;
    if (typeof file !== 'string' || !file) throw new ConfigError(msg('orders.xmlFileRequired'), 'orders load-xml', 'file');
    await checkSpecialArticles(ctx);
    let xml: string;
    try {
      xml = fs.readFileSync(file, 'utf8');
    } catch (err) {
      throw new ConfigError(msg('orders.unreadableFile', { file, reason: (err as Error).message }), 'orders load-xml', 'file');
    }
    const orders = parseOrderXml(xml, path.basename(file));
    // The file is an export of the profile's shop: its orders take the profile's shop identity.
    const scope = await orderScope(ctx);
    const base = await staticRefs(ctx.gescom);
    const touched = new Set<string>();
    ctx.journal.step(msg('orders.loadingXml', { file: path.basename(file), n: orders.length }));
    let i = 0;
    for (const order of orders) {
      ctx.journal.progress(++i, orders.length, `#${order.number}`);
      // A file names no platform: its statuses are compared as written, or as canonical states.
      await importOne(ctx, scope, order, base, ctx.params.includeTransferred === true, touched, PLAIN_STATUS_FORMS);
    }
    if (!ctx.journal.failures()) ctx.journal.success();
  },
};

/**
 * CMD-13 "Réparer les clés": brings the state store back in line with the GesCom.
 * Every document carrying a shop order id is recorded as transferred; orders
 * recorded but whose document is gone are listed (not forgotten: `orders reset`
 * does that, on purpose).
 */
export const ordersRepair: ActionDef = {
  name: 'orders.repair',
  titleKey: 'action.orders.repair',
  description: { fr: 'Répare les clés des commandes transférées à partir de la GesCom', en: 'Repair the transferred-order keys from the GesCom' },
  needsShop: false,
  async run(ctx) {
    const j = ctx.journal;
    const scope = await orderScope(ctx);
    // This shop's documents, and those made before shops were told apart, which repair ties to this
    // shop: run it in the profile of the shop that imported them.
    const docs = (await ctx.gescom.documents())
      .filter((d) => d.shopOrderId && !d.shopOrderId.startsWith('GROUP-') && (d.shopKey === scope.shop || d.shopKey === ''));
    let tied = 0;
    // The orders this shop already has its own document for, from the list just read.
    const owned = new Set(docs.filter((d) => d.shopKey === scope.shop).map((d) => d.shopOrderId!));
    for (const d of docs) {
      if (d.shopKey !== '') continue;
      // Not when this shop already has its own document for that order: the old one is another shop's.
      if (owned.has(d.shopOrderId!)) continue;
      await ctx.gescom.setDocumentShopKey(d.number, scope.shop);
      d.shopKey = scope.shop;
      owned.add(d.shopOrderId!);
      tied++;
    }
    if (tied) j.info(msg('orders.legacyAdopted', { n: tied, shop: scope.shop }));
    const mine = docs.filter((d) => d.shopKey === scope.shop);
    const byOrder = new Map(mine.map((d) => [d.shopOrderId!, d]));
    for (const d of mine) {
      const known = ctx.state.transferredOrder(scope, d.shopOrderId!);
      if (known?.state === 'imported' && known.documentNumber === d.number) {
        j.count('orders', 'unchanged');
        continue;
      }
      ctx.state.markOrderImported(scope, d.shopOrderId!, d.number, d.type, known?.shopStatus ?? null);
      j.info(msg('orders.repaired', { order: String(d.shopOrderId), number: d.number }));
      j.count('orders', 'updated');
    }
    for (const t of ctx.state.transferredOrders(scope)) {
      if (t.documentNumber && !t.documentNumber.startsWith('GROUP') && !byOrder.has(t.shopOrderId) && !(await ctx.gescom.document(t.documentNumber))) {
        j.warning(msg('orders.documentGone', { order: t.shopOrderId, number: t.documentNumber }));
        j.count('orders', 'skipped');
      }
    }
    j.success();
  },
};

/**
 * What orders.status last sent for an order: status and document number, and the parcel's tracking
 * once the document has one, so that a tracking number entered after the status went is sent by the
 * next run, and an unchanged one is not. Without tracking the hash is the one runs made before
 * tracking existed, so that an upgrade resends nothing. The tracking link is left out: it goes
 * with the status or the number it serves, and a template added or corrected must not send every
 * order ever imported again (the customer would hear of old parcels).
 */
export function statusBackHash(shopStatus: string, doc: Pick<SalesDocument, 'number' | 'trackingNumber' | 'carrier'>): string {
  const base = { status: shopStatus, number: doc.number };
  return stableHash(doc.trackingNumber ? { ...base, tracking: doc.trackingNumber, carrier: doc.carrier ?? '' } : base);
}

export const ordersStatus: ActionDef = {
  name: 'orders.status',
  titleKey: 'action.orders.status',
  description: { fr: 'Renvoie à la boutique le statut et le numéro de pièce des commandes importées', en: 'Send imported orders’ status and document number back to the shop' },
  needsShop: true,
  async run(ctx) {
    const j = ctx.journal;
    const s = ctx.profile.orderStatus;
    if (!s.mapping.length) throw new ConfigError(msg('orders.noStatusMapping'), `profile ${ctx.profile.name}`, 'orderStatus.mapping');
    const source = sourceOf(ctx);
    const scope = await orderScope(ctx);
    const sent = ctx.state.bindings(ctx.profile.name, STATUS_KIND);
    // Keyed by shop and order (a binding written before shops were told apart has the bare order id).
    const sentKey = (id: string) => `${scope.shop}|${id}`;
    const orders = ctx.state.transferredOrders(scope).filter((t) => t.state === 'imported' && t.documentNumber);
    let i = 0;
    for (const t of orders) {
      j.progress(++i, orders.length, `#${t.shopOrderId}`);
      const doc = await ctx.gescom.document(t.documentNumber!);
      if (!doc) {
        j.warning(msg('orders.documentNotFound', { order: t.shopOrderId, number: t.documentNumber! }));
        j.count('orders', 'skipped');
        continue;
      }
      const state: DocumentType | 'paid' = doc.totals.due === '0.00' && doc.payments.length ? 'paid' : doc.type;
      const target = s.mapping.find((m) => m.documentState === state) ?? s.mapping.find((m) => m.documentState === doc.type);
      if (!target) {
        j.count('orders', 'skipped');
        continue;
      }
      const hash = statusBackHash(target.shopStatus, doc);
      if ((sent.get(sentKey(t.shopOrderId)) ?? sent.get(t.shopOrderId))?.payloadHash === hash) {
        j.count('orders', 'unchanged');
        continue;
      }
      try {
        // The shop's word first: an order cancelled or refunded there is never set back to a live status.
        const current = await source.order(t.shopOrderId);
        if (!current) {
          j.warning(msg('orders.notInShop', { order: t.shopOrderId }));
          j.count('orders', 'skipped');
          continue;
        }
        if (CLOSED_ORDER_STATES.includes(current.state)) {
          j.warning(msg('orders.statusLeftAlone', { order: t.shopOrderId, status: current.status, number: doc.number }));
          j.count('orders', 'skipped');
          continue;
        }
        // The link of the document's carrier, else of the one the shop declares for it.
        const url = trackingUrl(s, doc.carrier || source.defaultCarrier, doc.trackingNumber);
        await source.setStatus(t.shopOrderId, target.shopStatus, {
          documentNumber: doc.number, notifyCustomer: s.notifyCustomer,
          // The note is written in the shop, for the merchant: in the profile's language.
          note: s.copyDocumentNumber ? tr('orders.statusNote', { number: doc.number }, ctx.profile.general.language) : undefined,
          ...(doc.trackingNumber ? { trackingNumber: doc.trackingNumber, ...(doc.carrier ? { trackingCompany: doc.carrier } : {}), ...(url ? { trackingUrl: url } : {}) } : {}),
        });
        ctx.state.saveBinding(ctx.profile.name, STATUS_KIND, sentKey(t.shopOrderId), t.shopOrderId, hash);
        j.count('orders', 'updated');
      } catch (err) {
        j.error(j.text(msg('orders.entity', { order: t.shopOrderId })), errorText(err), 'orderStatus');
        j.count('orders', 'failed');
      }
    }
    if (!j.failures()) j.success();
  },
};

export const prospectsImport: ActionDef = {
  name: 'prospects.import',
  titleKey: 'action.prospects.import',
  description: { fr: 'Crée en prospects les clients de la boutique sans commande (params: since)', en: 'Create shop customers without orders as prospects (params: since)' },
  needsShop: true,
  async run(ctx) {
    const j = ctx.journal;
    const o = ctx.profile.orders;
    const scope = orderScopeOf(ctx.profile);
    const since = typeof ctx.params.since === 'string' ? new Date(ctx.params.since) : ctx.profile.customers.prospects.since ? new Date(ctx.profile.customers.prospects.since) : new Date(0);
    if (Number.isNaN(since.getTime())) throw new ConfigError(msg('orders.invalidDate', { value: String(ctx.params.since) }), 'prospects import', 'since');
    j.reading('what.customers');
    for await (const page of sourceOf(ctx).customersWithoutOrders(since.toISOString() as IsoDate)) {
      for (const p of page) {
        const entity = j.text(msg('customers.entity', { code: p.email }));
        try {
          if (await ctx.gescom.findCustomerByEmail(p.email)) {
            j.count('prospects', 'unchanged');
            continue;
          }
          const code = customerAccountNumber(o.accountPrefix, p.id, o.accountLength);
          claimShopAccount(ctx, scope, code, entity);
          if (await ctx.gescom.customer(code)) {
            j.count('prospects', 'unchanged');
            continue;
          }
          const addr = (a: typeof p.billing) => ({
            label: 'Web', company: a.company || null, civility: null, firstName: a.firstName || null, lastName: a.lastName || p.lastName,
            line1: a.line1, line2: a.line2 || null, line3: null, postcode: a.postcode, city: a.city, state: a.state || null,
            countryCode: a.countryCode || 'FR', phone: a.phone || null, mobile: null, email: a.email || p.email,
          });
          await ctx.gescom.createCustomer({
            code, accountingAccount: null, company: p.company || null, civility: null, firstName: p.firstName || null,
            lastName: p.lastName || p.email, email: p.email, phone: p.billing.phone || null, vatNumber: null,
            billingAddress: addr(p.billing), deliveryAddress: p.shipping ? addr(p.shipping) : null, contacts: [], priceCategoryId: null,
            familyCode: o.customerFamily || null, representativeCode: o.representative || null, accountingCategoryCode: null, paymentModeCode: null,
            dormant: false, blocked: false, creditLimit: null, paymentDelayDays: null, risk: null, notes: '', isProspect: true, customFields: {},
          });
          j.progress(1, 1, code);
          j.count('prospects', 'created');
        } catch (err) {
          j.entityFailed('prospects', entity, err);
        }
      }
    }
    if (!j.failures()) j.success();
  },
};
