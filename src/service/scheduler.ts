/**
 * The scheduler of `passerelle serve` (PRF-10): one croner job per enabled task of every profile
 * whose `schedule.enabled` is on, each run dispatched through the run queue (runs of one profile
 * never overlap, a global limit). Profiles changed elsewhere (`passerelle schedule …` from another
 * process, an editor) are picked up by checking the profile files' size and time every `reloadMs`
 * (2 s); changes made through this service's API reload at once.
 *
 * Missed runs: each task's last slot is kept (schedule-store.ts). At start, a task whose last slot
 * is older than its latest due slot missed at least one run while the service was down: it runs
 * once now, not once per missed slot. Runs that died with a previous process are recorded
 * interrupted first (StateStore.reapDeadRuns); their tasks then run again on schedule.
 */
import { Cron } from 'croner';
import type { ScheduleTask } from '../actions/default-tasks.js';
import { RunInterrupted } from '../actions/interruption.js';
import { raiseAlert } from '../app/alerts.js';
import type { AppContext } from '../app/app-context.js';
import { errorMessage, UnknownProfileError } from '../errors.js';
import { msg, render, tr } from '../i18n/catalogue.js';
import { formatTimestamp } from '../journal/journal.js';
import type { Profile } from '../profile/schema.js';
import { scheduleStoreOf, type ScheduleStore } from '../state/schedule-store.js';
import type { RunRecord, RunStatus } from '../state/state-store.js';
import fs from 'node:fs';
import path from 'node:path';
import { describeSchedule, timingOf, type TaskTiming } from './task-timing.js';

export interface SchedulerOptions {
  /** How often profile files are checked for changes made by other processes, in ms (default 2000). */
  reloadMs?: number;
  now?: () => Date;
  /** Where the scheduler's notices go (missed tasks run at start, tasks that could not start). */
  log?: (line: string) => void;
}

interface TaskJob {
  profile: string;
  task: ScheduleTask;
  /** What the job was built from: a change of any of it rebuilds the job. */
  definition: string;
  timing: TaskTiming;
  cron: Cron | null;
  next: Date | null;
}

/** A task as `schedule list` and the API show it. */
export interface TaskView {
  id: string;
  action: string;
  params: Record<string, string | number | boolean>;
  enabled: boolean;
  /** The schedule in words, in the reader's language. */
  schedule: string;
  cron: string;
  everySeconds: number;
  everyMinutes: number;
  at: string;
  days: string[];
  /** The next run (ISO), null when the task or the profile's tasks are off, or when there is none. */
  next: string | null;
  /** The same in the profile's time zone, "2026-12-01 03:15:00". */
  nextLocal: string | null;
  timezone: string;
  lastRun: { id: number; status: RunStatus; startedAt: string; endedAt: string | null; trigger: string | null } | null;
}

export interface SchedulerHealth {
  running: boolean;
  reloadMs: number;
  tasks: number;
  profiles: { profile: string; enabled: boolean; error?: string; next: { task: string; action: string; at: string }[] }[];
  queue: ReturnType<AppContext['queue']['stats']>;
}

const keyOf = (profile: string, taskId: string) => `${profile}\u0000${taskId}`;

function definitionOf(task: ScheduleTask, timezone: string): string {
  const { id, action, params, cron, everySeconds, everyMinutes, at, days } = task;
  return JSON.stringify({ id, action, params, cron, everySeconds, everyMinutes, at, days, timezone });
}

/** The task of a profile, or an error naming the profile and the known ids. */
export function findTask(profile: Profile, taskId: string): ScheduleTask {
  const task = profile.schedule.tasks.find((t) => t.id === taskId);
  if (!task) {
    throw new UnknownProfileError(
      msg('schedule.err.unknownTask', { task: taskId, profile: profile.name, known: profile.schedule.tasks.map((t) => t.id).join(', ') || '-' }),
      `profile ${profile.name}`, 'schedule.tasks',
    );
  }
  return task;
}

/**
 * Runs a task now through the run queue (API run-now, the scheduler): resolves with the run's id
 * once it started, `done` with its record.
 */
export function dispatchTask(
  app: AppContext, profile: string, task: ScheduleTask, trigger: string,
): { started: Promise<number>; done: Promise<RunRecord> } {
  let onStarted!: (id: number) => void;
  const started = new Promise<number>((resolve) => (onStarted = resolve));
  const done = app.queue.dispatch({ profile, action: task.action, params: task.params, trigger, taskId: task.id, options: { onStarted } });
  const startedOrFailed = Promise.race([started, done.then((r) => r.id)]);
  // A caller that only waits for `done` hears the failure there, not as an unhandled rejection.
  startedOrFailed.catch(() => undefined);
  return { started: startedOrFailed, done };
}

/** A task's view for a profile: its next run from `now` and its last run. */
export function taskView(app: AppContext, store: ScheduleStore, profile: Profile, task: ScheduleTask, now: Date): TaskView {
  const tz = profile.general.timezone;
  const on = task.enabled && profile.schedule.enabled;
  const next = on ? timingOf(task, tz).next(now) : null;
  const lastId = store.runsOfTask(profile.name, task.id, 1)[0];
  const last = lastId === undefined ? null : app.state.run(lastId);
  return {
    id: task.id, action: task.action, params: task.params, enabled: task.enabled, schedule: render(describeSchedule(task)),
    cron: task.cron, everySeconds: task.everySeconds, everyMinutes: task.everyMinutes, at: task.at, days: [...task.days],
    next: next ? next.toISOString() : null, nextLocal: next ? formatTimestamp(next, tz) : null, timezone: tz,
    lastRun: last
      ? { id: last.id, status: last.status, startedAt: last.startedAt, endedAt: last.endedAt, trigger: store.triggerOf(last.id)?.trigger ?? null }
      : null,
  };
}

export class Scheduler {
  private readonly jobs = new Map<string, TaskJob>();
  private readonly stamps = new Map<string, string>();
  private readonly profileErrors = new Map<string, string>();
  /** Profiles read well at least once since start: the first good read of each may catch up missed slots. */
  private readonly synced = new Set<string>();
  private readonly profileOn = new Map<string, boolean>();
  /** Tasks with a run queued or running: a slot due meanwhile does not queue a second one. */
  private readonly pending = new Set<string>();
  private readonly inflight = new Set<Promise<unknown>>();
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private readonly reloadMs: number;
  private readonly now: () => Date;
  private readonly log: (line: string) => void;

  constructor(private readonly app: AppContext, opts: SchedulerOptions = {}) {
    this.reloadMs = opts.reloadMs ?? 2000;
    this.now = opts.now ?? (() => new Date());
    this.log = opts.log ?? (() => {});
  }

  private get store(): ScheduleStore {
    return scheduleStoreOf(this.app.state.db);
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Records the runs of dead processes interrupted, arms every task, runs once those missed while down. */
  start(): { reaped: number; tasks: number; caughtUp: number } {
    if (this.running) return { reaped: 0, tasks: this.jobs.size, caughtUp: 0 };
    this.running = true;
    const reaped = this.app.state.reapDeadRuns();
    const caughtUp = this.sync(true);
    this.timer = setInterval(() => {
      try {
        this.sync(false);
      } catch (err) {
        this.log(errorMessage(err));
      }
    }, this.reloadMs);
    this.timer.unref();
    this.log(tr('schedule.started', { tasks: this.jobs.size }));
    return { reaped, tasks: this.jobs.size, caughtUp };
  }

  /** No more runs are dispatched; runs already queued are the queue's to stop (RunQueue.stop). */
  stop(): void {
    this.running = false;
    clearInterval(this.timer);
    for (const job of this.jobs.values()) job.cron?.stop();
    this.jobs.clear();
    this.stamps.clear();
  }

  /** Reads the profiles again now (after a change through the API). */
  reload(): void {
    if (this.running) this.sync(false, true);
  }

  /** Resolves once every run the scheduler dispatched so far has ended. */
  async settled(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  /**
   * Brings the jobs in line with the profiles (only the files that changed, unless `force`).
   * Returns how many missed tasks it ran (at start only).
   */
  private sync(initial: boolean, force = false): number {
    const names = this.app.profiles.list();
    let caughtUp = 0;
    for (const gone of [...this.stamps.keys()].filter((n) => !names.includes(n))) this.dropProfile(gone);
    for (const name of names) {
      let stamp: string;
      try {
        const st = fs.statSync(path.join(this.app.dir.profilesDir, `${name}.json`));
        stamp = `${st.mtimeMs}:${st.size}`;
      } catch {
        continue;
      }
      if (!force && this.stamps.get(name) === stamp) continue;
      this.stamps.set(name, stamp);
      let profile: Profile;
      try {
        profile = this.app.profiles.load(name);
        this.profileErrors.delete(name);
      } catch (err) {
        // A profile being edited by hand may be invalid for a moment: its tasks wait until it reads again.
        const message = errorMessage(err);
        if (this.profileErrors.get(name) !== message) {
          this.log(tr('schedule.profileUnreadable', { profile: name, message }));
          raiseAlert({ profile: name, code: 'schedule.profileUnreadable', text: msg('schedule.profileUnreadable', { profile: name, message }) });
        }
        this.profileErrors.set(name, message);
        this.dropJobs(name);
        continue;
      }
      // A profile unreadable when the service started catches up at its first good read, as at start.
      caughtUp += this.syncProfile(profile, initial || !this.synced.has(name));
      this.synced.add(name);
    }
    return caughtUp;
  }

  private dropProfile(name: string): void {
    this.dropJobs(name);
    this.synced.delete(name);
    this.stamps.delete(name);
    this.profileErrors.delete(name);
    this.profileOn.delete(name);
  }

  private dropJobs(profile: string, keep: Set<string> = new Set()): void {
    for (const [key, job] of this.jobs) {
      if (job.profile === profile && !keep.has(key)) {
        job.cron?.stop();
        this.jobs.delete(key);
      }
    }
  }

  private syncProfile(profile: Profile, initial: boolean): number {
    const tz = profile.general.timezone;
    this.profileOn.set(profile.name, profile.schedule.enabled);
    const wanted = profile.schedule.enabled ? profile.schedule.tasks.filter((t) => t.enabled) : [];
    const keep = new Set<string>();
    let caughtUp = 0;
    const now = this.now();
    for (const task of wanted) {
      const key = keyOf(profile.name, task.id);
      const definition = definitionOf(task, tz);
      keep.add(key);
      const current = this.jobs.get(key);
      if (current?.definition === definition) continue;
      current?.cron?.stop();
      const job: TaskJob = { profile: profile.name, task, definition, timing: timingOf(task, tz), cron: null, next: null };
      this.jobs.set(key, job);
      const state = this.store.taskState(profile.name, task.id);
      if (initial && state) {
        // Down while one or more slots passed: one run now for all of them.
        const missed = job.timing.previous(now);
        if (missed && missed.getTime() > Date.parse(state.lastSlot)) {
          this.log(tr('schedule.caughtUp', { task: task.id, action: task.action, profile: profile.name, slot: formatTimestamp(missed, tz) }));
          this.fire(job, missed);
          caughtUp++;
        }
      } else {
        // A task new to the scheduler, or changed while it runs: counted from now, nothing to catch up.
        this.store.setLastSlot(profile.name, task.id, now);
      }
      this.arm(job, now);
    }
    this.dropJobs(profile.name, keep);
    return caughtUp;
  }

  /** Sets the job's croner timer for its next slot after `from`. */
  private arm(job: TaskJob, from: Date): void {
    const next = job.timing.next(from);
    job.next = next;
    if (!next || !this.running) return;
    job.cron = new Cron(next, { catch: true }, () => {
      job.cron = null;
      this.fire(job, next);
      // From the slot itself: a timer firing a little early must not give the same slot again.
      const now = this.now();
      this.arm(job, now.getTime() > next.getTime() ? now : next);
    });
  }

  private fire(job: TaskJob, slot: Date): void {
    if (!this.running) return;
    const key = keyOf(job.profile, job.task.id);
    this.store.setLastSlot(job.profile, job.task.id, slot);
    if (this.pending.has(key)) return;
    this.pending.add(key);
    const { done } = dispatchTask(this.app, job.profile, job.task, 'schedule');
    const tracked = done.then(
      () => undefined,
      (err: unknown) => {
        // Dropped because the service stops: nothing to report.
        if (err instanceof RunInterrupted) return;
        // No run was recorded (its profile cannot run it): the service's output and an alert say so.
        const params = { task: job.task.id, action: job.task.action, profile: job.profile, message: errorMessage(err) };
        this.log(tr('schedule.notStarted', params));
        raiseAlert({ profile: job.profile, code: 'schedule.notStarted', text: msg('schedule.notStarted', params) });
      },
    ).finally(() => {
      this.pending.delete(key);
      this.inflight.delete(tracked);
    });
    this.inflight.add(tracked);
  }

  /** What /api/health tells about the scheduler: each profile's next runs, and the queue. */
  health(): SchedulerHealth {
    const profiles = new Map<string, SchedulerHealth['profiles'][number]>();
    for (const name of this.stamps.keys()) {
      const error = this.profileErrors.get(name);
      profiles.set(name, { profile: name, enabled: this.profileOn.get(name) ?? false, ...(error ? { error } : {}), next: [] });
    }
    for (const job of this.jobs.values()) {
      if (job.next) profiles.get(job.profile)?.next.push({ task: job.task.id, action: job.task.action, at: job.next.toISOString() });
    }
    for (const p of profiles.values()) p.next.sort((a, b) => a.at.localeCompare(b.at));
    return {
      running: this.running, reloadMs: this.reloadMs, tasks: this.jobs.size,
      profiles: [...profiles.values()], queue: this.app.queue.stats(),
    };
  }
}
