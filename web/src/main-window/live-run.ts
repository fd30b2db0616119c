/**
 * The run the main window follows: its journal lines as they come (server-sent events through
 * followRun), the latest progress line kept apart ("--> n/N" would flood the view), the record it
 * ends with, and its stop. Lines are gathered in a buffer and shown at most every 100 ms, so a
 * run of 20,000 lines costs a few hundred renders, not 20,000.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ApiJournalEntry, ApiRun } from '../../../src/service/api-types.ts';
import { api } from '../api.ts';
import { followRun } from '../run-stream.ts';

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
  progress: { index: number; total: number; text: string } | null;
  end: ApiRun | null;
  running: boolean;
  /** The run is held by another process (CLI, another service): its lines are in its journal file, not here. */
  elsewhere: boolean;
  error: unknown;
  follow: (run: FollowedRun) => void;
  stop: () => Promise<void>;
}

const PROGRESS = /-->\s*(\d+)\/(\d+)/;
const FLUSH_MS = 100;

export function useLiveRun(onEnd: (run: ApiRun | null) => void): LiveRun {
  const [run, setRun] = useState<FollowedRun | null>(null);
  const [version, setVersion] = useState(0);
  const [progress, setProgress] = useState<LiveRun['progress']>(null);
  const [end, setEnd] = useState<ApiRun | null>(null);
  const [running, setRunning] = useState(false);
  const [elsewhere, setElsewhere] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const entries = useRef<ApiJournalEntry[]>([]);
  const pending = useRef<{ lines: ApiJournalEntry[]; progress: ApiJournalEntry | null }>({ lines: [], progress: null });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const unfollow = useRef<(() => void) | null>(null);
  const endRef = useRef(onEnd);
  endRef.current = onEnd;

  const flush = useCallback(() => {
    timer.current = null;
    const p = pending.current;
    pending.current = { lines: [], progress: null };
    if (p.lines.length) {
      entries.current.push(...p.lines);
      setVersion((v) => v + 1);
    }
    if (p.progress) {
      const m = PROGRESS.exec(p.progress.text);
      if (m) setProgress({ index: Number(m[1]), total: Number(m[2]), text: p.progress.text.replace(/^-->\s*/, '') });
    }
  }, []);

  const follow = useCallback((next: FollowedRun) => {
    unfollow.current?.();
    if (timer.current) clearTimeout(timer.current);
    entries.current = [];
    pending.current = { lines: [], progress: null };
    setRun(next);
    setVersion((v) => v + 1);
    setProgress(null);
    setEnd(null);
    setError(null);
    setElsewhere(false);
    setRunning(true);
    unfollow.current = followRun(next.id, {
      onEntry: (e) => {
        if (e.level === 'progress') pending.current.progress = e;
        else pending.current.lines.push(e);
        timer.current ??= setTimeout(flush, FLUSH_MS);
      },
      onEnd: (record) => {
        if (timer.current) clearTimeout(timer.current);
        flush();
        setRunning(false);
        // The stream ends at once on a run this service does not hold: it is still running elsewhere.
        if (record?.status === 'running') return setElsewhere(true);
        setEnd(record);
        endRef.current(record);
      },
      onError: (err) => {
        setError(err);
        setRunning(false);
      },
    });
  }, [flush]);

  useEffect(() => () => {
    unfollow.current?.();
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const stop = useCallback(async () => {
    if (!run) return;
    try {
      await api.post(`/api/runs/${run.id}/cancel`);
    } catch (err) {
      setError(err);
    }
  }, [run]);

  return { run, entries: entries.current, version, progress, end, running, elsewhere, error, follow, stop };
}

/** The profile's run in progress, if any (a scheduled run, another page's, the CLI's). */
export async function runningRun(profile: string): Promise<ApiRun | null> {
  const runs = await api.get<ApiRun[]>(`/api/runs?profile=${encodeURIComponent(profile)}&limit=5`);
  return runs.find((r) => r.status === 'running') ?? null;
}
