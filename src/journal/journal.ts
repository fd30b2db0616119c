/**
 * The run journal (JRN-01..03) in the manual's line format:
 *   2026-07-07 10:00:00 - Début de l'export des prix des articles
 *   2026-07-07 10:00:01 --> 3/20 - AR0003
 *   2026-07-07 10:00:02 --> Réussi
 * Lines go live to listeners (terminal, server-sent events) and are appended to the
 * profile's journal file, rotated by size. Known secret values are masked in every
 * line, whatever code wrote it.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import { errorMessage } from '../errors.js';
import { isMessageKey, isText, type Lang, type MessageKey, type MessageParams, type Messages, type Text } from '../i18n/catalogue.js';
import { entityLabel } from '../i18n/labels.js';
import { redactText } from '../http/redact.js';
import type { CountKind, EntityCounts } from '../state/state-store.js';

export type JournalLevel = 'start' | 'step' | 'info' | 'progress' | 'success' | 'warning' | 'error' | 'summary';

export interface JournalEntry {
  runId: number | null;
  profile: string;
  at: string;
  level: JournalLevel;
  /** The text without timestamp, e.g. "--> 3/20 - AR0003". */
  text: string;
  /** The full line as written to the file. */
  line: string;
}

/** A journal line's words: plain text (a code, a shop's own message) or a catalogue text rendered in the journal's language. */
export type Line = string | Text;

export interface JournalOptions {
  profile: string;
  /** Journal file; null for no file (tests, dry runs). */
  file: string | null;
  lang: Lang;
  timezone: string;
  messages: Messages;
  maxBytes?: number;
  keepFiles?: number;
  runId?: number | null;
  secrets?: string[];
  now?: () => Date;
}

/** What a run cost the shop, for the last summary line. */
export interface JournalCost {
  requests: number;
  writeRequests: number;
}

/** Codes named in a quiet tally line; the rest are counted only. */
const QUIET_CODES_SHOWN = 5;
type QuietKind = 'unchanged' | 'skipped';

/** "2026-07-07 10:00:00" in the profile's time zone. */
const formatters = new Map<string, Intl.DateTimeFormat>();

export function formatTimestamp(date: Date, timezone: string): string {
  // One formatter per zone: building one per line costs more than the rest of the line.
  let f = formatters.get(timezone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    formatters.set(timezone, f);
  }
  const parts = f.formatToParts(date);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '00';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

export function journalFile(journalsDir: string, profile: string): string {
  return path.join(journalsDir, `${profile}.log`);
}

/** Keeps `keep` old files: name.log -> name.1.log -> name.2.log … */
export function rotateIfNeeded(file: string, maxBytes: number, keep: number): void {
  let size = 0;
  try {
    size = fs.statSync(file).size;
  } catch {
    return;
  }
  if (size < maxBytes) return;
  const base = file.replace(/\.log$/, '');
  for (let i = keep - 1; i >= 1; i--) {
    const from = `${base}.${i}.log`;
    if (fs.existsSync(from)) fs.renameSync(from, `${base}.${i + 1}.log`);
  }
  if (keep >= 1) fs.renameSync(file, `${base}.1.log`);
  else fs.unlinkSync(file);
}

export class Journal extends EventEmitter {
  readonly counts = new Map<string, EntityCounts>();
  private readonly opts: Required<Omit<JournalOptions, 'runId'>> & { runId: number | null };
  private secrets: string[];
  /** Items counted without a line of their own, per "entity kind": their count and first codes. */
  private readonly quietItems = new Map<string, { entity: string; kind: QuietKind; count: number; codes: string[] }>();
  /** Set once the run is recorded: lines written later (an abandoned action still winding down) go nowhere. */
  private sealed = false;

  constructor(options: JournalOptions) {
    super();
    // `??`, not spread defaults: an explicit undefined must not wipe a default.
    this.opts = {
      ...options,
      maxBytes: options.maxBytes ?? 5 * 1024 * 1024,
      keepFiles: options.keepFiles ?? 5,
      secrets: options.secrets ?? [],
      now: options.now ?? (() => new Date()),
      runId: options.runId ?? null,
    };
    this.secrets = (options.secrets ?? []).filter((s) => s.length >= 4);
    if (this.opts.file) fs.mkdirSync(path.dirname(this.opts.file), { recursive: true });
  }

  get lang(): Lang {
    return this.opts.lang;
  }

  setRunId(runId: number): void {
    this.opts.runId = runId;
  }

  t(key: MessageKey, params?: MessageParams): string {
    return this.opts.messages.t(this.opts.lang, key, params);
  }

  /** A catalogue text in the journal's language (the profile's general.language), plain text as it is. */
  text(line: Line): string {
    return typeof line === 'string' ? line : this.t(line.key, line.params);
  }

  /** "2026-07-07 10:00:00" in the profile's time zone: periods and dates in lines read like the line stamps. */
  time(date: Date | string): string {
    const d = typeof date === 'string' ? new Date(date) : date;
    return Number.isNaN(d.getTime()) ? String(date) : formatTimestamp(d, this.opts.timezone);
  }

  /** An entity as counted ("products") named for the reader ("articles"). */
  entityName(entity: string): string {
    const key = `journal.entity.${entity}`;
    return isMessageKey(key) ? this.t(key) : entity;
  }

  /** Known secrets, and credential parameters of any URL (an OAuth signature echoed by a shop), masked. */
  private mask(text: string): string {
    let out = text;
    for (const s of this.secrets) out = out.split(s).join('********');
    return redactText(out);
  }

  /** No more lines after this (the run is recorded); counts stay readable. */
  seal(): void {
    this.sealed = true;
  }

  write(level: JournalLevel, text: string): JournalEntry {
    const now = this.opts.now();
    const body = this.mask(text);
    const line = `${formatTimestamp(now, this.opts.timezone)} ${body}`;
    const entry: JournalEntry = { runId: this.opts.runId, profile: this.opts.profile, at: now.toISOString(), level, text: body, line };
    if (this.sealed) return entry;
    if (this.opts.file) {
      rotateIfNeeded(this.opts.file, this.opts.maxBytes, this.opts.keepFiles);
      fs.appendFileSync(this.opts.file, line + '\n');
    }
    this.emit('entry', entry);
    return entry;
  }

  /** "- Début de l'export des prix des articles" */
  start(actionKey: MessageKey): void {
    this.write('start', `- ${this.t('journal.start', { action: this.t(actionKey) })}`);
  }
  /** "- Export des articles": a section heading inside a run. */
  step(text: Line): void {
    this.write('step', `- ${this.text(text)}`);
  }
  info(text: Line): void {
    this.write('info', `--> ${this.text(text)}`);
  }
  reading(whatKey: MessageKey): void {
    this.info(this.t('journal.reading', { what: this.t(whatKey) }));
  }
  progress(index: number, total: number, label: string): void {
    this.write('progress', `--> ${this.t('journal.progress', { index, total, label })}`);
  }
  success(): void {
    this.write('success', `--> ${this.t('journal.success')}`);
  }
  warning(message: Line): void {
    this.write('warning', `--> ${this.t('journal.warning', { message: this.text(message) })}`);
  }
  /** An entity that failed alone: named, with the field at fault. */
  error(entity: string, message: Line, field?: string): void {
    this.write('error', `--> ${this.t('journal.error', { entity: entityLabel(entity, this.lang), field: field ? ` (${field})` : '', message: this.text(message) })}`);
  }
  failed(message: Line): void {
    this.write('error', `--> ${this.t('journal.failed', { message: this.text(message) })}`);
  }

  /** One entity (or `n` of them) failed alone: the error line names it and its field, and the failure is counted. */
  entityFailed(counted: string, entity: string, err: unknown, n = 1): void {
    // A shop's per-item message (string), a catalogue text, or a typed error carrying its field,
    // rendered in the journal's language.
    const message = typeof err === 'string' || isText(err) ? this.text(err) : errorMessage(err, this.lang);
    const field = typeof err === 'object' && err !== null && !isText(err) ? (err as { field?: string }).field : undefined;
    this.error(entity, message, field);
    this.count(counted, 'failed', n);
  }

  /** An entity left out on purpose, with the reason, counted as skipped. */
  skipped(counted: string, entity: string, reason: Line, n = 1): void {
    this.write('info', `--> ${this.t('journal.skipped', { entity: entityLabel(entity, this.lang), reason: this.text(reason) })}`);
    this.count(counted, 'skipped', n);
  }

  /** Failed entities counted so far in this run. */
  failures(): number {
    let n = 0;
    for (const c of this.counts.values()) n += c.failed;
    return n;
  }

  /**
   * An item counted without a line of its own: unchanged, or not in the shop. A no-change run of
   * thousands of articles writes one line per entity at the end (count and first codes), not one per item.
   */
  quiet(entity: string, kind: QuietKind, code: string): void {
    const id = `${entity} ${kind}`;
    const q = this.quietItems.get(id) ?? { entity, kind, count: 0, codes: [] };
    q.count++;
    if (q.codes.length < QUIET_CODES_SHOWN) q.codes.push(code);
    this.quietItems.set(id, q);
    this.count(entity, kind);
  }

  count(entity: string, kind: CountKind, n = 1): void {
    const c = this.counts.get(entity) ?? { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
    c[kind] += n;
    this.counts.set(entity, c);
    this.emit('count', { entity, kind, n });
  }

  /**
   * JRN-03: the quiet tallies, one summary line per entity (named in the journal's language), then the
   * duration and, for a run that talks to a shop, the requests it sent.
   */
  summary(actionKey: MessageKey, durationMs: number, cost?: JournalCost): void {
    for (const q of this.quietItems.values()) {
      const codes = q.codes.join(', ') + (q.count > q.codes.length ? ', …' : '');
      this.write('summary', `--> ${this.t(`journal.quiet.${q.kind}`, { entity: this.entityName(q.entity), count: q.count, codes })}`);
    }
    for (const [entity, c] of this.counts) this.write('summary', `--> ${this.t('journal.summary', { entity: this.entityName(entity), ...c })}`);
    const params = { action: this.t(actionKey), seconds: (durationMs / 1000).toFixed(1) };
    this.write('summary', `- ${cost
      ? this.t('journal.durationCost', { ...params, requests: cost.requests, writes: cost.writeRequests })
      : this.t('journal.duration', params)}`);
  }
}
