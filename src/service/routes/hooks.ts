/**
 * `POST /hooks/:kind/:profile`: the shops' webhook deliveries (src/service/webhook-inbox.ts).
 * Authenticated by the delivery's signature only (no API token, no Origin check: the shop is not
 * a browser). The raw body is kept as bytes, because the signature is computed on them: the
 * parser below is scoped to these routes, /api keeps fastify's JSON parsing.
 */
import type { FastifyInstance, FastifySchema } from 'fastify';
import type { AppContext } from '../../app/app-context.js';
import { render } from '../../i18n/catalogue.js';
import { inboxFor } from '../webhook-inbox.js';

const errorAnswer = {
  type: 'object',
  properties: {
    error: { type: 'string', description: 'Stable token: NotFound, BadSignature, Unreadable' },
    message: { type: 'string', description: "What went wrong, in the application's language" },
  },
} as const;

export function registerHookRoutes(server: FastifyInstance, app: AppContext): void {
  const inbox = inboxFor(app);
  void server.register(async (hooks) => {
    hooks.removeAllContentTypeParsers();
    hooks.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    hooks.post<{ Params: { kind: string; profile: string }; Body: Buffer }>('/hooks/:kind/:profile', {
      schema: {
        summary: 'Receive a shop webhook delivery',
        description: 'A delivery of the shop (order created or updated, or the ping of a new webhook), verified with the profile\'s webhook secret. ' +
          'Answered at once; the order is imported in the background (orders.import, trigger webhook). The same delivery twice imports once.',
        tags: ['hooks'],
        params: {
          type: 'object',
          properties: {
            kind: { type: 'string', description: 'Shop kind of the profile (woocommerce)' },
            profile: { type: 'string', description: 'Profile name' },
          },
          required: ['kind', 'profile'],
        },
        response: {
          200: {
            type: 'object',
            description: 'Delivery accepted',
            properties: { received: { type: 'string', enum: ['ping', 'order', 'duplicate', 'ignored'], description: 'What the delivery was' } },
          },
          400: { ...errorAnswer, description: 'A delivery the platform does not make' },
          401: { ...errorAnswer, description: 'Signature missing or wrong (journalled in the profile\'s journal)' },
          404: { ...errorAnswer, description: 'No such profile, another shop kind, or webhooks not enabled for it' },
        },
      } as FastifySchema, // summary, description and tags are read by the OpenAPI generator
    }, async (req, reply) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const answer = inbox.receive(req.params.kind, req.params.profile, raw, req.headers, req.ip);
      const body = 'message' in answer.body ? { ...answer.body, message: render(answer.body.message, app.language()) } : answer.body;
      return reply.code(answer.status).send(body);
    });
  });
}
