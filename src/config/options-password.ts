/** PRF-04: changing options asks for the options password when one is set (CLI flag, env or API header). */
import { ConfigError } from '../errors.js';
import { msg } from '../i18n/catalogue.js';
import { checkPassword } from './secrets.js';
import type { Settings } from './settings.js';

export function requireOptionsPassword(settings: Settings, given: string | undefined): void {
  const hash = settings.optionsPasswordHash;
  if (!hash) return;
  const password = given ?? process.env.PASSERELLE_OPTIONS_PASSWORD;
  if (!password || !checkPassword(password, hash)) {
    throw new ConfigError(msg('profile.passwordRequired'), 'settings', 'optionsPassword');
  }
}
