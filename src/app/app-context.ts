/**
 * What every entry point (CLI, service, scheduler) shares: the data folder, the
 * encryption key, the message catalogue, the profile store and the state store.
 * Opened lazily so that `passerelle gescom …` never touches the data folder.
 */
import { ensureDataDir, resolveDataDir, type DataDir } from '../config/data-dir.js';
import { asDataFolderError, guardDataFolder, probeDataFolder } from '../config/data-folder-error.js';
import { ConfigError } from '../errors.js';
import { loadOrCreateKey } from '../config/secrets.js';
import { readSettings } from '../config/settings.js';
import { Messages, setCurrentMessages, type Lang } from '../i18n/catalogue.js';
import { ProfileStore } from '../profile/profile-store.js';
import { StateStore } from '../state/state-store.js';
import type { RunHook } from './run-events.js';
import { RunQueue } from './run-queue.js';

export class AppContext {
  readonly dir: DataDir;
  private _messages?: Messages;
  private _profiles?: ProfileStore;
  private _state?: StateStore;
  private _queue?: RunQueue;
  /** Called by the runner after every run, once it is recorded (run-events.ts); entry points register theirs. */
  readonly afterRun: RunHook[] = [];

  constructor(dataDir?: string) {
    this.dir = resolveDataDir(dataDir);
  }

  get messages(): Messages {
    this._messages ??= new Messages(this.dir.i18nDir);
    return this._messages;
  }

  /**
   * The application's language (`passerelle settings set language`), read without
   * creating the data folder. Unreadable settings fall back to French here: the
   * command that needs them reports the error itself.
   */
  language(): Lang {
    try {
      return readSettings(this.dir.settingsFile).language;
    } catch {
      return 'fr';
    }
  }

  /** Makes this data folder's catalogue (with its i18n overrides) and the application's language the process's. */
  useLanguage(lang: Lang = this.language()): void {
    setCurrentMessages(this.messages, lang);
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

  /** The queue scheduled, webhook and follow-up runs go through (run-queue.ts). */
  get queue(): RunQueue {
    this._queue ??= new RunQueue(this);
    return this._queue;
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
