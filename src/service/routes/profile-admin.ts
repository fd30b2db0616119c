/**
 * Profile management beyond create/read/change/delete (PRF-01, PRF-03), for the web UI's profiles
 * screen and first run; the same operations as `passerelle profile …` and `passerelle demo`:
 *   POST /api/profiles/:name/rename {to}        POST /api/profiles/:name/duplicate {to}
 *   POST /api/profiles/:name/default
 *   POST /api/profiles/export {profiles | all, passphrase?}   -> the backup file (attachment)
 *   POST /api/profiles/import {backup, fileName?, passphrase?, overwrite?}
 *   POST /api/profiles/setup/gescom {source: sample | file, db?}   what that GesCom holds
 *   POST /api/profiles/setup {name, gescom, shop}                  a profile on it (sample built if missing)
 * All under /api/profiles: the options password (PRF-04) guards them as every profile change.
 */
import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type {} from '@fastify/swagger';
import type { AppContext } from '../../app/app-context.js';
import { backupText, parseBackup, renameProfile, setupProfile } from '../../app/profile-admin.js';
import { sampleCompanyFile } from '../../app/sample-company.js';
import { companyFacts } from '../../gescom/embedded/company-file.js';
import { ConfigError } from '../../errors.js';
import { msg } from '../../i18n/catalogue.js';
import { maskSecrets } from '../../profile/options.js';
import type { ProfileBundle } from '../../profile/profile-store.js';
import type { Profile } from '../../profile/schema.js';
import type { ApiProfileSummary } from '../api-types.js';
import type {
  ApiExportBody, ApiGescomFacts, ApiProfileBackup, ApiGescomSource, ApiImportBody, ApiImportResult, ApiProfileChanged, ApiProfileNameBody, ApiSetupBody, ApiSetupResult,
} from '../api-types-profiles.js';
import { errors } from '../schemas.js';

/** Compile-time: the backup the store writes is the one the UI's types describe (api-types-profiles.ts stands alone). */
export const backupTypeFits: [ProfileBundle] extends [ApiProfileBackup] ? true : false = true;

const name = { type: 'string', minLength: 1, maxLength: 64, description: 'Profile name' } as const;
const params = { type: 'object', properties: { name }, required: ['name'] } as const;
const summary = {
  type: 'object', description: 'A profile in short',
  properties: { name, default: { type: 'boolean' }, gescom: { type: 'string' }, shop: { type: 'string' }, url: { type: 'string' } },
} as const;
const changed = {
  type: 'object', description: 'The profile in short and the default profile now',
  properties: { profile: summary, defaultProfile: { type: ['string', 'null'] } },
} as const;
const nameBody = {
  type: 'object', required: ['to'], additionalProperties: false,
  properties: { to: { ...name, description: 'The new name' } },
} as const;
const gescomSource = {
  type: 'object', required: ['source'], additionalProperties: false, description: 'The sample company (built in the data folder when missing), or an existing company file',
  properties: {
    source: { type: 'string', enum: ['sample', 'file'] },
    db: { type: 'string', minLength: 1, maxLength: 1024, description: 'Absolute path of the company file (source file)' },
  },
} as const;
const facts = {
  type: 'object', description: 'The company file and what it holds',
  properties: {
    db: { type: 'string' }, exists: { type: 'boolean', description: 'false: the sample company is not built yet' },
    company: { type: 'object', properties: { name: { type: 'string' }, currency: { type: 'string' }, articles: { type: 'integer' }, customers: { type: 'integer' } } },
  },
} as const;

function summaryOf(app: AppContext, p: Profile): ApiProfileSummary {
  return { name: p.name, default: app.profiles.settings().defaultProfile === p.name, gescom: p.gescom.kind, shop: p.shop.kind, url: p.shop.url };
}

function changedOf(app: AppContext, p: Profile): ApiProfileChanged {
  return { profile: summaryOf(app, p), defaultProfile: app.profiles.settings().defaultProfile };
}

function sourceOf(g: { source: 'sample' | 'file'; db?: string }): ApiGescomSource {
  if (g.source === 'sample') return { source: 'sample' };
  if (!g.db) throw new ConfigError(msg('service.fieldRequired', { field: 'gescom.db' }), 'gescom', 'gescom.db');
  return { source: 'file', db: g.db };
}

async function gescomFacts(app: AppContext, source: ApiGescomSource): Promise<ApiGescomFacts> {
  const db = source.source === 'sample' ? sampleCompanyFile(app) : source.db;
  if (source.source === 'sample' && !fs.existsSync(db)) return { db, exists: false };
  const f = await companyFacts(db, 'gescom');
  return { db, exists: true, company: { name: f.company, currency: f.currency, articles: f.articles, customers: f.customers } };
}

export function registerProfileAdminRoutes(server: FastifyInstance, app: AppContext): void {
  server.post<{ Params: { name: string }; Body: ApiProfileNameBody }>('/api/profiles/:name/rename', {
    schema: {
      tags: ['profiles'], summary: 'Rename a profile', description: 'Its history, links and imported orders follow the new name; the default profile too.',
      params, body: nameBody, response: { 200: changed, ...errors(400, 404) },
    },
  }, async (req): Promise<ApiProfileChanged> => changedOf(app, renameProfile(app, req.params.name, req.body.to)));

  server.post<{ Params: { name: string }; Body: ApiProfileNameBody }>('/api/profiles/:name/duplicate', {
    schema: {
      tags: ['profiles'], summary: 'Duplicate a profile', description: 'Every option, secrets and shop identity included, under the new name.',
      params, body: nameBody, response: { 201: changed, ...errors(400, 404) },
    },
  }, async (req, reply) => reply.code(201).send(changedOf(app, app.profiles.duplicate(req.params.name, req.body.to))));

  server.post<{ Params: { name: string } }>('/api/profiles/:name/default', {
    schema: {
      tags: ['profiles'], summary: 'Make a profile the default one', description: 'The profile commands and the UI use when none is named.',
      params, response: { 200: changed, ...errors(404) },
    },
  }, async (req): Promise<ApiProfileChanged> => {
    app.profiles.setDefault(req.params.name);
    return changedOf(app, app.profiles.loadMasked(req.params.name));
  });

  server.post<{ Body: ApiExportBody }>('/api/profiles/export', {
    schema: {
      tags: ['profiles'], summary: 'Back up profiles to a file',
      description: 'The file of `passerelle profile export`: the named profiles, or all of them with the settings (`all`). '
        + 'Secrets are left out, or encrypted under `passphrase` (needed again to import them).',
      body: {
        type: 'object', additionalProperties: false,
        properties: {
          profiles: { type: 'array', items: name, maxItems: 1000, description: 'Profiles to back up (default: the default profile)' },
          all: { type: 'boolean', description: 'Every profile and the settings' },
          passphrase: { type: 'string', minLength: 1, maxLength: 1024, description: 'Encrypts the secrets into the backup' },
        },
      },
      response: { 200: { type: 'object', additionalProperties: true, description: 'The backup (format passerelle-profiles, version 1)' }, ...errors(400, 404) },
    },
  }, async (req, reply) => {
    const names = req.body.all ? 'all' : req.body.profiles?.length ? req.body.profiles : [app.profiles.resolveName()];
    const bundle = app.profiles.exportBundle(names, req.body.passphrase);
    const stem = names === 'all' ? 'profils' : names.length === 1 ? names[0]! : 'profils';
    const file = `passerelle-${stem}-${bundle.exportedAt.slice(0, 10)}.json`;
    return reply
      .header('content-disposition', `attachment; filename="${file.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file)}`)
      .header('cache-control', 'no-store')
      .type('application/json; charset=utf-8')
      .send(backupText(bundle));
  });

  server.post<{ Body: ApiImportBody }>('/api/profiles/import', {
    schema: {
      tags: ['profiles'], summary: 'Restore profiles from a backup file',
      description: 'The rules of `passerelle profile import`: all or nothing; an existing profile needs `overwrite`; a backup with secrets needs its passphrase; '
        + 'a backup without secrets keeps the secrets of the profiles it overwrites.',
      body: {
        type: 'object', required: ['backup'], additionalProperties: false,
        properties: {
          backup: { type: 'string', maxLength: 900_000, description: 'The backup file\'s text' },
          fileName: { type: 'string', maxLength: 255, description: 'The file\'s name, to name it in an error' },
          passphrase: { type: 'string', maxLength: 1024, description: 'The passphrase of a backup with secrets' },
          overwrite: { type: 'boolean', description: 'Replace profiles of the same name' },
        },
      },
      response: {
        200: {
          type: 'object', description: 'What was restored',
          properties: {
            imported: { type: 'array', items: { type: 'string' } },
            secretsKept: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, keys: { type: 'array', items: { type: 'string' } } } } },
            defaultProfile: { type: ['string', 'null'] },
          },
        },
        ...errors(400),
      },
    },
  }, async (req): Promise<ApiImportResult> => {
    const bundle = parseBackup(req.body.backup, req.body.fileName ?? 'backup');
    const result = app.profiles.importBundle(bundle, { passphrase: req.body.passphrase || undefined, overwrite: req.body.overwrite === true });
    return { imported: result.profiles.map((p) => p.name), secretsKept: result.secretsKept, defaultProfile: app.profiles.settings().defaultProfile };
  });

  server.post<{ Body: { source: 'sample' | 'file'; db?: string } }>('/api/profiles/setup/gescom', {
    schema: {
      tags: ['profiles'], summary: 'Look at a GesCom before a profile points at it',
      description: 'The sample company (its file in the data folder, built by the set-up when missing) or an existing company file: absolute path, a Passerelle GesCom database.',
      body: gescomSource, response: { 200: facts, ...errors(400) },
    },
  }, async (req): Promise<ApiGescomFacts> => gescomFacts(app, sourceOf(req.body)));

  server.post<{ Body: ApiSetupBody & { gescom: { source: 'sample' | 'file'; db?: string } } }>('/api/profiles/setup', {
    schema: {
      tags: ['profiles'], summary: 'Create a profile on a GesCom and a shop',
      description: 'As a first run does: on the sample company (built in the data folder when missing, with its GesCom-side settings, as `passerelle demo init`) '
        + 'or on an existing company file (checked); the shop: kind, url and the kind\'s keys. Secrets are masked in the answer.',
      body: {
        type: 'object', required: ['name', 'gescom', 'shop'], additionalProperties: false,
        properties: {
          name, gescom: gescomSource,
          shop: { type: 'object', additionalProperties: true, description: 'kind, url and the kind\'s own options (woocommerce: {key, secret}…)' },
        },
      },
      response: {
        201: {
          type: 'object', description: 'The profile made',
          properties: { profile: summary, db: { type: 'string' }, sampleCreated: { type: 'boolean' }, defaultProfile: { type: ['string', 'null'] } },
        },
        ...errors(400),
      },
    },
  }, async (req, reply) => {
    const result = await setupProfile(app, { name: req.body.name, gescom: sourceOf(req.body.gescom), shop: req.body.shop });
    const answer: ApiSetupResult = { ...changedOf(app, maskSecrets(result.profile)), db: result.db, sampleCreated: result.sampleCreated };
    return reply.code(201).send(answer);
  });
}
