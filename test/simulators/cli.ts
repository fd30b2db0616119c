/**
 * Starts a shop simulator alone, for a person trying the connector by hand.
 *
 *   npm run simulator -- woocommerce [--port 8080] [--host 127.0.0.1] [--key ck_… --secret cs_…]
 *        [--tls] [--latency 50] [--seed fixtures|empty] [--allow-basic-over-http]
 *        [--prices-include-tax yes|no] [--batch-limit 100] [--wp-user admin --wp-password "…"]
 *        [--permissions read|write|read_write] [--no-webhooks]
 *
 *   npm run simulator -- prestashop [--port 8081] [--key KEY] [--latency 20] [--seed fixtures|empty]
 *        [--languages 1,2] [--shops 2] [--webservice-disabled]
 *
 * (package.json: "simulator": "tsc -p test/simulators/tsconfig.json && node dist/test/simulators/cli.js")
 * Prints the URL and the accepted credentials, then serves until Ctrl+C.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startWooSimulator, type WooSimulatorOptions } from './woocommerce/server.js';
import { startPrestaShopSimulator, type PrestaShopSimulatorOptions } from './prestashop/server.js';

const USAGE = `usage: simulator woocommerce|prestashop [options]

simulator woocommerce [options]
  --port N                   port (default 8080; 0 = random)
  --host 127.0.0.1           listen address (loopback only)
  --key CK --secret CS       consumer key and secret to accept (default: fixed ck_simulator…/cs_simulator… values)
  --tls                      HTTPS with a self-signed certificate (its PEM is written to a temp file)
  --latency MS               delay added to every answer
  --seed fixtures|empty      'fixtures' = the recorded French shop (products 406-412, orders 413-421…); default empty
  --allow-basic-over-http    accept Basic / query-string keys over plain HTTP (real WooCommerce wants OAuth 1.0a)
  --prices-include-tax yes|no
  --batch-limit N            batch item limit (default 100)
  --wp-user U --wp-password P  WordPress user / application password for /wp-json/wp/v2/media
  --permissions read|write|read_write
  --no-webhooks              do not deliver webhooks

simulator prestashop [options]   (PrestaShop 8.1.2 webservice, /api/)
  --port N                   port (default 8081; 0 = random)
  --key KEY                  webservice key to accept (default: a fixed 32-character key)
  --latency MS               delay added to every answer
  --seed fixtures|empty      'fixtures' = the recorded French shop with its six orders; default empty (fresh French install)
  --languages 1,2            language ids (several = multilang JSON fields as [{id, value}])
  --shops N                  number of shops (multistore; stock per shop)
  --webservice-disabled      answer 503 code 22 (PS_WEBSERVICE = 0)`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  const target = argv[0];
  if (!target || target === '--help' || target === '-h') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (target === 'prestashop') return prestashop(argv.slice(1));
  if (target === 'shopify') return (await import('./shopify/cli.js')).shopifyCli(argv.slice(1));
  if (target !== 'woocommerce') fail(`unknown simulator "${target}" (available: woocommerce, prestashop)`);
  const opts: WooSimulatorOptions = { port: 8080 };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) fail(`${a}: value missing`);
      return v;
    };
    switch (a) {
      case '--port': opts.port = Number.parseInt(value(), 10); break;
      case '--host': if (value() !== '127.0.0.1') fail('--host: only 127.0.0.1 is supported'); break;
      case '--key': opts.key = value(); break;
      case '--secret': opts.secret = value(); break;
      case '--tls': opts.tls = true; break;
      case '--latency': opts.latencyMs = Number.parseInt(value(), 10); break;
      case '--seed': {
        const v = value();
        if (v !== 'fixtures' && v !== 'empty') fail('--seed: fixtures or empty');
        opts.seed = v;
        break;
      }
      case '--allow-basic-over-http': opts.allowBasicOverHttp = true; break;
      case '--prices-include-tax': opts.prices_include_tax = ['yes', 'true', '1'].includes(value().toLowerCase()); break;
      case '--batch-limit': opts.batchLimit = Number.parseInt(value(), 10); break;
      case '--wp-user': opts.wpUser = value(); break;
      case '--wp-password': opts.wpAppPassword = value(); break;
      case '--permissions': {
        const v = value();
        if (v !== 'read' && v !== 'write' && v !== 'read_write') fail('--permissions: read, write or read_write');
        opts.permissions = v;
        break;
      }
      case '--no-webhooks': opts.webhooks = false; break;
      default: fail(`unknown option ${a}`);
    }
  }
  if (opts.port !== undefined && (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535)) fail('--port: 0-65535');

  const sim = await startWooSimulator(opts);
  let caFile = '';
  if (sim.ca) {
    caFile = path.join(os.tmpdir(), `passerelle-woo-simulator-${process.pid}.pem`);
    fs.writeFileSync(caFile, sim.ca);
  }
  const lines = [
    'WooCommerce 10.0.2 simulator (wc/v3) — Passerelle test tool',
    `  site URL        ${sim.url}`,
    `  REST API        ${sim.apiUrl}`,
    `  consumer key    ${sim.key}`,
    `  consumer secret ${sim.secret}`,
    `  auth            ${sim.url.startsWith('https') ? 'HTTP Basic or ?consumer_key=&consumer_secret= (HTTPS), OAuth 1.0a also accepted' : `OAuth 1.0a (plain HTTP)${opts.allowBasicOverHttp ? ', and Basic / query string (--allow-basic-over-http)' : ''}`}`,
    `  media (wp/v2)   user "${sim.wpUser}", application password "${sim.wpAppPassword}"`,
    `  seed            ${opts.seed ?? 'empty'}${opts.latencyMs ? `, latency ${opts.latencyMs} ms` : ''}, prices include tax: ${sim.state.option('woocommerce_prices_include_tax')}`,
    ...(caFile ? [`  certificate     ${caFile} (self-signed; e.g. curl --cacert ${caFile})`] : []),
    '',
    sim.url.startsWith('https') || opts.allowBasicOverHttp
      ? `  try: curl ${caFile ? `--cacert ${caFile} ` : ''}-u ${sim.key}:${sim.secret} '${sim.apiUrl}/products?per_page=5'`
      : `  try: curl '${sim.url}/wp-json/'   (API calls need OAuth 1.0a signatures over HTTP, or start with --allow-basic-over-http)`,
    '  Ctrl+C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const stop = async () => {
    await sim.close();
    if (caFile) fs.rmSync(caFile, { force: true });
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

async function prestashop(argv: string[]): Promise<void> {
  const opts: PrestaShopSimulatorOptions = { port: 8081 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) fail(`${a}: value missing`);
      return v;
    };
    switch (a) {
      case '--port': opts.port = Number.parseInt(value(), 10); break;
      case '--host': if (value() !== '127.0.0.1') fail('--host: only 127.0.0.1 is supported'); break;
      case '--key': {
        const v = value();
        if (!/^[A-Za-z0-9]{32}$/.test(v)) fail('--key: 32 letters or digits (PrestaShop webservice keys)');
        opts.key = v;
        break;
      }
      case '--latency': opts.latencyMs = Number.parseInt(value(), 10); break;
      case '--seed': {
        const v = value();
        if (v !== 'fixtures' && v !== 'empty') fail('--seed: fixtures or empty');
        opts.seed = v;
        break;
      }
      case '--languages': opts.languages = value().split(',').map((x) => Number.parseInt(x, 10)); break;
      case '--shops': opts.shops = Number.parseInt(value(), 10); break;
      case '--webservice-disabled': opts.webserviceDisabled = true; break;
      default: fail(`unknown option ${a}`);
    }
  }
  if (opts.port !== undefined && (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535)) fail('--port: 0-65535');
  if (opts.latencyMs !== undefined && (!Number.isInteger(opts.latencyMs) || opts.latencyMs < 0)) fail('--latency: a number of milliseconds');
  if (opts.shops !== undefined && (!Number.isInteger(opts.shops) || opts.shops < 1)) fail('--shops: 1 or more');
  if (opts.languages?.some((x) => !Number.isInteger(x) || x < 1)) fail('--languages: ids separated by commas, e.g. 1,2');
  const sim = await startPrestaShopSimulator(opts);
  const lines = [
    // "listening on": the line scripts (the README test) wait for before going on.
    `PrestaShop 8.1.2 webservice simulator — Passerelle test tool, listening on ${sim.url}`,
    `  shop URL        ${sim.url}`,
    `  API             ${sim.apiUrl}/`,
    `  webservice key  ${sim.key}`,
    '  auth            HTTP Basic with the key as user and an empty password, or ?ws_key=KEY',
    `  seed            ${opts.seed ?? 'empty'}${opts.latencyMs ? `, latency ${opts.latencyMs} ms` : ''}${opts.shops && opts.shops > 1 ? `, ${opts.shops} shops` : ''}`,
    '',
    `  try: curl -u ${sim.key}: '${sim.apiUrl}/products?output_format=JSON&display=full'`,
    '  Ctrl+C to stop.',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  const stop = async () => {
    await sim.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
  process.exit(1);
});
