/**
 * A data folder that cannot be written, or whose disk is full, gives one clear line
 * naming the folder (CLI) and a 503 with that line from /api/health, never a raw
 * EACCES or "attempt to write a readonly database".
 *
 * Tests run as root, which ignores file permissions: the permission cases run the
 * built CLI as the unprivileged user 65534 through `setpriv` (util-linux). The
 * read-only mount and the full disk use a small tmpfs, which only root can mount.
 * Each case is skipped, saying why, where its tool or privilege is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/app/app-context.js';
import { buildServer } from '../../src/service/server.js';
import { childEnv, CLI, makeTempDir, removeTempDirs, requireBuild, ROOT, runCli, startService, type CliResult } from '../support/e2e-cli.js';

const isRoot = process.getuid?.() === 0;
/**
 * User 65534, keeping only the right to read and search everywhere (ambient
 * CAP_DAC_READ_SEARCH): the checkout may sit in a folder only root can enter (CI
 * runs from a `mktemp -d` copy), but every write is checked as for any user.
 */
const NOBODY = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=+dac_read_search', '--ambient-caps=+dac_read_search'];
const hasSetpriv = isRoot && spawnSync(NOBODY[0]!, [...NOBODY.slice(1), 'true']).status === 0;
/**
 * access(2) ignores capabilities (better-sqlite3's loader finds its package with it):
 * the unprivileged user must be able to reach the checkout by its mode bits alone.
 * CI's copy sits in a folder opened to others for that reason.
 */
const nobodyReachesCheckout = hasSetpriv && spawnSync(NOBODY[0]!, [...NOBODY.slice(1), process.execPath, '-e',
  `require('node:fs').accessSync(${JSON.stringify(path.join(ROOT, 'node_modules/better-sqlite3/package.json'))})`]).status === 0;
const skipNobody = !hasSetpriv ? 'needs root and setpriv from util-linux'
  : !nobodyReachesCheckout ? `user 65534 cannot reach ${ROOT} (a parent folder closed to others)` : null;

let work: string;
const mounts: string[] = [];

/** A tmpfs of `size` at `dir` (root only): false when it cannot be mounted here. */
function mountTmpfs(dir: string, size: string): boolean {
  fs.mkdirSync(dir, { recursive: true });
  if (spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0755`, 'tmpfs', dir]).status !== 0) return false;
  mounts.push(dir);
  return true;
}
const canMount = isRoot && (() => {
  const probe = makeTempDir('passerelle-mount-probe-');
  const ok = mountTmpfs(path.join(probe, 'm'), '64k');
  if (ok) execFileSync('umount', [mounts.pop()!]);
  return ok;
})();

beforeAll(() => {
  requireBuild();
  work = makeTempDir('passerelle-datafolder-cli-');
  // The data folders: reachable by the unprivileged user without any capability
  // (access(2), behind fs.existsSync, ignores ambient capabilities).
  fs.chmodSync(work, 0o755);
});

afterAll(() => {
  for (const m of mounts.splice(0).reverse()) spawnSync('umount', [m]);
  removeTempDirs();
});

/** The one stderr line every case must give, in French (the default language). */
function expectOneClearLine(r: CliResult, text: string): void {
  expect(r.code, r.stderr).toBe(1);
  const lines = r.stderr.split('\n').filter((l) => l && !l.startsWith('Profil « '));
  expect(lines).toEqual([`passerelle: [dossier de données / dataDir] ${text}`]);
  expect(r.stderr).not.toMatch(/attempt to write|SqliteError|\n\s+at /);
}

const denied = (folder: string, code: string) =>
  `Accès refusé au dossier de données ${folder} (${code}) : donnez à l'utilisateur qui lance Passerelle le droit d'y lire et d'y écrire, ou choisissez un autre dossier (--data-dir ou PASSERELLE_DATA_DIR)`;
const readOnly = (folder: string, code: string) =>
  `Le dossier de données ${folder} est en lecture seule (${code}) : rendez-le accessible en écriture, ou choisissez un autre dossier (--data-dir ou PASSERELLE_DATA_DIR)`;
const full = (folder: string, code: string) =>
  `Plus de place sur le disque du dossier de données ${folder} (${code}) : libérez de l'espace, ou choisissez un autre dossier (--data-dir ou PASSERELLE_DATA_DIR)`;

/** Every file under a folder with its content: proof that nothing was written. */
function snapshot(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out[path.relative(root, p)] = fs.readFileSync(p).toString('base64');
    }
  };
  walk(root);
  return out;
}

/** chmod -R a+rX,a-w: readable by anyone, writable by no one but root. */
function makeReadOnly(dir: string): void {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) makeReadOnly(p);
    else fs.chmodSync(p, 0o444);
  }
  fs.chmodSync(dir, 0o555);
}

describe.skipIf(skipNobody !== null)(`as an unprivileged user${skipNobody ? ` (skipped: ${skipNobody})` : ''}`, { timeout: 60_000 }, () => {
  const asNobody = (dataDir: string, ...args: string[]) => runCli(args, { dataDir, prefix: NOBODY, cwd: work });

  it('an empty data folder it may not write: profile create says so in one line, and writes nothing', async () => {
    const data = path.join(work, 'empty-ro');
    fs.mkdirSync(data, { mode: 0o555 });
    fs.chmodSync(data, 0o555);
    const r = await asNobody(data, 'profile', 'create', 'p', '--db', '/srv/company.db');
    expectOneClearLine(r, denied(data, 'EACCES'));
    expect(fs.readdirSync(data)).toEqual([]);
  });

  it('a prepared data folder made read-only: reading works, changing and running say so, the service reports it', async () => {
    const data = path.join(work, 'prepared-ro');
    // Prepared by root as a merchant's folder would be: a profile, a first run (state.db, journal).
    expect((await runCli(['demo', 'init'], { dataDir: data })).code).toBe(0);
    expect((await runCli(['check', '--gescom-only'], { dataDir: data })).code).toBe(0);
    makeReadOnly(data);
    const before = snapshot(data);

    const shown = await asNobody(data, 'profile', 'show', 'demo', '--json');
    expect(shown.code, shown.stderr).toBe(0);
    expect(JSON.parse(shown.stdout)).toMatchObject({ name: 'demo' });

    expectOneClearLine(await asNobody(data, 'profile', 'set', 'demo', 'http.timeoutSeconds', '40'), denied(path.join(data, 'profiles'), 'EACCES'));
    // The state database: SQLite cannot create its journal files beside it.
    const check = await asNobody(data, 'check', '--gescom-only');
    expect(check.stderr.split('\n')[0]).toBe('Profil « demo » (profil par défaut)');
    expectOneClearLine(check, readOnly(data, 'SQLITE_READONLY_DIRECTORY'));
    expect(snapshot(data)).toEqual(before);

    // The service still starts, says it, and /api/health reports it instead of "ok".
    const service = await startService(NOBODY[0]!, [...NOBODY.slice(1), process.execPath, CLI, 'serve', '--port', '0'], {
      cwd: ROOT, env: childEnv({ PASSERELLE_DATA_DIR: data }), timeoutMs: 30_000,
    });
    try {
      expect(service.output()).toContain(denied(data, 'EACCES'));
      const res = await fetch(`${service.url}/api/health`);
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: 'error', dataDir: data, message: denied(data, 'EACCES'), entity: 'data folder', field: 'dataDir' });
    } finally {
      expect(await service.stop()).toEqual({ code: 0, signal: null });
    }
    expect(snapshot(data)).toEqual(before);
  });
});

describe.skipIf(!canMount)(`on a small tmpfs${canMount ? '' : ' (skipped: mounting a tmpfs needs root)'}`, { timeout: 60_000 }, () => {
  it('a read-only mount, then a full disk: one line naming the folder, the profile left whole, health 503', async () => {
    const mount = path.join(work, 'tmpfs');
    expect(mountTmpfs(mount, '256k')).toBe(true);
    const data = path.join(mount, 'data');
    expect((await runCli(['profile', 'create', 'p', '--db', '/srv/company.db'], { dataDir: data })).code).toBe(0);
    const profileFile = path.join(data, 'profiles', 'p.json');
    const profile = fs.readFileSync(profileFile, 'utf8');

    execFileSync('mount', ['-o', 'remount,ro', mount]);
    expectOneClearLine(await runCli(['profile', 'set', 'p', 'http.timeoutSeconds', '40'], { dataDir: data }), readOnly(path.join(data, 'profiles'), 'EROFS'));
    execFileSync('mount', ['-o', 'remount,rw', mount]);

    // Fill the disk to the last byte.
    try {
      for (let i = 0; ; i++) fs.writeFileSync(path.join(mount, `fill-${i}`), Buffer.alloc(16 * 1024));
    } catch (err) {
      expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
    expectOneClearLine(await runCli(['profile', 'set', 'p', 'http.timeoutSeconds', '40'], { dataDir: data }), full(path.join(data, 'profiles'), 'ENOSPC'));
    // The profile is whole and no half-written temporary file is left.
    expect(fs.readFileSync(profileFile, 'utf8')).toBe(profile);
    expect(fs.readdirSync(path.join(data, 'profiles'))).toEqual(['p.json']);

    const app = new AppContext(data);
    const { server } = buildServer({ app });
    try {
      const res = await server.inject({ method: 'GET', url: '/api/health' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toMatchObject({ status: 'error', message: full(data, 'ENOSPC'), field: 'dataDir' });
      expect(fs.readdirSync(data).filter((f) => f.startsWith('.probe'))).toEqual([]);
      // A change through the API: 503 with the same kind of line, not a raw 500.
      const patch = await server.inject({ method: 'PATCH', url: '/api/profiles/p', payload: { set: { 'http.timeoutSeconds': '40' } } });
      expect(patch.statusCode).toBe(503);
      expect(patch.json()).toMatchObject({ message: full(path.join(data, 'profiles'), 'ENOSPC'), field: 'dataDir' });
    } finally {
      await server.close();
      app.close();
    }
  });
});
