/**
 * Runs started through the service: each runs in the background, its journal
 * entries buffered so that a client connecting late to the event stream still gets
 * the whole run, then the live lines.
 */
import { EventEmitter } from 'node:events';
import type { AppContext } from '../app/app-context.js';
import { RunInterrupted, type InterruptionSource } from '../actions/interruption.js';
import { runAction } from '../actions/runner.js';
import type { JournalEntry } from '../journal/journal.js';
import type { RunRecord } from '../state/state-store.js';

interface LiveRun {
  entries: JournalEntry[];
  events: EventEmitter;
  done: boolean;
  record: RunRecord | null;
  abort: AbortController;
}

const KEEP_FINISHED = 50;

export class RunManager {
  private readonly live = new Map<number, LiveRun>();
  /** Aborted when the service stops gracefully: every run finishes its current item (runner soft stop). */
  private readonly stopping = new AbortController();

  constructor(private readonly app: AppContext) {}

  /** Starts a run; resolves with its id once the profile's lock is held (rejects if another run holds it). */
  start(profile: string, action: string, params: Record<string, unknown> = {}): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      let started = false;
      const abort = new AbortController();
      const run: LiveRun = { entries: [], events: new EventEmitter(), done: false, record: null, abort };
      let runId = -1;
      runAction(this.app, {
        profile, action, params, signal: abort.signal, trigger: 'api', softStop: this.stopping.signal,
        onStarted: (id) => {
          runId = id;
          started = true;
          this.live.set(id, run);
          this.trim();
          resolve(id);
        },
        onEntry: (entry) => {
          run.entries.push(entry);
          run.events.emit('entry', entry);
        },
      }).then(
        (record) => {
          run.done = true;
          run.record = record;
          run.events.emit('end', record);
        },
        (err: unknown) => {
          if (!started) return reject(err);
          // runAction journals and records its own failures; reaching here means the state store failed.
          run.done = true;
          run.events.emit('end', this.app.state.run(runId));
        },
      );
    });
  }

  /** Stops a run: it is journalled and recorded interrupted at once, its lock released. */
  cancel(runId: number, source: InterruptionSource = 'cancel'): boolean {
    const run = this.live.get(runId);
    if (!run || run.done) return false;
    run.abort.abort(new RunInterrupted(source));
    return true;
  }

  /** The service is stopping (SIGTERM, SIGINT): every run in progress is interrupted; resolves once all are recorded. */
  async interruptAll(source: InterruptionSource): Promise<void> {
    for (const [id, run] of this.live) if (!run.done) this.cancel(id, source);
    await this.waitAll();
  }

  /** Runs in progress. */
  active(): number {
    return [...this.live.values()].filter((r) => !r.done).length;
  }

  /** The service is stopping: every run in progress finishes its current item, then is recorded interrupted. */
  async stopAll(source: InterruptionSource): Promise<void> {
    if (!this.stopping.signal.aborted) this.stopping.abort(new RunInterrupted(source));
    await this.waitAll();
  }

  /** Replays a run's buffered entries to `onEntry`, then follows it live until it ends. Returns an unsubscribe function. */
  follow(runId: number, onEntry: (e: JournalEntry) => void, onEnd: (r: RunRecord | null) => void): (() => void) | null {
    const run = this.live.get(runId);
    if (!run) return null;
    for (const e of run.entries) onEntry(e);
    if (run.done) {
      onEnd(run.record);
      return () => {};
    }
    run.events.on('entry', onEntry);
    run.events.once('end', onEnd);
    return () => {
      run.events.off('entry', onEntry);
      run.events.off('end', onEnd);
    };
  }

  private trim(): void {
    const finished = [...this.live.entries()].filter(([, r]) => r.done).map(([id]) => id).sort((a, b) => a - b);
    while (finished.length > KEEP_FINISHED) this.live.delete(finished.shift()!);
  }

  async waitAll(): Promise<void> {
    await Promise.all(
      [...this.live.values()].filter((r) => !r.done).map((r) => new Promise<void>((resolve) => r.events.once('end', () => resolve()))),
    );
  }
}
