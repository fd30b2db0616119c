/**
 * Retention (journal.retentionDays per profile, 0 = keep forever): run history and journal lines
 * hold customer data (names, e-mail addresses, order numbers), so what is older than the retention
 * goes: runs and their counts from the state store, journal lines and rotated files (retention.ts).
 * `passerelle purge` does it on demand; the service does it at start and every day (startRetentionJob).
 */
import { Cron } from 'croner';
import { purgeJournal } from '../journal/retention.js';
import type { AppContext } from './app-context.js';

export interface PurgeReport {
  profile: string;
  retentionDays: number;
  /** Everything before this instant went (ISO); null when the profile keeps everything. */
  cutoff: string | null;
  runs: number;
  filesDeleted: string[];
  linesDropped: number;
  /** The current journal file was left alone: a run of the profile was writing to it. */
  currentSkipped: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function purgeProfile(app: AppContext, name: string, now: Date = new Date()): PurgeReport {
  const profile = app.profiles.load(name);
  const days = profile.journal.retentionDays;
  const report: PurgeReport = { profile: name, retentionDays: days, cutoff: null, runs: 0, filesDeleted: [], linesDropped: 0, currentSkipped: false };
  if (days === 0) return report;
  const cutoff = new Date(now.getTime() - days * DAY_MS);
  report.cutoff = cutoff.toISOString();
  report.runs = app.state.purgeRuns(name, report.cutoff);
  report.currentSkipped = app.state.locked(name);
  const journal = purgeJournal(app.dir.journalsDir, name, cutoff, profile.general.timezone, report.currentSkipped);
  report.filesDeleted = journal.filesDeleted;
  report.linesDropped = journal.linesDropped;
  return report;
}

/** Every profile, or the one named; a profile that cannot be read is reported by the error it raised. */
export function purgeProfiles(app: AppContext, names: string[] = app.profiles.list(), now: Date = new Date()): PurgeReport[] {
  return names.map((name) => purgeProfile(app, name, now));
}

/** When the daily purge runs: at night, when runs are rare. */
export const PURGE_CRON = '17 3 * * *';

/**
 * The service's purge: once at start (a service restarted every day would otherwise never reach
 * its nightly slot), then every night. `onError` hears what went wrong; the job keeps going.
 */
export function startRetentionJob(app: AppContext, onError: (err: unknown) => void = () => {}): { stop(): void } {
  const run = () => {
    for (const name of app.profiles.list()) {
      try {
        purgeProfile(app, name);
      } catch (err) {
        onError(err);
      }
    }
  };
  const job = new Cron(PURGE_CRON, { protect: true, catch: (err) => onError(err) }, run);
  const first = setTimeout(() => {
    try {
      run();
    } catch (err) {
      onError(err);
    }
  }, 0);
  first.unref();
  return {
    stop() {
      clearTimeout(first);
      job.stop();
    },
  };
}
