/**
 * The profile form's server side (the web UI's profile dialog):
 *   POST /api/profiles/:name/validate   the same body as PATCH /api/profiles/:name, checked, never saved
 *   GET  /api/option-shapes             section titles, item fields of object lists, item types of lists
 * `changedProfile` is the one reading of a change body: PATCH saves what it returns, validate checks it,
 * so that what the form shows as refused is exactly what saving would refuse.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '@fastify/swagger';
import type { AppContext } from '../../app/app-context.js';
import { ConfigError, errorMessage } from '../../errors.js';
import { msg, render, type Lang } from '../../i18n/catalogue.js';
import { listOptions, listSections, MASK, ProfileValidationError, secretKeys, setOption, validateProfile } from '../../profile/options.js';
import { requireAbsolutePaths } from '../../profile/paths.js';
import { profileSchema, type Profile } from '../../profile/schema.js';
import { z } from 'zod';
import { getPath, withPath } from '../../util/dotted.js';
import type { ApiFieldShape, ApiOptionShapes, ApiProfileIssue, ApiValidation } from '../api-types-settings.js';
import { errorReply } from '../schemas.js';

function deepMerge(base: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return patch;
  if (base === null || typeof base !== 'object' || Array.isArray(base)) return patch;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch as Record<string, unknown>)) out[k] = deepMerge(out[k], v);
  return out;
}

/**
 * The profile a change body asks for: a partial profile (deep-merged, lists replaced) or
 * {set: {"dotted.key": "raw value"}} as `passerelle profile set`. A masked secret sent back keeps the
 * stored one; a relative path or a new name is refused (ConfigError naming the field). Not yet validated
 * as a whole when the body is a partial profile: the store's save (or `validateProfile`) does it.
 */
export function changedProfile(current: Profile, body: Record<string, unknown>): Profile {
  let next = current;
  if (body.set && typeof body.set === 'object') {
    for (const [key, raw] of Object.entries(body.set as Record<string, unknown>)) next = setOption(next, key, String(raw));
  } else {
    next = deepMerge(current, body) as Profile;
  }
  for (const k of secretKeys()) if (getPath(next, k) === MASK) next = withPath(next, k, getPath(current, k));
  requireAbsolutePaths(next, `profile ${current.name}`, current);
  if (next.name !== current.name) throw new ConfigError(msg('service.useRename'), `profile ${current.name}`, 'name');
  return next;
}

/** What saving `body` would refuse, by field, in `lang`. */
export function profileChangeIssues(current: Profile, body: Record<string, unknown>, lang: Lang): ApiProfileIssue[] {
  try {
    validateProfile(changedProfile(current, body));
    return [];
  } catch (err) {
    if (err instanceof ProfileValidationError) return err.issues.map((i) => ({ path: i.path, message: render(i.text, lang) }));
    if (err instanceof ConfigError) return [{ path: err.field ?? '', message: errorMessage(err, lang) }];
    throw err;
  }
}

const nameParams = { type: 'object', required: ['name'], properties: { name: { type: 'string', description: 'Profile name' } } } as const;

const validateSchema = {
  tags: ['profiles'],
  summary: 'Check a profile change without saving it',
  description: 'The body of PATCH /api/profiles/:name (a partial profile, or {"set": {"dotted.key": "raw value"}}), checked against the '
    + 'profile schema as saving would; nothing is written. Needs X-Options-Password when an options password is set.',
  params: nameParams,
  body: {
    type: 'object', additionalProperties: true, description: 'A partial profile, or {set}',
    properties: { set: { type: 'object', additionalProperties: { type: 'string' }, description: 'Dotted option keys and their values as text' } },
  },
  response: {
    200: {
      type: 'object',
      description: 'Whether saving would succeed, and every problem by dotted option key',
      properties: {
        valid: { type: 'boolean' },
        issues: {
          type: 'array',
          items: { type: 'object', properties: { path: { type: 'string', description: 'Dotted option key' }, message: { type: 'string', description: 'The problem, in the reply\'s language' } } },
        },
      },
    },
    404: { ...errorReply, description: 'Unknown profile' },
  },
} as const;

const fieldShape = {
  type: 'object',
  properties: {
    type: { type: 'string', enum: ['string', 'number', 'integer', 'boolean', 'enum', 'list', 'object'] },
    enumValues: { type: 'array', items: { type: 'string' } },
    default: { description: 'Value taken when the field is absent' },
    required: { type: 'boolean' },
  },
} as const;

const shapesSchema = {
  tags: ['profiles'],
  summary: 'Shapes of profile options, for forms',
  description: 'Section titles in French and English, the fields of each object list\'s items and the type of each list\'s items, by dotted option key '
    + '(what GET /api/options does not say).',
  response: {
    200: {
      type: 'object',
      properties: {
        sections: {
          type: 'array',
          items: { type: 'object', properties: { key: { type: 'string' }, description: { type: 'object', properties: { fr: { type: 'string' }, en: { type: 'string' } } } } },
        },
        items: { type: 'object', additionalProperties: { type: 'object', additionalProperties: fieldShape } },
        listItems: { type: 'object', additionalProperties: fieldShape },
      },
    },
  },
} as const;

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
}

function shapeOf(s: JsonSchema, required: boolean): ApiFieldShape {
  const base = { required, ...(s.default !== undefined ? { default: s.default } : {}) };
  if (s.enum) return { type: 'enum', enumValues: s.enum.map(String), ...base };
  const t = Array.isArray(s.type) ? s.type[0] : s.type;
  if (t === 'integer' || t === 'number' || t === 'boolean' || t === 'string') return { type: t, ...base };
  if (t === 'array') return { type: 'list', ...base };
  return { type: t === 'object' ? 'object' : 'string', ...base };
}

let shapes: ApiOptionShapes | undefined;

/** Read once from the profile schema's JSON Schema (zod's own export), the same schema listOptions walks. */
function optionShapes(): ApiOptionShapes {
  if (shapes) return shapes;
  const json = z.toJSONSchema(profileSchema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const at = (key: string) => key.split('.').reduce<JsonSchema | undefined>((s, part) => s?.properties?.[part], json);
  const items: ApiOptionShapes['items'] = {};
  const listItems: ApiOptionShapes['listItems'] = {};
  for (const o of listOptions()) {
    const element = at(o.key)?.items;
    if (!element) continue;
    if (o.type === 'object-list') {
      const req = new Set(element.required ?? []);
      items[o.key] = Object.fromEntries(Object.entries(element.properties ?? {}).map(([f, s]) => [f, shapeOf(s, req.has(f))]));
    } else if (o.type === 'list') {
      listItems[o.key] = shapeOf(element, true);
    }
  }
  shapes = { sections: listSections().map((s) => ({ key: s.key, description: s.description })), items, listItems };
  return shapes;
}

export function registerProfileValidateRoutes(server: FastifyInstance, app: AppContext, langOf: (req: FastifyRequest) => Lang): void {
  server.post<{ Params: { name: string }; Body: Record<string, unknown> }>('/api/profiles/:name/validate', { schema: validateSchema }, async (req): Promise<ApiValidation> => {
    const issues = profileChangeIssues(app.profiles.load(req.params.name), req.body ?? {}, langOf(req));
    return { valid: issues.length === 0, issues };
  });
  server.get('/api/option-shapes', { schema: shapesSchema }, async () => optionShapes());
}
