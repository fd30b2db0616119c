import { inflateSync } from 'node:zlib';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { articleCode, generateCompany, GROUP_EVERY, GROUP_SIZE, mulberry32 } from '../../src/gescom/embedded/generated-company.js';
import {
  ean13CheckDigit, salePrices, SAMPLE_REFERENCE_DATE, SAMPLE_SPECIAL_ARTICLES, sampleCompany, tinyPdf, tinyPng,
} from '../../src/gescom/embedded/sample-company.js';
import type { ArticleSeed, CompanySeed, CustomerSeed } from '../../src/gescom/embedded/seed.js';

const D = Decimal.clone({ rounding: Decimal.ROUND_HALF_UP });

function take<T>(items: Iterable<T>, n: number): T[] {
  const out: T[] = [];
  if (n <= 0) return out;
  for (const item of items) {
    out.push(item);
    if (out.length >= n) break;
  }
  return out;
}

function count(items: Iterable<unknown>): number {
  let n = 0;
  for (const _ of items) n++;
  return n;
}

function rateOf(company: CompanySeed, vatCode: string | null): string {
  const vat = company.vatCodes.find((v) => v.code === vatCode);
  if (!vat) throw new Error(`no VAT code ${vatCode}`);
  return vat.rate;
}

function expectedTtc(ht: string, rate: string): string {
  return new D(ht).times(new D(100).plus(rate)).div(100).toDecimalPlaces(2).toFixed(2);
}

function validEan13(code: string): boolean {
  return /^\d{13}$/.test(code) && ean13CheckDigit(code.slice(0, 12)) === Number(code[12]);
}

/** CLI-01: dormant customers and customers without a correct e-mail are never exported. */
const exportable = (c: CustomerSeed) => !c.dormant && c.email !== null && /^[^\s@()]+@[^\s@()]+\.[a-z]{2,}$/i.test(c.email);

/** ART-05/ART-10 with "Utiliser 'Publié sur le Web'": published, active articles. */
const published = (a: ArticleSeed) => a.publishable && !a.doNotUse;

/** Checks that every code an entity names exists. */
function checkReferences(company: CompanySeed, articles: ArticleSeed[], customers: CustomerSeed[]): void {
  const set = <T>(xs: T[], key: (x: T) => string | number) => new Set(xs.map(key));
  const vat = set(company.vatCodes, (v) => v.code);
  const families = set(company.families, (f) => f.code);
  const categories = set(company.articleCategories, (c) => c.code);
  const suppliers = set(company.suppliers, (s) => s.code);
  const depots = set(company.depots, (d) => d.code);
  const tariffs = set(company.priceCategories, (p) => p.id);
  const codes = set(articles, (a) => a.code);
  const customerCodes = set(customers, (c) => c.code);
  for (const f of company.families) if (f.parentCode) expect(families.has(f.parentCode), f.code).toBe(true);
  for (const c of company.articleCategories) if (c.parentCode) expect(categories.has(c.parentCode), c.code).toBe(true);
  for (const a of articles) {
    expect(vat.has(a.vatCode ?? ''), `${a.code} VAT`).toBe(true);
    if (a.familyCode) expect(families.has(a.familyCode), `${a.code} family`).toBe(true);
    if (a.categoryCode) expect(categories.has(a.categoryCode), `${a.code} category`).toBe(true);
    if (a.supplierCode) expect(suppliers.has(a.supplierCode), `${a.code} supplier`).toBe(true);
    if (a.substituteCode) expect(codes.has(a.substituteCode), `${a.code} substitute`).toBe(true);
    for (const c of a.components) expect(codes.has(c.componentCode), `${a.code} component`).toBe(true);
    for (const s of a.stock) expect(depots.has(s.depotCode), `${a.code} depot`).toBe(true);
    expect(a.prices.map((p) => p.priceCategoryId).sort()).toEqual([...tariffs].sort());
  }
  const customerFamilies = set(company.customerFamilies, (f) => f.code);
  const reps = set(company.representatives, (r) => r.code);
  const accounting = set(company.accountingCategories, (a) => a.code);
  const modes = set(company.paymentModes, (p) => p.code);
  for (const c of customers) {
    if (c.priceCategoryId !== null) expect(tariffs.has(c.priceCategoryId), `${c.code} tarif`).toBe(true);
    if (c.familyCode) expect(customerFamilies.has(c.familyCode), `${c.code} family`).toBe(true);
    if (c.representativeCode) expect(reps.has(c.representativeCode), `${c.code} representative`).toBe(true);
    if (c.accountingCategoryCode) expect(accounting.has(c.accountingCategoryCode), `${c.code} accounting`).toBe(true);
    if (c.paymentModeCode) expect(modes.has(c.paymentModeCode), `${c.code} payment mode`).toBe(true);
  }
  for (const p of company.promotions) expect(codes.has(p.articleCode), `promotion ${p.label}`).toBe(true);
  for (const p of company.customerPrices) {
    expect(codes.has(p.articleCode)).toBe(true);
    expect(customerCodes.has(p.customerCode)).toBe(true);
  }
  for (const d of company.familyDiscounts) {
    expect(families.has(d.familyCode)).toBe(true);
    if (d.customerCode) expect(customerCodes.has(d.customerCode)).toBe(true);
    if (d.priceCategoryId !== null) expect(tariffs.has(d.priceCategoryId)).toBe(true);
  }
  const journals = set(company.bankJournals, (j) => j.code);
  for (const m of company.paymentModes) if (m.journalCode) expect(journals.has(m.journalCode)).toBe(true);
}

describe('sample company ("Société exemple")', () => {
  const company = sampleCompany();
  const articles = [...company.articles];
  const customers = [...company.customers];
  const byCode = new Map(articles.map((a) => [a.code, a]));
  const get = (code: string) => {
    const a = byCode.get(code);
    if (!a) throw new Error(`missing ${code}`);
    return a;
  };

  it('is the manual\'s company: EUR, 2 decimals, invoices from FA00164', () => {
    expect(company.company).toEqual({ name: 'Société exemple', currencyCode: 'EUR', priceDecimals: 2 });
    const invoice = company.numbering.find((n) => n.type === 'invoice');
    expect(invoice && invoice.prefix + String(invoice.next).padStart(invoice.width, '0')).toBe('FA00164');
    expect(company.numbering.map((n) => n.prefix)).toEqual(['DE', 'BC', 'PL', 'BL', 'FA']);
    expect(company.priceCategories.map((p) => p.name)).toEqual(['Tarif 1', 'Tarif 2', 'Tarif 3', 'Tarif 4', 'Tarif 5', 'Tarif 6', 'Tarif 7']);
    expect(company.priceCategories.map((p) => p.id)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(company.vatCodes.map((v) => v.rate)).toEqual(['2.1', '5.5', '10', '20', '0']);
    expect(company.vatCodes.filter((v) => v.exempt).map((v) => v.rate)).toEqual(['0']);
    expect(company.depots.filter((d) => d.isDefault)).toHaveLength(1);
    expect(company.depots.length).toBeGreaterThanOrEqual(2);
    expect(company.families.find((f) => f.code === 'FA0002')?.name).toBe('Desserts et friandises');
    expect(company.currencies.map((c) => c.code)).toEqual(['EUR', 'USD', 'GBP']);
    expect(company.accountingCategories.map((a) => a.withTax)).toEqual([true, false, false]);
  });

  it('holds exactly the listed article and customer codes', () => {
    expect(articles.map((a) => a.code)).toEqual([
      'AR0001', 'AR0002', 'AR0003', 'AR0004', 'AR0005', 'AR0006', 'AR0007', 'AR0008', 'AR0009', 'AR0010',
      'AR0011', 'AR0012', 'AR0013', 'AR0014', 'AR0015', 'AR0016', 'AR0017', 'AR0018', 'AR0019', 'AR0020',
      'ARTAUTO', 'ARTDIVERS', 'ZDIVERS', 'ZECART', 'ZPORT', 'ZREMISE', 'ZREMISE10', 'ZREMISE55',
    ]);
    expect(customers.map((c) => c.code)).toEqual(['CL0001', 'CL0002', 'CL0003', 'CL0004', 'CL0005', 'CL0006', 'CL100002', 'KERAWEN']);
  });

  it('publishes exactly the 20 articles of the manual\'s price export log, in that order', () => {
    const log = [...Array.from({ length: 18 }, (_, i) => `AR${String(i + 1).padStart(4, '0')}`), 'ARTAUTO', 'ARTDIVERS'];
    expect(articles.filter(published).map((a) => a.code)).toEqual(log);
  });

  it('exports exactly the five customers of the manual\'s customer export log', () => {
    expect(customers.filter(exportable).map((c) => c.code)).toEqual(['CL0001', 'CL0003', 'CL0004', 'CL100002', 'KERAWEN']);
    // The filters have something to filter.
    expect(customers.some((c) => c.dormant)).toBe(true);
    expect(customers.some((c) => c.blocked)).toBe(true);
    expect(customers.some((c) => !c.dormant && c.email === null)).toBe(true);
    expect(customers.some((c) => !c.dormant && c.email !== null && !exportable(c))).toBe(true);
  });

  it('has AR0003 "Chocolat Noir" as the manual and the shops show it', () => {
    const a = get('AR0003');
    expect(a.name).toBe('Chocolat Noir');
    expect(a.familyCode).toBe('FA0002');
    expect(rateOf(company, a.vatCode)).toBe('5.5');
    expect([a.salePriceHt, a.salePriceTtc, a.priceBase]).toEqual(['4.69', '4.95', 'TTC']);
    expect(a.purchasePrice).toBe('2.10');
    expect(a.barcode).toBe('3760000000031');
    expect(a.weightNet).toBe('0.1');
    expect(a.description).toBe('Tablette de chocolat noir 70 % cacao, 100 g.');
    expect(a.notes).toBe('Chocolat noir 70 %');
    expect(a.descriptionRtf).toMatch(/^\{\\rtf1.*Tablette de chocolat noir 70 % cacao, 100 g\.\\par\}$/s);
    const main = a.stock.find((s) => s.depotCode === company.depots.find((d) => d.isDefault)?.code);
    expect(main?.real).toBe('120');
    expect(a.images).toHaveLength(1);
    expect(a.prices.find((p) => p.priceCategoryId === 1)?.price).toBe('4.69');
  });

  it('has the complete PULL group AR0014..AR0017 with four colours and a price impact on blue', () => {
    const group = articles.filter((a) => a.customFields['Référence maître'] === 'PULL');
    expect(group.map((a) => [a.code, a.name, a.customFields.Couleur, a.customFields['Valeur Gamme 1'], a.salePriceTtc])).toEqual([
      ['AR0014', 'Pull Rouge', 'Rouge', 'Rouge', '39.90'],
      ['AR0015', 'Pull Vert', 'Vert', 'Vert', '39.90'],
      ['AR0016', 'Pull Jaune', 'Jaune', 'Jaune', '42.00'],
      ['AR0017', 'Pull Bleu', 'Bleu', 'Bleu', '44.90'],
    ]);
    expect(new Set(group.map((a) => a.familyCode)).size).toBe(1);
    expect(group.every((a) => a.customFields['Gamme 1'] === 'Couleur' && published(a))).toBe(true);
    expect(group.map((a) => a.stock[0]?.real)).toEqual(['10', '5', '0', '8']);
    // The shops' sale price of the yellow pull, 35.00 TTC, is a current promotion.
    const sale = company.promotions.find((p) => p.articleCode === 'AR0016');
    expect(sale?.priceHt && expectedTtc(sale.priceHt, '20')).toBe('35.00');
    expect(sale && sale.startsAt <= SAMPLE_REFERENCE_DATE && SAMPLE_REFERENCE_DATE <= sale.endsAt).toBe(true);
  });

  it('gives every article a TTC price equal to HT × (1 + rate) rounded to the cent', () => {
    for (const a of articles) {
      expect(a.salePriceTtc, a.code).toBe(expectedTtc(a.salePriceHt, rateOf(company, a.vatCode)));
      expect(a.salePriceHt, a.code).toMatch(/^\d+\.\d{2}$/);
      expect(a.prices.find((p) => p.priceCategoryId === 1)?.price, a.code).toBe(a.salePriceHt);
    }
  });

  it('writes every category price in its category\'s base, the others discounted', () => {
    const a = get('AR0010');
    const tariff = (id: number) => a.prices.find((p) => p.priceCategoryId === id);
    expect(tariff(2)?.price).toBe(a.salePriceTtc);
    expect(new D(tariff(7)?.price ?? '0').lessThan(a.salePriceHt)).toBe(true);
    expect(a.prices.some((p) => p.discountPercent !== '0')).toBe(true);
  });

  it('has valid EAN-13 check digits on articles and packagings', () => {
    const barcodes = articles.flatMap((a) => [a.barcode, ...a.packagings.map((p) => p.barcode)]).filter((b): b is string => b !== null);
    expect(barcodes.length).toBeGreaterThan(18);
    for (const b of barcodes) expect(validEan13(b), b).toBe(true);
    expect(new Set(barcodes).size).toBe(barcodes.length);
  });

  it('names only codes that exist', () => {
    checkReferences(company, articles, customers);
  });

  it('keeps special articles out of the shop and out of stock', () => {
    const specials = ['ZDIVERS', 'ZPORT', 'ZREMISE', 'ZREMISE10', 'ZREMISE55', 'ZECART'];
    for (const code of specials) {
      const a = get(code);
      expect([a.publishable, a.stockTracked, a.stock.length], code).toEqual([false, false, 0]);
    }
    expect(get('ZPORT').name).toBe('Frais de port');
    expect(get('ZECART').name).toBe('Écart de règlement');
    expect(get('ZDIVERS').isDivers && get('ARTDIVERS').isDivers).toBe(true);
    expect(rateOf(company, get('ZREMISE').vatCode)).toBe('20');
    expect(rateOf(company, get('ZREMISE55').vatCode)).toBe('5.5');
    for (const code of Object.values(SAMPLE_SPECIAL_ARTICLES.discountByVatCode)) expect(byCode.has(code)).toBe(true);
  });

  it('covers the article features the actions read', () => {
    expect(articles.filter((a) => a.doNotUse).map((a) => a.code)).toEqual(['AR0019']);
    expect(get('AR0019').substituteCode).toBe('AR0003');
    expect(get('AR0011').packagings.map((p) => p.quantity)).toEqual(['6', '24']);
    expect(get('AR0009').components.map((c) => c.componentCode)).toEqual(['AR0003', 'AR0004', 'AR0006']);
    expect(articles.filter((a) => published(a) && !a.stockTracked).length).toBeGreaterThanOrEqual(1);
    expect(articles.some((a) => a.warrantyMonths !== null && a.ecotax !== '0')).toBe(true);
    expect(articles.filter((a) => a.descriptionRtf !== null).length).toBeGreaterThanOrEqual(1);
    expect(get('AR0013').documents.some((d) => d.mimeType === 'application/pdf')).toBe(true);
    expect(get('AR0013').customFields).toMatchObject({ Largeur: '22', Hauteur: '25', Profondeur: '16' });
    const defined = new Set(company.customFields.filter((f) => f.entity === 'article').map((f) => f.name));
    for (const a of articles) for (const name of Object.keys(a.customFields)) expect(defined.has(name), `${a.code}: ${name}`).toBe(true);
    for (const a of articles) {
      expect(a.createdAt && a.modifiedAt && a.createdAt <= a.modifiedAt, a.code).toBe(true);
      expect(a.modifiedAt, a.code).toMatch(/^202[56]-/);
    }
  });

  it('has stock where the five stock kinds differ', () => {
    const differing = articles.flatMap((a) => a.stock).filter((s) => s.reserved !== '0' && s.ordered !== '0');
    expect(differing.length).toBeGreaterThanOrEqual(2);
    for (const s of differing) {
      const real = new D(s.real);
      const available = real.minus(s.reserved);
      const forecast = available.plus(s.ordered);
      const realPlusOrders = real.plus(s.reserved);
      expect(new Set([real, available, forecast, realPlusOrders].map((d) => d.toFixed())).size).toBe(4);
    }
    expect(articles.some((a) => a.stock.length === 2)).toBe(true);
    expect(articles.some((a) => a.stock.some((s) => new D(s.real).isNegative()))).toBe(true);
  });

  it('has one past, one current and one future promotion at the reference date', () => {
    const when = (p: CompanySeed['promotions'][number]) =>
      p.endsAt < SAMPLE_REFERENCE_DATE ? 'past' : p.startsAt > SAMPLE_REFERENCE_DATE ? 'future' : 'current';
    const kinds = company.promotions.map(when);
    expect(kinds).toContain('past');
    expect(kinds).toContain('current');
    expect(kinds).toContain('future');
    for (const p of company.promotions) expect((p.priceHt === null) !== (p.discountPercent === null)).toBe(true);
    expect(company.customerPrices.length).toBeGreaterThan(0);
    expect(company.familyDiscounts.length).toBeGreaterThan(0);
  });

  it('gives customers French addresses, accounts and contacts with and without e-mail', () => {
    for (const c of customers) {
      expect(c.accountingAccount, c.code).toMatch(/^411/);
      expect(c.billingAddress?.countryCode, c.code).toBe('FR');
      expect(c.billingAddress?.postcode, c.code).toMatch(/^\d{5}$/);
    }
    const contacts = customers.flatMap((c) => c.contacts);
    expect(contacts.some((k) => k.email !== null)).toBe(true);
    expect(contacts.some((k) => k.email === null)).toBe(true);
    const camille = customers.find((c) => c.email === 'camille.durand@example.fr');
    expect(camille?.code).toBe('CL100002');
    expect(camille?.billingAddress).toMatchObject({ line1: '8 place Bellecour', line2: 'Bâtiment B', postcode: '69002', city: 'Lyon' });
    expect(customers.find((c) => c.code === 'KERAWEN')?.dormant).toBe(false);
  });

  it('is deterministic and fresh on each call', () => {
    const again = sampleCompany();
    expect([...again.articles]).toEqual(articles);
    expect([...again.customers]).toEqual(customers);
    expect([...again.articles][0]).not.toBe(articles[0]);
  });
});

describe('tiny files', () => {
  it('builds a valid PNG (signature, CRCs, inflatable pixels)', () => {
    const png = tinyPng([200, 30, 40], 2);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    let offset = 8;
    const types: string[] = [];
    let idat = Buffer.alloc(0);
    while (offset < png.length) {
      const length = png.readUInt32BE(offset);
      const type = png.toString('latin1', offset + 4, offset + 8);
      const data = png.subarray(offset + 8, offset + 8 + length);
      const crc = png.readUInt32BE(offset + 8 + length);
      expect(crc, type).toBe(crc32(png.subarray(offset + 4, offset + 8 + length)));
      if (type === 'IDAT') idat = Buffer.concat([idat, data]);
      types.push(type);
      offset += 12 + length;
    }
    expect(types).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect([...inflateSync(idat)]).toEqual([0, 200, 30, 40, 200, 30, 40, 0, 200, 30, 40, 200, 30, 40]);
  });

  it('builds a PDF whose cross-reference offsets point at its objects', () => {
    const pdf = tinyPdf("Notice d'utilisation (v1)");
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-1.4\n')).toBe(true);
    expect(text.endsWith('%%EOF\n')).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    const offsets = [...text.slice(startxref).matchAll(/^(\d{10}) 00000 n $/gm)].map((m) => Number(m[1]));
    expect(offsets).toHaveLength(5);
    offsets.forEach((o, i) => expect(text.slice(o, o + `${i + 1} 0 obj`.length)).toBe(`${i + 1} 0 obj`));
  });

  it('refuses a TTC price no 2-decimal HT price gives back', () => {
    expect(salePrices('TTC', '4.95', '5.5')).toEqual({ ht: '4.69', ttc: '4.95' });
    expect(() => salePrices('TTC', '10.05', '20')).toThrow(/no 2-decimal HT/);
  });
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

describe('generated company', () => {
  it('produces exactly the requested counts', () => {
    const company = generateCompany({ articles: 1234, customers: 567, seed: 7 });
    expect(count(company.articles)).toBe(1234);
    expect(count(company.customers)).toBe(567);
    expect(count(generateCompany({ articles: 0, customers: 0 }).articles)).toBe(0);
    expect(() => generateCompany({ articles: -1, customers: 0 })).toThrow(RangeError);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = take(generateCompany({ articles: 500, customers: 100, seed: 42 }).articles, 50);
    const b = take(generateCompany({ articles: 500, customers: 100, seed: 42 }).articles, 50);
    const c = take(generateCompany({ articles: 500, customers: 100, seed: 43 }).articles, 50);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(c.map((x) => x.code)).toEqual(a.map((x) => x.code));
    const ca = take(generateCompany({ articles: 1, customers: 100, seed: 42 }).customers, 50);
    const cb = take(generateCompany({ articles: 1, customers: 100, seed: 42 }).customers, 50);
    expect(cb).toEqual(ca);
    // Re-iterating gives the same records again.
    const company = generateCompany({ articles: 30, customers: 0, seed: 5 });
    expect([...company.articles]).toEqual([...company.articles]);
    expect(mulberry32(1)()).toBe(mulberry32(1)());
  });

  it('is lazy: the first 10 articles of a 100,000-article company come at once', () => {
    const started = performance.now();
    const company = generateCompany({ articles: 100_000, customers: 100_000, seed: 3 });
    expect(Array.isArray(company.articles)).toBe(false);
    expect(Array.isArray(company.customers)).toBe(false);
    const first = take(company.articles, 10);
    const firstCustomers = take(company.customers, 10);
    const elapsed = performance.now() - started;
    expect(first.map((a) => a.code)).toEqual(Array.from({ length: 10 }, (_, i) => articleCode(i)));
    expect(firstCustomers[0]?.code).toBe('C000001');
    expect(elapsed).toBeLessThan(500);
  });

  it('keeps prices, barcodes and references consistent', () => {
    const company = generateCompany({ articles: 2000, customers: 800, seed: 11 });
    const articles = [...company.articles];
    const customers = [...company.customers];
    for (const a of articles) {
      expect(a.code).toMatch(/^A\d{6}$/);
      expect(a.salePriceTtc, a.code).toBe(expectedTtc(a.salePriceHt, rateOf(company, a.vatCode)));
      expect(validEan13(a.barcode ?? ''), a.code).toBe(true);
      expect(a.stock.length).toBeLessThanOrEqual(2);
      expect(a.createdAt! <= a.modifiedAt!).toBe(true);
      expect(a.modifiedAt).toMatch(/^202[56]-/);
    }
    expect(new Set(articles.map((a) => a.barcode)).size).toBe(articles.length);
    checkReferences(company, articles, customers);
    expect(articles.some((a) => !a.publishable)).toBe(true);
    expect(articles.some((a) => a.doNotUse)).toBe(true);
    expect(articles.some((a) => a.stock.length === 2)).toBe(true);
    expect(company.families.length).toBeGreaterThan(sampleCompany().families.length);
    const emails = customers.map((c) => c.email).filter((e) => e !== null);
    expect(new Set(emails).size).toBe(emails.length);
    expect(customers.filter(exportable).length).toBeLessThan(customers.length);
  });

  it('groups every 20 articles into 4 variations sharing a master reference, all colours present', () => {
    const n = 1010; // 50 complete groups; the 51st block is too short to hold one
    const articles = [...generateCompany({ articles: n, customers: 0, seed: 9 }).articles];
    const groups = new Map<string, ArticleSeed[]>();
    for (const a of articles) {
      const master = a.customFields['Référence maître'];
      if (typeof master === 'string') groups.set(master, [...(groups.get(master) ?? []), a]);
    }
    expect(groups.size).toBe(Math.floor(n / GROUP_EVERY));
    for (const [master, members] of groups) {
      expect(members, master).toHaveLength(GROUP_SIZE);
      expect(members.map((m) => m.customFields.Couleur).sort(), master).toEqual(['Bleu', 'Jaune', 'Rouge', 'Vert']);
      expect(new Set(members.map((m) => m.familyCode)).size, master).toBe(1);
      expect(new Set(members.map((m) => m.vatCode)).size, master).toBe(1);
      expect(members.every(published), master).toBe(true);
      expect(new Set(members.map((m) => m.salePriceHt)).size, master).toBe(2); // blue carries a price impact
    }
  });
});
