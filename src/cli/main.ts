#!/usr/bin/env node
/** The `passerelle` command line. Errors print one clear line naming the entity and field, exit code 1. */
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { listActions } from '../actions/registry.js';
import { AppContext } from '../app/app-context.js';
import { asDataFolderError } from '../config/data-folder-error.js';
import { PasserelleError } from '../errors.js';
import { LANGS, tr, type Lang } from '../i18n/catalogue.js';
import { formatTimestamp, journalFile } from '../journal/journal.js';
import { registerActionCommands, runFromCli } from './action-commands.js';
import { demoInit } from './demo.js';
import { registerGescomCommands } from './gescom-commands.js';
import { printJson, printLine, quietOnClosedOutput } from './output.js';
import { profileFor, registerProfileCommands, shopFromFlags, type ShopFlags } from './profile-commands.js';

quietOnClosedOutput();

const program = new Command();
program
  .name('passerelle')
  .description('Passerelle : connecteur gestion commerciale <-> boutiques en ligne / GesCom <-> online shops connector')
  .version('0.1.0')
  .option('--data-dir <path>', 'dossier de données / data folder (default: PASSERELLE_DATA_DIR or the OS default)')
  .showHelpAfterError();

let appContext: AppContext | null = null;
const app = (): AppContext => {
  appContext ??= new AppContext(program.opts<{ dataDir?: string }>().dataDir);
  return appContext;
};

registerGescomCommands(program);
registerProfileCommands(program, app);
registerActionCommands(program, app);

const demo = program.command('demo').description('Société exemple et profil « demo » / sample company and "demo" profile');
demo
  .command('init')
  .description('Crée la société exemple et le profil « demo » / create the sample company and the "demo" profile')
  .option('--shop <kind>', 'type de boutique / shop kind')
  .option('--shop-url <url>', 'URL de la boutique / shop URL')
  .option('--shop-key <key>', 'clé API / API key')
  .option('--shop-secret <secret>', 'secret API / API secret')
  .option('--force', 'recrée la société exemple / recreate the sample company', false)
  .action(async (opts: ShopFlags & { force: boolean }) => {
    const a = app();
    const result = await demoInit(a, { shop: shopFromFlags(opts), force: opts.force });
    printLine(a.messages.t(a.profiles.settings().language, 'cli.demoReady', { db: result.db }));
  });

program
  .command('run <action>')
  .description(`Lance une action / run an action (${listActions().map((a) => a.name).join(', ')})`)
  .option('--profile <name>', 'profil (défaut : profil par défaut) / profile (default: the default profile)')
  .option('--params <json>', 'paramètres JSON / JSON parameters', '{}')
  .option('--json', 'affiche le bilan en JSON / print the run record as JSON', false)
  .action(async (action: string, opts: { profile?: string; params: string; json: boolean }) => {
    const a = app();
    let params: Record<string, unknown>;
    try {
      params = JSON.parse(opts.params) as Record<string, unknown>;
    } catch {
      throw new PasserelleError(`--params : JSON invalide / invalid JSON`, 'run', 'params');
    }
    await runFromCli(a, { profile: opts.profile, action, params, json: opts.json });
  });

program
  .command('check')
  .description('Teste la GesCom, les réglages du profil et la boutique (PRF-09) / test the GesCom, the profile settings and the shop')
  .option('--profile <name>', 'profil / profile')
  .option('--gescom-only', 'seulement la GesCom et les réglages / only the GesCom and the settings', false)
  .action(async (opts: { profile?: string; gescomOnly: boolean }) => {
    const a = app();
    const name = profileFor(a, opts.profile);
    // The GesCom first, then the shop when the profile has one.
    const actions = opts.gescomOnly || a.profiles.load(name).shop.kind === 'none' ? ['gescom.check'] : ['gescom.check', 'shop.check'];
    for (const action of actions) {
      // An interrupted run exits from runFromCli; a failed GesCom check still lets the shop be checked.
      await runFromCli(a, { profile: name, action });
    }
  });

program
  .command('journal')
  .description('Affiche le fichier journal d\'un profil (JRN-02) / show a profile\'s journal file')
  .option('--profile <name>', 'profil / profile')
  .option('--follow', 'suit les nouvelles lignes / follow new lines', false)
  .option('--lines <n>', 'dernières lignes / last lines', '200')
  .option('--path', 'affiche seulement le chemin du fichier / print only the file path', false)
  .action(async (opts: { profile?: string; follow: boolean; lines: string; path: boolean }) => {
    const a = app();
    const name = profileFor(a, opts.profile);
    a.profiles.load(name);
    const file = journalFile(a.dir.journalsDir, name);
    if (opts.path) return printLine(file);
    if (fs.existsSync(file)) {
      const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
      for (const l of lines.slice(-Math.max(1, Number(opts.lines) || 200))) printLine(l);
    }
    if (!opts.follow) return;
    let offset = fs.existsSync(file) ? fs.statSync(file).size : 0;
    // Poll rather than fs.watch: it survives rotation and works on every OS the same way.
    await new Promise<void>(() => {
      setInterval(() => {
        if (!fs.existsSync(file)) return;
        const size = fs.statSync(file).size;
        if (size < offset) offset = 0; // rotated
        if (size > offset) {
          const fd = fs.openSync(file, 'r');
          const buf = Buffer.alloc(size - offset);
          fs.readSync(fd, buf, 0, buf.length, offset);
          fs.closeSync(fd);
          offset = size;
          process.stdout.write(buf.toString('utf8'));
        }
      }, 300);
    });
  });

program
  .command('runs')
  .description('Historique des exécutions / run history')
  .option('--profile <name>', 'profil / profile')
  .option('--json', 'sortie JSON / JSON output', false)
  .action((opts: { profile?: string; json: boolean }) => {
    const runs = app().state.runs(opts.profile);
    if (opts.json) return printJson(runs);
    // Each run's start in its profile's time zone, like its journal lines (the machine's zone for a deleted profile).
    const zones = new Map<string, string>();
    const zoneOf = (name: string): string => {
      let zone = zones.get(name);
      if (zone === undefined) {
        try {
          zone = app().profiles.load(name).general.timezone;
        } catch {
          zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
        }
        zones.set(name, zone);
      }
      return zone;
    };
    for (const r of runs) {
      const counts = Object.entries(r.counts).map(([e, c]) => `${e}: +${c.created} ~${c.updated} =${c.unchanged} -${c.skipped} !${c.failed}`).join('; ');
      printLine(tr('run.historyLine', {
        id: r.id, started: formatTimestamp(new Date(r.startedAt), zoneOf(r.profile)), profile: r.profile, action: r.action,
        status: tr(`run.status.${r.status}`), message: r.message ? ` (${r.message})` : '',
        seconds: r.durationMs === null ? '-' : (r.durationMs / 1000).toFixed(1), requests: r.requests, writes: r.writeRequests, counts,
      }).trimEnd());
    }
  });

const i18n = program.command('i18n').description('Traductions (PRF-05) / translations');
i18n
  .command('export')
  .description('Écrit le catalogue complet d\'une langue dans le dossier de données pour le modifier / write a language catalogue to the data folder to edit it')
  .option('--lang <lang>', 'fr ou en', 'fr')
  .action((opts: { lang: string }) => {
    const a = app();
    if (!LANGS.includes(opts.lang as Lang)) throw new PasserelleError(`--lang : fr ou en / fr or en`, 'i18n', 'lang');
    const file = path.join(a.dir.i18nDir, `${opts.lang}.json`);
    fs.mkdirSync(a.dir.i18nDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(a.messages.catalogue(opts.lang as Lang), null, 2) + '\n');
    printLine(file);
  });

program
  .command('serve')
  .description('Démarre le service local (API JSON) / start the local service (JSON API)')
  .option('--port <port>', 'port (défaut PASSERELLE_PORT ou 8640)')
  .option('--host <host>', 'adresse d\'écoute / listen address', '127.0.0.1')
  .action(async (opts: { port?: string; host: string }) => {
    // Loaded on demand: the service's dependencies would slow every other command.
    const { serve } = await import('./serve.js');
    await serve(app(), { port: opts.port ?? process.env.PASSERELLE_PORT ?? '8640', host: opts.host });
  });

program.parseAsync(process.argv).catch((raw: unknown) => {
  // A read-only or full data folder met anywhere: one line naming the folder, not a raw EACCES.
  const err = appContext ? asDataFolderError(raw, appContext.dir.root) : raw;
  const e = err as PasserelleError;
  const where = [e.entity, e.field].filter(Boolean).join(' / ');
  process.stderr.write(`passerelle: ${where ? `[${where}] ` : ''}${e.message ?? String(err)}\n`);
  if (process.env.PASSERELLE_DEBUG) process.stderr.write(`${(err as Error).stack ?? ''}\n`);
  appContext?.close();
  process.exitCode = 1;
}).then(() => {
  if (program.args[0] !== 'serve' && program.args[0] !== 'journal') appContext?.close();
});
