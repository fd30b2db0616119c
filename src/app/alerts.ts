/**
 * Alerts: something a person must hear about outside any run (a shop disabled our webhook and it
 * was registered again, a subscription could not be restored…). Whoever notices emits one;
 * listeners (e-mail notifications, metrics, the web UI) act on it. The emitter writes nothing itself.
 */
import { EventEmitter } from 'node:events';
import type { Text } from '../i18n/catalogue.js';

export interface Alert {
  profile: string;
  /** A short stable token for machines ('webhook.reregistered', 'webhook.lost'…). */
  code: string;
  /** What happened, as a catalogue text (rendered in each reader's language). */
  text: Text;
  at: string;
}

export const alerts = new EventEmitter<{ alert: [Alert] }>();

export function raiseAlert(alert: Omit<Alert, 'at'> & { at?: string }): void {
  alerts.emit('alert', { ...alert, at: alert.at ?? new Date().toISOString() });
}
