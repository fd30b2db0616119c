/**
 * `passerelle profile …` (PRF-01..PRF-04): create, show, set, rename, duplicate,
 * delete, default, export/import (backup and restore), options password.
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { currentLang, msg, tr } from '../i18n/catalogue.js';
import { parseLang } from './lang-option.js';
import type { AppContext } from '../app/app-context.js';
import { backupText, parseBackup, renameProfile } from '../app/profile-admin.js';
import { requireOptionsPassword as checkOptionsPassword } from '../config/options-password.js';
import { hashPassword } from '../config/secrets.js';
import { ConfigError } from '../errors.js';
import { getOption, listOptions, maskSecrets, setOption } from '../profile/options.js';
import { absoluteOptionValue, withAbsolutePaths } from '../profile/paths.js';
import { adapterFor } from '../shops/registry.js';
import { printJson, printLine, printNote, printTable } from './output.js';

export interface ShopFlags {
  shop?: string;
  shopUrl?: string;
  shopKey?: string;
  shopSecret?: string;
}

/**
 * The `shop` section the flags give: kind and URL, and the key and secret in the options the
 * kind's adapter names for them (`shop.woocommerce.key`, `shop.prestashop.key`…). `currentKind`:
 * the kind of the profile being changed, when --shop is not given.
 */
export function shopFromFlags(flags: ShopFlags, currentKind?: string): Record<string, unknown> {
  const shop: Record<string, unknown> = {};
  if (flags.shop) shop.kind = flags.shop;
  if (flags.shopUrl) shop.url = flags.shopUrl;
  const kind = flags.shop ?? currentKind;
  const credentials: Record<string, string> = {};
  for (const [flag, which, value] of [['--shop-key', 'key', flags.shopKey], ['--shop-secret', 'secret', flags.shopSecret]] as const) {
    if (!value) continue;
    if (!kind || kind === 'none') throw new ConfigError(msg('shop.flagNeedsKind', { flag }), 'profile', 'shop.kind');
    const option = adapterFor(kind)?.credentialFlags?.[which];
    // An unknown kind is left to the profile's validation, which lists the known ones.
    if (!adapterFor(kind)) continue;
    if (!option) throw new ConfigError(msg('shop.flagNotForKind', { flag, kind }), 'profile', `shop.${kind}`);
    credentials[option] = value;
  }
  if (kind && Object.keys(credentials).length) shop[kind] = credentials;
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
  const profile = program.command('profile').description(tr('help.profilesOneGescomOne'));
  const pw = ['--password <password>', tr('help.optionsPassword')] as const;

  profile
    .command('list')
    .description(tr('help.listProfiles'))
    .option('--json', tr('help.jsonOutput'), false)
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
    .description(tr('help.createAProfile'))
    .option('--gescom <kind>', tr('help.gescomKind'), 'embedded')
    .requiredOption('--db <path>', tr('help.gescomDatabase'))
    .option('--shop <kind>', tr('help.shopKindWoocommercePrestashop'))
    .option('--shop-url <url>', tr('help.shopUrl'))
    .option('--shop-key <key>', tr('help.apiKey'))
    .option('--shop-secret <secret>', tr('help.apiSecret'))
    .option(...pw)
    .action((name: string, opts: ShopFlags & { gescom: string; db: string; password?: string }) => {
      const a = app();
      requireOptionsPassword(a, opts.password);
      // Absolute: the next command may start from another folder.
      a.profiles.create(withAbsolutePaths({ name, gescom: { kind: opts.gescom, db: opts.db }, shop: shopFromFlags(opts) }));
      printLine(tr('cli.profileCreated', { name }));
    });

  profile
    .command('show [name]')
    .description(tr('help.showAProfileSecretsMasked'))
    .option('--json', tr('help.jsonOutput'), false)
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
    .description(tr('help.listEveryOptionWithDefault'))
    .option('--json', tr('help.jsonOutput'), false)
    .option('--lang <lang>', tr('help.optionsLang'))
    .action((opts: { json: boolean; lang?: string }) => {
      // One language: the application's, unless --lang asks for the other one.
      const lang = opts.lang !== undefined ? parseLang(opts.lang, '--lang', 'profile options', 'lang') : currentLang();
      const options = listOptions(lang);
      if (opts.json) return printJson(options);
      printTable(['option', 'type', 'default', 'description'], options.map((o) => [o.key, o.type, JSON.stringify(o.default), o.description[lang]]));
    });

  profile
    .command('set <name> <option> <value>')
    .description(tr('help.changeAnOptionDottedName'))
    .option(...pw)
    .action((name: string, option: string, value: string, opts: { password?: string }) => {
      const a = app();
      requireOptionsPassword(a, opts.password);
      const saved = a.profiles.save(setOption(a.profiles.load(name), option, absoluteOptionValue(option, value)),
        (t) => printNote(tr(t.key, t.params)));
      const shown = getOption(maskSecrets(saved), option);
      printLine(`${name}: ${option} = ${typeof shown === 'object' ? JSON.stringify(shown) : String(shown)}`);
    });

  profile
    .command('rename <from> <to>')
    .description(tr('help.renameAProfile'))
    .option(...pw)
    .action((from: string, to: string, opts: { password?: string }) => {
      const a = app();
      requireOptionsPassword(a, opts.password);
      renameProfile(a, from, to);
      printLine(`${from} -> ${to}`);
    });

  profile
    .command('duplicate <from> <to>')
    .description(tr('help.duplicateAProfile'))
    .option(...pw)
    .action((from: string, to: string, opts: { password?: string }) => {
      const a = app();
      requireOptionsPassword(a, opts.password);
      a.profiles.duplicate(from, to);
      printLine(tr('cli.profileCreated', { name: to }));
    });

  profile
    .command('delete <name>')
    .description(tr('help.deleteAProfileConfirmWith'))
    .option('--yes', tr('help.confirmDeletion'), false)
    .option(...pw)
    .action((name: string, opts: { yes: boolean; password?: string }) => {
      const a = app();
      requireOptionsPassword(a, opts.password);
      a.profiles.load(name); // fails clearly on an unknown name before asking
      if (!opts.yes) {
        printLine(tr('cli.confirmDelete', { name }));
        process.exitCode = 1;
        return;
      }
      const result = a.profiles.delete(name);
      a.state.forgetProfile(name);
      printLine(tr('cli.profileDeleted', { name }));
      if (result.defaultChanged) {
        printLine(result.defaultProfile ? tr('profile.defaultNow', { name: result.defaultProfile }) : tr('profile.noDefaultLeft'));
      }
    });

  profile
    .command('default [name]')
    .description(tr('help.showOrSetTheDefault'))
    .action((name: string | undefined) => {
      const a = app();
      if (name) a.profiles.setDefault(name);
      printLine(a.profiles.settings().defaultProfile ?? '');
    });

  profile
    .command('export [name]')
    .description(tr('help.backUpAProfileOr'))
    .requiredOption('--file <path>', tr('help.backupFile'))
    .option('--all', tr('help.everyProfileAndSettings'), false)
    .option('--passphrase <p>', tr('help.includeSecretsEncryptedWithThis'))
    .option(...pw)
    .action((name: string | undefined, opts: { file: string; all: boolean; passphrase?: string; password?: string }) => {
      const a = app();
      // Secrets leave the machine only with the options password, when one protects the options.
      if (opts.passphrase) requireOptionsPassword(a, opts.password);
      const bundle = a.profiles.exportBundle(opts.all ? 'all' : [profileFor(a, name)], opts.passphrase);
      fs.writeFileSync(opts.file, backupText(bundle), { mode: 0o600 });
      printLine(tr(bundle.secretsIncluded ? 'cli.backupWritten' : 'cli.backupWrittenNoSecrets', { n: bundle.profiles.length, file: opts.file }));
    });

  profile
    .command('import <file>')
    .description(tr('help.restoreProfilesFromABackup'))
    .option('--passphrase <p>', tr('help.backupPassphrase'))
    .option('--overwrite', tr('help.replaceProfilesWithTheSame'), false)
    .option(...pw)
    .action((file: string, opts: { passphrase?: string; overwrite: boolean; password?: string }) => {
      const a = app();
      requireOptionsPassword(a, opts.password);
      let text: string;
      try {
        text = fs.readFileSync(file, 'utf8');
      } catch (err) {
        throw new ConfigError(msg('cli.unreadableBackup', { file, reason: (err as Error).message }), 'backup', 'file');
      }
      const bundle = parseBackup(text, file);
      const result = a.profiles.importBundle(bundle, { passphrase: opts.passphrase, overwrite: opts.overwrite });
      printLine(tr('profile.imported', { names: result.profiles.map((p) => p.name).join(', ') }));
      for (const kept of result.secretsKept) printLine(tr('profile.secretsKept', { name: kept.name, keys: kept.keys.join(', ') }));
    });

  profile
    .command('password')
    .description(tr('help.protectOptionsWithAPassword'))
    .option('--new <password>', tr('help.newPassword'))
    .option('--clear', tr('help.removeProtection'), false)
    .option(...pw)
    .action((opts: { new?: string; clear: boolean; password?: string }) => {
      const a = app();
      requireOptionsPassword(a, opts.password);
      if (opts.clear) {
        a.profiles.updateSettings({ optionsPasswordHash: null });
        printLine(tr('cli.protectionRemoved'));
        return;
      }
      if (!opts.new || opts.new.length < 6) throw new ConfigError(msg('cli.passwordTooShort', { option: '--new', min: 6 }), 'settings', 'optionsPassword');
      a.profiles.updateSettings({ optionsPasswordHash: hashPassword(opts.new) });
      printLine(tr('cli.optionsProtected'));
    });
}
