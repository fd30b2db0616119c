/**
 * Application settings, beside the profiles: which profile opens by default, the
 * interface language before a profile is chosen, and the optional options
 * password (PRF-04, stored as a scrypt hash).
 */
import fs from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { writeFileAtomic } from './data-dir.js';
import { msg } from '../i18n/catalogue.js';

export const settingsSchema = z
  .object({
    defaultProfile: z.string().nullable().default(null),
    language: z.enum(['fr', 'en']).default('fr'),
    optionsPasswordHash: z.string().nullable().default(null),
  })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;

export function readSettings(file: string): Settings {
  if (!fs.existsSync(file)) return settingsSchema.parse({});
  try {
    return settingsSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch (err) {
    throw new ConfigError(msg('config.unreadableSettings', { file, reason: (err as Error).message }), 'settings');
  }
}

export function writeSettings(file: string, settings: Settings): void {
  writeFileAtomic(file, JSON.stringify(settingsSchema.parse(settings), null, 2) + '\n');
}
