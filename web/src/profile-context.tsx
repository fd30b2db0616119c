/**
 * The profiles the service holds and the one this page works on: the last one chosen here
 * (remembered in the browser), else the service's default profile, else the first.
 */
import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import type { ApiProfileSummary } from '../../src/service/api-types.ts';
import { api } from './api.ts';

const KEY = 'passerelle.profile';

interface ProfilesState {
  profiles: ApiProfileSummary[] | null;
  current: string | null;
  error: unknown;
  setCurrent: (name: string | null) => void;
  reload: () => Promise<void>;
}

const ProfilesContext = createContext<ProfilesState>({ profiles: null, current: null, error: null, setCurrent: () => {}, reload: async () => {} });

export function ProfilesProvider({ children }: { children: ReactNode }) {
  const [profiles, setProfiles] = useState<ApiProfileSummary[] | null>(null);
  const [chosen, setChosen] = useState<string | null>(() => localStorage.getItem(KEY));
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(async () => {
    try {
      setProfiles(await api.get<ApiProfileSummary[]>('/api/profiles'));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  const setCurrent = useCallback((name: string | null) => {
    if (name) localStorage.setItem(KEY, name);
    else localStorage.removeItem(KEY);
    setChosen(name);
  }, []);
  const current = profiles?.some((p) => p.name === chosen) ? chosen : (profiles?.find((p) => p.default)?.name ?? profiles?.[0]?.name ?? null);
  return <ProfilesContext.Provider value={{ profiles, current, error, setCurrent, reload }}>{children}</ProfilesContext.Provider>;
}

export function useProfiles(): ProfilesState {
  return useContext(ProfilesContext);
}
