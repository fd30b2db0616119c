/**
 * `npm run simulator -- prestashop …` as a person starts it: the built CLI as a child process prints
 * the API URL and the key, serves the recorded shop, and stops cleanly on Ctrl+C (SIGINT).
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { childEnv, requireBuild, ROOT } from '../support/e2e-cli.js';

const SIM_CLI = path.join(ROOT, 'dist', 'test', 'simulators', 'cli.js');
const KEY = 'CLITESTKEY0123456789ABCDEFGHIJKL';

describe('simulator CLI: prestashop', () => {
  beforeAll(() => requireBuild());

  it('prints the API URL and key, serves the fixtures seed with latency, stops on SIGINT', async () => {
    const child = spawn(process.execPath, [SIM_CLI, 'prestashop', '--port', '0', '--key', KEY, '--seed', 'fixtures', '--latency', '5'], { cwd: ROOT, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const api = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed: ${out}`)), 20_000);
      child.stdout.on('data', (c: Buffer) => {
        out += c.toString();
        const m = /API\s+(http:\/\/127\.0\.0\.1:\d+\/api\/)/.exec(out);
        if (m) { clearTimeout(timer); resolve(m[1]!); }
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    expect(out).toContain(`webservice key  ${KEY}`);
    const r = await fetch(`${api}orders?output_format=JSON&display=[id,reference]`, { headers: { Authorization: `Basic ${Buffer.from(`${KEY}:`).toString('base64')}` } });
    expect(r.status).toBe(200);
    expect(((await r.json()) as { orders: unknown[] }).orders).toHaveLength(6);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
  }, 30_000);

  it('refuses a bad option with the usage and exit code 2', async () => {
    const child = spawn(process.execPath, [SIM_CLI, 'prestashop', '--key', 'short'], { cwd: ROOT, env: childEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => { err += c.toString(); });
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(2);
    expect(err).toContain('--key: 32 letters or digits');
    expect(err).toContain('simulator prestashop [options]');
  }, 30_000);
});
