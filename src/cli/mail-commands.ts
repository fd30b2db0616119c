/** `passerelle mail test`: checks the profile's SMTP settings by sending a message and printing the server's answer. */
import type { Command } from 'commander';
import type { AppContext } from '../app/app-context.js';
import { tr } from '../i18n/catalogue.js';
import { printJson, printLine } from './output.js';
import { profileFor } from './profile-commands.js';

export function registerMailCommands(program: Command, app: () => AppContext): void {
  const mail = program.command('mail').description(tr('help.mail'));

  mail
    .command('test')
    .description(tr('help.mailTest'))
    .option('--profile <name>', tr('help.profile'))
    .option('--to <addresses>', tr('help.mailTo'))
    .option('--json', tr('help.jsonOutput'), false)
    .action(async (opts: { profile?: string; to?: string; json: boolean }) => {
      const a = app();
      const profile = a.profiles.load(profileFor(a, opts.profile));
      // Loaded on demand: nodemailer is not needed by other commands.
      const { sendTestMail } = await import('../notify/test-mail.js');
      const result = await sendTestMail(a.messages, profile, opts.to);
      if (opts.json) printJson(result);
      else {
        const list = (l: string[]) => (l.length ? l.join(', ') : tr('notify.none'));
        printLine(tr('notify.test.sent', { host: result.host, port: result.port, to: result.to.join(', ') }));
        printLine(tr('notify.test.response', { response: result.response }));
        printLine(tr('notify.test.accepted', { list: list(result.accepted) }));
        printLine(tr('notify.test.rejected', { list: list(result.rejected) }));
      }
      // A recipient refused is a failed test, even when others were accepted.
      if (result.rejected.length > 0) process.exitCode = 1;
    });
}
