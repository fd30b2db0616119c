/**
 * How the GesCom computes a sales document: line totals, VAT per code, footer,
 * grand totals. Pure, so that the order importer can predict the GesCom's totals
 * and compare them with the shop's before writing anything.
 *
 * Sage's rules, kept here:
 * - HT mode: each line's HT is rounded to the cent; VAT is computed once per VAT
 *   code on the sum of its HT bases; TTC = HT + VAT.
 * - TTC mode: each line's TTC is rounded to the cent; per VAT code the HT base is
 *   the TTC sum divided by (1 + rate) rounded to the cent, VAT is the rest. This is
 *   the "TTC mode lets the GesCom recompute HT" of the manual.
 * - Footer shipping is one more base under its own VAT code; a footer discount
 *   percentage lowers every base; a footer discount amount is spread over the bases
 *   in proportion to them (largest remainder, so cents add up).
 */
import { dec, Decimal, fixed, sum } from '../util/decimal.js';
import type { Dec, DocumentFooter, DocumentLine, DocumentLineInput, DocumentTotals } from './model.js';

export interface VatRateLookup {
  (vatCode: string | null): Dec;
}

const HUNDRED = new Decimal(100);

function lineGross(line: DocumentLineInput): Decimal {
  const factor = HUNDRED.minus(dec(line.discountPercent)).div(HUNDRED);
  // Eco-tax (per unit, in the document's price mode) is part of the line total, as on a Sage invoice ("dont écotaxe").
  const unit = dec(line.unitPrice).times(factor).plus(dec(line.ecotax ?? '0'));
  return dec(line.quantity).times(unit).toDecimalPlaces(2);
}

function splitTtc(ttc: Decimal, rate: Decimal): { ht: Decimal; vat: Decimal } {
  const ht = ttc.div(HUNDRED.plus(rate).div(HUNDRED)).toDecimalPlaces(2);
  return { ht, vat: ttc.minus(ht) };
}

export function computeLine(line: DocumentLineInput, position: number, priceMode: 'HT' | 'TTC', rateOf: VatRateLookup): DocumentLine {
  const rate = dec(rateOf(line.vatCode));
  const gross = line.articleCode === null && dec(line.quantity).isZero() ? new Decimal(0) : lineGross(line);
  let ht: Decimal;
  let vat: Decimal;
  if (priceMode === 'HT') {
    ht = gross;
    vat = ht.times(rate).div(HUNDRED).toDecimalPlaces(2);
  } else {
    ({ ht, vat } = splitTtc(gross, rate));
  }
  return {
    ...line,
    position,
    ecotax: line.ecotax ?? '0',
    depotCode: line.depotCode ?? null,
    vatRate: rate.toFixed(),
    totalHt: fixed(ht),
    totalVat: fixed(vat),
    totalTtc: fixed(ht.plus(vat)),
  };
}

/** Distributes `amount` over `weights` in proportion, to the cent, largest remainder first. */
export function spreadProportionally(amount: Decimal, weights: Decimal[]): Decimal[] {
  const total = sum(weights);
  if (total.isZero()) return weights.map((_, i) => (i === 0 ? amount : new Decimal(0)));
  const cents = amount.times(HUNDRED);
  const raw = weights.map((w) => cents.times(w).div(total));
  const floors = raw.map((r) => r.toDecimalPlaces(0, Decimal.ROUND_DOWN));
  let rest = cents.minus(sum(floors)).toNumber(); // a whole number of cents, small: safe as a count
  const order = raw.map((r, i) => ({ i, frac: r.minus(floors[i]!) })).sort((a, b) => b.frac.comparedTo(a.frac) || a.i - b.i);
  const result = [...floors];
  for (const { i } of order) {
    if (rest <= 0) break;
    result[i] = result[i]!.plus(1);
    rest -= 1;
  }
  return result.map((c) => c.div(HUNDRED));
}

export function computeTotals(
  lines: DocumentLine[],
  footer: DocumentFooter,
  priceMode: 'HT' | 'TTC',
  rateOf: VatRateLookup,
  paid: Decimal = new Decimal(0),
): DocumentTotals {
  // Gross amounts per VAT code in the document's price mode.
  const byCode = new Map<string, { rate: Decimal; gross: Decimal }>();
  const add = (code: string | null, amount: Decimal) => {
    const key = code ?? '';
    const entry = byCode.get(key) ?? { rate: dec(rateOf(code)), gross: new Decimal(0) };
    entry.gross = entry.gross.plus(amount);
    byCode.set(key, entry);
  };
  for (const line of lines) {
    add(line.vatCode, priceMode === 'HT' ? dec(line.totalHt) : dec(line.totalTtc));
  }
  const keys = [...byCode.keys()];
  const pct = dec(footer.discountPercent);
  if (!pct.isZero()) {
    for (const k of keys) {
      const e = byCode.get(k)!;
      e.gross = e.gross.minus(e.gross.times(pct).div(HUNDRED).toDecimalPlaces(2));
    }
  }
  const discountAmount = dec(footer.discountAmount);
  if (!discountAmount.isZero() && keys.length > 0) {
    const parts = spreadProportionally(discountAmount, keys.map((k) => byCode.get(k)!.gross));
    keys.forEach((k, i) => {
      const e = byCode.get(k)!;
      e.gross = e.gross.minus(parts[i]!);
    });
  }
  const shipping = dec(footer.shippingAmount);
  if (!shipping.isZero()) add(footer.shippingVatCode, shipping);

  const vatByCode: DocumentTotals['vatByCode'] = [];
  let totalHt = new Decimal(0);
  let totalVat = new Decimal(0);
  for (const [code, { rate, gross }] of [...byCode.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    let base: Decimal;
    let vat: Decimal;
    if (priceMode === 'HT') {
      base = gross;
      vat = base.times(rate).div(HUNDRED).toDecimalPlaces(2);
    } else {
      ({ ht: base, vat } = splitTtc(gross, rate));
    }
    totalHt = totalHt.plus(base);
    totalVat = totalVat.plus(vat);
    vatByCode.push({ vatCode: code, rate: rate.toFixed(), baseHt: fixed(base), vat: fixed(vat) });
  }
  const totalTtc = totalHt.plus(totalVat);
  return {
    totalHt: fixed(totalHt),
    totalVat: fixed(totalVat),
    totalTtc: fixed(totalTtc),
    vatByCode,
    paid: fixed(paid),
    due: fixed(totalTtc.minus(paid)),
  };
}
