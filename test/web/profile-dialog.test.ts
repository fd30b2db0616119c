/**
 * The profile dialog (#/profile) in Chromium over the demo profile: every option of GET /api/options has
 * exactly one place in the manual's tabs and is on the page; a number and a boolean changed are saved
 * (the stored profile says so), reset to default, a value the schema refuses shows the schema's message
 * on its field and nothing is saved, a secret stays masked and unchanged unless typed, the Site Web tab
 * tests the connection; axe on every tab; screenshots in French and English.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiOption } from '../../src/service/api-types.js';
import { listOptions } from '../../src/profile/options.js';
import { ROOT } from '../support/e2e-cli.js';
import { UiEnv } from '../support/ui-env.js';
import { screenshot, seriousA11yViolations, type UiPage } from '../support/browser.js';

/** web/src/profile-dialog/layout.ts, loaded at run time (the UI's sources are typed by their own tsconfig). */
interface Layout {
  TABS: { id: string; subTabs: { id: string; prefixes: string[] }[] }[];
  placesOf(key: string): { tab: { id: string }; subTab: { id: string }; prefix: string }[];
}
const LAYOUT = pathToFileURL(path.join(ROOT, 'web', 'src', 'profile-dialog', 'layout.ts')).href;

let env: UiEnv;
let options: ApiOption[];
beforeAll(async () => {
  env = await UiEnv.start();
  options = (await (await fetch(`${env.url}/api/options`, { headers: { 'accept-language': 'fr' } })).json()) as ApiOption[];
});
afterAll(async () => {
  await env?.close();
});

const TABS_FR: Record<string, string> = {
  profile: 'Profil', site: 'Site Web', gescom: 'Gestion commerciale', articles: 'Articles', customers: 'Clients', orders: 'Commandes', service: 'Service',
};

const tabList = (page: Page) => page.getByRole('tablist', { name: /^(Onglets de la configuration|Configuration tabs)$/ });
async function openTab(page: Page, tab: string, sub?: string): Promise<void> {
  await tabList(page).getByRole('tab', { name: tab, exact: true }).click();
  if (sub) await page.getByRole('tablist', { name: `Sous-onglets : ${tab}` }).getByRole('tab', { name: sub, exact: true }).click();
}
const field = (page: Page, key: string) => page.locator(`#opt-${key.replace(/[^A-Za-z0-9]/g, '-')}`);
const label = (key: string) => options.find((o) => o.key === key)!.description.fr;
const saved = (page: Page) => page.getByRole('status').filter({ hasText: 'Configuration enregistrée.' }).waitFor();

async function openDialog(lang: 'fr' | 'en' = 'fr'): Promise<UiPage> {
  const ui = await env.open('/profile', lang);
  await ui.page.getByRole('heading', { level: 1 }).waitFor();
  await tabList(ui.page).waitFor();
  return ui;
}

describe('the profile dialog', { timeout: 180_000 }, () => {
  it('places every option of /api/options in exactly one tab and sub-tab of the layout', async () => {
    const layout = (await import(LAYOUT)) as Layout;
    expect(options.length).toBe(listOptions().length);
    for (const o of options) {
      const places = layout.placesOf(o.key);
      expect(places.length, `${o.key} has no place in the profile dialog's layout`).toBeGreaterThan(0);
      // The longest prefix decides; two entries as long would leave the place to chance.
      const ties = places.filter((p) => p.prefix.length === places[0]!.prefix.length);
      expect(ties.length, `${o.key} is placed twice: ${ties.map((p) => `${p.tab.id}/${p.subTab.id}`).join(', ')}`).toBe(1);
    }
  });

  it('shows every option on the page, tab by tab, with no serious accessibility violation', async () => {
    const layout = (await import(LAYOUT)) as Layout;
    const ui = await openDialog();
    try {
      const { page } = ui;
      const seen = new Set<string>();
      for (const tab of layout.TABS) {
        const title = TABS_FR[tab.id]!;
        await tabList(page).getByRole('tab', { name: title, exact: true }).click();
        const subs = page.getByRole('tablist', { name: `Sous-onglets : ${title}` }).getByRole('tab');
        const count = tab.subTabs.length > 1 ? await subs.count() : 1;
        expect(count).toBe(tab.subTabs.length);
        for (let i = 0; i < count; i++) {
          if (tab.subTabs.length > 1) await subs.nth(i).click();
          const panel = page.locator('.pd-panel[data-state="active"]');
          await panel.locator('[data-option]').first().waitFor();
          for (const k of await panel.locator('[data-option]').evaluateAll((els) => els.map((e) => e.getAttribute('data-option')!))) seen.add(k);
          const violations = await seriousA11yViolations(page);
          expect(violations, `${tab.id}/${tab.subTabs[i]!.id}`).toEqual([]);
        }
      }
      expect([...options.map((o) => o.key)].filter((k) => !seen.has(k))).toEqual([]);
      expect(ui.errors).toEqual([]);
    } finally {
      await ui.context.close();
    }
  });

  it('saves a changed number and boolean, then resets the number to its default', async () => {
    const ui = await openDialog();
    try {
      const { page } = ui;
      await openTab(page, 'Site Web', 'Options HTTP');
      expect(await page.getByText('Par défaut : 30', { exact: false }).count()).toBeGreaterThan(0);
      await page.getByLabel(label('http.timeoutSeconds'), { exact: true }).fill('45');
      await openTab(page, 'Articles', 'Images');
      await page.getByLabel(label('articles.images.deleteBeforeSend'), { exact: true }).check();
      await page.getByRole('status').filter({ hasText: '2 modification(s) non enregistrée(s).' }).waitFor();
      await page.getByRole('button', { name: 'Appliquer' }).click();
      await saved(page);
      let stored = env.app.profiles.load('demo');
      expect(stored.http.timeoutSeconds).toBe(45);
      expect(stored.articles.images.deleteBeforeSend).toBe(true);

      await openTab(page, 'Site Web', 'Options HTTP');
      await page.getByRole('button', { name: `Rétablir la valeur par défaut : ${label('http.timeoutSeconds')}` }).click();
      expect(await field(page, 'http.timeoutSeconds').inputValue()).toBe('30');
      await page.getByRole('button', { name: 'Appliquer' }).click();
      await saved(page);
      stored = env.app.profiles.load('demo');
      expect(stored.http.timeoutSeconds).toBe(30);
      expect(stored.articles.images.deleteBeforeSend).toBe(true);
      expect(ui.errors).toEqual([]);
    } finally {
      await ui.context.close();
    }
  });

  it('shows the schema\'s message on a refused value and saves nothing', async () => {
    const before = env.app.profiles.load('demo');
    const ui = await openDialog();
    try {
      const { page } = ui;
      await openTab(page, 'Site Web', 'Options HTTP');
      const input = field(page, 'http.timeoutSeconds');
      await input.fill('9999');
      await expect.poll(() => input.getAttribute('aria-invalid')).toBe('true');
      // The message is the schema's, the one the CLI gives (`expected` of the option), tied to the field.
      const expected = listOptions('fr').find((o) => o.key === 'http.timeoutSeconds')!.expected;
      const described = await input.evaluate((el) => (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' | '));
      expect(described).toContain(`attendu : ${expected}, reçu 9999`);
      await expect.poll(() => page.getByRole('button', { name: 'Appliquer' }).isDisabled()).toBe(true);
      await page.getByRole('status').filter({ hasText: 'Corrigez les champs signalés' }).waitFor();
      expect(env.app.profiles.load('demo')).toEqual(before);
      expect(await seriousA11yViolations(page)).toEqual([]);
    } finally {
      await ui.context.close();
    }
  });

  it('keeps a masked secret untouched and replaces it when a new one is typed', async () => {
    env.orders.editProfile((p) => ({ ...p, proxy: { ...p.proxy, password: 'Old-proxy-secret-1' } }));
    const ui = await openDialog();
    try {
      const { page } = ui;
      await openTab(page, 'Service', 'Proxy');
      const secret = field(page, 'proxy.password');
      expect(await secret.getAttribute('type')).toBe('password');
      expect(await secret.inputValue()).toBe('********');
      expect(await page.content()).not.toContain('Old-proxy-secret-1');
      await field(page, 'proxy.host').fill('proxy.example.test');
      await page.getByRole('button', { name: 'Appliquer' }).click();
      await saved(page);
      expect(env.app.profiles.load('demo').proxy).toMatchObject({ host: 'proxy.example.test', password: 'Old-proxy-secret-1' });

      await secret.fill('New-proxy-secret-2');
      await page.getByRole('button', { name: 'Appliquer' }).click();
      await saved(page);
      expect(env.app.profiles.load('demo').proxy.password).toBe('New-proxy-secret-2');
      expect(await secret.inputValue()).toBe('********');
      expect(ui.errors).toEqual([]);
    } finally {
      await ui.context.close();
    }
  });

  it('edits a mapping table row by row (the live-data grid of web/src/mapping)', async () => {
    const ui = await openDialog();
    try {
      const { page } = ui;
      await openTab(page, 'Commandes', 'Devises');
      // The demo profile maps EUR already: a second row, its cells drop-downs of what the shop and the GesCom hold.
      expect(env.app.profiles.load('demo').orders.mappings.currencies).toEqual([{ shopCurrency: 'EUR', gescomCurrency: 'EUR' }]);
      await page.getByRole('button', { name: 'Ajouter une ligne' }).click();
      await page.getByRole('option', { name: 'USD - Dollar US' }).first().waitFor({ state: 'attached' });
      await page.getByLabel('Devise de la boutique, ligne 2', { exact: true }).selectOption('EUR');
      await page.getByLabel('Devise de la gestion commerciale, ligne 2', { exact: true }).selectOption('USD');
      await page.getByRole('button', { name: 'Appliquer' }).click();
      await saved(page);
      expect(env.app.profiles.load('demo').orders.mappings.currencies).toEqual([{ shopCurrency: 'EUR', gescomCurrency: 'EUR' }, { shopCurrency: 'EUR', gescomCurrency: 'USD' }]);
      await screenshot(page, 'profile-dialog-orders', 'fr');
      expect(ui.errors).toEqual([]);
    } finally {
      await ui.context.close();
    }
  });

  it('tests the shop connection from the Site Web tab, shows what is wrong, and passes once the option is fixed', async () => {
    const ui = await openDialog();
    try {
      const { page } = ui;
      const check = async (): Promise<string | null> => {
        await openTab(page, 'Site Web', 'Site Web');
        await page.getByRole('button', { name: 'Tester la connexion' }).click();
        const status = page.getByTestId('shop-check-status');
        await status.waitFor({ timeout: 60_000 });
        return status.getAttribute('data-status');
      };
      // The demo profile sends prices before tax to a shop that keys them with tax: the check says so.
      expect(await check()).toBe('failed');
      const journal = page.getByRole('log', { name: 'Journal du test de connexion' });
      await journal.locator('.journal-line.level-error').filter({ hasText: 'prices.base' }).waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, 'profile-dialog', 'fr');

      await openTab(page, 'Articles', 'Stock et Prix');
      await page.getByLabel(label('prices.base'), { exact: true }).selectOption('TTC');
      await page.getByRole('button', { name: 'Appliquer' }).click();
      await saved(page);
      expect(env.app.profiles.load('demo').prices.base).toBe('TTC');
      expect(await check()).toBe('succeeded');
      expect(await journal.locator('.journal-line').count()).toBeGreaterThan(3);
      expect(ui.errors).toEqual([]);
    } finally {
      await ui.context.close();
    }
  });

  it('stock.depots: the GesCom\'s depots as checkboxes; a depot it no longer holds stays, marked; the choice is saved', async () => {
    const before = env.app.profiles.load('demo');
    env.app.profiles.save({ ...before, stock: { ...before.stock, depots: ['X9'] } });
    const ui = await openDialog();
    const { page } = ui;
    try {
      await openTab(page, 'Articles', 'Stock et Prix');
      const picker = page.locator('fieldset#opt-stock-depots');
      await picker.getByRole('checkbox', { name: /^0001 . Dépôt principal$/ }).waitFor();
      expect(await picker.getByRole('checkbox').count()).toBe(3);
      expect(await picker.getByRole('checkbox', { name: 'X9 (absent de la liste)' }).isChecked()).toBe(true);
      // Unticked, a depot the GesCom no longer holds leaves the list.
      await picker.getByRole('checkbox', { name: 'X9 (absent de la liste)' }).click();
      await picker.getByRole('checkbox', { name: 'X9 (absent de la liste)' }).waitFor({ state: 'detached' });
      await picker.getByRole('checkbox', { name: /^0001 . Dépôt principal$/ }).check();
      await picker.getByRole('checkbox', { name: /^0002 . Dépôt secondaire$/ }).check();
      await page.getByRole('button', { name: 'Appliquer' }).click();
      await saved(page);
      expect(env.app.profiles.load('demo').stock.depots).toEqual(['0001', '0002']);
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(ui.errors).toEqual([]);
    } finally {
      await ui.context.close();
      env.app.profiles.save({ ...env.app.profiles.load('demo'), stock: { ...env.app.profiles.load('demo').stock, depots: before.stock.depots } });
    }
  });

  it('is all English in English', async () => {
    const ui = await openDialog('en');
    try {
      const { page } = ui;
      await page.getByRole('heading', { name: 'Configure profile "demo"' }).waitFor();
      await page.getByRole('tab', { name: 'Website', exact: true }).first().click();
      const en = options.find((o) => o.key === 'shop.url')!;
      const enLabel = listOptions('en').find((o) => o.key === 'shop.url')!;
      expect(en).toBeDefined();
      await page.getByText(enLabel.description.en, { exact: true }).waitFor();
      expect(await page.getByText('Par défaut', { exact: false }).count()).toBe(0);
      await screenshot(page, 'profile-dialog', 'en');
      await page.getByRole('tab', { name: 'Orders', exact: true }).click();
      await page.getByRole('tab', { name: 'Currencies', exact: true }).click();
      await page.getByRole('button', { name: 'Add a row' }).waitFor();
      await screenshot(page, 'profile-dialog-orders', 'en');
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(ui.errors).toEqual([]);
    } finally {
      await ui.context.close();
    }
  });
});
