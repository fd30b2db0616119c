/**
 * The Dockerfile: no image registry is reachable here, so it is linted (dockerfile-utils) and
 * checked for what matters (non-root user, data folder as a volume, no secret baked in, the
 * service off loopback with its health check), and every file it copies exists. It is not built.
 */
import fs from 'node:fs';
import path from 'node:path';
import { validate } from 'dockerfile-utils';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../support/e2e-cli.js';

const dockerfile = fs.readFileSync(path.join(ROOT, 'Dockerfile'), 'utf8');
const dockerignore = fs.readFileSync(path.join(ROOT, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

/** Instructions with their continuation lines joined, comments left out. */
const instructions = dockerfile.replace(/\\\n/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
  .map((l) => ({ op: l.split(/\s+/)[0]!.toUpperCase(), args: l.slice(l.indexOf(' ') + 1).trim() }));
/** The instructions of the last stage: what the image runs with. */
const finalStage = instructions.slice(instructions.map((i) => i.op).lastIndexOf('FROM'));

describe('Dockerfile', () => {
  it('lints clean', () => {
    expect(validate(dockerfile)).toEqual([]);
  });

  it('builds on node:20-bookworm-slim with npm ci and the build, and runs as a non-root user', () => {
    expect(instructions.filter((i) => i.op === 'FROM').map((i) => i.args.split(' ')[0])).toEqual(['node:20-bookworm-slim', 'node:20-bookworm-slim']);
    expect(instructions.some((i) => i.op === 'RUN' && /\bnpm ci\b/.test(i.args))).toBe(true);
    expect(instructions.some((i) => i.op === 'RUN' && /\bnpm run build\b/.test(i.args))).toBe(true);
    const users = finalStage.filter((i) => i.op === 'USER').map((i) => i.args);
    expect(users).toHaveLength(1);
    expect(users[0]).not.toMatch(/^(root|0)(:|$)/);
    // Nothing runs as root after the user switch.
    const userAt = finalStage.findIndex((i) => i.op === 'USER');
    expect(finalStage.slice(userAt).filter((i) => i.op === 'RUN')).toEqual([]);
  });

  it('keeps the data folder in a volume the user owns, listens off loopback, checks its health', () => {
    const env = finalStage.filter((i) => i.op === 'ENV').map((i) => i.args).join(' ');
    expect(env).toMatch(/PASSERELLE_DATA_DIR=\/data\b/);
    expect(finalStage.find((i) => i.op === 'VOLUME')?.args).toBe('["/data"]');
    expect(finalStage.some((i) => i.op === 'RUN' && i.args.includes('chown node:node /data'))).toBe(true);
    expect(finalStage.find((i) => i.op === 'EXPOSE')?.args).toBe('8640');
    expect(finalStage.find((i) => i.op === 'HEALTHCHECK')?.args).toContain('CMD ["node", "dist/src/cli/main.js", "service", "health"]');
    expect(finalStage.find((i) => i.op === 'ENTRYPOINT')?.args).toBe('["node", "dist/src/cli/main.js"]');
    expect(finalStage.find((i) => i.op === 'CMD')?.args).toBe('["serve", "--host", "0.0.0.0"]');
  });

  it('bakes no secret in: no token, key or password in ENV/ARG, no data folder file copied', () => {
    for (const i of instructions.filter((x) => x.op === 'ENV' || x.op === 'ARG')) {
      expect(i.args, i.args).not.toMatch(/(TOKEN|SECRET|PASSWORD|KEY)[A-Z_]*=/i);
    }
    for (const i of instructions.filter((x) => x.op === 'COPY' || x.op === 'ADD')) {
      expect(i.args, i.args).not.toMatch(/secret\.key|service-token|settings\.json|state\.db|profiles|\.env\b/);
    }
    for (const pattern of ['node_modules', 'dist', '.git', 'secret.key', 'service-token', 'profiles', 'journals', '*.db', '.env']) {
      expect(dockerignore, pattern).toContain(pattern);
    }
  });

  it('copies files that exist in the repository', () => {
    const sources = instructions.filter((i) => i.op === 'COPY' && !i.args.startsWith('--from'))
      .flatMap((i) => i.args.split(/\s+/).slice(0, -1));
    expect(sources.length).toBeGreaterThan(3);
    for (const s of sources) expect(fs.existsSync(path.join(ROOT, s)), s).toBe(true);
  });
});
