/**
 * POST /api/profiles/:name/mail/test through the service (fastify inject), against a real SMTP
 * server on 127.0.0.1: the server's answer comes back as data; a wrong option answers 400 naming
 * it, a refusing server 502 with its answer quoted, an unknown profile 404; no password anywhere.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/app/app-context.js';
import { buildServer } from '../../src/service/server.js';
import { startSmtp, type TestSmtp } from './support/smtp.js';

const PASSWORD = 'R0ute-smtp-password';
let dir: string;
let app: AppContext;
let server: FastifyInstance;
let smtp: TestSmtp;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-mail-route-'));
  app = new AppContext(dir);
  smtp = await startSmtp({ auth: { user: 'robot', password: PASSWORD } });
  for (const [name, password] of [['ok', PASSWORD], ['refused', 'Not-the-password'], ['nohost', '']] as const) {
    app.profiles.create({
      name, gescom: { kind: 'embedded', db: path.join(dir, 'gescom.db') }, general: { language: 'en' },
      smtp: {
        host: name === 'nohost' ? '' : '127.0.0.1', port: smtp.port, tls: false, user: 'robot', password,
        from: 'passerelle@boutique.test', testRecipients: ['gerant@boutique.test'],
      },
    });
  }
  server = buildServer({ app }).server;
});

afterAll(async () => {
  await server?.close();
  await smtp?.close();
  app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const post = (name: string, body?: unknown, lang = 'en') => server.inject({
  method: 'POST', url: `/api/profiles/${name}/mail/test`, headers: { 'accept-language': lang }, ...(body === undefined ? {} : { payload: body as object }),
});

describe('POST /api/profiles/:name/mail/test', () => {
  it("sends the test e-mail and answers with the server's answer", async () => {
    const res = await post('ok', { to: ['compta@boutique.test'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      host: '127.0.0.1', port: smtp.port, to: ['compta@boutique.test'], response: expect.stringMatching(/^250 OK: message 1 queued/),
      accepted: ['compta@boutique.test'], rejected: [], messageId: expect.stringMatching(/^<.+@.+>$/),
    });
    expect(smtp.received[0]).toMatchObject({ to: ['compta@boutique.test'], user: 'robot' });
    // Without a body: smtp.testRecipients.
    const again = await post('ok');
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({ to: ['gerant@boutique.test'], accepted: ['gerant@boutique.test'] });
  });

  it('a refusing server answers 502 naming the option, the server quoted, in the reader\'s language', async () => {
    const res = await post('refused', {}, 'fr');
    expect(res.statusCode).toBe(502);
    expect(res.json()).toMatchObject({ error: 'MailError', entity: 'profile refused', field: 'smtp.password' });
    expect(res.json<{ message: string }>().message).toMatch(/^Profil « refused » : authentification refusée pour l'utilisateur « robot » .*535 /);
    expect(res.body).not.toContain('Not-the-password');
  });

  it('a missing option answers 400 naming it; a bad address 400; an unknown profile 404', async () => {
    const noHost = await post('nohost', {});
    expect(noHost.statusCode).toBe(400);
    expect(noHost.json()).toMatchObject({ error: 'ConfigError', field: 'smtp.host', message: expect.stringContaining('Profile "nohost": no SMTP server (smtp.host)') });
    const bad = await post('ok', { to: 'not-an-address' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ field: 'to', message: 'Invalid e-mail address: "not-an-address"' });
    expect((await post('nobody', {})).statusCode).toBe(404);
  });
});
