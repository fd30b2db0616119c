/**
 * Display labels of stable tokens: a run's status is stored and sent as JSON as an
 * English token (`succeeded`, `failed`…) that scripts rely on; people read it in
 * their language.
 */
import { isMessageKey, tr, type Lang } from './catalogue.js';

/** "Réussie" / "Succeeded" for `succeeded`; a token without a label (a newer status) is shown as it is. */
export function runStatusLabel(status: string, lang?: Lang): string {
  const key = `run.status.${status}`;
  return isMessageKey(key) ? tr(key, {}, lang) : status;
}

/** A run record with its status label added for display (`statusLabel`); the `status` token is unchanged. */
export function withStatusLabel<T extends { status: string; message?: string | null }>(run: T, lang?: Lang): T & { statusLabel: string } {
  return { ...run, statusLabel: runStatusLabel(run.status, lang), ...(run.message !== undefined ? { message: runMessageLabel(run.message, lang) } : {}) };
}

/**
 * A run's message for display: the state store records a run ended by a dead process
 * with a catalogue key (it has no language of its own); other messages were written
 * in the profile's language by the run itself.
 */
export function runMessageLabel(message: string | null, lang?: Lang): string | null {
  return message !== null && isMessageKey(message) ? tr(message, {}, lang) : message;
}
