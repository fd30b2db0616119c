/**
 * `passerelle webhooks register | list | remove --profile P [--url PUBLIC_URL]`: the shop's order
 * webhooks towards the service (src/service/webhook-subscriptions.ts). A shop without webhooks
 * (PrestaShop) gets one line: its orders come by the scheduled import only.
 */
import type { Command } from 'commander';
import type { AppContext } from '../app/app-context.js';
import { tr, type MessageKey } from '../i18n/catalogue.js';
import { listWebhooks, registerWebhooks, removeWebhooks } from '../service/webhook-subscriptions.js';
import { printJson, printLine, printTable } from './output.js';
import { profileFor, requireOptionsPassword } from './profile-commands.js';

export function registerWebhooksCommands(program: Command, app: () => AppContext): void {
  const webhooks = program.command('webhooks').description(tr('help.webhooks'));
  webhooks
    .command('register')
    .description(tr('help.webhooksRegister'))
    .option('--profile <name>', tr('help.profileDefaultTheDefaultProfile'))
    .option('--url <url>', tr('help.webhooksPublicUrl'))
    .option('--password <password>', tr('help.optionsPassword'))
    .option('--json', tr('help.webhooksJson'), false)
    .action(async (opts: { profile?: string; url?: string; password?: string; json: boolean }) => {
      const a = app();
      const name = profileFor(a, opts.profile);
      requireOptionsPassword(a, opts.password);
      const result = await registerWebhooks(a, name, opts.url);
      if (opts.json) return printJson(result);
      if (result.removed) printLine(tr('webhooks.cli.replaced', { n: result.removed }));
      for (const s of result.created) printLine(tr('webhooks.cli.registered', { topic: s.topic, id: s.id, url: s.deliveryUrl }));
    });
  webhooks
    .command('list')
    .description(tr('help.webhooksList'))
    .option('--profile <name>', tr('help.profileDefaultTheDefaultProfile'))
    .option('--json', tr('help.webhooksJson'), false)
    .action(async (opts: { profile?: string; json: boolean }) => {
      const a = app();
      const { subscriptions } = await listWebhooks(a, profileFor(a, opts.profile));
      if (opts.json) return printJson(subscriptions);
      if (!subscriptions.length) return printLine(tr('webhooks.cli.none'));
      printTable(
        (['webhooks.cli.col.id', 'webhooks.cli.col.topic', 'webhooks.cli.col.status', 'webhooks.cli.col.url', 'webhooks.cli.col.ours'] as MessageKey[]).map((k) => tr(k)),
        subscriptions.map((s) => [s.id, s.topic, s.status, s.deliveryUrl, tr(s.ours ? 'webhooks.cli.yes' : 'webhooks.cli.no')]),
      );
    });
  webhooks
    .command('remove')
    .description(tr('help.webhooksRemove'))
    .option('--profile <name>', tr('help.profileDefaultTheDefaultProfile'))
    .option('--password <password>', tr('help.optionsPassword'))
    .option('--json', tr('help.webhooksJson'), false)
    .action(async (opts: { profile?: string; password?: string; json: boolean }) => {
      const a = app();
      const name = profileFor(a, opts.profile);
      requireOptionsPassword(a, opts.password);
      const removed = await removeWebhooks(a, name);
      if (opts.json) return printJson(removed);
      if (!removed.length) return printLine(tr('webhooks.cli.noneRemoved', { profile: name }));
      for (const s of removed) printLine(tr('webhooks.cli.removed', { topic: s.topic, id: s.id }));
    });
}
