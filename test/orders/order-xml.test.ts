import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mapOrder } from '../../src/sync/orders/mapping/document.js';
import { parseOrderXml } from '../../src/sync/orders/order-xml.js';
import { dec, fixed, sum } from '../../src/util/decimal.js';
import { refsFor, said, settingsWith } from './mapping/helpers.js';

const doc = fs.readFileSync(path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/order-xml.md'), 'utf8');
const example = /```xml\n([\s\S]*?)```/.exec(doc)![1]!;

describe('order XML files (CMD-16)', () => {
  it('the documented example reads as a canonical shop order', () => {
    const [o] = parseOrderXml(example, 'orders.xml');
    expect(o).toMatchObject({
      id: '530', number: '530', status: 'processing', currency: 'EUR', createdAt: '2026-07-07T10:00:00.000Z', pricesIncludeTax: false,
      customer: { id: '2', email: 'camille.durand@example.fr' },
      billing: { city: 'Lyon', countryCode: 'FR' },
      paymentMethod: 'bacs',
      totals: { exclTax: '15.84', tax: '1.94', inclTax: '17.78', shippingExclTax: '4.90', discountExclTax: '0.94' },
    });
    expect(o!.lines).toEqual([{
      id: '1', sku: 'AR0003', name: 'Chocolat Noir', quantity: '2', subtotalExclTax: '9.38', totalExclTax: '8.44', subtotalTax: '0.52',
      taxClass: 'reduced-rate', ecotax: null,
      taxes: [{ rateId: '2', label: 'TVA 5,5 %', rate: '5.5', priority: 1, compound: false, amount: '0.46' }],
    }]);
    expect(o!.shippingLines[0]).toMatchObject({ title: 'Colissimo', totalExclTax: '4.90', taxes: [{ rate: '20', amount: '0.98' }] });
    expect(o!.fees[0]).toMatchObject({ name: 'Emballage cadeau', kind: 'giftWrap', totalExclTax: '2.50' });
    expect(o!.coupons).toEqual([{ code: 'BIENVENUE10', description: '', discountExclTax: '0.94', discountTax: '0.06' }]);
    expect(o!.payments).toEqual([{ method: 'bacs', title: 'Virement bancaire', amount: '17.78', date: '2026-07-07T10:01:00.000Z', transactionId: '' }]);
    expect(o!.messages).toEqual([{ author: 'customer', text: 'Livrer après 18 h', date: null }]);
  });

  it('the documented example adds up: its own totals, and the GesCom\'s to the cent with the default profile', () => {
    const [o] = parseOrderXml(example, 'orders.xml');
    const items = [...o!.lines.map((l) => l.totalExclTax), ...o!.shippingLines.map((s) => s.totalExclTax), ...o!.fees.map((f) => f.totalExclTax)];
    const taxes = [...o!.lines, ...o!.shippingLines, ...o!.fees].flatMap((x) => x.taxes.map((t) => t.amount));
    expect(fixed(sum(items))).toBe(o!.totals.exclTax);
    expect(fixed(sum(taxes))).toBe(o!.totals.tax);
    expect(fixed(dec(o!.totals.exclTax).plus(o!.totals.tax))).toBe(o!.totals.inclTax);
    expect(o!.payments[0]!.amount).toBe(o!.totals.inclTax);
    const r = mapOrder(o!, settingsWith(), refsFor(o!));
    if (r.skip !== null) throw new Error(said([r.skip]));
    expect(r.document.priceMode).toBe('HT');
    expect(r.difference).toEqual({ ttc: '0.00', ht: '0.00', vat: '0.00', byCode: [], matches: true });
    expect(r.gescomTotals).toMatchObject({ totalHt: '15.84', totalVat: '1.94', totalTtc: '17.78' });
    expect(r.warnings.join('\n')).not.toContain('total boutique');
  });

  it.each([
    ['<orders><order id="1"/></orders>', /commande 1/],
    [example.replace('quantity="2"', 'quantity="deux"'), /line\.0\.quantity : nombre décimal attendu/],
    [example.replace('countryCode="FR" email="camille', 'countryCode="France" email="camille'), /billing\.countryCode/],
    ['<commandes/>', /<orders>/],
  ])('refuses a bad file naming the order and the field (%#)', (xml, message) => {
    expect(() => parseOrderXml(xml, 'orders.xml')).toThrow(message);
  });

  it('an empty <orders/> file holds no order', () => {
    expect(parseOrderXml('<orders/>', 'empty.xml')).toEqual([]);
  });
});

describe('orders load-xml, end to end into the GesCom', () => {
  it('imports the example once; a second load changes nothing', async () => {
    const os = await import('node:os');
    const { AppContext } = await import('../../src/app/app-context.js');
    const { demoInit } = await import('../../src/cli/demo.js');
    const { runAction } = await import('../../src/actions/runner.js');
    const { EmbeddedGesCom } = await import('../../src/gescom/embedded/embedded-gescom.js');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-xml-'));
    const file = path.join(dir, 'orders.xml');
    fs.writeFileSync(file, example);
    const app = new AppContext(path.join(dir, 'data'));
    try {
      const { db } = await demoInit(app, { shop: {} });
      const first = await runAction(app, { profile: 'demo', action: 'orders.load-xml', params: { file } });
      expect(first.status).toBe('succeeded');
      expect(first.counts.orders).toMatchObject({ created: 1, failed: 0 });
      const second = await runAction(app, { profile: 'demo', action: 'orders.load-xml', params: { file } });
      expect(second.counts.orders).toMatchObject({ created: 0, unchanged: 1 });
      const g = EmbeddedGesCom.open(db);
      const doc = await g.findDocumentByShopOrderId('530');
      expect(doc?.type).toBe('invoice');
      expect(doc?.customerCode).toBe('CL100002');
      expect(doc?.lines.map((l) => [l.articleCode, l.quantity])).toContainEqual(['AR0003', '2']);
      // The GesCom's own totals are the file's, and the remark speaks the profile's language (French).
      expect(doc?.totals).toMatchObject({ totalHt: '15.84', totalVat: '1.94', totalTtc: '17.78' });
      expect(doc?.remark).toBe('Commande 530 du 07/07/2026');
      expect((await g.documents()).length).toBe(1);
      g.close();
    } finally {
      app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
