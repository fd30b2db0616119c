/**
 * PRF-04 across the page: with an options password set, every screen's guarded request asks it through
 * the one prompt (api.ts), once, runs again with the right one, asks again saying "wrong" on a wrong one,
 * and gives back a clear refusal on Cancel; the focus returns where it was. Runs (orders preview and
 * re-import) and describing a GesCom file need no password; orders reset does. A wrong current
 * password typed in Options does not replace the valid one the tab keeps.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../src/config/secrets.js';
import { paidOrderBody, PERIOD } from '../orders/support-orders.js';
import { screenshot, seriousA11yViolations, type UiPage } from '../support/browser.js';
import { UiEnv } from '../support/ui-env.js';

const PASSWORD = 'Options-secret-1';
let env: UiEnv;
beforeAll(async () => {
  env = await UiEnv.start();
  env.app.profiles.updateSettings({ optionsPasswordHash: hashPassword(PASSWORD) });
}, 60_000);
afterAll(async () => {
  await env?.close();
});

const TEXTS = {
  fr: { title: 'Mot de passe des options', field: 'Mot de passe', ok: 'Valider', cancel: 'Annuler', wrong: 'Mot de passe incorrect' },
  en: { title: 'Options password', field: 'Password', ok: 'Confirm', cancel: 'Cancel', wrong: 'Wrong password' },
} as const;

const prompt = (page: Page, lang: 'fr' | 'en') => page.getByRole('dialog', { name: TEXTS[lang].title });

/**
 * The prompt is open (asked once): a wrong password first, which asks again saying so, then the right
 * one; the prompt then closes and the focus is back on `opener`, the control that made the request.
 */
async function answerWrongThenRight(page: Page, lang: 'fr' | 'en', opener?: string): Promise<void> {
  const T = TEXTS[lang];
  const dialog = prompt(page, lang);
  await dialog.waitFor();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('pd-options-password');
  expect(await dialog.getByRole('alert').count()).toBe(0);
  await dialog.getByLabel(T.field, { exact: true }).fill('not-the-one');
  await dialog.getByRole('button', { name: T.ok }).click();
  await dialog.getByRole('alert').filter({ hasText: T.wrong }).waitFor();
  await dialog.getByLabel(T.field, { exact: true }).fill(PASSWORD);
  await dialog.getByRole('button', { name: T.ok }).click();
  await dialog.waitFor({ state: 'detached' });
  if (opener) await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe(opener);
}

/** The browser logs each 403 the password protocol starts with; nothing else may go wrong. */
const unexpected = (ui: UiPage) => ui.errors.filter((e) => !e.includes('status of 403'));

async function withPage(route: string, lang: 'fr' | 'en', use: (ui: UiPage) => Promise<void>): Promise<void> {
  const ui = await env.open(route, lang);
  try {
    await use(ui);
    expect(unexpected(ui)).toEqual([]);
  } finally {
    await ui.context.close();
  }
}

describe('the options password asked by every screen', { timeout: 180_000 }, () => {
  it('profiles screen: Cancel refuses in clear words and gives the focus back; duplicate then asks, and works with the right password', async () => {
    await withPage('/profiles', 'fr', async (ui) => {
      const { page } = ui;
      await page.getByRole('heading', { level: 1, name: 'Profils' }).waitFor();
      await page.getByRole('button', { name: 'Dupliquer demo' }).click();
      const dup = page.getByRole('dialog', { name: 'Dupliquer le profil « demo »' });
      await dup.getByLabel('Nouveau nom').fill('copie');
      await dup.getByRole('button', { name: 'Dupliquer' }).click();
      const ask = prompt(page, 'fr');
      await ask.waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'options-password-prompt', 'fr');
      await ask.getByRole('button', { name: 'Annuler' }).click();
      await ask.waitFor({ state: 'detached' });
      await page.getByText('Action annulée : elle demande le mot de passe des options (Options › Paramètres).').waitFor();
      expect(env.app.profiles.list()).toEqual(['demo']);
      // The focus is back on the button that asked, in the duplicate dialog.
      await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Dupliquer');

      await dup.getByRole('button', { name: 'Dupliquer' }).click();
      await answerWrongThenRight(page, 'fr');
      await page.getByRole('status').getByText('Profil « copie » créé par duplication.').waitFor();
      expect(env.app.profiles.list()).toEqual(['copie', 'demo']);
      expect(await prompt(page, 'fr').count()).toBe(0);
    });
  });

  it('main window, Planification tab: adding a task asks, then is saved in the profile; the focus returns to the button', async () => {
    await withPage('/', 'fr', async ({ page }) => {
      await page.getByRole('tab', { name: 'Planification', exact: true }).click();
      const form = page.locator('.mw-task-form');
      await form.getByLabel('Action').selectOption('orders.import');
      await form.getByLabel('Minutes :').fill('35');
      await form.getByRole('button', { name: 'Ajouter la tâche' }).click();
      await answerWrongThenRight(page, 'fr', 'Ajouter la tâche');
      await page.getByRole('status').filter({ hasText: 'Tâche ajoutée' }).waitFor();
      expect(env.orders.profile().schedule.tasks.some((x) => x.action === 'orders.import' && x.everyMinutes === 35)).toBe(true);
    });
  });

  it('orders view: preview needs no password; reset asks, then forgets the order', async () => {
    const placed = await env.orders.placeOrder(paidOrderBody());
    await withPage(`/orders?from=${PERIOD.from}&to=${PERIOD.to}`, 'en', async ({ page }) => {
      const row = (id: string | number) => page.locator(`tr[data-order="${id}"]`);
      await expect.poll(() => row(placed.id).getAttribute('data-here')).toBe('notImported');
      const box = page.getByRole('checkbox', { name: `Select order ${placed.number}` });
      await box.check();
      await page.getByRole('button', { name: 'Preview the document' }).click();
      const preview = page.getByRole('dialog', { name: 'Preview: what the import would create' });
      expect(await preview.getByRole('table', { name: /Lines of document/ }).innerText()).toContain('AR0003');
      expect(await prompt(page, 'en').count()).toBe(0);
      await preview.getByRole('button', { name: 'Close' }).click();
      await preview.waitFor({ state: 'detached' });

      await env.orders.import();
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect.poll(() => row(placed.id).getAttribute('data-here')).toBe('imported');
      await box.check();

      await page.getByRole('button', { name: 'Reset', exact: true }).click();
      await prompt(page, 'en').waitFor();
      await screenshot(page, 'options-password-prompt', 'en');
      await answerWrongThenRight(page, 'en');
      await page.getByText(new RegExp(`order ${placed.number}: document \\S+ is still in the GesCom`)).waitFor();
      await expect.poll(() => row(placed.id).getAttribute('data-here')).toBe('inGesCom');
    });
  });

  it('first run: describing the GesCom file needs no password; making the profile asks, then the profile exists', async () => {
    await withPage('/welcome', 'en', async ({ page }) => {
      await page.getByLabel('Name of the new profile').fill('firstrun');
      await page.getByLabel(/The sample company/).check();
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByTestId('gescom-facts').waitFor();
      expect(await prompt(page, 'en').count()).toBe(0);
      await page.getByLabel('Kind of shop').selectOption('woocommerce');
      await page.getByLabel('Shop address (URL)').fill(env.sim.url);
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByLabel('WooCommerce consumer key (ck_…)').fill(env.sim.key);
      await page.getByLabel('WooCommerce consumer secret (cs_…)').fill(env.sim.secret);
      await page.getByRole('button', { name: 'Next' }).click();
      await page.getByRole('button', { name: 'Create the profile and test the connection' }).click();
      await answerWrongThenRight(page, 'en');
      await page.getByText(/^Profile "firstrun" created on /).waitFor();
      // The checks that follow are runs: they go on with no further question.
      await page.getByText('GesCom test: succeeded').waitFor({ timeout: 60_000 });
      expect(await prompt(page, 'en').count()).toBe(0);
      expect(env.app.profiles.list()).toContain('firstrun');
    });
  });

  it('Options: a wrong current password refuses the change and the tab keeps working with the valid one', async () => {
    const settingsHash = () => (JSON.parse(fs.readFileSync(env.app.dir.settingsFile, 'utf8')) as { optionsPasswordHash: string | null }).optionsPasswordHash;
    const hash = settingsHash();
    await withPage('/options', 'fr', async ({ page }) => {
      const openTab = (name: string) => page.getByRole('tablist', { name: 'Onglets des options' }).getByRole('tab', { name, exact: true }).click();
      const port = page.locator('#opt-proxy-port');
      await openTab('Proxy');
      await port.fill('3128');
      await page.getByRole('button', { name: 'Appliquer' }).click();
      await answerWrongThenRight(page, 'fr');
      await page.getByRole('status').filter({ hasText: 'Configuration enregistrée.' }).waitFor();
      expect(env.app.profiles.load('demo').proxy.port).toBe(3128);

      await openTab('Paramètres');
      await page.getByLabel('Mot de passe actuel', { exact: true }).fill('wrong-password');
      await page.getByLabel('Nouveau mot de passe', { exact: true }).fill('Options-secret-2');
      await page.getByLabel('Confirmer le nouveau mot de passe').fill('Options-secret-2');
      await page.getByRole('button', { name: 'Changer le mot de passe' }).click();
      await page.getByRole('alert').filter({ hasText: 'mot de passe des options incorrect' }).waitFor();
      expect(settingsHash()).toBe(hash);
      // No prompt for the Options window's own refusal: it is said under the form.
      expect(await prompt(page, 'fr').count()).toBe(0);

      // The stored password still works: no question for the next change.
      await openTab('Proxy');
      await port.fill('3129');
      await page.getByRole('button', { name: 'Appliquer' }).click();
      await expect.poll(() => env.app.profiles.load('demo').proxy.port).toBe(3129);
      expect(await prompt(page, 'fr').count()).toBe(0);
    });
  });
});

describe('the options password on the service side', () => {
  const call = (method: string, url: string, body: unknown, headers: Record<string, string> = {}) => fetch(`${env.url}${url}`, {
    method, headers: { 'accept-language': 'en', 'content-type': 'application/json', ...headers }, body: JSON.stringify(body),
  });

  it('lets runs and the GesCom description through, keeps orders reset and profile changes guarded, and the language free', async () => {
    const reimport = await call('POST', '/api/profiles/demo/orders/reimport', { ids: ['413'] });
    expect(reimport.status).toBe(202);
    const gescom = await call('POST', '/api/profiles/setup/gescom', { source: 'sample' });
    expect(gescom.status).toBe(200);
    const reset = await call('POST', '/api/profiles/demo/orders/reset', { ids: ['413'] });
    expect(reset.status).toBe(403);
    expect(await reset.json()).toMatchObject({ field: 'optionsPassword' });
    const patch = await call('PATCH', '/api/profiles/demo', { http: { timeoutSeconds: 40 } });
    expect(patch.status).toBe(403);
    const withHeader = await call('PATCH', '/api/profiles/demo', { http: { timeoutSeconds: 40 } }, { 'x-options-password': PASSWORD });
    expect(withHeader.status).toBe(200);
    const language = await call('PATCH', '/api/settings', { language: 'fr' });
    expect(language.status).toBe(200);
  });
});
