/**
 * Stock follows sales across shops (issue 9). A merchant sells the same articles on several shops,
 * each a profile on one GesCom: when a run moves GesCom stock (an order import whose documents
 * reserve or take stock out) or the service's stock watch sees a stock change, every profile on
 * that GesCom with a shop gets a stock run (`products.stocks` with `codes`) for the articles
 * concerned at once, within its own stock options (depots, stock kind, publishable filter…).
 *
 * Two ways to run the follow-ups, chosen by the entry point:
 * - queued (the service): through `app.queue`, one pending follow-up per profile, the codes of a
 *   later change merged into it until it starts; a profile locked by another process waits in the queue;
 * - direct (the CLI, one process then exit): one after the other before the command ends, their
 *   journal on the terminal; a profile locked by another process gets one line and is left to its
 *   schedule (its transfer date was not moved, so its next stock run still sends the change).
 *
 * Follow-up runs carry the trigger 'stock-follow' and trigger nothing themselves.
 */
import { errorMessage, RunLockedError } from '../errors.js';
import { gescomIdentity } from '../gescom/gescom-identity.js';
import { msg, tr } from '../i18n/catalogue.js';
import type { Profile } from '../profile/schema.js';
import { runAction } from '../actions/runner.js';
import { RunInterrupted } from '../actions/interruption.js';
import { raiseAlert } from './alerts.js';
import type { AppContext } from './app-context.js';
import type { RunFinished, RunHook } from './run-events.js';

export const FOLLOW_TRIGGER = 'stock-follow';
export const FOLLOW_ACTION = 'products.stocks';
const ORDERS_IMPORT = 'orders.import';

export interface StockFollowOptions {
  /** Through app.queue (the service) rather than run here and now (the CLI). */
  queued: boolean;
  /** Journal lines of direct follow-ups and the one-line notices (terminal). */
  print?: (line: string) => void;
  /** Notices that are not journal lines (a busy profile, a follow-up that could not start). */
  note?: (line: string) => void;
}

/**
 * Whether a profile follows its GesCom's stock: it has a shop, sends products and their quantity,
 * and did not turn following off.
 */
export function followsStock(p: Profile): boolean {
  return p.shop.kind !== 'none' && p.articles.enabled && p.articles.updates.quantity && p.stockFollow.enabled;
}

/** The profiles on that GesCom that follow its stock, by name (a profile that cannot be read is left out). */
export function followers(app: AppContext, gescom: string): Profile[] {
  return app.profiles.readable().filter((p) => gescomIdentity(p.gescom) === gescom && followsStock(p));
}

/**
 * The importing profile's own shop got the new stock in the same run (orders.updateStock or
 * --update-stock), unless the run stopped before that step.
 */
function updatedItsOwnStock(e: RunFinished): boolean {
  return e.record.action === ORDERS_IMPORT && (e.profile.orders.updateStock || e.record.params.updateStock === true)
    && e.record.status !== 'failed' && e.record.status !== 'interrupted';
}

const listed = (codes: string[]) => codes.slice(0, 20).join(', ') + (codes.length > 20 ? ', …' : '');

interface Pending {
  codes: Set<string>;
  /** The very object the queued run gets as its params: codes merged into it until the run starts. */
  params: { codes: string[] };
}

export class StockFollow {
  /** Per GesCom, per article: when a fan-out last covered it (the stock watch does not run those again). */
  private readonly followed = new Map<string, Map<string, string>>();
  private readonly pending = new Map<string, Pending>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(private readonly app: AppContext, private readonly opts: StockFollowOptions) {}

  /** The afterRun hook (run-events.ts). */
  readonly hook: RunHook = (event) => this.afterRun(event);

  async afterRun(event: RunFinished): Promise<void> {
    if (event.preview || event.trigger === FOLLOW_TRIGGER || event.stockChanged.length === 0) return;
    const exclude = updatedItsOwnStock(event) ? event.profile.name : null;
    await this.fanOut(gescomIdentity(event.profile.gescom), event.stockChanged, exclude);
  }

  /** Every follower of that GesCom gets a stock run for those articles (but `exclude`, already up to date). */
  async fanOut(gescom: string, codes: string[], exclude: string | null = null): Promise<string[]> {
    if (this.stopped || codes.length === 0) return [];
    const sorted = [...new Set(codes)].sort();
    this.markFollowed(gescom, sorted);
    const targets = followers(this.app, gescom).map((p) => p.name).filter((n) => n !== exclude);
    if (this.opts.queued) {
      for (const name of targets) this.enqueue(name, sorted);
    } else {
      await this.runHere(targets, sorted);
    }
    return targets;
  }

  /**
   * Of the articles the watch saw change since `since`, those no fan-out covered yet: an article
   * followed after `since` counts only if it changed again after that fan-out.
   */
  async notFollowed(gescom: string, since: string, codes: string[], changedSince: (at: string) => Promise<string[]>): Promise<string[]> {
    const marks = this.followed.get(gescom);
    if (!marks) return codes;
    const byMark = new Map<string, string[]>();
    const out: string[] = [];
    for (const c of codes) {
      const at = marks.get(c);
      if (!at || at < since) out.push(c);
      else byMark.set(at, [...(byMark.get(at) ?? []), c]);
    }
    for (const [at, group] of byMark) {
      const again = new Set(await changedSince(at));
      out.push(...group.filter((c) => again.has(c)));
    }
    return out.sort();
  }

  /** Fan-out marks older than the watch's watermark can no longer matter. */
  forgetBefore(gescom: string, watermark: string): void {
    const marks = this.followed.get(gescom);
    if (!marks) return;
    for (const [code, at] of marks) if (at < watermark) marks.delete(code);
  }

  /** Resolves once every follow-up started so far (and those they led to) has run. */
  async idle(): Promise<void> {
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  /** No more follow-ups (the service is stopping); queued ones still run. */
  stop(): void {
    this.stopped = true;
  }

  private markFollowed(gescom: string, codes: string[]): void {
    let marks = this.followed.get(gescom);
    if (!marks) this.followed.set(gescom, (marks = new Map()));
    const at = new Date().toISOString();
    for (const c of codes) marks.set(c, at);
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p)).catch(() => undefined);
    return p;
  }

  private say(line: string): void {
    (this.opts.note ?? this.opts.print ?? ((l: string) => process.stderr.write(`${l}\n`)))(line);
  }

  /** Queues a follow-up, or merges the codes into the one waiting for this profile. */
  private enqueue(profile: string, codes: string[]): void {
    const waiting = this.pending.get(profile);
    if (waiting) {
      for (const c of codes) waiting.codes.add(c);
      waiting.params.codes = [...waiting.codes].sort();
      return;
    }
    const entry: Pending = { codes: new Set(codes), params: { codes: [...codes] } };
    this.pending.set(profile, entry);
    // Not started any more: later changes get a follow-up of their own.
    const release = () => {
      if (this.pending.get(profile) === entry) this.pending.delete(profile);
    };
    // Never awaited here: the run that triggered this may hold its profile's queue slot until its hooks return.
    // A profile another process holds waits in the queue (run-queue.ts), so a refusal here is no lock.
    this.track(this.app.queue.dispatch({
      profile, action: FOLLOW_ACTION, params: entry.params, trigger: FOLLOW_TRIGGER, options: { onStarted: release },
    }).then(release, (err: unknown) => {
      release();
      const text = couldNotStart(profile, err);
      this.say(tr(text.key, text.params));
      raiseAlert({ profile, code: text.key, text });
    }));
  }

  /** The CLI: each follower in turn, now, journal on the terminal; Ctrl-C interrupts the one running. */
  private async runHere(targets: string[], codes: string[]): Promise<void> {
    const abort = new AbortController();
    const onSignal = (signal: 'SIGINT' | 'SIGTERM') => () => abort.abort(new RunInterrupted(signal));
    const onInt = onSignal('SIGINT');
    const onTerm = onSignal('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    try {
      for (const profile of targets) {
        if (abort.signal.aborted) break;
        (this.opts.print ?? this.say.bind(this))(tr('stockFollow.start', { count: codes.length, codes: listed(codes), profile }));
        try {
          await this.track(runAction(this.app, {
            profile, action: FOLLOW_ACTION, params: { codes }, trigger: FOLLOW_TRIGGER, signal: abort.signal,
            onEntry: this.opts.print ? (e) => this.opts.print!(e.line) : undefined,
          }));
        } catch (err) {
          // A run that could not start (lock held by another process, profile unreadable): one line, the others go on.
          const text = couldNotStart(profile, err);
          this.say(tr(text.key, text.params));
        }
      }
    } finally {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    }
  }
}

/** Why a follow-up could not start: its profile busy in another process (CLI), or the error. */
function couldNotStart(profile: string, err: unknown) {
  return err instanceof RunLockedError ? msg('stockFollow.busy', { profile }) : msg('stockFollow.failed', { profile, message: errorMessage(err) });
}

const followHooks = new WeakSet<RunHook>();

/**
 * Registers the afterRun hook of stock following sales; `queued` for the service, direct for the CLI.
 * One per context: `passerelle serve` replaces the CLI's direct hook with its queued one.
 */
export function registerStockFollow(app: AppContext, opts: StockFollowOptions): StockFollow {
  const follow = new StockFollow(app, opts);
  for (let i = app.afterRun.length - 1; i >= 0; i--) if (followHooks.has(app.afterRun[i]!)) app.afterRun.splice(i, 1);
  followHooks.add(follow.hook);
  app.afterRun.push(follow.hook);
  return follow;
}
