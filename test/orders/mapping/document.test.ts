/**
 * mapOrder, table-driven: one row per rule or option of the Commandes tab, starting with the
 * manual's own examples. Every case builds its settings from validateProfile(demoSettings(...)).
 */
import { describe, expect, test } from 'vitest';
import type { Customer } from '../../../src/gescom/model.js';
import { type MappedOrder, mapOrder } from '../../../src/sync/orders/mapping/document.js';
import { OrderMappingError } from '../../../src/sync/orders/mapping/errors.js';
import { checkSpecialArticles } from '../../../src/sync/orders/mapping/lines.js';
import type { ShopOrder } from '../../../src/sync/orders/shop-order.js';
import { ADDRESS, articleMapOf, line, merge, NOW, order, refsFor, type RefsExtra, sampleCustomers, settingsWith, tax, said } from './helpers.js';

type Obj = Record<string, unknown>;

function run(o: ShopOrder, settings: Obj = {}, refs: RefsExtra = {}): MappedOrder {
  const r = mapOrder(o, settingsWith(settings), refsFor(o, refs));
  if (r.skip !== null) throw new Error(`skipped: ${r.skip}`);
  return r;
}

const rows = (r: MappedOrder) => r.document.lines.map((l) => [l.articleCode, l.quantity, l.unitPrice, l.discountPercent, l.vatCode]);

function customerLike(code: string, over: Partial<Customer> = {}): Customer {
  return { ...sampleCustomers().find((c) => c.code === 'CL0001')!, code, ...over };
}

const payments = (rowsOf: Obj[]) => ({ orders: { payments: { create: true }, mappings: { payments: rowsOf } } });

// The manual's voucher: a 10 € HT voucher on a cart of 60 € HT at 5.5 % and 40 € HT at 20 %.
const voucherOrder = order({
  lines: [line('AR0001', 'Café en grains Arabica 1 kg', '3', '20.00', '5.5'), line('AR0013', 'Bouilloire électrique inox 1,7 L', '1', '40.00', '20')],
  coupons: [{ code: 'NOEL10', description: '', discountExclTax: '10.00', discountTax: '1.13' }],
});

const compoundSettings = {
  orders: { mappings: { taxes: [{ name: '', rate: '20', vatCode: 'C20' }, { name: '', rate: '23.2', vatCode: 'C232' }, { name: '', rate: '23.84', vatCode: 'C2384' }] } },
};

const helene = {
  customer: { id: '77', email: 'helene@exemple.fr', firstName: 'Hélène', lastName: 'Œuvray', company: 'Café Éclair' },
  billing: { ...ADDRESS, firstName: 'Hélène', lastName: 'Œuvray', company: 'Café Éclair', line1: "3 rue de l'Église", city: 'Besançon', email: 'helene@exemple.fr' },
  shipping: [{ ...ADDRESS, firstName: 'Hélène', lastName: 'Œuvray', company: 'Café Éclair', line1: "3 rue de l'Église", city: 'Besançon', email: '' }],
};

const guest = { customer: { id: null, email: 'ann.lee@example.com', firstName: 'Ann', lastName: 'Lee', company: '' } };

interface Case {
  name: string;
  order: ShopOrder;
  settings?: Obj;
  refs?: RefsExtra;
  check: (r: MappedOrder) => void;
}

const cases: Case[] = [
  // --- CMD-02 / CMD-06: status, header -----------------------------------------------------
  {
    name: "manual: status 'Paiement accepté' -> invoice",
    order: order({ status: 'Paiement accepté' }),
    settings: { orders: { statusMapping: [{ status: 'Paiement accepté', documentType: 'invoice' }] } },
    check: (r) => expect(r.document.type).toBe('invoice'),
  },
  {
    // The WooCommerce spelling ("wc-completed" = "completed") is the adapter's: test/woocommerce/order-status.test.ts.
    name: "a canonical state 'onHold' matches an order in that state whatever its raw status",
    order: order({ status: '3', state: 'onHold' }),
    settings: { orders: { statusMapping: [{ status: 'onHold', documentType: 'deliveryNote' }] } },
    check: (r) => expect(r.document.type).toBe('deliveryNote'),
  },
  {
    name: "manual: header templates 'Web %OI - %CF %CL', the remark in the profile's language (fr), '%OI'; depot 0001; shop order id",
    order: order(),
    check: (r) => expect(r.document).toMatchObject({
      reference: 'Web 187 - John DOE', remark: 'Commande 187 du 22/01/2019', customerReference: '187', depotCode: '0001',
      shopOrderId: '187', date: '2019-01-22T10:15:00.000Z', priceMode: 'HT', currencyCode: 'EUR', accountingCategoryCode: 'LOCAL',
    }),
  },
  {
    name: "the default remark in an English profile: 'Order %OI of %OD'",
    order: order(),
    settings: { general: { language: 'en' } },
    check: (r) => expect(r.document.remark).toBe('Order 187 of 22/01/2019'),
  },
  {
    name: 'a remark template set by hand is kept whatever the language',
    order: order(),
    settings: { general: { language: 'fr' }, orders: { remarkTemplate: 'Order %OI of %OD' } },
    check: (r) => expect(r.document.remark).toBe('Order 187 of 22/01/2019'),
  },
  {
    name: 'document date = invoice date, templates changed',
    order: order({ invoicedAt: '2019-01-23T08:00:00.000Z' }),
    settings: { orders: { documentDate: 'invoiceDate', referenceTemplate: '%OR/%CE', remarkTemplate: 'Paid by %PM', customerReferenceTemplate: 'C%CI' } },
    check: (r) => expect(r.document).toMatchObject({
      date: '2019-01-23T08:00:00.000Z', reference: '187/john.doe@example.com', remark: 'Paid by Carte bancaire', customerReference: 'C530',
    }),
  },
  {
    name: 'document date = invoice date without one in the shop: order date, warned',
    order: order(),
    settings: { orders: { documentDate: 'invoiceDate' } },
    check: (r) => {
      expect(r.document.date).toBe('2019-01-22T10:15:00.000Z');
      expect(said(r.warnings, 'en')).toContain('no invoice date');
    },
  },
  {
    name: 'document date = today; default depot when none set; shop number used as document number',
    order: order({ number: 'WEB-187' }),
    settings: { orders: { documentDate: 'today', depot: '', useShopNumber: true } },
    check: (r) => expect(r.document).toMatchObject({ date: NOW, depotCode: '0001', number: 'WEB-187' }),
  },
  {
    name: 'messages: first customer message by default',
    order: order({ messages: [{ author: 'shop', text: 'Colis fragile', date: null }, { author: 'customer', text: 'Livrer le matin', date: null }] }),
    check: (r) => expect(r.document.notes).toBe('Livrer le matin'),
  },
  {
    name: 'messages: all, or none',
    order: order({ messages: [{ author: 'shop', text: 'Colis fragile', date: null }, { author: 'customer', text: 'Livrer le matin', date: null }] }),
    settings: { orders: { copyMessages: 'allMessages' } },
    check: (r) => expect(r.document.notes).toBe('Boutique : Colis fragile\nClient : Livrer le matin'),
  },
  {
    name: 'document address per type: invoice to the shop billing address',
    order: order({ shipping: [{ ...ADDRESS, line1: '1 quai de Seine', email: '' }] }),
    settings: { orders: { mappings: { documentAddress: { invoice: 'shopBilling' } } } },
    check: (r) => {
      expect(r.document.deliveryAddress?.line1).toBe('12 rue de la Paix');
      expect(r.document.billingAddress?.line1).toBe('12 rue de la Paix');
    },
  },
  {
    name: "document address per type: the GesCom customer's delivery address (e-mail match CL0001)",
    order: order({ customer: { id: '9', email: 'sophie.bernard@example.fr', firstName: 'Sophie', lastName: 'Bernard', company: '' } }),
    settings: { orders: { mappings: { documentAddress: { invoice: 'customerDelivery' } } } },
    check: (r) => {
      expect(r.customer.code).toBe('CL0001');
      expect(r.document.deliveryAddress?.line1).toBe('2 quai de la Fosse');
      expect(r.document.billingAddress?.line1).toBe('14 rue Crébillon');
    },
  },

  // --- CMD-03 / CMD-04 / CMD-05: customer --------------------------------------------------
  {
    name: 'manual: customer 530 -> account WEB000530 created (prefix WEB, length 9)',
    order: order(),
    check: (r) => {
      expect(r.customer).toMatchObject({ code: 'WEB000530', source: 'perCustomer', existing: null, accountingAccount: null });
      expect(r.customer.create).toMatchObject({
        code: 'WEB000530', firstName: 'John', lastName: 'DOE', email: 'john.doe@example.com', paymentModeCode: 'CB',
        accountingCategoryCode: 'LOCAL', familyCode: null, representativeCode: null,
      });
      expect(r.document.customerCode).toBe('WEB000530');
    },
  },
  {
    name: 'manual: accounting account 411W000530 (prefix 411W, length 10), representative and family of new customers',
    order: order(),
    settings: { orders: { accountingAccountMode: 'perCustomer', representative: 'REP01', customerFamily: 'WEB' } },
    check: (r) => expect(r.customer.create).toMatchObject({ accountingAccount: '411W000530', representativeCode: 'REP01', familyCode: 'WEB' }),
  },
  {
    name: 'single accounting account for every customer',
    order: order(),
    settings: { orders: { accountingAccount: '411WEB' } },
    check: (r) => expect(r.customer.create?.accountingAccount).toBe('411WEB'),
  },
  {
    name: 'customer found by e-mail first (CL0001), its addresses left as they are, differences warned',
    order: order({ customer: { id: '9', email: 'Sophie.Bernard@example.fr', firstName: 'Sophie', lastName: 'Bernard', company: '' } }),
    check: (r) => {
      expect(r.customer).toMatchObject({ code: 'CL0001', source: 'email', create: null, update: null });
      expect(said(r.customer.warnings)).toContain('orders.updateBillingAddresses');
      expect(said(r.customer.warnings)).toContain('orders.updateDeliveryAddresses');
    },
  },
  {
    name: 'e-mail search off: the per-customer account even when the e-mail is known',
    order: order({ customer: { id: '9', email: 'sophie.bernard@example.fr', firstName: 'Sophie', lastName: 'Bernard', company: '' } }),
    settings: { orders: { searchCustomerByEmail: false } },
    check: (r) => expect(r.customer).toMatchObject({ code: 'WEB000009', source: 'perCustomer' }),
  },
  {
    name: 'a dormant customer found by e-mail (CL0002) is not used',
    order: order({ customer: { id: '12', email: 'paul.girard@example.fr', firstName: 'Paul', lastName: 'Girard', company: '' } }),
    check: (r) => {
      expect(r.customer.code).toBe('WEB000012');
      expect(said(r.warnings)).toContain('CL0002');
    },
  },
  {
    name: 'existing account with the addresses updated when asked',
    order: order(),
    settings: { orders: { updateBillingAddresses: true, updateDeliveryAddresses: true } },
    refs: { customers: [customerLike('WEB000530', { email: 'john.doe@example.com' })] },
    check: (r) => {
      expect(r.customer).toMatchObject({ code: 'WEB000530', create: null });
      expect(r.customer.update?.billingAddress?.line1).toBe('12 rue de la Paix');
      expect(r.customer.update?.deliveryAddress?.line1).toBe('12 rue de la Paix');
    },
  },
  {
    name: 'never overwrite silently: WEB000530 exists with another e-mail -> attached, unchanged, warned',
    order: order(),
    settings: { orders: { updateBillingAddresses: true, searchCustomerByEmail: false } },
    refs: { customers: [customerLike('WEB000530', { email: 'someone.else@example.fr' })] },
    check: (r) => {
      expect(r.customer).toMatchObject({ code: 'WEB000530', create: null, update: null });
      expect(said(r.customer.warnings.slice(0, 1))).toContain('someone.else@example.fr');
    },
  },
  {
    name: 'a prospect found by e-mail becomes a customer with its first order (CLI-04)',
    order: order(),
    refs: { customers: [customerLike('CL0099', { email: 'john.doe@example.com', isProspect: true })] },
    check: (r) => {
      expect(r.customer).toMatchObject({ code: 'CL0099', source: 'email', create: null });
      expect(r.customer.update).toMatchObject({ isProspect: false });
    },
  },
  {
    name: 'single account for every order',
    order: order(),
    settings: { orders: { accountMode: 'single', singleAccount: 'CL0003', searchCustomerByEmail: false } },
    check: (r) => expect(r.customer).toMatchObject({ code: 'CL0003', source: 'single', create: null, update: null }),
  },
  {
    name: 'guest order -> guest account',
    order: order(guest),
    settings: { orders: { guestAccount: 'KERAWEN' } },
    check: (r) => expect(r.customer).toMatchObject({ code: 'KERAWEN', source: 'guestAccount', create: null }),
  },
  {
    name: 'guest order without guest account -> customer created WEBG00187',
    order: order(guest),
    check: (r) => {
      expect(r.customer).toMatchObject({ code: 'WEBG00187', source: 'guest' });
      expect(r.customer.create).toMatchObject({ lastName: 'Lee', email: 'ann.lee@example.com' });
      expect(r.customer.create?.notes).toContain('commande invité n° 187');
    },
  },
  {
    name: 'general.language en: the created customer\'s note is in English only',
    order: order(guest),
    settings: { general: { language: 'en' } },
    check: (r) => expect(r.customer.create?.notes).toBe('Customer created by the order import (guest order 187).'),
  },
  {
    name: 'guest order, createGuestCustomers wins over the guest account (BigCommerce)',
    order: order(guest),
    settings: { orders: { guestAccount: 'KERAWEN', createGuestCustomers: true, accountingAccountMode: 'perCustomer' } },
    check: (r) => expect(r.customer.create).toMatchObject({ code: 'WEBG00187', accountingAccount: '411WG00187' }),
  },
  {
    name: 'manual: payment method AMAZON -> account WEBAMAZON',
    order: order({ paymentMethod: 'AMAZON', paymentMethodTitle: 'Amazon' }),
    settings: { orders: { mappings: { payments: [{ method: 'AMAZON', paymentMode: 'CB', customerAccount: 'WEBAMAZON' }] } } },
    refs: { customers: [customerLike('WEBAMAZON', { email: 'marketplace@amazon.example' })] },
    check: (r) => expect(r.customer).toMatchObject({ code: 'WEBAMAZON', source: 'paymentMethod', create: null, update: null }),
  },
  {
    name: 'accounting account per payment method on a created customer',
    order: order({ paymentMethod: 'amazon' }),
    settings: { orders: { mappings: { payments: [{ method: 'amazon', paymentMode: 'CB', accountingAccount: '411AMAZON' }] } } },
    check: (r) => expect(r.customer.create).toMatchObject({ code: 'WEB000530', accountingAccount: '411AMAZON' }),
  },
  {
    name: 'customer name and addresses: accents removed, upper case, address named after the contact',
    order: order(helene),
    settings: { orders: { removeAccents: true, uppercaseName: true, uppercaseAddresses: true, addressName: 'contact' } },
    check: (r) => {
      expect(r.customer.create).toMatchObject({ code: 'WEB000077', company: 'CAFE ECLAIR', firstName: 'Helene', lastName: 'OEUVRAY' });
      expect(r.customer.create?.billingAddress).toMatchObject({ label: 'HELENE OEUVRAY', line1: "3 RUE DE L'EGLISE", city: 'BESANCON' });
      expect(r.document.deliveryAddress).toMatchObject({ label: 'HELENE OEUVRAY', line1: "3 RUE DE L'EGLISE" });
    },
  },
  {
    name: 'address named after the company by default, accents kept',
    order: order(helene),
    check: (r) => expect(r.customer.create?.billingAddress).toMatchObject({ label: 'Café Éclair', line1: "3 rue de l'Église", city: 'Besançon' }),
  },

  // --- CMD-07: lines ------------------------------------------------------------------------
  {
    name: 'unknown reference -> Divers article with the shop name and price (even with GesCom designations)',
    order: order({ lines: [line('XYZ-1', 'Bougie parfumée', '2', '7.50', '20')] }),
    settings: { orders: { lines: { useGescomDesignations: true } } },
    check: (r) => {
      expect(rows(r)).toEqual([['ZDIVERS', '2', '7.50', '0', 'C20']]);
      expect(r.document.lines[0]!.designation).toBe('Bougie parfumée');
      expect(r.difference.matches).toBe(true);
    },
  },
  {
    name: 'GesCom designations instead of the shop names',
    order: order({ lines: [line('AR0010', 'Mug du site', '1', '10.75', '20')] }),
    settings: { orders: { lines: { useGescomDesignations: true } } },
    check: (r) => expect(r.document.lines[0]!.designation).toBe('Mug Passerelle'),
  },
  {
    name: 'SKU in lower case finds the GesCom code',
    order: order({ lines: [line('ar0010', 'Mug', '1', '10.75', '20')] }),
    check: (r) => expect(rows(r)[0]![0]).toBe('AR0010'),
  },
  {
    name: 'ART-16: dormant article AR0019 replaced by its substitute AR0003',
    order: order({ lines: [line('AR0019', 'Chocolat Noir 200 g', '1', '8.44', '5.5')] }),
    settings: { orders: { lines: { useSubstitute: true } } },
    check: (r) => {
      expect(rows(r)).toEqual([['AR0003', '1', '8.44', '0', 'C55']]);
      expect(said(r.warnings)).toContain('substitut AR0003');
    },
  },
  {
    name: 'ART-16: without the option the dormant article stays, warned',
    order: order({ lines: [line('AR0019', 'Chocolat Noir 200 g', '1', '8.44', '5.5')] }),
    check: (r) => {
      expect(rows(r)[0]![0]).toBe('AR0019');
      expect(said(r.warnings)).toContain('orders.lines.useSubstitute');
    },
  },
  {
    name: 'ART-16: out-of-stock article replaced by its substitute',
    order: order({ lines: [line('AR0020', 'Ballotin de pralines', '1', '16.59', '5.5')] }),
    settings: { orders: { lines: { useSubstitute: true } } },
    refs: { articles: [{ ...articleMapOf('AR0020'), substituteCode: 'AR0005', stock: '0' }] },
    check: (r) => expect(rows(r)[0]![0]).toBe('AR0005'),
  },
  {
    name: 'line discount as a discount percentage (default)',
    order: order({ lines: [line('AR0010', 'Mug Passerelle', '2', '10.00', '20', { discountHt: '3.00' })] }),
    check: (r) => {
      expect(rows(r)).toEqual([['AR0010', '2', '10.00', '15', 'C20']]);
      expect(r.difference.matches).toBe(true);
    },
  },
  {
    name: 'line discount as a net unit price',
    order: order({ lines: [line('AR0010', 'Mug Passerelle', '2', '10.00', '20', { discountHt: '3.00' })] }),
    settings: { orders: { lines: { discountMode: 'netPrice' } } },
    check: (r) => {
      expect(rows(r)).toEqual([['AR0010', '2', '8.50', '0', 'C20']]);
      expect(r.difference.matches).toBe(true);
    },
  },
  {
    name: 'TTC mode: unit prices including tax, the GesCom recomputes HT',
    order: order({ lines: [line('AR0010', 'Mug Passerelle', '2', '10.75', '20')] }),
    settings: { orders: { lines: { priceMode: 'TTC' } } },
    check: (r) => {
      expect(rows(r)).toEqual([['AR0010', '2', '12.90', '0', 'C20']]);
      expect(r.gescomTotals).toMatchObject({ totalHt: '21.50', totalVat: '4.30', totalTtc: '25.80' });
    },
  },
  {
    name: 'price rounding: 2 decimals lose a cent on 3 x 4.6933, reported',
    order: order({ lines: [line('AR0003', 'Chocolat Noir', '3', '4.6933', '5.5')] }),
    check: (r) => {
      expect(rows(r)).toEqual([['AR0003', '3', '4.69', '0', 'C55']]);
      expect(r.difference.ht).toBe('0.01');
      expect(said(r.warnings)).toContain('orders.lines.roundingDecimals = 2');
    },
  },
  {
    name: 'price rounding: 4 decimals give the shop total back',
    order: order({ lines: [line('AR0003', 'Chocolat Noir', '3', '4.6933', '5.5')] }),
    settings: { orders: { lines: { roundingDecimals: 4 } } },
    check: (r) => {
      expect(rows(r)).toEqual([['AR0003', '3', '4.6933', '0', 'C55']]);
      expect(r.difference.matches).toBe(true);
    },
  },
  {
    name: 'eco-tax removed from the HT price and carried on the line; the GesCom adds it back, totals match',
    order: order({ lines: [line('AR0013', 'Bouilloire', '2', '41.58', '20', { ecotax: '0.25' })] }),
    settings: { orders: { lines: { removeEcotax: true } } },
    check: (r) => {
      expect(r.document.lines[0]).toMatchObject({ articleCode: 'AR0013', unitPrice: '41.33', ecotax: '0.25' });
      expect(r.difference.matches).toBe(true);
    },
  },
  {
    name: 'eco-tax kept in the price by default',
    order: order({ lines: [line('AR0013', 'Bouilloire', '2', '41.58', '20', { ecotax: '0.25' })] }),
    check: (r) => {
      expect(r.document.lines[0]).toMatchObject({ unitPrice: '41.58' });
      expect(r.document.lines[0]!.ecotax).toBeUndefined();
      expect(r.difference.matches).toBe(true);
    },
  },

  // --- CMD-08: fees, shipping, coupons ------------------------------------------------------
  {
    name: 'gift wrap -> packaging article, other fee -> Divers article',
    order: order({
      fees: [
        { name: 'Emballage cadeau', totalExclTax: '2.50', taxes: [tax('20', '0.50')], kind: 'giftWrap' },
        { name: 'Frais de dossier', totalExclTax: '1.00', taxes: [tax('20', '0.20')], kind: 'other' },
      ],
    }),
    settings: { orders: { specialArticles: { packaging: 'ARTDIVERS' } } },
    check: (r) => {
      expect(rows(r).slice(1)).toEqual([['ARTDIVERS', '1', '2.50', '0', 'C20'], ['ZDIVERS', '1', '1.00', '0', 'C20']]);
      expect(r.document.lines.slice(1).map((l) => l.designation)).toEqual(['Emballage cadeau', 'Frais de dossier']);
      expect(r.difference.matches).toBe(true);
    },
  },
  {
    name: 'shipping in the document footer (default)',
    order: order({ shippingLines: [{ methodId: 'flat_rate', title: 'Colissimo', totalExclTax: '4.90', taxes: [tax('20', '0.98')] }] }),
    check: (r) => {
      expect(r.document.footer).toMatchObject({ shippingAmount: '4.90', shippingVatCode: 'C20' });
      expect(r.gescomTotals.totalTtc).toBe('18.78');
      expect(r.difference.matches).toBe(true);
    },
  },
  {
    name: 'shipping as a ZPORT article line',
    order: order({ shippingLines: [{ methodId: 'flat_rate', title: 'Colissimo', totalExclTax: '4.90', taxes: [tax('20', '0.98')] }] }),
    settings: { orders: { shippingAs: 'article' } },
    check: (r) => {
      expect(rows(r).at(-1)).toEqual(['ZPORT', '1', '4.90', '0', 'C20']);
      expect(r.document.lines.at(-1)!.designation).toBe('Colissimo');
      expect(r.document.footer.shippingAmount).toBe('0.00');
    },
  },
  {
    name: 'shipping on two VAT rates cannot sit in the footer: article lines, warned',
    order: order({
      shippingLines: [
        { methodId: 'a', title: 'Port 20 %', totalExclTax: '3.00', taxes: [tax('20', '0.60')] },
        { methodId: 'b', title: 'Port 5,5 %', totalExclTax: '2.00', taxes: [tax('5.5', '0.11')] },
      ],
    }),
    check: (r) => {
      expect(rows(r).slice(1)).toEqual([['ZPORT', '1', '3.00', '0', 'C20'], ['ZPORT', '1', '2.00', '0', 'C55']]);
      expect(said(r.warnings, 'en')).toContain('several VAT rates');
      expect(r.difference.matches).toBe(true);
    },
  },
  {
    name: 'manual: voucher split per VAT rate in proportion to the HT bases, ZREMISE55 / ZREMISE (HT)',
    order: voucherOrder,
    check: (r) => {
      expect(rows(r)).toEqual([
        ['AR0001', '3', '20.00', '0', 'C55'], ['AR0013', '1', '40.00', '0', 'C20'],
        ['ZREMISE55', '1', '-6.00', '0', 'C55'], ['ZREMISE', '1', '-4.00', '0', 'C20'],
      ]);
      expect(r.gescomTotals.vatByCode).toEqual([
        { vatCode: 'C20', rate: '20', baseHt: '36.00', vat: '7.20' },
        { vatCode: 'C55', rate: '5.5', baseHt: '54.00', vat: '2.97' },
      ]);
      expect(r.difference.matches).toBe(true);
    },
  },
  {
    name: 'manual: the same voucher in TTC mode',
    order: voucherOrder,
    settings: { orders: { lines: { priceMode: 'TTC' } } },
    check: (r) => {
      expect(rows(r)).toEqual([
        ['AR0001', '3', '21.10', '0', 'C55'], ['AR0013', '1', '48.00', '0', 'C20'],
        ['ZREMISE55', '1', '-6.33', '0', 'C55'], ['ZREMISE', '1', '-4.80', '0', 'C20'],
      ]);
      expect(r.gescomTotals.totalTtc).toBe('100.17');
      expect(r.difference.matches).toBe(true);
    },
  },
  {
    name: 'voucher not split: one ZREMISE line at 20 %, the VAT differs from the shop and is reported',
    order: voucherOrder,
    settings: { orders: { discounts: { splitPerVatRate: false } } },
    check: (r) => {
      expect(rows(r).slice(2)).toEqual([['ZREMISE', '1', '-10.00', '0', 'C20']]);
      expect(r.difference.matches).toBe(false);
      expect(said(r.warnings)).toContain('orders.discounts.splitPerVatRate');
    },
  },
  {
    name: 'voucher with a single default discount article (no per-VAT mapping)',
    order: voucherOrder,
    settings: { orders: { specialArticles: { discountByVat: [] } } },
    check: (r) => expect(rows(r).slice(2)).toEqual([['ZREMISE', '1', '-6.00', '0', 'C55'], ['ZREMISE', '1', '-4.00', '0', 'C20']]),
  },
  {
    name: 'coupon description used as the article code',
    order: order({
      lines: [line('AR0010', 'Mug Passerelle', '1', '10.75', '20')],
      coupons: [{ code: 'BLACKFRI23', description: 'BLACKFRI23', discountExclTax: '1.75', discountTax: '0.35' }],
    }),
    settings: { orders: { discounts: { couponDescriptionAsArticle: true } } },
    refs: { articles: [{ code: 'BLACKFRI23', name: 'Black Friday 2023', vatCode: 'C20', isDivers: false, doNotUse: false, substituteCode: null, stockTracked: false }] },
    check: (r) => {
      expect(rows(r)[1]).toEqual(['BLACKFRI23', '1', '-1.75', '0', 'C20']);
      expect(r.gescomTotals.totalTtc).toBe('10.80');
      expect(r.difference.matches).toBe(true);
    },
  },
  {
    name: 'two coupons spread by the shop: one line per VAT code naming both',
    order: order({
      lines: [line('AR0010', 'Mug Passerelle', '2', '10.00', '20', { discountHt: '3.00' })],
      coupons: [
        { code: 'A', description: '', discountExclTax: '2.00', discountTax: '0.40' },
        { code: 'B', description: '', discountExclTax: '1.00', discountTax: '0.20' },
      ],
    }),
    check: (r) => {
      expect(rows(r)).toEqual([['AR0010', '2', '10.00', '0', 'C20'], ['ZREMISE', '1', '-3.00', '0', 'C20']]);
      expect(r.document.lines[1]!.designation).toBe('Bon de réduction A, B');
    },
  },

  // --- CMD-15: cumulative taxes -------------------------------------------------------------
  {
    name: 'manual: 20 % + 3.2 % at the same priority -> 23.2 % (100 € -> 123.20 €)',
    order: order({ lines: [line('AR0010', 'Mug', '1', '100.00', '23.2', { taxes: [tax('20', '20.00'), tax('3.2', '3.20', { label: 'parafiscale' })] })] }),
    settings: compoundSettings,
    check: (r) => {
      expect(rows(r)).toEqual([['AR0010', '1', '100.00', '0', 'C232']]);
      expect(r.gescomTotals.totalTtc).toBe('123.20');
      expect(r.difference.matches).toBe(true);
    },
  },
  {
    name: 'manual: 3.2 % first then 20 % (different priorities) -> 23.84 % (100 € -> 123.84 €)',
    order: order({ lines: [line('AR0010', 'Mug', '1', '100.00', '23.84', {
      taxes: [tax('20', '20.64', { priority: 1 }), tax('3.2', '3.20', { label: 'parafiscale', priority: 0 })],
    })] }),
    settings: compoundSettings,
    check: (r) => {
      expect(rows(r)).toEqual([['AR0010', '1', '100.00', '0', 'C2384']]);
      expect(r.gescomTotals.totalTtc).toBe('123.84');
      expect(r.difference.matches).toBe(true);
    },
  },
  {
    name: 'an exempt sale (no tax) on a 20 % article: C00, category EXPORT without tax',
    order: order({
      shipping: [{ ...ADDRESS, countryCode: 'US', email: '' }],
      lines: [line('AR0010', 'Mug Passerelle', '1', '10.75', '0', { taxes: [] })],
    }),
    settings: { orders: { mappings: { accountingCategories: [{ key: 'US', withTax: 'EXPORT', withoutTax: 'EXPORT' }] } } },
    check: (r) => {
      expect(rows(r)).toEqual([['AR0010', '1', '10.75', '0', 'C00']]);
      expect(r.document.accountingCategoryCode).toBe('EXPORT');
      expect(r.warnings).toEqual([]);
    },
  },

  // --- CMD-09 / CMD-11: payments, currency --------------------------------------------------
  {
    name: "payment created: mapped mode and journal, label '%CF %CL - %OI', shop total, order date",
    order: order(),
    settings: { orders: { payments: { create: true } } },
    check: (r) => expect(r.document.payments).toEqual([{
      modeCode: 'CB', journalCode: 'BQ1', amount: '12.90', date: '2019-01-22T10:15:00.000Z', label: 'John DOE - 187',
      reference: null, notes: null, currencyCode: 'EUR',
    }]),
  },
  {
    name: 'payment date = payment date, reference and notes copied, GesCom total',
    order: order({ messages: [{ author: 'customer', text: 'Merci', date: null }] }),
    settings: { orders: { payments: { create: true, date: 'paymentDate', copyReference: true, copyNotes: true, total: 'gescom' } } },
    check: (r) => expect(r.document.payments[0]).toMatchObject({
      date: '2019-01-22T10:16:00.000Z', reference: 'Web 187 - John DOE', notes: 'Merci', amount: '12.90',
    }),
  },
  {
    name: 'payment date = today',
    order: order(),
    settings: { orders: { payments: { create: true, date: 'today' } } },
    check: (r) => expect(r.document.payments[0]!.date).toBe(NOW),
  },
  {
    name: 'unmapped method: default mode, created only with defaultCreatePayment',
    order: order({ paymentMethod: 'klarna', paymentMethodTitle: 'Klarna' }),
    settings: { orders: { payments: { create: true }, mappings: { defaultCreatePayment: true } } },
    check: (r) => {
      expect(r.document.payments).toHaveLength(1);
      expect(r.document.payments[0]).toMatchObject({ modeCode: 'CB', journalCode: 'BQ1' });
    },
  },
  {
    name: 'unmapped method without defaultCreatePayment: no payment, warned',
    order: order({ paymentMethod: 'klarna' }),
    settings: { orders: { payments: { create: true } } },
    check: (r) => {
      expect(r.document.payments).toEqual([]);
      expect(said(r.warnings)).toContain('createPayment');
    },
  },
  {
    name: 'payment method + currency: the USD row first, else the any-currency row',
    order: order({ currency: 'USD', paymentMethod: 'paypal' }),
    settings: merge(payments([
      { method: 'paypal', paymentMode: 'VIR', bankJournal: 'BQ1' },
      { method: 'paypal', currency: 'USD', paymentMode: 'PAYPAL', bankJournal: 'BQ2' },
    ]), { orders: { mappings: { currencies: [{ shopCurrency: 'USD', gescomCurrency: 'USD' }] } } }),
    check: (r) => {
      expect(r.document.currencyCode).toBe('USD');
      expect(r.document.payments[0]).toMatchObject({ modeCode: 'PAYPAL', journalCode: 'BQ2', currencyCode: 'USD' });
    },
  },
  {
    name: 'mapped method without journal: the payment mode\'s journal',
    order: order({ paymentMethod: 'cod' }),
    settings: { orders: { payments: { create: true }, mappings: { defaultBankJournal: '', payments: [{ method: 'cod', paymentMode: 'ESP' }] } } },
    check: (r) => expect(r.document.payments[0]).toMatchObject({ modeCode: 'ESP', journalCode: 'CAI' }),
  },
  {
    name: 'payments from the order\'s individual payments',
    order: order({
      payments: [
        { method: 'giftcard', title: 'Carte cadeau', amount: '5.00', date: '2019-01-22T10:15:30.000Z', transactionId: 'GC-1' },
        { method: 'stripe', title: 'Carte bancaire', amount: '7.90', date: '2019-01-22T10:16:00.000Z', transactionId: 'ch_1' },
      ],
    }),
    settings: { orders: { payments: { create: true, fromIndividualPayments: true, date: 'paymentDate' }, mappings: { defaultCreatePayment: true, defaultPaymentMode: 'DIV' } } },
    check: (r) => expect(r.document.payments.map((p) => [p.modeCode, p.journalCode, p.amount, p.date, p.reference])).toEqual([
      ['DIV', 'BQ1', '5.00', '2019-01-22T10:15:30.000Z', 'GC-1'],
      ['CB', 'BQ1', '7.90', '2019-01-22T10:16:00.000Z', 'ch_1'],
    ]),
  },
  {
    name: 'a method whose "create" box is unticked: no payment',
    order: order(),
    settings: payments([{ method: 'stripe', paymentMode: 'CB', createPayment: false }]),
    check: (r) => expect(r.document.payments).toEqual([]),
  },
  {
    name: 'payment mode left out of the document',
    order: order(),
    settings: { orders: { omitPaymentMode: true } },
    check: (r) => {
      expect(r.paymentModeCode).toBeNull();
      expect(r.customer.create?.paymentModeCode).toBeNull();
    },
  },

  // --- CMD-10: validation -------------------------------------------------------------------
  {
    name: 'validate the document when the totals agree',
    order: order(),
    settings: { orders: { validation: { validate: true } } },
    check: (r) => expect(r.validate).toBe(true),
  },
  {
    name: 'not validated when the totals differ',
    order: order({ lines: [line('AR0003', 'Chocolat Noir', '3', '4.6933', '5.5')] }),
    settings: { orders: { validation: { validate: true } } },
    check: (r) => {
      expect(r.validate).toBe(false);
      expect(said(r.warnings)).toContain('evenIfTotalDiffers');
    },
  },
  {
    name: 'validated even if the total differs, when asked',
    order: order({ lines: [line('AR0003', 'Chocolat Noir', '3', '4.6933', '5.5')] }),
    settings: { orders: { validation: { validate: true, evenIfTotalDiffers: true } } },
    check: (r) => expect(r.validate).toBe(true),
  },
  {
    name: 'validated because a payment is created (orders.payments.validateDocument)',
    order: order(),
    settings: { orders: { payments: { create: true, validateDocument: true } } },
    check: (r) => expect(r.validate).toBe(true),
  },
  {
    name: 'écart: a ZECART line brings the GesCom total to the shop\'s',
    order: order({ lines: [line('AR0003', 'Chocolat Noir', '3', '4.6933', '5.5')] }),
    settings: { orders: { payments: { createGaps: true } } },
    check: (r) => {
      expect(rows(r).at(-1)).toEqual(['ZECART', '1', '0.01', '0', 'C00']);
      expect(r.gescomTotals.totalTtc).toBe(r.shopTotals.inclTax);
      expect(r.difference.ttc).toBe('0.01');
    },
  },
];

describe('mapOrder: one case per rule and option', () => {
  test.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    c.check(run(c.order, c.settings, c.refs));
  });
});

describe('mapOrder: orders not imported', () => {
  test.each([
    ["manual: a status other than 'Paiement accepté' is skipped", 'Annulé', [{ status: 'Paiement accepté', documentType: 'invoice' }], 'status Annulé not imported'],
    ['no status mapped at all', 'processing', [], 'configure orders.statusMapping'],
  ])('%s', (_name, status, statusMapping, reason) => {
    const o = order({ status });
    const r = mapOrder(o, settingsWith({ orders: { statusMapping } }), refsFor(o));
    expect(r.skip && said([r.skip], 'en')).toContain(reason);
  });
});

describe('mapOrder: a missing mapping stops the order with the option to configure', () => {
  const unknown = order({ lines: [line('XYZ-1', 'Bougie', '1', '7.50', '20')] });
  test.each([
    ['Divers article not set', unknown, { orders: { specialArticles: { divers: '' } } }, {}, 'orders.specialArticles.divers'],
    ['Divers article missing from the GesCom', unknown, {}, { withoutArticles: ['ZDIVERS'] }, 'orders.specialArticles.divers'],
    ['unknown article and Divers off', unknown, { orders: { lines: { useDivers: false } } }, {}, 'orders.lines.useDivers'],
    ['packaging article not set', order({ fees: [{ name: 'Emballage cadeau', totalExclTax: '2.50', taxes: [tax('20', '0.50')], kind: 'giftWrap' }] }),
      { orders: { specialArticles: { packaging: '' } } }, {}, 'orders.specialArticles.packaging'],
    ['shipping article not set', order({ shippingLines: [{ methodId: 'x', title: 'Port', totalExclTax: '4.90', taxes: [tax('20', '0.98')] }] }),
      { orders: { shippingAs: 'article', specialArticles: { shipping: '' } } }, {}, 'orders.specialArticles.shipping'],
    ['discount article not set', voucherOrder, { orders: { specialArticles: { discount: '', discountByVat: [] } } }, {}, 'orders.specialArticles.discount'],
    ['discount article per VAT missing from the GesCom', voucherOrder, {}, { withoutArticles: ['ZREMISE55'] }, 'orders.specialArticles.discountByVat'],
    ['gap article not set', order({ lines: [line('AR0003', 'Chocolat', '3', '4.6933', '5.5')] }),
      { orders: { payments: { createGaps: true }, specialArticles: { gap: '' } } }, {}, 'orders.specialArticles.gap'],
    ['tax not mapped, no default', order({ lines: [line('AR0010', 'Mug', '1', '10.00', '19')] }),
      { orders: { mappings: { defaultVatCode: '' } } }, {}, 'orders.mappings.taxes'],
    ['payment method not mapped, no default', order({ paymentMethod: 'klarna' }),
      { orders: { payments: { create: true }, mappings: { defaultPaymentMode: '', defaultCreatePayment: true } } }, {}, 'orders.mappings.payments'],
    ['payment mode unknown to the GesCom', order(), payments([{ method: 'stripe', paymentMode: 'CARTE' }]), {}, 'orders.mappings.payments'],
    ['currency not mapped', order({ currency: 'CHF' }), {}, {}, 'orders.mappings.currencies'],
    ['country without accounting category', order({ shipping: [{ ...ADDRESS, countryCode: 'JP' }] }),
      { orders: { mappings: { defaultAccountingCategoryWithTax: '' } } }, {}, 'orders.mappings.accountingCategories'],
    ['depot unknown', order(), { orders: { depot: '0009' } }, {}, 'orders.depot'],
    ['single account not set', order(), { orders: { accountMode: 'single', searchCustomerByEmail: false } }, {}, 'orders.singleAccount'],
    ['guest account unknown', order(guest), { orders: { guestAccount: 'NOPE' } }, {}, 'orders.guestAccount'],
    ['payment-method account unknown', order({ paymentMethod: 'AMAZON' }), payments([{ method: 'AMAZON', paymentMode: 'CB', customerAccount: 'WEBAMAZON' }]), {},
      'orders.mappings.payments'],
    ['customer id too long for the account length', order({ customer: { ...order().customer, id: '1234567' } }), {}, {}, 'orders.accountLength'],
  ] as const)('%s -> %s', (_name, o, settings, refs, field) => {
    let error: unknown;
    try {
      mapOrder(o, settingsWith(settings as Obj), refsFor(o, refs as RefsExtra));
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(OrderMappingError);
    expect(error).toMatchObject({ field, entity: 'order 187', orderId: '187' });
  });

  test('CMD-12: the import checks the special articles before starting', () => {
    const s = settingsWith({ orders: { specialArticles: { divers: '', packaging: 'NOPE' }, payments: { createGaps: true } } });
    const errors = checkSpecialArticles(s.orders, refsFor(order()).articles);
    expect(errors.map((e) => e.field)).toEqual(['orders.specialArticles.divers', 'orders.specialArticles.packaging']);
    expect(checkSpecialArticles(settingsWith().orders, refsFor(order()).articles)).toEqual([]);
  });
});
