/**
 * `passerelle gescom …` end to end: the built CLI run as a child process on real
 * SQLite files, checked through its own JSON output (and the built module where
 * the CLI shows nothing, e.g. price rows).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article, Customer, SalesDocument, SalesDocumentInput } from '../../src/gescom/model.js';
import { copyDb, distModule, jsonOf, makeTempDir, removeTempDirs, requireBuild, runCli, type CliResult } from '../support/e2e-cli.js';

type EmbeddedModule = typeof import('../../src/gescom/embedded/embedded-gescom.js');
type GesCom = import('../../src/gescom/embedded/embedded-gescom.js').EmbeddedGesCom;

interface StockRow {
  articleCode: string;
  depotCode: string;
  stockTracked: boolean;
  real: string;
  reserved: string;
  ordered: string;
  available: string;
  forecast: string;
  realPlusCustomerOrders: string;
  forecastMinusSupplierOrders: string;
}

let work: string;
let dataDir: string;
/** The sample company created once by the first test; later tests work on copies. */
let sampleDb: string;
let copies = 0;
/** `gescom init --sample` and `gescom articles --json` on it, run once for the whole file. */
let init: CliResult;
let sampleList: CliResult;
/** The sample's articles as `gescom articles --json` listed them, by code. */
const sample = new Map<string, Article>();

const gescom = (args: string[]) => runCli(['gescom', ...args], { dataDir });
const articlesOf = async (db: string, ...codes: string[]) => {
  const r = await gescom(['articles', '--db', db, '--json', ...(codes.length ? ['--code', ...codes] : [])]);
  expect(r.code, r.stderr).toBe(0);
  return jsonOf<Article[]>(r);
};
const articleOf = async (db: string, code: string) => {
  const [a] = await articlesOf(db, code);
  expect(a, `article ${code}`).toBeDefined();
  return a!;
};
/**
 * Every test works on its own copy of the sample (or its own file): they run side by side,
 * which matters since each CLI call is a Node start-up (~0.4 s of CPU).
 */
const PARALLEL = { concurrent: true, timeout: 60_000 } as const;

/**
 * Copies come from a snapshot no test opens: tests that read `sampleDb` side by side make and
 * drop its WAL file, which a copy taken at that moment would half see.
 */
let pristineDb: string;
const sampleCopy = () => copyDb(pristineDb, path.join(work, `copy-${++copies}.db`));

beforeAll(async () => {
  requireBuild();
  work = makeTempDir('passerelle-gescom-cli-');
  dataDir = path.join(work, 'data');
  sampleDb = path.join(work, 'sample.db');
  init = await gescom(['init', '--sample', '--db', sampleDb]);
  sampleList = await gescom(['articles', '--db', sampleDb, '--json']);
  if (sampleList.code === 0) for (const a of jsonOf<Article[]>(sampleList)) sample.set(a.code, a);
  // Both CLI processes have exited: the sample is closed, so this copy is whole.
  pristineDb = copyDb(sampleDb, path.join(work, 'pristine.db'));
});

afterAll(() => removeTempDirs());

describe('gescom init --sample and gescom articles', PARALLEL, () => {
  it('creates the sample company and lists its articles as JSON', async () => {
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toContain(sampleDb);
    expect(init.stdout).toMatch(/\(28 articles, 8 clients\)/);
    expect(fs.existsSync(sampleDb)).toBe(true);

    expect(sampleList.code, sampleList.stderr).toBe(0);
    const articles = jsonOf<Article[]>(sampleList);
    const codes = articles.map((a) => a.code);
    const numbered = Array.from({ length: 18 }, (_, i) => `AR${String(i + 1).padStart(4, '0')}`);
    expect(codes).toEqual(expect.arrayContaining([...numbered, 'ARTAUTO', 'ARTDIVERS', 'ZPORT', 'ZDIVERS', 'ZREMISE', 'ZREMISE10', 'ZREMISE55', 'ZECART']));
    expect(codes).toHaveLength(28);
    expect(codes).toEqual([...codes].sort()); // listed in code order

    const choc = articles.find((a) => a.code === 'AR0003')!;
    expect(choc).toMatchObject({
      name: 'Chocolat Noir', familyCode: 'FA0002', vatCode: 'C55', salePriceHt: '4.69', salePriceTtc: '4.95', priceBase: 'TTC',
      barcode: '3760000000031', modifiedAt: '2025-12-14T16:45:00.000Z',
    });
    expect(choc.customFields['Pourcentage cacao']).toBe('70');
    expect(choc.images).toEqual([expect.objectContaining({ position: expect.any(Number), fileName: 'AR0003.png', mimeType: 'image/png' })]);

    const colours: Record<string, string> = { AR0014: 'Rouge', AR0015: 'Vert', AR0016: 'Jaune', AR0017: 'Bleu' };
    for (const [code, colour] of Object.entries(colours)) {
      const pull = articles.find((a) => a.code === code)!;
      expect(pull.name, code).toBe(`Pull ${colour}`);
      expect(pull.familyCode, code).toBe('FA0004');
      expect(pull.customFields, code).toMatchObject({ 'Référence maître': 'PULL', 'Gamme 1': 'Couleur', 'Valeur Gamme 1': colour, Couleur: colour });
    }
    // Only the four pulls share the master reference.
    expect(articles.filter((a) => a.customFields['Référence maître'] === 'PULL').map((a) => a.code)).toEqual(Object.keys(colours));

    const zport = articles.find((a) => a.code === 'ZPORT')!;
    expect(zport).toMatchObject({ name: 'Frais de port', publishable: false, stockTracked: false, vatCode: 'C20' });
  });

  it('filters by code and by "publishable on the web"', async () => {
    expect((await articlesOf(sampleDb, 'AR0003', 'AR0010')).map((a) => a.code)).toEqual(['AR0003', 'AR0010']);
    const r = await gescom(['articles', '--db', sampleDb, '--json', '--publishable']);
    const published = jsonOf<Article[]>(r).map((a) => a.code);
    expect(published).toContain('AR0003');
    expect(published).not.toContain('AR0020');
    expect(published.some((c) => c.startsWith('Z'))).toBe(false);
  });

  it('lists the articles created or modified since a date', async () => {
    const r = await gescom(['articles', '--db', sampleDb, '--json', '--changed-since', '2026-01-01']);
    expect(r.code, r.stderr).toBe(0);
    // Sample dates: AR0010 modified 2026-03-02, AR0013 2026-05-18, AR0016/AR0017 2026-01-22, AR0018 created 2026-03-20.
    expect(jsonOf<Article[]>(r).map((a) => a.code)).toEqual(['AR0010', 'AR0013', 'AR0016', 'AR0017', 'AR0018']);
  });

  // Fails with src as of this writing: the CLI prints "passerelle: Invalid time value", naming neither option nor value.
  it('rejects a --changed-since that is not a date, naming the option', async () => {
    const r = await gescom(['articles', '--db', sampleDb, '--json', '--changed-since', 'hier']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('changed-since');
    expect(r.stderr).toContain('hier');
  });

  it('prints a table without --json', async () => {
    const r = await gescom(['articles', '--db', sampleDb, '--code', 'AR0003']);
    expect(r.code, r.stderr).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^code\s+name\s+family\s+vat\s+priceHT\s+priceTTC/);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^AR0003\s+Chocolat Noir\s+FA0002\s+C55\s+4\.69\s+4\.95\s/);
  });

  it('refuses to replace an existing file without --force, and replaces it with --force', async () => {
    const db = sampleCopy();
    const { EmbeddedGesCom } = await distModule<EmbeddedModule>('src/gescom/embedded/embedded-gescom.js');
    const inDb = async <T>(fn: (g: GesCom) => Promise<T>): Promise<T> => {
      const g = EmbeddedGesCom.open(db);
      try {
        return await fn(g);
      } finally {
        g.close();
      }
    };
    await inDb((g) => g.updateArticle('AR0003', { name: 'Changé' }));

    const again = await gescom(['init', '--sample', '--db', db]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('--force');
    expect(again.stderr).toContain(db);
    expect((await inDb((g) => g.article('AR0003')))?.name).toBe('Changé'); // untouched

    const forced = await gescom(['init', '--sample', '--db', db, '--force']);
    expect(forced.code, forced.stderr).toBe(0);
    expect((await inDb((g) => g.article('AR0003')))?.name).toBe('Chocolat Noir');
    expect(await inDb((g) => g.countArticles())).toBe(28);
  });

  it('fails clearly on a missing database', async () => {
    const missing = path.join(work, 'nope.db');
    const r = await gescom(['articles', '--db', missing, '--json']);
    expect(r.code).toBe(1);
    // The file and the option that holds it; no advice to create a sample company instead.
    expect(r.stderr).toBe(`passerelle: [gescom / --db] La base GesCom ${missing} n'existe pas : vérifiez le chemin donné par --db\n`);
    expect(fs.existsSync(missing)).toBe(false);
  });
});

describe('gescom customers', PARALLEL, () => {
  it('lists the sample customers as JSON', async () => {
    const r = await gescom(['customers', '--db', sampleDb, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const customers = jsonOf<Customer[]>(r);
    const codes = customers.map((c) => c.code);
    expect(codes).toEqual(expect.arrayContaining(['CL0001', 'CL0003', 'CL0004', 'CL100002', 'KERAWEN']));
    expect(codes).toHaveLength(8);
    expect(customers.find((c) => c.code === 'CL100002')).toMatchObject({ firstName: 'Camille', lastName: 'Durand', email: 'camille.durand@example.fr' });
    expect(customers.find((c) => c.code === 'CL0003')).toMatchObject({ company: 'Le Comptoir Gourmand', priceCategoryId: 3 });

    const one = await gescom(['customers', '--db', sampleDb, '--json', '--code', 'KERAWEN']);
    expect(jsonOf<Customer[]>(one).map((c) => c.code)).toEqual(['KERAWEN']);
  });
});

describe('gescom set article', PARALLEL, () => {
  it('changes the HT price, recomputes TTC at 5.5 % and moves the modified date', async () => {
    const db = sampleCopy();
    const before = sample.get('AR0003')!;
    const t0 = Date.now();

    const r = await gescom(['set', 'article', 'AR0003', 'salePriceHt', '5.00', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('AR0003 : salePriceHt = 5.00 (modifié le ');

    const listed = await articlesOf(db, 'AR0002', 'AR0003');
    expect(listed.map((a) => a.code)).toEqual(['AR0002', 'AR0003']);
    const [other, after] = [listed[0]!, listed[1]!];
    // 5.00 × 1.055 = 5.275, rounded half up to 5.28.
    expect(after.salePriceHt).toBe('5.00');
    expect(after.salePriceTtc).toBe('5.28');
    expect(after.modifiedAt).not.toBe(before.modifiedAt);
    expect(Date.parse(after.modifiedAt)).toBeGreaterThanOrEqual(t0 - 1000);
    expect(after.createdAt).toBe(before.createdAt);
    expect(after.name).toBe(before.name);
    expect(other).toEqual(sample.get('AR0002'));
  });

  it('changes the TTC price and recomputes HT', async () => {
    const db = sampleCopy();
    const r = await gescom(['set', 'article', 'AR0003', 'salePriceTtc', '10,55', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(await articleOf(db, 'AR0003')).toMatchObject({ salePriceTtc: '10.55', salePriceHt: '10.00' });
  });

  // Fails with src as of this writing: the VAT code changes but both prices stay, so TTC ≠ HT × (1 + rate).
  it('changing the VAT code re-derives the price that was not entered (priceBase)', async () => {
    const db = sampleCopy();
    const [ttcBased, htBased] = await Promise.all([
      gescom(['set', 'article', 'AR0003', 'vatCode', 'C20', '--db', db]), // entered TTC 4.95 at 5.5 %
      gescom(['set', 'article', 'AR0008', 'vatCode', 'C10', '--db', db]), // entered HT 9.58 at 20 %
    ]);
    expect(ttcBased.code, ttcBased.stderr).toBe(0);
    expect(htBased.code, htBased.stderr).toBe(0);
    const [ar0003, ar0008] = await articlesOf(db, 'AR0003', 'AR0008');
    expect(ar0003).toMatchObject({ vatCode: 'C20', priceBase: 'TTC', salePriceTtc: '4.95', salePriceHt: '4.13' }); // 4.95 / 1.20 = 4.125
    expect(ar0008).toMatchObject({ vatCode: 'C10', priceBase: 'HT', salePriceHt: '9.58', salePriceTtc: '10.54' }); // 9.58 × 1.10 = 10.538
  });

  it('rejects a bad value naming the field, and leaves the article alone', async () => {
    const db = sampleCopy();
    const r = await gescom(['set', 'article', 'AR0003', 'salePriceHt', 'abc', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('salePriceHt');
    expect(r.stderr).toContain('« abc »');
    expect(r.stderr).toContain('AR0003');
    expect(r.stdout).toBe('');
    expect(await articleOf(db, 'AR0003')).toEqual(sample.get('AR0003'));

    const flag = await gescom(['set', 'article', 'AR0003', 'publishable', 'peut-être', '--db', db]);
    expect(flag.code).toBe(1);
    expect(flag.stderr).toContain('publishable');
  });

  it('rejects an unknown field, listing the fields it knows', async () => {
    const db = sampleCopy();
    const r = await gescom(['set', 'article', 'AR0003', 'prixVente', '5', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('prixVente');
    for (const f of ['name', 'salePriceHt', 'salePriceTtc', 'publishable', 'vatCode', 'custom.<nom>']) expect(r.stderr).toContain(f);
  });

  it('rejects an unknown article and an unknown custom field', async () => {
    const db = sampleCopy();
    const unknown = await gescom(['set', 'article', 'AR9999', 'name', 'x', '--db', db]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('AR9999');

    const custom = await gescom(['set', 'article', 'AR0003', 'custom.Parfum', 'Vanille', '--db', db]);
    expect(custom.code).toBe(1);
    expect(custom.stderr).toContain('Parfum');
    expect(custom.stderr).toContain('Couleur');
  });

  it('sets a custom field and flags given as oui/non', async () => {
    const db = sampleCopy();
    const before = sample.get('AR0003')!;
    expect((await gescom(['set', 'article', 'AR0003', 'custom.Couleur', 'Noir', '--db', db])).code).toBe(0);
    expect((await gescom(['set', 'article', 'AR0003', 'publishable', 'non', '--db', db])).code).toBe(0);
    const after = await articleOf(db, 'AR0003');
    expect(after.customFields).toEqual({ ...before.customFields, Couleur: 'Noir' });
    expect(after.publishable).toBe(false);
    expect(after.modifiedAt).not.toBe(before.modifiedAt);
  });
});

describe('gescom set stock / set price', PARALLEL, () => {
  it('sets the real stock of one depot; gescom stock shows the five kinds', async () => {
    const db = sampleCopy();
    const r = await gescom(['set', 'stock', 'AR0003', '0001', '--real', '50', '--db', db]);
    expect(r.code, r.stderr).toBe(0);

    const s = await gescom(['stock', '--db', db, '--code', 'AR0003', '--json']);
    expect(s.code, s.stderr).toBe(0);
    const rows = jsonOf<StockRow[]>(s);
    // Sample levels of AR0003 @ 0001: reserved 12, ordered 48; real now 50.
    expect(rows.find((x) => x.depotCode === '0001')).toEqual({
      articleCode: 'AR0003', depotCode: '0001', stockTracked: true, real: '50', reserved: '12', ordered: '48',
      available: '38', forecast: '86', realPlusCustomerOrders: '62', forecastMinusSupplierOrders: '38',
    });
    // The other depot keeps its (negative) sample stock.
    expect(rows.find((x) => x.depotCode === '0002')).toMatchObject({ real: '-24', reserved: '0', ordered: '0', available: '-24' });
    expect(rows).toHaveLength(2);
  });

  it('refuses a stock change without any quantity', async () => {
    const db = sampleCopy();
    const r = await gescom(['set', 'stock', 'AR0003', '0001', '--db', db]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--real');
  });

  it('sets a price category price, stored in the database', async () => {
    const db = sampleCopy();
    const r = await gescom(['set', 'price', 'AR0003', '2', '4.10', '--db', db]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Tarif 2 = 4.10');
    const d = await gescom(['set', 'price', 'AR0003', 'Tarif 6', '4,50', '--discount', '12', '--db', db]);
    expect(d.code, d.stderr).toBe(0);
    const bad = await gescom(['set', 'price', 'AR0003', '2', 'cher', '--db', db]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('price');

    const { EmbeddedGesCom } = await distModule<EmbeddedModule>('src/gescom/embedded/embedded-gescom.js');
    const g = EmbeddedGesCom.open(db);
    try {
      expect(await g.price('AR0003', 2)).toEqual({ articleCode: 'AR0003', priceCategoryId: 2, price: '4.10', discountPercent: '0' });
      expect(await g.price('AR0003', 6)).toMatchObject({ price: '4.50', discountPercent: '12' });
      // Tarif 1 is untouched: the HT sale price.
      expect((await g.price('AR0003', 1))?.price).toBe('4.69');
    } finally {
      g.close();
    }
  });
});

describe('gescom generate', PARALLEL, () => {
  it('generates the same company twice from the same seed, with the exact counts', async () => {
    const db = path.join(work, 'generated.db');
    const args = ['generate', '--db', db, '--articles', '2000', '--customers', '300', '--seed', '7'];
    const first = await gescom(args);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('(2000 articles, 300 clients)');
    const articles1 = await gescom(['articles', '--db', db, '--json']);
    const customers1 = await gescom(['customers', '--db', db, '--json']);

    const refused = await gescom(args);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--force');

    const second = await gescom([...args, '--force']);
    expect(second.code, second.stderr).toBe(0);
    const articles2 = await gescom(['articles', '--db', db, '--json']);
    const customers2 = await gescom(['customers', '--db', db, '--json']);

    expect(articles2.stdout).toBe(articles1.stdout);
    expect(customers2.stdout).toBe(customers1.stdout);
    const articles = jsonOf<Article[]>(articles1);
    expect(articles).toHaveLength(2000);
    expect(new Set(articles.map((a) => a.code)).size).toBe(2000);
    expect(jsonOf<Customer[]>(customers1)).toHaveLength(300);

    const otherSeed = await gescom(['generate', '--db', db, '--articles', '2000', '--customers', '300', '--seed', '8', '--force']);
    expect(otherSeed.code, otherSeed.stderr).toBe(0);
    expect((await gescom(['articles', '--db', db, '--json'])).stdout).not.toBe(articles1.stdout);
  });

  it('rejects a count that is not a whole number, naming the option', async () => {
    const db = path.join(work, 'bad-count.db');
    const r = await gescom(['generate', '--db', db, '--articles', '12x']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--articles');
    expect(r.stderr).toContain('12x');
    expect(fs.existsSync(db)).toBe(false);
  });
});

/** A web order's invoice, as an import would write it. */
const WEB_INVOICE: SalesDocumentInput = {
  type: 'invoice', date: '2026-07-07T10:00:00.000Z', customerCode: 'CL0001', billingAddress: null, deliveryAddress: null,
  reference: 'Web 1042', remark: '', customerReference: '1042', depotCode: '0001', accountingCategoryCode: 'LOCAL', currencyCode: 'EUR',
  shopOrderId: '1042', priceMode: 'HT', notes: '',
  lines: [
    { articleCode: 'AR0003', designation: 'Chocolat Noir', quantity: '2', unitPrice: '4.69', discountPercent: '0', vatCode: 'C55' },
    { articleCode: 'AR0010', designation: 'Mug Passerelle', quantity: '1', unitPrice: '10.75', discountPercent: '0', vatCode: 'C20' },
  ],
  footer: { shippingAmount: '5.00', shippingVatCode: 'C20', discountPercent: '0', discountAmount: '0' },
  payments: [{ modeCode: 'CB', journalCode: null, amount: '28.80', date: '2026-07-07T10:00:00.000Z', label: 'Web 1042', reference: null, notes: null, currencyCode: 'EUR' }],
};

/** Changes the GesCom file through the built module (what the CLI has no command for). */
async function withDb<T>(db: string, change: (g: GesCom) => Promise<T>): Promise<T> {
  const { EmbeddedGesCom } = await distModule<EmbeddedModule>('src/gescom/embedded/embedded-gescom.js');
  const g = EmbeddedGesCom.open(db);
  try {
    return await change(g);
  } finally {
    g.close();
  }
}

describe('gescom documents', PARALLEL, () => {
  it('shows a document created in the GesCom with its lines, footer, totals and payments', async () => {
    const db = sampleCopy();
    const created = await withDb(db, (g) => g.createDocument(WEB_INVOICE));
    expect(created.number).toBe('FA00164'); // the sample's next invoice number

    const r = await gescom(['documents', '--db', db, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const docs = jsonOf<SalesDocument[]>(r);
    expect(docs).toHaveLength(1);
    const doc = docs[0]!;
    expect(doc).toMatchObject({ number: 'FA00164', type: 'invoice', customerCode: 'CL0001', shopOrderId: '1042', validated: false, movesStock: true });
    expect(doc.lines).toEqual([
      expect.objectContaining({ position: 1, articleCode: 'AR0003', quantity: '2', unitPrice: '4.69', vatCode: 'C55', totalHt: '9.38', totalVat: '0.52', totalTtc: '9.90' }),
      expect.objectContaining({ position: 2, articleCode: 'AR0010', quantity: '1', unitPrice: '10.75', vatCode: 'C20', totalHt: '10.75', totalVat: '2.15', totalTtc: '12.90' }),
    ]);
    expect(doc.footer).toEqual({ shippingAmount: '5.00', shippingVatCode: 'C20', discountPercent: '0', discountAmount: '0.00' });
    // VAT per code on the sum of bases: C20 (10.75 + 5.00 shipping) × 20 % = 3.15, C55 9.38 × 5.5 % = 0.52.
    expect(doc.totals).toEqual({
      totalHt: '25.13', totalVat: '3.67', totalTtc: '28.80', paid: '28.80', due: '0.00',
      vatByCode: [
        { vatCode: 'C20', rate: '20', baseHt: '15.75', vat: '3.15' },
        { vatCode: 'C55', rate: '5.5', baseHt: '9.38', vat: '0.52' },
      ],
    });
    expect(doc.payments).toEqual([expect.objectContaining({ documentNumber: 'FA00164', modeCode: 'CB', journalCode: 'BQ1', amount: '28.80', validated: false })]);

    // Filters: by number, by shop order, by type.
    const byNumber = await gescom(['documents', '--db', db, '--json', '--number', 'FA00164']);
    expect(jsonOf<SalesDocument[]>(byNumber)).toEqual(docs);
    const byOrder = await gescom(['documents', '--db', db, '--json', '--shop-order', '1042']);
    expect(jsonOf<SalesDocument[]>(byOrder).map((d) => d.number)).toEqual(['FA00164']);
    expect(jsonOf<SalesDocument[]>(await gescom(['documents', '--db', db, '--json', '--type', 'order']))).toEqual([]);
    const badType = await gescom(['documents', '--db', db, '--type', 'facture']);
    expect(badType.code).toBe(1);
    expect(badType.stderr).toContain('facture');

    // The text view shows the header line and the payment.
    const text = await gescom(['documents', '--db', db]);
    expect(text.stdout).toMatch(/FA00164\s+invoice\s+2026-07-07\s+CL0001\s+site:1042\s+HT 25\.13\s+TVA 3\.67\s+TTC 28\.80/);

    // An invoice takes its articles out of stock: 120 - 2 for AR0003 in the main depot.
    const stock = jsonOf<StockRow[]>(await gescom(['stock', '--db', db, '--code', 'AR0003', '--json']));
    expect(stock.find((s) => s.depotCode === '0001')?.real).toBe('118');
  });
});

describe('gescom set tracking', PARALLEL, () => {
  it("sets a document's tracking number and carrier, shown by gescom documents; \"\" clears them", async () => {
    const db = sampleCopy();
    const doc = await withDb(db, (g) => g.createDocument(WEB_INVOICE));
    expect(doc).toMatchObject({ trackingNumber: null, carrier: null });

    const set = await gescom(['set', '--db', db, 'tracking', doc.number, ' 6A12345678901 ', '--carrier', 'Colissimo']);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout.trim()).toBe(`${doc.number} : suivi 6A12345678901, transporteur Colissimo`);
    const [held] = jsonOf<SalesDocument[]>(await gescom(['documents', '--db', db, '--json', '--number', doc.number]));
    expect(held).toMatchObject({ trackingNumber: '6A12345678901', carrier: 'Colissimo' });
    expect((await gescom(['documents', '--db', db])).stdout).toMatch(/TTC 28\.80\s+brouillon\s+suivi:Colissimo 6A12345678901/);

    // A validated document takes it too (the parcel leaves after the invoice is final); --db after the subcommand.
    await withDb(db, (g) => g.validateDocument(doc.number));
    const after = await gescom(['set', 'tracking', doc.number, 'XY987654321FR', '--db', db]);
    expect(after.code, after.stderr).toBe(0);
    expect(await withDb(db, (g) => g.document(doc.number))).toMatchObject({ validated: true, trackingNumber: 'XY987654321FR', carrier: null });

    const cleared = await gescom(['set', '--db', db, 'tracking', doc.number, '']);
    expect(cleared.code, cleared.stderr).toBe(0);
    expect(cleared.stdout.trim()).toBe(`${doc.number} : suivi effacé`);
    expect(await withDb(db, (g) => g.document(doc.number))).toMatchObject({ trackingNumber: null, carrier: null });
  });

  it('refuses an unknown document, a number too long or with a control character, a carrier without number: one line naming the field', async () => {
    const db = sampleCopy();
    const doc = await withDb(db, (g) => g.createDocument(WEB_INVOICE));
    for (const [args, field] of [
      [['FA99999', '6A1'], 'number'],
      [[doc.number, 'X'.repeat(65)], 'numéro de suivi invalide'],
      [[doc.number, '6A1\t2'], 'numéro de suivi invalide'],
      [[doc.number, '6A1', '--carrier', 'C'.repeat(65)], 'transporteur invalide'],
      [[doc.number, '', '--carrier', 'Colissimo'], 'trackingNumber'],
    ] as const) {
      const r = await gescom(['set', '--db', db, 'tracking', ...args]);
      expect(r.code, JSON.stringify(args)).toBe(1);
      expect(r.stderr.trim().split('\n'), JSON.stringify(args)).toHaveLength(1);
      expect(r.stderr, JSON.stringify(args)).toContain(field);
    }
    expect(await withDb(db, (g) => g.document(doc.number))).toMatchObject({ trackingNumber: null, carrier: null });
  });
});
