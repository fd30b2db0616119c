/**
 * Previews of the order actions against the WooCommerce simulator rebuilt from the recorded French
 * shop: the documents orders.import would create, with their lines and totals to the cent, made
 * in a working copy of the company (the GesCom file is not written), then exactly those made by
 * the real run; order statuses to send back; the preview through the API (dryRun) and the CLI
 * (--dry-run --json, built CLI).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { documentPreview } from '../../src/actions/preview/recording-gescom.js';
import type { PreviewReport } from '../../src/actions/preview/report.js';
import type { RunRecord } from '../../src/state/state-store.js';
import { buildServer } from '../../src/service/server.js';
import { requireBuild, ROOT } from '../support/e2e-cli.js';
import { listActions } from '../../src/actions/registry.js';
import { OrdersEnv, PAID_ORDERS, PERIOD, removeSampleDb } from '../orders/support-orders.js';
import { previewThenRun, runWithReport, untouched } from './preview-support.js';

let env: OrdersEnv;

beforeAll(() => requireBuild());
beforeEach(async () => {
  env = await OrdersEnv.start();
  env.enablePayments();
});
afterEach(async () => {
  await env?.close();
});
afterAll(removeSampleDb);

const documentsOf = (r: PreviewReport) => r.items.filter((i) => i.entity === 'document' && i.op === 'create').map((i) => i.document!);

describe('orders.import', () => {
  test('the documents it would create, with lines, payments and totals to the cent; the run creates exactly those', async () => {
    const before = await env.documents();
    const { preview } = await previewThenRun(env, 'orders.import', PERIOD);
    const announced = documentsOf(preview.report);
    expect(announced.map((d) => d.shopOrderId).sort()).toEqual([...PAID_ORDERS].sort());
    expect(announced.map((d) => d.number)).toEqual(['FA00164', 'FA00165', 'FA00166', 'FA00167', 'FA00168', 'FA00169', 'FA00170']);
    // The guest account the first guest order creates is found by the second (414 and 418 share the e-mail): one creation.
    const customers = preview.report.items.filter((i) => i.side === 'gescom' && i.entity === 'customer');
    expect(customers.map((i) => i.op)).toEqual(['create']);
    // The GesCom holds, after the real run, exactly the announced documents: lines, totals and payments to the cent.
    const held = (await env.documents()).filter((d) => !before.some((b) => b.number === d.number));
    expect(held.map(documentPreview)).toEqual(announced);
    for (const d of announced) {
      expect(d.lines.length, d.number).toBeGreaterThan(0);
      expect(d.totals.totalTtc, d.number).toMatch(/^\d+\.\d{2}$/);
      expect(d.payments.map((p) => p.amount), d.number).toEqual([d.totals.totalTtc]);
    }
    // The journal of the preview shows each document with its lines and totals, in French.
    const d164 = announced.find((d) => d.number === 'FA00164')!;
    expect(preview.lines).toContain('--> GesCom · pièce FA00164 : à créer');
    expect(preview.lines).toContain(`-->     Total : ${d164.totals.totalHt} HT, TVA ${d164.totals.totalVat}, ${d164.totals.totalTtc} TTC ; réglé ${d164.totals.paid}, reste ${d164.totals.due}`);
    const l1 = d164.lines[0]!;
    expect(preview.lines.some((l) => l.startsWith(`-->     1. ${l1.articleCode} ${l1.designation} : ${l1.quantity} × ${l1.unitPrice}`))).toBe(true);
    // A second preview: nothing left to import, nothing announced.
    const again = await previewThenRun(env, 'orders.import', PERIOD);
    expect(documentsOf(again.preview.report)).toEqual([]);
  });

  test('orders.status: the statuses it would send back, the shop left as it was; the run sends exactly those', async () => {
    await env.import();
    const { preview } = await previewThenRun(env, 'orders.status');
    const sent = preview.report.items.filter((i) => i.entity === 'orderStatus');
    expect(sent.map((i) => i.key).sort()).toEqual([...PAID_ORDERS].sort());
    for (const i of sent) expect(i.changes.find((c) => c.field === 'status')?.new).toBe('completed');
    for (const id of PAID_ORDERS) expect(env.storedOrder(id).status, id).toBe('completed');
  });

  test('prospects.import and orders.repair: previewed, then done as announced', async () => {
    const prospects = await previewThenRun(env, 'prospects.import');
    const created = prospects.preview.report.items.filter((i) => i.entity === 'customer' && i.op === 'create').map((i) => i.key);
    for (const code of created) expect(await env.gescom((g) => g.customer(code)), code).not.toBeNull();
    await env.import();
    await previewThenRun(env, 'orders.repair');
  });
});

describe('every action', () => {
  test('each action of the registry previews: recorded as a preview, no write to the shop, the GesCom, the state or the profile', async () => {
    const before = untouched(env.app, env.db);
    const xml = path.join(env.dir, 'orders.xml');
    fs.writeFileSync(xml, /```xml\n([\s\S]*?)```/.exec(fs.readFileSync(path.join(ROOT, 'docs/order-xml.md'), 'utf8'))![1]!);
    const params: Record<string, Record<string, unknown>> = { 'orders.import': PERIOD, 'orders.load-xml': { file: xml } };
    for (const action of listActions()) {
      env.sim.resetStats();
      const r = await runWithReport(env.app, action.name, true, params[action.name] ?? {});
      expect(r.record, action.name).toMatchObject({ action: action.name, preview: true, writeRequests: 0 });
      expect(r.record.status, `${action.name}: ${r.record.message}`).not.toBe('interrupted');
      expect(env.sim.stats.writeRequests, action.name).toBe(0);
      expect(untouched(env.app, env.db), action.name).toEqual(before);
      if (action.name === 'orders.load-xml') {
        // The file's order 530 as the document it would make, with the file's totals.
        expect(r.report.items.find((i) => i.entity === 'document')?.document?.totals).toMatchObject({ totalHt: '15.84', totalVat: '1.94', totalTtc: '17.78' });
      }
    }
    // The file's preview, then its import: the same document.
    await previewThenRun(env, 'orders.load-xml', { file: xml });
  });
});

describe('preview through the API and the CLI', () => {
  test('POST /api/runs {dryRun: true}: a preview in the history, its report at /api/runs/:id/preview; the GesCom untouched', async () => {
    const before = untouched(env.app, env.db);
    const { server, runs } = buildServer({ app: env.app });
    try {
      const bad = await server.inject({ method: 'POST', url: '/api/runs', payload: { profile: 'demo', action: 'orders.import', dryRun: 'yes' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ field: 'dryRun' });
      const started = await server.inject({ method: 'POST', url: '/api/runs', payload: { profile: 'demo', action: 'orders.import', params: PERIOD, dryRun: true } });
      expect(started.statusCode).toBe(202);
      const { id, preview } = started.json() as { id: number; preview: boolean };
      expect(preview).toBe(true);
      await runs.waitAll();
      const record = (await server.inject({ method: 'GET', url: `/api/runs/${id}` })).json() as RunRecord;
      expect(record).toMatchObject({ id, preview: true, status: 'succeeded', writeRequests: 0 });
      const res = await server.inject({ method: 'GET', url: `/api/runs/${id}/preview` });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { record: RunRecord; preview: PreviewReport };
      expect(body.record.preview).toBe(true);
      expect(documentsOf(body.preview).map((d) => d.shopOrderId).sort()).toEqual([...PAID_ORDERS].sort());
      expect(untouched(env.app, env.db)).toEqual(before);
      const missing = await server.inject({ method: 'GET', url: '/api/runs/9999/preview', headers: { 'accept-language': 'en' } });
      expect(missing.statusCode).toBe(404);
      expect(missing.json()).toMatchObject({ message: 'no report for run 9999', entity: 'run 9999' });
    } finally {
      await server.close();
    }
  });

  test('passerelle orders import --dry-run --json prints {record, preview}; the GesCom untouched; the history says preview', async () => {
    const before = untouched(env.app, env.db);
    const r = await env.cli(['orders', 'import', '--profile', 'demo', '--from', PERIOD.from, '--to', PERIOD.to, '--dry-run', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { record: RunRecord; preview: PreviewReport };
    expect(out.record).toMatchObject({ action: 'orders.import', preview: true, status: 'succeeded' });
    expect(documentsOf(out.preview).map((d) => d.number)).toEqual(['FA00164', 'FA00165', 'FA00166', 'FA00167', 'FA00168', 'FA00169', 'FA00170']);
    expect(untouched(env.app, env.db)).toEqual(before);
    // Readable: the same preview without --json prints the documents in the journal.
    const text = await env.cli(['orders', 'import', '--profile', 'demo', '--from', PERIOD.from, '--to', PERIOD.to, '--dry-run']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('GesCom · pièce FA00164 : à créer');
    // A check's preview is the check itself (the demo profile sends HT prices to this TTC shop: refused either way), recorded as a preview.
    const check = await env.cli(['check', '--profile', 'demo', '--dry-run']);
    expect(check.stdout).toContain('la boutique saisit les prix TTC mais le profil envoie des prix HT');
    expect(check.stdout).not.toContain('Aperçu du traitement');
    expect(check.code).toBe((await env.cli(['check', '--profile', 'demo'])).code);
    expect(env.app.state.runs('demo', 6).map((x) => [x.action, x.preview])).toEqual([
      ['shop.check', false], ['gescom.check', false], ['shop.check', true], ['gescom.check', true], ['orders.import', true], ['orders.import', true],
    ]);
    expect(untouched(env.app, env.db)).toEqual(before);
    // The history marks previews.
    const history = await env.cli(['runs', '--profile', 'demo']);
    expect(history.stdout.split('\n').filter((l) => l.includes('orders.import [aperçu]'))).toHaveLength(2);
  });
});
