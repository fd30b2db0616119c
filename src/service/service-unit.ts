/**
 * What runs the service unattended on each OS: a systemd unit (Linux), a launchd agent (macOS),
 * the commands for NSSM or a scheduled task (Windows). Each starts the same command line: this
 * Node, this build's CLI, the data folder, `serve` with its address.
 */
export interface ServiceSpec {
  /** Absolute path of the node executable. */
  node: string;
  /** Absolute path of dist/src/cli/main.js. */
  cli: string;
  dataDir: string;
  host: string;
  port: number;
  tokenFile?: string;
  /** Where the project lives (working directory). */
  workDir: string;
  /** A system unit runs as this user; none: a user unit. */
  user?: string;
}

/** The arguments after node: the CLI, the data folder, serve and its options. */
export function serveArgs(spec: ServiceSpec): string[] {
  const args = [spec.cli, '--data-dir', spec.dataDir, 'serve', '--host', spec.host, '--port', String(spec.port)];
  if (spec.tokenFile) args.push('--token-file', spec.tokenFile);
  return args;
}

/** systemd: double quotes around any word with a space or quote; % doubled (systemd's specifier sign). */
function systemdWord(word: string): string {
  const w = word.replace(/%/g, '%%');
  return /[\s"'\\]/.test(w) ? `"${w.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"` : w;
}

/**
 * The unit. SIGTERM lets the service record its runs in progress interrupted before it exits;
 * TimeoutStopSec leaves it the time to finish the entity at hand before systemd kills it.
 */
export function systemdUnit(spec: ServiceSpec): string {
  return [
    '[Unit]',
    'Description=Passerelle: GesCom and online shops connector (service)',
    'After=network-online.target',
    'Wants=network-online.target',
    '',
    '[Service]',
    'Type=simple',
    ...(spec.user ? [`User=${spec.user}`] : []),
    `WorkingDirectory=${systemdWord(spec.workDir)}`,
    `ExecStart=${[spec.node, ...serveArgs(spec)].map(systemdWord).join(' ')}`,
    'Environment=NODE_ENV=production',
    'Restart=on-failure',
    'RestartSec=10',
    'KillSignal=SIGTERM',
    'KillMode=mixed',
    'TimeoutStopSec=120',
    'NoNewPrivileges=true',
    '',
    '[Install]',
    `WantedBy=${spec.user ? 'multi-user.target' : 'default.target'}`,
    '',
  ].join('\n');
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const LAUNCHD_LABEL = 'org.passerelle.serve';

/** A launchd agent (~/Library/LaunchAgents): started at login, restarted when it fails. */
export function launchdPlist(spec: ServiceSpec, logFile: string): string {
  const args = [spec.node, ...serveArgs(spec)].map((a) => `    <string>${xml(a)}</string>`).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
  <key>Label</key>
  <string>${LAUNCHD_LABEL}</string>
  <key>ProgramArguments</key>
  <array>
${args}
  </array>
  <key>WorkingDirectory</key>
  <string>${xml(spec.workDir)}</string>
  <key>RunAtLoad</key>
  <true/>
  <key>KeepAlive</key>
  <dict>
    <key>SuccessfulExit</key>
    <false/>
  </dict>
  <key>ExitTimeOut</key>
  <integer>120</integer>
  <key>StandardOutPath</key>
  <string>${xml(logFile)}</string>
  <key>StandardErrorPath</key>
  <string>${xml(logFile)}</string>
</dict>
</plist>
`;
}

/** Windows quoting for cmd/PowerShell lines: double quotes around words with spaces. */
const winWord = (w: string) => (/[\s"]/.test(w) ? `"${w.replace(/"/g, '\\"')}"` : w);

/** NSSM (a service that restarts on failure and stops with Ctrl-C first), or a scheduled task at startup. */
export function windowsCommands(spec: ServiceSpec): { nssm: string[]; task: string[] } {
  const args = serveArgs(spec).map(winWord).join(' ');
  return {
    nssm: [
      `nssm install Passerelle ${winWord(spec.node)} ${args}`,
      `nssm set Passerelle AppDirectory ${winWord(spec.workDir)}`,
      'nssm set Passerelle AppStopMethodConsole 120000',
      'nssm set Passerelle AppExit Default Restart',
      'nssm start Passerelle',
    ],
    task: [
      `schtasks /Create /TN Passerelle /SC ONSTART /RU SYSTEM /RL LIMITED /TR "${winWord(spec.node).replace(/"/g, '\\"')} ${args.replace(/"/g, '\\"')}"`,
      'schtasks /Run /TN Passerelle',
    ],
  };
}
