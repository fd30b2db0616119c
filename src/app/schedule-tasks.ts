/**
 * Editing a profile's scheduled tasks (PRF-10), shared by `passerelle schedule …` and the API:
 * add (a new id), remove, enable, disable. The profile store validates; an issue about a task
 * names it by its id (`schedule.tasks.<id>.at`) rather than by its place in the list.
 */
import type { ScheduleTask, ScheduleTaskTemplate } from '../actions/default-tasks.js';
import { ConfigError, PasserelleError } from '../errors.js';
import { msg } from '../i18n/catalogue.js';
import { ProfileValidationError } from '../profile/options.js';
import { newTaskId, WEEKDAYS, type Profile, type Weekday } from '../profile/schema.js';
import { findTask } from '../service/scheduler.js';
import { scheduleStoreOf } from '../state/schedule-store.js';
import type { AppContext } from './app-context.js';

/** What a caller gives for a new task; the schedule fields left out are empty, the id drawn when not given. */
export type TaskInput = Partial<Omit<ScheduleTaskTemplate, 'action'>> & { action: string; id?: string };

/** Saves the profile; task issues are renamed from their index to their id. */
function saveTasks(app: AppContext, profile: Profile, tasks: ScheduleTask[]): Profile {
  try {
    return app.profiles.save({ ...profile, schedule: { ...profile.schedule, tasks } });
  } catch (err) {
    if (!(err instanceof ProfileValidationError)) throw err;
    const issues = err.issues.map((i) => ({
      ...i, path: i.path.replace(/^schedule\.tasks\.(\d+)/, (whole, n: string) => (tasks[Number(n)] ? `schedule.tasks.${tasks[Number(n)]!.id}` : whole)),
    }));
    throw new ProfileValidationError(issues, err.entity);
  }
}

/** Adds tasks (each with a new id) and returns them as saved. */
export function addTasks(app: AppContext, profileName: string, inputs: TaskInput[]): ScheduleTask[] {
  const profile = app.profiles.load(profileName);
  const added = inputs.map((i) => ({ ...i, id: i.id ?? newTaskId() }) as ScheduleTask);
  const saved = saveTasks(app, profile, [...profile.schedule.tasks, ...added]);
  const ids = new Set(added.map((t) => t.id));
  const tasks = saved.schedule.tasks.filter((t) => ids.has(t.id));
  // Counted from now: a task added while the service is down does not "catch up" at its start.
  const store = scheduleStoreOf(app.state.db);
  for (const t of tasks) store.setLastSlot(saved.name, t.id, new Date());
  return tasks;
}

export function removeTask(app: AppContext, profileName: string, taskId: string): ScheduleTask {
  const profile = app.profiles.load(profileName);
  const task = findTask(profile, taskId);
  saveTasks(app, profile, profile.schedule.tasks.filter((t) => t.id !== taskId));
  scheduleStoreOf(app.state.db).forgetTask(profile.name, taskId);
  return task;
}

export function setTaskEnabled(app: AppContext, profileName: string, taskId: string, enabled: boolean): ScheduleTask {
  const profile = app.profiles.load(profileName);
  findTask(profile, taskId);
  const saved = saveTasks(app, profile, profile.schedule.tasks.map((t) => (t.id === taskId ? { ...t, enabled } : t)));
  return findTask(saved, taskId);
}

// ---------------------------------------------------------------------------------------------
// The CLI's words for a schedule.

/** "30s", "5m", "90" (seconds) -> the interval fields. */
export function parseEvery(value: string): Pick<ScheduleTask, 'everySeconds' | 'everyMinutes'> {
  const m = /^\s*(\d+)\s*(s|sec|m|min)?\s*$/i.exec(value);
  const n = m ? Number(m[1]) : NaN;
  if (!m || !(n > 0)) throw new PasserelleError(msg('schedule.err.every', { value }), 'schedule add', 'every');
  return m[2] && m[2].toLowerCase().startsWith('m') ? { everySeconds: 0, everyMinutes: n } : { everySeconds: n, everyMinutes: 0 };
}

/** "mon,tue" -> the days, in the order given; each must be one of WEEKDAYS. */
export function parseDays(value: string): Weekday[] {
  const days = value.split(',').map((d) => d.trim().toLowerCase()).filter(Boolean);
  const bad = days.find((d) => !(WEEKDAYS as readonly string[]).includes(d));
  if (bad !== undefined || !days.length) {
    throw new PasserelleError(msg('schedule.err.days', { days: WEEKDAYS.join(','), value }), 'schedule add', 'days');
  }
  return days as Weekday[];
}

/** "k=v" -> a param; true/false and plain numbers are typed as the actions expect them. */
export function parseParam(value: string, into: Record<string, string | number | boolean>): Record<string, string | number | boolean> {
  const at = value.indexOf('=');
  if (at <= 0) throw new ConfigError(msg('schedule.err.param', { value }), 'schedule add', 'param');
  const key = value.slice(0, at).trim();
  const raw = value.slice(at + 1);
  const typed = raw === 'true' ? true : raw === 'false' ? false : /^-?\d+(?:\.\d+)?$/.test(raw) ? Number(raw) : raw;
  return { ...into, [key]: typed };
}
