/**
 * Company database files of the embedded GesCom: build one (the sample company or a generated one),
 * and look at a file a person names before a profile points at it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError, GesComError } from '../../errors.js';
import { msg } from '../../i18n/catalogue.js';
import { EmbeddedGesCom } from './embedded-gescom.js';
import { generateCompany } from './generated-company.js';
import { loadCompany } from './load-company.js';
import { GESCOM_APPLICATION_ID } from './migrations.js';
import { sampleCompany } from './sample-company.js';

export async function createCompanyDb(db: string, company: 'sample' | { articles: number; customers: number; seed: number }, force = false) {
  if (fs.existsSync(db)) {
    if (!force) throw new GesComError(msg('cli.gescom.fileExists', { file: db }), 'gescom', 'db');
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(db + suffix, { force: true });
  }
  const g = EmbeddedGesCom.open(db, { create: true });
  try {
    return await loadCompany(g, company === 'sample' ? sampleCompany() : generateCompany(company));
  } finally {
    g.close();
  }
}

export interface CompanyFacts {
  db: string;
  company: string;
  currency: string;
  articles: number;
  customers: number;
}

/**
 * What an existing company file holds, after checking that it is one: an absolute path (the service
 * has no folder to resolve a relative one against), a file that exists, and a SQLite database marked
 * as ours. Read-only until then: opening any other file as a GesCom would turn an empty one into a
 * company. Errors name `entity` and the option `gescom.db`.
 */
export async function companyFacts(db: string, entity: string): Promise<CompanyFacts> {
  const field = 'gescom.db';
  if (!path.isAbsolute(db)) throw new ConfigError(msg('profile.relativePath', { option: field, value: db }), entity, field);
  if (!fs.existsSync(db)) throw new ConfigError(msg('profileAdmin.gescomFileMissing', { file: db }), entity, field);
  if (!fs.statSync(db).isFile()) throw new ConfigError(msg('profileAdmin.gescomNotAFile', { file: db }), entity, field);
  let appId: unknown;
  try {
    const probe = new Database(db, { readonly: true, fileMustExist: true });
    try {
      appId = probe.pragma('application_id', { simple: true });
    } finally {
      probe.close();
    }
  } catch (err) {
    // SQLite's own words are English: the reason in the catalogue's, with SQLite's code for the curious.
    const code = (err as { code?: string }).code ?? 'SQLITE_ERROR';
    const reason = code === 'SQLITE_NOTADB' ? msg('profileAdmin.notSqlite') : msg('profileAdmin.unreadableSqlite', { code });
    throw new ConfigError(msg('profileAdmin.notAGescomDb', { file: db, reason }), entity, field);
  }
  if (appId !== GESCOM_APPLICATION_ID) throw new ConfigError(msg('profileAdmin.notAGescomDb', { file: db, reason: msg('profileAdmin.otherSqlite') }), entity, field);
  const g = EmbeddedGesCom.open(db);
  try {
    const company = await g.company();
    return { db, company: company.name, currency: company.currencyCode, articles: await g.countArticles(), customers: await g.countCustomers({ includeProspects: false }) };
  } finally {
    g.close();
  }
}
