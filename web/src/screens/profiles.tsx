/**
 * The profiles (manual: "Ouvrir un profil" and Options > Profils): the list with GesCom, shop and
 * address, the default one marked; open, configure, duplicate, rename, delete (confirmed), set
 * default, export (download) and import a backup; "Créer un profil" leads to the first-run path.
 * A service without any profile sends the reader to that path at once.
 */
import { useState } from 'react';
import type { ApiProfileChanged, ApiImportResult } from '../../../src/service/api-types-profiles.ts';
import { api, profilePath } from '../api.ts';
import { ErrorBanner } from '../components/error-banner.tsx';
import { useT } from '../i18n/index.ts';
import { useProfiles } from '../profile-context.tsx';
import { ExportDialog, ImportDialog } from '../profiles/backup-dialogs.tsx';
import { shopKindName } from '../profiles/kind-names.ts';
import { NameDialog, RemoveDialog, type Deleted } from '../profiles/profile-dialogs.tsx';
import { navigate } from '../router.ts';
import '../profiles/profiles.css';

type Dialog =
  | { kind: 'duplicate' | 'rename' | 'remove'; name: string }
  | { kind: 'export'; name: string | null }
  | { kind: 'import' };

export function ProfilesScreen() {
  const { t } = useT();
  const { profiles, current, setCurrent, reload, error } = useProfiles();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [status, setStatus] = useState<string[]>([]);
  const [actionError, setActionError] = useState<unknown>(null);


  const done = async (...lines: string[]) => {
    setDialog(null);
    setActionError(null);
    setStatus(lines);
    await reload();
  };

  const makeDefault = async (name: string) => {
    try {
      await api.post<ApiProfileChanged>(profilePath(name, '/default'));
      await done(t('profiles.defaultSet', { name }));
    } catch (err) {
      setActionError(err);
    }
  };

  const open = (name: string, to = '/') => {
    setCurrent(name);
    navigate(to);
  };

  return (
    <section className="profiles-screen" aria-labelledby="profiles-title">
      <h1 id="profiles-title" tabIndex={-1}>{t('profiles.title')}</h1>
      <p>{t('profiles.intro')}</p>
      <div className="toolbar">
        <button type="button" className="primary" onClick={() => navigate('/welcome')}>{t('profiles.create')}</button>
        <button type="button" onClick={() => setDialog({ kind: 'import' })}>{t('profiles.importButton')}</button>
        <button type="button" onClick={() => setDialog({ kind: 'export', name: null })} disabled={!profiles?.length}>{t('profiles.exportAll')}</button>
        <button type="button" onClick={() => navigate('/')}>{t('common.back')}</button>
      </div>
      <div role="status" className="status-line">{status.map((s) => <p key={s}>{s}</p>)}</div>
      <ErrorBanner error={actionError ?? error} onRetry={error ? () => void reload() : undefined} />
      {!profiles ? <p>{t('common.loading')}</p> : (
        <table className="profiles-table">
          <caption>{t('profiles.listCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('profiles.colName')}</th>
              <th scope="col">{t('profiles.colGescom')}</th>
              <th scope="col">{t('profiles.colShop')}</th>
              <th scope="col">{t('profiles.colUrl')}</th>
              <th scope="col">{t('profiles.colDefault')}</th>
              <th scope="col">{t('profiles.colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {profiles.map((p) => (
              <tr key={p.name} data-profile={p.name} aria-current={p.name === current ? 'true' : undefined}>
                <th scope="row">{p.name} {p.name === current && <span className="muted">{t('profiles.current')}</span>}</th>
                <td>{p.gescom === 'embedded' ? t('profiles.gescomEmbedded') : p.gescom === 'sage50c' ? t('profiles.gescomSage50c') : p.gescom}</td>
                <td>{p.shop === 'none' ? t('profiles.noShop') : shopKindName(p.shop)}</td>
                <td className="url-cell">{p.url}</td>
                <td>{p.default && <span className="badge">{t('profiles.isDefault')}</span>}</td>
                <td className="row-actions">
                  <button type="button" aria-label={t('profiles.openOf', { name: p.name })} onClick={() => open(p.name)}>{t('profiles.open')}</button>
                  <button type="button" aria-label={t('profiles.configureOf', { name: p.name })} onClick={() => open(p.name, '/profile')}>{t('profiles.configure')}</button>
                  <button type="button" aria-label={t('profiles.duplicateOf', { name: p.name })} onClick={() => setDialog({ kind: 'duplicate', name: p.name })}>{t('profiles.duplicate')}</button>
                  <button type="button" aria-label={t('profiles.renameOf', { name: p.name })} onClick={() => setDialog({ kind: 'rename', name: p.name })}>{t('profiles.rename')}</button>
                  <button type="button" aria-label={t('profiles.setDefaultOf', { name: p.name })} disabled={p.default} onClick={() => void makeDefault(p.name)}>{t('profiles.setDefault')}</button>
                  <button type="button" aria-label={t('profiles.exportOf', { name: p.name })} onClick={() => setDialog({ kind: 'export', name: p.name })}>{t('profiles.exportOne')}</button>
                  <button type="button" className="danger" aria-label={t('profiles.removeOf', { name: p.name })} onClick={() => setDialog({ kind: 'remove', name: p.name })}>{t('profiles.remove')}</button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(dialog?.kind === 'duplicate' || dialog?.kind === 'rename') && (
        <NameDialog mode={dialog.kind} name={dialog.name} onClose={() => setDialog(null)} onDone={(c) => {
          // A renamed open profile stays the open one under its new name.
          if (dialog.kind === 'rename' && dialog.name === current) setCurrent(c.profile.name);
          void done(dialog.kind === 'duplicate' ? t('profiles.duplicated', { name: c.profile.name }) : t('profiles.renamed', { from: dialog.name, to: c.profile.name }));
        }} />
      )}
      {dialog?.kind === 'remove' && (
        <RemoveDialog name={dialog.name} onClose={() => setDialog(null)} onDone={(d: Deleted) => {
          void done(d.defaultChanged && d.defaultProfile ? t('profiles.removedDefaultNow', { name: d.deleted, next: d.defaultProfile }) : t('profiles.removed', { name: d.deleted }));
        }} />
      )}
      {dialog?.kind === 'export' && <ExportDialog name={dialog.name} onClose={() => setDialog(null)} onDone={(m) => void done(m)} />}
      {dialog?.kind === 'import' && (
        <ImportDialog onClose={() => setDialog(null)} onDone={(r: ApiImportResult) => {
          void done(t('profiles.imported', { names: r.imported.join(', ') }), ...r.secretsKept.map((k) => t('profiles.secretsKept', { name: k.name, keys: k.keys.join(', ') })));
        }} />
      )}
    </section>
  );
}
