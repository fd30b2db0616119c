/**
 * One run of an action on a profile, started through POST /api/runs and followed live
 * (components/use-follow-run.ts): its journal lines, then its record. Starting again replaces the
 * previous run's lines.
 */
import { useCallback } from 'react';
import type { ApiJournalEntry, ApiRun, ApiRunStarted } from '../../../src/service/api-types.ts';
import { api } from '../api.ts';
import { useFollowRun } from '../components/use-follow-run.ts';

export interface RunState {
  id: number | null;
  entries: readonly ApiJournalEntry[];
  /** The record once the run ended. */
  run: ApiRun | null;
  running: boolean;
  error: unknown;
}

export function useRun(): [RunState, (profile: string, action: string, options?: { dryRun?: boolean; params?: Record<string, unknown> }) => Promise<ApiRun | null>] {
  const f = useFollowRun({ flushMs: 50 });
  const start = useCallback(
    (profile: string, action: string, options: { dryRun?: boolean; params?: Record<string, unknown> } = {}) =>
      f.start(() => api.post<ApiRunStarted>('/api/runs', { profile, action, params: options.params ?? {}, ...(options.dryRun ? { dryRun: true } : {}) })),
    [f.start],
  );
  return [{ id: f.id, entries: f.entries, run: f.end, running: f.running, error: f.error }, start];
}
