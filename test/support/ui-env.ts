/**
 * A browser test's world: the service (buildServer with the built web UI) on 127.0.0.1 over the
 * sample company's "demo" profile and the WooCommerce simulator (recorded French shop), plus a
 * Chromium. Screens' tests start one per file; the newcomer's end-to-end path starts the real
 * `passerelle serve` instead (test/web/newcomer.test.ts).
 */
import type { Browser } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/service/server.js';
import { webUiFolder } from '../../src/service/web-ui.js';
import { OrdersEnv } from '../orders/support-orders.js';
import { launchBrowser, openPage, type UiPage } from './browser.js';

export class UiEnv {
  private constructor(readonly orders: OrdersEnv, readonly server: FastifyInstance, readonly url: string, readonly browser: Browser) {}

  static async start(): Promise<UiEnv> {
    if (!webUiFolder()) throw new Error('dist/web is missing: run `npm run build` first (npm test does)');
    const orders = await OrdersEnv.start();
    const { server } = buildServer({ app: orders.app });
    const url = await server.listen({ port: 0, host: '127.0.0.1' });
    const browser = await launchBrowser();
    return new UiEnv(orders, server, url, browser);
  }

  get app() {
    return this.orders.app;
  }

  get sim() {
    return this.orders.sim;
  }

  /** A new page (own storage) at `route` (#/options…) in `lang`. */
  open(route = '/', lang: 'fr' | 'en' = 'fr'): Promise<UiPage> {
    return openPage(this.browser, `${this.url}/#${route}`, lang);
  }

  async close(): Promise<void> {
    await this.browser.close();
    await this.server.close();
    await this.orders.close();
  }
}
