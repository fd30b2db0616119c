/**
 * What the runner hands an action so that the run is recorded (a real run) or previewed (--dry-run):
 * in a preview the action works on an in-memory copy of the state store and of the GesCom company,
 * its shop writes are recorded and not sent, and its profile changes are reported, not saved. The
 * run itself (lock, history) stays in the real state store.
 */
import type { AppContext } from '../../app/app-context.js';
import { ConfigError } from '../../errors.js';
import type { GesComPort } from '../../gescom/port.js';
import { msg } from '../../i18n/catalogue.js';
import { secretKeys } from '../../profile/options.js';
import type { Profile } from '../../profile/schema.js';
import type { ShopPort } from '../../shops/port.js';
import type { StateStore } from '../../state/state-store.js';
import type { ActionContext } from '../action.js';
import { changed, flatten } from './fields.js';
import { PreviewStore } from './preview-store.js';
import { Recorder } from './recorder.js';
import { recordingGesCom } from './recording-gescom.js';
import { recordingShop } from './recording-shop.js';
import type { PreviewReport } from './report.js';

export class RunRecording {
  readonly recorder: Recorder;
  private stateCopy: StateStore | null = null;
  private gescomCopy: GesComPort | null = null;

  constructor(private readonly app: AppContext, private readonly meta: { runId: number; profile: string; action: string }, readonly preview: boolean) {
    this.recorder = new Recorder(preview, new PreviewStore(app.state.db), meta);
    if (preview) this.stateCopy = app.state.inMemoryCopy();
  }

  /** The state store the action works on: a copy in a preview (bindings, transfer dates, claimed orders stay as they are). */
  get state(): StateStore {
    return this.stateCopy ?? this.app.state;
  }

  /** The GesCom the action works on: in a preview, the company's working copy; refused when the adapter has none. */
  gescom(real: GesComPort): GesComPort {
    if (!this.preview) return recordingGesCom(real, this.recorder);
    if (!real.previewCopy) {
      throw new ConfigError(msg('preview.gescomCannotCopy', { kind: real.kind }), `profile ${this.meta.profile}`, 'gescom.kind');
    }
    this.gescomCopy = real.previewCopy();
    return recordingGesCom(this.gescomCopy, this.recorder);
  }

  wrapShop(outer: ActionContext['wrapShop']): (shop: ShopPort) => ShopPort {
    return (shop) => recordingShop(outer ? outer(shop) : shop, this.recorder);
  }

  /** ctx.updateProfile: the change is reported (secrets masked); a preview does not save it. */
  updateProfile(change: (p: Profile) => Profile): void {
    const current = this.app.profiles.load(this.meta.profile);
    const next = change(current);
    const secrets = new Set(secretKeys());
    const changes = changed(flatten(current), flatten(next))
      .map((c) => (secrets.has(c.field) ? { field: c.field, old: '***', new: '***' } : c));
    if (changes.length) this.recorder.add({ side: 'profile', entity: 'profile', op: 'update', key: this.meta.profile, changes, ok: true });
    if (this.preview) {
      this.recorder.note(msg('preview.note.profileKept'));
      return;
    }
    this.app.profiles.save(next);
  }

  /** Closes the copies; saves and returns the report. */
  finish(): PreviewReport {
    this.gescomCopy?.close();
    this.stateCopy?.close();
    return this.recorder.finish();
  }
}
