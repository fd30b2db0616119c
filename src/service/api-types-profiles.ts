/**
 * Wire types of profile management beyond create/read/change/delete (routes/profile-admin.ts):
 * rename, duplicate, default, backup export/import and the set-up of a profile on a GesCom.
 * Self-contained (no imports but other api-types files) so that the web UI types against it.
 */
import type { ApiProfileSummary } from './api-types.ts';

/** POST /api/profiles/:name/rename and /duplicate. */
export interface ApiProfileNameBody {
  to: string;
}

/** Answer of rename, duplicate and default: the profile in short, and the default profile now. */
export interface ApiProfileChanged {
  profile: ApiProfileSummary;
  defaultProfile: string | null;
}

/** POST /api/profiles/export: named profiles, or all of them with the settings; secrets only under a passphrase. */
export interface ApiExportBody {
  profiles?: string[];
  all?: boolean;
  passphrase?: string;
}

/** The backup file (the format of `passerelle profile export`). */
export interface ApiProfileBackup {
  format: 'passerelle-profiles';
  version: 1;
  exportedAt: string;
  salt: string | null;
  secretsIncluded: boolean;
  profiles: unknown[];
  settings?: Record<string, unknown>;
}

/** POST /api/profiles/import: the backup file's text, as `passerelle profile import` reads it. */
export interface ApiImportBody {
  backup: string;
  /** The file's name, to name it in an error. */
  fileName?: string;
  passphrase?: string;
  overwrite?: boolean;
}

export interface ApiImportResult {
  imported: string[];
  /** Profiles overwritten by a backup without secrets, which kept their stored secrets (dotted keys). */
  secretsKept: { name: string; keys: string[] }[];
  defaultProfile: string | null;
}

export type ApiGescomSource = { source: 'sample' } | { source: 'file'; db: string };

/** POST /api/profiles/setup/gescom: what a GesCom choice holds, before the profile is made. */
export interface ApiGescomFacts {
  db: string;
  /** false: the sample company is not built yet (the set-up builds it). */
  exists: boolean;
  company?: { name: string; currency: string; articles: number; customers: number };
}

/** POST /api/profiles/setup: a new profile on a GesCom and a shop. */
export interface ApiSetupBody {
  name: string;
  gescom: ApiGescomSource;
  /** kind, url and the kind's own options (`woocommerce: {key, secret}`). */
  shop: Record<string, unknown>;
}

export interface ApiSetupResult {
  profile: ApiProfileSummary;
  db: string;
  sampleCreated: boolean;
  defaultProfile: string | null;
}
