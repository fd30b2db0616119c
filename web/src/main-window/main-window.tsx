/**
 * The main window (the manual's "Fenêtre principale"): the tab bar on top, the information panel
 * on the right, the live journal in the centre, the status bar at the bottom.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ApiRunStarted } from '../../../src/service/api-types.ts';
import { ErrorBanner } from '../components/error-banner.tsx';
import { useT } from '../i18n/index.ts';
import { useProfiles } from '../profile-context.tsx';
import { navigate } from '../router.ts';
import { ActionDialog } from './action-dialog.tsx';
import type { RunButton } from './actions.ts';
import { InfoPanel } from './info-panel.tsx';
import { JournalFileDialog } from './journal-file-dialog.tsx';
import { JournalPanel } from './journal-panel.tsx';
import { runningRun, useLiveRun } from './live-run.ts';
import { StatusBar, useHealth } from './status-bar.tsx';
import { TabBar } from './tab-bar.tsx';
import './main-window.css';

export function MainWindow() {
  const { t } = useT();
  const { profiles, current, error: profilesError, reload } = useProfiles();
  const { health, error: healthError } = useHealth();
  const [version, setVersion] = useState(0);
  const refresh = useCallback(() => setVersion((v) => v + 1), []);
  const live = useLiveRun(refresh);
  const [dialog, setDialog] = useState<RunButton | null>(null);
  const [journalFile, setJournalFile] = useState(false);
  const shopUrl = profiles?.find((p) => p.name === current)?.url || null;

  // A run already in progress when the page opens (scheduled, started elsewhere) is followed at once.
  const { follow } = live;
  useEffect(() => {
    if (!current) return;
    let on = true;
    runningRun(current).then((r) => on && r && follow({ id: r.id, action: r.action, preview: r.preview }), () => undefined);
    return () => {
      on = false;
    };
  }, [current, follow]);

  const started = (s: ApiRunStarted) => {
    setDialog(null);
    live.follow({ id: s.id, action: s.action, preview: s.preview });
    refresh();
  };

  return (
    <div className="mw-main-window">
      <h1 className="mw-visually-hidden">{t('mainWindow.title')}</h1>
      {profilesError ? <ErrorBanner error={profilesError} onRetry={() => void reload()} /> : null}
      {!profilesError && healthError ? <ErrorBanner error={healthError} /> : null}
      {profiles?.length === 0 && (
        <p className="mw-notice">
          {t('mainWindow.noProfile')}{' '}
          <button type="button" onClick={() => navigate('/welcome')}>{t('mainWindow.btn_newProfile')}</button>
        </p>
      )}
      <TabBar
        profile={current}
        shopUrl={shopUrl}
        health={health}
        onRun={setDialog}
        onJournalFile={() => setJournalFile(true)}
        onScheduleChanged={refresh}
      />
      <div className="mw-main-body">
        <JournalPanel live={live} />
        {current && <InfoPanel profile={current} version={version} />}
      </div>
      <StatusBar health={health} error={healthError} />
      {dialog && current && (
        <ActionDialog
          button={dialog} profile={current} onClose={() => setDialog(null)} onStarted={started}
          onFollow={(r) => {
            setDialog(null);
            live.follow(r);
          }}
        />
      )}
      {journalFile && current && <JournalFileDialog profile={current} onClose={() => setJournalFile(false)} />}
    </div>
  );
}

