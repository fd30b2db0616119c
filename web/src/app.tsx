/**
 * The page: a header (profile, language), then the screen the address names. A screen that throws
 * shows its error in words (ErrorBoundary), never a blank page.
 */
import { Component, useEffect, useState, type ErrorInfo, type ReactNode } from 'react';
import { api, setApiLang, setApiTexts } from './api.ts';
import type { ApiSettings } from '../../src/service/api-types-settings.ts';
import { LangContext, LANGS, setTextOverrides, translate, useT, type Lang } from './i18n/index.ts';
import { ProfilesProvider, useProfiles } from './profile-context.tsx';
import { useRoute } from './router.ts';
import { useFirstRunRedirect } from './profiles/first-run-redirect.ts';
import { ErrorBanner } from './components/error-banner.tsx';
import { SCREENS } from './screens/index.ts';
import { PasswordPrompt } from './profile-dialog/password-guard.tsx';

const LANG_KEY = 'passerelle.lang';

function initialLang(): Lang {
  const stored = localStorage.getItem(LANG_KEY);
  return stored === 'en' || stored === 'fr' ? stored : 'fr';
}

class ErrorBoundary extends Component<{ lang: Lang; children: ReactNode }, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error(error, info.componentStack);
  }
  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div role="alert" className="error-banner">
        <p>{translate(this.props.lang, 'common.crashed', { message: this.state.error.message })}</p>
        <button type="button" onClick={() => this.setState({ error: null })}>{translate(this.props.lang, 'common.retry')}</button>
      </div>
    );
  }
}

function Header() {
  const { t, lang, setLang } = useT();
  const { profiles, current, setCurrent } = useProfiles();
  return (
    <header className="app-header">
      <a className="skip-link" href="#content">{t('common.skipToContent')}</a>
      <span className="app-name">{t('common.appName')}</span>
      <label>
        {t('common.profile')}{' '}
        <select value={current ?? ''} onChange={(e) => setCurrent(e.target.value || null)} data-testid="profile-select">
          {!profiles?.length && <option value="">{t('common.noProfile')}</option>}
          {profiles?.map((p) => (
            <option key={p.name} value={p.name}>{p.name}</option>
          ))}
        </select>
      </label>
      <label>
        {t('common.language')}{' '}
        <select
          value={lang}
          data-testid="lang-select"
          onChange={(e) => {
            const l = e.target.value as Lang;
            setLang(l);
            // The application's language too (CLI, service messages), as the Options window does.
            void api.patch<ApiSettings>('/api/settings', { language: l }).catch(() => undefined);
          }}
        >
          {LANGS.map((l) => (
            <option key={l} value={l} lang={l}>{l === 'fr' ? t('common.french') : t('common.english')}</option>
          ))}
        </select>
      </label>
    </header>
  );
}

function Screen() {
  const route = useRoute();
  const { t, lang } = useT();
  const { profiles, error, reload } = useProfiles();
  const screen = SCREENS.find((s) => s.path === route);
  useEffect(() => {
    document.title = `${t('common.appName')} – ${t(screen?.title ?? 'mainWindow.title')}`;
  });
  useFirstRunRedirect(route);
  // The service stopped, the data folder unreadable…: said in words, with a way to try again.
  if (error && profiles === null) return <ErrorBanner error={error} onRetry={() => void reload()} />;
  if (!screen) return <p role="alert">{t('common.notFound')}</p>;
  const C = screen.component;
  return (
    <ErrorBoundary lang={lang} key={route}>
      <C />
    </ErrorBoundary>
  );
}

export function App() {
  const [lang, setLangState] = useState<Lang>(initialLang);
  // Bumped when the data folder's changed texts arrive, so that every screen renders them.
  const [, setTextsLoaded] = useState(0);
  setApiLang(lang);
  // api.ts's own texts (service unreachable…) in the page's language, with the data folder's changes.
  setApiTexts((key) => translate(lang, key));
  const setLang = (l: Lang) => {
    localStorage.setItem(LANG_KEY, l);
    setApiLang(l);
    setApiTexts((key) => translate(l, key));
    setLangState(l);
  };
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  useEffect(() => {
    api.get<{ texts: Record<string, string> }>(`/api/ui-texts/${lang}`).then(({ texts }) => {
      setTextOverrides(lang, texts);
      if (Object.keys(texts).length) setTextsLoaded((n) => n + 1);
    }, () => undefined);
  }, [lang]);
  // No language chosen in this browser yet: the application's own (passerelle settings set language).
  useEffect(() => {
    if (localStorage.getItem(LANG_KEY)) return;
    api.get<ApiSettings>('/api/settings').then((s) => {
      if (!localStorage.getItem(LANG_KEY) && (s.language === 'fr' || s.language === 'en')) {
        setApiLang(s.language);
        setLangState(s.language);
      }
    }, () => undefined);
  }, []);
  return (
    <LangContext.Provider value={{ lang, setLang }}>
      <ProfilesProvider>
        <Header />
        <main id="content" tabIndex={-1}>
          <Screen />
        </main>
        {/* PRF-04: the one options password question, for every screen's request (api.ts asks it). */}
        <PasswordPrompt />
      </ProfilesProvider>
    </LangContext.Provider>
  );
}
