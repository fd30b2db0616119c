/**
 * Catalogue actions end to end (shop.check, products.export, products.stocks,
 * products.prices, products.status) on the sample company against the WooCommerce
 * simulator: what the shop holds after each run, field by field, and what each run
 * sent (requests, write requests) and recorded (counts, journal).
 */
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { journalFile } from '../../src/journal/journal.js';
import { ActionEnv, linesWith, removeSampleDb, meta, type WooProduct } from './support-actions.js';

let env: ActionEnv;

beforeEach(async () => {
  env = await ActionEnv.start();
});
afterEach(async () => {
  await env?.close();
});
afterAll(removeSampleDb);

const VARIATIONS_BATCH = 'POST /wc/v3/products/{product_id}/variations/batch';
const PRODUCTS_BATCH = 'POST /wc/v3/products/batch';

/** The 17 simple products and the variable PULL the sample company publishes. */
const SIMPLE_SKUS = [
  'AR0001', 'AR0002', 'AR0003', 'AR0004', 'AR0005', 'AR0006', 'AR0007', 'AR0008', 'AR0009', 'AR0010', 'AR0011', 'AR0012', 'AR0013',
  'AR0018', 'AR0019', 'ARTAUTO', 'ARTDIVERS',
];
const ALL_SKUS = [...SIMPLE_SKUS, 'PULL'].sort();

function bySku(products: WooProduct[]): Map<string, WooProduct> {
  return new Map(products.map((p) => [p.sku, p]));
}

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as AddressInfo).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

// ------------------------------------------------------------------------------------------ 1

describe('shop.check', () => {
  test('right keys: no failed count, the journal says the keys are accepted', async () => {
    const r = await env.run('shop.check');
    expect(r.record.status).toBe('succeeded');
    expect(r.record.counts.connection?.failed ?? 0).toBe(0);
    expect(r.record.counts.connection?.unchanged).toBeGreaterThanOrEqual(2);
    expect(r.lines).toContain('--> clés API acceptées');
    expect(r.lines).toContain('--> API REST WooCommerce wc/v3 trouvée');
    expect(r.lines).toContain('--> pricesIncludeTax : yes');
    expect(r.lines.filter((l) => l.includes('Erreur'))).toEqual([]);
    // Money (issue 7): the shop's currency, the documents' price mode, every VAT code carried.
    expect(r.lines).toContain('--> devise de la boutique : EUR, pièces en EUR');
    expect(r.lines).toContain('--> pièces des commandes en TTC : la boutique saisit ses prix TTC (orders.lines.priceMode auto)');
    expect(r.lines).toContain('--> chaque code TVA de la gestion commerciale a sa classe de taxe dans la boutique');
    expect(r.lines.filter((l) => l.includes('Avertissement'))).toEqual([]);
    expect(r.writeRequests).toBe(0);
    // The run's own count of what it sent equals the shop's, and the summary says it.
    expect(r.record).toMatchObject({ requests: r.requests, writeRequests: 0 });
    expect(r.requests).toBeGreaterThan(0);
    expect(r.lines.at(-1)).toMatch(new RegExp(`^- Fin de la vérification de la connexion à la boutique en \\d+\\.\\d s : ${r.requests} requête\\(s\\) à la boutique, dont 0 en écriture$`));
  });

  test('issue 7: a shop in USD the profile does not map, HT set by hand, no 2.1 % class: one error and two warnings naming the options', async () => {
    const bare = await ActionEnv.start({ superReducedRate: false });
    try {
      const put = await bare.sim.request('PUT', '/wc/v3/settings/general/woocommerce_currency', { value: 'USD' });
      expect(put.status).toBe(200);
      bare.editProfile((p) => ({ ...p, orders: { ...p.orders, lines: { ...p.orders.lines, priceMode: 'HT' } } }));
      const r = await bare.run('shop.check');
      expect(r.record.counts.settings).toMatchObject({ failed: 1 });
      expect(linesWith(r.lines, 'Erreur')).toEqual([
        "--> Erreur : profil demo (orders.mappings.currencies) : la boutique vend en USD, la société tient ses comptes en EUR, et le profil "
        + "n'associe pas USD à une devise de la gestion commerciale : ses commandes seront refusées ; ajoutez USD à l'option orders.mappings.currencies",
      ]);
      expect(linesWith(r.lines, 'Avertissement')).toEqual([
        "--> Avertissement : orders.lines.priceMode vaut HT mais la boutique saisit ses prix TTC : les totaux des pièces peuvent différer "
        + "d'un centime de ceux de la boutique ; mettez orders.lines.priceMode à auto",
        '--> Avertissement : code TVA C21 (2.1 %) : aucune classe de taxe de la boutique à ce taux ; ses articles seront refusés (option articles.taxes.mapping)',
      ]);
    } finally {
      await bare.close();
    }
  });

  test('issue 7: a shop that calculates no tax: a warning pointing at articles.taxes.noVat, none once it is set', async () => {
    const put = await env.sim.request('PUT', '/wc/v3/settings/general/woocommerce_calc_taxes', { value: 'no' });
    expect(put.status).toBe(200);
    const r = await env.run('shop.check');
    expect(linesWith(r.lines, 'Avertissement')).toEqual([
      "--> Avertissement : la boutique ne calcule pas les taxes (WooCommerce > Réglages > Activer les taxes) : ses clients ne paient aucune TVA ; "
      + "activez-les, ou mettez articles.taxes.noVat à oui si l'entreprise ne facture pas de TVA (franchise en base)",
    ]);
    env.editProfile((p) => ({ ...p, articles: { ...p.articles, taxes: { ...p.articles.taxes, noVat: true } } }));
    const again = await env.run('shop.check');
    expect(linesWith(again.lines, 'Avertissement')).toEqual([]);
    expect(again.lines).toContain('--> articles.taxes.noVat : la boutique ne facture pas de TVA, classes de taxe non vérifiées');
  });

  test('wrong secret: a failed connection count and a line naming shop', async () => {
    env.editProfile((p) => ({ ...p, shop: { ...p.shop, woocommerce: { ...p.shop.woocommerce, secret: 'cs_wrong0000000000000000000000000000000000' } } }));
    const r = await env.run('shop.check');
    expect(r.record.counts.connection?.failed).toBe(1);
    // A check with a failed check is failed, whatever passed.
    expect(r.record).toMatchObject({ status: 'failed', message: '1 vérification(s) en échec' });
    const errors = linesWith(r.lines, 'Erreur', `boutique ${env.sim.url}`, '(shop)');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('clé ou secret refusé par la boutique');
    expect(errors[0]).toContain('woocommerce_rest_authentication_error');
    // The wrong secret itself never reaches the journal.
    expect(r.lines.join('\n')).not.toContain('cs_wrong0000000000000000000000000000000000');
    expect(r.lines).not.toContain('--> clés API acceptées');
  });

  test('closed port: a line saying the shop is unreachable', async () => {
    const port = await freePort();
    env.editProfile((p) => ({ ...p, shop: { ...p.shop, url: `http://127.0.0.1:${port}` }, http: { ...p.http, maxTries: 1 } }));
    const r = await env.run('shop.check');
    expect(r.record.counts.connection?.failed).toBe(1);
    const errors = linesWith(r.lines, 'Erreur', `boutique http://127.0.0.1:${port}`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain("boutique injoignable, vérifiez l'URL : ");
    expect(errors[0]).toContain('ECONNREFUSED');
  });

  test('the shop answers HTTP 500: the line says it answered with an error, its status and message, not "unreachable"', async () => {
    env.editProfile((p) => ({ ...p, http: { ...p.http, maxTries: 2 } }));
    env.sim.faults.add({ match: (m, p) => m === 'GET' && p === '/wp-json/', times: 2, kind: 'status5xx' });
    const r = await env.run('shop.check');
    expect(r.record.counts.connection?.failed).toBe(1);
    const errors = linesWith(r.lines, 'Erreur', `boutique ${env.sim.url}`);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(`(shop) : la boutique a répondu par une erreur HTTP 500 (internal_server_error) : There has been a critical error on this website. Learn more about troubleshooting WordPress. (GET ${env.sim.url}/wp-json/`);
    // The signed URL is shown without its query string: its OAuth parameters never appear.
    expect(errors[0]).toMatch(/\/wp-json\/\?…\), après 2 essais$/);
    expect(errors[0]).not.toContain('oauth_');
    expect(errors[0]).not.toContain('injoignable');
    expect(env.sim.stats.log.filter((l) => l.fault === 'status5xx')).toHaveLength(2);
  });

  test('a WordPress without WooCommerce: a line saying the WooCommerce REST API is not enabled', async () => {
    const seen: string[] = [];
    const wp = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url?.split('?')[0]}`);
      if (req.method === 'GET' && req.url?.startsWith('/wp-json/')) {
        res.writeHead(200, { 'content-type': 'application/json; charset=UTF-8' });
        res.end(JSON.stringify({ name: 'Blog', namespaces: ['wp/v2'] }));
        return;
      }
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<h1>Not Found</h1>');
    });
    await new Promise<void>((resolve) => wp.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(wp.address() as AddressInfo).port}`;
      env.editProfile((p) => ({ ...p, shop: { ...p.shop, url } }));
      const r = await env.run('shop.check');
      expect(r.record.counts.connection?.failed).toBe(1);
      const errors = linesWith(r.lines, 'Erreur', `boutique ${url}`, '(shop)');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toContain("l'API REST WooCommerce (wc/v3) n'est pas active");
      // Nothing else asked once the namespace is missing.
      expect(seen).toEqual(['GET /wp-json/']);
    } finally {
      await new Promise<void>((resolve) => wp.close(() => resolve()));
    }
  });

  test('prices.base HT while the shop enters prices with tax: a failed check naming prices.base', async () => {
    env.editProfile((p) => ({ ...p, prices: { ...p.prices, base: 'HT' } }));
    const r = await env.run('shop.check');
    expect(r.record.counts.connection?.failed).toBe(1);
    const errors = linesWith(r.lines, 'Erreur', '(prices.base)');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('la boutique saisit les prix TTC mais le profil envoie des prix HT');
    // The keys themselves are fine.
    expect(r.lines).toContain('--> clés API acceptées');
  });
});

// ------------------------------------------------------------------------------------------ 2, 3

describe('products.export', () => {
  test('the shop holds the categories, the products and the variations of the sample company', async () => {
    const r = await env.run('products.export');
    expect(r.record.status).toBe('succeeded');
    expect(r.record.counts).toEqual({
      categories: { created: 9, updated: 0, unchanged: 0, skipped: 0, failed: 0 },
      // 17 simple products + the variable PULL.
      products: { created: 18, updated: 0, unchanged: 0, skipped: 0, failed: 0 },
      variations: { created: 4, updated: 0, unchanged: 0, skipped: 0, failed: 0 },
    });

    // Categories from families, parents created before their children.
    const cats = await env.categories();
    const cat = (name: string) => cats.find((c) => c.name === name);
    const desserts = cat('Desserts et friandises')!;
    const chocolats = cat('Chocolats')!;
    const epicerie = cat('Épicerie fine')!;
    const boissons = cat('Boissons')!;
    expect(desserts.parent).toBe(0);
    expect(chocolats.parent).toBe(desserts.id);
    expect(chocolats.id).toBeGreaterThan(desserts.id);
    expect(epicerie.parent).toBe(0);
    expect(boissons.parent).toBe(epicerie.id);
    expect(boissons.id).toBeGreaterThan(epicerie.id);
    expect(cats.map((c) => c.name).sort()).toEqual([
      'Arts de la table', 'Boissons', 'Chocolats', 'Desserts et friandises', 'Fleurs et décoration', 'Frais et services',
      'Librairie et presse', 'Uncategorized', 'Vêtements', 'Épicerie fine',
    ].sort());

    const products = await env.products();
    const shop = bySku(products);
    expect(products.map((p) => p.sku).sort()).toEqual(ALL_SKUS);

    // AR0003, field by field.
    const ar3 = shop.get('AR0003')!;
    expect(ar3).toMatchObject({
      name: 'Chocolat Noir', type: 'simple', status: 'publish', regular_price: '4.95', sale_price: '',
      manage_stock: true, stock_quantity: 120, tax_status: 'taxable', tax_class: 'reduced-rate',
    });
    expect(ar3.categories.map((c) => c.id)).toContain(desserts.id);
    expect(meta(ar3, '_gescom_ref')).toBe('AR0003');

    // Tax classes by rate: 20 % standard (''), 10 % taux-intermediaire.
    expect(shop.get('AR0002')).toMatchObject({ tax_class: '', regular_price: '4.50', stock_quantity: 60 });
    expect(shop.get('AR0012')).toMatchObject({ tax_class: 'taux-intermediaire', regular_price: '25.00', manage_stock: false, stock_quantity: null });
    // HT-entered articles sent TTC: 9.58 HT × 1.2 = 11.496 -> 11.50; 4.08 × 1.2 = 4.896 -> 4.90.
    expect(shop.get('AR0008')?.regular_price).toBe('11.50');
    expect(shop.get('AR0011')?.regular_price).toBe('4.90');
    expect(shop.get('AR0001')?.categories.map((c) => c.id)).toEqual([boissons.id]);

    // Not publishable (AR0020) and specials (Z*) are not sent; dormant AR0019 is there as a draft.
    expect(shop.has('AR0020')).toBe(false);
    expect(products.filter((p) => p.sku.startsWith('Z'))).toEqual([]);
    expect(shop.get('AR0019')).toMatchObject({ status: 'draft', name: 'Chocolat Noir 200 g (ancien format)', regular_price: '8.90' });

    // The variable product and its four variations.
    const pull = shop.get('PULL')!;
    expect(pull).toMatchObject({ type: 'variable', name: 'Pull', status: 'publish' });
    expect(meta(pull, '_gescom_ref')).toBe('PULL');
    expect(pull.categories.map((c) => c.name)).toEqual(['Vêtements']);
    const couleur = pull.attributes.find((a) => a.name === 'Couleur')!;
    expect(couleur.variation).toBe(true);
    // WooCommerce lists the terms of a global attribute in its own order: compare as sets.
    expect([...couleur.options].sort()).toEqual(['Bleu', 'Jaune', 'Rouge', 'Vert']);
    const variations = await env.variations(pull.id);
    expect(variations).toHaveLength(4);
    expect(pull.variations.sort()).toEqual(variations.map((v) => v.id).sort());
    const expected = [
      { sku: 'AR0014', option: 'Rouge', price: '39.90', stock: 10 },
      { sku: 'AR0015', option: 'Vert', price: '39.90', stock: 5 },
      { sku: 'AR0016', option: 'Jaune', price: '42.00', stock: 0 },
      { sku: 'AR0017', option: 'Bleu', price: '44.90', stock: 8 },
    ];
    for (const e of expected) {
      const v = variations.find((x) => x.sku === e.sku);
      expect(v, e.sku).toBeDefined();
      expect(v!.regular_price, e.sku).toBe(e.price);
      expect(v!.stock_quantity, e.sku).toBe(e.stock);
      expect(v!.manage_stock, e.sku).toBe(true);
      expect(v!.attributes.map((a) => [a.name, a.option]), e.sku).toEqual([['Couleur', e.option]]);
      expect(meta(v!, '_gescom_ref'), e.sku).toBe(e.sku);
    }
    // The variations are not products of their own.
    expect(products.filter((p) => /^AR001[4-7]$/.test(p.sku))).toEqual([]);
  });

  test('a second export with nothing changed writes nothing and counts everything unchanged', async () => {
    await env.run('products.export');
    const before = await env.products();
    const r = await env.run('products.export');
    expect(r.writeRequests).toBe(0);
    expect(r.record.counts).toEqual({
      categories: { created: 0, updated: 0, unchanged: 9, skipped: 0, failed: 0 },
      products: { created: 0, updated: 0, unchanged: 18, skipped: 0, failed: 0 },
      variations: { created: 0, updated: 0, unchanged: 4, skipped: 0, failed: 0 },
    });
    expect(await env.products()).toEqual(before);
  });
});

// ------------------------------------------------------------------------------------------ 4, 5

describe('products.stocks / products.prices / products.status right after an export', () => {
  test('nothing changed: no request at all', async () => {
    await env.run('products.export');
    for (const action of ['products.stocks', 'products.prices', 'products.status']) {
      const r = await env.run(action);
      expect(r.requests, action).toBe(0);
      expect(r.record.status, action).toBe('succeeded');
      const entity = Object.values(r.record.counts)[0]!;
      expect(entity, action).toMatchObject({ created: 0, updated: 0, failed: 0, unchanged: 21 });
    }
  });
});

describe('products.stocks', () => {
  test('a stock change of AR0003 in depot 0001: one write, the shop holds 50, the others are untouched', async () => {
    await env.run('products.export');
    const before = bySku(await env.products());
    await env.gescom((g) => g.setStock('AR0003', '0001', { real: '50' }));

    const r = await env.run('products.stocks');
    expect(r.writeRequests).toBe(1);
    expect(r.byRoute[PRODUCTS_BATCH]).toBe(1);
    expect(r.record.counts.stock).toMatchObject({ updated: 1, unchanged: 20, failed: 0 });

    const after = bySku(await env.products());
    expect(after.get('AR0003')).toMatchObject({ stock_quantity: 50, manage_stock: true, regular_price: '4.95', status: 'publish' });
    for (const [sku, p] of before) {
      if (sku === 'AR0003') continue;
      expect(after.get(sku), sku).toEqual(p);
    }
    // And the next run has nothing to send.
    const again = await env.run('products.stocks');
    expect(again.requests).toBe(0);
  });

  test('a stock change of the variation AR0015: a write to the variations batch of PULL', async () => {
    await env.run('products.export');
    const pull = (await env.product('PULL'))!;
    const before = await env.variations(pull.id);
    await env.gescom((g) => g.setStock('AR0015', '0001', { real: '2' }));

    const r = await env.run('products.stocks');
    expect(r.writeRequests).toBe(1);
    expect(r.byRoute[VARIATIONS_BATCH]).toBe(1);
    expect(r.byRoute[PRODUCTS_BATCH]).toBeUndefined();
    expect(env.sim.stats.log.find((l) => l.method === 'POST')?.path).toBe(`/wp-json/wc/v3/products/${pull.id}/variations/batch`);

    const after = await env.variations(pull.id);
    expect(after.find((v) => v.sku === 'AR0015')?.stock_quantity).toBe(2);
    for (const v of before.filter((x) => x.sku !== 'AR0015')) expect(after.find((x) => x.id === v.id)?.stock_quantity, v.sku).toBe(v.stock_quantity);
  });
});

describe('the journal of a stock run', () => {
  /** The journal file's lines of the last run of `action`. */
  function lastRunLines(title: string): string[] {
    const all = fs.readFileSync(journalFile(env.app.dir.journalsDir, 'demo'), 'utf8').trimEnd().split('\n').map((l) => l.slice(20));
    return all.slice(all.lastIndexOf(`- Début de ${title}`));
  }

  test('one progress line per article sent; the unchanged ones in one line; entities in French; what it cost the shop', async () => {
    await env.run('products.export');
    await env.gescom((g) => g.setStock('AR0003', '0001', { real: '50' }));
    const r = await env.run('products.stocks');
    expect(r.record).toMatchObject({ status: 'succeeded', requests: r.requests, writeRequests: 1 });
    expect(lastRunLines("l'export des stocks des articles")).toEqual([
      "- Début de l'export des stocks des articles",
      '--> Lecture des articles',
      // A changed stock goes out less the shop's orders not imported yet (none here).
      expect.stringMatching(/^--> 0 commande\(s\) de la boutique pas encore importée\(s\) depuis le \d{4}-\d\d-\d\d : 0 unité\(s\) déduite\(s\) du stock attendu$/),
      '--> 3/21 - AR0003',
      '--> Réussi',
      '--> Inchangés (stocks) : 20, non envoyés (AR0001, AR0002, AR0004, AR0005, AR0006, …)',
      '--> Résumé stocks : 0 créé(s), 1 mis à jour, 20 inchangé(s), 0 ignoré(s), 0 en erreur',
      expect.stringMatching(new RegExp(`^- Fin de l'export des stocks des articles en \\d+\\.\\d s : ${r.requests} requête\\(s\\) à la boutique, dont 1 en écriture$`)),
    ]);

    // Nothing changed: no line per article at all.
    const again = await env.run('products.stocks');
    expect(again.requests).toBe(0);
    const lines = lastRunLines("l'export des stocks des articles");
    expect(lines.filter((l) => /^--> \d+\/\d+ - /.test(l))).toEqual([]);
    expect(lines).toContain('--> Inchangés (stocks) : 21, non envoyés (AR0001, AR0002, AR0003, AR0004, AR0005, …)');
    expect(lines).toHaveLength(6);
  });

  test('an export with nothing changed: unchanged products tallied, not listed', async () => {
    await env.run('products.export');
    const r = await env.run('products.export');
    expect(r.writeRequests).toBe(0);
    const lines = lastRunLines("l'export des articles");
    expect(lines.filter((l) => /^--> \d+\/\d+ - /.test(l))).toEqual([]);
    expect(lines).toContain('--> Inchangés (articles) : 18, non envoyés (AR0001, AR0002, AR0003, AR0004, AR0005, …)');
    expect(lines).toContainEqual(expect.stringMatching(/^--> Résumé articles : 0 créé\(s\), 0 mis à jour, 18 inchangé\(s\)/));
    expect(lines).toContainEqual(expect.stringMatching(/^--> Résumé variations : 0 créé\(s\), 0 mis à jour, \d+ inchangé\(s\)/));
  });
});

describe('products.prices', () => {
  test('Tarif 1 of AR0003 set to 5.20 HT: the shop gets 5.49 TTC in one write', async () => {
    await env.run('products.export');
    // Tarif 1 of the sample is entered HT (priceBase HT): 5.20 × 1.055 = 5.486 -> 5.49 TTC.
    const tarif1 = await env.gescom(async (g) => (await g.priceCategories()).find((c) => c.id === 1));
    expect(tarif1?.priceBase).toBe('HT');
    await env.gescom((g) => g.setPrice('AR0003', 1, '5.20'));

    const r = await env.run('products.prices');
    expect(r.writeRequests).toBe(1);
    expect(r.record.counts.prices).toMatchObject({ updated: 1, unchanged: 20, failed: 0 });
    const ar3 = (await env.product('AR0003'))!;
    expect(ar3.regular_price).toBe('5.49');
    expect(ar3.stock_quantity).toBe(120);
  });
});

// ------------------------------------------------------------------------------------------ 6, 7, 8

describe('crash recovery and failures', () => {
  test('bindings lost after an export: the next export adopts what the shop holds, no duplicate', async () => {
    await env.run('products.export');
    const products = await env.products();
    const pull = products.find((p) => p.sku === 'PULL')!;
    const variations = await env.variations(pull.id);

    env.app.state.db.prepare('DELETE FROM bindings').run();
    const r = await env.run('products.export');
    expect(r.record.status).toBe('succeeded');
    expect(r.record.counts.products).toEqual({ created: 0, updated: 18, unchanged: 0, skipped: 0, failed: 0 });
    expect(r.record.counts.variations).toEqual({ created: 0, updated: 4, unchanged: 0, skipped: 0, failed: 0 });
    expect(r.record.counts.categories).toEqual({ created: 0, updated: 0, unchanged: 9, skipped: 0, failed: 0 });

    const after = await env.products();
    expect(after.map((p) => [p.sku, p.id]).sort()).toEqual(products.map((p) => [p.sku, p.id]).sort());
    const afterVariations = await env.variations(pull.id);
    expect(afterVariations.map((v) => [v.sku, v.id]).sort()).toEqual(variations.map((v) => [v.sku, v.id]).sort());
    expect((await env.categories())).toHaveLength(10);
    // Bindings are back: a third export writes nothing.
    expect((await env.run('products.export')).writeRequests).toBe(0);
  });

  test('a product deleted by hand in the shop is created again at the next change, once', async () => {
    await env.run('products.export');
    const ar0003 = (await env.product('AR0003'))!;
    expect((await env.sim.request('DELETE', `/wc/v3/products/${ar0003.id}`, undefined, { force: 'true' })).status).toBe(200);
    await env.gescom((g) => g.updateArticle('AR0003', { name: 'Chocolat Noir 70 %' }));
    const r = await env.run('products.export');
    expect(r.record.counts.products).toMatchObject({ created: 1, updated: 0, failed: 0 });
    const again = (await env.products()).filter((p) => p.sku === 'AR0003');
    expect(again).toHaveLength(1);
    expect(again[0]!.id).not.toBe(ar0003.id);
    expect(again[0]!.name).toBe('Chocolat Noir 70 %');
    // The new id is bound: the next run writes nothing.
    expect((await env.run('products.export')).writeRequests).toBe(0);
  });

  test('a creation batch cut by a connection reset fails alone; the next run creates each product once', async () => {
    env.sim.faults.add({ match: (m, p) => m === 'POST' && p === '/wp-json/wc/v3/products/batch', times: 1, kind: 'reset' });
    const r = await env.run('products.export');
    // The creation is not retried (the shop may have acted): the 17 simple products of that batch fail, PULL does not.
    expect(r.byRoute[PRODUCTS_BATCH]).toBe(1);
    expect(r.record.counts.products).toMatchObject({ created: 1, failed: 17 });
    expect(r.record).toMatchObject({ status: 'partial', message: '17 en erreur, 14 sans erreur' });
    // What the run cost the shop, as the shop counted it (the cut batch included).
    expect(r.record).toMatchObject({ requests: r.requests, writeRequests: r.writeRequests });
    expect(r.record.writeRequests).toBeGreaterThan(0);
    for (const sku of SIMPLE_SKUS) {
      const line = linesWith(r.lines, 'Erreur', `article ${sku} :`);
      expect(line, sku).toHaveLength(1);
      expect(line[0], sku).toMatch(/ECONNRESET|socket|closed|connexion/i);
    }
    expect(r.lines).toContain('--> Avertissement : date de dernier transfert inchangée (des erreurs)');
    expect((await env.products()).map((p) => p.sku)).toEqual(['PULL']);

    const again = await env.run('products.export');
    expect(again.record.counts.products).toMatchObject({ created: 17, unchanged: 1, failed: 0 });
    const skus = (await env.products()).map((p) => p.sku).sort();
    expect(skus).toEqual(ALL_SKUS);
    expect(new Set(skus).size).toBe(skus.length);
  });

  test('a creation batch the shop carried out but whose answer timed out: the next run adopts the products by SKU', async () => {
    env.editProfile((p) => ({ ...p, http: { ...p.http, timeoutSeconds: 1 } }));
    // Slow down only the first products/batch POST (1.5 s > the 1 s timeout): the shop still creates the products.
    let slowed = false;
    env.sim.faults.add({
      times: 1, kind: 'reset',
      match: (m, p) => {
        const hit = !slowed && m === 'POST' && p === '/wp-json/wc/v3/products/batch';
        if (hit) slowed = true;
        env.sim.setLatency(hit ? 1500 : 0);
        return false;
      },
    });
    const r = await env.run('products.export');
    expect(r.record.counts.products).toMatchObject({ created: 1, failed: 17 });
    expect(linesWith(r.lines, 'Erreur', 'article AR0003 :', 'TIMEOUT')).toHaveLength(1);
    env.sim.faults.clear();
    env.sim.setLatency(0);
    // Let the shop finish the slow request.
    for (let i = 0; i < 40 && (await env.products()).length < 18; i++) await new Promise((res) => setTimeout(res, 50));
    expect((await env.products()).map((p) => p.sku).sort()).toEqual(ALL_SKUS);

    const again = await env.run('products.export');
    expect(again.record.counts.products).toEqual({ created: 0, updated: 17, unchanged: 1, skipped: 0, failed: 0 });
    const skus = (await env.products()).map((p) => p.sku).sort();
    expect(skus).toEqual(ALL_SKUS);
    expect((await env.run('products.export')).writeRequests).toBe(0);
  });

  test('two HTTP 500 then success: the export succeeds without failure', async () => {
    env.editProfile((p) => ({ ...p, http: { ...p.http, maxTries: 3 } }));
    env.sim.faults.add({ match: (m, p) => m === 'POST' && p === '/wp-json/wc/v3/products/batch', times: 2, kind: 'status5xx' });
    const r = await env.run('products.export');
    expect(r.record.status).toBe('succeeded');
    expect(r.record.message).toBeNull();
    expect(r.record.counts.products).toEqual({ created: 18, updated: 0, unchanged: 0, skipped: 0, failed: 0 });
    expect(env.sim.stats.log.filter((l) => l.fault === 'status5xx')).toHaveLength(2);
    // 2 failed tries + 2 batches.
    expect(r.byRoute[PRODUCTS_BATCH]).toBe(2);
    const skus = (await env.products()).map((p) => p.sku).sort();
    expect(skus).toEqual(ALL_SKUS);
  });

  test('HTTP 429 with Retry-After 1: the export waits and succeeds', async () => {
    env.editProfile((p) => ({ ...p, http: { ...p.http, maxTries: 3 } }));
    env.sim.faults.add({ match: (m, p) => m === 'POST' && p === '/wp-json/wc/v3/products/batch', times: 1, kind: '429', retryAfterSeconds: 1 });
    const started = Date.now();
    const r = await env.run('products.export');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(r.record.status).toBe('succeeded');
    expect(r.record.counts.products).toEqual({ created: 18, updated: 0, unchanged: 0, skipped: 0, failed: 0 });
    expect(env.sim.stats.log.filter((l) => l.fault === '429')).toHaveLength(1);
    const skus = (await env.products()).map((p) => p.sku).sort();
    expect(skus).toEqual(ALL_SKUS);
  });
});

// ------------------------------------------------------------------------------------------ 9, 10, 11

describe('export options', () => {
  test('articles.updates.name false: a renamed article keeps its shop name but gets its new price', async () => {
    await env.run('products.export');
    env.editProfile((p) => ({ ...p, articles: { ...p.articles, updates: { ...p.articles.updates, name: false } } }));
    await env.gescom(async (g) => {
      await g.updateArticle('AR0003', { name: 'Chocolat Noir Intense' });
      await g.setPrice('AR0003', 1, '5.20');
    });
    const r = await env.run('products.export');
    expect(r.record.counts.products).toMatchObject({ updated: 1, unchanged: 17, failed: 0 });
    expect(r.writeRequests).toBe(1);
    const ar3 = (await env.product('AR0003'))!;
    expect(ar3.name).toBe('Chocolat Noir');
    expect(ar3.regular_price).toBe('5.49');
  });

  test('newOnly: a renamed article is not updated, nothing is written', async () => {
    await env.run('products.export');
    await env.gescom((g) => g.updateArticle('AR0003', { name: 'Chocolat Noir Intense' }));
    const r = await env.run('products.export', { newOnly: true });
    expect(r.writeRequests).toBe(0);
    expect(r.record.counts.products).toMatchObject({ created: 0, updated: 0, failed: 0 });
    expect(r.lines).toContain('- Export des nouveaux articles');
    expect((await env.product('AR0003'))?.name).toBe('Chocolat Noir');
  });

  test('issue 7: no 2.1 % class in the shop: AR0018 (C21) is refused naming the rate and articles.taxes.mapping, the rest is created', async () => {
    const bare = await ActionEnv.start({ superReducedRate: false });
    try {
      const r = await bare.run('products.export');
      expect(r.record.counts.products).toMatchObject({ created: 17, failed: 1 });
      expect(linesWith(r.lines, 'Erreur')).toEqual([
        "--> Erreur : article AR0018 : aucune classe de taxe de la boutique au taux de 2.1 % (code TVA C21) : l'article serait vendu au taux "
        + "standard ; associez C21 à une classe dans l'option articles.taxes.mapping ou créez ce taux dans la boutique",
      ]);
      const skus = (await bare.products()).map((p) => p.sku);
      expect(skus).not.toContain('AR0018');
      expect(skus.sort()).toEqual(ALL_SKUS.filter((s) => s !== 'AR0018'));

      // Mapped by hand: sent with that class. Under "franchise en base" (noVat): sent, tax fields left to the shop.
      bare.editProfile((p) => ({ ...p, articles: { ...p.articles, taxes: { ...p.articles.taxes, mapping: [{ vatCode: 'C21', shopTaxClass: 'zero-rate' }] } } }));
      const mapped = await bare.run('products.export');
      expect(mapped.record.counts.products).toMatchObject({ created: 1, failed: 0 });
      expect(bySku(await bare.products()).get('AR0018')).toMatchObject({ tax_status: 'taxable', tax_class: 'zero-rate' });
    } finally {
      await bare.close();
    }
  });

  test('issue 7: a shop that charges no VAT (articles.taxes.noVat): AR0018 is not refused', async () => {
    const bare = await ActionEnv.start({ superReducedRate: false });
    try {
      bare.editProfile((p) => ({ ...p, articles: { ...p.articles, taxes: { ...p.articles.taxes, noVat: true } } }));
      const r = await bare.run('products.export');
      expect(r.record.counts.products).toMatchObject({ created: 18, failed: 0 });
      expect((await bare.products()).map((p) => p.sku).sort()).toEqual(ALL_SKUS);
    } finally {
      await bare.close();
    }
  });

  test('a variation group with the same combination twice: PULL is refused and named, the rest is created', async () => {
    await env.gescom((g) => g.setArticleCustomField('AR0017', 'Valeur Gamme 1', 'Rouge'));
    const r = await env.run('products.export');
    const errors = linesWith(r.lines, 'Erreur', 'référence maître PULL', '(articles.variations)');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('AR0014 et AR0017 ont la même combinaison Couleur=Rouge');
    expect(r.record.counts.products).toMatchObject({ created: 17, failed: 1 });
    expect(r.record.counts.variations).toBeUndefined();

    const skus = (await env.products()).map((p) => p.sku).sort();
    expect(skus).toEqual([...SIMPLE_SKUS].sort());
    // Its members are not sent as simple products either.
    expect(skus.filter((s) => /^AR001[4-7]$/.test(s))).toEqual([]);
  });
});

// ------------------------------------------------------------------------------------------ 12

describe('products.status', () => {
  test('AR0003 marked dormant: its shop product becomes a draft, the others stay', async () => {
    await env.run('products.export');
    await env.gescom((g) => g.updateArticle('AR0003', { doNotUse: true }));
    expect(env.profile().articles.filters.publishableOnly).toBe(true);
    const r = await env.run('products.status');
    expect(r.writeRequests).toBe(1);
    expect(r.record.counts.status).toMatchObject({ updated: 1, unchanged: 20, failed: 0 });
    const shop = bySku(await env.products());
    expect(shop.get('AR0003')?.status).toBe('draft');
    expect(shop.get('AR0002')?.status).toBe('publish');
    expect(shop.get('AR0019')?.status).toBe('draft');

    // Back in use: published again.
    await env.gescom((g) => g.updateArticle('AR0003', { doNotUse: false }));
    await env.run('products.status');
    expect((await env.product('AR0003'))?.status).toBe('publish');
  });

  /**
   * Regression guard: with the defaults articles.filters.publishableOnly = true and
   * articles.activation.disableUnpublished = true, the status run must still read an article that is
   * no longer "publiable sur le Web" (it is the one to disable). It used not to (syncAspect was given
   * ignorePublishable false for 'status'); fixed in src/actions/catalogue-actions.ts (aspectAction).
   */
  test('AR0004 no longer published on the web: its shop product becomes a draft (activation.disableUnpublished)', async () => {
    await env.run('products.export');
    await env.gescom((g) => g.updateArticle('AR0004', { publishable: false }));
    const p = env.profile();
    expect(p.articles.activation.disableUnpublished).toBe(true);
    expect(p.articles.filters.publishableOnly).toBe(true);
    const r = await env.run('products.status');
    expect(r.writeRequests).toBe(1);
    expect(r.record.counts.status).toMatchObject({ updated: 1, failed: 0 });
    expect((await env.product('AR0004'))?.status).toBe('draft');
    // Articles never exported (AR0020, the Z* specials) are not created by a status run.
    expect((await env.products()).map((x) => x.sku).sort()).toEqual(ALL_SKUS);
  });
});
