/** Opens the GesCom a profile names, through the adapter of its kind. */
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError } from '../errors.js';
import { msg } from '../i18n/catalogue.js';
import { EmbeddedGesCom } from './embedded/embedded-gescom.js';
import type { GesComPort } from './port.js';

export interface GesComSettings {
  kind: string;
  db: string;
}

/** `profile` names the profile in the message when the database file is not there. */
export function openGesCom(settings: GesComSettings, profile?: string): GesComPort {
  switch (settings.kind) {
    case 'embedded':
      // Say which option holds the path, not how to create a sample company: the merchant's file is what is missing.
      if (profile && settings.db !== ':memory:' && !fs.existsSync(settings.db)) {
        throw new ConfigError(msg('profile.gescomMissing', { file: path.resolve(settings.db), profile }), `profile ${profile}`, 'gescom.db');
      }
      return EmbeddedGesCom.open(settings.db);
    default:
      // Sage 50c is reached through its own database engine, which this machine cannot run: say so plainly.
      throw new ConfigError(
        `GesCom « ${settings.kind} » pas encore pris en charge (seule « embedded » l'est) / GesCom "${settings.kind}" not supported yet (only "embedded" is)`,
        'profile', 'gescom.kind',
      );
  }
}
