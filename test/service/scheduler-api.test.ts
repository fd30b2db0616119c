/**
 * The schedule API (PRF-10) through fastify's inject, with the service's scheduler running: tasks
 * added, listed with their next run, disabled, run now through the queue (202 + run id, the run in
 * the history with trigger api and its task), removed; bad input named by task and field; and
 * /api/health reporting the scheduler, its next runs and the queue.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Scheduler, type TaskView } from '../../src/service/scheduler.js';
import { buildServer } from '../../src/service/server.js';
import { scheduleStoreOf } from '../../src/state/schedule-store.js';
import { ActionEnv, removeSampleDb } from '../woocommerce/support-actions.js';
import { until } from '../support/until.js';

let env: ActionEnv;
let server: FastifyInstance;
let scheduler: Scheduler;

beforeEach(async () => {
  env = await ActionEnv.start();
  scheduler = new Scheduler(env.app, { reloadMs: 100 });
  server = buildServer({ app: env.app, scheduler }).server;
  scheduler.start();
});
afterEach(async () => {
  scheduler.stop();
  await env.app.queue.idle();
  await server.close();
  await env.close();
});
afterAll(removeSampleDb);

const json = <T>(res: { body: string }) => JSON.parse(res.body) as T;

describe('/api/profiles/:name/schedule', () => {
  test('add, list with next runs, disable, run now, remove', async () => {
    const added = await server.inject({
      method: 'POST', url: '/api/profiles/demo/schedule', headers: { 'accept-language': 'en' },
      payload: { action: 'gescom.check', at: '03:15', days: ['mon', 'fri'] },
    });
    expect(added.statusCode, added.body).toBe(201);
    const task = json<TaskView>(added);
    expect(task).toMatchObject({
      action: 'gescom.check', enabled: true, at: '03:15', days: ['mon', 'fri'], schedule: 'mon,fri at 03:15', timezone: 'Europe/Paris', lastRun: null,
    });
    expect(task.id).toMatch(/^[a-z0-9]{4,16}$/);
    expect(task.nextLocal).toMatch(/ 03:15:00$/);
    expect([1, 5]).toContain(new Date(Date.parse(task.nextLocal!.replace(' ', 'T') + 'Z')).getUTCDay());
    // The running scheduler took it at once.
    expect(scheduler.health().profiles.find((p) => p.profile === 'demo')!.next).toEqual([{ task: task.id, action: 'gescom.check', at: task.next }]);

    const list = json<{ profile: string; enabled: boolean; timezone: string; tasks: TaskView[] }>(await server.inject({ url: '/api/profiles/demo/schedule' }));
    expect(list).toMatchObject({ profile: 'demo', enabled: true, timezone: 'Europe/Paris' });
    expect(list.tasks.map((t) => [t.id, t.schedule])).toEqual([[task.id, 'mon,fri à 03:15']]);

    const off = await server.inject({ method: 'PATCH', url: `/api/profiles/demo/schedule/${task.id}`, payload: { enabled: false } });
    expect(off.statusCode, off.body).toBe(200);
    expect(json<TaskView>(off)).toMatchObject({ enabled: false, next: null });
    expect(scheduler.health().tasks).toBe(0);

    // Run now: even a disabled task, through the queue.
    const run = await server.inject({ method: 'POST', url: `/api/profiles/demo/schedule/${task.id}/run` });
    expect(run.statusCode, run.body).toBe(202);
    const started = json<{ id: number; status: string; task: string; journal: string }>(run);
    expect(started).toMatchObject({ status: 'running', task: task.id, journal: `/api/runs/${started.id}/journal` });
    await until('the run to end', () => env.app.state.run(started.id)?.status !== 'running');
    expect(env.app.state.run(started.id)).toMatchObject({ action: 'gescom.check', status: 'succeeded' });
    expect(scheduleStoreOf(env.app.state.db).triggerOf(started.id)).toMatchObject({ trigger: 'api', taskId: task.id });
    const after = json<{ tasks: TaskView[] }>(await server.inject({ url: '/api/profiles/demo/schedule' }));
    expect(after.tasks[0]!.lastRun).toMatchObject({ id: started.id, status: 'succeeded', trigger: 'api' });

    const removed = await server.inject({ method: 'DELETE', url: `/api/profiles/demo/schedule/${task.id}` });
    expect(json(removed)).toEqual({ deleted: task.id, profile: 'demo' });
    expect(env.app.profiles.load('demo').schedule.tasks).toEqual([]);
    const gone = await server.inject({ method: 'PATCH', url: `/api/profiles/demo/schedule/${task.id}`, payload: { enabled: true } });
    expect(gone.statusCode).toBe(404);
    expect(json<{ message: string }>(gone).message).toMatch(new RegExp(`${task.id}.*demo`));
  }, 60_000);

  test('bad tasks are refused naming the task and the field; nothing is saved', async () => {
    const res = await server.inject({
      method: 'POST', url: '/api/profiles/demo/schedule', headers: { 'accept-language': 'en' }, payload: { action: 'orders.import', at: '25:00' },
    });
    expect(res.statusCode).toBe(400);
    const body = json<{ field: string; issues: { path: string; message: string }[] }>(res);
    expect(body.issues).toEqual([{ path: expect.stringMatching(/^schedule\.tasks\.[a-z0-9]+\.at$/), message: expect.stringMatching(/expected a time HH:MM/) }]);
    const two = await server.inject({
      method: 'POST', url: '/api/profiles/demo/schedule', headers: { 'accept-language': 'en' }, payload: { action: 'orders.import', everyMinutes: 5, cron: '0 6 * * *' },
    });
    expect(two.statusCode).toBe(400);
    expect(json<{ message: string }>(two).message).toMatch(/task [a-z0-9]+ \(orders\.import\): give exactly one schedule among .* \(given: cron, everyMinutes\)/);
    const unknown = await server.inject({ method: 'POST', url: '/api/profiles/demo/schedule', payload: { action: 'orders.importer', everySeconds: 30 } });
    expect(unknown.statusCode).toBe(400);
    expect(env.app.profiles.load('demo').schedule.tasks).toEqual([]);
    expect((await server.inject({ url: '/api/profiles/nope/schedule' })).statusCode).toBe(404);
  });

  test('/api/health reports the scheduler, its next runs per profile and the queue', async () => {
    await server.inject({ method: 'POST', url: '/api/profiles/demo/schedule', payload: { action: 'gescom.check', everyMinutes: 30 } });
    const health = json<{ status: string; scheduler: { running: boolean; tasks: number; profiles: { profile: string; next: { at: string }[] }[]; queue: Record<string, number> } }>(
      await server.inject({ url: '/api/health' }),
    );
    expect(health.status).toBe('ok');
    expect(health.scheduler).toMatchObject({ running: true, tasks: 1, queue: { queued: 0, running: 0, waitingForLock: 0, concurrency: 2 } });
    const next = Date.parse(health.scheduler.profiles.find((p) => p.profile === 'demo')!.next[0]!.at);
    expect(next % (30 * 60_000)).toBe(0);
    expect(next).toBeGreaterThan(Date.now());
  });
});
