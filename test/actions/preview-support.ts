/**
 * What the preview tests share: a run through the real runner with its report kept, and what
 * must not move during a preview (the GesCom file, bindings, transfer dates, the profile).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { expect } from 'vitest';
import { runAction } from '../../src/actions/runner.js';
import { comparableReport, type PreviewReport } from '../../src/actions/preview/report.js';
import { PreviewStore } from '../../src/actions/preview/preview-store.js';
import type { AppContext } from '../../src/app/app-context.js';
import type { RunRecord } from '../../src/state/state-store.js';

export interface RecordedRun {
  record: RunRecord;
  report: PreviewReport;
  lines: string[];
}

/** Runs an action on the demo profile (a preview with `preview`), keeping its report and journal texts. */
export async function runWithReport(app: AppContext, action: string, preview: boolean, params: Record<string, unknown> = {}): Promise<RecordedRun> {
  let report: PreviewReport | null = null;
  const lines: string[] = [];
  const record = await runAction(app, {
    profile: 'demo', action, params, preview, onReport: (r) => (report = r),
    onEntry: (e) => {
      if (e.level !== 'progress') lines.push(e.text);
    },
  });
  if (!report) throw new Error(`no report for run ${record.id}`);
  return { record, report, lines };
}

/** Everything a preview must leave as it was: the GesCom file's bytes, the state's bindings and dates, the profile. */
export function untouched(app: AppContext, gescomDb: string): unknown {
  const db = app.state.db;
  return {
    gescom: crypto.createHash('sha256').update(fs.readFileSync(gescomDb)).digest('hex'),
    bindings: db.prepare('SELECT kind, gescom_key, shop_id, payload_hash, synced_at FROM bindings ORDER BY kind, gescom_key').all(),
    transferDates: db.prepare('SELECT * FROM transfer_dates ORDER BY action').all(),
    transferredOrders: db.prepare('SELECT * FROM transferred_orders ORDER BY shop_order_id').all(),
    sentFields: (new PreviewStore(db), db.prepare('SELECT * FROM sent_fields ORDER BY kind, gescom_key').all()),
    profile: crypto.createHash('sha256').update(JSON.stringify(app.profiles.load('demo'))).digest('hex'),
  };
}

/** What previewThenRun needs of a test environment: the app, the GesCom file, a simulator counting requests. */
export interface PreviewEnv {
  app: AppContext;
  db: string;
  sim: { resetStats(): void; stats: { requests: number; writeRequests: number } };
}

/**
 * A preview, then the real run: the preview wrote nothing (no write request, the GesCom file,
 * bindings, dates and profile as they were), is recorded as a preview, and announced exactly what
 * the run did (same report modulo the ids of creations, same counts, same status).
 */
export async function previewThenRun(env: PreviewEnv, action: string, params: Record<string, unknown> = {}): Promise<{ preview: RecordedRun; real: RecordedRun }> {
  const before = untouched(env.app, env.db);
  env.sim.resetStats();
  const preview = await runWithReport(env.app, action, true, params);
  const previewWrites = env.sim.stats.writeRequests;
  const previewRequests = env.sim.stats.requests;
  expect(untouched(env.app, env.db)).toEqual(before);
  env.sim.resetStats();
  const real = await runWithReport(env.app, action, false, params);
  console.log(`${action}: preview ${previewRequests} requests (${previewWrites} writes), run ${env.sim.stats.requests} requests (${env.sim.stats.writeRequests} writes), ${real.report.items.length} items`);
  expect(previewWrites).toBe(0);
  expect(preview.record).toMatchObject({ preview: true, status: real.record.status, writeRequests: 0 });
  expect(real.record.preview).toBe(false);
  expect(preview.record.counts).toEqual(real.record.counts);
  expect(comparableReport(preview.report)).toEqual(comparableReport(real.report));
  return { preview, real };
}
