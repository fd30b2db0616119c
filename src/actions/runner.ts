/**
 * Runs one action for one profile: takes the profile's run lock, opens the GesCom,
 * journals start, progress and outcome, records per-entity counts, the status
 * (run-status.ts), what the run cost the shop and its duration in the state store,
 * and always releases the lock. An abort of the run's signal (Ctrl-C, SIGTERM,
 * cancel) records it interrupted at once. The CLI, the service and the
 * scheduler all go through here.
 */
import type { AppContext } from '../app/app-context.js';
import { ConfigError, errorMessage, PasserelleError } from '../errors.js';
import { openGesCom } from '../gescom/open-gescom.js';
import type { GesComPort } from '../gescom/port.js';
import { newRequestMeter } from '../http/http-client.js';
import { msg, render } from '../i18n/catalogue.js';
import { Journal, journalFile, type JournalEntry } from '../journal/journal.js';
import { secretKeys } from '../profile/options.js';
import type { Profile } from '../profile/schema.js';
import type { FinalRunStatus, RunRecord } from '../state/state-store.js';
import { getPath } from '../util/dotted.js';
import type { ActionContext, ActionDef } from './action.js';
import { interruptionOf } from './interruption.js';
import { findAction } from './registry.js';
import { verdictOf } from './run-status.js';
import { MAX_ERROR_ENTRIES, type RunFinished } from '../app/run-events.js';

export interface RunOptions {
  profile: string;
  action: string;
  params?: Record<string, unknown>;
  onEntry?: (entry: JournalEntry) => void;
  /** Called once the lock is taken and the run recorded. */
  onStarted?: (runId: number) => void;
  signal?: AbortSignal;
  now?: () => Date;
  /** Wraps the shop the action opens (ActionContext.wrapShop). */
  wrapShop?: ActionContext['wrapShop'];
  /** Why the run was started (RunFinished.trigger): 'cli' when not said. */
  trigger?: string;
  /**
   * A graceful stop (the service stopping): once this aborts, the run ends at the next item it
   * finishes (a journal count), or after `softStopGraceMs` (30 s) anyway, recorded interrupted with
   * this signal's reason.
   */
  softStop?: AbortSignal;
  softStopGraceMs?: number;
}

/**
 * Turns a soft stop into an abort of the run at its next finished item: the engines record an
 * item (binding, transferred order) before they count it, so stopping there leaves nothing half
 * done. Returns the cleanup.
 */
function stopAtNextItem(journal: Journal, soft: AbortSignal, hard: AbortController, graceMs: number): () => void {
  let timer: NodeJS.Timeout | undefined;
  const stopNow = () => {
    if (!hard.signal.aborted) hard.abort(soft.reason);
  };
  const onSoft = () => {
    const why = interruptionOf(soft);
    journal.write('warning', `--> ${journal.t('run.softStop', { source: why.source, seconds: Math.round(graceMs / 1000) })}`);
    journal.once('count', stopNow);
    timer = setTimeout(stopNow, graceMs);
  };
  if (soft.aborted) onSoft();
  else soft.addEventListener('abort', onSoft, { once: true });
  return () => {
    soft.removeEventListener('abort', onSoft);
    journal.off('count', stopNow);
    clearTimeout(timer);
  };
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

/**
 * Waits for the action, or for the run's signal, whichever comes first. An interrupted run is
 * recorded at once: the action winding down afterwards (its requests aborted by the same signal)
 * writes no more journal lines and its outcome is dropped.
 */
function untilDoneOrAborted(work: Promise<void>, signal: AbortSignal): Promise<'done' | 'aborted'> {
  const abandon = () => work.catch(() => undefined);
  if (signal.aborted) {
    abandon();
    return Promise.resolve('aborted');
  }
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      abandon();
      resolve('aborted');
    };
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      () => {
        signal.removeEventListener('abort', onAbort);
        resolve('done');
      },
      (err: unknown) => {
        signal.removeEventListener('abort', onAbort);
        if (signal.aborted) resolve('aborted');
        else reject(err);
      },
    );
  });
}

export async function runAction(app: AppContext, options: RunOptions): Promise<RunRecord> {
  const action: ActionDef = findAction(options.action);
  const profile = app.profiles.load(options.profile);
  if (action.needsShop && profile.shop.kind === 'none') {
    throw new ConfigError(
      msg('actions.noShop', { profile: profile.name }),
      `profile ${profile.name}`, 'shop.kind',
    );
  }
  const now = options.now ?? (() => new Date());
  // The run's own abort, fired by a soft stop; the caller's signal still aborts it at once.
  const stopper = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stopper.signal]) : stopper.signal;
  const lang = profile.general.language;
  const runId = app.state.startRun(profile.name, action.name, options.params ?? {});
  options.onStarted?.(runId);
  const journal = makeJournal(app, profile, runId, now);
  if (options.onEntry) journal.on('entry', options.onEntry);
  const errors: JournalEntry[] = [];
  const keepError = (e: JournalEntry) => {
    if (e.level === 'error' && errors.length < MAX_ERROR_ENTRIES) errors.push(e);
  };
  journal.on('entry', keepError);
  const endSoftStop = options.softStop ? stopAtNextItem(journal, options.softStop, stopper, options.softStopGraceMs ?? 30_000) : () => {};
  const startedAt = now().toISOString();
  let stockChanged: string[] = [];
  const started = Date.now();
  const meter = newRequestMeter();
  let gescom: GesComPort | null = null;
  let status: FinalRunStatus = 'succeeded';
  let message: string | null = null;
  journal.start(action.titleKey);
  try {
    gescom = openGesCom(profile.gescom, profile.name);
    const work = action.run({
      profile, gescom, state: app.state, journal, runId, params: options.params ?? {},
      signal, now, http: meter, wrapShop: options.wrapShop,
      updateProfile: (change) => {
        app.profiles.save(change(app.profiles.load(profile.name)));
      },
    });
    if ((await untilDoneOrAborted(work, signal)) === 'aborted') {
      status = 'interrupted';
    } else {
      const verdict = verdictOf(journal.counts.values(), action.check === true);
      status = verdict.status;
      message = verdict.reason ? render(verdict.reason, lang) : null;
      if (verdict.status !== 'succeeded') journal.write('summary', `--> ${journal.t(`journal.outcome.${verdict.status}`, { message: message ?? '' })}`);
    }
  } catch (err) {
    if (signal.aborted) {
      status = 'interrupted';
    } else {
      status = 'failed';
      message = errorMessage(err, lang);
      if (err instanceof PasserelleError && err.entity) journal.error(err.entity, message, err.field);
      else journal.failed(message);
    }
  } finally {
    endSoftStop();
    if (status === 'interrupted') {
      const why = interruptionOf(signal);
      message = errorMessage(why, lang);
      journal.write('error', `--> ${message}`);
    }
    for (const [entity, c] of journal.counts) {
      for (const kind of ['created', 'updated', 'unchanged', 'skipped', 'failed'] as const) if (c[kind]) app.state.count(runId, entity, kind, c[kind]);
    }
    const durationMs = Date.now() - started;
    journal.summary(action.titleKey, durationMs, action.needsShop ? meter : undefined);
    journal.seal();
    app.state.finishRun(runId, status, message, { requests: meter.requests, writeRequests: meter.writeRequests, durationMs });
    if (options.onEntry) journal.off('entry', options.onEntry);
    journal.off('entry', keepError);
    // Read once the journal is sealed: an action stopped between two items and resuming meanwhile writes no more lines.
    if (gescom) stockChanged = await stockChangedSince(gescom, startedAt);
    gescom?.close();
  }
  const record = app.state.run(runId)!;
  await callHooks(app, { record, profile, preview: false, stockChanged, errors, trigger: options.trigger ?? 'cli' });
  return record;
}

/** Articles whose GesCom stock moved since the run started; a GesCom that cannot say gives none. */
async function stockChangedSince(gescom: GesComPort, since: string): Promise<string[]> {
  try {
    return await gescom.articlesWithStockChangedSince(since);
  } catch {
    return [];
  }
}

/** Every afterRun hook, one after the other; a failing hook is a warning, never the run's outcome. */
async function callHooks(app: AppContext, event: RunFinished): Promise<void> {
  for (const hook of app.afterRun) {
    try {
      await hook(event);
    } catch (err) {
      process.emitWarning(`afterRun: ${errorMessage(err, event.profile.general.language)}`);
    }
  }
}
