/**
 * ART-06: simple GesCom articles sharing a master reference become one shop product
 * with variations. Each article names up to five attributes through field pairs
 * (name field, value field: "Gamme 1" = "Couleur", "Valeur Gamme 1" = "Rouge").
 * Every combination of the attribute values must exist exactly once, otherwise
 * the group is refused and the message names what is missing.
 */
import type { Article } from '../../gescom/model.js';
import type { AttributeValue } from '../drafts.js';
import { customValue } from './article-fields.js';
import { msg, type Text } from '../../i18n/catalogue.js';

export interface VariationSettings {
  enabled: boolean;
  masterField: string;
  attributes: { nameField: string; valueField: string }[];
}

export interface VariationGroup {
  master: string;
  /** Attribute names in the order of the field pairs, with their values in order of first appearance. */
  attributes: { name: string; values: string[] }[];
  members: { article: Article; attributes: AttributeValue[] }[];
}

export interface VariationGroupError {
  master: string;
  codes: string[];
  message: Text;
}

/** The master reference an article declares, '' when it is a plain simple article. */
export function masterReference(article: Article, s: VariationSettings): string {
  return s.enabled && s.masterField ? customValue(article, s.masterField) : '';
}

function attributesOf(article: Article, s: VariationSettings): AttributeValue[] {
  const out: AttributeValue[] = [];
  for (const pair of s.attributes.slice(0, 5)) {
    const name = customValue(article, pair.nameField);
    const value = customValue(article, pair.valueField);
    if (name || value) out.push({ name, value });
  }
  return out;
}

export function buildVariationGroup(master: string, articles: Article[], s: VariationSettings): VariationGroup | VariationGroupError {
  const codes = articles.map((a) => a.code);
  const members = articles.map((article) => ({ article, attributes: attributesOf(article, s) }));
  const fail = (message: Text): VariationGroupError => ({ master, codes, message });
  const first = members[0];
  if (!first || first.attributes.length === 0) {
    return fail(msg('variations.noAttribute', { fields: s.attributes.map((p) => `${p.nameField}/${p.valueField}`).join(', ') }));
  }
  const names = first.attributes.map((a) => a.name);
  for (const m of members) {
    const theirs = m.attributes.map((a) => a.name);
    const empty = m.attributes.find((a) => !a.name || !a.value);
    if (empty || theirs.map((n) => n.toLocaleLowerCase('fr')).join('\u0000') !== names.map((n) => n.toLocaleLowerCase('fr')).join('\u0000')) {
      return fail(msg('variations.attributesDiffer', { code: m.article.code, theirs: theirs.map((n, i) => `${n || '?'}=${m.attributes[i]?.value || '?'}`).join(', '), names: names.join(', ') }));
    }
  }
  const attributes = names.map((name, i) => ({ name, values: [...new Set(members.map((m) => m.attributes[i]!.value))] }));
  const key = (values: string[]) => values.join('\u0000');
  const seen = new Map<string, string>();
  for (const m of members) {
    const k = key(m.attributes.map((a) => a.value));
    const other = seen.get(k);
    if (other) return fail(msg('variations.sameCombination', { other, code: m.article.code, combination: m.attributes.map((a) => `${a.name}=${a.value}`).join(', ') }));
    seen.set(k, m.article.code);
  }
  // Every combination of the values must exist: the shop shows a full grid.
  const missing: string[] = [];
  const walk = (i: number, acc: string[]) => {
    if (i === attributes.length) {
      if (!seen.has(key(acc))) missing.push(acc.map((v, j) => `${attributes[j]!.name}=${v}`).join(', '));
      return;
    }
    for (const v of attributes[i]!.values) walk(i + 1, [...acc, v]);
  };
  walk(0, []);
  if (missing.length) {
    return fail(msg('variations.missingCombinations', { missing: `${missing.slice(0, 5).join(' ; ')}${missing.length > 5 ? ` (+${missing.length - 5})` : ''}` }));
  }
  return { master, attributes, members };
}

export function isGroupError(g: VariationGroup | VariationGroupError): g is VariationGroupError {
  return 'message' in g;
}
