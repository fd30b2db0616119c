/**
 * POST /api/profiles/:name/check: PRF-09 "Tester la connexion", check by check (the checks of
 * `passerelle check`), each with its state, what was found and the option to look at. A refused
 * key or an unreachable shop is a check in error, never a failed request.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '@fastify/swagger';
import type { AppContext } from '../../app/app-context.js';
import { diagnose, type DiagnosisItem } from '../../actions/connection-diagnosis.js';
import type { Lang } from '../../i18n/catalogue.js';
import type { ApiCheck } from '../api-types-mapping.js';

const fits: [DiagnosisItem] extends [ApiCheck] ? true : false = true;
void fits;

const checkSchema = {
  summary: 'Test the connection (diagnosis check by check)',
  description: 'Opens the profile\'s GesCom and shop as the actions do and runs the checks of `passerelle check`: GesCom connection and content, every code the profile names, the shop\'s address, API and keys, prices with or without tax, currency and tax classes. Nothing is written.',
  tags: ['profiles'],
  params: { type: 'object', required: ['name'], properties: { name: { type: 'string', description: 'Profile name' } } },
  body: { type: ['object', 'null'], additionalProperties: false, properties: {} },
  response: {
    200: {
      type: 'object',
      properties: {
        profile: { type: 'string' },
        ok: { type: 'boolean', description: 'No check in error' },
        checks: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string', description: 'Stable id, e.g. gescom.connection, shop.auth, money.orders.mappings.currencies' },
              side: { type: 'string', enum: ['gescom', 'shop'] },
              label: { type: 'string', description: 'What was checked, in the reader\'s language' },
              state: { type: 'string', enum: ['ok', 'warning', 'error'] },
              message: { type: 'string', description: 'What was found' },
              entity: { type: 'string' },
              field: { type: 'string', description: 'The option to look at' },
            },
            required: ['id', 'side', 'label', 'state', 'message'],
          },
        },
      },
    },
  },
} as const;

export function registerCheckRoutes(server: FastifyInstance, app: AppContext, langOf: (req: FastifyRequest) => Lang): void {
  server.post<{ Params: { name: string } }>('/api/profiles/:name/check', { schema: checkSchema }, async (req) => {
    const profile = app.profiles.load(req.params.name);
    const checks = await diagnose(profile, app.state, langOf(req));
    return { profile: profile.name, ok: !checks.some((c) => c.state === 'error'), checks };
  });
}
