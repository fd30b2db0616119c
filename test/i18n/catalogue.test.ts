import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LANGS, Messages } from '../../src/i18n/catalogue.js';

let tmp: string;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-i18n-'));
});

afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('Messages.t', () => {
  const m = new Messages();

  it('returns the French and English texts', () => {
    expect(m.t('fr', 'journal.success')).toBe('Réussi');
    expect(m.t('en', 'journal.success')).toBe('Succeeded');
  });

  it('fills parameters, numbers included', () => {
    expect(m.t('fr', 'journal.progress', { index: 3, total: 20, label: 'AR0003' })).toBe('3/20 - AR0003');
    expect(m.t('fr', 'cli.profileCreated', { name: 'demo' })).toBe('Profil « demo » créé');
    expect(m.t('en', 'cli.profileCreated', { name: 'demo' })).toBe('Profile "demo" created');
    expect(m.t('fr', 'journal.start', { action: m.t('fr', 'action.products.prices') })).toBe("Début de l'export des prix des articles");
  });

  it('leaves a missing parameter visible', () => {
    expect(m.t('en', 'journal.error', { entity: 'article AR0003', message: 'bad' })).toBe('Error: article AR0003{field}: bad');
  });

  it('does not interpret $ patterns in parameter values', () => {
    expect(m.t('en', 'journal.failed', { message: "$& $1 $$ $'" })).toBe("Failed: $& $1 $$ $'");
  });

  it('works without an i18n folder, and with a folder holding no file', () => {
    expect(new Messages(path.join(tmp, 'missing')).t('fr', 'journal.success')).toBe('Réussi');
    expect(new Messages(tmp).t('en', 'journal.success')).toBe('Succeeded');
  });
});

describe('override files', () => {
  it('<dir>/fr.json changes one key; other keys and the other language keep the built-in text', () => {
    fs.writeFileSync(path.join(tmp, 'fr.json'), JSON.stringify({ 'journal.success': 'OK ({what})', 'journal.progress': '[{index} sur {total}] {label}' }));
    const m = new Messages(tmp);
    expect(m.t('fr', 'journal.success', { what: 'prix' })).toBe('OK (prix)');
    expect(m.t('fr', 'journal.progress', { index: 1, total: 2, label: 'AR0001' })).toBe('[1 sur 2] AR0001');
    expect(m.t('fr', 'journal.warning', { message: 'x' })).toBe('Avertissement : x');
    expect(m.t('en', 'journal.success')).toBe('Succeeded');
    expect(m.catalogue('fr')['journal.success']).toBe('OK ({what})');
    expect(m.catalogue('en')['journal.success']).toBe('Succeeded');
  });

  it('<dir>/en.json overrides English only', () => {
    fs.writeFileSync(path.join(tmp, 'en.json'), JSON.stringify({ 'journal.success': 'Done' }));
    const m = new Messages(tmp);
    expect(m.t('en', 'journal.success')).toBe('Done');
    expect(m.t('fr', 'journal.success')).toBe('Réussi');
  });

  it('a broken override file falls back to the built-in texts and says which file', () => {
    const file = path.join(tmp, 'fr.json');
    fs.writeFileSync(file, '{ "journal.success": "OK", ');
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const m = new Messages(tmp);
    expect(m.t('fr', 'journal.success')).toBe('Réussi');
    expect(m.catalogue('fr')).toEqual(new Messages().catalogue('fr'));
    expect(err).toHaveBeenCalled();
    expect(String(err.mock.calls[0]?.[0])).toContain(file);
  });

  // catalogue.ts: "A broken translation file must not stop a run: fall back to the built-in text".
  // Valid JSON with a non-text value is broken too: t() must not throw in the middle of a run.
  it('an override value that is not text falls back to the built-in text', () => {
    fs.writeFileSync(path.join(tmp, 'fr.json'), JSON.stringify({ 'journal.success': 42, 'journal.failed': { text: 'x' }, 'journal.warning': 'Attention : {message}' }));
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const m = new Messages(tmp);
    expect(m.t('fr', 'journal.warning', { message: 'x' })).toBe('Attention : x');
    expect(() => m.t('fr', 'journal.success')).not.toThrow();
    expect(m.t('fr', 'journal.success')).toBe('Réussi');
    expect(m.t('fr', 'journal.failed', { message: 'boom' })).toBe('Échec : boom');
    expect(m.catalogue('fr')['journal.success']).toBe('Réussi');
  });

  it('unknown keys in an override file are not added to the catalogue', () => {
    fs.writeFileSync(path.join(tmp, 'fr.json'), JSON.stringify({ 'no.such.key': 'x' }));
    const m = new Messages(tmp);
    expect(Object.keys(m.catalogue('fr'))).toEqual(Messages.keys());
  });
});

describe('catalogue completeness', () => {
  const m = new Messages();

  it('catalogue(lang) holds every key of Messages.keys(), and only those', () => {
    const keys = Messages.keys();
    expect(keys.length).toBeGreaterThan(10);
    expect(new Set(keys).size).toBe(keys.length);
    for (const lang of LANGS) {
      const cat = m.catalogue(lang);
      expect(Object.keys(cat).sort()).toEqual([...keys].sort());
    }
  });

  it('every built-in key has a non-empty French and English text', () => {
    const fr = m.catalogue('fr');
    const en = m.catalogue('en');
    const missing = Messages.keys().filter((k) => !fr[k]?.trim() || !en[k]?.trim());
    expect(missing).toEqual([]);
  });

  it('French and English texts of a key use the same parameters', () => {
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).sort();
    const fr = m.catalogue('fr');
    const en = m.catalogue('en');
    const differ = Messages.keys().filter((k) => JSON.stringify(params(fr[k]!)) !== JSON.stringify(params(en[k]!)));
    expect(differ).toEqual([]);
  });

  it('LANGS lists fr first, then en', () => {
    expect(LANGS).toEqual(['fr', 'en']);
  });
});
