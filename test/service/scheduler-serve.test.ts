/**
 * `passerelle serve` driven in process through openService (no signals): the scheduler starts
 * after listen, PASSERELLE_MAX_RUNS sets the global limit, and stop() ends a scheduled run at its
 * next item (recorded interrupted with the reason), drops the run queued behind it without
 * starting it, and closes the server.
 */
import { afterAll, afterEach, beforeEach, expect, test } from 'vitest';
import { addTasks } from '../../src/app/schedule-tasks.js';
import { openService } from '../../src/cli/serve.js';
import { scheduleStoreOf } from '../../src/state/schedule-store.js';
import { StateStore } from '../../src/state/state-store.js';
import { until } from '../support/until.js';
import { ActionEnv, removeSampleDb } from '../woocommerce/support-actions.js';

let env: ActionEnv;
beforeEach(async () => {
  env = await ActionEnv.start();
});
afterEach(async () => {
  delete process.env.PASSERELLE_MAX_RUNS;
  await env.close();
});
afterAll(removeSampleDb);

test('stop(): the running task ends at its next item, the queued one never starts, the server closes', async () => {
  process.env.PASSERELLE_MAX_RUNS = '3';
  env.sim.setLatency(500);
  const [exporting] = addTasks(env.app, 'demo', [{ action: 'products.export', everySeconds: 2 }]);
  const service = await openService(env.app, { port: '0', host: '127.0.0.1', reloadMs: 100 });
  const store = scheduleStoreOf(env.app.state.db);
  await until('the export to run', () => store.runsOfTask('demo', exporting!.id).length > 0 && env.sim.stats.requests > 0);
  // Added once the export runs, so that it is due while its profile is busy, whatever order two jobs fire in.
  const [queued] = addTasks(env.app, 'demo', [{ action: 'shop.check', everySeconds: 1 }]);
  await until('the check queued behind the export', () => env.app.queue.stats().queued > 0);
  const health = (await (await fetch(`${service.address}/api/health`)).json()) as { scheduler: { running: boolean; queue: { concurrency: number } } };
  expect(health.scheduler).toMatchObject({ running: true, queue: { concurrency: 3 } });

  await service.stop('SIGINT');
  const state = new StateStore(env.app.dir.stateFile);
  try {
    const runId = scheduleStoreOf(state.db).runsOfTask('demo', exporting!.id)[0]!;
    expect(state.run(runId)).toMatchObject({ status: 'interrupted', message: "Exécution interrompue par l'utilisateur (Ctrl-C, SIGINT)" });
    expect(scheduleStoreOf(state.db).runsOfTask('demo', queued!.id)).toEqual([]);
    expect(state.runs('demo').map((r) => r.id)).toEqual([runId]);
    expect(service.scheduler.isRunning).toBe(false);
  } finally {
    state.close();
  }
  await expect(fetch(`${service.address}/api/health`)).rejects.toThrow();
}, 60_000);
