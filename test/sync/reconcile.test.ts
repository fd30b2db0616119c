/**
 * Reconciliation rules (src/sync/engine/reconcile.ts), table-driven: what counts as
 * drift per aspect, what is written, and the exact journal line, in French and
 * English.
 */
import { describe, expect, test } from 'vitest';
import { Messages, type Lang, type MessageKey } from '../../src/i18n/catalogue.js';
import type { ShopCustomerState, ShopProductState } from '../../src/shops/port.js';
import type { CustomerDraft, PriceDraft } from '../../src/sync/drafts.js';
import { customerDrift, priceDrift, statusDrift, stockDrift } from '../../src/sync/engine/reconcile.js';
import type { StockAspect } from '../../src/sync/mapping/aspects.js';
import { DEFAULT_RECONCILE_TASKS } from '../../src/actions/default-tasks.js';
import { demoProfile } from './sample.js';

const messages = new Messages();
const tIn = (lang: Lang) => (key: MessageKey, params?: Record<string, string | number>) => messages.t(lang, key, params);
const t = tIn('fr');

function held(over: Partial<ShopProductState> = {}): ShopProductState {
  return { shopId: '406', sku: 'AR0003', kind: 'simple', quantity: 120, regularPrice: '4.95', salePrice: '', active: true, outOfStock: false, ...over };
}
function stock(quantity: number | null): StockAspect {
  return { quantity, minQuantity: null, weight: '0.100', barcode: null, warrantyMonths: null };
}
function price(regular: string, sale: string | null = null): PriceDraft {
  return { regular, sale: sale ? { price: sale, from: null, to: null } : null, purchase: null, ecotax: null, groups: [] };
}

describe('stockDrift', () => {
  const profile = demoProfile();
  const negative = demoProfile({ stock: { sendNegative: true } });
  const cases: { name: string; gescom: number | null; shop: number | null; pending: number; p?: typeof profile; written: number | null | 'none'; line?: string }[] = [
    { name: 'same quantity', gescom: 120, shop: 120, pending: 0, written: 'none' },
    { name: 'changed by hand (the issue)', gescom: 46, shop: 999, pending: 0, written: 46, line: 'article AR0003 : stock boutique 999 ≠ 46 attendu' },
    { name: 'orders not imported already taken out', gescom: 120, shop: 117, pending: 3, written: 'none' },
    { name: 'drift with orders not imported', gescom: 120, shop: 999, pending: 3, written: 117,
      line: 'article AR0003 : stock boutique 999 ≠ 117 attendu (120 en gestion commerciale - 3 en commandes non importées)' },
    { name: 'more ordered than held: 0 without sendNegative', gescom: 2, shop: 5, pending: 5, written: 0,
      line: 'article AR0003 : stock boutique 5 ≠ 0 attendu (2 en gestion commerciale - 5 en commandes non importées)' },
    { name: 'more ordered than held: negative with sendNegative', gescom: 2, shop: 0, pending: 5, p: negative, written: -3,
      line: 'article AR0003 : stock boutique 0 ≠ -3 attendu (2 en gestion commerciale - 5 en commandes non importées)' },
    { name: 'untracked in the GesCom, managed in the shop', gescom: null, shop: 12, pending: 0, written: null,
      line: 'article AR0003 : stock boutique 12 ≠ non géré attendu' },
    { name: 'untracked on both sides, orders ignored', gescom: null, shop: null, pending: 4, written: 'none' },
    { name: 'not managed in the shop', gescom: 10, shop: null, pending: 0, written: 10, line: 'article AR0003 : stock boutique non géré ≠ 10 attendu' },
  ];
  test.each(cases)('$name', ({ gescom, shop, pending, p, written, line }) => {
    const d = stockDrift('AR0003', stock(gescom), held({ quantity: shop }), pending, p ?? profile, t);
    if (written === 'none') {
      expect(d).toBeNull();
      return;
    }
    expect(d?.write).toEqual({ ...stock(gescom), quantity: written });
    expect(d?.lines).toEqual([line]);
  });

  test('in English', () => {
    expect(stockDrift('AR0003', stock(46), held({ quantity: 999 }), 0, profile, tIn('en'))?.lines).toEqual(['article AR0003: shop stock 999 ≠ 46 expected']);
  });
});

describe('priceDrift', () => {
  const cases: { name: string; expected: PriceDraft; shop: Partial<ShopProductState>; lines: string[] }[] = [
    { name: 'same price', expected: price('4.95'), shop: {}, lines: [] },
    { name: 'same price, other notation', expected: price('4.95'), shop: { regularPrice: '4.950' }, lines: [] },
    { name: 'changed by hand (the issue)', expected: price('4.95'), shop: { regularPrice: '1.00' }, lines: ['article AR0003 : prix boutique 1.00 ≠ 4.95 attendu'] },
    { name: 'no price in the shop', expected: price('4.95'), shop: { regularPrice: '' }, lines: ['article AR0003 : prix boutique — ≠ 4.95 attendu'] },
    { name: 'sale price added by hand', expected: price('4.95'), shop: { salePrice: '3.00' }, lines: ['article AR0003 : prix promotionnel boutique 3.00 ≠ — attendu'] },
    { name: 'promotion missing in the shop', expected: price('4.95', '3.96'), shop: {}, lines: ['article AR0003 : prix promotionnel boutique — ≠ 3.96 attendu'] },
    { name: 'both', expected: price('4.95', '3.96'), shop: { regularPrice: '5', salePrice: '4' },
      lines: ['article AR0003 : prix boutique 5 ≠ 4.95 attendu', 'article AR0003 : prix promotionnel boutique 4 ≠ 3.96 attendu'] },
  ];
  test.each(cases)('$name', ({ expected, shop, lines }) => {
    const d = priceDrift('AR0003', expected, held(shop), t);
    if (!lines.length) expect(d).toBeNull();
    else expect(d).toEqual({ lines, write: expected });
  });
});

describe('statusDrift', () => {
  const cases: { name: string; active: boolean; outOfStock: boolean; shop: Partial<ShopProductState>; lines: string[] }[] = [
    { name: 'published on both sides', active: true, outOfStock: false, shop: {}, lines: [] },
    { name: 'hidden by hand', active: true, outOfStock: false, shop: { active: false }, lines: ['article AR0003 : statut boutique masqué ≠ publié attendu'] },
    { name: 'published by hand', active: false, outOfStock: false, shop: { active: true }, lines: ['article AR0003 : statut boutique publié ≠ masqué attendu'] },
    { name: 'out of stock not shown', active: true, outOfStock: true, shop: {}, lines: ['article AR0003 : statut boutique publié ≠ en rupture attendu'] },
    { name: 'out of stock in the shop, not asked: left alone', active: true, outOfStock: false, shop: { outOfStock: true }, lines: [] },
  ];
  test.each(cases)('$name', ({ active, outOfStock, shop, lines }) => {
    const d = statusDrift('AR0003', { active, outOfStock }, held(shop), t);
    if (!lines.length) expect(d).toBeNull();
    else expect(d?.lines).toEqual(lines);
  });
});

describe('customerDrift', () => {
  const address = { firstName: 'Sophie', lastName: 'Bernard', company: '', line1: '14 rue Crébillon', line2: '', city: 'Nantes', state: '', postcode: '44000', countryCode: 'FR', email: 'sophie.bernard@example.fr', phone: '0240000001' };
  const draft: CustomerDraft = {
    gescomKey: 'CL0001', customerCode: 'CL0001', email: 'sophie.bernard@example.fr', firstName: 'Sophie', lastName: 'Bernard', company: '',
    billing: address, shipping: { ...address, email: '' }, group: null, notes: '', b2b: { vatNumber: null, creditLimit: null, paymentDelayDays: null, risk: null }, active: true,
  };
  const shop = (over: Partial<ShopCustomerState> = {}): ShopCustomerState => ({
    id: '3', email: draft.email, firstName: 'Sophie', lastName: 'Bernard', billing: address, shipping: { ...address, email: '' }, ...over,
  });
  const all = { email: true, names: true, addresses: true };
  const none = { email: false, names: false, addresses: false };
  const cases: { name: string; held: ShopCustomerState; on: typeof all; lines: string[] }[] = [
    { name: 'same customer', held: shop(), on: all, lines: [] },
    { name: 'e-mail case only', held: shop({ email: 'Sophie.Bernard@example.fr' }), on: all, lines: [] },
    { name: 'first name changed, names switch on', held: shop({ firstName: 'Sophia' }), on: all, lines: ['client CL0001 : prénom boutique « Sophia » ≠ « Sophie » attendu'] },
    { name: 'first name changed, names switch off', held: shop({ firstName: 'Sophia' }), on: { ...all, names: false }, lines: [] },
    { name: 'e-mail changed, switch off (default)', held: shop({ email: 'autre@example.fr' }), on: { ...all, email: false }, lines: [] },
    { name: 'e-mail changed, switch on', held: shop({ email: 'autre@example.fr' }), on: all,
      lines: ['client CL0001 : e-mail boutique « autre@example.fr » ≠ « sophie.bernard@example.fr » attendu'] },
    { name: 'city changed, addresses on', held: shop({ billing: { ...address, city: 'Rezé' } }), on: all,
      lines: ['client CL0001 : adresse de facturation boutique « Sophie Bernard, 14 rue Crébillon, 44000 Rezé, FR, 0240000001 » ≠ « Sophie Bernard, 14 rue Crébillon, 44000 Nantes, FR, 0240000001 » attendu'] },
    { name: 'shipping e-mail is not compared (the shop has none)', held: shop({ shipping: { ...address, email: 'x@example.fr' } }), on: all, lines: [] },
    { name: 'everything off', held: shop({ email: 'a@b.fr', firstName: 'X', billing: null }), on: none, lines: [] },
  ];
  test.each(cases)('$name', ({ held: h, on, lines }) => {
    expect(customerDrift(draft, h, on, t)).toEqual(lines);
  });
});

describe('default daily reconciliation tasks (for the scheduler, issue 9)', () => {
  test('valid schedule.tasks entries: stock, prices and customers reconciled at night', () => {
    const p = demoProfile({ schedule: { tasks: DEFAULT_RECONCILE_TASKS } });
    expect(p.schedule.tasks.map((x) => [x.action, x.cron, x.params])).toEqual([
      ['products.stocks', '15 3 * * *', { reconcile: true }],
      ['products.prices', '30 3 * * *', { reconcile: true }],
      ['customers.export', '45 3 * * *', { reconcile: true }],
    ]);
  });
});
