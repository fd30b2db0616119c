/**
 * Backups (PRF-03) as `passerelle profile export|import` makes and reads them: export one profile or
 * all of them (secrets only under a passphrase) as a downloaded file; import a file picked here.
 */
import { useState, type FormEvent } from 'react';
import type { ApiImportResult, ApiProfileBackup } from '../../../src/service/api-types-profiles.ts';
import { api } from '../api.ts';
import { ErrorBanner } from '../components/error-banner.tsx';
import { useT } from '../i18n/index.ts';
import { saveTextFile } from '../components/download.ts';
import { fieldError, unfieldedError } from './field-error.ts';
import { Modal } from '../components/modal.tsx';
import { TextField } from './text-field.tsx';
import { useAction } from './use-action.ts';

/** The file name the service gives its attachment (routes/profile-admin.ts), for the browser's save. */
export function backupFileName(bundle: ApiProfileBackup, name: string | null): string {
  return `passerelle-${name ?? 'profils'}-${bundle.exportedAt.slice(0, 10)}.json`;
}

export function ExportDialog({ name, onClose, onDone }: { name: string | null; onClose: () => void; onDone: (message: string) => void }) {
  const { t } = useT();
  const [passphrase, setPassphrase] = useState('');
  const { busy, error, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const body = { ...(name ? { profiles: [name] } : { all: true }), ...(passphrase ? { passphrase } : {}) };
      const bundle = await api.post<ApiProfileBackup>('/api/profiles/export', body);
      const file = backupFileName(bundle, name);
      saveTextFile(file, JSON.stringify(bundle, null, 2) + '\n');
      onDone(t('profiles.exported', { file, n: bundle.profiles.length, secrets: t(bundle.secretsIncluded ? 'profiles.withSecrets' : 'profiles.withoutSecrets') }));
    });
  };
  return (
    <Modal closeButton title={name ? t('profiles.exportTitleOne', { name }) : t('profiles.exportTitleAll')} onClose={onClose}>
      <form onSubmit={submit}>
        <TextField label={t('profiles.passphrase')} help={t('profiles.passphraseExportHelp')} type="password" autoComplete="new-password"
          value={passphrase} onChange={(e) => setPassphrase(e.target.value)} error={fieldError(error, 'passphrase')} />
        <ErrorBanner error={unfieldedError(error, 'passphrase')} />
        <div className="modal-buttons">
          <button type="submit" className="primary" disabled={busy}>{t('profiles.download')}</button>
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </Modal>
  );
}

export function ImportDialog({ onClose, onDone }: { onClose: () => void; onDone: (result: ApiImportResult) => void }) {
  const { t } = useT();
  const [file, setFile] = useState<File | null>(null);
  const [passphrase, setPassphrase] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const { busy, error, setError, run } = useAction();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!file) return setError(new Error(t('profiles.chooseFile')));
    void run(async () => {
      const backup = await file.text();
      onDone(await api.post<ApiImportResult>('/api/profiles/import', { backup, fileName: file.name, overwrite, ...(passphrase ? { passphrase } : {}) }));
    });
  };
  // The file's own errors (not JSON, not a backup) are shown by its field; a profile in the way, by the overwrite box.
  const fileError = fieldError(error, 'file', 'format', 'salt');
  return (
    <Modal closeButton title={t('profiles.importTitle')} onClose={onClose}>
      <form onSubmit={submit}>
        <TextField label={t('profiles.backupFile')} type="file" accept=".json,application/json"
          onChange={(e) => setFile(e.target.files?.[0] ?? null)} error={fileError} />
        <TextField label={t('profiles.passphrase')} help={t('profiles.passphraseImportHelp')} type="password" autoComplete="off"
          value={passphrase} onChange={(e) => setPassphrase(e.target.value)} error={fieldError(error, 'passphrase')} />
        <div className="field field-check">
          <input id="import-overwrite" type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} />
          <label htmlFor="import-overwrite">{t('profiles.overwrite')}</label>
        </div>
        <ErrorBanner error={unfieldedError(error, 'file', 'format', 'salt', 'passphrase')} />
        <div className="modal-buttons">
          <button type="submit" className="primary" disabled={busy}>{t('profiles.importConfirm')}</button>
          <button type="button" onClick={onClose}>{t('common.cancel')}</button>
        </div>
      </form>
    </Modal>
  );
}
