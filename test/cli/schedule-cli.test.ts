/**
 * `passerelle schedule …` end to end (PRF-10), the built CLI on the demo profile: add (every,
 * at + days, cron, params, the nightly defaults), list with each task's next run in the profile's
 * time zone and its last run, disable / enable, run-now (journal on the terminal, exit code, the
 * run in the history tied to its task), remove; bad input named by task and field.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ScheduleTask } from '../../src/actions/default-tasks.js';
import { timingOf } from '../../src/service/task-timing.js';
import type { TaskView } from '../../src/service/scheduler.js';
import { scheduleStoreOf } from '../../src/state/schedule-store.js';
import type { RunRecord } from '../../src/state/state-store.js';
import { formatTimestamp } from '../../src/journal/journal.js';
import { jsonOf, requireBuild, runCli } from '../support/e2e-cli.js';
import { ActionEnv, removeSampleDb } from '../woocommerce/support-actions.js';

let env: ActionEnv;
const cli = (...args: string[]) => runCli(args, { dataDir: env.dir });

beforeAll(async () => {
  requireBuild();
  env = await ActionEnv.start();
});
afterAll(async () => {
  await env.close();
  removeSampleDb();
});

const tasks = () => env.app.profiles.load('demo').schedule.tasks;

describe('passerelle schedule', () => {
  let every: ScheduleTask;
  let weekly: ScheduleTask;

  test('add: every N minutes with params, days at a time (--json), the nightly defaults', async () => {
    const a = await cli('schedule', 'add', '--profile', 'demo', '--action', 'orders.import', '--every', '5m', '--param', 'period=week', '--param', 'updateStock=true');
    expect(a.code, a.stderr).toBe(0);
    every = tasks()[0]!;
    expect(every).toMatchObject({ action: 'orders.import', everyMinutes: 5, everySeconds: 0, cron: '', at: '', enabled: true, params: { period: 'week', updateStock: true } });
    expect(a.stdout).toBe(`Tâche ${every.id} ajoutée au profil demo : orders.import, toutes les 5 min\n`);

    const b = await cli('schedule', 'add', '--profile', 'demo', '--action', 'products.stocks', '--at', '03:15', '--days', 'mon,fri', '--json');
    expect(b.code, b.stderr).toBe(0);
    weekly = jsonOf<ScheduleTask[]>(b)[0]!;
    expect(weekly).toMatchObject({ action: 'products.stocks', at: '03:15', days: ['mon', 'fri'] });

    const c = await cli('schedule', 'add', '--profile', 'demo', '--defaults');
    expect(c.code, c.stderr).toBe(0);
    expect(tasks().slice(2).map((t) => [t.action, t.cron, t.params])).toEqual([
      ['products.stocks', '15 3 * * *', { reconcile: true }],
      ['products.prices', '30 3 * * *', { reconcile: true }],
      ['customers.export', '45 3 * * *', { reconcile: true }],
    ]);
    expect(new Set(tasks().map((t) => t.id)).size).toBe(5);

    const d = await cli('schedule', 'add', '--profile', 'demo', '--action', 'gescom.check', '--every', '30s');
    expect(d.code, d.stderr).toBe(0);
    expect(tasks()[5]).toMatchObject({ action: 'gescom.check', everySeconds: 30 });
  }, 60_000);

  test('bad input: one line naming the task and the field, nothing saved', async () => {
    const before = tasks().length;
    const late = await cli('schedule', 'add', '--profile', 'demo', '--action', 'orders.import', '--at', '25:00');
    expect(late.code).toBe(1);
    expect(late.stderr).toMatch(/^passerelle: .*schedule\.tasks\.[a-z0-9]+\.at : attendu : une heure HH:MM, ex\. "03:15", reçu "25:00"\n$/);
    const two = await cli('schedule', 'add', '--profile', 'demo', '--action', 'orders.import', '--every', '5m', '--cron', '0 6 * * *');
    expect(two.code).toBe(1);
    expect(two.stderr).toMatch(/tâche [a-z0-9]+ \(orders\.import\) : donnez une seule planification parmi cron, everySeconds, everyMinutes, at \(données : cron, everyMinutes\)/);
    const dur = await cli('schedule', 'add', '--profile', 'demo', '--action', 'orders.import', '--every', '5x');
    expect(dur.code).toBe(1);
    expect(dur.stderr).toContain('attendu : une durée comme 30s ou 5m, reçu « 5x »');
    const days = await cli('schedule', 'add', '--profile', 'demo', '--action', 'orders.import', '--at', '03:00', '--days', 'lundi');
    expect(days.code).toBe(1);
    expect(days.stderr).toContain('attendu : des jours parmi mon,tue,wed,thu,fri,sat,sun, reçu « lundi »');
    const none = await cli('schedule', 'add', '--profile', 'demo');
    expect(none.code).toBe(1);
    expect(tasks().length).toBe(before);
  }, 60_000);

  test('list: next run in the profile\'s time zone, last run; disable and enable', async () => {
    const listed = await cli('schedule', 'list', '--profile', 'demo');
    expect(listed.code, listed.stderr).toBe(0);
    const lines = listed.stdout.trim().split('\n');
    expect(lines).toHaveLength(6);
    const weeklyLine = lines.find((l) => l.startsWith(weekly.id))!;
    const next = timingOf(weekly, 'Europe/Paris').next(new Date())!;
    expect(weeklyLine).toBe(`${weekly.id}  active  products.stocks  mon,fri à 03:15  prochaine : ${formatTimestamp(next, 'Europe/Paris')} (Europe/Paris)  dernière : jamais`);
    expect(lines.find((l) => l.startsWith(every.id))).toMatch(/orders\.import \{"period":"week","updateStock":true\}  toutes les 5 min  prochaine : \d{4}-\d\d-\d\d \d\d:\d[05]:00 \(Europe\/Paris\)/);

    expect((await cli('schedule', 'disable', weekly.id, '--profile', 'demo')).stdout).toBe(`Tâche ${weekly.id} du profil demo désactivée\n`);
    const json = jsonOf<{ tasks: TaskView[] }>(await cli('schedule', 'list', '--profile', 'demo', '--json'));
    expect(json.tasks.find((t) => t.id === weekly.id)).toMatchObject({ enabled: false, next: null });
    expect((await cli('schedule', 'list', '--profile', 'demo')).stdout).toContain(`${weekly.id}  inactive  products.stocks  mon,fri à 03:15  prochaine : -`);
    expect((await cli('schedule', 'enable', weekly.id, '--profile', 'demo')).code).toBe(0);
    expect(tasks().find((t) => t.id === weekly.id)!.enabled).toBe(true);
  }, 60_000);

  test('run-now: the journal on the terminal, exit 0, the run in the history tied to its task, shown by list', async () => {
    const check = tasks().find((t) => t.action === 'gescom.check')!;
    const r = await cli('schedule', 'run-now', check.id, '--profile', 'demo');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Début de la vérification de la gestion commerciale|Début de/);
    const runs = jsonOf<RunRecord[]>(await cli('runs', '--json', '--profile', 'demo'));
    expect(runs[0]).toMatchObject({ action: 'gescom.check', status: 'succeeded' });
    expect(scheduleStoreOf(env.app.state.db).triggerOf(runs[0]!.id)).toMatchObject({ trigger: 'cli', taskId: check.id });
    const line = (await cli('schedule', 'list', '--profile', 'demo')).stdout.split('\n').find((l) => l.startsWith(check.id))!;
    expect(line).toMatch(new RegExp(`dernière : #${runs[0]!.id} \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d réussie$`));

    const unknown = await cli('schedule', 'run-now', 'zzzz', '--profile', 'demo');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/tâche zzzz inconnue dans le profil demo \(tâches : [a-z0-9, ]+\)/);
  }, 60_000);

  test('remove: the task leaves the profile', async () => {
    const r = await cli('schedule', 'remove', every.id, '--profile', 'demo');
    expect(r.stdout).toBe(`Tâche ${every.id} retirée du profil demo\n`);
    expect(tasks().map((t) => t.id)).not.toContain(every.id);
    expect((await cli('schedule', 'remove', every.id, '--profile', 'demo')).code).toBe(1);
  }, 60_000);

  test('--id names the task (for scripts); an id already taken is refused', async () => {
    const a = await cli('schedule', 'add', '--profile', 'demo', '--id', 'nightly', '--action', 'orders.import', '--at', '02:00');
    expect(a.stdout).toBe('Tâche nightly ajoutée au profil demo : orders.import, chaque jour à 02:00\n');
    const again = await cli('schedule', 'add', '--profile', 'demo', '--id', 'nightly', '--action', 'orders.status', '--every', '10m');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('schedule.tasks.nightly.id : une autre tâche du profil a déjà l\'identifiant nightly');
    expect(tasks().filter((t) => t.id === 'nightly').map((t) => t.action)).toEqual(['orders.import']);
    expect((await cli('schedule', 'disable', 'nightly', '--profile', 'demo')).code).toBe(0);
  }, 60_000);
});
