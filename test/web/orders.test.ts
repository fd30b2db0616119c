/**
 * The orders view in Chromium, against the service and the WooCommerce simulator: an order placed
 * in the shop shows "not imported" for the period, its preview shows the document's lines and
 * totals without writing anything, re-importing it from the page follows the run's journal and the
 * row then shows the GesCom's document number and totals; keyboard selection, a shop that does not
 * answer said in the server's words, axe with no serious or critical violation, screenshots in
 * French and English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { UiEnv } from '../support/ui-env.js';
import { screenshot, seriousA11yViolations } from '../support/browser.js';
import { paidOrderBody, PERIOD } from '../orders/support-orders.js';
import { orderScopeOf } from '../../src/shops/identity.js';

let env: UiEnv;
beforeAll(async () => {
  env = await UiEnv.start();
}, 60_000);
afterAll(async () => {
  await env?.close();
});

const ROUTE = `/orders?from=${PERIOD.from}&to=${PERIOD.to}`;
const row = (page: Page, id: string | number) => page.locator(`tr[data-order="${id}"]`);

describe('the orders view', { timeout: 120_000 }, () => {
  it('fr: an order placed in the shop is not imported; preview shows its lines; re-imported from the page it shows its document and totals', async () => {
    const placed = await env.orders.placeOrder(paidOrderBody());
    const ui = await env.open(ROUTE, 'fr');
    try {
      const { page } = ui;
      await page.getByRole('heading', { level: 1, name: 'Commandes de la boutique' }).waitFor();
      const table = page.getByRole('table', { name: /Commandes du 1 novembre 2026 au 31 décembre 2026/ });
      await table.waitFor();
      await expect.poll(() => row(page, placed.id).getAttribute('data-here')).toBe('notImported');
      expect(await row(page, placed.id).innerText()).toContain('Non importée');
      // The on-hold fixture orders say which option leaves them out.
      expect(await row(page, 416).innerText()).toContain('orders.statusMapping');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'orders', 'fr');

      // Keyboard: Tab to the row's checkbox, Space selects it.
      const box = page.getByRole('checkbox', { name: `Sélectionner la commande ${placed.number}` });
      await box.focus();
      await page.keyboard.press('Space');
      expect(await box.isChecked()).toBe(true);
      await page.getByText('1 commande(s) sélectionnée(s)').waitFor();

      // Preview: the document's lines and totals, nothing written.
      const before = (await env.orders.documents()).length;
      const previewButton = page.getByRole('button', { name: 'Aperçu de la pièce' });
      await previewButton.click();
      const dialog = page.getByRole('dialog', { name: 'Aperçu : ce que l’import créerait' });
      await dialog.waitFor();
      const lines = dialog.getByRole('table', { name: /Lignes de la pièce/ });
      await lines.waitFor();
      expect(await lines.innerText()).toContain('AR0003');
      const ttc = placed.total.replace('.', ',');
      expect(await dialog.locator('[data-total="ttc"]').innerText()).toContain(`${ttc}\u00a0€`);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'orders-preview', 'fr');
      expect((await env.orders.documents()).length).toBe(before);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      expect(await previewButton.evaluate((b) => b === document.activeElement)).toBe(true);

      // Import again from the page: the journal is followed to its end, then the row shows the document.
      await page.getByRole('button', { name: 'Réimporter' }).click();
      const status = page.getByTestId('orders-run-status');
      await expect.poll(() => status.getAttribute('data-status'), { timeout: 30_000 }).toBe('succeeded');
      await page.getByRole('log').filter({ hasText: `commande ${placed.id} ->` }).waitFor();
      const doc = (await env.orders.documents()).find((d) => d.shopOrderId === String(placed.id))!;
      expect(doc.totals.totalTtc).toBe(placed.total);
      await expect.poll(() => row(page, placed.id).getAttribute('data-here')).toBe('imported');
      const text = await row(page, placed.id).innerText();
      expect(text).toContain(doc.number);
      expect(text).toContain(`TTC ${doc.totals.totalTtc.replace('.', ',')}\u00a0€`);
      expect(text).toContain(`HT ${doc.totals.totalHt.replace('.', ',')}\u00a0€`);
      expect(env.orders.documentsPerOrder().get(String(placed.id))).toBe(1);
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(ui.errors).toEqual([]);
    } finally {
      await ui.context.close();
    }
  });

  it('en: the same view and preview in English; reset says the document is still in the GesCom', async () => {
    const placed = await env.orders.placeOrder(paidOrderBody());
    const ui = await env.open(ROUTE, 'en');
    try {
      const { page } = ui;
      await page.getByRole('table', { name: /Orders from 1 November 2026 to 31 December 2026/ }).waitFor();
      await expect.poll(() => row(page, placed.id).getAttribute('data-here')).toBe('notImported');
      expect(await row(page, placed.id).innerText()).toContain('Not imported');
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'orders', 'en');

      await page.getByRole('checkbox', { name: `Select order ${placed.number}` }).check();
      await page.getByRole('button', { name: 'Preview the document' }).click();
      const dialog = page.getByRole('dialog', { name: 'Preview: what the import would create' });
      await dialog.getByRole('table', { name: /Lines of document/ }).waitFor();
      expect(await dialog.locator('[data-total="ttc"]').innerText()).toContain(`€${placed.total}`);
      expect(await seriousA11yViolations(page)).toEqual([]);
      await screenshot(page, 'orders-preview', 'en');
      await dialog.getByRole('button', { name: 'Close' }).click();
      await dialog.waitFor({ state: 'detached' });

      // Reset an imported fixture order: it stays in the GesCom, and the page says so.
      await page.getByRole('checkbox', { name: `Select order ${placed.number}` }).uncheck();
      await env.orders.import();
      await page.getByRole('button', { name: 'Refresh' }).click();
      await expect.poll(() => row(page, 413).getAttribute('data-here')).toBe('imported');
      const number = (await env.orders.documents()).find((d) => d.shopOrderId === '413')!.number;
      await page.getByRole('checkbox', { name: 'Select order 413' }).check();
      await page.getByRole('button', { name: 'Reset', exact: true }).click();
      await page.getByText(`order 413: document ${number} is still in the GesCom`).waitFor();
      await expect.poll(() => row(page, 413).getAttribute('data-here')).toBe('inGesCom');
      expect(env.orders.documentsPerOrder().get('413')).toBe(1);

      // The manual's ALL: asked first; Escape leaves everything as it was.
      const recorded = env.app.state.transferredOrders(orderScopeOf(env.orders.profile())).length;
      expect(recorded).toBeGreaterThan(1);
      const resetAll = page.getByRole('button', { name: 'Reset every transferred order…' });
      await resetAll.click();
      const confirm = page.getByRole('dialog', { name: 'Reset every transferred order?' });
      await confirm.waitFor();
      expect(await seriousA11yViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      await confirm.waitFor({ state: 'detached' });
      expect(env.app.state.transferredOrders(orderScopeOf(env.orders.profile()))).toHaveLength(recorded);
      await resetAll.click();
      await confirm.getByRole('button', { name: 'Reset all' }).click();
      await page.getByText(`${recorded} order(s) reset.`).waitFor();
      await expect.poll(() => row(page, 419).getAttribute('data-here')).toBe('inGesCom');
      expect(env.app.state.transferredOrders(orderScopeOf(env.orders.profile()))).toEqual([]);
      expect(ui.errors).toEqual([]);
    } finally {
      await ui.context.close();
    }
  });

  it('a re-import whose journal stream is cut ends here: the message names the run, the buttons are usable again', async () => {
    const placed = await env.orders.placeOrder(paidOrderBody());
    const ui = await env.open(ROUTE, 'fr');
    try {
      const { page } = ui;
      await expect.poll(() => row(page, placed.id).getAttribute('data-here')).toBe('notImported');
      await page.route('**/api/runs/*/journal', (r) => r.abort());
      await page.getByRole('checkbox', { name: `Sélectionner la commande ${placed.number}` }).check();
      const reimport = page.getByRole('button', { name: 'Réimporter' });
      await reimport.click();
      const alert = page.getByRole('alert').filter({ hasText: 'Le suivi de l’exécution' });
      await alert.waitFor({ timeout: 30_000 });
      const run = env.app.state.runs('demo', 1)[0]!;
      expect(await alert.textContent()).toContain(`Le suivi de l’exécution ${run.id} a été interrompu : son résultat est dans l’historique et le fichier journal.`);
      // Not "running" any more: no Stop button, the actions enabled again.
      const status = page.getByTestId('orders-run-status');
      await expect.poll(() => status.getAttribute('data-status')).not.toBe('running');
      expect(await page.getByRole('button', { name: 'Arrêter' }).count()).toBe(0);
      await expect.poll(() => reimport.isEnabled()).toBe(true);
      expect(await page.getByRole('button', { name: 'Aperçu de la pièce' }).isEnabled()).toBe(true);
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(ui.errors.filter((e) => !/ERR_FAILED|Failed to load resource/.test(e))).toEqual([]);
    } finally {
      await expect.poll(() => env.app.state.runs('demo', 1)[0]!.status, { timeout: 30_000 }).not.toBe('running');
      await ui.context.close();
    }
  });

  it('a preview that fails says its status and message in an alert, never "nothing would be created"', async () => {
    const url = env.orders.profile().shop.url;
    const placed = await env.orders.placeOrder(paidOrderBody());
    const ui = await env.open(ROUTE, 'fr');
    try {
      const { page } = ui;
      await expect.poll(() => row(page, placed.id).getAttribute('data-here')).toBe('notImported');
      // The shop stops answering after the list was read: the preview run fails.
      env.orders.editProfile((p) => ({ ...p, shop: { ...p.shop, url: 'http://127.0.0.1:9' } }));
      await page.getByRole('checkbox', { name: `Sélectionner la commande ${placed.number}` }).check();
      await page.getByRole('button', { name: 'Aperçu de la pièce' }).click();
      const dialog = page.getByRole('dialog', { name: 'Aperçu : ce que l’import créerait' });
      const failed = dialog.getByRole('alert').filter({ hasText: 'L’aperçu n’a pas abouti' });
      await failed.waitFor({ timeout: 30_000 });
      expect(await failed.getAttribute('data-status')).toBe('failed');
      expect(await failed.innerText()).toContain('L’aperçu n’a pas abouti (en échec)');
      // The run's own message, as the service words it.
      const run = env.app.state.runs('demo', 1)[0]!;
      expect(run).toMatchObject({ action: 'orders.import', preview: true, status: 'failed' });
      const record = (await (await fetch(`${env.url}/api/runs/${run.id}`, { headers: { 'accept-language': 'fr' } })).json()) as { message: string };
      expect(record.message).toBeTruthy();
      expect(await failed.innerText()).toContain(record.message);
      expect(await dialog.getByText('Aucune pièce ne serait créée').count()).toBe(0);
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(ui.errors).toEqual([]);
    } finally {
      env.orders.editProfile((p) => ({ ...p, shop: { ...p.shop, url } }));
      await ui.context.close();
    }
  });

  it('a shop that does not answer: the error banner says it in the server’s words', async () => {
    const url = env.orders.profile().shop.url;
    env.orders.editProfile((p) => ({ ...p, shop: { ...p.shop, url: 'http://127.0.0.1:9' } }));
    const ui = await env.open(ROUTE, 'fr');
    try {
      const alert = ui.page.getByRole('alert');
      await alert.waitFor();
      const text = await alert.innerText();
      expect(text).toContain('Une erreur est survenue');
      expect(text).toContain('127.0.0.1:9');
      expect(await ui.page.getByRole('button', { name: 'Réessayer' }).isVisible()).toBe(true);
    } finally {
      await ui.context.close();
      env.orders.editProfile((p) => ({ ...p, shop: { ...p.shop, url } }));
    }
  });
});
