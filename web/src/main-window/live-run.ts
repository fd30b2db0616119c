/**
 * The run the main window follows: its journal lines as they come (server-sent events through
 * followRun), the latest progress line kept apart ("--> n/N" would flood the view), the record it
 * ends with, and its stop (components/use-follow-run.ts does the following).
 */
import { useCallback, useRef, useState } from 'react';
import type { ApiJournalEntry, ApiRun } from '../../../src/service/api-types.ts';
import { api } from '../api.ts';
import { useFollowRun, type RunProgress } from '../components/use-follow-run.ts';

export interface FollowedRun {
  id: number;
  action: string;
  preview: boolean;
}

export interface LiveRun {
  run: FollowedRun | null;
  /** Every line but progress lines, in order (the same array grows: read `version` to re-render). */
  entries: readonly ApiJournalEntry[];
  version: number;
  progress: RunProgress | null;
  end: ApiRun | null;
  running: boolean;
  /** The run is held by another process (CLI, another service): its lines are in its journal file, not here. */
  elsewhere: boolean;
  error: unknown;
  follow: (run: FollowedRun) => void;
  stop: () => Promise<void>;
}

export function useLiveRun(onEnd: (run: ApiRun | null) => void): LiveRun {
  const [run, setRun] = useState<FollowedRun | null>(null);
  const [stopError, setStopError] = useState<unknown>(null);
  const endRef = useRef(onEnd);
  endRef.current = onEnd;
  // The stream ends at once on a run this service does not hold: it is still running elsewhere.
  const f = useFollowRun({ splitProgress: true, onEnd: (r) => r?.status !== 'running' && endRef.current(r) });
  const elsewhere = f.end?.status === 'running';

  const follow = useCallback((next: FollowedRun) => {
    setRun(next);
    setStopError(null);
    void f.follow(next.id);
  }, [f.follow]);

  const stop = useCallback(async () => {
    if (!run) return;
    try {
      await api.post(`/api/runs/${run.id}/cancel`);
    } catch (err) {
      setStopError(err);
    }
  }, [run]);

  return {
    run, entries: f.entries, version: f.version, progress: f.progress, end: elsewhere ? null : f.end, running: f.running,
    elsewhere, error: f.error ?? stopError, follow, stop,
  };
}

/** The profile's run in progress, if any (a scheduled run, another page's, the CLI's). */
export async function runningRun(profile: string): Promise<ApiRun | null> {
  const runs = await api.get<ApiRun[]>(`/api/runs?profile=${encodeURIComponent(profile)}&limit=5`);
  return runs.find((r) => r.status === 'running') ?? null;
}
