/**
 * PLACEHOLDER until the orders part lands on main (another engineer's file, same class name):
 * PsShop's orderSource() builds it.
 */
import type { OrderSource } from '../port.js';
import type { ShopSettings } from '../adapter.js';
import type { PsWebservice } from './webservice.js';

export class PsOrderSource implements OrderSource {
  constructor(readonly ws: PsWebservice, readonly o: { settings: ShopSettings; shopId: string }) {}

  async *orders(): AsyncIterable<never[]> {
    // Placeholder: no orders read yet.
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
