/** Screens are addressed by the page's hash (#/options, #/orders…): the server serves one page, history works. */
import { useEffect, useState } from 'react';

export function currentRoute(): string {
  const h = window.location.hash.replace(/^#/, '');
  return h.startsWith('/') ? h.split('?')[0]! : '/';
}

/** Query values after the route (#/orders?from=2026-01-01). */
export function routeQuery(): URLSearchParams {
  const h = window.location.hash;
  const i = h.indexOf('?');
  return new URLSearchParams(i >= 0 ? h.slice(i + 1) : '');
}

export function navigate(path: string): void {
  window.location.hash = path;
}

export function useRoute(): string {
  const [route, setRoute] = useState(currentRoute());
  useEffect(() => {
    const on = () => setRoute(currentRoute());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

/** The query of the current route, kept up to date as the hash changes (#/mapping?key=… to ?key=…). */
export function useRouteQuery(): URLSearchParams {
  const [query, setQuery] = useState(routeQuery());
  useEffect(() => {
    const on = () => setQuery(routeQuery());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return query;
}
