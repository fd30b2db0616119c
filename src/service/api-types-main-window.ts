/**
 * Wire types of the main window's own routes (src/service/routes/main-window.ts), shared with the
 * web UI (web/src/main-window). Self-contained: no imports.
 */

/** GET /api/profiles/:name/journal?lines=N: the last lines of the profile's journal file. */
export interface ApiJournalFile {
  profile: string;
  /** The file's path on the service's machine. */
  file: string;
  /** Whether the file exists yet (no run journalled: false, no lines). */
  exists: boolean;
  /** Lines in the file (all of them, not only those sent). */
  total: number;
  lines: { line: string; level: 'error' | 'warning' | 'success' | 'progress' | 'info' }[];
}

/** POST /api/runs/load-xml: an order export file sent by the page, imported by orders.load-xml. */
export interface ApiLoadXmlRequest {
  profile?: string;
  /** The file's name as the person chose it (shown in the journal). */
  fileName: string;
  /** The file's text. */
  xml: string;
  includeTransferred?: boolean;
  dryRun?: boolean;
}

export type ApiWeekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/** A scheduled task as GET/POST/PATCH /api/profiles/:name/schedule answer it (routes/schedule.ts). */
export interface ApiTaskView {
  id: string;
  action: string;
  params: Record<string, string | number | boolean>;
  enabled: boolean;
  /** The schedule in words, in the reply's language. */
  schedule: string;
  /** The schedule's fields as stored: '' or 0 when not of that kind. */
  cron: string;
  everyMinutes: number;
  everySeconds: number;
  at: string;
  days: string[];
  next: string | null;
  nextLocal: string | null;
  timezone: string;
  lastRun: { id: number; status: string; startedAt: string; endedAt: string | null; trigger: string | null } | null;
}

export interface ApiScheduleView {
  profile: string;
  /** schedule.enabled: the profile's tasks run at all. */
  enabled: boolean;
  timezone: string;
  tasks: ApiTaskView[];
}

/** POST /api/profiles/:name/schedule: one of everyMinutes, at (with days), cron. */
export interface ApiTaskInput {
  action: string;
  params?: Record<string, string | number | boolean>;
  enabled?: boolean;
  everyMinutes?: number;
  at?: string;
  days?: ApiWeekday[];
  cron?: string;
}

/** POST /api/profiles/:name/schedule/:id/run answers this (202). */
export interface ApiTaskRunStarted {
  id: number | null;
  profile: string;
  task: string;
  action: string;
  status: 'running' | 'queued';
  journal: string | null;
}
