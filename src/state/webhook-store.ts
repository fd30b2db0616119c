/**
 * Webhook deliveries already received, so that the same delivery twice imports once (a shop
 * re-sending, a proxy repeating). Kept in the state store's SQLite file, in a table of its own.
 *
 * The key is the shop's delivery id with the order id: WooCommerce makes its delivery id from the
 * webhook id and the current second (wp_hash(id . time)), so two orders of one second delivered by
 * one webhook share it; with the order id each keeps its own key, and a repeat of either is
 * still one key.
 */
import type Database from 'better-sqlite3';

/** How long a delivery is remembered: shops retry within hours, not weeks. */
const KEEP_DAYS = 30;
const PURGE_EVERY_MS = 60 * 60 * 1000;

export class WebhookStore {
  private lastPurge = 0;

  constructor(private readonly db: Database.Database, private readonly now: () => Date = () => new Date()) {
    db.exec(`CREATE TABLE IF NOT EXISTS webhook_deliveries (profile TEXT NOT NULL, delivery_key TEXT NOT NULL, topic TEXT NOT NULL,
      order_id TEXT NOT NULL, received_at TEXT NOT NULL, PRIMARY KEY (profile, delivery_key))`);
  }

  /** Records a delivery; false when it was already received (a repeat). */
  record(profile: string, d: { deliveryId: string; orderId: string; topic: string }): boolean {
    this.purge();
    // A delivery without id (a shop or proxy dropping the header) is never taken for a repeat.
    const key = d.deliveryId ? `${d.deliveryId}:${d.orderId}` : `-:${d.orderId}:${this.now().getTime()}:${Math.random()}`;
    const r = this.db.prepare('INSERT OR IGNORE INTO webhook_deliveries (profile, delivery_key, topic, order_id, received_at) VALUES (?, ?, ?, ?, ?)')
      .run(profile, key, d.topic, d.orderId, this.now().toISOString());
    return r.changes === 1;
  }

  /** Deliveries received for a profile (newest first). */
  received(profile: string, limit = 100): { deliveryKey: string; topic: string; orderId: string; receivedAt: string }[] {
    return (this.db.prepare('SELECT delivery_key, topic, order_id, received_at FROM webhook_deliveries WHERE profile = ? ORDER BY received_at DESC LIMIT ?')
      .all(profile, limit) as { delivery_key: string; topic: string; order_id: string; received_at: string }[])
      .map((r) => ({ deliveryKey: r.delivery_key, topic: r.topic, orderId: r.order_id, receivedAt: r.received_at }));
  }

  private purge(): void {
    const now = this.now().getTime();
    if (now - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = now;
    this.db.prepare('DELETE FROM webhook_deliveries WHERE received_at < ?').run(new Date(now - KEEP_DAYS * 86_400_000).toISOString());
  }
}
