/**
 * `passerelle profile …` (PRF-01..PRF-04): create, show, set, rename, duplicate,
 * delete, default, export/import (backup and restore), options password.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import type { AppContext } from '../app/app-context.js';
import { requireOptionsPassword as checkOptionsPassword } from '../config/options-password.js';
import { hashPassword } from '../config/secrets.js';
import { ConfigError } from '../errors.js';
import { tr } from '../i18n/catalogue.js';
import { getOption, listOptions, maskSecrets, setOption } from '../profile/options.js';
import { absoluteOptionValue, withAbsolutePaths } from '../profile/paths.js';
import { printJson, printLine, printNote, printTable } from './output.js';

export interface ShopFlags {
  shop?: string;
  shopUrl?: string;
  shopKey?: string;
  shopSecret?: string;
}

export function shopFromFlags(flags: ShopFlags): Record<string, string> {
  const shop: Record<string, string> = {};
  if (flags.shop) shop.kind = flags.shop;
  if (flags.shopUrl) shop.url = flags.shopUrl;
  if (flags.shopKey) shop.key = flags.shopKey;
  if (flags.shopSecret) shop.secret = flags.shopSecret;
  return shop;
}

/**
 * The profile a command runs on: the one named, or the default one, which the
 * command then names in its first line (on stderr, so that `--json` stays JSON).
 */
export function profileFor(app: AppContext, given: string | undefined): string {
  const { name, byDefault } = app.profiles.resolve(given);
  if (byDefault) printNote(tr('profile.usingDefault', { name }));
  return name;
}

/** PRF-04: commands that change options ask for the options password when one is set. */
export function requireOptionsPassword(app: AppContext, given: string | undefined): void {
  checkOptionsPassword(app.profiles.settings(), given);
}

export function registerProfileCommands(program: Command, app: () => AppContext): void {
  const profile = program.command('profile').description('Profils : une GesCom + une boutique / profiles: one GesCom + one shop');
  const pw = ['--password <password>', 'mot de passe des options (PRF-04) / options password'] as const;

  profile
    .command('list')
    .description('Liste les profils / list profiles')
    .option('--json', 'sortie JSON / JSON output', false)
    .action((opts: { json: boolean }) => {
      const a = app();
      const def = a.profiles.settings().defaultProfile;
      const rows = a.profiles.list().map((name) => {
        const p = a.profiles.loadMasked(name);
        return { name, default: name === def, gescom: p.gescom.kind, db: p.gescom.db, shop: p.shop.kind, url: p.shop.url };
      });
      if (opts.json) return printJson(rows);
      printTable(['name', 'default', 'gescom', 'db', 'shop', 'url'], rows.map((r) => [r.name, r.default, r.gescom, r.db, r.shop, r.url]));
    });

  profile
    .command('create <name>')
    .description('Crée un profil / create a profile')
    .option('--gescom <kind>', 'type de GesCom / GesCom kind', 'embedded')
    .requiredOption('--db <path>', 'base GesCom / GesCom database')
    .option('--shop <kind>', 'type de boutique / shop kind (woocommerce, prestashop, …)')
    .option('--shop-url <url>', 'URL de la boutique / shop URL')
    .option('--shop-key <key>', 'clé API / API key')
    .option('--shop-secret <secret>', 'secret API / API secret')
    .option(...pw)
    .action((name: string, opts: ShopFlags & { gescom: string; db: string; password?: string }) => {
      const a = app();
      requireOptionsPassword(a, opts.password);
      // Absolute: the next command may start from another folder.
      a.profiles.create(withAbsolutePaths({ name, gescom: { kind: opts.gescom, db: opts.db }, shop: shopFromFlags(opts) }));
      printLine(a.messages.t(a.profiles.settings().language, 'cli.profileCreated', { name }));
    });

  profile
    .command('show [name]')
    .description('Affiche un profil (secrets masqués) / show a profile (secrets masked)')
    .option('--json', 'sortie JSON / JSON output', false)
    .action((name: string | undefined, opts: { json: boolean }) => {
      const a = app();
      const p = a.profiles.loadMasked(profileFor(a, name));
      if (opts.json) return printJson(p);
      printTable(['option', 'value'], listOptions().map((o) => {
        const v = getOption(p, o.key);
        return [o.key, typeof v === 'object' ? JSON.stringify(v) : String(v)];
      }));
    });

  profile
    .command('options')
    .description('Liste toutes les options avec défaut et description / list every option with default and description')
    .option('--json', 'sortie JSON / JSON output', false)
    .option('--lang <lang>', 'fr ou en', 'fr')
    .action((opts: { json: boolean; lang: string }) => {
      const options = listOptions();
      if (opts.json) return printJson(options);
      const lang = opts.lang === 'en' ? 'en' : 'fr';
      printTable(['option', 'type', 'default', 'description'], options.map((o) => [o.key, o.type, JSON.stringify(o.default), o.description[lang]]));
    });

  profile
    .command('set <name> <option> <value>')
    .description('Change une option (nom pointé, ex. http.timeoutSeconds) / change an option (dotted name)')
    .option(...pw)
    .action((name: string, option: string, value: string, opts: { password?: string }) => {
      const a = app();
      requireOptionsPassword(a, opts.password);
      const saved = a.profiles.save(setOption(a.profiles.load(name), option, absoluteOptionValue(option, value)));
      const shown = getOption(maskSecrets(saved), option);
      printLine(`${name}: ${option} = ${typeof shown === 'object' ? JSON.stringify(shown) : String(shown)}`);
    });

  profile
    .command('rename <from> <to>')
    .description('Renomme un profil / rename a profile')
    .option(...pw)
    .action((from: string, to: string, opts: { password?: string }) => {
      const a = app();
      requireOptionsPassword(a, opts.password);
      a.profiles.rename(from, to);
      a.state.renameProfile(from, to);
      printLine(`${from} -> ${to}`);
    });

  profile
    .command('duplicate <from> <to>')
    .description('Duplique un profil / duplicate a profile')
    .option(...pw)
    .action((from: string, to: string, opts: { password?: string }) => {
      const a = app();
      requireOptionsPassword(a, opts.password);
      a.profiles.duplicate(from, to);
      printLine(a.messages.t(a.profiles.settings().language, 'cli.profileCreated', { name: to }));
    });

  profile
    .command('delete <name>')
    .description('Supprime un profil (avec confirmation --yes) / delete a profile (confirm with --yes)')
    .option('--yes', 'confirme la suppression / confirm deletion', false)
    .option(...pw)
    .action((name: string, opts: { yes: boolean; password?: string }) => {
      const a = app();
      requireOptionsPassword(a, opts.password);
      const lang = a.profiles.settings().language;
      a.profiles.load(name); // fails clearly on an unknown name before asking
      if (!opts.yes) {
        printLine(a.messages.t(lang, 'cli.confirmDelete', { name }));
        process.exitCode = 1;
        return;
      }
      const result = a.profiles.delete(name);
      a.state.forgetProfile(name);
      printLine(a.messages.t(lang, 'cli.profileDeleted', { name }));
      if (result.defaultChanged) {
        printLine(result.defaultProfile ? tr('profile.defaultNow', { name: result.defaultProfile }) : tr('profile.noDefaultLeft'));
      }
    });

  profile
    .command('default [name]')
    .description('Affiche ou choisit le profil par défaut / show or set the default profile')
    .action((name: string | undefined) => {
      const a = app();
      if (name) a.profiles.setDefault(name);
      printLine(a.profiles.settings().defaultProfile ?? '');
    });

  profile
    .command('export [name]')
    .description('Sauvegarde un profil (ou --all) dans un fichier / back up a profile (or --all) to a file')
    .requiredOption('--file <path>', 'fichier de sauvegarde / backup file')
    .option('--all', 'tous les profils et réglages / every profile and settings', false)
    .option('--passphrase <p>', 'inclut les secrets chiffrés par cette phrase / include secrets encrypted with this passphrase')
    .option(...pw)
    .action((name: string | undefined, opts: { file: string; all: boolean; passphrase?: string; password?: string }) => {
      const a = app();
      // Secrets leave the machine only with the options password, when one protects the options.
      if (opts.passphrase) requireOptionsPassword(a, opts.password);
      const bundle = a.profiles.exportBundle(opts.all ? 'all' : [profileFor(a, name)], opts.passphrase);
      fs.writeFileSync(opts.file, JSON.stringify(bundle, null, 2) + '\n', { mode: 0o600 });
      printLine(`${bundle.profiles.length} profil(s) -> ${opts.file}${bundle.secretsIncluded ? '' : ' (sans secrets / without secrets)'}`);
    });

  profile
    .command('import <file>')
    .description('Restaure des profils depuis une sauvegarde / restore profiles from a backup')
    .option('--passphrase <p>', 'phrase de la sauvegarde / backup passphrase')
    .option('--overwrite', 'remplace les profils de même nom / replace profiles with the same name', false)
    .option(...pw)
    .action((file: string, opts: { passphrase?: string; overwrite: boolean; password?: string }) => {
      const a = app();
      requireOptionsPassword(a, opts.password);
      let bundle: unknown;
      try {
        bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
      } catch (err) {
        throw new ConfigError(`sauvegarde illisible / unreadable backup ${file}: ${(err as Error).message}`, 'backup', 'file');
      }
      const result = a.profiles.importBundle(bundle, { passphrase: opts.passphrase, overwrite: opts.overwrite });
      printLine(tr('profile.imported', { names: result.profiles.map((p) => p.name).join(', ') }));
      for (const kept of result.secretsKept) printLine(tr('profile.secretsKept', { name: kept.name, keys: kept.keys.join(', ') }));
    });

  profile
    .command('password')
    .description('Protège les options par un mot de passe (PRF-04) ; --clear le retire / protect options with a password; --clear removes it')
    .option('--new <password>', 'nouveau mot de passe / new password')
    .option('--clear', 'retire la protection / remove protection', false)
    .option(...pw)
    .action((opts: { new?: string; clear: boolean; password?: string }) => {
      const a = app();
      requireOptionsPassword(a, opts.password);
      if (opts.clear) {
        a.profiles.updateSettings({ optionsPasswordHash: null });
        printLine('Protection retirée / protection removed');
        return;
      }
      if (!opts.new || opts.new.length < 6) throw new ConfigError('--new : 6 caractères minimum / at least 6 characters', 'settings', 'optionsPassword');
      a.profiles.updateSettings({ optionsPasswordHash: hashPassword(opts.new) });
      printLine('Options protégées / options protected');
    });
}
