import { PasserelleError } from '../errors.js';
import { msg, type Text } from '../i18n/catalogue.js';
import type { HttpMethod } from './auth.js';
import { urlForMessage } from './redact.js';
import { plainText } from './shop-error.js';

/** Bilingual label of a status when the shop gave no message of its own. */
const STATUS_LABEL: Record<number, string> = {
  400: 'requête refusée / bad request',
  401: 'authentification refusée (clé, secret ou jeton) / authentication refused (key, secret or token)',
  402: 'boutique suspendue (paiement) / shop frozen (payment)',
  403: 'accès interdit (droits de la clé) / forbidden (key permissions)',
  404: 'ressource introuvable / not found',
  405: 'méthode non autorisée / method not allowed',
  408: 'délai de requête dépassé / request timeout',
  409: 'conflit / conflict',
  413: 'requête trop volumineuse / request too large',
  415: 'type de contenu refusé / unsupported media type',
  422: 'données refusées / unprocessable data',
  423: 'boutique verrouillée / shop locked',
  429: 'trop de requêtes / too many requests',
  500: 'erreur du serveur de la boutique / shop server error',
  502: 'passerelle en erreur / bad gateway',
  503: 'boutique indisponible / shop unavailable',
  504: 'délai de la passerelle dépassé / gateway timeout',
};

const NETWORK_LABEL: Record<string, string> = {
  TIMEOUT: 'délai dépassé / timed out',
  ECONNREFUSED: 'connexion refusée / connection refused',
  ECONNRESET: 'connexion interrompue / connection reset',
  UND_ERR_SOCKET: 'connexion fermée par le serveur / connection closed by the server',
  EPIPE: 'connexion interrompue / broken pipe',
  ENOTFOUND: 'serveur introuvable (DNS) / host not found (DNS)',
  EAI_AGAIN: 'résolution DNS impossible / DNS lookup failed',
  ETIMEDOUT: 'délai de connexion dépassé / connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'délai de connexion dépassé / connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'délai dépassé / timed out',
  UND_ERR_BODY_TIMEOUT: 'délai dépassé / timed out',
  INVALID_JSON: 'réponse JSON illisible / unreadable JSON response',
  TLS: 'certificat ou TLS refusé / certificate or TLS refused',
  PROXY: 'proxy en erreur (hôte, port, identifiants) / proxy failure (host, port, credentials)',
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
  shopMessage?: string;
  attempts: number;
  /** Network failure detail (already free of secrets). */
  detail?: string;
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
    this.shopMessage = init.shopMessage;
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

  private static format(e: HttpErrorInit): string | Text {
    if (e.status !== null && e.status >= 500) return HttpError.serverError(e, e.status);
    const where = `(${e.method} ${e.url})`;
    const tries = e.attempts > 1 ? ` — ${e.attempts} essais / tries` : '';
    if (e.status !== null) {
      const head = e.code ? `HTTP ${e.status} ${e.code}` : `HTTP ${e.status}`;
      const text = e.shopMessage ?? STATUS_LABEL[e.status] ?? (e.status >= 500 ? STATUS_LABEL[500] : undefined);
      return `${head}${text ? ` : ${text}` : ''} ${where}${tries}`;
    }
    const code = e.code ?? 'NETWORK';
    const label = NETWORK_LABEL[code] ?? (isTlsCode(code) ? NETWORK_LABEL.TLS : undefined) ?? 'échec réseau / network failure';
    const detail = e.detail && e.detail !== label ? ` : ${e.detail}` : '';
    return `${code} ${label}${detail} ${where}${tries}`;
  }

  /** The shop answered 5xx: say so with its status and its own words (WordPress sends HTML in JSON). */
  private static serverError(e: HttpErrorInit, status: number): Text {
    const message = e.shopMessage ? plainText(e.shopMessage) : '';
    const params = { status, code: e.code ? ` (${e.code})` : '', message, method: e.method, url: e.url, attempts: e.attempts };
    const tries = e.attempts > 1;
    if (message) return msg(tries ? 'http.serverErrorTries' : 'http.serverError', params);
    return msg(tries ? 'http.serverErrorBareTries' : 'http.serverErrorBare', params);
  }
}
