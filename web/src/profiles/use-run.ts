/**
 * One run of an action on a profile, started through POST /api/runs and followed live: its
 * journal lines, then its record. Starting again replaces the previous run's lines.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiJournalEntry, ApiRun, ApiRunStarted } from '../../../src/service/api-types.ts';
import { api } from '../api.ts';
import { followRun } from '../run-stream.ts';

export interface RunState {
  id: number | null;
  entries: ApiJournalEntry[];
  /** The record once the run ended. */
  run: ApiRun | null;
  running: boolean;
  error: unknown;
}

const IDLE: RunState = { id: null, entries: [], run: null, running: false, error: null };

export function useRun(): [RunState, (profile: string, action: string, options?: { dryRun?: boolean; params?: Record<string, unknown> }) => Promise<ApiRun | null>] {
  const [state, setState] = useState<RunState>(IDLE);
  const stop = useRef<(() => void) | null>(null);
  useEffect(() => () => stop.current?.(), []);
  const start = useCallback(async (profile: string, action: string, options: { dryRun?: boolean; params?: Record<string, unknown> } = {}) => {
    stop.current?.();
    setState({ ...IDLE, running: true });
    let started: ApiRunStarted;
    try {
      started = await api.post<ApiRunStarted>('/api/runs', { profile, action, params: options.params ?? {}, ...(options.dryRun ? { dryRun: true } : {}) });
    } catch (error) {
      setState({ ...IDLE, error });
      return null;
    }
    setState((s) => ({ ...s, id: started.id }));
    return new Promise<ApiRun | null>((resolve) => {
      // Lines come in bursts: gather them and render once per frame rather than once per line.
      let pending: ApiJournalEntry[] = [];
      let timer: ReturnType<typeof setTimeout> | null = null;
      const flush = () => {
        timer = null;
        const batch = pending;
        pending = [];
        if (batch.length) setState((s) => ({ ...s, entries: [...s.entries, ...batch] }));
      };
      stop.current = followRun(started.id, {
        onEntry: (e) => {
          pending.push(e);
          timer ??= setTimeout(flush, 50);
        },
        onEnd: (run) => {
          if (timer) clearTimeout(timer);
          flush();
          setState((s) => ({ ...s, run, running: false }));
          resolve(run);
        },
        onError: (error) => {
          if (timer) clearTimeout(timer);
          flush();
          setState((s) => ({ ...s, running: false, error }));
          resolve(null);
        },
      });
    });
  }, []);
  return [state, start];
}
