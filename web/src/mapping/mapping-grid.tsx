/**
 * One mapping grid: a table whose rows are the option's items and whose cells are drop-downs of
 * what the GesCom and the shop really hold (from /lists), free text where a side has no such list
 * or could not be read. Each grid is declared by its columns (grids.tsx).
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ApiReferenceLists, ApiRefItem } from '../../../src/service/api-types-mapping.ts';
import { ErrorBanner } from '../components/error-banner.tsx';
import { useT, type TextKey } from '../i18n/index.ts';
import type { MappingEditorProps } from './registry.ts';
import { searchArticles, useReferenceLists } from './use-reference-lists.ts';
import './mapping.css';

export type Row = Record<string, unknown>;

export interface ItemGroup {
  label?: TextKey;
  items: ApiRefItem[];
}

export interface Column {
  /** The item field the cell edits (a virtual column reads and writes through get/set). */
  field: string;
  header: TextKey;
  kind: 'select' | 'text' | 'checkbox' | 'article';
  /** What the drop-down offers; undefined: the side lacks the list (free text). */
  source?: (lists: ApiReferenceLists) => ItemGroup[] | undefined;
  /** Fixed choices (an enum of the schema): always a drop-down. */
  choices?: (t: (k: TextKey) => string) => ApiRefItem[];
  get?: (row: Row, lists: ApiReferenceLists | null) => string;
  set?: (row: Row, value: string, item: ApiRefItem | undefined) => Row;
  /** What the empty choice means for this column (default: "— choose —"). */
  emptyText?: TextKey;
  /** Stored as a number (price category ids). */
  numeric?: boolean;
}

export interface GridSpec {
  columns: Column[];
  /** A new row's values. */
  blank: Row;
}

const asText = (v: unknown) => (v === undefined || v === null ? '' : String(v));

function cellValue(c: Column, row: Row, lists: ApiReferenceLists | null): string {
  return c.get ? c.get(row, lists) : asText(row[c.field]);
}

function withCell(c: Column, row: Row, value: string, item: ApiRefItem | undefined): Row {
  if (c.set) return c.set(row, value, item);
  return { ...row, [c.field]: c.numeric && /^\d+$/.test(value) ? Number(value) : value };
}

function optionText(item: ApiRefItem): string {
  const shown = item.label === item.id || item.label.startsWith(`${item.id} `) || item.label.includes(`(${item.id})`);
  return shown ? item.label : `${item.label} (${item.id})`;
}

/** A drop-down of the groups' items; a stored value the list does not hold stays, marked. */
function SelectCell({ label, value, groups, emptyText, onChange }: {
  label: string; value: string; groups: ItemGroup[]; emptyText: TextKey | undefined; onChange: (v: string, item: ApiRefItem | undefined) => void;
}) {
  const { t } = useT();
  const all = groups.flatMap((g) => g.items);
  const held = value === '' || all.some((i) => i.id === value);
  return (
    <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value, all.find((i) => i.id === e.target.value))}>
      <option value="">{t(emptyText ?? 'mapping.none')}</option>
      {!held && <option value={value}>{t('mapping.notHeld', { value })}</option>}
      {groups.map((g, gi) =>
        g.label ? (
          <optgroup key={gi} label={t(g.label)}>
            {g.items.map((i) => <option key={i.id} value={i.id}>{optionText(i)}</option>)}
          </optgroup>
        ) : (
          g.items.map((i) => <option key={i.id} value={i.id}>{optionText(i)}</option>)
        ),
      )}
    </select>
  );
}

/** Free text with the GesCom articles whose code or designation holds what was typed as suggestions. */
function ArticleCell({ profile, label, value, onChange }: { profile: string; label: string; value: string; onChange: (v: string) => void }) {
  const id = useId();
  const [hits, setHits] = useState<ApiRefItem[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);
  const search = (text: string) => {
    clearTimeout(timer.current);
    if (text.trim() === '') return;
    timer.current = setTimeout(() => {
      searchArticles(profile, text).then((l) => setHits(l.gescom.lists?.articles ?? []), () => setHits([]));
    }, 250);
  };
  return (
    <>
      <input aria-label={label} list={id} value={value} onChange={(e) => {
        onChange(e.target.value);
        search(e.target.value);
      }} onFocus={() => search(value)} />
      <datalist id={id}>
        {hits.map((h) => <option key={h.id} value={h.id}>{h.label}</option>)}
      </datalist>
    </>
  );
}

function SideError({ text, error }: { text: TextKey; error: { message: string; entity?: string; field?: string } }) {
  const { t } = useT();
  return (
    <div role="alert" className="mapping-side-error">
      <strong>{t(text)}</strong>
      <p>{error.message}</p>
      {error.entity && <p className="error-detail">{t('common.errorEntity', { entity: error.entity })}</p>}
      {error.field && <p className="error-detail">{t('common.errorField', { field: error.field })}</p>}
    </div>
  );
}

export function MappingGrid({ profile, option, value, onChange, spec }: MappingEditorProps & { spec: GridSpec }) {
  const { t, lang } = useT();
  const lists = useReferenceLists(profile);
  const rows = value;
  const change = (i: number, next: Row) => onChange(rows.map((r, j) => (j === i ? next : r)));
  const groupsOf = (c: Column): ItemGroup[] | undefined => {
    if (c.choices) return [{ items: c.choices(t) }];
    if (!c.source || !lists.data) return undefined;
    const g = c.source(lists.data);
    return g && g.some((x) => x.items.length > 0) ? g : undefined;
  };
  return (
    <div className="mapping-grid">
      <div className="mapping-toolbar">
        <button type="button" onClick={lists.refresh} disabled={lists.loading}>{t('mapping.refresh')}</button>
        <span role="status" className="mapping-status">{lists.loading ? t('mapping.refreshing') : ''}</span>
      </div>
      <ErrorBanner error={lists.error} onRetry={lists.refresh} />
      {lists.data?.gescom.error && <SideError text="mapping.gescomUnreadable" error={lists.data.gescom.error} />}
      {lists.data?.shop.error && <SideError text="mapping.shopUnreadable" error={lists.data.shop.error} />}
      <div className="mapping-scroll" role="region" aria-label={option.description[lang]} tabIndex={0}>
      <table className="mapping-table">
        <caption>{option.description[lang]}</caption>
        <thead>
          <tr>
            <th scope="col">{t('mapping.rowHeader')}</th>
            {spec.columns.map((c) => <th scope="col" key={c.field}>{t(c.header)}</th>)}
            <th scope="col">{t('mapping.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={spec.columns.length + 2}>{t('mapping.empty')}</td>
            </tr>
          )}
          {rows.map((row, i) => (
            <tr key={i}>
              <th scope="row">{i + 1}</th>
              {spec.columns.map((c) => {
                const label = t('mapping.cellLabel', { column: t(c.header), n: i + 1 });
                const v = cellValue(c, row, lists.data);
                const set = (next: string, item?: ApiRefItem) => change(i, withCell(c, row, next, item));
                if (c.kind === 'checkbox') {
                  return (
                    <td key={c.field}>
                      <input type="checkbox" aria-label={label} checked={row[c.field] === true}
                        onChange={(e) => change(i, { ...row, [c.field]: e.target.checked })} />
                    </td>
                  );
                }
                if (c.kind === 'article') return <td key={c.field}><ArticleCell profile={profile} label={label} value={v} onChange={set} /></td>;
                const groups = c.kind === 'select' ? groupsOf(c) : undefined;
                return (
                  <td key={c.field}>
                    {groups ? (
                      <SelectCell label={label} value={v} groups={groups} emptyText={c.emptyText} onChange={set} />
                    ) : (
                      <input type="text" aria-label={label} value={v} placeholder={c.kind === 'select' ? t('mapping.freeText') : undefined}
                        onChange={(e) => set(e.target.value)} />
                    )}
                  </td>
                );
              })}
              <td>
                <button type="button" aria-label={t('mapping.removeRow', { n: i + 1 })} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                  <span aria-hidden="true">✕</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      </div>
      <button type="button" onClick={() => onChange([...rows, { ...spec.blank }])}>{t('mapping.addRow')}</button>
    </div>
  );
}
