/** `passerelle serve` (= `npm start`): first start prepares the demo, then the JSON API listens on 127.0.0.1. */
import type { AppContext } from '../app/app-context.js';
import { startRetentionJob } from '../app/purge.js';
import { isLoopback } from '../service/access.js';
import { resolveToken } from '../service/access-token.js';
import { ConfigError, errorMessage } from '../errors.js';
import { msg } from '../i18n/catalogue.js';
import { buildServer } from '../service/server.js';
import { demoInit } from './demo.js';
import { printLine, printNote } from './output.js';
import { tr } from '../i18n/catalogue.js';

/** `--port` / PASSERELLE_PORT as a port number (0 = any free port), or one clear line (never Node's RangeError). */
export function parsePort(value: string): number {
  const port = /^\d{1,5}$/.test(value.trim()) ? Number(value.trim()) : NaN;
  if (!(port >= 0 && port <= 65535)) throw new ConfigError(msg('cli.err.portInvalid', { port: value }), 'serve', 'port');
  return port;
}

/** A listen failure (port taken, address not local, no right to a low port) as one line naming the port. */
export function listenError(err: unknown, host: string, port: number): unknown {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return new ConfigError(msg('cli.err.portInUse', { host, port }), 'serve', 'port');
  if (code === 'EACCES' || code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new ConfigError(msg('cli.err.listenFailed', { host, port, detail: code }), 'serve', code === 'EACCES' ? 'port' : 'host');
  }
  return err;
}

export interface ServeOptions {
  port: string;
  host: string;
  /** File holding the access token (access-token.ts lists the other sources). */
  tokenFile?: string;
  /** Names the service answers as beside its loopback ones (--public-host, PASSERELLE_PUBLIC_HOST). */
  publicHosts?: string[];
}

export async function serve(app: AppContext, opts: ServeOptions): Promise<void> {
  const port = parsePort(opts.port);
  // Off loopback anyone on the network reaches the API: no start without a token.
  const token = resolveToken(app, { tokenFile: opts.tokenFile });
  if (!token && !isLoopback(opts.host)) throw new ConfigError(msg('ops.serve.tokenRequired', { host: opts.host }), 'serve', 'token');
  const publicHosts = [...(opts.publicHosts ?? []), ...(process.env.PASSERELLE_PUBLIC_HOST ?? '').split(',')].map((h) => h.trim()).filter(Boolean);
  // A data folder that cannot be written does not stop the service: it says so here and in /api/health.
  const problem = app.checkDataFolder();
  if (problem) printNote(problem.message);
  const { server, runs } = buildServer({ app, access: { token: token?.token, publicHosts } });
  let address: string;
  try {
    address = await server.listen({ port, host: opts.host });
  } catch (err) {
    await server.close();
    throw listenError(err, opts.host, port);
  }
  // The demo only once the port is ours: a refused start leaves the data folder as it was.
  if (!problem && !app.profiles.exists('demo') && app.profiles.list().length === 0) {
    const result = await demoInit(app, { shop: {} });
    printLine(tr('cli.demoReady', { db: result.db }));
  }
  printLine(tr('cli.serviceListening', { url: address }));
  if (token) printNote(tr('ops.serve.tokenInForce', { origin: token.origin }));
  const retention = startRetentionJob(app, (err) => printNote(tr('ops.purge.failed', { detail: errorMessage(err) })));
  // Runs in progress are recorded interrupted before the service goes: first, so that their event
  // streams end and the server can close. A second signal does not wait.
  let stopping = false;
  const stop = async (signal: 'SIGINT' | 'SIGTERM') => {
    if (stopping) process.exit(130);
    stopping = true;
    retention.stop();
    await runs.interruptAll(signal);
    await server.close();
    app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
