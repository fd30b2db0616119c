/**
 * Secrets at rest: AES-256-GCM with a key kept apart from the profiles (the data
 * folder's secret.key, mode 0600, or PASSERELLE_SECRET_KEY for a key kept outside
 * the folder). An encrypted value reads `enc:v1:<iv>:<tag>:<ciphertext>` (base64).
 * Exports use a key derived from a passphrase (scrypt) so that they move between machines.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { ConfigError } from '../errors.js';
import { writeFileAtomic } from './data-dir.js';
import { msg } from '../i18n/catalogue.js';

const PREFIX = 'enc:v1:';
const PASS_PREFIX = 'encp:v1:';

export function isEncrypted(value: string): boolean {
  return value.startsWith(PREFIX) || value.startsWith(PASS_PREFIX);
}

export function loadOrCreateKey(keyFile: string): Buffer {
  const fromEnv = process.env.PASSERELLE_SECRET_KEY;
  if (fromEnv) return crypto.createHash('sha256').update(fromEnv).digest();
  if (fs.existsSync(keyFile)) {
    const key = Buffer.from(fs.readFileSync(keyFile, 'utf8').trim(), 'base64');
    if (key.length !== 32) throw new ConfigError(msg('config.invalidKey', { file: keyFile }), 'data folder', 'secret.key');
    return key;
  }
  const key = crypto.randomBytes(32);
  writeFileAtomic(keyFile, key.toString('base64') + '\n', 0o600);
  return key;
}

function seal(prefix: string, key: Buffer, plain: string): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const ct = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return `${prefix}${iv.toString('base64')}:${cipher.getAuthTag().toString('base64')}:${ct.toString('base64')}`;
}

function open(prefix: string, key: Buffer, sealed: string, what: string): string {
  const [iv, tag, ct] = sealed.slice(prefix.length).split(':');
  if (!iv || !tag || ct === undefined) throw new ConfigError(msg('config.unreadableSecret'), what);
  try {
    const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(ct, 'base64')), decipher.final()]).toString('utf8');
  } catch {
    throw new ConfigError(msg('config.cannotDecrypt'), what);
  }
}

export function encryptSecret(key: Buffer, plain: string): string {
  return plain === '' || isEncrypted(plain) ? plain : seal(PREFIX, key, plain);
}

export function decryptSecret(key: Buffer, value: string, what = 'secret'): string {
  return value.startsWith(PREFIX) ? open(PREFIX, key, value, what) : value;
}

/** Export format: a per-file salt, the key derived from the passphrase. */
export function passphraseKey(passphrase: string, salt: Buffer): Buffer {
  return crypto.scryptSync(passphrase, salt, 32);
}
export function encryptWithPassphrase(key: Buffer, plain: string): string {
  return plain === '' ? '' : seal(PASS_PREFIX, key, plain);
}
export function decryptWithPassphrase(key: Buffer, value: string, what = 'secret'): string {
  return value.startsWith(PASS_PREFIX) ? open(PASS_PREFIX, key, value, what) : value;
}

/** PRF-04: the options password, stored as a salted scrypt hash. */
export function hashPassword(password: string): string {
  const salt = crypto.randomBytes(16);
  return `scrypt:${salt.toString('base64')}:${crypto.scryptSync(password, salt, 32).toString('base64')}`;
}
export function checkPassword(password: string, stored: string): boolean {
  const [algo, salt, hash] = stored.split(':');
  if (algo !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = crypto.scryptSync(password, Buffer.from(salt, 'base64'), expected.length);
  return crypto.timingSafeEqual(expected, actual);
}
