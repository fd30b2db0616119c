/**
 * Why a run was stopped, carried as its AbortSignal's reason: the HTTP client rethrows it, the
 * runner journals it in the profile's language and records the run interrupted.
 */
import { PasserelleError } from '../errors.js';
import { msg } from '../i18n/catalogue.js';

export type InterruptionSource = 'SIGINT' | 'SIGTERM' | 'cancel';

export class RunInterrupted extends PasserelleError {
  constructor(readonly source: InterruptionSource) {
    super(msg(`run.interrupted.${source}`));
  }
}

/** The interruption behind an aborted signal; an abort without a reason of ours counts as a cancel. */
export function interruptionOf(signal: AbortSignal): RunInterrupted {
  return signal.reason instanceof RunInterrupted ? signal.reason : new RunInterrupted('cancel');
}
