/** The bar at the bottom: the service's version and data folder, and whether it answers (checked every 10 s). */
import { useEffect, useState } from 'react';
import type { ApiHealth } from '../../../src/service/api-types.ts';
import { api, ApiError } from '../api.ts';
import { useT } from '../i18n/index.ts';

const EVERY_MS = 10_000;

export function useHealth(): { health: ApiHealth | null; error: unknown } {
  const [health, setHealth] = useState<ApiHealth | null>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    let live = true;
    const check = () =>
      api.get<ApiHealth>('/api/health').then(
        (h) => {
          if (!live) return;
          setHealth(h);
          setError(null);
        },
        (err: unknown) => live && setError(err),
      );
    void check();
    const timer = setInterval(() => void check(), EVERY_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, []);
  return { health, error };
}

export function StatusBar({ health, error }: { health: ApiHealth | null; error: unknown }) {
  const { t } = useT();
  const down = error instanceof ApiError && error.status === 0;
  return (
    <footer className="mw-status-bar" data-testid="status-bar">
      <span>{t('mainWindow.version', { version: health?.version ?? '…' })}</span>
      <span>{t('mainWindow.dataDir', { dir: health?.dataDir ?? '…' })}</span>
      <span role="status" className={down || error ? 'mw-state-down' : 'mw-state-up'}>
        {down ? t('mainWindow.disconnected') : error ? t('mainWindow.degraded') : health ? t('mainWindow.connected') : t('common.loading')}
      </span>
    </footer>
  );
}
