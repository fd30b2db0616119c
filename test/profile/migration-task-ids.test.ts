/**
 * Profile format 5 (issue 9): every scheduled task has a stable id. Tasks stored by format 4 (no id,
 * `cron` or `everyMinutes`) get one derived from their place and content: the same on every read
 * until a save stores it, different from one task to the next. A current file edited by hand with
 * a task without id is read the same way.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ensureDataDir, resolveDataDir, type DataDir } from '../../src/config/data-dir.js';
import { loadOrCreateKey } from '../../src/config/secrets.js';
import { migrateProfile } from '../../src/profile/migrations.js';
import { validateProfile } from '../../src/profile/options.js';
import { ProfileStore } from '../../src/profile/profile-store.js';
import { PROFILE_FORMAT_VERSION, TASK_ID } from '../../src/profile/schema.js';

const V4_TASKS = [
  { action: 'orders.import', cron: '*/15 * * * *', everyMinutes: 0, enabled: true, params: {} },
  { action: 'products.stocks', cron: '', everyMinutes: 30, enabled: false, params: { reconcile: true } },
];
const v4 = (tasks: unknown[] = V4_TASKS) => ({ name: 'p', formatVersion: 4, gescom: { kind: 'embedded', db: '/tmp/x.db' }, schedule: { enabled: true, tasks } });

type Tasks = { schedule: { tasks: { id: string; action: string; cron: string; everyMinutes: number; enabled: boolean }[] } };

describe('4 -> 5: task ids', () => {
  test('each task gets an id, the same on every read; what it held is kept', () => {
    const a = migrateProfile(v4()) as Tasks & { formatVersion: number };
    const b = migrateProfile(v4()) as Tasks;
    expect(a.formatVersion).toBe(PROFILE_FORMAT_VERSION);
    expect(PROFILE_FORMAT_VERSION).toBe(5);
    const ids = a.schedule.tasks.map((t) => t.id);
    expect(ids).toEqual(b.schedule.tasks.map((t) => t.id));
    expect(new Set(ids).size).toBe(2);
    for (const id of ids) expect(id).toMatch(TASK_ID);
    const p = validateProfile(a);
    expect(p.schedule.tasks.map((t) => [t.action, t.cron, t.everyMinutes, t.enabled, t.params])).toEqual([
      ['orders.import', '*/15 * * * *', 0, true, {}],
      ['products.stocks', '', 30, false, { reconcile: true }],
    ]);
  });

  test('two identical tasks get two ids; an id already there is kept', () => {
    const same = migrateProfile(v4([V4_TASKS[0], V4_TASKS[0]])) as Tasks;
    expect(same.schedule.tasks[0]!.id).not.toBe(same.schedule.tasks[1]!.id);
    const kept = migrateProfile(v4([{ ...V4_TASKS[0], id: 'mine1' }])) as Tasks;
    expect(kept.schedule.tasks[0]!.id).toBe('mine1');
  });

  test('a format-5 file edited by hand: a task without id reads with the same id every time', () => {
    const doc = { ...v4([{ action: 'orders.import', everySeconds: 30 }]), formatVersion: PROFILE_FORMAT_VERSION };
    const a = validateProfile(migrateProfile(doc));
    const b = validateProfile(migrateProfile(doc));
    expect(a.schedule.tasks[0]!.id).toBe(b.schedule.tasks[0]!.id);
  });
});

describe('ProfileStore with a format-4 file', () => {
  let tmp: string;
  let dir: DataDir;
  let store: ProfileStore;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-migrate5-'));
    dir = resolveDataDir(tmp);
    ensureDataDir(dir);
    store = new ProfileStore(dir, loadOrCreateKey(dir.keyFile));
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test('read twice: same ids; saved: the ids are written and kept from then on', () => {
    const file = path.join(dir.profilesDir, 'p.json');
    fs.writeFileSync(file, JSON.stringify(v4(), null, 2));
    const first = store.load('p').schedule.tasks.map((t) => t.id);
    expect(store.load('p').schedule.tasks.map((t) => t.id)).toEqual(first);
    store.save(store.load('p'));
    const stored = JSON.parse(fs.readFileSync(file, 'utf8')) as Tasks & { formatVersion: number };
    expect(stored.formatVersion).toBe(5);
    expect(stored.schedule.tasks.map((t) => t.id)).toEqual(first);
    expect(store.load('p').schedule.tasks.map((t) => t.id)).toEqual(first);
  });
});
