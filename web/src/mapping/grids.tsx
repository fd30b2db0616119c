/**
 * The mapping grids of the profile's object-list options, column by column: which list of the
 * GesCom or of the shop each cell offers (the manual's Commandes mapping sub-tabs, customer groups,
 * product taxes, order status update).
 */
import type { ComponentType } from 'react';
import type { ApiReferenceLists, ApiRefItem } from '../../../src/service/api-types-mapping.ts';
import type { MappingEditorProps } from './registry.ts';
import { MappingGrid, type Column, type GridSpec, type ItemGroup } from './mapping-grid.tsx';

type Lists = ApiReferenceLists;
const one = (items: ApiRefItem[] | undefined): ItemGroup[] | undefined => (items ? [{ items }] : undefined);
const gescom = (pick: (l: NonNullable<Lists['gescom']['lists']>) => ApiRefItem[] | undefined) => (l: Lists) => (l.gescom.lists ? one(pick(l.gescom.lists)) : undefined);
const shop = (pick: (l: NonNullable<Lists['shop']['lists']>) => ApiRefItem[] | undefined) => (l: Lists) => (l.shop.lists ? one(pick(l.shop.lists)) : undefined);

const vatCode: Column = { field: 'vatCode', header: 'mapping.colVatCode', kind: 'select', source: gescom((g) => g.vatCodes) };

/** The shop's tax whose name and rate the row holds ('' when none matches); choosing one fills both. */
const shopTax: Column = {
  field: 'shopTax', header: 'mapping.colShopTax', kind: 'select',
  source: shop((s) => s.taxes),
  get: (row, lists) => lists?.shop.lists?.taxes?.find((t) => t.name === row.name && Number(t.rate) === Number(row.rate))?.id ?? '',
  set: (row, _value, item) => (item ? { ...row, name: item.name ?? '', rate: item.rate ?? '' } : row),
};

export const GRIDS: Record<string, GridSpec> = {
  'articles.taxes.mapping': {
    blank: { vatCode: '', shopTaxClass: '' },
    columns: [vatCode, { field: 'shopTaxClass', header: 'mapping.colShopTaxClass', kind: 'select', source: shop((s) => s.taxClasses) }],
  },
  'orders.mappings.taxes': {
    blank: { name: '', rate: '', vatCode: '' },
    columns: [
      shopTax,
      { field: 'name', header: 'mapping.colTaxName', kind: 'text' },
      { field: 'rate', header: 'mapping.colTaxRate', kind: 'text' },
      vatCode,
    ],
  },
  'orders.mappings.payments': {
    blank: { method: '', currency: '', paymentMode: '', bankJournal: '', customerAccount: '', accountingAccount: '', createPayment: true },
    columns: [
      { field: 'method', header: 'mapping.colMethod', kind: 'select', source: shop((s) => s.paymentMethods) },
      { field: 'currency', header: 'mapping.colCurrency', kind: 'select', emptyText: 'mapping.anyCurrency', source: shop((s) => s.currencies) },
      { field: 'paymentMode', header: 'mapping.colPaymentMode', kind: 'select', source: gescom((g) => g.paymentModes) },
      { field: 'bankJournal', header: 'mapping.colBankJournal', kind: 'select', source: gescom((g) => g.bankJournals) },
      { field: 'customerAccount', header: 'mapping.colCustomerAccount', kind: 'text' },
      { field: 'accountingAccount', header: 'mapping.colAccountingAccount', kind: 'text' },
      { field: 'createPayment', header: 'mapping.colCreatePayment', kind: 'checkbox' },
    ],
  },
  'orders.mappings.currencies': {
    blank: { shopCurrency: '', gescomCurrency: '' },
    columns: [
      { field: 'shopCurrency', header: 'mapping.colShopCurrency', kind: 'select', source: shop((s) => s.currencies) },
      { field: 'gescomCurrency', header: 'mapping.colGescomCurrency', kind: 'select', source: gescom((g) => g.currencies) },
    ],
  },
  'orders.mappings.accountingCategories': {
    blank: { key: '', withTax: '', withoutTax: '' },
    columns: [
      {
        field: 'key', header: 'mapping.colKey', kind: 'select',
        // By zone or by country (orders.mappings.accountingCategoryBy): both offered, grouped.
        source: (l) => {
          const s = l.shop.lists;
          if (!s || (!s.zones && !s.countries)) return undefined;
          return [
            ...(s.zones ? [{ label: 'mapping.zones' as const, items: s.zones }] : []),
            ...(s.countries ? [{ label: 'mapping.countries' as const, items: s.countries }] : []),
          ];
        },
      },
      { field: 'withTax', header: 'mapping.colWithTax', kind: 'select', source: gescom((g) => g.accountingCategories) },
      { field: 'withoutTax', header: 'mapping.colWithoutTax', kind: 'select', source: gescom((g) => g.accountingCategories) },
    ],
  },
  'orders.statusMapping': {
    blank: { status: '', documentType: 'order' },
    columns: [
      { field: 'status', header: 'mapping.colStatus', kind: 'select', source: shop((s) => s.orderStatuses) },
      { field: 'documentType', header: 'mapping.colDocumentType', kind: 'select', source: gescom((g) => g.documentTypes) },
    ],
  },
  'orderStatus.mapping': {
    blank: { documentState: 'invoice', shopStatus: '' },
    columns: [
      { field: 'documentState', header: 'mapping.colDocumentState', kind: 'select', source: gescom((g) => g.documentStates) },
      { field: 'shopStatus', header: 'mapping.colShopStatus', kind: 'select', source: shop((s) => s.orderStatuses) },
    ],
  },
  'customers.groups.mapping': {
    blank: { priceCategoryId: 1, shopGroup: '', taxDisplay: 'TTC' },
    columns: [
      { field: 'priceCategoryId', header: 'mapping.colPriceCategory', kind: 'select', numeric: true, source: gescom((g) => g.priceCategories) },
      { field: 'shopGroup', header: 'mapping.colShopGroup', kind: 'select', source: shop((s) => s.customerGroups) },
      { field: 'taxDisplay', header: 'mapping.colTaxDisplay', kind: 'select', choices: () => [{ id: 'HT', label: 'HT' }, { id: 'TTC', label: 'TTC' }] },
    ],
  },
  'orders.specialArticles.discountByVat': {
    blank: { vatCode: '', article: '' },
    columns: [vatCode, { field: 'article', header: 'mapping.colArticle', kind: 'article' }],
  },
};

function editorFor(spec: GridSpec): ComponentType<MappingEditorProps> {
  return function MappingEditor(props: MappingEditorProps) {
    return <MappingGrid {...props} spec={spec} />;
  };
}

/** One editor per grid, by option key (registered in registry.ts). */
export const GRID_EDITORS: Record<string, ComponentType<MappingEditorProps>> = Object.fromEntries(
  Object.entries(GRIDS).map(([key, spec]) => [key, editorFor(spec)]),
);
