/**
 * The words of the e-mails (PRF-07): a run's report, the daily digest and an alert, in the
 * notification's language, plain text with a simple HTML twin. Times are in the profile's time
 * zone, like the journal; entity counts come from the run record, error lines from the journal.
 * Callers mask secrets on the finished message (run-notifier.ts).
 */
import fs from 'node:fs';
import type { Alert } from '../app/alerts.js';
import { findAction } from '../actions/registry.js';
import { isMessageKey, render, type Lang, type MessageKey, type MessageParams, type Messages } from '../i18n/catalogue.js';
import { formatTimestamp, journalFile } from '../journal/journal.js';
import type { Profile } from '../profile/schema.js';
import type { RunRecord } from '../state/state-store.js';

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** Error lines shown per run in a digest; the journal has them all. */
const DIGEST_ERRORS_PER_RUN = 10;
/** Error lines shown in a run's own e-mail. */
const RUN_ERRORS_SHOWN = 100;

/** The notification's language: its own option, else the profile's. */
export function notificationLang(profile: Profile): Lang {
  return profile.notification.language || profile.general.language;
}

class Words {
  constructor(private readonly messages: Messages, readonly lang: Lang, private readonly timezone: string) {}

  t(key: MessageKey, params: MessageParams = {}): string {
    return this.messages.t(this.lang, key, params);
  }

  /** A stable token's label when the catalogue has one ("run.status.partial" -> "partielle"), else the token. */
  label(prefix: string, token: string): string {
    const key = `${prefix}${token}`;
    return isMessageKey(key) ? this.t(key) : token;
  }

  time(iso: string | null): string {
    if (!iso) return '-';
    const d = new Date(iso);
    return Number.isNaN(d.getTime()) ? iso : formatTimestamp(d, this.timezone);
  }

  action(name: string): string {
    try {
      return this.t(findAction(name).titleKey);
    } catch {
      return name;
    }
  }

  /** A run's message: a catalogue key (a run ended with its process) rendered, else as the run wrote it. */
  runMessage(message: string | null): string | null {
    return message !== null && isMessageKey(message) ? this.t(message) : message;
  }
}

function seconds(record: RunRecord): string {
  return record.durationMs === null ? '-' : (record.durationMs / 1000).toFixed(1);
}

function countLines(w: Words, record: RunRecord): string[] {
  const entries = Object.entries(record.counts);
  if (entries.length === 0) return [w.t('notify.counts.none')];
  return entries.map(([entity, c]) => w.t('notify.counts.line', { entity: w.label('journal.entity.', entity), ...c }));
}

function statusLine(w: Words, record: RunRecord): string {
  const status = w.label('run.status.', record.status);
  const why = w.runMessage(record.message);
  return why ? w.t('notify.field.statusWhy', { status, message: why }) : w.t('notify.field.status', { status });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Paragraphs (blank-line separated) of the text body as HTML: the same words, readable in any mail client. */
function htmlOf(subject: string, blocks: string[][]): string {
  const body = blocks.map((lines) => `<p>${lines.map(escapeHtml).join('<br>\n')}</p>`).join('\n');
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>\n`
    + `<body style="font-family: sans-serif; font-size: 14px">\n${body}\n</body></html>\n`;
}

function assemble(subject: string, blocks: string[][]): MailContent {
  const kept = blocks.filter((b) => b.length > 0);
  return { subject, text: kept.map((b) => b.join('\n')).join('\n\n') + '\n', html: htmlOf(subject, kept) };
}

export interface RunReportInput {
  record: RunRecord;
  profile: Profile;
  trigger: string;
  /** The run's error lines (journal text, without the time stamp). */
  errors: string[];
  /** The attached journal's file name, when one is attached. */
  attachment?: string;
}

export function runReport(messages: Messages, input: RunReportInput): MailContent {
  const { record, profile } = input;
  const w = new Words(messages, notificationLang(profile), profile.general.timezone);
  const action = w.action(record.action);
  const subject = w.t('notify.run.subject', { profile: profile.name, action, status: w.label('run.status.', record.status) });
  const facts = [
    w.t('notify.field.run', { id: record.id }),
    statusLine(w, record),
    w.t('notify.field.started', { at: w.time(record.startedAt) }),
    w.t('notify.field.ended', { at: w.time(record.endedAt) }),
    w.t('notify.field.duration', { seconds: seconds(record) }),
    w.t('notify.field.trigger', { trigger: w.label('notify.trigger.', input.trigger) }),
    ...(record.requests > 0 ? [w.t('notify.field.requests', { requests: record.requests, writes: record.writeRequests })] : []),
  ];
  const shown = input.errors.slice(0, RUN_ERRORS_SHOWN);
  const errors = input.errors.length === 0 ? [] : [
    w.t('notify.errors.title', { count: input.errors.length }),
    ...shown.map((e) => `  ${e}`),
    ...(input.errors.length > shown.length ? [`  ${w.t('notify.errors.more', { count: input.errors.length - shown.length })}`] : []),
  ];
  const journal = input.attachment
    ? w.t('notify.journal.attached', { file: input.attachment })
    : w.t('notify.journal.where', { profile: profile.name });
  return assemble(subject, [
    w.t('notify.run.intro', { action, profile: profile.name }).split('\n'),
    facts,
    [w.t('notify.counts.title'), ...countLines(w, record).map((l) => `  ${l}`)],
    errors,
    [journal],
    w.t('notify.signature').split('\n'),
  ]);
}

export interface DigestEntry {
  runId: number;
  record: RunRecord | null;
  errors: string[];
}

const PROBLEMS = new Set(['partial', 'failed', 'interrupted']);

export function digestReport(messages: Messages, profile: Profile, entries: DigestEntry[], day: Date): MailContent {
  const w = new Words(messages, notificationLang(profile), profile.general.timezone);
  const problems = entries.filter((e) => e.record && PROBLEMS.has(e.record.status)).length;
  const subject = w.t('notify.digest.subject', {
    profile: profile.name, day: w.time(day.toISOString()).slice(0, 10), count: entries.length, problems,
  });
  const runs: string[][] = entries.map(({ runId, record, errors }) => {
    if (!record) return [w.t('notify.digest.forgotten', { id: runId })];
    const shown = errors.slice(0, DIGEST_ERRORS_PER_RUN);
    return [
      w.t('notify.digest.run', {
        id: record.id, started: w.time(record.startedAt), action: w.action(record.action),
        status: w.label('run.status.', record.status), seconds: seconds(record),
      }),
      ...(w.runMessage(record.message) ? [`  ${statusLine(w, record)}`] : []),
      ...countLines(w, record).map((l) => `  ${l}`),
      ...(errors.length ? [`  ${w.t('notify.errors.title', { count: errors.length })}`, ...shown.map((e) => `    ${e}`)] : []),
      ...(errors.length > shown.length ? [`    ${w.t('notify.errors.more', { count: errors.length - shown.length })}`] : []),
    ];
  });
  return assemble(subject, [
    w.t('notify.digest.intro', { profile: profile.name }).split('\n'),
    ...(entries.length ? runs : [[w.t('notify.digest.none')]]),
    [w.t('notify.journal.where', { profile: profile.name })],
    w.t('notify.signature').split('\n'),
  ]);
}

export function alertReport(messages: Messages, profile: Profile, alert: Alert): MailContent {
  const w = new Words(messages, notificationLang(profile), profile.general.timezone);
  const subject = w.t('notify.alert.subject', { profile: profile.name });
  const text = render(alert.text, w.lang);
  return assemble(subject, [
    w.t('notify.alert.body', { profile: profile.name, at: w.time(alert.at), text, code: alert.code }).split('\n'),
    w.t('notify.signature').split('\n'),
  ]);
}

export function testReport(messages: Messages, profile: Profile): MailContent {
  const w = new Words(messages, notificationLang(profile), profile.general.timezone);
  const params = { profile: profile.name, host: profile.smtp.host, port: profile.smtp.port };
  return assemble(w.t('notify.test.subject', params), [w.t('notify.test.body', params).split('\n')]);
}

/**
 * The lines a run wrote to its profile's journal: runs of one profile never overlap (they hold its
 * lock), so the lines stamped from its start to its end are its own. The rotated file is read too,
 * for a run that crossed a rotation. Null when none are found (journal deleted, clock moved).
 */
export function runJournal(journalsDir: string, profile: Profile, record: RunRecord): string | null {
  if (!record.endedAt) return null;
  const from = formatTimestamp(new Date(record.startedAt), profile.general.timezone);
  const to = formatTimestamp(new Date(record.endedAt), profile.general.timezone);
  const current = journalFile(journalsDir, profile.name);
  const files = [current.replace(/\.log$/, '.1.log'), current];
  const lines: string[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n')) {
      const stamp = line.slice(0, 19);
      if (stamp >= from && stamp <= to) lines.push(line);
    }
  }
  return lines.length ? lines.join('\n') + '\n' : null;
}
