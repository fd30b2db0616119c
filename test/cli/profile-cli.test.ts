/**
 * `passerelle profile …`, `demo init`, `check`, `journal` and `runs` end to end: the
 * built CLI as a child process on its own data folder. Every command's output is
 * checked for the clear secret values: none may ever be printed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Profile } from '../../src/profile/schema.js';
import type { RunRecord } from '../../src/state/state-store.js';
import { distModule, jsonOf, makeTempDir, removeTempDirs, requireBuild, runCli, type CliResult } from '../support/e2e-cli.js';

type AppContextModule = typeof import('../../src/app/app-context.js');

const KEY = 'ck_123456';
const SECRET = 'cs_654321';
const PASSPHRASE = 'pw-backup-phrase';
const OPTIONS_PASSWORD = 'secret1';
const NEVER_PRINTED = [KEY, SECRET, PASSPHRASE, OPTIONS_PASSWORD];
const SHOP_FLAGS = ['--shop', 'woocommerce', '--shop-url', 'https://s.example', '--shop-key', KEY, '--shop-secret', SECRET];

let work: string;
/** A data folder holding profile "shop1" (WooCommerce, with key and secret) as `profile create` left it. */
let template: string;

/** Runs the CLI on `dataDir` and checks that neither stdout nor stderr shows a secret. */
async function cli(dataDir: string, ...args: string[]): Promise<CliResult> {
  return cliAt(undefined, dataDir, ...args);
}

/** `cli`, started from the folder `cwd` (relative paths on the command line are relative to it). */
async function cliAt(cwd: string | undefined, dataDir: string, ...args: string[]): Promise<CliResult> {
  const r = await runCli(args, { dataDir, cwd });
  for (const s of NEVER_PRINTED) {
    expect(r.stdout, `stdout of "${args.join(' ')}" shows a secret`).not.toContain(s);
    expect(r.stderr, `stderr of "${args.join(' ')}" shows a secret`).not.toContain(s);
  }
  return r;
}

function ok(r: CliResult): CliResult {
  expect(r.code, `"${r.args.join(' ')}" failed:\n${r.stderr}`).toBe(0);
  return r;
}

/** The profile as the engine reads it (secrets in clear), through the built store. */
async function loadClear(dataDir: string, name: string): Promise<Profile> {
  const { AppContext } = await distModule<AppContextModule>('src/app/app-context.js');
  const app = new AppContext(dataDir);
  try {
    return app.profiles.load(name);
  } finally {
    app.close();
  }
}

beforeAll(async () => {
  requireBuild();
  // The in-process store must use the data folder's key, as the children do.
  delete process.env.PASSERELLE_SECRET_KEY;
  work = makeTempDir('passerelle-profile-cli-');
  template = path.join(work, 'template');
  const created = ok(await cli(template, 'profile', 'create', 'shop1', '--db', path.join(work, 'shop1.db'), ...SHOP_FLAGS));
  expect(created.stdout.trim()).toBe('Profil « shop1 » créé');
});

/**
 * A scenario has its own data folder: scenarios run side by side (each CLI call is a
 * Node start-up, ~0.4 s of CPU), the steps of one scenario one after another.
 */
function scenario(name: string, steps: () => void): void {
  describe(name, { concurrent: true, timeout: 60_000 }, steps);
}

/** A fresh data folder, a copy of the template (cheaper than one more `profile create`). */
function dataFolder(name: string): string {
  const dir = path.join(work, name);
  fs.cpSync(template, dir, { recursive: true });
  return dir;
}

afterAll(() => removeTempDirs());

scenario('profile create / show / set / list', () => {
  let data: string;
  beforeAll(() => {
    data = dataFolder('crud');
  });

  it.sequential('shows the profile with key and secret masked, and never writes them in clear', async () => {
    const shown = jsonOf<Profile>(ok(await cli(data, 'profile', 'show', 'shop1', '--json')));
    expect(shown.name).toBe('shop1');
    expect(shown.gescom).toMatchObject({ kind: 'embedded', db: path.join(work, 'shop1.db') });
    expect(shown.shop).toMatchObject({ kind: 'woocommerce', url: 'https://s.example', woocommerce: { key: '********', secret: '********' } });
    expect(shown.http.timeoutSeconds).toBe(30); // default filled in

    const file = path.join(data, 'profiles', 'shop1.json');
    const raw = fs.readFileSync(file, 'utf8');
    expect(raw).not.toContain(KEY);
    expect(raw).not.toContain(SECRET);
    const stored = JSON.parse(raw) as Profile;
    expect(stored.shop.woocommerce.key).toMatch(/^enc:v1:/);
    expect(stored.shop.woocommerce.secret).toMatch(/^enc:v1:/);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o077).toBe(0);

    // The engine gets the clear values back.
    expect((await loadClear(data, 'shop1')).shop).toMatchObject({ woocommerce: { key: KEY, secret: SECRET } });

    const table = ok(await cli(data, 'profile', 'show', 'shop1'));
    expect(table.stdout).toMatch(/^shop\.woocommerce\.key\s+\*{8}$/m);
    expect(table.stdout).toMatch(/^shop\.url\s+https:\/\/s\.example$/m);
  });

  it.sequential('sets an option by its dotted name', async () => {
    const r = ok(await cli(data, 'profile', 'set', 'shop1', 'http.timeoutSeconds', '45'));
    expect(r.stdout.trim()).toBe('shop1: http.timeoutSeconds = 45');
    expect(jsonOf<Profile>(ok(await cli(data, 'profile', 'show', 'shop1', '--json'))).http.timeoutSeconds).toBe(45);
    const stored = await loadClear(data, 'shop1');
    expect(stored.http.timeoutSeconds).toBe(45);
    // Setting another option keeps the secrets.
    expect(stored.shop).toMatchObject({ woocommerce: { key: KEY, secret: SECRET } });
  });

  it.sequential('setting a secret prints it masked', async () => {
    const dir = path.join(work, 'secret-set');
    ok(await cli(dir, 'profile', 'create', 'p', '--db', 'x.db'));
    const r = ok(await cli(dir, 'profile', 'set', 'p', 'shop.woocommerce.secret', SECRET));
    expect(r.stdout.trim()).toBe('p: shop.woocommerce.secret = ********');
    expect((await loadClear(dir, 'p')).shop.woocommerce.secret).toBe(SECRET);
  });

  it.sequential('rejects a bad value naming the dotted field, and keeps the old value', async () => {
    const r = await cli(data, 'profile', 'set', 'shop1', 'http.timeoutSeconds', 'abc');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('http.timeoutSeconds');
    expect(r.stderr).toContain('"abc"');
    const tooBig = await cli(data, 'profile', 'set', 'shop1', 'http.timeoutSeconds', '100000');
    expect(tooBig.code).toBe(1);
    expect(tooBig.stderr).toContain('entre 1 et 600'); // the application's language: French by default
    expect((await loadClear(data, 'shop1')).http.timeoutSeconds).toBe(45);
  });

  it.sequential('rejects an unknown option, suggesting the closest one', async () => {
    const r = await cli(data, 'profile', 'set', 'shop1', 'http.timeoutSecs', '40');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('http.timeoutSecs');
    expect(r.stderr).toContain('vouliez-vous dire http.timeoutSeconds ?');
  });

  it.sequential('lists profiles as JSON', async () => {
    const list = jsonOf<Record<string, unknown>[]>(ok(await cli(data, 'profile', 'list', '--json')));
    expect(list).toEqual([{ name: 'shop1', default: true, gescom: 'embedded', db: path.join(work, 'shop1.db'), shop: 'woocommerce', url: 'https://s.example' }]);
  });

  it.sequential('refuses a second profile with the same name and an invalid name', async () => {
    const again = await cli(data, 'profile', 'create', 'shop1', '--db', 'other.db');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('shop1');
    const bad = await cli(data, 'profile', 'create', '../evil', '--db', 'x.db');
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('name');
    expect(fs.existsSync(path.join(work, 'evil.json'))).toBe(false);
  });
});

scenario('profile duplicate / rename / default / delete', () => {
  it.sequential('duplicates, renames, chooses the default, and deletes only with --yes', async () => {
    const data = dataFolder('lifecycle');

    ok(await cli(data, 'profile', 'duplicate', 'shop1', 'shop2'));
    expect((await loadClear(data, 'shop2')).shop).toMatchObject({ url: 'https://s.example', woocommerce: { key: KEY, secret: SECRET } });

    const renamed = ok(await cli(data, 'profile', 'rename', 'shop2', 'shop3'));
    expect(renamed.stdout.trim()).toBe('shop2 -> shop3');
    expect(fs.existsSync(path.join(data, 'profiles', 'shop2.json'))).toBe(false);
    expect((await loadClear(data, 'shop3')).shop.woocommerce.key).toBe(KEY);

    expect(ok(await cli(data, 'profile', 'default')).stdout.trim()).toBe('shop1');
    expect(ok(await cli(data, 'profile', 'default', 'shop3')).stdout.trim()).toBe('shop3');
    const unknownDefault = await cli(data, 'profile', 'default', 'nope');
    expect(unknownDefault.code).toBe(1);
    expect(unknownDefault.stderr).toContain('nope');
    const list = jsonOf<{ name: string; default: boolean }[]>(ok(await cli(data, 'profile', 'list', '--json')));
    expect(list.map((p) => [p.name, p.default])).toEqual([['shop1', false], ['shop3', true]]);

    const unconfirmed = await cli(data, 'profile', 'delete', 'shop3');
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stdout).toContain('--yes');
    expect(fs.existsSync(path.join(data, 'profiles', 'shop3.json'))).toBe(true);

    const deleted = ok(await cli(data, 'profile', 'delete', 'shop3', '--yes'));
    // The default moved to what is left, and the command says so.
    expect(deleted.stdout).toBe('Profil « shop3 » supprimé\nLe profil par défaut est maintenant « shop1 »\n');
    expect(fs.existsSync(path.join(data, 'profiles', 'shop3.json'))).toBe(false);
    const after = jsonOf<{ name: string; default: boolean }[]>(ok(await cli(data, 'profile', 'list', '--json')));
    expect(after.map((p) => [p.name, p.default])).toEqual([['shop1', true]]);
  });

  it.sequential('deleting a profile says nothing of the default unless it was the default; the last one leaves none', async () => {
    const data = dataFolder('delete-default');
    ok(await cli(data, 'profile', 'duplicate', 'shop1', 'shop4'));
    expect(ok(await cli(data, 'profile', 'delete', 'shop4', '--yes')).stdout).toBe('Profil « shop4 » supprimé\n');
    expect(ok(await cli(data, 'profile', 'delete', 'shop1', '--yes')).stdout)
      .toBe("Profil « shop1 » supprimé\nPlus aucun profil : il n'y a plus de profil par défaut\n");
  });
});

scenario('profile export / import', () => {
  it.sequential('moves a profile with its secrets to another data folder under a passphrase', async () => {
    const from = dataFolder('export-from');
    const to = path.join(work, 'export-to');
    const file = path.join(work, 'backup.json');
    ok(await cli(from, 'profile', 'set', 'shop1', 'http.timeoutSeconds', '45'));

    const exported = ok(await cli(from, 'profile', 'export', 'shop1', '--file', file, '--passphrase', PASSPHRASE));
    expect(exported.stdout).toContain(file);
    const backup = fs.readFileSync(file, 'utf8');
    expect(backup).not.toContain(KEY);
    expect(backup).not.toContain(SECRET);
    expect(JSON.parse(backup)).toMatchObject({ format: 'passerelle-profiles', version: 1, secretsIncluded: true });

    const noPhrase = await cli(to, 'profile', 'import', file);
    expect(noPhrase.code).toBe(1);
    expect(noPhrase.stderr).toContain('--passphrase');
    const wrongPhrase = await cli(to, 'profile', 'import', file, '--passphrase', 'not-the-phrase');
    expect(wrongPhrase.code).toBe(1);
    expect(fs.existsSync(path.join(to, 'profiles', 'shop1.json'))).toBe(false); // nothing half-imported

    const imported = ok(await cli(to, 'profile', 'import', file, '--passphrase', PASSPHRASE));
    expect(imported.stdout).toContain('shop1');
    const shown = jsonOf<Profile>(ok(await cli(to, 'profile', 'show', 'shop1', '--json')));
    expect(shown.shop).toMatchObject({ url: 'https://s.example', woocommerce: { key: '********', secret: '********' } });
    expect(shown.http.timeoutSeconds).toBe(45);
    // Re-encrypted with the other folder's own key, readable there in clear.
    expect(fs.readFileSync(path.join(to, 'profiles', 'shop1.json'), 'utf8')).not.toContain(KEY);
    expect((await loadClear(to, 'shop1')).shop).toMatchObject({ woocommerce: { key: KEY, secret: SECRET } });

    const twice = await cli(to, 'profile', 'import', file, '--passphrase', PASSPHRASE);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain('--overwrite');
  });

  it.sequential('--overwrite with a backup made without --passphrase keeps the stored key and secret, and says so', async () => {
    const data = dataFolder('overwrite-plain');
    const file = path.join(work, 'backup-overwrite.json');
    ok(await cli(data, 'profile', 'export', 'shop1', '--file', file));
    // The backup's other options win: change one in the file to see it land.
    const bundle = JSON.parse(fs.readFileSync(file, 'utf8')) as { profiles: Profile[] };
    bundle.profiles[0]!.shop.url = 'https://moved.example';
    fs.writeFileSync(file, JSON.stringify(bundle));

    const r = ok(await cli(data, 'profile', 'import', file, '--overwrite'));
    expect(r.stdout).toBe(
      'Profil(s) importé(s) : shop1\n'
      + 'Profil « shop1 » : la sauvegarde ne contient pas de secrets, ceux déjà enregistrés sont conservés (shop.woocommerce.key, shop.woocommerce.secret)\n',
    );
    expect((await loadClear(data, 'shop1')).shop).toMatchObject({ url: 'https://moved.example', woocommerce: { key: KEY, secret: SECRET } });
  });

  it.sequential('exports without secrets when no passphrase is given', async () => {
    const from = dataFolder('export-plain-from');
    const to = path.join(work, 'export-plain-to');
    const file = path.join(work, 'backup-plain.json');
    expect(ok(await cli(from, 'profile', 'export', 'shop1', '--file', file)).stdout).toContain('(sans secrets)');
    ok(await cli(to, 'profile', 'import', file));
    expect((await loadClear(to, 'shop1')).shop).toMatchObject({ url: 'https://s.example', woocommerce: { key: '', secret: '' } });
  });
});

scenario('paths are stored absolute; the default profile is named', () => {
  it.sequential('--db and profile set gescom.db are made absolute from the folder the command runs in', async () => {
    const data = path.join(work, 'paths');
    const cwd = path.join(work, 'paths-cwd');
    fs.mkdirSync(path.join(cwd, 'sub'), { recursive: true });
    ok(await cliAt(cwd, data, 'profile', 'create', 'p', '--db', 'company.db'));

    // From another folder (the project root), the profile still points at the same file.
    const shown = await cli(data, 'profile', 'show', '--json');
    expect(jsonOf<Profile>(ok(shown)).gescom.db).toBe(path.join(cwd, 'company.db'));
    // Run on the default profile: named first, on stderr, so that stdout stays JSON.
    expect(shown.stderr.split('\n')[0]).toBe('Profil « p » (profil par défaut)');
    expect((await cli(data, 'profile', 'show', 'p', '--json')).stderr).toBe(''); // named: nothing to say

    const set = ok(await cliAt(cwd, data, 'profile', 'set', 'p', 'gescom.db', 'sub/other.db'));
    expect(set.stdout).toBe(`p: gescom.db = ${path.join(cwd, 'sub', 'other.db')}\n`);
    expect((await loadClear(data, 'p')).gescom.db).toBe(path.join(cwd, 'sub', 'other.db'));
  });

  it.sequential('a missing GesCom file is named with the option that holds it, without advising a sample company', async () => {
    const data = path.join(work, 'paths');
    const missing = path.join(work, 'paths-cwd', 'sub', 'other.db');
    const r = await cli(data, 'check', '--gescom-only');
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('Profil « p » (profil par défaut)');
    const line = r.stdout.split('\n').find((l) => l.includes('--> Erreur'));
    expect(line).toContain(
      `La base GesCom ${missing} n'existe pas : corrigez l'option gescom.db du profil « p » (passerelle profile set p gescom.db <fichier>)`,
    );
    expect(r.stdout).not.toContain('sample');
    expect(r.stdout).not.toContain('exemple');
    // The gescom commands name their own option.
    const direct = await cli(data, 'gescom', 'articles', '--db', missing);
    expect(direct.code).toBe(1);
    expect(direct.stderr).toContain(`La base GesCom ${missing} n'existe pas : vérifiez le chemin donné par --db`);
  });
});

scenario('profile password (options protection)', () => {
  it.sequential('once set, changes need --password', async () => {
    const data = dataFolder('password');
    const short = await cli(data, 'profile', 'password', '--new', 'abc');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('6');

    ok(await cli(data, 'profile', 'password', '--new', OPTIONS_PASSWORD));
    const settings = fs.readFileSync(path.join(data, 'settings.json'), 'utf8');
    expect(settings).not.toContain(OPTIONS_PASSWORD);
    expect(settings).toMatch(/"optionsPasswordHash": "scrypt:/);

    const without = await cli(data, 'profile', 'set', 'shop1', 'http.timeoutSeconds', '40');
    expect(without.code).toBe(1);
    expect(without.stderr).toContain('--password');
    const wrong = await cli(data, 'profile', 'set', 'shop1', 'http.timeoutSeconds', '40', '--password', 'wrong-one');
    expect(wrong.code).toBe(1);
    expect((await loadClear(data, 'shop1')).http.timeoutSeconds).toBe(30);
    const deleted = await cli(data, 'profile', 'delete', 'shop1', '--yes');
    expect(deleted.code).toBe(1);
    expect(fs.existsSync(path.join(data, 'profiles', 'shop1.json'))).toBe(true);

    ok(await cli(data, 'profile', 'set', 'shop1', 'http.timeoutSeconds', '40', '--password', OPTIONS_PASSWORD));
    expect((await loadClear(data, 'shop1')).http.timeoutSeconds).toBe(40);

    ok(await cli(data, 'profile', 'password', '--clear', '--password', OPTIONS_PASSWORD));
    ok(await cli(data, 'profile', 'set', 'shop1', 'http.timeoutSeconds', '41'));
  });
});

scenario('profile export with options protection', () => {
  it.sequential('an export with --passphrase (secrets leave) needs the options password; one without does not', async () => {
    const data = dataFolder('password-export');
    ok(await cli(data, 'profile', 'password', '--new', OPTIONS_PASSWORD));
    const backup = path.join(work, 'password-backup.json');
    const refused = await cli(data, 'profile', 'export', 'shop1', '--file', backup, '--passphrase', PASSPHRASE);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--password');
    expect(fs.existsSync(backup)).toBe(false);
    ok(await cli(data, 'profile', 'export', 'shop1', '--file', backup, '--passphrase', PASSPHRASE, '--password', OPTIONS_PASSWORD));
    expect(JSON.parse(fs.readFileSync(backup, 'utf8'))).toMatchObject({ secretsIncluded: true });
    const plain = path.join(work, 'password-backup-plain.json');
    ok(await cli(data, 'profile', 'export', 'shop1', '--file', plain));
    expect(JSON.parse(fs.readFileSync(plain, 'utf8'))).toMatchObject({ secretsIncluded: false });
  });
});

scenario('demo init, check, journal, runs', () => {
  let data: string;
  beforeAll(() => {
    data = path.join(work, 'demo');
  });

  it.sequential('demo init creates the sample company and the demo profile bound to it', async () => {
    const r = ok(await cli(data, 'demo', 'init', ...SHOP_FLAGS));
    const db = path.join(data, 'gescom', 'demo.db');
    expect(r.stdout).toContain(db);
    expect(fs.existsSync(db)).toBe(true);
    const demo = jsonOf<Profile>(ok(await cli(data, 'profile', 'show', 'demo', '--json')));
    expect(demo.gescom).toMatchObject({ kind: 'embedded', db });
    expect(demo.shop).toMatchObject({ kind: 'woocommerce', woocommerce: { key: '********', secret: '********' } });
    expect(demo.orders.specialArticles.shipping).toBe('ZPORT');
    expect(ok(await cli(data, 'profile', 'default')).stdout.trim()).toBe('demo');
  });

  it.sequential('check succeeds on the demo and prints the journal lines', async () => {
    const r = ok(await cli(data, 'check', '--profile', 'demo', '--gescom-only'));
    const lines = r.stdout.trimEnd().split('\n');
    const stamp = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} /;
    for (const l of lines) expect(l).toMatch(stamp);
    expect(lines[0]).toMatch(/ - Début de la vérification de la gestion commerciale$/);
    expect(lines).toContainEqual(expect.stringMatching(/ --> Société : Société exemple \(EUR\)$/));
    expect(lines).toContainEqual(expect.stringMatching(/ --> 28 articles, 8 clients, 2 dépôts, 7 catégories tarifaires, 5 codes TVA$/));
    expect(lines).toContainEqual(expect.stringMatching(/ --> Réussi$/));
    expect(lines.at(-1)).toMatch(/ - Fin de la vérification de la gestion commerciale en \d+\.\d s$/);
    expect(r.stdout).not.toContain('Erreur');
  });

  it.sequential('check fails when a special article is missing from the GesCom, naming the option and the code', async () => {
    ok(await cli(data, 'profile', 'set', 'demo', 'orders.specialArticles.shipping', 'ZNOPE'));
    const r = await cli(data, 'check', '--profile', 'demo', '--gescom-only');
    expect(r.code).toBe(1);
    const errorLine = r.stdout.split('\n').find((l) => l.includes('ZNOPE'));
    expect(errorLine).toBeDefined();
    expect(errorLine).toContain('orders.specialArticles.shipping');
    expect(errorLine).toContain('Erreur');
    // Only that option is wrong.
    expect(r.stdout.split('\n').filter((l) => l.includes('--> Erreur'))).toHaveLength(1);
  });

  it.sequential('journal shows those lines from the profile journal file', async () => {
    const file = ok(await cli(data, 'journal', '--profile', 'demo', '--path')).stdout.trim();
    expect(file).toBe(path.join(data, 'journals', 'demo.log'));
    const content = fs.readFileSync(file, 'utf8');
    const r = ok(await cli(data, 'journal', '--profile', 'demo'));
    expect(r.stdout).toBe(content);
    expect(r.stdout.match(/ - Début de la vérification de la gestion commerciale$/gm)).toHaveLength(2);
    expect(r.stdout).toMatch(/ --> Erreur : .*\(orders\.specialArticles\.shipping\).*ZNOPE/);
    const tail = ok(await cli(data, 'journal', '--profile', 'demo', '--lines', '2')).stdout;
    expect(tail).toBe(content.trimEnd().split('\n').slice(-2).join('\n') + '\n');
  });

  it.sequential('runs lists both runs with their status and counts', async () => {
    const runs = jsonOf<RunRecord[]>(ok(await cli(data, 'runs', '--json')));
    expect(runs).toHaveLength(2);
    const [second, first] = runs; // newest first
    expect(first).toMatchObject({ profile: 'demo', action: 'gescom.check', status: 'succeeded', message: null });
    // A check with a failed check is failed (exit 1), its message in the profile's language.
    expect(second).toMatchObject({ profile: 'demo', action: 'gescom.check', status: 'failed', message: '1 vérification(s) en échec', requests: 0, writeRequests: 0 });
    expect(second!.durationMs).toBeGreaterThanOrEqual(0);
    expect(second!.id).toBeGreaterThan(first!.id);
    expect(first!.counts.settings!.failed).toBe(0);
    expect(second!.counts.settings!.failed).toBe(1);
    expect(first!.counts.settings!.unchanged).toBeGreaterThan(10);
    expect(second!.counts.settings!.unchanged).toBe(first!.counts.settings!.unchanged - 1);
    for (const run of runs) expect(Date.parse(run.endedAt!)).toBeGreaterThanOrEqual(Date.parse(run.startedAt));

    const text = ok(await cli(data, 'runs', '--profile', 'demo')).stdout.trimEnd().split('\n');
    expect(text).toHaveLength(2);
    expect(text[0]).toMatch(new RegExp(`^#${second!.id} .* demo gescom\\.check .*settings: \\+0 ~0 =\\d+ -0 !1$`));
  });

  it.sequential('run refuses an unknown action, naming it', async () => {
    const r = await cli(data, 'run', 'products.teleport', '--profile', 'demo');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('products.teleport');
    expect(r.stderr).toContain('gescom.check');
  });
});

