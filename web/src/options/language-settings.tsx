/** The Langues tab: the page switches at once and the choice is kept in the browser and in the application settings. */
import { useState } from 'react';
import type { ApiSettings } from '../../../src/service/api-types-settings.ts';
import { api } from '../api.ts';
import { ErrorBanner } from '../components/error-banner.tsx';
import { allUiTexts, LANGS, useT, type Lang } from '../i18n/index.ts';
import { saveTextFile } from '../components/download.ts';

export function LanguageSettings({ onSaved }: { onSaved: (s: ApiSettings) => void }) {
  const { t, lang, setLang } = useT();
  const [saved, setSaved] = useState<Lang | null>(null);
  const [error, setError] = useState<unknown>(null);

  const choose = async (l: Lang) => {
    setLang(l);
    setSaved(null);
    setError(null);
    try {
      onSaved(await api.patch<ApiSettings>('/api/settings', { language: l }));
      setSaved(l);
    } catch (err) {
      setError(err);
    }
  };

  const name = (l: Lang) => (l === 'fr' ? t('common.french') : t('common.english'));
  return (
    <section aria-labelledby="op-lang">
      <h3 id="op-lang">{t('options.languageHeading')}</h3>
      <p>{t('options.languageIntro')}</p>
      <fieldset className="op-langs">
        <legend>{t('common.language')}</legend>
        {LANGS.map((l) => (
          <label key={l} lang={l}>
            <input type="radio" name="op-language" value={l} checked={lang === l} onChange={() => void choose(l)} /> {name(l)}
          </label>
        ))}
      </fieldset>
      {saved && <p role="status">{t('options.languageSaved', { language: name(saved) })}</p>}
      <ErrorBanner error={error} />
      <h3 id="op-texts">{t('options.textsHeading')}</h3>
      <p>{t('options.textsIntro', { file: `i18n/${lang}.json` })}</p>
      <button type="button" onClick={() => saveTextFile(`${lang}.json`, `${JSON.stringify(allUiTexts(lang), null, 2)}\n`)}>
        {t('options.textsDownload', { language: name(lang) })}
      </button>
    </section>
  );
}
