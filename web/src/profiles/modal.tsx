/**
 * A modal dialog (Radix): focus moves into it when it opens and comes back after, Escape and the
 * close button close it, the title names it for screen readers.
 */
import * as Dialog from '@radix-ui/react-dialog';
import type { ReactNode } from 'react';
import { useT } from '../i18n/index.ts';

export function Modal({ open, title, description, onClose, children }: {
  open: boolean; title: string; description?: string; onClose: () => void; children: ReactNode;
}) {
  const { t } = useT();
  return (
    <Dialog.Root open={open} onOpenChange={(o) => { if (!o) onClose(); }}>
      <Dialog.Portal>
        <Dialog.Overlay className="modal-overlay" />
        <Dialog.Content className="modal" {...(description ? {} : { 'aria-describedby': undefined })}>
          <Dialog.Title className="modal-title">{title}</Dialog.Title>
          {description && <Dialog.Description>{description}</Dialog.Description>}
          {children}
          <Dialog.Close asChild>
            <button type="button" className="modal-close" aria-label={t('common.close')}>×</button>
          </Dialog.Close>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
