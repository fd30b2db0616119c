/**
 * Compile-time only: the server's own types must still fit what api-types.ts tells the web UI.
 * A field renamed on one side fails `npm run typecheck` here instead of in the browser.
 */
import type { JournalEntry } from '../journal/journal.js';
import type { OptionInfo } from '../profile/options.js';
import type { RunRecord } from '../state/state-store.js';
import type { ApiJournalEntry, ApiOption, ApiRun } from './api-types.js';

type Fits<A, B> = [A] extends [B] ? true : false;

export const apiTypesFit: [Fits<OptionInfo, ApiOption>, Fits<RunRecord & { statusLabel: string }, ApiRun>, Fits<JournalEntry, ApiJournalEntry>] = [true, true, true];
