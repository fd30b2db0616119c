/**
 * What every entry point (CLI, service, scheduler) shares: the data folder, the
 * encryption key, the message catalogue, the profile store and the state store.
 * Opened lazily so that `passerelle gescom …` never touches the data folder.
 */
import { ensureDataDir, resolveDataDir, type DataDir } from '../config/data-dir.js';
import { asDataFolderError, guardDataFolder, probeDataFolder } from '../config/data-folder-error.js';
import { ConfigError } from '../errors.js';
import { loadOrCreateKey } from '../config/secrets.js';
import { Messages } from '../i18n/catalogue.js';
import { ProfileStore } from '../profile/profile-store.js';
import { StateStore } from '../state/state-store.js';

export class AppContext {
  readonly dir: DataDir;
  private _messages?: Messages;
  private _profiles?: ProfileStore;
  private _state?: StateStore;

  constructor(dataDir?: string) {
    this.dir = resolveDataDir(dataDir);
  }

  get messages(): Messages {
    this._messages ??= new Messages(this.dir.i18nDir);
    return this._messages;
  }

  get profiles(): ProfileStore {
    if (!this._profiles) {
      this._profiles = guardDataFolder(this.dir.root, () => {
        ensureDataDir(this.dir);
        return new ProfileStore(this.dir, loadOrCreateKey(this.dir.keyFile));
      });
    }
    return this._profiles;
  }

  get state(): StateStore {
    if (!this._state) {
      this._state = guardDataFolder(this.dir.root, () => {
        ensureDataDir(this.dir);
        return new StateStore(this.dir.stateFile);
      });
    }
    return this._state;
  }

  /**
   * Whether the data folder can be written (and its key and state read): null when
   * it can, else the error a command would meet (read-only, access denied, disk full).
   */
  checkDataFolder(): ConfigError | null {
    const d = this.dir;
    try {
      ensureDataDir(d);
    } catch (err) {
      const mapped = asDataFolderError(err, d.root);
      if (mapped instanceof ConfigError) return mapped;
      throw err;
    }
    return probeDataFolder([d.root, d.profilesDir, d.journalsDir, d.gescomDir], d.root, {
      readable: [d.keyFile], // may be kept read-only on purpose
      writable: [d.stateFile, d.settingsFile],
    });
  }

  close(): void {
    this._state?.close();
  }
}
