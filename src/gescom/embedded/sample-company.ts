/**
 * "Société exemple": the sample company of the manual (Sage 50c's demo file), as data.
 *
 * Shaped on every example the manual shows (AR0001..AR0018 + ARTAUTO + ARTDIVERS in the
 * price export log, AR0003 "Chocolat Noir" in FA0002 "Desserts et friandises", the four
 * pulls AR0014..AR0017 grouped by "Référence maître" = PULL, customers CL0001, CL0003,
 * CL0004, CL100002 and KERAWEN in the customer export log, Tarif 1..7, the special
 * articles ZDIVERS/ZPORT/ZREMISE/ZREMISE55/ZECART, invoice FA00164) and aligned with the
 * recorded shop fixtures (prices 4.95 / 12.90 / 39.90 / 42.00 / 44.90, stock 120, EAN
 * 3760000000031, camille.durand@example.fr).
 *
 * Everything is deterministic: fixed dates, no clock, no randomness.
 */
import zlib from 'node:zlib';
import { dec, fixed } from '../../util/decimal.js';
import type { Address, Contact, VatCode } from '../model.js';
import type { ArticleSeed, CompanySeed, CustomerSeed, Dec, SeedFile } from './seed.js';

/** The "now" the sample's promotions are written around: one is past, one current, one future at this date. */
export const SAMPLE_REFERENCE_DATE = '2026-07-07T10:00:00.000Z';

/** Special articles of the sample, as the manual configures them (Commandes > Articles). */
export const SAMPLE_SPECIAL_ARTICLES = {
  divers: 'ZDIVERS',
  // The manual uses ZDIVERS as the gift-wrapping ("Emballage") article too.
  giftWrap: 'ZDIVERS',
  shipping: 'ZPORT',
  paymentDifference: 'ZECART',
  defaultDiscount: 'ZREMISE',
  discountByVatCode: { C20: 'ZREMISE', C10: 'ZREMISE10', C55: 'ZREMISE55', C21: 'ZREMISE', C00: 'ZREMISE' } as Record<string, string>,
} as const;

// ---------------------------------------------------------------------------------------------
// Small binary files, built in code so that they are valid and need no asset on disk.

function pngChunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A valid size x size PNG of one colour. The zlib stream uses a "stored" (uncompressed)
 * block, so that the bytes never depend on the zlib version.
 */
export function tinyPng(rgb: readonly [number, number, number], size = 2): Buffer {
  const row = 1 + 3 * size;
  const raw = Buffer.alloc(row * size);
  for (let y = 0; y < size; y++) {
    raw[y * row] = 0; // filter type "None"
    for (let x = 0; x < size; x++) raw.set(rgb, y * row + 1 + 3 * x);
  }
  // Level 0 = stored blocks: the bytes never depend on the zlib version.
  const idat = zlib.deflateSync(raw, { level: 0 });
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', idat),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A valid one-page PDF showing `title` (ASCII), with a correct cross-reference table. */
export function tinyPdf(title: string): Buffer {
  const text = title.replace(/[()\\]/g, (c) => `\\${c}`);
  const content = `BT /F1 18 Tf 72 770 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export const COLOURS = {
  Rouge: [200, 30, 40],
  Vert: [40, 150, 60],
  Jaune: [240, 200, 30],
  Bleu: [30, 80, 190],
} as const satisfies Record<string, readonly [number, number, number]>;

const png = (fileName: string, rgb: readonly [number, number, number], label?: string): SeedFile => ({
  fileName,
  mimeType: 'image/png',
  data: tinyPng(rgb),
  ...(label === undefined ? {} : { label }),
});

// ---------------------------------------------------------------------------------------------
// Barcodes and prices.

/** EAN-13 check digit of 12 digits (weights 1,3,1,3… from the left). */
export function ean13CheckDigit(first12: string): number {
  if (!/^\d{12}$/.test(first12)) throw new Error(`EAN-13 needs 12 digits, got "${first12}"`);
  let total = 0;
  for (let i = 0; i < 12; i++) total += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (total % 10)) % 10;
}

export function ean13(first12: string): string {
  return first12 + String(ean13CheckDigit(first12));
}

/**
 * Sale prices of an article from the price the merchant typed. TTC = HT × (1 + rate), rounded
 * to the cent; when TTC was typed, HT is derived and must give that TTC back (not every TTC is
 * reachable from a 2-decimal HT), else the data is wrong and we fail loudly.
 */
export function salePrices(base: 'HT' | 'TTC', amount: Dec, ratePercent: Dec): { ht: Dec; ttc: Dec } {
  const factor = dec(100).plus(ratePercent).div(100);
  if (base === 'HT') {
    const ht = fixed(amount);
    return { ht, ttc: fixed(dec(ht).times(factor)) };
  }
  const ttc = fixed(amount);
  const ht = fixed(dec(ttc).div(factor));
  if (fixed(dec(ht).times(factor)) !== ttc) {
    throw new Error(`TTC ${ttc} at ${ratePercent} % has no 2-decimal HT price that gives it back`);
  }
  return { ht, ttc };
}

/** Tarif 1..7: base (entered HT or TTC), the reduction written into the price, and a line discount. */
export const PRICE_CATEGORY_RULES: readonly { id: number; priceBase: 'HT' | 'TTC'; reduction: Dec; discountPercent: Dec }[] = [
  { id: 1, priceBase: 'HT', reduction: '0', discountPercent: '0' }, // base sale price
  { id: 2, priceBase: 'TTC', reduction: '0', discountPercent: '0' }, // public price, tax included
  { id: 3, priceBase: 'HT', reduction: '5', discountPercent: '0' },
  { id: 4, priceBase: 'HT', reduction: '10', discountPercent: '0' },
  { id: 5, priceBase: 'TTC', reduction: '10', discountPercent: '0' },
  { id: 6, priceBase: 'HT', reduction: '0', discountPercent: '12' }, // base price with a percentage discount
  { id: 7, priceBase: 'HT', reduction: '20', discountPercent: '0' },
];

/** The seven price rows of an article, each in its category's base. */
export function tariffPrices(ht: Dec, ttc: Dec): ArticleSeed['prices'] {
  const base = { HT: dec(ht), TTC: dec(ttc) };
  return TARIFF_FACTORS.map((r) => ({
    priceCategoryId: r.id,
    price: r.factor === null ? fixed(base[r.priceBase]) : fixed(base[r.priceBase].times(r.factor)),
    discountPercent: r.discountPercent,
  }));
}

// Multipliers computed once: the generator prices 100,000 articles through here.
const TARIFF_FACTORS = PRICE_CATEGORY_RULES.map((r) => ({
  ...r,
  factor: dec(r.reduction).isZero() ? null : dec(100).minus(r.reduction).div(100),
}));

// ---------------------------------------------------------------------------------------------
// Reference data.

const VAT_CODES: VatCode[] = [
  // Codes as Sage 50c names them in the manual's "Mappage des articles remises par TVA".
  { code: 'C21', label: 'TVA collectée à 2,1 %', rate: '2.1', exempt: false },
  { code: 'C55', label: 'TVA collectée à 5,5 %', rate: '5.5', exempt: false },
  { code: 'C10', label: 'TVA collectée à 10 %', rate: '10', exempt: false },
  { code: 'C20', label: 'TVA collectée à 20 %', rate: '20', exempt: false },
  { code: 'C00', label: 'Exonéré (TVA export à 0 %)', rate: '0', exempt: true },
];

function vatRate(code: string): Dec {
  const vat = VAT_CODES.find((v) => v.code === code);
  if (!vat) throw new Error(`unknown VAT code ${code}`);
  return vat.rate;
}

/** Everything of a company but its articles, customers and price rules. */
export type ReferenceData = Omit<CompanySeed, 'articles' | 'customers' | 'promotions' | 'customerPrices' | 'familyDiscounts' | 'documents'>;

/** The sample's reference tables, fresh objects on each call (callers may extend them). */
export function sampleReferenceData(): ReferenceData {
  return {
    company: { name: 'Société exemple', currencyCode: 'EUR', priceDecimals: 2 },
    numbering: [
      { type: 'quote', prefix: 'DE', next: 27, width: 5 },
      { type: 'order', prefix: 'BC', next: 45, width: 5 },
      { type: 'deliveryPrep', prefix: 'PL', next: 9, width: 5 },
      { type: 'deliveryNote', prefix: 'BL', next: 38, width: 5 },
      // The manual's first web invoice is FA00164.
      { type: 'invoice', prefix: 'FA', next: 164, width: 5 },
    ],
    vatCodes: VAT_CODES.map((v) => ({ ...v })),
    families: [
      { code: 'FA0001', name: 'Épicerie fine', parentCode: null },
      { code: 'FA0002', name: 'Desserts et friandises', parentCode: null },
      { code: 'FA0003', name: 'Chocolats', parentCode: 'FA0002' },
      { code: 'FA0004', name: 'Vêtements', parentCode: null },
      { code: 'FA0005', name: 'Arts de la table', parentCode: null },
      { code: 'FA0006', name: 'Boissons', parentCode: 'FA0001' },
      { code: 'FA0007', name: 'Fleurs et décoration', parentCode: null },
      { code: 'FA0008', name: 'Librairie et presse', parentCode: null },
      { code: 'FA0009', name: 'Frais et services', parentCode: null },
    ],
    articleCategories: [
      { code: 'CAT01', name: 'Alimentaire', parentCode: null },
      { code: 'CAT02', name: 'Chocolats', parentCode: 'CAT01' },
      { code: 'CAT03', name: 'Textile', parentCode: null },
      { code: 'CAT04', name: 'Maison et cuisine', parentCode: null },
      { code: 'CAT05', name: 'Presse et livres', parentCode: null },
      { code: 'CAT06', name: 'Prestations', parentCode: null },
    ],
    suppliers: [
      { code: 'FO0001', name: 'Chocolaterie du Rhône', email: 'commandes@chocolaterie-du-rhone.example.fr' },
      { code: 'FO0002', name: 'Filature des Vosges', email: 'ventes@filature-des-vosges.example.fr' },
      { code: 'FO0003', name: 'Porcelaines de Limoges', email: 'pro@porcelaines-limoges.example.fr' },
      { code: 'FO0004', name: 'Torréfaction Lyonnaise', email: 'contact@torrefaction-lyonnaise.example.fr' },
      { code: 'FO0005', name: 'Éditions Saveurs', email: null },
      { code: 'FO0006', name: 'Domaine des Coteaux', email: 'cave@domaine-des-coteaux.example.fr' },
      { code: 'FO0007', name: 'Électro Ménager Distribution', email: 'b2b@emd.example.fr' },
      { code: 'FO0008', name: 'Fleurs du Pilat', email: null },
    ],
    depots: [
      { code: '0001', name: 'Dépôt principal', isDefault: true },
      { code: '0002', name: 'Dépôt secondaire', isDefault: false },
    ],
    priceCategories: PRICE_CATEGORY_RULES.map((r) => ({ id: r.id, name: `Tarif ${r.id}`, priceBase: r.priceBase })),
    accountingCategories: [
      { code: 'LOCAL', label: 'Local (France)', withTax: true },
      { code: 'EXPORT', label: 'Export hors UE', withTax: false },
      { code: 'INTRA', label: 'Intracommunautaire', withTax: false },
    ],
    bankJournals: [
      { code: 'BQ1', label: 'Banque principale' },
      { code: 'BQ2', label: 'PayPal' },
      { code: 'CAI', label: 'Caisse' },
    ],
    paymentModes: [
      { code: 'CB', label: 'Carte bancaire', journalCode: 'BQ1' },
      { code: 'CHQ', label: 'Chèque', journalCode: 'BQ1' },
      { code: 'VIR', label: 'Virement', journalCode: 'BQ1' },
      { code: 'PAYPAL', label: 'PayPal', journalCode: 'BQ2' },
      { code: 'ESP', label: 'Espèces', journalCode: 'CAI' },
      { code: 'DIV', label: 'Divers', journalCode: null },
    ],
    currencies: [
      { code: 'EUR', label: 'Euro', symbol: '€' },
      { code: 'USD', label: 'Dollar US', symbol: '$' },
      { code: 'GBP', label: 'Livre sterling', symbol: '£' },
    ],
    representatives: [
      { code: 'REP01', name: 'Julie Moreau', email: 'julie.moreau@societe-exemple.example.fr' },
      { code: 'REP02', name: 'Marc Lambert', email: null },
    ],
    customerFamilies: [
      { code: 'PART', name: 'Particuliers' },
      { code: 'PRO', name: 'Professionnels' },
      { code: 'REV', name: 'Revendeurs' },
      { code: 'WEB', name: 'Clients web' },
      { code: 'CAISSE', name: 'Ventes comptoir' },
    ],
    customFields: [
      // Grouping of ART-06: the manual's "Référence Maître" and "Gamme 1" / "Valeur Gamme 1" pair,
      // plus a direct "Couleur" field (a profile may use either).
      { entity: 'article', name: 'Référence maître', type: 'text' },
      { entity: 'article', name: 'Gamme 1', type: 'text' },
      { entity: 'article', name: 'Valeur Gamme 1', type: 'text' },
      { entity: 'article', name: 'Couleur', type: 'text' },
      { entity: 'article', name: 'Matière', type: 'text' },
      { entity: 'article', name: 'Largeur', type: 'number' },
      { entity: 'article', name: 'Hauteur', type: 'number' },
      { entity: 'article', name: 'Profondeur', type: 'number' },
      { entity: 'article', name: 'Pourcentage cacao', type: 'number' },
      { entity: 'article', name: 'Date de sortie', type: 'date' },
      { entity: 'article', name: 'Bio', type: 'boolean' },
      // ART-02: categories from fields, and extra categories (comma-separated).
      { entity: 'article', name: 'Catalogue 1', type: 'text' },
      { entity: 'article', name: 'Catalogue 2', type: 'text' },
      { entity: 'article', name: 'Catégories supplémentaires', type: 'text' },
      { entity: 'customer', name: 'Date de naissance', type: 'date' },
      { entity: 'customer', name: 'Newsletter', type: 'boolean' },
      { entity: 'document', name: 'Transporteur', type: 'text' },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// Articles.

type ArticleSpec = Partial<Omit<ArticleSeed, 'salePriceHt' | 'salePriceTtc' | 'priceBase' | 'prices'>> & {
  code: string;
  name: string;
  vatCode: string;
  /** The price the merchant entered, HT or TTC; the other one is derived. */
  price: { base: 'HT' | 'TTC'; amount: Dec };
};

function article(spec: ArticleSpec): ArticleSeed {
  const { price, ...rest } = spec;
  const { ht, ttc } = salePrices(price.base, price.amount, vatRate(spec.vatCode));
  return {
    description: '',
    descriptionRtf: null,
    notes: '',
    familyCode: null,
    categoryCode: null,
    brand: null,
    supplierCode: null,
    supplierRef: null,
    barcode: null,
    warrantyMonths: null,
    unit: 'pièce',
    ecotax: '0',
    weightNet: '0',
    weightGross: '0',
    isDivers: false,
    doNotUse: false,
    publishable: true,
    substituteCode: null,
    stockTracked: true,
    purchasePrice: '0',
    minQuantity: '1',
    location: null,
    availableFrom: null,
    linkedCodes: [],
    customFields: {},
    images: [],
    documents: [],
    packagings: [],
    components: [],
    stock: [],
    ...rest,
    salePriceHt: ht,
    salePriceTtc: ttc,
    priceBase: price.base,
    prices: tariffPrices(ht, ttc),
  };
}

/** Stock of one depot: real, reserved by customer orders, ordered from suppliers. */
const at = (depotCode: string, real: Dec, reserved: Dec = '0', ordered: Dec = '0') => ({ depotCode, real, reserved, ordered });

/** The sample's own barcodes: French prefix 376, then the article number (AR0003 -> 3760000000031, as in the fixtures). */
const eanOf = (n: number) => ean13(`3760000000${String(n).padStart(2, '0')}`);

const RTF_AR0003 = String.raw`{\rtf1\ansi\ansicpg1252\deff0\deflang1036{\fonttbl{\f0\fswiss\fcharset0 Arial;}}\viewkind4\uc1\pard\f0\fs20 Tablette de chocolat noir 70 % cacao, 100 g.\par}`;

const RTF_AR0013 = String.raw`{\rtf1\ansi\ansicpg1252\deff0\deflang1036{\fonttbl{\f0\fswiss\fcharset0 Arial;}}
\viewkind4\uc1\pard\f0\fs20\b Bouilloire \'e9lectrique\b0  en inox bross\'e9, 1,7 L.\par
Arr\'eat automatique, socle 360\'b0, filtre anticalcaire amovible.\par
}`;

const PULL_DESCRIPTION = 'Pull col rond en laine mérinos.';

function pull(n: 14 | 15 | 16 | 17, colour: keyof typeof COLOURS, ttc: Dec, purchase: Dec, stock: ArticleSeed['stock'], modifiedAt: string): ArticleSeed {
  return article({
    code: `AR00${n}`,
    name: `Pull ${colour}`,
    description: PULL_DESCRIPTION,
    notes: `Pull col rond, coloris ${colour.toLowerCase()}`,
    familyCode: 'FA0004',
    categoryCode: 'CAT03',
    brand: 'Laines des Vosges',
    supplierCode: 'FO0002',
    supplierRef: `FDV-PULL-${colour.toUpperCase()}`,
    barcode: eanOf(n),
    vatCode: 'C20',
    price: { base: 'TTC', amount: ttc },
    purchasePrice: purchase,
    weightNet: '0.45',
    weightGross: '0.55',
    customFields: {
      'Référence maître': 'PULL',
      'Gamme 1': 'Couleur',
      'Valeur Gamme 1': colour,
      Couleur: colour,
      Matière: 'Laine mérinos',
      'Catalogue 1': 'Vêtements',
      'Catalogue 2': 'Pulls',
    },
    images: [png(`AR00${n}.png`, COLOURS[colour], `Pull ${colour}`)],
    stock,
    createdAt: '2025-10-06T09:00:00.000Z',
    modifiedAt,
  });
}

/** Special articles: typed on document lines by the order import, never sent to a shop, no stock. */
function special(code: string, name: string, vatCode: string, isDivers = false): ArticleSeed {
  return article({
    code,
    name,
    description: name,
    familyCode: 'FA0009',
    categoryCode: 'CAT06',
    unit: null,
    vatCode,
    price: { base: 'HT', amount: '0' },
    isDivers,
    publishable: false,
    stockTracked: false,
    minQuantity: '0',
    createdAt: '2025-01-02T08:00:00.000Z',
    modifiedAt: '2025-01-02T08:00:00.000Z',
  });
}

function sampleArticles(): ArticleSeed[] {
  return [
    article({
      code: 'AR0001',
      name: 'Café en grains Arabica 1 kg',
      description: 'Café 100 % Arabica torréfié à Lyon, grains entiers, sachet de 1 kg.',
      notes: 'Torréfaction artisanale',
      familyCode: 'FA0006',
      categoryCode: 'CAT01',
      brand: 'Torréfaction Lyonnaise',
      supplierCode: 'FO0004',
      supplierRef: 'TL-ARA-1000',
      barcode: eanOf(1),
      unit: 'paquet',
      vatCode: 'C55',
      price: { base: 'TTC', amount: '18.90' },
      purchasePrice: '9.80',
      weightNet: '1',
      weightGross: '1.05',
      customFields: { Bio: true, 'Date de sortie': '2025-03-01', 'Catalogue 1': 'Épicerie fine', 'Catalogue 2': 'Cafés' },
      stock: [at('0001', '35', '5', '20'), at('0002', '10')],
      createdAt: '2025-03-01T08:30:00.000Z',
      modifiedAt: '2025-11-20T14:10:00.000Z',
    }),
    article({
      code: 'AR0002',
      name: 'Chocolat au Lait',
      description: 'Tablette de chocolat au lait 35 % cacao, 100 g.',
      notes: 'Chocolat au lait 35 %',
      familyCode: 'FA0003',
      categoryCode: 'CAT02',
      brand: 'Chocolaterie du Rhône',
      supplierCode: 'FO0001',
      supplierRef: 'CDR-LAIT35-100',
      barcode: eanOf(2),
      unit: 'tablette',
      // Milk chocolate is taxed at 20 % in France (dark chocolate at 5.5 %).
      vatCode: 'C20',
      price: { base: 'TTC', amount: '4.50' },
      purchasePrice: '1.90',
      weightNet: '0.1',
      weightGross: '0.11',
      customFields: { 'Pourcentage cacao': '35', 'Catalogue 1': 'Desserts et friandises', 'Catalogue 2': 'Chocolats' },
      stock: [at('0001', '60')],
      createdAt: '2025-09-12T08:00:00.000Z',
      modifiedAt: '2025-12-14T16:45:00.000Z',
    }),
    article({
      code: 'AR0003',
      name: 'Chocolat Noir',
      location: 'A-02-3',
      linkedCodes: ['AR0002', 'AR0004'],
      description: 'Tablette de chocolat noir 70 % cacao, 100 g.',
      descriptionRtf: RTF_AR0003,
      notes: 'Chocolat noir 70 %',
      familyCode: 'FA0002',
      categoryCode: 'CAT02',
      brand: 'Chocolaterie du Rhône',
      supplierCode: 'FO0001',
      supplierRef: 'CDR-NOIR70-100',
      barcode: eanOf(3),
      unit: 'tablette',
      vatCode: 'C55',
      price: { base: 'TTC', amount: '4.95' },
      purchasePrice: '2.10',
      weightNet: '0.1',
      weightGross: '0.11',
      customFields: {
        'Pourcentage cacao': '70',
        Bio: false,
        'Date de sortie': '2025-09-12',
        'Catalogue 1': 'Desserts et friandises',
        'Catalogue 2': 'Chocolats',
        'Catégories supplémentaires': 'Idées cadeaux, Meilleures ventes',
      },
      images: [png('AR0003.png', [92, 51, 23], 'Chocolat Noir')],
      // 120 in the main depot as the shops show it; the secondary depot is negative as in
      // the manual's screenshot (Réel : -24), for the "send negative stock" option.
      stock: [at('0001', '120', '12', '48'), at('0002', '-24')],
      createdAt: '2025-09-12T08:00:00.000Z',
      modifiedAt: '2025-12-14T16:45:00.000Z',
    }),
    article({
      code: 'AR0004',
      name: 'Pâte à tartiner noisettes 350 g',
      description: 'Pâte à tartiner aux noisettes du Piémont, sans huile de palme, pot de 350 g.',
      notes: 'Sans huile de palme',
      familyCode: 'FA0002',
      categoryCode: 'CAT01',
      brand: 'Les Délices de Lyon',
      supplierCode: 'FO0001',
      supplierRef: 'DDL-PAT-350',
      barcode: eanOf(4),
      unit: 'pot',
      vatCode: 'C55',
      price: { base: 'TTC', amount: '6.50' },
      purchasePrice: '2.95',
      weightNet: '0.35',
      weightGross: '0.5',
      customFields: { Bio: true },
      stock: [at('0001', '48', '6')],
      createdAt: '2025-04-15T10:00:00.000Z',
      modifiedAt: '2025-10-02T11:00:00.000Z',
    }),
    article({
      code: 'AR0005',
      name: 'Macarons assortis (boîte de 12)',
      description: '<p>Boîte de 12 macarons : <b>chocolat</b>, framboise, pistache et citron.</p>',
      notes: 'À conserver au frais',
      familyCode: 'FA0002',
      categoryCode: 'CAT01',
      brand: 'Les Délices de Lyon',
      supplierCode: 'FO0001',
      supplierRef: 'DDL-MAC-12',
      barcode: eanOf(5),
      unit: 'boîte',
      vatCode: 'C55',
      price: { base: 'TTC', amount: '14.90' },
      purchasePrice: '6.20',
      weightNet: '0.144',
      weightGross: '0.25',
      stock: [at('0001', '15', '3', '24')],
      createdAt: '2025-05-05T09:00:00.000Z',
      modifiedAt: '2025-11-28T09:15:00.000Z',
    }),
    article({
      code: 'AR0006',
      name: 'Confiture de fraises 370 g',
      description: 'Confiture extra de fraises, 65 g de fruits pour 100 g, pot de 370 g.',
      notes: 'Fabrication artisanale',
      familyCode: 'FA0001',
      categoryCode: 'CAT01',
      brand: 'Les Délices de Lyon',
      supplierCode: 'FO0001',
      supplierRef: 'DDL-CONF-FR-370',
      barcode: eanOf(6),
      unit: 'pot',
      vatCode: 'C55',
      price: { base: 'TTC', amount: '5.20' },
      purchasePrice: '2.10',
      weightNet: '0.37',
      weightGross: '0.55',
      customFields: { Bio: true, 'Catalogue 1': 'Épicerie fine', 'Catalogue 2': 'Confitures' },
      stock: [at('0001', '72', '0', '36'), at('0002', '20', '2')],
      createdAt: '2025-04-15T10:00:00.000Z',
      modifiedAt: '2025-09-30T15:00:00.000Z',
    }),
    article({
      code: 'AR0007',
      name: 'Jus de pomme artisanal 1 L',
      description: 'Pur jus de pommes du Lyonnais, non filtré, bouteille de 1 L.',
      notes: 'Pur jus',
      familyCode: 'FA0006',
      categoryCode: 'CAT01',
      brand: 'Domaine des Coteaux',
      supplierCode: 'FO0006',
      supplierRef: 'DDC-JUS-1L',
      barcode: eanOf(7),
      unit: 'bouteille',
      vatCode: 'C55',
      price: { base: 'TTC', amount: '3.80' },
      purchasePrice: '1.40',
      weightNet: '1',
      weightGross: '1.6',
      stock: [at('0001', '90', '10')],
      createdAt: '2025-06-10T08:00:00.000Z',
      modifiedAt: '2025-06-10T08:00:00.000Z',
    }),
    article({
      code: 'AR0008',
      name: 'Côtes du Rhône rouge 2023 75 cl',
      description: '<p>Côtes du Rhône rouge, millésime 2023.<br>Grenache et syrah, à servir à 16 °C.</p>',
      notes: "L'abus d'alcool est dangereux pour la santé.",
      familyCode: 'FA0006',
      categoryCode: 'CAT01',
      brand: 'Domaine des Coteaux',
      supplierCode: 'FO0006',
      supplierRef: 'DDC-CDR-2023',
      barcode: eanOf(8),
      unit: 'bouteille',
      vatCode: 'C20',
      price: { base: 'HT', amount: '9.58' },
      purchasePrice: '4.60',
      weightNet: '0.75',
      weightGross: '1.3',
      customFields: { 'Date de sortie': '2024-11-21' },
      stock: [at('0001', '36', '4', '12'), at('0002', '18')],
      createdAt: '2025-02-03T08:00:00.000Z',
      modifiedAt: '2025-10-15T10:30:00.000Z',
    }),
    article({
      code: 'AR0009',
      name: 'Coffret gourmand',
      description: 'Coffret cadeau : deux tablettes de chocolat noir, une pâte à tartiner et une confiture de fraises.',
      notes: 'Idée cadeau',
      familyCode: 'FA0002',
      categoryCode: 'CAT01',
      barcode: eanOf(9),
      unit: 'coffret',
      vatCode: 'C55',
      price: { base: 'TTC', amount: '24.90' },
      purchasePrice: '11.20',
      weightNet: '0.92',
      weightGross: '1.2',
      customFields: { Largeur: '30', Hauteur: '8', Profondeur: '20', 'Catégories supplémentaires': 'Idées cadeaux' },
      // Nomenclature (bill of materials): becomes a pack in PrestaShop (ART-13).
      components: [
        { componentCode: 'AR0003', quantity: '2' },
        { componentCode: 'AR0004', quantity: '1' },
        { componentCode: 'AR0006', quantity: '1' },
      ],
      stock: [at('0001', '8', '2', '5')],
      createdAt: '2025-10-20T08:00:00.000Z',
      modifiedAt: '2025-11-28T09:15:00.000Z',
    }),
    article({
      code: 'AR0010',
      name: 'Mug Passerelle',
      description: 'Mug en faïence 33 cl, logo Passerelle.',
      notes: 'Passe au lave-vaisselle',
      familyCode: 'FA0005',
      categoryCode: 'CAT04',
      brand: 'Passerelle',
      supplierCode: 'FO0003',
      supplierRef: 'PDL-MUG-33',
      barcode: eanOf(10),
      vatCode: 'C20',
      price: { base: 'TTC', amount: '12.90' },
      purchasePrice: '4.10',
      weightNet: '0.35',
      weightGross: '0.45',
      customFields: { Matière: 'Faïence', Largeur: '12', Hauteur: '9.5', Profondeur: '8.5', Couleur: 'Blanc' },
      images: [png('AR0010.png', [245, 245, 240], 'Mug Passerelle'), png('AR0010_01.png', [30, 80, 190], 'Mug Passerelle, logo')],
      stock: [at('0001', '40')],
      createdAt: '2025-08-25T08:00:00.000Z',
      modifiedAt: '2026-03-02T10:00:00.000Z',
    }),
    article({
      code: 'AR0011',
      name: 'Verre à vin 35 cl',
      description: 'Verre à vin en cristallin, 35 cl.',
      notes: 'Vendu aussi par carton de 6 ou de 24',
      familyCode: 'FA0005',
      categoryCode: 'CAT04',
      brand: 'Verrerie de Lorraine',
      supplierCode: 'FO0003',
      supplierRef: 'VDL-VIN-35',
      barcode: eanOf(11),
      vatCode: 'C20',
      price: { base: 'HT', amount: '4.08' },
      purchasePrice: '1.65',
      weightNet: '0.18',
      weightGross: '0.25',
      customFields: { Matière: 'Cristallin', Hauteur: '21.5' },
      // Conditionnements: a pack with its own price and barcode, and one priced from the unit.
      packagings: [
        { code: 'CART6', label: 'Carton de 6 verres', quantity: '6', barcode: ean13('376000000111'), priceHt: '22.50' },
        { code: 'CART24', label: 'Carton de 24 verres', quantity: '24', barcode: null, priceHt: null },
      ],
      stock: [at('0001', '144', '24'), at('0002', '48', '0', '72')],
      createdAt: '2025-08-25T08:00:00.000Z',
      modifiedAt: '2025-12-01T08:00:00.000Z',
    }),
    article({
      code: 'AR0012',
      name: 'Bouquet de fleurs de saison',
      description: 'Bouquet composé par notre fleuriste avec les fleurs de la saison.',
      notes: 'Livraison sous 48 h',
      familyCode: 'FA0007',
      categoryCode: 'CAT04',
      supplierCode: 'FO0008',
      vatCode: 'C10',
      price: { base: 'TTC', amount: '25.00' },
      purchasePrice: '11.00',
      weightNet: '0.8',
      weightGross: '1.2',
      // Made to order: no stock follow-up (the profile's default quantity applies).
      stockTracked: false,
      createdAt: '2025-03-20T08:00:00.000Z',
      modifiedAt: '2025-09-01T08:00:00.000Z',
    }),
    article({
      code: 'AR0013',
      name: 'Bouilloire électrique inox 1,7 L',
      description: 'Bouilloire électrique en inox brossé, 1,7 L. Arrêt automatique, socle 360°, filtre anticalcaire amovible.',
      descriptionRtf: RTF_AR0013,
      notes: 'Garantie 2 ans',
      familyCode: 'FA0005',
      categoryCode: 'CAT04',
      brand: 'Cuisinor',
      supplierCode: 'FO0007',
      supplierRef: 'CUI-BK17-INOX',
      barcode: eanOf(13),
      warrantyMonths: 24,
      vatCode: 'C20',
      price: { base: 'TTC', amount: '49.90' },
      ecotax: '0.25',
      purchasePrice: '21.00',
      weightNet: '1.1',
      weightGross: '1.6',
      customFields: { Matière: 'Inox', Largeur: '22', Hauteur: '25', Profondeur: '16', 'Date de sortie': '2025-10-01' },
      images: [png('AR0013.png', [190, 190, 195], 'Bouilloire inox')],
      documents: [
        { fileName: 'AR0013-notice.pdf', mimeType: 'application/pdf', label: "Notice d'utilisation", data: tinyPdf("Bouilloire CUI-BK17 - notice d'utilisation") },
        // An image among the documents, for "send the images contained in the documents" (ART-07).
        { fileName: 'AR0013-detail.png', mimeType: 'image/png', label: 'Détail du socle', data: tinyPng([120, 120, 125]) },
      ],
      stock: [at('0001', '6', '1', '10')],
      createdAt: '2025-10-01T08:00:00.000Z',
      modifiedAt: '2026-05-18T13:20:00.000Z',
    }),
    pull(14, 'Rouge', '39.90', '15.00', [at('0001', '10', '2', '6')], '2025-12-14T16:45:00.000Z'),
    pull(15, 'Vert', '39.90', '15.00', [at('0001', '5')], '2025-12-14T16:45:00.000Z'),
    pull(16, 'Jaune', '42.00', '16.00', [at('0001', '0', '0', '12')], '2026-01-22T09:30:00.000Z'),
    // Blue costs more: the variation with a price impact (+5.00 TTC).
    pull(17, 'Bleu', '44.90', '17.50', [at('0001', '8', '1')], '2026-01-22T09:30:00.000Z'),
    article({
      code: 'AR0018',
      name: 'Magazine Saveurs de saison n° 42',
      description: 'Le magazine des recettes de saison, numéro 42 (printemps 2026).',
      notes: 'Presse : TVA à 2,1 %',
      familyCode: 'FA0008',
      categoryCode: 'CAT05',
      brand: 'Éditions Saveurs',
      supplierCode: 'FO0005',
      supplierRef: 'SAV-042',
      barcode: eanOf(18),
      unit: 'exemplaire',
      vatCode: 'C21',
      price: { base: 'TTC', amount: '6.90' },
      purchasePrice: '4.20',
      weightNet: '0.3',
      weightGross: '0.32',
      customFields: { 'Date de sortie': '2026-03-20' },
      stock: [at('0001', '25')],
      createdAt: '2026-03-20T08:00:00.000Z',
      modifiedAt: '2026-03-20T08:00:00.000Z',
    }),
    // Not in the manual's export log, on purpose: one dormant (with a substitute) and one
    // that is not published on the web.
    article({
      code: 'AR0019',
      name: 'Chocolat Noir 200 g (ancien format)',
      description: 'Tablette de chocolat noir 70 % cacao, 200 g. Remplacée par AR0003.',
      familyCode: 'FA0002',
      categoryCode: 'CAT02',
      brand: 'Chocolaterie du Rhône',
      supplierCode: 'FO0001',
      barcode: eanOf(19),
      unit: 'tablette',
      vatCode: 'C55',
      price: { base: 'TTC', amount: '8.90' },
      purchasePrice: '3.90',
      weightNet: '0.2',
      weightGross: '0.22',
      doNotUse: true,
      substituteCode: 'AR0003',
      stock: [at('0001', '0')],
      createdAt: '2025-01-10T08:00:00.000Z',
      modifiedAt: '2025-09-12T08:00:00.000Z',
    }),
    article({
      code: 'AR0020',
      name: 'Ballotin de pralines 250 g',
      description: 'Ballotin de pralines assorties, vendu uniquement en boutique.',
      notes: 'Vente en magasin uniquement',
      familyCode: 'FA0003',
      categoryCode: 'CAT02',
      brand: 'Chocolaterie du Rhône',
      supplierCode: 'FO0001',
      barcode: eanOf(20),
      unit: 'ballotin',
      vatCode: 'C55',
      price: { base: 'TTC', amount: '17.50' },
      purchasePrice: '7.40',
      weightNet: '0.25',
      weightGross: '0.32',
      publishable: false,
      stock: [at('0001', '30')],
      createdAt: '2025-11-03T08:00:00.000Z',
      modifiedAt: '2025-11-03T08:00:00.000Z',
    }),
    article({
      code: 'ARTAUTO',
      name: 'Article automatique',
      description: 'Article générique de la société exemple.',
      familyCode: 'FA0009',
      categoryCode: 'CAT06',
      vatCode: 'C20',
      price: { base: 'HT', amount: '10.00' },
      stockTracked: false,
      createdAt: '2025-01-02T08:00:00.000Z',
      modifiedAt: '2025-01-02T08:00:00.000Z',
    }),
    article({
      code: 'ARTDIVERS',
      name: 'Article divers',
      description: 'Article divers : désignation et prix saisis sur chaque ligne.',
      familyCode: 'FA0009',
      categoryCode: 'CAT06',
      unit: null,
      vatCode: 'C20',
      price: { base: 'HT', amount: '0' },
      isDivers: true,
      stockTracked: false,
      createdAt: '2025-01-02T08:00:00.000Z',
      modifiedAt: '2025-01-02T08:00:00.000Z',
    }),
    special('ZDIVERS', 'Divers', 'C20', true),
    special('ZECART', 'Écart de règlement', 'C00'),
    special('ZPORT', 'Frais de port', 'C20'),
    special('ZREMISE', 'Remise', 'C20'),
    special('ZREMISE10', 'Remise TVA 10 %', 'C10'),
    special('ZREMISE55', 'Remise TVA 5,5 %', 'C55'),
  ];
}

// ---------------------------------------------------------------------------------------------
// Customers.

function address(a: Partial<Address> & Pick<Address, 'label' | 'line1' | 'postcode' | 'city'>): Address {
  return {
    company: null,
    civility: null,
    firstName: null,
    lastName: null,
    line2: null,
    line3: null,
    state: null,
    countryCode: 'FR',
    phone: null,
    mobile: null,
    email: null,
    ...a,
  };
}

function customer(c: Partial<CustomerSeed> & Pick<CustomerSeed, 'code' | 'lastName'>): CustomerSeed {
  return {
    accountingAccount: `411${c.code}`,
    company: null,
    civility: null,
    firstName: null,
    email: null,
    phone: null,
    billingAddress: null,
    deliveryAddress: null,
    contacts: [],
    priceCategoryId: 1,
    familyCode: 'PART',
    representativeCode: null,
    accountingCategoryCode: 'LOCAL',
    paymentModeCode: 'CB',
    dormant: false,
    blocked: false,
    creditLimit: null,
    paymentDelayDays: null,
    risk: null,
    notes: '',
    vatNumber: null,
    isProspect: false,
    customFields: {},
    ...c,
  };
}

const contact = (k: Partial<Contact> & Pick<Contact, 'lastName'>): Contact => ({
  civility: null,
  firstName: null,
  email: null,
  phone: null,
  role: null,
  ...k,
});

function sampleCustomers(): CustomerSeed[] {
  const durand = address({
    label: 'Domicile',
    civility: 'Mme',
    firstName: 'Camille',
    lastName: 'Durand',
    line1: '8 place Bellecour',
    line2: 'Bâtiment B',
    postcode: '69002',
    city: 'Lyon',
    mobile: '0601020304',
    email: 'camille.durand@example.fr',
  });
  const hotel = address({
    label: 'Hôtel',
    company: 'Hôtel des Alpes',
    civility: 'Mme',
    firstName: 'Nathalie',
    lastName: 'Perrin',
    line1: "5 avenue d'Albigny",
    postcode: '74000',
    city: 'Annecy',
    phone: '0450000004',
    email: 'reservation@hotel-des-alpes.example.fr',
  });
  return [
    customer({
      code: 'CL0001',
      civility: 'Mme',
      firstName: 'Sophie',
      lastName: 'Bernard',
      email: 'sophie.bernard@example.fr',
      phone: '0240000001',
      billingAddress: address({
        label: 'Domicile', civility: 'Mme', firstName: 'Sophie', lastName: 'Bernard',
        line1: '14 rue Crébillon', postcode: '44000', city: 'Nantes', phone: '0240000001', email: 'sophie.bernard@example.fr',
      }),
      deliveryAddress: address({
        label: 'Bureau', company: 'Atelier Graphique Nantais', civility: 'Mme', firstName: 'Sophie', lastName: 'Bernard',
        line1: '2 quai de la Fosse', line2: '3e étage', postcode: '44000', city: 'Nantes', phone: '0240000011',
      }),
      customFields: { Newsletter: true, 'Date de naissance': '1979-06-21' },
      createdAt: '2025-02-11T09:00:00.000Z',
      modifiedAt: '2025-11-05T10:20:00.000Z',
    }),
    customer({
      code: 'CL0002',
      civility: 'M.',
      firstName: 'Paul',
      lastName: 'Girard',
      email: 'paul.girard@example.fr',
      phone: '0299000002',
      billingAddress: address({
        label: 'Domicile', civility: 'M.', firstName: 'Paul', lastName: 'Girard',
        line1: '3 rue de la Monnaie', postcode: '35000', city: 'Rennes', email: 'paul.girard@example.fr',
      }),
      dormant: true,
      notes: "Client mis en sommeil : a déménagé à l'étranger.",
      createdAt: '2025-01-15T09:00:00.000Z',
      modifiedAt: '2025-08-30T17:00:00.000Z',
    }),
    customer({
      code: 'CL0003',
      company: 'Le Comptoir Gourmand',
      civility: 'M.',
      firstName: 'Antoine',
      lastName: 'Rousseau',
      email: 'contact@comptoir-gourmand.example.fr',
      phone: '0142000003',
      billingAddress: address({
        label: 'Siège', company: 'Le Comptoir Gourmand', civility: 'M.', firstName: 'Antoine', lastName: 'Rousseau',
        line1: '27 rue Montorgueil', postcode: '75002', city: 'Paris', phone: '0142000003', email: 'contact@comptoir-gourmand.example.fr',
      }),
      deliveryAddress: address({
        label: 'Entrepôt', company: 'Le Comptoir Gourmand', lastName: 'Marchand', firstName: 'Luc', civility: 'M.',
        line1: '12 rue des Entrepreneurs', line2: 'ZI Nord', postcode: '93200', city: 'Saint-Denis', phone: '0142000004',
      }),
      // One contact with an e-mail (exported with the account), one without (skipped by default).
      contacts: [
        contact({ civility: 'Mme', firstName: 'Claire', lastName: 'Fontaine', email: 'claire.fontaine@comptoir-gourmand.example.fr', phone: '0142000005', role: 'Acheteuse' }),
        contact({ civility: 'M.', firstName: 'Luc', lastName: 'Marchand', phone: '0142000004', role: 'Réception des marchandises' }),
      ],
      priceCategoryId: 3,
      familyCode: 'REV',
      representativeCode: 'REP01',
      paymentModeCode: 'VIR',
      creditLimit: '5000.00',
      paymentDelayDays: 30,
      risk: 'A',
      notes: 'Épicerie fine, revendeur depuis 2025.',
      createdAt: '2025-03-03T09:00:00.000Z',
      modifiedAt: '2026-02-16T11:00:00.000Z',
    }),
    customer({
      code: 'CL0004',
      company: 'Hôtel des Alpes',
      vatNumber: 'FR32123456789',
      civility: 'Mme',
      firstName: 'Nathalie',
      lastName: 'Perrin',
      email: 'reservation@hotel-des-alpes.example.fr',
      phone: '0450000004',
      billingAddress: hotel,
      deliveryAddress: { ...hotel, label: 'Livraison', line2: 'Entrée de service' },
      priceCategoryId: 4,
      familyCode: 'PRO',
      representativeCode: 'REP02',
      paymentModeCode: 'CHQ',
      creditLimit: '3000.00',
      paymentDelayDays: 45,
      risk: 'B',
      createdAt: '2025-04-22T09:00:00.000Z',
      modifiedAt: '2025-12-01T09:00:00.000Z',
    }),
    customer({
      code: 'CL0005',
      company: 'Boulangerie Petit',
      civility: 'M.',
      firstName: 'Henri',
      lastName: 'Petit',
      phone: '0556000005',
      billingAddress: address({
        label: 'Boutique', company: 'Boulangerie Petit', civility: 'M.', firstName: 'Henri', lastName: 'Petit',
        line1: '41 cours Victor Hugo', postcode: '33000', city: 'Bordeaux', phone: '0556000005',
      }),
      priceCategoryId: 3,
      familyCode: 'PRO',
      paymentModeCode: 'VIR',
      blocked: true,
      creditLimit: '1500.00',
      paymentDelayDays: 30,
      risk: 'D',
      notes: "Compte bloqué : impayés 2025. Pas d'adresse e-mail.",
      createdAt: '2025-05-12T09:00:00.000Z',
      modifiedAt: '2025-10-20T09:00:00.000Z',
    }),
    customer({
      code: 'CL0006',
      civility: 'Mme',
      firstName: 'Élodie',
      lastName: 'Caron',
      // Mistyped e-mail, as found in real files: not a valid address, so never exported.
      email: 'elodie.caron(at)example.fr',
      phone: '0561000006',
      billingAddress: address({
        label: 'Domicile', civility: 'Mme', firstName: 'Élodie', lastName: 'Caron',
        line1: '9 rue du Taur', postcode: '31000', city: 'Toulouse', phone: '0561000006',
      }),
      createdAt: '2025-06-18T09:00:00.000Z',
      modifiedAt: '2025-06-18T09:00:00.000Z',
    }),
    // CL1 + shop customer id 2 on 8 characters: the account the order import created for
    // the shops' customer 2 (camille.durand@example.fr in the fixtures).
    customer({
      code: 'CL100002',
      civility: 'Mme',
      firstName: 'Camille',
      lastName: 'Durand',
      email: 'camille.durand@example.fr',
      phone: '0601020304',
      billingAddress: durand,
      deliveryAddress: { ...durand, label: 'Livraison', email: null },
      familyCode: 'WEB',
      paymentModeCode: 'VIR',
      notes: "Client créé par l'import des commandes (client boutique n° 2).",
      customFields: { Newsletter: false, 'Date de naissance': '1985-04-12' },
      createdAt: '2026-02-10T15:04:00.000Z',
      modifiedAt: '2026-02-10T15:04:00.000Z',
    }),
    // KerAwen point of sale: the account anonymous till orders of a day are grouped on.
    customer({
      code: 'KERAWEN',
      accountingAccount: '411KERAWEN',
      company: 'Caisse KerAwen',
      lastName: 'Ventes comptoir',
      email: 'caisse.kerawen@example.fr',
      billingAddress: address({
        label: 'Magasin', company: 'Société exemple', lastName: 'Ventes comptoir',
        line1: '12 rue des Lilas', postcode: '69002', city: 'Lyon',
      }),
      priceCategoryId: 2,
      familyCode: 'CAISSE',
      paymentModeCode: 'ESP',
      notes: 'Compte de regroupement des ventes anonymes de la caisse KerAwen (commandes groupées par jour).',
      createdAt: '2025-01-02T08:00:00.000Z',
      modifiedAt: '2025-01-02T08:00:00.000Z',
    }),
  ];
}

// ---------------------------------------------------------------------------------------------

/** The sample company of the manual ("Société exemple"), fresh on each call. */
export function sampleCompany(): CompanySeed {
  return {
    ...sampleReferenceData(),
    articles: sampleArticles(),
    customers: sampleCustomers(),
    promotions: [
      // Past: Black Friday 2025.
      {
        articleCode: 'AR0001', label: 'Black Friday 2025 : -15 % sur le café', priceCategoryId: null,
        startsAt: '2025-11-28T00:00:00.000Z', endsAt: '2025-12-01T22:59:59.000Z', priceHt: null, discountPercent: '15',
      },
      // Current: the yellow pull at 35.00 TTC (29.17 HT), the shops' sale price.
      {
        articleCode: 'AR0016', label: 'Soldes : Pull Jaune', priceCategoryId: null,
        startsAt: '2026-06-24T06:00:00.000Z', endsAt: '2026-12-31T22:59:59.000Z', priceHt: '29.17', discountPercent: null,
      },
      // Current, for one price category only.
      {
        articleCode: 'AR0005', label: 'Offre revendeurs : macarons', priceCategoryId: 3,
        startsAt: '2026-05-01T00:00:00.000Z', endsAt: '2026-09-30T21:59:59.000Z', priceHt: null, discountPercent: '10',
      },
      // Future: winter sales 2027.
      {
        articleCode: 'AR0010', label: "Soldes d'hiver 2027 : Mug Passerelle", priceCategoryId: null,
        startsAt: '2027-01-13T07:00:00.000Z', endsAt: '2027-02-09T22:59:59.000Z', priceHt: null, discountPercent: '20',
      },
    ],
    customerPrices: [
      { customerCode: 'CL0003', articleCode: 'AR0003', priceHt: '3.90', discountPercent: null },
      { customerCode: 'CL0003', articleCode: 'AR0010', priceHt: null, discountPercent: '15' },
      { customerCode: 'CL0004', articleCode: 'AR0008', priceHt: '8.50', discountPercent: null },
    ],
    familyDiscounts: [
      { familyCode: 'FA0002', customerCode: 'CL0004', priceCategoryId: null, discountPercent: '10' },
      { familyCode: 'FA0004', customerCode: 'CL0003', priceCategoryId: null, discountPercent: '7.5' },
      { familyCode: 'FA0005', customerCode: null, priceCategoryId: 4, discountPercent: '5' },
    ],
  };
}
