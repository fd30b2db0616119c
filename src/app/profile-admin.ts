/**
 * Profile operations that touch more than the profile store (the state database, the GesCom file,
 * a backup's text), shared by the CLI (`passerelle profile …`) and the service's routes
 * (src/service/routes/profile-admin.ts) so that both behave alike.
 */
import { companyFacts } from '../gescom/embedded/company-file.js';
import { ConfigError } from '../errors.js';
import { msg } from '../i18n/catalogue.js';
import type { ProfileBundle } from '../profile/profile-store.js';
import type { Profile } from '../profile/schema.js';
import type { AppContext } from './app-context.js';
import { demoSettings, sampleCompanyDb } from './sample-company.js';

/** Renames a profile and carries its history, links and imported orders over to the new name. */
export function renameProfile(app: AppContext, from: string, to: string): Profile {
  const saved = app.profiles.rename(from, to);
  app.state.renameProfile(from, to);
  return saved;
}

/** A backup as written to a file: the same text from `profile export --file` and from the service. */
export function backupText(bundle: ProfileBundle): string {
  return JSON.stringify(bundle, null, 2) + '\n';
}

/** A backup file's text as a bundle for ProfileStore.importBundle; `file` names it in the error. */
export function parseBackup(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ConfigError(msg('cli.unreadableBackup', { file, reason: (err as Error).message }), 'backup', 'file');
  }
}

export type GescomSource = { source: 'sample' } | { source: 'file'; db: string };

export interface SetupResult {
  profile: Profile;
  /** The company database the profile points at. */
  db: string;
  /** True when the sample company was built for this profile. */
  sampleCreated: boolean;
}

/**
 * A new profile on a GesCom and a shop, as a first run makes it: on the sample company (built in
 * the data folder when missing, as `passerelle demo init` does, with the sample's GesCom-side
 * settings so that every action works at once), or on an existing company file, checked first.
 */
export async function setupProfile(app: AppContext, input: { name: string; gescom: GescomSource; shop: Record<string, unknown> }): Promise<SetupResult> {
  const entity = `profile ${input.name}`;
  if (app.profiles.exists(input.name)) throw new ConfigError(msg('profiles.exists', { name: input.name }), entity, 'name');
  if (input.gescom.source === 'sample') {
    const { db, created } = await sampleCompanyDb(app);
    const kind = typeof input.shop.kind === 'string' ? input.shop.kind : undefined;
    const profile = app.profiles.create({ ...demoSettings(db, kind), name: input.name, shop: input.shop });
    return { profile, db, sampleCreated: created };
  }
  const { db } = await companyFacts(input.gescom.db, entity);
  const profile = app.profiles.create({ name: input.name, gescom: { kind: 'embedded', db }, shop: input.shop });
  return { profile, db, sampleCreated: false };
}
