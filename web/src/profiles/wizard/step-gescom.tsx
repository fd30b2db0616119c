/** Step 1: the profile's name and its GesCom, the sample company or an existing company file (checked by the service). */
import type { ApiGescomFacts } from '../../../../src/service/api-types-profiles.ts';
import { useT } from '../../i18n/index.ts';
import { fieldError } from '../field-error.ts';
import { TextField } from '../text-field.tsx';
import type { Draft } from './draft.ts';

/** What the chosen GesCom holds (or where the sample company will be made), as the service found it. */
export function GescomFacts({ facts }: { facts: ApiGescomFacts | null }) {
  const { t } = useT();
  if (!facts) return null;
  return (
    <p className="facts" data-testid="gescom-facts">
      {facts.company
        ? t('profiles.companyFacts', { name: facts.company.name, currency: facts.company.currency, articles: facts.company.articles, customers: facts.company.customers, db: facts.db })
        : t('profiles.sampleWillBeCreated', { db: facts.db })}
    </p>
  );
}

export function StepGescom({ draft, change, facts, error, nameError, locked }: {
  draft: Draft; change: (d: Partial<Draft>) => void; facts: ApiGescomFacts | null; error: unknown; nameError: string | null; locked: boolean;
}) {
  const { t } = useT();
  return (
    <>
      <TextField label={t('profiles.profileName')} help={t('profiles.nameHelp')} value={draft.name} maxLength={64} required disabled={locked}
        onChange={(e) => change({ name: e.target.value })} error={nameError ?? fieldError(error, 'name')} />
      <fieldset disabled={locked}>
        <legend>{t('profiles.gescomLegend')}</legend>
        <div className="radio">
          <input type="radio" id="source-sample" name="source" checked={draft.source === 'sample'} onChange={() => change({ source: 'sample' })} />
          <label htmlFor="source-sample">{t('profiles.sourceSample')}</label>
        </div>
        <div className="radio">
          <input type="radio" id="source-file" name="source" checked={draft.source === 'file'} onChange={() => change({ source: 'file' })} />
          <label htmlFor="source-file">{t('profiles.sourceFile')}</label>
        </div>
        {draft.source === 'file' && (
          <TextField label={t('profiles.dbPath')} value={draft.db} required spellCheck={false}
            onChange={(e) => change({ db: e.target.value })} error={fieldError(error, 'gescom.db')} />
        )}
      </fieldset>
      <GescomFacts facts={facts} />
    </>
  );
}
