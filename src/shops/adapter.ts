/**
 * What a shop platform brings to Passerelle: one folder `src/shops/<kind>/` exporting a
 * `ShopAdapter`, registered in `src/shops/registry.ts`. Shared code never names a platform: it
 * asks the registry for the adapter of the profile's `shop.kind` and hands it the options it
 * needs (its own section `shop.<kind>` and the non-shop settings below), never the whole profile.
 */
import type { z } from 'zod';
import type { HttpClient, HttpClientOptions } from '../http/http-client.js';
import type { AuthStrategy } from '../http/auth.js';
import type { Text } from '../i18n/catalogue.js';
import type { Lang } from '../i18n/message-table.js';
import type { Profile, ShopKind } from '../profile/schema.js';
import type { ShopPort } from './port.js';
import type { WebhookSupport } from './webhooks.js';

/** The profile options outside `shop` that adapters read: language, prices base, article and customer switches. */
export interface ShopSettings {
  language: Lang;
  timezone: string;
  prices: Profile['prices'];
  articles: Profile['articles'];
  customers: Profile['customers'];
  orders: Profile['orders'];
}

/** What an adapter may set on its clients besides the profile's HTTP settings. */
export type ShopHttpOptions = Partial<Pick<HttpClientOptions, 'concurrency' | 'defaultQuery' | 'shouldRetry' | 'rateLimit'>>;

/** What shared code gives an adapter to build its port with. */
export interface ShopDeps {
  settings: ShopSettings;
  /**
   * An HTTP client on the profile's HTTP settings (timeouts, retries, spacing, proxy, TLS, CA,
   * request meter) for this base URL, with the adapter's own auth; the protected-directory basic
   * auth of the profile (http.basicAuth) is composed in front by shared code.
   */
  http(baseUrl: string, auth: AuthStrategy | undefined, client?: ShopHttpOptions): HttpClient;
  /**
   * True when the API credentials must travel in the query string: the profile's alternative
   * request method (host strips Authorization) or a protected directory owning that header.
   */
  credentialsInQuery: boolean;
  /** A small memory in the state store, scoped to the profile (media ids, option value ids…). */
  memory: {
    get(kind: string, key: string): string | undefined;
    set(kind: string, key: string, value: string): void;
    /** Every key of a kind with its value (a memory kept before a summary of it existed). */
    entries?(kind: string): [string, string][];
  };
  /** A journal line for things skipped on purpose. */
  warn(message: string | Text): void;
  /** The run's clock: what is dated (a promotion) is judged at this instant. */
  now?(): Date;
}

/** The shop part every platform shares, plus its own options. */
export interface ShopConnection<O> {
  /** The profile's shop.url, trimmed, without trailing slash. */
  url: string;
  options: O;
}

export interface ShopAdapter<O = unknown> {
  readonly kind: ShopKind;
  /**
   * The platform's own options under `shop.<kind>` (credentials and platform-only switches),
   * built with the option helpers so that labels, help and validation speak French and English.
   */
  readonly options: z.ZodType<O>;
  /**
   * Options `open` cannot do without (the credentials): checked only for the profile's own kind,
   * when the shop is opened (runs and `shop check`), with a ConfigError naming `shop.<kind>.<field>`.
   */
  readonly required?: readonly (keyof O & string)[];
  /** The options the CLI's `--shop-key` / `--shop-secret` fill for this platform (`profile create`, `demo`). */
  readonly credentialFlags?: { readonly key?: keyof O & string; readonly secret?: keyof O & string };
  /** Builds the port; absent while a platform is announced but not built yet (the run says so). */
  open?(connection: ShopConnection<O>, deps: ShopDeps): ShopPort;
  /**
   * The platform's own identity of this shop, part of the exactly-once key of an order with the
   * kind (normalised host and path, PrestaShop id_shop, Shopify domain).
   */
  identity(connection: ShopConnection<O>): string;
  /**
   * The demo profile on this platform (`demo init --shop <kind>`): the shop statuses (raw or
   * canonical) whose orders become invoices, and the status the way back sets on an invoiced
   * order. Absent: processing and completed orders, completed back.
   */
  readonly demo?: { readonly invoiceStatuses: readonly string[]; readonly invoicedStatus: string };
  /**
   * Order webhooks (src/shops/webhooks.ts): signature, deliveries and subscriptions. Absent: the
   * platform has none (PrestaShop) and its orders come by the scheduled import only.
   */
  readonly webhooks?: WebhookSupport<O>;
}
