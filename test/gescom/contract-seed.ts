/**
 * A small company with known values, loaded into each GesCom adapter under test so
 * that the contract suite can assert exact outcomes.
 */
import type { CompanySeed, ArticleSeed, CustomerSeed } from '../../src/gescom/embedded/seed.js';
import type { Address } from '../../src/gescom/model.js';

const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function article(code: string, over: Partial<ArticleSeed> = {}): ArticleSeed {
  return {
    code, name: `Article ${code}`, description: '', descriptionRtf: null, notes: '', familyCode: 'F1', categoryCode: null, brand: null,
    supplierCode: null, supplierRef: null, barcode: null, warrantyMonths: null, unit: 'U', ecotax: '0', weightNet: '0.5', weightGross: '0.6',
    isDivers: false, doNotUse: false, publishable: true, substituteCode: null, stockTracked: true, vatCode: 'T20', purchasePrice: '5',
    salePriceHt: '10.00', salePriceTtc: '12.00', priceBase: 'HT', minQuantity: '1', location: null, availableFrom: null, linkedCodes: [], customFields: {}, images: [], documents: [],
    packagings: [], components: [], prices: [{ priceCategoryId: 1, price: '10.00', discountPercent: '0' }],
    stock: [{ depotCode: 'D1', real: '10', reserved: '2', ordered: '5' }],
    createdAt: '2026-01-01T00:00:00.000Z', modifiedAt: '2026-01-01T00:00:00.000Z', ...over,
  };
}

export const ADDRESS: Address = {
  label: 'Principale', company: null, civility: 'M.', firstName: 'Jean', lastName: 'Dupont', line1: '1 rue de la Paix', line2: null, line3: null,
  postcode: '75002', city: 'Paris', state: null, countryCode: 'FR', phone: '0102030405', mobile: null, email: 'jean@example.fr',
};

function customer(code: string, over: Partial<CustomerSeed> = {}): CustomerSeed {
  return {
    code, accountingAccount: `411${code}`, company: null, civility: 'M.', firstName: 'Jean', lastName: `Client ${code}`, email: `${code.toLowerCase()}@example.fr`,
    phone: null, billingAddress: ADDRESS, deliveryAddress: ADDRESS, contacts: [], priceCategoryId: 1, familyCode: null, representativeCode: null,
    accountingCategoryCode: 'FR', paymentModeCode: 'CB', dormant: false, blocked: false, creditLimit: '1000', paymentDelayDays: 30, risk: 'A', notes: '',
    vatNumber: null, isProspect: false, customFields: {}, createdAt: '2026-01-01T00:00:00.000Z', modifiedAt: '2026-01-01T00:00:00.000Z', ...over,
  };
}

export function contractSeed(): CompanySeed {
  return {
    company: { name: 'Contract SA', currencyCode: 'EUR', priceDecimals: 2 },
    numbering: [
      { type: 'quote', prefix: 'DE', next: 1, width: 5 },
      { type: 'order', prefix: 'BC', next: 1, width: 5 },
      { type: 'deliveryPrep', prefix: 'PL', next: 1, width: 5 },
      { type: 'deliveryNote', prefix: 'BL', next: 1, width: 5 },
      { type: 'invoice', prefix: 'FA', next: 164, width: 5 },
    ],
    vatCodes: [
      { code: 'T20', label: 'TVA 20 %', rate: '20', exempt: false },
      { code: 'T55', label: 'TVA 5,5 %', rate: '5.5', exempt: false },
      { code: 'EXO', label: 'Exonéré', rate: '0', exempt: true },
    ],
    families: [{ code: 'F1', name: 'Famille 1', parentCode: null }, { code: 'F2', name: 'Sous-famille', parentCode: 'F1' }],
    articleCategories: [{ code: 'C1', name: 'Catégorie 1', parentCode: null }],
    suppliers: [{ code: 'S1', name: 'Fournisseur', email: null }],
    depots: [{ code: 'D1', name: 'Principal', isDefault: true }, { code: 'D2', name: 'Secondaire', isDefault: false }],
    priceCategories: [{ id: 1, name: 'Tarif 1', priceBase: 'HT' }, { id: 2, name: 'Tarif 2', priceBase: 'TTC' }],
    accountingCategories: [{ code: 'FR', label: 'France', withTax: true }, { code: 'EXP', label: 'Export', withTax: false }],
    bankJournals: [{ code: 'BQ1', label: 'Banque' }],
    paymentModes: [{ code: 'CB', label: 'Carte bancaire', journalCode: 'BQ1' }, { code: 'CHQ', label: 'Chèque', journalCode: null }],
    currencies: [{ code: 'EUR', label: 'Euro', symbol: '€' }],
    representatives: [{ code: 'R1', name: 'Représentant', email: null }],
    customerFamilies: [{ code: 'CF1', name: 'Particuliers' }],
    customFields: [
      { entity: 'article', name: 'Couleur', type: 'text' },
      { entity: 'article', name: 'Largeur', type: 'number' },
      { entity: 'article', name: 'Bio', type: 'boolean' },
      { entity: 'customer', name: 'Origine', type: 'text' },
    ],
    articles: [
      article('A1', { location: 'A-01', availableFrom: '2026-09-01T00:00:00.000Z', linkedCodes: ['A2', 'A4'], customFields: { Couleur: 'Rouge', Largeur: '12.5', Bio: true }, images: [{ fileName: 'A1.png', mimeType: 'image/png', data: PNG_1X1 }],
        stock: [{ depotCode: 'D1', real: '10', reserved: '2', ordered: '5' }, { depotCode: 'D2', real: '4', reserved: '0', ordered: '1' }],
        prices: [{ priceCategoryId: 1, price: '10.00', discountPercent: '0' }, { priceCategoryId: 2, price: '11.40', discountPercent: '5' }] }),
      article('A2', { vatCode: 'T55', salePriceHt: '3.00', salePriceTtc: '3.17', publishable: false, familyCode: 'F2' }),
      article('A3', { doNotUse: true, modifiedAt: '2026-03-01T00:00:00.000Z' }),
      article('A4', { stockTracked: false, stock: [], modifiedAt: '2026-04-01T00:00:00.000Z', substituteCode: 'A1',
        packagings: [{ code: 'P6', label: 'Carton de 6', quantity: '6', barcode: null, priceHt: '55.00' }], components: [{ componentCode: 'A1', quantity: '2' }] }),
      article('ZPORT', { name: 'Frais de port', publishable: false, stockTracked: false, stock: [] }),
    ],
    customers: [
      customer('C1', { vatNumber: 'FR32123456789', customFields: { Origine: 'Salon' }, contacts: [{ civility: 'Mme', firstName: 'Anne', lastName: 'Martin', email: 'anne@example.fr', phone: null, role: 'Achats' }] }),
      customer('C2', { email: 'Second@Example.fr', modifiedAt: '2026-05-01T00:00:00.000Z' }),
      customer('C3', { dormant: true }),
    ],
    promotions: [
      { articleCode: 'A1', label: 'Soldes', priceCategoryId: null, startsAt: '2026-06-01T00:00:00.000Z', endsAt: '2026-06-30T23:59:59.000Z', priceHt: '8.00', discountPercent: null },
    ],
    customerPrices: [{ customerCode: 'C1', articleCode: 'A1', priceHt: '9.00', discountPercent: null }],
    familyDiscounts: [{ familyCode: 'F1', customerCode: null, priceCategoryId: 2, discountPercent: '3' }],
  };
}
