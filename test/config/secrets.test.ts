import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  checkPassword, decryptSecret, decryptWithPassphrase, encryptSecret, encryptWithPassphrase, hashPassword, isEncrypted,
  loadOrCreateKey, passphraseKey,
} from '../../src/config/secrets.js';
import { configError } from '../support/assertions.js';

const KEY = crypto.randomBytes(32);
const OTHER = crypto.randomBytes(32);
const PLAIN = 'cs_def456-Secret/with:colons+ünïcödé';

let tmp: string;
let savedEnv: string | undefined;

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'passerelle-secrets-'));
  savedEnv = process.env.PASSERELLE_SECRET_KEY;
  delete process.env.PASSERELLE_SECRET_KEY;
});

afterEach(() => {
  if (savedEnv === undefined) delete process.env.PASSERELLE_SECRET_KEY;
  else process.env.PASSERELLE_SECRET_KEY = savedEnv;
  fs.rmSync(tmp, { recursive: true, force: true });
});


describe('encryptSecret / decryptSecret', () => {
  it('round-trips a secret', () => {
    const sealed = encryptSecret(KEY, PLAIN);
    expect(sealed.startsWith('enc:v1:')).toBe(true);
    expect(isEncrypted(sealed)).toBe(true);
    expect(decryptSecret(KEY, sealed)).toBe(PLAIN);
  });

  it('gives a different ciphertext each time, never containing the plain text', () => {
    const a = encryptSecret(KEY, PLAIN);
    const b = encryptSecret(KEY, PLAIN);
    expect(a).not.toBe(b);
    for (const s of [a, b]) {
      expect(s).not.toContain(PLAIN);
      expect(s).not.toContain('cs_def456');
      expect(s).not.toContain(Buffer.from(PLAIN).toString('base64'));
    }
    expect(decryptSecret(KEY, a)).toBe(PLAIN);
    expect(decryptSecret(KEY, b)).toBe(PLAIN);
  });

  it('refuses the wrong key with a ConfigError naming what was being read', () => {
    const sealed = encryptSecret(KEY, PLAIN);
    const err = configError(() => decryptSecret(OTHER, sealed, 'profile p1 shop.key'));
    expect(err.entity).toBe('profile p1 shop.key');
    expect(err.message).not.toContain(PLAIN);
  });

  it('refuses a tampered ciphertext and a truncated value', () => {
    const sealed = encryptSecret(KEY, PLAIN);
    const parts = sealed.split(':');
    const ct = Buffer.from(parts[4]!, 'base64');
    ct[0] = ct[0]! ^ 0xff;
    parts[4] = ct.toString('base64');
    configError(() => decryptSecret(KEY, parts.join(':')));
    configError(() => decryptSecret(KEY, 'enc:v1:abc'));
  });

  it('leaves empty and already-encrypted values as they are', () => {
    expect(encryptSecret(KEY, '')).toBe('');
    const sealed = encryptSecret(KEY, PLAIN);
    expect(encryptSecret(KEY, sealed)).toBe(sealed);
  });

  it('reads a value that was never encrypted as plain text', () => {
    expect(decryptSecret(KEY, 'legacy-plain')).toBe('legacy-plain');
    expect(isEncrypted('legacy-plain')).toBe(false);
  });
});

describe('loadOrCreateKey', () => {
  it('creates a 0600 key file holding a 32-byte key, then reuses it', () => {
    const file = path.join(tmp, 'sub', 'secret.key');
    const key = loadOrCreateKey(file);
    expect(key.length).toBe(32);
    expect(fs.existsSync(file)).toBe(true);
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(fs.readFileSync(file, 'utf8').trim(), 'base64').equals(key)).toBe(true);

    const again = loadOrCreateKey(file);
    expect(again.equals(key)).toBe(true);
    // A value encrypted with the first key opens with the reloaded one.
    expect(decryptSecret(again, encryptSecret(key, PLAIN))).toBe(PLAIN);
  });

  it('creates different keys in different folders', () => {
    const a = loadOrCreateKey(path.join(tmp, 'a.key'));
    const b = loadOrCreateKey(path.join(tmp, 'b.key'));
    expect(a.equals(b)).toBe(false);
  });

  it('refuses a key file that does not hold 32 bytes', () => {
    const file = path.join(tmp, 'secret.key');
    fs.writeFileSync(file, Buffer.alloc(16).toString('base64'));
    const err = configError(() => loadOrCreateKey(file));
    expect(err.message).toContain(file);
  });

  it('PASSERELLE_SECRET_KEY overrides the key file and writes nothing', () => {
    const file = path.join(tmp, 'secret.key');
    const fromFile = loadOrCreateKey(file);

    process.env.PASSERELLE_SECRET_KEY = 'a passphrase kept outside the data folder';
    const fromEnv = loadOrCreateKey(file);
    expect(fromEnv.length).toBe(32);
    expect(fromEnv.equals(fromFile)).toBe(false);
    expect(loadOrCreateKey(path.join(tmp, 'elsewhere.key')).equals(fromEnv)).toBe(true);
    expect(fs.existsSync(path.join(tmp, 'elsewhere.key'))).toBe(false);

    delete process.env.PASSERELLE_SECRET_KEY;
    expect(loadOrCreateKey(file).equals(fromFile)).toBe(true);
  });
});

describe('passphrase encryption (exports)', () => {
  const salt = crypto.randomBytes(16);

  it('round-trips with the key derived from the same passphrase and salt', () => {
    const sealed = encryptWithPassphrase(passphraseKey('correct horse', salt), PLAIN);
    expect(sealed.startsWith('encp:v1:')).toBe(true);
    expect(sealed).not.toContain(PLAIN);
    expect(isEncrypted(sealed)).toBe(true);
    expect(decryptWithPassphrase(passphraseKey('correct horse', salt), sealed)).toBe(PLAIN);
  });

  it('derives a 32-byte key that depends on passphrase and salt', () => {
    const k = passphraseKey('correct horse', salt);
    expect(k.length).toBe(32);
    expect(passphraseKey('correct horse', salt).equals(k)).toBe(true);
    expect(passphraseKey('correct horsf', salt).equals(k)).toBe(false);
    expect(passphraseKey('correct horse', crypto.randomBytes(16)).equals(k)).toBe(false);
  });

  it('refuses a wrong passphrase with a ConfigError', () => {
    const sealed = encryptWithPassphrase(passphraseKey('correct horse', salt), PLAIN);
    const err = configError(() => decryptWithPassphrase(passphraseKey('wrong', salt), sealed, 'backup shop.key'));
    expect(err.entity).toBe('backup shop.key');
  });

  it('keeps an empty value empty', () => {
    expect(encryptWithPassphrase(passphraseKey('x', salt), '')).toBe('');
    expect(decryptWithPassphrase(passphraseKey('x', salt), '')).toBe('');
  });
});

describe('options password', () => {
  it('hashes with a salt and checks the password', () => {
    const stored = hashPassword('s3cret!');
    expect(stored.startsWith('scrypt:')).toBe(true);
    expect(stored).not.toContain('s3cret!');
    expect(hashPassword('s3cret!')).not.toBe(stored);
    expect(checkPassword('s3cret!', stored)).toBe(true);
    expect(checkPassword('s3cret', stored)).toBe(false);
    expect(checkPassword('', stored)).toBe(false);
  });

  it('refuses a stored value that is not a scrypt hash', () => {
    expect(checkPassword('x', '')).toBe(false);
    expect(checkPassword('x', 'bcrypt:abc:def')).toBe(false);
    expect(checkPassword('x', 'scrypt::')).toBe(false);
  });
});
