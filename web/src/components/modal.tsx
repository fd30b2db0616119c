/**
 * The one modal dialog shell (Radix Dialog): focus moves into it when it opens, Escape and the
 * close buttons close it, the title names it for screen readers. Radix gives focus back only to a
 * Dialog.Trigger, so the element focused when it opened is recorded and focused again when it
 * closes (otherwise focus falls to <body> and a keyboard user starts over from the top).
 */
import * as Dialog from '@radix-ui/react-dialog';
import { useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';
import { useT } from '../i18n/index.ts';
import './modal.css';

/** Wrap a button (asChild) so that it closes the dialog. */
export const ModalClose = Dialog.Close;

export function Modal({ open = true, title, description, onClose, wide = false, closeButton = false, testId, className, returnFocus, children }: {
  open?: boolean;
  title: ReactNode;
  description?: ReactNode;
  onClose: () => void;
  /** For reports and journals: most of the window's width. */
  wide?: boolean;
  /** A × button in the corner, for dialogs without a Cancel of their own. */
  closeButton?: boolean;
  testId?: string;
  className?: string;
  /** Where focus goes back when the opener cannot hold it (a button disabled while the dialog loads). */
  returnFocus?: RefObject<HTMLElement | null>;
  children: ReactNode;
}) {
  const { t } = useT();
  const opener = useRef<HTMLElement | null>(null);
  // A layout effect runs before Radix moves focus into the dialog (in its passive effects).
  useLayoutEffect(() => {
    if (open) opener.current = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
  }, [open]);
  return (
    <Dialog.Root open={open} onOpenChange={(o) => { if (!o) onClose(); }}>
      <Dialog.Portal>
        <Dialog.Overlay className="modal-overlay" />
        <Dialog.Content
          className={['modal', wide ? 'modal-wide' : '', className ?? ''].filter(Boolean).join(' ')}
          data-testid={testId}
          {...(description === undefined ? { 'aria-describedby': undefined } : {})}
          onCloseAutoFocus={(e) => {
            const back = returnFocus?.current ?? opener.current;
            if (back?.isConnected) {
              e.preventDefault();
              back.focus();
            }
          }}
        >
          <Dialog.Title className="modal-title">{title}</Dialog.Title>
          {description !== undefined && <Dialog.Description className="modal-description">{description}</Dialog.Description>}
          {children}
          {closeButton && (
            <Dialog.Close asChild>
              <button type="button" className="modal-close" aria-label={t('common.close')}>×</button>
            </Dialog.Close>
          )}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
