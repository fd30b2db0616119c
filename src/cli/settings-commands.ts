/**
 * `passerelle settings …`: the application's own settings, beside the profiles. The
 * language chosen here is the CLI's and the UI's; each profile's journal, documents
 * and mails follow its own `general.language`.
 */
import type { Command } from 'commander';
import type { AppContext } from '../app/app-context.js';
import { ConfigError } from '../errors.js';
import { msg, tr, type Lang } from '../i18n/catalogue.js';
import { parseLang } from './lang-option.js';
import { printJson, printLine } from './output.js';

/** The settings a user may change here (the default profile has `profile default`, the password `profile password`). */
const SETTABLE = ['language'] as const;

export function registerSettingsCommands(program: Command, app: () => AppContext): void {
  const settings = program.command('settings').description(tr('help.settings'));

  settings
    .command('show')
    .description(tr('help.settingsShow'))
    .option('--json', tr('help.jsonOutput'), false)
    .action((opts: { json: boolean }) => {
      const s = app().profiles.settings();
      // The options password is never shown, only whether one is set.
      const shown = { language: s.language, defaultProfile: s.defaultProfile, optionsPassword: s.optionsPasswordHash !== null };
      if (opts.json) return printJson(shown);
      printLine(tr('cli.settings.language', { value: s.language }));
      printLine(tr('cli.settings.defaultProfile', { value: s.defaultProfile ?? tr('cli.settings.none') }));
      printLine(tr('cli.settings.optionsPassword', { value: tr(shown.optionsPassword ? 'cli.settings.passwordSet' : 'cli.settings.passwordNotSet') }));
    });

  settings
    .command('set <setting> <value>')
    .description(tr('help.settingsSet'))
    .action((setting: string, value: string) => {
      const a = app();
      if (!(SETTABLE as readonly string[]).includes(setting)) {
        throw new ConfigError(msg('cli.settings.unknown', { setting, settable: SETTABLE.join(', ') }), 'settings', setting);
      }
      a.profiles.updateSettings({ language: parseLang(value, 'language', 'settings', 'language') });
      // Confirmed in the language just chosen.
      a.useLanguage(value as Lang);
      printLine(tr('cli.settings.saved', { setting, value }));
    });
}
