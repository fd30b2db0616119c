/** PRF-04 in the options window: set, change or remove the options password (PUT /api/settings/options-password). */
import { useState } from 'react';
import type { ApiSettings } from '../../../src/service/api-types-settings.ts';
import { api, setOptionsPassword } from '../api.ts';
import { ErrorBanner } from '../components/error-banner.tsx';
import { useT } from '../i18n/index.ts';

export function PasswordSettings({ settings, onChanged }: { settings: ApiSettings; onChanged: (s: ApiSettings) => void }) {
  const { t } = useT();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState('');
  const isSet = settings.optionsPasswordSet;

  const send = async (password: string | null) => {
    setError(null);
    setDone('');
    if (password !== null && password !== confirm) {
      setError(new Error(t('options.passwordMismatch')));
      return;
    }
    // The current password goes with this one request only: a wrong one (the service says so) must
    // not replace the valid one the tab keeps for its other requests.
    try {
      const s = await api.put<ApiSettings>('/api/settings/options-password', { password }, isSet ? { 'x-options-password': current } : {});
      // This tab keeps working with the password it just chose.
      setOptionsPassword(password);
      setCurrent('');
      setNext('');
      setConfirm('');
      setDone(password === null ? t('options.passwordCleared') : t('options.passwordSaved'));
      onChanged(s);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section aria-labelledby="op-password">
      <h3 id="op-password">{t('options.passwordHeading')}</h3>
      <p>{t('options.passwordIntro')}</p>
      <p data-testid="password-state">{isSet ? t('options.passwordIsSet') : t('options.passwordNotSet')}</p>
      <form className="op-form" onSubmit={(e) => { e.preventDefault(); void send(next); }}>
        {isSet && (
          <>
            <label htmlFor="op-current">{t('options.currentPassword')}</label>
            <input id="op-current" type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} />
          </>
        )}
        <label htmlFor="op-new">{t('options.newPassword')}</label>
        <input id="op-new" type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} />
        <label htmlFor="op-confirm">{t('options.confirmPassword')}</label>
        <input id="op-confirm" type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} />
        <div className="pd-actions">
          <button type="submit" className="primary">{isSet ? t('options.changePassword') : t('options.setPassword')}</button>
          {isSet && <button type="button" onClick={() => void send(null)}>{t('options.clearPassword')}</button>}
        </div>
      </form>
      {done && <p role="status">{done}</p>}
      <ErrorBanner error={error} />
    </section>
  );
}
