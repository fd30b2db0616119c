/**
 * PLACEHOLDER until the orders part lands on main (another engineer's file, same class and
 * constructor): PsShop's orderSource() builds it.
 */
import type { OrderSource } from '../port.js';
import type { ShopSettings } from '../adapter.js';
import type { Text } from '../../i18n/catalogue.js';
import type { PsWebservice } from './webservice.js';

export interface PsOrderSourceInit {
  ws: PsWebservice;
  settings: ShopSettings;
  options?: { shopId?: string | number | null };
  warn?: (message: string | Text) => void;
}

export class PsOrderSource implements OrderSource {
  constructor(readonly o: PsOrderSourceInit) {}

  async *orders(): AsyncIterable<never[]> {
    // Placeholder: no orders read yet.
  }

  ownStatus(value: string): string | null {
    // Placeholder: PrestaShop state names are the orders part's to know.
    return value.trim() || null;
  }

  async order(): Promise<null> {
    return null;
  }

  async setStatus(): Promise<unknown> {
    return undefined;
  }

  async *customersWithoutOrders(): AsyncIterable<never[]> {
    // Placeholder.
  }
}
