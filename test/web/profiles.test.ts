/**
 * The profiles screen in the browser (/profiles): duplicate, rename (a taken name refused by its
 * field), set default, export with a passphrase (a downloaded file without clear secrets), delete
 * (confirmed; Escape cancels), import of that file back, open — each checked on what the service's
 * store then holds. Screens and dialogs pass axe; screenshots in French and English.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, seriousA11yViolations, tempDataDir, type UiPage } from '../support/browser.js';
import { UiEnv } from '../support/ui-env.js';

let env: UiEnv;
const downloads = tempDataDir('passerelle-ui-downloads-');
beforeAll(async () => {
  env = await UiEnv.start();
});
afterAll(async () => {
  await env?.close();
  fs.rmSync(downloads, { recursive: true, force: true });
});

/** Chromium logs every 4xx answer to fetch: those the test provokes on purpose (a taken name) are not page errors. */
const unexpected = (errors: string[]) => errors.filter((e) => !/Failed to load resource: the server responded with a status of 400/.test(e));

async function expectAccessible(ui: UiPage): Promise<void> {
  expect(await seriousA11yViolations(ui.page)).toEqual([]);
  expect(unexpected(ui.errors)).toEqual([]);
}

describe('profiles screen', { timeout: 120_000 }, () => {
  it('in French: duplicate, rename, default, export, delete, import, open', async () => {
    const ui = await env.open('/profiles', 'fr');
    const { page } = ui;
    const status = page.getByRole('status');
    try {
      await page.getByRole('heading', { level: 1, name: 'Profils' }).waitFor();
      const demoRow = page.locator('tr[data-profile="demo"]');
      expect(await demoRow.innerText()).toContain('Profil par défaut');
      expect(await demoRow.innerText()).toContain('WooCommerce');
      expect(await demoRow.innerText()).toContain(env.sim.url);
      await expectAccessible(ui);

      // Duplicate.
      await page.getByRole('button', { name: 'Dupliquer demo' }).click();
      const dialog = page.getByRole('dialog', { name: 'Dupliquer le profil « demo »' });
      await dialog.waitFor();
      // The focus is in the dialog, on the name.
      expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('INPUT');
      await expectAccessible(ui);
      await dialog.getByLabel('Nouveau nom').fill('copie');
      await dialog.getByRole('button', { name: 'Dupliquer' }).click();
      await status.getByText('Profil « copie » créé par duplication.').waitFor();
      expect(env.app.profiles.list()).toEqual(['copie', 'demo']);
      expect(env.app.profiles.load('copie').shop.woocommerce.key).toBe(env.sim.key);

      // Rename: a taken name is refused next to the field; then a free one.
      await page.getByRole('button', { name: 'Renommer copie' }).click();
      const rename = page.getByRole('dialog', { name: 'Renommer le profil « copie »' });
      await rename.getByLabel('Nouveau nom').fill('demo');
      await rename.getByRole('button', { name: 'Renommer' }).click();
      await rename.locator('.field-error').getByText('le profil existe déjà : « demo »').waitFor();
      expect(await rename.getByLabel('Nouveau nom').getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(ui);
      await rename.getByLabel('Nouveau nom').fill('magasin');
      await rename.getByRole('button', { name: 'Renommer' }).click();
      await status.getByText('Profil « copie » renommé en « magasin ».').waitFor();
      expect(env.app.profiles.list()).toEqual(['demo', 'magasin']);

      // Default.
      await page.getByRole('button', { name: 'Par défaut : magasin' }).click();
      await status.getByText('« magasin » est maintenant le profil par défaut.').waitFor();
      expect(env.app.profiles.settings().defaultProfile).toBe('magasin');
      expect(await page.locator('tr[data-profile="magasin"]').innerText()).toContain('Profil par défaut');
      expect(await page.getByRole('button', { name: 'Par défaut : magasin' }).isDisabled()).toBe(true);
      await screenshot(page, 'profiles', 'fr');

      // Export with a passphrase: a file the browser saves, its secrets encrypted.
      await page.getByRole('button', { name: 'Exporter magasin' }).click();
      const exportDialog = page.getByRole('dialog', { name: 'Exporter le profil « magasin »' });
      await exportDialog.getByLabel('Phrase secrète (facultative)').fill('une phrase secrète');
      await expectAccessible(ui);
      const [download] = await Promise.all([page.waitForEvent('download'), exportDialog.getByRole('button', { name: 'Télécharger la sauvegarde' }).click()]);
      expect(download.suggestedFilename()).toMatch(/^passerelle-magasin-\d{4}-\d\d-\d\d\.json$/);
      const file = path.join(downloads, download.suggestedFilename());
      await download.saveAs(file);
      const text = fs.readFileSync(file, 'utf8');
      expect(text).not.toContain(env.sim.key);
      expect(text).not.toContain(env.sim.secret);
      expect(JSON.parse(text)).toMatchObject({ format: 'passerelle-profiles', version: 1, secretsIncluded: true, profiles: [{ name: 'magasin' }] });
      await status.getByText(/^Sauvegarde téléchargée : passerelle-magasin-.*\(1 profil\(s\), secrets chiffrés inclus\)\.$/).waitFor();

      // Delete: Escape cancels, the confirmation deletes; the default moves to the one left.
      await page.getByRole('button', { name: 'Supprimer magasin' }).click();
      const confirm = page.getByRole('dialog', { name: 'Supprimer le profil « magasin » ?' });
      await confirm.waitFor();
      await expectAccessible(ui);
      await page.keyboard.press('Escape');
      await confirm.waitFor({ state: 'detached' });
      expect(env.app.profiles.exists('magasin')).toBe(true);
      // Focus goes back to the button that opened the dialog, after Escape and after Annuler.
      const removeButton = page.getByRole('button', { name: 'Supprimer magasin' });
      const onRemove = () => removeButton.evaluate((el) => el === document.activeElement);
      await expect.poll(onRemove).toBe(true);
      await page.keyboard.press('Enter');
      await confirm.getByRole('button', { name: 'Annuler', exact: true }).click();
      await confirm.waitFor({ state: 'detached' });
      await expect.poll(onRemove).toBe(true);
      await page.getByRole('button', { name: 'Supprimer magasin' }).click();
      await confirm.getByRole('button', { name: 'Supprimer définitivement' }).click();
      await status.getByText('Profil « magasin » supprimé. Le profil par défaut est maintenant « demo ».').waitFor();
      expect(env.app.profiles.list()).toEqual(['demo']);
      expect(env.app.profiles.settings().defaultProfile).toBe('demo');

      // Import the file back: without its passphrase it is refused by that field, with it the secrets return.
      await page.getByRole('button', { name: 'Importer une sauvegarde…' }).click();
      const importDialog = page.getByRole('dialog', { name: 'Importer une sauvegarde de profils' });
      await importDialog.getByLabel('Fichier de sauvegarde (.json)').setInputFiles(file);
      await importDialog.getByRole('button', { name: 'Importer' }).click();
      await importDialog.locator('.field-error').getByText('cette sauvegarde contient des secrets', { exact: false }).waitFor();
      await expectAccessible(ui);
      await importDialog.getByLabel('Phrase secrète (facultative)').fill('une phrase secrète');
      await importDialog.getByRole('button', { name: 'Importer' }).click();
      await status.getByText('Profil(s) importé(s) : magasin.').waitFor();
      expect(env.app.profiles.list()).toEqual(['demo', 'magasin']);
      expect(env.app.profiles.load('magasin').shop.woocommerce).toMatchObject({ key: env.sim.key, secret: env.sim.secret });

      // Open: the main window on that profile.
      await page.getByRole('button', { name: 'Ouvrir magasin' }).click();
      await page.waitForFunction(() => window.location.hash === '#/');
      expect(await page.getByTestId('profile-select').inputValue()).toBe('magasin');
      expect(unexpected(ui.errors)).toEqual([]);
    } finally {
      await ui.context.close();
    }
  });

  it('in English', async () => {
    const ui = await env.open('/profiles', 'en');
    try {
      await ui.page.getByRole('heading', { level: 1, name: 'Profiles' }).waitFor();
      await ui.page.getByRole('button', { name: 'Duplicate demo' }).waitFor();
      await screenshot(ui.page, 'profiles', 'en');
      await expectAccessible(ui);
    } finally {
      await ui.context.close();
    }
  });

  it('"Créer un profil" leads to the first run', async () => {
    const ui = await env.open('/profiles', 'fr');
    try {
      await ui.page.getByRole('button', { name: 'Créer un profil' }).click();
      await ui.page.getByRole('heading', { level: 1, name: 'Créer un profil' }).waitFor();
      expect(await ui.page.evaluate(() => window.location.hash)).toBe('#/welcome');
    } finally {
      await ui.context.close();
    }
  });
});

describe('a service without any profile', { timeout: 60_000 }, () => {
  it('leads from the profiles screen to the first run, which welcomes the reader', async () => {
    for (const name of env.app.profiles.list()) env.app.profiles.delete(name);
    const ui = await env.open('/profiles', 'fr');
    try {
      await ui.page.getByText('Bienvenue ! Quelques étapes pour relier votre gestion commerciale à votre boutique').waitFor();
      expect(await ui.page.evaluate(() => window.location.hash)).toBe('#/welcome');
      await expectAccessible(ui);
    } finally {
      await ui.context.close();
    }
    // From the main window's address too (app.tsx).
    const home = await env.open('/', 'en');
    try {
      await home.page.getByRole('heading', { level: 1, name: 'Create a profile' }).waitFor();
      await home.page.getByText('Welcome! A few steps to link your GesCom to your shop').waitFor();
    } finally {
      await home.context.close();
    }
  });
});
