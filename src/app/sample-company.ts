/**
 * The sample company in the data folder (`gescom/demo.db`) and the GesCom-side settings a profile
 * on it needs, so that every action works at once: used by `passerelle demo` and by the service's
 * profile set-up (the web UI's first run).
 */
import fs from 'node:fs';
import path from 'node:path';
import { createCompanyDb } from '../gescom/embedded/company-file.js';
import { SAMPLE_SPECIAL_ARTICLES } from '../gescom/embedded/sample-company.js';
import { adapterFor } from '../shops/registry.js';
import type { AppContext } from './app-context.js';

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

/** Where the sample company lives in the data folder. */
export function sampleCompanyFile(app: AppContext): string {
  return path.join(app.dir.gescomDir, 'demo.db');
}

/** Builds in progress, by file: a second caller (another tab, the CLI's demo in this process) waits for the first. */
const building = new Map<string, Promise<void>>();

/**
 * The sample company's file, built when missing (or again with `force`); `created` says whether it was
 * built now. Built beside the target and renamed into place, so that nobody ever opens a half-built company.
 */
export async function sampleCompanyDb(app: AppContext, force = false): Promise<{ db: string; created: boolean }> {
  const db = sampleCompanyFile(app);
  const pending = building.get(db);
  if (pending) {
    await pending;
    return { db, created: false };
  }
  if (!force && fs.existsSync(db)) return { db, created: false };
  const work = (async () => {
    const tmp = `${db}.building-${process.pid}-${Date.now()}`;
    try {
      await createCompanyDb(tmp, 'sample', true);
      for (const suffix of ['-wal', '-shm']) fs.rmSync(db + suffix, { force: true });
      fs.renameSync(tmp, db);
    } finally {
      for (const suffix of ['', '-wal', '-shm']) fs.rmSync(tmp + suffix, { force: true });
    }
  })();
  building.set(db, work);
  try {
    await work;
  } finally {
    building.delete(db);
  }
  return { db, created: true };
}
