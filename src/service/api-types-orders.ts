/**
 * The orders view's wire types (GET/POST /api/profiles/:name/orders…), shared by the route
 * (src/service/routes/orders-view.ts) and the web UI (web/src/orders/). Self-contained: amounts are
 * decimal strings exactly as the GesCom or the shop hold them, never numbers.
 */
import type { ApiRunStatus } from './api-types.js';

/** An order's state here: in the GesCom (and recorded), or why not. */
export type ApiOrderHere = 'imported' | 'inGesCom' | 'importing' | 'failed' | 'skipped' | 'excluded' | 'grouped' | 'notImported';

export type ApiDocumentType = 'quote' | 'order' | 'deliveryPrep' | 'deliveryNote' | 'invoice';

/** A GesCom document an order became, with the totals the GesCom computed. */
export interface ApiOrderDocument {
  number: string;
  type: ApiDocumentType;
  date: string;
  customerCode: string;
  validated: boolean;
  totalHt: string;
  totalVat: string;
  totalTtc: string;
  paid: string;
  due: string;
}

export interface ApiOrderRow {
  /** The shop's order id (the key of exactly-once import). */
  id: string;
  /** The number shown to the customer. */
  number: string;
  createdAt: string;
  customer: string;
  email: string;
  currency: string;
  /** The shop's total with tax. */
  totalTtc: string;
  /** The shop's own status, and its canonical state. */
  shopStatus: string;
  shopState: string;
  here: ApiOrderHere;
  documents: ApiOrderDocument[];
  /** Whether the GesCom's total with tax equals the shop's (null when not imported). */
  totalsMatch: boolean | null;
  /** Why it is not imported (or what to know about its document), in the reader's language. */
  reason: string | null;
  /** The option or field the reason names. */
  field: string | null;
  /** The run whose attempt the reason comes from. */
  runId: number | null;
}

/** GET /api/profiles/:name/orders */
export interface ApiOrdersList {
  profile: string;
  /** The period read (instants, UTC) and the profile's time zone. */
  from: string;
  to: string;
  timezone: string;
  /** The shop statuses seen in the period and those the profile imports, for the filter. */
  statuses: string[];
  /** The statuses the profile imports (orders.statusMapping). */
  importedStatuses: string[];
  orders: ApiOrderRow[];
  /** What the shop said on the way (in the reader's language). */
  warnings: string[];
}

export type ApiOrdersPeriod = 'today' | 'yesterday' | 'this-week' | 'this-month' | 'last-month';

export interface ApiPreviewLine {
  position: number;
  articleCode: string | null;
  designation: string;
  quantity: string;
  unitPrice: string;
  discountPercent: string;
  vatCode: string | null;
  totalHt: string;
  totalVat: string;
  totalTtc: string;
}

/** A document as the GesCom would hold it. */
export interface ApiPreviewDocument {
  type: ApiDocumentType;
  number: string;
  date: string;
  customerCode: string;
  shopOrderId: string | null;
  priceMode: string;
  lines: ApiPreviewLine[];
  /** Shipping and discounts in the footer, in the document's price mode. */
  footer?: { shippingAmount: string; shippingVatCode: string | null; discountPercent: string; discountAmount: string };
  totals: { totalHt: string; totalTtc: string; totalVat: string; vatByCode: { vatCode: string; rate: string; baseHt: string; vat: string }[]; paid: string; due: string };
  payments: { modeCode: string; amount: string }[];
}

/** POST /api/profiles/:name/orders/preview */
export interface ApiOrdersPreview {
  runId: number;
  status: ApiRunStatus;
  statusLabel: string;
  /** The run's message when it did not succeed. */
  message: string | null;
  documents: ApiPreviewDocument[];
  /** Customers the import would create (codes). */
  customers: string[];
  /** The run's warning and error lines (without timestamp). */
  messages: { level: 'warning' | 'error'; text: string }[];
}

/** POST /api/profiles/:name/orders/reset */
export interface ApiOrdersReset {
  count: number;
  reset: string[];
  notRecorded: string[];
  stillInGesCom: { orderId: string; documentNumber: string; message: string }[];
  gescomChecked: boolean;
}

/** POST /api/profiles/:name/orders/reimport (202) */
export interface ApiOrdersReimport {
  runId: number;
  journal: string;
}
