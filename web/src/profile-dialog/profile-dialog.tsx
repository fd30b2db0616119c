/**
 * The manual's "Configurer le profil" window: every option of the current profile, generated from the
 * schema (GET /api/options), in the manual's tabs and sub-tabs (layout.ts); Appliquer saves and stays,
 * Accepter saves and goes back, Fermer goes back without saving.
 */
import { useState } from 'react';
import * as Tabs from '@radix-ui/react-tabs';
import type { ApiOption } from '../../../src/service/api-types.ts';
import { ErrorBanner } from '../components/error-banner.tsx';
import { useT } from '../i18n/index.ts';
import { useProfiles } from '../profile-context.tsx';
import { navigate, routeQuery } from '../router.ts';
import { useProfileForm, type ProfileForm } from './form-state.ts';
import { optionsOf, TABS, type SubTab, type Tab } from './layout.ts';
import { OptionGroups } from './option-groups.tsx';
import { ShopCheck } from './shop-check.tsx';
import './profile-dialog.css';

function SitePanel({ options, form, profileName }: { options: ApiOption[]; form: ProfileForm; profileName: string }) {
  const { t } = useT();
  const kind = String(form.value('shop.kind') ?? '');
  const platform = (o: ApiOption) => /^shop\.[^.]+\./.test(o.key) ? o.key.split('.')[1] : null;
  const own = options.filter((o) => platform(o) === null || platform(o) === kind);
  const others = options.filter((o) => platform(o) !== null && platform(o) !== kind);
  return (
    <>
      <OptionGroups options={own} form={form} profileName={profileName} />
      <ShopCheck profile={profileName} unsaved={form.changes.size > 0} />
      <details className="pd-others">
        <summary>{t('profileDialog.otherShops')}</summary>
        <OptionGroups options={others} form={form} profileName={profileName} />
      </details>
    </>
  );
}

function SubTabPanel({ tab, subTab, form, profileName }: { tab: Tab; subTab: SubTab; form: ProfileForm; profileName: string }) {
  const options = optionsOf(form.options, tab.id, subTab.id);
  if (tab.id === 'site' && subTab.id === 'site') return <SitePanel options={options} form={form} profileName={profileName} />;
  return <OptionGroups options={options} form={form} profileName={profileName} />;
}

function issueCount(form: ProfileForm): number {
  return [...form.issues.values()].reduce((n, l) => n + l.length, 0);
}

export function ProfileDialog() {
  const { t } = useT();
  const { current, reload: reloadProfiles } = useProfiles();
  const { form, loadError, reload } = useProfileForm(current);
  const query = routeQuery();
  const [tabId, setTabId] = useState(() => TABS.find((x) => x.id === query.get('tab'))?.id ?? TABS[0]!.id);
  const [subIds, setSubIds] = useState<Record<string, string>>(() => (query.get('sub') ? { [tabId]: query.get('sub')! } : {}));

  if (!current) return <p role="status">{t('profileDialog.noProfile')}</p>;
  if (loadError) return <ErrorBanner error={loadError} onRetry={reload} />;
  if (!form) return <p role="status">{t('common.loading')}</p>;

  const apply = async (close: boolean) => {
    const ok = await form.save();
    if (ok) {
      void reloadProfiles();
      if (close) navigate('/');
    }
  };
  const issues = issueCount(form);

  return (
    <div className="pd">
      <h1>{t('profileDialog.heading', { name: current })}</h1>
      <Tabs.Root value={tabId} onValueChange={setTabId} orientation="vertical" className="pd-tabs">
        <Tabs.List aria-label={t('profileDialog.tabsLabel')} className="pd-tablist">
          {TABS.map((tab) => (
            <Tabs.Trigger key={tab.id} value={tab.id} className="pd-tab">{t(tab.title)}</Tabs.Trigger>
          ))}
        </Tabs.List>
        {TABS.map((tab) => {
          const subId = tab.subTabs.find((s) => s.id === subIds[tab.id])?.id ?? tab.subTabs[0]!.id;
          return (
            <Tabs.Content key={tab.id} value={tab.id} className="pd-panel">
              <h2>{t(tab.title)}</h2>
              {tab.subTabs.length === 1
                ? <SubTabPanel tab={tab} subTab={tab.subTabs[0]!} form={form} profileName={current} />
                : (
                  <Tabs.Root value={subId} onValueChange={(v) => setSubIds((s) => ({ ...s, [tab.id]: v }))}>
                    <Tabs.List aria-label={t('profileDialog.subTabsLabel', { tab: t(tab.title) })} className="pd-subtablist">
                      {tab.subTabs.map((s) => <Tabs.Trigger key={s.id} value={s.id} className="pd-subtab">{t(s.title)}</Tabs.Trigger>)}
                    </Tabs.List>
                    {tab.subTabs.map((s) => (
                      <Tabs.Content key={s.id} value={s.id} className="pd-subpanel">
                        <SubTabPanel tab={tab} subTab={s} form={form} profileName={current} />
                      </Tabs.Content>
                    ))}
                  </Tabs.Root>
                )}
            </Tabs.Content>
          );
        })}
      </Tabs.Root>
      <FormFooter form={form} issues={issues} onApply={() => void apply(false)} onAccept={() => void apply(true)} onClose={() => navigate('/')} />
    </div>
  );
}

/** Save buttons and what happened: saved, unsaved changes, fields to fix, the service's refusal. */
export function FormFooter({ form, issues, onApply, onAccept, onClose }: { form: ProfileForm; issues: number; onApply: () => void; onAccept?: () => void; onClose?: () => void }) {
  const { t } = useT();
  return (
    <div className="pd-footer">
      <div className="pd-status" role="status" aria-live="polite">
        {form.saving ? t('profileDialog.saving')
          : issues > 0 ? t('profileDialog.invalid', { n: issues })
            : form.changes.size > 0 ? t('profileDialog.unsaved', { n: form.changes.size })
              : form.savedAt ? t('profileDialog.saved') : ''}
      </div>
      {form.otherIssues.length > 0 && (
        <ul className="pd-issues">{form.otherIssues.map((i) => <li key={i.path + i.message}>{i.message}</li>)}</ul>
      )}
      <ErrorBanner error={form.error} />
      <div className="pd-actions">
        <button type="button" className="primary" onClick={onApply} disabled={form.saving || issues > 0}>{t('profileDialog.apply')}</button>
        {onAccept && <button type="button" onClick={onAccept} disabled={form.saving || issues > 0}>{t('profileDialog.accept')}</button>}
        {onClose && <button type="button" onClick={onClose}>{t('profileDialog.close')}</button>}
      </div>
    </div>
  );
}
