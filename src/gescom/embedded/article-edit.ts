/**
 * Turns "field value" typed by a person (`passerelle gescom set article AR0003
 * salePriceHt 12.50`) into an article patch, the way the GesCom's article card
 * behaves: typing the HT price recomputes the TTC one from the VAT rate, and the
 * reverse; flags accept oui/non as well as true/false.
 */
import { GesComError } from '../../errors.js';
import { isDecimalString } from '../../util/decimal.js';
import type { Article, ArticlePatch, CustomFieldDef, VatCode } from '../model.js';
import { otherPrice } from './load-company.js';
import { ARTICLE_COLUMNS } from './rows.js';
import { msg } from '../../i18n/catalogue.js';

const BOOLEAN_FIELDS = new Set(['isDivers', 'doNotUse', 'publishable', 'stockTracked']);
const DECIMAL_FIELDS = new Set(['ecotax', 'weightNet', 'weightGross', 'purchasePrice', 'salePriceHt', 'salePriceTtc', 'minQuantity']);
const INTEGER_FIELDS = new Set(['warrantyMonths']);
const NULLABLE_FIELDS = new Set([
  'descriptionRtf', 'familyCode', 'categoryCode', 'brand', 'supplierCode', 'supplierRef', 'barcode', 'warrantyMonths', 'unit', 'substituteCode', 'vatCode', 'location', 'availableFrom',
]);

export function parseBoolean(raw: string, entity: string, field: string): boolean {
  const v = raw.trim().toLowerCase();
  if (['true', '1', 'oui', 'yes', 'o', 'y'].includes(v)) return true;
  if (['false', '0', 'non', 'no', 'n'].includes(v)) return false;
  throw new GesComError(msg('gescom.err.yesNoExpected', { field, value: raw }), entity, field);
}

export function editableArticleFields(): string[] {
  return Object.keys(ARTICLE_COLUMNS);
}

export interface ArticleEdit {
  patch: ArticlePatch;
  custom?: { name: string; value: string | boolean | null };
}

export function articleEdit(article: Article, field: string, raw: string, vatCodes: VatCode[], customDefs: CustomFieldDef[], priceDecimals = 2): ArticleEdit {
  const entity = `article ${article.code}`;
  if (field.startsWith('custom.')) {
    const name = field.slice('custom.'.length);
    const def = customDefs.find((d) => d.entity === 'article' && d.name === name);
    if (!def) {
      throw new GesComError(msg('gescom.err.unknownCustomFieldOf', { name, known: customDefs.filter((d) => d.entity === 'article').map((d) => d.name).join(', ') }), entity, field);
    }
    if (raw === 'null' || raw === '') return { patch: {}, custom: { name, value: null } };
    if (def.type === 'boolean') return { patch: {}, custom: { name, value: parseBoolean(raw, entity, field) } };
    if (def.type === 'number' && !isDecimalString(raw)) throw new GesComError(msg('gescom.err.numberExpected', { field, value: raw }), entity, field);
    if (def.type === 'date' && Number.isNaN(Date.parse(raw))) throw new GesComError(msg('gescom.err.dateExpected', { field, value: raw }), entity, field);
    return { patch: {}, custom: { name, value: raw } };
  }
  if (!(field in ARTICLE_COLUMNS)) {
    throw new GesComError(msg('gescom.err.unknownEditableField', { field, known: editableArticleFields().join(', ') }), entity, field);
  }
  if (NULLABLE_FIELDS.has(field) && (raw === 'null' || raw === '')) return { patch: { [field]: null } as ArticlePatch };
  if (BOOLEAN_FIELDS.has(field)) return { patch: { [field]: parseBoolean(raw, entity, field) } as ArticlePatch };
  if (INTEGER_FIELDS.has(field)) {
    if (!/^\d+$/.test(raw)) throw new GesComError(msg('gescom.err.wholeNumberExpected', { field, value: raw }), entity, field);
    return { patch: { [field]: Number(raw) } as ArticlePatch };
  }
  if (DECIMAL_FIELDS.has(field)) {
    const value = raw.trim().replace(',', '.');
    if (!isDecimalString(value)) throw new GesComError(msg('gescom.err.numberExpected', { field, value: raw }), entity, field);
    if (value.startsWith('-') && field !== 'ecotax') throw new GesComError(msg('gescom.err.positiveExpected', { field, value: raw }), entity, field);
    if (field === 'salePriceHt' || field === 'salePriceTtc') {
      const vatCode = article.vatCode;
      const rate = vatCodes.find((v) => v.code === vatCode)?.rate ?? '0';
      const base = field === 'salePriceHt' ? 'HT' : 'TTC';
      const other = otherPrice(base, value, rate, priceDecimals);
      return { patch: base === 'HT' ? { salePriceHt: value, salePriceTtc: other } : { salePriceTtc: value, salePriceHt: other } };
    }
    return { patch: { [field]: value } as ArticlePatch };
  }
  if (field === 'priceBase') {
    if (raw !== 'HT' && raw !== 'TTC') throw new GesComError(msg('gescom.err.htTtcExpected', { field, value: raw }), entity, field);
    return { patch: { priceBase: raw } };
  }
  if (field === 'vatCode') {
    const vat = vatCodes.find((v) => v.code === raw);
    if (!vat) throw new GesComError(msg('gescom.err.unknownVatCodeOf', { code: raw, known: vatCodes.map((v) => v.code).join(', ') }), entity, field);
    // The price the merchant entered stays; the other one follows the new rate, as on the article card.
    const entered = article.priceBase === 'TTC' ? article.salePriceTtc : article.salePriceHt;
    const other = otherPrice(article.priceBase, entered, vat.rate, priceDecimals);
    return { patch: article.priceBase === 'TTC' ? { vatCode: raw, salePriceHt: other } : { vatCode: raw, salePriceTtc: other } };
  }
  return { patch: { [field]: raw } as ArticlePatch };
}
