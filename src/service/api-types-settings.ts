/**
 * Wire types of the profile dialog and the options window (web/src/profile-dialog, web/src/options):
 * application settings, the options password, and checking a profile change without saving it.
 * Self-contained (no imports) so that the browser build can type against it.
 */

/** GET /api/settings: the application's settings; the options password only as set or not. */
export interface ApiSettings {
  language: 'fr' | 'en';
  defaultProfile: string | null;
  optionsPasswordSet: boolean;
}

/** PATCH /api/settings. */
export interface ApiSettingsChange {
  language?: 'fr' | 'en';
}

/** PUT /api/settings/options-password: a new password (6 characters at least), or null to remove it. The current one travels in X-Options-Password. */
export interface ApiOptionsPasswordChange {
  password: string | null;
}

/** One problem of a profile change, by dotted option key ('' for the profile itself). */
export interface ApiProfileIssue {
  path: string;
  message: string;
}

/** POST /api/profiles/:name/validate: what a PATCH with the same body would refuse, nothing saved. */
export interface ApiValidation {
  valid: boolean;
  issues: ApiProfileIssue[];
}

/** A group of options (dotted key) and its title. */
export interface ApiOptionSection {
  key: string;
  description: { fr: string; en: string };
}

/** The type of one item field of an object list, or of the items of a list. */
export interface ApiFieldShape {
  type: 'string' | 'number' | 'integer' | 'boolean' | 'enum' | 'list' | 'object';
  enumValues?: string[];
  default?: unknown;
  required: boolean;
}

/**
 * GET /api/option-shapes: what GET /api/options leaves out and a form needs: section titles (headings),
 * the fields of each object list's items and the type of each list's items, by option key.
 */
export interface ApiOptionShapes {
  sections: ApiOptionSection[];
  items: Record<string, Record<string, ApiFieldShape>>;
  listItems: Record<string, ApiFieldShape>;
}
