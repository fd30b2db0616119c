/**
 * Keeps credentials out of messages, journal lines and exchange logs: URLs lose their user info and
 * the values of credential-like query parameters, and known secret values are masked in free text.
 */

const MASK = '***';

/** Query parameters whose value is a credential on at least one platform (WooCommerce, PrestaShop, OAuth, tokens). */
const SECRET_PARAM = /^(consumer_key|consumer_secret|oauth_.+|ws_key|access_token|refresh_token|id_token|token|api_key|apikey|key|secret|client_secret|password|passwd|pass|pwd|signature|sig|hmac|auth|authorization)$/i;

export function isSecretParam(name: string): boolean {
  return SECRET_PARAM.test(name);
}

/** The URL as it may be shown: no user:password@, credential parameters replaced by ***. */
export function redactUrl(input: string | URL, extraSecretParams: readonly string[] = []): string {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    return redactText(String(input));
  }
  url.username = '';
  url.password = '';
  const names = [...new Set(url.searchParams.keys())];
  if (names.some((n) => isSecretParam(n) || extraSecretParams.includes(n))) {
    // Rebuilt by hand so that "***" stays readable instead of being percent-encoded.
    const parts: string[] = [];
    for (const [k, v] of url.searchParams) {
      const shown = isSecretParam(k) || extraSecretParams.includes(k) ? MASK : encodeRfc3986(v);
      parts.push(`${encodeRfc3986(k)}=${shown}`);
    }
    url.search = '';
    return `${url.toString()}?${parts.join('&')}`;
  }
  return url.toString();
}

/**
 * The URL as errors show it: scheme, host and path, never the query string (where OAuth 1.0a puts its
 * signature and WooCommerce its keys), "?…" saying there was one. Errors that name a request go
 * through here, so no parameter list can reach a message, whatever names a platform gives its secrets.
 */
export function urlForMessage(input: string | URL): string {
  let url: URL;
  try {
    url = new URL(String(input));
  } catch {
    const text = String(input);
    const q = text.search(/[?#]/);
    return redactText(q >= 0 ? `${text.slice(0, q)}?…` : text);
  }
  const hadQuery = url.search !== '';
  url.username = '';
  url.password = '';
  url.search = '';
  url.hash = '';
  return hadQuery ? `${url.toString()}?…` : url.toString();
}

/**
 * Masks secret values inside free text (a shop's error page may echo the request URL), plus
 * anything that looks like credentials in a URL or an Authorization header.
 */
export function redactText(text: string, secretValues: readonly string[] = []): string {
  let out = text;
  for (const s of secretValues) {
    // Short values would mask ordinary words; real keys are long.
    if (s.length >= 6) out = out.split(s).join(MASK);
  }
  out = out.replace(/([?&])([^=&\s#"'<>]+)=([^&\s#"'<>]*)/g, (all, sep: string, k: string) => {
    let name = k;
    try {
      name = decodeURIComponent(k);
    } catch { /* keep the raw name */ }
    return isSecretParam(name) ? `${sep}${k}=${MASK}` : all;
  });
  out = out.replace(/\b(https?:\/\/)[^/\s:@]+(?::[^/\s@]*)?@/gi, '$1');
  out = out.replace(/\b(Authorization|Proxy-Authorization)(\s*[:=]\s*)(Basic|Bearer|OAuth)?\s*[^\s,;]+/gi, `$1$2${MASK}`);
  return out;
}

/** RFC 3986 percent-encoding, the one OAuth 1.0a signs and PHP's rawurlencode produces. */
export function encodeRfc3986(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
