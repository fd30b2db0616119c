/**
 * What the preview tests share: a run through the real runner with its report kept, and what
 * must not move during a preview (the GesCom file, bindings, transfer dates, the profile).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
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

/** The report as the real run must repeat it. */
export const comparable = (r: PreviewReport) => comparableReport(r);

/** Counts of a record without the preview's own flag, for preview vs run. */
export const countsOf = (r: RunRecord) => r.counts;
