/**
 * The scheduler's own state (PRF-10), in the state database next to the run history: per task the
 * last slot it was run for (what a service that was down missed is counted from it), and per run
 * queued through the run queue why it ran and for which task. Tables of their own, created on the
 * shared handle: the run history's schema stays the state store's.
 */
import type Database from 'better-sqlite3';

export interface TaskState {
  profile: string;
  taskId: string;
  /** The last slot the task was run (or caught up) for, ISO; the first time the service saw it for a new task. */
  lastSlot: string;
}

export interface RunTrigger {
  runId: number;
  profile: string;
  trigger: string;
  taskId: string | null;
}

type Row = Record<string, unknown>;

export class ScheduleStore {
  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS schedule_tasks (profile TEXT NOT NULL, task_id TEXT NOT NULL, last_slot TEXT NOT NULL,
        PRIMARY KEY (profile, task_id));
      CREATE TABLE IF NOT EXISTS run_triggers (run_id INTEGER PRIMARY KEY, profile TEXT NOT NULL, trigger TEXT NOT NULL, task_id TEXT);
      CREATE INDEX IF NOT EXISTS run_triggers_task ON run_triggers(profile, task_id, run_id);
    `);
  }

  taskState(profile: string, taskId: string): TaskState | null {
    const r = this.db.prepare('SELECT * FROM schedule_tasks WHERE profile = ? AND task_id = ?').get(profile, taskId) as Row | undefined;
    return r ? { profile, taskId, lastSlot: String(r.last_slot) } : null;
  }

  setLastSlot(profile: string, taskId: string, slot: Date): void {
    this.db.prepare(`INSERT INTO schedule_tasks (profile, task_id, last_slot) VALUES (?, ?, ?)
      ON CONFLICT (profile, task_id) DO UPDATE SET last_slot = excluded.last_slot`).run(profile, taskId, slot.toISOString());
  }

  /** Records why a run ran (and for which task); once per run. */
  noteRun(runId: number, profile: string, trigger: string, taskId: string | null): void {
    this.db.prepare('INSERT OR REPLACE INTO run_triggers (run_id, profile, trigger, task_id) VALUES (?, ?, ?, ?)').run(runId, profile, trigger, taskId);
  }

  triggerOf(runId: number): RunTrigger | null {
    const r = this.db.prepare('SELECT * FROM run_triggers WHERE run_id = ?').get(runId) as Row | undefined;
    return r ? toTrigger(r) : null;
  }

  /** The ids of a task's runs, newest first. */
  runsOfTask(profile: string, taskId: string, limit = 50): number[] {
    return (this.db.prepare('SELECT run_id FROM run_triggers WHERE profile = ? AND task_id = ? ORDER BY run_id DESC LIMIT ?').all(profile, taskId, limit) as Row[])
      .map((r) => Number(r.run_id));
  }

  /** A removed task's slot is forgotten (its runs stay in the history). */
  forgetTask(profile: string, taskId: string): void {
    this.db.prepare('DELETE FROM schedule_tasks WHERE profile = ? AND task_id = ?').run(profile, taskId);
  }
}

function toTrigger(r: Row): RunTrigger {
  return { runId: Number(r.run_id), profile: String(r.profile), trigger: String(r.trigger), taskId: r.task_id === null ? null : String(r.task_id) };
}

const stores = new WeakMap<Database.Database, ScheduleStore>();

/** The schedule tables of a state database (created on first use). */
export function scheduleStoreOf(db: Database.Database): ScheduleStore {
  let store = stores.get(db);
  if (!store) {
    store = new ScheduleStore(db);
    stores.set(db, store);
  }
  return store;
}
