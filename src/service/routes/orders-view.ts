/**
 * The orders view of the web UI (issue 10; CMD-01, CMD-13):
 *   GET  /api/profiles/:name/orders?period=|from=&to=&status=   the shop's orders with their state here
 *   POST /api/profiles/:name/orders/preview  {ids}              the documents they would make (a preview run, nothing written)
 *   POST /api/profiles/:name/orders/reset    {ids} | {all}      forget them as transferred (orders reset)
 *   POST /api/profiles/:name/orders/reimport {ids}              import them now (a run, 202 + its id: follow its journal)
 * The list is read by src/app/orders-overview.ts; the runs go through the service's RunManager as
 * POST /api/runs does (a run of the profile in progress answers 409). A shop that cannot be read
 * answers 502 with its words.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
// Its types add summary, description and tags to route schemas (the OpenAPI document).
import type {} from '@fastify/swagger';
import { ORDERS_ACTION } from '../../actions/order-actions.js';
import { PreviewStore } from '../../actions/preview/preview-store.js';
import type { DocumentPreview } from '../../actions/preview/report.js';
import type { AppContext } from '../../app/app-context.js';
import { resetIdsOf, resetTransferredOrders } from '../../app/order-reset.js';
import { ordersOverview, type OverviewQuery } from '../../app/orders-overview.js';
import { ConfigError, errorMessage } from '../../errors.js';
import { errors as errorReplies } from '../schemas.js';
import { HttpError } from '../../http/http-error.js';
import { msg, tr, type Lang } from '../../i18n/catalogue.js';
import { runMessageLabel, runStatusLabel } from '../../i18n/labels.js';
import type { JournalEntry } from '../../journal/journal.js';
import type { RunRecord } from '../../state/state-store.js';
import type { ApiOrdersPreview, ApiOrdersReimport, ApiOrdersReset, ApiPreviewDocument } from '../api-types-orders.js';
import type { RunManager } from '../run-manager.js';

// Compile-time: the report's document still fits what the UI is told.
const previewFits: [DocumentPreview] extends [ApiPreviewDocument] ? true : false = true;
void previewFits;

const errors = errorReplies(400, 404, 409, 502);
const nameParams = { type: 'object', required: ['name'], properties: { name: { type: 'string', description: 'Profile name' } } } as const;
const orderId = { type: 'string', minLength: 1, maxLength: 64, pattern: '^[^,\\s]+$', description: 'Shop order id' } as const;
const idsBody = {
  type: 'object', required: ['ids'],
  properties: { ids: { type: 'array', items: orderId, minItems: 1, maxItems: 500, description: 'Shop order ids' } },
} as const;
const open = { type: 'object', additionalProperties: true } as const;
const money = { type: 'string', description: 'Decimal amount as a string' } as const;

const documentSchema = {
  type: 'object', description: 'A GesCom document the order became, with the totals the GesCom computed',
  properties: {
    number: { type: 'string' }, type: { type: 'string' }, date: { type: 'string' }, customerCode: { type: 'string' }, validated: { type: 'boolean' },
    totalHt: money, totalVat: money, totalTtc: money, paid: money, due: money,
  },
} as const;

const listSchema = {
  summary: 'The shop\'s orders of a period with their state here',
  description: 'Reads the orders created in the period from the shop and tells for each whether it is in the GesCom (document numbers and the GesCom\'s totals) or why not (last failed attempt, status not imported, grouped, not yet).',
  tags: ['profiles'],
  params: nameParams,
  querystring: {
    type: 'object',
    properties: {
      period: { type: 'string', enum: ['today', 'yesterday', 'this-week', 'this-month', 'last-month'], description: 'A named period in the profile\'s time zone' },
      from: { type: 'string', maxLength: 40, description: 'First day (YYYY-MM-DD, local) or instant' },
      to: { type: 'string', maxLength: 40, description: 'Last day (YYYY-MM-DD, local) or instant' },
      status: { type: 'string', maxLength: 100, description: 'Only orders of this shop status (the platform\'s own or a canonical state)' },
    },
  },
  response: {
    200: {
      type: 'object', description: 'The period read and its orders, newest first',
      properties: {
        profile: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, timezone: { type: 'string' },
        statuses: { type: 'array', items: { type: 'string' } }, importedStatuses: { type: 'array', items: { type: 'string' } },
        warnings: { type: 'array', items: { type: 'string' } },
        orders: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string' }, number: { type: 'string' }, createdAt: { type: 'string' }, customer: { type: 'string' }, email: { type: 'string' },
              currency: { type: 'string' }, totalTtc: money, shopStatus: { type: 'string' }, shopState: { type: 'string' },
              here: { type: 'string', enum: ['imported', 'inGesCom', 'importing', 'failed', 'skipped', 'excluded', 'grouped', 'notImported'] },
              documents: { type: 'array', items: documentSchema },
              totalsMatch: { type: ['boolean', 'null'], description: 'The GesCom\'s total with tax equals the shop\'s' },
              reason: { type: ['string', 'null'], description: 'Why not imported, in the reader\'s language' },
              field: { type: ['string', 'null'], description: 'The option the reason names' },
              runId: { type: ['integer', 'null'], description: 'The run of the attempt the reason comes from' },
            },
          },
        },
      },
    },
    ...errors,
  },
} as const;

const previewSchema = {
  summary: 'The documents orders would make (preview)',
  description: 'Runs orders.import on these orders as a preview (dryRun): the shop and the GesCom are read, nothing is written. Answers once the preview has run, with the documents as the GesCom would hold them (lines, totals).',
  tags: ['profiles'],
  params: nameParams,
  body: idsBody,
  response: {
    200: {
      type: 'object',
      properties: {
        runId: { type: 'integer' }, status: { type: 'string' }, statusLabel: { type: 'string' }, message: { type: ['string', 'null'] },
        documents: { type: 'array', items: open, description: 'Documents with lines and totals' },
        customers: { type: 'array', items: { type: 'string' }, description: 'Customer accounts it would create' },
        messages: { type: 'array', items: { type: 'object', properties: { level: { type: 'string' }, text: { type: 'string' } } } },
      },
    },
    ...errors,
  },
} as const;

const resetSchema = {
  summary: 'Reset transferred orders (orders reset)',
  description: 'Forgets the orders as transferred, so that the next import reads them again. An order whose document is still in the GesCom is not imported twice: the next import records that document again; those are listed.',
  tags: ['profiles'],
  params: nameParams,
  body: {
    type: 'object',
    properties: {
      ids: { type: 'array', items: orderId, maxItems: 5000, description: 'Shop order ids' },
      all: { type: 'boolean', description: 'Every transferred order of the profile\'s shop' },
    },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        count: { type: 'integer' }, reset: { type: 'array', items: { type: 'string' } }, notRecorded: { type: 'array', items: { type: 'string' } },
        stillInGesCom: { type: 'array', items: { type: 'object', properties: { orderId: { type: 'string' }, documentNumber: { type: 'string' }, message: { type: 'string' } } } },
        gescomChecked: { type: 'boolean' },
      },
    },
    ...errors,
  },
} as const;

const reimportSchema = {
  summary: 'Import orders now',
  description: 'Starts orders.import on these orders (exactly once: an order already in the GesCom is recorded, never written twice). Answers 202 with the run id; follow GET /api/runs/:id/journal.',
  tags: ['profiles'],
  params: nameParams,
  body: idsBody,
  response: { 202: { type: 'object', properties: { runId: { type: 'integer' }, journal: { type: 'string' } } }, ...errors },
} as const;

/** A run started by the manager, waited for: its record and journal lines. */
function runEnd(runs: RunManager, app: AppContext, runId: number): Promise<{ record: RunRecord | null; entries: JournalEntry[] }> {
  return new Promise((resolve) => {
    const entries: JournalEntry[] = [];
    const unsubscribe = runs.follow(runId, (e) => entries.push(e), (record) => resolve({ record, entries }));
    if (!unsubscribe) resolve({ record: app.state.run(runId), entries });
  });
}

export function registerOrdersViewRoutes(server: FastifyInstance, app: AppContext, runs: RunManager, langOf: (req: FastifyRequest) => Lang): void {
  const shopFailed = (req: FastifyRequest, reply: FastifyReply, err: HttpError) =>
    reply.code(502).send({ error: err.name, message: errorMessage(err, langOf(req)), entity: err.entity, field: err.field });

  server.get<{ Params: { name: string }; Querystring: OverviewQuery }>('/api/profiles/:name/orders', { schema: listSchema }, async (req, reply) => {
    try {
      return await ordersOverview(app, req.params.name, req.query ?? {}, langOf(req));
    } catch (err) {
      if (err instanceof HttpError) return shopFailed(req, reply, err);
      throw err;
    }
  });

  server.post<{ Params: { name: string }; Body: { ids: string[] } }>('/api/profiles/:name/orders/preview', { schema: previewSchema }, async (req): Promise<ApiOrdersPreview> => {
    const profile = app.profiles.load(req.params.name).name;
    const runId = await runs.start(profile, ORDERS_ACTION, { orderIds: req.body.ids }, { preview: true });
    const { record, entries } = await runEnd(runs, app, runId);
    const report = new PreviewStore(app.state.db).report(runId);
    const lang = langOf(req);
    const status = record?.status ?? 'failed';
    return {
      runId, status: status === 'running' ? 'failed' : status, statusLabel: runStatusLabel(status, lang), message: runMessageLabel(record?.message ?? null, lang),
      documents: (report?.items ?? []).filter((i) => i.side === 'gescom' && i.entity === 'document' && i.op === 'create' && i.document).map((i) => i.document!),
      customers: (report?.items ?? []).filter((i) => i.side === 'gescom' && i.entity === 'customer' && i.op === 'create').map((i) => i.key),
      messages: entries.filter((e) => e.level === 'warning' || e.level === 'error').map((e) => ({ level: e.level as 'warning' | 'error', text: e.text })),
    };
  });

  server.post<{ Params: { name: string }; Body: { ids?: string[]; all?: boolean } | null }>('/api/profiles/:name/orders/reset', { schema: resetSchema }, async (req): Promise<ApiOrdersReset> => {
    const profile = app.profiles.load(req.params.name);
    const body = req.body ?? {};
    if (body.all !== true && !body.ids?.length) throw new ConfigError(msg('ordersView.idsRequired'), 'orders reset', 'ids');
    const r = await resetTransferredOrders(app, profile, body.all === true ? 'ALL' : resetIdsOf(body.ids!));
    const lang = langOf(req);
    return {
      ...r,
      stillInGesCom: r.stillInGesCom.map((s) => ({ ...s, message: tr('ordersView.reset.stillInGesCom', { order: s.orderId, number: s.documentNumber }, lang) })),
    };
  });

  server.post<{ Params: { name: string }; Body: { ids: string[] } }>('/api/profiles/:name/orders/reimport', { schema: reimportSchema }, async (req, reply) => {
    const profile = app.profiles.load(req.params.name).name;
    const runId = await runs.start(profile, ORDERS_ACTION, { orderIds: req.body.ids });
    const answer: ApiOrdersReimport = { runId, journal: `/api/runs/${runId}/journal` };
    return reply.code(202).send(answer);
  });
}
