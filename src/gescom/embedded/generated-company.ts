/**
 * A large, deterministic company for load tests and benchmarks: the sample's reference data
 * (VAT codes, depots, Tarif 1..7, payment modes…) with more families, and N articles and M
 * customers produced lazily. Articles and customers are iterables that build each record on
 * demand from (seed, index), so a 100,000-article company never sits in memory and article
 * i is the same whatever was read before it.
 */
import { dec, fixed } from '../../util/decimal.js';
import type { Family } from '../model.js';
import { COLOURS, ean13, sampleReferenceData, tariffPrices, tinyPng } from './sample-company.js';
import type { ArticleSeed, CompanySeed, CustomerSeed, Dec, SeedFile } from './seed.js';

export interface GenerateCompanyOptions {
  articles: number;
  customers: number;
  /** Same seed, same company. Default 1. */
  seed?: number;
}

/** mulberry32: a tiny, good-enough 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mixes the company seed, a stream tag and an index into one 32-bit seed (so records are independent). */
function mix(seed: number, stream: number, index: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(stream + 1, 0xc2b2ae35) ^ Math.imul(index + 1, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }
}

const STREAM_ARTICLE = 1;
const STREAM_GROUP = 2;
const STREAM_CUSTOMER = 3;

/** Every GROUP_EVERY articles, the last GROUP_SIZE form one variation group (ART-06). */
export const GROUP_EVERY = 20;
export const GROUP_SIZE = 4;
const GROUP_COLOURS = ['Rouge', 'Vert', 'Jaune', 'Bleu'] as const;

const EXTRA_FAMILIES: readonly Family[] = [
  { code: 'FG01', name: 'Thés et infusions', parentCode: 'FA0006' },
  { code: 'FG02', name: 'Vins et spiritueux', parentCode: 'FA0006' },
  { code: 'FG03', name: 'Biscuits', parentCode: 'FA0002' },
  { code: 'FG04', name: 'Confiseries', parentCode: 'FA0002' },
  { code: 'FG05', name: 'Épices et condiments', parentCode: 'FA0001' },
  { code: 'FG06', name: 'Huiles et vinaigres', parentCode: 'FA0001' },
  { code: 'FG07', name: 'Conserves', parentCode: 'FA0001' },
  { code: 'FG08', name: 'T-shirts', parentCode: 'FA0004' },
  { code: 'FG09', name: 'Écharpes et bonnets', parentCode: 'FA0004' },
  { code: 'FG10', name: 'Vaisselle', parentCode: 'FA0005' },
  { code: 'FG11', name: 'Linge de table', parentCode: 'FA0005' },
  { code: 'FG12', name: 'Bougies et senteurs', parentCode: 'FA0007' },
  { code: 'FG13', name: 'Livres de cuisine', parentCode: 'FA0008' },
  { code: 'FG14', name: 'Ustensiles de cuisine', parentCode: null },
];

interface FamilyProfile {
  code: string;
  nouns: readonly string[];
  vat: readonly string[];
  /** HT price range in cents. */
  cents: readonly [number, number];
  category: string;
  supplier: string;
  /** Net weight range in grams. */
  grams: readonly [number, number];
}

// Articles of a family look like that family: names, VAT rate, price and weight ranges.
const FAMILY_PROFILES: readonly FamilyProfile[] = [
  { code: 'FA0001', nouns: ['Tapenade', 'Pesto', 'Terrine', 'Moutarde', 'Miel'], vat: ['C55'], cents: [250, 1800], category: 'CAT01', supplier: 'FO0001', grams: [90, 500] },
  { code: 'FA0002', nouns: ['Caramels', 'Nougat', 'Pâte de fruits', 'Calissons', 'Guimauves'], vat: ['C55'], cents: [300, 2500], category: 'CAT01', supplier: 'FO0001', grams: [100, 400] },
  { code: 'FA0003', nouns: ['Tablette', 'Truffes', 'Orangettes', 'Mendiants', 'Pralinés'], vat: ['C55', 'C20'], cents: [250, 3000], category: 'CAT02', supplier: 'FO0001', grams: [80, 500] },
  { code: 'FA0006', nouns: ['Café', 'Jus', 'Limonade', 'Sirop', 'Chocolat chaud'], vat: ['C55'], cents: [200, 2500], category: 'CAT01', supplier: 'FO0004', grams: [250, 1500] },
  { code: 'FG01', nouns: ['Thé vert', 'Thé noir', 'Rooibos', 'Infusion', 'Tisane'], vat: ['C55'], cents: [400, 2200], category: 'CAT01', supplier: 'FO0004', grams: [50, 250] },
  { code: 'FG02', nouns: ['Vin rouge', 'Vin blanc', 'Crémant', 'Liqueur', 'Cidre'], vat: ['C20'], cents: [500, 6000], category: 'CAT01', supplier: 'FO0006', grams: [750, 1500] },
  { code: 'FG03', nouns: ['Sablés', 'Galettes', 'Palets', 'Tuiles', 'Madeleines'], vat: ['C55'], cents: [200, 900], category: 'CAT01', supplier: 'FO0001', grams: [100, 400] },
  { code: 'FG04', nouns: ['Bonbons', 'Sucettes', 'Dragées', 'Berlingots', 'Réglisse'], vat: ['C20'], cents: [150, 1500], category: 'CAT01', supplier: 'FO0001', grams: [50, 300] },
  { code: 'FG05', nouns: ['Poivre', 'Curry', 'Safran', 'Piment', 'Sel aux herbes'], vat: ['C55'], cents: [300, 3500], category: 'CAT01', supplier: 'FO0004', grams: [20, 200] },
  { code: 'FG06', nouns: ["Huile d'olive", 'Huile de noix', 'Vinaigre balsamique', 'Vinaigre de cidre'], vat: ['C55'], cents: [400, 3000], category: 'CAT01', supplier: 'FO0006', grams: [250, 1000] },
  { code: 'FG07', nouns: ['Rillettes', 'Cassoulet', 'Sardines', 'Soupe', 'Ratatouille'], vat: ['C55'], cents: [250, 1500], category: 'CAT01', supplier: 'FO0001', grams: [115, 850] },
  { code: 'FA0004', nouns: ['Pull', 'Gilet', 'Sweat', 'Chemise', 'Polo'], vat: ['C20'], cents: [1500, 9000], category: 'CAT03', supplier: 'FO0002', grams: [200, 700] },
  { code: 'FG08', nouns: ['T-shirt', 'Débardeur', 'Tunique'], vat: ['C20'], cents: [800, 3500], category: 'CAT03', supplier: 'FO0002', grams: [120, 250] },
  { code: 'FG09', nouns: ['Écharpe', 'Bonnet', 'Snood', 'Gants'], vat: ['C20'], cents: [900, 5000], category: 'CAT03', supplier: 'FO0002', grams: [60, 300] },
  { code: 'FA0005', nouns: ['Mug', 'Bol', 'Théière', 'Carafe', 'Saladier'], vat: ['C20'], cents: [500, 6000], category: 'CAT04', supplier: 'FO0003', grams: [200, 1500] },
  { code: 'FG10', nouns: ['Assiette', 'Plat', 'Tasse', 'Coupelle', 'Ramequin'], vat: ['C20'], cents: [300, 4000], category: 'CAT04', supplier: 'FO0003', grams: [100, 1200] },
  { code: 'FG11', nouns: ['Nappe', 'Serviette', 'Torchon', 'Chemin de table', 'Tablier'], vat: ['C20'], cents: [600, 7000], category: 'CAT04', supplier: 'FO0002', grams: [80, 900] },
  { code: 'FA0007', nouns: ['Bouquet', 'Orchidée', 'Plante verte', 'Couronne'], vat: ['C10'], cents: [1200, 6000], category: 'CAT04', supplier: 'FO0008', grams: [300, 3000] },
  { code: 'FG12', nouns: ['Bougie parfumée', 'Diffuseur', 'Savon', 'Photophore'], vat: ['C20'], cents: [500, 4500], category: 'CAT04', supplier: 'FO0003', grams: [80, 600] },
  { code: 'FA0008', nouns: ['Magazine', 'Revue', 'Hors-série'], vat: ['C21'], cents: [300, 1200], category: 'CAT05', supplier: 'FO0005', grams: [150, 400] },
  { code: 'FG13', nouns: ['Livre de recettes', 'Carnet de cuisine', 'Guide des vins'], vat: ['C55'], cents: [900, 4500], category: 'CAT05', supplier: 'FO0005', grams: [300, 1500] },
  { code: 'FG14', nouns: ['Fouet', 'Spatule', 'Moule', 'Bouilloire', 'Balance de cuisine'], vat: ['C20'], cents: [400, 9000], category: 'CAT04', supplier: 'FO0007', grams: [50, 2000] },
];

// Variation groups are clothes, like the sample's pulls.
const CLOTHING_PROFILES = FAMILY_PROFILES.filter((p) => p.category === 'CAT03');

const ADJECTIVES = ['artisanal', 'classique', 'de saison', 'gourmand', 'tradition', 'prestige', 'nature', 'du terroir', 'édition limitée', 'signature'];
const BRANDS = ['Maison Passerelle', 'Les Délices de Lyon', 'Chocolaterie du Rhône', 'Laines des Vosges', 'Cuisinor', 'Terres de France', null];
const MATERIALS = ['Coton', 'Laine', 'Lin', 'Porcelaine', 'Grès', 'Verre', 'Inox', 'Bois'];
const RATES: Record<string, string> = { C21: '2.1', C55: '5.5', C10: '10', C20: '20', C00: '0' };

const WINDOW_START = Date.UTC(2025, 0, 1);
const DAY = 86_400_000;

function isoAt(ms: number): string {
  return new Date(ms).toISOString();
}

/** Rounds an ISO instant to the minute, so dates look typed rather than computed. */
function minute(ms: number): number {
  return Math.floor(ms / 60_000) * 60_000;
}

export function articleCode(index: number): string {
  return `A${String(index + 1).padStart(6, '0')}`;
}

export function customerCode(index: number): string {
  return `C${String(index + 1).padStart(6, '0')}`;
}

/** Barcodes in the in-store range 200-299 ("restricted circulation"): never a real product's. */
function barcodeOf(index: number): string {
  return ean13(`200${String(index + 1).padStart(9, '0')}`);
}

/** Integer cents -> "12.34": plain string work, no floating point on money. */
const cents = (n: number): Dec => `${Math.floor(n / 100)}.${String(n % 100).padStart(2, '0')}`;
/** Integer grams -> kilograms as a plain decimal ("0.35", "1.2", "2"). */
const grams = (n: number): Dec => dec(n).div(1000).toFixed();
const RATE_FACTORS = new Map(Object.entries(RATES).map(([code, rate]) => [code, dec(100).plus(rate).div(100)]));

// Shared images: one Buffer per colour, built once.
let colourImages: Record<string, Buffer> | null = null;
function imageFor(colour: string): Buffer {
  colourImages ??= Object.fromEntries(Object.entries(COLOURS).map(([name, rgb]) => [name, tinyPng(rgb)]));
  const found = colourImages[colour];
  if (!found) throw new Error(`no image for ${colour}`);
  return found;
}
let neutralImage: Buffer | null = null;

interface Group {
  master: string;
  colour: (typeof GROUP_COLOURS)[number];
}

/** Whether article `index` belongs to a complete variation group (incomplete trailing groups are plain articles). */
export function groupOf(index: number, total: number): Group | null {
  const block = Math.floor(index / GROUP_EVERY);
  const position = index % GROUP_EVERY;
  const first = GROUP_EVERY - GROUP_SIZE;
  if (position < first || block * GROUP_EVERY + GROUP_EVERY - 1 >= total) return null;
  const colour = GROUP_COLOURS[position - first];
  if (!colour) return null;
  return { master: `M${String(block + 1).padStart(6, '0')}`, colour };
}

function generatedArticle(index: number, total: number, seed: number): ArticleSeed {
  const rng = new Rng(mix(seed, STREAM_ARTICLE, index));
  const group = groupOf(index, total);
  // Members of a group share what the group shares (family, name, VAT, base price) through a group-level generator.
  const shared = group ? new Rng(mix(seed, STREAM_GROUP, Math.floor(index / GROUP_EVERY))) : rng;
  const profile = shared.pick(group ? CLOTHING_PROFILES : FAMILY_PROFILES);
  const noun = shared.pick(profile.nouns);
  const adjective = shared.pick(ADJECTIVES);
  const vatCode = shared.pick(profile.vat);
  const factor = RATE_FACTORS.get(vatCode);
  if (!factor) throw new Error(`no rate for ${vatCode}`);
  let htCents = shared.int(profile.cents[0], profile.cents[1]);
  // Blue costs a little more: groups carry a price impact, as the sample's PULL does.
  if (group?.colour === 'Bleu') htCents += 417;
  const ht = cents(htCents);
  const ttc = fixed(dec(ht).times(factor));
  const code = articleCode(index);
  const name = group ? `${noun} ${adjective} ${group.colour}` : `${noun} ${adjective}`;

  const dormant = !group && rng.chance(0.02);
  const publishable = group !== null || rng.chance(0.97);
  const stockTracked = group !== null || rng.chance(0.95);
  const net = rng.int(profile.grams[0], profile.grams[1]);

  const customFields: ArticleSeed['customFields'] = {};
  if (group) {
    customFields['Référence maître'] = group.master;
    customFields['Gamme 1'] = 'Couleur';
    customFields['Valeur Gamme 1'] = group.colour;
    customFields.Couleur = group.colour;
  }
  if (profile.category === 'CAT03' || profile.category === 'CAT04') customFields['Matière'] = shared.pick(MATERIALS);
  if (rng.chance(0.3)) {
    customFields.Largeur = String(rng.int(5, 60));
    customFields.Hauteur = String(rng.int(2, 40));
    customFields.Profondeur = String(rng.int(2, 40));
  }
  if (profile.category === 'CAT01' && rng.chance(0.4)) customFields.Bio = rng.chance(0.5);

  const stock: ArticleSeed['stock'] = [];
  if (stockTracked) {
    const real = rng.int(0, 200);
    const reserved = rng.chance(0.3) ? rng.int(0, Math.min(real, 12)) : 0;
    const ordered = rng.chance(0.25) ? rng.int(6, 120) : 0;
    stock.push({ depotCode: '0001', real: String(real), reserved: String(reserved), ordered: String(ordered) });
    if (rng.chance(0.3)) stock.push({ depotCode: '0002', real: String(rng.int(0, 60)), reserved: '0', ordered: '0' });
  }

  const images: SeedFile[] = [];
  if (group) images.push({ fileName: `${code}.png`, mimeType: 'image/png', data: imageFor(group.colour) });
  else if (index % 10 === 0) images.push({ fileName: `${code}.png`, mimeType: 'image/png', data: (neutralImage ??= tinyPng([128, 128, 128])) });

  const created = minute(WINDOW_START + Math.floor(rng.float() * 365 * DAY));
  const modified = minute(created + Math.floor(rng.float() * 180 * DAY));

  return {
    code,
    name,
    description: rng.chance(0.5) ? `<p>${name}, sélection de la Société exemple.</p>` : `${name}, sélection de la Société exemple.`,
    descriptionRtf: null,
    notes: rng.chance(0.3) ? 'Produit de fabrication française' : '',
    familyCode: profile.code,
    categoryCode: profile.category,
    brand: shared.pick(BRANDS),
    supplierCode: profile.supplier,
    supplierRef: `${profile.supplier}-${code}`,
    barcode: barcodeOf(index),
    warrantyMonths: profile.category === 'CAT04' && rng.chance(0.2) ? rng.pick([12, 24]) : null,
    unit: 'pièce',
    ecotax: profile.code === 'FG14' && rng.chance(0.5) ? cents(rng.int(5, 80)) : '0',
    weightNet: grams(net),
    weightGross: grams(net + rng.int(5, 150)),
    isDivers: false,
    doNotUse: dormant,
    publishable,
    // A dormant article points to the previous one, which always exists.
    substituteCode: dormant && index > 0 ? articleCode(index - 1) : null,
    stockTracked,
    vatCode,
    purchasePrice: cents(Math.round(htCents * (0.35 + rng.float() * 0.25))),
    salePriceHt: ht,
    salePriceTtc: ttc,
    priceBase: shared.chance(0.5) ? 'TTC' : 'HT',
    minQuantity: '1',
    location: null,
    availableFrom: null,
    linkedCodes: [],
    createdAt: isoAt(created),
    modifiedAt: isoAt(modified),
    customFields,
    images,
    documents: [],
    packagings: profile.code === 'FG10' && rng.chance(0.2)
      ? [{ code: 'CART6', label: 'Carton de 6', quantity: '6', barcode: null, priceHt: fixed(dec(ht).times(6).times('0.9')) }]
      : [],
    // A few kits made of the two previous articles (always present).
    components: !group && index >= 2 && rng.chance(0.01)
      ? [{ componentCode: articleCode(index - 1), quantity: '1' }, { componentCode: articleCode(index - 2), quantity: '2' }]
      : [],
    prices: tariffPrices(ht, ttc),
    stock,
  };
}

const FIRST_NAMES = ['Camille', 'Léa', 'Manon', 'Chloé', 'Emma', 'Inès', 'Sarah', 'Julie', 'Lucas', 'Hugo', 'Louis', 'Gabriel', 'Arthur', 'Jules', 'Thomas', 'Nicolas', 'Élodie', 'Mathéo', 'Zoé', 'Noémie'];
const LAST_NAMES = ['Martin', 'Bernard', 'Thomas', 'Petit', 'Robert', 'Richard', 'Durand', 'Dubois', 'Moreau', 'Laurent', 'Simon', 'Michel', 'Lefèvre', 'Leroy', 'Roux', 'David', 'Bertrand', 'Morel', 'Fournier', 'Girard', 'Bonnet', 'Dupont', 'Lambert', 'Fontaine', 'Rousseau'];
const COMPANY_KINDS = ['Épicerie', 'Boutique', 'Restaurant', 'Hôtel', 'Traiteur', 'Salon de thé', 'Cave'];
const STREETS = ['rue de la République', 'avenue Jean Jaurès', 'rue Victor Hugo', 'boulevard Gambetta', 'place de la Mairie', 'rue Pasteur', 'chemin des Vignes', 'rue du Moulin'];
const CITIES: readonly (readonly [string, string])[] = [
  ['75011', 'Paris'], ['69003', 'Lyon'], ['13006', 'Marseille'], ['31000', 'Toulouse'], ['06000', 'Nice'], ['44000', 'Nantes'],
  ['67000', 'Strasbourg'], ['34000', 'Montpellier'], ['33000', 'Bordeaux'], ['59000', 'Lille'], ['35000', 'Rennes'], ['51100', 'Reims'],
  ['74000', 'Annecy'], ['21000', 'Dijon'], ['37000', 'Tours'],
];

const ascii = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-');

function generatedCustomer(index: number, seed: number): CustomerSeed {
  const rng = new Rng(mix(seed, STREAM_CUSTOMER, index));
  const code = customerCode(index);
  const female = rng.chance(0.5);
  const firstName = rng.pick(FIRST_NAMES);
  const lastName = rng.pick(LAST_NAMES);
  const isCompany = rng.chance(0.3);
  const [postcode, city] = rng.pick(CITIES);
  const company = isCompany ? `${rng.pick(COMPANY_KINDS)} ${lastName}` : null;
  // Index in the address keeps every e-mail unique.
  const emailRoll = rng.float();
  const email = emailRoll < 0.02 ? null : emailRoll < 0.03 ? `${ascii(firstName)}.${ascii(lastName)}.example.fr` : `${ascii(firstName)}.${ascii(lastName)}.${index + 1}@example.fr`;
  const phone = `0${rng.int(1, 5)}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`;
  const civility = female ? 'Mme' : 'M.';
  const billing = {
    label: isCompany ? 'Siège' : 'Domicile',
    company,
    civility,
    firstName,
    lastName,
    line1: `${rng.int(1, 150)} ${rng.pick(STREETS)}`,
    line2: null,
    line3: null,
    postcode,
    city,
    state: null,
    countryCode: 'FR',
    phone,
    mobile: null,
    email,
  };
  const created = minute(WINDOW_START + Math.floor(rng.float() * 365 * DAY));
  const modified = minute(created + Math.floor(rng.float() * 180 * DAY));
  return {
    code,
    accountingAccount: `411${code}`,
    company,
    civility,
    firstName,
    lastName,
    email,
    phone,
    billingAddress: billing,
    deliveryAddress: rng.chance(0.2) ? { ...billing, label: 'Livraison', line1: `${rng.int(1, 150)} ${rng.pick(STREETS)}` } : null,
    contacts: isCompany && rng.chance(0.5)
      ? [{ civility: 'Mme', firstName: rng.pick(FIRST_NAMES), lastName: rng.pick(LAST_NAMES), email: rng.chance(0.7) ? `contact.${index + 1}@example.fr` : null, phone: null, role: 'Comptabilité' }]
      : [],
    priceCategoryId: isCompany ? rng.int(3, 7) : rng.chance(0.9) ? 1 : 2,
    familyCode: isCompany ? rng.pick(['PRO', 'REV']) : rng.pick(['PART', 'WEB']),
    representativeCode: isCompany ? rng.pick(['REP01', 'REP02', null]) : null,
    accountingCategoryCode: 'LOCAL',
    paymentModeCode: rng.pick(['CB', 'CHQ', 'VIR', 'PAYPAL']),
    dormant: rng.chance(0.03),
    blocked: rng.chance(0.01),
    creditLimit: isCompany ? fixed(rng.int(5, 100) * 100) : null,
    paymentDelayDays: isCompany ? rng.pick([0, 30, 45, 60]) : null,
    risk: isCompany ? rng.pick(['A', 'B', 'C']) : null,
    notes: '',
    vatNumber: isCompany ? `FR${String(rng.int(10, 99))}${String(rng.int(100000000, 999999999))}` : null,
    isProspect: false,
    createdAt: isoAt(created),
    modifiedAt: isoAt(modified),
    customFields: rng.chance(0.5) ? { Newsletter: rng.chance(0.4) } : {},
  };
}

function assertCount(name: string, n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${name} must be a non-negative integer, got ${n}`);
}

/** A lazy, re-iterable sequence: each iteration starts again and builds records one at a time. */
function lazy<T>(count: number, make: (index: number) => T): Iterable<T> {
  return {
    *[Symbol.iterator]() {
      for (let i = 0; i < count; i++) yield make(i);
    },
  };
}

/** Indices 0, step, 2·step… below `count`, at most `max` of them. */
function every(count: number, step: number, max: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < count && out.length < max; i += step) out.push(i);
  return out;
}

export function generateCompany(opts: GenerateCompanyOptions): CompanySeed {
  assertCount('articles', opts.articles);
  assertCount('customers', opts.customers);
  const seed = (opts.seed ?? 1) >>> 0;
  const n = opts.articles;
  const m = opts.customers;
  const ref = sampleReferenceData();
  const promoDates = [
    ['2025-11-28T00:00:00.000Z', '2025-12-01T22:59:59.000Z'], // past
    ['2026-06-24T06:00:00.000Z', '2026-12-31T22:59:59.000Z'], // current at 2026-07-07
    ['2027-01-13T07:00:00.000Z', '2027-02-09T22:59:59.000Z'], // future
  ] as const;

  return {
    ...ref,
    families: [...ref.families, ...EXTRA_FAMILIES.map((f) => ({ ...f }))],
    articles: lazy(n, (i) => generatedArticle(i, n, seed)),
    customers: lazy(m, (i) => generatedCustomer(i, seed)),
    // Side tables stay small and only name records that exist (index < n, < m).
    promotions: every(n, 97, 300).map((i, k) => {
      const [startsAt, endsAt] = promoDates[k % 3]!;
      return {
        articleCode: articleCode(i),
        label: `Promotion ${k + 1}`,
        priceCategoryId: k % 4 === 3 ? 2 : null,
        startsAt,
        endsAt,
        priceHt: null,
        discountPercent: String(5 + (k % 6) * 5), // whole percents: 5..30
      };
    }),
    customerPrices: every(m, 101, 200)
      .filter(() => n > 0)
      .map((j, k) => ({
        customerCode: customerCode(j),
        articleCode: articleCode((j * 7919 + k) % n),
        priceHt: null,
        discountPercent: ['5', '7.5', '10', '12.5'][k % 4]!,
      })),
    familyDiscounts: [
      { familyCode: 'FA0002', customerCode: null, priceCategoryId: 4, discountPercent: '5' },
      { familyCode: 'FG10', customerCode: null, priceCategoryId: 3, discountPercent: '7.5' },
      ...every(m, 211, 50).map((j, k) => ({
        familyCode: EXTRA_FAMILIES[k % EXTRA_FAMILIES.length]!.code,
        customerCode: customerCode(j),
        priceCategoryId: null,
        discountPercent: '10',
      })),
    ],
  };
}
