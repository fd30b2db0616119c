import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StateStore } from '../../src/state/state-store.js';
import { RunLockedError } from '../../src/errors.js';

/** A pid that no process holds (999999 is above the usual pid_max; walk down if it is alive). */
function deadPid(): number {
  for (let pid = 999_999; pid > 1; pid--) {
    try {
      process.kill(pid, 0);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ESRCH') return pid;
    }
  }
  throw new Error('no free pid found');
}

/** Runs `fn`, expecting a RunLockedError, and returns it. */
function locked(fn: () => unknown): RunLockedError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(RunLockedError);
    return err as RunLockedError;
  }
  throw new Error('expected a RunLockedError, nothing was thrown');
}

let tmp: string;
let file: string;
let clock: Date;
let store: StateStore;
const extra: StateStore[] = [];

function open(): StateStore {
  const s = new StateStore(file, () => clock);
  extra.push(s);
  return s;
}

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-state-'));
  file = path.join(tmp, 'state.db');
  clock = new Date('2026-07-07T08:00:00.000Z');
  store = new StateStore(file, () => clock);
});

afterEach(() => {
  store.close();
  for (const s of extra.splice(0)) s.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('bindings', () => {
  it('saves and loads a binding with its hash and sync date', () => {
    expect(store.binding('p1', 'article', 'AR0001')).toBeNull();
    store.saveBinding('p1', 'article', 'AR0001', '101', 'h1');
    expect(store.binding('p1', 'article', 'AR0001')).toEqual({
      profile: 'p1', kind: 'article', gescomKey: 'AR0001', shopId: '101', payloadHash: 'h1', syncedAt: '2026-07-07T08:00:00.000Z',
    });
  });

  it('updates an existing binding in place (new shop id, hash and date)', () => {
    store.saveBinding('p1', 'article', 'AR0001', '101', 'h1');
    clock = new Date('2026-07-08T09:30:00.000Z');
    store.saveBinding('p1', 'article', 'AR0001', '102', null);
    const b = store.binding('p1', 'article', 'AR0001');
    expect(b).toMatchObject({ shopId: '102', payloadHash: null, syncedAt: '2026-07-08T09:30:00.000Z' });
    expect(store.bindings('p1', 'article').size).toBe(1);
    expect(store.bindingByShopId('p1', 'article', '101')).toBeNull();
  });

  it('finds a binding by shop id, within the profile and kind only', () => {
    store.saveBinding('p1', 'article', 'AR0001', '101', 'h1');
    store.saveBinding('p1', 'customer', 'CL0001', '101', 'h2');
    store.saveBinding('p2', 'article', 'AR0009', '101', 'h3');
    expect(store.bindingByShopId('p1', 'article', '101')?.gescomKey).toBe('AR0001');
    expect(store.bindingByShopId('p1', 'customer', '101')?.gescomKey).toBe('CL0001');
    expect(store.bindingByShopId('p2', 'article', '101')?.gescomKey).toBe('AR0009');
    expect(store.bindingByShopId('p1', 'article', '999')).toBeNull();
  });

  it('saves many bindings at once and returns them as a map keyed by GesCom key', () => {
    const items = Array.from({ length: 250 }, (_, i) => ({
      gescomKey: `AR${String(i).padStart(4, '0')}`, shopId: String(1000 + i), payloadHash: i % 2 ? `hash${i}` : null,
    }));
    store.saveBindings('p1', 'article', items);
    store.saveBinding('p1', 'customer', 'CL0001', '5', null);
    store.saveBinding('p2', 'article', 'AR0000', '77', null);

    const map = store.bindings('p1', 'article');
    expect(map.size).toBe(250);
    expect(map.get('AR0000')).toMatchObject({ shopId: '1000', payloadHash: null });
    expect(map.get('AR0249')).toMatchObject({ shopId: '1249', payloadHash: 'hash249', kind: 'article', profile: 'p1' });
    expect(store.bindings('p1', 'customer').size).toBe(1);
    expect(store.bindings('p2', 'article').get('AR0000')?.shopId).toBe('77');
    expect(store.bindings('p3', 'article').size).toBe(0);
  });

  it('deletes a binding', () => {
    store.saveBinding('p1', 'article', 'AR0001', '101', 'h1');
    store.deleteBinding('p1', 'article', 'AR0001');
    expect(store.binding('p1', 'article', 'AR0001')).toBeNull();
  });

  it('persists across reopening the file', () => {
    store.saveBinding('p1', 'article', 'AR0001', '101', 'h1');
    store.close();
    store = new StateStore(file, () => clock);
    expect(store.binding('p1', 'article', 'AR0001')?.shopId).toBe('101');
  });
});

describe('transfer dates', () => {
  it('sets, overwrites, lists and clears the last transfer date per action', () => {
    expect(store.lastTransferDate('p1', 'products.export')).toBeNull();
    store.setLastTransferDate('p1', 'products.export', '2026-07-01T10:00:00Z');
    store.setLastTransferDate('p1', 'products.export', '2026-07-02T10:00:00Z');
    store.setLastTransferDate('p1', 'customers.export', '2026-06-30T00:00:00Z');
    store.setLastTransferDate('p2', 'products.export', '2020-01-01T00:00:00Z');

    expect(store.lastTransferDate('p1', 'products.export')).toBe('2026-07-02T10:00:00Z');
    expect(store.transferDates('p1')).toEqual({
      'customers.export': '2026-06-30T00:00:00Z',
      'products.export': '2026-07-02T10:00:00Z',
    });
    expect(Object.keys(store.transferDates('p1'))).toEqual(['customers.export', 'products.export']);

    store.setLastTransferDate('p1', 'products.export', null);
    expect(store.lastTransferDate('p1', 'products.export')).toBeNull();
    expect(store.transferDates('p1')).toEqual({ 'customers.export': '2026-06-30T00:00:00Z' });
    expect(store.transferDates('p2')).toEqual({ 'products.export': '2020-01-01T00:00:00Z' });
  });

  it('clearing a date that was never set is harmless', () => {
    store.setLastTransferDate('p1', 'orders.import', null);
    expect(store.transferDates('p1')).toEqual({});
  });
});

describe('transferred orders', () => {
  it('claims an order once: the second claim is refused', () => {
    expect(store.claimOrder('p1', '187', 1)).toBe(true);
    expect(store.claimOrder('p1', '187', 2)).toBe(false);
    expect(store.transferredOrder('p1', '187')).toEqual({
      profile: 'p1', shopKey: '~p1', shopOrderId: '187', documentNumber: null, documentType: null, state: 'importing', shopStatus: null,
      importedAt: '2026-07-07T08:00:00.000Z',
    });
    // Another profile has its own orders.
    expect(store.claimOrder('p2', '187', 3)).toBe(true);
  });

  it('marks a claimed order imported with its document; it can no longer be claimed', () => {
    store.claimOrder('p1', '187', 1);
    clock = new Date('2026-07-07T08:05:00.000Z');
    store.markOrderImported('p1', '187', 'BC00042', 'order', 'processing');
    expect(store.transferredOrder('p1', '187')).toEqual({
      profile: 'p1', shopKey: '~p1', shopOrderId: '187', documentNumber: 'BC00042', documentType: 'order', state: 'imported', shopStatus: 'processing',
      importedAt: '2026-07-07T08:05:00.000Z',
    });
    expect(store.claimOrder('p1', '187', 2)).toBe(false);
  });

  it('marks an order imported that was never claimed', () => {
    store.markOrderImported('p1', '200', 'FA00001', 'invoice', null);
    expect(store.transferredOrder('p1', '200')).toMatchObject({ state: 'imported', documentNumber: 'FA00001', shopStatus: null });
    expect(store.claimOrder('p1', '200', null)).toBe(false);
  });

  it('lists orders by import date', () => {
    clock = new Date('2026-07-07T10:00:00.000Z');
    store.markOrderImported('p1', 'B', 'BC2', 'order', null);
    clock = new Date('2026-07-07T09:00:00.000Z');
    store.markOrderImported('p1', 'A', 'BC1', 'order', null);
    store.markOrderImported('p2', 'C', 'BC3', 'order', null);
    expect(store.transferredOrders('p1').map((o) => o.shopOrderId)).toEqual(['A', 'B']);
  });

  it('resets listed orders, returning how many were forgotten, and they become claimable again', () => {
    for (const id of ['1', '2', '3']) store.markOrderImported('p1', id, `BC${id}`, 'order', null);
    store.markOrderImported('p2', '1', 'BCX', 'order', null);

    expect(store.resetOrders('p1', ['1', '3', 'unknown'])).toBe(2);
    expect(store.transferredOrders('p1').map((o) => o.shopOrderId)).toEqual(['2']);
    expect(store.claimOrder('p1', '1', null)).toBe(true);
    expect(store.transferredOrder('p2', '1')?.documentNumber).toBe('BCX');
  });

  it('resets ALL orders of one profile only', () => {
    for (const id of ['1', '2', '3']) store.claimOrder('p1', id, null);
    store.claimOrder('p2', '9', null);
    expect(store.resetOrders('p1', 'ALL')).toBe(3);
    expect(store.transferredOrders('p1')).toEqual([]);
    expect(store.transferredOrders('p2')).toHaveLength(1);
    expect(store.resetOrders('p1', 'ALL')).toBe(0);
    expect(store.resetOrders('p1', [])).toBe(0);
  });
});

describe('runs', () => {
  it('records a run with params, per-entity counts, status, dates and message', () => {
    const id = store.startRun('p1', 'products.export', { newOnly: true });
    expect(store.run(id)).toMatchObject({
      id, profile: 'p1', action: 'products.export', params: { newOnly: true }, status: 'running',
      startedAt: '2026-07-07T08:00:00.000Z', endedAt: null, message: null, counts: {},
    });

    store.count(id, 'article', 'created');
    store.count(id, 'article', 'created', 4);
    store.count(id, 'article', 'updated', 2);
    store.count(id, 'article', 'failed');
    store.count(id, 'category', 'unchanged', 7);
    store.count(id, 'category', 'skipped', 3);
    clock = new Date('2026-07-07T08:01:30.000Z');
    store.finishRun(id, 'partial', '1 article in error', { requests: 12, writeRequests: 3, durationMs: 90_000 });

    expect(store.run(id)).toEqual({
      id, profile: 'p1', action: 'products.export', params: { newOnly: true }, status: 'partial',
      startedAt: '2026-07-07T08:00:00.000Z', endedAt: '2026-07-07T08:01:30.000Z', message: '1 article in error',
      requests: 12, writeRequests: 3, durationMs: 90_000,
      counts: {
        article: { created: 5, updated: 2, unchanged: 0, skipped: 0, failed: 1 },
        category: { created: 0, updated: 0, unchanged: 7, skipped: 3, failed: 0 },
      },
      preview: false,
    });
  });

  it('defaults params to {} and message to null', () => {
    const id = store.startRun('p1', 'gescom.check');
    store.finishRun(id, 'succeeded');
    expect(store.run(id)).toMatchObject({ params: {}, status: 'succeeded', message: null, requests: 0, writeRequests: 0, durationMs: null });
  });

  it('returns null for an unknown run', () => {
    expect(store.run(12345)).toBeNull();
  });

  it('lists runs newest first, per profile or all, with a limit', () => {
    const ids: number[] = [];
    for (const [profile, action] of [['p1', 'a1'], ['p2', 'b1'], ['p1', 'a2'], ['p1', 'a3']] as const) {
      const id = store.startRun(profile, action);
      store.finishRun(id, 'succeeded');
      ids.push(id);
    }
    expect(store.runs('p1').map((r) => r.action)).toEqual(['a3', 'a2', 'a1']);
    expect(store.runs().map((r) => r.action)).toEqual(['a3', 'a2', 'b1', 'a1']);
    expect(store.runs('p1', 2).map((r) => r.id)).toEqual([ids[3], ids[2]]);
    expect(store.runs('p3')).toEqual([]);
  });
});

describe('per-profile run lock', () => {
  it('refuses a second run on the same profile while the first is running, and frees the lock at the end', () => {
    const first = store.startRun('p1', 'products.export');
    const err = locked(() => store.startRun('p1', 'products.prices'));
    expect(err.message).toContain('p1');
    expect(err.message).toContain(`(exécution ${first}, pid `);
    expect(err.entity).toBe('profile p1');
    // The refused attempt left no run behind.
    expect(store.runs('p1').map((r) => r.id)).toEqual([first]);
    expect(store.run(first)?.status).toBe('running');

    store.finishRun(first, 'succeeded');
    const second = store.startRun('p1', 'products.prices');
    expect(second).not.toBe(first);
    expect(store.run(second)?.status).toBe('running');
  });

  it('frees the lock whatever the final status', () => {
    for (const status of ['failed', 'partial', 'interrupted', 'succeeded'] as const) {
      const id = store.startRun('p1', 'x');
      store.finishRun(id, status);
      expect(store.run(id)?.status).toBe(status);
    }
    expect(() => store.startRun('p1', 'x')).not.toThrow();
  });

  it('does not block another profile', () => {
    const a = store.startRun('p1', 'products.export');
    const b = store.startRun('p2', 'products.export');
    expect(store.run(a)?.status).toBe('running');
    expect(store.run(b)?.status).toBe('running');
    locked(() => store.startRun('p2', 'orders.import'));
  });

  it('takes over a lock left by a dead process and marks its run interrupted', () => {
    const old = store.startRun('p1', 'orders.import');
    const pid = deadPid();
    const changed = store.db.prepare('UPDATE run_locks SET pid = ? WHERE profile = ?').run(pid, 'p1').changes;
    expect(changed).toBe(1);

    clock = new Date('2026-07-07T09:00:00.000Z');
    const fresh = store.startRun('p1', 'orders.import');
    expect(fresh).not.toBe(old);
    expect(store.run(old)).toMatchObject({ status: 'interrupted', endedAt: '2026-07-07T09:00:00.000Z' });
    expect(store.run(old)?.message).toBeTruthy();
    expect(store.run(fresh)?.status).toBe('running');
    // The lock now belongs to the new run and this process.
    const lock = store.db.prepare('SELECT run_id, pid FROM run_locks WHERE profile = ?').get('p1') as { run_id: number; pid: number };
    expect(lock).toEqual({ run_id: fresh, pid: process.pid });
    locked(() => store.startRun('p1', 'orders.import'));
  });

  it('listing runs records the runs of dead processes interrupted, leaves live ones and other hosts alone, and frees their profiles', () => {
    const dead = store.startRun('p1', 'orders.import');
    const live = store.startRun('p2', 'products.export');
    const remote = store.startRun('p3', 'products.export');
    store.db.prepare('UPDATE run_locks SET pid = ? WHERE profile = ?').run(deadPid(), 'p1');
    store.db.prepare('UPDATE run_locks SET pid = ?, host = ? WHERE profile = ?').run(deadPid(), 'other-host.example', 'p3');
    clock = new Date('2026-07-07T09:00:00.000Z');
    expect(store.reapDeadRuns()).toBe(1);
    expect(store.run(dead)).toMatchObject({ status: 'interrupted', endedAt: '2026-07-07T09:00:00.000Z', message: 'run.processEnded' });
    expect(store.run(live)?.status).toBe('running');
    expect(store.run(remote)?.status).toBe('running');
    expect(store.reapDeadRuns()).toBe(0);
    // p1 is free again without any takeover.
    expect(store.startRun('p1', 'orders.import')).toBeGreaterThan(remote);
  });

  it('does not take over a lock held on another host (its pid cannot be checked)', () => {
    const old = store.startRun('p1', 'orders.import');
    store.db.prepare('UPDATE run_locks SET pid = ?, host = ? WHERE profile = ?').run(deadPid(), 'other-host.example', 'p1');
    locked(() => store.startRun('p1', 'orders.import'));
    expect(store.run(old)?.status).toBe('running');
  });

  it('is shared by two stores on the same file, as two processes would share it', () => {
    const other = open();
    const id = store.startRun('p1', 'products.export');
    locked(() => other.startRun('p1', 'products.stocks'));
    expect(() => other.startRun('p2', 'products.stocks')).not.toThrow();
    // The other store sees the run and its counts.
    store.count(id, 'article', 'updated', 3);
    expect(other.run(id)?.counts).toEqual({ article: { created: 0, updated: 3, unchanged: 0, skipped: 0, failed: 0 } });

    store.finishRun(id, 'succeeded');
    const next = other.startRun('p1', 'products.stocks');
    expect(store.run(next)?.status).toBe('running');
    locked(() => store.startRun('p1', 'products.export'));
  });

  it('keeps the lock across reopening the file (a restarted CLI is still blocked while the run lives)', () => {
    const id = store.startRun('p1', 'products.export');
    store.close();
    store = new StateStore(file, () => clock);
    locked(() => store.startRun('p1', 'products.export'));
    store.finishRun(id, 'succeeded');
    expect(() => store.startRun('p1', 'products.export')).not.toThrow();
  });
});

describe('migration of a store from before partial runs and run costs', () => {
  it('keeps every run, its counts and its status, accepts partial, and stores the cost', () => {
    const oldFile = path.join(tmp, 'v1.db');
    // The version-1 schema as shipped (runs with a CHECK without 'partial'), with two runs and their counts.
    const db = new Database(oldFile);
    db.exec(`
      CREATE TABLE bindings (profile TEXT NOT NULL, kind TEXT NOT NULL, gescom_key TEXT NOT NULL, shop_id TEXT NOT NULL,
        payload_hash TEXT, synced_at TEXT NOT NULL, PRIMARY KEY (profile, kind, gescom_key));
      CREATE TABLE transfer_dates (profile TEXT NOT NULL, action TEXT NOT NULL, last_date TEXT NOT NULL, PRIMARY KEY (profile, action));
      CREATE TABLE transferred_orders (profile TEXT NOT NULL, shop_order_id TEXT NOT NULL, document_number TEXT, document_type TEXT,
        state TEXT NOT NULL CHECK (state IN ('importing','imported')), shop_status TEXT, imported_at TEXT NOT NULL, run_id INTEGER,
        PRIMARY KEY (profile, shop_order_id));
      CREATE TABLE runs (id INTEGER PRIMARY KEY AUTOINCREMENT, profile TEXT NOT NULL, action TEXT NOT NULL, params TEXT NOT NULL DEFAULT '{}',
        status TEXT NOT NULL CHECK (status IN ('running','succeeded','failed','interrupted')), started_at TEXT NOT NULL, ended_at TEXT,
        pid INTEGER, host TEXT, message TEXT);
      CREATE INDEX runs_profile ON runs(profile, id);
      CREATE TABLE run_counts (run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE, entity TEXT NOT NULL,
        created INTEGER NOT NULL DEFAULT 0, updated INTEGER NOT NULL DEFAULT 0, unchanged INTEGER NOT NULL DEFAULT 0,
        skipped INTEGER NOT NULL DEFAULT 0, failed INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (run_id, entity));
      CREATE TABLE run_locks (profile TEXT PRIMARY KEY, run_id INTEGER, pid INTEGER NOT NULL, host TEXT NOT NULL, acquired_at TEXT NOT NULL);
      INSERT INTO runs (id, profile, action, status, started_at, ended_at, message) VALUES
        (57, 'p1', 'shop.check', 'succeeded', '2026-07-01T08:00:00.000Z', '2026-07-01T08:00:02.000Z', NULL),
        (58, 'p1', 'products.stocks', 'succeeded', '2026-07-02T08:00:00.000Z', '2026-07-02T08:01:00.000Z', '4 failed');
      INSERT INTO run_counts (run_id, entity, unchanged, failed) VALUES (57, 'connection', 3, 0), (58, 'stock', 4868, 4);
      PRAGMA user_version = 1;
    `);
    db.close();

    const migrated = new StateStore(oldFile, () => clock);
    try {
      // 4: the preview flag of runs (a run recorded before is no preview).
      expect(migrated.db.pragma('user_version', { simple: true })).toBe(4);
      expect(migrated.run(58)).toEqual({
        id: 58, profile: 'p1', action: 'products.stocks', params: {}, status: 'succeeded',
        startedAt: '2026-07-02T08:00:00.000Z', endedAt: '2026-07-02T08:01:00.000Z', message: '4 failed',
        requests: 0, writeRequests: 0, durationMs: null,
        counts: { stock: { created: 0, updated: 0, unchanged: 4868, skipped: 0, failed: 4 } }, preview: false,
      });
      expect(migrated.run(57)?.counts.connection?.unchanged).toBe(3);
      // Ids go on from the old ones; the new status and the cost are stored.
      const id = migrated.startRun('p1', 'products.stocks');
      expect(id).toBe(59);
      migrated.count(id, 'stock', 'failed', 2);
      migrated.finishRun(id, 'partial', '2 en erreur, 10 sans erreur', { requests: 7, writeRequests: 1, durationMs: 1234 });
      expect(migrated.run(id)).toMatchObject({ status: 'partial', requests: 7, writeRequests: 1, durationMs: 1234, counts: { stock: { failed: 2 } } });
      // Foreign keys are back on: deleting a run still drops its counts.
      expect(migrated.db.pragma('foreign_keys', { simple: true })).toBe(1);
      migrated.db.prepare('DELETE FROM runs WHERE id = 57').run();
      expect(migrated.db.prepare('SELECT COUNT(*) AS n FROM run_counts WHERE run_id = 57').get()).toEqual({ n: 0 });
      expect(() => migrated.db.prepare("UPDATE runs SET status = 'bogus' WHERE id = 58").run()).toThrow(/CHECK/);
    } finally {
      migrated.close();
    }
  });
});
