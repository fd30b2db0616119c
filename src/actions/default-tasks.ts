/**
 * Default scheduled tasks offered to a profile (PRF-10; `passerelle schedule add --defaults`).
 * Issue 7: shops drift by themselves (orders, staff edits), so stock, prices and customers are
 * reconciled once a day, at night, on top of the delta runs. Each is a plain `schedule.tasks` entry;
 * its id is drawn when it is added to a profile.
 */
import { newTaskId, type Profile } from '../profile/schema.js';

export type ScheduleTask = Profile['schedule']['tasks'][number];
export type ScheduleTaskTemplate = Omit<ScheduleTask, 'id'>;

const NONE = { cron: '', everySeconds: 0, everyMinutes: 0, at: '', days: [] as ScheduleTask['days'] };

export const DEFAULT_RECONCILE_TASKS: readonly ScheduleTaskTemplate[] = [
  { ...NONE, action: 'products.stocks', cron: '15 3 * * *', enabled: true, params: { reconcile: true } },
  { ...NONE, action: 'products.prices', cron: '30 3 * * *', enabled: true, params: { reconcile: true } },
  { ...NONE, action: 'customers.export', cron: '45 3 * * *', enabled: true, params: { reconcile: true } },
];

/** The default tasks, each with a new id. */
export function defaultReconcileTasks(): ScheduleTask[] {
  return DEFAULT_RECONCILE_TASKS.map((t) => ({ ...t, days: [...t.days], params: { ...t.params }, id: newTaskId() }));
}
