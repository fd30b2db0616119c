/**
 * The README's commands are tested (issue 7). Every fenced block is either `sh` (runnable
 * as written) or `text` (a synopsis). All `sh` blocks run in README order as one bash
 * script in a temporary folder with a temporary data folder, `passerelle` being the
 * built CLI (a PATH shim): each line must exit 0, or the code its comment states
 * (`# exit 1: …`), and print what its comment says (`# prints "…"`). Servers the README
 * starts (`npm start`, `npm run simulator -- …`) run in the background and are stopped
 * at the end; their README ports are swapped for free ones so parallel runs never clash.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, CLI, distModule, makeTempDir, removeTempDirs, requireBuild, ROOT } from './support/e2e-cli.js';

type OptionsModule = typeof import('../src/profile/options.js');

const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/**
 * `npm …` lines the test does not run as such, and why. The others map to the built
 * files directly (`npm start` = `node dist/src/cli/main.js serve`: the build is done
 * once before the suite, and rebuilding dist while other test files run would break them).
 */
const NPM_SKIPPED: Record<string, string> = {
  install: 'installs the dependencies: the suite already runs on them',
  test: 'runs this very suite (it would recurse)',
  'run bench': 'a benchmark measures for minutes on purpose; it is not an example to check',
};

interface Block {
  lang: string;
  /** 1-based README line of the opening fence. */
  line: number;
  body: string[];
}

function blocks(markdown: string): Block[] {
  const out: Block[] = [];
  let open: Block | null = null;
  markdown.split('\n').forEach((text, i) => {
    const fence = /^```(\S*)\s*$/.exec(text);
    if (!fence) {
      open?.body.push(text);
      return;
    }
    if (open) {
      out.push(open);
      open = null;
    } else {
      open = { lang: fence[1]!, line: i + 1, body: [] };
    }
  });
  if (open) throw new Error(`README: the block opened line ${(open as Block).line} is never closed`);
  return out;
}

interface Command {
  /** README line where the command starts. */
  line: number;
  /** The command as the README writes it, continuation lines joined. */
  text: string;
  exit: number;
  prints: string[];
}

/** The commands of an `sh` block: continuation lines joined, blank and comment-only lines left out. */
function commands(block: Block): Command[] {
  const out: Command[] = [];
  let pending: { line: number; parts: string[] } | null = null;
  block.body.forEach((raw, i) => {
    const line = block.line + 1 + i;
    if (!pending && (raw.trim() === '' || raw.trim().startsWith('#'))) return;
    pending ??= { line, parts: [] };
    if (raw.endsWith('\\')) {
      pending.parts.push(raw.slice(0, -1));
      return;
    }
    pending.parts.push(raw);
    const text = pending.parts.join(' ');
    const comment = /\s#\s(.*)$/.exec(text)?.[1] ?? '';
    const exit = /\bexit (\d+)\b/.exec(comment);
    const prints = [...comment.matchAll(/\bprints (?:"([^"]*)"|'([^']*)')/g)].map((m) => m[1] ?? m[2]!);
    out.push({ line: pending.line, text, exit: exit ? Number(exit[1]) : 0, prints });
    pending = null;
  });
  return out;
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((resolve) => s.close(() => resolve()));
  return port;
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Shell functions the README lines run with: `npm` mapped to the built files, background servers. */
function prelude(logs: string, ports: { service: number }): string {
  const node = q(process.execPath);
  const skipCases = Object.entries(NPM_SKIPPED).map(([what, why]) => {
    const [first, second] = what.split(' ');
    return second
      ? `    "${first} ${second}") echo "readme test: npm ${what} skipped: ${why}"; return 0;;`
      : `    "${first} "*|"${first}") echo "readme test: npm ${what} skipped: ${why}"; return 0;;`;
  }).join('\n');
  return `set -o pipefail
__LOGS=${q(logs)}
# Starts a server in the background and waits (60 s at most) for the line saying it is up.
__bg() {
  local name=$1; shift
  "$@" > "$__LOGS/$name.log" 2>&1 &
  local pid=$!
  echo "$pid" >> "$__LOGS/pids"
  for _ in $(seq 1 600); do
    if grep -qE 'consumer key|écoute sur|listening on' "$__LOGS/$name.log"; then cat "$__LOGS/$name.log"; return 0; fi
    if ! kill -0 "$pid" 2>/dev/null; then cat "$__LOGS/$name.log" >&2; return 1; fi
    sleep 0.1
  done
  echo "readme test: $name did not start" >&2; return 1
}
# A machine without curl (a bare CI image): the README's \`curl -s URL\` through Node's fetch.
if ! command -v curl >/dev/null; then
  curl() { ${node} -e 'fetch(process.argv[process.argv.length - 1]).then((r) => r.text()).then((t) => process.stdout.write(t))' -- "$@"; }
fi
npm() {
  local sub="$1 $2"
  case "$sub" in
${skipCases}
    "start "*|"start") __bg service ${node} ${q(CLI)} serve --port ${ports.service};;
    "run simulator") shift 2; [ "$1" = "--" ] && shift; __bg "simulator-$1" ${node} ${q(path.join(ROOT, 'dist/test/simulators/cli.js'))} "$@";;
    "run passerelle") shift 2; [ "$1" = "--" ] && shift; ${node} ${q(CLI)} "$@";;
    *) echo "readme test: npm $* is not handled: add it to test/readme.test.ts or mark the block text" >&2; return 98;;
  esac
}
`;
}

interface ScriptRun {
  code: number | null;
  /** Output of each README command, by its README line. */
  outputs: Map<number, { stdout: string; stderr: string }>;
  stdout: string;
  stderr: string;
}

function runScript(script: string, cwd: string, env: NodeJS.ProcessEnv, timeoutMs: number): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }, timeoutMs);
    child.on('error', reject);
    // 'exit', not 'close': background servers may still hold inherited descriptors.
    child.on('exit', (code) => {
      clearTimeout(timer);
      // Let the last chunks arrive.
      setTimeout(() => {
        const outputs = new Map<number, { stdout: string; stderr: string }>();
        const split = (text: string, key: 'stdout' | 'stderr') => {
          for (const part of text.split(/^@@README /m).slice(1)) {
            const nl = part.indexOf('\n');
            const line = Number(part.slice(0, nl));
            const entry = outputs.get(line) ?? { stdout: '', stderr: '' };
            entry[key] = part.slice(nl + 1);
            outputs.set(line, entry);
          }
        };
        split(stdout, 'stdout');
        split(stderr, 'stderr');
        resolve({ code, outputs, stdout, stderr });
      }, 200);
    });
  });
}

/** Stops the background servers: SIGTERM, then SIGKILL after 10 s. */
async function stopServers(pidFile: string): Promise<void> {
  if (!fs.existsSync(pidFile)) return;
  const pids = fs.readFileSync(pidFile, 'utf8').split('\n').filter(Boolean).map(Number);
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGTERM');
  const started = Date.now();
  while (pids.some(alive) && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 100));
  for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
}

const all = blocks(README);
const sh = all.filter((b) => b.lang === 'sh');
const shCommands = sh.flatMap(commands);

describe('README blocks', () => {
  it('every fenced block is sh (runnable) or text (synopsis)', () => {
    expect(all.filter((b) => b.lang !== 'sh' && b.lang !== 'text').map((b) => `line ${b.line}: \`\`\`${b.lang}`)).toEqual([]);
    expect(sh.length).toBeGreaterThan(5);
  });

  it('sh blocks hold no synopsis notation: no [--optional] part, no … or <placeholder>', () => {
    const synopsis = shCommands.filter((c) => {
      const code = c.text.replace(/\s#\s.*$/, '');
      return /\s\[-|…|<[a-z][a-z ]*>/.test(code);
    });
    expect(synopsis.map((c) => `README line ${c.line}: ${c.text}`)).toEqual([]);
  });

  it('the option count the README states is the schema\'s', async () => {
    const { listOptions } = await distModule<OptionsModule>('src/profile/options.js');
    const stated = /(\d+) options, each with a default/.exec(README);
    expect(stated, 'README: "N options, each with a default" not found').not.toBeNull();
    expect(Number(stated![1])).toBe(listOptions().length);
  });
});

describe('README sh blocks, run in order', () => {
  let work: string;
  let logs: string;
  let run: ScriptRun;
  let script: string;

  beforeAll(async () => {
    requireBuild();
    work = makeTempDir('passerelle-readme-');
    logs = path.join(work, '.logs');
    const cwd = path.join(work, 'cwd');
    const bin = path.join(work, 'bin');
    for (const d of [logs, cwd, bin]) fs.mkdirSync(d, { recursive: true });
    fs.writeFileSync(path.join(bin, 'passerelle'), `#!/bin/sh\nexec ${q(process.execPath)} ${q(CLI)} "$@"\n`, { mode: 0o755 });

    // The README's ports, as free ones: the simulators' 8081 (WooCommerce) and 8082 (PrestaShop), the service's 8640.
    const ports = { simulator: await freePort(), simulator2: await freePort(), service: await freePort() };
    const body = shCommands.map((c) => {
      const text = c.text.replace(/\b8081\b/g, String(ports.simulator)).replace(/\b8082\b/g, String(ports.simulator2))
        .replace(/\b8640\b/g, String(ports.service));
      return [
        `echo "@@README ${c.line}"; echo "@@README ${c.line}" >&2`,
        text,
        `__rc=$?; if [ "$__rc" -ne ${c.exit} ]; then echo "@@FAILED README line ${c.line}: exit $__rc, expected ${c.exit}" >&2; exit 97; fi`,
      ].join('\n');
    }).join('\n');
    script = `${prelude(logs, ports)}\n${body}\necho "@@README END"\n`;
    const env = childEnv({ PASSERELLE_DATA_DIR: path.join(work, 'data'), PATH: `${bin}${path.delimiter}${process.env.PATH ?? ''}` });
    try {
      run = await runScript(script, cwd, env, 420_000);
    } finally {
      await stopServers(path.join(logs, 'pids'));
    }
  }, 480_000);

  afterAll(() => removeTempDirs());

  it('every line exits with the code its comment states (0 unless "exit N")', () => {
    const failed = /@@FAILED (.*)/.exec(run.stderr)?.[1];
    const at = failed ? Number(/line (\d+)/.exec(failed)?.[1]) : undefined;
    const out = at !== undefined ? run.outputs.get(at) : undefined;
    expect(failed ? `${failed}\n--- stdout\n${out?.stdout ?? ''}\n--- stderr\n${out?.stderr ?? ''}` : null).toBeNull();
    expect(run.code, run.stderr.slice(-4000)).toBe(0);
    expect(run.stdout).toContain('@@README END');
  });

  it('every line prints what its comment says', () => {
    const missing: string[] = [];
    for (const c of shCommands) {
      const out = run.outputs.get(c.line);
      for (const p of c.prints) if (!out?.stdout.includes(p)) missing.push(`README line ${c.line}: "${p}" not in:\n${out?.stdout ?? '(not run)'}`);
    }
    expect(missing).toEqual([]);
  });

  it('a line expected to fail says why in one line on stderr, never a stack trace', () => {
    for (const c of shCommands.filter((x) => x.exit !== 0)) {
      const err = run.outputs.get(c.line)?.stderr ?? '';
      expect(err.split('\n').filter(Boolean), `README line ${c.line}`).toHaveLength(1);
      expect(err, `README line ${c.line}`).toMatch(/^passerelle: /);
    }
  });

  it('the skipped npm commands are the ones listed with their reason', () => {
    const skipped = [...run.stdout.matchAll(/readme test: npm (.+?) skipped: /g)].map((m) => m[1]);
    expect(new Set(skipped)).toEqual(new Set(['install', 'test']));
  });
});
