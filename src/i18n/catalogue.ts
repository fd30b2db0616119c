/**
 * One message catalogue for the journal, the CLI and the service (PRF-05), French
 * first. A merchant or a translator overrides any key without touching code by
 * dropping `<data folder>/i18n/<lang>.json` ({"key": "text with {param}"});
 * `passerelle i18n export --lang fr` writes the full file to start from.
 */
import fs from 'node:fs';
import path from 'node:path';
import { allMessages } from './messages/index.js';
import type { Lang } from './message-table.js';

export type { Lang } from './message-table.js';

export const LANGS: readonly Lang[] = ['fr', 'en'];

const MESSAGES = allMessages;

export type MessageKey = keyof typeof MESSAGES;

/** Keys of a translation file meant for the web UI ("ui.mainWindow.title"): the page applies them itself. */
export const UI_KEY_PREFIX = 'ui.';

/**
 * <i18nDir>/<lang>.json as {key: text}; {} when absent. A broken file must not stop a run: its problem
 * goes to stderr and the built-in texts stay.
 */
export function readOverrides(i18nDir: string, lang: Lang): Record<string, string> {
  const file = path.join(i18nDir, `${lang}.json`);
  if (!fs.existsSync(file)) return {};
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('expected an object {"key": "text"}');
    const texts: Record<string, string> = {};
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value === 'string') texts[key] = value;
      else process.stderr.write(`i18n: ${file}: "${key}" is not a text, ignored\n`);
    }
    return texts;
  } catch (err) {
    process.stderr.write(`i18n: ${file}: ${(err as Error).message}\n`);
    return {};
  }
}

export class Messages {
  private overrides: Partial<Record<Lang, Record<string, string>>> = {};

  constructor(readonly i18nDir?: string) {
    if (i18nDir) for (const lang of LANGS) this.overrides[lang] = readOverrides(i18nDir, lang);
  }

  t(lang: Lang, key: MessageKey, params: MessageParams = {}): string {
    const template = this.overrides[lang]?.[key] ?? MESSAGES[key][lang];
    return template.replace(/\{(\w+)\}/g, (m, name: string) => {
      if (!(name in params)) return m;
      // A parameter may itself be a text ("expected {expected}"): rendered in the same language.
      const v = params[name]!;
      return typeof v === 'object' ? this.t(lang, v.key, v.params) : String(v);
    });
  }

  /** Whole catalogue of a language (built-in merged with overrides), for `i18n export`. */
  catalogue(lang: Lang): Record<string, string> {
    const out: Record<string, string> = {};
    for (const key of Object.keys(MESSAGES) as MessageKey[]) out[key] = this.overrides[lang]?.[key] ?? MESSAGES[key][lang];
    return out;
  }

  static keys(): MessageKey[] {
    return Object.keys(MESSAGES) as MessageKey[];
  }
}

/** Parameter values: plain values, or texts rendered in the language of the text that holds them. */
export type MessageParams = { readonly [name: string]: string | number | Text };

/**
 * A user-facing text not yet rendered: a catalogue key and its parameters. Errors
 * and results carry it so that each place that shows them renders it in its own
 * language (the CLI and the UI in the application's language, a journal in its
 * profile's language), never as a "fr / en" pair.
 */
export interface Text {
  readonly key: MessageKey;
  readonly params: MessageParams;
}

export function msg(key: MessageKey, params: MessageParams = {}): Text {
  return { key, params };
}

/** Whether a string names a catalogue key (keys built from data: "journal.entity." + an entity). */
export function isMessageKey(key: string): key is MessageKey {
  return key in MESSAGES;
}

export function isText(value: unknown): value is Text {
  return typeof value === 'object' && value !== null && typeof (value as Text).key === 'string'
    && (value as Text).key in MESSAGES && typeof (value as Text).params === 'object';
}

// The process-wide catalogue and language: set once by the entry point (CLI: the
// application setting; service: the same), used where no language is passed.
let current: { messages: Messages; lang: Lang } = { messages: new Messages(), lang: 'fr' };

export function setCurrentMessages(messages: Messages, lang: Lang): void {
  current = { messages, lang };
}

export function setCurrentLang(lang: Lang): void {
  current = { ...current, lang };
}

export function currentLang(): Lang {
  return current.lang;
}

/** Renders a text in `lang` (default: the process's language). */
export function render(text: Text, lang: Lang = current.lang): string {
  return current.messages.t(lang, text.key, text.params);
}

/** Renders a catalogue key in the process's language: `tr('cli.profileSaved', { name })`. */
export function tr(key: MessageKey, params: MessageParams = {}, lang: Lang = current.lang): string {
  return current.messages.t(lang, key, params);
}
