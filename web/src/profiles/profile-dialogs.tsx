/** The profiles screen's dialogs that change one profile: duplicate or rename (a new name), delete (confirmation). */
import { useState, type FormEvent } from 'react';
import type { ApiProfileChanged } from '../../../src/service/api-types-profiles.ts';
import { api, profilePath } from '../api.ts';
import { ErrorBanner } from '../components/error-banner.tsx';
import { useT } from '../i18n/index.ts';
import { fieldError, unfieldedError } from './field-error.ts';
import { Modal } from '../components/modal.tsx';
import { TextField } from './text-field.tsx';
import { useAction } from './use-action.ts';

/** Duplicate or rename `name`: asks the new name; `onDone` gets the server's answer. */
export function NameDialog({ mode, name, onClose, onDone }: {
  mode: 'duplicate' | 'rename'; name: string; onClose: () => void; onDone: (changed: ApiProfileChanged) => void;
}) {
  const { t } = useT();
  const [to, setTo] = useState(mode === 'duplicate' ? `${name} 2` : name);
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => onDone(await api.post<ApiProfileChanged>(profilePath(name, `/${mode}`), { to: to.trim() })));
  };
  return (
    <Modal closeButton title={t(mode === 'duplicate' ? 'profiles.duplicateTitle' : 'profiles.renameTitle', { name })} onClose={onClose}>
      <form onSubmit={submit}>
        <TextField label={t('profiles.newName')} help={t('profiles.nameHelp')} value={to} required maxLength={64}
          onChange={(e) => setTo(e.target.value)} error={fieldError(error, 'name')} autoFocus />
        <ErrorBanner error={unfieldedError(error, 'name')} />
        <div className="modal-buttons">
          <button type="submit" className="primary" disabled={busy || !to.trim()}>{t(mode === 'duplicate' ? 'profiles.duplicate' : 'profiles.rename')}</button>
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </Modal>
  );
}

export interface Deleted {
  deleted: string;
  defaultChanged: boolean;
  defaultProfile: string | null;
}

/** Deletes `name` once confirmed (the manual: "une confirmation sera demandée"). */
export function RemoveDialog({ name, onClose, onDone }: { name: string; onClose: () => void; onDone: (d: Deleted) => void }) {
  const { t } = useT();
  const { busy, error, run } = useAction();
  const confirm = () => run(async () => onDone(await api.del<Deleted>(profilePath(name))));
  return (
    <Modal closeButton title={t('profiles.removeTitle', { name })} description={t('profiles.removeText')} onClose={onClose}>
      <ErrorBanner error={error} />
      <div className="modal-buttons">
        <button type="button" className="danger" disabled={busy} onClick={() => void confirm()}>{t('profiles.removeConfirm')}</button>
        <button type="button" onClick={onClose} autoFocus>{t('common.cancel')}</button>
      </div>
    </Modal>
  );
}
