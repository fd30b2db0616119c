/**
 * What the service's JSON API sends and takes, as the web UI (web/src) sees it. Self-contained
 * (no imports) so that the browser build can type against it; src/service/api-types-check.ts holds
 * compile-time checks that the server's own types still fit these shapes.
 */

export type ApiLang = 'fr' | 'en';

/** Every refusal: a stable `error` token, a message in the request's language, the entity and field at fault. */
export interface ApiErrorBody {
  error: string;
  message: string;
  entity?: string;
  field?: string;
  issues?: { path: string; message: string }[];
}

export interface ApiProfileSummary {
  name: string;
  default: boolean;
  gescom: string;
  shop: string;
  url: string;
}

export type ApiOptionType = 'string' | 'number' | 'boolean' | 'enum' | 'list' | 'object-list' | 'date';

/** One profile option (GET /api/options): the dotted key, its type, default and descriptions. */
export interface ApiOption {
  key: string;
  type: ApiOptionType;
  enumValues?: readonly string[];
  default: unknown;
  required: boolean;
  nullable: boolean;
  description: { fr: string; en: string };
  secret: boolean;
  featureIds?: string[];
  expected: string;
  itemFields?: string[];
}

export interface ApiAction {
  name: string;
  description: string;
  needsShop: boolean;
}

export type ApiRunStatus = 'running' | 'succeeded' | 'partial' | 'failed' | 'interrupted';
export type ApiCountKind = 'created' | 'updated' | 'unchanged' | 'skipped' | 'failed';

export interface ApiRun {
  id: number;
  profile: string;
  action: string;
  params: Record<string, unknown>;
  status: ApiRunStatus;
  statusLabel: string;
  startedAt: string;
  endedAt: string | null;
  message: string | null;
  requests: number;
  writeRequests: number;
  durationMs: number | null;
  counts: Record<string, Record<ApiCountKind, number>>;
  preview: boolean;
}

/** POST /api/runs answers this (202). */
export interface ApiRunStarted {
  id: number;
  profile: string;
  action: string;
  status: 'running';
  statusLabel: string;
  preview: boolean;
  journal: string;
  report?: string;
}

export type ApiJournalLevel = 'start' | 'step' | 'info' | 'progress' | 'success' | 'warning' | 'error' | 'summary';

/** One journal line of a run (the `entry` event of /api/runs/:id/journal). */
export interface ApiJournalEntry {
  runId: number | null;
  profile: string;
  at: string;
  level: ApiJournalLevel;
  /** The text without timestamp, e.g. "--> 3/20 - AR0003". */
  text: string;
  /** The full line as written to the journal file (the manual's format). */
  line: string;
}

export interface ApiScheduledNext {
  task: string;
  action: string;
  at: string;
}

export interface ApiHealth {
  status: 'ok' | 'error';
  version: string;
  dataDir: string;
  profiles?: number;
  defaultProfile?: string | null;
  message?: string;
  scheduler?: {
    running: boolean;
    profiles?: { profile: string; enabled: boolean; error?: string; next: ApiScheduledNext[] }[];
  };
}
