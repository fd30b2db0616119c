/**
 * The one place runs are queued (PRF-10): runs of one profile never overlap (a run asked while
 * its profile is busy waits its turn), profiles run side by side up to a global limit. The
 * scheduler, the webhook inbox and stock-follows-sales all dispatch through here; the service's
 * own API runs and the CLI take the profile's lock directly and are refused (409 / one line) when
 * it is held.
 */
import PQueue from 'p-queue';
import { runAction, type RunOptions } from '../actions/runner.js';
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
}

export class RunQueue {
  private readonly global: PQueue;
  private readonly perProfile = new Map<string, PQueue>();
  private waiting = 0;

  constructor(private readonly app: AppContext, readonly concurrency = 2) {
    this.global = new PQueue({ concurrency });
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
        return await this.global.add(async () => {
          uncount();
          return runAction(this.app, {
            ...req.options, profile: req.profile, action: req.action, params: req.params ?? {}, trigger: req.trigger,
          });
        });
      } finally {
        uncount();
      }
    }) as Promise<RunRecord>;
  }

  /** Whether a run of this profile is running or waiting here. */
  busy(profile: string): boolean {
    const q = this.perProfile.get(profile);
    return !!q && (q.size > 0 || q.pending > 0);
  }

  stats(): RunQueueStats {
    return { queued: this.waiting, running: this.global.pending };
  }

  /** Resolves once nothing is queued or running. */
  async idle(): Promise<void> {
    await Promise.all([...this.perProfile.values()].map((q) => q.onIdle()));
    await this.global.onIdle();
  }
}
