/**
 * Helpers for end-to-end tests of the built CLI (dist/src/cli/main.js) and of the
 * service started as a child process. Every caller passes its own data folder:
 * the environment handed to children never carries the caller's PASSERELLE_* variables.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = path.join(ROOT, 'dist', 'src', 'cli', 'main.js');

/** Fails early, with the fix, when the CLI has not been built. */
export function requireBuild(): void {
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run "npm run build" first (npm test does it)`);
}

/** A module of the build, typed as its source: `await distModule<typeof import('../../src/x.js')>('src/x.js')`. */
export async function distModule<T>(relative: string): Promise<T> {
  return (await import(pathToFileURL(path.join(ROOT, 'dist', relative)).href)) as T;
}

const tempDirs: string[] = [];

export function makeTempDir(prefix = 'passerelle-e2e-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** The parent's environment without PASSERELLE_* (secret key, options password, port…), plus `extra`. */
export function childEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('PASSERELLE_')) env[k] = v;
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  args: string[];
}

/**
 * Runs `node dist/src/cli/main.js …args` from the project root (or `cwd`) with
 * PASSERELLE_DATA_DIR = dataDir; `prefix` runs it through another command (e.g.
 * `setpriv --reuid=65534 …` to run as an unprivileged user).
 */
export function runCli(
  args: string[],
  opts: { dataDir: string; env?: Record<string, string | undefined>; timeoutMs?: number; cwd?: string; prefix?: string[] },
): Promise<CliResult> {
  const [command, ...rest] = [...(opts.prefix ?? []), process.execPath, CLI, ...args];
  return new Promise((resolve, reject) => {
    execFile(
      command!, rest,
      { cwd: opts.cwd ?? ROOT, env: childEnv({ PASSERELLE_DATA_DIR: opts.dataDir, ...opts.env }), timeout: opts.timeoutMs ?? 30_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err && typeof (err as { code?: unknown }).code !== 'number') return reject(Object.assign(err, { stdout, stderr }));
        resolve({ code: err ? Number((err as { code: number }).code) : 0, stdout, stderr, args });
      },
    );
  });
}

/** Parses stdout as JSON, with the command's output in the error when it is not. */
export function jsonOf<T>(r: CliResult): T {
  try {
    return JSON.parse(r.stdout) as T;
  } catch {
    throw new Error(`not JSON from "${r.args.join(' ')}" (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
}

/** Copies an SQLite file with its WAL companions, if any. */
export function copyDb(from: string, to: string): string {
  for (const suffix of ['', '-wal', '-shm']) if (fs.existsSync(from + suffix)) fs.copyFileSync(from + suffix, to + suffix);
  return to;
}

export interface RunningService {
  child: ChildProcess;
  /** "http://127.0.0.1:<port>" as the service printed it. */
  url: string;
  output(): string;
  /** SIGTERM to the child's process group; resolves with how it ended. */
  stop(timeoutMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * Starts a service command in its own process group and waits for the line
 * "Passerelle écoute sur <url>" / "listening on <url>".
 */
/** Resolves once no process of the group is left (SIGKILL to the rest after `timeoutMs`). */
async function groupGone(pgid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return; // ESRCH: the group is empty
    }
    if (Date.now() > deadline) {
      try {
        process.kill(-pgid, 'SIGKILL');
      } catch {
        return;
      }
    }
    await new Promise((r) => setTimeout(r, 20));
  }
}

export function startService(command: string, args: string[], opts: { cwd: string; env: NodeJS.ProcessEnv; timeoutMs: number }): Promise<RunningService> {
  const child = spawn(command, args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (out += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  let done = false;
  exited.then(() => (done = true), () => undefined);
  const stop = async (timeoutMs = 15_000) => {
    if (!done && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
    }
    const timer = setTimeout(() => {
      if (!done && child.pid) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }, timeoutMs);
    try {
      const end = await exited;
      // A wrapper (npm start) exits before the service it started has finished stopping: wait for the whole group.
      if (child.pid) await groupGone(child.pid, timeoutMs);
      return end;
    } finally {
      clearTimeout(timer);
    }
  };
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = setInterval(() => {
      const m = /(?:écoute sur|listening on) (https?:\/\/\S+)/.exec(out);
      if (m) {
        clearInterval(poll);
        resolve({ child, url: m[1]!, output: () => out, stop });
      } else if (done || Date.now() - started > opts.timeoutMs) {
        clearInterval(poll);
        void stop().then(() => reject(new Error(`service did not start (${done ? 'exited' : 'timeout'}):\n${out}`)));
      }
    }, 50);
  });
}
