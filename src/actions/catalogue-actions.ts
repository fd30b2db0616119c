/**
 * GesCom -> shop catalogue actions: products.export (ART-01..ART-15),
 * categories.export (ART-02), products.stocks (ART-09), products.prices (ART-10),
 * products.status (ART-12, ART-15 out of stock), and shop.check (PRF-09).
 */
import PQueue from 'p-queue';
import type { Profile } from '../profile/schema.js';
import type { ConnectionReport, ShopPort, ShopProductState } from '../shops/port.js';
import type { GesComPort } from '../gescom/port.js';
import type { CategoryPath } from '../sync/drafts.js';
import { syncAspect, type Aspect } from '../sync/engine/aspect-sync.js';
import { mappingContext, readProductDrafts } from '../sync/engine/catalogue-reader.js';
import { ensureCategories } from '../sync/engine/category-sync.js';
import { ProductSync } from '../sync/engine/product-sync.js';
import { categoryPath } from '../sync/mapping/categories.js';
import type { ActionContext, ActionDef } from './action.js';
import { moneyFindings, type MoneyFinding } from './money-check.js';
import { shopOf } from './shop-of.js';
import { ConfigError, PasserelleError } from '../errors.js';
import { msg } from '../i18n/catalogue.js';

/**
 * Articles of an export held at once beyond the page being read: two pages of 100 for shops written
 * item by item (one travels while the next is mapped), one page when a page is a bulk operation of
 * thousands (its wait is the shop's, and a second page would only double the memory).
 */
const ARTICLES_IN_FLIGHT = 200;

export function pagesInFlight(pageSize: number): number {
  return Math.max(1, Math.floor(ARTICLES_IN_FLIGHT / pageSize));
}

/**
 * Drafts per page of an export: the shop's batch when it takes big ones (a Shopify bulk operation
 * has a fixed cost, so 2,500 articles an operation instead of 100), else 100.
 */
export function draftPageSize(shop: { capabilities: { batchSize: { products: number } } }): number {
  return Math.max(100, shop.capabilities.batchSize.products);
}


/**
 * Transfer dates (ART-05, ART-09, ART-10): set to the run's start, and only when
 * nothing failed, so that a failed article is read again by the next delta run.
 */
function advanceTransferDate(ctx: ActionContext, startedAt: Date, set: (p: Profile, date: string) => Profile): void {
  if (ctx.journal.failures() > 0) {
    ctx.journal.warning(msg('catalogue.dateKept'));
    return;
  }
  ctx.updateProfile((p) => set(p, startedAt.toISOString()));
}

/** Pass 1: every category path the selected articles need (parents first, ART-02). */
async function categoryPaths(ctx: ActionContext, changedSince: string | null): Promise<CategoryPath[]> {
  const mc = await mappingContext(ctx.gescom, ctx.profile, ctx.now());
  const paths = new Map<string, CategoryPath>();
  const filter = { publishableOnly: ctx.profile.articles.filters.publishableOnly, changedSince };
  for await (const page of ctx.gescom.articles(filter, 500)) {
    for (const a of page) {
      const p = categoryPath(a, ctx.profile.articles.categories, mc.trees);
      if (p) paths.set(p.keys.join('/'), p);
    }
  }
  return [...paths.values()];
}

async function syncCategories(ctx: ActionContext, shop: ShopPort, changedSince: string | null) {
  const j = ctx.journal;
  j.step(j.t('journal.reading', { what: 'catégories' }));
  if (ctx.profile.articles.categories.source === 'none') {
    j.info(msg('catalogue.categoriesNotManaged'));
    return { ids: new Map<string, string>(), byName: new Map<string, string>() };
  }
  const paths = await categoryPaths(ctx, changedSince);
  const result = await ensureCategories(paths, shop, ctx.state, ctx.profile.name, j, { updateNames: ctx.profile.articles.categories.updateNames });
  if (!result.failed) j.success();
  return result;
}

export const categoriesExport: ActionDef = {
  name: 'categories.export',
  titleKey: 'action.categories.export',
  description: { fr: 'Crée les catégories manquantes dans la boutique', en: 'Create missing categories in the shop' },
  needsShop: true,
  async run(ctx) {
    await syncCategories(ctx, shopOf(ctx), null);
  },
};

export const productsExport: ActionDef = {
  name: 'products.export',
  titleKey: 'action.products.export',
  description: { fr: 'Crée et met à jour les produits (params: newOnly, reconcile)', en: 'Create and update products (params: newOnly, reconcile)' },
  needsShop: true,
  async run(ctx) {
    const started = ctx.now();
    const j = ctx.journal;
    const p = ctx.profile;
    const newOnly = ctx.params.newOnly === true;
    const shop = shopOf(ctx);
    const changedSince = p.articles.filters.changedSinceLastTransfer ? p.articles.filters.lastTransferDate : null;
    const categories = await syncCategories(ctx, shop, changedSince);

    j.step(msg(newOnly ? 'catalogue.newProductsStep' : 'catalogue.productsStep'));
    j.reading('what.articles');
    const total = await ctx.gescom.countArticles({ publishableOnly: p.articles.filters.publishableOnly, changedSince: p.articles.variations.enabled ? null : changedSince });
    const categoryIdsOf = (d: { categories: CategoryPath[]; extraCategories: { by: 'name' | 'id'; value: string }[] }) => {
      const ids: string[] = [];
      for (const path of d.categories) {
        const leaf = categories.ids.get(path.keys[path.keys.length - 1]!);
        if (leaf) ids.push(leaf);
        if (p.articles.updates.parentCategories) for (const k of path.keys.slice(0, -1)) { const id = categories.ids.get(k); if (id) ids.push(id); }
      }
      for (const extra of d.extraCategories) {
        const id = extra.by === 'id' ? extra.value : categories.byName.get(extra.value.toLocaleLowerCase('fr'));
        if (id) ids.push(id);
        else j.warning(msg('catalogue.extraCategoryNotFound', { value: extra.value }));
      }
      return [...new Set(ids)];
    };
    const sync = new ProductSync(shop, ctx.state, j, { newOnly, updateMaster: p.articles.variations.updateMaster, profile: p.name, categoryIdsOf }, { index: 0, total });
    const drafts = readProductDrafts(ctx.gescom, p, { changedSince, withFiles: true, now: ctx.now(), pageSize: draftPageSize(shop) }, (e) => {
      j.error(j.text(msg('variations.masterEntity', { master: e.master })), msg('variations.withCodes', { message: e.message, codes: e.codes.join(', ') }), 'articles.variations');
      j.count('products', 'failed');
    });
    // A few pages in flight: the GesCom is read and mapped while earlier batches travel.
    // Bounded, so memory stays a few pages whatever the catalogue size.
    const inFlight = pagesInFlight(draftPageSize(shop));
    const queue = new PQueue({ concurrency: inFlight });
    const pending: Promise<void>[] = [];
    let failure: unknown = null;
    for await (const page of drafts) {
      if (ctx.signal.aborted) throw new PasserelleError(msg('sync.interrupted'));
      // Pages held = those running or waiting plus the one just read: wait until fewer than
      // inFlight are running or waiting, so no more than inFlight + 1 are ever held.
      while (queue.size + queue.pending >= inFlight) await new Promise((resolve) => queue.once('next', resolve));
      if (failure) break;
      // Caught at once (no unhandled rejection while later pages are read); the first failure ends the run.
      pending.push(queue.add(() => sync.syncPage(page)).catch((err: unknown) => {
        failure ??= err;
      }));
    }
    await Promise.all(pending);
    if (failure) throw failure;
    // --reconcile: the export sends what changed in the GesCom; then stock and prices are compared with the shop.
    if (ctx.params.reconcile === true) {
      // The shop's products are read once for both comparisons (a stock correction leaves prices as they were).
      const held = await runAspect(ctx, shop, 'stock', true);
      await runAspect(ctx, shop, 'price', true, held ?? undefined);
    }
    if (!j.failures()) j.success();
    advanceTransferDate(ctx, started, (pr, date) => ({ ...pr, articles: { ...pr.articles, filters: { ...pr.articles.filters, lastTransferDate: date } } }));
  },
};

/**
 * The `codes` param of an aspect run (stock following sales: the articles whose GesCom stock
 * moved): a list of article codes, or null when not given.
 */
function codesParam(ctx: ActionContext): string[] | null {
  const raw = ctx.params.codes;
  if (raw === undefined || raw === null) return null;
  const codes = typeof raw === 'string' ? raw.split(',').map((c) => c.trim()).filter(Boolean) : raw;
  if (!Array.isArray(codes) || !codes.every((c): c is string => typeof c === 'string' && c.trim() !== '')) {
    throw new ConfigError(msg('stockFollow.codesParam', { value: JSON.stringify(raw) }), `profile ${ctx.profile.name}`, 'codes');
  }
  return [...new Set(codes.map((c) => c.trim()))];
}

/** One aspect run (stock, prices, status); `reconcile` compares every article with the shop; `only` restricts it to those articles. */
async function runAspect(
  ctx: ActionContext, shop: ShopPort, aspect: Aspect, reconcile: boolean, shopProducts?: Map<string, ShopProductState>, only: string[] | null = null,
): Promise<Map<string, ShopProductState> | null> {
  const p = ctx.profile;
  const section = aspect === 'stock' ? p.stock : aspect === 'price' ? p.prices : null;
  let codes: string[] | null = null;
  // The articles named (a follow-up of sales made through another shop): those, whatever the transfer date says.
  // A reconciliation reads every article: drift happens in the shop, whatever the GesCom's dates say.
  if (only && !reconcile) {
    codes = only;
    ctx.journal.info(ctx.journal.t('stockFollow.onlyCodes', { count: only.length, codes: only.slice(0, 20).join(', ') + (only.length > 20 ? ', …' : '') }));
  } else if (!reconcile && section?.changedSinceLastTransfer && section.lastTransferDate) {
    codes = aspect === 'stock'
      ? await ctx.gescom.articlesWithStockChangedSince(section.lastTransferDate)
      : await ctx.gescom.articlesWithPriceChangedSince(section.lastTransferDate);
    ctx.journal.info(ctx.journal.t('journal.changedSince', { count: codes.length, date: ctx.journal.time(section.lastTransferDate) }));
  }
  ctx.journal.reading('what.articles');
  return syncAspect(ctx.gescom, shop, ctx.state, p, ctx.journal, {
    aspect, codes, now: ctx.now(), flushSize: 100, reconcile, signal: ctx.signal, shopProducts,
    // The status run must see unpublished articles: they are the ones it disables.
    ignorePublishable: aspect === 'stock' ? p.stock.ignorePublishable : aspect === 'price' ? p.prices.ignorePublishable : true,
  });
}

function aspectAction(name: string, aspect: Aspect, titleKey: ActionDef['titleKey'], description: ActionDef['description']): ActionDef {
  return {
    name, titleKey, description, needsShop: true,
    async run(ctx) {
      const started = ctx.now();
      const only = codesParam(ctx);
      await runAspect(ctx, shopOf(ctx), aspect, ctx.params.reconcile === true, undefined, only);
      if (!ctx.journal.failures()) ctx.journal.success();
      // A run of some articles only leaves the transfer date alone: the others' changes are still to send.
      if (only && ctx.params.reconcile !== true) return;
      if (aspect === 'stock') advanceTransferDate(ctx, started, (pr, date) => ({ ...pr, stock: { ...pr.stock, lastTransferDate: date } }));
      if (aspect === 'price') advanceTransferDate(ctx, started, (pr, date) => ({ ...pr, prices: { ...pr.prices, lastTransferDate: date } }));
    },
  };
}

export const productsStocks = aspectAction('products.stocks', 'stock', 'action.products.stocks', {
  fr: 'Met à jour le stock des produits (seulement ce qui a changé ; params: reconcile, codes)', en: 'Update product stock (only what changed; params: reconcile, codes)',
});
export const productsPrices = aspectAction('products.prices', 'price', 'action.products.prices', {
  fr: 'Met à jour les prix des produits (seulement ce qui a changé ; params: reconcile)', en: 'Update product prices (only what changed; params: reconcile)',
});
export const productsStatus = aspectAction('products.status', 'status', 'action.products.status', {
  fr: 'Active ou désactive les produits selon la GesCom (params: reconcile)', en: 'Enable or disable products from the GesCom state (params: reconcile)',
});

/** The profile option a failed shop connection check points at (PRF-09). */
export function shopCheckField(profile: Profile, check: string): string {
  return check === 'prices' ? 'prices.base' : check === 'media' ? `shop.${profile.shop.kind}.mediaPassword` : 'shop';
}

/**
 * Money (issue 7): currency, price mode and tax classes, once the shop has answered (`report`).
 * What the GesCom holds is compared when it can be read; an empty or unreadable one is
 * gescom.check's to report, its comparisons are left out here.
 */
export async function shopMoneyFindings(shop: ShopPort, report: ConnectionReport, gescom: GesComPort, profile: Profile): Promise<MoneyFinding[]> {
  const yesNo = (v: string | undefined) => (v === 'yes' ? true : v === 'no' ? false : null);
  const held = await Promise.all([gescom.company(), gescom.vatCodes()]).catch(() => null);
  return moneyFindings(profile, {
    shopCurrency: report.info.currency ?? null,
    shopPricesIncludeTax: yesNo(report.info.pricesIncludeTax),
    shopCalculatesTax: yesNo(report.info.calcTaxes),
    companyCurrency: held ? held[0].currencyCode : null,
    vatCodesWithoutTaxClass: held && shop.vatCodesWithoutTaxClass ? await shop.vatCodesWithoutTaxClass(held[1]) : null,
  });
}

export const shopCheck: ActionDef = {
  name: 'shop.check',
  titleKey: 'action.shop.check',
  description: { fr: 'Teste la connexion à la boutique', en: 'Test the shop connection' },
  needsShop: true,
  check: true,
  async run(ctx) {
    const shop = shopOf(ctx);
    const report = await shop.testConnection();
    for (const [k, v] of Object.entries(report.info)) ctx.journal.info(`${k} : ${v}`);
    for (const c of report.checks) {
      if (c.ok) {
        ctx.journal.info(c.message);
        ctx.journal.count('connection', 'unchanged');
      } else {
        ctx.journal.error(ctx.journal.text(msg('shop.entity', { url: ctx.profile.shop.url })), c.message, shopCheckField(ctx.profile, c.name));
        ctx.journal.count('connection', 'failed');
      }
    }
    if (!report.checks.some((c) => c.name === 'auth' && c.ok)) return;
    const j = ctx.journal;
    for (const f of await shopMoneyFindings(shop, report, ctx.gescom, ctx.profile)) {
      const text = j.t(f.text.key, f.text.params);
      if (f.level === 'info') j.info(text);
      else if (f.level === 'warning') j.warning(text);
      else {
        j.error(`profile ${ctx.profile.name}`, text, f.field);
        j.count('settings', 'failed');
      }
    }
    if (report.ok && !j.failures()) j.success();
  },
};
