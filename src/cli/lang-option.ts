/** A language given on the command line (`--lang`, `settings set language`), checked once for every command. */
import { ConfigError } from '../errors.js';
import { LANGS, msg, type Lang } from '../i18n/catalogue.js';

export function parseLang(value: string, option: string, entity: string, field: string): Lang {
  if (!LANGS.includes(value as Lang)) throw new ConfigError(msg('cli.langExpected', { option, value }), entity, field);
  return value as Lang;
}
