/**
 * PRF-04 in the page: the one dialog asking the options password, mounted once by the app and given
 * to api.ts as its prompt, so that every screen's refused request (403, field optionsPassword) asks
 * it the same way. api.ts runs the request again with the answer; Cancel gives the refusal back.
 */
import { useEffect, useRef, useState } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import { setPasswordPrompt } from '../api.ts';
import { useT } from '../i18n/index.ts';
import './profile-dialog.css';

interface Ask {
  wrongBefore: boolean;
  resolve: (password: string | null) => void;
}

export function PasswordPrompt() {
  const { t } = useT();
  const [ask, setAsk] = useState<Ask | null>(null);
  const [typed, setTyped] = useState('');
  const input = useRef<HTMLInputElement>(null);
  // Radix gives focus back only to a Dialog.Trigger; the prompt opens from any button of any screen.
  // The button that sent the request is often disabled (busy) by the time the refusal comes, which
  // moved the focus to the body: the last element focused outside the prompt is the one to go back to.
  const opener = useRef<HTMLElement | null>(null);
  const lastFocused = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const track = (e: FocusEvent) => {
      if (e.target instanceof HTMLElement && !e.target.closest('[data-password-prompt]')) lastFocused.current = e.target;
    };
    document.addEventListener('focusin', track);
    setPasswordPrompt((wrongBefore) => new Promise<string | null>((resolve) => {
      if (!opener.current) {
        const active = document.activeElement;
        opener.current = active instanceof HTMLElement && active !== document.body ? active : lastFocused.current;
      }
      setTyped('');
      setAsk({ wrongBefore, resolve });
    }));
    return () => {
      document.removeEventListener('focusin', track);
      setPasswordPrompt(null);
    };
  }, []);

  const answer = (password: string | null) => {
    ask?.resolve(password);
    setAsk(null);
  };

  return (
    <Dialog.Root open={ask !== null} onOpenChange={(open) => !open && answer(null)}>
      <Dialog.Portal>
        <Dialog.Overlay className="pd-overlay" />
        <Dialog.Content
          className="pd-modal"
          onOpenAutoFocus={(e) => { e.preventDefault(); input.current?.focus(); }}
          data-password-prompt=""
          onCloseAutoFocus={(e) => {
            e.preventDefault();
            const back = opener.current;
            opener.current = null;
            if (back) focusWhenEnabled(back);
          }}
        >
          <Dialog.Title>{t('profileDialog.passwordTitle')}</Dialog.Title>
          <Dialog.Description>{t('profileDialog.passwordAsk')}</Dialog.Description>
          <form onSubmit={(e) => { e.preventDefault(); answer(typed); }}>
            {ask?.wrongBefore && <p role="alert" className="pd-issue">{t('profileDialog.passwordWrong')}</p>}
            <label htmlFor="pd-options-password">{t('profileDialog.passwordLabel')}</label>{' '}
            <input id="pd-options-password" ref={input} type="password" autoComplete="current-password" value={typed} onChange={(e) => setTyped(e.target.value)} />
            <div className="pd-actions">
              <button type="submit" className="primary">{t('profileDialog.passwordOk')}</button>
              <Dialog.Close asChild>
                <button type="button">{t('common.cancel')}</button>
              </Dialog.Close>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/**
 * Focuses `el` now, or once its request is over and it is enabled again, unless the user has moved
 * on meanwhile. An element gone (a row deleted, a dialog closed) is left alone: its own screen
 * (a Radix Dialog's trigger) takes the focus then.
 */
function focusWhenEnabled(el: HTMLElement): void {
  const disabled = () => el instanceof HTMLButtonElement && el.disabled;
  if (!el.isConnected) return;
  if (!disabled()) {
    el.focus();
    return;
  }
  const watch = new MutationObserver(() => {
    if (!el.isConnected) return watch.disconnect();
    if (disabled()) return;
    watch.disconnect();
    const active = document.activeElement;
    if (!active || active === document.body) el.focus();
  });
  watch.observe(el, { attributes: true, attributeFilter: ['disabled'] });
}
