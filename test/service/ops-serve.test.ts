/**
 * The built CLI: `serve` off loopback refuses to start without an access token and requires it
 * once started; `service token` shows a token once and keeps it encrypted; `service health`
 * answers for a running service; `service install` writes the unit systemd needs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { until } from '../support/until.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childEnv, CLI, makeTempDir, removeTempDirs, requireBuild, ROOT, runCli, startService } from '../support/e2e-cli.js';

const TOKEN = 'docker-secret-token-0123456789';

beforeAll(() => requireBuild());
afterAll(() => removeTempDirs());

describe('serve off loopback', { timeout: 60_000 }, () => {
  it('refuses to start without a token, with one line saying how to give one', async () => {
    const dataDir = makeTempDir('passerelle-serve-notoken-');
    const res = await runCli(['serve', '--host', '0.0.0.0', '--port', '0'], { dataDir });
    expect(res.code).toBe(1);
    expect(res.stderr).toBe('passerelle: [serve / token] écouter sur 0.0.0.0 (hors boucle locale) exige un jeton d\'accès : --token-file FICHIER, PASSERELLE_TOKEN, PASSERELLE_TOKEN_FILE ou « passerelle service token »\n');
    // Refused before anything was prepared: no demo profile.
    expect(fs.existsSync(path.join(dataDir, 'profiles', 'demo.json'))).toBe(false);
    const short = await runCli(['serve', '--host', '0.0.0.0', '--port', '0'], { dataDir, env: { PASSERELLE_TOKEN: 'short' } });
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('trop court');
  });

  it('starts with PASSERELLE_TOKEN_FILE and requires the token on /api; `service health` passes with it', async () => {
    const dataDir = makeTempDir('passerelle-serve-token-');
    const tokenFile = path.join(dataDir, '..', `${path.basename(dataDir)}.token`);
    fs.writeFileSync(tokenFile, `${TOKEN}\n`, { mode: 0o600 });
    const service = await startService(process.execPath, [CLI, 'serve', '--host', '0.0.0.0', '--port', '0'], {
      cwd: ROOT, env: childEnv({ PASSERELLE_DATA_DIR: dataDir, PASSERELLE_TOKEN_FILE: tokenFile }), timeoutMs: 30_000,
    });
    try {
      // stderr and stdout are two pipes: the note may be read after the listening line.
      await until('the token note', () => service.output().includes("Jeton d'accès exigé"));
      expect(service.output()).toContain("Jeton d'accès exigé sur /api et /metrics (source : PASSERELLE_TOKEN_FILE)");
      expect(service.output()).not.toContain(TOKEN);
      const port = new URL(service.url).port;
      const local = `http://127.0.0.1:${port}`;
      const without = await fetch(`${local}/api/profiles`);
      expect(without.status).toBe(401);
      const withToken = await fetch(`${local}/api/profiles`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(withToken.status).toBe(200);
      expect(await withToken.json()).toEqual([expect.objectContaining({ name: 'demo' })]);

      const health = await runCli(['service', 'health', '--url', `${local}/api/health`], { dataDir, env: { PASSERELLE_TOKEN_FILE: tokenFile } });
      expect(health).toMatchObject({ code: 0, stdout: `Service en bonne santé : ${local}/api/health\n` });
      const refused = await runCli(['service', 'health', '--url', `${local}/api/health`], { dataDir });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('HTTP 401');
    } finally {
      expect((await service.stop()).code).toBe(0);
    }
  });
});

describe('passerelle service token', () => {
  it('shows the token once on stdout, keeps it encrypted, and serve uses it', async () => {
    const dataDir = makeTempDir('passerelle-token-');
    const res = await runCli(['service', 'token'], { dataDir });
    expect(res.code).toBe(0);
    const token = res.stdout.trim();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.stderr).toContain("il n'est affiché que cette fois");
    const stored = fs.readFileSync(path.join(dataDir, 'service-token'), 'utf8');
    expect(stored).toMatch(/^enc:v1:/);
    expect(stored).not.toContain(token);
    expect(fs.statSync(path.join(dataDir, 'service-token')).mode & 0o077).toBe(0);

    const service = await startService(process.execPath, [CLI, 'serve', '--host', '0.0.0.0', '--port', '0'], {
      cwd: ROOT, env: childEnv({ PASSERELLE_DATA_DIR: dataDir }), timeoutMs: 30_000,
    });
    try {
      expect(service.output()).not.toContain(token);
      const local = `http://127.0.0.1:${new URL(service.url).port}`;
      expect((await fetch(`${local}/api/health`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
      expect((await fetch(`${local}/metrics`)).status).toBe(401);
    } finally {
      await service.stop();
    }
    const removed = await runCli(['service', 'token', '--remove'], { dataDir });
    expect(removed.stdout).toBe("Jeton d'accès enregistré supprimé\n");
    expect(fs.existsSync(path.join(dataDir, 'service-token'))).toBe(false);
  }, 60_000);
});

describe('passerelle service install', () => {
  it('writes a systemd user unit with the absolute node and CLI, the data folder, restart and a graceful stop', async () => {
    const dataDir = makeTempDir('passerelle-install-');
    const config = makeTempDir('passerelle-install-config-');
    const res = await runCli(['service', 'install', '--platform', 'linux', '--port', '8650'], { dataDir, env: { XDG_CONFIG_HOME: config } });
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    const file = path.join(config, 'systemd', 'user', 'passerelle.service');
    expect(res.stdout.split('\n')[0]).toBe(`Unité systemd écrite : ${file}`);
    expect(res.stdout).toContain('systemctl --user daemon-reload');
    expect(res.stdout).toContain('systemctl --user enable --now passerelle.service');
    expect(res.stdout).toContain('loginctl enable-linger');
    const unit = fs.readFileSync(file, 'utf8').split('\n');
    expect(unit).toContain(`ExecStart=${process.execPath} ${CLI} --data-dir ${dataDir} serve --host 127.0.0.1 --port 8650`);
    expect(path.isAbsolute(process.execPath) && path.isAbsolute(CLI)).toBe(true);
    for (const l of ['[Service]', 'Restart=on-failure', 'KillSignal=SIGTERM', 'TimeoutStopSec=120', `WorkingDirectory=${ROOT}`, '[Install]', 'WantedBy=default.target']) {
      expect(unit, l).toContain(l);
    }
    expect(unit.some((l) => l.startsWith('User='))).toBe(false);
  });

  it('off loopback, needs a token file (or a stored token) and puts it on the command line; --output and --system', async () => {
    const dataDir = makeTempDir('passerelle-install-host-');
    const refused = await runCli(['service', 'install', '--platform', 'linux', '--host', '0.0.0.0', '--output', path.join(dataDir, 'x.service')], { dataDir });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('passerelle service token');
    expect(fs.existsSync(path.join(dataDir, 'x.service'))).toBe(false);

    const out = path.join(dataDir, 'units', 'passerelle.service');
    const ok = await runCli(['service', 'install', '--platform', 'linux', '--system', '--host', '0.0.0.0', '--token-file', '/run/secrets/pt', '--output', out], { dataDir });
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain(`sudo cp ${out} /etc/systemd/system/`);
    expect(ok.stdout).toContain('sudo systemctl enable --now passerelle.service');
    const unit = fs.readFileSync(out, 'utf8');
    expect(unit).toContain(`--host 0.0.0.0 --port 8640 --token-file /run/secrets/pt\n`);
    expect(unit).toMatch(/^User=\S+$/m);
    expect(unit).toContain('WantedBy=multi-user.target');
  });

  it('a data folder with a space is quoted as systemd reads it', async () => {
    const dataDir = path.join(makeTempDir('passerelle-install-space-'), 'my data');
    const out = path.join(dataDir, 'p.service');
    const ok = await runCli(['service', 'install', '--platform', 'linux', '--output', out], { dataDir });
    expect(ok.code).toBe(0);
    expect(fs.readFileSync(out, 'utf8')).toContain(`--data-dir "${dataDir}" serve`);
  });

  it('prints the Windows steps (NSSM, or a scheduled task) and writes a launchd agent for macOS', async () => {
    const dataDir = makeTempDir('passerelle-install-other-');
    const win = await runCli(['service', 'install', '--platform', 'windows'], { dataDir });
    expect(win.code).toBe(0);
    expect(win.stdout).toContain(`nssm install Passerelle ${process.execPath} ${CLI} --data-dir ${dataDir} serve --host 127.0.0.1 --port 8640`);
    expect(win.stdout).toContain('nssm set Passerelle AppExit Default Restart');
    expect(win.stdout).toContain('schtasks /Create /TN Passerelle /SC ONSTART');

    const plist = path.join(dataDir, 'org.passerelle.serve.plist');
    const mac = await runCli(['service', 'install', '--platform', 'macos', '--output', plist], { dataDir });
    expect(mac.code).toBe(0);
    expect(mac.stdout).toContain(`launchctl bootstrap gui/$(id -u) ${plist}`);
    const xml = fs.readFileSync(plist, 'utf8');
    expect(xml).toContain(`<string>${process.execPath}</string>\n    <string>${CLI}</string>\n    <string>--data-dir</string>\n    <string>${dataDir}</string>\n    <string>serve</string>`);
    expect(xml).toContain('<key>KeepAlive</key>');

    const bad = await runCli(['service', 'install', '--platform', 'solaris'], { dataDir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('linux, macos, windows');
  });
});
