/**
 * The manual's "ALL" of "Réinitialiser les commandes transférées": every transferred order of the
 * profile's shop, whatever the period shown, after a confirmation (Escape or Cancel leaves it).
 */
import { useState } from 'react';
import { Modal, ModalClose } from '../components/modal.tsx';
import { useT } from '../i18n/index.ts';

export function ResetAllDialog({ disabled, onConfirm }: { disabled: boolean; onConfirm: () => void }) {
  const { t } = useT();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" disabled={disabled} onClick={() => setOpen(true)}>{t('orders.resetAll')}</button>
      <Modal open={open} title={t('orders.resetAllTitle')} description={t('orders.resetAllText')} onClose={() => setOpen(false)}>
        <div className="modal-buttons">
          <ModalClose asChild>
            <button type="button">{t('orders.cancel')}</button>
          </ModalClose>
          <ModalClose asChild>
            <button type="button" className="primary" onClick={onConfirm}>{t('orders.resetAllConfirm')}</button>
          </ModalClose>
        </div>
      </Modal>
    </>
  );
}
