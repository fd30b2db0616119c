/**
 * Profile management through the service (routes/profile-admin.ts): rename, duplicate, default,
 * backup export and import with the CLI's rules, and the set-up of a profile on the sample company
 * or on a company file — each checked on what the store then holds; no answer holds a clear secret.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/app/app-context.js';
import { demoInit } from '../../src/cli/demo.js';
import { hashPassword } from '../../src/config/secrets.js';
import { buildServer } from '../../src/service/server.js';
import type { ApiImportResult, ApiProfileBackup, ApiProfileChanged, ApiSetupResult } from '../../src/service/api-types-profiles.js';
import { makeTempDir, removeTempDirs } from '../support/e2e-cli.js';
import { sampleTemplate } from '../support/sample-template.js';

const KEY = 'ck_admin_0123456789';
const SECRET = 'cs_admin_9876543210';
const SHOP = { kind: 'woocommerce', url: 'https://boutique.example.fr', woocommerce: { key: KEY, secret: SECRET } };
const template = sampleTemplate('passerelle-profile-admin');

interface Served {
  app: AppContext;
  server: FastifyInstance;
  call: (opts: InjectOptions) => Promise<LightMyRequestResponse>;
}

/** A data folder with the demo profile on a copy of the sample company (or none), and its service. */
async function serve(withDemo = true): Promise<Served> {
  const app = new AppContext(makeTempDir('passerelle-profile-admin-'));
  if (withDemo) {
    fs.mkdirSync(app.dir.gescomDir, { recursive: true });
    fs.copyFileSync(await template.path(), path.join(app.dir.gescomDir, 'demo.db'));
    await demoInit(app, { shop: SHOP });
  }
  const { server } = buildServer({ app });
  await server.ready();
  const call = async (opts: InjectOptions) => {
    const res = await server.inject({ ...opts, headers: { 'accept-language': 'fr', ...opts.headers } });
    expect(res.payload).not.toContain(KEY);
    expect(res.payload).not.toContain(SECRET);
    return res;
  };
  return { app, server, call };
}

const served: Served[] = [];
async function fresh(withDemo = true): Promise<Served> {
  const s = await serve(withDemo);
  served.push(s);
  return s;
}

afterAll(async () => {
  for (const s of served) {
    await s.server.close();
    s.app.close();
  }
  template.remove();
  removeTempDirs();
});

describe('rename, duplicate, default', () => {
  let s: Served;
  beforeAll(async () => {
    s = await fresh();
  });

  it('duplicates with every option and secret under the new name; the default stays', async () => {
    const res = await s.call({ method: 'POST', url: '/api/profiles/demo/duplicate', payload: { to: 'copie' } });
    expect(res.statusCode).toBe(201);
    expect(res.json<ApiProfileChanged>()).toEqual({
      profile: { name: 'copie', default: false, gescom: 'embedded', shop: 'woocommerce', url: SHOP.url }, defaultProfile: 'demo',
    });
    const copy = s.app.profiles.load('copie');
    expect(copy.shop.woocommerce.key).toBe(KEY);
    expect(copy.orders.depot).toBe('0001');
    expect(copy.shop.identity).toBe(s.app.profiles.load('demo').shop.identity);
    const again = await s.call({ method: 'POST', url: '/api/profiles/demo/duplicate', payload: { to: 'copie' } });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ field: 'name', entity: 'profile copie', message: 'le profil existe déjà : « copie »' });
  });

  it('renames: the history and the default follow the new name', async () => {
    const run = s.app.state.startRun('demo', 'gescom.check');
    s.app.state.finishRun(run, 'succeeded', null);
    const res = await s.call({ method: 'POST', url: '/api/profiles/demo/rename', payload: { to: 'magasin' } });
    expect(res.statusCode).toBe(200);
    expect(res.json<ApiProfileChanged>()).toMatchObject({ profile: { name: 'magasin', default: true }, defaultProfile: 'magasin' });
    expect(s.app.profiles.list()).toEqual(['copie', 'magasin']);
    expect(s.app.profiles.settings().defaultProfile).toBe('magasin');
    expect(s.app.state.runs('magasin').map((r) => r.id)).toContain(run);
    const bad = await s.call({ method: 'POST', url: '/api/profiles/magasin/rename', payload: { to: '../x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'name', entity: 'profile ../x' });
    const unknown = await s.call({ method: 'POST', url: '/api/profiles/nope/rename', payload: { to: 'x' } });
    expect(unknown.statusCode).toBe(404);
  });

  it('sets the default profile', async () => {
    const res = await s.call({ method: 'POST', url: '/api/profiles/copie/default' });
    expect(res.statusCode).toBe(200);
    expect(res.json<ApiProfileChanged>()).toMatchObject({ profile: { name: 'copie', default: true }, defaultProfile: 'copie' });
    expect(s.app.profiles.settings().defaultProfile).toBe('copie');
    expect((await s.call({ method: 'POST', url: '/api/profiles/nope/default' })).statusCode).toBe(404);
  });
});

describe('backup export and import', () => {
  it('exports as `profile export` does: an attachment, secrets left out without a passphrase', async () => {
    const s = await fresh();
    const res = await s.call({ method: 'POST', url: '/api/profiles/export', payload: { profiles: ['demo'] } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="passerelle-demo-\d{4}-\d\d-\d\d\.json"/);
    const bundle = res.json<ApiProfileBackup>();
    expect(bundle).toMatchObject({ format: 'passerelle-profiles', version: 1, secretsIncluded: false, salt: null });
    const p = bundle.profiles[0] as { name: string; shop: { woocommerce: { key: string; secret: string } } };
    expect(p.name).toBe('demo');
    expect(p.shop.woocommerce).toMatchObject({ key: '', secret: '' });
    // The text a person saves is the CLI's file, byte for byte in shape.
    expect(res.payload.endsWith('}\n')).toBe(true);
  });

  it('with a passphrase the secrets travel encrypted, and come back only with it', async () => {
    const from = await fresh();
    const res = await from.call({ method: 'POST', url: '/api/profiles/export', payload: { all: true, passphrase: 'phrase secrète' } });
    expect(res.statusCode).toBe(200);
    const text = res.payload;
    const bundle = JSON.parse(text) as ApiProfileBackup;
    expect(bundle.secretsIncluded).toBe(true);
    expect(bundle.settings).toMatchObject({ defaultProfile: 'demo' });
    const to = await fresh(false);
    const noPhrase = await to.call({ method: 'POST', url: '/api/profiles/import', payload: { backup: text, fileName: 'demo.json' } });
    expect(noPhrase.statusCode).toBe(400);
    expect(noPhrase.json()).toMatchObject({ entity: 'backup', field: 'passphrase' });
    const wrong = await to.call({ method: 'POST', url: '/api/profiles/import', payload: { backup: text, passphrase: 'autre' } });
    expect(wrong.statusCode).toBe(400);
    expect(to.app.profiles.list()).toEqual([]);
    const ok = await to.call({ method: 'POST', url: '/api/profiles/import', payload: { backup: text, passphrase: 'phrase secrète' } });
    expect(ok.statusCode).toBe(200);
    expect(ok.json<ApiImportResult>()).toEqual({ imported: ['demo'], secretsKept: [], defaultProfile: 'demo' });
    expect(to.app.profiles.load('demo').shop.woocommerce).toMatchObject({ key: KEY, secret: SECRET });
  });

  it('refuses to overwrite without `overwrite`; overwriting from a backup without secrets keeps the stored ones', async () => {
    const s = await fresh();
    const text = (await s.call({ method: 'POST', url: '/api/profiles/export', payload: { profiles: ['demo'] } })).payload;
    const edited = text.replace(SHOP.url, 'https://autre.example.fr');
    const refused = await s.call({ method: 'POST', url: '/api/profiles/import', payload: { backup: edited } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ entity: 'profile demo', field: 'name' });
    expect(s.app.profiles.load('demo').shop.url).toBe(SHOP.url);
    const res = await s.call({ method: 'POST', url: '/api/profiles/import', payload: { backup: edited, overwrite: true } });
    expect(res.statusCode).toBe(200);
    expect(res.json<ApiImportResult>().secretsKept).toEqual([{ name: 'demo', keys: ['shop.woocommerce.key', 'shop.woocommerce.secret'] }]);
    const now = s.app.profiles.load('demo');
    expect(now.shop.url).toBe('https://autre.example.fr');
    expect(now.shop.woocommerce).toMatchObject({ key: KEY, secret: SECRET });
  });

  it('names the file that is not a backup', async () => {
    const s = await fresh();
    const notJson = await s.call({ method: 'POST', url: '/api/profiles/import', payload: { backup: 'bonjour', fileName: 'notes.txt' } });
    expect(notJson.statusCode).toBe(400);
    expect(notJson.json()).toMatchObject({ entity: 'backup', field: 'file' });
    expect(notJson.json<{ message: string }>().message).toMatch(/^sauvegarde illisible notes\.txt : /);
    const other = await s.call({ method: 'POST', url: '/api/profiles/import', payload: { backup: '{"a":1}', fileName: 'x.json' } });
    expect(other.json()).toMatchObject({ field: 'format', message: "ce fichier n'est pas une sauvegarde de profils Passerelle" });
  });
});

describe('set-up of a profile on a GesCom', () => {
  it('on an empty data folder: builds the sample company and a profile with its settings', async () => {
    const s = await fresh(false);
    const before = await s.call({ method: 'POST', url: '/api/profiles/setup/gescom', payload: { source: 'sample' } });
    expect(before.json()).toEqual({ db: path.join(s.app.dir.gescomDir, 'demo.db'), exists: false });
    const res = await s.call({ method: 'POST', url: '/api/profiles/setup', payload: { name: 'boutique', gescom: { source: 'sample' }, shop: SHOP } });
    expect(res.statusCode).toBe(201);
    expect(res.json<ApiSetupResult>()).toEqual({
      profile: { name: 'boutique', default: true, gescom: 'embedded', shop: 'woocommerce', url: SHOP.url },
      db: path.join(s.app.dir.gescomDir, 'demo.db'), sampleCreated: true, defaultProfile: 'boutique',
    });
    const p = s.app.profiles.load('boutique');
    expect(p.shop.woocommerce).toMatchObject({ key: KEY, secret: SECRET });
    expect(p.orders.depot).toBe('0001');
    expect(p.orders.specialArticles.shipping).not.toBe('');
    const after = await s.call({ method: 'POST', url: '/api/profiles/setup/gescom', payload: { source: 'sample' } });
    expect(after.json()).toMatchObject({ exists: true, company: { currency: 'EUR' } });
    expect(after.json<{ company: { articles: number } }>().company.articles).toBeGreaterThan(10);
  });

  it('on an existing company file: checked, then a plain profile on it; the sample is reused, not rebuilt', async () => {
    const s = await fresh();
    const db = path.join(s.app.dir.gescomDir, 'demo.db');
    const facts = await s.call({ method: 'POST', url: '/api/profiles/setup/gescom', payload: { source: 'file', db } });
    expect(facts.statusCode).toBe(200);
    expect(facts.json()).toMatchObject({ db, exists: true, company: { currency: 'EUR' } });
    const res = await s.call({ method: 'POST', url: '/api/profiles/setup', payload: { name: 'fichier', gescom: { source: 'file', db }, shop: SHOP } });
    expect(res.statusCode).toBe(201);
    expect(res.json<ApiSetupResult>()).toMatchObject({ db, sampleCreated: false, defaultProfile: 'demo', profile: { name: 'fichier', default: false } });
    expect(s.app.profiles.load('fichier').gescom).toMatchObject({ kind: 'embedded', db });
    const sample = await s.call({ method: 'POST', url: '/api/profiles/setup', payload: { name: 'exemple', gescom: { source: 'sample' }, shop: SHOP } });
    expect(sample.json<ApiSetupResult>()).toMatchObject({ db, sampleCreated: false });
    const taken = await s.call({ method: 'POST', url: '/api/profiles/setup', payload: { name: 'demo', gescom: { source: 'sample' }, shop: SHOP } });
    expect(taken.statusCode).toBe(400);
    expect(taken.json()).toMatchObject({ entity: 'profile demo', field: 'name' });
  });

  it('names gescom.db when the file is relative, missing, a folder or not a GesCom database', async () => {
    const s = await fresh();
    const dir = makeTempDir('passerelle-not-gescom-');
    const other = path.join(dir, 'autre.db');
    const sqlite = new Database(other);
    sqlite.exec('CREATE TABLE notes (t TEXT)');
    sqlite.close();
    const text = path.join(dir, 'notes.txt');
    fs.writeFileSync(text, 'bonjour, ceci est un texte assez long pour ne pas être une base SQLite valide.');
    const cases: [string, RegExp][] = [
      ['gescom/demo.db', /chemin relatif « gescom\/demo\.db » refusé/],
      [path.join(dir, 'absent.db'), /La base GesCom .*absent\.db n'existe pas/],
      [dir, /est un dossier/],
      [other, /autre\.db n'est pas une base de gestion commerciale Passerelle \(fichier SQLite d'une autre application\)/],
      [text, /notes\.txt n'est pas une base de gestion commerciale Passerelle/],
    ];
    for (const [db, message] of cases) {
      const gescom = { source: 'file', db };
      for (const [url, payload] of [['/api/profiles/setup/gescom', gescom], ['/api/profiles/setup', { name: 'x', gescom, shop: SHOP }]] as const) {
        const res = await s.call({ method: 'POST', url, payload });
        expect(res.statusCode, `${url} ${db}`).toBe(400);
        expect(res.json(), `${url} ${db}`).toMatchObject({ field: 'gescom.db' });
        expect(res.json<{ message: string }>().message).toMatch(message);
      }
    }
    // Looked at, never changed: the other application's file keeps its own tables only.
    const after = new Database(other, { readonly: true });
    expect(after.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all()).toEqual([{ name: 'notes' }]);
    after.close();
    const none = await s.call({ method: 'POST', url: '/api/profiles/setup', payload: { name: 'x', gescom: { source: 'file' }, shop: SHOP } });
    expect(none.json()).toMatchObject({ field: 'gescom.db' });
    expect(s.app.profiles.exists('x')).toBe(false);
  });
});

it('every route here but the GesCom description needs the options password when one is set (PRF-04)', async () => {
  const s = await fresh();
  s.app.profiles.updateSettings({ optionsPasswordHash: hashPassword('secret1') });
  const calls: InjectOptions[] = [
    { method: 'POST', url: '/api/profiles/demo/rename', payload: { to: 'x' } },
    { method: 'POST', url: '/api/profiles/demo/duplicate', payload: { to: 'x' } },
    { method: 'POST', url: '/api/profiles/demo/default' },
    { method: 'POST', url: '/api/profiles/export', payload: { passphrase: 'p' } },
    { method: 'POST', url: '/api/profiles/import', payload: { backup: '{}' } },
    { method: 'POST', url: '/api/profiles/setup', payload: { name: 'x', gescom: { source: 'sample' }, shop: SHOP } },
  ];
  for (const c of calls) {
    const res = await s.call(c);
    expect(res.statusCode, String(c.url)).toBe(403);
    expect(res.json()).toMatchObject({ field: 'optionsPassword' });
  }
  expect(s.app.profiles.list()).toEqual(['demo']);
  const right = await s.call({ method: 'POST', url: '/api/profiles/demo/duplicate', payload: { to: 'x' }, headers: { 'x-options-password': 'secret1' } });
  expect(right.statusCode).toBe(201);
  // Describing a GesCom file writes nothing: no password (the first-run wizard's step 1).
  const facts = await s.call({ method: 'POST', url: '/api/profiles/setup/gescom', payload: { source: 'sample' } });
  expect(facts.statusCode).toBe(200);
});

describe('the sample company built once', () => {
  it('two set-ups at the same time on a data folder without it: one build, both profiles on a whole company', async () => {
    const { AppContext } = await import('../../src/app/app-context.js');
    const { sampleCompanyDb } = await import('../../src/app/sample-company.js');
    const { EmbeddedGesCom } = await import('../../src/gescom/embedded/embedded-gescom.js');
    const os = await import('node:os');
    const fsm = await import('node:fs');
    const pathm = await import('node:path');
    const dir = fsm.mkdtempSync(pathm.join(os.tmpdir(), 'passerelle-sample-race-'));
    try {
      const app = new AppContext(dir);
      fsm.mkdirSync(app.dir.gescomDir, { recursive: true });
      const [a, b] = await Promise.all([sampleCompanyDb(app), sampleCompanyDb(app)]);
      expect([a.created, b.created].sort()).toEqual([false, true]);
      expect(a.db).toBe(b.db);
      // Nothing half-built left beside it, and the company whole.
      expect(fsm.readdirSync(app.dir.gescomDir).filter((f) => f.includes('.building-'))).toEqual([]);
      const g = EmbeddedGesCom.open(a.db);
      try {
        expect(await g.countArticles()).toBe(28);
      } finally {
        g.close();
      }
    } finally {
      fsm.rmSync(dir, { recursive: true, force: true });
    }
  });
});
