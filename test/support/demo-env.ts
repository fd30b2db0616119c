/**
 * What the action tests of every shop share: the demo profile of a temp data folder, changed
 * between runs, actions run through the real runner with their journal lines kept, and the
 * GesCom changed between runs. Each shop's support adds its simulator and what the shop holds.
 */
import { runAction } from '../../src/actions/runner.js';
import type { AppContext } from '../../src/app/app-context.js';
import { EmbeddedGesCom } from '../../src/gescom/embedded/embedded-gescom.js';
import type { JournalEntry } from '../../src/journal/journal.js';
import type { Profile } from '../../src/profile/schema.js';
import type { RunRecord } from '../../src/state/state-store.js';

export abstract class DemoEnv {
  lastLines: string[] = [];

  protected constructor(readonly dir: string, readonly app: AppContext, readonly db: string) {}

  profile(): Profile {
    return this.app.profiles.load('demo');
  }

  editProfile(change: (p: Profile) => Profile): Profile {
    return this.app.profiles.save(change(this.app.profiles.load('demo')));
  }

  /** Runs one action on the demo profile (at `now`, the run's clock, when given); the journal lines (progress left out) are kept. */
  protected async runDemo(action: string, params?: Record<string, unknown>, now?: () => Date): Promise<{ record: RunRecord; lines: string[] }> {
    const lines: string[] = [];
    const record = await runAction(this.app, {
      profile: 'demo', action, params: params ?? {}, ...(now ? { now } : {}),
      onEntry: (e: JournalEntry) => {
        if (e.level !== 'progress') lines.push(e.text);
      },
    });
    this.lastLines = lines;
    return { record, lines };
  }

  /** Changes the GesCom between runs (own connection, closed at once). */
  async gescom<T>(change: (g: EmbeddedGesCom) => Promise<T>): Promise<T> {
    const g = EmbeddedGesCom.open(this.db);
    try {
      return await change(g);
    } finally {
      g.close();
    }
  }
}
