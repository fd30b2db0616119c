/**
 * Shopify customers (CLI-01, CLI-02, CLI-03, CLI-05): created and updated with their addresses,
 * the GesCom customer group as a tag (Shopify has no groups), e-mail marketing consent on creation
 * per shop.shopify.marketingConsent. Shopify's Admin API cannot lock a customer account: disabling
 * one tags it `passerelle:disabled`, unsubscribes it from e-mail marketing and notes why, so the
 * merchant's automations and segments leave it out (said in the README).
 */
import { chunk } from '../../http/batch.js';
import { errorText } from '../../errors.js';
import type { CustomerDraft, CustomerGroupDraft } from '../../sync/drafts.js';
import type { ShopAddress } from '../../sync/orders/shop-order.js';
import type { ShopSettings } from '../adapter.js';
import type { CustomerWrite, ItemResult, ShopCustomerRef, ShopCustomerState } from '../port.js';
import { CUSTOMER_CONSENT_UPDATE, CUSTOMER_CREATE, CUSTOMER_TAGS, CUSTOMER_UPDATE, CUSTOMERS, TAGS_ADD } from './documents.js';
import type { Connection, ShopifyGraphql } from './graphql-client.js';
import { customerAddress, type SCustomer } from './order-reader.js';
import type { ShopifyOptions } from './options.js';

export const DISABLED_TAG = 'passerelle:disabled';
export const GROUP_TAG_PREFIX = 'groupe:';

type Page<T> = Connection<T>;

/** "a@b.fr" -> the search term (quoted: e-mails hold characters the search syntax reads). */
function emailTerm(email: string): string {
  return `email:"${email.replace(/["\\]/g, '')}"`;
}

export function mailingAddress(a: ShopAddress): Record<string, unknown> {
  return {
    firstName: a.firstName, lastName: a.lastName, company: a.company, address1: a.line1, address2: a.line2,
    city: a.city, zip: a.postcode, phone: a.phone, ...(a.countryCode ? { countryCode: a.countryCode.toUpperCase() } : {}),
    ...(a.state ? { provinceCode: a.state } : {}),
  };
}

/** The CustomerInput of a draft: everything on creation, what the update switches allow on update. */
export function customerInput(d: CustomerDraft, settings: Pick<ShopSettings, 'customers'>, o: Pick<ShopifyOptions, 'marketingConsent'>,
  existing: { id: string; tags: string[] } | null): Record<string, unknown> {
  const u = settings.customers.updates;
  const update = existing !== null;
  const input: Record<string, unknown> = {};
  if (existing) input.id = existing.id;
  if (!update || u.email) input.email = d.email;
  if (!update || u.names) {
    input.firstName = d.firstName;
    input.lastName = d.lastName;
  }
  if (!update || u.addresses) {
    const addresses = [d.billing, d.shipping].filter((a): a is ShopAddress => a !== null);
    input.addresses = addresses.map(mailingAddress);
  }
  if (!update || u.notes) input.note = d.notes;
  const groupTags = d.group ? [`${GROUP_TAG_PREFIX}${d.group}`] : [];
  if (!update) input.tags = groupTags;
  else if (u.tags) input.tags = groupTags;
  else if (u.group) input.tags = [...existing!.tags.filter((t) => !t.startsWith(GROUP_TAG_PREFIX)), ...groupTags];
  if (!update && o.marketingConsent !== 'unchanged') {
    input.emailMarketingConsent = { marketingState: o.marketingConsent === 'subscribed' ? 'SUBSCRIBED' : 'NOT_SUBSCRIBED', marketingOptInLevel: 'SINGLE_OPT_IN' };
  }
  return input;
}

export class ShopifyCustomers {
  private readonly byEmail = new Map<string, ShopCustomerRef & { tags: string[] }>();
  /** Groups written by this port: a tag exists in the shop only once a customer holds it. */
  private readonly groupsWritten = new Map<string, string>();

  constructor(private readonly gql: ShopifyGraphql, private readonly settings: ShopSettings, private readonly options: ShopifyOptions) {}

  async find(emails: string[]): Promise<Map<string, ShopCustomerRef>> {
    const out = new Map<string, ShopCustomerRef>();
    const wanted = [...new Set(emails.map((e) => e.trim().toLowerCase()).filter((e) => e !== ''))];
    for (const part of chunk(wanted.filter((e) => !this.byEmail.has(e)), 25)) {
      const data = await this.gql.run<{ customers: Page<SCustomer> }>(CUSTOMERS, { query: part.map(emailTerm).join(' OR ') }, 'customers');
      for (const c of data.customers.nodes) {
        const email = (c.defaultEmailAddress?.emailAddress ?? '').toLowerCase();
        if (email) this.byEmail.set(email, { id: c.id, email, tags: c.tags ?? [] });
      }
    }
    for (const e of wanted) {
      const c = this.byEmail.get(e);
      if (c) out.set(e, { id: c.id, email: c.email });
    }
    return out;
  }

  async write(items: CustomerWrite[], opts: { newOnly: boolean }): Promise<ItemResult[]> {
    await this.find(items.map((i) => i.draft.email));
    const results: ItemResult[] = [];
    for (const w of items) {
      const key = w.draft.gescomKey;
      const entity = `customer ${w.draft.customerCode}`;
      const known = this.byEmail.get(w.draft.email.trim().toLowerCase());
      const id = w.shopId ?? known?.id ?? null;
      if (id && opts.newOnly) {
        results.push({ key, ok: true, shopId: id, created: false, error: null });
        continue;
      }
      try {
        const existing = id ? { id, tags: known?.id === id ? known.tags : [] } : null;
        const input = customerInput(w.draft, this.settings, this.options, existing);
        const field = existing ? 'customerUpdate' : 'customerCreate';
        const p = await this.gql.mutate<{ customer: { id: string } | null }>(existing ? CUSTOMER_UPDATE : CUSTOMER_CREATE, { input }, entity, field);
        const shopId = p.customer?.id ?? id;
        if (shopId) this.byEmail.set(w.draft.email.trim().toLowerCase(), { id: shopId, email: w.draft.email, tags: (input.tags as string[] | undefined) ?? existing?.tags ?? [] });
        results.push({ key, ok: true, shopId, created: !existing, error: null });
      } catch (err) {
        results.push({ key, ok: false, shopId: id, created: false, error: errorText(err) });
      }
    }
    return results;
  }

  /**
   * Groups by lower-case name -> the group (its tag without the prefix): those customers hold in the
   * shop and those written by this port since.
   */
  async groups(): Promise<Map<string, string>> {
    const d = await this.gql.run<{ shop: { customerTags: { nodes: string[] } } }>(CUSTOMER_TAGS, {}, 'customers');
    const out = new Map<string, string>();
    for (const t of d.shop.customerTags.nodes) {
      if (t.startsWith(GROUP_TAG_PREFIX)) out.set(t.slice(GROUP_TAG_PREFIX.length).toLocaleLowerCase('fr'), t.slice(GROUP_TAG_PREFIX.length));
    }
    for (const [k, v] of this.groupsWritten) out.set(k, v);
    return out;
  }

  /** A group is a tag: nothing to create in the shop, its name is its id from now on. */
  writeGroups(items: CustomerGroupDraft[]): ItemResult[] {
    return items.map((g) => {
      this.groupsWritten.set(g.name.toLocaleLowerCase('fr'), g.name);
      return { key: g.key, ok: true, shopId: g.name, created: false, error: null };
    });
  }

  async *states(): AsyncIterable<ShopCustomerState[]> {
    for await (const nodes of this.gql.pages(CUSTOMERS, { query: null }, 'customers', (d: { customers: Page<SCustomer> }) => d.customers)) {
      yield nodes.map((c) => {
        const email = c.defaultEmailAddress?.emailAddress ?? '';
        const addresses = c.addressesV2?.nodes ?? [];
        const group = (c.tags ?? []).find((t) => t.startsWith(GROUP_TAG_PREFIX));
        return {
          id: c.id, email, firstName: c.firstName ?? '', lastName: c.lastName ?? '',
          billing: c.defaultAddress ? customerAddress(c.defaultAddress, email) : null,
          shipping: addresses[1] ? customerAddress(addresses[1], email) : null,
          group: group ? group.slice(GROUP_TAG_PREFIX.length) : null,
        };
      });
    }
  }

  /** CLI-03 the Shopify way: tagged, unsubscribed from e-mail marketing (no API locks a customer account). */
  async disable(items: { key: string; shopId: string; email: string }[]): Promise<ItemResult[]> {
    const results: ItemResult[] = [];
    for (const i of items) {
      const entity = `customer ${i.key}`;
      try {
        await this.gql.mutate(TAGS_ADD, { id: i.shopId, tags: [DISABLED_TAG] }, entity, 'tagsAdd');
        await this.gql.mutate(CUSTOMER_CONSENT_UPDATE, {
          input: { customerId: i.shopId, emailMarketingConsent: { marketingState: 'UNSUBSCRIBED', marketingOptInLevel: 'SINGLE_OPT_IN' } },
        }, entity, 'customerEmailMarketingConsentUpdate');
        results.push({ key: i.key, ok: true, shopId: i.shopId, created: false, error: null });
      } catch (err) {
        results.push({ key: i.key, ok: false, shopId: i.shopId, created: false, error: errorText(err) });
      }
    }
    return results;
  }
}
