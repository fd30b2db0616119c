/**
 * POST /api/profiles/:name/mail/test: sends the profile's test e-mail (PRF-07) and answers with
 * the SMTP server's answer. A wrong or missing option answers 400 naming it; a server that
 * refused (connection, authentication, recipients) answers 502 with its answer quoted.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/app-context.js';
import { errorMessage } from '../../errors.js';
import { MailError } from '../../notify/mailer.js';
import { sendTestMail } from '../../notify/test-mail.js';
import { acceptedLanguage } from '../server.js';

const errorSchema = {
  type: 'object',
  description: 'What went wrong, in the reader\'s language, with the profile and the option at fault',
  properties: {
    error: { type: 'string', description: 'Error class: ConfigError (an option to fix), MailError (the server refused)' },
    message: { type: 'string', description: 'One line naming the profile and the option; the server\'s answer quoted, never a password' },
    entity: { type: 'string', description: 'The profile, e.g. "profile demo"' },
    field: { type: 'string', description: 'The option to look at, e.g. smtp.password' },
  },
} as const;

const testSchema = {
  summary: 'Send a test e-mail',
  description: 'Sends a test e-mail through the profile\'s SMTP settings (smtp.*) to smtp.testRecipients, or to the addresses given, and returns the server\'s answer.',
  tags: ['mail'],
  params: {
    type: 'object',
    required: ['name'],
    properties: { name: { type: 'string', description: 'Profile name' } },
  },
  body: {
    type: ['object', 'null'],
    additionalProperties: false,
    properties: {
      to: {
        description: 'Recipients instead of smtp.testRecipients: an array of addresses, or one string separated by commas or semicolons',
        anyOf: [{ type: 'string', maxLength: 5000 }, { type: 'array', items: { type: 'string', maxLength: 254 }, maxItems: 20 }],
      },
    },
  },
  response: {
    200: {
      type: 'object',
      description: 'The message was handed to the server',
      properties: {
        host: { type: 'string', description: 'SMTP server (smtp.host)' },
        port: { type: 'integer', description: 'SMTP port (smtp.port)' },
        to: { type: 'array', items: { type: 'string' }, description: 'Recipients the message was sent to' },
        response: { type: 'string', description: 'The server\'s last answer, e.g. "250 OK: queued"' },
        accepted: { type: 'array', items: { type: 'string' }, description: 'Recipients the server accepted' },
        rejected: { type: 'array', items: { type: 'string' }, description: 'Recipients the server refused' },
        messageId: { type: 'string', description: 'Message-ID header of the message sent' },
      },
    },
    400: errorSchema,
    404: errorSchema,
    502: errorSchema,
  },
} as const;

export function registerMailRoutes(server: FastifyInstance, app: AppContext): void {
  server.post<{ Params: { name: string }; Body: { to?: string | string[] } | null }>('/api/profiles/:name/mail/test', { schema: testSchema }, async (req, reply) => {
    const profile = app.profiles.load(req.params.name);
    try {
      return await sendTestMail(app.messages, profile, req.body?.to);
    } catch (err) {
      if (!(err instanceof MailError)) throw err;
      // The server refused: not the request's fault, the gateway's.
      const lang = acceptedLanguage(req.headers['accept-language']) ?? app.language();
      return reply.code(502).send({ error: err.name, message: errorMessage(err, lang), entity: err.entity, field: err.field });
    }
  });
}
