/**
 * The service's side of e-mail notifications (PRF-07): each profile on daily digests gets a croner
 * job at `notification.digestAt` in its time zone, a digest missed while the service was down is
 * sent once at its start, and alerts (src/app/alerts.ts) are mailed as they come. The runs a digest
 * reports were queued by the afterRun hook (run-notifier.ts), from the service or from the CLI.
 */
import { Cron } from 'croner';
import { alerts, type Alert } from '../app/alerts.js';
import type { AppContext } from '../app/app-context.js';
import { errorText } from '../errors.js';
import { msg, render } from '../i18n/catalogue.js';
import type { Profile } from '../profile/schema.js';
import type { MailReceipt } from './mailer.js';
import { alertReport, digestReport } from './run-report.js';
import { deliver, notificationStore, recipients, warnNotSent } from './run-notifier.js';

/**
 * Sends the profile's digest of the runs queued since the last one (a digest with no run says so:
 * silence would hide a service that stopped running its tasks). Returns null when the profile is
 * not on digests; throws when sending failed (the runs stay queued for the next one).
 */
export async function sendDigest(app: AppContext, name: string, day: Date = new Date()): Promise<MailReceipt | null> {
  const profile = app.profiles.load(name);
  if (!profile.notification.enabled || profile.notification.when !== 'digest') return null;
  const store = notificationStore(app);
  const pending = store.pending(name);
  const entries = pending.map((p) => ({ runId: p.runId, record: app.state.run(p.runId), errors: p.errors }));
  const receipt = await deliver(profile, recipients(profile), digestReport(app.messages, profile, entries, day));
  store.markSent(name, pending.map((p) => p.runId), new Date());
  return receipt;
}

/** "HH:MM" as a daily cron pattern. */
function dailyPattern(at: string): string {
  const [hh = '18', mm = '00'] = at.split(':');
  return `${Number(mm)} ${Number(hh)} * * *`;
}

/** The last digest time at or before `now`, in the profile's time zone. */
export function previousDigestSlot(profile: Profile, now: Date): Date | null {
  const cron = new Cron(dailyPattern(profile.notification.digestAt), { timezone: profile.general.timezone, paused: true });
  return cron.previousRuns(1, now)[0] ?? null;
}

/**
 * Whether a digest was missed: the last slot passed after the last digest sent, or, for a profile
 * that never sent one, while runs were already waiting for it.
 */
export function digestMissed(app: AppContext, profile: Profile, now: Date): Date | null {
  const slot = previousDigestSlot(profile, now);
  if (!slot) return null;
  const store = notificationStore(app);
  const last = store.lastSent(profile.name);
  if (last !== null) return new Date(last) < slot ? slot : null;
  return store.pending(profile.name).some((p) => new Date(p.addedAt) < slot) ? slot : null;
}

interface DigestJob {
  /** What the job was made from: a change re-creates it. */
  signature: string;
  job: Cron;
}

/**
 * The service's side of notifications: one digest job per profile on digests (profiles are
 * re-read every minute, so a profile switched to digests or given another time is followed
 * without a restart), and alerts mailed as they come.
 */
export class NotificationService {
  private readonly jobs = new Map<string, DigestJob>();
  private readonly sending = new Set<string>();
  private watcher: Cron | null = null;
  private readonly onAlert = (alert: Alert) => void this.mailAlert(alert);

  constructor(private readonly app: AppContext, private readonly now: () => Date = () => new Date()) {}

  start(): this {
    void this.refresh();
    this.watcher = new Cron('* * * * *', { protect: true, catch: true }, () => this.refresh());
    alerts.on('alert', this.onAlert);
    return this;
  }

  stop(): void {
    alerts.off('alert', this.onAlert);
    this.watcher?.stop();
    this.watcher = null;
    for (const { job } of this.jobs.values()) job.stop();
    this.jobs.clear();
  }

  /** Profiles on digests and their next digest time (for /api/health and tests). */
  scheduled(): { profile: string; next: string | null }[] {
    return [...this.jobs].map(([profile, { job }]) => ({ profile, next: job.nextRun()?.toISOString() ?? null }));
  }

  /**
   * Creates, re-creates or stops the digest jobs after the profiles; a job just made sends a missed
   * digest. Resolves once those are sent (or failed with their warning).
   */
  async refresh(): Promise<void> {
    const catchUps: Promise<void>[] = [];
    const seen = new Set<string>();
    let names: string[] = [];
    try {
      names = this.app.profiles.list();
    } catch {
      return; // the data folder cannot be read now: the jobs keep going, the next minute tries again
    }
    for (const name of names) {
      let profile: Profile;
      try {
        profile = this.app.profiles.load(name);
      } catch {
        continue;
      }
      const n = profile.notification;
      if (!n.enabled || n.when !== 'digest') continue;
      seen.add(name);
      const signature = `${n.digestAt} ${profile.general.timezone}`;
      if (this.jobs.get(name)?.signature === signature) continue;
      this.jobs.get(name)?.job.stop();
      const job = new Cron(dailyPattern(n.digestAt), { timezone: profile.general.timezone, protect: true, catch: true },
        () => this.digest(name, this.now()));
      this.jobs.set(name, { signature, job });
      let missed: Date | null = null;
      try {
        missed = digestMissed(this.app, profile, this.now());
      } catch (err) {
        warnNotSent(this.app, profile, null, err); // the state database cannot be read: said, and tried again next start
      }
      if (missed) catchUps.push(this.digest(name, missed));
    }
    try {
      notificationStore(this.app).keepOnly(names);
    } catch {
      // The state database is busy or unreadable now: the next minute tries again.
    }
    for (const [name, { job }] of this.jobs) {
      if (!seen.has(name)) {
        job.stop();
        this.jobs.delete(name);
      }
    }
    await Promise.all(catchUps);
  }

  /** Sends one profile's digest, never two at once; a failure is a warning and the runs stay queued. */
  async digest(name: string, day: Date): Promise<void> {
    if (this.sending.has(name)) return;
    this.sending.add(name);
    try {
      await sendDigest(this.app, name, day);
    } catch (err) {
      try {
        warnNotSent(this.app, this.app.profiles.load(name), null, err);
      } catch {
        process.stderr.write(`passerelle: ${render(msg('notify.warn.notSent', { message: errorText(err) }))}\n`);
      }
    } finally {
      this.sending.delete(name);
    }
  }

  /** An alert mailed at once to the profile's notification recipients, whatever `when` says, when notifications are on. */
  async mailAlert(alert: Alert): Promise<void> {
    let profile: Profile;
    try {
      profile = this.app.profiles.load(alert.profile);
    } catch {
      return;
    }
    if (!profile.notification.enabled) return;
    try {
      await deliver(profile, recipients(profile), alertReport(this.app.messages, profile, alert));
    } catch (err) {
      warnNotSent(this.app, profile, null, err);
    }
  }
}

/** Started by `passerelle serve`; the returned service's stop() ends its jobs and listeners. */
export function startNotifications(app: AppContext): NotificationService {
  return new NotificationService(app).start();
}
