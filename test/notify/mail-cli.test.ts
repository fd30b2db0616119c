/**
 * `passerelle mail test` end to end: the built CLI, a profile set up with `profile set` (the
 * password stored encrypted), a real SMTP server on 127.0.0.1 checking the login; the command
 * prints the server's answer, and a refused login is one line naming the profile and the option.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeTempDirs, requireBuild, runCli } from '../support/e2e-cli.js';
import { decode, startSmtp, type TestSmtp } from './support/smtp.js';

const PASSWORD = 'Cl1-smtp-password-secret';
let dataDir: string;
let smtp: TestSmtp;

const cli = (...args: string[]) => runCli(args, { dataDir });

beforeAll(async () => {
  requireBuild();
  dataDir = makeTempDir('passerelle-mail-cli-');
  smtp = await startSmtp({ auth: { user: 'robot', password: PASSWORD } });
  expect((await cli('profile', 'create', 'boutique', '--db', path.join(dataDir, 'company.db'))).code).toBe(0);
  const options: [string, string][] = [
    ['smtp.host', '127.0.0.1'], ['smtp.port', String(smtp.port)], ['smtp.tls', 'false'], ['smtp.user', 'robot'],
    ['smtp.password', PASSWORD], ['smtp.from', 'passerelle@boutique.test'], ['smtp.testRecipients', 'gerant@boutique.test'],
  ];
  for (const [key, value] of options) {
    const r = await cli('profile', 'set', 'boutique', key, value);
    expect(r.code, r.stderr).toBe(0);
  }
  expect(fs.readFileSync(path.join(dataDir, 'profiles', 'boutique.json'), 'utf8')).not.toContain(PASSWORD);
}, 120_000);

afterAll(async () => {
  await smtp?.close();
  removeTempDirs();
});

describe('passerelle mail test', () => {
  it("sends the test e-mail and prints the server's answer", async () => {
    const r = await cli('mail', 'test', '--profile', 'boutique');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')).toEqual([
      `E-mail de test envoyé par 127.0.0.1:${smtp.port} à gerant@boutique.test`,
      expect.stringMatching(/^Réponse du serveur : 250 OK: message 1 queued/),
      'Acceptés : gerant@boutique.test',
      'Refusés : (aucun)',
      '',
    ]);
    expect(smtp.received[0]).toMatchObject({ from: 'passerelle@boutique.test', to: ['gerant@boutique.test'], user: 'robot' });
    expect(decode(smtp.received[0]!.raw).subject).toBe('Passerelle – boutique : e-mail de test');
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);
  });

  it('--to sends to other addresses; --json gives the same as data', async () => {
    const r = await cli('mail', 'test', '--profile', 'boutique', '--to', 'compta@boutique.test;direction@boutique.test', '--json');
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { accepted: string[]; response: string };
    expect(result.accepted).toEqual(['compta@boutique.test', 'direction@boutique.test']);
    expect(result.response).toMatch(/^250 OK/);
    expect(smtp.received.at(-1)!.to).toEqual(['compta@boutique.test', 'direction@boutique.test']);
  });

  it('a refused login exits 1 with one line naming the profile and the option, never the password', async () => {
    expect((await cli('profile', 'set', 'boutique', 'smtp.password', 'Wrong-password-99')).code).toBe(0);
    const before = smtp.received.length;
    const r = await cli('mail', 'test', '--profile', 'boutique');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^passerelle: \[profil boutique \/ smtp\.password\] Profil « boutique » : authentification refusée pour l'utilisateur « robot » \(smtp\.user, smtp\.password\) ; réponse du serveur : 535 .*\n$/);
    expect(r.stderr).not.toContain('Wrong-password-99');
    expect(smtp.received.length).toBe(before);
  });
});
