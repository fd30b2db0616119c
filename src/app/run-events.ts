/**
 * What the rest of the application hears when a run ends (the runner calls every hook of
 * `AppContext.afterRun` once the run is recorded): e-mail notifications, stock following sales
 * across the profiles of one GesCom, metrics. A hook never changes the run's outcome: its
 * failure is reported as a warning and the run's record stays as it was.
 */
import type { JournalEntry } from '../journal/journal.js';
import type { Profile } from '../profile/schema.js';
import type { RunRecord } from '../state/state-store.js';

export interface RunFinished {
  record: RunRecord;
  /** The profile as the run read it (secrets in clear: never print it). */
  profile: Profile;
  /** Whether the run was a preview (`--dry-run`): it wrote nothing, hooks that react to writes skip it. */
  preview: boolean;
  /**
   * GesCom article codes whose stock changed while the run ran (read from the GesCom at its end);
   * empty for a preview or when the GesCom could not be read.
   */
  stockChanged: string[];
  /** The run's error lines, in order (at most MAX_ERROR_ENTRIES, the journal file has them all). */
  errors: JournalEntry[];
  /** Why the run was started: 'cli', 'api', 'schedule', 'webhook', 'stock-follow'… */
  trigger: string;
}

export const MAX_ERROR_ENTRIES = 200;

export type RunHook = (event: RunFinished) => Promise<void> | void;
