/**
 * The service's stock watch (issue 9, stock follows sales): every `stockFollow.watchSeconds` it asks
 * each GesCom its profiles share which articles' stock changed since its watermark (a stock
 * movement, an inventory, a sale entered in the GesCom itself, an import by another process) and
 * fans out follow-up stock runs the same way as after a run (stock-follow.ts).
 *
 * The watermark of each GesCom is kept in the state store, so a restarted service sends what changed
 * while it was down; a GesCom seen for the first time starts from now (its past is the scheduled
 * stock runs' business). Articles a fan-out after a run already covered are not run twice, unless
 * they changed again after it.
 */
import type Database from 'better-sqlite3';
import type { AppContext } from '../app/app-context.js';
import { followsStock, type StockFollow } from '../app/stock-follow.js';
import { errorMessage } from '../errors.js';
import { gescomIdentity } from '../gescom/gescom-identity.js';
import { openGesCom } from '../gescom/open-gescom.js';
import { tr } from '../i18n/catalogue.js';
import type { Profile } from '../profile/schema.js';

/** The timer looks at the profiles again at least this often (a changed interval, a new profile). */
const MAX_TICK_MS = 60_000;
const MIN_TICK_MS = 1_000;

/** The watermarks, in the state store's database (own table, created on first use). */
class WatermarkStore {
  constructor(private readonly db: Database.Database) {
    db.exec('CREATE TABLE IF NOT EXISTS stock_watch (gescom TEXT PRIMARY KEY, watermark TEXT NOT NULL, checked_at TEXT NOT NULL)');
  }

  get(gescom: string): string | null {
    const r = this.db.prepare('SELECT watermark FROM stock_watch WHERE gescom = ?').get(gescom) as { watermark: string } | undefined;
    return r?.watermark ?? null;
  }

  set(gescom: string, watermark: string): void {
    this.db.prepare(`INSERT INTO stock_watch (gescom, watermark, checked_at) VALUES (?, ?, ?)
      ON CONFLICT (gescom) DO UPDATE SET watermark = excluded.watermark, checked_at = excluded.checked_at`).run(gescom, watermark, new Date().toISOString());
  }
}

interface WatchedGesCom {
  id: string;
  /** The settings to open it with (any of its profiles: they name one database). */
  settings: Profile['gescom'];
  /** The shortest interval its followers ask for. */
  intervalMs: number;
}

export interface PollResult {
  gescom: string;
  /** Articles whose stock changed since the watermark and that no fan-out had covered. */
  codes: string[];
  /** Profiles that got a follow-up. */
  profiles: string[];
}

export class StockWatch {
  private store: WatermarkStore | null = null;
  private readonly lastPoll = new Map<string, number>();
  private readonly lastError = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = false;

  constructor(private readonly app: AppContext, private readonly follow: StockFollow, private readonly now: () => Date = () => new Date()) {}

  /** Opened at the first look: a service whose data folder cannot be written still starts (and says so). */
  private get marks(): WatermarkStore {
    this.store ??= new WatermarkStore(this.app.state.db);
    return this.store;
  }

  /** The GesComs to watch: those of the profiles following stock, with the shortest interval asked (0 = not watched). */
  watched(): WatchedGesCom[] {
    const byId = new Map<string, WatchedGesCom>();
    for (const p of this.app.profiles.readable()) {
      const seconds = p.stockFollow.watchSeconds;
      if (seconds <= 0 || !followsStock(p)) continue;
      const id = gescomIdentity(p.gescom);
      const w = byId.get(id);
      if (!w) byId.set(id, { id, settings: p.gescom, intervalMs: seconds * 1000 });
      else w.intervalMs = Math.min(w.intervalMs, seconds * 1000);
    }
    return [...byId.values()];
  }

  /** One look at every watched GesCom whose interval is due (all of them with `force`). */
  async poll(force = false): Promise<PollResult[]> {
    const results: PollResult[] = [];
    for (const w of this.watched()) {
      if (this.stopped) break;
      const last = this.lastPoll.get(w.id);
      if (!force && last !== undefined && Date.now() - last < w.intervalMs) continue;
      this.lastPoll.set(w.id, Date.now());
      try {
        const r = await this.pollOne(w);
        if (r) results.push(r);
        this.lastError.delete(w.id);
      } catch (err) {
        // An unreadable GesCom (moved, locked) is said once and watched again next time, from the same watermark.
        const line = tr('stockFollow.watchFailed', { gescom: w.id, message: errorMessage(err) });
        if (this.lastError.get(w.id) !== line) process.stderr.write(`${line}\n`);
        this.lastError.set(w.id, line);
      }
    }
    return results;
  }

  private async pollOne(w: WatchedGesCom): Promise<PollResult | null> {
    // Taken before reading: a change made while the GesCom is read is seen next time (at worst twice, never lost).
    const at = this.now().toISOString();
    const since = this.marks.get(w.id);
    if (since === null) {
      this.marks.set(w.id, at);
      return null;
    }
    const gescom = openGesCom(w.settings);
    let codes: string[];
    try {
      const changed = await gescom.articlesWithStockChangedSince(since);
      codes = changed.length ? await this.follow.notFollowed(w.id, since, changed, (t) => gescom.articlesWithStockChangedSince(t)) : [];
    } finally {
      gescom.close();
    }
    const profiles = codes.length ? await this.follow.fanOut(w.id, codes) : [];
    this.marks.set(w.id, at);
    this.follow.forgetBefore(w.id, at);
    return { gescom: w.id, codes, profiles };
  }

  /** Starts polling; returns this (serve.ts: one line to start, one to stop). */
  start(): this {
    this.stopped = false;
    this.schedule(MIN_TICK_MS);
    return this;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.poll().catch(() => undefined).finally(() => {
        this.running = null;
        this.schedule(this.nextDelay());
      });
    }, delay);
    this.timer.unref();
  }

  /** Until the first watched GesCom is due, re-reading the profiles at least every minute. */
  private nextDelay(): number {
    let delay = MAX_TICK_MS;
    try {
      for (const w of this.watched()) {
        const last = this.lastPoll.get(w.id) ?? 0;
        delay = Math.min(delay, Math.max(0, last + w.intervalMs - Date.now()));
      }
    } catch {
      // Profiles unreadable for now: look again later.
    }
    return Math.max(MIN_TICK_MS, delay);
  }

  /** Stops polling and further follow-ups; resolves once a poll in progress is over. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.follow.stop();
    await this.running;
  }
}
