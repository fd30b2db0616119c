/** What an action is: a named job run for one profile, reading one port and writing the other. */
import type { GesComPort } from '../gescom/port.js';
import type { RequestMeter } from '../http/http-client.js';
import type { MessageKey } from '../i18n/catalogue.js';
import type { Journal } from '../journal/journal.js';
import type { Profile } from '../profile/schema.js';
import type { ShopPort } from '../shops/port.js';
import type { StateStore } from '../state/state-store.js';

export interface ActionContext {
  profile: Profile;
  gescom: GesComPort;
  state: StateStore;
  journal: Journal;
  runId: number;
  params: Record<string, unknown>;
  /** Aborted when the run is cancelled (service) or the process is asked to stop. */
  signal: AbortSignal;
  now: () => Date;
  /** Requests this run sends to the shop: every client the run opens counts into it (shopOf does). */
  http: RequestMeter;
  /** Wraps the shop the run opens (tests and benchmarks: a shop without some capability, a counting proxy). */
  wrapShop?: (shop: ShopPort) => ShopPort;
  /** Changes the stored profile (transfer dates after a run); re-read first so a concurrent edit is kept. */
  updateProfile: (change: (p: Profile) => Profile) => void;
}

export interface ActionDef {
  /** "gescom.check", "products.export"… */
  name: string;
  /** Catalogue key of the action's name as the journal says it ("l'export des articles"). */
  titleKey: MessageKey;
  description: { fr: string; en: string };
  /** Whether the action needs a shop configured in the profile. */
  needsShop: boolean;
  /** A check (gescom.check, shop.check): one failed check fails the run, see run-status.ts. */
  check?: boolean;
  run(ctx: ActionContext): Promise<void>;
}
