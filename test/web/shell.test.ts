/**
 * The page itself: served from the package on the API's origin, in French by default and in English
 * at once when switched (remembered), every asset local, a clear message when the service stops.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UiEnv } from '../support/ui-env.js';
import { seriousA11yViolations } from '../support/browser.js';

let env: UiEnv;
beforeAll(async () => {
  env = await UiEnv.start();
});
afterAll(async () => {
  await env?.close();
});

describe('the page', { timeout: 60_000 }, () => {
  it('is served at / with its assets from the service only, and a strict content policy', async () => {
    const res = await fetch(`${env.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await res.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(assets.length).toBeGreaterThan(0);
    for (const a of assets) expect(a.startsWith('/')).toBe(true);
  });

  it('opens in French, switches to English at once and remembers it; the demo profile is chosen', async () => {
    const ui = await env.open('/', 'fr');
    try {
      const { page } = ui;
      await page.getByTestId('lang-select').waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('fr');
      expect(await page.getByTestId('profile-select').inputValue()).toBe('demo');
      await page.getByTestId('lang-select').selectOption('en');
      await page.getByText('Language').waitFor();
      await page.reload();
      await page.getByText('Language').waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
      expect(await seriousA11yViolations(page)).toEqual([]);
      expect(ui.errors).toEqual([]);
    } finally {
      await ui.context.close();
    }
  });
});

describe('error states', { timeout: 60_000 }, () => {
  it('a service that does not answer is said in words with a way to try again, never a blank page', async () => {
    const ui = await env.open('/', 'fr');
    try {
      const { page } = ui;
      await page.getByTestId('profile-select').waitFor();
      await page.route('**/api/**', (r) => r.abort('connectionrefused'));
      await page.reload();
      const alert = page.getByRole('alert');
      await alert.waitFor();
      expect(await alert.textContent()).toContain('Le service Passerelle ne répond pas');
      await page.unroute('**/api/**');
      await page.getByRole('button', { name: 'Réessayer' }).click();
      await alert.waitFor({ state: 'detached' });
    } finally {
      await ui.context.close();
    }
  });
});

describe('first page load', { timeout: 60_000 }, () => {
  it('prints how long the first page takes on loopback (a figure, not an assertion)', async () => {
    const ui = await env.open('/', 'fr');
    try {
      const { page } = ui;
      await page.getByTestId('profile-select').waitFor();
      const nav = await page.evaluate(() => {
        const n = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
        return { domContentLoaded: Math.round(n.domContentLoadedEventEnd), load: Math.round(n.loadEventEnd), ready: Math.round(performance.now()) };
      });
      console.log(`[ui] first page on loopback: DOMContentLoaded ${nav.domContentLoaded} ms, load ${nav.load} ms, profile shown ${nav.ready} ms`);
      expect(nav.load).toBeGreaterThan(0);
    } finally {
      await ui.context.close();
    }
  });
});

describe('texts changed without touching the code (PRF-05)', { timeout: 60_000 }, () => {
  it('a "ui." key of <data>/i18n/fr.json replaces the page\'s text at the next load; Options › Langues downloads every text to start from', async () => {
    const fs = await import('node:fs');
    const path = await import('node:path');
    const file = path.join(env.app.dir.i18nDir, 'fr.json');
    fs.writeFileSync(file, JSON.stringify({ 'ui.common.language': 'Idiome de la page', 'orders.none': 'not a UI key' }));
    try {
      expect(await (await fetch(`${env.url}/api/ui-texts/fr`)).json()).toEqual({ texts: { 'common.language': 'Idiome de la page' } });
      const ui = await env.open('/options', 'fr');
      try {
        const { page } = ui;
        await page.getByText('Idiome de la page').first().waitFor();
        await page.getByRole('tab', { name: 'Langues' }).click();
        const download = page.waitForEvent('download');
        await page.getByRole('button', { name: 'Télécharger les textes de l’interface (Français)' }).click();
        const saved = await (await download).path();
        const texts = JSON.parse(fs.readFileSync(saved, 'utf8')) as Record<string, string>;
        expect(texts['ui.common.language']).toBe('Idiome de la page');
        expect(texts['ui.mainWindow.title']).toBeTruthy();
        expect(Object.keys(texts).every((k) => k.startsWith('ui.'))).toBe(true);
        expect(ui.errors).toEqual([]);
      } finally {
        await ui.context.close();
      }
    } finally {
      fs.rmSync(file);
    }
  });
});

describe('caching', () => {
  it('the page is checked again on every load; its hashed assets are kept for good', async () => {
    const page = await fetch(`${env.url}/`);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(await page.text())![1]!;
    const res = await fetch(`${env.url}${asset}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });
});
