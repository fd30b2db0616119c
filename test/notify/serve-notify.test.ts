/**
 * `passerelle serve` (the build, as a child process) and e-mail: at its start it sends the digest
 * missed while it was down, once; the runs it makes are queued for the next digest by the
 * afterRun hook it registers; it stops cleanly on SIGTERM. A real SMTP server on 127.0.0.1 receives.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppContext } from '../../src/app/app-context.js';
import { NotificationStore } from '../../src/state/notification-store.js';
import { StateStore } from '../../src/state/state-store.js';
import { childEnv, CLI, requireBuild, ROOT, startService } from '../support/e2e-cli.js';
import { decode, startSmtp, type TestSmtp } from './support/smtp.js';

let dataDir: string;
let smtp: TestSmtp;

beforeAll(async () => {
  requireBuild();
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-serve-mail-'));
  smtp = await startSmtp();
  const app = new AppContext(dataDir);
  app.profiles.create({
    name: 'boutique', gescom: { kind: 'embedded', db: path.join(dataDir, 'missing.db') },
    smtp: { host: '127.0.0.1', port: smtp.port, tls: false, from: 'passerelle@boutique.test' },
    notification: { enabled: true, when: 'digest', digestAt: '06:00', recipients: ['gerant@boutique.test'] },
  });
  // A run from before the stop, waiting for a digest that should have gone yesterday.
  const runId = app.state.startRun('boutique', 'gescom.check', {});
  app.state.finishRun(runId, 'failed', 'base introuvable', { requests: 0, writeRequests: 0, durationMs: 120 });
  const store = new NotificationStore(app.state.db);
  store.addRun('boutique', runId, ['2026-11-30 05:00:00 --> Échec : base introuvable'], new Date(Date.now() - 3 * 86_400_000));
  store.setLastSent('boutique', new Date(Date.now() - 2 * 86_400_000));
  app.close();
});

afterAll(async () => {
  await smtp?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('passerelle serve and e-mail', () => {
  it('sends the missed digest once at start, queues its own runs for the next one, and stops on SIGTERM', async () => {
    const service = await startService(process.execPath, [CLI, 'serve', '--port', '0'], {
      cwd: ROOT, env: childEnv({ PASSERELLE_DATA_DIR: dataDir }), timeoutMs: 30_000,
    });
    try {
      await vi.waitFor(() => expect(smtp.received).toHaveLength(1), { timeout: 30_000, interval: 100 });
      const mail = decode(smtp.received[0]!.raw);
      expect(smtp.received[0]!.to).toEqual(['gerant@boutique.test']);
      expect(mail.subject).toMatch(/^Passerelle – boutique : récapitulatif du \d{4}-\d\d-\d\d, 1 exécution\(s\), 1 avec erreur$/);
      expect(mail.text).toContain('la vérification de la gestion commerciale : en échec');
      expect(mail.text).toContain('Échec : base introuvable');

      const started = await fetch(`${service.url}/api/runs`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ profile: 'boutique', action: 'gescom.check' }),
      });
      expect(started.status).toBe(202);
      const { id } = (await started.json()) as { id: number };
      const state = new StateStore(path.join(dataDir, 'state.db'));
      try {
        await vi.waitFor(() => expect(new NotificationStore(state.db).pending('boutique').map((p) => p.runId)).toEqual([id]),
          { timeout: 30_000, interval: 100 });
      } finally {
        state.close();
      }
      expect(smtp.received).toHaveLength(1);
    } finally {
      expect(await service.stop()).toEqual({ code: 0, signal: null });
    }
  });
});
