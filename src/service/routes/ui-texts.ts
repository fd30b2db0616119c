/**
 * GET /api/ui-texts/:lang: the web UI's texts a merchant or translator changed (PRF-05), the "ui."
 * keys of <data folder>/i18n/<lang>.json without their prefix. The page applies them over its own
 * tables; the file is read on each call, so a change shows at the next page load, no restart.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app/app-context.js';
import { LANGS, readOverrides, UI_KEY_PREFIX, type Lang } from '../../i18n/catalogue.js';

const reply = {
  type: 'object',
  description: 'The changed texts of the web UI in that language, by key (area.key)',
  properties: { texts: { type: 'object', additionalProperties: { type: 'string' } } },
  required: ['texts'],
} as const;

export function registerUiTextRoutes(server: FastifyInstance, app: AppContext): void {
  server.get<{ Params: { lang: Lang } }>('/api/ui-texts/:lang', {
    schema: {
      tags: ['service'], summary: 'Texts of the web UI changed in the data folder',
      description: 'The "ui." keys of <data folder>/i18n/<lang>.json, without the prefix; {} when there is none.',
      params: { type: 'object', required: ['lang'], properties: { lang: { type: 'string', enum: [...LANGS], description: 'fr or en' } } },
      response: { 200: reply },
    },
  }, async (req) => {
    const texts: Record<string, string> = {};
    for (const [key, text] of Object.entries(readOverrides(app.dir.i18nDir, req.params.lang))) {
      if (key.startsWith(UI_KEY_PREFIX)) texts[key.slice(UI_KEY_PREFIX.length)] = text;
    }
    return { texts };
  });
}
