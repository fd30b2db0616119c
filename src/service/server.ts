/**
 * The local service: a JSON API on 127.0.0.1 (the web UI comes on top of it).
 *   GET  /api/health
 *   GET  /api/profiles                 POST /api/profiles
 *   GET  /api/profiles/:name           PATCH /api/profiles/:name   DELETE /api/profiles/:name
 *   GET  /api/options                  (every profile option with default and descriptions)
 *   GET  /api/actions
 *   POST /api/runs {profile, action, params}   GET /api/runs?profile=   GET /api/runs/:id
 *   GET  /api/runs/:id/journal         (server-sent events: `entry` lines, then `end`)
 *   POST /api/runs/:id/cancel
 * Secrets are masked in every answer; a PATCH that sends the mask back keeps the stored secret.
 */
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { listActions } from '../actions/registry.js';
import type { AppContext } from '../app/app-context.js';
import { asDataFolderError } from '../config/data-folder-error.js';
import { requireOptionsPassword } from '../config/options-password.js';
import { ConfigError, PasserelleError, RunLockedError } from '../errors.js';
import { listOptions, maskSecrets, secretKeys, setOption } from '../profile/options.js';
import { requireAbsolutePaths } from '../profile/paths.js';
import { getPath, withPath } from '../util/dotted.js';
import { RunManager } from './run-manager.js';

const MASK = '********';
const VERSION = '0.1.0';

function sendError(reply: FastifyReply, status: number, err: unknown) {
  const e = err as PasserelleError & { issues?: unknown };
  return reply.code(status).send({
    error: e.name ?? 'Error', message: e.message ?? String(err), entity: e.entity, field: e.field, issues: e.issues,
  });
}

function statusOf(err: unknown): number {
  // The data folder cannot be written: the service is unavailable, not the request wrong.
  if (err instanceof ConfigError && err.field === 'dataDir') return 503;
  if (err instanceof ConfigError && err.field === 'optionsPassword') return 403;
  if (err instanceof RunLockedError) return 409;
  if (err instanceof ConfigError && /unknown profile|profil inconnu/.test(err.message)) return 404;
  if (err instanceof PasserelleError || (err as Error).name === 'ProfileValidationError') return 400;
  return 500;
}

export interface ServiceOptions {
  app: AppContext;
  logger?: boolean;
}

export function buildServer({ app, logger = false }: ServiceOptions): { server: FastifyInstance; runs: RunManager } {
  const server = Fastify({ logger });
  const runs = new RunManager(app);

  // PRF-04: with an options password set, changing profiles needs the X-Options-Password header.
  server.addHook('preHandler', async (req) => {
    if (req.url.startsWith('/api/profiles') && ['POST', 'PATCH', 'PUT', 'DELETE'].includes(req.method)) {
      const header = req.headers['x-options-password'];
      // No environment fallback here: the service's own environment must not unlock the API for every caller.
      requireOptionsPassword(app.profiles.settings(), (Array.isArray(header) ? header[0] : header) ?? '');
    }
  });

  server.setErrorHandler((err, _req, reply) => {
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status < 500) return sendError(reply, status, err);
    const mapped = asDataFolderError(err, app.dir.root);
    return sendError(reply, statusOf(mapped), mapped);
  });

  // Probes the data folder on every call: a folder that turned read-only or full shows here, not as "ok".
  server.get('/api/health', async (_req, reply) => {
    const problem = app.checkDataFolder();
    if (problem) {
      return reply.code(503).send({ status: 'error', version: VERSION, dataDir: app.dir.root, message: problem.message, entity: problem.entity, field: problem.field });
    }
    return { status: 'ok', version: VERSION, dataDir: app.dir.root, profiles: app.profiles.list().length, defaultProfile: app.profiles.settings().defaultProfile };
  });

  server.get('/api/options', async () => listOptions());
  server.get('/api/actions', async () => listActions().map((a) => ({ name: a.name, description: a.description, needsShop: a.needsShop })));

  server.get('/api/profiles', async () => {
    const def = app.profiles.settings().defaultProfile;
    return app.profiles.list().map((name) => {
      const p = app.profiles.loadMasked(name);
      return { name, default: name === def, gescom: p.gescom.kind, shop: p.shop.kind, url: p.shop.url };
    });
  });

  server.get<{ Params: { name: string } }>('/api/profiles/:name', async (req) => app.profiles.loadMasked(req.params.name));

  server.post<{ Body: Record<string, unknown> }>('/api/profiles', async (req, reply) => {
    requireAbsolutePaths(req.body ?? {}, `profile ${String(req.body?.name ?? '')}`);
    const saved = app.profiles.create(req.body ?? {});
    return reply.code(201).send(maskSecrets(saved));
  });

  /** Body: a partial profile (deep-merged) or {set: {"dotted.key": "raw value"}} as the CLI's `profile set`. */
  server.patch<{ Params: { name: string }; Body: Record<string, unknown> }>('/api/profiles/:name', async (req) => {
    const current = app.profiles.load(req.params.name);
    let next = current;
    const body = req.body ?? {};
    if (body.set && typeof body.set === 'object') {
      for (const [key, raw] of Object.entries(body.set as Record<string, unknown>)) next = setOption(next, key, String(raw));
    } else {
      next = deepMerge(current, body) as typeof current;
    }
    // A masked secret sent back unchanged keeps the stored value.
    for (const k of secretKeys()) if (getPath(next, k) === MASK) next = withPath(next, k, getPath(current, k));
    requireAbsolutePaths(next, `profile ${current.name}`, current);
    if (next.name !== current.name) throw new ConfigError('utilisez la commande rename / use rename to change a name', `profile ${current.name}`, 'name');
    return maskSecrets(app.profiles.save(next));
  });

  server.delete<{ Params: { name: string } }>('/api/profiles/:name', async (req, reply) => {
    const result = app.profiles.delete(req.params.name);
    app.state.forgetProfile(req.params.name);
    // Says which profile became the default, when the deleted one was it.
    return reply.code(200).send({ deleted: req.params.name, ...result });
  });

  server.post<{ Body: { profile?: string; action?: string; params?: Record<string, unknown> } }>('/api/runs', async (req, reply) => {
    const body = req.body ?? {};
    if (!body.action) throw new ConfigError('champ « action » requis / field "action" required', 'run', 'action');
    if (body.params !== undefined && (body.params === null || typeof body.params !== 'object' || Array.isArray(body.params))) {
      throw new ConfigError('« params » doit être un objet / "params" must be an object', 'run', 'params');
    }
    const profile = app.profiles.resolveName(body.profile);
    const id = await runs.start(profile, body.action, body.params ?? {});
    return reply.code(202).send({ id, profile, action: body.action, status: 'running', journal: `/api/runs/${id}/journal` });
  });

  server.get<{ Querystring: { profile?: string; limit?: string } }>('/api/runs', async (req) =>
    app.state.runs(req.query.profile, Math.min(Number(req.query.limit ?? 50) || 50, 500)),
  );

  server.get<{ Params: { id: string } }>('/api/runs/:id', async (req, reply) => {
    const run = app.state.run(Number(req.params.id));
    return run ?? reply.code(404).send({ error: 'NotFound', message: `run ${req.params.id} inconnu / unknown`, entity: `run ${req.params.id}` });
  });

  server.post<{ Params: { id: string } }>('/api/runs/:id/cancel', async (req) => ({ cancelled: runs.cancel(Number(req.params.id)) }));

  server.get<{ Params: { id: string } }>('/api/runs/:id/journal', (req, reply) => {
    const id = Number(req.params.id);
    if (!app.state.run(id)) {
      void reply.code(404).send({ error: 'NotFound', message: `run ${req.params.id} inconnu / unknown`, entity: `run ${req.params.id}` });
      return;
    }
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const end = (record: unknown) => {
      send('end', record);
      res.end();
    };
    const unsubscribe = runs.follow(id, (e) => send('entry', e), end);
    // A run from before this service started: only its record is known.
    if (!unsubscribe) end(app.state.run(id));
    req.raw.on('close', () => unsubscribe?.());
  });

  return { server, runs };
}

function deepMerge(base: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  if (base === null || typeof base !== 'object' || Array.isArray(base)) return patch;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) out[k] = deepMerge(out[k], v);
  return out;
}
