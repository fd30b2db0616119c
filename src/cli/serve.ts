/**
 * `passerelle serve` (= `npm start`): first start prepares the demo, then the JSON API listens on
 * 127.0.0.1 and the scheduler runs the profiles' tasks (PRF-10) until SIGTERM / Ctrl-C.
 */
import { webUiFolder } from '../service/web-ui.js';
import type { FastifyInstance } from 'fastify';
import type { InterruptionSource } from '../actions/interruption.js';
import type { AppContext } from '../app/app-context.js';
import { startRetentionJob } from '../app/purge.js';
import { isLoopback } from '../service/access.js';
import { resolveToken } from '../service/access-token.js';
import { ConfigError, errorMessage } from '../errors.js';
import { msg } from '../i18n/catalogue.js';
import type { RunManager } from '../service/run-manager.js';
import { Scheduler } from '../service/scheduler.js';
import { buildServer } from '../service/server.js';
import { startWebhookCheck } from '../service/webhook-check.js';
import { registerStockFollow } from '../app/stock-follow.js';
import { StockWatch } from '../service/stock-watch.js';
import { demoInit } from './demo.js';
import { printLine, printNote } from './output.js';
import { tr } from '../i18n/catalogue.js';
import { notificationsSent, registerRunNotifier } from '../notify/run-notifier.js';
import { startNotifications } from '../notify/notification-service.js';

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
  /** Reverse proxies whose X-Forwarded-For is believed (--trust-proxy, PASSERELLE_TRUST_PROXY). */
  trustProxy?: string[];
}

/** A started service: its HTTP server, API runs and scheduler; `stop` ends it gracefully without exiting the process. */
export interface OpenService {
  server: FastifyInstance;
  runs: RunManager;
  scheduler: Scheduler;
  address: string;
  /**
   * Stops the scheduler, lets every run in progress finish its current item (recorded interrupted
   * with the reason, a journal line), drops queued runs, closes the server and the data folder.
   */
  stop(source: InterruptionSource): Promise<void>;
}

/** The global limit of runs at once (PASSERELLE_MAX_RUNS, default 2). */
function maxRuns(): number | undefined {
  const raw = process.env.PASSERELLE_MAX_RUNS;
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new ConfigError(msg('schedule.err.maxRuns', { value: raw }), 'serve', 'PASSERELLE_MAX_RUNS');
  return n;
}

/** Listens, prepares the demo on a first start, starts the scheduler; no signal handlers (tests drive `stop`). */
export async function openService(app: AppContext, opts: ServeOptions & { reloadMs?: number }): Promise<OpenService> {
  const port = parsePort(opts.port);
  // Off loopback anyone on the network reaches the API: no start without a token.
  const token = resolveToken(app, { tokenFile: opts.tokenFile });
  if (!token && !isLoopback(opts.host)) throw new ConfigError(msg('ops.serve.tokenRequired', { host: opts.host }), 'serve', 'token');
  const publicHosts = [...(opts.publicHosts ?? []), ...(process.env.PASSERELLE_PUBLIC_HOST ?? '').split(',')].map((h) => h.trim()).filter(Boolean);
  const limit = maxRuns();
  if (limit) app.queue.setConcurrency(limit);
  // A data folder that cannot be written does not stop the service: it says so here and in /api/health.
  const problem = app.checkDataFolder();
  if (problem) printNote(problem.message);
  const scheduler = new Scheduler(app, { log: printLine, reloadMs: opts.reloadMs });
  const trustProxy = [...(opts.trustProxy ?? []), ...(process.env.PASSERELLE_TRUST_PROXY ?? '').split(',')].map((h) => h.trim()).filter(Boolean);
  const { server, runs } = buildServer({ app, scheduler, access: { token: token?.token, publicHosts }, trustProxy });
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
  if (!problem) scheduler.start();
  if (token) printNote(tr('ops.serve.tokenInForce', { origin: token.origin }));
  printLine(tr('cli.serviceListening', { url: address }));
  // The page a person opens; off loopback the page asks for the token once (?token=), never printed here.
  printLine(tr(webUiFolder() ? 'cli.webUiAt' : 'cli.webUiMissing', { url: `${address}/` }));
  const webhookCheck = startWebhookCheck(app, (line) => printLine(tr(line.key, line.params)));
  const retention = startRetentionJob(app, (err) => printNote(tr('ops.purge.failed', { detail: errorMessage(err) })));
  const stockWatch = new StockWatch(app, registerStockFollow(app, { queued: true, print: printNote })).start();
  registerRunNotifier(app, { background: true });
  const notifications = startNotifications(app);
  let stopped: Promise<void> | null = null;
  const stop = (source: InterruptionSource): Promise<void> => {
    stopped ??= (async () => {
      scheduler.stop();
      webhookCheck.stop();
      retention.stop();
      await stockWatch.stop();
      if (app.queue.stats().running + app.queue.stats().queued > 0 || runs.active() > 0) printLine(tr('schedule.stopping', { source }));
      await Promise.all([app.queue.stop(source), runs.stopAll(source)]);
      await scheduler.settled();
      notifications.stop();
      await notificationsSent(app);
      await server.close();
      app.close();
    })();
    return stopped;
  };
  return { server, runs, scheduler, address, stop };
}

export async function serve(app: AppContext, opts: ServeOptions): Promise<void> {
  // SIGTERM / Ctrl-C: runs in progress finish their current item and are recorded interrupted, then
  // the service exits 0. A second signal does not wait. The handlers come first: a signal arriving
  // while the service is still starting (its address already printed) stops it once it is up.
  let stopping = false;
  let opened: Promise<OpenService> | null = null;
  const onSignal = async (signal: 'SIGINT' | 'SIGTERM') => {
    if (stopping) process.exit(130);
    stopping = true;
    if (!opened) process.exit(0);
    const service = await opened.catch(() => null);
    if (!service) process.exit(1);
    await service.stop(signal);
    process.exit(0);
  };
  process.on('SIGINT', () => void onSignal('SIGINT'));
  process.on('SIGTERM', () => void onSignal('SIGTERM'));
  opened = openService(app, opts);
  await opened;
}
