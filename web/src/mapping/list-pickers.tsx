/**
 * Plain-list options whose values are things the GesCom holds (stock.depots: the depots read and
 * summed) shown as a set of checkboxes filled from live data (GET /api/profiles/:name/lists) instead
 * of free text; a stored value the GesCom no longer holds stays, marked. Free text when the list
 * cannot be read.
 */
import type { ComponentType, ReactElement } from 'react';
import type { ApiGescomLists, ApiRefItem } from '../../../src/service/api-types-mapping.ts';
import { useT } from '../i18n/index.ts';
import { useReferenceLists } from './use-reference-lists.ts';
import './mapping.css';

export interface ListPickerProps {
  profile: string;
  id: string;
  label: string;
  value: string[];
  onChange: (next: string[]) => void;
  describedBy: string;
  /** The editor used when the list cannot be read. */
  fallback: ReactElement;
}

const SOURCES: Record<string, (g: ApiGescomLists) => ApiRefItem[]> = {
  'stock.depots': (g) => g.depots,
};

function GescomListPicker({ source, profile, id, label, value, onChange, describedBy, fallback }: ListPickerProps & { source: (g: ApiGescomLists) => ApiRefItem[] }) {
  const { t } = useT();
  const { data } = useReferenceLists(profile);
  const items = data?.gescom.lists ? source(data.gescom.lists) : null;
  if (!items) return fallback;
  const held = new Set(items.map((i) => i.id));
  const gone = value.filter((v) => !held.has(v)).map((v) => ({ id: v, label: t('mapping.notHeld', { value: v }) }));
  const toggle = (idOf: string, on: boolean) => onChange(on ? [...value, idOf] : value.filter((v) => v !== idOf));
  return (
    <fieldset id={id} className="list-picker" aria-describedby={describedBy}>
      <legend className="list-picker-legend">{label}</legend>
      {[...items, ...gone].map((item) => (
        <label key={item.id}>
          <input type="checkbox" checked={value.includes(item.id)} onChange={(e) => toggle(item.id, e.target.checked)} />{' '}
          {item.label === item.id || item.label.startsWith(item.id) ? item.label : `${item.id} – ${item.label}`}
        </label>
      ))}
    </fieldset>
  );
}

const PICKERS: Record<string, ComponentType<ListPickerProps>> = Object.fromEntries(
  Object.entries(SOURCES).map(([key, source]) => [key, (p: ListPickerProps) => <GescomListPicker {...p} source={source} />]),
);

export function listPickerFor(key: string): ComponentType<ListPickerProps> | undefined {
  return PICKERS[key];
}
