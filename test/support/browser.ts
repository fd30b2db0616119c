/**
 * Browser tests: Debian's Chromium driven by playwright-core (never a downloaded browser), an
 * accessibility check with axe-core, and the screenshots the README shows (docs/screenshots/).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from './e2e-cli.js';

export const CHROMIUM = process.env.PASSERELLE_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium is missing at ${CHROMIUM}: apt-get install chromium (.ci/run does it)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic', '--no-first-run',
      '--disable-component-update', '--disable-sync'],
  });
}

export interface UiPage {
  context: BrowserContext;
  page: Page;
  /** Errors the page threw or logged: a test ends by expecting none. */
  errors: string[];
}

/** A fresh context (own storage) in `lang`, with the page's errors collected. */
export async function openPage(browser: Browser, url: string, lang: 'fr' | 'en' = 'fr'): Promise<UiPage> {
  const context = await browser.newContext({ locale: lang === 'fr' ? 'fr-FR' : 'en-GB', viewport: { width: 1366, height: 860 } });
  // The UI remembers its language in the browser: start each context in the one asked.
  await context.addInitScript((l) => {
    if (!localStorage.getItem('passerelle.lang')) localStorage.setItem('passerelle.lang', l);
  }, lang);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    // Chromium logs every 4xx answer to fetch; the UI shows those (a refused value, a password asked, a
    // run already going) in words, and tests assert the words. A missing file (404) stays an error.
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of 4(00|01|03|09|22)\b/.test(m.text())) {
      errors.push(`console: ${m.text()}`);
    }
  });
  await page.goto(url);
  return { context, page, errors };
}

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** axe-core's serious and critical violations on the page as it is now (WCAG 2.1 A/AA rules). */
export async function seriousA11yViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the browser's debugging protocol, not as a <script>: the page's own content
  // policy (no inline script) stays in force in every test.
  await page.evaluate(AXE_SOURCE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: unknown) => Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => JSON.stringify(n.target)) }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** docs/screenshots/<name>.<lang>.png, the screen as a person sees it. */
export async function screenshot(page: Page, name: string, lang: 'fr' | 'en'): Promise<string> {
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, `${name}.${lang}.png`);
  await page.screenshot({ path: file, fullPage: false });
  return file;
}

/** A throw-away data folder for a browser test. */
export function tempDataDir(prefix = 'passerelle-ui-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
