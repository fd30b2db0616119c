/**
 * PRF-07 notifications, end to end: real runs of the demo profile against the WooCommerce
 * simulator go through the runner, whose afterRun hook (registered as main.ts and serve.ts do)
 * mails a real SMTP server on 127.0.0.1. Assertions are on what the server received: envelope,
 * subject, the run's summary and error lines, the journal attached, and no secret anywhere.
 */
import fs from 'node:fs';
import net, { type AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { raiseAlert } from '../../src/app/alerts.js';
import { msg } from '../../src/i18n/catalogue.js';
import { journalFile } from '../../src/journal/journal.js';
import { digestMissed, NotificationService, sendDigest } from '../../src/notify/notification-service.js';
import { notificationsSent, notificationStore, notifyRun, registerRunNotifier } from '../../src/notify/run-notifier.js';
import type { Profile } from '../../src/profile/schema.js';
import { ActionEnv, removeSampleDb } from '../woocommerce/support-actions.js';
import { decode, startSmtp, type Decoded, type Received, type TestSmtp } from './support/smtp.js';

const PASSWORD = 'N0tify-smtp-secret-4242';
let env: ActionEnv;
let smtp: TestSmtp;

beforeAll(async () => {
  env = await ActionEnv.start();
  smtp = await startSmtp({ auth: { user: 'robot', password: PASSWORD } });
  registerRunNotifier(env.app);
  registerRunNotifier(env.app); // the CLI and the service both register: still one hook
  expect(env.app.afterRun).toHaveLength(1);
});

afterAll(async () => {
  await smtp?.close();
  await env?.close();
  removeSampleDb();
});

afterEach(() => {
  smtp.received.length = 0;
  vi.restoreAllMocks();
});

function notify(notification: Partial<Profile['notification']>, general: Partial<Profile['general']> = {}): Profile {
  return env.editProfile((p) => ({
    ...p,
    general: { ...p.general, ...general },
    smtp: { ...p.smtp, host: '127.0.0.1', port: smtp.port, tls: false, user: 'robot', password: PASSWORD, from: 'passerelle@boutique.test' },
    notification: {
      ...p.notification, enabled: true, recipients: ['gerant@boutique.test', 'compta@boutique.test'], language: '', attachJournal: false, ...notification,
    },
  }));
}

/** Every secret of the profile (WooCommerce key and secret, SMTP password) is absent from the raw message and its decoded parts. */
function expectNoSecret(got: Received, mail: Decoded): void {
  const secrets = [env.sim.key, env.sim.secret, PASSWORD];
  const everything = [got.raw, mail.subject, ...mail.parts.map((p) => p.body)].join('\n');
  for (const s of secrets) expect(everything).not.toContain(s);
}

describe("'errors' mode", () => {
  it('a partial run sends one mail with its summary, its error lines and its journal; a succeeded run sends none', async () => {
    notify({ when: 'errors', attachJournal: true });
    env.sim.faults.add({ match: (m, p) => m === 'POST' && p === '/wp-json/wc/v3/products/batch', times: 1, kind: 'reset' });
    const partial = await env.run('products.export');
    expect(partial.record.status).toBe('partial');
    expect(smtp.received).toHaveLength(1);
    const got = smtp.received[0]!;
    expect(got).toMatchObject({ from: 'passerelle@boutique.test', to: ['gerant@boutique.test', 'compta@boutique.test'], user: 'robot' });
    const mail = decode(got.raw);
    expect(mail.subject).toBe("Passerelle – demo : l'export des articles – exécution partielle");
    const c = partial.record.counts.products!;
    expect(mail.text).toContain(`Exécution : n° ${partial.record.id}`);
    expect(mail.text).toContain(`Statut : partielle (${partial.record.message})`);
    expect(mail.text).toContain('Lancée par : ligne de commande');
    expect(mail.text).toContain(
      `articles : ${c.created} créé(s), ${c.updated} modifié(s), ${c.unchanged} inchangé(s), ${c.skipped} ignoré(s), ${c.failed} en erreur`);
    // Every error line of the run, as the journal wrote it.
    const errorLines = partial.lines.filter((l) => l.startsWith('--> Erreur : article'));
    expect(errorLines.length).toBe(c.failed);
    expect(mail.text).toContain(`Erreurs (${errorLines.length}) :`);
    for (const line of errorLines) expect(mail.text).toContain(line);
    // The run's journal attached: its own lines, not those of other runs.
    expect(mail.attachments.map((a) => a.filename)).toEqual([`demo-run-${partial.record.id}.log`]);
    const attached = mail.attachments[0]!.content;
    expect(attached.match(/Début de l'export des articles/g)).toHaveLength(1);
    for (const line of errorLines) expect(attached).toContain(line);
    expect(mail.text).toContain(`Le journal de l'exécution est joint : demo-run-${partial.record.id}.log`);
    expect(mail.html).toContain('Résumé :');
    expectNoSecret(got, mail);

    const succeeded = await env.run('products.export');
    expect(succeeded.record.status).toBe('succeeded');
    expect(smtp.received).toHaveLength(1);
  });
});

describe("'always' mode", () => {
  it('a succeeded run is reported, in English when the notification says so', async () => {
    notify({ when: 'always', language: 'en' });
    const r = await env.run('products.stocks');
    expect(r.record.status).toBe('succeeded');
    expect(smtp.received).toHaveLength(1);
    const mail = decode(smtp.received[0]!.raw);
    expect(mail.subject).toBe('Passerelle – demo: the product stock export – succeeded');
    expect(mail.text).toContain('Hello,\n\nHere is the result of the product stock export for profile "demo".');
    expect(mail.text).toContain('Status: succeeded');
    expect(mail.text).toContain('Summary:');
    expect(mail.text).toContain('Full journal: passerelle journal --profile demo');
    expect(mail.text).not.toMatch(/Errors \(/);
    expect(mail.attachments).toEqual([]);
    expectNoSecret(smtp.received[0]!, mail);
  });

  it('the profile\'s language by default: French', async () => {
    notify({ when: 'always' }, { language: 'fr' });
    await env.run('gescom.check');
    const mail = decode(smtp.received[0]!.raw);
    expect(mail.subject).toBe('Passerelle – demo : la vérification de la gestion commerciale – exécution réussie');
    expect(mail.text).toContain('Bonjour,\n\nVoici le résultat de la vérification de la gestion commerciale pour le profil « demo ».');
  });

  it('notifications off, or a preview: nothing is sent', async () => {
    notify({ enabled: false, when: 'always' });
    await env.run('gescom.check');
    const profile = notify({ when: 'always' });
    const record = env.app.state.runs('demo', 1)[0]!;
    await notifyRun(env.app, { record, profile, preview: true, stockChanged: [], errors: [], trigger: 'cli' });
    expect(smtp.received).toHaveLength(0);
  });

  it('secrets in an error line are masked again before the mail leaves', async () => {
    const profile = notify({ when: 'always' });
    const record = env.app.state.runs('demo', 1)[0]!;
    const line = `2026-12-01 10:00:00 --> Erreur : refus ${env.sim.secret} et ${PASSWORD}`;
    await notifyRun(env.app, {
      record, profile, preview: false, stockChanged: [], trigger: 'cli',
      errors: [{ runId: record.id, profile: 'demo', at: '', level: 'error', text: line.slice(20), line }],
    });
    const mail = decode(smtp.received[0]!.raw);
    expect(mail.text).toContain('--> Erreur : refus ******** et ********');
    expectNoSecret(smtp.received[0]!, mail);
  });
});

describe('a mail that cannot be sent', () => {
  it('leaves the run as it was and says so on stderr and in the journal', async () => {
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', () => r()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    notify({ when: 'always' });
    env.editProfile((p) => ({ ...p, smtp: { ...p.smtp, port } }));
    const stderr: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      stderr.push(String(chunk));
      return true;
    });
    const r = await env.run('gescom.check');
    vi.restoreAllMocks();
    expect(r.record.status).toBe('succeeded');
    expect(env.app.state.run(r.record.id)!.status).toBe('succeeded');
    const warning = `E-mail de notification non envoyé : Profil « demo » : connexion refusée par 127.0.0.1:${port}`;
    expect(stderr.join('')).toContain(`passerelle: ${warning}`);
    const journal = fs.readFileSync(journalFile(env.app.dir.journalsDir, 'demo'), 'utf8').trimEnd().split('\n');
    expect(journal.at(-1)).toContain(`--> Avertissement : ${warning}`);
    expect(stderr.join('') + journal.join('\n')).not.toContain(PASSWORD);
  });
});

describe('daily digest', () => {
  it('runs wait for the digest, which sends them all in one mail, then an empty day says so', async () => {
    notify({ when: 'digest', digestAt: '18:00' });
    const store = notificationStore(env.app);
    for (const p of store.pending('demo')) store.markSent('demo', [p.runId], new Date());
    env.sim.faults.add({ match: (m, p) => m === 'PUT' || (m === 'POST' && p.includes('batch')), times: 1, kind: 'reset' });
    const runs = [await env.run('gescom.check'), await env.run('products.prices'), await env.run('gescom.check')];
    expect(smtp.received).toHaveLength(0);
    expect(store.pending('demo').map((p) => p.runId)).toEqual(runs.map((r) => r.record.id));

    const receipt = await sendDigest(env.app, 'demo', new Date('2026-12-01T17:00:00Z'));
    expect(receipt?.accepted).toEqual(['gerant@boutique.test', 'compta@boutique.test']);
    expect(smtp.received).toHaveLength(1);
    const mail = decode(smtp.received[0]!.raw);
    const problems = runs.filter((r) => r.record.status !== 'succeeded').length;
    expect(mail.subject).toBe(`Passerelle – demo : récapitulatif du 2026-12-01, 3 exécution(s), ${problems} avec erreur`);
    for (const r of runs) expect(mail.text).toMatch(new RegExp(`n° ${r.record.id} \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d `));
    expect(mail.text).toContain("la vérification de la gestion commerciale : réussie");
    expectNoSecret(smtp.received[0]!, mail);
    expect(store.pending('demo')).toEqual([]);

    await sendDigest(env.app, 'demo', new Date('2026-12-02T17:00:00Z'));
    const empty = decode(smtp.received[1]!.raw);
    expect(empty.subject).toBe('Passerelle – demo : récapitulatif du 2026-12-02, 0 exécution(s), 0 avec erreur');
    expect(empty.text).toContain('Aucune exécution depuis le dernier récapitulatif.');
  });

  it('the service sends a digest missed while it was down once at its start, and schedules the next one in the profile\'s time zone', async () => {
    notify({ when: 'digest', digestAt: '07:30' }, { timezone: 'America/New_York' });
    const store = notificationStore(env.app);
    // Last digest two days ago: today's 07:30 in New York has passed at 15:00 UTC (10:00 there).
    store.setLastSent('demo', new Date('2026-11-29T12:35:00Z'));
    await env.run('gescom.check');
    const now = new Date('2026-12-01T15:00:00Z');
    expect(digestMissed(env.app, env.profile(), now)?.toISOString()).toBe('2026-12-01T12:30:00.000Z');
    store.addRun('deleted-profile', 999, [], now); // a profile deleted since: its rows go
    const first = new NotificationService(env.app, () => now);
    try {
      await first.refresh();
      expect(store.pending('deleted-profile')).toEqual([]);
      expect(smtp.received).toHaveLength(1);
      expect(decode(smtp.received[0]!.raw).subject).toMatch(/^Passerelle – demo : récapitulatif du 2026-12-01, 1 exécution\(s\)/);
      const next = first.scheduled().find((s) => s.profile === 'demo')?.next;
      // Next 07:30 in New York (EST, UTC-5) after the real clock: always at 12:30 UTC in winter, 11:30 in summer.
      expect(new Date(next!).getUTCMinutes()).toBe(30);
      expect([11, 12]).toContain(new Date(next!).getUTCHours());
    } finally {
      first.stop();
    }
    // A second start the same day: nothing more.
    const second = new NotificationService(env.app, () => new Date('2026-12-01T15:05:00Z'));
    try {
      await second.refresh();
      expect(smtp.received).toHaveLength(1);
    } finally {
      second.stop();
    }
    notify({ when: 'digest' }, { timezone: 'Europe/Paris' });
  });
});

describe('alerts', () => {
  it('an alert is mailed at once by the service when notifications are on', async () => {
    notify({ when: 'errors' });
    const service = new NotificationService(env.app).start();
    try {
      raiseAlert({ profile: 'demo', code: 'webhook.lost', text: msg('run.processEnded') });
      await vi.waitFor(() => expect(smtp.received).toHaveLength(1), { timeout: 15_000, interval: 50 });
    } finally {
      service.stop();
    }
    const mail = decode(smtp.received[0]!.raw);
    expect(mail.subject).toBe('Passerelle – demo : alerte');
    expect(mail.text).toContain("le processus s'est arrêté avant la fin de l'exécution");
    expect(mail.text).toContain('(code : webhook.lost)');
    // Stopped: the next alert is not mailed by it.
    raiseAlert({ profile: 'demo', code: 'webhook.lost', text: msg('run.processEnded') });
    await new Promise((r) => setImmediate(r));
    expect(smtp.received).toHaveLength(1);
  });
});

// Last in this file: the service's mode stays on for the app once set.
describe('in the service', () => {
  it('a run does not wait for its mail (a slow SMTP server holds no queue slot); the service waits for it when it stops', async () => {
    notify({ when: 'always' }, { language: 'fr' });
    registerRunNotifier(env.app, { background: true });
    expect(env.app.afterRun).toHaveLength(1);
    await env.run('gescom.check');
    expect(smtp.received).toHaveLength(0);
    await notificationsSent(env.app);
    expect(smtp.received).toHaveLength(1);
    expect(decode(smtp.received[0]!.raw).subject).toContain('exécution réussie');
  });
});
