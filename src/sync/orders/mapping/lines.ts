/**
 * CMD-07 / CMD-08 / ART-16: the order's lines, fees, shipping and coupons -> GesCom document
 * lines and footer, in the document's price mode (HT, or TTC letting the GesCom recompute HT;
 * chosen per order by price-mode.ts).
 *
 * Amounts come from the shop's own split: line totals excluding tax and line taxes, so that
 * the GesCom, recomputing, lands on the shop's totals. Coupons:
 * - spread by the shop over the lines (WooCommerce, Shopify: subtotal > total): the lines keep
 *   their price before the coupon and each VAT code gets one discount line of exactly what the
 *   shop took off that code's lines (the proportion the shop itself applied, to the cent);
 * - left at order level (PrestaShop cart rules: subtotal = total): one discount line per VAT
 *   code, the coupon split in proportion to each code's HT base (the manual's rule).
 * Without coupons, a line whose total is below its subtotal is a line discount: a discount
 * percentage or a net unit price (orders.lines.discountMode).
 */
import type { DocumentFooter, DocumentLineInput } from '../../../gescom/model.js';
import { spreadProportionally } from '../../../gescom/document-totals.js';
import { dec, Decimal, fixed, plain, sum } from '../../../util/decimal.js';
import type { ShopCoupon, ShopOrder, ShopOrderLine, ShopTax } from '../shop-order.js';
import { MappingError } from './errors.js';
import { type ArticleRef, findArticle, type OrderSettings } from './refs.js';
import type { DocumentPriceMode } from './price-mode.js';
import type { VatResolver } from './taxes.js';
import { msg, type Text } from '../../../i18n/catalogue.js';

const HUNDRED = new Decimal(100);
const ZERO = new Decimal(0);

export type SpecialArticleKey = 'divers' | 'packaging' | 'shipping' | 'discount' | 'gap';

/** CMD-12: a special article of the profile, which must be set and exist in the GesCom. */
export function specialArticle(settings: OrderSettings, key: SpecialArticleKey, articles: ReadonlyMap<string, ArticleRef>): ArticleRef {
  const code = settings.specialArticles[key];
  const field = `orders.specialArticles.${key}`;
  if (code === '') throw new MappingError(field, msg('mapping.specialNotSet', { field }));
  const a = articles.get(code);
  if (!a) throw new MappingError(field, msg('mapping.articleNotFound', { code, field }));
  return a;
}

/** CMD-12: the special articles the import needs (Divers, Emballage, Frais de port, Remise, and Écart when gaps are created), each missing one as an error. */
export function checkSpecialArticles(settings: OrderSettings, articles: ReadonlyMap<string, ArticleRef>): MappingError[] {
  const keys: SpecialArticleKey[] = ['divers', 'packaging', 'shipping', 'discount'];
  if (settings.payments.createGaps) keys.push('gap');
  const errors: MappingError[] = [];
  for (const k of keys) {
    try {
      specialArticle(settings, k, articles);
    } catch (err) {
      if (err instanceof MappingError) errors.push(err);
      else throw err;
    }
  }
  settings.specialArticles.discountByVat.forEach((d) => {
    if (!articles.has(d.article)) {
      errors.push(new MappingError('orders.specialArticles.discountByVat',
        msg('mapping.discountArticleNotFound', { code: d.article, vatCode: d.vatCode })));
    }
  });
  return errors;
}

/** CMD-08: the discount article of a VAT code: the per-code mapping, else the default discount article. */
export function discountArticleFor(vatCode: string, settings: OrderSettings, articles: ReadonlyMap<string, ArticleRef>): ArticleRef {
  const byVat = settings.specialArticles.discountByVat.find((d) => d.vatCode === vatCode);
  if (byVat) {
    const a = articles.get(byVat.article);
    if (!a) {
      throw new MappingError('orders.specialArticles.discountByVat',
        msg('mapping.discountArticleNotFound', { code: byVat.article, vatCode }));
    }
    return a;
  }
  return specialArticle(settings, 'discount', articles);
}

/** The sum of a line's taxes. */
export function taxTotal(taxes: readonly ShopTax[]): Decimal {
  return sum(taxes.map((t) => t.amount));
}

/** An amount in the document's price mode: excluding tax (HT) or including it (TTC). */
export function inMode(mode: 'HT' | 'TTC', exclTax: Decimal | string, tax: Decimal | string): Decimal {
  return mode === 'HT' ? dec(exclTax) : dec(exclTax).plus(tax);
}

/** A unit price rounded to `decimals`, written with at least 2 decimals ("4.95", "4.6933"). */
export function priceText(value: Decimal, decimals: number): string {
  const d = value.toDecimalPlaces(decimals);
  return d.toFixed(Math.max(2, d.decimalPlaces()));
}

export type CouponMapping = 'none' | 'onLines' | 'orderLevel';

/** How the order's coupons are carried: spread over the lines by the shop, at order level, or none. */
export function couponMapping(order: ShopOrder): CouponMapping {
  if (order.coupons.length === 0) return 'none';
  const spread = sum(order.lines.map((l) => dec(l.subtotalExclTax).minus(l.totalExclTax)));
  return spread.isZero() ? 'orderLevel' : 'onLines';
}

export interface LineContext {
  articles: ReadonlyMap<string, ArticleRef>;
  vat: VatResolver;
  /** The document's price mode, resolved for the order (priceModeFor). */
  priceMode: DocumentPriceMode;
}

/** The shop's HT base and tax per GesCom VAT code, on the same codes as the document lines. */
export type ShopVatByCode = Map<string, { base: Decimal; tax: Decimal }>;

export interface MappedLines {
  lines: DocumentLineInput[];
  footer: DocumentFooter;
  coupons: CouponMapping;
  shopByCode: ShopVatByCode;
  warnings: Text[];
}

interface ResolvedArticle {
  article: ArticleRef;
  divers: boolean;
}

/** CMD-07 / ART-16: the GesCom article of an order line: known, its substitute, or the Divers article. */
export function resolveArticle(line: Pick<ShopOrderLine, 'sku' | 'name' | 'quantity'>, settings: OrderSettings,
  articles: ReadonlyMap<string, ArticleRef>, warnings: Text[]): ResolvedArticle {
  const found = findArticle(articles, line.sku);
  const label = line.sku || line.name;
  if (!found) {
    if (!settings.lines.useDivers) {
      throw new MappingError('orders.lines.useDivers',
        msg('mapping.unknownArticleNoDivers', { label }));
    }
    const divers = specialArticle(settings, 'divers', articles);
    warnings.push(msg('mapping.diversUsed', { label, code: divers.code }));
    return { article: divers, divers: true };
  }
  const outOfStock = found.stockTracked && found.stock !== undefined && found.stock !== null && dec(found.stock).lte(0);
  if (!found.doNotUse && !outOfStock) return { article: found, divers: found.isDivers };
  const why = msg(found.doNotUse ? 'mapping.dormant' : 'mapping.outOfStock');
  if (settings.lines.useSubstitute && found.substituteCode) {
    const sub = articles.get(found.substituteCode);
    if (sub && !sub.doNotUse) {
      warnings.push(msg('mapping.substituted', { code: found.code, why, substitute: sub.code }));
      return { article: sub, divers: sub.isDivers };
    }
    warnings.push(msg('mapping.substituteUnusable', { code: found.code, why, substitute: found.substituteCode }));
  } else if (found.doNotUse) {
    warnings.push(msg('mapping.articleDormant', { code: found.code }));
  }
  return { article: found, divers: found.isDivers };
}

function addTo(map: ShopVatByCode, code: string, base: Decimal, tax: Decimal): void {
  const e = map.get(code) ?? { base: ZERO, tax: ZERO };
  map.set(code, { base: e.base.plus(base), tax: e.tax.plus(tax) });
}

function addAmount(map: Map<string, Decimal>, code: string, amount: Decimal): void {
  map.set(code, (map.get(code) ?? ZERO).plus(amount));
}

const rateText = (r: Decimal) => `${plain(r).replace('.', ',')} %`;

/** CMD-07 / CMD-08: maps the order's lines, fees, coupons and shipping (see the module comment). */
export function mapLines(order: ShopOrder, settings: OrderSettings, ctx: LineContext): MappedLines {
  const mode = ctx.priceMode;
  const decimals = settings.lines.roundingDecimals;
  const warnings: Text[] = [];
  const lines: DocumentLineInput[] = [];
  const shopByCode: ShopVatByCode = new Map();
  const coupons = couponMapping(order);
  // Per VAT code: what the shop took off the lines (coupons spread by the shop), and the net HT bases.
  const spreadByCode = new Map<string, Decimal>();
  const baseByCode = new Map<string, Decimal>();

  for (const l of order.lines) {
    const qty = dec(l.quantity);
    if (qty.isZero()) {
      lines.push({ articleCode: null, designation: l.name, quantity: '0', unitPrice: '0', discountPercent: '0', vatCode: null });
      continue;
    }
    const { article, divers } = resolveArticle(l, settings, ctx.articles, warnings);
    const choice = ctx.vat.forTaxes(l.taxes);
    let vatCode = choice.vatCode;
    if (!divers && article.vatCode && article.vatCode !== vatCode && ctx.vat.has(article.vatCode)) {
      // The article's own code when it carries the rate the customer paid; otherwise the shop's tax decides.
      if (dec(ctx.vat.rateOf(article.vatCode)).eq(choice.shopRate)) vatCode = article.vatCode;
      else if (!choice.shopRate.isZero()) {
        warnings.push(msg('mapping.otherRate', { code: article.code, articleVat: article.vatCode, shopRate: rateText(choice.shopRate), vatCode: String(vatCode) }));
      }
    }
    const netTax = taxTotal(l.taxes);
    const gross = inMode(mode, l.subtotalExclTax, l.subtotalTax);
    const net = inMode(mode, l.totalExclTax, netTax);
    addTo(shopByCode, vatCode, dec(l.totalExclTax), netTax);
    addAmount(baseByCode, vatCode, dec(l.totalExclTax));

    let base: Decimal;
    let discount = ZERO;
    if (coupons === 'onLines') {
      base = gross;
      addAmount(spreadByCode, vatCode, gross.minus(net));
    } else if (!gross.eq(net) && settings.lines.discountMode === 'lineDiscount' && !gross.isZero()) {
      base = gross;
      discount = gross.minus(net).div(gross).times(HUNDRED).toDecimalPlaces(4);
    } else {
      base = net;
    }
    // What the line must come to: before the coupon when the coupon gets its own lines, else after.
    let target = coupons === 'onLines' ? gross : net;
    let unit = base.div(qty).toDecimalPlaces(decimals);
    const line: DocumentLineInput = {
      articleCode: article.code,
      designation: divers || !settings.lines.useGescomDesignations ? l.name : article.name,
      quantity: plain(qty),
      unitPrice: '',
      discountPercent: plain(discount),
      vatCode,
    };
    const eco = dec(l.ecotax);
    if (settings.lines.removeEcotax && !eco.isZero()) {
      // Per unit, excluding tax: taken off the price, carried on the line for the GesCom.
      const ecoUnit = mode === 'HT' ? eco : eco.times(HUNDRED.plus(ctx.vat.rateOf(vatCode))).div(HUNDRED).toDecimalPlaces(decimals);
      unit = unit.minus(ecoUnit);
      target = target.minus(ecoUnit.times(qty));
      line.ecotax = fixed(eco);
    }
    line.unitPrice = priceText(unit, decimals);
    const got = qty.times(unit).times(HUNDRED.minus(discount)).div(HUNDRED).toDecimalPlaces(2);
    if (!got.eq(target.toDecimalPlaces(2))) {
      warnings.push(msg('mapping.roundedLine', { line: l.sku || l.name, qty: plain(qty), unit: String(line.unitPrice), got: fixed(got), target: fixed(target), decimals }));
    }
    lines.push(line);
  }

  for (const f of order.fees) {
    const article = specialArticle(settings, f.kind === 'giftWrap' ? 'packaging' : 'divers', ctx.articles);
    const { vatCode } = ctx.vat.forTaxes(f.taxes);
    const tax = taxTotal(f.taxes);
    addTo(shopByCode, vatCode, dec(f.totalExclTax), tax);
    lines.push({
      articleCode: article.code, designation: f.name, quantity: '1', unitPrice: fixed(inMode(mode, f.totalExclTax, tax)),
      discountPercent: '0', vatCode,
    });
  }

  lines.push(...couponLines(order, settings, ctx, coupons, { spreadByCode, baseByCode, shopByCode }, warnings));

  const footer: DocumentFooter = { shippingAmount: '0.00', shippingVatCode: null, discountPercent: '0', discountAmount: '0' };
  const ships = order.shippingLines.map((s) => {
    const tax = taxTotal(s.taxes);
    return { s, tax, vatCode: ctx.vat.forTaxes(s.taxes).vatCode, amount: inMode(mode, s.totalExclTax, tax) };
  }).filter((x) => !x.amount.isZero());
  for (const x of ships) addTo(shopByCode, x.vatCode, dec(x.s.totalExclTax), x.tax);
  const shipCodes = new Set(ships.map((x) => x.vatCode));
  if (settings.shippingAs === 'footer' && shipCodes.size <= 1) {
    footer.shippingAmount = fixed(sum(ships.map((x) => x.amount)));
    footer.shippingVatCode = ships[0]?.vatCode ?? null;
  } else {
    if (settings.shippingAs === 'footer') {
      warnings.push(msg('mapping.shippingAsLines'));
    }
    const article = ships.length > 0 ? specialArticle(settings, 'shipping', ctx.articles) : null;
    for (const x of ships) {
      lines.push({
        articleCode: article!.code, designation: x.s.title || 'Frais de port', quantity: '1', unitPrice: fixed(x.amount),
        discountPercent: '0', vatCode: x.vatCode,
      });
    }
  }
  return { lines, footer, coupons, shopByCode, warnings };
}

interface CouponAmounts {
  spreadByCode: Map<string, Decimal>;
  baseByCode: Map<string, Decimal>;
  shopByCode: ShopVatByCode;
}

/**
 * CMD-08: an order-level coupon split over the VAT codes in proportion to each code's HT base
 * (to the cent, largest remainder); its tax likewise, each code's share at that code's rate, the
 * cents left over on the largest base so that the parts add up to the shop's coupon tax.
 */
export function splitOrderCoupon(ht: Decimal, tax: Decimal, bases: ReadonlyMap<string, Decimal>, rateOf: (code: string) => Decimal):
  Map<string, { ht: Decimal; tax: Decimal }> {
  const codes = [...bases.keys()];
  if (codes.length === 0) return new Map();
  const htParts = spreadProportionally(ht, codes.map((c) => bases.get(c)!));
  const taxParts = htParts.map((p, i) => p.times(rateOf(codes[i]!)).div(HUNDRED).toDecimalPlaces(2));
  const rest = tax.minus(sum(taxParts));
  if (!rest.isZero()) {
    const largest = codes.reduce((m, c, i) => (bases.get(c)!.abs().gt(bases.get(codes[m]!)!.abs()) ? i : m), 0);
    taxParts[largest] = taxParts[largest]!.plus(rest);
  }
  return new Map(codes.map((c, i) => [c, { ht: htParts[i]!, tax: taxParts[i]! }]));
}

/** The article of a coupon when its description names a GesCom article (orders.discounts.couponDescriptionAsArticle). */
function descriptionArticle(c: ShopCoupon, settings: OrderSettings, articles: ReadonlyMap<string, ArticleRef>, warnings: Text[]): ArticleRef | null {
  if (!settings.discounts.couponDescriptionAsArticle) return null;
  const code = c.description.trim();
  if (code === '') return null;
  const a = articles.get(code) ?? articles.get(code.toUpperCase());
  if (!a) warnings.push(msg('mapping.couponArticleNotFound', { coupon: c.code, code }));
  return a ?? null;
}

/** CMD-08: the discount lines of the coupons, one per VAT code (and per discount article). */
function couponLines(order: ShopOrder, settings: OrderSettings, ctx: LineContext, how: CouponMapping, a: CouponAmounts,
  warnings: Text[]): DocumentLineInput[] {
  if (how === 'none') return [];
  const mode = ctx.priceMode;
  let byCode: Map<string, Decimal>;
  if (how === 'onLines') {
    // The shop's line figures already are after the coupon: the shop side needs no change.
    byCode = a.spreadByCode;
  } else {
    const split = splitOrderCoupon(sum(order.coupons.map((c) => c.discountExclTax)), sum(order.coupons.map((c) => c.discountTax)),
      a.baseByCode, (code) => dec(ctx.vat.rateOf(code)));
    byCode = new Map();
    for (const [code, part] of split) {
      byCode.set(code, mode === 'HT' ? part.ht : part.ht.plus(part.tax));
      // The shop side of an order-level coupon: its HT and tax on each code, taken off.
      addTo(a.shopByCode, code, part.ht.neg(), part.tax.neg());
    }
  }
  const nonZero = [...byCode].filter(([, v]) => !v.isZero());
  if (nonZero.length === 0) return [];

  if (!settings.discounts.splitPerVatRate) {
    const article = specialArticle(settings, 'discount', ctx.articles);
    const largest = nonZero.reduce((m, e) => (e[1].abs().gt(m[1].abs()) ? e : m));
    const code = article.vatCode && ctx.vat.has(article.vatCode) ? article.vatCode : largest[0];
    if (nonZero.length > 1 || nonZero[0]![0] !== code) {
      warnings.push(msg('mapping.discountOneLine', { code }));
    }
    byCode = new Map([[code, sum(nonZero.map(([, v]) => v))]]);
  }

  const several = byCode.size > 1;
  const weights = order.coupons.map((c) => dec(c.discountExclTax).abs());
  const grouped = new Map<string, { article: ArticleRef; code: string; amount: Decimal; coupons: string[] }>();
  const articleOf = order.coupons.map((c) => descriptionArticle(c, settings, ctx.articles, warnings));
  for (const [code, amount] of byCode) {
    if (amount.isZero()) continue;
    const parts = order.coupons.length === 1 ? [amount] : spreadProportionally(amount, weights);
    order.coupons.forEach((c, i) => {
      const part = parts[i]!;
      if (part.isZero()) return;
      const article = articleOf[i] ?? discountArticleFor(code, settings, ctx.articles);
      const key = `${article.code}|${code}`;
      const g = grouped.get(key) ?? { article, code, amount: ZERO, coupons: [] };
      g.amount = g.amount.plus(part);
      if (!g.coupons.includes(c.code)) g.coupons.push(c.code);
      grouped.set(key, g);
    });
  }
  return [...grouped.values()].map((g) => ({
    articleCode: g.article.code,
    designation: `Bon de réduction ${g.coupons.join(', ')}${several ? ` - TVA ${rateText(dec(ctx.vat.rateOf(g.code)))}` : ''}`,
    quantity: '1',
    unitPrice: fixed(g.amount.neg()),
    discountPercent: '0',
    vatCode: g.code,
  }));
}
