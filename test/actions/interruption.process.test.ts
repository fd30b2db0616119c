/**
 * Ctrl-C and SIGTERM on real processes: the built CLI (`products export`) and the service
 * (`serve`) are started as children against the WooCommerce simulator made slow, a signal is
 * sent mid-run, and the history, the journal file and the run lock are read afterwards.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { journalFile } from '../../src/journal/journal.js';
import type { RunRecord } from '../../src/state/state-store.js';
import { CLI, childEnv, jsonOf, requireBuild, ROOT, runCli, startService } from '../support/e2e-cli.js';
import { ActionEnv, removeSampleDb } from '../woocommerce/support-actions.js';
import { until } from '../support/until.js';

let env: ActionEnv;

beforeEach(async () => {
  requireBuild();
  env = await ActionEnv.start();
});
afterEach(async () => {
  await env.close();
});
afterAll(removeSampleDb);

function journalLines(): string[] {
  return fs.readFileSync(journalFile(env.app.dir.journalsDir, 'demo'), 'utf8').split('\n').filter(Boolean);
}

function locks(): unknown[] {
  return env.app.state.db.prepare('SELECT * FROM run_locks').all();
}

describe('interrupting a run', () => {
  test('Ctrl-C (SIGINT) during `products export`: journalled, recorded interrupted at once, lock released, exit 130', async () => {
    // Every shop answer takes 1.5 s: the run is certainly inside a request when the signal comes.
    env.sim.setLatency(1500);
    const child = spawn(process.execPath, [CLI, 'products', 'export', '--profile', 'demo'], {
      cwd: ROOT, env: childEnv({ PASSERELLE_DATA_DIR: env.dir }), stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    await until('the run to start', () => out.includes("Début de l'export des articles") && env.sim.stats.requests > 0);

    const sentAt = Date.now();
    child.kill('SIGINT');
    const ended = await exit;
    // Exits without waiting for the request in flight (1.5 s per answer).
    expect(ended, out).toEqual({ code: 130, signal: null });
    expect(Date.now() - sentAt).toBeLessThan(1500);

    const runs = jsonOf<RunRecord[]>(await runCli(['runs', '--json', '--profile', 'demo'], { dataDir: env.dir }));
    expect(runs[0]).toMatchObject({
      action: 'products.export', status: 'interrupted', message: "Exécution interrompue par l'utilisateur (Ctrl-C, SIGINT)",
    });
    expect(runs[0]!.endedAt).not.toBeNull();
    expect(runs[0]!.durationMs).toBeGreaterThan(0);
    expect(runs[0]!.requests).toBeGreaterThan(0);
    expect(locks()).toEqual([]);

    const lines = journalLines();
    const stopLine = lines.findIndex((l) => l.endsWith("--> Exécution interrompue par l'utilisateur (Ctrl-C, SIGINT)"));
    expect(stopLine, lines.join('\n')).toBeGreaterThan(0);
    // The summary follows, and it is the journal's last line: nothing written by the abandoned action.
    expect(lines.at(-1)).toMatch(new RegExp(`- Fin de l'export des articles en \\d+\\.\\d s : ${runs[0]!.requests} requête\\(s\\) à la boutique, dont \\d+ en écriture$`));
    expect(out.trimEnd().split('\n').at(-1)).toBe(lines.at(-1));

    // The profile is free at once: the next run starts and does the job.
    env.sim.setLatency(0);
    const next = await env.run('products.export');
    expect(next.record.status).toBe('succeeded');
  }, 60_000);

  test('SIGTERM to `passerelle serve` with a run in progress: the run is recorded interrupted before the service exits', async () => {
    env.sim.setLatency(1500);
    const service = await startService(process.execPath, [CLI, 'serve', '--port', '0'], {
      cwd: ROOT, env: childEnv({ PASSERELLE_DATA_DIR: env.dir }), timeoutMs: 20_000,
    });
    try {
      const res = await fetch(`${service.url}/api/runs`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ profile: 'demo', action: 'products.export' }),
      });
      expect(res.status).toBe(202);
      const { id } = (await res.json()) as { id: number };
      await until('the run to reach the shop', () => env.sim.stats.requests > 0);
      const running = (await (await fetch(`${service.url}/api/runs/${id}`)).json()) as RunRecord;
      expect(running.status).toBe('running');

      const ended = await service.stop();
      expect(ended).toEqual({ code: 0, signal: null });
      const run = env.app.state.run(id)!;
      expect(run).toMatchObject({ status: 'interrupted', message: 'Exécution interrompue : arrêt demandé (SIGTERM)' });
      expect(run.durationMs).not.toBeNull();
      expect(locks()).toEqual([]);
      expect(journalLines()).toContainEqual(expect.stringMatching(/ --> Exécution interrompue : arrêt demandé \(SIGTERM\)$/));
    } finally {
      await service.stop();
    }
  }, 60_000);
});
