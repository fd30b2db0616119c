/**
 * `npm run simulator -- shopify [options]`: the Shopify simulator alone, for trying the connector by hand.
 * Prints the URLs and credentials, then serves until Ctrl+C.
 */
import { parseArgs } from 'node:util';
import { startShopifySimulator, PLANS, type ShopifySimulatorOptions } from './server.js';

const parse = (args: string[]) => parseArgs({
  args,
  strict: true,
  options: {
    help: { type: 'boolean', short: 'h' }, port: { type: 'string' }, shop: { type: 'string' }, token: { type: 'string' },
    'client-id': { type: 'string' }, 'client-secret': { type: 'string' }, scopes: { type: 'string' }, plan: { type: 'string' },
    latency: { type: 'string' }, 'taxes-included': { type: 'string' },
  },
});

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
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (e) {
    fail(e instanceof Error ? e.message : String(e));
  }
  const v = parsed.values;
  if (v.help) { process.stdout.write(`${USAGE}\n`); return; }
  const int = (name: string, raw: string | undefined, max: number): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0 || n > max) fail(`--${name}: a whole number from 0 to ${max}`);
    return n;
  };
  if (v.plan !== undefined && !(v.plan in PLANS)) fail('--plan: standard, advanced, plus or enterprise');
  const opts: ShopifySimulatorOptions = {
    port: int('port', v.port, 65535) ?? 8082,
    ...(v.shop ? { shopDomain: v.shop } : {}),
    ...(v.token ? { adminToken: v.token } : {}),
    ...(v['client-id'] ? { clientId: v['client-id'] } : {}),
    ...(v['client-secret'] ? { clientSecret: v['client-secret'] } : {}),
    ...(v.scopes ? { scopes: v.scopes.split(',').map((x) => x.trim()).filter(Boolean) } : {}),
    ...(v.plan ? { plan: v.plan as keyof typeof PLANS } : {}),
    ...(v.latency !== undefined ? { latencyMs: int('latency', v.latency, 600_000) } : {}),
    ...(v['taxes-included'] !== undefined ? { shop: { taxesIncluded: ['yes', 'true', '1'].includes(v['taxes-included'].toLowerCase()) } } : {}),
  };
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
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void sim.close().then(() => process.exit(0)));
}
