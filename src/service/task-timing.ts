/**
 * When a scheduled task is due (PRF-10), in its profile's time zone: the slot after a moment (its
 * next run) and the last slot at or before a moment (what a service that was down missed). Cron
 * expressions, daily times and days of the week are read by croner (time zones and DST included);
 * every N seconds or minutes is a fixed step counted from the Unix epoch, so that its slots do not
 * depend on when the service started (every 15 minutes = :00, :15, :30, :45 in whole-hour zones).
 */
import { Cron } from 'croner';
import type { ScheduleTask } from '../actions/default-tasks.js';
import { msg, type Text } from '../i18n/catalogue.js';
import { WEEKDAYS, type Weekday } from '../profile/schema.js';

export type TaskSchedule = Pick<ScheduleTask, 'cron' | 'everySeconds' | 'everyMinutes' | 'at' | 'days'>;

export interface TaskTiming {
  /** The first slot strictly after `after`; null when there is none (a cron for 30 February). */
  next(after: Date): Date | null;
  /** The last slot at or before `at`, or null. */
  previous(at: Date): Date | null;
}

/** Cron's day numbers (0 = Sunday). */
const CRON_DAY: Record<Weekday, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

/** The cron expression a daily or weekly task stands for, or its own. */
export function cronOf(s: TaskSchedule): string | null {
  if (s.cron) return s.cron.trim();
  if (!s.at) return null;
  const [h, m] = s.at.split(':').map(Number);
  const days = s.days.length ? [...new Set(s.days)].sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b)).map((d) => CRON_DAY[d]).join(',') : '*';
  return `${m} ${h} * * ${days}`;
}

/** The step of an interval task in milliseconds, or 0. */
export function stepMsOf(s: TaskSchedule): number {
  return s.everySeconds > 0 ? s.everySeconds * 1000 : s.everyMinutes * 60_000;
}

export function timingOf(s: TaskSchedule, timezone: string): TaskTiming {
  const step = stepMsOf(s);
  if (step > 0) {
    return {
      next: (after) => new Date((Math.floor(after.getTime() / step) + 1) * step),
      previous: (at) => new Date(Math.floor(at.getTime() / step) * step),
    };
  }
  const pattern = cronOf(s);
  if (!pattern) return { next: () => null, previous: () => null };
  // No callback: croner only computes, it starts no timer for this object.
  const cron = new Cron(pattern, { timezone });
  return {
    next: (after) => cron.nextRun(after),
    previous: (at) => cron.previousRuns(1, new Date(at.getTime() + 1))[0] ?? null,
  };
}

/** The schedule in words ("every 30 s", "daily at 03:15"…), in the reader's language when rendered. */
export function describeSchedule(s: TaskSchedule): Text {
  if (s.everySeconds > 0) return msg('schedule.every.seconds', { n: s.everySeconds });
  if (s.everyMinutes > 0) return msg('schedule.every.minutes', { n: s.everyMinutes });
  if (s.cron) return msg('schedule.cron', { cron: s.cron });
  if (s.days.length) return msg('schedule.daysAt', { days: s.days.join(','), at: s.at });
  return msg('schedule.dailyAt', { at: s.at });
}
