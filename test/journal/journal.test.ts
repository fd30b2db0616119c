import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Journal, formatTimestamp, journalFile, rotateIfNeeded, type JournalEntry, type JournalOptions } from '../../src/journal/journal.js';
import { Messages } from '../../src/i18n/catalogue.js';

const messages = new Messages();
/** 10:00:00 in Paris (summer time, UTC+2). */
const NOW = new Date('2026-07-07T08:00:00.000Z');

let tmp: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-journal-'));
});

afterEach(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

function make(over: Partial<JournalOptions> = {}): { journal: Journal; entries: JournalEntry[]; file: string } {
  const file = journalFile(path.join(tmp, 'journals'), 'demo');
  const journal = new Journal({
    profile: 'demo', file, lang: 'fr', timezone: 'Europe/Paris', messages, now: () => NOW, runId: 7, ...over,
  });
  const entries: JournalEntry[] = [];
  journal.on('entry', (e: JournalEntry) => entries.push(e));
  return { journal, entries, file: over.file === undefined ? file : (over.file ?? '') };
}

const lines = (file: string) => fs.readFileSync(file, 'utf8').split('\n').filter((l) => l !== '');

describe('formatTimestamp', () => {
  it('writes Paris summer time (UTC+2)', () => {
    expect(formatTimestamp(new Date('2026-07-07T08:00:00Z'), 'Europe/Paris')).toBe('2026-07-07 10:00:00');
  });

  it('writes Paris winter time (UTC+1)', () => {
    expect(formatTimestamp(new Date('2026-01-15T08:05:09Z'), 'Europe/Paris')).toBe('2026-01-15 09:05:09');
  });

  it('follows the change of offset on the last Sunday of March', () => {
    expect(formatTimestamp(new Date('2026-03-29T00:59:59Z'), 'Europe/Paris')).toBe('2026-03-29 01:59:59');
    expect(formatTimestamp(new Date('2026-03-29T01:00:00Z'), 'Europe/Paris')).toBe('2026-03-29 03:00:00');
  });

  it('writes midnight as 00, not 24, and rolls the date over', () => {
    expect(formatTimestamp(new Date('2026-07-06T22:00:00Z'), 'Europe/Paris')).toBe('2026-07-07 00:00:00');
  });

  it('writes other zones', () => {
    expect(formatTimestamp(new Date('2026-07-07T08:00:00Z'), 'America/New_York')).toBe('2026-07-07 04:00:00');
    expect(formatTimestamp(new Date('2026-07-07T20:30:00Z'), 'Asia/Tokyo')).toBe('2026-07-08 05:30:00');
    expect(formatTimestamp(new Date('2026-07-07T08:00:00Z'), 'UTC')).toBe('2026-07-07 08:00:00');
  });
});

describe('journal lines (manual format)', () => {
  it('writes the start line of an action', () => {
    const { journal, file } = make();
    journal.start('action.products.prices');
    expect(lines(file)).toEqual(["2026-07-07 10:00:00 - Début de l'export des prix des articles"]);
  });

  it('writes progress and success lines', () => {
    const { journal, file } = make();
    journal.progress(3, 20, 'AR0003');
    journal.success();
    expect(lines(file)).toEqual(['2026-07-07 10:00:00 --> 3/20 - AR0003', '2026-07-07 10:00:00 --> Réussi']);
  });

  it('writes step, info, reading, warning and failure lines', () => {
    const { journal, file } = make();
    journal.step('Export des articles');
    journal.info('12 articles à envoyer');
    journal.reading('what.articles');
    journal.warning('prix manquant');
    journal.failed('boutique injoignable');
    expect(lines(file)).toEqual([
      '2026-07-07 10:00:00 - Export des articles',
      '2026-07-07 10:00:00 --> 12 articles à envoyer',
      '2026-07-07 10:00:00 --> Lecture des articles',
      '2026-07-07 10:00:00 --> Avertissement : prix manquant',
      '2026-07-07 10:00:00 --> Échec : boutique injoignable',
    ]);
  });

  it('names the entity and the field of an error', () => {
    const { journal, file } = make();
    journal.error('article AR0003', 'code TVA inconnu', 'vatCode');
    journal.error('client CL0001', 'adresse e-mail manquante');
    expect(lines(file)).toEqual([
      '2026-07-07 10:00:00 --> Erreur : article AR0003 (vatCode) : code TVA inconnu',
      '2026-07-07 10:00:00 --> Erreur : client CL0001 : adresse e-mail manquante',
    ]);
  });

  it('writes English lines for an English profile', () => {
    const { journal, file } = make({ lang: 'en' });
    journal.start('action.products.prices');
    journal.success();
    journal.error('article AR0003', 'unknown VAT code', 'vatCode');
    expect(lines(file)).toEqual([
      '2026-07-07 10:00:00 - Start of the product price export',
      '2026-07-07 10:00:00 --> Succeeded',
      '2026-07-07 10:00:00 --> Error: article AR0003 (vatCode): unknown VAT code',
    ]);
    expect(journal.lang).toBe('en');
  });

  it('writes the time in the profile time zone', () => {
    const { journal, file } = make({ timezone: 'America/New_York' });
    journal.success();
    expect(lines(file)).toEqual(['2026-07-07 04:00:00 --> Réussi']);
  });

  it('writes one summary line per entity, named in French, then the duration', () => {
    const { journal, file } = make();
    journal.count('products', 'created', 2);
    journal.count('products', 'updated');
    journal.count('products', 'failed');
    journal.count('categories', 'unchanged', 5);
    journal.summary('action.products.export', 12_340);
    expect(lines(file)).toEqual([
      '2026-07-07 10:00:00 --> Résumé articles : 2 créé(s), 1 mis à jour, 0 inchangé(s), 0 ignoré(s), 1 en erreur',
      '2026-07-07 10:00:00 --> Résumé catégories : 0 créé(s), 0 mis à jour, 5 inchangé(s), 0 ignoré(s), 0 en erreur',
      "2026-07-07 10:00:00 - Fin de l'export des articles en 12.3 s",
    ]);
    expect(journal.counts.get('products')).toEqual({ created: 2, updated: 1, unchanged: 0, skipped: 0, failed: 1 });
  });

  it('writes the summary in English, and an entity without a catalogue name as counted', () => {
    const { journal, file } = make({ lang: 'en' });
    journal.count('customers', 'skipped', 3);
    journal.count('widgets', 'created');
    journal.summary('action.customers.export', 500);
    expect(lines(file)).toEqual([
      '2026-07-07 10:00:00 --> Summary customers: 0 created, 0 updated, 0 unchanged, 3 skipped, 0 failed',
      '2026-07-07 10:00:00 --> Summary widgets: 1 created, 0 updated, 0 unchanged, 0 skipped, 0 failed',
      '2026-07-07 10:00:00 - End of the customer export in 0.5 s',
    ]);
  });

  it.each([
    ['products', 'fr', 'Résumé articles'], ['variations', 'fr', 'Résumé variations'], ['categories', 'fr', 'Résumé catégories'],
    ['stock', 'fr', 'Résumé stocks'], ['prices', 'fr', 'Résumé prix'], ['status', 'fr', 'Résumé statuts'],
    ['orders', 'fr', 'Résumé commandes'], ['customers', 'fr', 'Résumé clients'], ['contacts', 'fr', 'Résumé contacts'],
    ['groups', 'fr', 'Résumé groupes de clients'], ['prospects', 'fr', 'Résumé prospects'], ['connection', 'fr', 'Résumé connexion'],
    ['settings', 'fr', 'Résumé réglages'],
    ['products', 'en', 'Summary products'], ['stock', 'en', 'Summary stock'], ['groups', 'en', 'Summary customer groups'],
    ['orders', 'en', 'Summary orders'], ['settings', 'en', 'Summary settings'],
  ] as const)('names %s in %s summaries: "%s"', (entity, lang, head) => {
    const { journal, file } = make({ lang });
    journal.count(entity, 'updated');
    journal.summary('action.products.export', 0);
    expect(lines(file)[0]).toMatch(new RegExp(`--> ${head} ?: 0 `));
  });

  it('ends a shop run with the requests it sent and how many were writes', () => {
    const fr = make();
    fr.journal.summary('action.products.stocks', 2_060, { requests: 52, writeRequests: 49 });
    expect(lines(fr.file)).toEqual([
      "2026-07-07 10:00:00 - Fin de l'export des stocks des articles en 2.1 s : 52 requête(s) à la boutique, dont 49 en écriture",
    ]);
    const en = make({ lang: 'en', file: path.join(tmp, 'en.log') });
    en.journal.summary('action.products.stocks', 2_060, { requests: 3, writeRequests: 0 });
    expect(lines(en.file)).toEqual(['2026-07-07 10:00:00 - End of the product stock export in 2.1 s: 3 request(s) to the shop, 0 of them writes']);
  });

  it('tallies quiet items in one line per entity and kind, naming the first five codes', () => {
    const { journal, file } = make();
    for (let i = 1; i <= 4872; i++) journal.quiet('stock', 'unchanged', `AR${String(i).padStart(4, '0')}`);
    journal.quiet('stock', 'skipped', 'AR9001');
    journal.quiet('stock', 'skipped', 'AR9002');
    journal.progress(4873, 4875, 'AR9003');
    journal.count('stock', 'updated');
    journal.summary('action.products.stocks', 1000);
    expect(lines(file)).toEqual([
      '2026-07-07 10:00:00 --> 4873/4875 - AR9003',
      '2026-07-07 10:00:00 --> Inchangés (stocks) : 4872, non envoyés (AR0001, AR0002, AR0003, AR0004, AR0005, …)',
      '2026-07-07 10:00:00 --> Absents de la boutique (stocks) : 2, ignorés (AR9001, AR9002)',
      '2026-07-07 10:00:00 --> Résumé stocks : 0 créé(s), 1 mis à jour, 4872 inchangé(s), 2 ignoré(s), 0 en erreur',
      "2026-07-07 10:00:00 - Fin de l'export des stocks des articles en 1.0 s",
    ]);
    expect(journal.counts.get('stock')).toEqual({ created: 0, updated: 1, unchanged: 4872, skipped: 2, failed: 0 });
  });

  it('shows dates and periods in the profile time zone, in the line stamps\' format', () => {
    const { journal } = make();
    expect(journal.time('2026-06-30T22:00:00.000Z')).toBe('2026-07-01 00:00:00');
    expect(journal.time(new Date('2026-01-15T12:30:05Z'))).toBe('2026-01-15 13:30:05');
    const ny = make({ timezone: 'America/New_York', file: null });
    expect(ny.journal.time('2026-07-07T08:00:00Z')).toBe('2026-07-07 04:00:00');
    expect(journal.time('not a date')).toBe('not a date');
  });

  it('writes nothing once sealed (an abandoned action winding down after its run was recorded)', () => {
    const { journal, file, entries } = make();
    journal.success();
    journal.seal();
    journal.failed('late');
    expect(lines(file)).toEqual(['2026-07-07 10:00:00 --> Réussi']);
    expect(entries).toHaveLength(1);
  });

  it('masks credential parameters of any URL written, secrets known or not', () => {
    const { journal, file } = make();
    journal.failed('HTTP 401 (GET https://shop.example/wp-json/wc/v3/products?oauth_consumer_key=ck_x&oauth_signature=abc%3D&page=2)');
    expect(lines(file)).toEqual([
      '2026-07-07 10:00:00 --> Échec : HTTP 401 (GET https://shop.example/wp-json/wc/v3/products?oauth_consumer_key=***&oauth_signature=***&page=2)',
    ]);
  });

  it('appends to an existing journal file', () => {
    const first = make();
    first.journal.start('action.products.prices');
    const second = make({ now: () => new Date('2026-07-07T08:00:05Z') });
    second.journal.success();
    expect(lines(first.file)).toEqual([
      "2026-07-07 10:00:00 - Début de l'export des prix des articles",
      '2026-07-07 10:00:05 --> Réussi',
    ]);
  });

  it('creates the journal folder', () => {
    const file = path.join(tmp, 'deep', 'er', 'demo.log');
    const { journal } = make({ file });
    journal.success();
    expect(fs.existsSync(file)).toBe(true);
  });

  it('writes no file when file is null but still emits entries', () => {
    const { journal, entries } = make({ file: null });
    journal.success();
    expect(entries).toHaveLength(1);
    expect(fs.readdirSync(tmp)).toEqual([]);
  });
});

describe('entry events', () => {
  it('emits each line with its level, text, run id, profile and date', () => {
    const { journal, entries } = make();
    const returned = journal.write('info', '--> direct');
    journal.start('action.products.prices');
    journal.progress(1, 2, 'AR0001');
    journal.error('article AR0001', 'refusé', 'price');
    journal.success();
    journal.count('article', 'created');
    journal.summary('action.products.prices', 1000);

    expect(entries[0]).toEqual(returned);
    expect(entries.map((e) => e.level)).toEqual(['info', 'start', 'progress', 'error', 'success', 'summary', 'summary']);
    expect(entries[2]).toEqual({
      runId: 7, profile: 'demo', at: '2026-07-07T08:00:00.000Z', level: 'progress',
      text: '--> 1/2 - AR0001', line: '2026-07-07 10:00:00 --> 1/2 - AR0001',
    });
    expect(entries.map((e) => e.line)).toEqual(lines(journalFile(path.join(tmp, 'journals'), 'demo')));
  });

  it('carries the run id given later with setRunId', () => {
    const { journal, entries } = make({ runId: null });
    journal.success();
    journal.setRunId(42);
    journal.success();
    expect(entries.map((e) => e.runId)).toEqual([null, 42]);
  });

  it('emits count events', () => {
    const { journal } = make();
    const counts: unknown[] = [];
    journal.on('count', (c) => counts.push(c));
    journal.count('article', 'updated', 4);
    expect(counts).toEqual([{ entity: 'article', kind: 'updated', n: 4 }]);
  });
});

describe('secret masking', () => {
  it('masks every known secret in the file and in the events, wherever it appears', () => {
    const { journal, entries, file } = make({ secrets: ['ck_abc123', 'cs_def456'] });
    journal.info('GET https://shop.example/wp-json?consumer_key=ck_abc123&consumer_secret=cs_def456');
    journal.error('boutique', 'clé ck_abc123 refusée (ck_abc123)', 'shop.key');
    journal.failed('cs_def456');

    const content = fs.readFileSync(file, 'utf8');
    expect(content).not.toContain('ck_abc123');
    expect(content).not.toContain('cs_def456');
    expect(lines(file)).toEqual([
      // Credential parameters of a URL are masked by name as well.
      '2026-07-07 10:00:00 --> GET https://shop.example/wp-json?consumer_key=***&consumer_secret=***',
      '2026-07-07 10:00:00 --> Erreur : boutique (shop.key) : clé ******** refusée (********)',
      '2026-07-07 10:00:00 --> Échec : ********',
    ]);
    for (const e of entries) {
      expect(e.text).not.toMatch(/ck_abc123|cs_def456/);
      expect(e.line).not.toMatch(/ck_abc123|cs_def456/);
    }
  });

  it('ignores secrets shorter than 4 characters (they would mask ordinary words)', () => {
    const { journal, file } = make({ secrets: ['a', 'de', ''] });
    journal.info('a de');
    expect(lines(file)).toEqual(['2026-07-07 10:00:00 --> a de']);
  });
});

describe('rotation', () => {
  it('keeps name.log, name.1.log and name.2.log with keepFiles 2', () => {
    const { journal, file } = make({ maxBytes: 100, keepFiles: 2 });
    for (let i = 0; i < 60; i++) journal.progress(i + 1, 60, `AR${String(i + 1).padStart(4, '0')}`);
    const dir = path.dirname(file);
    expect(fs.readdirSync(dir).sort()).toEqual(['demo.1.log', 'demo.2.log', 'demo.log']);
    // The newest line is in name.log, older ones in name.1.log then name.2.log.
    expect(lines(file).at(-1)).toBe('2026-07-07 10:00:00 --> 60/60 - AR0060');
    const all = [...lines(path.join(dir, 'demo.2.log')), ...lines(path.join(dir, 'demo.1.log')), ...lines(file)];
    const numbers = all.map((l) => Number(/--> (\d+)\/60/.exec(l)?.[1]));
    expect(numbers).toEqual(numbers.slice().sort((a, b) => a - b));
    expect(numbers.at(-1)).toBe(60);
    for (const f of ['demo.log', 'demo.1.log', 'demo.2.log']) expect(fs.statSync(path.join(dir, f)).size).toBeLessThan(100 + 60);
  });

  it('does not rotate below maxBytes', () => {
    const { journal, file } = make({ maxBytes: 10_000, keepFiles: 2 });
    for (let i = 0; i < 20; i++) journal.success();
    expect(fs.readdirSync(path.dirname(file))).toEqual(['demo.log']);
    expect(lines(file)).toHaveLength(20);
  });

  it('rotateIfNeeded ignores a missing file', () => {
    expect(() => rotateIfNeeded(path.join(tmp, 'none.log'), 1, 2)).not.toThrow();
  });

  // The runner passes `maxBytes: undefined` / `keepFiles: undefined` when a profile has no
  // journal size (src/actions/runner.ts makeJournal): the defaults (5 MB, 5 files) must apply.
  it('applies the default size and file count when maxBytes and keepFiles are passed as undefined', () => {
    const { journal, file } = make({ maxBytes: undefined, keepFiles: undefined });
    journal.start('action.products.prices');
    journal.progress(1, 2, 'AR0001');
    journal.success();
    expect(lines(file)).toEqual([
      "2026-07-07 10:00:00 - Début de l'export des prix des articles",
      '2026-07-07 10:00:00 --> 1/2 - AR0001',
      '2026-07-07 10:00:00 --> Réussi',
    ]);
    expect(fs.readdirSync(path.dirname(file))).toEqual(['demo.log']);
  });
});
