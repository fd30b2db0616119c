/**
 * The JSON schemas of the service's core routes (server.ts): fastify validates requests with them
 * and @fastify/swagger builds the OpenAPI document (/api/docs) from them. Answers are serialized
 * with JSON.stringify (server.ts), so a response schema documents and never trims a reply.
 * Objects stay open (no additionalProperties: false): fastify's validator would silently drop
 * a field a newer client sends instead of refusing it.
 */
import type { FastifyError, FastifySchema } from 'fastify';
import { ConfigError, PasserelleError } from '../errors.js';
import { AccessError } from './access.js';
import { msg } from '../i18n/catalogue.js';

type Schema = Record<string, unknown>;

export const TAGS = [
  { name: 'service', description: 'Health and description of the service' },
  { name: 'profiles', description: 'Profiles: a GesCom, a shop and their options (secrets masked)' },
  { name: 'runs', description: 'Runs of actions, their history and live journal' },
  { name: 'operation', description: 'Metrics for monitoring' },
];

const open = (properties: Record<string, Schema>, description: string, required?: string[]): Schema => ({
  type: 'object', description, properties, additionalProperties: true, ...(required ? { required } : {}),
});

export const errorReply = open({
  error: { type: 'string', description: 'Stable error token (English): ConfigError, RunLockedError, NotFound, ForeignHost, Unauthorized…' },
  message: { type: 'string', description: "What is wrong, in the application's language or the request's Accept-Language" },
  entity: { type: 'string', description: 'What the error is about: "profile demo", "run 12", "request"' },
  field: { type: 'string', description: 'The field at fault, dotted: "http.timeoutSeconds", "action", "Host"' },
  issues: { type: 'array', description: 'Every problem of a profile that does not validate', items: open({ path: { type: 'string' }, message: { type: 'string' } }, 'One problem') },
}, 'An error: one message naming the entity and the field');

/** Every error status a route may answer, described once (route files take theirs from here). */
export const errors = (...codes: number[]): Record<number, Schema> => {
  const what: Record<number, string> = {
    400: 'Bad input, named by entity and field', 401: 'Access token missing or wrong (when the service requires one)',
    403: 'Foreign Host, cross-site Origin, or options password required', 404: 'Unknown profile or run',
    409: 'A run of this profile is in progress', 502: 'The shop could not be read: its answer, or why it did not answer',
    503: 'The data folder cannot be written',
  };
  return Object.fromEntries(codes.map((c) => [c, { ...errorReply, description: what[c] }]));
};

/** The access rules' refusals (access.ts), added by server.ts to every route that describes its answers. */
export const accessRefusals = errors(401, 403);

const profileName = { type: 'string', description: 'Profile name' };
const profileParams = { type: 'object', properties: { name: profileName }, required: ['name'] };
const runParams = { type: 'object', properties: { id: { type: 'integer', minimum: 1, description: 'Run id' } }, required: ['id'] };

const anyProfile = open({
  name: profileName,
  gescom: open({ kind: { type: 'string' } }, 'The GesCom: kind and connection'),
  shop: open({ kind: { type: 'string' }, url: { type: 'string' } }, 'The shop: kind, address and keys (masked)'),
}, 'A profile with every option (`GET /api/options` lists them); secrets read "********"');

const counts = {
  type: 'object', description: 'Per entity: created, updated, unchanged, skipped, failed',
  additionalProperties: open({
    created: { type: 'integer' }, updated: { type: 'integer' }, unchanged: { type: 'integer' }, skipped: { type: 'integer' }, failed: { type: 'integer' },
  }, 'Counts of one entity'),
};

export const runRecord = open({
  id: { type: 'integer' },
  profile: { type: 'string' },
  action: { type: 'string' },
  params: { type: 'object', additionalProperties: true, description: 'The parameters the run was given' },
  status: { type: 'string', enum: ['running', 'succeeded', 'partial', 'failed', 'interrupted'], description: 'Stable status token' },
  statusLabel: { type: 'string', description: "The status in the reader's language" },
  startedAt: { type: 'string', format: 'date-time' },
  endedAt: { type: ['string', 'null'], format: 'date-time' },
  message: { type: ['string', 'null'], description: 'Why the run ended as it did, when it says' },
  requests: { type: 'integer', description: 'Requests sent to the shop, retries included' },
  writeRequests: { type: 'integer', description: 'Among them, the writes (POST, PUT, PATCH, DELETE)' },
  durationMs: { type: ['integer', 'null'], description: 'null while running' },
  counts,
}, 'A run as recorded in the history');

const schemas = {
  health: {
    tags: ['service'], summary: 'Health of the service',
    description: 'Probes the data folder on every call: 503 with status "error" when it cannot be written or its disk is full.',
    response: {
      200: open({
        status: { type: 'string', enum: ['ok'] }, version: { type: 'string' }, dataDir: { type: 'string' },
        profiles: { type: 'integer', description: 'How many profiles exist' }, defaultProfile: { type: ['string', 'null'] },
      }, 'The service is up'),
      ...errors(503),
    },
  },
  options: {
    tags: ['profiles'], summary: 'Every profile option',
    description: "Each option's dotted key, type, default, whether it is secret, and its description in French and English.",
    response: {
      200: {
        type: 'array', description: 'The options',
        items: open({
          key: { type: 'string' }, type: { type: 'string' }, default: { description: 'Value taken when the option is absent' },
          required: { type: 'boolean' }, nullable: { type: 'boolean' }, secret: { type: 'boolean' },
          description: open({ fr: { type: 'string' }, en: { type: 'string' } }, 'The option described'),
          expected: { type: 'string', description: "Accepted values in words, in the reader's language" },
        }, 'One option'),
      },
      ...errors(),
    },
  },
  actions: {
    tags: ['runs'], summary: 'The actions a run can perform',
    response: {
      200: { type: 'array', description: 'The actions', items: open({ name: { type: 'string' }, description: { type: 'string' }, needsShop: { type: 'boolean' } }, 'One action') },
      ...errors(),
    },
  },
  listProfiles: {
    tags: ['profiles'], summary: 'List the profiles',
    response: {
      200: {
        type: 'array', description: 'The profiles',
        items: open({
          name: profileName, default: { type: 'boolean', description: 'Whether it is the default profile' },
          gescom: { type: 'string', description: 'GesCom kind' }, shop: { type: 'string', description: 'Shop kind' }, url: { type: 'string', description: 'Shop address' },
        }, 'One profile in short'),
      },
      ...errors(503),
    },
  },
  readProfile: {
    tags: ['profiles'], summary: 'Read a profile (secrets masked)', params: profileParams,
    response: { 200: anyProfile, ...errors(404) },
  },
  createProfile: {
    tags: ['profiles'], summary: 'Create a profile',
    description: 'Needs X-Options-Password when an options password is set. Paths must be absolute.',
    body: { ...anyProfile, required: ['name'], description: 'The profile: name, gescom, shop and any option; absent options take their defaults' },
    response: { 201: anyProfile, ...errors(400) },
  },
  changeProfile: {
    tags: ['profiles'], summary: 'Change a profile',
    description: 'A partial profile, deep-merged, or {"set": {"dotted.key": "raw value"}} as `passerelle profile set`. '
      + 'A secret sent back as "********" keeps the stored one. Needs X-Options-Password when an options password is set.',
    params: profileParams,
    body: open({
      set: { type: 'object', additionalProperties: { type: 'string' }, description: 'Dotted option keys and their values as text' },
    }, 'A partial profile, or {set}'),
    response: { 200: anyProfile, ...errors(400, 404) },
  },
  deleteProfile: {
    tags: ['profiles'], summary: 'Delete a profile and its state', params: profileParams,
    response: {
      200: open({
        deleted: profileName, defaultChanged: { type: 'boolean', description: 'Whether the default profile changed' },
        defaultProfile: { type: ['string', 'null'], description: 'The default profile now' },
      }, 'The profile is deleted'),
      ...errors(404),
    },
  },
  startRun: {
    tags: ['runs'], summary: 'Start a run',
    description: 'Runs in the background; 409 when a run of the profile is in progress. Follow it at the `journal` address.',
    body: open({
      profile: { type: 'string', description: 'Profile (default: the default profile)' },
      action: { type: 'string', description: 'Action name (`GET /api/actions`)' },
      params: { type: 'object', additionalProperties: true, description: "The action's parameters" },
      dryRun: { type: 'boolean', description: 'A preview: reads as the real run would, writes nothing, reports what it would do (`GET /api/runs/:id/preview`)' },
    }, 'What to run', ['action']),
    response: {
      202: open({
        id: { type: 'integer' }, profile: { type: 'string' }, action: { type: 'string' }, status: { type: 'string' }, statusLabel: { type: 'string' },
        journal: { type: 'string', description: 'Address of the live journal (server-sent events)' },
      }, 'The run started'),
      ...errors(400, 404, 409),
    },
  },
  listRuns: {
    tags: ['runs'], summary: 'Run history, newest first',
    querystring: {
      type: 'object',
      properties: {
        profile: { type: 'string', description: 'Only this profile' },
        limit: { type: 'integer', minimum: 1, description: 'How many (default 50, at most 500)' },
      },
    },
    response: { 200: { type: 'array', items: runRecord, description: 'The runs' }, ...errors(400) },
  },
  readRun: {
    tags: ['runs'], summary: 'One run', params: runParams,
    response: { 200: runRecord, ...errors(400, 404) },
  },
  cancelRun: {
    tags: ['runs'], summary: 'Stop a run', description: 'The run is journalled and recorded interrupted at once.', params: runParams,
    response: { 200: open({ cancelled: { type: 'boolean', description: 'false when the run was not running here' } }, 'Done'), ...errors(400) },
  },
  runJournal: {
    tags: ['runs'], summary: "A run's journal, live",
    description: 'Server-sent events: `entry` (one journal line, as JSON), then `end` (the run record). A run that ended before the service started gives `end` only.',
    params: runParams,
    response: { 200: { type: 'string', description: 'text/event-stream' }, ...errors(400, 404) },
  },
  metrics: {
    tags: ['operation'], summary: 'Metrics, Prometheus text format',
    description: 'Runs by profile, action and status, failures, durations, queue length, running runs, webhook deliveries. Needs the access token when the service has one.',
    response: { 200: { type: 'string', description: 'text/plain; version=0.0.4' }, ...errors() },
  },
};

/** Typed as plain schemas: fastify would otherwise infer reply types from each literal. */
export const coreSchemas: Record<keyof typeof schemas, FastifySchema> = schemas;

/** Too many /hooks deliveries from one address: thrown by the rate limit, answered 429 with Retry-After. */
export function rateLimited(seconds: number): AccessError {
  return new AccessError(msg('ops.rateLimited', { seconds }), 'rate', 429, 'RateLimited');
}

/**
 * A request fastify refused before its handler (schema, body too large) as the API's own error,
 * in the reader's language and naming the field; null for any other error.
 */
export function requestError(err: FastifyError, bodyLimit: number): { statusCode: number; error: PasserelleError } | null {
  if (err.validation) return { statusCode: 400, error: validationError(err) };
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    const error = new PasserelleError(msg('ops.bodyTooLarge', { limit: Math.round(bodyLimit / 1024) }), 'request', 'body');
    error.name = 'BodyTooLarge';
    return { statusCode: 413, error };
  }
  return null;
}

/** A request the schema refused, as the API's own error: one message naming the field. */
function validationError(err: FastifyError): ConfigError {
  const first = err.validation?.[0];
  const where = err.validationContext ?? 'body';
  const params = (first?.params ?? {}) as { missingProperty?: string; type?: string };
  const path = (first?.instancePath ?? '').split('/').filter(Boolean);
  if (first?.keyword === 'required' && params.missingProperty) path.push(params.missingProperty);
  const field = path.join('.') || where;
  if (first?.keyword === 'required') return new ConfigError(msg('service.fieldRequired', { field }), `request ${where}`, field);
  if (first?.keyword === 'type' && params.type === 'object') return new ConfigError(msg('service.mustBeObject', { field }), `request ${where}`, field);
  return new ConfigError(msg('ops.invalidField', { field, detail: first?.message ?? err.message }), `request ${where}`, field);
}
