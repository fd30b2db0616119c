/**
 * The first run in the browser (/welcome): a profile made step by step on the sample company and the
 * WooCommerce simulator, its connection tested (journals of gescom.check and shop.check), the first
 * article export previewed (a table of what it would do) and run; then the simulator holds the
 * articles. In English up to the preview, then the whole path in French. Each step: axe, no page error.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EmbeddedGesCom } from '../../src/gescom/embedded/embedded-gescom.js';
import { screenshot, seriousA11yViolations, type UiPage } from '../support/browser.js';
import { UiEnv } from '../support/ui-env.js';

let env: UiEnv;
beforeAll(async () => {
  env = await UiEnv.start();
});
afterAll(async () => {
  await env?.close();
});

const TEXTS = {
  fr: {
    name: 'Nom du nouveau profil', next: 'Suivant', file: 'Un fichier de gestion commerciale existant', sample: /La société exemple/,
    path: /Chemin complet du fichier/, url: 'Adresse de la boutique (URL)', key: 'Clé client WooCommerce (ck_…)', secret: 'Secret client WooCommerce (cs_…)',
    create: 'Créer le profil et tester la connexion', ok: 'Connexion réussie : la gestion commerciale et la boutique répondent.', preview: 'Calculer l’aperçu', run: 'Exporter les articles',
    finish: 'Terminer et ouvrir la fenêtre principale', step: (n: number) => `Étape ${n} sur 6`,
  },
  en: {
    name: 'Name of the new profile', next: 'Next', file: 'An existing GesCom file', sample: /The sample company/,
    path: /Full path of the database file/, url: 'Shop address (URL)', key: 'WooCommerce consumer key (ck_…)', secret: 'WooCommerce consumer secret (cs_…)',
    create: 'Create the profile and test the connection', ok: 'Connection succeeded: the GesCom and the shop answer.', preview: 'Compute the preview', run: 'Export the articles',
    finish: 'Finish and open the main window', step: (n: number) => `Step ${n} of 6`,
  },
} as const;

/** Chromium logs every 4xx answer to fetch: those the test provokes on purpose (a bad path) are not page errors. */
const unexpected = (errors: string[]) => errors.filter((e) => !/Failed to load resource: the server responded with a status of 400/.test(e));

async function expectAccessible(ui: UiPage): Promise<void> {
  expect(await seriousA11yViolations(ui.page)).toEqual([]);
  expect(unexpected(ui.errors)).toEqual([]);
}

async function atStep(page: Page, n: number, lang: 'fr' | 'en'): Promise<void> {
  await page.getByRole('heading', { level: 2, name: new RegExp(`^${TEXTS[lang].step(n)}`) }).waitFor();
}

/** Steps 1 to 3 on the sample company and the simulator; the step 2 screenshot on the way. */
async function fillFirstSteps(ui: UiPage, lang: 'fr' | 'en', name: string): Promise<void> {
  const { page } = ui;
  const T = TEXTS[lang];
  await atStep(page, 1, lang);
  await page.getByLabel(T.name).fill(name);
  await page.getByLabel(T.sample).check();
  await page.getByRole('button', { name: T.next }).click();
  await atStep(page, 2, lang);
  // What the service found in the chosen GesCom, said before going on.
  expect(await page.getByTestId('gescom-facts').innerText()).toMatch(lang === 'fr'
    ? /^Société « Société exemple » \(EUR\) : 28 articles, \d+ clients\. Fichier : \/.*\/gescom\/demo\.db$/
    : /^Company "Société exemple" \(EUR\): 28 articles, \d+ customers\. File: \/.*\/gescom\/demo\.db$/);
  await page.getByLabel('Type de boutique').or(page.getByLabel('Kind of shop')).selectOption('woocommerce');
  await page.getByLabel(T.url).fill(env.sim.url);
  await screenshot(page, 'first-run-shop', lang);
  await expectAccessible(ui);
  await page.getByRole('button', { name: T.next }).click();
  await atStep(page, 3, lang);
  const key = page.getByLabel(T.key);
  const secret = page.getByLabel(T.secret);
  // Secrets are typed where they cannot be read over a shoulder.
  expect(await key.getAttribute('type')).toBe('password');
  expect(await secret.getAttribute('type')).toBe('password');
  await key.fill(env.sim.key);
  await secret.fill(env.sim.secret);
  await expectAccessible(ui);
  await page.getByRole('button', { name: T.next }).click();
  await atStep(page, 4, lang);
}

/** Step 4: the profile made, both tests run to their end; `outcome`: the line that says how they went. */
async function createAndCheck(ui: UiPage, lang: 'fr' | 'en', outcome: string | RegExp): Promise<void> {
  const { page } = ui;
  await page.getByRole('button', { name: TEXTS[lang].create }).click();
  await page.getByText(outcome).waitFor({ timeout: 30_000 }).catch(async (e: unknown) => {
    throw new Error(`${String(e)}\n${await page.locator('.wizard-step').innerText()}`);
  });
}

/** Step 5: the preview computed and its table shown. */
async function previewExport(ui: UiPage, lang: 'fr' | 'en'): Promise<void> {
  const { page } = ui;
  await page.getByRole('button', { name: TEXTS[lang].next }).click();
  await atStep(page, 5, lang);
  await page.getByRole('button', { name: TEXTS[lang].preview }).click();
  await page.getByTestId('preview-table').waitFor({ timeout: 60_000 });
}

describe('first run', { timeout: 180_000 }, () => {
  it('in English: the steps up to the preview, with their screenshots', async () => {
    const ui = await env.open('/welcome', 'en');
    try {
      await screenshot(ui.page, 'first-run', 'en');
      await expectAccessible(ui);
      await fillFirstSteps(ui, 'en', 'shop-en');
      // The recorded shop enters its prices with tax and the sample profile sends them without:
      // the shop test says so on a highlighted line, and the path goes on (fixed later in the profile).
      await createAndCheck(ui, 'en', /^A test failed: read the journal/);
      const failed = ui.page.getByTestId('check-shop').locator('.journal-line.level-error');
      expect(await failed.innerText()).toContain('(prices.base) : la boutique saisit les prix TTC mais le profil envoie des prix HT');
      expect(await ui.page.getByTestId('check-gescom').locator('.run-outcome').getAttribute('data-status')).toBe('succeeded');
      await expectAccessible(ui);
      await previewExport(ui, 'en');
      await screenshot(ui.page, 'first-run-preview', 'en');
      await expectAccessible(ui);
      expect(env.app.profiles.load('shop-en').shop.url).toBe(env.sim.url);
    } finally {
      await ui.context.close();
    }
  });

  it('in French: a bad company file is named, then the profile "boutique" on the sample company is tested, previewed and exported', async () => {
    const ui = await env.open('/welcome', 'fr');
    const { page } = ui;
    const T = TEXTS.fr;
    try {
      await atStep(page, 1, 'fr');
      await screenshot(page, 'first-run', 'fr');
      await expectAccessible(ui);

      // A file that is not there: the path's own field says so, and the step stays.
      await page.getByLabel(T.name).fill('boutique');
      await page.getByLabel(T.file).check();
      await page.getByLabel(T.path).fill('/nulle/part/societe.db');
      await page.getByRole('button', { name: T.next }).click();
      const pathError = page.locator('.field-error');
      await pathError.waitFor();
      expect(await pathError.textContent()).toBe("La base GesCom /nulle/part/societe.db n'existe pas : donnez le chemin complet d'un fichier de gestion commerciale existant");
      expect(await page.getByLabel(T.path).getAttribute('aria-invalid')).toBe('true');
      await atStep(page, 1, 'fr');
      // A name already taken is said before anything is made.
      await page.getByLabel(T.name).fill('demo');
      await page.getByLabel(T.sample).check();
      await page.getByRole('button', { name: T.next }).click();
      await page.getByText('Un profil porte déjà ce nom : « demo ».').waitFor();
      await expectAccessible(ui);

      // A shop that enters its prices without tax, as the sample company's profile sends them: every test passes.
      env.sim.state.setOption('woocommerce_prices_include_tax', 'no');
      await fillFirstSteps(ui, 'fr', 'boutique');
      await createAndCheck(ui, 'fr', T.ok);
      const stored = env.app.profiles.load('boutique');
      expect(stored.gescom).toMatchObject({ kind: 'embedded', db: env.orders.db });
      expect(stored.shop).toMatchObject({ kind: 'woocommerce', url: env.sim.url });
      expect(stored.shop.woocommerce).toMatchObject({ key: env.sim.key, secret: env.sim.secret });
      // The sample company's settings came with it: the GesCom test finds every code.
      expect(stored.orders.depot).toBe('0001');
      const gescomJournal = await page.getByTestId('check-gescom').getByRole('log').innerText();
      expect(gescomJournal).toContain('Société : ');
      const shopJournal = await page.getByTestId('check-shop').getByRole('log').innerText();
      expect(shopJournal).toContain('clés API acceptées');
      expect(await page.getByTestId('check-shop').locator('.run-outcome').getAttribute('data-status')).toBe('succeeded');
      // The new profile is in the header's list at once.
      await page.getByTestId('profile-select').locator('option[value="boutique"]').waitFor({ state: 'attached' });
      await expectAccessible(ui);

      await previewExport(ui, 'fr');
      const rows = page.getByTestId('preview-table').locator('tbody tr');
      expect(await rows.count()).toBeGreaterThan(0);
      const g = EmbeddedGesCom.open(env.orders.db);
      const codes: string[] = [];
      for await (const pageOf of g.articles({ publishableOnly: true })) codes.push(...pageOf.filter((a) => !a.doNotUse).map((a) => a.code));
      g.close();
      const table = await page.getByTestId('preview-table').innerText();
      expect(table).toContain(codes[0]!);
      expect(table).toMatch(/Création|Mise à jour/);
      expect(await page.getByTestId('preview-counts').innerText()).toMatch(/^\d+ création\(s\), \d+ mise\(s\) à jour/);
      await screenshot(page, 'first-run-preview', 'fr');
      await expectAccessible(ui);

      await page.getByRole('button', { name: T.next }).click();
      await atStep(page, 6, 'fr');
      await page.getByRole('button', { name: T.run }).click();
      const outcome = page.getByTestId('export-run').locator('.run-outcome');
      await outcome.waitFor({ timeout: 120_000 });
      const journal = await page.getByTestId('export-run').getByRole('log').innerText();
      // The recorded shop has no tax class at 2.1 %: that article fails alone, named, and the run says partial.
      expect(await outcome.getAttribute('data-status'), journal).toBe('partial');
      expect(await outcome.innerText()).toBe('Export des articles : partielle');
      expect(journal).toMatch(/Erreur : article AR0018 : aucune classe de taxe de la boutique au taux de 2\.1 %/);
      expect(journal).toMatch(/Résumé articles : \d+ créé\(s\)/);
      // The shop now holds every other publishable article of the sample company, by its reference.
      const missing = codes.filter((code) => !env.sim.state.productBySku(code));
      expect(missing).toEqual(['AR0018']);
      const runs = env.app.state.runs('boutique').filter((r) => r.action === 'products.export' && !r.preview);
      expect(runs[0]?.status).toBe('partial');
      await screenshot(page, 'first-run-export', 'fr');
      await expectAccessible(ui);

      await page.getByRole('button', { name: T.finish }).click();
      await page.waitForFunction(() => window.location.hash === '#/');
      expect(await page.getByTestId('profile-select').inputValue()).toBe('boutique');
      expect(await page.evaluate(() => localStorage.getItem('passerelle.profile'))).toBe('boutique');
      expect(unexpected(ui.errors)).toEqual([]);
    } finally {
      await ui.context.close();
    }
  });
});
