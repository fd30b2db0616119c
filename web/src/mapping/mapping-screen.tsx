/**
 * #/mapping?key=<option>: one mapping grid of the current profile on its own page, saved with
 * PATCH /api/profiles/:name; #/mapping?view=check: the connection diagnosis. The profile dialog
 * shows the same editors inside its tabs; this screen reaches them directly.
 */
import { useEffect, useState } from 'react';
import type { ApiOption } from '../../../src/service/api-types.ts';
import { api, profilePath } from '../api.ts';
import { ErrorBanner } from '../components/error-banner.tsx';
import { useT } from '../i18n/index.ts';
import { useProfiles } from '../profile-context.tsx';
import { useRouteQuery } from '../router.ts';
import { ConnectionCheck } from './connection-check.tsx';
import { MAPPING_EDITORS } from './registry.ts';
import './mapping.css';

type Row = Record<string, unknown>;

function valueAt(doc: unknown, key: string): Row[] {
  let v: unknown = doc;
  for (const part of key.split('.')) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  return Array.isArray(v) ? (v as Row[]) : [];
}

/** {a: {b: {c: value}}} for "a.b.c": the partial profile PATCH merges. */
function patchFor(key: string, value: unknown): Record<string, unknown> {
  return key.split('.').reduceRight<unknown>((inner, part) => ({ [part]: inner }), value) as Record<string, unknown>;
}

function GridPage({ profile, optionKey }: { profile: string; optionKey: string }) {
  const { t } = useT();
  const [option, setOption] = useState<ApiOption | null>(null);
  const [rows, setRows] = useState<Row[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    let live = true;
    setRows(null);
    Promise.all([api.get<ApiOption[]>('/api/options'), api.get<unknown>(profilePath(profile))]).then(
      ([options, doc]) => {
        if (!live) return;
        setOption(options.find((o) => o.key === optionKey) ?? null);
        setRows(valueAt(doc, optionKey));
      },
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [profile, optionKey]);
  const Editor = MAPPING_EDITORS[optionKey];
  if (!Editor) return <p role="alert">{t('mapping.unknownOption', { key: optionKey })}</p>;
  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      const doc = await api.patch<unknown>(profilePath(profile), patchFor(optionKey, rows));
      setRows(valueAt(doc, optionKey));
      setSaved(true);
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };
  return (
    <>
      <h2>{t('mapping.screenHeading', { option: optionKey })}</h2>
      <ErrorBanner error={error} />
      {option && rows && (
        <form onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}>
          <Editor profile={profile} option={option} value={rows} onChange={(next) => {
            setRows(next);
            setSaved(false);
          }} />
          <p>
            <button type="submit" className="primary" disabled={saving}>{t('common.save')}</button>{' '}
            <span role="status">{saved ? t('mapping.saved') : ''}</span>
          </p>
        </form>
      )}
      {!error && !(option && rows) && <p role="status">{t('common.loading')}</p>}
    </>
  );
}

export function MappingScreen() {
  const { t } = useT();
  const { current } = useProfiles();
  const query = useRouteQuery();
  const key = query.get('key');
  const view = query.get('view');
  return (
    <div className="mapping-screen">
      <h1>{t('mapping.title')}</h1>
      <nav aria-label={t('mapping.chooseOption')}>
        <ul>
          {Object.keys(MAPPING_EDITORS).map((k) => (
            <li key={k}><a href={`#/mapping?key=${k}`} aria-current={k === key ? 'page' : undefined}>{k}</a></li>
          ))}
          <li><a href="#/mapping?view=check" aria-current={view === 'check' ? 'page' : undefined}>{t('mapping.checkTitle')}</a></li>
        </ul>
      </nav>
      {!current && <p role="status">{t('common.noProfile')}</p>}
      {current && view === 'check' && (
        <>
          <h2>{t('mapping.checkTitle')}</h2>
          <ConnectionCheck profile={current} />
        </>
      )}
      {current && key && view !== 'check' && <GridPage key={`${current}/${key}`} profile={current} optionKey={key} />}
    </div>
  );
}
