/**
 * The local service: a JSON API on 127.0.0.1 and the web UI on top of it (GET /, web-ui.ts).
 *   GET  /api/health
 *   GET  /api/profiles                 POST /api/profiles
 *   GET  /api/profiles/:name           PATCH /api/profiles/:name   DELETE /api/profiles/:name
 *   GET  /api/options                  (every profile option with default and descriptions)
 *   GET  /api/actions
 *   POST /api/runs {profile, action, params}   GET /api/runs?profile=   GET /api/runs/:id
 *   GET  /api/runs/:id/journal         (server-sent events: `entry` lines, then `end`)
 *   POST /api/runs/:id/cancel
 *   GET  /metrics                      (Prometheus text format)
 *   GET  /api/docs                     (the OpenAPI document, browsable; /api/docs/json)
 * Every request first meets the access rules (access.ts): Host and Origin checks, the access token
 * when the service has one. Every route declares its schema (schemas.ts): requests are validated
 * with it and the OpenAPI document is generated from it.
 * Secrets are masked in every answer; a PATCH that sends the mask back keeps the stored secret.
 * Messages (errors, run status labels, option descriptions' accepted values) are in the
 * application's language (`passerelle settings set language`), read per request; a request
 * whose Accept-Language prefers fr or en gets that language instead. Journal lines stay in
 * their profile's language. Stable tokens (`status`, `error`) are never translated.
 */
import { registerPreviewRoutes } from './routes/preview.js';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { listActions } from '../actions/registry.js';
import type { AppContext } from '../app/app-context.js';
import { asDataFolderError } from '../config/data-folder-error.js';
import { requireOptionsPassword } from '../config/options-password.js';
import { ConfigError, errorMessage, PasserelleError, RunLockedError, UnknownProfileError } from '../errors.js';
import { LANGS, msg, render, type Lang } from '../i18n/catalogue.js';
import { withStatusLabel } from '../i18n/labels.js';
import { listOptions, maskSecrets, type ProfileIssue } from '../profile/options.js';
import { requireAbsolutePaths } from '../profile/paths.js';
import type { RunRecord } from '../state/state-store.js';
import { registerAccessChecks, routePath, type AccessOptions } from './access.js';
import { ServiceMetrics } from './metrics.js';
import { RunManager } from './run-manager.js';
import { registerHookRoutes } from './routes/hooks.js';
import { webhookStates } from './webhook-check.js';
import { accessRefusals, coreSchemas as S, rateLimited, requestError, TAGS } from './schemas.js';
import { registerScheduleRoutes } from './routes/schedule.js';
import type { Scheduler } from './scheduler.js';
import { registerMailRoutes } from './routes/mail.js';
import { registerReferenceListRoutes } from './routes/reference-lists.js';
import { registerCheckRoutes } from './routes/check.js';
import { registerProfileAdminRoutes } from './routes/profile-admin.js';
import { registerWebUi } from './web-ui.js';
import { registerUiTextRoutes } from './routes/ui-texts.js';
import { registerMainWindowRoutes } from './routes/main-window.js';
import { registerOrdersViewRoutes } from './routes/orders-view.js';
import { changedProfile, registerProfileValidateRoutes } from './routes/profile-validate.js';
import { registerSettingsRoutes } from './routes/settings.js';

const VERSION = '0.1.0';
/** A profile or a run request is a few kilobytes: a megabyte is generous and still bounds what a caller can make us parse. */
export const API_BODY_LIMIT = 1024 * 1024;
/** A shop's webhook carries a whole order (many lines, metadata): more room than the API. */
export const HOOKS_BODY_LIMIT = 4 * 1024 * 1024;
/** Deliveries per client address: a shop sending a burst of orders stays under it, a flood does not. */
export const HOOKS_RATE_LIMIT = { max: 120, timeWindowMs: 60_000 };

/** The first of fr/en in the Accept-Language header, by preference (q); undefined when it names neither. */
export function acceptedLanguage(header: string | string[] | undefined): Lang | undefined {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return undefined;
  const ranges = value.split(',').map((part, i) => {
    const [tag = '', ...params] = part.trim().split(';');
    const q = params.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((x) => x !== undefined);
    return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: q === undefined ? 1 : Number(q), i };
  });
  ranges.sort((a, b) => b.q - a.q || a.i - b.i);
  return ranges.find((r) => r.q > 0 && LANGS.includes(r.lang as Lang))?.lang as Lang | undefined;
}

function sendError(reply: FastifyReply, status: number, err: unknown, lang: Lang) {
  const e = err as PasserelleError & { issues?: ProfileIssue[] };
  // Issues as path + message in the reply's language; their catalogue texts stay inside the server.
  const issues = e.issues?.map((i) => ({ path: i.path, message: render(i.text, lang) }));
  return reply.code(status).send({
    error: e.name ?? 'Error', message: errorMessage(err, lang), entity: e.entity, field: e.field, issues,
  });
}

function statusOf(err: unknown): number {
  // The data folder cannot be written: the service is unavailable, not the request wrong.
  if (err instanceof ConfigError && err.field === 'dataDir') return 503;
  if (err instanceof ConfigError && err.field === 'optionsPassword') return 403;
  if (err instanceof RunLockedError) return 409;
  if (err instanceof UnknownProfileError) return 404;
  if (err instanceof PasserelleError || (err as Error).name === 'ProfileValidationError') return 400;
  return 500;
}

export interface ServiceOptions {
  app: AppContext;
  logger?: boolean;
  /** The service's scheduler (`passerelle serve`): health reports it, schedule changes reload it. */
  scheduler?: Scheduler;
  /** Access token and public names (access.ts); none: loopback rules only. */
  access?: AccessOptions;
  /** The /hooks rate limit per client address (default HOOKS_RATE_LIMIT). */
  hooksRateLimit?: { max: number; timeWindowMs: number };
  /**
   * Addresses of the reverse proxies in front of the service: their X-Forwarded-For names the client, so
   * that the /hooks rate limit counts each sender apart instead of the proxy as one (fastify trustProxy).
   */
  trustProxy?: string[];
  /** More routes, declared with the service's own (tests, embedding). */
  routes?: ((server: FastifyInstance) => void)[];
}

/**
 * PRF-04: the POSTs under /api/profiles that change no option, so need no options password. Runs are
 * not option changes (POST /api/runs needs none either), and describing a GesCom file writes nothing.
 * orders/reset stays guarded: it changes what the profile's state holds as transferred.
 */
const PASSWORD_FREE: ReadonlySet<string> = new Set([
  'POST /api/profiles/:name/orders/preview', // a preview run: nothing written
  'POST /api/profiles/:name/orders/reimport', // an import run, as POST /api/runs
  'POST /api/profiles/setup/gescom', // describes a GesCom file, before any profile exists
]);

export function buildServer({ app, logger = false, scheduler, access = {}, hooksRateLimit = HOOKS_RATE_LIMIT, routes = [], trustProxy = [] }: ServiceOptions): { server: FastifyInstance; runs: RunManager } {
  const server = Fastify({ logger, bodyLimit: API_BODY_LIMIT, trustProxy: trustProxy.length ? trustProxy : false });
  const runs = new RunManager(app);
  const metrics = new ServiceMetrics(app);
  app.afterRun.push(metrics.hook);
  server.addHook('onClose', async () => {
    const i = app.afterRun.indexOf(metrics.hook);
    if (i >= 0) app.afterRun.splice(i, 1);
  });

  registerAccessChecks(server, access);
  // /hooks routes get their own body limit and the rate limit, whoever declares them (before the
  // rate-limit plugin reads the route's config: this hook is the first onRoute hook).
  server.addHook('onRoute', function (route) {
    // A route declared on the root instance comes before swagger and the rate limit are loaded:
    // it would be missing from /api/docs and unlimited. Declare it in the routes plugin below.
    if (this === server) throw new Error(`${String(route.method)} ${route.url}: declare routes inside buildServer's routes plugin (src/service/server.ts)`);
    // Every /api route and /metrics may be refused by the access rules: documented once, here.
    const response = (route.schema as { response?: Record<string, unknown> } | undefined)?.response;
    if (response && !route.url.startsWith('/hooks')) route.schema = { ...route.schema, response: { ...accessRefusals, ...response } };
    if (!route.url.startsWith('/hooks')) return;
    route.bodyLimit ??= HOOKS_BODY_LIMIT;
    route.config = { rateLimit: { max: hooksRateLimit.max, timeWindow: hooksRateLimit.timeWindowMs }, ...(route.config as object | undefined) };
  });
  // Response schemas document the answers; JSON.stringify sends them whole (fastify's own serializer
  // would drop any field a schema forgets).
  server.setSerializerCompiler(() => (data) => JSON.stringify(data));
  void server.register(swagger, {
    openapi: {
      info: { title: 'Passerelle', version: VERSION, description: 'The local service of Passerelle: profiles, runs, their journal and history.' },
      tags: TAGS,
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'The access token, required when the service has one (listening off loopback)' } } },
      security: [{ bearerAuth: [] }],
    },
  });
  // The UI's assets come from the package: the page works offline.
  void server.register(swaggerUi, { routePrefix: '/api/docs' });
  void server.register(rateLimit, { global: false, errorResponseBuilder: (_req, ctx) => rateLimited(Math.ceil(ctx.ttl / 1000)) });

  // PRF-04: with an options password set, changing profiles needs the X-Options-Password header.
  server.addHook('preHandler', async (req) => {
    const path = routePath(req);
    if (path.startsWith('/api/profiles') && ['POST', 'PATCH', 'PUT', 'DELETE'].includes(req.method) && !PASSWORD_FREE.has(`${req.method} ${path}`)) {
      const header = req.headers['x-options-password'];
      // No environment fallback here: the service's own environment must not unlock the API for every caller.
      requireOptionsPassword(app.profiles.settings(), (Array.isArray(header) ? header[0] : header) ?? '');
    }
  });

  const langOf = (req: FastifyRequest): Lang => acceptedLanguage(req.headers['accept-language']) ?? app.language();

  server.setErrorHandler((err, req, reply) => {
    const refused = requestError(err as FastifyError, req.routeOptions.bodyLimit ?? API_BODY_LIMIT);
    if (refused) return sendError(reply, refused.statusCode, refused.error, langOf(req));
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status < 500) return sendError(reply, status, err, langOf(req));
    const mapped = asDataFolderError(err, app.dir.root);
    return sendError(reply, statusOf(mapped), mapped, langOf(req));
  });

  // Routes are declared inside this plugin, once swagger and the rate limit are loaded: both learn
  // routes as they are declared. New route files: one register line each in here.
  void server.register(async (scope) => {
    coreRoutes(scope, app, runs, metrics, langOf, scheduler);
    registerScheduleRoutes(scope, { app, scheduler, langOf });
    registerMailRoutes(scope, app);
    registerReferenceListRoutes(scope, app, langOf);
    registerCheckRoutes(scope, app, langOf);
    registerHookRoutes(scope, app);
    registerPreviewRoutes(scope, app, langOf);
    registerProfileAdminRoutes(scope, app);
    registerMainWindowRoutes(scope, { app, runs, langOf });
    registerOrdersViewRoutes(scope, app, runs, langOf);
    registerProfileValidateRoutes(scope, app, langOf);
    registerSettingsRoutes(scope, app);
    registerUiTextRoutes(scope, app);
    registerWebUi(scope);
    for (const add of routes) add(scope);
  });

  return { server, runs };
}

function coreRoutes(
  server: FastifyInstance, app: AppContext, runs: RunManager, metrics: ServiceMetrics, langOf: (req: FastifyRequest) => Lang, scheduler: Scheduler | undefined,
): void {
  // Probes the data folder on every call: a folder that turned read-only or full shows here, not as "ok".
  server.get('/api/health', { schema: S.health }, async (_req, reply) => {
    const problem = app.checkDataFolder();
    if (problem) {
      return reply.code(503).send({ status: 'error', version: VERSION, dataDir: app.dir.root, message: problem.message, entity: problem.entity, field: problem.field });
    }
    return {
      status: 'ok', version: VERSION, dataDir: app.dir.root, profiles: app.profiles.list().length, defaultProfile: app.profiles.settings().defaultProfile,
      webhooks: webhookStates(app),
      scheduler: scheduler?.health() ?? { running: false, queue: app.queue.stats() },
    };
  });

  server.get('/api/options', { schema: S.options }, async (req) => listOptions(langOf(req)));
  server.get('/api/actions', { schema: S.actions }, async () => listActions().map((a) => ({ name: a.name, description: a.description, needsShop: a.needsShop })));

  server.get('/api/profiles', { schema: S.listProfiles }, async () => {
    const def = app.profiles.settings().defaultProfile;
    return app.profiles.list().map((name) => {
      const p = app.profiles.loadMasked(name);
      return { name, default: name === def, gescom: p.gescom.kind, shop: p.shop.kind, url: p.shop.url };
    });
  });

  server.get<{ Params: { name: string } }>('/api/profiles/:name', { schema: S.readProfile }, async (req) => app.profiles.loadMasked(req.params.name));

  server.post<{ Body: Record<string, unknown> }>('/api/profiles', { schema: S.createProfile }, async (req, reply) => {
    requireAbsolutePaths(req.body ?? {}, `profile ${String(req.body?.name ?? '')}`);
    const saved = app.profiles.create(req.body ?? {});
    return reply.code(201).send(maskSecrets(saved));
  });

  /** Body: a partial profile (deep-merged) or {set: {"dotted.key": "raw value"}} as the CLI's `profile set`. */
  server.patch<{ Params: { name: string }; Body: Record<string, unknown> }>('/api/profiles/:name', { schema: S.changeProfile }, async (req) => {
    return maskSecrets(app.profiles.save(changedProfile(app.profiles.load(req.params.name), req.body ?? {})));
  });

  server.delete<{ Params: { name: string } }>('/api/profiles/:name', { schema: S.deleteProfile }, async (req, reply) => {
    const result = app.profiles.delete(req.params.name);
    app.state.forgetProfile(req.params.name);
    // Says which profile became the default, when the deleted one was it.
    return reply.code(200).send({ deleted: req.params.name, ...result });
  });

  server.post<{ Body: { profile?: string; action?: string; params?: Record<string, unknown>; dryRun?: boolean } }>('/api/runs', { schema: S.startRun }, async (req, reply) => {
    const body = req.body ?? {};
    if (!body.action) throw new ConfigError(msg('service.fieldRequired', { field: 'action' }), 'run', 'action');
    if (body.params !== undefined && (body.params === null || typeof body.params !== 'object' || Array.isArray(body.params))) {
      throw new ConfigError(msg('service.mustBeObject', { field: 'params' }), 'run', 'params');
    }
    const profile = app.profiles.resolveName(body.profile);
    if (body.dryRun !== undefined && typeof body.dryRun !== 'boolean') throw new ConfigError(msg('preview.mustBeBoolean', { field: 'dryRun' }), 'run', 'dryRun');
    const preview = body.dryRun === true;
    const id = await runs.start(profile, body.action, body.params ?? {}, { preview });
    return reply.code(202).send(withStatusLabel({
      id, profile, action: body.action, status: 'running', preview, journal: `/api/runs/${id}/journal`, ...(preview ? { report: `/api/runs/${id}/preview` } : {}),
    }, langOf(req)));
  });

  server.get<{ Querystring: { profile?: string; limit?: number } }>('/api/runs', { schema: S.listRuns }, async (req) => {
    const lang = langOf(req);
    app.state.reapDeadRuns();
    return app.state.runs(req.query.profile, Math.min(Number(req.query.limit ?? 50) || 50, 500)).map((r) => withStatusLabel(r, lang));
  });

  const runNotFound = (req: FastifyRequest, reply: FastifyReply, id: string) =>
    reply.code(404).send({ error: 'NotFound', message: render(msg('service.unknownRun', { id }), langOf(req)), entity: `run ${id}` });

  server.get<{ Params: { id: number } }>('/api/runs/:id', { schema: S.readRun }, async (req, reply) => {
    const run = app.state.run(Number(req.params.id));
    return run ? withStatusLabel(run, langOf(req)) : runNotFound(req, reply, String(req.params.id));
  });

  server.post<{ Params: { id: number } }>('/api/runs/:id/cancel', { schema: S.cancelRun }, async (req) => ({ cancelled: runs.cancel(Number(req.params.id)) }));

  server.get<{ Params: { id: number } }>('/api/runs/:id/journal', { schema: S.runJournal }, (req, reply) => {
    const id = Number(req.params.id);
    if (!app.state.run(id)) {
      void runNotFound(req, reply, String(req.params.id));
      return;
    }
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const lang = langOf(req);
    const end = (record: RunRecord | null | undefined) => {
      send('end', record ? withStatusLabel(record, lang) : record);
      res.end();
    };
    const unsubscribe = runs.follow(id, (e) => send('entry', e), end);
    // A run from before this service started: only its record is known.
    if (!unsubscribe) end(app.state.run(id));
    req.raw.on('close', () => unsubscribe?.());
  });

  server.get('/metrics', { schema: S.metrics }, async (_req, reply) => {
    const { contentType, body } = await metrics.text();
    return reply.type(contentType).send(body);
  });
}
