/**
 * How a run ends, decided once for the CLI, the history, the API and the exit code:
 * - succeeded: no item failed;
 * - partial: some items failed, others went through (created, updated or unchanged);
 * - failed: the run threw, or every item it handled failed (items skipped on purpose are not
 *   handled), or a check action had a failed check: a check's verdict is the point, a half-working
 *   connection is not a usable one;
 * - interrupted: Ctrl-C, SIGTERM, a cancel from the service, or the death of the process.
 */
import { msg, type Text } from '../i18n/catalogue.js';
import type { EntityCounts, FinalRunStatus } from '../state/state-store.js';

export interface RunVerdict {
  status: Exclude<FinalRunStatus, 'interrupted'>;
  /** Why, for the run record and the journal; null when it succeeded. */
  reason: Text | null;
}

/** The status of a run that ended without throwing, from its per-entity counts. */
export function verdictOf(counts: Iterable<EntityCounts>, check: boolean): RunVerdict {
  let failed = 0;
  let done = 0;
  for (const c of counts) {
    failed += c.failed;
    done += c.created + c.updated + c.unchanged;
  }
  if (failed === 0) return { status: 'succeeded', reason: null };
  if (check) return { status: 'failed', reason: msg('run.checksFailed', { failed }) };
  if (done === 0) return { status: 'failed', reason: msg('run.allFailed', { failed }) };
  return { status: 'partial', reason: msg('run.partial', { failed, done }) };
}

/** Exit codes of every CLI command that runs an action. */
export const EXIT_CODES: Record<FinalRunStatus | 'running', number> = {
  succeeded: 0,
  partial: 3,
  failed: 1,
  interrupted: 130,
  // A record still running after its run returned is a broken store: not a success.
  running: 1,
};

export function exitCodeOf(status: FinalRunStatus | 'running'): number {
  return EXIT_CODES[status];
}

/** Exit codes from the least to the most serious. */
const SEVERITY = (['succeeded', 'partial', 'failed', 'interrupted'] as const).map((s) => EXIT_CODES[s]);

/** The more serious of two exit codes (a command running several actions reports the worst). */
export function worseExitCode(a: number, b: number): number {
  const rank = (code: number) => SEVERITY.indexOf(code);
  return rank(b) > rank(a) ? b : a;
}
