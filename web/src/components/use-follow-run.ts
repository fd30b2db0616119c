/**
 * Following one run at a time (on top of followRun): its journal lines gathered and shown at most
 * every `flushMs` (a run of 20,000 lines costs a few hundred renders), progress lines ("--> n/N")
 * kept apart when asked, then its record. Starting another run or leaving the screen aborts the
 * stream and settles the previous run's promise (with null). A stream that fails or closes before
 * its end still ends the run here (onEnd is called once per run, with null when the outcome is
 * unknown): its id is named, and its real outcome is read back from GET /api/runs/:id when it has one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiJournalEntry, ApiRun } from '../../../src/service/api-types.ts';
import { api, ApiError } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { followRun } from '../run-stream.ts';

export interface RunProgress {
  index: number;
  total: number;
  text: string;
}

export interface FollowState {
  id: number | null;
  /** The lines so far (the same array grows: `version` changes when it does). */
  entries: readonly ApiJournalEntry[];
  version: number;
  /** The latest progress line, when `splitProgress` keeps them out of `entries`. */
  progress: RunProgress | null;
  /** The run's record once it ended (its status may still be 'running' when another process holds it). */
  end: ApiRun | null;
  running: boolean;
  error: unknown;
}

export interface FollowRun extends FollowState {
  /** Starts a run (`begin` returns its id) and follows it; resolves with its record, or null. */
  start: (begin: () => Promise<{ id: number }>) => Promise<ApiRun | null>;
  /** Follows a run already started. */
  follow: (id: number) => Promise<ApiRun | null>;
}

const PROGRESS = /-->\s*(\d+)\/(\d+)/;
type Meta = Omit<FollowState, 'entries'>;
const IDLE: Meta = { id: null, version: 0, progress: null, end: null, running: false, error: null };

export function useFollowRun(options: { flushMs?: number; splitProgress?: boolean; onEnd?: (run: ApiRun | null) => void } = {}): FollowRun {
  const { t } = useT();
  const [meta, setMeta] = useState<Meta>(IDLE);
  const entries = useRef<ApiJournalEntry[]>([]);
  const alive = useRef(true);
  const generation = useRef(0);
  const cancel = useRef<(() => void) | null>(null);
  const latest = useRef({ t, options });
  latest.current = { t, options };

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
      cancel.current?.();
    };
  }, []);

  const start = useCallback(async (begin: () => Promise<{ id: number }>): Promise<ApiRun | null> => {
    cancel.current?.();
    cancel.current = null;
    const gen = ++generation.current;
    // This run is still the one shown, on a screen still mounted: checked after every await.
    const current = () => alive.current && gen === generation.current;
    entries.current = [];
    setMeta((m) => ({ ...IDLE, version: m.version + 1, running: true }));
    let id: number;
    try {
      ({ id } = await begin());
    } catch (error) {
      if (current()) setMeta((m) => ({ ...m, running: false, error }));
      return null;
    }
    if (!current()) return null;
    setMeta((m) => ({ ...m, id }));
    const { flushMs = 100, splitProgress = false } = latest.current.options;

    return new Promise<ApiRun | null>((resolve) => {
      let settled = false;
      const settle = (run: ApiRun | null) => {
        if (settled) return;
        settled = true;
        resolve(run);
      };
      let pending: ApiJournalEntry[] = [];
      let progress: ApiJournalEntry | null = null;
      let timer: ReturnType<typeof setTimeout> | null = null;
      const flush = () => {
        if (timer) clearTimeout(timer);
        timer = null;
        if (!current()) return;
        const lines = pending;
        const p = progress;
        pending = [];
        progress = null;
        const m = p ? PROGRESS.exec(p.text) : null;
        if (!lines.length && !m) return;
        entries.current.push(...lines);
        setMeta((s) => ({
          ...s,
          version: s.version + (lines.length ? 1 : 0),
          ...(m ? { progress: { index: Number(m[1]), total: Number(m[2]), text: p!.text.replace(/^-->\s*/, '') } } : {}),
        }));
      };
      const ended = (run: ApiRun | null) => {
        setMeta((s) => ({ ...s, running: false, end: run }));
        latest.current.options.onEnd?.(run);
        settle(run);
      };
      const stop = followRun(id, {
        onEntry: (e) => {
          if (splitProgress && e.level === 'progress') progress = e;
          else pending.push(e);
          timer ??= setTimeout(flush, flushMs);
        },
        onEnd: (run) => {
          flush();
          if (current()) ended(run);
          else settle(run);
        },
        onError: (err) => {
          flush();
          if (!current()) return settle(null);
          // A refusal says why in the server's words; a cut stream says where the outcome is.
          const error = err.status > 0 ? err : new ApiError(0, { error: 'RunFollowInterrupted', message: latest.current.t('common.followInterrupted', { id }) });
          setMeta((s) => ({ ...s, running: false, error }));
          // The run's real outcome when it has one; the run ends here either way.
          void api.get<ApiRun>(`/api/runs/${id}`).then(
            (run) => (current() ? ended(run.status === 'running' ? null : run) : settle(null)),
            () => (current() ? ended(null) : settle(null)),
          );
        },
      });
      cancel.current = () => {
        stop();
        if (timer) clearTimeout(timer);
        settle(null);
      };
    });
  }, []);

  const follow = useCallback((id: number) => start(async () => ({ id })), [start]);

  return { ...meta, entries: entries.current, start, follow };
}
