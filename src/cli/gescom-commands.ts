/**
 * `passerelle gescom …`: create, generate, inspect and change the embedded GesCom,
 * so that a person, a test or a script can check what a run did and change the
 * GesCom to watch the next run carry the change.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { GesComError } from '../errors.js';
import { msg, tr } from '../i18n/catalogue.js';
import { articleEdit } from '../gescom/embedded/article-edit.js';
import { EmbeddedGesCom } from '../gescom/embedded/embedded-gescom.js';
import { generateCompany } from '../gescom/embedded/generated-company.js';
import { loadCompany } from '../gescom/embedded/load-company.js';
import { sampleCompany } from '../gescom/embedded/sample-company.js';
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

export async function createCompanyDb(db: string, company: 'sample' | { articles: number; customers: number; seed: number }, force = false) {
  if (fs.existsSync(db)) {
    if (!force) throw new GesComError(`le fichier existe déjà (utilisez --force) / file already exists (use --force): ${db}`, 'gescom', 'db');
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(db + suffix, { force: true });
  }
  const g = EmbeddedGesCom.open(db, { create: true });
  try {
    return await loadCompany(g, company === 'sample' ? sampleCompany() : generateCompany(company));
  } finally {
    g.close();
  }
}

const ARTICLE_HEADERS = ['code', 'name', 'family', 'vat', 'priceHT', 'priceTTC', 'web', 'dormant', 'modified'];

function articleRow(a: Article) {
  return [a.code, a.name, a.familyCode, a.vatCode, a.salePriceHt, a.salePriceTtc, a.publishable, a.doNotUse, a.modifiedAt.slice(0, 19)];
}

export function registerGescomCommands(program: Command): void {
  const gescom = program.command('gescom').description('Gestion commerciale intégrée / embedded GesCom: create, inspect, change');

  gescom
    .command('init')
    .description('Crée une base GesCom / create a GesCom database (--sample: the sample company "Société exemple")')
    .requiredOption('--db <path>', 'fichier SQLite / SQLite file')
    .option('--sample', 'société exemple / sample company', false)
    .option('--force', 'remplace un fichier existant / replace an existing file', false)
    .action(async (opts: { db: string; sample: boolean; force: boolean }) => {
      if (!opts.sample) {
        if (fs.existsSync(opts.db) && !opts.force) throw new GesComError(`le fichier existe déjà / file already exists: ${opts.db}`, 'gescom', 'db');
        EmbeddedGesCom.open(opts.db, { create: true }).close();
        printLine(`Base GesCom vide créée / empty GesCom database created: ${opts.db}`);
        return;
      }
      const s = await createCompanyDb(opts.db, 'sample', opts.force);
      printLine(`Société exemple créée / sample company created: ${opts.db} (${s.articles} articles, ${s.customers} clients)`);
    });

  gescom
    .command('generate')
    .description('Crée une grande société déterministe / create a large deterministic company (benchmarks)')
    .requiredOption('--db <path>', 'fichier SQLite / SQLite file')
    .option('--articles <n>', "nombre d'articles / number of articles", '1000')
    .option('--customers <n>', 'nombre de clients / number of customers', '100')
    .option('--seed <n>', 'graine / seed', '1')
    .option('--force', 'remplace un fichier existant / replace an existing file', false)
    .action(async (opts: { db: string; articles: string; customers: string; seed: string; force: boolean }) => {
      const n = (v: string, field: string, max: number) => {
        if (!/^\d+$/.test(v) || Number(v) > max) throw new GesComError(`--${field}: nombre entier de 0 à ${max} attendu / whole number 0..${max} expected, got "${v}"`, 'gescom', field);
        return Number(v);
      };
      const started = Date.now();
      const s = await createCompanyDb(opts.db, { articles: n(opts.articles, 'articles', 1_000_000), customers: n(opts.customers, 'customers', 1_000_000), seed: n(opts.seed, 'seed', 2 ** 31) }, opts.force);
      printLine(`Société générée / company generated: ${opts.db} (${s.articles} articles, ${s.customers} clients) en ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });

  gescom
    .command('articles')
    .description('Liste les articles / list articles')
    .requiredOption('--db <path>', 'fichier SQLite / SQLite file')
    .option('--json', 'sortie JSON / JSON output', false)
    .option('--code <code...>', 'seulement ces codes / only these codes')
    .option('--publishable', 'seulement publiables sur le Web / only publishable', false)
    .option('--changed-since <date>', 'créés ou modifiés depuis / created or modified since (ISO date)')
    .action((opts: { db: string; json: boolean; code?: string[]; publishable: boolean; changedSince?: string }) =>
      withGesCom(opts.db, async (g) => {
        let since: string | null = null;
        if (opts.changedSince) {
          const d = new Date(opts.changedSince);
          if (Number.isNaN(d.getTime())) throw new GesComError(`--changed-since : date ISO attendue / ISO date expected, got "${opts.changedSince}"`, 'gescom', 'changedSince');
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
    .description('Liste les clients / list customers')
    .requiredOption('--db <path>', 'fichier SQLite / SQLite file')
    .option('--json', 'sortie JSON / JSON output', false)
    .option('--code <code...>', 'seulement ces codes / only these codes')
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
    .description('Liste les pièces avec lignes, pied, totaux et règlements / list documents with lines, footer, totals, payments')
    .requiredOption('--db <path>', 'fichier SQLite / SQLite file')
    .option('--json', 'sortie JSON / JSON output', false)
    .option('--type <type>', `type de pièce / document type (${DOCUMENT_TYPES.join(', ')})`)
    .option('--number <number>', 'une pièce / one document')
    .option('--shop-order <id>', 'la pièce de cette commande / the document of this shop order')
    .action((opts: { db: string; json: boolean; type?: string; number?: string; shopOrder?: string }) =>
      withGesCom(opts.db, async (g) => {
        if (opts.type && !DOCUMENT_TYPES.includes(opts.type as DocumentType)) {
          throw new GesComError(`--type: ${DOCUMENT_TYPES.join(', ')} attendu / expected, got "${opts.type}"`, 'gescom', 'type');
        }
        let docs = opts.number ? [await g.document(opts.number)].filter((d) => d !== null)
          : opts.shopOrder ? [await g.findDocumentByShopOrderId(opts.shopOrder)].filter((d) => d !== null)
          : await g.documents({ type: opts.type as DocumentType | undefined });
        docs = docs.filter((d) => d !== null);
        if (opts.json) return printJson(docs);
        if (docs.length === 0) return printLine(tr('gescom.empty.documents'));
        for (const d of docs) {
          printLine(`${d.number}  ${d.type}  ${d.date.slice(0, 10)}  ${d.customerCode}  site:${d.shopOrderId ?? '-'}  HT ${d.totals.totalHt}  TVA ${d.totals.totalVat}  TTC ${d.totals.totalTtc}  ${d.validated ? 'validée' : 'brouillon'}`);
          printTable(['#', 'article', 'designation', 'qty', 'price', 'disc%', 'vat', 'HT', 'TTC'],
            d.lines.map((l) => [l.position, l.articleCode, l.designation, l.quantity, l.unitPrice, l.discountPercent, l.vatCode, l.totalHt, l.totalTtc]));
          if (d.payments.length) printTable(['payment', 'mode', 'amount', 'date', 'label'], d.payments.map((p) => [p.id, p.modeCode, p.amount, p.date.slice(0, 10), p.label]));
          printLine('');
        }
      }),
    );

  gescom
    .command('stock')
    .description('Stock par dépôt et par nature / stock per depot and kind')
    .requiredOption('--db <path>', 'fichier SQLite / SQLite file')
    .option('--json', 'sortie JSON / JSON output', false)
    .option('--code <code...>', 'seulement ces articles / only these articles')
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
  const set = gescom.command('set').description('Modifie la GesCom comme le ferait un utilisateur / change the GesCom as a user would')
    .requiredOption('--db <path>', tr('cli.dbOption'))
    // Each subcommand's --help then lists --db too (inherited by the subcommands below).
    .configureHelp({ showGlobalOptions: true });
  const dbOf = (cmd: Command) => cmd.optsWithGlobals<{ db: string }>().db;
  set
    .command('article <code> <field> <value>')
    .description('Change un champ d\'article (ou custom.<nom>) et sa date de modification / change an article field (or custom.<name>) and its modified date')
    .action((code: string, field: string, value: string, _opts: unknown, cmd: Command) =>
      withGesCom(dbOf(cmd), async (g) => {
        const article = await g.article(code);
        if (!article) throw new GesComError(`article inconnu / unknown article: ${code}`, `article ${code}`, 'code');
        const edit = articleEdit(article, field, value, await g.vatCodes(), await g.customFieldDefs('article'), (await g.company()).priceDecimals);
        if (edit.custom) await g.setArticleCustomField(code, edit.custom.name, edit.custom.value);
        const updated = Object.keys(edit.patch).length ? await g.updateArticle(code, edit.patch) : (await g.article(code))!;
        printLine(`${code}: ${field} = ${value} (modifié le / modified at ${updated.modifiedAt})`);
      }),
    );
  set
    .command('stock <code> <depot>')
    .description('Change le stock d\'un article dans un dépôt / change an article\'s stock in a depot')
    .option('--real <qty>', 'stock réel / real stock')
    .option('--reserved <qty>', 'réservé (commandes clients) / reserved by customer orders')
    .option('--ordered <qty>', 'commandé aux fournisseurs / ordered from suppliers')
    .action((code: string, depot: string, opts: { real?: string; reserved?: string; ordered?: string }, cmd: Command) =>
      withGesCom(dbOf(cmd), async (g) => {
        if (opts.real === undefined && opts.reserved === undefined && opts.ordered === undefined) {
          throw new GesComError('donnez --real, --reserved ou --ordered / give --real, --reserved or --ordered', `article ${code}`, 'stock');
        }
        const l = await g.setStock(code, depot, { real: opts.real, reserved: opts.reserved, ordered: opts.ordered });
        printLine(`${code} @ ${depot}: réel/real ${l.real}, réservé/reserved ${l.reserved}, commandé/ordered ${l.ordered}`);
      }),
    );
  set
    .command('price <code> <category> <price>')
    .description('Change le prix d\'un article dans une catégorie tarifaire (1 = Tarif 1) / change an article price in a price category')
    .option('--discount <percent>', 'remise en % / discount in %', '0')
    .action((code: string, category: string, price: string, opts: { discount: string }, cmd: Command) =>
      withGesCom(dbOf(cmd), async (g) => {
        const id = Number(category.replace(/^tarif\s*/i, ''));
        if (!Number.isInteger(id)) throw new GesComError(`catégorie tarifaire invalide / invalid price category "${category}"`, `article ${code}`, 'priceCategoryId');
        const value = price.replace(',', '.');
        if (!isDecimalString(value) || value.startsWith('-')) throw new GesComError(`prix invalide / invalid price "${price}"`, `article ${code}`, 'price');
        await g.setPrice(code, id, value, opts.discount.replace(',', '.'));
        printLine(`${code}: Tarif ${id} = ${value}${opts.discount !== '0' ? ` (-${opts.discount} %)` : ''}`);
      }),
    );
}
