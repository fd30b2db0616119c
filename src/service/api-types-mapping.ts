/**
 * Wire types of the mapping grids and the connection diagnosis (PRF-09), shared by the routes
 * (src/service/routes/reference-lists.ts, check.ts) and the web UI (web/src/mapping/). Self-contained.
 */

/** One value a grid cell offers: what the profile stores (`id`) and what a person reads. */
export interface ApiRefItem {
  id: string;
  label: string;
  /** A tax's or VAT code's percentage ("20", "5.5"). */
  rate?: string;
  /** A shop tax's name as orders carry it. */
  name?: string;
}

/** Why one side could not be read: the message in the reader's language, the entity and the option at fault. */
export interface ApiSideError {
  error: string;
  message: string;
  entity?: string;
  field?: string;
}

export interface ApiGescomLists {
  vatCodes: ApiRefItem[];
  paymentModes: ApiRefItem[];
  bankJournals: ApiRefItem[];
  depots: ApiRefItem[];
  priceCategories: ApiRefItem[];
  accountingCategories: ApiRefItem[];
  currencies: ApiRefItem[];
  /** quote, order, deliveryPrep, deliveryNote, invoice. */
  documentTypes: ApiRefItem[];
  /** The document types and "paid" (order status update). */
  documentStates: ApiRefItem[];
  /** Articles whose code or designation holds the `articles` query (at most 50); absent without it. */
  articles?: ApiRefItem[];
}

/** What the shop holds; a list its platform has no notion of is absent. */
export interface ApiShopLists {
  taxClasses?: ApiRefItem[];
  taxes?: ApiRefItem[];
  paymentMethods?: ApiRefItem[];
  orderStatuses?: ApiRefItem[];
  carriers?: ApiRefItem[];
  customerGroups?: ApiRefItem[];
  countries?: ApiRefItem[];
  zones?: ApiRefItem[];
  currencies?: ApiRefItem[];
}

/** GET /api/profiles/:name/lists: each side answers on its own; a side that failed carries `error`. */
export interface ApiReferenceLists {
  profile: string;
  gescom: { kind: string; lists?: ApiGescomLists; error?: ApiSideError };
  shop: { kind: string; lists?: ApiShopLists; error?: ApiSideError };
}

export type ApiCheckState = 'ok' | 'warning' | 'error';

/** One check of the diagnosis, in the reader's language. */
export interface ApiCheck {
  /** Stable id: "gescom.connection", "gescom.code.orders.specialArticles.shipping", "shop.auth", "money.currency"… */
  id: string;
  side: 'gescom' | 'shop';
  /** What was checked. */
  label: string;
  state: ApiCheckState;
  /** What was found. */
  message: string;
  entity?: string;
  /** The profile option to look at. */
  field?: string;
}

/** POST /api/profiles/:name/check. `ok`: no check in error. */
export interface ApiCheckReport {
  profile: string;
  ok: boolean;
  checks: ApiCheck[];
}
