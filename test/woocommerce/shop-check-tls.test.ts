/**
 * `passerelle shop check` end to end (built CLI, child process) against the WooCommerce simulator
 * over HTTPS with its self-signed certificate given as http.caFile. The client sends the consumer
 * key as HTTP Basic on every request, the site index GET /wp-json/ included: the real WooCommerce
 * 10.0.2 answers that index with 200 (issue 7), and so must the simulator, or the check fails on
 * the simulator only ("shop unreachable").
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startWooSimulator, type WooSimulator } from '../simulators/woocommerce/server.js';
import { jsonOf, makeTempDir, removeTempDirs, requireBuild, runCli, type CliResult } from '../support/e2e-cli.js';

interface RunRecordJson { status: string; counts: Record<string, { failed: number; unchanged: number }>; message: string }

describe('passerelle shop check over TLS', { timeout: 60_000 }, () => {
  let sim: WooSimulator;
  let dataDir: string;
  const cli = (...args: string[]) => runCli(args, { dataDir });
  const ok = (r: CliResult) => {
    expect(r.code, `"${r.args.join(' ')}" failed:\n${r.stdout}\n${r.stderr}`).toBe(0);
    return r;
  };

  beforeAll(async () => {
    requireBuild();
    sim = await startWooSimulator({ tls: true });
    // A French shop (EUR, as the recorded one): a fresh simulator sells in USD, which check rightly flags for an EUR company without a mapping.
    expect((await sim.request('PUT', '/wc/v3/settings/general/woocommerce_currency', { value: 'EUR' })).status).toBe(200);
    dataDir = makeTempDir('passerelle-shop-check-tls-');
    const caFile = path.join(dataDir, 'simulator-ca.pem');
    fs.writeFileSync(caFile, sim.ca ?? '');
    ok(await cli('gescom', 'init', '--db', path.join(dataDir, 'tls.db')));
    ok(await cli('profile', 'create', 'tls', '--db', path.join(dataDir, 'tls.db'), '--shop', 'woocommerce', '--shop-url', sim.url, '--shop-key', sim.key, '--shop-secret', sim.secret));
    ok(await cli('profile', 'set', 'tls', 'http.caFile', caFile));
  });
  afterAll(async () => {
    await sim?.close();
    removeTempDirs();
  });

  test('the keys sent as Basic over HTTPS: index 200, keys accepted, exit code 0', async () => {
    expect(sim.url).toMatch(/^https:/);
    sim.resetStats();
    const r = ok(await cli('shop', 'check', '--profile', 'tls', '--json'));
    const record = jsonOf<RunRecordJson>(r);
    expect(record.status).toBe('succeeded');
    expect(record.counts.connection?.failed ?? 0).toBe(0);
    expect(record.counts.connection?.unchanged).toBeGreaterThanOrEqual(2);
    // What the shop saw: the index first (200 although the Basic user is a consumer key), then the keyed routes.
    const seen = sim.stats.log.map((e) => `${e.method} ${e.path} ${e.status}`);
    expect(seen[0]).toBe('GET /wp-json/ 200');
    expect(seen).toContain('GET /wp-json/wc/v3/settings/tax/woocommerce_prices_include_tax 200');
    expect(seen.filter((l) => / 401$/.test(l))).toEqual([]);
  });

  test('the journal on the terminal names the checks that passed and never prints the secret', async () => {
    const r = ok(await cli('shop', 'check', '--profile', 'tls'));
    expect(r.stdout).toContain('API REST WooCommerce wc/v3 trouvée');
    expect(r.stdout).toContain('clés API acceptées');
    expect(r.stdout).not.toContain('injoignable');
    expect(r.stdout + r.stderr).not.toContain(sim.secret);
  });
});
