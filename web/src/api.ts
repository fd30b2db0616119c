/**
 * The typed client of the service's JSON API, on the page's own origin. Every failure becomes an
 * ApiError carrying the server's body (error token, message in the UI's language, entity, field,
 * issues); a service that does not answer becomes ApiError 'ServiceUnreachable' (status 0).
 * The access token (needed off loopback) comes once in the page's address (?token=…) and is kept for
 * the tab's life; the options password (PRF-04) is asked when the server wants it and kept likewise.
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

const UNREACHABLE: Record<ApiLang, string> = {
  fr: 'Le service Passerelle ne répond pas. Vérifiez qu’il est démarré (passerelle serve), puis réessayez.',
  en: 'The Passerelle service does not answer. Check that it is running (passerelle serve), then try again.',
};

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: apiHeaders(body === undefined ? {} : { 'content-type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, { error: 'ServiceUnreachable', message: UNREACHABLE[currentLang] });
  }
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!res.ok) {
    const b = (parsed ?? {}) as Partial<ApiErrorBody>;
    throw new ApiError(res.status, {
      error: b.error ?? `HTTP${res.status}`,
      message: b.message ?? (text.slice(0, 300) || `HTTP ${res.status}`),
      ...(b.entity ? { entity: b.entity } : {}),
      ...(b.field ? { field: b.field } : {}),
      ...(b.issues ? { issues: b.issues } : {}),
    });
  }
  return (parsed ?? (text as unknown)) as T;
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body?: unknown) => request<T>('PUT', path, body ?? {}),
  patch: <T>(path: string, body?: unknown) => request<T>('PATCH', path, body ?? {}),
  del: <T>(path: string) => request<T>('DELETE', path),
};

/** `/api/profiles/<name>…` with the name escaped. */
export function profilePath(name: string, rest = ''): string {
  return `/api/profiles/${encodeURIComponent(name)}${rest}`;
}
