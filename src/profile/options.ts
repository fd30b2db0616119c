/**
 * Options of a profile as a flat list of dotted keys (PRF-02), read from the zod schema so that
 * the schema stays the single source of truth: the CLI (`config get/set/list`) and the UI show
 * the same keys, defaults and descriptions. Pure functions, no I/O.
 */
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { currentLang, isMessageKey, msg, render, type Lang, type Text } from '../i18n/catalogue.js';
import { getPath, withPath } from '../util/dotted.js';
import { profileSchema, type OptionMeta, type Profile } from './schema.js';

export type OptionType = 'string' | 'number' | 'boolean' | 'enum' | 'list' | 'object-list' | 'date';

export interface OptionInfo {
  /** Dotted key, e.g. 'orders.accountPrefix'. */
  key: string;
  type: OptionType;
  enumValues?: readonly string[];
  /** Value taken when the option is absent; undefined only for required options. */
  default: unknown;
  /** No default: the profile must give it (name, gescom.kind, gescom.db). */
  required: boolean;
  /** null is a valid value (dates: "never"). */
  nullable: boolean;
  description: { fr: string; en: string };
  secret: boolean;
  featureIds?: string[];
  /** Accepted values in words, as used in error messages ("a whole number between 1 and 20"), in the application's language. */
  expected: string;
  /** Fields of one item, for object lists. */
  itemFields?: string[];
}

export interface SectionInfo {
  key: string;
  description: { fr: string; en: string };
  featureIds?: string[];
}

export interface ProfileIssue {
  /** Dotted path of the field at fault; '' for the document itself. */
  path: string;
  /** The message in the application's language (the service's `issues`); `text` renders it in another. */
  message: string;
  text: Text;
}

function issue(path: string, text: Text): ProfileIssue {
  return { path, message: render(text), text };
}

/** What a masked secret looks like; setting a secret to this value keeps the stored one. */
export const MASK = '********';

function formatIssues(issues: ProfileIssue[], lang?: Lang): string {
  const one = (i: ProfileIssue) => render(msg('options.issue', { path: i.path || 'profile', message: i.text }), lang);
  if (issues.length === 1 && issues[0]) return one(issues[0]);
  return render(msg('options.issues', { n: issues.length, list: issues.map(one).join(' ; ') }), lang);
}

/** A profile, or one value for it, was rejected; every issue names its dotted field. */
export class ProfileValidationError extends ConfigError {
  readonly issues: ProfileIssue[];

  constructor(issues: ProfileIssue[], entity = 'profile') {
    super(formatIssues(issues), entity, issues[0]?.path);
    this.issues = issues;
  }

  /** Every issue again in `lang` (a journal in its profile's language). */
  override messageIn(lang?: Lang): string {
    return formatIssues(this.issues, lang);
  }
}

/** The key names no option; `suggestions` holds the closest known keys. */
export class UnknownOptionError extends ProfileValidationError {
  constructor(readonly key: string, readonly suggestions: string[], message: Text) {
    super([issue(key, message)]);
  }
}

// ---------------------------------------------------------------------------------------------
// Walking the schema.

interface Peeled {
  core: z.ZodType;
  meta: Partial<OptionMeta>;
  hasDefault: boolean;
  defaultValue: unknown;
  nullable: boolean;
}

/** Strips default/prefault/nullable/optional wrappers, merging metadata (outer wins). */
function peel(schema: z.ZodType): Peeled {
  let s = schema;
  let meta: Partial<OptionMeta> = {};
  let hasDefault = false;
  let defaultValue: unknown;
  let nullable = false;
  for (;;) {
    const m = z.globalRegistry.get(s) as Partial<OptionMeta> | undefined;
    if (m) meta = { ...m, ...meta };
    if (s instanceof z.ZodDefault || s instanceof z.ZodPrefault) {
      if (!hasDefault) {
        hasDefault = true;
        defaultValue = s.def.defaultValue;
      }
      s = s.unwrap() as z.ZodType;
    } else if (s instanceof z.ZodNullable || s instanceof z.ZodOptional) {
      nullable ||= s instanceof z.ZodNullable;
      s = s.unwrap() as z.ZodType;
    } else {
      return { core: s, meta, hasDefault, defaultValue, nullable };
    }
  }
}

/** The .max() of an array schema (zod keeps it in the checks, not in the bag, for arrays). */
function maxItemsOf(schema: z.ZodArray): number | undefined {
  for (const check of schema.def.checks ?? []) {
    const def = check._zod.def as { check?: string; maximum?: unknown };
    if (def.check === 'max_length' && typeof def.maximum === 'number') return def.maximum;
  }
  return undefined;
}

function numberExpected(int: boolean, min: number | undefined, max: number | undefined): Text {
  if (min !== undefined && max !== undefined) return msg(int ? 'options.exp.intBetween' : 'options.exp.numberBetween', { min, max });
  if (min !== undefined) return msg(int ? 'options.exp.intAtLeast' : 'options.exp.numberAtLeast', { min });
  if (max !== undefined) return msg(int ? 'options.exp.intAtMost' : 'options.exp.numberAtMost', { max });
  return msg(int ? 'options.exp.int' : 'options.exp.number');
}

function scalarExpected(core: z.ZodType): Text {
  if (core instanceof z.ZodBoolean) return msg('options.exp.boolean');
  if (core instanceof z.ZodNumber) {
    const min = core.minValue ?? undefined;
    const max = core.maxValue ?? undefined;
    const safe = (n: number | undefined) => (n !== undefined && Math.abs(n) < Number.MAX_SAFE_INTEGER ? n : undefined);
    return numberExpected(core.isInt, safe(min), safe(max));
  }
  if (core instanceof z.ZodEnum) return msg('options.exp.oneOf', { values: core.options.map((v) => JSON.stringify(v)).join(', ') });
  if (core instanceof z.ZodString) {
    const min = core.minLength ?? 0;
    if (core.maxLength === null) return min > 0 ? msg('options.exp.textAtLeast', { min }) : msg('options.exp.text');
    return min > 0 ? msg('options.exp.textBetween', { min, max: core.maxLength }) : msg('options.exp.textAtMost', { max: core.maxLength });
  }
  return msg('options.exp.valid');
}

interface Leaf {
  /** `expected` left empty here: filled from `expected` (a text) in the reader's language. */
  info: OptionInfo;
  expected: Text;
  core: z.ZodType;
  /** Element schema of lists, peeled. */
  element?: z.ZodType;
}

interface Index {
  options: OptionInfo[];
  sections: SectionInfo[];
  byKey: Map<string, Leaf>;
}

let index: Index | undefined;

function buildIndex(): Index {
  const options: OptionInfo[] = [];
  const sections: SectionInfo[] = [];
  const byKey = new Map<string, Leaf>();

  const walk = (shape: Record<string, z.core.$ZodType>, prefix: string, inherited: string[] | undefined) => {
    for (const [name, child] of Object.entries(shape)) {
      const key = prefix ? `${prefix}.${name}` : name;
      const p = peel(child as z.ZodType);
      const featureIds = p.meta.featureIds ?? inherited;
      if (typeof p.meta.fr !== 'string' || typeof p.meta.en !== 'string') {
        throw new Error(`profile schema: ${key} lacks its fr/en description`);
      }
      const description = { fr: p.meta.fr, en: p.meta.en };
      if (p.core instanceof z.ZodObject) {
        sections.push({ key, description, ...(featureIds ? { featureIds: [...featureIds] } : {}) });
        walk(p.core.shape as Record<string, z.core.$ZodType>, key, featureIds);
        continue;
      }
      let type: OptionType;
      let expected: Text = msg('options.exp.valid');
      let element: z.ZodType | undefined;
      let itemFields: string[] | undefined;
      let enumValues: readonly string[] | undefined;
      if (p.core instanceof z.ZodArray) {
        const el = peel(p.core.element as z.ZodType).core;
        const maxItems = maxItemsOf(p.core);
        const max = maxItems ?? '∞';
        if (el instanceof z.ZodObject) {
          type = 'object-list';
          itemFields = Object.keys(el.shape);
          expected = msg('options.exp.objectList', { max, fields: itemFields.join(', ') });
        } else {
          type = 'list';
          element = el;
          expected = el instanceof z.ZodEnum
            ? msg('options.exp.listAmong', { max, values: el.options.map(String).join(', ') })
            : msg('options.exp.list', { max });
        }
      } else if (p.core instanceof z.ZodString && p.meta.format === 'date') {
        type = 'date';
        expected = msg('options.exp.date');
      } else if (p.core instanceof z.ZodBoolean) {
        type = 'boolean';
        expected = scalarExpected(p.core);
      } else if (p.core instanceof z.ZodNumber) {
        type = 'number';
        expected = scalarExpected(p.core);
      } else if (p.core instanceof z.ZodEnum) {
        type = 'enum';
        enumValues = p.core.options.map(String);
        expected = scalarExpected(p.core);
      } else if (p.core instanceof z.ZodString) {
        type = 'string';
        expected = scalarExpected(p.core);
      } else {
        throw new Error(`profile schema: ${key} has a type options.ts cannot handle`);
      }
      if (p.meta.expected) expected = p.meta.expected;
      const info: OptionInfo = {
        key,
        type,
        ...(enumValues ? { enumValues } : {}),
        default: p.hasDefault ? p.defaultValue : undefined,
        required: !p.hasDefault,
        nullable: p.nullable,
        description,
        secret: p.meta.secret === true,
        ...(featureIds ? { featureIds: [...featureIds] } : {}),
        expected: '',
        ...(itemFields ? { itemFields } : {}),
      };
      options.push(info);
      byKey.set(key, { info, expected, core: p.core, ...(element ? { element } : {}) });
    }
  };
  walk(profileSchema.shape as Record<string, z.core.$ZodType>, '', undefined);
  return { options, sections, byKey };
}

function idx(): Index {
  index ??= buildIndex();
  return index;
}

// ---------------------------------------------------------------------------------------------
// Suggestions for mistyped keys.

function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = cur;
  }
  return prev[b.length] ?? 0;
}

const lastSegment = (k: string) => k.slice(k.lastIndexOf('.') + 1).toLowerCase();
const parentOf = (k: string) => (k.includes('.') ? k.slice(0, k.lastIndexOf('.')) : '');

function suggest(key: string, candidates: readonly string[], max = 3): string[] {
  const tail = lastSegment(key);
  const limit = Math.max(2, Math.floor(tail.length / 3));
  return candidates
    .map((c) => {
      const full = levenshtein(key.toLowerCase(), c.toLowerCase());
      const byTail = levenshtein(tail, lastSegment(c)) + (parentOf(c).toLowerCase() === parentOf(key).toLowerCase() ? 0 : 1);
      const contains = tail.length >= 4 && lastSegment(c).includes(tail) ? 1 : Number.POSITIVE_INFINITY;
      return { c, score: Math.min(full, byTail, contains) };
    })
    .filter((s) => s.score <= limit)
    .sort((a, b) => a.score - b.score || a.c.localeCompare(b.c))
    .slice(0, max)
    .map((s) => s.c);
}

function unknownOption(key: string): UnknownOptionError {
  const { options, sections } = idx();
  const section = sections.find((s) => s.key === key);
  if (section) {
    const inside = options.filter((o) => o.key.startsWith(`${key}.`)).map((o) => o.key);
    return new UnknownOptionError(key, inside.slice(0, 5),
      msg('options.group', { options: `${inside.slice(0, 5).join(', ')}${inside.length > 5 ? ', …' : ''}` }));
  }
  // An option of format 2's flat shop section (shop.key): it now lives under every platform that has it.
  const moved = /^shop\.([^.]+)$/.exec(key);
  const platformKeys = moved ? options.map((o) => o.key).filter((k) => k.endsWith(`.${moved[1]}`) && k.split('.').length === 3) : [];
  const suggestions = platformKeys.length ? platformKeys : suggest(key, options.map((o) => o.key));
  return new UnknownOptionError(key, suggestions,
    suggestions.length ? msg('options.unknownDidYouMean', { key, suggestions: suggestions.join(', ') }) : msg('options.unknown', { key }));
}

function requireLeaf(key: string): Leaf {
  const leaf = idx().byKey.get(key);
  if (!leaf) throw unknownOption(key);
  return leaf;
}

// ---------------------------------------------------------------------------------------------
// Issues -> messages naming the field.

function show(value: unknown): string | Text {
  if (value === undefined) return msg('options.nothing');
  if (typeof value === 'string') {
    return value.length > 60 ? msg('options.longText', { start: JSON.stringify(value.slice(0, 57) + '…'), n: value.length }) : JSON.stringify(value);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  let json: string;
  try {
    json = JSON.stringify(value) ?? String(value);
  } catch {
    json = String(value);
  }
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
}

/** The option a path falls in: itself, or the list it is an element of. */
function leafAt(path: string): Leaf | undefined {
  const parts = path.split('.');
  for (let n = parts.length; n > 0; n--) {
    const leaf = idx().byKey.get(parts.slice(0, n).join('.'));
    if (leaf) return leaf;
  }
  return undefined;
}

/** A schema message: a catalogue key (schema.ts writes them so, with `params` for custom issues), else zod's own words. */
function schemaText(issue: z.core.$ZodIssue): Text {
  const params = (issue as { params?: Record<string, string | number> }).params ?? {};
  return isMessageKey(issue.message) ? msg(issue.message, params) : msg('options.zod', { message: issue.message });
}

function describeIssue(issue: z.core.$ZodIssue, path: string): Text {
  const input = (issue as { input?: unknown }).input;
  // Whole objects (a mapping row) would only add noise after the path.
  const hasGot = !(input === undefined || (typeof input === 'object' && input !== null));
  const withGot = (text: Text): Text => (hasGot ? msg('options.got', { message: text, got: show(input) }) : text);
  // Refinements and formats carry messages written for people (see schema.ts).
  if (issue.code === 'custom' || issue.code === 'invalid_format') return withGot(schemaText(issue));
  const leaf = idx().byKey.get(path);
  if (leaf && ['invalid_type', 'invalid_value', 'too_big', 'too_small', 'not_multiple_of'].includes(issue.code)) {
    if (input === undefined) return msg('options.required', { expected: leaf.expected });
    return withGot(msg('options.expected', { expected: leaf.expected }));
  }
  switch (issue.code) {
    case 'invalid_type':
      return input === undefined ? msg('options.required', { expected: issue.expected }) : withGot(msg('options.expected', { expected: issue.expected }));
    case 'invalid_value':
      return withGot(msg('options.expected', { expected: msg('options.exp.oneOf', { values: issue.values.map((v) => JSON.stringify(v)).join(', ') }) }));
    case 'too_big':
      return withGot(msg(issue.origin === 'array' ? 'options.atMostItems' : issue.origin === 'string' ? 'options.atMostChars' : 'options.atMost', { max: String(issue.maximum) }));
    case 'too_small':
      return withGot(msg(issue.origin === 'array' ? 'options.atLeastItems' : issue.origin === 'string' ? 'options.atLeastChars' : 'options.atLeast', { min: String(issue.minimum) }));
    default:
      return withGot(schemaText(issue));
  }
}

function toProfileIssues(error: z.ZodError): ProfileIssue[] {
  const out: ProfileIssue[] = [];
  const { options, sections } = idx();
  for (const zi of error.issues) {
    const base = zi.path.map(String);
    if (zi.code === 'unrecognized_keys') {
      for (const k of zi.keys) {
        const path = [...base, k].join('.');
        // Inside an object list the candidates are the item's fields, elsewhere the known keys.
        const owner = leafAt(base.join('.'));
        const candidates = owner?.info.itemFields
          ? owner.info.itemFields.map((f) => [...base, f].join('.'))
          : [...options.map((o) => o.key), ...sections.map((s) => s.key)];
        const s = suggest(path, candidates);
        out.push(issue(path, s.length ? msg('options.unknownHereDidYouMean', { suggestions: s.join(', ') }) : msg('options.unknownHere')));
      }
      continue;
    }
    const path = base.join('.');
    out.push(issue(path, describeIssue(zi, path)));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Public API.

/** An option's description with `expected` in `lang` (default: the application's language). */
function infoIn(leaf: Leaf, lang: Lang): OptionInfo {
  return { ...structuredClone(leaf.info), expected: render(leaf.expected, lang) };
}

/** Every option of a profile, one per leaf, in schema order. */
export function listOptions(lang: Lang = currentLang()): OptionInfo[] {
  return idx().options.map((o) => infoIn(idx().byKey.get(o.key)!, lang));
}

/** Groups of options (sections and sub-sections) with their titles, for help screens and the UI. */
export function listSections(): SectionInfo[] {
  return structuredClone(idx().sections);
}

/** One option's description; throws UnknownOptionError with suggestions. */
export function getOptionInfo(key: string, lang: Lang = currentLang()): OptionInfo {
  return infoIn(requireLeaf(key), lang);
}

/** Dotted keys of secret options: the store encrypts them, displays mask them. */
export function secretKeys(): string[] {
  return idx().options.filter((o) => o.secret).map((o) => o.key);
}

/** Parses a whole profile, filling defaults; throws ProfileValidationError naming every field at fault. */
export function validateProfile(input: unknown): Profile {
  const result = profileSchema.safeParse(input, { reportInput: true });
  if (result.success) return result.data;
  const name = (input as { name?: unknown } | null)?.name;
  throw new ProfileValidationError(toProfileIssues(result.error), typeof name === 'string' ? `profile ${name}` : 'profile');
}

export function getOption(profile: Profile, key: string): unknown {
  requireLeaf(key);
  return getPath(profile, key);
}

const TRUE_WORDS = new Set(['true', 'oui', 'yes', 'vrai', 'on', '1', 'o', 'y']);
const FALSE_WORDS = new Set(['false', 'non', 'no', 'faux', 'off', '0', 'n']);
const NONE_WORDS = new Set(['', 'none', 'null', 'never', 'aucun', 'aucune', 'jamais']);

function coerceScalar(core: z.ZodType, raw: string): { ok: true; value: unknown } | { ok: false } {
  const t = raw.trim();
  if (core instanceof z.ZodBoolean) {
    const w = t.toLowerCase();
    if (TRUE_WORDS.has(w)) return { ok: true, value: true };
    if (FALSE_WORDS.has(w)) return { ok: true, value: false };
    return { ok: false };
  }
  if (core instanceof z.ZodNumber) {
    // French users type decimal commas.
    const n = t.replace(',', '.');
    return /^[-+]?\d+(?:\.\d+)?$/.test(n) ? { ok: true, value: Number(n) } : { ok: false };
  }
  if (core instanceof z.ZodEnum) {
    const values = core.options.map(String);
    const hit = values.find((v) => v === t) ?? values.find((v) => v.toLowerCase() === t.toLowerCase());
    return hit !== undefined ? { ok: true, value: hit } : { ok: false };
  }
  return { ok: true, value: raw };
}

function coerce(leaf: Leaf, raw: string): unknown {
  const { info } = leaf;
  const fail = () => new ProfileValidationError([issue(info.key, msg('options.got', { message: msg('options.expected', { expected: leaf.expected }), got: show(raw) }))]);
  switch (info.type) {
    case 'string':
      return raw;
    case 'boolean':
    case 'number':
    case 'enum': {
      const r = coerceScalar(leaf.core, raw);
      if (!r.ok) throw fail();
      return r.value;
    }
    case 'date': {
      const t = raw.trim();
      if (NONE_WORDS.has(t.toLowerCase())) return null;
      const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
      // dd/mm/yyyy as the manual's screens show dates.
      return fr ? `${fr[3]}-${fr[2]!.padStart(2, '0')}-${fr[1]!.padStart(2, '0')}` : t;
    }
    case 'list': {
      const parts = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
      const element = leaf.element;
      if (!element) return parts;
      return parts.map((p) => {
        const r = coerceScalar(element, p);
        if (!r.ok) throw fail();
        return r.value;
      });
    }
    case 'object-list': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        throw fail();
      }
      if (!Array.isArray(parsed)) throw fail();
      return parsed;
    }
  }
}

/**
 * Sets one option from a command-line string, coerced to the option's type, then re-validates
 * the whole profile. Setting a secret to MASK keeps the stored secret (a masked form sent back).
 */
export function setOption(profile: Profile, key: string, rawValue: string): Profile {
  const leaf = requireLeaf(key);
  if (leaf.info.secret && rawValue === MASK) return validateProfile(profile);
  const value = coerce(leaf, rawValue);
  return validateProfile(withPath(profile, key, value));
}

/** A copy with every non-empty secret replaced by MASK, safe to print. */
export function maskSecrets(profile: Profile): Profile {
  let out = structuredClone(profile);
  for (const key of secretKeys()) {
    const v = getPath(out, key);
    if (typeof v === 'string' && v !== '') out = withPath(out, key, MASK);
  }
  return out;
}
