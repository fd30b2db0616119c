/**
 * PLACEHOLDER until the customers part lands on main (another engineer's file, same class and
 * constructor): PsShop delegates the customer methods of ShopPort here.
 */
import type { CustomerWrite, ItemResult, ShopCustomerRef } from '../port.js';
import type { ShopSettings } from '../adapter.js';
import type { CustomerGroupDraft } from '../../sync/drafts.js';
import type { Text } from '../../i18n/catalogue.js';
import type { PsWebservice } from './webservice.js';

export interface PsCustomersInit {
  ws: PsWebservice;
  settings: ShopSettings;
  options: { shopId: string };
  warn(message: string | Text): void;
  now?: () => Date;
}

export class PsCustomers {
  constructor(private readonly o: PsCustomersInit) {}

  /** Groups by lower-case name -> id. */
  async customerGroups(): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const g of await this.o.ws.list('groups', { display: ['id', 'name'] })) {
      const names = Array.isArray(g.name) ? (g.name as { value: string }[]).map((n) => n.value) : [String(g.name ?? '')];
      for (const n of names) out.set(n.toLocaleLowerCase('fr'), String(g.id));
    }
    return out;
  }

  async writeCustomerGroups(_items: CustomerGroupDraft[]): Promise<ItemResult[]> {
    return [];
  }

  async findCustomersByEmail(_emails: string[]): Promise<Map<string, ShopCustomerRef>> {
    return new Map();
  }

  async writeCustomers(_items: CustomerWrite[], _o: { newOnly: boolean }): Promise<ItemResult[]> {
    return [];
  }

  async disableCustomers(_items: { key: string; shopId: string; email: string }[]): Promise<ItemResult[]> {
    return [];
  }
}
