/**
 * The GesCom port contract: every GesCom adapter must pass this suite, given a way
 * to load the contract company into it.
 */
import { describe, expect, it, beforeEach, afterEach } from 'vitest';
import { DuplicateShopOrderError, GesComError } from '../../src/errors.js';
import type { CompanySeed } from '../../src/gescom/embedded/seed.js';
import type { SalesDocumentInput } from '../../src/gescom/model.js';
import type { GesComPort } from '../../src/gescom/port.js';
import { ADDRESS, contractSeed } from './contract-seed.js';

export type GesComFactory = (seed: CompanySeed, now: () => Date) => Promise<GesComPort>;

async function all<T>(pages: AsyncIterable<T[]>): Promise<T[]> {
  const out: T[] = [];
  for await (const p of pages) out.push(...p);
  return out;
}

function invoiceInput(over: Partial<SalesDocumentInput> = {}): SalesDocumentInput {
  return {
    type: 'invoice', date: '2026-07-07T10:00:00.000Z', customerCode: 'C1', billingAddress: ADDRESS, deliveryAddress: ADDRESS,
    reference: 'Web 530 - Jean Dupont', remark: '', customerReference: '530', depotCode: 'D1', accountingCategoryCode: 'FR',
    currencyCode: 'EUR', shopOrderId: '530', priceMode: 'HT', notes: 'Merci',
    lines: [
      { articleCode: 'A1', designation: 'Article A1', quantity: '3', unitPrice: '10.00', discountPercent: '10', vatCode: 'T20' },
      { articleCode: 'A2', designation: 'Article A2', quantity: '1', unitPrice: '3.00', discountPercent: '0', vatCode: 'T55' },
    ],
    footer: { shippingAmount: '5.00', shippingVatCode: 'T20', discountPercent: '0', discountAmount: '0' },
    payments: [{ modeCode: 'CB', journalCode: null, amount: '42.17', date: '2026-07-07T10:00:00.000Z', label: 'Jean Dupont - 530', reference: 'pi_123', notes: null, currencyCode: 'EUR' }],
    ...over,
  };
}

export function gescomContract(name: string, factory: GesComFactory): void {
  describe(`GesCom port contract: ${name}`, () => {
    let g: GesComPort;
    let clock: Date;
    beforeEach(async () => {
      clock = new Date('2026-07-01T08:00:00.000Z');
      g = await factory(contractSeed(), () => clock);
    });
    afterEach(() => g.close());

    it('connects and tells the company', async () => {
      expect(await g.testConnection()).toEqual({ ok: true, company: { name: 'Contract SA', currencyCode: 'EUR', priceDecimals: 2 } });
    });

    it('reads reference data', async () => {
      expect((await g.vatCodes()).map((v) => [v.code, v.rate, v.exempt])).toEqual([['EXO', '0', true], ['T20', '20', false], ['T55', '5.5', false]]);
      expect((await g.families()).find((f) => f.code === 'F2')?.parentCode).toBe('F1');
      expect((await g.depots()).map((d) => [d.code, d.isDefault])).toEqual([['D1', true], ['D2', false]]);
      expect((await g.priceCategories()).map((p) => [p.id, p.name, p.priceBase])).toEqual([[1, 'Tarif 1', 'HT'], [2, 'Tarif 2', 'TTC']]);
      expect((await g.paymentModes()).map((p) => [p.code, p.journalCode])).toEqual([['CB', 'BQ1'], ['CHQ', null]]);
      expect((await g.accountingCategories()).map((a) => [a.code, a.withTax])).toEqual([['EXP', false], ['FR', true]]);
      expect((await g.customFieldDefs('article')).map((d) => `${d.name}:${d.type}`)).toEqual(['Bio:boolean', 'Couleur:text', 'Largeur:number']);
    });

    it('reads articles in pages, ordered by code, with their custom fields, files, packagings and components', async () => {
      const pages: string[][] = [];
      for await (const page of g.articles({}, 2)) pages.push(page.map((a) => a.code));
      expect(pages).toEqual([['A1', 'A2'], ['A3', 'A4'], ['ZPORT']]);
      const a1 = await g.article('A1');
      expect(a1?.customFields).toEqual({ Couleur: 'Rouge', Largeur: '12.5', Bio: true });
      expect([a1?.location, a1?.availableFrom, a1?.linkedCodes]).toEqual(['A-01', '2026-09-01T00:00:00.000Z', ['A2', 'A4']]);
      expect(a1?.images).toEqual([{ position: 1, fileName: 'A1.png', mimeType: 'image/png', path: null, size: 70 }]);
      expect((await g.articleImageData('A1', 1))?.subarray(1, 4).toString()).toBe('PNG');
      const a4 = await g.article('A4');
      expect(a4?.packagings).toEqual([{ code: 'P6', label: 'Carton de 6', quantity: '6', barcode: null, priceHt: '55.00' }]);
      expect(a4?.components).toEqual([{ componentCode: 'A1', quantity: '2' }]);
      expect(a4?.substituteCode).toBe('A1');
      expect(await g.article('NOPE')).toBeNull();
    });

    it('filters articles: publishable, dormant, changed since, codes', async () => {
      const codes = async (f: Parameters<GesComPort['articles']>[0]) => (await all(g.articles(f))).map((a) => a.code);
      expect(await codes({ publishableOnly: true })).toEqual(['A1', 'A3', 'A4']);
      expect(await codes({ excludeDoNotUse: true, publishableOnly: true })).toEqual(['A1', 'A4']);
      expect(await codes({ changedSince: '2026-02-15T00:00:00.000Z' })).toEqual(['A3', 'A4']);
      expect(await codes({ codes: ['A2', 'ZPORT'] })).toEqual(['A2', 'ZPORT']);
      expect(await g.countArticles({ publishableOnly: true })).toBe(3);
    });

    it('updates an article and touches its modified date', async () => {
      clock = new Date('2026-07-02T09:30:00.000Z');
      const a = await g.updateArticle('A1', { name: 'Nouveau nom', publishable: false, salePriceHt: '11.00' });
      expect([a.name, a.publishable, a.salePriceHt, a.modifiedAt]).toEqual(['Nouveau nom', false, '11.00', '2026-07-02T09:30:00.000Z']);
      expect((await all(g.articles({ changedSince: '2026-07-02T00:00:00.000Z' }))).map((x) => x.code)).toEqual(['A1']);
      await expect(g.updateArticle('A1', { salePriceHt: 'abc' })).rejects.toThrow(/salePriceHt/);
      await expect(g.updateArticle('NOPE', { name: 'x' })).rejects.toBeInstanceOf(GesComError);
      await g.setArticleCustomField('A2', 'Couleur', 'Vert');
      expect((await g.article('A2'))?.customFields.Couleur).toBe('Vert');
      await expect(g.setArticleCustomField('A2', 'Inconnu', 'x')).rejects.toThrow(/Inconnu/);
    });

    it('computes the five stock kinds over one or several depots', async () => {
      // D1: real 10, reserved 2, ordered 5; D2: real 4, reserved 0, ordered 1.
      const s = (kind: Parameters<GesComPort['stock']>[1]['kind'], depotCodes?: string[]) => g.stock('A1', { kind, depotCodes });
      expect(await s('real', ['D1'])).toBe('10');
      expect(await s('available', ['D1'])).toBe('8');
      expect(await s('forecast', ['D1'])).toBe('13');
      expect(await s('realPlusCustomerOrders', ['D1'])).toBe('12');
      expect(await s('forecastMinusSupplierOrders', ['D1'])).toBe('8');
      expect(await s('real')).toBe('14');
      expect(await s('forecast', ['D1', 'D2'])).toBe('18');
      expect(await g.stock('A4', { kind: 'real' })).toBeNull();
    });

    it('changes stock, records the movement and reports what changed since a date', async () => {
      clock = new Date('2026-07-03T00:00:00.000Z');
      const level = await g.setStock('A2', 'D2', { real: '7' });
      expect(level).toEqual({ articleCode: 'A2', depotCode: 'D2', real: '7', reserved: '0', ordered: '0' });
      expect(await g.articlesWithStockChangedSince('2026-07-02T00:00:00.000Z')).toEqual(['A2']);
      expect((await g.stockMovements('A2')).map((m) => [m.depotCode, m.quantity])).toEqual([['D2', '7']]);
      await expect(g.setStock('A2', 'NOPE', { real: '1' })).rejects.toThrow(/NOPE/);
    });

    it('reads and sets prices per price category; promotions, exception prices, family discounts', async () => {
      expect((await g.prices('A1')).map((p) => [p.priceCategoryId, p.price, p.discountPercent])).toEqual([[1, '10.00', '0'], [2, '11.40', '5']]);
      clock = new Date('2026-07-04T00:00:00.000Z');
      await g.setPrice('A2', 2, '3.50');
      expect((await g.price('A2', 2))?.price).toBe('3.50');
      expect(await g.articlesWithPriceChangedSince('2026-07-04T00:00:00.000Z')).toEqual(['A2']);
      await expect(g.setPrice('A2', 9, '1')).rejects.toThrow(/9/);
      expect((await g.promotions('A1', '2026-06-15T00:00:00.000Z')).map((p) => p.priceHt)).toEqual(['8.00']);
      expect(await g.promotions('A1', '2026-07-15T00:00:00.000Z')).toEqual([]);
      expect(await g.customerPrices({ customerCode: 'C1' })).toEqual([{ customerCode: 'C1', articleCode: 'A1', priceHt: '9.00', discountPercent: null }]);
      expect(await g.familyDiscounts('F1')).toEqual([{ familyCode: 'F1', customerCode: null, priceCategoryId: 2, discountPercent: '3' }]);
    });

    it('reads customers with filters, finds one by e-mail whatever the case', async () => {
      expect((await all(g.customers({ excludeDormant: true }))).map((c) => c.code)).toEqual(['C1', 'C2']);
      expect((await all(g.customers({ changedSince: '2026-04-01T00:00:00.000Z' }))).map((c) => c.code)).toEqual(['C2']);
      expect((await g.findCustomerByEmail('second@EXAMPLE.fr'))?.code).toBe('C2');
      expect(await g.findCustomerByEmail('nobody@example.fr')).toBeNull();
      const c1 = await g.customer('C1');
      expect(c1?.contacts).toEqual([{ civility: 'Mme', firstName: 'Anne', lastName: 'Martin', email: 'anne@example.fr', phone: null, role: 'Achats' }]);
      expect(c1?.customFields).toEqual({ Origine: 'Salon' });
      expect(c1?.vatNumber).toBe('FR32123456789');
      expect(c1?.billingAddress?.city).toBe('Paris');
    });

    it('creates and updates a customer, never overwriting an existing account', async () => {
      clock = new Date('2026-07-05T00:00:00.000Z');
      const base = (await g.customer('C1'))!;
      const { createdAt: _c, modifiedAt: _m, ...input } = base;
      const created = await g.createCustomer({ ...input, code: 'WEB000530', email: 'new@example.fr', contacts: [], customFields: {} });
      expect([created.code, created.createdAt, created.email]).toEqual(['WEB000530', '2026-07-05T00:00:00.000Z', 'new@example.fr']);
      await expect(g.createCustomer({ ...input, code: 'C1' })).rejects.toThrow(/C1/);
      const updated = await g.updateCustomer('WEB000530', { deliveryAddress: { ...ADDRESS, city: 'Lyon' }, blocked: true });
      expect([updated.deliveryAddress?.city, updated.blocked]).toEqual(['Lyon', true]);
      await expect(g.updateCustomer('NOPE', { blocked: true })).rejects.toBeInstanceOf(GesComError);
    });

    it('creates an invoice with lines, footer, totals and payments, numbered per type', async () => {
      expect(await g.peekNextNumber('invoice')).toBe('FA00164');
      const doc = await g.createDocument(invoiceInput());
      expect(doc.number).toBe('FA00164');
      expect(await g.peekNextNumber('invoice')).toBe('FA00165');
      expect(doc.lines.map((l) => [l.articleCode, l.totalHt, l.totalVat, l.totalTtc])).toEqual([['A1', '27.00', '5.40', '32.40'], ['A2', '3.00', '0.17', '3.17']]);
      // HT 27 + 3 + shipping 5 = 35; VAT 20 % on 32 = 6.40, 5.5 % on 3 = 0.17 (0.165 rounded half up).
      expect(doc.totals).toMatchObject({ totalHt: '35.00', totalVat: '6.57', totalTtc: '41.57', paid: '42.17', due: '-0.60' });
      expect(doc.totals.vatByCode).toEqual([
        { vatCode: 'T20', rate: '20', baseHt: '32.00', vat: '6.40' },
        { vatCode: 'T55', rate: '5.5', baseHt: '3.00', vat: '0.17' },
      ]);
      expect(doc.payments.map((p) => [p.modeCode, p.journalCode, p.amount, p.reference])).toEqual([['CB', 'BQ1', '42.17', 'pi_123']]);
      expect([doc.shopOrderId, doc.reference, doc.customerReference, doc.depotCode, doc.validated]).toEqual(['530', 'Web 530 - Jean Dupont', '530', 'D1', false]);
      // An invoice moves stock out of its depot.
      expect((await g.stockLevels('A1')).find((l) => l.depotCode === 'D1')?.real).toBe('7');
      expect((await g.stockMovements('A1')).map((m) => [m.quantity, m.documentNumber])).toEqual([['-3', 'FA00164']]);
    });

    it('computes TTC-mode documents from TTC prices, the GesCom recomputing HT', async () => {
      const doc = await g.createDocument(invoiceInput({
        shopOrderId: '531', priceMode: 'TTC', payments: [],
        lines: [{ articleCode: 'A1', designation: 'A1', quantity: '3', unitPrice: '12.00', discountPercent: '0', vatCode: 'T20' }],
        footer: { shippingAmount: '6.00', shippingVatCode: 'T20', discountPercent: '0', discountAmount: '0' },
      }));
      expect(doc.totals).toMatchObject({ totalTtc: '42.00', totalHt: '35.00', totalVat: '7.00' });
    });

    it('orders reserve stock instead of moving it', async () => {
      await g.createDocument(invoiceInput({ type: 'order', shopOrderId: '600', payments: [] }));
      const d1 = (await g.stockLevels('A1')).find((l) => l.depotCode === 'D1');
      expect([d1?.real, d1?.reserved]).toEqual(['10', '5']);
    });

    it('says which articles a stock-moving document touched (stock follows sales across the shops of one GesCom)', async () => {
      const levelsOf = async (code: string) => (await g.stockLevels(code)).find((l) => l.depotCode === 'D1');
      const doc = (type: SalesDocumentInput['type'], id: string, over: Partial<SalesDocumentInput> = {}) =>
        g.createDocument(invoiceInput({ type, shopOrderId: id, payments: [], ...over }));
      // An order reserves: its articles' stock changed (available, forecast…), real stays.
      clock = new Date('2026-07-05T00:00:00.000Z');
      await doc('order', '601');
      expect(await g.articlesWithStockChangedSince('2026-07-05T00:00:00.000Z')).toEqual(['A1', 'A2']);
      expect([(await levelsOf('A1'))?.real, (await levelsOf('A1'))?.reserved]).toEqual(['10', '5']);
      // A delivery note and an invoice move real stock out.
      clock = new Date('2026-07-06T00:00:00.000Z');
      await doc('deliveryNote', '602', { lines: [invoiceInput().lines[0]!] });
      expect(await g.articlesWithStockChangedSince('2026-07-06T00:00:00.000Z')).toEqual(['A1']);
      expect((await levelsOf('A1'))?.real).toBe('7');
      clock = new Date('2026-07-07T00:00:00.000Z');
      await doc('invoice', '603', { lines: [invoiceInput().lines[1]!] });
      expect(await g.articlesWithStockChangedSince('2026-07-07T00:00:00.000Z')).toEqual(['A2']);
      // A quote, and an invoice told not to move stock, change nothing: no article to follow.
      clock = new Date('2026-07-08T00:00:00.000Z');
      await doc('quote', '604');
      await doc('invoice', '605', { movesStock: false });
      expect(await g.articlesWithStockChangedSince('2026-07-08T00:00:00.000Z')).toEqual([]);
      expect((await levelsOf('A1'))?.real).toBe('7');
    });

    it('finds a document by shop order id and refuses a second one for the same order', async () => {
      const doc = await g.createDocument(invoiceInput());
      expect((await g.findDocumentByShopOrderId('530'))?.number).toBe(doc.number);
      expect(await g.findDocumentByShopOrderId('999')).toBeNull();
      await expect(g.createDocument(invoiceInput())).rejects.toBeInstanceOf(DuplicateShopOrderError);
      expect((await g.documents({ type: 'invoice' })).length).toBe(1);
      expect(await g.peekNextNumber('invoice')).toBe('FA00165');
    });

    it('keys a shop order by (shop, order id): two shops\' order 530 are two documents; one without a shop is taken for every shop', async () => {
      const wc = await g.createDocument(invoiceInput({ shopKey: 'woocommerce:a.example' }));
      const ps = await g.createDocument(invoiceInput({ shopKey: 'prestashop:b.example' }));
      expect([wc.shopKey, ps.shopKey, wc.shopOrderId, ps.shopOrderId]).toEqual(['woocommerce:a.example', 'prestashop:b.example', '530', '530']);
      await expect(g.createDocument(invoiceInput({ shopKey: 'prestashop:b.example' }))).rejects.toBeInstanceOf(DuplicateShopOrderError);
      expect((await g.findDocumentByShopOrderId('530', 'prestashop:b.example'))?.number).toBe(ps.number);
      expect(await g.findDocumentByShopOrderId('530', 'shopify:c.example')).toBeNull();
      expect((await g.documentsByShopOrderId('530')).map((d) => d.number)).toEqual([wc.number, ps.number]);
      // A document whose shop is unknown (made before shops were told apart) blocks that id for every shop until tied.
      const old = await g.createDocument(invoiceInput({ shopOrderId: '77' }));
      expect(old.shopKey).toBe('');
      expect((await g.findDocumentByShopOrderId('77', 'shopify:c.example'))?.number).toBe(old.number);
      await expect(g.createDocument(invoiceInput({ shopOrderId: '77', shopKey: 'shopify:c.example' }))).rejects.toBeInstanceOf(DuplicateShopOrderError);
      await g.setDocumentShopKey(old.number, 'woocommerce:a.example');
      expect(await g.findDocumentByShopOrderId('77', 'shopify:c.example')).toBeNull();
      await expect(g.setDocumentShopKey(old.number, 'shopify:c.example')).rejects.toMatchObject({ field: 'shopKey' });
      expect((await g.createDocument(invoiceInput({ shopOrderId: '77', shopKey: 'shopify:c.example' }))).shopKey).toBe('shopify:c.example');
    });

    it("holds a document's parcel tracking (validated or not): trimmed, blank clears it, bad values refused naming the field", async () => {
      const doc = await g.createDocument(invoiceInput());
      expect([doc.trackingNumber, doc.carrier]).toEqual([null, null]);
      await g.validateDocument(doc.number);
      const set = await g.setDocumentTracking(doc.number, { trackingNumber: ' 6A12345678901 ', carrier: ' Colissimo ' });
      expect([set.trackingNumber, set.carrier, set.validated]).toEqual(['6A12345678901', 'Colissimo', true]);
      expect(await g.document(doc.number)).toMatchObject({ trackingNumber: '6A12345678901', carrier: 'Colissimo' });
      expect(await g.setDocumentTracking(doc.number, { trackingNumber: 'XY1' })).toMatchObject({ trackingNumber: 'XY1', carrier: null });
      await expect(g.setDocumentTracking('FA99999', { trackingNumber: 'X' })).rejects.toMatchObject({ entity: 'document FA99999', field: 'number' });
      await expect(g.setDocumentTracking(doc.number, { trackingNumber: 'X'.repeat(65) })).rejects.toMatchObject({ field: 'trackingNumber' });
      await expect(g.setDocumentTracking(doc.number, { trackingNumber: 'X', carrier: 'a\nb' })).rejects.toMatchObject({ field: 'carrier' });
      await expect(g.setDocumentTracking(doc.number, { trackingNumber: '  ', carrier: 'DPD' })).rejects.toMatchObject({ field: 'trackingNumber' });
      expect((await g.document(doc.number))?.trackingNumber).toBe('XY1');
      expect(await g.setDocumentTracking(doc.number, { trackingNumber: '' })).toMatchObject({ trackingNumber: null, carrier: null });
    });

    it('refuses a document with an unknown article, VAT code or payment mode, writing nothing', async () => {
      const bad = invoiceInput({ lines: [{ articleCode: 'NOPE', designation: 'x', quantity: '1', unitPrice: '1', discountPercent: '0', vatCode: 'T20' }] });
      await expect(g.createDocument(bad)).rejects.toMatchObject({ field: 'lines[1].articleCode' });
      await expect(g.createDocument(invoiceInput({ payments: [{ ...invoiceInput().payments[0]!, modeCode: 'BTC' }] }))).rejects.toMatchObject({ field: 'payments[1].modeCode' });
      expect(await g.documents()).toEqual([]);
      expect(await g.peekNextNumber('invoice')).toBe('FA00164');
    });

    it('validates documents and payments, adds payments later', async () => {
      const doc = await g.createDocument(invoiceInput({ payments: [] }));
      const p = await g.addPayment(doc.number, { modeCode: 'CHQ', journalCode: null, amount: '10', date: '2026-07-08T00:00:00.000Z', label: 'Acompte', reference: null, notes: 'n', currencyCode: 'EUR' });
      expect([p.amount, p.validated]).toEqual(['10.00', false]);
      await g.validatePayment(p.id);
      const validated = await g.validateDocument(doc.number);
      expect(validated.validated).toBe(true);
      expect(validated.payments[0]?.validated).toBe(true);
      expect(validated.totals.due).toBe('31.57');
    });

    it('filters documents by type and date', async () => {
      await g.createDocument(invoiceInput());
      await g.createDocument(invoiceInput({ type: 'order', shopOrderId: '700', date: '2026-08-01T00:00:00.000Z', payments: [] }));
      expect((await g.documents({ type: 'order' })).map((d) => d.number)).toEqual(['BC00001']);
      expect((await g.documents({ from: '2026-07-31T00:00:00.000Z' })).map((d) => d.shopOrderId)).toEqual(['700']);
    });
  });
}
