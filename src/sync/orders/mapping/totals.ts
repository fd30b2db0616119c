/**
 * CMD-10 / CMD-11: the GesCom's totals of the document, predicted with the GesCom's own rules
 * (computeLine / computeTotals), and the shop's, compared to the cent (HT, VAT per code, TTC).
 */
import { computeLine, computeTotals, type VatRateLookup } from '../../../gescom/document-totals.js';
import type { Dec, DocumentFooter, DocumentLineInput, DocumentTotals } from '../../../gescom/model.js';
import { dec, Decimal, fixed } from '../../../util/decimal.js';
import type { ShopOrder } from '../shop-order.js';
import type { ShopVatByCode } from './lines.js';
import { msg, type Text } from '../../../i18n/catalogue.js';

export interface ShopTotals {
  exclTax: Dec;
  tax: Dec;
  inclTax: Dec;
  /** The shop's HT base and tax per GesCom VAT code (the codes of the document lines). */
  vatByCode: { vatCode: string; baseHt: Dec; vat: Dec }[];
}

export interface TotalsDifference {
  /** Shop minus GesCom, each to the cent. */
  ttc: Dec;
  ht: Dec;
  vat: Dec;
  byCode: { vatCode: string; baseHt: Dec; vat: Dec }[];
  /** Whether HT, VAT per code and TTC are all equal to the cent. */
  matches: boolean;
}

/** The totals the GesCom will compute for these lines and footer (the same functions it uses). */
export function predictTotals(lines: readonly DocumentLineInput[], footer: DocumentFooter, priceMode: 'HT' | 'TTC', rateOf: VatRateLookup): DocumentTotals {
  const computed = lines.map((l, i) => computeLine(l, i + 1, priceMode, rateOf));
  return computeTotals(computed, footer, priceMode, rateOf);
}

/** The shop's totals as the order gives them, with its VAT per GesCom code. */
export function shopTotals(order: ShopOrder, byCode: ShopVatByCode): ShopTotals {
  return {
    exclTax: fixed(order.totals.exclTax),
    tax: fixed(order.totals.tax),
    inclTax: fixed(order.totals.inclTax),
    vatByCode: [...byCode.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .filter(([, v]) => !(v.base.isZero() && v.tax.isZero()))
      .map(([vatCode, v]) => ({ vatCode, baseHt: fixed(v.base), vat: fixed(v.tax) })),
  };
}

/** Sums several shops' totals (grouped orders). */
export function addShopTotals(all: readonly ShopTotals[]): ShopTotals {
  const codes = new Map<string, { base: Decimal; vat: Decimal }>();
  let ht = new Decimal(0);
  let tax = new Decimal(0);
  let ttc = new Decimal(0);
  for (const t of all) {
    ht = ht.plus(t.exclTax);
    tax = tax.plus(t.tax);
    ttc = ttc.plus(t.inclTax);
    for (const v of t.vatByCode) {
      const e = codes.get(v.vatCode) ?? { base: new Decimal(0), vat: new Decimal(0) };
      codes.set(v.vatCode, { base: e.base.plus(v.baseHt), vat: e.vat.plus(v.vat) });
    }
  }
  return {
    exclTax: fixed(ht), tax: fixed(tax), inclTax: fixed(ttc),
    vatByCode: [...codes.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([vatCode, v]) => ({ vatCode, baseHt: fixed(v.base), vat: fixed(v.vat) })),
  };
}

/** Shop minus GesCom, to the cent, for HT, VAT, TTC and each VAT code. */
export function compareTotals(shop: ShopTotals, gescom: DocumentTotals): TotalsDifference {
  const codes = new Set([...shop.vatByCode.map((v) => v.vatCode), ...gescom.vatByCode.map((v) => v.vatCode)]);
  const byCode = [...codes].sort().map((vatCode) => {
    const s = shop.vatByCode.find((v) => v.vatCode === vatCode);
    const g = gescom.vatByCode.find((v) => v.vatCode === vatCode);
    return {
      vatCode,
      baseHt: fixed(dec(s?.baseHt).minus(dec(g?.baseHt))),
      vat: fixed(dec(s?.vat).minus(dec(g?.vat))),
    };
  }).filter((d) => !dec(d.baseHt).isZero() || !dec(d.vat).isZero());
  const ttc = dec(shop.inclTax).minus(gescom.totalTtc);
  const ht = dec(shop.exclTax).minus(gescom.totalHt);
  const vat = dec(shop.tax).minus(gescom.totalVat);
  return {
    ttc: fixed(ttc), ht: fixed(ht), vat: fixed(vat), byCode,
    matches: ttc.isZero() && ht.isZero() && vat.isZero() && byCode.length === 0,
  };
}

/** One journal line naming both totals when they differ, else null. */
export function differenceMessage(shop: ShopTotals, gescom: DocumentTotals, diff: TotalsDifference): Text | null {
  if (diff.matches) return null;
  const codes = diff.byCode.map((d) => `${d.vatCode} HT ${d.baseHt} TVA ${d.vat}`).join(', ');
  return msg('mapping.totalsDiffer', {
    shopTtc: shop.inclTax, shopHt: shop.exclTax, shopVat: shop.tax, ttc: gescom.totalTtc, ht: gescom.totalHt, vat: gescom.totalVat,
    diff: diff.ttc, codes: codes ? ` [${codes}]` : '',
  });
}
