/**
 * `passerelle demo init` (also run by the first `npm start`): the sample company in
 * the data folder and a `demo` profile bound to it, with every GesCom-side setting
 * filled for that company so that a merchant can try each action at once.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../app/app-context.js';
import { SAMPLE_SPECIAL_ARTICLES } from '../gescom/embedded/sample-company.js';
import type { Profile } from '../profile/schema.js';
import { adapterFor } from '../shops/registry.js';
import { createCompanyDb } from './gescom-commands.js';

export const DEMO_PROFILE = 'demo';

/** GesCom-side settings of the sample company (codes as the sample holds them). */
export function demoSettings(db: string, kind?: string): Record<string, unknown> {
  const s = SAMPLE_SPECIAL_ARTICLES;
  // The platform says which of its statuses a demo imports (its adapter's `demo`); else WooCommerce-like names.
  const demo = (kind ? adapterFor(kind)?.demo : undefined) ?? { invoiceStatuses: ['processing', 'completed'], invoicedStatus: 'completed' };
  return {
    name: DEMO_PROFILE,
    orderStatus: { mapping: [{ documentState: 'invoice', shopStatus: demo.invoicedStatus }], copyDocumentNumber: true },
    gescom: { kind: 'embedded', db },
    articles: {
      categories: { source: 'families' },
      variations: { enabled: true, masterField: 'Référence maître', attributes: [{ nameField: 'Gamme 1', valueField: 'Valeur Gamme 1' }] },
    },
    stock: { depots: ['0001'], kind: 'real' },
    prices: { priceCategoryId: 1 },
    customers: {
      groups: {
        mapping: [1, 2, 3, 4, 5, 6, 7].map((id) => ({ priceCategoryId: id, shopGroup: `Tarif ${id}`, taxDisplay: id === 2 || id === 5 ? 'TTC' : 'HT' })),
      },
    },
    orders: {
      depot: '0001',
      // Paid orders (WooCommerce's processing, PrestaShop's "Payment accepted"…) and completed ones become invoices.
      statusMapping: demo.invoiceStatuses.map((status) => ({ status, documentType: 'invoice' })),
      specialArticles: {
        divers: s.divers, packaging: s.giftWrap, shipping: s.shipping, discount: s.defaultDiscount, gap: s.paymentDifference,
        discountByVat: [{ vatCode: 'C55', article: 'ZREMISE55' }, { vatCode: 'C10', article: 'ZREMISE10' }, { vatCode: 'C20', article: 'ZREMISE' }],
      },
      mappings: {
        taxes: [
          { name: '', rate: '20', vatCode: 'C20' }, { name: '', rate: '10', vatCode: 'C10' }, { name: '', rate: '5.5', vatCode: 'C55' },
          { name: '', rate: '2.1', vatCode: 'C21' }, { name: '', rate: '0', vatCode: 'C00' },
        ],
        defaultVatCode: 'C20',
        // WooCommerce gateway ids and their PrestaShop/Shopify equivalents a demo shop may send.
        payments: [
          { method: 'bacs', paymentMode: 'VIR', bankJournal: 'BQ1' },
          { method: 'cheque', paymentMode: 'CHQ', bankJournal: 'BQ1' },
          { method: 'cod', paymentMode: 'ESP', bankJournal: 'CAI' },
          { method: 'stripe', paymentMode: 'CB', bankJournal: 'BQ1' },
          { method: 'paypal', paymentMode: 'PAYPAL', bankJournal: 'BQ2' },
          { method: 'ps_wirepayment', paymentMode: 'VIR', bankJournal: 'BQ1' },
          { method: 'ps_checkpayment', paymentMode: 'CHQ', bankJournal: 'BQ1' },
          { method: 'ps_cashondelivery', paymentMode: 'ESP', bankJournal: 'CAI' },
        ],
        defaultPaymentMode: 'CB',
        defaultBankJournal: 'BQ1',
        accountingCategories: [{ key: 'FR', withTax: 'LOCAL', withoutTax: 'EXPORT' }],
        defaultAccountingCategoryWithTax: 'LOCAL',
        defaultAccountingCategoryWithoutTax: 'EXPORT',
        // The company's own currency only: an order in another one is refused until the merchant maps it (issue 7).
        currencies: [{ shopCurrency: 'EUR', gescomCurrency: 'EUR' }],
      },
    },
  };
}

export interface DemoInitOptions {
  /** Part of the `shop` section (kind, url, `<kind>: { key, secret }`), merged into the demo profile's. */
  shop: Record<string, unknown>;
  force?: boolean;
}

/** The shop section with `patch` laid over it, one level deeper for the kinds' own options. */
export function mergeShop(current: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    const was = out[k];
    out[k] = v && typeof v === 'object' && !Array.isArray(v) && was && typeof was === 'object' ? { ...was, ...v } : v;
  }
  return out;
}

export async function demoInit(app: AppContext, opts: DemoInitOptions): Promise<{ db: string; profile: Profile }> {
  const db = path.join(app.dir.gescomDir, 'demo.db');
  if (opts.force || !fs.existsSync(db)) await createCompanyDb(db, 'sample', true);
  const settings = demoSettings(db, typeof opts.shop.kind === 'string' ? opts.shop.kind : undefined);
  let profile: Profile;
  if (app.profiles.exists(DEMO_PROFILE)) {
    const current = app.profiles.load(DEMO_PROFILE);
    const next = { ...current, gescom: { ...current.gescom, kind: 'embedded' as const, db }, shop: mergeShop(current.shop, opts.shop) };
    if (next.shop.kind !== current.shop.kind) {
      // Another platform spells its order statuses otherwise: the demo's status settings follow the kind.
      const fresh = settings as { orders: { statusMapping: Profile['orders']['statusMapping'] }; orderStatus: { mapping: Profile['orderStatus']['mapping'] } };
      next.orders = { ...next.orders, statusMapping: fresh.orders.statusMapping };
      next.orderStatus = { ...next.orderStatus, mapping: fresh.orderStatus.mapping };
    }
    profile = app.profiles.save(next);
  } else {
    profile = app.profiles.create({ ...settings, shop: opts.shop });
  }
  return { db, profile };
}
