/** Opens the GesCom a profile names, through the adapter of its kind. */
import { ConfigError } from '../errors.js';
import { EmbeddedGesCom } from './embedded/embedded-gescom.js';
import type { GesComPort } from './port.js';
import { msg } from '../i18n/catalogue.js';

export interface GesComSettings {
  kind: string;
  db: string;
}

export function openGesCom(settings: GesComSettings): GesComPort {
  switch (settings.kind) {
    case 'embedded':
      return EmbeddedGesCom.open(settings.db);
    default:
      // Sage 50c is reached through its own database engine, which this machine cannot run: say so plainly.
      throw new ConfigError(
        msg('gescom.err.kindNotSupported', { kind: settings.kind }),
        'profile', 'gescom.kind',
      );
  }
}
