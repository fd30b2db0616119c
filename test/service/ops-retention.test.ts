/**
 * Retention (journal.retentionDays): dated runs and journal lines older than the retention go,
 * recent ones stay, a profile that keeps everything keeps everything, a run in progress is kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/app/app-context.js';
import { purgeProfile, purgeProfiles } from '../../src/app/purge.js';
import { demoInit } from '../../src/cli/demo.js';
import { formatTimestamp, journalFile } from '../../src/journal/journal.js';
import { StateStore } from '../../src/state/state-store.js';
import { jsonOf, makeTempDir, removeTempDirs, requireBuild, runCli } from '../support/e2e-cli.js';

const DAY = 24 * 60 * 60 * 1000;
/** The records are dated relative to now, so that the CLI (on the real clock) sees the same ages. */
const NOW = new Date();
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);

/** Runs recorded as if started `days` ago: the state store is opened on the same file with its clock set back. */
function recordRun(stateFile: string, profile: string, days: number, finish = true): number {
  const at = daysAgo(days);
  const store = new StateStore(stateFile, () => at);
  try {
    const id = store.startRun(profile, 'gescom.check');
    store.count(id, 'products', 'created', 2);
    if (finish) store.finishRun(id, 'succeeded', null, { requests: 1, writeRequests: 0, durationMs: 10 });
    return id;
  } finally {
    store.close();
  }
}

/** Journal lines stamped in the profile's zone, as the journal writes them. */
const line = (days: number, text: string, tz = 'Europe/Paris') => `${formatTimestamp(daysAgo(days), tz)} ${text}`;

function prepare(dataDir: string): Promise<AppContext> {
  const app = new AppContext(dataDir);
  return demoInit(app, { shop: {} }).then(() => {
    const db = app.profiles.load('demo').gescom.db;
    app.profiles.create({ name: 'forever', gescom: { kind: 'embedded', db }, journal: { retentionDays: 0 } });
    app.profiles.save({ ...app.profiles.load('demo'), journal: { ...app.profiles.load('demo').journal, retentionDays: 30 } });
    const state = app.dir.stateFile;
    void app.state; // the schema exists before the dated stores open the file
    for (const [profile, days] of [['demo', 200], ['demo', 31], ['demo', 29], ['demo', 1], ['forever', 400]] as const) recordRun(state, profile, days);
    const j = app.dir.journalsDir;
    fs.mkdirSync(j, { recursive: true });
    // demo.2.log: written 60 days ago, wholly older -> deleted. demo.1.log: spans the cutoff -> its older lines dropped.
    fs.writeFileSync(path.join(j, 'demo.2.log'), [line(70, '- Début'), line(60, '--> Réussi')].join('\n') + '\n');
    fs.utimesSync(path.join(j, 'demo.2.log'), daysAgo(60), daysAgo(60));
    fs.writeFileSync(path.join(j, 'demo.1.log'), [line(40, '- Début ancien'), line(40, '--> client dupont@example.com'), line(20, '- Début récent'), line(20, '--> Réussi')].join('\n') + '\n');
    fs.utimesSync(path.join(j, 'demo.1.log'), daysAgo(20), daysAgo(20));
    fs.writeFileSync(journalFile(j, 'demo'), [line(35, '- Début'), line(35, '--> commande 530'), line(2, '- Début'), line(2, '--> Réussi')].join('\n') + '\n');
    fs.writeFileSync(journalFile(j, 'forever'), [line(400, '- Début'), line(1, '- Début')].join('\n') + '\n');
    // Another profile whose name starts like this one: never touched by demo's purge.
    fs.writeFileSync(path.join(j, 'demo-old.1.log'), line(300, '- autre profil') + '\n');
    fs.utimesSync(path.join(j, 'demo-old.1.log'), daysAgo(300), daysAgo(300));
    return app;
  });
}

afterAll(() => removeTempDirs());

describe('purge', () => {
  let app: AppContext;
  beforeAll(async () => {
    delete process.env.PASSERELLE_SECRET_KEY;
    app = await prepare(makeTempDir('passerelle-purge-'));
  });
  afterAll(() => app?.close());

  it('removes runs and journal lines older than the retention, keeps the recent ones and the other profiles', () => {
    const before = app.state.runs('demo', 100).map((r) => r.startedAt);
    expect(before).toHaveLength(4);
    const report = purgeProfile(app, 'demo', NOW);
    expect(report).toMatchObject({ profile: 'demo', retentionDays: 30, cutoff: daysAgo(30).toISOString(), runs: 2, linesDropped: 4, currentSkipped: false });
    expect(report.filesDeleted.map((f) => path.basename(f))).toEqual(['demo.2.log']);

    const kept = app.state.runs('demo', 100);
    expect(kept.map((r) => r.startedAt)).toEqual([daysAgo(1).toISOString(), daysAgo(29).toISOString()]);
    expect(kept.every((r) => r.counts.products?.created === 2)).toBe(true);
    // The counts of the runs removed went with them.
    const orphans = app.state.db.prepare('SELECT COUNT(*) AS n FROM run_counts WHERE run_id NOT IN (SELECT id FROM runs)').get() as { n: number };
    expect(orphans.n).toBe(0);

    const j = app.dir.journalsDir;
    expect(fs.readFileSync(journalFile(j, 'demo'), 'utf8')).toBe([line(2, '- Début'), line(2, '--> Réussi')].join('\n') + '\n');
    const rotated = fs.readFileSync(path.join(j, 'demo.1.log'), 'utf8');
    expect(rotated).not.toContain('dupont@example.com');
    expect(rotated).toBe([line(20, '- Début récent'), line(20, '--> Réussi')].join('\n') + '\n');
    expect(fs.existsSync(path.join(j, 'demo.2.log'))).toBe(false);
    expect(fs.existsSync(path.join(j, 'demo-old.1.log'))).toBe(true);

    // journal.retentionDays = 0 keeps everything.
    const forever = purgeProfile(app, 'forever', NOW);
    expect(forever).toMatchObject({ cutoff: null, runs: 0, linesDropped: 0 });
    expect(app.state.runs('forever')).toHaveLength(1);
    expect(fs.readFileSync(journalFile(j, 'forever'), 'utf8').split('\n').filter(Boolean)).toHaveLength(2);

    // A second purge finds nothing more.
    expect(purgeProfiles(app, ['demo'], NOW)[0]).toMatchObject({ runs: 0, linesDropped: 0, filesDeleted: [] });
  });

  it('a run in progress is kept, and the journal file it writes is left alone', () => {
    const id = recordRun(app.dir.stateFile, 'demo', 100, false);
    const file = journalFile(app.dir.journalsDir, 'demo');
    fs.writeFileSync(file, [line(90, '- Début en cours'), line(1, '--> 1/2 - AR0001')].join('\n') + '\n');
    const report = purgeProfile(app, 'demo', NOW);
    expect(report).toMatchObject({ runs: 0, currentSkipped: true, linesDropped: 0 });
    expect(app.state.run(id)?.status).toBe('running');
    expect(fs.readFileSync(file, 'utf8')).toContain('Début en cours');
    app.state.finishRun(id, 'interrupted');
  });
});

describe('passerelle purge (built CLI)', () => {
  beforeAll(() => requireBuild());

  it('prints what it removed, per profile', async () => {
    const dataDir = makeTempDir('passerelle-purge-cli-');
    const app = await prepare(dataDir);
    app.close();
    const res = await runCli(['purge', '--profile', 'forever'], { dataDir });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('forever : conservation sans limite (journal.retentionDays = 0), rien supprimé\n');

    const json = await runCli(['purge', '--json'], { dataDir });
    expect(json.code).toBe(0);
    const reports = jsonOf<{ profile: string; runs: number; linesDropped: number; filesDeleted: string[] }[]>(json);
    expect(reports.map((r) => r.profile).sort()).toEqual(['demo', 'forever']);
    expect(reports.find((r) => r.profile === 'demo')).toMatchObject({ runs: 2, linesDropped: 4, filesDeleted: [expect.stringMatching(/demo\.2\.log$/)] });
    const again = await runCli(['purge', '--profile', 'demo'], { dataDir });
    expect(again.stdout).toMatch(/^demo : 0 exécution\(s\) supprimée\(s\) de l'historique, 0 fichier\(s\) journal supprimé\(s\), 0 ligne\(s\) du journal retirée\(s\) \(antérieures au \d{4}-\d{2}-\d{2}, conservation 30 jours\)\n$/);

    const unknown = await runCli(['purge', '--profile', 'nope'], { dataDir });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });
});
