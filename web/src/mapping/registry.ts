/**
 * Mapping grids filled from live data (what the GesCom and the shop hold), by profile option key
 * (an object-list option such as 'orders.mappings.payments'; the grids are declared in grids.tsx). The profile dialog shows the grid
 * registered for a key, else its generic list editor.
 */
import type { ComponentType } from 'react';
import type { ApiOption } from '../../../src/service/api-types.ts';
import { GRID_EDITORS } from './grids.tsx';

export interface MappingEditorProps {
  /** The profile being edited. */
  profile: string;
  option: ApiOption;
  value: Record<string, unknown>[];
  onChange: (next: Record<string, unknown>[]) => void;
}

export const MAPPING_EDITORS: Record<string, ComponentType<MappingEditorProps>> = { ...GRID_EDITORS };

export function mappingEditorFor(key: string): ComponentType<MappingEditorProps> | undefined {
  return MAPPING_EDITORS[key];
}
