/**
 * A profile being edited: the options' descriptions (GET /api/options, GET /api/option-shapes), the
 * profile as stored (secrets masked), the changes not yet saved, and the schema's verdict on them
 * (POST …/validate, as the person types) then the service's (PATCH on save), by option key.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ApiOption } from '../../../src/service/api-types.ts';
import type { ApiOptionShapes, ApiProfileIssue, ApiValidation } from '../../../src/service/api-types-settings.ts';
import { api, ApiError, profilePath } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { changeBody, getPath, optionOfPath, sameValue } from './values.ts';

export interface FieldIssue {
  /** The dotted path the schema named (an option, or a cell of an object list: key.2.field). */
  path: string;
  message: string;
}

export interface ProfileForm {
  options: ApiOption[];
  byKey: ReadonlyMap<string, ApiOption>;
  shapes: ApiOptionShapes;
  profile: Record<string, unknown>;
  changes: ReadonlyMap<string, unknown>;
  /** Issues by option key. */
  issues: ReadonlyMap<string, FieldIssue[]>;
  /** Issues no option owns (the profile as a whole). */
  otherIssues: FieldIssue[];
  value: (key: string) => unknown;
  change: (key: string, value: unknown) => void;
  saving: boolean;
  /** Saves the changes of `keys` (all when absent); true when saved. */
  save: (keys?: readonly string[]) => Promise<boolean>;
  error: unknown;
  savedAt: number | null;
}

const VALIDATE_DELAY_MS = 250;

// The options password (PRF-04), when the service wants it, is asked by api.ts for every screen.
export function useProfileForm(name: string | null): { form: ProfileForm | null; loadError: unknown; reload: () => void } {
  const { lang } = useT();
  const [options, setOptions] = useState<ApiOption[] | null>(null);
  const [shapes, setShapes] = useState<ApiOptionShapes | null>(null);
  const [profile, setProfile] = useState<Record<string, unknown> | null>(null);
  const [changes, setChanges] = useState<ReadonlyMap<string, unknown>>(new Map());
  const [rawIssues, setRawIssues] = useState<ApiProfileIssue[]>([]);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [savedAt, setSavedAt] = useState<number | null>(null);
  const [generation, setGeneration] = useState(0);
  const validation = useRef(0);

  useEffect(() => {
    if (!name) return;
    let live = true;
    setLoadError(null);
    // Options' `expected` is worded in the request's language: read again when it changes.
    Promise.all([api.get<ApiOption[]>('/api/options'), api.get<ApiOptionShapes>('/api/option-shapes'), api.get<Record<string, unknown>>(profilePath(name))])
      .then(([o, s, p]) => {
        if (!live) return;
        setOptions(o);
        setShapes(s);
        setProfile(p);
      })
      .catch((err: unknown) => live && setLoadError(err));
    return () => {
      live = false;
    };
  }, [name, lang, generation]);

  useEffect(() => {
    setChanges(new Map());
    setRawIssues([]);
    setSavedAt(null);
  }, [name]);

  // The schema's verdict on the changes, as they are typed (nothing saved).
  useEffect(() => {
    if (!name || changes.size === 0) {
      setRawIssues([]);
      return;
    }
    const ticket = ++validation.current;
    const timer = setTimeout(() => {
      api.post<ApiValidation>(profilePath(name, '/validate'), changeBody(changes))
        .then((r) => ticket === validation.current && setRawIssues(r.issues))
        .catch((err: unknown) => ticket === validation.current && setError(err));
    }, VALIDATE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [name, changes, lang]);

  const byKey = useMemo(() => new Map((options ?? []).map((o) => [o.key, o])), [options]);

  const issues = useMemo(() => {
    const keys = new Set(byKey.keys());
    const out = new Map<string, FieldIssue[]>();
    for (const i of rawIssues) {
      const key = optionOfPath(i.path, keys) ?? '';
      out.set(key, [...(out.get(key) ?? []), { path: i.path, message: i.message }]);
    }
    return out;
  }, [rawIssues, byKey]);

  const value = useCallback((key: string) => (changes.has(key) ? changes.get(key) : getPath(profile, key)), [changes, profile]);

  const change = useCallback((key: string, next: unknown) => {
    setSavedAt(null);
    setError(null);
    setChanges((prev) => {
      const m = new Map(prev);
      // Back to the stored value: no longer a change.
      if (sameValue(next, getPath(profile, key))) m.delete(key);
      else m.set(key, next);
      return m;
    });
  }, [profile]);

  const save = useCallback(async (keys?: readonly string[]) => {
    if (!name) return false;
    const chosen = new Map([...changes].filter(([k]) => !keys || keys.includes(k)));
    if (chosen.size === 0) {
      setSavedAt(Date.now());
      return true;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await api.patch<Record<string, unknown>>(profilePath(name), changeBody(chosen));
      setProfile(saved);
      setChanges((prev) => new Map([...prev].filter(([k]) => !chosen.has(k))));
      setRawIssues([]);
      setSavedAt(Date.now());
      return true;
    } catch (err) {
      // The service's refusal, by field, like the schema's verdict while typing.
      if (err instanceof ApiError && err.status === 400) {
        const list = err.body.issues ?? (err.body.field ? [{ path: err.body.field, message: err.body.message }] : []);
        if (list.length) setRawIssues(list);
      }
      setError(err);
      return false;
    } finally {
      setSaving(false);
    }
  }, [name, changes]);

  const form = options && shapes && profile
    ? {
      options, byKey, shapes, profile, changes, issues, otherIssues: issues.get('') ?? [], value, change, saving, save, error, savedAt,
    }
    : null;
  return { form, loadError, reload: () => setGeneration((g) => g + 1) };
}
