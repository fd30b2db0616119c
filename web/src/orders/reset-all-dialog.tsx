/**
 * The manual's "ALL" of "Réinitialiser les commandes transférées": every transferred order of the
 * profile's shop, whatever the period shown, after a confirmation (Escape or Cancel leaves it).
 */
import * as Dialog from '@radix-ui/react-dialog';
import { useT } from '../i18n/index.ts';

export function ResetAllDialog({ disabled, onConfirm }: { disabled: boolean; onConfirm: () => void }) {
  const { t } = useT();
  return (
    <Dialog.Root>
      <Dialog.Trigger asChild>
        <button type="button" disabled={disabled}>{t('orders.resetAll')}</button>
      </Dialog.Trigger>
      <Dialog.Portal>
        <Dialog.Overlay className="orders-dialog-overlay" />
        <Dialog.Content className="orders-dialog orders-confirm">
          <Dialog.Title>{t('orders.resetAllTitle')}</Dialog.Title>
          <Dialog.Description>{t('orders.resetAllText')}</Dialog.Description>
          <div className="orders-dialog-buttons">
            <Dialog.Close asChild>
              <button type="button">{t('orders.cancel')}</button>
            </Dialog.Close>
            <Dialog.Close asChild>
              <button type="button" className="primary" onClick={onConfirm}>{t('orders.resetAllConfirm')}</button>
            </Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
