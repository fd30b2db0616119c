/**
 * What the daily digest (PRF-07) keeps between runs, in the state database: the runs waiting for
 * the next digest of their profile, with their error lines (the run history keeps the summary,
 * not the journal), and when each profile's last digest went out, so that a digest missed while
 * the service was down is sent once at the next start. CLI runs land here too: the service sends.
 */
import type Database from 'better-sqlite3';

export interface PendingRun {
  runId: number;
  /** The run's error lines as journalled (masked), at most what the hook was given. */
  errors: string[];
  addedAt: string;
}

export class NotificationStore {
  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS notification_digest_runs (profile TEXT NOT NULL, run_id INTEGER NOT NULL,
        errors TEXT NOT NULL DEFAULT '[]', added_at TEXT NOT NULL, PRIMARY KEY (profile, run_id));
      CREATE TABLE IF NOT EXISTS notification_digest_sent (profile TEXT PRIMARY KEY, sent_at TEXT NOT NULL);
    `);
  }

  addRun(profile: string, runId: number, errors: string[], at: Date): void {
    this.db.prepare(`INSERT INTO notification_digest_runs (profile, run_id, errors, added_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (profile, run_id) DO UPDATE SET errors = excluded.errors`).run(profile, runId, JSON.stringify(errors), at.toISOString());
  }

  pending(profile: string): PendingRun[] {
    const rows = this.db.prepare('SELECT run_id, errors, added_at FROM notification_digest_runs WHERE profile = ? ORDER BY run_id')
      .all(profile) as { run_id: number; errors: string; added_at: string }[];
    return rows.map((r) => ({ runId: r.run_id, errors: JSON.parse(r.errors) as string[], addedAt: r.added_at }));
  }

  /** The digest went out: its runs leave the queue (runs added meanwhile stay) and the time is kept. */
  markSent(profile: string, runIds: number[], at: Date): void {
    this.db.transaction(() => {
      const del = this.db.prepare('DELETE FROM notification_digest_runs WHERE profile = ? AND run_id = ?');
      for (const id of runIds) del.run(profile, id);
      this.setLastSent(profile, at);
    })();
  }

  lastSent(profile: string): string | null {
    const r = this.db.prepare('SELECT sent_at FROM notification_digest_sent WHERE profile = ?').get(profile) as { sent_at: string } | undefined;
    return r?.sent_at ?? null;
  }

  setLastSent(profile: string, at: Date): void {
    this.db.prepare(`INSERT INTO notification_digest_sent (profile, sent_at) VALUES (?, ?)
      ON CONFLICT (profile) DO UPDATE SET sent_at = excluded.sent_at`).run(profile, at.toISOString());
  }

  /** Deleted profiles leave nothing behind: rows of any profile not in `profiles` go. */
  keepOnly(profiles: string[]): void {
    const list = JSON.stringify(profiles);
    this.db.prepare('DELETE FROM notification_digest_runs WHERE profile NOT IN (SELECT value FROM json_each(?))').run(list);
    this.db.prepare('DELETE FROM notification_digest_sent WHERE profile NOT IN (SELECT value FROM json_each(?))').run(list);
  }
}
