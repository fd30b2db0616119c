import { describe, expect, it } from 'vitest';
import { customRange, incrementalRange, periodRange, zoneOffsetMinutes } from '../../src/sync/orders/period.js';

const PARIS = 'Europe/Paris';

describe('import periods in the profile time zone (CMD-01)', () => {
  it.each([
    // now (UTC), period, from, to
    ['2026-07-08T10:00:00Z', 'today', '2026-07-07T22:00:00.000Z', '2026-07-08T21:59:59.000Z'],
    ['2026-07-07T23:30:00Z', 'today', '2026-07-07T22:00:00.000Z', '2026-07-08T21:59:59.000Z'], // already the 8th in Paris
    ['2026-07-08T10:00:00Z', 'yesterday', '2026-07-06T22:00:00.000Z', '2026-07-07T21:59:59.000Z'],
    // Wednesday 8 July 2026: the week runs Monday 6 to Sunday 12.
    ['2026-07-08T10:00:00Z', 'this-week', '2026-07-05T22:00:00.000Z', '2026-07-12T21:59:59.000Z'],
    // A Sunday belongs to the week that started on the Monday before.
    ['2026-07-12T12:00:00Z', 'this-week', '2026-07-05T22:00:00.000Z', '2026-07-12T21:59:59.000Z'],
    ['2026-07-08T10:00:00Z', 'this-month', '2026-06-30T22:00:00.000Z', '2026-07-31T21:59:59.000Z'],
    ['2026-07-08T10:00:00Z', 'last-month', '2026-05-31T22:00:00.000Z', '2026-06-30T21:59:59.000Z'],
    // Winter time (UTC+1) and the month of the clock change (29 March 2026).
    ['2026-01-15T10:00:00Z', 'this-month', '2025-12-31T23:00:00.000Z', '2026-01-31T22:59:59.000Z'],
    ['2026-03-15T10:00:00Z', 'this-month', '2026-02-28T23:00:00.000Z', '2026-03-31T21:59:59.000Z'],
    ['2026-01-05T10:00:00Z', 'last-month', '2025-11-30T23:00:00.000Z', '2025-12-31T22:59:59.000Z'],
  ] as const)('%s %s -> %s .. %s', (now, name, from, to) => {
    expect(periodRange(name, new Date(now), PARIS)).toEqual({ from, to });
  });

  it('offsets of Paris in summer and winter', () => {
    expect(zoneOffsetMinutes(new Date('2026-07-01T00:00:00Z'), PARIS)).toBe(120);
    expect(zoneOffsetMinutes(new Date('2026-01-01T00:00:00Z'), PARIS)).toBe(60);
    expect(zoneOffsetMinutes(new Date('2026-01-01T00:00:00Z'), 'UTC')).toBe(0);
  });

  it('custom ranges: whole local days, or instants; an inverted range is refused', () => {
    expect(customRange('2026-07-01', '2026-07-02', PARIS)).toEqual({ from: '2026-06-30T22:00:00.000Z', to: '2026-07-02T21:59:59.000Z' });
    expect(customRange('2026-07-01T08:00:00Z', '2026-07-01T09:00:00Z', PARIS)).toEqual({ from: '2026-07-01T08:00:00.000Z', to: '2026-07-01T09:00:00.000Z' });
    expect(() => customRange('2026-07-02', '2026-07-01', PARIS)).toThrow(/période vide/);
    expect(() => customRange('hier', '2026-07-01', PARIS)).toThrow(/date invalide « hier »/);
  });

  it('incremental runs start from the previous start minus the overlap', () => {
    const fallback = { from: 'a', to: 'b' };
    expect(incrementalRange(null, new Date('2026-07-08T10:00:00Z'), 10, fallback)).toBe(fallback);
    expect(incrementalRange('2026-07-08T09:00:00.000Z', new Date('2026-07-08T10:00:00Z'), 10, fallback))
      .toEqual({ from: '2026-07-08T08:50:00.000Z', to: '2026-07-08T10:00:00.000Z' });
  });
});
