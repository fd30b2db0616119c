/**
 * The action commands (`passerelle products export`, `customers export`…): each
 * runs one action for a profile with the journal live on the terminal, then exits 1
 * when the run failed or any entity failed.
 */
import type { Command } from 'commander';
import { runAction } from '../actions/runner.js';
import type { AppContext } from '../app/app-context.js';
import { printJson, printLine } from './output.js';

interface ActionCommand {
  group: string;
  name: string;
  action: string;
  description: string;
  newOnly?: boolean;
}

const COMMANDS: ActionCommand[] = [
  { group: 'products', name: 'export', action: 'products.export', description: 'Exporte les articles (et catégories) / export products (and categories)', newOnly: true },
  { group: 'products', name: 'prices', action: 'products.prices', description: 'Met à jour les prix / update prices' },
  { group: 'products', name: 'stocks', action: 'products.stocks', description: 'Met à jour les stocks / update stock' },
  { group: 'products', name: 'status', action: 'products.status', description: 'Active ou désactive les produits / enable or disable products' },
  { group: 'categories', name: 'export', action: 'categories.export', description: 'Exporte les catégories / export categories' },
  { group: 'customers', name: 'export', action: 'customers.export', description: 'Exporte les clients / export customers', newOnly: true },
  { group: 'customers', name: 'groups', action: 'customers.groups', description: 'Exporte les groupes de clients / export customer groups' },
  { group: 'customers', name: 'disable', action: 'customers.disable', description: 'Désactive les clients en sommeil ou bloqués / disable dormant or blocked customers' },
  { group: 'shop', name: 'check', action: 'shop.check', description: 'Teste la connexion à la boutique (PRF-09) / test the shop connection' },
];

export function registerActionCommands(program: Command, app: () => AppContext): void {
  const groups = new Map<string, Command>();
  for (const c of COMMANDS) {
    let group = groups.get(c.group);
    if (!group) {
      group = program.commands.find((x) => x.name() === c.group) ?? program.command(c.group).description(`${c.group}`);
      groups.set(c.group, group);
    }
    const cmd = group
      .command(c.name)
      .description(c.description)
      .option('--profile <name>', 'profil (défaut : profil par défaut) / profile (default: the default profile)')
      .option('--json', 'affiche le bilan en JSON / print the run record as JSON', false);
    if (c.newOnly) cmd.option('--new-only', 'seulement les nouveaux / new ones only', false);
    cmd.action(async (opts: { profile?: string; json: boolean; newOnly?: boolean }) => {
      const a = app();
      const record = await runAction(a, {
        profile: a.profiles.resolveName(opts.profile), action: c.action, params: opts.newOnly ? { newOnly: true } : {},
        onEntry: opts.json ? undefined : (e) => printLine(e.line),
      });
      if (opts.json) printJson(record);
      if (record.status !== 'succeeded' || Object.values(record.counts).some((n) => n.failed > 0)) process.exitCode = 1;
    });
  }
}
