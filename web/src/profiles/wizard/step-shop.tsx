/** Step 2: the kind of shop (the schema's kinds) and its address. */
import { useId } from 'react';
import { useT } from '../../i18n/index.ts';
import { shopKindName } from '../kind-names.ts';
import { TextField } from '../text-field.tsx';
import type { Draft } from './draft.ts';

export function StepShop({ draft, change, kinds, urlError }: { draft: Draft; change: (d: Partial<Draft>) => void; kinds: readonly string[]; urlError: string | null }) {
  const { t } = useT();
  const id = useId();
  return (
    <>
      <div className="field">
        <label htmlFor={id}>{t('profiles.shopKind')}</label>
        <select id={id} value={draft.kind} onChange={(e) => change({ kind: e.target.value })}>
          {kinds.map((k) => <option key={k} value={k}>{shopKindName(k)}</option>)}
        </select>
      </div>
      <TextField label={t('profiles.shopUrl')} help={t('profiles.shopUrlHelp')} type="url" value={draft.url} required spellCheck={false}
        onChange={(e) => change({ url: e.target.value })} error={urlError} />
    </>
  );
}
