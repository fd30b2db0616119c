/**
 * `npm run simulator -- shopify [options]`: the Shopify simulator alone, for trying the connector by hand.
 * Prints the URLs and credentials, then serves until Ctrl+C.
 */
import { startShopifySimulator, PLANS, type ShopifySimulatorOptions } from './server.js';

const USAGE = `simulator shopify [options]   (Shopify Admin GraphQL API 2026-10)
  --port N                   port (default 8082; 0 = random)
  --shop DOMAIN              shop domain shown in webhooks and shop { myshopifyDomain } (default passerelle-sim.myshopify.com)
  --token TOKEN              static Admin API token to accept (default shpat_simulator…)
  --client-id ID --client-secret SECRET   credentials of the client credentials grant
  --scopes a,b,c             granted access scopes (default: products, inventory, locations, customers, orders, fulfillments, files; add read_all_orders for orders older than 60 days)
  --plan standard|advanced|plus|enterprise   rate limit bucket (default standard: 2,000 points, 100/s)
  --latency MS               delay added to every answer
  --taxes-included yes|no    shop prices include tax (default yes)`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  process.exit(2);
}

export async function shopifyCli(argv: string[]): Promise<void> {
  const opts: ShopifySimulatorOptions = { port: 8082 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('--')) fail(`${a}: value missing`);
      return v;
    };
    switch (a) {
      case '--help': case '-h': process.stdout.write(`${USAGE}\n`); return;
      case '--port': opts.port = Number.parseInt(value(), 10); break;
      case '--shop': opts.shopDomain = value(); break;
      case '--token': opts.adminToken = value(); break;
      case '--client-id': opts.clientId = value(); break;
      case '--client-secret': opts.clientSecret = value(); break;
      case '--scopes': opts.scopes = value().split(',').map((s) => s.trim()).filter(Boolean); break;
      case '--plan': {
        const v = value();
        if (!(v in PLANS)) fail('--plan: standard, advanced, plus or enterprise');
        opts.plan = v as keyof typeof PLANS;
        break;
      }
      case '--latency': opts.latencyMs = Number.parseInt(value(), 10); break;
      case '--taxes-included': opts.shop = { ...opts.shop, taxesIncluded: ['yes', 'true', '1'].includes(value().toLowerCase()) }; break;
      default: fail(`unknown option ${a}`);
    }
  }
  if (opts.port !== undefined && (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535)) fail('--port: 0-65535');
  if (opts.latencyMs !== undefined && (!Number.isInteger(opts.latencyMs) || opts.latencyMs < 0)) fail('--latency: a number of milliseconds');
  const sim = await startShopifySimulator(opts);
  const lines = [
    // "listening on": the line scripts wait for before going on.
    `Shopify Admin GraphQL API ${sim.apiVersion} simulator — Passerelle test tool, listening on ${sim.url}`,
    `  shop URL        ${sim.url}   (stands for https://${sim.shopDomain})`,
    `  GraphQL         ${sim.graphqlUrl}`,
    `  admin token     ${sim.adminToken}   (header X-Shopify-Access-Token)`,
    `  client id       ${sim.clientId}`,
    `  client secret   ${sim.clientSecret}   (POST ${sim.url}/admin/oauth/access_token, grant_type=client_credentials)`,
    `  scopes          ${[...sim.scopes].join(',')}`,
    '',
    `  try: curl -s -X POST -H 'X-Shopify-Access-Token: ${sim.adminToken}' -H 'Content-Type: application/json' -d '{"query":"{ shop { name } }"}' ${sim.graphqlUrl}`,
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
