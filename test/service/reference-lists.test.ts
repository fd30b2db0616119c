/**
 * The mapping grids' data (GET /api/profiles/:name/lists) and the connection diagnosis
 * (POST /api/profiles/:name/check, PRF-09) over the sample company and the WooCommerce simulator.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/service/server.js';
import type { ApiCheckReport, ApiReferenceLists } from '../../src/service/api-types-mapping.js';
import { OrdersEnv } from '../orders/support-orders.js';
import { PsActionEnv } from '../prestashop/support-actions.js';

let env: OrdersEnv;
let server: FastifyInstance;
beforeAll(async () => {
  env = await OrdersEnv.start();
  server = buildServer({ app: env.app }).server;
  await server.ready();
});
afterAll(async () => {
  await server?.close();
  await env?.close();
});

async function lists(lang = 'fr', query = ''): Promise<ApiReferenceLists> {
  const res = await server.inject({ method: 'GET', url: `/api/profiles/demo/lists${query}`, headers: { 'accept-language': lang } });
  expect(res.statusCode).toBe(200);
  return res.json<ApiReferenceLists>();
}

async function check(lang = 'fr'): Promise<ApiCheckReport> {
  const res = await server.inject({ method: 'POST', url: '/api/profiles/demo/check', headers: { 'accept-language': lang }, payload: {} });
  expect(res.statusCode).toBe(200);
  return res.json<ApiCheckReport>();
}

const ids = (items: { id: string }[] | undefined) => (items ?? []).map((i) => i.id);

describe('GET /api/profiles/:name/lists', { timeout: 60_000 }, () => {
  it('lists what the sample company and the WooCommerce shop hold', async () => {
    const l = await lists('fr');
    const g = l.gescom.lists!;
    expect(l.gescom.error).toBeUndefined();
    expect(ids(g.vatCodes)).toEqual(['C00', 'C10', 'C20', 'C21', 'C55']);
    expect(g.vatCodes.find((v) => v.id === 'C55')).toMatchObject({ rate: '5.5', label: 'C55 - TVA collectée à 5,5 %' });
    expect(ids(g.paymentModes)).toEqual(['CB', 'CHQ', 'DIV', 'ESP', 'PAYPAL', 'VIR']);
    expect(ids(g.bankJournals)).toEqual(['BQ1', 'BQ2', 'CAI']);
    expect(ids(g.depots)).toEqual(['0001', '0002']);
    expect(g.priceCategories[1]).toEqual({ id: '2', label: 'Tarif 2 (prix TTC)' });
    expect(ids(g.accountingCategories)).toEqual(['EXPORT', 'INTRA', 'LOCAL']);
    expect(ids(g.currencies)).toEqual(['EUR', 'GBP', 'USD']);
    expect(g.documentTypes.map((d) => d.label)).toEqual(['Devis', 'Bon de commande', 'Préparation de livraison', 'Bon de livraison', 'Facture']);
    expect(ids(g.documentStates).at(-1)).toBe('paid');
    expect(g.articles).toBeUndefined();

    const s = l.shop.lists!;
    expect(l.shop).toMatchObject({ kind: 'woocommerce' });
    expect(l.shop.error).toBeUndefined();
    // The recorded shop's gateways (bacs and cheque enabled with French titles) and its tax classes.
    expect(s.paymentMethods).toEqual([{ id: 'bacs', label: 'Virement bancaire' }, { id: 'cheque', label: 'Chèque' }, { id: 'cod', label: 'Cash on delivery' }]);
    expect(s.taxClasses).toEqual([
      { id: 'standard', label: 'Standard rate' }, { id: 'reduced-rate', label: 'Reduced rate' },
      { id: 'taux-intermediaire', label: 'Taux intermédiaire' }, { id: 'zero-rate', label: 'Zero rate' },
    ]);
    expect(s.taxes).toContainEqual({ id: '2', label: 'TVA 5,5% - 5.5 % (FR)', name: 'TVA 5,5%', rate: '5.5' });
    expect(s.carriers).toEqual([{ id: 'Colissimo', label: 'Colissimo (France)' }]);
    expect(ids(s.zones)).toEqual(['Locations not covered by your other zones', 'France']);
    expect(s.countries).toContainEqual({ id: 'FR', label: 'France' });
    expect(s.currencies?.map((c) => c.id)).toEqual(['EUR']);
    expect(s.orderStatuses?.find((o) => o.id === 'on-hold')?.label).toBe('En attente');
    // WooCommerce has no customer groups without its plugin: the list is absent, not empty.
    expect(s.customerGroups).toBeUndefined();
  });

  it('answers in English, and searches GesCom articles by code or designation', async () => {
    const l = await lists('en', '?articles=zport');
    expect(l.gescom.lists!.documentTypes[0]).toEqual({ id: 'quote', label: 'Quote' });
    expect(l.shop.lists!.orderStatuses?.find((o) => o.id === 'on-hold')?.label).toBe('On hold');
    expect(ids(l.gescom.lists!.articles)).toEqual(['ZPORT']);
  });

  it('a refused shop key: the GesCom part still answers, the shop part names the key', async () => {
    const saved = env.profile();
    env.editProfile((p) => (p.shop.kind === 'woocommerce' ? { ...p, shop: { ...p.shop, woocommerce: { ...p.shop.woocommerce, key: 'ck_wrong' } } } : p));
    try {
      const l = await lists('en');
      expect(ids(l.gescom.lists?.vatCodes)).toContain('C20');
      expect(l.shop.lists).toBeUndefined();
      expect(l.shop.error).toMatchObject({ field: 'shop.woocommerce.key', entity: 'profile demo' });
      expect(l.shop.error!.message).toBe("The shop refuses the profile's credentials (woocommerce_rest_authentication_error): check shop.woocommerce.key (Consumer key is invalid.)");

      const c = await check('en');
      expect(c.ok).toBe(false);
      expect(c.checks.find((x) => x.id === 'shop.auth')).toMatchObject({ state: 'error', field: 'shop.woocommerce.key', label: 'Shop access keys' });
      expect(c.checks.find((x) => x.id === 'gescom.connection')).toMatchObject({ state: 'ok', message: 'Company: Société exemple (EUR)' });
    } finally {
      env.editProfile(() => saved);
    }
  });

  it('an unreachable shop: the shop part says so and names its address', async () => {
    const saved = env.profile();
    env.editProfile((p) => ({ ...p, shop: { ...p.shop, url: 'http://127.0.0.1:9' }, http: { ...p.http, maxTries: 1 } }));
    try {
      const l = await lists('fr');
      expect(l.gescom.lists?.paymentModes.length).toBe(6);
      expect(l.shop.error).toMatchObject({ field: 'shop.url' });
    } finally {
      env.editProfile(() => saved);
    }
  });
});

describe('POST /api/profiles/:name/check', { timeout: 60_000 }, () => {
  it('runs the checks of passerelle check one by one, naming the option of a finding', async () => {
    const c = await check('fr');
    const byId = new Map(c.checks.map((x) => [x.id, x]));
    expect(byId.get('gescom.content')).toMatchObject({ state: 'ok', message: '28 articles, 8 clients, 2 dépôts, 7 catégories tarifaires, 5 codes TVA' });
    expect(byId.get('gescom.code.orders.specialArticles.shipping')).toMatchObject({ state: 'ok', message: 'ZPORT existe dans la gestion commerciale' });
    expect(byId.get('shop.auth')).toMatchObject({ state: 'ok', label: "Clés d'accès à la boutique" });
    // The recorded shop enters its prices with tax; the demo profile sends them without.
    expect(byId.get('shop.prices')).toMatchObject({ state: 'error', field: 'prices.base', entity: 'profil demo' });
    expect(byId.get('money.articles.taxes.mapping')).toMatchObject({ state: 'warning', field: 'articles.taxes.mapping' });
    expect(byId.get('money.articles.taxes.mapping')!.message).toContain('C21');
    expect(c.ok).toBe(false);
  });

  it('is ok on the demo profile once its prices base matches the shop, and names a wrong GesCom code', async () => {
    const saved = env.profile();
    env.editProfile((p) => ({ ...p, prices: { ...p.prices, base: 'TTC' } }));
    try {
      const c = await check('en');
      expect(c.checks.filter((x) => x.state === 'error')).toEqual([]);
      expect(c.ok).toBe(true);
      env.editProfile((p) => ({ ...p, orders: { ...p.orders, mappings: { ...p.orders.mappings, defaultPaymentMode: 'NOPE' } } }));
      const wrong = await check('en');
      expect(wrong.ok).toBe(false);
      expect(wrong.checks.find((x) => x.id === 'gescom.code.orders.mappings.defaultPaymentMode')).toMatchObject({
        state: 'error', field: 'orders.mappings.defaultPaymentMode', label: 'Payment mode of option orders.mappings.defaultPaymentMode',
      });
    } finally {
      env.editProfile(() => saved);
    }
  });
});

describe('PrestaShop', { timeout: 60_000 }, () => {
  it('lists the webservice\'s tax rule groups, order states, carriers, groups, countries, zones and currencies', async () => {
    const ps = await PsActionEnv.start();
    const { server: psServer } = buildServer({ app: ps.app });
    try {
      const res = await psServer.inject({ method: 'GET', url: '/api/profiles/demo/lists', headers: { 'accept-language': 'fr' } });
      expect(res.statusCode).toBe(200);
      const l = res.json<ApiReferenceLists>();
      expect(l.shop.error).toBeUndefined();
      const s = l.shop.lists!;
      expect(s.taxClasses).toEqual([
        { id: '1', label: 'FR Taux standard (20%)' }, { id: '2', label: 'FR Taux réduit (10%)' },
        { id: '3', label: 'FR Taux réduit (5.5%)' }, { id: '4', label: 'FR Taux super réduit (2.1%)' },
      ]);
      expect(s.taxes).toContainEqual({ id: '3', label: 'TVA FR 5.5% - 5.5 %', name: 'TVA FR 5.5%', rate: '5.5' });
      expect(s.orderStatuses?.slice(0, 2)).toEqual([{ id: '1', label: 'Awaiting check payment' }, { id: '2', label: 'Payment accepted' }]);
      expect(s.carriers).toEqual([{ id: 'Click and collect', label: 'Click and collect' }]);
      expect(ids(s.customerGroups)).toEqual(['Visiteur', 'Invité', 'Client']);
      expect(s.countries).toEqual([{ id: 'FR', label: 'France' }]);
      expect(ids(s.zones)).toEqual(['Europe', 'Europe (non-EU)']);
      expect(s.currencies).toEqual([{ id: 'EUR', label: 'Euro (EUR)' }]);
      // The webservice lists no payment modules: absent, the grid takes free text.
      expect(s.paymentMethods).toBeUndefined();
      expect(ids(l.gescom.lists?.vatCodes)).toContain('C55');
    } finally {
      await psServer.close();
      await ps.close();
    }
  });
});
