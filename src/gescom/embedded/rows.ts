/** Row <-> domain conversions of the embedded GesCom: SQLite keeps 0/1 flags, JSON addresses, TEXT decimals. */
import type { Address, Article, Customer, CustomFieldType, CustomValue, SalesDocument } from '../model.js';

export type Row = Record<string, unknown>;

export const bool = (v: unknown): boolean => v === 1 || v === true;
export const flag = (v: boolean | undefined): number => (v ? 1 : 0);
export const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));
export const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

export function addressFromJson(v: unknown): Address | null {
  return typeof v === 'string' && v !== '' ? (JSON.parse(v) as Address) : null;
}
export function addressToJson(a: Address | null | undefined): string | null {
  return a ? JSON.stringify(a) : null;
}

/** Custom values are stored as text; their definition's type says how to read them back. */
export function decodeCustom(value: unknown, type: CustomFieldType | undefined): CustomValue {
  if (value === null || value === undefined) return null;
  const s = String(value);
  switch (type) {
    case 'number':
      return s; // kept as a decimal string: custom numbers can be dimensions or prices
    case 'boolean':
      return s === '1' || s === 'true';
    default:
      return s;
  }
}
export function encodeCustom(value: CustomValue): string | null {
  if (value === null) return null;
  if (typeof value === 'boolean') return value ? '1' : '0';
  return String(value);
}

export function articleFromRow(r: Row): Omit<Article, 'customFields' | 'images' | 'documents' | 'packagings' | 'components' | 'linkedCodes'> {
  return {
    code: str(r.code),
    name: str(r.name),
    description: str(r.description),
    descriptionRtf: strOrNull(r.description_rtf),
    notes: str(r.notes),
    familyCode: strOrNull(r.family_code),
    categoryCode: strOrNull(r.category_code),
    brand: strOrNull(r.brand),
    supplierCode: strOrNull(r.supplier_code),
    supplierRef: strOrNull(r.supplier_ref),
    barcode: strOrNull(r.barcode),
    warrantyMonths: numOrNull(r.warranty_months),
    unit: strOrNull(r.unit),
    ecotax: str(r.ecotax),
    weightNet: str(r.weight_net),
    weightGross: str(r.weight_gross),
    isDivers: bool(r.is_divers),
    doNotUse: bool(r.do_not_use),
    publishable: bool(r.publishable),
    substituteCode: strOrNull(r.substitute_code),
    stockTracked: bool(r.stock_tracked),
    vatCode: strOrNull(r.vat_code),
    purchasePrice: str(r.purchase_price),
    salePriceHt: str(r.sale_price_ht),
    salePriceTtc: str(r.sale_price_ttc),
    priceBase: r.price_base === 'TTC' ? 'TTC' : 'HT',
    minQuantity: str(r.min_quantity),
    location: strOrNull(r.location),
    availableFrom: strOrNull(r.available_from),
    createdAt: str(r.created_at),
    modifiedAt: str(r.modified_at),
  };
}

/** Article fields -> column names, for inserts and patches. */
export const ARTICLE_COLUMNS: Record<string, string> = {
  name: 'name', description: 'description', descriptionRtf: 'description_rtf', notes: 'notes', familyCode: 'family_code',
  categoryCode: 'category_code', brand: 'brand', supplierCode: 'supplier_code', supplierRef: 'supplier_ref', barcode: 'barcode',
  warrantyMonths: 'warranty_months', unit: 'unit', ecotax: 'ecotax', weightNet: 'weight_net', weightGross: 'weight_gross',
  isDivers: 'is_divers', doNotUse: 'do_not_use', publishable: 'publishable', substituteCode: 'substitute_code',
  stockTracked: 'stock_tracked', vatCode: 'vat_code', purchasePrice: 'purchase_price', salePriceHt: 'sale_price_ht',
  salePriceTtc: 'sale_price_ttc', priceBase: 'price_base', minQuantity: 'min_quantity', location: 'location', availableFrom: 'available_from',
};

export const CUSTOMER_COLUMNS: Record<string, string> = {
  accountingAccount: 'accounting_account', company: 'company', civility: 'civility', firstName: 'first_name', lastName: 'last_name',
  email: 'email', phone: 'phone', vatNumber: 'vat_number', billingAddress: 'billing_address', deliveryAddress: 'delivery_address',
  priceCategoryId: 'price_category_id', familyCode: 'family_code', representativeCode: 'representative_code',
  accountingCategoryCode: 'accounting_category_code', paymentModeCode: 'payment_mode_code', dormant: 'dormant', blocked: 'blocked',
  creditLimit: 'credit_limit', paymentDelayDays: 'payment_delay_days', risk: 'risk', notes: 'notes', isProspect: 'is_prospect',
};

/** Converts a domain value to what SQLite stores in that column. */
export function toColumnValue(field: string, value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (field === 'billingAddress' || field === 'deliveryAddress') return addressToJson(value as Address | null);
  return value ?? null;
}

export function customerFromRow(r: Row): Omit<Customer, 'contacts' | 'customFields'> {
  return {
    code: str(r.code),
    accountingAccount: strOrNull(r.accounting_account),
    company: strOrNull(r.company),
    civility: strOrNull(r.civility),
    firstName: strOrNull(r.first_name),
    lastName: str(r.last_name),
    email: strOrNull(r.email),
    phone: strOrNull(r.phone),
    vatNumber: strOrNull(r.vat_number),
    billingAddress: addressFromJson(r.billing_address),
    deliveryAddress: addressFromJson(r.delivery_address),
    priceCategoryId: numOrNull(r.price_category_id),
    familyCode: strOrNull(r.family_code),
    representativeCode: strOrNull(r.representative_code),
    accountingCategoryCode: strOrNull(r.accounting_category_code),
    paymentModeCode: strOrNull(r.payment_mode_code),
    dormant: bool(r.dormant),
    blocked: bool(r.blocked),
    creditLimit: strOrNull(r.credit_limit),
    paymentDelayDays: numOrNull(r.payment_delay_days),
    risk: strOrNull(r.risk),
    notes: str(r.notes),
    isProspect: bool(r.is_prospect),
    createdAt: str(r.created_at),
    modifiedAt: str(r.modified_at),
  };
}

export function documentHeaderFromRow(r: Row): Omit<SalesDocument, 'lines' | 'payments' | 'totals'> {
  return {
    number: str(r.number),
    type: str(r.type) as SalesDocument['type'],
    date: str(r.date),
    customerCode: str(r.customer_code),
    billingAddress: addressFromJson(r.billing_address),
    deliveryAddress: addressFromJson(r.delivery_address),
    reference: str(r.reference),
    remark: str(r.remark),
    customerReference: str(r.customer_reference),
    depotCode: strOrNull(r.depot_code),
    accountingCategoryCode: strOrNull(r.accounting_category_code),
    currencyCode: strOrNull(r.currency_code),
    shopOrderId: strOrNull(r.shop_order_id),
    shopKey: r.shop_key === null || r.shop_key === undefined ? '' : str(r.shop_key),
    priceMode: r.price_mode === 'TTC' ? 'TTC' : 'HT',
    notes: str(r.notes),
    footer: {
      shippingAmount: str(r.shipping_amount),
      shippingVatCode: strOrNull(r.shipping_vat_code),
      discountPercent: str(r.footer_discount_percent),
      discountAmount: str(r.footer_discount_amount),
    },
    validated: bool(r.validated),
    movesStock: bool(r.moves_stock),
    trackingNumber: strOrNull(r.tracking_number),
    carrier: strOrNull(r.carrier),
    createdAt: str(r.created_at),
    modifiedAt: str(r.modified_at),
  };
}
