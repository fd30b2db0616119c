/**
 * What the recorders keep in the state store (tables of their own on its handle): each run's
 * report (it goes with its run when the history is purged: it holds customer data), and per
 * entity the fields last sent to the shop, from which a preview tells old -> new.
 */
import type Database from 'better-sqlite3';
import type { Fields } from './fields.js';
import type { PreviewReport } from './report.js';

export class PreviewStore {
  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS run_reports (run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE, report TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS sent_fields (profile TEXT NOT NULL, kind TEXT NOT NULL, gescom_key TEXT NOT NULL, fields TEXT NOT NULL,
        PRIMARY KEY (profile, kind, gescom_key));
    `);
  }

  saveReport(report: PreviewReport): void {
    this.db.prepare('INSERT OR REPLACE INTO run_reports (run_id, report) VALUES (?, ?)').run(report.runId, JSON.stringify(report));
  }

  report(runId: number): PreviewReport | null {
    const r = this.db.prepare('SELECT report FROM run_reports WHERE run_id = ?').get(runId) as { report: string } | undefined;
    return r ? (JSON.parse(r.report) as PreviewReport) : null;
  }

  sentFields(profile: string, kind: string, key: string): Fields | null {
    const r = this.db.prepare('SELECT fields FROM sent_fields WHERE profile = ? AND kind = ? AND gescom_key = ?').get(profile, kind, key) as { fields: string } | undefined;
    return r ? (JSON.parse(r.fields) as Fields) : null;
  }

  saveSentFields(profile: string, items: { kind: string; key: string; fields: Fields }[]): void {
    if (!items.length) return;
    const stmt = this.db.prepare('INSERT OR REPLACE INTO sent_fields (profile, kind, gescom_key, fields) VALUES (?, ?, ?, ?)');
    this.db.transaction(() => {
      for (const i of items) stmt.run(profile, i.kind, i.key, JSON.stringify(i.fields));
    })();
  }
}
