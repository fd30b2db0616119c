/**
 * Issue 7 end to end, through the built CLI: the application's language
 * (`passerelle settings set language`) rules what the CLI prints, help included; the
 * profile's general.language rules its journal. Neither ever prints the other
 * language, nor "fr / en" pairs.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir, removeTempDirs, requireBuild, ROOT, runCli, type CliResult } from '../support/e2e-cli.js';

/** Words only a French line holds (texts of the catalogue, and the French space before a colon). */
const FRENCH = /\b(Début|Fin de|Erreur|Réussi|Avertissement|Lecture|Résumé|introuvable|inconnue?|non mappée|attendu|commande|Réglage|Langue)\b| : /;
/** Words only an English line holds. */
const ENGLISH = /\b(Start of|End of|Error|Succeeded|Warning|Reading|Summary|not found|unknown|not mapped|expected|Setting|Language)\b/;

let work: string;
let data: string;
let xml: string;

const cli = (...args: string[]): Promise<CliResult> => runCli(args, { dataDir: data });

function ok(r: CliResult): CliResult {
  expect(r.code, `"${r.args.join(' ')}" failed:\n${r.stderr}`).toBe(0);
  return r;
}

const journalFile = () => path.join(data, 'journals', 'demo.log');
const journalSize = () => (fs.existsSync(journalFile()) ? fs.statSync(journalFile()).size : 0);
/** The journal lines written since `from` bytes. */
function journalSince(from: number): string[] {
  return fs.readFileSync(journalFile(), 'utf8').slice(from).split('\n').filter(Boolean);
}

beforeAll(async () => {
  requireBuild();
  work = makeTempDir('passerelle-i18n-cli-');
  data = path.join(work, 'data');
  ok(await cli('demo', 'init'));
  // The documented order XML, in a currency the demo profile does not map: that order fails alone.
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'order-xml.md'), 'utf8');
  xml = path.join(work, 'chf.xml');
  fs.writeFileSync(xml, /```xml\n([\s\S]*?)```/.exec(doc)![1]!.replace('currency="EUR"', 'currency="CHF"'));
}, 60_000);

afterAll(() => removeTempDirs());

describe('the application language rules the CLI (one language at a time)', { timeout: 60_000 }, () => {
  it.sequential('language en: a failing command, the help and the settings print English only', async () => {
    expect(ok(await cli('settings', 'set', 'language', 'en')).stdout.trim()).toBe('Setting saved: language = en');

    const bad = await cli('profile', 'set', 'demo', 'http.timeoutSeconds', 'abc');
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim()).toBe('passerelle: [profile / http.timeoutSeconds] http.timeoutSeconds: expected a whole number between 1 and 600, got "abc"');

    const missing = await cli('gescom', 'articles', '--db', path.join(work, 'nope.db'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('does not exist: check the path given by --db');
    expect(missing.stderr).not.toMatch(FRENCH);

    const help = ok(await cli('gescom', '--help')).stdout;
    expect(help).toContain('List articles');
    expect(help).toMatch(/^Usage: passerelle gescom /);
    expect(help).not.toMatch(/Liste les articles|Utilisation|affiche l'aide| \/ /);

    expect(ok(await cli('settings', 'show')).stdout).toBe('Language: en\nDefault profile: demo\nOptions password: not set\n');
  });

  it.sequential('language fr: the same command and help print French only', async () => {
    ok(await cli('settings', 'set', 'language', 'fr'));
    const bad = await cli('profile', 'set', 'demo', 'http.timeoutSeconds', 'abc');
    expect(bad.stderr.trim()).toBe('passerelle: [profil / http.timeoutSeconds] http.timeoutSeconds : attendu : un nombre entier entre 1 et 600, reçu "abc"');
    expect(bad.stderr).not.toMatch(ENGLISH);
    const help = ok(await cli('gescom', '--help')).stdout;
    expect(help).toContain('Liste les articles');
    // Commander's own words too.
    expect(help).toMatch(/^Utilisation : passerelle gescom /);
    expect(help).toContain("affiche l'aide de la commande");
    expect(help).not.toMatch(/List articles|Usage:|display help| \/ /);
  });

  it.sequential('passerelle runs shows the status in the application language; --json keeps the token', async () => {
    ok(await cli('check', '--profile', 'demo', '--gescom-only'));
    ok(await cli('settings', 'set', 'language', 'en'));
    expect(ok(await cli('runs', '--profile', 'demo')).stdout).toMatch(/ demo gescom\.check succeeded /);
    ok(await cli('settings', 'set', 'language', 'fr'));
    expect(ok(await cli('runs', '--profile', 'demo')).stdout).toMatch(/ demo gescom\.check réussie /);
    const runs = JSON.parse(ok(await cli('runs', '--profile', 'demo', '--json')).stdout) as { status: string }[];
    expect(runs[0]!.status).toBe('succeeded');
  });
});

describe("the profile's general.language rules its journal, whatever the application's", { timeout: 60_000 }, () => {
  it.sequential('general.language en (application in French): no French line in the journal of a failing check and order import', async () => {
    ok(await cli('settings', 'set', 'language', 'fr'));
    ok(await cli('profile', 'set', 'demo', 'general.language', 'en'));
    ok(await cli('profile', 'set', 'demo', 'orders.specialArticles.packaging', 'ZZNOPE'));
    const from = journalSize();
    const check = await cli('check', '--profile', 'demo', '--gescom-only');
    expect(check.code).toBe(1);
    ok(await cli('profile', 'set', 'demo', 'orders.specialArticles.packaging', 'ZDIVERS'));
    const load = await cli('orders', 'load-xml', xml, '--profile', 'demo');
    expect(load.code).toBe(1);

    const lines = journalSince(from);
    expect(lines.filter((l) => FRENCH.test(l))).toEqual([]);
    expect(lines.join('\n')).not.toMatch(/ \/ [a-z]/);
    expect(lines).toContainEqual(expect.stringMatching(
      /--> Error: profile demo \(orders\.specialArticles\.packaging\): special article "Packaging" \(ZZNOPE\) not found in the GesCom: create it or change option orders\.specialArticles\.packaging$/,
    ));
    expect(lines).toContainEqual(expect.stringMatching(
      /--> Error: order 530 \(orders\.mappings\.currencies\): order in CHF: no GesCom currency for CHF \(the company keeps its books in EUR\); add CHF to option orders\.mappings\.currencies$/,
    ));
  });

  it.sequential('general.language fr (application in English): no English line in the journal of the same runs', async () => {
    ok(await cli('settings', 'set', 'language', 'en'));
    ok(await cli('profile', 'set', 'demo', 'general.language', 'fr'));
    ok(await cli('profile', 'set', 'demo', 'orders.specialArticles.packaging', 'ZZNOPE'));
    const from = journalSize();
    expect((await cli('check', '--profile', 'demo', '--gescom-only')).code).toBe(1);
    ok(await cli('profile', 'set', 'demo', 'orders.specialArticles.packaging', 'ZDIVERS'));
    expect((await cli('orders', 'load-xml', xml, '--profile', 'demo')).code).toBe(1);

    const lines = journalSince(from);
    expect(lines.filter((l) => ENGLISH.test(l))).toEqual([]);
    expect(lines).toContainEqual(expect.stringMatching(
      /--> Erreur : profil demo \(orders\.specialArticles\.packaging\) : article spécial « Emballage » \(ZZNOPE\) introuvable dans la gestion commerciale/,
    ));
    expect(lines).toContainEqual(expect.stringMatching(/--> Erreur : commande 530 \(orders\.mappings\.currencies\) : commande en CHF : aucune devise de la gestion commerciale pour CHF/));
  });
});
