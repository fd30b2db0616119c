/**
 * The last failed or skipped import attempt of each shop order, so that the orders view can say why
 * an order is not imported in the words of the run that tried it. Kept in a table of its own in the
 * state database, keyed like transferred orders (shop identity, order id); an order imported since
 * has its attempt forgotten. A preview records into its in-memory copy of the state store: nothing stays.
 */
import type Database from 'better-sqlite3';
import { errorMessage, PasserelleError } from '../errors.js';
import { isText, render, type Lang, type Text } from '../i18n/catalogue.js';
import type { ShopScope } from '../shops/identity.js';
import type { StateStore } from '../state/state-store.js';

export type AttemptOutcome = 'failed' | 'skipped';

export interface OrderAttempt {
  orderId: string;
  runId: number | null;
  at: string;
  outcome: AttemptOutcome;
  /** Why, in each language (a shop's own message stays as the shop wrote it). */
  reason: Record<Lang, string>;
  /** The option or field at fault, when the error named one. */
  field: string | null;
}

const ready = new WeakSet<Database.Database>();

function table(state: StateStore): Database.Database {
  const db = state.db;
  if (!ready.has(db)) {
    db.exec(`CREATE TABLE IF NOT EXISTS order_attempts (shop_key TEXT NOT NULL, shop_order_id TEXT NOT NULL, run_id INTEGER, at TEXT NOT NULL,
      outcome TEXT NOT NULL, reason_fr TEXT NOT NULL, reason_en TEXT NOT NULL, field TEXT, PRIMARY KEY (shop_key, shop_order_id))`);
    ready.add(db);
  }
  return db;
}

/** A reason as each language says it: an error (its catalogue text when it has one), a text, or a shop's own words. */
function reasonOf(why: unknown): { reason: Record<Lang, string>; field: string | null } {
  const say = (lang: Lang) => (typeof why === 'string' ? why : isText(why) ? render(why as Text, lang) : errorMessage(why, lang));
  const field = why instanceof PasserelleError ? why.field ?? null : null;
  return { reason: { fr: say('fr'), en: say('en') }, field };
}

/** Records the attempt (replacing the order's previous one). */
export function noteOrderAttempt(state: StateStore, scope: ShopScope, orderId: string, runId: number | null, outcome: AttemptOutcome, why: unknown): void {
  const { reason, field } = reasonOf(why);
  table(state)
    .prepare(`INSERT OR REPLACE INTO order_attempts (shop_key, shop_order_id, run_id, at, outcome, reason_fr, reason_en, field) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
    .run(scope.shop, orderId, runId, new Date().toISOString(), outcome, reason.fr, reason.en, field);
}

/** The order went through: its earlier failure is no longer the news. */
export function forgetOrderAttempt(state: StateStore, scope: ShopScope, orderId: string): void {
  table(state).prepare('DELETE FROM order_attempts WHERE shop_key = ? AND shop_order_id = ?').run(scope.shop, orderId);
}

/** The recorded attempts of these orders of the shop. */
export function orderAttempts(state: StateStore, scope: ShopScope, orderIds: readonly string[]): Map<string, OrderAttempt> {
  const stmt = table(state).prepare('SELECT * FROM order_attempts WHERE shop_key = ? AND shop_order_id = ?');
  const out = new Map<string, OrderAttempt>();
  for (const id of orderIds) {
    const r = stmt.get(scope.shop, id) as Record<string, unknown> | undefined;
    if (!r) continue;
    out.set(id, {
      orderId: id, runId: r.run_id === null ? null : Number(r.run_id), at: String(r.at), outcome: r.outcome === 'skipped' ? 'skipped' : 'failed',
      reason: { fr: String(r.reason_fr), en: String(r.reason_en) }, field: r.field === null ? null : String(r.field),
    });
  }
  return out;
}
