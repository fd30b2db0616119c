/**
 * What the built CLI says around the edges (issue 7): `gescom set` with --db on either
 * side of the subcommand, empty listings, damaged databases, bad or busy ports, a
 * reader that closes the pipe early, and the options password missing or wrong.
 * Each case checks the exit code and the exact line the user reads.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Article } from '../../src/gescom/model.js';
import { childEnv, CLI, copyDb, distModule, jsonOf, makeTempDir, removeTempDirs, requireBuild, ROOT, runCli } from '../support/e2e-cli.js';

type EmbeddedModule = typeof import('../../src/gescom/embedded/embedded-gescom.js');
type StateModule = typeof import('../../src/state/state-store.js');

let work: string;
let sampleDb: string;
let copies = 0;
const PARALLEL = { concurrent: true, timeout: 60_000 } as const;
const sampleCopy = () => copyDb(sampleDb, path.join(work, `copy-${++copies}.db`));
const dataDir = () => path.join(work, `data-${++copies}`);

beforeAll(async () => {
  requireBuild();
  work = makeTempDir('passerelle-cli-feedback-');
  sampleDb = path.join(work, 'sample.db');
  const init = await runCli(['gescom', 'init', '--sample', '--db', sampleDb], { dataDir: path.join(work, 'data') });
  expect(init.code, init.stderr).toBe(0);
});

afterAll(() => removeTempDirs());

async function article(db: string, code: string): Promise<Article> {
  const r = await runCli(['gescom', 'articles', '--db', db, '--code', code, '--json'], { dataDir: path.join(work, 'data') });
  expect(r.code, r.stderr).toBe(0);
  return jsonOf<Article[]>(r)[0]!;
}

describe('gescom set: --db before or after the subcommand (every README form)', PARALLEL, () => {
  // [README form, args with --db first, args with --db last, what the GesCom then holds]
  const forms: { name: string; args: string[]; check: (db: string) => Promise<void> }[] = [
    {
      name: 'article AR0003 salePriceHt 5.00',
      args: ['article', 'AR0003', 'salePriceHt', '5.00'],
      check: async (db) => expect(await article(db, 'AR0003')).toMatchObject({ salePriceHt: '5.00', salePriceTtc: '5.28' }),
    },
    {
      name: 'article AR0015 custom.Couleur Vert',
      args: ['article', 'AR0015', 'custom.Couleur', 'Vert'],
      check: async (db) => expect((await article(db, 'AR0015')).customFields).toMatchObject({ Couleur: 'Vert' }),
    },
    {
      name: 'stock AR0003 0001 --real 50 --reserved 2 --ordered 10',
      args: ['stock', 'AR0003', '0001', '--real', '50', '--reserved', '2', '--ordered', '10'],
      check: async (db) => {
        const r = await runCli(['gescom', 'stock', '--db', db, '--code', 'AR0003', '--json'], { dataDir: path.join(work, 'data') });
        expect(jsonOf<{ depotCode: string }[]>(r).find((l) => l.depotCode === '0001')).toMatchObject({ real: '50', reserved: '2', ordered: '10', available: '48' });
      },
    },
    {
      name: 'price AR0003 2 4.10 --discount 5',
      args: ['price', 'AR0003', '2', '4.10', '--discount', '5'],
      check: async (db) => {
        const { EmbeddedGesCom } = await distModule<EmbeddedModule>('src/gescom/embedded/embedded-gescom.js');
        const g = EmbeddedGesCom.open(db);
        try {
          expect(await g.price('AR0003', 2)).toEqual({ articleCode: 'AR0003', priceCategoryId: 2, price: '4.10', discountPercent: '5' });
        } finally {
          g.close();
        }
      },
    },
  ];
  for (const form of forms) {
    for (const order of ['before', 'after'] as const) {
      it(`gescom set ${order === 'before' ? '--db F ' : ''}${form.name}${order === 'after' ? ' --db F' : ''}`, async () => {
        const db = sampleCopy();
        const args = order === 'before' ? ['gescom', 'set', '--db', db, ...form.args] : ['gescom', 'set', ...form.args, '--db', db];
        const r = await runCli(args, { dataDir: path.join(work, 'data') });
        expect(r.stderr).toBe('');
        expect(r.code).toBe(0);
        await form.check(db);
      });
    }
  }

  it('without --db anywhere: refused, naming --db', async () => {
    const r = await runCli(['gescom', 'set', 'article', 'AR0003', 'salePriceHt', '5.00'], { dataDir: path.join(work, 'data') });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("required option '--db <path>' not specified");
  });

  it('each subcommand\'s --help lists --db', async () => {
    const r = await runCli(['gescom', 'set', 'stock', '--help'], { dataDir: path.join(work, 'data') });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--db <path> +fichier SQLite de la GesCom/);
  });
});

describe('empty listings say so', PARALLEL, () => {
  for (const [command, line] of [['documents', 'aucune pièce'], ['articles', 'aucun article'], ['customers', 'aucun client'], ['stock', 'aucun stock']]) {
    it(`gescom ${command} on an empty company: "${line}"`, async () => {
      const db = path.join(work, `empty-${++copies}.db`);
      expect((await runCli(['gescom', 'init', '--db', db], { dataDir: path.join(work, 'data') })).code).toBe(0);
      const r = await runCli(['gescom', command!, '--db', db], { dataDir: path.join(work, 'data') });
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toBe(`${line}\n`);
      // Scripts still get an empty JSON array.
      const j = await runCli(['gescom', command!, '--db', db, '--json'], { dataDir: path.join(work, 'data') });
      expect(jsonOf<unknown[]>(j)).toEqual([]);
    });
  }

  it('a filter that matches nothing: "aucune pièce" too', async () => {
    const r = await runCli(['gescom', 'documents', '--db', sampleCopy(), '--number', 'FA99999'], { dataDir: path.join(work, 'data') });
    expect(r.stdout).toBe('aucune pièce\n');
  });
});

describe('damaged databases are named', PARALLEL, () => {
  it('a GesCom file damaged inside (found mid-listing): one line naming the file', async () => {
    const db = sampleCopy();
    // Overwrite the middle of every page after the first two: the header opens, the tables do not read.
    const bytes = fs.readFileSync(db);
    for (let i = 8192; i + 400 < bytes.length; i += 4096) bytes.fill(0xff, i + 100, i + 400);
    fs.writeFileSync(db, bytes);
    const r = await runCli(['gescom', 'articles', '--db', db], { dataDir: path.join(work, 'data') });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`passerelle: [gescom / gescom.db] base GesCom illisible ou endommagée : ${db} (database disk image is malformed)\n`);
  });

  it('a file that is not a database at all: the open already names it', async () => {
    const db = path.join(work, 'garbage.db');
    fs.writeFileSync(db, 'garbage, not SQLite\n'.repeat(100));
    const r = await runCli(['gescom', 'articles', '--db', db], { dataDir: path.join(work, 'data') });
    expect(r.code).toBe(1);
    expect(r.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(r.stderr).toContain(db);
    expect(r.stderr).toContain('file is not a database');
  });

  it('a corrupt state.db: one line naming the file and what to do', async () => {
    const data = dataDir();
    expect((await runCli(['demo', 'init'], { dataDir: data })).code).toBe(0);
    const stateFile = path.join(data, 'state.db');
    for (const suffix of ['-wal', '-shm']) fs.rmSync(stateFile + suffix, { force: true });
    fs.writeFileSync(stateFile, 'not a database\n'.repeat(100));
    const r = await runCli(['runs'], { dataDir: data });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`passerelle: [base d'état / state.db] base d'état illisible ou endommagée : ${stateFile} (file is not a database) ; restaurez une sauvegarde, ou déplacez-la et Passerelle en créera une vide\n`);
  });
});

describe('serve: invalid or busy port, one line and exit 1', PARALLEL, () => {
  for (const port of ['99999', 'abc', '-1']) {
    it(`--port ${port}`, async () => {
      const r = await runCli(['serve', `--port=${port}`], { dataDir: dataDir() });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`passerelle: [serve / port] port invalide « ${port} » : nombre entier de 0 à 65535 attendu (0 : un port libre) (--port ou PASSERELLE_PORT)\n`);
    });
  }

  it('PASSERELLE_PORT=abc: the same line', async () => {
    const r = await runCli(['serve'], { dataDir: dataDir(), env: { PASSERELLE_PORT: 'abc' } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('port invalide « abc »');
  });

  it('a port already bound: one line, and the data folder left as it was (no demo made)', async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    const port = (busy.address() as net.AddressInfo).port;
    try {
      const data = dataDir();
      const r = await runCli(['serve', '--port', String(port)], { dataDir: data });
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(`passerelle: [serve / port] le port ${port} de 127.0.0.1 est déjà utilisé : arrêtez l'autre service ou choisissez un autre port (--port ou PASSERELLE_PORT)\n`);
      expect(r.stdout).not.toContain('Société exemple prête');
      expect(fs.existsSync(path.join(data, 'profiles', 'demo.json'))).toBe(false);
    } finally {
      await new Promise<void>((resolve) => busy.close(() => resolve()));
    }
  });
});

/** Runs the CLI with stdout into a real pipe whose reader leaves after the first line, like `| head -1`. */
function firstLineThenClose(args: string[], data: string): Promise<{ code: number | null; first: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: childEnv({ PASSERELLE_DATA_DIR: data }), stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('\n')) child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, first: out.split('\n')[0]!, stderr }));
  });
}

describe('a reader that closes the pipe early (`| head -1`)', PARALLEL, () => {
  it('passerelle journal | head -1: exits 0, nothing on stderr', async () => {
    const data = dataDir();
    expect((await runCli(['demo', 'init'], { dataDir: data })).code).toBe(0);
    // Far more than a pipe buffer (64 KiB) of journal.
    const lines = Array.from({ length: 20_000 }, (_, i) => `2026-07-07 10:00:00 --> ${i + 1}/20000 - AR${String(i).padStart(6, '0')}`);
    fs.writeFileSync(path.join(data, 'journals', 'demo.log'), lines.join('\n') + '\n');
    const r = await firstLineThenClose(['journal', '--lines', '20000'], data);
    expect(r.first).toBe(lines[0]);
    // The default profile named (a command on the default profile says which), and nothing else: no EPIPE.
    expect(r.stderr).toBe('Profil « demo » (profil par défaut)\n');
    expect(r.code).toBe(0);
  });

  it('passerelle runs | head -1: exits 0, nothing on stderr', async () => {
    const data = dataDir();
    expect((await runCli(['demo', 'init'], { dataDir: data })).code).toBe(0);
    const { StateStore } = await distModule<StateModule>('src/state/state-store.js');
    const state = new StateStore(path.join(data, 'state.db'));
    try {
      state.db.transaction(() => {
        for (let i = 0; i < 3000; i++) state.finishRun(state.startRun('demo', 'gescom.check'), 'succeeded');
      })();
    } finally {
      state.close();
    }
    const r = await firstLineThenClose(['runs'], data);
    expect(r.first).toMatch(/^#\d+ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d demo gescom\.check réussie/);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});

describe('options password: missing and wrong read differently', () => {
  it('profile set without --password, then with a wrong one', async () => {
    const data = dataDir();
    expect((await runCli(['demo', 'init'], { dataDir: data })).code).toBe(0);
    expect((await runCli(['profile', 'password', '--new', 'secret1'], { dataDir: data })).code).toBe(0);
    const missing = await runCli(['profile', 'set', 'demo', 'http.timeoutSeconds', '40'], { dataDir: data });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe("passerelle: [réglages / optionsPassword] options protégées par mot de passe : donnez --password, PASSERELLE_OPTIONS_PASSWORD ou l'en-tête X-Options-Password\n");
    const wrong = await runCli(['profile', 'set', 'demo', 'http.timeoutSeconds', '40', '--password', 'wrong-one'], { dataDir: data });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe("passerelle: [réglages / optionsPassword] mot de passe des options incorrect (--password, PASSERELLE_OPTIONS_PASSWORD ou l'en-tête X-Options-Password)\n");
    expect(wrong.stderr).not.toContain('wrong-one');
    const wrongEnv = await runCli(['profile', 'set', 'demo', 'http.timeoutSeconds', '40'], { dataDir: data, env: { PASSERELLE_OPTIONS_PASSWORD: 'wrong-two' } });
    expect(wrongEnv.stderr).toContain('mot de passe des options incorrect');
  });
});
