/**
 * The PrestaShop webservice as the adapter's parts use it (docs/shop-apis.md section 2): JSON
 * reads (`output_format=JSON`), XML writes, `limit=offset,count` paging without a count header,
 * `filter[field]=[value]` / `[a,b]` ranges with `date=1`, `display=full` or `[field,…]`, `sort`,
 * and `id_shop` in a multistore. The catalogue, customer and order parts all go through it.
 */

/** A field of a webservice record as text ('' for null or absent: the webservice's JSON mixes numbers and strings). */
export const str = (v: unknown): string => (v === null || v === undefined ? '' : String(v));

/** A PrestaShop boolean field: '1' / 1 / true. */
export const flag = (v: unknown): boolean => v === true || v === 1 || v === '1';

/** One resource as the webservice returns it in JSON: fields, multilang lists, `associations`. */
export type PsRecord = Record<string, unknown>;

export interface PsListQuery {
  /** `display=full` (default) or a field list `[id,reference]`. */
  display?: 'full' | readonly string[];
  /** filter[field]=value as given (`[AR0003]`, `[1|2|3]`, `[2026-01-01 00:00:00,2026-02-01 00:00:00]`, `%[pull]%`). */
  filter?: Record<string, string>;
  /** sort=[field_ASC] */
  sort?: string;
  /** Page size for `pages()` (limit=offset,count); a single `list()` sends it as is when set. */
  limit?: number;
  /** Send date=1 (needed to filter on date fields). */
  date?: boolean;
}

/** A file sent in a multipart POST (product images, attachment files). */
export interface PsFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}

export interface PsWebservice {
  /** One request: the matching records (an empty answer `[]` gives []). */
  list(resource: string, q?: PsListQuery): Promise<PsRecord[]>;
  /** Every matching record, page after page (limit=offset,count until a short page). */
  pages(resource: string, q?: PsListQuery): AsyncIterable<PsRecord[]>;
  /** One record by id; null on 404. */
  get(resource: string, id: string | number): Promise<PsRecord | null>;
  /**
   * POST in XML; the created record (read back in JSON). `query`: extra parameters of the request
   * (`sendemail=1` on order_histories mails the customer).
   */
  create(resource: string, record: PsRecord, query?: Record<string, string>): Promise<PsRecord>;
  /** PUT in XML of a whole record: the caller sends every field (PUT blanks what it omits). */
  replace(resource: string, id: string | number, record: PsRecord): Promise<PsRecord>;
  /** PATCH in XML of some fields, where the resource supports it. */
  patch(resource: string, id: string | number, fields: PsRecord): Promise<PsRecord>;
  delete(resource: string, id: string | number): Promise<void>;
  /**
   * Multipart POST (`images/products/60` with field `image`, `attachments/file` with field `file`):
   * the record the shop answers, or null when it answers none. Absent on a webservice without files.
   */
  upload?(path: string, field: string, file: PsFile, fields?: Record<string, string>): Promise<PsRecord | null>;
  /** The resources the key may use, each with its allowed methods in upper case (`GET /api/`, read in XML). */
  resources?(): Promise<Map<string, Set<string>>>;
  /** Requests sent so far. */
  stats(): { requests: number; writeRequests: number };
}
