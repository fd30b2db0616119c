/**
 * `passerelle gescom …`: create, generate, inspect and change the embedded GesCom,
 * so that a person, a test or a script can check what a run did and change the
 * GesCom to watch the next run carry the change.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { msg, tr } from '../i18n/catalogue.js';
import { GesComError } from '../errors.js';
import { articleEdit } from '../gescom/embedded/article-edit.js';
import { EmbeddedGesCom } from '../gescom/embedded/embedded-gescom.js';
import { createCompanyDb } from '../gescom/embedded/company-file.js';
import type { Article, DocumentType, StockKind } from '../gescom/model.js';
import { DOCUMENT_TYPES } from '../gescom/model.js';
import { STOCK_KINDS, stockOfKind } from '../gescom/stock-kinds.js';
import { isDecimalString, plain } from '../util/decimal.js';
import { printJson, printJsonArray, printLine, printTable, printTablePages } from './output.js';

/** SQLite's own errors (a damaged page found mid-listing) name no file: name it. */
function namingTheFile(db: string, err: unknown): unknown {
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    return new GesComError(msg('cli.err.gescomDbUnreadable', { file: path.resolve(db), detail: (err as Error).message }), 'gescom', 'gescom.db');
  }
  return err;
}

async function withGesCom<T>(db: string, fn: (g: EmbeddedGesCom) => Promise<T>): Promise<T> {
  const g = EmbeddedGesCom.open(db);
  try {
    return await fn(g);
  } catch (err) {
    throw namingTheFile(db, err);
  } finally {
    g.close();
  }
}

async function collect<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const page of pages) out.push(...page);
  return out;
}


// Tests and the demo build companies with it; it lives with the embedded GesCom (the service builds one too).
export { createCompanyDb };

const ARTICLE_HEADERS = ['code', 'name', 'family', 'vat', 'priceHT', 'priceTTC', 'web', 'dormant', 'modified'];

function articleRow(a: Article) {
  return [a.code, a.name, a.familyCode, a.vatCode, a.salePriceHt, a.salePriceTtc, a.publishable, a.doNotUse, a.modifiedAt.slice(0, 19)];
}

export function registerGescomCommands(program: Command): void {
  const gescom = program.command('gescom').description(tr('help.embeddedGescomCreateInspectChange'));

  gescom
    .command('init')
    .description(tr('help.createAGescomDatabaseSample'))
    .requiredOption('--db <path>', tr('help.sqliteFile'))
    .option('--sample', tr('help.sampleCompany'), false)
    .option('--force', tr('help.replaceAnExistingFile'), false)
    .action(async (opts: { db: string; sample: boolean; force: boolean }) => {
      if (!opts.sample) {
        if (fs.existsSync(opts.db) && !opts.force) throw new GesComError(msg('cli.gescom.fileExists', { file: opts.db }), 'gescom', 'db');
        EmbeddedGesCom.open(opts.db, { create: true }).close();
        printLine(tr('cli.gescom.emptyCreated', { file: opts.db }));
        return;
      }
      const s = await createCompanyDb(opts.db, 'sample', opts.force);
      printLine(tr('cli.gescom.sampleCreated', { file: opts.db, articles: s.articles, customers: s.customers }));
    });

  gescom
    .command('generate')
    .description(tr('help.createALargeDeterministicCompany'))
    .requiredOption('--db <path>', tr('help.sqliteFile'))
    .option('--articles <n>', tr('help.numberOfArticles'), '1000')
    .option('--customers <n>', tr('help.numberOfCustomers'), '100')
    .option('--seed <n>', tr('help.seed'), '1')
    .option('--force', tr('help.replaceAnExistingFile'), false)
    .action(async (opts: { db: string; articles: string; customers: string; seed: string; force: boolean }) => {
      const n = (v: string, field: string, max: number) => {
        if (!/^\d+$/.test(v) || Number(v) > max) throw new GesComError(msg('cli.gescom.wholeNumber', { option: `--${field}`, max, value: v }), 'gescom', field);
        return Number(v);
      };
      const started = Date.now();
      const s = await createCompanyDb(opts.db, { articles: n(opts.articles, 'articles', 1_000_000), customers: n(opts.customers, 'customers', 1_000_000), seed: n(opts.seed, 'seed', 2 ** 31) }, opts.force);
      printLine(tr('cli.gescom.generated', { file: opts.db, articles: s.articles, customers: s.customers, seconds: ((Date.now() - started) / 1000).toFixed(1) }));
    });

  gescom
    .command('articles')
    .description(tr('help.listArticles'))
    .requiredOption('--db <path>', tr('help.sqliteFile'))
    .option('--json', tr('help.jsonOutput'), false)
    .option('--code <code...>', tr('help.onlyTheseCodes'))
    .option('--publishable', tr('help.onlyPublishable'), false)
    .option('--changed-since <date>', tr('help.createdOrModifiedSinceIso'))
    .action((opts: { db: string; json: boolean; code?: string[]; publishable: boolean; changedSince?: string }) =>
      withGesCom(opts.db, async (g) => {
        let since: string | null = null;
        if (opts.changedSince) {
          const d = new Date(opts.changedSince);
          if (Number.isNaN(d.getTime())) throw new GesComError(msg('cli.gescom.isoDate', { option: '--changed-since', value: opts.changedSince }), 'gescom', 'changedSince');
          since = d.toISOString();
        }
        const pages = g.articles({ codes: opts.code, publishableOnly: opts.publishable, changedSince: since });
        // Streamed page by page: a 100,000-article company lists in flat memory.
        if (opts.json) return printJsonArray(pages);
        const rows = await printTablePages(ARTICLE_HEADERS, pages, articleRow);
        if (rows === 0) printLine(tr('gescom.empty.articles'));
      }),
    );

  gescom
    .command('customers')
    .description(tr('help.listCustomers'))
    .requiredOption('--db <path>', tr('help.sqliteFile'))
    .option('--json', tr('help.jsonOutput'), false)
    .option('--code <code...>', tr('help.onlyTheseCodes'))
    .action((opts: { db: string; json: boolean; code?: string[] }) =>
      withGesCom(opts.db, async (g) => {
        const customers = await collect(g.customers({ codes: opts.code, includeProspects: true }));
        if (opts.json) return printJson(customers);
        if (customers.length === 0) return printLine(tr('gescom.empty.customers'));
        printTable(['code', 'name', 'company', 'email', 'tarif', 'account', 'dormant', 'blocked', 'prospect'],
          customers.map((c) => [c.code, [c.firstName, c.lastName].filter(Boolean).join(' '), c.company, c.email, c.priceCategoryId, c.accountingAccount, c.dormant, c.blocked, c.isProspect]));
      }),
    );

  gescom
    .command('documents')
    .description(tr('help.listDocumentsWithLinesFooter'))
    .requiredOption('--db <path>', tr('help.sqliteFile'))
    .option('--json', tr('help.jsonOutput'), false)
    .option('--type <type>', tr('help.documentType', { types: DOCUMENT_TYPES.join(', ') }))
    .option('--number <number>', tr('help.oneDocument'))
    .option('--shop-order <id>', tr('help.theDocumentOfThisShop'))
    .option('--shop <identity>', tr('help.shopOfTheShopOrder'))
    .action((opts: { db: string; json: boolean; type?: string; number?: string; shopOrder?: string; shop?: string }) =>
      withGesCom(opts.db, async (g) => {
        if (opts.type && !DOCUMENT_TYPES.includes(opts.type as DocumentType)) {
          throw new GesComError(msg('cli.gescom.oneOf', { option: '--type', expected: DOCUMENT_TYPES.join(', '), value: opts.type }), 'gescom', 'type');
        }
        let docs = opts.number ? [await g.document(opts.number)].filter((d) => d !== null)
          // Every shop's documents for that order id, or the named shop's (with those made before shops were told apart).
          : opts.shopOrder ? (await g.documentsByShopOrderId(opts.shopOrder)).filter((d) => opts.shop === undefined || d.shopKey === opts.shop || d.shopKey === '')
          : await g.documents({ type: opts.type as DocumentType | undefined });
        docs = docs.filter((d) => d !== null);
        if (opts.json) return printJson(docs);
        if (docs.length === 0) return printLine(tr('gescom.empty.documents'));
        for (const d of docs) {
          const tracking = d.trackingNumber ? `  suivi:${d.carrier ? `${d.carrier} ` : ''}${d.trackingNumber}` : '';
          printLine(`${d.number}  ${d.type}  ${d.date.slice(0, 10)}  ${d.customerCode}  site:${d.shopOrderId ?? '-'}${d.shopKey ? ` (${d.shopKey})` : ''}  HT ${d.totals.totalHt}  TVA ${d.totals.totalVat}  TTC ${d.totals.totalTtc}  ${d.validated ? 'validée' : 'brouillon'}${tracking}`);
          printTable(['#', 'article', 'designation', 'qty', 'price', 'disc%', 'vat', 'HT', 'TTC'],
            d.lines.map((l) => [l.position, l.articleCode, l.designation, l.quantity, l.unitPrice, l.discountPercent, l.vatCode, l.totalHt, l.totalTtc]));
          if (d.payments.length) printTable(['payment', 'mode', 'amount', 'date', 'label'], d.payments.map((p) => [p.id, p.modeCode, p.amount, p.date.slice(0, 10), p.label]));
          printLine('');
        }
      }),
    );

  gescom
    .command('stock')
    .description(tr('help.stockPerDepotAndKind'))
    .requiredOption('--db <path>', tr('help.sqliteFile'))
    .option('--json', tr('help.jsonOutput'), false)
    .option('--code <code...>', tr('help.onlyTheseArticles'))
    .action((opts: { db: string; json: boolean; code?: string[] }) =>
      withGesCom(opts.db, async (g) => {
        const rows: Record<string, unknown>[] = [];
        for await (const page of g.articles({ codes: opts.code })) {
          for (const a of page) {
            for (const l of await g.stockLevels(a.code)) {
              const kinds = Object.fromEntries(STOCK_KINDS.map((k: StockKind) => [k, plain(stockOfKind(l, k))]));
              rows.push({ articleCode: a.code, depotCode: l.depotCode, stockTracked: a.stockTracked, real: l.real, reserved: l.reserved, ordered: l.ordered, ...kinds });
            }
          }
        }
        if (opts.json) return printJson(rows);
        if (rows.length === 0) return printLine(tr('gescom.empty.stock'));
        printTable(['article', 'depot', 'real', 'reserved', 'ordered', 'available', 'forecast'],
          rows.map((r) => [r.articleCode, r.depotCode, r.real, r.reserved, r.ordered, r.available, r.forecast] as string[]));
      }),
    );

  // --db belongs to `set` itself so that it is accepted before the subcommand
  // (`gescom set --db x article …`) as well as after it (commander reads a parent's
  // options anywhere on the line unless positional options are enabled).
  const set = gescom.command('set').description(tr('help.changeTheGescomAsA'))
    .requiredOption('--db <path>', tr('cli.dbOption'))
    // Each subcommand's --help then lists --db too (inherited by the subcommands below).
    .configureHelp({ ...gescom.configureHelp(), showGlobalOptions: true });
  const dbOf = (cmd: Command) => cmd.optsWithGlobals<{ db: string }>().db;
  set
    .command('article <code> <field> <value>')
    .description(tr('help.changeAnArticleFieldOr'))
    .action((code: string, field: string, value: string, _opts: unknown, cmd: Command) =>
      withGesCom(dbOf(cmd), async (g) => {
        const article = await g.article(code);
        if (!article) throw new GesComError(msg('gescom.err.unknownArticle', { code }), `article ${code}`, 'code');
        const edit = articleEdit(article, field, value, await g.vatCodes(), await g.customFieldDefs('article'), (await g.company()).priceDecimals);
        if (edit.custom) await g.setArticleCustomField(code, edit.custom.name, edit.custom.value);
        const updated = Object.keys(edit.patch).length ? await g.updateArticle(code, edit.patch) : (await g.article(code))!;
        printLine(tr('cli.gescom.fieldSet', { code, field, value, modifiedAt: updated.modifiedAt }));
      }),
    );
  set
    .command('stock <code> <depot>')
    .description(tr('help.changeAnArticlesStockIn'))
    .option('--real <qty>', tr('help.realStock'))
    .option('--reserved <qty>', tr('help.reservedByCustomerOrders'))
    .option('--ordered <qty>', tr('help.orderedFromSuppliers'))
    .action((code: string, depot: string, opts: { real?: string; reserved?: string; ordered?: string }, cmd: Command) =>
      withGesCom(dbOf(cmd), async (g) => {
        if (opts.real === undefined && opts.reserved === undefined && opts.ordered === undefined) {
          throw new GesComError(msg('cli.gescom.stockQuantity'), `article ${code}`, 'stock');
        }
        const l = await g.setStock(code, depot, { real: opts.real, reserved: opts.reserved, ordered: opts.ordered });
        printLine(tr('cli.gescom.stockSet', { code, depot, real: l.real, reserved: l.reserved, ordered: l.ordered }));
      }),
    );
  set
    .command('tracking <document> <trackingNumber>')
    .description(tr('help.setDocumentTracking'))
    .option('--carrier <name>', tr('help.trackingCarrier'))
    .action((document: string, trackingNumber: string, opts: { carrier?: string }, cmd: Command) =>
      withGesCom(dbOf(cmd), async (g) => {
        const d = await g.setDocumentTracking(document, { trackingNumber, carrier: opts.carrier ?? null });
        printLine(d.trackingNumber
          ? tr('cli.gescom.trackingSet', { number: d.number, tracking: d.trackingNumber, carrier: d.carrier ?? '-' })
          : tr('cli.gescom.trackingCleared', { number: d.number }));
      }),
    );
  set
    .command('price <code> <category> <price>')
    .description(tr('help.changeAnArticlePriceIn'))
    .option('--discount <percent>', tr('help.discountIn'), '0')
    .action((code: string, category: string, price: string, opts: { discount: string }, cmd: Command) =>
      withGesCom(dbOf(cmd), async (g) => {
        const id = Number(category.replace(/^tarif\s*/i, ''));
        if (!Number.isInteger(id)) throw new GesComError(msg('cli.gescom.invalidPriceCategory', { value: category }), `article ${code}`, 'priceCategoryId');
        const value = price.replace(',', '.');
        if (!isDecimalString(value) || value.startsWith('-')) throw new GesComError(msg('gescom.err.invalidPrice', { value: price }), `article ${code}`, 'price');
        await g.setPrice(code, id, value, opts.discount.replace(',', '.'));
        printLine(`${code}: Tarif ${id} = ${value}${opts.discount !== '0' ? ` (-${opts.discount} %)` : ''}`);
      }),
    );
}
