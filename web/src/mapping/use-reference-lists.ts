/**
 * What the profile's GesCom and shop hold (GET /api/profiles/:name/lists), read once per profile
 * and language and shared by every grid of the page; `refresh` reads both sides again.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ApiReferenceLists } from '../../../src/service/api-types-mapping.ts';
import { api, profilePath } from '../api.ts';
import { useT } from '../i18n/index.ts';

const cache = new Map<string, Promise<ApiReferenceLists>>();

function load(profile: string, lang: string, fresh: boolean): Promise<ApiReferenceLists> {
  const key = `${lang}\u0000${profile}`;
  let p = fresh ? undefined : cache.get(key);
  if (!p) {
    p = api.get<ApiReferenceLists>(profilePath(profile, '/lists'));
    cache.set(key, p);
    // A failed read is not kept: the next grid asks again.
    p.catch(() => cache.delete(key));
  }
  return p;
}

export interface ReferenceListsState {
  data: ApiReferenceLists | null;
  /** The request itself failed (service stopped, unknown profile); a side's own failure is in data. */
  error: unknown;
  loading: boolean;
  refresh: () => void;
}

export function useReferenceLists(profile: string): ReferenceListsState {
  const { lang } = useT();
  const [data, setData] = useState<ApiReferenceLists | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const read = useCallback((fresh: boolean) => {
    let live = true;
    setLoading(true);
    load(profile, lang, fresh).then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (!live) return;
        setError(err);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [profile, lang]);
  useEffect(() => read(false), [read]);
  return { data, error, loading, refresh: () => void read(true) };
}

/** GesCom articles whose code or designation holds `text` (the discount-article cells). */
export async function searchArticles(profile: string, text: string): Promise<ApiReferenceLists> {
  return api.get<ApiReferenceLists>(profilePath(profile, `/lists?side=gescom&articles=${encodeURIComponent(text)}`));
}
