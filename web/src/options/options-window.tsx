/**
 * The manual's "Options Atoo-Sync" window: A propos, Profils, Paramètres (data folder, options password),
 * Langues, Proxy and SMTP. Proxy and SMTP live in each profile (proxy.*, smtp.*): they are the current
 * profile's, edited with the profile dialog's generated fields.
 */
import { useEffect, useState, type ReactNode } from 'react';
import * as Tabs from '@radix-ui/react-tabs';
import type { ApiHealth } from '../../../src/service/api-types.ts';
import type { ApiSettings } from '../../../src/service/api-types-settings.ts';
import { api } from '../api.ts';
import { ErrorBanner } from '../components/error-banner.tsx';
import { useT, type TextKey } from '../i18n/index.ts';
import { useProfiles } from '../profile-context.tsx';
import { routeQuery } from '../router.ts';
import { useProfileForm, type ProfileForm } from '../profile-dialog/form-state.ts';
import { OptionGroups } from '../profile-dialog/option-groups.tsx';
import { FormFooter } from '../profile-dialog/profile-dialog.tsx';
import { LanguageSettings } from './language-settings.tsx';
import { PasswordSettings } from './password-settings.tsx';
import { SmtpTest } from './smtp-test.tsx';
import '../profile-dialog/profile-dialog.css';
import './options.css';

const TAB_IDS = ['about', 'profiles', 'settings', 'languages', 'proxy', 'smtp'] as const;
type TabId = (typeof TAB_IDS)[number];

/** The options of one profile section (proxy, smtp) with their own Appliquer. */
function ProfileSection({ prefix, form, profile, intro }: { prefix: string; form: ProfileForm; profile: string; intro: string }) {
  const options = form.options.filter((o) => o.key.startsWith(`${prefix}.`));
  const keys = options.map((o) => o.key);
  const issues = keys.reduce((n, k) => n + (form.issues.get(k)?.length ?? 0), 0);
  return (
    <>
      <p>{intro}</p>
      <OptionGroups options={options} form={form} profileName={profile} />
      <FormFooter form={form} issues={issues} onApply={() => void form.save(keys)} />
    </>
  );
}

export function OptionsWindow() {
  const { t } = useT();
  const { profiles, current } = useProfiles();
  const { form, loadError } = useProfileForm(current);
  const [tab, setTab] = useState<string>(() => (TAB_IDS as readonly string[]).find((x) => x === routeQuery().get('tab')) ?? 'about');
  const [health, setHealth] = useState<ApiHealth | null>(null);
  const [settings, setSettings] = useState<ApiSettings | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.get<ApiHealth>('/api/health').then(setHealth, setError);
    api.get<ApiSettings>('/api/settings').then(setSettings, setError);
  }, []);

  const profileTab = (prefix: 'proxy' | 'smtp', intro: TextKey) => {
    if (!current) return <p>{t('options.noProfile')}</p>;
    if (loadError) return <ErrorBanner error={loadError} />;
    if (!form) return <p role="status">{t('common.loading')}</p>;
    return (
      <>
        <ProfileSection prefix={prefix} form={form} profile={current} intro={t(intro, { name: current })} />
        {prefix === 'smtp' && <SmtpTest profile={current} unsaved={[...form.changes.keys()].some((k) => k.startsWith('smtp.'))} />}
      </>
    );
  };

  const panels: Record<TabId, () => ReactNode> = {
    about: () => (
      <>
        <p>{t('options.aboutText')}</p>
        <p data-testid="version">{health ? t('options.version', { version: health.version }) : t('options.serviceDown')}</p>
      </>
    ),
    profiles: () => (
      <>
        <p>{t('options.profilesText')}</p>
        <ul>
          {profiles?.map((p) => <li key={p.name}>{p.name} ({p.gescom} → {p.shop}){p.default ? ` ${t('options.defaultMark')}` : ''}</li>)}
        </ul>
        <p><a href="#/profiles">{t('options.manageProfiles')}</a></p>
        <p><a href="#/profile">{t('options.configureProfile')}</a></p>
      </>
    ),
    settings: () => (
      <>
        <section aria-labelledby="op-data">
          <h3 id="op-data">{t('options.dataFolder')}</h3>
          <p data-testid="data-folder">{t('options.dataFolderIs', { dir: health?.dataDir ?? '…' })}</p>
          <p>{t('options.dataFolderChange')}</p>
        </section>
        {settings && <PasswordSettings settings={settings} onChanged={setSettings} />}
      </>
    ),
    languages: () => <LanguageSettings onSaved={setSettings} />,
    proxy: () => profileTab('proxy', 'options.proxyIntro'),
    smtp: () => profileTab('smtp', 'options.smtpIntro'),
  };

  return (
    <div className="pd">
      <h1>{t('options.heading')}</h1>
      <ErrorBanner error={error} />
      <Tabs.Root value={tab} onValueChange={setTab} orientation="vertical" className="pd-tabs">
        <Tabs.List aria-label={t('options.tabsLabel')} className="pd-tablist">
          {TAB_IDS.map((id) => <Tabs.Trigger key={id} value={id} className="pd-tab">{t(`options.tab_${id}`)}</Tabs.Trigger>)}
        </Tabs.List>
        {TAB_IDS.map((id) => (
          <Tabs.Content key={id} value={id} className="pd-panel">
            <h2>{t(`options.tab_${id}`)}</h2>
            {panels[id]()}
          </Tabs.Content>
        ))}
      </Tabs.Root>
    </div>
  );
}
