/**
 * CMD-01: the import period as an instant range (UTC), computed in the profile's
 * time zone: "this week" runs Monday 00:00 to Sunday 23:59:59 there, "this month"
 * from the 1st. Incremental runs start from the previous run's start minus a safety
 * overlap, so that an order created while the previous run was reading is not missed.
 */
import { PasserelleError } from '../../errors.js';
import { msg } from '../../i18n/catalogue.js';
export type PeriodName = 'today' | 'yesterday' | 'this-week' | 'this-month' | 'last-month';

export interface Range {
  from: string;
  to: string;
}

/** Offset of `timezone` from UTC at `at`, in minutes (Europe/Paris in July: +120). */
export function zoneOffsetMinutes(at: Date, timezone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return Math.round((asUtc - Math.floor(at.getTime() / 1000) * 1000) / 60000);
}

/** The UTC instant of local midnight of (y, m, d) in the zone (DST-safe: offset read at that day). */
function localMidnight(y: number, m: number, d: number, timezone: string): Date {
  const guess = new Date(Date.UTC(y, m, d));
  const offset = zoneOffsetMinutes(guess, timezone);
  const first = new Date(guess.getTime() - offset * 60000);
  // Re-read the offset at the found instant (the day a clock changes).
  return new Date(guess.getTime() - zoneOffsetMinutes(first, timezone) * 60000);
}

function localDate(at: Date, timezone: string): { y: number; m: number; d: number; weekday: number } {
  const local = new Date(at.getTime() + zoneOffsetMinutes(at, timezone) * 60000);
  return { y: local.getUTCFullYear(), m: local.getUTCMonth(), d: local.getUTCDate(), weekday: (local.getUTCDay() + 6) % 7 };
}

export function periodRange(name: PeriodName, now: Date, timezone: string): Range {
  const { y, m, d, weekday } = localDate(now, timezone);
  const end = (start: Date, next: Date) => ({ from: start.toISOString(), to: new Date(next.getTime() - 1000).toISOString() });
  switch (name) {
    case 'today':
      return end(localMidnight(y, m, d, timezone), localMidnight(y, m, d + 1, timezone));
    case 'yesterday':
      return end(localMidnight(y, m, d - 1, timezone), localMidnight(y, m, d, timezone));
    case 'this-week':
      return end(localMidnight(y, m, d - weekday, timezone), localMidnight(y, m, d - weekday + 7, timezone));
    case 'this-month':
      return end(localMidnight(y, m, 1, timezone), localMidnight(y, m + 1, 1, timezone));
    case 'last-month':
      return end(localMidnight(y, m - 1, 1, timezone), localMidnight(y, m, 1, timezone));
  }
}

/** --from / --to given as dates (local days, whole days) or instants. */
export function customRange(from: string, to: string, timezone: string): Range {
  const parse = (v: string, endOfDay: boolean): Date => {
    const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v.trim());
    if (day) {
      const start = localMidnight(Number(day[1]), Number(day[2]) - 1, Number(day[3]) + (endOfDay ? 1 : 0), timezone);
      return endOfDay ? new Date(start.getTime() - 1000) : start;
    }
    const d = new Date(v);
    if (Number.isNaN(d.getTime())) throw new PasserelleError(msg('mapping.periodDate', { value: v }));
    return d;
  };
  const range = { from: parse(from, false).toISOString(), to: parse(to, true).toISOString() };
  if (range.from > range.to) throw new PasserelleError(msg('mapping.emptyPeriod', { from, to }));
  return range;
}

/** Incremental window: from the previous run's start minus the overlap, to now. */
export function incrementalRange(previousStart: string | null, now: Date, overlapMinutes: number, fallback: Range): Range {
  if (!previousStart) return fallback;
  return { from: new Date(new Date(previousStart).getTime() - overlapMinutes * 60000).toISOString(), to: now.toISOString() };
}
