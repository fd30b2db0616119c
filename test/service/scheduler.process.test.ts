/**
 * The scheduler with real processes (PRF-10), on the WooCommerce simulator made slow:
 * - SIGTERM to `passerelle serve` during a scheduled run: the run finishes the item in progress,
 *   is recorded interrupted with the reason and a journal line, nothing is left half done (every
 *   product and category the shop holds has its binding), and the service exits 0;
 * - a process killed (SIGKILL) during a task's run: the next start records it interrupted, and the
 *   task stays on its schedule;
 * - a lock left under this process's own pid by an earlier process (a container restarted as pid 1)
 *   is not taken for a live run.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { addTasks } from '../../src/app/schedule-tasks.js';
import { journalFile } from '../../src/journal/journal.js';
import { Scheduler, taskView } from '../../src/service/scheduler.js';
import { scheduleStoreOf } from '../../src/state/schedule-store.js';
import { CATEGORY_KIND } from '../../src/sync/engine/category-sync.js';
import { PRODUCT_KIND } from '../../src/sync/engine/product-sync.js';
import { CLI, childEnv, requireBuild, ROOT, startService } from '../support/e2e-cli.js';
import { ActionEnv, removeSampleDb } from '../woocommerce/support-actions.js';
import { until } from '../support/until.js';

let env: ActionEnv;
// A demo profile on its own slow simulator per test; the CLI as built.
beforeEach(async () => {
  requireBuild();
  env = await ActionEnv.start();
});
afterEach(() => env.close());
afterAll(removeSampleDb);

const journal = () => (fs.existsSync(journalFile(env.app.dir.journalsDir, 'demo'))
  ? fs.readFileSync(journalFile(env.app.dir.journalsDir, 'demo'), 'utf8').split('\n').filter(Boolean) : []);
const store = () => scheduleStoreOf(env.app.state.db);
const locks = () => env.app.state.db.prepare('SELECT * FROM run_locks').all();

describe('stopping the service', () => {
  test('SIGTERM during a scheduled run: the current item finishes, the run is recorded interrupted, exit 0', async () => {
    // Every shop answer takes 700 ms: the run is inside a request when the signal comes.
    env.sim.setLatency(700);
    const [task] = addTasks(env.app, 'demo', [{ action: 'products.export', everySeconds: 2 }]);
    const service = await startService(process.execPath, [CLI, 'serve', '--port', '0'], {
      cwd: ROOT, env: childEnv({ PASSERELLE_DATA_DIR: env.dir }), timeoutMs: 30_000,
    });
    try {
      await until('the scheduled run to reach the shop', () => store().runsOfTask('demo', task!.id).length > 0 && env.sim.stats.requests > 2);
      const health = (await (await fetch(`${service.url}/api/health`)).json()) as { scheduler: { running: boolean; tasks: number; queue: { running: number } } };
      expect(health.scheduler).toMatchObject({ running: true, tasks: 1, queue: { running: 1 } });

      const sentAt = Date.now();
      const ended = await service.stop(60_000);
      console.log(`service stopped ${Date.now() - sentAt} ms after SIGTERM`);
      expect(ended, service.output()).toEqual({ code: 0, signal: null });

      const runId = store().runsOfTask('demo', task!.id)[0]!;
      const run = env.app.state.run(runId)!;
      expect(run).toMatchObject({ action: 'products.export', status: 'interrupted', message: 'Exécution interrompue : arrêt demandé (SIGTERM)' });
      expect(store().triggerOf(runId)).toMatchObject({ trigger: 'schedule', taskId: task!.id });
      expect(locks()).toEqual([]);
      // Nothing half done: what the shop holds is what the run recorded.
      const products = await env.products();
      const categories = await env.categories();
      expect(products.length).toBe(env.app.state.bindings('demo', PRODUCT_KIND).size);
      expect(categories.filter((c) => c.slug !== 'uncategorized').length).toBe(env.app.state.bindings('demo', CATEGORY_KIND).size);
      const done = Object.values(run.counts).reduce((n, c) => n + c.created + c.updated + c.unchanged + c.skipped + c.failed, 0);
      expect(done).toBeGreaterThan(0);
      // The stop is in the journal: asked, then the run's end with its reason, then its summary.
      const lines = journal();
      const asked = lines.findIndex((l) => / --> Arrêt demandé \(SIGTERM\) : fin de l'élément en cours, puis arrêt \(au plus 30 s\)$/.test(l));
      const stopped = lines.findIndex((l) => l.endsWith('--> Exécution interrompue : arrêt demandé (SIGTERM)'));
      console.log(lines.slice(Math.max(0, asked - 3)).join('\n'));
      expect(asked, lines.join('\n')).toBeGreaterThan(0);
      expect(stopped).toBeGreaterThan(asked);
      // Then only the run's summary: nothing from the action after its stop.
      expect(lines.slice(stopped + 1).every((l) => / --> Résumé | - Fin de l'export des articles en /.test(l)), lines.slice(stopped).join('\n')).toBe(true);
      expect(service.output()).toContain('Arrêt demandé (SIGTERM) : les exécutions en cours finissent leur élément en cours');
    } finally {
      await service.stop();
    }
  }, 120_000);
});

describe('runs that died with their process', () => {
  test('a task\'s run killed (SIGKILL) is recorded interrupted at the next start; the task stays on its schedule', async () => {
    env.sim.setLatency(1000);
    const [task] = addTasks(env.app, 'demo', [{ action: 'products.export', at: '03:15' }]);
    const child = spawn(process.execPath, [CLI, 'schedule', 'run-now', task!.id, '--profile', 'demo'], {
      cwd: ROOT, env: childEnv({ PASSERELLE_DATA_DIR: env.dir }), stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    const exit = new Promise((resolve) => child.on('exit', resolve));
    await until('the run to reach the shop', () => store().runsOfTask('demo', task!.id).length > 0 && env.sim.stats.requests > 0);
    child.kill('SIGKILL');
    await exit;
    const runId = store().runsOfTask('demo', task!.id)[0]!;
    expect(env.app.state.run(runId)!.status, out).toBe('running');
    expect(locks()).toHaveLength(1);

    const scheduler = new Scheduler(env.app);
    try {
      const started = scheduler.start();
      expect(started).toMatchObject({ reaped: 1, caughtUp: 0, tasks: 1 });
      expect(env.app.state.run(runId)).toMatchObject({ status: 'interrupted', message: 'run.processEnded' });
      expect(locks()).toEqual([]);
      const view = taskView(env.app, store(), env.app.profiles.load('demo'), task!, new Date());
      expect(view.lastRun).toMatchObject({ id: runId, status: 'interrupted', trigger: 'cli' });
      // Again on schedule: its next 03:15 in Paris, nothing run now.
      expect(view.nextLocal).toMatch(/ 03:15:00$/);
      expect(scheduler.health().profiles[0]!.next).toEqual([{ task: task!.id, action: 'products.export', at: view.next }]);
      expect(env.app.queue.stats()).toMatchObject({ queued: 0, running: 0 });
    } finally {
      scheduler.stop();
    }
  }, 60_000);

  test('a lock under this very pid left by an earlier process is a dead run, not a live one', () => {
    const host = os.hostname();
    const id = Number(env.app.state.db.prepare("INSERT INTO runs (profile, action, params, status, started_at, pid, host) VALUES ('demo', 'orders.import', '{}', 'running', ?, ?, ?)")
      .run(new Date().toISOString(), process.pid, host).lastInsertRowid);
    env.app.state.db.prepare('INSERT INTO run_locks (profile, run_id, pid, host, acquired_at) VALUES (?, ?, ?, ?, ?)').run('demo', id, process.pid, host, new Date().toISOString());
    expect(env.app.state.reapDeadRuns()).toBe(1);
    expect(env.app.state.run(id)).toMatchObject({ status: 'interrupted', message: 'run.processEnded' });
    // A run this process started is alive: a second one on the profile is refused.
    const mine = env.app.state.startRun('demo', 'gescom.check');
    expect(env.app.state.reapDeadRuns()).toBe(0);
    expect(() => env.app.state.startRun('demo', 'gescom.check')).toThrow(/demo/);
    env.app.state.finishRun(mine, 'succeeded');
  });
});
