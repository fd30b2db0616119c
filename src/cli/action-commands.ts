/**
 * The action commands (`passerelle products export`, `customers export`…): each
 * runs one action for a profile with the journal live on the terminal, then exits
 * with its status's code (runFromCli).
 */
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import type { Command } from 'commander';
import { RunInterrupted } from '../actions/interruption.js';
import { runAction } from '../actions/runner.js';
import { exitCodeOf, worseExitCode } from '../actions/run-status.js';
import type { AppContext } from '../app/app-context.js';
import type { RunRecord } from '../state/state-store.js';
import { resetIdsOf, resetTransferredOrders } from '../app/order-reset.js';
import { tr, type MessageKey } from '../i18n/catalogue.js';
import { errorMessage, RunLockedError } from '../errors.js';
import { printJson, printLine } from './output.js';
import type { PreviewReport } from '../actions/preview/report.js';
import { profileFor } from './profile-commands.js';

interface ActionCommand {
  group: string;
  name: string;
  action: string;
  /** Help text key: rendered when the program is built, in the application's language. */
  description: MessageKey;
  newOnly?: boolean;
  /** `--reconcile`: compare with what the shop holds and correct drift (issue 7). */
  reconcile?: boolean;
  orderOptions?: boolean;
  since?: boolean;
  /** `--codes A,B`: only those articles (stock following sales, stock-follow.ts). */
  codes?: boolean;
}

const COMMANDS: ActionCommand[] = [
  { group: 'products', name: 'export', action: 'products.export', description: 'help.exportProductsAndCategories', newOnly: true, reconcile: true },
  { group: 'products', name: 'prices', action: 'products.prices', description: 'help.updatePrices', reconcile: true },
  { group: 'products', name: 'stocks', action: 'products.stocks', description: 'help.updateStock', reconcile: true, codes: true },
  { group: 'products', name: 'status', action: 'products.status', description: 'help.enableOrDisableProducts', reconcile: true },
  { group: 'categories', name: 'export', action: 'categories.export', description: 'help.exportCategories' },
  { group: 'customers', name: 'export', action: 'customers.export', description: 'help.exportCustomers', newOnly: true, reconcile: true },
  { group: 'customers', name: 'groups', action: 'customers.groups', description: 'help.exportCustomerGroups' },
  { group: 'customers', name: 'disable', action: 'customers.disable', description: 'help.disableDormantOrBlockedCustomers' },
  { group: 'orders', name: 'import', action: 'orders.import', description: 'help.importOrdersCmd01', orderOptions: true },
  { group: 'orders', name: 'repair', action: 'orders.repair', description: 'help.repairTransferredorderKeysFromThe' },
  { group: 'orders', name: 'status', action: 'orders.status', description: 'help.sendStatusAndDocumentNumber' },
  { group: 'prospects', name: 'import', action: 'prospects.import', description: 'help.importCustomersWithoutOrdersAs', since: true },
  { group: 'shop', name: 'check', action: 'shop.check', description: 'help.testTheShopConnection' },
];

/** Exit code of the process: the most serious outcome of the runs it made (`check` runs two). */
function noteExitCode(status: RunRecord['status']): void {
  const current = typeof process.exitCode === 'number' ? process.exitCode : 0;
  process.exitCode = worseExitCode(current, exitCodeOf(status));
}

/** How long a command waits for another process's run of its profile (a schedule, a stock follow-up) before giving up. */
export const PROFILE_WAIT_MS = 120_000;
const PROFILE_RETRY_MS = 1_000;

/**
 * Starts the run, waiting while another process runs the same profile: two scheduled commands, or
 * an import while another process's stock follow-up updates this profile, take turns instead of
 * one failing. Said once on stderr (stdout stays the journal or the JSON); past the wait, refused.
 */
async function whenProfileFree<T>(start: () => Promise<T>, signal: AbortSignal): Promise<T> {
  const deadline = Date.now() + PROFILE_WAIT_MS;
  let said = false;
  for (;;) {
    try {
      return await start();
    } catch (err) {
      if (!(err instanceof RunLockedError) || signal.aborted || Date.now() + PROFILE_RETRY_MS > deadline) throw err;
      if (!said) {
        process.stderr.write(tr('cli.waitingForProfile', { reason: errorMessage(err), seconds: String(PROFILE_WAIT_MS / 1000) }) + '\n');
        said = true;
      }
      // Ctrl-C ends the wait at once; the next attempt then gives up.
      await delay(PROFILE_RETRY_MS, undefined, { signal }).catch(() => undefined);
    }
  }
}

/**
 * Runs an action for the CLI: the journal live on the terminal (or the run record as
 * JSON), and the exit code of its status (0 succeeded, 3 partial, 1 failed, 130
 * interrupted; run-status.ts). Ctrl-C or SIGTERM during the run aborts it: the run is
 * journalled and recorded interrupted, its lock released, and the process exits 130
 * without waiting for requests still winding down. A second Ctrl-C exits at once.
 */
export async function runFromCli(
  app: AppContext,
  o: { profile?: string; action: string; params?: Record<string, unknown>; json?: boolean; trigger?: string; onStarted?: (runId: number) => void; preview?: boolean },
): Promise<RunRecord> {
  const abort = new AbortController();
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    if (abort.signal.aborted) process.exit(exitCodeOf('interrupted'));
    abort.abort(new RunInterrupted(signal));
  };
  const onSigint = () => onSignal('SIGINT');
  const onSigterm = () => onSignal('SIGTERM');
  process.on('SIGINT', onSigint);
  process.on('SIGTERM', onSigterm);
  let record: RunRecord;
  let report: PreviewReport | null = null;
  try {
    record = await whenProfileFree(() => runAction(app, {
      profile: profileFor(app, o.profile), action: o.action, params: o.params ?? {}, signal: abort.signal, trigger: o.trigger, onStarted: o.onStarted,
      onEntry: o.json ? undefined : (e) => printLine(e.line),
      // --dry-run: the journal shows the report as it ends; --json prints it as data.
      preview: o.preview === true, onReport: (r) => (report = r),
    }), abort.signal);
  } finally {
    process.off('SIGINT', onSigint);
    process.off('SIGTERM', onSigterm);
  }
  if (o.json) printJson(o.preview ? { record, preview: report } : record);
  noteExitCode(record.status);
  if (record.status === 'interrupted') {
    // The abandoned action may still hold sockets or timers: the run is recorded, leave now.
    app.close();
    await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
    process.exit(exitCodeOf('interrupted'));
  }
  return record;
}

export function registerActionCommands(program: Command, app: () => AppContext): void {
  registerOrderReset(program, app);
  const groups = new Map<string, Command>();
  for (const c of COMMANDS) {
    let group = groups.get(c.group);
    if (!group) {
      group = program.commands.find((x) => x.name() === c.group) ?? program.command(c.group).description(`${c.group}`);
      groups.set(c.group, group);
    }
    const cmd = group
      .command(c.name)
      .description(tr(c.description))
      .option('--profile <name>', tr('help.profileDefaultTheDefaultProfile'))
      .option('--json', tr('help.printTheRunRecordAs'), false)
      .option('--dry-run', tr('preview.dryRunOption'), false);
    if (c.newOnly) cmd.option('--new-only', tr('help.newOnesOnly'), false);
    if (c.reconcile) cmd.option('--reconcile', tr('reconcile.cliOption'), false);
    if (c.orderOptions) {
      cmd
        .option('--period <period>', tr('help.period'))
        .option('--from <date>', tr('help.fromDate'))
        .option('--to <date>', tr('help.toDate'))
        .option('--ids <ids>', tr('help.orderIds'))
        .option('--include-transferred', tr('help.includeOrdersAlreadyTransferred'), false)
        .option('--update-stock', tr('help.updateShopStockAfterwards'), false);
    }
    if (c.since) cmd.option('--since <date>', tr('help.createdOrChangedSince'));
    if (c.codes) cmd.option('--codes <codes>', tr('stockFollow.cliCodes'));
    cmd.action(async (opts: { profile?: string; json: boolean; dryRun: boolean; newOnly?: boolean; reconcile?: boolean; period?: string; from?: string; to?: string; ids?: string; includeTransferred?: boolean; updateStock?: boolean; since?: string; codes?: string }) => {
      const a = app();
      const params: Record<string, unknown> = {};
      if (opts.newOnly) params.newOnly = true;
      if (opts.reconcile) params.reconcile = true;
      if (opts.period) params.period = opts.period;
      if (opts.from) params.from = opts.from;
      if (opts.to) params.to = opts.to;
      if (opts.ids !== undefined) params.orderIds = opts.ids;
      if (opts.includeTransferred) params.includeTransferred = true;
      if (opts.updateStock) params.updateStock = true;
      if (opts.since) params.since = opts.since;
      if (opts.codes !== undefined) params.codes = opts.codes;
      await runFromCli(a, { profile: opts.profile, action: c.action, params, json: opts.json, preview: opts.dryRun });
    });
  }
}

/** `orders reset --ids 124,3,48|ALL` (CMD-13): the orders become importable again. */
function registerOrderReset(program: Command, app: () => AppContext): void {
  const orders = program.commands.find((x) => x.name() === 'orders') ?? program.command('orders').description(tr('help.orders'));
  orders
    .command('reset')
    .description(tr('help.makeOrdersImportableAgain'))
    .requiredOption('--ids <ids>', tr('help.commaseparatedIdsOrAll'))
    .option('--profile <name>', tr('help.profile'))
    .action(async (opts: { ids: string; profile?: string }) => {
      const a = app();
      const profile = a.profiles.load(profileFor(a, opts.profile));
      const r = await resetTransferredOrders(a, profile, resetIdsOf(opts.ids));
      printLine(tr('cli.ordersReset', { n: r.count }));
      for (const s of r.stillInGesCom) printLine(tr('ordersView.reset.stillInGesCom', { order: s.orderId, number: s.documentNumber }));
    });
  orders
    .command('load-xml <file>')
    .description(tr('help.importTheOrdersOfAn'))
    .option('--profile <name>', tr('help.profile'))
    .option('--include-transferred', tr('help.includeOrdersAlreadyTransferred'), false)
    .option('--dry-run', tr('preview.dryRunOption'), false)
    .option('--json', tr('help.printTheRunRecordAs'), false)
    .action(async (file: string, opts: { profile?: string; includeTransferred: boolean; dryRun: boolean; json: boolean }) => {
      await runFromCli(app(), {
        profile: opts.profile, action: 'orders.load-xml', params: { file: path.resolve(file), includeTransferred: opts.includeTransferred },
        preview: opts.dryRun, json: opts.json,
      });
    });
}
