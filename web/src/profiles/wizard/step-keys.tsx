/**
 * Step 3: the shop kind's own options (GET /api/options, keys `shop.<kind>.*`) with their labels
 * from the schema; secrets in password inputs, never shown back.
 */
import type { ApiOption } from '../../../../src/service/api-types.ts';
import { useT } from '../../i18n/index.ts';
import { fieldError } from '../field-error.ts';
import { shopKindName } from '../kind-names.ts';
import { TextField } from '../text-field.tsx';
import { kindOptions, type Draft } from './draft.ts';

export function StepKeys({ draft, change, options, error }: { draft: Draft; change: (d: Partial<Draft>) => void; options: readonly ApiOption[]; error: unknown }) {
  const { t, lang } = useT();
  const fields = kindOptions(options, draft.kind);
  const set = (key: string, value: string | boolean) => change({ keys: { ...draft.keys, [key]: value } });
  if (!fields.length) return <p>{t('profiles.noKeys')}</p>;
  return (
    <>
      <p>{t('profiles.keysIntro', { kind: shopKindName(draft.kind) })}</p>
      {fields.map((o) => {
        const label = o.description[lang];
        const value = draft.keys[o.key];
        const err = fieldError(error, o.key);
        if (o.type === 'boolean') {
          const checked = typeof value === 'boolean' ? value : o.default === true;
          return (
            <div className="field field-check" key={o.key}>
              <input id={`opt-${o.key}`} type="checkbox" checked={checked} onChange={(e) => set(o.key, e.target.checked)} />
              <label htmlFor={`opt-${o.key}`}>{label}</label>
            </div>
          );
        }
        if (o.type === 'enum') {
          return (
            <div className="field" key={o.key}>
              <label htmlFor={`opt-${o.key}`}>{label}</label>
              <select id={`opt-${o.key}`} value={typeof value === 'string' ? value : String(o.default ?? '')} onChange={(e) => set(o.key, e.target.value)}>
                {o.enumValues?.map((v) => <option key={v} value={v}>{v}</option>)}
              </select>
            </div>
          );
        }
        return (
          <TextField key={o.key} label={label} type={o.secret ? 'password' : o.type === 'number' ? 'number' : 'text'}
            autoComplete={o.secret ? 'new-password' : 'off'} spellCheck={false}
            placeholder={!o.secret && o.default !== '' && o.default !== null && !Array.isArray(o.default) ? String(o.default) : undefined}
            help={o.type === 'list' ? t('profiles.listHelp') : undefined}
            value={typeof value === 'string' ? value : ''} onChange={(e) => set(o.key, e.target.value)} error={err} />
        );
      })}
    </>
  );
}
