/**
 * Profiles on disk (PRF-01..PRF-03): one validated JSON document per profile in the
 * data folder's `profiles/`, secrets encrypted at rest, atomic writes. Export and
 * import move profiles between machines: secrets are re-encrypted under a
 * passphrase, or left out when none is given.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DataDir } from '../config/data-dir.js';
import { writeFileAtomic } from '../config/data-dir.js';
import {
  decryptSecret, decryptWithPassphrase, encryptSecret, encryptWithPassphrase, passphraseKey,
} from '../config/secrets.js';
import { readSettings, writeSettings, type Settings } from '../config/settings.js';
import { ConfigError, UnknownProfileError } from '../errors.js';
import { msg, type Text } from '../i18n/catalogue.js';
import { identityOfShopSection } from '../shops/identity.js';
import { getPath, withPath } from '../util/dotted.js';
import { migrateProfile } from './migrations.js';
import { maskSecrets, secretKeys, validateProfile } from './options.js';
import type { Profile } from './schema.js';

const NAME = /^[\p{L}\p{N} _.-]{1,64}$/u;

export interface ProfileBundle {
  format: 'passerelle-profiles';
  version: 1;
  exportedAt: string;
  /** Present when secrets were exported, encrypted under the passphrase. */
  salt: string | null;
  secretsIncluded: boolean;
  profiles: unknown[];
  settings?: Partial<Settings>;
}

export interface DeleteResult {
  /** True when the deleted profile was the default one. */
  defaultChanged: boolean;
  /** The default profile after the deletion (null: none left). */
  defaultProfile: string | null;
}

export interface ImportResult {
  profiles: Profile[];
  /** Profiles overwritten by a backup without secrets, which kept their stored secrets (dotted keys). */
  secretsKept: { name: string; keys: string[] }[];
}

export class ProfileStore {
  constructor(private readonly dir: DataDir, private readonly key: Buffer) {}

  static checkName(name: string): void {
    if (!NAME.test(name) || name.startsWith('.')) {
      throw new ConfigError(
        msg('profiles.invalidName', { name }),
        `profile ${name}`, 'name',
      );
    }
  }

  private file(name: string): string {
    ProfileStore.checkName(name);
    return path.join(this.dir.profilesDir, `${name}.json`);
  }

  list(): string[] {
    if (!fs.existsSync(this.dir.profilesDir)) return [];
    return fs.readdirSync(this.dir.profilesDir).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort((a, b) => a.localeCompare(b));
  }

  exists(name: string): boolean {
    return fs.existsSync(this.file(name));
  }

  private require(name: string): string {
    const file = this.file(name);
    if (!fs.existsSync(file)) {
      const known = this.list();
      throw new UnknownProfileError(
        known.length ? msg('profiles.unknownAmong', { name, known: known.join(', ') }) : msg('profiles.unknown', { name }),
        `profile ${name}`, 'name',
      );
    }
    return file;
  }

  /**
   * Every profile that reads, by name order, secrets in clear; one being edited by hand or otherwise
   * unreadable is left out (the background jobs that walk all profiles try again on their next pass).
   */
  readable(): Profile[] {
    const out: Profile[] = [];
    for (const name of this.list()) {
      try {
        out.push(this.load(name));
      } catch {
        // Said by whatever runs that profile.
      }
    }
    return out;
  }

  /** The profile with secrets in clear, for the engine. Never print it: use `loadMasked`. */
  load(name: string): Profile {
    const file = this.require(name);
    let raw: unknown;
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8'));
    } catch (err) {
      throw new ConfigError(msg('profiles.unreadable', { file, reason: (err as Error).message }), `profile ${name}`);
    }
    let doc = migrateProfile(raw);
    for (const k of secretKeys()) {
      const v = getPath(doc, k);
      if (typeof v === 'string' && v) doc = withPath(doc, k, decryptSecret(this.key, v, `profile ${name} ${k}`));
    }
    return validateProfile(doc);
  }

  loadMasked(name: string): Profile {
    return maskSecrets(this.load(name));
  }

  /** The stored shop identity of a profile file and the shop it points at, without decrypting anything; null when there is no such profile. */
  private storedShop(name: string): { identity: string; points: string } | null {
    const file = this.file(name);
    if (!fs.existsSync(file)) return null;
    try {
      const doc = migrateProfile(JSON.parse(fs.readFileSync(file, 'utf8'))) as { shop?: { identity?: unknown } };
      return { identity: typeof doc.shop?.identity === 'string' ? doc.shop.identity : '', points: identityOfShopSection(doc.shop) };
    } catch {
      return null;
    }
  }

  /**
   * The shop identity is fixed once the profile points at a shop (creation, or the first save with
   * a kind and a URL) and kept by rename and duplicate. When the profile's shop changes later:
   * - an identity set by hand in this save (or emptied, to compute it again) is honoured;
   * - an identity another profile still holds (a duplicate pointed at another shop) is recomputed;
   * - else it is kept, with a notice: it keys the orders already imported, and a shop that moved
   *   to another address must not import them again.
   */
  private fixIdentity(p: Profile, notify: (t: Text) => void): Profile {
    const points = identityOfShopSection(p.shop);
    const current = p.shop.identity;
    if (!points || current === points) return p;
    const withIdentity = (identity: string): Profile => ({ ...p, shop: { ...p.shop, identity } });
    if (!current) return withIdentity(points);
    const previous = this.storedShop(p.name);
    // A new file (created, renamed, duplicated, restored) or an identity changed by hand: as given.
    if (previous === null || previous.identity !== current) return p;
    // The shop did not change in this save (a run recording its dates): nothing to say.
    if (previous.points === points) return p;
    const sharedWith = this.list().filter((n) => n !== p.name && this.storedShop(n)?.identity === current);
    if (sharedWith.length) {
      notify(msg('profiles.identityRecomputed', { name: p.name, from: current, to: points }));
      return withIdentity(points);
    }
    notify(msg('profiles.identityKept', { name: p.name, identity: current, now: points }));
    return p;
  }

  /**
   * Validates and writes; secrets are encrypted before they touch the disk. `notify` hears what
   * happened to the shop identity when the profile's shop changed (see fixIdentity).
   */
  save(profile: unknown, notify: (t: Text) => void = () => {}): Profile {
    const valid = this.fixIdentity(validateProfile(profile), notify);
    let doc: Profile = valid;
    for (const k of secretKeys()) {
      const v = getPath(doc, k);
      if (typeof v === 'string' && v) doc = withPath(doc, k, encryptSecret(this.key, v));
    }
    writeFileAtomic(this.file(valid.name), JSON.stringify(doc, null, 2) + '\n');
    return valid;
  }

  create(input: unknown): Profile {
    const valid = validateProfile(input);
    if (this.exists(valid.name)) throw new ConfigError(msg('profiles.exists', { name: valid.name }), `profile ${valid.name}`, 'name');
    const saved = this.save(valid);
    if (!this.settings().defaultProfile) this.updateSettings({ defaultProfile: valid.name });
    return saved;
  }

  rename(from: string, to: string): Profile {
    const profile = this.load(from);
    if (this.exists(to)) throw new ConfigError(msg('profiles.exists', { name: to }), `profile ${to}`, 'name');
    const saved = this.save({ ...profile, name: to });
    fs.unlinkSync(this.file(from));
    if (this.settings().defaultProfile === from) this.updateSettings({ defaultProfile: to });
    return saved;
  }

  duplicate(from: string, to: string): Profile {
    const profile = this.load(from);
    if (this.exists(to)) throw new ConfigError(msg('profiles.exists', { name: to }), `profile ${to}`, 'name');
    return this.save({ ...profile, name: to });
  }

  /**
   * Deletes a profile. When it was the default, the first remaining profile becomes
   * the default: the result says so, for the caller to tell the user.
   */
  delete(name: string): DeleteResult {
    fs.unlinkSync(this.require(name));
    const current = this.settings().defaultProfile;
    if (current !== name) return { defaultChanged: false, defaultProfile: current };
    const next = this.list()[0] ?? null;
    this.updateSettings({ defaultProfile: next });
    return { defaultChanged: true, defaultProfile: next };
  }

  settings(): Settings {
    return readSettings(this.dir.settingsFile);
  }

  updateSettings(patch: Partial<Settings>): Settings {
    const next = { ...this.settings(), ...patch };
    writeSettings(this.dir.settingsFile, next);
    return next;
  }

  setDefault(name: string): void {
    this.require(name);
    this.updateSettings({ defaultProfile: name });
  }

  /** The profile to use when a command names none: the default one. */
  resolveName(name?: string): string {
    return this.resolve(name).name;
  }

  /** The profile a command runs on, and whether it is the default one (for the command to say so). */
  resolve(name?: string): { name: string; byDefault: boolean } {
    if (name) return { name, byDefault: false };
    const def = this.settings().defaultProfile;
    if (!def) throw new ConfigError(msg('profile.noDefault'), 'profile', 'defaultProfile');
    return { name: def, byDefault: true };
  }

  exportBundle(names: string[] | 'all', passphrase?: string): ProfileBundle {
    const list = names === 'all' ? this.list() : names;
    const salt = passphrase ? crypto.randomBytes(16) : null;
    const exportKey = salt && passphrase ? passphraseKey(passphrase, salt) : null;
    const profiles = list.map((name) => {
      let doc: Profile = this.load(name);
      for (const k of secretKeys()) {
        const v = getPath(doc, k);
        if (typeof v === 'string' && v) doc = withPath(doc, k, exportKey ? encryptWithPassphrase(exportKey, v) : '');
      }
      return doc;
    });
    const { defaultProfile, language } = this.settings();
    return {
      format: 'passerelle-profiles', version: 1, exportedAt: new Date().toISOString(), salt: salt ? salt.toString('base64') : null,
      secretsIncluded: exportKey !== null, profiles, settings: names === 'all' ? { defaultProfile, language } : undefined,
    };
  }

  /**
   * Restores profiles from a backup. A backup made without a passphrase holds no
   * secrets: a profile it overwrites keeps the secrets already stored, rather than
   * losing them silently (`secretsKept` says which).
   */
  importBundle(bundle: unknown, options: { passphrase?: string; overwrite?: boolean } = {}): ImportResult {
    const b = bundle as Partial<ProfileBundle>;
    if (!b || b.format !== 'passerelle-profiles' || b.version !== 1 || !Array.isArray(b.profiles)) {
      throw new ConfigError(msg('profiles.notABackup'), 'backup', 'format');
    }
    if (b.secretsIncluded && !options.passphrase) {
      throw new ConfigError(msg('profiles.needsPassphrase'), 'backup', 'passphrase');
    }
    if (b.secretsIncluded && !b.salt) throw new ConfigError(msg('profiles.saltMissing'), 'backup', 'salt');
    const key = b.secretsIncluded && b.salt ? passphraseKey(options.passphrase!, Buffer.from(b.salt, 'base64')) : null;
    // Validate everything first: an import either lands whole or not at all.
    const secretsKept: ImportResult['secretsKept'] = [];
    const profiles = b.profiles.map((raw) => {
      let doc = migrateProfile(raw);
      for (const k of secretKeys()) {
        const v = getPath(doc, k);
        if (typeof v === 'string' && v && key) doc = withPath(doc, k, decryptWithPassphrase(key, v, `backup ${k}`));
      }
      let p = validateProfile(doc);
      if (this.exists(p.name)) {
        if (!options.overwrite) {
          throw new ConfigError(msg('profile.existsUseOverwrite', { name: p.name }), `profile ${p.name}`, 'name');
        }
        if (!b.secretsIncluded) {
          const current = this.load(p.name);
          const kept: string[] = [];
          for (const k of secretKeys()) {
            const stored = getPath(current, k);
            if (typeof stored === 'string' && stored && !getPath(p, k)) {
              p = withPath(p, k, stored);
              kept.push(k);
            }
          }
          if (kept.length) secretsKept.push({ name: p.name, keys: kept });
        }
      }
      return p;
    });
    const saved = profiles.map((p) => this.save(p));
    if (b.settings?.defaultProfile && this.exists(b.settings.defaultProfile)) this.updateSettings({ defaultProfile: b.settings.defaultProfile });
    else if (!this.settings().defaultProfile && saved[0]) this.updateSettings({ defaultProfile: saved[0].name });
    return { profiles: saved, secretsKept };
  }
}
