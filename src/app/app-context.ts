/**
 * What every entry point (CLI, service, scheduler) shares: the data folder, the
 * encryption key, the message catalogue, the profile store and the state store.
 * Opened lazily so that `passerelle gescom …` never touches the data folder.
 */
import { ensureDataDir, resolveDataDir, type DataDir } from '../config/data-dir.js';
import { loadOrCreateKey } from '../config/secrets.js';
import { readSettings } from '../config/settings.js';
import { Messages, setCurrentMessages, type Lang } from '../i18n/catalogue.js';
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
      ensureDataDir(this.dir);
      this._profiles = new ProfileStore(this.dir, loadOrCreateKey(this.dir.keyFile));
    }
    return this._profiles;
  }

  get state(): StateStore {
    if (!this._state) {
      ensureDataDir(this.dir);
      this._state = new StateStore(this.dir.stateFile);
    }
    return this._state;
  }

  close(): void {
    this._state?.close();
  }
}
