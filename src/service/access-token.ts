/**
 * The service's access token (access.ts asks for it on /api and /metrics). Looked for, in order:
 * `--token-file PATH`, PASSERELLE_TOKEN, PASSERELLE_TOKEN_FILE (a container secret), then the token
 * `passerelle service token` generated, kept encrypted in the data folder (service-token) and shown
 * only when generated.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { AppContext } from '../app/app-context.js';
import { ensureDataDir, writeFileAtomic } from '../config/data-dir.js';
import { decryptSecret, encryptSecret, loadOrCreateKey } from '../config/secrets.js';
import { ConfigError } from '../errors.js';
import { msg } from '../i18n/catalogue.js';

export type TokenOrigin = 'token-file' | 'PASSERELLE_TOKEN' | 'PASSERELLE_TOKEN_FILE' | 'stored';

/** Long enough that guessing it over the network is hopeless. */
const MIN_LENGTH = 16;

export function storedTokenFile(app: AppContext): string {
  return path.join(app.dir.root, 'service-token');
}

function checked(token: string, where: string): string {
  const t = token.trim();
  if (t.length < MIN_LENGTH || /\s/.test(t)) throw new ConfigError(msg('ops.token.tooShort', { where, min: MIN_LENGTH }), 'service', 'token');
  return t;
}

function readTokenFile(file: string, where: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(msg('ops.token.fileUnreadable', { file, detail: (err as NodeJS.ErrnoException).code ?? String(err) }), 'service', where);
  }
  return checked(text, file);
}

/** The token in force and where it came from, or null when there is none. */
export function resolveToken(app: AppContext, opts: { tokenFile?: string } = {}, env: NodeJS.ProcessEnv = process.env): { token: string; origin: TokenOrigin } | null {
  if (opts.tokenFile) return { token: readTokenFile(path.resolve(opts.tokenFile), 'token-file'), origin: 'token-file' };
  if (env.PASSERELLE_TOKEN) return { token: checked(env.PASSERELLE_TOKEN, 'PASSERELLE_TOKEN'), origin: 'PASSERELLE_TOKEN' };
  if (env.PASSERELLE_TOKEN_FILE) return { token: readTokenFile(path.resolve(env.PASSERELLE_TOKEN_FILE), 'PASSERELLE_TOKEN_FILE'), origin: 'PASSERELLE_TOKEN_FILE' };
  const stored = storedTokenFile(app);
  if (!fs.existsSync(stored)) return null;
  const key = loadOrCreateKey(app.dir.keyFile);
  return { token: decryptSecret(key, fs.readFileSync(stored, 'utf8').trim(), 'service token'), origin: 'stored' };
}

/** A new random token, kept encrypted in the data folder (replacing the previous one); returned in clear once. */
export function generateToken(app: AppContext): string {
  const token = crypto.randomBytes(32).toString('base64url');
  ensureDataDir(app.dir);
  const key = loadOrCreateKey(app.dir.keyFile);
  writeFileAtomic(storedTokenFile(app), encryptSecret(key, token) + '\n', 0o600);
  return token;
}

/** Forgets the stored token; false when there was none. */
export function removeToken(app: AppContext): boolean {
  const file = storedTokenFile(app);
  if (!fs.existsSync(file)) return false;
  fs.unlinkSync(file);
  return true;
}
