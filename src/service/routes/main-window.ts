/**
 * The web UI main window's own routes:
 *   GET  /api/profiles/:name/journal?lines=N   the last N lines of the profile's journal file ("Voir le fichier journal")
 *   POST /api/runs/load-xml                    an order file chosen in the page: kept in the data folder while
 *                                              orders.load-xml imports it ("Charger un fichier XML"), then removed
 * The upload is not under /api/profiles: it runs an action, it does not change the profile (no options password).
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyRequest } from 'fastify';
// Its types add summary, description and tags to route schemas (the OpenAPI document).
import type {} from '@fastify/swagger';
import type { AppContext } from '../../app/app-context.js';
import { ConfigError } from '../../errors.js';
import { msg, type Lang } from '../../i18n/catalogue.js';
import { allMessages } from '../../i18n/messages/index.js';
import { withStatusLabel } from '../../i18n/labels.js';
import { journalFile } from '../../journal/journal.js';
import type { RunManager } from '../run-manager.js';
import { errorReply } from '../schemas.js';
import type { ApiJournalFile, ApiLoadXmlRequest, ApiTaskView } from '../api-types-main-window.js';
import type { TaskView } from '../scheduler.js';

type Fits<A, B> = [A] extends [B] ? true : false;
/** Compile-time: what routes/schedule.ts answers still fits what the main window reads (api-types-main-window.ts). */
export const mainWindowTypesFit: [Fits<TaskView, ApiTaskView>] = [true];

export interface MainWindowRouteDeps {
  app: AppContext;
  runs: RunManager;
  langOf: (req: FastifyRequest) => Lang;
}

/** Lines the journal view asks for by default, and at most (the view is virtualised; the file is bounded by rotation). */
const DEFAULT_LINES = 2000;
const MAX_LINES = 100_000;
/** An order export of a busy month stays well under this. */
const XML_BODY_LIMIT = 32 * 1024 * 1024;

/** The text before the first `{` of a journal message, in both languages: how a file line says its level. */
const prefixes = (key: keyof typeof allMessages): string[] =>
  (['fr', 'en'] as const).map((l) => `--> ${(allMessages[key] as Record<Lang, string>)[l].split('{')[0]!}`);
const LEVELS: { level: ApiJournalFile['lines'][number]['level']; starts: string[] }[] = [
  { level: 'error', starts: [...prefixes('journal.error'), ...prefixes('journal.failed')] },
  { level: 'warning', starts: prefixes('journal.warning') },
  { level: 'success', starts: prefixes('journal.success') },
];
const PROGRESS = /^--> \d+\/\d+ - /;

/** A journal file line's level, read from the manual's format ("2026-07-07 10:00:00 --> Erreur : …"). */
export function lineLevel(line: string): ApiJournalFile['lines'][number]['level'] {
  const text = line.replace(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} /, '');
  for (const l of LEVELS) if (l.starts.some((s) => text.startsWith(s))) return l.level;
  return PROGRESS.test(text) ? 'progress' : 'info';
}

const journalSchema = {
  summary: 'The last lines of a profile\'s journal file',
  description: 'The journal file the runs of the profile write (JRN-01), its last `lines` lines, each with its level read from the line.',
  tags: ['runs'],
  params: { type: 'object', required: ['name'], properties: { name: { type: 'string', description: 'Profile name' } } },
  querystring: {
    type: 'object',
    properties: { lines: { type: 'integer', minimum: 1, maximum: MAX_LINES, default: DEFAULT_LINES, description: 'How many of the last lines' } },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        profile: { type: 'string' }, file: { type: 'string', description: 'The file on the service\'s machine' },
        exists: { type: 'boolean' }, total: { type: 'integer', description: 'Lines in the file' },
        lines: {
          type: 'array',
          items: { type: 'object', properties: { line: { type: 'string' }, level: { type: 'string', enum: ['error', 'warning', 'success', 'progress', 'info'] } } },
        },
      },
    },
    400: errorReply, 404: errorReply,
  },
} as const;

const loadXmlSchema = {
  summary: 'Import the orders of an XML file sent by the caller',
  description: 'The file is kept in the data folder while orders.load-xml imports it, then removed. Answers as POST /api/runs.',
  tags: ['runs'],
  body: {
    type: 'object', required: ['fileName', 'xml'],
    properties: {
      profile: { type: 'string', description: 'Profile name (default: the default profile)' },
      fileName: { type: 'string', maxLength: 200, description: 'The file\'s name, ending in .xml' },
      xml: { type: 'string', description: 'The file\'s text' },
      includeTransferred: { type: 'boolean', description: 'Import orders already transferred again' },
      dryRun: { type: 'boolean', description: 'Preview: what the import would do, nothing written' },
    },
  },
  response: {
    202: {
      type: 'object',
      properties: {
        id: { type: 'integer' }, profile: { type: 'string' }, action: { type: 'string' }, status: { type: 'string' }, statusLabel: { type: 'string' },
        preview: { type: 'boolean' }, journal: { type: 'string' }, report: { type: 'string' },
      },
    },
    400: errorReply, 404: errorReply, 409: errorReply,
  },
} as const;

export function registerMainWindowRoutes(server: FastifyInstance, { app, runs, langOf }: MainWindowRouteDeps): void {
  server.get<{ Params: { name: string }; Querystring: { lines?: number } }>('/api/profiles/:name/journal', { schema: journalSchema }, async (req): Promise<ApiJournalFile> => {
    const profile = app.profiles.load(req.params.name);
    const file = journalFile(app.dir.journalsDir, profile.name);
    if (!fs.existsSync(file)) return { profile: profile.name, file, exists: false, total: 0, lines: [] };
    // Rotation bounds the file's size: reading it whole is what `passerelle journal` does too.
    const all = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
    const wanted = all.slice(-(req.query.lines ?? DEFAULT_LINES));
    return { profile: profile.name, file, exists: true, total: all.length, lines: wanted.map((line) => ({ line, level: lineLevel(line) })) };
  });

  server.post<{ Body: ApiLoadXmlRequest }>('/api/runs/load-xml', { schema: loadXmlSchema, bodyLimit: XML_BODY_LIMIT }, async (req, reply) => {
    const body = req.body;
    const fileName = body.fileName.trim();
    if (!/\.xml$/i.test(fileName) || fileName !== path.basename(fileName) || fileName.startsWith('.')) {
      throw new ConfigError(msg('mainWindow.xmlName', { file: fileName }), 'orders load-xml', 'fileName');
    }
    if (!body.xml.trim()) throw new ConfigError(msg('mainWindow.xmlEmpty', { file: fileName }), 'orders load-xml', 'xml');
    const profile = app.profiles.resolveName(body.profile);
    // A folder per upload keeps the person's file name (the journal shows it) without two uploads meeting.
    const folder = path.join(app.dir.root, 'uploads', crypto.randomBytes(8).toString('hex'));
    fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
    const file = path.join(folder, fileName);
    fs.writeFileSync(file, body.xml, { mode: 0o600 });
    const remove = () => fs.rmSync(folder, { recursive: true, force: true });
    const preview = body.dryRun === true;
    let id: number;
    try {
      id = await runs.start(profile, 'orders.load-xml', { file, includeTransferred: body.includeTransferred === true }, { preview });
    } catch (err) {
      remove();
      throw err;
    }
    const stop = runs.follow(id, () => undefined, () => {
      remove();
      // follow may call this before returning (a run already over): nothing to unsubscribe then.
      queueMicrotask(() => stop?.());
    });
    return reply.code(202).send(withStatusLabel({
      id, profile, action: 'orders.load-xml', status: 'running', preview, journal: `/api/runs/${id}/journal`, ...(preview ? { report: `/api/runs/${id}/preview` } : {}),
    }, langOf(req)));
  });
}
