/**
 * The state store (SQLite in the data folder): bindings GesCom key -> shop id with
 * the hash of the last payload sent, last transfer dates per action, transferred
 * orders, run history with per-entity counts, and the per-profile run lock.
 * Several processes (CLI, service, scheduler) share it: WAL mode and short
 * immediate transactions.
 */
import { statementCache } from '../util/sqlite-statements.js';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError, RunLockedError } from '../errors.js';
import { msg } from '../i18n/catalogue.js';
import { inMemoryCopy } from '../util/sqlite-copy.js';

const MIGRATIONS = [
  `
  CREATE TABLE bindings (profile TEXT NOT NULL, kind TEXT NOT NULL, gescom_key TEXT NOT NULL, shop_id TEXT NOT NULL,
    payload_hash TEXT, synced_at TEXT NOT NULL, PRIMARY KEY (profile, kind, gescom_key));
  CREATE INDEX bindings_shop ON bindings(profile, kind, shop_id);
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
  `,
  // 2: 'partial' joins the statuses (SQLite cannot alter a CHECK: the table is rebuilt, ids kept so run_counts
  // still match), and each run keeps what it cost the shop (requests, writes) and how long it took.
  `
  CREATE TABLE runs_v2 (id INTEGER PRIMARY KEY AUTOINCREMENT, profile TEXT NOT NULL, action TEXT NOT NULL, params TEXT NOT NULL DEFAULT '{}',
    status TEXT NOT NULL CHECK (status IN ('running','succeeded','partial','failed','interrupted')), started_at TEXT NOT NULL, ended_at TEXT,
    pid INTEGER, host TEXT, message TEXT, requests INTEGER NOT NULL DEFAULT 0, write_requests INTEGER NOT NULL DEFAULT 0, duration_ms INTEGER);
  INSERT INTO runs_v2 (id, profile, action, params, status, started_at, ended_at, pid, host, message)
    SELECT id, profile, action, params, status, started_at, ended_at, pid, host, message FROM runs;
  DROP TABLE runs;
  ALTER TABLE runs_v2 RENAME TO runs;
  CREATE INDEX runs_profile ON runs(profile, id);
  `,
  // 3: two shops on one GesCom company. A transferred order is keyed by (shop identity, order id), so that two
  // profiles on one shop share it and two shops' order 530 do not. Rows written before do not know their
  // shop: they get the key '~<profile>' until the profile's next order run ties them to its identity
  // (adoptLegacyOrders). shop_accounts records which shop a customer account of a GesCom was made for.
  `
  CREATE TABLE transferred_orders_v3 (shop_key TEXT NOT NULL, shop_order_id TEXT NOT NULL, profile TEXT NOT NULL, document_number TEXT,
    document_type TEXT, state TEXT NOT NULL CHECK (state IN ('importing','imported')), shop_status TEXT, imported_at TEXT NOT NULL, run_id INTEGER,
    PRIMARY KEY (shop_key, shop_order_id));
  INSERT INTO transferred_orders_v3 (shop_key, shop_order_id, profile, document_number, document_type, state, shop_status, imported_at, run_id)
    SELECT '~' || profile, shop_order_id, profile, document_number, document_type, state, shop_status, imported_at, run_id FROM transferred_orders;
  DROP TABLE transferred_orders;
  ALTER TABLE transferred_orders_v3 RENAME TO transferred_orders;
  CREATE INDEX transferred_orders_profile ON transferred_orders(profile, shop_order_id);
  CREATE TABLE shop_accounts (gescom TEXT NOT NULL, account TEXT NOT NULL, shop_key TEXT NOT NULL, profile TEXT NOT NULL, created_at TEXT NOT NULL,
    PRIMARY KEY (gescom, account));
  `,
  // 4: a preview (--dry-run) is recorded in the history like any run, marked as such.
  `
  ALTER TABLE runs ADD COLUMN preview INTEGER NOT NULL DEFAULT 0;
  `,
];

/** The shop key of transferred orders recorded before shops were told apart, until adopted. */
export const legacyShopKey = (profile: string): string => `~${profile}`;

/**
 * Whose transferred orders: a profile and the identity of its shop (the key), or a bare profile name,
 * which reads every row the profile wrote and writes under its legacy key (callers that do not know
 * the shop: older code paths and tests).
 */
export type OrderScope = string | { profile: string; shop: string };

function scopeOf(scope: OrderScope): { profile: string; shop: string; byProfile: boolean } {
  return typeof scope === 'string' ? { profile: scope, shop: legacyShopKey(scope), byProfile: true } : { ...scope, byProfile: false };
}

export interface Binding {
  profile: string;
  kind: string;
  gescomKey: string;
  shopId: string;
  payloadHash: string | null;
  syncedAt: string;
}

/**
 * succeeded: everything done; partial: some items failed, the others went through; failed: the run could
 * not do its job (it stopped on an error, or every item it tried failed); interrupted: stopped by the user
 * (Ctrl-C, SIGTERM, cancel) or by the death of its process.
 */
export type RunStatus = 'running' | 'succeeded' | 'partial' | 'failed' | 'interrupted';
export type FinalRunStatus = Exclude<RunStatus, 'running'>;
export type CountKind = 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';
export type EntityCounts = Record<CountKind, number>;

export interface RunRecord {
  id: number;
  profile: string;
  action: string;
  params: Record<string, unknown>;
  status: RunStatus;
  startedAt: string;
  endedAt: string | null;
  message: string | null;
  /** Requests sent to the shop, retries included, and among them the writes (POST, PUT, PATCH, DELETE). */
  requests: number;
  writeRequests: number;
  /** null while running. */
  durationMs: number | null;
  counts: Record<string, EntityCounts>;
  /** A preview (--dry-run): it read both sides and wrote nothing. */
  preview: boolean;
}

/** What a run cost, stored with its outcome. */
export interface RunCost {
  requests: number;
  writeRequests: number;
  durationMs: number;
}

export interface TransferredOrder {
  /** The profile that recorded it last. */
  profile: string;
  shopKey: string;
  shopOrderId: string;
  documentNumber: string | null;
  documentType: string | null;
  state: 'importing' | 'imported';
  shopStatus: string | null;
  importedAt: string;
}

type Row = Record<string, unknown>;

/** SQLite does not always wait by itself when switching to WAL while another connection does: retry briefly. */
function withBusyRetry<T>(fn: () => T, tries = 100): T {
  for (let i = 1; ; i++) {
    try {
      return fn();
    } catch (err) {
      if ((err as { code?: string }).code !== 'SQLITE_BUSY' || i >= tries) throw err;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs this process started and has not finished, per state file. A lock bearing this process's
 * pid but not among them was left by an earlier process that had the same pid: a container
 * restarted, where the service is pid 1 every time. Its run died with that process.
 */
const ownRuns = new Map<string, Set<number>>();

export class StateStore {
  readonly db: Database.Database;
  private readonly now: () => Date;
  /** Prepared once per SQL text: a big export saves tens of thousands of bindings. */
  private readonly sql: (text: string) => Database.Statement;
  private readonly own: Set<number>;

  /** `file`, or an open database (an in-memory copy, see inMemoryCopy). */
  constructor(file: string | Database.Database, now: () => Date = () => new Date()) {
    // Several processes (service, CLI, scheduler) may open a fresh file at once:
    // wait on locks, and read the schema version inside the migrating transaction.
    this.db = typeof file === 'string' ? new Database(file, { timeout: 10_000 }) : file;
    this.sql = statementCache(this.db);
    this.now = now;
    // An in-memory copy (a preview's) runs nothing of its own: its own set.
    const key = typeof file === 'string' ? path.resolve(file) : null;
    this.own = (key && ownRuns.get(key)) || new Set<number>();
    if (key) ownRuns.set(key, this.own);
    try {
      this.db.pragma('busy_timeout = 10000');
      withBusyRetry(() => this.db.pragma('journal_mode = WAL'));
      // Off while migrating: rebuilding a table would otherwise cascade its DROP to the rows that reference it
      // (the pragma cannot change inside a transaction).
      this.db.pragma('foreign_keys = OFF');
      this.db.transaction(() => {
        const version = this.db.pragma('user_version', { simple: true }) as number;
        for (let v = version; v < MIGRATIONS.length; v++) {
          this.db.exec(MIGRATIONS[v]!);
          this.db.pragma(`user_version = ${v + 1}`);
        }
      }).immediate();
      this.db.pragma('foreign_keys = ON');
    } catch (err) {
      this.db.close();
      // SQLite's "file is not a database" names no file: say which one.
      const code = (err as { code?: unknown }).code;
      if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') {
        throw new ConfigError(msg('cli.err.stateDbUnreadable', { file: typeof file === 'string' ? path.resolve(file) : ':memory:', detail: (err as Error).message }), 'state', 'state.db');
      }
      throw err;
    }
  }

  close(): void {
    if (this.db.open) this.db.close();
  }

  /** A copy in memory of everything the store holds: a preview's actions write there, the file is left as it was. */
  inMemoryCopy(): StateStore {
    return new StateStore(inMemoryCopy(this.db), this.now);
  }

  private iso(): string {
    return this.now().toISOString();
  }

  // ------------------------------------------------------------ bindings

  binding(profile: string, kind: string, gescomKey: string): Binding | null {
    const r = this.sql('SELECT * FROM bindings WHERE profile = ? AND kind = ? AND gescom_key = ?').get(profile, kind, gescomKey) as Row | undefined;
    return r ? this.toBinding(r) : null;
  }

  bindingByShopId(profile: string, kind: string, shopId: string): Binding | null {
    const r = this.sql('SELECT * FROM bindings WHERE profile = ? AND kind = ? AND shop_id = ?').get(profile, kind, shopId) as Row | undefined;
    return r ? this.toBinding(r) : null;
  }

  /** All bindings of a kind, as a map for a run that checks thousands of entities. */
  bindings(profile: string, kind: string): Map<string, Binding> {
    const out = new Map<string, Binding>();
    for (const r of this.sql('SELECT * FROM bindings WHERE profile = ? AND kind = ?').all(profile, kind) as Row[]) {
      const b = this.toBinding(r);
      out.set(b.gescomKey, b);
    }
    return out;
  }

  private toBinding(r: Row): Binding {
    return {
      profile: String(r.profile), kind: String(r.kind), gescomKey: String(r.gescom_key), shopId: String(r.shop_id),
      payloadHash: r.payload_hash === null ? null : String(r.payload_hash), syncedAt: String(r.synced_at),
    };
  }

  saveBinding(profile: string, kind: string, gescomKey: string, shopId: string, payloadHash: string | null): void {
    this.sql(`INSERT INTO bindings (profile, kind, gescom_key, shop_id, payload_hash, synced_at) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (profile, kind, gescom_key) DO UPDATE SET shop_id = excluded.shop_id, payload_hash = excluded.payload_hash, synced_at = excluded.synced_at`)
      .run(profile, kind, gescomKey, shopId, payloadHash, this.iso());
  }

  /** Runs `write` in one transaction: a page of results saved with one disk sync instead of one per row. */
  inTransaction<T>(write: () => T): T {
    return this.db.transaction(write)();
  }

  /** Saves many bindings in one transaction (a batch of 100 products answered at once). */
  saveBindings(profile: string, kind: string, items: { gescomKey: string; shopId: string; payloadHash: string | null }[]): void {
    this.db.transaction(() => {
      for (const i of items) this.saveBinding(profile, kind, i.gescomKey, i.shopId, i.payloadHash);
    })();
  }

  deleteBinding(profile: string, kind: string, gescomKey: string): void {
    this.sql('DELETE FROM bindings WHERE profile = ? AND kind = ? AND gescom_key = ?').run(profile, kind, gescomKey);
  }

  // ------------------------------------------------------------ transfer dates

  lastTransferDate(profile: string, action: string): string | null {
    const r = this.sql('SELECT last_date FROM transfer_dates WHERE profile = ? AND action = ?').get(profile, action) as Row | undefined;
    return r ? String(r.last_date) : null;
  }

  setLastTransferDate(profile: string, action: string, date: string | null): void {
    if (date === null) {
      this.sql('DELETE FROM transfer_dates WHERE profile = ? AND action = ?').run(profile, action);
      return;
    }
    this.sql('INSERT INTO transfer_dates (profile, action, last_date) VALUES (?, ?, ?) ON CONFLICT (profile, action) DO UPDATE SET last_date = excluded.last_date')
      .run(profile, action, date);
  }

  transferDates(profile: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const r of this.sql('SELECT action, last_date FROM transfer_dates WHERE profile = ? ORDER BY action').all(profile) as Row[]) {
      out[String(r.action)] = String(r.last_date);
    }
    return out;
  }

  // ------------------------------------------------------------ transferred orders

  transferredOrder(scope: OrderScope, shopOrderId: string): TransferredOrder | null {
    const sc = scopeOf(scope);
    const r = (sc.byProfile
      ? this.sql('SELECT * FROM transferred_orders WHERE profile = ? AND shop_order_id = ? ORDER BY imported_at DESC LIMIT 1').get(sc.profile, shopOrderId)
      // The shop's row, else one the profile wrote before shops were told apart and not tied yet.
      : this.sql('SELECT * FROM transferred_orders WHERE shop_key IN (?, ?) AND shop_order_id = ? ORDER BY shop_key = ? DESC LIMIT 1')
        .get(sc.shop, legacyShopKey(sc.profile), shopOrderId, sc.shop)) as Row | undefined;
    return r ? this.toOrder(r) : null;
  }

  transferredOrders(scope: OrderScope): TransferredOrder[] {
    const sc = scopeOf(scope);
    const rows = sc.byProfile
      ? this.sql('SELECT * FROM transferred_orders WHERE profile = ? ORDER BY imported_at, shop_order_id').all(sc.profile)
      : this.sql('SELECT * FROM transferred_orders WHERE shop_key IN (?, ?) ORDER BY imported_at, shop_order_id').all(sc.shop, legacyShopKey(sc.profile));
    return (rows as Row[]).map((r) => this.toOrder(r));
  }

  private toOrder(r: Row): TransferredOrder {
    return {
      profile: String(r.profile), shopKey: String(r.shop_key), shopOrderId: String(r.shop_order_id),
      documentNumber: r.document_number === null ? null : String(r.document_number),
      documentType: r.document_type === null ? null : String(r.document_type), state: r.state === 'imported' ? 'imported' : 'importing',
      shopStatus: r.shop_status === null ? null : String(r.shop_status), importedAt: String(r.imported_at),
    };
  }

  /** Marks an order as being imported; false when another run already claimed or imported it. */
  claimOrder(scope: OrderScope, shopOrderId: string, runId: number | null): boolean {
    const sc = scopeOf(scope);
    const info = this.sql("INSERT INTO transferred_orders (shop_key, shop_order_id, profile, state, imported_at, run_id) VALUES (?, ?, ?, 'importing', ?, ?) ON CONFLICT DO NOTHING")
      .run(sc.shop, shopOrderId, sc.profile, this.iso(), runId);
    return info.changes === 1;
  }

  markOrderImported(scope: OrderScope, shopOrderId: string, documentNumber: string, documentType: string, shopStatus: string | null): void {
    const sc = scopeOf(scope);
    this.sql(`INSERT INTO transferred_orders (shop_key, shop_order_id, profile, document_number, document_type, state, shop_status, imported_at)
        VALUES (?, ?, ?, ?, ?, 'imported', ?, ?) ON CONFLICT (shop_key, shop_order_id) DO UPDATE SET profile = excluded.profile,
        document_number = excluded.document_number, document_type = excluded.document_type, state = 'imported', shop_status = excluded.shop_status,
        imported_at = excluded.imported_at`)
      .run(sc.shop, shopOrderId, sc.profile, documentNumber, documentType, shopStatus, this.iso());
  }

  /** CMD-13 reset: the listed orders (or all) become importable again. Returns how many were forgotten. */
  resetOrders(scope: OrderScope, ids: string[] | 'ALL'): number {
    const sc = scopeOf(scope);
    // A shop's orders whichever profile recorded them, plus the profile's own rows not tied to a shop yet.
    const where = sc.byProfile ? 'profile = ?' : '(shop_key = ? OR shop_key = ?)';
    const args = sc.byProfile ? [sc.profile] : [sc.shop, legacyShopKey(sc.profile)];
    if (ids === 'ALL') return this.sql(`DELETE FROM transferred_orders WHERE ${where}`).run(...args).changes;
    const stmt = this.sql(`DELETE FROM transferred_orders WHERE ${where} AND shop_order_id = ?`);
    let n = 0;
    this.db.transaction(() => {
      for (const id of ids) n += stmt.run(...args, id).changes;
    })();
    return n;
  }

  /**
   * Ties the orders a profile recorded before shops were told apart to its shop identity. A row the
   * shop already holds wins over the legacy one. Returns the rows tied (for their documents to follow).
   */
  adoptLegacyOrders(profile: string, shop: string): TransferredOrder[] {
    const legacy = legacyShopKey(profile);
    return this.db.transaction(() => {
      const rows = (this.sql('SELECT * FROM transferred_orders WHERE shop_key = ?').all(legacy) as Row[]).map((r) => this.toOrder(r));
      if (!rows.length) return [];
      this.sql('UPDATE OR IGNORE transferred_orders SET shop_key = ? WHERE shop_key = ?').run(shop, legacy);
      this.sql('DELETE FROM transferred_orders WHERE shop_key = ?').run(legacy);
      return rows.map((r) => ({ ...r, shopKey: shop }));
    }).immediate();
  }

  // ------------------------------------------------------------ customer accounts of shops

  /**
   * Records that a GesCom customer account is the one of a shop's customer, unless it already
   * belongs to a shop; returns the shop it belongs to (this one, or the one that had it first).
   */
  claimAccount(gescom: string, account: string, shop: string, profile: string): string {
    return this.db.transaction(() => {
      this.sql('INSERT INTO shop_accounts (gescom, account, shop_key, profile, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING')
        .run(gescom, account, shop, profile, this.iso());
      return String((this.sql('SELECT shop_key FROM shop_accounts WHERE gescom = ? AND account = ?').get(gescom, account) as Row).shop_key);
    }).immediate();
  }

  /** The shop a customer account of this GesCom was made for, or null when none recorded it. */
  accountShop(gescom: string, account: string): string | null {
    const r = this.sql('SELECT shop_key FROM shop_accounts WHERE gescom = ? AND account = ?').get(gescom, account) as Row | undefined;
    return r ? String(r.shop_key) : null;
  }

  // ------------------------------------------------------------ runs and locks

  /**
   * Takes the profile's run lock and records the run, atomically: two runs started
   * at once on one profile cannot both get here. A lock left by a dead process is
   * taken over and its run marked interrupted.
   */
  startRun(profile: string, action: string, params: Record<string, unknown> = {}, preview = false): number {
    const host = os.hostname();
    return this.db.transaction(() => {
      const lock = this.sql('SELECT * FROM run_locks WHERE profile = ?').get(profile) as Row | undefined;
      if (lock) {
        const alive = this.lockAlive(lock, host);
        if (alive) {
          throw new RunLockedError(
            msg('state.runInProgress', { profile, run: String(lock.run_id), pid: String(lock.pid) }),
            `profile ${profile}`,
          );
        }
        this.releaseDeadLock(profile, Number(lock.run_id));
      }
      const info = this.sql("INSERT INTO runs (profile, action, params, status, started_at, pid, host, preview) VALUES (?, ?, ?, 'running', ?, ?, ?, ?)")
        .run(profile, action, JSON.stringify(params), this.iso(), process.pid, host, preview ? 1 : 0);
      const runId = Number(info.lastInsertRowid);
      this.own.add(runId);
      this.sql('INSERT INTO run_locks (profile, run_id, pid, host, acquired_at) VALUES (?, ?, ?, ?, ?)').run(profile, runId, process.pid, host, this.iso());
      return runId;
    }).immediate();
  }

  /** Whether a lock's process still runs: another host's is taken as alive; this pid's only for its own runs. */
  private lockAlive(lock: Row, host: string): boolean {
    if (String(lock.host) !== host) return true;
    const pid = Number(lock.pid);
    return pid === process.pid ? this.own.has(Number(lock.run_id)) : pidAlive(pid);
  }

  /** The run of a lock whose process is gone is interrupted, and the lock freed (inside the caller's transaction). */
  private releaseDeadLock(profile: string, runId: number): void {
    this.sql("UPDATE runs SET status = 'interrupted', ended_at = ?, message = 'run.processEnded' WHERE id = ? AND status = 'running'")
      .run(this.iso(), runId);
    this.sql('DELETE FROM run_locks WHERE profile = ?').run(profile);
  }

  /**
   * Runs whose process died on this machine (kill -9, power cut) are recorded interrupted now,
   * so that the history shown to a person never says running; the CLI and the API call it before listing. Returns how many.
   */
  reapDeadRuns(): number {
    const host = os.hostname();
    const dead = () => (this.sql('SELECT * FROM run_locks').all() as Row[])
      .filter((lock) => !this.lockAlive(lock, host));
    // Read first: with no dead run nothing is written (a read-only data folder still lists its runs).
    if (dead().length === 0) return 0;
    return this.db.transaction(() => {
      const locks = dead();
      for (const lock of locks) this.releaseDeadLock(String(lock.profile), Number(lock.run_id));
      return locks.length;
    }).immediate();
  }

  count(runId: number, entity: string, kind: CountKind, n = 1): void {
    this.sql(`INSERT INTO run_counts (run_id, entity, ${kind}) VALUES (?, ?, ?) ON CONFLICT (run_id, entity) DO UPDATE SET ${kind} = ${kind} + excluded.${kind}`)
      .run(runId, entity, n);
  }

  finishRun(runId: number, status: FinalRunStatus, message: string | null = null, cost?: RunCost): void {
    this.own.delete(runId);
    this.db.transaction(() => {
      this.sql('UPDATE runs SET status = ?, ended_at = ?, message = ?, requests = ?, write_requests = ?, duration_ms = ? WHERE id = ?')
        .run(status, this.iso(), message, cost?.requests ?? 0, cost?.writeRequests ?? 0, cost?.durationMs ?? null, runId);
      this.sql('DELETE FROM run_locks WHERE run_id = ?').run(runId);
    })();
  }

  run(runId: number): RunRecord | null {
    const r = this.sql('SELECT * FROM runs WHERE id = ?').get(runId) as Row | undefined;
    return r ? this.toRun(r) : null;
  }

  /** The history, newest first, as recorded (a display calls reapDeadRuns first). */
  runs(profile?: string, limit = 50): RunRecord[] {
    const rows = profile
      ? this.sql('SELECT * FROM runs WHERE profile = ? ORDER BY id DESC LIMIT ?').all(profile, limit)
      : this.sql('SELECT * FROM runs ORDER BY id DESC LIMIT ?').all(limit);
    return (rows as Row[]).map((r) => this.toRun(r));
  }

  private toRun(r: Row): RunRecord {
    const counts: Record<string, EntityCounts> = {};
    for (const c of this.sql('SELECT * FROM run_counts WHERE run_id = ? ORDER BY entity').all(r.id) as Row[]) {
      counts[String(c.entity)] = {
        created: Number(c.created), updated: Number(c.updated), unchanged: Number(c.unchanged), skipped: Number(c.skipped), failed: Number(c.failed),
      };
    }
    return {
      id: Number(r.id), profile: String(r.profile), action: String(r.action), params: JSON.parse(String(r.params)) as Record<string, unknown>,
      status: String(r.status) as RunStatus, startedAt: String(r.started_at), endedAt: r.ended_at === null ? null : String(r.ended_at),
      message: r.message === null ? null : String(r.message),
      requests: Number(r.requests ?? 0), writeRequests: Number(r.write_requests ?? 0), durationMs: r.duration_ms === null ? null : Number(r.duration_ms),
      counts, preview: Number(r.preview ?? 0) === 1,
    };
  }

  /**
   * Retention: forgets the profile's runs started before `before` (ISO date), their counts with
   * them; a run still running is kept. Returns how many runs went.
   */
  purgeRuns(profile: string, before: string): number {
    return this.db.transaction(() => {
      const where = "profile = ? AND started_at < ? AND status <> 'running'";
      this.sql(`DELETE FROM run_counts WHERE run_id IN (SELECT id FROM runs WHERE ${where})`).run(profile, before);
      return this.sql(`DELETE FROM runs WHERE ${where}`).run(profile, before).changes;
    })();
  }

  /** Whether a run (of any process) holds the profile's lock now. */
  locked(profile: string): boolean {
    return this.sql('SELECT 1 FROM run_locks WHERE profile = ?').get(profile) !== undefined;
  }

  /** Drops a profile's state (profile deleted). */
  forgetProfile(profile: string): void {
    this.db.transaction(() => {
      for (const t of ['bindings', 'transfer_dates', 'transferred_orders', 'run_locks', ...this.ownTables(['sent_fields'])]) {
        this.sql(`DELETE FROM ${t} WHERE profile = ?`).run(profile);
      }
    })();
  }

  /** Tables other modules create on this handle when first used (src/actions/preview/preview-store.ts): those present. */
  private ownTables(names: string[]): string[] {
    return names.filter((n) => this.sql("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(n));
  }

  renameProfile(from: string, to: string): void {
    this.db.transaction(() => {
      for (const t of ['bindings', 'transfer_dates', 'transferred_orders', 'runs', 'run_locks', 'shop_accounts', ...this.ownTables(['sent_fields'])]) {
        this.sql(`UPDATE ${t} SET profile = ? WHERE profile = ?`).run(to, from);
      }
      this.sql('UPDATE OR IGNORE transferred_orders SET shop_key = ? WHERE shop_key = ?').run(legacyShopKey(to), legacyShopKey(from));
    })();
  }
}
