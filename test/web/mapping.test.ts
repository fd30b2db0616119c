/**
 * The mapping grids filled from live data and the connection diagnosis (PRF-09) in Chromium, over
 * the sample company's demo profile and the WooCommerce simulator (recorded French shop).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { UiEnv } from '../support/ui-env.js';
import { screenshot, seriousA11yViolations, type UiPage } from '../support/browser.js';

let env: UiEnv;
beforeAll(async () => {
  env = await UiEnv.start();
});
afterAll(async () => {
  await env?.close();
});

async function optionTexts(page: Page, label: string): Promise<string[]> {
  return page.getByLabel(label, { exact: true }).locator('option').allTextContents();
}

async function finish(ui: UiPage): Promise<void> {
  try {
    expect(await seriousA11yViolations(ui.page)).toEqual([]);
    expect(ui.errors).toEqual([]);
  } finally {
    await ui.context.close();
  }
}

describe('mapping grids', { timeout: 120_000 }, () => {
  it('payments: the drop-downs list the shop\'s gateways and the GesCom\'s modes; a row added and one removed are saved', async () => {
    const before = env.orders.profile().orders.mappings.payments;
    const ui = await env.open('/mapping?key=orders.mappings.payments', 'fr');
    const { page } = ui;
    try {
      const method1 = 'Mode de paiement (boutique), ligne 1';
      await page.getByLabel(method1, { exact: true }).waitFor();
      // The simulator's payment gateways, by their titles, and the GesCom's payment modes and journals.
      await page.getByRole('option', { name: 'Virement bancaire (bacs)' }).first().waitFor({ state: 'attached' });
      expect(await optionTexts(page, method1)).toEqual(['— choisir —', 'Virement bancaire (bacs)', 'Chèque (cheque)', 'Cash on delivery (cod)']);
      expect(await page.getByLabel(method1, { exact: true }).inputValue()).toBe('bacs');
      expect(await optionTexts(page, 'Mode de règlement, ligne 1')).toEqual(['— choisir —', 'CB - Carte bancaire', 'CHQ - Chèque', 'DIV - Divers', 'ESP - Espèces', 'PAYPAL - PayPal', 'VIR - Virement']);
      // A method the shop does not hold (a PrestaShop id of the demo profile) stays, marked.
      expect(await page.getByLabel('Mode de paiement (boutique), ligne 6', { exact: true }).locator('option:checked').textContent()).toBe('ps_wirepayment (absent de la liste)');
      await screenshot(page, 'mapping-payments', 'fr');

      await page.getByRole('button', { name: 'Supprimer la ligne 8' }).click();
      await page.getByRole('button', { name: 'Ajouter une ligne' }).click();
      await page.getByLabel('Mode de paiement (boutique), ligne 8', { exact: true }).selectOption('cheque');
      await page.getByLabel('Devise de la commande, ligne 8', { exact: true }).selectOption('EUR');
      await page.getByLabel('Mode de règlement, ligne 8', { exact: true }).selectOption('CHQ');
      await page.getByLabel('Journal de banque, ligne 8', { exact: true }).selectOption('BQ2');
      await page.getByLabel('Compte client, ligne 8', { exact: true }).fill('411CHQ');
      await page.getByRole('button', { name: 'Enregistrer' }).click();
      await page.getByText('Correspondance enregistrée.').waitFor();

      const stored = env.orders.profile().orders.mappings.payments;
      expect(stored).toHaveLength(8);
      expect(stored.slice(0, 7)).toEqual(before.slice(0, 7));
      expect(stored[7]).toEqual({ method: 'cheque', currency: 'EUR', paymentMode: 'CHQ', bankJournal: 'BQ2', customerAccount: '411CHQ', accountingAccount: '', createPayment: true });
      await finish(ui);
    } finally {
      env.orders.editProfile((p) => ({ ...p, orders: { ...p.orders, mappings: { ...p.orders.mappings, payments: before } } }));
    }
  });

  it('payments in English', async () => {
    const ui = await env.open('/mapping?key=orders.mappings.payments', 'en');
    await ui.page.getByLabel('Payment method (shop), row 1', { exact: true }).waitFor();
    await ui.page.getByRole('option', { name: 'Cash on delivery (cod)' }).first().waitFor({ state: 'attached' });
    await screenshot(ui.page, 'mapping-payments', 'en');
    await finish(ui);
  });

  for (const lang of ['fr', 'en'] as const) {
    it(`taxes (${lang}): the shop's tax classes and the GesCom's VAT codes; a class chosen is saved`, async () => {
      const ui = await env.open('/mapping?key=articles.taxes.mapping', lang);
      const { page } = ui;
      const en = lang === 'en';
      await page.getByRole('button', { name: en ? 'Add a row' : 'Ajouter une ligne' }).click();
      const cls = en ? 'Tax class (shop), row 1' : 'Classe de taxe (boutique), ligne 1';
      const vat = en ? 'VAT code (GesCom), row 1' : 'Code TVA (gestion commerciale), ligne 1';
      await page.getByRole('option', { name: 'Taux intermédiaire (taux-intermediaire)' }).waitFor({ state: 'attached' });
      expect(await optionTexts(page, cls)).toEqual([en ? '— choose —' : '— choisir —', 'Standard rate (standard)', 'Reduced rate (reduced-rate)', 'Taux intermédiaire (taux-intermediaire)', 'Zero rate (zero-rate)']);
      expect((await optionTexts(page, vat)).slice(1)).toEqual(['C00 - Exonéré (TVA export à 0 %)', 'C10 - TVA collectée à 10 %', 'C20 - TVA collectée à 20 %', 'C21 - TVA collectée à 2,1 %', 'C55 - TVA collectée à 5,5 %']);
      await page.getByLabel(vat, { exact: true }).selectOption('C10');
      await page.getByLabel(cls, { exact: true }).selectOption('taux-intermediaire');
      await screenshot(page, 'mapping-taxes', lang);
      await page.getByRole('button', { name: en ? 'Save' : 'Enregistrer' }).click();
      await page.getByText(en ? 'Mapping saved.' : 'Correspondance enregistrée.').waitFor();
      expect(env.orders.profile().articles.taxes.mapping).toEqual([{ vatCode: 'C10', shopTaxClass: 'taux-intermediaire' }]);
      env.orders.editProfile((p) => ({ ...p, articles: { ...p.articles, taxes: { ...p.articles.taxes, mapping: [] } } }));
      await finish(ui);
    });
  }

  it('the order tax grid fills name and rate from the shop tax chosen', async () => {
    const ui = await env.open('/mapping?key=orders.mappings.taxes', 'en');
    const { page } = ui;
    await page.getByRole('option', { name: 'TVA 5,5% - 5.5 % (FR) (2)' }).first().waitFor({ state: 'attached' });
    await page.getByLabel('Shop tax, row 3', { exact: true }).selectOption('2');
    expect(await page.getByLabel('Tax name, row 3', { exact: true }).inputValue()).toBe('TVA 5,5%');
    expect(await page.getByLabel('Rate (%), row 3', { exact: true }).inputValue()).toBe('5.5');
    expect(await page.getByLabel('VAT code (GesCom), row 3', { exact: true }).inputValue()).toBe('C55');
    await finish(ui);
  });

  it('the other grids: countries and zones grouped, price categories, document types, articles found as typed', async () => {
    const ui = await env.open('/mapping?key=orders.mappings.accountingCategories', 'fr');
    const { page } = ui;
    const key = page.getByLabel('Pays ou zone, ligne 1', { exact: true });
    await page.getByRole('option', { name: 'France (FR)' }).waitFor({ state: 'attached' });
    expect(await key.inputValue()).toBe('FR');
    expect(await key.locator('optgroup').evaluateAll((g) => g.map((x) => x.getAttribute('label')))).toEqual(['Zones', 'Pays']);
    expect(await page.getByLabel('Catégorie comptable avec taxe, ligne 1', { exact: true }).inputValue()).toBe('LOCAL');
    expect(ui.errors).toEqual([]);

    await page.goto(`${env.url}/#/mapping?key=customers.groups.mapping`);
    const cat = page.getByLabel('Catégorie tarifaire, ligne 2', { exact: true });
    await page.getByRole('option', { name: 'Tarif 2 (prix TTC) (2)' }).first().waitFor({ state: 'attached' });
    expect(await cat.inputValue()).toBe('2');
    // WooCommerce holds no customer groups without its plugin: free text, the stored name kept.
    expect(await page.getByLabel('Groupe de clients (boutique), ligne 2', { exact: true }).inputValue()).toBe('Tarif 2');

    await page.goto(`${env.url}/#/mapping?key=orders.statusMapping`);
    await page.getByRole('option', { name: 'Facture (invoice)' }).first().waitFor({ state: 'attached' });
    expect(await page.getByLabel('Statut de la commande (boutique), ligne 1', { exact: true }).locator('option').allTextContents()).toContain('En cours (processing)');

    await page.goto(`${env.url}/#/mapping?key=orders.specialArticles.discountByVat`);
    const article = page.getByLabel('Article remise, ligne 1', { exact: true });
    await article.fill('ZREM');
    await page.locator('datalist option[value="ZREMISE55"]').waitFor({ state: 'attached' });
    expect(await page.locator('datalist option').evaluateAll((o) => o.map((x) => x.getAttribute('value')))).toEqual(expect.arrayContaining(['ZREMISE', 'ZREMISE10', 'ZREMISE55']));
    await finish(ui);
  });

  it('a shop that refuses its key: the error names the field, the GesCom columns still list, the shop ones take free text', async () => {
    const saved = env.orders.profile();
    env.orders.editProfile((p) => (p.shop.kind === 'woocommerce' ? { ...p, shop: { ...p.shop, woocommerce: { ...p.shop.woocommerce, key: 'ck_wrong' } } } : p));
    try {
      const ui = await env.open('/mapping?key=orders.mappings.payments', 'en');
      const { page } = ui;
      const alert = page.getByRole('alert').filter({ hasText: 'The shop could not be read' });
      await alert.waitFor();
      expect(await alert.textContent()).toContain('Field: shop.woocommerce.key');
      expect(await page.getByLabel('Payment method (shop), row 1', { exact: true }).evaluate((e) => e.tagName)).toBe('INPUT');
      expect(await page.getByLabel('Payment method (shop), row 1', { exact: true }).inputValue()).toBe('bacs');
      expect(await page.getByLabel('Payment mode, row 1', { exact: true }).evaluate((e) => e.tagName)).toBe('SELECT');
      await finish(ui);
    } finally {
      env.orders.editProfile(() => saved);
    }
  });
});

describe('connection check (PRF-09)', { timeout: 120_000 }, () => {
  for (const lang of ['fr', 'en'] as const) {
    it(`shows each check with its state in words (${lang})`, async () => {
      const ui = await env.open('/mapping?view=check', lang);
      const { page } = ui;
      const en = lang === 'en';
      await page.getByRole('button', { name: en ? 'Test the connection' : 'Tester la connexion' }).click();
      await page.getByText(en ? /error\(s\), .* warning\(s\) out of \d+ checks/ : /erreur\(s\), .* avertissement\(s\) sur \d+ vérifications/).waitFor();
      const auth = page.locator('tr[data-check="shop.auth"]');
      // Problems first (errors and warnings), every check behind "All checks".
      const problems = page.getByRole('table', { name: en ? 'To review' : 'À revoir' });
      expect(await problems.locator('tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-check')))).toEqual(['shop.prices', 'money.articles.taxes.mapping']);
      expect(await auth.isVisible()).toBe(false);
      await page.getByText(en ? 'All checks (' : 'Toutes les vérifications (').click();
      expect(await auth.isVisible()).toBe(true);
      expect(await auth.textContent()).toContain(en ? 'Passed' : 'Réussi');
      expect(await auth.textContent()).toContain(en ? 'Shop access keys' : "Clés d'accès à la boutique");
      // The recorded shop enters prices with tax, the demo profile sends them without: an error naming prices.base.
      const prices = problems.locator('tr[data-check="shop.prices"]');
      expect(await prices.getAttribute('data-state')).toBe('error');
      expect(await prices.textContent()).toContain(en ? 'Error' : 'Erreur');
      expect(await prices.textContent()).toContain('prices.base');
      expect(await page.locator('tr[data-check="gescom.connection"]').textContent()).toContain(en ? 'Company: Société exemple (EUR)' : 'Société : Société exemple (EUR)');
      // Folded again for the screenshot: what a person has to look at.
      await page.getByText(en ? 'All checks (' : 'Toutes les vérifications (').click();
      await screenshot(page, 'connection-check', lang);
      await finish(ui);
    });
  }
});
