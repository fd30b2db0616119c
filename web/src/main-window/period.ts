/**
 * The order import's period presets (the manual's "Période de transfert"), with the days they
 * cover shown in the dialog. The service computes the real range in the profile's time zone
 * (src/sync/orders/period.ts); the days here are the browser's, for reading only.
 */
export type PeriodChoice = 'sinceLast' | 'this-week' | 'today' | 'yesterday' | 'this-month' | 'last-month' | 'custom';
export const PERIOD_CHOICES: readonly PeriodChoice[] = ['this-week', 'today', 'yesterday', 'this-month', 'last-month', 'sinceLast', 'custom'];

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
