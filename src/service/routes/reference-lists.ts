/**
 * GET /api/profiles/:name/lists: what the profile's GesCom and shop really hold, for the mapping
 * grids of the profile dialog. Each side answers on its own: a shop that refuses its keys or does
 * not answer leaves the GesCom's lists, and its part carries the error (message, entity, field).
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type {} from '@fastify/swagger';
import type { AppContext } from '../../app/app-context.js';
import { referenceLists, type ReferenceLists } from '../../actions/reference-lists.js';
import type { Lang } from '../../i18n/catalogue.js';
import type { ApiReferenceLists } from '../api-types-mapping.js';
import { errorReply } from '../schemas.js';

// A field renamed on one side fails the typecheck here rather than in the browser.
const fits: [ReferenceLists] extends [ApiReferenceLists] ? true : false = true;
void fits;

const item = {
  type: 'object',
  properties: {
    id: { type: 'string', description: 'The value the profile stores' },
    label: { type: 'string', description: 'What a person reads' },
    rate: { type: 'string', description: 'Percentage of a tax or VAT code ("20", "5.5")' },
    name: { type: 'string', description: 'Name of a shop tax as orders carry it' },
  },
  required: ['id', 'label'],
} as const;
const items = (description: string) => ({ type: 'array', items: item, description }) as const;

/** One side's answer: its kind, its lists, or why it could not be read (an error body, as the API's). */
const sideSchema = (lists: Record<string, unknown>) => ({
  type: 'object',
  properties: { kind: { type: 'string' }, lists: { type: 'object', properties: lists }, error: errorReply },
}) as const;

const listsSchema = {
  summary: 'What the GesCom and the shop hold, for the mapping grids',
  description: 'Reference data read live through the ports: GesCom VAT codes, payment modes, bank journals, depots, price categories, accounting categories, currencies, document types (and articles matching `articles`); shop tax classes and rates, payment methods, order statuses, carriers, customer groups, countries, zones, currencies (a list the platform lacks is absent). A side that cannot be read carries `error`; the answer is still 200.',
  tags: ['profiles'],
  params: { type: 'object', required: ['name'], properties: { name: { type: 'string', description: 'Profile name' } } },
  querystring: {
    type: 'object',
    additionalProperties: false,
    properties: {
      articles: { type: 'string', maxLength: 100, description: 'Also list the GesCom articles whose code or designation holds this text (at most 50)' },
      side: { type: 'string', enum: ['gescom', 'shop'], description: 'Read only this side (the other one is left out, without error)' },
    },
  },
  response: {
    200: {
      type: 'object',
      properties: {
        profile: { type: 'string' },
        gescom: sideSchema({
          vatCodes: items('VAT codes (rate in `rate`)'), paymentModes: items('Payment modes'), bankJournals: items('Bank journals'),
          depots: items('Depots'), priceCategories: items('Price categories (id 1 = Tarif 1)'), accountingCategories: items('Accounting categories'),
          currencies: items('Currencies'), documentTypes: items('Document types'), documentStates: items('Document types and "paid"'),
          articles: items('Articles matching the `articles` query'),
        }),
        shop: sideSchema({
          taxClasses: items('Product tax classes or rule groups'), taxes: items('Tax rates (name, rate)'), paymentMethods: items('Payment methods'),
          orderStatuses: items('Order statuses'), carriers: items('Carriers or shipping methods'), customerGroups: items('Customer groups'),
          countries: items('Countries'), zones: items('Zones'), currencies: items('Currencies'),
        }),
      },
    },
  },
} as const;

export function registerReferenceListRoutes(server: FastifyInstance, app: AppContext, langOf: (req: FastifyRequest) => Lang): void {
  server.get<{ Params: { name: string }; Querystring: { articles?: string; side?: 'gescom' | 'shop' } }>('/api/profiles/:name/lists', { schema: listsSchema }, async (req) => {
    const profile = app.profiles.load(req.params.name);
    return referenceLists(profile, app.state, langOf(req), req.query.articles, req.query.side);
  });
}
