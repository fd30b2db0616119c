/**
 * PRF-07: the profile's SMTP settings against a real SMTP server on 127.0.0.1 (smtp-server):
 * a login checked by the server, STARTTLS and TLS from the first byte with a self-signed
 * certificate, and the clear messages of what can go wrong. Assertions are on what the
 * server received and on the words a person reads, never on timings.
 */
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/app/app-context.js';
import { ConfigError } from '../../src/errors.js';
import { MailError } from '../../src/notify/mailer.js';
import { sendTestMail } from '../../src/notify/test-mail.js';
import type { Profile, ProfileInput } from '../../src/profile/schema.js';
import { decode, startSmtp, type TestSmtp } from './support/smtp.js';

const PASSWORD = 'Sm7p-pa55w0rd-never-shown';
let dir: string;
let app: AppContext;
const servers: TestSmtp[] = [];

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-mail-'));
  app = new AppContext(dir);
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

let count = 0;
/** A profile saved in the store (its password encrypted on disk) and loaded back, as a command would. */
function profileWith(smtp: Partial<Profile['smtp']>, extra: Partial<ProfileInput> = {}): Profile {
  const name = `shop${++count}`;
  app.profiles.create({
    name, gescom: { kind: 'embedded', db: path.join(dir, 'gescom.db') },
    smtp: { host: '127.0.0.1', from: 'passerelle@boutique.test', testRecipients: ['gerant@boutique.test'], tls: false, ...smtp },
    ...extra,
  });
  return app.profiles.load(name);
}

async function smtp(options: Parameters<typeof startSmtp>[0] = {}): Promise<TestSmtp> {
  const s = await startSmtp(options);
  servers.push(s);
  return s;
}

async function failure(p: Promise<unknown>): Promise<MailError | ConfigError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof MailError || err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

describe('the test e-mail', () => {
  it('logs in with the decrypted password and is received as sent; the answer is the server\'s', async () => {
    const server = await smtp({ auth: { user: 'mailer', password: PASSWORD } });
    const profile = profileWith({ port: server.port, user: 'mailer', password: PASSWORD, fqdn: 'poste.boutique.test' });
    // On disk the password is encrypted: the store's load decrypted it.
    expect(fs.readFileSync(path.join(app.dir.profilesDir, `${profile.name}.json`), 'utf8')).not.toContain(PASSWORD);
    const result = await sendTestMail(app.messages, profile);
    expect(result).toMatchObject({ accepted: ['gerant@boutique.test'], rejected: [], host: '127.0.0.1', port: server.port });
    expect(result.response).toMatch(/^250 OK: message 1 queued/);
    expect(server.logins).toEqual([{ user: 'mailer', ok: true }]);
    const [got] = server.received;
    expect(got).toMatchObject({ from: 'passerelle@boutique.test', to: ['gerant@boutique.test'], user: 'mailer', secure: false });
    const mail = decode(got!.raw);
    expect(mail.subject).toBe(`Passerelle – ${profile.name} : e-mail de test`);
    expect(mail.text).toContain(`le profil « ${profile.name} » envoie bien ses e-mails par 127.0.0.1:${server.port}`);
    expect(mail.html).toContain('<p>');
    expect(got!.raw).not.toContain(PASSWORD);
  });

  it('--to replaces smtp.testRecipients; an address refused by the server is listed as rejected', async () => {
    const server = await smtp({ refuse: ['inconnu@boutique.test'] });
    const profile = profileWith({ port: server.port });
    const result = await sendTestMail(app.messages, profile, 'compta@boutique.test; inconnu@boutique.test');
    expect(result.accepted).toEqual(['compta@boutique.test']);
    expect(result.rejected).toEqual(['inconnu@boutique.test']);
    expect(server.received[0]!.to).toEqual(['compta@boutique.test']);
  });

  it('in English for an English profile', async () => {
    const server = await smtp();
    const profile = profileWith({ port: server.port }, { general: { language: 'en' } });
    await sendTestMail(app.messages, profile);
    const mail = decode(server.received[0]!.raw);
    expect(mail.subject).toBe(`Passerelle – ${profile.name}: test e-mail`);
    expect(mail.text).toContain(`This test e-mail confirms that profile "${profile.name}" sends its e-mails through 127.0.0.1:${server.port}.`);
  });
});

describe('encryption', () => {
  it('STARTTLS (smtp.tls): the login and the message go over the encrypted connection', async () => {
    const server = await smtp({ tls: 'starttls', auth: { user: 'mailer', password: PASSWORD } });
    const profile = profileWith({ port: server.port, tls: true, allowSelfSigned: true, user: 'mailer', password: PASSWORD });
    await sendTestMail(app.messages, profile);
    // The server allows a login only once encrypted: this one succeeded, so STARTTLS was used.
    expect(server.received[0]).toMatchObject({ secure: true, user: 'mailer' });
  });

  it('TLS from the first byte (smtp.ssl, port 465 style)', async () => {
    const server = await smtp({ tls: 'implicit', auth: { user: 'mailer', password: PASSWORD } });
    const profile = profileWith({ port: server.port, ssl: true, allowSelfSigned: true, user: 'mailer', password: PASSWORD });
    await sendTestMail(app.messages, profile);
    expect(server.received[0]).toMatchObject({ secure: true, user: 'mailer' });
  });

  it('a self-signed certificate is refused unless smtp.allowSelfSigned says otherwise, and the message says so', async () => {
    const server = await smtp({ tls: 'implicit' });
    const profile = profileWith({ port: server.port, ssl: true });
    const err = await failure(sendTestMail(app.messages, profile));
    expect(err).toBeInstanceOf(MailError);
    expect(err).toMatchObject({ entity: `profile ${profile.name}`, field: 'smtp.ssl' });
    expect(err.message).toContain(`échec du chiffrement avec 127.0.0.1:${server.port}`);
    expect(err.message).toMatch(/certificate/);
    expect(err.message).toContain('smtp.allowSelfSigned');
    expect(server.received).toHaveLength(0);
  });

  it('smtp.ssl on a server that does not encrypt from the first byte: said in words, not OpenSSL\'s', async () => {
    const server = await smtp();
    const profile = profileWith({ port: server.port, ssl: true });
    const err = await failure(sendTestMail(app.messages, profile));
    expect(err).toMatchObject({ field: 'smtp.ssl' });
    expect(err.message).toBe(`Profil « ${profile.name} » : 127.0.0.1:${server.port} ne chiffre pas dès la connexion (smtp.ssl) ; sur le port 587, désactivez smtp.ssl et gardez smtp.tls (STARTTLS)`);
  });

  it('smtp.tls on a server that offers no STARTTLS: refused before any password is sent', async () => {
    const server = await smtp({ auth: { user: 'mailer', password: PASSWORD } });
    const profile = profileWith({ port: server.port, tls: true, user: 'mailer', password: PASSWORD });
    const err = await failure(sendTestMail(app.messages, profile));
    expect(err).toMatchObject({ field: 'smtp.tls' });
    expect(err.message).toContain('ne propose pas STARTTLS');
    expect(server.logins).toEqual([]);
  });
});

describe('clear messages', () => {
  it('a refused login names the profile, the user and quotes the server, never the password', async () => {
    const server = await smtp({ auth: { user: 'mailer', password: PASSWORD } });
    const profile = profileWith({ port: server.port, user: 'mailer', password: 'wrong-password-123' });
    const err = await failure(sendTestMail(app.messages, profile));
    expect(err).toMatchObject({ entity: `profile ${profile.name}`, field: 'smtp.password' });
    expect(err.message).toContain(`Profil « ${profile.name} » : authentification refusée pour l'utilisateur « mailer »`);
    expect(err.message).toMatch(/réponse du serveur : 535 .*Invalid username or password/);
    expect(err.message).not.toContain('wrong-password-123');
    expect(server.logins).toEqual([{ user: 'mailer', ok: false }]);
    expect(server.received).toHaveLength(0);
  });

  it('a server that wants a login when none is configured', async () => {
    const server = await smtp({ auth: { user: 'mailer', password: PASSWORD } });
    const profile = profileWith({ port: server.port });
    const err = await failure(sendTestMail(app.messages, profile));
    expect(err).toMatchObject({ field: 'smtp.user' });
    expect(err.message).toContain('le serveur SMTP demande une authentification');
  });

  it('a connection refused names the host and port', async () => {
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const profile = profileWith({ port });
    const err = await failure(sendTestMail(app.messages, profile));
    expect(err).toMatchObject({ entity: `profile ${profile.name}`, field: 'smtp.port' });
    expect(err.message).toBe(`Profil « ${profile.name} » : connexion refusée par 127.0.0.1:${port} (smtp.host, smtp.port) ; le serveur SMTP est-il démarré et le port est-il le bon ?`);
  });

  it('no host, no sender, no recipient, a bad --to: named before any connection', async () => {
    const noHost = profileWith({ host: '' });
    expect(await failure(sendTestMail(app.messages, noHost))).toMatchObject({ field: 'smtp.host' });
    const noSender = profileWith({ from: '' });
    const e2 = await failure(sendTestMail(app.messages, noSender));
    expect(e2).toMatchObject({ field: 'smtp.from' });
    expect(e2.message).toBe(`Profil « ${noSender.name} » : aucune adresse d'expéditeur (smtp.from)`);
    const noOne = profileWith({ testRecipients: [] });
    expect(await failure(sendTestMail(app.messages, noOne))).toMatchObject({ field: 'smtp.testRecipients' });
    const bad = await failure(sendTestMail(app.messages, noOne, 'pas-une-adresse'));
    expect(bad).toMatchObject({ field: 'to' });
    expect(bad.message).toBe('Adresse e-mail invalide : « pas-une-adresse »');
  });
});
