/**
 * The typed client of the service's JSON API, on the page's own origin. Every failure becomes an
 * ApiError carrying the server's body (error token, message in the UI's language, entity, field,
 * issues); a service that does not answer becomes ApiError 'ServiceUnreachable' (status 0).
 * The access token (needed off loopback) comes once in the page's address (?token=…) and is kept for
 * the tab's life. The options password (PRF-04) is asked here, once for every screen: a request the
 * service refuses for want of it (403, field optionsPassword) asks through the prompt the page set
 * (setPasswordPrompt), runs again with the answer (kept for the tab), asks again saying "wrong" on a
 * second refusal, and gives the refusal back, in the page's words, on Cancel.
 * Texts come through the translate function the page sets (setApiTexts), so the data folder's
 * translation file can change them like any other.
 */
import type { ApiErrorBody, ApiLang } from '../../src/service/api-types.ts';

export class ApiError extends Error {
  constructor(readonly status: number, readonly body: ApiErrorBody) {
    super(body.message);
    this.name = body.error;
  }
}

const TOKEN_KEY = 'passerelle.token';
const PASSWORD_KEY = 'passerelle.optionsPassword';

/** Takes ?token= from the address into the tab's storage and out of the address bar. */
export function adoptTokenFromAddress(): void {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (!token) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  url.searchParams.delete('token');
  window.history.replaceState(null, '', url.toString());
}

export function setOptionsPassword(password: string | null): void {
  if (password === null) sessionStorage.removeItem(PASSWORD_KEY);
  else sessionStorage.setItem(PASSWORD_KEY, password);
}

let currentLang: ApiLang = 'fr';
/** The UI's language, sent as Accept-Language so that the server's messages come in it. */
export function setApiLang(lang: ApiLang): void {
  currentLang = lang;
}

export function apiHeaders(extra: Record<string, string> = {}): Record<string, string> {
  const h: Record<string, string> = { 'accept-language': currentLang, ...extra };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) h.authorization = `Bearer ${token}`;
  const password = sessionStorage.getItem(PASSWORD_KEY);
  if (password) h['x-options-password'] = password;
  return h;
}

/** The texts api.ts says itself. */
export type ApiTextKey = 'common.serviceUnreachable' | 'common.passwordCancelled';
let texts: (key: ApiTextKey) => string = (key) => key;
/** Set by the page with its translate function (current language, data folder's changes). */
export function setApiTexts(fn: (key: ApiTextKey) => string): void {
  texts = fn;
}

/** Asks the options password; `wrongBefore` when the last one given was refused. null: cancelled. */
export type PasswordPrompt = (wrongBefore: boolean) => Promise<string | null>;
let passwordPrompt: PasswordPrompt | null = null;
// Requests refused together share one question rather than stacking dialogs.
let pendingPrompt: Promise<string | null> | null = null;
export function setPasswordPrompt(fn: PasswordPrompt | null): void {
  passwordPrompt = fn;
}

export function needsOptionsPassword(err: unknown): err is ApiError {
  return err instanceof ApiError && err.status === 403 && err.body.field === 'optionsPassword';
}

function askPassword(prompt: PasswordPrompt, wrongBefore: boolean): Promise<string | null> {
  if (pendingPrompt) return pendingPrompt;
  const asked = prompt(wrongBefore).finally(() => {
    if (pendingPrompt === asked) pendingPrompt = null;
  });
  pendingPrompt = asked;
  return asked;
}

/** Per-request headers override the tab's (e.g. a password typed for this one request). */
type Headers = Record<string, string>;

async function request<T>(method: string, path: string, body?: unknown, headers: Headers = {}): Promise<T> {
  // A caller that gives the password itself handles the refusal itself.
  const ownPassword = Object.keys(headers).some((h) => h.toLowerCase() === 'x-options-password');
  let wrongBefore = false;
  for (;;) {
    const sent = sessionStorage.getItem(PASSWORD_KEY);
    try {
      return await send<T>(method, path, body, headers);
    } catch (err) {
      if (ownPassword || !passwordPrompt || !needsOptionsPassword(err)) throw err;
      // Given meanwhile, for another request refused at the same time: try it before asking.
      const stored = sessionStorage.getItem(PASSWORD_KEY);
      if (stored !== null && stored !== sent) continue;
      // A stored password refused (changed since, in another tab) is "wrong" too.
      const password = await askPassword(passwordPrompt, wrongBefore || sent !== null);
      if (password === null) {
        throw new ApiError(err.status, { ...err.body, message: texts('common.passwordCancelled') });
      }
      setOptionsPassword(password);
      wrongBefore = true;
    }
  }
}

async function send<T>(method: string, path: string, body: unknown, headers: Headers): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: { ...apiHeaders(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { error: 'ServiceUnreachable', message: texts('common.serviceUnreachable') });
  }
  const text = await res.text();
  if (!res.ok) throw errorFromBody(res.status, text);
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  return (parsed ?? (text as unknown)) as T;
}

/** A refusal as an ApiError: the server's JSON error body, or the start of whatever else it answered. */
export function errorFromBody(status: number, text: string): ApiError {
  let b: Partial<ApiErrorBody> = {};
  try {
    b = (text ? JSON.parse(text) : {}) as Partial<ApiErrorBody>;
  } catch {
    b = {};
  }
  return new ApiError(status, {
    error: b.error ?? `HTTP${status}`,
    message: b.message ?? (text.slice(0, 300) || `HTTP ${status}`),
    ...(b.entity ? { entity: b.entity } : {}),
    ...(b.field ? { field: b.field } : {}),
    ...(b.issues ? { issues: b.issues } : {}),
  });
}

export const api = {
  get: <T>(path: string, headers?: Headers) => request<T>('GET', path, undefined, headers),
  post: <T>(path: string, body?: unknown, headers?: Headers) => request<T>('POST', path, body ?? {}, headers),
  put: <T>(path: string, body?: unknown, headers?: Headers) => request<T>('PUT', path, body ?? {}, headers),
  patch: <T>(path: string, body?: unknown, headers?: Headers) => request<T>('PATCH', path, body ?? {}, headers),
  del: <T>(path: string, headers?: Headers) => request<T>('DELETE', path, undefined, headers),
};

/** `/api/profiles/<name>…` with the name escaped. */
export function profilePath(name: string, rest = ''): string {
  return `/api/profiles/${encodeURIComponent(name)}${rest}`;
}
