/**
 * The run lock between real processes: two `node` children open the same state file
 * and call startRun on the same profile at the same moment; exactly one gets the run.
 * The children import the built store (dist/), which `npm test` builds first.
 */
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { StateStore } from '../../src/state/state-store.js';

const BUILT = fileURLToPath(new URL('../../dist/src/state/state-store.js', import.meta.url));

/**
 * Child: opens the store, says "ready", waits for "go", tries startRun, prints the
 * outcome as JSON, then stays alive (holding its lock if it won) until "exit".
 */
const CHILD = `
import readline from 'node:readline';
const { StateStore } = await import(process.env.STORE_URL);
const store = new StateStore(process.env.STATE_FILE);
const say = (o) => process.stdout.write(JSON.stringify(o) + '\\n');
say({ ready: true, pid: process.pid });
const rl = readline.createInterface({ input: process.stdin });
for await (const line of rl) {
  if (line === 'go') {
    try {
      const runId = store.startRun('shared', 'products.export', { pid: process.pid });
      say({ ok: true, runId, pid: process.pid });
    } catch (err) {
      say({ ok: false, name: err.name, message: err.message, pid: process.pid });
    }
  } else if (line === 'exit') {
    break;
  }
}
store.close();
process.exit(0);
`;

/** Child: at the agreed instant, opens (and so creates) the state file, then reports. */
const OPENER = `
const { StateStore } = await import(process.env.STORE_URL);
const at = Number(process.env.OPEN_AT);
while (Date.now() < at) { /* all children open the file at the same moment */ }
try {
  new StateStore(process.env.STATE_FILE).close();
  process.stdout.write('ok\\n');
} catch (err) {
  process.stdout.write('ERR ' + err.message + '\\n');
}
`;

function openAt(stateFile: string, at: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, ['--input-type=module', '-e', OPENER], {
      env: { ...process.env, STATE_FILE: stateFile, STORE_URL: pathToFileURL(BUILT).href, OPEN_AT: String(at) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout.setEncoding('utf8').on('data', (c: string) => (out += c));
    proc.stderr.setEncoding('utf8').on('data', (c: string) => (err += c));
    proc.on('error', reject);
    proc.on('exit', (code) => resolve(code === 0 ? out.trim() : `exit ${code}: ${err}`));
  });
}

interface Msg { ready?: boolean; ok?: boolean; runId?: number; name?: string; message?: string; pid: number }

class Child {
  readonly proc: ChildProcessWithoutNullStreams;
  private readonly messages: Msg[] = [];
  private waiters: (() => void)[] = [];
  stderr = '';

  constructor(stateFile: string) {
    this.proc = spawn(process.execPath, ['--input-type=module', '-e', CHILD], {
      env: { ...process.env, STATE_FILE: stateFile, STORE_URL: pathToFileURL(BUILT).href },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let buf = '';
    this.proc.stdout.setEncoding('utf8');
    this.proc.stdout.on('data', (chunk: string) => {
      buf += chunk;
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.trim()) this.messages.push(JSON.parse(line) as Msg);
      }
      for (const w of this.waiters.splice(0)) w();
    });
    this.proc.stderr.setEncoding('utf8');
    this.proc.stderr.on('data', (chunk: string) => {
      this.stderr += chunk;
    });
    this.proc.on('exit', () => {
      for (const w of this.waiters.splice(0)) w();
    });
  }

  /** The next message matching `pred`, or a failure naming the child's stderr. */
  async next(pred: (m: Msg) => boolean, timeoutMs = 15_000): Promise<Msg> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.messages.findIndex(pred);
      if (i >= 0) return this.messages.splice(i, 1)[0]!;
      if (this.proc.exitCode !== null) throw new Error(`child exited (${this.proc.exitCode}): ${this.stderr}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`child timed out; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  send(line: string): void {
    if (this.proc.stdin.writable) this.proc.stdin.write(line + '\n');
  }

  async stop(): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => this.proc.once('exit', () => resolve()));
    this.send('exit');
    this.proc.stdin.end();
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

let tmp: string;
let file: string;
let children: Child[] = [];

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-state-proc-'));
  file = path.join(tmp, 'state.db');
  // Create the schema once, as the first process to use a data folder would.
  new StateStore(file).close();
});

afterEach(async () => {
  await Promise.all(children.map((c) => c.stop()));
  children = [];
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('run lock between two processes', () => {
  it('lets exactly one of two simultaneous startRun calls win', async () => {
    expect(fs.existsSync(BUILT), `${BUILT} is missing: run "npm run build" (npm test does it first)`).toBe(true);
    children = [new Child(file), new Child(file)];
    await Promise.all(children.map((c) => c.next((m) => m.ready === true)));

    for (const c of children) c.send('go');
    const results = await Promise.all(children.map((c) => c.next((m) => m.ok !== undefined)));

    const winners = results.filter((r) => r.ok);
    const losers = results.filter((r) => !r.ok);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0]!.name).toBe('RunLockedError');
    expect(losers[0]!.message).toContain('shared');

    // The state file, read from this process, holds one running run owned by the winner.
    const store = new StateStore(file);
    try {
      const runs = store.runs('shared');
      expect(runs).toHaveLength(1);
      expect(runs[0]).toMatchObject({ id: winners[0]!.runId, status: 'running', params: { pid: winners[0]!.pid } });
      const lock = store.db.prepare('SELECT run_id, pid FROM run_locks WHERE profile = ?').get('shared');
      expect(lock).toEqual({ run_id: winners[0]!.runId, pid: winners[0]!.pid });

      // While the winner lives, this third process is refused too.
      expect(() => store.startRun('shared', 'products.export')).toThrow(/shared/);
    } finally {
      store.close();
    }
  });

  it('takes over the lock once the winning process has died without finishing', async () => {
    children = [new Child(file)];
    await children[0]!.next((m) => m.ready === true);
    children[0]!.send('go');
    const won = await children[0]!.next((m) => m.ok !== undefined);
    expect(won.ok).toBe(true);
    // The child ends without finishRun: its lock stays, with a pid that is now dead.
    await children[0]!.stop();

    const store = new StateStore(file);
    try {
      const next = store.startRun('shared', 'products.export');
      expect(store.run(won.runId!)?.status).toBe('interrupted');
      expect(store.run(next)?.status).toBe('running');
    } finally {
      store.close();
    }
  });
});

describe('first use of a data folder by several processes', () => {
  // The service and a CLI command (or the scheduler) may be the first to open a fresh
  // data folder at the same moment: every one of them must get a working store.
  it('opens a fresh state file from four processes at once without error', async () => {
    // Several fresh files at once, so that the race shows up in one test run.
    const files = Array.from({ length: 4 }, (_, i) => path.join(tmp, `fresh-${i}.db`));
    const at = Date.now() + 1_000;
    const outcomes = await Promise.all(files.map((f) => Promise.all(Array.from({ length: 4 }, () => openAt(f, at)))));
    for (const [i, o] of outcomes.entries()) expect(o, path.basename(files[i]!)).toEqual(['ok', 'ok', 'ok', 'ok']);
    const store = new StateStore(path.join(tmp, 'fresh-0.db'));
    try {
      expect(store.db.pragma('user_version', { simple: true })).toBe(4);
      expect(store.startRun('p1', 'gescom.check')).toBeGreaterThan(0);
    } finally {
      store.close();
    }
  });
});
