import { PasserelleError } from '../errors.js';
import { msg, render, type MessageKey, type Text } from '../i18n/catalogue.js';
import type { HttpMethod } from './auth.js';
import { urlForMessage } from './redact.js';
import { plainText } from './shop-error.js';

/** Catalogue key of a status's label, when the shop gave no message of its own. */
/** 4xx labels; a 5xx is told by serverError, with the shop's own words. */
const STATUS_LABEL: Record<number, MessageKey> = {
  400: 'http.status.400',
  401: 'http.status.401',
  402: 'http.status.402',
  403: 'http.status.403',
  404: 'http.status.404',
  405: 'http.status.405',
  408: 'http.status.408',
  409: 'http.status.409',
  413: 'http.status.413',
  415: 'http.status.415',
  422: 'http.status.422',
  423: 'http.status.423',
  429: 'http.status.429',
};

const NETWORK_LABEL: Record<string, MessageKey> = {
  TIMEOUT: 'http.net.TIMEOUT',
  ECONNREFUSED: 'http.net.ECONNREFUSED',
  ECONNRESET: 'http.net.ECONNRESET',
  UND_ERR_SOCKET: 'http.net.UND_ERR_SOCKET',
  EPIPE: 'http.net.EPIPE',
  ENOTFOUND: 'http.net.ENOTFOUND',
  EAI_AGAIN: 'http.net.EAI_AGAIN',
  ETIMEDOUT: 'http.net.ETIMEDOUT',
  UND_ERR_CONNECT_TIMEOUT: 'http.net.UND_ERR_CONNECT_TIMEOUT',
  UND_ERR_HEADERS_TIMEOUT: 'http.net.UND_ERR_HEADERS_TIMEOUT',
  UND_ERR_BODY_TIMEOUT: 'http.net.UND_ERR_BODY_TIMEOUT',
  INVALID_JSON: 'http.net.INVALID_JSON',
  TLS: 'http.net.TLS',
  PROXY: 'http.net.PROXY',
};

/** Certificate and TLS failures: permanent until someone fixes the certificate, the CA or http.tlsMin. */
export function isTlsCode(code: string): boolean {
  return /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|EPROTO/.test(code);
}

export interface HttpErrorInit {
  method: HttpMethod;
  /** Shown without its query string, whatever is passed. */
  url: string;
  status: number | null;
  code?: string;
  /** The shop's own message, or ours when the answer calls for one (a redirection). */
  shopMessage?: string | Text;
  attempts: number;
  /** Network failure detail (already free of secrets). */
  detail?: string | Text;
  /** Parsed error body, for adapters that need more than the message (per-field errors). */
  data?: unknown;
  entity?: string;
  cause?: unknown;
}

/**
 * A request that failed for good: an HTTP status >= 400 (after retries when retryable) or a
 * network failure (status null). The message never carries credentials.
 */
export class HttpError extends PasserelleError {
  readonly status: number | null;
  /** Shop error code from the body ("woocommerce_rest_authentication_error", PrestaShop "85"), else the network code ("ECONNRESET", "TIMEOUT"). */
  readonly code: string | undefined;
  readonly shopMessage: string | undefined;
  readonly method: HttpMethod;
  /** Scheme, host and path: the query string (signatures, keys) never reaches an error. */
  readonly url: string;
  readonly attempts: number;
  readonly data: unknown;

  constructor(given: HttpErrorInit) {
    const init = { ...given, url: urlForMessage(given.url) };
    super(HttpError.format(init), init.entity ?? 'shop');
    this.status = init.status;
    this.code = init.code;
    this.shopMessage = typeof init.shopMessage === 'object' ? render(init.shopMessage) : init.shopMessage;
    this.method = init.method;
    this.url = init.url;
    this.attempts = init.attempts;
    this.data = init.data;
    if (init.cause !== undefined) this.cause = init.cause;
  }

  /** True when the shop answered (a status), false for network failures and timeouts. */
  get answered(): boolean {
    return this.status !== null;
  }

  private static format(e: HttpErrorInit): Text {
    if (e.status !== null && e.status >= 500) return HttpError.serverError(e, e.status);
    const where = `(${e.method} ${e.url})`;
    const tries = e.attempts > 1 ? msg('http.tries', { n: e.attempts }) : '';
    if (e.status !== null) {
      const head = e.code ? `HTTP ${e.status} ${e.code}` : `HTTP ${e.status}`;
      const key = STATUS_LABEL[e.status];
      const label = e.shopMessage ?? (key ? msg(key) : undefined);
      return label !== undefined ? msg('http.answered', { head, label, where, tries }) : msg('http.answeredNoLabel', { head, where, tries });
    }
    const code = e.code ?? 'NETWORK';
    const labelKey = NETWORK_LABEL[code] ?? (isTlsCode(code) ? NETWORK_LABEL.TLS : undefined) ?? 'http.net.failure';
    // The detail repeats nothing the label says already.
    const sameAsLabel = typeof e.detail === 'object' ? e.detail.key === labelKey : e.detail === render(msg(labelKey));
    return e.detail && !sameAsLabel
      ? msg('http.network', { code, label: msg(labelKey), detail: e.detail, where, tries })
      : msg('http.networkNoDetail', { code, label: msg(labelKey), where, tries });
  }

  /** The shop answered 5xx: say so with its status and its own words (WordPress sends HTML in JSON). */
  private static serverError(e: HttpErrorInit, status: number): Text {
    const message = typeof e.shopMessage === 'string' ? plainText(e.shopMessage) : e.shopMessage ?? '';
    const params = { status, code: e.code ? ` (${e.code})` : '', message, method: e.method, url: e.url, attempts: e.attempts };
    const tries = e.attempts > 1;
    if (message) return msg(tries ? 'http.serverErrorTries' : 'http.serverError', params);
    return msg(tries ? 'http.serverErrorBareTries' : 'http.serverErrorBare', params);
  }
}
