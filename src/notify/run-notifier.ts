/**
 * E-mail notifications (PRF-07), per profile's `notification` section:
 *   - after every run ('always'), or only after a partial, failed or interrupted one ('errors'):
 *     an afterRun hook sends the run's report at once;
 *   - a daily digest ('digest'): the hook queues the run (notification-store.ts) and the service
 *     sends the day's runs at `digestAt` in the profile's time zone (one croner job per profile),
 *     and once at its start a digest missed while it was down;
 *   - alerts (src/app/alerts.ts) are mailed at once by the service when notifications are on.
 * Previews are not notified. A mail that cannot be sent is a warning (stderr and the profile's
 * journal), never a change to the run's status. nodemailer is loaded only when a mail goes out, and
 * the service's side (digest jobs, alerts) lives in notification-service.ts, so that every CLI
 * command loading this hook stays light.
 */
import type { AppContext } from '../app/app-context.js';
import type { RunFinished } from '../app/run-events.js';
import { makeJournal } from '../actions/runner.js';
import { ConfigError, errorText } from '../errors.js';
import { msg, render } from '../i18n/catalogue.js';
import type { Profile } from '../profile/schema.js';
import { NotificationStore } from '../state/notification-store.js';
import type { MailAttachment, MailReceipt, OutgoingMail } from './mailer.js';
import { maskSecrets } from './mask.js';
import { runJournal, runReport, type MailContent } from './run-report.js';

/** Statuses the 'errors' mode reports. */
const PROBLEM_STATUSES = new Set(['partial', 'failed', 'interrupted']);

const stores = new WeakMap<AppContext, NotificationStore>();

export function notificationStore(app: AppContext): NotificationStore {
  let store = stores.get(app);
  if (!store) {
    store = new NotificationStore(app.state.db);
    stores.set(app, store);
  }
  return store;
}

interface NotifierMode {
  background: boolean;
  pending: Set<Promise<void>>;
}
const registered = new WeakMap<AppContext, NotifierMode>();

/**
 * Adds the notifier to the app's afterRun hooks, once (the CLI and the service may both ask). The CLI
 * waits for each mail before it exits; the service (`background`) sends without holding the run's
 * queue slot: a slow SMTP server must not stall scheduled runs and webhook imports.
 */
export function registerRunNotifier(app: AppContext, opts: { background?: boolean } = {}): void {
  let mode = registered.get(app);
  if (!mode) {
    const m: NotifierMode = { background: false, pending: new Set() };
    registered.set(app, m);
    app.afterRun.push((event) => {
      const sending = notifyRun(app, event);
      if (!m.background) return sending;
      m.pending.add(sending);
      void sending.finally(() => m.pending.delete(sending));
    });
    mode = m;
  }
  if (opts.background) mode.background = true;
}

/** Resolves once every mail sent in the background has gone (or failed, said by its warning). */
export async function notificationsSent(app: AppContext): Promise<void> {
  await Promise.all([...(registered.get(app)?.pending ?? [])]);
}

export function recipients(profile: Profile): string[] {
  const to = profile.notification.recipients;
  if (to.length === 0) {
    throw new ConfigError(msg('notify.err.noRecipients', { profile: profile.name, field: 'notification.recipients' }),
      `profile ${profile.name}`, 'notification.recipients');
  }
  return to;
}

/** Masks the profile's secrets in everything that leaves, then sends. */
export async function deliver(profile: Profile, to: string[], content: MailContent, attachments: MailAttachment[] = []): Promise<MailReceipt> {
  const { sendMail } = await import('./mailer.js');
  const mail: OutgoingMail = {
    to,
    subject: maskSecrets(content.subject, profile),
    text: maskSecrets(content.text, profile),
    html: maskSecrets(content.html, profile),
    attachments: attachments.map((a) => ({ filename: a.filename, content: maskSecrets(a.content, profile) })),
  };
  return sendMail(profile, mail);
}

/** A notification that could not go out: one line on stderr and one in the profile's journal; nothing else changes. */
export function warnNotSent(app: AppContext, profile: Profile, runId: number | null, err: unknown): void {
  const text = msg('notify.warn.notSent', { message: errorText(err) });
  process.stderr.write(`passerelle: ${maskSecrets(render(text), profile)}\n`);
  try {
    makeJournal(app, profile, runId).warning(text);
  } catch {
    // The journal cannot be written either: stderr has said it.
  }
}

/** The afterRun hook: reports the run now, queues it for the digest, or lets it be. */
export async function notifyRun(app: AppContext, event: RunFinished): Promise<void> {
  const { profile, record } = event;
  const n = profile.notification;
  if (event.preview || !n.enabled) return;
  const errors = event.errors.map((e) => maskSecrets(e.line, profile));
  if (n.when === 'digest') {
    notificationStore(app).addRun(profile.name, record.id, errors, new Date());
    return;
  }
  if (n.when === 'errors' && !PROBLEM_STATUSES.has(record.status)) return;
  try {
    const to = recipients(profile);
    const journal = n.attachJournal ? runJournal(app.dir.journalsDir, profile, record) : null;
    const filename = `${profile.name}-run-${record.id}.log`;
    const content = runReport(app.messages, { record, profile, trigger: event.trigger, errors, attachment: journal ? filename : undefined });
    await deliver(profile, to, content, journal ? [{ filename, content: journal }] : []);
  } catch (err) {
    warnNotSent(app, profile, record.id, err);
  }
}
