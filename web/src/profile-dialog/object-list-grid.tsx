/**
 * The generic editor of an object-list option (a mapping table) when no live-data grid is registered
 * for it (web/src/mapping/registry.ts): one row per item, one column per item field, each cell edited
 * by the field's type from the schema (GET /api/option-shapes); rows added and removed. Empty cells of
 * optional fields are left out, so that the schema's default applies.
 */
import type { ApiOption } from '../../../src/service/api-types.ts';
import type { ApiFieldShape } from '../../../src/service/api-types-settings.ts';
import { useT } from '../i18n/index.ts';
import type { FieldIssue } from './form-state.ts';
import { textOfValue, valueFromText } from './values.ts';

interface Props {
  id: string;
  option: ApiOption;
  fields: Record<string, ApiFieldShape>;
  rows: Record<string, unknown>[];
  onChange: (rows: Record<string, unknown>[]) => void;
  issues: FieldIssue[];
  readOnly: boolean;
  describedBy: string;
}

export function ObjectListGrid({ id, option, fields, rows, onChange, issues, readOnly, describedBy }: Props) {
  const { t } = useT();
  const names = option.itemFields ?? Object.keys(fields);
  const setCell = (r: number, field: string, value: unknown) => {
    const next = rows.map((row, i) => {
      if (i !== r) return row;
      const out = { ...row };
      if (value === '' && !fields[field]?.required) delete out[field];
      else out[field] = value;
      return out;
    });
    onChange(next);
  };
  const badCell = (r: number, field: string) => issues.some((i) => i.path === `${option.key}.${r}.${field}` || i.path.startsWith(`${option.key}.${r}.${field}.`));

  return (
    <div className="pd-grid" role="group" aria-labelledby={`${id}-label`} aria-describedby={describedBy} id={id}>
      <table>
        <thead>
          <tr>
            <th scope="col">#</th>
            {names.map((f) => <th key={f} scope="col"><code>{f}</code></th>)}
            <th scope="col"><span className="pd-sr">{t('profileDialog.removeRow', { n: '' })}</span></th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={r}>
              <th scope="row">{r + 1}</th>
              {names.map((f) => {
                const shape = fields[f];
                const label = t('profileDialog.cellLabel', { field: f, n: r + 1 });
                const common = { 'aria-label': label, 'aria-invalid': badCell(r, f) || undefined, disabled: readOnly };
                const v = row[f];
                return (
                  <td key={f}>
                    {shape?.type === 'boolean'
                      ? <input type="checkbox" {...common} checked={(v ?? shape.default) === true} onChange={(e) => setCell(r, f, e.target.checked)} />
                      : shape?.type === 'enum'
                        ? (
                          <select {...common} value={textOfValue(v ?? shape.default)} onChange={(e) => setCell(r, f, e.target.value)}>
                            {!shape.required && shape.default === undefined && <option value="">{t('profileDialog.empty')}</option>}
                            {(shape.enumValues ?? []).map((e) => <option key={e} value={e}>{e === '' ? t('profileDialog.empty') : e}</option>)}
                          </select>
                        )
                        : <input type="text" {...common} value={textOfValue(v)} onChange={(e) => setCell(r, f, e.target.value === '' ? '' : valueFromText(e.target.value, shape))} />}
                  </td>
                );
              })}
              <td>
                {!readOnly && (
                  <button type="button" onClick={() => onChange(rows.filter((_, i) => i !== r))} aria-label={t('profileDialog.removeRow', { n: r + 1 })}>
                    ✕
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!readOnly && (
        <button type="button" onClick={() => onChange([...rows, {}])}>
          {t('profileDialog.addRow')}
        </button>
      )}
    </div>
  );
}
