/**
 * PRF-04 in the page: a request the service refuses for want of the options password (403, field
 * optionsPassword) opens a dialog asking for it, then runs again with it; a wrong password asks again
 * with the service's message; Cancel gives the refusal back to the caller.
 */
import { useRef, useState, type ReactNode } from 'react';
import * as Dialog from '@radix-ui/react-dialog';
import { ApiError, setOptionsPassword } from '../api.ts';
import { useT } from '../i18n/index.ts';

export function needsOptionsPassword(err: unknown): err is ApiError {
  return err instanceof ApiError && err.status === 403 && err.body.field === 'optionsPassword';
}

interface Ask {
  message: string;
  resolve: (password: string | null) => void;
}

export function usePasswordGuard(): { guard: <T>(run: () => Promise<T>) => Promise<T>; dialog: ReactNode } {
  const { t } = useT();
  const [ask, setAsk] = useState<Ask | null>(null);
  const [typed, setTyped] = useState('');
  const input = useRef<HTMLInputElement>(null);

  const askPassword = (message: string) => new Promise<string | null>((resolve) => {
    setTyped('');
    setAsk({ message, resolve });
  });

  const guard = async <T,>(run: () => Promise<T>): Promise<T> => {
    // The service's words name the CLI's ways to give it; the page says "wrong" in its own.
    let tried = false;
    for (;;) {
      try {
        return await run();
      } catch (err) {
        if (!needsOptionsPassword(err)) throw err;
        const password = await askPassword(tried ? t('profileDialog.passwordWrong') : '');
        tried = true;
        if (password === null) throw err;
        setOptionsPassword(password);
      }
    }
  };

  const answer = (password: string | null) => {
    ask?.resolve(password);
    setAsk(null);
  };

  const dialog = (
    <Dialog.Root open={ask !== null} onOpenChange={(open) => !open && answer(null)}>
      <Dialog.Portal>
        <Dialog.Overlay className="pd-overlay" />
        <Dialog.Content className="pd-modal" onOpenAutoFocus={(e) => { e.preventDefault(); input.current?.focus(); }}>
          <Dialog.Title>{t('profileDialog.passwordTitle')}</Dialog.Title>
          <Dialog.Description>{t('profileDialog.passwordAsk')}</Dialog.Description>
          <form onSubmit={(e) => { e.preventDefault(); answer(typed); }}>
            {ask?.message && <p role="alert" className="pd-issue">{ask.message}</p>}
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
  return { guard, dialog };
}
