/**
 * The one place runs are queued (PRF-10): runs of one profile never overlap (a run asked while
 * its profile is busy waits its turn), profiles run side by side up to a global limit. The
 * scheduler, the webhook inbox and stock-follows-sales all dispatch through here; the service's
 * own API runs and the CLI take the profile's lock directly and are refused (409 / one line) when
 * it is held.
 *
 * A run asked while another process (a CLI command) holds the profile's lock waits here and tries
 * again every `lockRetryMs`: it is not lost. When the service stops (`stop`), runs not started yet
 * are dropped (their dispatch rejects) and runs in progress finish their current item (runner
 * soft stop). Each run's trigger and task are recorded (schedule-store.ts).
 */
import PQueue from 'p-queue';
import { RunInterrupted, type InterruptionSource } from '../actions/interruption.js';
import { runAction, type RunOptions } from '../actions/runner.js';
import { RunLockedError } from '../errors.js';
import { scheduleStoreOf } from '../state/schedule-store.js';
import type { RunRecord } from '../state/state-store.js';
import type { AppContext } from './app-context.js';

export interface RunRequest {
  profile: string;
  action: string;
  params?: Record<string, unknown>;
  /** Why: 'schedule', 'webhook', 'stock-follow'… (RunFinished.trigger). */
  trigger: string;
  /** The scheduled task that asked, when one did. */
  taskId?: string;
  /** Extra runner options (onEntry, onStarted, signal…). */
  options?: Partial<RunOptions>;
}

export interface RunQueueStats {
  /** Runs waiting for their profile or for a free slot. */
  queued: number;
  running: number;
  /** Among the queued, those waiting for a lock another process holds. */
  waitingForLock: number;
  /** The global limit of runs at once. */
  concurrency: number;
}

export class RunQueue {
  private readonly global: PQueue;
  private readonly perProfile = new Map<string, PQueue>();
  private waiting = 0;
  private lockWaits = 0;
  private readonly stopper = new AbortController();
  /** How long a run refused by another process's lock waits before trying again. */
  lockRetryMs = 2000;

  constructor(private readonly app: AppContext, readonly concurrency = 2) {
    this.global = new PQueue({ concurrency });
  }

  /** The global limit of runs at once (PASSERELLE_MAX_RUNS for the service). */
  setConcurrency(n: number): void {
    this.global.concurrency = Math.max(1, Math.floor(n));
  }

  get stopping(): boolean {
    return this.stopper.signal.aborted;
  }

  /** Queues a run; resolves with its record once it has run (rejects only when it could not start). */
  dispatch(req: RunRequest): Promise<RunRecord> {
    let q = this.perProfile.get(req.profile);
    if (!q) {
      q = new PQueue({ concurrency: 1 });
      this.perProfile.set(req.profile, q);
    }
    this.waiting++;
    let counted = true;
    const uncount = () => {
      if (counted) this.waiting--;
      counted = false;
    };
    const profileQueue = q;
    return profileQueue.add(async () => {
      try {
        for (;;) {
          this.refuseWhenStopping();
          try {
            return await this.global.add(async () => {
              this.refuseWhenStopping();
              uncount();
              return this.start(req);
            });
          } catch (err) {
            if (!(err instanceof RunLockedError)) throw err;
            // Another process runs this profile: keep the turn, wait, try again.
            if (!counted) {
              this.waiting++;
              counted = true;
            }
            await this.waitForLock();
          }
        }
      } finally {
        uncount();
      }
    }) as Promise<RunRecord>;
  }

  private start(req: RunRequest): Promise<RunRecord> {
    const onStarted = req.options?.onStarted;
    return runAction(this.app, {
      ...req.options, profile: req.profile, action: req.action, params: req.params ?? {}, trigger: req.trigger,
      softStop: this.stopper.signal,
      onStarted: (runId) => {
        scheduleStoreOf(this.app.state.db).noteRun(runId, req.profile, req.trigger, req.taskId ?? null);
        onStarted?.(runId);
      },
    });
  }

  private refuseWhenStopping(): void {
    if (this.stopping) throw this.stopper.signal.reason as RunInterrupted;
  }

  private async waitForLock(): Promise<void> {
    this.lockWaits++;
    try {
      await new Promise<void>((resolve) => {
        const done = () => {
          clearTimeout(timer);
          this.stopper.signal.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, this.stopping ? 0 : this.lockRetryMs);
        this.stopper.signal.addEventListener('abort', done, { once: true });
      });
    } finally {
      this.lockWaits--;
    }
  }

  /** Whether a run of this profile is running or waiting here. */
  busy(profile: string): boolean {
    const q = this.perProfile.get(profile);
    return !!q && (q.size > 0 || q.pending > 0);
  }

  stats(): RunQueueStats {
    return { queued: this.waiting, running: this.global.pending, waitingForLock: this.lockWaits, concurrency: this.global.concurrency };
  }

  /**
   * The service is stopping: nothing more starts (queued runs' dispatch rejects with the
   * interruption), runs in progress finish their current item and are recorded interrupted.
   * Resolves once none is left.
   */
  async stop(source: InterruptionSource): Promise<void> {
    if (!this.stopping) this.stopper.abort(new RunInterrupted(source));
    await this.idle();
  }

  /** Resolves once nothing is queued or running. */
  async idle(): Promise<void> {
    await Promise.all([...this.perProfile.values()].map((q) => q.onIdle()));
    await this.global.onIdle();
  }
}
