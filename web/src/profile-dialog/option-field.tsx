/**
 * One profile option as a form field, generated from its description (GET /api/options): label and help
 * in the page's language, the default ("Par défaut : …") with a reset, the editor its type calls for,
 * and the schema's messages about it (aria-invalid, aria-describedby).
 */
import type { ApiOption } from '../../../src/service/api-types.ts';
import { useT } from '../i18n/index.ts';
import { mappingEditorFor } from '../mapping/registry.ts';
import { listPickerFor } from '../mapping/list-pickers.tsx';
import { ObjectListGrid } from './object-list-grid.tsx';
import type { ProfileForm } from './form-state.ts';
import { numberFromText, sameValue, textOfValue, valueFromText } from './values.ts';

export const fieldId = (key: string) => `opt-${key.replace(/[^A-Za-z0-9]/g, '-')}`;

export function useShowValue(): (value: unknown, option: ApiOption) => string {
  const { t } = useT();
  return (value, option) => {
    if (value === null || value === undefined) return t('profileDialog.none');
    if (typeof value === 'boolean') return value ? t('profileDialog.yes') : t('profileDialog.no');
    if (Array.isArray(value)) {
      if (!value.length) return t('profileDialog.emptyList');
      return option.type === 'object-list' ? t('profileDialog.rows', { n: value.length }) : value.join(', ');
    }
    if (value === '') return t('profileDialog.empty');
    return String(value);
  };
}

export function OptionField({ option, form, profileName, readOnly = false }: { option: ApiOption; form: ProfileForm; profileName: string; readOnly?: boolean }) {
  const { t, lang } = useT();
  const show = useShowValue();
  const id = fieldId(option.key);
  const label = option.description[lang];
  const value = form.value(option.key);
  const issues = form.issues.get(option.key) ?? [];
  const invalid = issues.length > 0;
  const changed = form.changes.has(option.key);
  const set = (v: unknown) => form.change(option.key, v);
  const helpId = `${id}-help`;
  const issuesId = `${id}-issues`;
  const describedBy = [helpId, invalid ? issuesId : ''].filter(Boolean).join(' ');
  const common = { id, 'aria-describedby': describedBy, 'aria-invalid': invalid || undefined, disabled: readOnly };
  const hasDefault = !option.required;
  const atDefault = hasDefault && sameValue(value, option.default);

  let editor;
  switch (option.type) {
    case 'boolean':
      editor = <input type="checkbox" {...common} checked={value === true} onChange={(e) => set(e.target.checked)} />;
      break;
    case 'enum':
      editor = (
        <select {...common} value={String(value ?? '')} onChange={(e) => set(e.target.value)}>
          {(option.enumValues ?? []).map((v) => <option key={v} value={v}>{v === '' ? t('profileDialog.empty') : v}</option>)}
        </select>
      );
      break;
    case 'number':
      editor = <input type="text" inputMode="decimal" {...common} value={textOfValue(value)} onChange={(e) => set(numberFromText(e.target.value))} />;
      break;
    case 'date':
      editor = (
        <input type="date" {...common} value={typeof value === 'string' ? value.slice(0, 10) : ''}
          onChange={(e) => set(e.target.value === '' && option.nullable ? null : e.target.value)} />
      );
      break;
    case 'list': {
      const shape = form.shapes.listItems[option.key];
      const Picker = listPickerFor(option.key);
      const text = (
        <textarea {...common} rows={Math.min(6, Math.max(2, Array.isArray(value) ? value.length + 1 : 2))}
          value={Array.isArray(value) ? value.map((v) => textOfValue(v)).join('\n') : textOfValue(value)}
          onChange={(e) => set(e.target.value.split('\n').map((l) => l.trim()).filter((l) => l !== '').map((l) => valueFromText(l, shape)))} />
      );
      // Values the GesCom holds (depots): checkboxes from live data, the text area when it cannot be read.
      editor = Picker && !readOnly
        ? <Picker profile={profileName} id={id} label={label} value={Array.isArray(value) ? value.map(String) : []} onChange={set} describedBy={describedBy} fallback={text} />
        : text;
      break;
    }
    case 'object-list': {
      const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
      const Mapping = mappingEditorFor(option.key);
      editor = Mapping
        ? <Mapping profile={profileName} option={option} value={rows} onChange={set} />
        : <ObjectListGrid id={id} option={option} fields={form.shapes.items[option.key] ?? {}} rows={rows} onChange={set} issues={issues} readOnly={readOnly} describedBy={describedBy} />;
      break;
    }
    default:
      editor = option.secret
        ? <input type="password" autoComplete="new-password" {...common} value={textOfValue(value)} onChange={(e) => set(e.target.value)} />
        : <input type="text" {...common} value={textOfValue(value)} onChange={(e) => set(e.target.value)} />;
  }

  const wide = option.type === 'object-list' || option.type === 'list';
  return (
    <div className={`pd-field${wide ? ' pd-wide' : ''}${changed ? ' pd-changed' : ''}`} data-option={option.key}>
      {option.type === 'object-list'
        ? <span className="pd-label" id={`${id}-label`}>{label}</span>
        : <label className="pd-label" htmlFor={id}>{label}</label>}
      <div className="pd-editor">
        {editor}
        {hasDefault && !readOnly && (
          <button type="button" className="pd-reset" aria-label={t('profileDialog.resetLabel', { label })} disabled={atDefault}
            onClick={() => set(structuredClone(option.default))}>
            {t('profileDialog.reset')}
          </button>
        )}
      </div>
      <div className="pd-help" id={helpId}>
        <code>{option.key}</code>
        {readOnly ? ` · ${t('profileDialog.readOnly')}` : ''}
        {hasDefault ? ` · ${t('profileDialog.defaultIs', { value: show(option.default, option) })}` : ` · ${t('profileDialog.required')}`}
        {' · '}{t('profileDialog.expected', { expected: option.expected })}
        {option.secret && !readOnly ? ` · ${t('profileDialog.secretKept')}` : ''}
        {option.type === 'list' ? ` · ${t('profileDialog.listHelp')}` : ''}
      </div>
      {invalid && (
        <ul className="pd-issues" id={issuesId}>
          {issues.map((i) => <li key={i.path + i.message}>{i.path === option.key ? i.message : t('profileDialog.issueOn', { field: i.path, message: i.message })}</li>)}
        </ul>
      )}
    </div>
  );
}
