/**
 * The order periods (the manual's "Période de transfert"), one list and one set of labels for the
 * main window's import dialog and the orders view, with the days a preset covers. The service
 * computes the real range in the profile's time zone (src/sync/orders/period.ts); the days here
 * are the browser's, for reading only.
 */
import type { ApiOrdersPeriod } from '../../../src/service/api-types-orders.ts';
import type { TextKey } from '../i18n/index.ts';

/** A preset the service knows, the incremental import ("since the last one"), or chosen days. */
export type PeriodChoice = ApiOrdersPeriod | 'sinceLast' | 'custom';
export const PERIOD_PRESETS: readonly ApiOrdersPeriod[] = ['this-week', 'today', 'yesterday', 'this-month', 'last-month'];

/** The choices in the order shown; `sinceLast` only where an import runs (not to list orders). */
export function periodChoices(withSinceLast: boolean): PeriodChoice[] {
  return [...PERIOD_PRESETS, ...(withSinceLast ? (['sinceLast'] as const) : []), 'custom'];
}

export const PERIOD_LABEL: Record<PeriodChoice, TextKey> = {
  'this-week': 'common.periodThisWeek', today: 'common.periodToday', yesterday: 'common.periodYesterday',
  'this-month': 'common.periodThisMonth', 'last-month': 'common.periodLastMonth', sinceLast: 'common.periodSinceLast',
  custom: 'common.periodCustom',
};

/** YYYY-MM-DD of an instant in a time zone (the value of a date input). */
export function isoDayIn(iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/** YYYY-MM-DD of a local date. */
export function isoDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The first and last day a preset covers, today being `now`; null for the incremental import. */
export function presetDays(choice: Exclude<PeriodChoice, 'custom'>, now = new Date()): { from: string; to: string } | null {
  const day = (y: number, m: number, d: number) => isoDay(new Date(y, m, d));
  const y = now.getFullYear();
  const m = now.getMonth();
  const d = now.getDate();
  switch (choice) {
    case 'today': return { from: day(y, m, d), to: day(y, m, d) };
    case 'yesterday': return { from: day(y, m, d - 1), to: day(y, m, d - 1) };
    case 'this-week': {
      // Monday to Sunday, as the manual's "Cette semaine (Lundi-Dimanche)".
      const monday = d - ((now.getDay() + 6) % 7);
      return { from: day(y, m, monday), to: day(y, m, monday + 6) };
    }
    case 'this-month': return { from: day(y, m, 1), to: day(y, m + 1, 0) };
    case 'last-month': return { from: day(y, m - 1, 1), to: day(y, m, 0) };
    case 'sinceLast': return null;
  }
}

/** The run parameters of a period choice (`period`, or `from` and `to`; none: since the last import). */
export function periodParams(choice: PeriodChoice, custom: { from: string; to: string }): Record<string, string> {
  if (choice === 'sinceLast') return {};
  if (choice === 'custom') return { ...(custom.from ? { from: custom.from } : {}), ...(custom.to ? { to: custom.to } : {}) };
  return { period: choice };
}
