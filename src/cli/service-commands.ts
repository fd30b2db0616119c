/**
 * Running unattended: `passerelle purge` (retention), `passerelle service install` (systemd unit,
 * launchd agent, Windows steps), `passerelle service token` (the access token off loopback) and
 * `passerelle service health` (the container's health check).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { AppContext } from '../app/app-context.js';
import { purgeProfiles } from '../app/purge.js';
import { writeFileAtomic } from '../config/data-dir.js';
import { ConfigError } from '../errors.js';
import { msg, tr } from '../i18n/catalogue.js';
import { isLoopback } from '../service/access.js';
import { generateToken, removeToken, resolveToken, storedTokenFile } from '../service/access-token.js';
import { LAUNCHD_LABEL, launchdPlist, systemdUnit, windowsCommands, type ServiceSpec } from '../service/service-unit.js';
import { printJson, printLine, printNote } from './output.js';
import { profileFor } from './profile-commands.js';

/** serve.ts on demand: it loads the whole service (fastify and its plugins), which every other command would pay for. */
const servePort = () => import('./serve.js');

const PLATFORMS = ['linux', 'macos', 'windows'] as const;
type Platform = (typeof PLATFORMS)[number];

function currentPlatform(): Platform {
  return process.platform === 'win32' ? 'windows' : process.platform === 'darwin' ? 'macos' : 'linux';
}

interface InstallOptions {
  output?: string;
  system: boolean;
  platform?: string;
  host: string;
  port: string;
  tokenFile?: string;
}

async function install(app: AppContext, opts: InstallOptions): Promise<void> {
  const platform = (opts.platform ?? currentPlatform()) as Platform;
  if (!PLATFORMS.includes(platform)) throw new ConfigError(msg('ops.install.platform', { value: platform, accepted: PLATFORMS.join(', ') }), 'service install', 'platform');
  const port = (await servePort()).parsePort(opts.port);
  const tokenFile = opts.tokenFile ? path.resolve(opts.tokenFile) : undefined;
  // The unit runs without the caller's environment: off loopback it needs a token file or the stored token.
  if (!isLoopback(opts.host) && !tokenFile && !fs.existsSync(storedTokenFile(app))) {
    throw new ConfigError(msg('ops.install.tokenRequired', { host: opts.host }), 'service install', 'token');
  }
  const cli = fileURLToPath(new URL('./main.js', import.meta.url));
  const spec: ServiceSpec = {
    node: process.execPath, cli, dataDir: path.resolve(app.dir.root), host: opts.host, port, tokenFile,
    workDir: path.resolve(path.dirname(cli), '..', '..', '..'), user: opts.system ? os.userInfo().username : undefined,
  };
  const home = os.homedir();
  if (platform === 'linux') {
    const config = process.env.XDG_CONFIG_HOME || path.join(home, '.config');
    const unitDir = opts.system ? '/etc/systemd/system' : path.join(config, 'systemd', 'user');
    const file = path.resolve(opts.output ?? path.join(unitDir, 'passerelle.service'));
    writeFileAtomic(file, systemdUnit(spec), 0o644);
    printLine(tr('ops.install.unitWritten', { file }));
    printLine(tr('ops.install.then'));
    const ctl = opts.system ? 'sudo systemctl' : 'systemctl --user';
    const unit = path.basename(file);
    // A unit written elsewhere (--output) is copied where systemd looks first.
    if (path.dirname(file) !== path.resolve(unitDir)) printLine(`  ${opts.system ? 'sudo ' : ''}cp ${file} ${unitDir}/`);
    printLine(`  ${ctl} daemon-reload`);
    printLine(`  ${ctl} enable --now ${unit}`);
    if (!opts.system) printLine(`  loginctl enable-linger ${os.userInfo().username}    # ${tr('ops.install.linger')}`);
    printLine(`  ${opts.system ? 'journalctl -u' : 'journalctl --user -u'} ${unit} -f`);
    return;
  }
  if (platform === 'macos') {
    const file = path.resolve(opts.output ?? path.join(home, 'Library', 'LaunchAgents', `${LAUNCHD_LABEL}.plist`));
    writeFileAtomic(file, launchdPlist(spec, path.join(home, 'Library', 'Logs', 'passerelle.log')), 0o644);
    printLine(tr('ops.install.plistWritten', { file }));
    printLine(tr('ops.install.then'));
    printLine(`  launchctl bootstrap gui/$(id -u) ${file}`);
    printLine(`  launchctl kickstart -k gui/$(id -u)/${LAUNCHD_LABEL}`);
    return;
  }
  const win = windowsCommands(spec);
  printLine(tr('ops.install.windowsNssm'));
  for (const l of win.nssm) printLine(`  ${l}`);
  printLine(tr('ops.install.windowsTask'));
  for (const l of win.task) printLine(`  ${l}`);
}

export function registerServiceCommands(program: Command, app: () => AppContext): void {
  program
    .command('purge')
    .description(tr('help.ops.purge'))
    .option('--profile <name>', tr('help.ops.purgeProfile'))
    .option('--json', tr('help.jsonOutput'), false)
    .action((opts: { profile?: string; json: boolean }) => {
      const a = app();
      const names = opts.profile ? [profileFor(a, opts.profile)] : a.profiles.list();
      const reports = purgeProfiles(a, names);
      if (opts.json) return printJson(reports);
      for (const r of reports) {
        if (r.cutoff === null) {
          printLine(tr('ops.purge.keptForever', { profile: r.profile }));
          continue;
        }
        printLine(tr('ops.purge.line', {
          profile: r.profile, runs: r.runs, files: r.filesDeleted.length, lines: r.linesDropped, days: r.retentionDays, cutoff: r.cutoff.slice(0, 10),
        }));
        if (r.currentSkipped) printNote(tr('ops.purge.currentSkipped', { profile: r.profile }));
      }
    });

  const service = program.command('service').description(tr('help.ops.service'));

  service
    .command('install')
    .description(tr('help.ops.install'))
    .option('--output <path>', tr('help.ops.installOutput'))
    .option('--system', tr('help.ops.installSystem'), false)
    .option('--platform <os>', tr('help.ops.installPlatform'))
    .option('--host <host>', tr('help.listenAddress'), '127.0.0.1')
    .option('--port <port>', tr('help.port'), process.env.PASSERELLE_PORT ?? '8640')
    .option('--token-file <path>', tr('help.ops.tokenFile'))
    .action((opts: InstallOptions) => install(app(), opts));

  service
    .command('token')
    .description(tr('help.ops.token'))
    .option('--remove', tr('help.ops.tokenRemove'), false)
    .action((opts: { remove: boolean }) => {
      const a = app();
      if (opts.remove) {
        printLine(tr(removeToken(a) ? 'ops.token.removed' : 'ops.token.none'));
        return;
      }
      const token = generateToken(a);
      // The only time the token is shown: stdout alone, so that `> file` keeps it and nothing else.
      printNote(tr('ops.token.generated', { file: storedTokenFile(a) }));
      printLine(token);
    });

  service
    .command('health')
    .description(tr('help.ops.health'))
    .option('--url <url>', tr('help.ops.healthUrl'))
    .option('--token-file <path>', tr('help.ops.tokenFile'))
    .action(async (opts: { url?: string; tokenFile?: string }) => {
      const a = app();
      const url = opts.url ?? `http://127.0.0.1:${(await servePort()).parsePort(process.env.PASSERELLE_PORT ?? '8640')}/api/health`;
      const token = resolveToken(a, { tokenFile: opts.tokenFile });
      let status: number;
      let body: { status?: string; message?: string };
      try {
        const res = await fetch(url, { headers: token ? { authorization: `Bearer ${token.token}` } : {}, signal: AbortSignal.timeout(10_000) });
        status = res.status;
        body = (await res.json().catch(() => ({}))) as typeof body;
      } catch (err) {
        throw new ConfigError(msg('ops.health.unreachable', { url, detail: (err as Error).cause ? String((err as { cause: unknown }).cause) : (err as Error).message }), 'service', 'url');
      }
      if (status !== 200 || body.status !== 'ok') {
        throw new ConfigError(msg('ops.health.bad', { url, status, detail: body.message ?? '' }), 'service', 'health');
      }
      printLine(tr('ops.health.ok', { url }));
    });
}
