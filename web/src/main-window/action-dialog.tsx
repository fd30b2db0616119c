/**
 * The dialog a run button opens: the action's options (period, include transferred, update stock,
 * new only, codes, since, XML file), the preview switch ("Aperçu sans rien écrire": dryRun), then
 * Lancer / Annuler, in the shared modal shell (focus trapped, Escape closes, focus back to the button). A run already in progress for
 * the profile (409) is said with the server's words, naming that run.
 */
import { useState } from 'react';
import type { ApiRunStarted } from '../../../src/service/api-types.ts';
import type { ApiLoadXmlRequest } from '../../../src/service/api-types-main-window.ts';
import { api, ApiError } from '../api.ts';
import { ErrorBanner } from '../components/error-banner.tsx';
import { Modal, ModalClose } from '../components/modal.tsx';
import { isoDay, PERIOD_LABEL, periodChoices, periodParams, presetDays, type PeriodChoice } from '../components/period.ts';
import { useT } from '../i18n/index.ts';
import type { RunButton } from './actions.ts';
import { actionLabel } from './labels.ts';
import { runningRun, type FollowedRun } from './live-run.ts';

/** A labelled checkbox on its own line. */
function Check({ checked, set, label }: { checked: boolean; set: (v: boolean) => void; label: string }) {
  return (
    <label className="mw-block">
      <input type="checkbox" checked={checked} onChange={(e) => set(e.target.checked)} /> {label}
    </label>
  );
}


export function ActionDialog({ button, profile, onClose, onStarted, onFollow }: {
  button: RunButton;
  profile: string;
  onClose: () => void;
  onStarted: (started: ApiRunStarted) => void;
  /** Follows the run that holds the profile (after a 409). */
  onFollow: (run: FollowedRun) => void;
}) {
  const { t } = useT();
  const has = (o: RunButton['options'][number]) => button.options.includes(o);
  const week = presetDays('this-week')!;
  const [preview, setPreview] = useState(false);
  const [reconcile, setReconcile] = useState(false);
  const [codes, setCodes] = useState('');
  const [since, setSince] = useState('');
  const [period, setPeriod] = useState<PeriodChoice>('this-week');
  const [custom, setCustom] = useState(week);
  const [includeTransferred, setIncludeTransferred] = useState(false);
  const [updateStock, setUpdateStock] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [holder, setHolder] = useState<FollowedRun | null>(null);
  const title = t(`mainWindow.btn_${button.id}`);
  const days = period === 'custom' ? custom : presetDays(period);

  const params = (): Record<string, unknown> => ({
    ...button.fixed,
    ...(has('reconcile') && reconcile ? { reconcile: true } : {}),
    ...(has('codes') && codes.trim() ? { codes: codes.trim() } : {}),
    ...(has('since') && since ? { since } : {}),
    ...(has('period') ? periodParams(period, custom) : {}),
    ...(has('includeTransferred') && includeTransferred ? { includeTransferred: true } : {}),
    ...(has('updateStock') && updateStock ? { updateStock: true } : {}),
  });

  const launch = async () => {
    setBusy(true);
    setError(null);
    try {
      let started: ApiRunStarted;
      if (has('xmlFile')) {
        if (!file) throw new Error(t('mainWindow.xmlMissing'));
        const body: ApiLoadXmlRequest = { profile, fileName: file.name, xml: await file.text(), includeTransferred, dryRun: preview };
        started = await api.post<ApiRunStarted>('/api/runs/load-xml', body);
      } else {
        started = await api.post<ApiRunStarted>('/api/runs', { profile, action: button.action, params: params(), dryRun: preview });
      }
      onStarted(started);
    } catch (err) {
      setError(err);
      // The run holding the profile, to follow it from here (not when it runs in another process: no live journal).
      if (err instanceof ApiError && err.status === 409) {
        const r = await runningRun(profile).catch(() => null);
        setHolder(r ? { id: r.id, action: r.action, preview: r.preview } : null);
      }
    } finally {
      setBusy(false);
    }
  };

  const locked = error instanceof ApiError && error.status === 409;
  return (
    <Modal title={title} description={t(`mainWindow.desc_${button.id}`)} onClose={onClose} testId="action-dialog">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void launch();
        }}
      >
        {has('period') && (
          <fieldset>
            <legend>{t('mainWindow.periodLegend')}</legend>
            <label>
              {t('mainWindow.period')}{' '}
              <select value={period} onChange={(e) => setPeriod(e.target.value as PeriodChoice)}>
                {periodChoices(true).map((p) => <option key={p} value={p}>{t(PERIOD_LABEL[p])}</option>)}
              </select>
            </label>
            {days ? (
              <div className="mw-period-days">
                <label>
                  {t('mainWindow.from')}{' '}
                  <input type="date" value={days.from} disabled={period !== 'custom'} onChange={(e) => setCustom({ ...custom, from: e.target.value })} />
                </label>
                <label>
                  {t('mainWindow.to')}{' '}
                  <input type="date" value={days.to} disabled={period !== 'custom'} onChange={(e) => setCustom({ ...custom, to: e.target.value })} />
                </label>
              </div>
            ) : (
              <p className="mw-hint">{t('mainWindow.sinceLastHint')}</p>
            )}
          </fieldset>
        )}
        {(has('includeTransferred') || has('updateStock') || has('reconcile') || has('codes') || has('since') || has('xmlFile')) && (
          <fieldset>
            <legend>{t('mainWindow.optionsLegend')}</legend>
            {has('xmlFile') && (
              <label className="mw-block">
                {t('mainWindow.xmlFile')}{' '}
                <input type="file" accept=".xml,application/xml,text/xml" required onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
              </label>
            )}
            {has('includeTransferred') && <Check checked={includeTransferred} set={setIncludeTransferred} label={t('mainWindow.includeTransferred')} />}
            {has('updateStock') && <Check checked={updateStock} set={setUpdateStock} label={t('mainWindow.updateStock')} />}
            {has('reconcile') && <Check checked={reconcile} set={setReconcile} label={t('mainWindow.reconcile')} />}
            {has('codes') && (
              <label className="mw-block">
                {t('mainWindow.codes')}{' '}
                <input type="text" value={codes} placeholder="AR0001,AR0002" onChange={(e) => setCodes(e.target.value)} />
              </label>
            )}
            {has('since') && (
              <label className="mw-block">
                {t('mainWindow.since')}{' '}
                <input type="date" value={since} max={isoDay(new Date())} onChange={(e) => setSince(e.target.value)} />
              </label>
            )}
          </fieldset>
        )}
        <label className="mw-block switch">
          <input type="checkbox" role="switch" checked={preview} aria-checked={preview} onChange={(e) => setPreview(e.target.checked)} /> {t('mainWindow.previewSwitch')}
        </label>
        {locked && <p className="mw-locked-title"><strong>{t('mainWindow.alreadyRunning')}</strong></p>}
        <ErrorBanner error={error} />
        {locked && holder && (
          <button type="button" onClick={() => onFollow(holder)}>{t('mainWindow.followRunning', { id: holder.id, action: actionLabel(t, holder.action) })}</button>
        )}
        <div className="modal-buttons">
          <button type="submit" className="primary" disabled={busy}>{preview ? t('mainWindow.launchPreview') : t('mainWindow.launch')}</button>
          <ModalClose asChild>
            <button type="button">{t('common.cancel')}</button>
          </ModalClose>
        </div>
      </form>
    </Modal>
  );
}
