/** PRF-04: changing options asks for the options password when one is set (CLI flag, env or API header). */
import { ConfigError } from '../errors.js';
import { msg } from '../i18n/catalogue.js';
import { checkPassword } from './secrets.js';
import type { Settings } from './settings.js';

export function requireOptionsPassword(settings: Settings, given: string | undefined): void {
  const hash = settings.optionsPasswordHash;
  if (!hash) return;
  // The service passes "" for a missing header: no environment fallback there.
  const password = given ?? process.env.PASSERELLE_OPTIONS_PASSWORD;
  // Missing and wrong are told apart: "give it" and "check it" are different fixes.
  if (!password) throw new ConfigError(msg('cli.err.optionsPasswordMissing'), 'settings', 'optionsPassword');
  if (!checkPassword(password, hash)) throw new ConfigError(msg('cli.err.optionsPasswordWrong'), 'settings', 'optionsPassword');
}
