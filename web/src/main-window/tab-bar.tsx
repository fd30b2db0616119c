/**
 * The tab bar (the manual's Fichier, Profil, Articles, Clients, Commandes, plus Planification):
 * Radix Tabs, arrow keys move between tabs. Run buttons open their dialog (onRun); the others
 * open a screen, the shop or the journal file.
 */
import * as Tabs from '@radix-ui/react-tabs';
import { useState, type ReactNode } from 'react';
import type { ApiHealth } from '../../../src/service/api-types.ts';
import { navigate } from '../router.ts';
import { useT } from '../i18n/index.ts';
import { RUN_BUTTONS, TAB_RUNS, TABS, type RunButton, type RunButtonId, type TabId } from './actions.ts';
import { ScheduleTab } from './schedule-tab.tsx';

export interface TabBarProps {
  profile: string | null;
  shopUrl: string | null;
  health: ApiHealth | null;
  onRun: (button: RunButton) => void;
  onJournalFile: () => void;
  onScheduleChanged: () => void;
}

export function TabBar(props: TabBarProps) {
  const { t } = useT();
  const [tab, setTab] = useState<TabId>('profile');
  const [help, setHelp] = useState(false);
  const runs = (ids: readonly RunButtonId[]) =>
    ids.map((id) => (
      <button key={id} type="button" disabled={!props.profile} onClick={() => props.onRun(RUN_BUTTONS[id])}>
        {t(`mainWindow.btn_${id}`)}
      </button>
    ));
  const group = (label: string, children: ReactNode) => (
    <div role="group" aria-label={label} className="mw-button-group">
      {children}
    </div>
  );
  const configure = (
    <button type="button" onClick={() => navigate('/profile')}>{t('mainWindow.btn_configureProfile')}</button>
  );
  return (
    <Tabs.Root value={tab} onValueChange={(v) => setTab(v as TabId)} className="tab-bar" activationMode="automatic">
      <Tabs.List aria-label={t('mainWindow.tabsLabel')} className="mw-tab-list">
        {TABS.map((id) => (
          <Tabs.Trigger key={id} value={id} className="mw-tab-trigger">{t(`mainWindow.tab_${id}`)}</Tabs.Trigger>
        ))}
      </Tabs.List>
      <Tabs.Content value="file" className="mw-tab-panel">
        {group(t('mainWindow.tab_file'), (
          <>
            <button type="button" onClick={() => navigate('/welcome')}>{t('mainWindow.btn_newProfile')}</button>
            <button type="button" onClick={() => navigate('/profiles')}>{t('mainWindow.btn_openProfile')}</button>
            {configure}
            <button type="button" onClick={() => navigate('/options')}>{t('mainWindow.btn_options')}</button>
            <button type="button" aria-expanded={help} aria-controls="help-panel" onClick={() => setHelp(!help)}>{t('mainWindow.btn_help')}</button>
          </>
        ))}
        {help && (
          <section id="help-panel" className="mw-help-panel" aria-labelledby="help-title">
            <h2 id="help-title">{t('mainWindow.helpTitle')}</h2>
            <p>{t('mainWindow.helpVersion', { version: props.health?.version ?? '…' })}</p>
            <p>{t('mainWindow.helpText')}</p>
            <p>
              <a href="/api/docs" target="_blank" rel="noopener">{t('mainWindow.helpApiDocs')}</a>
            </p>
          </section>
        )}
      </Tabs.Content>
      <Tabs.Content value="profile" className="mw-tab-panel">
        {group(t('mainWindow.groupSync'), runs(TAB_RUNS.profile))}
        {group(t('mainWindow.groupProfile'), (
          <>
            {configure}
            {props.shopUrl ? (
              <a className="mw-button-link" href={props.shopUrl} target="_blank" rel="noopener">{t('mainWindow.btn_viewShop')}</a>
            ) : (
              <button type="button" disabled>{t('mainWindow.btn_viewShop')}</button>
            )}
            <button type="button" disabled={!props.profile} onClick={props.onJournalFile}>{t('mainWindow.btn_viewJournal')}</button>
          </>
        ))}
      </Tabs.Content>
      <Tabs.Content value="products" className="mw-tab-panel">
        {group(t('mainWindow.tab_products'), runs(TAB_RUNS.products))}
      </Tabs.Content>
      <Tabs.Content value="customers" className="mw-tab-panel">
        {group(t('mainWindow.tab_customers'), runs(TAB_RUNS.customers))}
      </Tabs.Content>
      <Tabs.Content value="orders" className="mw-tab-panel">
        {group(t('mainWindow.tab_orders'), (
          <>
            {runs(['importOrders', 'loadXml'])}
            <button type="button" onClick={() => navigate('/orders')}>{t('mainWindow.btn_viewOrders')}</button>
            {runs(['repairOrders', 'sendStatuses'])}
          </>
        ))}
      </Tabs.Content>
      <Tabs.Content value="schedule" className="mw-tab-panel">
        {props.profile && <ScheduleTab profile={props.profile} onChanged={props.onScheduleChanged} />}
      </Tabs.Content>
    </Tabs.Root>
  );
}
