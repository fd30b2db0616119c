/**
 * The information panel on the right (the manual's "Panneau d'information"): the profile's GesCom
 * and shop, its last runs with their outcome, its next scheduled runs. Reloaded when `version`
 * changes (after each run, after a schedule change).
 */
import { useEffect, useState } from 'react';
import type { ApiRun } from '../../../src/service/api-types.ts';
import { api, profilePath } from '../api.ts';
import { ErrorBanner } from '../components/error-banner.tsx';
import { useT } from '../i18n/index.ts';
import { actionLabel } from './labels.ts';
import type { ApiScheduleView as ScheduleView } from '../../../src/service/api-types-main-window.ts';

interface ProfileView {
  name: string;
  gescom: { kind: string; db?: string };
  shop: { kind: string; url?: string };
}

const LAST_RUNS = 8;

export function InfoPanel({ profile, version }: { profile: string; version: number }) {
  const { t, lang } = useT();
  const [data, setData] = useState<{ profile: ProfileView; runs: ApiRun[]; schedule: ScheduleView } | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    Promise.all([
      api.get<ProfileView>(profilePath(profile)),
      api.get<ApiRun[]>(`/api/runs?profile=${encodeURIComponent(profile)}&limit=${LAST_RUNS}`),
      api.get<ScheduleView>(profilePath(profile, '/schedule')),
    ]).then(
      ([p, runs, schedule]) => {
        if (!live) return;
        setData({ profile: p, runs, schedule });
        setError(null);
      },
      (err: unknown) => live && setError(err),
    );
    return () => {
      live = false;
    };
  }, [profile, version, lang]);
  const when = (iso: string) => new Date(iso).toLocaleString(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium' });
  const next = data?.schedule.enabled ? data.schedule.tasks.filter((x) => x.enabled && x.next).sort((a, b) => a.next!.localeCompare(b.next!)).slice(0, 5) : [];
  return (
    <aside className="mw-info-panel" aria-labelledby="info-title" data-testid="info-panel">
      <h2 id="info-title">{t('mainWindow.infoTitle')}</h2>
      <ErrorBanner error={error} />
      {data && (
        <>
          <dl>
            <dt>{t('mainWindow.infoProfile')}</dt>
            <dd>{data.profile.name}</dd>
            <dt>{t('mainWindow.infoGescom')}</dt>
            <dd>{data.profile.gescom.kind}{data.profile.gescom.db ? ` – ${data.profile.gescom.db.split(/[\\/]/).pop()}` : ''}</dd>
            <dt>{t('mainWindow.infoShop')}</dt>
            <dd>{data.profile.shop.kind}</dd>
            <dt>{t('mainWindow.infoUrl')}</dt>
            <dd className="url">{data.profile.shop.url || '–'}</dd>
          </dl>
          <h3>{t('mainWindow.lastRuns')}</h3>
          {data.runs.length === 0 ? (
            <p>{t('mainWindow.noRuns')}</p>
          ) : (
            <ul className="mw-last-runs" data-testid="last-runs">
              {data.runs.map((r) => {
                const sum = (k: 'created' | 'updated' | 'failed') => Object.values(r.counts).reduce((n, c) => n + c[k], 0);
                return (
                  <li key={r.id} data-run={r.id} data-status={r.status}>
                    <span className="run-title">
                      {actionLabel(t, r.action)}{r.preview ? ` (${t('mainWindow.previewShort')})` : ''}
                    </span>
                    <span className={`mw-run-status status-${r.status}`}>{r.statusLabel}</span>
                    <span className="mw-run-meta">
                      {when(r.startedAt)} · {t('mainWindow.runCounts', { created: sum('created'), updated: sum('updated'), failed: sum('failed') })}
                    </span>
                  </li>
                );
              })}
            </ul>
          )}
          <h3>{t('mainWindow.nextRuns')}</h3>
          {!data.schedule.enabled && <p>{t('mainWindow.scheduleOff')}</p>}
          {data.schedule.enabled && next.length === 0 && <p>{t('mainWindow.noNextRuns')}</p>}
          {next.length > 0 && (
            <ul className="mw-next-runs" data-testid="next-runs">
              {next.map((x) => <li key={x.id}>{actionLabel(t, x.action)} · {x.nextLocal ?? when(x.next!)}</li>)}
            </ul>
          )}
        </>
      )}
    </aside>
  );
}
