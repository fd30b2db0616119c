/**
 * The application's settings through the API (the web UI's options window, as `passerelle settings`
 * and `passerelle profile password` on the command line):
 *   GET   /api/settings                      language, default profile, whether an options password is set
 *   PATCH /api/settings {language}           the application's language (CLI, service messages, UI); no password
 *   PUT   /api/settings/options-password {password}   set, change (string) or remove (null) it (PRF-04)
 * Changing the options password needs the current one in X-Options-Password, like any profile change.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '@fastify/swagger';
import type { AppContext } from '../../app/app-context.js';
import { requireOptionsPassword } from '../../config/options-password.js';
import { hashPassword } from '../../config/secrets.js';
import type { Settings } from '../../config/settings.js';
import { ConfigError } from '../../errors.js';
import { msg } from '../../i18n/catalogue.js';
import type { ApiOptionsPasswordChange, ApiSettings, ApiSettingsChange } from '../api-types-settings.js';
import { errorReply } from '../schemas.js';

/** As `passerelle profile password --new`. */
export const OPTIONS_PASSWORD_MIN = 6;

const settingsReply = {
  type: 'object',
  description: 'The application settings; the options password only as set or not, never its hash',
  properties: {
    language: { type: 'string', enum: ['fr', 'en'], description: 'Language of the command line, the service\'s messages and the web UI' },
    defaultProfile: { type: ['string', 'null'], description: 'The profile opened by default' },
    optionsPasswordSet: { type: 'boolean', description: 'Whether changing options needs the options password (PRF-04)' },
  },
} as const;

const refused = (description: string) => ({ ...errorReply, description });

function view(s: Settings): ApiSettings {
  return { language: s.language, defaultProfile: s.defaultProfile, optionsPasswordSet: s.optionsPasswordHash !== null };
}

function givenPassword(req: FastifyRequest): string {
  const header = req.headers['x-options-password'];
  return (Array.isArray(header) ? header[0] : header) ?? '';
}

export function registerSettingsRoutes(server: FastifyInstance, app: AppContext): void {
  server.get('/api/settings', {
    schema: { tags: ['service'], summary: 'Application settings', response: { 200: settingsReply } },
  }, async (): Promise<ApiSettings> => view(app.profiles.settings()));

  server.patch<{ Body: ApiSettingsChange }>('/api/settings', {
    schema: {
      tags: ['service'], summary: 'Change the application settings',
      description: 'The language of the command line, the service\'s messages and the web UI (as `passerelle settings set language`).',
      body: {
        type: 'object', additionalProperties: false,
        properties: { language: { type: 'string', enum: ['fr', 'en'], description: 'fr or en' } },
      },
      response: { 200: settingsReply, 400: refused('A setting that does not exist or a value it cannot take') },
    },
  }, async (req): Promise<ApiSettings> => {
    const { language } = req.body ?? {};
    return view(language ? app.profiles.updateSettings({ language }) : app.profiles.settings());
  });

  server.put<{ Body: ApiOptionsPasswordChange }>('/api/settings/options-password', {
    schema: {
      tags: ['service'], summary: 'Set, change or remove the options password (PRF-04)',
      description: `With a password set, changing profiles (and this password) needs it in X-Options-Password; the language (PATCH /api/settings) does not, `
        + `as \`passerelle settings set language\` does not. A new one has ${OPTIONS_PASSWORD_MIN} characters at least; `
        + 'null removes the protection. Needs the current one in X-Options-Password when one is set.',
      body: {
        type: 'object', required: ['password'], additionalProperties: false,
        properties: { password: { type: ['string', 'null'], maxLength: 200, description: 'The new password, or null to remove it' } },
      },
      response: { 200: settingsReply, 400: refused('A password too short') },
    },
  }, async (req): Promise<ApiSettings> => {
    requireOptionsPassword(app.profiles.settings(), givenPassword(req));
    const { password } = req.body;
    if (password === null) return view(app.profiles.updateSettings({ optionsPasswordHash: null }));
    if (password.length < OPTIONS_PASSWORD_MIN) {
      throw new ConfigError(msg('settings.passwordTooShort', { min: OPTIONS_PASSWORD_MIN }), 'settings', 'password');
    }
    return view(app.profiles.updateSettings({ optionsPasswordHash: hashPassword(password) }));
  });
}
