/**
 * Issue 7: every user-facing line in one language. These tests would have caught the
 * "fr / en" pairs: every string literal of src/ (parsed with the TypeScript compiler,
 * so comments are left out) and every catalogue text is scanned for a pair, i.e. a
 * " / " followed by a word. The few legitimate slashes are allowed by their exact text,
 * each with its reason.
 */
import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { LANGS, Messages } from '../../src/i18n/catalogue.js';
import { allMessages } from '../../src/i18n/messages/index.js';
import type { MessageTable } from '../../src/i18n/message-table.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SRC = path.join(ROOT, 'src');
const TABLES = path.join(SRC, 'i18n', 'messages');

/**
 * " / " then a word (a letter, a quote or a guillemet): how every pair was written
 * ("fichier SQLite / SQLite file"), or a placeholder ("(pièce ${}) / ${} in the shop"); or a literal ending in " /" or starting with "/ ",
 * the two halves of a pair split over a concatenation ('… non modifiée / ' + 'address differs').
 */
const PAIR = / \/ (?=[\p{L}"«($])|\S \/\s*$|^\s*\/ \p{L}/u;

/** Legitimate slashes, by exact literal: one language each, the slash is the language's own. */
const ALLOWED = new Map<string, string>([
  // Profile option descriptions: schema.ts passes French and English as separate arguments.
  ['Référence / numéro affiché de la commande', 'French description: "reference or display number"'],
  ['Shop order reference / display number', 'English description'],
  ["Jusqu'à 5 couples champ nom d'attribut / champ valeur d'attribut", 'French description: pairs of fields'],
  ['Up to 5 pairs of attribute name field / attribute value field', 'English description'],
  ['Déclinaisons / variations', 'French section title'],
  ['Remplacer les notes / observations', 'French description'],
  ['Pays ou zone -> catégorie comptable des ventes avec taxe / sans taxe', 'French description: with or without tax'],
  ['Country or zone -> accounting category for sales with / without tax', 'English description'],
]);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

interface Literal {
  file: string;
  line: number;
  text: string;
}

/** Every string literal and template text of a file, comments excluded. */
function literals(file: string): Literal[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: Literal[] = [];
  const add = (node: ts.Node, text: string) => {
    out.push({ file: path.relative(ROOT, file), line: source.getLineAndCharacterOfPosition(node.getStart()).line + 1, text });
  };
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) add(node, node.text);
    else if (ts.isTemplateExpression(node)) {
      // The template as it reads, placeholders shown as ${}: "a ${x} / b" is still a pair.
      add(node, node.head.text + node.templateSpans.map((s) => '${}' + s.literal.text).join(''));
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

describe('no "fr / en" pairs (issue 7)', () => {
  it('the detector finds the pairs the issue reported, and lets the allowed slashes through', () => {
    expect(PAIR.test('fichier SQLite / SQLite file')).toBe(true);
    expect(PAIR.test('le fichier existe déjà / file already exists: ${}')).toBe(true);
    expect(PAIR.test('article inconnu / "AR0003" unknown')).toBe(true);
    expect(PAIR.test('HT/TTC')).toBe(false);
    expect(PAIR.test(' / ')).toBe(false);
    expect(PAIR.test('(pièce ${}) / ${} in the shop: status left alone')).toBe(true);
    expect(PAIR.test('{index}/{total} - {label}')).toBe(false);
    expect(PAIR.test("remise en une ligne au lieu d'une par taux de TVA / ")).toBe(true);
    expect(PAIR.test('/ address differs from the order')).toBe(true);
  });

  it('no string literal of src/ holds a pair', () => {
    const found = sourceFiles(SRC)
      .flatMap(literals)
      .filter((l) => PAIR.test(l.text) && !ALLOWED.has(l.text))
      .map((l) => `${l.file}:${l.line}: ${l.text}`);
    expect(found).toEqual([]);
  });

  it('every allowed slash is still in the source (the allow-list does not rot)', () => {
    const texts = new Set(sourceFiles(SRC).flatMap(literals).map((l) => l.text));
    expect([...ALLOWED.keys()].filter((t) => !texts.has(t))).toEqual([]);
  });

  it('no catalogue text holds a pair, in either language', () => {
    const m = new Messages();
    const found = LANGS.flatMap((lang) =>
      Object.entries(m.catalogue(lang)).filter(([, text]) => PAIR.test(text) && !ALLOWED.has(text)).map(([key, text]) => `${lang} ${key}: ${text}`));
    expect(found).toEqual([]);
  });
});

describe('catalogue tables', () => {
  async function tables(): Promise<Record<string, MessageTable>> {
    const out: Record<string, MessageTable> = {};
    for (const f of fs.readdirSync(TABLES).filter((n) => n.endsWith('.ts') && n !== 'index.ts')) {
      const mod = (await import(path.join(TABLES, f))) as Record<string, MessageTable>;
      for (const [name, table] of Object.entries(mod)) out[`${f}:${name}`] = table;
    }
    return out;
  }

  it('every table is registered in index.ts, and no key is in two tables', async () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const [table, texts] of Object.entries(await tables())) {
      for (const key of Object.keys(texts)) {
        if (seen.has(key)) twice.push(`${key}: ${seen.get(key)} and ${table}`);
        seen.set(key, table);
      }
    }
    expect(twice).toEqual([]);
    // A table left out of index.ts would make its keys unknown at run time.
    expect([...seen.keys()].filter((k) => !(k in allMessages))).toEqual([]);
    expect(Object.keys(allMessages).length).toBe(seen.size);
  });

  it('every text has both languages, and both use the same {params}', async () => {
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort().join(',');
    const bad: string[] = [];
    for (const texts of Object.values(await tables())) {
      for (const [key, t] of Object.entries(texts)) {
        if (!t.fr?.trim() || !t.en?.trim()) bad.push(`${key}: missing a language`);
        else if (params(t.fr) !== params(t.en)) bad.push(`${key}: {${params(t.fr)}} vs {${params(t.en)}}`);
      }
    }
    expect(bad).toEqual([]);
  });
});
