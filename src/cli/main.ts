#!/usr/bin/env node
/**
 * The `passerelle` command line. Errors print one clear line naming the entity and field, exit code 1.
 * Everything it prints, help texts included, is in the application's language
 * (`passerelle settings set language en|fr`): the language is read first, then the
 * program is built.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { listActions } from '../actions/registry.js';
import { AppContext } from '../app/app-context.js';
import { asDataFolderError } from '../config/data-folder-error.js';
import { errorMessage, PasserelleError } from '../errors.js';
import { msg, tr, type Lang, type MessageKey } from '../i18n/catalogue.js';
import { parseLang } from './lang-option.js';
import { entityLabel, runMessageLabel, runStatusLabel } from '../i18n/labels.js';
import { formatTimestamp, journalFile } from '../journal/journal.js';
import { registerActionCommands, runFromCli } from './action-commands.js';
import { DEMO_PROFILE, demoInit } from './demo.js';
import { registerGescomCommands } from './gescom-commands.js';
import { printJson, printLine, printNote, quietOnClosedOutput } from './output.js';
import { registerStockFollow } from '../app/stock-follow.js';
import { profileFor, registerProfileCommands, shopFromFlags, type ShopFlags } from './profile-commands.js';
import { registerSettingsCommands } from './settings-commands.js';
import { registerWebhooksCommands } from './webhooks-commands.js';
import { registerServiceCommands } from './service-commands.js';
import { registerScheduleCommands } from './schedule-commands.js';
import { registerMailCommands } from './mail-commands.js';
import { registerRunNotifier } from '../notify/run-notifier.js';
import { favourMemory } from '../app/memory-posture.js';

/** `--data-dir` before commander parses it: the data folder holds the language setting and the i18n overrides. */
function dataDirArg(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    if (a === '--data-dir') return argv[i + 1];
    if (a.startsWith('--data-dir=')) return a.slice('--data-dir='.length);
  }
  return undefined;
}

favourMemory();

// One context for the whole command; reading the language creates nothing on disk.
const appContext = new AppContext(dataDirArg(process.argv.slice(2)));
appContext.useLanguage();
registerRunNotifier(appContext);
const app = (): AppContext => appContext;
// Stock follows sales: follow-up stock runs before the command ends (stderr under --json, which keeps stdout JSON).
registerStockFollow(appContext, { queued: false, print: process.argv.includes('--json') ? printNote : printLine });

quietOnClosedOutput();

// Commander's own words (help titles, the help option and command) in the application's
// language too; subcommands inherit these settings from the program.
const HELP_TITLES: Record<string, MessageKey> = {
  'Usage:': 'help.title.usage', 'Options:': 'help.title.options', 'Commands:': 'help.title.commands',
  'Arguments:': 'help.title.arguments', 'Global Options:': 'help.title.globalOptions',
};

const program = new Command();
program
  .name('passerelle')
  .description(tr('help.gescomOnlineShopsConnector'))
  .version('0.1.0', '-V, --version', tr('help.version'))
  .helpOption('-h, --help', tr('help.helpOption'))
  .helpCommand('help [command]', tr('help.helpOption'))
  .configureHelp({ styleTitle: (title) => (HELP_TITLES[title] ? tr(HELP_TITLES[title]) : title) })
  .option('--data-dir <path>', tr('help.dataFolderDefaultPasserelledatadirOr'))
  .showHelpAfterError();

registerGescomCommands(program);
registerProfileCommands(program, app);
registerActionCommands(program, app);
registerSettingsCommands(program, app);
registerWebhooksCommands(program, app);
registerServiceCommands(program, app);
registerScheduleCommands(program, app);
registerMailCommands(program, app);

const demo = program.command('demo').description(tr('help.sampleCompanyAndDemoProfile'));
demo
  .command('init')
  .description(tr('help.createTheSampleCompanyAnd'))
  .option('--shop <kind>', tr('help.shopKind'))
  .option('--shop-url <url>', tr('help.shopUrl'))
  .option('--shop-key <key>', tr('help.apiKey'))
  .option('--shop-secret <secret>', tr('help.apiSecret'))
  .option('--force', tr('help.recreateTheSampleCompany'), false)
  .action(async (opts: ShopFlags & { force: boolean }) => {
    const a = app();
    const currentKind = a.profiles.exists(DEMO_PROFILE) ? a.profiles.load(DEMO_PROFILE).shop.kind : undefined;
    const result = await demoInit(a, { shop: shopFromFlags(opts, currentKind), force: opts.force });
    printLine(tr('cli.demoReady', { db: result.db }));
  });

program
  .command('run <action>')
  .description(tr('help.runAction', { actions: listActions().map((a) => a.name).join(', ') }))
  .option('--profile <name>', tr('help.profileDefaultTheDefaultProfile'))
  .option('--params <json>', tr('help.jsonParameters'), '{}')
  .option('--json', tr('help.printTheRunRecordAs'), false)
  .option('--dry-run', tr('preview.dryRunOption'), false)
  .action(async (action: string, opts: { profile?: string; params: string; json: boolean; dryRun: boolean }) => {
    const a = app();
    let params: Record<string, unknown>;
    try {
      params = JSON.parse(opts.params) as Record<string, unknown>;
    } catch {
      throw new PasserelleError(msg('cli.invalidParamsJson'), 'run', 'params');
    }
    await runFromCli(a, { profile: opts.profile, action, params, json: opts.json, preview: opts.dryRun });
  });

program
  .command('check')
  .description(tr('help.testTheGescomTheProfile'))
  .option('--profile <name>', tr('help.profile'))
  .option('--gescom-only', tr('help.onlyTheGescomAndThe'), false)
  // A check writes nothing: its preview is the check itself, recorded as a preview.
  .option('--dry-run', tr('preview.dryRunOption'), false)
  .action(async (opts: { profile?: string; gescomOnly: boolean; dryRun: boolean }) => {
    const a = app();
    const name = profileFor(a, opts.profile);
    // The GesCom first, then the shop when the profile has one.
    const actions = opts.gescomOnly || a.profiles.load(name).shop.kind === 'none' ? ['gescom.check'] : ['gescom.check', 'shop.check'];
    for (const action of actions) {
      // An interrupted run exits from runFromCli; a failed GesCom check still lets the shop be checked.
      await runFromCli(a, { profile: name, action, preview: opts.dryRun });
    }
  });

program
  .command('journal')
  .description(tr('help.showAProfilesJournalFile'))
  .option('--profile <name>', tr('help.profile'))
  .option('--follow', tr('help.followNewLines'), false)
  .option('--lines <n>', tr('help.lastLines'), '200')
  .option('--path', tr('help.printOnlyTheFilePath'), false)
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
  .description(tr('help.runHistory'))
  .option('--profile <name>', tr('help.profile'))
  .option('--json', tr('help.jsonOutput'), false)
  .action((opts: { profile?: string; json: boolean }) => {
    app().state.reapDeadRuns();
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
        id: r.id, started: formatTimestamp(new Date(r.startedAt), zoneOf(r.profile)), profile: r.profile,
        action: r.preview ? `${r.action} ${tr('preview.historyMark')}` : r.action,
        status: runStatusLabel(r.status), message: r.message ? ` (${runMessageLabel(r.message)})` : '',
        seconds: r.durationMs === null ? '-' : (r.durationMs / 1000).toFixed(1), requests: r.requests, writes: r.writeRequests, counts,
      }).trimEnd());
    }
  });

const i18n = program.command('i18n').description(tr('help.translations'));
i18n
  .command('export')
  .description(tr('help.writeALanguageCatalogueTo'))
  .option('--lang <lang>', tr('help.lang'), 'fr')
  .action((opts: { lang: string }) => {
    const a = app();
    parseLang(opts.lang, '--lang', 'i18n', 'lang');
    const file = path.join(a.dir.i18nDir, `${opts.lang}.json`);
    fs.mkdirSync(a.dir.i18nDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(a.messages.catalogue(opts.lang as Lang), null, 2) + '\n');
    printLine(file);
  });

program
  .command('serve')
  .description(tr('help.startTheLocalServiceJson'))
  .option('--port <port>', tr('help.port'))
  .option('--host <host>', tr('help.listenAddress'), '127.0.0.1')
  .option('--token-file <path>', tr('help.ops.tokenFile'))
  .option('--public-host <name>', tr('help.ops.publicHost'), (v: string, all: string[]) => [...all, v], [] as string[])
  .option('--trust-proxy <address>', tr('help.ops.trustProxy'), (v: string, all: string[]) => [...all, v], [] as string[])
  .action(async (opts: { port?: string; host: string; tokenFile?: string; publicHost: string[]; trustProxy: string[] }) => {
    // Loaded on demand: the service's dependencies would slow every other command.
    const { serve } = await import('./serve.js');
    await serve(app(), { port: opts.port ?? process.env.PASSERELLE_PORT ?? '8640', host: opts.host, tokenFile: opts.tokenFile, publicHosts: opts.publicHost, trustProxy: opts.trustProxy });
  });

program.parseAsync(process.argv).catch((raw: unknown) => {
  // A read-only or full data folder met anywhere: one line naming the folder, not a raw EACCES.
  const err = asDataFolderError(raw, appContext.dir.root);
  const e = err as PasserelleError;
  const where = [e.entity ? entityLabel(e.entity) : undefined, e.field].filter(Boolean).join(' / ');
  process.stderr.write(`passerelle: ${where ? `[${where}] ` : ''}${errorMessage(err)}\n`);
  if (process.env.PASSERELLE_DEBUG) process.stderr.write(`${(err as Error).stack ?? ''}\n`);
  appContext.close();
  process.exitCode = 1;
}).then(() => {
  if (program.args[0] !== 'serve' && program.args[0] !== 'journal') appContext.close();
});
