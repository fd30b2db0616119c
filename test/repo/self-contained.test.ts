/**
 * The project stands on its own: a clone anywhere installs, runs and tests with
 * nothing beside it. No tracked file may reach outside the repository for its
 * fixtures, docs or seeds (the team's workspace keeps them in a sibling folder
 * that a user's clone does not have). `.ci/run` also runs the whole suite from a
 * copy with no sibling folder, which is the real proof; this test names the file
 * at fault first.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
// Built from parts so that this file does not match itself.
const OUTSIDE = new RegExp(['\\.\\./', 'shared', '|/work/', 'shared'].join(''));

function trackedFiles(): string[] {
  try {
    return execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).split('\n').filter(Boolean);
  } catch {
    // Not a git checkout (an exported tree): walk it instead.
    const out: string[] = [];
    const walk = (dir: string): void => {
      for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
        if (['node_modules', 'dist', '.git'].includes(e.name)) continue;
        const rel = path.join(dir, e.name);
        if (e.isDirectory()) walk(rel);
        else out.push(rel);
      }
    };
    walk('.');
    return out;
  }
}

describe('self-contained repository', () => {
  test('no code, test, script or doc reads or links the workspace folder beside the repository', () => {
    const offenders: string[] = [];
    for (const file of trackedFiles()) {
      if (!/\.(ts|js|mjs|cjs|json|md|sh|yml|yaml)$/.test(file) && !file.startsWith('.ci/')) continue;
      const abs = path.join(ROOT, file);
      if (!fs.existsSync(abs) || fs.statSync(abs).size > 2_000_000) continue;
      const lines = fs.readFileSync(abs, 'utf8').split('\n');
      lines.forEach((line, i) => { if (OUTSIDE.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`); });
    }
    expect(offenders).toEqual([]);
  });

  test('the recorded WooCommerce exchanges the tests replay are in the repository', () => {
    const index = JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/index.json'), 'utf8')) as Record<string, { files: string[] }[]>;
    const exchanges = index['woocommerce-10.0.2']!;
    expect(exchanges.length).toBeGreaterThan(100);
    const missing = exchanges.flatMap((e) => e.files).filter((f) => !fs.existsSync(path.join(ROOT, 'test/fixtures/woocommerce-10.0.2', f)));
    expect(missing).toEqual([]);
  });

  test('the lock file is complete: npm ci would install exactly package.json', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }> };
    expect(lock.packages['']).toMatchObject({ dependencies: pkg.dependencies, devDependencies: pkg.devDependencies });
    // Every dependency (optional ones included, whatever the platform) of every locked package is locked too.
    const missing: string[] = [];
    for (const [where, entry] of Object.entries(lock.packages)) {
      for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
        const candidates: string[] = [];
        let base = where;
        for (;;) {
          candidates.push(`${base ? `${base}/` : ''}node_modules/${name}`);
          const cut = base.lastIndexOf('node_modules/');
          if (cut < 0) break;
          base = base.slice(0, Math.max(0, cut - 1));
        }
        if (!candidates.some((c) => c in lock.packages)) missing.push(`${name} (needed by ${where || 'the project'})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
