/**
 * Default scheduled tasks a scheduler offers a profile (PRF-10; the scheduler itself
 * comes with issue 9 and reads these). Issue 7: shops drift by themselves (orders,
 * staff edits), so stock, prices and customers are reconciled once a day, at night,
 * on top of the delta runs. Each is a plain `schedule.tasks` entry.
 */
import type { Profile } from '../profile/schema.js';

export type ScheduleTask = Profile['schedule']['tasks'][number];

export const DEFAULT_RECONCILE_TASKS: readonly ScheduleTask[] = [
  { action: 'products.stocks', cron: '15 3 * * *', everyMinutes: 0, enabled: true, params: { reconcile: true } },
  { action: 'products.prices', cron: '30 3 * * *', everyMinutes: 0, enabled: true, params: { reconcile: true } },
  { action: 'customers.export', cron: '45 3 * * *', everyMinutes: 0, enabled: true, params: { reconcile: true } },
];
