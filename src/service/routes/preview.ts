/**
 * GET /api/runs/:id/preview: what a preview (dryRun) would do, or what a real run did, entity by
 * entity, with the run's record. POST /api/runs takes `dryRun: true` to start a preview.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
// The route's description and tags are read by the OpenAPI generator (its types add them to the schema).
import type {} from '@fastify/swagger';
import type { AppContext } from '../../app/app-context.js';
import { PreviewStore } from '../../actions/preview/preview-store.js';
import { render, msg, type Lang } from '../../i18n/catalogue.js';

const anyObject = { type: 'object', additionalProperties: true } as const;

export function registerPreviewRoutes(server: FastifyInstance, app: AppContext, langOf: (req: FastifyRequest) => Lang): void {
  server.get<{ Params: { id: string } }>('/api/runs/:id/preview', {
    schema: {
      summary: 'What a run would do (preview) or did',
      description: 'The report of a run: for a preview (dryRun), what it would do; for a real run, what it did. Shop writes (products to create or update with their fields old -> new, stock and price changes, customers, order statuses), GesCom writes (documents with their lines and totals, customers), profile changes.',
      tags: ['runs'],
      params: { type: 'object', properties: { id: { type: 'string', pattern: '^[0-9]+$', description: 'Run id' } }, required: ['id'] },
      response: {
        200: {
          description: 'The run record (with `preview`) and its report',
          type: 'object',
          properties: {
            record: { ...anyObject, description: 'The run as the history holds it' },
            preview: { ...anyObject, description: 'The report: items (side, entity, op, key, shopId, changes [{field, old, new}], document), omitted, notes' },
          },
        },
        404: {
          description: 'No such run, or a run without report (recorded before reports existed, or still running)',
          type: 'object', properties: { error: { type: 'string' }, message: { type: 'string' }, entity: { type: 'string' } },
        },
      },
    },
  }, async (req, reply) => {
    const id = Number(req.params.id);
    const lang = langOf(req);
    const record = app.state.run(id);
    const report = record ? new PreviewStore(app.state.db).report(id) : null;
    if (!record || !report) {
      return reply.code(404).send({ error: 'NotFound', message: render(msg('preview.noReport', { id: String(id) }), lang), entity: `run ${id}` });
    }
    return { record, preview: report };
  });
}
