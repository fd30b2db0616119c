/**
 * Runs one action for one profile: takes the profile's run lock, opens the GesCom,
 * journals start, progress and outcome, records per-entity counts and the run in
 * the state store, and always releases the lock. The CLI, the service and the
 * scheduler all go through here.
 */
import type { AppContext } from '../app/app-context.js';
import { ConfigError, errorMessage, PasserelleError } from '../errors.js';
import { openGesCom } from '../gescom/open-gescom.js';
import type { GesComPort } from '../gescom/port.js';
import { Journal, journalFile, type JournalEntry } from '../journal/journal.js';
import { secretKeys } from '../profile/options.js';
import type { Profile } from '../profile/schema.js';
import type { RunRecord } from '../state/state-store.js';
import { getPath } from '../util/dotted.js';
import type { ActionDef } from './action.js';
import { findAction } from './registry.js';

export interface RunOptions {
  profile: string;
  action: string;
  params?: Record<string, unknown>;
  onEntry?: (entry: JournalEntry) => void;
  /** Called once the lock is taken and the run recorded. */
  onStarted?: (runId: number) => void;
  signal?: AbortSignal;
  now?: () => Date;
}

/** Every secret value of a profile, so that the journal can mask them wherever they appear. */
export function profileSecrets(profile: Profile): string[] {
  return secretKeys().map((k) => getPath(profile, k)).filter((v): v is string => typeof v === 'string' && v.length > 0);
}

export function makeJournal(app: AppContext, profile: Profile, runId: number | null, now?: () => Date): Journal {
  return new Journal({
    profile: profile.name,
    file: journalFile(app.dir.journalsDir, profile.name),
    lang: profile.general.language,
    timezone: profile.general.timezone,
    messages: app.messages,
    runId,
    secrets: profileSecrets(profile),
    maxBytes: profile.journal.maxFileSizeMb * 1024 * 1024,
    keepFiles: profile.journal.filesKept,
    now,
  });
}

export async function runAction(app: AppContext, options: RunOptions): Promise<RunRecord> {
  const action: ActionDef = findAction(options.action);
  const profile = app.profiles.load(options.profile);
  if (action.needsShop && profile.shop.kind === 'none') {
    throw new ConfigError(
      `aucune boutique configurée dans le profil « ${profile.name} » (option shop.kind) / no shop configured in profile "${profile.name}" (option shop.kind)`,
      `profile ${profile.name}`, 'shop.kind',
    );
  }
  const now = options.now ?? (() => new Date());
  const runId = app.state.startRun(profile.name, action.name, options.params ?? {});
  options.onStarted?.(runId);
  const journal = makeJournal(app, profile, runId, now);
  if (options.onEntry) journal.on('entry', options.onEntry);
  const started = Date.now();
  let gescom: GesComPort | null = null;
  let status: 'succeeded' | 'failed' | 'interrupted' = 'succeeded';
  let message: string | null = null;
  journal.start(action.titleKey);
  try {
    gescom = openGesCom(profile.gescom, profile.name);
    await action.run({
      profile, gescom, state: app.state, journal, runId, params: options.params ?? {},
      signal: options.signal ?? new AbortController().signal, now,
      updateProfile: (change) => {
        app.profiles.save(change(app.profiles.load(profile.name)));
      },
    });
    const failed = journal.failures();
    if (failed > 0) message = `${failed} failed`;
  } catch (err) {
    status = options.signal?.aborted ? 'interrupted' : 'failed';
    message = errorMessage(err);
    if (err instanceof PasserelleError && err.entity) journal.error(err.entity, err.message, err.field);
    else journal.failed(message);
  } finally {
    gescom?.close();
    for (const [entity, c] of journal.counts) {
      for (const kind of ['created', 'updated', 'unchanged', 'skipped', 'failed'] as const) if (c[kind]) app.state.count(runId, entity, kind, c[kind]);
    }
    journal.summary(action.titleKey, Date.now() - started);
    app.state.finishRun(runId, status, message);
    if (options.onEntry) journal.off('entry', options.onEntry);
  }
  return app.state.run(runId)!;
}
