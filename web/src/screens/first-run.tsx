/**
 * The first run (manual: "Créer un profil"), step by step: the GesCom (sample company or an
 * existing file), the shop kind and address, its keys; then the profile is made and the connection
 * tested (gescom.check, shop.check with their journals), the first article export previewed
 * (a dry run and its report), and run for real to its summary. Finish opens the main window on
 * the new profile. Ordered steps with Previous / Next; the step's heading takes the focus.
 */
import { useEffect, useRef, useState } from 'react';
import type { ApiOption } from '../../../src/service/api-types.ts';
import type { ApiGescomFacts, ApiSetupResult } from '../../../src/service/api-types-profiles.ts';
import { api, profilePath } from '../api.ts';
import { ErrorBanner } from '../components/error-banner.tsx';
import { useT, type TextKey } from '../i18n/index.ts';
import { useProfiles } from '../profile-context.tsx';
import { navigate } from '../router.ts';
import { useRun } from '../profiles/use-run.ts';
import { EMPTY_DRAFT, shopSection, type Draft } from '../profiles/wizard/draft.ts';
import { PreviewTable, type PreviewAnswer } from '../profiles/wizard/preview-table.tsx';
import { RunPanel } from '../profiles/wizard/run-panel.tsx';
import { GescomFacts, StepGescom } from '../profiles/wizard/step-gescom.tsx';
import { StepKeys } from '../profiles/wizard/step-keys.tsx';
import { StepShop } from '../profiles/wizard/step-shop.tsx';
import { fieldError, unfieldedError } from '../profiles/field-error.ts';
import '../profiles/profiles.css';

const STEPS: TextKey[] = ['profiles.stepGescom', 'profiles.stepShop', 'profiles.stepKeys', 'profiles.stepCheck', 'profiles.stepPreview', 'profiles.stepRun'];
const URL_PATTERN = /^https?:\/\/[^\s/]+/i;

export function FirstRunScreen() {
  const { t } = useT();
  const { profiles, reload, setCurrent } = useProfiles();
  const [step, setStep] = useState(0);
  const [draft, setDraft] = useState<Draft>(EMPTY_DRAFT);
  const [options, setOptions] = useState<ApiOption[] | null>(null);
  const [facts, setFacts] = useState<ApiGescomFacts | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [shown, setShown] = useState<{ name?: string; url?: string }>({});
  const [created, setCreated] = useState<ApiSetupResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [gescomCheck, startGescomCheck] = useRun();
  const [shopCheck, startShopCheck] = useRun();
  const [preview, startPreview] = useRun();
  const [previewAnswer, setPreviewAnswer] = useState<PreviewAnswer | null>(null);
  const [exportRun, startExport] = useRun();
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);

  useEffect(() => {
    api.get<ApiOption[]>('/api/options').then(setOptions, setError);
  }, []);
  useEffect(() => {
    // The step's heading takes the focus when the step changes (not on arrival: the page's own order first).
    if (first.current) first.current = false;
    else heading.current?.focus();
  }, [step]);

  const change = (d: Partial<Draft>) => {
    setDraft((x) => ({ ...x, ...d }));
    if (d.source !== undefined || d.db !== undefined) setFacts(null);
  };
  const kinds = (options?.find((o) => o.key === 'shop.kind')?.enumValues ?? []).filter((k) => k !== 'none');
  const name = created?.profile.name ?? draft.name.trim();
  const gescomSource = () => (draft.source === 'sample' ? { source: 'sample' as const } : { source: 'file' as const, db: draft.db.trim() });

  const go = (to: number) => {
    setError(null);
    setStep(to);
  };

  /** Checks the step before leaving it forward; true when the reader may go on. */
  const leave = async (): Promise<boolean> => {
    setError(null);
    if (step === 0 && !created) {
      const n = draft.name.trim();
      const nameProblem = !n ? t('profiles.required') : profiles?.some((p) => p.name === n) ? t('profiles.nameTaken', { name: n }) : undefined;
      setShown({ name: nameProblem });
      if (nameProblem) return false;
      try {
        setFacts(await api.post<ApiGescomFacts>('/api/profiles/setup/gescom', gescomSource()));
      } catch (err) {
        setError(err);
        return false;
      }
      return true;
    }
    if (step === 1) {
      const urlProblem = !draft.url.trim() ? t('profiles.required') : URL_PATTERN.test(draft.url.trim()) ? undefined : t('profiles.urlInvalid');
      setShown({ url: urlProblem });
      return !urlProblem;
    }
    return true;
  };

  const next = async () => {
    setBusy(true);
    try {
      if (await leave()) go(step + 1);
    } finally {
      setBusy(false);
    }
  };

  /** Makes the profile (or saves the shop part again once made), then tests the GesCom, then the shop. */
  const createAndCheck = async () => {
    if (!options) return;
    setBusy(true);
    setError(null);
    try {
      const shop = shopSection(draft, options);
      if (created) await api.patch(profilePath(created.profile.name), { shop });
      else setCreated(await api.post<ApiSetupResult>('/api/profiles/setup', { name: draft.name.trim(), gescom: gescomSource(), shop }));
      await reload();
    } catch (err) {
      setError(err);
      setBusy(false);
      return;
    }
    // One after the other: a profile runs one action at a time.
    await startGescomCheck(name, 'gescom.check');
    await startShopCheck(name, 'shop.check');
    setBusy(false);
  };

  const computePreview = async () => {
    setPreviewAnswer(null);
    const run = await startPreview(name, 'products.export', { dryRun: true });
    if (!run) return;
    try {
      setPreviewAnswer(await api.get<PreviewAnswer>(`/api/runs/${run.id}/preview`));
    } catch (err) {
      setError(err);
    }
  };

  const finish = async () => {
    await reload();
    setCurrent(name);
    navigate('/');
  };

  const checksEnded = !!gescomCheck.run && !!shopCheck.run;
  const checksOk = checksEnded && gescomCheck.run?.status === 'succeeded' && shopCheck.run?.status === 'succeeded';
  const stepFields = ['name', 'gescom.db', ...(options ?? []).filter((o) => o.key.startsWith(`shop.${draft.kind}.`)).map((o) => o.key)];
  const canNext = step < 3 || (step === 3 && checksEnded) || (step === 4 && !preview.running);

  return (
    <section className="first-run" aria-labelledby="first-run-title">
      <h1 id="first-run-title">{t('profiles.wizardTitle')}</h1>
      {!profiles?.length && <p>{t('profiles.welcomeIntro')}</p>}
      <nav aria-label={t('profiles.stepsLabel')}>
        <ol className="wizard-steps">
          {STEPS.map((s, i) => (
            <li key={s} aria-current={i === step ? 'step' : undefined} className={i < step ? 'done' : undefined}>{i + 1}. {t(s)}</li>
          ))}
        </ol>
      </nav>
      <div className="wizard-step" data-step={step}>
        <h2 ref={heading} tabIndex={-1}>{t('profiles.stepOf', { n: step + 1, total: STEPS.length, title: t(STEPS[step]!) })}</h2>
        {!options ? <p>{t('common.loading')}</p> : (
          <>
            {step === 0 && <StepGescom draft={draft} change={change} facts={facts} error={error} nameError={shown.name ?? null} locked={!!created} />}
            {step === 1 && <GescomFacts facts={facts} />}
            {step === 1 && <StepShop draft={draft} change={change} kinds={kinds} urlError={shown.url ?? fieldError(error, 'shop.url')} />}
            {step === 2 && <StepKeys draft={draft} change={change} options={options} error={error} />}
            {step === 3 && (
              <>
                <button type="button" className="primary" disabled={busy} onClick={() => void createAndCheck()}>
                  {t(created ? 'profiles.saveAndCheck' : 'profiles.createAndCheck')}
                </button>
                {created && <p className="facts" role="status">{t('profiles.created', { name: created.profile.name, db: created.db })}</p>}
                <RunPanel title={t('profiles.checkGescom')} state={gescomCheck} testId="check-gescom" />
                <RunPanel title={t('profiles.checkShop')} state={shopCheck} testId="check-shop" />
                {checksEnded && <p role="status" className={checksOk ? 'run-outcome status-succeeded' : 'run-outcome status-partial'}>{t(checksOk ? 'profiles.checksOk' : 'profiles.checkFailedHint')}</p>}
              </>
            )}
            {step === 4 && (
              <>
                <p>{t('profiles.previewIntro')}</p>
                <button type="button" className="primary" disabled={preview.running} onClick={() => void computePreview()}>
                  {t(previewAnswer ? 'profiles.previewAgain' : 'profiles.previewStart')}
                </button>
                <RunPanel title={t('profiles.stepPreview')} state={preview} testId="preview-run" />
                {previewAnswer && <PreviewTable answer={previewAnswer} />}
              </>
            )}
            {step === 5 && (
              <>
                <p>{t('profiles.runIntro')}</p>
                <button type="button" className="primary" disabled={exportRun.running || !!exportRun.run} onClick={() => void startExport(name, 'products.export')}>
                  {t('profiles.runStart')}
                </button>
                <RunPanel title={t('profiles.stepRun')} state={exportRun} testId="export-run" />
              </>
            )}
          </>
        )}
        <ErrorBanner error={step === 3 ? error : unfieldedError(error, ...stepFields, 'shop.url')} />
        <div className="wizard-nav">
          <button type="button" disabled={step === 0 || busy || preview.running || exportRun.running} onClick={() => go(step - 1)}>{t('profiles.back')}</button>
          {step < STEPS.length - 1 && (
            <button type="button" className={step < 3 ? 'primary' : undefined} disabled={busy || !canNext} onClick={() => void next()}>
              {step === 4 && !previewAnswer ? t('profiles.skip') : t('profiles.next')}
            </button>
          )}
          {step === STEPS.length - 1 && (
            <button type="button" className="primary" disabled={exportRun.running} onClick={() => void finish()}>{t('profiles.finish')}</button>
          )}
        </div>
      </div>
    </section>
  );
}
