/**
 * When tasks are due (PRF-10), table-driven: every N seconds / minutes (fixed steps from the epoch),
 * daily at a time, days of the week, cron, in the profile's time zone, DST days in Europe/Paris
 * included (a time that does not exist runs when the clock has jumped, a time that occurs twice
 * runs once). `previous` is what a service that was down missed.
 */
import { describe, expect, test } from 'vitest';
import { cronOf, describeSchedule, timingOf, type TaskSchedule } from '../../src/service/task-timing.js';
import { render } from '../../src/i18n/catalogue.js';

const none: TaskSchedule = { cron: '', everySeconds: 0, everyMinutes: 0, at: '', days: [] };
const s = (x: Partial<TaskSchedule>): TaskSchedule => ({ ...none, ...x });

describe('next run', () => {
  test.each<[string, TaskSchedule, string, string, string]>([
    ['every 30 s', s({ everySeconds: 30 }), 'Europe/Paris', '2026-06-01T10:00:10Z', '2026-06-01T10:00:30.000Z'],
    ['every 30 s, exactly on a slot: the next one', s({ everySeconds: 30 }), 'Europe/Paris', '2026-06-01T10:00:30Z', '2026-06-01T10:01:00.000Z'],
    ['every 5 min', s({ everyMinutes: 5 }), 'Europe/Paris', '2026-06-01T10:02:00Z', '2026-06-01T10:05:00.000Z'],
    ['every 7 min: steps from the epoch, not from the start', s({ everyMinutes: 7 }), 'UTC', '2026-06-01T10:00:00Z', '2026-06-01T10:03:00.000Z'],
    ['every 60 min over the spring DST jump (fixed steps)', s({ everyMinutes: 60 }), 'Europe/Paris', '2026-03-29T00:30:00Z', '2026-03-29T01:00:00.000Z'],
    ['daily at 03:15, summer (UTC+2)', s({ at: '03:15' }), 'Europe/Paris', '2026-06-01T00:00:00Z', '2026-06-01T01:15:00.000Z'],
    ['daily at 03:15, winter (UTC+1)', s({ at: '03:15' }), 'Europe/Paris', '2026-01-10T12:00:00Z', '2026-01-11T02:15:00.000Z'],
    ['daily at 09:00 in Asia/Kolkata (UTC+5:30)', s({ at: '09:00' }), 'Asia/Kolkata', '2026-06-01T04:00:00Z', '2026-06-02T03:30:00.000Z'],
    ['mon,fri at 08:00, asked on a Tuesday', s({ at: '08:00', days: ['mon', 'fri'] }), 'Europe/Paris', '2026-06-02T10:00:00Z', '2026-06-05T06:00:00.000Z'],
    ['sun at 23:30, asked on Sunday 23:45', s({ at: '23:30', days: ['sun'] }), 'Europe/Paris', '2026-06-07T21:45:00Z', '2026-06-14T21:30:00.000Z'],
    ['cron 0 6 * * 1-5 in New York, asked on a Saturday', s({ cron: '0 6 * * 1-5' }), 'America/New_York', '2026-06-06T12:00:00Z', '2026-06-08T10:00:00.000Z'],
    ['cron with seconds */20 * * * * *', s({ cron: '*/20 * * * * *' }), 'UTC', '2026-06-01T10:00:05Z', '2026-06-01T10:00:20.000Z'],
    ['DST spring day: 02:30 does not exist, runs when the clock has jumped (03:00 CEST)', s({ at: '02:30' }), 'Europe/Paris', '2026-03-28T12:00:00Z', '2026-03-29T01:00:00.000Z'],
    ['DST autumn day: 02:30 occurs twice, runs at the first', s({ at: '02:30' }), 'Europe/Paris', '2026-10-24T12:00:00Z', '2026-10-25T00:30:00.000Z'],
    ['DST autumn day: not again at the second 02:30', s({ at: '02:30' }), 'Europe/Paris', '2026-10-25T00:30:00Z', '2026-10-26T01:30:00.000Z'],
  ])('%s', (_name, schedule, tz, after, expected) => {
    expect(timingOf(schedule, tz).next(new Date(after))?.toISOString()).toBe(expected);
  });
});

describe('last slot at or before a moment (missed runs)', () => {
  test.each<[string, TaskSchedule, string, string, string | null]>([
    ['every 30 s', s({ everySeconds: 30 }), 'UTC', '2026-06-01T10:00:10Z', '2026-06-01T10:00:00.000Z'],
    ['every 30 s, on a slot: that slot', s({ everySeconds: 30 }), 'UTC', '2026-06-01T10:00:30Z', '2026-06-01T10:00:30.000Z'],
    ['cron 0 6 * * * in Paris', s({ cron: '0 6 * * *' }), 'Europe/Paris', '2026-06-01T05:00:00Z', '2026-06-01T04:00:00.000Z'],
    ['cron 0 6 * * * in Paris, on the slot: that slot', s({ cron: '0 6 * * *' }), 'Europe/Paris', '2026-06-01T04:00:00Z', '2026-06-01T04:00:00.000Z'],
    ['daily at 03:15, asked the next morning', s({ at: '03:15' }), 'Europe/Paris', '2026-01-11T08:00:00Z', '2026-01-11T02:15:00.000Z'],
    ['mon at 08:00, asked on Thursday', s({ at: '08:00', days: ['mon'] }), 'Europe/Paris', '2026-06-04T10:00:00Z', '2026-06-01T06:00:00.000Z'],
  ])('%s', (_name, schedule, tz, at, expected) => {
    expect(timingOf(schedule, tz).previous(new Date(at))?.toISOString() ?? null).toBe(expected);
  });
});

test('daily and weekly tasks stand for cron expressions; schedules in words', () => {
  expect(cronOf(s({ at: '03:15' }))).toBe('15 3 * * *');
  expect(cronOf(s({ at: '08:05', days: ['fri', 'mon', 'sun'] }))).toBe('5 8 * * 1,5,0');
  expect(cronOf(s({ everyMinutes: 5 }))).toBeNull();
  expect(render(describeSchedule(s({ everySeconds: 30 })), 'en')).toBe('every 30 s');
  expect(render(describeSchedule(s({ everyMinutes: 5 })), 'fr')).toBe('toutes les 5 min');
  expect(render(describeSchedule(s({ at: '03:15' })), 'fr')).toBe('chaque jour à 03:15');
  expect(render(describeSchedule(s({ at: '03:15', days: ['mon', 'tue'] })), 'en')).toBe('mon,tue at 03:15');
  expect(render(describeSchedule(s({ cron: '0 6 * * 1-5' })), 'en')).toBe('cron "0 6 * * 1-5"');
});
