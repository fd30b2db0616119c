/**
 * The mapped documents written to the embedded GesCom (sample company, in memory): the GesCom
 * accepts them and computes exactly the totals the mapping predicted.
 */
import { describe, expect, test } from 'vitest';
import { EmbeddedGesCom } from '../../../src/gescom/embedded/embedded-gescom.js';
import { loadCompany } from '../../../src/gescom/embedded/load-company.js';
import { sampleCompany } from '../../../src/gescom/embedded/sample-company.js';
import { type MappedOrder, mapOrder } from '../../../src/sync/orders/mapping/document.js';
import type { ShopOrder } from '../../../src/sync/orders/shop-order.js';
import { refsFor, settingsWith } from './helpers.js';
import { woo413, woo414, woo417, woo418 } from './woo-orders.js';

describe('mapped orders written to the embedded GesCom', () => {
  test.each([
    [woo413, 'HT', false], [woo414, 'TTC', true], [woo417, 'HT', true], [woo418, 'TTC', false],
  ] as const)('order %s in %s mode (gaps: %s): the GesCom computes the predicted totals', async (order: ShopOrder, priceMode, createGaps) => {
    const g = EmbeddedGesCom.open(':memory:', { create: true });
    try {
      await loadCompany(g, sampleCompany());
      const settings = settingsWith({ orders: { lines: { priceMode }, payments: { create: true, createGaps } } });
      const r = mapOrder(order, settings, refsFor(order)) as MappedOrder;
      if (r.customer.create) await g.createCustomer(r.customer.create);
      const doc = await g.createDocument(r.document);
      expect(doc.shopOrderId).toBe(order.id);
      expect(doc.totals.vatByCode).toEqual(r.gescomTotals.vatByCode);
      expect(doc.totals).toMatchObject({ totalHt: r.gescomTotals.totalHt, totalVat: r.gescomTotals.totalVat, totalTtc: r.gescomTotals.totalTtc });
      if (createGaps) expect(doc.totals.totalTtc).toBe(order.totals.inclTax);
    } finally {
      g.close();
    }
  });
});
