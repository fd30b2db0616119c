/**
 * The UI's texts, one table per screen area (each area's file is its own), French by default.
 * `t('area.key', {values})` in the current language; keys are checked by the compiler.
 */
import { createContext, useContext } from 'react';
import { common } from './common.ts';
import { mainWindow } from './main-window.ts';
import { profileDialog } from './profile-dialog.ts';
import { options } from './options.ts';
import { mapping } from './mapping.ts';
import { profiles } from './profiles.ts';
import { orders } from './orders.ts';

export type Lang = 'fr' | 'en';
export const LANGS: readonly Lang[] = ['fr', 'en'];

const tables = { common, mainWindow, profileDialog, options, mapping, profiles, orders };
type Tables = typeof tables;
export type TextKey = { [A in keyof Tables]: `${A & string}.${keyof Tables[A]['fr'] & string}` }[keyof Tables];

/** Texts changed in the data folder (<data>/i18n/<lang>.json, "ui." keys), by language; see GET /api/ui-texts/:lang. */
const overrides: Partial<Record<Lang, Record<string, string>>> = {};

export function setTextOverrides(lang: Lang, texts: Record<string, string>): void {
  overrides[lang] = texts;
}

export function translate(lang: Lang, key: TextKey, values: Record<string, string | number> = {}): string {
  const dot = key.indexOf('.');
  const table = tables[key.slice(0, dot) as keyof Tables][lang] as Record<string, string>;
  const text = overrides[lang]?.[key] ?? table[key.slice(dot + 1)] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}

export const LangContext = createContext<{ lang: Lang; setLang: (l: Lang) => void }>({ lang: 'fr', setLang: () => {} });

/** The current language and `t` bound to it. */
export function useT(): { t: (key: TextKey, values?: Record<string, string | number>) => string; lang: Lang; setLang: (l: Lang) => void } {
  const { lang, setLang } = useContext(LangContext);
  return { t: (key, values) => translate(lang, key, values), lang, setLang };
}

/** Every text of the page in `lang` with the prefix a translation file uses ("ui.area.key"), overrides applied. */
export function allUiTexts(lang: Lang): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [area, table] of Object.entries(tables)) {
    for (const key of Object.keys(table[lang])) out[`ui.${area}.${key}`] = translate(lang, `${area}.${key}` as TextKey);
  }
  return out;
}
