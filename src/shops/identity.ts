/** Helpers for `ShopAdapter.identity`: the platform's own identity of a shop, from its URL. */

/**
 * Host and path of a shop URL, normalised: lower-case host, no scheme (moving to HTTPS keeps the
 * identity), no default port, no `www.`, no trailing slash. '' for an empty or unreadable URL.
 */
export function siteIdentity(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return '';
  }
  const host = u.hostname.toLowerCase().replace(/^www\./, '');
  const port = u.port ? `:${u.port}` : '';
  const path = u.pathname.replace(/\/+$/, '');
  return `${host}${port}${path}`;
}
