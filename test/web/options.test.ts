/**
 * The options window (#/options) in Chromium: every tab renders (version, profiles, data folder, language,
 * proxy, SMTP) with no serious accessibility violation; the language switches the whole page at once and
 * is kept in the browser and in the application settings; the options password is set here and then asked
 * by a profile change elsewhere (wrong then right), refused with a wrong current one, removed; proxy and
 * SMTP options of the current profile are saved from here, and the test message reaches a real SMTP server.
 */
import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOptions } from '../../src/profile/options.js';
import { startSmtp, type TestSmtp } from '../notify/support/smtp.js';
import { UiEnv } from '../support/ui-env.js';
import { screenshot, seriousA11yViolations, type UiPage } from '../support/browser.js';

let env: UiEnv;
let smtp: TestSmtp;
beforeAll(async () => {
  env = await UiEnv.start();
  smtp = await startSmtp();
});
afterAll(async () => {
  await env?.close();
  await smtp?.close();
});

const field = (page: Page, key: string) => page.locator(`#opt-${key.replace(/[^A-Za-z0-9]/g, '-')}`);
const label = (key: string, lang: 'fr' | 'en' = 'fr') => listOptions(lang).find((o) => o.key === key)!.description[lang];
const openTab = (page: Page, name: string) => page.getByRole('tablist', { name: /^(Onglets des options|Option tabs)$/ }).getByRole('tab', { name, exact: true }).click();
const settingsFile = () => JSON.parse(fs.readFileSync(env.app.dir.settingsFile, 'utf8')) as { language: string; optionsPasswordHash: string | null };

async function openOptions(lang: 'fr' | 'en' = 'fr'): Promise<UiPage> {
  const ui = await env.open('/options', lang);
  await ui.page.getByRole('heading', { level: 1 }).waitFor();
  return ui;
}

describe('the options window', { timeout: 120_000 }, () => {
  it('shows its six tabs: version, profiles, data folder and password, languages, proxy, SMTP', async () => {
    const ui = await openOptions();
    try {
      const { page } = ui;
      await page.getByTestId('version').filter({ hasText: 'Version : 0.1.0' }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await openTab(page, 'Profils');
      await page.getByRole('listitem').filter({ hasText: 'demo' }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await openTab(page, 'Paramètres');
      expect(await page.getByTestId('data-folder').innerText()).toContain(env.app.dir.root);
      await page.getByText('--data-dir', { exact: false }).waitFor();
      expect(await page.getByTestId('password-state').innerText()).toBe('Les options ne sont pas protégées.');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await openTab(page, 'Langues');
      await page.getByRole('radio', { name: 'Français' }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await openTab(page, 'Proxy');
      await page.getByLabel(label('proxy.enabled'), { exact: true }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await openTab(page, 'SMTP');
      await page.getByLabel(label('smtp.host'), { exact: true }).waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(ui.errors).toEqual([]);
    } finally {
      await ui.context.close();
    }
  });

  it('saves the proxy and SMTP options of the current profile and sends the test message through the SMTP server', async () => {
    const ui = await openOptions();
    try {
      const { page } = ui;
      await openTab(page, 'Proxy');
      await field(page, 'proxy.port').fill('3128');
      await page.getByRole('button', { name: 'Appliquer' }).click();
      await page.getByRole('status').filter({ hasText: 'Configuration enregistrée.' }).waitFor();
      expect(env.app.profiles.load('demo').proxy.port).toBe(3128);

      await openTab(page, 'SMTP');
      await page.getByLabel(label('smtp.host'), { exact: true }).fill('127.0.0.1');
      await field(page, 'smtp.port').fill(String(smtp.port));
      await page.getByLabel(label('smtp.tls'), { exact: true }).uncheck();
      await field(page, 'smtp.from').fill('boutique@chocolaterie.test');
      await page.getByRole('button', { name: 'Appliquer' }).click();
      await page.getByRole('status').filter({ hasText: 'Configuration enregistrée.' }).waitFor();
      expect(env.app.profiles.load('demo').smtp).toMatchObject({ host: '127.0.0.1', port: smtp.port, tls: false, from: 'boutique@chocolaterie.test' });

      await page.getByLabel('Destinataires (séparés par des virgules ; vide : smtp.testRecipients)').fill('gerant@chocolaterie.test');
      await page.getByRole('button', { name: 'Envoyer un e-mail' }).click();
      const result = page.getByTestId('smtp-test-result');
      await result.waitFor();
      expect(await result.innerText()).toMatch(new RegExp(`Message remis au serveur 127\\.0\\.0\\.1:${smtp.port} pour gerant@chocolaterie\\.test\\. Réponse : 250 `));
      expect(smtp.received.map((m) => m.to)).toEqual([['gerant@chocolaterie.test']]);
      expect(ui.errors).toEqual([]);
    } finally {
      await ui.context.close();
    }
  });

  it('switches the whole page to English at once and keeps it in the browser and the settings file', async () => {
    const ui = await openOptions('fr');
    try {
      const { page } = ui;
      await openTab(page, 'Paramètres');
      await page.getByText('Pour utiliser un autre dossier', { exact: false }).waitFor();
      await screenshot(page, 'options', 'fr');
      await openTab(page, 'Langues');
      await page.getByRole('radio', { name: 'English' }).check();
      await page.getByRole('heading', { level: 1, name: 'Passerelle options' }).waitFor();
      await page.getByRole('status').filter({ hasText: 'Language saved: English.' }).waitFor();
      expect(settingsFile().language).toBe('en');
      expect(env.app.profiles.settings().language).toBe('en');
      expect(await page.evaluate(() => [document.documentElement.lang, localStorage.getItem('passerelle.lang')])).toEqual(['en', 'en']);
      // No French left on the page's own words: tabs, header, this tab.
      const text = await page.locator('body').innerText();
      for (const fr of ['Paramètres', 'Langues', 'Langue de l’application', 'Profil\n']) expect(text).not.toContain(fr);
      await openTab(page, 'SMTP');
      await page.getByLabel(label('smtp.host', 'en'), { exact: true }).waitFor();
      await page.getByText('Default: 587', { exact: false }).waitFor();
      await page.reload();
      await page.getByRole('heading', { level: 1, name: 'Passerelle options' }).waitFor();
      await openTab(page, 'Settings');
      await page.getByText('To use another folder', { exact: false }).waitFor();
      await screenshot(page, 'options', 'en');
      expect(await seriousA11yViolations(page)).toEqual([]);

      await openTab(page, 'Languages');
      await page.getByRole('radio', { name: 'Français' }).check();
      await page.getByRole('heading', { level: 1, name: 'Options de Passerelle' }).waitFor();
      await expect.poll(() => settingsFile().language).toBe('fr');
      expect(ui.errors).toEqual([]);
    } finally {
      await ui.context.close();
    }
  });

  it('sets the options password here; a profile change elsewhere asks for it; a wrong current one changes nothing; it can be removed', async () => {
    const admin = await openOptions();
    let other: UiPage | undefined;
    try {
      await openTab(admin.page, 'Paramètres');
      await admin.page.getByLabel('Nouveau mot de passe', { exact: true }).fill('Options-secret-1');
      await admin.page.getByLabel('Confirmer le nouveau mot de passe').fill('Options-secret-1');
      await admin.page.getByRole('button', { name: 'Protéger les options' }).click();
      await admin.page.getByTestId('password-state').filter({ hasText: 'Les options sont protégées par un mot de passe.' }).waitFor();
      const hash = settingsFile().optionsPasswordHash;
      expect(hash).toMatch(/\S{20,}/);
      expect(fs.readFileSync(env.app.dir.settingsFile, 'utf8')).not.toContain('Options-secret-1');

      // Another browser: the first change asks for the password (checking it is a change too).
      other = await env.open('/profile', 'fr');
      const { page } = other;
      await page.getByRole('tab', { name: 'Site Web', exact: true }).first().click();
      await page.getByRole('tab', { name: 'Options HTTP', exact: true }).click();
      await field(page, 'http.timeoutSeconds').fill('50');
      const dialog = page.getByRole('dialog', { name: 'Mot de passe des options' });
      await dialog.waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('pd-options-password');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await dialog.getByLabel('Mot de passe', { exact: true }).fill('not-the-one');
      await dialog.getByRole('button', { name: 'Valider' }).click();
      await dialog.getByRole('alert').filter({ hasText: 'Mot de passe incorrect' }).waitFor();
      await dialog.getByLabel('Mot de passe', { exact: true }).fill('Options-secret-1');
      await dialog.getByRole('button', { name: 'Valider' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await page.getByRole('button', { name: 'Appliquer' }).click();
      await page.getByRole('status').filter({ hasText: 'Configuration enregistrée.' }).waitFor();
      expect(env.app.profiles.load('demo').http.timeoutSeconds).toBe(50);
      // The browser logs each 403 the password protocol starts with; nothing else.
      expect(other.errors.filter((e) => !e.includes('status of 403'))).toEqual([]);

      // A wrong current password changes nothing.
      await admin.page.getByLabel('Mot de passe actuel', { exact: true }).fill('wrong-password');
      await admin.page.getByLabel('Nouveau mot de passe', { exact: true }).fill('Options-secret-2');
      await admin.page.getByLabel('Confirmer le nouveau mot de passe').fill('Options-secret-2');
      await admin.page.getByRole('button', { name: 'Changer le mot de passe' }).click();
      await admin.page.getByRole('alert').filter({ hasText: 'mot de passe des options incorrect' }).waitFor();
      expect(settingsFile().optionsPasswordHash).toBe(hash);

      await admin.page.getByLabel('Mot de passe actuel', { exact: true }).fill('Options-secret-1');
      await admin.page.getByRole('button', { name: 'Retirer la protection' }).click();
      await admin.page.getByTestId('password-state').filter({ hasText: 'Les options ne sont pas protégées.' }).waitFor();
      expect(settingsFile().optionsPasswordHash).toBeNull();
      expect(admin.errors.filter((e) => !e.includes('status of 403'))).toEqual([]);
    } finally {
      await other?.context.close();
      await admin.context.close();
    }
  });
});

describe('the settings and validation routes behind these screens', () => {
  const call = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) => fetch(`${env.url}${url}`, {
    method, headers: { 'accept-language': 'en', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

  it('refuses a short options password and an unknown language, naming the field', async () => {
    const short = await call('PUT', '/api/settings/options-password', { password: 'abc' });
    expect(short.status).toBe(400);
    expect(await short.json()).toMatchObject({ entity: 'settings', field: 'password', message: 'the options password needs at least 6 characters' });
    expect((await call('PATCH', '/api/settings', { language: 'de' })).status).toBe(400);
    expect(await (await call('GET', '/api/settings')).json()).toEqual({ language: 'fr', defaultProfile: 'demo', optionsPasswordSet: false });
  });

  it('checks a change without saving it, as PATCH would judge it', async () => {
    const before = env.app.profiles.load('demo');
    const bad = await call('POST', '/api/profiles/demo/validate', { http: { timeoutSeconds: 0 }, orders: { mappings: { currencies: [{ shopCurrency: 'USD' }] } } });
    expect(bad.status).toBe(200);
    const verdict = (await bad.json()) as { valid: boolean; issues: { path: string; message: string }[] };
    expect(verdict.valid).toBe(false);
    expect(verdict.issues.map((i) => i.path).sort()).toEqual(['http.timeoutSeconds', 'orders.mappings.currencies.0.gescomCurrency']);
    expect(verdict.issues.find((i) => i.path === 'http.timeoutSeconds')!.message).toContain('a whole number between 1 and 600');
    expect(await (await call('POST', '/api/profiles/demo/validate', { set: { 'http.maxTries': '4' } })).json()).toEqual({ valid: true, issues: [] });
    expect(await (await call('POST', '/api/profiles/demo/validate', { name: 'other' })).json()).toMatchObject({ valid: false, issues: [{ path: 'name' }] });
    expect(env.app.profiles.load('demo')).toEqual(before);
    const shapes = (await (await call('GET', '/api/option-shapes')).json()) as { items: Record<string, Record<string, { type: string }>> };
    expect(shapes.items['customers.groups.mapping']).toMatchObject({ priceCategoryId: { type: 'integer', required: true }, taxDisplay: { type: 'enum' } });
  });
});
