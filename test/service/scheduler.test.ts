/**
 * The scheduler in process (PRF-10), against the demo profile on the WooCommerce simulator: a task
 * runs on its schedule and lands in the history with its trigger and task; runs of one profile
 * never overlap (read from the run records' start and end); two profiles run side by side; a task
 * missed while the service was down runs once, not once per slot; a task a CLI run keeps waiting
 * (another process's lock) runs once the lock is free; changes made by other processes are seen.
 * Durations are printed, never asserted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { alerts, type Alert } from '../../src/app/alerts.js';
import { addTasks, setTaskEnabled } from '../../src/app/schedule-tasks.js';
import { render } from '../../src/i18n/catalogue.js';
import { Scheduler } from '../../src/service/scheduler.js';
import { scheduleStoreOf } from '../../src/state/schedule-store.js';
import type { RunRecord } from '../../src/state/state-store.js';
import { ActionEnv, removeSampleDb } from '../woocommerce/support-actions.js';
import { until } from '../support/until.js';

let env: ActionEnv;
let scheduler: Scheduler | null = null;
const notices: string[] = [];

beforeEach(async () => {
  env = await ActionEnv.start();
  notices.length = 0;
});
afterEach(async () => {
  scheduler?.stop();
  await env.app.queue.idle();
  scheduler = null;
  await env.close();
});
afterAll(removeSampleDb);

function startScheduler(): Scheduler {
  scheduler = new Scheduler(env.app, { reloadMs: 100, log: (l) => notices.push(l) });
  scheduler.start();
  return scheduler;
}

const store = () => scheduleStoreOf(env.app.state.db);
const runsOf = (profile: string, taskId: string): RunRecord[] =>
  store().runsOfTask(profile, taskId).map((id) => env.app.state.run(id)!).reverse();
const finished = (runs: RunRecord[]) => runs.filter((r) => r.status !== 'running');

/** Stops the scheduler and waits for what it dispatched. */
async function stopAndSettle(): Promise<void> {
  scheduler!.stop();
  await scheduler!.settled();
  await env.app.queue.idle();
}

describe('scheduled runs', () => {
  test('a task every second runs on its own and lands in the history with its trigger and its task', async () => {
    const [task] = addTasks(env.app, 'demo', [{ action: 'gescom.check', everySeconds: 1 }]);
    const t0 = Date.now();
    startScheduler();
    await until('two runs of the task', () => finished(runsOf('demo', task!.id)).length >= 2);
    await stopAndSettle();
    console.log(`two scheduled runs in ${Date.now() - t0} ms`);
    const runs = finished(runsOf('demo', task!.id));
    for (const r of runs) {
      expect(r).toMatchObject({ profile: 'demo', action: 'gescom.check', status: 'succeeded' });
      expect(r.counts.settings?.unchanged).toBeGreaterThan(0);
      expect(store().triggerOf(r.id)).toEqual({ runId: r.id, profile: 'demo', trigger: 'schedule', taskId: task!.id });
    }
    // Each run its own slot: the second started after the first ended (one profile, one run at a time).
    expect(Date.parse(runs[1]!.startedAt)).toBeGreaterThanOrEqual(Date.parse(runs[0]!.endedAt!));
    // The history everyone reads holds them.
    expect(env.app.state.runs('demo').map((r) => r.id)).toEqual(expect.arrayContaining(runs.map((r) => r.id)));
  }, 60_000);

  test('two tasks of one profile never overlap: each run starts after the previous one ended', async () => {
    env.sim.setLatency(150);
    const tasks = addTasks(env.app, 'demo', [
      { action: 'shop.check', everySeconds: 1 },
      { action: 'gescom.check', everySeconds: 1 },
    ]);
    startScheduler();
    await until('three runs of each task', () => tasks.every((t) => finished(runsOf('demo', t.id)).length >= 3));
    await stopAndSettle();
    const runs = tasks.flatMap((t) => finished(runsOf('demo', t.id))).sort((a, b) => a.id - b.id);
    const spans = runs.map((r) => [Date.parse(r.startedAt), Date.parse(r.endedAt!)] as const);
    console.log('runs of one profile (ms from the first):', spans.map(([s, e]) => `${s - spans[0]![0]}-${e - spans[0]![0]}`).join(' '));
    for (let i = 1; i < spans.length; i++) expect(spans[i]![0]).toBeGreaterThanOrEqual(spans[i - 1]![1]);
    expect(new Set(runs.map((r) => r.action))).toEqual(new Set(['shop.check', 'gescom.check']));
  }, 90_000);

  test('two profiles run side by side', async () => {
    // Slow shop answers: each check lasts long enough for the other profile's to start meanwhile.
    env.sim.setLatency(400);
    env.app.profiles.duplicate('demo', 'demo2');
    const [a] = addTasks(env.app, 'demo', [{ action: 'shop.check', everySeconds: 2 }]);
    const [b] = addTasks(env.app, 'demo2', [{ action: 'shop.check', everySeconds: 2 }]);
    startScheduler();
    await until('a run of each profile', () => finished(runsOf('demo', a!.id)).length >= 1 && finished(runsOf('demo2', b!.id)).length >= 1);
    await stopAndSettle();
    const ra = finished(runsOf('demo', a!.id))[0]!;
    const rb = finished(runsOf('demo2', b!.id))[0]!;
    console.log(`demo ${ra.startedAt} -> ${ra.endedAt}, demo2 ${rb.startedAt} -> ${rb.endedAt}`);
    expect([ra.status, rb.status]).toEqual(['succeeded', 'succeeded']);
    // Both slots were the same second: the runs overlap in time (neither waited for the other).
    expect(Date.parse(ra.startedAt)).toBeLessThan(Date.parse(rb.endedAt!));
    expect(Date.parse(rb.startedAt)).toBeLessThan(Date.parse(ra.endedAt!));
  }, 60_000);
});

describe('missed runs and waiting', () => {
  test('a task missed over several slots while the service was down runs once at start; a new task does not catch up', async () => {
    const [daily, fresh, upToDate] = addTasks(env.app, 'demo', [
      // Every day at 00:00 UTC: three days down = three missed slots.
      { action: 'gescom.check', everyMinutes: 1440 },
      { action: 'gescom.check', everyMinutes: 1440 },
      { action: 'gescom.check', everyMinutes: 1440 },
    ]);
    const day = 86_400_000;
    store().setLastSlot('demo', daily!.id, new Date(Math.floor(Date.now() / day) * day - 3 * day));
    store().forgetTask('demo', fresh!.id);
    store().setLastSlot('demo', upToDate!.id, new Date());
    const s = new Scheduler(env.app, { reloadMs: 100, log: (l) => notices.push(l) });
    scheduler = s;
    const started = s.start();
    await s.settled();
    expect(started.caughtUp).toBe(1);
    const runs = runsOf('demo', daily!.id);
    expect(runs.map((r) => [r.action, r.status])).toEqual([['gescom.check', 'succeeded']]);
    expect(runsOf('demo', fresh!.id)).toEqual([]);
    expect(runsOf('demo', upToDate!.id)).toEqual([]);
    expect(notices.some((n) => n.includes(daily!.id) && /manquée|missed/.test(n))).toBe(true);
    // The slot it ran for is recorded: a second start catches nothing up.
    s.stop();
    const again = new Scheduler(env.app, { reloadMs: 100 });
    scheduler = again;
    expect(again.start().caughtUp).toBe(0);
  }, 60_000);

  test('a profile unreadable when the service starts catches its missed task up once it reads again', async () => {
    const [daily] = addTasks(env.app, 'demo', [{ action: 'gescom.check', everyMinutes: 1440 }]);
    const day = 86_400_000;
    store().setLastSlot('demo', daily!.id, new Date(Math.floor(Date.now() / day) * day - 2 * day));
    const file = path.join(env.app.dir.profilesDir, 'demo.json');
    const good = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, '{ "name": "demo", ');
    const s = new Scheduler(env.app, { reloadMs: 100, log: (l) => notices.push(l) });
    scheduler = s;
    expect(s.start().caughtUp).toBe(0);
    fs.writeFileSync(file, good);
    await until('the missed run', () => finished(runsOf('demo', daily!.id)).length >= 1);
    await s.settled();
    expect(runsOf('demo', daily!.id)).toHaveLength(1);
  }, 60_000);

  test('a task due while another process holds the profile\'s lock waits and runs once it is free', async () => {
    env.app.queue.lockRetryMs = 100;
    // Another process's run: a lock row with a live pid of another process (this test's parent).
    const otherRun = env.app.state.db.prepare("INSERT INTO runs (profile, action, params, status, started_at, pid, host) VALUES ('demo', 'orders.import', '{}', 'running', ?, ?, ?)")
      .run(new Date().toISOString(), process.ppid, (await import('node:os')).hostname()).lastInsertRowid;
    env.app.state.db.prepare('INSERT INTO run_locks (profile, run_id, pid, host, acquired_at) VALUES (?, ?, ?, ?, ?)')
      .run('demo', otherRun, process.ppid, (await import('node:os')).hostname(), new Date().toISOString());
    const [task] = addTasks(env.app, 'demo', [{ action: 'gescom.check', everySeconds: 1 }]);
    startScheduler();
    await until('the task to wait for the lock', () => env.app.queue.stats().waitingForLock > 0);
    expect(runsOf('demo', task!.id)).toEqual([]);
    env.app.state.finishRun(Number(otherRun), 'succeeded');
    await until('the task to run', () => finished(runsOf('demo', task!.id)).length >= 1);
    await stopAndSettle();
    expect(finished(runsOf('demo', task!.id))[0]!.status).toBe('succeeded');
  }, 60_000);

  test('a task disabled by another process stops running; the profile\'s schedule.enabled turns them all off', async () => {
    const [task] = addTasks(env.app, 'demo', [{ action: 'gescom.check', everySeconds: 1 }]);
    const s = startScheduler();
    await until('a run', () => finished(runsOf('demo', task!.id)).length >= 1);
    setTaskEnabled(env.app, 'demo', task!.id, false);
    await until('the scheduler to drop the task', () => s.health().tasks === 0);
    await s.settled();
    const count = runsOf('demo', task!.id).length;
    setTaskEnabled(env.app, 'demo', task!.id, true);
    await until('the task back', () => s.health().tasks === 1);
    expect(s.health().profiles.find((p) => p.profile === 'demo')!.next).toEqual([
      { task: task!.id, action: 'gescom.check', at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) },
    ]);
    env.editProfile((p) => ({ ...p, schedule: { ...p.schedule, enabled: false } }));
    await until('the profile\'s tasks off', () => s.health().tasks === 0);
    await s.settled();
    const afterOff = runsOf('demo', task!.id).length;
    expect(afterOff).toBeGreaterThanOrEqual(count);
    expect(s.health().profiles.find((p) => p.profile === 'demo')).toMatchObject({ enabled: false, next: [] });
  }, 60_000);

  test('a task its profile cannot run (no shop) is not started: a notice and an alert, the other tasks go on', async () => {
    env.app.profiles.duplicate('demo', 'noshop');
    env.app.profiles.save({ ...env.app.profiles.load('noshop'), shop: { ...env.app.profiles.load('noshop').shop, kind: 'none' } });
    const [bad] = addTasks(env.app, 'noshop', [{ action: 'products.export', everySeconds: 1 }]);
    const [good] = addTasks(env.app, 'demo', [{ action: 'gescom.check', everySeconds: 1 }]);
    const heard: Alert[] = [];
    const listen = (a: Alert) => heard.push(a);
    alerts.on('alert', listen);
    try {
      startScheduler();
      await until('the alert and a run of the other task', () => heard.length > 0 && finished(runsOf('demo', good!.id)).length >= 1);
      await stopAndSettle();
    } finally {
      alerts.off('alert', listen);
    }
    expect(heard[0]).toMatchObject({ profile: 'noshop', code: 'schedule.notStarted' });
    expect(render(heard[0]!.text, 'en')).toMatch(new RegExp(`^Task ${bad!.id} \\(products\\.export\\) of profile noshop not started: .*noshop`));
    expect(notices.some((n) => n.includes(bad!.id))).toBe(true);
    expect(runsOf('noshop', bad!.id)).toEqual([]);
    expect(env.app.state.runs('noshop')).toEqual([]);
  }, 60_000);
});
